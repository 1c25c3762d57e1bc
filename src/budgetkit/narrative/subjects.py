"""What a claim's subject refers to: a classification code, a column concept, a scope.

The names come from the document's own tables, so ``办公费`` resolves to whatever code
the basic-expenditure table prints beside 办公费 (30201), and a prose name that drifted
(``其他商品及服务支出``) still meets its row after folding.  The 类/款/项 form the prose
uses for functional lines (``卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）``)
is resolved level by level, because 项 names such as 行政运行 repeat under many 款.
"""

from __future__ import annotations

import re
from collections import defaultdict

from ..tables.catalogue import fold, label_key

_ENUMERATOR_RE = re.compile(r"^(?:\d{1,2}[.、．]|[（(]\d{1,2}[)）]|[“\"])+")
_LEVEL_PART_RE = re.compile(r"([^（()）“”\"]+?)[（(](类|款|项)[)）]")
_SCOPES = (("一般公共预算", "general_budget"), ("政府性基金", "gov_fund"), ("国有资本经营", "state_capital"),
           ("财政拨款", "fiscal"))
_DRIFT = (("及", "和"), ("（", "("), ("）", ")"))
# Prose words for amounts the tables print as columns or total lines rather than codes.
_CONCEPTS = (
    (r"三公经费|“三公”经费|\"三公\"经费", "three_public"),
    (r"因公出国\(境\)(?:经)?费用?", "abroad"),
    (r"公务用车购置及运行(维护)?费", "vehicles"),
    (r"公务用车购置费?", "vehicle_purchase"),
    (r"公务用车运行(维护)?费", "vehicle_operation"),
    (r"公务接待费", "reception"),
    (r"机关运行经费", "operating_expenses"),
    (r"(收入支出|收支)(总计|总预算|预算总额|总额)|收入总计|支出总计|总预算", "total"),
    (r"本年收入(合计)?|收入(合计|预算)?", "income"),
    (r"本年支出(合计)?|支出(合计|预算)?", "expenditure"),
    (r"上年结转(结余)?|年初结转和结余", "carryover"),
    (r"政府采购(预算|总额|支出)?", "procurement"),
)


class SubjectIndex:
    """Names of the coded rows of one document's tables."""

    def __init__(self, rows: list[dict]):
        self.by_name: dict[str, set[tuple[str, str]]] = defaultdict(set)
        self.names: dict[str, str] = {}
        for row in rows:
            if row.get("code") and row.get("code_kind") in ("functional", "economic"):
                self.by_name[_key(row["name"])].add((row["code"], row["code_kind"]))
                self.names.setdefault(row["code"], row["name"])

    def resolve(self, subject: str, topic: str | None = None) -> dict:
        """``code``, ``code_kind``, ``concept`` and ``scope`` of a subject (None when unknown)."""
        found = self._levels(subject) or self._name(subject)
        if found is None and topic:
            found = self._levels(topic) or self._name(topic)
        concept = None if found else _concept(subject)
        return {
            "code": found[0] if found else None,
            "code_kind": found[1] if found else None,
            "concept": concept,
            "scope": scope_of(subject),
        }

    def _levels(self, text: str) -> tuple[str, str] | None:
        parts = _LEVEL_PART_RE.findall(text)
        if not parts:
            return None
        candidates: set[tuple[str, str]] = set()
        for name, _level in parts:
            name = _key(_ENUMERATOR_RE.sub("", name))
            codes = {c for c in self.by_name.get(name, ()) if c[1] == "functional"}
            if candidates:
                codes = {c for c in codes if any(c[0].startswith(p[0]) for p in candidates)} \
                    or self._truncated(name, candidates)
            if not codes:
                return None
            candidates = codes
        return next(iter(candidates)) if len(candidates) == 1 else None

    def _truncated(self, name: str, parents: set[tuple[str, str]]) -> set[tuple[str, str]]:
        """Children whose printed table name is cut short (``机关事业单位基本养老保``)."""
        return {
            code for row_name, codes in self.by_name.items() if len(row_name) >= 4 and name.startswith(row_name)
            for code in codes if any(code[0].startswith(p[0]) and len(code[0]) > len(p[0]) for p in parents)
        }

    def _name(self, subject: str) -> tuple[str, str] | None:
        key = _key(_strip_scope(subject))
        if not key:
            return None
        codes = self.by_name.get(key)
        if codes and len(codes) == 1:
            return next(iter(codes))
        # the longest row name that ends the subject: 一般公共预算卫生健康支出 → 卫生健康支出
        suffixes = sorted((n for n in self.by_name if len(n) >= 3 and key.endswith(n)), key=len, reverse=True)
        for name in suffixes:
            if len(self.by_name[name]) == 1:
                return next(iter(self.by_name[name]))
        return None


def scope_of(subject: str) -> str | None:
    for word, scope in _SCOPES:
        if word in subject:
            return scope
    return None


def _concept(subject: str) -> str | None:
    bare = re.sub(r"(?:预算|决算)数?$|(?:预算|决算)安排$", "", _strip_scope(subject)) or _strip_scope(subject)
    key = label_key(bare)
    if key and key not in ("general_budget", "gov_fund", "state_capital", "fiscal"):
        return key
    folded = fold(bare)
    for pattern, concept in _CONCEPTS:
        if re.fullmatch(f"(?:部门|单位)?(?:{pattern})", folded):
            return concept
    return None


def _strip_scope(subject: str) -> str:
    text = fold(subject)
    text = re.sub(r"^(?:.{2,30}?(?:局|院|办事处|委员会|中心))?(?:\d{4}年度?)?", "", text)
    return re.sub(r"^(?:部门|单位)?(?:一般公共预算|政府性基金预算|国有资本经营预算)?(?:财政拨款)?", "", text)


def _key(name: str) -> str:
    key = fold(name)
    for old, new in _DRIFT:
        key = key.replace(old, new)
    return key
