"""An extraction's result and what surrounds it: the inputs named on the command line,
the cache, an input that cannot be read.

Nothing here imports the readers, the table parser or the narrative (``extract.py``):
``batch.py`` starts its worker processes with only this and ``sources`` imported, and
imports the rest while they already read pages.
"""

from __future__ import annotations

import glob
import os
import shutil
import stat
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterator

from .. import SCHEMA_VERSION, __version__
from ..cache import Cache, file_sha256
from ..records import doc_id
from ..sources import UnreadableInput

INPUT_SUFFIXES = (".pdf", ".txt", ".text")


@dataclass
class Extraction:
    """The records of one input, plus what the command must tell the user about it."""

    path: str
    records: list[dict] = field(default_factory=list)
    problems: list[dict] = field(default_factory=list)
    unreadable: bool = False


@dataclass
class Written:
    """A document of ``extract --cluster --out`` as the worker that wrote the batch tells of
    it: what the command says and counts, without the records, which stay in the dataset.
    ``counts``: the records written, per type (none for a document that could not be read)."""

    path: str
    sha256: str | None
    unreadable: bool
    problems: list[dict]
    counts: dict[str, int]


def written(result: Extraction, records: list[dict]) -> Written:
    """The summary of ``result``, of which ``records`` were written."""
    sha256 = result.records[0].get("sha256") if result.records else None
    return Written(result.path, sha256, result.unreadable, result.problems, dict(Counter(r["type"] for r in records)))


STDIN = "-"


def expand_inputs(arguments: list[str], skip: Callable[[str, str], None] = lambda path, why: None) -> Iterator[str]:
    """Files named on the command line; directories give their PDF and text files,
    patterns the shell did not expand (quoted ``*.pdf``) are expanded here.

    What cannot be read as a file is passed to ``skip(path, why)`` instead: a FIFO, a
    socket or a device (reading one would wait for ever), a folder holding no PDF or
    text file, a pattern that matches nothing.  A missing file is yielded: reading it
    tells the user so, as for any other unreadable file."""
    for argument in arguments:
        if argument == STDIN:
            yield argument
        elif os.path.isdir(argument):
            found = _files_below(argument, skip)
            if not found:
                skip(argument, "no PDF or text file in this folder")
            yield from found
        elif any(ch in argument for ch in "*?[") and not os.path.exists(argument):
            matches = sorted(glob.glob(argument, recursive=True))
            if not matches:
                skip(argument, "no file matches this pattern")
            yield from (path for path in matches if _is_readable_kind(path, skip))
        elif _is_readable_kind(argument, skip):
            yield argument


def _files_below(folder: str, skip: Callable[[str, str], None]) -> list[str]:
    found = sorted(
        os.path.join(root, name)
        for root, _, names in os.walk(folder)
        for name in names
        if name.lower().endswith(INPUT_SUFFIXES)
    )
    return [path for path in found if _is_readable_kind(path, skip)]


_SPECIAL_FILES = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"),
                  (stat.S_ISBLK, "a device"))


def _is_readable_kind(path: str, skip: Callable[[str, str], None]) -> bool:
    """False, after telling ``skip``, for a file that is not a regular file or a folder."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return True  # missing or unreadable: reading it says which
    kind = next((name for test, name in _SPECIAL_FILES if test(mode)), None)
    if kind is None:
        return True
    skip(path, f"not a regular file ({kind}); skipped")
    return False


def from_cache(path: str, ocr: str, cache: Cache | None) -> Extraction | None:
    sha256 = file_sha256(path) if cache is not None else None
    records = cache.get(sha256, path, variant=ocr) if sha256 is not None else None
    return Extraction(path, records, list(records[0].get("problems") or [])) if records is not None else None


def kept(result: Extraction, ocr: str, cache: Cache | None) -> Extraction:
    """``result``, stored in the cache unless it could change on a later run."""
    if cache is not None and not result.unreadable and not _pages_left_unread(result, ocr):
        cache.put(result.records[0]["sha256"], result.records, variant=ocr)
    return result


def _pages_left_unread(result: Extraction, ocr: str) -> bool:
    """Scanned pages not read because Tesseract is missing or failed, or pages past the
    budget: a later run, with Tesseract installed or a larger budget (or on a less busy
    machine), would read them, so such a result is not kept."""
    if any(p.get("code") in ("page_too_large", "page_timeout") for p in result.problems):
        return True
    return ocr != "never" and any(p.get("code") in ("scanned_page", "ocr_failed") for p in result.problems)


def unreadable(path: str, error: UnreadableInput) -> Extraction:
    problem = {"code": error.code, "message": error.message}
    return Extraction(path, [_unreadable_document(path, error.sha256, problem)], [problem], unreadable=True)


def _unreadable_document(path: str, sha256: str | None, problem: dict) -> dict:
    return {
        "type": "document",
        "doc": doc_id(sha256) if sha256 else "path:" + path,
        "path": path,
        "sha256": sha256,
        "format": None,
        "pages": None,
        "schema_version": SCHEMA_VERSION,
        "budgetkit_version": __version__,
        "problems": [problem],
    }


STDIN_NAME = "<stdin>"


def input_name(path: str) -> str:
    """How an input is named on stderr and in its records: ``<stdin>`` for ``-``."""
    return STDIN_NAME if path == STDIN else path


class SpooledStdin:
    """``-`` among extract's inputs: the document piped in, copied to a temporary file
    (a PDF is read more than once, and a long one by several workers), removed at the end.
    Copied in blocks, so memory does not grow with the document."""

    def __init__(self, paths: list[str]):
        self.needed = STDIN in paths
        self.path: str | None = None

    def __enter__(self) -> "SpooledStdin":
        if self.needed:
            handle, self.path = tempfile.mkstemp(prefix="budgetkit-stdin-")
            with os.fdopen(handle, "wb") as out:
                shutil.copyfileobj(sys.stdin.buffer, out, 1 << 20)
        return self

    def __exit__(self, *exc) -> bool:
        if self.path is not None:
            os.unlink(self.path)
        return False

    def on_disk(self, path: str) -> str:
        """Where an input is read from."""
        return self.path if path == STDIN and self.path is not None else path

    def named(self, result: Extraction) -> Extraction:
        """The result of the piped document, named ``<stdin>`` rather than by its copy."""
        if self.path is None or result.path != self.path:
            return result
        result.path = STDIN_NAME
        if result.records:
            result.records[0]["path"] = STDIN_NAME
        return result
