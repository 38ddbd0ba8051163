"""BlogEditor: a desktop editor for the homepage and posts of a Hugo blog."""

from __future__ import annotations

from importlib import metadata

try:
    __version__ = metadata.version("blogeditor")
except metadata.PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
