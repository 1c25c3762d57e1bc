"""Value columns of a table: which they are, and which column each printed amount sits in.

Three sources of column knowledge, best first:

1. a positional grid (ruled PDF table, tab-separated text): every cell has its column
   index, the header cells above a column give its label path;
2. PDF words without a grid: amounts are clustered by their right edge (numbers are
   right-aligned) and header words are assigned to the cluster they stand over;
3. plain text: the header's known labels in reading order, checked against the printed
   column count (``栏次 1 2 3``) or the widest row.

``place_values`` then gives each row its values.  A plain-text row with fewer amounts than
columns does not say where its blanks are; the candidates that respect the row's own
identity (total = sum of the parts) and the table's hierarchy (parent = sum of children)
are kept, and a row still ambiguous after that is placed left to right and flagged
``uncertain`` so that no check treats the guess as fact.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from decimal import Decimal

from ..amounts import parse_amount
from ..sources import Cell, Line
from ..templates import column_groups
from .catalogue import (PREVIOUS_YEAR, TableKind, column_key, fold, fuzzy_key, is_generic, is_label_header,
                        known_layouts, label_key, printed_year)

_MAX_COMBINATIONS = 4096


@dataclass
class Column:
    key: str
    label: str
    block: int = 0
    index: int | None = None  # cell index in positional lines
    also: tuple[int, ...] = ()  # other cell indices of the same column (misaligned grid rows)
    x0: float | None = None
    x1: float | None = None

    def contains(self, cell: Cell) -> bool:
        if self.x0 is None or cell.x1 is None:
            return False
        return self.x0 - 2 <= (cell.x0 + cell.x1) / 2 <= self.x1 + 2 or abs(cell.x1 - self.x1) <= 4


# A 小计 column printed right before these parts (its group label unreadable) is their
# group (``groups.subtotal_before`` of data/columns.json).
_SUBTOTAL_OF = column_groups().subtotal_before
_SCOPES = column_groups().scopes


def unique_keys(columns: list[Column]) -> list[Column]:
    """Make keys unique within a block, keeping the first and numbering repeats.  A 小计
    right before 公务用车购置费 is ``vehicles``; a “三公”
    经费 column after the table's 合计 is the 三公 subtotal (合计 = 三公 + 会议费 + 培训费):
    ``three_public``; a column of an earlier year is ``prior_year``."""
    _prior_year_keys(columns)
    _year_block_keys(columns)
    totals: set[int] = set()
    for index, column in enumerate(columns):
        following = columns[index + 1].key if index + 1 < len(columns) else None
        leads_block = all(c.block != column.block for c in columns[:index])  # a 小计 printed first is the total
        if fold(column.label.rsplit("/", 1)[-1]) == "小计" and following in _SUBTOTAL_OF and not leads_block and not any(
                c.key == _SUBTOTAL_OF[following] and c.block == column.block for c in columns):
            column.key = _SUBTOTAL_OF[following]  # 小计 | 公务用车购置费 | 公务用车运行费: vehicles
            if "/" in column.label and label_key(column.label.rsplit("/", 1)[0].rsplit("/", 1)[-1]) != column.key:
                column.label = column.label.rsplit("/", 1)[-1]  # the group above it was guessed wrong
        elif column.key == "total" and column.block in totals and "三公" in fold(column.label):
            column.key = "three_public"
        elif column.key == "total":
            totals.add(column.block)
    seen: dict[tuple[int, str], int] = {}
    for column in columns:
        slot = (column.block, column.key)
        scoped = _scoped_key(column)
        if slot in seen and scoped and (column.block, scoped) not in seen:
            column.key = scoped  # 上年结转结余/基本支出 beside 当年预算/基本支出: carryover_basic
            seen[(column.block, scoped)] = 1
        elif slot in seen:
            seen[slot] += 1
            column.key = f"{column.key}_{seen[slot]}"
        else:
            seen[slot] = 1
    return columns


def _scoped_key(column: Column) -> str | None:
    """The key of a column printed again under a scope heading (``groups.scopes``: 上年结转
    结余 over a copy of the table's own columns): the scope's key before its own."""
    headings = column.label.split("/")[:-1]
    scope = next((key for key in map(label_key, reversed(headings)) if key in _SCOPES), None)
    return f"{scope}_{column.key}" if scope else None


def _prior_year_keys(columns: list[Column]) -> None:
    """Columns that name an earlier year than another column of the table (``2023年预算数``
    beside ``2024年预算数``), and ``上年预算数`` / ``上年决算数`` columns, hold earlier years'
    amounts: ``prior_year`` (their label keeps the year).  The year a table's own amounts
    are for is then the other column, which becomes the row's amount (``total``) when it
    is alone in its block.  A 预算数 | 决算数 pair of one year is left alone: it compares
    budget with actual, not years."""
    years = [printed_year(column.label) for column in columns]
    latest = max((year for year in years if isinstance(year, int)), default=None)
    earlier = [year == PREVIOUS_YEAR or isinstance(year, int) and year < latest for year in years]
    if not any(earlier):
        return
    for column, is_earlier in zip(columns, earlier):
        if is_earlier:
            column.key = "prior_year"
    _single_value_keys([column for column, is_earlier in zip(columns, earlier) if not is_earlier])


def _year_block_keys(columns: list[Column]) -> None:
    """Columns under headings that name years (2025年预算数 and 2026年预算数, each over
    合计 · 因公出国 · 公车 · 接待, or a lone 2025年预算数 column beside 2026年预算数 over
    总计 · 基本支出 · 项目支出): the latest year's block holds the table's own amounts,
    its 合计 being the ``total``; an earlier year's block restates that year:
    ``prior_year`` for its 合计, ``prior_year_<key>`` for the others, so that no check
    takes them for this year's."""
    headings = [_heading_year(column.label) for column in columns]
    years = {year for year, _ in headings if year is not None}
    if len(years) < 2:
        return
    latest = max(years)
    for column, (year, heading_key) in zip(columns, headings):
        if year is None or column.key.startswith("prior_year"):
            continue  # no year, or keyed by its own label's year already
        own_total = column.key in (heading_key, "total")
        if year == latest:
            column.key = "total" if own_total else column.key
        else:
            column.key = prior_year_key("total" if own_total else column.key)


def prior_year_key(key: str) -> str:
    """The key of the column that prints the previous year's ``key`` beside this year's
    (``prior_year`` for the ``total``, ``prior_year_abroad`` for ``abroad``)."""
    return "prior_year" if key == "total" else f"prior_year_{key}"


def column_year(label: str, report_year: int | None) -> int | None:
    """The year a column's label, or a heading above it, names (``2025年预算数/公务接待费``
    → 2025); ``上年预算数`` is the year before the report's."""
    for part in label.split("/"):
        year = printed_year(part)
        if year is not None:
            return year if isinstance(year, int) else report_year - 1 if report_year else None
    return None


def _heading_year(label: str) -> tuple[int | None, str | None]:
    """The year a heading above the column names (``2025年预算数``/因公出国（境）费 →
    2025), or the column's own label (``2025年预算数`` beside ``2026年预算数``/总计 …),
    with the key of the label that names it (``budget``)."""
    for part in label.split("/"):
        year = printed_year(part)
        if isinstance(year, int):
            return year, label_key(part)
    return None, None


def _is_placeholder(key: str) -> bool:
    """``c1``, ``c2``…: a column whose printed label the catalogue does not know."""
    return re.fullmatch(r"c\d+", key) is not None


_KEY_NOISE_RE = re.compile(r"[^\w]+")


def name_unknown_columns(columns: list[Column], page: int | None) -> list[dict]:
    """Give each column whose label the catalogue does not know a key made of its printed
    label (``使用非财政拨款结余``) instead of its position (``c12``), so that the same
    label is the same key in every table and document; and say so in a table problem
    (``unknown_column``), so that the sum rules leave the column out knowingly.  A column
    with no readable label keeps its position key, and is reported too."""
    problems = []
    taken = {c.key for c in columns}
    for column in columns:
        if not _is_placeholder(column.key):
            continue
        derived = _label_derived_key(column.label)
        if derived and derived not in taken:
            column.key = derived
            taken.add(derived)
        shown = column.label or "（无表头文字）"
        problems.append({"code": "unknown_column", "column": column.key, "page": page,
                         "message": f"栏目“{shown}”未能识别（记为 {column.key}），不参与加总核对"})
    return problems


def _label_derived_key(label: str) -> str | None:
    """The most specific label of a header path that is not generic (其他专户收入/小计 →
    ``其他专户收入``), folded, without punctuation."""
    for part in reversed(label.split("/")):
        if is_generic(part):
            continue
        key = _KEY_NOISE_RE.sub("", fold(part))
        if key:
            return key
    return None


def _fallback_key(labels: list[str], position: int) -> str:
    return column_key(labels) or (fuzzy_key(labels[-1]) if labels else None) or f"c{position + 1}"


# --- 1. positional grids --------------------------------------------------------------

def grid_roles(header: list[Line], body: list[Line]) -> tuple[list[int], list[int]]:
    """(label column indices, value column indices) of a positional table."""
    width = max(len(line.cells) for line in header + body)
    labels, values = [], []
    for j in range(width):
        cells = [line.cells[j].text.strip() for line in body if j < len(line.cells)]
        amounts = sum(1 for t in cells if t and parse_amount(t) is not None and not re.fullmatch(r"\d{2,7}", t))
        texts = sum(1 for t in cells if t and (parse_amount(t) is None or re.fullmatch(r"\d{2,7}", t)))
        head = [line.cells[j].text for line in header if j < len(line.cells) and line.cells[j].text.strip()]
        head_is_label = any(is_label_header(h) for h in head) and not any(label_key(h) for h in head)
        if head_is_label or texts > amounts:
            labels.append(j)
        elif amounts or head:
            values.append(j)
    return labels, values


def header_paths(header: list[Line], indices: list[int]) -> dict[int, list[str]]:
    """Label path (top to leaf) of each column; a merged header cell spans to the right."""
    if not any(cell.x0 is not None for line in header for cell in line.cells):
        return _tab_header_paths(header, indices)
    filled: list[list[str]] = []
    for row_index, line in enumerate(header):
        row, last = [], ""
        for j in range(max(indices, default=-1) + 1):
            cell = line.cells[j] if j < len(line.cells) else Cell("")
            covered = cell.blank and cell.x0 is None and line.cells and line.cells[0].x0 is not None
            # Fill from the left inside the parent group: a covered (merged) cell in a
            # ruled grid, or a blank upper-header cell in tab text.
            upper = row_index < len(header) - 1 and cell.blank and not line.cells[0].x0
            same_parent = not filled or j == 0 or filled[-1][j] == filled[-1][j - 1]
            if cell.blank and (covered or upper) and same_parent and j > 0:
                row.append(last)
            else:
                last = cell.text.strip()
                row.append(last)
        filled.append(row)
    paths = {}
    for j in indices:
        path: list[str] = []
        for row in filled:
            if row[j] and (not path or path[-1] != row[j]):
                path.append(row[j])
        paths[j] = path
    return paths


def _tab_header_paths(header: list[Line], indices: list[int]) -> dict[int, list[str]]:
    """Header paths of tab-separated text, where upper header rows are often shifted by
    a cell (merged cells exported as tabs): the leaf is the lowest label of the column,
    and only a generic leaf (小计) looks one cell either side above for its group."""
    paths = {}
    for j in indices:
        column = [line.cells[j].text.strip() if j < len(line.cells) else "" for line in header]
        filled = [i for i, text in enumerate(column) if text]
        if not filled:
            paths[j] = []
            continue
        # The lowest label the catalogue knows (OCR garbles some), else the lowest one.
        known = [i for i in filled if label_key(column[i]) is not None]
        leaf_row = known[-1] if known else filled[-1]
        path = [column[leaf_row]]
        if label_key(path[0]) in _FUND_KEYS:
            group = _fund_group(header[:leaf_row], j)
            if group:
                path.insert(0, group)
        elif column_key([path[0]]) in (None, "total") and fold(path[0]) in ("小计", "合计"):
            for line in reversed(header[:leaf_row]):
                near = [line.cells[k].text.strip() for k in (j, j + 1, j - 1) if 0 <= k < len(line.cells)]
                group = next((text for text in near if label_key(text) and label_key(text) != "total"), None)
                if group:
                    path.insert(0, group)
                    break
        paths[j] = path
    return paths


_CJK_RE = re.compile(r"[\u4e00-\u9fff]{2}")


def _fund_group(upper: list[Line], j: int) -> str | None:
    """The group printed above a fund column of tab text (本年拨款, 财政拨款结转结余): the
    nearest readable upper cell, the upper rows being shifted by a cell or so."""
    for line in reversed(upper):
        for k in (j, j + 1, j - 1, j - 2):
            text = line.cells[k].text.strip() if 0 <= k < len(line.cells) else ""
            if _CJK_RE.search(text):
                return text
    return None


def _grid_key(path: list[str], position: int) -> str:
    """A fund column under a 结转 group (财政拨款结转结余/一般公共预算) is that fund's
    carry-over: ``carryover_general_budget``."""
    key = _fallback_key(path, position)
    if key in _FUND_KEYS and any("结转" in fold(p) for p in path[:-1]):
        return f"carryover_{key}"
    return key


def columns_from_grid(header: list[Line], body: list[Line]) -> list[Column]:
    labels, values = grid_roles(header, body)
    if not values:
        return []
    paths = header_paths(header, values)
    columns: list[Column] = []
    block = 0
    for position, j in enumerate(values):
        if position and any(values[position - 1] < k < j for k in labels):
            block += 1
        columns.append(Column(key=_grid_key(paths[j], position), label="/".join(paths[j]), block=block, index=j))
    columns = _merge_misaligned(columns, body)
    for column in columns:  # where the column stands on the page, for rows of other grids
        spans = [(cell.x0, cell.x1) for line in body for cell in _cells(column, line)
                 if not cell.blank and cell.x0 is not None]
        if spans:
            column.x0, column.x1 = min(s[0] for s in spans), max(s[1] for s in spans)
    _unread_totals(columns)
    return unique_keys(_single_value_keys(columns))


def _unread_totals(columns: list[Column]) -> None:
    """Every standard table prints its total first, on each side: a side whose first
    label is unreadable or unknown (全年安排 | 上年结转 on the 支出 side of a 收支总表) and
    that has no other total begins with it."""
    for block in sorted({c.block for c in columns}):
        members = [c for c in columns if c.block == block]
        if _is_placeholder(members[0].key) and not any(c.key == "total" for c in members):
            members[0].key = "total"


def _merge_misaligned(columns: list[Column], body: list[Line]) -> list[Column]:
    """One printed column split over two grid indices (rows drawn with different cell
    boxes): neighbours that never both hold a value and overlap on the page are one."""
    merged: list[Column] = []
    for column in columns:
        previous = merged[-1] if merged else None
        if previous is not None and previous.block == column.block and _never_together(previous, column, body) \
                and _overlap(previous, column, body) and (not previous.label or not column.label):
            previous.also += (column.index,)
            previous.label = previous.label or column.label
            if _is_placeholder(previous.key) and not _is_placeholder(column.key):
                previous.key = column.key
            continue
        merged.append(column)
    return merged


def _cells(column: Column, line: Line) -> list[Cell]:
    return [line.cells[i] for i in (column.index, *column.also) if i < len(line.cells)]


def _never_together(a: Column, b: Column, body: list[Line]) -> bool:
    return not any(any(not c.blank for c in _cells(a, line)) and any(not c.blank for c in _cells(b, line))
                   for line in body)


def _overlap(a: Column, b: Column, body: list[Line]) -> bool:
    spans = lambda col: [(c.x0, c.x1) for line in body for c in _cells(col, line) if not c.blank and c.x0 is not None]
    return any(x0 < y1 and y0 < x1 for x0, x1 in spans(a) for y0, y1 in spans(b))


def _single_value_keys(columns: list[Column]) -> list[Column]:
    """A block with one value column (金额, 预算数, 决算数) holds the row's amount: ``total``."""
    blocks: dict[int, list[Column]] = {}
    for column in columns:
        blocks.setdefault(column.block, []).append(column)
    for members in blocks.values():
        leaf = members[0].label.rsplit("/", 1)[-1]
        if len(members) == 1 and (members[0].key in ("budget", "actual", "total") or _is_placeholder(members[0].key)
                                  or is_generic(leaf) and label_key(leaf) in ("budget", "actual", "")):
            members[0].key = "total"
    return columns


_MIN_LAYOUT_EVIDENCE = 6


def apply_layout(table_key: str, columns: list[Column]) -> list[Column]:
    """Keys from a known layout when the header left some unreadable (``c4``) or repeated
    (``total_2``) and every readable key agrees with the layout at its place."""
    if not any(_is_placeholder(c.key) or re.search(r"_\d+$", c.key) for c in columns):
        return columns
    for layout in known_layouts(table_key):
        if len(layout) != len(columns) or len({c.block for c in columns}) != 1:
            continue
        exact = 0
        for column, expected in zip(columns, layout):
            base = re.sub(r"_\d+$", "", column.key)
            if column.key == expected:
                exact += 1
            elif not (_is_placeholder(column.key) or base != column.key or expected.endswith("_" + base)):
                break
        else:
            if exact >= _MIN_LAYOUT_EVIDENCE or exact == len(layout) - 1:
                for column, expected in zip(columns, layout):
                    column.key = expected
                return columns
    return columns


# --- 2. PDF words ---------------------------------------------------------------------

def columns_from_positions(header: list[Line], segments) -> list[Column]:
    """Columns from the horizontal extent of the amounts: two amounts whose extents
    overlap are in the same column (numbers are aligned within their cell)."""
    spans = sorted((cell.x0, cell.x1) for seg in segments for text, cell in seg.amounts
                   if text and cell.x1 is not None)
    clusters: list[list[float]] = []
    for x0, x1 in spans:
        if clusters and x0 < clusters[-1][1] - 0.5:
            clusters[-1][1] = max(clusters[-1][1], x1)
        else:
            clusters.append([x0, x1])
    words_of = []
    for index, (x0, x1) in enumerate(clusters):
        previous = clusters[index - 1][1] if index else None
        words = [c for line in header for c in line.cells if c.x0 is not None and not c.blank
                 and c.x1 > (previous if previous is not None else x0 - 60) + 2 and c.x0 < x1 + 8]
        words = [w for w in words if (w.x0 + w.x1) / 2 > (previous if previous is not None else -1)]
        words_of.append(_without_neighbours_words([w for w in words if not _is_label_header_word(w, header)],
                                                  header, clusters, index))
    _spread_headings(words_of, header)
    columns = []
    for index, ((x0, x1), words) in enumerate(zip(clusters, words_of)):
        path = _wrapped_leaf(_stack_words(words, header))
        key = label_key("".join(path)) or _fallback_key(path, index)
        if _is_placeholder(key):
            path, key = _over_amounts_only(words, header, x0, path, key, index)
        columns.append(Column(key=key, label="/".join(path), x0=x0, x1=x1))
    blocks = _blocks_by_label_gaps(columns, segments)
    for column, block in zip(columns, blocks):
        column.block = block
    return unique_keys(_single_value_keys(columns))


def _without_neighbours_words(words: list[Cell], header: list[Line], clusters: list[list[float]],
                              index: int) -> list[Cell]:
    """The column's header words without the words of the next column (一般公共预 政府性
    基金 side by side, 教育收费 a line lower); a word above all of the column's own words
    is kept (a heading set off centre, 财政拨款支出 over 合计), unless it is the first piece
    of the next column's wrapped label (一般公共预 over 合计, 算 below it)."""
    kept, own_seen = [], False
    for number, line in enumerate(header):
        on_line = [w for w in words if any(w is c for c in line.cells)]
        own = [w for w in on_line if not _over_neighbour(w, clusters, index)]
        if own or own_seen:
            kept += own
        else:
            kept += [w for w in on_line if not _wraps_below(w, header[number + 1:])]
        own_seen = own_seen or bool(own)
    return kept


def _wraps_below(word: Cell, below: list[Line], known=lambda text: label_key(text) is not None) -> bool:
    """Whether ``word`` is the start of a ``known`` label wrapped onto the lines below it,
    within its own width (一般公共预 / 算), not a label of its own."""
    if known(word.text):
        return False
    text = word.text
    for line in below:
        pieces = [c.text for c in line.cells if c.x0 is not None and not c.blank
                  and word.x0 - 2 <= c.x0 and c.x1 <= word.x1 + 2]
        if not pieces:
            continue
        text += "".join(pieces)
        if known(text):
            return True
    return False


def _is_label_header_word(word: Cell, header: list[Line]) -> bool:
    """A header word of a text column, whole or the start of one wrapped below it
    (支出项目类别（资金使用单 / 位）)."""
    if is_label_header(word.text):
        return True
    below = next((header[n + 1:] for n, line in enumerate(header) if any(c is word for c in line.cells)), [])
    return _wraps_below(word, below, is_label_header)


# How far apart (points) the middles of two labels may stand and still be on one header row.
_SAME_ROW = 3.0


def _spread_headings(words_of: list[list[Cell]], header: list[Line]) -> None:
    """A group heading without rules reaches only the columns whose amounts stand under its
    words (财政拨款 over 一般公共预算 · 政府性基金预算, not over the 合计 and the 国有资本经营预算
    of its group): it is centred over its group, so it spreads to the columns beside it
    while that makes the run it heads better centred under it (or as well: a wider run),
    over columns whose labels stand on the row of its other columns' labels (not a label
    centred on the whole header, such as 总计 or 财政专户拨款 beside the group) and print
    nothing as high as it but another heading that is as well centred without them."""
    top_of = {id(c): line.top for line in header for c in line.cells}
    if any(top is None for top in top_of.values()):
        return
    for heading in _headings(words_of):
        _spread(heading, words_of, top_of)


def _headings(words_of: list[list[Cell]]) -> list[Cell]:
    """Words over several columns, each once, left to right."""
    runs: dict[int, list[int]] = {}
    found: dict[int, Cell] = {}
    for index, words in enumerate(words_of):
        for word in words:
            runs.setdefault(id(word), []).append(index)
            found[id(word)] = word
    return [found[key] for key, run in runs.items() if len(run) > 1 and run == list(range(run[0], run[-1] + 1))]


def _run_of(heading: Cell, words_of: list[list[Cell]]) -> list[int]:
    return [index for index, words in enumerate(words_of) if any(w is heading for w in words)]


def _spread(heading: Cell, words_of: list[list[Cell]], top_of: dict) -> None:
    run = _run_of(heading, words_of)
    below = [[w for w in words if top_of[id(w)] > top_of[id(heading)]] for words in words_of]
    if not all(below[i] for i in run):
        return
    row = _label_middle(below[run[0]], top_of)

    def off_centre(columns: list[int], word: Cell) -> float:
        lows = [below[i] if word is heading else [w for w in words_of[i] if top_of[id(w)] > top_of[id(word)]]
                for i in columns]
        if not all(lows):
            return float("inf")
        return abs((_label_centre(lows[0]) + _label_centre(lows[-1])) / 2 - (word.x0 + word.x1) / 2)

    def releases(index: int) -> bool:
        """Whether column ``index`` may come under the heading: nothing printed as high as it
        but other headings, each as well centred without the column."""
        for word in [w for w in words_of[index] if w not in below[index]]:
            others = _run_of(word, words_of)
            if top_of[id(word)] != top_of[id(heading)] or index not in (others[0], others[-1]) or len(others) < 2:
                return False
            rest = [i for i in others if i != index]
            if off_centre(rest, word) > off_centre(others, word) + 1:
                return False
        return True

    def fits(index: int) -> bool:
        return 0 <= index < len(words_of) and bool(below[index]) \
            and abs(_label_middle(below[index], top_of) - row) <= _SAME_ROW and releases(index)

    first, last = run[0], run[-1]
    while True:
        options = [(off_centre(list(range(a, b + 1)), heading), -(b - a), a, b)
                   for a, b in ((first - 1, last + 1), (first - 1, last), (first, last + 1))
                   if all(fits(i) for i in (a, b) if not first <= i <= last)]
        if not options:
            return
        best, _, a, b = min(options)
        if best > off_centre(list(range(first, last + 1)), heading) + 1:
            return
        for index in {a, b} - set(range(first, last + 1)):
            words_of[index][:] = [heading] + below[index]
        first, last = a, b


def _label_centre(words: list[Cell]) -> float:
    return (min(w.x0 for w in words) + max(w.x1 for w in words)) / 2


def _label_middle(words: list[Cell], top_of: dict) -> float:
    tops = [top_of[id(w)] for w in words]
    return (min(tops) + max(tops)) / 2


def _over_neighbour(word: Cell, clusters: list[list[float]], index: int) -> bool:
    """A header word as narrow as a column, centred right of this column's amounts: the
    next column's label (一般公共预 | 政府性基金 printed close together), or the label of
    a column with no amount on the page, not this one's.  A wider word is a heading over
    several columns and stays with each."""
    centre = (word.x0 + word.x1) / 2
    left, right = clusters[index]
    if centre <= right + 2:
        return False
    if index + 1 < len(clusters):
        return word.x1 - word.x0 <= clusters[index + 1][1] - right
    return word.x0 >= left  # right of the last amounts, over no amount of this column


def _over_amounts_only(words: list[Cell], header: list[Line], x0: float, path: list[str], key: str,
                       index: int) -> tuple[list[str], str]:
    """An unknown label made of the column's words and the words of columns left of it
    that print no amount on the page (人员经费 公用经费 | 项目支出 over the 项目支出
    amounts): the words over the amounts alone, when they name a known column."""
    over = [w for w in words if w.x1 >= x0 - 2]
    narrowed = _wrapped_leaf(_stack_words(over, header))
    found = label_key("".join(narrowed)) or _fallback_key(narrowed, index) if narrowed else None
    return (narrowed, found) if found and not _is_placeholder(found) else (path, key)


def _wrapped_leaf(path: list[str]) -> list[str]:
    """A label wrapped over the lowest lines of a header without rules (一般公共预 / 算)
    is one leaf: the longest run of lowest lines that joins into a known label."""
    for start in range(len(path) - 1):
        joined = "".join(path[start:])
        if label_key(joined) is not None:
            return path[:start] + [joined]
    return path


def _stack_words(words: list[Cell], header: list[Line]) -> list[str]:
    """Header words over one column, top line first, joined within a line: the column's
    label path (财政拨款支出 / 合计)."""
    by_line = []
    for line in header:
        members = [c.text for c in line.cells if any(c is w for w in words)]
        if members:
            by_line.append("".join(members))
    return by_line


def _blocks_by_label_gaps(columns: list[Column], segments) -> list[int]:
    """Columns separated by a name printed between them belong to different blocks."""
    blocks, block = [], 0
    names_x = sorted({seg.name_x0 for seg in segments if seg.name_x0 is not None})
    for index, column in enumerate(columns):
        if index and any(columns[index - 1].x1 < x < column.x0 for x in names_x):
            block += 1
        blocks.append(block)
    return blocks


# --- 3. plain text --------------------------------------------------------------------

def header_labels(header: list[Line]) -> list[str]:
    """Known value labels found in the header text, in reading order (longest match first)."""
    text = fold("".join(line.text for line in header))
    found = []
    position = 0
    while position < len(text):
        for end in range(min(len(text), position + 24), position, -1):
            piece = text[position:end]
            if label_key(piece) is not None and not is_label_header(piece):
                found.append(piece)
                position = end
                break
        else:
            position += 1
    return found


def columns_from_labels(header: list[Line], declared: int | None, segments_by_line, kind: TableKind) -> list[Column]:
    labels = _merge_generic(header_labels(header))
    blocks = max((len(segs) for _, segs in segments_by_line), default=1)
    if kind.layout == "sided" or blocks > 1:
        return _block_columns(labels, segments_by_line, blocks)
    widest = max((len([a for a in seg.amounts if a[0]]) for _, segs in segments_by_line for seg in segs), default=0)
    count = declared or widest
    if not declared and len(labels) > widest and any(
            len(seg.amounts) == len(labels) for _, segs in segments_by_line for seg in segs):
        count = len(labels)  # rows whose spacing kept every blank cell show the full width
    if count == 0:
        return [Column(key="total", label=labels[0] if labels else "")]
    if declared and len(labels) < declared and widest <= len(labels):
        count = len(labels)  # the numbering also counted the label columns (1 2 3 … under 科目编码)
    measured = _resolve_measures(labels, count) if len(labels) != count else None
    if measured is not None:
        columns = [Column(key=_measured_key(path, i), label="/".join(path)) for i, path in enumerate(measured)]
        return unique_keys(columns)
    chosen = [[label] for label in labels] if len(labels) == count else _resolve_groups(labels, count)
    columns = [Column(key=_fallback_key(path, i), label="/".join(path)) for i, path in enumerate(chosen)]
    columns += [Column(key=f"c{i + 1}", label="") for i in range(len(columns), count)]
    return unique_keys(_single_value_keys(columns[:count]))


def _merge_generic(labels: list[str]) -> list[str]:
    """``本年支出`` + ``小计`` printed in two header rows name one column."""
    merged: list[str] = []
    for label in labels:
        if merged and fold(label) in ("小计", "合计") and label_key(merged[-1]) == "total":
            continue
        merged.append(label)
    return merged


_FUND_KEYS = ("general_budget", "gov_fund", "state_capital")


def _block_columns(labels: list[str], segments_by_line, blocks: int) -> list[Column]:
    """Side-by-side layouts in plain text: one amount column per side or block, except an
    expenditure side split by fund (合计 / 一般公共预算 / 政府性基金 / 国有资本经营)."""
    columns = []
    funds = [label for label in labels if label_key(label) in _FUND_KEYS]
    for block in range(blocks):
        widest = max((len([a for a in segs[block].amounts if a[0]]) for _, segs in segments_by_line
                      if len(segs) > block), default=1)
        if block and widest > 1 and funds:
            columns.append(Column("total", "合计", block))
            columns.extend(Column(label_key(f), f, block) for f in funds)
        else:
            amount_label = next((l for l in labels if label_key(l) in ("budget", "actual", "total", "")), "")
            columns.append(Column("total", amount_label, block))
    return unique_keys(columns)


_MEASURES = ("budget", "actual")


def _resolve_measures(labels: list[str], count: int) -> list[list[str]] | None:
    """Leaf paths of a header whose top level is a measure printed once per block of
    columns (预算数 | 决算数), the labels under it printed level by level for every block:
    ``预算数 决算数 | 合计 出国 公车 接待 合计 出国 公车 接待 | 小计 购置 运行 小计 购置 运行``."""
    measures = []
    while len(measures) < len(labels) and label_key(labels[len(measures)]) in _MEASURES and is_generic(
            labels[len(measures)]):
        measures.append(labels[len(measures)])
    blocks = len(measures)
    if blocks < 2:
        return None
    rest = labels[blocks:]
    levels: list[list[str]] = []
    while rest:
        period = next((p for p in range(1, len(rest) // blocks + 1)
                       if all(rest[b * p:(b + 1) * p] == rest[:p] for b in range(blocks))), None)
        if period is None:
            return None
        levels.append(rest[:period])
        rest = rest[period * blocks:]
    # Each level's labels go under the group labels of the level above, in order.
    tree = [[label] for label in levels[0]]
    for level in levels[1:]:
        groups = [i for i, path in enumerate(tree) if label_key(path[-1]) in _GROUP_KEYS]
        if len(groups) != 1:
            return None
        at = groups[0]
        tree[at:at + 1] = [tree[at] + [label] for label in level]
    paths = [[measure] + path for measure in measures for path in tree]
    return paths if len(paths) == count else None


def _measured_key(path: list[str], position: int) -> str:
    """``预算数/公务用车购置及运行维护费/小计`` → ``vehicles_budget``."""
    key = _fallback_key(path[1:], position)
    return f"{key}_{label_key(path[0])}" if not _is_placeholder(key) else key


_GROUP_KEYS = {"basic", "project", "project_dept", "project_public", "vehicles", "fiscal", "own_funds", "carryover",
               "carryover_fiscal"}


def _resolve_groups(labels: list[str], count: int) -> list[list[str]]:
    """Leaf label paths from a header printed level by level (breadth first).

    ``总计 基本支出 项目支出 | 小计 工资福利支出 … 部门项目 公共项目 | 小计 经常性项目 …``:
    the labels before the first 小计 are the top level; each group label (基本支出,
    部门项目…) then takes its children in printed order — either a run of sub-groups,
    or a 小计 followed by its plain labels.  Leaves are read left to right.
    """
    first_child = next((i for i, label in enumerate(labels) if fold(label) == "小计"), None)
    if first_child is None:
        return [[label] for label in labels]
    rest = labels[first_child:]
    tree: dict[tuple, list[str]] = {}
    queue = [(label,) for label in labels[:first_child]]
    top = list(queue)
    while queue:
        node = queue.pop(0)
        if label_key(node[-1]) not in _GROUP_KEYS or not rest:
            continue
        children = [rest.pop(0)]
        if label_key(children[0]) in _GROUP_KEYS:
            while rest and label_key(rest[0]) in _GROUP_KEYS:
                children.append(rest.pop(0))
        else:
            while rest and fold(rest[0]) != "小计" and label_key(rest[0]) not in _GROUP_KEYS:
                children.append(rest.pop(0))
        tree[node] = children
        queue.extend(node + (child,) for child in children)

    def leaves(node: tuple) -> list[list[str]]:
        if node not in tree:
            return [list(node)]
        return [leaf for child in tree[node] for leaf in leaves(node + (child,))]

    result = [leaf for node in top for leaf in leaves(node)]
    return result if len(result) == count else [[label] for label in labels][:count]


# --- placing values -------------------------------------------------------------------

def block_columns(columns: list[Column], block: int) -> list[Column]:
    """The value columns a row of ``block`` fills: its block's (all, in a table of one block)."""
    return [c for c in columns if c.block == block] or columns


def place_values(columns: list[Column], printed: list[tuple[str, Cell]], block: int, slots: list[int] | None = None
                 ) -> tuple[dict[str, Decimal | None], list[dict] | None, dict[str, Cell]]:
    """The row's values when their columns are known, else (partial, candidate placements);
    and the printed cell of each value placed, for the boxes findings draw."""
    members = block_columns(columns, block)
    values: dict[str, Decimal | None] = {c.key: None for c in members}
    cells: dict[str, Cell] = {}
    if slots is not None:
        for (text, cell), slot in zip(printed, slots):
            if slot < len(members):
                values[members[slot].key] = parse_amount(text)
                cells[members[slot].key] = cell
        return values, None, cells
    if any(cell.x1 is not None for text, cell in printed if text) and any(c.x1 is not None for c in members):
        for text, cell in printed:
            if not text:
                continue
            target = _nearest(members, cell)
            values[target.key] = parse_amount(text)
            cells[target.key] = cell
        return values, None, cells
    filled = [t for t, _ in printed if t]
    if len(filled) >= len(members) or len(printed) == len(members):
        source = printed if len(printed) == len(members) else [(t, None) for t in filled]
        for (text, cell), column in zip(source, members):
            values[column.key] = parse_amount(text) if text else None
            if text and cell is not None:
                cells[column.key] = cell
        return values, None, cells
    amounts_only = [parse_amount(t) for t in filled]
    candidates = []
    for combo in itertools.combinations(range(len(members)), len(amounts_only)):
        candidate = dict.fromkeys(values)
        for position, value in zip(combo, amounts_only):
            candidate[members[position].key] = value
        candidates.append(candidate)
    return values, candidates, cells


def _nearest(members: list[Column], cell: Cell) -> Column:
    containing = [c for c in members if c.contains(cell)]
    if containing:
        return containing[0]
    return min(members, key=lambda c: abs((c.x1 or 0) - cell.x1))


def row_identity_holds(values: dict[str, Decimal | None], keys: list[str]) -> bool:
    """Total = sum of the top-level parts, when the first column (after a 采购数量) is a total."""
    first = next((i for i, k in enumerate(keys) if k.startswith("total")), None)
    if first is None or any(k not in ("quantity",) for k in keys[:first]):
        return True  # only a 采购数量 column may stand before the total
    parts = [k for k in keys[first + 1:] if k in _TOP_PARTS]
    if not parts:
        return True
    total = values.get(keys[first]) or Decimal(0)
    return abs(total - sum((values.get(k) or Decimal(0)) for k in parts)) <= Decimal("0.01") * len(parts)


_TOP_PARTS = {"basic", "project", "upper_remit", "business_expenditure", "subsidiary_grants", "fiscal", "upper_grants",
              "service_income", "business_income", "subsidiary_remit", "other_income", "personnel", "public",
              "general_budget", "gov_fund", "state_capital", "carryover", "special_account", "unit_funds",
              "in_budget", "budget_nontax", "transfer_special", "other_funds"}


def choose_by_hierarchy(rows, candidates_of: dict[int, list[dict]], keys: list[str]) -> set[int]:
    """Settle ambiguous rows so that each parent equals the sum of its children.

    ``rows`` carry ``code``, ``values`` and their parent link (``parent_index``); the
    candidates of each ambiguous row are narrowed to those consistent with the family
    sums, repeatedly, until nothing changes.  Returns the indices still ambiguous.
    """
    families: dict[int | None, list[int]] = {}
    for index, row in enumerate(rows):
        families.setdefault(row.parent_index, []).append(index)
    changed = True
    while changed:
        changed = False
        for parent, children in families.items():
            if parent is None:
                continue
            members = [parent] + children
            options = [candidates_of.get(i, [rows[i].values]) for i in members]
            total = 1
            for option in options:
                total *= len(option)
            if total == 1 or total > _MAX_COMBINATIONS:
                continue
            surviving: list[set[int]] = [set() for _ in members]
            for combo in itertools.product(*[range(len(o)) for o in options]):
                chosen = [options[m][c] for m, c in enumerate(combo)]
                if _family_consistent(chosen[0], chosen[1:], keys):
                    for m, c in enumerate(combo):
                        surviving[m].add(c)
            for m, index in enumerate(members):
                if index in candidates_of and surviving[m] and len(surviving[m]) < len(candidates_of[index]):
                    candidates_of[index] = [candidates_of[index][c] for c in sorted(surviving[m])]
                    changed = True
    return {i for i, c in candidates_of.items() if len(c) > 1}


def _family_consistent(parent: dict, children: list[dict], keys: list[str]) -> bool:
    tolerance = Decimal("0.01") * max(1, len(children))
    for key in keys:
        total = sum((child.get(key) or Decimal(0)) for child in children)
        if abs((parent.get(key) or Decimal(0)) - total) > tolerance:
            return False
    return True
