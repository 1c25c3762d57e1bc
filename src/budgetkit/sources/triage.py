"""Page triage: read with pdfium every page it can vouch for, leave the rest to pdfminer.

pdfminer (under pdfplumber) interprets every page's content stream in pure Python, which
is most of the time spent on a PDF.  pdfium (pypdfium2, installed with pdfplumber) reads
the same page in C, many times faster.  So each page is triaged: when pdfium can give the
page's characters, drawn paths and images as pdfminer would see them, the page becomes a
``PdfiumPage``, a pdfplumber container holding those objects in pdfplumber's shapes, and
the same table finder and word grouping run on it.  A page pdfium cannot vouch for
(unmapped glyphs, rotated or mirrored text, a crop box or a shifted media box, form
XObjects, shadings, visible text its text page left out) goes to pdfplumber as before.

The shapes follow pdfminer's ``PDFLayoutAnalyzer.paint_path`` (one object per subpath; a
two-point subpath is a ``line``, a closed axis-aligned four-sided one a ``rect``, any other
a ``curve``), ``LTChar`` (the box of a glyph) and pdfplumber's ``Page.process_object``
(``top``/``bottom`` measured from the top of the page).  Coordinates agree to within a
tenth of a point (pdfium works in single precision); ``tests/test_triage.py`` compares
both readings of every page of the sample PDFs.
"""

from __future__ import annotations

import ctypes
import re

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfplumber.container import Container
from pdfplumber.table import TableFinder, TableSettings
from pdfplumber.utils import extract_words

_SEGMENT_OPERATORS = {pdfium_c.FPDF_SEGMENT_MOVETO: "m", pdfium_c.FPDF_SEGMENT_LINETO: "l",
                      pdfium_c.FPDF_SEGMENT_BEZIERTO: "c"}
_SUBPATH_RE = re.compile(r"m[^m]+")


def open_document(path: str):
    """The pdfium document, or None when pdfium cannot open it (pdfplumber then reads every page)."""
    try:
        return pdfium.PdfDocument(path)
    except Exception:
        return None


class PdfiumPage(Container):
    """A page's characters and paths read by pdfium, in pdfplumber's object shapes: what
    ``pdf.read_page`` uses of a pdfplumber page (objects, table finder, words)."""

    def __init__(self, objects: dict[str, list[dict]], width: float, height: float):
        self._objects = objects
        self.bbox = (0, 0, width, height)
        self.width, self.height = width, height

    @property
    def objects(self) -> dict[str, list[dict]]:
        return self._objects

    def filter(self, test) -> PdfiumPage:
        kept = {kind: [obj for obj in objs if test(obj)] for kind, objs in self._objects.items()}
        return PdfiumPage(kept, self.width, self.height)

    def find_tables(self, table_settings=None) -> list:
        return TableFinder(self, TableSettings.resolve(table_settings)).tables

    def extract_words(self, **options) -> list[dict]:
        return extract_words(self.chars, **options)


def pdfium_page(document, index: int) -> PdfiumPage | None:
    """Page ``index`` (0-based) read by pdfium, or None when pdfplumber must read it."""
    try:
        page = document[index]
    except pdfium.PdfiumError:  # a page pdfium cannot load may still be one pdfminer reads
        return None
    textpage = None
    try:
        left, bottom, right, top = page.get_mediabox()
        if page.get_rotation() or (left, bottom) != (0, 0) or tuple(page.get_cropbox()) != (left, bottom, right, top):
            return None
        objects: dict[str, list[dict]] = {"char": [], "line": [], "rect": [], "curve": [], "image": []}
        text_objects, paths = [], _PathReader(top)
        for k in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
            obj = pdfium_c.FPDFPage_GetObject(page.raw, k)
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
                text_objects.append(obj)
            elif kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                shapes = paths.shapes(obj)
                if shapes is None:
                    return None
                for shape in shapes:
                    objects[shape["object_type"]].append(shape)
            elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
                objects["image"].append(_image(obj, top))
            elif kind in (pdfium_c.FPDF_PAGEOBJ_FORM, pdfium_c.FPDF_PAGEOBJ_SHADING):
                return None  # nested content and shadings: pdfminer's view of them is its own
        try:
            textpage = page.get_textpage()
        except pdfium.PdfiumError:
            return None
        chars = _TextReader(textpage.raw, top).chars(text_objects)
        if chars is None:
            return None  # text pdfium cannot vouch for
        objects["char"] = chars  # none on a blank or a scanned page
        return PdfiumPage(objects, right, top)
    finally:
        if textpage is not None:
            textpage.close()
        page.close()


class _TextStyle:
    """What every glyph of one text object shares: its em box's height and its descent
    (pdfminer puts every glyph in one em box above the font's descent, which keeps
    punctuation on its line), and the lean of a synthetic italic."""

    __slots__ = ("size", "descent", "lean", "origin")

    def char(self, text: str, x0: float, x1: float, baseline: float, height: float) -> dict:
        bottom = height - (baseline + self.descent)
        return {"object_type": "char", "text": text, "x0": x0, "x1": x1,
                "top": bottom - self.size, "bottom": bottom, "doctop": bottom - self.size, "upright": True,
                "baseline": height - baseline}


class _TextReader:
    """Reads the characters of one page's text page.  A page holds thousands of glyphs and
    each pdfium call costs about a microsecond, so the ctypes buffers are made once and a
    text object's style is worked out once, its font's descent once per size."""

    def __init__(self, textpage, height: float):
        self.textpage, self.height = textpage, height
        self.styles: dict[int, _TextStyle | None] = {}  # by text object
        self.descents: dict[tuple[int, float], float | None] = {}  # by font and size
        self.box, self.x, self.y = pdfium_c.FS_RECTF(), ctypes.c_double(), ctypes.c_double()
        self.matrix, self.number = pdfium_c.FS_MATRIX(), ctypes.c_float()

    def chars(self, text_objects: list) -> list[dict] | None:
        """pdfplumber-shaped characters (text, x0, x1, top, bottom), or None when any is doubtful."""
        textpage, height, box, x, y = self.textpage, self.height, self.box, self.x, self.y
        chars = []
        for i in range(pdfium_c.FPDFText_CountChars(textpage)):
            code = pdfium_c.FPDFText_GetUnicode(textpage, i)
            if code in (32, 10, 13) and pdfium_c.FPDFText_IsGenerated(textpage, i):
                continue  # spaces and line breaks pdfium inferred
            # Unmapped glyphs (pdfminer prints them as "(cid:N)", reported as garbled text)
            # and control characters are left to pdfplumber.
            if code in (0, 0xFFFD) or 0xD800 <= code <= 0xDFFF or (code < 32 and code not in (9, 10, 13)):
                return None
            text_object = pdfium_c.FPDFText_GetTextObject(textpage, i)
            style = self.style(text_object)
            if style is None:
                return None
            # Horizontally the loose box is pdfminer's: origin to advance, slant included.
            pdfium_c.FPDFText_GetLooseCharBox(textpage, i, box)
            pdfium_c.FPDFText_GetCharOrigin(textpage, i, x, y)
            chars.append(style.char(chr(code), box.left, box.right, y.value, height))
        # pdfium's text page leaves out the text objects it measures as (nearly) empty,
        # whose glyphs pdfminer keeps: blanks, which end a word, so they are put back.  A
        # visible object left out (a copy drawn over another for a bold effect) is left
        # to pdfminer.
        for text_object in text_objects:
            if _address(text_object) in self.styles:
                continue
            # A font the PDF does not embed may have no metrics in pdfium: it leaves out the
            # glyphs it cannot measure (a lone 算 or 出 in STSong-Light), which are no blanks.
            style = None if _drawn(text_object) or not _measurable(text_object) else self.style(text_object)
            if style is None:
                return None
            # A zero-width blank where pdfminer's box for it starts: at its origin, or
            # left of it at the foot of a slant.
            chars.append(style.char(" ", style.origin[0] + style.lean, style.origin[0] + style.lean,
                                    style.origin[1], height))
        return chars

    def style(self, text_object) -> _TextStyle | None:
        key = _address(text_object)
        if key not in self.styles:
            self.styles[key] = self._style(text_object)
        return self.styles[key]

    def _style(self, text_object) -> _TextStyle | None:
        """None for text pdfminer would not call upright (rotated, mirrored) or without a
        font.  The font size is the one set in the content stream (Tf); the matrix scales it."""
        matrix, number = self.matrix, self.number
        if not pdfium_c.FPDFPageObj_GetMatrix(text_object, matrix) or matrix.b or matrix.a <= 0 or matrix.d <= 0:
            return None
        font = pdfium_c.FPDFTextObj_GetFont(text_object)
        if not font or not pdfium_c.FPDFTextObj_GetFontSize(text_object, number):
            return None
        font_size = number.value
        descent = self._descent(font, font_size)
        if descent is None:
            return None
        style = _TextStyle()
        style.size, style.descent = font_size * matrix.d, descent * matrix.d
        # How far left of the origin a slanted em box starts (at the foot of the slant).
        style.lean = min(0.0, matrix.c * descent, matrix.c * (descent + font_size))
        style.origin = (matrix.e, matrix.f)
        return style

    def _descent(self, font, font_size: float) -> float | None:
        key = (_address(font), font_size)
        if key not in self.descents:
            found = pdfium_c.FPDFFont_GetDescent(font, font_size, self.number)
            self.descents[key] = self.number.value if found else None
        return self.descents[key]


def _image(obj, height: float) -> dict:
    """An image's place on the page (a page of images and no text is a scan)."""
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
    return {"object_type": "image", "x0": left.value, "x1": right.value,
            "top": height - top.value, "bottom": height - bottom.value}


def _drawn(text_object) -> bool:
    """Whether the text object draws anything visible (more than a speck)."""
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    if not pdfium_c.FPDFPageObj_GetBounds(text_object, left, bottom, right, top):
        return True
    width, height = right.value - left.value, top.value - bottom.value
    return width > 0 and height > 0 and max(width, height) >= 1


_SYMBOLIC = 4  # font descriptor flag: glyphs outside the Latin set (every Chinese font)


def _measurable(text_object) -> bool:
    """Whether pdfium can measure the glyphs of the object's font: an embedded font, or a
    Latin one it substitutes (Times New Roman, Helvetica)."""
    font = pdfium_c.FPDFTextObj_GetFont(text_object)
    if not font:
        return False
    return bool(pdfium_c.FPDFFont_GetIsEmbedded(font)) or not pdfium_c.FPDFFont_GetFlags(font) & _SYMBOLIC


def _address(handle) -> int:
    """A pdfium handle as a number, to compare handles to the same object (0 for none)."""
    return ctypes.addressof(handle.contents) if handle else 0


class _PathReader:
    """Reads path objects into pdfminer's shapes, with its ctypes buffers made once."""

    def __init__(self, height: float):
        self.height = height
        self.fill_mode, self.stroke = ctypes.c_int(), ctypes.c_int()
        self.matrix, self.x, self.y = pdfium_c.FS_MATRIX(), ctypes.c_float(), ctypes.c_float()
        self.rgba = tuple(ctypes.c_uint() for _ in range(4))

    def shapes(self, path) -> list[dict] | None:
        """The lines, rects and curves pdfminer makes of one path object (one per subpath)."""
        if not pdfium_c.FPDFPath_GetDrawMode(path, self.fill_mode, self.stroke) or not pdfium_c.FPDFPageObj_GetMatrix(path, self.matrix):
            return None
        operators, points = self._segments(path)
        if operators is None:
            return None
        fill, stroke = bool(self.fill_mode.value), bool(self.stroke.value)
        # The fill colour tells an invisible box (white fill, no stroke) from a drawn one
        # (pdf._invisible); nothing else reads the colours.
        paint = {"stroke": stroke, "fill": fill, "non_stroking_color": self._fill_color(path) if fill and not stroke else None}
        return [_shape(operators[m.start():m.end()], points[m.start():m.end()], paint, self.height)
                for m in _SUBPATH_RE.finditer(operators)]

    def _segments(self, path) -> tuple[str | None, list]:
        """The path as pdfminer's operators (m, l, c, h) and each one's end point on the page.
        pdfium gives a Bézier curve as three points and closes a subpath with a flag."""
        operators, points = [], []
        x, y, (a, b, c, d, e, f) = self.x, self.y, (self.matrix.a, self.matrix.b, self.matrix.c, self.matrix.d,
                                                    self.matrix.e, self.matrix.f)
        start = None
        pending_curve = 0
        for k in range(pdfium_c.FPDFPath_CountSegments(path)):
            segment = pdfium_c.FPDFPath_GetPathSegment(path, k)
            operator = _SEGMENT_OPERATORS.get(pdfium_c.FPDFPathSegment_GetType(segment))
            if operator is None or not pdfium_c.FPDFPathSegment_GetPoint(segment, x, y):
                return None, []
            if operator == "c":
                pending_curve = (pending_curve + 1) % 3
                if pending_curve:  # a control point
                    continue
            point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
            if operator == "m":
                start = point
            operators.append(operator)
            points.append(point)
            if pdfium_c.FPDFPathSegment_GetClose(segment) and start is not None:
                operators.append("h")
                points.append(start)
        if pending_curve:
            return None, []
        return "".join(operators), points

    def _fill_color(self, path) -> tuple[float, ...] | None:
        """The fill colour as RGB from 0 to 1 (pdfium converts grey and CMYK), or None."""
        r, g, b, a = self.rgba
        if not pdfium_c.FPDFPageObj_GetFillColor(path, r, g, b, a):
            return None
        return (r.value / 255, g.value / 255, b.value / 255)


def _shape(shape: str, pts: list[tuple[float, float]], paint: dict, height: float) -> dict:
    """One subpath as pdfminer classifies it (``PDFLayoutAnalyzer.paint_path``)."""
    # Drop a redundant "l" on a path closed with "h".
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape, pts = shape[:-2] + "h", pts[:-2] + pts[-1:]
    kind = "curve"
    if shape in ("mlh", "ml"):
        kind, pts = "line", pts[:2]
    elif shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if pts[0] == pts[4] and square:
            kind = "rect"
    xs, ys = [x for x, _ in pts], [y for _, y in pts]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    return {"object_type": kind, "x0": x0, "y0": y0, "x1": x1, "y1": y1, "width": x1 - x0, "height": y1 - y0,
            "top": height - y1, "bottom": height - y0, "doctop": height - y1,
            "pts": [(x, height - y) for x, y in pts], **paint}
