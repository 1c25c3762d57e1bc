"""Worker processes that read documents under the memory and time budget (``budget.py``).

Each worker is held to the memory budget by the OS (``RLIMIT_DATA``: what it may take
beyond what it holds when it starts), so N workers never take more than N budgets.  Past
it, Python raises ``MemoryError`` (the page is reported and the worker goes on) and pdfium
aborts the process.  Before each page a worker tells this process, which kills a worker
whose page runs past the time budget.  A worker that dies or is killed on a page is
replaced, and its task is given again with that page left unread and reported: the other
pages and documents are still read, whatever happened to one page.

Tasks are picklable objects with ``run(watch)``, called in a worker, and
``skipping(number, problem)``, the same task leaving page ``number`` unread.  A task
whose worker dies outside any page (opening the file, making its records) fails whole,
as an input that cannot be read.  Waiting tasks are given out by ``order``, so a retried
task keeps its place.
"""

from __future__ import annotations

import ctypes
import heapq
import os
import queue
import signal
import sys
import threading
import time
from multiprocessing import connection
from typing import Any, Callable

from ..budget import Budget, PageWatch, page_crashed, stop_reason
from ..sources import UnreadableInput

EXIT_OUT_OF_MEMORY = 75  # a worker's exit code after a MemoryError outside any page

# How a worker dies at the memory limit: pdfium and the C++ runtime abort on a failed
# allocation, the kernel's out-of-memory killer sends SIGKILL, Python exits as above.
_MEMORY_DEATHS = (-signal.SIGABRT, -signal.SIGKILL, EXIT_OUT_OF_MEMORY)


class Ticket:
    """A task given to the pool: done once a worker returned its value or it failed."""

    def __init__(self, task, order: tuple, then: Callable[[Any], None] | None):
        self.task, self.order, self.then = task, order, then
        self.value, self.error = None, None
        self.done = threading.Event()

    def finish(self, value=None, error: BaseException | None = None) -> None:
        self.value, self.error = value, error
        if error is None and self.then is not None:
            self.then(value)
        self.done.set()


class _Worker:
    def __init__(self, context, budget: Budget):
        ours, theirs = context.Pipe()
        # A forked worker's parent is this process; one started by a fork server (on a Dask
        # worker) has the server for parent, which it learns when it starts.
        parent = os.getpid() if context.get_start_method() == "fork" else None
        self.process = context.Process(target=_serve, args=(theirs, budget, parent), daemon=True)
        self.process.start()
        theirs.close()
        self.conn = ours
        self.ticket: Ticket | None = None
        self.phase: tuple = ()
        self.deadline: float | None = None

    def give(self, ticket: Ticket, budget: Budget) -> None:
        self.conn.send(ticket.task)
        self.ticket = ticket
        self.enter(("open",), time.monotonic(), budget)

    def enter(self, phase: tuple, started: float, budget: Budget) -> None:
        """The task is now in ``phase``: ("open",), ("page", number) or ("records", pages)."""
        self.phase = phase
        self.deadline = started + phase_seconds(phase, budget) if budget.seconds else None


def phase_seconds(phase: tuple, budget: Budget) -> float:
    """Opening a file and each page get the time budget; making the records as long as
    the document's pages may take."""
    return budget.seconds * max(1, phase[1]) if phase[0] == "records" else budget.seconds


class Pool:
    """Up to ``size`` workers, started as tasks come and replaced when one dies.

    A thread of this process gives out the tasks, hears the workers and kills a worker
    past its deadline, so the workers are kept busy (and timed) while the caller makes
    records or writes them; the pool's state is that thread's alone."""

    def __init__(self, size: int, budget: Budget, context):
        self.size, self.budget, self.context = size, budget, context
        self.waiting: list[tuple[tuple, int, Ticket]] = []
        self.workers: list[_Worker] = []
        self.count = 0
        self.incoming: queue.SimpleQueue[Ticket] = queue.SimpleQueue()
        self.failure: BaseException | None = None
        self.stopping = False
        self.wake_read, self.wake_write = os.pipe()
        os.set_blocking(self.wake_read, False)
        self.thread = threading.Thread(target=self._run, name="budgetkit-workers", daemon=True)
        self.thread.start()

    def submit(self, task, order: tuple, then: Callable[[Any], None] | None = None) -> Ticket:
        """``then(value)`` is called (in the pool's thread) as soon as the task is done,
        to submit what follows."""
        ticket = Ticket(task, order, then)
        self.incoming.put(ticket)
        self._wake()
        return ticket

    def result(self, ticket: Ticket):
        while not ticket.done.wait(1.0):
            if not self.thread.is_alive():  # a bug stopped it: say so rather than wait forever
                raise self.failure or RuntimeError("budgetkit's worker pool stopped")
        if ticket.error is not None:
            raise ticket.error
        return ticket.value

    def close(self) -> None:
        """The workers are stopped, busy ones too (an interrupted run): they write nothing."""
        self.stopping = True
        self._wake()
        self.thread.join()
        os.close(self.wake_read)
        os.close(self.wake_write)

    def _wake(self) -> None:
        try:
            os.write(self.wake_write, b".")
        except BlockingIOError:  # the pipe is full: the thread is woken already
            pass

    def _run(self) -> None:
        try:
            while not self.stopping:
                while not self.incoming.empty():
                    self._queue(self.incoming.get())
                self._step()
        except BaseException as error:  # a bug here must not leave the caller waiting forever
            self.failure = error
            self._fail_all(error)
        finally:
            self._stop_workers()

    def _stop_workers(self) -> None:
        """Killed, not asked: a write to a worker that died would end this process (SIGPIPE).
        In this thread, as the workers die with the thread that started them (PDEATHSIG)."""
        for worker in self.workers:
            worker.process.kill()
        for worker in self.workers:
            worker.process.join()
            worker.conn.close()
        self.workers = []

    def _fail_all(self, error: BaseException) -> None:
        tickets = [entry[2] for entry in self.waiting] + [w.ticket for w in self.workers if w.ticket is not None]
        while not self.incoming.empty():
            tickets.append(self.incoming.get())
        for ticket in tickets:
            ticket.error = error
            ticket.done.set()

    def _queue(self, ticket: Ticket) -> None:
        self.count += 1
        heapq.heappush(self.waiting, (ticket.order, self.count, ticket))

    def _step(self) -> None:
        """Give out waiting tasks, then wait for what the workers say, their deaths and
        overruns, or a new task."""
        self._dispatch()
        busy = [worker for worker in self.workers if worker.ticket is not None]
        deadlines = [worker.deadline for worker in busy if worker.deadline is not None]
        timeout = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
        ready = connection.wait([worker.conn for worker in busy] + [self.wake_read], timeout)
        if self.wake_read in ready:
            while _drained(self.wake_read):
                pass
        for worker in busy:
            if worker.conn in ready:
                self._hear(worker)
        now = time.monotonic()
        for worker in busy:
            if worker.ticket is not None and worker.deadline is not None and now >= worker.deadline:
                worker.process.kill()
                self._lost(worker, timed_out=True)

    def _dispatch(self) -> None:
        while self.waiting:
            idle = next((worker for worker in self.workers if worker.ticket is None), None)
            if idle is None and len(self.workers) < self.size:
                idle = _Worker(self.context, self.budget)
                self.workers.append(idle)
            if idle is None:
                return
            if not idle.process.is_alive():  # died idle (the out-of-memory killer): not written to (SIGPIPE)
                idle.conn.close()
                self.workers.remove(idle)
                continue
            idle.give(heapq.heappop(self.waiting)[2], self.budget)

    def _hear(self, worker: _Worker) -> None:
        """Every message the worker has sent; its end of the pipe closed means it died."""
        try:
            while worker.ticket is not None and worker.conn.poll():
                kind, *rest = worker.conn.recv()
                if kind == "phase":
                    worker.enter(tuple(rest[:-1]), rest[-1], self.budget)
                else:
                    ticket, worker.ticket = worker.ticket, None
                    value, error = (rest[0], None) if kind == "done" else (None, rest[0])
                    ticket.finish(value, error)
        except (EOFError, OSError):
            self._lost(worker, timed_out=False)

    def _lost(self, worker: _Worker, timed_out: bool) -> None:
        """A worker died or was killed: its page is reported and the task given again
        without it, or, outside any page, the task fails."""
        worker.process.join()
        worker.conn.close()
        self.workers.remove(worker)
        ticket, phase = worker.ticket, worker.phase
        problem = self._problem(phase, worker.process.exitcode, timed_out)
        if phase[0] == "page":
            ticket.task = ticket.task.skipping(phase[1], problem)
            self._queue(ticket)
        else:
            ticket.finish(error=UnreadableInput(*problem))

    def _problem(self, phase: tuple, exitcode: int | None, timed_out: bool):
        """The page's problem record, or the code and message of a task that failed whole."""
        on_page = phase[0] == "page"
        if timed_out:
            return self.budget.page_timeout(phase[1]) if on_page else self.budget.timeout(
                phase_seconds(phase, self.budget))
        if exitcode in _MEMORY_DEATHS:
            return self.budget.page_too_large(phase[1]) if on_page else self.budget.too_large()
        if on_page:
            return page_crashed(phase[1], exitcode)
        return "unreadable", f"the reader stopped ({stop_reason(exitcode)})"


def _drained(fd: int) -> bool:
    """Reads what a non-blocking pipe holds; False once it is empty."""
    try:
        return bool(os.read(fd, 4096))
    except BlockingIOError:
        return False


# How often an idle worker looks whether its parent is still there.
_ORPHAN_CHECK_SECONDS = 0.5


def _serve(conn, budget: Budget, parent: int | None) -> None:
    """A worker: run each task sent, telling each phase, until killed or the parent is gone
    (``parent``: its pid, None for the process it finds itself started by)."""
    parent = parent or os.getppid()
    detach()
    _limit_memory(budget.memory)

    def tell(*phase) -> None:
        conn.send(("phase", *phase, time.monotonic()))

    while True:
        try:
            task = _next_task(conn, parent)
        except EOFError:  # the parent is gone (or done with this worker)
            # Leave at once: a normal exit flushes the stdout buffer inherited at the fork,
            # which with -o FILE is the output file's, and would write its records twice.
            os._exit(0)
        try:
            conn.send(("done", task.run(PageWatch(budget, tell, dict(task.skipped)))))
        except UnreadableInput as error:
            conn.send(("failed", error))
        except MemoryError:  # outside any page (reading pages catches its own): the parent says where
            os._exit(EXIT_OUT_OF_MEMORY)


def _next_task(conn, parent: int):
    """The next task sent; EOFError once the parent is gone.

    A forked worker holds copies of the parent's ends of the pipes (its own among them),
    so the parent's death does not always close the pipe, and a parent that dies before
    the worker asked to be signalled (``detach``) sends no signal: without this look, an
    orphan would wait forever, holding the stderr of the command (``extract | head`` in
    a script that reads stderr would hang)."""
    while True:
        if os.getppid() != parent:
            raise EOFError
        if conn.poll(_ORPHAN_CHECK_SECONDS):
            return conn.recv()


def _limit_memory(memory: int | None) -> None:
    """Hold this process to ``memory`` bytes of data beyond what it holds now (Linux: the
    data limit counts the heap and every private writable mapping)."""
    if memory is None or not sys.platform.startswith("linux"):
        return
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
    limit = _data_size() + memory
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))


def _data_size() -> int:
    """This process's data size (VmData), in bytes."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmData:"):
                return int(line.split()[1]) * 1024
    return 0


def detach() -> None:
    """Ctrl-C reaches the whole process group; the parent alone handles it (one message,
    no traceback per worker).  Workers write nothing to stdout and must not keep it open
    (``extract | head`` would wait for them), and die with the parent (SIGPIPE kills it)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
