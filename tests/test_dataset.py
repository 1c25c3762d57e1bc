"""``extract --out DIR``: a Parquet dataset that DuckDB reads back as the JSON Lines say."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from decimal import Decimal

import pytest

duckdb = pytest.importorskip("duckdb")

from conftest import assert_dataset_holds, dataset_table  # noqa: E402 - after the skip without duckdb

GOLDEN = sorted(f"tests/golden/{name}" for name in os.listdir("tests/golden") if name.endswith(".jsonl"))


def extract(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "budgetkit", "extract", *args], capture_output=True, text=True,
                          env={**os.environ, "NO_COLOR": "1"}, timeout=300)


def golden_records() -> list[dict]:
    from budgetkit.records import read_records

    records = []
    for path in GOLDEN:
        with open(path, encoding="utf-8") as handle:
            records += list(read_records(handle))
    return records


def test_the_samples_as_a_dataset_read_back_as_their_records(tmp_path):
    result = extract("samples/", "--out", str(tmp_path))
    assert result.returncode == 0 and result.stdout == "", result.stderr
    expected = golden_records()
    assert_dataset_holds(tmp_path, expected)  # amounts exact: the rows' 合计 add up to the same Decimal
    db = duckdb.connect()
    # partitioned by the document's year and kind; a record's own year stays its own
    partitions = db.execute(f"""SELECT DISTINCT document_year, document_kind FROM {dataset_table(tmp_path, 'statement')}
                                ORDER BY ALL""").fetchall()
    assert partitions == [(2018, "budget"), (2022, "budget"), (2023, "budget"), (2023, "final_account"),
                          (2024, "budget"), (2024, "final_account")]
    assert (tmp_path / "row" / "document_year=2018" / "document_kind=budget").is_dir()
    years = db.execute(f"SELECT count(*) FROM {dataset_table(tmp_path, 'statement')} WHERE year IS NOT NULL").fetchone()[0]
    assert years == sum(1 for r in expected if r["type"] == "statement" and r.get("year") is not None)


def test_a_second_run_skips_what_is_written_and_an_unfinished_batch_is_redone(tmp_path):
    assert extract("samples/jiangxia-yibao-2024-budget.txt", "--out", str(tmp_path)).returncode == 0
    files = sorted(tmp_path.rglob("*.parquet"))
    # a run cut short after writing rows but before their documents: another batch's row file
    (row_file,) = [f for f in files if f.parts[-4] == "row"]
    orphan = row_file.with_name("b0123456789ab_cut.parquet")
    shutil.copy(row_file, orphan)
    result = extract("samples/jiangxia-yibao-2024-budget.txt", "samples/dongxihu-yibao-2022-budget.txt",
                     "--out", str(tmp_path))
    assert result.returncode == 0
    assert result.stderr == f"budgetkit: 1 document already in {tmp_path}, skipped\n"
    assert not orphan.exists()
    db = duckdb.connect()
    documents = db.execute(f"SELECT path FROM {dataset_table(tmp_path, 'document')} ORDER BY path").fetchall()
    assert documents == [("samples/dongxihu-yibao-2022-budget.txt",), ("samples/jiangxia-yibao-2024-budget.txt",)]
    rows = db.execute(f"SELECT count(*) FROM {dataset_table(tmp_path, 'row')}").fetchone()[0]
    assert rows == sum(1 for path in ("dongxihu-yibao-2022-budget", "jiangxia-yibao-2024-budget")
                       for line in open(f"tests/golden/{path}.jsonl", encoding="utf-8") if '"type":"row"' in line)


def test_a_document_that_cannot_be_read_is_not_written_and_is_tried_again(tmp_path):
    result = extract("tests/fixtures/bad/encrypted.pdf", "samples/jiangxia-yibao-2024-budget.txt",
                     "--out", str(tmp_path))
    assert result.returncode == 3 and "encrypted.pdf" in result.stderr
    paths = duckdb.connect().execute(f"SELECT path FROM {dataset_table(tmp_path, 'document')}").fetchall()
    assert paths == [("samples/jiangxia-yibao-2024-budget.txt",)]
    again = extract("tests/fixtures/bad/encrypted.pdf", "--out", str(tmp_path))
    assert again.returncode == 3 and "already in" not in again.stderr


def test_batches_keep_memory_to_a_few_documents(tmp_path):
    """Six documents in batches of two: three batches, each a file per type and partition."""
    from budgetkit.dataset import Dataset
    from budgetkit.records import read_records

    dataset = Dataset(str(tmp_path), batch_documents=2)
    for path in GOLDEN:
        with open(path, encoding="utf-8") as handle:
            dataset.add(list(read_records(handle)))
    dataset.close()
    batches = {f.name.split("_")[0] for f in (tmp_path / "document").rglob("*.parquet")}
    assert len(batches) == 3
    count = duckdb.connect().execute(f"SELECT count(*) FROM {dataset_table(tmp_path, 'document')}").fetchone()[0]
    assert count == len(GOLDEN)


def test_a_folder_that_cannot_be_written_is_a_usage_error(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    result = extract("samples/jiangxia-yibao-2024-budget.txt", "--out", str(blocked / "out"))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith(f"budgetkit: --out: cannot write into {blocked / 'out'}")


def test_without_duckdb_the_option_says_how_to_install_it(tmp_path, monkeypatch):
    from budgetkit.dataset import Dataset, DatasetUnavailable

    monkeypatch.setitem(sys.modules, "duckdb", None)  # import duckdb now fails
    with pytest.raises(DatasetUnavailable, match=r"pip install 'budgetkit\[parquet\]'"):
        Dataset(str(tmp_path))


def test_a_row_read_back_is_the_row_of_the_json_lines(tmp_path):
    """Every field as the JSON Lines give it: texts, integers, JSON fields (values, labels…)."""
    extract("samples/dongxihu-yibao-2022-budget.txt", "--out", str(tmp_path))
    db = duckdb.connect()
    cursor = db.execute(f"SELECT * FROM {dataset_table(tmp_path, 'row')} WHERE \"table\" = 'income_summary' AND \"index\" = 0")
    read = dict(zip([column[0] for column in cursor.description], cursor.fetchone()))
    (expected,) = [json.loads(line, parse_float=Decimal)
                   for line in open("tests/golden/dongxihu-yibao-2022-budget.jsonl", encoding="utf-8")
                   if '"type":"row"' in line and '"table":"income_summary"' in line and '"index":0,' in line]
    assert (read.pop("document_year"), read.pop("document_kind")) == (2022, "budget")
    for field in ("values", "labels", "cells", "bbox"):
        read[field] = None if read[field] is None else json.loads(read[field], parse_float=Decimal)
    assert read == expected


def test_a_batch_that_cannot_be_written_is_one_clear_error(tmp_path):
    """The folder gone while the run went on (a disk unmounted): the batch is not written,
    and saying so is the caller's one line."""
    from budgetkit.dataset import Dataset, DatasetUnavailable
    from budgetkit.records import read_records

    folder = tmp_path / "out"
    dataset = Dataset(str(folder))
    with open(GOLDEN[0], encoding="utf-8") as handle:
        dataset.add(list(read_records(handle)))
    shutil.rmtree(folder)
    folder.write_text("now a file", encoding="utf-8")
    with pytest.raises(DatasetUnavailable, match=rf"^--out: could not write into {folder} \("):
        dataset.close()


def test_a_folder_holding_damaged_document_files_is_one_line_and_a_usage_error(tmp_path):
    (tmp_path / "document").mkdir()
    (tmp_path / "document" / "b0123456789ab_x.parquet").write_text("not parquet", encoding="utf-8")
    (tmp_path / "notes.parquet").write_text("someone else's file, left alone", encoding="utf-8")
    result = extract("samples/jiangxia-yibao-2024-budget.txt", "--out", str(tmp_path))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith(f"budgetkit: --out: {tmp_path} holds document files budgetkit cannot read (")
    assert len(result.stderr.splitlines()) == 1


def test_a_batch_written_again_under_its_name_replaces_the_first(tmp_path):
    """Dask runs a writing task again when its worker died: what the first run wrote, whole
    or in part, is removed, so the batch's documents are in the dataset once."""
    from budgetkit.dataset import write_batch
    from budgetkit.records import read_records

    with open(GOLDEN[0], encoding="utf-8") as handle:
        records = list(read_records(handle))
    write_batch(str(tmp_path), [records], "b0123456789ab")
    (row_file,) = (tmp_path / "row").rglob("*.parquet")
    shutil.copy(row_file, row_file.with_name("b0123456789ab_partial.parquet"))  # a run cut short
    write_batch(str(tmp_path), [records], "b0123456789ab")
    db = duckdb.connect()
    assert db.execute(f"SELECT count(*) FROM {dataset_table(tmp_path, 'document')}").fetchone()[0] == 1
    rows = db.execute(f"SELECT count(*) FROM {dataset_table(tmp_path, 'row')}").fetchone()[0]
    assert rows == sum(1 for r in records if r["type"] == "row")


def test_a_worker_that_does_not_see_the_folder_says_it_must_be_shared(tmp_path):
    from budgetkit.dataset import DatasetUnavailable, write_batch

    with pytest.raises(DatasetUnavailable, match=r"is not a folder on the worker .*every worker sees"):
        write_batch(str(tmp_path / "elsewhere"), [], "b0123456789ab")
    assert not (tmp_path / "elsewhere").exists()


def test_a_type_filter_keeps_the_document_table_the_dataset_needs(tmp_path):
    """``--type row``: the rows, partitioned by their document's year and kind, which only
    the document records say; and a second run knows they are written."""
    result = extract("samples/dongxihu-yibao-2022-budget.txt", "--type", "row", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    rows = sum(1 for r in golden_records() if r["type"] == "row" and r["doc"] == _dongxihu_doc())
    db = duckdb.connect()
    assert db.execute(f"SELECT count(*) FROM {dataset_table(tmp_path, 'row')}").fetchone()[0] == rows > 0
    assert sorted(path.name for path in tmp_path.iterdir()) == ["document", "row"]
    again = extract("samples/dongxihu-yibao-2022-budget.txt", "--type", "row", "--out", str(tmp_path))
    assert "already in" in again.stderr and again.returncode == 0


def _dongxihu_doc() -> str:
    with open("tests/golden/dongxihu-yibao-2022-budget.jsonl", encoding="utf-8") as handle:
        return json.loads(handle.readline())["doc"]
