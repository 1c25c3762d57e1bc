"""``check``: the rules a careful reviewer applies to a disclosure, as ``finding`` records.

A rule is a function from one document's records (a ``Document``) to findings; it
lives in ``rules/<family>.py`` and registers itself with ``@rule`` (registry.py).
How close two amounts must be is decided in one place, tolerance.py.
"""

from ..document import Document, group_documents
from .engine import check_document
from .registry import FAMILIES, RULES, select_rules
from . import rules  # noqa: F401,E402 - registers every rule

__all__ = ["Document", "group_documents", "check_document", "FAMILIES", "RULES", "select_rules"]
