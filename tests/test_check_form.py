"""Rules of the ``form`` family: each fires on a broken form and stays quiet on a sound one."""

from decimal import Decimal

from builders import D, form, indicator, prior, project, row, run, statement, table


def brief(found):
    return [(f["severity"], f["form"], f["subject"], f["expected"], f["actual"]) for f in found]


# --- execution ---------------------------------------------------------------------------

QINGSHAN = dict(kind="overall", name="武汉市青山区医疗保障局", budget="1636.49", executed="1228.72",
                execution_rate="75.08", execution_weight=20, execution_score=15)


def test_execution_rate_quiet_when_it_is_executed_over_budget():
    assert run("form.execution_rate", form(**QINGSHAN)) == []


def test_execution_rate_mismatch_is_error_and_tail_is_info():
    found = run("form.execution_rate", form(budget=100, executed=80, execution_rate=85, name="城乡医疗救助"))
    assert brief(found) == [("error", "performance", "执行率", D("80.00"), D(85))]
    assert found[0]["message"] == "“城乡医疗救助”项目绩效自评表执行率 85%，执行数 80 万元 ÷ 预算数 100 万元 = 80.00%"
    assert found[0]["unit"] == "%" and found[0]["line"] == 500
    tail = run("form.execution_rate", form(**{**QINGSHAN, "execution_rate": "75.09"}))
    assert [f["severity"] for f in tail] == ["info"]


def test_execution_score_quiet_when_weight_times_rate_rounds_to_it():
    assert run("form.execution_score", form(**QINGSHAN)) == []
    # a rate over 100% scores the whole weight
    assert run("form.execution_score", form(budget=100, executed=110, execution_weight=20, execution_score=20)) == []


def test_execution_score_differing_is_warning_above_weight_is_error_tail_is_info():
    found = run("form.execution_score", form(budget=100, executed=50, execution_rate=50, execution_weight=20,
                                             execution_score=15))
    assert brief(found) == [("warning", "performance", "预算执行得分", D("10.00"), D(15))]
    assert found[0]["message"] == "“测试项目”项目绩效自评表预算执行得分 15 分，按“20分×执行率”应为 10 分"
    above = run("form.execution_score", form(execution_weight=20, execution_score=25, budget=1, executed=1))
    assert brief(above) == [("error", "performance", "预算执行得分", D(20), D(25))]
    tail = run("form.execution_score", form(**{**QINGSHAN, "execution_score": "15.1"}))
    assert [f["severity"] for f in tail] == ["info"]


def test_expenditure_split_quiet_when_parts_in_yuan_round_to_the_total():
    assert run("form.expenditure_split", form(**QINGSHAN, basic_expenditure="131.092584",
                                              project_expenditure="1097.626865")) == []


def test_expenditure_split_mismatch_is_warning_as_the_parts_print_no_unit():
    found = run("form.expenditure_split", form(**{**QINGSHAN, "executed": 1300}, basic_expenditure="131.092584",
                                               project_expenditure="1097.626865"))
    assert brief(found) == [("warning", "performance", "执行数", D("1228.719449"), D(1300))]
    assert found[0]["message"] == ("部门整体绩效自评表执行数 1300 万元，基本支出总额 131.092584 + 项目支出总额 1097.626865 = "
                                   "1228.719449 万元，相差 71.280551 万元")


# --- scores, weights, grade -------------------------------------------------------------------

def test_indicator_score_quiet_when_forward_target_is_met():
    assert run("form.indicator_score", indicator("参保率", target="≥90%", actual="95%", weight=10, score=10),
               indicator("定性", target="有效提升", actual="有效提升", weight=10, score=8)) == []


def test_indicator_score_above_weight_is_error():
    found = run("form.indicator_score", indicator("参保率", target="≥90%", actual="95%", weight=10, score=12))
    assert brief(found) == [("error", "performance", "参保率", D(10), D(12))]
    assert found[0]["message"] == "指标“参保率”得分 12 分，超出权重 10 分"


def test_indicator_score_recomputed_forward_and_reverse_are_warnings_tail_is_info():
    found = run("form.indicator_score",
                indicator("救助人次", target="≥100人次", actual="80人次", weight=10, score=10),
                indicator("差错率", target="≤2%", actual="4%", weight=10, score=10),
                indicator("覆盖人次", target="≥100人次", actual="80.4人次", weight=10, score="8.1"))
    assert brief(found) == [("warning", "performance", "救助人次", D("8.00"), D(10)),
                            ("warning", "performance", "差错率", D("5.00"), D(10)),
                            ("info", "performance", "覆盖人次", D("8.04"), D("8.1"))]
    assert found[0]["message"] == "指标“救助人次”目标 ≥100人次、完成 80人次，得分 10 分，按“权重×B/A”应为 8 分"


def test_total_score_quiet_when_scores_add_up():
    assert run("form.total_score", form(**QINGSHAN, total_score=95),
               indicator("甲", score=40), indicator("乙", score=40)) == []


def test_total_score_beyond_is_error_short_is_warning_tail_is_info():
    found = run("form.total_score", form(**QINGSHAN, total_score=85),
                indicator("甲", score=40), indicator("乙", score=40))
    assert brief(found) == [("error", "performance", "总分", D(95), D(85))]
    assert found[0]["message"] == "部门整体绩效自评表总分 85 分，预算执行得分 15 + 指标得分合计 80 = 95 分"
    # scores short of 总分 may be a row the text lost
    short = run("form.total_score", form(**QINGSHAN, total_score=95),
                indicator("甲", score=40), indicator("乙", score=30))
    assert brief(short) == [("warning", "performance", "总分", D(85), D(95))]
    tail = run("form.total_score", form(**QINGSHAN, total_score="95.1"),
               indicator("甲", score=40), indicator("乙", score=40))
    assert [f["severity"] for f in tail] == ["info"]


def test_weights_quiet_when_goals_and_execution_make_100():
    goals = [{"goal": "年度目标 1", "weight": D(50)}, {"goal": "年度目标 2", "weight": D(30)}]
    assert run("form.weights", form(**QINGSHAN, goals=goals),
               indicator("甲", goal="年度目标 1", score=25), indicator("乙", goal="年度目标 1", score=25),
               indicator("丙", goal="年度目标 2", weight=30, score=20)) == []


def test_weights_not_100_and_goal_overspent_are_errors():
    goals = [{"goal": "年度目标 1", "weight": D(30)}, {"goal": "年度目标 2", "weight": D(40)}]
    found = run("form.weights", form(**QINGSHAN, goals=goals),
                indicator("甲", goal="年度目标 1", score=20), indicator("乙", goal="年度目标 1", score=20),
                indicator("丙", goal="年度目标 2", weight=30, score=30))
    assert brief(found) == [("error", "performance", "分值", D(100), D(90)),
                            ("error", "performance", "年度目标 1", D(30), D(40)),
                            ("warning", "performance", "年度目标 2", D(40), D(30))]
    assert found[0]["message"] == ("部门整体绩效自评表各项分值合计 90 分（预算执行 20 分，年度目标 1 30 分、"
                                   "年度目标 2 40 分），应为 100 分")


def test_single_goal_block_owns_every_indicator():
    goals = [{"goal": "年度绩效目标", "weight": D(80)}]
    found = run("form.weights", form(budget=1, executed=1, execution_weight=20, execution_score=20, goals=goals),
                indicator("甲", score=50), indicator("乙", score=40))
    assert brief(found) == [("error", "performance", "年度绩效目标", D(80), D(90))]


def test_grade_follows_total_score():
    assert run("form.grade", form(total_score=95, grade="优"), form("performance#2", total_score=80, grade="良")) == []
    found = run("form.grade", form(total_score="89.5", grade="优", name="医疗救助"))
    assert [(f["severity"], f["message"]) for f in found] == [
        ("error", "“医疗救助”项目绩效自评表总分 89.5 分，评价等级为“优”，按分数应为“良”")]


def test_target_missed_is_info_and_warning_when_still_full_marks():
    found = run("form.target_missed",
                indicator("参保率", target="≥90%", actual="85%"),
                indicator("满意度", target="≥90%", actual="80%", weight=10, score=10),
                indicator("宣传手册单价", target="0.66元/册", actual="0.70元/册", level1="成本指标"))
    assert brief(found) == [("info", "performance", "参保率", D(90), D(85)),
                            ("warning", "performance", "满意度", D(90), D(80)),
                            ("info", "performance", "宣传手册单价", D("0.66"), D("0.70"))]
    assert found[1]["message"] == "指标“满意度”目标 ≥90%，实际完成 80%，未达目标，仍得满分 10 分"


def test_target_missed_quiet_when_met_or_not_comparable():
    assert run("form.target_missed",
               indicator("参保率", target="≥90%", actual="﹥90%"),
               indicator("差错率", target="≤2%", actual="1%"),
               indicator("培训场次", target="900场", actual="947场"),
               indicator("完成时间", target="12月底前", actual="12月底前"),
               indicator("人次", target="≥10万人次", actual="12人次"),  # another unit: not comparable
               indicator("效果", target="有效提升", actual="有效提升")) == []


# --- money on the forms --------------------------------------------------------------------

def test_project_items_quiet_when_they_add_up():
    assert run("form.project_items", form(amount=12),
               project(amount=12, items=[("印制宣传品", 10), ("执法设备费用", 1), ("其他费用", 1)])) == []


def test_project_items_beyond_amount_is_error_short_is_warning_tail_is_info():
    over = run("form.project_items", form(amount=12, name="医疗保障业务工作经费"),
               project(name="医疗保障业务工作经费", amount=12, items=[("印制宣传品", 10), ("其他费用", 5)]))
    assert brief(over) == [("error", "performance", "医疗保障业务工作经费", D(15), D(12))]
    assert over[0]["message"] == ("“医疗保障业务工作经费”项目绩效目标表项目支出明细 2 项合计 15 万元，"
                                  "项目当年预算 12 万元，相差 3 万元")
    short = run("form.project_items", form(amount=20), project(amount=20, items=[("专网年费", "17.61")]))
    assert [f["severity"] for f in short] == ["warning"] and short[0]["message"].endswith("（或有明细未能读出）")
    subtotal = run("form.project_items", form(amount=20),
                   project(amount=20, items=[("正常运转", 10), ("水电", 4), ("物业", 6), ("宣传", 10), ("印刷", 2)]))
    assert [f["severity"] for f in subtotal] == ["warning"]  # 正常运转 10 = 水电 4 + 物业 6
    tail = run("form.project_items", form(amount=10), project(amount=10, items=[("甲", "3.33")] * 3))
    assert [f["severity"] for f in tail] == ["info"]


WANLI_FUNDING = {"财政资金": D("1090.3043"), "当年财政拨款": D("1141.9043"), "上年结转资金": D(0), "其他资金": D(0)}


def test_funding_quiet_when_sources_and_their_parts_fit_the_amount():
    assert run("form.funding", form(amount=144, funding={"一般公共预算财政拨款": D(144), "申请当年预算拨款": D(144),
                                                         "政府性基金预算财政拨款": None, "其他资金": None})) == []
    assert run("form.funding", form(amount=D("410"), unit="元", funding={
        "财政资金": D(410), "当年财政拨款": D(410), "上年结转资金": D(0), "其他资金": D(0)})) == []


def test_funding_part_above_the_whole_is_error():
    found = run("form.funding", form(amount=D("1090.3043"), unit="元", name="公共服务设施运行经费", funding=WANLI_FUNDING))
    assert brief(found) == [("error", "performance", "资金来源", D("1090.3043"), D("1141.9043"))]
    assert found[0]["message"] == ("“公共服务设施运行经费”项目绩效目标表其中 当年财政拨款 11,419,043 元、上年结转资金 0 元，"
                                   "合计 11,419,043 元，超过项目年度资金 10,903,043 元，相差 516,000 元")


def test_funding_sources_not_adding_up_is_warning():
    found = run("form.funding", form(amount=90, funding={"公共预算财政拨款": D(80), "其他资金": D(5)}))
    assert brief(found) == [("warning", "performance", "资金来源", D(85), D(90))]
    # a source and its 其中 parts, all listed: some of them add up, quiet
    assert run("form.funding", form(amount=100, funding={"财政拨款": D(100), "一般公共预算": D(80),
                                                         "政府性基金预算": D(20), "其他资金": D(0)})) == []


DONGXIHU_BLOCK = [
    prior("合计", 2022, "3291.91", side="income", share=100), prior("合计", 2020, "2498.75", side="income"),
    prior("财政拨款", 2020, "2498.75", side="income"),
    prior("基本支出", 2022, "994.81", share="30.32"), prior("项目支出", 2022, "2297.1", share="69.78"),
    prior("合计", 2022, "3291.91", share=100),
    prior("基本支出", 2020, "658.97"), prior("项目支出", 2020, "1839.78"), prior("合计", 2020, "2489.75", line=528),
]


def test_prior_totals_quiet_when_parts_add_up():
    assert run("form.prior_totals", form(kind="overall"), *DONGXIHU_BLOCK[:6]) == []


def test_prior_totals_mismatch_is_error_tail_is_info():
    found = run("form.prior_totals", form(kind="overall"), *DONGXIHU_BLOCK)
    assert brief(found) == [("error", "performance", "支出构成/2020年/合计", D("2498.75"), D("2489.75"))]
    assert found[0]["line"] == 528
    assert found[0]["message"] == ("部门整体绩效目标表支出构成 2020年合计 2489.75 万元，基本支出 658.97 + 项目支出 1839.78 = "
                                   "2498.75 万元，相差 9 万元（收入构成 2020年合计 2498.75 万元）")
    tail = run("form.prior_totals", form(kind="overall"), prior("基本支出", 2021, "1.01"), prior("项目支出", 2021, "1.01"),
               prior("合计", 2021, "2.03"))
    assert [f["severity"] for f in tail] == ["info"]


def test_prior_shares_are_amount_over_total():
    found = run("form.prior_shares", form(kind="overall"), *DONGXIHU_BLOCK)
    assert brief(found) == [("error", "performance", "基本支出/占比", D("30.22"), D("30.32"))]
    assert found[0]["message"] == ("部门整体绩效目标表“基本支出” 994.81 万元 占比 30.32%，994.81 ÷ 合计 3291.91 = 30.22%")


def test_prior_shares_tail_is_info():
    found = run("form.prior_shares", form(kind="overall"), prior("基本支出", 2022, "994.81", share="30.23"),
                prior("合计", 2022, "3291.91"))
    assert [f["severity"] for f in found] == ["info"]


# --- forms against the tables and the narrative --------------------------------------------

def projects_row(index, name, amount, **fields):
    return row("projects", index, name, {"total": amount}, labels={"project": name}, **fields)


def test_project_amount_quiet_when_the_table_agrees():
    assert run("form.project_amount", table("projects"), projects_row(0, "企业离休人员医疗经费", "600.00"),
               form(amount=600, name="企业离休人员医疗经费")) == []
    # one project on two rows (two functional subjects)
    assert run("form.project_amount", table("projects"), projects_row(0, "医保服务中心工作经费", "40.00"),
               projects_row(1, "医保服务中心工作经费", "30.00"), form(amount=70, name="医保服务中心工作经费")) == []


def test_project_amount_quiet_when_each_unit_has_a_form_of_the_project():
    # yantai-01 p.35, 40, 49: 实施公车统管费用 20 + 3 + 5 万元 on three units' forms, 28 in the table
    forms = [form(f"performance#{n}", amount=a, name="实施公车统管费用") for n, a in ((2, 20), (3, 3), (4, 5))]
    assert run("form.project_amount", table("projects"), projects_row(0, "实施公车统管费用", "28.00"), *forms) == []
    wrong = [form(f"performance#{n}", amount=a, name="实施公车统管费用") for n, a in ((2, 20), (3, 3), (4, 6))]
    assert len(run("form.project_amount", table("projects"), projects_row(0, "实施公车统管费用", "28.00"), *wrong)) == 3


def test_project_amount_against_table_and_narrative_is_error():
    found = run("form.project_amount", table("projects", title="2022 年项目支出预算表"),
                projects_row(0, "医保服务中心工作经费", "60.00"),
                form("performance#4", amount=70, name="医保服务中心工作经费"),
                statement(75, "医保服务中心工作经费由90万元下调至60万元", subject="医保服务中心工作经费", amount=60,
                          basis_amount=90))
    assert brief(found) == [("error", "performance#4", "医保服务中心工作经费", D("60.00"), D(70))]
    assert found[0]["message"] == ("“医保服务中心工作经费”项目绩效目标表项目当年预算 70 万元，2022 年项目支出预算表（第 10 行）"
                                   "“医保服务中心工作经费” 60 万元；说明（第 175 行）“医保服务中心工作经费由90万元下调至60万元”")


def test_project_amount_leaves_a_narrative_figure_the_table_contradicts_to_the_narrative_rule():
    """changchun-01 p.16/18: the form and the projects table say 16.56, the narrative 15.56:
    one defect of the narrative (text.table_amount), not also one of the form."""
    assert run("form.project_amount", table("projects"), projects_row(0, "信访局临聘人员经费", "16.56"),
               form(amount=16.56, name="信访局临聘人员经费"),
               statement(40, "信访局临聘人员经费15.56万元", subject="信访局临聘人员经费", amount=15.56)) == []


def test_project_amount_on_a_name_within_a_name_is_warning_and_tail_is_info():
    found = run("form.project_amount", table("projects"), projects_row(0, "伤残军人医疗经费", "70.00"),
                form(amount=74, name="1-6级伤残军人医疗经费"))
    assert [f["severity"] for f in found] == ["warning"]
    # yantai-01 p.37: a project the table names exactly is not the other whose name holds it
    assert run("form.project_amount", table("projects"), projects_row(0, "养老服务发展资金", "237.00"),
               projects_row(1, "养老服务发展资金（人员培训）", "30.00"), form(amount=237, name="养老服务发展资金"),
               form("performance#2", amount=30, name="养老服务发展资金（人员培训）")) == []
    tail = run("form.project_amount", table("projects"), projects_row(0, "党员教育培训", "1.11"),
               form(amount="1.12", name="党员教育培训"))
    assert [f["severity"] for f in tail] == ["info"]


def test_overall_amounts_against_the_expenditure_summary():
    summary = row("expenditure_summary", 0, "合计", {"total": "3291.91", "basic": "994.81", "project": "2297.10"})
    assert run("form.overall_amounts", table("expenditure_summary"), summary, form(kind="overall"),
               prior("基本支出", 2024, "994.81"), prior("合计", 2024, "3291.91")) == []
    found = run("form.overall_amounts", table("expenditure_summary"), summary, form(kind="overall"),
                prior("基本支出", 2024, "777.39"), prior("合计", 2024, "3291.91"))
    assert brief(found) == [("warning", "performance", "支出构成“基本支出”", D("994.81"), D("777.39"))]


def test_narrative_rate_and_scores_against_the_overall_form():
    heading = "(二)部门整体绩效目标完成情况"
    sound = [form(**QINGSHAN, total_score=95),
             statement(136, "2023年度预算执行得15分", "2023年度预算执行得15分,年度绩效目标评价得80分,共得95分。",
                       heading="(一)部门整体绩效自评得分", subject="预算执行得", count=15, count_unit="分"),
             statement(137, "年度绩效目标评价得80分", "2023年度预算执行得15分,年度绩效目标评价得80分,共得95分。",
                       heading="(一)部门整体绩效自评得分", subject="年度绩效目标评价得", count=80, count_unit="分"),
             statement(138, "共得95分", "2023年度预算执行得15分,年度绩效目标评价得80分,共得95分。",
                       heading="(一)部门整体绩效自评得分", subject="共得", count=95, count_unit="分")]
    assert run("form.narrative", *sound, statement(139, "75.08%", "执行率75.08%。", heading=heading,
                                                   completion_rate=D("75.08"))) == []
    found = run("form.narrative", *sound, statement(139, "100%", "执行率100%。", heading=heading, completion_rate=100))
    assert [(f["severity"], f["statement"], f["expected"], f["actual"], f["unit"]) for f in found] == [
        ("error", "s139", D("75.08"), D(100), "%")]
    assert found[0]["message"] == "说明“执行率100%”，部门整体绩效自评表执行率为 75.08%"


def test_narrative_rate_of_a_part_is_not_the_departments():
    assert run("form.narrative", form(**QINGSHAN),
               statement(140, "95%", "项目支出执行率95%。", heading="(二)部门整体绩效目标完成情况", completion_rate=95)) == []


def test_narrative_project_account_against_its_form():
    sentence = "1.城乡医疗救助项目绩效自评综述:项目全年预算数为1403.1万元,执行数为995.33万元,完成预算的70.9%。"
    the_form = form(name="城乡医疗救助", budget="1403.1", executed="995.33", execution_rate="70.94")
    assert run("form.narrative", the_form,
               statement(80, "项目全年预算数为1403.1万元", sentence, subject="项目全年预算数", amount=D("1403.1")),
               statement(81, "执行数为995.33万元", sentence, subject="执行数", amount=D("995.33"))) == []
    found = run("form.narrative", the_form,
                statement(81, "执行数为959.33万元", sentence.replace("995.33", "959.33"), subject="执行数",
                          amount=D("959.33")))
    assert [(f["severity"], f["subject"], f["expected"], f["actual"]) for f in found] == [
        ("error", "执行数", D("995.33"), D("959.33"))]


def test_narrative_total_of_the_project_forms():
    sentence = "本部门2个预算单位开展了绩效目标编报工作,编报绩效目标的项目2个,涉及项目预算资金{}万元。"
    forms = [form("performance", amount=200, name="甲项目"), form("performance#2", amount=300, name="乙项目")]

    def claims(total, money_line=300):
        printed = sentence.format(total)
        return (statement(133, "编报绩效目标的项目2个", printed, subject="编报绩效目标的项目", count=2, count_unit="个",
                          line=300),
                statement(134, f"涉及项目预算资金{total}万元", printed, subject="涉及项目预算资金", amount=D(total),
                          line=money_line))

    assert run("form.narrative_total", *forms, *claims("500.00")) == []
    assert run("form.narrative_total", *forms, *claims("480.00", money_line=301)) == []  # not the same sentence
    found = run("form.narrative_total", *forms, *claims("480.00"))
    assert [(f["severity"], f["statement"], f["expected"], f["actual"]) for f in found] == [
        ("warning", "s134", Decimal(500), D("480.00"))]
    assert found[0]["message"] == ("说明“编报绩效目标的项目2个，涉及项目预算资金480.00万元”，2 张项目绩效表项目当年预算合计 "
                                   "500 万元，相差 20 万元")
