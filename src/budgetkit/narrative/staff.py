"""``staff`` records: the headcounts of part 1 (编制, 在职实有, 离退休) with their breakdowns.

They are read off the count statements: ``在职实有人数 30 人，其中：行政编制 8 人，事业编制
20 人`` is a statement of 30 people whose list items are the breakdown, so a check can see
whether 8 + 20 adds up to 30.
"""

from __future__ import annotations

import re

from ..names import claim_in_brackets

_CATEGORIES = (
    (re.compile(r"在职|实有"), "in_service"),
    (re.compile(r"离退休|退休"), "retired"),
    (re.compile(r"编制"), "authorised"),
)
_PEOPLE = ("人", "名")


def staff_records(statements: list[dict]) -> list[dict]:
    items: dict[str, list[dict]] = {}
    for statement in statements:
        if statement["parent"]:
            items.setdefault(statement["parent"], []).append(statement)
    by_id = {s["id"]: s for s in statements}
    records = []
    for statement in statements:
        category = _category(statement)
        parent = by_id.get(statement["parent"]) if statement["parent"] else None
        if category is None or (parent is not None and _category(parent) is not None):
            continue  # a part of a breakdown, not a headcount of its own
        breakdown = [{"label": item["subject"], "count": item["count"],
                      "nested": claim_in_brackets(item["sentence"], item["span"][0], item["claim"])}
                     for item in items.get(statement["id"], []) if item["count_unit"] in _PEOPLE]
        records.append({
            "type": "staff",
            "doc": statement["doc"],
            "category": category,
            "label": statement["subject"],
            "count": statement["count"],
            "breakdown": breakdown,
            "statement": statement["id"],
            "page": statement["page"],
            "line": statement["line"],
        })
    return records


def _category(statement: dict) -> str | None:
    if statement["count"] is None or statement["count_unit"] not in _PEOPLE or not statement["subject"]:
        return None
    for pattern, category in _CATEGORIES:
        if pattern.search(statement["subject"]):
            return category
    return None
