"""Running the author's ``git``: never waiting for a password, never hanging, never raising.

Every call gets ``GIT_TERMINAL_PROMPT=0`` and, unless the author chose an SSH command of their
own, an SSH in batch mode, so a missing credential is an error message instead of a prompt
nobody sees. Messages are asked for in English (``LC_ALL=C``) because the remote operations
are classified from them.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

DEFAULT_TIMEOUT = 60.0
# Exit codes that are not git's: the command could not run at all, or ran too long.
NOT_FOUND = 127
TIMED_OUT = 124


@dataclass(frozen=True)
class GitOutput:
    """What one git command answered. ``stdout`` is bytes: porcelain -z output is NUL-split."""

    args: tuple[str, ...]
    returncode: int
    stdout: bytes
    stderr: str

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    @property
    def text(self) -> str:
        return self.stdout.decode("utf-8", errors="replace")

    @property
    def timed_out(self) -> bool:
        return self.returncode == TIMED_OUT and "timed out" in self.stderr

    @property
    def message(self) -> str:
        """git's own explanation, for a person: stderr, else stdout, trimmed."""
        return (self.stderr.strip() or self.text.strip())[-2000:]


def git_env(base: Mapping[str, str] | None = None, *, ssh_configured: bool = False) -> dict[str, str]:
    """The environment for git: the author's, made non-interactive."""
    env = dict(os.environ if base is None else base)
    env["GIT_TERMINAL_PROMPT"] = "0"
    env["LC_ALL"] = "C"
    env.pop("LANGUAGE", None)
    # GIT_SSH_COMMAND would override the author's core.sshCommand or GIT_SSH: only set it
    # when they have none (their own command may well be batch-safe already, e.g. a key agent).
    if not ssh_configured and not env.get("GIT_SSH_COMMAND") and not env.get("GIT_SSH"):
        env["GIT_SSH_COMMAND"] = "ssh -o BatchMode=yes"
    return env


def run_git(
    args: Sequence[str],
    cwd: Path | str,
    *,
    input: bytes | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    env: Mapping[str, str] | None = None,
) -> GitOutput:
    """Run ``git ARGS`` in ``cwd``. A missing git or a timeout is an answer, not an exception."""
    full = ("git", *args)
    try:
        # A session of its own so a timeout can end git and what it started (ssh, hooks):
        # a grandchild holding the pipes open would otherwise keep us waiting.
        proc = subprocess.Popen(
            full, cwd=cwd, stdin=subprocess.PIPE if input is not None else subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env=dict(env) if env is not None else git_env(), start_new_session=os.name == "posix",
        )
    except FileNotFoundError:
        return GitOutput(full, NOT_FOUND, b"", "git is not installed (no 'git' command on PATH)")
    except NotADirectoryError:
        return GitOutput(full, NOT_FOUND, b"", f"{cwd} is not a folder")
    except OSError as exc:
        return GitOutput(full, NOT_FOUND, b"", f"git could not be run: {exc.strerror}")
    try:
        out, err = proc.communicate(input, timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill(proc)
        return GitOutput(full, TIMED_OUT, b"",
                         f"git {' '.join(args[:1])} timed out after {timeout:.0f} s")
    return GitOutput(full, proc.returncode, out, err.decode("utf-8", errors="replace"))


def _kill(proc: subprocess.Popen[bytes]) -> None:
    try:
        if os.name == "posix":
            os.killpg(proc.pid, signal.SIGKILL)
        else:
            proc.kill()
    except OSError:
        pass
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.communicate(timeout=5)


class Git:
    """git in one work tree, with the environment worked out once (it asks git's config)."""

    def __init__(self, cwd: Path, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.cwd = cwd
        self.timeout = timeout
        probe = run_git(["config", "--get", "core.sshCommand"], cwd, timeout=10)
        self.env = git_env(ssh_configured=bool(probe.text.strip()))
        # A merge that succeeds must never wait in an editor for its message.
        self.env["GIT_MERGE_AUTOEDIT"] = "no"

    def __call__(self, *args: str, input: bytes | None = None,
                 timeout: float | None = None) -> GitOutput:
        return run_git(args, self.cwd, input=input, env=self.env,
                       timeout=self.timeout if timeout is None else timeout)


def git_available() -> bool:
    return run_git(["--version"], ".", timeout=10).ok
