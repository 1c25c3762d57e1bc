"""What the commands show a person, kept apart from the data they write.

Data goes to stdout, whatever stdout and stderr are; messages and the progress bar go
to stderr.  rich's live display would take stdout over by default (records written
while the bar runs would land on the terminal, not in the file or the pipe), so the bar
here never redirects anything, and messages are printed through the bar's own console,
above the bar, so that the two never share a line.
"""

from __future__ import annotations

import sys
from typing import Callable

from rich.console import Console

Tell = Callable[[str], None]


def stderr_console() -> Console:
    return Console(stderr=True, highlight=False)


def teller(err: Console) -> Tell:
    """``tell(message)``: one ``budgetkit: …`` line on stderr, as every command reports a problem."""
    return lambda message: err.print(f"budgetkit: {message}", soft_wrap=True, markup=False)


class ProgressBar:
    """A progress bar on stderr while documents are read: only when stderr is a terminal,
    there is more than one document, and stdout is not that terminal too (there the
    overview printed for each document shows the progress, and a bar would be drawn
    through it).  ``tell`` prints a message above the bar."""

    def __init__(self, total: int, description: str = "extracting"):
        self.console = stderr_console()
        self.tell = teller(self.console)
        self.total, self.description = total, description
        self.bar = None
        if total > 1 and sys.stderr.isatty() and not sys.stdout.isatty():
            from rich.progress import Progress

            # transient: the bar is erased when done, so nothing of it stays on the terminal.
            self.bar = Progress(console=self.console, transient=True, redirect_stdout=False,
                                redirect_stderr=False)

    def __enter__(self) -> Callable[[], None]:
        if self.bar is None:
            return lambda: None
        self.bar.start()
        task = self.bar.add_task(self.description, total=self.total)
        return lambda: self.bar.advance(task)

    def __exit__(self, *exc) -> bool:
        if self.bar is not None:
            self.bar.stop()
        return False
