"""``blogeditor publish-due SITE [--now ISO-DATETIME] [--dry-run]``: scheduled publishing.

Shows every hidden teaser whose article is not a draft and whose date has arrived, saves
the homepage and prints what it did, so authors can run it from cron or their site's CI.
Exit 0 whether or not anything was due; 2 (with one line on stderr) when it cannot run.
"""

from __future__ import annotations

import argparse
import datetime as dt

from blogeditor.cli.common import SITE_HELP
from blogeditor.core.errors import BlogEditorError
from blogeditor.core.homepage.publish import publish_due
from blogeditor.core.site.site import Site


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "publish-due",
        help="show hidden posts whose article is no draft and whose date has come (for cron/CI)",
    )
    p.add_argument("site", help=SITE_HELP)
    p.add_argument(
        "--now",
        metavar="ISO-DATETIME",
        help="the time to publish as of, e.g. 2026-03-01T07:00:00+00:00 "
        "(default: the current time; without an offset it is UTC, as Hugo reads dates)",
    )
    p.add_argument("--dry-run", action="store_true", help="print what would be done; save nothing")
    p.set_defaults(handler=run)


def parse_now(text: str | None) -> dt.datetime:
    if text is None:
        return dt.datetime.now(dt.UTC)
    try:
        when = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise BlogEditorError(
            f"--now {text!r} is not an ISO date-time such as 2026-03-01T07:00:00+00:00"
        ) from None
    return when if when.tzinfo is not None else when.replace(tzinfo=dt.UTC)


def run(args: argparse.Namespace) -> int:
    now = parse_now(args.now)
    site = Site.find(args.site)
    for line in publish_due(site, now=now, dry_run=args.dry_run):
        print(line)
    return 0
