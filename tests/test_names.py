"""One name normaliser (budgetkit/names.py) behind every rule and analysis that matches names."""

from __future__ import annotations

import pytest

from budgetkit.checks.codebook import name_key as code_name_key
from budgetkit.checks.layout import normalise_name, strip_numbering
from budgetkit.checks.restated import names_match, norm_name
from budgetkit.names import fold, fold_width, name_key, strip_markers
from test_kpi import document as sample


@pytest.mark.parametrize("printed, stripped", [
    ("一、一般公共服务支出", "一般公共服务支出"), ("（一）基本支出", "基本支出"), ("1.因公出国（境）费用", "因公出国（境）费用"),
    ("1、办公费", "办公费"), ("(1)公务用车购置", "公务用车购置"), ("其中：（1）公务用车购置", "公务用车购置"),
    ("其中:2.接待费", "接待费"), ("1.5万元", "1.5万元"), ("2023年预算", "2023年预算"),
])
def test_strip_markers_removes_every_stacked_list_marker(printed, stripped):
    assert strip_markers(printed) == stripped


def test_name_key_reads_the_same_line_printed_two_ways_the_same():
    assert name_key("其中：（1）公务用车购置及运行费") == name_key("公务用车购置和运行费") == "公务用车购置和运行费"
    assert name_key("其他商品及服务支出") == name_key(" 其他商品和服务支出 ")
    assert name_key("1.因公出国（境）费用") == name_key("因公出国(境)费用")
    assert name_key("社会保障和就业支出（类）") == "社会保障和就业支出"
    assert name_key("八、社会保障和就业支出", drop_suffix=True) == "社会保障和就业"
    assert name_key("维修(护)费(款)", drop_level=False) == "维修护费款"


def test_fold_and_fold_width():
    assert fold("“三公” 經費") == '"三公"经费'
    assert fold_width("“三公” １２") == "“三公”12"  # form cells keep their quotes as printed


def test_every_caller_reads_through_names():
    assert strip_numbering("其中：（一）工资福利") == "工资福利"
    assert normalise_name("八、社会保障和就业支出（类）") == "社会保障和就业"
    assert norm_name("（一）其他商品及服务的支出") == "其他商品和服务支出"
    assert names_match("其他工资福利", "30199 其他工资福利支出".split()[1])
    assert code_name_key("维修（护）费") == code_name_key("维修(护)费")


def test_every_row_name_of_a_sample_keeps_its_key_stable():
    """Keys are idempotent: a folded name folds to itself (the goldens hold the rest)."""
    document = sample("dongxihu-yibao-2022-budget")
    for rows in document.rows.values():
        for row in rows:
            assert name_key(name_key(row["name"])) == name_key(row["name"])


def test_a_name_naming_a_part_of_a_whole():
    from budgetkit.names import names_a_part

    assert names_a_part("项目支出预算", "支出预算") and names_a_part("项目支出预算", "预算")
    assert names_a_part("基本支出", "支出")
    assert not names_a_part("2024年政府采购支出总额", "政府采购支出总额")  # a year is no part
    assert not names_a_part("支出预算", "支出预算") and not names_a_part("收入预算", "支出预算")


def test_han_numerals_as_items_are_numbered():
    from budgetkit.names import han_number

    assert [han_number(t) for t in ("一", "九", "十", "十二", "二十", "二十一")] == [1, 9, 10, 12, 20, 21]
    assert [han_number(t) for t in ("", "十十", "一二", "廿")] == [None, None, None, None]
