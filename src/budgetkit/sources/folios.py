"""The page numbers a document prints at the foot of its pages (its folios), as numbers.

A folio is read as printed (``- 9 -``, ``9``, ``1 0``).  Two figures apart are either one
number letter-spaced (``1 0`` is 10) or the page and the page count (``3 12``): the reading
that runs on from page to page (printed number − PDF page the same over the document) is
the one taken.  Pages outside that run (a part numbered afresh, a cover) have none.
"""

from __future__ import annotations

import re
from collections import Counter

from . import Page

_LEAST_AGREEING = 3  # pages whose numbers must run on together before any is trusted


def printed_page_numbers(pages: list[Page]) -> dict[int, int]:
    """PDF page number → the page number printed on it, for the pages of the main run."""
    readings = {page.number: _readings(page.folio) for page in pages if page.folio}
    offsets = Counter(reading - number for number, options in readings.items() for reading in options)
    if not offsets:
        return {}
    offset, agreeing = offsets.most_common(1)[0]
    if agreeing < _LEAST_AGREEING:
        return {}
    return {number: number + offset for number, options in readings.items() if number + offset in options}


def _readings(folio: str) -> set[int]:
    """What a printed page number may say: the figures read as one number, or the first."""
    figures = re.findall(r"\d+", folio)
    return {int("".join(figures)), int(figures[0])} if figures else set()
