"""The one answer to "which row is the table's total" (budgetkit/totals.py)."""

from __future__ import annotations

import pathlib

from builders import row
from budgetkit.checks import group_documents
from budgetkit.records import read_records
from budgetkit.totals import ledger_total, side_total, total_row

GOLDEN = pathlib.Path(__file__).parent / "golden"


def _sample(name: str):
    with (GOLDEN / f"{name}.jsonl").open(encoding="utf-8") as handle:
        (found,) = group_documents(read_records(handle, name))
    return found


def test_the_only_flagged_row_is_the_block_total():
    rows = [row("t", 0, "工资福利支出", {"total": 5}, "301"), row("t", 1, "人员经费合计", {"total": 5}, total=True)]
    assert total_row(rows) is rows[1]


def test_of_several_flagged_rows_the_grand_total_wins_over_a_subtotal():
    rows = [row("t", 0, "人员经费合计", {"total": 5}, total=True), row("t", 1, "合 计", {"total": 8}, total=True)]
    assert total_row(rows) is rows[1]


def test_two_subtotals_and_no_grand_total_give_none():
    rows = [row("t", 0, "人员经费合计", {"total": 5}, total=True), row("t", 1, "公用经费合计", {"total": 3}, total=True)]
    assert total_row(rows) is None


def test_an_unnamed_first_row_printing_amounts_is_the_lost_total():
    rows = [row("t", 0, "", {"total": 8}), row("t", 1, "一般公共服务支出", {"total": 8}, "201")]
    assert total_row(rows) is rows[0]
    assert total_row([row("t", 0, "", {"total": None}), rows[1]]) is None


def test_the_only_row_of_a_table_is_its_total():
    only = row("three_public", 0, "2024年预算数", {"total": 4})
    assert total_row([only]) is only


def test_sides_have_their_own_total():
    rows = [row("s", 0, "收入总计", {"total": 9}, side="income", total=True),
            row("s", 1, "支出总计", {"total": 9}, side="expenditure", total=True)]
    assert side_total(rows, "income") is rows[0]
    assert side_total(rows, "expenditure") is rows[1]
    assert ledger_total(rows) is None


def test_a_final_accounts_basic_expenditure_has_no_grand_total():
    """qingshan prints 人员经费合计 and 公用经费合计, no 合计: neither is the table's total."""
    document = _sample("qingshan-yibao-2023-final")
    assert ledger_total(document.rows_of("basic_expenditure")) is None
    assert ledger_total(document.rows_of("expenditure_summary"))["name"] == "合计"


def test_income_summary_total_named_shouxin_zongji():
    document = _sample("jiangsu-jianchayuan-2018-budget")
    assert ledger_total(document.rows_of("income_summary"))["name"] == "收入总计"
