"""Articles: front matter (TOML, YAML, JSON) read and written in place, new posts."""
