"""Template knowledge as package data (``data/*.json``), read and checked in one place.

What printed titles and labels mean, which columns add up to which, and which table to
prefer where several print the same figure differ by city and year, so they are data in
``data/``: a new layout is a data entry and a test (docs/templates.md).  A slip in that
data (a group naming a key no label gives, a preference naming a table that is not in
tables.json, a pattern that does not compile) would show as a check quietly skipped on
some city's tables, so it is refused at load with the file and the entry named.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

LAYOUTS = ("ledger", "sided", "form")
SCOPES = ("all", "fiscal", "general_budget")  # the money a table covers (checks/rules/cross_table.py)
KINDS = ("budget", "final_account")


class TemplateError(ValueError):
    """The template data does not have the shape or the references budgetkit reads."""


def _read(name: str) -> dict:
    return json.loads(resources.files("budgetkit").joinpath("data").joinpath(name).read_text("utf-8"))


@cache
def digest() -> str:
    """A short hash of every data file: extraction results depend on them, so the cache
    keys its entries by it too (an edited or added entry is read afresh)."""
    import hashlib

    folder = resources.files("budgetkit").joinpath("data")
    hashed = hashlib.sha256()
    for entry in sorted(folder.iterdir(), key=lambda item: item.name):
        if entry.name.endswith(".json"):
            hashed.update(entry.name.encode() + b"\0" + entry.read_bytes())
    return hashed.hexdigest()[:12]


def preload() -> None:
    """Every data file read, checked and kept, and their digest worked out (see
    extraction/batch.py: before worker processes are forked)."""
    digest()
    for entry in resources.files("budgetkit").joinpath("data").iterdir():
        if entry.name.endswith(".json"):
            data(entry.name)


@cache
def data(name: str) -> dict:
    """One data file, checked (a file without checks, such as a newer one, is read as is)."""
    found = _read(name)
    check = _CHECKS.get(name)
    if check is not None:
        check(_Where(name), found)
    return found


class _Where:
    """Where in a file a check is, for the message of the error it raises."""

    def __init__(self, file: str, path: str = ""):
        self.file, self.path = file, path

    def __truediv__(self, part) -> "_Where":
        step = f"[{part}]" if isinstance(part, int) else (f".{part}" if self.path else str(part))
        return _Where(self.file, self.path + step)

    def fail(self, problem: str):
        raise TemplateError(f"data/{self.file}: {self.path or '(top)'}: {problem}")

    def need(self, value, kind, what: str):
        if not isinstance(value, kind):
            self.fail(f"expected {what}, found {json.dumps(value, ensure_ascii=False)[:60]}")
        return value

    def section(self, parent: dict, name: str, kind=dict, what: str = "an object"):
        if name not in parent:
            (self / name).fail("missing")
        return (self / name).need(parent[name], kind, what)

    def pattern(self, text) -> None:
        self.need(text, str, "a regular expression")
        try:
            re.compile(text)
        except re.error as error:
            self.fail(f"pattern {text!r} does not compile: {error}")


def _entries(mapping: dict):
    """The entries of an object, without its ``_about`` notes."""
    return ((key, value) for key, value in mapping.items() if not key.startswith("_"))


# --- tables.json -------------------------------------------------------------------------

def _check_tables(where: _Where, found: dict) -> None:
    keys: list[str] = []
    for index, entry in enumerate(where.section(found, "tables", list, "a list")):
        at = where / "tables" / index
        at.need(entry, dict, "an object")
        key = at.section(entry, "key", str, "a string")
        if key in keys:
            (at / "key").fail(f"table key {key!r} is given twice")
        keys.append(key)
        at = where / "tables" / key
        if entry.get("layout") not in LAYOUTS:
            (at / "layout").fail(f"expected one of {', '.join(LAYOUTS)}")
        at.section(entry, "name", str, "a string")
        if "scope" in entry and entry["scope"] not in SCOPES:
            (at / "scope").fail(f"expected one of {', '.join(SCOPES)}")
        for number, pattern in enumerate(at.section(entry, "patterns", list, "a list")):
            (at / "patterns" / number).pattern(pattern)
    for number, pattern in enumerate(where.section(found, "total_rows", list, "a list")):
        (where / "total_rows" / number).pattern(pattern)
    for name, value in _entries(where.section(found, "preferences")):
        _check_preference(where / "preferences" / name, value, set(keys))


def _check_preference(where: _Where, value, tables: set[str]) -> None:
    """A list of table keys, or lists of table keys by document kind, scope or table."""
    if isinstance(value, list):
        _check_table_list(where, value, tables)
        return
    for name, keys in _entries(where.need(value, dict, "a list or an object")):
        if name not in tables and name not in SCOPES and name not in KINDS:
            (where / name).fail(f"{name!r} is not a table key of tables.json, a scope ({', '.join(SCOPES)}) "
                                f"or a document kind ({', '.join(KINDS)})")
        _check_table_list(where / name, keys, tables)


def _check_table_list(where: _Where, keys, tables: set[str]) -> None:
    for index, key in enumerate(where.need(keys, list, "a list of table keys")):
        if key not in tables:
            (where / index).fail(f"{key!r} is not a table key of tables.json")


# --- columns.json ------------------------------------------------------------------------

def _check_columns(where: _Where, found: dict) -> None:
    generic = where.section(found, "generic")
    for label, suffix in generic.items():
        (where / "generic" / label).need(suffix, str, "a key suffix (a string)")
    for section in ("labels", "label_columns"):
        for index, pair in enumerate(where.section(found, section, list, "a list")):
            at = where / section / index
            if not (isinstance(pair, list) and len(pair) == 2 and isinstance(pair[1], str)):
                at.fail("expected [pattern, key]")
            at.pattern(pair[0])
    tables = {entry["key"] for entry in data("tables.json")["tables"]}
    for table, layouts in where.section(found, "layouts").items():
        if table not in tables:
            (where / "layouts" / table).fail(f"{table!r} is not a table key of tables.json")
        for index, layout in enumerate(layouts):
            (where / "layouts" / table / index).need(layout, list, "a list of column keys")
    where.section(found, "ignore", list, "a list")
    _check_groups(where / "groups", where.section(found, "groups"), found)


def _column_keys(columns: dict) -> set[str]:
    """The column keys budgetkit can give: of the labels, generic leaves, known layouts,
    and the keys it derives without a label of their own (``groups.derived_keys``)."""
    keys = {key for _, key in columns["labels"]} | {suffix for suffix in columns["generic"].values() if suffix}
    keys |= {key for layouts in columns["layouts"].values() for layout in layouts for key in layout}
    return keys | set(columns["groups"].get("derived_keys", {})) | {"total"}


def _known(where: _Where, key, known: set[str]) -> None:
    if key not in known:
        where.fail(f"{key!r} is not a column key of columns.json (labels, generic, layouts or derived_keys)")


def _check_groups(where: _Where, groups: dict, columns: dict) -> None:
    known = _column_keys(columns)
    parts = _check_parts(where / "parts", where.section(groups, "parts"), known)
    generic = set(columns["generic"].values())
    for index, suffix in enumerate(where.section(groups, "parallel", list, "a list")):
        if suffix not in generic:
            (where / "parallel" / index).fail(f"{suffix!r} is not a value of columns.json generic")
    for part, needs in where.section(groups, "only_with").items():
        if part not in parts:
            (where / "only_with" / part).fail(f"{part!r} is not a part in groups.parts")
        _known(where / "only_with" / part, needs, known)
    for index, key in enumerate(where.section(groups, "before_total", list, "a list")):
        _known(where / "before_total" / index, key, known)
    for part, group in where.section(groups, "subtotal_before").items():
        if group not in parts.get(part, ()):
            (where / "subtotal_before" / part).fail(f"{group!r} is not one of the groups of {part!r} in groups.parts")
    for index, key in enumerate(where.section(groups, "scopes", list, "a list")):
        _known(where / "scopes" / index, key, known)


def _check_parts(where: _Where, headings: dict, known: set[str]) -> dict[str, list]:
    """Each part under its heading: a known key, given once, with known group keys."""
    parts: dict[str, list] = {}
    for heading, entries in _entries(headings):
        for part, groups in (where / heading).need(entries, dict, "an object").items():
            at = where / heading / part
            if part in parts:
                at.fail(f"{part!r} is given twice")
            _known(at, part, known)
            parts[part] = at.need(groups, list, "a list of group keys, nearest first")
            for index, group in enumerate(groups):
                _known(at / index, group, known)
    return parts


# --- codes.json ----------------------------------------------------------------------------

def _check_codes(where: _Where, found: dict) -> None:
    for code, item in where.section(found, "codes").items():
        at = where / "codes" / code
        if not code.isdigit():
            at.fail("expected a code of digits")
        at.section(at.need(item, dict, "an object"), "name", str, "a string")


_CHECKS = {"tables.json": _check_tables, "columns.json": _check_columns, "codes.json": _check_codes}


# --- what the code reads ---------------------------------------------------------------------

def _parts(groups: dict) -> dict[str, tuple[str, ...]]:
    return {part: tuple(candidates) for _, parts in _entries(groups["parts"]) for part, candidates in parts.items()}


@dataclass(frozen=True)
class ColumnGroups:
    """Which columns add up to which (``groups`` of columns.json)."""

    parts: dict[str, tuple[str, ...]]  # part key → the keys it may be a part of, nearest first
    kind_suffixes: tuple[str, ...]  # _recurring …: a part of the column it suffixes
    parallel_suffixes: tuple[str, ...]  # _budget, _actual: a copy of the whole column set
    only_with: dict[str, str]  # part → the column the table must also print for it to count
    before_total: frozenset[str]  # keys that may stand before a table's total column
    subtotal_before: dict[str, str]  # part → the group a 小计 printed right before it is
    scopes: tuple[str, ...]  # carryover: a heading over a copy of the table's own columns


@cache
def column_groups() -> ColumnGroups:
    columns = data("columns.json")
    groups = columns["groups"]
    parallel = tuple(groups["parallel"])
    # a generic leaf with a suffix is either a parallel copy (预算数/决算数) or a part of
    # its group (经常性项目 under 项目支出): the kinds are the generic values not parallel
    kinds = tuple(dict.fromkeys(s for s in columns["generic"].values() if s and s not in parallel))
    return ColumnGroups(_parts(groups), tuple("_" + k for k in kinds), tuple("_" + p for p in parallel),
                        dict(groups["only_with"]), frozenset(groups["before_total"]), dict(groups["subtotal_before"]),
                        tuple(groups["scopes"]))


def preference(name: str):
    """A named table preference of tables.json: a tuple of table keys, or tuples by kind,
    scope or table."""
    preferences = data("tables.json")["preferences"]
    if name not in preferences:
        raise TemplateError(f"data/tables.json: preferences.{name}: missing")
    value = preferences[name]
    return tuple(value) if isinstance(value, list) else {k: tuple(v) for k, v in _entries(value)}


def table_entries() -> dict[str, dict]:
    """The tables of tables.json by key, in the file's order."""
    return {entry["key"]: entry for entry in data("tables.json")["tables"]}


@cache
def total_row_re() -> re.Pattern:
    """Names of total rows (合计, 本年支出合计, 人员经费合计…), matched whole."""
    return re.compile("^(?:" + "|".join(data("tables.json")["total_rows"]) + ")$")
