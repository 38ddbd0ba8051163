"""The main window's frame: menus and actions, the site's lifecycle, closing, status bar, theme."""
