"""The window's git, for a site in a git work tree (nothing of it shows for any other).

- Per post in the list: uncommitted, committed but not pushed, changed upstream (the list
  model's GitStateRole, painted by the delegate); the branch and ahead/behind in the
  status bar. Refreshed when the site opens, when the site watcher reports a change or the
  homepage is saved, when the repository's own folder changes (a commit in a terminal),
  when the application becomes active again, after each command, and every 30 s while the
  window is active (with a quiet fetch every 5 min, for the "changed upstream" marks).
- Git ▸ Commit…, Pull, Push, Fetch, the merge drivers' setup, and after a pull that stopped
  on a conflict: Resolve Homepage Conflict…, Finish Merge, Abort Merge.

Every git call runs on a JobLane (gui/jobs.py); results come back by signal, so the GUI
thread never waits for git. Commands run one at a time on the "git" lane; the looks (status,
post states) on a lane of their own, never while a command runs.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QFileSystemWatcher, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox

from blogeditor.core.git.remote import RemoteKind
from blogeditor.core.git.repo import CommitResult, GitRepo
from blogeditor.core.git.setup import SetupResult
from blogeditor.core.git.status import ChangedFile
from blogeditor.gui.context import AppContext
from blogeditor.gui.git import git_work
from blogeditor.gui.git.commit_dialog import CommitDialog
from blogeditor.gui.git.git_status import GitStatusField
from blogeditor.gui.git.git_work import Opened, RemoteOutcome, Snapshot
from blogeditor.gui.git.pull_conflict import PullConflict
from blogeditor.gui.git.save_first import saved_first

if TYPE_CHECKING:
    from blogeditor.core.site.site import Site
    from blogeditor.gui.sync.sync import SyncController
    from blogeditor.gui.window.main_window import MainWindow

Button = QMessageBox.StandardButton
REFRESH_DELAY_MS = 300
REFRESH_INTERVAL_MS = 30_000
FETCH_INTERVAL_S = 300.0

SETUP_QUESTION = (
    "This site is kept in git. BlogEditor can merge the homepage post by post (and the "
    "articles' front matter key by key) when a pull brings changes made elsewhere, instead "
    "of git's line-by-line merge that often stops on a conflict.\n\n"
    "Set that up now? It adds the merge drivers to this clone's git config and commits a "
    ".gitattributes file (push it to share it with the other authors). "
    "Git ▸ Set Up Merge Drivers… does it later.")


class GitFeature(QObject):
    refreshed = Signal()  # a snapshot of the repository was applied (list and status bar)
    finished = Signal(str)  # a command ended: "commit", "pull", "push", "fetch", "setup"...

    def __init__(self, ctx: AppContext, window: MainWindow, *, sync: SyncController) -> None:
        super().__init__(window)
        self.ctx, self.window, self.sync = ctx, window, sync
        self.repo: GitRepo | None = None
        self.snapshot = Snapshot()
        self.busy: str | None = None  # "Pulling…" while a command runs
        self.commit_dialog: CommitDialog | None = None
        self._lane = ctx.jobs.lane("git", parent=self)
        self._looks = ctx.jobs.lane("git-status", parent=self)
        self._fetches = ctx.jobs.lane("git-fetch", parent=self)
        self._suggestions = ctx.jobs.lane("git-suggest", parent=self)
        self._last_fetch = 0.0
        self.status_field = GitStatusField(window.statusBar())
        self.conflict = PullConflict(ctx, window)
        self.conflict.resolved.connect(self._finish_after_resolve)
        self._build_menu()
        self._soon = QTimer(self, singleShot=True, interval=REFRESH_DELAY_MS)
        self._soon.timeout.connect(self.refresh_now)
        self._tick = QTimer(self, interval=REFRESH_INTERVAL_MS)
        self._tick.timeout.connect(self._on_tick)
        self._git_dir_watch = QFileSystemWatcher(self)
        self._git_dir_watch.directoryChanged.connect(self.refresh)
        ctx.site_opened.connect(self._on_site_opened)
        ctx.site_closing.connect(self._on_site_closing)
        ctx.site_files_changed.connect(self.refresh)
        sync.homepage_reloaded.connect(self.refresh)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):  # back from a terminal: look again
            app.applicationStateChanged.connect(self._on_app_state)
        if ctx.site is not None:
            self._on_site_opened(ctx.site)

    @property
    def idle(self) -> bool:
        """No git job is running or waiting to (tests wait for this)."""
        return not self._soon.isActive() and not any(
            lane.busy for lane in (self._lane, self._looks, self._fetches, self._suggestions))

    # ------------------------------------------------------------------ menu
    def _build_menu(self) -> None:
        w = self.window
        self.menu = QMenu("&Git", w)

        def action(text: str, slot: Callable[[], object], shortcut: str = "",
                   tip: str = "") -> QAction:
            act = QAction(text, w)
            if shortcut:
                act.setShortcut(QKeySequence(shortcut))
            act.setStatusTip(tip)
            act.triggered.connect(lambda _=False: slot())
            self.menu.addAction(act)
            w.addAction(act)  # the shortcut works while the menu is hidden
            return act

        self.commit_action = action("&Commit…", self.commit, "Ctrl+Alt+C",
                                    "Commit the site's changed files")
        self.pull_action = action("P&ull", self.pull, "Ctrl+Alt+P",
                                  "Bring in the changes made elsewhere (git pull)")
        self.push_action = action("&Push", self.push, "Ctrl+Alt+U",
                                  "Send your commits to the server (git push)")
        self.fetch_action = action("&Fetch", self.fetch, "",
                                   "Look for changes on the server without merging them")
        self.menu.addSeparator()
        self.resolve_action = action("&Resolve Homepage Conflict…", self.resolve_conflict, "",
                                     "Choose between your version and the pulled one")
        self.finish_action = action("F&inish Merge", self.finish_merge, "",
                                    "Commit the merge once every conflict is resolved")
        self.abort_action = action("&Abort Merge", self.abort_merge, "",
                                   "Undo the pull that stopped on a conflict")
        self.menu.addSeparator()
        self.setup_action = action("Set Up &Merge Drivers…", lambda: self.set_up(ask=True), "",
                                   "Let git merge the homepage post by post")
        w.menuBar().insertMenu(w.menus["tools"].menuAction(), self.menu)
        self._update_actions()

    def _update_actions(self) -> None:
        on = self.repo is not None
        self.menu.menuAction().setVisible(on)
        idle = on and self.busy is None
        merging = self.snapshot.merging
        for act in (self.commit_action, self.pull_action, self.push_action, self.fetch_action):
            act.setEnabled(idle and not (merging and act is not self.fetch_action))
        home = self.repo.homepage_rel if self.repo is not None else None
        self.resolve_action.setEnabled(idle and merging and home in self.snapshot.conflicts)
        self.finish_action.setEnabled(idle and merging)
        self.abort_action.setEnabled(idle and merging)
        self.setup_action.setEnabled(idle)

    # ------------------------------------------------------------------ the site
    def _on_site_opened(self, site: Site) -> None:
        self._forget()
        if self.ctx.homepage is not None:  # our own saves: the watcher ignores them
            self.ctx.homepage.saved.connect(self.refresh)
        self._looks.run(lambda: git_work.open_repo(site), lambda o: self._on_opened(site, o))

    def _on_opened(self, site: Site, opened: Opened) -> None:
        if site is not self.ctx.site or opened.repo is None:
            return
        self.repo = opened.repo
        if opened.git_dir is not None and opened.git_dir.is_dir():
            self._git_dir_watch.addPath(str(opened.git_dir))
        self._apply(opened.snapshot)
        self._tick.start()
        if opened.setup is not None and not opened.setup.done:
            QTimer.singleShot(0, lambda: self._offer_setup(site))
        self._fetch_quietly()

    def _on_site_closing(self) -> None:
        self._forget()

    def _forget(self) -> None:
        for lane in (self._lane, self._looks, self._fetches, self._suggestions):
            lane.cancel()
        self.conflict.close()
        if self.commit_dialog is not None:
            self.commit_dialog.reject()
        self.repo, self.busy, self._last_fetch = None, None, 0.0
        self._tick.stop()
        self._soon.stop()
        paths = self._git_dir_watch.directories()
        if paths:
            self._git_dir_watch.removePaths(paths)
        self.status_field.show_busy(None)
        self._apply(Snapshot())

    def _offer_setup(self, site: Site) -> None:
        settings = self.ctx.settings
        if site is not self.ctx.site or self.repo is None or settings.git_setup_offered(site.root):
            return
        settings.set_git_setup_offered(site.root)  # once per site, whatever the answer
        answer = QMessageBox.question(self.window, "Set Up Git Merging?", SETUP_QUESTION,
                                      Button.Yes | Button.No, Button.No)
        if answer == Button.Yes:
            self.set_up(ask=False)

    # ------------------------------------------------------------------ looking
    def refresh(self, *_args: object) -> None:
        """Look at the repository again shortly (bursts of reasons give one look)."""
        if self.repo is not None:
            self._soon.start()

    def refresh_now(self) -> None:
        repo = self.repo
        if repo is None:
            return
        if self.busy is not None:
            return  # the command's end looks again
        self._looks.run(lambda: git_work.snapshot(repo), lambda s: self._apply_if(repo, s))

    def _apply_if(self, repo: GitRepo, snapshot: Snapshot) -> None:
        if repo is self.repo:
            self._apply(snapshot)

    def _apply(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self.window.list_model.set_git_states(snapshot.states)
        self.status_field.show_branch(snapshot.branch if self.repo is not None else None,
                                      snapshot.merging)
        self._update_actions()
        self.refreshed.emit()

    def _on_app_state(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self.refresh()

    def _on_tick(self) -> None:
        if not self.window.isActiveWindow():
            return
        if time.monotonic() - self._last_fetch > FETCH_INTERVAL_S:
            self._fetch_quietly()
        else:
            self.refresh_now()

    def _fetch_quietly(self) -> None:
        """What changed upstream, for the list's ↓ marks; a failure says nothing here
        (offline is normal for a laptop): Pull and Fetch say it."""
        repo = self.repo
        if repo is None or self.busy is not None:
            return
        self._last_fetch = time.monotonic()
        self._fetches.run(repo.fetch, lambda _r: self.refresh_now())

    # ------------------------------------------------------------------ commands
    def _run(self, what: str, name: str, work: Callable[[], Any],
             done: Callable[[Any], None]) -> bool:
        repo = self.repo
        if repo is None or self.busy is not None:
            return False
        self.busy = what
        self.status_field.show_busy(what)
        self._update_actions()

        def finish(result: Any) -> None:
            self._idle()
            if repo is self.repo:
                done(result)
            self.finished.emit(name)

        def failed(message: str) -> None:
            self._idle()
            self.ctx.dialogs.show_error("git did not finish", message)
            self.finished.emit(name)

        self._lane.run(work, finish, failed)
        return True

    def _idle(self) -> None:
        self.busy = None
        self.status_field.show_busy(None)
        self._update_actions()
        self.refresh_now()

    def commit(self) -> None:
        repo = self.repo
        if repo is None or not saved_first(self.ctx, self.window, "Commit"):
            return
        self._run("Looking at the changes…", "changes",
                  lambda: git_work.commit_candidates(repo), self._open_commit_dialog)

    def _open_commit_dialog(self, found: tuple[list[ChangedFile], str]) -> None:
        files, message = found
        if not files:
            self.ctx.status("Nothing to commit: every file of the site is committed.", 5000)
            return
        branch = self.snapshot.branch.head if self.snapshot.branch else None
        dialog = CommitDialog(files, message, branch or "", self.window)
        dialog.selection_changed.connect(self._suggest)
        dialog.accepted.connect(lambda: self._commit(dialog.checked_paths(), dialog.text()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.finished.connect(lambda _r: self._dialog_closed(dialog))
        self.commit_dialog = dialog
        dialog.open()

    def _dialog_closed(self, dialog: CommitDialog) -> None:
        if self.commit_dialog is dialog:
            self.commit_dialog = None

    def _suggest(self, paths: list[str]) -> None:
        repo, dialog = self.repo, self.commit_dialog
        if repo is None or dialog is None:
            return

        def show(message: str) -> None:
            if dialog is self.commit_dialog:
                dialog.suggest(message)

        self._suggestions.run(lambda: repo.suggest_commit_message(paths), show)

    def _commit(self, paths: list[str], message: str) -> None:
        repo = self.repo
        if repo is not None:
            self._run("Committing…", "commit", lambda: repo.commit(paths, message),
                      self._on_committed)

    def _on_committed(self, result: CommitResult) -> None:
        if result.ok:
            self.ctx.status(result.message, 6000)
        else:
            self.ctx.dialogs.show_error("Not committed", result.message)

    def pull(self) -> None:
        repo = self.repo
        if repo is None or not saved_first(self.ctx, self.window, "Pull"):
            return
        self._run("Pulling…", "pull", lambda: git_work.pull(repo), self._on_pulled)

    def _on_pulled(self, outcome: RemoteOutcome) -> None:
        result = outcome.result
        self._reload(outcome)  # before the message: the reload says its own
        if result.ok:
            n = len(outcome.changed)
            changed = f" {n} file{'s' if n != 1 else ''} changed." if n else " Already up to date."
            self.ctx.status(f"Pulled.{changed}", 6000)
        elif result.kind is RemoteKind.CONFLICT:
            self.ctx.status("The pull stopped on a conflict: " + result.message, 0)
            if outcome.homepage is not None:
                self.conflict.offer(outcome.homepage)
            else:
                self.ctx.dialogs.show_error("The pull stopped on a conflict", result.message
                                            + "\n\nResolve them in your editor, then Git ▸ "
                                            "Finish Merge (or Git ▸ Abort Merge).")
        else:
            self._remote_failed("Pull", outcome)

    def _reload(self, outcome: RemoteOutcome) -> None:
        """The watcher reloads what git changed; look now too, in case it is slow."""
        self.sync.refresh()  # the homepage: reloaded when unchanged here, merged otherwise
        if outcome.changed:
            self.sync.site_files_changed.emit(list(outcome.changed))  # the open article
            self.window.refresh_site_state()

    def push(self, set_upstream: str | None = None) -> None:
        repo = self.repo
        if repo is not None:
            self._run("Pushing…", "push", lambda: git_work.push(repo, set_upstream),
                      self._on_pushed)

    def _on_pushed(self, outcome: RemoteOutcome) -> None:
        result = outcome.result
        if result.ok:
            self.ctx.status("Pushed.", 6000)
            return
        if result.kind is RemoteKind.NO_UPSTREAM and outcome.remotes:
            remote = "origin" if "origin" in outcome.remotes else outcome.remotes[0]
            answer = QMessageBox.question(
                self.window, "Connect the Branch?",
                f"{result.message} Push it to {remote} and connect it there?",
                Button.Yes | Button.No, Button.Yes)
            if answer == Button.Yes:
                QTimer.singleShot(0, lambda: self.push(set_upstream=remote))
                return
        self._remote_failed("Push", outcome)

    def fetch(self) -> None:
        repo = self.repo
        if repo is not None:
            self._last_fetch = time.monotonic()
            self._run("Fetching…", "fetch", lambda: RemoteOutcome(repo.fetch()), self._on_fetched)

    def _on_fetched(self, outcome: RemoteOutcome) -> None:
        if outcome.result.ok:
            self.ctx.status("Fetched: the list shows what changed on the server (↓).", 6000)
        else:
            self._remote_failed("Fetch", outcome)

    def _remote_failed(self, what: str, outcome: RemoteOutcome) -> None:
        result = outcome.result
        title = {RemoteKind.NO_UPSTREAM: "No upstream branch",
                 RemoteKind.AUTH: "Authentication needed",
                 RemoteKind.OFFLINE: "Server not reachable",
                 RemoteKind.REJECTED: "The branches have diverged",
                 RemoteKind.LOCAL_CHANGES: "Uncommitted changes"}.get(result.kind,
                                                                        f"{what} failed")
        self.ctx.status(f"{what}: {result.message}", 0)
        if result.kind is RemoteKind.NO_UPSTREAM and outcome.remotes:
            return  # the author was asked whether to connect it, and said no
        details = f"\n\ngit said:\n{result.stderr.strip()[-600:]}" if result.stderr.strip() else ""
        self.ctx.dialogs.show_error(f"{what}: {title}", result.message + details)

    # ------------------------------------------------------------------ merges and setup
    def resolve_conflict(self) -> None:
        repo = self.repo
        if repo is not None:
            self._run("Reading the conflict…", "conflict",
                      lambda: git_work.homepage_conflict(repo), self.conflict.offer)

    def _finish_after_resolve(self, message: str) -> None:
        self.ctx.status(message, 6000)
        self.sync.refresh()
        QTimer.singleShot(0, self.finish_merge)

    def finish_merge(self) -> None:
        repo = self.repo
        if repo is not None:
            self._run("Finishing the merge…", "finish", repo.finish_merge, self._on_merge_done)

    def abort_merge(self) -> None:
        repo = self.repo
        if repo is None:
            return
        answer = QMessageBox.question(
            self.window, "Abort the Merge?",
            "Undo the pull that stopped on a conflict? Your commits and files go back to how "
            "they were before it.", Button.Yes | Button.No, Button.No)
        if answer == Button.Yes:
            self._run("Aborting the merge…", "abort", repo.abort_merge, self._on_merge_done)

    def _on_merge_done(self, result: CommitResult) -> None:
        self.sync.refresh()
        self.window.refresh_site_state()
        if result.ok:
            self.ctx.status(result.message, 6000)
        else:
            self.ctx.dialogs.show_error("The merge is not finished", result.message)

    def set_up(self, *, ask: bool) -> None:
        repo = self.repo
        if repo is None:
            return
        if ask and QMessageBox.question(self.window, "Set Up Git Merging?", SETUP_QUESTION,
                                        Button.Yes | Button.No, Button.Yes) != Button.Yes:
            return
        self._run("Setting up…", "setup", lambda: repo.set_up(commit=True), self._on_set_up)

    def _on_set_up(self, result: SetupResult) -> None:
        if result.ok:
            self.ctx.status(result.message, 8000)
        else:
            self.ctx.dialogs.show_error("Merge drivers not set up", result.message)
