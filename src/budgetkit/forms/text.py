"""Small helpers on printed form text: joining wrapped pieces, measuring line widths."""

from __future__ import annotations

import re
import unicodedata

from ..names import fold_width as fold  # noqa: F401  (the forms' fold: width and spaces only)

_ASCII_WORD_END = re.compile(r"[A-Za-z0-9.%]$")
_ASCII_WORD_START = re.compile(r"^[A-Za-z0-9]")
_CJK_GAP_RE = re.compile(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])")


def join_pieces(pieces: list[str]) -> str:
    """Wrapped parts of one cell as one text.

    Chinese text has no spaces, so a cell wrapped over lines (``基本医疗保险市级统`` / ``筹``)
    or a word OCR split (``医保服务标准化水 平``) joins without one; a space is kept only
    between two Latin words or numbers (``≥5000 人次`` keeps none, ``DRG 付费`` none).
    """
    out = ""
    for piece in pieces:
        piece = _CJK_GAP_RE.sub("", piece.strip())
        if not piece:
            continue
        if out and _ASCII_WORD_END.search(out) and _ASCII_WORD_START.match(piece):
            out += " "
        out += piece
    return out


def width(text: str) -> float:
    """Display width of a printed line: CJK and full-width characters count 2, others 1.

    Wrapped cells fill their column line after line, so a line narrower than the cell's
    first line ends the cell (see ``flow.split_cells``).
    """
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text if not ch.isspace())


def cell_text(cells: list[str], index: int | None) -> str:
    """The cell at ``index`` of a printed row, blank where the row prints none there."""
    return cells[index] if index is not None and index < len(cells) else ""
