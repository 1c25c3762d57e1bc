"""``statement`` records: the numeric claims of the prose, resolved and grouped.

Beyond one sentence (``claims``), a claim needs its paragraph:
- a change printed in the next sentence (``…总计 2995.39 万元。与 2023 年度相比，总计减少
  56.95 万元``) belongs to the amount it follows when it names the same subject;
- claims under a 类/款/项 heading item (``1、一般公共服务支出（类）…（项）。年初预算为…``)
  take that heading as their *topic*, which is what their code resolves from;
- the items of a list (``其中：1.办公费…；2.印刷费…``) are grouped under the claim they
  itemise, so a check can add them up;
- an amount compared with one printed earlier (``比 2022 年预算执行数增加 105.81%``, or
  ``年初预算为 6.52 万元，支出决算为 7.01 万元``) gets that amount as ``basis_amount``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..amounts import to_wan
from .claims import (Claim, apply_modifier, clean_subject, has_modifier, mark_flat, modifier_subject,
                     sentence_claims)
from .prose import Sentence
from .subjects import SubjectIndex

_HAN_NUMBERS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十")
_ITEM_RE = re.compile(
    r"^(?:(?P<digits>\d{1,2})[.、．]|[（(](?P<paren>\d{1,2})[)）]|(?P<han>[一二三四五六七八九十])、|[（(](?P<hanparen>[一二三四五六七八九十])[)）])"
)
_HEADING_STYLES = ("一、", "(一)")
# ``收入包括：`` names its subject without an amount: its items have no total to add up to.
_NO_TOTAL_LEAD_RE = re.compile(r"^[^\d，,；;。]{1,8}包括[:：]")
_LIST_LEAD_RE = re.compile(r"(?:其中|包括|主要用于|具体如下|分别为|分别是|如下|以下方面)[:：]?$")
_TOPIC_RE = re.compile(r"[（(](?:类|款|项)[)）]")
_BUDGET_SUBJECT_RE = re.compile(r"预算(?:数|安排)?$")
_ACTUAL_SUBJECT_RE = re.compile(r"决算(?:数)?$|执行数$|支出决算$|实际支出$")
_YEAR_RE = re.compile(r"(20\d{2})年")


@dataclass
class _Placed:
    claim: Claim
    sentence: Sentence
    topic: str | None
    item: tuple[int, str] | None = None  # (sentence index, enumerator) of the item it sits in
    list_id: str | None = None
    number: int | None = None  # its item's number in the list
    parent: int | None = None  # index of the claim this one itemises


def statement_records(doc: str, sentences: list[Sentence], index: SubjectIndex, report_year: int | None) -> list[dict]:
    placed = _place(sentences)
    _group_lists(placed)
    return [_record(doc, number, entry, placed, index, report_year) for number, entry in enumerate(placed)]


def _place(sentences: list[Sentence]) -> list[_Placed]:
    placed: list[_Placed] = []
    topic, topic_paragraph, item = None, None, None
    for index, sentence in enumerate(sentences):
        numbered = _ITEM_RE.match(sentence.text)
        if sentence.paragraph != topic_paragraph or numbered:
            topic, topic_paragraph = None, sentence.paragraph
            # a numbered item's later sentences stay in its item (``1、…（项）。年初预算为…``);
            # a heading alone on its line (``（二）人员情况``) does not make its paragraph one item
            alone = not sentence.text.endswith(tuple("。！？；;!?"))
            item = (index, numbered.group()) if numbered and not alone else None
        if _TOPIC_RE.search(sentence.text):
            topic = sentence.text[:sentence.text.rfind("）" if "）" in sentence.text else ")") + 1]
        claims, orphans = sentence_claims(sentence.text)
        first = claims[0].start if claims else len(sentence.text)
        late = []
        for figure, role, match in orphans:
            # a modifier before the sentence's own claims continues the previous sentence
            earlier = _same_paragraph(placed, sentence) if figure.start < first else None
            subject = modifier_subject(sentence.text, figure, match)
            if earlier and (not subject or subject in earlier.claim.subject or earlier.claim.subject in subject) \
                    and not has_modifier(earlier.claim, role, figure.kind):
                apply_modifier(earlier.claim, figure, role, match, sentence.text)
                continue
            claim = Claim(start=figure.start, end=figure.end, subject=subject or clean_subject(topic or ""))
            apply_modifier(claim, figure, role, match, sentence.text)
            late.append(claim)
        for claim in sorted(claims + late, key=lambda c: c.start):
            placed.append(_Placed(claim, sentence, topic, item))
        if not claims and not orphans and placed and placed[-1].sentence.paragraph == sentence.paragraph:
            mark_flat(placed[-1].claim, sentence.text)  # ``决算数与预算数基本持平。``
    return placed


def _same_paragraph(placed: list[_Placed], sentence: Sentence) -> _Placed | None:
    if placed and placed[-1].sentence.paragraph == sentence.paragraph:
        return placed[-1]
    return None


@dataclass
class _List:
    id: str
    style: str | None  # "1." / "(1)" / "一、"…, None for the items after ``其中：``
    parent: int | None
    last: int


def _group_lists(placed: list[_Placed]) -> None:
    """Group enumerated items (``1.办公费…；2.印刷费…``, nested ``(1)`` inside ``1.``) and
    the items after ``其中：`` into lists under the claim they itemise."""
    stack: list[_List] = []
    count = 0
    for position, entry in enumerate(placed):
        previous = placed[position - 1] if position else None
        first_in_item = previous is None or (
            entry.sentence is not previous.sentence and (entry.item is None or entry.item != previous.item))
        enumerated = _enumeration(entry.claim.enumerator or (entry.item[1] if entry.item and first_in_item else ""))
        if previous is None or previous.sentence.paragraph != entry.sentence.paragraph:
            # headings ``（一）…（二）…`` itemise across paragraphs; other lists end with theirs
            stack = [x for x in stack if x.style in _HEADING_STYLES] if enumerated and enumerated[0] in _HEADING_STYLES else []
        if enumerated:
            style, number = enumerated
            while stack and number != 1 and not (stack[-1].style == style and number == stack[-1].last + 1):
                stack.pop()
            if number == 1 or not stack:
                count += 1
                stack.append(_List(f"L{count}", style, _parent(placed, position), number))
            stack[-1].last = number
        elif _LIST_LEAD_RE.search(entry.claim.lead):
            count += 1
            stack.append(_List(f"L{count}", None, _parent(placed, position), 1))
        elif stack and "原因" in entry.sentence.text[:entry.claim.start]:
            continue  # an explanation inside an item (``主要原因：增加事业编 9 人``) is not an item
        elif stack and stack[-1].style is None:
            if previous is not None and _continues_list(previous, entry):
                stack[-1].last += 1
            else:
                while stack and stack[-1].style is None:
                    stack.pop()
                continue
        if stack:
            entry.list_id, entry.parent, entry.number = stack[-1].id, stack[-1].parent, stack[-1].last


def _enumeration(text: str) -> tuple[str, int] | None:
    match = _ITEM_RE.match(text)
    if not match:
        return None
    if match["digits"] or match["paren"]:
        return ("(1)" if match["paren"] else "1."), int(match["digits"] or match["paren"])
    if match["han"]:
        return "一、", _HAN_NUMBERS.index(match["han"]) + 1
    return "(一)", _HAN_NUMBERS.index(match["hanparen"]) + 1


def _parent(placed: list[_Placed], position: int) -> int | None:
    """The claim a list itemises: the last one before it in the paragraph that measures
    the same kind of thing and is not itself part of an explanation (``主要原因：…``)."""
    entry = placed[position]
    if _NO_TOTAL_LEAD_RE.search(entry.sentence.text[:entry.claim.start] or ""):
        return None
    money = entry.claim.amount is not None
    across = _enumeration(entry.claim.enumerator or entry.sentence.text)
    across = across is not None and across[0] in _HEADING_STYLES
    for index in range(position - 1, -1, -1):
        earlier = placed[index]
        if earlier.sentence.paragraph != entry.sentence.paragraph and not across:
            return None
        if (earlier.claim.amount is not None) != money or "原因" in earlier.claim.lead[-20:]:
            continue
        if earlier.sentence.paragraph != entry.sentence.paragraph and earlier.list_id is not None:
            continue  # an item of an earlier list does not head a list of headings
        return index
    return None


def _continues_list(previous: _Placed, entry: _Placed) -> bool:
    if entry.sentence is previous.sentence or (entry.item is not None and entry.item == previous.item):
        return True
    return previous.sentence.text.endswith(("；", ";"))


def _record(doc: str, number: int, entry: _Placed, placed: list[_Placed], index: SubjectIndex,
            report_year: int | None) -> dict:
    claim, sentence = entry.claim, entry.sentence
    resolved = index.resolve(claim.subject, entry.topic)
    year = _YEAR_RE.search(claim.subject) or _YEAR_RE.search(claim.lead[-12:])
    basis_amount = _basis_amount(placed, number)
    unit = claim.unit
    return {
        "type": "statement",
        "doc": doc,
        "id": f"s{number + 1}",
        "page": sentence.page,
        "line": sentence.line,
        "line_end": sentence.line_end,
        "heading": sentence.heading or None,
        "sentence": sentence.text,
        "span": [claim.start, claim.end],
        "claim": sentence.text[claim.start:claim.end],
        "subject": claim.subject or None,
        "topic": entry.topic,
        **resolved,
        "year": int(year.group(1)) if year else None,
        "amount": to_wan(claim.amount, unit) if claim.amount is not None else None,
        "unit": unit,
        "count": claim.count,
        "count_unit": claim.count_unit,
        "share": claim.share,
        "share_of": claim.share_of,
        "change": to_wan(claim.change, unit or "万元") if claim.change is not None else None,
        "change_percent": claim.change_percent,
        "direction": claim.direction,
        "basis": claim.basis,
        "basis_year": _basis_year(claim.basis, report_year),
        "basis_amount": basis_amount,
        "completion_rate": claim.completion_rate,
        "completion_basis": claim.completion_basis,
        "list": entry.list_id,
        "item": entry.number,
        "parent": f"s{entry.parent + 1}" if entry.parent is not None else None,
    }


def _basis_amount(placed: list[_Placed], number: int):
    """The earlier amount this claim is compared with, when the paragraph prints it."""
    entry = placed[number]
    claim = entry.claim
    if claim.moved_from is not None:  # ``由 500 万元增加至 600 万元``
        return to_wan(*claim.moved_from)
    for earlier in reversed(placed[max(0, number - 3):number]):
        if earlier.sentence.paragraph != entry.sentence.paragraph or earlier.claim.amount is None:
            continue
        if claim.basis and earlier.claim.subject and _same_quantity(claim.basis, earlier.claim.subject):
            return to_wan(earlier.claim.amount, earlier.claim.unit)
    previous = placed[number - 1] if number else None
    if previous is not None and previous.sentence is entry.sentence and previous.claim.amount is not None \
            and _ACTUAL_SUBJECT_RE.search(claim.subject) and _BUDGET_SUBJECT_RE.search(previous.claim.subject):
        return to_wan(previous.claim.amount, previous.claim.unit)
    return None


def _same_quantity(basis: str, subject: str) -> bool:
    """``2022年预算执行数`` (a basis) names ``当年预算执行数`` (an earlier subject)."""
    core = _YEAR_RE.sub("", basis).strip("()（）")
    return bool(core) and len(core) >= 2 and (subject.endswith(core) or core.endswith(subject))


def _basis_year(basis: str | None, report_year: int | None) -> int | None:
    if not basis:
        return None
    year = _YEAR_RE.search(basis)
    if year:
        return int(year.group(1))
    if report_year and re.match(r"^上年|^去年", basis):
        return report_year - 1
    return None
