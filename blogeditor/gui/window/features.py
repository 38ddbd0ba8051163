"""Where the window's features are built and wired: the one place that knows them all.

Each feature gets the AppContext, the window (for the widgets it works on) and, by name,
the other features it uses; the order below is the order of their dependencies.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from blogeditor.gui.article.authoring import Authoring
from blogeditor.gui.context import AppContext
from blogeditor.gui.git.git_feature import GitFeature
from blogeditor.gui.images.thumbnail_picker import ThumbnailActions
from blogeditor.gui.spelling.spell_ui import SpellController
from blogeditor.gui.sync.index_feed import SiteIndexFeed
from blogeditor.gui.sync.restore import RestoreActions
from blogeditor.gui.sync.sync import SyncController

if TYPE_CHECKING:
    from blogeditor.gui.window.main_window import MainWindow

@dataclass(frozen=True)
class Features:
    spell: SpellController
    sync: SyncController
    index_feed: SiteIndexFeed
    thumbnails: ThumbnailActions
    authoring: Authoring
    restore: RestoreActions
    git: GitFeature


def install_features(ctx: AppContext, window: MainWindow) -> Features:
    spell = SpellController(ctx, window)
    sync = SyncController(ctx, window)
    index_feed = SiteIndexFeed(ctx, window, sync)
    thumbnails = ThumbnailActions(ctx, window)
    authoring = Authoring(ctx, window, spell=spell, sync=sync, thumbnails=thumbnails)
    restore = RestoreActions(ctx, window)
    git = GitFeature(ctx, window, sync=sync)
    tools = window.menus["tools"]
    tools.menuAction().setVisible(not tools.isEmpty())
    return Features(spell=spell, sync=sync, index_feed=index_feed, thumbnails=thumbnails,
                    authoring=authoring, restore=restore, git=git)
