"""budgetkit in shell pipelines and cron jobs, each command in its own process: records on
stdin, a reader that goes away (``| head -1``), output without a terminal, long streams in
constant memory, and broken PDFs, none of which may end in a traceback."""

import json
import os
import re
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor

import pytest


BAD = "tests/fixtures/bad/"
TEXT = "samples/jiangxia-yibao-2024-budget.txt"
RECORDS = "tests/golden/jiangxia-yibao-2024-budget.jsonl"
SMALL_RECORDS = "tests/golden/jiangsu-jianchayuan-2018-budget.jsonl"  # the quickest document to check
BUDGETKIT = [sys.executable, "-m", "budgetkit"]


def environment(**extra):
    """The caller's environment without what forces colours or a terminal width."""
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE",
                                                              "COLUMNS", "CLICOLOR_FORCE")}
    return {**env, **extra}


def run(*args, stdin=None, **env):
    return subprocess.run([*BUDGETKIT, *args], capture_output=True, text=True, input=stdin,
                          env=environment(**env), timeout=120)


def run_all(commands: dict, **env) -> dict:
    """Run several commands side by side (most of each run is the interpreter starting):
    ``{key: (arguments, stdin)}`` → ``{key: result}``."""
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        futures = {key: pool.submit(run, *args, stdin=stdin, **env) for key, (args, stdin) in commands.items()}
        return {key: future.result() for key, future in futures.items()}


def stream_of(documents: int, path: str, source: str) -> None:
    """``documents`` copies of a document's records, each copy a document of its own (new
    ``doc``, and a ``disclosure`` of its own, as two disclosures would have)."""
    lines = open(source, encoding="utf-8").read().splitlines()
    with open(path, "w", encoding="utf-8") as out:
        for number in range(documents):
            doc = f"{number:016x}"
            for line in lines:
                record = json.loads(line)
                record["doc"] = doc
                if record["type"] == "document":
                    record["disclosure"] = doc
                out.write(json.dumps(record, ensure_ascii=False) + "\n")


@pytest.fixture(scope="module")
def stream(tmp_path_factory):
    """Four documents' records: output still comes after ``head`` has gone."""
    path = str(tmp_path_factory.mktemp("stream") / "four.jsonl")
    stream_of(4, path, SMALL_RECORDS)
    return path


# -- records on stdin ---------------------------------------------------------------------

def test_records_on_stdin_as_dash_or_piped_give_what_the_file_gives():
    records = open(RECORDS, encoding="utf-8").read()
    ways = {"file": ([RECORDS], None), "dash": (["-"], records), "piped": ([], records)}
    results = run_all({(command, way): ([command, *ways[way][0]], ways[way][1])
                       for command in ("check", "kpi", "summarize") for way in ways
                       if way != "piped" or command == "check"})
    for (command, way), result in results.items():
        from_file = results[command, "file"]
        assert from_file.stdout and from_file.returncode in (0, 1)
        assert (result.returncode, result.stdout) == (from_file.returncode, from_file.stdout), (command, way)
        assert result.stderr == "", (command, way)


def test_diff_reads_either_side_from_stdin():
    other = "tests/golden/dongxihu-yibao-2022-budget.jsonl"
    records = open(RECORDS, encoding="utf-8").read()
    results = run_all({"files A": (["diff", RECORDS, other], None), "stdin A": (["diff", "-", other], records),
                       "files B": (["diff", other, RECORDS], None), "stdin B": (["diff", other, "-"], records)})
    for side in "AB":
        from_files, from_stdin = results["files " + side], results["stdin " + side]
        assert from_stdin.returncode == from_files.returncode == 0
        assert from_stdin.stdout == from_files.stdout and from_stdin.stdout.count('"type":"change"') > 10


def test_diff_refuses_stdin_twice():
    result = run("diff", "-", "-", stdin="")
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1


# -- a reader that goes away --------------------------------------------------------------

@pytest.mark.parametrize("command", [
    f"extract {TEXT} samples/qingshan-yibao-2023-final.txt",
    "check {stream}",
    "kpi {stream}",
    "summarize {stream}",
    "cat {stream} | {budgetkit} check",
    "cat {stream} | {budgetkit} kpi -",
])
def test_head_ends_the_pipeline_quietly(command, stream):
    budgetkit = " ".join(BUDGETKIT)
    line = command.format(stream=stream, budgetkit=budgetkit)
    shell = f"{budgetkit} {line} | head -1" if not line.startswith("cat ") else f"{line} | head -1"
    result = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, env=environment(), timeout=120)
    assert len(result.stdout.splitlines()) == 1 and json.loads(result.stdout)
    assert result.stderr == ""


# -- no terminal, NO_COLOR ----------------------------------------------------------------

ANSI = re.compile(r"\x1b\[")
# Select Graphic Rendition codes that set a colour: 30–37, 38;…, 39–49 (backgrounds), 90–107.
COLOUR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[0-9;]*)?m")


def test_no_escape_codes_without_a_terminal():
    """Not a terminal: no escape codes, with or without NO_COLOR (tried without, the stricter case)."""
    results = run_all({" ".join(args): (args, None) for args in [
        ["extract", "-f", "table", TEXT, BAD + "empty.pdf"],
        ["check", "-f", "table", RECORDS],
        ["check", "--list-rules", "-f", "table"],
        ["kpi", "-f", "table", RECORDS],
        ["summarize", "-f", "table", RECORDS],
        ["diff", "-f", "table", RECORDS, "tests/golden/dongxihu-yibao-2022-budget.jsonl"],
        ["check", "--rules", "nonsense"],
        ["extract", "--help"],
    ]})
    for command, result in results.items():
        assert result.stdout or result.stderr, command
        assert not ANSI.search(result.stdout) and not ANSI.search(result.stderr), command


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
@pytest.mark.parametrize("args", [["extract", TEXT, "samples/qingshan-yibao-2023-final.txt"], ["check", RECORDS]])
def test_no_colour_on_a_terminal_with_no_color(args):
    """On a terminal, NO_COLOR=1 leaves bold and the progress bar's cursor moves, never a colour."""
    script = textwrap.dedent(f"""
        import os, pty, subprocess, sys
        main, child = pty.openpty()
        process = subprocess.Popen({[*BUDGETKIT, *args]!r}, stdin=subprocess.DEVNULL, stdout=child, stderr=child)
        os.close(child)
        out = b""
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            out += chunk
        process.wait()
        sys.stdout.write(out.decode("utf-8", "replace"))
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                            env=environment(NO_COLOR="1", COLUMNS="120", TERM="xterm-256color"))
    assert result.stdout and "Traceback" not in result.stdout
    assert not COLOUR.search(result.stdout), COLOUR.findall(result.stdout)[:5]


# -- constant memory ----------------------------------------------------------------------

PEAK = textwrap.dedent("""
    import resource, subprocess, sys
    with open(sys.argv[1], "rb") as records:
        code = subprocess.run(sys.argv[2:], stdin=records, stdout=subprocess.DEVNULL).returncode
    print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
""")


def peak_rss(command: list[str], stdin_path: str) -> tuple[int, int]:
    """Exit code and peak resident memory (KiB) of ``command`` reading ``stdin_path``, measured in a
    fresh process so that no earlier child of the test run counts."""
    result = subprocess.run([sys.executable, "-c", PEAK, stdin_path, *command], capture_output=True,
                            text=True, env=environment(), timeout=120, check=True)
    code, peak = result.stdout.split()
    return int(code), int(peak)


def test_check_keeps_memory_flat_over_a_long_stream(tmp_path):
    """Fifty documents on stdin take little more memory than five (the 1,000-document run is
    benchmarks/bench_stream.py)."""
    short, long = str(tmp_path / "short.jsonl"), str(tmp_path / "long.jsonl")
    stream_of(5, short, SMALL_RECORDS)
    stream_of(50, long, SMALL_RECORDS)
    short_code, short_peak = peak_rss([*BUDGETKIT, "check", "-"], short)
    long_code, long_peak = peak_rss([*BUDGETKIT, "check", "-"], long)
    assert short_code == long_code == 1  # the document has errors
    assert long_peak < 1.5 * short_peak, (short_peak, long_peak)


# -- broken PDFs --------------------------------------------------------------------------

UNREADABLE = [
    ("truncated.pdf", "not a readable PDF (corrupt or truncated)"),
    ("random.pdf", "not a PDF or a text file (binary content)"),
    ("docx-renamed.pdf", "not a PDF: a ZIP or Office (docx/xlsx) file"),
    ("empty.pdf", "the file is empty"),
    ("encrypted.pdf", "the PDF is encrypted (password protected)"),
    ("zero-pages.pdf", "the PDF has no pages"),
]
USELESS = [  # readable, but nothing budgetkit can use
    ("huge-page.pdf", "no budget disclosure found (no 预算 or 决算 in its text, no standard table)"),
    ("many-pages.pdf", "no standard budget table recognised"),
    # pdfminer cannot size its page, pdfium reads it as US Letter (as a viewer shows it).
    ("no-page-size.pdf", "no budget disclosure found (no 预算 or 决算 in its text, no standard table)"),
    # OCR is left out (BUDGETKIT_OCR=never below), so the message is the same with or without
    # Tesseract; tests/test_ocr.py reads this page by OCR.
    ("scanned.pdf", "page 1 has no text layer (scanned); its content is not read"),
]


@pytest.fixture(scope="module")
def broken():
    """``extract`` and ``check`` of the unreadable PDFs (one run each: each file is its own line
    and the run's exit code is the worst), and of each useless PDF alone, run side by side."""
    unreadable = [BAD + name for name, _ in UNREADABLE]
    commands = {(command, "unreadable"): ([command, *unreadable], None) for command in ("extract", "check")}
    commands.update({(command, name): ([command, BAD + name], None)
                     for command in ("extract", "check") for name, _ in USELESS})
    return run_all(commands, BUDGETKIT_OCR="never")


@pytest.mark.parametrize("command", ["extract", "check"])
def test_unreadable_pdfs_give_one_line_each_and_exit_3(broken, command):
    result = broken[command, "unreadable"]
    assert result.returncode == 3 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [f"budgetkit: {BAD}{name}: {message}" for name, message in UNREADABLE]
    if command == "extract":  # a document record carrying the problem, for each file
        documents = [json.loads(line) for line in result.stdout.splitlines()]
        assert [d["problems"][0]["message"] for d in documents] == [message for _, message in UNREADABLE]
    else:
        assert result.stdout == ""


@pytest.mark.parametrize("name, message", USELESS)
def test_extract_tells_what_a_useless_pdf_lacks_and_exits_1(broken, name, message):
    result = broken["extract", name]
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0] == f"budgetkit: {BAD}{name}: {message}"
    document = json.loads(result.stdout.splitlines()[0])
    assert document["type"] == "document" and document["problems"][0]["message"] == message


@pytest.mark.parametrize("name, message", USELESS)
def test_check_reports_a_useless_pdf_as_warnings(broken, name, message):
    result = broken["check", name]
    assert result.returncode == 0 and result.stderr == ""  # warnings: they fail with --fail-on warning
    findings = [json.loads(line) for line in result.stdout.splitlines()]
    assert any(f["rule"] == "complete.problems" and f["severity"] == "warning" and f["evidence"] == message
               for f in findings)


def test_check_goes_on_after_a_broken_pdf():
    result = run("check", BAD + "docx-renamed.pdf", RECORDS, BAD + "truncated.pdf")
    assert result.returncode == 3
    assert len(result.stderr.splitlines()) == 2 and "Traceback" not in result.stderr
    assert '"type":"finding"' in result.stdout
