"""Document-level kpis: shares, amounts per person, growth, execution rates (the kpi
command writes them all; summarize shows the ``HEADLINE`` ones)."""

from __future__ import annotations

from ..document import Document
from ..figures import Figure, headline
from . import EXECUTION_RATE, HEADLINE, Measure
from .history import History
from .record import kpi_record


def headline_records(document: Document, pool: dict[str, Figure]) -> list[dict]:
    """A record for each headline measure whose inputs are in ``pool`` and define it."""
    pool = dict(pool)
    stated, others = stated_executions(document)
    where: dict = {}
    if stated is not None:
        pool.update(_execution_inputs(stated))
        where = {"subject": stated.get("subject"), "printed": stated.get("completion_rate"),
                 "page": stated.get("page"), "line": stated.get("line")}
    records = []
    for measure in HEADLINE.values():
        extra = where if measure.id == "execution_expenditure" else {}
        record = measured(document.doc, measure, pool, **extra)
        if record is not None:
            records.append(record)
    for statement in others:
        record = measured(document.doc, EXECUTION_RATE, _execution_inputs(statement),
                          subject=statement.get("topic") or statement.get("sentence"), code=statement.get("code"),
                          printed=statement.get("completion_rate"), page=statement.get("page"),
                          line=statement.get("line"))
        if record is not None:
            records.append(record)
    return records


def measured(doc: str, measure: Measure, pool: dict[str, Figure], **fields) -> dict | None:
    if not all(name in pool for name in measure.inputs):
        return None
    value = measure.value({name: pool[name].value for name in measure.inputs})
    if value is None:
        return None
    inputs = {name: pool[name].as_input() for name in measure.inputs}
    return kpi_record(doc, measure.id, value, measure.unit, measure.formula, inputs, **fields)


def stated_executions(document: Document) -> tuple[dict | None, list[dict]]:
    """Statements of a final account that print an amount and the budget it executes
    (``年初预算为 6.52 万元，支出决算为 7.01 万元``): the one on total expenditure, and the others
    (a functional line, a project, 三公)."""
    if document.kind != "final_account":
        return None, []
    found = [s for s in document.statements
             if s.get("amount") is not None and s.get("basis_amount") and s.get("basis_year") in (None, document.year)]
    total = next((s for s in found if s.get("concept") == "expenditure" and not s.get("code") and not s.get("topic")),
                 None)
    return total, [s for s in found if s is not total]


def _execution_inputs(statement: dict) -> dict[str, Figure]:
    where = f"statement {statement['id']}"
    return {"actual": Figure(statement["amount"], where + " amount"),
            "budget": Figure(statement["basis_amount"], where + " basis_amount")}


def headline_kpis(document: Document, history: History | None = None) -> list[dict]:
    """Only the document-level kpis (``HEADLINE``), for an overview."""
    figures = headline(document)
    pool = {**figures, **(history.previous(document) if history is not None else {})}
    records = [r for r in headline_records(document, pool) if r["kpi"] in HEADLINE]
    if history is not None:
        history.remember(document, figures)
    return records
