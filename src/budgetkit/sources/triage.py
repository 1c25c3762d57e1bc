"""Page triage: read with pdfium every page it can vouch for, leave the rest to pdfminer.

pdfminer (under pdfplumber) interprets every page's content stream in pure Python, which
is most of the time spent on a PDF.  pdfium (pypdfium2, installed with pdfplumber) reads
the same page in C, many times faster.  So each page is triaged: when pdfium can give the
page's characters, drawn paths and images as pdfminer would see them, the page becomes a
``PdfiumPage``, a pdfplumber container holding those objects in pdfplumber's shapes, and
the same table finder and word grouping run on it.  A page pdfium cannot vouch for
(unmapped glyphs, rotated or mirrored text, a crop box, form XObjects, shadings, visible
text its text page left out) goes to pdfplumber as before.

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
from types import SimpleNamespace

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfplumber.container import Container

_TEXT, _PATH = pdfium_c.FPDF_PAGEOBJ_TEXT, pdfium_c.FPDF_PAGEOBJ_PATH
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
    ``pdf.read_page`` uses of a pdfplumber page (its objects, ``filter``)."""

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


def _clone(name: str):
    """A new function pointer to pdfium's function ``name``, of the same kind (calling
    convention) as pypdfium2's, to declare its types anew without touching pypdfium2's."""
    function = getattr(pdfium_c, name)
    return type(function)(ctypes.cast(function, ctypes.c_void_p).value)


def _addressed(name: str):
    """pdfium's function ``name`` declared to take and give plain addresses (ints) for its
    handles and out-parameters: called for each object of a page, it then makes and
    checks no ctypes pointer objects, which halves the cost of a call."""
    function = getattr(pdfium_c, name)

    def plain(kind):
        return ctypes.c_void_p if kind is not None and issubclass(kind, ctypes._Pointer) else kind

    clone = _clone(name)
    clone.restype, clone.argtypes = plain(function.restype), [plain(kind) for kind in function.argtypes]
    return clone


_c = SimpleNamespace(**{name: _addressed(name) for name in (
    "FPDFPage_CountObjects", "FPDFPageObj_GetMatrix", "FPDFPageObj_GetBounds", "FPDFPageObj_GetFillColor",
    "FPDFTextObj_GetFont", "FPDFFont_GetDescent", "FPDFFont_GetIsEmbedded", "FPDFFont_GetFlags",
    "FPDFText_CountChars", "FPDFText_GetText", "FPDFText_IsGenerated", "FPDFPath_GetDrawMode",
    "FPDFPath_CountSegments")})


class _Handle(ctypes.c_void_p):
    """A pdfium handle kept as a ctypes object (ctypes gives a subclass of ``c_void_p``
    back as it is, not as an int), to hand to an ``_unchecked`` function."""


def _unchecked(name: str, restype):
    """pdfium's function ``name`` with no argument types declared, for the calls made for
    every object, glyph and path segment: ctypes then checks and converts nothing, a third
    less a call than ``_addressed``.  Its pointers must be given as ctypes objects (a
    ``c_void_p``, a ``_Handle``, ``ctypes.byref``), and a Python int only where C takes an int."""
    clone = _clone(name)
    clone.restype, clone.argtypes = restype, None
    return clone


_object_at = _unchecked("FPDFPage_GetObject", _Handle)  # (page, index)
_object_type = _unchecked("FPDFPageObj_GetType", ctypes.c_int)  # (object)
_object_matrix = _unchecked("FPDFPageObj_GetMatrix", ctypes.c_int)  # (object, FS_MATRIX*)
_text_font = _unchecked("FPDFTextObj_GetFont", ctypes.c_void_p)  # (text object): its font's address
_text_font_size = _unchecked("FPDFTextObj_GetFontSize", ctypes.c_int)  # (text object, float*)
_text_object_at = _unchecked("FPDFText_GetTextObject", ctypes.c_void_p)  # (text page, index): its address
_loose_box = _unchecked("FPDFText_GetLooseCharBox", ctypes.c_int)  # (text page, index, FS_RECTF*)
_char_origin = _unchecked("FPDFText_GetCharOrigin", ctypes.c_int)  # (text page, index, double*, double*)
_segment_at = _unchecked("FPDFPath_GetPathSegment", _Handle)  # (path, index)
_segment_type = _unchecked("FPDFPathSegment_GetType", ctypes.c_int)  # (segment)
_segment_point = _unchecked("FPDFPathSegment_GetPoint", ctypes.c_int)  # (segment, float*, float*)
_segment_closes = _unchecked("FPDFPathSegment_GetClose", ctypes.c_int)  # (segment)


def _address_of(handle) -> int:
    """A ctypes handle or buffer as the address the ``_c`` functions take."""
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


class _Out:
    """A ctypes value a pdfium function writes to, with its address to hand it."""

    __slots__ = ("value", "at")

    def __init__(self, kind):
        self.value = kind()
        self.at = ctypes.addressof(self.value)


def pdfium_page(document, index: int) -> PdfiumPage | None:
    """Page ``index`` (0-based) read by pdfium, or None when pdfplumber must read it."""
    try:
        page = document[index]
    except pdfium.PdfiumError:  # a page pdfium cannot load may still be one pdfminer reads
        return None
    textpage = None
    try:
        left, bottom, right, top = page.get_mediabox()
        if page.get_rotation() or tuple(page.get_cropbox()) != (left, bottom, right, top):
            return None
        # pdfplumber measures ``top`` down from the media box's height (pdfplumber#1181: a
        # box that does not start at 0 shifts it), and keeps x as the page has it.
        height = top - bottom
        objects: dict[str, list[dict]] = {"char": [], "line": [], "rect": [], "curve": [], "image": []}
        text_objects, paths, raw = [], _PathReader(height, bottom), _address_of(page.raw)
        handle, object_at, kind_of = ctypes.c_void_p(raw), _object_at, _object_type
        for k in range(_c.FPDFPage_CountObjects(raw)):
            obj = object_at(handle, k)
            kind = kind_of(obj)
            if kind == _TEXT:
                text_objects.append(obj.value)
            elif kind == _PATH:
                shapes = paths.shapes(obj.value)
                if shapes is None:
                    return None
                for shape in shapes:
                    objects[shape["object_type"]].append(shape)
            elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
                objects["image"].append(_image(obj.value, height))
            elif kind in (pdfium_c.FPDF_PAGEOBJ_FORM, pdfium_c.FPDF_PAGEOBJ_SHADING):
                return None  # nested content and shadings: pdfminer's view of them is its own
        try:
            textpage = page.get_textpage()
        except pdfium.PdfiumError:
            return None
        chars = _TextReader(_address_of(textpage.raw), height).chars(text_objects)
        if chars is None:
            return None  # text pdfium cannot vouch for
        objects["char"] = chars  # none on a blank or a scanned page
        return PdfiumPage(objects, right - left, height)
    finally:
        if textpage is not None:
            textpage.close()
        page.close()


class _TextStyle:
    """What every glyph of text objects in one font, size and scale shares: its em box's
    height and its descent (pdfminer puts every glyph in one em box above the font's
    descent, which keeps punctuation on its line), and the lean of a synthetic italic."""

    __slots__ = ("size", "descent", "lean")

    def __init__(self, size: float, descent: float, lean: float):
        self.size, self.descent, self.lean = size, descent, lean

    def char(self, text: str, x0: float, x1: float, baseline: float, height: float) -> dict:
        bottom = height - (baseline + self.descent)
        return {"object_type": "char", "text": text, "x0": x0, "x1": x1,
                "top": bottom - self.size, "bottom": bottom, "doctop": bottom - self.size, "upright": True,
                "baseline": height - baseline}


# Characters that are not simply glyphs: blanks and line breaks (pdfium infers some), and
# those pdfminer prints as "(cid:N)" (unmapped glyphs, reported as garbled text) or that
# are control characters or halves of a surrogate pair.
_SPECIAL = frozenset(map(chr, [0xFFFD, 32, *range(32), *range(0xD800, 0xE000)]))


class _TextReader:
    """Reads the characters of one page's text page (its address).  A page holds thousands
    of glyphs, so the page's text comes in one call, the buffers pdfium writes to are made
    once and a text object's style is worked out once."""

    def __init__(self, textpage: int, height: float):
        self.textpage, self.height = textpage, height
        self.styles: dict[int | None, _TextStyle | None] = {}  # by text object
        self.shared: dict[tuple, _TextStyle | None] = {}  # by font, size, slant and scale
        self.matrix, self.number = _Out(pdfium_c.FS_MATRIX), _Out(ctypes.c_float)

    def chars(self, text_objects: list[int]) -> list[dict] | None:
        """pdfplumber-shaped characters (text, x0, x1, top, bottom), or None when any is doubtful."""
        textpage, height, styles = self.textpage, self.height, self.styles
        glyphs = self._glyphs()
        if glyphs is None:
            return None
        indices, text = glyphs
        page, text_object_at = ctypes.c_void_p(textpage), _text_object_at
        objects = [text_object_at(page, i) for i in indices]
        if any(self.style(text_object) is None for text_object in dict.fromkeys(objects)):
            return None
        rect, x, y = pdfium_c.FS_RECTF(), ctypes.c_double(), ctypes.c_double()
        rect_ref, x_ref, y_ref = ctypes.byref(rect), ctypes.byref(x), ctypes.byref(y)
        loose_box, origin = _loose_box, _char_origin
        chars = []
        for i, char, text_object in zip(indices, text, objects):
            style = styles[text_object]
            # Horizontally the loose box is pdfminer's: origin to advance, slant included.
            loose_box(page, i, rect_ref)
            origin(page, i, x_ref, y_ref)
            baseline = y.value
            bottom = height - (baseline + style.descent)
            top = bottom - style.size
            chars.append({"object_type": "char", "text": char, "x0": rect.left, "x1": rect.right,
                          "top": top, "bottom": bottom, "doctop": top, "upright": True,
                          "baseline": height - baseline})
        # pdfium's text page leaves out the text objects it measures as (nearly) empty,
        # whose glyphs pdfminer keeps: blanks, which end a word, so they are put back.  A
        # visible object left out (a copy drawn over another for a bold effect) is left
        # to pdfminer.
        for text_object in text_objects:
            if text_object in styles:
                continue
            # A font the PDF does not embed may have no metrics in pdfium: it leaves out the
            # glyphs it cannot measure (a lone 算 or 出 in STSong-Light), which are no blanks.
            style = None if _drawn(text_object) or not _measurable(text_object) else self.style(text_object)
            if style is None:
                return None
            # A zero-width blank where pdfminer's box for it starts: at its origin, or
            # left of it at the foot of a slant.
            left, baseline = self._origin(text_object)
            chars.append(style.char(" ", left + style.lean, left + style.lean, baseline, height))
        return chars

    def _glyphs(self) -> tuple[list[int], str] | None:
        """The text page's indices and characters of those pdfminer would see too (not the
        blanks and line breaks pdfium infers), or None when one is doubtful."""
        text = self._text()
        if text is None:
            return None
        if _SPECIAL.isdisjoint(text):
            return list(range(len(text))), text
        indices, kept = [], []
        for i, char in enumerate(text):
            if char in _SPECIAL:
                if char in " \n\r" and _c.FPDFText_IsGenerated(self.textpage, i):
                    continue
                if char not in "\t\n\r ":
                    return None  # unmapped glyphs and control characters are left to pdfplumber
            indices.append(i)
            kept.append(char)
        return indices, "".join(kept)

    def _text(self) -> str | None:
        """The page's characters, one per character of the text page, all in one call (the
        code units ``FPDFText_GetUnicode`` gives one by one), or None when pdfium does not
        give one per character."""
        count = _c.FPDFText_CountChars(self.textpage)
        if count <= 0:
            return ""
        buffer = (ctypes.c_ushort * (count + 1))()
        if _c.FPDFText_GetText(self.textpage, 0, count, ctypes.addressof(buffer)) != count + 1:
            return None
        # A surrogate pair decodes as one character, and the indices would no longer match
        # the text page's: such a page is left to pdfminer, as any surrogate is.
        text = ctypes.string_at(buffer, 2 * count).decode("utf-16-le", "surrogatepass")
        return text if len(text) == count else None

    def style(self, text_object: int | None) -> _TextStyle | None:
        if text_object not in self.styles:
            self.styles[text_object] = self._style(text_object) if text_object else None
        return self.styles[text_object]

    def _style(self, text_object: int) -> _TextStyle | None:
        """None for text pdfminer would not call upright (rotated, mirrored) or without a
        font.  The font size is the one set in the content stream (Tf); the matrix scales it.
        A page may draw each glyph as an object of its own, all in a few styles."""
        matrix, number, handle = self.matrix.value, self.number, ctypes.c_void_p(text_object)
        if not _object_matrix(handle, ctypes.byref(matrix)) or matrix.b or matrix.a <= 0 or matrix.d <= 0:
            return None
        font = _text_font(handle)
        if not font or not _text_font_size(handle, ctypes.byref(number.value)):
            return None
        key = (font, number.value.value, matrix.c, matrix.d)
        if key not in self.shared:
            self.shared[key] = self._shared_style(*key)
        return self.shared[key]

    def _shared_style(self, font: int, font_size: float, slant: float, scale: float) -> _TextStyle | None:
        found = _c.FPDFFont_GetDescent(font, font_size, self.number.at)
        if not found:
            return None
        descent = self.number.value.value
        # How far left of the origin a slanted em box starts (at the foot of the slant).
        return _TextStyle(font_size * scale, descent * scale, min(0.0, slant * descent, slant * (descent + font_size)))

    def _origin(self, text_object: int) -> tuple[float, float]:
        """Where the text object's first glyph stands on the page (PDF coordinates)."""
        _c.FPDFPageObj_GetMatrix(text_object, self.matrix.at)
        return self.matrix.value.e, self.matrix.value.f


def _bounds(obj: int) -> tuple[float, float, float, float] | None:
    """An object's box on the page (left, bottom, right, top), or None."""
    sides = (ctypes.c_float * 4)()
    at = ctypes.addressof(sides)
    if not _c.FPDFPageObj_GetBounds(obj, at, at + 4, at + 8, at + 12):
        return None
    return tuple(sides)


def _image(obj: int, height: float) -> dict:
    """An image's place on the page (a page of images and no text is a scan)."""
    left, bottom, right, top = _bounds(obj) or (0.0, 0.0, 0.0, 0.0)
    return {"object_type": "image", "x0": left, "x1": right, "top": height - top, "bottom": height - bottom}


def _drawn(text_object: int) -> bool:
    """Whether the text object draws anything visible (more than a speck)."""
    bounds = _bounds(text_object)
    if bounds is None:
        return True
    left, bottom, right, top = bounds
    width, height = right - left, top - bottom
    return width > 0 and height > 0 and max(width, height) >= 1


_SYMBOLIC = 4  # font descriptor flag: glyphs outside the Latin set (every Chinese font)


def _measurable(text_object: int) -> bool:
    """Whether pdfium can measure the glyphs of the object's font: an embedded font, or a
    Latin one it substitutes (Times New Roman, Helvetica)."""
    font = _c.FPDFTextObj_GetFont(text_object)
    if not font:
        return False
    return bool(_c.FPDFFont_GetIsEmbedded(font)) or not _c.FPDFFont_GetFlags(font) & _SYMBOLIC


class _PathReader:
    """Reads path objects (their addresses) into pdfminer's shapes, with the buffers pdfium
    writes to made once."""

    def __init__(self, height: float, floor: float):
        self.height, self.floor = height, floor  # floor: the media box's bottom (pdfminer's y = 0)
        self.fill_mode, self.stroke = _Out(ctypes.c_int), _Out(ctypes.c_int)
        self.matrix, self.x, self.y = _Out(pdfium_c.FS_MATRIX), _Out(ctypes.c_float), _Out(ctypes.c_float)
        self.rgba = tuple(_Out(ctypes.c_uint) for _ in range(4))

    def shapes(self, path: int) -> list[dict] | None:
        """The lines, rects and curves pdfminer makes of one path object (one per subpath)."""
        if (not _c.FPDFPath_GetDrawMode(path, self.fill_mode.at, self.stroke.at)
                or not _c.FPDFPageObj_GetMatrix(path, self.matrix.at)):
            return None
        operators, points = self._segments(path)
        if operators is None:
            return None
        fill, stroke = bool(self.fill_mode.value.value), bool(self.stroke.value.value)
        # The fill colour tells an invisible box (white fill, no stroke) from a drawn one
        # (pdf._invisible); nothing else reads the colours.
        paint = {"stroke": stroke, "fill": fill,
                 "non_stroking_color": self._fill_color(path) if fill and not stroke else None}
        if operators.count("m") == 1 and operators.startswith("m") and len(operators) > 1:  # most paths
            return [_shape(operators, points, paint, self.height, self.floor)]
        return [_shape(operators[m.start():m.end()], points[m.start():m.end()], paint, self.height, self.floor)
                for m in _SUBPATH_RE.finditer(operators)]

    def _segments(self, path: int) -> tuple[str | None, list]:
        """The path as pdfminer's operators (m, l, c, h) and each one's end point on the page.
        pdfium gives a Bézier curve as three points and closes a subpath with a flag."""
        operators, points = [], []
        matrix = self.matrix.value
        a, b, c, d, e, f = matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f
        x, y = self.x.value, self.y.value
        x_ref, y_ref = ctypes.byref(x), ctypes.byref(y)
        segment_at, segment_type, segment_point, segment_closes = (_segment_at, _segment_type, _segment_point,
                                                                   _segment_closes)
        handle = ctypes.c_void_p(path)
        start = None
        pending_curve = 0
        for k in range(_c.FPDFPath_CountSegments(path)):
            segment = segment_at(handle, k)
            operator = _SEGMENT_OPERATORS.get(segment_type(segment))
            if operator is None or not segment_point(segment, x_ref, y_ref):
                return None, []
            if operator == "c":
                pending_curve = (pending_curve + 1) % 3
                if pending_curve:  # a control point
                    continue
            px, py = x.value, y.value
            point = (a * px + c * py + e, b * px + d * py + f)
            if operator == "m":
                start = point
            operators.append(operator)
            points.append(point)
            if segment_closes(segment) and start is not None:
                operators.append("h")
                points.append(start)
        if pending_curve:
            return None, []
        return "".join(operators), points

    def _fill_color(self, path: int) -> tuple[float, ...] | None:
        """The fill colour as RGB from 0 to 1 (pdfium converts grey and CMYK), or None."""
        if not _c.FPDFPageObj_GetFillColor(path, *(channel.at for channel in self.rgba)):
            return None
        r, g, b, _ = (channel.value.value for channel in self.rgba)
        return (r / 255, g / 255, b / 255)


def _shape(shape: str, pts: list[tuple[float, float]], paint: dict, height: float, floor: float) -> dict:
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
    found = {"object_type": kind, "x0": x0, "y0": y0 - floor, "x1": x1, "y1": y1 - floor, "width": x1 - x0,
             "height": y1 - y0, "top": height - y1, "bottom": height - y0, "doctop": height - y1, **paint}
    if kind == "curve":  # the table finder makes a curve's edges from its points, a box's from its sides
        found["pts"] = [(x, height - y) for x, y in pts]
    return found
