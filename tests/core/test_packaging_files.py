"""Light checks of the packaging files: they parse, and the build's helpers do what they say.

The PyInstaller build itself is far too slow for the suite; `make smoke` exercises it.
"""

from __future__ import annotations

import ast
import configparser
import importlib.util
import os
import shutil
import struct
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
PACKAGING = REPO / "packaging"
PNG = b"\x89PNG\r\n\x1a\n"


def _build_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("packaging_build", PACKAGING / "build.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _spec_helpers(platform: str = "linux") -> dict[str, Any]:
    """The spec's filtering helpers, without running PyInstaller's Analysis."""
    tree = ast.parse((PACKAGING / "blogeditor.spec").read_text(encoding="utf-8"))
    wanted = {"KEEP_PLUGINS", "DROP_LIB_PREFIXES", "UNUSED_QT", "EXCLUDES"}
    body = [
        node for node in tree.body
        if isinstance(node, ast.FunctionDef)
        or (isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id in wanted for t in node.targets))
    ]
    namespace: dict[str, Any] = {
        "Path": Path, "IS_WIN": platform == "win32", "IS_MAC": platform == "darwin",
    }
    exec(compile(ast.Module(body=body, type_ignores=[]), "blogeditor.spec", "exec"), namespace)
    return namespace


def test_version_comes_from_pyproject() -> None:
    with (REPO / "pyproject.toml").open("rb") as handle:
        expected = tomllib.load(handle)["project"]["version"]
    assert _build_module().version() == expected


def test_spec_keeps_the_plugins_a_widgets_app_needs_on_linux() -> None:
    keep = _spec_helpers()["keep_binary"]
    plugins = "PySide6/Qt/plugins"
    for needed in ("platforms/libqxcb.so", "platforms/libqoffscreen.so",
                   "platforms/libqwayland.so", "imageformats/libqjpeg.so",
                   "imageformats/libqwebp.so", "iconengines/libqsvgicon.so",
                   "xcbglintegrations/libqxcb-egl-integration.so",
                   "platforminputcontexts/libcomposeplatforminputcontextplugin.so",
                   "platformthemes/libqxdgdesktopportal.so"):
        assert keep(f"{plugins}/{needed}"), needed
    assert keep("PySide6/Qt/lib/libQt6Widgets.so.6")
    assert keep("PySide6/Qt/lib/libQt6XcbQpa.so.6")


def test_spec_drops_qml_webengine_and_friends() -> None:
    keep = _spec_helpers()["keep_binary"]
    for unwanted in ("PySide6/Qt/plugins/platforms/libqeglfs.so",
                     "PySide6/Qt/plugins/imageformats/libqpdf.so",
                     "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
                     "PySide6/Qt/plugins/qmltooling/libqmldbg_tcp.so",
                     "PySide6/Qt/plugins/sqldrivers/libqsqlite.so",
                     "PySide6/Qt/lib/libQt6Quick.so.6", "PySide6/Qt/lib/libQt6Qml.so.6",
                     "PySide6/Qt/lib/libQt6Pdf.so.6", "libenchant-2.so.2",
                     "PySide6/Qt/plugins/platformthemes/libqgtk3.so"):
        assert not keep(unwanted), unwanted
    excludes = _spec_helpers()["EXCLUDES"]
    for module in ("QtWebEngineCore", "QtQml", "QtQuick", "Qt3DCore", "QtMultimedia"):
        assert f"PySide6.{module}" in excludes


def test_spec_recognises_mac_frameworks_and_windows_dlls() -> None:
    mac = _spec_helpers("darwin")["keep_binary"]
    assert not mac("PySide6/Qt/lib/QtQuick.framework/Versions/A/QtQuick")
    assert mac("PySide6/Qt/lib/QtWidgets.framework/Versions/A/QtWidgets")
    assert mac("PySide6/Qt/plugins/platforms/libqcocoa.dylib")
    win = _spec_helpers("win32")["keep_binary"]
    assert win("PySide6/plugins/platforms/qwindows.dll")
    assert not win("PySide6/Qt6Qml.dll")
    assert win("enchant/data/mingw64/bin/libenchant-2.dll")


def test_desktop_entry_is_well_formed() -> None:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(PACKAGING / "linux" / "blogeditor.desktop", encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Exec"].split()[0] == "blogeditor"
    assert entry["Icon"] == "blogeditor"
    assert entry["Categories"].endswith(";") and entry["MimeType"].endswith(";")


def test_appstream_metadata_is_valid(tmp_path: Path) -> None:
    build = _build_module()
    text = (PACKAGING / "linux" / f"{build.APP_ID}.metainfo.xml").read_text(encoding="utf-8")
    text = text.replace("@VERSION@", build.version()).replace("@DATE@", "2026-11-26")
    root = ET.fromstring(text)
    assert root.findtext("id") == build.APP_ID
    assert root.findtext("launchable") == "blogeditor.desktop"
    assert root.find("releases/release").get("version") == build.version()  # type: ignore[union-attr]
    if shutil.which("appstreamcli"):
        path = tmp_path / f"{build.APP_ID}.metainfo.xml"
        path.write_text(text, encoding="utf-8")
        result = subprocess.run(["appstreamcli", "validate", "--no-net", str(path)],
                                capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stdout


def test_ico_and_icns_index_their_images(tmp_path: Path) -> None:
    build = _build_module()
    pngs = {}
    for size in (16, 24, 32, 48, 64, 128, 256, 512, 1024):
        path = tmp_path / f"{size}.png"
        path.write_bytes(PNG + bytes([size % 251]) * size)
        pngs[size] = path
    ico = tmp_path / "a.ico"
    build.write_ico(pngs, ico)
    data = ico.read_bytes()
    _, kind, count = struct.unpack_from("<HHH", data)
    assert (kind, count) == (1, 7)
    for i in range(count):
        width, _, _, _, _, _, length, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * i)
        assert data[offset:offset + 8] == PNG
        assert length == len(pngs[width or 256].read_bytes())
    icns = tmp_path / "a.icns"
    build.write_icns(pngs, icns)
    data = icns.read_bytes()
    assert data[:4] == b"icns" and struct.unpack_from(">I", data, 4)[0] == len(data)


@pytest.mark.skipif(not shutil.which("ldd") or not shutil.which("dpkg"), reason="Debian tools")
def test_dependency_scan_finds_system_and_missing_libraries(tmp_path: Path) -> None:
    import PySide6

    build = _build_module()
    plugin = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    shutil.copy(plugin, bundle)
    system, missing = build.system_libraries(bundle)
    # Qt's own library is not next to the lone plugin: exactly what the build must catch.
    assert "libQt6XcbQpa.so.6" in missing
    packages = set(build.debian_packages(sorted(system)).values())
    assert "libc6" in packages
    assert build.max_glibc(build.elf_files(bundle)).startswith("2.")


def test_shell_scripts_parse() -> None:
    for script in (PACKAGING / "smoke-test.sh", PACKAGING / "macos" / "build_dmg.sh"):
        result = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True,
                                check=False)
        assert result.returncode == 0, result.stderr


def test_inno_setup_script_installs_per_user() -> None:
    text = (PACKAGING / "windows" / "blogeditor.iss").read_text(encoding="utf-8")
    for needed in ("PrivilegesRequired=lowest", "[Icons]", "{autoprograms}", "Uninstall",
                   "[Registry]", ".md"):
        assert needed in text, needed


def test_ci_workflow_targets_windows_and_macos() -> None:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "package.yml").read_text())
    runners = {job["runs-on"] for job in workflow["jobs"].values()}
    assert {"windows-latest", "macos-latest"} <= runners


def _self_test(extra_env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    # A separate process: the core tests never import Qt themselves.
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **extra_env)
    return subprocess.run([sys.executable, "-m", "blogeditor", "--self-test"], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120, check=False)


def test_self_test_passes_from_the_source_tree() -> None:
    result = _self_test({})
    assert result.returncode == 0, result.stdout + result.stderr
    for line in ("[ ok ] qt: Qt 6.", "[ ok ] demo site:", "[ ok ] preview:", "[ ok ] spell-check:",
                 "[ ok ] watcher:", "platform plugin: offscreen", "self-test passed"):
        assert line in result.stdout, line


def test_self_test_fails_when_spell_checking_is_broken(tmp_path: Path) -> None:
    result = _self_test({"PYENCHANT_LIBRARY_PATH": str(tmp_path / "no-such-libenchant.so")})
    assert result.returncode == 1
    assert "[FAIL] spell-check" in result.stdout
    assert "self-test FAILED: spell-check" in result.stdout
