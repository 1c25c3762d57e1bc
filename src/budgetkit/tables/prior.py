"""Earlier years' columns of a table (``2023年预算数`` beside ``2024年预算数``, ``上年预算数``)
→ ``prior`` records, one per row and earlier year, so that a growth check finds a
subject's earlier amount the same way whether a form or a table printed it.

Which columns hold an earlier year is settled when the columns are keyed
(``columns._prior_year_keys``: key ``prior_year``); here each gets its year.
"""

from __future__ import annotations

from .catalogue import PREVIOUS_YEAR, printed_year
from .parse import ParsedTable


def prior_records(doc: str, table_id: str, table: ParsedTable, rows: list[dict], year: int | None) -> list[dict]:
    """``rows`` are the table's ``row`` records (values in 万元); ``year`` is the document's
    year, which ``上年`` counts back from (without it such a column gives no records)."""
    years = {}
    for column in table.columns:
        printed = printed_year(column.label) if column.key.startswith("prior_year") else None
        if printed == PREVIOUS_YEAR:
            printed = year - 1 if year else None
        if printed is not None:
            years[column.key] = printed
    return [
        {"type": "prior", "doc": doc, "source": table_id, "subject": row["name"], "code": row["code"], "side": None,
         "year": column_year, "amount": row["values"].get(key), "share": None, "page": row["page"],
         "line": row["line"], "bbox": (row.get("cells") or {}).get(key) or row.get("bbox")}
        for row in rows
        for key, column_year in years.items()
        if key in row["values"]  # side by side, a row has the columns of its own block only
    ]
