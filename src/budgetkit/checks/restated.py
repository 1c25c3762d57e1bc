"""What a narrative statement refers to: its year, its printed precision, and the table
values it restates.

The prose of a disclosure restates the tables (DOMAIN.md §6), but a statement record only
says what its subject *names* (a code, a concept, a scope).  Before a rule compares a
statement with a table it must be sure both are the same quantity: the same year (a
final account's 年初预算 is not its 决算 table; a budget's 上年执行数 is not this year's
budget), the same fund (一般公共预算 vs all funds) and the same line (a project's 印刷费 is
not the basic-expenditure 印刷费 row).  The lookups here answer those questions once,
for the ``text`` and ``percent`` rules.

A statement may restate several printed copies of a figure (the 基本支出 total is in the
支出总表, the 一般公共预算支出表 and the 收支总表); :func:`table_sources` lists every copy
it can be compared with, best first, so a rule reports a mismatch only when no copy
agrees — disagreements between the tables themselves are the ``cross`` rules' concern.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable, Iterator

from ..amounts import UNIT_SCALE
from ..keys import THREE_PUBLIC_PARTS, label as key_label, parent, part_of
from ..names import fold, name_key, strip_markers
from ..templates import preference
from ..document import Document
from ..totals import ledger_total
from ..tolerance import MISMATCH, compare_sum, ulp_of_text
from .findings import cell_places

ZERO = Decimal(0)

_LEADING_YEAR_RE = re.compile(r"^[^\d]{0,30}?(20\d{2})年度?")
_OPENING_RE = re.compile(r'^[“"(（]+')  # a subject quoted or bracketed: ``“三公”经费``
# A subject that only says which side of a budget/actual pair it is (``年初预算``,
# ``支出决算``, ``2023年预算安排``): what it measures comes from its topic heading.
_GENERIC_RE = re.compile(r"(?:年初|当年|本年|全年|实际|调整|预算|决算|支出|安排|执行|合计|数|为)+")
_FUND_WORDS_RE = re.compile(r"一般公共预算|政府性基金预算?|国有资本经营预算?")
_PAST_RE = re.compile(r"上年|去年|上一年|上年度")
_LEVEL_RE = re.compile(r"[（(](?:类|款|项)[)）]")
_PERCENT_RE = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*[%％]")

# Tables whose rows restate one amount per functional or economic code.  Projects and
# procurement rows carry the code of the line they are charged to, not a line total.
_NOT_CODE_TOTALS = frozenset({"projects", "procurement", "performance", "purchase_services", "general_budget_by_unit"})
_FUND_TABLES = {"gov_fund": "gov_fund", "state_capital": "state_capital"}
# Which copy of a coded line a finding cites first: the table that is about that line.
_PREFERENCE = {key: rank for rank, key in enumerate(preference("cited_first"))}

_THREE_PUBLIC_ITEM_KEYS = frozenset(THREE_PUBLIC_PARTS)
# What each 三公 item is a part of, for lists that itemise them.
THREE_PUBLIC_PARENT = {key: parent(key) for key in THREE_PUBLIC_PARTS}
# Records extracted before extraction said vehicle_operation for 公务用车运行费.
_CONCEPT_ALIASES = {"vehicle_running": "vehicle_operation"}


@dataclass(frozen=True)
class Source:
    """One printed table value a statement can be compared with."""

    value: Decimal
    table: str  # table id
    row: dict | None  # the row it is printed on (the first row of a sum)
    label: str  # where a reviewer finds it: ``支出总表“合计/基本支出”``
    uncertain: bool = False  # the row's column split is not printed fact
    places: tuple[dict, ...] = ()  # where it is printed (finding places): a cell, or the cells added up
    key: str | None = None  # the column of a value printed in one cell (not a sum of cells)


# --- the statement itself ------------------------------------------------------------

def core_subject(statement: dict) -> str:
    """The subject without its leading year and enumerator (``2023年预算安排`` → ``预算安排``)."""
    subject = fold(statement.get("subject") or "")
    subject = re.sub(r"^(?:\d{4}年度?)", "", _without_markers(subject))
    return subject


def _without_markers(text: str) -> str:
    """Leading list markers and opening quotes or brackets, however they are stacked."""
    while (stripped := _OPENING_RE.sub("", strip_markers(text))) != text:
        text = stripped
    return text


def is_generic(statement: dict) -> bool:
    """A subject such as ``年初预算``, ``支出决算`` or ``2023年预算安排`` that names no line by
    itself (``本年支出合计`` does: it is the total)."""
    subject = core_subject(statement)
    return not subject or subject in ("支出", "数") or \
        bool(_GENERIC_RE.fullmatch(subject) and re.search(r"预算|决算|执行|安排", subject))


def printed_year(statement: dict) -> int | None:
    """The year the statement's own words give its figure (``2022年当年预算执行数为…``)."""
    if statement.get("year"):
        return statement["year"]
    match = _LEADING_YEAR_RE.match(fold(statement.get("claim") or ""))
    return int(match.group(1)) if match else None


def is_budget_figure(statement: dict) -> bool:
    """The subject names a budget (预算数, 年初预算) rather than an outturn (决算, 执行数);
    the fund names 一般公共预算 etc. do not count."""
    return names_budget(_FUND_WORDS_RE.sub("", fold(statement.get("subject") or "")))


_OUTTURN_RE = re.compile(r"决算|执行|实际")


def names_outturn(text: str | None) -> bool:
    """The words name an outturn (决算, 执行数, 实际支出)."""
    return bool(text) and bool(_OUTTURN_RE.search(text))


def names_budget(text: str | None) -> bool:
    """The words name a budget (预算数, 年初预算) and no outturn."""
    return bool(text) and "预算" in text and not names_outturn(text)


def is_current(document: Document, statement: dict) -> bool:
    """The figure is the document's own year and kind: a budget's budget, a final
    account's outturn.  Last year's figures, execution figures quoted in a budget and the
    年初预算 quoted in a final account are not what the tables print."""
    year = printed_year(statement)
    if year and document.year and year != document.year:
        return False
    subject = fold(statement.get("subject") or "")
    if _PAST_RE.search(subject) or "调整预算" in subject:
        return False
    if document.kind == "budget":
        return not re.search(r"执行|决算", subject)
    if document.kind == "final_account":
        return not is_budget_figure(statement)
    return True


def scale_of(statement: dict) -> int:
    return UNIT_SCALE.get(statement.get("unit") or "万元", 0)


def printed_ulp(statement: dict, value: Decimal | None, text: str | None = None) -> Decimal:
    """The unit of the last digit ``value`` (in 万元) is printed with in the statement's
    claim, in 万元: ``10.32万元`` → 0.01, ``1,310,926元`` → 0.0001."""
    scale = scale_of(statement)
    shown = value.scaleb(-scale) if value is not None else None
    return ulp_of_text(text if text is not None else statement.get("claim") or "", shown).scaleb(scale)


def percent_ulp(statement: dict, value: Decimal) -> Decimal:
    """The ulp of a percentage as printed (``22%`` → 1, ``21.95%`` → 0.01)."""
    text = statement.get("sentence") or statement.get("claim") or ""
    for literal in _PERCENT_RE.findall(text.replace(" ", "")):
        if Decimal(literal.replace(",", "")) == value:
            return Decimal(1).scaleb(-len(literal.split(".")[1])) if "." in literal else Decimal(1)
    return ulp_of_text(str(value))


def position(document: Document, statement: dict) -> int:
    """Where ``statement`` is in the document's reading order (0 if it is not one of them)."""
    return next((i for i, s in enumerate(document.statements) if s is statement), 0)


def ancestors(document: Document, statement: dict) -> Iterator[dict]:
    """The statements a statement's list itemises, nearest first."""
    seen = {statement["id"]}
    parent = document.statement(statement.get("parent")) if statement.get("parent") else None
    while parent is not None and parent["id"] not in seen:
        seen.add(parent["id"])
        yield parent
        parent = document.statement(parent.get("parent")) if parent.get("parent") else None


def in_three_public(document: Document, statement: dict) -> bool:
    """Said of the “三公” 经费: under a 三公 heading, in a list itemising a 三公 total, naming
    三公 itself, or one of a run of 三公 items that follows a 三公 total.  (公务接待费
    elsewhere is the basic-expenditure line 30217.)"""
    if "三公" in fold(statement.get("heading") or "") or "三公" in fold(statement.get("subject") or ""):
        return True
    if statement.get("concept") == "three_public":
        return True
    if any("三公" in fold(p.get("subject") or "") or p.get("concept") == "three_public"
           for p in ancestors(document, statement)):
        return True
    if three_public_key(statement.get("subject") or "") not in _THREE_PUBLIC_ITEM_KEYS:
        return False
    index = position(document, statement)
    for earlier in reversed(document.statements[max(0, index - 8):index]):
        key = three_public_key(earlier.get("subject") or "")
        if key == "three_public":
            return True
        if key not in _THREE_PUBLIC_ITEM_KEYS:
            return False
    return False


def three_public_key(text: str) -> str | None:
    """The 三公 item a subject or table label names (``公务用车运行维护费`` → vehicle_operation)."""
    return part_of(text)


def statement_three_public_key(statement: dict) -> str | None:
    """The 三公 item of a statement in a 三公 passage; a generic subject (``支出决算``)
    takes it from the words before it in the sentence."""
    if is_generic(statement):
        sentence = statement.get("sentence") or ""
        start = (statement.get("span") or [len(sentence)])[0]
        return three_public_key(sentence[:start][-40:])
    return three_public_key(statement.get("subject") or "") or \
        _CONCEPT_ALIASES.get(statement.get("concept"), statement.get("concept"))


def norm_name(name: str | None) -> str:
    """A row or subject name for comparing names: folded, enumerators, (类/款/项), 的 and
    drifting connectives (及/和) removed."""
    return name_key(name).replace("的", "")


def names_match(subject: str, row_name: str) -> bool:
    """``其他商品及服务支出`` names ``其他商品和服务支出``; ``其他工资福利`` names
    ``其他工资福利支出``; a 4+ character name cut short by the table matches its start."""
    a, b = norm_name(subject), norm_name(row_name)
    if not a or not b:
        return False
    if a == b or a + "支出" == b or b + "支出" == a:
        return True
    return min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a)) and abs(len(a) - len(b)) <= 2


# --- table values ----------------------------------------------------------------------

def total_row(document: Document, table_id: str) -> dict | None:
    """The 合计 row of a ledger table (totals.py)."""
    return ledger_total(document.rows.get(table_id, []))


def _source(document: Document, table_id: str, row: dict, key: str, what: str | None = None) -> Source | None:
    value = row["values"].get(key)
    if value is None:
        return None
    table = document.tables[table_id]
    where = what or f"{row.get('name') or '合计'}/{document.column_label(table_id, key)}"
    return Source(value, table_id, row, f"{table.get('title') or table_id}“{where}”", bool(row.get("uncertain")),
                  tuple(cell_places(row, [key])), key)


def ledger_totals(document: Document, keys: Iterable[str], column: str) -> Iterator[Source]:
    """``column`` of the 合计 row of each table of the given kinds."""
    for key in keys:
        for table in document.tables_with_key(key):
            row = total_row(document, table["table"])
            if row is not None:
                found = _source(document, table["table"], row, column)
                if found:
                    yield found


def sided_rows(document: Document, keys: Iterable[str], side: str | None, match) -> Iterator[Source]:
    """The ``total`` of rows of side-by-side summary tables whose name ``match`` accepts."""
    for key in keys:
        for table in document.tables_with_key(key):
            for row in document.rows.get(table["table"], []):
                if row.get("side") is None or (side and not row["side"].startswith(side)):
                    continue
                if match(row):
                    found = _source(document, table["table"], row, "total", row.get("name"))
                    if found:
                        yield found


def named_rows(document: Document, keys: Iterable[str], names: tuple[str, ...]) -> Iterator[Source]:
    """The ``total`` of ledger rows with one of ``names`` (``人员经费合计``)."""
    for key in keys:
        for table in document.tables_with_key(key):
            for row in document.rows.get(table["table"], []):
                if norm_name(row.get("name")) in names:
                    found = _source(document, table["table"], row, "total", row.get("name"))
                    if found:
                        yield found


def code_sum(document: Document, keys: Iterable[str], codes: tuple[str, ...], what: str) -> Iterator[Source]:
    """The sum of the ``total`` of rows with ``codes`` (人员经费 = 301 + 303), when the
    first code is printed."""
    for key in keys:
        for table in document.tables_with_key(key):
            rows = [r for r in document.rows.get(table["table"], []) if r.get("code") in codes]
            if any(r["code"] == codes[0] for r in rows):
                found = _summed(document, table["table"], rows, what)
                if found:
                    yield found


def code_rows(document: Document, code: str, kind: str, scope: str | None) -> Iterator[Source]:
    """The ``total`` of ``code`` in each table printing it, the fund tables only for a
    fund's scope (政府性基金 lines are not in the 一般公共预算 tables)."""
    fund = _FUND_TABLES.get(scope or "")
    for table in sorted(document.tables.values(), key=lambda t: _PREFERENCE.get(t["key"], len(_PREFERENCE))):
        key = table["key"]
        if key in _NOT_CODE_TOTALS or (fund and key != fund) or (not fund and key in _FUND_TABLES.values()):
            continue
        rows = [row for row in document.rows.get(table["table"], [])
                if row.get("code") == code and row.get("code_kind") == kind]
        if rows:
            found = _summed(document, table["table"], rows, f"{code} {rows[0].get('name') or ''}".strip(),
                            "operating_expenses" if key == "operating_expenses" else "total")
            if found:
                yield found


def _summed(document: Document, table_id: str, rows: list[dict], what: str, key: str = "total") -> Source | None:
    """``key`` of the rows of one table added up: one row, or a code printed on several
    rows (烟台 prints 301 工资福利支出 beside each government class it maps to, the code's
    total being theirs together)."""
    if len(rows) == 1:
        return _source(document, table_id, rows[0], key, what)
    values = [row["values"].get(key) for row in rows]
    if not rows or None in values:
        return None
    table = document.tables[table_id]
    return Source(sum(values, ZERO), table_id, rows[0], f"{table.get('title') or table_id}“{what}”",
                  any(row.get("uncertain") for row in rows),
                  tuple(place for row in rows for place in cell_places(row, [key])))


def three_public_values(document: Document) -> dict[str, Source]:
    """The 三公 table by item: ``abroad``, ``reception``… (``*_budget``/``*_actual`` in a
    final account), ``three_public`` for the 三公 total.  Read from its columns, or from
    its rows where the items are printed one per row."""
    table = document.table("three_public")
    if table is None or table.get("status") != "ok":
        return {}
    table_id = table["table"]
    rows = document.rows.get(table_id, [])
    keys = [c["key"] for c in table.get("columns", [])]
    found: dict[str, Source] = {}
    if any(k != "total" for k in keys):
        row = total_row(document, table_id)
        if row is None:
            return {}
        has_subtotal = "three_public" in keys
        for key in keys:
            item = key
            if key.startswith("total") and not has_subtotal:
                item = "three_public" + key[len("total"):]
            elif key.startswith("total"):
                continue
            source = _source(document, table_id, row, key)
            if source:
                found.setdefault(item, source)
        return found
    for row in rows:
        item = "three_public" if row.get("total") else three_public_key(row.get("name") or "")
        source = _source(document, table_id, row, "total", row.get("name")) if item else None
        if source:
            found.setdefault(item, source)
    return found


def three_public_adds_up(document: Document, statement: dict) -> bool:
    """Whether the 三公 table's total on the side ``statement`` restates (a final
    account's budget or actual) equals its three items.  A table that does not cannot say
    which of its cells is the misprint (or misread, in OCR text)."""
    suffix = "" if document.kind != "final_account" else "_budget" if is_budget_figure(statement) else "_actual"
    found = three_public_values(document)
    total = found.get("three_public" + suffix)
    parts = [found.get(item + suffix) for item in ("abroad", "vehicles", "reception")]
    if total is None or any(part is None for part in parts):
        return True
    return compare_sum(total.value, [p.value for p in parts], document.ulp(total.table)).status != MISMATCH


def project_rows(document: Document, name: str) -> Iterator[Source]:
    """The projects-table rows of the project ``name`` names exactly."""
    for table in document.tables_with_key("projects"):
        for row in document.rows.get(table["table"], []):
            project = (row.get("labels") or {}).get("project")
            if project and norm_name(project) == norm_name(name):
                found = _source(document, table["table"], row, "total", project)
                if found:
                    yield found


# --- what a statement restates ---------------------------------------------------------

_EXPENDITURE_LEDGERS = preference("expenditure_ledgers")
_BASIC_TABLES = preference("basic_tables")
_BASIC_CONTEXT = ("basic", "personnel", "public")
_BASIC_HEADING_RE = re.compile(r"基本支出|人员经费|公用经费")
_SCOPE_WORDS = {scope: key_label(scope) for scope in ("general_budget", "fiscal")}


def table_sources(document: Document, statement: dict) -> tuple[list[Source], str]:
    """Every table value ``statement``'s amount restates, best first, and how the
    statement was matched: ``三公``, ``project``, ``code``, ``name`` or ``concept``.
    Empty when the statement is not this year's figure or names nothing certain."""
    if statement.get("amount") is None:
        return [], ""
    if in_three_public(document, statement):
        return _three_public_sources(document, statement), "三公"
    if not is_current(document, statement):
        return [], ""
    basic = _in_basic_context(document, statement)
    if not is_generic(statement) and not basic:
        found = list(project_rows(document, statement.get("subject") or ""))
        if found:
            return found, "project"
    if statement.get("code"):
        return _coded_sources(document, statement), "code"
    if statement.get("topic"):
        return [], ""  # a line under a heading whose code is unknown
    if is_generic(statement) and not (document.kind == "budget" and statement.get("concept") in
                                      ("total", "income", "expenditure")):
        # ``支出决算为…`` after ``一般公共预算财政拨款支出年初预算为…``: its sentence says of what
        return [], ""
    if basic:
        found = _economic_by_name(document, statement)
        if found:
            return found, "name"
    return _concept_sources(document, statement), "concept"


def _three_public_sources(document: Document, statement: dict) -> list[Source]:
    year = printed_year(statement)
    if (year and document.year and year != document.year) or _PAST_RE.search(fold(statement.get("subject") or "")):
        return []
    key = statement_three_public_key(statement)
    if key is None:
        return []
    if document.kind == "final_account":
        key += "_budget" if is_budget_figure(statement) else "_actual"
    elif re.search(r"执行|决算", fold(statement.get("subject") or "")):
        return []
    found = three_public_values(document).get(key)
    return [found] if found else []


def _coded_sources(document: Document, statement: dict) -> list[Source]:
    """Rows with the statement's code, when the code is certainly its subject's: a
    generic subject under a 类/款/项 heading, a subject printed with (类)/(款)/(项), or one
    that names the row; for economic codes only in a basic-expenditure passage."""
    code, kind = statement["code"], statement.get("code_kind")
    rows = list(code_rows(document, code, kind, statement.get("scope")))
    if statement.get("scope") is None and kind == "functional":
        fiscal = _fiscal_line(document, code)
        rows += [fiscal] if fiscal else []
    subject = statement.get("subject") or ""
    if kind == "economic":
        if not _in_basic_context(document, statement):
            return []
        return [r for r in rows if r.row is not None and names_match(subject, r.row.get("name"))]
    if is_generic(statement):
        return rows if statement.get("topic") else []
    if _LEVEL_RE.search(subject) or any(r.row is not None and names_match(subject, r.row.get("name")) for r in rows):
        return rows
    return []


# The tables of the three kinds of 财政拨款, whose lines together make a line's 财政拨款.
_FISCAL_PARTS = ("general_budget_expenditure", "gov_fund", "state_capital")


def _fiscal_line(document: Document, code: str) -> Source | None:
    """A functional line's 财政拨款: its 一般公共预算 line plus its 政府性基金 (and 国有资本
    经营) lines, for a narrative that states the line without saying whose money it counts
    (huzhou-02: 交通运输支出 106247.07 = 41783.67 + 64463.40)."""
    found = []
    for key in _FISCAL_PARTS:
        for table in document.tables_with_key(key):
            row = next((r for r in document.rows.get(table["table"], [])
                        if r.get("code") == code and r.get("code_kind") == "functional"), None)
            if row is not None and row["values"].get("total") is not None:
                found.append((table, row))
                break
    if len(found) < 2:
        return None
    titles = "＋".join(table.get("title") or table["table"] for table, _ in found)
    table, row = found[0]
    return Source(sum(r["values"]["total"] for _, r in found), table["table"], row,
                  f"{titles}“{code} {row.get('name') or ''}”之和", any(r.get("uncertain") for _, r in found),
                  tuple(place for _, r in found for place in cell_places(r, ["total"])))


def _in_basic_context(document: Document, statement: dict) -> bool:
    """Itemising 基本支出, 人员经费 or 公用经费 (or an economic class of them)."""
    for parent in ancestors(document, statement):
        if parent.get("concept") in _BASIC_CONTEXT or parent.get("code_kind") == "economic":
            return True
    return False


def _economic_by_name(document: Document, statement: dict) -> list[Source]:
    """Basic-expenditure rows whose name the subject prints (no code resolved)."""
    found = []
    for key in _BASIC_TABLES:
        for table in document.tables_with_key(key):
            rows = [row for row in document.rows.get(table["table"], [])
                    if row.get("code_kind") == "economic" and names_match(statement.get("subject") or "", row.get("name"))]
            if len({row["code"] for row in rows}) == 1:
                source = _summed(document, table["table"], rows, f"{rows[0]['code']} {rows[0].get('name')}")
                if source:
                    found.append(source)
    return found if len({s.row["code"] for s in found}) == 1 else []


def _concept_sources(document: Document, statement: dict) -> list[Source]:
    concept = statement.get("concept")
    subject = fold(statement.get("subject") or "")
    scope = statement.get("scope")
    if scope in ("gov_fund", "state_capital"):
        return []  # fund lines are compared by code, in their own tables
    all_funds = scope is None
    if concept in ("basic", "project"):
        return part_sources(document, concept, all_funds)
    if concept == "personnel":
        return [*ledger_totals(document, (*_EXPENDITURE_LEDGERS, *_BASIC_TABLES, "expenditure_summary"), "personnel"),
                *named_rows(document, _BASIC_TABLES, ("人员经费合计", "人员经费")),
                *code_sum(document, _BASIC_TABLES, ("301", "303"), "301+303")]
    if concept == "public":
        return [*ledger_totals(document, (*_EXPENDITURE_LEDGERS, *_BASIC_TABLES, "expenditure_summary"), "public"),
                *named_rows(document, _BASIC_TABLES, ("公用经费合计", "公用经费")),
                *code_sum(document, _BASIC_TABLES, ("302",), "302"),
                *code_sum(document, _BASIC_TABLES, ("302", "310"), "302+310")]
    if concept == "operating_expenses" or "机关运行经费" in subject:
        found = [*ledger_totals(document, ("operating_expenses",), "operating_expenses"),
                 *ledger_totals(document, ("operating_expenses",), "total")]
        extra = three_public_values(document).get("operating_expenses")
        return found + ([extra] if extra else [])
    if concept == "procurement" or re.fullmatch(r".*政府采购(?:预算)?(?:支出)?(?:预算)?(?:合计|总额)?", subject):
        if document.kind != "budget" or re.search(r"货物|工程|服务|中小|小微|预留|授予", subject):
            return []
        # 一般公共预算拨款政府采购: that fund's column of the table, never its all-funds 合计
        return list(ledger_totals(document, ("procurement",), scope or "total"))
    if concept in ("total", "income", "expenditure"):
        return headline_sources(document, statement)
    if concept:
        return list(sided_rows(document, ("income_expenditure_summary", "fiscal_summary"), "income",
                               lambda row: names_match(statement.get("subject") or "", row.get("name"))))
    return []


def part_sources(document: Document, concept: str, all_funds: bool) -> list[Source]:
    """基本支出 or 项目支出: the column of the expenditure tables, the line of the
    side-by-side summaries, the 合计 of the basic-expenditure or projects table."""
    name = "基本支出" if concept == "basic" else "项目支出"
    ledgers = _EXPENDITURE_LEDGERS + (("expenditure_summary",) if all_funds else ())
    sided = ("fiscal_summary",) + (("income_expenditure_summary",) if all_funds else ())
    found = [*ledger_totals(document, ledgers, concept),
             *sided_rows(document, sided, "expenditure", lambda row: norm_name(row.get("name")) == name)]
    if concept == "basic":
        found += ledger_totals(document, _BASIC_TABLES, "total")
    elif document.kind == "budget":
        found += ledger_totals(document, ("projects",), "total")
    return found


def headline_sources(document: Document, statement: dict) -> list[Source]:
    """收入/支出/收支 totals: the total lines of the summary tables, on the side the
    subject names, of the kind it names (总计 includes carry-overs, 合计 does not)."""
    subject = fold(statement.get("subject") or "")
    concept, scope = statement.get("concept"), statement.get("scope")
    income = concept == "income" or ("收入" in subject and "支出" not in subject)
    expenditure = concept == "expenditure" or ("支出" in subject and "收入" not in subject)
    side = "income" if income and not expenditure else "expenditure" if expenditure and not income else None
    kind = "总计" if "总计" in subject else "合计" if "合计" in subject else None

    def is_total(row: dict) -> bool:
        name = norm_name(row.get("name"))
        return bool(row.get("total")) and (kind is None or kind in name or (kind == "合计" and "小计" in name))

    if scope in _SCOPE_WORDS:
        word = _SCOPE_WORDS[scope]
        found = []
        if scope == "fiscal" or side != "income":  # the 财政拨款 totals; 一般公共预算 income is a line
            found += sided_rows(document, ("fiscal_summary",), side, is_total)
        if side == "income":
            found += sided_rows(document, ("income_expenditure_summary", "fiscal_summary"), "income",
                                lambda row: word in fold(row.get("name") or "") and "结转" not in (row.get("name") or ""))
            found += ledger_totals(document, ("income_summary",), scope)
        elif side == "expenditure":
            found += ledger_totals(document, ("general_budget_expenditure",) if scope == "general_budget"
                                   else ("fiscal_expenditure",), "total")
        return found
    found = list(sided_rows(document, ("income_expenditure_summary",), side, is_total))
    if kind != "总计":
        if side in (None, "income"):
            found += ledger_totals(document, ("income_summary",), "total")
        if side in (None, "expenditure"):
            found += ledger_totals(document, ("expenditure_summary",), "total")
    return found
