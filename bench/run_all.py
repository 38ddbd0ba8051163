"""Run every bench/bench_*.py and write their figures, with the machine, to docs/benchmarks.md.

Each benchmark module defines ``run() -> list[dict]``; each dict has the keys
``name`` (what was measured), ``value`` (a number), ``unit``, ``budget`` (text such as
"< 300 ms", or "" when there is none) and ``ok`` (bool, or None when there is no budget).
Benchmarks are kept apart from tests: a timed test is a flaky test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import os
import platform
import subprocess
import sys
import traceback
from pathlib import Path

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


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--write", type=Path, help="rewrite this markdown file with the results")
    parser.add_argument("only", nargs="*", help="run only these bench modules (by stem)")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    sections: list[str] = []
    failed = False
    # homepage_size.py and save_lock.py are named for what they measure; they run like the rest.
    for path in [*sorted(HERE.glob("bench_*.py")), HERE / "homepage_size.py", HERE / "save_lock.py"]:
        if args.only and path.stem not in args.only:
            continue
        print(f"== {path.stem}", flush=True)
        try:
            results = load(path).run()
        except Exception:  # a broken benchmark must not hide the others' figures
            traceback.print_exc()
            sections.append(f"### {path.stem}\n\nFailed to run; see the console output.\n")
            failed = True
            continue
        doc = (load(path).__doc__ or "").strip().splitlines()
        rows = ["| measurement | result | budget | within |", "| --- | ---: | --- | --- |"]
        for r in results:
            ok = r.get("ok")
            mark = "yes" if ok else ("—" if ok is None else "**no**")
            rows.append(f"| {r['name']} | {r['value']:.1f} {r['unit']} | {r.get('budget', '')} | {mark} |")
            print(f"  {r['name']}: {r['value']:.1f} {r['unit']} (budget {r.get('budget', '-')})")
        title = doc[0] if doc else path.stem
        sections.append(f"### {title}\n\n`bench/{path.name}`\n\n" + "\n".join(rows) + "\n")
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
