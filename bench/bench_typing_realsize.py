"""Typing in the real window on a generated real-size site (bench/typing_latency.py)

A site of 1,000 articles (real-looking prose, 1 to 4 real images each) and a 300-post
homepage, made by scripts/real_size_site.py; the figures are typing_latency.py's, run in a
fresh process: right after opening, keystroke to preview, and typing at speed, for the first
teaser and for an article in the Article tab.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
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


def run() -> list[dict]:
    sys.path.insert(0, str(REPO / "scripts"))
    from real_size_site import generate

    site = generate(Path(tempfile.mkdtemp(prefix="blogeditor-realsize-")) / "site",
                    articles=1000, posts=300)
    article = next((site / "content" / "kubernetes").glob("*/_index.md"))
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
