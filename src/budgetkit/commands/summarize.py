"""``summarize``: records or documents in, an overview per document or per group out."""

from __future__ import annotations

import heapq
from typing import IO, Callable, Iterable, Iterator


from ..records import SEVERITIES
from ..measures.history import History
from ..figures import AMOUNTS, STAFF
from ..measures import HEADLINE
from ..summary import Groups, Summarized, count_findings, document_summary
from ..report import make_report
from ..summary.report import CardView, ListView
from .inputs import InputReader

SORT_KEYS = (*AMOUNTS, *STAFF, *HEADLINE, "errors", "documents")


class SummarizeRun:
    """Summaries of the documents of the inputs, one document at a time."""

    def __init__(self, tell: Callable[[str], None], lines: int = 5, use_cache: bool = True, jobs: int = 1):
        self.tell, self.lines = tell, lines
        self.reader = InputReader(tell, use_cache, jobs)
        self.history = History()
        # Findings that came as a run of their own (a findings file given before the records),
        # counted by document until its records come: three numbers per document.
        self.pending: dict[str, dict[str, int]] = {}
        self.findings_seen = False
        self.failures = 0

    @property
    def unreadable(self) -> int:
        return self.reader.unreadable + self.failures

    def summaries(self, inputs: list[str], stdin: IO[str]) -> Iterator[Summarized]:
        for document in self.reader.documents(inputs, stdin):
            if not document.meta and not document.tables:  # findings or kpis without their document
                if document.findings:
                    self.findings_seen = True
                    self.pending[document.doc] = _added(self.pending.get(document.doc),
                                                        count_findings(document.findings))
                continue
            findings = _added(count_findings(document.findings), self.pending.pop(document.doc, None))
            self.findings_seen = self.findings_seen or findings is not None
            if findings is None and self.findings_seen:  # the stream carries findings, none for this one
                findings = dict.fromkeys(SEVERITIES, 0)
            try:
                summarized = document_summary(document, self.lines, self.history, findings)
            except Exception as error:  # noqa: BLE001 - a record of an unexpected shape: say so, go on
                self.failures += 1
                self.tell(f"{document.path or document.doc}: summary failed: {type(error).__name__}: {error} "
                          "(records of an unexpected shape?); the other documents were still summarized")
                continue
            yield summarized
        if self.pending:
            self.tell(f"findings of {len(self.pending)} document(s) came without their records or after them "
                      "and were not counted: give the findings before the records "
                      "(budgetkit summarize findings.jsonl records.jsonl)")


def sort_value(summary: dict, key: str):
    if key in HEADLINE:
        return summary["kpi"].get(key)
    if key == "errors":
        return (summary["findings"] or {}).get("error")
    return summary.get(key)


def ranked(summaries: Iterable[dict], key: str, top: int | None) -> list[dict]:
    """Largest first, documents without the figure last; with ``top`` only that many are
    ever held (heapq.nlargest keeps a heap of ``top`` items)."""
    def order(summary: dict):
        value = sort_value(summary, key)
        return (value is not None, value if value is not None else 0)
    if top is not None:
        return heapq.nlargest(top, summaries, key=order)
    return sorted(summaries, key=order, reverse=True)


def grouped(summaries: Iterable[Summarized], by: str, lines: int) -> list[dict]:
    groups = Groups(by)
    for summarized in summaries:
        groups.add(summarized)
    return groups.records(lines)


def _added(first: dict[str, int] | None, second: dict[str, int] | None) -> dict[str, int] | None:
    if first is None or second is None:
        return first or second
    return {severity: first.get(severity, 0) + second.get(severity, 0) for severity in SEVERITIES}


def summary_report(fmt: str, listed: bool, caption: str, key: str | None, out: IO[str]):
    """Cards (a document at a time) or a list (groups, rankings) for people; CSV and JSON
    Lines write a row or record per summary either way."""
    return make_report(fmt, ListView(caption, key) if listed else CardView(), out)
