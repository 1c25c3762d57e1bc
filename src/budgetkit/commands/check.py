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
from .inputs import InputReader


@dataclass
class CheckRun:
    """What a run met: findings by severity, inputs it could not read, rules that failed."""

    rules: list[Rule]
    tell: Callable[[str], None]  # one line on stderr
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SEVERITY_RANK, 0))
    failures: list[RuleFailure] = field(default_factory=list)
    use_cache: bool = True  # for the documents it extracts itself
    baseline: frozenset[str] = frozenset()  # ids of findings already dealt with: left out
    left_out: int = 0
    not_annotated: int = 0  # PDFs whose annotated copy could not be written

    def __post_init__(self):
        self.reader = InputReader(self.tell, self.use_cache)

    @property
    def unreadable(self) -> int:
        return self.reader.unreadable

    def documents(self, arguments: list[str], stdin: IO[str]) -> Iterator[Document]:
        """Every readable document of the inputs (see ``InputReader``), the two files of
        one disclosure joined."""
        return joined_disclosures(self.reader.documents(arguments, stdin))

    def findings(self, document: Document) -> list[dict]:
        failures: list[RuleFailure] = []
        found = []
        for item in check_document(document, self.rules, failures):
            if item["id"] in self.baseline:
                self.left_out += 1
            else:
                found.append(item)
        for failure in failures:
            self.tell(f"{document.path or document.doc}: {failure} (please report this; other rules still ran)")
        self.failures.extend(failures)
        for item in found:
            self.counts[item["severity"]] += 1
        return found


    def annotate(self, document: Document, findings: list[dict], directory: str) -> None:
        """``--annotate``: an annotated copy of each PDF the document was read from (both
        files of a disclosure in two), with the findings about it."""
        from ..annotate import CannotAnnotate, annotate, annotated_path

        by_path: dict[str, list[dict]] = {document.path: []} if document.path else {}
        for item in findings:
            path = item.get("path") or document.path
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
