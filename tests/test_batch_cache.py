"""--jobs, the extraction cache, and an interrupted run (text samples only: fast)."""

import json
import os
import signal
import subprocess
import sys
import time

from budgetkit.cache import Cache

from conftest import ROOT

TEXT = "samples/dongxihu-yibao-2022-budget.txt"


def run(*args, env=None):
    return subprocess.run([sys.executable, "-m", "budgetkit", *args], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, **(env or {})}, timeout=120)


def copies(tmp_path, count):
    """Distinct documents (each its own content hash) with the same tables."""
    folder = tmp_path / "in"
    folder.mkdir()
    text = (ROOT / TEXT).read_text(encoding="utf-8")
    for i in range(count):
        (folder / f"doc{i:02}.txt").write_text(text + "\n" * (i + 1), encoding="utf-8")
    return folder


def complete_entries(cache_dir):
    """Every file of the cache is a whole entry: records ending with a newline, a document first."""
    names = sorted(os.listdir(cache_dir))
    for name in names:
        assert name.endswith(".jsonl") and not name.startswith("."), name
        text = (cache_dir / name).read_text(encoding="utf-8")
        assert text.endswith("\n")
        records = [json.loads(line) for line in text.splitlines()]
        assert records[0]["type"] == "document" and records[0]["sha256"] == name.split("-")[0]
    return names


def test_cached_run_writes_the_same_records(tmp_path):
    plain = run("extract", "--no-cache", TEXT)
    first = run("extract", "--cache", str(tmp_path / "c"), TEXT)
    entry = Cache(tmp_path / "c").entry(json.loads(first.stdout.splitlines()[0])["sha256"])
    before = entry.stat().st_mtime_ns
    second = run("extract", "--cache", str(tmp_path / "c"), TEXT)
    assert plain.stdout == first.stdout == second.stdout
    assert entry.stat().st_mtime_ns == before  # read, not written again
    assert not list((tmp_path / "c").glob(".*"))


def test_cached_run_writes_the_same_boxes_as_a_fresh_one(tmp_path):
    """A PDF's records carry boxes (``[84.6, 280.8, 510.8, 761.0]``), floats that an entry
    must give back as written, not as ``761``."""
    pdf = "tests/fixtures/bad/no-tables.pdf"
    first = run("extract", "--cache", str(tmp_path / "c"), pdf)
    second = run("extract", "--cache", str(tmp_path / "c"), pdf)
    assert list((tmp_path / "c").glob("*.jsonl"))  # the second run read the entry
    assert first.stdout == second.stdout
    assert '"bbox":[90.0,82.3,513.2,758.4]' in second.stdout  # the prose's box, as printed


def test_cache_hit_keeps_the_path_given(tmp_path):
    folder = copies(tmp_path, 1)
    run("extract", "--cache", str(tmp_path / "c"), str(folder / "doc00.txt"))
    (folder / "doc00.txt").rename(folder / "renamed.txt")
    result = run("extract", "--cache", str(tmp_path / "c"), str(folder / "renamed.txt"))
    assert json.loads(result.stdout.splitlines()[0])["path"] == str(folder / "renamed.txt")


def test_no_cache_writes_nothing_and_env_picks_the_directory(tmp_path):
    run("extract", "--no-cache", TEXT, env={"BUDGETKIT_CACHE_DIR": str(tmp_path / "env")})
    assert not (tmp_path / "env").exists()
    run("extract", TEXT, env={"BUDGETKIT_CACHE_DIR": str(tmp_path / "env")})
    assert len(complete_entries(tmp_path / "env")) == 1


def test_jobs_keep_the_input_order(tmp_path):
    folder = copies(tmp_path, 2)
    one = run("extract", "--no-cache", "--jobs", "1", str(folder))
    two = run("extract", "--no-cache", "--jobs", "2", str(folder))
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout
    paths = [json.loads(line)["path"] for line in two.stdout.splitlines() if '"type":"document"' in line]
    assert paths == sorted(paths) and len(paths) == 2


def interrupted(tmp_path, jobs):
    folder, cache_dir = copies(tmp_path, 30), tmp_path / "c"
    proc = subprocess.Popen([sys.executable, "-m", "budgetkit", "extract", "--jobs", str(jobs),
                             "--cache", str(cache_dir), str(folder)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (cache_dir.exists() and any(cache_dir.glob("*.jsonl"))):
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGINT)  # as Ctrl-C does: the whole process group
    _, stderr = proc.communicate(timeout=60)
    return proc.returncode, stderr, complete_entries(cache_dir)


def test_interrupt_leaves_only_complete_entries(tmp_path):
    code, stderr, entries = interrupted(tmp_path, 1)
    assert code == 130
    assert "Traceback" not in stderr and stderr.strip().splitlines()[-1] == "budgetkit: interrupted"
    assert 1 <= len(entries) < 30


def test_interrupt_with_workers(tmp_path):
    code, stderr, entries = interrupted(tmp_path, 2)
    assert code == 130 and "Traceback" not in stderr
    assert 1 <= len(entries) < 30


def test_a_long_pdf_is_read_in_parts():
    from budgetkit.budget import PageWatch
    from budgetkit.extraction.batch import page_parts

    assert page_parts("samples/shanghai-putuo-wanli-jiedao-2023-budget.pdf", 2) == [
        range(1, 9), range(9, 17), range(17, 25), range(25, 33), range(33, 36)]
    # three scanned pages, looked at in a worker: one each, as OCR takes seconds a page; one part
    # when OCR is off, or where nothing holds the look to the budget
    scanned = "tests/fixtures/ocr/wanli-scanned.pdf"
    assert page_parts(scanned, 2, "auto", PageWatch()) == [range(1, 2), range(2, 3), range(3, 4)]
    assert page_parts(scanned, 2, "never", PageWatch()) == page_parts(scanned, 2, "auto") == [range(1, 4)]
    assert page_parts(TEXT, 2) == [range(1, 1)]  # not a PDF: read whole
    # A thousand pages: at most four parts per worker, as each part opens the file again.
    assert page_parts("tests/fixtures/bad/many-pages.pdf", 2) == [range(1 + 125 * i, 126 + 125 * i) for i in range(8)]


def test_a_pdf_read_in_parts_gives_the_records_of_a_whole_read():
    from budgetkit.extraction.batch import extractions

    from conftest import extracted

    path = "samples/shanghai-putuo-wanli-jiedao-2023-budget.pdf"
    [in_parts] = extractions([path], 2, None)
    assert tuple(in_parts.records) == extracted(path)


def test_a_pdf_that_cannot_be_read_in_parts_is_reported_as_a_whole_read_reports_it(monkeypatch):
    """pdfium opens it (so it is split) but pdfplumber cannot: the first part says why."""
    import budgetkit.sources.read as read
    from budgetkit.extraction.batch import extractions
    from budgetkit.extraction.build import extract_file
    from budgetkit.sources import UnreadableInput

    def broken(*args, **kwargs):
        raise UnreadableInput("corrupt", "not a readable PDF (corrupt or truncated)")

    monkeypatch.setattr(read, "read_pdf", broken)  # the forked workers inherit it
    path = "samples/shanghai-putuo-wanli-jiedao-2023-budget.pdf"
    [in_parts] = extractions([path], 2, None)
    whole = extract_file(path)
    assert in_parts.unreadable and in_parts.records == whole.records and in_parts.problems == whole.problems
    assert in_parts.records[0]["doc"] == in_parts.records[0]["sha256"][:16]


def test_commands_that_extract_documents_take_no_cache_as_extract_does(tmp_path):
    cache_dir = tmp_path / "cache"
    env = {"BUDGETKIT_CACHE_DIR": str(cache_dir)}
    other = "tests/fixtures/diff/dongxihu-yibao-2023-budget.txt"
    for arguments in (["check", TEXT], ["kpi", TEXT], ["summarize", TEXT], ["diff", TEXT, other]):
        uncached = run(*arguments, "--no-cache", env=env)
        assert uncached.returncode in (0, 1) and not cache_dir.exists(), arguments
    cached = run("check", TEXT, env=env)
    assert len(os.listdir(cache_dir)) == 1 and cached.stdout == run("check", TEXT, "--no-cache", env=env).stdout
