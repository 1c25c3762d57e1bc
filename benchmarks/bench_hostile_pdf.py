"""Peak memory and time of `budgetkit extract` on hostile PDFs, against a normal sample.

Three runs, each of one file in its own child process (as bench_extract.py measures
them: wall time, and the peak of the summed RSS of the command and its workers):

* sample - a bundled sample PDF, the baseline of this run;
* bomb   - four pages, the third a FlateDecode content stream of 1.2 MB that inflates to
  1.2 GB of spaces (read without a budget: 2.2 GB);
* slow   - three pages, the second five million tiny paths pdfminer interprets one by one
  (read without a budget: two minutes, little memory).

The PDFs are built on the fly (tests/fixtures/budget_pdfs.py).  By default the command
runs with its default budget (1G, 60 s a page), so the slow page takes a minute;
``--page-timeout 10`` passes a shorter one.  ``--without-budget`` also runs the hostile
files with both budgets off, to show what the budget saves (minutes, gigabytes).

    python benchmarks/bench_hostile_pdf.py
    python benchmarks/bench_hostile_pdf.py --page-timeout 10 --jobs 2 --json
    python benchmarks/bench_hostile_pdf.py --without-budget
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests" / "fixtures"))

from budget_pdfs import bomb_pdf, slow_pdf  # noqa: E402

SAMPLE = ROOT / "samples" / "shanghai-putuo-wanli-jiedao-2023-budget.pdf"
BOMB_BYTES = 1_200_000_000
SLOW_REPEATS = 5_000_000
UNBUDGETED = ["--max-memory", "0", "--page-timeout", "0"]


def measure(command: list[str], path: str) -> dict:
    """One run of ``command path`` through bench_extract.py's measuring worker."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, str(HERE / "bench_extract.py"), "--run-worker", "--", *command, path],
                          capture_output=True, text=True)
    seconds = time.perf_counter() - start
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        raise SystemExit(f"bench_hostile_pdf: the measuring worker failed\n{proc.stderr.strip()}")
    report = json.loads(lines[-1])
    told = [line.split(": ", 2)[-1] for line in proc.stderr.splitlines() if line.startswith("budgetkit: ")]
    return {"seconds": round(seconds, 2), "peak_rss_mib": round(report["peak_rss_kib"] / 1024, 1),
            "exit_code": report["exit_code"], "problems": [t for t in told if "page" in t]}


def run(options: list[str], without_budget: bool) -> dict:
    command = [sys.executable, "-m", "budgetkit", "extract", "--no-cache", *options]
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        files = {"sample": str(SAMPLE), "bomb": str(Path(folder) / "bomb.pdf"), "slow": str(Path(folder) / "slow.pdf")}
        Path(files["bomb"]).write_bytes(bomb_pdf(BOMB_BYTES))
        Path(files["slow"]).write_bytes(slow_pdf(SLOW_REPEATS))
        for name, path in files.items():
            results[name] = measure(command, path)
            if without_budget and name != "sample":
                results[name + " (no budget)"] = measure([*command, *UNBUDGETED], path)
    sample = results["sample"]
    for result in results.values():
        result["memory_ratio"] = round(result["peak_rss_mib"] / sample["peak_rss_mib"], 2)
        result["time_ratio"] = round(result["seconds"] / sample["seconds"], 2)
    return results


def format_table(results: dict) -> str:
    rows = [f"{'':<19}{'exit':>5}{'seconds':>9}{'peak RSS MiB':>14}{'× sample':>10}  problem"]
    for name, r in results.items():
        rows.append(f"{name:<19}{r['exit_code']:>5}{r['seconds']:>9.2f}{r['peak_rss_mib']:>14.1f}"
                    f"{r['memory_ratio']:>10.2f}  {'; '.join(r['problems'])}")
    return "\n".join(rows)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-memory", help="passed to extract (default: extract's, 1G)")
    parser.add_argument("--page-timeout", help="passed to extract (default: extract's, 60 s)")
    parser.add_argument("--jobs", help="passed to extract (default: extract's, one per core)")
    parser.add_argument("--without-budget", action="store_true",
                        help="also run the hostile files with both budgets off (minutes, 2.2 GB)")
    parser.add_argument("--json", action="store_true", help="print the results as one JSON object")
    args = parser.parse_args(argv)
    options = [part for name in ("max_memory", "page_timeout", "jobs") if getattr(args, name)
               for part in ("--" + name.replace("_", "-"), getattr(args, name))]
    results = run(options, args.without_budget)
    print(json.dumps(results, ensure_ascii=False, indent=2) if args.json else format_table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
