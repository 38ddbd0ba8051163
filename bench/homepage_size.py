"""Command line: homepage operations (posts, hide, show, move) on a large homepage

Generates a homepage of 10,000 real-looking teasers (about 6.5 MB: thumbnails, a few
paragraphs with bold, links and code, some hidden, some with fenced code) and times the
weekly edits as an author runs them: a fresh ``python -m blogeditor`` process per call,
median of 3 after one warm-up round. Each round hides and shows one post and moves the
top post to the bottom and back, so the file ends as it began. Python's start-up is part
of the figure, because it is part of what the author waits for. Every operation reads,
changes, re-reads (to check the result) and saves the whole file, so the figures grow with
its size: they must grow linearly (they took 20 to 40 s when reading was quadratic).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from user_dirs import isolate_user_dirs  # noqa: E402

POSTS = 10_000
ROUNDS = 3
BUDGET_MS = 2000.0
SECTIONS = ("ai", "ci-cd", "crossplane", "databases", "kubernetes", "misc", "observability")
_WORDS = ("platform", "cluster", "release", "pipeline", "backup", "gitops", "operator",
          "database", "network", "secret", "latency", "canary", "rollout", "promotion")


def _teaser(n: int) -> str:
    words = [_WORDS[(n * 7 + i * 3) % len(_WORDS)] for i in range(5)]
    title = f"Post {n}: " + " ".join(w.capitalize() for w in words)
    link = f"/{SECTIONS[n % len(SECTIONS)]}/post-{n}-" + "-".join(words)
    para = " ".join(_WORDS[(n + i) % len(_WORDS)] for i in range(22))
    body = [f"Most of the time, a **{words[0]}** is {para}.",
            f"See [the docs](https://example.com/{words[1]}) and run `kubectl get {words[2]}`."]
    if n % 10 == 3:
        body.append(f"```yaml\nkind: {words[3].capitalize()}\nmetadata:\n  name: demo\n```")
    thumb = f'<img src="{link}/thumbnail-01.jpg" style="width:50%; float:right; padding: 10px">'
    if n % 4 == 1:
        thumb = f'<a href="{link}">{thumb}</a>'
    own = f"{thumb}\n\n## [{title}]({link})\n\n" + "\n\n".join(body) + \
        f"\n\n**[Full article >>]({link})**"
    return f"<!-- {own}\n\n--- -->\n\n" if n % 9 == 0 else f"{own}\n\n---\n\n"


def generate(folder: Path) -> Path:
    """A site whose homepage holds POSTS teasers; returns the site folder."""
    (folder / "content").mkdir(parents=True)
    (folder / "hugo.toml").write_text('baseURL = "https://example.org/"\ntitle = "Bench"\n',
                                      encoding="utf-8")
    text = '+++\narchetype = "home"\ntitle = ""\n+++\n\n# Latest Posts\n\n'
    text += "".join(_teaser(n) for n in range(POSTS))
    (folder / "content" / "_index.md").write_text(text.rstrip("-\n ") + "\n", encoding="utf-8")
    return folder


def _python() -> str:
    venv = REPO / ".venv" / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    return str(venv) if venv.exists() else sys.executable


def _time(args: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run([_python(), "-m", "blogeditor", *args], cwd=REPO,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
                          capture_output=True, text=True)
    elapsed = (time.perf_counter() - start) * 1000
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} exited {done.returncode}: {done.stderr.strip()}")
    return elapsed


def run(site: Path | None = None) -> list[dict]:
    """On ``site`` when given (run_all: the demo and the real-size site; the homepage gets
    its bytes back), else on a generated 10,000-post homepage."""
    with tempfile.TemporaryDirectory(prefix="blogeditor-bench-homepage-") as tmp:
        isolate_user_dirs(Path(tmp) / "user")
        if site is None:
            site = generate(Path(tmp) / "site")
        home = site / "content" / "_index.md"
        original = home.read_bytes()
        try:
            return _measure(site, home, original)
        finally:
            if home.read_bytes() != original:
                home.write_bytes(original)


def _measure(site: Path, home: Path, original: bytes) -> list[dict]:
    from blogeditor.core.homepage.homepage import Homepage

    teasers = Homepage.parse(original).teasers
    posts = len(teasers)
    # Hide then show the first visible post, so the file ends as it began.
    visible = next((str(i + 1) for i, t in enumerate(teasers) if not t.hidden), "1")
    s = str(site)
    steps = {
        "posts": ["posts", s],
        "hide": ["hide", s, visible],
        "show": ["show", s, visible],
        "move": ["move", s, "1", str(posts)],
        "move back": ["move", s, str(posts), "1"],
    }
    samples: dict[str, list[float]] = {name: [] for name in steps}
    for round_ in range(ROUNDS + 1):
        for name, args in steps.items():
            elapsed = _time(args)
            if round_:  # the first round only warms the disk cache
                samples[name].append(elapsed)
    if home.read_bytes() != original:
        raise RuntimeError("hide/show and move/move back did not give the file back")
    size = len(original) / 1e6
    results = []
    for name, values in samples.items():
        value = statistics.median(values)
        results.append({"name": f"`blogeditor {name}` ({posts:,} posts, {size:.1f} MB)",
                        "value": value, "unit": "ms", "budget": f"< {BUDGET_MS:,.0f} ms",
                        "ok": value < BUDGET_MS})
    return results


if __name__ == "__main__":
    for row in run(Path(sys.argv[1]) if len(sys.argv) > 1 else None):
        mark = "ok" if row["ok"] else "OVER BUDGET"
        print(f"{row['name']}: {row['value']:.0f} {row['unit']} (budget {row['budget']}) {mark}")
