"""Write screenshots of the main window (light and dark, a post selected) into a folder:
the demo site (screenshot-{light,dark}.png, the README's) and a generated real-size site of
1,000 articles and a 300-post homepage (screenshot-realsize-{light,dark}.png).

Usage: python scripts/screenshots.py [OUTPUT_DIR]   (default: docs)
Runs offscreen unless QT_QPA_PLATFORM says otherwise (e.g. xcb under Xvfb), on a private
copy of the demo site and private settings, so nothing of the user's is touched.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SELECTED_POST = 2  # a visible teaser with a thumbnail and bold text


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else REPO / "docs"
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="blogeditor-shots-"))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["BLOGEDITOR_DATA_DIR"] = str(work / "data")
    os.environ["BLOGEDITOR_CACHE_DIR"] = str(work / "cache")
    os.environ["XDG_CONFIG_HOME"] = str(work / "config")
    sys.path.insert(0, str(REPO))
    os.environ["BLOGEDITOR_STATE_DIR"] = str(work / "state")
    os.environ["BLOGEDITOR_CONFIG_DIR"] = str(work / "config" / "blogeditor")
    demo = work / "demo-site"
    shutil.copytree(REPO / "resources" / "demo-site", demo)
    sys.path.insert(0, str(REPO / "scripts"))
    from real_size_site import generate

    big = generate(work / "real-size-site", articles=1000, posts=300)

    from PySide6.QtWidgets import QApplication

    from blogeditor.gui.app import make_application
    from blogeditor.gui.theme import apply_color_scheme
    from blogeditor.gui.window.main_window import MainWindow

    app = make_application()
    try:
        for site, prefix, name, dark in ((demo, "screenshot", "light", False),
                                         (demo, "screenshot", "dark", True),
                                         (big, "screenshot-realsize", "light", False),
                                         (big, "screenshot-realsize", "dark", True)):
            apply_color_scheme(app, dark)
            window = MainWindow(dark=dark)
            window.resize(1360, 820)
            window.show()
            if not window.open_site(site):
                print(f"cannot open {site}", file=sys.stderr)
                return 1
            window.splitter.setSizes([360, 470, 530])
            window.select_index(SELECTED_POST)
            _settle(app, window)
            path = out / f"{prefix}-{name}.png"
            if not window.grab().save(str(path)):
                print(f"cannot write {path}", file=sys.stderr)
                return 1
            print(f"wrote {path}")
            window.close()
            window.deleteLater()
            QApplication.processEvents()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def _settle(app: object, window: object) -> None:
    """Let thumbnails decode and the preview render before the picture is taken."""
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        window.image_loader.wait_idle(2000)  # type: ignore[attr-defined]
        QApplication.processEvents()
        rows = window.list_model.rowCount()  # type: ignore[attr-defined]
        pending = [r for r in range(rows) if window.list_model.row(r).thumbnail_path  # type: ignore[attr-defined]
                   and window.list_model._thumbs.get(window.list_model.row(r).thumbnail_path) is None]  # type: ignore[attr-defined]
        if not pending:
            break
        time.sleep(0.05)
    window.preview_pane.render()  # type: ignore[attr-defined]
    for _ in range(5):
        QApplication.processEvents()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
