"""The window's git: per-post states in the list, the branch in the status bar, Commit…,
Pull and Push off the GUI thread, and the merge drivers' setup (``core/git`` does the work)."""
