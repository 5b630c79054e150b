"""Kill ``python -m newsmon`` at a named write boundary, from outside.

The child runs with ``NEWSMON_FAILPOINTS=<point>`` and ``NEWSMON_FAILPOINT_ACTION=stop``: on
reaching the point it stops itself (SIGSTOP). The parent waits for exactly that (``waitpid`` with
``WUNTRACED``, no polling), then sends SIGKILL, so the child dies with the write just completed
and nothing after it. See :mod:`newsmon.failpoints`.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path


def newsmon(args: Sequence[str]) -> list[str]:
    return [sys.executable, "-m", "newsmon", "--quiet", *args]


def trace(args: Sequence[str], trace_file: Path, env: Mapping[str, str] | None = None) -> list[str]:
    """Run to the end and return the failpoints it reached, in order."""
    done = subprocess.run(newsmon(args), env={**os.environ, **(env or {}), "NEWSMON_FAILPOINT_TRACE": str(trace_file)},
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return trace_file.read_text(encoding="utf-8").splitlines()


@dataclass
class Stopped:
    """A child stopped at its failpoint, not yet killed."""

    point: str
    process: subprocess.Popen[bytes]
    log: Path


def start_until(args: Sequence[str], point: str, log: Path, env: Mapping[str, str] | None = None) -> Stopped:
    """Start a run that stops itself when it reaches ``point``."""
    with log.open("wb") as err:
        process = subprocess.Popen(
            newsmon(args), stdout=subprocess.DEVNULL, stderr=err,
            env={**os.environ, **(env or {}), "NEWSMON_FAILPOINTS": point, "NEWSMON_FAILPOINT_ACTION": "stop"})
    return Stopped(point, process, log)


def kill_when_stopped(child: Stopped) -> None:
    """Wait until ``child`` stops at its failpoint, then SIGKILL it and reap it."""
    pid = child.process.pid
    _, status = os.waitpid(pid, os.WUNTRACED)
    if not os.WIFSTOPPED(status):
        child.process.returncode = os.waitstatus_to_exitcode(status)
        raise AssertionError(f"the run ended (exit {child.process.returncode}) without reaching {child.point!r}:\n"
                             + child.log.read_text(encoding="utf-8", errors="replace")[-2000:])
    os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    child.process.returncode = os.waitstatus_to_exitcode(status)
    assert child.process.returncode == -signal.SIGKILL
