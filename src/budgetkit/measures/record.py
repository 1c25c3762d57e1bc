"""The ``kpi`` record (docs/schema.md, ``kpi``): a value, its formula and its inputs."""

from __future__ import annotations

from decimal import Decimal

# Field order is fixed so JSON Lines, CSV and tables read the same way.
FIELDS = ("type", "doc", "kpi", "subject", "code", "form", "value", "unit", "formula", "inputs", "printed",
          "difference", "page", "line")


def kpi_record(doc: str, kpi: str, value: Decimal, unit: str, formula: str, inputs: dict[str, dict], *,
               subject: str | None = None, code: str | None = None, form: str | None = None,
               printed: Decimal | None = None, page: int | None = None, line: int | None = None) -> dict:
    """``inputs`` maps each name of the formula to ``{"value", "from"}``; ``printed`` is the
    same figure as the document prints it, when it does (``difference`` = value − printed)."""
    difference = value - printed if printed is not None else None
    return {"type": "kpi", "doc": doc, "kpi": kpi, "subject": subject, "code": code, "form": form, "value": value,
            "unit": unit, "formula": formula, "inputs": inputs, "printed": printed, "difference": difference,
            "page": page, "line": line}
