"""An annotated copy of a checked PDF: a box around the row or sentence of every finding,
coloured by severity, holding the message as a PDF note (a standard Square annotation,
listed in any viewer's comments panel; its author is the rule id).  Findings that point at
no place on a page are listed in one note on the first page.

The copy is written with pdfium (pypdfium2), which budgetkit already uses to read pages;
the original file is never modified.
"""

from __future__ import annotations

import ctypes
import os

from .records import SEVERITY_RANK
from .report import SEVERITY_RGB, figure_text

_MARGIN = 1.5  # points around a box, so its border does not cover the text
_NOTE_AT = (20.0, 20.0)  # where the first page's note of the findings without a place sits (from the top left)


class CannotAnnotate(Exception):
    """A PDF pdfium cannot open or write (encrypted, damaged): its path and why."""


def annotated_path(directory: str, source: str) -> str:
    name = os.path.splitext(os.path.basename(source))[0]
    return os.path.join(directory, f"{name}.annotated.pdf")


def annotate(source: str, findings: list[dict], target: str) -> int:
    """Write ``target``: ``source`` with a note for every finding; how many notes it holds."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        document = pdfium.PdfDocument(source)
    except pdfium.PdfiumError as error:
        why = "it is encrypted (password protected)" if "password" in str(error).lower() else str(error)
        raise CannotAnnotate(f"{source}: not annotated: {why}") from None
    try:
        placed = [f for f in findings if f.get("bbox") and f.get("page") and 1 <= f["page"] <= len(document)]
        unplaced = [f for f in findings if f not in placed]
        for finding in placed:
            page = document[finding["page"] - 1]
            _box(raw, page, finding)
            page.close()
        if unplaced and len(document):
            page = document[0]
            _note(raw, page, unplaced)
            page.close()
        document.save(target)
    except (pdfium.PdfiumError, OSError) as error:
        raise CannotAnnotate(f"{source}: the annotated copy could not be written ({error})") from None
    finally:
        document.close()
    return len(placed) + (1 if unplaced else 0)


def _box(raw, page, finding: dict) -> None:
    left, bottom, right, top = page.get_mediabox()
    x0, y_top, x1, y_bottom = (float(value) for value in finding["bbox"])
    rect = (left + x0 - _MARGIN, top - y_top + _MARGIN, left + x1 + _MARGIN, top - y_bottom - _MARGIN)
    _annotation(raw, page, raw.FPDF_ANNOT_SQUARE, rect, finding["severity"], finding["rule"], _text(finding))


def _note(raw, page, findings: list[dict]) -> None:
    left, bottom, right, top = page.get_mediabox()
    x, y = _NOTE_AT
    rect = (left + x, top - y, left + x + 20, top - y - 20)
    lines = [f"{len(findings)} 条发现未能在页面上定位："] + [_text(f, where=True) for f in findings]
    worst = min((f["severity"] for f in findings), key=SEVERITY_RANK.get)
    _annotation(raw, page, raw.FPDF_ANNOT_TEXT, rect, worst, "budgetkit", "\n".join(lines))


def _annotation(raw, page, kind, rect: tuple, severity: str, author: str, contents: str) -> None:
    annotation = raw.FPDFPage_CreateAnnot(page.raw, kind)
    try:
        left, top, right, bottom = rect
        raw.FPDFAnnot_SetRect(annotation, raw.FS_RECTF(left, top, right, bottom))
        red, green, blue = SEVERITY_RGB[severity]
        raw.FPDFAnnot_SetColor(annotation, raw.FPDFANNOT_COLORTYPE_Color, red, green, blue, 255)
        raw.FPDFAnnot_SetBorder(annotation, 0, 0, 1.5)
        raw.FPDFAnnot_SetFlags(annotation, raw.FPDF_ANNOT_FLAG_PRINT)
        for key, value in ((b"Contents", contents), (b"T", author)):
            text = ctypes.create_string_buffer((value + "\x00").encode("utf-16-le"))
            raw.FPDFAnnot_SetStringValue(annotation, key, ctypes.cast(text, raw.FPDF_WIDESTRING))
    finally:
        raw.FPDFPage_CloseAnnot(annotation)


def _text(finding: dict, where: bool = False) -> str:
    """The note: the message, then the rule and the figures compared."""
    place = f"第 {finding['page']} 页 " if where and finding.get("page") else ""
    figures = ""
    if finding.get("expected") is not None or finding.get("actual") is not None:
        figures = f"（应为 {figure_text(finding.get('expected'))}，印为 {figure_text(finding.get('actual'))}）"
    return f"{place}[{finding['severity']}] {finding['message']} {figures}— {finding['rule']}".replace("  ", " ")

