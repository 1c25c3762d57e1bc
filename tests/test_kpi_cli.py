"""``budgetkit kpi`` as a user meets it: records passed on, kpi records after each document."""

import csv
import io
import json
import os
import subprocess
import sys
from decimal import Decimal as D

GOLDEN = "tests/golden/"
JIANGXIA = GOLDEN + "jiangxia-yibao-2024-budget.jsonl"
QINGSHAN = GOLDEN + "qingshan-yibao-2023-final.jsonl"


def run(*args, stdin=None):
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "budgetkit", "kpi", *args], capture_output=True, text=True,
                          input=stdin, env=env, timeout=300)


def lines_of(path):
    with open(path, encoding="utf-8") as handle:
        return handle.read().splitlines()


def test_records_are_passed_on_with_the_kpi_records_after_each_document():
    result = run(JIANGXIA, QINGSHAN)
    assert result.returncode == 0 and result.stderr == ""
    out = result.stdout.splitlines()
    jiangxia, qingshan = lines_of(JIANGXIA), lines_of(QINGSHAN)
    assert out[:len(jiangxia)] == jiangxia  # the records as read, unchanged
    kpis = [json.loads(line) for line in out[len(jiangxia):len(jiangxia) + 8]]
    assert [k["kpi"] for k in kpis] == ["share_basic", "share_project", "share_personnel", "share_public",
                                        "share_three_public", "personnel_per_staff", "three_public_per_staff",
                                        "operating_expenses_per_staff"]
    assert out[len(jiangxia) + 8:len(jiangxia) + 8 + len(qingshan)] == qingshan
    assert len(out) == len(jiangxia) + 8 + len(qingshan) + 126  # 青山: 126 kpi records (test_kpi.py)


def test_only_writes_the_kpi_records_and_a_second_pass_replaces_them():
    only = run("--only", JIANGXIA)
    assert [json.loads(line)["type"] for line in only.stdout.splitlines()] == ["kpi"] * 8
    once = run(JIANGXIA).stdout
    assert run(stdin=once).stdout == once  # kpi | kpi: the earlier kpi records are replaced, not doubled


def test_broken_line_and_unreadable_document_are_named_and_the_rest_processed():
    broken = "\n".join(lines_of(JIANGXIA)[:2] + ["{oops"] + lines_of(JIANGXIA)[2:]) + "\n"
    result = run("-", stdin=broken)
    assert result.returncode == 3
    assert result.stderr.splitlines() == ["budgetkit: <stdin>: line 3: not valid JSON (Expecting property name "
                                          "enclosed in double quotes)"]
    assert result.stdout.count('"type":"kpi"') == 8
    unreadable = run("tests/fixtures/bad/truncated.pdf", JIANGXIA)
    assert unreadable.returncode == 3 and "Traceback" not in unreadable.stderr
    assert unreadable.stderr.splitlines() == [
        "budgetkit: tests/fixtures/bad/truncated.pdf: not a readable PDF (corrupt or truncated)"]
    first = json.loads(unreadable.stdout.splitlines()[0])  # passed on, so the next command sees it too
    assert first["type"] == "document" and first["format"] is None


def test_markdown_and_csv():
    markdown = run("-f", "markdown", JIANGXIA).stdout
    assert markdown.startswith("## 武汉市江夏区医疗保障局本级 · 2024 · budget · samples/jiangxia-yibao-2024-budget.txt\n")
    rows = [[cell.strip() for cell in line.strip("|").split("|")] for line in markdown.splitlines()
            if line.startswith("| personnel_per_staff")]
    assert rows == [["personnel_per_staff", "", "38.3357", "万元/人", "", "personnel / staff_in_service"]]
    table = list(csv.DictReader(io.StringIO(run("-f", "csv", JIANGXIA).stdout)))
    assert [r["kpi"] for r in table][:2] == ["share_basic", "share_project"]
    assert json.loads(table[0]["inputs"], parse_float=D) == {
        "basic": {"value": D("292.85"), "from": "expenditure_summary[0].basic"},
        "total_expenditure": {"value": D("478.85"), "from": "expenditure_summary[0].total"}}
