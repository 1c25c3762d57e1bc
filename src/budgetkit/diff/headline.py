"""The headline figures ``diff`` compares first, in the order it writes them.

Where each is read, and when a blank cell is 0, is the shared answer of figures.py
(the same figures ``kpi`` and ``summarize`` use); a document that prints none of a
figure's sources has no such figure, and the figure is then not compared.  Amounts are
in 万元, staff counts in 人.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..document import Document
from ..figures import headline


@dataclass(frozen=True)
class Figure:
    id: str
    label: str
    unit: str = "万元"


_AMOUNTS = (
    Figure("income", "收入合计"),
    Figure("total_expenditure", "支出合计"),
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
    Figure("operating_expenses", "机关运行经费"),
)
# A final account's 三公 预算数 (``*_budget``) beside its 决算数.
_BUDGETS = tuple(Figure(f.id + "_budget", f.label + "预算数") for f in _AMOUNTS[6:12])
FIGURES = (
    *_AMOUNTS, *_BUDGETS,
    Figure("staff_authorised", "编制人数", "人"),
    Figure("staff_in_service", "在职实有人数", "人"),
    Figure("staff_retired", "离退休人数", "人"),
)


def headline_figures(document: Document) -> dict[str, Decimal]:
    """Figure id → value for the figures the document gives (figures.py)."""
    found = headline(document)
    return {figure.id: found[figure.id].value for figure in FIGURES if figure.id in found}
