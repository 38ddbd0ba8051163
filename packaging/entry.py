"""The frozen app's entry point: the same `main` the `blogeditor` console script runs."""

from __future__ import annotations

import multiprocessing
import sys

from blogeditor.__main__ import main

if __name__ == "__main__":
    # The helper process (core/background) is this executable started again: let it be one.
    multiprocessing.freeze_support()
    sys.exit(main())
