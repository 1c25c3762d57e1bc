"""Open any input file as a ``Source``, choosing the reader by content, not by name."""

from __future__ import annotations

import hashlib

from ..budget import PageWatch
from . import Source, UnreadableInput
from .pdf import read_pdf
from .text import read_text
from .triage import open_document


def read_source(path: str, ocr: str = "auto", watch: PageWatch | None = None) -> Source:
    """``ocr``: how pages without a usable text layer are read (``sources.ocr.MODES``);
    ``watch``: told each page of a PDF before it is read (``pdf.read_pdf``)."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except IsADirectoryError:
        raise UnreadableInput("not_a_file", "is a directory") from None
    except FileNotFoundError:
        raise UnreadableInput("not_found", "no such file") from None
    except PermissionError:
        raise UnreadableInput("unreadable", "permission denied") from None
    except OSError as error:
        raise UnreadableInput("unreadable", error.strerror or str(error)) from None
    sha256 = hashlib.sha256(data).hexdigest()
    try:
        return _read(path, data, sha256, ocr, watch)
    except UnreadableInput as error:
        error.sha256 = sha256
        raise


def _read(path: str, data: bytes, sha256: str, ocr: str, watch: PageWatch | None) -> Source:
    if not data:
        raise UnreadableInput("empty", "the file is empty")
    head = data[:1024]
    if _is_pdf(data):
        return read_pdf(path, sha256, ocr, watch=watch)
    if head.startswith(b"PK\x03\x04"):
        raise UnreadableInput("wrong_type", "not a PDF: a ZIP or Office (docx/xlsx) file")
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")):
        raise UnreadableInput("wrong_type", "not a PDF: an image file (convert it to PDF first)")
    if head.lstrip().startswith(b'{"type":'):
        raise UnreadableInput("wrong_type", "budgetkit records (JSON Lines), not a document: give them to check, "
                                            "diff, kpi or summarize")
    return read_text(path, data, sha256)


def _is_pdf(data: bytes) -> bool:
    """A PDF announces itself with ``%PDF-`` in its first kilobyte.  A text disclosure that
    quotes the marker there is still text: it is UTF-8 holding Chinese, which a PDF keeps
    encoded in its streams."""
    if data.startswith(b"%PDF-"):
        return True
    if b"%PDF-" not in data[:1024]:
        return False
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return not any("\u4e00" <= character <= "\u9fff" for character in text)


def pages_without_text(path: str, watch: PageWatch) -> bool:
    """Whether a PDF has a page without any text (a scan, or a blank page): a cheap look
    (a millisecond a page) before deciding how to share the reading out.  Each page is
    announced to ``watch`` first, and a page it says to leave unread is passed over."""
    document = open_document(path)
    if document is None:
        return False
    try:
        for index in range(len(document)):
            if watch.page(index + 1) is not None:
                continue
            page = document[index]
            try:
                text = page.get_textpage()
                try:
                    if text.count_chars() == 0:
                        return True
                finally:
                    text.close()
            finally:
                page.close()
        return False
    except Exception:  # noqa: BLE001 - a page pdfium cannot open: the reading says so, not this look
        return False
    finally:
        document.close()


def pdf_page_count(path: str) -> int | None:
    """How many pages the file has when it is a PDF pdfium can open; None otherwise (it is
    then read whole, and any problem reported as usual)."""
    try:
        with open(path, "rb") as handle:
            if b"%PDF-" not in handle.read(1024):
                return None
    except OSError:
        return None
    document = open_document(path)
    if document is None:
        return None
    try:
        return len(document)
    finally:
        document.close()


def read_pdf_part(path: str, sha256: str, ocr: str, numbers: range, watch: PageWatch | None = None) -> Source:
    """Pages ``numbers`` of a PDF: one of the parts several workers read of a long PDF."""
    try:
        return read_pdf(path, sha256, ocr, numbers, watch)
    except UnreadableInput as error:
        error.sha256 = sha256  # as read_source gives it
        raise


def joined(parts: list[Source]) -> Source:
    """The parts of one PDF, read in page order, as one source: what ``read_source`` gives."""
    first = parts[0]
    return Source(path=first.path, sha256=first.sha256, format=first.format, page_count=first.page_count,
                  pages=[page for part in parts for page in part.pages],
                  problems=[problem for part in parts for problem in part.problems], metadata=first.metadata)
