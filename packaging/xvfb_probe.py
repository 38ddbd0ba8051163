"""Start a program under its own Xvfb server and time until its window is on screen.

Used by packaging/smoke-test.sh and bench/bench_package.py. Offscreen runs hide a missing
xcb library or plugin; a real X server (Xvfb, xcb platform plugin) does not.

    python3 packaging/xvfb_probe.py [--timeout S] [--name SUBSTRING] -- COMMAND ARGS...

prints `time_to_window_s=<seconds>` and `window=<xwininfo line>` and exits 0 when a viewable
top-level window whose title or class contains SUBSTRING (case-insensitive) appeared; exits 1 with the
program's output otherwise. Needs Xvfb and xwininfo (x11-utils). Standard library only, so
that it runs with any Python 3.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

# xwininfo -tree line: 0x400007 "BlogEditor": ("blogeditor" "blogeditor")  1000x700+0+0  +0+0
_LINE = re.compile(r'^\s*(0x[0-9a-f]+) "(?P<name>[^"]*)".*?\s(?P<w>\d+)x(?P<h>\d+)[+-]', re.I)


@dataclass
class ProbeResult:
    seconds: float | None  # None: no window within the timeout
    window: str
    output: str


def tools_missing() -> list[str]:
    return [tool for tool in ("Xvfb", "xwininfo") if shutil.which(tool) is None]


def _start_xvfb(workdir: Path) -> tuple[subprocess.Popen[bytes], str]:
    # -displayfd lets the server pick a free display: several engineers share this machine.
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=(workdir / "xvfb.log").open("wb"),
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        number = pipe.readline().strip()
    if not number:
        server.kill()
        raise RuntimeError("Xvfb did not start: " + (workdir / "xvfb.log").read_text())
    return server, f":{number}"


def _windows(display: str) -> list[tuple[str, str, int, int, str]]:
    result = subprocess.run(["xwininfo", "-root", "-tree", "-display", display],
                            capture_output=True, text=True, check=False)
    found = []
    for line in result.stdout.splitlines():
        match = _LINE.match(line)
        if match:
            found.append((match.group(1), match.group("name"), int(match.group("w")),
                          int(match.group("h")), line.strip()))
    return found


def _viewable(display: str, window_id: str) -> bool:
    result = subprocess.run(["xwininfo", "-id", window_id, "-display", display],
                            capture_output=True, text=True, check=False)
    return "IsViewable" in result.stdout


def time_to_window(command: list[str], *, name: str = "blogeditor", timeout: float = 30.0,
                   env: dict[str, str] | None = None) -> ProbeResult:
    """Seconds from starting `command` until a viewable window named like `name` exists."""
    with tempfile.TemporaryDirectory(prefix="blogeditor-xvfb-") as tmp:
        workdir = Path(tmp)
        server, display = _start_xvfb(workdir)
        log = (workdir / "app.log").open("wb")
        app: subprocess.Popen[bytes] | None = None
        try:
            app_env = dict(os.environ if env is None else env)
            app_env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
            app_env.pop("WAYLAND_DISPLAY", None)
            started = time.monotonic()
            app = subprocess.Popen(command, env=app_env, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)
            while time.monotonic() - started < timeout:
                for window_id, _title, width, height, line in _windows(display):
                    # Qt also makes 1x1 helper windows; the real one has a size and is mapped.
                    # Matched on the title or the WM_CLASS (the executable's name).
                    if (name.lower() in line.lower() and width >= 100 and height >= 100
                            and _viewable(display, window_id)):
                        return ProbeResult(time.monotonic() - started, line, "")
                if app.poll() is not None:
                    break
                time.sleep(0.02)
            log.flush()
            return ProbeResult(None, "", (workdir / "app.log").read_text(errors="replace"))
        finally:
            if app is not None and app.poll() is None:
                os.killpg(app.pid, signal.SIGTERM)
                try:
                    app.wait(5)
                except subprocess.TimeoutExpired:
                    os.killpg(app.pid, signal.SIGKILL)
                    app.wait()
            log.close()
            server.terminate()
            server.wait(5)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--name", default="blogeditor")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command given")
    if missing := tools_missing():
        print(f"missing tools: {', '.join(missing)} (apt-get install xvfb x11-utils)",
              file=sys.stderr)
        return 2
    result = time_to_window(command, name=args.name, timeout=args.timeout)
    if result.seconds is None:
        print(f"no window named like {args.name!r} within {args.timeout:.0f} s; output:",
              file=sys.stderr)
        print(result.output, file=sys.stderr)
        return 1
    print(f"time_to_window_s={result.seconds:.3f}")
    print(f"window={result.window}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
