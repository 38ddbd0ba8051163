"""The one save path (core/storage/session.py): re-read under the lock, carry an edit over, or refuse."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blogeditor.core.errors import HomepageFormatError, StorageError
from blogeditor.core.homepage.homepage import Homepage
from blogeditor.core.homepage.publish import save_homepage
from blogeditor.core.storage.backups import BackupHistory
from blogeditor.core.storage.session import (
    DiskChange,
    DocumentSession,
    SaveConflictError,
    decide_disk_change,
    homepage_operation,
    homepage_session,
    read_stable,
    save_checked,
    sha256,
)
from blogeditor.core.storage.storage import atomic_write


def teaser(n: int) -> str:
    link = f"/ai/post-{n}"
    return (f"## [Post {n}]({link})\n\nBody {n}.\n\n**[Full article >>]({link})**\n\n---\n\n")


def homepage_bytes(count: int = 8) -> bytes:
    return ("+++\ntitle = ''\n+++\n\n" + "".join(teaser(n) for n in range(count))).encode()


def hide_link(link: str):  # type: ignore[no-untyped-def]
    def change(hp: Homepage) -> None:
        index = hp.index_of_link(link)
        if index is None:
            raise HomepageFormatError(f"{link} is not on the homepage")
        hp.hide(index)

    return homepage_operation(change)


def other_writer(path: Path, change) -> None:  # type: ignore[no-untyped-def]
    hp = Homepage.load(path)
    change(hp)
    atomic_write(path, hp.to_bytes())


def test_an_operation_is_reapplied_to_a_file_changed_since_it_was_read(tmp_path: Path) -> None:
    path = tmp_path / "_index.md"
    path.write_bytes(homepage_bytes())
    session = homepage_session(path, tmp_path / "backups")
    session.apply(hide_link("/ai/post-2"))
    # Another writer moves the posts around and edits one, between our read and our save.
    other_writer(path, lambda hp: (hp.move(0, 7), hp.set_body(3, "Their new body.")))
    result = session.save()
    assert result.rebased and result.written
    teasers = Homepage.load(path).teasers
    hidden = [t.link for t in teasers if t.hidden]
    assert hidden == ["/ai/post-2"]  # ours, found by its link at its new position
    assert teasers[-1].link == "/ai/post-0"  # theirs: the move
    assert any(t.body == "Their new body." for t in teasers)  # theirs: the edit
    assert session.saved == path.read_bytes() and not session.dirty


def test_a_free_edit_is_merged_with_a_change_made_meanwhile(tmp_path: Path) -> None:
    path = tmp_path / "_index.md"
    path.write_bytes(homepage_bytes())
    session = homepage_session(path, None)
    hp = Homepage.parse(session.current)
    hp.set_title(1, "Our New Title")
    session.set_current(hp.to_bytes())
    other_writer(path, lambda hp: hp.hide(5))
    session.save()
    teasers = Homepage.load(path).teasers
    assert teasers[1].title == "Our New Title" and teasers[5].hidden


def test_both_changing_one_post_is_refused_and_nothing_written(tmp_path: Path) -> None:
    path = tmp_path / "_index.md"
    path.write_bytes(homepage_bytes())
    session = homepage_session(path, None)
    hp = Homepage.parse(session.current)
    hp.set_title(1, "Ours")
    session.set_current(hp.to_bytes())
    other_writer(path, lambda hp: hp.set_title(1, "Theirs"))
    theirs = path.read_bytes()
    with pytest.raises(SaveConflictError, match="changed on disk since it was opened"):
        session.save()
    assert path.read_bytes() == theirs


def test_an_operation_that_no_longer_applies_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "_index.md"
    path.write_bytes(homepage_bytes())
    session = homepage_session(path, None)
    session.apply(hide_link("/ai/post-2"))
    other_writer(path, lambda hp: hp.remove(2))
    theirs = path.read_bytes()
    with pytest.raises(SaveConflictError, match="another program changed it"):
        session.save()
    assert path.read_bytes() == theirs


def test_cli_conflict_is_one_line_on_stderr_exit_2(
        demo_site: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from blogeditor.cli import main
    from blogeditor.core.storage import session as session_module

    home = demo_site / "content" / "_index.md"
    real_lock = session_module.file_lock

    def racing_lock(path: Path):  # type: ignore[no-untyped-def]
        other_writer(home, lambda hp: hp.remove(2))  # lands just before our save's lock
        return real_lock(path)

    monkeypatch.setattr(session_module, "file_lock", racing_lock)
    code = main(["hide", str(demo_site), "3"])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.startswith("blogeditor: ") and err.count("\n") == 1


def test_save_without_base_and_an_unknown_file(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    assert save_checked(path, b"new", base=None, backup_dir=None).written
    path.write_bytes(b"changed by someone")
    with pytest.raises(SaveConflictError, match="open it again"):
        save_checked(path, b"mine", base=b"new", backup_dir=None)
    assert path.read_bytes() == b"changed by someone"
    # The author chose to save over exactly that version:
    save_checked(path, b"mine", base=b"new", backup_dir=None,
                 accept_hash=sha256(b"changed by someone"))
    assert path.read_bytes() == b"mine"


def test_publish_save_homepage_merges_with_a_change_made_meanwhile(demo_site: Path) -> None:
    from blogeditor.core.site.site import Site

    site = Site.find(demo_site)
    base = site.homepage_path.read_bytes()
    ours = Homepage.parse(base)
    ours.show(0)
    other_writer(site.homepage_path, lambda hp: hp.show(1))
    save_homepage(site, ours, base=base)
    assert [t.hidden for t in Homepage.load(site.homepage_path).teasers][:2] == [False, False]


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ours=st.sets(st.integers(0, 7)), theirs=st.sets(st.integers(0, 7)))
def test_hides_from_two_writers_always_add_up(tmp_path: Path, ours: set[int],
                                              theirs: set[int]) -> None:
    path = tmp_path / "_index.md"
    path.write_bytes(homepage_bytes())
    session = DocumentSession.open(path, backup_dir=None, tidy=False)
    for n in sorted(ours):
        session.apply(hide_link(f"/ai/post-{n}"))
    other_writer(path, lambda hp: [hp.hide(n) for n in sorted(theirs)])
    if ours:
        session.save()
    assert {i for i, t in enumerate(Homepage.load(path).teasers) if t.hidden} == ours | theirs


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(base=st.binary(max_size=64), mine=st.binary(max_size=64),
       disk=st.one_of(st.none(), st.binary(max_size=64)))
def test_any_bytes_saved_or_refused_never_lost(tmp_path: Path, base: bytes, mine: bytes,
                                               disk: bytes | None) -> None:
    path = tmp_path / "f.md"
    path.unlink(missing_ok=True)
    if disk is not None:
        path.write_bytes(disk)
    try:
        result = save_checked(path, mine, base=base, backup_dir=None)
    except SaveConflictError:
        assert disk is not None and disk not in (base, mine)  # a third version
        assert path.read_bytes() == disk  # theirs is kept
        return
    assert path.read_bytes() == mine == result.data
    assert disk is None or disk in (base, mine)


# -- keeping the file what it was -----------------------------------------------------------


def test_hard_links_stay_in_step_and_the_backup_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "_index.md"
    path.write_bytes(b"old")
    twin = tmp_path / "twin.md"
    twin.hardlink_to(path)
    save_checked(path, b"new text", base=b"old", backup_dir=tmp_path / "backups")
    assert twin.read_bytes() == b"new text" and path.stat().st_ino == twin.stat().st_ino
    versions = BackupHistory(tmp_path / "backups").versions(path)
    assert [v.path.read_bytes() for v in versions] == [b"old"]
    save_checked(path, b"short", base=b"new text", backup_dir=None)
    assert twin.read_bytes() == b"short"  # cut to length: nothing of the longer text remains


def test_leftovers_of_the_past_are_tidied_on_open(tmp_path: Path) -> None:
    path = tmp_path / "_index.md"
    path.write_bytes(homepage_bytes())
    dead = tmp_path / "._index.md.999999999-0123abcd.tmp"
    dead.write_bytes(b"x")
    old_style = tmp_path / "._index.md.89abcdef.tmp"  # no pid: removed once it is old
    old_style.write_bytes(b"x")
    history = BackupHistory(tmp_path / "backups")
    folder = history.folder_for(path)
    folder.mkdir(parents=True)
    (folder / "999999999-0123abcd.part").write_bytes(b"x")
    DocumentSession.open(path, backup_dir=tmp_path / "backups")
    assert not dead.exists() and old_style.exists() and history.leftovers(path) == []


# -- backups under contention ------------------------------------------------------------------


def test_two_copies_in_one_microsecond_do_not_share_a_name(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as real_dt

    from blogeditor.core.storage import backups

    frozen = real_dt.datetime(2026, 3, 1, 7, 0, tzinfo=real_dt.UTC)

    class Clock(real_dt.datetime):
        @classmethod
        def now(cls, tz: real_dt.tzinfo | None = None) -> Clock:
            return frozen  # type: ignore[return-value]

    monkeypatch.setattr(backups.dt, "datetime", Clock)
    history = BackupHistory(tmp_path)
    target = tmp_path / "a.md"
    history.save_version(target, b"one")
    history.save_version(target, b"two")
    names = sorted(p.name for p in history.folder_for(target).iterdir())
    assert not [n for n in names if n.endswith(".part")]
    assert sorted(v.path.read_bytes() for v in history.versions(target)) == [b"one", b"two"]


def test_pruning_caps_count_and_size_and_keeps_the_newest(tmp_path: Path) -> None:
    history = BackupHistory(tmp_path, keep=5, max_bytes=2500)
    target = tmp_path / "a.md"
    for n in range(8):
        history.save_version(target, bytes([65 + n]) * 1000)
    assert [v.path.read_bytes()[:1] for v in history.versions(target)] == [b"H", b"G"]
    history.save_version(target, b"Z" * 5000)  # bigger than the cap: still kept, alone
    assert [v.size for v in history.versions(target)] == [5000]


def test_pruning_tolerates_a_neighbour_removing_copies(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    history = BackupHistory(tmp_path, keep=2)
    target = tmp_path / "a.md"
    for n in range(3):
        history.save_version(target, bytes([65 + n]))
    real_unlink = Path.unlink

    def neighbour_first(self: Path, missing_ok: bool = False) -> None:
        real_unlink(self, missing_ok=True)  # the neighbour got there first
        real_unlink(self, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", neighbour_first)
    history.save_version(target, b"D")
    assert [v.path.read_bytes() for v in history.versions(target)] == [b"D", b"C"]


# -- reading and deciding ----------------------------------------------------------------------


def test_read_stable_waits_for_a_writer_in_place(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"")
    chunks = [b"chunk %d\n" % n for n in range(10)]

    def write_slowly() -> None:
        with open(path, "ab") as out:
            for chunk in chunks:
                out.write(chunk)
                out.flush()
                time.sleep(0.01)

    writer = threading.Thread(target=write_slowly)
    writer.start()
    time.sleep(0.005)
    data = read_stable(path)
    writer.join()
    assert data == b"".join(chunks)


def test_read_stable_gives_up_on_a_file_that_never_settles(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"x")
    stop = threading.Event()

    def keep_writing() -> None:
        n = 0
        while not stop.is_set():
            n += 1
            path.write_bytes(b"x" * (n % 50))
            time.sleep(0.002)

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        with pytest.raises(StorageError, match="still writing"):
            read_stable(path, tries=5, pause=0.05)  # it writes far more often
    finally:
        stop.set()
        writer.join()


def test_decide_disk_change() -> None:
    saved = b"saved"
    digest = sha256(saved)
    assert decide_disk_change(saved, saved_hash=digest, dirty=True) is DiskChange.IGNORE
    assert decide_disk_change(b"new", saved_hash=digest, dirty=False) is DiskChange.RELOAD
    assert decide_disk_change(b"new", saved_hash=digest, dirty=True) is DiskChange.MERGE
    assert decide_disk_change(None, saved_hash=digest, dirty=False) is DiskChange.MISSING
    assert decide_disk_change(b"new", saved_hash=digest, dirty=True,
                              asking_about=b"new") is DiskChange.IGNORE
    assert decide_disk_change(b"bad", saved_hash=digest, dirty=True,
                              ignored_hash=sha256(b"bad")) is DiskChange.IGNORE
