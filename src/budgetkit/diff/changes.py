"""The ``change`` record: one figure in two documents (docs/schema.md, ``change``).

Differences are exact (Decimal); the percent change and the execution rate are
computed exactly and rounded to 2 decimals only in the record.  Thresholds compare
the exact values, so a change of 4.995% is dropped by ``--threshold 5%``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

FIELDS = ("type", "doc", "doc_a", "doc_b", "table", "key", "side", "code", "name", "column", "unit", "a", "b",
          "difference", "percent", "rate", "status", "row_a", "row_b", "uncertain")
STATUSES = ("added", "removed", "changed", "unchanged", "executed")

_HUNDRED = Decimal(100)
_CENT = Decimal("0.01")


@dataclass(frozen=True)
class Threshold:
    """``--threshold``: drop changes smaller than ``amount`` 万元 and/or ``percent`` %."""

    amount: Decimal | None = None
    percent: Decimal | None = None

    @classmethod
    def parse(cls, values: list[str] | None) -> "Threshold":
        """``["10"]``, ``["5%"]`` or both; raises ValueError with a message for the user."""
        amount = percent = None
        for value in values or []:
            text = value.strip()
            is_percent = text.endswith("%")
            try:
                number = Decimal(text[:-1].strip() if is_percent else text)
            except InvalidOperation:
                raise ValueError(f"--threshold {value!r}: give an amount in 万元 (10) or a percentage (5%)") from None
            if not number.is_finite() or number < 0:
                raise ValueError(f"--threshold {value!r}: must be a number ≥ 0")
            if is_percent:
                percent = number
            else:
                amount = number
        return cls(amount, percent)

    def keeps(self, change: dict) -> bool:
        """Whether a change is at least as large as every threshold given.  A change from
        nothing has no percent and passes a percent threshold; headcounts are not 万元 and
        pass an amount threshold."""
        difference = abs(change["difference"])
        if self.amount is not None and change["unit"] == "万元" and difference < self.amount:
            return False
        base = abs(change["a"] or 0)
        if self.percent is not None and base and difference * _HUNDRED / base < self.percent:
            return False
        return True


@dataclass(frozen=True)
class Pair:
    """Where the two values come from: the documents, and the table row of each."""

    doc_a: str
    doc_b: str
    table: str | None
    key: str
    row_a: dict | None = None
    row_b: dict | None = None


def change(pair: Pair, column: str, name: str, a: Decimal | None, b: Decimal | None, *, unit: str = "万元",
           execution: str | None = None) -> dict:
    """One change record.  ``execution`` is ``"a"`` or ``"b"``, the document that is the
    budget, when a budget is compared with its final account; the rate is then actual /
    budget.  A blank cell counts as 0 in the difference; the percent change is null from a
    zero (or blank) base."""
    difference = (b or 0) - (a or 0)
    status = _status(pair, difference, execution is not None and unit == "万元")
    rate = None
    if status == "executed":
        budget, actual = (a, b) if execution == "a" else (b, a)
        rate = _percent(actual or 0, budget)
    row = pair.row_b or pair.row_a or {}
    return {
        "type": "change", "doc": pair.doc_b, "doc_a": pair.doc_a, "doc_b": pair.doc_b, "table": pair.table,
        "key": pair.key, "side": row.get("side"), "code": row.get("code"), "name": name, "column": column,
        "unit": unit, "a": a, "b": b, "difference": difference, "percent": _percent(difference, a), "rate": rate,
        "status": status,
        "row_a": pair.row_a["index"] if pair.row_a else None, "row_b": pair.row_b["index"] if pair.row_b else None,
        "uncertain": bool((pair.row_a or {}).get("uncertain") or (pair.row_b or {}).get("uncertain")),
    }


def _status(pair: Pair, difference: Decimal, executed: bool) -> str:
    """A table row only in B is added, only in A removed (headline figures are only
    compared when both documents print them)."""
    if pair.table is not None and pair.row_a is None:
        return "added"
    if pair.table is not None and pair.row_b is None:
        return "removed"
    if executed:
        return "executed"
    return "changed" if difference else "unchanged"


def _percent(part: Decimal, whole: Decimal | None) -> Decimal | None:
    """part / whole in percent, rounded to 2 decimals; None from a zero or blank base."""
    if not whole:
        return None
    return (part * _HUNDRED / whole).quantize(_CENT, rounding=ROUND_HALF_UP)
