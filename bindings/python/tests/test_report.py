"""qms.report: the audit report as a string that parses as HTML."""

from html.parser import HTMLParser

import qms
from conftest import MOULDING, SAMPLE

# Elements HTML writes without an end tag.
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# SVG elements the chart may close itself (`<rect ... />`).
SELF_CLOSED = {"rect", "line", "path", "circle", "polyline", "polygon", "text"}


class Outline(HTMLParser):
    """Reads a page, checking that every element opened is closed in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open = []
        self.seen = {}
        self.attrs = {}
        self.title = ""
        self.errors = []

    def handle_starttag(self, tag, attrs):
        self.seen[tag] = self.seen.get(tag, 0) + 1
        self.attrs.setdefault(tag, dict(attrs))
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.seen[tag] = self.seen.get(tag, 0) + 1
        self.attrs.setdefault(tag, dict(attrs))

    def handle_endtag(self, tag):
        if not self.open or self.open[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.open[-1:]} at {self.getpos()}")
            return
        self.open.pop()

    def handle_data(self, data):
        if self.open and self.open[-1] == "title":
            self.title += data


def outline(text):
    page = Outline()
    page.feed(text)
    page.close()
    return page


def test_the_html_report_parses_and_is_whole():
    text = qms.report(SAMPLE, as_of="2012-06-30")
    assert text.startswith("<!DOCTYPE html>")
    page = outline(text)
    assert page.errors == []
    assert page.open == []
    assert page.attrs["html"]["lang"] == "vi"
    assert "UBND thị trấn Mỹ An" in page.title
    assert page.seen["table"] >= 5
    # The dossier chart is inline SVG; nothing is fetched from the network.
    assert page.seen["svg"] >= 1
    assert "script" not in page.seen and "link" not in page.seen


def test_the_language_can_be_asked_for():
    page = outline(qms.report(SAMPLE, as_of="2012-06-30", lang="en"))
    assert page.errors == [] and page.attrs["html"]["lang"] == "en"


def test_the_english_sample_reports_in_english():
    page = outline(qms.report(MOULDING, as_of="2025-06-30"))
    assert page.errors == [] and page.attrs["html"]["lang"] == "en"
    assert "svg" not in page.seen  # no dossier register, no chart


def test_markdown_is_markdown():
    text = qms.report(SAMPLE, as_of="2012-06-30", lang="en", format="md")
    assert text.startswith("# ")
    assert "| 6,047 |" in text or "6,047" in text
