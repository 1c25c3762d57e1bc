"""Reading one sentence's figures: the wordings the hand-made claim lists rely on."""

from __future__ import annotations

from decimal import Decimal

import pytest

from budgetkit.extraction.build import extract_file
from budgetkit.narrative.claims import sentence_claims
from budgetkit.narrative.prose import prose_paragraphs, prose_sentences
from budgetkit.sources import Cell, Line


def _only(text: str):
    claims, orphans = sentence_claims(text)
    assert len(claims) == 1 and not orphans, (claims, orphans)
    return claims[0]


def test_a_change_printed_before_its_subject_has_no_amount():
    claim = _only("这一因素较上年减少部门支出1,653万元。")
    assert (claim.subject, claim.amount, claim.change, claim.direction, claim.basis) == \
        ("部门支出", None, Decimal("1653"), "decrease", "上年")


def test_a_comparison_with_a_basis_is_a_change_and_a_bare_threshold_is_not():
    claim = _only("公务接待费预算支出116.5万元,本年数小于上年预算数40.05万元。")
    assert (claim.amount, claim.change, claim.direction, claim.basis) == \
        (Decimal("116.5"), Decimal("40.05"), "decrease", "上年预算数")
    claims, _ = sentence_claims("单价低于50万元的设备3台。")
    assert all(c.change is None for c in claims)


@pytest.mark.parametrize("text, subject", [
    ("全区15.22万人参加武汉市城乡居民医保,参保率达97.16%。", "参加武汉市城乡居民医保"),
    ("216家定点医药机构自查出违规问题。", "定点医药机构"),
    ("2018年本部门共5个项目实行绩效目标管理。", "项目"),
    ("区医保局内设3个机构。", "内设机构"),
    ("累计派遣2万余名下沉党员。", "下沉党员"),
])
def test_a_count_counts_the_noun_printed_after_it(text, subject):
    assert _only(text).subject == subject


def test_a_count_followed_by_another_counts_the_same_thing():
    claims, _ = sentence_claims("督促辖区医疗机构进行10余次1000余种药品集采填报工作。")
    assert [c.subject for c in claims] == ["药品集采填报工作", "药品集采填报工作"]


def test_a_comma_after_a_word_is_no_thousands_separator():
    claims, _ = sentence_claims("开展了多轮次的自查自纠,216家定点医药机构自查出违规问题。")
    assert [c.count for c in claims] == [Decimal("216")]


def test_a_total_with_no_subject_counts_what_the_clause_before_names():
    claims, _ = sentence_claims("资助困难群众居民医保,共计5629人次,拨付约203.63万元。")
    assert claims[0].subject == "资助困难群众居民医保"


def test_an_aside_with_a_figure_stays_out_of_the_subject():
    claims, _ = sentence_claims("解除医保服务协议1家,中止医保服务协议(3个月)1家。")
    assert [(c.subject, c.count, c.count_unit) for c in claims] == [
        ("解除医保服务协议", Decimal("1"), "家"), ("中止医保服务协议", Decimal("3"), "个月"),
        ("中止医保服务协议", Decimal("1"), "家")]


def test_a_change_after_a_bracketed_breakdown_is_the_whole_s():
    """zhuhai-01 p.20: the change and rate after ``（…。）`` are those of 公务用车购置及运行维护费,
    printed before the brackets; each part keeps its own, and no part takes the whole's."""
    claims, orphans = sentence_claims(
        "公务用车购置及运行维护费0万元(公务用车购置费0万元,比上年增加0万元;公务用车运行维护费12万元,比上年增加2万元。)"
        "比上年增加2万元,增长20%,主要原因是车辆增加;")
    assert [(c.subject, c.amount, c.change, c.change_percent) for c in claims] == [
        ("公务用车购置及运行维护费", Decimal(0), Decimal(2), Decimal(20)), ("公务用车购置费", Decimal(0), Decimal(0), None),
        ("公务用车运行维护费", Decimal(12), Decimal(2), None)]
    assert orphans == []


@pytest.mark.parametrize("text", ["国有资本经营预算财政拨款收入0万元,与2022年度决算数相比无增减。",
                                  "因公出国(境)费预算支出100万元,与上年预算数相等。"])
def test_flat_wordings(text):
    assert _only(text).direction == "flat"


def test_a_pair_of_characters_joined_by_a_pause_mark_is_one_word():
    assert _only("省检察院2018年度财政拨款收、支总预算21,940.96万元。").subject == "省检察院2018年度财政拨款收、支总预算"


def _lines(*texts: str) -> list[Line]:
    return [Line([Cell(text)], line_no=number) for number, text in enumerate(texts, 1)]


def test_the_goal_column_of_a_key_work_table_is_not_prose():
    lines = _lines("序号", "目标内容 完成情况（自查）", "1", "资助低保、低收入等", "约 3300 名困难群众",
                   "参保，实现应保尽保", "1.做好数据比对。资助困难群众居民医保，共计 5629 人次。",
                   "2", "组织实施城乡居民医", "保参保缴费，参保率", "达 95%以上",
                   "全区 15.22 万人参加武汉市城乡居民医保。", "第五部分 名词解释")
    sentences = prose_sentences(prose_paragraphs(lines, set()))
    assert not any("3300" in s.text or "95%" in s.text for s in sentences)
    results = [s for s in sentences if "5629" in s.text or "15.22" in s.text]
    assert [(s.line, s.heading) for s in results] == [
        (7, "资助低保、低收入等约3300名困难群众参保,实现应保尽保"),
        (12, "组织实施城乡居民医保参保缴费,参保率达95%以上")]


def test_a_table_of_key_projects_and_their_goals_is_not_prose():
    """zhuhai-02 p.32: 项目 | 预算数（单位：万元） | 绩效目标, its cells wrapped into one another
    (珠海边检总 / 585 / 珠海边检总站…): left out up to the next heading."""
    lines = [Line(cells=[Cell(t) for t in texts]) for texts in (
        ["2026年，本部门重点项目绩效目标情况如下："], ["项目", "预算数（单位：万元）", "绩效目标"],
        ["港珠澳大桥旅游珠海边检总"], ["585", "通过抽调工作人员上岗查验"], ["珠海边检总站保障补贴"],
        ["第四部分", "名词解释"], ["一、财政拨款收入：指预算单位从本级财政部门取得的财政预算资金收入。"])]
    sentences = prose_sentences(prose_paragraphs(lines, set()))
    assert [s.text for s in sentences] == ["2026年,本部门重点项目绩效目标情况如下:", "第四部分名词解释",
                                           "一、财政拨款收入:指预算单位从本级财政部门取得的财政预算资金收入。"]


def test_a_change_of_the_whole_budget_is_not_its_project_part_s():
    """changchun-01 p.17: ``…项目支出预算474.56万元,占…28.20%。2026年预算比2025年预算增加50.32万元,
    增长3.08%。``: the change is the budget's, not the 项目支出预算's before it."""
    from budgetkit.narrative.statements import statement_records
    from budgetkit.narrative.subjects import SubjectIndex

    lines = _lines("一、收支总表情况说明", "2026年预算支出1682.76万元,其中基本支出预算1208.20万元,占部门预算总支出的"
                   "71.80%;项目支出预算474.56万元,占部门预算总支出的28.20%。2026年预算比2025年预算增加50.32万元,增长3.08%。")
    sentences = prose_sentences(prose_paragraphs(lines, set()))
    records = statement_records("d", sentences, SubjectIndex([]), 2026)
    project = next(r for r in records if r["subject"] == "项目支出预算")
    assert (project["amount"], project["change"], project["change_percent"]) == (Decimal("474.56"), None, None)
    assert any(r["change"] == Decimal("50.32") and r["change_percent"] == Decimal("3.08") for r in records)


def _statements_of(*texts: str) -> list[dict]:
    from budgetkit.narrative.statements import statement_records
    from budgetkit.narrative.subjects import SubjectIndex

    return statement_records("d", prose_sentences(prose_paragraphs(_lines(*texts), set())), SubjectIndex([]), 2026)


def test_a_change_of_the_whole_after_a_list_is_not_its_last_item_s():
    """chongqing-02 p.3: ``其中：…事业收入资金2,898.00万元,其他收入资金513.00万元;收入比2025年增加
    2,734.52万元`` and ``包括一般公共服务支出…住房保障支出662.86万元。比2025年增加2,734.52万元``: each
    change is the whole's (收入, the 支出预算), not the last item's."""
    records = _statements_of(
        "(一)收入预算:2026年年初预算数45,369.18万元,其中:一般公共预算拨款37,891.58万元,政府性基金预算拨款"
        "4,066.60万元,事业收入资金2,898.00万元,其他收入资金513.00万元;收入比2025年增加2,734.52万元。",
        "(二)支出预算:2026年年初预算数45,369.18万元。按支出功能分类,包括一般公共服务支出22,022.92万元,"
        "教育支出9.30万元,住房保障支出662.86万元。比2025年增加2,734.52万元,主要是基本支出增加659.75万元。")
    assert [(r["subject"], r["change"]) for r in records if r["subject"] in ("其他收入资金", "住房保障支出")] == [
        ("其他收入资金", None), ("住房保障支出", None)]
    assert [r["subject"] for r in records if r["change"] == Decimal("2734.52")] == ["收入", None]


def test_a_completion_rate_after_a_budget_and_its_outturn_is_the_outturn_s():
    """qingshan-2023 l.867: ``年初预算为6.26万元,支出决算为6.26万元。完成年初预算的100%。``: a pair
    of figures is no list; the rate goes to the 支出决算."""
    records = _statements_of("1.社会保障和就业支出(类)行政事业单位养老支出(款)机关事业单位基本养老保险缴费支出(项)。"
                             "年初预算为6.26万元,支出决算为6.26万元。完成年初预算的100%。")
    assert [(r["subject"], r["completion_rate"]) for r in records if r["completion_rate"] is not None] == [
        ("支出决算", Decimal("100"))]


def test_a_bare_earlier_year_names_no_earlier_amount():
    """shanghai-01 p.6: ``一般公共预算拨款支出预算19,302万元…;政府性基金拨款支出预算0万元,与2025年预算
    持平`` compares the 0 with 2025's budget, which the text does not print, not with the 19,302."""
    records = _statements_of("一般公共预算拨款支出预算19,302万元,比2025年预算增加4,476万元;政府性基金拨款支出预算0万元,"
                             "与2025年预算持平。")
    assert [(r["subject"], r["basis_amount"]) for r in records] == [
        ("一般公共预算拨款支出预算", None), ("政府性基金拨款支出预算", None)]


def test_a_heading_wrapped_onto_a_line_of_its_own_is_not_part_of_the_next_sentence():
    """wuxi-03 p.34: 九、…支出预算情 / 况说明 / 无锡市商务局…支出预算 6.4 万元: the heading ends
    with 况说明, and the sentence after it starts with the department."""
    paragraphs = prose_paragraphs(_lines("九、一般公共预算“三公”经费、会议费、培训费支出预算情", "况说明",
                                         "无锡市商务局2026年度“三公”经费支出预算6.4万元。"), set())
    assert [p.heading for p in paragraphs] == ["九、一般公共预算“三公”经费、会议费、培训费支出预算情况说明"]
    assert [s.text for s in prose_sentences(paragraphs)] == [
        "九、一般公共预算“三公”经费、会议费、培训费支出预算情况说明", "无锡市商务局2026年度“三公”经费支出预算6.4万元。"]


def test_a_running_head_between_the_pages_of_a_sentence_is_left_out(tmp_path):
    """wuxi-03 p.34-35: 因公出国（境）费支出 0 / - 33 - / 无锡市商务局 2026 年度部门预算公开 / 万元，
    占…: the head (its year a word of its own) is no part of the sentence, whose 0% share
    is the 因公出国 spending's, not the sentence's before it."""
    head = "无锡市商务局 2026 年度部门预算公开"
    pages = [[head, "一、情况说明", "无锡市商务局“三公”经费支出预算6.4万元。其中，因公出国（境）费支出 0"],
             [head, "万元，占“三公”经费的 0%；公务接待费支出 6.4 万元，占“三公”经费的 100%。"],
             [head, "二、其他说明", "无。"]]
    path = tmp_path / "wuxi-2026-budget.txt"
    path.write_text("\f".join("\n".join(page) for page in pages) + "\n", encoding="utf-8")
    found = [(r["subject"], r["amount"], r["share"]) for r in extract_file(str(path)).records
             if r["type"] == "statement"]
    assert found == [("无锡市商务局“三公”经费支出预算", Decimal("6.4"), None),
                     ("因公出国(境)费支出", Decimal("0"), Decimal("0")),
                     ("公务接待费支出", Decimal("6.4"), Decimal("100"))]


def test_an_items_breakdown_in_brackets_keeps_the_list_going_and_adds_nothing():
    """zhuhai-02 p.30: ``公务用车购置及运行维护费0万元（公务用车购置费0万元…；公务用车运行维护费0万元…。）
    比上年增加0万元…；公务接待费6.64万元``: the ；and 。inside the brackets end no sentence, the
    bracketed parts are no items of the 三公 list, and 公务接待费 is its third item."""
    from builders import document, run

    records = _statements_of(
        "二、“三公”经费安排情况",
        "2026年本部门财政拨款安排“三公”经费19.84万元,比上年减少5.96万元,下降23.1%。其中:因公出国(境)费13.2万元,"
        "比上年减少6.8万元,下降34%;公务用车购置及运行维护费0万元(公务用车购置费0万元,比上年增加0万元;公务用车运行"
        "维护费0万元,比上年增加0万元。)比上年增加0万元,增长0%,主要原因是与上年持平,无增减变化;公务接待费6.64万元,"
        "比上年增加0.84万元,增长14.5%。")
    lists = {r["subject"]: r["list"] for r in records}
    assert lists["因公出国(境)费"] == lists["公务用车购置及运行维护费"] == lists["公务接待费"] is not None
    statements = [{**r, "type": "statement", "doc": "0123456789abcdef"} for r in records]
    assert run("text.list_sum", document(), *statements) == []
    # the same list one item short of its total is still reported
    short = [r for r in statements if r["subject"] != "公务接待费"]
    assert [f["rule"] for f in run("text.list_sum", document(), *short)] == ["text.list_sum"]


def test_a_heading_wrapped_before_its_amount_and_items_numbered_past_ten():
    """quanzhou-02 p.22: ``（十）2080505-机关事业单位基本养老保险缴费支出`` / ``2528.94 万元。…``, then
    ``（十一）2101101-行政单位医疗871.35万元``: the amount is the heading's, and (十一) is item 11."""
    records = _statements_of("其中(按项级科目分类统计):", "(九)2080501-行政单位离退休1444.18万元。主要用于离退休费。",
                             "(十)2080505-机关事业单位基本养老保险缴费支出", "2528.94万元。主要用于机关养老保险缴费支出。",
                             "(十一)2101101-行政单位医疗871.35万元。主要用于医疗保险缴费。")
    assert [(r["amount"], r["item"]) for r in records if r["amount"]] == [
        (Decimal("1444.18"), 9), (Decimal("2528.94"), 10), (Decimal("871.35"), 11)]
