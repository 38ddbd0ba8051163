"""Real git repositories for the git tests: a bare remote, clones, homepages to edit.

Nothing here mocks git: every helper runs the real command in a temporary folder, with the
identity and defaults given by ``-c``/environment so the developer's config never matters.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from blogeditor.core.homepage.homepage import Homepage

HEAD = '+++\narchetype = "home"\ntitle = ""\n+++\n\n# Latest Posts\n\n'
ENV = {
    "GIT_AUTHOR_NAME": "Test Author", "GIT_AUTHOR_EMAIL": "author@example.com",
    "GIT_COMMITTER_NAME": "Test Author", "GIT_COMMITTER_EMAIL": "author@example.com",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(cwd: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **ENV}
    proc = subprocess.run(["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false",
                           *args], cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if check and proc.returncode:
        raise AssertionError(f"git {' '.join(args)}: {proc.stderr}{proc.stdout}")
    return proc


def identity(clone: Path) -> None:
    # Commits made through the core's GitRepo (plain ``git``) need an identity in the clone.
    git(clone, "config", "user.name", "Test Author")
    git(clone, "config", "user.email", "author@example.com")
    git(clone, "config", "commit.gpgsign", "false")


def teaser_md(n: int, body: str | None = None) -> str:
    link = f"/ai/post-{n}"
    text = body if body is not None else f"Post {n} says hello.\n\nA second paragraph of post {n}."
    return (f'<img src="{link}/thumbnail.jpg" style="width:50%; float:right; padding: 10px">\n\n'
            f"## [Post {n}]({link})\n\n{text}\n\n**[Full article >>]({link})**")


def homepage(numbers: list[int], hidden: frozenset[int] = frozenset()) -> str:
    parts = []
    for n in numbers:
        core = teaser_md(n)
        parts.append(f"<!-- {core}\n\n--- -->\n\n" if n in hidden else f"{core}\n\n---\n\n")
    return HEAD + "".join(parts)


def article(n: int, extra: str = "") -> str:
    return (f"+++\ntitle = 'Post {n}'\ndate = 2026-01-0{n % 9 + 1}T07:00:00+00:00\n"
            f"draft = false\n{extra}+++\n\nThe article of post {n}.\n\n<!--more-->\n\nMore.\n")


@dataclass
class Team:
    remote: Path
    a: Path
    b: Path

    @staticmethod
    def homepage_of(clone: Path) -> Path:
        return clone / "content" / "_index.md"


def make_site(folder: Path, numbers: list[int], hidden: frozenset[int] = frozenset()) -> None:
    (folder / "content").mkdir(parents=True, exist_ok=True)
    (folder / "hugo.toml").write_text("title = 'Test'\n")
    (folder / "content" / "_index.md").write_text(homepage(numbers, hidden))
    for n in numbers:
        d = folder / "content" / "ai" / f"post-{n}"
        d.mkdir(parents=True, exist_ok=True)
        (d / "_index.md").write_text(article(n))


def make_team(tmp: Path, numbers: list[int] | None = None,
              hidden: frozenset[int] = frozenset()) -> Team:
    """A bare remote with one commit of a site, cloned twice (authors A and B)."""
    remote, a, b = tmp / "remote.git", tmp / "a", tmp / "b"
    git(tmp, "init", "-q", "--bare", str(remote))
    seed = tmp / "seed"
    make_site(seed, numbers or [1, 2, 3, 4, 5, 6], hidden)
    git(tmp, "init", "-q", str(seed))
    git(seed, "add", "-A")
    git(seed, "commit", "-q", "-m", "The site")
    git(seed, "push", "-q", str(remote), "main")
    for clone in (a, b):
        git(tmp, "clone", "-q", str(remote), str(clone))
        identity(clone)
    return Team(remote, a, b)


def edit_homepage(clone: Path, change: Callable[[Homepage], object]) -> None:
    path = Team.homepage_of(clone)
    hp = Homepage.parse(path.read_bytes())
    change(hp)
    path.write_bytes(hp.to_bytes())


def commit_all(clone: Path, message: str) -> None:
    git(clone, "add", "-A")
    git(clone, "commit", "-q", "-m", message)


def index_of(hp: Homepage, n: int) -> int:
    i = hp.index_of_link(f"/ai/post-{n}")
    assert i is not None
    return i
