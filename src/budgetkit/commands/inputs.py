"""Inputs of the commands that read records: record files, ``-`` for stdin, or documents.

``check`` and ``diff`` take the same inputs: JSON Lines from ``extract`` (files ending
``.jsonl``, or ``-`` for stdin) or PDF/text documents and folders, extracted on the fly.
Either way they get one ``Document`` at a time, so memory does not grow with the stream.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO, Callable, Iterable, Iterator

from ..check.document import Document, group_documents
from ..records import read_records
from .extract import expand_inputs, extract_file

RECORD_SUFFIXES = (".jsonl", ".json", ".ndjson")


@dataclass
class Inputs:
    """Reads the inputs and counts those it could not read; each problem is one line for
    ``tell`` (stderr), naming the file."""

    tell: Callable[[str], None]
    unreadable: int = 0

    def documents(self, arguments: list[str], stdin: IO[str]) -> Iterator[Document]:
        """Every document of the inputs: ``-`` and record files are read as records,
        PDFs, text files and folders are extracted first."""
        for argument in arguments:
            if argument == "-":
                yield from self._readable(group_documents(self._records(stdin, "<stdin>")))
            elif argument.lower().endswith(RECORD_SUFFIXES):
                yield from self._record_file(argument)
            else:
                for path in expand_inputs([argument]):
                    yield from self._extracted(path)

    def _record_file(self, path: str) -> Iterator[Document]:
        try:
            handle = open(path, encoding="utf-8")
        except OSError as error:
            self.failed(path, error.strerror or str(error))
            return
        with handle:
            yield from self._readable(group_documents(self._records(handle, path)))

    def _records(self, lines: Iterable[str], source: str) -> Iterator[dict]:
        """Records of a stream; a broken line is reported and skipped, the rest is read."""
        iterator = iter(lines)
        number = 0
        while True:
            try:
                line = next(iterator)
            except StopIteration:
                return
            except UnicodeDecodeError:
                self.failed(source, "not UTF-8 text (expected JSON Lines records)")
                return
            number += 1
            try:
                yield from read_records([line], source)
            except ValueError as error:  # the message names the source; give the real line number
                self.unreadable += 1
                self.tell(str(error).replace(f"{source}: line 1:", f"{source}: line {number}:", 1))

    def _extracted(self, path: str) -> Iterator[Document]:
        result = extract_file(path)  # an unreadable file gives a document record saying why
        yield from self._readable(group_documents(result.records))

    def _readable(self, documents: Iterable[Document]) -> Iterator[Document]:
        for document in documents:
            if document.meta and document.meta.get("format") is None:
                problems = document.meta.get("problems") or [{"message": "could not be read"}]
                self.failed(document.path or document.doc, problems[0]["message"])
                continue
            yield document

    def failed(self, source: str, message: str) -> None:
        """An input that could not be read: counted, and one line naming it."""
        self.unreadable += 1
        self.tell(f"{source}: {message}")
