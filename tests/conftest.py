import functools
import os
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def at_repo_root(monkeypatch):
    """Golden files hold paths relative to the repository root."""
    monkeypatch.chdir(ROOT)


def samples():
    return sorted(p for p in (ROOT / "samples").iterdir() if p.suffix in (".pdf", ".txt"))


def pytest_configure(config):
    os.environ.setdefault("NO_COLOR", "1")
    # Never read or fill the user's extraction cache: one fresh cache per test session.
    import tempfile
    os.environ["BUDGETKIT_CACHE_DIR"] = tempfile.mkdtemp(prefix="budgetkit-test-cache-")


def pytest_unconfigure(config):
    import shutil
    shutil.rmtree(os.environ.get("BUDGETKIT_CACHE_DIR", ""), ignore_errors=True)


@functools.cache
def extracted(relative_path: str) -> tuple[dict, ...]:
    """The records of one sample, extracted once per test session (PDFs take seconds)."""
    from budgetkit.extraction.build import extract_file

    previous = os.getcwd()
    os.chdir(ROOT)
    try:
        return tuple(extract_file(relative_path).records)
    finally:
        os.chdir(previous)


# --- a disclosure in two files ------------------------------------------------------------

# The Jiangxia sample cut in two, as cities publish 附件1 情况说明 and 附件2 报表.
SPLIT_SAMPLE = "samples/jiangxia-yibao-2024-budget.txt"
NARRATIVE_LINES = [*range(1, 73), *range(494, 641)]  # cover, contents, 概况 and 情况说明
TABLE_LINES = [*range(1, 5), *range(73, 494)]  # cover and 报表


def disclosure_in_two_files(folder: pathlib.Path) -> pathlib.Path:
    """``folder`` holding 附件1-情况说明.txt and 附件2-报表.txt, the sample's two halves."""
    lines = (ROOT / SPLIT_SAMPLE).read_text(encoding="utf-8").splitlines()
    for name, numbers in (("附件1-情况说明.txt", NARRATIVE_LINES), ("附件2-报表.txt", TABLE_LINES)):
        (folder / name).write_text("\n".join(lines[n - 1] for n in numbers) + "\n", encoding="utf-8")
    return folder


# --- a Parquet dataset --------------------------------------------------------------------

def dataset_table(folder, kind: str) -> str:
    """DuckDB's view of one record type of a dataset ``extract --out`` wrote."""
    return f"read_parquet('{folder}/{kind}/**/*.parquet', hive_partitioning = true)"


def assert_dataset_holds(folder, records: list[dict]) -> None:
    """The dataset has as many records of each type as ``records``, and its rows' 合计 add
    up to the same exact Decimal."""
    from collections import Counter
    from decimal import Decimal

    import duckdb

    db = duckdb.connect()
    for kind, count in Counter(r["type"] for r in records).items():
        assert db.execute(f"SELECT count(*) FROM {dataset_table(folder, kind)}").fetchone()[0] == count, kind
    (total,) = db.execute(f"""SELECT sum(CAST("values" ->> '$.total' AS DECIMAL(38, 10)))
                              FROM {dataset_table(folder, 'row')}""").fetchone()
    assert total == sum((r["values"].get("total") or Decimal(0) for r in records if r["type"] == "row"), Decimal(0))
