"""Family ``complete``: what a disclosure must publish, and what could not be read (DOMAIN.md §2).

Every budget and final account must publish a set of standard tables, an empty one
included with a note saying why it is empty; the table of contents promises tables the
document must then contain.  These findings are ``warning``s: a missing table may also be
one the extraction did not recognise, and the reviewer decides.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ...tables.catalogue import match_table
from ...templates import preference, table_entries
from ...document import Document
from ..findings import at_table, finding
from ..registry import rule

# The tables every template at hand publishes, whatever the province (DOMAIN.md §2), what
# a reviewer calls each table, and the tables that stand in for a required one: data in
# tables.json (``preferences.required``, ``name``, ``preferences.substitutes``).
REQUIRED = preference("required")
NAMES = {key: entry["name"] for key, entry in table_entries().items()}
SUBSTITUTES = preference("substitutes")

KIND_NAMES = {"budget": "预算", "final_account": "决算"}


@rule("complete.required_tables", "a budget publishes the 8 standard tables, a final account the 9 公开 tables")
def required_tables(document: Document):
    required = REQUIRED.get(document.kind or "")
    if not required or not any(t.get("layout") != "form" for t in document.tables.values()):
        return  # nothing read at all is reported as a problem (complete.problems), not 8 times over
    present = {t["key"] for t in document.tables.values()}
    for key in required:
        if key in present or any(s in present for s in SUBSTITUTES.get(key, ())):
            continue
        yield finding("warning", f"未找到{KIND_NAMES[document.kind]}公开必须包含的“{NAMES[key]}”"
                                 f"（无数据也应公开空表并说明）", subject=NAMES[key])


@rule("complete.empty_note", "a table without data says why (本部门无…); one without such a note is flagged")
def empty_note(document: Document):
    for table in document.tables.values():
        if table.get("status") != "no_data":
            continue
        note = re.sub(r"^(备注|注|说明)\s*[:：]\s*", "", (table.get("note") or "").strip())
        said = f"，备注“{note}”未说明无数据的原因" if note else "，也没有说明无数据的原因"
        yield finding("warning", f"“{table.get('title') or NAMES.get(table['key'], table['key'])}”没有数据{said}",
                      **at_table(table), subject=table.get("title"), evidence=note or None)


@rule("complete.contents", "every table the contents list is in the document")
def contents(document: Document):
    present = {t["key"] for t in document.tables.values()}
    reported = set()
    for entry in document.meta.get("contents") or []:
        kind = match_table(entry)
        if kind is None or kind.key in present or kind.key in reported:
            continue  # an entry the catalogue does not know cannot be looked for
        reported.add(kind.key)
        title = entry.lstrip("-· ").strip()
        yield finding("warning", f"目录列出“{title}”，正文中未找到该表", subject=title, evidence=entry)


@rule("complete.contents_page", "a table is printed on the page the contents give for it")
def contents_page(document: Document):
    for table in document.tables.values():
        listed, printed = table.get("listed_page"), table.get("folio")
        if listed is None or printed is None or listed == printed:
            continue
        yield finding("warning", f"目录列“{table.get('title')}”在第 {listed} 页，该表印在第 {printed} 页",
                      **at_table(table), subject=table.get("title"), expected=Decimal(printed),
                      actual=Decimal(listed), unit="页")


@rule("complete.blank_pages", "a page with neither text nor image (a table printed without its content, a page "
                              "left out)")
def blank_pages(document: Document):
    pages = document.meta.get("blank_pages") or []
    if pages:
        yield finding("warning", f"第 {_page_list(pages)} 页为空白页（无文字、无图像），请核对是否漏印", page=pages[0],
                      subject="空白页")


# What a reviewer should know was not read, by problem code (docs/schema.md).
PROBLEMS = {
    "scanned_page": "没有文字层（扫描页），其内容未读取",
    "garbled_text": "文字缺少字符映射（乱码），其内容未能可靠读取",
    "page_unreadable": "无法读取",
    "page_too_large": "内容过大（超出内存预算），未读取",
    "page_timeout": "读取超时（超出时间预算），未读取",
    "no_tables": None,
    "not_a_budget": None,
}


@rule("complete.problems", "pages and tables that could not be read (scanned, garbled), so the reviewer knows")
def problems(document: Document):
    by_code: dict[str, list[dict]] = {}
    for problem in document.meta.get("problems") or []:
        by_code.setdefault(problem.get("code") or "", []).append(problem)
    for code, found in by_code.items():
        pages = sorted(p["page"] for p in found if p.get("page") is not None)
        if code == "no_tables":
            message = "未识别出任何标准预算/决算表，表格未读取"
        elif code == "not_a_budget":
            message = "文件中没有预算或决算公开内容（全文未出现“预算”“决算”，也没有标准表格），未作检查"
        elif pages and code in PROBLEMS:
            message = f"第 {_page_list(pages)} 页{PROBLEMS[code]}"
        else:
            message = "；".join(p.get("message") or code for p in found)
        yield finding("warning", message, page=pages[0] if pages else None, subject=code,
                      evidence="；".join(p.get("message") or "" for p in found[:3]) or None)
    for table in document.tables.values():
        for problem in table.get("problems") or []:
            yield finding("warning", f"“{table.get('title')}”：{problem.get('message') or problem.get('code')}",
                          **_at_problem(table, problem), subject=problem.get("code"))


def _page_list(pages: list[int]) -> str:
    """``3、4、5、9`` as ``3–5、9``."""
    runs: list[list[int]] = []
    for page in pages:
        if runs and page == runs[-1][-1] + 1:
            runs[-1].append(page)
        else:
            runs.append([page])
    return "、".join(f"{r[0]}–{r[-1]}" if len(r) > 2 else "、".join(map(str, r)) for r in runs)


def _at_problem(table: dict, problem: dict) -> dict:
    """Where a table's problem is: its page, else the table (boxed only on its first page)."""
    where = at_table(table)
    if problem.get("page") and problem["page"] != where["page"]:
        where.update(page=problem["page"], bbox=None)
    return where
