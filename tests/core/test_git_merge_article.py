"""The article merge driver: front matter key by key (TOML and YAML, as written), the body
by git's line merge; in real repositories and on bytes."""

from __future__ import annotations

from pathlib import Path

from blogeditor.core.git.merge_article import merge_article_versions
from blogeditor.core.git.remote import RemoteKind
from blogeditor.core.git.repo import GitRepo
from tests.core.test_git_support import commit_all, git, make_team

TOML = """+++
title = 'Ship It: A Guide'   # the apostrophe-free form
date = 2026-02-25T07:00:00+00:00
draft = true
tags = [
  "ci",
  "cd",
]

[params]
  series = "shipping"
+++

First paragraph.

<!--more-->

Second paragraph.
"""

YAML = """---
title: "Ship It: A Guide"
date: 2026-02-25T07:00:00+00:00
draft: true
tags:
- ci
- cd
---

First paragraph.

<!--more-->

Second paragraph.
"""


def merge(base: str, ours: str, theirs: str) -> tuple[str, list[str]]:
    result = merge_article_versions(base.encode(), ours.encode(), theirs.encode())
    return result.data.decode(), result.conflicts


def test_neighbouring_keys_and_the_body_merge_in_toml() -> None:
    ours = TOML.replace("draft = true", "draft = false").replace("First", "The first")
    theirs = TOML.replace("date = 2026-02-25", "date = 2026-03-01").replace(
        '  "cd",\n', '  "cd",\n  "gitops",\n').replace("Second", "The second")
    text, conflicts = merge(TOML, ours, theirs)
    assert conflicts == []
    assert "draft = false\n" in text and "date = 2026-03-01T07" in text and '"gitops"' in text
    assert "The first paragraph." in text and "The second paragraph." in text
    assert "# the apostrophe-free form" in text  # comments and layout as written


def test_a_key_both_set_differently_is_marked_alone() -> None:
    ours = TOML.replace("draft = true", "draft = false").replace('series = "shipping"',
                                                                  'series = "ours"')
    theirs = TOML.replace('series = "shipping"', 'series = "theirs"')
    text, conflicts = merge(TOML, ours, theirs)
    assert conflicts == ["front matter key params/series"]
    assert "<<<<<<< ours\n  series = \"ours\"\n=======\n  series = \"theirs\"\n>>>>>>> theirs\n" in text
    assert "draft = false\n" in text and text.count("<<<<<<<") == 1


def test_yaml_keys_added_and_removed_on_either_side() -> None:
    ours = YAML.replace("draft: true\n", "").replace("Second", "The second")
    theirs = YAML.replace("- cd\n", "- cd\nsummary: 'A guide'\n")
    text, conflicts = merge(YAML, ours, theirs)
    assert conflicts == []
    assert "draft:" not in text and "summary: 'A guide'\n" in text.split("---")[1]
    assert text.index("summary") > text.index("- cd")
    assert "The second paragraph." in text


def test_the_body_conflicts_as_git_would_and_keeps_both() -> None:
    ours = TOML.replace("Second paragraph.", "Ours.")
    theirs = TOML.replace("Second paragraph.", "Theirs.")
    text, conflicts = merge(TOML, ours, theirs)
    assert conflicts == ["1 place(s) in the text"]
    assert "Ours." in text and "Theirs." in text and "<<<<<<< ours" in text


def test_json_front_matter_falls_back_to_git_merge_file() -> None:
    base = '{\n  "title": "x"\n}\n\nBody.\n'
    result = merge_article_versions(base.encode(), base.replace("x", "y").encode(),
                                    base.replace("Body", "Text").encode())
    assert result.clean and result.data == b'{\n  "title": "y"\n}\n\nText.\n'
    assert any("git merge-file" in n for n in result.notes)


def test_a_pull_merges_two_authors_front_matter_edits(tmp_path: Path) -> None:
    team = make_team(tmp_path)
    repo_a = GitRepo.find(team.a)
    assert repo_a is not None and repo_a.set_up().ok and repo_a.push().ok
    repo_b = GitRepo.find(team.b)
    assert repo_b is not None and repo_b.pull().ok and repo_b.set_up().ok
    path = "content/ai/post-1/_index.md"
    for clone, old, new in ((team.a, "draft = false", "draft = true"),
                            (team.b, "date = 2026-01-02", "date = 2026-05-05")):
        file = clone / path
        file.write_text(file.read_text().replace(old, new))
        commit_all(clone, "edit")
    git(team.a, "push", "-q")
    assert repo_b.pull().kind is RemoteKind.OK
    text = (team.b / path).read_text()
    assert "date = 2026-05-05" in text and "draft = true" in text
    # git's own line merge stops on these neighbouring lines.
    versions = []
    for rev in ("HEAD^1", "HEAD^1^", "HEAD^2"):
        out = tmp_path / rev.replace("^", "p")
        out.write_bytes(git(team.b, "show", f"{rev}:{path}").stdout.encode())
        versions.append(str(out))
    assert git(tmp_path, "merge-file", "-p", *versions, check=False).returncode == 1
