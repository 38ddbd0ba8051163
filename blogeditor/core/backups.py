"""The history of earlier versions of each saved file, kept where Hugo never publishes it.

Before every save the previous bytes go to the user data folder, one folder per site
(``data_dir()/backups/<sha1 of the site root>/``) and inside it one folder per file. Keeping
them outside the site also keeps them out of the author's git repository. The newest 50
versions of each file are kept.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from blogeditor.core import paths
from blogeditor.core.errors import StorageError

KEEP = 50
_STAMP = "%Y%m%dT%H%M%S.%fZ"
_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Version:
    """One earlier version of a file: when it was replaced, where the copy is, how big it is."""

    timestamp: dt.datetime
    path: Path
    size: int


def site_backup_dir(site_root: Path) -> Path:
    """The backup history folder for a site (or, for a loose file, its folder)."""
    key = hashlib.sha1(str(Path(site_root).resolve()).encode("utf-8")).hexdigest()
    return paths.data_dir() / "backups" / key


class BackupHistory:
    """Earlier versions of files, newest first, under one root folder."""

    def __init__(self, root: Path, keep: int = KEEP) -> None:
        self.root = Path(root)
        self.keep = keep

    @classmethod
    def for_site(cls, site_root: Path) -> BackupHistory:
        return cls(site_backup_dir(site_root))

    def folder_for(self, path: Path) -> Path:
        """Where the versions of ``path`` live: readable name plus a hash of the full path."""
        full = str(Path(path).resolve())
        digest = hashlib.sha1(full.encode("utf-8")).hexdigest()[:12]
        parent = Path(full).parent.name
        return self.root / f"{_SAFE.sub('_', parent)}--{_SAFE.sub('_', Path(full).name)}--{digest}"

    def save_version(self, path: Path, data: bytes) -> Version | None:
        """Keep ``data`` as a version of ``path``; None when it equals the newest kept version.

        Raises OSError (the caller, a save, turns it into a refusal).
        """
        folder = self.folder_for(path)
        folder.mkdir(parents=True, exist_ok=True)
        newest = self.versions(path)
        if newest and newest[0].size == len(data) and newest[0].path.read_bytes() == data:
            return None
        (folder / "source.txt").write_text(str(Path(path).resolve()) + "\n", encoding="utf-8")
        now = dt.datetime.now(dt.UTC)
        copy = folder / (now.strftime(_STAMP) + ".bak")
        while copy.exists():  # two saves within a microsecond
            now += dt.timedelta(microseconds=1)
            copy = folder / (now.strftime(_STAMP) + ".bak")
        tmp = copy.with_suffix(".part")
        with open(tmp, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, copy)
        self._prune(folder)
        return Version(now, copy, len(data))

    def versions(self, path: Path) -> list[Version]:
        """The kept versions of ``path``, newest first."""
        folder = self.folder_for(path)
        found: list[Version] = []
        try:
            entries = list(os.scandir(folder))
        except FileNotFoundError:
            return []
        for entry in entries:
            if not entry.name.endswith(".bak"):
                continue
            try:
                stamp = dt.datetime.strptime(entry.name[:-4], _STAMP)
            except ValueError:
                continue  # not one of ours
            found.append(
                Version(stamp.replace(tzinfo=dt.UTC), Path(entry.path),
                        entry.stat().st_size)
            )
        found.sort(key=lambda v: v.timestamp, reverse=True)
        return found

    def sources(self) -> list[Path]:
        """Every file that has kept versions here (for a "restore an earlier version" list)."""
        found: list[Path] = []
        for record in sorted(self.root.glob("*/source.txt")):
            try:
                found.append(Path(record.read_text(encoding="utf-8").strip()))
            except OSError:
                continue
        return found

    def restore(self, version: Version) -> bytes:
        """The bytes of an earlier version (the caller saves them, which backs up the current)."""
        try:
            return version.path.read_bytes()
        except OSError as exc:
            when = version.timestamp.astimezone().strftime("%Y-%m-%d %H:%M")
            raise StorageError(
                f"cannot restore the version from {when}: {exc.strerror or exc}"
            ) from None

    def _prune(self, folder: Path) -> None:
        copies = sorted(p for p in folder.iterdir() if p.suffix == ".bak")
        for old in copies[: max(0, len(copies) - self.keep)]:
            old.unlink(missing_ok=True)
