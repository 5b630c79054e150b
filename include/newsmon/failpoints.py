"""Named points where a test can stop or kill the process, to prove crash safety.

The store reaches a point after every write it completes, so every write boundary of a run is a
point: ``wrote <file>`` (a leaf or JSON document replaced), ``staged <leaf>`` (the staged file
of a leaf written) and ``moved <leaf>`` (a staged file published over its leaf), with paths
relative to the data root. The names do not depend on file contents, so they are the same in
every run that does the same work.

- ``NEWSMON_FAILPOINT_TRACE=<file>``: append the name of every point reached, one per line. A
  test runs once with it to list the boundaries of a run.
- ``NEWSMON_FAILPOINTS=<name>[|<name>...]``: at a listed point the process sends itself SIGKILL,
  as ``kill -9`` would. With ``NEWSMON_FAILPOINT_ACTION=stop`` it stops itself (SIGSTOP)
  instead, so that a test sees it stopped at exactly that point and kills it from outside.

Unset (always, outside tests), reaching a point costs two environment lookups.
"""
from __future__ import annotations

import os
import signal

SEPARATOR = "|"     # between names in NEWSMON_FAILPOINTS (paths may hold commas, never a bar)


def reach(name: str) -> None:
    trace = os.environ.get("NEWSMON_FAILPOINT_TRACE")
    if trace:
        with open(trace, "a", encoding="utf-8") as out:
            out.write(name + "\n")
    wanted = os.environ.get("NEWSMON_FAILPOINTS")
    if wanted and name in wanted.split(SEPARATOR):
        stop = os.environ.get("NEWSMON_FAILPOINT_ACTION") == "stop"
        os.kill(os.getpid(), signal.SIGSTOP if stop else signal.SIGKILL)
