"""Goal / result tables that reach the prose as plain lines.

The key-work summary (``重点工作完成情况``) is a table of numbered rows, each a goal
(``目标内容``) in a narrow column beside what was done (``完成情况``).  Read as text, a row
comes out as its number alone on a line, the goal wrapped into short lines, then the
results as long lines::

    4
    资助低保、低收入等
    约 3300 名困难群众
    参保，实现应保尽保
    1.做好数据比对。积极对接区民政局、……

The goal is a target, not a claim, so its lines are left out of the prose; each row's
results become a paragraph of their own, headed by the goal they report on.

A table of key projects with their budget and goals (``项目 | 预算数（单位：万元） | 绩效目标``,
珠海) reads as its cells wrapped into one another, line by line: it is left out whole, up
to the next heading.
"""

from __future__ import annotations

import re

from ..sources import Line

_HEADER_RE = re.compile(r"(?:目标内容|工作目标|年度目标).*(?:完成情况|完成结果|实际完成)")
_ROW_RE = re.compile(r"^(?P<number>\d{1,3})(?=$|[\u4e00-\u9fff])")
_ENUMERATED_RE = re.compile(r"^(?:\d{1,2}[.、．]|[（(]\d{1,2}[)）])")
_END_RE = re.compile(r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.．])")
_NARROW = 12  # characters a goal-column line holds at most
_PROJECT_GOALS_RE = re.compile(r"^项目(?:名称)?(?:预算数|预算|金额|资金)\S{0,12}绩效目标$")


def goal_rows(lines: list[Line], squeeze) -> tuple[set[int], dict[int, str]]:
    """Ids of the lines that print row numbers and goals, and for the first results line
    of each row the goal it reports on."""
    left_out: set[int] = set()
    results: dict[int, str] = {}
    inside, row, goal = False, 0, None  # goal: the lines of the current goal, None once results start
    projects = False  # inside a table of key projects
    for line in lines:
        text = squeeze(line.text)
        if not text:
            continue
        if projects and not _END_RE.match(text):
            left_out.add(id(line))
            continue
        projects = bool(_PROJECT_GOALS_RE.match(text)) and len([t for t in line.texts if t]) > 1
        if projects:
            left_out.add(id(line))
            continue
        if not inside:  # a header row, not a sentence that names goals and results
            inside = bool(_HEADER_RE.search(text)) and not re.search(r"[，,。；;]", text)
            continue
        if _END_RE.match(text):
            inside, row, goal = False, 0, None
            continue
        number = _ROW_RE.match(text)
        if number and int(number["number"]) == row + 1 and len(text) - number.end() <= _NARROW:
            row, goal = row + 1, [text[number.end():]]  # ``10 安全生产``: a goal on the number's line
            left_out.add(id(line))
        elif goal is not None and len(text) <= _NARROW and not _ENUMERATED_RE.match(text):
            goal.append(text)
            left_out.add(id(line))
        elif goal is not None:
            results[id(line)] = "".join(goal)
            goal = None
    return left_out, results
