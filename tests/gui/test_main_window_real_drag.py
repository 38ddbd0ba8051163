"""A real mouse drag in the post list, on a real X server (Xvfb) driven by xdotool.

Offscreen Qt cannot run a QDrag, so this runs only where xvfb-run and xdotool exist
(``apt install xvfb xdotool``); the model-level drop tests in test_main_window.py run
everywhere.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    not (shutil.which("xvfb-run") and shutil.which("xdotool")), reason="needs xvfb-run and xdotool"
)

SCRIPT = textwrap.dedent(
    """
    import subprocess, sys
    from PySide6.QtCore import QPoint, QTimer
    from blogeditor.gui.app import make_application
    from blogeditor.gui.window.main_window import MainWindow

    app = make_application()
    window = MainWindow(features=False)
    window.move(0, 0)
    window.resize(1200, 800)
    window.show()
    assert window.open_site(sys.argv[1])

    def drag():
        view = window.list_view
        a = view.viewport().mapToGlobal(view.visualRect(view.view_index(5)).center())
        b = view.viewport().mapToGlobal(view.visualRect(view.view_index(2)).topLeft() + QPoint(60, 4))
        subprocess.Popen(
            f"xdotool mousemove {a.x()} {a.y()} sleep 0.3 mousedown 1 sleep 0.3 "
            f"mousemove {a.x()} {a.y() - 20} sleep 0.2 mousemove {b.x()} {b.y() + 10} sleep 0.2 "
            f"mousemove {b.x()} {b.y()} sleep 0.4 mouseup 1",
            shell=True,
        )
        QTimer.singleShot(4000, finish)

    def finish():
        window.save()
        print(window.current_index())
        window.close()
        app.quit()

    QTimer.singleShot(1000, drag)
    app.exec()
    """
)


def test_dragging_a_post_with_the_mouse_reorders_the_file(demo_site: Path) -> None:
    homepage = demo_site / "content" / "_index.md"
    original = homepage.read_text(encoding="utf-8")
    pipelines = original[original.index('<a href="/ci-cd/pipelines') : original.index('<img src="/misc/a-tidy')]
    tidy = original[original.index('<img src="/misc/a-tidy') : original.index('<img src="/ci-cd/caching')]
    expected = original.replace(pipelines + tidy, tidy + pipelines)
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1400x900x24", sys.executable, "-c", SCRIPT,
         str(demo_site)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=90,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == "2"  # the dragged post stays selected
    assert homepage.read_text(encoding="utf-8") == expected
