"""Where a finding about the prose points, and the words it quotes.

Paragraph records carry their first line or page only; the statements read from a
paragraph carry their own, so a place inside a paragraph is given by the statement
whose sentence holds it when there is one.
"""

from __future__ import annotations

from ..document import Document


def at_paragraph(document: Document, paragraph: dict, offset: int) -> dict:
    """Location fields for ``paragraph["text"][offset]``, to spread into ``finding(**…)``:
    the statement whose sentence holds it, else the paragraph's first line or page (and its
    box on its first page)."""
    text = paragraph["text"]
    before = after = None  # the nearest statements ending before / starting after the offset
    for statement in document.statements_in(paragraph):
        start = text.find(statement["sentence"])
        end = start + len(statement["sentence"])
        if 0 <= start <= offset < end:
            return {"page": statement.get("page"), "line": statement.get("line"), "bbox": statement.get("bbox"),
                    "statement": statement["id"]}
        if 0 <= end <= offset:
            before = (offset - end, statement.get("page_end", statement.get("page")), statement.get("line_end"))
        elif start > offset and after is None:
            after = (start - offset, statement.get("page"), statement.get("line"))
    # a sentence without figures: the line where a neighbouring sentence ends or starts,
    # when it is only a few characters away
    for near in (after, before):
        if near is not None and near[0] <= _NEAR:
            return {"page": near[1], "line": near[2],
                    "bbox": paragraph.get("bbox") if near[1] == paragraph.get("page") else None}
    return {"page": paragraph.get("page"), "line": paragraph.get("line"), "bbox": paragraph.get("bbox")}


_NEAR = 40  # characters: less than a printed line


def quote(text: str, start: int, end: int, margin: int = 20) -> str:
    """``text[start:end]`` with ``margin`` characters either side, ``…`` where cut."""
    return ("…" if start > margin else "") + text[max(0, start - margin):end + margin] + \
        ("…" if end + margin < len(text) else "")
