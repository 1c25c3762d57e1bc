"""Text files: disclosures already turned into text (copy-paste, pdftotext, OCR).

A table row in such text is a line of whitespace-separated tokens.  Two encodings of
blank cells are common and both are kept:

- tab-separated rows (spreadsheet exports, many OCR tools): one tab per cell boundary,
  so the cells are positional;
- space-separated rows where each cell is followed by one space and a blank cell leaves
  only its space (``4.69  163.10`` has one blank between).  Whether a row really follows
  that convention is only known once the table's column count is, so the blanks are
  kept as ``Cell("")`` and the line is marked ``spaced``; the table parser validates it.

Extraction also breaks cells over lines (``3,291.9`` / ``1``; ``20805`` / ``01``); those are
joined here, before any table logic sees them.
"""

from __future__ import annotations

import re

from . import Cell, Line, Page, Source, UnreadableInput

_SINGLE_DIGITS_RE = re.compile(r"^\s*(\d{1,2})\s*$")
_CODE_HEAD_RE = re.compile(r"^\s*(\d{2,5})\s*$")
_ONE_DECIMAL_END_RE = re.compile(r"(\d[\d,]*\.\d)\s*$")
# "- 17 -", "— 20 -": a page number.  A bare "17" is left alone: it may be a unit code
# wrapped onto its own line; a table row holding nothing else is dropped later.
_PAGE_NUMBER_RE = re.compile(r"^\s*[-—–]+\s*\d{1,3}\s*[-—–]+\s*$")
_TOKEN_RE = re.compile(r"\S+")


_BINARY = "not a PDF or a text file (binary content)"
# Control characters no text disclosure holds (tab, line and page breaks are allowed).
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f]")


def decode(data: bytes, path: str) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with its BOM, falling back to GB18030, the
    other encoding seen."""
    if not data.strip():
        raise UnreadableInput("empty", "the file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _utf16(data)
    if b"\x00" in data[:4096]:
        raise UnreadableInput("not_text", _BINARY)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableInput("not_text", "not a PDF or a UTF-8/GB18030 text file")


def _utf16(data: bytes) -> str:
    """Windows editors saving as "Unicode" write UTF-16 behind a BOM.  Only the BOM is
    trusted: without one, UTF-16's NULs look like any other binary content.  Binary
    content that merely starts with a BOM fails to decode or decodes to control
    characters."""
    try:
        text = data.decode("utf-16")  # reads the BOM for the byte order and drops it
    except UnicodeDecodeError:
        raise UnreadableInput("not_text", _BINARY) from None
    if _CONTROL_RE.search(text):
        raise UnreadableInput("not_text", _BINARY)
    if not text.strip():
        raise UnreadableInput("empty", "the file is empty")
    return text


def read_text(path: str, data: bytes, sha256: str) -> Source:
    text = decode(data, path).replace("\r\n", "\n").replace("\r", "\n")
    pages: list[Page] = []
    line_no = 0
    for page_index, page_text in enumerate(text.split("\f"), start=1):
        raw_lines = page_text.split("\n")
        numbered = [(line_no + i + 1, raw) for i, raw in enumerate(raw_lines)]
        line_no += len(raw_lines)
        page = Page(number=page_index, lines=[])
        for number, raw in _join_broken_cells(numbered):
            if not raw.strip() or _PAGE_NUMBER_RE.match(raw):
                continue
            page.lines.append(split_line(raw, number))
        pages.append(page)
    paged = len(pages) > 1
    for page in pages:
        for line in page.lines:
            line.page = page.number if paged else None
    return Source(path=path, sha256=sha256, format="text", pages=pages, page_count=len(pages))


def _join_broken_cells(numbered: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Rejoin a number or a code that the extraction wrapped onto the next line.

    ``3,291.9`` followed by a line holding only ``1`` is ``3,291.91``; a line holding only
    ``20805`` followed by one holding only ``01`` is the code ``2080501``.
    """
    out: list[tuple[int, str]] = []
    skip_until = -1
    for i, (number, raw) in enumerate(numbered):
        if i <= skip_until:
            continue
        nxt = _next_nonblank(numbered, i)
        if nxt is not None:
            tail = _SINGLE_DIGITS_RE.match(numbered[nxt][1])
            if tail and _ONE_DECIMAL_END_RE.search(raw) and len(tail.group(1)) == 1:
                out.append((number, raw.rstrip() + tail.group(1) + " "))
                skip_until = nxt
                continue
            head = _CODE_HEAD_RE.match(raw)
            if tail and head:
                out.append((number, head.group(1) + tail.group(1)))
                skip_until = nxt
                continue
        out.append((number, raw))
    return out


def _next_nonblank(numbered: list[tuple[int, str]], i: int) -> int | None:
    for j in range(i + 1, min(i + 4, len(numbered))):
        if numbered[j][1].strip():
            return j
    return None


def split_line(raw: str, line_no: int) -> Line:
    """Cells of one text line; see the module docstring for the two blank-cell encodings."""
    if "\t" in raw:
        cells = [Cell(part.strip()) for part in raw.rstrip("\n").split("\t")]
        return Line(cells=cells, line_no=line_no, positional=True)
    cells: list[Cell] = []
    tokens = list(_TOKEN_RE.finditer(raw))
    for index, token in enumerate(tokens):
        if index:
            gap = token.start() - tokens[index - 1].end()
            cells.extend(Cell("") for _ in range(gap - 1))
        cells.append(Cell(token.group()))
    if tokens:
        trailing = len(raw) - tokens[-1].end()
        cells.extend(Cell("") for _ in range(max(0, trailing - 1)))
    # Extractions that end each cell with a space leave it out where a cell wraps.
    return Line(cells=cells, line_no=line_no, positional=False, open_end=bool(tokens) and not raw[-1:].isspace())
