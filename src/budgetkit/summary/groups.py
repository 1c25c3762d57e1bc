"""Totals over groups of documents (``summarize --by``), kept as running aggregates.

A group holds sums, counts and the 类 lines by code (at most a few dozen), never a
document's records, so memory grows with the number of groups, not of documents.
Amounts add up over the documents that give them (``missing`` counts the others); a
kpi of a group is its formula over the summed inputs of the documents that have it:
the group's 三公 share is Σ 三公 / Σ total expenditure, not an average of shares.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from ..records import SEVERITIES
from ..figures import AMOUNTS, STAFF
from ..measures import HEADLINE
from .build import IDENTITY, Summarized, top_lines

GROUP_BY = ("department", "year", "region", "kind")
ZERO = Decimal(0)
_UNSET = object()


@dataclass
class Group:
    by: str
    key: object
    documents: int = 0
    sums: dict[str, Decimal] = field(default_factory=dict)
    missing: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    identity: dict[str, object] = field(default_factory=dict)  # a field all documents share, else None
    lines: dict[str, list] = field(default_factory=dict)  # 类 code → [name, amount]
    lines_total: Decimal = ZERO
    kpi_inputs: dict[str, dict[str, Decimal]] = field(default_factory=dict)
    findings: dict[str, int] | None = None

    def add(self, summarized: Summarized) -> None:
        summary, kpis, all_lines, lines_total = (summarized.record, summarized.kpis, summarized.lines,
                                                 summarized.lines_total)
        self.documents += 1
        for name in (*AMOUNTS, *STAFF):
            if summary[name] is None:
                self.missing[name] += 1
            else:
                self.sums[name] = self.sums.get(name, ZERO) + summary[name]
        for name in IDENTITY:
            seen = self.identity.get(name, _UNSET)
            self.identity[name] = summary[name] if seen is _UNSET or seen == summary[name] else None
        if all_lines and lines_total:
            self.lines_total += lines_total
            for line in all_lines:
                entry = self.lines.setdefault(line["code"], [line["name"], ZERO])
                entry[1] += line["amount"]
        for record in kpis:
            measure = HEADLINE.get(record["kpi"])
            inputs = {name: (record["inputs"].get(name) or {}).get("value") for name in measure.inputs} \
                if measure else {}
            if measure and all(value is not None for value in inputs.values()):
                sums = self.kpi_inputs.setdefault(measure.id, dict.fromkeys(measure.inputs, ZERO))
                for name, value in inputs.items():
                    sums[name] += value
        if summary["findings"] is not None:
            self.findings = self.findings or dict.fromkeys(SEVERITIES, 0)
            for severity, count in summary["findings"].items():
                self.findings[severity] = self.findings.get(severity, 0) + count

    def record(self, lines: int) -> dict:
        kpi = {}
        for measure_id, measure in HEADLINE.items():  # in the kpi order
            if measure_id in self.kpi_inputs:
                value = measure.value(self.kpi_inputs[measure_id])
                if value is not None:
                    kpi[measure_id] = value
        items = [(code, name, amount) for code, (name, amount) in self.lines.items()]
        return {
            "type": "summary", "doc": None, "path": None, "group_by": self.by, "group": self.key,
            "documents": self.documents, **{name: self.identity.get(name) for name in IDENTITY}, "unit": "万元",
            **{name: self.sums.get(name) for name in (*AMOUNTS, *STAFF)},
            "lines": top_lines(items, self.lines_total or None, lines), "lines_from": None,
            "kpi": kpi, "findings": self.findings, "missing": {k: v for k, v in self.missing.items() if v},
        }


class Groups:
    """Groups in the order first met."""

    def __init__(self, by: str):
        self.by = by
        self.groups: dict[object, Group] = {}

    def add(self, summarized: Summarized) -> None:
        key = summarized.record[self.by]
        if key not in self.groups:
            self.groups[key] = Group(self.by, key)
        self.groups[key].add(summarized)

    def records(self, lines: int) -> list[dict]:
        return [group.record(lines) for group in self.groups.values()]
