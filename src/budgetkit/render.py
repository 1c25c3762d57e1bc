"""Human output: rich tables for a terminal. Data output (JSON Lines) is in records.py."""

from __future__ import annotations

from decimal import Decimal

from rich.console import Console
from rich.table import Table

from .amounts import amount_text
from .measures import PLACES


def tables_overview(records: list[dict], console: Console) -> None:
    """A document's tables as a terminal table: what was found, where, and how much."""
    document = records[0]
    heading = " · ".join(str(x) for x in (document.get("department"), document.get("year"),
                                            document.get("kind"), document["path"]) if x)
    view = Table(title=heading, title_justify="left")
    for column in ("table", "title", "pages", "unit", "status", "rows"):
        view.add_column(column, justify="right" if column == "rows" else "left")
    for record in records:
        if record["type"] == "table":
            pages = ",".join(str(p) for p in record["pages"]) or (f"L{record['line']}" if record["line"] else "")
            view.add_row(record["table"], record["title"], pages, record["unit"] or "", record["status"],
                         str(record["rows"]))
    console.print(view)
    for problem in document["problems"]:
        console.print(f"[yellow]problem:[/yellow] {problem['message']}")


def shown(value, unit: str | None = None) -> str:
    """A figure for people: rates and scores to 2 places, amounts per person to 4, amounts
    as printed; ``—`` for none."""
    if value is None:
        return "—"
    if isinstance(value, Decimal) and unit in PLACES:
        return format(value.quantize(Decimal(1).scaleb(-PLACES[unit])), "f")
    return amount_text(value) if isinstance(value, Decimal) else str(value)
