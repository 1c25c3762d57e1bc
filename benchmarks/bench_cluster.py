#!/usr/bin/env python3
"""Documents per second of ``extract`` with ``--jobs 1``, ``--jobs 2``, and on a local Dask
cluster of 1 and 2 worker processes, over the same folder; the same writing a Parquet
dataset (``--out``: by this process with ``--jobs 2``, by the workers on the cluster); and
the scheduler's cost per task (a task that does nothing, sent and gathered).

The folder is ``--copies`` copies of the sample PDFs and texts (each copy its own file, so
nothing is deduplicated); ``--no-cache`` makes every run read every document.  Each
configuration runs ``--rounds`` times, interleaved, and the median is printed with its
ratio to ``--jobs 1``.  Needs ``budgetkit[cluster]``.

    python benchmarks/bench_cluster.py
    python benchmarks/bench_cluster.py --copies 10 --rounds 3
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def corpus(folder: Path, copies: int) -> int:
    samples = sorted(p for p in (ROOT / "samples").iterdir() if p.suffix in (".pdf", ".txt"))
    for copy in range(copies):
        for sample in samples:
            shutil.copy(sample, folder / f"{copy:03d}-{sample.name}")
    return copies * len(samples)


def timed(args: list[str]) -> float:
    """Seconds of one run; ``OUT`` in ``args`` is a new, empty dataset folder each run."""
    with tempfile.TemporaryDirectory() as out:
        return _timed([out if arg == OUT else arg for arg in args])


OUT = "<a new folder>"


def _timed(args: list[str]) -> float:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "budgetkit", "extract", "--no-cache", *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if result.returncode not in (0, 1):
        raise SystemExit(f"bench_cluster: extract {' '.join(args)} failed ({result.returncode}): {result.stderr}")
    return time.perf_counter() - started


def task_overhead(address: str, tasks: int = 2000) -> float:
    """Seconds per task the scheduler adds: tasks doing nothing, submitted and gathered."""
    from distributed import Client

    with Client(address) as client:
        started = time.perf_counter()
        client.gather(client.map(lambda x: x, range(tasks), pure=False))
        return (time.perf_counter() - started) / tasks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    import dask
    from distributed import LocalCluster

    with tempfile.TemporaryDirectory() as folder, dask.config.set({"distributed.worker.daemon": False}):
        documents = corpus(Path(folder), options.copies)
        clusters = {n: LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0")
                    for n in (1, 2)}
        try:
            runs = {"--jobs 1": ["--jobs", "1"], "--jobs 2": ["--jobs", "2"],
                    **{f"cluster of {n}": ["--cluster", c.scheduler_address] for n, c in clusters.items()},
                    "--jobs 2 --out": ["--jobs", "2", "--out", OUT],
                    "cluster of 2 --out": ["--cluster", clusters[2].scheduler_address, "--out", OUT]}
            times: dict[str, list[float]] = {name: [] for name in runs}
            for _ in range(options.rounds):
                for name, args in runs.items():
                    times[name].append(timed([folder, *args]))
            overhead = task_overhead(clusters[2].scheduler_address)
        finally:
            for cluster in clusters.values():
                cluster.close()
    base = statistics.median(times["--jobs 1"])
    print(f"{documents} documents, median of {options.rounds} rounds")
    print(f"{'run':<20}{'seconds':>9}{'docs/s':>9}{'ratio':>8}")
    for name, measured in times.items():
        seconds = statistics.median(measured)
        print(f"{name:<20}{seconds:>9.2f}{documents / seconds:>9.1f}{base / seconds:>8.2f}")
    print(f"scheduler overhead per task: {overhead * 1000:.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
