"""How close is close enough: the one tolerance policy every rule uses.

A printed figure is rounded to its last printed digit, so it is only known to within half
a unit of that digit (half its *ulp*: 0.005 for ``994.81``, 0.5 for ``1310926`` 元).

* **Sums.** A total and its n parts, each rounded on its own, may differ by up to
  (n + 1) × ulp / 2 with nothing wrong.  Within that bound the difference is a rounding
  tail (DOMAIN.md §8), reported as ``info``; beyond it, a mismatch at the rule's severity.
  A total printed coarser than its parts (a 合计 to the 元 over parts to the 分: its row or
  column prints every figure as a whole number) is known to half its own ulp: 1,234,567
  over parts adding to 1,234,567.40 is a tail.
* **Restated figures.** The narrative repeating a table figure (or a table repeating
  another) must print the same number, rounded to its own precision; one unit of the
  last printed digit off is a tail (the two copies were rounded differently), more is
  a mismatch.
* **Percentages.** A printed percentage is right when some values of the amounts it is
  computed from, within their rounding, give it; one unit of its last digit beyond that
  is a tail (shares forced to add up to 100%), more is a mismatch.

No allowance is looser than the rounding the printed digits allow, so a real mismatch
is never hidden by tolerance; and none is tighter, so no tail is reported as an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable

from .amounts import UNIT_SCALE

EQUAL, TAIL, MISMATCH = "equal", "tail", "mismatch"
HUNDRED = Decimal(100)
_NUMBER_RE = re.compile(r"\d[\d,]*(?:\.\d+)?")


@dataclass(frozen=True)
class Verdict:
    status: str  # EQUAL, TAIL or MISMATCH
    difference: Decimal  # actual − expected
    allowance: Decimal  # the largest difference rounding explains

    def severity(self, mismatch: str = "error") -> str | None:
        """No finding when equal; ``info`` for a tail; ``mismatch`` (the rule's severity) beyond."""
        return {EQUAL: None, TAIL: "info"}.get(self.status, mismatch)


def compare_sum(total: Decimal, parts: Iterable[Decimal], ulp: Decimal, total_ulp: Decimal | None = None) -> Verdict:
    """A printed total against the sum of its printed parts, all printed to ``ulp`` but the
    total, printed to ``total_ulp`` when it is coarser."""
    parts = list(parts)
    difference = total - sum(parts, Decimal(0))
    allowance = (max(ulp, total_ulp or ulp) + ulp * len(parts)) / 2
    return _verdict(difference, allowance)


def compare_restated(printed: Decimal, source: Decimal, printed_ulp: Decimal) -> Verdict:
    """A figure restated from another place (``source``) and printed to ``printed_ulp``."""
    difference = printed - source
    if abs(difference) * 2 <= printed_ulp:  # correctly rounded to the printed precision
        return Verdict(EQUAL, difference, printed_ulp / 2)
    return _verdict(difference, printed_ulp, exact_is_equal=False)


def compare_percent(printed: Decimal, numerator: Decimal, denominator: Decimal, amount_ulp: Decimal,
                    printed_text: str | None = None) -> Verdict | None:
    """A printed percentage against numerator / denominator × 100 (None when the base is 0)."""
    if denominator <= 0 or numerator < 0:
        return None
    percent_ulp = ulp_of_text(printed_text) if printed_text else ulp_of_values([printed])
    exact = numerator / denominator * HUNDRED
    half = amount_ulp / 2
    low = (numerator - half) / (denominator + half) * HUNDRED if numerator >= half else Decimal(0)
    high = (numerator + half) / (denominator - half) * HUNDRED if denominator > half else exact
    difference = printed - exact
    if low - percent_ulp / 2 <= printed <= high + percent_ulp / 2:
        return Verdict(EQUAL, difference, percent_ulp)
    beyond = min(abs(printed - low), abs(printed - high)) - percent_ulp / 2
    return Verdict(TAIL if beyond <= percent_ulp else MISMATCH, difference, percent_ulp)


def _verdict(difference: Decimal, allowance: Decimal, exact_is_equal: bool = True) -> Verdict:
    if difference == 0 and exact_is_equal:
        return Verdict(EQUAL, difference, allowance)
    return Verdict(TAIL if abs(difference) <= allowance else MISMATCH, difference, allowance)


def ulp_of_values(values: Iterable[Decimal | None], unit: str | None = "万元") -> Decimal:
    """The unit of the last printed digit of a set of values (in 万元 as records hold them),
    printed in ``unit``: the finest precision any of them shows."""
    scale = UNIT_SCALE.get(unit or "万元", 0)
    places = 0
    for value in values:
        if value is not None:
            places = max(places, -value.scaleb(-scale).normalize().as_tuple().exponent)
    return Decimal(1).scaleb(scale - places)


def ulp_of_text(text: str, value: Decimal | None = None) -> Decimal:
    """The ulp of a number as printed in ``text`` (``10.30`` → 0.01, ``4`` → 1): of the
    first number equal to ``value`` when given, else of the first number."""
    for literal in _NUMBER_RE.findall(text.replace(" ", "")):
        number = Decimal(literal.replace(",", ""))
        if value is None or number == value:
            places = len(literal.split(".")[1]) if "." in literal else 0
            return Decimal(1).scaleb(-places)
    return Decimal("0.01")
