"""The window's commands as QActions (standard shortcuts), its menus and its toolbar."""

from __future__ import annotations

from dataclasses import dataclass, fields

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar, QWidget

from blogeditor.gui import icons

Key = QKeySequence.StandardKey


@dataclass
class Actions:
    open_site: QAction
    open_demo: QAction
    save: QAction
    revert: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    show_hidden: QAction
    new_post: QAction
    toggle_hidden: QAction
    move_up: QAction
    move_down: QAction
    move_top: QAction
    remove: QAction
    about: QAction

    def all(self) -> list[QAction]:
        return [getattr(self, f.name) for f in fields(self)]

    def refresh_icons(self) -> None:
        for action in self.all():
            name = action.property("iconName")
            if name:
                action.setIcon(icons.icon(str(name)))


def _action(
    parent: QWidget,
    text: str,
    *,
    icon: str | None = None,
    shortcut: QKeySequence.StandardKey | str | list[QKeySequence] | None = None,
    tip: str | None = None,
    checkable: bool = False,
) -> QAction:
    action = QAction(text, parent)
    if icon:
        action.setProperty("iconName", icon)
        action.setIcon(icons.icon(icon))
    if isinstance(shortcut, (list, QKeySequence.StandardKey)):
        action.setShortcuts(shortcut)
    elif shortcut:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(_tooltip(text, action))
    action.setCheckable(checkable)
    return action


def _tooltip(text: str, action: QAction) -> str:
    label = text.replace("&", "").rstrip("…")
    keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    return f"{label} ({keys})" if keys else label


def create_actions(window: QMainWindow) -> Actions:
    a = Actions(
        open_site=_action(window, "&Open Site…", icon="open", shortcut=Key.Open,
                          tip="Open the folder of a Hugo site"),
        open_demo=_action(window, "Open &Demo Site", icon="demo",
                          tip="Open the demo site that comes with BlogEditor"),
        save=_action(window, "&Save", icon="save", shortcut=Key.Save,
                     tip="Save the homepage"),
        revert=_action(window, "Re&vert to Saved", icon="revert",
                       tip="Throw away the changes since the last save"),
        quit=_action(window, "&Quit", icon="quit", shortcut=Key.Quit, tip="Quit BlogEditor"),
        undo=_action(window, "&Undo", icon="undo", shortcut=Key.Undo),
        redo=_action(window, "&Redo", icon="redo", shortcut=Key.Redo),
        show_hidden=_action(window, "Show &Hidden Posts", checkable=True, shortcut="Ctrl+Shift+H",
                            tip="List hidden teasers too, or only those visible on the homepage"),
        new_post=_action(window, "&New Post…", icon="new-post", shortcut=Key.New,
                         tip="Create an article and its hidden teaser at the top"),
        toggle_hidden=_action(window, "&Hide", icon="hidden", shortcut="Ctrl+H",
                              tip="Hide the selected post on the homepage, or show it again"),
        move_up=_action(window, "Move &Up", icon="move-up", shortcut="Ctrl+Shift+Up",
                        tip="Move the selected post one place up"),
        move_down=_action(window, "Move &Down", icon="move-down", shortcut="Ctrl+Shift+Down",
                          tip="Move the selected post one place down"),
        move_top=_action(window, "Move to &Top", icon="move-top", shortcut="Ctrl+Shift+Home",
                         tip="Move the selected post to the top of the homepage"),
        remove=_action(window, "&Remove from Homepage", icon="remove",
                       tip="Remove the selected teaser (the article stays; undo brings it back)"),
        about=_action(window, "&About BlogEditor"),
    )
    a.quit.setMenuRole(QAction.MenuRole.QuitRole)
    a.about.setMenuRole(QAction.MenuRole.AboutRole)
    return a


def build_menus(window: QMainWindow, a: Actions, recent: QMenu) -> dict[str, QMenu]:
    bar = window.menuBar()
    menus = {
        "file": bar.addMenu("&File"),
        "edit": bar.addMenu("&Edit"),
        "view": bar.addMenu("&View"),
        "post": bar.addMenu("&Post"),
        "tools": bar.addMenu("&Tools"),
        "help": bar.addMenu("&Help"),
    }
    f = menus["file"]
    f.addAction(a.open_site)
    f.addMenu(recent)
    f.addAction(a.open_demo)
    f.addSeparator()
    f.addAction(a.save)
    f.addAction(a.revert)
    f.addSeparator()
    f.addAction(a.quit)
    menus["edit"].addAction(a.undo)
    menus["edit"].addAction(a.redo)
    menus["view"].addAction(a.show_hidden)
    p = menus["post"]
    p.addAction(a.new_post)
    p.addSeparator()
    p.addAction(a.toggle_hidden)
    p.addSeparator()
    p.addAction(a.move_top)
    p.addAction(a.move_up)
    p.addAction(a.move_down)
    p.addSeparator()
    p.addAction(a.remove)
    menus["help"].addAction(a.about)
    # Tools stays empty until an integration (spell-check, problems...) fills it.
    menus["tools"].menuAction().setVisible(False)
    return menus


def build_toolbar(window: QMainWindow, a: Actions) -> QToolBar:
    bar = QToolBar("Main", window)
    bar.setObjectName("mainToolBar")
    bar.setIconSize(QSize(20, 20))
    bar.setMovable(False)
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    for action in (a.open_site, a.save, None, a.undo, a.redo, None, a.new_post,
                   a.toggle_hidden, None, a.move_top, a.move_up, a.move_down, a.remove):
        if action is None:
            bar.addSeparator()
        else:
            bar.addAction(action)
    for action in (a.open_site, a.undo, a.redo, a.move_top, a.move_up, a.move_down, a.remove):
        action.setPriority(QAction.Priority.LowPriority)  # icon only beside text buttons
    window.addToolBar(bar)
    return bar
