"""The prose of a disclosure: numeric claims (``statement``) and staff counts (``staff``)."""

from __future__ import annotations

from ..sources import Line
from .prose import prose_sentences
from .staff import staff_records
from .statements import statement_records
from .subjects import SubjectIndex


def narrative_records(doc: str, lines: list[Line], table_lines: set[int], rows: list[dict],
                      report_year: int | None) -> list[dict]:
    sentences = prose_sentences(lines, table_lines)
    statements = statement_records(doc, sentences, SubjectIndex(rows), report_year)
    return statements + staff_records(statements)
