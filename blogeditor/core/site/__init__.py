"""The Hugo site: its folders and config, its pages as Hugo lists them, the site index and checks."""
