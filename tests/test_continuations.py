"""A table printed over several pages is one table record with all its pages; two
different tables never share one.

The fixtures in ``tests/fixtures/continuations`` are built text files, one page per form
feed, laid out as the corpus documents print them: 湖州 repeats 表06 and its title, the
department line and the header on every page (some templates the 合计 row too); other templates print a 续表 mark, or only
the header; 烟台 numbers its tables 公开表N on the line above the title.
"""

from decimal import Decimal as D
from functools import cache
from pathlib import Path

from budgetkit.checks import Document, check_document, select_rules
from budgetkit.extraction.build import extract_file

FIXTURES = Path(__file__).parent / "fixtures" / "continuations"


@cache
def records(name: str) -> tuple[dict, ...]:
    return tuple(extract_file(str(FIXTURES / name)).records)


def tables(name: str) -> list[tuple]:
    """(table id, key, number, pages, rows) of every table record."""
    return [(r["table"], r["key"], r["number"], r["pages"], r["rows"]) for r in records(name) if r["type"] == "table"]


def rows(name: str, table_id: str) -> list[tuple]:
    """(page, code, name, values) of a table's rows, amounts in 万元."""
    return [(r["page"], r["code"], r["name"], r["values"]) for r in records(name)
            if r["type"] == "row" and r["table"] == table_id]


def errors(name: str) -> list[str]:
    document = Document("continuations")
    for record in records(name):
        document.add(record)
    return [f["rule"] for f in check_document(document, select_rules(["table.*"], None)) if f["severity"] == "error"]


def test_a_title_repeated_on_each_page_continues_the_table():
    # Page 2 also prints the 合计 row again: the same total, not a row of its own.
    assert tables("repeated-title-2026-budget.txt") == [
        ("basic_expenditure", "basic_expenditure", "表06", [1, 2, 3], 9),
        ("three_public", "three_public", "表07", [4], 1),
    ]
    found = rows("repeated-title-2026-budget.txt", "basic_expenditure")
    assert [(page, code, name) for page, code, name, _ in found] == [
        (1, None, "合计"), (1, "301", "工资福利支出"), (1, "30101", "基本工资"), (1, "30102", "津贴补贴"),
        (2, "302", "商品和服务支出"), (2, "30201", "办公费"), (2, "30205", "水费"),
        (3, "303", "对个人和家庭的补助"), (3, "30305", "生活补助"),
    ]
    assert found[0][3] == {"total": D("100.00"), "personnel": D("80.00"), "public": D("20.00")}
    assert found[4][3] == {"total": D("20.00"), "personnel": None, "public": D("20.00")}


def test_the_total_of_a_continued_table_adds_up_over_its_pages():
    # Cut at the page break, 合计 100 would be compared with 301 alone (70).
    assert errors("repeated-title-2026-budget.txt") == []


def test_a_continuation_mark_continues_the_table_and_is_no_row():
    assert tables("continued-mark-2026-budget.txt") == [
        ("general_budget_expenditure", "general_budget_expenditure", "表5", [1, 2, 3], 10),
        ("gov_fund", "gov_fund", "表9", [4], 0),
    ]
    found = rows("continued-mark-2026-budget.txt", "general_budget_expenditure")
    assert [(page, code) for page, code, _, _ in found] == [
        (1, None), (1, "201"), (1, "20103"), (1, "2010301"),
        (2, "208"), (2, "20805"), (2, "2080505"),
        (3, "221"), (3, "22102"), (3, "2210201"),
    ]
    assert found[4][3] == {"total": D("6.00"), "basic": None, "project": D("6.00")}
    assert errors("continued-mark-2026-budget.txt") == []


def test_the_same_title_over_another_unit_is_another_table():
    assert tables("two-units-2026-budget.txt") == [
        ("three_public", "three_public", None, [1], 1),
        ("three_public#2", "three_public", None, [2], 1),
    ]
    assert rows("two-units-2026-budget.txt", "three_public#2")[0][3]["total"] == D("2.00")


def test_a_page_opening_with_the_next_table_number_ends_the_table():
    # 公开表10's title is not a standard table's: its rows must not be read as 公开表9's.
    assert tables("unknown-next-table-2026-budget.txt") == [("state_capital", "state_capital", "公开表9", [1], 0)]
    # Its note, printed in brackets (（注：…没有使用…）), says why it is empty.
    table = next(r for r in records("unknown-next-table-2026-budget.txt") if r["type"] == "table")
    assert table["status"] == "empty" and table["note"].startswith("（注：2026年没有使用")


def test_sentences_in_a_grid_cell_do_not_end_the_table():
    assert tables("project-goals-2026-budget.txt")[0][:4] == ("project_performance", "project_performance", "表11", [1, 2])
    amounts = [(page, name, values["total"]) for page, _, name, values in rows("project-goals-2026-budget.txt",
                                                                               "project_performance")
               if values["total"] is not None]
    assert amounts == [(1, "合计", D("307.00")), (1, "示例局会计人员培训", D("187.00")), (2, "示例中心综合业务管理", D("120.00"))]


def test_a_header_printed_again_in_other_pieces_is_no_row():
    # Page 2 wraps the header otherwise (财政拨款 / 收入, （不含教育 / 收费）) than page 1.
    assert tables("rewrapped-header-2026-budget.txt") == [("income_summary", "income_summary", "公开表2", [1, 2], 5)]
    found = rows("rewrapped-header-2026-budget.txt", "income_summary")
    assert [(page, code, name) for page, code, name, _ in found] == [
        (1, None, "合计"), (1, "205", "教育支出"), (1, "20508", "进修及培训"),
        (2, "208", "社会保障和就业支出"), (2, "20805", "行政事业单位养老支出"),
    ]
    assert found[3][3]["total"] == D("20.00") and found[3][3]["carryover"] == D("4.00")


def test_a_running_head_is_no_row_and_a_numeral_number_heads_its_title():
    # 无锡 and 苏州 print the department's name atop every page: it was glued onto the first
    # row of each continuation page, and the 表三 line above the next title was a row.
    assert tables("running-head-2026-budget.txt") == [
        ("expenditure_summary", "expenditure_summary", "表二", [1, 2], 5),
        ("three_public", "three_public", "表三", [3], 1),
    ]
    found = rows("running-head-2026-budget.txt", "expenditure_summary")
    assert [(page, code, name) for page, code, name, _ in found] == [
        (1, None, "合计"), (1, "201", "一般公共服务支出"), (1, "2010301", "行政运行"),
        (2, "212", "城乡社区支出"), (2, "2120399", "其他城乡社区公共设施支出"),
    ]
    assert found[3][3] == {"total": D("20.00"), "basic": None, "project": D("20.00")}


def test_the_same_title_after_a_part_heading_opens_a_new_table(tmp_path):
    page = ["2026年一般公共预算“三公”经费支出表",
            "单位名称：示例局                                     单位：万元",
            "合计\t因公出国（境）费\t公务用车购置及运行费\t公务用车购置费\t公务用车运行费\t公务接待费",
            "3.00\t0.00\t3.00\t0.00\t3.00\t0.00"]
    text = "\n".join(page) + "\n\f第三部分 附件\n" + "\n".join(page) + "\n"
    path = tmp_path / "part-heading-2026-budget.txt"
    path.write_text(text, encoding="utf-8")
    found = [(r["table"], r["pages"]) for r in extract_file(str(path)).records if r["type"] == "table"]
    # The heading closed the first table: the second printing is a table of its own.
    assert found == [("three_public", [1]), ("three_public#2", [2])]


def test_bracketed_codes_are_rows_over_both_pages():
    # 珠海 prints [301]工资福利支出 in one cell; read as a [215001]-style unit line, every
    # row but 合计 was lost.
    assert tables("bracketed-codes-2026-budget.txt") == [
        ("general_budget_projects", "general_budget_projects", "表7", [1, 2], 5)]
    found = rows("bracketed-codes-2026-budget.txt", "general_budget_projects")
    assert [(page, code, name, values["total"]) for page, code, name, values in found] == [
        (1, None, "合计", D("10.00")), (1, "301", "工资福利支出", D("6.00")), (1, "30101", "基本工资", D("6.00")),
        (2, "302", "商品和服务支出", D("4.00")), (2, "30201", "办公费", D("4.00")),
    ]
    assert errors("bracketed-codes-2026-budget.txt") == []


def test_the_reason_printed_under_an_empty_table_as_a_sentence_is_its_note():
    """湖州-03 p.44: 表09 prints its header and an empty 合计, then ``…没有使用国有资本经营预算
    拨款安排的支出，故此表无数据。`` without 注：; the sentence is the table's note, not prose."""
    table = next(r for r in records("reason-under-empty-table-2026-budget.txt") if r["type"] == "table")
    assert (table["key"], table["status"], table["rows"]) == ("state_capital", "empty", 0)
    assert table["note"] == "示例局2026年没有使用国有资本经营预算拨款安排的支出，故此表无数据。"
