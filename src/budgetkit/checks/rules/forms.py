"""Family ``form``: performance forms, 绩效目标表 and 绩效自评表 (DOMAIN.md §7).

A form restates money the tables print (the project's amount, the department's 基本支出
and 项目支出) and scores itself by the rules printed on it: 执行率 = 执行数 / 预算数,
execution score = weight × 执行率, a quantitative indicator scores weight × B/A (≥X) or
weight × A/B (≤X) and never more than its weight, 总分 = the sum of the scores, and the
grade follows 总分 (优 ≥ 90, 良 80–89, 中 60–79, 差 < 60).

Forms often score by rules of their own (whole points, a floor), so a score that differs
from the recomputed one is a ``warning``; a score above its weight, totals that do not add
up and amounts that contradict each other are ``error``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal

from ...amounts import UNIT_SCALE
from ... import names
from ...names import fold
from ...document import Document
from ...keys import label as key_label
from ...totals import ledger_total
from ..findings import (amount_text, at_form, at_statement, cell_places, finding, joined_places, record_places,
                        row_evidence, tail_note)
from ..registry import rule
from ...tolerance import (HUNDRED, MISMATCH, TAIL, compare_percent, compare_restated, compare_sum, ulp_of_text,
                         ulp_of_values)

ZERO = Decimal(0)
CENT = Decimal("0.01")

# 评价等级 and the 总分 band each grade stands for: [low, high).
GRADES = {"优": (Decimal(90), Decimal(1000)), "良": (Decimal(80), Decimal(90)),
          "中": (Decimal(60), Decimal(80)), "差": (Decimal(-1000), Decimal(60))}

# Funding lines printed as 其中 parts of the year's money (当年财政拨款 / 申请当年预算拨款 and
# 上年结转资金 / 使用上年度财政拨款结余) rather than as sources beside the others.
_FUNDING_PART_RE = re.compile(r"当年|上年|结转|结余|申请")


# --- how messages name forms and print their money -------------------------------------

def is_self_evaluation(form: dict) -> bool:
    return any(form.get(k) is not None for k in ("budget", "executed", "execution_score", "total_score"))


def form_label(form: dict) -> str:
    """How a message names a form: ``“医疗救助款”项目绩效目标表``, ``部门整体绩效自评表``."""
    kind = "绩效自评表" if is_self_evaluation(form) else "绩效目标表"
    if form.get("form_kind") == "overall":
        return f"部门整体{kind}"
    return f"“{form.get('name') or form['form']}”项目{kind}"


def money(value: Decimal | None, unit: str | None) -> str:
    """An amount (held in 万元) as the form prints it: ``70 万元``, ``11,419,043 元``."""
    unit = unit or "万元"
    if value is None:
        return "空"
    scale = UNIT_SCALE.get(unit, 0)
    if scale == 0:
        return f"{amount_text(value)} {unit}"
    printed = value.scaleb(-scale).normalize()
    return f"{printed:,f} {unit}" if printed != 0 else f"0 {unit}"


def gap(verdict, unit: str | None) -> str:
    return f"相差 {money(abs(verdict.difference), unit)}{tail_note(verdict)}"


def points(value: Decimal) -> str:
    """A recomputed score to two decimals at most: ``8``, ``15.02``."""
    return amount_text(value.quantize(CENT))


def percent(value: Decimal) -> str:
    """A computed percentage as documents print them: ``30.22%``."""
    return f"{value.quantize(CENT)}%"


def name_key(text: str | None) -> str:
    """A project name for comparison (names.py): folded, without markers, quotes, brackets
    and spaces."""
    return names.name_key(text)


# --- budget execution --------------------------------------------------------------------

@rule("form.execution_rate", "a self-evaluation's 执行率 = 执行数 / 预算数")
def execution_rate(document: Document):
    for form in document.forms:
        budget, executed, rate = form.get("budget"), form.get("executed"), form.get("execution_rate")
        if budget is None or executed is None or rate is None:
            continue
        verdict = compare_percent(rate, executed, budget, ulp_of_values([budget, executed], form.get("unit")))
        severity = verdict.severity("error") if verdict else None
        if severity is None:
            continue
        expected = executed / budget * HUNDRED
        yield finding(
            severity,
            f"{form_label(form)}执行率 {amount_text(rate)}%，执行数 {money(executed, form.get('unit'))} ÷ "
            f"预算数 {money(budget, form.get('unit'))} = {percent(expected)}",
            **at_form(form), subject="执行率", expected=expected.quantize(CENT), actual=rate, unit="%")


@rule("form.execution_score", "a self-evaluation's execution score = its weight × 执行率, never above the weight")
def execution_score(document: Document):
    for form in document.forms:
        weight, score = form.get("execution_weight"), form.get("execution_score")
        if weight is None or score is None:
            continue
        if score > weight:
            yield finding("error", f"{form_label(form)}预算执行得分 {amount_text(score)} 分，超过该项分值 "
                                   f"{amount_text(weight)} 分", **at_form(form), subject="预算执行得分",
                          expected=weight, actual=score, unit="分")
            continue
        rates = _execution_rates(form)
        if not rates:
            continue
        # the score may follow the printed 执行率 or the one the amounts give: either is right
        verdicts = [compare_restated(score, min(weight, weight * rate / HUNDRED), ulp_of_values([score]))
                    for rate in rates]
        best = min(verdicts, key=lambda v: abs(v.difference))
        severity = best.severity("warning")
        if severity is None:
            continue
        expected = score - best.difference
        yield finding(
            severity,
            f"{form_label(form)}预算执行得分 {amount_text(score)} 分，按“{amount_text(weight)}分×执行率”"
            f"应为 {points(expected)} 分",
            **at_form(form), subject="预算执行得分", expected=expected.quantize(CENT), actual=score, unit="分")


def _execution_rates(form: dict) -> list[Decimal]:
    rates = []
    if form.get("budget") and form.get("executed") is not None:
        rates.append(form["executed"] / form["budget"] * HUNDRED)
    if form.get("execution_rate") is not None:
        rates.append(form["execution_rate"])
    return rates


@rule("form.expenditure_split", "a 部门整体 self-evaluation's 基本支出总额 + 项目支出总额 = 执行数")
def expenditure_split(document: Document):
    for form in document.forms:
        basic, project, executed = form.get("basic_expenditure"), form.get("project_expenditure"), form.get("executed")
        if basic is None or project is None or executed is None:
            continue
        unit = form.get("unit")
        total_ulp, parts_ulp = ulp_of_values([executed], unit), ulp_of_values([basic, project], unit)
        # parts printed finer than the total (元 beside 万元): the total is their sum, rounded
        verdict = (compare_restated(executed, basic + project, total_ulp) if parts_ulp < total_ulp
                   else compare_sum(executed, [basic, project], total_ulp))
        # the form prints no unit for these two figures (DOMAIN.md §7, 青山): a mismatch may be a
        # unit read wrong, so it is for the reviewer to confirm
        severity = verdict.severity("warning")
        if severity is None:
            continue
        yield finding(
            severity,
            f"{form_label(form)}执行数 {money(executed, unit)}，基本支出总额 {amount_text(basic)} + "
            f"项目支出总额 {amount_text(project)} = {amount_text(basic + project)} 万元，{gap(verdict, '万元')}",
            **at_form(form), subject="执行数", expected=basic + project, actual=executed)


# --- scores, weights, grade ------------------------------------------------------------------

@rule("form.indicator_score", "an indicator's score is within its weight and follows B/A (≥X) or A/B (≤X)")
def indicator_score(document: Document):
    for indicator in document.indicators:
        weight, score = indicator.get("weight"), indicator.get("score")
        if weight is None or score is None:
            continue
        where = {**at_form(indicator), "subject": indicator.get("name"), "unit": "分"}
        if score > weight or score < 0:
            beyond = f"超出权重 {amount_text(weight)} 分" if score > weight else "为负数"
            yield finding("error", f"指标“{indicator.get('name')}”得分 {amount_text(score)} 分，{beyond}",
                          expected=weight if score > weight else ZERO, actual=score, **where)
            continue
        expected = quantitative_score(indicator)
        if expected is None:
            continue
        verdict = compare_restated(score, expected, ulp_of_values([score]))
        severity = verdict.severity("warning")
        if severity is None:
            continue
        formula = "B/A" if indicator["target_op"] in (">=", ">", "=") else "A/B"
        yield finding(
            severity,
            f"指标“{indicator.get('name')}”目标 {indicator.get('target')}、完成 {indicator.get('actual')}，"
            f"得分 {amount_text(score)} 分，按“权重×{formula}”应为 {points(expected)} 分",
            expected=expected.quantize(CENT), actual=score, **where)


def quantitative_score(indicator: dict) -> Decimal | None:
    """The score the printed rules give a quantitative indicator: weight × B/A for a
    positive target (≥X, and a bare X), weight × A/B for a reverse one (≤X), at most the
    weight; None when target and actual are not numbers in the same unit."""
    op, target, actual = indicator.get("target_op"), indicator.get("target_value"), indicator.get("actual_value")
    weight = indicator["weight"]
    if op is None or target is None or actual is None or indicator.get("actual_op") is None:
        return None
    if indicator.get("target_unit") != indicator.get("actual_unit"):
        return None
    if op in (">=", ">", "="):
        if target <= 0:
            return None
        ratio = actual / target
    else:
        if actual <= 0:
            return weight if actual == 0 else None
        ratio = target / actual
    return min(weight, weight * ratio)


@rule("form.total_score", "a self-evaluation's 总分 = the execution score + the indicators' scores")
def total_score(document: Document):
    for form in document.forms:
        total = form.get("total_score")
        indicators = document.indicators_of(form["form"])
        if total is None or not indicators or any(i.get("score") is None for i in indicators):
            continue
        parts = [i["score"] for i in indicators]
        if form.get("execution_score") is not None:
            parts.append(form["execution_score"])
        elif form.get("execution_weight") is not None:
            continue  # an execution line whose score was not read
        verdict = compare_sum(total, parts, ulp_of_values([total, *parts]))
        # scores adding up to more than 总分 cannot come from a row the text lost; less can
        severity = verdict.severity("error" if verdict.difference < 0 else "warning")
        if severity is None:
            continue
        indicator_sum = sum((i["score"] for i in indicators), ZERO)
        execution = form.get("execution_score")
        added = (f"预算执行得分 {amount_text(execution)} + 指标得分合计 {amount_text(indicator_sum)}"
                 if execution is not None else f"指标得分合计 {amount_text(indicator_sum)}")
        yield finding(
            severity,
            f"{form_label(form)}总分 {amount_text(total)} 分，{added} = {amount_text(total - verdict.difference)} 分",
            **at_form(form), subject="总分", expected=total - verdict.difference, actual=total, unit="分")


@rule("form.weights", "goals' weights + the execution weight = 100; a goal's indicators share out its weight")
def weights(document: Document):
    for form in document.forms:
        goals = form.get("goals") or []
        execution = form.get("execution_weight")
        if goals and execution is not None and all(g.get("weight") is not None for g in goals):
            total = execution + sum((g["weight"] for g in goals), ZERO)
            if total != HUNDRED:
                listed = "、".join(f"{g['goal']} {amount_text(g['weight'])} 分" for g in goals)
                yield finding("error", f"{form_label(form)}各项分值合计 {amount_text(total)} 分（预算执行 "
                                       f"{amount_text(execution)} 分，{listed}），应为 100 分",
                              **at_form(form), subject="分值", expected=HUNDRED, actual=total, unit="分")
        for goal, indicators in _goal_indicators(document, form):
            yield from _goal_share(form, goal, indicators)


def _goal_indicators(document: Document, form: dict):
    """Each weighted goal of a form with the indicators printed under it.  A form with one
    goal block owns all its indicators; on a form with several, an indicator names its goal."""
    goals = [g for g in form.get("goals") or [] if g.get("weight") is not None]
    indicators = document.indicators_of(form["form"])
    if len(form.get("goals") or []) == 1 and goals:
        yield goals[0], indicators
        return
    for goal in goals:
        under = [i for i in indicators if i.get("goal") == goal["goal"]]
        if under:
            yield goal, under


def _goal_share(form: dict, goal: dict, indicators: list[dict]):
    weight = goal["weight"]
    where = {**at_form(form), "subject": goal["goal"], "unit": "分"}
    if all(i.get("weight") is not None for i in indicators):
        total = sum((i["weight"] for i in indicators), ZERO)
        if total != weight:
            # weights short of the goal's may be a row the text lost; beyond it they cannot be
            yield finding("error" if total > weight else "warning",
                          f"{form_label(form)}“{goal['goal']}”分值 {amount_text(weight)} 分，其下 "
                          f"{len(indicators)} 项指标权重合计 {amount_text(total)} 分",
                          expected=weight, actual=total, **where)
    elif all(i.get("score") is not None for i in indicators):
        total = sum((i["score"] for i in indicators), ZERO)
        if total > weight:
            yield finding("error", f"{form_label(form)}“{goal['goal']}”分值 {amount_text(weight)} 分，其下 "
                                   f"{len(indicators)} 项指标得分合计 {amount_text(total)} 分，超出分值",
                          expected=weight, actual=total, **where)


@rule("form.grade", "a self-evaluation's grade matches its 总分 (优 ≥90, 良 80–89, 中 60–79, 差 <60)")
def grade(document: Document):
    for form in document.forms:
        printed, total = (form.get("grade") or "").strip(), form.get("total_score")
        if total is None or printed not in GRADES:
            continue
        expected = next(g for g, (low, high) in GRADES.items() if low <= total < high)
        if expected == printed:
            continue
        yield finding("error", f"{form_label(form)}总分 {amount_text(total)} 分，评价等级为“{printed}”，"
                               f"按分数应为“{expected}”", **at_form(form), subject="评价等级",
                      expected=None, actual=None, evidence=f"总分 {amount_text(total)}；等级 {printed}")


@rule("form.target_missed", "indicators whose actual value falls short of the target (for the reviewer)")
def target_missed(document: Document):
    for indicator in document.indicators:
        shortfall = _shortfall(indicator)
        if shortfall is None:
            continue
        weight, score = indicator.get("weight"), indicator.get("score")
        full_marks = weight is not None and score is not None and score >= weight
        note = f"，仍得满分 {amount_text(score)} 分" if full_marks else ""
        yield finding(
            "warning" if full_marks else "info",
            f"指标“{indicator.get('name')}”目标 {indicator.get('target')}，实际完成 {indicator.get('actual')}，"
            f"未达目标{note}",
            **at_form(indicator), subject=indicator.get("name"), expected=indicator["target_value"],
            actual=indicator["actual_value"], unit=indicator.get("target_unit"))


def _shortfall(indicator: dict) -> bool | None:
    """True when a numeric actual misses its numeric target in the same unit; None otherwise.
    A bare target (``100%``, ``4次``) is a floor, except on a 成本指标, where it is a ceiling."""
    op, target, actual = indicator.get("target_op"), indicator.get("target_value"), indicator.get("actual_value")
    if op is None or target is None or actual is None or indicator.get("actual_op") is None:
        return None
    if indicator.get("target_unit") != indicator.get("actual_unit"):
        return None
    actual_op = indicator["actual_op"]
    if op == "=" and "成本" in (indicator.get("level1") or ""):
        op = "<="
    if op in (">=", "="):
        missed = actual < target and actual_op not in (">", ">=")  # ﹥96% is at least 96
    elif op == ">":
        missed = actual < target or (actual == target and actual_op not in (">",))
    elif op == "<=":
        missed = actual > target and actual_op not in ("<", "<=")
    else:  # "<"
        missed = actual > target or (actual == target and actual_op not in ("<",))
    return True if missed else None


# --- money on the forms --------------------------------------------------------------------

@rule("form.project_items", "a project form's itemised 项目支出明细 add up to the project's amount")
def project_items(document: Document):
    forms = {f["form"]: f for f in document.forms}
    for project in document.projects:
        items, amount = project.get("items") or [], project.get("amount")
        values = [i["amount"] for i in items if i.get("amount") is not None]
        if amount is None or not values:
            continue
        form = forms.get(project["source"], {"form": project["source"], "name": project.get("name")})
        unit = form.get("unit")
        verdict = compare_sum(amount, values, ulp_of_values([amount, *values], unit))
        # items short of the amount may be items the text lost; items beyond it cannot be,
        # unless one item is the subtotal of the next ones
        beyond = verdict.difference < 0 and not _has_subtotal(values)
        severity = verdict.severity("error" if beyond else "warning")
        if severity is None:
            continue
        unread = "（或有明细未能读出）" if verdict.difference > 0 and severity == "warning" else ""
        yield finding(
            severity,
            f"{form_label(form)}项目支出明细 {len(values)} 项合计 {money(amount - verdict.difference, unit)}，"
            f"项目当年预算 {money(amount, unit)}，{gap(verdict, unit)}{unread}",
            **at_form(project, project["source"]), subject=project.get("name"),
            expected=amount - verdict.difference, actual=amount,
            evidence="；".join(f"{i['name']} {amount_text(i['amount'])}" for i in items))


def _has_subtotal(values: list[Decimal]) -> bool:
    """True when an item equals the sum of two or more items right after it."""
    for i, value in enumerate(values):
        running = ZERO
        for j in range(i + 1, len(values)):
            running += values[j]
            if j > i + 1 and running == value:
                return True
            if running > value:
                break
    return False


@rule("form.funding", "a form's funding sources add up to its amount; no 其中 part exceeds the whole")
def funding(document: Document):
    for form in document.forms:
        sources, amount = form.get("funding") or {}, form.get("amount")
        if amount is None or not sources:
            continue
        unit = form.get("unit")
        ulp = ulp_of_values([amount, *sources.values()], unit)
        evidence = "；".join(f"{k} {money(v, unit)}" for k, v in sources.items())
        main = {k: v for k, v in sources.items() if not _FUNDING_PART_RE.search(k)}
        parts = {k: v for k, v in sources.items() if _FUNDING_PART_RE.search(k) and v is not None}
        values = [v for v in main.values() if v is not None]
        # 其他资金 0.00 alone (beside 基本支出 / 项目支出): it says what is not there, and lists
        # no source to add up
        if len(values) == 1 and values[0] == 0:
            values = []
        if values and not _some_sources_fit(amount, values, ulp):
            # the sources may describe the project's whole budget (项目资金总额) rather than the
            # year's, or nest (财政拨款 / 其中：一般公共预算): a reviewer looks, no error
            verdict = compare_sum(amount, values, ulp)
            severity = verdict.severity("warning")
            if severity:
                listed = "、".join(f"{k} {money(v, unit)}" for k, v in main.items() if v is not None)
                yield finding(severity, f"{form_label(form)}资金来源 {listed}，合计 "
                                        f"{money(amount - verdict.difference, unit)}，项目年度资金 "
                                        f"{money(amount, unit)}，{gap(verdict, unit)}",
                              **at_form(form), subject="资金来源", expected=amount - verdict.difference,
                              actual=amount, evidence=evidence)
        if parts:
            subtotal = sum(parts.values(), ZERO)
            verdict = compare_sum(amount, list(parts.values()), ulp)
            if subtotal > amount and verdict.status == MISMATCH:
                listed = "、".join(f"{k} {money(v, unit)}" for k, v in parts.items())
                yield finding("error", f"{form_label(form)}其中 {listed}，合计 {money(subtotal, unit)}，"
                                       f"超过项目年度资金 {money(amount, unit)}，{gap(verdict, unit)}",
                              **at_form(form), subject="资金来源", expected=amount, actual=subtotal,
                              evidence=evidence)


def _some_sources_fit(amount: Decimal, values: list[Decimal], ulp: Decimal) -> bool:
    """True when the sources, or some of them, add up to the amount: the extraction drops
    the 其中 of a nested line, so a source and its parts may all be listed."""
    if compare_sum(amount, values, ulp).status == "equal":
        return True
    if len(values) > 8:
        return False
    for mask in range(1, (1 << len(values)) - 1):
        chosen = [v for i, v in enumerate(values) if mask >> i & 1]
        if compare_sum(amount, chosen, ulp).status == "equal":
            return True
    return False


@rule("form.prior_totals", "a 部门整体 form's 近两年收支 block: the parts add up to 合计, year by year")
def prior_totals(document: Document):
    forms = {f["form"]: f for f in document.forms}
    groups = _prior_groups(document)
    for (source, side, year), priors in groups.items():
        total = next((p for p in priors if p["subject"] == "合计"), None)
        parts = [p for p in priors if p["subject"] != "合计"]
        values = [p["amount"] for p in parts if p["amount"] is not None]
        if total is None or total["amount"] is None or not values:
            continue
        form = forms.get(source, {"form": source})
        unit = form.get("unit")
        verdict = compare_sum(total["amount"], values, ulp_of_values([total["amount"], *values], unit))
        severity = verdict.severity("error")
        if severity is None:
            continue
        listed = " + ".join(f"{p['subject']} {amount_text(p['amount'])}" for p in parts if p["amount"] is not None)
        side_name = SIDES.get(side, side)
        yield finding(
            severity,
            f"{form_label(form)}{side_name} {year}年合计 {money(total['amount'], unit)}，{listed} = "
            f"{money(total['amount'] - verdict.difference, unit)}，{gap(verdict, unit)}"
            f"{_other_side(groups, source, side, year, unit)}",
            **at_form(total, source), subject=f"{side_name}/{year}年/合计",
            expected=total["amount"] - verdict.difference, actual=total["amount"])


SIDES = {"income": "收入构成", "expenditure": "支出构成"}


def _other_side(groups: dict, source: str, side: str, year: int, unit: str | None) -> str:
    """The other side's 合计 for the same year, which tells the reviewer which figure is off
    (收入 and 支出 of a year's budget balance)."""
    other = "expenditure" if side == "income" else "income"
    total = next((p for p in groups.get((source, other, year), []) if p["subject"] == "合计"), None)
    if total is None or total["amount"] is None:
        return ""
    return f"（{SIDES[other]} {year}年合计 {money(total['amount'], unit)}）"


def _prior_groups(document: Document) -> dict[tuple, list[dict]]:
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for prior in document.priors:
        if prior.get("side"):
            groups[(prior["source"], prior["side"], prior["year"])].append(prior)
    return groups


@rule("form.prior_shares", "a 部门整体 form's printed 占比 = the amount / the side's 合计")
def prior_shares(document: Document):
    forms = {f["form"]: f for f in document.forms}
    for (source, side, year), priors in _prior_groups(document).items():
        total = next((p for p in priors if p["subject"] == "合计"), None)
        if total is None or not total["amount"]:
            continue
        form = forms.get(source, {"form": source})
        unit = form.get("unit")
        for prior in priors:
            if prior is total or prior.get("share") is None or prior["amount"] is None:
                continue
            verdict = compare_percent(prior["share"], prior["amount"], total["amount"],
                                      ulp_of_values([prior["amount"], total["amount"]], unit))
            severity = verdict.severity("error") if verdict else None
            if severity is None:
                continue
            expected = prior["amount"] / total["amount"] * HUNDRED
            yield finding(
                severity,
                f"{form_label(form)}“{prior['subject']}” {money(prior['amount'], unit)} 占比 "
                f"{amount_text(prior['share'])}%，{amount_text(prior['amount'])} ÷ 合计 "
                f"{amount_text(total['amount'])} = {percent(expected)}",
                **at_form(prior, source), subject=f"{prior['subject']}/占比",
                expected=expected.quantize(CENT), actual=prior["share"], unit="%")


# --- forms against the tables and the narrative ---------------------------------------------

@rule("form.project_amount", "a project form's amount = the same project in the projects table and the narrative")
def project_amount(document: Document):
    rows = [r for t in document.tables_with_key("projects") for r in document.rows.get(t["table"], [])
            if not r.get("total") and (r.get("labels") or {}).get("project") and r["values"].get("total") is not None]
    by_project = _rows_by_project(rows)
    forms_by_project: dict[str, list[dict]] = defaultdict(list)
    for form in document.project_forms():
        if form.get("amount") is not None:
            forms_by_project[name_key(form.get("name"))].append(form)
    for form in document.project_forms():
        amount, key = form.get("amount"), name_key(form.get("name"))
        if amount is None or len(key) < 2 or _spread_over_forms(forms_by_project[key], by_project.get(key)):
            continue
        unit = form.get("unit")
        # a project the table names exactly is that row, not another whose name holds it
        # (养老服务发展资金 beside 养老服务发展资金（人员培训）)
        named = [by_project[key]] if key in by_project else by_project.values()
        others = [_row_claim(document, form, same, key) for same in named]
        # a narrative figure the table contradicts as well is the narrative's defect
        # (text.table_amount reports it), not another one of the form's
        if not (key in by_project and not any(others)):
            others += [_statement_claim(document, form, statement, key) for statement in document.statements]
        others = [o for o in others if o is not None]
        if not others:
            continue
        severity = "error" if any(o["exact"] for o in others) else "warning"
        places = "；".join(o["text"] for o in others)
        first = others[0]
        yield finding(
            severity if not all(o["tail"] for o in others) else "info",
            f"{form_label(form)}项目当年预算 {money(amount, unit)}，{places}",
            **at_form(form), places=joined_places(record_places(form), *(o["places"] for o in others)),
            subject=form.get("name"), expected=first["value"], actual=amount, evidence=first["evidence"])


def _spread_over_forms(forms: list[dict], rows: list[dict] | None) -> bool:
    """One project of the projects table given a form by each unit that spends on it
    (实施公车统管费用 20 + 3 + 5 = 28): the forms' amounts add up to its rows."""
    return len(forms) > 1 and bool(rows) and \
        sum((f["amount"] for f in forms), ZERO) == sum((r["values"]["total"] for r in rows), ZERO)


def _rows_by_project(rows: list[dict]) -> dict[str, list[dict]]:
    """The projects-table rows of each project: one project may be printed on several rows
    (one per functional subject), and its amount is their sum."""
    grouped: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        grouped[name_key(row["labels"]["project"])].append(row)
    return grouped


def _row_claim(document: Document, form: dict, rows: list[dict], key: str) -> dict | None:
    """The projects-table rows naming the form's project, when their amount differs."""
    row = rows[0]
    printed = row["labels"]["project"]
    other = name_key(printed)
    exact = other == key
    if not exact and not (min(len(other), len(key)) >= 4 and (other in key or key in other)):
        return None
    value = sum((r["values"]["total"] for r in rows), ZERO)
    ulp = max([ulp_of_values([form["amount"]], form.get("unit"))] + [document.ulp(r["table"]) for r in rows])
    verdict = compare_restated(form["amount"], value, ulp)
    if verdict.severity() is None:
        return None
    where = "、".join(f"第 {r['line']} 行" if r.get("line") else f"第 {r.get('page')} 页" for r in rows)
    title = document.tables[row["table"]].get("title") or "项目支出表"
    return {"exact": exact and not any(r.get("uncertain") for r in rows), "tail": verdict.status == TAIL,
            "value": value, "text": f"{title}（{where}）“{printed}” {money(value, form.get('unit'))}",
            "evidence": "；".join(row_evidence(r) for r in rows),
            "places": [place for r in rows for place in cell_places(r, ["total"])]}


def _statement_claim(document: Document, form: dict, statement: dict, key: str) -> dict | None:
    """A narrative figure for the form's project (its subject is the project's name) that
    differs from the form; figures for other years are not this year's amount."""
    if statement.get("amount") is None or name_key(statement.get("subject")) != key or statement.get("code"):
        return None
    if statement.get("year") not in (None, document.year):
        return None
    value = statement["amount"]
    verdict = compare_restated(value, form["amount"], ulp_of_text(statement.get("claim") or "", value.normalize()))
    if verdict.severity() is None:
        return None
    where = f"第 {statement['line']} 行" if statement.get("line") else f"第 {statement.get('page')} 页"
    return {"exact": True, "tail": verdict.status == TAIL, "value": value,
            "text": f"说明（{where}）“{statement['claim']}”", "evidence": statement.get("sentence"),
            "places": record_places(statement)}


@rule("form.overall_amounts", "a 部门整体 form's 基本支出, 项目支出 and 合计 = the expenditure summary's totals")
def overall_amounts(document: Document):
    table = document.table("expenditure_summary")
    total_row = ledger_total(document.rows.get(table["table"], [])) if table else None
    if total_row is None or total_row.get("uncertain"):
        return
    for form in document.forms:
        if form.get("form_kind") != "overall":
            continue
        for subject, value, column in _overall_figures(document, form):
            printed = total_row["values"].get(column)
            if printed is None or value is None:
                continue
            ulp = max(ulp_of_values([value], form.get("unit")), document.ulp(total_row["table"]))
            verdict = compare_restated(value, printed, ulp)
            severity = verdict.severity("warning")
            if severity is None:
                continue
            yield finding(
                severity,
                f"{form_label(form)}{subject} {money(value, form.get('unit'))}，{table.get('title') or '支出总表'}"
                f"合计行 {amount_text(printed)} 万元，{gap(verdict, '万元')}",
                **at_form(form), places=record_places(form) + cell_places(total_row, [column]), subject=subject,
                expected=printed, actual=value, evidence=row_evidence(total_row))


def _overall_figures(document: Document, form: dict):
    """(subject, amount, column of the expenditure summary) a 部门整体 form prints: this
    year's expenditure block on a budget form, the 执行数 and its split on a self-evaluation."""
    if is_self_evaluation(form):
        yield "执行数", form.get("executed"), "total"
        yield "基本支出总额", form.get("basic_expenditure"), "basic"
        yield "项目支出总额", form.get("project_expenditure"), "project"
        return
    current = {p["subject"]: p["amount"] for p in document.priors_of(form["form"])
               if p.get("side") == "expenditure" and p["year"] == document.year}
    for subject, column in ((key_label(column), column) for column in ("total", "basic", "project")):
        if subject in current:
            yield f"支出构成“{subject}”", current[subject], column


@rule("form.narrative", "the narrative's account of a self-evaluation (执行率, 得分, 预算数, 执行数) = the form")
def narrative(document: Document):
    overall = [f for f in document.forms if f.get("form_kind") == "overall" and is_self_evaluation(f)]
    projects = [f for f in document.project_forms() if is_self_evaluation(f)]
    for statement in document.statements:
        if len(overall) == 1 and "整体" in (statement.get("heading") or ""):
            yield from _overall_claim(overall[0], statement)
        # a project's own account names it and says 绩效 / 自评 (城乡医疗救助项目绩效自评综述)
        sentence = statement.get("sentence") or ""
        form = _form_named_in(projects, sentence) if re.search(r"绩效|自评", sentence) else None
        if form is not None:
            yield from _project_claim(form, statement)


def _overall_claim(form: dict, statement: dict):
    text = statement.get("claim") or ""
    sentence = statement.get("sentence") or ""
    before = sentence[:(statement.get("span") or [0])[0]]
    # the department's own rate, not that of 基本支出 / 项目支出 / a project
    if (statement.get("completion_rate") is not None and "执行率" in sentence
            and not re.search(r"基本|项目|人员|公用|三公", before + (statement.get("subject") or ""))):
        yield from _compare_claim(form, statement, "执行率", statement["completion_rate"], form.get("execution_rate"),
                                  "%")
    if statement.get("count") is not None and statement.get("count_unit") == "分":
        subject = statement.get("subject") or ""
        execution, total = form.get("execution_score"), form.get("total_score")
        if "预算执行" in subject:
            yield from _compare_claim(form, statement, "预算执行得分", statement["count"], execution, "分")
        elif re.search(r"共得|总分|综合得分|自评得分", subject + text):
            yield from _compare_claim(form, statement, "总分", statement["count"], total, "分")
        elif "目标" in subject and execution is not None and total is not None:
            yield from _compare_claim(form, statement, "绩效目标得分", statement["count"], total - execution, "分")


def _project_claim(form: dict, statement: dict):
    subject = statement.get("subject") or ""
    if statement.get("amount") is None:
        return
    if "预算数" in subject:
        yield from _compare_claim(form, statement, "预算数", statement["amount"], form.get("budget"), "万元")
    elif subject == "执行数":
        yield from _compare_claim(form, statement, "执行数", statement["amount"], form.get("executed"), "万元")


def _form_named_in(forms: list[dict], sentence: str) -> dict | None:
    """The one form whose project the sentence names (the longest name, when names nest)."""
    folded = name_key(sentence)
    named = [f for f in forms if len(name_key(f.get("name"))) >= 4 and name_key(f.get("name")) in folded]
    named.sort(key=lambda f: -len(name_key(f.get("name"))))
    if not named or (len(named) > 1 and name_key(named[1]["name"]) not in name_key(named[0]["name"])):
        return None
    return named[0]


def _compare_claim(form: dict, statement: dict, what: str, printed: Decimal, source: Decimal | None, unit: str):
    if source is None:
        return
    verdict = compare_restated(printed, source, ulp_of_text(statement.get("claim") or "", printed.normalize()))
    severity = verdict.severity("error")
    if severity is None:
        return
    shown = f"{amount_text(source)}%" if unit == "%" else f"{amount_text(source)} {unit}"
    # a short sentence says more than its claim (执行率100% rather than 100%)
    sentence = (statement.get("sentence") or "").rstrip("。；;")
    quoted = sentence if statement["claim"] in sentence and len(sentence) <= 40 else statement["claim"]
    yield finding(severity, f"说明“{quoted}”，{form_label(form)}{what}为 {shown}",
                  **at_statement(statement), places=record_places(statement) + record_places(form), form=form["form"],
                  subject=what, expected=source, actual=printed, unit=unit, evidence=statement.get("sentence"))


@rule("form.narrative_total", "the narrative's money for the N projects with forms = the sum of those forms")
def narrative_total(document: Document):
    forms = document.project_forms()
    if not forms:
        return
    by_sentence = defaultdict(list)
    for statement in document.statements:
        by_sentence[(statement.get("line"), statement.get("page"), statement.get("sentence"))].append(statement)
    for statements in by_sentence.values():
        count = next((s for s in statements if s.get("count") == len(forms) and s.get("count_unit") == "个"
                      and "项目" in (s.get("subject") or "") + (s.get("claim") or "")), None)
        money_claim = next((s for s in statements if s.get("amount") is not None
                            and re.search(r"资金|金额", s.get("subject") or "")), None)
        if count is None or money_claim is None or "绩效" not in (count.get("sentence") or ""):
            continue
        yield from _compare_total(forms, count, money_claim)


def _compare_total(forms: list[dict], count: dict, claim: dict):
    """The stated money against the forms' amounts (a self-evaluation may state the
    budget or the executed amount: either is right)."""
    sums = {}
    for field in ("amount", "budget", "executed"):
        values = [f.get(field) for f in forms]
        if all(v is not None for v in values):
            sums[field] = sum(values, ZERO)
    if not sums:
        return
    ulp = ulp_of_text(claim.get("claim") or "", claim["amount"].normalize())
    verdicts = {field: compare_restated(claim["amount"], total, ulp) for field, total in sums.items()}
    field, verdict = min(verdicts.items(), key=lambda item: abs(item[1].difference))
    severity = verdict.severity("warning")
    if severity is None:
        return
    what = {"amount": "项目当年预算", "budget": "预算数", "executed": "执行数"}[field]
    yield finding(
        severity,
        f"说明“{count['claim']}，{claim['claim']}”，{len(forms)} 张项目绩效表{what}合计 "
        f"{amount_text(sums[field])} 万元，{gap(verdict, '万元')}",
        **at_statement(claim), places=joined_places(record_places(claim), *(record_places(f) for f in forms)),
        subject=claim.get("subject"), expected=sums[field], actual=claim["amount"],
        evidence=claim.get("sentence"))
