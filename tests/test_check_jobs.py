"""``--jobs N``: a stream of records checked in worker processes, and documents extracted
N at a time by check, kpi and summarize, give what one process gives, byte for byte, in
input order, with the same lines on stderr."""

import json
import os
import subprocess
import sys

import pytest

from budgetkit.checks import select_rules
from budgetkit.checks.registry import Rule
from budgetkit.commands.check_jobs import checked_in_parallel, check_piece, document_runs, pieces
from conftest import disclosure_in_two_files

GOLDEN = "tests/golden/"
NAMES = ["dongxihu-yibao-2022-budget", "jiangsu-jianchayuan-2018-budget", "jiangxia-yibao-2024-budget",
         "qingshan-yibao-2023-final", "shanghai-putuo-caizhengju-2024-final",
         "shanghai-putuo-wanli-jiedao-2023-budget"]


def budgetkit(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "budgetkit", *args], capture_output=True, text=True,
                          input=stdin, timeout=300, env={**os.environ, "NO_COLOR": "1"})


def golden_lines(name):
    return open(GOLDEN + name + ".jsonl", encoding="utf-8").read().splitlines()


@pytest.fixture(scope="module")
def split_disclosure(tmp_path_factory):
    """The records of one disclosure in two files (narrative, tables), as extract gives them."""
    folder = disclosure_in_two_files(tmp_path_factory.mktemp("disclosure"))
    return budgetkit("extract", "--no-cache", str(folder)).stdout.splitlines()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory, split_disclosure):
    """Two record files: four documents with a broken line inside the second, then the split
    disclosure between two more documents."""
    folder = tmp_path_factory.mktemp("streams")
    first = [*golden_lines(NAMES[0]), *golden_lines(NAMES[1])[:5], "{broken", *golden_lines(NAMES[1])[5:],
             *golden_lines(NAMES[2]), *golden_lines(NAMES[3])]
    second = [*golden_lines(NAMES[4]), *split_disclosure, *golden_lines(NAMES[5])]
    paths = []
    for name, lines in (("first.jsonl", first), ("second.jsonl", second)):
        (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(str(folder / name))
    return paths


def test_two_workers_give_what_one_process_gives(inputs):
    one = budgetkit("check", "--jobs", "1", *inputs)
    two = budgetkit("check", "--jobs", "2", *inputs)
    assert two.stdout == one.stdout
    broken = len(golden_lines(NAMES[0])) + 6
    assert two.stderr == one.stderr == f"budgetkit: {inputs[0]}: line {broken}: not valid JSON (Expecting " \
                                       f"property name enclosed in double quotes)\n"
    assert two.returncode == one.returncode == 3
    found = [json.loads(line) for line in two.stdout.splitlines()]
    golden = [json.loads(line) for name in NAMES[:3] for line in open(GOLDEN + "findings/" + name + ".jsonl")]
    assert found[:len(golden)] == golden  # the broken line is left out; its document is checked whole


def test_the_two_files_of_a_disclosure_are_checked_as_one_in_a_worker(inputs):
    found = [json.loads(line) for line in budgetkit("check", "--jobs", "2", inputs[1]).stdout.splitlines()]
    error = next(f for f in found if f["rule"] == "text.table_amount" and f["severity"] == "error"
                 and f["path"].endswith("附件1-情况说明.txt"))
    assert error["message"].startswith("“项目支出”表述为 282.38 万元")  # the narrative against the other file's table


def test_a_stream_is_cut_at_each_document_and_a_disclosure_kept_whole(split_disclosure):
    told = []
    lines = [*golden_lines(NAMES[0])[:3], "not json", *golden_lines(NAMES[0])[3:6], *split_disclosure,
             *golden_lines(NAMES[1])[:2]]
    runs = list(document_runs("s.jsonl", lines, told.append))
    docs = [json.loads(line)["doc"] for line in (golden_lines(NAMES[0])[0], split_disclosure[0])]
    assert [(run.first, len(run.lines)) for run in runs][:2] == [(1, 7), (8, runs[2].first - 8)]
    assert runs[0].doc == docs[0] and "not json" in runs[0].lines  # a broken line stays where it is
    assert runs[1].doc == docs[1] and runs[1].disclosure == runs[2].disclosure is not None
    assert [len(piece) for piece in pieces(runs)] == [1, 2, 1]
    assert told == []


def _dies_in_a_worker(document):
    """A rule that kills the worker process checking the Jiangxia sample; here it finds nothing."""
    if os.getpid() != PARENT and document.meta.get("department") == "武汉市江夏区医疗保障局":
        os._exit(9)
    return []


PARENT = os.getpid()


def test_a_worker_that_dies_loses_no_document():
    rules = [*select_rules(None, None), Rule("wording.test_dies", "kills its worker", _dies_in_a_worker)]
    lines = [line for name in NAMES for line in golden_lines(name)]
    runs = list(document_runs("s.jsonl", lines, print))
    parallel = [checked.findings for result in checked_in_parallel(runs, rules, 2) for checked in result.checked]
    alone = [checked.findings for piece in pieces(runs) for checked in check_piece(piece, rules).checked]
    assert len(parallel) == len(NAMES)
    assert parallel == alone


def test_documents_given_one_after_another_are_extracted_together_and_checked_as_one_process_would(tmp_path):
    documents = ["samples/jiangxia-yibao-2024-budget.txt", "tests/fixtures/bad/truncated.pdf", str(tmp_path / "gone.pdf"),
                 "samples/shanghai-putuo-wanli-jiedao-2023-budget.pdf"]
    one = budgetkit("check", "--no-cache", "--jobs", "1", *documents)
    two = budgetkit("check", "--no-cache", "--jobs", "2", *documents)
    assert two.stdout == one.stdout != ""
    assert sorted(two.stderr.splitlines()) == sorted(one.stderr.splitlines()) == sorted([
        f"budgetkit: {tmp_path / 'gone.pdf'}: no such file",
        "budgetkit: tests/fixtures/bad/truncated.pdf: not a readable PDF (corrupt or truncated)"])
    assert two.returncode == one.returncode == 3


@pytest.mark.parametrize("command", ["kpi", "summarize"])
def test_kpi_and_summarize_extract_jobs_at_a_time_with_the_same_result(command):
    documents = ["samples/dongxihu-yibao-2022-budget.txt", "samples/shanghai-putuo-wanli-jiedao-2023-budget.pdf",
                 "samples/jiangxia-yibao-2024-budget.txt"]
    one = budgetkit(command, "--no-cache", "--jobs", "1", *documents)
    two = budgetkit(command, "--no-cache", "--jobs", "2", *documents)
    assert (two.stdout, two.stderr, two.returncode) == (one.stdout, one.stderr, one.returncode)
    assert two.stdout.count('"doc"') >= 3 and two.returncode == 0
