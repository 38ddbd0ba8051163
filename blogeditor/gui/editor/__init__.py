"""The teaser editor and the homepage's Qt document (undo, recovery drafts)."""
