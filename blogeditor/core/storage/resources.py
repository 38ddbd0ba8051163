"""BlogEditor's own data files (demo site, stylesheets, icons, word lists), found one way.

They are the package ``blogeditor.resources``: resources/ in the repository, mapped by
setup.py for a wheel and an editable install, and collected under the same name into the
frozen app. So a checkout, a wheel and the installers all answer through importlib.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from blogeditor.core.errors import BlogEditorError

PACKAGE = "blogeditor.resources"


def resources_dir() -> Path:
    """The folder holding the data files, as a real path (Qt and shutil need one)."""
    try:
        root = files(PACKAGE)
    except ModuleNotFoundError as exc:
        raise BlogEditorError(
            "BlogEditor's resources are missing from this installation; please reinstall it "
            "(from a checkout: pip install -e .)."
        ) from exc
    # Every way BlogEditor is installed unpacks its files; a zipped install would not be readable
    # by Qt's file loaders, so say so instead of handing out a path that does not exist.
    if not isinstance(root, Path):
        raise BlogEditorError(f"BlogEditor's resources are inside an archive ({root}); install it unzipped.")
    return root


def resource(*parts: str) -> Path:
    """One data file or folder, e.g. ``resource("icons", "save.svg")``."""
    return resources_dir().joinpath(*parts)
