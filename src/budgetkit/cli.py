"""The ``budgetkit`` command line: parse options, call the library, choose the output.

Exit codes (each command's ``--help`` and docs/schema.md say what they mean for it):
  0  success
  1  extract: some inputs have problems (no table recognised, scanned pages, a page
     past the memory or time budget);
     check: a finding at the --fail-on severity
  2  usage error (bad option or argument)
  3  some input could not be read at all (missing, not a PDF or text, corrupt,
     encrypted, empty, a broken record line, not a regular file) or there was
     nothing to read (an empty folder, a pattern matching no file); the other inputs
     were still processed
  130  extract was interrupted (Ctrl-C); the cache holds only complete entries
  141  the reader of stdout went away (``| head``): stopped quietly (128 + SIGPIPE)
"""

from __future__ import annotations

import csv
import json
import os
import signal
import sys
from enum import Enum
from typing import List

import typer
from rich.console import Console

from . import __version__
from .commands.output import CannotWrite, OutputFile
from .commands.terminal import ProgressBar, stderr_console as _stderr, teller as _teller

# Each command imports what it runs on when it runs: budgetkit is started once per
# document by some pipelines, and the rules, reports and renderers of the other commands
# would add about half a second to every start.

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_UNREADABLE = 0, 1, 2, 3
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it (extract)

app = typer.Typer(
    help="Read, check and compare Chinese government budget (预算) and final-account (决算) disclosures.\n\n"
    "Exit codes: 0 success; 1 extract: inputs read with problems, check: findings at --fail-on; 2 usage error; "
    "3 an input could not be read, or nothing to read; 130 interrupted; 141 the reader of stdout went away "
    "(| head). Each command's --help says more.",
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _print_version(asked: bool) -> None:
    if asked:
        print(f"budgetkit {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: bool = typer.Option(False, "--version", "-V", is_eager=True, callback=_print_version,
                                 help="Print budgetkit's version and stop."),
) -> None:
    """The options of budgetkit itself, given before the command."""


def _no_cache_option():
    return typer.Option(False, "--no-cache", help="Neither read nor write the extraction cache for the documents "
                                                  "(PDF, text) given here; record files are never cached.")


def _extract_jobs_option():
    return typer.Option(None, "--jobs", "-j", min=1, show_default="the number of cores",
                        help="Extract the documents (PDF, text) given here this many at a time, in worker processes; "
                             "the result is the same whatever the number.")


def _output_option():
    return typer.Option(None, "--output", "-o", metavar="FILE",
                        help="Write to FILE instead of stdout: whole when the run ends (exit 0, 1 or 3), "
                             "left as it was when it is interrupted or fails.")


class _output_to(OutputFile):
    """``OutputFile``, with a folder that cannot take the file as a usage error."""

    def __enter__(self):
        try:
            return super().__enter__()
        except CannotWrite as error:
            _teller(_stderr())(str(error))
            raise typer.Exit(EXIT_USAGE)


class OutputFormat(str, Enum):
    auto = "auto"
    jsonl = "jsonl"
    table = "table"


class OcrMode(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


def _resolved(fmt: ReportFormat | CheckFormat) -> ReportFormat | CheckFormat:
    """``auto``: a table for a terminal, JSON Lines for a pipe or a file."""
    if fmt.value == "auto":
        return type(fmt)("table" if sys.stdout.isatty() else "jsonl")
    return fmt


def _record_inputs(command: str, inputs: List[str] | None) -> list[str]:
    """The inputs, or ``-`` when records are piped in; none on a terminal is a usage error."""
    from .commands.inputs import default_inputs

    found = default_inputs(inputs)
    if found is None:
        _stderr().print(f"budgetkit {command}: give record files, documents, or '-' with records on stdin",
                        soft_wrap=True, markup=False)
        raise typer.Exit(EXIT_USAGE)
    return found


def _complete_record_types(incomplete: str) -> list[str]:
    from .records import RECORD_TYPES

    return _complete_list(incomplete, RECORD_TYPES)


def _complete_rules(incomplete: str) -> list[str]:
    from .checks import FAMILIES, RULES

    return _complete_list(incomplete, [*FAMILIES, *RULES])


def _complete_list(incomplete: str, names) -> list[str]:
    """Completions of the last item of a comma-separated list (``table,perc`` → ``table,percent``…)."""
    done, _, last = incomplete.rpartition(",")
    prefix = done + "," if done else ""
    return [prefix + name for name in names if name.startswith(last)]


def _size_option(value: str) -> int | None:
    """``--max-memory``: bytes, or None for no limit."""
    from .budget import parse_size

    try:
        return parse_size(value)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None


@app.command()
def extract(
    inputs: List[str] = typer.Argument(..., metavar="FILES...", help="PDF or text files, directories, glob patterns, "
                                       "or '-' for one document piped in."),
    output_format: OutputFormat = typer.Option(
        OutputFormat.auto, "--format", "-f",
        help="jsonl (records, the default when stdout is not a terminal) or table (an overview per document).",
    ),
    types: List[str] = typer.Option(None, "--type", "-t", metavar="TYPES", autocompletion=_complete_record_types,
                                    help="Write only records of these types (document, table, row, statement…); "
                                         "comma-separated or repeated."),
    ocr: OcrMode = typer.Option(
        OcrMode.auto, "--ocr", envvar="BUDGETKIT_OCR",
        help="auto: read pages without a usable text layer (scans, (cid:N) text) with Tesseract; always: every "
             "page; never: leave them unread. Pages read by OCR are reported (exit 1), as scanned pages are.",
    ),
    jobs: int = typer.Option(None, "--jobs", "-j", min=1, show_default="the number of cores",
                             help="Extract in this many worker processes (1: one document at a time), a "
                                  "document each or the parts of a long PDF; records come out in input order "
                                  "either way."),
    cache_dir: str = typer.Option(None, "--cache", metavar="DIR", show_default="$BUDGETKIT_CACHE_DIR, else "
                                  "$XDG_CACHE_HOME/budgetkit or ~/.cache/budgetkit",
                                  help="Keep each document's records here, keyed by the file's content (sha256) "
                                       "and the budgetkit version; an unchanged file is not read again."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Neither read nor write the cache."),
    max_memory: str = typer.Option(  # bytes or None once _size_option has read it
        "1G", "--max-memory", metavar="SIZE", envvar="BUDGETKIT_MAX_MEMORY", callback=_size_option,
        help="Memory each reading process may take (512M, 1G; 0: no limit). A page past it is left unread "
             "and reported (page_too_large, exit 1); --jobs N takes at most N times this."),
    page_timeout: float = typer.Option(
        60, "--page-timeout", metavar="SECONDS", envvar="BUDGETKIT_PAGE_TIMEOUT", min=0,
        help="Time one page may take (0: no limit). A page past it is left unread and reported "
             "(page_timeout, exit 1)."),
    output: str = _output_option(),
    cluster: str = typer.Option(
        None, "--cluster", metavar="ADDRESS", envvar="BUDGETKIT_CLUSTER",
        help="Send the documents (and the parts of long PDFs) to the Dask scheduler at ADDRESS "
             "(tcp://host:8786) instead of reading them here; the workers must see the files at the same "
             "paths. Needs 'budgetkit[cluster]'."),
    out_dir: str = typer.Option(
        None, "--out", metavar="DIR",
        help="Write the records as a Parquet dataset in DIR (one table per record type, partitioned by the "
             "document's year and kind; the document table whatever --type says) instead of to stdout; documents "
             "already in it are skipped. With --cluster the workers write it: DIR must be a folder they see at the "
             "same path as this machine. Needs 'budgetkit[parquet]'."),
) -> None:
    """Extract document, table, row, statement, staff and performance-form records (JSON Lines) from disclosures.

    Records go to stdout as each document finishes; problems go to stderr, one line
    each, naming the file.  Exit codes: 0 ok; 1 a document had problems (no table
    recognised, scanned pages, a page past --max-memory or --page-timeout); 2 usage error
    (an --out folder that cannot be written, a --cluster scheduler out of reach); 3 an
    input could not be read at all, there was nothing to read, or an --out batch could not
    be written; 130 interrupted.

    Documents are extracted --jobs at a time and their records cached by content
    (--cache DIR, --no-cache); the output is the same either way.  Each is read in a
    worker process held to the budget (--jobs 1 too; with both budgets 0, --jobs 1
    reads in this process).
    """
    from .records import RECORD_TYPES

    kept_types = _split_patterns(types)
    unknown = sorted(set(kept_types or ()) - set(RECORD_TYPES))
    if unknown:
        _teller(_stderr())(f"unknown record type {unknown[0]!r} for --type; choose from: {', '.join(RECORD_TYPES)}")
        raise typer.Exit(EXIT_USAGE)
    if "-" in inputs and sys.stdin.isatty():
        _teller(_stderr())("'-' reads a document piped in, but stdin is a terminal")
        raise typer.Exit(EXIT_USAGE)
    with _output_to(output):
        fmt = output_format
        if fmt is OutputFormat.auto:
            fmt = OutputFormat.table if sys.stdout.isatty() else OutputFormat.jsonl
        from .budget import Budget
        from .cache import Cache, default_dir as default_cache_dir

        cache = None if no_cache else Cache(cache_dir or default_cache_dir())
        budget = Budget(max_memory, page_timeout or None)
        dataset = _dataset(out_dir) if out_dir else None
        if dataset is not None and kept_types:
            # The document table names each record's year and kind (the partitions) and
            # what is written (the next run skips it): a dataset always has it.
            kept_types = [*kept_types, "document"]
        client = _cluster(cluster) if cluster else None
        try:
            raise typer.Exit(_extract(inputs, fmt, set(kept_types) if kept_types else None, ocr.value, jobs, cache,
                                      budget, dataset, client))
        finally:
            if client is not None:
                client.close()


def _cluster(address: str):
    """A client of the Dask scheduler of ``--cluster``; a usage error when it cannot be reached."""
    from .extraction.cluster import ClusterUnavailable, connect

    try:
        return connect(address)
    except ClusterUnavailable as error:
        _teller(_stderr())(f"--cluster: {error}")
        raise typer.Exit(EXIT_USAGE)


def _dataset(directory: str):
    """The Parquet dataset of ``--out``; a usage error when it cannot be written."""
    from .dataset import Dataset, DatasetUnavailable

    try:
        return Dataset(directory)
    except DatasetUnavailable as error:
        _teller(_stderr())(str(error))
        raise typer.Exit(EXIT_USAGE)


def _extract(inputs: list[str], fmt: OutputFormat, kept_types: set[str] | None, ocr: str, jobs: int | None,
             cache, budget, dataset=None, client=None) -> int:
    """Extract every input, write its records (to stdout, or to ``dataset``; with a cluster the
    workers write them there) or overview, tell its problems; the exit code."""
    from .dataset import DatasetUnavailable
    from .extraction.result import SpooledStdin, expand_inputs, input_name
    from .sources.ocr import tell_if_unread

    tell = _teller(_stderr())
    skipped = []

    def skip(path: str, why: str) -> None:
        skipped.append(path)
        tell(f"{path}: {why}")

    paths = list(expand_inputs(inputs, skip))
    status = EXIT_UNREADABLE if skipped or not paths else EXIT_OK
    if dataset is not None:
        paths = _not_yet_written(paths, dataset, tell)
    out = Console(highlight=False) if dataset is None and fmt is OutputFormat.table else None
    bar = ProgressBar(len(paths))
    try:
        with SpooledStdin(paths) as stdin, bar as advance, _interruptible(bar.console):
            results = _results(paths, [stdin.on_disk(path) for path in paths], kept_types, ocr, jobs, cache, budget,
                               dataset, client)
            for given, result in zip(paths, results):
                result = stdin.named(result)
                shown = input_name(given)
                tell_if_unread(result.problems, ocr, bar.tell)
                for problem in result.problems:
                    page = problem.get("page") and "page" not in problem["message"]
                    bar.tell(f"{shown}: {problem['message']}" + (f" (page {problem['page']})" if page else ""))
                if result.unreadable:
                    status = EXIT_UNREADABLE
                elif result.problems and status == EXIT_OK:
                    status = EXIT_PROBLEMS
                if not _written_by_workers(dataset, client):
                    _write_result(result, kept_types, dataset, out)
                advance()
    except DatasetUnavailable as error:  # a batch could not be written: the run stops, it is read again next time
        dataset.discard()
        tell(str(error))
        return EXIT_UNREADABLE
    except BaseException:
        if dataset is not None:
            dataset.discard()
        raise
    if dataset is not None:
        try:
            dataset.close()
        except DatasetUnavailable as error:
            tell(str(error))
            return EXIT_UNREADABLE
    return status


def _results(paths: list[str], on_disk: list[str], kept_types: set[str] | None, ocr: str, jobs: int | None,
             cache, budget, dataset, client):
    """Each document's extraction, in order; with ``--cluster`` and ``--out``, only what the
    workers, who write the dataset, tell of it (``Written``): the corpus never comes here."""
    from .budget import default_jobs
    from .extraction.batch import extractions
    from .extraction.cluster import cluster_extractions, cluster_written
    from .extraction.result import input_name

    if client is None:
        return extractions(on_disk, jobs or default_jobs(), cache, ocr, budget)
    if not _written_by_workers(dataset, client):
        return cluster_extractions(on_disk, client, cache, ocr, budget)
    return cluster_written(on_disk, [input_name(path) for path in paths], client, str(dataset.directory), ocr,
                           budget, kept_types, dataset.batch_documents)


def _written_by_workers(dataset, client) -> bool:
    return dataset is not None and client is not None


def _write_result(result, kept_types: set[str] | None, dataset, out: Console | None) -> None:
    """A document's records to the dataset (``--out``) or stdout, or its overview to the
    terminal.  A document that could not be read is not put in a dataset: the next run
    tries it again."""
    from .records import of_types, write_records

    records = of_types(result.records, kept_types)
    if dataset is not None:
        if not result.unreadable:
            dataset.add(records)
    elif out is not None:
        from .render import tables_overview

        if not result.unreadable:
            tables_overview(result.records, out)
    else:
        write_records(records, sys.stdout)
        sys.stdout.flush()


def _not_yet_written(paths: list[str], dataset, tell) -> list[str]:
    """The inputs whose content is not in the dataset yet (a document piped in always is not)."""
    from .cache import file_sha256
    from .extraction.result import STDIN

    kept = [path for path in paths if path == STDIN or not dataset.written(file_sha256(path))]
    if len(kept) < len(paths):
        count = len(paths) - len(kept)
        tell(f"{count} document{'s' if count > 1 else ''} already in {dataset.directory}, skipped")
    return kept


class ReportFormat(str, Enum):
    """The output formats of check, diff, kpi and summarize."""

    auto = "auto"
    jsonl = "jsonl"
    table = "table"
    markdown = "markdown"
    csv = "csv"


class CheckFormat(str, Enum):
    """check's output formats: the report formats and a self-contained HTML review report."""

    auto = "auto"
    jsonl = "jsonl"
    table = "table"
    markdown = "markdown"
    csv = "csv"
    html = "html"


class Severity(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


@app.command()
def check(
    inputs: List[str] = typer.Argument(
        None, metavar="[INPUTS]...",
        help="Record files (.jsonl from extract), '-' for records on stdin (the default when piped), "
             "or PDF/text documents and folders, which are extracted first."),
    output_format: CheckFormat = typer.Option(
        CheckFormat.auto, "--format", "-f",
        help="jsonl (finding records, the default when stdout is not a terminal), table (the default on a "
             "terminal), markdown, csv, or html (one self-contained review report: each finding with a crop "
             "of its page, the row or sentence boxed)."),
    rules: List[str] = typer.Option(None, "--rules", "-r", autocompletion=_complete_rules, help="Only these rules: ids, families (table, text…) "
                                    "or patterns (percent.*); comma-separated or repeated."),
    skip: List[str] = typer.Option(None, "--skip", "-s", autocompletion=_complete_rules,
                                   help="Leave out these rules (same forms as --rules)."),
    fail_on: FailOn = typer.Option(FailOn.error, "--fail-on",
                                   help="Exit 1 when a finding of this severity or worse is reported."),
    min_severity: Severity = typer.Option(Severity.info, "--min-severity",
                                          help="Report only findings of this severity or worse."),
    list_rules: bool = typer.Option(False, "--list-rules", help="List every rule with its id and stop."),
    baseline: str = typer.Option(
        None, "--baseline", metavar="FILE",
        help="Leave out the findings FILE lists (the JSON Lines of an earlier check, or one id per line): "
             "only new findings are reported and counted for --fail-on."),
    annotate: str = typer.Option(
        None, "--annotate", metavar="DIR",
        help="Also write DIR/<name>.annotated.pdf for each PDF checked: its pages with a box around the row or "
             "sentence of every finding, holding the message as a PDF note. The original is not modified."),
    jobs: int = typer.Option(None, "--jobs", "-j", min=1, show_default="the number of cores",
                             help="Extract documents (PDF, text) this many at a time, and check a stream of records "
                                  "this many documents at a time, in worker processes; findings come out in input "
                                  "order."),
    no_cache: bool = _no_cache_option(),
    output: str = _output_option(),
) -> None:
    """Check disclosures: arithmetic, tables against each other, the narrative against the tables,
    percentages, performance forms, counts, completeness, codes and wording; one finding record each.

    Severities: error (a figure or rule is wrong beyond rounding), warning (likely wrong, or wrong
    on a row whose column split is uncertain), info (a rounding tail and other notes).
    Exit codes: 0 no finding at --fail-on severity or worse; 1 such findings; 2 usage error;
    3 an input (file, document or record line) could not be read; the others were still checked.
    """
    from .checks import select_rules
    from .records import SEVERITY_RANK
    from .document import heading
    from .commands.check import BaselineError, CheckRun, read_baseline
    from .budget import default_jobs

    try:
        chosen = select_rules(_split_patterns(rules), _split_patterns(skip))
        known = read_baseline(baseline) if baseline else frozenset()
        if annotate:
            _writable_folder(annotate)
    except (ValueError, BaselineError, CannotWrite) as error:
        _stderr().print(f"budgetkit: {error}", soft_wrap=True, markup=False)
        raise typer.Exit(EXIT_USAGE)
    if list_rules:
        with _output_to(output):
            _print_rules(chosen, output_format)
        return
    inputs = _record_inputs("check", inputs)
    with _output_to(output):
        run = CheckRun(chosen, _teller(_stderr()), use_cache=not no_cache, baseline=known,
                       jobs=jobs or default_jobs())
        report = _check_report(output_format)
        shown = SEVERITY_RANK[min_severity.value]
        for checked in run.checked(inputs, sys.stdin):
            found = [f for f in checked.findings if SEVERITY_RANK[f["severity"]] <= shown]
            report.document(heading(checked.meta, checked.path or checked.doc), found, meta=checked.meta,
                            tables=checked.tables)
            if annotate:
                run.annotate(checked, found, annotate)
        report.close()
        if baseline:
            _teller(_stderr())(f"{run.left_out} finding{'s' if run.left_out != 1 else ''} left out: "
                               f"already in the baseline {baseline}")
        if run.unreadable or run.failures or run.not_annotated:
            raise typer.Exit(EXIT_UNREADABLE)
        if fail_on is not FailOn.never and any(
                count for name, count in run.counts.items() if SEVERITY_RANK[name] <= SEVERITY_RANK[fail_on.value]):
            raise typer.Exit(EXIT_PROBLEMS)


def _split_patterns(values: List[str] | None) -> list[str] | None:
    if not values:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _writable_folder(path: str) -> None:
    """The folder ``--annotate`` writes into, made if missing; a usage error if it cannot be."""
    try:
        os.makedirs(path, exist_ok=True)
    except OSError as error:
        raise CannotWrite(f"--annotate: cannot write into {path}: {error.strerror or error}") from None
    if not os.access(path, os.W_OK):
        raise CannotWrite(f"--annotate: cannot write into {path}: permission denied")


def _check_report(fmt: CheckFormat):
    fmt = _resolved(fmt)
    if fmt is CheckFormat.html:
        from .html_report import HtmlReport

        return HtmlReport(sys.stdout)
    from .checks.report import FindingsView
    from .report import make_report

    return make_report(fmt.value, FindingsView(), sys.stdout)


def _print_rules(chosen, fmt: CheckFormat) -> None:
    """The rules: a table on a terminal, Markdown (docs/rules.md, also for html), CSV, or JSON Lines."""
    from rich.table import Table

    from .checks import FAMILIES
    from .checks.report import rules_markdown

    fmt = ReportFormat(_resolved(fmt).value.replace("html", "markdown"))
    rows = [(item.id, FAMILIES[item.family], item.summary) for item in chosen]
    if fmt is ReportFormat.table:
        view = Table("rule", "family", "checks")
        for rule_row in rows:
            view.add_row(*rule_row)
        Console(highlight=False).print(view)
    elif fmt is ReportFormat.markdown:
        print(rules_markdown(rows))
    elif fmt is ReportFormat.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerows([("rule", "family", "checks"), *rows])
    else:
        for rule_id, family, summary in rows:
            print(json.dumps({"rule": rule_id, "family": family, "checks": summary}, ensure_ascii=False))


@app.command()
def diff(
    document_a: str = typer.Argument(..., metavar="A", help="The base document: a PDF or text document, a record "
                                     "file (.jsonl) holding one document's records, or '-' for records on stdin; "
                                     "alone, a stream of many documents, compared pair by pair."),
    document_b: str = typer.Argument(None, metavar="[B]", help="The document compared with A, in the same forms."),
    output_format: ReportFormat = typer.Option(
        ReportFormat.auto, "--format", "-f",
        help="jsonl (change records, the default when stdout is not a terminal), table (the default on a terminal: "
             "by table, biggest movers first), markdown or csv."),
    threshold: List[str] = typer.Option(
        None, "--threshold", "-t", help="Drop changes smaller than this: an amount in 万元 (10) or a percentage "
                                        "(5%); give both to keep only changes at least as large as each."),
    everything: bool = typer.Option(False, "--all", help="Also write the figures that did not change."),
    no_cache: bool = _no_cache_option(),
    output: str = _output_option(),
) -> None:
    """Compare two documents: two years of a department, or a budget with its final account.

    Writes one change record per figure that differs: the headline figures (totals, basic/project,
    personnel/public, “三公” and its parts, staff counts), then each table both documents print, rows paired
    by code (else by name) and columns by meaning.  Statuses: added, removed, changed, unchanged (with --all);
    a budget compared with its final account gives executed, with the execution rate (actual / budget).

    Given A alone (a folder, a record stream, '-'), each document is compared with the same department's
    document of the same kind the year before, and a final account with its budget of the same year, when
    those come earlier in the stream (extract 2023/ 2024/ | budgetkit diff -).

    Exit codes: 0 compared (changes are data, not failures); 2 usage error; 3 an input (a file, a document,
    a record line) could not be read, or A alone held no pair to compare.
    """
    from .commands.diff import DiffRun, UsageError

    tell = _teller(_stderr())
    with _output_to(output):
        run = DiffRun(tell, use_cache=not no_cache)
        fmt = _resolved(output_format).value
        try:
            if document_b is None:
                compared = _write_diffs(run.pairs(document_a, sys.stdin, threshold, everything), fmt, tell)
                if not compared and not run.unreadable:
                    run.inputs.report(document_a, "no two documents of one department to compare (the year "
                                                  "before, or a budget and its final account of one year)")
            else:
                pair = run.compare(document_a, document_b, sys.stdin, threshold, everything)
                _write_diffs([pair] if pair is not None else [], fmt, tell)
        except UsageError as error:
            tell(str(error))
            raise typer.Exit(EXIT_USAGE)
        if run.unreadable:
            raise typer.Exit(EXIT_UNREADABLE)


def _write_diffs(pairs, fmt: str, tell) -> int:
    """Write each comparison; how many there were."""
    from .diff.report import ChangesView
    from .document import heading
    from .report import make_report

    report = make_report(fmt, ChangesView(), sys.stdout)
    count = 0
    for a, b, comparison in pairs:
        for note in comparison.notes:
            tell(f"note: {note}")
        title = f"A: {heading(a.meta, a.path or a.doc)}  →  B: {heading(b.meta, b.path or b.doc)}"
        report.document(title, comparison.changes, titles=comparison.titles)
        count += 1
    report.close()
    return count


@app.command()
def kpi(
    inputs: List[str] = typer.Argument(
        None, metavar="[INPUTS]...",
        help="Record files (.jsonl), '-' for records on stdin (the default when piped), or PDF/text documents "
             "and folders, which are extracted first."),
    output_format: ReportFormat = typer.Option(
        ReportFormat.auto, "--format", "-f",
        help="jsonl (the records passed on with the kpi records, the default when stdout is not a terminal), "
             "table (the default on a terminal), markdown or csv (kpi records only)."),
    only: bool = typer.Option(False, "--only", help="Write only the kpi records, not the records read."),
    jobs: int = _extract_jobs_option(),
    no_cache: bool = _no_cache_option(),
    output: str = _output_option(),
) -> None:
    """Key figures per document (kpi records): shares of total expenditure, amounts per person,
    growth over the year before, execution rates, and performance-form scores recomputed next to
    the printed ones; each with its formula and its inputs (table cell, statement or form).

    The input records are passed on, each document followed by its kpi records, so
    `budgetkit extract … | budgetkit kpi | budgetkit summarize` works.  Growth needs the year before
    of the same department earlier in the stream.
    Exit codes: 0 ok; 2 usage error; 3 an input (file, document or record line) could not be read;
    the others were still processed.
    """
    from .budget import default_jobs
    from .document import heading
    from .commands.kpi import KpiRun, kpi_report, passed_on

    inputs = _record_inputs("kpi", inputs)
    with _output_to(output):
        report = kpi_report(_resolved(output_format).value, only, sys.stdout)
        run = KpiRun(_teller(_stderr()), use_cache=not no_cache, jobs=jobs or default_jobs())
        for document, records in run.documents(inputs, sys.stdin):
            report.document(heading(document.meta, document.path or document.doc), records,
                            passed=passed_on(document))
        report.close()
        raise typer.Exit(EXIT_UNREADABLE if run.unreadable else EXIT_OK)


class GroupBy(str, Enum):
    department = "department"
    year = "year"
    region = "region"
    kind = "kind"


@app.command()
def summarize(
    inputs: List[str] = typer.Argument(
        None, metavar="[INPUTS]...",
        help="Record files (.jsonl: records, kpi records, findings), '-' for records on stdin (the default when "
             "piped), or PDF/text documents and folders, which are extracted first."),
    output_format: ReportFormat = typer.Option(
        ReportFormat.auto, "--format", "-f",
        help="jsonl (summary records, the default when stdout is not a terminal), table (the default on a "
             "terminal), markdown or csv."),
    by: GroupBy = typer.Option(None, "--by", help="Total the documents per department, year, region or kind."),
    top: int = typer.Option(None, "--top", min=1, help="Only the N largest (by --sort, default total_expenditure)."),
    sort: str = typer.Option(None, "--sort", help="Rank by this figure, largest first: an amount "
                             "(total_expenditure, three_public…), a kpi (share_three_public, growth_three_public…), "
                             "errors or documents."),
    lines: int = typer.Option(5, "--lines", min=0, help="How many of the largest functional lines (类) to show."),
    jobs: int = _extract_jobs_option(),
    no_cache: bool = _no_cache_option(),
    output: str = _output_option(),
) -> None:
    """An overview per document: department, year, kind, total expenditure, basic vs project,
    personnel vs public, 三公 and its parts, the largest functional lines (类), staff, kpis, and the
    findings by severity when check's findings are in the stream (give them before the records).
    With --by, totals per group; with --top/--sort, a ranking.

    Exit codes: 0 ok; 2 usage error (bad option, unknown --sort figure); 3 an input (file, document or
    record line) could not be read; the others were still summarized.
    """
    from .budget import default_jobs
    from .commands.summarize import SORT_KEYS, SummarizeRun, grouped, ranked, summary_report
    from .summary.report import title as summary_title

    err = _stderr()
    if sort is not None and sort not in SORT_KEYS:
        err.print(f"budgetkit summarize: unknown --sort figure {sort!r}; choose from: {', '.join(SORT_KEYS)}",
                  soft_wrap=True, markup=False)
        raise typer.Exit(EXIT_USAGE)
    inputs = _record_inputs("summarize", inputs)
    key = sort or ("total_expenditure" if top is not None else None)  # --top alone ranks by total expenditure
    # one card per document as it comes, or one table of groups or ranked documents at the end
    listed = by is not None or key is not None
    caption = " · ".join(part for part in (f"by {by.value}" if by else "", f"top {top}" if top else "",
                                           f"by {key}" if key else "") if part)
    with _output_to(output):
        report = summary_report(_resolved(output_format).value, listed, caption, key, sys.stdout)
        run = SummarizeRun(_teller(err), lines, use_cache=not no_cache, jobs=jobs or default_jobs())
        summaries = run.summaries(inputs, sys.stdin)
        records = grouped(summaries, by.value, lines) if by is not None else (s.record for s in summaries)
        if key is not None:
            records = ranked(records, key, top)
        for record in records:
            report.document(summary_title(record), [record])
        report.close()
        raise typer.Exit(EXIT_UNREADABLE if run.unreadable else EXIT_OK)


class SqlDialect(str, Enum):
    duckdb = "duckdb"
    sqlite = "sqlite"


@app.command()
def schema(
    sql: bool = typer.Option(False, "--sql", help="Print CREATE TABLE statements, one table per record type, "
                                                  "amounts as exact decimals, instead of the JSON Schema."),
    dialect: SqlDialect = typer.Option(SqlDialect.duckdb, "--dialect",
                                       help="With --sql: duckdb (amounts DECIMAL(38, 10)) or sqlite (amounts TEXT, "
                                            "exact; add them with decimal_sum())."),
    output: str = _output_option(),
) -> None:
    """Print the JSON Schema of budgetkit records (see docs/schema.md), or with --sql the SQL tables."""
    from .records import json_schema
    from .sql import create_tables

    with _output_to(output):
        if sql:
            sys.stdout.write(create_tables(dialect.value))
        else:
            print(json.dumps(json_schema(), ensure_ascii=False, indent=2))


class _interruptible:
    """Ctrl-C stops the run with one line on stderr and exit code 130, not a traceback."""

    def __init__(self, err: Console):
        self.err = err

    def __enter__(self):
        return self

    def __exit__(self, kind, *exc):
        if kind is KeyboardInterrupt:
            self.err.print("budgetkit: interrupted", soft_wrap=True, markup=False)
            raise typer.Exit(EXIT_INTERRUPTED)
        return False


def main() -> None:
    # Behave like other Unix filters when the reader goes away (``| head``): stop quietly.
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    app(prog_name="budgetkit")
