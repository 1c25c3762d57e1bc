"""Classification codes of table rows: their kind, level and parent (DOMAIN.md §3).

Functional codes (支出功能分类) have 3/5/7 digits for 类/款/项 and start with 2;
economic codes (经济分类) have 3/5 digits for 类/款 (some provinces add a third level of
7) and start with 3 or 5.  A parent is the code's prefix.  Budget units print their own
codes in the same columns (26, 26001, 215001); those rows are told apart by their length
or by their name, unless their code extends a classification row of the table.
"""

from __future__ import annotations

import re

from ..templates import total_row_re
from .columns import choose_by_hierarchy, row_identity_holds

_LEVELS = {3: "类", 5: "款", 7: "项"}
_UNIT_NAME_RE = re.compile(r"(局|院|本级|中心|办事处|委员会|政府|街道|所|站|队|馆|社|学校|医院|科|处|室|部)$")
_TOTAL_RE = total_row_re()  # ``total_rows`` of data/tables.json


def code_kind(code: str | None, name: str) -> str | None:
    if not code:
        return None
    # units' own codes have 3, 5 or 6 digits: seven of a functional shape are a 项 whatever
    # its name ends with (2040101 武装警察部队)
    if _functional_shape(code) and (len(code) == 7 or not _UNIT_NAME_RE.search(name)):
        return "functional"
    if len(code) in (3, 5) and code[0] in "35" and not _UNIT_NAME_RE.search(name):
        return "economic"
    return "unit"


def _functional_shape(code: str) -> bool:
    return len(code) in (3, 5, 7) and code[0] == "2" and 201 <= int(code[:3]) <= 235


def level_of(code: str | None, kind: str | None) -> str | None:
    if kind == "functional":
        return _LEVELS.get(len(code))
    if kind == "economic":
        return _LEVELS.get(len(code))  # a third level (7 digits) where a province's list has one
    return None


def is_total(name: str) -> bool:
    return bool(_TOTAL_RE.match(re.sub(r"\s+", "", name)))


def settle_hierarchy(table) -> None:
    """Give every row its code kind, level and parent, then settle ambiguous placements."""
    by_code: dict[str, int] = {}
    totals: dict[int, int] = {}
    for row in table.rows:
        row.code_kind = code_kind(row.code, row.name)
        row.parent = None
    for index, row in enumerate(table.rows):
        if row.code_kind in ("functional", "economic"):
            by_code.setdefault(row.code, index)
    for index, row in enumerate(table.rows):
        if row.code_kind == "unit" and row.code[:-2] in by_code:
            # 21002 公立医院 under 210, 2070205 博物馆 under 20702 文物, 3010201 规范性津补贴
            # under 30102: a code that extends a classification row of the table (printed
            # before it) is of that row's kind, whatever its name ends with or however many
            # levels the province's list has
            row.code_kind = table.rows[by_code[row.code[:-2]]].code_kind
            by_code.setdefault(row.code, index)
        row.level = level_of(row.code, row.code_kind)
    latest: dict[str, int] = {}  # the last row printed so far with each code
    for index, row in enumerate(table.rows):
        if row.code_kind in ("functional", "economic"):
            for cut in (5, 3):
                if len(row.code) > cut and row.code[:cut] in by_code:
                    row.parent = row.code[:cut]
                    # A code printed on several rows (301 beside 501, then beside 505) is
                    # the parent of the rows printed under it.
                    row.parent_index = latest.get(row.parent, by_code[row.parent])
                    # Side-by-side blocks: a row belongs to the block of its parent.
                    row.block = table.rows[row.parent_index].block
                    break
            latest[row.code] = index
    for index, row in enumerate(table.rows):
        if is_total(row.name) and not row.code:
            totals.setdefault(row.block, index)
    for row in table.rows:
        if row.parent_index is None and row.level == "类" and row.block in totals:
            row.parent_index = totals[row.block]
    _settle_placements(table)
    table.rows.sort(key=lambda row: row.block)  # stable: printed order within each block


def _settle_placements(table) -> None:
    """Choose placements for rows whose blanks were lost (see ``columns.place_values``).

    Candidates that break the row's own identity go first.  The table's total row is
    then placed (leftmost candidate: 基本支出 and 项目支出 come before the rarely used
    columns), and a column it leaves blank is taken to be blank in every row.  The
    hierarchy settles the rest; a row with several consistent placements keeps the
    leftmost one and is flagged ``uncertain``.
    """
    keys = [c.key for c in table.columns]
    candidates_of: dict[int, list[dict]] = {}
    for index, row in enumerate(table.rows):
        if row.candidates is None:
            continue
        block_keys = [c.key for c in table.columns if c.block == row.block] or keys
        candidates_of[index] = [c for c in row.candidates if row_identity_holds(c, block_keys)] or row.candidates
    if not candidates_of:
        return
    root = next((i for i, row in enumerate(table.rows) if is_total(row.name) and not row.code), None)
    if root is None and table.rows and not table.rows[0].name and not table.rows[0].code:
        root = 0  # a first row without label is the table's total whose 合计 the text lost
    if root is not None:
        root_values = candidates_of[root][0] if root in candidates_of else table.rows[root].values
        used = {k for k, v in root_values.items() if v is not None}
        for index, options in candidates_of.items():
            if index != root:
                narrowed = [c for c in options if {k for k, v in c.items() if v is not None} <= used]
                candidates_of[index] = narrowed or options
    ambiguous = choose_by_hierarchy(table.rows, candidates_of, keys)
    for index, options in candidates_of.items():
        row = table.rows[index]
        row.values = options[0]
        row.uncertain = index in ambiguous
        row.candidates = None
