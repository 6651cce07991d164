"""qms.pack and qms.verify: the evidence pack written and checked."""

import hashlib
import json
import zipfile

import pytest

import qms
from conftest import SAMPLE


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    out = tmp_path_factory.mktemp("pack") / "evidence.zip"
    result = qms.pack(SAMPLE, out, as_of="2012-06-30", lang="en")
    return out, result


def test_the_pack_holds_its_manifest(pack):
    out, result = pack
    assert result["path"] == str(out)
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        manifest = json.loads(z.read("manifest.json"))
        for e in manifest["entries"]:
            assert hashlib.sha256(z.read(e["path"])).hexdigest() == e["sha256"]
    assert result["entries"] == len(names)
    assert manifest == result["manifest"]
    assert manifest["as_of"] == "2012-06-30"
    assert "qms/qms.toml" in names


def test_the_same_day_gives_the_same_bytes(pack, tmp_path):
    out, _ = pack
    again = tmp_path / "again.zip"
    qms.pack(SAMPLE, again, as_of="2012-06-30", lang="en")
    assert again.read_bytes() == out.read_bytes()


def test_a_fresh_pack_is_intact(pack):
    out, result = pack
    v = qms.verify(out)
    assert v["intact"] is True
    assert (v["changed"], v["removed"], v["added"], v["problems"]) == ([], [], [], [])
    assert v["entries"] == result["entries"]
    assert v["too_large"] == []
    assert v["signature"] == {"status": "unsigned"}
    m = result["manifest"]
    assert v["manifest"]["as_of"] == m["as_of"] == "2012-06-30"
    assert v["manifest"]["entries"] == len(m["entries"])


def test_a_changed_entry_is_named(pack, tmp_path):
    out, _ = pack
    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(out) as src, zipfile.ZipFile(tampered, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "qms/qms.toml":
                data += b"# changed\n"
            dst.writestr(item, data)
    v = qms.verify(tampered)
    assert v["intact"] is False
    assert v["changed"] == ["qms/qms.toml"]


def test_a_file_that_is_not_a_pack(tmp_path):
    not_zip = tmp_path / "x.zip"
    not_zip.write_text("not a zip")
    with pytest.raises(qms.QmsError, match="is not a zip file"):
        qms.verify(not_zip)
    with pytest.raises(qms.LoadError, match="cannot read"):
        qms.verify(tmp_path / "missing.zip")


def test_a_pack_is_a_qms_to_check(pack):
    out, _ = pack
    r = qms.check(out, as_of="2012-06-30")
    assert (r["summary"]["errors"], r["summary"]["warnings"]) == (0, 0)
