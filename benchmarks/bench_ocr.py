"""How well OCR reads scanned tables: cells of an image-only PDF against the text layer.

The fixture ``tests/fixtures/ocr/wanli-scanned.pdf`` is pages 10, 19 and 26 of the Wanli
2023 budget rendered to 150-dpi grey JPEG images (``tests/fixtures/make_scanned_fixture.py``).
The baseline is the same pages of the original PDF, read from their text layer
(``--ocr never``).  For every amount the baseline's tables print, the row is found in the
OCR reading (same table, same code, else the most similar name) and the cell counts as
matched when its value is the same.  Printed: the share of matched cells, per table and
overall, and the time OCR took per page.

Run from the repository root (needs Tesseract with chi_sim):

    python benchmarks/bench_ocr.py
    python benchmarks/bench_ocr.py --json
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "shanghai-putuo-wanli-jiedao-2023-budget.pdf"
SCANNED = ROOT / "tests" / "fixtures" / "ocr" / "wanli-scanned.pdf"
PAGES = (10, 19, 26)  # of SAMPLE, as in the fixture
_MIN_NAME_SIMILARITY = 0.6


def text_layer_records(pages=PAGES) -> list[dict]:
    """The records of the same pages of the original PDF, read from the text layer."""
    import pypdfium2 as pdfium

    from budgetkit.extraction.build import extract_file

    source = pdfium.PdfDocument(str(SAMPLE))
    subset = pdfium.PdfDocument.new()
    try:
        subset.import_pages(source, [n - 1 for n in pages])
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "text-layer.pdf"
            subset.save(str(path))
            return extract_file(str(path), "never").records
    finally:
        subset.close()
        source.close()


def compare(reference: list[dict], read: list[dict]) -> dict:
    """Matched and printed cells per table key: ``{key: [matched, printed]}``."""
    rows_read: dict[str, list[dict]] = defaultdict(list)
    for record in read:
        if record["type"] == "row":
            rows_read[record["key"]].append(record)
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in (r for r in reference if r["type"] == "row"):
        printed = {column: value for column, value in row["values"].items() if value is not None}
        if not printed:
            continue
        match = _matching_row(row, rows_read[row["key"]])
        counts[row["key"]][1] += len(printed)
        if match is not None:
            counts[row["key"]][0] += sum(1 for column, value in printed.items() if match["values"].get(column) == value)
    return dict(counts)


def _matching_row(row: dict, candidates: list[dict]) -> dict | None:
    if row["code"]:
        same_code = [c for c in candidates if c["code"] == row["code"]]
        if same_code:
            return same_code[0]
    scored = [(difflib.SequenceMatcher(None, row["name"] or "", c["name"] or "").ratio(), c) for c in candidates]
    scored = [(score, c) for score, c in scored if score >= _MIN_NAME_SIMILARITY]
    # Between equally named rows (收入总计 on both sides), the one with the same values.
    return max(scored, key=lambda sc: (sc[0], sc[1]["values"] == row["values"]), default=(0, None))[1]


def share(counts: dict) -> float:
    matched = sum(m for m, _ in counts.values())
    printed = sum(p for _, p in counts.values())
    return matched / printed if printed else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    arguments = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from budgetkit.extraction.build import extract_file
    from budgetkit.sources.ocr import unavailable_reason

    if unavailable_reason():
        print(f"bench_ocr: {unavailable_reason()}", file=sys.stderr)
        return 1
    reference = text_layer_records()
    started = time.perf_counter()
    read = extract_file(str(SCANNED), "auto").records
    seconds = time.perf_counter() - started
    counts = compare(reference, read)
    figures = {
        "cells_matched": sum(m for m, _ in counts.values()),
        "cells_printed": sum(p for _, p in counts.values()),
        "share": round(share(counts), 4),
        "per_table": {key: {"matched": m, "printed": p} for key, (m, p) in counts.items()},
        "seconds_per_page": round(seconds / len(PAGES), 2),
    }
    if arguments.json:
        print(json.dumps(figures, ensure_ascii=False))
        return 0
    for key, (matched, printed) in counts.items():
        print(f"{key:32} {matched:4}/{printed:<4} {matched / printed:7.1%}")
    print(f"{'all cells':32} {figures['cells_matched']:4}/{figures['cells_printed']:<4} {figures['share']:7.1%}"
          f"   (OCR {figures['seconds_per_page']} s/page)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
