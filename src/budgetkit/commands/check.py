"""``check``: records (JSON Lines) or documents in, findings out, one document at a time."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import IO, Callable, Iterator

from ..checks import Document, check_document
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

    def __post_init__(self):
        self.reader = InputReader(self.tell, self.use_cache)

    @property
    def unreadable(self) -> int:
        return self.reader.unreadable

    def documents(self, arguments: list[str], stdin: IO[str]) -> Iterator[Document]:
        """Every readable document of the inputs (see ``InputReader``)."""
        return self.reader.documents(arguments, stdin)

    def findings(self, document: Document) -> list[dict]:
        failures: list[RuleFailure] = []
        found = list(check_document(document, self.rules, failures))
        for failure in failures:
            self.tell(f"{document.path or document.doc}: {failure} (please report this; other rules still ran)")
        self.failures.extend(failures)
        for item in found:
            self.counts[item["severity"]] += 1
        return found
