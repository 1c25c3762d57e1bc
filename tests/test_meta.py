"""What a document says about itself: the department and its region, wherever it is printed."""

from types import SimpleNamespace

import pytest

from budgetkit.meta import document_facts
from budgetkit.sources.text import read_text
from budgetkit.tables.locate import locate_tables
from budgetkit.tables.parse import parse_table
from conftest import extracted

NAME = "上海市示例区财政局"


def facts(text, titles=()):
    source = read_text("t.txt", text.encode("utf-8"), "0" * 64)
    lines = [line for page in source.pages for line in page.lines]
    tables = [SimpleNamespace(department=None, span=SimpleNamespace(title=title)) for title in titles]
    return document_facts(lines, tables, {})


def test_the_putuo_finance_bureau_is_named_as_its_cover_prints_it():
    document = extracted("samples/shanghai-putuo-caizhengju-2024-final.pdf")[0]
    assert (document["department"], document["region"]) == ("上海市普陀区财政局", "上海市普陀区")


@pytest.mark.parametrize("text, titles", [
    (f"{NAME}\n2024 年度部门决算\n目 录\n", ()),  # the cover: the name on its own line above the title
    (f"目 录\n第二部分 {NAME} 2024 年度部门决算表\n", ()),
    ("目 录\n", [f"{NAME}2024年度收入支出决算总表"]),  # at the start of the table titles
    (f"2024年度部门决算\n编制单位：{NAME}\n", ()),
    (f"2024年度部门决算\n部门（单位）名称：{NAME}\n", ()),
], ids=["cover", "part-heading", "table-titles", "编制单位", "部门（单位）名称"])
def test_the_department_printed_with_the_title_or_labelled(text, titles):
    found = facts(text, titles)
    assert (found["department"], found["region"]) == (NAME, "上海市示例区")


@pytest.mark.parametrize("text", [
    "上海市示例区2024年区级部门预算\n",  # a place, not a department
    "（一）部门收入预算安排情况\n2024年部门收入预算 3291.91 万元，其中：一般公共预算拨款收入\n",  # prose
    "本部门2024年度部门决算\n",
])
def test_no_department_is_made_up(text):
    assert facts(text)["department"] is None


@pytest.mark.parametrize("label", ["部门（单位）名称：", "编制单位：", "预算主管部门：", "单位名称："])
def test_a_table_header_label_names_the_department_and_is_no_header_cell(label):
    text = "\n".join(["2024年单位预算", "", "一般公共预算“三公”经费支出表", f"{label}{NAME}\t\t单位：万元",
                      "项目\t本年预算数", "合计\t6.10", "1.因公出国(境)费\t0.00", "2.公务接待费\t1.10"])
    lines = [line for page in read_text("t.txt", text.encode("utf-8"), "0" * 64).pages for line in page.lines]
    table = parse_table(locate_tables(lines)[0][0])
    assert table.department == NAME and table.unit == "万元"
    assert [column.label for column in table.columns] == ["本年预算数"]
