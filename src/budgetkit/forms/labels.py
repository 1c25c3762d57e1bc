"""The labels a performance form prints: indicator levels, goals, headers.

一级指标 and 二级指标 come from the national indicator framework (财政部 绩效指标体系), so
their wording is stable across provinces while their layout is not: a label may be
wrapped over lines (``社会效益指`` / ``标``, ``服务`` / ``对象`` / ``满意`` / ``度指`` / ``标``),
printed once for a group of rows, or printed in the middle of its group (a merged
cell).  The 二级 label tells which 一级 group a row belongs to when the 一级 cell is not
on that row.
"""

from __future__ import annotations

import re
from decimal import Decimal

from .text import fold

LEVEL1_RE = re.compile(r"^(产出|效益|满意度|成本)(?:指标?)?$")
# A bare 数量 or 质量 may be the tail of an indicator name, so the one-word 二级 labels
# need their 指标; the longer ones are read also when 指标 was cut off (社会效益 / 指标).
LEVEL2_RE = re.compile(
    r"^(?:(?:数量|质量|时效|成本)指标|(?:经济成本|社会成本|生态环境成本|经济效益|社会效益|生态效益"
    r"|可持续(?:影响)?|服务对象满意度?)(?:指标?)?)$"
)
# 二级 label → the 一级 group it belongs to.  成本指标 under 产出 is the pre-2021 template;
# 经济/社会/生态环境成本 are the 二级 labels of the newer 成本指标 group.
_FAMILY = [
    (re.compile(r"^(?:数量|质量|时效|成本)"), "产出"),
    (re.compile(r"^(?:经济成本|社会成本|生态环境成本)"), "成本"),
    (re.compile(r"^(?:经济效益|社会效益|生态效益|可持续)"), "效益"),
    (re.compile(r"^服务对象"), "满意度"),
]
# A goal heading: 长期目标 1：…, 年度目标 2：…, 年度绩效目标 3（20分）.
GOAL_RE = re.compile(r"^((?:长期|年度)(?:绩效)?目标)\s*(\d+)\s*[:：]?\s*(.*)$")
# The column header of the indicator grid.
HEADER_RE = re.compile(r"二级指标|三级指标|指标内容|指标名称")
# Pieces of the header printed on their own lines (年初目标 / 值（A）, 绩 / 效 / 标 / 准).
HEADER_PIECE_RE = re.compile(
    r"^(?:一级|二级|指标|一级指标|年初目标值?|值|[(（][AB][)）]|值[(（][AB][)）]|实际完成值?|完成值|得分|分值|权重|指标值"
    r"|绩效标准?|绩效标|标准|准|绩|效|标)$"
)
# A weight printed in brackets, whole or broken: （30分）, （30 / 分）.
WEIGHT_RE = re.compile(r"[(（]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]")
WEIGHT_PIECE_RE = re.compile(r"^[(（]\d*分?[)）]?$|^[(（]?\d*分[)）]$")


def level1_of(text: str) -> str | None:
    """The canonical 一级 label (产出指标…) when ``text`` is one, also truncated (``产出指``)."""
    match = LEVEL1_RE.match(fold(text))
    return match.group(1) + "指标" if match else None


def is_level2(text: str) -> bool:
    return bool(LEVEL2_RE.match(fold(text)))


def family(level2: str | None) -> str | None:
    """The 一级 group (产出/效益/满意度/成本) a 二级 label belongs to."""
    folded = fold(level2 or "")
    for pattern, name in _FAMILY:
        if pattern.match(folded):
            return name + "指标"
    return None


def weight_in(text: str) -> Decimal | None:
    """The weight a label prints (``年度目标 1（30分）`` → 30), or None."""
    match = WEIGHT_RE.search(fold(text))
    return Decimal(match.group(1)) if match else None
