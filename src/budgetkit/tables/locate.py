"""Finding where each standard table starts and ends in a document's lines.

A table starts at a title line the catalogue recognises.  The same titles also appear in
the table of contents, so a title only opens a table when table furniture follows it
closely (a unit line, a 部门/单位名称 line, a header word, numbers) before any other
title; titles that do not are contents entries.  A table runs until the next table
title, the next 第X部分 heading, or the first line of prose.

A table printed over several pages is one table.  A continuation page may print nothing
but more rows, or repeat the header, or repeat the title (with or without a 续表 mark):
a title at the top of a page that is the open table's own title (same kind, same words
once the 续表 mark is set aside, same number, same department) continues it.  A page
that starts with another table number than the open table's ends it, also when the new
title is one the catalogue does not know.  Running heads and feet (a page's first or last
line printed the same on several pages) are page furniture, never rows.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..amounts import find_unit, is_amount
from ..sources import Cell, Line
from .catalogue import TableKind, fold, match_table

_TITLE_END_RE = re.compile(r"表(?:[(（][^()（）]{0,16}[)）])?(?:公开\d+表)?(?:\(表\d+\))?$")
# Table numbers: 公开02表, 公开表2, 表01, 表11-1, 表二, (表3).
_NUMBER_RE = re.compile(r"公开\d+表|公开表\d+|^表(?:\d+(?:-\d+)?|[一二三四五六七八九十]+)\.?|\(表\d+\)")
_NUMBER_LINE_RE = re.compile(r"^(?:公开\d+表|公开表\d+|表\d+(?:-\d+)?|表[一二三四五六七八九十]+"
                             r"|(?:单位|部门)?(?:预算|决算)(?:表\d+|\d+表))$")  # 单位预算表10 (上海)
# The mark of a continuation page: 续表, 续表1, (续), （续表）, 续上表, 接上表.
_CONTINUED_RE = re.compile(r"[(（]续表?\d*[)）]|续表\d*|续上表|接上表")
_CONTINUED_LINE_RE = re.compile(rf"^(?:{_CONTINUED_RE.pattern})[:：]?$")
# A line that names whose table it is: 部门（单位）：X, 单位名称：X, 341-湖州市财政局 单位：万元.
_OWNER_RE = re.compile(r"^(?:部门|单位|编制|填报|预算|主管)[^:：]{0,8}[:：]|^\[\d+\]|^\d{3,}-")
# Running heads above a continuation title: at most this many lines, none of them data.
_MAX_LINES_ABOVE_TITLE = 3
# A page's first or last line printed the same on this many pages is a running head or foot.
_MIN_RUNNING_PAGES = 3
_YEAR_RE = re.compile(r"(?:19|20)\d\d")
_PART_RE = re.compile(r"^第[一二三四五六七八九十]+部分")
_FURNITURE_RE = re.compile(
    r"单位[:：]|^(?:部门|单位名称|编制部门|填报单位|预算主管部门)[:：]|^\[\d+\]|项目|科目|合计|总计|"
    r"部门名称|填报日期|预算数|决算数|栏次"
)
# Contents entries and narrative headings: "- 十、项目支出安排情况", "（三）支出…".
_HEADING_RE = re.compile(r"^-?[一二三四五六七八九十]+、|^-?[(（][一二三四五六七八九十]+[)）]")
# A table's note: 注：/备注：/说明：, a column key (1栏, 3行=1行+2行), or the reason a table is
# empty printed under it as a sentence of its own (…没有…支出，故此表无数据。).
_NOTE_RE = re.compile(r"^[(（]?(?:注|备注|说明)\s*\d*\s*[:：.]|^\d+栏|^\d+行[=＝]|栏各行|^此表为空"
                      r"|(?:此|本|该)表(?:无数据|为空|数据为空|无内容)")
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
    # Indices of the title lines repeated on continuation pages: frame, not rows.
    repeated_titles: set[int] = field(default_factory=set)
    read_to: int = 0  # lines before this index are known not to end the span


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


def is_number_line(line: Line) -> bool:
    """A line that only prints a table number (公开02表, 表01, 表二)."""
    return bool(_NUMBER_LINE_RE.match(fold(line.text)))


def is_continuation_mark(line: Line) -> bool:
    """A line that only says the page continues a table (续表, （续）)."""
    return bool(_CONTINUED_LINE_RE.match(fold(line.text)))


def locate_tables(lines: list[Line]) -> tuple[list[Span], list[str]]:
    """The table spans in document order, and the titles listed as contents entries."""
    candidates = _candidates(lines)
    spans: list[Span] = []
    contents: list[str] = []
    interrupted = False  # another kind's title came after the open table's
    for position, (index, (kind, title, number), body_start) in enumerate(candidates):
        next_index = candidates[position + 1][0] if position + 1 < len(candidates) else len(lines)
        if spans and spans[-1].kind.key == kind.key and index - spans[-1].start <= 3:
            continue  # a subtitle repeating the title just above
        if spans and not interrupted and _continues(lines, spans[-1], index, (kind, title, number), body_start):
            spans[-1].repeated_titles.update(range(index, body_start))
            continue
        interrupted = interrupted or bool(spans) and kind.key != spans[-1].kind.key
        if not _confirmed(lines, body_start, next_index):
            contents.append(title)
            continue
        spans.append(Span(kind, title, number, index, body_start))
        interrupted = False
    frame = running_lines(lines)
    for position, span in enumerate(spans):
        limit = spans[position + 1].start if position + 1 < len(spans) else len(lines)
        # Another table's title closes the span even when nothing confirms that table
        # (表11-1.项目支出绩效目标表 above a form the reader does not parse).
        limit = min([limit] + [index for index, (kind, _, _), _ in candidates
                               if span.start < index < limit and kind.key != span.kind.key])
        span.end = _span_end(lines, span, limit)
        span.lines = [line for index, line in enumerate(lines[span.body_start:span.end], span.body_start)
                      if index not in span.repeated_titles and index not in frame]
    return spans, contents


# A line of the contents that gives a page: the title, dot leaders or a gap, the number.
_LISTED_RE = re.compile(r"^(?P<title>.+?)\s*(?:[.…·．]{2,}\s*|\s+)(?P<page>\d{1,3})$")


def listed_pages(lines: list[Line], spans: list[Span]) -> dict[str, int]:
    """Table key → the page number the contents print beside its title (``一、收支预算总表
    ...... 9``), the first listing of each kind.  Only lines above the first table are read:
    the contents come before the tables they list."""
    listed: dict[str, int] = {}
    for line in lines[:spans[0].start if spans else len(lines)]:
        match = _LISTED_RE.match(line.text.strip())
        candidate = title_candidate(Line(cells=[Cell(match.group("title"))])) if match else None
        if candidate is not None:
            listed.setdefault(candidate[0].key, int(match.group("page")))
    return listed


def running_lines(lines: list[Line]) -> set[int]:
    """Indices of running heads and feet (苏州市审计局2026年度部门预算公开 atop every page):
    a page's first or last line printed the same on several pages, without amounts and
    not a note (a note such as 本表本年无发生额 says why a table is empty)."""
    firsts: dict[int, int] = {}
    lasts: dict[int, int] = {}
    for index, line in enumerate(lines):
        if line.page is not None:
            firsts.setdefault(line.page, index)
            lasts[line.page] = index
    found: set[int] = set()
    for ends in (firsts, lasts):
        printed = Counter(fold(lines[index].text) for index in ends.values())
        found.update(index for index in ends.values()
                     if printed[fold(lines[index].text)] >= _MIN_RUNNING_PAGES
                     and not _has_amounts(lines[index]) and not is_note(lines[index]))
    return found


def _has_amounts(line: Line) -> bool:
    """Whether a line prints amounts; the year of a head (无锡市商务局 2026 年度部门预算公开,
    the year set apart as a word of its own) is none."""
    texts = line.texts
    return any(is_amount(text) and not (_YEAR_RE.fullmatch(text.strip()) and following.lstrip().startswith("年"))
               for text, following in zip(texts, [*texts[1:], ""]))


def _continues(lines: list[Line], span: Span, index: int, candidate: tuple, body_start: int) -> bool:
    """Whether a title candidate is the open table's title printed again at the top of a
    continuation page.  Forms are not continued by title: every project's form prints the
    same title (政策和项目预算绩效目标表) over its own project."""
    kind, title, number = candidate
    if kind.key != span.kind.key or kind.layout == "form":
        return False
    if _title_words(title, number) != _title_words(span.title, span.number):
        return False
    if number and span.number and number != span.number:
        return False
    if not _tops_page(lines, index) or lines[index].page == lines[span.start].page:
        return False
    owner, open_owner = _owner(lines, body_start), _owner(lines, span.body_start)
    if owner is not None and open_owner is not None and owner != open_owner:
        return False
    return _runs_to(lines, span, index)


def _runs_to(lines: list[Line], span: Span, index: int) -> bool:
    """Whether the open table runs on to ``index`` (no 第X部分 heading, prose or other
    table number ends it before); read once, as each repeated title asks again."""
    start = max(span.read_to, span.body_start)
    if _span_end(lines, span, index, start) < index:
        return False
    span.read_to = index
    return True


def _title_words(title: str, number: str | None) -> str:
    """A title without its table number and its 续表 mark, for comparing two printings."""
    words = fold(title)
    if number:
        words = words.replace(fold(number), "", 1)
    return _CONTINUED_RE.sub("", words).strip("-:：.、")


def _tops_page(lines: list[Line], index: int) -> bool:
    """Whether the line stands at the top of its page: above it on that page at most a few
    running heads and no amounts."""
    page = lines[index].page
    for above in range(index - 1, -1, -1):
        if lines[above].page != page:
            break
        if index - above > _MAX_LINES_ABOVE_TITLE or any(is_amount(t) for t in lines[above].texts):
            return False
    return page is not None


def _owner(lines: list[Line], body_start: int) -> str | None:
    """The line under a title that names the department or unit the table is for."""
    for line in lines[body_start:body_start + _MAX_LINES_ABOVE_TITLE]:
        folded = fold(line.text)
        if _OWNER_RE.search(folded):
            return folded
    return None


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
            number_line = fold(line.text)
            if candidate is not None and _NUMBER_LINE_RE.match(number_line):
                # 表01 over 2026年…: the number is the line's, not 表012026 read across the join.
                candidate = (candidate[0], candidate[1], number_line)
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
        if _HEADING_RE.match(folded):
            if line is lines[body_start] and not _FURNITURE_RE.search(folded):
                return False  # the contents' next heading (``六、其他相关情况说明``): an entry, not a table
            continue
        if _FURNITURE_RE.search(folded):
            return True
    return False


def _span_end(lines: list[Line], span: Span, limit: int, start: int | None = None) -> int:
    for index in range(span.body_start if start is None else start, limit):
        line = lines[index]
        if _PART_RE.match(fold(line.text)):
            return index
        # A ruled grid's row is a row even when a cell holds sentences (项目总体绩效目标), and so
        # is a row of amounts beside the sentence of a text column printed without rules.
        if span.kind.layout != "form" and is_prose(line) and not line.positional and not _prints_amounts(line):
            return index
        # Forms are left whole: the forms after a 部门整体 form (表十一 …绩效目标表 / （一级项目）)
        # often have titles the catalogue cannot read, and their text is no prose.
        if span.kind.layout != "form" and _starts_other_table(lines, index, span):
            return index
    return limit


_UNIT_AFTER_RE = re.compile(r"^(?:万|元|亿|千|%|％|年|个|人|名|次|项)")


def _prints_amounts(line: Line) -> bool:
    """Two amounts side by side, as cells of their own (not 17,466.65 万元 in a sentence)."""
    texts = [t for t in line.texts if t]
    run = 0
    for text, following in zip(texts, [*texts[1:], ""]):
        run = run + 1 if is_amount(text) and not _UNIT_AFTER_RE.match(following) else 0
        if run >= 2:
            return True
    return False


def _starts_other_table(lines: list[Line], index: int, span: Span) -> bool:
    """A page opening with a table number that is not the open table's (公开表10 under a
    title the catalogue does not know): the next table has begun."""
    number = fold(lines[index].text)
    return bool(_NUMBER_LINE_RE.match(number)) and number != span.number \
        and lines[index].page != lines[span.start].page and _tops_page(lines, index)
