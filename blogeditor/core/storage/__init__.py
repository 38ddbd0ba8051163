"""Files on disk: the one locked, atomic save, backups, locks, user folders, watching."""
