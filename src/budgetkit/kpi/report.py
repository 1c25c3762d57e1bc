"""kpi records for people and spreadsheets: a rich table or Markdown section per document, CSV.

JSON Lines passes the input records on with the kpi records after each document's own,
so ``extract | kpi | summarize`` works; ``--only`` writes the kpi records alone.
"""

from __future__ import annotations

import csv
from typing import IO, Iterable

from rich.console import Console
from rich.table import Table
from tabulate import tabulate

from ..records import csv_row, dumps
from ..render import shown
from ..measures.record import FIELDS

_COLUMNS = ("kpi", "subject", "value", "unit", "printed", "formula")


def _row(record: dict) -> list[str]:
    printed = "" if record["printed"] is None else shown(record["printed"], record["unit"])
    return [record["kpi"], record["subject"] or "", shown(record["value"], record["unit"]), record["unit"],
            printed, record["formula"]]


class JsonlReport:
    def __init__(self, out: IO[str], only: bool):
        self.out, self.only = out, only

    def document(self, title: str, passed: Iterable[str], records: list[dict]) -> None:
        if not self.only:
            for line in passed:
                self.out.write(line + "\n")
        for record in records:
            self.out.write(dumps(record) + "\n")
        self.out.flush()

    def close(self) -> None:
        pass


class TableReport:
    def __init__(self, console: Console):
        self.console = console

    def document(self, title: str, passed: Iterable[str], records: list[dict]) -> None:
        if not records:
            self.console.print(f"[bold]{title}[/bold]: no kpi", markup=True, highlight=False)
            return
        view = Table(title=title, title_justify="left")
        for column in _COLUMNS:
            view.add_column(column, justify="right" if column in ("value", "printed") else "left", overflow="fold")
        for record in records:
            view.add_row(*_row(record))
        self.console.print(view)

    def close(self) -> None:
        pass


class MarkdownReport:
    def __init__(self, out: IO[str]):
        self.out = out

    def document(self, title: str, passed: Iterable[str], records: list[dict]) -> None:
        self.out.write(f"## {title}\n\n")
        if not records:
            self.out.write("No kpi.\n\n")
            return
        rows = [[cell.replace("|", "\\|") for cell in _row(record)] for record in records]
        self.out.write(tabulate(rows, headers=_COLUMNS, tablefmt="pipe", disable_numparse=True,
                                colalign=("left", "left", "right", "left", "right", "left")))
        self.out.write("\n\n")

    def close(self) -> None:
        pass


class CsvReport:
    """Every kpi field as a column; ``inputs`` as JSON."""

    def __init__(self, out: IO[str]):
        self.writer = csv.writer(out, lineterminator="\n")
        self.writer.writerow(FIELDS)

    def document(self, title: str, passed: Iterable[str], records: list[dict]) -> None:
        for record in records:
            self.writer.writerow(csv_row(record, FIELDS))

    def close(self) -> None:
        pass
