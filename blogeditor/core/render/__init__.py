"""Markdown to HTML for the preview, as Hugo's Goldmark renders it."""
