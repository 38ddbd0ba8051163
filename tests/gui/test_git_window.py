"""The window's git on real repositories: a bare remote and two clones of the demo site.

Clone A is open in the window; clone B is "another author" changing things with plain git.
Nothing is mocked: every state, commit, pull and push is the real git command.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from blogeditor.core.homepage.homepage import Homepage
from blogeditor.gui.posts.post_list_model import GitStateRole
from blogeditor.gui.settings import Settings
from tests.core.test_git_support import git, identity
from tests.gui.conftest import Button, Dialogs

WAIT = 10_000
REVIEW = "/ai/reviewing-code-with-a-language-model"
TEACHING = "/ai/teaching-a-small-model-to-write-release-notes"


class Team:
    def __init__(self, tmp: Path, site: Path) -> None:
        self.remote, self.a, self.b = tmp / "remote.git", tmp / "a", tmp / "b"
        git(tmp, "init", "-q", "--bare", str(self.remote))
        git(site, "init", "-q")
        git(site, "add", "-A")
        git(site, "commit", "-q", "-m", "The site")
        git(site, "push", "-q", str(self.remote), "main")
        for clone in (self.a, self.b):
            git(tmp, "clone", "-q", str(self.remote), str(clone))
            identity(clone)

    @staticmethod
    def article(clone: Path, link: str) -> Path:
        return clone / "content" / link.strip("/") / "_index.md"


@pytest.fixture
def team(tmp_path: Path, demo_site: Path) -> Team:
    return Team(tmp_path, demo_site)


def open_clone(make_window, qtbot, clone: Path, *, offered: bool = True):  # type: ignore[no-untyped-def]
    if offered:  # the setup question has its own test
        Settings().set_git_setup_offered(clone.resolve())
    window = make_window(clone)
    feature = window.features.git
    qtbot.waitUntil(lambda: feature.repo is not None and feature.idle, timeout=WAIT)
    return window, feature


def state(window, link: str):  # type: ignore[no-untyped-def]
    model = window.list_model
    for i in range(model.rowCount()):
        if model.row(i).teaser.link == link:
            return model.index(i).data(GitStateRole)
    raise AssertionError(f"no row for {link}")


def warnings(dialogs: Dialogs) -> list[str]:
    return dialogs.texts("warning") + dialogs.texts("critical")


def test_an_outside_commit_turns_uncommitted_into_unpushed(make_window, qtbot, team, dialogs) -> None:
    window, feature = open_clone(make_window, qtbot, team.a)
    assert feature.menu.menuAction().isVisible()
    assert not state(window, REVIEW).uncommitted
    assert feature.status_field.label.text() == "main ✓"
    qtbot.waitUntil(lambda: window.features.sync.watching, timeout=WAIT)

    path = Team.article(team.a, REVIEW)
    path.write_text(path.read_text() + "\nOne more line.\n")
    qtbot.waitUntil(lambda: state(window, REVIEW).uncommitted, timeout=WAIT)
    assert not state(window, TEACHING).uncommitted

    git(team.a, "commit", "-q", "-am", "Edit the review post")  # in a terminal, say
    qtbot.waitUntil(lambda: not state(window, REVIEW).uncommitted, timeout=WAIT)
    assert state(window, REVIEW).unpushed
    assert feature.status_field.label.text() == "main ↑1"

    rolling = "/kubernetes/rolling-updates-without-the-drama"
    window.document.apply("Hide", lambda h: h.set_hidden(h.index_of_link(rolling), True))
    assert window.save()  # the window's own save: the watcher ignores it, the marks do not
    qtbot.waitUntil(lambda: state(window, rolling).uncommitted, timeout=WAIT)
    assert not warnings(dialogs)


def test_pull_brings_in_the_other_authors_homepage_and_reloads(make_window, qtbot, team,
                                                               dialogs) -> None:
    window, feature = open_clone(make_window, qtbot, team.a)
    qtbot.waitUntil(lambda: window.features.sync.watching, timeout=WAIT)
    home_b = team.b / "content" / "_index.md"
    hp = Homepage.parse(home_b.read_bytes())
    index = hp.index_of_link(REVIEW)
    assert index is not None and not hp.teaser(index).hidden
    hp.set_hidden(index, True)
    home_b.write_bytes(hp.to_bytes())
    article_b = Team.article(team.b, REVIEW)
    article_b.write_text(article_b.read_text() + "\nA line from the other author.\n")
    git(team.b, "commit", "-q", "-am", "Homepage: hide the review")
    git(team.b, "push", "-q")
    window.select_link(REVIEW)  # its article open in the Article tab
    authoring = window.features.authoring
    authoring.show_article_tab()
    qtbot.waitUntil(lambda: authoring.article.path == Team.article(team.a, REVIEW), timeout=WAIT)

    said: list[str] = []
    window.ctx.status_message.connect(lambda text, _ms: said.append(text))
    with qtbot.waitSignal(feature.finished, timeout=WAIT):
        feature.pull()
    qtbot.waitUntil(lambda: window.document.homepage.to_bytes() == home_b.read_bytes(),
                    timeout=WAIT)
    doc = window.document
    assert doc.homepage.teaser(doc.homepage.index_of_link(REVIEW)).hidden
    assert not doc.is_dirty()
    assert "Pulled. 2 files changed." in said
    qtbot.waitUntil(lambda: "A line from the other author." in authoring.article.text(),
                    timeout=WAIT)
    assert not authoring.article.is_dirty()
    assert not warnings(dialogs) and "question" not in dialogs.kinds()
    qtbot.waitUntil(lambda: feature.idle, timeout=WAIT)
    assert not state(window, REVIEW).upstream


def test_commit_dialog_commits_only_the_checked_files(make_window, qtbot, team, dialogs) -> None:
    window, feature = open_clone(make_window, qtbot, team.a)
    doc = window.document
    doc.apply("Publish", lambda h: h.set_hidden(h.index_of_link(TEACHING), False))
    dialogs.save_answer = Button.Save  # "Save first?": yes
    article = Team.article(team.a, REVIEW)
    article.write_text(article.read_text() + "\nOne more line.\n")

    feature.commit()
    assert not doc.is_dirty()  # saved first, as asked
    qtbot.waitUntil(lambda: feature.commit_dialog is not None, timeout=WAIT)
    dialog = feature.commit_dialog
    home, art = "content/_index.md", f"content/{REVIEW.strip('/')}/_index.md"
    assert set(dialog.checked_paths()) == {home, art}
    # "Publish: …; Edit: …", cut to a first line's length.
    assert dialog.text() == "Publish: Teaching a Small Model to Write Release Notes; Edit…"

    dialog.set_checked(art, False)
    qtbot.waitUntil(lambda: dialog.text() == "Publish: Teaching a Small Model to Write Release Notes",
                    timeout=WAIT)
    with qtbot.waitSignal(feature.finished, timeout=WAIT):
        dialog.accept()
    log = git(team.a, "log", "-1", "--name-only", "--format=%s").stdout.split("\n")
    assert log[0] == "Publish: Teaching a Small Model to Write Release Notes"
    assert [line for line in log[1:] if line] == [home]
    assert git(team.a, "status", "--porcelain").stdout.strip() == f"M {art}"
    qtbot.waitUntil(lambda: feature.idle and state(window, TEACHING).unpushed, timeout=WAIT)
    assert state(window, REVIEW).uncommitted
    assert not warnings(dialogs)


def test_push_without_upstream_or_server_says_so(make_window, qtbot, team, dialogs,
                                                 tmp_path: Path) -> None:
    git(team.a, "checkout", "-q", "-b", "draft")
    window, feature = open_clone(make_window, qtbot, team.a)
    with qtbot.waitSignal(feature.finished, timeout=WAIT):
        feature.push()  # "Connect the branch?" is answered No by the fixture
    assert "Connect the Branch?" in [t for _k, t, _x in dialogs.asked]
    assert "not connected to a branch on the server" in window.statusBar().currentMessage()
    assert not warnings(dialogs)

    git(team.a, "checkout", "-q", "main")
    git(team.a, "commit", "-q", "--allow-empty", "-m", "Something to push")
    git(team.a, "remote", "set-url", "origin", str(tmp_path / "gone.git"))
    qtbot.waitUntil(lambda: feature.idle, timeout=WAIT)
    with qtbot.waitSignal(feature.finished, timeout=WAIT):
        feature.push()
    assert any("could not be reached" in text for text in warnings(dialogs)), dialogs.asked
    assert "could not be reached" in window.statusBar().currentMessage()


def test_a_site_outside_git_shows_nothing_of_git(main_window, qtbot, dialogs) -> None:
    feature = main_window.features.git
    qtbot.waitUntil(lambda: feature.idle, timeout=WAIT)
    assert feature.repo is None
    assert not feature.menu.menuAction().isVisible()
    assert feature.status_field.isHidden()
    model = main_window.list_model
    assert all(model.index(i).data(GitStateRole) is None for i in range(model.rowCount()))
    assert "git" not in model.index(0).data(3).lower()  # the tooltip
    assert dialogs.asked == []


def test_the_setup_offer_is_asked_once_and_no_does_nothing(make_window, qtbot, team,
                                                           dialogs) -> None:
    window, feature = open_clone(make_window, qtbot, team.a, offered=False)
    qtbot.waitUntil(lambda: "question" in dialogs.kinds(), timeout=WAIT)
    assert [t for _k, t, _x in dialogs.asked] == ["Set Up Git Merging?"]  # answered No
    assert not (team.a / ".gitattributes").exists()
    assert git(team.a, "config", "--get-regexp", r"^merge\.", check=False).stdout == ""
    assert window.open_site(team.a)
    qtbot.waitUntil(lambda: feature.repo is not None and feature.idle, timeout=WAIT)
    assert len(dialogs.asked) == 1


def _edit_teaser(clone: Path, link: str, text: str) -> None:
    path = clone / "content" / "_index.md"
    hp = Homepage.parse(path.read_bytes())
    index = hp.index_of_link(link)
    assert index is not None
    old = hp.teaser(index).markdown
    marker = "For one month, every pull request"
    assert marker in old
    hp.set_markdown(index, old.replace(marker, text))
    path.write_bytes(hp.to_bytes())


def test_a_pull_conflict_on_the_homepage_opens_compare_and_finishes_the_merge(
        make_window, qtbot, team, dialogs) -> None:
    _edit_teaser(team.b, REVIEW, "Theirs: for one month, every pull request")
    git(team.b, "commit", "-q", "-am", "Theirs")
    git(team.b, "push", "-q")
    _edit_teaser(team.a, REVIEW, "Mine: for one month, every pull request")
    git(team.a, "commit", "-q", "-am", "Mine")
    window, feature = open_clone(make_window, qtbot, team.a)
    qtbot.waitUntil(lambda: window.features.sync.watching, timeout=WAIT)

    with qtbot.waitSignal(feature.finished, timeout=WAIT):
        feature.pull()
    qtbot.waitUntil(lambda: feature.conflict.dialog is not None, timeout=WAIT)
    dialog = feature.conflict.dialog
    assert [p.conflict.link for p in dialog.pages] == [REVIEW]
    assert "The pull stopped on a conflict" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: feature.idle, timeout=WAIT)
    assert state(window, REVIEW).conflicted and feature.abort_action.isEnabled()

    dialog.choose(dialog.pages[0].conflict.key, "theirs")
    with qtbot.waitSignal(feature.finished, timeout=WAIT):
        dialog.accept()
    parents = git(team.a, "log", "-1", "--format=%p").stdout.split()
    assert len(parents) == 2  # the merge is committed
    assert git(team.a, "status", "--porcelain").stdout == ""
    on_disk = (team.a / "content" / "_index.md").read_bytes()
    assert b"Theirs: for one month" in on_disk and b"Mine:" not in on_disk
    assert b"<<<<<<<" not in on_disk
    qtbot.waitUntil(lambda: window.document.homepage.to_bytes() == on_disk, timeout=WAIT)
    assert not window.document.is_dirty()
    assert not warnings(dialogs)


def test_yes_to_the_setup_offer_sets_up_the_drivers(make_window, qtbot, team, dialogs) -> None:
    dialogs.save_answer = Button.Yes
    window, feature = open_clone(make_window, qtbot, team.a, offered=False)
    qtbot.waitUntil(lambda: (team.a / ".gitattributes").exists() and feature.idle, timeout=WAIT)
    assert "merge=blogeditor-homepage" in (team.a / ".gitattributes").read_text()
    assert git(team.a, "config", "--get", "merge.blogeditor-homepage.driver").stdout.strip()
    assert git(team.a, "status", "--porcelain").stdout == ""  # committed
    assert feature.status_field.label.text() == "main ↑1"


def test_pull_waits_for_unsaved_edits_and_never_drops_them(make_window, qtbot, team,
                                                           dialogs) -> None:
    window, feature = open_clone(make_window, qtbot, team.a)
    doc = window.document
    doc.apply("Hide", lambda h: h.set_hidden(h.index_of_link(REVIEW), True))
    dialogs.save_answer = Button.Cancel
    feature.pull()
    assert [t for _k, t, _x in dialogs.asked] == ["Save First?"]
    assert "• The homepage of a" in dialogs.asked[0][2]
    assert feature.busy is None and doc.is_dirty()
    assert "Pull waits until the changes are saved." in window.statusBar().currentMessage()
