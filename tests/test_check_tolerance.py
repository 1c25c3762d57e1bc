"""The tolerance policy, both sides: rounding tails are info, real mismatches are never hidden."""

from decimal import Decimal as D

from budgetkit.tolerance import (EQUAL, MISMATCH, TAIL, compare_percent, compare_restated, compare_sum,
                                       ulp_of_text, ulp_of_values)

CENT = D("0.01")


def test_sum_exact_is_equal():
    assert compare_sum(D("994.81"), [D("868.10"), D("126.71")], CENT).status == EQUAL


def test_sum_within_rounding_of_its_parts_is_a_tail():
    # two parts and a total, each rounded: up to 1.5 cents apart with nothing wrong
    verdict = compare_sum(D("82.79"), [D("29.51"), D("53.27")], CENT)
    assert (verdict.status, verdict.difference, verdict.severity()) == (TAIL, CENT, "info")
    # thirteen parts: up to 7 cents
    assert compare_sum(D("24.50"), [D("1.89")] * 13, CENT).status == TAIL  # 24.57 printed as 24.50


def test_sum_beyond_rounding_is_a_mismatch_at_the_rules_severity():
    verdict = compare_sum(D("82.81"), [D("29.51"), D("53.27")], CENT)
    assert (verdict.status, verdict.difference) == (MISMATCH, D("0.03"))
    assert verdict.severity() == "error" and verdict.severity("warning") == "warning"
    # a 3-cent gap is hidden by no number of parts below five
    assert compare_sum(D("10.03"), [D("5"), D("5")], CENT).status == MISMATCH


def test_a_total_printed_to_the_yuan_over_parts_to_the_fen_is_a_tail():
    # 1,234,567 over 1,000,000.15 + 234,567.25 = 1,234,567.40: the total is known to half a 元
    parts = [D("1000000.15"), D("234567.25")]
    assert compare_sum(D("1234567"), parts, CENT, total_ulp=D(1)).status == TAIL
    assert compare_sum(D("1234567"), parts, CENT).status == MISMATCH  # printed 1,234,567.00
    assert compare_sum(D("1234569"), parts, CENT, total_ulp=D(1)).status == MISMATCH  # 1.60 off: beyond rounding


def test_restated_figure_rounded_to_fewer_digits_is_equal():
    assert compare_restated(D("131.09"), D("131.092584"), CENT).status == EQUAL
    assert compare_restated(D("131.1"), D("131.092584"), D("0.1")).status == EQUAL


def test_restated_figure_one_unit_off_is_a_tail_more_is_a_mismatch():
    assert compare_restated(D("377.79"), D("377.78"), CENT).severity() == "info"
    assert compare_restated(D("10.32"), D("13.32"), CENT).severity() == "error"
    assert compare_restated(D("377.80"), D("377.78"), CENT).status == MISMATCH


def test_percent_that_the_printed_amounts_allow_is_equal():
    # 181.08 / (3291.91 − 181.08) = 5.8206…%
    assert compare_percent(D("5.82"), D("181.08"), D("3110.83"), CENT, "5.82").status == EQUAL
    assert compare_percent(D("30"), D("994.81"), D("3291.91"), CENT, "30").status == EQUAL


def test_percent_off_by_a_forced_last_digit_is_a_tail_else_a_mismatch():
    # 994.81 / 3291.91 = 30.2198…%
    assert compare_percent(D("30.23"), D("994.81"), D("3291.91"), CENT, "30.23").status == TAIL
    wrong = compare_percent(D("30.32"), D("994.81"), D("3291.91"), CENT, "30.32")
    assert wrong.status == MISMATCH and wrong.severity() == "error"
    assert round(wrong.difference, 2) == D("0.10")


def test_percent_of_a_zero_base_is_not_computed():
    assert compare_percent(D("12"), D("5"), D("0"), CENT) is None


def test_ulp_of_printed_values():
    assert ulp_of_values([D("3291.91"), D("12")]) == CENT
    assert ulp_of_values([D("16.497864"), D("1")], "元") == CENT.scaleb(-4)  # whole 元 with cents, in 万元
    assert ulp_of_values([D("131"), D("12")], "元") == D("0.0001")  # whole 元
    assert ulp_of_text("办公费10.30万元", D("10.3")) == CENT
    assert ulp_of_text("车辆4辆") == D(1)
