"""``change`` records for people and spreadsheets.

JSON Lines and CSV keep the records' order: headline figures, then tables in B's
order, rows in order.  The human views (a rich table on a terminal, Markdown) group
the changes by table and put the biggest movers first (by absolute difference); the
headline figures keep their fixed order (totals, then parts, 三公, staff).
"""

from __future__ import annotations

from ..amounts import format_decimal
from ..report import BaseView, Cell, Column, Section
from .changes import FIELDS

_NUMERIC = ("A", "B", "change", "%", "rate")
_STYLE = {"added": "green", "removed": "red", "changed": "yellow", "unchanged": "dim", "executed": "cyan"}


class ChangesView(BaseView):
    """Changes by table, the headline figures first; ``titles`` (table id → title) come
    with each comparison."""

    empty = "changes"
    fields = FIELDS

    def sections(self, title: str, changes: list[dict], titles: dict | None = None, **context) -> list[Section]:
        sections = []
        for heading, items, execution in _groups(changes, titles or {}):
            headline = items[0]["table"] is None
            columns = [Column(header, right=header in _NUMERIC, no_wrap=header not in ("name", "column", "figure"),
                              ratio=2 if header == "name" else None) for header in _headers(execution, headline)]
            rows = []
            for item in items:
                cells: list = _cells(item, execution, headline)
                cells[-1] = Cell(cells[-1], _STYLE[item["status"]])
                rows.append(cells)
            sections.append(Section(heading, columns, rows))
        return sections


def _groups(changes: list[dict], titles: dict):
    """(heading, changes, whether rates are shown): the headline figures in their order,
    then each table (each side of a 收支 table) with its biggest movers first."""
    execution = any(item["status"] == "executed" for item in changes)
    groups: dict[tuple, list[dict]] = {}
    for item in changes:
        groups.setdefault((item["table"], item["side"]), []).append(item)
    for (table, side), items in groups.items():
        if table is None:
            yield "headline figures", items, execution
        else:
            items = sorted(items, key=lambda item: -abs(item["difference"]))
            where = f"{table}, {side}" if side else table
            yield f"{titles.get(table, table)} ({where})", items, execution


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
