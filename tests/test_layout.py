"""The table finder, word grouping and cell text of sources/layout.py give what pdfplumber's
own give, on every page of the sample PDFs, read by pdfium and by pdfminer."""

from __future__ import annotations

import pathlib

import pdfplumber
import pytest
from pdfplumber import utils
from pdfplumber.table import TableFinder

from budgetkit.sources import layout
from budgetkit.sources.pdf import _ruled
from budgetkit.sources.triage import open_document, pdfium_page

ROOT = pathlib.Path(__file__).resolve().parent.parent
SAMPLE_PDFS = sorted((ROOT / "samples").glob("*.pdf"))


def _pages(path: pathlib.Path):
    """Each page of the PDF as pdfium reads it (when it can) and as pdfminer reads it."""
    document = open_document(str(path))
    with pdfplumber.open(path) as pdf:
        for index, plumber_page in enumerate(pdf.pages):
            fast = pdfium_page(document, index)
            yield from ([fast] if fast is not None else []) + [plumber_page]
            plumber_page.close()
    document.close()


@pytest.mark.parametrize("path", SAMPLE_PDFS, ids=lambda p: p.name)
def test_tables_words_and_cell_texts_are_pdfplumbers(path):
    tables = cells = words = 0
    for page in _pages(path):
        ruled = _ruled(page)
        ours, theirs = layout.find_tables(ruled), TableFinder(ruled).tables
        assert [table.cells for table in ours] == [table.cells for table in theirs]
        for table in ours:
            for row in table.rows:
                for cell in filter(None, row.cells):
                    inside = [c for c in page.chars if cell[0] <= (c["x0"] + c["x1"]) / 2 < cell[2]
                              and cell[1] <= (c["top"] + c["bottom"]) / 2 < cell[3]]
                    assert layout.cell_text(inside) == utils.extract_text(inside)
                    cells += bool(inside)
        tables += len(ours)
        found = layout.words(page.chars, x_tolerance=1.5, y_tolerance=2)
        assert found == utils.extract_words(page.chars, x_tolerance=1.5, y_tolerance=2, return_chars=True)
        words += len(found)
    assert tables and cells and words  # the samples have them all


def test_a_cell_on_several_lines_has_its_lines_and_words_as_pdfplumber_joins_them():
    chars = [_char("一", 10, 20), _char("般", 20, 20), _char("公", 40, 20),  # a gap: two words
             _char("共", 10, 32), _char("ﬁ", 20, 32.5),  # the next line, a ligature
             _char(" ", 30, 32), _char("预", 34, 32)]  # a blank ends a word
    assert layout.cell_text(chars) == utils.extract_text(chars) == "一般 公\n共fi 预"


def test_text_not_upright_is_left_to_pdfplumber():
    chars = [_char("收", 10, 20, upright=False), _char("入", 10, 30, upright=False)]
    assert layout.cell_text(chars) == utils.extract_text(chars)
    assert layout.words(chars, 1.5, 2) == utils.extract_words(chars, x_tolerance=1.5, y_tolerance=2, return_chars=True)


def _char(text: str, x0: float, top: float, upright: bool = True) -> dict:
    return {"object_type": "char", "text": text, "x0": x0, "x1": x0 + 10, "top": top, "bottom": top + 10,
            "doctop": top, "upright": upright}
