"""The history of earlier versions of each saved file, kept where Hugo never publishes it.

Before every save the previous bytes go to the user data folder, one folder per site
(``data_dir()/backups/<site_key(site root)>/``, 0700, copies 0600: they hold unpublished
writing) and inside it one folder per file. Keeping
them outside the site also keeps them out of the author's git repository. The newest 50
versions of each file are kept, at most 200 MB of them (the newest always).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from blogeditor.core.errors import StorageError
from blogeditor.core.site.site_key import site_key
from blogeditor.core.storage import paths
from blogeditor.core.storage.locking import is_leftover

KEEP = 50
#: The copies of one file together stay under this (a 6 MB homepage keeps about 33), the
#: newest always kept whatever its size.
MAX_BYTES = 200 * 1024 * 1024
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
    return paths.data_dir() / "backups" / site_key(site_root)


class BackupHistory:
    """Earlier versions of files, newest first, under one root folder."""

    def __init__(self, root: Path, keep: int = KEEP, max_bytes: int = MAX_BYTES) -> None:
        self.root = Path(root)
        self.keep = keep
        self.max_bytes = max_bytes

    @classmethod
    def for_site(cls, site_root: Path) -> BackupHistory:
        return cls(site_backup_dir(site_root))

    def folder_for(self, path: Path) -> Path:
        """Where the versions of ``path`` live: readable name plus a hash of the full path."""
        full = str(Path(path).resolve())
        digest = site_key(full)[:12]  # the same sha1 the folders were always named by
        parent = Path(full).parent.name
        return self.root / f"{_SAFE.sub('_', parent)}--{_SAFE.sub('_', Path(full).name)}--{digest}"

    def save_version(self, path: Path, data: bytes) -> Version | None:
        """Keep ``data`` as a version of ``path``; None when it equals the newest kept version.

        Raises OSError (the caller, a save, turns it into a refusal).
        """
        folder = self.folder_for(path)
        # Earlier versions are unpublished writing too: readable by the author alone.
        paths.private_dir(self.root)
        paths.private_dir(folder)
        newest = self.versions(path)
        if newest and newest[0].size == len(data) and _read_or_none(newest[0].path) == data:
            return None
        with open(folder / "source.txt", "w", encoding="utf-8", opener=paths.private_file_opener) as note:
            note.write(str(Path(path).resolve()) + "\n")
        # The temporary name is the process's own (pid and random), so two saves in the same
        # microsecond (two users, or a save racing a restore) never write into one .part.
        tmp = folder / f"{os.getpid()}-{secrets.token_hex(4)}.part"
        with open(tmp, "wb", opener=paths.private_file_opener) as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        try:
            now = self._publish(tmp, folder)
        finally:
            tmp.unlink(missing_ok=True)
        self._prune(folder)
        return Version(now, folder / (now.strftime(_STAMP) + ".bak"), len(data))

    @staticmethod
    def _publish(tmp: Path, folder: Path) -> dt.datetime:
        """Give ``tmp`` the next free timestamp name; a hard link fails rather than overwrite
        a copy another process named in the same microsecond."""
        now = dt.datetime.now(dt.UTC)
        for _ in range(1000):
            copy = folder / (now.strftime(_STAMP) + ".bak")
            try:
                os.link(tmp, copy)
                return now
            except FileExistsError:
                now += dt.timedelta(microseconds=1)
            except OSError:  # a file system without hard links: replace, after a look
                if not copy.exists():
                    os.replace(tmp, copy)
                    return now
                now += dt.timedelta(microseconds=1)
        raise FileExistsError(f"no free name for a backup copy in {folder}")

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
            try:
                size = entry.stat().st_size
            except FileNotFoundError:
                continue  # pruned by a neighbour process meanwhile
            found.append(Version(stamp.replace(tzinfo=dt.UTC), Path(entry.path), size))
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
        """Keep the newest ``keep`` copies, within ``max_bytes`` together, and always the newest.

        Another process may prune the same folder at the same moment: a copy already gone
        is no error.
        """
        copies: list[tuple[str, int, Path]] = []
        for entry in os.scandir(folder):
            if not entry.name.endswith(".bak"):
                continue
            try:
                copies.append((entry.name, entry.stat().st_size, Path(entry.path)))
            except FileNotFoundError:
                continue
        copies.sort(reverse=True)  # the timestamp names sort oldest first
        total = 0
        for n, (_, size, copy) in enumerate(copies):
            total += size
            if n > 0 and (n >= self.keep or total > self.max_bytes):
                copy.unlink(missing_ok=True)

    def remove_leftovers(self, path: Path) -> list[Path]:
        """Remove the ``.part`` files of saves killed while keeping a version of ``path``
        (never one a save in progress is writing: see ``locking.is_leftover``)."""
        removed: list[Path] = []
        for part, pid in self.leftovers(path):
            if is_leftover(part, pid):
                with contextlib.suppress(FileNotFoundError):
                    part.unlink()
                    removed.append(part)
        return removed

    def leftovers(self, path: Path) -> list[tuple[Path, int | None]]:
        """Unfinished copies of versions of ``path``, with their writer's pid when named."""
        found: list[tuple[Path, int | None]] = []
        try:
            entries = list(os.scandir(self.folder_for(path)))
        except OSError:
            return []
        for entry in entries:
            if entry.name.endswith(".part"):
                pid, dash, _ = entry.name.partition("-")
                found.append((Path(entry.path), int(pid) if dash and pid.isdigit() else None))
        return found


def _read_or_none(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:  # pruned by a neighbour process
        return None
