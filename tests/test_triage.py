"""Page triage: a page read by pdfium gives what the same page read by pdfminer gives.

pdfium reads most pages (sources/triage.py); pdfplumber/pdfminer reads the others.  Both
readings of every page of the sample PDFs (and of a scanned one) are compared here, line
by line and cell by cell, and drawn shapes are compared on a PDF drawn for the purpose.
"""

from __future__ import annotations

import ctypes
import pathlib

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from pdfplumber.utils import extract_words

from budgetkit.sources import layout
from budgetkit.sources.pdf import _ruled, _table_texts, read_page
from budgetkit.sources.triage import open_document, pdfium_page

ROOT = pathlib.Path(__file__).resolve().parent.parent
SAMPLE_PDFS = sorted((ROOT / "samples").glob("*.pdf")) + [ROOT / "tests" / "fixtures" / "ocr" / "wanli-scanned.pdf"]
# Pages pdfium leaves to pdfminer: a cover drawn as a form XObject.
LEFT_TO_PDFMINER = {"jiangsu-jianchayuan-2018-budget.pdf": {1}}


def _cells(page) -> list:
    return [(line.positional, [(cell.text, cell.spanned) for cell in line.cells]) for line in page.lines]


def _positions(page) -> list[float]:
    return [value for line in page.lines for cell in line.cells for value in (line.top, cell.x0, cell.x1)
            if value is not None]


@pytest.mark.parametrize("path", SAMPLE_PDFS, ids=lambda p: p.name)
def test_every_sample_page_reads_the_same_by_pdfium_as_by_pdfminer(path):
    document = open_document(str(path))
    left = set()
    with pdfplumber.open(path) as pdf:
        for index, plumber_page in enumerate(pdf.pages):
            fast = pdfium_page(document, index)
            if fast is None:
                left.add(index + 1)
                continue
            by_pdfium, by_pdfminer = read_page(fast, index + 1), read_page(plumber_page, index + 1)
            assert _cells(by_pdfium) == _cells(by_pdfminer), f"page {index + 1}"
            assert by_pdfium.has_text == by_pdfminer.has_text, f"page {index + 1}"  # False: scanned
            # Positions differ by pdfium's single precision and its own reading of glyph
            # widths: less than a tenth of a point.
            assert _positions(by_pdfium) == pytest.approx(_positions(by_pdfminer), abs=0.1), f"page {index + 1}"
            plumber_page.close()
    assert left == LEFT_TO_PDFMINER.get(path.name, set())


def test_table_cells_found_by_position_are_those_pdfplumber_extracts():
    document = open_document(str(ROOT / "samples" / "shanghai-putuo-wanli-jiedao-2023-budget.pdf"))
    tables = 0
    for index in range(len(document)):
        page = pdfium_page(document, index)
        for table in layout.find_tables(_ruled(page)) if page is not None and (page.lines or page.rects) else []:
            assert _table_texts(table, page.chars) == table.extract()
            tables += 1
    assert tables == 24


# --- shapes on a drawn page ------------------------------------------------------------

def _new_text(document, page, words: str, matrix: tuple) -> None:
    text = pdfium_c.FPDFPageObj_NewTextObj(document.raw, b"Helvetica", ctypes.c_float(12))
    message = (words + "\x00").encode("utf-16-le")
    pdfium_c.FPDFText_SetText(text, ctypes.cast(ctypes.c_char_p(message), ctypes.POINTER(pdfium_c.FPDF_WCHAR)))
    pdfium_c.FPDFPageObj_Transform(text, *matrix)
    pdfium_c.FPDFPage_InsertObject(page.raw, text)


def _new_path(page, *subpaths, close=False, fill=0, stroke=True, white=False, curve=False) -> None:
    """One path object: each subpath a list of points (a move, then lines; with ``curve``,
    a move and one Bézier curve through three more points)."""
    obj = pdfium_c.FPDFPageObj_CreateNewPath(*subpaths[0][0])
    for number, points in enumerate(subpaths):
        if number:
            pdfium_c.FPDFPath_MoveTo(obj, *points[0])
        if curve:
            pdfium_c.FPDFPath_BezierTo(obj, *points[1], *points[2], *points[3])
        else:
            for point in points[1:]:
                pdfium_c.FPDFPath_LineTo(obj, *point)
    if close:
        pdfium_c.FPDFPath_Close(obj)
    if white:
        pdfium_c.FPDFPageObj_SetFillColor(obj, 255, 255, 255, 255)
    pdfium_c.FPDFPath_SetDrawMode(obj, fill, stroke)
    pdfium_c.FPDFPage_InsertObject(page.raw, obj)


def _drawn_pdf(path: pathlib.Path) -> None:
    """One page drawing every kind of path pdfminer tells apart, and a line of text."""
    document = pdfium.PdfDocument.new()
    page = document.new_page(400, 300)
    _new_path(page, [(10, 10), (200, 10)])  # a line
    _new_path(page, [(10, 20), (10, 120)])  # a vertical line
    _new_path(page, [(20, 20), (120, 20), (120, 60), (20, 60)], close=True)  # a rect closed by h
    _new_path(page, [(130, 20), (230, 20), (230, 60), (130, 60), (130, 20)])  # a rect closed by a line
    _new_path(page, [(240, 20), (340, 20), (340, 60), (240, 60), (240, 20)], close=True)  # both
    _new_path(page, [(20, 70), (120, 70), (110, 110), (20, 110)], close=True)  # four sides, not a rect
    _new_path(page, [(130, 70), (230, 70), (230, 110)])  # an open polyline
    _new_path(page, [(240, 70), (260, 120), (300, 120), (340, 70)], curve=True)  # a curve
    _new_path(page, [(20, 130), (120, 130)], [(20, 150), (120, 150)])  # two lines in one path
    _new_path(page, [(20, 160), (120, 160), (120, 200), (20, 200)], close=True, fill=1, stroke=False,
              white=True)  # an invisible white box
    _new_text(document, page, "Total 123.45", (1, 0, 0, 1, 150, 250))
    pdfium_c.FPDFPage_GenerateContent(page.raw)
    document.save(str(path))


def _shapes(page, kind: str) -> list:
    return sorted((round(o["x0"], 2), round(o["top"], 2), round(o["x1"], 2), round(o["bottom"], 2))
                  for o in page.objects.get(kind, []))


def test_drawn_shapes_are_those_pdfminer_finds(tmp_path):
    drawn = tmp_path / "drawn.pdf"
    _drawn_pdf(drawn)
    fast = pdfium_page(open_document(str(drawn)), 0)
    assert fast is not None
    with pdfplumber.open(drawn) as pdf:
        slow = pdf.pages[0]
        for kind in ("line", "rect", "curve"):
            assert _shapes(fast, kind) == _shapes(slow, kind), kind
        assert len(fast.lines) == 4 and len(fast.rects) == 4 and len(fast.curves) == 3
        white = [r for r in fast.rects if r["fill"] and not r["stroke"]]
        assert [r["non_stroking_color"] for r in white] == [(1.0, 1.0, 1.0)]
        words = [(w["text"], w["x0"], w["top"]) for w in extract_words(fast.chars)]
        assert [w[0] for w in words] == ["Total", "123.45"]
        # Helvetica is not embedded: pdfium's stand-in font puts the descent 0.2 pt lower.
        assert [w[1:] for w in words] == [pytest.approx((w["x0"], w["top"]), abs=0.3) for w in slow.extract_words()]


def test_a_page_pdfium_cannot_vouch_for_is_left_to_pdfminer(tmp_path):
    rotated = tmp_path / "rotated.pdf"
    document = pdfium.PdfDocument.new()
    page = document.new_page(400, 300)
    _new_text(document, page, "Sideways", (0, 1, -1, 0, 100, 100))  # turned a quarter
    pdfium_c.FPDFPage_GenerateContent(page.raw)
    document.save(str(rotated))
    assert pdfium_page(open_document(str(rotated)), 0) is None


def test_a_page_whose_media_box_does_not_start_at_the_origin_reads_as_pdfminer_reads_it(tmp_path):
    """Some exporters put the media box at (-12, 12) rather than (0, 0) (上海 budgets):
    pdfplumber then measures ``top`` down from the box's height, not its top."""
    shifted = tmp_path / "shifted.pdf"
    document = pdfium.PdfDocument(str(ROOT / "samples" / "shanghai-putuo-caizhengju-2024-final.pdf"))
    page = document[4]  # a ruled table with prose above it
    left, bottom, right, top = page.get_mediabox()
    page.set_mediabox(left - 12, bottom + 12, right - 12, top + 12)
    page.set_cropbox(left - 12, bottom + 12, right - 12, top + 12)
    document.save(str(shifted))
    fast = pdfium_page(open_document(str(shifted)), 4)
    assert fast is not None
    with pdfplumber.open(shifted) as pdf:
        by_pdfium, by_pdfminer = read_page(fast, 5), read_page(pdf.pages[4], 5)
    assert any(line.positional for line in by_pdfium.lines)  # the grid is read
    assert _cells(by_pdfium) == _cells(by_pdfminer)
    assert _positions(by_pdfium) == pytest.approx(_positions(by_pdfminer), abs=0.1)


def test_a_lone_glyph_of_a_font_the_pdf_does_not_embed_is_read(tmp_path):
    """A Chinese font the PDF names but does not embed (STSong-Light, as report generators
    print it): without a system font to stand in for it, pdfium leaves a one-character text
    object out of its text page (the 算 of a header wrapped as 一般公共预 / 算), so such a
    page is left to pdfminer; either way the glyph is read."""
    from budgetkit.sources.read import read_source
    from fixtures.grid_pdfs import _pdf, _text
    path = tmp_path / "lone-glyph.pdf"
    path.write_bytes(_pdf(b"\n".join([_text("一般公共预", 100, 700), _text("算", 114, 690)])))
    (page,) = read_source(str(path), ocr="never").pages
    assert [line.text for line in page.lines] == ["一般公共预", "算"]


@pytest.mark.parametrize("footer, dropped", [(["17"], True), (["- 17 -"], True), (["1", "1"], True),
                                             (["1", "1", "1"], False), (["合计", "1"], False)])
def test_a_page_number_alone_on_the_last_line_is_dropped_and_kept_as_the_folio(footer, dropped):
    """quanzhou-01 p.14 ends with ``1  1`` (its page number, 11, letter-spaced), once read as
    a row of the 支出总表 with a 基本支出 of 1."""
    from budgetkit.sources import Cell, Line
    from budgetkit.sources.pdf import _split_page_number
    body = Line(cells=[Cell("2210203"), Cell("购房补贴"), Cell("9.29")], page=14)
    last = Line(cells=[Cell(text, 100.0 * n, 100.0 * n + 10) for n, text in enumerate(footer)], page=14)
    assert _split_page_number([body, last]) == (([body], last.text) if dropped else ([body, last], None))
