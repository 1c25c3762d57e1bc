"""Extracting on a Dask cluster (``extract --cluster ADDRESS``, ``$BUDGETKIT_CLUSTER``).

Each document is a task sent to the Dask scheduler; a long PDF is read in parts, a task
each, and a last task joins them and makes the records, as ``--jobs N`` does on one
machine.  Results come back in input order (only a window of documents is in flight, so
the client's memory stays flat), are cached here as locally, and are the same records
``--jobs 1`` writes: the workers read the files at their absolute paths (a folder every
worker sees at the same path) and the document keeps the path it was given.

On a worker a task is read under the budget (``--max-memory``, ``--page-timeout``) by
budgetkit's own reading processes, one per worker thread, forked from a clean server
process (a Dask worker has threads of its own).  A Dask worker started as a daemon (the
default of ``dask worker``) may not start processes: there a task is read in the worker
itself, and Dask's own limits apply (its memory limit restarts the worker).  A worker that
dies loses no document: Dask gives its tasks to another; a document that kills several
workers is a problem of its own, and the run goes on.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from functools import cache
from typing import Iterator

from ..budget import Budget, PageWatch
from ..cache import Cache, file_sha256
from ..sources import UnreadableInput
from .batch import PartTask, WholeTask, page_parts
from .result import Extraction, from_cache, kept, unreadable

ENV_CLUSTER = "BUDGETKIT_CLUSTER"
_RETRIES = 2  # a task whose worker failed otherwise than by dying (Dask retries those itself)


class ClusterUnavailable(Exception):
    """Dask is not installed, or the scheduler cannot be reached."""


def connect(address: str):
    """A Dask client of the scheduler at ``address`` (``tcp://host:8786``), waiting for it as
    long as Dask's ``distributed.comm.timeouts.connect`` says (30 s unless set, e.g. by
    ``$DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT``)."""
    try:
        from distributed import Client
    except ImportError:
        raise ClusterUnavailable("Dask is not installed: pip install 'budgetkit[cluster]'") from None
    try:
        return Client(address)
    except (OSError, TimeoutError, ValueError) as error:
        raise ClusterUnavailable(f"cannot reach the Dask scheduler at {address} ({error})") from None


def cluster_extractions(paths: list[str], client, cache: Cache | None, ocr: str = "auto",
                        budget: Budget = Budget()) -> Iterator[Extraction]:
    """The extraction of each path, in order, read by the cluster's workers."""
    threads = max(1, sum(client.nthreads().values()))
    pending: deque = deque()
    for path in paths:
        pending.append(_submit(client, path, ocr, cache, budget, threads))
        if len(pending) >= 2 * threads:
            yield _outcome(*pending.popleft(), ocr, cache)
    while pending:
        yield _outcome(*pending.popleft(), ocr, cache)


def _submit(client, path: str, ocr: str, cache: Cache | None, budget: Budget, threads: int):
    """(path, the cached extraction or the future of the document's last task)."""
    found = from_cache(path, ocr, cache)
    if found is not None:
        return path, found
    where = os.path.abspath(path)
    parts = page_parts(where, threads)
    if len(parts) <= 1:
        return path, client.submit(run_task, WholeTask(where, ocr, 1), budget, pure=False, retries=_RETRIES)
    sha256 = file_sha256(where)
    read = [client.submit(run_task, PartTask(where, sha256, ocr, numbers), budget, pure=False, retries=_RETRIES)
            for numbers in parts]
    return path, client.submit(records_of_parts, read, pure=False, retries=_RETRIES)


def _outcome(path: str, submitted, ocr: str, cache: Cache | None) -> Extraction:
    if isinstance(submitted, Extraction):
        return submitted
    try:
        kind, value = submitted.result()
    except Exception as error:  # noqa: BLE001 - the workers died on it (KilledWorker) or a bug: one problem
        kind, value = "failed", UnreadableInput("unreadable", f"the cluster could not read it ({_said(error)})")
    finally:
        submitted.release()
    if kind == "failed":
        value.sha256 = value.sha256 or file_sha256(path)
        return unreadable(path, value)
    return kept(_named(value, path), ocr, cache)


def _said(error: Exception) -> str:
    name = type(error).__name__
    return "it stopped the workers that read it" if name == "KilledWorker" else f"{name}: {error}"


def _named(result: Extraction, path: str) -> Extraction:
    """The extraction of the file at its absolute path, as the path it was given."""
    result.path = path
    if result.records and result.records[0].get("type") == "document":
        result.records[0]["path"] = path
    return result


# --- on a worker ---------------------------------------------------------------------

def run_task(task, budget: Budget) -> tuple[str, object]:
    """Run a document's or a part's task: ("done", its value) or ("failed", UnreadableInput).
    Failing to read is the document's answer, not the task's failure: Dask need not retry it."""
    pool = _reading_pool(budget)
    try:
        if pool is None:
            return "done", task.run(PageWatch(skipped=dict(task.skipped)))
        return "done", pool.result(pool.submit(task, (0,)))
    except UnreadableInput as error:
        return "failed", error


def records_of_parts(parts: list[tuple[str, object]]) -> tuple[str, object]:
    """The records of a long PDF from its parts, read by several tasks."""
    failed = next((value for kind, value in parts if kind == "failed"), None)
    if failed is not None:
        return "failed", failed
    from ..sources.read import joined
    from .build import extract_source

    return "done", extract_source(joined([value for _, value in parts]))


@cache  # one per worker process and budget: its reading processes serve every task
def _reading_pool(budget: Budget):
    """The worker's reading processes, or None where it may start none (a daemon)."""
    if budget.off or multiprocessing.current_process().daemon:
        return None
    from distributed import get_worker

    from .workers import Pool

    return Pool(get_worker().state.nthreads, budget, multiprocessing.get_context("forkserver"))
