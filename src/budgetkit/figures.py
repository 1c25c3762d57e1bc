"""The headline figures of one document, each with the place it was read from: the one
reader ``diff``, ``kpi`` and ``summarize`` share.

Tables come first: they are the document's own accounts, the prose only restates
them.  Each figure is read from the first place that prints it, in this order
(docs/schema.md, ``kpi`` and ``diff``):

- ``income``: the 合计 row (totals.py) of the income summary (收入总表), its 本年收入
  (``current_year``) column, else its ``total``.
- ``total_expenditure``, ``basic``, ``project``: the 合计 row of the expenditure summary
  (支出总表), else of the general-budget expenditure table.  A summary that splits
  项目支出 into 部门项目 and 公共项目 gives their sum.  ``basic`` and ``project`` then
  the 基本支出 / 项目支出 line of the 收支总表 (expenditure side).
- ``personnel`` (人员经费) and ``public`` (公用经费): the basic-expenditure table's
  人员经费 / 公用经费 columns or subtotal rows, else its economic classes
  (DOMAIN.md §3: 人员经费 = 301 + 303, 公用经费 = 302 + 310), else those columns of the
  general-budget expenditure table.
- ``three_public`` (“三公”经费) and its parts: the 三公 table.  A final account's are its
  决算数 (``*_actual``) columns, never its 预算数 ones, which give ``*_budget``.
- ``operating_expenses`` (机关运行经费): its own table, else the column of the 三公 table,
  else the prose.
- ``staff_*``: the headcounts of the prose (``staff`` records).

Blank or 0, decided here once: tables leave zero cells blank, so a blank cell in a row
that prints any amount is 0 (its source says ``(blank)``), and so is a 三公 part printed
on its own row with its amount blank; a row or table that prints nothing gives no figure;
a table printed ``empty`` with its note (``本部门没有…``) gives 0 for every figure read
from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .document import Document
from .keys import THREE_PUBLIC_PARTS, label as key_label, part_of
from .names import name_key
from .totals import ledger_total as total_row
from .templates import preference

ZERO = Decimal(0)
AMOUNTS = ("total_expenditure", "basic", "project", "personnel", "public", "three_public", *THREE_PUBLIC_PARTS,
           "operating_expenses")
STAFF = ("staff_in_service", "staff_authorised", "staff_retired")
# Functional-line tables, best first: the summary covers every fund, the others one.
LINE_TABLES = preference("functional_lines")

_STAFF_CATEGORIES = {"in_service": "staff_in_service", "authorised": "staff_authorised", "retired": "staff_retired"}


@dataclass(frozen=True)
class Figure:
    value: Decimal
    source: str  # where it was read: ``expenditure_summary[0].basic``, ``statement s109``

    def as_input(self) -> dict:
        return {"value": self.value, "from": self.source}


def headline(document: Document) -> dict[str, Figure]:
    """Every headline figure the document gives, by name (see the module docstring)."""
    found: dict[str, Figure] = {}
    found.update(_income(document))
    found.update(_expenditure(document))
    found.update(_personnel_public(document))
    found.update(three_public(document))
    operating = _operating_expenses(document)
    if operating is not None:
        found["operating_expenses"] = operating
    found.update(_staff(document))
    return found


def cell(row: dict | None, column: str) -> Figure | None:
    """One cell as a figure; blank counts as 0 only in a row that prints other amounts."""
    if row is None or column not in row["values"]:
        return None
    value = row["values"][column]
    where = f"{row['table']}[{row['index']}].{column}"
    if value is None:
        return Figure(ZERO, where + " (blank)") if _prints(row) else None
    return Figure(value, where)


def added(figures: list[Figure | None]) -> Figure | None:
    """The sum of the figures that are there (None when none is)."""
    present = [f for f in figures if f is not None]
    if not present:
        return None
    if len(present) == 1:
        return present[0]
    return Figure(sum((f.value for f in present), ZERO), " + ".join(f.source for f in present))


def functional_lines(document: Document) -> tuple[str, list[dict], Figure | None] | None:
    """The 类 rows of the first table that prints them, with that table's 合计."""
    for key in LINE_TABLES:
        table = document.table(key)
        if table is None:
            continue
        rows = document.rows.get(table["table"], [])
        classes = [r for r in rows if r.get("level") == "类" and r.get("code_kind") == "functional"
                   and r["values"].get("total") is not None and r.get("side") != "income"]
        if classes:
            total = cell(total_row(rows), "total") or added([cell(r, "total") for r in classes])
            return table["table"], classes, total
    return None


# --- expenditure -------------------------------------------------------------------------

def _income(document: Document) -> dict[str, Figure]:
    empty = _empty(document, "income_summary", ("current_year", "total"), "income")
    row = total_row(document.rows_of("income_summary"))
    figure = (cell(row, "current_year") or cell(row, "total")) if row is not None else None
    return empty or ({"income": figure} if figure is not None else {})


def _expenditure(document: Document) -> dict[str, Figure]:
    found: dict[str, Figure] = {}
    for key in ("expenditure_summary", "general_budget_expenditure"):
        for name, figure in _empty(document, key, ("total", "basic", "project"), "total_expenditure").items():
            found.setdefault(name, figure)
        row = total_row(document.rows_of(key))
        if row is None:
            continue
        project_parts = [c for c in row["values"] if re.fullmatch(r"project_[a-z]+", c)]
        candidates = {
            "total_expenditure": cell(row, "total"),
            "basic": cell(row, "basic"),
            # a summary splitting 项目支出 into 部门项目 and 公共项目 (东西湖) prints no project column
            "project": cell(row, "project") or added([cell(row, c) for c in project_parts]),
        }
        for name, figure in candidates.items():
            if figure is not None:
                found.setdefault(name, figure)
    for name in ("basic", "project"):
        line = _summary_line(document, key_label(name))
        if line is not None:
            found.setdefault(name, line)
    return found


def _empty(document: Document, key: str, columns: tuple[str, ...], total_name: str) -> dict[str, Figure]:
    """0 for each of ``columns`` an ``empty`` table has (its note says there is none);
    ``total`` is the figure ``total_name``."""
    table = document.table(key)
    if table is None or table["status"] != "empty":
        return {}
    printed = {column["key"] for column in table["columns"]}
    source = f"{table['table']} (empty, its note says there is none)"
    return {(total_name if column in ("total", "current_year") else column): Figure(ZERO, source)
            for column in columns if column in printed}


def _summary_line(document: Document, label: str) -> Figure | None:
    """A line of the 收支总表 expenditure side (``基本支出``, ``二、项目支出``)."""
    for key in ("income_expenditure_summary", "fiscal_summary"):
        for row in document.rows_of(key):
            if row.get("side") != "income" and name_key(row["name"]) == label:
                return cell(row, "total")
    return None


def _personnel_public(document: Document) -> dict[str, Figure]:
    rows = document.rows_of("basic_expenditure")
    found: dict[str, Figure] = {}
    total = total_row(rows)
    for name in ("personnel", "public"):
        figure = cell(total, name) if total is not None and total["values"].get(name) is not None else None
        found[name] = figure or _subtotal_row(rows, name) or _classes(rows, name) or _budget_column(document, name)
    return {name: figure for name, figure in found.items() if figure is not None}


def _budget_column(document: Document, name: str) -> Figure | None:
    """The 人员经费 / 公用经费 column of the general-budget expenditure table's 合计."""
    row = total_row(document.rows_of("general_budget_expenditure"))
    return cell(row, name) if row is not None else None


_CLASSES = {"personnel": ("301", "303"), "public": ("302", "310")}


def _subtotal_row(rows: list[dict], name: str) -> Figure | None:
    """The 人员经费合计 / 公用经费合计 row of a final account's basic-expenditure table."""
    for row in rows:
        if row.get("total") and key_label(name) in (row.get("name") or ""):
            return cell(row, "total")
    return None


def _classes(rows: list[dict], name: str) -> Figure | None:
    """人员经费 = 301 + 303, 公用经费 = 302 + 310 (DOMAIN.md §3), from the 类 rows printed."""
    first, second = _CLASSES[name]
    by_code = {row.get("code"): row for row in rows if row.get("code_kind") == "economic"}
    if first not in by_code:
        return None
    return added([cell(by_code[first], "total"), cell(by_code.get(second), "total")])


# --- 三公 -----------------------------------------------------------------------------------

def three_public(document: Document) -> dict[str, Figure]:
    """三公 and its parts; in a final account also their budget (``*_budget``)."""
    table = document.table("three_public")
    if table is None:
        return {}
    names = ("three_public", *THREE_PUBLIC_PARTS)
    final = document.kind == "final_account"
    if table["status"] == "empty":
        source = f"{table['table']} (empty, its note says there is none)"
        sides = (*names, *(n + "_budget" for n in names)) if final else names
        return {name: Figure(ZERO, source) for name in sides}
    rows = document.rows.get(table["table"], [])
    keys = {c["key"] for c in table["columns"]}
    found: dict[str, Figure] = {}
    for suffix, column_suffix in ((("", "_actual"), ("_budget", "_budget")) if final else (("", ""),)):
        def column(base: str) -> str | None:
            # a final account's actual falls back to the plain column, its budget never does
            if base + column_suffix in keys or suffix:
                return base + column_suffix if base + column_suffix in keys else None
            return base
        if keys & {column(p) for p in THREE_PUBLIC_PARTS}:  # one row, a column per part
            row = total_row(rows)
            subtotal = "three_public" if "three_public" in keys else "total"  # 合计 counting 会议费 and 培训费
            parts = {"three_public": cell(row, column(subtotal))}
            parts.update({p: cell(row, column(p)) for p in THREE_PUBLIC_PARTS})
        elif column("total") is not None:  # a row per part, amounts in one column
            parts = _part_rows(rows, column("total"))
        else:
            continue
        found.update({name + suffix: figure for name, figure in parts.items() if figure is not None})
    return found


def _part_rows(rows: list[dict], column: str) -> dict[str, Figure | None]:
    parts: dict[str, Figure | None] = {"three_public": cell(total_row(rows), column)}
    for row in rows:
        if row.get("total"):
            continue
        part = part_of(row.get("name"))
        if part in THREE_PUBLIC_PARTS and part not in parts:
            value = row["values"].get(column)
            parts[part] = Figure(value if value is not None else ZERO,
                                 f"{row['table']}[{row['index']}].{column}" + (" (blank)" if value is None else ""))
    return parts


# --- 机关运行经费, staff ----------------------------------------------------------------------

def _operating_expenses(document: Document) -> Figure | None:
    row = total_row(document.rows_of("operating_expenses"))
    if row is not None:
        figure = cell(row, "operating_expenses") or cell(row, "total")
        if figure is not None:
            return figure
    table = document.table("three_public")  # “三公”经费和机关运行经费预算表 (上海) prints it as a column
    if table is not None:
        row = total_row(document.rows.get(table["table"], []))
        figure = cell(row, "operating_expenses_actual") or cell(row, "operating_expenses")
        if figure is not None:
            return figure
    for statement in document.statements:
        if (statement.get("concept") == "operating_expenses" and statement.get("amount") is not None
                and statement.get("year") in (None, document.year)):
            return Figure(statement["amount"], f"statement {statement['id']}")
    return None


def _staff(document: Document) -> dict[str, Figure]:
    found: dict[str, Figure] = {}
    for staff in document.staff:
        name = _STAFF_CATEGORIES.get(staff.get("category"))
        if name and name not in found and staff.get("count") is not None:
            found[name] = Figure(Decimal(staff["count"]), f"staff {staff['category']} (statement {staff['statement']})")
    return found


def _prints(row: dict) -> bool:
    return any(value is not None for value in row["values"].values())

