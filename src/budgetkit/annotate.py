"""An annotated copy of a checked PDF: for every finding, a box around each cell and
sentence it compares (else around its row or sentence), coloured by severity, holding the
message as a PDF note listed in any viewer's comments panel, its author the rule id.  One
box is a standard Square annotation; several on one page are one Ink annotation drawing a
rectangle around each, so a finding is one note per page it touches (a cross-table finding
has a note on each table's page, each naming the other).  Findings that point at no place
on a page are listed in one note on the first page.

The copy is written with pdfium (pypdfium2), which budgetkit already uses to read pages;
the original file is never modified.
"""

from __future__ import annotations

import ctypes
import os

from .records import SEVERITY_RANK
from .report import SEVERITY_RGB, boxes_by_page, figure_text
from .sources import enclosing

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
    notes, unplaced = 0, []
    try:
        for finding in findings:
            pages = {number: boxes for number, boxes in boxes_by_page(finding).items()
                     if 1 <= number <= len(document)}
            if not pages:
                unplaced.append(finding)
            for number, boxes in pages.items():
                page = document[number - 1]
                _mark(raw, page, finding, boxes, [other for other in pages if other != number])
                page.close()
                notes += 1
        if unplaced and len(document):
            page = document[0]
            _note(raw, page, unplaced)
            page.close()
            notes += 1
        document.save(target)
    except (pdfium.PdfiumError, OSError) as error:
        raise CannotAnnotate(f"{source}: the annotated copy could not be written ({error})") from None
    finally:
        document.close()
    return notes


def _mark(raw, page, finding: dict, boxes: list[tuple], elsewhere: list[int]) -> None:
    """The finding's note on one page: a Square around its one box, or an Ink rectangle
    around each of its boxes."""
    left, _, _, top = page.get_mediabox()
    rects = [_pdf_rect(left, top, box) for box in boxes]
    contents = _text(finding) + (f"（另见第 {'、'.join(map(str, elsewhere))} 页）" if elsewhere else "")
    if len(rects) == 1:
        _annotation(raw, page, raw.FPDF_ANNOT_SQUARE, rects[0], finding["severity"], finding["rule"], contents)
        return
    around = _pdf_rect(left, top, enclosing(boxes))
    _annotation(raw, page, raw.FPDF_ANNOT_INK, around, finding["severity"], finding["rule"], contents, rects)


def _pdf_rect(left: float, top: float, box: tuple) -> tuple[float, float, float, float]:
    """A box from the top left (pdfplumber's points) as PDF user space of a page whose media
    box starts at ``left`` and ends at ``top``, with the margin: (left, top, right, bottom)."""
    x0, y_top, x1, y_bottom = box
    return left + x0 - _MARGIN, top - y_top + _MARGIN, left + x1 + _MARGIN, top - y_bottom - _MARGIN


def _note(raw, page, findings: list[dict]) -> None:
    left, bottom, right, top = page.get_mediabox()
    x, y = _NOTE_AT
    rect = (left + x, top - y, left + x + 20, top - y - 20)
    lines = [f"{len(findings)} 条发现未能在页面上定位："] + [_text(f, where=True) for f in findings]
    worst = min((f["severity"] for f in findings), key=SEVERITY_RANK.get)
    _annotation(raw, page, raw.FPDF_ANNOT_TEXT, rect, worst, "budgetkit", "\n".join(lines))


def _annotation(raw, page, kind, rect: tuple, severity: str, author: str, contents: str,
                strokes: list[tuple] = ()) -> None:
    """One annotation; ``strokes`` are the rectangles an Ink annotation draws."""
    annotation = raw.FPDFPage_CreateAnnot(page.raw, kind)
    try:
        left, top, right, bottom = rect
        raw.FPDFAnnot_SetRect(annotation, raw.FS_RECTF(left, top, right, bottom))
        for x0, y0, x1, y1 in strokes:
            corners = ((x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0))
            points = (raw.FS_POINTF * len(corners))(*(raw.FS_POINTF(x, y) for x, y in corners))
            raw.FPDFAnnot_AddInkStroke(annotation, points, len(corners))
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

