"""BlogEditor: a desktop editor for the homepage and posts of a Hugo blog."""

from __future__ import annotations


def version() -> str:
    """The installed version, read from the package metadata that pyproject.toml produced.

    Looked up on demand: importlib.metadata costs more at start-up than the command line
    spends on the rest of a ``blogeditor posts``.
    """
    from importlib import metadata

    try:
        return metadata.version("blogeditor")
    except metadata.PackageNotFoundError:  # a source tree that was never installed
        return "0.0.0+unknown"


def __getattr__(name: str) -> str:
    if name == "__version__":
        return version()
    raise AttributeError(name)
