"""Rules of the ``percent`` family: shares, growth and completion rates."""

from builders import DOC, D, document, row, run, statement, table


def prior(subject, year, amount, share=None, side="expenditure", source="performance", line=1824):
    return {"type": "prior", "doc": DOC, "source": source, "subject": subject, "side": side, "year": year,
            "amount": D(amount), "share": D(share), "page": None, "line": line}


def form(**fields):
    return {"type": "form", "doc": DOC, "form": "performance", "form_kind": "overall", "name": "测试局",
            "unit": "万元", "amount": None, "funding": {}, "budget": None, "executed": None,
            "execution_rate": None, "execution_weight": None, "execution_score": None, "goals": [],
            "total_score": None, "grade": None, "indicators": 0, "page": None, "line": 1783, **fields}


def expenditure_total(total="2940.05"):
    return table("expenditure_summary"), row("expenditure_summary", 0, "合计", {"total": total})


# --- percent.share ------------------------------------------------------------------------------

def test_share_reports_a_share_its_amounts_do_not_give():
    head = statement(10, "一般公共预算财政拨款支出2940.05万元", subject="一般公共预算财政拨款支出",
                     concept="expenditure", scope="general_budget", amount=2940.05, unit="万元")
    item = statement(11, "一般公共服务支出(类)2106.66万元,占71.73%", subject="一般公共服务支出(类)", code="201",
                     code_kind="functional", amount=2106.66, unit="万元", share=71.73, parent="s10", list="L1", item=1)
    found = run("percent.share", *expenditure_total(), head, item)
    assert [(f["severity"], f["statement"], f["expected"], f["actual"], f["unit"]) for f in found] == [
        ("error", "s11", D("71.65"), D("71.73"), "%")]
    assert found[0]["message"] == "“一般公共服务支出(类)” 2106.66 万元印为占 71.73%，占“一般公共预算财政拨款支出” 2940.05 万元应为 71.65%"


def test_share_quiet_when_right_and_info_for_a_forced_rounding():
    head = statement(24, "本年支出预算合计21,955.35万元", subject="本年支出预算合计", amount=21955.35, unit="万元")
    right = statement(26, "项目支出5,573万元,占25.38%", subject="项目支出", concept="project", amount=5573,
                      unit="万元", share=25.38, parent="s24", list="L1", item=1)
    forced = statement(27, "基本支出13,994.31万元,占63.75%", subject="基本支出", concept="basic", amount=13994.31,
                       unit="万元", share=63.75, parent="s24", list="L1", item=2)
    found = run("percent.share", head, right, forced)
    assert [(f["severity"], f["statement"], f["expected"]) for f in found] == [("info", "s27", D("63.74"))]
    assert found[0]["message"].endswith("（四舍五入尾差）")


def test_share_with_a_wrong_list_head_takes_the_natural_whole():
    # 项目支出 hung by the extraction under 基本支出: its share is of the total
    basic = statement(35, "基本支出292.85万元,占61.16%", subject="基本支出", concept="basic", amount=292.85,
                      unit="万元", share=61.16)
    project = statement(38, "项目支出186.00万元,占38.84%", subject="项目支出", concept="project", amount=186,
                        unit="万元", share=38.84, parent="s35", list="L1", item=3)
    assert run("percent.share", *expenditure_total("478.85"), basic, project) == []


def test_share_under_a_list_head_smaller_than_the_item_is_not_of_that_head():
    """huzhou-03 p.14: 城乡社区(类)支出 12600 万元，占45.7%, hung by the extraction under the
    市一院红旗路院区改建项目 (5000 万元) named before it: no share under 100% is of a whole
    smaller than its part."""
    head = statement(90, "市一院红旗路院区改建项目5000万元", subject="市一院红旗路院区改建项目", amount=5000, unit="万元")
    item = statement(91, "城乡社区(类)支出12600.00万元,占45.7%", subject="城乡社区(类)支出", amount=12600,
                     unit="万元", share=45.7, parent="s90", list="L9", item=1)
    assert run("percent.share", head, item) == []


def test_share_of_an_unnamed_whole_is_a_warning_when_the_totals_differ():
    # no list head and two different expenditure totals: which one the prose means is unsure
    tables = (*expenditure_total("478.85"), table("income_expenditure_summary", layout="sided"),
              row("income_expenditure_summary", 0, "支出总计", {"total": "500"}, side="expenditure", total=True))
    found = run("percent.share", *tables,
                statement(23, "基本支出292.85万元,占51.16%", subject="基本支出", concept="basic", amount=292.85,
                          unit="万元", share=51.16))
    assert [(f["severity"], f["expected"]) for f in found] == [("warning", D("58.57"))]


def test_share_of_a_named_whole():
    total = statement(63, "政府采购支出总额37.24万元", subject="政府采购支出总额", amount=37.24, unit="万元")
    part = statement(67, "授予中小企业合同金额26.16万元,占政府采购支出总额的75.2%", subject="授予中小企业合同金额",
                     amount=26.16, unit="万元", share=75.2, share_of="政府采购支出总额")
    found = run("percent.share", total, part)
    assert [(f["severity"], f["expected"], f["actual"]) for f in found] == [("error", D("70.25"), D("75.2"))]


# --- percent.change_rate -------------------------------------------------------------------------------

def test_change_rate_reports_a_rate_the_change_does_not_give():
    found = run("percent.change_rate",
                statement(48, "基本支出994.81万元,比2023年预算增加174.95万元,增加21.24%", subject="基本支出",
                          concept="basic", amount=994.81, unit="万元", change=174.95, change_percent=21.24,
                          direction="increase", basis="2023年预算", basis_year=2023))
    assert [(f["severity"], f["statement"], f["expected"], f["actual"]) for f in found] == [
        ("error", "s48", D("21.34"), D("21.24"))]
    assert found[0]["message"] == "“基本支出”增长印为 21.24%，按变动 174.95 万元 ÷ 基数 819.86 万元应为 21.34%"


def test_change_rate_decline_and_rate_from_an_earlier_amount():
    found = run("percent.change_rate",
                statement(35, "检察监督支出1,895万元,与上年相比减少134万元,降幅0.66%", subject="检察监督支出",
                          amount=1895, unit="万元", change=134, change_percent=0.66, direction="decrease"),
                statement(23, "2023年预算安排45.41万元,比2022年预算执行数增加314.82%", subject="预算安排",
                          amount=45.41, unit="万元", change_percent=314.82, direction="increase",
                          basis_amount=11.67, sentence="2022年当年预算执行数为11.67万元,2023年预算安排45.41万元,"
                                                       "比2022年预算执行数增加314.82%。"))
    assert [(f["statement"], f["expected"], f["actual"]) for f in found] == [
        ("s35", D("6.60"), D("0.66")), ("s23", D("289.12"), D("314.82"))]


def test_change_rate_quiet_when_right_and_info_for_a_truncated_rate():
    assert run("percent.change_rate",
               statement(25, "总预算3291.91万元,比上年增加181.08万元,增长5.82%", subject="总预算", amount=3291.91,
                         unit="万元", change=181.08, change_percent=5.82, direction="increase")) == []
    found = run("percent.change_rate",
                statement(12, "社会保障和就业支出1,836.22万元,减少184.96万元,降幅9.1%", subject="社会保障和就业支出",
                          amount=1836.22, unit="万元", change=184.96, change_percent=9.1, direction="decrease"))
    assert [(f["severity"], f["expected"]) for f in found] == [("info", D("9.15"))]


# --- percent.change_base / zero_base ------------------------------------------------------------------------

def test_change_base_reports_an_increase_larger_than_the_amount_and_a_wrong_direction():
    found = run("percent.change_base",
                statement(13, "政府性基金拨款支出预算0万元,比2023年预算增加1421.25万元", subject="政府性基金拨款支出预算",
                          amount=0, unit="万元", change=1421.25, direction="increase", basis="2023年预算"),
                statement(74, "医保业务科工作经费从100万增加至12万元", subject="医保业务科工作经费", amount=12,
                          unit="万元", basis_amount=100, direction="increase"))
    assert [(f["severity"], f["statement"], f["expected"], f["actual"]) for f in found] == [
        ("error", "s13", D(0), D("1421.25")), ("error", "s74", D(100), D(12))]
    assert found[0]["message"] == ("“政府性基金拨款支出预算” 0 万元，却比2023年预算增加 1421.25 万元，"
                                   "2023年预算应为 -1421.25 万元（负数）")


def test_change_base_flat_but_different_is_a_warning_and_a_tail_is_info():
    def flat(amount):
        return statement(20, f"支出决算为{amount}万元", subject="支出决算", amount=D(amount), unit="万元",
                         basis_amount=10, direction="flat", sentence=f"年初预算为10.00万元,支出决算为{amount}万元。"
                                                                      "决算数与预算数持平。")
    assert [(f["severity"], f["expected"], f["actual"]) for f in run("percent.change_base", flat("12.00"))] == [
        ("warning", D(10), D(12))]
    assert [f["severity"] for f in run("percent.change_base", flat("10.01"))] == ["info"]


def test_change_base_quiet_for_consistent_moves_and_new_items():
    assert run("percent.change_base",
               statement(71, "城乡医疗救助从200万增加至260万元", subject="城乡医疗救助", amount=260, unit="万元",
                         basis_amount=200, direction="increase"),
               statement(38, "机关事业单位基本养老保险缴费支出1,045.93万元,与上年相比增加1,045.93万元",
                         subject="养老保险缴费", amount=1045.93, unit="万元", change=1045.93, direction="increase"),
               statement(20, "支出决算为10.00万元", subject="支出决算", amount=10, unit="万元", basis_amount=10,
                         direction="flat", sentence="年初预算为10.00万元,支出决算为10.00万元。决算数与预算数基本持平。")) == []


def test_zero_base_reports_growth_from_nothing():
    found = run("percent.zero_base",
                statement(20, "2023年预算安排60.13万元,比2022年预算执行数增加100.00%", subject="预算安排", amount=60.13,
                          unit="万元", change_percent=100, direction="increase", basis_amount=0),
                statement(55, "预算数20.00万元,比2023年预算增加20.00万元,增长100.00%", subject="信息化建设预算数",
                          amount=20, unit="万元", change=20, change_percent=100, direction="increase"),
                statement(56, "预算数20.00万元,比2023年预算增加10.00万元,增长100.00%", subject="信息化建设预算数",
                          amount=20, unit="万元", change=10, change_percent=100, direction="increase"))
    assert [(f["severity"], f["statement"], f["actual"]) for f in found] == [
        ("warning", "s20", D(100)), ("warning", "s55", D(100))]
    assert found[0]["message"] == "“预算安排”上期为 0，增长 100.00% 无从计算（宜表述为新增 60.13 万元）"


def test_zero_base_quiet_when_nothing_was_and_nothing_is():
    """quanzhou-01 p.26: 公务用车购置费0.00万元,比上年增加0.00万元,增长0.00%,与上年持平。"""
    assert run("percent.zero_base", statement(38, "公务用车购置费0.00万元,比上年增加0.00万元,增长0.00%",
                                              subject="公务用车购置费", amount=0, unit="万元", change=0,
                                              change_percent=0, direction="increase")) == []


# --- percent.completion -------------------------------------------------------------------

def final_account():
    return document(kind="final_account", year=2023)


def test_completion_reports_a_rate_the_budget_does_not_give():
    found = run("percent.completion", final_account(),
                statement(36, "支出决算为3.16万元,完成年初预算的110.9%", subject="支出决算", amount=3.16, unit="万元",
                          basis_amount=3.13, completion_rate=110.9, completion_basis="年初预算"))
    assert [(f["severity"], f["statement"], f["line"], f["expected"], f["actual"]) for f in found] == [
        ("error", "s36", 136, D("100.96"), D("110.9"))]
    assert found[0]["message"] == "“支出决算” 3.16 万元，印为完成预算的 110.9%，按预算 3.13 万元应为 100.96%"


def test_completion_tail_is_info():
    found = run("percent.completion", final_account(),
                statement(38, "支出决算为7.01万元,完成年初预算的107.8%", subject="支出决算", amount=7.01, unit="万元",
                          basis_amount=6.52, completion_rate=107.8))
    assert [(f["severity"], f["expected"]) for f in found] == [("info", D("107.52"))]


def test_completion_quiet_within_rounding_of_small_amounts():
    # 3.16 ÷ 3.13 = 100.96%, printed 100.9%: 3.155 ÷ 3.135 = 100.64% is within the amounts' rounding
    assert run("percent.completion", final_account(),
               statement(36, "支出决算为3.16万元,完成年初预算的100.9%", subject="支出决算", amount=3.16, unit="万元",
                         basis_amount=3.13, completion_rate=100.9, completion_basis="年初预算"),
               statement(43, "支出决算为0.00万元,完成预算的0%", subject="支出决算", amount=0, unit="万元",
                         basis_amount=0.95, completion_rate=0)) == []


def test_completion_of_a_three_public_item_against_the_table_budget():
    tables = (table("three_public", ["reception_budget", "reception_actual"]),
              row("three_public", 0, "", {"reception_budget": "2.5", "reception_actual": "1.25"}))
    found = run("percent.completion", final_account(), *tables,
                statement(46, "公务接待费支出决算为1.25万元,完成预算的60%", subject="公务接待费支出决算", amount=1.25,
                          unit="万元", completion_rate=60, heading="七、“三公”经费支出决算情况说明"))
    assert [(f["severity"], f["expected"], f["actual"]) for f in found] == [("error", D("50.00"), D(60))]


# --- percent.prior_change / basis_year ----------------------------------------------------------------------

def block():
    return (prior("基本支出", 2024, "994.81"), prior("基本支出", 2023, "819.97"), prior("基本支出", 2022, "658.97"),
            prior("项目支出", 2024, "2297.1"), prior("项目支出", 2023, "2290.86"), prior("项目支出", 2022, "1839.78"),
            form())


def test_prior_change_reports_a_change_the_forms_do_not_give():
    found = run("percent.prior_change", *block(),
                statement(48, "基本支出994.81万元,比2023年预算增加174.95万元", subject="基本支出", concept="basic",
                          amount=994.81, unit="万元", change=174.95, direction="increase", basis="2023年预算",
                          basis_year=2023))
    assert [(f["severity"], f["statement"], f["line"], f["expected"], f["actual"]) for f in found] == [
        ("warning", "s48", 148, D("174.84"), D("174.95"))]
    assert found[0]["message"] == ("“基本支出” 994.81 万元比上年增加 174.95 万元，绩效目标表所列 2023 年“基本支出”为 "
                                   "819.97 万元，按此变动应为 174.84 万元")


def test_prior_change_quiet_when_the_forms_agree_and_info_for_a_tail():
    found = run("percent.prior_change", *block(),
                statement(48, "基本支出994.81万元,比2023年预算增加174.85万元", subject="基本支出", concept="basic",
                          amount=994.81, unit="万元", change=174.85, direction="increase", basis_year=2023))
    assert [f["severity"] for f in found] == ["info"]
    assert run("percent.prior_change", *block(),
               statement(68, "项目支出2297.1万元,比2023年预算增加6.24万元", subject="项目支出", concept="project",
                         amount=2297.1, unit="万元", change=6.24, direction="increase", basis="2023年预算",
                         basis_year=2023)) == []


def test_basis_year_reports_an_earlier_year_and_proves_it_with_the_forms():
    misprinted = statement(68, "项目支出2297.1万元,比2022年预算增加6.24万元", subject="项目支出", concept="project",
                           amount=2297.1, unit="万元", change=6.24, direction="increase", basis="2022年预算",
                           basis_year=2022)
    plain = statement(70, "运行经费50万元,比2020年增长5%", subject="运行经费", amount=50, unit="万元",
                      change_percent=5, direction="increase", basis="2020年", basis_year=2020)
    found = run("percent.basis_year", *block(), misprinted, plain)
    assert [(f["severity"], f["statement"], f["expected"], f["actual"]) for f in found] == [
        ("error", "s68", D(2023), D(2022)), ("warning", "s70", None, D(2020))]
    assert found[1]["message"] == "“运行经费”与 2020 年比较，该年既非本年也非上年（2023 年）"


def test_basis_year_quiet_for_last_year():
    assert run("percent.basis_year",
               statement(25, "总预算3291.91万元,比上年增加181.08万元", subject="总预算", amount=3291.91, unit="万元",
                         change=181.08, direction="increase", basis="上年", basis_year=2023)) == []


def test_a_share_of_the_budget_is_not_a_share_of_its_project_part():
    """changchun-01 p.17–18: 项目支出预算474.56万元, then 工资福利支出911.21万元,占支出预算的54.15%:
    the whole is the 支出预算 (1682.76), not the 项目支出预算 printed before it."""
    earlier = statement(20, "项目支出预算474.56万元", subject="项目支出预算", amount=D("474.56"), unit="万元")
    share = statement(24, "工资福利支出911.21万元,占支出预算的54.15%", subject="工资福利支出", amount=D("911.21"),
                      unit="万元", share=D("54.15"), share_of="支出预算")
    assert run("percent.share", earlier, share) == []


def test_a_misprinted_amount_derives_no_rate_or_base_finding_of_its_own():
    """支出总计 printed 0 (or 900) beside 比上年增加 50 万元，增长 5%, the tables printing 1050: the
    amount is the one defect (text.table_amount reports it); the rate and the change, right
    for the tables' 1050, are not accused too."""
    def spending(amount):
        return statement(5, f"支出总计{amount}万元,比上年增加50万元,增长5%", subject="支出总计", concept="expenditure",
                         amount=amount, unit="万元", change=50, change_percent=5, direction="increase",
                         basis="上年", basis_year=2025)
    tables = [table("income_expenditure_summary", layout="sided"),
              row("income_expenditure_summary", 0, "一、一般公共预算拨款收入", {"total": "1050.00"}, side="income"),
              row("income_expenditure_summary", 1, "收入总计", {"total": "1050.00"}, side="income", total=True),
              row("income_expenditure_summary", 2, "一、一般公共服务支出", {"total": "1050.00"}, side="expenditure",
                  block=1),
              row("income_expenditure_summary", 3, "支出总计", {"total": "1050.00"}, side="expenditure", block=1,
                  total=True)]
    document_2026 = document(year=2026, kind="budget")
    assert run("percent.change_base", document_2026, *tables, spending(0)) == []
    assert run("percent.change_rate", document_2026, *tables, spending(900)) == []
    assert [f["rule"] for f in run("text.table_amount", document_2026, *tables, spending(900))] == ["text.table_amount"]
    # without a table to say otherwise, the printed figures are what is judged
    assert [f["rule"] for f in run("percent.change_rate", document_2026, spending(900))] == ["percent.change_rate"]


# --- percent.prior_column --------------------------------------------------------------------------

def three_public_by_year(reception_2025="483.09"):
    """重庆-03 p.26 (表八): 2025年预算数 and 2026年预算数, each over 合计 · 因公出国 · 公务接待费."""
    columns = [("prior_year", "2025年预算数/合计"), ("prior_year_abroad", "2025年预算数/因公出国（境）费"),
               ("prior_year_reception", "2025年预算数/公务接待费"), ("total", "2026年预算数/合计"),
               ("abroad", "2026年预算数/因公出国（境）费"), ("reception", "2026年预算数/公务接待费")]
    three_public = {**table("three_public", title="表八 2026年财政拨款“三公”经费支出情况表"),
                    "columns": [{"key": key, "label": label, "block": 0} for key, label in columns]}
    values = {"prior_year": "826.5", "prior_year_abroad": "343.41", "prior_year_reception": reception_2025,
              "total": "601.1", "abroad": "321.91", "reception": "279.19"}
    cells = {key: [100 + 60 * n, 240, 160 + 60 * n, 266] for n, (key, _) in enumerate(columns)}
    return three_public, row("three_public", 0, "", values, page=26, cells=cells)


def reception(change, basis="2025年", direction="decrease"):
    said = {"decrease": f"比{basis}减少{change}万元", "flat": f"与{basis}持平"}[direction]
    claim = statement(12, f"公务接待费279.19万元,{said}", subject="公务接待费", code="30217", code_kind="economic",
                      amount=279.19, unit="万元", change=None if direction == "flat" else D(change),
                      direction=direction, basis=basis, basis_year=2025, heading="五、“三公”经费支出预算情况说明")
    return {**claim, "page": 5, "bbox": [70, 300, 520, 318]}


def test_prior_column_reports_a_change_last_years_column_does_not_give():
    found = run("percent.prior_column", document(year=2026), *three_public_by_year(), reception("213.9", "2025年预算"))
    assert [(f["severity"], f["statement"], f["expected"], f["actual"]) for f in found] == [
        ("error", "s12", D("-203.90"), D("-213.9"))]
    assert found[0]["message"] == (
        "“公务接待费” 279.19 万元比上年减少 213.9 万元，即上年为 493.09 万元；表八 2026年财政拨款“三公”经费支出情况表"
        "“2025年预算数/公务接待费”为 483.09 万元，按此应减少 203.9 万元，相差 10 万元")
    # the sentence, this year's cell and last year's, for a reviewer to see both amounts where they are printed
    assert found[0]["places"] == [{"page": 5, "bbox": [70, 300, 520, 318]},
                                  {"page": 26, "bbox": [400, 240, 460, 266]},
                                  {"page": 26, "bbox": [220, 240, 280, 266]}]


def test_prior_column_is_a_warning_when_the_sentence_does_not_say_budget_or_outturn():
    """比上年: last year's budget or its outturn; the table prints the budget."""
    found = run("percent.prior_column", document(year=2026), *three_public_by_year(), reception("213.9", "上年"))
    assert [f["severity"] for f in found] == ["warning"]
    assert found[0]["message"].endswith("相差 10 万元；文中未说明比较的是上年预算数还是执行数")


def test_prior_column_quiet_when_the_column_agrees_as_on_the_chongqing_and_yantai_pages():
    """重庆-03 p.5 against p.26 and 烟台-01 p.31 against p.20: every change the narrative gives
    is this year's cell less last year's."""
    assert run("percent.prior_column", document(year=2026), *three_public_by_year(), reception("203.9")) == []
    assert run("percent.prior_column", document(year=2026), *three_public_by_year("279.19"),
               reception(None, direction="flat")) == []


def test_prior_column_says_flat_of_amounts_that_differ():
    found = run("percent.prior_column", document(year=2026), *three_public_by_year(), reception(None, "2025年预算",
                                                                                                   "flat"))
    assert [(f["severity"], f["expected"], f["actual"]) for f in found] == [("error", D("-203.90"), D(0))]
    assert "与上年持平，即上年为 279.19 万元" in found[0]["message"]


def test_prior_column_leaves_a_change_on_last_years_outturn_and_a_misread_amount():
    assert run("percent.prior_column", document(year=2026), *three_public_by_year(),
               reception("213.9", "上年执行数")) == []  # the column is last year's budget: not the same quantity
    misread = {**reception("213.9"), "amount": D("297.19")}  # text.table_amount's finding, not this rule's
    assert run("percent.prior_column", document(year=2026), *three_public_by_year(), misread) == []
