"""The extraction cache: the records of a document, keyed by what they depend on.

Extraction depends only on the file's bytes, the ``--ocr`` mode and budgetkit itself, so an
entry is named by the content's sha256, the mode, the budgetkit version, the schema
version and a hash of the template data (``data/*.json``): a renamed or copied file hits
the same entry, an edited one, a new release or a new template entry misses it.  A cron
job re-running over an unchanged folder then only hashes the files.

Entries are JSON Lines (the records as ``extract`` writes them), written to a temporary
file in the same directory and renamed into place, so a run interrupted mid-write
(Ctrl-C, a full disk) never leaves a partial entry for the next run to trust.  Files
that could not be read are not cached: telling so costs nothing.
"""

from __future__ import annotations

import functools
import hashlib
import os
import tempfile
from pathlib import Path

from . import SCHEMA_VERSION, __version__
from .records import dumps, read_records

ENV_DIR = "BUDGETKIT_CACHE_DIR"
SUFFIX = ".jsonl"


def default_dir() -> Path:
    """``$BUDGETKIT_CACHE_DIR``, else ``$XDG_CACHE_HOME/budgetkit``, else ``~/.cache/budgetkit``."""
    if os.environ.get(ENV_DIR):
        return Path(os.environ[ENV_DIR])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "budgetkit"


def file_sha256(path: str) -> str | None:
    """The content hash, read in blocks (memory does not grow with the file); None if
    unreadable.  A file asked for again unchanged (the dataset's skip, the cache, the parts
    of a long PDF each ask) is read once a run."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return _content_sha256(path, stat.st_size, stat.st_mtime_ns, stat.st_ino)


@functools.lru_cache(maxsize=4096)  # a few hundred kilobytes at most
def _content_sha256(path: str, size: int, modified: int, inode: int) -> str | None:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


class Cache:
    def __init__(self, directory: str | os.PathLike):
        self.directory = Path(directory)

    def entry(self, sha256: str, variant: str = "auto") -> Path:
        """The entry's file; ``variant`` names the reading options (the ``--ocr`` mode)."""
        from .templates import digest

        return self.directory / f"{sha256}-{variant}-v{__version__}-s{SCHEMA_VERSION}-t{digest()}{SUFFIX}"

    def get(self, sha256: str, path: str, variant: str = "auto") -> list[dict] | None:
        """The cached records of this content, with ``path`` as the document's path."""
        entry = self.entry(sha256, variant)
        try:
            with open(entry, encoding="utf-8") as handle:
                records = list(read_records(handle, str(entry)))
        except (OSError, ValueError, UnicodeDecodeError):
            return None  # missing or damaged: extract again (and rewrite it)
        if not records or records[0].get("type") != "document":
            return None
        records[0]["path"] = path  # the only record naming the file; the rest hangs on the content
        for record in records:
            _boxes_as_floats(record)
        return records

    def put(self, sha256: str, records: list[dict], variant: str = "auto") -> None:
        """Store the records atomically; a cache that cannot be written is skipped, never fatal."""
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".partial-", suffix=".tmp", dir=self.directory)
        except OSError:
            return
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                for record in records:
                    out.write(dumps(record) + "\n")
            os.replace(temporary, self.entry(sha256, variant))
        except OSError:
            _remove(temporary)
        except BaseException:  # an interrupt: leave no partial file behind, then stop
            _remove(temporary)
            raise


def _boxes_as_floats(record: dict) -> None:
    """Puts back, in place, the boxes of a record read from an entry as the floats they were
    made as.  The decoder reads every number with a point as a Decimal, which is written
    without its trailing zero (``761`` for ``761.0``): a cached extraction would not be
    written as the same text as a fresh one."""
    if isinstance(record.get("bbox"), list):
        record["bbox"] = [float(value) for value in record["bbox"]]
    if record.get("type") == "row" and isinstance(record.get("cells"), dict):
        record["cells"] = {key: [float(value) for value in box] if isinstance(box, list) else box
                           for key, box in record["cells"].items()}


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
