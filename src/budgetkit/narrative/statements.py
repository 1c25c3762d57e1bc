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
from ..names import han_number, names_a_part
from ..sources import box_record
from .claims import (Claim, apply_modifier, clean_subject, has_modifier, mark_flat, modifier_subject,
                     sentence_claims)
from .prose import Sentence
from .subjects import SubjectIndex

_ITEM_RE = re.compile(
    r"^(?:(?P<digits>\d{1,2})[.、．]|[（(](?P<paren>\d{1,2})[)）]|(?P<han>[一二三四五六七八九十]{1,3})、"
    r"|[（(](?P<hanparen>[一二三四五六七八九十]{1,3})[)）])"
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
    # (sentence index, enumerator, whether it is a heading alone naming a 类/款/项) of the
    # item it sits in
    item: tuple[int, str, bool] | None = None
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
            # a heading alone on its line (``（二）人员情况``) does not make its paragraph one
            # item, unless it names a 类/款/项 whose amount the paragraph prints
            # (``（一）公共安全支出（类）`` / ``检察（款）：…合计 16,444.36 万元``)
            alone = not sentence.text.endswith(tuple("。！？；;!?"))
            names_line = alone and bool(_TOPIC_RE.search(sentence.text))
            item = (index, numbered.group(), names_line) if numbered and (not alone or names_line) else None
        if _TOPIC_RE.search(sentence.text):
            topic = sentence.text[:sentence.text.rfind("）" if "）" in sentence.text else ")") + 1]
        claims, orphans = sentence_claims(sentence.text)
        previous = _same_paragraph(placed, sentence)
        # 包括 A 100 万元，B 200 万元，C 300 万元。比上年增加…: said of the whole, not of the
        # last item (a pair, 年初预算 6.26 万元，支出决算 6.26 万元。完成…, is no list)
        listed = previous is not None and sum(1 for p in placed if p.sentence is previous.sentence
                                              and p.claim.amount is not None) > 2
        late = _place_orphans(sentence.text, orphans, claims, previous.claim if previous else None, topic, listed)
        for claim in sorted(claims + late, key=lambda c: c.start):
            placed.append(_Placed(claim, sentence, topic, item))
        if not claims and not orphans and placed and placed[-1].sentence.paragraph == sentence.paragraph:
            mark_flat(placed[-1].claim, sentence.text)  # ``决算数与预算数基本持平。``
    return placed


def _place_orphans(text: str, orphans: list, claims: list[Claim], previous: Claim | None,
                   topic: str | None, listed: bool = False) -> list[Claim]:
    """Modifiers that found no anchor in their sentence: each continues the change just read
    from the sentence (``…经费比2023年减少0.02万元,下降10.00%``) or, before the sentence's
    own claims, the previous sentence's claim when it names the same thing (a change
    without a subject, when that sentence states one amount, not a list of them:
    ``listed``); otherwise it is a claim of its own."""
    first = claims[0].start if claims else len(text)
    late: list[Claim] = []
    for figure, role, match in orphans:
        if late and "原因" not in text[late[-1].end:figure.start]:
            earlier = late[-1]
        else:
            earlier = previous if figure.start < first else None
        subject = modifier_subject(text, figure, match)
        if earlier is previous and listed and not subject and role == "change":
            earlier = None
        if earlier and (not subject or _names_same(subject, earlier.subject)) \
                and not has_modifier(earlier, role, figure.kind):
            apply_modifier(earlier, figure, role, match, text)
            continue
        subject = subject or clean_subject(topic or "") or _rate_name(role, match)
        claim = Claim(start=figure.start, end=figure.end, subject=subject)
        apply_modifier(claim, figure, role, match, text)
        late.append(claim)
    return late


def _names_same(subject: str, earlier: str) -> bool:
    """A change's subject names the amount before it: ``财政拨款支出`` the ``2018年财政拨款
    预算支出``, ``收、支总计`` the ``收、支总预算`` (years, 预算/决算 and the word for a
    total aside)."""
    if names_a_part(earlier, subject):
        return False  # 2026年预算比2025年预算增加… is not said of the 项目支出预算 before it
    if subject in _BARE_WHOLES and _core_name(earlier) not in _BARE_WHOLES:
        return False  # 支出比2025年增加… is not said of the 住房保障支出 listed last before it
    if subject in earlier or earlier in subject:
        return True
    core, earlier_core = _core_name(subject), _core_name(earlier)
    return bool(core) and bool(earlier_core) and (core in earlier_core or earlier_core in core)


# A whole named by a word alone, not by the item it would be found in.
_BARE_WHOLES = frozenset({"收入", "支出", "收支", "总", "", "收入总", "支出总"})


def _core_name(subject: str) -> str:
    return re.sub(r"总计|合计|总额|总", "总", re.sub(r"\d{4}年度?|预算|决算|数$", "", subject))


def _rate_name(role: str, match: re.Match | None) -> str:
    """``执行率 100%`` with nothing before it: the rate is its own subject."""
    rate = re.search(r"执行率|完成率", match.group()) if role == "completion" and match else None
    return rate.group() if rate else ""


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
    # ``1、…；2、…。``: items that end in ； close the list with the item that ends in 。,
    # so the sentences after it are no longer part of the last item
    semicolons: bool = False
    closed: bool = False

    def add(self, number: int, entry: _Placed) -> None:
        self.last = number
        printed = entry.claim.enumerator is not None  # numbered in its own sentence, not by a heading
        text = entry.sentence.text
        self.closed = printed and self.semicolons and text.endswith("。")
        self.semicolons = printed and text.endswith(("；", ";"))


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
            if _opens_list(stack, style, number):
                count += 1
                stack.append(_List(f"L{count}", style, _parent(placed, position, style), number))
            stack[-1].add(number, entry)
        elif _LIST_LEAD_RE.search(entry.claim.lead):
            count += 1
            stack.append(_List(f"L{count}", None, _parent(placed, position, None), 1))
        elif stack and "原因" in entry.sentence.text[:entry.claim.start]:
            continue  # an explanation inside an item (``主要原因：增加事业编 9 人``) is not an item
        elif stack and stack[-1].closed and entry.sentence is not previous.sentence:
            continue  # ``1、…；2、…。信息化建设…``: after the list, not in its last item
        elif stack and stack[-1].style is None:
            if previous is not None and _continues_list(previous, entry):
                if entry.claim.amount is None and entry.claim.count is None:
                    continue  # a change alone after an item's breakdown (``…）比上年增加0万元``) is no item
                stack[-1].last += 1
            else:
                while stack and stack[-1].style is None:
                    stack.pop()
                continue
        if stack:
            entry.list_id, entry.parent, entry.number = stack[-1].id, stack[-1].parent, stack[-1].last


def _opens_list(stack: list[_List], style: str, number: int) -> bool:
    """Close the open lists an item numbered ``number`` in ``style`` ends; whether the item
    opens a list of its own.  An item whose style no open list has starts a nested list,
    even when its first items printed no figure (``其中：(1)2018年无公务用车购置预算安排。
    (2)…``); a later number of an open list continues it past items without a figure."""
    nested = not any(x.style == style for x in stack)
    while stack and not nested and number != 1 and not (stack[-1].style == style and number > stack[-1].last):
        stack.pop()
    return number == 1 or nested or not stack


def _enumeration(text: str) -> tuple[str, int] | None:
    match = _ITEM_RE.match(text)
    if not match:
        return None
    if match["digits"] or match["paren"]:
        return ("(1)" if match["paren"] else "1."), int(match["digits"] or match["paren"])
    if match["han"]:
        return "一、", han_number(match["han"])
    return "(一)", han_number(match["hanparen"])


def _parent(placed: list[_Placed], position: int, style: str | None) -> int | None:
    """The claim a list itemises: the last one before it in the paragraph that measures
    the same kind of thing and is not itself part of an explanation (``主要原因：…``);
    items numbered as headings (``（一）``) may itemise one of an earlier paragraph."""
    entry = placed[position]
    if _NO_TOTAL_LEAD_RE.search(entry.sentence.text[:entry.claim.start] or ""):
        return None
    money = entry.claim.amount is not None
    printed = _enumeration(entry.claim.enumerator or entry.sentence.text)
    across = style in _HEADING_STYLES and (
        (printed is not None and printed[0] in _HEADING_STYLES) or (entry.item is not None and entry.item[2]))
    for index in range(position - 1, -1, -1):
        earlier = placed[index]
        if earlier.sentence.paragraph != entry.sentence.paragraph and not across:
            return None
        if (earlier.claim.amount is not None) != money or "原因" in earlier.claim.lead[-20:]:
            continue
        if earlier.claim.amount is None and earlier.claim.count is None:
            continue  # a rate or a change alone (``执行率 100%``) is not a total to itemise
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
    # ``2023年度收、支总计…``: the year opens the claim, before the subject it goes with
    year = _YEAR_RE.search(claim.subject) or _YEAR_RE.match(sentence.text, claim.start) \
        or _YEAR_RE.search(claim.lead[-12:])
    basis_amount = _basis_amount(placed, number)
    unit = claim.unit
    return {
        "type": "statement",
        "doc": doc,
        "id": f"s{number + 1}",
        "page": sentence.page,
        "line": sentence.line,
        "line_end": sentence.line_end,
        "bbox": box_record(sentence.box),
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
        "change": to_wan(claim.change, claim.change_unit or unit or "万元") if claim.change is not None else None,
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
    """``2022年预算执行数`` (a basis) names ``当年预算执行数`` (an earlier subject); a bare
    ``2025年预算`` names no earlier amount (``政府性基金拨款支出预算0万元,与2025年预算持平`` after
    ``一般公共预算拨款支出预算19,302万元``)."""
    core = _YEAR_RE.sub("", basis).strip("()（）")
    if core in _BARE_BASES:
        return False
    return len(core) >= 2 and (subject.endswith(core) or core.endswith(subject))


_BARE_BASES = frozenset({"", "预算", "决算", "预算数", "决算数", "上年", "上年预算", "上年决算"})


def _basis_year(basis: str | None, report_year: int | None) -> int | None:
    if not basis:
        return None
    year = _YEAR_RE.search(basis)
    if year:
        return int(year.group(1))
    if report_year and re.match(r"^上年|^去年", basis):
        return report_year - 1
    return None
