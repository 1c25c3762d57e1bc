"""Glyph boxes hung below their baseline by a font's impossible descent.

Chongqing's budgets print digits and punctuation in a font that claims a descent deeper
than its size: read as is, ``重庆市经济和信息化委员会2026年部门预算情况说明`` came out as two
lines (``…委员会 年部门预算情况说明`` / ``2026``) and every 、 of a sentence on a line below it.
The boxes below are those of that title (page 1 of ../shared/corpus/chongqing-01.pdf), as
the pdfium reader gives them (``baseline``) and as pdfminer does (``matrix``, ``y0``)."""

import pytest

from budgetkit.sources.pdf import _hang_on_baseline

HEIGHT = 841.9
SIZE = 19.7


def pdfium_char(text, top, bottom, baseline):
    return {"text": text, "top": top, "bottom": bottom, "doctop": top, "upright": True, "baseline": baseline}


def pdfminer_char(text, top, bottom, baseline):
    y0 = HEIGHT - bottom
    return {"text": text, "top": top, "bottom": bottom, "doctop": top, "upright": True, "y0": y0,
            "y1": HEIGHT - top, "matrix": (SIZE, 0, 0, SIZE, 0, HEIGHT - baseline)}


@pytest.mark.parametrize("char", [pdfium_char, pdfminer_char], ids=["pdfium", "pdfminer"])
def test_a_hung_box_is_raised_to_its_line(char):
    title = [char("会", 92.8, 112.5, 106.8), char("2", 110.1, 129.8, 109.5), char("年", 92.8, 112.5, 106.8)]
    _hang_on_baseline(title)
    assert [c["top"] for c in title] == pytest.approx([92.8, 95.5, 92.8], abs=0.05)  # within a line's tolerance
    assert title[1]["bottom"] - title[1]["top"] == pytest.approx(SIZE, abs=0.05)  # the same box, moved
    if "y0" in title[1]:
        assert title[1]["y0"] == pytest.approx(HEIGHT - title[1]["bottom"])


def test_ordinary_boxes_are_left_as_they_are():
    line = [pdfium_char("会", 92.8, 112.5, 106.8), pdfium_char("，", 92.8, 112.5, 106.8)]
    _hang_on_baseline(line)
    assert [(c["top"], c["bottom"]) for c in line] == [(92.8, 112.5), (92.8, 112.5)]
