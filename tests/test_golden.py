"""Each sample's full extraction against its hand-checked golden file (tests/golden).

A regression anywhere (a table, a column, a row, a value) fails here.  After an
intended change: ``python tests/make_golden.py`` and review ``git diff tests/golden``.
"""

import json

import pytest

from conftest import ROOT, extracted, samples
from budgetkit.records import dumps


@pytest.mark.parametrize("sample", samples(), ids=lambda p: p.stem)
def test_extraction_matches_golden(sample):
    expected = (ROOT / "tests" / "golden" / (sample.stem + ".jsonl")).read_text("utf-8").splitlines()
    actual = [dumps(record) for record in extracted(sample.relative_to(ROOT).as_posix())]
    for number, (want, got) in enumerate(zip(expected, actual), start=1):
        assert json.loads(got) == json.loads(want), f"{sample.name}: record {number} differs"
    assert len(actual) == len(expected)


EXPECTED_TABLES = {
    "dongxihu-yibao-2022-budget": [
        "income_expenditure_summary", "income_summary", "expenditure_summary", "fiscal_summary",
        "general_budget_summary", "general_budget_expenditure", "basic_expenditure", "three_public", "gov_fund",
        "projects", "procurement", "purchase_services"] + ["performance"] * 10,
    "jiangxia-yibao-2024-budget": [
        "income_expenditure_summary", "income_summary", "expenditure_summary", "fiscal_summary",
        "general_budget_expenditure", "general_budget_by_unit", "basic_expenditure", "three_public", "gov_fund",
        "state_capital", "projects"] + ["performance"] * 3,
    "qingshan-yibao-2023-final": [
        "income_expenditure_summary", "income_summary", "expenditure_summary", "fiscal_summary",
        "general_budget_expenditure", "basic_expenditure", "gov_fund", "state_capital", "three_public"]
        + ["performance"] * 8,
    "jiangsu-jianchayuan-2018-budget": [
        "income_expenditure_summary", "income_summary", "expenditure_summary", "fiscal_summary", "fiscal_expenditure",
        "fiscal_basic_expenditure", "general_budget_expenditure", "basic_expenditure", "three_public", "gov_fund",
        "operating_expenses", "procurement"],
    "shanghai-putuo-caizhengju-2024-final": [
        "income_expenditure_summary", "income_summary", "expenditure_summary", "fiscal_summary",
        "general_budget_expenditure", "basic_expenditure", "three_public", "gov_fund", "state_capital"],
    "shanghai-putuo-wanli-jiedao-2023-budget": [
        "income_expenditure_summary", "income_summary", "expenditure_summary", "fiscal_summary",
        "general_budget_expenditure", "gov_fund", "state_capital", "basic_expenditure", "three_public"]
        + ["performance"] * 5,
}


@pytest.mark.parametrize("sample", samples(), ids=lambda p: p.stem)
def test_every_standard_table_is_recognised(sample):
    records = extracted(sample.relative_to(ROOT).as_posix())
    keys = [r["key"] for r in records if r["type"] == "table"]
    assert keys == EXPECTED_TABLES[sample.stem]
