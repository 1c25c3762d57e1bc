"""Document-level facts read from the text: title, year, kind, level, department, region."""

from __future__ import annotations

import re
from collections import Counter

from .sources import Line
from .tables.catalogue import fold

_TITLE_RE = re.compile(r"(20\d{2})\s*年度?.{0,30}?(预算|决算)")
_LEVEL_RE = re.compile(r"(部门|单位)(预算|决算)")
_REGION_RE = re.compile(r"^((?:[\u4e00-\u9fff]{2,7}?(?:省|自治区))?(?:[\u4e00-\u9fff]{2,5}?市)?(?:[\u4e00-\u9fff]{1,5}?[区县旗])?)")
_UNIT_CODE_RE = re.compile(r"\[(\d{2,9})\]\s*([^,，\[\]\s]+)")
_HEAD_LINES = 120


def document_facts(lines: list[Line], tables, metadata: dict) -> dict:
    """What the document says about itself; None where it does not say."""
    head = [line.text for line in lines[:_HEAD_LINES]]
    titles = [t.span.title for t in tables]
    title, year, kind = _title_year_kind(head + titles + [metadata.get("Title", "")])
    department = _department(tables, head)
    return {
        "title": title,
        "department": department,
        "department_code": _department_code(lines, department),
        "region": _region(department),
        "year": year,
        "kind": kind or _kind_from_tables(titles),
        "level": _level(head + titles),
    }


def _title_year_kind(texts: list[str]) -> tuple[str | None, int | None, str | None]:
    for text in texts:
        match = _TITLE_RE.search(fold(text))
        if match:
            kind = "final_account" if match.group(2) == "决算" else "budget"
            return text.strip(), int(match.group(1)), kind
    return None, None, None


def _kind_from_tables(titles: list[str]) -> str | None:
    final = sum("决算" in fold(t) for t in titles)
    budget = sum("预算" in fold(t) for t in titles)
    if final or budget:
        return "final_account" if final > budget else "budget"
    return None


def _level(texts: list[str]) -> str | None:
    counts = Counter(m.group(1) for text in texts for m in _LEVEL_RE.finditer(fold(text)))
    if not counts:
        return None
    return "unit" if counts["单位"] > counts["部门"] else "department"


def _department(tables, head: list[str]) -> str | None:
    names = Counter(t.department for t in tables if t.department)
    if names:
        return names.most_common(1)[0][0]
    return None


def _department_code(lines: list[Line], department: str | None) -> str | None:
    if not department:
        return None
    for line in lines:
        for code, name in _UNIT_CODE_RE.findall(line.text):
            if fold(name) == fold(department):
                return code
    return None


def _region(department: str | None) -> str | None:
    if not department:
        return None
    match = _REGION_RE.match(department)
    return match.group(1) or None if match else None
