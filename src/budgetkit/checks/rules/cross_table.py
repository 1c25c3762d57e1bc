"""Family ``cross``: the same quantity printed in two tables (DOMAIN.md §5, across tables).

* ``cross.code_amounts``: a 类 / 款 / 项 amount is the same in every expenditure table
  of the same scope;
* ``cross.table_totals``: two expenditure tables of the same scope have the same 合计;
* ``cross.basic_total``: the basic-expenditure table adds up to the 基本支出 column;
* ``cross.projects_total``: the projects table adds up to the 项目支出 column;
* ``cross.income_total``: the income table's 合计 is the income side of the 收支总表;
* ``cross.three_public_items``: the 三公 table covers the 公务接待费 / 公务用车运行维护费 …
  of the basic-expenditure table.

Tables cover different money: 支出总表 and 收支总表 every fund, 财政拨款 tables the
fiscal appropriations, 一般公共预算 tables the general budget only.  Two tables are
compared only when they cover the same money: the same scope, or scopes whose totals
the document prints equal (a department without 政府性基金 or 事业收入 spends the same
under every scope).  A figure from a column other than a table's first is used only when
that table's columns add up (``split_trusted``): a header read wrong must not pass for
two tables disagreeing.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ...document import Document
from ...keys import THREE_PUBLIC_PARTS, code, label as key_label
from ..findings import amount_text, at_row, cell_places, finding, gap_text, row_evidence, table_figure, table_gap
from ..layout import blocks, normalise_name, numbering, segments, sides, strip_numbering, total_row
from ..registry import rule
from ...templates import preference, table_entries
from ...tolerance import MISMATCH, compare_restated, compare_sum
from .arithmetic import row_label, short_label, side_rows_in_doubt, split_trusted, table_title

ZERO = Decimal(0)
ALL, FISCAL, GENERAL = "all", "fiscal", "general_budget"

# Which money each expenditure table covers (``scope`` in tables.json).
SCOPE_OF = {key: entry["scope"] for key, entry in table_entries().items() if "scope" in entry}

# The table that states each scope's amounts by code, nearest scope first.
REFERENCES = preference("references")

# Expenditure tables with amounts by code, references first.
_COMPARED_BY_CODE = preference("compared_by_code")

# Columns compared between tables besides the total, when both tables' columns add up.
_SPLIT_COLUMNS = ("basic", "project", "personnel", "public")

# A row of a 收支总表 that is the year's expenditure (本年支出合计, 当年支出小计, 一、本年支出).
_YEAR_SPENDING_RE = re.compile(r"^(本年|当年)\S{0,6}支出(合计|小计)?$")
_YEAR_INCOME_RE = re.compile(r"^(本年|当年)\S{0,6}收入(合计|小计)?$")


# --- scopes --------------------------------------------------------------------------

def _ok_tables(document: Document, key: str) -> list[dict]:
    """The table of a kind with data, as a list of none or one: a document printing two
    (a department's and a unit's) leaves it unclear which two tables go together."""
    found = [t for t in document.tables_with_key(key) if t.get("status") == "ok"]
    return found if len(found) == 1 else []


def ledger_total(document: Document, table: dict) -> dict | None:
    """The 合计 row of a one-block ledger."""
    rows = document.rows.get(table["table"], [])
    grouped = blocks(rows)
    return total_row(rows) if len(grouped) == 1 else None


def year_spending_row(document: Document, table: dict) -> dict | None:
    """The 本年支出合计 row of a sided table (before 结转下年)."""
    for row in sides(document.rows.get(table["table"], [])).get("expenditure", []):
        if _YEAR_SPENDING_RE.match(strip_numbering(row.get("name"))):
            return row
    return None


# The side-by-side summary of each scope (收支总表, 财政拨款收支总表).
_SUMMARY_OF = {entry["scope"]: key for key, entry in table_entries().items()
               if entry["layout"] == "sided" and "scope" in entry}


def scope_total(document: Document, scope: str) -> tuple[Decimal, Decimal] | None:
    """(total, ulp) of a scope's year expenditure: the 合计 of its ledger table, else the
    本年支出合计 of its 收支总表."""
    for table in _ok_tables(document, REFERENCES[scope][0]):
        row = ledger_total(document, table)
        if row is not None and row["values"].get("total") is not None:
            return row["values"]["total"], document.ulp(table["table"])
    for table in _ok_tables(document, _SUMMARY_OF.get(scope, "")):
        row = year_spending_row(document, table)
        if row is not None and row["values"].get("total") is not None:
            return row["values"]["total"], document.ulp(table["table"])
    return None


def same_scope(document: Document, first: str, second: str) -> bool:
    """Whether two scopes cover the same money: the same scope, or totals printed equal
    (within rounding), which leaves no room for other funds."""
    if first == second:
        return True
    a, b = scope_total(document, first), scope_total(document, second)
    if a is None or b is None:
        return False
    return compare_restated(a[0], b[0], max(a[1], b[1])).status != MISMATCH


# --- cross.code_amounts --------------------------------------------------------------

def _views(document: Document) -> list[tuple[dict, str]]:
    """Expenditure tables with amounts by code, references first, with their scope."""
    return [(table, SCOPE_OF[key]) for key in _COMPARED_BY_CODE for table in _ok_tables(document, key)]


def _references_for(document: Document, table: dict, scope: str, views: list) -> list[dict]:
    """The ledgers ``table``'s codes are compared with, nearest scope first: references
    covering the same money, printed before it in ``_views`` order (so each pair of
    tables is compared once)."""
    position = next(i for i, (t, _) in enumerate(views) if t is table)
    found = []
    for key in REFERENCES[scope]:
        for index, (candidate, candidate_scope) in enumerate(views):
            if (candidate["key"] == key and index < position and candidate["layout"] == "ledger"
                    and same_scope(document, scope, candidate_scope)):
                found.append(candidate)
    return found


def _coded_rows(document: Document, table: dict) -> dict[str, dict]:
    """Functional-code rows by code; a code printed twice (projects of one subject) is left out."""
    rows: dict[str, list[dict]] = {}
    for row in document.rows.get(table["table"], []):
        if row.get("code_kind") == "functional" and row.get("code"):
            rows.setdefault(row["code"], []).append(row)
    return {code: found[0] for code, found in rows.items() if len(found) == 1}


def _rows_by_code(document: Document, table: dict, names: dict[str, list[str]]) -> list[tuple[str, dict]]:
    """(code, row) pairs of a table: its coded rows, and for a 收支总表 whose 类 rows print
    no code, the numbered expenditure rows (八、社会保障和就业支出) named as exactly one 类
    of the references (``names``); an unnumbered 其他支出 may be an economic class."""
    pairs = list(_coded_rows(document, table).items())
    if table.get("layout") != "sided" or pairs:
        return pairs
    for side, side_rows in sides(document.rows.get(table["table"], [])).items():
        for row in side_rows:
            codes = names.get(normalise_name(row.get("name")), [])
            if side != "income" and len(codes) == 1 and numbering(row.get("name")) is not None:
                pairs.append((codes[0], row))
    return pairs


@rule("cross.code_amounts", "a 类, 款 or 项 amount is the same in every expenditure table covering the same money "
                            "(支出总表, 收支总表, 财政拨款 and 一般公共预算 tables)")
def code_amounts(document: Document):
    views = _views(document)
    for table, scope in views:
        references = [(reference, _coded_rows(document, reference))
                      for reference in _references_for(document, table, scope, views)]
        names: dict[str, set[str]] = {}
        for _, coded in references:
            for code, row in coded.items():
                if len(code) == 3:
                    names.setdefault(normalise_name(row.get("name")), set()).add(code)
        trusted = {r["table"]: split_trusted(document, table["table"]) and split_trusted(document, r["table"])
                   for r, _ in references}
        for code, row in _rows_by_code(document, table, {n: sorted(c) for n, c in names.items()}):
            # the nearest reference printing the code
            reference, source = next(((r, coded[code]) for r, coded in references if code in coded), (None, None))
            if source is not None:
                columns = ("total",) + (_SPLIT_COLUMNS if trusted[reference["table"]] else ())
                yield from compare_rows(document, row, source, columns)


def compare_rows(document: Document, row: dict, source: dict, columns: tuple[str, ...], mismatch: str = "error"):
    """Findings for a row restating ``source`` (a row of another table), column by column."""
    for key in columns:
        printed, expected = row["values"].get(key), source["values"].get(key)
        if key not in row["values"] or key not in source["values"]:
            continue
        if printed is None and expected is None:
            continue
        verdict = compare_restated(printed or ZERO, expected or ZERO, document.ulp(row["table"]))
        blank = printed is None or expected is None
        severity = verdict.severity("warning" if blank or row.get("uncertain") or source.get("uncertain")
                                    else mismatch)
        if severity is None:
            continue
        column = "" if key == "total" else f"“{short_label(document, row['table'], key, row.get('block'))}”"
        shown, gap = _as_printed(document, row["table"], source["table"], verdict)
        yield finding(
            severity,
            f"“{table_title(document, row['table'])}”{row_label(row)}{column} {shown(row['table'], printed)}，"
            f"“{table_title(document, source['table'])}”{row_label(source)}{column} {shown(source['table'], expected)}，"
            f"{gap}",
            **at_row(row), places=cell_places(row, [key]) + cell_places(source, [key]), subject=row.get("name"),
            expected=expected or ZERO, actual=printed or ZERO, evidence=row_evidence(row))


def _as_printed(document: Document, first: str, second: str, verdict):
    """How two tables' figures are quoted, and the gap between them: as both print them when
    they print in one unit (1234567 and 1234568, 相差 1 元), else each with its unit and the
    gap in 万元."""
    if document.unit_of(first) == document.unit_of(second):
        return (lambda table, value: table_figure(document, table, value)), table_gap(document, first, verdict)
    return (lambda table, value: f"{table_figure(document, table, value)} {document.unit_of(table)}"), \
        gap_text(verdict)


# --- cross.table_totals --------------------------------------------------------------

@rule("cross.table_totals", "two expenditure tables of the same scope have the same 合计 (支出总表 and 收支总表, "
                            "一般公共预算支出表 by function and by unit, 财政拨款 tables)")
def table_totals(document: Document):
    views = _views(document) + [(t, GENERAL) for t in _ok_tables(document, "general_budget_by_unit")]
    for table, scope in views:
        reference = next(iter(_ok_tables(document, REFERENCES[scope][0])), None)
        if reference is None or reference is table:
            continue
        row = year_spending_row(document, table) if table.get("layout") == "sided" else ledger_total(document, table)
        source = ledger_total(document, reference)
        if row is None or source is None:
            continue
        if table.get("layout") == "sided" and row["index"] in side_rows_in_doubt(document, table["table"]):
            continue  # its own side does not add up: table.side_sum reports that figure
        if table.get("layout") == "sided" and source["values"].get("carry_forward"):
            continue  # a 合计 counting 结转下年 is not the year's spending
        trusted = split_trusted(document, table["table"]) and split_trusted(document, reference["table"])
        yield from compare_rows(document, row, source, ("total",) + (_SPLIT_COLUMNS if trusted else ()))


# --- cross.basic_total and cross.projects_total ---------------------------------------

def table_sum(document: Document, table: dict) -> tuple[list[dict], dict | None]:
    """The rows a table's total is read from: its 合计 row, or the totals of its blocks
    (人员经费合计 + 公用经费合计), each block with amounts having one; and the row to
    report at."""
    rows = document.rows.get(table["table"], [])
    grouped = blocks(rows)
    if len(grouped) == 1:
        row = total_row(rows)
        return ([row], row) if row is not None else ([], None)
    totals = []
    for block_rows in grouped.values():
        row = total_row(block_rows)
        if row is None:
            if any(v for r in block_rows for v in r["values"].values()):
                return [], None  # a block with amounts but no total: its share is unknown
            continue
        totals.append(row)
    return totals, (totals[-1] if totals else None)


def column_amount(document: Document, scope: str, column: str) -> tuple[Decimal, dict, str, list[str]] | None:
    """(amount, row, label, the row's columns it adds) of a 基本支出 / 项目支出 total of a
    scope: the column of the scope's expenditure table (项目支出 may be printed as 部门项目 +
    公共项目), else the row of that name in its 收支总表."""
    for table in _ok_tables(document, REFERENCES[scope][0]):
        row = ledger_total(document, table)
        if row is None or not split_trusted(document, table["table"]):
            continue
        values = row["values"]
        if values.get(column) is not None:
            return values[column], row, short_label(document, table["table"], column), [column]
        parts = [key for key in values if key.startswith(column + "_") and key.count("_") == 1]
        if parts and all(values[key] is not None for key in parts):
            return (sum((values[key] for key in parts), ZERO), row,
                    "+".join(short_label(document, table["table"], key) for key in parts), parts)
    name = key_label(column)
    for key, table_scope in SCOPE_OF.items():
        if table_scope != scope or not key.endswith("summary"):
            continue
        for table in _ok_tables(document, key):
            if table.get("layout") != "sided":
                continue
            for row in document.rows.get(table["table"], []):
                if strip_numbering(row.get("name")) == name and row["values"].get("total") is not None:
                    return row["values"]["total"], row, name, ["total"]
    return None


def scope_column(document: Document, scope: str, column: str):
    """``column_amount`` of the nearest scope covering the same money as ``scope``."""
    for candidate in (scope,) + tuple(s for s in (GENERAL, FISCAL, ALL) if s != scope):
        if same_scope(document, scope, candidate):
            found = column_amount(document, candidate, column)
            if found is not None:
                return found
    return None


def _compare_table_total(document: Document, table: dict, scope: str, column: str, what: str,
                         mismatch: str = "error"):
    rows, at = table_sum(document, table)
    if not rows or any(row["values"].get("total") is None for row in rows):
        return
    found = scope_column(document, scope, column)
    if found is None:
        return
    amount, source, label, keys = found
    parts = [row["values"]["total"] for row in rows]
    verdict = compare_sum(amount, parts, max(document.ulp(table["table"]), document.ulp(source["table"])))
    severity = verdict.severity("warning" if any(r.get("uncertain") for r in rows + [source]) else mismatch)
    if severity is None:
        return
    printed = sum(parts, ZERO)
    names = "＋".join(f"{row_label(row)} {amount_text(row['values']['total'])}" for row in rows)
    yield finding(
        severity,
        f"“{table_title(document, table['table'])}”{names if len(rows) > 1 else row_label(at)} "
        f"{amount_text(printed)}，“{table_title(document, source['table'])}”“{label}” {amount_text(amount)}，"
        f"{gap_text(verdict)}",
        **at_row(at), places=[place for row in rows for place in cell_places(row, ["total"])]
        + cell_places(source, keys),
        subject=what, expected=amount, actual=printed, evidence=row_evidence(at))


_BASIC_SCOPES = {key: SCOPE_OF[key] for key in preference("basic_tables")}


@rule("cross.basic_total", "the basic-expenditure table's 合计 equals the 基本支出 of the expenditure table "
                           "covering the same money")
def basic_total(document: Document):
    for key, scope in _BASIC_SCOPES.items():
        for table in _ok_tables(document, key):
            yield from _compare_table_total(document, table, scope, "basic", "基本支出")


# Funding columns of a projects table that only an every-fund table prints.
_OTHER_FUNDS = {"special_account", "unit_funds", "service_income", "business_income", "other_income", "own_funds",
                "other_funds", "upper_grants", "subsidiary_remit"}


def projects_scope(table: dict) -> tuple[str, bool]:
    """The money a projects table covers, and whether the table says so: a title naming
    一般公共预算 or 财政拨款, or a funding column for other money (单位资金, 财政专户…);
    a plain 项目支出表 without such a column is taken to cover every fund, unsurely."""
    title = table.get("title") or ""
    if "一般公共预算" in title:
        return GENERAL, True
    if "财政拨款" in title:
        return FISCAL, True
    return ALL, any(column["key"] in _OTHER_FUNDS for column in table.get("columns", []))


@rule("cross.projects_total", "the projects table's 合计 equals the 项目支出 of the expenditure table covering "
                              "the same money")
def projects_total(document: Document):
    for table in _ok_tables(document, "projects"):
        scope, stated = projects_scope(table)
        # unsure of the table's scope, a difference could be other funds: a reviewer decides
        sure = stated or same_scope(document, ALL, GENERAL) or same_scope(document, ALL, FISCAL)
        yield from _compare_table_total(document, table, scope, "project", "项目支出",
                                        mismatch="error" if sure else "warning")


# --- cross.income_total --------------------------------------------------------------

@rule("cross.income_total", "the income table's 合计 equals the income side of the 收支总表 "
                            "(本年收入合计, or 收入总计 when it counts the carry-over)")
def income_total(document: Document):
    for table in _ok_tables(document, "income_summary"):
        row = ledger_total(document, table)
        if row is None or row["values"].get("total") is None:
            continue
        for summary in _ok_tables(document, "income_expenditure_summary"):
            source = _income_counterpart(document, table, summary)
            if source is not None:
                yield from compare_rows(document, row, source, ("total",))


def _income_counterpart(document: Document, table: dict, summary: dict) -> dict | None:
    """The 收支总表 income row the income table's 合计 restates: when the carry-over is
    nil the year's income and the grand total are one figure; otherwise the column label
    (本年收入合计) or a carry-over column in the income table says which."""
    totals = [s.total for s in segments(sides(document.rows.get(summary["table"], [])).get("income", []))]
    if not totals:
        return None
    year = next((row for row in totals if _YEAR_INCOME_RE.match(strip_numbering(row.get("name")))), None)
    grand = totals[-1]
    if year is None or year is grand or year["values"].get("total") == grand["values"].get("total"):
        return grand
    keys = [column["key"] for column in table.get("columns", [])]
    label = next((column["label"] for column in table.get("columns", []) if column["key"] == "total"), "")
    if "本年" in label or "当年" in label:
        return year
    if any(key.startswith("carryover") for key in keys):
        return grand
    return None


# --- cross.three_public_items --------------------------------------------------------

# 三公 column → the basic-expenditure economic code that is part of it.
_THREE_PUBLIC_CODES = {key: code(key) for key in THREE_PUBLIC_PARTS if code(key)}


@rule("cross.three_public_items", "a 三公 item (公务接待费, 公务用车运行维护费, 因公出国(境)费, 公务用车购置) "
                                  "is not less than the same item in the basic-expenditure table")
def three_public_items(document: Document):
    basic = document.table("basic_expenditure")
    three = document.table("three_public")
    if basic is None or three is None or basic.get("status") != "ok" or three.get("status") != "ok":
        return
    items = {row["code"]: row for row in document.rows.get(basic["table"], []) if row.get("code_kind") == "economic"}
    rows = [row for row in document.rows.get(three["table"], []) if any(v is not None for v in row["values"].values())]
    if len(rows) != 1:
        return  # a 三公 table of one data row: several would be units or years
    row = rows[0]
    ulp = max(document.ulp(basic["table"]), document.ulp(three["table"]))
    for column, code in _THREE_PUBLIC_CODES.items():
        key = column + ("_actual" if document.kind == "final_account" else "")
        if key not in row["values"] and column in row["values"]:
            key = column
        source = items.get(code)
        if source is None or key not in row["values"]:
            continue
        part, whole = source["values"].get("total"), row["values"].get(key)
        if not part:
            continue
        verdict = compare_sum(whole or ZERO, [part], ulp)
        if verdict.difference >= 0 or verdict.status != MISMATCH:
            continue
        yield finding(
            "warning",
            f"“{table_title(document, three['table'])}”“{short_label(document, three['table'], key)}” "
            f"{amount_text(whole)}，少于“{table_title(document, basic['table'])}”{row_label(source)} "
            f"{amount_text(part)}（三公经费含基本支出中的同项支出）",
            **at_row(row), places=cell_places(row, [key]) + cell_places(source, ["total"]),
            subject=short_label(document, three["table"], key), expected=part,
            actual=whole or ZERO, evidence=row_evidence(source))
