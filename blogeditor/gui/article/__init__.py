"""The Article tab: the article editor, authoring, publishing."""
