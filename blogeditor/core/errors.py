"""Refusals the core reports to its callers.

Every message is one line an author can act on; the command line prints it on stderr,
the window shows it in the status bar or a message box. Nothing here knows how it is shown.
"""

from __future__ import annotations


class BlogEditorError(Exception):
    """Something the author asked for cannot be done; the message says why."""


class HomepageFormatError(BlogEditorError):
    """The homepage file cannot be read as a list of teasers (or an edit would break it)."""


class SiteError(BlogEditorError):
    """The path is not a Hugo site, or a site file is missing or unreadable."""


class ArticleError(BlogEditorError):
    """An article file cannot be read or edited (malformed front matter, bad encoding)."""


class StorageError(BlogEditorError):
    """A file could not be written; nothing was lost."""
