"""PySide6 6.12.0 on Python 3.11 corrupts a refcount on every signal emit and aborts
(bool_dealloc) after a few thousand; pyproject pins 6.11.3. This guards the pin: the
emits run in a child process so an abort fails this test instead of killing the suite."""

from __future__ import annotations

import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    from PySide6.QtCore import QCoreApplication, QObject, Signal

    class Source(QObject):
        number = Signal(int)
        flag = Signal(bool)

    app = QCoreApplication([])
    source = Source()
    seen = []
    source.number.connect(seen.append)
    source.flag.connect(seen.append)
    for i in range(10_000):
        source.number.emit(i)
        source.flag.emit(i % 2 == 0)
    assert len(seen) == 20_000, len(seen)
    assert seen[-2:] == [9_999, False]
    print("ok")
    """
)


def test_ten_thousand_signal_emits_do_not_crash() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "ok"
