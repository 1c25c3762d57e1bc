"""``extract --out DIR``: the records as a Parquet dataset instead of a stream.

One table per record type, ``DIR/<type>/document_year=2026/document_kind=budget/*.parquet``
(hive partitions: the year and kind of the document a record belongs to; a record's own
``year`` or ``kind`` stays a column of its own).  The columns and their types are those of
``budgetkit schema --sql duckdb``: amounts ``DECIMAL(38, 10)``, exact; objects and lists
(``values``, ``problems``…) JSON.  DuckDB and Spark read it as it stands::

    SELECT count(*) FROM read_parquet('DIR/row/**/*.parquet', hive_partitioning = true);

DuckDB writes the files (the ``parquet`` extra).  Documents are written in batches, so
memory does not grow with the corpus: a batch's records wait in a temporary JSON Lines
file, then each type is copied out as Parquet files named after the batch, the
``document`` table last.  A batch cut short (Ctrl-C, a full disk) leaves files without
their documents: the next run removes them, and extracts those documents again.

A document already in the dataset (its file's content hash in the ``document`` table) is
skipped, so a cron job over a growing archive only reads what is new.  A document that
could not be read at all is not written: the next run tries it again.

With ``extract --cluster`` the Dask workers write the batches (``write_batch``, the same
``Batch`` a ``Dataset`` fills), into a folder they all see: the client opens the
``Dataset`` only to clean it up and to learn what is written already.
"""

from __future__ import annotations

import os
import platform
import re
import tempfile
from pathlib import Path
from typing import IO

from .records import RECORD_TYPES, write_records

BATCH_DOCUMENTS = 200  # documents per batch: the files of a batch are written together
PARTITIONS = ("document_year", "document_kind")
_BATCH_FILE_RE = re.compile(r"^(b[0-9a-f]{12})_.*\.parquet$")


class DatasetUnavailable(Exception):
    """The dataset cannot be written: DuckDB is not installed, or the folder is not writable."""


class Dataset:
    """A Parquet dataset being added to: ``written(sha256)``, ``add(records)``, ``close()``."""

    def __init__(self, directory: str, batch_documents: int = BATCH_DOCUMENTS):
        self.directory = Path(directory)
        connection = connect()
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            probe = tempfile.TemporaryFile(dir=self.directory)
            probe.close()
        except OSError as error:
            connection.close()
            raise DatasetUnavailable(f"--out: cannot write into {directory} ({error.strerror})") from None
        self.connection = connection
        self.batch_documents = batch_documents
        self._remove_unfinished_batches()
        try:
            self.hashes = self._written_hashes()
        except DatasetUnavailable:
            self.connection.close()
            raise
        self._pending: Batch | None = None

    def written(self, sha256: str | None) -> bool:
        """Whether a document of this content is in the dataset already."""
        return sha256 is not None and sha256 in self.hashes

    def add(self, records: list[dict]) -> None:
        """One document's records; its batch is written once full."""
        if self._pending is None:
            self._pending = Batch()
        self._pending.add(records)
        self.hashes.update(r["sha256"] for r in records if r["type"] == "document" and r.get("sha256"))
        if self._pending.documents >= self.batch_documents:
            self.flush()

    def flush(self) -> None:
        """Write the pending batch: each record type, then the documents."""
        if self._pending is None:
            return
        pending, self._pending = self._pending, None
        pending.write(self.connection, self.directory)

    def close(self) -> None:
        try:
            self.flush()
        finally:
            self.connection.close()

    def discard(self) -> None:
        """Drop the pending batch unwritten (an interrupted run): the next run reads it again."""
        if self._pending is not None:
            self._pending.discard()
            self._pending = None
        self.connection.close()

    def _written_hashes(self) -> set[str]:
        """The content hashes of the documents written by earlier runs (their files only:
        other Parquet files in the folder are not budgetkit's to read)."""
        import duckdb

        files = _files(self.directory / "document")
        if not files:
            return set()
        listed = ", ".join(f"'{_sql_text(str(path))}'" for path in files)
        try:
            found = self.connection.execute(
                f"SELECT DISTINCT sha256 FROM read_parquet([{listed}]) WHERE sha256 IS NOT NULL").fetchall()
        except duckdb.Error as error:
            raise DatasetUnavailable(f"--out: {self.directory} holds document files budgetkit cannot read "
                                     f"({said(error)})") from None
        return {sha256 for (sha256,) in found}

    def _remove_unfinished_batches(self) -> None:
        """The files of batches whose ``document`` files were never written."""
        finished = {_batch(path) for path in _files(self.directory / "document")}
        for kind in RECORD_TYPES:
            for path in _files(self.directory / kind):
                if _batch(path) not in finished:
                    path.unlink()


def connect():
    """A DuckDB connection that knows the record loaders (``<type>_records(path)``)."""
    try:
        import duckdb
    except ImportError:
        raise DatasetUnavailable("--out writes Parquet with DuckDB, which is not installed: "
                                 "pip install 'budgetkit[parquet]'") from None
    from .sql import create_tables

    connection = duckdb.connect()
    connection.execute(create_tables("duckdb"))
    return connection


class Batch:
    """Documents' records written together: they wait in a temporary JSON Lines file, then
    ``write`` copies each record type the batch holds out as Parquet files named after the
    batch, the ``document`` table last.  A ``Dataset`` fills one batch after another; a
    Dask worker writing a batch of its own (``extract --cluster --out``) uses one alone."""

    def __init__(self, name: str | None = None):
        self.name = name or new_batch_name()
        self.documents = 0
        self._lines: IO[str] = tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".jsonl", delete=False)
        self._types: set[str] = set()  # the record types the batch holds: a file each

    def add(self, records: list[dict]) -> None:
        """One document's records."""
        write_records(records, self._lines)
        self.documents += 1
        self._types |= {record["type"] for record in records}

    def write(self, connection, directory: Path) -> None:
        """Each record type into ``directory``, then the documents; the temporary file is gone either way."""
        import duckdb

        self._lines.close()
        try:
            for kind in sorted(RECORD_TYPES, key=lambda name: name == "document"):
                if kind in self._types:  # a type the batch holds no record of gets no file
                    self._copy(connection, kind, directory)
        except (duckdb.Error, OSError) as error:  # a full disk, a folder gone: the batch is read again next run
            raise DatasetUnavailable(f"--out: could not write into {directory} ({said(error)})") from None
        finally:
            os.unlink(self._lines.name)

    def discard(self) -> None:
        self._lines.close()
        os.unlink(self._lines.name)

    def _copy(self, connection, kind: str, directory: Path) -> None:
        path = _sql_text(self._lines.name)
        documents = (f"SELECT \"doc\", \"year\" AS document_year, \"kind\" AS document_kind "
                     f"FROM document_records('{path}')")
        selected = f"SELECT t.*, d.document_year, d.document_kind FROM \"{kind}_records\"('{path}') t " \
                   f"JOIN ({documents}) d ON t.\"doc\" = d.\"doc\""
        target = _sql_text(str(directory / kind))
        connection.execute(f"COPY ({selected}) TO '{target}' (FORMAT PARQUET, PARTITION_BY "
                           f"({', '.join(PARTITIONS)}), FILENAME_PATTERN '{self.name}_{{uuid}}', APPEND)")


def write_batch(directory: str, documents: list[list[dict]], name: str) -> None:
    """Each document's records into the dataset at ``directory`` as one batch, as ``Dataset``
    writes it, where no ``Dataset`` is open: on a Dask worker (``extract --cluster --out``).
    The batch is named by the caller, so that a run of it again (Dask runs a task again when
    its worker dies) first removes what the earlier one wrote: no batch is written twice."""
    folder = Path(directory)
    if not folder.is_dir():  # the client made it: this machine does not see the same folder
        raise DatasetUnavailable(f"--out: {directory} is not a folder on the worker {platform.node()}: "
                                 f"give a folder every worker sees at the same path")
    for kind in RECORD_TYPES:
        for path in (folder / kind).glob(f"*/*/{name}_*.parquet"):  # partitioned by year and kind
            path.unlink()
    if not documents:
        return
    connection = connect()
    try:
        batch = Batch(name)
        try:
            for records in documents:
                batch.add(records)
        except BaseException:
            batch.discard()
            raise
        batch.write(connection, folder)
    finally:
        connection.close()


def new_batch_name() -> str:
    """``b`` and 12 hex digits: the start of the name of each file of a batch."""
    return "b" + os.urandom(6).hex()


def _files(directory: Path) -> list[Path]:
    return [path for path in directory.rglob("*.parquet") if _BATCH_FILE_RE.match(path.name)] \
        if directory.is_dir() else []


def _batch(path: Path) -> str:
    return _BATCH_FILE_RE.match(path.name).group(1)


def said(error: Exception) -> str:
    """An error's message on one line: DuckDB's (it adds the query and a caret below), or
    Dask's for a task that failed on a worker; blank for none."""
    lines = str(error).strip().splitlines()
    return lines[0] if lines else ""


def _sql_text(text: str) -> str:
    """A path inside a SQL string literal."""
    return text.replace("'", "''")
