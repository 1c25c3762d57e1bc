"""One document's overview as a ``summary`` record (docs/schema.md, ``summary``).

The amounts come from the same places as the kpi inputs (figures.py); the kpi
values from the ``kpi`` records in the stream when there are any, else they are
computed here with the same code, so ``summarize`` alone and ``kpi | summarize`` agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..document import Document
from ..records import SEVERITIES
from ..measures.headline import headline_kpis
from ..measures.history import History
from ..figures import AMOUNTS, STAFF, functional_lines, headline
from ..measures import HEADLINE, HUNDRED, PERCENT, PLACES, rounded

IDENTITY = ("department", "department_code", "region", "year", "kind", "level")
FIELDS = ("type", "doc", "path", "group_by", "group", "documents", *IDENTITY, "unit", *AMOUNTS, *STAFF, "lines",
          "lines_from", "kpi", "findings", "missing")


@dataclass
class Summarized:
    """A document's summary record, with what a group adds up: the headline kpi records
    behind its ``kpi``, and all its 类 lines with their table's 合计."""

    record: dict
    kpis: list[dict]
    lines: list[dict]
    lines_total: Decimal | None


def document_summary(document: Document, lines: int, history: History, findings: dict[str, int] | None
                     ) -> Summarized:
    """``findings`` counts findings by severity, or None when the stream carries none."""
    figures = headline(document)
    kpis = [k for k in document.kpis if k.get("kpi") in HEADLINE] if document.kpis else None
    if kpis is None:
        kpis = headline_kpis(document, history)
    else:
        history.remember(document, figures)  # a later document without kpi records still gets its growth
    every_line, lines_total, lines_from = _functional(document)
    meta = document.meta
    record = {
        "type": "summary", "doc": document.doc, "path": meta.get("path"), "group_by": None, "group": None,
        "documents": 1, **{name: meta.get(name) for name in IDENTITY}, "unit": "万元",
        **{name: figures[name].value if name in figures else None for name in (*AMOUNTS, *STAFF)},
        "lines": top_lines([(x["code"], x["name"], x["amount"]) for x in every_line], lines_total, lines),
        "lines_from": lines_from,
        "kpi": {k["kpi"]: k["value"] for k in kpis},
        "findings": findings, "missing": None,
    }
    return Summarized(record, kpis, every_line, lines_total)


def _functional(document: Document) -> tuple[list[dict], Decimal | None, str | None]:
    found = functional_lines(document)
    if found is None:
        return [], None, None
    table, rows, total = found
    return ([{"code": row["code"], "name": row["name"], "amount": row["values"]["total"]} for row in rows],
            total.value if total else None, table)


def top_lines(items: list[tuple[str, str, Decimal]], total: Decimal | None, count: int) -> list[dict]:
    ranked = sorted(items, key=lambda item: (-item[2], item[0]))[:count]
    return [{"code": code, "name": name, "amount": amount,
             "share": rounded(amount * HUNDRED / total, PLACES[PERCENT]) if total else None}
            for code, name, amount in ranked]


def count_findings(findings: list[dict]) -> dict[str, int] | None:
    if not findings:
        return None
    counts = dict.fromkeys(SEVERITIES, 0)
    for finding in findings:
        if finding.get("severity") in counts:
            counts[finding["severity"]] += 1
    return counts
