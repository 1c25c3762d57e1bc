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

# A comma right after a digit is a thousands separator (``1,653``); after a word it is a
# clause mark, and the number after it is a figure of its own (``自查自纠,216 家``).
_NUM = r"(?<![\d.])(?<!\d,)-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
# ``万`` before a unit of people or copies counts ten thousands of them, also with ``余``
# between (``2 万余名``); the unit is written without the ``余``.
_WAN_COUNT = r"万(?:余|多)?(?:人次|人|名|册|份|户)"
COUNT_UNITS = ("人次", "人", "名", "个月", "个", "辆", "项", "台", "套",
               "家", "户", "场次", "场", "期", "篇", "件", "份", "所", "处", "批次", "批", "张", "册", "条", "间", "座",
               "栋", "平方米", " ?m2", "亩", "种", "次", "分")  # ㎡ reads m2 once folded, apart from digits
_FIGURE_RE = re.compile(
    rf"(?P<num>{_NUM})(?:余|多)?(?:(?P<money>亿元|万(?:余|多)?元|千元|元|万(?![人次个件份名户家元册余多]))|(?P<percent>%)"
    rf"|(?P<count>{_WAN_COUNT}|{'|'.join(COUNT_UNITS)}))"
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
# ``本年数小于上年预算数 40.05 万元``: a comparison names its basis before the figure; a
# bare threshold (``单价低于 50 万元``) names no year or budget and is no change.
_COMPARE_BEFORE_RE = re.compile(
    r"(?P<word>小于|低于|少于|大于|高于|多于)"
    r"(?P<basis>[^，,；;。]{0,12}?(?:\d{4}年|上年|去年|上一年|预算|决算)[^，,；;。\d]{0,8})$"
)
_MORE_THAN = "大于|高于|多于"
# ``较上年减少部门支出 1,653 万元``: the change word comes first, then what changed.
_CHANGE_THEN_SUBJECT_RE = re.compile(
    r"(?P<word>增加|减少|增长|下降|降低|提高|节约|节省)了?(?P<subject>[\u4e00-\u9fff“”\"()（）]{2,16})$"
)
_FLAT_WORDS = "持平|相同|一致|相等|无增减(?:变化)?|无变化|没有变化|未发生变化"
_FLAT_RE = re.compile(_FLAT_WORDS)
_BASIS_RE = re.compile(
    rf"(?:比|较)(?P<basis>[^，,；;。比较]{{0,24}}?)(?:相比)?(?:[,，])?(?:{_FLAT_WORDS}|{_INCREASE}|{_DECREASE})"
    rf"|与(?P<basis2>[^，,；;。与]{{0,24}}?)(?:相比|比较|{_FLAT_WORDS})|(?P<yoy>同比)"
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
# Verbs that follow a counted noun in work reports (``216 家定点医药机构自查出…``,
# ``5 个项目实行绩效目标管理``): the noun ends before them.
_VERB_RE = re.compile(r"实行|实施|开展|进行|完成|存在|自查|参加|参与|召开|提供|获得|享受|纳入|落实|中止|解除|签订|接受")
# ``增加了 40 万元的检察办案费预算``: a change that names what changed after it, up to the
# end of the clause (``…的基础上`` is a place in the text, not a subject).
_OF_NOUN_AFTER_RE = re.compile(r"的(?P<noun>[\u4e00-\u9fff“”\"]{2,16})(?=[，,；;。]|$)(?<![上下中内外])")
# Words with asides that name no figure: ``1 个部门（单位）开展…``.
_NOUN_RUN_RE = re.compile(r"[\u4e00-\u9fff](?:[\u4e00-\u9fff]|[（(][\u4e00-\u9fff]{1,6}[)）]){0,23}")
# ``财政拨款收、支总预算``: a pair of single characters joined by 、 is one word.
_CHARACTER_PAIRS = ("收、支", "增、减", "进、出")


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
    change_unit: str | None = None  # as printed: a change may be in 万元 beside an amount in 元
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
        unit = re.sub(r"[余多 ]", "", match["money"] or match["percent"] or match["count"])
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
    current: Claim | None = None  # the claim a modifier belongs to, unless it says otherwise
    for figure in figures(text):
        before = _clause_before(text, figure.start)
        role, match = _role(figure, before)
        if role == "anchor":
            claim = _anchor(text, figure, before)
            if not claim.subject and claims and not text[claims[-1].end:claim.start].strip("、,，和及"):
                claim.subject = claims[-1].subject  # ``长期投资 0 项、0 万元``
            elif not claim.subject:
                claim.subject = _clause_named_before(text, claim.start)
            claims.append(claim)
        elif role == "changed":
            claims.append(_changed(text, figure, before, match))
        elif role == "from":
            pending_from = figure
        elif role == "to" and pending_from is not None:
            claims.append(_moved(text, pending_from, figure, match))
            pending_from = None
        elif role is not None:
            owner = _aside_owner(text, claims, figure) or current
            if owner is not None and _attaches(text, owner, figure, role):
                apply_modifier(owner, figure, role, match, text)
                current = owner
            else:
                orphans.append((figure, role, match))
            continue
        current = claims[-1] if claims else None
    _apply_flat(text, claims)
    return claims, orphans


def _aside_owner(text: str, claims: list[Claim], figure: Figure) -> Claim | None:
    """The claim a bracketed aside with figures of its own follows, for a modifier printed
    right after the aside: in ``公务用车购置及运行维护费0万元（公务用车购置费0万元，比上年
    增加0万元；…）比上年增加0万元`` the last change is the 公务用车购置及运行维护费's."""
    close = max(text.rfind(")", 0, figure.start), text.rfind("）", 0, figure.start))
    if close < 0 or _FIGURE_RE.search(text, close + 1, figure.start):
        return None
    opening = _opening_bracket(text, close)
    if opening is None or not _FIGURE_RE.search(text, opening, close):
        return None
    return next((claim for claim in claims if claim.end <= opening and not text[claim.end:opening].strip()), None)


def _opening_bracket(text: str, close: int) -> int | None:
    """Where the bracket closed at ``close`` opens."""
    depth = 0
    for position in range(close, -1, -1):
        depth += {")": 1, "）": 1, "(": -1, "（": -1}.get(text[position], 0)
        if depth == 0:
            return position
    return None


def apply_modifier(claim: Claim, figure: Figure, role: str, match: re.Match, text: str) -> None:
    if role == "change":
        word = match["word"]
        direction = "increase" if re.fullmatch(rf"{_INCREASE}|增幅|增长率|{_MORE_THAN}", word) else "decrease"
        claim.direction = claim.direction or direction
        if figure.kind == "percent":
            claim.change_percent = figure.value
        else:
            claim.change, claim.change_unit = figure.value, figure.unit
        claim.basis = claim.basis or match.groupdict().get("basis") or basis_of(text[:figure.start])
    elif role == "share":
        claim.share = figure.value
        of = (match.groupdict().get("of") or "").strip()
        claim.share_of = of or None
    elif role == "completion":
        claim.completion_rate = figure.value
        claim.completion_basis = (match.groupdict().get("basis") or "").strip() or None
    claim.end = max(claim.end, figure.end)


def modifier_subject(text: str, figure: Figure, match: re.Match) -> str:
    named_after = _OF_NOUN_AFTER_RE.match(text, figure.end)
    if named_after:  # ``增加了 40 万元的检察办案费预算``
        return clean_subject(named_after["noun"])
    return _modifier_subject(_clause_before(text, figure.start), match)


def _role(figure: Figure, before: str) -> tuple[str | None, re.Match | None]:
    if figure.kind != "percent":
        moved = _TO_BEFORE_RE.search(before)
        if moved:
            return "to", moved
        if _FROM_BEFORE_RE.search(before):
            return "from", None
    for role, pattern in (("change", _CHANGE_BEFORE_RE), ("change", _COMPARE_BEFORE_RE),
                          ("share", _SHARE_BEFORE_RE), ("completion", _COMPLETION_BEFORE_RE)):
        match = pattern.search(before)
        if match and (figure.kind == "percent" or (role == "change" and figure.kind == "money")):
            return role, match
    if figure.kind == "percent":
        return None, None  # a bare percentage is a target or a rate, not a claim
    if figure.kind == "money":
        match = _CHANGE_THEN_SUBJECT_RE.search(before)
        if match and clean_subject(match["subject"]):
            return "changed", match
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
    if claim.enumerator is None:  # ``其中：1.住房公积金(项):支出…``: the number opens the segment
        segment = _segment_before(text, claim.start)
        segment_lead = _ITEM_LEAD_RE.match(segment)
        claim.enumerator = _split_enumerator(segment[segment_lead.end():] if segment_lead else segment)[0]
    claim.subject = clean_subject(before)
    noun = _noun_after(text, figure.end) if figure.kind == "count" else ""
    if noun:  # ``全区 15.22 万人参加…``, ``包括 19 个内设机构``: what is counted follows the count
        # the words before are who or where (全区, 区政府, 发现…), except a word that makes
        # the noun a kind of unit: ``内设 3 个机构`` counts 内设机构
        kind = re.search(r"(?:内设|下设|下属|所属|直属)$", claim.subject)
        claim.subject = (kind.group() if kind else "") + noun
    claim.lead = text[:claim.start] + (lead.group() if lead else "")
    return claim


def _changed(text: str, figure: Figure, before: str, match: re.Match) -> Claim:
    """``较上年减少部门支出 1,653 万元``: a change of the subject printed between the change
    word and the figure, with no amount of its own."""
    claim = Claim(start=figure.start - len(before), end=figure.end)
    claim.subject = clean_subject(match["subject"])
    claim.lead = text[:claim.start]
    apply_modifier(claim, figure, "change", match, text)
    return claim


def _clause_named_before(text: str, start: int) -> str:
    """``资助困难群众居民医保，共计 5629 人次``: a figure whose own clause names nothing
    (only ``共计``) counts what the clause before it describes, when that clause has no
    figure of its own."""
    if start < 1 or text[start - 1] not in "，,":
        return ""
    previous = _clause_before(text, start - 1)
    if not previous or _FIGURE_RE.search(previous) or previous.startswith(("其中", "包括")):
        return ""
    return clean_subject(_split_enumerator(previous)[1])


def _split_enumerator(text: str) -> tuple[str | None, str]:
    """``2.印刷费`` → (``2.``, ``印刷费``)."""
    enumerator = _ENUMERATOR_RE.match(text)
    return (enumerator.group(), text[enumerator.end():]) if enumerator else (None, text)


def _segment_before(text: str, position: int) -> str:
    """The text since the last comma or stop: ``1.住房公积金(项):`` before ``支出…``."""
    start = max(text.rfind(mark, 0, position) for mark in "，,；;。") + 1
    return text[start:position]


def _noun_after(text: str, position: int) -> str:
    """What a count counts when it is printed after the number: ``216 家定点医药机构自查出
    违规问题`` counts 定点医药机构.  The noun ends where its verb starts; a count followed by
    another count (``10 余次 1000 余种药品集采填报工作``) counts the same thing."""
    rest = text[position:]
    second = _FIGURE_RE.match(rest)
    if second and second["count"]:
        rest = rest[second.end():]
    run = _NOUN_RUN_RE.match(rest)
    if not run or re.match(r"[的是为和及与等]|其中", run.group()):
        return ""
    # ``262 场近 3000 人次``, ``2 个下属事业单位和 2 个派出机构``: the words that lead the
    # next figure are not part of the noun
    noun = re.sub(r"(?:以及|和|及|与|并)$", "", _SUBJECT_TAIL_RE.sub("", run.group()))
    verb = _VERB_RE.search(noun, 2)
    if verb:  # a verb right after the count (``15.22 万人参加…``) is what the count is of
        noun = noun[:verb.start()]
    noun = noun.split("的")[0]  # ``5 家预算单位的综合收支计划`` counts 预算单位
    return noun if len(noun) >= 2 else ""


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
    # an aside with a figure (``中止医保服务协议（3 个月）``) is not part of the name
    subject = re.sub(r"[（(][^（()）]*\d[^（()）]*[)）]|[（(]$", "", subject)
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
        # ``其他收入6.2万元事业收入…``; a figure in an aside (``中止协议（3 个月）1 家``) is
        # part of the clause
        if figure and figure.end() <= position and depth <= 0:
            start = figure.end()
            break
    return text[start:position]


def _joins_characters(text: str, position: int) -> bool:
    """``收、支总计``: a 、 after a single character lists characters, not clauses;
    ``2,247.84``: a comma between digits separates thousands."""
    if text[position] in ",，":
        return 0 < position < len(text) - 1 and text[position - 1].isdigit() and text[position + 1].isdigit()
    return text[position] == "、" and (position < 2 or text[position - 2] in _CLAUSE_BREAK + "比与较"
                                       or text[position - 1:position + 2] in _CHARACTER_PAIRS)


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
