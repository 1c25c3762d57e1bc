"""kpi records for people and spreadsheets: what the report (budgetkit.report) shows of them.

JSON Lines passes the input records on with the kpi records after each document's own,
so ``extract | kpi | summarize`` works; ``--only`` writes the kpi records alone.
"""

from __future__ import annotations

from ..measures.record import FIELDS
from ..render import shown
from ..report import BaseView, Column, Section

_COLUMNS = ("kpi", "subject", "value", "unit", "printed", "formula")
_NUMERIC = ("value", "printed")


def _row(record: dict) -> list[str]:
    printed = "" if record["printed"] is None else shown(record["printed"], record["unit"])
    return [record["kpi"], record["subject"] or "", shown(record["value"], record["unit"]), record["unit"],
            printed, record["formula"]]


class KpiView(BaseView):
    """kpi records: the figure, its subject, value and unit, the value printed, the formula."""

    empty = "kpi"
    fields = FIELDS

    def sections(self, title: str, records: list[dict], **context) -> list[Section]:
        if not records:
            return []
        return [Section(None, [Column(name, right=name in _NUMERIC) for name in _COLUMNS],
                        [_row(record) for record in records])]
