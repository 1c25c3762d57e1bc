"""An extraction's result and what surrounds it: the inputs named on the command line,
the cache, an input that cannot be read.

Nothing here imports the readers, the table parser or the narrative (``extract.py``):
``batch.py`` starts its worker processes with only this and ``sources`` imported, and
imports the rest while they already read pages.
"""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass, field
from typing import Iterator

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


def expand_inputs(arguments: list[str]) -> Iterator[str]:
    """Files named on the command line; directories give their PDF and text files,
    patterns the shell did not expand (quoted ``*.pdf``) are expanded here."""
    for argument in arguments:
        if os.path.isdir(argument):
            found = sorted(
                os.path.join(root, name)
                for root, _, names in os.walk(argument)
                for name in names
                if name.lower().endswith(INPUT_SUFFIXES)
            )
            yield from found
        elif any(ch in argument for ch in "*?[") and not os.path.exists(argument):
            matches = sorted(glob.glob(argument, recursive=True))
            yield from matches if matches else [argument]
        else:
            yield argument


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
