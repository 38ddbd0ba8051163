"""The two sites every site benchmark runs on: the demo site and a generated real-size site.

The real-size site is what the speed issue names (scripts/real_size_site.py --real-size:
5,000 articles of real-looking prose, a 10,000-post homepage linking them and short archive
posts, 20,000 real images). It takes a few seconds and about 450 MB, so it is generated once
into the system temp folder and reused while the generator's VERSION and the seed are the
same; a stamp written last tells a finished site from one a killed run left half-written.
Benchmarks that edit it copy what they edit, or give the bytes back (``restored``).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = 7
CACHE = Path(os.environ.get("BLOGEDITOR_BENCH_CACHE")
             or Path(tempfile.gettempdir()) / "blogeditor-bench-cache")


def _generator():  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(REPO / "scripts"))
    import real_size_site

    return real_size_site


def real_size_site() -> tuple[Path, float]:
    """The cached real-size site and the seconds spent generating it now (0 when reused)."""
    gen = _generator()
    name = f"real-size-v{gen.VERSION}-seed{SEED}"
    folder = CACHE / name
    stamp = folder / "stamp.json"
    wanted = {"version": gen.VERSION, "seed": SEED, **gen.REAL_SIZE}
    with contextlib.suppress(OSError, ValueError):
        if json.loads(stamp.read_text(encoding="utf-8")) == wanted:
            return folder / "site", 0.0
    start = time.perf_counter()
    CACHE.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=CACHE))
    gen.generate(work / "site", seed=SEED, **gen.REAL_SIZE)
    (work / "stamp.json").write_text(json.dumps(wanted), encoding="utf-8")
    shutil.rmtree(folder, ignore_errors=True)
    try:
        work.rename(folder)
    except OSError:  # another run finished first: use its copy
        shutil.rmtree(work, ignore_errors=True)
    for old in CACHE.glob("real-size-*"):  # older versions: 450 MB each
        if old.name != name and not old.name.startswith(f"{name}-"):
            shutil.rmtree(old, ignore_errors=True)
    return folder / "site", time.perf_counter() - start


def demo_site(work: Path) -> Path:
    """A private copy of the demo site in ``work`` (benchmarks may edit it)."""
    site = work / "demo-site"
    if not site.exists():
        shutil.copytree(REPO / "resources" / "demo-site", site)
    return site


def sites(work: Path) -> Iterator[tuple[str, Path]]:
    """("demo site", path), then ("real-size site", path): the order run_all reports them."""
    yield "demo site", demo_site(work)
    yield "real-size site", real_size_site()[0]


@contextlib.contextmanager
def restored(*files: Path) -> Iterator[None]:
    """Give these files their bytes back afterwards: the cached site stays as generated."""
    saved = {f: f.read_bytes() for f in files}
    try:
        yield
    finally:
        for f, data in saved.items():
            if f.read_bytes() != data:
                f.write_bytes(data)
