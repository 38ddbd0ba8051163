"""Start the desktop app: application object, colour scheme, crash handling, first site."""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QFileOpenEvent, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from blogeditor.core.spelling.checker import wait_until_warm
from blogeditor.core.storage import paths
from blogeditor.gui import icons, settings
from blogeditor.gui.context import AppContext
from blogeditor.gui.settings import Settings
from blogeditor.gui.theme import apply_color_scheme, wants_dark

if TYPE_CHECKING:
    from blogeditor.gui.window.main_window import MainWindow

log = logging.getLogger("blogeditor")

WARM_UP_WAIT_S = 1.0  # a slow machine gets a window anyway


def log_path() -> Path:
    return paths.state_dir() / "blogeditor.log"


def _setup_logging() -> None:
    try:
        paths.private_dir(log_path().parent)
        handler: logging.Handler = logging.FileHandler(log_path(), encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def install_excepthook() -> None:
    """Log unexpected errors and say so in a dialog instead of dying mid-edit.

    One action can fail in several slots at once (every view that follows the change); the
    author gets one dialog for the lot, shown once control is back in the event loop.
    """
    pending: list[str] = []

    def show() -> None:
        if not pending:
            return
        first, more = pending[0], len(pending) - 1
        pending.clear()
        extra = f" ({more} more {'problem' if more == 1 else 'problems'} came with it.)" if more else ""
        QMessageBox.critical(
            None,
            "BlogEditor ran into a problem",
            f"Something went wrong ({first}).{extra} Your work is still open; "
            f"saving now is a good idea. Details are in {log_path()}.",
        )

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        log.error("Unexpected error:\n%s", "".join(traceback.format_exception(kind, value, tb)))
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        if QApplication.instance() is None:
            return
        if not pending:
            QTimer.singleShot(0, show)
        pending.append(f"{kind.__name__}: {value}")

    sys.excepthook = hook


def make_application() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setOrganizationName(settings.ORGANIZATION)
    app.setApplicationName(settings.APPLICATION)
    app.setApplicationDisplayName("BlogEditor")
    app.setDesktopFileName("blogeditor")
    logo = icons.icons_dir() / "blogeditor.svg"
    if logo.is_file():
        app.setWindowIcon(QIcon(str(logo)))
    return app


def initial_site(site: str | None, settings: Settings) -> tuple[str | None, bool]:
    """(what to open, whether it is the demo site)."""
    if site:
        return site, False
    last = settings.last_site()
    if last and Path(last).exists():
        return last, False
    return None, True


def _warm_up_renderer() -> None:
    # The first Markdown conversion imports markdown and its extensions and compiles their
    # patterns; doing one in the background while the window is built keeps that off the
    # first preview.
    try:
        from blogeditor.core.render.render import render_teaser_html

        render_teaser_html("## [Warm](/up)\n\n*up*")
        # codespell's 65,000 known misspellings are read on the first spell-check; reading
        # them here keeps that off the first key press.
        from blogeditor.core.spelling.misspellings import is_known_misspelling

        is_known_misspelling("teh")
    except Exception:
        log.debug("renderer warm-up failed", exc_info=True)


def start(site: str | None, *, features: bool = True) -> tuple[QApplication, MainWindow]:
    """Everything up to a usable window (split from ``run`` so benchmarks time it)."""
    warm_up = threading.Thread(target=_warm_up_renderer, name="warm-up", daemon=True)
    warm_up.start()
    _setup_logging()
    app = make_application()
    ctx = AppContext(Settings())
    # View ▸ Theme: the author's choice, else the desktop's (ViewControls follows its changes).
    dark = wants_dark(ctx.settings.theme())
    apply_color_scheme(app, dark)
    install_excepthook()

    from blogeditor.gui.window.main_window import MainWindow

    window = MainWindow(ctx=ctx, dark=dark, features=features)
    ctx.setParent(window)
    if sys.platform == "darwin":
        # Only macOS sends QFileOpenEvent; elsewhere a filter on the whole application would
        # see every event of every widget (thousands a second while typing) for nothing.
        app.installEventFilter(FileOpenHandler(window))
    window.show()
    target, demo = initial_site(site, ctx.settings)
    if demo:
        window.open_demo_site()
    elif target is not None and not window.open_site(target) and site is None:
        ctx.settings.set_last_site(None)
    # The warm-ups ran beside the window's making and the site's opening; the first frame
    # waits for what is left of them, so it is not the first key presses that share the
    # interpreter with them (typing right after opening the demo site: 20-30 ms a key).
    warm_up.join(WARM_UP_WAIT_S)
    wait_until_warm(WARM_UP_WAIT_S)
    return app, window


class FileOpenHandler(QObject):
    """macOS hands "Open with BlogEditor" (Finder, Dock, `open -a`) to the app as a
    QFileOpenEvent, not as argv: open the site the file belongs to."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.FileOpen or not isinstance(event, QFileOpenEvent):
            return False
        path = Path(event.file() or event.url().toLocalFile())
        if not str(path):
            return False
        site = self._window.site
        if site is None or not path.resolve().is_relative_to(site.root.resolve()):
            self._window.open_site(path)
        self._window.raise_()
        self._window.activateWindow()
        return True


def run(site: str | None) -> int:
    """Run the app; opens ``site``, else the last site, else the demo site."""
    app, _window = start(site)
    return app.exec()
