"""qms.check on the samples: the same data as `qms check --format json`."""

import datetime

import pytest

import qms
from conftest import MOULDING, SAMPLE


def test_the_my_an_sample_is_clean_as_of_30_june_2012():
    r = qms.check(str(SAMPLE), as_of="2012-06-30")
    assert r["summary"] == {"errors": 0, "warnings": 0, "files": 37}
    assert r["findings"] == []
    assert r["as_of"] == "2012-06-30"
    assert r["schema_version"] == qms.SCHEMA_VERSION
    assert r["profile"] == "iso9001:2015"


def test_the_result_is_what_the_command_prints(cli_json):
    assert qms.check(SAMPLE, as_of="2012-06-30") == cli_json(
        "check", str(SAMPLE), "--as-of", "2012-06-30"
    )


def test_a_later_date_finds_what_fell_due(cli_json):
    # At the end of 2013 reviews and audits are overdue: findings to compare.
    r = qms.check(SAMPLE, as_of="2013-12-31")
    assert r["summary"]["errors"] + r["summary"]["warnings"] > 0
    assert all(f["file"] for f in r["findings"] if "line" in f)
    assert r == cli_json("check", str(SAMPLE), "--as-of", "2013-12-31")


def test_deny_warnings_makes_warnings_errors():
    plain = qms.check(SAMPLE, as_of="2013-12-31")
    denied = qms.check(SAMPLE, as_of="2013-12-31", deny_warnings=True)
    assert plain["summary"]["warnings"] > 0
    assert denied["summary"]["warnings"] == 0
    assert (
        denied["summary"]["errors"]
        == plain["summary"]["errors"] + plain["summary"]["warnings"]
    )


def test_the_english_sample_is_clean():
    r = qms.check(MOULDING, as_of="2025-06-30")
    assert (r["summary"]["errors"], r["summary"]["warnings"]) == (0, 0)


def test_a_date_object_is_the_same_day():
    assert qms.check(SAMPLE, as_of=datetime.date(2012, 6, 30)) == qms.check(
        SAMPLE, as_of="2012-06-30"
    )


def test_a_datetime_is_refused():
    with pytest.raises(TypeError, match="datetime.date"):
        qms.check(SAMPLE, as_of=datetime.datetime(2012, 6, 30, 9, 0))


def test_a_date_that_does_not_parse_is_a_value_error():
    with pytest.raises(ValueError, match="2012-02-30"):
        qms.check(SAMPLE, as_of="2012-02-30")


def test_coverage_is_the_matrix_of_the_check(cli_json):
    cov = qms.coverage(SAMPLE, as_of="2012-06-30")
    assert cov == qms.check(SAMPLE, as_of="2012-06-30")["coverage"]
    assert cov == cli_json("coverage", str(SAMPLE), "--as-of", "2012-06-30")
    statuses = {c["status"] for c in cov["clauses"]}
    assert "missing" not in statuses and "partial" not in statuses
