"""The reading budget (--max-memory, --page-timeout) on hostile PDFs built on the fly
(tests/fixtures/budget_pdfs.py): a page past it is a problem record, one line on stderr
and exit code 1; the other pages and documents are read; memory stays bounded.  Budgets
are set low so that each case takes seconds and little memory."""

import faulthandler
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import ROOT
from fixtures.budget_pdfs import bomb_pdf, slow_pdf, text_of, text_pdf

GOOD = "samples/jiangxia-yibao-2024-budget.txt"
BOMB_BYTES = 256 << 20  # inflated; read without a budget pdfium alone takes twice that
MEMORY = "64M"
MEMORY_BOUND_KIB = 256 << 10  # the budget plus a worker's start, with room to spare
SLOW_REPEATS = 1_000_000  # about half a minute without a budget
SECONDS = "3"

# Records the command, stdout passing through, and its peak RSS (its largest process,
# a worker included) into the file named first: this process's children are not only it.
PEAK = ("import resource, subprocess, sys\n"
        "code = subprocess.call(sys.argv[2:])\n"
        "open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))\n"
        "sys.exit(code)\n")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    files = {"bomb": bomb_pdf(BOMB_BYTES), "slow": slow_pdf(SLOW_REPEATS),
             "long": bomb_pdf(BOMB_BYTES, page=12, pages=20)}
    for name, data in files.items():
        (folder / f"{name}.pdf").write_bytes(data)
    return {name: str(folder / f"{name}.pdf") for name in files}


def extract(*args, env=None):
    return subprocess.run([sys.executable, "-m", "budgetkit", "extract", "--no-cache", *args], capture_output=True,
                          text=True, cwd=ROOT, env={**os.environ, **(env or {})}, timeout=120)


def documents(stdout: str) -> dict[str, dict]:
    return {r["path"]: r for r in map(json.loads, stdout.splitlines()) if r["type"] == "document"}


def page_texts(stdout: str, path: str) -> str:
    doc = documents(stdout)[path]["doc"]
    return " ".join(r["text"] for r in map(json.loads, stdout.splitlines())
                    if r["type"] == "paragraph" and r["doc"] == doc)


def records_of(stdout: str, path: str) -> list[dict]:
    doc = documents(stdout)[path]["doc"]
    return [r for r in map(json.loads, stdout.splitlines()) if r["doc"] == doc]


def golden(path: str) -> list[dict]:
    name = os.path.basename(path).rsplit(".", 1)[0] + ".jsonl"
    return [json.loads(line) for line in (ROOT / "tests" / "golden" / name).read_text("utf-8").splitlines()]


def test_a_bomb_page_is_a_problem_the_rest_is_read_and_memory_stays_bounded(hostile, tmp_path):
    peak, cache = tmp_path / "peak", tmp_path / "cache"
    result = subprocess.run([sys.executable, "-c", PEAK, str(peak), sys.executable, "-m", "budgetkit", "extract",
                             "--jobs", "1", "--max-memory", MEMORY, "--cache", str(cache), hostile["bomb"], GOOD],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    message = "page 3: content too large (over the 64 MB memory budget)"
    assert result.returncode == 1
    assert f"budgetkit: {hostile['bomb']}: {message}" in result.stderr.splitlines()
    assert documents(result.stdout)[hostile["bomb"]]["problems"][0] == {
        "code": "page_too_large", "page": 3, "message": message}
    assert page_texts(result.stdout, hostile["bomb"]) == "".join(text_of(n) for n in (1, 2, 4))
    assert records_of(result.stdout, GOOD) == golden(GOOD)
    assert int(peak.read_text()) < MEMORY_BOUND_KIB
    # A larger budget would read the page: only the good document is kept.
    assert [name.split("-")[0] for name in os.listdir(cache)] == [documents(result.stdout)[GOOD]["sha256"]]


def test_a_slow_page_times_out_and_the_rest_is_read(hostile):
    start = time.monotonic()
    result = extract("--jobs", "1", "--page-timeout", SECONDS, hostile["slow"], GOOD)
    message = "page 2: took too long (over the 3 s time budget)"
    assert time.monotonic() - start < 20  # read whole, the page takes about 30 s
    assert result.returncode == 1
    assert f"budgetkit: {hostile['slow']}: {message}" in result.stderr.splitlines()
    assert documents(result.stdout)[hostile["slow"]]["problems"][0] == {
        "code": "page_timeout", "page": 2, "message": message}
    assert page_texts(result.stdout, hostile["slow"]) == "".join(text_of(n) for n in (1, 3))
    assert records_of(result.stdout, GOOD) == golden(GOOD)


def test_with_workers_each_document_keeps_its_place_and_a_part_loses_only_its_page(hostile):
    paths = [hostile["long"], hostile["slow"], GOOD, hostile["bomb"]]
    result = extract("--jobs", "2", "--max-memory", MEMORY, "--page-timeout", SECONDS, *paths)
    assert result.returncode == 1
    found = documents(result.stdout)
    assert list(found) == paths
    assert [p.get("code") for p in found[hostile["long"]]["problems"]] == ["page_too_large", "no_tables"]
    assert found[hostile["long"]]["problems"][0]["page"] == 12  # in the second of three parts
    assert page_texts(result.stdout, hostile["long"]) == "".join(text_of(n) for n in range(1, 21) if n != 12)
    assert found[hostile["slow"]]["problems"][0]["code"] == "page_timeout"
    assert found[hostile["bomb"]]["problems"][0]["code"] == "page_too_large"
    assert records_of(result.stdout, GOOD) == golden(GOOD)


def _dies(how):
    """A page reader that fails on page 2 as a reader past the budget, or broken, does."""
    from budgetkit.sources import pdf

    real = pdf.read_page

    def read_page(page, number):
        if number == 2:
            how()
        return real(page, number)

    return read_page


def _abort():
    faulthandler.disable()  # pytest's: no dump of the worker's stack in the test's output
    os.kill(os.getpid(), signal.SIGABRT)  # what pdfium does when an allocation fails


def _segfault():
    faulthandler.disable()
    os.kill(os.getpid(), signal.SIGSEGV)


def _memory_error():
    raise MemoryError


@pytest.mark.parametrize("how, problem", [
    (_abort, {"code": "page_too_large", "page": 2, "message": "page 2: content too large (over the 1 GB memory budget)"}),
    (_memory_error, {"code": "page_too_large", "page": 2,
                     "message": "page 2: content too large (over the 1 GB memory budget)"}),
    (_segfault, {"code": "page_unreadable", "page": 2,
                 "message": "page 2 could not be read (the reader stopped: SIGSEGV)"}),
], ids=["abort", "memory_error", "segfault"])
def test_a_worker_lost_on_a_page_costs_that_page(how, problem, monkeypatch, tmp_path):
    from budgetkit.extraction.batch import extractions
    from budgetkit.sources import pdf

    path = tmp_path / "three.pdf"
    path.write_bytes(text_pdf(3))
    monkeypatch.setattr(pdf, "read_page", _dies(how))  # the forked workers inherit it
    [result] = extractions([str(path)], 1, None)
    assert result.problems[0] == problem
    paragraphs = [r["text"] for r in result.records if r["type"] == "paragraph"]
    assert paragraphs == [text_of(1) + text_of(3)]


def test_past_the_budget_outside_any_page_the_input_cannot_be_read(monkeypatch, tmp_path):
    from budgetkit.budget import Budget
    from budgetkit.extraction import build as extract_module
    from budgetkit.extraction.batch import extractions

    path = tmp_path / "three.pdf"
    path.write_bytes(text_pdf(3))
    monkeypatch.setattr(extract_module, "extract_source", lambda source: time.sleep(60))
    [result] = extractions([str(path)], 1, None, budget=Budget(seconds=0.5))
    assert result.unreadable
    # Making the records may take as long as the document's pages: 3 × 0.5 s.
    assert result.problems == [{"code": "timeout", "message": "took too long (over 1.5 s, its time budget)"}]
    assert result.records[0]["sha256"] is not None


def test_check_reads_documents_under_the_budget_of_the_environment(hostile):
    result = subprocess.run([sys.executable, "-m", "budgetkit", "check", "--format", "jsonl", hostile["bomb"]],
                            capture_output=True, text=True, cwd=ROOT, timeout=120,
                            env={**os.environ, "BUDGETKIT_MAX_MEMORY": MEMORY})
    messages = [json.loads(line)["message"] for line in result.stdout.splitlines()]
    assert "第 3 页内容过大（超出内存预算），未读取" in messages


@pytest.mark.parametrize("args", [["--max-memory", "12"], ["--max-memory", "lots"], ["--page-timeout", "-1"]])
def test_a_budget_that_cannot_be_read_is_a_usage_error(args):
    result = extract(*args, GOOD)
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_sizes():
    from budgetkit.budget import parse_size, size_text

    assert parse_size("1G") == 1 << 30 and parse_size("512m") == 512 << 20 and parse_size("1.5GB") == 3 << 29
    assert parse_size("0") is None
    assert size_text(1 << 30) == "1 GB" and size_text(64 << 20) == "64 MB" and size_text(1536 << 20) == "1.5 GB"


# A worker forked just before its parent dies (``extract | head`` closing the pipe) asks
# to be signalled too late; it holds the command's stderr, so whoever reads it waits.
ORPHAN = """
import multiprocessing, os, time
from budgetkit.budget import Budget
from budgetkit.extraction import workers

def late_worker(conn, parent):
    time.sleep(0.5)  # the parent is gone before the worker asks to be signalled
    workers._serve(conn, Budget(), parent)

context = multiprocessing.get_context("fork")
ours, theirs = context.Pipe()
context.Process(target=late_worker, args=(theirs, os.getpid())).start()
os._exit(0)
"""


def test_a_worker_whose_parent_is_gone_leaves_and_lets_go_of_stderr():
    process = subprocess.Popen([sys.executable, "-c", ORPHAN], cwd=ROOT, stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    start = time.monotonic()
    _, stderr = process.communicate(timeout=20)  # until every holder of stderr has left
    assert stderr == b""
    assert time.monotonic() - start < 10


# Workers are forked while this process goes on importing and reading: a worker that
# imported a module, or read a data file, whose lock the parent held at the fork hung for
# ever (seen as ``missing.pdf: took too long`` beside a document found in the cache).
UNPREPARED = """
import sys
from budgetkit import templates
from budgetkit.budget import PageWatch
from budgetkit.extraction.batch import PartTask, WholeTask, _prepare_workers

_prepare_workers()
before = set(sys.modules)
templates._read = lambda name: sys.exit(f"a worker read {name}")
WholeTask("samples/jiangxia-yibao-2024-budget.txt", "never", 1).run(PageWatch())
WholeTask("samples/shanghai-putuo-wanli-jiedao-2023-budget.pdf", "never", 1).run(PageWatch())
PartTask("samples/shanghai-putuo-wanli-jiedao-2023-budget.pdf", "0" * 64, "never", range(1, 3)).run(PageWatch())
print(sorted(name for name in set(sys.modules) - before if name.startswith("budgetkit")))
"""


def test_a_worker_imports_and_reads_nothing_its_parent_has_not():
    result = subprocess.run([sys.executable, "-c", UNPREPARED], cwd=ROOT, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "[]\n"
