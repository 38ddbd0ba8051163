"""Type into an editor under a 1 ms heartbeat and report how long the GUI thread stalled.

Shared by the window, preview and article benchmarks so they measure a stall the same way:
one key every 35 ms (a fast typist), a precise 1 ms timer whose late beats are the stalls.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

SAMPLE = "the quick brown fox jumps over the lazy dog. "


@dataclass(frozen=True)
class Stalls:
    worst_ms: float  # longest wall-clock gap between beats, minus the 1 ms period
    p99_ms: float  # 99th-percentile gap, minus the period
    worst_cpu_ms: float  # longest GUI-thread CPU time between two beats


def type_and_probe(editor, chars: int = 200, settle_ms: int = 400) -> Stalls:  # type: ignore[no-untyped-def]
    """Type ``chars`` keys into ``editor``; ``settle_ms`` after the last key is measured too.

    The wall-clock figure is what an author feels, but on a busy machine it also counts time
    the OS gave to other programs; the CPU figure is the GUI thread's own work.
    """
    from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer
    from PySide6.QtTest import QTest

    beats = QElapsedTimer()
    gaps: list[float] = []
    worst_cpu = [0.0]
    last = [0, 0.0]

    def beat() -> None:
        now, cpu = beats.nsecsElapsed(), time.thread_time()
        gaps.append((now - last[0]) / 1e6)
        worst_cpu[0] = max(worst_cpu[0], (cpu - last[1]) * 1000)
        last[0], last[1] = now, cpu

    heart = QTimer()
    heart.setTimerType(Qt.TimerType.PreciseTimer)
    heart.setInterval(1)
    heart.timeout.connect(beat)
    typed = [0]
    loop = QEventLoop()

    def type_one() -> None:
        if typed[0] >= chars:
            typer.stop()
            QTimer.singleShot(settle_ms, loop.quit)
            return
        QTest.keyClick(editor, SAMPLE[typed[0] % len(SAMPLE)])
        typed[0] += 1

    typer = QTimer()
    typer.setInterval(35)
    typer.timeout.connect(type_one)
    beats.start()
    last[0], last[1] = beats.nsecsElapsed(), time.thread_time()
    heart.start()
    typer.start()
    loop.exec()
    heart.stop()
    gaps.sort()
    worst = gaps[-1] if gaps else 0.0
    p99 = gaps[min(len(gaps) - 1, int(0.99 * len(gaps)))] if gaps else 0.0
    return Stalls(max(0.0, worst - 1.0), max(0.0, p99 - 1.0), worst_cpu[0])
