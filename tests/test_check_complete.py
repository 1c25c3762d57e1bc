"""Rules of the ``complete`` family: required tables, empty-table notes, contents, problems."""

from builders import document, run, table

BUDGET_TABLES = ["income_expenditure_summary", "income_summary", "expenditure_summary", "fiscal_summary",
                 "general_budget_expenditure", "basic_expenditure", "three_public", "gov_fund"]


def test_required_tables_quiet_when_all_are_there():
    assert run("complete.required_tables", *[table(key) for key in BUDGET_TABLES]) == []


def test_required_tables_missing_one_is_warning():
    found = run("complete.required_tables", *[table(key) for key in BUDGET_TABLES if key != "gov_fund"])
    assert [(f["severity"], f["subject"], f["message"]) for f in found] == [
        ("warning", "政府性基金预算支出表", "未找到预算公开必须包含的“政府性基金预算支出表”（无数据也应公开空表并说明）")]


def test_required_tables_of_a_final_account():
    tables = [table(key) for key in BUDGET_TABLES]
    found = run("complete.required_tables", document(kind="final_account"), *tables)
    assert [f["subject"] for f in found] == ["国有资本经营预算支出表"]


def test_required_tables_quiet_when_no_table_was_read():
    assert run("complete.required_tables", table("performance", layout="form")) == []


def test_empty_note_quiet_for_tables_with_data_or_a_note():
    assert run("complete.empty_note", table("gov_fund", status="empty", note="备注：本部门没有政府性基金预算支出"),
               table("three_public")) == []


def test_empty_note_missing_is_warning():
    found = run("complete.empty_note", table("state_capital", status="no_data", title="表9 国有资本经营预算支出表",
                                             pages=[12], note="备注: 2024年国有资本经营预算支出安排"),
                table("gov_fund", status="no_data", title="政府性基金预算支出表"))
    assert [(f["severity"], f["table"], f["page"]) for f in found] == [
        ("warning", "state_capital", 12), ("warning", "gov_fund", None)]
    assert found[0]["message"] == "“表9 国有资本经营预算支出表”没有数据，备注“2024年国有资本经营预算支出安排”未说明无数据的原因"
    assert found[1]["message"] == "“政府性基金预算支出表”没有数据，也没有说明无数据的原因"


def test_contents_quiet_when_every_listed_table_is_there():
    assert run("complete.contents", document(contents=["一、收支预算总表", "九、“三公”经费支出表", "附：名词解释"]),
               table("income_expenditure_summary"), table("three_public")) == []


def test_contents_listing_an_absent_table_is_warning():
    found = run("complete.contents", document(contents=["- 一、收支总体情况表", "- 十、项目支出情况表", "表 10. 项目支出情况表"]),
                table("income_expenditure_summary"))
    assert [(f["severity"], f["subject"], f["message"]) for f in found] == [
        ("warning", "十、项目支出情况表", "目录列出“十、项目支出情况表”，正文中未找到该表")]


def test_a_table_printed_on_another_page_than_the_contents_say_is_warning():
    found = run("complete.contents_page",
                table("income_expenditure_summary", title="一、收支预算总表", pages=[12], folio=9, listed_page=9),
                table("income_summary", title="二、收入预算总表", pages=[14], folio=11, listed_page=10),
                table("expenditure_summary", title="三、支出预算总表", pages=[15], folio=None, listed_page=12),
                table("fiscal_summary", title="四、财政拨款收支预算总表", pages=[16], folio=13, listed_page=None))
    assert [(f["severity"], f["page"], f["message"], f["expected"], f["actual"]) for f in found] == [
        ("warning", 14, "目录列“二、收入预算总表”在第 10 页，该表印在第 11 页", 11, 10)]


def test_problems_are_warnings_with_pages_grouped():
    problems = [{"code": "scanned_page", "page": p, "message": f"page {p} has no text layer"} for p in (3, 4, 5, 9)]
    problems.append({"code": "no_tables", "message": "no standard budget table recognised"})
    found = run("complete.problems", document(problems=problems))
    assert [(f["severity"], f["subject"], f["page"], f["message"]) for f in found] == [
        ("warning", "scanned_page", 3, "第 3–5、9 页没有文字层（扫描页），其内容未读取"),
        ("warning", "no_tables", None, "未识别出任何标准预算/决算表，表格未读取")]


def test_problems_quiet_on_a_clean_document():
    assert run("complete.problems", table("three_public")) == []


def test_a_blank_page_is_noted_and_a_reviewer_is_told_of_it(tmp_path):
    """A page with neither text nor image between two printed ones (shanghai-putuo-caizhengju
    2024 p.14 carries only an empty row frame): noted in the document record, one warning."""
    import zlib

    from budgetkit.extraction.build import extract_file
    from fixtures.budget_pdfs import _pdf, _text_page

    frame = (b"", zlib.compress(b"40 700 500 12 re S"))
    path = tmp_path / "blank-2026-budget.pdf"
    path.write_bytes(_pdf([_text_page(1), frame, _text_page(3)]))
    records = list(extract_file(str(path)).records)
    assert records[0]["blank_pages"] == [2]
    assert [f["message"] for f in run("complete.blank_pages", document(blank_pages=[2, 5]))] == [
        "第 2、5 页为空白页（无文字、无图像），请核对是否漏印"]
    assert run("complete.blank_pages", document(blank_pages=[])) == []
