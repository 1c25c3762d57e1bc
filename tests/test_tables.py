"""Rows of the standard tables as a reviewer reads them off the page.

Each expectation was checked cell by cell against the source document (PDF page text or
the text file's lines); a change here is a change in what budgetkit claims the document
says.
"""

from decimal import Decimal
from decimal import Decimal as D
from functools import cache

import pytest

from budgetkit.extraction.build import extract_file
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


def labelled(stem: str, table_id: str, keys: tuple[str, ...]) -> list[tuple]:
    """(code, name, labels, {key: amount}) of every row."""
    return [(r["code"], r["name"], r["labels"],
             {k: None if r["values"][k] is None else D(str(r["values"][k])) for k in keys})
            for r in rows(stem, table_id)]


# 2022 年项目支出预算表, lines 1385-1532: 科目编码 科目名称 单位编码 单位名称 项目名称, the
# project name wrapped over two lines below the other cells (企业离休人员 / 医疗经费).
DONGXIHU_PROJECTS = [
    (None, '', {}, {'total': D('2297.1'), 'in_budget': D('2297.1')}),
    ('026', '武汉市东西湖区医疗保障局', {'unit_code': '026', 'unit': '武汉市东西湖区医疗保障局'}, {'total': D('2297.1'), 'in_budget': D('2297.1')}),
    ('026001', '武汉市东西湖区医疗保障局本级', {'unit_code': '026001', 'unit': '武汉市东西湖区医疗保障局本级'}, {'total': D('2297.1'), 'in_budget': D('2297.1')}),
    ('2101101', '企业离休人员医疗经费', {'subject_code': '2101101', 'subject': '行政单位医疗', 'unit_code': '026001', 'unit': '武汉市东西湖区医疗保障局本级', 'project': '企业离休人员医疗经费'}, {'total': D('600'), 'in_budget': D('600')}),
    ('2101101', '保优离医疗经费', {'subject_code': '2101101', 'subject': '行政单位医疗', 'unit_code': '026001', 'unit': '武汉市东西湖区医疗保障局本级', 'project': '保优离医疗经费'}, {'total': D('1200'), 'in_budget': D('1200')}),
    ('2101301', '城乡医疗救助', {'subject_code': '2101301', 'subject': '城乡医疗救助', 'unit_code': '026001', 'unit': '武汉市东西湖区医疗保障局本级', 'project': '城乡医疗救助'}, {'total': D('260'), 'in_budget': D('260')}),
    ('2101401', '伤残军人医疗经费', {'subject_code': '2101401', 'subject': '优抚对象医疗补助', 'unit_code': '026001', 'unit': '武汉市东西湖区医疗保障局本级', 'project': '伤残军人医疗经费'}, {'total': D('74'), 'in_budget': D('74')}),
    ('2101502', '党员教育培训', {'subject_code': '2101502', 'subject': '一般行政管理事务', 'unit_code': '026001', 'unit': '武汉市东西湖区医疗保障局本级', 'project': '党员教育培训'}, {'total': D('1.1'), 'in_budget': D('1.1')}),
    ('2101505', '医保业务科工作经费', {'subject_code': '2101505', 'subject': '医疗保障政策管理', 'unit_code': '026001', 'unit': '武汉市东西湖区医疗保障局本级', 'project': '医保业务科工作经费'}, {'total': D('12'), 'in_budget': D('12')}),
    ('2101506', '医保核查中心工作经费', {'subject_code': '2101506', 'subject': '医疗保障经办事务', 'unit_code': '026001', 'unit': '武汉市东西湖区医疗保障局本级', 'project': '医保核查中心工作经费'}, {'total': D('90'), 'in_budget': D('90')}),
    ('2101506', '医保服务中心工作经费', {'subject_code': '2101506', 'subject': '医疗保障经办事务', 'unit_code': '026001', 'unit': '武汉市东西湖区医疗保障局本级', 'project': '医保服务中心工作经费'}, {'total': D('60'), 'in_budget': D('60')}),
]

# 项目支出表, lines 313-325 (tab-separated OCR): 项目分类 项目名称, funds of the year and
# carried over (财政拨款结转结余, garbled 才政拨款结转结), 財政专户 (OCR for 财政专户).
JIANGXIA_PROJECTS = [
    (None, '合计', {}, {'total': D('186'), 'general_budget': D('186'), 'carryover_general_budget': D('0')}),
    (None, '武汉市江夏区医疗保障局', {'unit': '武汉市江夏区医疗保障局'}, {'total': D('186'), 'general_budget': D('186'), 'carryover_general_budget': D('0')}),
    (None, '武汉市江夏区医疗保障局本统', {'unit': '武汉市江夏区医疗保障局本统'}, {'total': D('186'), 'general_budget': D('186'), 'carryover_general_budget': D('0')}),
    ('22', '', {}, {'total': D('186'), 'general_budget': D('186'), 'carryover_general_budget': D('0')}),
    (None, '综合性履职业务费', {'project_kind': '其他运转类', 'project': '综合性履职业务费'}, {'total': D('144'), 'general_budget': D('144'), 'carryover_general_budget': D('0')}),
    (None, '信息化建设与运行维护', {'project_kind': '其他运转类', 'project': '信息化建设与运行维护'}, {'total': D('20'), 'general_budget': D('20'), 'carryover_general_budget': D('0')}),
    (None, '医保专项业务经费', {'project_kind': '其他运转类', 'project': '医保专项业务经费'}, {'total': D('22'), 'general_budget': D('22'), 'carryover_general_budget': D('0')}),
]


def test_dongxihu_projects():
    assert labelled("dongxihu-yibao-2022-budget", "projects", ("total", "in_budget")) == DONGXIHU_PROJECTS
    projects = [r for r in rows("dongxihu-yibao-2022-budget", "projects") if r["labels"].get("project")]
    assert sum(D(str(r["values"]["total"])) for r in projects) == D("2297.10")  # = 项目支出 of the 收支总表
    assert not any(r["uncertain"] for r in rows("dongxihu-yibao-2022-budget", "projects"))


def test_jiangxia_projects():
    assert labelled("jiangxia-yibao-2024-budget", "projects",
                    ("total", "general_budget", "carryover_general_budget")) == JIANGXIA_PROJECTS
    keys = [c["key"] for c in table("jiangxia-yibao-2024-budget", "projects")["columns"]]
    assert keys == ["total", "general_budget", "gov_fund", "state_capital", "carryover_general_budget",
                    "carryover_gov_fund", "carryover_state_capital", "special_account", "unit_funds"]


def test_jiangsu_procurement():
    """公开12表, pages 20-23: 采购品目大类 专项名称 经济科目 采购物品名称 采购组织形式 总计; the
    first column is blank on the continuation pages, one item spans two rows."""
    got = rows("jiangsu-jianchayuan-2018-budget", "procurement")
    assert [c["key"] for c in table("jiangsu-jianchayuan-2018-budget", "procurement")["columns"]] == ["total"]
    by_index = {r["index"]: (r["name"], r["labels"], D(str(r["values"]["total"]))) for r in got}
    assert by_index[0] == ("合计", {}, D("3096.24"))
    assert by_index[1] == ("一、货物A", {"category": "一、货物A"}, D("268"))
    assert by_index[2] == ("信息网络及软件购置更新", {
        "project": "网络、电子检务、实验室、机要通道、档案数字化系统运行维护费",
        "economic_subject": "信息网络及软件购置更新"}, D("60"))
    assert by_index[3] == ("PC服务器", {"item": "PC服务器", "method": "部门集中采购"}, D("40"))
    assert by_index[26] == ("数据处理服务", {"item": "数据处理服务", "method": "分散自行组织"}, D("100"))
    assert by_index[45] == ("物业管理服务", {"item": "物业管理服务", "method": "部门集中采购"}, D("330"))
    assert by_index[46] == ("物业管理服务", {"item": "物业管理服务", "method": "分散自行组织"}, D("20"))
    assert by_index[51] == ("教育服务", {"item": "教育服务", "method": "分散自行组织"}, D("700"))
    items = [r for r in got if "item" in r["labels"]]
    assert sum(D(str(r["values"]["total"])) for r in items) == D("3096.24")


def test_labels_only_on_labelled_tables():
    for record in records("qingshan-yibao-2023-final"):
        if record["type"] == "row":
            assert record["labels"] is None


def test_jiangsu_expenditure_summary_columns():
    """公开03表 (page 15): 合计 基本支出 项目支出 单位预留机动经费 结转下年资金 (always blank)."""
    columns = table("jiangsu-jianchayuan-2018-budget", "expenditure_summary")["columns"]
    assert [c["key"] for c in columns] == ["total", "basic", "project", "reserve", "carry_forward"]
    (row,) = rows("jiangsu-jianchayuan-2018-budget", "expenditure_summary")
    assert row["values"] == {"total": D("21955.35"), "basic": D("13994.31"), "project": D("5573.00"),
                             "reserve": D("2388.04"), "carry_forward": None}


def test_jiangsu_three_public_columns():
    """公开09表 (page 19): 合计 = “三公”经费小计 + 会议费 + 培训费; 三公 = 出国 + 公车 + 接待."""
    columns = table("jiangsu-jianchayuan-2018-budget", "three_public")["columns"]
    assert [c["key"] for c in columns] == ["total", "three_public", "abroad", "vehicles", "vehicle_purchase",
                                           "vehicle_operation", "reception", "meetings", "training"]
    (row,) = rows("jiangsu-jianchayuan-2018-budget", "three_public")
    values = {k: None if v is None else D(str(v)) for k, v in row["values"].items()}
    assert values == {"total": D("1384.74"), "three_public": D("484.30"), "abroad": D("100"),
                      "vehicles": D("267.80"), "vehicle_purchase": None, "vehicle_operation": D("267.80"),
                      "reception": D("116.50"), "meetings": D("200.44"), "training": D("700")}
    assert values["three_public"] == values["abroad"] + values["vehicles"] + values["reception"]
    assert values["total"] == values["three_public"] + values["meetings"] + values["training"]


def test_qingshan_empty_three_public_columns():
    """公开09表 (line 606): no values, but the 12 numbered columns are printed: 预算数 and
    决算数, each 合计 (1=2+3+6), 出国, 公车小计 (3=4+5), 购置, 运行, 接待."""
    record = table("qingshan-yibao-2023-final", "three_public")
    assert record["status"] == "empty" and record["rows"] == 0
    parts = ["total", "abroad", "vehicles", "vehicle_purchase", "vehicle_operation", "reception"]
    assert [c["key"] for c in record["columns"]] == [f"{p}_budget" for p in parts] + [f"{p}_actual" for p in parts]


def test_jiangxia_three_public_vehicle_subtotal():
    """The 小计 under an unreadable 公务用车购置及运行费 heading is the vehicles subtotal."""
    keys = [c["key"] for c in table("jiangxia-yibao-2024-budget", "three_public")["columns"]]
    assert keys == ["total", "abroad", "vehicles", "vehicle_purchase", "vehicle_operation", "reception"]


def test_jiangxia_garbled_headers():
    """收入总表 (line 130) and 一般公共预算支出表(分单位) (line 234): OCR left header cells
    blank or garbled (项目又出, 財政专户); the values are in the printed order."""
    keys = [c["key"] for c in table("jiangxia-yibao-2024-budget", "income_summary")["columns"]]
    assert keys == ["total", "current_year", "general_budget", "gov_fund", "state_capital", "special_account",
                    "service_income", "business_income", "upper_grants", "subsidiary_remit", "other_income",
                    "carryover", "carryover_general_budget", "carryover_gov_fund", "carryover_state_capital",
                    "carryover_special_account", "carryover_unit_funds"]
    total = rows("jiangxia-yibao-2024-budget", "income_summary")[0]["values"]
    assert (total["total"], total["current_year"], total["general_budget"], total["carryover"]) == (
        D("478.85"), D("478.85"), D("478.85"), D("0"))
    keys = [c["key"] for c in table("jiangxia-yibao-2024-budget", "general_budget_by_unit")["columns"]]
    assert keys == ["total", "basic", "personnel", "public", "project"]
    for row in rows("jiangxia-yibao-2024-budget", "general_budget_by_unit"):
        values = row["values"]
        assert values["basic"] == values["personnel"] + values["public"]
        assert values["total"] == values["basic"] + values["project"]


def test_dongxihu_procurement_cells():
    """2022 年政府采购预算表 (line 1533): every text cell wraps over lines of its own; the
    extraction closes each cell with a space, so 医保服务 / 中心工作经费 is one cell and
    办公设 / 备、印刷 the next.  The projects are those of the 项目支出预算表."""
    got = {r["index"]: r for r in rows("dongxihu-yibao-2022-budget", "procurement")}
    assert [(got[i]["labels"].get("project"), got[i]["name"], got[i]["values"]["total"]) for i in (3, 4, 5, 6)] == [
        ("公务费", "打印纸", D("3.00")), ("医保服务中心工作经费", "办公设备、印刷", D("15.00")),
        ("医保核查中心工作经费", "医疗费用审核稽查", D("80.00")), ("医保业务科工作经费", "印刷", D("11.00"))]
    assert [got[i]["values"]["quantity"] for i in (3, 4, 5, 6)] == [None, D("1"), D("1"), D("20000")]
