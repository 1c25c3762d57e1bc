"""``change`` records for people and spreadsheets.

JSON Lines and CSV keep the records' order: headline figures, then tables in B's
order, rows in order.  The human views (a rich table on a terminal, Markdown) group
the changes by table and put the biggest movers first (by absolute difference); the
headline figures keep their fixed order (totals, then parts, 三公, staff).
"""

from __future__ import annotations

import csv
from typing import IO

from rich.console import Console
from rich.table import Table
from tabulate import tabulate

from ..amounts import format_decimal
from ..records import csv_row, dumps
from .changes import FIELDS
from .compare import Comparison

_NUMERIC = ("A", "B", "change", "%", "rate")
_STYLE = {"added": "green", "removed": "red", "changed": "yellow", "unchanged": "dim", "executed": "cyan"}


def write(comparison: Comparison, title: str, fmt: str, out: IO[str], header: bool = True) -> None:
    """The changes in a format: ``jsonl``, ``csv``, ``markdown`` or ``table`` (rich).  ``header``:
    the CSV header line (only before the first of several comparisons)."""
    if fmt == "table":
        print_table(comparison, title, Console(file=out, highlight=False))
    elif fmt == "markdown":
        write_markdown(comparison, title, out)
    elif fmt == "csv":
        write_csv(comparison, out, header)
    else:
        write_jsonl(comparison, out)


def write_jsonl(comparison: Comparison, out: IO[str]) -> None:
    for item in comparison.changes:
        out.write(dumps(item) + "\n")


def write_csv(comparison: Comparison, out: IO[str], header: bool = True) -> None:
    writer = csv.writer(out, lineterminator="\n")
    if header:
        writer.writerow(FIELDS)
    for item in comparison.changes:
        writer.writerow(csv_row(item, FIELDS))


def write_markdown(comparison: Comparison, title: str, out: IO[str]) -> None:
    out.write(f"## {title}\n\n")
    if not comparison.changes:
        out.write("No changes.\n\n")
    for heading, items, execution in _groups(comparison):
        headline = items[0]["table"] is None
        out.write(f"### {heading}\n\n")
        rows = [[cell.replace("|", "\\|") for cell in _cells(item, execution, headline)] for item in items]
        headers = _headers(execution, headline)
        align = ["right" if header in _NUMERIC else "left" for header in headers]
        out.write(tabulate(rows, headers=headers, tablefmt="pipe", disable_numparse=True, colalign=align))
        out.write("\n\n")


def print_table(comparison: Comparison, title: str, console: Console) -> None:
    if not comparison.changes:
        console.print(f"[bold]{title}[/bold]: no changes", markup=True, highlight=False)
        return
    console.print(f"[bold]{title}[/bold]", markup=True, highlight=False)
    for heading, items, execution in _groups(comparison):
        headline = items[0]["table"] is None
        view = Table(title=heading, title_justify="left")
        for header in _headers(execution, headline):
            view.add_column(header, justify="right" if header in _NUMERIC else "left", overflow="fold",
                            no_wrap=header not in ("name", "column", "figure"), ratio=2 if header == "name" else None)
        for item in items:
            cells = _cells(item, execution, headline)
            cells[-1] = f"[{_STYLE[item['status']]}]{cells[-1]}[/]"
            view.add_row(*cells)
        console.print(view)


def _groups(comparison: Comparison):
    """(heading, changes, whether rates are shown): the headline figures in their order,
    then each table (each side of a 收支 table) with its biggest movers first."""
    execution = any(item["status"] == "executed" for item in comparison.changes)
    groups: dict[tuple, list[dict]] = {}
    for item in comparison.changes:
        groups.setdefault((item["table"], item["side"]), []).append(item)
    for (table, side), items in groups.items():
        if table is None:
            yield "headline figures", items, execution
        else:
            items = sorted(items, key=lambda item: -abs(item["difference"]))
            where = f"{table}, {side}" if side else table
            yield f"{comparison.titles.get(table, table)} ({where})", items, execution


def _headers(execution: bool, headline: bool) -> list[str]:
    where = ["name", "figure"] if headline else ["code", "name", "column"]
    return [*where, "A", "B", "change", "%", *(["rate"] if execution else []), "status"]


def _cells(item: dict, execution: bool, headline: bool) -> list[str]:
    unit = "" if item["unit"] == "万元" else f" {item['unit']}"
    # a row whose column split was inferred from OCR text is marked: its figures are not printed fact
    name = item["name"] + (" (?)" if item["uncertain"] else "")
    cells = [name, item["column"]] if headline else [item["code"] or "", name, item["column"]]
    cells += [
        format_decimal(item["a"]) + unit if item["a"] is not None else "",
        format_decimal(item["b"]) + unit if item["b"] is not None else "",
        _signed(item["difference"]),
        _signed(item["percent"]) + "%" if item["percent"] is not None else "",
    ]
    if execution:
        cells.append(format_decimal(item["rate"]) + "%" if item["rate"] is not None else "")
    return cells + [item["status"]]


def _signed(value) -> str:
    return ("+" if value > 0 else "") + format_decimal(value)
