"""Small records for rule tests: just the fields a rule reads, the rest defaulted."""

from __future__ import annotations

from decimal import Decimal

from budgetkit.checks import Document, check_document, select_rules

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


_FIGURES = {"amount", "budget", "executed", "execution_rate", "execution_weight", "execution_score",
            "basic_expenditure", "project_expenditure", "total_score", "weight", "score"}


def _decimals(fields: dict) -> dict:
    """Figures given as numbers or digit strings (``"1403.1"``) as Decimals."""
    return {k: (D(v) if k in _FIGURES and v is not None and not isinstance(v, bool) else v)
            for k, v in fields.items()}


def form(form_id: str = "performance", kind: str = "project", name: str = "测试项目", **fields) -> dict:
    """A ``form`` record; amounts and scores as numbers or strings of digits."""
    base = {"type": "form", "doc": DOC, "form": form_id, "form_kind": kind, "name": name, "project_code": None,
            "unit": "万元", "amount": None, "funding": {}, "budget": None, "executed": None, "execution_rate": None,
            "execution_weight": None, "execution_score": None, "basic_expenditure": None,
            "project_expenditure": None, "goals": [], "total_score": None, "grade": None, "indicators": 0,
            "page": None, "line": 500}
    return {**base, **_decimals(fields)}


def project(source: str = "performance", name: str = "测试项目", amount=None, items=(), **fields) -> dict:
    return {"type": "project", "doc": DOC, "source": source, "name": name, "code": None, "amount": D(amount),
            "funding": {}, "items": [{"name": n, "amount": D(a)} for n, a in items], "prior": [], "page": None,
            "line": 500, **fields}


def indicator(name: str, form_id: str = "performance", target: str | None = None, actual: str | None = None,
              **fields) -> dict:
    """An ``indicator``; ``target`` and ``actual`` are read as the extractor reads them (``≥90%``)."""
    from budgetkit.forms.targets import parse_target

    base = {"type": "indicator", "doc": DOC, "form": form_id, "form_kind": "project", "project": None, "goal": None,
            "level1": "产出指标", "level2": "数量指标", "name": name, "weight": None, "score": None, "page": None,
            "line": 510}
    for prefix, printed in (("target", target), ("actual", actual)):
        parsed = parse_target(printed)
        base.update({prefix: printed, f"{prefix}_op": parsed.op, f"{prefix}_value": parsed.value,
                     f"{prefix}_unit": parsed.unit, f"{prefix}_text": parsed.text})
    return {**base, **_decimals(fields)}


def prior(subject: str, year: int, amount, side: str | None = "expenditure", share=None,
          source: str = "performance", line: int = 520) -> dict:
    return {"type": "prior", "doc": DOC, "source": source, "subject": subject, "side": side, "year": year,
            "amount": D(amount), "share": D(share), "page": None, "line": line}


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
