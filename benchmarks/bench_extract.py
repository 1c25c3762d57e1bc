"""Benchmark `budgetkit extract` against a plain pdfplumber loop.

What is measured, for the same set of PDF files:

* baseline  - a plain pdfplumber loop: open each PDF and call
  ``page.extract_tables()`` and ``page.extract_text()`` on every page;
* budgetkit - the extract command (default ``python -m budgetkit extract --no-cache
  FILES``), with its stdout sent to /dev/null and its stderr captured;
* one core  - by default, the same with ``--jobs 1``: budgetkit's ratio on one core.

Each measurement runs in its own child process, so peak memory is measured in
isolation.  Wall time is taken in this (parent) process and includes interpreter
start-up and imports.  The commands run in ``--repeat`` interleaved rounds and the
median time of each is reported (the best too).  Peak RSS is the
child's ``ru_maxrss``: the baseline worker reports its own (RUSAGE_SELF), and the
budgetkit command, which cannot report anything itself, is started by a small
wrapper worker that reports the peak of the summed RSS of the command and all its
worker processes (sampled from /proc), or RUSAGE_CHILDREN where that is larger.  The
wrapper adds one bare interpreter start-up (~20 ms) to the budgetkit time.

An exit code of 0 or 1 from the command counts as a finished run (1 may mean it
reported problems in the input); any other code, or a Python crash (traceback or
missing module on stderr), is an error: it is printed and this script exits 1.

Run from the repository root (standard library + pdfplumber only):

    python benchmarks/bench_extract.py                      # all samples/*.pdf
    python benchmarks/bench_extract.py --repeat 5 a.pdf b.pdf
    python benchmarks/bench_extract.py --command "budgetkit extract --jobs 1" --json
"""

from __future__ import annotations

import argparse
import json
import resource
import shlex
import statistics
import subprocess
import sys
import tempfile
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
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    except OSError as error:
        sys.exit(f"cannot run {shlex.join(command)}: {error}")
    # ru_maxrss is the peak of one process; with worker processes what counts is the peak
    # of their sum, sampled from /proc (Linux) every 20 ms.
    total_peak = 0
    while proc.poll() is None:
        total_peak = max(total_peak, tree_rss_kib(proc.pid))
        time.sleep(0.02)
    single = peak_rss_kib(resource.RUSAGE_CHILDREN)
    print(json.dumps({"exit_code": proc.returncode, "peak_rss_kib": max(single, total_peak)}))


def tree_rss_kib(root: int) -> int:
    """The resident memory of a process and all its descendants, in KiB (0 where /proc is
    missing).  Only the tree is read (its /proc/PID/task/*/children lists), so sampling
    costs a fraction of a millisecond and takes next to no CPU from the measured run."""
    total, frontier, seen = 0, [root], {root}
    while frontier:
        pid = frontier.pop()
        total += _vm_rss_kib(pid)
        for children in Path(f"/proc/{pid}/task").glob("*/children"):
            try:
                found = [int(child) for child in children.read_text().split()]
            except OSError:
                continue
            frontier.extend(child for child in found if child not in seen)
            seen.update(found)
    return total


def _vm_rss_kib(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    return next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)


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


def measure(files: list[str], commands: dict[str, list[str]], repeat: int) -> dict:
    """Run the baseline and each command ``repeat`` times, in interleaved rounds (so a
    slower spell of the machine falls on all of them); keep each one's median and best
    time and its largest peak RSS.  ``commands``: a label for each budgetkit command."""
    seconds: dict[str, list[float]] = {name: [] for name in ("baseline", *commands)}
    peak = dict.fromkeys(seconds, 0)
    pages, exit_codes = 0, dict.fromkeys(commands, 0)
    for _ in range(repeat):
        spent, report = timed_child("baseline", ["--baseline-worker", *files])
        seconds["baseline"].append(spent)
        peak["baseline"] = max(peak["baseline"], report["peak_rss_kib"])
        pages = report["pages"]
        for name, command in commands.items():
            spent, report = timed_child(shlex.join(command), ["--run-worker", "--", *command, *files])
            seconds[name].append(spent)
            peak[name] = max(peak[name], report["peak_rss_kib"])
            exit_codes[name] = report["exit_code"]
    result: dict = {"files": files, "repeat": repeat, "commands": commands}
    for name, runs in seconds.items():
        median = statistics.median(runs)
        result[name] = {"pages": pages, "seconds": round(median, 3), "best_seconds": round(min(runs), 3),
                        "pages_per_second": round(pages / median, 2), "peak_rss_mib": round(peak[name] / 1024, 1)}
        if name in commands:
            result[name]["exit_code"] = exit_codes[name]
            # Same pages: the ratio of rates is the ratio of times.
            result[name]["speed_ratio"] = round(result["baseline"]["seconds"] / median, 2)
            result[name]["memory_ratio"] = round(peak[name] / peak["baseline"], 2)
    return result


def budgetkit_commands(command: list[str], given: bool) -> dict[str, list[str]]:
    """What is measured against the baseline: the command as given; by default, budgetkit
    on all cores and on one (``--jobs 1``), each reading every file (``--no-cache``)."""
    if given:
        return {"budgetkit": command}
    return {"budgetkit": [*command, "--no-cache"], "one core": [*command, "--no-cache", "--jobs", "1"]}


def measure_budgetkit_modes(files: list[str], command: list[str]) -> dict:
    """budgetkit alone: --jobs 1 (in process) against the default --jobs (same records?), and a
    second run over a warm cache against a cold one (what a cron job re-running costs)."""
    out: dict = {}
    with tempfile.TemporaryDirectory() as cache:
        single = subprocess.run([*command, "--no-cache", "--jobs", "1", *files], capture_output=True)
        start = time.perf_counter()
        cold = subprocess.run([*command, "--cache", cache, *files], capture_output=True)
        cold_seconds = time.perf_counter() - start
        start = time.perf_counter()
        warm = subprocess.run([*command, "--cache", cache, *files], capture_output=True)
        warm_seconds = time.perf_counter() - start
    out["same_records_jobs_1_vs_default"] = single.stdout == cold.stdout
    out["same_records_warm_cache"] = warm.stdout == cold.stdout
    out["cold_cache_seconds"] = round(cold_seconds, 3)
    out["warm_cache_seconds"] = round(warm_seconds, 3)
    out["cache_ratio"] = round(cold_seconds / warm_seconds, 2)
    return out


def copied(files: list[str], times: int, folder: str) -> list[str]:
    """``times`` distinct copies of each file (one byte appended, so none hits the cache of another)."""
    paths = []
    for round_ in range(times):
        for path in files:
            target = Path(folder) / f"{round_:03}-{Path(path).name}"
            target.write_bytes(Path(path).read_bytes() + b"\n" * (round_ + 1))
            paths.append(str(target))
    return paths


def format_table(result: dict) -> str:
    names = ["baseline", *result["commands"]]
    rows = [f"{len(result['files'])} file(s), median of {result['repeat']} interleaved round(s)", "",
            f"{'':<11}{'pages':>7}{'seconds':>10}{'best':>8}{'pages/s':>10}{'peak RSS MiB':>14}{'speed ×':>9}"
            f"{'memory ×':>10}"]
    for name in names:
        r = result[name]
        rows.append(f"{name:<11}{r['pages']:>7}{r['seconds']:>10.2f}{r['best_seconds']:>8.2f}{r['pages_per_second']:>10.2f}"
                    f"{r['peak_rss_mib']:>14.1f}" + (f"{r['speed_ratio']:>9.2f}{r['memory_ratio']:>10.2f}"
                                                      if name != "baseline" else ""))
        if r.get("exit_code"):
            rows[-1] += f"   (exit code {r['exit_code']})"
    rows += ["", "speed × = baseline seconds ÷ these seconds (the same pages); memory × = peak RSS ÷ the baseline's",
             "  ".join(f"{name}: {' '.join(result['commands'][name])}" for name in result["commands"])]
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
    parser.add_argument("--repeat", type=int, default=3,
                        help="interleaved rounds; the median time of each command is kept (default 3)")
    parser.add_argument("--command", type=shlex.split, default=DEFAULT_COMMAND,
                        help='extract command, files are appended (default: "python -m budgetkit extract")')
    parser.add_argument("--json", action="store_true", help="print the results as one JSON object")
    parser.add_argument("--copies", type=int, default=1,
                        help="measure on N distinct copies of the files (memory must not grow with N)")
    parser.add_argument("--modes", action="store_true",
                        help="also compare --jobs 1 with the default and a warm cache with a cold one")
    args = parser.parse_args(argv)
    if not args.files:
        parser.error("no PDF files given and none found in samples/")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    with tempfile.TemporaryDirectory() as folder:
        files = copied(args.files, args.copies, folder) if args.copies > 1 else args.files
        commands = budgetkit_commands(args.command, given=args.command != DEFAULT_COMMAND)
        try:
            result = measure(files, commands, args.repeat)
        except BenchError as error:
            print(f"bench_extract: error: {error}", file=sys.stderr)
            return 1
        if args.modes:
            result["modes"] = measure_budgetkit_modes(files, args.command)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    print(format_table(result))
    if args.modes:
        modes = result["modes"]
        print(f"cache ratio  (cold-cache seconds ÷ warm-cache seconds):  {modes['cache_ratio']:.2f}"
              f"   ({modes['cold_cache_seconds']:.2f} s → {modes['warm_cache_seconds']:.2f} s)")
        print(f"same records: --jobs 1 vs default {modes['same_records_jobs_1_vs_default']}, "
              f"warm cache vs cold {modes['same_records_warm_cache']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
