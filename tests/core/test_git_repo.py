"""The repository object the window uses: per-post state, the files to commit, committing,
the suggested message, and whether git-setup was done, on real clones."""

from __future__ import annotations

from pathlib import Path

import pytest

from blogeditor.core.git.commit_message import suggest
from blogeditor.core.git.repo import GitRepo
from blogeditor.core.homepage.homepage import Homepage
from tests.core.test_git_support import (
    Team,
    article,
    commit_all,
    edit_homepage,
    git,
    homepage,
    index_of,
    make_team,
)


@pytest.fixture
def team(tmp_path: Path) -> Team:
    return make_team(tmp_path, [1, 2, 3, 4, 5, 6], frozenset({1}))


def repo_of(clone: Path) -> GitRepo:
    repo = GitRepo.find(clone / "content")
    assert repo is not None
    return repo


def _article(clone: Path, n: int) -> Path:
    return clone / "content" / "ai" / f"post-{n}" / "_index.md"


def test_per_post_state_from_the_working_tree_to_upstream(team: Team) -> None:
    a = repo_of(team.a)
    assert a.status().branch.head == "main" and a.status().branch.upstream == "origin/main"
    assert not any(s.uncommitted or s.unpushed or s.upstream for s in a.post_states().posts.values())
    # Uncommitted: an article's text, a teaser hidden, a new post with its folder.
    _article(team.a, 2).write_text(article(2, "tags = ['x']\n"))
    edit_homepage(team.a, lambda hp: hp.hide(index_of(hp, 4)))
    edit_homepage(team.a, lambda hp: hp.insert(0, title="Post 9", link="/ai/post-9", body="New."))
    _article(team.a, 9).parent.mkdir()
    _article(team.a, 9).write_text(article(9))
    states = a.post_states().posts
    assert states["/ai/post-2"].uncommitted and states["/ai/post-2"].paths == (
        "content/ai/post-2/_index.md",)
    assert states["/ai/post-4"].paths == ("content/_index.md",)
    assert states["/ai/post-9"].uncommitted and "content/ai/post-9/_index.md" in states["/ai/post-9"].paths
    assert not states["/ai/post-3"].uncommitted and states["/ai/post-3"].words == "up to date"
    files = {f.path: f.description for f in a.changed_files()}
    assert files == {"content/_index.md": "modified", "content/ai/post-2/_index.md": "modified",
                     "content/ai/post-9/_index.md": "new"}
    # Committed, not pushed: only what was chosen.
    assert a.commit(["content/ai/post-2/_index.md"], "Edit: Post 2").ok
    states = a.post_states().posts
    assert states["/ai/post-2"].unpushed and not states["/ai/post-2"].uncommitted
    assert states["/ai/post-4"].uncommitted and not states["/ai/post-4"].unpushed
    assert a.status().branch.ahead == 1
    # Changed upstream (after a fetch): B's edit to post 5 and B's new post 10.
    _article(team.b, 5).write_text(article(5, "tags = ['b']\n"))
    edit_homepage(team.b, lambda hp: hp.insert(0, title="Post 10", link="/ai/post-10", body="B."))
    commit_all(team.b, "B")
    git(team.b, "push", "-q")
    assert not a.post_states().posts["/ai/post-5"].upstream  # not fetched yet
    assert a.fetch().ok
    states = a.post_states().posts
    assert states["/ai/post-5"].upstream and not states["/ai/post-5"].uncommitted
    assert states["/ai/post-10"].upstream and not states["/ai/post-10"].on_homepage
    assert not states["/ai/post-2"].upstream
    assert (a.status().branch.ahead, a.status().branch.behind) == (1, 1)


def test_commit_takes_new_changed_and_deleted_files_and_leaves_the_rest(team: Team) -> None:
    a = repo_of(team.a)
    _article(team.a, 3).unlink()
    _article(team.a, 4).write_text(article(4, "tags = ['y']\n"))
    (team.a / "content" / "ai" / "post-9").mkdir()
    _article(team.a, 9).write_text(article(9))
    (team.a / "notes.txt").write_text("not chosen\n")
    git(team.a, "add", "notes.txt")  # staged by the author: must stay staged, uncommitted
    chosen = ["content/ai/post-3/_index.md", "content/ai/post-4/_index.md",
              "content/ai/post-9/_index.md"]
    result = a.commit(chosen, "Three files\n\nWith a body.")
    assert result.ok and result.commit and result.message.startswith("Committed 3 files")
    assert git(team.a, "show", "--name-only", "--format=%B", "HEAD").stdout.split("\n\n")[0] == (
        "Three files")
    assert [f.path for f in a.changed_files()] == ["notes.txt"]
    assert a.changed_files()[0].staged == "A"


def test_commit_refusals_are_results_with_a_reason(team: Team) -> None:
    a = repo_of(team.a)
    assert not a.commit([], "x").ok
    assert not a.commit(["content/_index.md"], "  ").ok
    hook = team.a / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'the hook says no' >&2\nexit 1\n")
    hook.chmod(0o755)
    _article(team.a, 2).write_text(article(2, "tags = ['x']\n"))
    result = a.commit(["content/ai/post-2/_index.md"], "Edit")
    assert not result.ok and "the hook says no" in result.message


def test_the_suggested_message_names_what_the_author_did(team: Team) -> None:
    a = repo_of(team.a)
    edit_homepage(team.a, lambda hp: hp.show(index_of(hp, 1)))
    assert a.suggest_commit_message() == "Publish: Post 1"
    edit_homepage(team.a, lambda hp: (hp.move(index_of(hp, 5), 1), hp.hide(index_of(hp, 3))))
    _article(team.a, 6).write_text(article(6, "tags = ['z']\n"))
    assert a.suggest_commit_message() == (
        "Publish: Post 1; Homepage: move Post 5 up, hide Post 3; Edit: Post 6")
    assert a.suggest_commit_message(["content/ai/post-6/_index.md"]) == "Edit: Post 6"
    (team.a / "README.md").write_text("x\n")
    assert a.suggest_commit_message(["README.md"]) == "Update the site"


def test_suggest_stays_short_and_says_remove_and_add() -> None:
    before = Homepage.parse(homepage([1, 2, 3]))
    after = Homepage.parse(homepage([1, 2]))
    after.insert(0, title="A Fresh One", link="/ai/fresh", body="x", hidden=True)
    assert suggest(before, after) == "Homepage: add A Fresh One, remove Post 3"
    many = [f"A Rather Long Article Title Number {i}" for i in range(5)]
    text = suggest(before, before, many)
    assert len(text) <= 72 and text.endswith("…") and text.startswith("Edit: A Rather")
    assert suggest(before, before) == ""


def test_setup_state_follows_git_setup(team: Team) -> None:
    a = repo_of(team.a)
    state = a.setup_state()
    assert not state.done and not state.drivers and not state.attributes
    result = a.set_up()
    assert result.ok and result.committed
    assert a.setup_state().done
    attributes = (team.a / ".gitattributes").read_text()
    assert attributes.splitlines() == ["content/**/*.md merge=blogeditor-article",
                                       "content/_index.md merge=blogeditor-homepage"]
    assert a.set_up().ok and (team.a / ".gitattributes").read_text() == attributes  # idempotent
    git(team.a, "config", "merge.blogeditor-homepage.driver", "/old/python -m blogeditor x")
    assert not a.setup_state().current and not a.setup_state().done
    assert git(team.a, "log", "-1", "--format=%s").stdout.startswith("Merge drivers")
    assert a.changed_files() == []


def test_a_site_in_a_sub_folder_of_the_repository(tmp_path: Path) -> None:
    from tests.core.test_git_support import identity, make_site

    make_site(tmp_path / "blog", [1, 2])
    git(tmp_path, "init", "-q")
    identity(tmp_path)
    commit_all(tmp_path, "site")
    repo = GitRepo.find(tmp_path / "blog")
    assert repo is not None and repo.homepage_rel == "blog/content/_index.md"
    assert repo.set_up().ok and repo.setup_state().done
    assert (tmp_path / "blog" / ".gitattributes").exists()
    (tmp_path / "elsewhere.txt").write_text("not the site's\n")
    _article(tmp_path / "blog", 2).write_text(article(2, "tags = ['x']\n"))
    assert [f.path for f in repo.changed_files()] == ["blog/content/ai/post-2/_index.md"]
    assert len(repo.changed_files(site_only=False)) == 2
    assert repo.post_states().posts["/ai/post-2"].uncommitted
    assert repo.suggest_commit_message() == "Edit: Post 2"
    assert repo.push().kind.name == "NO_UPSTREAM"
