"""``check``: records (JSON Lines) or documents in, findings out, one document at a time."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import IO, Callable, Iterator

from ..check import Document, check_document
from ..check.engine import RuleFailure
from ..check.findings import SEVERITY_RANK
from ..check.registry import Rule
from .inputs import Inputs


@dataclass
class CheckRun:
    """What a run met: findings by severity, inputs it could not read, rules that failed."""

    rules: list[Rule]
    tell: Callable[[str], None]  # one line on stderr
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SEVERITY_RANK, 0))
    failures: list[RuleFailure] = field(default_factory=list)
    inputs: Inputs = field(init=False)

    def __post_init__(self) -> None:
        self.inputs = Inputs(self.tell)

    def documents(self, arguments: list[str], stdin: IO[str]) -> Iterator[Document]:
        """Every document of the inputs (record files, ``-``, or documents extracted first)."""
        yield from self.inputs.documents(arguments, stdin)

    @property
    def unreadable(self) -> int:
        return self.inputs.unreadable

    def findings(self, document: Document) -> list[dict]:
        failures: list[RuleFailure] = []
        found = list(check_document(document, self.rules, failures))
        for failure in failures:
            self.tell(f"{document.path or document.doc}: {failure} (please report this; other rules still ran)")
        self.failures.extend(failures)
        for item in found:
            self.counts[item["severity"]] += 1
        return found
