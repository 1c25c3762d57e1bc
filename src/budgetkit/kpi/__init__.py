"""Key figures of a disclosure (``kpi`` records): shares of total expenditure, amounts
per person, growth over the year before, execution rates, and performance-form scores
recomputed next to the printed ones.  Each record names its formula and its inputs,
with the table cell, statement or form each input was read from.
"""

from __future__ import annotations

from ..document import Document
from ..figures import headline
from ..measures.headline import headline_records
from ..measures.history import History
from .forms import form_records

__all__ = ["History", "headline", "kpi_records"]


def kpi_records(document: Document, history: History | None = None) -> list[dict]:
    """The kpi records of one document; ``history`` carries earlier years for growth."""
    figures = headline(document)
    pool = {**figures, **(history.previous(document) if history is not None else {})}
    records = headline_records(document, pool) + form_records(document)
    if history is not None:
        history.remember(document, figures)
    return records
