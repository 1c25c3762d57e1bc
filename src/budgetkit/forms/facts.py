"""What a performance form says outside its indicator grid: names, money, execution, scores.

Every reader here takes the form's lines and looks for a printed label (项目名称,
项目当年预算, 资金来源, 总分…); a label that is not printed gives None.  Amounts are
returned as printed, with the unit they are printed in, and converted by the caller.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..amounts import find_unit, parse_amount
from ..sources import Line
from .text import fold, join_pieces

_AMOUNT_UNIT_RE = re.compile(r"^([\d,.\s]*\d)\s*(万元|万|元)?$")
_NAME_RE = re.compile(r"^(?:项目名称|部门名称|单位名称)[:：]?$")
# Labels that may follow the name on its line (PDF cells: 项目名称 | … | 项目性质 | …).
_NEXT_LABEL_RE = re.compile(r"^(?:填报日期|项目性质|项目类别|项目属性|项目类型|主管部门|项目主管|实施单位|项目执行单位|项目负责人"
                            r"|部门预算编码|部门编码|单位编码|预算编码)")
_CODE_RE = re.compile(r"(?:项目编码|项目代码|项目编号)[:：]?\s*([0-9A-Za-z-]{4,})")
_AMOUNT_LABEL_RE = re.compile(r"(?:项目当年预算|当年预算|年度资金申请总额|资金总额|项目金额)[:：]?\s*([\d,.]+(?:\s*\d+)?)\s*(万元|元)?")
_FUNDING_RE = re.compile(r"拨款|财政资金|其他资金|上年结转|结余|自筹|单位资金")
_EXECUTION_RE = re.compile(r"([\d,.]+)\s+([\d,.]+)\s+([\d.]+)\s*%\s+([\d.]+)$")
_EXECUTION_WEIGHT_RE = re.compile(r"(\d+(?:\.\d+)?)分\*执行率|预算执行情况(?:[(（][^)）]*[)）])?[(（](\d+(?:\.\d+)?)分[)）]")
_TOTAL_RE = re.compile(r"^总分[:：]?\s*(\d+(?:\.\d+)?)")
_GRADE_RE = re.compile(r"(?:评价等级|自评等级|绩效等级)[:：]?\s*(优秀|良好|合格|不合格|优|良|中|差)")
_ITEM_RE = re.compile(r"(?:^|\s)\d{1,2}\s*[.、．]\s*([^\d\s].*)$")
_PRIOR_RE = re.compile(r"(20\d{2})\s*年*\s*预算(?:安排)?\s*(\d[\d,.]*)\s*(万元|万|元)?")
_FORM_YEAR_RE = re.compile(r"[(（]\s*(20\d{2})\s*年度?\s*[)）]")
_BLOCK_UNIT_RE = re.compile(r"[(（](万元|元)[)）]")
_BLOCK_WEIGHT_RE = re.compile(r"年度绩效目标[(（](\d+(?:\.\d+)?)分[)）]")
# 基本支出总额 1,000 or, in a 年度预算安排 block, 基本支出 52047.74
_BASIC_RE = re.compile(r"基本支出(?:总额)?[:：]?(\d[\d,]*(?:\.\d+)?)$|基本支出总额([\d,.]+)")
_PROJECT_RE = re.compile(r"项目支出(?:总额)?[:：]?(\d[\d,]*(?:\.\d+)?)$|项目支出总额([\d,.]+)")
_HEADING_LINES = 20  # how far above the execution line its heading may start


@dataclass
class Money:
    """An amount as printed and the unit printed with it (None: the form's unit)."""

    value: Decimal
    unit: str | None = None


@dataclass
class FormFacts:
    name: str | None = None
    project_code: str | None = None
    unit: str | None = None
    year: int | None = None
    amount: Money | None = None
    funding: dict[str, Money | None] = field(default_factory=dict)
    items: list[tuple[str, Money]] = field(default_factory=list)
    prior: list[tuple[int, Money]] = field(default_factory=list)
    budget: Decimal | None = None
    executed: Decimal | None = None
    execution_unit: str | None = None
    execution_rate: Decimal | None = None
    execution_weight: Decimal | None = None
    execution_score: Decimal | None = None
    basic: Decimal | None = None
    project: Decimal | None = None
    total_score: Decimal | None = None
    grade: str | None = None
    block_weight: Decimal | None = None  # 年度绩效目标（80分）: the indicators' share of 100


def read_facts(lines: list[Line]) -> FormFacts:
    head = form_head(lines)
    facts = FormFacts(
        name=_name(head),
        project_code=_first(_CODE_RE, lines),
        unit=_form_unit(lines),
        year=_form_year(lines),
        amount=_amount(head),
        funding=_funding(head),
        items=_items(head),
        prior=_project_prior(head),
        basic=_decimal(_first(_BASIC_RE, lines)),
        project=_decimal(_first(_PROJECT_RE, lines)),
        total_score=_decimal(_first(_TOTAL_RE, lines)),
        grade=_first(_GRADE_RE, lines),
        block_weight=_block_weight(lines),
    )
    _read_execution(lines, facts)
    return facts


def form_head(lines: list[Line]) -> list[Line]:
    """The lines above the indicator grid, where the form's own facts are printed."""
    for index, line in enumerate(lines):
        if re.search(r"二级指标|三级指标|指标内容", fold(line.text)):
            return lines[:index]
    return lines


def _first(pattern: re.Pattern, lines: list[Line]) -> str | None:
    for line in lines:
        match = pattern.search(fold(line.text))
        if match:
            return next(group for group in match.groups() if group is not None)
    return None


def _decimal(text: str | None) -> Decimal | None:
    return parse_amount(text) if text else None


def money(text: str | None) -> Money | None:
    """``90万元`` → (90, 万元); ``4,100,000.00`` → (4100000.00, None); else None."""
    match = _AMOUNT_UNIT_RE.match((text or "").strip())
    if not match:
        return None
    value = parse_amount(match.group(1))
    unit = {"万": "万元"}.get(match.group(2), match.group(2))
    return Money(value, unit) if value is not None else None


def _name(lines: list[Line]) -> str | None:
    """The text after 项目名称 / 部门名称, also when the label is wrapped (部门名 / 称)."""
    for index, line in enumerate(lines):
        tokens = [t for t in line.texts if t]
        for cut in range(1, len(tokens) + 1):
            if _NAME_RE.match(fold("".join(tokens[:cut]))):
                rest = []
                for token in tokens[cut:]:
                    if _NEXT_LABEL_RE.match(fold(token)):
                        break
                    rest.append(token)
                return join_pieces(rest) if rest else _name_below(lines, index)
        if index + 1 < len(lines) and _NAME_RE.match(fold(line.text + lines[index + 1].text)):
            return _name_below(lines, index + 1)
    return None


def _name_below(lines: list[Line], index: int) -> str | None:
    following = lines[index + 1:index + 2]
    return join_pieces([following[0].text]) if following else None


def _form_unit(lines: list[Line]) -> str | None:
    for line in lines:
        unit = find_unit(line.text)
        if unit:
            return unit
    for line in lines:
        match = _BLOCK_UNIT_RE.search(fold(line.text))
        if match:
            return match.group(1)
    return None


def _form_year(lines: list[Line]) -> int | None:
    year = _first(_FORM_YEAR_RE, lines[:6])
    return int(year) if year else None


def _amount(lines: list[Line]) -> Money | None:
    for line in lines:
        match = _AMOUNT_LABEL_RE.search(line.text)
        if match:
            return money(match.group(1) + (match.group(2) or ""))
    return None


def _pairs(line: Line) -> list[tuple[str, str | None]]:
    """(label, the amount after it or None) for each label on a line: ``合计 90万元``, PDF cells.

    A label an OCR split over two cells (``一般公共预算财政`` | ``女拨款``) is joined; a
    cell that is a whole label on its own is not joined with the next one.
    """
    pairs, label = [], []
    for token in (t for t in line.texts if t):
        if money(token) is not None:
            if label:
                pairs.append(("".join(label), token))
            label = []
        elif label and _FUNDING_RE.search(label[-1]):
            pairs.append(("".join(label), None))
            label = [token]
        else:
            label.append(token)
    if label:
        pairs.append(("".join(label), None))
    return pairs


def _funding(lines: list[Line]) -> dict[str, Money | None]:
    """Sources of the money (财政拨款, 其他资金…), the totals left out."""
    funding: dict[str, Money | None] = {}
    for line in lines:
        if "支出明细" in fold(line.text):
            break
        for label, after in _pairs(line):
            label = re.sub(r"^.*?其中[:：]|^项目资金来源|[—_:：-]+$", "", fold(label))
            if _FUNDING_RE.search(label) and not re.search(r"总|合计", label):
                funding.setdefault(label, money(after))
    return funding


def _items(lines: list[Line]) -> list[tuple[str, Money]]:
    """The itemised 项目支出明细: ``1.印制宣传品 10``, ``企业离休人员医疗费用支出 600``; a long
    item name may wrap over lines before its amount (``2、医保结算网络建设…`` / ``设备维护经费``
    / ``10``).  The block ends at 测算依据 (also broken: ``测算依`` / ``据``)."""
    items: list[tuple[str, Money]] = []
    name: list[str] = []  # the item being read, until its amount comes
    inside = False
    for line in lines:
        folded = fold(line.text)
        tokens = [t for t in line.texts if t]
        amounts = [money(t) for t in tokens]
        if "支出明细" in folded:
            inside = True
        elif not inside:
            continue
        elif re.search(r"测算|采购|绩效", folded) and not any(amounts):
            break
        for token, amount in zip(tokens, amounts):
            numbered = _ITEM_RE.search(token)
            if numbered:
                name = [numbered.group(1)]
            elif amount is None:
                name.append(token)
            elif name and not re.search(r"合计|总计|支出明细|金额", "".join(name)):
                items.append((join_pieces(name), amount))
                name = []
            else:
                name = []
    return items


def _project_prior(lines: list[Line]) -> list[tuple[int, Money]]:
    """Earlier years' budgets from the 项目前两年预算及当年预算变动情况 paragraph."""
    text, inside = "", False
    for line in lines:
        folded = fold(line.text)
        if "前两年" in folded or "预算变动" in folded:
            inside = True
        elif inside and "资金来源" in folded:
            break
        if inside:
            text += folded
    years = _form_year(lines) or 9999
    found: dict[int, Money] = {}
    for match in _PRIOR_RE.finditer(text):
        year, amount = int(match.group(1)), money(match.group(2) + (match.group(3) or ""))
        if year < years and amount is not None:
            found.setdefault(year, amount)
    return sorted(found.items())


def _read_execution(lines: list[Line], facts: FormFacts) -> None:
    """The budget execution line of a self-evaluation: 预算数, 执行数, 执行率, 得分.

    Its unit and weight are printed in the block's heading above it (预算执行情况 /
    （万元） / （20分）, or 得分（20分*执行率））.
    """
    for index, line in enumerate(lines):
        match = _EXECUTION_RE.search(line.text)
        heading = "".join(fold(above.text) for above in lines[max(0, index - _HEADING_LINES):index])
        if match and "执行" in heading:
            facts.budget, facts.executed = parse_amount(match.group(1)), parse_amount(match.group(2))
            facts.execution_rate, facts.execution_score = Decimal(match.group(3)), Decimal(match.group(4))
            unit = _BLOCK_UNIT_RE.search(heading)
            facts.execution_unit = unit.group(1) if unit else None
            weight = _EXECUTION_WEIGHT_RE.search(heading)
            facts.execution_weight = Decimal(next(g for g in weight.groups() if g)) if weight else None
            return


def _block_weight(lines: list[Line]) -> Decimal | None:
    """The weight of a project self-evaluation's indicator block: 年度绩效目标（80分）."""
    joined = "".join(fold(line.text) for line in lines)
    block = _BLOCK_WEIGHT_RE.search(joined)
    return Decimal(block.group(1)) if block else None
