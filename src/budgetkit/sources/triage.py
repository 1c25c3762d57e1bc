"""Page triage with pdfium: read prose pages without pdfminer.

pdfminer (under pdfplumber) interprets every page's content stream in pure Python, which
is most of the time spent on a PDF.  pdfium (pypdfium2, installed with pdfplumber) reads
the same text in C, a hundred times faster, but knows nothing of table grids.  So each
page is triaged: a page that draws nothing (no path: no rules, boxes or curves) and holds
plain horizontal text cannot carry a ruled grid, and its words are taken from pdfium's
characters, grouped by pdfplumber's own word extractor with the same tolerances.  Any
page that draws, or whose text pdfium cannot vouch for (unmapped glyphs, rotated or
vertical text, a crop box), goes to pdfplumber as before.
"""

from __future__ import annotations

import ctypes

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfplumber.utils import extract_words

# Same word-grouping tolerances as the pdfplumber path (pdf.read_page).
WORD_OPTIONS = dict(keep_blank_chars=False, x_tolerance=1.5, y_tolerance=2)


def open_document(path: str):
    """The pdfium document, or None when pdfium cannot open it (pdfplumber then reads every page)."""
    try:
        return pdfium.PdfDocument(path)
    except Exception:
        return None


def prose_words(document, index: int) -> list[dict] | None:
    """The words of page ``index`` (0-based) when it is a plain prose page, else None."""
    page = document[index]
    textpage = None
    try:
        if page.get_rotation() or tuple(page.get_cropbox()) != tuple(page.get_mediabox()):
            return None
        if any(obj.type in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_SHADING) for obj in page.get_objects()):
            return None
        textpage = page.get_textpage()
        chars = _chars(textpage, page.get_height())
        return extract_words(chars, **WORD_OPTIONS) if chars else None
    finally:
        if textpage is not None:
            textpage.close()
        page.close()


def _chars(textpage, height: float) -> list[dict] | None:
    """pdfplumber-shaped characters (text, x0, x1, top, bottom), or None when any is doubtful."""
    raw = textpage.raw
    origin_x, origin_y, descent = ctypes.c_double(), ctypes.c_double(), ctypes.c_float()
    matrix = pdfium_c.FS_MATRIX()
    chars = []
    for i in range(textpage.count_chars()):
        if pdfium_c.FPDFText_IsGenerated(raw, i):  # spaces and line breaks pdfium inferred
            continue
        code = pdfium_c.FPDFText_GetUnicode(raw, i)
        # Unmapped glyphs (pdfminer prints them as "(cid:N)", reported as garbled text),
        # control characters and rotated text are left to pdfplumber.
        if code in (0, 0xFFFD) or 0xD800 <= code <= 0xDFFF or (code < 32 and code not in (9, 10, 13)) or pdfium_c.FPDFText_GetCharAngle(raw, i):
            return None
        # Horizontally the loose box is pdfminer's (origin to advance); vertically pdfminer
        # puts every glyph in one em box above the font's descent, which keeps punctuation
        # on its line, so do the same.
        left, _, right, _ = textpage.get_charbox(i, loose=True)
        pdfium_c.FPDFText_GetCharOrigin(raw, i, origin_x, origin_y)
        # The font size pdfium reports is the one set in the content stream (Tf); the text
        # matrix scales it, as pdfminer does.
        if not pdfium_c.FPDFText_GetMatrix(raw, i, matrix) or matrix.b or matrix.c or matrix.a <= 0 or matrix.d <= 0:
            return None
        font = pdfium_c.FPDFTextObj_GetFont(pdfium_c.FPDFText_GetTextObject(raw, i))
        tf = pdfium_c.FPDFText_GetFontSize(raw, i)
        if not font or not pdfium_c.FPDFFont_GetDescent(font, ctypes.c_float(tf), descent):
            return None
        size = tf * matrix.d
        bottom = height - (origin_y.value + descent.value * matrix.d)
        chars.append({"text": chr(code), "x0": left, "x1": right, "top": bottom - size, "bottom": bottom,
                      "doctop": bottom - size, "upright": True})
    return chars
