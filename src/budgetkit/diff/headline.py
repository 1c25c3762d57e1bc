"""The headline figures ``diff`` compares first, in the order it writes them.

Where each is read, and when a blank cell is 0, is the shared answer of figures.py
(the same figures ``kpi`` and ``summarize`` use); a document that prints none of a
figure's sources has no such figure, and the figure is then not compared.  Amounts are
in 万元, staff counts in 人.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .. import keys
from ..document import Document
from ..figures import headline


@dataclass(frozen=True)
class Figure:
    id: str
    label: str  # keys.json's, with 预算数 for a final account's budget (``*_budget``)
    unit: str = "万元"


def _figure(key: str) -> Figure:
    base = key.removesuffix("_budget")
    return Figure(key, keys.label(base) + ("预算数" if base != key else ""), keys.unit(base))


_THREE_PUBLIC = ("three_public", *keys.THREE_PUBLIC_PARTS)
FIGURES = tuple(_figure(key) for key in (
    "income", "total_expenditure", "basic", "project", "personnel", "public", *_THREE_PUBLIC, "operating_expenses",
    *(key + "_budget" for key in _THREE_PUBLIC), "staff_authorised", "staff_in_service", "staff_retired"))


def headline_figures(document: Document) -> dict[str, Decimal]:
    """Figure id → value for the figures the document gives (figures.py)."""
    found = headline(document)
    return {figure.id: found[figure.id].value for figure in FIGURES if figure.id in found}
