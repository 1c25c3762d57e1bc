"""Extracting many documents: in worker processes, in the order they were given.

Documents are independent, so ``--jobs N`` extracts N at a time in worker processes
(forked: they start with budgetkit already imported).  Results come back in input
order, so the output is the same as ``--jobs 1``'s whatever finishes first.  Only a
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
from concurrent.futures import ProcessPoolExecutor
from typing import Iterable, Iterator

from ..cache import Cache
from .extract import Extraction, extract_file

def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def extractions(paths: Iterable[str], jobs: int, cache: Cache | None, ocr: str = "auto") -> Iterator[Extraction]:
    """The extraction of each path, in order; ``jobs == 1`` extracts in this process."""
    paths = list(paths)
    jobs = max(1, min(jobs, len(paths)))
    if jobs == 1:
        for path in paths:
            yield extract_file(path, ocr, cache)
        return
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_ignore_interrupts)
    pending: deque = deque()
    try:
        for path in paths:
            pending.append(pool.submit(extract_file, path, ocr, cache))
            if len(pending) >= 2 * jobs:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        # On an interrupt (or a closed pipe) drop what has not started; the workers
        # finish the document in hand, whose cache entry is written whole or not at all.
        pool.shutdown(wait=True, cancel_futures=True)


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
