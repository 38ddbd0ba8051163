"""`blogeditor check SITE --spelling` on a 5,000-article site: cold, warm, one article changed.

The site comes from scripts/real_size_site.py (5,000 articles, a 300-post homepage, a few
images: spell-check reads only Markdown), made once per generator VERSION in the temp
folder. Each run is a fresh process, as an author or CI runs it; "cold" starts with an empty
cache folder, "warm" reuses the vocabulary cached by the run before, "one changed" edits one
article first (only that one is read again for the vocabulary; every file is still checked).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ARTICLES = 5000
BUDGET_S = 30.0


def site() -> Path:
    sys.path.insert(0, str(REPO / "scripts"))
    from real_size_site import VERSION

    dest = Path(tempfile.gettempdir()) / f"blogeditor-bench-spelling-site-v{VERSION}-{ARTICLES}"
    if not (dest / "content" / "_index.md").is_file():
        subprocess.run([sys.executable, str(REPO / "scripts" / "real_size_site.py"), str(dest),
                        "--articles", str(ARTICLES), "--posts", "300", "--images", "200"],
                       check=True, stdout=subprocess.DEVNULL)
    return dest


def _check(root: Path, cache: Path) -> float:
    env = dict(os.environ, BLOGEDITOR_CACHE_DIR=str(cache))
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "blogeditor", "check", str(root), "--spelling"],
                          cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):  # 1: problems found, which is a fine answer
        raise RuntimeError(f"blogeditor check failed: {done.stderr[-2000:]}")
    return seconds


def rows() -> list[dict]:
    root = site()
    with tempfile.TemporaryDirectory(prefix="blogeditor-bench-cache-") as cache_dir:
        cache = Path(cache_dir)
        cold = _check(root, cache)
        warm = _check(root, cache)
        article = next((root / "content").rglob("index.md"), None) or next(
            p for p in (root / "content").rglob("_index.md") if p.parent != root / "content")
        original = article.read_bytes()
        try:
            article.write_bytes(original + b"\nOne more paragraph, with a new word: zorbctl.\n")
            changed = _check(root, cache)
        finally:
            article.write_bytes(original)
    budget = f"< {BUDGET_S:.0f} s"
    return [
        {"name": f"check --spelling, {ARTICLES:,}-article site, cold (empty cache)",
         "value": cold, "unit": "s", "budget": budget, "ok": cold < BUDGET_S},
        {"name": "the same, warm (vocabulary from the per-article cache)", "value": warm,
         "unit": "s", "budget": budget, "ok": warm < BUDGET_S},
        {"name": "the same, warm, one article changed", "value": changed, "unit": "s",
         "budget": budget, "ok": changed < BUDGET_S},
    ]


if __name__ == "__main__":
    print(f"load before: {os.getloadavg()}")
    for row in rows():
        print(f"{row['name']}: {row['value']:.1f} {row['unit']} (budget {row['budget']})")
    print(f"load after: {os.getloadavg()}")
