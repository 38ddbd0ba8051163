"""The live preview: the browser widget, its render controller and the pane."""
