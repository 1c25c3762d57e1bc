"""Indicators from plain text, where each cell of the form wraps over lines of its own.

Text extracted from a Word-made form keeps the grid's reading order but not its columns:
an indicator row comes out as the lines of its name cell, then those of its target cell
(``≥5000 人`` / ``次``), then of its actual value, the short cells of a row sharing one
line (``≥80% 80% 2.5``).  A row is complete at the line that ends it:

- on a self-evaluation form (实际完成值 and 得分 columns), the line ending in the score;
- on a target form, the line that holds the target value: a value such as ``≥90%`` or
  ``4次``, or any text followed by the empty 绩效标准 cell (a trailing blank).

The lines gathered since the previous row are then cut into cells: a cell ends at a
line narrower than its first line (wrapped text fills its column before it wraps), at a
sentence end, or where a value such as ``≥5000`` starts.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from ..amounts import parse_amount
from ..sources import Line, first_page_box
from .labels import (GOAL_RE, HEADER_PIECE_RE, HEADER_RE, WEIGHT_PIECE_RE, WEIGHT_RE, family, is_level2, level1_of,
                     weight_in)
from .model import Goal, Grid, Indicator
from .text import fold, join_pieces, width

_VALUE_START_RE = re.compile(r"^(?:[》≥≧≤≦<>＞﹥﹤=]|不低于|不少于|不高于|不超过|\d)")
# A value that is a whole token: ≥90%, 100%, 0出错, 4900.34元, ≥1 (with 次 as the next token).
_VALUE_TOKEN_RE = re.compile(r"^[》≥≧≤≦<>＞﹥﹤=]?\d+(?:\.\d+)?(?:%|[\u4e00-\u9fff]{1,3}(?:/[\u4e00-\u9fff])?)?$")
_UNIT_TOKEN_RE = re.compile(r"^[\u4e00-\u9fff]{1,3}(?:/[\u4e00-\u9fff])?$")
_NUMBER_TOKEN_RE = re.compile(r"^[》≥≧≤≦<>＞﹥﹤=]?\d+(?:\.\d+)?$")
_END_RE = re.compile(r"^(?:总分|偏差|备注|说明|改进措施|评价等级|自评等级)")
_SENTENCE_END = ("。", "；", ";")
_LEVEL1_TAILS = {"指标", "标", "指"}
_LABEL_SPAN = 5  # a label may be wrapped over as many lines (服务 / 对象 / 满意 / 度指 / 标)


class _Reader:
    """Walks the lines of one form, keeping the labels in force and the pending lines."""

    def __init__(self, scored: bool):
        self.scored = scored
        self.grid = Grid()
        self.level1 = self.level2 = self.goal = None
        self.pending: list[Line] = []  # content lines of the row being read
        self.pieces: list[str] = []  # their texts, label tokens removed
        self.in_grid = False
        self.in_header = False
        self.open_text_row: Indicator | None = None  # last row, closed by a bare score
        self.open_rows: list[tuple[Indicator, list[str], list[Line]]] = []  # rows no line closed
        self.widths: dict[str, list[float]] = {"name": [], "target": []}  # of closed rows' lines

    # --- the walk -------------------------------------------------------------------
    def read(self, lines: list[Line]) -> Grid:
        index = 0
        while index < len(lines):
            index += self._step(lines, index)
        self._flush()
        self._settle_open_rows()
        return self.grid

    def _step(self, lines: list[Line], index: int) -> int:
        line = lines[index]
        text = line.text.strip()
        if not text:
            return 1
        goal = GOAL_RE.match(text)
        if goal:
            self._flush()
            self._start_goal(goal, lines[index + 1].text if index + 1 < len(lines) else "")
            return 1
        if HEADER_RE.search(text):
            self._flush()
            self.in_grid = self.in_header = True
            return 1
        if not self.in_grid:
            return 1
        if _END_RE.match(fold(text)):
            self._flush()
            self.in_grid = False
            return 1
        consumed = self._wrapped_label(lines, index)
        if consumed:
            return consumed
        if not self.pieces and self._furniture(fold(text)):
            return 1
        self._content(line)
        return 1

    def _start_goal(self, match: re.Match, next_text: str) -> None:
        label = f"{match.group(1)} {match.group(2)}"
        rest = match.group(3).strip().rstrip("；;。：:")
        self.goal = f"{label}：{rest}" if rest and not WEIGHT_RE.search(fold(rest)) else label
        weight = weight_in(match.group(0)) or (weight_in(next_text) if WEIGHT_RE.match(fold(next_text)) else None)
        self.grid.goals.append(Goal(self.goal, weight))
        self.in_grid = False  # the goal's own header follows
        self.level1 = self.level2 = None

    def _wrapped_label(self, lines: list[Line], index: int) -> int:
        """Lines that together print one 一级/二级 label; how many, or 0.

        While a row is being gathered only a complete ``…指标`` label counts, or a bare
        一级 label followed by a 二级 one: a bare ``满意度`` there is otherwise the end of a
        name (``人民群众服务`` / ``满意度``).
        """
        for span in range(min(_LABEL_SPAN, len(lines) - index), 0, -1):
            joined = fold("".join(line.text for line in lines[index:index + span]))
            label = _label(joined)
            if label is None:
                continue
            if self.pieces and not joined.endswith("指标") and not self._label_follows(lines, index + span):
                continue
            self._flush()
            self._apply(label)
            return span
        return 0

    def _label_follows(self, lines: list[Line], index: int) -> bool:
        return any(_label(fold("".join(line.text for line in lines[index:index + span]))) is not None
                   for span in range(1, min(_LABEL_SPAN, len(lines) - index) + 1))

    def _apply(self, label: tuple[int, str]) -> None:
        level, text = label
        if level == 1:
            self.level1, self.level2 = text, None
        else:
            self.level2 = text
        self.in_header = False

    def _furniture(self, folded: str) -> bool:
        """Header pieces, stray label tails and broken weights: lines that are no content."""
        if self.in_header and HEADER_PIECE_RE.match(folded):
            return True
        if folded in _LEVEL1_TAILS:
            return True
        return bool(WEIGHT_PIECE_RE.match(folded))

    # --- content lines ----------------------------------------------------------------
    def _content(self, line: Line) -> None:
        tokens = [cell.text.strip() for cell in line.cells if not cell.blank]
        # Labels at the start of a line: 数量指标 基本医疗保险参保率 》97%; 指标 社会效益指标
        # (the tail of a wrapped 一级 label).  Only labels ending in 指标 count here, so a
        # name such as 服务对象满意度 stays a name.
        while tokens:
            label = _label(fold(tokens[0])) if fold(tokens[0]).endswith(("指标", "指")) else None
            if label is not None:
                self._flush()
                self._apply(label)
            elif not (tokens[0] in _LEVEL1_TAILS and not self.pieces):
                break
            tokens.pop(0)
        if not tokens:
            return
        if self.scored:
            if _closes_scored(tokens):
                self._close_scored(line, tokens)
                return
        elif _closes_target(line, tokens, bool(self.pieces)):
            self._close_target(line, tokens)
            return
        self.pending.append(line)
        self.pieces.append(" ".join(tokens))

    def _close_scored(self, line: Line, tokens: list[str]) -> None:
        self.pending.append(line)
        score = parse_amount(tokens[-1])
        prefix, values = _values_from_right(tokens[:-1])
        pieces = self.pieces + ([" ".join(prefix)] if prefix else [])
        if self.open_text_row is not None and values:
            pieces = self._continue_open_row(pieces)
        if len(values) == 2:
            name, target, actual = pieces, [values[0]], [values[1]]
        elif len(values) == 1:
            cells = split_cells(pieces)
            name, target, actual = cells[0] if cells else [], _concat(cells[1:]), [values[0]]
        else:
            name, target, actual = _text_cells(pieces)
        row = self._row(name, target, actual, score)
        self.open_text_row = row if not values else None

    def _continue_open_row(self, pieces: list[str]) -> list[str]:
        """Lines that continue the previous row's long actual text after its score.

        A long actual (a paragraph of what was done) can run past the page end while its
        score is printed before the break; its last lines then come first here.  The row's
        own name is the block of equally wide lines at the end.
        """
        start = len(pieces) - 1
        while start > 0:
            before = pieces[start - 1]
            if before.endswith(_SENTENCE_END) or width(before) < width(pieces[start]) - 2:
                break
            start -= 1
        if start:
            row = self.open_text_row
            row.actual = join_pieces([row.actual or "", *pieces[:start]])
            self.pending = self.pending[start:]
        return pieces[start:]

    def _close_target(self, line: Line, tokens: list[str]) -> None:
        self.pending.append(line)
        start = next((i for i, t in enumerate(tokens) if _VALUE_TOKEN_RE.match(t) and (i or self.pieces)), None)
        if start is None:
            start = len(tokens) - 1
        end = start + 1
        if end < len(tokens) and _NUMBER_TOKEN_RE.match(tokens[start]) and _UNIT_TOKEN_RE.match(tokens[end]):
            end += 1
        name = self.pieces + ([" ".join(tokens[:start])] if start else [])
        target = [" ".join(tokens[start:end])]
        self.widths["name"] += [width(piece) for piece in name]
        self.widths["target"] += [width(piece) for piece in target]
        self._row(name, target, [], None)

    def _flush(self) -> None:
        """Lines left open when a label or the end of the grid comes: no line closed them.

        They hold one or more rows whose targets are text (``每月按时缴`` / ``纳``); they are
        cut into rows once the whole form is read and its column widths are known.
        """
        if self.pieces and any(re.search(r"[\u4e00-\u9fff]", p) for p in self.pieces):
            pieces, lines = self.pieces, self.pending
            self.open_rows.append((self._row([], [], [], None), pieces, lines))
        self.pending, self.pieces = [], []

    def _settle_open_rows(self) -> None:
        """Cut the open lines into (name, target) rows by the widths of the name and target
        columns, measured on the rows that closed: a line narrower than its column ends
        its cell, so a one-line name (``工资发放及时性``) is not joined with the target below.
        """
        widths = [max(self.widths["name"], default=0), max(self.widths["target"], default=0)]
        for row, pieces, lines in self.open_rows:
            cells = _cells_by_width(pieces, widths)
            rows, offset = [], 0
            for name, target in zip(cells[0::2], cells[1::2] + [[]]):
                first = lines[offset]
                offset += len(name) + len(target)
                rows.append(replace(row, name=join_pieces(name), target=join_pieces(target) or None,
                                    page=first.page, line=first.line_no,
                                    box=first_page_box(lines[offset - len(name) - len(target):offset])))
            at = next(i for i, placed in enumerate(self.grid.indicators) if placed is row)
            self.grid.indicators[at:at + 1] = rows

    def _row(self, name: list[str], target: list[str], actual: list[str], score: Decimal | None) -> Indicator:
        first = self.pending[0] if self.pending else None
        row = Indicator(
            name=join_pieces(name),
            # The 二级 label tells the group when the 一级 cell is missing or belongs to
            # another group (a form that leaves out 效益指标 above 社会效益指标).
            level1=family(self.level2) or self.level1,
            level2=self.level2,
            goal=self.goal,
            target=join_pieces(target) or None,
            actual=join_pieces(actual) or None,
            score=score,
            page=first.page if first else None,
            line=first.line_no if first else None,
            box=first_page_box(self.pending),
        )
        self.grid.indicators.append(row)
        self.pending, self.pieces = [], []
        self.in_header = False
        return row


def _label(text: str) -> tuple[int, str] | None:
    """(1, canonical 一级 label) or (2, the 二级 label as printed), when ``text`` is one."""
    level1 = level1_of(text)
    if level1:
        return 1, level1
    return (2, text) if is_level2(text) else None


def flow_indicators(lines: list[Line], scored: bool) -> Grid:
    """The indicators of a form printed as plain text; ``scored`` for self-evaluations."""
    return _Reader(scored).read(lines)


def split_cells(pieces: list[str]) -> list[list[str]]:
    """Cut a row's lines into its cells (see the module docstring)."""
    cells: list[list[str]] = []
    for piece in pieces:
        current = cells[-1] if cells else None
        if current is None or _cell_ended(current, piece):
            cells.append([piece])
        else:
            current.append(piece)
    return cells


def _cell_ended(cell: list[str], piece: str) -> bool:
    first, last = cell[0], cell[-1]
    if width(last) < width(first) or last.endswith(_SENTENCE_END):
        return True
    if _VALUE_START_RE.match(first) and re.search(r"[\d%]$", last):
        return True  # a target cell ends with its number (不低于… / …总数的5%)
    # A value (≥5000, 不低于…) starts a new cell, unless the cell itself is one.
    return bool(_VALUE_START_RE.match(piece)) and not _VALUE_START_RE.match(first)


def _text_cells(pieces: list[str]) -> tuple[list[str], list[str], list[str]]:
    """Name, target and actual of a self-evaluation row printed as text only.

    A qualitative target often restates the name in other words (守好人民群众“救命钱”, then
    做好药品和药械集中带量采购工作 for 做好药品和药械带量采购工作); such a target ends where
    the restatement does, even when its lines are as wide as the actual's that follow.
    """
    cells = split_cells(pieces)
    if not cells:
        return [], [], []
    name, rest = cells[0], pieces[len(cells[0]):]
    restated = _restatement(join_pieces(name), rest)
    if restated:
        return name, rest[:restated], rest[restated:]
    return name, cells[1] if len(cells) > 1 else [], _concat(cells[2:])


def _restatement(name: str, pieces: list[str]) -> int | None:
    """How many of ``pieces`` restate ``name``: they start and end as it does."""
    if len(name) < 6 or not pieces or not fold(pieces[0]).startswith(name[:2]):
        return None
    text = ""
    for count, piece in enumerate(pieces, start=1):
        text += fold(piece)
        if text.endswith(name[-4:]):
            return count
    return None


def _cells_by_width(pieces: list[str], widths: list[float]) -> list[list[str]]:
    """Cells of alternating columns (name, target, name…): a cell ends at a line narrower
    than its column (less one unit for a half-width character that did not fit)."""
    cells: list[list[str]] = [[]]
    for piece in pieces:
        cells[-1].append(piece)
        if width(piece) < widths[(len(cells) - 1) % len(widths)] - 1:
            cells.append([])
    return [cell for cell in cells if cell]


def _concat(cells: list[list[str]]) -> list[str]:
    return [piece for cell in cells for piece in cell]


def _closes_scored(tokens: list[str]) -> bool:
    """A line ending in a score: the score alone, or after the values it scores.

    ``卫健局处理 1`` inside a paragraph also ends in a number, but nothing before it is a
    value, so it does not end the row.
    """
    if not _NUMBER_TOKEN_RE.match(tokens[-1]) or not tokens[-1][0].isdigit():
        return False
    before = tokens[:-1]
    return not before or len(before) >= 2 or bool(re.search(r"[\d%]", before[-1]))


def _closes_target(line: Line, tokens: list[str], gathering: bool) -> bool:
    if line.cells and line.cells[-1].blank and not line.positional:
        return True  # the empty 绩效标准 cell after the target
    return any(_VALUE_TOKEN_RE.match(t) and (i or gathering) for i, t in enumerate(tokens))


def _values_from_right(tokens: list[str]) -> tuple[list[str], list[str]]:
    """Up to two values (target, actual) at the end of a line, and what precedes them.

    A unit printed apart from its number (``5629 人次``) stays with it.
    """
    values: list[str] = []
    rest = list(tokens)
    while rest and len(values) < 2:
        take = 1
        if len(rest) >= 2 and _UNIT_TOKEN_RE.match(rest[-1]) and _NUMBER_TOKEN_RE.match(rest[-2]):
            take = 2
        values.insert(0, " ".join(rest[-take:]))
        rest = rest[:-take]
    return rest, values
