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
When no helper can run (no processes allowed, the helper died twice in a row), ``submit``
runs the task on a thread of this process instead: slower to type beside, never wrong.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import multiprocessing
import multiprocessing.connection
import os
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
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
    """A single helper process, started on first use. Thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._executor: ProcessPoolExecutor | None = None
        self._fallback: ThreadPoolExecutor | None = None
        self._failures = 0
        self.started = 0  # helper processes started so far (a test's and a reader's figure)

    @property
    def in_process(self) -> bool:
        """True once tasks run on a thread here because no helper process could."""
        return self._fallback is not None

    def submit(self, task: Callable[..., T], /, *args: Any) -> Future[T]:
        """Run ``task(*args)`` in the helper; the future holds its result or exception."""
        with self._lock:
            for _ in range(2):
                executor = self._process_executor()
                if executor is None:
                    break
                try:
                    return executor.submit(task, *args)
                except (BrokenProcessPool, RuntimeError, OSError) as exc:
                    log.warning("the helper process is gone (%s); starting another", exc)
                    self._drop_executor()
            return self._thread_executor().submit(task, *args)

    def warm_up(self) -> threading.Thread:
        """Start the helper now, on a thread of its own: starting a process takes the
        thread that does it tens of milliseconds, which the GUI thread should not give."""
        thread = threading.Thread(target=lambda: self.submit(_nothing), name="helper-warm-up",
                                  daemon=True)
        thread.start()
        return thread

    def call(self, task: Callable[..., T], /, *args: Any, timeout: float | None = 120.0) -> T:
        """``submit`` and wait for the answer (tests, and answers the caller cannot go on without)."""
        return self.submit(task, *args).result(timeout=timeout)

    def report_broken(self) -> None:
        """A task's future failed with BrokenProcessPool: the next submit starts a new helper."""
        with self._lock:
            self._drop_executor()

    def shutdown(self) -> None:
        """Stop the helper (cancelling what has not started); a later submit starts another."""
        with self._lock:
            executor, self._executor = self._executor, None
            fallback, self._fallback = self._fallback, None
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)
        if fallback is not None:
            fallback.shutdown(wait=False, cancel_futures=True)

    def _process_executor(self) -> ProcessPoolExecutor | None:
        if self._fallback is not None:
            return None
        if self._executor is None:
            if self._failures >= 2:
                log.warning("no helper process can run; site-wide work runs in this process")
                return None
            try:
                # spawn, never fork: a forked copy of a process running Qt and threads can
                # deadlock on a lock some thread held at the fork.
                context = multiprocessing.get_context("spawn")
                self._executor = ProcessPoolExecutor(
                    max_workers=1, mp_context=context, initializer=_start_helper)
                self.started += 1
            except (OSError, RuntimeError, NotImplementedError) as exc:
                log.warning("cannot start a helper process: %s", exc)
                self._failures = 2
                return None
        return self._executor

    def _drop_executor(self) -> None:
        executor, self._executor = self._executor, None
        self._failures += 1
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)

    def _thread_executor(self) -> ThreadPoolExecutor:
        if self._fallback is None:
            self._fallback = ThreadPoolExecutor(max_workers=1, thread_name_prefix="site-work")
        return self._fallback


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
