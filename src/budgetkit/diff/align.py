"""Which rows and columns of two tables hold the same figure.

Rows pair in three rounds, each on the rows the earlier rounds left:
  1. the 合计 rows, when each table prints one total per side (their names vary:
     合计, 总计, 本年支出合计);
  2. the classification or unit code, when it is printed once in each table; a code
     printed on several rows (projects under one 功能科目) pairs those rows by name;
  3. the name (folded by ``name_key``) and its rank among rows of that name, for rows
     without a code on at least one side.
Rows are only paired within the same side of a 收支 table (income, expenditure…).

Columns pair on their canonical key.  A final account prints the actual amount of a
budget column ``X`` as ``X_actual`` (预算数 | 决算数 side by side): it is compared with ``X``
of a budget.  Positional keys (``c1``, ``total_2``) are only compared when both tables
print the same label above them.  Two tables that print one amount column each compare
those, whatever their labels.  采购数量 (``quantity``) is a count, not money, and earlier
years' columns (``prior_year``) restate another year: neither is compared.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..names import name_key

_POSITIONAL = re.compile(r"^(?:c\d+|total_\d+)$")


@dataclass(frozen=True)
class Column:
    key: str  # the key the change records carry (``total`` for total | total_actual)
    key_a: str
    key_b: str


def comparable_columns(table_a: dict, table_b: dict) -> list[Column]:
    """The value columns of two versions of a table that hold the same figure."""
    columns_a, columns_b = _amount_columns(table_a), _amount_columns(table_b)
    pairs = []
    for key, (key_a, label_a) in columns_a.items():
        if key in columns_b:
            key_b, label_b = columns_b[key]
            if not _POSITIONAL.match(key) or name_key(label_a) == name_key(label_b):
                pairs.append(Column(key, key_a, key_b))
        elif key + "_actual" in columns_b:
            pairs.append(Column(key, key_a, columns_b[key + "_actual"][0]))
        elif key.endswith("_actual") and key[:-7] in columns_b and key[:-7] not in columns_a:
            pairs.append(Column(key[:-7], key_a, columns_b[key[:-7]][0]))
    if not pairs and len(columns_a) == 1 and len(columns_b) == 1:
        # One amount column each is the table's amount, whatever its label (基本支出 | 决算数).
        ((key_a, _),), ((key_b, _),) = columns_a.values(), columns_b.values()
        pairs.append(Column(key_b, key_a, key_b))
    return pairs


# Columns that hold no figure of the year: 采购数量 counts items of each row's own measure
# unit; ``prior_year`` columns (上年预算数 beside 本年预算数) restate an earlier year.
_NOT_COMPARED = frozenset({"quantity", "prior_year"})
# A year's 预算数 | 决算数 printed as the table's amounts (2023年预算数, 2023年决算数) are the
# budget and actual of its total.
_ALIASES = {"budget": "total_budget", "actual": "total_actual"}


def _amount_columns(table: dict) -> dict[str, tuple[str, str]]:
    """What each amount column holds → (its key, its printed label); the first, for a key
    printed in several blocks."""
    columns: dict[str, tuple[str, str]] = {}
    for column in table["columns"]:
        if column["key"] not in _NOT_COMPARED:
            columns.setdefault(_ALIASES.get(column["key"], column["key"]), (column["key"], column["label"]))
    return columns


def align_rows(rows_a: list[dict], rows_b: list[dict]) -> list[tuple[dict | None, dict | None]]:
    """(row of A, row of B) pairs: B's rows in order, each with its A row or None, then
    A's rows that have no partner in B, in order."""
    partner: dict[int, int] = {}  # index in rows_b → index in rows_a
    for keys in (_total_keys, _code_keys(rows_a, rows_b), _name_keys):
        taken = set(partner.values())
        free_a = [i for i in range(len(rows_a)) if i not in taken]
        free_b = [i for i in range(len(rows_b)) if i not in partner]
        by_key = {}
        for i, key in zip(free_a, keys([rows_a[i] for i in free_a])):
            if key is not None:
                by_key.setdefault(key, i)
        for i, key in zip(free_b, keys([rows_b[i] for i in free_b])):
            j = by_key.pop(key, None) if key is not None else None
            if j is not None and not _codes_differ(rows_a[j], rows_b[i]):
                partner[i] = j
    pairs: list[tuple[dict | None, dict | None]] = [
        (rows_a[partner[i]] if i in partner else None, row) for i, row in enumerate(rows_b)]
    taken = set(partner.values())
    return pairs + [(row, None) for j, row in enumerate(rows_a) if j not in taken]


def _total_keys(rows: list[dict]) -> list:
    """The 合计 row of a side, when the side prints only one."""
    totals = Counter(row.get("side") for row in rows if row.get("total"))
    return [("total", row.get("side")) if row.get("total") and totals[row.get("side")] == 1 else None
            for row in rows]


def _code(row: dict) -> tuple:
    """A row's code with the code printed beside it in another classification (301 beside
    501, and again beside 505: two rows, two identities)."""
    parallel = (row.get("labels") or {}).get("gov_economic_code")
    return (row.get("side"), row["code"], parallel) if parallel else (row.get("side"), row["code"])


def _code_keys(rows_a: list[dict], rows_b: list[dict]):
    """Keys by code; ``once`` holds the codes printed on one row in both tables."""
    count_a = Counter(_code(row) for row in rows_a if row.get("code"))
    count_b = Counter(_code(row) for row in rows_b if row.get("code"))
    once = {code for code, n in count_a.items() if n == 1 and count_b.get(code) == 1}

    def keys(rows: list[dict]) -> list:
        seen: Counter = Counter()
        found = []
        for row in rows:
            if not row.get("code"):
                found.append(None)
                continue
            code = _code(row)
            if code in once:
                found.append(code)
            else:
                named = (*code, name_key(row["name"]))
                found.append((*named, seen[named]))
                seen[named] += 1
        return found

    return keys


def _name_keys(rows: list[dict]) -> list:
    """Name and rank among the rows of that name (工资福利性支出 printed twice on a side)."""
    seen: Counter = Counter()
    found = []
    for row in rows:
        name = (row.get("side"), name_key(row["name"]))
        found.append(("name", *name, seen[name]))
        seen[name] += 1
    return found


def _codes_differ(row_a: dict, row_b: dict) -> bool:
    return bool(row_a.get("code") and row_b.get("code") and row_a["code"] != row_b["code"])


def rows_correspond(pairs: list[tuple[dict | None, dict | None]]) -> bool:
    """False when both tables print lines with figures but not one of them pairs: the two
    tables list different things (by unit in one, by function in the other)."""
    if any(_has_figures(row_a) and _has_figures(row_b) for row_a, row_b in pairs):
        return True
    return not (any(_has_figures(row_a) for row_a, _ in pairs) and any(_has_figures(row_b) for _, row_b in pairs))


def _has_figures(row: dict | None) -> bool:
    """A line (not a 合计) that prints at least one amount."""
    return row is not None and not row.get("total") and any(v is not None for v in row["values"].values())
