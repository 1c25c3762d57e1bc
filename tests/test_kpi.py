"""kpi records of the six samples, computed by hand from their golden records.

Every value below is the formula over the printed figures, rounded half up once:
percentages to 2 places, 万元 per person to 4.
"""

import json
from collections import Counter
from decimal import Decimal as D

import pytest

from budgetkit.checks import group_documents
from budgetkit.kpi import History, kpi_records
from budgetkit.records import dumps, read_records

GOLDEN = "tests/golden/"


def document(name):
    with open(GOLDEN + name + ".jsonl", encoding="utf-8") as handle:
        (found,) = group_documents(read_records(handle))
    return found


def kpis(name):
    return kpi_records(document(name))


def by_id(records, kpi):
    (found,) = [r for r in records if r["kpi"] == kpi]
    return found


def values(records, kinds):
    """kpi id → (value, {input: (value, from)}) for the ids in ``kinds``."""
    return {r["kpi"]: (r["value"], {k: (v["value"], v["from"]) for k, v in r["inputs"].items()})
            for r in records if r["kpi"] in kinds}


SHARES = ("share_basic", "share_project", "share_personnel", "share_public", "share_three_public")
PER_STAFF = ("personnel_per_staff", "three_public_per_staff", "operating_expenses_per_staff")


def test_dongxihu_budget_shares_and_amounts_per_person():
    records = kpis("dongxihu-yibao-2022-budget")
    total = (D("3291.91"), "expenditure_summary[0].total")
    personnel = (D("872.79"), "basic_expenditure[1].total + basic_expenditure[25].total")  # 301 868.1 + 303 4.69
    three_public = (D("4"), "three_public[0].total")
    staff = (D("30"), "staff in_service (statement s7)")
    assert values(records, SHARES + PER_STAFF) == {
        "share_basic": (D("30.22"), {"basic": (D("994.81"), "expenditure_summary[0].basic"),
                                     "total_expenditure": total}),  # 994.81 / 3291.91 = 30.2198 %
        # no 项目支出 column: 部门项目 163.1 + 公共项目 2134 = 2297.1; / 3291.91 = 69.7802 %
        "share_project": (D("69.78"), {"project": (D("2297.1"), "expenditure_summary[0].project_dept + "
                                                                "expenditure_summary[0].project_public"),
                                       "total_expenditure": total}),
        "share_personnel": (D("26.51"), {"personnel": personnel, "total_expenditure": total}),  # 26.5132 %
        "share_public": (D("3.71"), {"public": (D("122.02"), "basic_expenditure[12].total"),  # 302 only: 3.7067 %
                                     "total_expenditure": total}),
        "share_three_public": (D("0.12"), {"three_public": three_public, "total_expenditure": total}),  # 0.1215 %
        "personnel_per_staff": (D("29.093"), {"personnel": personnel, "staff_in_service": staff}),  # 872.79 / 30
        "three_public_per_staff": (D("0.1333"), {"three_public": three_public, "staff_in_service": staff}),  # 4 / 30
    }
    # no 机关运行经费 anywhere, no final account, no scored form: nothing else
    assert Counter(r["kpi"] for r in records) == Counter(SHARES + PER_STAFF[:2])


def test_a_whole_kpi_record():
    record = by_id(kpis("jiangxia-yibao-2024-budget"), "personnel_per_staff")
    assert record == {
        "type": "kpi", "doc": "7e8df3bb29b87cc2", "kpi": "personnel_per_staff", "subject": None, "code": None,
        "form": None, "value": D("38.3357"),  # 268.35 / 7 = 38.335714…
        "unit": "万元/人", "formula": "personnel / staff_in_service",
        "inputs": {"personnel": {"value": D("268.35"), "from": "basic_expenditure[0].personnel"},
                   "staff_in_service": {"value": D("7"), "from": "staff in_service (statement s6)"}},
        "printed": None, "difference": None, "page": None, "line": None,
    }


def test_jiangxia_budget():
    records = kpis("jiangxia-yibao-2024-budget")
    assert {k: v for k, (v, _) in values(records, SHARES + PER_STAFF).items()} == {
        "share_basic": D("61.16"),  # 292.85 / 478.85 = 61.1569 %
        "share_project": D("38.84"),  # 186 / 478.85 = 38.8431 %
        "share_personnel": D("56.04"),  # 人员经费 column of the basic table: 268.35 / 478.85 = 56.0405 %
        "share_public": D("5.12"),  # 24.5 / 478.85 = 5.1164 %
        "share_three_public": D("0.04"),  # 0.18 / 478.85 = 0.0376 %
        "personnel_per_staff": D("38.3357"),  # 268.35 / 7
        "three_public_per_staff": D("0.0257"),  # 0.18 / 7 = 0.025714
        "operating_expenses_per_staff": D("3.5"),  # 24.5 / 7; no table prints it: the prose (s109) does
    }
    assert by_id(records, "operating_expenses_per_staff")["inputs"]["operating_expenses"] == {
        "value": D("24.5"), "from": "statement s109"}


def test_jiangsu_budget_takes_the_three_public_subtotal_not_the_total_with_meetings():
    records = kpis("jiangsu-jianchayuan-2018-budget")
    assert {k: v for k, (v, _) in values(records, SHARES).items()} == {
        "share_basic": D("63.74"),  # 13994.31 / 21955.35 = 63.7399 %
        "share_project": D("25.38"),  # 5573 / 21955.35 = 25.3833 %
        "share_personnel": D("51.27"),  # 301 10204.52 + 303 1052.83 = 11257.35; 51.2738 %
        "share_public": D("12.40"),  # 302 2722.57: 12.4005 %
        "share_three_public": D("2.21"),  # 三公 484.3 (合计 1384.74 also counts 会议费, 培训费): 2.2058 %
    }
    assert by_id(records, "share_three_public")["inputs"]["three_public"] == {
        "value": D("484.3"), "from": "three_public[0].three_public"}
    assert len(records) == 5  # no staff count is printed: no amounts per person


def test_putuo_budget_in_yuan():
    records = kpis("shanghai-putuo-wanli-jiedao-2023-budget")
    assert {k: v for k, (v, _) in values(records, SHARES).items()} == {
        "share_basic": D("60.25"),  # 9940.6297 / 16497.864 = 60.2540 %
        "share_project": D("39.75"),  # 6557.2343 / 16497.864 = 39.7460 %
        "share_personnel": D("50.93"),  # 8402.4865 / 16497.864 = 50.9308 %
        "share_public": D("9.32"),  # 1538.1432 / 16497.864 = 9.3233 %
        "share_three_public": D("0.14"),  # 22.91 / 16497.864 = 0.1389 %
    }
    assert by_id(records, "share_basic")["inputs"]["total_expenditure"] == {
        "value": D("16497.864"), "from": "expenditure_summary[66].total"}  # 164,978,640 元
    assert len(records) == 5


def test_qingshan_final_account():
    records = kpis("qingshan-yibao-2023-final")
    assert {k: v for k, (v, _) in values(records, SHARES).items()} == {
        "share_basic": D("10.67"),  # 131.09 / 1228.72 = 10.6688 %
        "share_project": D("89.33"),  # 1097.63 / 1228.72 = 89.3312 %
        "share_personnel": D("10.04"),  # 人员经费合计 row 123.31: 10.0356 %
        "share_public": D("0.63"),  # 公用经费合计 row 7.78: 0.6332 %
        "share_three_public": D("0"),  # the 三公 table is empty, its note says there is none
    }
    assert by_id(records, "share_three_public")["inputs"]["three_public"]["from"] == \
        "three_public (empty, its note says there is none)"
    # 支出决算 1228.72 against 年初预算 995.27: 123.4559 %, printed 123.5 %
    assert by_id(records, "execution_expenditure") == {
        "type": "kpi", "doc": "32928044cb889c2f", "kpi": "execution_expenditure", "subject": "支出决算", "code": None,
        "form": None, "value": D("123.46"), "unit": "%", "formula": "actual / budget × 100",
        "inputs": {"actual": {"value": D("1228.72"), "from": "statement s17 amount"},
                   "budget": {"value": D("995.27"), "from": "statement s17 basis_amount"}},
        "printed": D("123.5"), "difference": D("-0.04"), "page": None, "line": 795,
    }
    help_line = [r for r in records if r["kpi"] == "execution_rate" and r["code"] == "2101103"]
    assert [(r["value"], r["printed"]) for r in help_line] == [(D("107.52"), D("107.5"))]  # 7.01 / 6.52 = 107.5153 %
    assert Counter(r["kpi"] for r in records) == Counter({
        "indicator_attainment": 78, "execution_rate": 18, "form_execution_rate": 8, "form_execution_score": 8,
        "form_total_score": 8, **dict.fromkeys(SHARES, 1), "execution_expenditure": 1})


def test_qingshan_performance_forms():
    records = [r for r in kpis("qingshan-yibao-2023-final") if r["form"] == "performance#2"]
    rate, score = by_id(records, "form_execution_rate"), by_id(records, "form_execution_score")
    assert (rate["value"], rate["printed"]) == (D("70.94"), D("70.94"))  # 995.33 / 1403.1 = 70.9379 %
    # 20 × 0.709379 = 14.1876
    assert (score["value"], score["printed"], score["difference"]) == (D("14.19"), D("14.2"), D("-0.01"))
    total = by_id(records, "form_total_score")
    # 14.19 + the printed indicator scores 10 × 6 + 8 + 7 + 5 = 80 (no weight per indicator is printed)
    assert (total["value"], total["printed"], total["difference"]) == (D("94.19"), D("94.2"), D("-0.01"))
    assert total["formula"] == "execution_score + indicator_1 + … + indicator_9"
    assert total["inputs"]["execution_score"] == {"value": D("14.19"), "from": "form_execution_score"}
    assert total["inputs"]["indicator_8"] == {"value": D("7"), "from": "performance#2 indicator 8 score"}
    first = records[2]  # 资助参保人次数 ≥5000 人次, 5629 人次: min(5629 / 5000, 1) = 1
    assert first == {
        "type": "kpi", "doc": "32928044cb889c2f", "kpi": "indicator_attainment", "subject": "资助参保人次数", "code": None,
        "form": "performance#2", "value": D("100"), "unit": "%", "formula": "min(actual / target, 1) × 100",
        "inputs": {"target": {"value": D("5000"), "from": "performance#2 indicator 1 target (≥5000人次)"},
                   "actual": {"value": D("5629"), "from": "performance#2 indicator 1 actual (5629人次)"}},
        "printed": None, "difference": None, "page": None, "line": first["line"],
    }
    # 减轻困难群众看病就医负担 (有所减轻) is qualitative: 9 indicators, 8 recomputed
    assert sum(r["kpi"] == "indicator_attainment" for r in records) == 8


def test_qingshan_overall_form_total_and_a_reverse_indicator():
    records = kpis("qingshan-yibao-2023-final")
    overall = [r for r in records if r["form"] == "performance"]
    # 20 × 1228.72 / 1636.49 = 15.0165 → 15.02, printed 15; the 38 printed scores add up to 80
    assert [(r["kpi"], r["value"], r["printed"]) for r in overall if r["kpi"].startswith("form_")] == [
        ("form_execution_rate", D("75.08"), D("75.08")), ("form_execution_score", D("15.02"), D("15")),
        ("form_total_score", D("95.02"), D("95"))]
    (months,) = [r for r in records if r["subject"] == "医疗补助核算完成时间"]  # ≤12 月, 12 月: min(12 / 12, 1)
    assert (months["formula"], months["value"]) == ("min(target / actual, 1) × 100", D("100"))
    (none,) = [r for r in overall if r["subject"] == "因医保问题发生重大群体性事件数量"]  # =0 起, 0 起: met
    assert none["value"] == D("100")


def test_indicator_score_where_the_form_prints_weights():
    from budgetkit.kpi.forms import form_records
    doc = document("qingshan-yibao-2023-final")
    doc.forms = [f for f in doc.forms if f["form"] == "performance#7"]
    doc.indicators = [dict(i, weight=D("10")) for i in doc.indicators if i["form"] == "performance#7"]
    doc.indicators[0] |= {"target_op": ">=", "target_value": D("5000"), "actual_value": D("4900.34"), "score": D("9.8")}
    scored = [r for r in form_records(doc) if r["kpi"] == "indicator_score"]
    # forward: 10 × 4900.34 / 5000 = 9.80068 → 9.80, printed 9.8
    assert (scored[0]["value"], scored[0]["printed"], scored[0]["formula"]) == (
        D("9.80"), D("9.8"), "weight × min(actual / target, 1)")
    assert scored[0]["inputs"]["weight"] == {"value": D("10"), "from": "performance#7 indicator 1 weight"}
    assert len(scored) == 6  # 享受对象医疗负担改善情况 is qualitative


def test_putuo_final_account_three_public_execution():
    records = kpis("shanghai-putuo-caizhengju-2024-final")
    assert {k: v for k, (v, _) in values(records, SHARES).items()} == {
        "share_basic": D("79.49"),  # 2336.91 / 2940.05 = 79.4854 %
        "share_project": D("20.51"),  # 603.14 / 2940.05 = 20.5146 %
        "share_personnel": D("73.20"),  # 人员经费合计 2152.26: 73.2049 %
        "share_public": D("6.28"),  # 公用经费合计 184.65 (302 171.07 + 310 13.58): 6.2805 %
        "share_three_public": D("0"),  # 三公 决算数 left blank beside a 预算数 of 0.95
    }
    assert values(records, ("execution_three_public",)) == {"execution_three_public": (D("0"), {
        "three_public": (D("0"), "three_public[0].total_actual (blank)"),
        "three_public_budget": (D("0.95"), "three_public[0].total_budget")})}
    expenditure = by_id(records, "execution_expenditure")  # 2940.05 / 2993.92 = 98.2007 %, printed 98.20 %
    assert (expenditure["value"], expenditure["printed"], expenditure["difference"]) == (D("98.20"), D("98.2"), D(0))
    (running,) = [r for r in records if r["kpi"] == "execution_rate" and "行政运行" in r["subject"]]
    assert (running["value"], running["printed"]) == (D("96.91"), None)  # 1511.89 / 1560.05 = 96.9129 %
    assert Counter(r["kpi"] for r in records) == Counter({
        **dict.fromkeys(SHARES, 1), "execution_three_public": 1, "execution_reception": 1,
        "execution_expenditure": 1, "execution_rate": 12})


def test_growth_when_the_year_before_came_earlier_in_the_stream():
    """东西湖 2022 prints 3291.91 万元, 比 2021年预算增加 181.08 万元: a 2021 document with
    3110.83 and 三公 5 gives growth 181.08 / 3110.83 = 5.8209 % and (4 − 5) / 5 = −20 %."""
    with open(GOLDEN + "dongxihu-yibao-2022-budget.jsonl", encoding="utf-8") as handle:
        current = [json.loads(line, parse_float=D) for line in handle]
    earlier = []
    for record in current:
        record = json.loads(dumps(record), parse_float=D) | {"doc": "0000000000002021"}
        if record["type"] == "document":
            record["year"] = 2021
        if record["type"] == "row" and record["key"] == "expenditure_summary" and record["index"] == 0:
            record["values"]["total"] = D("3110.83")
        if record["type"] == "row" and record["key"] == "three_public" and record["index"] == 0:
            record["values"]["total"] = D("5")
        earlier.append(record)
    history = History()
    documents = list(group_documents(earlier + current))
    assert not [r for r in kpi_records(documents[0], history) if r["kpi"].startswith("growth_")]
    growth = {r["kpi"]: r for r in kpi_records(documents[1], history) if r["kpi"].startswith("growth_")}
    assert growth["growth_total_expenditure"]["value"] == D("5.82")
    assert growth["growth_total_expenditure"]["inputs"] == {
        "total_expenditure": {"value": D("3291.91"), "from": "expenditure_summary[0].total"},
        "total_expenditure_previous": {"value": D("3110.83"),
                                       "from": "doc 0000000000002021 (2021) expenditure_summary[0].total"}}
    assert growth["growth_three_public"]["value"] == D("-20")
    assert growth["growth_basic"]["value"] == D("0")  # unchanged figures grow by 0
    assert set(growth) == {"growth_total_expenditure", "growth_basic", "growth_project", "growth_personnel",
                           "growth_public", "growth_three_public"}  # no 机关运行经费 in either year


@pytest.mark.parametrize("name", ["dongxihu-yibao-2022-budget", "qingshan-yibao-2023-final"])
def test_every_kpi_record_validates_against_the_schema(name):
    jsonschema = pytest.importorskip("jsonschema")
    from budgetkit.records import json_schema
    validator = jsonschema.Draft202012Validator(json_schema())
    for record in kpis(name):
        validator.validate(json.loads(dumps(record)))
