#!/usr/bin/env python3
"""The narrative of a scanned disclosure: statements read by OCR against the text layer's.

For each sample PDF, its narrative pages (pages with statements and no table) are rendered
at 150 and 200 dpi into an image-only PDF (a scan, grey, no text layer), which ``extract``
reads by OCR.  A statement counts as found when the scan gives one with the same figures
(amount, change, rate of change) as a statement of the text layer, each at most once.
Printed: per sample and resolution, the text layer's statements, those found, the share,
and the OCR time per page.  Needs Tesseract with ``chi_sim``.

    python benchmarks/bench_ocr_narrative.py
    python benchmarks/bench_ocr_narrative.py --dpi 150
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from budgetkit.extraction.build import extract_file  # noqa: E402


def figures(records: list[dict], pages: set[int] | None = None) -> Counter:
    return Counter((r.get("amount"), r.get("change"), r.get("change_percent")) for r in records
                   if r["type"] == "statement" and (pages is None or r.get("page") in pages))


def narrative_pages(records: list[dict]) -> list[int]:
    tables = {page for r in records if r["type"] == "table" for page in r.get("pages") or []}
    return sorted({r["page"] for r in records if r["type"] == "statement" and r.get("page")} - tables)


def scanned_copy(pdf: Path, pages: list[int], dpi: int, target: Path) -> None:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    images = [document[number - 1].render(scale=dpi / 72).to_pil().convert("L") for number in pages]
    images[0].save(target, save_all=True, append_images=images[1:], resolution=dpi)
    document.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dpi", type=int, action="append", help="resolutions (default 150 and 200)")
    options = parser.parse_args()
    from budgetkit.sources.ocr import unavailable_reason

    if unavailable_reason() is not None:
        print(f"bench_ocr_narrative: {unavailable_reason()}", file=sys.stderr)
        return 1
    print(f"{'sample':<44}{'dpi':>5}{'text layer':>12}{'found':>7}{'share':>8}{'s/page':>8}")
    total, found_all = 0, 0
    with tempfile.TemporaryDirectory() as folder:
        for pdf in sorted((ROOT / "samples").glob("*.pdf")):
            records = extract_file(str(pdf)).records
            pages = narrative_pages(records)
            expected = figures(records, set(pages))
            for dpi in options.dpi or [150, 200]:
                scan = Path(folder) / f"{pdf.stem}-{dpi}.pdf"
                scanned_copy(pdf, pages, dpi, scan)
                started = time.perf_counter()
                read = figures(extract_file(str(scan), ocr="auto").records)
                seconds = (time.perf_counter() - started) / len(pages)
                found = sum((expected & read).values())
                total, found_all = total + sum(expected.values()), found_all + found
                print(f"{pdf.stem:<44}{dpi:>5}{sum(expected.values()):>12}{found:>7}"
                      f"{found / max(1, sum(expected.values())):>8.1%}{seconds:>8.2f}")
    print(f"{'all':<49}{total:>12}{found_all:>7}{found_all / max(1, total):>8.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
