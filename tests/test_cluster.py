"""``extract --cluster ADDRESS``: documents read by the workers of a Dask cluster (a local
one of two worker processes here), the records the same as ``--jobs 1``'s; with ``--out``,
the dataset written by the workers, the records never sent back to the client."""

from __future__ import annotations

import json
import operator
import os
import subprocess
import sys
from collections import Counter

import pytest
from typer.testing import CliRunner

from conftest import ROOT, assert_dataset_holds, dataset_table

distributed = pytest.importorskip("distributed")

ENV = {**os.environ, "NO_COLOR": "1"}


def extract(*args, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "budgetkit", "extract", "--no-cache", *args], capture_output=True,
                          text=True, env=env or ENV, timeout=300)


@pytest.fixture(scope="module")
def cluster():
    """Two worker processes, each allowed to start budgetkit's reading processes (not daemons)."""
    import dask

    with dask.config.set({"distributed.worker.daemon": False}):
        local = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0")
    yield local
    local.close()


@pytest.fixture(scope="module")
def local_records():
    return extract("samples/", "--jobs", "1").stdout


def test_records_from_the_cluster_are_those_of_one_job(cluster, local_records):
    result = extract("samples/", "tests/fixtures/bad/encrypted.pdf", "--cluster", cluster.scheduler_address)
    assert result.returncode == 3  # the encrypted PDF: one problem record, the rest read
    assert result.stderr == "budgetkit: tests/fixtures/bad/encrypted.pdf: the PDF is encrypted (password protected)\n"
    lines = result.stdout.splitlines()
    assert "\n".join(lines[:-1]) + "\n" == local_records
    assert json.loads(lines[-1])["problems"][0]["code"] == "encrypted"


def test_a_cluster_of_daemon_workers_reads_in_the_workers_themselves(local_records):
    """``dask worker``'s default: its workers may not start processes; a task is read in the worker."""
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=True,
                                  dashboard_address=":0") as local:
        result = extract("samples/", "--cluster", local.scheduler_address)
    assert result.returncode == 0 and result.stdout == local_records


class _DieOnFirstTask(distributed.WorkerPlugin):
    """Kills the first worker to start a task of this function, reading a document by
    default (once, by a marker file)."""

    def __init__(self, marker: str, function: str = "run_task"):
        self.marker, self.function = marker, function

    def transition(self, key, start, finish, **kwargs):
        if finish == "executing" and self.function in str(key):
            try:
                os.close(os.open(self.marker, os.O_CREAT | os.O_EXCL))
            except FileExistsError:
                return
            os._exit(1)


def test_a_worker_that_dies_loses_no_document(cluster, local_records, tmp_path):
    marker = tmp_path / "died"
    with distributed.Client(cluster.scheduler_address) as client:
        client.register_plugin(_DieOnFirstTask(str(marker)), name="die-once")
        try:
            result = extract("samples/", "--cluster", cluster.scheduler_address)
        finally:
            client.unregister_worker_plugin("die-once")
    assert marker.exists()  # a worker did die, in the middle of a document
    assert result.returncode == 0 and result.stdout == local_records


def test_the_environment_names_the_cluster_for_check_too(cluster):
    env = {**ENV, "BUDGETKIT_CLUSTER": cluster.scheduler_address}
    local = subprocess.run([sys.executable, "-m", "budgetkit", "check", "samples/jiangxia-yibao-2024-budget.txt"],
                           capture_output=True, text=True, env=ENV, timeout=300)
    remote = subprocess.run([sys.executable, "-m", "budgetkit", "check", "samples/jiangxia-yibao-2024-budget.txt"],
                            capture_output=True, text=True, env=env, timeout=300)
    assert remote.returncode == local.returncode and remote.stdout == local.stdout != ""


def test_an_unreachable_scheduler_is_one_line_and_a_usage_error():
    env = {**ENV, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "1s"}
    result = extract("samples/jiangxia-yibao-2024-budget.txt", "--cluster", "tcp://127.0.0.1:9", env=env)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("budgetkit: --cluster: cannot reach the Dask scheduler at tcp://127.0.0.1:9 (")
    assert len(result.stderr.splitlines()) == 1


def test_without_dask_the_option_says_how_to_install_it(monkeypatch):
    from budgetkit.extraction.cluster import ClusterUnavailable, connect

    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(ClusterUnavailable, match=r"pip install 'budgetkit\[cluster\]'"):
        connect("tcp://127.0.0.1:8786")


# --- extract --cluster --out: the workers write the dataset --------------------------------

BAD = "tests/fixtures/bad/encrypted.pdf"


def _refused(*args, **kwargs):
    raise AssertionError("the client was given records to write")


def _keeping(result, received: list):
    """``Future.result`` that keeps what it returns to the client."""
    def kept(self, *args, **kwargs):
        value = result(self, *args, **kwargs)
        received.append(value)
        return value
    return kept


def extract_here(*args: str, patch: pytest.MonkeyPatch, batch_documents: int = 4):
    """``budgetkit extract --no-cache ARGS`` in this process, the client's ``Dataset`` in
    batches of ``batch_documents`` and refusing records: (the run's result, what the
    client's futures returned)."""
    from budgetkit import cli
    from budgetkit.dataset import Dataset

    received: list = []
    patch.chdir(ROOT)
    patch.setattr(cli, "_dataset", lambda directory: Dataset(directory, batch_documents=batch_documents))
    patch.setattr(Dataset, "add", _refused)
    patch.setattr(distributed.Future, "result", _keeping(distributed.Future.result, received))
    return CliRunner().invoke(cli.app, ["extract", "--no-cache", *args]), received


@pytest.fixture(scope="module")
def written_by_workers(cluster, tmp_path_factory):
    """samples/ and an encrypted PDF written into a dataset by the workers, in batches of
    four (the second one a run's tail): (the run's result, what the client received, DIR)."""
    pytest.importorskip("duckdb")
    folder = tmp_path_factory.mktemp("dataset")
    with pytest.MonkeyPatch.context() as patch:
        result, received = extract_here("samples/", BAD, "--cluster", cluster.scheduler_address,
                                        "--out", str(folder), patch=patch)
    return result, received, folder


def test_the_workers_write_the_dataset_the_jsonl_of_one_job_holds(written_by_workers, local_records):
    from budgetkit.records import read_records

    result, _, folder = written_by_workers
    assert_dataset_holds(folder, list(read_records(local_records.splitlines())))
    batches = {path.name.split("_")[0] for path in (folder / "document").rglob("*.parquet")}
    assert len(batches) == 2  # six documents in batches of four: the tail batch is written too


def test_the_records_never_come_back_to_the_client(written_by_workers, local_records):
    """The client's futures return only what became of each document (``Written``), and its
    own ``Dataset.add`` is never called (``extract_here`` makes it fail the run)."""
    from budgetkit.records import read_records

    result, received, _ = written_by_workers
    assert isinstance(result.exception, SystemExit), result.exception  # not the refused Dataset.add
    assert received and all(isinstance(value, list) for value in received)  # not ("done", Extraction)
    summaries = [item for value in received for item in value]
    assert all(type(item).__name__ == "Written" and not hasattr(item, "records") for item in summaries)
    counts = sum((Counter(item.counts) for item in summaries), Counter())
    assert counts == Counter(r["type"] for r in read_records(local_records.splitlines()))


def test_a_pdf_that_cannot_be_read_is_one_line_and_not_written(written_by_workers):
    import duckdb

    result, _, folder = written_by_workers
    assert result.exit_code == 3
    assert result.stderr == f"budgetkit: {BAD}: the PDF is encrypted (password protected)\n"
    paths = duckdb.connect().execute(f"SELECT path FROM {dataset_table(folder, 'document')} ORDER BY path").fetchall()
    assert paths == [(str(path.relative_to(ROOT)),) for path in sorted((ROOT / "samples").glob("*.[pt][dx][ft]"))]


def test_a_second_run_reads_and_writes_nothing(cluster, written_by_workers, monkeypatch):
    _, _, folder = written_by_workers
    files = sorted(folder.rglob("*"))
    submitted = []
    monkeypatch.setattr(distributed.Client, "submit", lambda self, *args, **kwargs: submitted.append(args))
    result, _ = extract_here("samples/", "--cluster", cluster.scheduler_address, "--out", str(folder),
                             patch=monkeypatch)
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr == f"budgetkit: 6 documents already in {folder}, skipped\n"
    assert submitted == [] and sorted(folder.rglob("*")) == files


def test_a_batch_the_workers_cannot_write_is_one_line_and_nothing_counts_as_written(cluster, tmp_path):
    (tmp_path / "row").write_text("a file where the row table's folder goes", encoding="utf-8")
    result = extract("samples/jiangxia-yibao-2024-budget.txt", "--cluster", cluster.scheduler_address,
                     "--out", str(tmp_path))
    assert result.returncode == 3 and result.stdout == ""
    assert result.stderr.startswith(f"budgetkit: --out: could not write into {tmp_path} (")
    assert len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "document").exists()


def test_a_worker_that_dies_writing_a_batch_writes_it_once(cluster, tmp_path):
    import duckdb

    marker = tmp_path / "died"
    with distributed.Client(cluster.scheduler_address) as client:
        client.register_plugin(_DieOnFirstTask(str(marker), "write_documents"), name="die-writing")
        try:
            result = extract("samples/jiangxia-yibao-2024-budget.txt", "samples/dongxihu-yibao-2022-budget.txt",
                             "--cluster", cluster.scheduler_address, "--out", str(tmp_path / "out"))
        finally:
            client.unregister_worker_plugin("die-writing")
    assert marker.exists() and result.returncode == 0, result.stderr
    documents = duckdb.connect().execute(f"SELECT count(*) FROM {dataset_table(tmp_path / 'out', 'document')}")
    assert documents.fetchone()[0] == 2


class _FailingToRead:
    """A client whose reading task of ``path`` fails (as a bug in it would), the rest as Dask's."""

    def __init__(self, client, path: str):
        self.client, self.path = client, path

    def nthreads(self):
        return self.client.nthreads()

    def submit(self, function, *args, **kwargs):
        from budgetkit.extraction.cluster import run_task

        if function is run_task and args[0].path.endswith(self.path):
            function, args = operator.truediv, (1, 0)
        return self.client.submit(function, *args, **kwargs)


def test_a_document_whose_task_fails_is_a_problem_and_the_rest_of_its_batch_is_written(cluster, tmp_path,
                                                                                      monkeypatch):
    import duckdb

    from budgetkit.extraction.cluster import cluster_written

    monkeypatch.chdir(ROOT)
    paths = ["samples/jiangxia-yibao-2024-budget.txt", "samples/dongxihu-yibao-2022-budget.txt"]
    with distributed.Client(cluster.scheduler_address) as client:
        failed, done = cluster_written(paths, paths, _FailingToRead(client, paths[0]), str(tmp_path))
    assert failed.unreadable and failed.counts == {} and failed.sha256 is not None
    assert failed.problems == [{"code": "unreadable",
                                "message": "the cluster could not read it (ZeroDivisionError: division by zero)"}]
    assert not done.unreadable and done.counts["document"] == 1 and done.path == paths[1]
    found = duckdb.connect().execute(f"SELECT path FROM {dataset_table(tmp_path, 'document')}").fetchall()
    assert found == [(paths[1],)]
