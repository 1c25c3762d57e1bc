"""The record model: what every budgetkit command reads and writes (docs/schema.md).

Records are JSON objects, one per line (JSON Lines), UTF-8 with Chinese kept as is.
Every record has ``type`` and ``doc`` (the first 16 hex digits of the source file's
sha256), so streams of many documents can be mixed and filtered with ``jq``.  Amounts
are exact decimals in 万元, written as JSON numbers; readers should parse them with
``Decimal`` (``json.loads(line, parse_float=Decimal)``), as ``read_records`` does.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from decimal import Decimal
from typing import IO, Iterable, Iterator

from . import SCHEMA_VERSION
from .amounts import format_decimal

SEVERITIES = ("error", "warning", "info")  # of a finding, most severe first
SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}

RECORD_TYPES = ("document", "table", "row", "statement", "staff", "paragraph", "form", "project", "indicator", "prior")


def doc_id(sha256: str) -> str:
    return sha256[:16]


_OWN_LEVEL_RE = re.compile(r"[(（]?本级[)）]?$")


def disclosure_id(department: str | None, level: str | None, year: int | None, kind: str | None) -> str | None:
    """The id the files of one disclosure share (a 情况说明 and its 报表 published apart):
    16 hex digits of a hash of the department, its level, the year and the kind; None
    when one of them is not known.  The department is compared without white space and
    without the 本级 one file adds to its name (武汉市江夏区医疗保障局本级 in the tables'
    headers, 武汉市江夏区医疗保障局 on the narrative's cover)."""
    if not (department and year and kind):
        return None
    name = _OWN_LEVEL_RE.sub("", re.sub(r"\s+", "", department))
    key = f"{name}|{level or ''}|{year}|{kind}".encode("utf-8")
    return hashlib.sha256(key).hexdigest()[:16]


# A Decimal as the C encoder writes it when ``dumps`` marks it: a string between NULs.
_MARKED_DECIMAL_RE = re.compile(r'"\\u0000(-?[0-9.]+)\\u0000"')


def dumps(record: dict) -> str:
    """One record as a JSON line; Decimals become plain JSON numbers, never floats."""
    # The standard encoder (in C) writes each Decimal as a marked string, which is then
    # unquoted: four times faster than encoding value by value.  Should a string of the
    # record look like a mark, the counts differ and the record is encoded value by value.
    decimals = 0

    def mark(value):
        nonlocal decimals
        if not isinstance(value, Decimal):
            raise TypeError(f"{type(value).__name__} is not JSON serializable")
        decimals += 1
        return f"\0{format_decimal(value)}\0"

    text = json.dumps(record, ensure_ascii=False, separators=(",", ":"), default=mark)
    text, unquoted = _MARKED_DECIMAL_RE.subn(r"\1", text)
    return text if unquoted == decimals else _encode(record)


def _encode(value) -> str:
    if isinstance(value, dict):
        return "{" + ",".join(f"{json.dumps(str(k), ensure_ascii=False)}:{_encode(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(_encode(v) for v in value) + "]"
    if isinstance(value, Decimal):
        return format_decimal(value)
    return json.dumps(value, ensure_ascii=False)


def csv_row(record: dict, fields: Iterable[str]) -> list[str]:
    """A record's fields as CSV cells: blank for none, text as it is, any other value as
    its JSON (numbers exact, lists and objects whole)."""
    return ["" if record[name] is None else record[name] if isinstance(record[name], str) else dumps(record[name])
            for name in fields]


def write_records(records: Iterable[dict], out: IO[str]) -> None:
    for record in records:
        out.write(dumps(record) + "\n")


def of_types(records: list[dict], types: Iterable[str] | None) -> list[dict]:
    """The records of these types (``extract --type``); all of them for None."""
    return records if types is None else [record for record in records if record["type"] in types]


# One decoder for every line (json.loads with options makes a new one per call).
_DECODER = json.JSONDecoder(parse_float=Decimal)


def read_records(lines: Iterable[str], source: str = "<stdin>", validate: bool = False) -> Iterator[dict]:
    """Parse JSON Lines; a broken line raises ``ValueError`` naming the source and line.
    With ``validate``, a record that does not fit the schema of its type is a broken line too."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = _DECODER.decode(line)
        except json.JSONDecodeError as error:
            raise ValueError(f"{source}: line {number}: not valid JSON ({error.msg})") from None
        if not isinstance(record, dict) or "type" not in record:
            raise ValueError(f"{source}: line {number}: not a budgetkit record (no 'type')")
        problem = record_problem(record) if validate else None
        if problem:
            raise ValueError(f"{source}: line {number}: {problem}")
        yield record


# Every type a stream may carry: extract's records and what check, diff, kpi and summarize write.
STREAM_TYPES = (*RECORD_TYPES, "finding", "change", "kpi", "summary")


def record_problem(record: dict) -> str | None:
    """What is wrong with a record, judged by the JSON Schema of its type, or None.

    The schema that ``budgetkit schema`` publishes is the one definition: each type's part
    of it is compiled (once, when a record of that type is first met) into a validator."""
    kind = record.get("type")
    if not isinstance(kind, str):
        return f"'type' must be a string, not {json.dumps(kind, ensure_ascii=False, default=str)}"
    if kind not in STREAM_TYPES:
        return f"unknown record type {kind!r} (expected one of: {', '.join(STREAM_TYPES)})"
    import fastjsonschema

    try:
        _validator(kind)(record)
    except fastjsonschema.JsonSchemaException as error:
        return f"{kind} record: {_said(error, record)}"
    return None


@functools.cache
def _validator(kind: str):
    import fastjsonschema

    # fastjsonschema speaks draft 7; the parts used here (type, enum, const, required,
    # properties, items, additionalProperties) mean the same there as in 2020-12.
    definition = {**json_schema()["$defs"][kind], "$schema": "http://json-schema.org/draft-07/schema#"}
    return fastjsonschema.compile(definition)


def _said(error, record: dict) -> str:
    """fastjsonschema's message, in the record's words: ``values must be object``,
    ``no 'table'`` (it lists every required field, not the missing ones)."""
    if error.rule == "required" and len(error.path) == 1:
        missing = [name for name in error.rule_definition if name not in record]
        return "no " + ", ".join(f"'{name}'" for name in missing)
    where = ".".join(str(part) for part in error.path[1:])
    return error.message.replace(".".join(str(part) for part in error.path), repr(where), 1)


# --- JSON Schema ----------------------------------------------------------------------

_NUMBER_OR_NULL = {"type": ["number", "null"]}
_STRING_OR_NULL = {"type": ["string", "null"]}
_INT_OR_NULL = {"type": ["integer", "null"]}
_BBOX = {"type": ["array", "null"], "items": {"type": "number"}, "minItems": 4, "maxItems": 4,
         "description": "where it is printed on its page: x0, top, x1, bottom in PDF points from the page's "
                        "top left corner (pdfplumber's coordinates); null without positions (text files)"}
_PLACE = {"type": "object", "required": ["page", "bbox"],
          "properties": {"page": {"type": "integer"}, "bbox": {**_BBOX, "type": "array"}}}
_PROBLEM = {
    "type": "object",
    "required": ["code", "message"],
    "properties": {
        "code": {"type": "string", "description": "stable id of the problem, e.g. scanned_page"},
        "message": {"type": "string", "description": "one line for a human"},
        "page": _INT_OR_NULL,
        "column": {"type": "string", "description": "unknown_column: the key the column was given"},
    },
}


def _record(name: str, description: str, properties: dict, required: list[str]) -> dict:
    return {
        "title": name,
        "description": description,
        "type": "object",
        "required": ["type", "doc", *required],
        "properties": {
            "type": {"const": name},
            "doc": {"type": "string", "description": "id of the source document: first 16 hex digits of its sha256"},
            **properties,
        },
    }


def json_schema() -> dict:
    document = _record("document", "One per input file: what it is and what was met reading it.", {
        "path": {"type": "string", "description": "the path as given on the command line"},
        "sha256": {**_STRING_OR_NULL, "description": "the file's sha256; null when it could not be read at all"},
        "format": {"enum": ["pdf", "text", None], "description": "how it was read; null when unreadable"},
        "pages": _INT_OR_NULL,
        "title": _STRING_OR_NULL,
        "department": {**_STRING_OR_NULL, "description": "the 部门/单位 name as printed"},
        "department_code": {**_STRING_OR_NULL, "description": "the unit code printed with the name (e.g. 215001)"},
        "region": {**_STRING_OR_NULL, "description": "province/city/district prefix of the name, when it has one"},
        "disclosure": {**_STRING_OR_NULL, "description": "shared by the files of one disclosure (same department, "
                                                         "level, year and kind), which check reads as one"},
        "year": _INT_OR_NULL,
        "kind": {"enum": ["budget", "final_account", None]},
        "level": {"enum": ["department", "unit", None], "description": "部门 (department) or 单位 (unit) disclosure"},
        "unit": {"enum": ["元", "千元", "万元", "亿元", None], "description": "the money unit most tables print"},
        "tables": {"type": "integer", "description": "count of table records"},
        "rows": {"type": "integer", "description": "count of row records"},
        "statements": {"type": "integer", "description": "count of statement records"},
        "contents": {"type": "array", "items": {"type": "string"}, "description": "table titles listed in the contents"},
        "blank_pages": {"type": "array", "items": {"type": "integer"},
                        "description": "PDF pages with neither text nor image"},
        "schema_version": {"type": "string"},
        "budgetkit_version": {"type": "string"},
        "problems": {"type": "array", "items": _PROBLEM},
    }, ["path", "sha256", "schema_version", "problems"])
    table = _record("table", "One per recognised standard table.", {
        "table": {"type": "string", "description": "id within the document: the key, with #2, #3 for repeats"},
        "key": {"type": "string", "description": "canonical table key (docs/schema.md lists them)"},
        "title": {"type": "string", "description": "the title as printed"},
        "number": {**_STRING_OR_NULL, "description": "the printed table number: 公开01表, 表9"},
        "layout": {"enum": ["ledger", "sided", "form"]},
        "pages": {"type": "array", "items": {"type": "integer"}},
        "folio": {**_INT_OR_NULL, "description": "the page number printed at the foot of its first page"},
        "listed_page": {**_INT_OR_NULL, "description": "the page number the contents print beside its title"},
        "line": {**_INT_OR_NULL, "description": "line of the title in a text file"},
        "bbox": {**_BBOX, "description": "the table on its first page, from its title down"},
        "unit": {"enum": ["元", "千元", "万元", "亿元", None], "description": "money unit as printed"},
        "columns": {"type": "array", "items": {
            "type": "object", "required": ["key", "label"],
            "properties": {"key": {"type": "string"}, "label": {"type": "string"},
                           "block": {"type": "integer", "description": "side or block of a side-by-side layout"}},
        }},
        "status": {"enum": ["ok", "empty", "no_data"],
                   "description": "ok: has data; empty: no data and a printed note says so; no_data: no data, no note"},
        "note": {**_STRING_OR_NULL, "description": "the printed note (注/备注/说明)"},
        "rows": {"type": "integer"},
        "problems": {"type": "array", "items": _PROBLEM},
    }, ["table", "key", "title", "status", "columns", "rows"])
    row = _record("row", "One per table row, values in 万元.", {
        "table": {"type": "string"},
        "key": {"type": "string", "description": "canonical key of the table"},
        "index": {"type": "integer", "description": "0-based position of the row in its table"},
        "code": {**_STRING_OR_NULL, "description": "classification or unit code, normalised (201 06 01 → 2010601)"},
        "code_kind": {"enum": ["functional", "economic", "unit", None]},
        "name": {"type": "string", "description": "the row label as printed (wrapped parts joined); with several text columns, the most specific (labels)"},
        "level": {"enum": ["类", "款", "项", None]},
        "parent": {**_STRING_OR_NULL, "description": "code of the parent row in the same table"},
        "total": {"type": "boolean", "description": "a 合计/总计 row"},
        "block": {"type": "integer", "description": "side or block (0 = first) in side-by-side layouts"},
        "side": {**_STRING_OR_NULL, "description": "income / expenditure / expenditure_2 in 收支 tables"},
        "page": _INT_OR_NULL,
        "line": _INT_OR_NULL,
        "bbox": _BBOX,
        "values": {"type": "object", "additionalProperties": _NUMBER_OR_NULL,
                   "description": "column key → amount in 万元 (null: blank cell)"},
        "cells": {"type": ["object", "null"], "additionalProperties": _BBOX,
                  "description": "column key → where that value is printed on the row's page (x0, top, x1, "
                                 "bottom, as bbox); a blank cell, its column's extent; null without positions"},
        "labels": {"type": ["object", "null"], "additionalProperties": {"type": "string"},
                   "description": "tables with several text columns (projects, procurement): each printed text "
                                  "cell by column key (subject_code, subject, unit_code, unit, project_code, "
                                  "project_kind, project, category, economic_subject, item, method, spec, "
                                  "measure_unit); null for other tables"},
        "uncertain": {"type": "boolean",
                      "description": "the text lost blank cells and the placement of values was inferred"},
    }, ["table", "key", "index", "name", "values"])
    statement = _statement_schema()
    form, project, indicator, prior = _performance_schemas()
    finding = _finding_schema()
    change = _change_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "budgetkit records",
        "description": f"budgetkit JSON Lines records, schema version {SCHEMA_VERSION}",
        "oneOf": [{"$ref": f"#/$defs/{name}"} for name in (*RECORD_TYPES, "finding", "change", "kpi", "summary")],
        "$defs": {"document": document, "table": table, "row": row, "statement": statement,
                  "staff": _staff_schema(), "paragraph": _paragraph_schema(), "form": form, "project": project,
                  "indicator": indicator, "prior": prior, "finding": finding, "change": change,
                  "kpi": _kpi_schema(), "summary": _summary_schema()},
    }


def _statement_schema() -> dict:
    return _record("statement", "One per numeric claim in the prose; amounts in 万元.", {
        "id": {"type": "string", "description": "id within the document: s1, s2… in reading order"},
        "page": _INT_OR_NULL,
        "line": {**_INT_OR_NULL, "description": "first line of the sentence in a text file"},
        "line_end": _INT_OR_NULL,
        "bbox": {**_BBOX, "description": "the lines of the sentence on its first page: x0, top, x1, bottom in PDF "
                                         "points from the top left corner; null without positions (text files)"},
        "heading": {**_STRING_OR_NULL, "description": "the heading of the paragraph"},
        "sentence": {"type": "string", "description": "the sentence (or list item) as printed, line breaks joined"},
        "span": {"type": "array", "items": {"type": "integer"}, "description": "[start, end) of the claim in sentence"},
        "claim": {"type": "string", "description": "the claim's text: sentence[span[0]:span[1]]"},
        "subject": {**_STRING_OR_NULL, "description": "what the figure measures, as printed"},
        "topic": {**_STRING_OR_NULL, "description": "the 类/款/项 heading the claim sits under"},
        "code": {**_STRING_OR_NULL, "description": "classification code the subject resolves to"},
        "code_kind": {"enum": ["functional", "economic", None]},
        "concept": {**_STRING_OR_NULL, "description": "column or total the subject names: basic, project, total…"},
        "scope": {"enum": ["general_budget", "gov_fund", "state_capital", "fiscal", None]},
        "year": _INT_OR_NULL,
        "amount": _NUMBER_OR_NULL,
        "unit": {"enum": ["元", "千元", "万元", "亿元", None], "description": "money unit as printed"},
        "count": _NUMBER_OR_NULL,
        "count_unit": _STRING_OR_NULL,
        "share": {**_NUMBER_OR_NULL, "description": "percent of a whole (占 X%)"},
        "share_of": _STRING_OR_NULL,
        "change": {**_NUMBER_OR_NULL, "description": "printed change amount in 万元, always positive"},
        "change_percent": _NUMBER_OR_NULL,
        "direction": {"enum": ["increase", "decrease", "flat", None]},
        "basis": _STRING_OR_NULL,
        "basis_year": _INT_OR_NULL,
        "basis_amount": _NUMBER_OR_NULL,
        "completion_rate": _NUMBER_OR_NULL,
        "completion_basis": _STRING_OR_NULL,
        "list": _STRING_OR_NULL,
        "item": _INT_OR_NULL,
        "parent": {**_STRING_OR_NULL, "description": "id of the statement the list itemises"},
    }, ["id", "sentence", "span", "claim"])


def _staff_schema() -> dict:
    return _record("staff", "One per headcount in the prose (编制, 在职实有, 离退休) with its breakdown.", {
        "category": {"enum": ["authorised", "in_service", "retired"]},
        "label": {"type": "string", "description": "the count's name as printed"},
        "count": {"type": "number"},
        "breakdown": {"type": "array", "items": {
            "type": "object", "required": ["label", "count"],
            "properties": {"label": _STRING_OR_NULL, "count": _NUMBER_OR_NULL,
                           "nested": {"type": "boolean", "description": "a bracketed part of the item before it"}},
        }},
        "statement": {"type": "string", "description": "id of the statement the count comes from"},
        "page": _INT_OR_NULL,
        "line": _INT_OR_NULL,
    }, ["category", "count", "breakdown", "statement"])


def _finding_schema() -> dict:
    return _record("finding", "What `check` reports: one rule broken (or a rounding tail) at one place.", {
        "id": {"type": "string", "pattern": "^[0-9a-f]{16}$",
               "description": "stable id: the same for the same verdict on the same document, across runs and "
                              "versions (check --baseline)"},
        "path": {**_STRING_OR_NULL, "description": "the document's path as extracted"},
        "rule": {"type": "string", "description": "stable rule id, family.name (check --list-rules)"},
        "severity": {"enum": ["error", "warning", "info"]},
        "message": {"type": "string", "description": "for a reviewer, in Chinese, quoting the document"},
        "page": _INT_OR_NULL,
        "line": _INT_OR_NULL,
        "bbox": {**_BBOX, "description": "where the row, sentence, form head or indicator a finding is about is "
                                         "printed on its page: x0, top, x1, bottom in PDF points from the top "
                                         "left corner; null without positions"},
        "places": {"type": ["array", "null"], "items": _PLACE,
                   "description": "each cell and sentence the finding compares, the figure judged first (a "
                                  "cross-table finding has places on two pages); null when only bbox is known"},
        "table": {**_STRING_OR_NULL, "description": "table id"},
        "row": {**_INT_OR_NULL, "description": "row index in the table"},
        "code": _STRING_OR_NULL,
        "statement": {**_STRING_OR_NULL, "description": "statement id"},
        "form": {**_STRING_OR_NULL, "description": "performance form (table id)"},
        "subject": {**_STRING_OR_NULL, "description": "what the figure is, as printed"},
        "expected": {**_NUMBER_OR_NULL, "description": "what the rule computed"},
        "actual": {**_NUMBER_OR_NULL, "description": "what the document prints"},
        "difference": {**_NUMBER_OR_NULL, "description": "actual − expected"},
        "unit": {**_STRING_OR_NULL, "description": "unit of expected/actual: 万元, %, 人, 个, 分"},
        "evidence": {**_STRING_OR_NULL, "description": "the sentence or row as printed"},
    }, ["rule", "severity", "message"])


def _change_schema() -> dict:
    return _record("change", "What `diff` reports: one figure in two documents (A, the base, and B).", {
        "doc_a": {"type": "string", "description": "id of document A (the base)"},
        "doc_b": {"type": "string", "description": "id of document B (also in doc)"},
        "table": {**_STRING_OR_NULL, "description": "table id; null for a headline figure"},
        "key": {"type": "string", "description": "canonical table key, or headline"},
        "side": {**_STRING_OR_NULL, "description": "side of a 收支 table (income, expenditure…)"},
        "code": {**_STRING_OR_NULL, "description": "classification or unit code of the row"},
        "name": {"type": "string", "description": "row name as printed (B's, else A's), or the figure's name"},
        "column": {"type": "string", "description": "column key (total, basic…) or headline figure id"},
        "unit": {"enum": ["万元", "人"], "description": "unit of a, b and difference"},
        "a": {**_NUMBER_OR_NULL, "description": "the value in A (null: blank or no such row)"},
        "b": {**_NUMBER_OR_NULL, "description": "the value in B"},
        "difference": {"type": "number", "description": "b − a, a blank counting as 0, exact"},
        "percent": {**_NUMBER_OR_NULL, "description": "difference / a in percent, 2 decimals; null from 0"},
        "rate": {**_NUMBER_OR_NULL, "description": "budget vs final account: actual / budget in percent, 2 decimals"},
        "status": {"enum": ["added", "removed", "changed", "unchanged", "executed"]},
        "row_a": {**_INT_OR_NULL, "description": "index of the row in A's table"},
        "row_b": {**_INT_OR_NULL, "description": "index of the row in B's table"},
        "uncertain": {"type": "boolean", "description": "either row's column split was inferred (row.uncertain)"},
    }, ["doc_a", "doc_b", "key", "name", "column", "unit", "a", "b", "difference", "percent", "status"])


def _kpi_schema() -> dict:
    return _record("kpi", "What `kpi` computes: one key figure of a document, with its formula and inputs.", {
        "kpi": {"type": "string", "description": "the figure's id: share_basic, personnel_per_staff, "
                                                 "growth_three_public, execution_rate, indicator_attainment…"},
        "subject": {**_STRING_OR_NULL, "description": "what it is about, as printed: a 类/款/项, an indicator"},
        "code": {**_STRING_OR_NULL, "description": "the functional code concerned"},
        "form": {**_STRING_OR_NULL, "description": "the performance form (its table id) concerned"},
        "value": {"type": "number", "description": "computed exactly, rounded half up: % and 分 to 2 places, 万元/人 to 4"},
        "unit": {"enum": ["%", "万元/人", "分"]},
        "formula": {"type": "string", "description": "over the names of inputs: personnel / staff_in_service"},
        "inputs": {"type": "object", "description": "name in the formula → its value and where it was read",
                   "additionalProperties": {
                       "type": "object", "required": ["value", "from"],
                       "properties": {"value": _NUMBER_OR_NULL, "from": {
                           "type": "string",
                           "description": "table[row].column, statement sN, a form field, or an earlier document"}}}},
        "printed": {**_NUMBER_OR_NULL, "description": "the same figure as the document prints it, when it does"},
        "difference": {**_NUMBER_OR_NULL, "description": "value − printed"},
        "page": _INT_OR_NULL,
        "line": _INT_OR_NULL,
    }, ["kpi", "value", "unit", "formula", "inputs"])


def _summary_schema() -> dict:
    amounts = {name: {**_NUMBER_OR_NULL, "description": "万元"} for name in (
        "total_expenditure", "basic", "project", "personnel", "public", "three_public", "abroad", "vehicles",
        "vehicle_purchase", "vehicle_operation", "reception", "operating_expenses")}
    schema = _record("summary", "What `summarize` writes: a document's overview, or totals of a group of documents.", {
        "path": {**_STRING_OR_NULL, "description": "the document's path; null for a group"},
        "group_by": {"enum": ["department", "year", "region", "kind", None]},
        "group": {"type": ["string", "integer", "null"], "description": "the group's department, year, region or kind"},
        "documents": {"type": "integer", "description": "how many documents it covers"},
        "department": _STRING_OR_NULL,
        "department_code": _STRING_OR_NULL,
        "region": _STRING_OR_NULL,
        "year": _INT_OR_NULL,
        "kind": {"enum": ["budget", "final_account", None]},
        "level": {"enum": ["department", "unit", None]},
        "unit": {"const": "万元"},
        **amounts,
        "staff_in_service": _NUMBER_OR_NULL,
        "staff_authorised": _NUMBER_OR_NULL,
        "staff_retired": _NUMBER_OR_NULL,
        "lines": {"type": "array", "items": {
            "type": "object", "required": ["code", "name", "amount", "share"],
            "properties": {"code": {"type": "string"}, "name": {"type": "string"}, "amount": {"type": "number"},
                           "share": {**_NUMBER_OR_NULL, "description": "percent of the 合计 of the table it is from"}}}},
        "lines_from": {**_STRING_OR_NULL, "description": "the table the lines come from"},
        "kpi": {"type": "object", "additionalProperties": {"type": "number"}, "description": "headline kpi id → value"},
        "findings": {"type": ["object", "null"], "additionalProperties": {"type": "integer"},
                     "description": "severity → count of findings, when the stream carries check's findings"},
        "missing": {"type": ["object", "null"], "additionalProperties": {"type": "integer"},
                    "description": "for a group: figure → number of its documents that do not give it"},
    }, ["group_by", "documents", "unit", "kpi"])
    schema["properties"]["doc"] = {"type": ["string", "null"], "description": "the document's id; null for a group"}
    return schema


def _paragraph_schema() -> dict:
    return _record("paragraph", "One per paragraph of the prose (every line outside the tables).", {
        "id": {"type": "string", "description": "id within the document: p1, p2… in reading order"},
        "page": _INT_OR_NULL,
        "page_end": _INT_OR_NULL,
        "line": {**_INT_OR_NULL, "description": "first line in a text file"},
        "line_end": _INT_OR_NULL,
        "bbox": {**_BBOX, "description": "its lines on its first page"},
        "line_starts": {"type": "array", "items": {"type": "integer"},
                        "description": "offset in text where each printed line begins"},
        "heading": {"type": "string", "description": "the heading line the paragraph starts with, or empty"},
        "text": {"type": "string", "description": "the text, lines joined and spaces dropped as in statement.sentence"},
    }, ["id", "heading", "text"])


_FUNDING = {"type": "object", "additionalProperties": _NUMBER_OR_NULL,
            "description": "source of the money as printed (财政拨款, 其他资金…; on the projects table the column's "
                           "header path, 本年拨款/一般公共预算) → amount in 万元; totals left out"}
_OP = {"enum": [">=", "<=", ">", "<", "=", None]}


def _performance_schemas() -> tuple[dict, dict, dict, dict]:
    """The records read from performance forms (绩效目标表, 绩效自评表); the projects table
    gives ``project`` records too, and a table's earlier-year columns ``prior`` records."""
    where = {"page": _INT_OR_NULL, "line": _INT_OR_NULL,
             "bbox": {**_BBOX, "description": "on a form, where its head (name and money, the lines above the "
                                              "indicator grid), the indicator's row or the amount's line is "
                                              "printed on the (first) page; from a table, the row's (a prior "
                                              "amount's cell); null without positions"}}
    form = _record("form", "One per performance form; amounts in 万元.", {
        "form": {"type": "string", "description": "id of the form's table record (performance#2)"},
        "form_kind": {"enum": ["overall", "project"], "description": "部门整体 form or project form"},
        "name": {**_STRING_OR_NULL, "description": "department or project name as printed"},
        "project_code": _STRING_OR_NULL,
        "unit": {"enum": ["元", "千元", "万元", "亿元"], "description": "money unit the form prints"},
        "amount": {**_NUMBER_OR_NULL, "description": "年度资金总额 / 项目当年预算"},
        "funding": _FUNDING,
        "budget": {**_NUMBER_OR_NULL, "description": "预算数 (A) of the budget execution line"},
        "executed": {**_NUMBER_OR_NULL, "description": "执行数 (B)"},
        "execution_rate": {**_NUMBER_OR_NULL, "description": "执行率 as printed, percent"},
        "execution_weight": {**_NUMBER_OR_NULL, "description": "points of the execution line (20 from （20分）)"},
        "execution_score": {**_NUMBER_OR_NULL, "description": "得分 of the execution line"},
        "basic_expenditure": {**_NUMBER_OR_NULL, "description": "基本支出总额 of a 部门整体 self-evaluation"},
        "project_expenditure": {**_NUMBER_OR_NULL, "description": "项目支出总额 of a 部门整体 self-evaluation"},
        "goals": {"type": "array", "items": {
            "type": "object", "required": ["goal", "weight"],
            "properties": {"goal": {"type": "string"}, "weight": _NUMBER_OR_NULL}}},
        "total_score": {**_NUMBER_OR_NULL, "description": "总分 as printed"},
        "grade": {**_STRING_OR_NULL, "description": "评价等级 / 自评等级 as printed"},
        "indicators": {"type": "integer", "description": "count of indicator records"},
        **where,
    }, ["form", "form_kind", "indicators"])
    project = _record("project", "One per project, from a project form or a projects table row.", {
        "source": {"type": "string", "description": "where the project was read: a form id, or the projects "
                                                    "table id (projects, projects#2)"},
        "name": _STRING_OR_NULL,
        "code": _STRING_OR_NULL,
        "amount": {**_NUMBER_OR_NULL, "description": "the year's amount in 万元"},
        "funding": _FUNDING,
        "items": {"type": "array", "items": {"type": "object", "required": ["name", "amount"], "properties": {
            "name": {"type": "string"}, "amount": _NUMBER_OR_NULL}}},
        "prior": {"type": "array", "items": {"type": "object", "required": ["year", "amount"], "properties": {
            "year": {"type": "integer"}, "amount": _NUMBER_OR_NULL}}},
        # Only on projects read from the projects table: what its row prints beside the project.
        "kind": {**_STRING_OR_NULL, "description": "项目分类 as printed"},
        "subject_code": {**_STRING_OR_NULL, "description": "functional code printed on the row"},
        "subject": {**_STRING_OR_NULL, "description": "functional subject name printed on the row"},
        "unit_code": {**_STRING_OR_NULL, "description": "code of the unit the project belongs to"},
        "unit": {**_STRING_OR_NULL, "description": "the unit the project belongs to: its own cell, else the unit "
                                                  "row above it"},
        **where,
    }, ["source", "name", "amount"])
    value = {}
    for side in ("target", "actual"):
        value |= {
            side: {**_STRING_OR_NULL, "description": f"{side} value as printed, wrapped parts joined"},
            f"{side}_op": _OP,
            f"{side}_value": _NUMBER_OR_NULL,
            f"{side}_unit": _STRING_OR_NULL,
            f"{side}_text": {**_STRING_OR_NULL, "description": "qualitative value (有效提升) when no number"},
        }
    indicator = _record("indicator", "One per performance indicator (三级指标).", {
        "form": {"type": "string"},
        "form_kind": {"enum": ["overall", "project"]},
        "project": _STRING_OR_NULL,
        "goal": {**_STRING_OR_NULL, "description": "the 长期目标/年度目标 the indicator is grouped under"},
        "level1": {**_STRING_OR_NULL, "description": "一级指标: 产出指标, 效益指标, 满意度指标, 成本指标"},
        "level2": {**_STRING_OR_NULL, "description": "二级指标 as printed"},
        "name": {"type": "string", "description": "三级指标, wrapped parts joined"},
        **value,
        "weight": {**_NUMBER_OR_NULL, "description": "分值/权重 when printed"},
        "score": {**_NUMBER_OR_NULL, "description": "得分 when printed"},
        **where,
    }, ["form", "name", "target", "target_op", "target_value", "score"])
    prior = _record("prior", "One amount per year printed on a form (earlier years and the current one), or in "
                             "a table's earlier-year column (2023年预算数 beside 2024年预算数, 上年预算数).", {
        "source": {"type": "string", "description": "id of the form or table"},
        "subject": {"type": "string", "description": "what the amount is, as printed: 财政拨款, 基本支出, 预算; "
                                                     "a table row's name"},
        "code": {**_STRING_OR_NULL, "description": "the table row's code (table columns only)"},
        "side": {"enum": ["income", "expenditure", None]},
        "year": {"type": "integer"},
        "amount": {**_NUMBER_OR_NULL, "description": "in 万元"},
        "share": {**_NUMBER_OR_NULL, "description": "percent of the total as printed (current year only)"},
        **where,
    }, ["source", "subject", "year", "amount"])
    return form, project, indicator, prior
