"""``blogeditor check SITE [--spelling]``: what is wrong, one line each; exit 1 if anything is."""

from __future__ import annotations

import argparse

from blogeditor.cli.common import SITE_HELP, backup_dir, open_homepage
from blogeditor.core.checks import check, format_problem, leftover_files


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("check", help="report broken links, missing thumbnails, mismatches and drafts")
    p.add_argument("site", help=SITE_HELP)
    p.add_argument("--spelling", action="store_true", help="also report misspelled words")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    opened = open_homepage(args.site, tidy=False)  # report leftovers; an edit removes them
    lines = [format_problem(p) for p in check(opened.site, opened.homepage)]
    lines += leftover_files(opened.path, backup_dir(opened.path, opened.site))
    if args.spelling:
        from blogeditor.core.spelling.report import spelling_lines

        lines += spelling_lines(opened.site, opened.path)
    for line in lines:
        print(line)
    if not lines:
        print("No problems found.")
    return 1 if lines else 0
