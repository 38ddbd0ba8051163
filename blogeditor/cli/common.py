"""What the subcommands share: finding the homepage, positions, saving."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from blogeditor.core.backups import site_backup_dir
from blogeditor.core.errors import BlogEditorError
from blogeditor.core.homepage import Homepage
from blogeditor.core.site import Site, locate
from blogeditor.core.storage import atomic_write, read_bytes

SITE_HELP = "the site folder, its content/ folder, or the homepage file"


@dataclass
class Opened:
    path: Path
    site: Site | None
    homepage: Homepage
    original: bytes

    def save(self) -> bool:
        """Write the homepage back atomically; False when nothing changed."""
        data = self.homepage.to_bytes()
        if data == self.original:
            return False
        backups = site_backup_dir(self.site.root if self.site else self.path.parent)
        atomic_write(self.path, data, backup_dir=backups)
        self.original = data
        return True


def open_homepage(site_arg: str) -> Opened:
    path, site = locate(site_arg)
    data = read_bytes(path)
    return Opened(path, site, Homepage.parse(data), data)


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
