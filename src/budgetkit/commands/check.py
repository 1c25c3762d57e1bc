"""``check``: records (JSON Lines) or documents in, findings out, one document at a time."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import IO, Callable, Iterator

from ..checks import Document, check_document
from ..document import joined_disclosures
from ..checks.engine import RuleFailure
from ..records import SEVERITY_RANK
from ..checks.registry import Rule
from .check_jobs import checked_in_parallel, document_runs
from .inputs import InputReader, is_record_input


@dataclass
class Checked:
    """A document checked: its findings (before --baseline) and what names it in a report."""

    meta: dict
    path: str | None
    doc: str | None
    tables: int
    findings: list[dict]
    failures: list[str]  # rules that failed on it, one line each


def checked_document(document: Document, rules: list[Rule]) -> Checked:
    """The findings of ``rules`` on a document; a rule that fails on it is told, not fatal."""
    failures: list[RuleFailure] = []
    found = list(check_document(document, rules, failures))
    return Checked(document.meta, document.path, document.doc, len(document.tables), found,
                   [str(failure) for failure in failures])


@dataclass
class CheckRun:
    """What a run met: findings by severity, inputs it could not read, rules that failed."""

    rules: list[Rule]
    tell: Callable[[str], None]  # one line on stderr
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SEVERITY_RANK, 0))
    failures: int = 0  # rules that failed on a document
    use_cache: bool = True  # for the documents it extracts itself
    baseline: frozenset[str] = frozenset()  # ids of findings already dealt with: left out
    left_out: int = 0
    not_annotated: int = 0  # PDFs whose annotated copy could not be written
    jobs: int = 1  # worker processes: documents extracted, or checked from records, at a time

    def __post_init__(self):
        self.reader = InputReader(self.tell, self.use_cache, self.jobs)

    @property
    def unreadable(self) -> int:
        return self.reader.unreadable

    def checked(self, arguments: list[str], stdin: IO[str]) -> Iterator[Checked]:
        """Every readable document of the inputs (see ``InputReader``), the two files of
        one disclosure joined, checked: on ``jobs`` cores when the inputs are records."""
        if self.jobs > 1 and all(is_record_input(argument) for argument in arguments):
            runs = (run for argument in arguments for source, lines in self.reader.record_lines(argument, stdin)
                    for run in document_runs(source, lines, self.reader.broken))
            for result in checked_in_parallel(runs, self.rules, self.jobs):
                for line in result.broken:
                    self.reader.broken(line)
                for checked in result.checked:
                    yield self._told(checked)
            return
        for document in joined_disclosures(self.reader.documents(arguments, stdin)):
            yield self._told(checked_document(document, self.rules))

    def _told(self, checked: Checked) -> Checked:
        """The document's rule failures told, its findings in the baseline left out, the rest counted."""
        for failure in checked.failures:
            self.tell(f"{checked.path or checked.doc}: {failure} (please report this; other rules still ran)")
        self.failures += len(checked.failures)
        kept = []
        for item in checked.findings:
            if item["id"] in self.baseline:
                self.left_out += 1
            else:
                kept.append(item)
                self.counts[item["severity"]] += 1
        checked.findings = kept
        return checked

    def annotate(self, checked: Checked, findings: list[dict], directory: str) -> None:
        """``--annotate``: an annotated copy of each PDF the document was read from (both
        files of a disclosure in two), with the findings about it."""
        from ..annotate import CannotAnnotate, annotate, annotated_path

        by_path: dict[str, list[dict]] = {checked.path: []} if checked.path else {}
        for item in findings:
            path = item.get("path") or checked.path
            if path:  # a document built without a path has no file to annotate
                by_path.setdefault(path, []).append(item)
        for path, about in by_path.items():
            if not path.lower().endswith(".pdf"):
                self.tell(f"{path}: not a PDF, no pages to annotate")
                continue
            if not os.path.isfile(path):
                self.tell(f"{path}: not found, cannot be annotated (give check the PDF, or run it where "
                          f"extract ran)")
                self.not_annotated += 1
                continue
            try:
                annotate(path, about, annotated_path(directory, path))
            except CannotAnnotate as error:
                self.tell(str(error))
                self.not_annotated += 1


class BaselineError(Exception):
    """A baseline file that cannot be read: its path and what is wrong."""


def read_baseline(path: str) -> frozenset[str]:
    """The finding ids a baseline file lists: one per line, as finding records (the output
    of an earlier ``check``), JSON strings or bare ids; blank lines are skipped."""
    ids = set()
    try:
        with open(path, encoding="utf-8") as lines:
            for number, line in enumerate(lines, start=1):
                text = line.strip()
                if text:
                    ids.add(_baseline_id(text, f"{path}:{number}"))
    except (OSError, UnicodeDecodeError) as error:
        raise BaselineError(f"{path}: {getattr(error, 'strerror', None) or error}") from error
    return frozenset(ids)


def _baseline_id(text: str, where: str) -> str:
    if text.startswith(("{", '"')):
        try:
            value = json.loads(text)
        except ValueError:
            raise BaselineError(f"{where}: not JSON") from None
        value = value.get("id") if isinstance(value, dict) else value
        if not isinstance(value, str):
            raise BaselineError(f"{where}: no finding id (a finding record written by check, or an id)")
        return value
    return text
