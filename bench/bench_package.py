"""Installed Linux package: size and time to window

Uses the newest dist/blogeditor_*.deb (built by `make package`): unpacks it into a temporary
root with `dpkg-deb -x` (no root needed), measures the installed size, then starts the
installed app (no arguments: it opens its demo site) under its own Xvfb server with the xcb
plugin and times until its window is viewable: median of 3 runs after one warm-up, each with
fresh user folders so the demo site copy is part of the figure as on a first start.
Without a built package the rows say so (ok = None) instead of failing.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parent.parent
DIST = REPO / "dist"
RUNS = 3
SIZE_BUDGET_MB = 150.0
WINDOW_BUDGET_S = 2.0


def _probe() -> ModuleType:
    path = REPO / "packaging" / "xvfb_probe.py"
    spec = importlib.util.spec_from_file_location("xvfb_probe", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _row(name: str, value: float, unit: str, budget: str, ok: bool | None) -> dict[str, object]:
    return {"name": name, "value": value, "unit": unit, "budget": budget, "ok": ok}


def _not_measured(reason: str) -> list[dict[str, object]]:
    return [
        _row("installed size", 0.0, f"MB (not measured: {reason})", f"< {SIZE_BUDGET_MB:.0f} MB",
             None),
        _row("time to window under Xvfb", 0.0, f"s (not measured: {reason})",
             f"< {WINDOW_BUDGET_S:.0f} s", None),
    ]


def _size(root: Path) -> int:
    return sum(p.lstat().st_size for p in root.rglob("*") if p.is_file() or p.is_symlink())


def run() -> list[dict[str, object]]:
    debs = sorted(DIST.glob("blogeditor_*.deb"), key=lambda p: p.stat().st_mtime)
    if not debs:
        return _not_measured("no package built; run make package")
    if shutil.which("dpkg-deb") is None:
        return _not_measured("dpkg-deb is missing")
    probe = _probe()
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory(prefix="blogeditor-bench-package-") as tmp:
        root = Path(tmp) / "root"
        subprocess.run(["dpkg-deb", "-x", str(debs[-1]), str(root)], check=True)
        size_mb = _size(root) / 1e6
        rows.append(_row(f"installed size ({debs[-1].name})", round(size_mb, 1), "MB",
                         f"< {SIZE_BUDGET_MB:.0f} MB", size_mb < SIZE_BUDGET_MB))
        if missing := probe.tools_missing():
            rows.append(_row("time to window under Xvfb", 0.0,
                             f"s (not measured: {', '.join(missing)} missing)",
                             f"< {WINDOW_BUDGET_S:.0f} s", None))
        else:
            app = str(root / "opt" / "blogeditor" / "blogeditor")
            times: list[float] = []
            for run_number in range(RUNS + 1):
                home = Path(tmp) / f"home{run_number}"
                env = {k: v for k, v in os.environ.items() if not k.startswith("BLOGEDITOR_")}
                env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / "config"),
                           XDG_DATA_HOME=str(home / "data"), XDG_CACHE_HOME=str(home / "cache"))
                result = probe.time_to_window([app], env=env, timeout=30.0)
                if result.seconds is None:
                    rows.append(_row("time to window under Xvfb", 0.0,
                                     "s (no window appeared)", f"< {WINDOW_BUDGET_S:.0f} s", False))
                    break
                if run_number:  # the first run only warms the disk cache
                    times.append(result.seconds)
            else:
                median = statistics.median(times)
                rows.append(_row(f"time to window under Xvfb (median of {RUNS})",
                                 round(median, 2), "s", f"< {WINDOW_BUDGET_S:.0f} s",
                                 median < WINDOW_BUDGET_S))
    report = DIST / "package-report.json"
    if report.exists():
        glibc = str(json.loads(report.read_text(encoding="utf-8")).get("glibc", "0.0"))
        major, _, minor = glibc.partition(".")
        # As a number "2.35" would print as 2.4: the row carries the minor version instead.
        rows.append(_row(f"highest glibc symbol version needed: GLIBC_{glibc}",
                         float(minor or 0), f"(minor of glibc {major}.x)", "", None))
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
