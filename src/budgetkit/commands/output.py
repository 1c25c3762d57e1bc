"""``-o/--output FILE``: what a command writes on stdout goes to FILE instead, whole or not at all.

The output is written to a temporary file beside FILE and renamed onto it when the
command has run to its end (exit 0, 1 or 3: the records of every readable input are
there).  An interrupted run (Ctrl-C), a usage error or a crash removes the temporary
file and leaves FILE as it was, so a cron job never finds half a file.
"""

from __future__ import annotations

import os
import sys
import tempfile

import typer

# Exit codes of a run that went to its end: ok, problems found, some inputs unreadable.
COMPLETE_RUNS = (0, 1, 3)


class OutputFile:
    """``with OutputFile(path):`` — stdout is the temporary file inside the block."""

    def __init__(self, path: str | None):
        self.path = None if path in (None, "-") else path
        self.temporary: str | None = None
        self.saved_stdout = None

    def __enter__(self) -> "OutputFile":
        if self.path is None:
            return self
        directory = os.path.dirname(os.path.abspath(self.path))
        name = os.path.basename(self.path)
        try:
            handle, self.temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".partial", dir=directory)
        except OSError as error:
            raise CannotWrite(f"cannot write {self.path}: {error.strerror or error}") from None
        self.saved_stdout = sys.stdout
        sys.stdout = os.fdopen(handle, "w", encoding="utf-8")
        return self

    def __exit__(self, kind, error, traceback) -> bool:
        if self.path is None:
            return False
        written, sys.stdout = sys.stdout, self.saved_stdout
        written.close()
        if kind is None or (issubclass(kind, typer.Exit) and error.exit_code in COMPLETE_RUNS):
            _give_default_mode(self.temporary)
            os.replace(self.temporary, self.path)
        else:
            os.unlink(self.temporary)
        return False


class CannotWrite(Exception):
    """The output file's folder cannot take a file: a usage error, told before any work."""


def _give_default_mode(path: str) -> None:
    """A temporary file is private (0600); the output gets the mode a new file would get."""
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(path, 0o666 & ~mask)
