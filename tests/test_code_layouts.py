"""Code layouts: how a row prints the classification code that is its identity.

Built on the fly as ruled and unruled PDF tables (tests/fixtures/grid_pdfs.py), the way
the corpus prints them.  Each case states the rows a reader of the page sees.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from builders import run
from budgetkit.extraction.build import extract_file
from fixtures.grid_pdfs import grid_pdf

# 烟台 公开表6 (yantai-01 p.17): the department's economic class (部门预算支出经济分类) beside
# the government's (政府预算支出经济分类), each in 类 | 款 columns; one economic 类 (301)
# printed again beside each government 类 it maps to (501 机关, 505 对事业单位).
TWO_CODES_HEADER = [[("科目编码", 2, 1), ("部门预算支出经济分类科目名称", 1, 2), ("科目编码", 2, 1),
                     ("政府预算支出经济分类科目名称", 1, 2), ("基本支出预算", 3, 1)],
                    ["类", "款", "类", "款", "小计", "人员支出", "日常公用支出"]]
TWO_CODES_BODY = [
    ["", "", "合计", "", "", "", "33.00", "30.00", "3.00"],
    ["301", "", "工资福利支出", "501", "", "机关工资福利支出", "12.00", "12.00", ""],
    ["301", "01", "基本工资", "501", "01", "工资奖金津补贴", "7.00", "7.00", ""],
    ["301", "08", "机关事业单位基本养老保险缴费", "501", "02", "社会保障缴费", "5.00", "5.00", ""],
    ["301", "", "工资福利支出", "505", "", "对事业单位经常性补助", "18.00", "18.00", ""],
    ["301", "01", "基本工资", "505", "01", "工资福利支出", "10.00", "10.00", ""],
    ["301", "07", "绩效工资", "505", "01", "工资福利支出", "8.00", "8.00", ""],
    ["302", "", "商品和服务支出", "502", "", "机关商品和服务支出", "3.00", "", "3.00"],
    ["302", "01", "办公费", "502", "01", "办公经费", "3.00", "", "3.00"],
]
TWO_CODES_WIDTHS = [25, 20, 110, 25, 20, 105, 45, 45, 50]


def extracted(tmp_path, body, ruled: bool) -> list[dict]:
    path = tmp_path / "city-2026-budget.pdf"
    path.write_bytes(grid_pdf(["一般公共预算基本支出情况表", "单位：万元"], TWO_CODES_HEADER, body,
                              TWO_CODES_WIDTHS, ruled))
    return list(extract_file(str(path)).records)


def only_table(records: list[dict]) -> dict:
    (table,) = [r for r in records if r["type"] == "table"]
    return table


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "unruled"])
def test_two_code_columns_side_by_side_are_one_row_keeping_both_codes(tmp_path, ruled):
    records = extracted(tmp_path, TWO_CODES_BODY, ruled)
    rows = [r for r in records if r["type"] == "row"]
    assert [(r["code"], r["name"], r["code_kind"], r["parent"]) for r in rows] == [
        (None, "合计", None, None),
        ("301", "工资福利支出", "economic", None),
        ("30101", "基本工资", "economic", "301"),
        ("30108", "机关事业单位基本养老保险缴费", "economic", "301"),
        ("301", "工资福利支出", "economic", None),
        ("30101", "基本工资", "economic", "301"),
        ("30107", "绩效工资", "economic", "301"),
        ("302", "商品和服务支出", "economic", None),
        ("30201", "办公费", "economic", "302"),
    ]
    assert rows[0]["labels"] is None
    assert rows[5]["labels"] == {"economic_code": "30101", "economic_subject": "基本工资",
                                 "gov_economic_code": "50501", "gov_economic_subject": "工资福利支出"}
    assert rows[5]["values"] == {"total": 10, "personnel": 10, "public": None}
    assert [c["key"] for c in only_table(records)["columns"]] == ["total", "personnel", "public"]
    assert [f for f in run("table.*", *records) if f["severity"] != "info"] == []


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "unruled"])
def test_a_code_printed_on_two_rows_heads_the_rows_printed_under_each(tmp_path, ruled):
    """绩效工资 printed 8.50 under the second 301 (18.00): that 301 misses its rows by 0.5,
    and the first 301, whose rows add up, is not accused."""
    body = [list(row) for row in TWO_CODES_BODY]
    body[6][6:8] = ["8.50", "8.50"]
    findings = [f for f in run("table.parent_sum", *extracted(tmp_path, body, ruled)) if f["severity"] == "error"]
    assert [(f["code"], f["actual"], f["expected"]) for f in findings] == [("301", 18, D("18.50"))]
    assert "下级科目（30101、30107）" in findings[0]["message"]


def test_a_code_on_the_middle_line_of_a_name_wrapped_over_three_lines(tmp_path):
    """珠海 表3 (zhuhai-02 p.9): 机关事业单位基本养老保险缴 / 2080505 402.46 402.46 / 费支出,
    the code and amounts on the middle line: one row, and the code is no amount."""
    path = tmp_path / "city-2026-budget.pdf"
    path.write_bytes(grid_pdf(
        ["本年支出总体情况表", "单位：万元"],
        [[("科目编码", 1, 1), ("科目名称", 1, 1), "合计", "基本支出", "项目支出"]],
        [["", "合计", "2,364.87", "2,364.87", "0.00"],
         ["20805", "行政事业单位养老支出", "2,364.87", "2,364.87", "0.00"],
         ["2080501", "行政单位离退休", "1,761.17", "1,761.17", "0.00"],
         ["", "机关事业单位基本养老保险缴", "", "", ""],
         ["2080505", "", "402.46", "402.46", "0.00"],
         ["", "费支出", "", "", ""],
         ["", "机关事业单位职业年金缴", "", "", ""],
         ["2080506", "", "201.24", "201.24", "0.00"],
         ["", "费支出", "", "", ""]],
        [50, 190, 70, 70, 70], ruled=False))
    records = list(extract_file(str(path)).records)
    assert [c["key"] for c in only_table(records)["columns"]] == ["total", "basic", "project"]
    assert [(r["code"], r["name"], r["parent"], r["values"]["total"]) for r in records if r["type"] == "row"] == [
        (None, "合计", None, D("2364.87")),
        ("20805", "行政事业单位养老支出", None, D("2364.87")),
        ("2080501", "行政单位离退休", "20805", D("1761.17")),
        ("2080505", "机关事业单位基本养老保险缴费支出", "20805", D("402.46")),
        ("2080506", "机关事业单位职业年金缴费支出", "20805", D("201.24")),
    ]
    assert [f for f in run("table.*", *records) if f["severity"] != "info"] == []


BROKEN_CODE_ROWS = [(None, "合计", D("30.00")), ("301", "工资福利支出", D("30.00")), ("30101", "基本工资", D("10.00")),
                    ("30102", "津贴补贴", D("20.00"))]


@pytest.mark.parametrize("separator", ["\t", "  "], ids=["tabs", "spaces"])
def test_a_code_that_lost_a_leading_zero_is_still_the_rows_code(tmp_path, separator):
    """``301 2 津贴补贴`` is 30102, in a cell of its own (``301 2``) or in 类 | 款 columns; its
    2 is no amount and 301 no row of its own."""
    lines = ["2026年一般公共预算基本支出表", "单位：万元", ["科目编码", "科目名称", "合计", "人员经费", "公用经费"],
             ["", "合计", "30.00", "30.00", ""], ["301", "工资福利支出", "30.00", "30.00", ""],
             ["301 01", "基本工资", "10.00", "10.00", ""], ["301 2", "津贴补贴", "20.00", "20.00", ""]]
    path = tmp_path / "city-2026-budget.txt"
    path.write_text("\n".join(line if isinstance(line, str) else separator.join(line) for line in lines) + "\n",
                    encoding="utf-8")
    records = list(extract_file(str(path)).records)
    assert [(r["code"], r["name"], r["values"]["total"]) for r in records if r["type"] == "row"] == BROKEN_CODE_ROWS
    assert [f for f in run("table.*", *records) if f["severity"] != "info"] == []


def test_a_code_that_lost_a_leading_zero_in_a_ruled_grid(tmp_path):
    path = tmp_path / "city-2026-budget.pdf"
    path.write_bytes(grid_pdf(["一般公共预算基本支出表", "单位：万元"],
                              [[("科目编码", 2, 1), ("科目名称", 1, 2), ("合计", 1, 2), ("人员经费", 1, 2)], ["类", "款"]],
                              [["", "", "合计", "30.00", "30.00"], ["301", "", "工资福利支出", "30.00", "30.00"],
                               ["301", "01", "基本工资", "10.00", "10.00"], ["301", "2", "津贴补贴", "20.00", "20.00"]],
                              [30, 25, 90, 50, 50]))
    records = list(extract_file(str(path)).records)
    assert [(r["code"], r["name"], r["values"]["total"]) for r in records if r["type"] == "row"] == BROKEN_CODE_ROWS
