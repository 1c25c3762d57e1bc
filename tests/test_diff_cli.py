"""``budgetkit diff`` as a user meets it: inputs, formats, messages and exit codes."""

import csv
import io
import json
import os
import subprocess
import sys

import pytest

from conftest import extracted
from budgetkit.document import group_documents
from budgetkit.diff import FIELDS, compare
from budgetkit.records import dumps, read_records

DONGXIHU_2022 = "tests/golden/dongxihu-yibao-2022-budget.jsonl"
DONGXIHU_2023 = "tests/fixtures/diff/dongxihu-yibao-2023-budget.txt"
QINGSHAN_FINAL = "tests/golden/qingshan-yibao-2023-final.jsonl"


def run(*args, stdin=None):
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "160"}
    return subprocess.run([sys.executable, "-m", "budgetkit", "diff", *args], capture_output=True, text=True,
                          input=stdin, env=env, timeout=300)


@pytest.fixture(scope="module")
def second_year(tmp_path_factory):
    """The 2023 fixture's records in a record file, so most runs need no extraction."""
    path = tmp_path_factory.mktemp("diff") / "dongxihu-2023.jsonl"
    path.write_text("".join(dumps(r) + "\n" for r in extracted(DONGXIHU_2023)), encoding="utf-8")
    return str(path)


def expected_lines():
    with open(DONGXIHU_2022, encoding="utf-8") as handle:
        (a,) = group_documents(read_records(handle))
    (b,) = group_documents(extracted(DONGXIHU_2023))
    return [dumps(change) for change in compare(a, b).changes]


def test_a_record_file_against_a_document_extracted_on_the_fly():
    result = run(DONGXIHU_2022, DONGXIHU_2023)
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.splitlines() == expected_lines()
    first = json.loads(result.stdout.splitlines()[0])
    assert (first["name"], first["a"], first["b"], first["status"]) == ("收入合计", 3291.91, 3296.91, "changed")


def test_records_on_stdin_are_read_like_a_file(second_year):
    with open(DONGXIHU_2022, encoding="utf-8") as handle:
        piped = run("-", second_year, stdin=handle.read())
    assert piped.returncode == 0 and piped.stdout.splitlines() == expected_lines()


def test_broken_json_line_is_named_and_skipped_and_the_rest_compared(second_year):
    with open(DONGXIHU_2022, encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    stream = "\n".join(lines[:3] + ["{broken"] + lines[3:]) + "\n"
    result = run("-", second_year, stdin=stream)
    assert result.returncode == 3
    assert result.stderr.splitlines() == ["budgetkit: <stdin>: line 4: not valid JSON (Expecting property name "
                                          "enclosed in double quotes)"]
    assert result.stdout.splitlines() == expected_lines()


@pytest.mark.parametrize("argument, message", [
    ("tests/fixtures/bad/truncated.pdf", "not a readable PDF (corrupt or truncated)"),
    ("tests/fixtures/bad/missing.jsonl", "No such file or directory"),
])
def test_an_input_that_cannot_be_read_gives_one_line_and_exit_3(argument, message):
    result = run(argument, DONGXIHU_2022)
    assert result.returncode == 3
    assert result.stderr.splitlines() == [f"budgetkit: {argument}: {message}"]
    assert result.stdout == "" and "Traceback" not in result.stderr


def test_an_empty_record_stream_has_nothing_to_compare():
    result = run(DONGXIHU_2022, "-", stdin="")
    assert result.returncode == 3
    assert result.stderr.splitlines() == ["budgetkit: <stdin>: no records"]


def test_a_record_file_with_several_documents_is_a_usage_error(tmp_path):
    both = tmp_path / "both.jsonl"
    both.write_text(open(DONGXIHU_2022, encoding="utf-8").read() + open(QINGSHAN_FINAL, encoding="utf-8").read(),
                    encoding="utf-8")
    result = run(str(both), DONGXIHU_2022)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"budgetkit: {both}: holds more than one document; give it alone to compare its documents pair by pair, "
        "or give one document's records (jq -c 'select(.doc==\"1e59183441b72475\")')"]


@pytest.mark.parametrize("args, message", [
    (["-", "-"], "budgetkit: only one of A and B can be '-' (stdin)"),
    (["--threshold", "ten", DONGXIHU_2022, QINGSHAN_FINAL],
     "budgetkit: --threshold 'ten': give an amount in 万元 (10) or a percentage (5%)"),
])
def test_usage_errors_exit_2(args, message):
    result = run(*args)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1] == message


def test_budget_against_final_account_notes_what_was_not_compared_and_exits_0():
    result = run("--threshold", "100", DONGXIHU_2022, QINGSHAN_FINAL)
    assert result.returncode == 0
    assert result.stderr.splitlines()[0] == ("budgetkit: note: the budget is for 2022 and the final account for "
                                             "2023: the execution rates compare different years")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records and all(abs(r["difference"]) >= 100 for r in records)
    assert {r["status"] for r in records} <= {"executed", "added", "removed"}


def test_csv_has_every_change_field(second_year):
    rows = list(csv.DictReader(io.StringIO(run("-f", "csv", DONGXIHU_2022, second_year).stdout)))
    assert list(rows[0]) == list(FIELDS)
    assert len(rows) == len(expected_lines())
    assert rows[0]["rate"] == "" and rows[0]["percent"] == "0.15"


def test_markdown_and_table_show_the_headline_then_each_table_biggest_movers_first(second_year):
    markdown = run("-f", "markdown", DONGXIHU_2022, second_year).stdout
    assert markdown.startswith("## A: 武汉市东西湖区医疗保障局 · 2022 · budget · samples/dongxihu-yibao-2022-budget.txt"
                               "  →  B: 武汉市东西湖区医疗保障局 · 2023 · budget · "
                               "tests/fixtures/diff/dongxihu-yibao-2023-budget.txt\n")
    assert "\n### headline figures\n" in markdown
    cells = [[cell.strip() for cell in line.split("|")[1:-1]] for line in markdown.splitlines() if "三公" in line]
    assert ["“三公”经费", "three_public", "4", "4.5", "+0.5", "+12.5%", "changed"] in cells
    section = markdown.split("(basic_expenditure)\n\n")[1].split("\n\n")[0].splitlines()[2:]
    assert [line.split("|")[2].strip() for line in section] == [
        "合计", "工资福利支出", "住房公积金", "公务接待费", "其他商品和服务支出"]  # 5, 5, 5, 0.5, −0.5
    view = run("-f", "table", DONGXIHU_2022, second_year).stdout
    assert "headline figures" in view and "“三公”经费" in view and "+12.5%" in view


def test_help_names_the_exit_codes():
    assert "3 an input" in " ".join(run("--help").stdout.split())


def test_a_stream_alone_is_compared_pair_by_pair(tmp_path):
    """The same department's year before, in stream order; a document without a partner
    (青山's final account has no budget in the stream) is left out."""
    stream = tmp_path / "stream.jsonl"
    second_year = run_extract(DONGXIHU_2023)
    stream.write_text(open(DONGXIHU_2022, encoding="utf-8").read() + second_year
                      + open(QINGSHAN_FINAL, encoding="utf-8").read(), encoding="utf-8")
    alone = run(str(stream))
    assert alone.returncode == 0 and alone.stderr == ""
    assert alone.stdout == run(DONGXIHU_2022, DONGXIHU_2023).stdout
    as_csv = run("-f", "csv", "-", stdin=stream.read_text(encoding="utf-8"))
    assert as_csv.stdout == run("-f", "csv", DONGXIHU_2022, DONGXIHU_2023).stdout  # one header


def test_a_stream_with_nothing_to_pair_is_said():
    result = run(QINGSHAN_FINAL)
    assert (result.returncode, result.stdout) == (3, "")
    assert result.stderr == (f"budgetkit: {QINGSHAN_FINAL}: no two documents of one department to compare (the "
                             "year before, or a budget and its final account of one year)\n")


def run_extract(path):
    return subprocess.run([sys.executable, "-m", "budgetkit", "extract", path], capture_output=True, text=True,
                          check=True).stdout
