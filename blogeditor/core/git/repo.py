"""A site's git repository, for the window and the command line: one object, plain answers.

Everything returns values (states, results with a message); an expected failure (git
missing, no upstream, offline...) is never an exception. Each call runs git afresh, so the
answers follow what the author does in a terminal at the same time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from blogeditor.core.article.article import Article
from blogeditor.core.errors import BlogEditorError
from blogeditor.core.git import commit_message, remote, setup
from blogeditor.core.git.post_state import (
    Changes,
    PostStates,
    belongs,
    changed_links,
    parse_homepage,
    post_states,
)
from blogeditor.core.git.remote import RemoteResult
from blogeditor.core.git.runner import DEFAULT_TIMEOUT, Git, run_git
from blogeditor.core.git.setup import SetupResult, SetupState
from blogeditor.core.git.status import ChangedFile, WorkTreeStatus, parse_name_list, parse_status
from blogeditor.core.site.site import Site


@dataclass(frozen=True)
class CommitResult:
    ok: bool
    message: str  # for the author: what was committed, or why not
    commit: str | None = None  # the new commit's id


class GitRepo:
    """The git work tree a site lives in (the site may be a sub-folder of it)."""

    def __init__(self, top: Path, site: Site, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.top = top
        self.site = site
        self.git = Git(top, timeout=timeout)

    @classmethod
    def find(cls, site: Site | Path | str, *, timeout: float = DEFAULT_TIMEOUT) -> GitRepo | None:
        """The repository around the site; None when it is in none or git is missing."""
        if not isinstance(site, Site):
            try:
                site = Site.find(site)
            except BlogEditorError:
                return None
        out = run_git(["rev-parse", "--show-toplevel"], site.root, timeout=10)
        if not out.ok or not out.text.strip():
            return None
        return cls(Path(out.text.strip()).resolve(), site, timeout=timeout)

    # ----- where things are, relative to the top of the work tree ---------------------------
    def rel(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.top).as_posix()
        except ValueError:
            return path.as_posix()

    @property
    def homepage_rel(self) -> str:
        return self.rel(self.site.homepage_path)

    @property
    def content_prefix(self) -> str:
        return self.rel(self.site.content_dir).rstrip("/") + "/"

    # ----- reading ---------------------------------------------------------------------
    def status(self) -> WorkTreeStatus:
        out = self.git("status", "--porcelain=v2", "-z", "--branch", "--untracked-files=all")
        if not out.ok:
            return WorkTreeStatus(parse_status(b"").branch, error=out.message)
        return parse_status(out.stdout)

    def changed_files(self, *, site_only: bool = True) -> list[ChangedFile]:
        """What a Commit dialog lists: the site's changed files (all of the work tree's with
        ``site_only=False``)."""
        files = self.status().files
        if not site_only:
            return files
        prefix = self.rel(self.site.root)
        if prefix in ("", "."):
            return files
        return [f for f in files if f.path.startswith(prefix.rstrip("/") + "/")]

    def show(self, rev: str, path: str) -> bytes | None:
        """A file as committed in ``rev``; None when it is not there."""
        out = self.git("show", f"{rev}:{path}")
        return out.stdout if out.ok else None

    def _diff_names(self, spec: str) -> list[str]:
        out = self.git("diff", "--name-only", "-z", "--no-renames", spec, "--")
        return parse_name_list(out.stdout) if out.ok else []

    def post_states(self) -> PostStates:
        """Per teaser link: uncommitted, not pushed, changed upstream (as of the last fetch)."""
        st = self.status()
        if st.error:
            return PostStates(error=st.error)
        home = self.homepage_rel
        try:
            work = parse_homepage(self.site.homepage_path.read_bytes())
        except OSError:
            work = None
        head = parse_homepage(self.show("HEAD", home)) if st.branch.oid else None
        local = Changes(changed_links(head, work), [f.path for f in st.files])
        unpushed = upstream = Changes()
        extra = []
        if st.branch.upstream and not st.branch.upstream_gone:
            base_out = self.git("merge-base", "HEAD", "@{upstream}")
            base_rev = base_out.text.strip() if base_out.ok else None
            if base_rev:
                base = parse_homepage(self.show(base_rev, home))
                up = parse_homepage(self.show("@{upstream}", home))
                unpushed = Changes(changed_links(base, head), self._diff_names(f"{base_rev}..HEAD"))
                upstream = Changes(changed_links(base, up),
                                   self._diff_names(f"{base_rev}..@{{upstream}}"))
                here = {t.link for t in (work.teasers if work else [])}
                extra = [t for t in (up.teasers if up else []) if t.link not in here]
        # A homepage that does not read (conflict markers in its front matter) still lists
        # the posts as committed, so the window can show which are in conflict.
        listed = work or head
        states = post_states(listed.teasers if listed else [], content_prefix=self.content_prefix,
                             homepage_path=home, uncommitted=local, unpushed=unpushed,
                             upstream=upstream, conflicted=st.conflicts, extra=extra)
        return PostStates(states)

    # ----- committing ------------------------------------------------------------------------
    def commit(self, paths: Iterable[str], message: str) -> CommitResult:
        """Commit exactly ``paths`` (work-tree relative, as ``changed_files`` gives them):
        new, changed and deleted files alike, leaving anything else staged as it was."""
        chosen = list(dict.fromkeys(paths))
        if not chosen:
            return CommitResult(False, "Nothing was chosen to commit.")
        if not message.strip():
            return CommitResult(False, "A commit needs a message.")
        added = self.git("add", "-A", "--", *chosen)
        if not added.ok:
            return CommitResult(False, f"git could not add the files: {added.message}")
        out = self.git("commit", "-q", "-F", "-", "--", *chosen, input=message.encode("utf-8"))
        if not out.ok:
            return CommitResult(False, f"git did not commit: {out.message}")
        rev = self.git("rev-parse", "HEAD").text.strip()
        n = len(chosen)
        return CommitResult(True, f"Committed {n} file{'s' if n != 1 else ''} ({rev[:7]}).", rev)

    def suggest_commit_message(self, paths: Iterable[str] | None = None) -> str:
        """A first line from what changed: HEAD's homepage against the working one, and the
        articles among ``paths`` (all changed files when None)."""
        chosen = [f.path for f in self.changed_files()] if paths is None else list(paths)
        home = self.homepage_rel
        now = parse_homepage(self._read(home))
        head = parse_homepage(self.show("HEAD", home)) if home in chosen else None
        work = now if home in chosen else None
        published, _ = commit_message.homepage_changes(head, work)
        titles: list[str] = []
        others = 0
        teasers = now.teasers if now else []
        for path in chosen:
            if path == home:
                continue
            owner = next((t for t in teasers if belongs(path, t.link, self.content_prefix)), None)
            if owner is not None:
                titles.append(owner.title)
            elif path.endswith(".md") and path.startswith(self.content_prefix):
                titles.append(self._title_of(path))
            else:
                others += 1
        return commit_message.suggest(head, work, [t for t in titles if t not in published],
                                      other_files=others)

    def _read(self, rel: str) -> bytes | None:
        try:
            return (self.top / rel).read_bytes()
        except OSError:
            return None

    def _title_of(self, rel: str) -> str:
        try:
            return Article.load(self.top / rel).title or Path(rel).parent.name
        except BlogEditorError:
            return Path(rel).parent.name

    # ----- after a pull that stopped on a conflict ------------------------------------------
    def merge_in_progress(self) -> bool:
        return self.git("rev-parse", "-q", "--verify", "MERGE_HEAD").ok

    def abort_merge(self) -> CommitResult:
        """Back to before the pull: the author's commits and files as they were."""
        out = self.git("merge", "--abort")
        return CommitResult(out.ok, "The merge was undone." if out.ok else out.message)

    def finish_merge(self) -> CommitResult:
        """Commit the merge once the author resolved every conflict (a partial commit is
        not possible during a merge, so this takes the resolved files as they are)."""
        # A file deleted to resolve a modify/delete conflict is resolved too.
        left = [f for f in self.status().conflicts if b"\n<<<<<<< " in b"\n" + (self._read(f) or b"")]
        if left:
            return CommitResult(False, "Still marked as conflicts: " + ", ".join(left))
        conflicts = self.status().conflicts
        added = self.git("add", "-A", "--", *conflicts) if conflicts else None
        if added is not None and not added.ok:
            return CommitResult(False, added.message)
        out = self.git("commit", "-q", "--no-edit")
        if not out.ok:
            return CommitResult(False, f"git did not commit: {out.message}")
        rev = self.git("rev-parse", "HEAD").text.strip()
        return CommitResult(True, f"Merged ({rev[:7]}).", rev)

    # ----- the remote ------------------------------------------------------------------------
    def fetch(self) -> RemoteResult:
        return remote.fetch(self.git)

    def pull(self) -> RemoteResult:
        return remote.pull(self.git)

    def push(self, *, set_upstream: str | None = None) -> RemoteResult:
        return remote.push(self.git, set_upstream=set_upstream)

    def remotes(self) -> list[str]:
        return remote.remotes(self.git)

    # ----- the merge drivers -----------------------------------------------------------------
    def setup_state(self) -> SetupState:
        return setup.setup_state(self.git, self.homepage_rel)

    def set_up(self, *, commit: bool = True) -> SetupResult:
        content = self.site.content_dir.resolve().relative_to(self.site.root.resolve())
        return setup.set_up(self.git, self.site.root.resolve(), content.as_posix(),
                            commit=commit)

