"""How the standard tables add up: which columns are parts of which, which rows are a
table's or a side's top-level items, and where its totals are (DOMAIN.md §5).

Column identities come from the canonical column keys and the ``groups`` of
``data/columns.json``: for each key that is a part of something, which columns it may be
a part of, nearest first.  A part belongs to the first of those its table prints
(基本支出 when the table has a 基本支出 column, else the 合计), so one short list covers
the templates: 合计 = 基本支出 + 项目支出 (+ 上缴上级支出 …), 基本支出 = 人员经费 +
公用经费, income columns and carry-over columns, 三公 = 出国 + 公车 + 接待, 公车 = 购置 +
运行, with the 预算数/决算数 pairs of final accounts as parallel identities.

Row structure is read the way a reviewer reads it: 类 codes (or, without 类 rows, the
codes whose parent is not printed), else the names of functional 类 (a list printed
without codes or numbers), else the outermost numbering (一、 / （一） / 1、 / （1）), else
rows named …小计.  Anything else is a list whose nesting the records do
not show; rules treat a sum over such rows as uncertain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..names import han_number, name_key, strip_markers
from .codebook import codebook
from ..totals import total_row  # noqa: F401  (the rules import it from here)
from ..templates import column_groups
from ..tolerance import ulp_of_values

_GROUPS = column_groups()  # ``groups`` of data/columns.json, checked at load

# Part column → the columns it may be a part of, nearest first.
COLUMN_GROUPS = _GROUPS.parts

# 项目支出/部门项目/经常性项目 → ``project_dept_recurring``, a part of ``project_dept``.
_KIND_SUFFIXES = _GROUPS.kind_suffixes

# Parallel column sets of one table: 预算数 and 决算数 of a final-account 三公 table.
_PARALLEL_SUFFIXES = _GROUPS.parallel_suffixes

# A copy of the table's own columns under a heading (上年结转结余/基本支出: carryover_basic).
_SCOPES = _GROUPS.scopes

# A part that only adds to its group when the table also prints another column (会议费
# and 培训费 beside a “三公”经费 subtotal).
_ONLY_WITH = _GROUPS.only_with

# Columns that may stand before a table's total column without making it something else.
_BEFORE_TOTAL = _GROUPS.before_total


@dataclass(frozen=True)
class Identity:
    """``total`` = sum of ``parts``, column keys of one block of one table."""

    block: int
    total: str
    parts: tuple[str, ...]


def _base(key: str) -> tuple[str, str]:
    """``reception_actual`` → (``reception``, ``_actual``); ``carryover_basic`` →
    (``basic``, ``carryover_``); known keys are kept whole."""
    if key in COLUMN_GROUPS or key == "total" or key.endswith(_KIND_SUFFIXES):
        return key, ""
    for suffix in _PARALLEL_SUFFIXES:
        if key.endswith(suffix) and (key[: -len(suffix)] in COLUMN_GROUPS or key[: -len(suffix)] == "total"):
            return key[: -len(suffix)], suffix
    for scope in _SCOPES:
        if key.startswith(scope + "_") and key[len(scope) + 1:] in COLUMN_GROUPS:
            return key[len(scope) + 1:], scope + "_"
    return key, ""


def _copy_of(group: str, affix: str) -> str:
    """The key of ``group`` in the copy of the columns ``affix`` names: ``total`` of the
    carryover copy is its 小计 (``carryover``), its 基本支出 ``carryover_basic``."""
    if affix.endswith("_") and not affix.startswith("_"):
        return affix[:-1] if group == "total" else affix + group
    return group + affix


def _groups_of(base: str) -> tuple[str, ...]:
    for suffix in _KIND_SUFFIXES:
        if base.endswith(suffix):
            return (base[: -len(suffix)],)
    return COLUMN_GROUPS.get(base, ())


def column_identities(table: dict) -> list[Identity]:
    """The identities a table's columns must satisfy, derived from its column keys.

    A group column must be printed before its parts (headers print 合计 and 小计 first);
    the table total must be the first value column of its block (a 政府性基金 决算 table
    whose first column is 年初结转和结余 prints 本年收入 under a total-like key); and a
    group is checked only when at least two of its parts are printed."""
    identities: list[Identity] = []
    blocks: dict[int, list[str]] = {}
    labels: dict[int, list[str]] = {}
    for column in table.get("columns", []):
        blocks.setdefault(column.get("block") or 0, []).append(column["key"])
        labels.setdefault(column.get("block") or 0, []).append(column.get("label") or "")
    for block, keys in blocks.items():
        position = {key: index for index, key in enumerate(keys)}
        headed = _subtotals_over(keys, labels[block])
        groups: dict[str, list[str]] = {}
        undecided: set[str] = set()
        for key in keys:
            base, suffix = _base(key)
            needs = _ONLY_WITH.get(base)
            if key in headed and _groups_of(base):
                groups.setdefault(headed[key], []).append(key)
                continue
            for group in _groups_of(base):
                group_key = _copy_of(group, suffix)
                if group_key in position and position[group_key] < position[key]:
                    if needs and _copy_of(needs, suffix) not in position:
                        undecided.add(group_key)
                    groups.setdefault(group_key, []).append(key)
                    break
        unknown = _unknown_positions(table, keys)
        for group_key, parts in groups.items():
            if group_key in undecided or len(parts) < 2:
                continue
            if any(position[group_key] < at <= position[parts[-1]] + 1 for at in unknown):
                continue  # a column whose label was not recognised may be one of its parts
            if _base(group_key)[0] == "total" and not _leads(keys, group_key):
                continue
            identities.append(Identity(block, group_key, tuple(parts)))
    return identities


_SUBTOTAL_LEAVES = ("小计", "合计")


def _subtotals_over(keys: list[str], labels: list[str]) -> dict[str, str]:
    """Column key → the key of the 小计 printed under the same heading before it: the
    columns under 财政拨款收入 add up to 财政拨款收入/小计, whatever other columns of the
    same kinds the table prints beside the heading (a 政府性基金 column beside 经费拨款 is
    not part of it)."""
    own = [_own_heading(label) for label in labels]
    subtotal_of = {path: keys[index] for index, path in enumerate(own)
                   if path and labels[index].rsplit("/", 1)[-1].replace(" ", "") in _SUBTOTAL_LEAVES}
    found = {}
    for index, path in enumerate(own):
        heading = path.rpartition("/")[0]
        group = subtotal_of.get(heading)
        if heading and group is not None and keys.index(group) < index:
            found[keys[index]] = group
    return found


def _own_heading(label: str) -> str:
    """The header path a column stands for: a 小计's is the heading it sums."""
    head, _, leaf = label.rpartition("/")
    return head if leaf.replace(" ", "") in _SUBTOTAL_LEAVES else label


def _unknown_positions(table: dict, keys: list[str]) -> list[int]:
    """Where a block prints the columns its table reports as ``unknown_column``."""
    unknown = {p.get("column") for p in table.get("problems") or [] if p.get("code") == "unknown_column"}
    return [index for index, key in enumerate(keys) if key in unknown]


def _leads(keys: list[str], total_key: str) -> bool:
    """Whether only totals (and a 采购数量) stand before ``total_key`` in its block."""
    for key in keys[: keys.index(total_key)]:
        if key.startswith("prior_year"):
            continue  # an earlier year's block printed before this year's (2025年预算数 | 2026年预算数)
        if key not in _BEFORE_TOTAL and _base(key)[0] != "total":
            return False
    return True


# --- rows --------------------------------------------------------------------------

_NUMBERING = (
    re.compile(r"^[一二三四五六七八九十廿]+[、.．]"),  # 一、
    re.compile(r"^[（(][一二三四五六七八九十]+[）)]"),  # （一）
    re.compile(r"^\d{1,2}(?:[、．]|\.(?!\d))"),  # 1、 1.
    re.compile(r"^[（(]\d{1,2}[）)]"),  # （1）
)
_OF_WHICH_RE = re.compile(r"^其中[：:]?")


def numbering(name: str | None) -> int | None:
    """The numbering level of a row label: 0 for 一、, 1 for （一）, 2 for 1、, 3 for （1）."""
    text = _OF_WHICH_RE.sub("", (name or "").strip())
    for level, pattern in enumerate(_NUMBERING):
        if pattern.match(text):
            return level
    return None


def is_of_which(row: dict) -> bool:
    """A 其中 row itemises part of the row above; it is not one of the items."""
    return bool(_OF_WHICH_RE.match((row.get("name") or "").strip()))


def strip_numbering(name: str | None) -> str:
    return strip_markers(name)


def families(rows: list[dict]) -> list[tuple[dict, list[dict]]]:
    """Each row with a code and the rows under it, in printed order: a row's parent is the
    row of its ``parent`` code printed last before it in its block (a code printed on
    several rows, 301 beside 501 and again beside 505, heads the rows printed under each),
    else the first printed after it."""
    kids: dict[int, list[dict]] = {}
    latest: dict[tuple, dict] = {}
    first: dict[tuple, dict] = {}
    for row in rows:
        if row.get("code"):
            first.setdefault((row["block"], row["code"]), row)
    for row in rows:
        parent = row.get("parent") and (latest.get((row["block"], row["parent"]))
                                        or first.get((row["block"], row["parent"])))
        if parent:
            kids.setdefault(id(parent), []).append(row)
        if row.get("code"):
            latest[(row["block"], row["code"])] = row
    return [(row, kids[id(row)]) for row in rows if id(row) in kids]


def top_level(rows: list[dict]) -> tuple[list[dict], bool]:
    """The items a total of ``rows`` adds up, and whether that reading is certain.

    Coded rows: the 类 rows, or the codes with no printed parent (a table of 项 only).
    Else the rows named as functional 类, else the rows of the outermost numbering, else
    rows named …小计; else every row, uncertain (their nesting is not printed)."""
    items = [row for row in rows if not row.get("total")]
    coded = [row for row in items if row.get("code_kind") in ("functional", "economic") and row.get("code")]
    if coded:
        if len({row["code_kind"] for row in coded}) > 1:
            return [], False
        codes = {row["code"] for row in coded}
        return [row for row in coded if not _has_printed_ancestor(row["code"], codes)], True
    classes, certain = _named_classes(items)
    if classes:
        return classes, certain
    numbered = [(numbering(row["name"]), row) for row in items if not is_of_which(row)]
    levels = [level for level, _ in numbered if level is not None]
    if levels:
        # unnumbered rows after a numbered one are its sub-items; before the first, they
        # may be a heading over the numbered rows (年初结转和结余 over 一、二、三)
        heading = numbered[0][0] is None
        outermost = min(levels)
        return _outer_items([row for level, row in numbered if level == outermost], not heading)
    subtotals = [row for row in items if (row.get("name") or "").endswith("小计")]
    if subtotals:
        return subtotals, True
    return [row for row in items if not is_of_which(row)], False


def _named_classes(rows: list[dict]) -> tuple[list[dict], bool]:
    """Functional 类 rows of a list printed without codes, numbers or indentation (湖州's
    收支总表: 一般公共服务支出 / 财政事务 / 行政运行 … 社会保障和就业支出 / …), told by their
    names when the list starts with a 类: the rows after a 类 are its 款 and 项.  Certain
    when every row bears the name of a functional 类, 款 or 项 of the code list (which does
    not hold every 项).  A name of both a 类 and a 款 (其他支出) right under a 类 of that
    name is the 款."""
    book = codebook()
    found, known, previous_class = [], True, None
    for row in rows:
        codes = {c for c in book.codes_named(row.get("name") or "") if c.startswith("2")}
        key = name_key(row.get("name") or "")
        if any(len(c) == 3 for c in codes) and key != previous_class:
            found.append(row)
            previous_class = key
        elif not found:
            return [], False
        known = known and bool(codes)
    return found, known


def _outer_items(rows: list[dict], certain: bool) -> tuple[list[dict], bool]:
    """Rows of one numbering level, without a run that numbers again from 一 under the row
    above it (一、本年支出 over 一、一般公共服务支出 … 四、住房保障支出, then 二、结转下年支出).
    Numbers alone cannot tell where such a run ends (二 may go on either count): it ends
    where its rows add up to the row above and the next row continues the outer count.
    When no end does, the reading is not certain."""
    numbers = [ordinal(row.get("name")) for row in rows]
    if None in numbers:
        return rows, certain
    kept: list[int] = []  # indexes of the outer rows
    index = 0
    while index < len(rows):
        if kept and numbers[index] == 1:
            end = _nested_run_end(rows, numbers, index, rows[kept[-1]], numbers[kept[-1]])
            if end is None:
                return rows, False
            index = end
            continue
        kept.append(index)
        index += 1
    counted = [numbers[i] for i in kept]
    if counted != list(range(counted[0], counted[0] + len(counted))):
        return rows, certain  # not one count: read as printed
    return [rows[i] for i in kept], certain


def _nested_run_end(rows: list[dict], numbers: list[int], start: int, above: dict, above_number: int) -> int | None:
    """Where the run numbered from 一 at ``start`` ends: the one end after which the rows
    counted so far add up to ``above`` and the next row, if any, is ``above``'s successor."""
    total = above["values"].get("total")
    if total is None:
        return None
    ends = []
    added, end = Decimal(0), start
    while end < len(rows) and numbers[end] == end - start + 1:
        added += rows[end]["values"].get("total") or Decimal(0)
        end += 1
        parts = [row["values"].get("total") for row in rows[start:end]]
        allowance = ulp_of_values([total, *parts]) * (len(parts) + 1) / 2
        if abs(total - added) <= allowance and (end == len(rows) or numbers[end] == above_number + 1):
            ends.append(end)
    return ends[0] if len(ends) == 1 else None


_ORDINAL_RE = re.compile(r"^(?:其中[：:]?)?[（(]?(?P<n>[一二三四五六七八九十]+|\d{1,2})[）)、.．]")


def ordinal(name: str | None) -> int | None:
    """The number of an item (一、 → 1, （十二） → 12, 3、 → 3), None when it has none."""
    match = _ORDINAL_RE.match((name or "").strip())
    if not match:
        return None
    text = match.group("n")
    return int(text) if text.isdigit() else han_number(text)


def _has_printed_ancestor(code: str, codes: set[str]) -> bool:
    """Whether a shorter code that ``code`` starts with is among ``codes`` (looked up
    prefix by prefix, so a table of many rows is read in linear time)."""
    return any(code[:length] in codes for length in range(1, len(code)))


def blocks(rows: list[dict]) -> dict[int, list[dict]]:
    """Rows by block (人员经费 / 公用经费 blocks of a 决算 基本支出表), in printed order."""
    grouped: dict[int, list[dict]] = {}
    for row in rows:
        grouped.setdefault(row.get("block") or 0, []).append(row)
    return grouped


def sides(rows: list[dict]) -> dict[str, list[dict]]:
    """Rows of a sided table by side (income, expenditure, expenditure_2), in printed order."""
    grouped: dict[str, list[dict]] = {}
    for row in rows:
        if row.get("side"):
            grouped.setdefault(row["side"], []).append(row)
    return grouped


@dataclass
class Segment:
    """A total row of a side, with the total before it (carried into it) and the rows between."""

    total: dict
    carried: dict | None
    rows: list[dict]


def segments(side_rows: list[dict]) -> list[Segment]:
    """A side's totals in order: 本年收入合计 over the items above it, then 收入总计 over
    本年收入合计 and the rows between (上年结转 …)."""
    found: list[Segment] = []
    start, carried = 0, None
    for index, row in enumerate(side_rows):
        if row.get("total"):
            found.append(Segment(row, carried, side_rows[start:index]))
            start, carried = index + 1, row
    return found


def normalise_name(name: str | None) -> str:
    """A 类 name without its numbering, brackets and trailing 支出, for matching names
    printed without codes (``八、社会保障和就业支出`` ~ ``社会保障和就业``)."""
    return name_key(name, drop_suffix=True)
