"""``check``: records (JSON Lines) or documents in, findings out, one document at a time."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import IO, Callable, Iterable, Iterator

from ..check import Document, check_document, group_documents
from ..check.engine import RuleFailure
from ..check.findings import SEVERITY_RANK
from ..check.registry import Rule
from ..records import read_records
from .extract import expand_inputs, extract_file

RECORD_SUFFIXES = (".jsonl", ".json", ".ndjson")


@dataclass
class CheckRun:
    """What a run met: findings by severity, inputs it could not read, rules that failed."""

    rules: list[Rule]
    tell: Callable[[str], None]  # one line on stderr
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SEVERITY_RANK, 0))
    unreadable: int = 0
    failures: list[RuleFailure] = field(default_factory=list)

    def documents(self, arguments: list[str], stdin: IO[str]) -> Iterator[Document]:
        """Every document of the inputs: ``-`` and record files are read as records,
        PDFs, text files and folders are extracted first."""
        for argument in arguments:
            if argument == "-":
                yield from self._checkable(group_documents(self._records(stdin, "<stdin>")))
            elif argument.lower().endswith(RECORD_SUFFIXES):
                yield from self._record_file(argument)
            else:
                for path in expand_inputs([argument]):
                    yield from self._extracted(path)

    def findings(self, document: Document) -> list[dict]:
        failures: list[RuleFailure] = []
        found = list(check_document(document, self.rules, failures))
        for failure in failures:
            self.tell(f"{document.path or document.doc}: {failure} (please report this; other rules still ran)")
        self.failures.extend(failures)
        for item in found:
            self.counts[item["severity"]] += 1
        return found

    def _record_file(self, path: str) -> Iterator[Document]:
        try:
            handle = open(path, encoding="utf-8")
        except OSError as error:
            self._unreadable(path, error.strerror or str(error))
            return
        with handle:
            yield from self._checkable(group_documents(self._records(handle, path)))

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
                self._unreadable(source, "not UTF-8 text (expected JSON Lines records)")
                return
            number += 1
            try:
                yield from read_records([line], source)
            except ValueError as error:  # the message names the source; give the real line number
                self.unreadable += 1
                self.tell(str(error).replace(f"{source}: line 1:", f"{source}: line {number}:", 1))

    def _extracted(self, path: str) -> Iterator[Document]:
        result = extract_file(path)  # an unreadable file gives a document record saying why
        yield from self._checkable(group_documents(result.records))

    def _checkable(self, documents: Iterable[Document]) -> Iterator[Document]:
        for document in documents:
            if document.meta and document.meta.get("format") is None:
                problems = document.meta.get("problems") or [{"message": "could not be read"}]
                self._unreadable(document.path or document.doc, problems[0]["message"])
                continue
            yield document

    def _unreadable(self, source: str, message: str) -> None:
        self.unreadable += 1
        self.tell(f"{source}: {message}")
