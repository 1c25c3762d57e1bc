"""One report for the output of check, kpi, diff and summarize, in four formats.

A command hands its report the records of each document in turn
(``report.document(title, records)``) and closes it at the end.  What a person sees of
the records is the family's ``View``: the sections it shows them in (a heading, columns,
rows of cells) and the fields it writes to CSV.  The formats are written here, once:

- ``jsonl``: the records, one per line (kpi first passes on the document's own records);
- ``csv``: one header for the whole run, then a row per record;
- ``markdown``: a ``##`` section per document, a ``###`` one per table (tabulate's pipe tables);
- ``table``: rich tables on the terminal.

A view that shows the whole run as one table (a summary list, whose column widths
depend on every row) is ``whole_run``: its records are shown, under its ``caption``,
when the report closes.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from typing import IO, Iterable, Protocol

from .records import csv_row, dumps

FORMATS = ("jsonl", "csv", "markdown", "table")

# A finding's box by severity (RGB: red, orange, grey), on an annotated PDF and in the HTML report.
SEVERITY_RGB = {"error": (220, 38, 38), "warning": (234, 138, 0), "info": (128, 128, 128)}


@dataclass(frozen=True)
class Column:
    name: str
    right: bool = False  # numbers, set right
    terminal: bool = True  # shown on the terminal too (else in Markdown only)
    no_wrap: bool = False
    ratio: int | None = None  # a share of the terminal's width


@dataclass
class Cell:
    """A cell's text, and the rich style it takes on a terminal."""

    text: str
    style: str | None = None


@dataclass
class Section:
    heading: str | None  # None: the document's title is the table's
    columns: list[Column]
    rows: list[list[str | Cell]] = field(default_factory=list)


class View(Protocol):
    """What one family of records shows a person and a spreadsheet."""

    empty: str  # what a document without records has none of: "findings", "kpi", "changes"
    fields: tuple[str, ...]  # the CSV columns
    whole_run: bool
    caption: str  # a whole-run view's title

    def sections(self, title: str, records: list[dict], **context) -> list[Section]: ...

    def csv_row(self, record: dict) -> list[str]: ...


class BaseView:
    """Defaults: a section per document, CSV the record's fields."""

    empty = "records"
    fields: tuple[str, ...] = ()
    whole_run = False
    caption = ""

    def csv_row(self, record: dict) -> list[str]:
        return csv_row(record, self.fields)


class Report:
    def __init__(self, view: View):
        self.view = view
        self.held: list[dict] = []  # a whole-run view's records

    def document(self, title: str, records: list[dict], passed: Iterable[str] = (), **context) -> None:
        if self.view.whole_run:
            self.held.extend(records)
        else:
            self.write(title, records, passed, **context)

    def write(self, title: str, records: list[dict], passed: Iterable[str], **context) -> None:
        raise NotImplementedError

    def close(self) -> None:
        if self.view.whole_run and self.held:
            self.write(self.view.caption, self.held, ())


class JsonlReport(Report):
    def __init__(self, view: View, out: IO[str], pass_on: bool = False):
        super().__init__(view)
        self.out, self.pass_on = out, pass_on

    def document(self, title: str, records: list[dict], passed: Iterable[str] = (), **context) -> None:
        self.write(title, records, passed)  # records go out as they come, whatever the view

    def write(self, title: str, records: list[dict], passed: Iterable[str], **context) -> None:
        if self.pass_on:
            for line in passed:
                self.out.write(line + "\n")
        for record in records:
            self.out.write(dumps(record) + "\n")
        self.out.flush()

    def close(self) -> None:
        pass


class CsvReport(Report):
    def __init__(self, view: View, out: IO[str]):
        super().__init__(view)
        self.writer = csv.writer(out, lineterminator="\n")
        self.writer.writerow(view.fields)

    def document(self, title: str, records: list[dict], passed: Iterable[str] = (), **context) -> None:
        self.write(title, records, passed)

    def write(self, title: str, records: list[dict], passed: Iterable[str], **context) -> None:
        for record in records:
            self.writer.writerow(self.view.csv_row(record))

    def close(self) -> None:
        pass


class MarkdownReport(Report):
    def __init__(self, view: View, out: IO[str]):
        super().__init__(view)
        self.out = out

    def write(self, title: str, records: list[dict], passed: Iterable[str], **context) -> None:
        from tabulate import tabulate

        self.out.write(f"## {title}\n\n")
        sections = self.view.sections(title, records, **context)
        if not sections:
            self.out.write(f"No {self.view.empty}.\n\n")
        for section in sections:
            if section.heading:
                self.out.write(f"### {section.heading}\n\n")
            rows = [[_text(cell).replace("|", "\\|") for cell in row] for row in section.rows]
            self.out.write(tabulate(rows, headers=[c.name for c in section.columns], tablefmt="pipe",
                                    disable_numparse=True,
                                    colalign=["right" if c.right else "left" for c in section.columns]))
            self.out.write("\n\n")


class TableReport(Report):
    def __init__(self, view: View, console):
        super().__init__(view)
        self.console = console

    def write(self, title: str, records: list[dict], passed: Iterable[str], **context) -> None:
        from rich.table import Table

        sections = self.view.sections(title, records, **context)
        if not sections:
            self.console.print(f"[bold]{title}[/bold]: no {self.view.empty}", markup=True, highlight=False)
            return
        if any(section.heading for section in sections):
            self.console.print(f"[bold]{title}[/bold]", markup=True, highlight=False)
        for section in sections:
            shown = [index for index, column in enumerate(section.columns) if column.terminal]
            view = Table(title=section.heading or title, title_justify="left")
            for index in shown:
                column = section.columns[index]
                view.add_column(column.name, justify="right" if column.right else "left", overflow="fold",
                                no_wrap=column.no_wrap, ratio=column.ratio)
            for row in section.rows:
                view.add_row(*(_styled(row[index]) for index in shown))
            self.console.print(view)


def make_report(fmt: str, view: View, out: IO[str], pass_on: bool = False) -> Report:
    """The report for ``--format`` (``auto`` resolved by the command)."""
    if fmt == "table":
        from rich.console import Console

        return TableReport(view, Console(highlight=False))
    if fmt == "markdown":
        return MarkdownReport(view, out)
    if fmt == "csv":
        return CsvReport(view, out)
    return JsonlReport(view, out, pass_on)


def _text(cell: str | Cell) -> str:
    return cell.text if isinstance(cell, Cell) else cell


def _styled(cell: str | Cell) -> str:
    return f"[{cell.style}]{cell.text}[/]" if isinstance(cell, Cell) and cell.style else _text(cell)


def figure_text(value) -> str:
    """A finding's expected or actual figure for a person, ``—`` for none, however the
    record gives it (a Decimal, or an integer read from JSON)."""
    from decimal import Decimal

    from .amounts import amount_text

    return "—" if value is None else amount_text(Decimal(str(value)))


def boxes_by_page(finding: dict) -> dict[int, list[tuple[float, float, float, float]]]:
    """Where a finding is drawn, page by page in the order first met: the boxes of its
    ``places`` (each cell and sentence it compares), else its row's or sentence's ``bbox``."""
    places = finding.get("places") or ([{"page": finding["page"], "bbox": finding["bbox"]}]
                                       if finding.get("page") and finding.get("bbox") else [])
    pages: dict[int, list] = {}
    for place in places:
        pages.setdefault(int(place["page"]), []).append(tuple(float(value) for value in place["bbox"]))
    return pages
