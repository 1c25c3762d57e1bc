"""Run the selected rules over one document and complete their findings."""

from __future__ import annotations

from collections import Counter
from typing import Iterator

from ..document import Document
from .findings import FIELDS, finding_basis, finding_id
from .registry import Rule


class RuleFailure(Exception):
    """A rule crashed on a document; the other rules still ran."""

    def __init__(self, rule: Rule, error: Exception):
        super().__init__(f"rule {rule.id} failed: {type(error).__name__}: {error}")
        self.rule = rule


def check_document(document: Document, rules: list[Rule], failures: list[RuleFailure] | None = None) -> Iterator[dict]:
    """The findings of ``rules`` on ``document``, rule by rule in the registry's order.

    A rule that raises is recorded in ``failures`` (when given) instead of stopping the
    check: one odd table must not cost the reviewer every other finding.  A file that
    holds no budget disclosure gets the one finding that says so, not the rules' reading
    of a notice as a budget."""
    if not document.is_disclosure:
        rules = [rule for rule in rules if rule.id == "complete.problems"]
    seen: Counter = Counter()
    for rule in rules:
        try:
            found = list(rule.check(document))
        except Exception as error:  # noqa: BLE001 - reported to the user, never silently dropped
            if failures is None:
                raise
            failures.append(RuleFailure(rule, error))
            continue
        for partial in found:
            doc, path = document.file_of(partial)
            record = {"type": "finding", "doc": doc, "path": path, "rule": rule.id, **partial}
            basis = finding_basis(record)
            seen[basis] += 1
            record["id"] = finding_id(basis, seen[basis])
            yield _read_by_ocr(document, {name: record.get(name) for name in FIELDS})


def _read_by_ocr(document: Document, found: dict) -> dict:
    """A figure read off a scanned page by OCR may be misread: an error there is reported
    as a warning, saying so, for a reviewer to confirm against the page."""
    if found["severity"] != "error" or found["page"] is None:
        return found
    if found["page"] not in document.ocr_pages:
        return found
    return {**found, "severity": "warning", "message": found["message"] + "（该页为扫描件，数字经 OCR 识别，请对照原件）"}
