"""Titles tell tables apart: a table the catalogue reads under another table's key is
counted twice for that key and compared with figures it does not print."""

import pytest

from budgetkit.tables.catalogue import match_table


@pytest.mark.parametrize("title, key", [
    # Tables that used to share a key with a standard table they are not.
    ("表11 部门预算基本支出预算表", "all_funds_basic_expenditure"),  # 珠海: all funds, not the 支出总表
    ("公开表10 基本支出预算情况表", "all_funds_basic_expenditure"),  # 烟台
    ("表7 一般公共预算项目支出情况表（按经济分类科目）", "general_budget_projects"),  # 珠海
    ("2026 年度一般公共预算支出经济分类情况表", "general_budget_economic"),  # 泉州
    ("表 11 2026年市级部门项目支出绩效表", "project_performance"),  # 湖州
    # Their neighbours keep their keys.
    ("表6 一般公共预算基本支出情况表（按经济分类科目）", "basic_expenditure"),
    ("2026 年度一般公共预算基本支出经济分类情况表", "basic_expenditure"),
    ("公开 06 表 财政拨款基本支出表（经济科目）", "fiscal_basic_expenditure"),
    ("表5 一般公共预算支出情况表（按功能分类科目）", "general_budget_expenditure"),
    ("表10 2026年市级部门项目支出预算表", "projects"),
    ("表3 本年支出总体情况表", "expenditure_summary"),
])
def test_titles_tell_tables_apart(title, key):
    assert match_table(title).key == key
