"""Heavy image decodes in a helper process, so the GUI thread never waits for them.

Qt's decoders keep Python's GIL while they run: a 12-megapixel PNG decoded in a worker
thread stops the GUI thread for over half a second. Heavy files are therefore decoded by a
child Python (``python -m blogeditor.gui.images.decode_child``), while the worker thread
waits on a pipe without the GIL. A plain subprocess rather than multiprocessing: nothing of
the parent's ``__main__`` is re-run in the child. Requests are one JSON line; answers are one
JSON line, followed by the raw pixels. When no child can run (a frozen app, no processes
allowed, the child died) the caller decodes in its own thread as before.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

HEAVY_BYTES = 2_000_000
HEAVY_PIXELS = 2_500_000  # for formats without scaled decoding (all but JPEG)


def is_heavy(file_size: int, full: QSize, fmt: str) -> bool:
    """True when decoding would hold the GIL long enough to stutter the GUI (> ~20 ms)."""
    if file_size > HEAVY_BYTES:
        return True
    return fmt.lower() not in ("jpeg", "jpg") and full.width() * full.height() > HEAVY_PIXELS


class HelperRefused(Exception):
    """The helper could not decode the file; the message is for the author."""


class _Helper:
    """The child process and the lock that keeps one request at a time on its pipe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._proc: subprocess.Popen[bytes] | None = None
        self.broken = bool(getattr(sys, "frozen", False))  # no `-m` inside a frozen app

    def decode(self, path: Path, box: QSize) -> QImage | None:
        if self.broken:
            return None
        with self._lock:  # waiting here releases the GIL like any lock
            try:
                proc = self._process()
                assert proc.stdin is not None and proc.stdout is not None
                request = {"path": str(path), "w": box.width(), "h": box.height()}
                proc.stdin.write(json.dumps(request).encode() + b"\n")
                proc.stdin.flush()
                answer = json.loads(proc.stdout.readline() or b"null")
                if answer is None:
                    raise OSError("the decoding helper stopped")
                if "error" in answer:
                    raise HelperRefused(answer["error"])
                data = proc.stdout.read(answer["size"])
            except HelperRefused:
                raise
            except Exception:  # no subprocesses here, or the helper died: decode in-thread
                self.broken = True
                self.stop()
                return None
        return QImage(data, answer["w"], answer["h"], answer["stride"],
                      QImage.Format(answer["fmt"])).copy()

    def _process(self) -> subprocess.Popen[bytes]:
        if self._proc is None or self._proc.poll() is not None:
            package_root = str(Path(__file__).resolve().parents[2])
            env = dict(os.environ)
            env["PYTHONPATH"] = os.pathsep.join(
                p for p in (package_root, env.get("PYTHONPATH", "")) if p)
            self._proc = subprocess.Popen(
                [sys.executable, "-m", "blogeditor.gui.images.decode_child", "--helper"],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                env=env)
        return self._proc

    def stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None and proc.poll() is None:
            with contextlib.suppress(Exception):
                proc.stdin.close()  # type: ignore[union-attr]
                proc.wait(timeout=2)
            if proc.poll() is None:
                proc.kill()


_helper = _Helper()
atexit.register(lambda: _helper.stop())  # the child also ends on its own when stdin closes


def decode_in_helper(path: Path, box: QSize) -> QImage | None:
    """Decode in the helper process; None when no helper can run (the caller decodes itself)."""
    return _helper.decode(path, box)


def shutdown_helper() -> None:
    _helper.stop()
