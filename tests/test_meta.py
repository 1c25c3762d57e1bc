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


# Covers of other cities' budgets, line by line as their text layers give them
# (../shared/corpus: huzhou-01, quanzhou-01, zhuhai-01, changchun-01, chongqing-01, yantai-01).
@pytest.mark.parametrize("cover, title, department", [
    ("湖 州 市财 政 局 2026 年 部 门预 算\n目录\n", "湖州市财政局2026年部门预算", "湖州市财政局"),
    ("2026 年度\n泉州市人民政府办公室\n（本级）\n单位预算\n目 录\n第二部分 2026 年度单位预算表 ............... 8\n",
     "2026年度泉州市人民政府办公室（本级）单位预算", "泉州市人民政府办公室（本级）"),
    ("2026年\n珠海市政府投资交通市政项目工务中心部门\n预算\n目 录\n",
     "2026年珠海市政府投资交通市政项目工务中心部门预算", "珠海市政府投资交通市政项目工务中心"),
    (".\n长春市信访局（本级）\n2026年度部门预算公开\n初审：徐 宁\n",
     "长春市信访局（本级）2026年度部门预算公开", "长春市信访局（本级）"),
    ("重庆市经济和信息化委员会 年部门预算情况说明\n2026\n一 单位基本情况\n",  # the year read apart
     "重庆市经济和信息化委员会2026年部门预算情况说明", "重庆市经济和信息化委员会"),
    ("2026年烟台市民政局部门预算\n目 录\n二、机构设置情况\n纳入烟台市民政局2026年部门预算编制范围的单位包括：\n",
     "2026年烟台市民政局部门预算", "烟台市民政局"),
], ids=["name-then-year-spaced", "year-then-name-over-lines", "name-wrapped-before-预算", "name-above",
        "year-read-apart", "not-the-prose"])
def test_the_cover_gives_the_title_and_the_department(cover, title, department):
    found = facts(cover)
    assert (found["title"], found["department"], found["year"], found["kind"]) == (title, department, 2026, "budget")


def test_a_line_of_the_contents_is_no_title():
    found = facts("一、部门主要职责\n本部门负责……。\n第二部分 2026 年度部门预算表 ......... 6\n")
    assert (found["title"], found["year"], found["kind"], found["department"]) == (None, 2026, "budget", None)


def test_a_sentence_of_the_narrative_is_no_title():
    """A scanned 说明 without its cover opens with a sentence naming the year and 预算."""
    from budgetkit.meta import _title_year_kind

    sentence = "2023年，上海市普陀区人民政府万里街道办事处收入预算16497.86万元，其中:财政拨款收入16497.86万元"
    assert _title_year_kind([sentence]) == (None, 2023, "budget")
    assert _title_year_kind([sentence, "上海市普陀区人民政府万里街道办事处2023年部门预算"])[0] == \
        "上海市普陀区人民政府万里街道办事处2023年部门预算"
