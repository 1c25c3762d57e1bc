"""What each headline kpi computes, from which named inputs: the one definition that
``kpi`` (its records) and ``summarize`` (its overviews) both use.

A measure is a formula over named amounts.  Values are computed with exact decimals and
rounded once, half up (四舍五入) as the documents print them: percentages and scores to 2
decimals, amounts per person to 4 (万元, i.e. to the 元).  Because a measure names its
inputs, a group of documents gets the same measure from the sums of its inputs
(``summarize --by``): a share of the group's totals, not an average of shares.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Callable, Mapping

from ..keys import THREE_PUBLIC_PARTS

HUNDRED = Decimal(100)
PERCENT, PER_PERSON, POINTS = "%", "万元/人", "分"
PLACES = {PERCENT: 2, PER_PERSON: 4, POINTS: 2}
GROWTH_FIGURES = ("total_expenditure", "basic", "project", "personnel", "public", "three_public", "operating_expenses")
# A formula's exact value from its inputs by name; None where it is undefined (÷ 0).
Exact = Callable[[Mapping[str, Decimal]], Decimal | None]


@dataclass(frozen=True)
class Measure:
    id: str
    formula: str
    inputs: tuple[str, ...]
    unit: str
    exact: Exact

    def value(self, values: Mapping[str, Decimal]) -> Decimal | None:
        """The rounded value, or None when the inputs do not define it (a zero divisor)."""
        exact = self.exact(values)
        return None if exact is None else rounded(exact, PLACES[self.unit])


def rounded(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def ratio(numerator: str, denominator: str, scale: Decimal = HUNDRED) -> Exact:
    def exact(values: Mapping[str, Decimal]) -> Decimal | None:
        if values[denominator] == 0:
            return None
        return values[numerator] * scale / values[denominator]
    return exact


def growth(current: str, previous: str) -> Exact:
    def exact(values: Mapping[str, Decimal]) -> Decimal | None:
        if values[previous] == 0:
            return None
        return (values[current] - values[previous]) * HUNDRED / values[previous]
    return exact


def _headline() -> dict[str, Measure]:
    measures = []
    for name in ("basic", "project", "personnel", "public", "three_public"):
        measures.append(Measure(f"share_{name}", f"{name} / total_expenditure × 100", (name, "total_expenditure"),
                                PERCENT, ratio(name, "total_expenditure")))
    for name in ("personnel", "three_public", "operating_expenses"):
        measures.append(Measure(f"{name}_per_staff", f"{name} / staff_in_service", (name, "staff_in_service"),
                                PER_PERSON, ratio(name, "staff_in_service", Decimal(1))))
    for name in GROWTH_FIGURES:
        previous = f"{name}_previous"
        measures.append(Measure(f"growth_{name}", f"({name} − {previous}) / {previous} × 100", (name, previous),
                                PERCENT, growth(name, previous)))
    for name in ("three_public", *THREE_PUBLIC_PARTS):
        budget = f"{name}_budget"
        measures.append(Measure(f"execution_{name}", f"{name} / {budget} × 100", (name, budget),
                                PERCENT, ratio(name, budget)))
    measures.append(Measure("execution_expenditure", "actual / budget × 100", ("actual", "budget"),
                            PERCENT, ratio("actual", "budget")))
    return {measure.id: measure for measure in measures}


# The document-level kpis, in the order kpi writes them; summarize shows and groups these.
HEADLINE = _headline()
# The same rate for one line of the narrative (支出决算 against 年初预算 of a 项, a project).
EXECUTION_RATE = Measure("execution_rate", "actual / budget × 100", ("actual", "budget"), PERCENT,
                         ratio("actual", "budget"))
