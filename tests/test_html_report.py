"""``check --format html``: one self-contained review report, read as a browser reads it."""

from __future__ import annotations

import base64
import io
import json
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser

import pytest
from PIL import Image

RECORDS = ["tests/golden/shanghai-putuo-wanli-jiedao-2023-budget.jsonl", "tests/golden/dongxihu-yibao-2022-budget.jsonl"]


def check(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "budgetkit", "check", *RECORDS, *args], capture_output=True,
                          text=True, env={**os.environ, "NO_COLOR": "1"}, timeout=300)


class Page(HTMLParser):
    """The findings (severity, family, message) and the images of a report."""

    def __init__(self):
        super().__init__()
        self.findings, self.images, self.index, self.links = [], [], 0, []
        self._in_message = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "div" and "finding" in (attrs.get("class") or "").split():
            self.findings.append([attrs["data-severity"], attrs["data-family"], ""])
        if tag == "div" and attrs.get("class") == "message":
            self._in_message = True
        if tag == "img":
            self.images.append(attrs["src"])
            self.findings[-1].append(attrs["alt"])
        if tag == "a" and attrs.get("href", "").startswith("#d"):
            self.links.append(attrs["href"])

    def handle_endtag(self, tag):
        self._in_message = False

    def handle_data(self, data):
        if self._in_message:
            self.findings[-1][2] += data


def test_every_finding_is_in_the_report_with_a_crop_of_its_page(tmp_path):
    findings = [json.loads(line) for line in check().stdout.splitlines()]
    result = check("--format", "html")
    assert result.returncode == 1 and result.stdout.startswith("<!DOCTYPE html>")
    assert "http://" not in result.stdout and "https://" not in result.stdout  # nothing fetched
    page = Page()
    page.feed(result.stdout)
    assert sorted(message for _, _, message, *_ in page.findings) == sorted(f["message"] for f in findings)
    # the narrative's figure and the table cell it contradicts, each on its page
    (crops,) = [crops for _, _, message, *crops in page.findings if message.startswith("“社会保障和就业支出(类)")
                and "表述为 441.25 万元" in message]
    assert crops == ["第 7 页", "第 21 页"]
    assert page.links == ["#d1", "#d2"]  # the index: one row per document
    placed = [f for f in findings if f["bbox"] and f["path"].endswith(".pdf")]
    # a crop of each page a finding compares something on; none for the text document's
    pages = [len({p["page"] for p in f["places"]}) if f["places"] else 1 for f in placed]
    assert len(page.images) == sum(pages) > len(placed) > 0
    for source in page.images:
        image = Image.open(io.BytesIO(base64.b64decode(source.split(",", 1)[1])))
        assert image.format == "PNG" and image.width > 100


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Chromium is not installed (.ci/run installs it)")
def test_the_report_in_a_headless_browser(tmp_path):
    report = tmp_path / "report.html"
    report.write_text(check("--format", "html").stdout, encoding="utf-8")
    browser = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1200,1400"]
    dom = subprocess.run([*browser, "--dump-dom", report.as_uri()], capture_output=True, text=True, timeout=120).stdout
    page = Page()
    page.feed(dom)
    assert len(page.findings) == len([line for line in check().stdout.splitlines()])
    shot = tmp_path / "shot.png"
    subprocess.run([*browser, f"--screenshot={shot}", report.as_uri()], capture_output=True, timeout=120)
    colours = Image.open(shot).convert("RGB").getcolors(maxcolors=1 << 16)
    assert colours is None or len(colours) > 20  # not a blank page


def test_a_huge_page_is_cropped_from_an_image_of_bounded_size(tmp_path):
    """A page drawn 5 m wide (14400 points) is rendered at most 2400 pixels across, not at
    1.5 pixels per point; a page number past the end gives no crop, not a failure."""
    import pypdfium2 as pdfium

    from budgetkit.html_report import HtmlReport

    path = tmp_path / "huge.pdf"
    document = pdfium.PdfDocument.new()
    document.new_page(14400, 14400)
    document.save(str(path))
    finding = {"severity": "error", "rule": "table.row_sum", "message": "合计不符", "page": 1,
               "bbox": [100, 100, 7000, 200], "expected": None, "actual": None, "path": str(path)}
    out = io.StringIO()
    report = HtmlReport(out)
    report.document("huge", [finding, {**finding, "page": 9, "message": "第 9 页"}], meta={"path": str(path)})
    report.close()
    page = Page()
    page.feed(out.getvalue())
    assert [message for _, _, message, *_ in page.findings] == ["合计不符", "第 9 页"]
    (crop,) = page.images
    assert Image.open(io.BytesIO(base64.b64decode(crop.split(",", 1)[1]))).width == 2400
