"""fetch, pull and push against real remotes in the situations authors meet, classified.

The situations are made for real: a branch that tracks nothing, a remote URL pointing at a
missing folder, a port nobody listens on, an HTTP server asking for a login, one that never
answers, a bare remote that got another author's commit.
"""

from __future__ import annotations

import http.server
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from blogeditor.core.git.remote import RemoteKind
from blogeditor.core.git.repo import GitRepo
from blogeditor.core.git.runner import git_env
from tests.core.test_git_support import Team, article, commit_all, git, make_team


@pytest.fixture
def team(tmp_path: Path) -> Team:
    return make_team(tmp_path)


def repo_of(clone: Path, timeout: float = 30) -> GitRepo:
    repo = GitRepo.find(clone, timeout=timeout)
    assert repo is not None
    return repo


def _article(clone: Path, n: int) -> Path:
    return clone / "content" / "ai" / f"post-{n}" / "_index.md"


def test_a_branch_without_upstream_says_so_then_can_be_connected(team: Team) -> None:
    git(team.a, "checkout", "-q", "-b", "draft")
    repo = repo_of(team.a)
    assert repo.pull().kind is RemoteKind.NO_UPSTREAM
    assert repo.push().kind is RemoteKind.NO_UPSTREAM
    assert repo.status().branch.upstream is None
    assert repo.remotes() == ["origin"]
    assert repo.push(set_upstream="origin").ok
    assert repo.status().branch.upstream == "origin/draft"


def test_a_remote_at_a_missing_path_is_unreachable(team: Team, tmp_path: Path) -> None:
    git(team.a, "remote", "set-url", "origin", str(tmp_path / "gone.git"))
    repo = repo_of(team.a)
    for result in (repo.fetch(), repo.pull(), repo.push()):
        assert result.kind is RemoteKind.OFFLINE, result
        assert "gone.git" in result.stderr and result.message


def test_a_port_nobody_listens_on_is_offline(team: Team) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    git(team.a, "remote", "set-url", "origin", f"http://127.0.0.1:{port}/site.git")
    result = repo_of(team.a).fetch()
    assert result.kind is RemoteKind.OFFLINE, result


class _AskForLogin(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(401)
        self.send_header("WWW-Authenticate", 'Basic realm="blog"')
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def login_server() -> Iterator[str]:
    server = http.server.HTTPServer(("127.0.0.1", 0), _AskForLogin)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/site.git"
    server.shutdown()
    server.server_close()


def test_a_server_asking_for_a_login_needs_authentication_and_never_prompts(
        team: Team, login_server: str) -> None:
    git(team.a, "remote", "set-url", "origin", login_server)
    repo = repo_of(team.a)
    for result in (repo.fetch(), repo.push()):
        assert result.kind is RemoteKind.AUTH, result
        assert "terminal prompts disabled" in result.stderr or "Username" in result.stderr


def test_a_server_that_never_answers_times_out_instead_of_hanging(team: Team) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)  # the connection lands in the backlog; nobody ever answers
        git(team.a, "remote", "set-url", "origin", f"http://127.0.0.1:{s.getsockname()[1]}/x.git")
        result = repo_of(team.a, timeout=1.5).fetch()
    assert result.kind is RemoteKind.OFFLINE
    assert "timed out" in result.stderr


def test_a_remote_that_got_another_commit_rejects_the_push(team: Team) -> None:
    _article(team.b, 1).write_text(article(1, "tags = ['b']\n"))
    commit_all(team.b, "B")
    git(team.b, "push", "-q")
    _article(team.a, 2).write_text(article(2, "tags = ['a']\n"))
    commit_all(team.a, "A")
    repo = repo_of(team.a)
    result = repo.push()
    assert result.kind is RemoteKind.REJECTED, result
    assert repo.fetch().ok
    branch = repo.status().branch
    assert (branch.ahead, branch.behind) == (1, 1)
    assert repo.pull().ok  # different files: git merges, then the push goes through
    assert repo.push().ok


def test_both_changing_one_line_is_a_merge_conflict_with_its_path(team: Team) -> None:
    for clone, word in ((team.b, "B"), (team.a, "A")):
        path = _article(clone, 1)
        path.write_text(path.read_text().replace("The article of post 1.", f"{word} wrote this."))
        commit_all(clone, word)
    git(team.b, "push", "-q")
    result = repo_of(team.a).pull()
    assert result.kind is RemoteKind.CONFLICT
    assert result.conflicts == ("content/ai/post-1/_index.md",)
    states = repo_of(team.a).post_states().posts
    assert states["/ai/post-1"].conflicted and not states["/ai/post-2"].conflicted


def test_uncommitted_changes_in_the_way_of_a_pull(team: Team) -> None:
    _article(team.b, 1).write_text(article(1, "tags = ['b']\n"))
    commit_all(team.b, "B")
    git(team.b, "push", "-q")
    _article(team.a, 1).write_text(article(1, "tags = ['a']\n"))
    result = repo_of(team.a).pull()
    assert result.kind is RemoteKind.LOCAL_CHANGES, result


def test_pull_merges_unless_the_author_configured_rebase(team: Team) -> None:
    _article(team.b, 1).write_text(article(1, "tags = ['b']\n"))
    commit_all(team.b, "B")
    git(team.b, "push", "-q")
    _article(team.a, 2).write_text(article(2, "tags = ['a']\n"))
    commit_all(team.a, "A")
    git(team.a, "config", "pull.rebase", "true")
    assert repo_of(team.a).pull().ok
    parents = git(team.a, "log", "-1", "--format=%P").stdout.split()
    assert len(parents) == 1  # rebased, as configured: no merge commit


def test_git_never_asks_and_keeps_the_authors_own_ssh_command() -> None:
    env = git_env({"PATH": "/bin"})
    assert env["GIT_TERMINAL_PROMPT"] == "0"
    assert "BatchMode=yes" in env["GIT_SSH_COMMAND"]
    mine = git_env({"GIT_SSH_COMMAND": "ssh -i ~/.ssh/blog"})
    assert mine["GIT_SSH_COMMAND"] == "ssh -i ~/.ssh/blog"
    assert "GIT_SSH_COMMAND" not in git_env({}, ssh_configured=True)


def test_no_repository_or_no_git_is_none_not_an_error(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "hugo.toml").write_text("title = 'x'\n")
    assert GitRepo.find(tmp_path) is None
    assert GitRepo.find(tmp_path / "missing") is None
    (tmp_path / "t").mkdir()
    team = make_team(tmp_path / "t")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert GitRepo.find(team.a) is None


def test_a_stopped_merge_can_be_undone_or_finished(team: Team) -> None:
    for clone, word in ((team.b, "B"), (team.a, "A")):
        path = _article(clone, 1)
        path.write_text(path.read_text().replace("The article of post 1.", f"{word} wrote this."))
        commit_all(clone, word)
    git(team.b, "push", "-q")
    repo = repo_of(team.a)
    assert repo.pull().kind is RemoteKind.CONFLICT and repo.merge_in_progress()
    assert repo.abort_merge().ok and not repo.merge_in_progress()
    assert "A wrote this." in _article(team.a, 1).read_text()
    assert repo.pull().kind is RemoteKind.CONFLICT
    refused = repo.finish_merge()
    assert not refused.ok and "content/ai/post-1/_index.md" in refused.message
    _article(team.a, 1).write_text(article(1).replace("The article of post 1.", "Both wrote."))
    done = repo.finish_merge()
    assert done.ok, done.message
    assert not repo.merge_in_progress() and repo.status().branch.ahead == 2
    assert repo.push().ok
