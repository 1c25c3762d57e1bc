"""The 近两年收支金额 block of a 部门整体 form: this year's and earlier years' money.

The block prints, per subject (财政拨款, 其他资金, 合计 under 收入构成; 基本支出, 项目支出,
合计 under 支出构成), the current amount, its share of the total, then one column per
earlier year (``2020年``, ``2021年``).  A blank cell stays blank: the columns are read by
position, which the text keeps as empty cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..amounts import parse_amount
from ..sources import Line
from .text import fold

_SIDES = {"收入构成": "income", "支出构成": "expenditure"}
_YEAR_RE = re.compile(r"(20\d{2})")


@dataclass
class HistoryValue:
    subject: str
    side: str | None
    year: int
    amount: Decimal | None
    share: Decimal | None  # percent, printed for the current year only
    line: Line


def read_history(lines: list[Line], current_year: int | None) -> list[HistoryValue]:
    start = next((i for i, line in enumerate(lines) if "近两年" in fold(line.text)), None)
    if start is None or current_year is None:
        return []
    years: list[int] = []
    side = None
    values: list[HistoryValue] = []
    for line in lines[start + 1:]:
        folded = fold(line.text)
        if folded in _SIDES:
            side = _SIDES[folded]
            continue
        if side is None:
            years += [int(y) for y in _YEAR_RE.findall(folded)]
            continue
        row = _row(line, side, [current_year, *years])
        if row is None:
            break  # the block ends with the first line that is not a subject row
        values.extend(row)
    return values


def _row(line: Line, side: str, years: list[int]) -> list[HistoryValue] | None:
    texts = [t.strip() for t in line.texts]
    if not texts or not re.match(r"^[\u4e00-\u9fff]+$", texts[0]) or len(texts) < 2:
        return None
    cells = texts[1:] + [""] * (len(years) + 1 - len(texts[1:]))
    current, share, earlier = cells[0], cells[1], cells[2:2 + len(years) - 1]
    printed = [current, *earlier]
    if any(t and parse_amount(t) is None for t in printed):
        return None
    share_value = parse_amount(share.rstrip("%")) if share.endswith("%") else None
    return [
        HistoryValue(texts[0], side, year, parse_amount(text), share_value if year == years[0] else None, line)
        for year, text in zip(years, printed)
    ]
