"""``check --jobs N``: a stream of records checked on N cores.

This process only cuts the stream into documents, reading of each line no more than the
``doc`` at its head (``extract`` writes ``type`` and ``doc`` first; any other line is
decoded).  Decoding, validation and the rules run in N worker processes, a piece of the
stream each, and the findings come back in input order: the output is the same as one
process gives.  Documents that follow each other with the same ``disclosure`` id go in
one piece, so the two files of one disclosure are joined as in one process.  Only a
window of 2 × N pieces is in flight, so memory stays flat however long the stream.
"""

from __future__ import annotations

import json
import re
from collections import deque
from dataclasses import dataclass, field
from itertools import chain
from typing import Callable, Iterable, Iterator

from ..document import group_documents, joined_disclosures
from .inputs import NOT_UTF8, readable, stream_records

# A piece holds at most this many documents of one disclosure id (a stream that gives every
# document the same id is cut, not held whole).
MAX_JOINED = 4

_HEAD_RE = re.compile(r'\{\s*"type"\s*:\s*"(\w+)"\s*,\s*"doc"\s*:\s*"([^"\\]*)"')


@dataclass
class Run:
    """The lines of one document in a stream, from line ``first`` of ``source``."""

    source: str
    first: int
    doc: str | None = None  # None until a line names it (a stream may start with a broken line)
    disclosure: str | None = None
    lines: list[str] = field(default_factory=list)


@dataclass
class PieceResult:
    checked: list  # of check.Checked
    broken: list[str]  # lines and documents that could not be read, one line each


def document_runs(source: str, lines: Iterable[str], broken: Callable[[str], None]) -> Iterator[Run]:
    """The runs of lines with the same ``doc`` in a stream.  A line that names no document
    (not JSON, say) stays in the run it is in; the worker tells it."""
    run = Run(source, 1)
    try:
        for number, line in enumerate(lines, start=1):
            kind, doc = _head(line)
            if kind is not None and run.doc is not None and doc != run.doc:
                yield run
                run = Run(source, number)
            if kind is not None:
                run.doc = doc
            if kind == "document":
                run.disclosure = _disclosure(line)
            run.lines.append(line)
    except UnicodeDecodeError:
        broken(f"{source}: {NOT_UTF8}")
    if run.lines:
        yield run


def pieces(runs: Iterable[Run]) -> Iterator[list[Run]]:
    """The runs in pieces a worker checks: one document, or the documents that follow each
    other with the same disclosure id."""
    piece: list[Run] = []
    for run in runs:
        if piece and not (run.disclosure and run.disclosure == piece[-1].disclosure and len(piece) < MAX_JOINED):
            yield piece
            piece = []
        piece.append(run)
    if piece:
        yield piece


def check_piece(piece: list[Run], rules: list) -> PieceResult:
    """Read and check a piece's documents, as ``CheckRun.checked`` does in one process."""
    from .check import checked_document

    broken: list[str] = []
    streams = (group_documents(stream_records(run.lines, run.source, broken.append, run.first)) for run in piece)
    documents = readable(chain.from_iterable(streams), lambda name, why: broken.append(f"{name}: {why}"))
    return PieceResult([checked_document(document, rules) for document in joined_disclosures(documents)], broken)


def checked_in_parallel(runs: Iterable[Run], rules: list, jobs: int) -> Iterator[PieceResult]:
    """Each piece's result, in input order.  A stream of one piece is checked here: a
    pool would only add its start-up."""
    stream = pieces(runs)
    first = next(stream, None)
    if first is None:
        return
    second = next(stream, None)
    if second is None:
        yield check_piece(first, rules)
        return
    # Loaded only now: a stream of one document (and start-up) does without them.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    executor = ProcessPoolExecutor(jobs, mp_context=context, initializer=_worker_start, initargs=(rules,))
    pending: deque = deque()  # (piece, its future or its result)
    try:
        for piece in chain((first, second), stream):
            pending.append((piece, _submit(executor, piece, rules)))
            if len(pending) >= 2 * jobs:
                yield _result(*pending.popleft(), rules)
        while pending:
            yield _result(*pending.popleft(), rules)
    finally:
        # Waiting for the pieces being checked (a second at most) also keeps the pool's
        # thread from waking a closed pipe at exit, which Python reports as an error.
        executor.shutdown(wait=True, cancel_futures=True)


def _submit(executor, piece: list[Run], rules: list):
    """The future of a piece's result, or the result itself when the pool is broken."""
    from concurrent.futures.process import BrokenProcessPool

    try:
        return executor.submit(_check_in_worker, piece)
    except (BrokenProcessPool, OSError):  # a worker died earlier, or none can start: checked here
        return check_piece(piece, rules)


def _result(piece: list[Run], submitted, rules: list) -> PieceResult:
    from concurrent.futures.process import BrokenProcessPool

    if isinstance(submitted, PieceResult):
        return submitted
    try:
        return submitted.result()
    except BrokenProcessPool:  # its worker died: checked again here, so no document is lost
        return check_piece(piece, rules)


# --- in a worker ------------------------------------------------------------------------

_WORKER_RULES: list = []


def _worker_start(rules: list) -> None:
    from ..extraction.workers import detach

    detach()  # as a reading worker: quiet on Ctrl-C, off stdout, gone with the parent (``| head``)
    _WORKER_RULES[:] = rules


def _check_in_worker(piece: list[Run]) -> PieceResult:
    return check_piece(piece, _WORKER_RULES)


# --- the head of a line -----------------------------------------------------------------

def _head(line: str) -> tuple[str | None, str | None]:
    """A record line's ``type`` and ``doc``; (None, None) for a line that is no record."""
    found = _HEAD_RE.match(line)
    if found:
        return found.group(1), found.group(2)
    record = _decoded(line)
    kind, doc = record.get("type"), record.get("doc")
    return (kind, doc) if isinstance(kind, str) and isinstance(doc, str) else (None, None)


def _disclosure(line: str) -> str | None:
    disclosure = _decoded(line).get("disclosure")
    return disclosure if isinstance(disclosure, str) else None


def _decoded(line: str) -> dict:
    try:
        record = json.loads(line)
    except ValueError:
        return {}
    return record if isinstance(record, dict) else {}
