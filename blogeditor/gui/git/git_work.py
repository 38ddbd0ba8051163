"""What the window's git jobs do on a worker thread: plain functions of a GitRepo, no Qt.

Each one runs git (seconds, on a slow disk or network) and returns a frozen value the GUI
thread shows; none touches a widget. The window gets here only through a JobLane.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from blogeditor.core.git.post_state import PostState
from blogeditor.core.git.remote import RemoteKind, RemoteResult
from blogeditor.core.git.repo import GitRepo
from blogeditor.core.git.setup import SetupState
from blogeditor.core.git.status import BranchInfo, ChangedFile
from blogeditor.core.homepage.merge import MergeResult, TeaserConflict, merge_homepages
from blogeditor.core.site.site import Site


@dataclass(frozen=True)
class Snapshot:
    """The repository as the window shows it: the branch, the posts, a merge under way."""

    branch: BranchInfo | None = None
    states: dict[str, PostState] = field(default_factory=dict)
    merging: bool = False
    conflicts: tuple[str, ...] = ()
    error: str | None = None


@dataclass(frozen=True)
class Opened:
    repo: GitRepo | None  # None: the site is in no git work tree (or git is missing)
    git_dir: Path | None = None
    setup: SetupState | None = None
    snapshot: Snapshot = field(default_factory=Snapshot)


@dataclass(frozen=True)
class HomepageConflict:
    """The homepage as the three sides of a stopped merge had it, and what merging them
    post by post gives (``merge.merged`` when no question is left)."""

    base: bytes
    ours: bytes
    theirs: bytes
    merge: MergeResult

    @property
    def conflicts(self) -> list[TeaserConflict]:
        return self.merge.conflicts

    def resolve(self, resolutions: dict[str, str | None]) -> bytes | None:
        return merge_homepages(self.base, self.ours, self.theirs,
                               resolutions=resolutions).merged


@dataclass(frozen=True)
class RemoteOutcome:
    result: RemoteResult
    changed: tuple[Path, ...] = ()  # files the pull changed (absolute), for the reloads
    homepage: HomepageConflict | None = None
    remotes: tuple[str, ...] = ()  # for a push that found no upstream: where it could go


def snapshot(repo: GitRepo) -> Snapshot:
    status = repo.status()
    if status.error:
        return Snapshot(error=status.error)
    states = repo.post_states()
    return Snapshot(status.branch, states.posts, repo.merge_in_progress(),
                    tuple(status.conflicts), states.error)


def open_repo(site: Site) -> Opened:
    repo = GitRepo.find(site)
    if repo is None:
        return Opened(None)
    # Our own looks never take the index lock: a commit in a terminal never meets ours.
    repo.git.env["GIT_OPTIONAL_LOCKS"] = "0"
    out = repo.git("rev-parse", "--absolute-git-dir")
    git_dir = Path(out.text.strip()) if out.ok and out.text.strip() else None
    return Opened(repo, git_dir, repo.setup_state(), snapshot(repo))


def commit_candidates(repo: GitRepo) -> tuple[list[ChangedFile], str]:
    files = repo.changed_files()
    return files, repo.suggest_commit_message([f.path for f in files])


def _head(repo: GitRepo) -> str | None:
    out = repo.git("rev-parse", "-q", "--verify", "HEAD")
    return out.text.strip() if out.ok else None


def _changed_since(repo: GitRepo, rev: str | None) -> tuple[Path, ...]:
    now = _head(repo)
    if rev is None or now is None or now == rev:
        return ()
    out = repo.git("diff", "--name-only", "-z", "--no-renames", rev, now, "--")
    names = [n for n in out.stdout.decode("utf-8", "surrogateescape").split("\0") if n]
    return tuple(repo.top / n for n in names)


def homepage_conflict(repo: GitRepo) -> HomepageConflict:
    """The three stages git keeps for the conflicted homepage, merged post by post."""
    home = repo.homepage_rel

    def stage(n: int) -> bytes:
        out = repo.git("show", f":{n}:{home}")
        return out.stdout if out.ok else b""

    base, ours, theirs = stage(1), stage(2), stage(3)
    return HomepageConflict(base, ours, theirs, merge_homepages(base, ours, theirs))


def pull(repo: GitRepo) -> RemoteOutcome:
    before = _head(repo)
    result = repo.pull()
    conflict = None
    if result.kind is RemoteKind.CONFLICT and repo.homepage_rel in result.conflicts:
        conflict = homepage_conflict(repo)
    return RemoteOutcome(result, _changed_since(repo, before), conflict)


def push(repo: GitRepo, set_upstream: str | None = None) -> RemoteOutcome:
    result = repo.push(set_upstream=set_upstream)
    remotes = tuple(repo.remotes()) if result.kind is RemoteKind.NO_UPSTREAM else ()
    return RemoteOutcome(result, remotes=remotes)
