"""Shared paths and helpers of the qms Python tests.

The tests read the repository's samples (``procedures/``, the Mỹ An town
one-stop desk, and ``examples/injection-moulding/``) and, where a ``qms``
binary is at hand (``QMS_BIN``, else ``target/debug/qms`` of the
repository), compare each result with the command's ``--format json``.
"""

import json
import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
SAMPLE = REPO / "procedures"
MOULDING = REPO / "examples" / "injection-moulding"


def qms_bin():
    """The ``qms`` binary, or None when there is none to compare with."""
    given = os.environ.get("QMS_BIN")
    if given:
        return Path(given)
    built = REPO / "target" / "debug" / "qms"
    return built if built.is_file() else None


@pytest.fixture
def cli_json():
    """Runs ``qms ARGS... --format json`` and returns what it printed, parsed."""
    binary = qms_bin()
    if binary is None:
        pytest.skip("no qms binary: set QMS_BIN or run `cargo build -p qms-cli`")

    def run(*args):
        out = subprocess.run(
            [str(binary), *args, "--format", "json"],
            capture_output=True,
            check=False,
        )
        assert out.returncode in (0, 1), out.stderr.decode()
        return json.loads(out.stdout)

    return run


def sample_files():
    """Every file of the Mỹ An sample as ``{relative path: bytes}``."""
    return {
        p.relative_to(SAMPLE).as_posix(): p.read_bytes()
        for p in sorted(SAMPLE.rglob("*"))
        if p.is_file()
    }
