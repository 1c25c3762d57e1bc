"""Overviews of disclosures (``summary`` records): one per document, or totals per group
of documents (``--by``), ranked or sorted by a figure."""

from .build import Summarized, count_findings, document_summary
from .groups import GROUP_BY, Groups

__all__ = ["GROUP_BY", "Groups", "Summarized", "count_findings", "document_summary"]
