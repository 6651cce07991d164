"""Type stubs of the native part of ``qms``; import ``qms``, not this module.

The result types name the keys of the command's ``--format json``
(``docs/formats.md`` describes each); nested parts not typed here are plain
dicts and lists.
"""

import datetime
import os
from collections.abc import Mapping
from typing import Any, Literal, TypedDict, Union

__version__: str
SCHEMA_VERSION: int

class QmsError(Exception):
    """A qms job could not be done; the message is the library's, with its cause."""

class LoadError(QmsError):
    """The QMS could not be read (a missing directory, not a zip, a broken archive)."""

#: A directory or zip archive on disk, or files in memory as ``check_files`` takes.
Source = Union[str, os.PathLike[str], Mapping[str, Union[str, bytes]]]
#: ``"2012-06-30"`` or a ``datetime.date``; ``None`` is today.
AsOf = Union[str, datetime.date, None]
Lang = Literal["vi", "en"]

class Summary(TypedDict):
    errors: int
    warnings: int
    files: int

class _FindingRequired(TypedDict):
    code: str
    name: str
    level: Literal["error", "warning"]
    message: str

class Finding(_FindingRequired, total=False):
    """A finding; ``file``, ``line`` and ``column`` (one-based) where it has them."""

    file: str
    line: int
    column: int
    sheet: str
    help: str

class Coverage(TypedDict):
    profile: str
    clause_numbering: str
    clauses: list[dict[str, Any]]

class CheckResult(TypedDict):
    schema_version: int
    as_of: str
    profile: str
    findings: list[Finding]
    coverage: Coverage
    objectives: list[dict[str, Any]]
    summary: Summary

# "from" is a Python keyword: the functional form names it.
Period = TypedDict("Period", {"from": str, "to": str, "label": str})

class DossierStats(TypedDict):
    carried_over: int
    received_new: int
    received_by_channel: dict[str, int]
    total: int
    resolved: int
    early: int
    on_time: int
    late: int
    in_progress: int
    not_yet_due: int
    overdue: int
    apologies: int
    late_with_apology: int
    new_appointment_missed: int
    on_time_rate: Union[float, None]

class StatsRow(DossierStats):
    """One group of ``by``: its key (a field, a procedure, ``2012-01``) and its figures."""

    key: str

class StatsResult(TypedDict):
    period: Period
    total: DossierStats
    rows: list[StatsRow]
    bad_rows: int

class PackResult(TypedDict):
    path: str
    entries: int
    bytes: int
    manifest: dict[str, Any]

class VerifyResult(TypedDict):
    intact: bool
    entries: int
    changed: list[str]
    removed: list[str]
    added: list[str]
    problems: list[str]
    too_large: list[str]
    manifest_consistent: bool
    manifest: Union[dict[str, Any], None]
    signature: dict[str, Any]

class RuleInfo(TypedDict):
    code: str
    name: str
    level: Literal["error", "warning", "off"]
    clause: str
    summary: str
    explanation: str

def check(source: Source, as_of: AsOf = None, deny_warnings: bool = False) -> CheckResult:
    """Checks a QMS: the same data as ``qms check --format json``."""

def check_files(
    files: Mapping[str, Union[str, bytes]], as_of: AsOf = None, deny_warnings: bool = False
) -> CheckResult:
    """Checks a QMS held in memory (path -> text or bytes), never touching the disk."""

def coverage(source: Source, as_of: AsOf = None) -> Coverage:
    """The clause matrix: the same data as ``qms coverage --format json``."""

def stats(
    source: Source,
    period: Union[str, tuple[Union[str, datetime.date], Union[str, datetime.date]], None] = None,
    by: Literal["field", "procedure", "month", None] = None,
) -> StatsResult:
    """Dossier statistics of a period (``"2012-H1"``): as ``qms stats --format json``."""

def report(
    source: Source,
    as_of: AsOf = None,
    lang: Union[Lang, None] = None,
    format: Literal["html", "md", "markdown"] = "html",
    template_dir: Union[str, os.PathLike[str], None] = None,
) -> str:
    """The audit report, self-contained HTML or Markdown, as ``qms report`` renders it."""

def pack(
    source: Source,
    out: Union[str, os.PathLike[str]],
    as_of: AsOf = None,
    lang: Union[Lang, None] = None,
) -> PackResult:
    """Writes the evidence pack (a reproducible zip) to ``out``, atomically."""

def verify(path: Union[str, os.PathLike[str]]) -> VerifyResult:
    """Verifies an evidence pack: every hash recomputed, every change named."""

def explain(code: str) -> RuleInfo:
    """A rule, as ``qms explain CODE`` shows it."""

def rules() -> list[RuleInfo]:
    """Every rule, in code order."""
