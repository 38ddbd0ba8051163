"""What the subcommands share: finding the homepage, positions, saving."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from blogeditor.core.errors import BlogEditorError
from blogeditor.core.homepage.homepage import Homepage
from blogeditor.core.site.site import Site, locate
from blogeditor.core.storage.backups import site_backup_dir
from blogeditor.core.storage.session import DocumentSession, homepage_operation, homepage_session

SITE_HELP = "the site folder, its content/ folder, or the homepage file"


@dataclass
class Opened:
    """The homepage as a command read it. Change ``homepage`` (or ``apply`` an operation that
    finds posts by link) and ``save``: the save queues behind other writers and carries the
    change over to what they wrote (core/storage/session.py)."""

    path: Path
    site: Site | None
    homepage: Homepage
    session: DocumentSession

    @property
    def original(self) -> bytes:
        return self.session.saved or b""

    def apply(self, change: Callable[[Homepage], object]) -> None:
        """Change the homepage by an operation a save can apply again to a newer file."""
        change(self.homepage)
        self.session.apply(homepage_operation(change), self.homepage.to_bytes())

    def save(self) -> bool:
        """Write the homepage back; False when nothing changed. A StorageError (a
        SaveConflictError when another writer's change and this one cannot be combined)
        leaves the file as it was."""
        data = self.homepage.to_bytes()
        self.session.set_current(data)
        if not self.session.dirty:
            return False
        result = self.session.save()
        if result.data != data:
            self.homepage = Homepage.parse(result.data)
        return result.written


def backup_dir(path: Path, site: Site | None) -> Path:
    return site_backup_dir(site.root if site else path.parent)


def open_homepage(site_arg: str, *, tidy: bool = True) -> Opened:
    """Read the homepage; with ``tidy``, first remove what killed saves left behind."""
    path, site = locate(site_arg)
    session = homepage_session(path, backup_dir(path, site), tidy=tidy)
    return Opened(path, site, Homepage.parse(session.saved or b""), session)


def index(opened: Opened, position: str | int) -> int:
    """A 1-based position as ``posts`` prints it, checked, as a 0-based index."""
    return index_in(position, len(opened.homepage), "post")


def index_in(position: str | int, count: int, what: str) -> int:
    """A 1-based number out of ``count`` things, checked, as a 0-based index."""
    try:
        n = int(position)
    except ValueError:
        raise BlogEditorError(f"{position!r} is not a number; use one from the list") from None
    if not 1 <= n <= count:
        if count == 0:
            raise BlogEditorError(f"there is no {what} {n}: there are none")
        raise BlogEditorError(f"there is no {what} {n}; there are {count} (1 to {count})")
    return n - 1
