"""Time and peak memory of reading and checking long inputs, against ordinary ones.

Each input of tests/fixtures/long_inputs.py runs in its own child process:

* a paragraph of 200 000 characters is written to a text file, read by
  ``budgetkit.extract`` and checked by every rule; the baseline is the paragraph of
  ordinary sentences (``sentences``) of the same length;
* a table of 10 000 rows is checked by every rule; the baseline is the table of 类/款/项
  codes (``functional``).

For each input the script prints the seconds spent reading, the seconds of all rules,
the slowest rule and its seconds, the peak resident memory, and the ratio of the total
time to the baseline's.  A ratio near 1 means the shape costs what ordinary text costs.

    python benchmarks/bench_hostile.py
    python benchmarks/bench_hostile.py --json
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "fixtures")]

PARAGRAPH_BASELINE = "sentences"
TABLE_BASELINE = "functional"


def measure_one(kind: str, name: str) -> dict:
    """Read (a paragraph) and check one input in this process."""
    import budgetkit
    from budgetkit.checks import Document, check_document
    from budgetkit.checks.registry import RULES
    from long_inputs import PARAGRAPHS, long_table

    start = time.perf_counter()
    if kind == "paragraph":
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"{name}-2026-budget.txt"
            path.write_text(f"2026年部门预算\n一、收支预算总体情况说明\n{PARAGRAPHS[name]}\n", encoding="utf-8")
            records = list(budgetkit.extract(path))
    else:
        from builders import document
        records = [document(), *long_table(name)]
    read = time.perf_counter() - start
    checked = Document(records[0]["doc"])
    for record in records:
        checked.add(record)
    rules = {}
    for rule_id, rule in RULES.items():
        start = time.perf_counter()
        for _ in check_document(checked, [rule]):
            pass
        rules[rule_id] = time.perf_counter() - start
    slowest = max(rules, key=rules.get)
    return {"input": f"{kind}:{name}", "read_s": round(read, 3), "rules_s": round(sum(rules.values()), 3),
            "slowest_rule": slowest, "slowest_s": round(rules[slowest], 3),
            "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


def measure(kind: str, name: str) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--one", kind, name], capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"bench_hostile: {kind} {name} failed\n{proc.stderr.strip()}")
    return json.loads(proc.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="one JSON object per input")
    parser.add_argument("--one", nargs=2, metavar=("KIND", "NAME"), help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.one:
        print(json.dumps(measure_one(*options.one)))
        return

    from long_inputs import PARAGRAPHS, TABLE_LAYOUTS

    results = []
    for kind, names, baseline in (("paragraph", sorted(PARAGRAPHS), PARAGRAPH_BASELINE),
                                  ("table", TABLE_LAYOUTS, TABLE_BASELINE)):
        measured = {name: measure(kind, name) for name in names}
        base = measured[baseline]["read_s"] + measured[baseline]["rules_s"]
        for name in names:
            row = measured[name]
            row["ratio"] = round((row["read_s"] + row["rules_s"]) / base, 2)
            results.append(row)
    if options.json:
        for row in results:
            print(json.dumps(row, ensure_ascii=False))
        return
    print(f"{'input':<32}{'read s':>8}{'rules s':>9}  {'slowest rule':<26}{'s':>7}{'MiB':>8}{'ratio':>7}")
    for row in results:
        print(f"{row['input']:<32}{row['read_s']:>8}{row['rules_s']:>9}  {row['slowest_rule']:<26}"
              f"{row['slowest_s']:>7}{row['peak_rss_mib']:>8}{row['ratio']:>7}")
    print(f"ratio: total time against {PARAGRAPH_BASELINE} (paragraphs) or {TABLE_BASELINE} (tables)")


if __name__ == "__main__":
    main()
