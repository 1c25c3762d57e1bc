"""Documents from the inputs of a command that reads records: ``check``, ``kpi``, ``summarize``.

Inputs are record files (JSON Lines from ``extract``), ``-`` for records on stdin, or
documents (PDF, text, folders), which are extracted first.  Documents come one at a
time (``group_documents``), so memory does not grow with the length of the stream.
A broken line, an unreadable file or a document ``extract`` could not read is told on
stderr in one line naming the source, counted, and the rest is still read.
"""

from __future__ import annotations

import os
import sys
from itertools import groupby
from typing import IO, Callable, Iterable, Iterator

from ..budget import Budget
from ..cache import Cache, default_dir as default_cache_dir
from ..checks import Document, group_documents
from ..records import dumps, read_records
from ..extraction.result import expand_inputs

RECORD_SUFFIXES = (".jsonl", ".json", ".ndjson")
NOT_UTF8 = "not UTF-8 text (expected JSON Lines records)"  # a record stream that is no text


def default_inputs(inputs: list[str] | None, stdin: IO[str] | None = None) -> list[str] | None:
    """The inputs as given, ``-`` when none are given and records are piped in, else
    None: the caller's usage error (a terminal on stdin would wait forever)."""
    if inputs:
        return list(inputs)
    return None if (stdin or sys.stdin).isatty() else ["-"]


class InputReader:
    """Reads documents and counts the inputs it could not read."""

    def __init__(self, tell: Callable[[str], None], use_cache: bool = True, jobs: int = 1):
        self.tell = tell  # one line on stderr
        self.jobs = jobs  # documents extracted at a time
        self.unreadable = 0
        # Documents given to check, diff, kpi or summarize are extracted as extract does, through
        # the same cache (unless --no-cache) and under the budget its options default to
        # ($BUDGETKIT_MAX_MEMORY…).
        self.cache = Cache(default_cache_dir()) if use_cache else None
        self.budget = Budget.from_env(tell)
        self.ocr = ocr_mode_from_env(tell)
        self.client = None  # of the Dask scheduler at $BUDGETKIT_CLUSTER, connected when first needed

    def documents(self, arguments: list[str], stdin: IO[str], keep_unreadable: bool = False) -> Iterator[Document]:
        """Every document of the inputs: ``-`` and record files are read as records,
        PDFs, text files and folders are extracted first.  A document ``extract`` could
        not read is reported; it is yielded too when ``keep_unreadable`` (to pass it on)."""
        # Documents given one after another are extracted together, ``jobs`` at a time.
        for records_given, given in groupby(arguments, key=is_record_input):
            if records_given:
                found = (document for argument in given for source, lines in self.record_lines(argument, stdin)
                         for document in group_documents(self._records(lines, source)))
            else:
                found = (document for records in self._extract(list(given)) for document in group_documents(records))
            yield from readable(found, self.report, keep_unreadable)

    def _extract(self, arguments: list[str]) -> Iterator[list[dict]]:
        """The records of each document the arguments name, one document at a time."""
        # The PDF readers and the table parser load with the first document given: a run
        # over records alone never loads them.
        from ..sources.ocr import tell_if_unread
        from ..extraction.batch import extractions
        from ..extraction.cluster import ENV_CLUSTER, ClusterUnavailable, cluster_extractions, connect

        paths = list(expand_inputs(arguments, self.report))
        if os.environ.get(ENV_CLUSTER) and self.client is None:
            try:
                self.client = connect(os.environ[ENV_CLUSTER])
            except ClusterUnavailable as error:
                for argument in arguments:
                    self.report(argument, f"not extracted: {error}")
                return
        results = cluster_extractions(paths, self.client, self.cache, self.ocr, self.budget) if self.client else \
            extractions(paths, self.jobs, self.cache, self.ocr, self.budget)
        for result in results:
            tell_if_unread(result.problems, self.ocr)
            yield result.records

    def report(self, source: str, message: str) -> None:
        self.unreadable += 1
        self.tell(f"{source}: {message}")

    def record_lines(self, argument: str, stdin: IO[str]) -> Iterator[tuple[str, Iterable[str]]]:
        """The name and lines of a record input, ``-`` or a file; a file that cannot be
        opened is reported and gives none."""
        if argument == "-":
            yield "<stdin>", stdin
            return
        try:
            handle = open(argument, encoding="utf-8")
        except OSError as error:
            self.report(argument, error.strerror or str(error))
            return
        with handle:
            yield argument, handle

    def _records(self, lines: Iterable[str], source: str) -> Iterator[dict]:
        return stream_records(lines, source, self.broken)

    def broken(self, message: str) -> None:
        """A line or stream that could not be read: told and counted."""
        self.unreadable += 1
        self.tell(message)


def stream_records(lines: Iterable[str], source: str, broken: Callable[[str], None], first: int = 1) -> Iterator[dict]:
    """Records of a stream whose first line is line ``first`` of ``source``; a broken line
    is told (``broken(message)``) and skipped, the rest is read."""
    iterator = iter(lines)
    number = first - 1
    while True:
        try:
            line = next(iterator)
        except StopIteration:
            return
        except UnicodeDecodeError:
            broken(f"{source}: {NOT_UTF8}")
            return
        number += 1
        try:
            for record in read_records([line], source, validate=True):
                yield ReadRecord(record, line)
        except ValueError as error:  # the message names the source; give the real line number
            broken(str(error).replace(f"{source}: line 1:", f"{source}: line {number}:", 1))


class ReadRecord(dict):
    """A record with the line it was read from, so that a command passing records on
    (``kpi``) writes them as they came, without encoding them again."""

    __slots__ = ("line",)

    def __init__(self, record: dict, line: str):
        super().__init__(record)
        self.line = line.rstrip("\r\n")


def record_text(record: dict) -> str:
    """The JSON line of a record: as read, or encoded when it was not read from a line."""
    return record.line if isinstance(record, ReadRecord) else dumps(record)


def is_record_input(argument: str) -> bool:
    """``-`` (records on stdin) or a record file, as opposed to a document to extract."""
    return argument == "-" or argument.lower().endswith(RECORD_SUFFIXES)


def readable(documents: Iterable[Document], report: Callable[[str, str], None],
             keep_unreadable: bool = False) -> Iterator[Document]:
    """The documents, each one ``extract`` could not read reported (``report(name, why)``)
    and left out, or kept when ``keep_unreadable`` (to pass it on)."""
    for document in documents:
        if is_unreadable(document):
            problems = document.meta.get("problems") or [{"message": "could not be read"}]
            report(document.path or document.doc, problems[0]["message"])
            if not keep_unreadable:
                continue
        yield document


def is_unreadable(document: Document) -> bool:
    """A document ``extract`` could not read at all: its record has no format."""
    return bool(document.meta) and document.meta.get("format") is None


def ocr_mode_from_env(tell: Callable[[str], None]) -> str:
    """``$BUDGETKIT_OCR`` (auto, always, never), the mode ``extract --ocr`` defaults to, for
    the documents these commands extract; auto when unset or not a mode (said once)."""
    import os

    mode = os.environ.get("BUDGETKIT_OCR", "auto") or "auto"
    if mode not in ("auto", "always", "never"):
        tell(f"BUDGETKIT_OCR={mode!r} is not auto, always or never; using auto")
        return "auto"
    return mode
