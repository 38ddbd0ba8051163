"""The homepage merge driver in real repositories: two authors, one bare remote.

Author A moves post 6 up and hides post 3; author B adds a new post on top and rewrites a
paragraph of post 6. With the driver set up, whoever pulls second gets both; without it,
git's line merge stops on the same histories.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from blogeditor.core.git.remote import RemoteKind
from blogeditor.core.git.repo import GitRepo
from blogeditor.core.homepage.homepage import Homepage
from tests.core.test_git_support import Team, commit_all, edit_homepage, git, index_of, make_team

REWRITE = "Post 6, rewritten by B.\n\nA second paragraph of post 6."


def author_a(hp: Homepage) -> None:
    hp.move(index_of(hp, 6), 0)
    hp.hide(index_of(hp, 3))


def author_b(hp: Homepage) -> None:
    hp.insert(0, title="Post 7", link="/ai/post-7", body="Brand new.", hidden=True)
    hp.set_body(index_of(hp, 6), REWRITE)


def set_up(team: Team) -> None:
    repo_a = GitRepo.find(team.a)
    assert repo_a is not None and not repo_a.setup_state().done
    assert repo_a.set_up().ok
    assert repo_a.push().ok
    repo_b = GitRepo.find(team.b)
    assert repo_b is not None and repo_b.pull().ok
    assert not repo_b.setup_state().done  # the attributes came; the driver is per clone
    assert repo_b.set_up().ok
    assert repo_a.setup_state().done and repo_b.setup_state().done


@pytest.fixture
def team(tmp_path: Path) -> Team:
    return make_team(tmp_path)


def _edit_both(team: Team, first_is_a: bool) -> tuple[GitRepo, Path]:
    edit_homepage(team.a, author_a)
    commit_all(team.a, "A: move post 6 up, hide post 3")
    edit_homepage(team.b, author_b)
    commit_all(team.b, "B: add post 7, rewrite post 6")
    first, second = (team.a, team.b) if first_is_a else (team.b, team.a)
    git(first, "push", "-q")
    repo = GitRepo.find(second)
    assert repo is not None
    return repo, second


@pytest.mark.parametrize("first_is_a", [True, False], ids=["A pushes first", "B pushes first"])
def test_both_authors_intent_survives_a_pull(team: Team, first_is_a: bool) -> None:
    set_up(team)
    repo, second = _edit_both(team, first_is_a)
    result = repo.pull()
    assert result.kind is RemoteKind.OK, result
    hp = Homepage.parse(Team.homepage_of(second).read_bytes())
    assert [t.title for t in hp.teasers] == ["Post 7", "Post 6", "Post 1", "Post 2", "Post 3",
                                           "Post 4", "Post 5"]
    assert [t.hidden for t in hp.teasers] == [True, False, False, False, True, False, False]
    assert hp.teaser(1).body.startswith("Post 6, rewritten by B.")
    assert git(second, "status", "--porcelain").stdout == ""  # merged and committed
    assert repo.push().ok


@pytest.mark.parametrize("first_is_a", [True, False], ids=["A pushes first", "B pushes first"])
def test_without_the_driver_git_stops_on_the_same_histories(team: Team, first_is_a: bool) -> None:
    repo, second = _edit_both(team, first_is_a)
    result = repo.pull()
    assert result.kind is RemoteKind.CONFLICT
    assert result.conflicts == ("content/_index.md",)
    assert "<<<<<<<" in Team.homepage_of(second).read_text()


def test_a_real_conflict_marks_only_the_teaser_both_rewrote(team: Team) -> None:
    set_up(team)
    edit_homepage(team.a, lambda hp: (author_a(hp), hp.set_body(index_of(hp, 6), "A's words.")))
    commit_all(team.a, "A")
    edit_homepage(team.b, author_b)
    commit_all(team.b, "B")
    git(team.a, "push", "-q")
    repo = GitRepo.find(team.b)
    assert repo is not None
    result = repo.pull()
    assert result.kind is RemoteKind.CONFLICT and result.conflicts == ("content/_index.md",)
    text = Team.homepage_of(team.b).read_text()
    assert text.count("<<<<<<< ours") == 1 and text.count(">>>>>>> theirs") == 1
    marked = text[text.index("<<<<<<<"):text.index(">>>>>>>")]
    assert "A's words." in marked and "rewritten by B" in marked
    assert "post-7" not in marked and "post-3" not in marked
    # Everything else merged: post 7 added, post 3 hidden, post 6 moved up.
    outside = text.replace(marked, "")
    assert "## [Post 7](/ai/post-7)" in outside and "<!-- <img src=\"/ai/post-3" in outside
    assert text.index("<<<<<<<") < text.index("## [Post 1]")
    states = repo.post_states().posts
    assert states["/ai/post-6"].conflicted


def test_not_a_homepage_falls_back_to_git_merge_file(tmp_path: Path) -> None:
    from blogeditor.cli import main

    base, ours, theirs = (tmp_path / n for n in ("base", "ours", "theirs"))
    base.write_text("one\ntwo\nthree\n")
    ours.write_text("ONE\ntwo\nthree\n")
    theirs.write_text("one\ntwo\nTHREE\n")
    import contextlib
    import io

    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(["merge-homepage", str(base), str(ours), str(theirs), "notes.txt"])
    assert code == 0
    assert ours.read_text() == "ONE\ntwo\nTHREE\n"
    assert "not a homepage" in err.getvalue() and "git merge-file" in err.getvalue()


def _front(text: str, old: str, new: str) -> bytes:
    return text.replace(old, new, 1).encode()


def test_front_matter_merges_by_lines_and_marks_only_its_own_conflict() -> None:
    from blogeditor.core.git.merge_homepage import merge_homepage_versions
    from tests.core.test_git_support import homepage

    base = homepage([1, 2, 3]).replace('title = ""', 'title = ""\ndescription = "x"\n\nweight = 1')
    ours, theirs = Homepage.parse(base), Homepage.parse(base)
    ours.hide(0)
    theirs.move(2, 0)
    mine = _front(ours.to_text(), 'title = ""', 'title = "Ours"')
    result = merge_homepage_versions(base.encode(), mine,
                                     _front(theirs.to_text(), "weight = 1", "weight = 2"))
    assert result.clean
    merged = Homepage.parse(result.data)
    assert 'title = "Ours"' in merged.front_matter and "weight = 2" in merged.front_matter
    assert [t.title for t in merged.teasers] == ["Post 3", "Post 1", "Post 2"]
    assert merged.teaser(1).hidden
    result = merge_homepage_versions(base.encode(), mine,
                                     _front(theirs.to_text(), 'title = ""', 'title = "Theirs"'))
    assert result.conflicts == ["the front matter"]
    text = result.data.decode()
    assert '<<<<<<< ours\ntitle = "Ours"\n=======\ntitle = "Theirs"\n>>>>>>> theirs' in text
    assert text.count("<<<<<<<") == 1
    after = text[text.index("# Latest Posts"):]
    assert Homepage.parse(after).teasers[0].title == "Post 3"  # the teasers merged all the same
