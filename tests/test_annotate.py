"""``check --annotate DIR``: an annotated copy of each PDF checked, a box and a note per finding."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys

import pdfplumber

WANLI = "samples/shanghai-putuo-wanli-jiedao-2023-budget.pdf"
WANLI_RECORDS = "tests/golden/shanghai-putuo-wanli-jiedao-2023-budget.jsonl"


def run(*args):
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "budgetkit", "check", *args], capture_output=True, text=True,
                          env=env, timeout=300)


def _overlaps(annotation: dict, box: list[float]) -> bool:
    x0, top, x1, bottom = box
    return annotation["x0"] < x1 and x0 < annotation["x1"] and annotation["top"] < bottom and top < annotation["bottom"]


def test_each_finding_is_a_box_with_its_note_on_the_annotated_copy(tmp_path):
    before = hashlib.sha256(open(WANLI, "rb").read()).hexdigest()
    result = run(WANLI_RECORDS, "--annotate", str(tmp_path / "out"))
    assert result.returncode == 1, result.stderr
    findings = [json.loads(line) for line in result.stdout.splitlines()]
    placed = [f for f in findings if f["bbox"]]
    assert placed and len(placed) < len(findings)  # a form's findings have no place on a page
    with pdfplumber.open(tmp_path / "out" / "shanghai-putuo-wanli-jiedao-2023-budget.annotated.pdf") as pdf:
        notes = {number: page.annots for number, page in enumerate(pdf.pages, 1) if page.annots}
    assert sum(len(found) for found in notes.values()) == len(placed) + 1
    for finding in placed:
        boxes = [a for a in notes[finding["page"]] if a.get("title") == finding["rule"]
                 and finding["message"] in (a.get("contents") or "")]
        assert boxes and _overlaps(boxes[0], finding["bbox"]), finding["message"]
    (first,) = [a for a in notes[1] if a.get("title") == "budgetkit"]
    unplaced = [f for f in findings if not f["bbox"]]
    assert first["contents"].startswith(f"{len(unplaced)} 条发现未能在页面上定位")
    assert all(f["message"] in first["contents"] for f in unplaced)
    assert hashlib.sha256(open(WANLI, "rb").read()).hexdigest() == before  # the original is left as it was


def test_a_text_input_has_no_pages_and_a_missing_pdf_is_an_unreadable_input(tmp_path):
    result = run("samples/jiangxia-yibao-2024-budget.txt", "--annotate", str(tmp_path), "--fail-on", "never")
    assert result.returncode == 0, result.stderr
    assert "jiangxia-yibao-2024-budget.txt: not a PDF, no pages to annotate" in result.stderr
    assert os.listdir(tmp_path) == []
    records = [json.loads(line) for line in open(WANLI_RECORDS, encoding="utf-8")]
    records[0]["path"] = str(tmp_path / "gone.pdf")
    moved = tmp_path / "moved.jsonl"
    moved.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    result = run(str(moved), "--annotate", str(tmp_path / "out"), "--fail-on", "never")
    assert result.returncode == 3
    assert "gone.pdf: not found, cannot be annotated" in result.stderr


def test_an_encrypted_pdf_gets_one_line_and_the_other_inputs_are_still_annotated(tmp_path):
    records = [json.loads(line) for line in open(WANLI_RECORDS, encoding="utf-8")]
    records[0]["path"] = "tests/fixtures/bad/encrypted.pdf"
    records[0]["doc"] = "e" * 16
    locked = tmp_path / "locked.jsonl"
    locked.write_text("".join(json.dumps({**r, "doc": "e" * 16}, ensure_ascii=False) + "\n" for r in records),
                      encoding="utf-8")
    result = run(str(locked), WANLI_RECORDS, "--annotate", str(tmp_path / "out"), "--fail-on", "never")
    assert result.returncode == 3
    assert [line for line in result.stderr.splitlines() if "encrypted.pdf" in line] == [
        "budgetkit: tests/fixtures/bad/encrypted.pdf: not annotated: it is encrypted (password protected)"]
    assert os.listdir(tmp_path / "out") == ["shanghai-putuo-wanli-jiedao-2023-budget.annotated.pdf"]


def test_a_folder_that_cannot_be_written_is_a_usage_error(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    result = run(WANLI_RECORDS, "--annotate", str(blocked / "out"))
    assert result.returncode == 2
    assert result.stderr.startswith("budgetkit: --annotate: cannot write into")
