"""Headline figures of earlier documents, for year-over-year growth in one stream.

Only the few growth figures of each department, kind (budget or final account) and
year are kept, never a document's records, so memory grows with the departments seen,
not with the records.  A document's growth needs the year before to come earlier in
the stream (``budgetkit extract 2023/ 2024/ | budgetkit kpi``).
"""

from __future__ import annotations

import re

from ..document import Document
from ..figures import Figure
from . import GROWTH_FIGURES


class History:
    def __init__(self) -> None:
        self._years: dict[tuple[str, str], dict[int, tuple[str, dict[str, Figure]]]] = {}

    def previous(self, document: Document) -> dict[str, Figure]:
        """The growth figures of the same department's year before, as ``<name>_previous``
        inputs saying which document they come from; {} when it was not in the stream."""
        key = _key(document)
        if key is None:
            return {}
        doc, figures = self._years.get(key, {}).get(document.year - 1, (None, {}))
        return {f"{name}_previous": Figure(figure.value, f"doc {doc} ({document.year - 1}) {figure.source}")
                for name, figure in figures.items()}

    def remember(self, document: Document, figures: dict[str, Figure]) -> None:
        key = _key(document)
        if key is not None:
            kept = {name: figures[name] for name in GROWTH_FIGURES if name in figures}
            self._years.setdefault(key, {})[document.year] = (document.doc, kept)


def _key(document: Document) -> tuple[str, str] | None:
    """The same department in two years: its printed name (spaces dropped) and the kind."""
    name = re.sub(r"\s+", "", document.meta.get("department") or "")
    if not name or document.year is None or document.kind is None:
        return None
    return name, document.kind
