"""Family ``table``: arithmetic within one table (DOMAIN.md §5, within a table)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from ..document import Document
from ..findings import amount_text, at_row, finding, gap_text, row_evidence
from ..registry import rule
from ..tolerance import compare_sum

ZERO = Decimal(0)


def column_label(document: Document, table_id: str, key: str) -> str:
    for column in document.tables.get(table_id, {}).get("columns", []):
        if column["key"] == key:
            return column["label"]
    return key


@rule("table.parent_sum", "a 类 or 款 row equals the sum of its 款 or 项 rows, column by column")
def parent_sum(document: Document):
    for table_id, rows in document.rows.items():
        children = defaultdict(list)
        for row in rows:
            if row.get("parent"):
                children[(row["block"], row["parent"])].append(row)
        for row in rows:
            kids = children.get((row["block"], row.get("code")))
            if kids:
                yield from _compare_columns(document, table_id, row, kids)


def _compare_columns(document: Document, table_id: str, parent: dict, kids: list[dict]):
    for key, value in parent["values"].items():
        parts = [kid["values"].get(key) for kid in kids]
        if value is None and all(part is None for part in parts):
            continue
        printed = value if value is not None else ZERO
        verdict = compare_sum(printed, [part or ZERO for part in parts], document.ulp(table_id))
        uncertain = parent.get("uncertain") or any(kid.get("uncertain") for kid in kids)
        severity = verdict.severity("warning" if uncertain else "error")
        if severity is None:
            continue
        label = column_label(document, table_id, key)
        codes = "、".join(kid["code"] for kid in kids)
        yield finding(
            severity,
            f"{parent['code']} “{parent['name']}”“{label}” {amount_text(value)}，"
            f"下级科目（{codes}）之和 {amount_text(printed - verdict.difference)}，{gap_text(verdict)}",
            **at_row(parent), subject=f"{parent['name']}/{label}",
            expected=printed - verdict.difference, actual=printed, evidence=row_evidence(parent))
