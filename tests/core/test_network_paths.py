"""Image paths that name another machine are never looked at (not even to ask if they exist)."""

from __future__ import annotations

from pathlib import Path

import pytest

from blogeditor.core.render import html_clean
from blogeditor.core.render.html_clean import resolve_image_path


@pytest.mark.parametrize("src", [
    r"\\host\share\x.png", "//host/share/x.png", "file://host/share/x.png", r"\\?\UNC\host\share\x.png",
    "\\/host/x.png",
])
def test_network_paths_are_not_touched(src: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    looked: list[Path] = []
    monkeypatch.setattr(html_clean, "_is_file", lambda p: looked.append(p) or False)
    assert resolve_image_path(src, base_dir=tmp_path) is None
    assert looked == []


def test_local_images_still_resolve(tmp_path: Path) -> None:
    (tmp_path / "x.png").write_bytes(b"\x89PNG")
    assert resolve_image_path("x.png", base_dir=tmp_path) == tmp_path / "x.png"
