"""Finding where each standard table starts and ends in a document's lines.

A table starts at a title line the catalogue recognises.  The same titles also appear in
the table of contents, so a title only opens a table when table furniture follows it
closely (a unit line, a 部门/单位名称 line, a header word, numbers) before any other
title; titles that do not are contents entries.  A table runs until the next table
title, the next 第X部分 heading, or the first line of prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..amounts import find_unit, is_amount
from ..sources import Line
from .catalogue import TableKind, fold, match_table

_TITLE_END_RE = re.compile(r"表(?:[(（][^()（）]{0,16}[)）])?(?:公开\d+表)?(?:\(表\d+\))?$")
_NUMBER_RE = re.compile(r"公开\d+表|^表\d+(?:-\d+)?\.?|\(表\d+\)")
_NUMBER_LINE_RE = re.compile(r"^(?:公开\d+表|表\d+(?:-\d+)?)$")
_PART_RE = re.compile(r"^第[一二三四五六七八九十]+部分")
_FURNITURE_RE = re.compile(
    r"单位[:：]|^(?:部门|单位名称|编制部门|填报单位|预算主管部门)[:：]|^\[\d+\]|项目|科目|合计|总计|"
    r"部门名称|填报日期|预算数|决算数|栏次"
)
# Contents entries and narrative headings: "- 十、项目支出安排情况", "（三）支出…".
_HEADING_RE = re.compile(r"^-?[一二三四五六七八九十]+、|^-?[(（][一二三四五六七八九十]+[)）]")
_NOTE_RE = re.compile(r"^(?:注|备注|说明)\s*\d*\s*[:：.]|^\d+栏|^\d+行[=＝]|栏各行|^此表为空")
_MAX_TITLE_CHARS = 52
_CONFIRM_WINDOW = 8


@dataclass
class Span:
    kind: TableKind
    title: str
    number: str | None
    start: int  # index of the title line
    body_start: int  # first line after the title
    end: int = 0  # one past the last line
    lines: list[Line] = field(default_factory=list)


def title_candidate(line: Line) -> tuple[TableKind, str, str | None] | None:
    """(kind, printed title, printed table number) when the line reads like a table title."""
    text = line.text.strip()
    folded = fold(text)
    if not folded or len(folded) > _MAX_TITLE_CHARS or "。" in folded or "，" in folded:
        return None
    if not _TITLE_END_RE.search(folded.lstrip("-")):
        return None
    kind = match_table(folded)
    if kind is None:
        return None
    number = _NUMBER_RE.search(folded)
    return kind, text, number.group().strip(".()") if number else None


def is_prose(line: Line) -> bool:
    folded = fold(line.text)
    return len(folded) >= 30 and ("。" in folded or "，" in folded) and not _NOTE_RE.search(folded)


def is_note(line: Line) -> bool:
    return bool(_NOTE_RE.search(fold(line.text)))


def locate_tables(lines: list[Line]) -> tuple[list[Span], list[str]]:
    """The table spans in document order, and the titles listed as contents entries."""
    candidates = _candidates(lines)
    spans: list[Span] = []
    contents: list[str] = []
    for position, (index, (kind, title, number), body_start) in enumerate(candidates):
        next_index = candidates[position + 1][0] if position + 1 < len(candidates) else len(lines)
        if spans and spans[-1].kind.key == kind.key and index - spans[-1].start <= 3:
            continue  # a subtitle repeating the title just above
        if not _confirmed(lines, body_start, next_index):
            contents.append(title)
            continue
        spans.append(Span(kind, title, number, index, body_start))
    for position, span in enumerate(spans):
        limit = spans[position + 1].start if position + 1 < len(spans) else len(lines)
        # Another table's title closes the span even when nothing confirms that table
        # (表11-1.项目支出绩效目标表 above a form the reader does not parse).
        limit = min([limit] + [index for index, (kind, _, _), _ in candidates
                               if span.start < index < limit and kind.key != span.kind.key])
        span.end = _span_end(lines, span, limit)
        span.lines = lines[span.body_start:span.end]
    return spans, contents


def _candidates(lines: list[Line]) -> list[tuple[int, tuple, int]]:
    """Title candidates as (line index, (kind, title, number), index of the first body line).

    Titles broken over two lines (``公开09表：…会议费、培训费`` / ``支出预算表``) and a table
    number printed on its own line next to the title are joined.
    """
    found = []
    index = 0
    while index < len(lines):
        line = lines[index]
        candidate = title_candidate(line)
        body_start = index + 1
        if candidate is None and index + 1 < len(lines) and _NUMBER_RE.search(fold(line.text)):
            joined = Line(cells=line.cells + lines[index + 1].cells, page=line.page, line_no=line.line_no)
            candidate = title_candidate(joined)
            body_start = index + 2
        if candidate is not None:
            kind, title, number = candidate
            # A number such as 公开06表 printed on the line after the title.
            if number is None and body_start < len(lines):
                following = fold(lines[body_start].text)
                if _NUMBER_LINE_RE.match(following):
                    number, body_start = following, body_start + 1
            found.append((index, (kind, title, number), body_start))
            index = body_start
            continue
        index += 1
    return found


def _confirmed(lines: list[Line], body_start: int, next_title: int) -> bool:
    for line in lines[body_start:min(body_start + _CONFIRM_WINDOW, next_title)]:
        folded = fold(line.text)
        if _PART_RE.match(folded):
            return False
        if find_unit(line.text) or any(is_amount(t) for t in line.texts):
            return True
        if _FURNITURE_RE.search(folded) and not _HEADING_RE.match(folded):
            return True
    return False


def _span_end(lines: list[Line], span: Span, limit: int) -> int:
    for index in range(span.body_start, limit):
        line = lines[index]
        if _PART_RE.match(fold(line.text)):
            return index
        if span.kind.layout != "form" and is_prose(line):
            return index
    return limit
