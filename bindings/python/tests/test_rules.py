"""qms.rules and qms.explain: the rule registry of `qms explain`."""

import pytest

import qms


def test_every_rule_is_listed_once_in_code_order():
    rules = qms.rules()
    codes = [r["code"] for r in rules]
    assert len(codes) == len(set(codes)) > 50
    assert codes[0] == "LOAD001"
    for r in rules:
        assert set(r) == {"code", "name", "level", "clause", "summary", "explanation"}
        assert r["level"] in {"error", "warning", "off"}
        assert r["explanation"]


def test_explain_is_the_rule_of_the_list():
    by_code = {r["code"]: r for r in qms.rules()}
    doc004 = qms.explain("DOC004")
    assert doc004 == by_code["DOC004"]
    assert doc004["name"] == "review-overdue"


def test_an_unknown_code_is_a_qms_error():
    with pytest.raises(qms.QmsError, match="no rule `XYZ999`"):
        qms.explain("XYZ999")


def test_every_function_has_its_signature_and_a_docstring():
    import inspect

    assert str(inspect.signature(qms.check)) == "(source, as_of=None, deny_warnings=False)"
    assert str(inspect.signature(qms.stats)) == "(source, period=None, by=None)"
    assert str(inspect.signature(qms.report)) == (
        "(source, as_of=None, lang=None, format='html', template_dir=None)"
    )
    for name in qms.__all__:
        value = getattr(qms, name)
        if callable(value):
            assert value.__doc__, name
    assert qms.__doc__.startswith("qms: quality management as code")
