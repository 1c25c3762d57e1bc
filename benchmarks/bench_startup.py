#!/usr/bin/env python3
"""Start-up of the record commands: ``budgetkit check`` on one document record, against
a bare interpreter start (``python -c pass``) in the same run.

A pipeline may start budgetkit once per document, so what a records-only command costs
before it reads its first record matters: it must not import the PDF stack or the other
commands' reports.  Each command runs ``--repeat`` times in a fresh process, the best
time is kept; bytecode caches are warmed first (an installed package has them).

    python benchmarks/bench_startup.py
    python benchmarks/bench_startup.py --repeat 21 --command "budgetkit kpi"
"""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RECORD = ROOT / "tests/golden/jiangxia-yibao-2024-budget.jsonl"


def best_of(command: list[str], stdin_path: str, repeat: int, env: dict) -> float:
    best = float("inf")
    for _ in range(repeat):
        with open(stdin_path, "rb") as stdin:
            start = time.perf_counter()
            subprocess.run(command, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
            best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=11)
    parser.add_argument("--command", default=f"{sys.executable} -m budgetkit check",
                        help="the command to start (default: %(default)s)")
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # bytecode as installed
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as one:
        one.write(RECORD.read_text(encoding="utf-8").splitlines()[0] + "\n")
    try:
        command = shlex.split(args.command)
        best_of(command, one.name, 1, env)  # writes the bytecode caches
        baseline = best_of([sys.executable, "-c", "pass"], one.name, args.repeat, env)
        started = best_of(command, one.name, args.repeat, env)
    finally:
        os.unlink(one.name)
    print(f"python -c pass          {baseline:.3f} s")
    print(f"{args.command:<23} {started:.3f} s  (one document record on stdin)")
    print(f"ratio to a bare interpreter: {started / baseline:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
