"""Printed page numbers (folios) and the pages the contents list tables at."""

from budgetkit.sources import Cell, Line, Page
from budgetkit.sources.folios import printed_page_numbers
from budgetkit.tables.locate import listed_pages, locate_tables


def pages(*folios):
    return [Page(number=number, folio=folio) for number, folio in enumerate(folios, 1)]


def test_folios_in_one_run_from_the_first_numbered_page():
    # quanzhou-01: cover and contents unnumbered, then 1, 2, … and 10 letter-spaced as 1 0
    found = printed_page_numbers(pages(None, None, None, "1", "2", "- 3 -", "4", "5", "6", "7", "8", "9", "1 0",
                                       "1 1"))
    assert found == {number: number - 3 for number in range(4, 15)}


def test_page_and_page_count_are_read_as_the_page():
    assert printed_page_numbers(pages("1 12", "2 12", "3 12", "4 12")) == {1: 1, 2: 2, 3: 3, 4: 4}


def test_pages_outside_the_main_run_and_too_short_a_run_have_none():
    # a part numbered afresh (1, 2 on pages 6, 7) is not the main run
    assert printed_page_numbers(pages("1", "2", "3", "4", "5", "1", "2")) == {1: 1, 2: 2, 3: 3, 4: 4, 5: 5}
    assert printed_page_numbers(pages(None, "7", "8")) == {}  # two pages agreeing prove nothing


def line(text: str, page: int) -> Line:
    return Line(cells=[Cell(part) for part in text.split("  ")], page=page)


def test_the_contents_give_each_listed_table_its_page():
    lines = [line("目 录", 2), line("第二部分 2026 年度单位预算表 ............... 8", 2),
             line("一、收支预算总表............................. 9", 2),
             line("二、收入预算总表  10", 2), line("第三部分 名词解释 ........ 28", 2),
             line("一、收支预算总表", 3), line("单位：万元", 3), line("收入  支出", 3), line("项目  预算数  项目  预算数", 3),
             line("一、一般公共预算拨款收入  100.00  一、一般公共服务支出  100.00", 3),
             line("二、收入预算总表 ...... 9", 4)]  # a line below the first table is not the contents
    spans, _ = locate_tables(lines)
    assert spans and spans[0].kind.key == "income_expenditure_summary"
    assert listed_pages(lines, spans) == {"income_expenditure_summary": 9, "income_summary": 10}


def test_the_last_entry_of_the_contents_is_no_table():
    """shanghai-06 p.2: the contents end with ``9. 2026年单位“三公”经费和机关运行经费预算表`` and the
    heading ``六、其他相关情况说明``; the prose of p.3 that follows (…重大项目…) is no table furniture.
    The real 三公 table of p.15 is the document's one."""
    lines = [line("五、单位预算表", 2), line("9. 2026年单位“三公”经费和机关运行经费预算表", 2),
             line("六、其他相关情况说明", 2), line("上海市域外农场管理办公室主要职能", 3),
             line("主要职能包括:负责牵头研究和协调推进域外农场发展重大问题和有关事项,综合平衡重大项目", 3),
             line("2026年单位“三公”经费和机关运行经费预算表", 15), line("编制单位:上海市域外农场管理办公室  单位:万元", 15),
             line("合计  因公出国(境)费  公务接待费", 15), line("0  0  0", 15)]
    spans, contents = locate_tables(lines)
    assert [(span.title, lines[span.start].page) for span in spans] == [("2026年单位“三公”经费和机关运行经费预算表", 15)]
    assert contents == ["9. 2026年单位“三公”经费和机关运行经费预算表"]
