"""The ``budgetkit`` command line: parse options, call the library, choose the output.

Exit codes (all commands):
  0  success
  1  some inputs were read but have problems (no table recognised, scanned pages)
  2  usage error (bad option or argument)
  3  some input could not be read at all (missing, not a PDF or text, corrupt,
     encrypted, empty); the other inputs were still processed
"""

from __future__ import annotations

import json
import signal
import sys
from enum import Enum
from typing import List

import typer
from rich.console import Console
from rich.progress import Progress

from .commands.extract import expand_inputs, extract_file
from .records import json_schema, write_records
from .render import tables_overview

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_UNREADABLE = 0, 1, 2, 3

app = typer.Typer(
    help="Read, check and compare Chinese government budget (预算) and final-account (决算) disclosures.\n\n"
    "Exit codes: 0 success; 1 inputs read with problems; 2 usage error; 3 an input could not be read.",
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
)


class OutputFormat(str, Enum):
    auto = "auto"
    jsonl = "jsonl"
    table = "table"


def _stderr() -> Console:
    return Console(stderr=True, highlight=False)


@app.command()
def extract(
    inputs: List[str] = typer.Argument(..., metavar="FILES...", help="PDF or text files, directories, or glob patterns."),
    output_format: OutputFormat = typer.Option(
        OutputFormat.auto, "--format", "-f",
        help="jsonl (records, the default when stdout is not a terminal) or table (an overview per document).",
    ),
) -> None:
    """Extract document, table, row, statement, staff and performance-form records (JSON Lines) from disclosures.

    Records go to stdout as each document finishes; problems go to stderr, one line
    each, naming the file.  Exit codes: 0 ok; 1 a document had problems (no table
    recognised, scanned pages); 3 an input could not be read at all.
    """
    fmt = output_format
    if fmt is OutputFormat.auto:
        fmt = OutputFormat.table if sys.stdout.isatty() else OutputFormat.jsonl
    err = _stderr()
    paths = list(expand_inputs(inputs))
    status = EXIT_OK
    out = Console(highlight=False) if fmt is OutputFormat.table else None
    with _progress(len(paths)) as advance:
        for path in paths:
            result = extract_file(path)
            for problem in result.problems:
                where = f" (page {problem['page']})" if problem.get("page") and "page" not in problem["message"] else ""
                err.print(f"budgetkit: {path}: {problem['message']}{where}", soft_wrap=True, markup=False)
            if result.unreadable:
                status = EXIT_UNREADABLE
            elif result.problems and status == EXIT_OK:
                status = EXIT_PROBLEMS
            if out is not None:
                if not result.unreadable:
                    tables_overview(result.records, out)
            else:
                write_records(result.records, sys.stdout)
                sys.stdout.flush()
            advance()
    raise typer.Exit(status)


@app.command()
def schema() -> None:
    """Print the JSON Schema of budgetkit records (see docs/schema.md)."""
    print(json.dumps(json_schema(), ensure_ascii=False, indent=2))


class _progress:
    """A progress bar on stderr, only when stderr is a terminal and there is more than one file."""

    def __init__(self, total: int):
        self.total = total
        self.bar = Progress(console=Console(stderr=True), transient=True) if sys.stderr.isatty() and total > 1 else None

    def __enter__(self):
        if self.bar is None:
            return lambda: None
        self.bar.start()
        task = self.bar.add_task("extracting", total=self.total)
        return lambda: self.bar.advance(task)

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.stop()
        return False


def main() -> None:
    # Behave like other Unix filters when the reader goes away (``| head``): stop quietly.
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    app(prog_name="budgetkit")
