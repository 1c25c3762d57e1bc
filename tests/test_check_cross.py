"""Family ``cross``: each rule fires when two tables print different figures for the same
quantity, stays quiet when they agree or cover different money, and reports a rounding
tail as ``info``."""

from builders import document, row, run, table

from budgetkit.amounts import amount_text

COLUMNS = ["total", "basic", "project"]


def brief(found):
    return [(f["severity"], f["table"], f["row"], amount_text(f["expected"]), amount_text(f["actual"]))
            for f in found]


def ledger(key, lines, columns=COLUMNS, **fields):
    """A table and its rows from ``(name, code, values)`` lines; values by column order."""
    records = [table(key, columns, **fields)]
    for index, (name, code, values) in enumerate(lines):
        records.append(row(key, index, name, dict(zip(columns, values)), code=code))
    return records


def spending(key, total=("478.85", "292.85", "186.00"), health=("377.78", "191.78", "186.00"),
             housing=("18.28", "18.28", "0.00"), **fields):
    return ledger(key, [("合计", None, total), ("社会保障和就业支出", "208", ("82.79", "82.79", "0.00")),
                        ("卫生健康支出", "210", health), ("住房保障支出", "221", housing)], **fields)


# --- cross.code_amounts ----------------------------------------------------------------

def test_code_amounts_quiet_when_tables_agree():
    assert run("cross.code_amounts", *spending("expenditure_summary"), *spending("general_budget_expenditure")) == []


def test_code_amounts_mismatch_and_tail():
    found = run("cross.code_amounts", *spending("expenditure_summary"),
                *spending("general_budget_expenditure", health=("377.79", "191.78", "186.00"),
                          housing=("18.28", "16.28", "2.00")))
    assert brief(found) == [("info", "general_budget_expenditure", 2, "377.78", "377.79"),
                            ("error", "general_budget_expenditure", 3, "18.28", "16.28"),
                            ("error", "general_budget_expenditure", 3, "0", "2")]
    assert found[1]["message"] == ("“general_budget_expenditure”221 “住房保障支出”“basic” 16.28，"
                                   "“expenditure_summary”221 “住房保障支出”“basic” 18.28，相差 2 万元")


def test_code_amounts_quiet_across_different_money():
    # the 支出总表 counts 100 of other funds under 210: the general-budget table may differ
    found = run("cross.code_amounts",
                *spending("expenditure_summary", total=("578.85", "292.85", "286.00"),
                          health=("477.78", "191.78", "286.00")),
                *spending("general_budget_expenditure"))
    assert found == []


def test_code_amounts_by_name_in_the_summary_table():
    summary = [table("income_expenditure_summary", layout="sided"),
               row("income_expenditure_summary", 0, "一、一般公共预算拨款收入", {"total": "478.85"}, side="income"),
               row("income_expenditure_summary", 1, "本年收入合计", {"total": "478.85"}, side="income", total=True),
               row("income_expenditure_summary", 2, "六、社会保障和就业支出", {"total": "82.79"}, side="expenditure",
                   block=1),
               row("income_expenditure_summary", 3, "七、卫生健康支出", {"total": "366.78"}, side="expenditure", block=1),
               row("income_expenditure_summary", 4, "本年支出合计", {"total": "478.85"}, side="expenditure", block=1,
                   total=True)]
    found = run("cross.code_amounts", *spending("expenditure_summary"), *summary)
    assert brief(found) == [("error", "income_expenditure_summary", 3, "377.78", "366.78")]
    assert found[0]["message"] == ("“income_expenditure_summary”“七、卫生健康支出”行 366.78，"
                                   "“expenditure_summary”210 “卫生健康支出” 377.78，相差 11 万元")


# --- cross.table_totals ----------------------------------------------------------------

def by_unit(values):
    return ledger("general_budget_by_unit", [("合计", None, values), ("某局本级", None, values)])


def test_table_totals_by_unit_and_by_function():
    assert run("cross.table_totals", *spending("general_budget_expenditure"),
               *by_unit(("478.85", "292.85", "186.00"))) == []
    found = run("cross.table_totals", *spending("general_budget_expenditure"), *by_unit(("478.86", "282.86", "196.00")))
    assert brief(found) == [("info", "general_budget_by_unit", 0, "478.85", "478.86"),
                            ("error", "general_budget_by_unit", 0, "292.85", "282.86"),
                            ("error", "general_budget_by_unit", 0, "186", "196")]


def test_table_totals_leave_a_figure_its_own_side_contradicts_to_side_sum():
    """wuxi-01 p.22-23: 本年支出 152585.74 under a 支出总计 of 152585.76 (结转 0), and 152585.76
    in the 财政拨款支出表: one misprinted figure, reported once, by table.side_sum."""
    def summary(spent):
        return [table("fiscal_summary", layout="sided"),
                row("fiscal_summary", 0, "一、本年收入", {"total": "152585.76"}, side="income"),
                row("fiscal_summary", 1, "收入总计", {"total": "152585.76"}, side="income", total=True),
                row("fiscal_summary", 2, "一、本年支出", {"total": spent}, side="expenditure", block=1),
                row("fiscal_summary", 3, "二、年终结转结余", {"total": "0"}, side="expenditure", block=1),
                row("fiscal_summary", 4, "支出总计", {"total": "152585.76"}, side="expenditure", block=1, total=True)]
    reference = ledger("fiscal_expenditure", [("合计", None, ("152585.76",)), ("社会保障和就业支出", "208", ("152585.76",))],
                       columns=["total"])
    found = run("*", *summary("152585.74"), *reference)
    assert [(f["rule"], f["severity"]) for f in found if f["severity"] == "error"] == [("table.side_sum", "error")]
    assert [f for f in run("cross.table_totals", *summary("152585.76"), *reference)] == []


# --- cross.basic_total -----------------------------------------------------------------

def basic_table(total, blocks=False):
    if not blocks:
        return ledger("basic_expenditure", [("合计", None, (total,)), ("工资福利支出", "301", (total,))],
                      columns=["total"])
    personnel, public = total
    return [table("basic_expenditure", ["total"]),
            row("basic_expenditure", 0, "工资福利支出", {"total": personnel}, code="301"),
            row("basic_expenditure", 1, "人员经费合计", {"total": personnel}, total=True),
            row("basic_expenditure", 2, "商品和服务支出", {"total": public}, code="302", block=1),
            row("basic_expenditure", 3, "公用经费合计", {"total": public}, total=True, block=1)]


def test_basic_total_against_the_basic_column():
    assert run("cross.basic_total", *spending("general_budget_expenditure"), *basic_table("292.85")) == []
    found = run("cross.basic_total", *spending("general_budget_expenditure"), *basic_table("293.85"))
    assert brief(found) == [("error", "basic_expenditure", 0, "292.85", "293.85")]
    assert found[0]["message"] == ("“basic_expenditure”“合计”行 293.85，“general_budget_expenditure”“basic” 292.85，"
                                   "相差 1 万元")


def test_basic_total_of_personnel_and_public_blocks():
    assert run("cross.basic_total", *spending("general_budget_expenditure"),
               *basic_table(("268.35", "24.50"), blocks=True)) == []
    found = run("cross.basic_total", *spending("general_budget_expenditure"),
                *basic_table(("268.35", "24.51"), blocks=True))
    assert brief(found) == [("info", "basic_expenditure", 3, "292.85", "292.86")]


def test_basic_total_quiet_when_scopes_differ():
    # the only 基本支出 column is the 支出总表's, which also counts other funds
    assert run("cross.basic_total",
               *spending("expenditure_summary", total=("578.85", "392.85", "186.00")),
               *spending("general_budget_expenditure", columns=["total"]), *basic_table("292.85")) == []


# --- cross.projects_total --------------------------------------------------------------

def test_projects_total_against_the_project_column():
    # a funding column for 单位资金 says the table covers every fund, as the 支出总表 does
    projects = ledger("projects", [("合计", None, ("186.00", "186.00", "0")),
                                   ("综合性履职业务费", None, ("186.00", "186.00", "0"))],
                      columns=["total", "general_budget", "unit_funds"], title="项目支出表")
    assert run("cross.projects_total", *spending("expenditure_summary"), *projects) == []
    projects[1]["values"]["total"] += 96
    found = run("cross.projects_total", *spending("expenditure_summary"), *projects)
    assert brief(found) == [("error", "projects", 0, "186", "282")]
    assert found[0]["message"] == ("“项目支出表”“合计”行 282，“expenditure_summary”“project” 186，相差 96 万元")


def test_projects_total_against_department_and_public_projects():
    columns = ["total", "basic", "project_dept", "project_public"]
    summary = ledger("expenditure_summary", [("合计", None, ("3291.91", "994.81", "163.10", "2134.00"))],
                     columns=columns)
    general = ledger("general_budget_expenditure", [("合计", None, ("3291.91",))], columns=["total"])
    projects = ledger("projects", [("", None, ("2297.10",))], columns=["total"])
    assert run("cross.projects_total", *summary, *general, *projects) == []
    projects[1]["values"]["total"] += 1
    assert brief(run("cross.projects_total", *summary, *general, *projects)) == [
        ("error", "projects", 0, "2297.1", "2298.1")]
    # without the general-budget table nothing shows the department has no other funds
    assert brief(run("cross.projects_total", *summary, *projects)) == [("warning", "projects", 0, "2297.1", "2298.1")]


# --- cross.income_total ----------------------------------------------------------------

def sided(year, grand):
    return [table("income_expenditure_summary", layout="sided"),
            row("income_expenditure_summary", 0, "一、一般公共预算财政拨款收入", {"total": year}, side="income"),
            row("income_expenditure_summary", 1, "本年收入合计", {"total": year}, side="income", total=True),
            row("income_expenditure_summary", 2, "年初结转和结余", {"total": "49.14"}, side="income"),
            row("income_expenditure_summary", 3, "总计", {"total": grand}, side="income", total=True)]


def income(total, label="本年收入合计"):
    records = ledger("income_summary", [("合计", None, (total,))], columns=["total"])
    records[0]["columns"][0]["label"] = label
    return records


def test_income_total_against_the_year_income():
    assert run("cross.income_total", *sided("2946.25", "2995.39"), *income("2946.25")) == []
    found = run("cross.income_total", *sided("2946.25", "2995.39"), *income("2995.39"))
    assert brief(found) == [("error", "income_summary", 0, "2946.25", "2995.39")]


def test_income_total_left_alone_when_it_is_unclear_which_total():
    assert run("cross.income_total", *sided("2946.25", "2995.39"), *income("2995.39", label="合计")) == []


def test_income_total_tail_when_no_carry_over():
    found = run("cross.income_total", *sided("478.85", "478.85"), *income("478.86", label="合计"))
    assert brief(found) == [("info", "income_summary", 0, "478.85", "478.86")]


# --- cross.three_public_items ----------------------------------------------------------

def three_public(reception):
    keys = ["total", "abroad", "vehicles", "reception"]
    return ledger("three_public", [("", None, ("0.18", "0", "0", reception))], columns=keys)


def test_three_public_items_cover_the_basic_expenditure_items():
    basic = ledger("basic_expenditure", [("合计", None, ("24.50",)), ("公务接待费", "30217", ("0.18",))],
                   columns=["total"])
    assert run("cross.three_public_items", *basic, *three_public("0.18")) == []
    found = run("cross.three_public_items", *basic, *three_public("0.10"))
    assert brief(found) == [("warning", "three_public", 0, "0.18", "0.1")]
    assert found[0]["message"] == ("“three_public”“reception” 0.1，少于“basic_expenditure”30217 “公务接待费” 0.18"
                                   "（三公经费含基本支出中的同项支出）")


def test_three_public_items_use_the_actual_columns_of_a_final_account():
    basic = ledger("basic_expenditure", [("办公费", "30201", ("6.05",)), ("公务接待费", "30217", ("1.00",))],
                   columns=["total"])
    keys = ["total_budget", "total_actual", "reception_budget", "reception_actual"]
    three = ledger("three_public", [("", None, ("0.95", "0.50", "0.95", "0.50"))], columns=keys)
    found = run("cross.three_public_items", document(kind="final_account"), *basic, *three)
    assert brief(found) == [("warning", "three_public", 0, "1", "0.5")]
    assert "“reception_actual” 0.5" in found[0]["message"]
