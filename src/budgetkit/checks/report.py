"""Findings for people and spreadsheets: what the report (budgetkit.report) shows of them."""

from __future__ import annotations

from ..report import BaseView, Cell, Column, Section
from .findings import FIELDS, amount_text

_STYLE = {"error": "bold red", "warning": "yellow", "info": "dim"}
_COLUMNS = ("severity", "rule", "where", "message")


def where(finding: dict) -> str:
    """Page or line, then table and row or statement: ``p.3 basic_expenditure#12`` / ``L191 s20``."""
    parts = []
    if finding.get("page"):
        parts.append(f"p.{finding['page']}")
    elif finding.get("line"):
        parts.append(f"L{finding['line']}")
    if finding.get("table"):
        parts.append(finding["table"] + (f"#{finding['row'] + 1}" if finding.get("row") is not None else ""))
    for key in ("form", "statement"):
        if finding.get(key):
            parts.append(finding[key])
    return " ".join(parts)


class FindingsView(BaseView):
    """Findings: severity, rule, where and message (Markdown adds the figures compared)."""

    empty = "findings"
    fields = FIELDS

    def sections(self, title: str, findings: list[dict], **context) -> list[Section]:
        if not findings:
            return []
        columns = [Column(name) for name in _COLUMNS] + [Column("expected", terminal=False),
                                                         Column("actual", terminal=False)]
        rows = [[Cell(f["severity"], _STYLE[f["severity"]]), f["rule"], where(f), f["message"],
                 amount_text(f["expected"]) if f["expected"] is not None else "",
                 amount_text(f["actual"]) if f["actual"] is not None else ""] for f in findings]
        return [Section(None, columns, rows)]


def rules_markdown(rows: list[tuple[str, str, str]]) -> str:
    """The rule list as a Markdown table (docs/rules.md is this, for the default rules)."""
    from tabulate import tabulate

    return tabulate(rows, headers=("rule", "family", "checks"), tablefmt="pipe", disable_numparse=True)
