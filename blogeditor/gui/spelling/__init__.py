"""Spell-check in the editors: underlines, suggestions, the site vocabulary."""
