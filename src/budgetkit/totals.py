"""Which row of a table is its total (合计): one answer for every rule and analysis.

Extraction flags a row ``total`` when its name is a total of any kind (``合计``,
``人员经费合计``, ``本年收入合计``…, tables/hierarchy.py).  A table's own total is
narrower: in a ledger block (a table, or one block of a 决算 基本支出表) it is

1. the block's only uncoded flagged row (a 人员经费 block's ``人员经费合计``);
2. of several, the only one whose name is a grand total (``合计``, ``总计``,
   ``收入总计``…), never a subtotal such as ``人员经费合计``;
3. with no flagged row, a first row that prints amounts under no name and no code (the
   ``合计`` label lost to the layout), or the only row (a 三公 table of one line);
4. else none.

A sided table (收支总表: income | expenditure side by side) has a total per side:
:func:`side_total` applies the same rule to the rows of one side.
"""

from __future__ import annotations

from .names import fold

# Names of a whole table's (or side's) total, as printed, spaces removed.
GRAND_TOTAL_NAMES = frozenset({"合计", "总计", "合计数", "收入合计", "收入总计", "支出合计", "支出总计",
                               "本年收入合计", "本年支出合计"})


def is_grand_total(row: dict) -> bool:
    """A flagged, uncoded row named as a whole table's total."""
    return bool(row.get("total")) and not row.get("code") and _plain(row.get("name")) in GRAND_TOTAL_NAMES


def total_row(rows: list[dict]) -> dict | None:
    """The total of a ledger block (rules 1-4 of the module docstring)."""
    totals = [row for row in rows if row.get("total") and not row.get("code")]
    if len(totals) > 1:
        totals = [row for row in totals if is_grand_total(row)]
    if len(totals) == 1:
        return totals[0]
    if totals or not rows:
        return None
    first = rows[0]
    if len(rows) == 1 or (not _plain(first.get("name")) and not first.get("code") and _prints(first)):
        return first
    return None


def ledger_total(rows: list[dict]) -> dict | None:
    """The total of a ledger table: :func:`total_row` of its rows outside any side."""
    return total_row([row for row in rows if row.get("side") is None])


def side_total(rows: list[dict], side: str) -> dict | None:
    """The total of one side of a sided table (``income``, ``expenditure``)."""
    return total_row([row for row in rows if row.get("side") == side])


def _prints(row: dict) -> bool:
    return any(value is not None for value in row["values"].values())


def _plain(name: str | None) -> str:
    return fold(name or "")
