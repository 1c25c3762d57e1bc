"""Reading one located table: its furniture, its columns and its rows.

The lines of a table span are sorted into furniture (unit, 部门 line, table number,
column-number row ``栏次 1 2 3``, notes), header lines (before the first data line) and
body lines.  Each body line is cut into *segments*: a code and a name followed by
amounts.  A ledger line usually has one segment; side-by-side layouts (收入 | 支出, or
人员经费 | 公用经费 blocks) have one per side or block.

Where a line keeps its blank cells (a ruled PDF grid, a tab-separated text) amounts are
placed by column position.  Where it does not, amounts are placed by their horizontal
position under the header (PDF words), or, in plain text, left to right when there are
as many amounts as columns; the remaining rows are placed by ``columns.place_rows``,
which uses the table's own arithmetic.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..amounts import find_unit, parse_amount
from ..sources import Cell, Line, enclosing
from .catalogue import fold, is_label_header, label_column_key, label_key
from .columns import (Column, apply_layout, block_columns, columns_from_grid, columns_from_labels,
                      columns_from_positions, header_paths, name_unknown_columns, place_values)
from .hierarchy import code_kind, is_total, settle_hierarchy
from .locate import Span, is_continuation_mark, is_note, is_number_line

_CODE_RE = re.compile(r"^\d{2,7}$")
# 款 and 项 parts of a code printed in columns of their own, a leading zero sometimes lost
# (301 2 津贴补贴 is 30102).
_CODE_PART_RE = re.compile(r"^\d{1,2}$")
_SPACED_CODE_RE = re.compile(r"^[235]\d{2}(?:\s+\d{1,2}){1,2}$")
_CLASS_CODE_RE = re.compile(r"^(?:2\d{2}|3\d{2}|5\d{2})(?:\d{2}){0,2}$")  # functional or economic
# The labels a name is printed after: 部门：, 单位名称：, 部门（单位）名称：, 编制单位：, 填报单位：,
# 预算主管部门：…  A bare 单位： is not one: it mostly gives the unit of the amounts.
_DEPT_LABEL = r"(?:(?:编制|填报|预算|主管|预算主管)(?:部门|单位)|(?:部门|单位)(?:[(（](?:部门|单位)[)）])?名称|部门)"
_DEPT_RE = re.compile(rf"^(?:{_DEPT_LABEL}|单位)\s*[:：]|\[\d{{2,}}\][\u4e00-\u9fff]")
_DEPT_NAME_RE = re.compile(rf"{_DEPT_LABEL}\s*[:：]\s*(\S+)")
_TITLE_YEAR_RE = re.compile(r"[\s\"“”]*20\d\d年?度?[\s\"“”]*")
_DROPPED_PUNCTUATION_RE = re.compile(r"(?=.*[:：])[:：,，。、；;\s]+")
_BARE_LABEL_RE = re.compile(rf"(?:^|(?<=\s))({_DEPT_LABEL}|单位|^备注|^注|^说明)\s+")
# A code printed in brackets before its name in one cell: [2120106]工程建设管理 (珠海).
_BRACKETED_CODE_RE = re.compile(r"^\[(\d{2,7})\]\s*(\S.*)$")
_NUMBER_ROW_LABELS = {"栏次", "**", "*", "项目", "栏", "次", "行次"}
_EMPTY_NOTE_RE = re.compile(r"无|没有|为空|未发生|不涉及")
_ROW_NUMBER_RE = re.compile(r"^\d{1,2}$")
_ENUMERATED_RE = re.compile(r"^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])")


@dataclass
class Segment:
    code: str | None
    name: str
    amounts: list[tuple[str, Cell]]  # printed text and the cell it came from
    block: int = 0
    slots: list[int] | None = None  # value-column position of each amount, when known
    name_x0: float | None = None  # where the label starts on the page, when known
    spans_values: bool = False  # the label cell is merged across the value columns of its block
    # Plain text: the label cells of each source line, and whether its last cell wraps on.
    lines: list[tuple[list[str], bool]] = field(default_factory=list)
    labels: dict[str, str] | None = None  # grids: the label cells by column key
    # A second classification printed beside the row's own (部门经济分类 301 01 基本工资 |
    # 政府经济分类 501 01 工资奖金津补贴): its code and name.
    parallel: list[tuple[str | None, str]] = field(default_factory=list)


@dataclass
class ParsedRow:
    code: str | None
    name: str
    values: dict[str, Decimal | None]
    page: int | None
    line_no: int | None
    block: int = 0
    uncertain: bool = False
    candidates: list | None = None
    parent_index: int | None = None
    labels: dict[str, str] | None = None
    box: tuple[float, float, float, float] | None = None  # x0, top, x1, bottom on its page (PDF points)
    cells: dict[str, tuple[float, float, float, float]] | None = None  # each printed value's box, by column key


@dataclass
class LabelColumn:
    """A text column of a table (科目编码, 单位名称, 项目名称…): its key and printed label."""

    key: str
    label: str
    index: int | None = None  # cell index in positional lines


@dataclass
class ParsedTable:
    span: Span
    unit: str | None = None
    department: str | None = None
    note: str | None = None
    columns: list[Column] = field(default_factory=list)
    rows: list[ParsedRow] = field(default_factory=list)
    declared_columns: int | None = None
    side_kinds: list[str] = field(default_factory=list)  # sided tables: what each side lists, from the header
    label_columns: list[LabelColumn] = field(default_factory=list)  # tables whose rows carry ``labels``
    problems: list[dict] = field(default_factory=list)

    @property
    def pages(self) -> list[int]:
        pages = {line.page for line in self.span.lines if line.page is not None}
        return sorted(pages)

    @property
    def status(self) -> str:
        if self.span.kind.layout == "form":
            return "ok"
        if any(v is not None and v != 0 for row in self.rows for v in row.values.values()):
            return "ok"
        if self.note and _EMPTY_NOTE_RE.search(self.note):
            return "empty"
        return "no_data"


def parse_table(span: Span) -> ParsedTable:
    table = ParsedTable(span=span)
    if span.kind.layout == "form":
        return table
    header: list[Line] = []
    body: list[Line] = []
    header_page = None  # the page whose header, printed again, was last skipped
    for index, line in enumerate(span.lines):
        if _furniture(table, line, span.lines[index + 1] if index + 1 < len(span.lines) else None):
            continue
        if not body and not _is_data_line(line):
            header.append(line)
        elif not body:
            # Enumerated labels wrapped above the first amount (一、财政拨款（补助） / 3,291.91)
            # are rows, not header.
            while header and _ENUMERATED_RE.match(fold(header[-1].text)) and not _is_repeated_header(header[-1], []):
                body.insert(0, header.pop())
            body.append(line)
        elif body and (_is_repeated_header(line, header) or _heads_continuation_page(line, header, body, header_page)):
            header_page = line.page
            continue  # the header printed again at the top of a continuation page
        else:
            body.append(line)
    row_numbers = _has_row_numbers(header)
    sided = span.kind.layout == "sided"
    table.side_kinds = _side_kinds(header) if sided else []
    segments_by_line = [(line, _segments(line, row_numbers, sided)) for line in body]
    table.columns = apply_layout(span.kind.key, _columns(table, header, segments_by_line))
    text_column = _trailing_text_column(header, table.columns)
    if text_column is not None:  # 绩效目标 right of the amounts: no part of a row's name
        body = [line for line in (_left_of(line, text_column) for line in body) if line.cells]
        segments_by_line = [(line, _segments(line, row_numbers, sided)) for line in body]
    table.problems += name_unknown_columns(table.columns, header[0].page if header else None)
    if span.kind.key in _LABELLED:
        table.label_columns = _label_columns(table, header, segments_by_line)
    table.rows = _rows(table, segments_by_line)
    settle_hierarchy(table)
    return table


def _trailing_text_column(header: list[Line], columns: list[Column]) -> float | None:
    """Where a text column printed right of every value column starts (绩效目标 or 备注 in a
    table without rules, its text wrapped over the lines of the rows beside it): right of
    the last amounts, when the header prints a word there that names no value column."""
    placed = [c.x1 for c in columns if c.x1 is not None]
    if not placed:
        return None
    right = max(placed)
    words = [c for line in header for c in line.cells
             if c.x0 is not None and c.x0 > right + 4 and c.text.strip() and label_key(c.text) is None
             and find_unit(c.text) is None]
    return right if words else None


def _left_of(line: Line, x: float) -> Line:
    """The line without its text cells starting at or right of ``x`` (amounts are kept)."""
    cells = [c for c in line.cells if c.x0 is None or c.x0 < x or parse_amount(c.text) is not None]
    return Line(cells=cells, page=line.page, line_no=line.line_no, positional=line.positional, top=line.top,
                bottom=line.bottom, open_end=line.open_end)


def _furniture(table: ParsedTable, line: Line, following: Line | None) -> bool:
    """Record and skip lines that belong to the table's frame rather than its grid."""
    text = line.text
    if _DROPPED_PUNCTUATION_RE.fullmatch(text):
        return True  # the colons (and commas) of the line above, set a little lower by the exporter
    if following is not None and _DROPPED_PUNCTUATION_RE.fullmatch(following.text):
        text = _BARE_LABEL_RE.sub(r"\1：", text)  # 单位名称 X 单位 万元 over : :
        line = Line(cells=[Cell(text)], page=line.page)
    folded = fold(text)
    if folded.endswith(("单位:", "单位：")) and following is not None and find_unit("单位：" + following.text):
        table.unit = table.unit or find_unit("单位：" + following.text)
        return True
    unit = find_unit(text)
    if unit:
        table.unit = table.unit or unit
        if _DEPT_RE.search(folded) or "[" in folded:
            table.department = table.department or _department_from(text)
        if not any(parse_amount(t) is not None for t in line.texts):
            return True
    if _DEPT_RE.search(folded) and not _is_bracketed_row(line):
        table.department = table.department or _department_from(text)
        return True
    if re.fullmatch(r"万元|元", folded) or is_number_line(line) or is_continuation_mark(line):
        return True
    if _TITLE_YEAR_RE.fullmatch(folded):
        return True  # the title's year on a line of its own (2026 under 年部门收入总体情况表)
    if is_note(line):
        table.note = (table.note + " " if table.note else "") + text
        return True
    if table.note and not _is_data_line(line):
        table.note += " " + text  # notes close a table: what follows them is more note
        return True
    numbers = _column_number_row(line)
    if numbers:
        table.declared_columns = numbers
        return True
    return False


def _is_bracketed_row(line: Line) -> bool:
    """[301]工资福利支出 569.16: a row whose code is bracketed, not a unit line such as
    [215001]武汉市江夏区医疗保障局本级, which carries no amounts."""
    texts = [t for t in line.texts if t]
    return bool(texts) and bool(_BRACKETED_CODE_RE.match(texts[0])) \
        and any(parse_amount(t) is not None for t in texts[1:])


def _split_code_cells(cells: list[Cell]) -> list[Cell]:
    """A cell ``[301]工资福利支出`` as two cells, the code and the name; a cell ``301 01``
    (类 and 款 printed in one cell) as a cell per part."""
    split: list[Cell] = []
    for cell in cells:
        text = cell.text.strip()
        match = _BRACKETED_CODE_RE.match(text)
        if match is not None:
            split += [Cell(match.group(1), cell.x0, cell.x1), Cell(match.group(2), cell.x0, cell.x1)]
        elif _SPACED_CODE_RE.match(text):
            split += [Cell(part, cell.x0, cell.x1) for part in text.split()]
        else:
            split.append(cell)
    return split


def labelled_department(text: str) -> str | None:
    """The name a line prints after a label (``编制单位：X``) or a unit code (``[215001]X``)."""
    return _department_from(text) if _DEPT_RE.search(fold(text)) else None


def _department_from(text: str) -> str | None:
    text = re.sub(r"(?:金额)?单位\s*[:：]\s*(?:亿元|万元|千元|元)", "", text)
    match = _DEPT_NAME_RE.search(text)
    if match:
        return match.group(1)
    bracketed = re.findall(r"\[\d+\]\s*([^,，\[\]]+)", text)
    return bracketed[-1].strip() if bracketed else None


def _column_number_row(line: Line) -> int | None:
    """``栏次 1 2 3``, ``** ** 1 2 3``, ``1 2 3 4``: the count of numbered value columns."""
    tokens = [t for t in (c.text.strip() for c in line.cells) if t]
    tokens = [t for part in tokens for t in part.split()]
    numbers = [t for t in tokens if fold(t) not in _NUMBER_ROW_LABELS]
    if len(numbers) < 2 or not all(t.isdigit() for t in numbers):
        return None
    if [int(t) for t in numbers] != list(range(1, len(numbers) + 1)):
        return None
    return len(numbers)


def _is_data_line(line: Line) -> bool:
    texts = [t for t in line.texts if t]
    if not texts:
        return False
    if any(parse_amount(t) is not None and not _ROW_NUMBER_RE.match(t) for t in texts):
        return True
    first = fold(texts[0])
    return bool(_CODE_RE.match(first) and len(texts) > 1 and parse_amount(texts[1]) is None)


def _is_repeated_header(line: Line, header: list[Line]) -> bool:
    if _is_data_line(line):
        return False
    folded = fold(line.text)
    if len(folded) > 1 and any(folded == fold(h.text) for h in header):  # not a lone character (级)
        return True
    texts = [t for t in line.texts if t]
    # Header words again; a row label that happens to be a column label (本年收入合计,
    # 结转下年) is not header unless the header printed it.
    printed = fold("".join(h.text for h in header))
    return bool(texts) and all(is_label_header(t) or label_key(t) is not None and fold(t) in printed for t in texts)


def _heads_continuation_page(line: Line, header: list[Line], body: list[Line], header_page: int | None) -> bool:
    """A line above the first row of a continuation page made only of pieces of the first
    page's header: the header printed again, its cells wrapped otherwise (财政专户管 /
    理资金收入 under a first page that printed 财政专户管理资金收入 on one line)."""
    if line.page is None or body[-1].page == line.page or not header or _is_data_line(line):
        return False
    printed = fold("".join(h.text for h in header))
    texts = [fold(t) for t in line.texts if t]
    if len(texts) == 1 and len(texts[0]) <= _MAX_WRAP_TAIL and header_page != line.page:
        return False  # the tail of a label wrapped over the break (_join_page_wraps), unless under header
    return bool(texts) and all(t in printed for t in texts)


def _has_row_numbers(header: list[Line]) -> bool:
    return any("行次" in fold(line.text) for line in header)


# --- segments -------------------------------------------------------------------------

def _segments(line: Line, header_has_row_numbers: bool, sided: bool) -> list[Segment]:
    """Cut a body line into code/name/amounts segments, left to right.

    A segment ends where a name or a code follows its amounts, or where a printed row
    number (行次) closes its label and another label follows.
    """
    segments: list[Segment] = []
    code_parts: list[str] = []
    names: list[str] = []
    amounts: list[tuple[str, Cell]] = []
    pending_blanks: list[Cell] = []
    label_closed = False

    label_x0: list[float] = []
    texts: list[str] = []  # the label cells (codes and names) in printed order
    groups: list[tuple[list[str], list[str]]] = []  # the code groups before the current one

    def flush():
        if code_parts or names or amounts:
            (main_code, main_name), *parallel = [(_join_code(c), _join_name(n))
                                                 for c, n in [*groups, (code_parts, names)]]
            segments.append(Segment(main_code, main_name, list(amounts), parallel=parallel,
                                    name_x0=label_x0[0] if label_x0 else None,
                                    lines=[(list(texts), line.open_end)] if texts else []))
        code_parts.clear(), names.clear(), amounts.clear(), label_x0.clear(), texts.clear(), groups.clear()

    cells = _split_code_cells(line.cells)
    for position, cell in enumerate(cells):
        text = cell.text.strip()
        if not text:
            if line.positional and (names or code_parts or amounts):
                amounts.append(("", cell))
            elif names or code_parts or amounts or segments:
                pending_blanks.append(cell)  # leading blanks are indentation, not cells
            continue
        if header_has_row_numbers and _ROW_NUMBER_RE.match(text):
            label_closed = bool(names)  # 行次: the printed row number, not an amount
            pending_blanks = []
            continue
        followed_by_name = _next_is_name(cells, position) or _alone(cells, position) \
            or not (names or code_parts or amounts or segments) and _code_before_amounts(cells, position)
        if _CODE_RE.match(text) and followed_by_name and (not names or amounts or _CLASS_CODE_RE.match(text)):
            if names and code_parts and not amounts and not sided and _other_classification(code_parts[0], text):
                groups.append((list(code_parts), list(names)))
                code_parts.clear(), names.clear()
            elif amounts or names or code_parts and len(text) > 2:
                flush()
            code_parts.append(text)
            texts.append(text)
        elif _CODE_PART_RE.match(text) and code_parts and not names and not amounts:
            code_parts.append(text.zfill(2))  # 201 06 01 printed in separate 类/款/项 columns
            texts[-1] += text.zfill(2)
        elif parse_amount(text) is not None and not (_CODE_RE.match(text) and followed_by_name):
            if pending_blanks and not line.positional:
                amounts.extend(("", blank) for blank in pending_blanks)
            amounts.append((text, cell))
        else:
            # Side by side, two labels set apart by a blank cell are two sides' labels
            # (五、结转下年  结转下年); letter-spaced labels (收  入  总  计) are not.
            wide_gap = len(pending_blanks) >= (1 if sided else 2) and names and len(names[-1]) > 1 and len(text) > 1
            if amounts or (label_closed and names) or (names and _starts_new_row(text) and _is_sided_break(names)) \
                    or (sided and wide_gap):
                flush()
            names.append(text)
            texts.append(text)
            if cell.x0 is not None:
                label_x0.append(cell.x0)
        label_closed = False
        pending_blanks = []
    if pending_blanks and (names or code_parts or amounts) and not line.positional:
        amounts.extend(("", blank) for blank in pending_blanks)
    flush()
    return segments


def _next_is_name(cells: list[Cell], position: int) -> bool:
    """Whether the next tokens after ``position`` are code parts (06, 01) and then a name."""
    for cell in cells[position + 1:]:
        text = cell.text.strip()
        if not text or _CODE_PART_RE.match(text):
            continue
        return parse_amount(text) is None
    return False


def _alone(cells: list[Cell], position: int) -> bool:
    """A code wrapped onto a line of its own (``2080505`` above its name)."""
    return sum(1 for c in cells if c.text.strip()) == 1 and "," not in cells[position].text and "." not in cells[position].text


def _code_before_amounts(cells: list[Cell], position: int) -> bool:
    """A classification code opening a line of amounts, its name wrapped onto the lines
    above and below it (机关事业单位基本养老保险缴 / 2080505 402.46 … / 费支出): a 款 or 项
    code, or a 类 code before amounts printed with decimals, is no amount of its own."""
    text = cells[position].text.strip()
    if not _CLASS_CODE_RE.match(text):
        return False
    following = [c.text.strip() for c in cells[position + 1:] if c.text.strip()]
    if not following or not all(parse_amount(t) is not None for t in following):
        return False
    return len(text) > 3 or any("." in t for t in following)


def _is_sided_break(names: list[str]) -> bool:
    """Two enumerated labels in a row without amounts between them: 二、… 二、…"""
    return _starts_new_row(names[0])


def _other_classification(code: str, following: str) -> bool:
    """Whether ``following``, printed after the name of a row coded ``code``, is a code of
    another classification on the same row (301 工资福利支出 501 机关工资福利支出: the
    department's economic class, then the government's) rather than the start of a row:
    rows of one table printed side by side are of one classification."""
    return bool(_CLASS_CODE_RE.match(code) and _CLASS_CODE_RE.match(following)) and code[0] != following[0]


def _code_groups(parts: list[str]) -> list[tuple[list[str], list[str]]]:
    """The label cells of one row cut into (code parts, names) groups: a classification
    code printed after a name starts the next group (two code columns side by side)."""
    groups: list[tuple[list[str], list[str]]] = [([], [])]
    for part in parts:
        codes, names = groups[-1]
        if codes and not names and _CODE_PART_RE.match(part):
            codes.append(part.zfill(2))  # 301 | 2 | 津贴补贴: 30102
        elif re.fullmatch(r"\d{2,7}", part):
            if codes and names and _CLASS_CODE_RE.match(part):
                groups.append(([], []))
            groups[-1][0].append(part)
        else:
            groups[-1][1].append(part)
    return groups


def _grouped_segment(parts: list[str], amounts, block: int, slots) -> Segment:
    """A segment from a row's label cells: the first code group is the row's code and
    name, the others are kept as its parallel classifications."""
    (code, name), *parallel = [(_join_code(c), _join_name(n)) for c, n in _code_groups(parts)]
    return Segment(code, name, amounts, block, slots=slots, parallel=parallel)


def _join_code(parts: list[str]) -> str | None:
    if not parts:
        return None
    if len(parts) > 1 and len(parts[0]) == 3 and all(len(p) == 2 for p in parts[1:]):
        return "".join(parts)  # 201 06 01 → 2010601
    if len(parts) > 1 and all(len(p) <= 2 for p in parts[1:]) and len(parts[0]) in (3, 5):
        return "".join(parts)
    return parts[0] if len(parts) == 1 else "".join(parts)


_SPACED_CJK_RE = re.compile(r"(?<=[\u4e00-\u9fff（）()“”])\s+(?=[\u4e00-\u9fff（）()“”])")


def _join_name(parts: list[str]) -> str:
    """Name parts joined; letter-spacing between Chinese characters (因 公 出 国) removed."""
    text = ""
    for part in parts:
        if text and re.match(r"[A-Za-z0-9]", text[-1]) and re.match(r"[A-Za-z0-9]", part[0]):
            text += " "
        text += part
    return _SPACED_CJK_RE.sub("", text.strip())


# --- columns and rows -----------------------------------------------------------------

def _columns(table: ParsedTable, header: list[Line], segments_by_line) -> list[Column]:
    positional = [line for line, _ in segments_by_line if line.positional]
    # Tab-separated text: the header's tab rows are the grid's; a stray untabbed line
    # above them (a garbled 部门 line) is not a header row.
    tabbed = [line for line in header if line.positional]
    if tabbed and all(line.positional or all(c.x0 is None for c in line.cells) for line in header) \
            and not any(c.x0 is not None for line in positional for c in line.cells):
        header = tabbed
    if positional and (not header or all(line.positional for line in header)):
        columns = columns_from_grid(header, positional)
        if columns:
            return columns
    with_positions = [seg for _, segs in segments_by_line for seg in segs
                      if any(text and cell.x1 is not None for text, cell in seg.amounts)]
    if with_positions:
        return columns_from_positions(header, with_positions)
    return columns_from_labels(header, table.declared_columns, segments_by_line, table.span.kind)


def _grid_segments(line: Line, columns: list[Column], label_indices: list[int],
                   label_columns: list[LabelColumn] = ()) -> list[Segment]:
    """Segments of a positional line cut by the table's known label and value columns."""
    if len(line.cells) != len(label_indices) + sum(1 + len(c.also) for c in columns) and all(
            c.x0 is not None for c in columns) and any(cell.x0 is not None for cell in line.cells):
        return _placed_segments(line, columns)  # a row of another grid (the next page's)
    segments = []
    for block in sorted({c.block for c in columns}):
        members = [c for c in columns if c.block == block]
        first = members[0].index
        previous_values = [c.index for c in columns if c.block < block]
        start = max(previous_values, default=-1)
        labels = [j for j in label_indices if start < j < first]
        parts = [line.cells[j].text.strip() for j in labels if j < len(line.cells) and line.cells[j].text.strip()]
        parts = [c.text for c in _split_code_cells([Cell(part) for part in parts])]
        parts = [part for part in parts if fold(part) not in ("类", "款", "项")]  # header cells on the 合计 row
        amounts = [_grid_amount(line, c) for c in members]
        if parts or any(text for text, _ in amounts):
            segment = _grouped_segment(parts, amounts, block, list(range(len(members))))
            segment.spans_values = bool(parts) and all(_covered(line, c) for c in members)
            if label_columns:
                segment.labels = _grid_labels(line, labels, label_columns)
            segments.append(segment)
    return _join_spanning_labels(segments)


def _covered(line: Line, column: Column) -> bool:
    """The column's cell on this line is part of a cell merged from the left."""
    cells = [line.cells[i] for i in (column.index, *column.also) if i < len(line.cells)]
    return bool(cells) and all(cell.blank and cell.x0 is None for cell in cells)


def _join_spanning_labels(segments: list[Segment]) -> list[Segment]:
    """A label cell merged across the value columns of its side and the label column of
    the next (``当年支出小计`` over both expenditure views of a three-sided 收支总表)
    names the amounts printed after it: one row, on the side where the label starts."""
    joined: list[Segment] = []
    for segment in segments:
        previous = joined[-1] if joined else None
        if previous is not None and previous.spans_values and not segment.name and not segment.code \
                and previous.block == segment.block - 1 and len(previous.amounts) == len(segment.amounts) \
                and not any(text for text, _ in previous.amounts):
            previous.amounts = segment.amounts
            previous.spans_values = False
            continue
        joined.append(segment)
    return joined


def _placed_segments(line: Line, columns: list[Column]) -> list[Segment]:
    """Cut a row by where its cells stand under the table's value columns."""
    blocks = sorted({c.block for c in columns})
    parts: dict[int, list[str]] = {b: [] for b in blocks}
    amounts: dict[int, dict[str, tuple[str, Cell]]] = {b: {} for b in blocks}
    spans: dict[int, bool] = {b: False for b in blocks}
    for cell in line.cells:
        text = cell.text.strip()
        if not text or cell.x0 is None:
            continue
        centre = (cell.x0 + cell.x1) / 2
        column = next((c for c in columns if c.x0 - 2 <= centre <= c.x1 + 2), None)
        if column is not None and parse_amount(text) is not None:
            amounts[column.block][column.key] = (text, cell)
            continue
        # A label belongs to the side whose label column it starts in, also when its
        # cell is merged across that side's value columns.
        right = [c for c in columns if c.x0 > cell.x0]
        block = right[0].block if right else blocks[-1]
        parts[block].append(text)
        spans[block] = spans[block] or any(c.block == block and c.x0 < cell.x1 - 2 for c in columns)
    segments = []
    for block in blocks:
        members = [c for c in columns if c.block == block]
        values = [amounts[block].get(c.key, ("", Cell(""))) for c in members]
        texts = parts[block]
        if texts or any(t for t, _ in values):
            segment = _grouped_segment(texts, values, block, list(range(len(members))))
            segment.spans_values = spans[block]
            segments.append(segment)
    return _join_spanning_labels(segments)


def _grid_amount(line: Line, column: Column) -> tuple[str, Cell]:
    for index in (column.index, *column.also):
        if index < len(line.cells) and line.cells[index].text.strip():
            return line.cells[index].text.strip(), line.cells[index]
    return "", Cell("")


def _rows(table: ParsedTable, segments_by_line) -> list[ParsedRow]:
    """Rows from segments.  Text and PDF words wrap a row's code and name over several
    lines before its amounts; those fragments wait (per block) for the line that
    carries the amounts, unless they already read as a row of their own."""
    rows: list[ParsedRow] = []
    pending: dict[int, tuple[Segment, Line]] = {}
    label_indices = None
    grid = bool(table.columns) and table.columns[0].index is not None
    # Per block, the last row whose label line stands above its amounts' line (PDF words):
    # (row, label top, amounts top).
    centred: dict[int, tuple[ParsedRow, float, float]] = {}
    for line, segments in segments_by_line:
        if line.positional and grid:
            label_indices = label_indices or _label_indices(table, segments_by_line)
            segments = _grid_segments(line, table.columns, label_indices, table.label_columns)
        text_sides = _text_sides(table, segments, pending) \
            if not line.positional and all(cell.x0 is None for cell in line.cells) else None
        for index, segment in enumerate(segments):
            if text_sides is not None:
                segment.block = text_sides[index]
            elif not (line.positional and grid):
                segment.block = _block_of(table, segment, index, len(segments) == 1)
            if _centred_tail(centred.get(segment.block), segment, line):
                centred[segment.block][0].name += segment.name
                continue
            held = pending.pop(segment.block, None)
            if held is not None and _continues(table, held[0], segment):
                segment.code = held[0].code or segment.code
                segment.name = held[0].name + segment.name
                segment.lines = held[0].lines + segment.lines
                line_of_row = held[1]
            else:
                if held is not None:
                    rows.append(_row(*held, table))
                line_of_row = line
            if not any(text for text, _ in segment.amounts) and not (line.positional and grid):
                pending[segment.block] = (segment, line_of_row)
                continue
            row = _row(segment, line_of_row, table, amounts_on=line)
            rows.append(row)
            if line_of_row is not line and line_of_row.top is not None and line.top is not None:
                centred[segment.block] = (row, line_of_row.top, line.top)
            else:
                centred.pop(segment.block, None)
    rows.extend(_row(*held, table) for held in pending.values())
    # A number alone with no name and no amounts is a page number, not a row.
    rows = [row for row in rows if row.name or any(v is not None for v in row.values.values())]
    rows = _drop_reprinted_totals(_join_page_wraps(rows))
    return sorted(rows, key=lambda row: row.block)  # side-by-side blocks one after the other


def _row_box(segment: Segment, lines: list[Line]) -> tuple[float, float, float, float] | None:
    """Where a row is printed: from its label to its last amount across, over the lines it
    takes (a label wrapped above its amounts).  None without positions (text files)."""
    if lines[0].page != lines[-1].page:
        lines = lines[-1:]
    tops = [line.top for line in lines if line.top is not None]
    bottoms = [line.bottom for line in lines if line.bottom is not None]
    placed = [cell for _, cell in segment.amounts if cell.x0 is not None and cell.x1 is not None]
    left = [segment.name_x0] if segment.name_x0 is not None else [cell.x0 for cell in placed]
    right = [cell.x1 for cell in placed]
    if not left or not right:  # a label alone, or amounts without positions: the printed lines
        return enclosing([line.box for line in lines if line.box])
    if not (tops and bottoms):
        return None
    return min(left), min(tops), max(right), max(bottoms)


def _cell_boxes(printed: dict[str, Cell], line: Line, columns: list[Column], values: dict
                ) -> dict[str, tuple[float, float, float, float]] | None:
    """Each value's box on its page, the printed line down: across, the printed cell, or for
    a cell left blank its column's extent (a blank 合计 is boxed too).  None without
    positions (text files)."""
    if line.top is None or line.bottom is None:
        return None
    boxes = {key: (cell.x0, line.top, cell.x1, line.bottom) for key, cell in printed.items()
             if cell.x0 is not None and cell.x1 is not None}
    for column in columns:
        if column.key in values and column.key not in boxes and column.x0 is not None and column.x1 is not None:
            boxes[column.key] = (column.x0, line.top, column.x1, line.bottom)
    return boxes or None


def _drop_reprinted_totals(rows: list[ParsedRow]) -> list[ParsedRow]:
    """A continuation page that prints the table's 合计 row again (same name, same amounts)
    repeats the total; it is not a second total to add up."""
    kept: list[ParsedRow] = []
    first: dict[tuple[int, str], ParsedRow] = {}
    for row in rows:
        if is_total(row.name) and not row.code:
            earlier = first.setdefault((row.block, fold(row.name)), row)
            if earlier is not row and earlier.page != row.page and earlier.values == row.values:
                continue
        kept.append(row)
    return kept


_MAX_WRAP_TAIL = 4


def _centred_tail(last, segment: Segment, line: Line) -> bool:
    """The second line of a wrapped label whose amounts are printed vertically centred
    between its two lines (``四、文化旅游体育与传媒`` / amounts / ``支出``)."""
    if last is None or line.top is None or segment.code or not segment.name:
        return False
    if any(text for text, _ in segment.amounts) or _starts_new_row(segment.name) or is_total(segment.name):
        return False
    _, label_top, amounts_top = last
    return label_top < amounts_top < line.top and line.top - amounts_top <= (amounts_top - label_top) + 2


def _join_page_wraps(rows: list[ParsedRow]) -> list[ParsedRow]:
    """A label wrapped over a page break: the first row of a block on a new page that is
    only the short tail of a label (``出`` under ``十七、国土海洋气象等支``), without code
    or amounts, is the end of the block's last row on the page before."""
    kept: list[ParsedRow] = []
    last: dict[int, ParsedRow] = {}
    for row in rows:
        previous = last.get(row.block)
        if previous is not None and row.page is not None and previous.page is not None \
                and row.page == previous.page + 1 and not row.code and not previous.code \
                and 0 < len(row.name) <= _MAX_WRAP_TAIL and not _starts_new_row(row.name) \
                and not is_total(row.name) and _starts_new_row(previous.name) and not is_total(previous.name) \
                and all(v is None for v in row.values.values()):
            previous.name += row.name
            continue
        kept.append(row)
        last[row.block] = row
    return kept


def _continues(table: ParsedTable, held: Segment, segment: Segment) -> bool:
    """Whether ``segment`` is the rest of the row whose beginning is ``held``."""
    if held.code and segment.code:
        return False
    if table.span.kind.layout == "sided":
        return not segment.name
    if not segment.name or not held.name:
        return True
    return not _starts_new_row(segment.name)


def _label_indices(table: ParsedTable, segments_by_line) -> list[int]:
    value_indices = {c.index for c in table.columns}
    width = max(len(line.cells) for line, _ in segments_by_line)
    return [j for j in range(width) if j not in value_indices]


_ROW_START_RE = re.compile(r"^(?:\d{3,7}|[一二三四五六七八九十廿]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、]|其中|合计|总计|小计)"
                           r"|(?:合计|总计)$")


def _starts_new_row(name: str) -> bool:
    return bool(_ROW_START_RE.search(fold(name)))


def _block_of(table: ParsedTable, segment: Segment, index: int, alone: bool) -> int:
    cells = [cell for text, cell in segment.amounts if text and cell.x1 is not None]
    if cells:
        return next((col.block for col in table.columns if col.contains(cells[0])), index)
    if segment.name_x0 is not None and any(col.x0 is not None for col in table.columns):
        # A label without amounts: its block is the one whose amounts stand to its right.
        right = [col for col in table.columns if col.x0 is not None and col.x0 > segment.name_x0]
        return right[0].block if right else table.columns[-1].block
    blocks = sorted({c.block for c in table.columns}) or [0]
    if alone and table.span.kind.layout == "sided" and len(blocks) > 1:
        return blocks[-1] if _EXPENDITURE_SIDE_RE.search(fold(segment.name)) else blocks[0]
    return min(index, blocks[-1])


# Labels of the expenditure side of a 收支 table (the income side has 收入, 拨款, 上年结转…).
_EXPENDITURE_SIDE_RE = re.compile(r"支出|结转下年|年末|结余分配|年终结转")
_EXPENDITURE_ITEM_RE = re.compile(r"^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、])?对")  # 对企业补助
_INCOME_SIDE_RE = re.compile(r"收入|拨款|资金|基金|上年结转|年初|结余")
# Affinity of a label (rows) to a side (columns): functional, economic, expenditure, income, unknown.
_AFFINITY = {
    "functional": {"income": -3, "expenditure": 2, "functional": 3, "economic": -3},
    "economic": {"income": -3, "expenditure": 2, "functional": -1, "economic": 3},
    "expenditure": {"income": -3, "expenditure": 1, "functional": 1, "economic": 1},
    "income": {"income": 1, "expenditure": -3, "functional": -3, "economic": -3},
}


def _side_kinds(header: list[Line]) -> list[str]:
    """What each side of a 收支 table lists: ``income`` first, then the expenditure views in
    the order their headers print them (按经济分类 / 支出用途 → ``economic``, 按功能分类 →
    ``functional``); a single expenditure side is ``expenditure``."""
    text = fold(" ".join(line.text for line in header))
    views = sorted((match.start(), kind) for kind, pattern in (("functional", r"功能"), ("economic", r"经济分类|支出用途"))
                   for match in [re.search(pattern, text)] if match)
    return ["income", *[kind for _, kind in views]] if len(views) == 2 else ["income", "expenditure"]


def _label_class(segment: Segment) -> str | None:
    name = fold(segment.name)
    if segment.code and code_kind(segment.code, segment.name) == "functional" or "功能" in name:
        return "functional"
    if "经济分类" in name or segment.code and code_kind(segment.code, segment.name) == "economic":
        return "economic"
    if _EXPENDITURE_SIDE_RE.search(name) or _EXPENDITURE_ITEM_RE.match(name):
        return "expenditure"
    if _INCOME_SIDE_RE.search(name):
        return "income"
    return None


def _text_sides(table: ParsedTable, segments: list[Segment], pending: dict) -> list[int] | None:
    """Sides of the segments of a plain-text line of a 收支 table, where no position says
    which side a label is printed on: left to right, each on a later side than the one
    before, choosing the sides whose kind of label they read as (a functional code on the
    functional view, 收入/拨款 on the income side, 支出 on an expenditure side); an amount
    without a label goes to the side whose label waits for it; ties go left."""
    blocks = sorted({c.block for c in table.columns})
    if table.span.kind.layout != "sided" or len(blocks) < 2 or len(segments) > len(blocks):
        return None
    kinds = table.side_kinds if len(table.side_kinds) == len(blocks) else \
        ["income", *["expenditure"] * (len(blocks) - 1)]
    best, best_score = None, None
    for combo in itertools.combinations(range(len(blocks)), len(segments)):
        score = 0
        for segment, side in zip(segments, combo):
            label = _label_class(segment) if segment.name or segment.code else None
            if label is not None:
                score += _AFFINITY[label][kinds[side]]
            elif not segment.name and blocks[side] in pending:
                score += 1
        if best_score is None or score > best_score:
            best, best_score = combo, score
    return [blocks[side] for side in best]


def _row(segment: Segment, line: Line, table: ParsedTable, amounts_on: Line | None = None) -> ParsedRow:
    """The row whose label starts on ``line`` and whose amounts are printed on ``amounts_on``
    (the same line, or the last of a label wrapped above its amounts)."""
    amounts_on = amounts_on or line
    values, candidates, printed = place_values(table.columns, segment.amounts, segment.block, segment.slots)
    row = ParsedRow(code=segment.code, name=segment.name, values=values, page=line.page, line_no=line.line_no,
                    block=segment.block, box=_row_box(segment, [line, amounts_on]),
                    cells=_cell_boxes(printed, amounts_on, block_columns(table.columns, segment.block), values))
    row.candidates = candidates
    if table.label_columns:
        labels = segment.labels if segment.labels is not None else _text_labels(segment, table.label_columns)
        row.labels = _settle_labels(labels, table)
        row.name = _most_specific(row.labels, table.span.kind.key) or row.name
    elif segment.parallel:
        row.labels = _classification_labels([(segment.code, segment.name), *segment.parallel])
    return row


# The label keys of a code and its name, by the classification the code's first digit
# gives: 支出功能分类 2xx, 部门预算经济分类 3xx, 政府预算经济分类 5xx.
_CLASSIFICATION_LABELS = {"2": ("subject_code", "subject"), "3": ("economic_code", "economic_subject"),
                          "5": ("gov_economic_code", "gov_economic_subject")}


def _classification_labels(groups: list[tuple[str | None, str]]) -> dict[str, str]:
    """The labels of a row that prints codes of several classifications side by side."""
    labels: dict[str, str] = {}
    for code, name in groups:
        code_key, name_key = _CLASSIFICATION_LABELS.get((code or " ")[0], ("code", "name"))
        if code_key in labels:
            continue  # one code per classification; a second one is not this row's
        if code:
            labels[code_key] = code
        if name:
            labels[name_key] = name
    return labels


# --- labels: the text cells of a row by column (projects, procurement) -----------------

_LABELLED = ("projects", "procurement")
# The text that names a row, most specific first.
_NAME_KEYS = {
    "projects": ("project", "unit", "subject"),
    "procurement": ("item", "economic_subject", "project", "category", "unit", "subject"),
}
_CODE_KEYS = ("subject_code", "economic_code", "unit_code", "project_code")
_ORGANISATION_RE = re.compile(r"局|本级|院$|中心$|办事处|委员会|政府|街道|学校|医院")
_UNIT_NAME_END_RE = re.compile(r"(局|院|本级|中心|办事处|委员会|政府|街道|所|站|队|馆|社|学校|医院|处|室|部)$")


def _label_columns(table: ParsedTable, header: list[Line], segments_by_line) -> list[LabelColumn]:
    """The text columns of the table, from the header: by cell index in a grid, else in
    printed order from the header text (labels before the first value label)."""
    if table.columns and table.columns[0].index is not None:
        indices = _label_indices(table, segments_by_line)
        paths = header_paths(header, indices) if header else {}
        found = []
        for j in indices:
            path = [p for p in paths.get(j, []) if p]
            key = next((k for k in (label_column_key(p) for p in reversed(path)) if k), None) \
                or (label_column_key("".join(path)) if path else None)
            found.append(LabelColumn(key or (fold(path[-1]) if path else f"c{j + 1}"), "/".join(path), j))
        return found
    text = fold("".join(line.text for line in header))
    found, position = [], 0
    while position < len(text):
        for end in range(min(len(text), position + 12), position, -1):
            piece = text[position:end]
            key = label_column_key(piece)
            if key is not None:
                found.append(LabelColumn(key, piece))
                position = end
                break
            if label_key(piece) is not None and not is_label_header(piece):
                return found  # the value columns start
        else:
            position += 1
    return found


def _grid_labels(line: Line, indices: list[int], label_columns: list[LabelColumn]) -> dict[str, str]:
    by_index = {c.index: c for c in label_columns}
    labels: dict[str, str] = {}
    for j in indices:
        cell = line.cells[j] if j < len(line.cells) else Cell("")
        text = cell.text.strip() or (cell.spanned or "").strip()  # one label printed for several rows
        column = by_index.get(j)
        if not text or column is None or column.key not in _CODE_KEYS and _CODE_RE.match(text):
            continue  # a bare number in a name column is a code, not a name
        labels[column.key] = labels.get(column.key, "") + text
    return labels


def _text_cells(lines: list[tuple[list[str], bool]]) -> list[str]:
    """Label cells of a plain-text row.  Cells printed on one line are separate; a cell
    wrapped over several lines comes as lines holding only that text, which are joined
    (武汉市东西湖区医疗保障局本 / 级).  Where the extraction ends each cell with a space,
    a line without it is the one that wraps, and several wrapped cells in a row
    (医保服务 / 中心工作经费 | 办公设 / 备、印刷) are told apart."""
    cells: list[str] = []
    marked = any(not open_end for _, open_end in lines)
    run = False
    for parts, open_end in lines:
        alone = len(parts) == 1 and not _CODE_RE.match(parts[0])
        if alone and run:
            cells[-1] += parts[0]
        else:
            cells.extend(parts)
        run = alone and (open_end or not marked)
    return cells


def _text_labels(segment: Segment, label_columns: list[LabelColumn]) -> dict[str, str]:
    """Plain-text label cells placed on the table's text columns in printed order; a code
    goes to the code column of its kind (functional → 科目编码, other → 单位编码 or 项目编码)
    and the names after it to the following name columns, a unit-name column only taking a
    name that names an organisation."""
    labels: dict[str, str] = {}
    position, last = 0, None
    keys = [c.key for c in label_columns]
    for cell in _text_cells(segment.lines):
        if _CODE_RE.match(cell):
            wanted = ("subject_code", "economic_code") if code_kind(cell, "") in ("functional", "economic") \
                else ("unit_code", "project_code")
            target = next((i for i in range(position, len(keys)) if keys[i] in wanted), None)
            if target is None:
                continue
        else:
            names = [i for i in range(position, len(keys)) if keys[i] not in _CODE_KEYS]
            if names and keys[names[0]] == "unit" and len(names) > 1 and not _UNIT_NAME_END_RE.search(cell):
                names = names[1:]
            target = names[0] if names else None
            if target is None:
                if last is not None:
                    labels[keys[last]] += cell  # more text than columns: the last cell wrapped
                continue
            last = target
        labels[keys[target]] = cell
        position = target + 1
    return labels


def _settle_labels(labels: dict[str, str], table: ParsedTable) -> dict[str, str]:
    """Totals and group rows: a 合计 is no project; a row that only prints a name in the
    project column while the table has other name columns is a unit (or group) row."""
    labels = {k: v for k, v in labels.items() if not (k not in _CODE_KEYS and is_total(v))}
    names = [k for k in labels if k not in _CODE_KEYS]
    others = [c.key for c in table.label_columns if c.key not in _CODE_KEYS and c.key != "project"]
    if names == ["project"] and others and _ORGANISATION_RE.search(labels["project"]):
        labels["unit"] = labels.pop("project")
    return labels


def _most_specific(labels: dict[str, str] | None, kind: str) -> str | None:
    if not labels:
        return None
    return next((labels[k] for k in _NAME_KEYS.get(kind, ()) if labels.get(k)), None)
