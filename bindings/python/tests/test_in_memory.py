"""qms.check_files: a QMS held in memory, as from an upload or a database.

Each test runs from an empty temporary working directory and names files
that exist nowhere on disk: what is found can only come from the mapping.
"""

import pytest

import qms
from conftest import sample_files

PROCEDURE = "documents/quy-trinh/chung-thuc/QT-CT-01-chung-thuc-ban-sao-tu-ban-chinh.md"


@pytest.fixture(autouse=True)
def empty_working_directory(tmp_path, monkeypatch):
    """Runs each test in an empty directory, and checks it stays empty."""
    monkeypatch.chdir(tmp_path)
    yield
    assert list(tmp_path.iterdir()) == []


def test_a_dict_of_strings_finds_the_defect_at_its_file_and_line():
    files = {
        "qms.toml": '[organisation]\nname = "Harbour Precision"\n'
        '[scope]\nstatement = "Machining"\n',
        "documents/P-01.md": "no front matter\n",
    }
    r = qms.check_files(files, as_of="2025-03-31")
    found = [f for f in r["findings"] if f["code"] == "LOAD003"]
    assert len(found) == 1
    assert (found[0]["file"], found[0]["line"], found[0]["level"]) == (
        "documents/P-01.md",
        1,
        "error",
    )
    assert r["summary"]["files"] == 2
    assert r["summary"]["errors"] >= 1


def test_the_sample_in_memory_is_as_clean_as_on_disk():
    r = qms.check_files(sample_files(), as_of="2012-06-30")
    assert r["summary"] == {"errors": 0, "warnings": 0, "files": 37}


def test_a_procedure_approved_after_its_issue_is_found_at_the_line():
    files = sample_files()
    text = files[PROCEDURE].decode()
    lines = text.splitlines()
    line = lines.index("approved_on = 2011-02-25") + 1
    files[PROCEDURE] = text.replace(
        "approved_on = 2011-02-25", "approved_on = 2011-03-05"
    ).encode()
    r = qms.check_files(files, as_of="2012-06-30")
    assert [(f["code"], f["file"], f["line"]) for f in r["findings"]] == [
        ("DOC005", PROCEDURE, line)
    ]
    assert "2011-03-05" in r["findings"][0]["message"]


def test_a_path_out_of_the_qms_is_refused():
    files = sample_files()
    files["../outside.md"] = "+++\nid = \"X\"\n+++\n"
    r = qms.check_files(files, as_of="2012-06-30")
    assert [f["code"] for f in r["findings"]] == ["LOAD004"]


def test_a_mapping_is_also_what_the_other_functions_read():
    files = sample_files()
    assert qms.stats(files, period="2012-H1")["total"]["received_new"] == 6047
    assert qms.coverage(files, as_of="2012-06-30") == qms.check_files(
        files, as_of="2012-06-30"
    )["coverage"]
    assert "Mỹ An" in qms.report(files, as_of="2012-06-30", format="md")


def test_contents_must_be_text_or_bytes():
    with pytest.raises(TypeError, match="`qms.toml` must be str or bytes"):
        qms.check_files({"qms.toml": 42}, as_of="2012-06-30")


def test_files_must_be_a_mapping():
    with pytest.raises(TypeError, match="mapping"):
        qms.check_files(["qms.toml"], as_of="2012-06-30")


def test_a_report_language_qms_does_not_have_is_an_error():
    files = {
        "qms.toml": '[organisation]\nname = "Harbour Precision"\n'
        '[scope]\nstatement = "Machining"\n[report]\nlang = "fr"\n',
    }
    with pytest.raises(ValueError, match='lang = "fr" is not a report language; the languages are: en, vi'):
        qms.report(files, as_of="2025-03-31")
