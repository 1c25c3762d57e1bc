"""Rule tests: each rule fires on a broken document and stays quiet on a sound one."""

from builders import row, run, table


def test_parent_sum_quiet_when_children_add_up():
    assert run("table.parent_sum", table("general_budget_expenditure"),
               row("general_budget_expenditure", 0, "卫生健康支出", {"total": "377.78"}, code="210"),
               row("general_budget_expenditure", 1, "行政事业单位医疗", {"total": "77.78"}, code="21011"),
               row("general_budget_expenditure", 2, "医疗保障管理事务", {"total": "300.00"}, code="21015")) == []


def test_parent_sum_tail_is_info_and_mismatch_is_error():
    found = run("table.parent_sum", table("general_budget_expenditure"),
                row("general_budget_expenditure", 0, "卫生健康支出", {"total": "377.79"}, code="210"),
                row("general_budget_expenditure", 1, "行政事业单位医疗", {"total": "77.78"}, code="21011"),
                row("general_budget_expenditure", 2, "医疗保障管理事务", {"total": "300.00"}, code="21015"),
                row("general_budget_expenditure", 3, "社会保障和就业支出", {"total": "90.00"}, code="208"),
                row("general_budget_expenditure", 4, "行政事业单位养老支出", {"total": "80.00"}, code="20805"))
    assert [(f["severity"], f["code"], str(f["expected"]), str(f["actual"])) for f in found] == [
        ("info", "210", "377.78", "377.79"), ("error", "208", "80.00", "90.00")]
    assert found[0]["message"] == ("210 “卫生健康支出”“total” 377.79，下级科目（21011、21015）之和 377.78，"
                                   "相差 0.01 万元（四舍五入尾差）")


def test_an_error_on_a_page_read_by_ocr_is_a_warning_to_confirm():
    from builders import document

    scanned = document(problems=[{"code": "ocr_page", "page": 3, "message": "page 3 was read by OCR"}])
    rows = [row("general_budget_expenditure", 0, "社会保障和就业支出", {"total": "90.00"}, code="208", page=3),
            row("general_budget_expenditure", 1, "行政事业单位养老支出", {"total": "80.00"}, code="20805", page=3),
            row("general_budget_expenditure", 2, "卫生健康支出", {"total": "90.00"}, code="210", page=4),
            row("general_budget_expenditure", 3, "行政事业单位医疗", {"total": "80.00"}, code="21011", page=4)]
    found = run("table.parent_sum", scanned, table("general_budget_expenditure"), *rows)
    assert [(f["severity"], f["page"]) for f in found] == [("warning", 3), ("error", 4)]
    assert found[0]["message"].endswith("（该页为扫描件，数字经 OCR 识别，请对照原件）")
