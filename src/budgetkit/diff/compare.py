"""Two documents in, ``change`` records out: the headline figures, then every table
both documents print, row by row and column by column."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..document import Document
from .align import align_rows, comparable_columns, rows_correspond
from .changes import Pair, Threshold, change
from .headline import FIGURES, headline_figures


@dataclass
class Comparison:
    changes: list[dict] = field(default_factory=list)  # headline figures first, then tables in B's order
    notes: list[str] = field(default_factory=list)  # what was not compared, and why: one line each
    titles: dict[str, str] = field(default_factory=dict)  # table id → title as printed (B's, else A's)


def execution_side(a: Document, b: Document) -> str | None:
    """``"a"`` or ``"b"``: the budget, when the other document is a final account."""
    kinds = (a.kind, b.kind)
    if kinds == ("budget", "final_account"):
        return "a"
    if kinds == ("final_account", "budget"):
        return "b"
    return None


def compare(a: Document, b: Document, threshold: Threshold = Threshold(), everything: bool = False) -> Comparison:
    """The changes from A to B.  Unchanged figures only with ``everything`` (``--all``);
    changes below the threshold are dropped."""
    execution = execution_side(a, b)
    result = Comparison()
    if execution and a.year and b.year and a.year != b.year:
        result.notes.append(f"the budget is for {(a if execution == 'a' else b).year} and the final account for "
                            f"{(b if execution == 'a' else a).year}: the execution rates compare different years")
    found = _headline(a, b, execution) + _tables(a, b, execution, result)
    result.changes = [c for c in found if (everything or _news(c)) and threshold.keeps(c)]
    return result


def _news(change: dict) -> bool:
    """Whether a change says something without ``--all``: a figure that moved (not an
    unchanged one, nor a 0 in a row only one document prints), or a budget line with
    something budgeted or spent."""
    if change["status"] == "executed":
        return bool(change["a"] or change["b"])
    return change["difference"] != 0


def _headline(a: Document, b: Document, execution: str | None) -> list[dict]:
    """The headline figures both documents print."""
    figures_a, figures_b = headline_figures(a), headline_figures(b)
    pair = Pair(a.doc, b.doc, None, "headline")
    return [change(pair, figure.id, figure.label, figures_a[figure.id], figures_b[figure.id], unit=figure.unit,
                   execution=execution)
            for figure in FIGURES if figure.id in figures_a and figure.id in figures_b
            and (figures_a[figure.id] is not None or figures_b[figure.id] is not None)]


def _tables(a: Document, b: Document, execution: str | None, result: Comparison) -> list[dict]:
    """Every table both documents print (same table id: key, then key#2…)."""
    found = []
    for table_id, table_b in b.tables.items():
        table_a = a.tables.get(table_id)
        if table_a is not None:
            result.titles[table_id] = table_b.get("title") or table_a.get("title") or table_id
            found += _table(a, b, table_a, table_b, execution, result)
    for name, ids in (("A", [t for t in a.tables if t not in b.tables and a.rows.get(t)]),
                      ("B", [t for t in b.tables if t not in a.tables and b.rows.get(t)])):
        if ids:
            result.notes.append(f"only in {name}, not compared: {', '.join(ids)}")
    return found


def _table(a: Document, b: Document, table_a: dict, table_b: dict, execution: str | None,
           result: Comparison) -> list[dict]:
    table_id = table_b["table"]
    columns = comparable_columns(table_a, table_b)
    pairs = align_rows(a.rows.get(table_id, []), b.rows.get(table_id, []))
    if not rows_correspond(pairs):
        result.notes.append(f"{table_id}: the rows of A and B list different things; only the totals are compared")
        pairs = [(row_a, row_b) for row_a, row_b in pairs if row_a is not None and row_b is not None]
    found = []
    for row_a, row_b in pairs:
        pair = Pair(a.doc, b.doc, table_id, table_b["key"], row_a, row_b)
        name = (row_b or row_a)["name"]
        for column in columns:
            value_a = row_a["values"].get(column.key_a) if row_a else None
            value_b = row_b["values"].get(column.key_b) if row_b else None
            if value_a is not None or value_b is not None:
                found.append(change(pair, column.key, name, value_a, value_b, execution=execution))
    return found
