"""Live preview: time to show an edit, and the longest GUI-thread stall while typing

Each figure comes from a real QPlainTextEdit wired to a real PreviewBrowser through
PreviewController (gui/preview/preview.py), offscreen. "Shown" means the controller has put the
edit into the browser's document and the event loop has run once more (the repaint).
The stall probe is a 1 ms QTimer heartbeat while 200 characters are typed (one key every
35 ms) in the middle of the text: the longest gap between two beats minus 1 ms (wall clock,
which on a busy machine includes time given to other programs), and the most CPU time the
GUI thread spent between two beats (its own work only).
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QSplitter

from blogeditor.gui.preview.preview import PreviewBrowser
from blogeditor.gui.preview.preview_controller import PreviewController

WORDS = (
    "kubernetes", "cluster", "deploy", "the", "a", "of", "to", "and", "in", "we", "is", "that",
    "it", "for", "with", "argo", "crossplane", "observability", "release", "production",
    "pipeline", "gitops", "manifest", "container", "image", "service",
)

TEASER = """<img src="/ai/some-post/thumbnail.jpg" style="width:50%; float:right; padding: 10px">

## [Reviewing Code with a Language Model: A Month of Notes](/ai/some-post)

For one month, every pull request on our team got a second reviewer that **never sleeps**
and never gets bored. It was also never quite sure what the code was for.

Here is what it caught, what it [missed](https://example.com), and the one habit of ours
it changed for good.

**[Full article >>](/ai/some-post)**
"""


def generate_article(size: int, seed: int = 1) -> str:
    """Markdown shaped like the blog's articles: prose, headings, code, lists, tables, shortcodes."""
    rnd = random.Random(seed)

    def sentence() -> str:
        words = [rnd.choice(WORDS) for _ in range(rnd.randint(6, 18))]
        text = " ".join(words).capitalize()
        if rnd.random() < 0.3:
            text += f" **{rnd.choice(WORDS)}**"
        if rnd.random() < 0.2:
            text += f" [link](https://example.com/{rnd.choice(WORDS)})"
        if rnd.random() < 0.2:
            text += f" `{rnd.choice(WORDS)}`"
        return text + "."

    out = ["+++", "title = 'Generated'", "date = 2026-02-25T07:00:00+00:00", "draft = false", "+++", ""]
    out += [" ".join(sentence() for _ in range(4)), "", "<!--more-->", "", "{{< youtube abc123 >}}", ""]
    n = 0
    while sum(len(line) + 1 for line in out) < size:
        n += 1
        k = rnd.random()
        if n % 12 == 0:
            out += [f"## Section {n}", ""]
        elif k < 0.45:
            out += [" ".join(sentence() for _ in range(rnd.randint(2, 5))), ""]
        elif k < 0.65:
            body = [
                "apiVersion: v1", "kind: Service", "metadata:", "  name: silly-demo  # the name",
                "spec:", "  port: 8080",
            ]
            out += ["```yaml", *body * rnd.randint(1, 3), "```", ""]
        elif k < 0.72:
            out += ["```sh", "kubectl --namespace a-team apply --filename app.yaml", "```", ""]
        elif k < 0.8:
            out += [f"* {sentence()}" for _ in range(rnd.randint(2, 5))] + [""]
        elif k < 0.86:
            out += ["| Name | Value | Notes |", "| --- | --- | --- |"]
            out += [f"| {rnd.choice(WORDS)} | {rnd.randint(1, 99)} | {sentence()} |" for _ in range(4)]
            out += [""]
        elif k < 0.9:
            out += [f"![diagram](img/diagram-{n}.png)", ""]
        else:
            out += [f'{{{{< figure src="x-{n}.png" >}}}}', ""]
    return "\n".join(out)


class Rig:
    def __init__(self, app: QApplication, mode: str, text: str) -> None:
        self.app = app
        self.window = QSplitter()
        self.editor = QPlainTextEdit()
        self.browser = PreviewBrowser()
        self.window.addWidget(self.editor)
        self.window.addWidget(self.browser)
        self.window.resize(1400, 900)
        self.window.show()
        self.controller = PreviewController(self.browser, mode=mode)
        self.editor.setPlainText(text)
        self.controller.attach_editor(self.editor)
        self.wait_shown(10_000)
        # Work in the middle of the text, scrolled there, as an author would.
        cursor = self.editor.textCursor()
        cursor.setPosition(len(text) // 2)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        self.editor.setTextCursor(cursor)
        self.editor.centerCursor()
        self.wait_shown(10_000)
        self.settle(300)

    def settle(self, ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def wait_shown(self, timeout_ms: int) -> bool:
        deadline = time.perf_counter() + timeout_ms / 1000
        while not self.controller.is_idle():
            if time.perf_counter() > deadline:
                return False
            self.app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 5)
        self.app.processEvents()  # the repaint
        return True

    def close(self) -> None:
        self.controller.wait_for_done()
        self.window.close()
        self.window.deleteLater()
        self.app.processEvents()


def time_to_show(app: QApplication, mode: str, text: str, trials: int = 20) -> list[float]:
    rig = Rig(app, mode, text)
    times: list[float] = []
    for i in range(trials):
        t0 = time.perf_counter()
        rig.editor.insertPlainText("xyz"[i % 3])
        rig.wait_shown(5000)
        times.append((time.perf_counter() - t0) * 1000)
        rig.settle(20)
    rig.close()
    return times


def longest_stall(app: QApplication, mode: str, text: str, chars: int = 200) -> tuple[float, float]:
    """(longest wall-clock gap between heartbeats, longest GUI-thread CPU time between them).

    The wall-clock figure is what an author feels, but on a busy machine it also counts the
    time the OS gave the CPU to other programs; the CPU figure is the GUI thread's own work.
    """
    from typing_probe import type_and_probe

    rig = Rig(app, mode, text)
    stalls = type_and_probe(rig.editor, chars, settle_ms=300)  # the last render lands inside
    rig.close()
    return stalls.worst_ms, stalls.worst_cpu_ms


def run() -> list[dict]:
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    results: list[dict] = []
    cases = [
        ("teaser", "teaser", TEASER, 50.0),
        ("25 KB article", "article", generate_article(25_000), 50.0),
        ("266 KB article", "article", generate_article(266_000), 100.0),
    ]
    for label, mode, text, budget in cases:
        times = time_to_show(app, mode, text)
        for stat, value in (("median", statistics.median(times)), ("worst", max(times))):
            results.append(
                {
                    "name": f"{label}: edit to preview shown ({stat} of {len(times)})",
                    "value": value,
                    "unit": "ms",
                    "budget": f"< {budget:.0f} ms",
                    "ok": value < budget,
                }
            )
    for label, mode, text, _budget in cases:
        wall, cpu = longest_stall(app, mode, text)
        for what, value in (("wall clock", wall), ("GUI-thread CPU", cpu)):
            results.append(
                {
                    "name": f"{label}: longest GUI-thread stall typing 200 characters ({what})",
                    "value": value,
                    "unit": "ms",
                    "budget": "< 16 ms",
                    "ok": value < 16.0,
                }
            )
    return results


if __name__ == "__main__":
    for row in run():
        print(f"{row['name']}: {row['value']:.1f} {row['unit']} ({row['budget']}, ok={row['ok']})")
