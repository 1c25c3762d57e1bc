"""Reading an indicator value as printed: ``≥5000 人次``, ``》95%``, ``不低于…的 5%``, ``有效提升``.

A value becomes an operator, a number and a unit when it holds a number, else it is kept
as qualitative text.  Documents type the comparison in many ways: ``》`` is a mis-typed
``≥`` (the full-width angle bracket sits on the same key), ``﹥`` a small-form ``>``, and
words (``不低于``, ``不超过``, ``以内``) say the same as the signs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..amounts import normalise_text

# Sign or word → operator.  Longer words first so 不低于 is not read as 低于.
_OPERATORS = [
    ("大于等于", ">="), ("不低于", ">="), ("不少于", ">="), ("至少", ">="), ("》", ">="), ("≥", ">="), ("≧", ">="), ("⩾", ">="),
    (">=", ">="),
    ("小于等于", "<="), ("不高于", "<="), ("不超过", "<="), ("不大于", "<="), ("最多", "<="), ("≤", "<="), ("≦", "<="), ("⩽", "<="),
    ("<=", "<="),
    ("大于", ">"), ("高于", ">"), ("超过", ">"), (">", ">"),
    ("小于", "<"), ("低于", "<"), ("<", "<"),
    ("=", "="),
]
_OPERATOR_RE = "|".join(re.escape(sign) for sign, _ in _OPERATORS)
# The number and what may be its unit right after it: %, a bracketed unit ``(平方米)``, or up
# to three CJK characters with an optional ``/个`` (``人次``, ``元/册``), cut to a known unit
# by ``_unit``; 以/内/足/底 start the words that follow a number without being its unit
# (30分钟以内, 100%足额, 12月底前).
_VALUE_RE = re.compile(
    rf"(?P<op>{_OPERATOR_RE})?\s*(?P<number>\d+(?:\.\d+)?)\s*"
    r"(?P<unit>[%‰]|[(（][^()（）\d]{1,6}[)）]|(?:(?![以及内足底])[\u4e00-\u9fff]){1,3}(?:/[\u4e00-\u9fff])?)?"
)
# Measure words a run of characters after a number starts with, longest first: in
# ``至少1次团体心理治疗`` the unit is 次, not 次团体.  A run that starts with none of them
# is kept whole (``0出错``).
_UNITS = sorted("""
    人次 万人次 人数 人 户 家 个 个月 件 份 万份 千份 册 万册 张 场 条 万条 次 天 日 周 月 年 小时 分钟 秒
    元 万元 亿元 平方米 万平方米 公里 米 吨 套 台 辆 所 项 篇 期 批 种 起 本 处 分
""".split(), key=len, reverse=True)
_AFTER_RE = re.compile(r"^(?:以上|及以上)")  # 95%以上
_BELOW_RE = re.compile(r"^(?:以内|以下|内|底前|前)")  # 30分钟以内, 30日内, 12月底前


@dataclass(frozen=True)
class Target:
    op: str | None
    value: Decimal | None
    unit: str | None
    text: str | None  # qualitative wording, when there is no number


def parse_target(printed: str | None) -> Target:
    """``≥5000 人次`` → (>=, 5000, 人次); ``100%`` → (=, 100, %); ``有效提升`` → text only."""
    if printed is None or not printed.strip():
        return Target(None, None, None, None)
    text = normalise_text(printed).replace("﹥", ">").replace("﹤", "<").strip()
    match = _VALUE_RE.search(text)
    if match is None:
        return Target(None, None, None, printed.strip())
    unit = _unit(match.group("unit"))
    after = text[match.start("unit") + len(unit):] if unit else text[match.end():]
    unit = unit.strip("()（）") if unit else None
    after = after.lstrip("()（）").lstrip()
    op = _operator(match.group("op")) or _operator_before(text[:match.start()])
    if op is None and _AFTER_RE.match(after):
        op = ">="
    if op is None and _BELOW_RE.match(after):
        op = "<="
    return Target(op or "=", Decimal(match.group("number")), unit, None)


def _unit(raw: str | None) -> str | None:
    """The unit as printed (brackets kept, for the caller to find what follows it)."""
    if not raw or raw[0] in "%‰(（":
        return raw or None
    known = next((unit for unit in _UNITS if raw.startswith(unit)), None)
    if known is None:
        return raw
    slash = re.match(r"/[\u4e00-\u9fff]", raw[len(known):])
    return known + slash.group() if slash else known


def _operator(sign: str | None) -> str | None:
    return dict(_OPERATORS).get(sign) if sign else None


def _operator_before(prefix: str) -> str | None:
    """A word operator separated from the number by other words (不低于辖区…总数的 5%)."""
    for sign, op in _OPERATORS:
        if len(sign) > 1 and sign in prefix:
            return op
    return None
