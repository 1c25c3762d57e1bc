"""Every rule, and the prose reader before them, take time linear in their input: on a
paragraph of 200 000 characters and on a table of 10 000 rows each rule stays well under
a second (benchmarks/bench_hostile.py measures; this only guards the complexity).

The bound is on CPU time, so a busy machine does not fail it; each input below once took
a quadratic path minutes to read (a lazy ``…+?(类)`` scanned from every character, a
``\\d+个`` from every digit, a ``min`` taken for every row, a 200 000-character sentence
copied into each of its statements)."""

import time

import pytest

from budgetkit.checks import Document, check_document
from budgetkit.checks.registry import RULES
from budgetkit.narrative.prose import LONGEST_SENTENCE
from builders import build, document
from fixtures.long_inputs import LONG, PARAGRAPHS, ROWS, TABLE_LAYOUTS, long_table

import budgetkit

RULE_SECONDS = 1.0  # linear rules take at most a tenth of this on either input
EXTRACT_SECONDS = 5.0  # the prose reader takes about a second on the longest paragraph


def slow_rules(checked: Document) -> dict[str, float]:
    """The rules that took more than RULE_SECONDS of CPU on ``checked``, with their time."""
    slow = {}
    for rule_id, rule in RULES.items():
        start = time.process_time()
        for _ in check_document(checked, [rule]):
            pass
        spent = time.process_time() - start
        if spent > RULE_SECONDS:
            slow[rule_id] = round(spent, 2)
    return slow


@pytest.mark.parametrize("shape", sorted(PARAGRAPHS))
def test_a_long_paragraph_is_read_and_checked_in_linear_time(shape, tmp_path):
    path = tmp_path / f"{shape}-2026-budget.txt"
    path.write_text(f"2026年部门预算\n一、收支预算总体情况说明\n{PARAGRAPHS[shape]}\n", encoding="utf-8")

    start = time.process_time()
    records = list(budgetkit.extract(path))
    assert time.process_time() - start < EXTRACT_SECONDS

    paragraphs = [r for r in records if r["type"] == "paragraph"]
    assert max(len(p["text"]) for p in paragraphs) >= LONG  # the paragraph is read whole...
    sentences = [r["sentence"] for r in records if r["type"] == "statement"]
    assert all(len(sentence) <= LONGEST_SENTENCE for sentence in sentences)  # ...its sentences are not
    checked = Document(records[0]["doc"])
    for record in records:
        checked.add(record)
    assert slow_rules(checked) == {}


@pytest.mark.parametrize("layout", TABLE_LAYOUTS)
def test_a_table_of_ten_thousand_rows_is_checked_in_linear_time(layout):
    records = long_table(layout)
    assert sum(r["type"] == "row" for r in records) >= ROWS
    assert slow_rules(build(document(), *records)) == {}


def test_a_run_with_no_full_stop_is_cut_after_a_clause():
    clauses = "支出100万元,增长10%," * 200  # 3 000 characters and no 。
    records = list(budgetkit.extract(f"2026年部门预算\n一、收支预算总体情况说明\n{clauses}\n".encode()))
    sentences = {r["sentence"] for r in records if r["type"] == "statement"}
    assert sentences and all(len(s) <= LONGEST_SENTENCE and s.endswith(",") for s in sentences)
    assert {r["amount"] for r in records if r["type"] == "statement" and r["amount"] is not None} == {100}
