"""Family ``text``: the narrative's figures against the tables and against themselves
(DOMAIN.md §6).

What a statement restates is decided in ``checks/restated.py``: a rule here only compares
when the statement and the table value are certainly the same quantity, the same year
and the same fund, and reports a mismatch only when no printed copy of the value agrees.

An amount the prose states twice differently (基本支出 777.39 in one paragraph, 994.81 in
the next) is reported where it departs from the tables, once per wrong copy; only what
the tables cannot settle — the change on last year — is compared within the prose.
"""

from __future__ import annotations

import re
from collections import defaultdict

from ...names import claim_in_brackets
from ...tables.catalogue import fold
from ...document import Document
from ..codebook import codebook
from ..findings import amount_text, at_statement, finding, gap_text, joined_places, record_places, table_figure
from ..restated import (THREE_PUBLIC_PARENT, core_subject, in_three_public, is_current, is_generic, printed_ulp,
                     statement_three_public_key, table_sources, three_public_adds_up)
from ..registry import rule
from ...tolerance import EQUAL, TAIL, compare_restated, compare_sum

# Lists whose items are the parts of one whole, and pairs of items that are not each
# other's parts: 基本支出 and 项目支出 both itemise the total, not each other.
_PEERS = ({"basic", "project"}, {"personnel", "public"}, {"income", "expenditure"})
_FUND_SCOPES = {"general_budget", "gov_fund", "state_capital"}


def statement_label(statement: dict) -> str:
    """The statement's subject as a reviewer searches for it; a generic subject
    (``预算安排``) with the 类/款/项 heading it sits under."""
    subject = core_subject(statement) or (statement.get("claim") or "")
    if is_generic(statement) and statement.get("topic"):
        topic = fold(statement["topic"])
        topic = re.split(r"[:：]", topic)[-1]
        topic = re.sub(r"^[\d一二三四五六七八九十]+[.、．]|[“”\"]", "", topic)
        return f"{topic}{subject}"
    return subject


@rule("text.table_amount", "an amount the narrative states equals the table line, column or 三公 item it restates")
def table_amount(document: Document):
    for statement in document.statements:
        sources, how = table_sources(document, statement)
        if not sources:
            continue
        amount = statement["amount"]
        verdicts = [(compare_restated(amount, source.value, max(printed_ulp(statement, amount),
                                                                 document.ulp(source.table))), source)
                    for source in sources]
        if any(verdict.status == EQUAL for verdict, _ in verdicts):
            continue
        # the nearest explanation first: a rounding tail of some copy, else the nearest copy
        verdict, source = next(((v, s) for v, s in verdicts if v.status == TAIL),
                               min(verdicts, key=lambda pair: abs(pair[0].difference)))
        # a row whose column split is uncertain, a line found by name alone, or a 三公 table
        # whose own total disagrees with its items may be misread rather than misprinted
        note = ""
        if how == "三公" and not three_public_adds_up(document, statement):
            note = "（该表合计与分项不符，何者有误待核）"
        doubtful = source.uncertain or how == "name" or note
        severity = verdict.severity("warning" if doubtful else "error")
        label = statement_label(statement)
        unit = document.unit_of(source.table)
        as_printed = f"（表中为 {table_figure(document, source.table, source.value)} {unit}）" if unit != "万元" else ""
        yield finding(
            severity,
            f"“{label}”表述为 {amount_text(amount)} 万元，{source.label}为 {amount_text(source.value)} 万元"
            f"{as_printed}，{gap_text(verdict)}{note}",
            **at_statement(statement), places=record_places(statement) + list(source.places),
            table=source.table, row=source.row["index"] if source.row else None,
            code=statement.get("code") or (source.row or {}).get("code"), subject=label,
            expected=source.value, actual=amount, evidence=statement.get("sentence"))


# --- itemised lists --------------------------------------------------------------------

def _kind(document: Document, statement: dict) -> str | None:
    """What a list item measures, for telling parts from peers: a concept, a 三公 item,
    or income/expenditure by the subject's words."""
    if in_three_public(document, statement):
        key = statement_three_public_key(statement)
        if key:
            return key
    concept = statement.get("concept")
    if concept in ("basic", "project", "personnel", "public", "income", "expenditure"):
        return concept
    subject = fold(statement.get("subject") or "")
    if "收入" in subject and "支出" not in subject:
        return "income"
    if "支出" in subject and "收入" not in subject and not statement.get("code"):
        return "expenditure"
    return None


def _heads(members: list[dict]) -> list[dict] | None:
    """The headline amount of each numbered item (an item may hold several claims:
    ``2.公用经费 122.02 万元，比上年增加 30.41 万元…``), when items 1…n all print one."""
    by_number: dict[int, dict] = {}
    numbers = set()
    for member in members:
        number = member.get("item")
        if number is None:
            return None
        numbers.add(number)
        if member.get("amount") is not None and number not in by_number:
            by_number[number] = member
    if numbers != set(range(1, len(numbers) + 1)) or set(by_number) != numbers:
        return None
    return [by_number[n] for n in sorted(by_number)]


# What classifies an amount: its function (a 类/款/项 code), its economic class, or its use
# (基本支出, 人员经费, 项目支出…).
_USES = frozenset({"basic", "project", "personnel", "public", "carry_forward"})


def _mixed_classifications(heads: list[dict]) -> bool:
    """Items that classify the money two ways (``1.按功能：一般公共服务支出… 2.按用途：人员支出…``)
    are two breakdowns of one total, not parts of it."""
    kinds = {head.get("code_kind") if head.get("code_kind") in ("functional", "economic") else
             "use" if head.get("concept") in _USES else None for head in heads}
    return len(kinds - {None}) > 1


def _not_their_whole(parent: dict, heads: list[dict]) -> bool:
    """A head that cannot be the items' whole: one functional 类 (住房保障(类)支出, the last
    line before them) over items of several 类 (一般公共服务支出(类)…行政运行(项), then 社会保障
    和就业支出(类)…), or over items of the economic classification (工资福利支出 …)."""
    own = parent.get("code") if parent.get("code_kind") == "functional" else None
    named = {own} if own else codebook().codes_named(parent.get("subject") or "", 3)
    if not any(code.startswith("2") and len(code) == 3 for code in named):
        return False
    classes = {h["code"][:3] for h in heads if h.get("code_kind") == "functional" and h.get("code")}
    return len(classes) > 1 or any(h.get("code_kind") == "economic" for h in heads)


def _reliable_parent(parent: dict | None) -> bool:
    """A list head the items can be added up to: it prints an amount and is not itself
    a comparison (``由 90 万元下调至 60 万元``) or part of an explanation (``主要原因：…``)."""
    if parent is None or parent.get("amount") is None:
        return False
    if parent.get("basis_amount") is not None and parent.get("direction"):
        return False
    start = (parent.get("span") or [0])[0]
    return "原因" not in (parent.get("sentence") or "")[:start]


def _parts(document: Document, parent: dict, heads: list[dict]) -> tuple[list[dict], bool] | None:
    """The items that are parts of ``parent``, and whether any item was left out as a
    peer or a nested part (``（其中：公务用车购置费…）`` inside 公务用车购置及运行费)."""
    if any(is_generic(h) or h.get("basis_amount") is not None and h.get("direction") for h in heads):
        return None  # budget/actual pairs or moves (由…至…), not parts
    kinds = [_kind(document, h) for h in heads]
    if {"income", "expenditure"} <= set(kinds):
        return None  # 收入… 支出… sections of one paragraph
    parent_kind = _kind(document, parent)
    scopes = {h.get("scope") for h in heads}
    kept = []
    for head, kind in zip(heads, kinds):
        if parent_kind and kind and kind != parent_kind and any({parent_kind, kind} <= peers for peers in _PEERS):
            continue  # 项目支出 listed after 基本支出's 人员经费 and 公用经费
        if kind in THREE_PUBLIC_PARENT and THREE_PUBLIC_PARENT[kind] in kinds:
            continue  # a part of another item
        if kind in THREE_PUBLIC_PARENT and parent_kind in THREE_PUBLIC_PARENT and \
                THREE_PUBLIC_PARENT[kind] != parent_kind:
            continue  # 因公出国 is not a part of 公务接待费
        if head.get("scope") in _FUND_SCOPES and "fiscal" in scopes and parent.get("scope") != "fiscal":
            continue  # the funds of a 财政拨款 item listed beside it
        kept.append(head)
    return kept, len(kept) != len(heads)


_EXPLANATION_RE = re.compile(r"(?:主要)?原因(?:是|为|:|：)")


@rule("text.list_sum", "the items of an itemised list add up to the amount they itemise")
def list_sum(document: Document):
    lists: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for statement in document.statements:
        # ``…,主要原因是新增了…资金1000万元``: an amount explaining an item is not one, nor is
        # the breakdown of an item in brackets after it
        if statement.get("parent") and statement.get("list") and not _EXPLANATION_RE.match(statement["claim"]) \
                and not claim_in_brackets(statement["sentence"], statement["span"][0], statement["claim"]):
            lists[(statement["parent"], statement["list"])].append(statement)
    for (parent_id, _list_id), members in lists.items():
        parent = document.statement(parent_id)
        heads = _heads(members)
        if not _reliable_parent(parent) or not heads or len(heads) < 2 or _mixed_classifications(heads) \
                or _not_their_whole(parent, heads):
            continue
        found = _parts(document, parent, heads)
        if found is None or len(found[0]) < 2:
            continue
        parts, dropped = found
        total = parent["amount"]
        # each figure is known to half its own ulp: the mean ulp gives compare_sum that allowance
        ulps = [printed_ulp(s, s["amount"]) for s in (parent, *parts)]
        verdict = compare_sum(total, [p["amount"] for p in parts], sum(ulps) / len(ulps))
        added = total - verdict.difference
        # far off, or read around a left-out item: the grouping may be the extraction's
        doubtful = dropped or parent.get("topic") or not (total / 2 <= added <= total * 2)
        # items falling short may be the main ones only (三个项级科目 of more): not sure to be wrong
        short = verdict.difference > 0
        severity = verdict.severity("warning" if doubtful or short else "error")
        if severity is None or _itemises_another(document, parent, parts, sum(ulps) / len(ulps)):
            continue
        items = "、".join(f"{statement_label(p)} {amount_text(p['amount'])}" for p in parts)
        yield finding(
            severity,
            f"“{statement_label(parent)}” {amount_text(total)} 万元，其分项（{items}）合计 {amount_text(added)} 万元，"
            f"{gap_text(verdict)}{'（或只列出了主要分项）' if short and severity == 'warning' else ''}",
            **at_statement(parent), places=joined_places(*(record_places(s) for s in (parent, *parts))),
            subject=statement_label(parent), expected=added, actual=total,
            evidence=" / ".join(dict.fromkeys(s.get("sentence") or "" for s in (parent, *parts))))


# How many figures before a list's head may be the whole the list itemises instead.
_WHOLES_BEFORE_HEAD = 8


def _itemises_another(document: Document, parent: dict, parts: list[dict], ulp) -> bool:
    """Whether the items add up to another figure stated just before their head, under the
    same heading (收入预算合计 154,121.76 万元，包括本年收入 154,121.76 万元，上年结转结余 0 万元。其中：
    本年一般公共预算收入…: the list itemises 本年收入, not the 上年结转结余 named last; 财政拨款支出
    预算 16497.86 万元…国有资本经营预算拨款支出预算 0 万元。1.一般公共服务支出(类)…: not the 0)."""
    statements = document.statements
    at = next((i for i, s in enumerate(statements) if s is parent), None)
    if at is None:
        return False
    before = statements[max(0, at - _WHOLES_BEFORE_HEAD):at + 1]
    others = [s for s in before if s is not parent and s.get("heading") == parent.get("heading")
              and s.get("amount") is not None]
    amounts = [p["amount"] for p in parts]
    return any(compare_sum(other["amount"], amounts, ulp).status in (EQUAL, TAIL) for other in others)


# --- one figure stated twice -------------------------------------------------------------

# The 三公 total, its items, 会议费 and 培训费: figures of their own, whatever their amount.
_THREE_PUBLIC_FIGURES = frozenset({"three_public", "meetings", "training", *THREE_PUBLIC_PARENT})

@rule("text.restated_change", "the same amount's change on the same year is stated the same way each time")
def restated_change(document: Document):
    first: dict[tuple, dict] = {}
    for statement in document.statements:
        amount, change = statement.get("amount"), statement.get("change")
        if not amount or change is None or statement.get("direction") not in ("increase", "decrease") \
                or not statement.get("basis_year") or not is_current(document, statement):
            continue
        # 三公 and 会议费 of one amount are two figures, not one stated twice
        item = statement_three_public_key(statement)
        key = (amount, statement.get("code"), statement.get("scope"), item if item in _THREE_PUBLIC_FIGURES else None,
               statement["basis_year"], statement["direction"])
        earlier = first.setdefault(key, statement)
        if earlier is statement:
            continue
        ulp = max(printed_ulp(statement, change), printed_ulp(earlier, earlier["change"]))
        verdict = compare_restated(change, earlier["change"], ulp)
        severity = verdict.severity("warning")
        if severity is None:
            continue
        word = "增加" if statement["direction"] == "increase" else "减少"
        yield finding(
            severity,
            f"“{statement_label(statement)}” {amount_text(amount)} 万元比 {statement['basis_year']} 年{word} "
            f"{amount_text(change)} 万元，而“{statement_label(earlier)}”同为 {amount_text(amount)} 万元，"
            f"比 {earlier['basis_year']} 年{word} {amount_text(earlier['change'])} 万元，{gap_text(verdict)}",
            **at_statement(statement), places=record_places(statement) + record_places(earlier),
            subject=statement_label(statement), expected=earlier["change"],
            actual=change, evidence=f"{earlier.get('sentence')} / {statement.get('sentence')}")
