"""Numeric claims in a sentence: ``基本支出 994.81 万元，占 30.22%，比上年增加 12 万元``.

A sentence is read as a sequence of figures.  A figure is an *anchor* (an amount of
money or a count, the thing being claimed) or a *modifier* of the anchor before it:
a change (``增加 181.08 万元``, ``增长 5.82%``), a share (``占 30.22%``) or a completion
rate (``完成年初预算的 107.5%``).  What kind a figure is depends only on the words
printed right before it, so percentages that are none of these (``参保率达 95%以上`` in a
goal) never become claims, and neither do dates, years or document numbers, which carry
no money or count unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

_NUM = r"(?<![\d.,])-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
COUNT_UNITS = ("万人次", "万人", "万名", "万册", "万份", "万户", "人次", "人", "名", "个", "辆", "项", "台", "套",
               "家", "户", "场", "期", "篇", "件", "份", "所", "处", "批次", "批", "张", "册", "条", "间", "座",
               "栋", "平方米", "m2", "亩", "种", "次", "分")  # ㎡ reads m2 once folded
_FIGURE_RE = re.compile(
    rf"(?P<num>{_NUM})(?:余|多)?(?:(?P<money>亿元|万元|千元|元|万(?![人次个件份名户家元册]))|(?P<percent>%)|(?P<count>{'|'.join(COUNT_UNITS)}))"
)
_INCREASE = "增加|增长|上升|提高|增|多"
_DECREASE = "减少|下降|降低|(?<![扣核缩])减|少|节约|节省"
_CHANGE_BEFORE_RE = re.compile(rf"(?P<word>{_INCREASE}|{_DECREASE}|增幅|降幅|增长率|下降率)(?:了|为|幅度为)?$")
_SHARE_BEFORE_RE = re.compile(r"占(?P<of>[^，,；;。%占]{0,30}?)(?:的)?(?:比重|比例|比)?(?:为|达)?$|(?:占比|比重|所占比例)(?:为|达)?$")
_COMPLETION_BEFORE_RE = re.compile(
    r"(?:完成|达到|为)(?P<basis>(?:年初|全年|调整后)?预算(?:数)?|[^，,；;。]{0,12}?预算数?)的$|执行率(?:为|达|达到)?$|完成率(?:为|达)?$"
)
# ``由 500 万元增加至 600 万元``: the first is the old amount, the second the claim.
_FROM_BEFORE_RE = re.compile(r"(?:由|从)$")
_TO_BEFORE_RE = re.compile(rf"(?P<word>{_INCREASE}|{_DECREASE}|上调|下调|调增|调减|调整)(?:至|到)$")
_FLAT_RE = re.compile(r"持平|相同|一致|无变化|没有变化|未发生变化")
_BASIS_RE = re.compile(
    rf"(?:比|较)(?P<basis>[^，,；;。比较]{{0,24}}?)(?:相比)?(?:[,，])?(?:{_INCREASE}|{_DECREASE}|持平)"
    r"|与(?P<basis2>[^，,；;。与]{0,24}?)(?:相比|比较|持平)|(?P<yoy>同比)"
)
# Words between a subject and its amount that are not part of the subject.
_SUBJECT_TAIL_RE = re.compile(r"(?:为|是|共|达|达到|约|近|累计|计为|总计为|合计为|共计|总额为|金额为)+$")
_ENUMERATOR_RE = re.compile(
    r"^(?:\d{1,2}[.、．)）]|[（(]\d{1,2}[)）]|[一二三四五六七八九十]+是|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])"
)
_SUBJECT_HEAD_RE = re.compile(
    r"^[（(]|^(?:其中|另外|此外|包括|主要用于|主要是|具体为|分别为|分别是|即)[:：]?|^(?:\d{4}年度?|全年)(?!度)"
)
_ITEM_LEAD_RE = re.compile(r"^(?:其中|.{0,12}?(?:主要用于|用于|包括|分别为))[:：]?(?=[(（]\d|\d{1,2}[.、．]|$)")
_CHANGE_WORD_END_RE = re.compile(rf"(?:{_INCREASE}|{_DECREASE})$")
_CLAUSE_BREAK = "，,；;：:。、！？!?"


@dataclass
class Figure:
    kind: str  # "money" | "count" | "percent"
    value: Decimal
    unit: str
    start: int
    end: int


@dataclass
class Claim:
    """One anchor figure and what the sentence says about it."""

    start: int
    end: int
    subject: str = ""
    enumerator: str | None = None
    amount: Decimal | None = None
    unit: str | None = None
    count: Decimal | None = None
    count_unit: str | None = None
    share: Decimal | None = None
    share_of: str | None = None
    change: Decimal | None = None
    change_percent: Decimal | None = None
    direction: str | None = None
    basis: str | None = None
    completion_rate: Decimal | None = None
    completion_basis: str | None = None
    lead: str = ""  # the text before the subject in its clause (``其中：``)
    moved_from: tuple[Decimal, str] | None = None  # (amount, unit) of ``由 500 万元增加至…``


def figures(text: str) -> list[Figure]:
    found = []
    for match in _FIGURE_RE.finditer(text):
        before = text[max(0, match.start() - 1):match.start()]
        if before == "第":  # 第3次 is an ordinal, not a count
            continue
        kind = "money" if match["money"] else "percent" if match["percent"] else "count"
        unit = match["money"] or match["percent"] or match["count"]
        unit = "万元" if unit == "万" else unit  # ``咨询费 5 万``
        value = Decimal(match["num"].replace(",", ""))
        found.append(Figure(kind, value, unit, match.start(), match.end()))
    return found


def sentence_claims(text: str) -> tuple[list[Claim], list[tuple[Figure, str, re.Match]]]:
    """The anchors of a sentence with the modifiers that follow them, and the modifiers
    that found no anchor in the sentence (the caller may attach them to an earlier one)."""
    claims: list[Claim] = []
    orphans: list[tuple[Figure, str, re.Match]] = []
    pending_from: Figure | None = None  # ``由 500 万元`` waiting for its ``增加至 600 万元``
    for figure in figures(text):
        before = _clause_before(text, figure.start)
        role, match = _role(figure, before)
        if role == "anchor":
            claim = _anchor(text, figure, before)
            if not claim.subject and claims and not text[claims[-1].end:claim.start].strip("、,，和及"):
                claim.subject = claims[-1].subject  # ``长期投资 0 项、0 万元``
            claims.append(claim)
        elif role == "from":
            pending_from = figure
        elif role == "to" and pending_from is not None:
            claims.append(_moved(text, pending_from, figure, match))
            pending_from = None
        elif role is not None:
            current = claims[-1] if claims else None
            if current is not None and _attaches(text, current, figure, role):
                apply_modifier(current, figure, role, match, text)
            else:
                orphans.append((figure, role, match))
    _apply_flat(text, claims)
    return claims, orphans


def apply_modifier(claim: Claim, figure: Figure, role: str, match: re.Match, text: str) -> None:
    if role == "change":
        word = match["word"]
        direction = "increase" if re.fullmatch(rf"{_INCREASE}|增幅|增长率", word) else "decrease"
        claim.direction = claim.direction or direction
        if figure.kind == "percent":
            claim.change_percent = figure.value
        else:
            claim.change = figure.value
        claim.basis = claim.basis or basis_of(text[:figure.start])
    elif role == "share":
        claim.share = figure.value
        of = (match.groupdict().get("of") or "").strip()
        claim.share_of = of or None
    elif role == "completion":
        claim.completion_rate = figure.value
        claim.completion_basis = (match.groupdict().get("basis") or "").strip() or None
    claim.end = max(claim.end, figure.end)


def modifier_subject(text: str, figure: Figure, match: re.Match) -> str:
    return _modifier_subject(_clause_before(text, figure.start), match)


def _role(figure: Figure, before: str) -> tuple[str | None, re.Match | None]:
    if figure.kind != "percent":
        moved = _TO_BEFORE_RE.search(before)
        if moved:
            return "to", moved
        if _FROM_BEFORE_RE.search(before):
            return "from", None
    for role, pattern in (("change", _CHANGE_BEFORE_RE), ("share", _SHARE_BEFORE_RE),
                          ("completion", _COMPLETION_BEFORE_RE)):
        match = pattern.search(before)
        if match and (figure.kind == "percent" or (role == "change" and figure.kind == "money")):
            return role, match
    if figure.kind == "percent":
        return None, None  # a bare percentage is a target or a rate, not a claim
    return "anchor", None


def _anchor(text: str, figure: Figure, before: str) -> Claim:
    claim = Claim(start=figure.start - len(before), end=figure.end)
    if figure.kind == "money":
        claim.amount, claim.unit = figure.value, figure.unit
    else:
        claim.count, claim.count_unit = figure.value, figure.unit
    lead = _ITEM_LEAD_RE.match(before)  # ``项目支出主要用于(1)城乡医疗救助``
    if lead:
        before = before[lead.end():]
    change = _CHANGE_WORD_END_RE.search(before) if figure.kind == "count" else None
    if change:  # ``减少 2 名``: a count that changed
        claim.direction = "increase" if re.fullmatch(_INCREASE, change.group()) else "decrease"
        before = before[:change.start()]
    claim.enumerator, before = _split_enumerator(before)
    if claim.enumerator is None:  # ``1.住房公积金(项):支出…``: the number opens the segment
        claim.enumerator = _split_enumerator(_segment_before(text, claim.start))[0]
    claim.subject = clean_subject(before)
    if figure.kind == "count":
        claim.subject += _noun_after(text, figure.end)  # ``包括 19 个内设机构``
    claim.lead = text[:claim.start] + (lead.group() if lead else "")
    return claim


def _split_enumerator(text: str) -> tuple[str | None, str]:
    """``2.印刷费`` → (``2.``, ``印刷费``)."""
    enumerator = _ENUMERATOR_RE.match(text)
    return (enumerator.group(), text[enumerator.end():]) if enumerator else (None, text)


def _segment_before(text: str, position: int) -> str:
    """The text since the last comma or stop: ``1.住房公积金(项):`` before ``支出…``."""
    start = max(text.rfind(mark, 0, position) for mark in "，,；;。") + 1
    return text[start:position]


def _noun_after(text: str, position: int) -> str:
    noun = re.match(r"[\u4e00-\u9fff]{1,10}", text[position:])
    if not noun or re.match(r"[的是为和及与等]|其中", noun.group()):
        return ""
    return noun.group()


def _moved(text: str, old: Figure, new: Figure, match: re.Match) -> Claim:
    """``X 由 500 万元增加至 600 万元``: amount 600, basis amount 500, the printed direction."""
    before = _clause_before(text, old.start)
    claim = _anchor(text, new, "")
    claim.start = old.start - len(before)
    claim.enumerator, before = _split_enumerator(re.sub(r"(?:由|从)$", "", before))
    claim.subject = clean_subject(before)
    claim.direction = "decrease" if re.match(_DECREASE + "|下调|调减", match["word"]) else "increase"
    claim.moved_from = (old.value, old.unit)
    return claim


def clean_subject(text: str) -> str:
    subject = _unquote(text.strip())
    for _ in range(3):  # heads stack: 其中：2023年…
        stripped = _SUBJECT_HEAD_RE.sub("", subject)
        if stripped == subject:
            break
        subject = stripped
    subject = _SUBJECT_TAIL_RE.sub("", subject)
    return _unquote(subject.strip())


def _unquote(text: str) -> str:
    """``“办公费”`` → ``办公费``; a quote that opens a term (``“三公”经费``) stays."""
    if len(text) > 1 and text[0] in "“\"" and text[-1] in "”\"" and text.count("“") + text.count("\"") <= 2:
        return text[1:-1]
    return text


def _modifier_subject(before: str, match: re.Match | None) -> str:
    """What a change names as its subject: ``人员经费`` in ``人员经费比上年增加 5 万元``."""
    head = before[:match.start()] if match else before
    head = re.split(r"比|较|与|同比", head)[0]
    return clean_subject(re.sub(r"各$", "", head))


def _attaches(text: str, claim: Claim, figure: Figure, role: str) -> bool:
    """A modifier in the anchor's sentence belongs to it, unless an explanation comes
    between them (``主要原因是人员经费增加 5 万元``) or the anchor already has one."""
    return "原因" not in text[claim.end:figure.start] and not has_modifier(claim, role, figure.kind)


def has_modifier(claim: Claim, role: str, kind: str) -> bool:
    if role == "change":
        return (claim.change_percent if kind == "percent" else claim.change) is not None
    if role == "share":
        return claim.share is not None
    return claim.completion_rate is not None


def _clause_before(text: str, position: int) -> str:
    """The text of the clause that ends at ``position``: back to a punctuation mark
    outside parentheses (``比2022年（上一年度，下同）预算``), or to the figure before."""
    start, depth = position, 0
    while start > 0:
        char = text[start - 1]
        depth += {")": 1, "）": 1, "(": -1, "（": -1}.get(char, 0)
        if depth <= 0 and char in _CLAUSE_BREAK and not _joins_characters(text, start - 1):
            break
        start -= 1
        figure = _FIGURE_RE.match(text, start)
        if figure and figure.end() <= position:  # ``其他收入6.2万元事业收入…``
            start = figure.end()
            break
    return text[start:position]


def _joins_characters(text: str, position: int) -> bool:
    """``收、支总计``: a 、 after a single character lists characters, not clauses."""
    return text[position] == "、" and (position < 2 or text[position - 2] in _CLAUSE_BREAK + "比与较")


def basis_of(text: str) -> str | None:
    matches = list(_BASIS_RE.finditer(text))
    if not matches:
        return None
    last = matches[-1]
    if last["yoy"]:
        return "上年"
    basis = (last["basis"] if last["basis"] is not None else last["basis2"]) or ""
    return basis.strip("的 ") or None


def _apply_flat(text: str, claims: list[Claim]) -> None:
    """``与上年持平`` after an anchor, before the next one."""
    for index, claim in enumerate(claims):
        mark_flat(claim, text[claim.end:claims[index + 1].start if index + 1 < len(claims) else len(text)])


def mark_flat(claim: Claim, text: str) -> None:
    """A claim with no printed change that ``text`` says is 持平: direction flat, and the
    basis the text names (``与上年持平`` → 上年)."""
    flat = _FLAT_RE.search(text)
    if flat and claim.direction is None:  # a printed change always sets a direction
        claim.direction = "flat"
        claim.basis = basis_of(text[:flat.end()]) or claim.basis
