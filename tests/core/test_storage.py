"""Saving: atomic, permission-keeping, refusing with nothing lost, and a history to go back to."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blogeditor.core.errors import StorageError
from blogeditor.core.storage import paths
from blogeditor.core.storage.backups import BackupHistory, site_backup_dir
from blogeditor.core.storage.storage import atomic_write, read_bytes


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_read_bytes_and_its_refusals(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_bytes(b"hello")
    assert read_bytes(tmp_path / "a.md") == b"hello"
    with pytest.raises(StorageError, match="does not exist"):
        read_bytes(tmp_path / "none.md")
    with pytest.raises(StorageError, match="folder"):
        read_bytes(tmp_path)


def test_write_new_and_replace(tmp_path: Path) -> None:
    target = tmp_path / "_index.md"
    atomic_write(target, b"one")
    assert target.read_bytes() == b"one"
    atomic_write(target, b"two\r\n")
    assert target.read_bytes() == b"two\r\n"
    assert leftovers(tmp_path) == []


def test_permission_bits_are_kept(tmp_path: Path) -> None:
    target = tmp_path / "_index.md"
    target.write_bytes(b"old")
    target.chmod(0o640)
    atomic_write(target, b"new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_saving_through_a_symlink_updates_the_real_file(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_bytes(b"old")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    atomic_write(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"


def test_read_only_file_is_refused_and_untouched(tmp_path: Path) -> None:
    # Decided by the file's own mode bits, so the author's "read-only" holds even for root.
    target = tmp_path / "_index.md"
    target.write_bytes(b"keep me")
    target.chmod(0o444)
    refusal = r"read-only \(make it writable first\); nothing was changed"
    with pytest.raises(StorageError, match=refusal):
        atomic_write(target, b"new")
    assert target.read_bytes() == b"keep me"
    assert leftovers(tmp_path) == []


def test_vanished_folder_is_refused(tmp_path: Path) -> None:
    gone = tmp_path / "site" / "content"
    with pytest.raises(StorageError, match="no longer exists; nothing was changed"):
        atomic_write(gone / "_index.md", b"x")
    assert not (tmp_path / "site").exists()


def test_folder_that_is_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "content").write_bytes(b"I am a file")
    with pytest.raises(StorageError, match="nothing was changed"):
        atomic_write(tmp_path / "content" / "_index.md", b"x")
    assert (tmp_path / "content").read_bytes() == b"I am a file"


def test_full_disk_is_refused_and_the_original_kept(tmp_path: Path) -> None:
    # The opener hands the save a descriptor of /dev/full: the kernel's real ENOSPC on write.
    if not Path("/dev/full").exists():
        pytest.skip("needs /dev/full")
    target = tmp_path / "_index.md"
    target.write_bytes(b"precious")

    def full_disk(_tmp: Path) -> int:
        return os.open("/dev/full", os.O_WRONLY)

    with pytest.raises(StorageError) as err:
        atomic_write(target, b"x" * 100_000, opener=full_disk)
    assert str(err.value) == f"cannot save {target}: the disk is full; nothing was changed"
    assert target.read_bytes() == b"precious"
    assert leftovers(tmp_path) == []


def test_previous_version_goes_to_the_history(tmp_path: Path) -> None:
    target = tmp_path / "site" / "content" / "_index.md"
    target.parent.mkdir(parents=True)
    history_root = site_backup_dir(tmp_path / "site")
    assert history_root.is_relative_to(paths.data_dir())
    atomic_write(target, b"v1", backup_dir=history_root)  # new file: nothing to keep
    atomic_write(target, b"v2", backup_dir=history_root)
    atomic_write(target, b"v3", backup_dir=history_root)
    history = BackupHistory(history_root)
    versions = history.versions(target)
    assert [history.restore(v) for v in versions] == [b"v2", b"v1"]
    assert versions[0].timestamp >= versions[1].timestamp and versions[0].size == 2
    assert not any(p.suffix == ".bak" for p in tmp_path.joinpath("site").rglob("*"))


def test_history_prunes_and_skips_unchanged(tmp_path: Path) -> None:
    target = tmp_path / "a.md"
    history = BackupHistory(tmp_path / "backups", keep=5)
    for i in range(8):
        history.save_version(target, f"v{i}".encode())
    assert history.save_version(target, b"v7") is None
    assert [history.restore(v) for v in history.versions(target)] == [
        b"v7", b"v6", b"v5", b"v4", b"v3"]
    assert history.versions(tmp_path / "other.md") == []


def test_files_of_the_same_name_keep_separate_histories(tmp_path: Path) -> None:
    history = BackupHistory(tmp_path / "backups")
    history.save_version(tmp_path / "ai" / "_index.md", b"ai")
    history.save_version(tmp_path / "misc" / "_index.md", b"misc")
    assert [history.restore(v) for v in history.versions(tmp_path / "ai" / "_index.md")] == [b"ai"]
    real = tmp_path.resolve()
    assert sorted(history.sources()) == [real / "ai" / "_index.md", real / "misc" / "_index.md"]


def test_restoring_a_deleted_version_is_a_clear_error(tmp_path: Path) -> None:
    history = BackupHistory(tmp_path / "backups")
    version = history.save_version(tmp_path / "a.md", b"x")
    assert version is not None
    version.path.unlink()
    with pytest.raises(StorageError, match="cannot restore"):
        history.restore(version)


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=st.binary(max_size=2000), second=st.binary(max_size=2000))
def test_any_bytes_round_trip(tmp_path: Path, first: bytes, second: bytes) -> None:
    target = tmp_path / "file.md"
    atomic_write(target, first)
    atomic_write(target, second, backup_dir=tmp_path / "history")
    assert read_bytes(target) == second
    history = BackupHistory(tmp_path / "history")
    assert history.restore(history.versions(target)[0]) == first


# -- who may save, hard links and leftovers ----------------------------------------------------


def test_a_file_this_user_may_not_write_is_refused_before_anything(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "_index.md"
    target.write_bytes(b"theirs")
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: (
        False if Path(p) == target and mode == os.W_OK else real_access(p, mode, **kw)))
    with pytest.raises(StorageError, match="you do not have permission to change this file"):
        atomic_write(target, b"mine", backup_dir=tmp_path / "backups")
    assert target.read_bytes() == b"theirs" and not (tmp_path / "backups").exists()
    assert leftovers(tmp_path) == []


def test_hard_linked_file_is_written_in_place_and_a_full_disk_keeps_it(tmp_path: Path) -> None:
    target = tmp_path / "_index.md"
    target.write_bytes(b"old text")
    (tmp_path / "twin.md").hardlink_to(target)
    inode = target.stat().st_ino
    atomic_write(target, b"new")
    assert target.stat().st_ino == inode and (tmp_path / "twin.md").read_bytes() == b"new"

    def full(_: Path) -> int:
        return os.open("/dev/full", os.O_WRONLY)

    with pytest.raises(StorageError, match=r"written in place.*disk is full.*backup history"):
        atomic_write(target, b"newer text", opener=full)
    assert target.read_bytes() == b"new"  # nothing was written, so nothing was cut


def test_temp_names_name_their_process_and_leftovers_are_told_apart(tmp_path: Path) -> None:
    from blogeditor.core.storage.storage import leftovers as found
    from blogeditor.core.storage.storage import remove_leftovers, temp_name

    mine = tmp_path / temp_name("_index.md")
    assert mine.name.startswith(f"._index.md.{os.getpid()}-") and mine.name.endswith(".tmp")
    assert temp_name("_index.md") != temp_name("_index.md")
    mine.write_bytes(b"in progress")  # our own, fresh: a save in progress
    gone = tmp_path / "._index.md.999999999-00ff00ff.tmp"
    gone.write_bytes(b"killed")
    (tmp_path / "notes.tmp").write_bytes(b"the author's own")
    assert sorted(pid for _, pid in found(tmp_path)) == [os.getpid(), 999999999]
    assert remove_leftovers(tmp_path) == [gone]
    assert mine.exists() and (tmp_path / "notes.tmp").exists()
