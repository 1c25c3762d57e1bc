"""``budgetkit diff``: two years of a department, and a budget against its final account.

The second year is ``tests/fixtures/diff/dongxihu-yibao-2023-budget.txt``: the 东西湖 2022
budget with a handful of figures changed consistently (tests/fixtures/make_diff_fixture.py
says which).  The diff must find exactly those figures, everywhere the document prints them.
"""

import copy
from decimal import Decimal

import pytest

from builders import D, build, document, row, table
from conftest import extracted
from budgetkit.document import group_documents
from budgetkit.diff import Threshold, compare
from budgetkit.diff.align import align_rows, comparable_columns
from budgetkit.diff.headline import headline_figures
from budgetkit.records import read_records

GOLDEN = "tests/golden/"
DONGXIHU_2022 = GOLDEN + "dongxihu-yibao-2022-budget.jsonl"
DONGXIHU_2023 = "tests/fixtures/diff/dongxihu-yibao-2023-budget.txt"
QINGSHAN_FINAL = GOLDEN + "qingshan-yibao-2023-final.jsonl"


def load(path):
    with open(path, encoding="utf-8") as handle:
        return list(read_records(handle, path))


def one(records):
    (found,) = group_documents(records)
    return found


def second_year():
    return one(extracted(DONGXIHU_2023))


# The edited figures: A, B, B − A, and (B − A) / A in percent, rounded to 2 decimals.
TOTAL = ("3291.91", "3296.91", "5", "0.15")  # 5 / 3291.91 = 0.1519 %
BASIC = ("994.81", "999.81", "5", "0.50")  # 5 / 994.81 = 0.5026 %
SALARIES = ("868.1", "873.1", "5", "0.58")  # 5 / 868.1 = 0.5760 %
HOUSING = ("77.63", "82.63", "5", "6.44")  # 221 and 22102: 5 / 77.63 = 6.4408 %
FUND = ("64.18", "69.18", "5", "7.79")  # 住房公积金: 5 / 64.18 = 7.7906 %
RECEPTION = ("1", "1.5", "0.5", "50")
OTHER_GOODS = ("55.11", "54.61", "-0.5", "-0.91")  # −0.5 / 55.11 = −0.9073 %
THREE_PUBLIC = ("4", "4.5", "0.5", "12.5")
PERSONNEL = ("872.79", "877.79", "5", "0.57")  # 301 + 303 = 868.1 + 4.69; 5 / 872.79 = 0.5729 %
STAFF = ("30", "32", "2", "6.67")  # 在职实有人数: 2 / 30 = 6.6667 %

# (table, side, row index, code, name, column, figure), in the order diff writes them:
# headline figures first, then B's tables in order, rows in order, columns in order.
HEADLINE = [
    (None, None, None, None, "收入合计", "income", TOTAL),
    (None, None, None, None, "支出合计", "total_expenditure", TOTAL),
    (None, None, None, None, "基本支出", "basic", BASIC),
    (None, None, None, None, "人员经费", "personnel", PERSONNEL),
    (None, None, None, None, "“三公”经费", "three_public", THREE_PUBLIC),
    (None, None, None, None, "公务接待费", "reception", RECEPTION),
    (None, None, None, None, "在职实有人数", "staff_in_service", STAFF),
]
UNITS = [(26, "武汉市东西湖区医疗保障局"), (26001, "武汉市东西湖区医疗保障局本级")]
SUMMARY = "income_expenditure_summary"
TABLES = [
    (SUMMARY, "income", 0, None, "一、财政拨款（补助）", "total", TOTAL),
    (SUMMARY, "income", 1, None, "（一）财政指标拨款（补助）", "total", TOTAL),
    (SUMMARY, "income", 11, None, "本年收入合计", "total", TOTAL),
    (SUMMARY, "income", 17, None, "收入总计", "total", TOTAL),
    (SUMMARY, "expenditure", 18, None, "一、经济分类", "total", TOTAL),
    (SUMMARY, "expenditure", 19, None, "工资福利性支出", "total", SALARIES),
    (SUMMARY, "expenditure", 30, None, "基本支出", "total", BASIC),
    (SUMMARY, "expenditure", 31, None, "工资福利性支出", "total", SALARIES),
    (SUMMARY, "expenditure", 38, None, "本年经济分类支出合计", "total", TOTAL),
    (SUMMARY, "expenditure", 40, None, "支出总计", "total", TOTAL),
    (SUMMARY, "expenditure_2", 60, "221", "住房保障支出", "total", HOUSING),
    (SUMMARY, "expenditure_2", 70, None, "本年功能科目支出合计", "total", TOTAL),
    (SUMMARY, "expenditure_2", 72, None, "支出功能科目总计", "total", TOTAL),
    *[("income_summary", None, index, code, name, column, TOTAL)
      for index, (code, name) in enumerate([(None, "合计"), *[(str(c), n) for c, n in UNITS]])
      for column in ("total", "fiscal", "special_account")],
    *[("expenditure_summary", None, index, code, name, column, figure)
      for index, (code, name) in enumerate([(None, "合计"), *[(str(c), n) for c, n in UNITS]])
      for column, figure in (("total", TOTAL), ("basic", BASIC), ("salaries", SALARIES))],
    *[("expenditure_summary", None, 14, "2210201", "住房公积金", column, FUND)
      for column in ("total", "basic", "salaries")],
    ("fiscal_summary", "income", 0, None, "一、财政拨款（补助）", "total", TOTAL),
    ("fiscal_summary", "income", 1, None, "（一）财政指标拨款（补助）", "total", TOTAL),
    ("fiscal_summary", "income", 6, None, "收入总计", "total", TOTAL),
    ("fiscal_summary", "expenditure", 7, None, "一、经济分类", "total", TOTAL),
    ("fiscal_summary", "expenditure", 8, None, "工资福利性支出", "total", SALARIES),
    ("fiscal_summary", "expenditure", 19, None, "基本支出", "total", BASIC),
    ("fiscal_summary", "expenditure", 20, None, "工资福利性支出", "total", SALARIES),
    ("fiscal_summary", "expenditure", 27, None, "本年经济分类支出合计", "total", TOTAL),
    ("fiscal_summary", "expenditure", 29, None, "支出总计", "total", TOTAL),
    ("fiscal_summary", "expenditure_2", 49, "221", "住房保障支出", "total", HOUSING),
    ("fiscal_summary", "expenditure_2", 59, None, "本年功能科目支出合计", "total", TOTAL),
    ("fiscal_summary", "expenditure_2", 61, None, "支出功能科目总计", "total", TOTAL),
    # The extraction keys this table's 工资福利支出 column ``project`` (golden file); both years alike.
    *[("general_budget_summary", None, index, code, name, column, figure)
      for index, (code, name) in enumerate([(None, "合计"), *[(str(c), n) for c, n in UNITS]])
      for column, figure in (("total", TOTAL), ("basic", BASIC), ("project", SALARIES))],
    *[("general_budget_summary", None, 14, "2210201", "住房公积金", column, FUND)
      for column in ("total", "basic", "project")],
    ("general_budget_expenditure", None, 0, None, "合计", "total", TOTAL),
    ("general_budget_expenditure", None, 0, None, "合计", "salaries", SALARIES),
    ("general_budget_expenditure", None, 20, "221", "住房保障支出", "total", HOUSING),
    ("general_budget_expenditure", None, 20, "221", "住房保障支出", "salaries", HOUSING),
    ("general_budget_expenditure", None, 21, "22102", "住房改革支出", "total", HOUSING),
    ("general_budget_expenditure", None, 21, "22102", "住房改革支出", "salaries", HOUSING),
    ("general_budget_expenditure", None, 22, "2210201", "住房公积金", "total", FUND),
    ("general_budget_expenditure", None, 22, "2210201", "住房公积金", "salaries", FUND),
    ("basic_expenditure", None, 0, None, "合计", "total", BASIC),
    ("basic_expenditure", None, 1, "301", "工资福利支出", "total", SALARIES),
    ("basic_expenditure", None, 10, "30113", "住房公积金", "total", FUND),
    ("basic_expenditure", None, 19, "30217", "公务接待费", "total", RECEPTION),
    ("basic_expenditure", None, 24, "30299", "其他商品和服务支出", "total", OTHER_GOODS),
    ("three_public", None, 0, None, "合计", "total", THREE_PUBLIC),
    ("three_public", None, 5, None, "3.公务接待费", "total", RECEPTION),
]


def expected_change(doc_a, doc_b, where, status="changed", rate=None):
    table_id, side, index, code, name, column, (a, b, difference, percent) = where
    return {"type": "change", "doc": doc_b, "doc_a": doc_a, "doc_b": doc_b, "table": table_id,
            "key": table_id or "headline", "side": side, "code": code, "name": name, "column": column,
            "unit": "人" if column.startswith("staff") else "万元", "a": D(a), "b": D(b), "difference": D(difference),
            "percent": D(percent), "rate": D(rate), "status": status, "row_a": index, "row_b": index,
            "uncertain": False}


def test_second_year_gives_exactly_the_changed_figures_wherever_they_are_printed():
    a, b = one(load(DONGXIHU_2022)), second_year()
    result = compare(a, b)
    assert result.changes == [expected_change(a.doc, b.doc, where) for where in HEADLINE + TABLES]
    assert result.notes == []


def test_all_adds_the_unchanged_figures():
    a, b = one(load(DONGXIHU_2022)), second_year()
    everything = compare(a, b, everything=True).changes
    assert [c for c in everything if c["status"] != "unchanged"] == compare(a, b).changes
    unchanged = {(c["table"], c["row_b"], c["column"]): c for c in everything if c["status"] == "unchanged"}
    assert unchanged[(None, None, "project")]["a"] == unchanged[(None, None, "project")]["b"] == Decimal("2297.1")
    assert unchanged[("general_budget_expenditure", 14, "goods_services")]["difference"] == 0  # 行政运行 122.02
    assert {c["status"] for c in everything} == {"changed", "unchanged"}


@pytest.mark.parametrize("given, kept", [
    (["1"], {"5", "2"}),  # the ±0.5 万元 of 公务接待费 and 其他商品和服务支出 go; headcounts are not 万元
    (["10%"], {"0.5"}),  # only 三公 (12.5 %) and 公务接待费 (50 %) are up by 10 % or more
    (["1", "10%"], set()),  # none is both
    (["0.5", "6%"], {"0.5", "5", "2"}),  # 221/22102 (6.44 %), 住房公积金 (7.79 %), 三公, 接待费, staff (6.67 %)
])
def test_threshold_by_amount_and_by_percent(given, kept):
    a, b = one(load(DONGXIHU_2022)), second_year()
    found = compare(a, b, Threshold.parse(given)).changes
    assert {abs(c["difference"]) for c in found} == {Decimal(k) for k in kept}
    if given == ["0.5", "6%"]:  # of the 5 万元 changes, those of 221, 22102 and 住房公积金
        fives = [(c["table"], c["row_b"], c["column"]) for c in found if c["difference"] == 5]
        assert fives == [(t, i, column) for t, _, i, _, _, column, figure in TABLES if figure in (HOUSING, FUND)]


@pytest.mark.parametrize("given", [["abc"], ["-1"], ["5%%"], ["nan"]])
def test_a_threshold_that_is_not_a_number_is_refused(given):
    with pytest.raises(ValueError, match="--threshold"):
        Threshold.parse(given)


# --- a budget against its final account --------------------------------------------------------

def budget_for(final_records):
    """The year-start budget of the 青山 2023 final account: its 一般公共预算支出表 as a budget
    template prints it (人员经费 and 公用经费 columns too), with three lines budgeted above
    what was spent: 城乡医疗救助 1000 (spent 995.33) and 行政运行 110 (spent 103.53), and their
    款, 类 and 合计 rows up by the same."""
    final_document, *rest = final_records
    budget = [{**final_document, "doc": "b0d9e7000000b0d9", "kind": "budget", "title": "2023年部门预算"}]
    edits = {  # code → (total, basic, project) of the budget
        None: ("1239.86", "137.56", "1102.30"),  # 1228.72 + 4.67 + 6.47 | 131.09 + 6.47 | 1097.63 + 4.67
        "210": ("1222.22", "119.92", "1102.30"),  # 1211.08 + 11.14 | 113.45 + 6.47 | 1097.63 + 4.67
        "21013": ("1000", None, "1000"),
        "2101301": ("1000", None, "1000"),
        "21015": ("211.78", "110", "101.78"),  # 205.31 + 6.47
        "2101501": ("110", "110", None),
    }
    for record in rest:
        if record.get("table") != "general_budget_expenditure" or record["type"] not in ("table", "row"):
            continue
        record = copy.deepcopy({**record, "doc": budget[0]["doc"]})
        if record["type"] == "table":
            record["columns"] = [{"key": k, "label": label, "block": 0} for k, label in (
                ("total", "合计"), ("basic", "基本支出/小计"), ("personnel", "人员经费"), ("public", "公用经费"),
                ("project", "项目支出"))]
        elif record["code"] in edits:
            record["values"] = dict(zip(("total", "basic", "project"), (D(v) for v in edits[record["code"]])))
        if record["type"] == "row" and record["total"]:
            record["values"] |= {"personnel": D("129.78"), "public": D("7.78")}  # 123.31 + 6.47 | 7.78
        budget.append(record)
    return budget


def test_budget_against_final_account_gives_execution_rates():
    final_records = load(QINGSHAN_FINAL)
    a, b = one(budget_for(final_records)), one(final_records)
    result = compare(a, b, Threshold.parse(["0.01"]))  # the lines spent as budgeted (rate 100 %) left out

    def executed(where, budget, actual, difference, percent, rate):
        return expected_change(a.doc, b.doc, (*where, (budget, actual, difference, percent)), "executed", rate)

    gbe = "general_budget_expenditure"
    row_at = {None: 0, "210": 4, "21013": 9, "2101301": 10, "21015": 11, "2101501": 12}
    names = {None: "合计", "210": "卫生健康支出", "21013": "医疗救助", "2101301": "城乡医疗救助",
             "21015": "医疗保障管理事务", "2101501": "行政运行"}

    def line(code, column):
        return (gbe, None, row_at[code], code, names[code], column)

    assert result.changes == [
        # B − A, (B − A) / A and B / A (actual / budget), in percent rounded to 2 decimals
        executed((None, None, None, None, "支出合计", "total_expenditure"), "1239.86", "1228.72", "-11.14", "-0.90", "99.10"),
        executed((None, None, None, None, "基本支出", "basic"), "137.56", "131.09", "-6.47", "-4.70", "95.30"),
        executed((None, None, None, None, "项目支出", "project"), "1102.30", "1097.63", "-4.67", "-0.42", "99.58"),
        executed((None, None, None, None, "人员经费", "personnel"), "129.78", "123.31", "-6.47", "-4.99", "95.01"),
        executed(line(None, "total"), "1239.86", "1228.72", "-11.14", "-0.90", "99.10"),
        executed(line(None, "basic"), "137.56", "131.09", "-6.47", "-4.70", "95.30"),
        executed(line(None, "project"), "1102.30", "1097.63", "-4.67", "-0.42", "99.58"),
        executed(line("210", "total"), "1222.22", "1211.08", "-11.14", "-0.91", "99.09"),
        executed(line("210", "basic"), "119.92", "113.45", "-6.47", "-5.40", "94.60"),
        executed(line("210", "project"), "1102.30", "1097.63", "-4.67", "-0.42", "99.58"),
        executed(line("21013", "total"), "1000", "995.33", "-4.67", "-0.47", "99.53"),
        executed(line("21013", "project"), "1000", "995.33", "-4.67", "-0.47", "99.53"),
        executed(line("2101301", "total"), "1000", "995.33", "-4.67", "-0.47", "99.53"),
        executed(line("2101301", "project"), "1000", "995.33", "-4.67", "-0.47", "99.53"),
        executed(line("21015", "total"), "211.78", "205.31", "-6.47", "-3.06", "96.94"),
        executed(line("21015", "basic"), "110", "103.53", "-6.47", "-5.88", "94.12"),
        executed(line("2101501", "total"), "110", "103.53", "-6.47", "-5.88", "94.12"),
        executed(line("2101501", "basic"), "110", "103.53", "-6.47", "-5.88", "94.12"),
    ]
    # 人员经费 and 公用经费 columns are the budget template's: the final account has none to compare.
    assert result.notes == ["only in B, not compared: income_expenditure_summary, income_summary, "
                            "expenditure_summary, fiscal_summary, basic_expenditure"]
    everything = compare(a, b).changes
    spent_as_budgeted = [c for c in everything if c not in result.changes]
    assert spent_as_budgeted and all(c["status"] == "executed" and c["rate"] == 100 for c in spent_as_budgeted)


def test_final_account_against_its_budget_still_rates_actual_over_budget():
    final_records = load(QINGSHAN_FINAL)
    reverse = compare(one(final_records), one(budget_for(final_records)), Threshold.parse(["0.01"])).changes
    line = next(c for c in reverse if c["code"] == "2101501" and c["column"] == "total")
    assert (line["a"], line["b"], line["difference"], line["percent"], line["rate"]) == (
        Decimal("103.53"), Decimal("110"), Decimal("6.47"), Decimal("6.25"), Decimal("94.12"))  # 6.47 / 103.53


def test_budget_and_final_account_of_different_years_are_compared_with_a_note():
    a = one(load(DONGXIHU_2022))
    result = compare(a, one(load(QINGSHAN_FINAL)))
    assert result.notes[0] == ("the budget is for 2022 and the final account for 2023: the execution rates "
                               "compare different years")
    # 三公: budgeted 4, the final account's table printed empty (本部门无“三公”经费) counts as 0.
    three_public = next(c for c in result.changes if c["column"] == "three_public")
    assert (three_public["a"], three_public["b"], three_public["rate"]) == (Decimal(4), Decimal(0), Decimal(0))


# --- headline figures, per sample ----------------------------------------------------------------

HEADLINES = {
    # personnel = 301 + 303 (868.1 + 4.69), public = 302; 三公 printed as rows, the 因公出国 and 购置
    # rows with their amount blank: 0 (the parts add up to the 合计 4 = 0 + 3 + 1)
    "dongxihu-yibao-2022-budget": dict(
        income="3291.91", total_expenditure="3291.91", basic="994.81", project="2297.1", personnel="872.79",
        public="122.02", three_public="4", abroad="0", vehicles="3", vehicle_purchase="0", vehicle_operation="3",
        reception="1", staff_authorised="30", staff_in_service="30", staff_retired="1"),
    # 三公 printed as columns; its 合计 (1384.74) also counts 会议费 and 培训费, the 三公 subtotal is 484.3;
    # the 购置 cell is blank in a row printing amounts: 0 (267.8 = 0 + 267.8)
    "jiangsu-jianchayuan-2018-budget": dict(
        income="21955.35", total_expenditure="21955.35", basic="13994.31", project="5573", personnel="11257.35",
        public="2722.57", three_public="484.3", abroad="100", vehicles="267.8", vehicle_purchase="0",
        vehicle_operation="267.8", reception="116.5", operating_expenses="2722.57"),
    "jiangxia-yibao-2024-budget": dict(
        income="478.85", total_expenditure="478.85", basic="292.85", project="186", personnel="268.35", public="24.5",
        three_public="0.18", abroad="0", vehicles="0", vehicle_purchase="0", vehicle_operation="0", reception="0.1",
        operating_expenses="24.5", staff_authorised="8", staff_in_service="7", staff_retired="0"),
    # 人员经费合计 / 公用经费合计 rows; the 三公 table is printed empty with a note: 0, budget and actual
    "qingshan-yibao-2023-final": dict(
        income="1228.72", total_expenditure="1228.72", basic="131.09", project="1097.63", personnel="123.31",
        public="7.78", three_public="0", abroad="0", vehicles="0", vehicle_purchase="0", vehicle_operation="0",
        reception="0", operating_expenses="7.78",
        **dict.fromkeys(("three_public_budget", "abroad_budget", "vehicles_budget", "vehicle_purchase_budget",
                         "vehicle_operation_budget", "reception_budget"), "0")),
    # the 决算数 columns of the 三公 table are blank in a row printing the 预算数 0.95: 0, as the
    # prose says (支出决算为0.00万元); the 预算数 are *_budget, never read as the actual
    "shanghai-putuo-caizhengju-2024-final": dict(
        income="2946.25", total_expenditure="2940.05", basic="2336.91", project="603.14", personnel="2152.26",
        public="184.65", three_public="0", abroad="0", vehicles="0", vehicle_purchase="0",
        vehicle_operation="0", reception="0", operating_expenses="184.65",
        three_public_budget="0.95", abroad_budget="0", vehicles_budget="0", vehicle_purchase_budget="0",
        vehicle_operation_budget="0", reception_budget="0.95"),
    "shanghai-putuo-wanli-jiedao-2023-budget": dict(
        income="16497.864", total_expenditure="16497.864", basic="9940.6297", project="6557.2343",
        personnel="8402.4865", public="1538.1432", three_public="22.91", abroad="0", vehicles="21.56",
        vehicle_purchase="0", vehicle_operation="21.56", reception="1.35", operating_expenses="786.09"),
}


@pytest.mark.parametrize("sample", sorted(HEADLINES))
def test_headline_figures_of_each_sample(sample):
    figures = headline_figures(one(load(f"{GOLDEN}{sample}.jsonl")))
    assert figures == {k: D(v) for k, v in HEADLINES[sample].items()}


# --- pairing rows and columns ---------------------------------------------------------------------

def test_rows_pair_by_code_then_by_folded_name_and_unpaired_rows_are_added_or_removed():
    a = build(document(), table("basic_expenditure"),
              row("basic_expenditure", 0, "合计", {"total": 100}),
              row("basic_expenditure", 1, "办公费", {"total": 10}, code="30201"),
              row("basic_expenditure", 2, "其他商品及服务支出", {"total": 20}),
              row("basic_expenditure", 3, "印刷费", {"total": 5}, code="30202"))
    b = build(document(year=2025), table("basic_expenditure"),
              row("basic_expenditure", 0, "总计", {"total": 120}),
              row("basic_expenditure", 1, "1.办公费 ", {"total": 10}, code="30201"),
              row("basic_expenditure", 2, "其他商品和服务支出", {"total": 30}),
              row("basic_expenditure", 3, "咨询费", {"total": 5}, code="30203"),
              row("basic_expenditure", 4, "邮电费", {"total": 0}, code="30207"))
    found = [(c["name"], c["a"], c["b"], c["difference"], c["percent"], c["status"])
             for c in compare(a, b, everything=True).changes if c["table"]]
    assert found == [
        ("总计", 100, 120, 20, 20, "changed"),  # the only total of each table, whatever its name
        ("1.办公费 ", 10, 10, 0, 0, "unchanged"),
        ("其他商品和服务支出", 20, 30, 10, 50, "changed"),  # 及 / 和
        ("咨询费", None, 5, 5, None, "added"),
        ("邮电费", None, 0, 0, None, "added"),
        ("印刷费", 5, None, -5, -100, "removed"),
    ]
    # without --all, only the figures that moved
    assert [c["name"] for c in compare(a, b).changes if c["table"]] == ["总计", "其他商品和服务支出", "咨询费", "印刷费"]


def test_a_code_printed_on_several_rows_pairs_them_by_name():
    rows_a = [row("projects", 0, "企业离休人员医疗经费", {"total": 600}, code="2101101"),
              row("projects", 1, "保优离医疗经费", {"total": 1200}, code="2101101")]
    rows_b = [row("projects", 0, "保优离医疗经费", {"total": 1300}, code="2101101"),
              row("projects", 1, "离休干部医疗经费", {"total": 600}, code="2101101")]
    pairs = [(x and x["name"], y and y["name"]) for x, y in align_rows(rows_a, rows_b)]
    assert pairs == [("保优离医疗经费", "保优离医疗经费"), (None, "离休干部医疗经费"), ("企业离休人员医疗经费", None)]


def test_rows_of_two_code_columns_pair_by_both_codes():
    """烟台 prints 301 工资福利支出 beside 501 and again beside 505: a year that prints the 505
    group first still pairs each row with its own."""
    def two_codes(index, name, total, code, government):
        return row("basic_expenditure", index, name, {"total": total}, code=code,
                   labels={"economic_code": code, "gov_economic_code": government})
    rows_a = [two_codes(0, "工资福利支出", 767.54, "301", "501"), two_codes(1, "工资福利支出", 1708.95, "301", "505")]
    rows_b = [two_codes(0, "工资福利支出", 1800.00, "301", "505"), two_codes(1, "工资福利支出", 700.00, "301", "501")]
    pairs = [(x["values"]["total"], y["values"]["total"]) for x, y in align_rows(rows_a, rows_b)]
    assert pairs == [(D("1708.95"), D("1800.00")), (D("767.54"), D("700.00"))]


def test_rows_with_different_codes_never_pair_by_name():
    rows_a = [row("t", 0, "其他卫生健康支出", {"total": 1}, code="21099")]
    rows_b = [row("t", 0, "其他卫生健康支出", {"total": 1}, code="2109999")]
    assert align_rows(rows_a, rows_b) == [(None, rows_b[0]), (rows_a[0], None)]


def test_columns_pair_by_meaning():
    budget = table("three_public", ["total", "abroad", "reception", "c1"])
    final = table("three_public", ["total_budget", "total_actual", "abroad_budget", "abroad_actual",
                                   "reception_budget", "reception_actual", "c1"])
    final["columns"][-1]["label"] = "其他"  # c1 is labelled c1 in the budget: not the same column
    assert [(c.key, c.key_a, c.key_b) for c in comparable_columns(budget, final)] == [
        ("total", "total", "total_actual"), ("abroad", "abroad", "abroad_actual"),
        ("reception", "reception", "reception_actual")]
    assert [(c.key, c.key_a, c.key_b) for c in comparable_columns(final, budget)] == [
        ("total", "total_actual", "total"), ("abroad", "abroad_actual", "abroad"),
        ("reception", "reception_actual", "reception")]
    # one amount column each, whatever the label: 基本支出 | 决算数
    assert [(c.key_a, c.key_b) for c in comparable_columns(table("basic_expenditure", ["basic"]),
                                                            table("basic_expenditure", ["total"]))] == [
        ("basic", "total")]
    procurement = table("procurement", ["quantity", "total"])
    assert [c.key for c in comparable_columns(procurement, procurement)] == ["total"]  # 采购数量 is no amount
    two_years = table("general_budget_expenditure", ["prior_year", "total"])  # 上年预算数 | 本年预算数
    assert [c.key for c in comparable_columns(two_years, two_years)] == ["total"]
    one_year = table("general_budget_expenditure", ["budget", "actual"])  # 2023年预算数 | 2023年决算数
    assert [(c.key, c.key_a, c.key_b) for c in comparable_columns(table("general_budget_expenditure"), one_year)] == [
        ("total", "total", "actual")]


def test_tables_listing_different_things_compare_only_their_totals():
    a = build(document(), table("income_summary"),
              row("income_summary", 0, "合计", {"total": 100}),
              row("income_summary", 1, "本级", {"total": 100}, code="026001", code_kind="unit", level=None))
    b = build(document(year=2025), table("income_summary"),
              row("income_summary", 0, "合计", {"total": 90}),
              row("income_summary", 1, "卫生健康支出", {"total": 90}, code="210"))
    result = compare(a, b)
    assert [(c["name"], c["difference"]) for c in result.changes if c["table"]] == [("合计", -10)]
    assert result.notes == ["income_summary: the rows of A and B list different things; only the totals are compared"]


def test_uncertain_rows_are_marked():
    a = build(document(), table("t"), row("t", 0, "办公费", {"total": 1}, code="30201"))
    b = build(document(year=2025), table("t"), row("t", 0, "办公费", {"total": 2}, code="30201", uncertain=True))
    assert [c["uncertain"] for c in compare(a, b).changes] == [True]
