"""Extracting many documents: in worker processes, under a budget, in the order they were given.

Documents are read in worker processes (``workers.py``), each held to the memory budget
and each page to the time budget, so a hostile page costs a problem record, not the run:
``--jobs N`` reads N documents at a time (forked: the workers start with budgetkit
already imported), and ``--jobs 1`` one at a time in one worker.  Only with both budgets
off does ``--jobs 1`` read in this process.  A long PDF is read in parts of
``PAGES_PER_PART`` pages by several workers, so one long document does not leave the
other workers idle; its parts are joined, in page order, into the same source a single
reader gives, and its records made from that in this process.  Results come back in
input order, so the output is the same as ``--jobs 1``'s whatever finishes first.  Only a
window of ``2 × N`` documents is in flight, so memory is bounded by the window, not by
the number of documents, even when one slow document holds back the ones after it.
"""

from __future__ import annotations

import importlib
import multiprocessing
import pkgutil
from collections import deque
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Iterable, Iterator

from ..budget import Budget, PageWatch
from ..cache import Cache, file_sha256
from ..sources import UnreadableInput
from .result import Extraction, from_cache, kept, unreadable
from .workers import Pool, Ticket

# What reads documents is imported when first needed: with the first document not found
# in the cache, before the first worker is forked (``_prepare_workers``), so a re-run over
# an unchanged folder never loads it.

# Reading a part opens the PDF again (a few milliseconds, a tenth of a second for a
# thousand pages); eight pages take ten times that, and a 30-page document still spreads
# over four workers.
PAGES_PER_PART = 8


def extractions(paths: Iterable[str], jobs: int, cache: Cache | None, ocr: str = "auto",
                budget: Budget = Budget()) -> Iterator[Extraction]:
    """The extraction of each path, in order."""
    paths = list(paths)
    if jobs <= 1 and budget.off:
        from .build import extract_file

        for path in paths:
            yield extract_file(path, ocr, cache)
        return
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    pool = Pool(jobs, budget, context)
    pending: deque[_Document] = deque()
    try:
        for order, path in enumerate(paths):
            pending.append(_Document(pool, order, path, ocr, cache, jobs))
            if len(pending) >= 2 * jobs:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        # On an interrupt (or a closed pipe) the workers are stopped; cache entries are
        # written here, whole or not at all.
        pool.close()


class _Document:
    """One document in flight: found in the cache, extracted whole by a worker, or, when
    that worker finds it long, read in parts by several."""

    def __init__(self, pool: Pool, order: int, path: str, ocr: str, cache: Cache | None, jobs: int):
        self.pool, self.order, self.path, self.ocr, self.cache = pool, order, path, ocr, cache
        self.found = from_cache(path, ocr, cache)
        self.parts: list[Ticket] = []
        if self.found is not None:
            return
        _prepare_workers()
        self.whole = pool.submit(WholeTask(path, ocr, jobs), (order, 0), then=self._split)

    def _split(self, value) -> None:
        """A long PDF: its parts are given out at once, ahead of the documents after it."""
        if isinstance(value, _Split):
            self.parts = [self.pool.submit(PartTask(self.path, value.sha256, self.ocr, numbers), (self.order, i + 1))
                          for i, numbers in enumerate(value.parts)]

    def result(self) -> Extraction:
        if self.found is not None:
            return self.found
        try:
            value = self.pool.result(self.whole)
            if not isinstance(value, _Split):
                return kept(value, self.ocr, self.cache)
            from ..sources.read import joined

            source = joined([self.pool.result(part) for part in self.parts])
        except UnreadableInput as error:
            error.sha256 = error.sha256 or file_sha256(self.path)
            return unreadable(self.path, error)
        from .build import extract_source

        return kept(extract_source(source), self.ocr, self.cache)


@cache  # once a process: it lists the packages' modules on disk
def _prepare_workers() -> None:
    """Imports all a worker runs, and reads the template data, before the first worker is
    forked.  Workers are forked by the pool's thread while this process goes on (reading
    the cache, making records): a lock on a module or a data file that this process holds
    at the fork stays held for ever in the worker, which would hang the first time it
    imported that module or read that file.  A worker that needs nothing new takes no such
    lock (tests/test_hostile_budget.py checks that it needs nothing new)."""
    from ..templates import preload
    from . import build  # noqa: F401 - the document facts and what follows

    for package in WORKER_PACKAGES:  # their modules, also those imported where first used
        for module in pkgutil.iter_modules(importlib.import_module(package).__path__):
            importlib.import_module(f"{package}.{module.name}")
    preload()


# What workers run: the readers (pdfplumber, pdfium, the OCR), the table parser, the
# narrative and the performance forms.
WORKER_PACKAGES = ("budgetkit.sources", "budgetkit.tables", "budgetkit.narrative", "budgetkit.forms")


@dataclass
class _Split:
    """A worker's answer for a PDF to read in parts."""

    parts: list[range]
    sha256: str


@dataclass
class WholeTask:
    """A document, extracted whole by a worker, unless it is a PDF long enough to read in parts."""

    path: str
    ocr: str
    jobs: int
    skipped: dict[int, dict] = field(default_factory=dict)

    def run(self, watch: PageWatch):
        parts = page_parts(self.path, self.jobs, self.ocr, watch) if self.jobs > 1 else []
        if len(parts) > 1:
            return _Split(parts, file_sha256(self.path))
        from .build import extract_uncached

        return extract_uncached(self.path, self.ocr, watch)

    def skipping(self, number: int, problem: dict) -> WholeTask:
        return replace(self, skipped={**self.skipped, number: problem})


@dataclass
class PartTask:
    """Some pages of a long PDF, read by a worker."""

    path: str
    sha256: str
    ocr: str
    numbers: range
    skipped: dict[int, dict] = field(default_factory=dict)

    def run(self, watch: PageWatch):
        from ..sources.read import read_pdf_part

        return read_pdf_part(self.path, self.sha256, self.ocr, self.numbers, watch)

    def skipping(self, number: int, problem: dict) -> PartTask:
        return replace(self, skipped={**self.skipped, number: problem})


def page_parts(path: str, jobs: int, ocr: str = "never", watch: PageWatch | None = None) -> list[range]:
    """The page ranges a PDF is read in: ``PAGES_PER_PART`` pages each, more in a long PDF,
    which makes at most four parts per worker (each part opens the file again); one range
    for a short PDF or any other file, unless pages of it are to be read by OCR (seconds
    a page, against milliseconds): then a page each, so that all the workers read them.
    Looking for such pages parses them, so it is done only in a worker held to the budget,
    each page announced to ``watch`` (a hostile page is then left out, as in reading)."""
    from ..sources.read import pdf_page_count

    count = pdf_page_count(path) or 0
    size = max(PAGES_PER_PART, -(-count // (4 * jobs)))
    if count < 2 * size:
        if count > 1 and _read_by_ocr(path, ocr, watch):
            return [range(number, number + 1) for number in range(1, count + 1)]
        return [range(1, count + 1)]
    return [range(first, min(first + size, count + 1)) for first in range(1, count + 1, size)]


def _read_by_ocr(path: str, ocr: str, watch: PageWatch | None) -> bool:
    """Whether pages of a PDF will be read by OCR: all of them (``--ocr always``), or, by a
    look at their text in a worker, any that has none."""
    from ..sources.read import pages_without_text

    return ocr == "always" or (ocr == "auto" and watch is not None and pages_without_text(path, watch))
