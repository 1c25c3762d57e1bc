"""Performance-form kpis (DOMAIN.md §7): execution rate and score, each indicator's
attainment and score, and the form's total recomputed next to the printed one.

Scoring as the self-evaluation forms print it: the execution line scores
weight × 执行率 (B/A); a forward indicator (≥X, >X, or a bare X) scores weight × B/A,
a reverse one (≤X, <X) weight × A/B, never above the weight; a qualitative one is
scored by the reviewer and is not recomputed.  Forms that print no weight per indicator
(分值) still give the indicator's attainment, the share of its weight the rule awards.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from ..document import Document
from ..measures import HUNDRED, PERCENT, PLACES, POINTS, rounded
from ..measures.record import kpi_record

ONE = Decimal(1)
FORWARD, REVERSE = (">=", ">", "="), ("<=", "<")


def form_records(document: Document) -> list[dict]:
    indicators = defaultdict(list)
    for indicator in document.indicators:
        indicators[indicator["form"]].append(indicator)
    records = []
    for form in document.forms:
        records += _form(document.doc, form, indicators.get(form["form"], []))
    return records


def _form(doc: str, form: dict, indicators: list[dict]) -> list[dict]:
    records = []
    where = {"subject": form.get("name"), "form": form["form"], "page": form.get("page"), "line": form.get("line")}
    execution = _execution(doc, form, where)
    records += execution
    parts: dict[str, dict] = {}
    score = next((r for r in execution if r["kpi"] == "form_execution_score"), None)
    if score is not None:
        parts["execution_score"] = {"value": score["value"], "from": "form_execution_score"}
    elif form.get("execution_score") is not None:
        parts["execution_score"] = {"value": form["execution_score"], "from": f"{form['form']} execution_score"}
    complete = bool(indicators)  # an indicator without any score leaves the total unknown
    for number, indicator in enumerate(indicators, start=1):
        found = _indicator(doc, form, number, indicator)
        records += found
        recomputed = next((r for r in found if r["kpi"] == "indicator_score"), None)
        if recomputed is not None:
            parts[f"indicator_{number}"] = {"value": recomputed["value"],
                                            "from": f"{_name(form, number)} indicator_score"}
        elif indicator.get("score") is not None:
            parts[f"indicator_{number}"] = {"value": indicator["score"], "from": f"{_name(form, number)} score"}
        else:
            complete = False
    if complete:
        total = sum((part["value"] for part in parts.values()), Decimal(0))
        records.append(kpi_record(doc, "form_total_score", total, POINTS, _sum_text(list(parts)), parts,
                                  printed=form.get("total_score"), **where))
    return records


def _execution(doc: str, form: dict, where: dict) -> list[dict]:
    """执行率 = executed / budget (B/A), and the points it scores."""
    budget, executed = form.get("budget"), form.get("executed")
    if budget is None or executed is None or budget == 0:
        return []
    inputs = {"executed": {"value": executed, "from": f"{form['form']} executed"},
              "budget": {"value": budget, "from": f"{form['form']} budget"}}
    records = [kpi_record(doc, "form_execution_rate", rounded(executed * HUNDRED / budget, PLACES[PERCENT]), PERCENT,
                          "executed / budget × 100", inputs, printed=form.get("execution_rate"), **where)]
    weight = form.get("execution_weight")
    if weight is not None:
        score = rounded(weight * min(executed / budget, ONE), PLACES[POINTS])
        weighted = {"execution_weight": {"value": weight, "from": f"{form['form']} execution_weight"}, **inputs}
        records.append(kpi_record(doc, "form_execution_score", score, POINTS,
                                  "execution_weight × min(executed / budget, 1)", weighted,
                                  printed=form.get("execution_score"), **where))
    return records


def _indicator(doc: str, form: dict, number: int, indicator: dict) -> list[dict]:
    fraction = attainment(indicator)
    if fraction is None:
        return []
    name = _name(form, number)
    inputs = {"target": {"value": indicator["target_value"], "from": f"{name} target ({indicator.get('target')})"},
              "actual": {"value": indicator["actual_value"], "from": f"{name} actual ({indicator.get('actual')})"}}
    rule = "actual / target" if indicator["target_op"] in FORWARD else "target / actual"
    where = {"subject": indicator.get("name"), "form": form["form"], "page": indicator.get("page"),
             "line": indicator.get("line")}
    records = [kpi_record(doc, "indicator_attainment", rounded(fraction * HUNDRED, PLACES[PERCENT]), PERCENT,
                          f"min({rule}, 1) × 100", inputs, **where)]
    weight = indicator.get("weight")
    if weight is not None:
        weighted = {"weight": {"value": weight, "from": f"{name} weight"}, **inputs}
        records.append(kpi_record(doc, "indicator_score", rounded(weight * fraction, PLACES[POINTS]), POINTS,
                                  f"weight × min({rule}, 1)", weighted, printed=indicator.get("score"), **where))
    return records


def attainment(indicator: dict) -> Decimal | None:
    """The share (0–1) of its weight an indicator scores, or None when it cannot be
    recomputed: qualitative, or target and actual in different units (人 and 万人)."""
    target, actual, op = indicator.get("target_value"), indicator.get("actual_value"), indicator.get("target_op")
    if target is None or actual is None or op not in FORWARD + REVERSE:
        return None
    units = {indicator.get("target_unit"), indicator.get("actual_unit")} - {None}
    if len(units) > 1:
        return None
    if op in FORWARD:  # a target of 0 is met by anything
        return ONE if target == 0 else min(actual / target, ONE)
    return ONE if actual == 0 else min(target / actual, ONE)  # nothing against a ceiling is full marks


def _name(form: dict, number: int) -> str:
    return f"{form['form']} indicator {number}"


def _sum_text(names: list[str]) -> str:
    """``execution_score + indicator_1 + … + indicator_38``: the inputs' names, long runs elided."""
    if len(names) > 4:
        names = [*names[:2], "…", names[-1]]
    return " + ".join(names)
