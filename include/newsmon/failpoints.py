"""Named points where a test can make the process die as ``kill -9`` would, to prove crash safety.

Set ``NEWSMON_FAILPOINTS`` to a comma-separated list of names; reaching a listed point sends
SIGKILL to the current process. Unset (always, outside tests), a failpoint costs one lookup.
"""
from __future__ import annotations

import os
import signal


def reach(name: str) -> None:
    wanted = os.environ.get("NEWSMON_FAILPOINTS")
    if wanted and name in wanted.split(","):
        os.kill(os.getpid(), signal.SIGKILL)
