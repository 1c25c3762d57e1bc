"""Family ``percent``: shares, growth rates and completion rates the document prints,
recomputed from the amounts it prints (DOMAIN.md §6, §8).

Every percentage goes through ``tolerance.compare_percent`` (the interval method): a
printed rate is right when some values of its amounts, within their printed rounding,
give it.  A rate computed from a difference of two printed amounts (``change ÷ (amount −
change)``) is known to within the rounding of both, so its base is given one whole ulp.
"""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal
from typing import NamedTuple

from ...names import names_a_part
from ...narrative.subjects import scope_of
from ...tables.catalogue import fold
from ...tables.columns import column_year, prior_year_key
from ...document import Document
from ..findings import amount_text, at_statement, cell_places, finding, gap_text, joined_places, record_places, tail_note
from ..restated import (ancestors, headline_sources, in_three_public, is_current, names_budget, names_outturn, norm_name,
                        part_sources, percent_ulp, position, printed_ulp, statement_three_public_key, table_sources,
                        three_public_values)
from ..registry import rule
from ...tolerance import EQUAL, HUNDRED, MISMATCH, TAIL, compare_percent, compare_restated, compare_sum, ulp_of_values
from .narrative import statement_label

_UP, _DOWN, _FLAT = "increase", "decrease", "flat"
ZERO = Decimal(0)


class Whole(NamedTuple):
    value: Decimal
    ulp: Decimal
    label: str  # for messages: ``本年支出合计 2940.05 万元``
    kind: str  # share_of | parent | table


def rate(value: Decimal, printed_ulp: Decimal) -> Decimal:
    """A recomputed rate to the printed precision, and to at least two decimals so a
    reviewer sees how far off a whole-number rate is (``75.08``, ``0.60``)."""
    return value.quantize(min(printed_ulp, Decimal("0.01")))


def _percent_literal(statement: dict, value: Decimal) -> str:
    """The percentage as printed, for its precision (``22`` vs ``22.00``)."""
    ulp = percent_ulp(statement, value)
    return format(value.quantize(ulp), "f") if ulp < 1 else format(value.quantize(Decimal(1)), "f")


def _best(verdicts: list):
    """No finding if any reading agrees; else the first rounding tail; else the first."""
    if not verdicts or any(v.status == EQUAL for v, _ in verdicts):
        return None
    return next(((v, w) for v, w in verdicts if v.status == TAIL), verdicts[0])


# --- shares -------------------------------------------------------------------------------

def _statement_whole(document: Document, statement: dict, share_of: str) -> list[Whole]:
    """An earlier statement naming the whole the share is of (``占政府采购支出总额的``)."""
    wanted = norm_name(share_of)
    for earlier in reversed(document.statements[:position(document, statement)]):
        subject = norm_name(earlier.get("subject"))
        if earlier.get("amount") and subject and len(wanted) >= 3 and wanted in subject \
                and not names_a_part(subject, wanted):  # 项目支出预算 is not the 支出预算 of a share
            return [Whole(earlier["amount"], printed_ulp(earlier, earlier["amount"]),
                          f"“{statement_label(earlier)}” {amount_text(earlier['amount'])} 万元", "share_of")]
    return []


def _table_wholes(document: Document, statement: dict, words: str, named: bool = False) -> list[Whole]:
    """The totals a whole's words name: 收入 / 支出 totals, the 三公 total, 基本/项目支出.
    A whole the document names (``named``) has the scope of its own words, else the
    statement's."""
    words = fold(words)
    probe = {"subject": words, "scope": scope_of(words) if named else statement.get("scope"), "concept": None}
    if "三公" in words:
        found = three_public_values(document)
        key = "three_public_actual" if document.kind == "final_account" else "three_public"
        sources = [found[key]] if key in found else []
    elif "项目支出" in words or "基本支出" in words:
        sources = part_sources(document, "project" if "项目支出" in words else "basic", probe["scope"] is None)
    elif "收入" in words or "支出" in words:
        probe["concept"] = "income" if "收入" in words and "支出" not in words else "expenditure"
        sources = headline_sources(document, probe)
    else:
        return []
    return [Whole(s.value, document.ulp(s.table), f"{s.label} {amount_text(s.value)} 万元", "table") for s in sources]


def _share_wholes(document: Document, statement: dict) -> list[Whole]:
    """What a share can be of, preferred first: the whole it names, the amount its list
    itemises, the table total its subject is naturally a part of."""
    wholes: list[Whole] = []
    share_of = statement.get("share_of")
    if share_of:
        wholes += _statement_whole(document, statement, share_of) or _table_wholes(document, statement, share_of, True)
    parent = next(ancestors(document, statement), None)
    if parent is not None and parent.get("amount"):
        wholes.append(Whole(parent["amount"], printed_ulp(parent, parent["amount"]),
                            f"“{statement_label(parent)}” {amount_text(parent['amount'])} 万元", "parent"))
    if share_of:
        return wholes
    # the whole a part is naturally a share of; the prose may mean all funds or one fund
    subject = fold(statement.get("subject") or "")
    if in_three_public(document, statement) and statement_three_public_key(statement) not in (None, "three_public"):
        return wholes + _table_wholes(document, statement, "三公")
    if statement.get("concept") in ("basic", "project") or statement.get("code_kind") == "functional":
        words = "支出"
    elif "收入" in subject or statement.get("concept") in ("income", "other_income", "other_funds"):
        words = "收入"
    else:
        return wholes
    for fund in ("", "一般公共预算", "财政拨款"):
        wholes += _table_wholes(document, statement, fund + words, named=True)
    return wholes


@rule("percent.share", "a share (占 X%) equals its amount over the whole it is a share of")
def share(document: Document):
    for statement in document.statements:
        printed, amount = statement.get("share"), statement.get("amount")
        if printed is None or amount is None:
            continue
        literal = _percent_literal(statement, printed)
        amount_ulp = printed_ulp(statement, amount)
        verdicts = []
        for whole in _share_wholes(document, statement):
            if whole.value < amount and printed <= HUNDRED:
                continue  # no whole of a share printed under 100% is smaller than its part
            verdict = compare_percent(printed, amount, whole.value, max(amount_ulp, whole.ulp), literal)
            if verdict is not None:
                verdicts.append((verdict, whole))
        best = _best(verdicts)
        if best is None:
            continue
        verdict, whole = best
        # a whole the document names is certain; the list head only when a table total agrees
        # (the extraction may hang an item on the wrong head); the table totals only when
        # every copy of them is one value (else the prose may mean another fund's total)
        tables = {w.value for _, w in verdicts if w.kind == "table"}
        confirmed = whole.kind == "share_of" or (whole.kind == "parent" and whole.value in tables) or \
            (whole.kind == "table" and len(tables) == 1)
        severity = verdict.severity("error" if confirmed else "warning")
        ulp = percent_ulp(statement, printed)
        exact = amount / whole.value * HUNDRED
        yield finding(
            severity,
            f"“{statement_label(statement)}” {amount_text(amount)} 万元印为占 {literal}%，"
            f"占{whole.label}应为 {rate(exact, ulp)}%{tail_note(verdict)}",
            **at_statement(statement), subject=statement_label(statement), expected=rate(exact, ulp),
            actual=printed, unit="%", evidence=statement.get("sentence"))


def _change_terms(statement: dict) -> tuple[Decimal, Decimal, Decimal] | None:
    """(change, base, amount ulp) of a statement that prints a change: the base is
    amount ∓ change when the change is printed, else the amount it was compared with
    (``比 2022 年预算执行数 1.48 万元增加…``).  None when the numbers do not allow it."""
    amount, change, basis = statement.get("amount"), statement.get("change"), statement.get("basis_amount")
    direction = statement.get("direction")
    if amount is None or direction not in (_UP, _DOWN):
        return None
    if change is not None:
        # the statement's own change; a basis_amount next to it was found by the extraction
        # in another claim and is not trusted over the sentence's own numbers
        base = amount - change if direction == _UP else amount + change
        ulp = max(printed_ulp(statement, amount), printed_ulp(statement, change))
        return change, base, ulp
    if basis is not None:
        if (direction == _UP) != (amount >= basis):
            return None
        ulp = max(printed_ulp(statement, amount), printed_ulp(statement, basis, statement.get("sentence")))
        return abs(amount - basis), basis, ulp
    return None


def _holds_on_the_tables_amount(document: Document, statement: dict, printed: Decimal, literal: str) -> bool:
    """Whether the rate is right for the amount the tables print, the statement's own amount
    being the misprint (a 总计 printed 0 beside its growth rate): text.table_amount reports
    that amount, and the rate derives no defect of its own."""
    sources, _ = table_sources(document, statement)
    values = {source.value for source in sources} - {statement["amount"]}
    for value in values:
        terms = _change_terms({**statement, "amount": value})
        if terms and terms[1] > 0:
            verdict = compare_percent(printed, terms[0], terms[1], terms[2] * 2, literal)
            if verdict is not None and verdict.severity("error") is None:
                return True
    return False


@rule("percent.change_rate", "a growth or decline rate equals the change over the earlier amount")
def change_rate(document: Document):
    for statement in document.statements:
        printed = statement.get("change_percent")
        terms = _change_terms(statement) if printed is not None else None
        if terms is None or terms[1] <= 0:
            continue  # a zero or negative base: percent.zero_base, percent.change_base
        change, base, ulp = terms
        literal = _percent_literal(statement, printed)
        # the base is a difference of two printed amounts: it is known to one whole ulp
        verdict = compare_percent(printed, change, base, ulp * 2, literal)
        severity = verdict.severity("error") if verdict else None
        if severity is None or _holds_on_the_tables_amount(document, statement, printed, literal):
            continue
        exact = change / base * HUNDRED
        rate_ulp = percent_ulp(statement, printed)
        word = "增长" if statement["direction"] == _UP else "下降"
        yield finding(
            severity,
            f"“{statement_label(statement)}”{word}印为 {literal}%，按变动 {amount_text(change)} 万元 ÷ 基数 "
            f"{amount_text(base)} 万元应为 {rate(exact, rate_ulp)}%{tail_note(verdict)}",
            **at_statement(statement), subject=statement_label(statement), expected=rate(exact, rate_ulp),
            actual=printed, unit="%", evidence=statement.get("sentence"))


@rule("percent.change_base", "a stated increase or decrease agrees in sign with the amounts it compares")
def change_base(document: Document):
    for statement in document.statements:
        amount, change, basis = statement.get("amount"), statement.get("change"), statement.get("basis_amount")
        direction = statement.get("direction")
        if amount is None:
            continue
        label = statement_label(statement)
        if change is not None and direction == _UP and change > amount:
            if any(source.value >= change for source in table_sources(document, statement)[0]):
                continue  # the amount is the misprint (a 总计 of 0): text.table_amount reports it
            # the change must be this claim's own words to be sure it belongs to this amount
            own = amount_text(change) in (statement.get("claim") or "").replace(",", "")
            yield finding(
                "error" if own else "warning",
                f"“{label}” {amount_text(amount)} 万元，却比{statement.get('basis') or '上期'}增加 "
                f"{amount_text(change)} 万元，{statement.get('basis') or '上期'}应为 {amount_text(amount - change)} 万元（负数）",
                **at_statement(statement), subject=label, expected=amount, actual=change,
                evidence=statement.get("sentence"))
        elif change is None and basis is not None and direction in (_UP, _DOWN) and \
                (direction == _UP) != (amount >= basis) and amount != basis:
            word = "增加" if direction == _UP else "减少"
            yield finding(
                "error",
                f"“{label}”由 {amount_text(basis)} 万元变为 {amount_text(amount)} 万元，却表述为{word}",
                **at_statement(statement), subject=label, expected=basis, actual=amount,
                evidence=statement.get("sentence"))
        elif change is None and basis is not None and direction == "flat" and "基本" not in \
                (statement.get("sentence") or ""):
            verdict = compare_restated(amount, basis, printed_ulp(statement, amount))
            severity = verdict.severity("warning")
            if severity:
                yield finding(
                    severity, f"“{label}” {amount_text(amount)} 万元与 {amount_text(basis)} 万元表述为持平，"
                              f"{gap_text(verdict)}",
                    **at_statement(statement), subject=label, expected=basis, actual=amount,
                    evidence=statement.get("sentence"))


@rule("percent.zero_base", "no growth rate is printed against a base of zero")
def zero_base(document: Document):
    for statement in document.statements:
        printed = statement.get("change_percent")
        terms = _change_terms(statement) if printed is not None else None
        if terms is None or terms[1] != 0:
            continue
        if statement.get("amount") == 0 and printed == 0:
            continue  # 0 万元，比上年增加 0 万元，增长 0%: nothing changed, as it says
        yield finding(
            "warning",
            f"“{statement_label(statement)}”上期为 0，增长 {_percent_literal(statement, printed)}% 无从计算"
            f"（宜表述为新增 {amount_text(statement['amount'])} 万元）",
            **at_statement(statement), subject=statement_label(statement), actual=printed, unit="%",
            evidence=statement.get("sentence"))


# --- completion and execution rates --------------------------------------------------------

@rule("percent.completion", "a completion rate (完成年初预算的 X%) equals the outturn over the budget it names")
def completion(document: Document):
    for statement in document.statements:
        printed, amount = statement.get("completion_rate"), statement.get("amount")
        if printed is None or amount is None:
            continue
        basis, basis_ulp = statement.get("basis_amount"), None
        if basis is not None:
            basis_ulp = printed_ulp(statement, basis, statement.get("sentence"))
        elif in_three_public(document, statement) and document.kind == "final_account":
            key = statement_three_public_key(statement)
            budget = three_public_values(document).get(f"{key}_budget") if key else None
            if budget is not None:
                basis, basis_ulp = budget.value, document.ulp(budget.table)
        if basis is None or basis <= 0:
            continue
        literal = _percent_literal(statement, printed)
        verdict = compare_percent(printed, amount, basis, max(printed_ulp(statement, amount), basis_ulp), literal)
        severity = verdict.severity("error") if verdict else None
        if severity is None:
            continue
        ulp = percent_ulp(statement, printed)
        exact = amount / basis * HUNDRED
        yield finding(
            severity,
            f"“{statement_label(statement)}” {amount_text(amount)} 万元，印为完成预算的 {literal}%，"
            f"按预算 {amount_text(basis)} 万元应为 {rate(exact, ulp)}%{tail_note(verdict)}",
            **at_statement(statement), subject=statement_label(statement), expected=rate(exact, ulp),
            actual=printed, unit="%", evidence=statement.get("sentence"))


def _prior_subject(statement: dict) -> tuple[str, str | None] | None:
    """The 近两年收支 line a statement's subject is: (subject, side)."""
    if statement.get("scope") is not None or statement.get("code"):
        return None
    concept = statement.get("concept")
    if concept == "basic":
        return "基本支出", "expenditure"
    if concept == "project":
        return "项目支出", "expenditure"
    subject = fold(statement.get("subject") or "")
    if concept in ("total", "income", "expenditure") or re.search(r"收支总预算|收支总计", subject):
        side = "income" if "收入" in subject and "支出" not in subject else \
            "expenditure" if "支出" in subject and "收入" not in subject else None
        return "合计", side
    return None


def _prior_amounts(document: Document, subject: str, side: str | None) -> dict[int, Decimal]:
    """Year → amount of one line of the 部门整体 form's 近两年收支 block (both sides must
    agree when the subject names neither)."""
    overall = {f["form"] for f in document.forms if f.get("form_kind") == "overall"}
    found: dict[int, set] = defaultdict(set)
    for prior in document.priors:
        if prior["source"] in overall and prior.get("amount") is not None and norm_name(prior["subject"]) == subject \
                and (side is None or prior.get("side") == side):
            found[prior["year"]].add(prior["amount"])
    return {year: amounts.pop() for year, amounts in found.items() if len(amounts) == 1}


def _mean_ulp(statement: dict, prior: Decimal) -> Decimal:
    """The ulp that gives ``compare_sum`` the rounding of amount, change and prior amount,
    each known to half its own last digit."""
    ulps = [printed_ulp(statement, statement["amount"]), printed_ulp(statement, statement["change"]),
            ulp_of_values([prior])]
    return sum(ulps) / len(ulps)


def _signed(statement: dict) -> Decimal:
    return statement["change"] if statement["direction"] == _UP else -statement["change"]


@rule("percent.prior_change", "a change on last year equals the difference from last year's amount on the forms")
def prior_change(document: Document):
    for statement in document.statements:
        if statement.get("change") is None or statement.get("amount") is None or \
                statement.get("direction") not in (_UP, _DOWN) or not document.year or \
                statement.get("basis_year") != document.year - 1 or not is_current(document, statement):
            continue
        line = _prior_subject(statement)
        priors = _prior_amounts(document, *line) if line else {}
        earlier, now = priors.get(document.year - 1), priors.get(document.year)
        if earlier is None or now != statement["amount"]:
            continue  # the form's line is not this statement's quantity
        verdict = compare_sum(statement["amount"], [earlier, _signed(statement)], _mean_ulp(statement, earlier))
        # the forms may print last year's outturn where the prose compares with its budget
        severity = verdict.severity("warning")
        if severity is None:
            continue
        expected = statement["amount"] - earlier
        yield finding(
            severity,
            f"“{statement_label(statement)}” {amount_text(statement['amount'])} 万元比上年"
            f"{'增加' if statement['direction'] == _UP else '减少'} {amount_text(statement['change'])} 万元，"
            f"绩效目标表所列 {document.year - 1} 年“{line[0]}”为 {amount_text(earlier)} 万元，"
            f"按此变动应为 {amount_text(expected)} 万元",
            **at_statement(statement), subject=statement_label(statement), expected=expected,
            actual=_signed(statement), evidence=statement.get("sentence"))


@rule("percent.prior_column", "a change on last year equals the difference from last year's column beside the "
                              "table amount it restates")
def prior_column(document: Document):
    for statement in document.statements:
        if not _on_last_year(document, statement):
            continue
        found = _prior_cell(document, statement)
        if found is None:
            continue
        source, prior_key, earlier = found
        change = _signed(statement) if statement["direction"] != _FLAT else ZERO
        verdict = compare_sum(statement["amount"], [earlier, change], _mean_ulp(statement, earlier))
        severity = verdict.severity("error" if names_budget(statement.get("basis")) else "warning")
        if severity is None:
            continue
        label = statement_label(statement)
        prior_label = f"{document.tables[source.table].get('title') or source.table}" \
                      f"“{document.column_label(source.table, prior_key)}”"
        said = "与上年持平" if statement["direction"] == _FLAT else \
            f"比上年{'增加' if statement['direction'] == _UP else '减少'} {amount_text(statement['change'])} 万元"
        doubt = "" if severity != "warning" else "；文中未说明比较的是上年预算数还是执行数"
        yield finding(
            severity,
            f"“{label}” {amount_text(statement['amount'])} 万元{said}，即上年为 "
            f"{amount_text(statement['amount'] - change)} 万元；{prior_label}为 {amount_text(earlier)} 万元，"
            f"按此应{_move_text(statement['amount'] - earlier)}，{gap_text(verdict)}{doubt}",
            **at_statement(statement), subject=label, expected=statement["amount"] - earlier, actual=change,
            evidence=statement.get("sentence"),
            places=joined_places(record_places(statement), source.places, cell_places(source.row, [prior_key])))


def _move_text(change: Decimal) -> str:
    """``增加 5 万元``, ``减少 5 万元`` or ``持平``."""
    if not change:
        return "持平"
    return f"{'增加' if change > 0 else '减少'} {amount_text(abs(change))} 万元"


def _on_last_year(document: Document, statement: dict) -> bool:
    """A statement of this year's amount and its change on last year, or its being the same."""
    if statement.get("amount") is None or not document.year or not is_current(document, statement) or \
            statement.get("basis_year") != document.year - 1:
        return False
    if statement.get("direction") == _FLAT:
        return not statement.get("change")
    return statement.get("direction") in (_UP, _DOWN) and statement.get("change") is not None


def _prior_cell(document: Document, statement: dict) -> tuple | None:
    """(the table value the statement restates, the key of last year's column beside it,
    last year's amount there): only where the statement's amount is that value, and the
    column is of the year and kind (budget, outturn) the statement compares with."""
    sources, _ = table_sources(document, statement)
    for source in sources:
        if source.key is None or source.uncertain or source.row is None or \
                compare_restated(statement["amount"], source.value, printed_ulp(statement, statement["amount"])).status \
                != EQUAL:
            continue
        prior_key = prior_year_key(source.key)
        earlier = source.row["values"].get(prior_key)
        label = document.column_label(source.table, prior_key)
        if earlier is not None and column_year(label, document.year) == document.year - 1 and \
                names_outturn(label) == names_outturn(statement.get("basis")):
            return source, prior_key, earlier
    return None


@rule("percent.basis_year", "a change is measured against the previous year, not an earlier one")
def basis_year(document: Document):
    for statement in document.statements:
        year = statement.get("basis_year")
        if not year or not document.year or year >= document.year - 1 or year > document.year or \
                (statement.get("change") is None and statement.get("change_percent") is None):
            continue
        label = statement_label(statement)
        message = f"“{label}”与 {year} 年比较，该年既非本年也非上年（{document.year - 1} 年）"
        severity, expected = "warning", None
        line = _prior_subject(statement)
        priors = _prior_amounts(document, *line) if line and statement.get("change") is not None else {}
        previous, printed_year_amount = priors.get(document.year - 1), priors.get(year)
        if previous is not None and printed_year_amount is not None and priors.get(document.year) == \
                statement.get("amount"):
            fits_previous = compare_sum(statement["amount"], [previous, _signed(statement)],
                                        _mean_ulp(statement, previous)).status != MISMATCH
            fits_printed = compare_sum(statement["amount"], [printed_year_amount, _signed(statement)],
                                       _mean_ulp(statement, printed_year_amount)).status != MISMATCH
            if fits_previous and not fits_printed:
                # the change is the difference from last year: the printed year is wrong
                severity, expected = "error", Decimal(document.year - 1)
                message += (f"；绩效目标表 {year} 年“{line[0]}”为 {amount_text(printed_year_amount)} 万元，"
                            f"{document.year - 1} 年为 {amount_text(previous)} 万元，所述变动 "
                            f"{amount_text(statement['change'])} 万元是与 {document.year - 1} 年之差")
        yield finding(
            severity, message, **at_statement(statement), subject=label, expected=expected,
            actual=Decimal(year), unit="年", evidence=statement.get("sentence"))
