#!/usr/bin/env python3
"""``check --annotate`` and ``check --format html`` against ``check`` alone, on the sample
PDFs' records and on ``--copies`` copies of them: wall time and peak resident memory of
each run, and the ratios.

The records are the golden records of the sample PDFs (their paths point at samples/), so
the runs check the same findings; the annotated run also writes a copy of each PDF with a
note per finding, the HTML run a report with a crop of the page per finding.  Memory
should not grow with the number of copies: each PDF is opened, annotated or cropped and
closed on its own.

    python benchmarks/bench_annotate.py
    python benchmarks/bench_annotate.py --copies 20
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PDF_RECORDS = [ROOT / "tests/golden" / (pdf.stem + ".jsonl") for pdf in sorted((ROOT / "samples").glob("*.pdf"))]

PEAK = textwrap.dedent("""
    import resource, subprocess, sys
    code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
    print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
""")


def stream(copies: int, path: str) -> int:
    """The sample records ``copies`` times, each copy a document of its own; the documents."""
    count = 0
    with open(path, "w", encoding="utf-8") as out:
        for number in range(copies):
            for source in PDF_RECORDS:
                for line in source.read_text(encoding="utf-8").splitlines():
                    record = json.loads(line)
                    record["doc"] = f"{number:04x}{record['doc'][4:]}"
                    record["path"] = str(ROOT / record["path"]) if record.get("path") else record.get("path")
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
    return count


def measure(command: list[str]) -> tuple[int, float, float]:
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", PEAK, *command], capture_output=True, text=True, check=True)
    code, peak = result.stdout.split()
    return int(code), time.perf_counter() - start, int(peak) / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=10)
    args = parser.parse_args()
    check = [sys.executable, "-m", "budgetkit", "check"]
    print(f"{'documents':>9}  {'run':<10} {'seconds':>8} {'peak MiB':>9}")
    with tempfile.TemporaryDirectory() as folder:
        for copies in (1, args.copies):
            records = f"{folder}/records-{copies}.jsonl"
            documents = stream(copies, records)
            _, alone, alone_peak = measure([*check, records])
            print(f"{documents:>9}  {'check':<10} {alone:>8.2f} {alone_peak:>9.1f}")
            for name, options in (("--annotate", ["--annotate", f"{folder}/annotated-{copies}"]),
                                  ("html", ["--format", "html"])):
                _, seconds, peak = measure([*check, records, *options])
                print(f"{documents:>9}  {name:<10} {seconds:>8.2f} {peak:>9.1f}"
                      f"   time ratio {seconds / alone:.2f}, memory ratio {peak / alone_peak:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
