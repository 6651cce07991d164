"""Errors: qms.LoadError and qms.QmsError carry the library's message."""

import pytest

import qms
from conftest import SAMPLE


def test_a_bad_path_raises_load_error_with_the_path(tmp_path):
    missing = tmp_path / "no-such-qms"
    with pytest.raises(qms.LoadError) as caught:
        qms.check(missing, as_of="2012-06-30")
    text = str(caught.value)
    assert text.startswith(f"cannot read the QMS directory {missing}: ")
    assert "No such file or directory" in text
    assert isinstance(caught.value, qms.QmsError)


def test_a_file_that_is_not_a_qms_raises_load_error(tmp_path):
    not_a_qms = tmp_path / "notes.txt"
    not_a_qms.write_text("hello")
    with pytest.raises(qms.LoadError, match="is not a directory or a zip archive"):
        qms.report(not_a_qms, as_of="2012-06-30")


def test_load_error_is_a_qms_error_is_an_exception():
    assert issubclass(qms.LoadError, qms.QmsError)
    assert issubclass(qms.QmsError, Exception)
    assert qms.LoadError.__module__ == "qms" and qms.QmsError.__module__ == "qms"


def test_a_source_of_another_type_is_a_type_error():
    with pytest.raises(TypeError, match="got int"):
        qms.check(42, as_of="2012-06-30")


def test_an_unknown_language_or_format_is_a_value_error():
    with pytest.raises(ValueError, match="no report language `fr`"):
        qms.report(SAMPLE, as_of="2012-06-30", lang="fr")
    with pytest.raises(ValueError, match="no report format `pdf`"):
        qms.report(SAMPLE, as_of="2012-06-30", format="pdf")
