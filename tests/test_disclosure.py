"""A disclosure in two files (附件1 情况说明, 附件2 报表): extract gives both the same
``disclosure`` id, and check reads them as one document, so the narrative of the one is
checked against the tables of the other.  The two files are the Jiangxia sample cut in
two: its cover and narrative, and its cover and tables."""

import json
import subprocess
import sys

import pytest

from conftest import disclosure_in_two_files

GOLDEN = "tests/golden/findings/jiangxia-yibao-2024-budget.jsonl"


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return disclosure_in_two_files(tmp_path_factory.mktemp("disclosure"))


def budgetkit(*args):
    return subprocess.run([sys.executable, "-m", "budgetkit", *args], capture_output=True, text=True, timeout=300)


def test_both_files_carry_one_disclosure_id(folder):
    records = [json.loads(line) for line in budgetkit("extract", "--no-cache", str(folder)).stdout.splitlines()]
    documents = [r for r in records if r["type"] == "document"]
    assert [(d["department"], d["tables"] > 0, d["statements"] > 0) for d in documents] == [
        ("武汉市江夏区医疗保障局", False, True), ("武汉市江夏区医疗保障局本级", True, False)]
    assert documents[0]["disclosure"] == documents[1]["disclosure"] is not None
    assert documents[0]["doc"] != documents[1]["doc"]


def test_the_narrative_is_checked_against_the_tables_of_the_other_file(folder):
    found = [json.loads(line) for line in budgetkit("check", "--no-cache", str(folder)).stdout.splitlines()]
    whole = [json.loads(line) for line in open(GOLDEN, encoding="utf-8")]
    shown = {(f["rule"], f["severity"], f["message"]) for f in found}
    missed = {(f["rule"], f["severity"], f["message"]) for f in whole} - shown
    # all the whole document's findings but one tail: read alone, the narrative does not
    # know the codes its tables print, and one sentence is not tied to its row
    assert shown <= {(f["rule"], f["severity"], f["message"]) for f in whole}
    assert [rule for rule, _, _ in missed] == ["text.table_amount"]
    error = next(f for f in found if f["rule"] == "text.table_amount" and f["severity"] == "error")
    assert error["message"].startswith("“项目支出”表述为 282.38 万元")
    assert error["path"].endswith("附件1-情况说明.txt")  # about a sentence: in the narrative's file
    assert {f["path"].rsplit("/", 1)[-1] for f in found if f["rule"].startswith("table.")} == {"附件2-报表.txt"}


def test_alone_each_file_misses_what_the_other_holds(folder):
    alone = [json.loads(line) for name in ("附件1-情况说明.txt", "附件2-报表.txt")
             for line in budgetkit("check", "--no-cache", str(folder / name)).stdout.splitlines()]
    assert not any(f["rule"] == "text.table_amount" and f["severity"] == "error" for f in alone)
