"""Work off the GUI thread, results back on it: the one way features run background jobs.

A :class:`JobLane` runs one kind of work (the homepage checks, the list's article states...)
on its own small thread pool. ``run(work, done)`` calls ``work()`` on a worker and then
``done(result)`` on the GUI thread, by a queued signal, never by sharing state or a lock.
Only the newest job's result is delivered: a job started before another one (the author
typed again meanwhile) is dropped, so a slow old answer can never overwrite a new one.
Work must not touch widgets; it gets copies of what it reads (a ``Homepage.copy()``).

Site-wide work (checks, article states, spelling the homepage, learning the vocabulary) runs
in the helper process instead (``run_task``, ``core/background``): Python work on a thread
here takes the GIL from the GUI thread, and on a large site a key press waited 100-250 ms.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from concurrent.futures import CancelledError, Future
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from blogeditor.core.background.helper_process import shared_helper

log = logging.getLogger(__name__)


class _Relay(QObject):
    # (generation, ok, result or error message): emitted on the worker, received on the
    # GUI thread because the relay lives there.
    finished = Signal(int, bool, object)


class _Job(QRunnable):
    def __init__(self, generation: int, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.generation, self.work, self.relay = generation, work, relay

    def run(self) -> None:
        try:
            result, ok = self.work(), True
        except Exception as exc:  # a job's bug must reach the author as a message, not kill a thread
            log.exception("background job failed")
            result, ok = f"{type(exc).__name__}: {exc}", False
        with contextlib.suppress(RuntimeError):  # the lane went away meanwhile: nobody to tell
            self.relay.finished.emit(self.generation, ok, result)


class JobLane(QObject):
    """One kind of background work; newest wins. ``busy`` while a job runs."""

    def __init__(self, name: str, parent: QObject | None = None, *, threads: int = 1) -> None:
        super().__init__(parent)
        # Each task's future, and whether its answer was handed to the relay (a future is done
        # a moment before its callback has emitted, and waiters must not miss the emit).
        self._futures: dict[Future[Any], threading.Event] = {}
        self.setObjectName(name)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(threads)
        self._relay = _Relay(self)
        self._relay.finished.connect(self._deliver)
        self._generation = 0
        self._running = 0
        self._done: Callable[[Any], None] | None = None
        self._failed: Callable[[str], None] | None = None

    @property
    def busy(self) -> bool:
        return self._running > 0

    def run(self, work: Callable[[], Any], done: Callable[[Any], None],
            failed: Callable[[str], None] | None = None) -> None:
        """Run ``work()`` on a worker; ``done(result)`` (or ``failed(message)``) follows here."""
        self._generation += 1
        self._done, self._failed = done, failed
        self._running += 1
        self._pool.start(_Job(self._generation, work, self._relay))

    def run_task(self, task: Callable[..., Any], args: tuple[Any, ...],
                 done: Callable[[Any], None], failed: Callable[[str], None] | None = None,
                 *, supersede: bool = True) -> None:
        """Run ``task(*args)`` in the helper process (a module-level function of picklable
        arguments); ``done(result)`` (or ``failed(message)``) follows here, newest wins.

        With ``supersede`` older tasks not started yet are not started at all (their answer
        would be dropped anyway); without, each task runs (each tells the index something)."""
        self._generation += 1
        self._done, self._failed = done, failed
        if supersede:
            for older in list(self._futures):
                older.cancel()  # a no-op for a task already running
        helper = shared_helper()
        generation, relay = self._generation, self._relay
        self._running += 1
        future = helper.submit(task, *args)
        handed = self._futures[future] = threading.Event()

        def finished(f: Future[Any]) -> None:  # a thread of the executor: signal only
            try:
                result, ok = f.result(), True
            except CancelledError:
                result, ok = "cancelled", False
            except Exception as exc:  # reaches the author as a message, like a thread's job
                log.error("background task %s failed: %s", getattr(task, "__name__", task), exc)
                result, ok = f"{type(exc).__name__}: {exc}", False
            try:
                with contextlib.suppress(RuntimeError):  # the lane went away meanwhile
                    relay.finished.emit(generation, ok, result)
            finally:
                handed.set()

        future.add_done_callback(finished)

    def cancel(self) -> None:
        """Drop the result of every job started so far (the site closed, say)."""
        self._generation += 1
        self._done = self._failed = None
        for future in list(self._futures):
            future.cancel()

    def wait_idle(self, timeout_ms: int = 5000) -> bool:
        """Wait until every job and task has handed over its answer (tests, benchmarks, closing)."""
        for handed in list(self._futures.values()):
            if not handed.wait(timeout_ms / 1000):
                return False
        return self._pool.waitForDone(timeout_ms)

    def _deliver(self, generation: int, ok: bool, result: object) -> None:
        self._running -= 1
        self._futures = {f: e for f, e in self._futures.items() if not e.is_set()}
        if generation != self._generation:
            return  # superseded: a newer job's answer is on its way
        done, failed = self._done, self._failed
        if ok and done is not None:
            done(result)
        elif not ok and failed is not None:
            failed(str(result))


class Jobs(QObject):
    """The application's lanes, so teardown can wait for every one of them."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lanes: list[JobLane] = []

    def lane(self, name: str, *, threads: int = 1, parent: QObject | None = None) -> JobLane:
        lane = JobLane(name, parent or self, threads=threads)
        self._lanes.append(lane)
        lane.destroyed.connect(lambda *_: self._forget(lane))
        return lane

    def _forget(self, lane: JobLane) -> None:
        if lane in self._lanes:
            self._lanes.remove(lane)

    def wait_idle(self, timeout_ms: int = 5000) -> bool:
        return all(lane.wait_idle(timeout_ms) for lane in list(self._lanes))
