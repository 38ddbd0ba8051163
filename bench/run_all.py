"""Run every bench/bench_*.py and write their figures, with the machine, to docs/benchmarks.md.

Each benchmark module defines ``run() -> list[dict]``; each dict has the keys
``name`` (what was measured), ``value`` (a number), ``unit``, ``budget`` (text such as
"< 300 ms", or "" when there is none) and ``ok`` (bool, or None when there is no budget).
Benchmarks are kept apart from tests: a timed test is a flaky test.

A module whose ``run`` takes a ``site`` runs twice, on the demo site and on the generated
real-size site (bench/sites.py: 5,000 articles, a 10,000-post homepage, 20,000 images,
generated once into the temp folder and reused); the others measure on sites of their own.
Each section records the load average before it: on a shared machine it explains a figure.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import inspect
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path

from sites import real_size_site, sites

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def machine() -> list[str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
    except OSError:
        pass
    try:
        from PySide6 import __version__ as pyside
    except ImportError:
        pyside = "not installed"
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True
        ).stdout.strip()
    except OSError:
        commit = "?"
    return [
        f"- Date: {dt.datetime.now().strftime('%Y-%m-%d %H:%M')}",
        f"- Commit: {commit or '?'}",
        f"- CPU: {cpu}, {os.cpu_count()} cores; memory {mem}",
        f"- OS: {platform.platform()}",
        f"- Python {platform.python_version()}, PySide6 {pyside}",
        f"- Qt platform: {os.environ.get('QT_QPA_PLATFORM', 'default')}",
        f"- Load average (1, 5, 15 min) before the run: {_LOAD_BEFORE}; after: {_load()}",
    ]


def _load() -> str:
    try:
        return ", ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


# Taken when the run starts: the machine's load is part of every figure.
_LOAD_BEFORE = _load()


def load(path: Path):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


def _takes_site(module: object) -> bool:
    run = getattr(module, "run", None)
    return run is not None and "site" in inspect.signature(run).parameters


def _section(path: Path, module: object, label: str, results: list[dict], load_before: str) -> str:
    doc = (getattr(module, "__doc__", None) or "").strip().splitlines()
    rows = ["| measurement | result | budget | within |", "| --- | ---: | --- | --- |"]
    for r in results:
        ok = r.get("ok")
        mark = "yes" if ok else ("—" if ok is None else "**no**")
        rows.append(f"| {r['name']} | {r['value']:.1f} {r['unit']} | {r.get('budget', '')} | {mark} |")
        print(f"  {r['name']}: {r['value']:.1f} {r['unit']} (budget {r.get('budget', '-')})")
    title = doc[0] if doc else path.stem
    where = f" — on the {label}" if label else ""
    return (f"### {title}{where}\n\n`bench/{path.name}`; load average before: {load_before}"
            f"\n\n" + "\n".join(rows) + "\n")


def _real_size_section() -> str:
    """Generate (or reuse) the real-size site first, and say what it holds."""
    print("== real-size site", flush=True)
    site, seconds = real_size_site()
    content = site / "content"
    pages = sum(1 for _ in content.rglob("_index.md")) - 1
    images = sum(1 for p in content.rglob("*") if p.suffix in (".jpg", ".png"))
    size = sum(p.stat().st_size for p in content.rglob("*") if p.is_file()) / 1e6
    from blogeditor.core.homepage.homepage import Homepage

    home = (content / "_index.md").read_bytes()
    posts = len(Homepage.parse(home).teasers)
    rows = ["| measurement | result | budget | within |", "| --- | ---: | --- | --- |",
            f"| generation (0 when reused from {site.parent}) | {seconds:.1f} s | < 120 s | "
            f"{'yes' if seconds < 120 else '**no**'} |",
            f"| pages (5,000 articles, archive posts, sections) | {pages:,}  |  | — |",
            f"| homepage posts, hidden ones included ({len(home) / 1e6:.1f} MB) | {posts:,}  |  | — |",
            f"| images (real JPEG and PNG, each its own bytes) | {images:,}  |  | — |",
            f"| size on disk | {size:,.0f} MB | < 1,500 MB | {'yes' if size < 1500 else '**no**'} |"]
    return ("### The real-size site the site benchmarks also run on\n\n"
            "`scripts/real_size_site.py --real-size` via `bench/sites.py`\n\n"
            + "\n".join(rows) + "\n")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--write", type=Path, help="rewrite this markdown file with the results")
    parser.add_argument("only", nargs="*", help="run only these bench modules (by stem)")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    sys.path.insert(0, str(HERE))
    sections: list[str] = []
    failed = False
    # homepage_size.py and save_lock.py are named for what they measure; they run like the rest.
    paths = [*sorted(HERE.glob("bench_*.py")), HERE / "homepage_size.py", HERE / "save_lock.py"]
    paths = [p for p in paths if not args.only or p.stem in args.only]
    modules = {}
    for path in paths:
        try:
            modules[path] = load(path)
        except Exception:  # one that does not even import must not hide the others
            traceback.print_exc()
            sections.append(f"### {path.stem}\n\nFailed to import; see the console output.\n")
            failed = True
    if any(_takes_site(m) for m in modules.values()):
        sections.append(_real_size_section())
    work = Path(tempfile.mkdtemp(prefix="blogeditor-bench-sites-"))
    for path, module in modules.items():
        runs = list(sites(work)) if _takes_site(module) else [("", None)]
        for label, site in runs:
            print(f"== {path.stem}{f' ({label})' if label else ''}", flush=True)
            load_before = _load()
            try:
                results = module.run(site) if site is not None else module.run()
            except Exception:  # a broken benchmark must not hide the others' figures
                traceback.print_exc()
                sections.append(f"### {path.stem}{f' — {label}' if label else ''}\n\n"
                                "Failed to run; see the console output.\n")
                failed = True
                continue
            sections.append(_section(path, module, label, results, load_before))
    shutil.rmtree(work, ignore_errors=True)
    if args.write:
        text = (
            "# Benchmarks\n\n"
            "Written by `make bench` (bench/run_all.py); do not edit by hand.\n"
            "Benchmarks live apart from the tests: a timed test is a flaky test.\n\n"
            "## Machine\n\n" + "\n".join(machine()) + "\n\n## Results\n\n" + "\n".join(sections)
        )
        args.write.write_text(text, encoding="utf-8")
        print(f"wrote {args.write}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
