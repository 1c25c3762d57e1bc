"""Summaries for people and spreadsheets.

Two views: a card per document (the overview a reader wants first: amounts with their
share of total expenditure, the largest 类 lines, staff, kpis, findings), and a list
with one row per group or ranked document.  Each as a rich table (terminal) or
Markdown (tabulate's pipe tables); CSV has one row per summary whatever the view, and
JSON Lines writes the ``summary`` records.
"""

from __future__ import annotations

from decimal import Decimal

from ..amounts import amount_text
from ..document import heading
from ..figures import AMOUNTS, STAFF
from ..keys import depth, label as key_label
from ..measures import HEADLINE
from ..records import SEVERITIES
from ..render import shown
from ..report import BaseView, Column, Section
from .build import FIELDS

_LIST_COLUMNS = ("total_expenditure", "basic", "project", "personnel", "public", "three_public",
                 "operating_expenses", "staff_in_service")
_SCALARS = tuple(f for f in FIELDS if f not in ("lines", "kpi", "findings", "missing"))


def kpi_label(kpi: str) -> str:
    for prefix, template in (("share_", "{}占比"), ("growth_", "{}比上年增长"), ("execution_", "{}执行率")):
        if kpi.startswith(prefix):
            return template.format(key_label(kpi[len(prefix):], kpi[len(prefix):]))
    if kpi.endswith("_per_staff"):
        return "人均" + key_label(kpi[:-len("_per_staff")], kpi)
    return kpi


def title(summary: dict) -> str:
    if summary["group_by"]:
        return f"{summary['group_by']}: {shown(summary['group'])} ({summary['documents']} documents)"
    return heading(summary, summary["path"] or summary["doc"])


def card_rows(summary: dict) -> list[tuple[str, str, str, str]]:
    """(figure, value, unit, share of total expenditure %) for a document's card."""
    kpi = summary["kpi"]
    rows = []
    for name in AMOUNTS:
        if summary[name] is None:
            continue
        share = "100.00" if name == "total_expenditure" else shown(kpi.get(f"share_{name}"), "%") \
            if f"share_{name}" in kpi else ""
        rows.append(("· " * depth(name) + f"{key_label(name)} {name}", shown(summary[name]), "万元", share))
    if summary["lines"]:  # their share is of the 合计 of the table they come from
        rows.append((f"largest 类 ({summary['lines_from'] or 'all documents'})", "", "", ""))
    for line in summary["lines"]:
        rows.append((f"{line['code']} {line['name']}", shown(line["amount"]), "万元", shown(line["share"], "%")))
    for name in STAFF:
        if summary[name] is not None:
            rows.append((f"{key_label(name)} {name}", shown(summary[name]), "人", ""))
    for name, value in kpi.items():
        if not name.startswith("share_"):
            unit = HEADLINE[name].unit if name in HEADLINE else ""
            rows.append((f"{kpi_label(name)} {name}", shown(value, unit), unit, ""))
    if summary["findings"] is not None:
        counts = " · ".join(f"{severity} {summary['findings'].get(severity, 0)}" for severity in SEVERITIES)
        rows.append(("findings", counts, "", ""))
    return rows


def list_columns(records: list[dict], sort: str | None) -> list[str]:
    columns = [c for c in _LIST_COLUMNS if any(r[c] is not None for r in records)]
    if sort and sort not in columns:
        columns.append(sort)
    return columns


def list_row(summary: dict, columns: list[str], findings: bool) -> list[str]:
    name = shown(summary["group"]) if summary["group_by"] else " · ".join(
        str(part) for part in (summary["department"] or summary["path"], summary["year"], summary["kind"])
        if part is not None)
    cells = [name] + ([str(summary["documents"])] if summary["group_by"] else [])
    for column in columns:
        if column in HEADLINE:
            cells.append(shown(summary["kpi"].get(column), HEADLINE[column].unit))
        elif column == "errors":
            cells.append(str((summary["findings"] or {}).get("error", "—")))
        else:
            cells.append(shown(summary[column]))
    if findings:
        cells.append(" · ".join(str((summary["findings"] or {}).get(s, "—")) for s in SEVERITIES))
    return cells


def list_headers(records: list[dict], columns: list[str], findings: bool) -> list[str]:
    grouped = bool(records and records[0]["group_by"])
    first = [records[0]["group_by"], "documents"] if grouped else ["document"]
    names = [key_label(c) or kpi_label(c) for c in columns]
    return first + names + (["findings (error · warning · info)"] if findings else [])


# --- views ---------------------------------------------------------------------------------

CSV_HEADER = (*_SCALARS, *(f"kpi_{k}" for k in HEADLINE), *(f"findings_{s}" for s in SEVERITIES), "lines", "missing")


class _SummaryView(BaseView):
    """CSV: one row per summary whatever the view, every field a column (kpis and findings
    spread out)."""

    fields = CSV_HEADER

    def csv_row(self, summary: dict) -> list[str]:
        cells = [_cell(summary[name]) for name in _SCALARS]
        cells += [_cell(summary["kpi"].get(k)) for k in HEADLINE]
        cells += [_cell((summary["findings"] or {}).get(s)) for s in SEVERITIES]
        cells.append("; ".join(f"{x['code']} {x['name']} {shown(x['amount'])}" for x in summary["lines"]))
        cells.append("; ".join(f"{k} {v}" for k, v in (summary["missing"] or {}).items()))
        return cells


class CardView(_SummaryView):
    """A card per document: its figures, their share of total expenditure, the largest 类."""

    empty = "summary"
    _COLUMNS = [Column("figure"), Column("value", right=True), Column("unit"), Column("share %", right=True)]

    def sections(self, title: str, summaries: list[dict], **context) -> list[Section]:
        return [Section(None, self._COLUMNS, card_rows(summary)) for summary in summaries]


class ListView(_SummaryView):
    """One table for the run: a row per group or ranked document."""

    empty = "summaries"
    whole_run = True

    def __init__(self, caption: str, sort: str | None):
        self.caption, self.sort = caption, sort

    def sections(self, title: str, summaries: list[dict], **context) -> list[Section]:
        columns = list_columns(summaries, self.sort)
        findings = any(r["findings"] is not None for r in summaries)
        headers = list_headers(summaries, columns, findings)
        return [Section(None, [Column(header, right=index > 0) for index, header in enumerate(headers)],
                        [list_row(r, columns, findings) for r in summaries])]


def _cell(value) -> str:
    if value is None:
        return ""
    return amount_text(value) if isinstance(value, Decimal) else str(value)
