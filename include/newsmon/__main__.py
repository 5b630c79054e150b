"""``python -m newsmon``: see :mod:`newsmon.cli`."""
from __future__ import annotations

import sys

from newsmon.cli import main

sys.exit(main())
