"""Rows of the standard tables as a reviewer reads them off the page.

Each expectation was checked cell by cell against the source document (PDF page text or
the text file's lines); a change here is a change in what budgetkit claims the document
says.
"""

from decimal import Decimal
from decimal import Decimal as D
from functools import cache

import pytest

from budgetkit.commands.extract import extract_file
from conftest import samples


@cache
def _records(path: str) -> tuple[dict, ...]:
    return tuple(extract_file(path).records)


def records(stem: str) -> tuple[dict, ...]:
    path = next(p for p in samples() if p.stem == stem)
    return _records(str(path.relative_to(path.parent.parent)))


def table(stem: str, table_id: str) -> dict:
    return next(r for r in records(stem) if r["type"] == "table" and r["table"] == table_id)


def rows(stem: str, table_id: str) -> list[dict]:
    return [r for r in records(stem) if r["type"] == "row" and r["table"] == table_id]


def sided(stem: str, table_id: str) -> list[tuple]:
    """(side, code, name, total) of every row, amounts in 万元."""
    return [(r["side"], r["code"], r["name"], None if r["values"]["total"] is None else D(str(r["values"]["total"])))
            for r in rows(stem, table_id)]


# 公开01表, pages 13-14: labels wrap inside their cells (1.一般公共预 / 算), the amount of
# 三、单位预留机动经费 stands level with 三、国防支出 of the functional view, the label
# 十七、国土海洋气象等支 / 出 is cut by the page break, and the totals span both
# expenditure views.
JIANGSU_SUMMARY = [
    ('income', None, '一、财政拨款', D('21940.96')),
    ('income', None, '1.一般公共预算', D('21940.96')),
    ('income', None, '2.政府性基金预算', None),
    ('income', None, '二、财政专户管理资金', None),
    ('income', None, '三、其他资金', D('14.39')),
    ('income', None, '当年收入小计', D('21955.35')),
    ('income', None, '上年结转资金', None),
    ('income', None, '收入合计', D('21955.35')),
    ('expenditure', None, '一、一般公共服务支出', None),
    ('expenditure', None, '二、外交支出', None),
    ('expenditure', None, '三、国防支出', None),
    ('expenditure', None, '四、公共安全支出', D('16458.75')),
    ('expenditure', None, '五、教育支出', None),
    ('expenditure', None, '六、科学技术支出', None),
    ('expenditure', None, '七、文化体育与传媒支出', None),
    ('expenditure', None, '八、社会保障和就业支出', D('1836.22')),
    ('expenditure', None, '九、医疗卫生与计划生育支出', None),
    ('expenditure', None, '十、节能环保支出', None),
    ('expenditure', None, '十一、城乡社区支出', None),
    ('expenditure', None, '十二、农林水支出', None),
    ('expenditure', None, '十三、交通运输支出', None),
    ('expenditure', None, '十四、资源勘探信息等支出', None),
    ('expenditure', None, '十五、商业服务业等支出', None),
    ('expenditure', None, '十六、金融支出', None),
    ('expenditure', None, '十七、国土海洋气象等支出', None),
    ('expenditure', None, '十八、住房保障支出', D('3660.38')),
    ('expenditure', None, '十九、粮油物资储备支出', None),
    ('expenditure', None, '二十、其他支出', None),
    ('expenditure', None, '当年支出小计', D('21955.35')),
    ('expenditure', None, '结转下年资金', None),
    ('expenditure', None, '支出合计', D('21955.35')),
    ('expenditure_2', None, '一、基本支出', D('13994.31')),
    ('expenditure_2', None, '二、项目支出', D('5573')),
    ('expenditure_2', None, '三、单位预留机动经费', D('2388.04')),
]

# 2022 年部门收支总表, lines 473-575: three sides in plain text without positions; labels
# of a side may be missing on a line (the other sides go on), amounts wrap
# (3,291.9 / 1) and a label stands on the line above its amount.
DONGXIHU_SUMMARY = [
    ('income', None, '一、财政拨款（补助）', D('3291.91')),
    ('income', None, '（一）财政指标拨款（补助）', D('3291.91')),
    ('income', None, '（二）纳入金库非税收入安排的拨款', None),
    ('income', None, '（三）上级专项转移支付资金', None),
    ('income', None, '二、其他自有资金', None),
    ('income', None, '（一）上级补助收入', None),
    ('income', None, '（二）附属单位上缴收入', None),
    ('income', None, '（三）事业单位经营收入', None),
    ('income', None, '（四）其他收入', None),
    ('income', None, '三、政府性基金', None),
    ('income', None, '四、纳入财政专户管理资金(教卫专用)', None),
    ('income', None, '本年收入合计', D('3291.91')),
    ('income', None, '五、上年结转', None),
    ('income', None, '（一）财政拨款（补助）结转', None),
    ('income', None, '1、财政指标拨款（补助）结转', None),
    ('income', None, '2、金库非税收入安排的拨款结转', None),
    ('income', None, '（三）其他结转', None),
    ('income', None, '收入总计', D('3291.91')),
    ('expenditure', None, '一、经济分类', D('3291.91')),
    ('expenditure', None, '工资福利性支出', D('868.1')),
    ('expenditure', None, '商品和服务支出', D('285.12')),
    ('expenditure', None, '对个人和家庭的补助支出', D('2138.69')),
    ('expenditure', None, '债务利息及费用支出', None),
    ('expenditure', None, '资本性支出（基本建设）', None),
    ('expenditure', None, '资本性支出', None),
    ('expenditure', None, '对企业补助', None),
    ('expenditure', None, '对企业补助（基本建设）', None),
    ('expenditure', None, '对社会保障基金支出', None),
    ('expenditure', None, '其他支出', None),
    ('expenditure', None, '政府经济分类', None),
    ('expenditure', None, '基本支出', D('994.81')),
    ('expenditure', None, '工资福利性支出', D('868.1')),
    ('expenditure', None, '商品和服务支出', D('122.02')),
    ('expenditure', None, '对个人和家庭的补助支出', D('4.69')),
    ('expenditure', None, '一般资本性支出', None),
    ('expenditure', None, '项目支出', D('2297.1')),
    ('expenditure', None, '部门项目支出', D('163.1')),
    ('expenditure', None, '公共项目（专项资金）支出', D('2134')),
    ('expenditure', None, '本年经济分类支出合计', D('3291.91')),
    ('expenditure', None, '五、结转下年', None),
    ('expenditure', None, '支出总计', D('3291.91')),
    ('expenditure_2', '201', '一般公共服务', None),
    ('expenditure_2', '202', '外交', None),
    ('expenditure_2', '203', '国防', None),
    ('expenditure_2', '204', '公共安全', None),
    ('expenditure_2', '205', '教育', None),
    ('expenditure_2', '206', '科学技术', None),
    ('expenditure_2', '207', '文化旅游体育与传媒', None),
    ('expenditure_2', '208', '社会保障和就业', D('51.92')),
    ('expenditure_2', '209', '社会保险基金支出', None),
    ('expenditure_2', '210', '卫生健康支出', D('3162.36')),
    ('expenditure_2', '211', '节能环保', None),
    ('expenditure_2', '212', '城乡社区事务', None),
    ('expenditure_2', '213', '农林水事务', None),
    ('expenditure_2', '214', '交通运输', None),
    ('expenditure_2', '215', '资源勘探工业信息等支出', None),
    ('expenditure_2', '216', '商业服务业等事务', None),
    ('expenditure_2', '217', '金融监管等事务支出', None),
    ('expenditure_2', '219', '援助其他地区支出', None),
    ('expenditure_2', '220', '自然资源海洋气象等事务', None),
    ('expenditure_2', '221', '住房保障支出', D('77.63')),
    ('expenditure_2', '222', '粮油物资管理事务', None),
    ('expenditure_2', '223', '国有资本经营预算支出', None),
    ('expenditure_2', '224', '灾害防治及应急管理支出', None),
    ('expenditure_2', '227', '预备费', None),
    ('expenditure_2', '229', '其他支出', None),
    ('expenditure_2', '230', '转移性支出', None),
    ('expenditure_2', '231', '债务还本支出', None),
    ('expenditure_2', '232', '债务付息支出', None),
    ('expenditure_2', '233', '债务发行费用支出', None),
    ('expenditure_2', None, '本年功能科目支出合计', D('3291.91')),
    ('expenditure_2', None, '结转下年', None),
    ('expenditure_2', None, '支出功能科目总计', D('3291.91')),
]


def test_jiangsu_three_sided_summary():
    assert sided("jiangsu-jianchayuan-2018-budget", "income_expenditure_summary") == JIANGSU_SUMMARY
    columns = table("jiangsu-jianchayuan-2018-budget", "income_expenditure_summary")["columns"]
    assert [(c["key"], c["block"]) for c in columns] == [("total", 0), ("total", 1), ("total", 2)]


def test_dongxihu_three_sided_summary():
    assert sided("dongxihu-yibao-2022-budget", "income_expenditure_summary") == DONGXIHU_SUMMARY


def test_dongxihu_fiscal_summary_sides():
    got = sided("dongxihu-yibao-2022-budget", "fiscal_summary")
    income = [name for side, _, name, _ in got if side == "income"]
    assert income == ["一、财政拨款（补助）", "（一）财政指标拨款（补助）", "（二）纳入金库非税收入安排的拨款",
                      "（三）上级专项转移支付", "二、政府性基金", "三、上年结转", "收入总计"]
    assert [row for row in got if row[0] == "expenditure"][-3:] == [
        ("expenditure", None, "本年经济分类支出合计", D("3291.91")), ("expenditure", None, "结转下年", None),
        ("expenditure", None, "支出总计", D("3291.91"))]
    functional = [row for row in got if row[0] == "expenditure_2"]
    assert [code for _, code, _, _ in functional[:-3]] == [
        "201", "202", "203", "204", "205", "206", "207", "208", "209", "210", "211", "212", "213", "214", "215",
        "216", "217", "219", "220", "221", "222", "223", "224", "227", "229", "230", "231", "232", "233"]
    assert [name for _, _, name, _ in functional[-3:]] == ["本年功能科目支出合计", "结转下年", "支出功能科目总计"]


def test_wanli_fiscal_summary_wrapped_label_and_columns():
    got = rows("shanghai-putuo-wanli-jiedao-2023-budget", "fiscal_summary")
    names = [r["name"] for r in got if r["side"] == "expenditure"]
    assert "四、文化旅游体育与传媒支出" in names and "支出" not in names
    columns = table("shanghai-putuo-wanli-jiedao-2023-budget", "fiscal_summary")["columns"]
    assert [(c["key"], c["block"]) for c in columns] == [("total", 0), ("total", 1), ("general_budget", 1)]


def _amount(row: dict) -> Decimal:
    return Decimal(str(row["values"]["total"] or 0))


@pytest.mark.parametrize("sample", samples(), ids=lambda p: p.stem)
def test_sided_tables_balance(sample):
    """Every 收支 table: each side ends with its 总计, and 收入总计 = 支出总计; no
    fragment rows (a wrapped label's tail alone)."""
    for record in records(sample.stem):
        if record["type"] != "table" or record["layout"] != "sided" or record["status"] != "ok":
            continue
        table_rows = rows(sample.stem, record["table"])
        assert all(len(r["name"]) >= 2 for r in table_rows), record["table"]
        assert all(r["side"] in ("income", "expenditure", "expenditure_2") for r in table_rows)
        income = [r for r in table_rows if r["side"] == "income"]
        expenditure = [r for r in table_rows if r["side"] == "expenditure"]
        assert income[-1]["total"] and expenditure[-1]["total"], record["table"]
        assert _amount(income[-1]) == _amount(expenditure[-1]), record["table"]
