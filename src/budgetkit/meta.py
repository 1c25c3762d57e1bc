"""Document-level facts read from the text: title, year, kind, level, department, region."""

from __future__ import annotations

import re
from collections import Counter

from .sources import Line
from .tables.catalogue import fold
from .tables.parse import labelled_department

_TITLE_RE = re.compile(r"(20\d{2})\s*年度?.{0,30}?(预算|决算)")
_LEVEL_RE = re.compile(r"(部门|单位)(预算|决算)")
_REGION_RE = re.compile(r"^((?:[\u4e00-\u9fff]{2,7}?(?:省|自治区))?(?:[\u4e00-\u9fff]{2,5}?市)?(?:[\u4e00-\u9fff]{1,5}?[区县旗])?)")
_UNIT_CODE_RE = re.compile(r"\[(\d{2,9})\]\s*([^,，\[\]\s]+)")
_HEAD_LINES = 120
# A heading naming the department before the year: "上海市普陀区财政局 2024 年度部门决算表",
# "第二部分 X 2024 年单位预算表"; a cover often puts the name on the line above "2024 年度部门决算".
_PART_RE = re.compile(r"^第[一二三四五六七八九十\d]+部分\s*[:：]?\s*")
_NAMED_TITLE_RE = re.compile(r"^(?P<name>[^\d，。；、:：,;]*?)\s*20\d{2}\s*年度?[^，。；、,;]{0,30}?(?:预算|决算)")
_NAME_RE = re.compile(r"[\u4e00-\u9fff][\u4e00-\u9fff（）()]{3,39}")
_SENTENCE_RE = re.compile(r"[，。；！？,;]")


def document_facts(lines: list[Line], tables, metadata: dict) -> dict:
    """What the document says about itself; None where it does not say."""
    head = [line.text for line in lines[:_HEAD_LINES]]
    titles = [t.span.title for t in tables]
    title, year, kind = _title_year_kind(head + titles + [metadata.get("Title", "")])
    department = _department(tables, head, titles)
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


def _department(tables, head: list[str], titles: list[str]) -> str | None:
    """Printed with the tables first, as they name the very unit whose amounts they give;
    else labelled at the start of the document; else heading its title."""
    for names in (Counter(t.department for t in tables if t.department),
                  Counter(filter(None, map(labelled_department, head))),
                  Counter(_titled_names(head) + _titled_names(titles))):
        if names:
            return names.most_common(1)[0][0]
    return None


def _titled_names(texts: list[str]) -> list[str]:
    headings = [_PART_RE.sub("", text.strip()) for text in texts]
    names = []
    for above, heading in zip([""] + headings, headings):
        match = _NAMED_TITLE_RE.match(heading)
        if match and not _SENTENCE_RE.search(heading):  # prose starting with a year is no heading
            name = re.sub(r"\s+", "", match.group("name") or above)
            names += [name] if _is_name(name) else []
    return names


def _is_name(text: str) -> bool:
    """A department's name, not a place alone (上海市普陀区2023年区级部门预算) nor 本部门 or 我部门."""
    return bool(_NAME_RE.fullmatch(text)) and not text.startswith(("本", "我")) and _region(text) != text


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
