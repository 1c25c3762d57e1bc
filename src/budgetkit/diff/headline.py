"""The headline figures of a document: what a reader compares first.

Each figure is read from the first place that prints it, in the order below; a
document where none does has no such figure (it is then not compared).  Amounts are
in 万元, staff counts in 人.  A table printed empty with a note (``本部门没有…``) gives 0
for the figures read from it.  In a final account the 决算数 (actual) columns are read.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..document import Document
from ..totals import ledger_total
from .names import name_key


@dataclass(frozen=True)
class Figure:
    id: str
    label: str
    unit: str = "万元"


FIGURES = (
    Figure("income", "收入合计"),
    Figure("expenditure", "支出合计"),
    Figure("basic", "基本支出"),
    Figure("project", "项目支出"),
    Figure("personnel", "人员经费"),
    Figure("public", "公用经费"),
    Figure("three_public", "“三公”经费"),
    Figure("abroad", "因公出国（境）费"),
    Figure("vehicles", "公务用车购置及运行费"),
    Figure("vehicle_purchase", "公务用车购置费"),
    Figure("vehicle_operation", "公务用车运行费"),
    Figure("reception", "公务接待费"),
    Figure("staff_authorised", "编制人数", "人"),
    Figure("staff_in_service", "在职实有人数", "人"),
    Figure("staff_retired", "离退休人数", "人"),
)

_THREE_PUBLIC_PARTS = ("abroad", "vehicles", "vehicle_purchase", "vehicle_operation", "reception")

Missing = object()  # no source prints the figure (unlike None: printed blank)


def headline_figures(document: Document) -> dict[str, Decimal | None]:
    """Figure id → value for the figures the document prints (None: printed blank)."""
    found = {
        "income": _total_cell(document, "income_summary", "current_year", "total"),
        "expenditure": _first(_total_cell(document, "expenditure_summary", "total"),
                              _total_cell(document, "general_budget_expenditure", "total")),
    }
    for part, label in (("basic", "基本支出"), ("project", "项目支出")):
        found[part] = _first(_total_cell(document, "expenditure_summary", part),
                             _total_cell(document, "general_budget_expenditure", part),
                             _summary_line(document, label))
    found |= _personnel_public(document)
    found |= _three_public(document)
    found |= _staff(document)
    return {figure.id: found[figure.id] for figure in FIGURES if found.get(figure.id, Missing) is not Missing}


def _first(*values):
    return next((value for value in values if value is not Missing), Missing)


def _total_cell(document: Document, key: str, *columns: str):
    """A column of the table's 合计 row: the first of ``columns`` the table has."""
    table = document.table(key)
    if table is None:
        return Missing
    keys = {column["key"] for column in table["columns"]}
    column = next((c for c in columns if c in keys), None)
    if column is None:
        return Missing
    if table["status"] == "empty":
        return Decimal(0)
    row = ledger_total(document.rows_of(key))
    return Missing if row is None else row["values"].get(column)


def _summary_line(document: Document, label: str):
    """A line of the 收支总表 expenditure side (``基本支出``, ``二、项目支出``)."""
    for key in ("income_expenditure_summary", "fiscal_summary"):
        for row in document.rows_of(key):
            if row.get("side") != "income" and name_key(row["name"]) == label:
                return row["values"].get("total")
    return Missing


def _personnel_public(document: Document) -> dict:
    """人员经费 and 公用经费: the columns of that name on the basic-expenditure (or general
    budget) 合计 row, else the rows 人员经费合计 / 公用经费合计, else the economic classes
    (人员经费 = 301 + 303, 公用经费 = 302 + 310; DOMAIN.md §3)."""
    found = {}
    for part, label, classes in (("personnel", "人员经费合计", ("301", "303")),
                                 ("public", "公用经费合计", ("302", "310"))):
        found[part] = _first(_total_cell(document, "basic_expenditure", part),
                             _total_cell(document, "general_budget_expenditure", part),
                             _named_total(document, "basic_expenditure", label),
                             _class_sum(document, "basic_expenditure", classes))
    return found


def _named_total(document: Document, key: str, label: str):
    for row in document.rows_of(key):
        if row.get("total") and name_key(row["name"]) == label:
            return row["values"].get("total")
    return Missing


def _class_sum(document: Document, key: str, codes: tuple[str, ...]):
    values = [row["values"].get("total") for row in document.rows_of(key) if row.get("code") in codes]
    printed = [value for value in values if value is not None]
    if not values:
        return Missing
    return sum(printed, Decimal(0)) if printed else None


def _three_public(document: Document) -> dict:
    """The “三公”经费 table, printed either as columns (one row, a column per part) or as
    rows (a row per part, the amount in one column)."""
    table = document.table("three_public")
    if table is None:
        return {}
    if table["status"] == "empty":
        return dict.fromkeys(("three_public", *_THREE_PUBLIC_PARTS), Decimal(0))
    keys = {column["key"] for column in table["columns"]}
    suffixes = ("_actual", "", "_budget") if document.kind == "final_account" else ("", "_budget", "_actual")

    def column(base: str) -> str | None:
        return next((base + s for s in suffixes if base + s in keys), None)

    rows = document.rows_of("three_public")
    if any(column(part) for part in _THREE_PUBLIC_PARTS):
        row = next((r for r in rows if any(r["values"].get(k) is not None for k in keys)), None)
        if row is None:
            return {}
        # ``three_public`` is the 三公 subtotal of tables whose 合计 also counts 会议费, 培训费.
        total = column("three_public") or column("total")
        found = {"three_public": row["values"].get(total)} if total else {}
        return found | {part: row["values"].get(column(part)) for part in _THREE_PUBLIC_PARTS if column(part)}
    amount = column("total")
    if amount is None:
        return {}
    found = {}
    for row in rows:
        part = "three_public" if row.get("total") else _part_of(name_key(row["name"]))
        if part and part not in found:
            found[part] = row["values"].get(amount)
    return found


def _part_of(name: str) -> str | None:
    """The 三公 part a row name prints (``2.公务用车购置及运行维护费`` → vehicles)."""
    if "出国" in name:
        return "abroad"
    if "接待" in name:
        return "reception"
    if "购置和运行" in name:
        return "vehicles"
    if "公务用车" in name and "购置" in name:
        return "vehicle_purchase"
    if "公务用车" in name and "运行" in name:
        return "vehicle_operation"
    return None


def _staff(document: Document) -> dict:
    """Headcounts the prose states (``staff`` records), the first of each category."""
    found = {}
    for record in document.staff:
        figure = "staff_" + record["category"]
        found.setdefault(figure, record["count"])
    return found
