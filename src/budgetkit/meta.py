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
# The cover: the lines a document opens with, before its contents, its first heading or
# its first sentence (a label such as 初审：… or 预算单位：… ends it too).
_COVER_LINES = 6
_COVER_END_RE = re.compile(r"目\s*录|^第[一二三四五六七八九十\d]+部分|^[一二三四五六七八九十]+\s*[、.．\s]|[，。；：:,;]")
# A cover names the department before the year (湖州市财政局 2026 年部门预算) or after it
# (2026 年度 / 泉州市人民政府办公室（本级） / 单位预算); a year printed in another font
# may be read apart from its 年 (重庆市…委员会 年部门预算情况说明 / 2026).
_COVER_NAME_BEFORE_RE = re.compile(r"^(?P<name>[^\d]+?)(?:20\d{2})?年度?(?:部门|单位)?(?:预算|决算)")
_COVER_NAME_AFTER_RE = re.compile(r"20\d{2}年度?(?P<name>[^\d]+?)(?:部门|单位)?(?:预算|决算)")
_YEAR_RE = re.compile(r"20\d{2}")
# A line of the table of contents: dot leaders, or a page number after a gap.
_CONTENTS_ENTRY_RE = re.compile(r"[.…·．]{3,}\s*\d*$|\s\d{1,3}$")


def document_facts(lines: list[Line], tables, metadata: dict) -> dict:
    """What the document says about itself; None where it does not say."""
    head = [line.text for line in lines[:_HEAD_LINES]]
    titles = [t.span.title for t in tables]
    cover = _cover(lines)
    title, year, kind = _title_year_kind([cover] + head + titles + [metadata.get("Title", "")])
    department = _department(tables, head, titles, cover)
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
    """The year and kind of the first text naming them; the title is the first such
    text that is not a line of the contents (``第二部分 2026 年度部门预算表 ...... 6``)."""
    found = [(text.strip(), match) for text in texts if (match := _TITLE_RE.search(fold(text)))]
    if not found:
        return None, None, None
    match = found[0][1]
    kind = "final_account" if match.group(2) == "决算" else "budget"
    title = next((text for text, _ in found if not _CONTENTS_ENTRY_RE.search(text) and not _is_prose(text)), None)
    return title, int(match.group(1)), kind


def _is_prose(text: str) -> bool:
    """A sentence of the narrative, not a title: a clause mark or a full stop inside (a
    scanned 说明 without its cover opens with ``2023年，…收入预算16497.86万元，其中…``)."""
    return bool(re.search(r"[，。；,;]", text.strip().rstrip("。")))


def _cover(lines: list[Line]) -> str:
    """The cover's lines joined as one title, white space dropped
    (``湖 州 市财 政 局 2026 年 部 门预 算`` → ``湖州市财政局2026年部门预算``), a year read
    apart from its 年 put back before it; empty when the document opens with prose."""
    parts = []
    for line in lines[:_COVER_LINES]:
        if line.page != lines[0].page or _COVER_END_RE.search(line.text.strip()):
            break
        parts.append(re.sub(r"\s+", "", line.text))
    cover = "".join(parts).strip(".·-—_ ")
    alone = [part for part in parts if _YEAR_RE.fullmatch(part)]
    if alone and re.search(r"(?<!\d)年", cover) and not re.search(r"20\d{2}年", cover):
        cover = re.sub(r"(?<!\d)年", alone[0] + "年", cover.replace(alone[0], "", 1), count=1)
    return cover


def _cover_name(cover: str) -> str | None:
    """The department a cover names, before or after its year."""
    for pattern in (_COVER_NAME_BEFORE_RE, _COVER_NAME_AFTER_RE):
        match = pattern.search(cover)
        if match and _is_name(match.group("name")):
            return match.group("name")
    return None


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


def _department(tables, head: list[str], titles: list[str], cover: str) -> str | None:
    """Printed with the tables first, as they name the very unit whose amounts they give;
    else labelled at the start of the document; else named on its cover; else heading
    its title."""
    for names in (Counter(t.department for t in tables if t.department),
                  Counter(filter(None, map(labelled_department, head))),
                  Counter(filter(None, [_cover_name(cover)])),
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
