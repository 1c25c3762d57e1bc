"""Performance forms: indicators, form facts and totals, checked by hand against the samples."""

from decimal import Decimal as D
from functools import lru_cache

import pytest

from budgetkit.extraction.build import extract_file
from budgetkit.forms.targets import parse_target
from builders import form, run
from conftest import ROOT


@lru_cache(maxsize=None)
def records(sample: str) -> tuple[dict, ...]:
    return tuple(extract_file(str(ROOT / "samples" / sample)).records)


def of_type(sample: str, kind: str, form: str | None = None) -> list[dict]:
    return [r for r in records(sample) if r["type"] == kind
            and (form is None or r.get("form", r.get("source")) == form)]


def indicator_tuples(sample: str, form: str) -> list[tuple]:
    return [(r["level1"], r["level2"], r["name"], r["target_op"], r["target_value"], r["target_unit"],
             r["target_text"], r["actual_op"], r["actual_value"], r["actual_unit"], r["actual_text"], r["score"])
            for r in of_type(sample, "indicator", form)]


@pytest.mark.parametrize("printed, op, value, unit, text", [
    ("》95%", ">=", D("95"), "%", None),  # 》 is a mis-typed ≥
    ("≥5000 人次", ">=", D("5000"), "人次", None),
    ("不低于辖区定点医药机构总数的 5%", ">=", D("5"), "%", None),
    ("≤2%", "<=", D("2"), "%", None),
    ("100%", "=", D("100"), "%", None),
    ("有效提升", None, None, None, "有效提升"),
    ("4次", "=", D("4"), "次", None),
    (">30000份", ">", D("30000"), "份", None),
    ("≥90%", ">=", D("90"), "%", None),
    ("﹥96%", ">", D("96"), "%", None),
    ("≥ 90%", ">=", D("90"), "%", None),
    ("各类培训》4次", ">=", D("4"), "次", None),
    ("故障率≤2%", "<=", D("2"), "%", None),
    ("30分钟以内", "<=", D("30"), "分钟", None),
    ("95%以上", ">=", D("95"), "%", None),
    ("=100.00(%)", "=", D("100.00"), "%", None),
    ("≥13459.00(平方米)", ">=", D("13459.00"), "平方米", None),
    ("0.66 元/册", "=", D("0.66"), "元/册", None),
    ("100%足额救助", "=", D("100"), "%", None),
    ("不超过 3 天", "<=", D("3"), "天", None),
    ("开展至少1次团体心理治疗", ">=", D("1"), "次", None),  # the unit is 次, not 次团体
    ("0出错", "=", D("0"), "出错", None),
    (None, None, None, None, None),
])
def test_target_parser(printed, op, value, unit, text):
    target = parse_target(printed)
    assert (target.op, target.value, target.unit, target.text) == (op, value, unit, text)


# --- 青山 2023 final account: self-evaluation forms -------------------------------------

QINGSHAN = "qingshan-yibao-2023-final.txt"


def test_qingshan_project_form_indicators():
    # Source lines 2491-2538 (2023 年度“城乡医疗救助”项目自评表).
    assert indicator_tuples(QINGSHAN, "performance#2") == [
        ("产出指标", "数量指标", "资助参保人次数", ">=", D("5000"), "人次", None, "=", D("5629"), "人次", None, D("10")),
        ("产出指标", "数量指标", "住院救助人次数", ">=", D("2500"), "人次", None, "=", D("2941"), "人次", None, D("10")),
        ("产出指标", "数量指标", "门诊救助人次数", ">=", D("5000"), "人次", None, "=", D("5355"), "人次", None, D("10")),
        ("产出指标", "质量指标", "对重点救助对象（自付合规医疗费用救助比例）",
         ">=", D("80"), "%", None, ">", D("80"), "%", None, D("10")),
        ("产出指标", "质量指标", "对低收入困难对象（自付合规医疗费用救助比例）",
         ">=", D("70"), "%", None, ">", D("70"), "%", None, D("10")),
        ("产出指标", "时效指标", "“一站式”即时结算覆盖率", ">=", D("90"), "%", None, ">", D("90"), "%", None, D("10")),
        ("效益指标", "社会效益指标", "对于符合救助条件且提出救助申请的救助对象医疗救助覆盖率",
         "=", D("100"), "%", None, "=", D("100"), "%", None, D("8")),
        ("效益指标", "社会效益指标", "减轻困难群众看病就医负担",
         None, None, None, "有所减轻", None, None, None, "有所减轻", D("7")),
        ("满意度指标", "服务对象满意度指标", "困难救助对象满意度", ">=", D("90"), "%", None, ">", D("90"), "%", None, D("5")),
    ]


def test_qingshan_project_form_facts():
    form = of_type(QINGSHAN, "form", "performance#2")[0]
    assert (form["form_kind"], form["name"], form["budget"], form["executed"], form["execution_rate"],
            form["execution_weight"], form["execution_score"], form["total_score"], form["indicators"]) == (
        "project", "城乡医疗救助", D("1403.1"), D("995.33"), D("70.94"), D("20"), D("14.2"), D("94.2"), 9)
    assert form["goals"] == [{"goal": "年度绩效目标", "weight": D("80")}]
    project = of_type(QINGSHAN, "project", "performance#2")[0]
    assert (project["name"], project["amount"]) == ("城乡医疗救助", D("1403.1"))


def test_qingshan_overall_form():
    # Source lines 1783-2377: weights per goal, the execution line, 基本/项目支出总额 in 元.
    form = of_type(QINGSHAN, "form", "performance")[0]
    assert (form["form_kind"], form["name"], form["budget"], form["executed"], form["execution_rate"],
            form["execution_weight"], form["execution_score"], form["total_score"]) == (
        "overall", "武汉市青山区医疗保障局", D("1636.49"), D("1228.72"), D("75.08"), D("20"), D("15"), D("95"))
    assert form["goals"] == [{"goal": "年度目标 1", "weight": D("30")}, {"goal": "年度绩效目标 2", "weight": D("20")},
                             {"goal": "年度绩效目标 3", "weight": D("20")}, {"goal": "年度绩效目标 4", "weight": D("10")}]
    # 1,310,925.84 元 and 10,976,268.65 元: together the 1228.72 万元 executed.
    assert (form["basic_expenditure"], form["project_expenditure"]) == (D("131.092584"), D("1097.626865"))
    indicators = of_type(QINGSHAN, "indicator", "performance")
    assert len(indicators) == form["indicators"] == 38
    by_goal = {}
    for row in indicators:
        by_goal[row["goal"]] = by_goal.get(row["goal"], 0) + row["score"]
    assert by_goal == {g["goal"]: g["weight"] for g in form["goals"]}  # full marks on every goal
    monitoring = indicators[12]
    assert (monitoring["name"], monitoring["target"], monitoring["target_op"], monitoring["target_value"],
            monitoring["actual"], monitoring["actual_value"], monitoring["score"]) == (
        "监督检查覆盖率", "不低于辖区定点医药机构总数的5%", ">=", D("5"),
        "辖区定点医药机构现场检查率66.67%", D("66.67"), D("3"))


def test_qingshan_scores_add_up_to_the_printed_totals():
    forms = of_type(QINGSHAN, "form")
    assert [f["indicators"] for f in forms] == [38, 9, 8, 8, 9, 11, 7, 8]
    for form in forms:
        scores = sum(r["score"] for r in of_type(QINGSHAN, "indicator", form["form"]))
        assert scores + form["execution_score"] == form["total_score"], form["form"]
        weights = sum(g["weight"] for g in form["goals"])
        assert weights + form["execution_weight"] == 100, form["form"]


# --- 东西湖 2022 budget: target forms in wrapped text ------------------------------------

DONGXIHU = "dongxihu-yibao-2022-budget.txt"


def test_dongxihu_project_form_indicators():
    # Source lines 3502-3539 (党员教育培训); 绩效标准 满意度调查 is not the target.
    assert indicator_tuples(DONGXIHU, "performance#10") == [
        ("产出指标", "数量指标", "红色基地参观次数", ">=", D("1"), "次", None, None, None, None, None, None),
        ("产出指标", "数量指标", "支部主题党日活动次数", ">=", D("12"), "次", None, None, None, None, None, None),
        ("产出指标", "质量指标", "按组织部要求完成全年学习任务", "=", D("100"), "%", None, None, None, None, None, None),
        ("效益指标", "社会效益指标", "提升党员思想建设", None, None, None, "有效提升", None, None, None, None, None),
        ("效益指标", "可持续影响指标", "发展入党积极分子", ">=", D("1"), "人", None, None, None, None, None, None),
        ("满意度指标", "服务对象满意度", "党员干部满意度", ">=", D("90"), "%", None, None, None, None, None, None),
    ]


def test_dongxihu_project_form_facts():
    form = of_type(DONGXIHU, "form", "performance#2")[0]
    assert (form["name"], form["amount"], form["funding"]) == (
        "医疗保障业务工作经费", D("12"), {"公共预算财政拨款": D("12"), "政府性基金预算财政拨款": D("0"), "其他资金": D("0")})
    project = of_type(DONGXIHU, "project", "performance#2")[0]
    assert project["items"] == [{"name": "印制宣传品", "amount": D("10")}, {"name": "执法设备费用", "amount": D("1")},
                                {"name": "其他费用", "amount": D("1")}]
    assert project["prior"] == [{"year": 2020, "amount": D("100")}, {"year": 2021, "amount": D("100")}]
    assert sum(i["amount"] for i in project["items"]) == project["amount"]


def test_dongxihu_overall_form_goals_and_history():
    indicators = of_type(DONGXIHU, "indicator", "performance")
    assert len(indicators) == 36
    first = indicators[0]
    assert (first["goal"], first["level1"], first["level2"], first["name"], first["target_text"]) == (
        "长期目标 1：医疗保障制度更加完善", "产出指标", "时效指标", "基本医疗保险市级统筹", "逐步完善")
    prior = {(p["side"], p["subject"], p["year"]): (p["amount"], p["share"]) for p in of_type(DONGXIHU, "prior", None)
             if p["source"] == "performance"}
    assert prior[("income", "合计", 2022)] == (D("3291.91"), D("100"))
    assert prior[("income", "合计", 2020)] == (D("2498.75"), None)
    assert prior[("expenditure", "基本支出", 2022)] == (D("994.81"), D("30.32"))  # printed; 994.81/3291.91 = 30.22%
    # The document's own slip: 2020 expenditure 合计 2489.75 while 658.97 + 1839.78 = 2498.75.
    assert prior[("expenditure", "合计", 2020)] == (D("2489.75"), None)
    assert prior[("expenditure", "基本支出", 2020)][0] + prior[("expenditure", "项目支出", 2020)][0] == D("2498.75")


def test_dongxihu_counts():
    assert [f["indicators"] for f in of_type(DONGXIHU, "form")] == [36, 6, 10, 7, 6, 5, 5, 5, 6, 6]


# --- 江夏 2024 budget: OCR'd, tab-separated -----------------------------------------------

JIANGXIA = "jiangxia-yibao-2024-budget.txt"


def test_jiangxia_form_without_header():
    # Source lines 485-492: the OCR lost the header; 一级 is printed mid-group.
    assert [t[:7] for t in indicator_tuples(JIANGXIA, "performance#3")] == [
        ("产出指标", "数量指标", "宣传资料份数", "=", D("5"), "万册", None),
        ("产出指标", "数量指标", "移动平台短信发放数量", "=", D("200"), "万条", None),
        ("产出指标", "质量指标", "宣传资料验收合格率", "=", D("100"), "%", None),
        ("产出指标", "质量指标", "移动平台短信发放接收率", "=", D("98"), "%", None),
        ("产出指标", "时效指标", "计划完成及时率", "=", D("100"), "%", None),
        ("产出指标", "时效指标", "资金支付及时率", "=", D("100"), "%", None),
        ("效益指标", "社会效益指标", "参保群众医保政策知晓率", ">=", D("90"), "%", None),
        ("满意度指标", "服务对象满意度指标", "服务对象满意度", ">=", D("90"), "%", None),
    ]
    project = of_type(JIANGXIA, "project", "performance#3")[0]
    assert (project["name"], project["amount"]) == ("医保专项业务经费", D("22"))
    assert [i["amount"] for i in project["items"]] == [D("10"), D("12")]


def test_jiangxia_current_year_column_is_the_target():
    rows = of_type(JIANGXIA, "indicator", "performance#2")
    assert len(rows) == 12
    response = next(r for r in rows if r["name"] == "医保信息系统重大事件响应时间")
    assert (response["target"], response["target_op"], response["target_value"], response["target_unit"]) == (
        "30分钟以内", "<=", D("30"), "分钟")


# --- 万里街道 2023 budget (PDF, 元) -------------------------------------------------------

WANLI = "shanghai-putuo-wanli-jiedao-2023-budget.pdf"


def test_wanli_pdf_form():
    # Page 32: 就业援助基地补贴.
    assert [t[:7] for t in indicator_tuples(WANLI, "performance#2")] == [
        ("产出指标", "数量指标", "补贴对象申请审核完成率", "=", D("100"), "%", None),
        ("产出指标", "质量指标", "补贴对象审核达标率", "=", D("100"), "%", None),
        ("效益指标", "社会效益指标", "补贴对象生活改善度", ">=", D("80"), "%", None),
        ("满意度指标", "服务对象满意度指标", "补贴对象满意度", ">=", D("80"), "%", None),
    ]
    form = of_type(WANLI, "form", "performance#2")[0]
    assert (form["name"], form["unit"], form["amount"]) == ("就业援助基地补贴", "元", D("635.1"))  # 6,351,000.00 元
    assert form["funding"] == {"财政资金": D("635.1"), "当年财政拨款": D("635.1"), "上年结转资金": D("0"), "其他资金": D("0")}
    assert [f["indicators"] for f in of_type(WANLI, "form")] == [5, 4, 4, 43, 9]


def test_dongxihu_items_add_up_to_the_project_amounts():
    # Item names wrap over lines (2、医保结算网络建设、续租、计算机等 / 设备维护经费 / 10).
    for project in of_type(DONGXIHU, "project"):
        if project["source"] == "projects":
            continue  # the projects table prints no items
        assert project["items"], project["source"]
        assert sum(i["amount"] for i in project["items"]) == project["amount"], project["source"]


def test_qingshan_execution_lines_agree_with_their_own_arithmetic():
    for form in of_type(QINGSHAN, "form"):
        rate = form["executed"] / form["budget"] * 100
        assert abs(rate - form["execution_rate"]) < D("0.005"), form["form"]
        # The score is printed rounded (20 × 70.94% = 14.188 → 14.2; 20 × 75.08% = 15.016 → 15).
        assert abs(form["execution_weight"] * form["execution_rate"] / 100 - form["execution_score"]) < D("0.05")


def test_qingshan_text_only_rows_are_cut_into_their_cells():
    # Source lines 2716-2756: the target restates the name, the actual runs past the page
    # end after its score (10) and continues above the next row.
    rows = {r["line"]: r for r in of_type(QINGSHAN, "indicator", "performance#3")}
    assert (rows[2716]["name"], rows[2716]["target"], rows[2716]["actual"][:17], rows[2716]["actual"][-5:]) == (
        "守好人民群众“救命钱”", "守好人民群众“救命钱”", "追回违规医保基金260.77万元，", "第一道关口")
    assert (rows[2753]["name"], rows[2753]["target_text"], rows[2753]["score"]) == (
        "医保服务大厅工作正常运行", "有效保障", D("10"))
    # Source lines 3054-3090: 做好药品和药械带量采购工作 / 做好药品和药械集中带量采购工作 / 常态化开展…
    row = of_type(QINGSHAN, "indicator", "performance#5")[3]
    assert (row["name"], row["target"], row["actual"][:5]) == ("做好药品和药械带量采购工作", "做好药品和药械集中带量采购工作", "常态化开展")


def test_a_target_form_printing_its_money_with_colons():
    """Quanzhou's 绩效目标表 (quanzhou-03 p.26): 资金总额：, then the sources with colons."""
    from budgetkit.forms.facts import read_facts
    from budgetkit.sources import Cell, Line

    printed = [["专项资金情况（万元）", "资金总额：", "57.00", "", ""], ["", "财政拨款：", "57.00", "", ""],
               ["", "其他资金：", "0.00", "", ""], ["绩效目标指标", "一级指标", "二级指标", "三级指标", "目标值"]]
    facts = read_facts([Line(cells=[Cell(text) for text in cells], page=26) for cells in printed])
    assert (facts.amount.value, facts.amount.unit) == (D("57.00"), None)
    assert {label: found.value for label, found in facts.funding.items()} == {"财政拨款": D("57.00"),
                                                                             "其他资金": D("0.00")}


def test_an_overall_form_printing_its_money_as_basic_and_project_spending():
    """quanzhou-03 p.52, 部门整体支出绩效目标表: the department's name beside 部门预算编码, and a
    年度预算安排 block of 资金总额 · 项目支出 · 基本支出 · 其他资金 (no 财政拨款 line)."""
    from budgetkit.forms.facts import read_facts
    from budgetkit.sources import Cell, Line

    printed = [["部门名称", "泉州市公安局", "部门预算编码", "301"], ["", "资金总额", "81562.56"],
               ["", "项目支出", "29514.82"], ["年度预算安排（万", "", ""], ["元）", "", ""],
               ["", "基本支出", "52047.74"], ["", "其他资金", "0.00"],
               ["一级指标", "二级指标", "三级指标", "目标值"]]
    facts = read_facts([Line(cells=[Cell(text) for text in cells], page=52) for cells in printed])
    assert (facts.name, facts.amount.value, facts.basic, facts.project) == (
        "泉州市公安局", D("81562.56"), D("52047.74"), D("29514.82"))
    assert run("form.funding", form(kind="overall", amount=81562.56, funding={"其他资金": D("0.00")})) == []


def test_a_form_listing_several_projects_gives_each_its_form():
    """重庆 表十二 (chongqing-01 p.31), a ruled grid: 序号 | 项目名称 | 当年财政拨款预算金额 | 当年绩效目标 |
    指标名称 | 指标性质 | 指标值 | 计量单位 | 指标权重(%), a project's indicators on the rows under its
    name; the operator and the unit of a target in columns of their own."""
    from budgetkit.forms import form_records
    from budgetkit.sources import Cell, Line
    from budgetkit.tables.catalogue import TableKind
    from budgetkit.tables.locate import Span

    rows = [["序号", "项目名称", "当年财政拨款预算金额", "当年绩效目标", "指标名称", "指标性质", "指标值", "计量单位",
             "指标权重(%)"],
            ["1", "职业教育运转及发展项目", "2,485.93", "师生满意度大于95%。", "水电、管网安装", "≥", "21000", "平方米", "30"],
            ["", "", "", "", "师生满意度", "≥", "95", "%", "70"],
            ["2", "工业和信息化业务工作经费", "6,564.12", "表彰奖励人数不超过300人。", "表彰奖励人数", "≤", "300", "人", "100"]]
    span = Span(TableKind("performance", "form", ()), "表十二 2026年市级一般性项目绩效目标表", "表十二", 0, 1)
    span.lines = [Line(cells=[Cell(t) for t in cells], page=31, positional=True) for cells in rows]
    records = form_records("d", "performance#3", span, "万元", 2026)
    assert [(r["type"], r.get("form") or r.get("source"), r["name"], r.get("amount")) for r in records
            if r["type"] in ("form", "project")] == [
        ("form", "performance#3/1", "职业教育运转及发展项目", D("2485.93")),
        ("project", "performance#3/1", "职业教育运转及发展项目", D("2485.93")),
        ("form", "performance#3/2", "工业和信息化业务工作经费", D("6564.12")),
        ("project", "performance#3/2", "工业和信息化业务工作经费", D("6564.12"))]
    assert [(r["form"], r["name"], r["target"], r["target_op"], r["target_value"], r["target_unit"], r["weight"])
            for r in records if r["type"] == "indicator"] == [
        ("performance#3/1", "水电、管网安装", "≥21000平方米", ">=", D("21000"), "平方米", D("30")),
        ("performance#3/1", "师生满意度", "≥95%", ">=", D("95"), "%", D("70")),
        ("performance#3/2", "表彰奖励人数", "≤300人", "<=", D("300"), "人", D("100"))]
