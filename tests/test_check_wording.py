"""Rules of the ``wording`` family: each fires on the slip it names and keeps quiet on
the sound wording next to it."""

import pytest

from builders import D, document, paragraph, run, statement, table


def said(found):
    return [(f["severity"], f["message"]) for f in found]


# --- wording.placeholder ------------------------------------------------------------------

def test_placeholder_fires_in_prose_and_table_titles():
    found = run("wording.placeholder", table("income_summary", title="XX局2024年收入预算总表"),
                paragraph(1, "一、XX局主要职能。2024年某某项目支出××万元。"))
    assert said(found) == [("warning", "模板占位符未替换：“XX”"), ("warning", "模板占位符未替换：“某某”"),
                           ("warning", "模板占位符未替换：“××”"), ("warning", "表格标题中模板占位符未替换：“XX”")]
    assert found[0]["line"] == 101 and found[3]["table"] == "income_summary"


def test_placeholder_quiet_on_latin_words():
    assert run("wording.placeholder", paragraph(1, "采购XXL号被装,购置XBOX设备0台。")) == []


# --- wording.template_leftover --------------------------------------------------------------

def test_template_leftover_fires_on_each_kind_in_reading_order():
    found = run("wording.template_leftover", paragraph(
        1, "收入包括:事业收入万元,其他收入0万元。比上年增加(减少)5万元,主要原因是。我部门(单位)组织自评。"
           "根据部门确定的工作目标进行简要说明。占%。"))
    assert said(found) == [
        ("warning", "金额或比例空缺：“事业收入万元”"),
        ("warning", "模板中的备选词未删改：“增加(减少)”"),
        ("warning", "“主要原因是”之后没有内容"),
        ("warning", "模板中的“部门/单位”备选未删改：“我部门(单位)”"),
        ("warning", "模板填写说明未删除：“进行简要说明”"),
        ("warning", "金额或比例空缺：“占%”")]


def test_template_leftover_quiet_on_units_named_and_general_wording():
    assert run("wording.template_leftover", paragraph(
        1, "备注:本报告中金额转化为万元时,四舍五入可能存在尾差。单位:万元。审核批复部门(单位)的年度预决算。"
           "人员增加是支出增长的主要原因。事业收入0万元,占0%。")) == []


# --- wording.punctuation --------------------------------------------------------------------

def test_punctuation_fires_on_doubled_marks_and_a_stray_bracket():
    found = run("wording.punctuation", paragraph(1, "2024年收入预算478.85万元,其中::一般公共预算。。购置支出(含车辆购置税))及租用费。"))
    assert said(found) == [("warning", "标点重复或冲突：“::”"), ("warning", "标点重复或冲突：“。。”"),
                           ("warning", "括号不配对：“支出(含车辆购置税))”")]


@pytest.mark.parametrize("text, shown", [
    ("“三公”经费支出0.18万元,主要用于“公务接待费。", "引号不配对：““公务接待费。”"),  # opened, never closed
    ("“三公”经费支出0.18万元,主要用于“公务接待费,比上年减少“0.02万元”。", "引号不配对：““公务接待费,比上年减少”"),  # a second “ before the close
    ("三公”经费支出0.18万元。", "引号不配对：“三公””"),  # closes nothing
])
def test_an_unmatched_quotation_mark_is_named(text, shown):
    assert [f["message"] for f in run("wording.punctuation", paragraph(1, text))] == [shown]


def test_balanced_quotation_marks_are_never_reported():
    assert run("wording.punctuation", paragraph(1, "“三公”经费中“公务接待费”0.18万元,“公务用车”0万元。")) == []


def test_punctuation_quiet_on_enumerators_and_ellipses():
    assert run("wording.punctuation", paragraph(1, "其中:1)办公费10万元;2)印刷费3万元。(一)基本支出(含人员经费)...等。")) == []


# --- wording.repeated ---------------------------------------------------------------------

def test_repeated_fires_on_doubled_words():
    found = run("wording.repeated", paragraph(1, "下降10.05%,主要是主要是减少2名公务员;参与医保医保基金监管;以武汉为核心的的都市圈。"))
    assert said(found) == [("warning", "词语重复：“主要是主要是”"), ("warning", "词语重复：“医保医保”"),
                           ("warning", "词语重复：“的的”")]


def test_repeated_quiet_on_a_title_joined_to_its_label_and_real_words():
    assert run("wording.repeated", paragraph(1, "上海市普陀区2023年区级部门预算预算主管部门:万里街道。的的确确。")) == []


def test_repeated_quiet_on_a_heading_printed_again_atop_the_next_page():
    """quanzhou-01 p.31–32: the part's title page ``第四部分`` / ``名词解释``, then the heading
    ``名词解释`` atop the next page; one paragraph, three printed lines, no slip of the pen.
    The same words doubled inside a line are one."""
    heading = paragraph(1, "第四部分名词解释名词解释", line_starts=[0, 4, 8])
    assert run("wording.repeated", heading) == []
    slip = paragraph(1, "第四部分名词解释名词解释", line_starts=[0, 4])
    assert said(run("wording.repeated", slip)) == [("warning", "词语重复：“名词解释名词解释”")]


# --- wording.stray_year ---------------------------------------------------------------------

def test_stray_year_fires_on_a_year_neither_this_nor_last():
    found = run("wording.stray_year", document(year=2022),
                paragraph(1, "(二)项目支出2297.1万元,比2020年预算增加6.24万元。"),
                statement(1, "(二)项目支出2297.1万元,比2020年预算增加6.24万元", line=101))
    assert [(f["severity"], f["statement"], f["message"]) for f in found] == [
        ("warning", "s1", "“比2020年”：比较年份 2020 既不是本年度 2022 也不是上年度 2021")]


def test_stray_year_quiet_on_last_year_and_history():
    assert run("wording.stray_year", document(year=2023, kind="final_account"), paragraph(
        1, "与2022年度相比,增加114.69万元。2023年2月开始实施改革,2019年文件规定。比2023年预算增加。")) == []


def test_mixed_comparison_fires_on_bi_xiangbi():
    found = run("wording.mixed_comparison", paragraph(1, "机关运行经费2,722.57万元,比上年相比减少3,309.98万元。"))
    assert said(found) == [("warning", "“比上年相比”：“比…”与“与…相比”混用")]
    assert run("wording.mixed_comparison", paragraph(1, "与上年相比减少3万元,比上年减少3万元。")) == []


# --- wording.level --------------------------------------------------------------------------

def test_level_fires_on_department_words_in_a_unit_document():
    found = run("wording.level", document(level="unit"),
                paragraph(1, "武汉市江夏区医疗保障局2024年部门预算。本部门共有车辆0辆。财政局部门预算调整功能分类。"))
    assert said(found) == [("warning", "单位预决算中称“2024年部门预算”，应称单位"),
                           ("warning", "单位预决算中称“本部门”，应称单位")]


def test_level_quiet_on_matching_words():
    assert run("wording.level", document(level="department"),
               paragraph(1, "2023年度部门决算。本单位无公务用车。下属行政事业单位决算。")) == []


# --- wording.obsolete_name ------------------------------------------------------------------

def test_obsolete_name_fires_after_the_rename():
    found = run("wording.obsolete_name", document(year=2024),
                paragraph(1, "6.医疗卫生与计划生育(类)行政事业单位医疗(款)。7.医疗卫生与计划生育(类)公务员医疗补助(项)。"))
    assert said(found) == [("warning", "“医疗卫生与计划生育”是 210 在 2018 年及以前的名称，2024 年应为“卫生健康支出”")]


def test_obsolete_name_quiet_before_the_rename():
    assert run("wording.obsolete_name", document(year=2018),
               paragraph(1, "医疗卫生与计划生育支出(类)。社会保障和就业支出(类)行政事业单位离退休(款)。")) == []


# --- wording.direction ------------------------------------------------------------------------

def test_direction_flat_with_a_change_is_an_error():
    found = run("wording.direction", statement(1, "公务接待费1.35万元,比上年持平", amount=D("1.35"), change=D("0.2"),
                                               direction="flat"))
    assert [(f["severity"], f["statement"], f["expected"], f["actual"]) for f in found] == [
        ("error", "s1", D(0), D("0.2"))]


def test_direction_leaves_an_increase_beyond_the_amount_to_percent_change_base():
    said_twice = statement(1, "政府性基金拨款支出预算0万元,比2022年预算增加1421.25万元", amount=0,
                           change=D("1421.25"), direction="increase")
    assert run("wording.direction", said_twice) == []
    assert [f["rule"] for f in run("percent.change_base", said_twice)] == ["percent.change_base"]


def test_direction_increase_of_nothing_is_a_warning():
    found = run("wording.direction", statement(1, "公务接待费预算1万元,比2021年预算增加0万元", amount=1, change=0,
                                               direction="increase"))
    assert said(found) == [("warning", "“公务接待费预算1万元,比2021年预算增加0万元”：变动为 0，应表述为持平而非“增加”")]


def test_direction_against_the_basis_printed_in_the_same_sentence():
    sentence = "年初预算为10.00万元,支出决算为9.00万元。"
    found = run("wording.direction", document(kind="final_account"), paragraph(1, sentence + "决算数大于预算数的主要原因是增人。"),
                statement(1, "年初预算为10.00万元", sentence, amount=D("10.00"), line=101),
                statement(2, "支出决算为9.00万元", sentence, amount=D("9.00"), basis_amount=D("10.00"), line=101))
    assert [(f["severity"], f["statement"], f["expected"], f["actual"]) for f in found] == [
        ("error", "s2", D("10.00"), D("9.00"))]
    assert found[0]["message"] == "“支出决算为9.00万元”：表述为“大于”，但比较数为 10 万元、本数为 9 万元"


def test_equal_said_of_figures_that_differ():
    sentence = "年初预算为10.00万元,支出决算为9.50万元。"
    found = run("wording.direction", document(kind="final_account"), paragraph(1, sentence + "决算数等于预算数。"),
                statement(1, "年初预算为10.00万元", sentence, amount=D("10.00"), line=101),
                statement(2, "支出决算为9.50万元", sentence, amount=D("9.50"), basis_amount=D("10.00"), line=101))
    assert [f["message"] for f in found] == ["“支出决算为9.50万元”：表述为“等于”，但比较数为 10 万元、本数为 9.5 万元"]
    same = "年初预算为10.00万元,支出决算为10.00万元。"
    assert run("wording.direction", document(kind="final_account"), paragraph(1, same + "决算数等于预算数。"),
               statement(1, "年初预算为10.00万元", same, amount=D("10.00"), line=101),
               statement(2, "支出决算为10.00万元", same, amount=D("10.00"), basis_amount=D("10.00"), line=101)) == []


def test_direction_quiet_when_words_fit_and_on_a_basis_from_another_sentence():
    sentence = "年初预算为3.13万元,支出决算为3.16万元,完成年初预算的100.9%,支出决算数大于年初预算数的主要原因是调剂。"
    assert run("wording.direction", document(kind="final_account"), paragraph(1, sentence),
               statement(1, "年初预算为3.13万元", sentence, amount=D("3.13"), line=101),
               statement(2, "支出决算为3.16万元", sentence, amount=D("3.16"), basis_amount=D("3.13"), line=101)) == []
    # 4 万元 in the sentence before is another item's: not a basis to judge 增加 by
    assert run("wording.direction",
               statement(1, "“三公”经费预算4万元", amount=4),
               statement(2, "公务接待费预算1万元,比2021年预算增加0.5万元", amount=1, change=D("0.5"),
                         direction="increase", basis_amount=4)) == []


# --- wording.two_amounts --------------------------------------------------------------------

def test_two_amounts_fires_on_one_item_stated_twice():
    topic = "16.“社会保障和就业支出(类)行政事业单位养老支出(款)机关事业单位职业年金缴费支出(项)"
    text = topic + "”220.63万元,主要用于缴费。2022年当年预算执行数为132.59万元,2023年预算安排441.25万元。"
    first = topic + "”220.63万元"
    found = run("wording.two_amounts", document(year=2023), paragraph(1, text),
                statement(1, first, text[:text.find("。") + 1], subject=first[3:-9], topic=topic, code="2080506",
                          amount=D("220.63"), list="L5", item=16),
                statement(2, "2022年当年预算执行数为132.59万元", text[text.find("。") + 1:], subject="当年预算执行数",
                          topic=topic, code="2080506", amount=D("132.59"), list="L5", item=16),
                statement(3, "2023年预算安排441.25万元", text[text.find("。") + 1:], subject="预算安排", topic=topic,
                          code="2080506", amount=D("441.25"), list="L5", item=16))
    assert [(f["severity"], f["statement"], f["expected"], f["actual"]) for f in found] == [
        ("error", "s3", D("220.63"), D("441.25"))]


def test_two_amounts_quiet_on_other_items_under_the_same_code_and_on_budget_against_actual():
    text = "其中:1.企业离休人员医疗经费600万元;3.保优离医疗经费1200万元。年初预算为6.52万元,支出决算为7.01万元。"
    assert run("wording.two_amounts", paragraph(1, text),
               statement(1, "1.企业离休人员医疗经费600万元", subject="企业离休人员医疗经费", code="2101101", amount=600,
                         list="L1", item=1),
               statement(2, "3.保优离医疗经费1200万元", subject="保优离医疗经费", code="2101101", amount=1200,
                         list="L1", item=3),
               statement(3, "年初预算为6.52万元", subject="年初预算", code="2101103", amount=D("6.52")),
               statement(4, "支出决算为7.01万元", subject="支出决算", code="2101103", amount=D("7.01"))) == []


def test_direction_both_ways_in_one_claim_is_an_error():
    found = run("wording.direction", statement(1, "职业年金缴费支出9.84万元,比2023年预算减少2.91万元,增长22.82%",
                                               amount=D("9.84"), change=D("2.91"), change_percent=D("22.82"),
                                               direction="decrease"))
    assert said(found) == [("error", "“职业年金缴费支出9.84万元,比2023年预算减少2.91万元,增长22.82%”："
                                     "同一变动既说“增长22.82%”又说“减少2.91万元”")]


def test_a_budget_comparing_its_year_with_itself():
    found = run("wording.stray_year", document(kind="budget", year=2024),
                paragraph(1, "2024年支出预算100万元,比2024年预算增加10万元;公用经费比本年预算减少2万元。"))
    assert [f["message"] for f in found] == [
        "“比2024年”：2024 年预算与本年度自身比较，应与上年度 2023 比较",
        "“比本年预算”：2024 年预算与本年度自身比较，应与上年度 2023 比较"]


def test_a_final_account_compares_its_year_with_its_budget():
    assert run("wording.stray_year", document(kind="final_account", year=2024),
               paragraph(1, "2024年支出决算100万元,比2024年预算增加10万元,比2023年决算增加5万元。")) == []


def test_a_final_account_naming_another_year_in_its_date_or_heading():
    found = run("wording.other_year", document(kind="final_account", year=2024),
                paragraph(1, "一、2023年度部门决算情况说明"),
                paragraph(2, "截至2023年12月31日,本部门共有车辆2辆;截至2024年12月31日,实有人员10人。"))
    assert [f["message"] for f in found] == [
        "“2023年度部门决算情况说明”：2024 年度决算中的说明写作 2023 年度",
        "“截至2023年12月31日”：2024 年度决算的年末应为 2024 年 12 月 31 日"]
    assert run("wording.other_year", document(kind="budget", year=2024),
               paragraph(1, "截至2023年12月31日,本部门共有车辆2辆。")) == []
