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
