"""BlogEditor's data files: the demo site, preview stylesheets, icons and spelling word lists.

Installed as the package ``blogeditor.resources`` (see setup.py); read them through
``blogeditor.core.storage.resources``, never by a path relative to a source file.
"""
