"""Extracting on a Dask cluster (``extract --cluster ADDRESS``, ``$BUDGETKIT_CLUSTER``).

Each document is a task sent to the Dask scheduler; a long PDF is read in parts, a task
each, and a last task joins them and makes the records, as ``--jobs N`` does on one
machine.  Results come back in input order (only a window of documents is in flight, so
the client's memory stays flat), are cached here as locally, and are the same records
``--jobs 1`` writes: the workers read the files at their absolute paths (a folder every
worker sees at the same path) and the document keeps the path it was given.

With ``--out DIR`` the records do not come back (``cluster_written``): a batch of
documents read, a writing task on a worker is given their tasks' futures, so Dask brings
the records to it from the workers that read them, and it writes the batch into DIR (a
folder every worker sees) as ``Dataset`` would.  Only a summary of each document comes
back (``Written``: its problems, its record counts), in input order, a window of batches
in flight, so the client's memory stays flat whatever the corpus.

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
from ..dataset import BATCH_DOCUMENTS, DatasetUnavailable, new_batch_name, said
from ..records import of_types
from ..sources import UnreadableInput
from .batch import PartTask, WholeTask, page_parts
from .result import Extraction, Written, from_cache, kept, unreadable, written

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


def cluster_written(paths: list[str], names: list[str], client, directory: str, ocr: str = "auto",
                    budget: Budget = Budget(), kept_types: set[str] | None = None,
                    batch_documents: int = BATCH_DOCUMENTS) -> Iterator[Written]:
    """What became of each path, in order, read by the workers and written by them into the
    dataset at ``directory`` (``extract --cluster --out``), ``batch_documents`` a batch; the
    records go from the workers that read them to the one that writes, never here.
    ``names``: the paths as the records name them."""
    directory = os.path.abspath(directory)  # the workers' working folder is not this one
    threads = max(1, sum(client.nthreads().values()))
    window = max(2, -(-2 * threads // batch_documents))  # batches in flight: enough to keep every thread busy
    in_flight: deque[_WrittenBatch] = deque()
    for start in range(0, len(paths), batch_documents):
        chunk = slice(start, start + batch_documents)
        # The local cache is neither read nor written: its records would pass through here,
        # and the dataset is the record of what was read.
        reads = [_submit(client, path, ocr, None, budget, threads)[1] for path in paths[chunk]]
        in_flight.append(_WrittenBatch(paths[chunk], names[chunk], reads))
        if len(in_flight) >= window:
            yield from in_flight.popleft().finish(client, directory, kept_types)
    while in_flight:
        yield from in_flight.popleft().finish(client, directory, kept_types)


class _WrittenBatch:
    """A batch of documents in flight: read by the workers, then written by one of them."""

    def __init__(self, paths: list[str], names: list[str], reads: list):
        self.wheres = [os.path.abspath(path) for path in paths]
        self.names, self.reads = names, reads

    def finish(self, client, directory: str, kept_types: set[str] | None) -> list[Written]:
        """What became of each document, once the batch is read and written."""
        from distributed import wait

        wait(self.reads)
        # A task that failed (its workers died, or a bug) would fail the writing task given
        # it: its document is a problem of its own, left out of the batch.
        lost = {i: _failure(read) for i, read in enumerate(self.reads) if read.status in ("error", "cancelled")}
        try:
            done = iter(self._write(client, directory, [i for i in range(len(self.reads)) if i not in lost],
                                    kept_types))
        finally:
            for read in self.reads:
                read.release()
        return [written(self._not_read(i, lost[i]), []) if i in lost else next(done) for i in range(len(self.reads))]

    def _write(self, client, directory: str, read: list[int], kept_types: set[str] | None) -> list[Written]:
        """The documents ``read`` written by a worker, their records brought to it by Dask."""
        writer = client.submit(write_documents, directory, new_batch_name(), [self.wheres[i] for i in read],
                               [self.names[i] for i in read], [self.reads[i] for i in read], kept_types,
                               pure=False, priority=1)  # before more reading: the batch leaves the workers' memory
        try:
            return _summaries(writer, directory)
        finally:
            writer.release()

    def _not_read(self, index: int, error: BaseException) -> Extraction:
        return _extraction(_not_read(error), self.names[index], self.wheres[index])


def _failure(read) -> BaseException:
    try:
        return read.exception()
    except Exception as error:  # noqa: BLE001 - cancelled: the scheduler gave it up
        return error


def _summaries(writer, directory: str) -> list[Written]:
    """The writing task's answer; its failure (a full disk, the folder gone, its workers dead)
    is the dataset's: the run stops, and the batch, unfinished, is read again next run."""
    try:
        return writer.result()
    except DatasetUnavailable:
        raise
    except Exception as error:  # noqa: BLE001
        raise DatasetUnavailable(f"--out: could not write into {directory} ({type(error).__name__}: {said(error)})") \
            from None


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
        answer = submitted.result()
    except Exception as error:  # noqa: BLE001 - the workers died on it (KilledWorker) or a bug: one problem
        answer = _not_read(error)
    finally:
        submitted.release()
    return kept(_extraction(answer, path, path), ocr, cache)


def _not_read(error: BaseException) -> tuple[str, UnreadableInput]:
    """The answer for a document whose task failed (its workers died, or a bug)."""
    return "failed", UnreadableInput("unreadable", f"the cluster could not read it ({_said(error)})")


def _extraction(answer: tuple[str, object], name: str, where: str) -> Extraction:
    """A task's answer as the extraction of the document given as ``name``, read at ``where``."""
    kind, value = answer
    if kind == "failed":
        value.sha256 = value.sha256 or file_sha256(where)
        return unreadable(name, value)
    return _named(value, name)


def _said(error: Exception) -> str:
    name = type(error).__name__
    return "it stopped the workers that read it" if name == "KilledWorker" else f"{name}: {said(error)}"


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


def write_documents(directory: str, batch: str, wheres: list[str], names: list[str],
                    answers: list[tuple[str, object]], kept_types: set[str] | None) -> list[Written]:
    """Write a batch of documents, read by other tasks (Dask brings their answers here),
    into the dataset as batch ``batch``; what became of each, without its records.  A
    document that could not be read is not written: the next run tries it again."""
    from ..dataset import write_batch

    results = [_extraction(answer, name, where) for answer, name, where in zip(answers, names, wheres)]
    records = [[] if result.unreadable else of_types(result.records, kept_types) for result in results]
    write_batch(directory, [kept for kept, result in zip(records, results) if not result.unreadable], batch)
    return [written(result, kept) for result, kept in zip(results, records)]


@cache  # one per worker process and budget: its reading processes serve every task
def _reading_pool(budget: Budget):
    """The worker's reading processes, or None where it may start none (a daemon)."""
    if budget.off or multiprocessing.current_process().daemon:
        return None
    from distributed import get_worker

    from .workers import Pool

    return Pool(get_worker().state.nthreads, budget, multiprocessing.get_context("forkserver"))
