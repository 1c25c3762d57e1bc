#!/usr/bin/env python3
"""Peak memory of a record-reading command over a long stream, against a short one.

The golden records of one sample are written N times, each copy a document of its own
(a new ``doc`` and ``disclosure``), and piped into ``budgetkit check -`` (or ``--command``) in a child
process; its peak resident memory (``ru_maxrss``) and wall time are compared with the
same run over ``--base`` documents.  A memory ratio near 1 means memory does not grow
with the number of documents.  The time of the long run is also compared with
``jq -c 'select(.type=="row")'`` over the same file (when jq is installed): a filter that
only parses each line, the least any tool reading the stream must do.

    python benchmarks/bench_stream.py                        # 1,000 against 10 documents, check
    python benchmarks/bench_stream.py --documents 200 --command "budgetkit summarize"
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "tests/golden/jiangsu-jianchayuan-2018-budget.jsonl"

# Measured in a fresh process each time: RUSAGE_CHILDREN is the largest child ever waited for.
PEAK = textwrap.dedent("""
    import resource, subprocess, sys
    with open(sys.argv[1], "rb") as records:
        code = subprocess.run(sys.argv[2:], stdin=records, stdout=subprocess.DEVNULL).returncode
    print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
""")


def write_stream(documents: int, source: Path, path: str) -> None:
    lines = source.read_text(encoding="utf-8").splitlines()
    with open(path, "w", encoding="utf-8") as out:
        for number in range(documents):
            for line in lines:
                record = json.loads(line)
                record["doc"] = f"{number:016x}"
                if record["type"] == "document":  # a disclosure of its own, as another document has
                    record["disclosure"] = record["doc"]
                out.write(json.dumps(record, ensure_ascii=False) + "\n")


def measure(command: list[str], path: str) -> tuple[int, int, float]:
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", PEAK, path, *command], capture_output=True, text=True,
                            check=True)
    code, peak = result.stdout.split()
    return int(code), int(peak), time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--base", type=int, default=10)
    parser.add_argument("--command", default=f"{sys.executable} -m budgetkit check -")
    parser.add_argument("--source", type=Path, default=SOURCE, help="the records of one document")
    args = parser.parse_args()
    command = shlex.split(args.command)
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for documents in (args.base, args.documents):
            path = os.path.join(folder, f"{documents}.jsonl")
            write_stream(documents, args.source, path)
            code, peak, seconds = measure(command, path)
            if code not in (0, 1):
                print(f"{args.command} exited with {code} on {documents} documents", file=sys.stderr)
                return 1
            rows.append((documents, os.path.getsize(path) / 2**20, peak / 1024, seconds))
        jq = _jq_seconds(path)
        records = sum(1 for _ in open(path, encoding="utf-8"))
    print(f"{'documents':>9}  {'input MiB':>9}  {'peak RSS MiB':>12}  {'seconds':>7}  {'docs/s':>6}")
    for documents, size, peak, seconds in rows:
        print(f"{documents:>9}  {size:>9.1f}  {peak:>12.1f}  {seconds:>7.1f}  {documents / seconds:>6.1f}")
    print(f"memory ratio ({args.documents} ÷ {args.base} documents): {rows[1][2] / rows[0][2]:.2f}")
    if jq is not None:
        print(f"time ratio against jq over {records:,} records: {rows[1][3]:.1f} s ÷ {jq:.1f} s = "
              f"{rows[1][3] / jq:.2f}")
    return 0


def _jq_seconds(path: str) -> float | None:
    if shutil.which("jq") is None:
        return None
    start = time.perf_counter()
    with open(path, "rb") as records:
        subprocess.run(["jq", "-c", 'select(.type=="row")'], stdin=records, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


if __name__ == "__main__":
    sys.exit(main())
