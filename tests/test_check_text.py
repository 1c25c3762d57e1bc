"""Rules of the ``text`` family: narrative figures against the tables and themselves."""

from decimal import Decimal

from builders import D, document, row, run, statement, table


def basic_tables():
    """A budget whose expenditure tables print 基本支出 994.81, 项目支出 2297.1 and the
    basic-expenditure lines 301, 302 and 30201 办公费 13.32."""
    return (
        table("expenditure_summary", ["total", "basic", "project"]),
        row("expenditure_summary", 0, "合计", {"total": "3291.91", "basic": "994.81", "project": "2297.1"}),
        table("basic_expenditure"),
        row("basic_expenditure", 0, "合计", {"total": "994.81"}),
        row("basic_expenditure", 1, "工资福利支出", {"total": "868.1"}, code="301"),
        row("basic_expenditure", 2, "商品和服务支出", {"total": "126.71"}, code="302"),
        row("basic_expenditure", 3, "办公费", {"total": "13.32"}, code="30201"),
        row("basic_expenditure", 4, "其他商品和服务支出", {"total": "55.11"}, code="30299"),
    )


# --- text.table_amount --------------------------------------------------------------------

def test_table_amount_reports_a_concept_the_tables_print_otherwise():
    found = run("text.table_amount", *basic_tables(),
                statement(22, "基本支出777.39万元", subject="基本支出", concept="basic", amount=777.39, unit="万元"))
    assert [(f["severity"], f["statement"], f["line"], f["table"], f["row"], f["expected"], f["actual"])
            for f in found] == [("error", "s22", 122, "expenditure_summary", 0, D("994.81"), D("777.39"))]
    assert found[0]["message"] == "“基本支出”表述为 777.39 万元，expenditure_summary“合计/basic”为 994.81 万元，相差 217.42 万元"


def test_table_amount_matches_basic_expenditure_lines_by_code_and_drifted_name():
    public = statement(53, "2.公用经费126.71万元", subject="公用经费", concept="public", amount=126.71, unit="万元")
    found = run("text.table_amount", *basic_tables(), public,
                statement(55, "1.办公费10.32万元", subject="办公费", code="30201", code_kind="economic",
                          amount=10.32, unit="万元", parent="s53", list="L1", item=1),
                statement(64, "2.其他商品及服务支出58.08万元", subject="其他商品及服务支出", code="30299",
                          code_kind="economic", amount=58.08, unit="万元", parent="s53", list="L1", item=2))
    assert [(f["statement"], f["code"], f["expected"], f["actual"]) for f in found] == [
        ("s55", "30201", D("13.32"), D("10.32")), ("s64", "30299", D("55.11"), D("58.08"))]


def test_table_amount_quiet_when_the_narrative_restates_the_tables():
    assert run("text.table_amount", *basic_tables(),
               statement(37, "基本支出994.81万元", subject="基本支出", concept="basic", amount=994.81, unit="万元"),
               statement(38, "项目支出2297.10万元", subject="项目支出", concept="project", amount=2297.1, unit="万元"),
               statement(50, "工资福利支出868.1万元", subject="工资福利支出", code="301", code_kind="economic",
                         amount=868.1, unit="万元", parent="s37", list="L1", item=1)) == []


def test_table_amount_rounding_tail_is_info():
    found = run("text.table_amount", table("general_budget_expenditure"),
                row("general_budget_expenditure", 0, "卫生健康支出", {"total": "377.78"}, code="210"),
                statement(15, "卫生健康支出377.79万元", subject="卫生健康支出", code="210", code_kind="functional",
                          amount=377.79, unit="万元"))
    assert [(f["severity"], f["expected"], f["actual"]) for f in found] == [("info", D("377.78"), D("377.79"))]
    assert found[0]["message"].endswith("相差 0.01 万元（四舍五入尾差）")


def test_table_amount_reads_a_yuan_table_at_the_narrative_precision():
    yuan = table("general_budget_expenditure", unit="元")
    assert run("text.table_amount", yuan,
               row("general_budget_expenditure", 0, "职业年金缴费支出", {"total": "220.6272"}, code="2080506"),
               statement(60, "“机关事业单位职业年金缴费支出(项)”220.63万元",
                         subject="机关事业单位职业年金缴费支出(项)", code="2080506", code_kind="functional",
                         amount=220.63, unit="万元")) == []


def test_table_amount_skips_last_years_figures_and_project_lines_named_like_basic_lines():
    assert run("text.table_amount", *basic_tables(),
               # a budget's 上年执行数 is not this year's table
               statement(16, "2021年当年预算执行数为800万元", subject="当年预算执行数", concept="basic",
                         amount=800, unit="万元"),
               # 印刷费 of a project, not the basic-expenditure line
               statement(104, "综合治理与医保政策宣传资料印刷费10万元", subject="综合治理与医保政策宣传资料印刷费",
                         code="30202", code_kind="economic", amount=10, unit="万元"),
               # an economic line outside a basic-expenditure list
               statement(116, "物业管理费35万元", subject="物业管理费", code="30201", code_kind="economic",
                         amount=35, unit="万元")) == []


def test_table_amount_final_account_compares_outturns_not_budgets():
    final = document(kind="final_account", year=2023)
    tables = (table("general_budget_expenditure"),
              row("general_budget_expenditure", 0, "公务员医疗补助", {"total": "7.01"}, code="2101103"))
    topic = "3.卫生健康支出(类)行政事业单位医疗(款)公务员医疗补助(项)"
    budget = statement(37, "年初预算为6.52万元", subject="年初预算", topic=topic, code="2101103",
                       code_kind="functional", amount=6.52, unit="万元")
    outturn = statement(38, "支出决算为7.11万元", subject="支出决算", topic=topic, code="2101103",
                        code_kind="functional", amount=7.11, unit="万元", basis_amount=6.52)
    found = run("text.table_amount", final, *tables, budget, outturn)
    assert [(f["severity"], f["statement"], f["expected"], f["actual"]) for f in found] == [
        ("error", "s38", D("7.01"), D("7.11"))]
    assert found[0]["subject"] == "卫生健康支出(类)行政事业单位医疗(款)公务员医疗补助(项)支出决算"


def test_table_amount_three_public_item_against_the_three_public_table():
    tables = (table("three_public", ["total", "abroad", "reception"]),
              row("three_public", 0, "", {"total": "0.18", "abroad": "0", "reception": "0.1"}))
    head = statement(79, "2024年一般公共预算“三公”经费支出0.18万元", subject="一般公共预算“三公”经费支出",
                     scope="general_budget", amount=0.18, unit="万元", heading="七、“三公”经费支出安排情况")
    reception = statement(84, "公务接待费0.18万元", subject="公务接待费", code="30217", code_kind="economic",
                          amount=0.18, unit="万元", parent="s79", list="L1", item=1,
                          heading="七、“三公”经费支出安排情况")
    found = run("text.table_amount", *tables, head, reception)
    assert [(f["severity"], f["statement"], f["table"], f["expected"], f["actual"]) for f in found] == [
        ("error", "s84", "three_public", D("0.1"), D("0.18"))]


def test_table_amount_three_public_table_that_does_not_add_up_is_a_warning():
    # the table's own total agrees with the prose: its 公务接待费 cell may be misread
    tables = (table("three_public", ["total", "abroad", "vehicles", "reception"]),
              row("three_public", 0, "", {"total": "0.18", "abroad": "0", "vehicles": "0", "reception": "0.1"}))
    found = run("text.table_amount", *tables,
                statement(84, "公务接待费0.18万元", subject="公务接待费", amount=0.18, unit="万元",
                          heading="七、“三公”经费支出安排情况"))
    assert [(f["severity"], f["expected"], f["actual"]) for f in found] == [("warning", D("0.1"), D("0.18"))]
    assert found[0]["message"].endswith("（该表合计与分项不符，何者有误待核）")


def test_table_amount_project_by_name_and_total_of_a_fund():
    tables = (table("projects"),
              row("projects", 0, "医保业务科工作经费", {"total": "12"}, code="2101505",
                  labels={"project": "医保业务科工作经费"}),
              table("fiscal_summary", layout="sided"),
              row("fiscal_summary", 0, "总计", {"total": "2961.68"}, side="income", total=True))
    found = run("text.table_amount", *tables,
                statement(82, "7.医保业务科工作经费12万元", subject="医保业务科工作经费", code="2101505",
                          code_kind="functional", amount=12, unit="万元"),
                statement(8, "财政拨款收入支出总计0.3万元", subject="财政拨款收入支出总计", concept="total",
                          scope="fiscal", amount=0.3, unit="万元"))
    assert [(f["statement"], f["expected"], f["actual"]) for f in found] == [("s8", D("2961.68"), D("0.3"))]


def test_table_amount_uncertain_row_is_a_warning():
    tables = (table("procurement"), row("procurement", 0, "合计", {"total": "100"}, uncertain=True))
    found = run("text.table_amount", *tables,
                statement(90, "政府采购预算支出合计109万元", subject="部门预算中纳入政府采购预算支出合计",
                          concept="procurement", amount=109, unit="万元"))
    assert [f["severity"] for f in found] == ["warning"]


def test_a_fund_s_procurement_is_compared_with_that_fund_s_column():
    """chongqing-03 p.6: 其中一般公共预算拨款政府采购50,106.43万元 is the table's 一般公共预算
    column, not its all-funds 合计 of 110,390.99."""
    tables = (table("procurement", ["total", "general_budget"]),
              row("procurement", 0, "合计", {"total": "110390.99", "general_budget": "50106.43"}))
    said = "其中一般公共预算拨款政府采购50,106.43万元"
    assert run("text.table_amount", *tables, statement(9, said, subject="一般公共预算拨款政府采购",
                                                       concept="procurement", scope="general_budget",
                                                       amount=D("50106.43"), unit="万元")) == []
    wrong = run("text.table_amount", *tables, statement(9, said.replace("50,106.43", "50,160.43"),
                                                        subject="一般公共预算拨款政府采购", concept="procurement",
                                                        scope="general_budget", amount=D("50160.43"), unit="万元"))
    assert [(f["severity"], f["expected"], f["actual"]) for f in wrong] == [("error", D("50106.43"), D("50160.43"))]


# --- text.list_sum --------------------------------------------------------------------------

def public_list(*amounts):
    head = statement(53, "2.公用经费24.50万元", subject="公用经费", concept="public", amount=24.5, unit="万元")
    items = [statement(60 + n, f"{n}.项目{n} {a}万元", subject=f"费用{n}", amount=D(a), unit="万元", parent="s53",
                       list="L1", item=n) for n, a in enumerate(amounts, 1)]
    return head, *items


def test_list_sum_reports_items_that_add_up_to_more():
    found = run("text.list_sum", *public_list("6.05", "3", "20"))
    assert [(f["severity"], f["statement"], f["expected"], f["actual"]) for f in found] == [
        ("error", "s53", D("29.05"), D("24.5"))]
    assert found[0]["message"] == "“公用经费” 24.5 万元，其分项（费用1 6.05、费用2 3、费用3 20）合计 29.05 万元，相差 4.55 万元"


def test_list_sum_items_falling_short_may_be_the_main_ones_only():
    """quanzhou-01 p.23 lists three 项 (行政运行, 一般行政管理事务, 行政单位离退休) under a
    一般公共预算拨款支出 the tables spread over more: a warning that says so."""
    found = run("text.list_sum", *public_list("6.05", "3", "10"))
    assert [(f["severity"], f["expected"], f["actual"]) for f in found] == [("warning", D("19.05"), D("24.5"))]
    assert found[0]["message"] == ("“公用经费” 24.5 万元，其分项（费用1 6.05、费用2 3、费用3 10）合计 19.05 万元，"
                                   "相差 5.45 万元（或只列出了主要分项）")


def test_list_sum_rounding_tail_is_info_and_exact_sum_is_quiet():
    assert run("text.list_sum", *public_list("6.05", "3", "15.45")) == []
    found = run("text.list_sum", *public_list("6.05", "3", "15.44"))
    assert [(f["severity"], f["expected"]) for f in found] == [("info", D("24.49"))]


def test_list_sum_a_list_after_a_sentence_of_several_figures_itemises_the_one_it_adds_up_to():
    """wuxi-01 p.41: 收入预算合计 154,121.76 万元，包括本年收入 154,121.76 万元，上年结转结余 0 万元。
    其中：本年一般公共预算收入…: the items are 本年收入's, not the 上年结转结余 named last."""
    sentence = "收入预算合计154,121.76万元,包括本年收入154,121.76万元,上年结转结余0万元。"
    whole = [statement(47, "收入预算合计154,121.76万元", sentence, subject="收入预算合计", amount=154121.76, unit="万元"),
             statement(48, "本年收入154,121.76万元", sentence, subject="本年收入", amount=154121.76, unit="万元"),
             statement(49, "上年结转结余0万元", sentence, subject="上年结转结余", amount=0, unit="万元")]
    items = [statement(50, "本年一般公共预算收入152,585.76万元", subject="本年一般公共预算收入", amount=152585.76,
                       unit="万元", parent="s49", list="L8", item=1),
             statement(51, "本年其他收入1,536.00万元", subject="本年其他收入", amount=1536, unit="万元",
                       parent="s49", list="L8", item=2)]
    assert run("text.list_sum", *whole, *items) == []
    # shanghai-putuo-wanli-2023 p.6: the whole in an earlier sentence under the same heading
    earlier = [dict(whole[1], sentence="本年收入154,121.76万元。", id="s46"),
               dict(whole[2], sentence="国有资本经营预算拨款支出预算0万元。", id="s49")]
    assert run("text.list_sum", *earlier, *items) == []
    items[1]["amount"] = D("1636.00")  # adds up to no figure of the sentence: still reported
    assert [(f["severity"], f["statement"]) for f in run("text.list_sum", *whole, *items)] == [("warning", "s49")]


def test_list_sum_items_of_several_classes_or_of_economic_ones_are_not_the_parts_of_one_class():
    """huzhou-01 p.8: …住房保障(类)支出420.07万元，占6.1%。(1)一般公共服务支出(类)财政事务(款)行政运行
    (项)3685.65万元… (2)社会保障和就业支出(类)…: the 项 of every 类, not parts of 住房保障支出."""
    head = statement(23, "住房保障(类)支出420.07万元", subject="住房保障(类)支出", amount=420.07, unit="万元")
    items = [statement(24, "(1)一般公共服务支出(类)财政事务(款)行政运行(项)3685.65万元", amount=3685.65, unit="万元",
                       subject="一般公共服务支出(类)财政事务(款)行政运行(项)", code="2010601", code_kind="functional",
                       parent="s23", list="L6", item=1),
             statement(25, "(2)社会保障和就业支出(类)行政事业单位养老支出(款)行政单位离退休(项)307.91万元",
                       subject="社会保障和就业支出(类)行政事业单位养老支出(款)行政单位离退休(项)", amount=307.91,
                       unit="万元", code="2080501", code_kind="functional", parent="s23", list="L6", item=2)]
    assert run("text.list_sum", head, *items) == []
    # changchun-01 p.17: …住房保障支出93.27万元。(一)工资福利支出911.21万元…(二)商品和服务支出211.00万元…
    head = statement(24, "住房保障支出93.27万元", subject="住房保障支出", amount=93.27, unit="万元", code="221",
                     code_kind="functional")
    items = [statement(25 + n, f"({han})工资福利支出{amount}万元", subject=subject, amount=float(amount), unit="万元",
                       code=code, code_kind="economic", parent="s24", list="L4", item=n + 1)
             for n, (han, subject, amount, code) in enumerate([("一", "工资福利支出", "911.21", "301"),
                                                                ("二", "商品和服务支出", "211.00", "302")])]
    assert run("text.list_sum", head, *items) == []


def test_list_sum_leaves_out_peers_and_skips_incomplete_or_explanatory_lists():
    basic = statement(35, "基本支出292.85万元", subject="基本支出", concept="basic", amount=292.85, unit="万元")
    parts = [statement(36, "人员经费268.35万元", subject="人员经费", concept="personnel", amount=268.35,
                       unit="万元", parent="s35", list="L1", item=1),
             statement(37, "公用经费24.50万元", subject="公用经费", concept="public", amount=24.5, unit="万元",
                       parent="s35", list="L1", item=2),
             # 项目支出 follows in the same sentence but is 基本支出's peer, not its part
             statement(38, "项目支出186.00万元", subject="项目支出", concept="project", amount=186, unit="万元",
                       parent="s35", list="L1", item=3)]
    assert run("text.list_sum", basic, *parts) == []
    moved = statement(75, "医保服务中心工作经费由90万元下调至60万元", subject="医保服务中心工作经费",
                      amount=60, unit="万元", basis_amount=90, direction="decrease")
    items = [statement(76 + n, f"{n}.经费{n} 100万元", subject=f"经费{n}", amount=100, unit="万元",
                       parent="s75", list="L2", item=n) for n in (1, 2)]
    assert run("text.list_sum", moved, *items) == []
    later = [statement(80 + n, f"{n}.经费 10万元", subject=f"经费{n}", amount=10, unit="万元", parent="s53",
                       list="L3", item=n) for n in (2, 3)]
    assert run("text.list_sum", public_list()[0], *later) == []


# --- text.restated_change -----------------------------------------------------------------------

def test_restated_change_reports_two_changes_of_one_amount():
    income = statement(8, "一般公共预算收入预算21,940.96万元,与上年相比增加3,959.28万元",
                       subject="一般公共预算收入预算", concept="income", scope="general_budget", amount=21940.96,
                       unit="万元", change=3959.28, direction="increase", basis="上年", basis_year=2023)
    spending = statement(46, "一般公共预算财政拨款支出预算21,940.96万元,与上年相比增加3,958.98万元",
                         subject="一般公共预算财政拨款支出预算", concept="expenditure", scope="general_budget",
                         amount=21940.96, unit="万元", change=3958.98, direction="increase", basis="上年",
                         basis_year=2023)
    found = run("text.restated_change", income, spending)
    assert [(f["severity"], f["statement"], f["line"], f["expected"], f["actual"]) for f in found] == [
        ("warning", "s46", 146, D("3959.28"), D("3958.98"))]
    assert found[0]["message"] == ("“一般公共预算财政拨款支出预算” 21940.96 万元比 2023 年增加 3958.98 万元，"
                                   "而“一般公共预算收入预算”同为 21940.96 万元，比 2023 年增加 3959.28 万元，相差 0.3 万元")
    # one unit of the last digit apart: a tail
    spending["change"] = D("3959.27")
    assert [f["severity"] for f in run("text.restated_change", income, spending)] == ["info"]


def test_restated_change_quiet_when_changes_agree_or_bases_differ():
    total = dict(amount=3291.91, unit="万元", change=181.08, direction="increase", basis_year=2023)
    assert run("text.restated_change",
               statement(25, "部门收支总预算3291.91万元", subject="部门收支总预算", **total),
               statement(46, "当年预算3291.91万元", subject="当年预算", **total),
               # another fund: its own base
               statement(47, "一般公共预算支出3291.91万元", subject="一般公共预算支出", scope="general_budget",
                         **{**total, "change": Decimal("143.04")})) == []
    # suzhou-01 p.29: the 三公 and the 会议费 are both 10 万元, each with its own change
    change = dict(amount=10, unit="万元", direction="decrease", basis_year=2025, scope="general_budget")
    assert run("text.restated_change",
               statement(61, "“三公”经费支出预算10万元", subject="“三公”经费支出预算", change=3, **change),
               statement(70, "会议费预算支出10万元", subject="会议费预算支出", change=7, **change)) == []


def test_an_amount_explaining_an_item_is_not_an_item():
    """chongqing-02 p.4: ``项目支出24,991.96万元,…,主要原因是新增了科技影视产业奖补资金1000万元``:
    the 1000 explains the change of item 2; it is not item 3 of 一般公共预算财政拨款支出."""
    head = statement(23, "一般公共预算财政拨款支出37,891.58万元", subject="一般公共预算财政拨款支出",
                     amount=D("37891.58"), unit="万元")
    items = [statement(24, "基本支出12,899.62万元", subject="基本支出", amount=D("12899.62"), unit="万元",
                       parent="s23", list="L3", item=1),
             statement(25, "项目支出24,991.96万元", subject="项目支出", amount=D("24991.96"), unit="万元",
                       parent="s23", list="L3", item=2),
             statement(26, "主要原因是新增了科技影视产业奖补资金1000万元", subject="科技影视产业奖补资金",
                       amount=D("1000"), unit="万元", parent="s23", list="L3", item=3)]
    assert run("text.list_sum", head, *items) == []


def test_two_breakdowns_of_one_total_are_not_one_list():
    """huzhou-01 p.7: 支出预算6838.41万元, 1. by function (包括一般公共服务支出5356.01万元…),
    2. by use (包括人员支出4944.99万元…): two ways to split the total, not two of its parts."""
    head = statement(4, "湖州市财政局2026年支出预算6838.41万元", subject="湖州市财政局2026年支出预算",
                     amount=D("6838.41"), unit="万元")
    by_function = statement(5, "包括一般公共服务支出5356.01万元", subject="一般公共服务支出", code="201",
                            code_kind="functional", amount=D("5356.01"), unit="万元", parent="s4", list="L2", item=1)
    by_use = statement(9, "包括人员支出4944.99万元", subject="人员支出", concept="personnel", amount=D("4944.99"),
                       unit="万元", parent="s4", list="L2", item=2)
    assert run("text.list_sum", head, by_function, by_use) == []


def test_a_line_stated_without_its_money_may_be_its_fiscal_total():
    """huzhou-02 p.7: 交通运输支出106247.07万元 is the 一般公共预算 line 41783.67 plus the
    政府性基金 line 64463.40 of 214, not a misprint of either."""
    tables = (table("general_budget_expenditure"), row("general_budget_expenditure", 0, "交通运输支出",
                                                       {"total": "41783.67"}, "214"),
              table("gov_fund"), row("gov_fund", 0, "交通运输支出", {"total": "64463.40"}, "214"))
    said = statement(7, "交通运输支出106247.07万元", subject="交通运输支出", code="214", code_kind="functional",
                     amount=D("106247.07"), unit="万元")
    assert run("text.table_amount", *tables, said) == []
    wrong = statement(7, "交通运输支出106,274.07万元", subject="交通运输支出", code="214", code_kind="functional",
                      amount=D("106274.07"), unit="万元")
    # matching no reading, it is compared with the nearest: the sum, 27 万元 off
    assert [(f["severity"], f["expected"]) for f in run("text.table_amount", *tables, wrong)] == [
        ("error", D("106247.07"))]
