"""The classification code list shipped in ``data/codes.json``: what each code is called.

Documents print a name beside every functional (支出功能分类) and economic (经济分类)
code; the name is what a reader goes by, so a name that does not belong to its code
misleads.  Names drift without being wrong (``其他商品及服务支出``, ``维修(护)费``, a
类 printed without its ``支出``, a province's old template label), and codes were renamed
(``医疗卫生与计划生育支出`` became ``卫生健康支出`` with the 2019 list).  The list says which
names are accepted for a code and until which year a former name was official; a code
it does not hold is unknown, never wrong.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cache

from .. import names
from ..templates import data as template_data

LEVELS = {3: "类", 5: "款", 7: "项"}

# Verdicts of ``Codebook.judge``, from harmless to wrong.
OK, FORMER, TRUNCATED, OBSOLETE, SIMILAR, OTHER, DIFFERENT, UNKNOWN = (
    "ok", "former", "truncated", "obsolete", "similar", "other", "different", "unknown")


def name_key(name: str) -> str:
    """The comparable form of a code name (names.py): folded, 及 → 和, no ``(类)/(款)/(项)``
    marks, no brackets, quotes or list markers."""
    return names.name_key(name)


@dataclass(frozen=True)
class Entry:
    code: str
    name: str  # the current official name (or the name the documents print, for codes only they show)
    variants: tuple[str, ...]  # other accepted names
    former: tuple[tuple[str, int], ...]  # (earlier official name, last year it was official)
    sources: tuple[str, ...]

    @property
    def level(self) -> str | None:
        return LEVELS.get(len(self.code))

    def accepted(self, year: int | None) -> list[str]:
        """Every name a document of ``year`` may print for this code."""
        names = [self.name, *self.variants]
        names += [name for name, until in self.former if year is None or year <= until]
        return names


@dataclass(frozen=True)
class Judgement:
    verdict: str  # OK, FORMER, TRUNCATED, OBSOLETE, SIMILAR, OTHER, DIFFERENT, UNKNOWN
    entry: Entry | None
    others: tuple[str, ...] = ()  # OTHER: the codes of the same level that carry the printed name
    until: int | None = None  # OBSOLETE: the last year the printed name was official


class Codebook:
    """Lookups over the code list."""

    def __init__(self, entries: dict[str, Entry]):
        self.entries = entries
        self._by_key: dict[str, set[str]] = {}
        for entry in entries.values():
            for name in (entry.name, *entry.variants, *(name for name, _ in entry.former)):
                for key in _keys(name, entry.level):
                    self._by_key.setdefault(key, set()).add(entry.code)

    def get(self, code: str | None) -> Entry | None:
        return self.entries.get(code) if code else None

    def codes_named(self, name: str, length: int | None = None) -> set[str]:
        """Codes (of ``length`` digits, when given) one of whose names is ``name``."""
        codes = self._by_key.get(name_key(name), set())
        return {c for c in codes if length is None or len(c) == length}

    def judge(self, code: str, printed: str, year: int | None) -> Judgement:
        """How the name ``printed`` beside ``code`` in a document of ``year`` fits the list."""
        entry = self.entries.get(code)
        if entry is None:
            return Judgement(UNKNOWN, None)
        key = name_key(printed)
        if not key:
            return Judgement(UNKNOWN, entry)
        if any(key in _keys(name, entry.level) for name in entry.accepted(year)):
            return Judgement(OK if key in _keys(entry.name, entry.level) else FORMER, entry)
        for name, until in entry.former:
            if key in _keys(name, entry.level):
                return Judgement(OBSOLETE, entry, until=until)
        if _truncated(key, entry.accepted(year)):
            return Judgement(TRUNCATED, entry)
        others = tuple(sorted(c for c in self.codes_named(printed, len(code)) if c != code))
        if others:
            return Judgement(OTHER, entry, others=others)
        best = max(difflib.SequenceMatcher(None, key, name_key(name)).ratio() for name in entry.accepted(year))
        return Judgement(SIMILAR if best >= 0.5 else DIFFERENT, entry)


def _keys(name: str, level: str | None) -> set[str]:
    """A name's comparable forms; a 类 is also known without its trailing 支出
    (``一般公共服务`` in a 收支总表) and with one added (``公共安全(类)支出``)."""
    key = name_key(name)
    keys = {key}
    if level == "类":
        keys.add(key.removesuffix("支出"))
        keys.add(key.removesuffix("支出") + "支出")
    return keys


def _truncated(key: str, names: list[str]) -> bool:
    """A name cut short by a narrow cell (``机关事业单位基本养老保``), perhaps ended with 等."""
    stem = key.removesuffix("等")
    return len(stem) >= 4 and any(name_key(name).startswith(stem) and name_key(name) != stem for name in names)


@cache
def codebook() -> Codebook:
    """The list shipped with budgetkit."""
    data = template_data("codes.json")
    entries = {}
    for code, item in data["codes"].items():
        entries[code] = Entry(code=code, name=item["name"], variants=tuple(item.get("variants", {})),
                              former=tuple((f["name"], f["until"]) for f in item.get("former", [])),
                              sources=tuple(item.get("sources", [])))
    return Codebook(entries)
