"""The headline figures (budgetkit/figures.py): one reader for diff, kpi and summarize, and
one answer to "blank or 0"."""

from __future__ import annotations

from decimal import Decimal

from builders import build, document, row, table
from budgetkit.diff.headline import headline_figures
from budgetkit.figures import headline
from budgetkit.kpi import kpi_records
from test_kpi import document as sample

PARTS = ["total", "abroad", "vehicles", "vehicle_purchase", "vehicle_operation", "reception"]


def test_a_blank_cell_in_a_row_printing_amounts_is_zero():
    found = headline(build(document(), table("three_public", PARTS),
                           row("three_public", 0, "", {"total": 3, "abroad": None, "vehicles": 3,
                                                       "vehicle_purchase": None, "vehicle_operation": 3,
                                                       "reception": None})))
    assert found["abroad"].value == 0 and found["abroad"].source == "three_public[0].abroad (blank)"
    assert found["three_public"].value == 3


def test_a_row_printing_nothing_gives_no_figure():
    found = headline(build(document(), table("three_public", PARTS),
                           row("three_public", 0, "", dict.fromkeys(PARTS))))
    assert "three_public" not in found and "abroad" not in found


def test_a_part_row_printed_blank_is_zero():
    found = headline(build(document(), table("three_public"),
                           row("three_public", 0, "合计", {"total": 1}),
                           row("three_public", 1, "1.因公出国（境）费用", {"total": None}),
                           row("three_public", 2, "3.公务接待费", {"total": 1})))
    assert (found["abroad"].value, found["reception"].value) == (0, 1)


def test_an_empty_table_with_its_note_gives_zero():
    found = headline(build(document(), table("three_public", status="empty", note="本部门没有“三公”经费")))
    assert found["three_public"].value == 0 and "empty" in found["three_public"].source


def test_a_final_account_never_reads_its_budget_as_the_actual():
    columns = ["total_budget", "total_actual", "reception_budget", "reception_actual"]
    final = build(document(kind="final_account"), table("three_public", columns),
                  row("three_public", 0, "", {"total_budget": 0.95, "total_actual": None,
                                              "reception_budget": 0.95, "reception_actual": None}))
    found = headline(final)
    assert (found["three_public"].value, found["three_public_budget"].value) == (0, Decimal("0.95"))
    assert found["reception"].value == 0


def test_a_final_account_printing_only_plain_columns_gives_no_budget():
    found = headline(build(document(kind="final_account"), table("three_public", ["total", "reception"]),
                           row("three_public", 0, "", {"total": 2, "reception": 2})))
    assert found["three_public"].value == 2 and "three_public_budget" not in found


def test_diff_and_kpi_read_the_same_figures_on_every_sample():
    """dongxihu 2022 prints 因公出国 and 公务用车购置 blank on their rows: both are 0 for diff
    as for kpi (4 = 0 + 3 + 1), no longer null for diff."""
    for name in ("dongxihu-yibao-2022-budget", "shanghai-putuo-caizhengju-2024-final"):
        found = sample(name)
        shared = {key: figure.value for key, figure in headline(found).items()}
        assert headline_figures(found) == shared
        assert shared["abroad"] == 0 and shared["vehicle_purchase"] == 0
        inputs = {name: value["value"] for record in kpi_records(found) for name, value in record["inputs"].items()}
        assert all(shared[key] == value for key, value in inputs.items() if key in shared)


def test_a_final_accounts_blank_actuals_are_zero_as_its_prose_says():
    """shanghai-caizhengju 2024 prints 预算数 0.95 and blank 决算数; the prose says 支出决算为0.00万元."""
    found = headline(sample("shanghai-putuo-caizhengju-2024-final"))
    assert found["three_public"].value == 0 and found["three_public"].source.endswith("total_actual (blank)")
    assert found["three_public_budget"].value == Decimal("0.95")


def test_income_and_the_expenditure_id_diff_shares_with_kpi():
    found = headline(sample("jiangxia-yibao-2024-budget"))
    assert found["income"].source == "income_summary[0].current_year"
    assert found["total_expenditure"].value == Decimal("478.85")
