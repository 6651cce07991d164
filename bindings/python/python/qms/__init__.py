"""qms: quality management as code, from Python.

Check an ISO 9001 quality management system kept as plain files (a
directory, a zip archive, or files held in memory), compute the figures an
auditor asks for, render the audit report and write or verify the
certification evidence pack. The work is done by the Rust library behind the
``qms`` command, with the interpreter released, and every result is the
same data as the command's ``--format json``::

    >>> import qms
    >>> r = qms.check("procedures", as_of="2012-06-30")
    >>> r["summary"]["errors"]
    0

Errors: ``qms.LoadError`` (the QMS cannot be read) is a ``qms.QmsError``
(a job that could not be done); an argument that does not parse (a date,
a period, a language) raises ``ValueError``. Findings are data, not
exceptions. ``docs/python.md`` in the repository describes the API.
"""

from qms._native import (
    SCHEMA_VERSION,
    LoadError,
    QmsError,
    __version__,
    check,
    check_files,
    coverage,
    explain,
    pack,
    report,
    rules,
    stats,
    verify,
)

__all__ = [
    "SCHEMA_VERSION",
    "LoadError",
    "QmsError",
    "__version__",
    "check",
    "check_files",
    "coverage",
    "explain",
    "pack",
    "report",
    "rules",
    "stats",
    "verify",
]
