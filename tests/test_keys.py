"""One key → label table (data/keys.json, budgetkit/keys.py) behind every label printed."""

from __future__ import annotations

import json

import pytest

from budgetkit import keys
from budgetkit.checks.rules.arithmetic import short_label
from budgetkit.diff.headline import FIGURES
from budgetkit.summary.report import kpi_label
from builders import build, document, table


def test_labels_units_and_parents():
    assert keys.label("abroad") == "因公出国（境）费"  # full-width, as the tables print it
    assert keys.label("nothing") is None and keys.label("nothing", "nothing") == "nothing"
    assert keys.unit("staff_in_service") == "人" and keys.unit("basic") == "万元"
    assert keys.parent("vehicle_purchase") == "vehicles" and keys.depth("vehicle_purchase") == 2
    assert keys.THREE_PUBLIC_PARTS == ("abroad", "vehicles", "vehicle_purchase", "vehicle_operation", "reception")


def test_the_file_is_checked_when_loaded():
    with pytest.raises(ValueError, match="no key"):
        keys._validate({"abroad": {"label": "因公出国（境）费", "parent": "three_public"}})
    with pytest.raises(ValueError, match="unit"):
        keys._validate({"x": {"label": "x", "unit": "元"}})
    with pytest.raises(ValueError, match="no label"):
        keys._validate({"x": {}})


def test_every_entry_of_the_shipped_file_is_valid():
    from importlib import resources
    entries = json.loads(resources.files("budgetkit").joinpath("data/keys.json").read_text("utf-8"))
    keys._validate({k: v for k, v in entries.items() if not k.startswith("_")})


def test_diff_summary_and_check_print_the_same_label():
    by_id = {figure.id: figure for figure in FIGURES}
    assert by_id["abroad"].label == keys.label("abroad") == kpi_label("share_abroad")[:-2]
    assert by_id["three_public_budget"].label == "“三公”经费预算数"
    assert by_id["staff_retired"].unit == "人"
    unlabelled = build(document(), table("three_public", ["abroad"]))
    unlabelled.tables["three_public"]["columns"][0]["label"] = ""
    assert short_label(unlabelled, "three_public", "abroad") == "因公出国（境）费"  # was 因公出国(境)费


# --- the 三公 parts ------------------------------------------------------------------------------

@pytest.mark.parametrize("name, part", [
    ("1.因公出国（境）费用", "abroad"), ("因公出国(境)费", "abroad"),
    ("2.公务用车购置及运行维护费", "vehicles"), ("公务用车购置和运行维护费", "vehicles"),
    ("其中：（1）公务用车购置", "vehicle_purchase"), ("（2）公务用车运行维护费", "vehicle_operation"),
    ("公务用车运行费", "vehicle_operation"), ("3.公务接待费", "reception"), ("会议费", "meetings"),
    ("“三公”经费", "three_public"), ("机关运行经费", None), ("办公费", None),
])
def test_part_of_names_each_item_once(name, part):
    assert keys.part_of(name) == part


def test_a_three_public_table_printed_one_part_per_row():
    """公务用车购置和运行维护费 (和, not 及) is the vehicles subtotal, not its 购置 part, and a
    机关运行经费 row printed under the 三公 rows is no 公务用车运行费."""
    from budgetkit.figures import headline
    from builders import row
    found = headline(build(document(), table("three_public"),
                           row("three_public", 0, "合计", {"total": 5}),
                           row("three_public", 1, "1.因公出国（境）费用", {"total": 1}),
                           row("three_public", 2, "2.公务用车购置和运行维护费", {"total": 3}),
                           row("three_public", 3, "（1）公务用车购置费", {"total": 1}),
                           row("three_public", 4, "3.公务接待费", {"total": 1}),
                           row("three_public", 5, "机关运行经费", {"total": 9})))
    values = {key: figure.value for key, figure in found.items()}
    assert (values["vehicles"], values["vehicle_purchase"]) == (3, 1)
    assert "vehicle_operation" not in values


def test_the_parts_of_a_sample_read_by_row():
    from budgetkit.figures import headline
    from test_kpi import document as sample
    found = headline(sample("dongxihu-yibao-2022-budget"))
    assert {key: str(found[key].value) for key in keys.THREE_PUBLIC_PARTS} == {
        "abroad": "0", "vehicles": "3", "vehicle_purchase": "0", "vehicle_operation": "3", "reception": "1"}
    assert keys.code("reception") == "30217"
