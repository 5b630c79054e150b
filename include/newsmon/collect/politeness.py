"""Being a good citizen of the web: per-host request slots and robots.txt.

:class:`HostGate` lets at most ``max_per_host`` requests run at once against one host and
spaces their starts at least ``min_delay`` seconds apart, whatever the number of threads.
:class:`RobotsRules` is what one host's robots.txt says, read under RFC 9309: a 4xx means no
rules (everything allowed), a 5xx or no answer means the host is off limits for now.
Both are thread-safe and hold no I/O; :class:`newsmon.collect.fetcher.Fetcher` feeds them.
"""
from __future__ import annotations

import re
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

MAX_CRAWL_DELAY = 60.0          # seconds; a longer Crawl-delay in robots.txt is capped to this
ROBOTS_MAX_BYTES = 512 * 1024   # RFC 9309 asks crawlers to read at least 500 KiB


def host_of(url: str) -> str:
    """The host[:port] a URL is fetched from, lower-cased: the key of per-host limits."""
    return urlsplit(url).netloc.rsplit("@", 1)[-1].lower()


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{host_of(url)}"


class HostGate:
    """Per-host concurrency and spacing of request starts."""

    def __init__(self, max_per_host: int, *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        if max_per_host < 1:
            raise ValueError("max_per_host must be at least 1")
        self.max_per_host = max_per_host
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._slots: dict[str, threading.BoundedSemaphore] = {}
        self._next_start: dict[str, float] = {}

    @contextmanager
    def slot(self, host: str, min_delay: float) -> Iterator[None]:
        """Hold one of ``host``'s slots, entered no sooner than ``min_delay`` after the previous start."""
        with self._lock:
            semaphore = self._slots.setdefault(host, threading.BoundedSemaphore(self.max_per_host))
        with semaphore:
            with self._lock:        # reserve a start time, so waiting threads queue up in order
                now = self._clock()
                start = max(now, self._next_start.get(host, now))
                self._next_start[host] = start + min_delay
            if start > now:
                self._sleep(start - now)
            yield


class HostQueues:
    """Hands a list's indexes to workers host by host, so that no worker waits on a host that
    already has ``max_per_host`` requests in flight while another host has work left.

    Hosts take turns; each host's URLs come out in list order. :meth:`take` blocks while every
    host with work left is busy, and returns None once nothing is left to hand out.
    """

    def __init__(self, urls: Sequence[str], max_per_host: int) -> None:
        self._pending: dict[str, deque[int]] = {}
        for index, url in enumerate(urls):
            self._pending.setdefault(host_of(url), deque()).append(index)
        self._turns = deque(self._pending)
        self._hosts = [host_of(url) for url in urls]
        self._busy: Counter[str] = Counter()
        self._max = max_per_host
        self._ready = threading.Condition()

    def take(self) -> int | None:
        with self._ready:
            while self._turns:
                for _ in range(len(self._turns)):
                    host = self._turns[0]
                    self._turns.rotate(-1)
                    if self._busy[host] < self._max:
                        index = self._pending[host].popleft()
                        if not self._pending[host]:
                            self._turns.remove(host)
                        self._busy[host] += 1
                        return index
                self._ready.wait()
            return None

    def release(self, index: int) -> None:
        with self._ready:
            self._busy[self._hosts[index]] -= 1
            self._ready.notify_all()


@dataclass(frozen=True, slots=True)
class RobotsGroup:
    """The rules of one ``User-agent`` group: (allow?, path pattern) pairs and a Crawl-delay."""

    agents: tuple[str, ...]
    rules: tuple[tuple[bool, str], ...] = ()
    crawl_delay: float | None = None


@dataclass(frozen=True, slots=True)
class RobotsRules:
    """The rules of one origin's robots.txt, matched as RFC 9309 says: the group naming our
    product token (else ``*``), the longest matching path pattern wins, Allow wins a tie."""

    origin: str
    refusal: str | None = None              # set when the whole origin is off limits
    groups: tuple[RobotsGroup, ...] = ()    # empty: no rules, everything allowed

    @classmethod
    def parse(cls, origin: str, body: bytes) -> RobotsRules:
        text = body[:ROBOTS_MAX_BYTES].decode("utf-8", errors="replace")
        groups: list[RobotsGroup] = []
        agents: list[str] = []
        rules: list[tuple[bool, str]] = []
        delay: float | None = None
        in_rules = False
        for line in text.splitlines():
            key, _, value = line.split("#", 1)[0].partition(":")
            key, value = key.strip().lower(), value.strip()
            if key == "user-agent":
                if in_rules:            # a user-agent line after rules starts a new group
                    groups.append(RobotsGroup(tuple(agents), tuple(rules), delay))
                    agents, rules, delay, in_rules = [], [], None, False
                agents.append(value.lower())
            elif key in ("allow", "disallow") and agents:
                in_rules = True
                if value:               # an empty Disallow allows everything
                    rules.append((key == "allow", value))
            elif key == "crawl-delay" and agents:
                in_rules = True
                try:
                    delay = float(value)
                except ValueError:
                    pass
        if agents:
            groups.append(RobotsGroup(tuple(agents), tuple(rules), delay))
        return cls(origin=origin, groups=tuple(groups))

    @classmethod
    def unavailable(cls, origin: str) -> RobotsRules:
        """robots.txt answered 4xx: RFC 9309 lets a crawler fetch anything."""
        return cls(origin=origin)

    @classmethod
    def unreachable(cls, origin: str, why: str) -> RobotsRules:
        """robots.txt answered 5xx or not at all: RFC 9309 says assume everything is disallowed."""
        return cls(origin=origin, refusal=f"robots.txt of {origin} unreachable ({why})")

    def refusal_for(self, url: str, user_agent: str) -> str | None:
        """Why ``url`` may not be fetched, or None when it may."""
        if self.refusal is not None:
            return self.refusal
        rules = [rule for group in self._groups_for(user_agent) for rule in group.rules]
        parts = urlsplit(url)
        path = unquote(parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        best: tuple[int, bool] | None = None
        for allow, pattern in rules:
            if _matches(pattern, path):
                candidate = (len(pattern), allow)
                if best is None or candidate > best:
                    best = candidate
        return "disallowed by robots.txt" if best is not None and not best[1] else None

    def crawl_delay(self, user_agent: str) -> float:
        delays = [g.crawl_delay for g in self._groups_for(user_agent) if g.crawl_delay]
        return min(max(delays), MAX_CRAWL_DELAY) if delays else 0.0

    def _groups_for(self, user_agent: str) -> list[RobotsGroup]:
        token = _agent_token(user_agent).lower()
        named = [g for g in self.groups if token in g.agents]
        return named or [g for g in self.groups if "*" in g.agents]


def _matches(pattern: str, path: str) -> bool:
    """RFC 9309 path matching: a prefix match, where ``*`` is any run of characters and a final
    ``$`` anchors the end."""
    anchored = pattern.endswith("$")
    regex = ".*".join(re.escape(unquote(piece)) for piece in pattern.rstrip("$").split("*"))
    return re.match(regex + ("$" if anchored else ""), path) is not None


def _agent_token(user_agent: str) -> str:
    """``newsmon/0.1 (+https://...)`` -> ``newsmon``: the product token robots.txt groups name."""
    return user_agent.split("/", 1)[0].split(" ", 1)[0].strip() or user_agent
