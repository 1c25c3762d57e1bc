"""Small records for rule tests: just the fields a rule reads, the rest defaulted."""

from __future__ import annotations

from decimal import Decimal

from budgetkit.check import Document, check_document, select_rules

DOC = "0123456789abcdef"


def D(value) -> Decimal | None:  # noqa: N802 - reads like a literal in tests
    return None if value is None else Decimal(str(value))


def document(**fields) -> dict:
    return {"type": "document", "doc": DOC, "path": "test.txt", "format": "text", "kind": "budget",
            "year": 2024, "level": "department", "unit": "万元", "department": "测试局", "contents": [],
            "problems": [], **fields}


def table(table_id: str, columns: list[str] | None = None, key: str | None = None, **fields) -> dict:
    columns = columns or ["total"]
    return {"type": "table", "doc": DOC, "table": table_id, "key": key or table_id.split("#")[0],
            "title": table_id, "number": None, "layout": "ledger", "pages": [], "line": 1, "unit": "万元",
            "columns": [{"key": c, "label": c, "block": 0} for c in columns], "status": "ok", "note": None,
            "rows": 0, "problems": [], **fields}


def row(table_id: str, index: int, name: str, values: dict, code: str | None = None, **fields) -> dict:
    level = {3: "类", 5: "款", 7: "项"}.get(len(code)) if code else None
    parent = code[:-2] if code and len(code) > 3 else None
    kind = ("functional" if code.startswith("2") else "economic") if code else None
    return {"type": "row", "doc": DOC, "table": table_id, "key": table_id.split("#")[0], "index": index,
            "code": code, "code_kind": kind, "name": name, "level": level, "parent": parent,
            "total": code is None and name in ("合计", "总计"), "block": 0, "side": None, "page": None,
            "line": 10 + index, "values": {k: D(v) for k, v in values.items()}, "labels": None,
            "uncertain": False, **fields}


def statement(number: int, claim: str, sentence: str | None = None, **fields) -> dict:
    sentence = sentence or claim + "。"
    start = sentence.find(claim)
    base = {"type": "statement", "doc": DOC, "id": f"s{number}", "page": None, "line": 100 + number,
            "line_end": 100 + number, "heading": "", "sentence": sentence, "span": [start, start + len(claim)],
            "claim": claim}
    for name in ("subject", "topic", "code", "code_kind", "concept", "scope", "year", "amount", "unit", "count",
                 "count_unit", "share", "share_of", "change", "change_percent", "direction", "basis",
                 "basis_year", "basis_amount", "completion_rate", "completion_basis", "list", "item", "parent"):
        base[name] = None
    base.update({k: (D(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v)
                 for k, v in fields.items()})
    return base


def paragraph(number: int, text: str, **fields) -> dict:
    """A paragraph as extract writes it: ``text`` already folded (``,`` ``;`` ``:`` ``()``)."""
    return {"type": "paragraph", "doc": DOC, "id": f"p{number}", "page": None, "page_end": None,
            "line": 100 + number, "line_end": 100 + number, "heading": "", "text": text, **fields}


def build(*records: dict) -> Document:
    built = Document(DOC)
    for record in records:
        built.add(record)
    return built


def run(rule_pattern: str, *records: dict) -> list[dict]:
    """The findings of the rules matching ``rule_pattern`` on a document made of ``records``."""
    if not records or records[0]["type"] != "document":
        records = (document(), *records)
    return list(check_document(build(*records), select_rules([rule_pattern], None)))
