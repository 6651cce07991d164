"""qms.stats: the dossier figures of the Mỹ An desk, first half of 2012."""

import datetime

import pytest

import qms
from conftest import MOULDING, SAMPLE


def test_the_first_half_of_2012_is_the_article_s_table():
    s = qms.stats(SAMPLE, period="2012-H1")
    assert s["period"] == {"from": "2012-01-01", "to": "2012-06-30", "label": "2012-H1"}
    t = s["total"]
    assert (t["total"], t["resolved"], t["not_yet_due"], t["late"]) == (6047, 6035, 12, 0)
    assert (t["carried_over"], t["received_new"]) == (0, 6047)
    assert (t["early"], t["on_time"], t["in_progress"], t["overdue"]) == (4274, 1761, 12, 0)
    assert t["on_time_rate"] == 1.0
    assert t["received_by_channel"] == {"bưu chính": 181, "trực tiếp": 5687, "trực tuyến": 179}
    assert s["rows"] == [] and s["bad_rows"] == 0


def test_the_figures_are_what_the_command_prints(cli_json):
    assert qms.stats(SAMPLE, period="2012-H1") == cli_json(
        "stats", str(SAMPLE), "--period", "2012-H1"
    )
    assert qms.stats(SAMPLE, period="2012-H1", by="month") == cli_json(
        "stats", str(SAMPLE), "--period", "2012-H1", "--by", "month"
    )


def test_by_month_adds_up_to_the_total():
    s = qms.stats(SAMPLE, period="2012-H1", by="month")
    assert [r["key"] for r in s["rows"]] == [f"2012-{m:02}" for m in range(1, 7)]
    assert sum(r["received_new"] for r in s["rows"]) == 6047
    assert sum(r["resolved"] for r in s["rows"]) == 6035


def test_a_pair_of_dates_is_a_period():
    s = qms.stats(SAMPLE, period=("2012-01-01", datetime.date(2012, 6, 30)))
    assert s["period"]["label"] == "2012-01-01..2012-06-30"
    assert s["total"] == qms.stats(SAMPLE, period="2012-H1")["total"]


def test_a_bad_period_or_breakdown_is_a_value_error():
    with pytest.raises(ValueError):
        qms.stats(SAMPLE, period="2012-H3")
    with pytest.raises(ValueError, match="after its last day"):
        qms.stats(SAMPLE, period=("2012-06-30", "2012-01-01"))
    with pytest.raises(ValueError, match="no breakdown `week`"):
        qms.stats(SAMPLE, period="2012-H1", by="week")


def test_a_qms_without_a_dossier_register_has_no_stats():
    with pytest.raises(qms.QmsError, match="declares no dossier register"):
        qms.stats(MOULDING, period="2025-H1")
