"""The catalogue of standard tables and column labels (package data in ``data/``).

Titles and labels vary by province and year; the knowledge of which printed words mean
which table or column lives in ``data/tables.json`` and ``data/columns.json`` so that a
new template is new data plus a test, not a new branch of code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from .. import templates
from ..names import fold  # noqa: F401  (titles and labels are matched folded)


def _load(name: str) -> dict:
    return templates.data(name)  # read once, its shape and references checked


@dataclass(frozen=True)
class TableKind:
    key: str
    layout: str  # "ledger" | "sided" | "form"
    patterns: tuple[re.Pattern, ...]


@cache
def table_kinds() -> tuple[TableKind, ...]:
    return tuple(
        TableKind(entry["key"], entry["layout"], tuple(re.compile(p) for p in entry["patterns"]))
        for entry in _load("tables.json")["tables"]
    )


def match_table(title: str) -> TableKind | None:
    folded = fold(title).replace('"', "")
    folded = folded.replace("三公", '"三公"') if "三公" in folded else folded
    for kind in table_kinds():
        if any(p.search(folded) for p in kind.patterns):
            return kind
    return None


@cache
def _label_column_catalogue() -> tuple[tuple[re.Pattern, str], ...]:
    return tuple((re.compile(f"(?:{pattern})"), key) for pattern, key in _load("columns.json")["label_columns"])


def label_column_key(label: str) -> str | None:
    """Key of a text column (科目名称 → ``subject``, 项目名称 → ``project``), or None."""
    folded = fold(label)
    return next((key for pattern, key in _label_column_catalogue() if pattern.fullmatch(folded)), None)


@cache
def _column_catalogue() -> tuple[dict, tuple[tuple[re.Pattern, str], ...], frozenset]:
    data = _load("columns.json")
    labels = tuple((re.compile(f"(?:{pattern})"), key) for pattern, key in data["labels"])
    return data["generic"], labels, frozenset(fold(x) for x in data["ignore"])


def is_label_header(label: str) -> bool:
    """True for headers of label columns (codes, names, row numbers), not of values."""
    return fold(label) in _column_catalogue()[2]


def is_generic(label: str) -> bool:
    """A label that takes its meaning from its group (小计, 预算数, 决算数, 金额)."""
    return fold(label) in _column_catalogue()[0]


_OF_WHICH_RE = re.compile(r"^其中[:：]?(?=.)")


@lru_cache(maxsize=8192)
def label_key(label: str) -> str | None:
    """Canonical key of one printed label, or None when the catalogue does not know it."""
    folded = _OF_WHICH_RE.sub("", fold(label))  # 其中：基本支出 names the 基本支出 column
    generic, labels, _ = _column_catalogue()
    if folded in generic:
        return generic[folded]
    for pattern, key in labels:
        if pattern.fullmatch(folded):
            return key
    return None


def column_key(path: list[str]) -> str | None:
    """Canonical key of a column from its header path (top group first, leaf last).

    A generic leaf takes its meaning from the nearest group above it that the catalogue
    knows: 基本支出/小计 → ``basic``; 公务接待费/预算数 → ``reception_budget``.
    """
    path = [p for p in path if fold(p)]
    if not path:
        return None
    generic, _, _ = _column_catalogue()
    leaf = fold(path[-1])
    if leaf in generic:
        suffix = generic[leaf]
        group = next((k for k in (label_key(p) for p in reversed(path[:-1])) if k), None)
        if group is None:
            return "total" if not suffix else suffix
        return f"{group}_{suffix}" if suffix else group
    return label_key(path[-1])


PREVIOUS_YEAR = "上年"
_YEAR_LABEL_RE = re.compile(r"(?:(\d{4})年度?(?:预算|决算|执行)|上年度?(?:预算|决算|执行)?)数")


def printed_year(label: str) -> int | str | None:
    """The year a value column's own label names: 2023 for ``2023年预算数``,
    ``PREVIOUS_YEAR`` for ``上年预算数`` / ``上年决算数`` (the report year − 1, which only
    the document knows); None for a label that names no year.  A group label above the
    column does not count: ``2023年预算数/基本支出`` is not read as a year column."""
    match = _YEAR_LABEL_RE.fullmatch(fold(label.rsplit("/", 1)[-1]))
    if match is None:
        return None
    return int(match.group(1)) if match.group(1) else PREVIOUS_YEAR


_GROUP_RE = re.compile(r"\(([^()]*)\)(\?)?")


def _literals(pattern: str) -> set[str]:
    """The plain strings a simple catalogue pattern matches (alternatives, optional
    groups); patterns with character classes or repeats give none."""
    pattern = pattern.replace("\\(", "（").replace("\\)", "）")
    if re.search(r"[\\\[\]{}*+.]", pattern):
        return set()
    match = _GROUP_RE.search(pattern)
    if match is None:
        return set(pattern.split("|")) if "(" not in pattern else set()
    head, tail = pattern[:match.start()], pattern[match.end():]
    options = match.group(1).split("|") + ([""] if match.group(2) else [])
    if "|" in head or "|" in tail:  # a top-level alternative around the group
        return set()
    found: set[str] = set()
    for option in options:
        found |= _literals(head + option + tail)
    return found if len(found) <= 64 else set()


@cache
def _fuzzy_catalogue() -> tuple[tuple[str, str], ...]:
    _, labels, _ = _column_catalogue()
    pairs = []
    for pattern, key in labels:
        for literal in _literals(pattern.pattern[3:-1]):  # the pattern without its (?:…)
            pairs.append((fold(literal), key))
    return tuple(pairs)


def fuzzy_key(label: str) -> str | None:
    """Key of a label OCR garbled by one character (项目又出 → ``project``): the catalogue
    labels of the same length that differ from it in one character, when they agree."""
    folded = fold(label)
    if len(folded) < 4:
        return None
    keys = {key for literal, key in _fuzzy_catalogue()
            if len(literal) == len(folded) and sum(a != b for a, b in zip(literal, folded)) == 1}
    return keys.pop() if len(keys) == 1 else None


def known_layouts(table_key: str) -> list[list[str]]:
    """Column key layouts known for a kind of table (``layouts`` in columns.json)."""
    return _load("columns.json").get("layouts", {}).get(table_key, [])
