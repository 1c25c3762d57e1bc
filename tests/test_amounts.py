"""The number parser on every format of DOMAIN.md §4, and unit normalisation."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from budgetkit.amounts import find_unit, format_decimal, parse_amount, to_wan


@pytest.mark.parametrize("printed, value", [
    ("3,291.91", "3291.91"),
    ("3291.91", "3291.91"),
    ("478. 85", "478.85"),          # OCR gap after the decimal point
    ("1, 310,925.84", "1310925.84"),  # OCR gap after a thousands comma
    ("1,310,925.84", "1310925.84"),
    ("164,978,640", "164978640"),
    ("0.00", "0.00"),
    ("-12.50", "-12.50"),
    ("（12.5）", "-12.5"),           # accounting negative, full-width brackets
    ("(12.5)", "-12.5"),
    ("３，２９１．９１", "3291.91"),   # full-width digits and punctuation
    (" 868.10 ", "868.10"),
])
def test_printed_amounts(printed, value):
    assert parse_amount(printed) == Decimal(value)


@pytest.mark.parametrize("printed", ["", "   ", "-", "—", "——", "－", None])
def test_blank_cells_are_none(printed):
    assert parse_amount(printed) is None


@pytest.mark.parametrize("printed", ["万元", "2022年", "30.22%", "1.2.3", "17.4.1.00.", "27 10 1 1", "12,34", "abc"])
def test_non_amounts_are_none(printed):
    assert parse_amount(printed) is None


@given(st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False, allow_infinity=False))
def test_any_two_decimal_amount_round_trips_with_thousands_commas(value):
    assert parse_amount(f"{value:,.2f}") == value


@given(st.integers(min_value=0, max_value=10**13))
def test_yuan_to_wan_is_exact(yuan):
    assert to_wan(Decimal(yuan), "元") * 10000 == yuan


def test_units():
    assert to_wan(Decimal("1310925.84"), "元") == Decimal("131.092584")
    assert to_wan(Decimal("3291.91"), "万元") == Decimal("3291.91")
    assert find_unit("单位名称：武汉市东西湖区医疗保障局     单位：万元") == "万元"
    assert find_unit("编制部门：万里街道办事处 单位：元") == "元"
    assert find_unit("金额单位：万元") == "万元"
    assert find_unit("单位: 万元") == "万元"
    assert find_unit("本单位 2025 年无政府性基金") is None
    with pytest.raises(ValueError):
        to_wan(Decimal(1), "美元")


def test_decimal_format_for_json():
    assert format_decimal(Decimal("868.10")) == "868.1"
    assert format_decimal(Decimal("16.4978640")) == "16.497864"
    assert format_decimal(Decimal("0.00")) == "0"
    assert format_decimal(Decimal("1E+3")) == "1000"
