"""``git-setup``: the merge drivers, so that git merges the homepage teaser by teaser.

Two halves, as git wants them: ``.gitattributes`` (committed, so the whole team's clones
route ``content/_index.md`` and the articles to the drivers) and the driver definitions in
this clone's ``.git/config`` (per clone, because the command is this installation's path).
A clone without the definitions falls back to git's line merge: nothing breaks.
"""

from __future__ import annotations

import shlex
import sys
from dataclasses import dataclass
from pathlib import Path

from blogeditor.core.errors import StorageError
from blogeditor.core.git.runner import Git
from blogeditor.core.storage.storage import atomic_write

HOMEPAGE_DRIVER = "blogeditor-homepage"
ARTICLE_DRIVER = "blogeditor-article"
_NAMES = {HOMEPAGE_DRIVER: "BlogEditor: the homepage, teaser by teaser",
          ARTICLE_DRIVER: "BlogEditor: an article, front matter key by key"}
COMMIT_MESSAGE = "Merge drivers for the homepage and articles (blogeditor git-setup)"


def program() -> list[str]:
    """How to start this installation: the frozen app itself, or this Python with -m."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "blogeditor"]


def driver_command(driver: str) -> str:
    sub = "merge-homepage" if driver == HOMEPAGE_DRIVER else "merge-article"
    # git runs the line with sh: quote the interpreter's path (spaces on Windows and macOS).
    return " ".join(shlex.quote(a) for a in program()) + f" {sub} %O %A %B %P"


def attribute_lines(content_dir: str) -> list[str]:
    """The lines for ``.gitattributes`` in the site's folder. Later lines win in git, so the
    homepage's line comes after the articles' pattern that also matches it."""
    content = content_dir.strip("/") or "content"
    return [f"{content}/**/*.md merge={ARTICLE_DRIVER}",
            f"{content}/_index.md merge={HOMEPAGE_DRIVER}"]


@dataclass(frozen=True)
class SetupState:
    drivers: bool  # both drivers are defined in this clone's config
    current: bool  # ... and they start this installation (not an old path)
    attributes: bool  # the homepage is routed to the driver (.gitattributes)

    @property
    def done(self) -> bool:
        return self.drivers and self.current and self.attributes


@dataclass(frozen=True)
class SetupResult:
    ok: bool
    message: str
    committed: bool = False


def setup_state(git: Git, homepage_rel: str) -> SetupState:
    configured = {d: git("config", "--get", f"merge.{d}.driver").text.strip()
                  for d in (HOMEPAGE_DRIVER, ARTICLE_DRIVER)}
    attr = git("check-attr", "merge", "--", homepage_rel).text
    return SetupState(
        drivers=all(configured.values()),
        current=all(v == driver_command(d) for d, v in configured.items()),
        attributes=attr.strip().endswith(f": {HOMEPAGE_DRIVER}"),
    )


def set_up(git: Git, site_root: Path, content_dir: str, *, commit: bool = True) -> SetupResult:
    """Define the drivers here and add the attribute lines (committing only that file)."""
    for driver, name in _NAMES.items():
        for key, value in (("name", name), ("driver", driver_command(driver))):
            out = git("config", f"merge.{driver}.{key}", value)
            if not out.ok:
                return SetupResult(False, f"Could not write the git config: {out.message}")
    path = site_root / ".gitattributes"
    try:
        old = path.read_bytes().decode("utf-8") if path.exists() else ""
    except (OSError, UnicodeDecodeError) as exc:
        return SetupResult(False, f"Could not read {path}: {exc}")
    present = {" ".join(line.split()) for line in old.splitlines()}
    missing = [line for line in attribute_lines(content_dir) if line not in present]
    if not missing:
        return SetupResult(True, "The merge drivers are set up in this clone; "
                                 ".gitattributes already routes the files to them.")
    newline = "\r\n" if "\r\n" in old else "\n"
    text = old + ("" if not old or old.endswith("\n") else newline)
    text += "".join(line + newline for line in missing)
    try:
        atomic_write(path, text.encode("utf-8"))
    except StorageError as exc:
        return SetupResult(False, f"Could not write {path}: {exc}")
    if not commit:
        return SetupResult(True, f"Set up; {path.name} changed (commit it to share it).")
    rel = str(path.relative_to(git.cwd)) if path.is_relative_to(git.cwd) else str(path)
    added = git("add", "--", rel)
    done = git("commit", "-q", "-m", COMMIT_MESSAGE, "--", rel) if added.ok else added
    if not done.ok:
        return SetupResult(True, f"Set up, but {path.name} could not be committed: "
                                 f"{done.message}")
    return SetupResult(True, f"Set up; {path.name} committed (push it to share it).", True)
