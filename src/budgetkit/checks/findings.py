"""The ``finding`` record: what a rule reports (docs/schema.md, ``finding``).

Rules build findings with ``finding()``; the engine adds the rule id, the document and
its path.  Field order is fixed so JSON Lines, CSV and tables read the same way.
"""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal

from ..amounts import UNIT_SCALE, amount_text
from ..records import SEVERITIES, SEVERITY_RANK  # noqa: F401 - the finding's scale, defined with the record
from ..tolerance import TAIL

FIELDS = ("type", "id", "doc", "path", "rule", "severity", "message", "page", "line", "bbox", "places", "table", "row",
          "code", "statement", "form", "subject", "expected", "actual", "difference", "unit", "evidence")


def finding(severity: str, message: str, *, page: int | None = None, line: int | None = None,
            bbox: list | None = None, places: list[dict] | None = None, table: str | None = None,
            row: int | None = None, code: str | None = None, statement: str | None = None, form: str | None = None,
            subject: str | None = None, expected: Decimal | None = None, actual: Decimal | None = None,
            unit: str | None = "万元", evidence: str | None = None) -> dict:
    """A finding without its rule and document, which the engine fills in.

    ``expected`` is what the rule computed (the sum, the table value, the recomputed
    rate) and ``actual`` what the document prints; ``difference`` is actual − expected."""
    if severity not in SEVERITIES:
        raise ValueError(f"unknown severity {severity!r}")
    difference = actual - expected if isinstance(actual, Decimal) and isinstance(expected, Decimal) else None
    if expected is None and actual is None:
        unit = None
    return {"severity": severity, "message": message, "page": page, "line": line, "bbox": bbox,
            "places": places or None, "table": table, "row": row, "code": code, "statement": statement, "form": form,
            "subject": subject, "expected": expected, "actual": actual, "difference": difference, "unit": unit,
            "evidence": evidence}


def finding_basis(record: dict) -> tuple:
    """What a finding's id is made of: the document (its content's hash), the rule, where
    (page, table, code) and what (subject, the cells or sentence quoted, the figures
    compared).  Not its wording, line or row index, which a newer budgetkit may change
    while the document and the rule's verdict stay the same."""
    table = (record.get("table") or "").split("#")[0] or None
    return (record["doc"], record["rule"], record.get("page"), table, record.get("code"), record.get("subject"),
            record.get("evidence"), _figure(record.get("expected")), _figure(record.get("actual")))


def finding_id(basis: tuple, occurrence: int = 1) -> str:
    """16 hex digits of the basis's hash; the second finding of the same basis in one
    document (the same cells judged twice) counts its occurrence in."""
    text = json.dumps([*basis, *([occurrence] if occurrence > 1 else [])], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _figure(value) -> str | None:
    """A figure as a number, however many zeros it was printed with (12.50 as 12.5)."""
    return None if value is None else format(value.normalize() if isinstance(value, Decimal) else value, "f")


def at_row(row: dict) -> dict:
    """Location fields of a table row, to spread into ``finding(**at_row(row))``."""
    return {"page": row.get("page"), "line": row.get("line"), "bbox": row.get("bbox"), "table": row["table"],
            "row": row["index"], "code": row.get("code")}


def cell_places(row: dict, keys) -> list[dict]:
    """Where the row prints the values of ``keys`` (those it prints), as finding places."""
    boxes, page = row.get("cells") or {}, row.get("page")
    return [{"page": page, "bbox": boxes[key]} for key in keys if page and key in boxes]


def record_places(record: dict) -> list[dict]:
    """Where a record with a ``bbox`` is printed (a statement's sentence, a form's head, an
    indicator's row), as a finding place."""
    page, box = record.get("page"), record.get("bbox")
    return [{"page": page, "bbox": box}] if page and box else []


def joined_places(*groups: list[dict]) -> list[dict]:
    """The places of several groups, each once, in order."""
    seen, joined = set(), []
    for place in (place for group in groups for place in group):
        key = (place["page"], tuple(place["bbox"]))
        if key not in seen:
            seen.add(key)
            joined.append(place)
    return joined


def at_table(table: dict) -> dict:
    """Location fields of a table as a whole: its first page, where its title and body begin."""
    return {"page": (table.get("pages") or [None])[0], "line": table.get("line"), "bbox": table.get("bbox"),
            "table": table["table"]}


def at_form(record: dict, form: str | None = None) -> dict:
    """Location fields of a form, or of a record read from one (an indicator, a project,
    a prior-year amount) whose form id is ``form``."""
    return {"page": record.get("page"), "line": record.get("line"), "bbox": record.get("bbox"),
            "form": form or record["form"]}


def at_statement(statement: dict) -> dict:
    return {"page": statement.get("page"), "line": statement.get("line"), "bbox": statement.get("bbox"),
            "statement": statement["id"]}


def row_evidence(row: dict) -> str:
    """A row as a reviewer would read it across the page: code, name, then the amounts."""
    cells = [row.get("code") or "", row.get("name") or ""]
    cells += [f"{key}={amount_text(value)}" for key, value in row["values"].items() if value is not None]
    return " ".join(c for c in cells if c)


def table_figure(document, table_id: str, value: Decimal | None) -> str:
    """A table's figure (held in 万元) as the table prints it, in its own money unit: a
    reviewer finds 2206272 on a page in 元, not 220.6272."""
    if value is None:
        return amount_text(value)
    return amount_text(value.scaleb(-UNIT_SCALE[document.unit_of(table_id)]))


def table_gap(document, table_id: str, verdict) -> str:
    """``相差 0.4 元（四舍五入尾差）``: the difference in the table's own money unit."""
    return f"相差 {table_figure(document, table_id, abs(verdict.difference))} {document.unit_of(table_id)}" \
           f"{tail_note(verdict)}"


def tail_note(verdict) -> str:
    """``（四舍五入尾差）`` after a difference rounding explains, else nothing."""
    return "（四舍五入尾差）" if verdict.status == TAIL else ""


def gap_text(verdict, unit: str = "万元") -> str:
    """``相差 0.01 万元（四舍五入尾差）``: the difference, and whether rounding explains it."""
    return f"相差 {amount_text(abs(verdict.difference))} {unit}{tail_note(verdict)}"

