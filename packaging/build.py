"""Build BlogEditor's installer for the platform this runs on (`make package`).

Linux: PyInstaller onedir bundle -> dist/blogeditor_<version>_<arch>.deb (dpkg-deb) and
dist/blogeditor-<version>-linux-<machine>.tar.gz of the same tree. `Depends:` is computed
from `ldd` over every ELF file in the bundle (each system library mapped to its Debian
package with `dpkg -S`), plus the spell-checking packages the app loads at run time.
The highest GLIBC_ symbol version the bundle needs is printed and recorded in
dist/package-report.json (read by bench/bench_package.py).

Windows and macOS: the PyInstaller bundle plus the icon files; the installers themselves
are made by packaging/windows/blogeditor.iss and packaging/macos/build_dmg.sh (see the CI
workflow .github/workflows/package.yml).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import struct
import subprocess
import sys
import tarfile
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGING = REPO / "packaging"
BUILD = REPO / "build"
DIST = REPO / "dist"
APP_ID = "org.blogeditor.BlogEditor"
ICON_SVG = REPO / "resources" / "icons" / "blogeditor.svg"
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
# Loaded with dlopen at run time, so ldd cannot see them.
RUNTIME_DEPENDS = ("libenchant-2-2", "hunspell-en-us | hunspell-dictionary-en")
# Never a dependency: provided by the bundle or by every system.
IGNORED_LIBS = ("linux-vdso.so", "ld-linux")
# Packages of libraries the build machine may lack (Qt's Wayland plugin needs them; a headless
# build box rarely has them): used only when `dpkg -S` cannot be asked because ldd found nothing.
KNOWN_PACKAGES = {
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-cursor.so.0": "libxcb-cursor0",
}


def version() -> str:
    """The one place the version lives: pyproject.toml."""
    with (REPO / "pyproject.toml").open("rb") as handle:
        return str(tomllib.load(handle)["project"]["version"])


def log(message: str) -> None:
    print(f"[package] {message}", flush=True)


# --------------------------------------------------------------------------- icons


def render_icons(out: Path) -> dict[int, Path]:
    """PNG renderings of the SVG icon at the standard sizes (Qt, offscreen)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(ICON_SVG))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {ICON_SVG}")
    out.mkdir(parents=True, exist_ok=True)
    pngs: dict[int, Path] = {}
    for size in (*ICON_SIZES, 1024):
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        path = out / f"blogeditor-{size}.png"
        if not image.save(str(path), "PNG"):
            raise SystemExit(f"cannot write {path}")
        pngs[size] = path
    del app
    return pngs


def write_ico(pngs: dict[int, Path], path: Path) -> None:
    """A Windows .ico holding PNG images (supported since Vista)."""
    sizes = [s for s in (16, 24, 32, 48, 64, 128, 256) if s in pngs]
    blobs = [pngs[s].read_bytes() for s in sizes]
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    entries = b""
    for size, blob in zip(sizes, blobs, strict=True):
        dim = 0 if size >= 256 else size  # 0 means 256 in the ICO directory
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset)
        offset += len(blob)
    path.write_bytes(header + entries + b"".join(blobs))


def write_icns(pngs: dict[int, Path], path: Path) -> None:
    """A macOS .icns holding PNG images."""
    kinds = {16: b"icp4", 32: b"icp5", 64: b"icp6", 128: b"ic07", 256: b"ic08", 512: b"ic09",
             1024: b"ic10"}
    body = b""
    for size, kind in kinds.items():
        blob = pngs[size].read_bytes()
        body += kind + struct.pack(">I", len(blob) + 8) + blob
    path.write_bytes(b"icns" + struct.pack(">I", len(body) + 8) + body)


# --------------------------------------------------------------------------- bundle


def run_pyinstaller(app_version: str) -> Path:
    env = dict(os.environ, BLOGEDITOR_VERSION=app_version, PYTHONDONTWRITEBYTECODE="1")
    command = [
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level=WARN",
        "--distpath", str(BUILD / "pyinstaller-dist"), "--workpath", str(BUILD / "pyinstaller"),
        str(PACKAGING / "blogeditor.spec"),
    ]
    log("running PyInstaller (takes a few minutes)")
    subprocess.run(command, cwd=REPO, env=env, check=True)
    bundle = BUILD / "pyinstaller-dist" / "blogeditor"
    if not (bundle / exe_name()).exists():
        raise SystemExit(f"PyInstaller did not produce {bundle / exe_name()}")
    return bundle


def exe_name() -> str:
    return "blogeditor.exe" if sys.platform == "win32" else "blogeditor"


# --------------------------------------------------------------------------- ELF analysis


def is_elf(path: Path) -> bool:
    if not path.is_file() or path.is_symlink():
        return False
    with path.open("rb") as handle:
        return handle.read(4) == b"\x7fELF"


def elf_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if is_elf(p))


def ldd(path: Path) -> dict[str, str | None]:
    """soname -> resolved path (None when ldd says "not found")."""
    result = subprocess.run(["ldd", str(path)], capture_output=True, text=True, check=False)
    found: dict[str, str | None] = {}
    for line in result.stdout.splitlines():
        line = line.strip()
        if "=>" in line:
            name, _, rest = line.partition("=>")
            rest = rest.strip()
            found[name.strip()] = None if rest.startswith("not found") else rest.split(" (")[0]
    return found


def needed(path: Path) -> set[str]:
    """The sonames a file links against directly (DT_NEEDED), not its dependencies' ones."""
    result = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True,
                            check=False)
    return {line.split()[1] for line in result.stdout.splitlines()
            if line.strip().startswith("NEEDED")}


def system_libraries(bundle: Path) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """(system library path -> users, missing soname -> users) over the bundle's ELF files.

    A library that the bundle itself ships (same soname anywhere inside it) is never
    counted as missing: ldd of a plugin does not always see the bundle's own folders.
    """
    files = elf_files(bundle)
    shipped = {p.name for p in files}
    system: dict[str, set[str]] = {}
    missing: dict[str, set[str]] = {}
    for path in files:
        user = str(path.relative_to(bundle))
        direct = needed(path)
        for soname, resolved in ldd(path).items():
            # Only direct needs: their own dependencies are their packages' business.
            if soname not in direct or soname.startswith(IGNORED_LIBS) or soname in shipped:
                continue
            if resolved is None:
                missing.setdefault(soname, set()).add(user)
            elif not Path(resolved).resolve().is_relative_to(bundle.resolve()):
                system.setdefault(resolved, set()).add(user)
    return system, missing


def _path_variants(library: str) -> list[str]:
    variants = [library, str(Path(library).resolve())]
    for path in list(variants):
        if path.startswith("/usr/lib/"):
            variants.append(path[len("/usr"):])  # usr-merge: dpkg may know the /lib path
        elif path.startswith("/lib/"):
            variants.append("/usr" + path)
    return list(dict.fromkeys(variants))


def debian_packages(libraries: list[str]) -> dict[str, str | None]:
    """The Debian package owning each library file, with one `dpkg -S` call for them all."""
    variants = {lib: _path_variants(lib) for lib in libraries}
    paths = sorted({v for vs in variants.values() for v in vs})
    owners: dict[str, str] = {}
    if paths:
        # dpkg -S exits 1 when any path is unknown; the known ones are still printed.
        result = subprocess.run(["dpkg", "-S", *paths], capture_output=True, text=True,
                                check=False)
        for line in result.stdout.splitlines():
            package, sep, path = line.partition(": ")
            if sep and not package.startswith("diversion by"):
                owners[path.strip()] = package.split(",")[0].split(":")[0].strip()
    return {lib: next((owners[v] for v in vs if v in owners), None)
            for lib, vs in variants.items()}


def debian_package(library: str) -> str | None:
    return debian_packages([library])[library]


def max_glibc(files: list[Path]) -> str:
    """Highest GLIBC_x.y symbol version any file in the bundle needs."""
    best = (0, 0)
    for path in files:
        result = subprocess.run(["objdump", "-T", str(path)], capture_output=True, text=True,
                                check=False)
        for match in re.finditer(r"GLIBC_(\d+)\.(\d+)", result.stdout):
            best = max(best, (int(match.group(1)), int(match.group(2))))
    return f"{best[0]}.{best[1]}"


def compute_depends(bundle: Path, glibc: str) -> tuple[list[str], dict[str, str]]:
    system, missing = system_libraries(bundle)
    known = {KNOWN_PACKAGES[name] for name in missing if name in KNOWN_PACKAGES}
    for name in [name for name in missing if name in KNOWN_PACKAGES]:
        log(f"{name} is not on this build machine; depending on {KNOWN_PACKAGES[name]}")
        del missing[name]
    if missing:
        # A "not found" library would crash the installed app on some machine: find its package
        # here, or fail the build rather than ship an incomplete Depends.
        for soname, users in sorted(missing.items()):
            log(f"NOT FOUND on this build machine: {soname} (needed by {', '.join(sorted(users))})")
        raise SystemExit("install the libraries above (scripts/system-deps.sh) and build again")
    packages: dict[str, str] = {}
    unowned: list[str] = []
    for library, package in sorted(debian_packages(sorted(system)).items()):
        if package is None:
            unowned.append(library)
        else:
            packages.setdefault(package, library)
    if unowned:
        raise SystemExit(f"no Debian package owns: {', '.join(unowned)}")
    depends = sorted((set(packages) | known) - {"libc6"})
    return [f"libc6 (>= {glibc})", *depends, *RUNTIME_DEPENDS], packages


# --------------------------------------------------------------------------- Linux packages


def stage_linux_tree(bundle: Path, pngs: dict[int, Path], app_version: str) -> Path:
    root = BUILD / "deb-root"
    if root.exists():
        shutil.rmtree(root)
    opt = root / "opt" / "blogeditor"
    shutil.copytree(bundle, opt, symlinks=True)
    # PyInstaller keeps symlinks to libraries the spec filtered out (system or unused Qt ones);
    # a package must not ship links to nothing.
    for link in sorted(p for p in opt.rglob("*") if p.is_symlink() and not p.exists()):
        log(f"dropping a dangling symlink: {link.relative_to(opt)} -> {os.readlink(link)}")
        link.unlink()
    bin_dir = root / "usr" / "bin"
    bin_dir.mkdir(parents=True)
    # A wrapper, not a symlink: the bundle finds its libraries next to its real executable.
    wrapper = bin_dir / "blogeditor"
    wrapper.write_text('#!/bin/sh\nexec /opt/blogeditor/blogeditor "$@"\n', encoding="utf-8")
    share = root / "usr" / "share"
    (share / "applications").mkdir(parents=True)
    shutil.copy(PACKAGING / "linux" / "blogeditor.desktop", share / "applications")
    for size in ICON_SIZES:
        target = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        target.mkdir(parents=True)
        shutil.copy(pngs[size], target / "blogeditor.png")
    scalable = share / "icons" / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True)
    shutil.copy(ICON_SVG, scalable / "blogeditor.svg")
    (share / "metainfo").mkdir(parents=True)
    metainfo = (PACKAGING / "linux" / f"{APP_ID}.metainfo.xml").read_text(encoding="utf-8")
    metainfo = metainfo.replace("@VERSION@", app_version).replace(
        "@DATE@", dt.date.today().isoformat()
    )
    (share / "metainfo" / f"{APP_ID}.metainfo.xml").write_text(metainfo, encoding="utf-8")
    doc = share / "doc" / "blogeditor"
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(
        "BlogEditor\nLicense: MIT\n\nThe bundle under /opt/blogeditor includes Qt (LGPL-3.0) via\n"
        "PySide6, and Python (PSF License).\n",
        encoding="utf-8",
    )
    # Nothing in the package is writable at run time: read-only files, no group/other write.
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        if path.is_dir() or path == wrapper or (os.access(path, os.X_OK) and is_elf(path)):
            path.chmod(0o755)
        else:
            path.chmod(0o644)
    (opt / "blogeditor").chmod(0o755)
    return root


def tree_size(root: Path) -> int:
    return sum(p.lstat().st_size for p in root.rglob("*") if p.is_file() or p.is_symlink())


def build_deb(root: Path, app_version: str, depends: list[str]) -> Path:
    arch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True,
                          check=True).stdout.strip()
    debian = root / "DEBIAN"
    debian.mkdir()
    control = (
        "Package: blogeditor\n"
        f"Version: {app_version}\n"
        "Section: editors\n"
        "Priority: optional\n"
        f"Architecture: {arch}\n"
        f"Installed-Size: {tree_size(root) // 1024}\n"
        f"Depends: {', '.join(depends)}\n"

        "Maintainer: BlogEditor authors <blogeditor@example.org>\n"
        "Description: desktop editor for the homepage and posts of a Hugo blog\n"
        " BlogEditor shows a Hugo blog's homepage of teasers as a list: add, hide, show,\n"
        " reorder and remove teasers, edit them with a live preview and spell-checking,\n"
        " and save the homepage back exactly as an author would have typed it.\n"
    )
    (debian / "control").write_text(control, encoding="utf-8")
    # Refresh the icon cache and desktop database when the tools are there; never fail on it.
    hook = (
        "#!/bin/sh\nset -e\n"
        "if command -v gtk-update-icon-cache >/dev/null 2>&1; then\n"
        "  gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true\nfi\n"
        "if command -v update-desktop-database >/dev/null 2>&1; then\n"
        "  update-desktop-database -q /usr/share/applications || true\nfi\n"
    )
    # dpkg removes every folder of the package that is left empty, /opt included when no other
    # package put anything there; /opt is the system's, so it is made again.
    keep_opt = 'if [ "$1" = remove ] || [ "$1" = purge ]; then\n  [ -d /opt ] || mkdir -m 0755 /opt\nfi\n'
    for name, text in (("postinst", hook), ("postrm", hook + keep_opt)):
        (debian / name).write_text(text, encoding="utf-8")
        (debian / name).chmod(0o755)
    debian.chmod(0o755)
    (debian / "control").chmod(0o644)
    DIST.mkdir(exist_ok=True)
    deb = DIST / f"blogeditor_{app_version}_{arch}.deb"
    log(f"writing {deb.relative_to(REPO)}")
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zgzip", "--build", str(root), str(deb)],
                   check=True, stdout=subprocess.DEVNULL)
    shutil.rmtree(debian)
    return deb


def build_tarball(root: Path, app_version: str) -> Path:
    tarball = DIST / f"blogeditor-{app_version}-linux-{platform.machine()}.tar.gz"
    log(f"writing {tarball.relative_to(REPO)}")

    def owned_by_root(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        return info

    with tarfile.open(tarball, "w:gz", compresslevel=6) as archive:
        for child in sorted(root.iterdir()):
            archive.add(child, arcname=child.name, filter=owned_by_root)
    return tarball


def package_linux(bundle: Path, pngs: dict[int, Path], app_version: str) -> dict[str, object]:
    files = elf_files(bundle)
    glibc = max_glibc(files)
    log(f"highest glibc symbol version needed: GLIBC_{glibc}")
    depends, owners = compute_depends(bundle, glibc)
    log("Depends: " + ", ".join(depends))
    root = stage_linux_tree(bundle, pngs, app_version)
    size = tree_size(root)
    deb = build_deb(root, app_version, depends)
    tarball = build_tarball(root, app_version)
    report = {
        "version": app_version,
        "deb": deb.name,
        "tarball": tarball.name,
        "installed_bytes": size,
        "glibc": glibc,
        "depends": depends,
        "library_owners": owners,
        "elf_files": len(files),
    }
    log(f"installed size: {size / 1e6:.1f} MB; .deb {deb.stat().st_size / 1e6:.1f} MB")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuse-bundle", action="store_true",
                        help="skip PyInstaller and package the existing build/ bundle")
    args = parser.parse_args(argv)
    app_version = version()
    log(f"BlogEditor {app_version} for {sys.platform}")
    pngs = render_icons(BUILD / "icons")
    write_ico(pngs, BUILD / "icons" / "blogeditor.ico")
    write_icns(pngs, BUILD / "icons" / "blogeditor.icns")
    bundle = BUILD / "pyinstaller-dist" / "blogeditor"
    if not (args.reuse_bundle and (bundle / exe_name()).exists()):
        bundle = run_pyinstaller(app_version)
    if sys.platform.startswith("linux"):
        report = package_linux(bundle, pngs, app_version)
        DIST.mkdir(exist_ok=True)
        (DIST / "package-report.json").write_text(json.dumps(report, indent=2) + "\n",
                                                  encoding="utf-8")
    else:
        log(f"bundle ready in {bundle}; make the installer with packaging/windows or "
            "packaging/macos (see .github/workflows/package.yml)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
