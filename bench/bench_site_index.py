"""Site index: the first full index, the re-index after one change, and the checks

core/site/site_index.py in this process, on the site named in each row: the first full index
(every article read and parsed once, the disk cache warm), a stat sweep with nothing
changed, the re-index after one article changed (named by the watcher, then found by a
sweep), and ``check`` of the whole homepage: computed, answered again for the same version
(what the list and the Problems dock share), and computed again after that one change.
The reads column of the work says how many files each step read.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from sites import restored  # noqa: E402
from user_dirs import isolate_user_dirs  # noqa: E402

REPEAT = 5


def _ms(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def _median(fn: Callable[[], object], setup: Callable[[], object] = lambda: None) -> float:
    samples = []
    for _ in range(REPEAT):
        setup()
        samples.append(_ms(fn))
    return statistics.median(samples)


def _row(name: str, value: float, budget: float | None, unit: str = "ms") -> dict:
    return {"name": name, "value": value, "unit": unit,
            "budget": f"< {budget:,.0f} {unit}" if budget is not None else "",
            "ok": (value < budget) if budget is not None else None}


def run(site: Path | None = None) -> list[dict]:
    from sites import demo_site

    isolate_user_dirs(Path(tempfile.mkdtemp(prefix="bench-site-index-")))
    if site is None:
        site = demo_site(Path(tempfile.mkdtemp(prefix="bench-site-index-demo-")))
    from blogeditor.core.homepage.homepage import Homepage
    from blogeditor.core.site.site import Site
    from blogeditor.core.site.site_index import SiteIndex

    hugo = Site.find(site)
    index = SiteIndex(hugo)
    first = _ms(index.refresh)
    articles = len(index.articles)
    homepage = Homepage.load(hugo.homepage_path)
    posts = len(homepage.teasers)
    rows = [_row(f"first full index: {articles:,} article files read and parsed", first,
                 articles * 0.8 + 200)]  # a worker's job after opening: under 5 s at 5,000
    rows.append(_row("stat sweep, nothing changed", _median(index.refresh), articles * 0.05 + 20))
    target = sorted(Path(p) for p in index.articles.known())[len(index.articles) // 2]
    with restored(target):
        original = target.read_text(encoding="utf-8")
        edits = iter(range(10_000))

        def edit() -> None:
            target.write_text(original + f"\nOne more line, edit {next(edits)}.\n", encoding="utf-8")

        reads = index.articles.reads
        named = _median(lambda: index.refresh([target]), edit)
        per_change = (index.articles.reads - reads) / REPEAT
        rows.append(_row("re-index after one article changed (the watcher names it)", named, 10))
        rows.append(_row("  files read per one-article change", per_change, 1.5, "files"))
        swept = _median(index.refresh, edit)
        rows.append(_row("re-index after one article changed, found by a stat sweep", swept,
                         articles * 0.05 + 20))
        now = dt.datetime.now(dt.UTC)
        computed = _median(lambda: index.check(homepage, now=now), index.refresh)
        rows.append(_row(f"check of the {posts:,}-post homepage, computed (articles indexed)",
                         computed, posts * 0.2 + 50))
        cached = _median(lambda: index.check(homepage, now=now))
        rows.append(_row("the same version asked again (the list and the dock share it)",
                         cached, 50))
        edit()
        index.refresh([target])
        rows.append(_row("check again after one article changed", _ms(
            lambda: index.check(homepage, now=now)), posts * 0.2 + 50))
    return rows


if __name__ == "__main__":
    for r in run(Path(sys.argv[1]) if len(sys.argv) > 1 else None):
        print(f"{r['name']}: {r['value']:.1f} {r['unit']} ({r['budget'] or 'no budget'})")
