"""Family ``count``: headcounts and counts stated in the prose (DOMAIN.md §6, staff)."""

from __future__ import annotations

from decimal import Decimal

from ..document import Document
from ..findings import finding
from ..registry import rule


@rule("count.staff_breakdown", "a headcount (编制, 在职实有, 离退休) equals the sum of its breakdown")
def staff_breakdown(document: Document):
    for staff in document.staff:
        # a nested 其中 part (参公 within 事业编制) is listed too but is not an addend
        parts = [p for p in staff["breakdown"] if p.get("count") is not None and not p.get("nested")]
        if not parts:
            continue
        total = sum((Decimal(p["count"]) for p in parts), Decimal(0))
        count = Decimal(staff["count"])
        if total == count:
            continue
        statement = document.statement(staff["statement"]) or {}
        listed = "，".join(f"{p['label']} {p['count']} 人" for p in parts)
        yield finding(
            "error", f"“{staff['label']}” {count} 人，其中 {listed}，合计 {total} 人",
            page=staff.get("page"), line=staff.get("line"), statement=staff["statement"],
            subject=staff["label"], expected=total, actual=count, unit="人", evidence=statement.get("sentence"))
