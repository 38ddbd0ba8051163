"""The status bar's git field: the branch, how far it is ahead of and behind its upstream,
and a busy bar while a pull, push or commit runs."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QStatusBar, QWidget

from blogeditor.core.git.status import BranchInfo


def branch_text(branch: BranchInfo | None, merging: bool = False) -> tuple[str, str]:
    """(what the field shows, its tooltip)."""
    if branch is None:
        return "", ""
    name = branch.head or (branch.oid or "")[:7] or "no commits"
    tip = [f"Branch {name}" if branch.head else f"Detached HEAD at {name}"]
    text = name
    if branch.upstream is None:
        tip.append("Not connected to a branch on a server yet (Push connects it).")
    elif branch.upstream_gone:
        tip.append(f"Its upstream {branch.upstream} is gone on the server.")
        text += " (upstream gone)"
    else:
        marks = []
        if branch.ahead:
            marks.append(f"↑{branch.ahead}")
        if branch.behind:
            marks.append(f"↓{branch.behind}")
        text += " " + (" ".join(marks) if marks else "✓")
        tip.append(f"Tracking {branch.upstream}: "
                   f"{_commits(branch.ahead)} to push, {_commits(branch.behind)} to pull "
                   "(as of the last fetch).")
    if merging:
        text += " · merging"
        tip.append("A pull stopped on a conflict: resolve it, or Git ▸ Abort Merge.")
    return text, "\n".join(tip)


def _commits(n: int) -> str:
    return f"{n} commit{'s' if n != 1 else ''}"


class GitStatusField(QWidget):
    def __init__(self, bar: QStatusBar) -> None:
        super().__init__(bar)
        self.setObjectName("gitStatus")
        self.label = QLabel(self)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # busy: git tells no progress the window could trust
        self.progress.setFixedWidth(70)
        self.progress.setMaximumHeight(12)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self._branch_text = ""
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 0, 8, 0)
        layout.setSpacing(6)
        layout.addWidget(self.progress)
        layout.addWidget(self.label)
        bar.addPermanentWidget(self)
        self.hide()

    def show_branch(self, branch: BranchInfo | None, merging: bool = False) -> None:
        text, tip = branch_text(branch, merging)
        if self.progress.isHidden():
            self.label.setText(text)
        self._branch_text = text
        self.setToolTip(tip)
        self.setVisible(bool(text) or not self.progress.isHidden())

    def show_busy(self, what: str | None) -> None:
        """``what``: "Pulling…" while a job runs; None when it is done."""
        if what:
            self.progress.show()
            self.label.setText(what)
            self.show()
        else:
            self.progress.hide()
            self.label.setText(self._branch_text)
            self.setVisible(bool(self.label.text()))
