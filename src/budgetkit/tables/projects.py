"""The projects table (项目支出表) → one ``project`` record per project row.

The table's rows already carry their text cells in ``labels`` (subject, unit, project…);
this module picks the rows that name a project and gives each the shape of the
``project`` records read from performance forms, so that a project can be followed from
the table to its form.  Totals, unit rows listed above their projects and rows that
print no project name (an OCR fragment such as ``22``) are not projects.
"""

from __future__ import annotations

import re

from .parse import ParsedTable


def project_records(doc: str, table_id: str, table: ParsedTable, rows: list[dict]) -> list[dict]:
    """``rows`` are the table's ``row`` records (values already in 万元), in printed order."""
    funding = _funding_columns(table)
    records, unit = [], {}
    for row in rows:
        labels = row["labels"] or {}
        if labels.get("unit") and not labels.get("project"):
            unit = labels  # a unit row: the projects below it belong to that unit
        elif labels.get("project") and not row["total"]:
            records.append(_project(doc, table_id, row, labels, unit, funding))
    return records


def _funding_columns(table: ParsedTable) -> dict[str, str]:
    """Column key → funding label: every value column except the totals and subtotals
    (合计, 小计), so that a project's funding adds up to its amount.  The label is the
    printed header path with the spaces of wrapped header cells dropped, like the funding
    labels of a form; where two columns print the same label, or none, the key stands in."""
    columns = [c for c in table.columns if not _is_total(c.key, c.label)]
    labels = [re.sub(r"\s+", "", c.label) for c in columns]
    return {c.key: label if label and labels.count(label) == 1 else c.key for c, label in zip(columns, labels)}


def _is_total(key: str, label: str) -> bool:
    leaf = re.sub(r"\s+", "", label.rsplit("/", 1)[-1])
    return re.fullmatch(r"total(_\d+)?", key) is not None or leaf in ("合计", "小计", "总计")


def _project(doc: str, table_id: str, row: dict, labels: dict, unit: dict, funding: dict[str, str]) -> dict:
    values = row["values"]
    own_unit = labels if labels.get("unit") else unit  # the row's own unit cell, else the unit row above
    subject_code = labels.get("subject_code") or (row["code"] if row["code_kind"] == "functional" else None)
    return {
        "type": "project",
        "doc": doc,
        "source": table_id,
        "name": labels["project"],
        "code": labels.get("project_code"),
        "amount": values.get("total"),
        "funding": {label: values.get(key) for key, label in funding.items()},
        "items": [],
        "prior": [],
        "kind": labels.get("project_kind"),
        "subject_code": subject_code,
        "subject": labels.get("subject"),
        "unit_code": own_unit.get("unit_code"),
        "unit": own_unit.get("unit"),
        "page": row["page"],
        "line": row["line"],
        "bbox": row.get("bbox"),
    }
