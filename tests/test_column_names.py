"""Every value column named: the header classes of the standard tables as cities print
them (grouped, wrapped inside a cell, over several rows), read from ruled PDF tables built
on the fly (tests/fixtures/grid_pdfs.py).  Each case states the keys and the printed
labels a reader of the page gives its value columns."""

from __future__ import annotations

import pytest

from builders import D, run
from budgetkit.checks.layout import column_identities
from budgetkit.extraction.build import extract_file
from fixtures.grid_pdfs import grid_pdf

UNIT = "单位：万元"
CODE, NAME = ("科目编码", 1, 2), ("科目名称", 1, 2)


def extracted(tmp_path, above, header, body, widths, ruled: bool = True) -> list[dict]:
    path = tmp_path / "city-2026-budget.pdf"
    path.write_bytes(grid_pdf(above, header, body, widths, ruled))
    return list(extract_file(str(path)).records)


def only_table(records: list[dict]) -> dict:
    tables = [r for r in records if r["type"] == "table"]
    assert len(tables) == 1, [t["title"] for t in tables]
    return tables[0]


def keys_and_labels(table: dict) -> list[tuple[str, str]]:
    return [(c["key"], c["label"]) for c in table["columns"]]


def first_row_values(records: list[dict]) -> dict:
    return next(r for r in records if r["type"] == "row")["values"]


def test_basic_expenditure_grouped_over_personnel_and_daily_public_wrapped(tmp_path):
    """基本支出 over 小计 · 人员支出 · 日常公用支出 (wrapped in its cell)."""
    records = extracted(tmp_path, ["2026年一般公共预算支出情况表", UNIT],
                        [[CODE, NAME, ("合计", 1, 2), ("基本支出", 3, 1), ("项目支出", 1, 2)],
                         ["小计", "人员支出", "日常\n公用支出"]],
                        [["", "合计", "100.00", "60.00", "40.00", "20.00", "40.00"],
                         ["201", "一般公共服务支出", "100.00", "60.00", "40.00", "20.00", "40.00"]],
                        [50, 90, 60, 60, 60, 60, 60])
    table = only_table(records)
    assert keys_and_labels(table) == [("total", "合计"), ("basic", "基本支出/小计"), ("personnel", "基本支出/人员支出"),
                                      ("public", "基本支出/日常公用支出"), ("project", "项目支出")]
    assert ("basic", ("personnel", "public")) in [(i.total, i.parts) for i in column_identities(table)]


def test_subtotal_printed_first_is_the_tables_total(tmp_path):
    """基本支出预算 over 小计 · 人员支出 · 日常公用支出 of a basic-expenditure table: the 小计
    printed first is the table's total, not a 基本支出 subtotal."""
    records = extracted(tmp_path, ["2026年一般公共预算基本支出情况表", UNIT],
                        [[("经济分类科目编码", 1, 2), ("经济分类科目名称", 1, 2), ("基本支出预算", 3, 1)],
                         ["小计", "人员支出", "日常公用支出"]],
                        [["301", "工资福利支出", "60.00", "60.00", ""], ["302", "商品和服务支出", "20.00", "", "20.00"]],
                        [60, 90, 60, 60, 70])
    assert keys_and_labels(only_table(records)) == [
        ("total", "基本支出预算/小计"), ("personnel", "基本支出预算/人员支出"), ("public", "基本支出预算/日常公用支出")]


INCOME_SOURCES = [CODE, NAME, ("总计", 1, 2), ("财政拨款收入", 4, 1), ("财政专户管\n理资金收入", 1, 2),
                  ("事业收入（不\n含教育收费）", 1, 2), ("事业单位\n经营收入", 1, 2), ("使用非财政\n拨款结余", 1, 2),
                  ("上年结余、\n结转", 1, 2)]


def test_income_sources_under_fiscal_group_wrapped(tmp_path):
    """财政拨款收入 over 小计 · 一般公共预算收入 · 政府性基金预算收入 · 国有资本经营预算收入,
    then 财政专户管理资金收入, 事业收入（不含教育收费）, 使用非财政拨款结余, 上年结余、结转."""
    records = extracted(tmp_path, ["2026年部门收入总体情况表", UNIT],
                        [INCOME_SOURCES, ["小计", "一般公共预\n算收入", "政府性基金\n预算收入", "国有资本经营\n预算收入"]],
                        [["", "合计", "100.00", "70.00", "60.00", "10.00", "", "5.00", "5.00", "10.00", "4.00", "6.00"]],
                        [50, 70, 50, 50, 50, 55, 60, 55, 60, 50, 55, 50])
    table = only_table(records)
    assert keys_and_labels(table) == [
        ("total", "总计"), ("fiscal", "财政拨款收入/小计"), ("general_budget", "财政拨款收入/一般公共预算收入"),
        ("gov_fund", "财政拨款收入/政府性基金预算收入"), ("state_capital", "财政拨款收入/国有资本经营预算收入"),
        ("special_account", "财政专户管理资金收入"), ("service_income", "事业收入（不含教育收费）"),
        ("business_income", "事业单位经营收入"), ("non_fiscal_balance", "使用非财政拨款结余"),
        ("carryover", "上年结余、结转")]
    identities = [(i.total, set(i.parts)) for i in column_identities(table)]
    assert ("total", {"fiscal", "special_account", "service_income", "business_income", "non_fiscal_balance",
                      "carryover"}) in identities
    assert ("fiscal", {"general_budget", "gov_fund", "state_capital"}) in identities
    assert run("table.row_sum", *records) == []


def test_appropriation_income_columns_wrapped_over_three_lines(tmp_path):
    """一般公共预算拨款收入 · 政府性基金预算拨款收入 · 国有资本经营预算拨款收入 ·
    财政专户管理资金收入, each wrapped over three lines of a narrow cell."""
    records = extracted(tmp_path, ["2026年部门收入总体情况表", UNIT],
                        [["科目编码", "科目名称", "总计", "一般公共\n预算拨款\n收入", "政府性基\n金预算拨\n款收入", "国有资本\n经营预算\n拨款收入",
                          "财政专户\n管理资金\n收入", "事业\n收入"]],
                        [["", "合计", "90.00", "50.00", "10.00", "", "20.00", "10.00"]],
                        [50, 70, 60, 60, 60, 60, 60, 60])
    assert keys_and_labels(only_table(records)) == [
        ("total", "总计"), ("general_budget", "一般公共预算拨款收入"), ("gov_fund", "政府性基金预算拨款收入"),
        ("state_capital", "国有资本经营预算拨款收入"), ("special_account", "财政专户管理资金收入"),
        ("service_income", "事业收入")]


def test_expenditure_by_use_with_business_expenditure(tmp_path):
    """基本支出 over 人员支出 · 公用经费, then 项目支出, 事业单位经营支出, 上缴上级支出,
    对附属单位补助支出."""
    records = extracted(tmp_path, ["2026年部门支出总表", UNIT],
                        [[CODE, NAME, ("总计", 1, 2), ("基本支出", 2, 1), ("项目支出", 1, 2), ("事业单位\n经营支出", 1, 2),
                          ("上缴上级\n支出", 1, 2), ("对附属单位\n补助支出", 1, 2)], ["人员支出", "公用经费"]],
                        [["", "合计", "100.00", "50.00", "20.00", "20.00", "5.00", "3.00", "2.00"]],
                        [50, 70, 50, 50, 50, 50, 50, 50, 60])
    table = only_table(records)
    assert keys_and_labels(table) == [
        ("total", "总计"), ("personnel", "基本支出/人员支出"), ("public", "基本支出/公用经费"), ("project", "项目支出"),
        ("business_expenditure", "事业单位经营支出"), ("upper_remit", "上缴上级支出"),
        ("subsidiary_grants", "对附属单位补助支出")]
    assert run("table.row_sum", *records) == []


def test_of_which_basic_under_the_fund_heading(tmp_path):
    """一般公共预算支出 over 小计 · 其中：基本支出 · 项目支出."""
    records = extracted(tmp_path, ["2026年一般公共预算支出表", UNIT],
                        [[CODE, NAME, ("一般公共预算支出", 3, 1)], ["小计", "其中：\n基本支出", "项目支出"]],
                        [["201", "一般公共服务支出", "30.00", "20.00", "10.00"]],
                        [50, 90, 60, 60, 60])
    assert keys_and_labels(only_table(records)) == [
        ("total", "一般公共预算支出/小计"), ("basic", "一般公共预算支出/其中：基本支出"),
        ("project", "一般公共预算支出/项目支出")]


def test_three_public_variants_and_operating_expenses(tmp_path):
    """因公出国（境）经费, 公务用车购置经费 (经费 for 费), 科研因公出国（境）费用 under the
    出国 group, and a 机关运行经费预算数 column beside the 三公 ones."""
    records = extracted(tmp_path, ["2026年“三公”经费预算表", UNIT],
                        [[("合计", 1, 2), ("因公出国（境）费", 3, 1), ("公务用车购置及运行维护费", 3, 1),
                          ("公务接待费", 1, 2), ("机关运行经费\n预算数", 1, 2)],
                         ["小计", "因公出国（境）\n经费", "科研因公出国\n（境）费用", "小计", "公务用车\n购置经费",
                          "公务用车运\n行维护费"]],
                        [["12.00", "5.00", "3.00", "2.00", "6.00", "2.00", "4.00", "1.00", "30.00"]],
                        [50, 50, 70, 70, 50, 60, 60, 50, 70])
    table = only_table(records)
    assert [c["key"] for c in table["columns"]] == [
        "total", "abroad", "abroad_2", "abroad_research", "vehicles", "vehicle_purchase", "vehicle_operation",
        "reception", "operating_expenses"]
    assert table["columns"][3]["label"] == "因公出国（境）费/科研因公出国（境）费用"
    assert table["columns"][8]["label"] == "机关运行经费预算数"


def test_compiled_budget_beside_carryover(tmp_path):
    """收支总表 whose sides print 本年预算 = 编制预算 + 上年结转: 编制预算 is the year's own
    money (current_year)."""
    records = extracted(tmp_path, ["收支总表（预算表1）", "预算单位：示例局 单位：万元"],
                        [[("收 入", 4, 1), ("支 出", 4, 1)],
                         ["项 目", "本年预算", "编制预算", "上年结转", "项 目", "本年预算", "编制预算", "上年结转"]],
                        [["一、财政拨款收入", "12.00", "10.00", "2.00", "一、一般公共服务支出", "12.00", "10.00", "2.00"],
                         ["收入总计", "12.00", "10.00", "2.00", "支出总计", "12.00", "10.00", "2.00"]],
                        [110, 50, 50, 50, 110, 50, 50, 50])
    table = only_table(records)
    assert [(c["key"], c["block"]) for c in table["columns"]] == [
        ("total", 0), ("current_year", 0), ("carryover", 0), ("total", 1), ("current_year", 1), ("carryover", 1)]


def test_each_side_begins_with_its_total_when_its_label_is_unknown(tmp_path):
    records = extracted(tmp_path, ["收支总表", "单位：万元"],
                        [[("收 入", 3, 1), ("支 出", 3, 1)],
                         ["项 目", "全年安排", "上年结转", "项 目", "全年安排", "上年结转"]],
                        [["一、财政拨款收入", "12.00", "2.00", "一、一般公共服务支出", "12.00", "2.00"],
                         ["收入总计", "12.00", "2.00", "支出总计", "12.00", "2.00"]],
                        [110, 50, 50, 110, 50, 50])
    assert [(c["key"], c["block"]) for c in only_table(records)["columns"]] == [
        ("total", 0), ("carryover", 0), ("total", 1), ("carryover", 1)]


def test_this_years_money_beside_the_carryover_under_the_total(tmp_path):
    """合计 | 当年预算 (小计 · 基本支出 · 项目支出) | 上年结转结余 (小计 · 基本支出 · 项目支出):
    合计 = 当年预算 + 上年结转结余, 当年预算/小计 = its 基本支出 + 项目支出, and the carry-over's
    小计 = its own 基本支出 + 项目支出 (a carry-over 基本支出 of 4.50 under a 小计 of 3.50 is an error)."""
    records = extracted(tmp_path, ["支出总表（预算表3）", UNIT],
                        [[CODE, NAME, ("合计", 1, 2), ("当年预算", 3, 1), ("上年结转结余", 3, 1)],
                         ["小计", "基本支出", "项目支出", "小计", "基本支出", "项目支出"]],
                        [["201", "一般公共服务支出", "15.00", "12.00", "8.00", "4.00", "3.00", "", "3.00"]],
                        [50, 90, 50, 50, 50, 50, 50, 50, 50])
    table = only_table(records)
    assert [c["key"] for c in table["columns"]] == [
        "total", "current_year", "basic", "project", "carryover", "carryover_basic", "carryover_project"]
    assert [(i.total, i.parts) for i in column_identities(table)] == [
        ("total", ("current_year", "carryover")), ("current_year", ("basic", "project")),
        ("carryover", ("carryover_basic", "carryover_project"))]
    assert run("table.row_sum", *records) == []
    wrong = extracted(tmp_path, ["支出总表（预算表3）", UNIT],
                      [[CODE, NAME, ("合计", 1, 2), ("当年预算", 3, 1), ("上年结转结余", 3, 1)],
                       ["小计", "基本支出", "项目支出", "小计", "基本支出", "项目支出"]],
                      [["201", "一般公共服务支出", "15.50", "12.00", "8.00", "4.00", "3.50", "4.50", ""],
                       ["205", "教育支出", "6.00", "4.00", "4.00", "", "2.00", "", "2.00"],
                       ["208", "社会保障和就业支出", "9.00", "6.00", "6.00", "", "3.00", "1.00", "2.00"]],
                      [50, 90, 50, 50, 50, 50, 50, 50, 50])
    assert [(f["severity"], f["actual"], f["expected"]) for f in run("table.row_sum", *wrong)] == [
        ("error", D("3.50"), D("4.50"))]


def test_title_year_and_colons_on_lines_of_their_own(tmp_path):
    """``2026`` set under ``年部门收入总体情况表`` and the colons of ``单位名称 X 单位 万元``
    set a line lower are the title's and the unit line's, not the header's: the header is
    read, the unit and department found."""
    records = extracted(tmp_path, ["表二", "年部门收入总体情况表", "2026", "单位名称 示例市示例局 单位 万元", ":  :"],
                        [["科目编码", "科目名称", "总计", "一般公共\n预算拨款\n收入", "事业\n收入"]],
                        [["", "合计", "30.00", "20.00", "10.00"], ["201", "一般公共服务支出", "30.00", "20.00", "10.00"]],
                        [50, 90, 60, 60, 60])
    table = only_table(records)
    assert keys_and_labels(table) == [("total", "总计"), ("general_budget", "一般公共预算拨款收入"),
                                      ("service_income", "事业收入")]
    assert table["unit"] == "万元"
    assert [r["name"] for r in records if r["type"] == "row"] == ["合计", "一般公共服务支出"]


def test_unknown_label_gets_a_key_of_its_own_and_a_problem(tmp_path):
    """A label the catalogue does not know keeps its words as its key, never a position
    (c4); the table says so with its page, and the sums leave the group it may belong to
    alone instead of reporting a false difference."""
    records = extracted(tmp_path, ["2026年部门收入总体情况表", UNIT],
                        [["科目编码", "科目名称", "总计", "一般公共\n预算拨款收入", "债券转贷\n收入", "事业收入"]],
                        [["", "合计", "100.00", "60.00", "30.00", "10.00"],
                         ["201", "一般公共服务支出", "100.00", "60.00", "30.00", "10.00"]],
                        [50, 90, 60, 60, 60, 60])
    table = only_table(records)
    assert keys_and_labels(table) == [("total", "总计"), ("general_budget", "一般公共预算拨款收入"),
                                      ("债券转贷收入", "债券转贷收入"), ("service_income", "事业收入")]
    assert [(p["code"], p["column"], p["page"]) for p in table["problems"]] == [("unknown_column", "债券转贷收入", 1)]
    assert first_row_values(records)["债券转贷收入"] == 30
    assert column_identities(table) == []
    assert run("table.row_sum", *records) == []
    found = run("complete.problems", *records)
    assert [(f["subject"], f["page"]) for f in found] == [("unknown_column", 1)]
    assert "债券转贷收入" in found[0]["message"]


@pytest.mark.parametrize("label, key", [
    ("上年结转和结余资金", "carryover"), ("上年结余、结转", "carryover"), ("上年结转结余", "carryover"),
    ("财政专户拨款", "special_account"), ("一般公共预算收入", "general_budget"), ("日常公用经费", "public"),
    ("当年预算", "current_year"), ("本年预算", "total"),
])
def test_label_variants(label, key):
    from budgetkit.tables.catalogue import label_key
    assert label_key(label) == key


def test_unruled_header_wrapped_in_narrow_columns(tmp_path):
    """Without rules, labels wrapped in narrow columns stand close to their neighbours'
    (一般公共 政府性基金 on one line, 预算 预算 on the next): each column takes its own
    words, the pieces of a wrapped label make one label, and a heading narrower than its
    group (财政拨款收入 over three columns) heads all of them."""
    records = extracted(tmp_path, ["2026年收入总体情况表", UNIT],
                        [[("科目名称", 1, 2), ("合计", 1, 2), ("财政拨款收入", 3, 1), ("财政专户拨款收入", 2, 1),
                          ("事业收入", 1, 2)],
                         ["一般公共\n预算", "政府性基金\n预算", "国有资本经\n营预算", "教育收费", "其他专户\n收入拨款"]],
                        [["合计", "70.00", "30.00", "20.00", "10.00", "4.00", "5.00", "1.00"]],
                        [90, 45, 38, 38, 38, 38, 38, 40], ruled=False)
    assert keys_and_labels(only_table(records)) == [
        ("total", "合计"), ("general_budget", "财政拨款收入/一般公共预算"), ("gov_fund", "财政拨款收入/政府性基金预算"),
        ("state_capital", "财政拨款收入/国有资本经营预算"), ("special_account_tuition", "财政专户拨款收入/教育收费"),
        ("special_account_other", "财政专户拨款收入/其他专户收入拨款"), ("service_income", "事业收入")]


def test_unruled_heading_reaches_every_column_of_its_group(tmp_path):
    """珠海 表12 (zhuhai-02 p.22), printed without rules: 财政拨款 over 合计 · 一般公共预算 ·
    政府性基金预算 · 国有资本经营预算 stands over the amounts of the middle two only, and
    the labels around it are wrapped (一般公共预 / 算 beside 合计; 支出项目类别（资金使用单 /
    位）over the names): 合计 is the 财政拨款 total, the outer columns are under 财政拨款,
    and 总计 beside the group (its label centred on the whole header) is not."""
    header = [[("支出项目类别（资金使用\n单位）", 1, 2), ("总计", 1, 2), ("财政拨款", 4, 1), ("财政专户\n拨款", 1, 2),
               ("其他资金", 1, 2)],
              ["合计", "一般公共预\n算", "政府性基金\n预算", "国有资本经\n营预算"]]
    records = extracted(tmp_path, ["部门预算项目支出及其他支出预算表", UNIT], header,
                        [["合计", "100.00", "90.00", "60.00", "20.00", "10.00", "6.00", "4.00"],
                         ["口岸维修经费", "57.52", "57.52", "57.52", "", "", "", ""]],
                        [120, 55, 55, 55, 55, 55, 50, 50], ruled=False)
    assert keys_and_labels(only_table(records)) == [
        ("total", "总计"), ("fiscal", "财政拨款/合计"), ("general_budget", "财政拨款/一般公共预算"),
        ("gov_fund", "财政拨款/政府性基金预算"), ("state_capital", "财政拨款/国有资本经营预算"),
        ("special_account", "财政专户拨款"), ("other_funds", "其他资金")]


def test_unruled_columns_without_amounts_keep_their_labels_to_themselves(tmp_path):
    """Columns that print no amount on the page (the last one, 项目支出; 人员经费 and
    公用经费 left of 项目支出) leave no column to read; their labels do not stick to the column
    beside them."""
    records = extracted(tmp_path, ["2026年部门支出总表", "单位：元"],
                        [["项目", "合计", "基本支出", "项目支出"]],
                        [["一、社会保障和就业支出", "1,270", "1,270", ""], ["支出总计", "1,270", "1,270", ""]],
                        [120, 50, 50, 50], ruled=False)
    assert keys_and_labels(only_table(records)) == [("total", "合计"), ("basic", "基本支出")]
    records = extracted(tmp_path, ["2026年部门支出总表", "单位：元"],
                        [[("项目", 1, 2), ("合计", 1, 2), ("基本支出", 2, 1), ("项目支出", 1, 2)], ["人员经费", "公用经费"]],
                        [["一、农林水支出", "1,270", "", "", "1,270"], ["支出总计", "1,270", "", "", "1,270"]],
                        [120, 70, 60, 60, 70], ruled=False)
    assert keys_and_labels(only_table(records)) == [("total", "合计"), ("project", "项目支出")]


EMPTY_TABLE_WITH_DROPPED_COLONS = """示例市示例局2026年部门预算

表七
年政府性基金预算支出情况表
2026
单位名称   示例市示例局                     单位   万元
        :                                      :
科目编码   科目名称    总计    基本支出    项目支出
合计
备注   本单位无政府性基金预算安排的支出   故此表无数据
    :                                  ,             。
"""


def test_note_with_its_punctuation_on_the_next_line(tmp_path):
    """The colon and commas of a note set a line lower (备注 X 故此表无数据 over : , 。):
    the note is read, and the table is empty as it says, not a table of header rows."""
    path = tmp_path / "city-2026-budget.txt"
    path.write_text(EMPTY_TABLE_WITH_DROPPED_COLONS, encoding="utf-8")
    records = list(extract_file(str(path)).records)
    table = only_table(records)
    assert (table["status"], table["unit"], table["rows"]) == ("empty", "万元", 0)
    assert table["note"].startswith("备注：本单位无政府性基金预算安排的支出")


def test_row_numbers_of_a_final_account_are_not_a_value_column(tmp_path):
    """行次 beside each side's items numbers the rows (1, 2 … 32): a label column."""
    records = extracted(tmp_path, ["收入支出决算总表", "公开01表", "单位：万元"],
                        [[("收入", 3, 1), ("支出", 3, 1)], ["项目", "行次", "金额", "项目", "行次", "金额"]],
                        [["一、一般公共预算财政拨款收入", "1", "100.00", "一、一般公共服务支出", "32", "60.00"],
                         ["二、政府性基金预算财政拨款收入", "2", "", "二、外交支出", "33", "40.00"],
                         ["本年收入合计", "7", "100.00", "本年支出合计", "60", "100.00"]],
                        [150, 30, 60, 130, 30, 60])
    table = only_table(records)
    assert [(c["key"], c["label"], c["block"]) for c in table["columns"]] == [
        ("total", "收入/金额", 0), ("total", "支出/金额", 1)]
    first = next(r for r in records if r["type"] == "row")
    assert first["values"] == {"total": 100}


def test_three_public_blocks_of_two_years(tmp_path):
    """2025年预算数 and 2026年预算数 headings, each over 合计 · 因公出国 · 公车 (小计 · 购置 ·
    运行) · 接待: the later year's block is the table's own amounts (its 合计 the total, its
    parts adding up to it); the earlier year's is prior_year."""
    year_block = [("合计", 1, 2), ("因公出国\n（境）费", 1, 2), ("公务用车购置及运行费", 3, 1), ("公务\n接待费", 1, 2)]
    records = extracted(tmp_path, ["2026年财政拨款“三公”经费支出情况表", UNIT],
                        [[("2025年预算数", 6, 1), ("2026年预算数", 6, 1)], year_block + year_block,
                         ["小计", "购置费", "运行费"] * 2],
                        [["12.00", "2.00", "6.00", "1.00", "5.00", "4.00",
                          "10.00", "2.00", "5.00", "", "5.00", "3.00"]],
                        [45, 45, 45, 45, 45, 45, 45, 45, 45, 45, 45, 45])
    table = only_table(records)
    assert [c["key"] for c in table["columns"]] == [
        "prior_year", "prior_year_abroad", "prior_year_vehicles", "prior_year_vehicle_purchase",
        "prior_year_vehicle_operation", "prior_year_reception",
        "total", "abroad", "vehicles", "vehicle_purchase", "vehicle_operation", "reception"]
    assert table["columns"][7]["label"] == "2026年预算数/因公出国（境）费"
    identities = [(i.total, i.parts) for i in column_identities(table)]
    assert ("total", ("abroad", "vehicles", "reception")) in identities
    assert run("table.row_sum", *records) == []


def test_lone_earlier_year_column_beside_a_later_years_heading(tmp_path):
    """2025年预算数 (one column) beside 2026年预算数 over 总计 · 基本支出 · 项目支出: the lone
    column is the earlier year's, and gives prior records."""
    records = extracted(tmp_path, ["2026年一般公共预算支出情况表", UNIT],
                        [[CODE, NAME, ("2025年预算数", 1, 2), ("2026年预算数", 3, 1)], ["总计", "基本支出", "项目支出"]],
                        [["205", "教育支出", "50.00", "60.00", "40.00", "20.00"]],
                        [50, 70, 70, 50, 50, 50])
    assert keys_and_labels(only_table(records)) == [
        ("prior_year", "2025年预算数"), ("total", "2026年预算数/总计"), ("basic", "2026年预算数/基本支出"),
        ("project", "2026年预算数/项目支出")]
    assert [(r["subject"], r["year"], r["amount"]) for r in records if r["type"] == "prior"] == [("教育支出", 2025, 50)]


def test_a_serial_number_column_is_a_label_not_an_amount(tmp_path):
    """shanghai-03 p.17: 功能分类科目编码 (类 | 款 | 项) · 名称 · 序号 · 项目名称 · 预算数: the 序号
    of a project is no amount, and the table number printed over the title is no row."""
    header = [[("功能分类科目编码", 3, 1), ("功能分类科目名称", 1, 2), ("序号", 1, 2), ("项目名称", 1, 2),
               ("预算数", 1, 2)], ["类", "款", "项"]]
    body = [["201", "", "", "一般公共服务支出", "", "", "270,000"],
            ["201", "13", "", "商贸事务", "", "", "270,000"],
            ["201", "13", "02", "一般行政管理事务", "", "", "270,000"],
            ["", "", "", "", "1", "钻石宝玉石产业发展专项", "270,000"],
            ["合 计", "", "", "", "", "", "270,000"]]
    records = extracted(tmp_path, ["单位预算表10", "2026年预算单位财政拨款项目支出预算表", "单位：元"], header, body,
                        [30, 25, 25, 90, 30, 110, 60])
    table = only_table(records)
    assert [(c["key"], c["label"]) for c in table["columns"]] == [("total", "预算数")]
    assert [(r["code"], r["name"], r["values"]["total"], r["labels"].get("serial")) for r in records
            if r["type"] == "row"] == [
        ("201", "一般公共服务支出", D("27"), None), ("20113", "商贸事务", D("27"), None),
        ("2011302", "一般行政管理事务", D("27"), None), (None, "钻石宝玉石产业发展专项", D("27"), "1"),
        (None, "合计", D("27"), None)]


def test_a_text_column_right_of_the_amounts_is_no_part_of_the_names(tmp_path):
    """珠海 表12 and 湖州 表11 (zhuhai-02 p.22-25, huzhou-01 p.32), printed without rules: a
    绩效目标 column right of the amounts, its text wrapped over the lines of the rows beside
    it, is not read into the project names."""
    header = [["项目名称", "合计", "财政拨款", "绩效目标"]]
    body = [["口岸维修经费", "57.52", "57.52", "保障口岸设施"], ["", "", "", "正常运行。"],
            ["珠海市内外经贸发展专", "", "", "通过出口信用保险等"], ["项资金（稳外贸事项）", "750.00", "750.00", "支持措施降低风险。"]]
    records = extracted(tmp_path, ["部门预算项目支出及其他支出预算表", UNIT], header, body, [110, 50, 50, 110], ruled=False)
    assert [(r["name"], r["values"]["total"]) for r in records if r["type"] == "row"] == [
        ("口岸维修经费", D("57.52")), ("珠海市内外经贸发展专项资金（稳外贸事项）", D("750.00"))]


def test_an_amount_glued_to_the_text_after_it_is_a_word_of_its_own():
    """zhuhai-02 p.23: ``0.00营风险，支持…`` (其他资金 0.00, then 绩效目标 text, no gap)."""
    from budgetkit.sources.pdf import _unglued
    text = "0.00营风险"
    chars = [{"text": c, "x0": 528.0 + 5 * i if i < 4 else 548.8 + 10 * (i - 4),
              "x1": 533.0 + 5 * i if i < 4 else 558.8 + 10 * (i - 4)} for i, c in enumerate(text)]
    word = {"text": text, "x0": 528.0, "x1": 578.8, "top": 10.0, "bottom": 20.0, "chars": chars}
    unit = {"text": "3.5万元", "x0": 0.0, "x1": 30.0, "top": 10.0, "bottom": 20.0, "chars": []}
    assert [(w["text"], w["x0"], w["x1"]) for w in _unglued([word, unit])] == [
        ("0.00", 528.0, 548.0), ("营风险", 548.8, 578.8), ("3.5万元", 0.0, 30.0)]
