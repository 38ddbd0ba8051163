"""``blogeditor history SITE [--restore N]``: the homepage's earlier versions, and getting one back.

Every save by BlogEditor keeps the previous file in a backup history outside the site
(Hugo never publishes it). Restoring writes the chosen version back atomically; the version
it replaces goes into the history too, so a restore can itself be undone.
"""

from __future__ import annotations

import argparse

from blogeditor.cli.common import SITE_HELP, index_in, open_homepage
from blogeditor.core.homepage.homepage import Homepage
from blogeditor.core.storage.backups import BackupHistory, site_backup_dir


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("history", help="list the homepage's earlier versions, or restore one")
    p.add_argument("site", help=SITE_HELP)
    p.add_argument("--restore", metavar="N", help="write version N (as listed) back as the homepage")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    opened = open_homepage(args.site)
    backups = site_backup_dir(opened.site.root if opened.site else opened.path.parent)
    versions = BackupHistory(backups).versions(opened.path)
    if args.restore is None:
        if not versions:
            print("No earlier versions are kept yet: they appear once BlogEditor has saved the homepage.")
            return 0
        for n, version in enumerate(versions, 1):
            when = version.timestamp.astimezone().strftime("%Y-%m-%d %H:%M:%S")
            print(f"{n:>3}  {when}  {version.size:>8} bytes")
        return 0
    version = versions[index_in(args.restore, len(versions), "version")]
    data = BackupHistory(backups).restore(version)
    Homepage.parse(data)  # a damaged copy is refused before it can replace anything
    opened.session.set_current(data)
    opened.session.save()  # the one save path: locked, and nobody's newer change overwritten
    when = version.timestamp.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    print(f"Restored the homepage as it was at {when}; the version it replaced is kept in the history.")
    return 0
