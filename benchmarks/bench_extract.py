"""Benchmark `budgetkit extract` against a plain pdfplumber loop.

What is measured, for the same set of PDF files:

* baseline  - a plain pdfplumber loop: open each PDF and call
  ``page.extract_tables()`` and ``page.extract_text()`` on every page;
* budgetkit - the extract command (default ``python -m budgetkit extract FILES``),
  with its stdout sent to /dev/null and its stderr captured.

Each measurement runs in its own child process, so peak memory is measured in
isolation.  Wall time is taken in this (parent) process and includes interpreter
start-up and imports; the best of ``--repeat`` runs is reported.  Peak RSS is the
child's ``ru_maxrss``: the baseline worker reports its own (RUSAGE_SELF), and the
budgetkit command, which cannot report anything itself, is started by a small
wrapper worker that reports RUSAGE_CHILDREN (the peak of its only child).  The
wrapper adds one bare interpreter start-up (~20 ms) to the budgetkit time.

An exit code of 0 or 1 from the command counts as a finished run (1 may mean it
reported problems in the input); any other code, or a Python crash (traceback or
missing module on stderr), is an error: it is printed and this script exits 1.

Run from the repository root (standard library + pdfplumber only):

    python benchmarks/bench_extract.py                      # all samples/*.pdf
    python benchmarks/bench_extract.py --repeat 3 a.pdf b.pdf
    python benchmarks/bench_extract.py --command "budgetkit extract" --json
"""

from __future__ import annotations

import argparse
import json
import resource
import shlex
import subprocess
import sys
import time
from pathlib import Path

SCRIPT = Path(__file__).resolve()
DEFAULT_FILES = sorted(SCRIPT.parent.parent.glob("samples/*.pdf"))
DEFAULT_COMMAND = [sys.executable, "-m", "budgetkit", "extract"]
OK_EXIT_CODES = (0, 1)
CRASH_MARKERS = ("Traceback (most recent call last)", "No module named ")


class BenchError(Exception):
    """A measured child process could not complete its run."""


def peak_rss_kib(who: int) -> int:
    """ru_maxrss in KiB (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(who).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak


def baseline_worker(files: list[str]) -> None:
    """Child mode: the plain pdfplumber loop; prints pages and own peak RSS as JSON."""
    import pdfplumber

    pages = 0
    for path in files:
        with pdfplumber.open(path) as pdf:
            pages += len(pdf.pages)
            for page in pdf.pages:
                page.extract_tables()
                page.extract_text()
    print(json.dumps({"pages": pages, "peak_rss_kib": peak_rss_kib(resource.RUSAGE_SELF)}))


def run_worker(command: list[str]) -> None:
    """Child mode: run COMMAND (stdout to /dev/null), report its exit code and peak RSS."""
    try:
        code = subprocess.run(command, stdout=subprocess.DEVNULL).returncode
    except OSError as error:
        sys.exit(f"cannot run {shlex.join(command)}: {error}")
    print(json.dumps({"exit_code": code, "peak_rss_kib": peak_rss_kib(resource.RUSAGE_CHILDREN)}))


def timed_child(label: str, worker_args: list[str]) -> tuple[float, dict]:
    """Run this script in a worker mode; return wall seconds and the worker's JSON report."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, str(SCRIPT), *worker_args], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        raise BenchError(f"{label} worker exited with code {proc.returncode}\n{proc.stderr.strip()}".strip())
    report = json.loads(lines[-1])
    code = report.get("exit_code", 0)
    if code not in OK_EXIT_CODES or any(marker in proc.stderr for marker in CRASH_MARKERS):
        raise BenchError(f"{label} exited with code {code}\n{proc.stderr.strip()}".strip())
    return seconds, report


def measure(files: list[str], command: list[str], repeat: int) -> dict:
    """Run baseline and budgetkit `repeat` times each (interleaved); keep best time, max RSS."""
    best = {"baseline": float("inf"), "budgetkit": float("inf")}
    peak = {"baseline": 0, "budgetkit": 0}
    pages, exit_code = 0, 0
    for _ in range(repeat):
        seconds, report = timed_child("baseline", ["--baseline-worker", *files])
        best["baseline"] = min(best["baseline"], seconds)
        peak["baseline"] = max(peak["baseline"], report["peak_rss_kib"])
        pages = report["pages"]
        seconds, report = timed_child(shlex.join(command), ["--run-worker", "--", *command, *files])
        best["budgetkit"] = min(best["budgetkit"], seconds)
        peak["budgetkit"] = max(peak["budgetkit"], report["peak_rss_kib"])
        exit_code = report["exit_code"]
    result: dict = {"files": files, "repeat": repeat, "command": command}
    for name in ("baseline", "budgetkit"):
        result[name] = {"pages": pages, "seconds": round(best[name], 3),
                        "pages_per_second": round(pages / best[name], 2),
                        "peak_rss_mib": round(peak[name] / 1024, 1)}
    result["budgetkit"]["exit_code"] = exit_code
    result["speed_ratio"] = round(best["baseline"] / best["budgetkit"], 2)  # same pages: rate ratio = time ratio
    result["memory_ratio"] = round(peak["budgetkit"] / peak["baseline"], 2)
    return result


def format_table(result: dict) -> str:
    rows = [f"{len(result['files'])} file(s), best of {result['repeat']} run(s)", "",
            f"{'':<10}{'pages':>7}{'seconds':>10}{'pages/s':>10}{'peak RSS MiB':>14}"]
    for name in ("baseline", "budgetkit"):
        r = result[name]
        rows.append(f"{name:<10}{r['pages']:>7}{r['seconds']:>10.2f}{r['pages_per_second']:>10.2f}"
                    f"{r['peak_rss_mib']:>14.1f}")
    if result["budgetkit"]["exit_code"]:
        rows[-1] += f"   (exit code {result['budgetkit']['exit_code']})"
    rows += ["", f"speed ratio  (budgetkit pages/s ÷ baseline pages/s):   {result['speed_ratio']:.2f}",
             f"memory ratio (budgetkit peak RSS ÷ baseline peak RSS): {result['memory_ratio']:.2f}"]
    return "\n".join(rows)


def main(argv: list[str]) -> int:
    if argv[:1] == ["--baseline-worker"]:
        baseline_worker(argv[1:])
        return 0
    if argv[:2] == ["--run-worker", "--"]:
        run_worker(argv[2:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", default=[str(p) for p in DEFAULT_FILES],
                        help="PDF files (default: samples/*.pdf)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement; best time is kept")
    parser.add_argument("--command", type=shlex.split, default=DEFAULT_COMMAND,
                        help='extract command, files are appended (default: "python -m budgetkit extract")')
    parser.add_argument("--json", action="store_true", help="print the results as one JSON object")
    args = parser.parse_args(argv)
    if not args.files:
        parser.error("no PDF files given and none found in samples/")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    try:
        result = measure(args.files, args.command, args.repeat)
    except BenchError as error:
        print(f"bench_extract: error: {error}", file=sys.stderr)
        return 1
    print(json.dumps(result, ensure_ascii=False, indent=2) if args.json else format_table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
