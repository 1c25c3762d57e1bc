"""Indicators from a form whose cells keep their columns: a ruled PDF grid, tab-separated text.

The columns are found from the header row (一级指标, 二级指标, 三级指标 or 指标内容, the
value columns); the header may take two lines (``项目近两年指标值`` over ``2022年 2023年``).
Where several value columns are printed (近两年, 当年, 长期), the current year's is the
target: 当年指标值 / 年度指标值 / 年初目标值 before a bare 指标值.  Some forms print the
target's operator and unit in columns of their own (重庆: 指标名称 | 指标性质 | 指标值 |
计量单位 | 指标权重): the target is the three read together (≥ 100 亿元).
"""

from __future__ import annotations

import re

from ..amounts import parse_amount
from ..sources import Line
from .labels import HEADER_RE, family, is_level2, level1_of
from .model import Grid, Indicator
from .text import cell_text, fold, join_pieces

# Column role → header patterns, most specific first.
_ROLES = {
    "level1": [r"一级指标"],
    "level2": [r"二级指标"],
    "name": [r"三级指标|指标内容|指标名称"],
    "target": [r"当年指标值|年度.*指标值|年初目标值|目标值", r"指标值"],
    "actual": [r"实际完成值|实际值|完成值"],
    "weight": [r"分值|权重"],
    "score": [r"得分"],
    "operator": [r"指标性质"],
    "unit": [r"计量.?单位"],
}


def is_grid(lines: list[Line]) -> bool:
    """Whether the form's indicator rows keep their cells in columns."""
    return any(line.positional and (_level2_column(line) is not None or _names_and_targets(line)) for line in lines)


def _names_and_targets(line: Line) -> bool:
    """A header of indicator names and their values without 二级指标 (重庆's forms)."""
    texts = [fold(t) for t in line.texts]
    return "指标名称" in texts and any(re.fullmatch(r"(?:当年|年度)?指标值", t) for t in texts)


def grid_indicators(lines: list[Line]) -> Grid:
    grid = Grid()
    start, columns = _columns(lines)
    if columns.get("name") is None:
        return grid
    level1 = level2 = None
    for line in lines[start:]:
        if not line.positional:
            continue  # a caption or the next form's title printed below the grid
        cells = [c.text.strip() for c in line.cells]
        name = join_pieces([cell_text(cells, columns["name"])])
        printed1 = level1_of(cell_text(cells, columns.get("level1")))
        printed2 = fold(cell_text(cells, columns.get("level2")))
        level1 = printed1 or level1
        level2 = printed2 if is_level2(printed2) else level2
        if not name or HEADER_RE.search(name) or re.fullmatch(r"\d{4}年", name):
            continue
        grid.indicators.append(Indicator(
            name=name,
            level1=level1,
            level2=level2,
            target=_target(cells, columns),
            actual=join_pieces([cell_text(cells, columns.get("actual"))]) or None,
            weight=parse_amount(cell_text(cells, columns.get("weight"))),
            score=parse_amount(cell_text(cells, columns.get("score"))),
            page=line.page,
            line=line.line_no,
            box=line.box,
        ))
    _settle_level1(grid.indicators)
    return grid


def _target(cells: list[str], columns: dict) -> str | None:
    """The target as printed, with its operator and unit where they have columns of their own."""
    value = join_pieces([cell_text(cells, columns.get("target"))])
    if not value:
        return None
    return cell_text(cells, columns.get("operator")) + value + cell_text(cells, columns.get("unit"))


def _columns(lines: list[Line]) -> tuple[int, dict]:
    """Where the rows start and the column of each role.

    Without a header (an OCR that lost it) the columns are inferred from the first row
    with a 二级 label: the name follows it, the target is the first value after the name.
    """
    header = _header_index(lines)
    if header is not None:
        labels = _header_labels(lines, header)
        return header + 1, {role: _column(labels, patterns) for role, patterns in _ROLES.items()}
    for index, line in enumerate(lines):
        level2 = _level2_column(line) if line.positional else None
        if level2 is None:
            continue
        texts = line.texts
        target = next((i for i in range(level2 + 2, len(texts)) if texts[i]), None)
        return index, {"level1": level2 - 1 if level2 else None, "level2": level2, "name": level2 + 1, "target": target}
    return len(lines), {}


def _level2_column(line: Line) -> int | None:
    return next((i for i, text in enumerate(line.texts) if fold(text).endswith("指标") and is_level2(fold(text))), None)


def _header_index(lines: list[Line]) -> int | None:
    for index, line in enumerate(lines):
        texts = [fold(t) for t in line.texts]
        if any("二级指标" in t for t in texts) and any(HEADER_RE.search(t) and "二级" not in t for t in texts):
            return index
        if line.positional and _names_and_targets(line):
            return index
    return None


def _header_labels(lines: list[Line], header: int) -> list[str]:
    """Header text per column, a second header line (the years, 当年指标值) added below."""
    labels = [fold(t) for t in lines[header].texts]
    if header + 1 < len(lines):
        below = [fold(t) for t in lines[header + 1].texts]
        if not any(level1_of(t) or is_level2(t) for t in below):
            labels += [""] * (len(below) - len(labels))
            labels = [above + (below[i] if i < len(below) else "") for i, above in enumerate(labels)]
    return labels


def _column(labels: list[str], patterns: list[str]) -> int | None:
    for pattern in patterns:
        for index, label in enumerate(labels):
            if re.search(pattern, label):
                return index
    return None


def _settle_level1(indicators: list[Indicator]) -> None:
    """一级 from the 二级 label where the merged 一级 cell is printed on another row.

    A merged cell is printed once, on the first or the middle row of its group, so the
    rows above it in the group have none; the 二级 label says which group they are in.
    """
    for row in indicators:
        row.level1 = family(row.level2) or row.level1
