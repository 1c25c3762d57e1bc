"""Family ``code``: classification codes, their names, and money units (DOMAIN.md §3, §4).

The names are judged against the code list shipped in ``data/codes.json`` (codebook.py)
and, for the prose's 类/款/项 paths, against the names the document's own tables print.
"""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal

from ...amounts import UNIT_SCALE
from ..codebook import DIFFERENT, OBSOLETE, OTHER, SIMILAR, TRUNCATED, codebook, name_key
from ...document import Document
from ..findings import (amount_text, at_form, at_row, at_statement, cell_places, finding, record_places,
                        row_evidence)
from ..quoting import at_paragraph, quote
from ..registry import rule
from ..restated import printed_ulp
from ...tolerance import MISMATCH, compare_restated

TEN_THOUSAND = Decimal(10000)
_SCALE_HINT = "疑为元与万元混用"
# Label columns of projects/procurement rows that pair a code with its name.
_LABEL_PAIRS = (("subject_code", "subject"), ("economic_code", "economic_subject"))


# --- names -----------------------------------------------------------------------------

@rule("code.name", "the name printed beside a functional or economic code is the code's name in the code list")
def code_name(document: Document):
    book = codebook()
    judged = [(row, code, printed, book.judge(code, printed, document.year))
              for row, code, printed in _coded_names(document)]
    misnamed = {(row["table"], row["index"]) for row, _, _, j in judged if j.verdict in (SIMILAR, OTHER, DIFFERENT)}
    seen = set()
    for row, code, printed, judgement in judged:
        if judgement.verdict not in (TRUNCATED, OBSOLETE, SIMILAR, OTHER, DIFFERENT):
            continue
        if (code, printed, judgement.verdict) in seen:  # the same name in the next table says nothing new
            continue
        seen.add((code, printed, judgement.verdict))
        severity, message = _name_message(judgement, code, printed, document.year)
        # names shifted against their codes by a misread table misname a run of rows:
        # the row's own name is then not known for sure
        shifted = any((row["table"], row["index"] + step) in misnamed for step in (-1, 1))
        if severity == "error" and (row.get("uncertain") or shifted):
            severity = "warning"
        yield finding(severity, message, **at_row(row), subject=printed, evidence=row_evidence(row))


def _coded_names(document: Document):
    """(row, code, printed name) of every coded row; on projects and procurement rows the
    code and name come from their label columns (the row's own name is the project)."""
    for rows in document.rows.values():
        for row in rows:
            labels = row.get("labels")
            if labels:
                for code_key, name_key_ in _LABEL_PAIRS:
                    if labels.get(code_key) and labels.get(name_key_):
                        yield row, labels[code_key], labels[name_key_]
            elif row.get("code") and row.get("code_kind") in ("functional", "economic") and row.get("name"):
                yield row, row["code"], row["name"]


def _name_message(judgement, code: str, printed: str, year: int | None) -> tuple[str, str]:
    """Severity and words: a cut name is a note; the name of a sibling code (办公费 printed
    as 差旅费) is clearly another item, an error; other names that do not fit, warnings."""
    verdict, official = judgement.verdict, judgement.entry.name
    if verdict == TRUNCATED:
        return "info", f"{code} 名称“{printed}”不完整，应为“{official}”"
    if verdict == OBSOLETE:
        return "warning", f"{code} 名称“{printed}”为 {judgement.until} 年及以前的科目名称，{year} 年应为“{official}”"
    if verdict == OTHER:
        siblings = [other for other in judgement.others if other[:-2] == code[:-2]]
        shown = siblings or list(judgement.others[:3])
        more = "等" if not siblings and len(judgement.others) > 3 else ""
        return ("error" if siblings else "warning",
                f"{code} 的名称印为“{printed}”，这是 {'、'.join(shown)}{more} 的名称；{code} 应为“{official}”")
    return "warning", f"{code} 名称“{printed}”与科目名称“{official}”不符"


# --- parents within a table --------------------------------------------------------------

@rule("code.parent_row", "a 款 or 项 row of a table sits under the 类 or 款 row its code belongs to")
def parent_row(document: Document):
    for rows in document.rows.values():
        for group in _groups(rows).values():
            yield from _orphans(group)


def _groups(rows: list[dict]) -> dict[tuple, list[dict]]:
    groups = defaultdict(list)
    for row in rows:
        if row.get("code_kind") in ("functional", "economic") and row.get("level") in ("类", "款", "项"):
            groups[(row.get("block"), row.get("side"))].append(row)
    return groups


def _orphans(group: list[dict]):
    """Rows whose parent code is printed nowhere in their block although the block prints
    rows of the parent's level: the row is filed under the wrong heading, or its code is
    misprinted.  (A table that prints no 类 rows at all is not judged.)"""
    codes = {row["code"] for row in group}
    lengths = {len(code) for code in codes}
    above: dict[int, dict] = {}
    for row in group:
        code = row["code"]
        parent_length = len(code) - 2
        if parent_length >= 3 and parent_length in lengths and code[:parent_length] not in codes:
            heading = above.get(parent_length)
            where = f"列在 {heading['code']} “{heading['name']}”之下，" if heading else ""
            yield finding(
                "warning",
                f"{row['level']} {code} “{row['name']}”{where}表中没有其上级科目 {code[:parent_length]}",
                **at_row(row), subject=row["name"], evidence=row_evidence(row))
        above[len(code)] = row
        for length in list(above):
            if length > len(code):
                del above[length]


# --- 类/款/项 paths in the prose ----------------------------------------------------------

# Each name is at most 40 characters (the longest in the code list is 18): a run of text
# with no punctuation is then scanned in linear time, not once from every character.
_PATH_RE = re.compile(
    r"(?P<lei>[^()（）“”\"',;:。、\d.\-]{1,40}?)\(类\)(?P<kuan>[^()（）“”\"',;:。、]{1,40}?)\(款\)"
    r"(?:(?P<xiang>[^()（）“”\"',;:。、]{1,40}?)\(项\))?")


@rule("code.prose_path", "a 类/款/项 path in the prose names a 款 of that 类 and a 项 of that 款")
def prose_path(document: Document):
    names = _NameIndex(document)
    reported = set()
    for paragraph in document.paragraphs:
        if "(类)" not in paragraph["text"]:
            continue  # no path to read: the pattern is not tried from every character
        for match in _PATH_RE.finditer(paragraph["text"]):
            path = match.group(0)
            if path in reported:
                continue
            problem = _path_problem(names, match)
            if problem:
                reported.add(path)
                yield finding("warning", f"“{path}”：{problem}", **at_paragraph(document, paragraph, match.start()),
                              subject=path, evidence=quote(paragraph["text"], match.start(), match.end()))


class _NameIndex:
    """Codes by name, from the code list and from the document's own tables."""

    def __init__(self, document: Document):
        self.book = codebook()
        self.printed: dict[str, set[str]] = defaultdict(set)
        self.names: dict[str, str] = {}
        for _row, code, name in _coded_names(document):
            if code.startswith("2"):
                self.printed[name_key(name)].add(code)
                self.names.setdefault(code, name)

    def codes(self, name: str, length: int) -> set[str]:
        found = self.book.codes_named(name, length)
        found |= {c for c in self.printed.get(name_key(name), ()) if len(c) == length}
        return found

    def name(self, code: str) -> str | None:
        entry = self.book.get(code)
        return entry.name if entry else self.names.get(code)


def _kuan_hint(names: _NameIndex, cls: str, xiang: str | None) -> str:
    """``；住房公积金 属 22102 住房改革支出``: the 款 the path's 项 belongs to, when unique."""
    if not xiang:
        return ""
    parents = {item[:5] for item in names.codes(xiang, 7) if item.startswith(cls)}
    if len(parents) != 1:
        return ""
    (parent,) = parents
    return f"；“{xiang}”属 {parent} “{names.name(parent)}”" if names.name(parent) else ""


def _path_problem(names: _NameIndex, match: re.Match) -> str | None:
    lei, kuan, xiang = match.group("lei"), match.group("kuan"), match.group("xiang")
    classes = names.codes(lei, 3)
    if len(classes) != 1:
        return None  # a 类 the list does not know (or an ambiguous one) is not judged
    (cls,) = classes
    kuans = names.codes(kuan, 5)
    if not kuans:
        as_class = names.codes(kuan, 3)
        if as_class:
            return f"“{kuan}”是类级科目（{'、'.join(sorted(as_class))}）的名称，不是 {cls} 下的款" + \
                _kuan_hint(names, cls, xiang)
        return None  # a name the list does not know
    under = {k for k in kuans if k.startswith(cls)}
    if not under:
        return f"“{kuan}”是 {'、'.join(sorted(kuans))} 的名称，不属于 {cls} “{lei}”" + _kuan_hint(names, cls, xiang)
    if xiang:
        items = names.codes(xiang, 7)
        parents = {item[:5] for item in items}
        # a generic 项 (行政运行, 一般行政管理事务) repeats under many 款: judged only when unique
        if len(parents) == 1 and not any(item.startswith(k) for item in items for k in under):
            return f"“{xiang}”是 {'、'.join(sorted(items))} 的名称，不属于 {'、'.join(sorted(under))} “{kuan}”"
    return None


# --- 元 read as 万元 ------------------------------------------------------------------------

@rule("code.unit_scale", "the same amount printed in two places differs by a factor of 10 000 (元 against 万元)")
def unit_scale(document: Document):
    yield from _statements_against_tables(document)
    yield from _tables_against_tables(document)
    yield from _projects_against_table(document)


def _statements_against_tables(document: Document):
    values = _table_values(document)
    for statement in document.statements:
        amount = statement.get("amount")
        if not amount or statement.get("unit") not in UNIT_SCALE:
            continue
        candidates = values.get(("code", statement.get("code"))) if statement.get("code") else None
        if not candidates and statement.get("concept"):
            candidates = values.get(("concept", statement["concept"]))
        if not candidates:
            continue
        ulp = printed_ulp(statement, statement["amount"])
        if any(compare_restated(amount, value, ulp).status != MISMATCH for value, _, _ in candidates):
            continue  # the figure is printed right somewhere: nothing to explain
        for value, value_ulp, row in candidates:
            scaled = _scale(amount, ulp, value, value_ulp)
            if not scaled:
                continue
            severity = "warning" if row.get("uncertain") else "error"
            yield finding(
                severity,
                f"“{statement['claim']}”与{_table_name(document, row)}“{row['name']}” {amount_text(value)} 万元"
                f"相差 10000 倍，{_SCALE_HINT}",
                **at_statement(statement), table=row["table"], row=row["index"], code=statement.get("code"),
                subject=statement.get("subject"), expected=value, actual=amount, evidence=statement["sentence"])
            break


def _table_values(document: Document) -> dict[tuple, list[tuple[Decimal, Decimal, dict]]]:
    """Non-zero table amounts a statement may restate: by code (every column of the coded
    rows) and by concept (the matching column of total rows)."""
    found = defaultdict(list)
    for table_id, rows in document.rows.items():
        ulp = document.ulp(table_id)
        for row in rows:
            for key, value in row["values"].items():
                if not value:
                    continue
                if row.get("code"):
                    found[("code", row["code"])].append((value, ulp, row))
                elif row.get("total"):
                    found[("concept", key)].append((value, ulp, row))
    return found


def _tables_against_tables(document: Document):
    """The 合计 of one code in two tables, one 10 000 times the other."""
    by_code = defaultdict(list)
    for table_id, rows in document.rows.items():
        ulp = document.ulp(table_id)
        for row in rows:
            value = row["values"].get("total")
            if row.get("code") and row.get("code_kind") in ("functional", "economic") and value:
                by_code[row["code"]].append((value, ulp, row))
    for code, found in by_code.items():
        for small, small_ulp, small_row in found:
            for big, big_ulp, big_row in found:
                if big_row["table"] == small_row["table"] or big <= small:
                    continue
                scaled = _scale(small, small_ulp, big, big_ulp)
                if not scaled:
                    continue
                uncertain = small_row.get("uncertain") or big_row.get("uncertain")
                yield finding(
                    "warning" if uncertain else "error",
                    f"{code} “{big_row['name']}”在{_table_name(document, big_row)}为 {amount_text(big)} 万元，"
                    f"在{_table_name(document, small_row)}为 {amount_text(small)} 万元，相差 10000 倍，{_SCALE_HINT}",
                    **at_row(big_row), places=cell_places(big_row, ["total"]) + cell_places(small_row, ["total"]),
                    subject=big_row["name"], expected=small, actual=big,
                    evidence=f"{row_evidence(big_row)} | {row_evidence(small_row)}")


def _projects_against_table(document: Document):
    """A project's amount on its performance form against the projects table."""
    table = {}
    for row in document.rows_of("projects"):
        value = row["values"].get("total")
        if row.get("name") and value and not row.get("total"):
            table.setdefault(name_key(row["name"]), (value, document.ulp(row["table"]), row))
    for project in document.projects:
        amount = project.get("amount")
        known = table.get(name_key(project.get("name") or ""))
        if project.get("source") == "projects" or not amount or not known:
            continue
        value, value_ulp, row = known
        ulp = _form_ulp(document, project)
        if compare_restated(amount, value, ulp).status != MISMATCH:
            continue
        scaled = _scale(amount, ulp, value, value_ulp)
        if scaled:
            yield finding(
                "error",
                f"项目“{project['name']}”绩效表金额 {amount_text(amount)} 万元，项目支出表 {amount_text(value)} 万元，"
                f"相差 10000 倍，{_SCALE_HINT}",
                **at_form(project, project.get("source")),
                places=record_places(project) + cell_places(row, ["total"]),
                table=row["table"], row=row["index"], subject=project["name"], expected=value, actual=amount)


def _scale(a: Decimal, a_ulp: Decimal, b: Decimal, b_ulp: Decimal) -> bool:
    """Whether one amount is the other times 10 000, to within their printed precision.  The smaller must be printed to 1% or better (``5 万元`` against 50 000
    proves nothing)."""
    if a <= 0 or b <= 0:
        return False
    (small, small_ulp), (big, big_ulp) = sorted(((a, a_ulp), (b, b_ulp)))
    if small_ulp > small / 100:
        return False
    scaled_ulp = max(small_ulp * TEN_THOUSAND, big_ulp)
    return compare_restated(small * TEN_THOUSAND, big, scaled_ulp).status != MISMATCH


def _form_ulp(document: Document, project: dict) -> Decimal:
    form = next((f for f in document.forms if f["form"] == project.get("source")), {})
    scale = UNIT_SCALE.get(form.get("unit") or "万元", 0)
    exponent = project["amount"].scaleb(-scale).normalize().as_tuple().exponent
    return Decimal(1).scaleb(min(exponent, 0) + scale)


def _table_name(document: Document, row: dict) -> str:
    table = document.tables.get(row["table"], {})
    return table.get("title") or row["table"]
