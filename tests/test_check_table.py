"""Family ``table``: each rule fires on a table that does not add up and stays quiet on
one that does; a rounding tail is ``info``, never an error."""

from builders import D, row, run, table

from budgetkit.amounts import amount_text
from budgetkit.checks.layout import column_identities, numbering, top_level


def brief(found):
    """(severity, row, expected, actual) of each finding, amounts as a message prints them."""
    return [(f["severity"], f["row"], amount_text(f["expected"]), amount_text(f["actual"])) for f in found]


def columns(*keys_and_blocks):
    return [{"key": key, "label": label, "block": block} for key, label, block in keys_and_blocks]


# --- column identities -------------------------------------------------------------------

def test_identities_follow_the_printed_groups():
    found = column_identities(table("general_budget_expenditure", ["total", "basic", "personnel", "public", "project"]))
    assert [(i.total, i.parts) for i in found] == [("total", ("basic", "project")), ("basic", ("personnel", "public"))]


def test_identities_of_parallel_budget_and_actual_columns():
    keys = ["total_budget", "total_actual", "abroad_budget", "abroad_actual", "vehicles_budget", "vehicles_actual",
            "vehicle_purchase_budget", "vehicle_purchase_actual", "vehicle_operation_budget",
            "vehicle_operation_actual", "reception_budget", "reception_actual"]
    found = {(i.total, i.parts) for i in column_identities(table("three_public", keys))}
    assert found == {("total_budget", ("abroad_budget", "vehicles_budget", "reception_budget")),
                     ("total_actual", ("abroad_actual", "vehicles_actual", "reception_actual")),
                     ("vehicles_budget", ("vehicle_purchase_budget", "vehicle_operation_budget")),
                     ("vehicles_actual", ("vehicle_purchase_actual", "vehicle_operation_actual"))}


def test_no_identity_for_a_total_that_is_not_the_first_column():
    # 政府性基金 决算: 年初结转和结余 | 本年收入 | 本年支出 … — the ``total`` is income, not a sum
    assert column_identities(table("gov_fund", ["opening_balance", "total", "basic", "project"])) == []


def test_meetings_and_training_count_only_beside_a_three_public_subtotal():
    with_subtotal = column_identities(table("three_public", ["total", "three_public", "abroad", "vehicles",
                                                             "reception", "meetings", "training"]))
    assert ("total", ("three_public", "meetings", "training")) in [(i.total, i.parts) for i in with_subtotal]
    without = column_identities(table("three_public", ["total", "abroad", "vehicles", "reception", "meetings"]))
    assert [i.total for i in without] == []


def test_numbering_levels_and_top_level_rows():
    assert [numbering(n) for n in ("一、财政拨款", "（一）上级补助", "1.一般公共预算", "其中：（1）公务用车购置",
                                   "廿一、其他支出", "上年结转", "2.5万元")] == [0, 1, 2, 3, 0, None, None]
    rows = [row("t", 0, "一、财政拨款", {}), row("t", 1, "1.一般公共预算", {}), row("t", 2, "二、事业收入", {})]
    items, certain = top_level(rows)
    assert [r["name"] for r in items] == ["一、财政拨款", "二、事业收入"] and certain
    heading = [row("t", 0, "年初结转和结余", {}), row("t", 1, "一、一般公共预算财政拨款", {})]
    assert top_level(heading)[1] is False


# --- table.row_sum -------------------------------------------------------------------------

GB = ["total", "basic", "personnel", "public", "project"]


def test_row_sum_quiet_when_columns_add_up():
    assert run("table.row_sum", table("general_budget_expenditure", GB),
               row("general_budget_expenditure", 0, "合计", {"total": "478.85", "basic": "292.85", "personnel": "268.35",
                                                              "public": "24.50", "project": "186.00"})) == []


def test_row_sum_error_tail_and_uncertain_row():
    found = run("table.row_sum", table("general_budget_expenditure", GB),
                row("general_budget_expenditure", 0, "卫生健康支出", {"total": "377.78", "basic": "191.78",
                                                                     "personnel": "167.29", "public": "24.50",
                                                                     "project": "186"}, code="210"),
                row("general_budget_expenditure", 1, "行政运行", {"total": "200.00", "basic": "177.58",
                                                                 "personnel": "156.09", "public": "21.49",
                                                                 "project": "0"}, code="2101501"),
                row("general_budget_expenditure", 2, "一般行政管理事务", {"total": "170", "basic": "0",
                                                                         "personnel": "0", "public": "0",
                                                                         "project": "166"}, code="2101502",
                    uncertain=True),
                row("general_budget_expenditure", 3, "住房公积金", {"total": "18.28", "basic": "18.28",
                                                                   "personnel": "18.28", "public": "0",
                                                                   "project": "0"}, code="2210201"))
    assert brief(found) == [("info", 0, "191.79", "191.78"), ("error", 1, "177.58", "200"),
                            ("warning", 2, "166", "170")]
    assert [f["subject"] for f in found] == ["卫生健康支出/basic", "行政运行/total", "一般行政管理事务/total"]
    assert found[1]["message"] == "2101501 “行政运行”“total” 200，“basic”、“project”之和 177.58，相差 22.42 万元"


def yuan_table(other_total: str):
    """A table in 元 whose 合计 column prints whole 元 (1,234,567; ``other_total`` on the
    second row) over parts printed to the 分; values in 万元 as records hold them."""
    def wan(yuan: str) -> str:
        return str(D(yuan) / 10000)

    rows = [("201", "1234567", "1000000.15", "234567.25"), ("205", other_total, "500000.10", "300000.20"),
            ("208", "90000", "90000", "0"), ("210", "60003", "50001.50", "10000.50")]
    return (table("general_budget_expenditure", ["total", "basic", "project"], unit="元"),
            *(row("general_budget_expenditure", index, f"类{code}", {"total": wan(total), "basic": wan(basic),
                                                                      "project": wan(project)}, code=code)
              for index, (code, total, basic, project) in enumerate(rows)))


def test_a_total_column_printed_to_the_yuan_is_a_tail_over_parts_to_the_fen():
    # 1,234,567 against 1,234,567.40 and 800,000 against 800,000.30: the 合计 column rounds to
    # the 元; 60,003 against 60,002.00 is a 元 off all the same
    found = run("table.row_sum", *yuan_table("800000"))
    assert [(f["severity"], f["code"]) for f in found] == [("info", "201"), ("info", "205"), ("error", "210")]
    # quoted as the table prints them, in 元
    assert found[0]["message"] == "201 “类201”“total” 1234567，“basic”、“project”之和 1234567.4，相差 0.4 元（四舍五入尾差）"
    # one 合计 printed to the 分 (800,000.30) shows the column keeps the 分: 1,234,567 is then
    # 0.40 元 off, a figure that reads as cut short of its 分 (a warning), and 60,003 an error
    found = run("table.row_sum", *yuan_table("800000.30"))
    assert [(f["severity"], f["code"]) for f in found] == [("warning", "201"), ("error", "210")]


CHANGCHUN = ["total", "current_year", "basic", "project", "carryover", "carryover_basic", "carryover_project"]


def changchun_rows(printed_current: str):
    """changchun-01 p.8: 2014002 一般行政管理事务 prints 当年预算/小计 0 beside its parts (458)."""
    rows = [row("expenditure_summary", 0, "信访事务", {"total": "480.50", "current_year": "480.50", "basic": "22.50",
                                                      "project": "458.00"}, code="20140"),
            row("expenditure_summary", 1, "一般行政管理事务", {"total": "458.00", "current_year": printed_current,
                                                          "basic": "0", "project": "458.00"}, code="2014002",
                parent="20140"),
            row("expenditure_summary", 2, "信访业务", {"total": "22.50", "current_year": "22.50", "basic": "22.50",
                                                      "project": "0"}, code="2014003", parent="20140")]
    labels = ["合计", "当年预算/小计", "当年预算/基本支出", "当年预算/项目支出", "上年结转结余/小计", "上年结转结余/基本支出",
              "上年结转结余/项目支出"]
    summary = table("expenditure_summary", CHANGCHUN)
    summary["columns"] = [{"key": key, "label": label, "block": 0} for key, label in zip(CHANGCHUN, labels)]
    return (summary, *rows)


def test_a_row_breaking_two_identities_for_one_cell_is_one_finding_and_derives_no_parent_error():
    found = run("table.*", *changchun_rows("0"))
    assert [(f["rule"], f["severity"], f["row"]) for f in found if f["severity"] != "info"] == [
        ("table.row_sum", "error", 1)]
    assert found[0]["message"] == ("2014002 “一般行政管理事务”“合计” 458，“当年预算/小计”、“上年结转结余/小计”之和 0，相差 458 万元；"
                                   "“当年预算/小计” 0，“基本支出”、“项目支出”之和 458，相差 458 万元")
    assert run("table.*", *changchun_rows("458.00")) == []


def test_row_sum_three_public_in_one_row():
    keys = ["total", "abroad", "vehicles", "vehicle_purchase", "vehicle_operation", "reception"]
    found = run("table.row_sum", table("three_public", keys),
                row("three_public", 0, "", {"total": "0.18", "abroad": "0", "vehicles": "0", "vehicle_purchase": "0",
                                            "vehicle_operation": "0", "reception": "0.12"}))
    assert brief(found) == [("error", 0, "0.12", "0.18")] and found[0]["table"] == "three_public"


def test_row_sum_misread_header_is_one_note():
    # every row breaks 合计 = 基本支出 + 项目支出 alike: the columns were read wrong
    rows = [row("general_budget_summary", i, name, {"total": "3291.91", "basic": "994.81", "project": "868.10"})
            for i, name in enumerate(("合计", "某局", "某局本级"))]
    found = run("table.row_sum", table("general_budget_summary", ["total", "basic", "project"]), *rows)
    assert [(f["severity"], f["row"]) for f in found] == [("info", 0)]
    assert "多数行不符" in found[0]["message"]


# --- table.total_sum -----------------------------------------------------------------------

def test_total_sum_over_class_rows():
    rows = [row("expenditure_summary", 0, "合计", {"total": "478.85"}),
            row("expenditure_summary", 1, "社会保障和就业支出", {"total": "82.79"}, code="208"),
            row("expenditure_summary", 2, "行政事业单位养老支出", {"total": "82.79"}, code="20805"),
            row("expenditure_summary", 3, "卫生健康支出", {"total": "377.78"}, code="210"),
            row("expenditure_summary", 4, "住房保障支出", {"total": "18.28"}, code="221")]
    assert run("table.total_sum", table("expenditure_summary"), *rows) == []
    rows[0]["values"]["total"] = rows[0]["values"]["total"] + 1
    found = run("table.total_sum", table("expenditure_summary"), *rows)
    assert brief(found) == [("error", 0, "478.85", "479.85")]
    assert found[0]["message"] == "“合计”行“total” 479.85，下列各项（208、210、221）之和 478.85，相差 1 万元"


def test_total_sum_tail_and_numbered_items():
    rows = [row("three_public", 0, "合计", {"total": "4.01"}),
            row("three_public", 1, "1.因公出国（境）费用", {"total": None}),
            row("three_public", 2, "2.公务用车购置及运行维护费", {"total": "3"}),
            row("three_public", 3, "其中：（1）公务用车购置", {"total": None}),
            row("three_public", 4, "（2）公务用车运行维护费", {"total": "3"}),
            row("three_public", 5, "3.公务接待费", {"total": "1"})]
    found = run("table.total_sum", table("three_public"), *rows)
    assert brief(found) == [("info", 0, "4", "4.01")]


def test_total_sum_skips_rows_whose_nesting_is_not_printed():
    rows = [row("projects", 0, "合计", {"total": "186"}), row("projects", 1, "某局", {"total": "186"}),
            row("projects", 2, "综合性履职业务费", {"total": "144"})]
    assert run("table.total_sum", table("projects"), *rows) == []


# --- table.side_sum and table.balance -------------------------------------------------------

def summary(*rows_):
    return (table("income_expenditure_summary", layout="sided"), *rows_)


def side(index, name, amount, side_="income", **fields):
    block = {"income": 0, "expenditure": 1, "expenditure_2": 2}[side_]
    return row("income_expenditure_summary", index, name, {"total": amount}, side=side_, block=block, **fields)


def income_side(year_total="2946.25", grand="2995.39"):
    return [side(0, "一、一般公共预算财政拨款收入", "2940.05"), side(1, "二、其他收入", "6.2"),
            side(2, "本年收入合计", year_total, total=True), side(3, "年初结转和结余", "49.14"),
            side(4, "总计", grand, total=True)]


def spending_side(grand="2995.39"):
    return [side(5, "一、一般公共服务支出", "2106.66", "expenditure"), side(6, "二、社会保障和就业支出", "833.39",
                                                                       "expenditure"),
            side(7, "本年支出合计", "2940.05", "expenditure", total=True),
            side(8, "年末结转和结余", "55.34", "expenditure"), side(9, "总计", grand, "expenditure", total=True)]


def test_side_sum_quiet_when_both_sides_add_up():
    assert run("table.side_sum", *summary(*income_side(), *spending_side())) == []


def test_side_sum_finds_a_year_total_and_a_grand_total_off():
    found = run("table.side_sum", *summary(*income_side(year_total="2946.26", grand="2995.00"), *spending_side()))
    assert brief(found) == [("info", 2, "2946.25", "2946.26"), ("error", 4, "2995.4", "2995")]
    assert found[1]["message"] == ("“总计”行 2995，各项（本年收入合计、年初结转和结余）之和 2995.4，"
                                   "相差 0.4 万元")


def test_side_sum_of_unnumbered_rows_is_a_warning():
    rows = [side(0, "一、财政拨款", "100", ), side(1, "本年收入合计", "100", total=True),
            side(2, "年初结转", "10"), side(3, "其中：财政拨款结转", "4"), side(4, "非财政拨款结转", "6"),
            side(5, "收入总计", "120", total=True)]
    found = run("table.side_sum", *summary(*rows))
    assert [(f["severity"], f["row"]) for f in found] == [("warning", 5)]


def test_side_sum_with_a_subtotal_not_read_as_one_is_a_warning():
    rows = [side(0, "一、财政拨款", "100"), side(1, "收入本年合计", "100"), side(2, "二、上年结转", "10"),
            side(3, "收入总计", "120", total=True)]
    assert [(f["severity"], f["row"]) for f in run("table.side_sum", *summary(*rows))] == [("warning", 3)]


def test_side_sum_second_expenditure_view_adds_up_to_the_first_total():
    rows = [side(0, "一、公共安全支出", "100", "expenditure"), side(1, "当年支出小计", "100", "expenditure", total=True),
            side(2, "一、基本支出", "70", "expenditure_2"), side(3, "二、项目支出", "20", "expenditure_2")]
    found = run("table.side_sum", *summary(*rows))
    assert brief(found) == [("error", 1, "90", "100")]


def huzhou_spending(housing="420.07"):
    """湖州's 收支总表 (huzhou-01 p.17): functional lines without codes, numbers or indentation."""
    names = [("一般公共服务支出", "5356.01"), ("财政事务", "5356.01"), ("行政运行", "3685.65"), ("信息化建设", "113.75"),
             ("事业运行", "403.61"), ("其他财政事务支出", "1153.00"), ("社会保障和就业支出", "796.52"),
             ("行政事业单位养老支出", "796.52"), ("卫生健康支出", "265.81"), ("行政事业单位医疗", "265.81"),
             ("住房保障支出", housing), ("住房改革支出", "420.07"), ("住房公积金", "420.07")]
    return [side(5 + i, name, amount, "expenditure") for i, (name, amount) in enumerate(names)] + [
        side(18, "本年支出合计", "6838.41", "expenditure", total=True)]


def test_side_sum_of_functional_lines_printed_without_codes_adds_up_their_classes():
    """The 类 are told by their names; 其他财政事务支出 is not in the code list, so a sum
    that fails is a warning."""
    assert run("table.side_sum", *summary(*huzhou_spending())) == []
    found = run("table.side_sum", *summary(*huzhou_spending(housing="402.07")))
    assert brief(found) == [("warning", 18, "6820.41", "6838.41")]
    assert "各项（一般公共服务支出、社会保障和就业支出、卫生健康支出、住房保障支出）" in found[0]["message"]


def test_balance():
    assert run("table.balance", *summary(*income_side(), *spending_side())) == []
    found = run("table.balance", *summary(*income_side(), *spending_side(grand="2995.49")))
    assert brief(found) == [("error", 9, "2995.39", "2995.49")]
    assert found[0]["message"] == "“总计” 2995.49，“总计” 2995.39，相差 0.1 万元"
    tail = run("table.balance", *summary(*income_side(), *spending_side(grand="2995.40")))
    assert [f["severity"] for f in tail] == ["info"]


# --- table.item_sum ------------------------------------------------------------------------

def test_item_sum_numbered_sub_items():
    rows = [side(0, "一、财政拨款收入", "16497.86"), side(1, "1.一般公共预算", "16497.86"), side(2, "2.政府性基金", None),
            side(3, "二、事业收入", None), side(4, "收入总计", "16497.86", total=True)]
    assert run("table.item_sum", *summary(*rows)) == []
    rows[1]["values"]["total"] = rows[1]["values"]["total"] - 100
    found = run("table.item_sum", *summary(*rows))
    assert brief(found) == [("error", 0, "16397.86", "16497.86")]
    assert found[0]["message"] == ("“一、财政拨款收入”行 16497.86，所列子项（1.一般公共预算、2.政府性基金）之和 "
                                   "16397.86，相差 100 万元")


def test_item_sum_skips_items_with_unnumbered_rows_below():
    rows = [side(0, "一、一般公共预算拨款收入", "478.85"), side(1, "经费拨款(补助)", "400"),
            side(2, "二、政府性基金预算拨款收入", "0")]
    assert run("table.item_sum", *summary(*rows)) == []


def test_item_sum_of_which_list_may_not_exceed_its_item():
    rows = [row("three_public", 0, "2.公务用车购置及运行维护费", {"total": "3.05"}),
            row("three_public", 1, "其中：（1）公务用车购置", {"total": "1.20"}),
            row("three_public", 2, "（2）公务用车运行维护费", {"total": "1.35"}),
            row("three_public", 3, "3.公务接待费", {"total": "1.10"})]
    assert run("table.item_sum", table("three_public"), *rows) == []  # 其中 need not list everything
    rows[2]["values"]["total"] = rows[2]["values"]["total"] + 2
    found = run("table.item_sum", table("three_public"), *rows)
    assert brief(found) == [("error", 0, "4.55", "3.05")]


def test_row_sum_with_a_figure_cut_short_is_a_warning():
    # 公务接待费 printed "0. 1" where 0.18 balances the row: a cell cut by OCR or wrapping
    found = run("table.row_sum", table("three_public", ["total", "abroad", "vehicles", "reception"]),
                row("three_public", 0, "", {"total": "0.18", "abroad": "0", "vehicles": "0", "reception": "0.1"}))
    assert [(f["severity"], f["expected"], f["actual"]) for f in found] == [("warning", D("0.1"), D("0.18"))]
    assert found[0]["message"].endswith("（某个数字像是被截断，请对照原表）")


def test_side_items_numbered_again_under_an_item_are_not_counted_twice():
    """changchun-01 p.9: 一、本年支出 1682.76 over 一、一般公共服务支出 … 四、住房保障支出, then
    二、结转下年支出: the side adds up 一 and 二, not 一 with its own items."""
    table_id = "fiscal_summary"
    printed = [("一、本年支出", "1682.76"), ("一、一般公共服务支出", "1378.41"), ("二、社会保障和就业支出", "178.42"),
               ("三、卫生健康支出", "32.65"), ("四、住房保障支出", "93.27"), ("二、结转下年支出", None)]
    rows = [row(table_id, i, name, {"total": amount}, side="expenditure") for i, (name, amount) in enumerate(printed)]
    total = row(table_id, len(rows), "支出总计", {"total": "1682.76"}, side="expenditure", total=True)
    assert run("table.side_sum", table(table_id, ["total"], layout="sided"), *rows, total) == []
    wrong = run("table.side_sum", table(table_id, ["total"], layout="sided"), *rows,
                row(table_id, len(rows), "支出总计", {"total": "1700.00"}, side="expenditure", total=True))
    assert [(f["severity"], f["expected"]) for f in wrong] == [("error", D("1682.76"))]
