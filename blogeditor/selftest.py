"""`blogeditor --self-test`: prove that an installed BlogEditor has every piece it needs.

A frozen app can miss a Qt plugin, a data file or a library that the tests never notice,
because they run from the source tree. This opens the demo site (the user's copy) in the
main window offscreen, renders a preview, spell-checks a known typo, starts and stops the
file watcher and has the helper process check the demo homepage, printing one line per
check, then the Qt version, the platform plugin and the spell-check provider and
dictionary. The exit code is 0 only if every check passed.
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

# A typo the en_US dictionary rejects and whose first suggestion is the right word.
TYPO, CORRECTION = "recieve", "receive"


class _Report:
    def __init__(self) -> None:
        self.failures: list[str] = []
        self.facts: dict[str, Any] = {}

    def check(self, name: str, step: Callable[[], str]) -> bool:
        try:
            detail = step()
        except Exception as exc:  # a diagnostic: report every failure, keep going
            self.failures.append(name)
            reason = f"{type(exc).__name__}: {exc}".splitlines()[0]
            print(f"[FAIL] {name}: {reason}", flush=True)
            if os.environ.get("BLOGEDITOR_DEBUG"):
                traceback.print_exc()
            return False
        print(f"[ ok ] {name}: {detail}", flush=True)
        return True


def _qt(report: _Report) -> str:
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0], "-platform",
                                                   os.environ["QT_QPA_PLATFORM"]])
    report.facts["app"] = app
    platform = QApplication.platformName()
    report.facts["platform"] = platform
    return f"Qt {qVersion()} (PySide6 {pyside_version}), platform plugin {platform!r}"


def _demo_site(report: _Report) -> str:
    from blogeditor.core.homepage.homepage import Homepage
    from blogeditor.core.site.demo import demo_site_path
    from blogeditor.core.site.site import Site

    site = Site.find(demo_site_path())
    homepage = Homepage.load(site.homepage_path)
    if len(homepage) == 0:
        raise RuntimeError("the demo homepage has no teasers")
    report.facts["site"] = site
    report.facts["homepage"] = homepage
    return f"{site.root} ({len(homepage)} teasers)"


def _main_window(report: _Report) -> str:
    try:
        from blogeditor.gui.window.main_window import MainWindow
    except ModuleNotFoundError as exc:
        if exc.name != "blogeditor.gui.window.main_window":
            raise
        return "skipped: this build has no main window yet (core checks only)"
    from PySide6.QtWidgets import QApplication

    site = report.facts["site"]
    window = MainWindow()
    try:
        if not window.open_site(site.root):
            raise RuntimeError("the main window refused to open the demo site")
        window.show()
        QApplication.processEvents()
        rows = window.list_model.rowCount()
        expected = len(report.facts["homepage"])
        if rows != expected:
            raise RuntimeError(f"the post list shows {rows} posts, the homepage has {expected}")
        return f"opened the demo site, {rows} posts listed"
    finally:
        window.close()
        window.deleteLater()
        QApplication.processEvents()


def _preview(report: _Report) -> str:
    from PySide6.QtGui import QTextDocument

    from blogeditor.core.render.render import (
        render_article_html,
        render_teaser_html,
        strip_front_matter,
    )

    site = report.facts["site"]
    teaser = next(t for t in report.facts["homepage"].teasers if not t.hidden)
    article = site.article_path(teaser.link)
    if article is None:
        raise RuntimeError(f"no article for {teaser.link}")
    text = article.read_text(encoding="utf-8")
    first_line = next(line for line in strip_front_matter(text).splitlines() if line.strip())
    expected = [teaser.title, " ".join(first_line.split()[:3])]
    pages = [
        render_teaser_html(teaser.markdown, site=site),
        render_article_html(text, site=site, base_dir=article.parent),
    ]
    for page, phrase in zip(pages, expected, strict=True):
        document = QTextDocument()
        document.setHtml(page)
        if phrase not in document.toPlainText():
            raise RuntimeError(f"the preview of {teaser.link} does not show {phrase!r}")
    return f"teaser and article of {teaser.link!r} rendered ({sum(map(len, pages))} chars)"


def _spelling(report: _Report) -> str:
    from blogeditor.core.spelling import SpellChecker

    checker = SpellChecker("en_US")
    if not checker.available:
        raise RuntimeError(checker.problem or "no en_US dictionary")
    if checker.check(TYPO):
        raise RuntimeError(f"{TYPO!r} was accepted")
    if not checker.check(CORRECTION):
        raise RuntimeError(f"{CORRECTION!r} was rejected")
    suggestions = checker.suggest(TYPO)
    if CORRECTION not in suggestions:
        raise RuntimeError(f"no {CORRECTION!r} among the suggestions {suggestions}")
    # The checker's own broker, with BlogEditor's provider order (hunspell before aspell).
    report.facts["spell"] = f"{checker.provider} ({checker.provider_file}), dictionary en_US"
    return f"{TYPO!r} flagged, suggests {CORRECTION!r}; provider {checker.provider}"


def _watcher(report: _Report) -> str:
    from blogeditor.core.storage.watch import Change, SiteWatcher

    seen = threading.Event()

    def on_events(changes: list[Change]) -> None:
        if any(c.path.name == "probe.md" for c in changes):
            seen.set()

    # A scratch folder, not the demo site: the self-test must leave the author's files alone.
    with tempfile.TemporaryDirectory(prefix="blogeditor-selftest-") as folder:
        watcher = SiteWatcher([Path(folder)], on_events)
        watcher.start()
        try:
            started = time.monotonic()
            (Path(folder) / "probe.md").write_text("probe\n", encoding="utf-8")
            if not seen.wait(10.0):
                raise RuntimeError("no change reported within 10 s")
            latency = time.monotonic() - started
        finally:
            watcher.stop()
        if watcher.running:
            raise RuntimeError("the watcher did not stop")
    return f"{watcher.mode} watcher saw a change after {latency * 1000:.0f} ms and stopped"


def _helper(report: _Report) -> str:
    """The site-wide work's process: in a frozen app it is the app started again
    (multiprocessing.freeze_support in the entry point), which must not open a window."""
    from blogeditor.core.background import site_tasks
    from blogeditor.core.background.helper_process import shared_helper
    from blogeditor.core.site.demo import demo_site_path
    from blogeditor.core.site.site import Site

    helper = shared_helper()
    started = time.monotonic()
    pid = helper.call(os.getpid, timeout=60)
    if pid == os.getpid() or helper.in_process:
        raise RuntimeError("no helper process could start; site-wide work runs in the window")
    site = Site(demo_site_path())
    found = helper.call(site_tasks.homepage_findings, site, site.homepage_path.read_bytes(),
                        timeout=60)
    if found.error is not None:
        raise RuntimeError(found.error)
    took = time.monotonic() - started
    return (f"helper process {pid} checked the demo homepage ({len(found.problems)} problem(s)) "
            f"{took:.1f} s after starting")


def run_self_test() -> int:
    """Run every check, print a line each and a summary; 0 only if all passed."""
    # Offscreen unless the caller asks for a real display (the smoke test does both).
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # Opening the demo site in a window would record it as the last and a recent site: the
    # self-test keeps its settings and state in a scratch folder, the author's stay as they were.
    saved = {name: os.environ.get(name) for name in _SCRATCH_DIRS}
    with tempfile.TemporaryDirectory(prefix="blogeditor-selftest-") as scratch:
        for name in _SCRATCH_DIRS:
            os.environ[name] = os.path.join(scratch, name.lower())
        try:
            return _run_checks()
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


# The per-user folders the self-test must not write to (the demo site copy in the data folder
# is the one it opens, on purpose: that is what the author will open).
_SCRATCH_DIRS = ("BLOGEDITOR_CONFIG_DIR", "BLOGEDITOR_STATE_DIR")


def _run_checks() -> int:
    from blogeditor import version

    print(f"BlogEditor {version()} self-test ({'frozen' if getattr(sys, 'frozen', False) else 'source'})",
          flush=True)
    report = _Report()
    qt_ok = report.check("qt", lambda: _qt(report))
    site_ok = report.check("demo site", lambda: _demo_site(report))
    if qt_ok and site_ok:
        report.check("main window", lambda: _main_window(report))
        report.check("preview", lambda: _preview(report))
    report.check("spell-check", lambda: _spelling(report))
    report.check("watcher", lambda: _watcher(report))
    report.check("helper process", lambda: _helper(report))
    print(f"platform plugin: {report.facts.get('platform', 'none')}")
    print(f"spell-check: {report.facts.get('spell', 'unavailable')}")
    if report.failures:
        print(f"self-test FAILED: {', '.join(report.failures)}", flush=True)
        return 1
    print("self-test passed", flush=True)
    return 0
