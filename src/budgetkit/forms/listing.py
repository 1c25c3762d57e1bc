"""A form that lists several projects, one block of rows each (重庆 表十二 市级一般性项目绩效目标表):

    序号 | 项目名称 | 当年财政拨款预算金额 | 当年绩效目标 | 指标名称 | 指标性质 | 指标值 | 计量单位 | 指标权重(%)
    1    | 职业教育运转及发展项目 | 2,485.93 | 水电、管网安装不少于… | 水电、管网安装 | ≥ | 21000 | 平方米 | 30
         |                        |          |                       | 满足年度学生实习实训人次 | ≥ | 2500 | …

A project starts on the row that prints its name; the rows below it, up to the next
name, hold its other indicators.  Each project reads as a form of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..sources import Line
from .facts import Money, money
from .text import cell_text, fold, join_pieces

_NAME_RE = re.compile(r"^项目名称$")
_AMOUNT_RE = re.compile(r"金额|总额|预算数|当年预算")
_GOAL_RE = re.compile(r"绩效目标")
_INDICATOR_RE = re.compile(r"指标名称|三级指标|指标内容")


@dataclass
class ListedProject:
    name: str
    amount: Money | None
    goal: str | None
    lines: list[Line] = field(default_factory=list)  # the header, then the project's rows


def listed_projects(lines: list[Line]) -> list[ListedProject]:
    """The projects of a form that lists several, each with its rows; [] for a form of one."""
    header_at = next((i for i, line in enumerate(lines) if line.positional and _is_listing_header(line)), None)
    if header_at is None:
        return []
    labels = [fold(t) for t in lines[header_at].texts]
    name_at = next(i for i, label in enumerate(labels) if _NAME_RE.match(label))
    amount_at = next((i for i, label in enumerate(labels) if _AMOUNT_RE.search(label)), None)
    goal_at = next((i for i, label in enumerate(labels) if _GOAL_RE.search(label)), None)
    projects: list[ListedProject] = []
    for line in lines[header_at + 1:]:
        if not line.positional:
            continue
        name = _cell(line, name_at)
        if name:
            projects.append(ListedProject(name=join_pieces([name]), amount=money(_cell(line, amount_at)),
                                          goal=_cell(line, goal_at) or None, lines=[lines[header_at]]))
        if projects:
            projects[-1].lines.append(line)
    return projects


def _is_listing_header(line: Line) -> bool:
    """A header row that names projects and their indicators side by side."""
    labels = [fold(t) for t in line.texts]
    return any(_NAME_RE.match(label) for label in labels) and any(_INDICATOR_RE.search(label) for label in labels)


def _cell(line: Line, index: int | None) -> str:
    return cell_text(line.texts, index).strip()
