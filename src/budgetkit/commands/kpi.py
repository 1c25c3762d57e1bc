"""``kpi``: records or documents in; the records passed on, each document followed by its kpi records."""

from __future__ import annotations

from typing import IO, Callable, Iterator


from ..checks import Document
from ..kpi import kpi_records
from ..measures.history import History
from ..kpi.report import KpiView
from ..report import make_report
from .inputs import InputReader, is_unreadable, record_text


class KpiRun:
    def __init__(self, tell: Callable[[str], None], use_cache: bool = True, jobs: int = 1):
        self.tell = tell
        self.reader = InputReader(tell, use_cache, jobs)
        self.history = History()
        self.failures = 0

    @property
    def unreadable(self) -> int:
        return self.reader.unreadable + self.failures

    def documents(self, inputs: list[str], stdin: IO[str]) -> Iterator[tuple[Document, list[dict]]]:
        """Each document with its kpi records; an unreadable one (reported) with none, so
        that its record is still passed on."""
        for document in self.reader.documents(inputs, stdin, keep_unreadable=True):
            yield document, [] if is_unreadable(document) else self._kpis(document)

    def _kpis(self, document: Document) -> list[dict]:
        try:
            return kpi_records(document, self.history)
        except Exception as error:  # noqa: BLE001 - a record of an unexpected shape: say so, go on
            self.failures += 1
            self.tell(f"{document.path or document.doc}: kpi failed: {type(error).__name__}: {error} "
                      "(records of an unexpected shape?); the other documents were still processed")
            return []


def passed_on(document: Document) -> Iterator[str]:
    """The document's records as read (JSON lines), but for earlier kpi records, which the
    new ones replace."""
    return (record_text(record) for record in document.records if record.get("type") != "kpi")


def kpi_report(fmt: str, only: bool, out: IO[str]):
    """The report for ``--format``: jsonl passes the records on (unless ``only``), the
    others show the kpi records."""
    return make_report(fmt, KpiView(), out, pass_on=not only)
