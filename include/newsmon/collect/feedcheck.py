"""Check feed files on disk: does :func:`newsmon.collect.feeds.read_feed` accept them, and with how many entries?

:func:`check_feed` never raises for a bad file. Whatever is wrong with it (missing, a directory, not a
regular file, too large, empty, binary junk, not a feed, or an unexpected exception inside the parser)
becomes a :class:`FeedCheck` with ``ok=False``, an ``error_type`` and a one-line ``message``. An accepted
file also carries what :func:`~newsmon.collect.feeds.read_feed` tolerated (``recovered``) and how many entries it
skipped (``skipped``); :meth:`FeedCheck.line` shows neither. A file has no web address, and the collector
resolves relative links against the feed's real URL, so here they are resolved against a stand-in,
``https://check-feed.invalid/<file name>`` (a reserved, never-resolving host): they count as entries, as
they would in the collector, instead of becoming ``file://`` links that are skipped as not http(s).

Guards against pathological inputs (measured on the ../shared feed corpus and on hand-made attacks,
see benchmarks/README.md):

- the size is checked with ``stat`` before reading, and at most ``max_bytes + 1`` bytes are read, so a
  huge or growing file costs at most ``max_bytes`` of memory (``FeedTooLarge``);
- only regular files are opened: a FIFO or a device would block or never end (``NotARegularFile``);
- parsing is linear in the size but can be slow on junk: up to ~8 s per MB (e.g. ``<a<a<a...``, which
  feedparser's loose parser walks after expat gave up), so a 20 MB file could take minutes. On the main
  thread of a POSIX process the parse gets a deadline (``timeout``, default 10 s; the slowest corpus file
  takes 0.5 s) enforced with ``SIGALRM`` (``FeedTimeout``). Elsewhere (another thread, or a timer already
  armed by the caller) there is no deadline and only the size limit bounds the time;
- memory is not bounded separately: feedparser's sanitizer can use ~120x the input on HTML with a
  million attributes (717 MB RSS for 6 MB), so keep ``max_bytes`` modest;
- entity-expansion attacks are refused by :func:`~newsmon.collect.feeds.read_feed` before feedparser runs: a DTD
  entity that is external, a parameter entity, refers to other entities (billion laughs) or is a plain
  text over 64 bytes (quadratic blowup) is a ``FeedParseError``. feedparser alone is not enough: it keeps
  plain-text entities, and when expat stops at its amplification limit feedparser's lenient parser
  expands them without one (130 kB became a 1 GB title and 2.9 GB of memory in 18 s).
"""
from __future__ import annotations

import logging
import signal
import stat
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from urllib.parse import quote

from newsmon.collect.feeds import read_feed
from newsmon.errors import FeedParseError
from newsmon.models import Source

log = logging.getLogger(__name__)

MAX_FEED_BYTES = 20 * 1024 * 1024   # larger files are refused unread: error FeedTooLarge
PARSE_TIMEOUT = 10.0                # seconds per file, where a deadline can be enforced: error FeedTimeout
_SOURCE_ID = "check-feed"
_STAND_IN_BASE = "https://check-feed.invalid/"   # .invalid is reserved (RFC 2606): it never resolves


@dataclass(frozen=True, slots=True)
class FeedCheck:
    """The verdict on one file: ``ok`` with its number of usable entries, or an error type and message."""

    path: Path
    ok: bool
    entries: int
    error_type: str | None
    message: str | None
    skipped: int = 0                # entries skipped for a reason (see ParsedFeed.skipped)
    recovered: str | None = None    # the survivable problem tolerated (see ParsedFeed.recovered)

    def line(self) -> str:
        """``ok <entries>`` or ``error <ErrorType>: <message>``, on one line."""
        if self.ok:
            return f"ok {self.entries}"
        message = " ".join((self.message or "").split())   # never more than one line
        return f"error {self.error_type}: {message}"


def check_feed(path: Path, *, max_bytes: int = MAX_FEED_BYTES, timeout: float | None = PARSE_TIMEOUT) -> FeedCheck:
    """Parse the feed file at ``path`` as the collector would; never raises for a bad file.

    ``timeout`` (seconds, None for none) bounds the parse when called on the main thread.
    """
    body_or_error = _read(path, max_bytes)
    if isinstance(body_or_error, FeedCheck):
        return body_or_error
    source = Source(id=_SOURCE_ID, url=_file_url(path))
    try:
        with _deadline(timeout):
            parsed = read_feed(source, body_or_error, base_url=_stand_in_url(path))
    except _DeadlinePassed:
        return _error(path, "FeedTimeout", f"parsing took longer than {timeout:g} s")
    except FeedParseError as exc:
        return _error(path, "FeedParseError", exc.reason)
    except Exception as exc:   # a bug in feedparser must not stop a check of many files; no traceback shown
        log.warning("read_feed raised an unexpected %s on %s: %s", type(exc).__name__, path, exc)
        log.debug("the unexpected error on %s", path, exc_info=True)
        return _error(path, type(exc).__name__, f"unexpected error in read_feed: {exc}")
    return FeedCheck(path=path, ok=True, entries=len(parsed.entries), error_type=None, message=None,
                     skipped=len(parsed.skipped), recovered=parsed.recovered)


class _DeadlinePassed(BaseException):
    """Raised by the SIGALRM handler; a BaseException so that no ``except Exception`` swallows it."""


@contextmanager
def _deadline(seconds: float | None) -> Iterator[None]:
    """Raise _DeadlinePassed in the block after ``seconds``, when SIGALRM can be used; else no limit."""
    usable = (seconds is not None and seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread()
              and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0))
    if not usable or seconds is None:
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise _DeadlinePassed

    previous: Callable[[int, FrameType | None], object] | int | None = signal.signal(signal.SIGALRM, expire)
    # Fires again every 0.1 s until the block is left, in case a library caught the first one.
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.1)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous if previous is not None else signal.SIG_DFL)


def _read(path: Path, max_bytes: int) -> bytes | FeedCheck:
    """The file's bytes, or the FeedCheck saying why they cannot be read."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            return _error(path, "IsADirectoryError", "is a directory")
        if not stat.S_ISREG(info.st_mode):
            return _error(path, "NotARegularFile", "not a regular file (a FIFO, socket or device)")
        if info.st_size > max_bytes:
            return _too_large(path, info.st_size, max_bytes)
        with path.open("rb") as handle:
            body = handle.read(max_bytes + 1)   # the file may have grown since stat
    except OSError as exc:
        return _error(path, type(exc).__name__, exc.strerror or str(exc))
    except ValueError as exc:   # e.g. a path with an embedded NUL byte
        return _error(path, type(exc).__name__, str(exc))
    if len(body) > max_bytes:
        return _too_large(path, None, max_bytes)
    return body


def _too_large(path: Path, size: int | None, max_bytes: int) -> FeedCheck:
    shown = f"{size:,} bytes" if size is not None else "grew while read"
    return _error(path, "FeedTooLarge", f"{shown}, over the limit of {max_bytes:,} bytes")


def _error(path: Path, error_type: str, message: str) -> FeedCheck:
    return FeedCheck(path=path, ok=False, entries=0, error_type=error_type, message=message)


def _stand_in_url(path: Path) -> str:
    """An http(s) base for the relative links of a file that was never served from one."""
    return f"{_STAND_IN_BASE}{quote(path.name)}"


def _file_url(path: Path) -> str:
    """A file:// URL for the path (the base for relative links); the plain path if it has none."""
    try:
        return path.absolute().as_uri()
    except ValueError:
        return str(path)
