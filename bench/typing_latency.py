"""Keystroke to preview, and the longest key press, in the real window on any site.

    python bench/typing_latency.py SITE [--article FILE] [--json]

Opens SITE in the real main window (offscreen unless QT_QPA_PLATFORM says otherwise; private
settings), then measures three things an author feels:

- **right after opening**: typing starts the moment the window has shown its first frame,
  while the site's vocabulary is still being learned and thumbnails decode; the longest
  GUI-thread stall;
- **keystroke to preview**: one key at a time, the time until the preview shows it (median
  and worst of 30);
- **typing at speed**: 30 keys a second for 200 keys; the longest GUI-thread stall.

With ``--article`` the same is done in the Article tab on that file (path relative to the
site or absolute); otherwise on the first post's teaser. Budgets: a stall under 16 ms, the
median keystroke-to-preview within one 60 Hz frame (16.7 ms).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

TRIALS = 30


def _link_of(site: Path, article: Path) -> str:
    content = site / "content"
    return "/" + article.resolve().parent.relative_to(content.resolve()).as_posix()


def measure(site: Path, article: Path | None) -> dict[str, object]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from user_dirs import isolate_user_dirs

    isolate_user_dirs(Path(tempfile.mkdtemp(prefix="blogeditor-typing-")))
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtTest import QTest
    from typing_probe import type_and_probe

    from blogeditor.gui.app import start

    opened_at = time.perf_counter()
    app, window = start(str(site))
    window.resize(1400, 900)
    opened_ms = (time.perf_counter() - opened_at) * 1000

    def settle(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    if article is not None:
        index = window.document.homepage.index_of_link(_link_of(site, article))
        if index is None:
            raise SystemExit(f"no teaser on the homepage links {article}")
        window.select_index(index)
        window.features.authoring.show_article_tab()
        editor = window.features.authoring.article.editor
        controller = window.features.authoring.article.preview

        def shown_now() -> bool:
            return bool(controller.is_idle())
    else:
        window.select_index(0)
        editor = window.editor
        rendered = [0]
        window.preview_pane.rendered.connect(lambda: rendered.__setitem__(0, rendered[0] + 1))
        last_seen = [0]

        def shown_now() -> bool:
            if rendered[0] != last_seen[0]:
                last_seen[0] = rendered[0]
                return True
            return False

    editor.setFocus()
    cursor = editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    # Right after opening: as soon as the window has shown its first frame (an author
    # cannot type into a window before seeing it), while the site-wide work starts.
    QTest.qWaitForWindowExposed(window)
    app.processEvents()
    first = type_and_probe(editor, chars=90, settle_ms=200)
    settle(3000)  # vocabulary, thumbnails and the first spell-check pass are done by now

    delays: list[float] = []
    for i in range(TRIALS):
        shown_now()  # forget renders that were already due
        t0 = time.perf_counter()
        QTest.keyClick(editor, "xyz"[i % 3])
        deadline = t0 + 10
        while not shown_now():
            if time.perf_counter() > deadline:
                raise SystemExit("the preview never showed the key")
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 2)
        delays.append((time.perf_counter() - t0) * 1000)
        settle(60)
    steady = type_and_probe(editor)
    # The typed text stays unsaved: the process ends without closing the window (which would
    # ask about it), and the site on disk is never written.
    return {
        "site": str(site), "file": str(article) if article else "first teaser",
        "opened_ms": round(opened_ms, 1),
        "stall_after_opening_ms": round(first.worst_ms, 1),
        "stall_after_opening_cpu_ms": round(first.worst_cpu_ms, 1),
        "preview_median_ms": round(statistics.median(delays), 1),
        "preview_worst_ms": round(max(delays), 1),
        "stall_typing_ms": round(steady.worst_ms, 1),
        "stall_typing_p99_ms": round(steady.p99_ms, 1),
        "stall_typing_cpu_ms": round(steady.worst_cpu_ms, 1),
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--article", type=Path)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    article = args.article
    if article is not None and not article.is_absolute():
        article = (args.site / article) if (args.site / article).exists() else article.resolve()
    figures = measure(args.site.resolve(), article)
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for key, value in figures.items():
            print(f"{key:30} {value}")
    sys.stdout.flush()
    from blogeditor.core.background.helper_process import shared_helper

    shared_helper().shutdown()  # os._exit skips the atexit that would end the helper
    os._exit(0)  # leave the window and its unsaved typing behind, as measured


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
