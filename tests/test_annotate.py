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


def _pages(finding: dict) -> list[int]:
    """The pages a finding is noted on: those of its places, else its own."""
    return sorted({place["page"] for place in finding["places"]}) if finding["places"] else [finding["page"]]


def test_each_finding_is_a_box_with_its_note_on_the_annotated_copy(tmp_path):
    before = hashlib.sha256(open(WANLI, "rb").read()).hexdigest()
    result = run(WANLI_RECORDS, "--annotate", str(tmp_path / "out"))
    assert result.returncode == 1, result.stderr
    findings = [json.loads(line) for line in result.stdout.splitlines()]
    assert all(f["bbox"] for f in findings)  # every finding has a place: rows, sentences, form heads
    with pdfplumber.open(tmp_path / "out" / "shanghai-putuo-wanli-jiedao-2023-budget.annotated.pdf") as pdf:
        notes = {number: page.annots for number, page in enumerate(pdf.pages, 1) if page.annots}
    assert sum(len(found) for found in notes.values()) == sum(len(_pages(f)) for f in findings)
    for finding in findings:
        for number in _pages(finding):
            boxes = [a for a in notes[number] if a.get("title") == finding["rule"]
                     and finding["message"] in (a.get("contents") or "")]
            targets = [p["bbox"] for p in finding["places"] or [] if p["page"] == number] or [finding["bbox"]]
            assert len(boxes) == 1 and all(_overlaps(boxes[0], box) for box in targets), finding["message"]
    assert hashlib.sha256(open(WANLI, "rb").read()).hexdigest() == before  # the original is left as it was


def test_findings_without_a_place_are_listed_in_one_note_on_the_first_page(tmp_path):
    """Records of a reader that could not place the forms (no bbox): their findings are
    listed on page 1, the others boxed where they are."""
    records = [json.loads(line) for line in open(WANLI_RECORDS, encoding="utf-8")]
    unplaced_records = tmp_path / "unplaced.jsonl"
    unplaced_records.write_text("".join(json.dumps({**r, "bbox": None} if r["type"] in ("form", "project") else r,
                                                   ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    result = run(str(unplaced_records), "--annotate", str(tmp_path / "out"))
    findings = [json.loads(line) for line in result.stdout.splitlines()]
    unplaced = [f for f in findings if not f["bbox"]]
    assert [f["rule"] for f in unplaced] == ["form.funding"]
    with pdfplumber.open(tmp_path / "out" / "shanghai-putuo-wanli-jiedao-2023-budget.annotated.pdf") as pdf:
        (first,) = [a for a in pdf.pages[0].annots if a.get("title") == "budgetkit"]
        count = sum(len(page.annots) for page in pdf.pages)
    assert first["contents"] == f"1 条发现未能在页面上定位：\n第 35 页 [error] {unplaced[0]['message']} " \
                                f"（应为 1090.3043，印为 1141.9043）— form.funding"
    assert count == sum(len(_pages(f)) for f in findings if f["bbox"]) + 1


def _words_inside(page, box) -> list[str]:
    x0, top, x1, bottom = box
    return [w["text"] for w in page.extract_words() if w["x0"] >= x0 and w["x1"] <= x1 and w["top"] >= top
            and w["bottom"] <= bottom]


def test_a_narrative_figure_against_a_table_is_noted_on_both_pages_around_the_very_cell(tmp_path):
    run(WANLI_RECORDS, "--annotate", str(tmp_path))
    with pdfplumber.open(tmp_path / "shanghai-putuo-wanli-jiedao-2023-budget.annotated.pdf") as pdf:
        (said,) = [a for a in pdf.pages[6].annots if a["title"] == "text.table_amount"]
        (printed,) = [a for a in pdf.pages[20].annots if a["title"] == "text.table_amount"]
        # the sentence that says 441.25 on page 7; on page 21 the 合计 cell of 2080506, not its
        # 基本支出 cell printing the same figure beside it
        assert "2023年预算安排441.25万元" in "".join(_words_inside(pdf.pages[6], _box(said)))
        assert _words_inside(pdf.pages[20], _box(printed)) == ["2,206,272"]
    assert said["contents"].endswith("（另见第 21 页）") and printed["contents"].endswith("（另见第 7 页）")
    assert said["contents"].split("（另见")[0] == printed["contents"].split("（另见")[0]


def test_a_sum_over_rows_draws_a_rectangle_around_each_cell_it_adds(tmp_path):
    run("tests/golden/shanghai-putuo-caizhengju-2024-final.jsonl", "--annotate", str(tmp_path))
    with pdfplumber.open(tmp_path / "shanghai-putuo-caizhengju-2024-final.annotated.pdf") as pdf:
        page = pdf.pages[7]
        (ink,) = [a for a in page.annots if a["title"] == "table.total_sum" and "本年收入合计" in a["contents"]]
        strokes = ink["data"]["InkList"]
        cells = [_words_inside(page, _stroke_box(page, stroke)) for stroke in strokes]
        (rest,) = [a for a in pdf.pages[8].annots if a["title"] == "table.total_sum" and "本年收入合计" in a["contents"]]
        last = _words_inside(pdf.pages[8], _box(rest))
    # the 合计 row's 本年收入合计, then the 类 rows 201, 208, 210 on page 8 and 221 on page 9
    assert ink["data"]["Subtype"].name == "Ink" and cells == [["2,946.25"], ["2,112.86"], ["326.72"], ["60.99"]]
    assert ink["contents"].endswith("（另见第 9 页）") and last == ["445.69"]


def _box(annotation: dict) -> tuple:
    return annotation["x0"], annotation["top"], annotation["x1"], annotation["bottom"]


def _stroke_box(page, stroke: list[float]) -> tuple:
    """An ink stroke (x y pairs, from the bottom) as a box from the top left."""
    xs, ys = stroke[0::2], stroke[1::2]
    return min(xs), page.height - max(ys), max(xs), page.height - min(ys)


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
