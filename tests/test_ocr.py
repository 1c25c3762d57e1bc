"""Scanned pages read by OCR (Tesseract), and what happens without it."""

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from budgetkit.extraction.build import extract_file
from budgetkit.sources.ocr import INSTALL_HINT, lines_from_tsv, unavailable_reason

ROOT = Path(__file__).resolve().parents[1]
SCANNED = "tests/fixtures/ocr/wanli-scanned.pdf"
BAD_SCAN = "tests/fixtures/bad/scanned.pdf"

needs_tesseract = pytest.mark.skipif(unavailable_reason() is not None, reason="Tesseract with chi_sim is not installed")


def _bench():
    spec = importlib.util.spec_from_file_location("bench_ocr", ROOT / "benchmarks" / "bench_ocr.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(*args, env=None):
    return subprocess.run([sys.executable, "-m", "budgetkit", *args], capture_output=True, text=True,
                          env={**os.environ, "NO_COLOR": "1", **(env or {})}, timeout=120)


@needs_tesseract
def test_scanned_tables_match_the_text_layer_on_95_percent_of_cells():
    bench = _bench()
    read = extract_file(SCANNED).records
    counts = bench.compare(bench.text_layer_records(), read)
    assert set(counts) == {"income_expenditure_summary", "fiscal_summary", "basic_expenditure"}
    assert bench.share(counts) >= 0.95, counts
    document = read[0]
    assert [p["code"] for p in document["problems"]] == ["ocr_page"] * 3  # each page read by OCR is named


def test_ocr_never_keeps_scanned_pages_unread():
    result = run("extract", "--ocr", "never", BAD_SCAN)
    assert result.returncode == 1
    document = json.loads(result.stdout.splitlines()[0])
    assert document["problems"][0] == {"code": "scanned_page", "page": 1,
                                       "message": "page 1 has no text layer (scanned); its content is not read"}


def test_without_tesseract_the_user_is_told_once_and_pages_stay_marked(tmp_path):
    # A PATH without tesseract (the interpreter is called by its full path).
    result = run("extract", "--no-cache", BAD_SCAN, BAD_SCAN, env={"PATH": str(tmp_path)})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    notices = [line for line in result.stderr.splitlines() if INSTALL_HINT in line]
    assert len(notices) == 1 and notices[0].startswith("budgetkit: Tesseract is not installed")
    documents = [json.loads(line) for line in result.stdout.splitlines() if '"type":"document"' in line]
    assert all(d["problems"][0]["code"] == "scanned_page" for d in documents) and len(documents) == 2


def test_tesseract_words_become_cells_of_lines_in_points():
    header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    words = [("一、", 100, 30), ("财政", 132, 60), ("收入", 196, 60), ("164,", 900, 60), ("978.", 962, 60),
             ("640", 1024, 50), ("”", 1400, 10)]
    rows = [header] + [f"5\t1\t1\t1\t1\t{i}\t{left}\t200\t{width}\t30\t90\t{text}"
                       for i, (text, left, width) in enumerate(words, start=1)]
    (line,) = lines_from_tsv("\n".join(rows), 4)
    assert line.texts == ["一、财政收入", "164,978,640"] and line.page == 4 and not line.positional
    assert line.cells[1].x0 == pytest.approx(900 * 72 / 200)


@needs_tesseract
def test_the_pages_of_a_scanned_document_are_read_by_all_the_workers_into_the_same_records():
    """Three scanned pages with --jobs 2: a part each, shared by the workers; the records
    those of a reading in one go."""
    from budgetkit.extraction.batch import extractions

    [shared] = extractions([SCANNED], 2, None)
    assert tuple(shared.records) == tuple(extract_file(SCANNED).records)


def test_ocr_noise_in_prose_figures_is_cleaned_and_quotes_that_close_something_are_kept():
    """jiangsu-jianchayuan p.26 scanned at 150 dpi: ``增加2,.915.22万元,增长”36.58%``."""
    from budgetkit.sources.ocr import _amount_marks

    assert _amount_marks("与上年相比增加2,.915.22万元,增长”36.58%。") == "与上年相比增加2,915.22万元,增长36.58%。"
    assert _amount_marks("“三公”经费2023年预算") == "“三公”经费2023年预算"
