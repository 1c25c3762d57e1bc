"""Extracting many documents: in worker processes, in the order they were given.

Documents are independent, so ``--jobs N`` extracts N at a time in worker processes
(forked: they start with budgetkit already imported).  A long PDF is read in parts of
``PAGES_PER_PART`` pages by several workers, so one long document does not leave the
other workers idle; its parts are joined, in page order, into the same source a single
reader gives, and its records made from that in this process.  Results come back in
input order, so the output is the same as ``--jobs 1``'s whatever finishes first.  Only a
window of ``2 × N`` documents is in flight, so memory is bounded by the window, not by
the number of documents, even when one slow document holds back the ones after it.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Iterable, Iterator

from ..cache import Cache, file_sha256
from ..sources import UnreadableInput
from .extraction import Extraction, from_cache, kept, unreadable

# What reads documents is imported when first needed.  The readers (sources.read:
# pdfplumber, pdfium) come with the first document not found in the cache, before the
# first worker is forked, so the workers have them: a re-run over an unchanged folder
# never loads them.  The table parser and the narrative (commands.extract) come later:
# the workers read pages while this process imports them, and import them themselves
# only for a document they extract whole.

# Reading a part opens the PDF again (a few milliseconds, a tenth of a second for a
# thousand pages); eight pages take ten times that, and a 30-page document still spreads
# over four workers.
PAGES_PER_PART = 8


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def extractions(paths: Iterable[str], jobs: int, cache: Cache | None, ocr: str = "auto") -> Iterator[Extraction]:
    """The extraction of each path, in order; ``jobs == 1`` extracts in this process."""
    paths = list(paths)
    if jobs <= 1 or not paths or (len(paths) == 1 and len(_parts(paths[0], jobs)) < 2):
        from .extract import extract_file

        for path in paths:
            yield extract_file(path, ocr, cache)
        return
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_ignore_interrupts)
    pending: deque[_Document] = deque()
    try:
        for path in paths:
            pending.append(_Document(pool, path, ocr, cache, jobs))
            if len(pending) >= 2 * jobs:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        # On an interrupt (or a closed pipe) drop what has not started; the workers
        # finish the part in hand.  Cache entries are written whole or not at all.
        pool.shutdown(wait=True, cancel_futures=True)


class _Document:
    """One document in flight: found in the cache, extracted whole by a worker, or read in
    parts by several."""

    def __init__(self, pool: ProcessPoolExecutor, path: str, ocr: str, cache: Cache | None, jobs: int):
        self.path, self.ocr, self.cache = path, ocr, cache
        self.found = from_cache(path, ocr, cache)
        self.whole: Future | None = None
        self.parts: list[Future] = []
        if self.found is not None:
            return
        parts = _parts(path, jobs)
        if len(parts) < 2:
            self.whole = pool.submit(_extract_uncached, path, ocr)
            return
        from ..sources.read import read_pdf_part

        sha256 = file_sha256(path)
        self.parts = [pool.submit(read_pdf_part, path, sha256, ocr, numbers) for numbers in parts]

    def result(self) -> Extraction:
        if self.found is not None:
            return self.found
        if self.whole is not None:
            return kept(self.whole.result(), self.ocr, self.cache)
        from ..sources.read import joined

        try:
            source = joined([part.result() for part in self.parts])
        except UnreadableInput as error:
            return unreadable(self.path, error)
        from .extract import extract_source

        return kept(extract_source(source), self.ocr, self.cache)


def _extract_uncached(path: str, ocr: str) -> Extraction:
    """A whole document, in a worker."""
    from .extract import extract_uncached

    return extract_uncached(path, ocr)


def _parts(path: str, jobs: int) -> list[range]:
    """The page ranges a PDF is read in: ``PAGES_PER_PART`` pages each, more in a long PDF,
    which makes at most four parts per worker (each part opens the file again); one range
    for a short PDF or any other file."""
    from ..sources.read import pdf_page_count

    count = pdf_page_count(path) or 0
    size = max(PAGES_PER_PART, -(-count // (4 * jobs)))
    if count < 2 * size:
        return [range(1, count + 1)]
    return [range(first, min(first + size, count + 1)) for first in range(1, count + 1, size)]


def _ignore_interrupts() -> None:
    """Ctrl-C reaches the whole process group; the parent alone handles it (one message,
    no traceback per worker).  Workers write nothing to stdout and must not keep it open
    (``extract | head`` would wait for them), and die with the parent (SIGPIPE kills it)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
