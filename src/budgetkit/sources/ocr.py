"""Reading pages without a usable text layer (scans, ``(cid:N)`` text) with Tesseract.

A page is rendered with pypdfium2, its ruling lines are painted out (Tesseract reads the
rules of a table as rows of ``I`` and ``T`` and loses the text between them), and
``tesseract … tsv`` gives the words with their boxes.  Words are joined into cells the
way pdfplumber joins characters into words, so a page read here is the same
``Line``/``Cell`` structure as a page with a text layer and the table parser places the
cells by position, unchanged.

Tesseract is a program, not a Python package: it is called as a subprocess, and when it
(or its Simplified Chinese data) is missing the pages stay unread and the user is told
once how to install it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from functools import lru_cache

from . import Cell, Line, Page, Source

LANGUAGE = "chi_sim"
INSTALL_HINT = "apt-get install tesseract-ocr tesseract-ocr-chi-sim"
MODES = ("auto", "always", "never")

DPI = 200  # enough for 9-point table text; more only slows Tesseract down
_POINTS_PER_PIXEL = 72 / DPI
_RULE_BLOCK = DPI * 7 // 20  # 0.35 inch: longer than the strokes of a title's characters, shorter than a rule
_DARK = 200  # grey level below which a pixel counts as ink
_TIMEOUT = 120  # seconds per page


class OcrUnavailable(Exception):
    """Tesseract or its chi_sim data is not installed."""


@lru_cache(maxsize=1)
def unavailable_reason() -> str | None:
    """Why OCR cannot run here, or None when it can."""
    if shutil.which("tesseract") is None:
        return f"Tesseract is not installed; scanned pages are not read (install it: {INSTALL_HINT})"
    try:
        listed = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return f"Tesseract cannot be run; scanned pages are not read (reinstall it: {INSTALL_HINT})"
    if LANGUAGE not in listed.stdout.split():
        return f"Tesseract has no Simplified Chinese data; scanned pages are not read (install it: {INSTALL_HINT})"
    return None


_told = False


def _stderr_line(message: str) -> None:
    print(f"budgetkit: {message}", file=sys.stderr)


def tell_unavailable_once(tell=_stderr_line) -> None:
    """The missing-Tesseract notice, through ``tell`` (stderr), once per run (not once per page or file)."""
    global _told
    reason = unavailable_reason()
    if reason and not _told:
        _told = True
        tell(reason)


def tell_if_unread(problems: list[dict], mode: str = "auto", tell=_stderr_line) -> None:
    """After a document is read: the missing-Tesseract notice, once per run, when the
    document has scanned pages OCR would have read."""
    if mode != "never" and any(p.get("code") == "scanned_page" for p in problems):
        tell_unavailable_once(tell)


def needs_ocr(page) -> bool:
    """No text layer on a page that shows images (a scan), or text without a character map."""
    return not page.has_text or any("(cid:" in line.text for line in page.lines)


def read_by_ocr(source: Source, page: Page, always: bool = False) -> None:
    """Replace the lines of ``page`` of ``source`` by what OCR reads, when the page needs
    it (or ``always``).  The page is noted among the document's problems: OCR may
    misread a figure.  Without Tesseract the page is left as it is (reported as scanned)."""
    number = page.number
    needed = needs_ocr(page)
    if not (always or needed):
        return
    if unavailable_reason():
        return  # the run tells once (tell_if_unread): workers must not each say it
    try:
        lines = ocr_page(source.path, number)
    except Exception as error:  # one page OCR cannot read must not lose the document
        source.problems.append({"code": "ocr_failed", "page": number,
                                "message": f"page {number} has no usable text layer and OCR failed ({type(error).__name__})"})
        return
    page.lines, page.has_text = lines, True
    source.problems.append({"code": "ocr_page", "page": number,
                            "message": f"page {number} was read by OCR ({'no usable text layer' if needed else '--ocr always'}); "
                                       "check its figures"})


def ocr_page(path: str, number: int) -> list[Line]:
    """The lines of page ``number`` (1-based) of the PDF at ``path``, read by OCR."""
    if unavailable_reason():
        raise OcrUnavailable(unavailable_reason())
    image = _render(path, number)
    result = subprocess.run(
        ["tesseract", "stdin", "stdout", "-l", LANGUAGE, "--psm", "6", "--dpi", str(DPI), "tsv"],
        input=_png(_without_rules(image)), capture_output=True, timeout=_TIMEOUT,
        # One thread: Tesseract's OpenMP threads cost more than they gain on a page this size.
        env={**os.environ, "OMP_THREAD_LIMIT": "1"},
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or "tesseract failed")
    return lines_from_tsv(result.stdout.decode("utf-8", "replace"), number)


def _render(path: str, number: int):
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(path)
    try:
        page = document[number - 1]
        return page.render(scale=DPI / 72, grayscale=True).to_pil().convert("L")
    finally:
        document.close()


def _without_rules(image):
    """The page with its table rules painted white.

    A rule is a run of ink longer than any stroke of a character.  Averaging the ink
    over blocks ``_RULE_BLOCK`` long (along rows, then along columns) leaves solid only
    the blocks a rule crosses; two grids half a block apart catch every run of 1.5
    blocks or more, never one shorter than a block.  The blocks found are widened by
    one block, back to the rule's ends, but only over ink.
    """
    from PIL import ImageChops, ImageFilter

    ink = image.point(lambda v: 255 if v < _DARK else 0)
    rules = ImageChops.lighter(_runs_along(ink, horizontal=True), _runs_along(ink, horizontal=False))
    rules = ImageChops.darker(rules, ink).filter(ImageFilter.MaxFilter(3))  # and the grey edges of the rules
    cleaned = image.copy()
    cleaned.paste(255, mask=rules)
    return cleaned


def _runs_along(ink, horizontal: bool):
    from PIL import Image, ImageChops, ImageFilter

    width, height = ink.size
    block = _RULE_BLOCK
    found = Image.new("L", ink.size, 0)
    for offset in (0, block // 2):
        box = (offset, 0, offset + (width - offset) // block * block, height) if horizontal else \
              (0, offset, width, offset + (height - offset) // block * block)
        part = ink.crop(box)
        small_size = (part.width // block, part.height) if horizontal else (part.width, part.height // block)
        if min(small_size) < 1:
            continue
        solid = part.resize(small_size, Image.BOX).point(lambda v: 255 if v >= 230 else 0)
        solid = solid.filter(ImageFilter.MaxFilter(3)).resize(part.size, Image.NEAREST)
        layer = Image.new("L", ink.size, 0)
        layer.paste(solid, box[:2])
        found = ImageChops.lighter(found, layer)
    return found


def _png(image) -> bytes:
    import io

    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def lines_from_tsv(tsv: str, number: int) -> list[Line]:
    """Tesseract's TSV words → lines of cells, in PDF points."""
    words: dict[tuple, list[dict]] = {}
    for row in tsv.splitlines()[1:]:
        fields = row.split("\t")
        if len(fields) < 12 or fields[0] != "5" or not fields[11].strip():
            continue
        left, top, width, height = (int(v) for v in fields[6:10])
        words.setdefault((fields[2], fields[3], fields[4]), []).append(
            {"text": fields[11].strip(), "x0": left, "x1": left + width, "top": top, "bottom": top + height})
    lines = []
    for group in words.values():
        group.sort(key=lambda w: w["x0"])
        cells = [_cell(run) for run in _runs(group)]
        cells = [cell for cell in cells if cell.text]
        if cells:
            top = min(w["top"] for w in group) * _POINTS_PER_PIXEL
            bottom = max(w["bottom"] for w in group) * _POINTS_PER_PIXEL
            lines.append(Line(cells=cells, page=number, positional=False, top=top, bottom=bottom))
    lines.sort(key=lambda line: line.top)
    return lines


def _runs(group: list[dict]) -> list[list[dict]]:
    """Words close together form one cell: Tesseract splits ``164,978,640`` and
    ``一般公共预算`` into pieces, but leaves a wide gap between the columns of a table."""
    height = sorted(w["bottom"] - w["top"] for w in group)[len(group) // 2] or 1
    runs = [[group[0]]]
    for word in group[1:]:
        if word["x0"] - runs[-1][-1]["x1"] <= 0.8 * height:
            runs[-1].append(word)
        else:
            runs.append([word])
    return runs


def _cell(run: list[dict]) -> Cell:
    text = "".join(w["text"] for w in run)
    return Cell(_amount_marks(text), run[0]["x0"] * _POINTS_PER_PIXEL, run[-1]["x1"] * _POINTS_PER_PIXEL)


# A mark between a digit and three more digits is a thousands separator, whatever
# Tesseract saw (``2.976,800``, ``978，640``, ``2,.915.22``): amounts are printed with at
# most two decimals.
_THOUSANDS_RE = re.compile(r"(?<=\d)[.,，、]{1,2}(?=\d{3}(?:\D|$))")
# A closing quote Tesseract sees in the speck before a figure (``增长”36.58%``), where no
# quote was opened.
_STRAY_QUOTE_RE = re.compile(r"(?<=[\u4e00-\u9fff])[”\"](?=\d)")
_DECIMAL_RE = re.compile(r"(?<=\d)[，](?=\d{1,2}(?:\D|$))")


_AMOUNT_RE = re.compile(r"-?\d[\d,]*(?:\.\d{1,2})?")
# Quotes and bars Tesseract sees in the specks and rule ends at a cell's edge.
_EDGE_NOISE = "”“\"'‘’|!丨"


def _without_edge_noise(text: str) -> str:
    """The text without the specks at its ends, but a quote that opens or closes one of its
    own (``“三公”经费``) kept."""
    while text and text[0] in _EDGE_NOISE and not (text[0] == "“" and "”" in text[1:]):
        text = text[1:]
    while text and text[-1] in _EDGE_NOISE and not (text[-1] == "”" and "“" in text[:-1]):
        text = text[:-1]
    return text.strip()


def _amount_marks(text: str) -> str:
    text = _without_edge_noise(text)
    if text.count("”") + text.count('"') > text.count("“"):
        text = _STRAY_QUOTE_RE.sub("", text)
    text = _THOUSANDS_RE.sub(",", text)
    text = _DECIMAL_RE.sub(".", text)
    if _AMOUNT_RE.fullmatch(text) and "," in text:
        # Separators lost or misplaced (``1252,300``): group the digits again.
        whole, _, decimals = text.partition(".")
        sign, digits = ("-", whole[1:]) if whole.startswith("-") else ("", whole)
        text = sign + f"{int(digits.replace(',', '')):,}" + ("." + decimals if decimals else "")
    return text
