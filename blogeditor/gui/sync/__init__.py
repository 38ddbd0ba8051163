"""Keeping the window in step with the disk: the watcher, merges and conflicts."""
