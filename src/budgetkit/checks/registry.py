"""Every rule, with its stable id and one line of documentation (``check --list-rules``).

Rule ids are ``family.name`` (``table.row_sum``); the family prefix selects a whole
family with ``--rules table`` or ``--skip wording``.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from typing import Callable, Iterable

# Families in the order findings are reported, with what they check.
FAMILIES = {
    "table": "arithmetic within a table",
    "cross": "the same quantity in two tables",
    "text": "narrative figures against the tables",
    "percent": "shares, growth and completion rates",
    "form": "performance forms: execution, scores, totals, grades",
    "count": "headcounts and stated counts",
    "complete": "required tables, empty-table notes, contents",
    "code": "classification codes, names and units",
    "wording": "wording a reviewer must fix",
}


@dataclass(frozen=True)
class Rule:
    id: str
    summary: str
    check: Callable[..., Iterable[dict]]

    @property
    def family(self) -> str:
        return self.id.split(".", 1)[0]


RULES: dict[str, Rule] = {}


def rule(rule_id: str, summary: str):
    """Register ``function(document) -> findings`` under ``rule_id``."""
    family = rule_id.split(".", 1)[0]
    if family not in FAMILIES:
        raise ValueError(f"rule {rule_id}: unknown family {family!r}")

    def register(function):
        if rule_id in RULES:
            raise ValueError(f"rule {rule_id} registered twice")
        RULES[rule_id] = Rule(rule_id, summary, function)
        return function

    return register


def select_rules(include: list[str] | None, exclude: list[str] | None) -> list[Rule]:
    """Rules matching any ``include`` pattern (all when none) and no ``exclude`` pattern.

    A pattern is a rule id, a family (``table``) or a shell pattern (``percent.*``);
    one that matches nothing raises ``ValueError`` so a typo is not a silent no-op."""
    ordered = sorted(RULES.values(), key=lambda r: list(FAMILIES).index(r.family))
    chosen = [r for r in ordered if not include or any(_matches(r, p) for p in include)]
    for pattern in (include or []) + (exclude or []):
        if not any(_matches(r, pattern) for r in ordered):
            raise ValueError(f"no rule matches {pattern!r} (see --list-rules)")
    return [r for r in chosen if not any(_matches(r, p) for p in exclude or [])]


def _matches(candidate: Rule, pattern: str) -> bool:
    return pattern in (candidate.id, candidate.family) or fnmatch.fnmatchcase(candidate.id, pattern)
