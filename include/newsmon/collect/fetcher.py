"""All HTTP of one source's run, politely: robots.txt, per-host slots, a source deadline, and
pages fetched concurrently.

Every request of a :class:`Fetcher` goes through :func:`newsmon.collect.http.fetch` (retries, limits,
the SSRF guard of the client) after three checks: the source's time budget is not spent, the
URL's robots.txt allows it (read once per origin and kept for the run; every redirect hop is
checked too), and one of the host's ``max_per_host`` slots is free with ``min_delay`` seconds
since the host's previous request started (or robots.txt's Crawl-delay, when longer).
"""
from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime
from types import TracebackType
from typing import Self
from urllib.parse import urlsplit

import httpx

from newsmon.collect.http import fetch, make_client
from newsmon.collect.netguard import AddressRefused, vetted_addresses
from newsmon.collect.options import FetchOptions, RetryPolicy
from newsmon.collect.politeness import ROBOTS_MAX_BYTES, HostGate, HostQueues, RobotsRules, host_of, origin_of
from newsmon.collect.secrets import Credential
from newsmon.errors import FetchError
from newsmon.models import RawDocument, RawKind, Source

log = logging.getLogger(__name__)

ROBOTS_ATTEMPTS = 2             # robots.txt is small: one retry, with short waits
ROBOTS_BACKOFF_MAX = 2.0


class Fetcher:
    """Fetches for one source. Use as a context manager; thread-safe."""

    def __init__(self, source: Source, options: FetchOptions, *, client: httpx.Client | None = None,
                 credential: Credential | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        self.source = source
        self.options = options
        self.max_per_host = source.max_per_host or options.max_per_host
        self.min_delay = options.min_delay if source.min_delay is None else source.min_delay
        self._own_client = client is None
        self.client = client if client is not None else make_client(
            options, allow_private=source.allow_private, connections=options.concurrency)
        self._auth = credential.request_headers() if credential is not None else {}
        self._auth_host = host_of(source.url)
        self._policy = options.retry
        self._robots_policy = replace(self._policy, max_attempts=min(ROBOTS_ATTEMPTS, self._policy.max_attempts),
                                      backoff_max=min(ROBOTS_BACKOFF_MAX, self._policy.backoff_max))
        self._clock = clock
        self._deadline_at = clock() + options.source_deadline
        self._gate = HostGate(self.max_per_host)
        self._robots: dict[str, RobotsRules] = {}
        self._robots_locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        if self._own_client:
            self.client.close()

    def get(self, url: str, *, kind: RawKind, etag: str | None = None,
            last_modified: str | None = None) -> RawDocument:
        """GET ``url`` as a raw row of ``kind``; raises FetchError (refusals included)."""
        self._remaining(url)
        refusal = self._refusal(url)
        if refusal is not None:
            raise FetchError(url, refusal)
        host = host_of(url)
        delay = max(self.min_delay, self._rules(url).crawl_delay(self.options.user_agent))
        with self._gate.slot(host, delay):
            got = fetch(self.client, url, max_bytes=self.options.max_bytes,
                        max_redirects=self.options.max_redirects, etag=etag, last_modified=last_modified,
                        policy=self._within_budget(self._policy, url),   # waiting for the slot took some of it
                        admit=self._refusal, auth=self._auth if host == self._auth_host else None)
        return RawDocument(
            source_id=self.source.id, kind=kind, url=url, final_url=got.final_url, status=got.status,
            content_type=got.content_type, etag=got.etag, last_modified=got.last_modified,
            fetched_at=_now(), sha256=sha256(got.body), body=got.body, error=None,
        )

    def _remaining(self, url: str) -> float:
        """Seconds left of the source's time budget; FetchError once it is spent."""
        remaining = self._deadline_at - self._clock()
        if remaining <= 0:
            raise FetchError(url, f"{self._source_deadline} passed")
        return remaining

    @property
    def _source_deadline(self) -> str:
        return f"the {self.options.source_deadline:g} s source deadline"

    def _within_budget(self, policy: RetryPolicy, url: str) -> RetryPolicy:
        """``policy`` with its deadline cut to what is left of the source's budget."""
        return policy.within(self._remaining(url), self._source_deadline)

    def page(self, url: str) -> RawDocument:
        """An article page; a failure is a raw row with its reason, never an exception."""
        try:
            return self.get(url, kind="page")
        except FetchError as exc:
            log.warning("source %s: page %s failed: %s", self.source.id, url, exc.reason)
            return failed_page(self.source.id, url, exc)

    def pages(self, urls: Sequence[str]) -> list[RawDocument]:
        """Pages of ``urls`` in their order, fetched ``options.concurrency`` at a time
        (and never more than ``max_per_host`` at a time from one host; a worker takes the next
        URL of a host with a free slot rather than wait behind a busy one)."""
        if len(urls) <= 1:
            return [self.page(url) for url in urls]
        queues = HostQueues(urls, self.max_per_host)
        results: list[RawDocument | None] = [None] * len(urls)

        def work() -> None:
            while (index := queues.take()) is not None:
                try:
                    results[index] = self.page(urls[index])
                finally:
                    queues.release(index)

        workers = min(self.options.concurrency, len(urls))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix=f"fetch-{self.source.id}") as pool:
            for running in [pool.submit(work) for _ in range(workers)]:
                running.result()
        done = [page for page in results if page is not None]
        assert len(done) == len(urls), "every index is handed out once and filled"
        return done

    def _refusal(self, url: str) -> str | None:
        if not url.lower().startswith(("http://", "https://")):
            return f"not an http(s) URL: {url[:80]!r}"
        if self.options.proxy and not self.source.allow_private:
            refused = _destination_refusal(url)   # the guard at the socket only sees the proxy
            if refused is not None:
                return refused
        return self._rules(url).refusal_for(url, self.options.user_agent)

    def _rules(self, url: str) -> RobotsRules:
        """The robots.txt rules of ``url``'s origin, fetched once per run (one fetch per origin,
        even when many threads ask at once)."""
        origin = origin_of(url)
        with self._lock:
            if origin in self._robots:
                return self._robots[origin]
            origin_lock = self._robots_locks.setdefault(origin, threading.Lock())
        with origin_lock:
            with self._lock:
                if origin in self._robots:
                    return self._robots[origin]
            rules = self._read_robots(origin)
            with self._lock:
                self._robots[origin] = rules
        return rules

    def _read_robots(self, origin: str) -> RobotsRules:
        url = f"{origin}/robots.txt"
        try:
            with self._gate.slot(host_of(url), self.min_delay):
                got = fetch(self.client, url, max_bytes=ROBOTS_MAX_BYTES * 4, max_redirects=self.options.max_redirects,
                            policy=self._within_budget(self._robots_policy, url))
        except FetchError as exc:
            if isinstance(exc.__cause__, AddressRefused):
                return RobotsRules(origin, refusal=exc.reason)
            if exc.status is not None and 400 <= exc.status < 500:
                return RobotsRules.unavailable(origin)
            log.warning("source %s: %s", self.source.id, exc)
            return RobotsRules.unreachable(origin, exc.reason)
        return RobotsRules.parse(origin, got.body)


def _destination_refusal(url: str) -> str | None:
    """Through a proxy, refuse a URL whose host resolves here to a non-public address; a name
    that does not resolve here is left to the proxy."""
    try:
        vetted_addresses(urlsplit(url).hostname or "", 80)
    except AddressRefused as refused:
        return str(refused)
    except OSError:
        pass
    return None


def failed_page(source_id: str, url: str, exc: FetchError) -> RawDocument:
    return RawDocument(
        source_id=source_id, kind="page", url=url, final_url=url, status=exc.status or 0,
        content_type=None, etag=None, last_modified=None, fetched_at=_now(),
        sha256=sha256(b""), body=b"", error=exc.reason,
    )


def sha256(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def _now() -> datetime:
    """Wall-clock time of a fetch. Stored in ``raw`` only: no derived row depends on it."""
    return datetime.now(UTC)
