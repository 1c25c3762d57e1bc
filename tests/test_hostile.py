"""budgetkit in a user's terminal and against hostile input: records always reach stdout,
a malformed record costs one line, special files and empty inputs are said, and the
conventions of csvkit-like tools hold (-h, --version, '-', -o, --type, schema --sql).

Each hostile input is built here, on the fly."""

import json
import os
import pty
import shutil
import sqlite3
import subprocess
import sys
import threading
from decimal import Decimal

import pytest

from budgetkit.commands.output import OutputFile
from budgetkit.sql import create_tables
import typer

BUDGETKIT = [sys.executable, "-m", "budgetkit"]
TEXTS = ["samples/dongxihu-yibao-2022-budget.txt", "samples/jiangxia-yibao-2024-budget.txt",
         "samples/qingshan-yibao-2023-final.txt"]
GOLDEN = "tests/golden/jiangxia-yibao-2024-budget.jsonl"


def environment():
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE",
                                                              "TTY_INTERACTIVE", "COLUMNS")}
    return {**env, "TERM": "xterm-256color"}


def run(*args, stdin=None, input_bytes=None, timeout=120):
    if input_bytes is not None:
        result = subprocess.run([*BUDGETKIT, *args], capture_output=True, input=input_bytes, timeout=timeout)
        return subprocess.CompletedProcess(result.args, result.returncode, result.stdout.decode(),
                                           result.stderr.decode())
    return subprocess.run([*BUDGETKIT, *args], capture_output=True, text=True, input=stdin, timeout=timeout,
                          stdin=None if stdin is not None else subprocess.DEVNULL)


def golden_lines() -> int:
    return sum(1 for _ in open(GOLDEN, encoding="utf-8"))


# --- 1. records go to stdout whatever stderr is ------------------------------------------

def under_terminal(shell: str, stdout_too: bool = False) -> tuple[int, str, str]:
    """Run ``shell`` with stderr (and stdout, if asked) on a pseudo-terminal, as in an
    interactive shell: (exit code, what reached stdout's pipe, what the terminal showed)."""
    leader, follower = pty.openpty()
    shown = []
    reader = threading.Thread(target=_drain, args=(leader, shown), daemon=True)
    reader.start()
    process = subprocess.Popen(["bash", "-o", "pipefail", "-c", shell], stdin=subprocess.DEVNULL,
                               stdout=follower if stdout_too else subprocess.PIPE, stderr=follower,
                               env=environment())
    os.close(follower)
    piped = process.stdout.read().decode() if process.stdout else ""
    code = process.wait(timeout=300)
    reader.join(timeout=30)
    os.close(leader)
    return code, piped, b"".join(shown).decode(errors="replace")


def _drain(fd: int, into: list) -> None:
    """Read the terminal's side so the program never blocks on a full terminal buffer."""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the last writer closed the terminal
            return
        if not chunk:
            return
        into.append(chunk)


@pytest.mark.parametrize("inputs", [TEXTS, TEXTS[1:2]], ids=["many", "one"])
def test_records_reach_a_file_when_stderr_is_a_terminal(tmp_path, inputs):
    target = tmp_path / "records.jsonl"
    code, _, terminal = under_terminal(f"{' '.join(BUDGETKIT)} extract --no-cache {' '.join(inputs)} > {target}")
    records = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert code == 0
    assert sum(record["type"] == "document" for record in records) == len(inputs)
    assert '"type"' not in terminal


def test_records_reach_a_pipe_when_stderr_is_a_terminal():
    code, piped, terminal = under_terminal(f"{' '.join(BUDGETKIT)} extract --no-cache {' '.join(TEXTS)} | wc -l")
    expected = sum(len(run("extract", "--no-cache", path).stdout.splitlines()) for path in TEXTS)
    assert code == 0 and int(piped.strip()) == expected
    assert '"type"' not in terminal


def test_check_reads_what_extract_pipes_when_stderr_is_a_terminal():
    code, piped, terminal = under_terminal(
        f"{' '.join(BUDGETKIT)} extract {' '.join(TEXTS)} | {' '.join(BUDGETKIT)} check --fail-on never | wc -l")
    assert code == 0 and int(piped.strip()) > 0
    assert '"type"' not in terminal


def test_problems_are_printed_above_the_bar_on_their_own_lines(tmp_path):
    (tmp_path / "empty.pdf").write_bytes(b"")
    code, _, terminal = under_terminal(
        f"{' '.join(BUDGETKIT)} extract --no-cache {tmp_path / 'empty.pdf'} {' '.join(TEXTS)} > /dev/null")
    assert code == 3
    line = next(line for line in terminal.splitlines() if "the file is empty" in line)
    assert line.rsplit("\x1b[2K", 1)[-1].startswith(f"budgetkit: {tmp_path / 'empty.pdf'}: the file is empty")


def test_the_overview_on_a_terminal_shows_no_bar_through_it():
    code, _, terminal = under_terminal(f"{' '.join(BUDGETKIT)} extract {' '.join(TEXTS)}", stdout_too=True)
    assert code == 0
    assert "extracting" not in terminal  # each overview shows the progress; no bar is drawn through them
    assert terminal.count("武汉市") >= 3


# --- 2. a malformed record costs one line --------------------------------------------------

MALFORMED = [
    ('{"type":"row","doc":"a"}', "line 1: row record: no 'table', 'key', 'index', 'name', 'values'"),
    ('{"type":"row","doc":"a","table":"t","key":"k","index":0,"name":"n","values":[1]}',
     "line 2: row record: 'values' must be object"),
    ('{"type":"document","path":"x.pdf","sha256":null,"schema_version":"1","problems":[]}',
     "line 3: document record: no 'doc'"),
    ('{"type":7,"doc":"a"}', "line 4: 'type' must be a string, not 7"),
    ('{"type":"foo","doc":"a"}', "line 5: unknown record type 'foo'"),
]


@pytest.fixture(scope="module")
def malformed_stream(tmp_path_factory):
    path = tmp_path_factory.mktemp("malformed") / "stream.jsonl"
    good = open(GOLDEN, encoding="utf-8").read()
    path.write_text("\n".join(line for line, _ in MALFORMED) + "\n" + good, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("command", ["check", "kpi", "summarize"])
def test_a_malformed_record_is_one_line_and_the_rest_is_read(malformed_stream, command):
    clean = run(command, GOLDEN)
    result = run(command, malformed_stream)
    lines = result.stderr.splitlines()
    assert result.returncode == 3 and "Traceback" not in result.stderr
    assert len(lines) == len(MALFORMED) + len(clean.stderr.splitlines())
    for line, (_, said) in zip(lines, MALFORMED):
        assert line.startswith(f"budgetkit: {malformed_stream}: {said}")
    assert result.stdout == clean.stdout  # the good document gives what it gives alone


def test_records_read_from_stdin_are_checked_the_same_way():
    result = run("check", "-", stdin='{"type":"row","doc":"a"}\n' + open(GOLDEN, encoding="utf-8").read())
    assert result.returncode == 3
    assert result.stderr.splitlines()[0] == ("budgetkit: <stdin>: line 1: row record: no 'table', 'key', "
                                             "'index', 'name', 'values'")
    assert result.stdout == run("check", GOLDEN).stdout


def test_every_record_budgetkit_writes_fits_the_schema_it_reads_with():
    from budgetkit.records import read_records

    check = run("check", "--fail-on", "never", GOLDEN).stdout
    kpi = run("kpi", GOLDEN).stdout
    summary = run("summarize", GOLDEN).stdout
    lines = [*open(GOLDEN, encoding="utf-8"), *check.splitlines(), *kpi.splitlines(), *summary.splitlines()]
    assert len(list(read_records(lines, "all", validate=True))) == len(lines)


# --- 5, 6. special files, empty inputs -----------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_skipped_in_a_folder_and_on_the_command_line(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "x.pdf")
    os.mkfifo(tmp_path / "y.txt")
    shutil.copy(TEXTS[1], folder / "good.txt")
    result = run("extract", "--no-cache", str(folder), str(tmp_path / "y.txt"), timeout=60)
    assert result.returncode == 3
    assert result.stderr.splitlines() == [
        f"budgetkit: {folder / 'x.pdf'}: not a regular file (a FIFO); skipped",
        f"budgetkit: {tmp_path / 'y.txt'}: not a regular file (a FIFO); skipped",
    ]
    assert len(result.stdout.splitlines()) == golden_lines()


@pytest.mark.parametrize("make, said", [
    (lambda d: d, "no PDF or text file in this folder"),
    (lambda d: (d / "report.docx").write_bytes(b"PK\x03\x04") and d, "no PDF or text file in this folder"),
    (lambda d: str(d / "*.pdf"), "no file matches this pattern"),
], ids=["empty folder", "nothing readable", "glob matching nothing"])
def test_nothing_to_do_is_said(tmp_path, make, said):
    argument = str(make(tmp_path))
    result = run("extract", argument)
    assert (result.returncode, result.stdout) == (3, "")
    assert result.stderr == f"budgetkit: {argument}: {said}\n"


def test_check_says_so_of_a_folder_with_nothing_to_read(tmp_path):
    result = run("check", str(tmp_path))
    assert (result.returncode, result.stdout) == (3, "")
    assert result.stderr == f"budgetkit: {tmp_path}: no PDF or text file in this folder\n"


# --- 8. conventions ------------------------------------------------------------------------

def test_short_help_and_version():
    from budgetkit import __version__

    assert run("-h").stdout.startswith("Usage: budgetkit")
    assert run("extract", "-h").stdout.startswith("Usage: budgetkit extract")
    assert run("--version").stdout == f"budgetkit {__version__}\n"


@pytest.mark.parametrize("path", [TEXTS[1], "samples/jiangsu-jianchayuan-2018-budget.pdf"])
def test_extract_reads_one_document_from_stdin(path):
    with open(path, "rb") as handle:
        piped = run("extract", "--no-cache", "-", input_bytes=handle.read())
    alone = run("extract", "--no-cache", path)
    assert piped.returncode == alone.returncode
    records, expected = ([json.loads(line) for line in out.stdout.splitlines()] for out in (piped, alone))
    assert records[0]["path"] == "<stdin>"
    assert records[1:] == expected[1:] and {**records[0], "path": path} == expected[0]


def test_extract_keeps_only_the_types_asked_for():
    result = run("extract", TEXTS[1], "--type", "table,row", "-t", "document")
    types = [json.loads(line)["type"] for line in result.stdout.splitlines()]
    golden = [json.loads(line)["type"] for line in open(GOLDEN, encoding="utf-8")]
    assert types == [kind for kind in golden if kind in ("document", "table", "row")]
    bad = run("extract", TEXTS[1], "--type", "rows")
    assert bad.returncode == 2 and bad.stdout == "" and "unknown record type 'rows'" in bad.stderr


@pytest.mark.parametrize("command", [["extract", TEXTS[1]], ["check", GOLDEN], ["kpi", GOLDEN],
                                     ["summarize", GOLDEN], ["schema"]])
def test_output_option_writes_what_stdout_would_get(tmp_path, command):
    target = tmp_path / "out"
    result = run(*command, "-o", str(target))
    assert result.stdout == "" and result.returncode in (0, 1)
    assert target.read_text(encoding="utf-8") == run(*command).stdout
    assert os.listdir(tmp_path) == ["out"]


def test_output_into_a_missing_folder_is_a_usage_error(tmp_path):
    result = run("schema", "-o", str(tmp_path / "no" / "out.json"))
    assert result.returncode == 2 and result.stderr.startswith(f"budgetkit: cannot write {tmp_path}/no/out.json")


@pytest.mark.parametrize("ending, kept", [(None, True), (typer.Exit(3), True), (typer.Exit(2), False),
                                          (typer.Exit(130), False), (KeyboardInterrupt(), False),
                                          (RuntimeError("crash"), False)])
def test_output_is_replaced_only_by_a_run_that_went_to_its_end(tmp_path, ending, kept):
    target = tmp_path / "out.jsonl"
    target.write_text("before\n")
    try:
        with OutputFile(str(target)):
            print("half")
            if ending is not None:
                raise ending
    except (typer.Exit, KeyboardInterrupt, RuntimeError):
        pass
    assert target.read_text() == ("half\n" if kept else "before\n")
    assert os.listdir(tmp_path) == ["out.jsonl"]  # no temporary file left behind


# --- schema --sql -------------------------------------------------------------------------

def test_sql_tables_keep_amounts_exact_in_sqlite():
    database = sqlite3.connect(":memory:")
    database.executescript(create_tables("sqlite"))
    lines = open(GOLDEN, encoding="utf-8").read().splitlines()
    database.executemany('INSERT INTO "records" VALUES (?)', [(line,) for line in lines])
    database.execute('INSERT INTO "row" SELECT * FROM "row_records"')
    rows = [json.loads(line, parse_float=Decimal) for line in lines if json.loads(line)["type"] == "row"]
    stored = database.execute('SELECT "name", "index", "values", "total" FROM "row" ORDER BY rowid').fetchall()
    assert len(stored) == len(rows)
    for (name, index, values, total), record in zip(stored, rows):
        assert (name, index, bool(total)) == (record["name"], record["index"], record["total"])
        assert json.loads(values, parse_float=Decimal) == record["values"]  # digits as written, no float


def test_sql_tables_keep_amounts_exact_in_duckdb():
    duckdb = pytest.importorskip("duckdb")
    database = duckdb.connect()
    database.execute(create_tables("duckdb"))
    database.execute(f"""INSERT INTO "statement" SELECT * FROM "statement_records"('{GOLDEN}')""")
    amounts = [json.loads(line, parse_float=Decimal).get("amount") for line in open(GOLDEN, encoding="utf-8")
               if json.loads(line)["type"] == "statement"]
    stored = [value for (value,) in database.execute('SELECT "amount" FROM "statement" ORDER BY rowid').fetchall()]
    assert stored == amounts


def test_schema_sql_is_printed_for_each_dialect():
    for dialect in ("duckdb", "sqlite"):
        result = run("schema", "--sql", "--dialect", dialect)
        assert result.returncode == 0 and result.stdout == create_tables(dialect)
    assert 'CREATE TABLE IF NOT EXISTS "row"' in create_tables("duckdb")
    assert '"values" JSON' in create_tables("duckdb") and '"amount" DECIMAL(38, 10)' in create_tables("duckdb")
