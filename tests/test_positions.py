"""Where rows are printed: a row's ``bbox`` holds its label and its amounts as pdfplumber
places their words on the page, and a finding about a row carries the row's box."""

from __future__ import annotations

import pdfplumber

from builders import run
from conftest import ROOT, extracted

WANLI = "samples/shanghai-putuo-wanli-jiedao-2023-budget.pdf"


def _inside(word: dict, box: list[float]) -> bool:
    x0, top, x1, bottom = box
    return x0 - 0.5 <= word["x0"] and word["x1"] <= x1 + 0.5 and top - 0.5 <= word["top"] and word["bottom"] <= bottom + 0.5


def test_a_rows_box_holds_its_label_and_amounts_on_the_page():
    rows = [r for r in extracted(WANLI) if r["type"] == "row" and r["page"] == 10 and r["name"] == "一、财政拨款收入"]
    (row,) = rows
    with pdfplumber.open(ROOT / WANLI) as pdf:
        words = pdf.pages[9].extract_words()
    label = next(w for w in words if w["text"] == "一、财政拨款收入")
    assert _inside(label, row["bbox"])
    amounts = [w for w in words if abs(w["top"] - label["top"]) < 2 and w["text"].replace(",", "").isdigit()]
    assert amounts and all(_inside(w, row["bbox"]) for w in amounts if w["x0"] < row["bbox"][2])


def test_text_rows_have_no_box_and_findings_carry_their_rows_box():
    assert {r["bbox"] for r in extracted("samples/jiangxia-yibao-2024-budget.txt") if r["type"] == "row"} == {None}
    records = list(extracted(WANLI))
    row = next(r for r in records if r["type"] == "row" and r["bbox"] and r["values"].get("basic")
               and r["values"].get("project"))
    wrong = {**row, "values": {**row["values"], "total": row["values"]["total"] + 1}}
    table = next(r for r in records if r["type"] == "table" and r["table"] == row["table"])
    found = [f for f in run("table.*", records[0], table, wrong) if f.get("row") == row["index"]]
    assert found and all(f["bbox"] == row["bbox"] for f in found)


def test_a_statements_box_holds_its_sentence_on_the_page():
    """A sentence of the 情况说明 (wanli p.4 and on): its box holds the printed words of its
    claim's figure."""
    records = list(extracted(WANLI))
    statement = next(r for r in records if r["type"] == "statement" and r["bbox"] and r["amount"]
                     and r["page"] == r.get("page"))
    with pdfplumber.open(ROOT / WANLI) as pdf:
        words = pdf.pages[statement["page"] - 1].extract_words()
    figure = format(statement["amount"], "f").rstrip("0").rstrip(".")
    printed = [w for w in words if figure in w["text"].replace(",", "")]
    assert printed and any(_inside(w, statement["bbox"]) for w in printed)
    assert {r["bbox"] for r in extracted("samples/jiangxia-yibao-2024-budget.txt") if r["type"] == "statement"} == {None}


def test_each_value_has_its_cells_box_a_blank_one_its_columns():
    """Wanli p.10, the 收支总表: 一、财政拨款收入's 16,497.86 (printed 164,978,640 元) is boxed
    alone in its cell; 2.政府性基金 prints its 金额 blank, and the box of that blank cell is
    the same column's, on its own line."""
    rows = {r["name"]: r for r in extracted(WANLI) if r["type"] == "row" and r["page"] == 10
            and r["table"] == "income_expenditure_summary" and r["block"] == 0}
    fiscal, fund = rows["一、财政拨款收入"], rows["2.政府性基金"]
    with pdfplumber.open(ROOT / WANLI) as pdf:
        words = pdf.pages[9].extract_words()
    inside = [w["text"] for w in words if _inside(w, fiscal["cells"]["total"])]
    assert inside == ["164,978,640"]
    assert fund["values"]["total"] is None and not [w for w in words if _inside(w, fund["cells"]["total"])]
    assert fund["cells"]["total"][0] <= fiscal["cells"]["total"][2] and fiscal["cells"]["total"][0] <= \
        fund["cells"]["total"][2]  # the same column across
    assert fund["cells"]["total"][1] >= fiscal["cells"]["total"][3]  # below it
