"""The record model: what every budgetkit command reads and writes (docs/schema.md).

Records are JSON objects, one per line (JSON Lines), UTF-8 with Chinese kept as is.
Every record has ``type`` and ``doc`` (the first 16 hex digits of the source file's
sha256), so streams of many documents can be mixed and filtered with ``jq``.  Amounts
are exact decimals in 万元, written as JSON numbers; readers should parse them with
``Decimal`` (``json.loads(line, parse_float=Decimal)``), as ``read_records`` does.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import IO, Iterable, Iterator

from . import SCHEMA_VERSION
from .amounts import format_decimal

RECORD_TYPES = ("document", "table", "row")


def doc_id(sha256: str) -> str:
    return sha256[:16]


def dumps(record: dict) -> str:
    """One record as a JSON line; Decimals become plain JSON numbers, never floats."""
    return _encode(record)


def _encode(value) -> str:
    if isinstance(value, dict):
        return "{" + ",".join(f"{json.dumps(str(k), ensure_ascii=False)}:{_encode(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(_encode(v) for v in value) + "]"
    if isinstance(value, Decimal):
        return format_decimal(value)
    return json.dumps(value, ensure_ascii=False)


def write_records(records: Iterable[dict], out: IO[str]) -> None:
    for record in records:
        out.write(dumps(record) + "\n")


def read_records(lines: Iterable[str], source: str = "<stdin>") -> Iterator[dict]:
    """Parse JSON Lines; a broken line raises ``ValueError`` naming the source and line."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line, parse_float=Decimal)
        except json.JSONDecodeError as error:
            raise ValueError(f"{source}: line {number}: not valid JSON ({error.msg})") from None
        if not isinstance(record, dict) or "type" not in record:
            raise ValueError(f"{source}: line {number}: not a budgetkit record (no 'type')")
        yield record


# --- JSON Schema ----------------------------------------------------------------------

_NUMBER_OR_NULL = {"type": ["number", "null"]}
_STRING_OR_NULL = {"type": ["string", "null"]}
_INT_OR_NULL = {"type": ["integer", "null"]}
_PROBLEM = {
    "type": "object",
    "required": ["code", "message"],
    "properties": {
        "code": {"type": "string", "description": "stable id of the problem, e.g. scanned_page"},
        "message": {"type": "string", "description": "one line for a human"},
        "page": _INT_OR_NULL,
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
        "sha256": {"type": "string"},
        "format": {"enum": ["pdf", "text", None], "description": "how it was read; null when unreadable"},
        "pages": _INT_OR_NULL,
        "title": _STRING_OR_NULL,
        "department": {**_STRING_OR_NULL, "description": "the 部门/单位 name as printed"},
        "department_code": {**_STRING_OR_NULL, "description": "the unit code printed with the name (e.g. 215001)"},
        "region": {**_STRING_OR_NULL, "description": "province/city/district prefix of the name, when it has one"},
        "year": _INT_OR_NULL,
        "kind": {"enum": ["budget", "final_account", None]},
        "level": {"enum": ["department", "unit", None], "description": "部门 (department) or 单位 (unit) disclosure"},
        "unit": {"enum": ["元", "千元", "万元", "亿元", None], "description": "the money unit most tables print"},
        "tables": {"type": "integer", "description": "count of table records"},
        "rows": {"type": "integer", "description": "count of row records"},
        "contents": {"type": "array", "items": {"type": "string"}, "description": "table titles listed in the contents"},
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
        "line": {**_INT_OR_NULL, "description": "line of the title in a text file"},
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
        "values": {"type": "object", "additionalProperties": _NUMBER_OR_NULL,
                   "description": "column key → amount in 万元 (null: blank cell)"},
        "labels": {"type": ["object", "null"], "additionalProperties": {"type": "string"},
                   "description": "tables with several text columns (projects, procurement): each printed text "
                                  "cell by column key (subject_code, subject, unit_code, unit, project_code, "
                                  "project_kind, project, category, economic_subject, item, method, spec, "
                                  "measure_unit); null for other tables"},
        "uncertain": {"type": "boolean",
                      "description": "the text lost blank cells and the placement of values was inferred"},
    }, ["table", "key", "index", "name", "values"])
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "budgetkit records",
        "description": f"budgetkit JSON Lines records, schema version {SCHEMA_VERSION}",
        "oneOf": [{"$ref": f"#/$defs/{name}"} for name in RECORD_TYPES],
        "$defs": {"document": document, "table": table, "row": row},
    }
