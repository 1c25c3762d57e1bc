"""``budgetkit schema --sql``: a ``CREATE TABLE`` per record type, from the JSON Schema.

Amounts are exact decimals (万元 to the 分 and finer); a database that stores them as
floating point loses the 分 in sums.  DuckDB gets ``DECIMAL(38, 10)``.  SQLite has no
exact decimal type (a DECIMAL column holds a float), so there amounts are declared
``TEXT`` and keep the digits as written; its ``decimal_sum()`` (the decimal extension,
built into the sqlite3 shell) adds them exactly.  Objects and lists (``values``,
``problems``…) are JSON, which keeps their numbers as written.

Beside each table comes what reads records into it with the amounts exact (a JSON
reader guessing types would make them floats): in DuckDB a table macro,
``INSERT INTO "row" SELECT * FROM row_records('records.jsonl')``; in SQLite a view over
a ``records`` table of JSON lines (``sqlite-utils insert db records x.jsonl --lines``),
``INSERT INTO "row" SELECT * FROM row_records``.
"""

from __future__ import annotations

from .records import STREAM_TYPES, json_schema

DIALECTS = ("duckdb", "sqlite")
_TYPES = {
    "duckdb": {"string": "VARCHAR", "integer": "BIGINT", "number": "DECIMAL(38, 10)", "boolean": "BOOLEAN",
               "json": "JSON"},
    "sqlite": {"string": "TEXT", "integer": "INTEGER", "number": "TEXT", "boolean": "INTEGER", "json": "TEXT"},
}


def create_tables(dialect: str = "duckdb") -> str:
    """The statements: one table per record type, named after it, columns in schema order,
    each with its loader (``<type>_records``)."""
    definitions = json_schema()["$defs"]
    parts = [_LINES_TABLE] if dialect == "sqlite" else []
    for kind in STREAM_TYPES:
        parts.append(_create_table(kind, definitions[kind], dialect))
        parts.append(_LOADERS[dialect](kind, definitions[kind]))
    return "\n\n".join(parts) + "\n"


_LINES_TABLE = ('-- The records as JSON lines, one per row, for the <type>_records views.\n'
                'CREATE TABLE IF NOT EXISTS "records" ("line" TEXT);')


def _duckdb_loader(kind: str, definition: dict) -> str:
    picks = [_pick('"json"', name, prop, "duckdb") for name, prop in definition["properties"].items()]
    return (f'CREATE OR REPLACE MACRO "{kind}_records"(path) AS TABLE\n  SELECT ' + ",\n         ".join(picks)
            + f"\n  FROM read_ndjson_objects(path) WHERE \"json\" ->> '$.type' = '{kind}';")


def _sqlite_loader(kind: str, definition: dict) -> str:
    picks = [_pick('"line"', name, prop, "sqlite") for name, prop in definition["properties"].items()]
    return (f'CREATE VIEW IF NOT EXISTS "{kind}_records" AS\n  SELECT ' + ",\n         ".join(picks)
            + f"\n  FROM \"records\" WHERE \"line\" ->> '$.type' = '{kind}';")


def _pick(source: str, name: str, prop: dict, dialect: str) -> str:
    """One column of a loader.  ``->`` gives a value's JSON text (an object whole, an
    amount's digits as written; a JSON null as the text 'null', hence ``nullif``), ``->>``
    its SQL value; DuckDB casts the text to the column's type."""
    kind = _column_kind(prop)
    if dialect == "duckdb" and kind != "json":
        value = f"CAST({source} ->> '$.{name}' AS {_TYPES['duckdb'][kind]})"
    elif kind in ("json", "number"):
        value = f"nullif({source} -> '$.{name}', 'null')"
    else:
        value = f"{source} ->> '$.{name}'"
    return f'{value} AS "{name}"'


_LOADERS = {"duckdb": _duckdb_loader, "sqlite": _sqlite_loader}


def _create_table(kind: str, definition: dict, dialect: str) -> str:
    required = set(definition.get("required", ()))
    columns = []
    for name, prop in definition["properties"].items():
        not_null = " NOT NULL" if name in required and "null" not in _json_types(prop) else ""
        columns.append(f'  "{name}" {_TYPES[dialect][_column_kind(prop)]}{not_null}')
    comment = f"-- {definition['description']}"
    return f'{comment}\nCREATE TABLE IF NOT EXISTS "{kind}" (\n' + ",\n".join(columns) + "\n);"


def _json_types(prop: dict) -> set[str]:
    """The JSON types a property may hold (a ``const`` or an ``enum`` gives its values' types)."""
    if "type" in prop:
        return set([prop["type"]] if isinstance(prop["type"], str) else prop["type"])
    values = [prop["const"]] if "const" in prop else prop.get("enum", [])
    names = {str: "string", bool: "boolean", int: "integer", float: "number", type(None): "null"}
    return {names[type(value)] for value in values} or {"string"}


def _column_kind(prop: dict) -> str:
    """string, integer, number, boolean or json (objects, lists and mixed types)."""
    kinds = _json_types(prop) - {"null"}
    if len(kinds) == 1 and kinds <= {"string", "integer", "number", "boolean"}:
        return kinds.pop()
    if kinds == {"integer", "number"}:
        return "number"
    return "json"
