"""Typing in the real window (bench/typing_latency.py), for a teaser and for an article

Run by run_all on the demo site and on the real-size site (bench/sites.py: 5,000 articles,
a 10,000-post homepage, 20,000 images); each measurement is typing_latency.py's in a fresh
process: right after opening, keystroke to preview, and typing at speed. The typed text is
never saved: the cached site stays as generated.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def _measure(site: Path, article: Path | None) -> dict[str, float]:
    cmd = [sys.executable, str(HERE / "typing_latency.py"), str(site), "--json"]
    if article is not None:
        cmd += ["--article", str(article)]
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600, check=True)
    return json.loads(done.stdout)


def run(site: Path | None = None) -> list[dict]:
    if site is None:
        sys.path.insert(0, str(HERE))
        from sites import real_size_site

        site = real_size_site()[0]
    content = site / "content"
    # The first article of a section (one a teaser links to, on both sites' layouts).
    article = next(p for p in sorted(content.glob("*/*/_index.md"))
                   if p.parent.parent.name not in ("archive",))
    results: list[dict] = []
    for label, figures in (("teaser", _measure(site, None)), ("article", _measure(site, article))):
        results += [
            {"name": f"{label}: longest key press, typing right after the site opens",
             "value": figures["stall_after_opening_ms"], "unit": "ms", "budget": "< 16 ms",
             "ok": figures["stall_after_opening_ms"] < 16},
            {"name": f"{label}: keystroke to preview shown (median of 30)",
             "value": figures["preview_median_ms"], "unit": "ms", "budget": "< 16.7 ms",
             "ok": figures["preview_median_ms"] < 16.7},
            {"name": f"{label}: longest key press typing at 30 keys/s",
             "value": figures["stall_typing_ms"], "unit": "ms", "budget": "< 16 ms",
             "ok": figures["stall_typing_ms"] < 16},
            {"name": f"{label}: the same, GUI-thread CPU only", "value": figures["stall_typing_cpu_ms"],
             "unit": "ms", "budget": "", "ok": None},
        ]
    return results
