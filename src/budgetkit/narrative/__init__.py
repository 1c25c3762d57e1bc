"""The prose of a disclosure: its paragraphs, numeric claims (``statement``) and staff counts (``staff``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..sources import Line


def narrative_records(doc: str, lines: list[Line], table_lines: set[int], rows: list[dict],
                      report_year: int | None) -> list[dict]:
    # Imported here: the rules of check use narrative.subjects alone, and a run over
    # records should not compile the claim patterns of the prose readers.
    from .prose import paragraph_records, prose_paragraphs, prose_sentences
    from .staff import staff_records
    from .statements import statement_records
    from .subjects import SubjectIndex

    paragraphs = prose_paragraphs(lines, table_lines)
    statements = statement_records(doc, prose_sentences(paragraphs), SubjectIndex(rows), report_year)
    return statements + staff_records(statements) + paragraph_records(doc, paragraphs)
