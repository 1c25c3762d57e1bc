"""budgetkit as a Python library: the functions behind the commands, on records in memory.

    import budgetkit
    records = list(budgetkit.extract("report.pdf"))
    for finding in budgetkit.check(records, rules=["table", "text"]):
        print(finding["severity"], finding["message"])

Records are the dicts the commands write as JSON Lines (docs/schema.md), amounts as
``Decimal``.  docs/python-api.md has more examples; a test runs them.
"""

from __future__ import annotations

import os
import tempfile
from typing import IO, Iterable, Iterator

from .records import read_records as _read_lines

BYTES_NAME = "<bytes>"  # the path of a document given as bytes


class UnreadableInput(Exception):
    """The input is not a document budgetkit can read (missing, empty, corrupt, encrypted,
    not a PDF or text): ``code`` names the problem, ``message`` says it in words."""

    def __init__(self, path: str, code: str, message: str):
        super().__init__(f"{path}: {message}")
        self.path, self.code, self.message = path, code, message


def extract(source: str | os.PathLike | bytes, *, ocr: str = "auto",
            cache: str | os.PathLike | None = None) -> Iterator[dict]:
    """The records of one document, given as a path or as its bytes: the ``document``
    record first (its ``problems`` list what was met: scanned pages, no table…), then
    tables, rows, statements and the rest, as ``budgetkit extract`` writes them.

    ``ocr``: ``auto``, ``always`` or ``never`` (as ``extract --ocr``).  ``cache``: a
    folder to keep and reuse each document's records in (none by default).  A file that
    cannot be read at all raises ``UnreadableInput``."""
    from .cache import Cache
    from .extraction.build import extract_file

    if ocr not in ("auto", "always", "never"):
        raise ValueError(f"ocr must be auto, always or never, not {ocr!r}")
    with _as_path(source) as path:
        result = extract_file(path, ocr, Cache(cache) if cache is not None else None)
    name = BYTES_NAME if isinstance(source, bytes) else os.fspath(source)
    if result.unreadable:
        problem = result.problems[0]
        raise UnreadableInput(name, problem["code"], problem["message"])
    result.records[0]["path"] = name
    yield from result.records


def check(records: Iterable[dict], rules: Iterable[str] | None = None,
          skip: Iterable[str] | None = None) -> Iterator[dict]:
    """The ``finding`` records of every document in ``records`` (a stream of one or many
    documents, as ``extract`` or ``read_records`` give them), document by document; the
    two files of one disclosure (its narrative and its tables) that follow each other are
    checked as one, as ``check`` does.

    ``rules`` and ``skip`` take rule ids, families (``table``, ``text``…) or patterns
    (``percent.*``), as ``check --rules`` and ``--skip`` do; one that matches no rule
    raises ``ValueError``.  A rule that fails on a document raises."""
    from .checks import check_document, group_documents, select_rules
    from .document import joined_disclosures

    chosen = select_rules(list(rules) if rules is not None else None, list(skip) if skip is not None else None)
    for document in joined_disclosures(group_documents(records)):
        yield from check_document(document, chosen)


def read_records(stream: IO[str] | Iterable[str], source: str = "<stream>") -> Iterator[dict]:
    """The records of a JSON Lines stream (an open file, or any iterable of lines), amounts
    as ``Decimal``.  Each record is validated against the schema of its type: a broken
    or malformed line raises ``ValueError`` naming ``source`` and the line."""
    return _read_lines(stream, source, validate=True)


class _as_path:
    """A path to read ``source`` from: itself, or its bytes written to a temporary file
    (removed afterwards), since a PDF is read by page, more than once."""

    def __init__(self, source: str | os.PathLike | bytes):
        self.source, self.temporary = source, None

    def __enter__(self) -> str:
        if not isinstance(self.source, bytes):
            return os.fspath(self.source)
        handle, self.temporary = tempfile.mkstemp(prefix="budgetkit-")
        with os.fdopen(handle, "wb") as out:
            out.write(self.source)
        return self.temporary

    def __exit__(self, *exc) -> bool:
        if self.temporary is not None:
            os.unlink(self.temporary)
        return False
