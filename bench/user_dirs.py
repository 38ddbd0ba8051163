"""Point every per-user folder (settings, data, cache) of a benchmark run at a scratch folder.

A benchmark must neither read the developer's settings nor leave anything behind in them;
this is the same isolation tests/conftest.py gives each test.
"""

from __future__ import annotations

import os
from pathlib import Path


def isolate_user_dirs(tmp: Path) -> None:
    for var, sub in (("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data"),
                     ("XDG_STATE_HOME", "state"), ("BLOGEDITOR_STATE_DIR", "state/blogeditor"),
                     ("XDG_CACHE_HOME", "cache"), ("BLOGEDITOR_DATA_DIR", "data/blogeditor"),
                     ("BLOGEDITOR_CACHE_DIR", "cache/blogeditor"),
                     ("BLOGEDITOR_CONFIG_DIR", "config/blogeditor")):
        os.environ[var] = str(tmp / sub)
