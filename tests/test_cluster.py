"""``extract --cluster ADDRESS``: documents read by the workers of a Dask cluster (a local
one of two worker processes here), the records the same as ``--jobs 1``'s."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

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
    """Kills the first worker to start reading a document (once, by a marker file)."""

    def __init__(self, marker: str):
        self.marker = marker

    def transition(self, key, start, finish, **kwargs):
        if finish == "executing" and "run_task" in str(key):
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
