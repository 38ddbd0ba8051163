"""``move``, ``hide``, ``show`` and ``remove``: the weekly edits to the homepage."""

from __future__ import annotations

import argparse

from blogeditor.cli.common import SITE_HELP, index, open_homepage


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("move", help="move the post at FROM to position TO")
    p.add_argument("site", help=SITE_HELP)
    p.add_argument("source", metavar="FROM")
    p.add_argument("target", metavar="TO")
    p.set_defaults(handler=move)
    for name, verb in (("hide", "hide posts (wrap them in <!-- -->)"), ("show", "show hidden posts")):
        p = sub.add_parser(name, help=verb)
        p.add_argument("site", help=SITE_HELP)
        p.add_argument("positions", metavar="N", nargs="+")
        p.set_defaults(handler=hide if name == "hide" else show)
    p = sub.add_parser("remove", help="remove the post at position N from the homepage")
    p.add_argument("site", help=SITE_HELP)
    p.add_argument("position", metavar="N")
    p.set_defaults(handler=remove)


def move(args: argparse.Namespace) -> int:
    opened = open_homepage(args.site)
    src, dst = index(opened, args.source), index(opened, args.target)
    title = opened.homepage.teaser(src).title
    opened.homepage.move(src, dst)
    opened.save()
    print(f"Moved '{title}' from {src + 1} to {dst + 1}.")
    return 0


def _set_hidden(args: argparse.Namespace, hidden: bool) -> int:
    opened = open_homepage(args.site)
    indices = [index(opened, p) for p in args.positions]  # all checked before any change
    lines = []
    for i in dict.fromkeys(indices):
        teaser = opened.homepage.teaser(i)
        if teaser.hidden == hidden:
            lines.append(f"{i + 1}: '{teaser.title}' is already {'hidden' if hidden else 'visible'}.")
            continue
        opened.homepage.set_hidden(i, hidden)
        lines.append(f"{i + 1}: {'hid' if hidden else 'showed'} '{teaser.title}'.")
    opened.save()  # a refusal raises: nothing claims a change that was not saved
    for line in lines:
        print(line)
    return 0


def hide(args: argparse.Namespace) -> int:
    return _set_hidden(args, True)


def show(args: argparse.Namespace) -> int:
    return _set_hidden(args, False)


def remove(args: argparse.Namespace) -> int:
    opened = open_homepage(args.site)
    teaser = opened.homepage.remove(index(opened, args.position))
    opened.save()
    print(f"Removed '{teaser.title}' from the homepage (its article stays in {teaser.link}).")
    return 0
