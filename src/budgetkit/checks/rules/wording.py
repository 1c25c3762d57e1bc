"""Family ``wording``: wording a reviewer must fix before publication (DOMAIN.md §6).

Most rules read the ``paragraph`` records: their text is folded (NFKC: ``，`` → ``,``,
``；`` → ``;``, ``：`` → ``:``, full-width brackets → ``()``; ``。`` and ``、`` stay) and
joined across printed lines without spaces.  The rules that weigh words against figures
read the ``statement`` records.  Text-quality findings are warnings; only a sentence whose
words contradict its own figures is an error.
"""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal

from ...tables.catalogue import fold
from ..codebook import codebook, name_key
from ...document import Document
from ..findings import amount_text, at_statement, at_table, finding
from ..quoting import at_paragraph, quote
from ..registry import rule
from ..restated import printed_ulp
from ...tolerance import MISMATCH, compare_restated

_CJK = "\u4e00-\u9fff"
_MARKS = ",;:。、()!?"  # where a clause starts


def _paragraph_findings(document: Document, *checks, severity: str = "warning",
                        paragraphs: list[dict] | None = None):
    """The findings of ``checks`` on every paragraph, in reading order.

    A check is ``(pattern, message)`` or ``(pattern, message, skip)``: a finding per match
    of ``pattern``, worded by ``message(match)``, unless ``skip(text, match)`` says the
    match is no problem.  The same words at the same place (a paragraph without figures
    gives only its first line) are reported once.  ``paragraphs``: these only, not all."""
    for paragraph in document.paragraphs if paragraphs is None else paragraphs:
        text = paragraph["text"]
        found = []
        for pattern, message, *skip in checks:
            for match in pattern.finditer(text):
                if not (skip and skip[0](text, match)):
                    found.append((match.start(), match.end(), message(match), match.group(0)))
        said = set()
        for start, end, words, subject in sorted(found, key=lambda item: item[:2]):
            place = at_paragraph(document, paragraph, start)
            key = (words, place["page"], place["line"], place.get("statement"))  # one finding per place
            if key in said:
                continue
            said.add(key)
            yield finding(severity, words, **place, subject=subject, evidence=quote(text, start, end))


# --- placeholders -------------------------------------------------------------------------

# XX局, 20XX年, ××, 某某: the blanks of a template; Latin runs (XXL) are words, not blanks
_PLACEHOLDER_RE = re.compile(r"(?<![A-Za-z])(?:X{2,}|x{2,}|×{2,})(?![A-Za-z])|某某|待填写|待补充|此处填写|请填写")


@rule("wording.placeholder", "a template placeholder left in (XX局, ××, 某某, 待填写)")
def placeholder(document: Document):
    yield from _paragraph_findings(document, (_PLACEHOLDER_RE, lambda m: f"模板占位符未替换：“{m.group(0)}”"))
    for table in document.tables.values():
        for field in ("title", "note"):
            text = table.get(field) or ""
            for match in _PLACEHOLDER_RE.finditer(text):
                yield finding("warning", f"表格{'标题' if field == 'title' else '备注'}中模板占位符未替换：“{match.group(0)}”",
                              **at_table(table), subject=match.group(0), evidence=text)


# --- template leftovers ---------------------------------------------------------------------

_ALTERNATIVES_RE = re.compile(r"(?:增加|增长|上升|提高|增)[(/](?:减少|下降|降低|减)\)?|(?:减少|下降|降低|减)[(/](?:增加|增长|上升|增)\)?")
# 我部门(单位) / 1个部门(单位) / 万里街道办事处(部门): the template offers both words, or
# asks for the kind after the name; 审核批复部门(单位)的预决算 (departments in general) is fine
_BOTH_LEVELS_RE = re.compile(r"(?:我|本|(?<!\d)\d+个)(?:部门\(单位\)|单位\(部门\))|(?<=[局处院委办会所队站心室])\((?:部门|单位)\)")
# 主要原因是。 : an explanation the template asked for and nobody wrote
# (``…是支出增长的主要原因。`` ends a sentence on a noun: only 是/为/用于 ask for more)
_EMPTY_REASON_RE = re.compile(r"(?:主要原因(?:是|为)|原因(?:是|为)|主要用于)(?=[。;])")
# 事业收入万元 / 占% : the figure left blank.  万元 right after the word that names an
# amount (收入, 拨款, 支出, 经费, 资金, 预算, 结转, 合计, 金额, 补助…) has lost its number.
_BLANK_AMOUNT_RE = re.compile(r"(?<=[入款出费金算转余计额助])万?元|(?:占|增长|下降|增加|减少|降低|增幅|降幅)%")
_EMPTY_BRACKETS_RE = re.compile(r"\(\)")  # a blank the template left in brackets
_UNIT_NAMED_RE = re.compile(r"(?:单位|转化为|换算为|折合为?|以)$")  # 单位:万元, 转化为万元: the unit itself
# Instructions of the Wuhan and other templates, kept in by mistake.
_INSTRUCTIONS = ("进行简要说明", "应当列出空表并说明", "专用名词补充解释", "包括部门和单位整体绩效水平提高")
_INSTRUCTION_RE = re.compile("|".join(map(re.escape, _INSTRUCTIONS)))


@rule("wording.template_leftover", "template wording left in: 增加（减少）, 部门（单位）, 主要原因是。, a blank amount, an instruction")
def template_leftover(document: Document):
    yield from _paragraph_findings(
        document,
        (_ALTERNATIVES_RE, lambda m: f"模板中的备选词未删改：“{m.group(0)}”"),
        (_BOTH_LEVELS_RE, lambda m: f"模板中的“部门/单位”备选未删改：“{_named(m)}”"),
        (_EMPTY_REASON_RE, lambda m: f"“{m.group(0)}”之后没有内容"),
        (_BLANK_AMOUNT_RE, lambda m: f"金额或比例空缺：“{_clause_before(m.string, m.start())}{m.group(0)}”",
         lambda text, m: bool(_UNIT_NAMED_RE.search(_clause_before(text, m.start())))),
        (_INSTRUCTION_RE, lambda m: f"模板填写说明未删除：“{m.group(0)}”"),
        (_EMPTY_BRACKETS_RE, lambda m: f"括号内容空缺：“{_clause_before(m.string, m.start())}()”"))


def _named(match: re.Match) -> str:
    """``万里街道办事处(部门)``: a bracketed 部门/单位 with the name it follows."""
    if not match.group(0).startswith("("):
        return match.group(0)
    name = _clause_before(match.string, match.start(), 8)
    cut = match.start() - len(name) > 0 and match.string[match.start() - len(name) - 1] not in _MARKS
    return ("…" if cut else "") + name + match.group(0)


def _clause_before(text: str, offset: int, longest: int = 16) -> str:
    """The words before ``offset`` back to the previous punctuation mark (at most ``longest``)."""
    start = offset
    while start > 0 and offset - start < longest and text[start - 1] not in _MARKS:
        start -= 1
    return text[start:offset]


# --- punctuation ------------------------------------------------------------------------------

_PUNCTUATION_RE = re.compile(r"[,;:、]{2,}|[,;:、]。|。[,;:、。]+")


@rule("wording.punctuation", "doubled or clashing punctuation (。。, ;。, ,。, ::), an unmatched bracket "
                              "and an unmatched quotation mark")
def punctuation(document: Document):
    yield from _paragraph_findings(document, (_PUNCTUATION_RE, lambda m: f"标点重复或冲突：“{m.group(0)}”"))
    for paragraph in document.paragraphs:
        text = paragraph["text"]
        offset = _unmatched_close(text)
        if offset is not None:
            yield finding("warning", f"括号不配对：“{text[max(0, offset - 10):offset + 1]}”",
                          **at_paragraph(document, paragraph, offset), subject=")",
                          evidence=quote(text, offset, offset + 1))
        offset = _unmatched_quote(text)
        if offset is not None:
            shown = text[offset:offset + 12] if text[offset] == "“" else text[max(0, offset - 11):offset + 1]
            yield finding("warning", f"引号不配对：“{shown}”", **at_paragraph(document, paragraph, offset),
                          subject=text[offset], evidence=quote(text, offset, offset + 1))


def _unmatched_quote(text: str) -> int | None:
    """The offset of the first “ that is not closed before the next “ or the paragraph's
    end, or of a ” that closes nothing; a balanced “…” pair is never one."""
    opened = None
    for match in _QUOTE_MARK_RE.finditer(text):  # the quotation marks only, not every character
        offset, char = match.start(), match.group()
        if char == "“":
            if opened is not None:
                return opened
            opened = offset
        elif char == "”":
            if opened is None:
                return offset
            opened = None
    return opened


def _unmatched_close(text: str) -> int | None:
    """The offset of a ``)`` that closes nothing (``(含车辆购置税))``); an enumerator
    such as ``1)`` or ``一)`` opens nothing to close."""
    depth = 0
    for match in _BRACKET_RE.finditer(text):
        offset, char = match.start(), match.group()
        if char == "(":
            depth += 1
        elif char == ")":
            # the few characters before the bracket only: a line of many brackets stays linear
            if depth == 0 and not _ENUMERATOR_BEFORE_RE.search(text, max(0, offset - 4), offset):
                return offset
            depth = max(depth - 1, 0)
    return None


_QUOTE_MARK_RE = re.compile("[“”]")
_BRACKET_RE = re.compile(r"[()]")
_ENUMERATOR_BEFORE_RE = re.compile(r"(?:^|[,;:。、\s])[\d一二三四五六七八九十A-Za-z]{1,3}$")


# --- words printed twice ----------------------------------------------------------------------

# 的的确确 and 和和美美 are words; 的的 and 和和 elsewhere are slips
_REPEATED_RE = re.compile(rf"([{_CJK}]{{2,8}})\1|的的(?!确)|与与|及及|在在|主要(?:原因|是):主要(?:原因|是)")


@rule("wording.repeated", "a word printed twice in a row (主要是主要是, 医保医保, 的的)")
def repeated(document: Document):
    for paragraph in document.paragraphs:
        starts = set(paragraph.get("line_starts") or ())
        yield from _paragraph_findings(
            document, (_REPEATED_RE, lambda m: f"词语重复：“{m.group(0)}”",
                       lambda text, m: _label_follows(text, m) or _lines_printed_again(text, m, starts)),
            paragraphs=[paragraph])


def _label_follows(text: str, match: re.Match) -> bool:
    """A title line ending in a word and a label starting with it, joined into one
    paragraph (``…部门预算`` / ``预算主管部门:``), repeat nothing."""
    return bool(re.match(rf"[{_CJK}]{{0,6}}:", text[match.end():]))


def _lines_printed_again(text: str, match: re.Match, starts: set[int]) -> bool:
    """A whole line printed again as the next line (a part's title page ``名词解释``, then
    the heading ``名词解释`` atop the next page): two headings, not a slip of the pen."""
    middle = match.start() + len(match.group(0)) // 2
    return match.start() in starts and middle in starts and (match.end() in starts or match.end() == len(text))


# --- years ----------------------------------------------------------------------------------

_COMPARED_YEAR_RE = re.compile(
    r"(?:比|较)(?P<year>(?:19|20)\d{2})年|与(?P<year2>(?:19|20)\d{2})年[^,;。与比]{0,16}?(?:相比|比较)")


# 比本年预算增加 in a budget: the year compared with itself
_THIS_YEAR_RE = re.compile(r"(?:比|较)本年度?(?:预算)?|与本年度?(?:预算)?[^,;。与比]{0,16}?(?:相比|比较)")


@rule("wording.stray_year", "a comparison with a year that is neither the report year nor the one before, "
                            "and a budget that compares its year with itself")
def stray_year(document: Document):
    year = document.year
    if not year:
        return
    # a final account compares the year's actuals with the same year's budget; a budget
    # can only compare its year with the one before
    allowed = (year, year - 1) if document.kind != "budget" else (year - 1,)

    def compared(match: re.Match) -> int:
        return int(match.group("year") or match.group("year2"))

    def itself(match: re.Match) -> str:
        return f"“{match.group(0)}”：{year} 年预算与本年度自身比较，应与上年度 {year - 1} 比较"

    def message(match: re.Match) -> str:
        if compared(match) == year:
            return itself(match)
        return f"“{match.group(0)}”：比较年份 {compared(match)} 既不是本年度 {year} 也不是上年度 {year - 1}"

    checks = [(_COMPARED_YEAR_RE, message, lambda text, m: compared(m) in allowed)]
    if document.kind == "budget":
        checks.append((_THIS_YEAR_RE, itself))
    for found in _paragraph_findings(document, *checks):
        # a change measured against that year is percent.basis_year's to report
        statement = document.statement(found["statement"]) if found["statement"] else None
        if not (statement and statement.get("basis_year") and statement["basis_year"] < year - 1):
            yield found


# 截至2023年12月31日 in the 2024 final account; a heading 2023年度部门决算情况说明 in it
_YEAR_END_RE = re.compile(r"截[至止](?P<year>(?:19|20)\d{2})年(?:年底|年末|末|12月31日)")
_REPORT_HEADING_RE = re.compile(r"(?P<year>(?:19|20)\d{2})年度?[^,;。]{0,20}?(?:决算|预算)(?:情况)?说明")


@rule("wording.other_year", "a final account whose year-end date or report heading names another year than its own")
def other_year(document: Document):
    year = document.year
    if not year or document.kind != "final_account":
        return
    yield from _paragraph_findings(
        document,
        (_YEAR_END_RE, lambda m: f"“{m.group(0)}”：{year} 年度决算的年末应为 {year} 年 12 月 31 日",
         lambda text, m: int(m.group("year")) == year),
        (_REPORT_HEADING_RE, lambda m: f"“{m.group(0)}”：{year} 年度决算中的说明写作 {m.group('year')} 年度",
         lambda text, m: int(m.group("year")) == year))


# 比上年相比: 比… and 与…相比 are two ways to compare, merged into one broken phrase
_MIXED_COMPARISON_RE = re.compile(r"比(?:上年|去年|上年度|\d{4}年度?)[^,;。比与]{0,10}?相比")


@rule("wording.mixed_comparison", "比…相比: the two ways of comparing (比… / 与…相比) merged into one phrase")
def mixed_comparison(document: Document):
    yield from _paragraph_findings(document, (_MIXED_COMPARISON_RE, lambda m: f"“{m.group(0)}”：“比…”与“与…相比”混用"))


# --- 部门 and 单位 ------------------------------------------------------------------------------

_DEPARTMENT_WORDS_RE = re.compile(r"本部门|\d{4}年度?部门(?:预算|决算)")
_UNIT_WORDS_RE = re.compile(r"本单位(?:预算|决算)|\d{4}年度?单位(?:预算|决算)")


@rule("wording.level", "部门 wording in a 单位 document (本部门, 2024年部门预算) and 单位 wording in a 部门 document")
def level(document: Document):
    level_ = document.meta.get("level")
    if level_ == "unit":
        yield from _paragraph_findings(document, (_DEPARTMENT_WORDS_RE, lambda m: f"单位预决算中称“{m.group(0)}”，应称单位"))
    elif level_ == "department":
        yield from _paragraph_findings(document, (_UNIT_WORDS_RE, lambda m: f"部门预决算中称“{m.group(0)}”，应称部门"))


# --- renamed classes ----------------------------------------------------------------------------

@rule("wording.obsolete_name", "a functional code called by a name it lost in a later code list (医疗卫生与计划生育支出 after 2018)")
def obsolete_name(document: Document):
    year = document.year
    if not year:
        return
    stems = {}
    for entry in codebook().entries.values():
        for name, until in entry.former:
            stem = name.removesuffix("支出") if entry.level == "类" else name
            if year > until and len(stem) >= 5 and stem not in entry.name:
                stems[stem] = (entry, until)
    if not stems:
        return
    pattern = re.compile("|".join(sorted(map(re.escape, stems), key=len, reverse=True)))  # longest first

    def message(match: re.Match) -> str:
        entry, until = stems[match.group(0)]
        return f"“{match.group(0)}”是 {entry.code} 在 {until} 年及以前的名称，{year} 年应为“{entry.name}”"

    yield from _paragraph_findings(document, (pattern, message))


# --- direction words against figures ------------------------------------------------------------

_DIRECTION_WORDS = {"increase": "增加", "decrease": "减少", "flat": "持平"}
# one claim saying both ways: 减少 2.91 万元，增长 22.82%
_UP_RE = re.compile(r"(?:增加|增长|上升|提高)了?[\d.,]+(?:万元|元|%)")
_DOWN_RE = re.compile(r"(?:减少|下降|降低|下降了|减少了)[\d.,]+(?:万元|元|%)")
_ABOVE_RE = re.compile(r"(?:决算|执行)数?(?:大于|高于|超过|多于)(?:年初)?预算")
_BELOW_RE = re.compile(r"(?:决算|执行)数?(?:小于|低于|少于)(?:年初)?预算")
_EQUAL_RE = re.compile(r"(?:决算|执行)数?(?:等于|相当于)(?:年初)?预算")


@rule("wording.direction", "a direction word (增加/减少/持平, 大于/小于/等于) contradicts the figures of its sentence")
def direction(document: Document):
    for statement in document.statements:
        yield from _direction(document, statement)


def _direction(document: Document, statement: dict):
    word = _DIRECTION_WORDS.get(statement.get("direction"))
    change, amount = statement.get("change"), statement.get("amount")
    where = dict(**at_statement(statement), subject=statement.get("subject"), evidence=statement["sentence"])
    up, down = _UP_RE.search(statement["claim"]), _DOWN_RE.search(statement["claim"])
    if up and down:
        yield finding("error", f"“{statement['claim']}”：同一变动既说“{up.group(0)}”又说“{down.group(0)}”", **where)
        return
    if word == "持平" and change:
        yield finding("error", f"“{statement['claim']}”：表述为持平，却有变动 {amount_text(change)} 万元",
                      expected=Decimal(0), actual=change, **where)
        return
    if word in ("增加", "减少") and change == 0 and not statement.get("change_percent"):
        yield finding("warning", f"“{statement['claim']}”：变动为 0，应表述为持平而非“{word}”", **where)
        return
    # an increase larger than the amount itself is percent.change_base's to report
    basis = _printed_basis(document, statement)
    if basis is None or amount is None:
        return
    ulp = printed_ulp(statement, statement["amount"])
    difference = amount - basis
    words = [word] if word else []
    words += _comparison_after(document, statement)
    for said in words:
        wrong = {"增加": difference < -ulp, "大于": difference < -ulp, "减少": difference > ulp,
                 "小于": difference > ulp, "持平": abs(difference) > ulp and not _roughly(document, statement),
                 "等于": abs(difference) > ulp}
        if wrong.get(said):
            yield finding("error", f"“{statement['claim']}”：表述为“{said}”，但比较数为 {amount_text(basis)} 万元、"
                                   f"本数为 {amount_text(amount)} 万元", expected=basis, actual=amount, **where)
            return


def _printed_basis(document: Document, statement: dict) -> Decimal | None:
    """The compared amount when the same sentence prints it (``由 500 万元增加至 600 万元``,
    ``年初预算为 6.52 万元，支出决算为 7.01 万元``); an amount found in an earlier sentence
    may belong to another item, so it is not trusted here."""
    basis = statement.get("basis_amount")
    if basis is None:
        return None
    if re.search(r"(?:由|从)[\d.,]+(?:万元|元|万)", statement["claim"]):
        return basis
    for other in document.statements:
        if other is not statement and other["sentence"] == statement["sentence"] \
                and other.get("line") == statement.get("line") and other.get("page") == statement.get("page") \
                and other.get("amount") == basis:
            return basis
    return None


def _comparison_after(document: Document, statement: dict) -> list[str]:
    """``决算数大于预算数`` / ``小于`` / ``等于`` in the statement's sentence or the one after it."""
    paragraph = document.paragraph_of(statement)
    if paragraph is None:
        return []
    text = paragraph["text"]
    start = text.find(statement["sentence"])
    end = start + len(statement["sentence"])
    following = text[end:]
    following = following[:following.find("。") + 1] if "。" in following else following
    window = statement["sentence"] + following
    return [word for word, pattern in (("大于", _ABOVE_RE), ("小于", _BELOW_RE), ("等于", _EQUAL_RE))
            if pattern.search(window)]


def _roughly(document: Document, statement: dict) -> bool:
    """``基本持平`` allows a small difference."""
    paragraph = document.paragraph_of(statement)
    return bool(paragraph and "基本持平" in paragraph["text"])


# --- one item, two amounts ------------------------------------------------------------------------

_ACTUAL_RE = re.compile(r"决算|执行|实际|完成")
_BUDGET_RE = re.compile(r"预算")


@rule("wording.two_amounts", "the same item given two different amounts in one paragraph")
def two_amounts(document: Document):
    for paragraph in document.paragraphs:
        groups = defaultdict(list)
        for statement in document.statements_in(paragraph):
            key = _item_key(document, statement)
            if key is not None:
                groups[key].append(statement)
        for (by, *_), statements in groups.items():
            # a coded item's two amounts contradict each other; a concept may be read loosely
            yield from _differing(statements, "error" if by == "code" else "warning")


def _item_key(document: Document, statement: dict) -> tuple | None:
    """What a statement's amount is: its item (list item, topic and code, or its concept),
    scope, year and role (budget or actual), so that a 年初预算 and its 支出决算 never meet.
    None for a statement that does not plainly measure its item."""
    subject = statement.get("subject") or ""
    if statement.get("amount") is None:
        return None
    role = "actual" if _ACTUAL_RE.search(subject) else "budget" if _BUDGET_RE.search(subject) else \
        ("actual" if document.kind == "final_account" else "budget")
    where = (statement.get("list"), statement.get("item"), statement.get("topic"))
    year = statement.get("year") or document.year
    if statement.get("code") and _names_item(statement):
        return ("code", *where, statement["code"], statement.get("scope"), year, role)
    if statement.get("concept") and statement.get("list") is None:
        return ("concept", *where, statement["concept"], name_key(subject), statement.get("scope"), year, role)
    return None


# What is left of a subject once its 类/款/项 path, year and enumerator are taken off, when
# the subject measures the item itself: 预算安排, 年初预算, 支出决算, 当年预算执行数…
_ROLE_ONLY_RE = re.compile(r"(?:当年|全年|年初|本年)?(?:预算|决算|支出|执行)?(?:安排|执行)?(?:数|额)?")
_PATH_PART_RE = re.compile(r"[^()]*?\((?:类|款|项)\)")


def _names_item(statement: dict) -> bool:
    """Whether a coded statement's subject is its item (the 类/款/项 path, a role word, or a
    name the code list gives the code), not something the item's paragraph goes on about
    (``综合性履职业务费由原来的``, a project named under its code)."""
    subject = fold(statement.get("subject") or "")
    rest = re.sub(r"\d{4}年度?|^\d{1,2}[.、]", "", _PATH_PART_RE.sub("", subject.replace('"', "")))
    if _ROLE_ONLY_RE.fullmatch(rest):
        return True
    entry = codebook().get(statement["code"])
    return bool(entry and name_key(rest) in {name_key(n) for n in entry.accepted(None)})


def _item_name(statement: dict) -> str:
    """The item as a reader finds it: the last part of its 类/款/项 topic, else its subject."""
    parts = re.findall(r"[^()“”\"]+?\((?:类|款|项)\)", statement.get("topic") or "")
    return parts[-1] if parts else statement.get("subject") or statement["claim"]


def _differing(statements: list[dict], severity: str):
    """The first statement of an item whose amount differs from the item's first amount."""
    first = statements[0]
    for other in statements[1:]:
        ulp = printed_ulp(other, other["amount"])
        if compare_restated(other["amount"], first["amount"], ulp).status != MISMATCH:
            continue
        yield finding(
            severity,
            f"同一段中“{_item_name(first)}”先表述为 {amount_text(first['amount'])} 万元，"
            f"又表述为 {amount_text(other['amount'])} 万元（“{other['claim'].split(',')[0]}”）",
            **at_statement(other), code=other.get("code"), subject=other.get("subject"),
            expected=first["amount"], actual=other["amount"], evidence=f"{first['sentence']} … {other['sentence']}")
        return
