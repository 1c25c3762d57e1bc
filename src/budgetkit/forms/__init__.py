"""Performance forms (绩效目标表, 绩效自评表) → ``form``, ``project``, ``indicator`` and ``prior`` records.

A form is recognised as a ``table`` with layout ``form``; this package reads its content:

- ``facts``: what the form prints about itself (name, money, budget execution, 总分);
- ``history``: the 近两年收支金额 block of a 部门整体 form;
- ``grid`` / ``flow``: the indicator rows, from cells that keep their columns (PDF grid,
  tab-separated text) or from plain text where every cell wraps over lines of its own;
- ``targets``: a printed target or actual value as operator, number and unit.
"""

from __future__ import annotations

from decimal import Decimal

from ..amounts import to_wan
from ..sources import Line, box_record, first_page_box
from ..tables.locate import Span
from .facts import FormFacts, Money, form_head, read_facts
from .flow import flow_indicators
from .grid import grid_indicators, is_grid
from .history import read_history
from .listing import ListedProject, listed_projects
from .model import Grid, Indicator
from .targets import parse_target
from .text import fold

_TOLERANCE = Decimal("0.01")


def form_records(doc: str, form_id: str, span: Span, unit: str | None, year: int | None) -> list[dict]:
    """The records of one performance form: ``unit`` is the money unit in force where the
    form prints none, ``year`` the document's year.  A form that lists several projects
    gives the records of each, as forms ``{form_id}/1``, ``{form_id}/2``…"""
    listed = listed_projects(span.lines)
    if listed:
        return [record for number, project in enumerate(listed, 1)
                for record in _listed_records(doc, f"{form_id}/{number}", project, read_facts(span.lines).unit
                                              or unit or "万元")]
    lines = span.lines
    facts = read_facts(lines)
    unit = facts.unit or unit or "万元"
    kind = "overall" if "整体" in fold(span.title) else "project"
    scored = any("得分" in fold(line.text) or "实际完成值" in fold(line.text) for line in lines)
    grid = grid_indicators(lines) if is_grid(lines) else flow_indicators(lines, scored)
    where = _where(lines)
    history = read_history(lines, facts.year or year) if kind == "overall" else []
    form = _form_record(doc, form_id, kind, facts, grid, history, unit, where)
    records = [form]
    if kind == "project":
        records.append(_project_record(doc, form_id, facts, unit, where))
    project = facts.name if kind == "project" else None
    records += [_indicator_record(doc, form_id, kind, project, row) for row in grid.indicators]
    records += _prior_records(doc, form_id, facts, history, unit, where)
    return records


def _listed_records(doc: str, form_id: str, project: ListedProject, unit: str) -> list[dict]:
    """A project of a form that lists several: its form, project and indicator records."""
    facts = FormFacts(name=project.name, amount=project.amount)
    grid = grid_indicators(project.lines)
    where = _where(project.lines[1:])
    form = _form_record(doc, form_id, "project", facts, grid, [], unit, where)
    if project.goal:
        form["goals"] = [{"goal": project.goal, "weight": None}]
    records = [form, _project_record(doc, form_id, facts, unit, where)]
    return records + [_indicator_record(doc, form_id, "project", project.name, row) for row in grid.indicators]


def _where(lines: list[Line]) -> dict:
    """Where a form is printed: its first line, and the box of its head (name, money,
    goals: the lines above its indicator grid) on its first page."""
    first = lines[0] if lines else None
    box = first_page_box(form_head(lines))
    return {"page": first.page if first else None, "line": first.line_no if first else None,
            "bbox": box_record(box)}



def _wan(value: Money | Decimal | None, unit: str) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, Money):
        return to_wan(value.value, value.unit or unit)
    return to_wan(value, unit)


def _form_record(doc, form_id, kind, facts: FormFacts, grid: Grid, history, unit, where) -> dict:
    execution_unit = facts.execution_unit or unit
    amount = _wan(facts.amount, unit)
    if amount is None:  # a 部门整体 form: the year's total income in its history block
        amount = next((_wan(v.amount, unit) for v in history if v.side == "income" and v.subject == "合计"
                       and v.share is not None), None)
    goals = [{"goal": g.goal, "weight": g.weight} for g in grid.goals]
    if not goals and facts.block_weight is not None:
        goals = [{"goal": "年度绩效目标", "weight": facts.block_weight}]
    spending_unit = _spending_unit(facts, execution_unit)
    return {
        "type": "form",
        "doc": doc,
        "form": form_id,
        "form_kind": kind,
        "name": facts.name,
        "project_code": facts.project_code,
        "unit": unit,
        "amount": amount,
        "funding": {label: _wan(value, unit) for label, value in facts.funding.items()},
        "budget": _wan(facts.budget, execution_unit),
        "executed": _wan(facts.executed, execution_unit),
        "execution_rate": facts.execution_rate,
        "execution_weight": facts.execution_weight,
        "execution_score": facts.execution_score,
        "basic_expenditure": _wan(facts.basic, spending_unit),
        "project_expenditure": _wan(facts.project, spending_unit),
        "goals": goals,
        "total_score": facts.total_score,
        "grade": facts.grade,
        "indicators": len(grid.indicators),
        **where,
    }


def _spending_unit(facts: FormFacts, execution_unit: str) -> str:
    """The unit of the 基本支出总额 / 项目支出总额 line, which prints none.

    The 青山 form prints them in 元 right above an execution line in 万元; their sum is
    the amount executed, so the unit is the one under which it adds up.
    """
    if None in (facts.basic, facts.project, facts.executed):
        return execution_unit
    executed = to_wan(facts.executed, execution_unit)
    for candidate in ("万元", "元"):
        if abs(to_wan(facts.basic + facts.project, candidate) - executed) <= _TOLERANCE:
            return candidate
    return execution_unit


def _project_record(doc, form_id, facts: FormFacts, unit, where) -> dict:
    return {
        "type": "project",
        "doc": doc,
        "source": form_id,
        "name": facts.name,
        "code": facts.project_code,
        # A self-evaluation prints no 项目金额; its 预算数 is the project's money.
        "amount": _wan(facts.amount, unit) if facts.amount else _wan(facts.budget, facts.execution_unit or unit),
        "funding": {label: _wan(value, unit) for label, value in facts.funding.items()},
        "items": [{"name": name, "amount": _wan(amount, unit)} for name, amount in facts.items],
        "prior": [{"year": year, "amount": _wan(amount, unit)} for year, amount in facts.prior],
        **where,
    }


def _indicator_record(doc, form_id, kind, project, row: Indicator) -> dict:
    target, actual = parse_target(row.target), parse_target(row.actual)
    return {
        "type": "indicator",
        "doc": doc,
        "form": form_id,
        "form_kind": kind,
        "project": project,
        "goal": row.goal,
        "level1": row.level1,
        "level2": row.level2,
        "name": row.name,
        "target": row.target,
        "target_op": target.op,
        "target_value": target.value,
        "target_unit": target.unit,
        "target_text": target.text,
        "actual": row.actual,
        "actual_op": actual.op,
        "actual_value": actual.value,
        "actual_unit": actual.unit,
        "actual_text": actual.text,
        "weight": row.weight,
        "score": row.score,
        "page": row.page,
        "line": row.line,
        "bbox": box_record(row.box),
    }


def _prior_records(doc, form_id, facts: FormFacts, history, unit, where) -> list[dict]:
    records = [
        {"type": "prior", "doc": doc, "source": form_id, "subject": v.subject, "side": v.side, "year": v.year,
         "amount": _wan(v.amount, unit), "share": v.share, "page": v.line.page, "line": v.line.line_no,
         "bbox": box_record(v.line.box)}
        for v in history
    ]
    records += [
        {"type": "prior", "doc": doc, "source": form_id, "subject": "预算", "side": None, "year": year,
         "amount": _wan(amount, unit), "share": None, **where}
        for year, amount in facts.prior
    ]
    return records
