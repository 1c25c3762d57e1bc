"""Findings for people and spreadsheets: a rich table per document, Markdown, CSV.

JSON Lines (the default when piped) is written by records.py like every other record.
"""

from __future__ import annotations

import csv
from typing import IO

from rich.console import Console
from rich.table import Table
from tabulate import tabulate

from ..records import csv_row, dumps
from .findings import FIELDS, amount_text

_STYLE = {"error": "bold red", "warning": "yellow", "info": "dim"}
_COLUMNS = ("severity", "rule", "where", "message")


def where(finding: dict) -> str:
    """Page or line, then table and row or statement: ``p.3 basic_expenditure#12`` / ``L191 s20``."""
    parts = []
    if finding.get("page"):
        parts.append(f"p.{finding['page']}")
    elif finding.get("line"):
        parts.append(f"L{finding['line']}")
    if finding.get("table"):
        parts.append(finding["table"] + (f"#{finding['row'] + 1}" if finding.get("row") is not None else ""))
    for key in ("form", "statement"):
        if finding.get(key):
            parts.append(finding[key])
    return " ".join(parts)


class TableReport:
    """A rich table per document, on a terminal."""

    def __init__(self, console: Console):
        self.console = console

    def document(self, title: str, findings: list[dict]) -> None:
        if not findings:
            self.console.print(f"[bold]{title}[/bold]: no findings", markup=True, highlight=False)
            return
        view = Table(title=title, title_justify="left", show_lines=False)
        for column in _COLUMNS:
            view.add_column(column, overflow="fold")
        for item in findings:
            view.add_row(f"[{_STYLE[item['severity']]}]{item['severity']}[/]", item["rule"], where(item),
                         item["message"])
        self.console.print(view)

    def close(self) -> None:
        pass


class MarkdownReport:
    """A Markdown section per document (tabulate's pipe tables), for issues and mail."""

    def __init__(self, out: IO[str]):
        self.out = out

    def document(self, title: str, findings: list[dict]) -> None:
        self.out.write(f"## {title}\n\n")
        if not findings:
            self.out.write("No findings.\n\n")
            return
        rows = [(f["severity"], f["rule"], where(f), f["message"].replace("|", "\\|"),
                 amount_text(f["expected"]) if f["expected"] is not None else "",
                 amount_text(f["actual"]) if f["actual"] is not None else "") for f in findings]
        self.out.write(tabulate(rows, headers=("severity", "rule", "where", "message", "expected", "actual"),
                                tablefmt="pipe", disable_numparse=True))
        self.out.write("\n\n")

    def close(self) -> None:
        pass


class CsvReport:
    """Every finding field as a CSV column, one header for the whole run."""

    def __init__(self, out: IO[str]):
        self.writer = csv.writer(out, lineterminator="\n")
        self.writer.writerow(FIELDS)

    def document(self, title: str, findings: list[dict]) -> None:
        for item in findings:
            self.writer.writerow(csv_row(item, FIELDS))

    def close(self) -> None:
        pass


class JsonlReport:
    def __init__(self, out: IO[str]):
        self.out = out

    def document(self, title: str, findings: list[dict]) -> None:
        for item in findings:
            self.out.write(dumps(item) + "\n")
        self.out.flush()

    def close(self) -> None:
        pass


def rules_markdown(rows: list[tuple[str, str, str]]) -> str:
    """The rule list as a Markdown table (docs/rules.md is this, for the default rules)."""
    return tabulate(rows, headers=("rule", "family", "checks"), tablefmt="pipe", disable_numparse=True)
