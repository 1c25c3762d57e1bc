"""Turning a file into pages of lines of cells.

Both readers (``pdf`` and ``text``) produce the same shape, so table recognition never
needs to know where a line came from:

- a ``Line`` is one visual row of text: its cells in reading order, the page and (for text
  files) the line number it came from;
- ``Line.positional`` says whether blank cells are present as empty ``Cell``s (a PDF
  table with ruling lines, a tab-separated text row) or were lost (plain text, where
  ``3.16 3.13`` does not say which columns the two numbers sit in).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Cell:
    text: str
    x0: float | None = None  # horizontal extent on the page, when known
    x1: float | None = None
    spanned: str | None = None  # blank part of a cell merged from the row above: that cell's text

    @property
    def blank(self) -> bool:
        return not self.text.strip()


@dataclass(slots=True)
class Line:
    cells: list[Cell]
    page: int | None = None
    line_no: int | None = None  # 1-based line in a text file
    positional: bool = False  # blank cells are kept as empty cells
    top: float | None = None  # vertical position on the page (PDF points from the top), for ordering
    bottom: float | None = None  # where the line ends below (PDF), for the boxes findings point at
    open_end: bool = False  # text: the line ends without the space that closes a cell (its last cell wraps on)
    # ``text``, worked out on first use: the table parser asks a line for it again and again.
    # A line's cells are not changed once it is made.
    _text: str | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = " ".join(c.text.strip() for c in self.cells if not c.blank)
        return self._text

    @property
    def texts(self) -> list[str]:
        return [c.text.strip() for c in self.cells]

    @property
    def box(self) -> tuple[float, float, float, float] | None:
        """Where the line's printed cells stand on its page (x0, top, x1, bottom), when the
        source gives positions."""
        lefts = [c.x0 for c in self.cells if c.x0 is not None and not c.blank]
        rights = [c.x1 for c in self.cells if c.x1 is not None and not c.blank]
        if not lefts or not rights or self.top is None or self.bottom is None:
            return None
        return min(lefts), self.top, max(rights), self.bottom


def enclosing(boxes: list[tuple[float, float, float, float]]) -> tuple[float, float, float, float] | None:
    """The box around ``boxes``; None for none."""
    if not boxes:
        return None
    return min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)


def box_record(box: tuple[float, float, float, float] | None) -> list[float] | None:
    """A box as records give it (``bbox``, ``cells``): to a tenth of a point."""
    return [round(value, 1) for value in box] if box else None


def first_page_box(lines: list[Line]) -> tuple[float, float, float, float] | None:
    """Where ``lines`` are printed on the page of the first of them (a form's head, an
    indicator's wrapped cells): a record read from them points there.  None without positions."""
    if not lines:
        return None
    return enclosing([line.box for line in lines if line.page == lines[0].page and line.box])


@dataclass(slots=True)
class Page:
    number: int  # 1-based
    lines: list[Line] = field(default_factory=list)
    has_text: bool = True  # False for a page without a usable text layer (scanned)
    folio: str | None = None  # the page number printed at its foot, as printed (``- 9 -``, ``1 0``)


@dataclass(slots=True)
class Source:
    """A document as read: its pages, plus problems met while reading."""

    path: str
    sha256: str
    format: str  # "pdf" | "text"
    pages: list[Page]
    page_count: int
    problems: list[dict] = field(default_factory=list)
    metadata: dict = field(default_factory=dict)


class UnreadableInput(Exception):
    """The file cannot be read at all (not a PDF, corrupt, encrypted, empty...)."""

    def __init__(self, code: str, message: str, sha256: str | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.sha256 = sha256  # of the bytes, when they could be read

    def __reduce__(self):
        # Raised in a worker process, it is pickled back to the parent whole.
        return UnreadableInput, (self.code, self.message, self.sha256)
