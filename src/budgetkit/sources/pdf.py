"""PDF files, read with pdfplumber: on the objects pdfium reads (triage.py), or on
pdfminer's where pdfium cannot vouch for a page.

Each page becomes lines of cells.  Where the page draws a table with ruling lines and
pdfplumber's table finder returns a clean grid, the grid rows are used as they are: the
cells are positional and blank cells stay blank.  Everywhere else (prose, tables drawn
without rules or with fragmented cell boxes) words are grouped into visual lines, each
word a cell with its horizontal extent, and the table parser places them by position.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left

import pdfplumber
from pdfplumber.utils.exceptions import PdfminerException
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException

from ..budget import PageWatch
from . import Cell, Line, Page, Source, UnreadableInput, layout
from .ocr import read_by_ocr
from .triage import open_document, pdfium_page

# pdfminer logs every recoverable oddity of real PDFs at WARNING; the user gets our
# own one-line problems instead.
logging.getLogger("pdfminer").setLevel(logging.ERROR)

# A grid is trusted when few of its rows are empty fragments: tables drawn as many
# small rectangles produce grids where most rows are slivers between boxes.
_MAX_EMPTY_ROW_SHARE = 0.2
_MIN_COLUMN_WIDTH = 20  # points
_MAX_RULE_WIDTH = 2  # points: a box this thin is a rule


def read_pdf(path: str, sha256: str, ocr: str = "auto", numbers: range | None = None,
             watch: PageWatch | None = None) -> Source:
    """``ocr``: ``auto`` reads pages without a usable text layer with Tesseract,
    ``always`` every page, ``never`` none (they are reported as problems).

    ``numbers``: only these pages (1-based), one part of a long PDF that several workers
    read; the part holding page 1 reads the metadata.

    ``watch``: told each page before it is read, and names the pages to leave unread.

    A file pdfium opens has the page count and title pdfium reads, and pdfminer opens it
    only for a page pdfium cannot vouch for (it takes longer than pdfium to list the pages).
    Any other file must open in pdfminer, or it is ``UnreadableInput`` naming the problem."""
    watch = watch or PageWatch()
    fast = open_document(path)
    try:
        if fast is not None and len(fast):
            metadata = _metadata(fast) if numbers is None or numbers.start == 1 else {}
            source = Source(path=path, sha256=sha256, format="pdf", pages=[], page_count=len(fast), metadata=metadata)
            with _PdfplumberPages(path) as pages:
                _read_pages(source, numbers or range(1, len(fast) + 1), fast, pages, ocr, watch)
            return source
        with _PdfplumberPages(path, checked=True) as pages:
            source = Source(path=path, sha256=sha256, format="pdf", pages=[], page_count=pages.count,
                            metadata=pages.metadata)
            _read_pages(source, numbers or range(1, pages.count + 1), fast, pages, ocr, watch)
        return source
    finally:
        if fast is not None:
            fast.close()


def _metadata(document) -> dict[str, str]:
    """The document information pdfium reads (Title, Author…), as pdfplumber gives it."""
    try:
        return document.get_metadata_dict(skip_empty=True)
    except Exception:  # a broken information dictionary is no reason not to read the pages
        return {}


def _read_pages(source: Source, numbers: range, fast, pages: _PdfplumberPages, ocr: str, watch: PageWatch) -> None:
    for number in numbers:
        skipped = watch.page(number)
        if skipped is not None:
            _unread(source, number, skipped)
            continue
        try:
            # Pages pdfium can vouch for are read by it (triage.py), the others by pdfminer.
            fast_page = pdfium_page(fast, number - 1) if fast is not None else None
            source.pages.append(read_page(pages.page(number) if fast_page is None else fast_page, number))
            if ocr != "never":
                read_by_ocr(source, source.pages[-1], always=ocr == "always")
        except MemoryError:  # past the memory budget in Python (pdfminer): the page's objects are freed
            _unread(source, number, watch.budget.page_too_large(number))
        except Exception as error:  # one broken page must not lose the others
            _unread(source, number, {"code": "page_unreadable", "page": number,
                                     "message": f"page {number} could not be read ({type(error).__name__})"})
        finally:
            pages.close_page()


def _unread(source: Source, number: int, problem: dict) -> None:
    if source.pages and source.pages[-1].number == number:
        source.pages.pop()  # read, but OCR (or the like) then failed: the page is not half-kept
    source.pages.append(Page(number=number, lines=[], has_text=False))
    source.problems.append(problem)


class _PdfplumberPages:
    """The PDF as pdfplumber reads it, opened on the first page asked for, or at once when
    ``checked``: then a file pdfplumber cannot read raises ``UnreadableInput`` naming the
    problem, and its page count and metadata are known."""

    def __init__(self, path: str, checked: bool = False):
        self.path, self.pdf, self.current = path, None, None
        self.count, self.metadata = 0, {}
        if checked:
            self._open()
            if self.count == 0:
                self.pdf.close()
                raise UnreadableInput("no_pages", "the PDF has no pages")
            self.metadata = {k: v for k, v in (self.pdf.metadata or {}).items() if isinstance(v, str)}

    def _open(self) -> None:
        try:
            pdf = pdfplumber.open(self.path)
        except Exception as error:
            raise _unreadable(error) from None
        try:
            self.count = len(pdf.pages)
        except Exception as error:
            # Not pdf.close(): it lists the pages again and would raise over this message.
            pdf.stream.close()
            raise UnreadableInput("corrupt", f"not a readable PDF: its page tree is broken ({type(error).__name__})") from None
        self.pdf = pdf

    def page(self, number: int):
        if self.pdf is None:
            self._open()
        self.current = self.pdf.pages[number - 1]
        return self.current

    def close_page(self) -> None:
        """pdfplumber keeps a page's parsed objects until it is closed."""
        if self.current is not None:
            self.current.close()
            self.current = None

    def __enter__(self) -> _PdfplumberPages:
        return self

    def __exit__(self, *exc) -> None:
        if self.pdf is not None:
            self.pdf.close()


def _unreadable(error: Exception) -> UnreadableInput:
    """Name the problem behind an open failure; pdfplumber wraps pdfminer's errors."""
    cause = error.args[0] if isinstance(error, PdfminerException) and error.args else error
    if isinstance(cause, PDFPasswordIncorrect):
        return UnreadableInput("encrypted", "the PDF is encrypted (password protected)")
    if isinstance(cause, PDFEncryptionError):
        return UnreadableInput("encrypted", "the PDF is encrypted with an unsupported scheme")
    if isinstance(cause, (PDFSyntaxError, PSException)):
        return UnreadableInput("corrupt", "not a readable PDF (corrupt or truncated)")
    return UnreadableInput("corrupt", f"not a readable PDF ({type(cause).__name__})")


def read_page(page, number: int) -> Page:
    if not page.chars:
        # No text layer: a scanned page if it shows images, otherwise a blank page.
        return Page(number=number, lines=[], has_text=not page.images)
    _hang_on_baseline(page.chars)
    # Only a page that draws rules or boxes can hold a ruled grid; prose pages skip the
    # (costly) table finder.
    found = layout.find_tables(_ruled(page)) if (page.lines or page.rects) else []
    extracted = [(table, _table_texts(table, page.chars)) for table in found]
    grids = [(table, texts) for table, texts in extracted if _is_clean_grid(texts)]
    lines = [line for table, texts in grids for line in _grid_lines(table, texts, number)]
    words = _unglued(layout.words(page.chars, x_tolerance=1.5, y_tolerance=2))
    boxes = [table.bbox for table, _ in grids]  # a property pdfplumber works out on each call
    outside = [w for w in words if not any(_inside(w, box) for box in boxes)]
    lines.extend(_word_lines(outside, number))
    lines.sort(key=lambda line: line.top)
    body, folio = _split_page_number(lines)
    return Page(number=number, lines=body, has_text=True, folio=folio)


# A glyph box reaches below the baseline by the font's descent, a fraction of its size.
# Some fonts claim a descent deeper than half their size (one that prints digits and
# punctuation in Chongqing's budgets hangs every box a whole line low), which would put
# their glyphs on lines of their own: 2026 under its 年, each 、 under its sentence.
_DEEPEST_DESCENT = 0.5


def _hang_on_baseline(chars: list[dict]) -> None:
    """Moves up, in place, the boxes of upright glyphs hung too far below their baseline,
    to reach below it as the page's other glyphs do."""
    hung, depths = [], []
    for char in chars:
        baseline, bottom = _baseline(char), char["bottom"]
        size = bottom - char["top"]
        if baseline is None or size <= 0 or not char.get("upright"):
            continue
        depth = (bottom - baseline) / size
        if depth > _DEEPEST_DESCENT:
            hung.append((char, baseline, size))
        else:
            depths.append(depth)
    usual = sorted(depths)[len(depths) // 2] if depths else 0.2
    for char, baseline, size in hung:
        rise = char["bottom"] - (baseline + usual * size)
        for key in ("top", "bottom", "doctop"):
            char[key] -= rise
        for key in ("y0", "y1"):
            if key in char:
                char[key] += rise


def _baseline(char: dict) -> float | None:
    """The glyph's baseline, from the top of the page: told by the pdfium reader, worked
    out from the text matrix for pdfminer's glyphs (which place the box from the same
    origin)."""
    if "baseline" in char:
        return char["baseline"]
    if "matrix" in char and "y0" in char:
        return char["bottom"] + char["y0"] - char["matrix"][5]
    return None


def _table_texts(table, chars: list[dict]) -> list[list[str | None]]:
    """What pdfplumber's ``table.extract()`` gives (each cell's text, None for the covered
    part of a merged cell), with each row's characters looked up by position instead of
    testing every character of the page against every row."""
    centred = sorted(((c["top"] + c["bottom"]) / 2, i, (c["x0"] + c["x1"]) / 2) for i, c in enumerate(chars))
    middles = [v for v, _, _ in centred]
    texts = []
    for row in table.rows:
        x0, top, x1, bottom = row.bbox
        # A character belongs to a box when its centre is inside, left and top edges included.
        row_chars = sorted((h, i, v) for v, i, h in centred[bisect_left(middles, top):bisect_left(middles, bottom)]
                           if x0 <= h < x1)
        centres = [h for h, _, _ in row_chars]

        def inside(cell) -> list[dict]:
            """The cell's characters, in the page's order (as pdfplumber takes them)."""
            across = row_chars[bisect_left(centres, cell[0]):bisect_left(centres, cell[2])]
            return [chars[i] for i in sorted(i for _, i, v in across if cell[1] <= v < cell[3])]

        texts.append([None if cell is None else layout.cell_text(inside(cell)) for cell in row.cells])
    return texts


def _ruled(page):
    """The page without the invisible boxes some exporters draw behind every cell (white
    fill, no stroke): taken as rules they cut wrapped labels and their amounts into
    separate grid rows; only the drawn rules delimit cells."""
    if not any(_invisible(rect) for rect in page.rects):
        return page
    # Only where rules are drawn otherwise (lines, thin dark boxes): some exporters draw
    # white boxes over a dark one and let the gaps between them be the rules.
    if not page.lines and not any(not _invisible(r) and min(r["width"], r["height"]) <= _MAX_RULE_WIDTH
                                  for r in page.rects):
        return page
    return page.filter(lambda obj: obj.get("object_type") != "rect" or not _invisible(obj))


def _invisible(rect: dict) -> bool:
    return bool(rect.get("fill")) and not rect.get("stroke") and _is_white(rect.get("non_stroking_color"))


def _is_white(color) -> bool:
    if color is None:
        return False
    components = (color,) if isinstance(color, (int, float)) else tuple(color)
    if not components or not all(isinstance(v, (int, float)) for v in components):
        return False
    if len(components) in (1, 3):  # grey or RGB
        return all(v >= 0.99 for v in components)
    if len(components) == 4:  # CMYK
        return all(v <= 0.01 for v in components)
    return False


_PAGE_NUMBER_RE = re.compile(r"^[-—–]*\s*\d{1,3}\s*[-—–]*$")


def _split_page_number(lines: list[Line]) -> tuple[list[Line], str | None]:
    """The page's lines without a printed page number standing alone as the last line
    (``17``, ``- 17 -``, or ``1  1``: the page and the page count, or 11 letter-spaced), and
    that number's text."""
    if not lines or lines[-1].positional:
        return lines, None
    texts = [t for t in lines[-1].texts if t]
    if _PAGE_NUMBER_RE.match(lines[-1].text.strip()) or (
            len(texts) == 2 and all(re.fullmatch(r"\d{1,3}", t) for t in texts)):
        return lines[:-1], lines[-1].text.strip()
    return lines, None


# A cell holding a name and an amount together: the grid missed a column boundary.
_NAME_AND_AMOUNT_RE = re.compile(r"[\u4e00-\u9fff）)]\s*-?[\d,]+\.\d{2}$")


def _is_clean_grid(rows: list[list]) -> bool:
    if len(rows) < 2 or max(len(r) for r in rows) < 2:
        return False
    empty = sum(1 for row in rows if all(not (cell or "").strip() for cell in row))
    if empty / len(rows) > _MAX_EMPTY_ROW_SHARE:
        return False
    return not any(_NAME_AND_AMOUNT_RE.search((cell or "").replace("\n", "")) for row in rows for cell in row)


def _grid_lines(table, texts: list[list], number: int) -> list[Line]:
    rows = table.rows  # a property pdfplumber works out on each call
    # Columns without text are slivers between boxes, unless they are drawn as wide as a
    # real column (a label column left blank on a continuation page keeps its place).
    keep = [j for j in range(len(texts[0])) if any(row[j] is not None and row[j].strip() for row in texts)
            or any(cell is not None and cell[2] - cell[0] >= _MIN_COLUMN_WIDTH
                   for row in rows if j < len(row.cells) for cell in [row.cells[j]])]
    lines = []
    above: dict[int, tuple[tuple, str]] = {}  # per column: the last cell box and its text
    for row, row_texts in zip(rows, texts):
        cells = []
        for j in keep:
            bbox = row.cells[j]
            text = (row_texts[j] or "").replace("\n", "")
            if bbox is None and row_texts[j] is None:
                # Part of a merged cell: with its left neighbour (the label spans columns),
                # or with the cell above (one label for several rows), whose text it keeps.
                last = above.get(j)
                spanned = last[1] if last and last[0][3] > row.bbox[1] + 1 else None
                cells.append(Cell("", None, None, spanned=spanned))
                continue
            above[j] = (bbox, text)
            cells.append(Cell(text, bbox[0] if bbox else None, bbox[2] if bbox else None))
        if any(not c.blank for c in cells):
            lines.append(Line(cells=cells, page=number, positional=True, top=row.bbox[1], bottom=row.bbox[3]))
    return lines


# An amount set against the text of the next column, no gap between them (0.00营风险，支持…
# under 其他资金 | 绩效目标 in a table without rules): the amount, then a word that is no unit.
_GLUED_AMOUNT_RE = re.compile(r"^-?[\d,]*\d\.\d+(?=[\u4e00-\u9fff])(?![万亿千元])")


def _unglued(words: list[dict]) -> list[dict]:
    """Words, an amount glued to the text after it cut off as a word of its own."""
    found = []
    for word in words:
        match = _GLUED_AMOUNT_RE.match(word["text"])
        chars = word.pop("chars", None)
        if match is None or not chars or len(chars) != len(word["text"]):
            found.append(word)
            continue
        cut = match.end()
        found.append({**word, "text": word["text"][:cut], "x1": chars[cut - 1]["x1"]})
        found.append({**word, "text": word["text"][cut:], "x0": chars[cut]["x0"]})
    return found


def _inside(word: dict, bbox) -> bool:
    x0, top, x1, bottom = bbox
    cx, cy = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    return x0 <= cx <= x1 and top <= cy <= bottom


def _word_lines(words: list[dict], number: int) -> list[Line]:
    """Group words into visual lines: a word joins a line when their vertical extents overlap."""
    lines: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if lines:
            current = lines[-1]
            top = min(w["top"] for w in current)
            bottom = max(w["bottom"] for w in current)
            overlap = min(bottom, word["bottom"]) - max(top, word["top"])
            height = min(bottom - top, word["bottom"] - word["top"]) or 1
            if overlap / height > 0.5:
                current.append(word)
                continue
        lines.append([word])
    result = []
    for group in lines:
        group.sort(key=lambda w: w["x0"])
        cells = [Cell(w["text"], w["x0"], w["x1"]) for w in group]
        result.append(Line(cells=cells, page=number, positional=False, top=min(w["top"] for w in group),
                           bottom=max(w["bottom"] for w in group)))
    return result
