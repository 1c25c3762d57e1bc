"""What each key means: the one key → label table (``data/keys.json``).

Figures, columns and scopes go by English keys in records (``abroad``, ``basic``,
``general_budget``); reports, findings and ``change`` records print their Chinese label.
Every label comes from here, so a key reads the same in ``diff``, ``check``, ``kpi`` and
``summarize`` (``因公出国（境）费`` with full-width brackets everywhere).  Each key has a
``label``, a ``unit`` (万元 unless said) and the key it is a part of (``parent``): the
“三公” tree is ``three_public`` → ``abroad``, ``vehicles`` (→ ``vehicle_purchase``,
``vehicle_operation``), ``reception``.  The file is checked when it is loaded: every
entry has a label, units are 万元 or 人, and parents are keys of the file.  A 三公 item
also has the words that name it (:func:`part_of`) and the economic code it is spent
under (:func:`code`).
"""

from __future__ import annotations

from functools import cache

from . import templates
from .names import name_key

UNITS = ("万元", "人")


@cache
def _entries() -> dict[str, dict]:
    entries = {key: entry for key, entry in templates.data("keys.json").items() if not key.startswith("_")}
    _validate(entries)
    return entries


def _validate(entries: dict[str, dict]) -> None:
    for key, entry in entries.items():
        if not isinstance(entry.get("label"), str) or not entry["label"]:
            raise ValueError(f"keys.json: {key} has no label")
        if entry.get("unit", "万元") not in UNITS:
            raise ValueError(f"keys.json: {key} has unit {entry['unit']!r}, not one of {UNITS}")
        if not all(isinstance(word, str) and word for word in entry.get("names", [])):
            raise ValueError(f"keys.json: {key} has an empty name")
        if entry.get("parent") is not None and entry["parent"] not in entries:
            raise ValueError(f"keys.json: the parent of {key}, {entry['parent']}, is no key")


def label(key: str, default: str | None = None) -> str | None:
    """``abroad`` → ``因公出国（境）费``; ``default`` for a key the table does not hold."""
    entry = _entries().get(key)
    return entry["label"] if entry else default


def unit(key: str) -> str:
    return _entries().get(key, {}).get("unit", "万元")


def parent(key: str) -> str | None:
    return _entries().get(key, {}).get("parent")


def depth(key: str) -> int:
    """How many parents up the key's tree goes (``vehicle_purchase`` → 2)."""
    found, current = 0, parent(key)
    while current is not None:
        found, current = found + 1, parent(current)
    return found


def children(key: str) -> list[str]:
    return [child for child, entry in _entries().items() if entry.get("parent") == key]


def descendants(key: str) -> tuple[str, ...]:
    """The parts of ``key`` in pre-order (a part, then its own parts)."""
    return tuple(found for child in children(key) for found in (child, *descendants(child)))


def code(key: str) -> str | None:
    """The economic code a 三公 item is spent under (``reception`` → 30217)."""
    return _entries().get(key, {}).get("code")


def part_of(name: str | None) -> str | None:
    """The 三公 item a row name or subject names (``2.公务用车购置及运行维护费`` →
    ``vehicles``, ``其中：（1）公务用车购置`` → ``vehicle_purchase``), matched on its
    :func:`names.name_key`: the parts first (a part's words name its parents too), then
    会议费 and 培训费, then ``three_public``.  ``机关运行经费`` names none."""
    key = name_key(name)
    return next((item for item in _item_order() if any(word in key for word in _entries()[item]["names"])), None)


@cache
def _item_order() -> tuple[str, ...]:
    named = [key for key, entry in _entries().items() if entry.get("names")]
    parts = descendants("three_public")
    return (*parts, *(key for key in named if key not in parts and key != "three_public"), "three_public")


# abroad, vehicles, vehicle_purchase, vehicle_operation, reception
THREE_PUBLIC_PARTS = descendants("three_public")
