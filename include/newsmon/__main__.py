"""``python -m newsmon``: see :mod:`newsmon.cli`."""
from __future__ import annotations

import sys

from newsmon.cli import main

if __name__ == "__main__":   # worker processes import this module again: they must not run it
    sys.exit(main())
