"""One long-lived helper process for the site-wide work: checks, article states, the index,
learning the vocabulary.

Threads are not enough for that work. Python runs one thread at a time (the GIL), and the
GUI thread gives the GIL up on every call into Qt; while a worker thread checks 10,000
teasers, each of those calls waits up to the switch interval for it back, and one key press
took 100-250 ms on a 5,000-article site. In a process of its own the work runs on the other
core and the typing process keeps its GIL. The helper keeps its caches (the site index, parsed
homepages) between tasks, and runs them one at a time in the order given, so a refresh of the
index is always seen by the check asked for after it.

Tasks are plain module-level functions (``site_tasks``) with picklable arguments and results.
When no helper can run (no processes allowed, the helper died twice), the tasks run on the
dispatcher thread of this process instead: slower to type beside, never wrong.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import multiprocessing
import multiprocessing.connection
import os
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")

NICENESS = 5  # the helper yields the CPU to the window when both want it


def _start_helper() -> None:
    """In the helper, once: yield the CPU to the window, and end with the process that
    started it (killed, crashed or ended by os._exit, it never says goodbye)."""
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(NICENESS)
    parent = multiprocessing.parent_process()
    if parent is not None:
        def follow() -> None:
            multiprocessing.connection.wait([parent.sentinel])
            os._exit(0)

        threading.Thread(target=follow, name="follow-parent", daemon=True).start()


def _nothing() -> None:
    return None


class HelperProcess:
    """A single helper process, started on first use. Thread-safe.

    ``submit`` only queues: one dispatcher thread hands the tasks to the helper one at a
    time and waits for each answer (without the GIL). So no caller, the GUI thread least of
    all, ever waits for the helper to start (a spawn takes its thread 100 ms and more), and
    a task superseded while an older one runs is cancelled before the helper sees it.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._queue: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._dispatcher: threading.Thread | None = None
        self._executor: ProcessPoolExecutor | None = None
        self._failures = 0
        self._in_process = False

    @property
    def in_process(self) -> bool:
        """True once tasks run on a thread here because no helper process could start."""
        return self._in_process

    def submit(self, task: Callable[..., T], /, *args: Any) -> Future[T]:
        """Queue ``task(*args)`` for the helper; the future holds its result or exception
        (cancel it to drop it while it waits)."""
        future: Future[T] = Future()
        with self._lock:
            if self._dispatcher is None or not self._dispatcher.is_alive():
                self._dispatcher = threading.Thread(target=self._dispatch, name="helper-tasks",
                                                    daemon=True)
                self._dispatcher.start()
            self._queue.put(_Job(future, task, args))
        return future

    def warm_up(self) -> Future[None]:
        """Start the helper now (on the dispatcher thread), before any task needs it."""
        return self.submit(_nothing)

    def call(self, task: Callable[..., T], /, *args: Any, timeout: float | None = 120.0) -> T:
        """``submit`` and wait for the answer (tests, and answers the caller cannot go on without)."""
        return self.submit(task, *args).result(timeout=timeout)

    def shutdown(self) -> None:
        """Stop the helper; tasks still waiting are cancelled. A later submit starts another."""
        with self._lock:
            dispatcher, self._dispatcher = self._dispatcher, None
            queued, self._queue = self._queue, queue.SimpleQueue()
            executor, self._executor = self._executor, None
        while True:
            try:
                job = queued.get_nowait()
            except queue.Empty:
                break
            if job is not None:
                job.future.cancel()
        if dispatcher is not None:
            queued.put(None)  # the dispatcher ends after the task in hand
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)

    # -- the dispatcher thread -----------------------------------------------------------
    def _dispatch(self) -> None:
        jobs = self._queue
        while True:
            job = jobs.get()
            if job is None:
                return
            if not job.future.set_running_or_notify_cancel():
                continue  # superseded while it waited
            try:
                result = self._run(job)
            except BaseException as exc:  # the task's own error, handed to whoever asked
                job.future.set_exception(exc)
            else:
                job.future.set_result(result)

    def _run(self, job: _Job) -> Any:
        executor = self._process_executor()
        if executor is None:
            return job.task(*job.args)  # no helper can run: here, on this thread
        try:
            return executor.submit(job.task, *job.args).result()
        except BrokenProcessPool:
            # The helper died (killed, out of memory): this task fails, the next one
            # starts a new helper; after two deaths the work stays in this process.
            log.warning("the helper process died while running %s",
                        getattr(job.task, "__name__", job.task))
            self._drop_executor()
            raise

    def _process_executor(self) -> ProcessPoolExecutor | None:
        with self._lock:
            if self._executor is not None or self._in_process:
                return self._executor
            if self._failures >= 2:
                log.warning("no helper process can run; site-wide work runs in this process")
                self._in_process = True
                return None
            try:
                # spawn, never fork: a forked copy of a process running Qt and threads can
                # deadlock on a lock some thread held at the fork.
                context = multiprocessing.get_context("spawn")
                self._executor = ProcessPoolExecutor(
                    max_workers=1, mp_context=context, initializer=_start_helper)
            except (OSError, RuntimeError, NotImplementedError) as exc:
                log.warning("cannot start a helper process: %s", exc)
                self._in_process = True
            return self._executor

    def _drop_executor(self) -> None:
        with self._lock:
            executor, self._executor = self._executor, None
            self._failures += 1
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)


@dataclass(frozen=True)
class _Job:
    future: Future[Any]
    task: Callable[..., Any]
    args: tuple[Any, ...]


_shared: HelperProcess | None = None
_shared_lock = threading.Lock()


def shared_helper() -> HelperProcess:
    """The one helper of this process (its caches are shared by every window and lane)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = HelperProcess()
            atexit.register(_shared.shutdown)
        return _shared
