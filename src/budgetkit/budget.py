"""The memory and time a document may take while it is read, and what is said past them.

A hostile or broken PDF can hold a page whose content inflates a thousandfold (a 1 MB
file, a 1 GB content stream) or takes minutes to interpret.  Each document is read in a
worker process held to the memory budget (``--max-memory``: an OS limit on what the
process may take beyond what it holds when it starts) and each page to the time budget
(``--page-timeout``).  A page past either is left unread and reported as a problem of
its document; the other pages and documents are read.  ``extraction/workers.py`` enforces
the budgets; this module names them and words the problems.
"""

from __future__ import annotations

import os
import re
import signal
from dataclasses import dataclass, field
from typing import Callable

# Far past what real disclosures need (a worker reading the bundled samples grows by tens
# of megabytes, and their slowest page takes a twentieth of a second), yet a bound.
DEFAULT_MEMORY = 1 << 30  # 1 GB
DEFAULT_SECONDS = 60.0  # a page
ENV_MEMORY = "BUDGETKIT_MAX_MEMORY"
ENV_SECONDS = "BUDGETKIT_PAGE_TIMEOUT"

_UNITS = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}
_SIZE_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([KMGT])i?B?\s*$", re.IGNORECASE)


def default_jobs() -> int:
    """The cores this process may run on: ``--jobs`` when not given."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def parse_size(text: str) -> int | None:
    """``512M``, ``1G``, ``1.5GB`` → bytes; ``0`` → None (no limit)."""
    if text.strip() in ("0", "none", "off"):
        return None
    match = _SIZE_RE.match(text)
    if match is None:
        raise ValueError(f"{text!r} is not a size: give a number with K, M or G (512M, 1G), or 0 for no limit")
    return int(float(match.group(1)) * _UNITS[match.group(2).upper()]) or None


def parse_seconds(text: str) -> float | None:
    """``60``, ``2.5`` → seconds; ``0`` → None (no limit)."""
    try:
        seconds = float(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a number of seconds (60, 2.5), or 0 for no limit") from None
    if seconds < 0 or seconds != seconds:
        raise ValueError(f"{text!r} is not a number of seconds (60, 2.5), or 0 for no limit")
    return seconds or None


def size_text(size: int) -> str:
    for unit, name in ((1 << 30, "GB"), (1 << 20, "MB"), (1 << 10, "KB")):
        if size >= unit:
            return f"{size / unit:.3g} {name}"
    return f"{size} bytes"


@dataclass(frozen=True)
class Budget:
    """``memory``: bytes a reading process may take beyond what it holds when it starts;
    ``seconds``: how long one page may take.  None: no limit."""

    memory: int | None = DEFAULT_MEMORY
    seconds: float | None = DEFAULT_SECONDS

    @classmethod
    def from_env(cls, tell: Callable[[str], None] | None = None) -> Budget:
        """The budget ``$BUDGETKIT_MAX_MEMORY`` and ``$BUDGETKIT_PAGE_TIMEOUT`` set, the
        defaults where unset; a value that cannot be read is told and the default kept."""
        values = {}
        for name, key, parse in ((ENV_MEMORY, "memory", parse_size), (ENV_SECONDS, "seconds", parse_seconds)):
            if os.environ.get(name):
                try:
                    values[key] = parse(os.environ[name])
                except ValueError as error:
                    if tell is not None:
                        tell(f"${name}: {error}; the default is used")
        return cls(**values)

    @property
    def off(self) -> bool:
        return self.memory is None and self.seconds is None

    def _over_memory(self) -> str:
        return f"over the {size_text(self.memory)} memory budget" if self.memory else "over the memory available"

    def page_too_large(self, number: int) -> dict:
        return {"code": "page_too_large", "page": number,
                "message": f"page {number}: content too large ({self._over_memory()})"}

    def page_timeout(self, number: int) -> dict:
        return {"code": "page_timeout", "page": number,
                "message": f"page {number}: took too long (over the {self.seconds:g} s time budget)"}

    def too_large(self) -> tuple[str, str]:
        """A document past the memory budget outside any page (opening it, making its
        records): the code and message of an input that could not be read."""
        return "too_large", f"content too large ({self._over_memory()})"

    def timeout(self, seconds: float) -> tuple[str, str]:
        return "timeout", f"took too long (over {seconds:g} s, its time budget)"


def page_crashed(number: int, exitcode: int | None) -> dict:
    return {"code": "page_unreadable", "page": number,
            "message": f"page {number} could not be read (the reader stopped: {stop_reason(exitcode)})"}


def stop_reason(exitcode: int | None) -> str:
    """``SIGSEGV`` for a process killed by a signal, ``exit code 2`` otherwise."""
    if exitcode is not None and exitcode < 0:
        try:
            return signal.Signals(-exitcode).name
        except ValueError:
            return f"signal {-exitcode}"
    return f"exit code {exitcode}"


@dataclass
class PageWatch:
    """What a reader tells before each page it reads (the worker's parent times the page
    from then), and the pages it must leave unread: those that overran on a previous try."""

    budget: Budget = field(default_factory=lambda: Budget(None, None))
    tell: Callable[..., None] = lambda *phase: None
    skipped: dict[int, dict] = field(default_factory=dict)

    def page(self, number: int) -> dict | None:
        """The problem of a page to leave unread, else None once the page is announced."""
        if number in self.skipped:
            return self.skipped[number]
        self.tell("page", number)
        return None

    def records(self, pages: int) -> None:
        """The pages are read; the records are made next."""
        self.tell("records", pages)
