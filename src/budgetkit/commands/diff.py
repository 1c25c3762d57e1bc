"""``diff``: two documents in (each a PDF/text document, or one document's records), their
``change`` records out."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice
from typing import IO, Callable, Iterator

from ..document import Document
from ..diff import Comparison, Threshold, compare
from .inputs import InputReader


class UsageError(ValueError):
    """The arguments cannot be compared as given (exit code 2)."""


@dataclass
class DiffRun:
    tell: Callable[[str], None]  # one line on stderr
    use_cache: bool = True  # for the documents it extracts itself
    inputs: InputReader = field(init=False)

    def __post_init__(self) -> None:
        self.inputs = InputReader(self.tell, self.use_cache)

    @property
    def unreadable(self) -> int:
        return self.inputs.unreadable

    def compare(self, argument_a: str, argument_b: str, stdin: IO[str], thresholds: list[str] | None,
                everything: bool) -> tuple[Document, Document, Comparison] | None:
        """The two documents and their comparison; None when either could not be read
        (the reason is already on stderr)."""
        try:
            threshold = Threshold.parse(thresholds)
        except ValueError as error:
            raise UsageError(str(error)) from None
        if argument_a == argument_b == "-":
            raise UsageError("only one of A and B can be '-' (stdin)")
        a = self.document(argument_a, stdin)
        b = self.document(argument_b, stdin)
        if a is None or b is None:
            return None
        return a, b, compare(a, b, threshold, everything)

    def pairs(self, argument: str, stdin: IO[str], thresholds: list[str] | None,
              everything: bool) -> Iterator[tuple[Document, Document, Comparison]]:
        """Every pair of documents in one stream: the same department's year before (a
        year-over-year diff) and its budget of the same year (execution), in stream order."""
        try:
            threshold = Threshold.parse(thresholds)
        except ValueError as error:
            raise UsageError(str(error)) from None
        pairing = Pairing()
        for document in self.inputs.documents([argument], stdin):
            for a in pairing.partners(document):
                yield a, document, compare(a, document, threshold, everything)

    def document(self, argument: str, stdin: IO[str]) -> Document | None:
        """The one document an argument holds.  Reading stops at the start of a second
        document, which is a usage error: diff compares one document with another."""
        before = self.inputs.unreadable
        found = list(islice(self.inputs.documents([argument], stdin), 2))
        if len(found) > 1:
            raise UsageError(f"{_source(argument)}: holds more than one document; give it alone to compare its "
                             f"documents pair by pair, or give one document's records "
                             f"(jq -c 'select(.doc==\"{found[0].doc}\")')")
        if not found:
            if self.inputs.unreadable == before:  # nothing was wrong, there was just nothing
                self.inputs.report(_source(argument), "no records")
            return None
        return found[0]


def _source(argument: str) -> str:
    return "<stdin>" if argument == "-" else argument


class Pairing:
    """Which earlier documents of a stream a document is compared with: the same
    department's document of the same kind the year before, and its budget of the same
    year when the document is a final account.  Only the last two years of each
    department are kept, so memory grows with the departments, not the documents."""

    def __init__(self) -> None:
        self.seen: dict[str, dict[tuple[str, int], Document]] = {}

    def partners(self, document: Document) -> list[Document]:
        department, year, kind = document.meta.get("department"), document.year, document.kind
        if not department or not year or not kind:
            return []
        mine = self.seen.setdefault(department, {})
        found = [mine[key] for key in ((kind, year - 1), ("budget", year)) if key in mine and key != (kind, year)]
        mine[(kind, year)] = document
        for key in [key for key in mine if key[1] < year - 1]:
            del mine[key]
        return found
