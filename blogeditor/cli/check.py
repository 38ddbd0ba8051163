"""``blogeditor check SITE [--spelling]``: what is wrong, one line each; exit 1 if anything is."""

from __future__ import annotations

import argparse
import json
from typing import Any

from blogeditor.cli.common import SITE_HELP, backup_dir, open_homepage
from blogeditor.core.site.checks import check, format_problem, leftover_files
from blogeditor.core.spelling.report import display_path


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("check", help="report broken links, missing thumbnails, mismatches and drafts")
    p.add_argument("site", help=SITE_HELP)
    p.add_argument("--spelling", action="store_true",
                   help="also report misspelled words of the homepage and every article")
    p.add_argument("--json", action="store_true", help="print the problems as a JSON list")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    opened = open_homepage(args.site, tidy=False)  # report leftovers; an edit removes them
    problems = check(opened.site, opened.homepage)
    leftovers = leftover_files(opened.path, backup_dir(opened.path, opened.site))
    spelling = []
    if args.spelling:
        from blogeditor.core.spelling.report import spelling_problems

        spelling = spelling_problems(opened.site, opened.path, articles=True)
    if args.json:
        home = display_path(opened.path, opened.site)
        found: list[dict[str, Any]] = [
            {"kind": p.kind, "file": home, "line": p.line, "position": p.position, "link": p.link,
             "message": p.message} for p in problems]
        found += [{"kind": "leftover", "message": line} for line in leftovers]
        found += [s.as_json() for s in spelling]
        print(json.dumps(found, indent=2, ensure_ascii=False))
        return 1 if found else 0
    lines = [format_problem(p) for p in problems] + leftovers + [str(s) for s in spelling]
    for line in lines:
        print(line)
    if not lines:
        print("No problems found.")
    return 1 if lines else 0

