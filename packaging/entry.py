"""The frozen app's entry point: the same `main` the `blogeditor` console script runs."""

from __future__ import annotations

import sys

from blogeditor.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
