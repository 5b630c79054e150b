"""The only HTTP code: polite GETs with timeouts, retries, a per-fetch deadline and capped sizes.

Policy of :func:`fetch` (see :class:`RetryPolicy`):

* An *attempt* is one walk of the redirect chain from the URL asked for. Timeouts, connection
  errors (refused, reset, closed without a response, truncated body), HTTP 429 and 5xx are
  retried; everything else (4xx, size and redirect limits, undecodable bodies) fails at once.
* Before attempt ``n + 1`` the fetch sleeps ``Retry-After`` when the failed response carried one
  (seconds or an HTTP date), else a full-jitter backoff ``uniform(0, min(backoff_max,
  backoff_base * 2 ** (n - 1)))``.
* At most ``max_attempts`` attempts, and all of them, sleeps included, within ``deadline``
  seconds: every connect/read timeout is capped by the time left, the body is cut when the
  deadline passes while it streams (a slow drip never times out a read), and a retry whose wait
  would reach the deadline is not made.
"""
from __future__ import annotations

import logging
import random
import time
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from newsmon.collect.netguard import AddressRefused, GuardedBackend, Resolver, is_public, system_resolver
from newsmon.collect.options import FetchOptions, RetryPolicy
from newsmon.errors import FetchError

log = logging.getLogger(__name__)

_REDIRECTS = {301, 302, 303, 307, 308}
# Transport failures worth another try; UnsupportedProtocol, LocalProtocolError, ProxyError... are not.
_RETRYABLE_ERRORS = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)
_RNG = random.Random()


@dataclass(frozen=True, slots=True)
class Fetched:
    """The outcome of one successful GET."""

    url: str                 # what was asked for
    final_url: str           # after redirects
    status: int
    content_type: str | None
    etag: str | None
    last_modified: str | None
    body: bytes


class _Client(httpx.Client):
    """An httpx client that remembers the retry policy of the options it was made from."""

    def __init__(self, *, retry_policy: RetryPolicy, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.retry_policy = retry_policy


def make_client(options: FetchOptions, transport: httpx.BaseTransport | None = None, *,
                allow_private: bool = False, connections: int = 10,
                resolver: Resolver = system_resolver,
                address_allowed: Callable[[str], bool] = is_public) -> httpx.Client:
    """An httpx client with explicit timeouts, newsmon's User-Agent and the options' retry policy.

    Unless ``allow_private``, its connections go through :class:`GuardedBackend`, which refuses
    non-public addresses (see :mod:`newsmon.collect.netguard`). With ``options.proxy`` every request
    goes through that proxy (its credentials come from the environment, like the setting).
    Redirects are ours to follow; :func:`fetch` uses the policy unless it is given another.
    ``transport`` replaces the network, and ``resolver`` and ``address_allowed`` the guard's DNS
    and address rule (tests only).
    """
    timeout = httpx.Timeout(options.read_timeout, connect=options.connect_timeout)
    # Room for every request in flight beside the idle connections kept: a full pool evicts an idle
    # connection, and httpcore 1.0.9 can evict one just handed to another thread (encode/httpcore#1110).
    limits = httpx.Limits(max_connections=2 * connections, max_keepalive_connections=connections)
    if transport is None and options.proxy:
        # The proxy resolves and connects; Fetcher checks the destination's addresses itself.
        transport = httpx.HTTPTransport(limits=limits, trust_env=False, proxy=options.proxy)
    elif transport is None:
        transport = _transport(limits, None if allow_private else GuardedBackend(resolver, address_allowed))
    return _Client(
        retry_policy=options.retry,
        timeout=timeout,
        headers={"User-Agent": options.user_agent, "Accept-Encoding": "gzip, deflate"},
        follow_redirects=False,
        transport=transport,
    )


def _transport(limits: httpx.Limits, backend: httpcore.NetworkBackend | None) -> httpx.HTTPTransport:
    """httpx's own transport, its connection pool swapped for one that opens sockets through
    ``backend`` (httpx has no argument for it; the pool is all it builds in its constructor)."""
    transport = httpx.HTTPTransport(limits=limits, trust_env=False)
    if backend is not None:
        transport._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=backend,
        )
    return transport


class _AttemptFailed(Exception):
    """One attempt failed; ``retryable`` says whether another may succeed."""

    def __init__(self, reason: str, *, status: int | None = None, retryable: bool = False,
                 retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status
        self.retryable = retryable
        self.retry_after = retry_after


def fetch(
    client: httpx.Client,
    url: str,
    *,
    max_bytes: int,
    max_redirects: int,
    etag: str | None = None,
    last_modified: str | None = None,
    policy: RetryPolicy | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
    rng: random.Random | None = None,
    admit: Callable[[str], str | None] | None = None,
    auth: Mapping[str, str] | None = None,
) -> Fetched:
    """GET ``url``, retrying transient failures; raise FetchError when it cannot be had.

    ``policy`` defaults to the one :func:`make_client` attached to ``client`` (else
    ``RetryPolicy()``). ``admit`` is asked about every URL of the redirect chain and may refuse
    it with a reason (robots.txt). ``auth`` headers go to ``url``'s host only, never to a
    redirect target elsewhere. ``sleep``, ``clock`` and ``rng`` are injectable for tests.
    """
    if policy is None:
        policy = client.retry_policy if isinstance(client, _Client) else RetryPolicy()
    rng = _RNG if rng is None else rng
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    deadline_at = clock() + policy.deadline
    attempt = 0
    while True:
        attempt += 1
        try:
            return _attempt(client, url, headers, max_bytes=max_bytes, max_redirects=max_redirects,
                            deadline_at=deadline_at, deadline_text=policy.deadline_text, clock=clock, admit=admit,
                            auth=auth or {})
        except _AttemptFailed as failed:
            last = failed
        if not last.retryable:
            reason = last.reason if attempt == 1 else f"{last.reason} after {attempt} attempts"
            raise FetchError(url, reason, status=last.status) from last.__cause__
        tried = f"{last.reason} after {attempt} attempt{'s' if attempt > 1 else ''}"
        if attempt >= policy.max_attempts:
            raise FetchError(url, tried, status=last.status) from last.__cause__
        delay = last.retry_after if last.retry_after is not None else policy.backoff(attempt, rng)
        remaining = deadline_at - clock()
        if delay >= remaining:
            why = (f"Retry-After {delay:g} s" if last.retry_after is not None else "the next retry")
            raise FetchError(url, f"{tried} ({why} would pass {policy.deadline_text})",
                             status=last.status) from last.__cause__
        log.info("fetch %s: %s (attempt %d of %d); retrying in %.2f s",
                 url, last.reason, attempt, policy.max_attempts, delay)
        sleep(delay)


def _attempt(client: httpx.Client, url: str, headers: dict[str, str], *, max_bytes: int,
             max_redirects: int, deadline_at: float, deadline_text: str,
             clock: Callable[[], float], admit: Callable[[str], str | None] | None,
             auth: Mapping[str, str]) -> Fetched:
    """One walk of the redirect chain from ``url``; raises _AttemptFailed."""
    current, seen = url, {url}
    for _ in range(max_redirects + 1):
        refusal = admit(current) if admit is not None and current != url else None
        if refusal is not None:
            raise _AttemptFailed(f"redirect to {current} refused: {refusal.removeprefix('refused: ')}")
        remaining = deadline_at - clock()
        if remaining <= 0:
            raise _AttemptFailed(f"timeout ({deadline_text} passed)", retryable=True)
        try:
            hop_headers = {**headers, **auth} if auth and _netloc(current) == _netloc(url) else headers
            with client.stream("GET", current, headers=hop_headers,
                               timeout=_capped(client.timeout, remaining)) as response:
                status = response.status_code
                if status in _REDIRECTS and "location" in response.headers:
                    current = urljoin(current, response.headers["location"])
                    if current in seen:
                        raise _AttemptFailed(f"redirect loop at {current}")
                    seen.add(current)
                    continue
                if status == 429 or 500 <= status < 600:
                    raise _AttemptFailed(f"HTTP {status}", status=status, retryable=True,
                                         retry_after=_retry_after(response.headers.get("retry-after")))
                if not 200 <= status < 300 and status != 304:
                    raise _AttemptFailed(f"HTTP {status}", status=status)
                body = _read_capped(response, max_bytes, deadline_at, deadline_text, clock)
                log.debug("fetched %s -> %s (%d bytes)", url, current, len(body))
                return Fetched(
                    url=url,
                    final_url=str(response.url),
                    status=status,
                    content_type=response.headers.get("content-type"),
                    etag=response.headers.get("etag"),
                    last_modified=response.headers.get("last-modified"),
                    body=body,
                )
        except AddressRefused as exc:
            raise _AttemptFailed(str(exc)) from exc
        except httpx.TimeoutException as exc:
            raise _AttemptFailed(f"timeout ({type(exc).__name__})", retryable=True) from exc
        except _RETRYABLE_ERRORS as exc:
            raise _AttemptFailed(f"{type(exc).__name__}: {str(exc).rstrip('.')}", retryable=True) from exc
        except httpx.HTTPError as exc:
            raise _AttemptFailed(f"{type(exc).__name__}: {exc}") from exc
    raise _AttemptFailed(f"more than {max_redirects} redirects")


def _netloc(url: str) -> str:
    return urlsplit(url).netloc.lower()


def _capped(timeout: httpx.Timeout, remaining: float) -> httpx.Timeout:
    """The client's timeouts, none longer than the time left before the fetch deadline."""
    def cap(value: float | None) -> float:
        return remaining if value is None else min(value, remaining)

    return httpx.Timeout(connect=cap(timeout.connect), read=cap(timeout.read),
                         write=cap(timeout.write), pool=cap(timeout.pool))


def _retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP date); None if unusable."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def _read_capped(response: httpx.Response, max_bytes: int, deadline_at: float, deadline_text: str,
                 clock: Callable[[], float]) -> bytes:
    """The decoded body, cut at ``max_bytes`` decoded bytes or when the fetch deadline passes."""
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise _AttemptFailed(f"body of {declared} bytes exceeds the {max_bytes}-byte limit")
    chunks: list[bytes] = []
    size = 0
    for chunk in _decoded(response, max_bytes, deadline_at, deadline_text, clock):
        size += len(chunk)
        if size > max_bytes:
            raise _AttemptFailed(f"body exceeds the {max_bytes}-byte limit")
        chunks.append(chunk)
    return b"".join(chunks)


def _decoded(response: httpx.Response, max_bytes: int, deadline_at: float, deadline_text: str,
             clock: Callable[[], float]) -> Iterator[bytes]:
    """Decode the raw stream ourselves so that no chunk decompresses past ``max_bytes + 1`` bytes
    (a gzip bomb never inflates in memory) and the deadline is checked after every network read."""
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    if encoding not in ("identity", "", "gzip", "x-gzip", "deflate"):
        raise _AttemptFailed(f"unsupported Content-Encoding {encoding!r}")
    decoder: Any = None
    if encoding in ("gzip", "x-gzip"):
        decoder = zlib.decompressobj(zlib.MAX_WBITS | 16)
    elif encoding == "deflate":
        decoder = zlib.decompressobj()
    first = True
    for raw in response.iter_raw():
        if clock() > deadline_at:
            raise _AttemptFailed(f"timeout ({deadline_text} passed while reading the body)",
                                 retryable=True)
        if decoder is None:
            yield raw
            continue
        try:
            try:
                out = decoder.decompress(raw, max_bytes + 1)
            except zlib.error:
                if not (first and encoding == "deflate"):
                    raise
                decoder = zlib.decompressobj(-zlib.MAX_WBITS)  # raw deflate, as some servers send
                out = decoder.decompress(raw, max_bytes + 1)
            first = False
            yield out
            while decoder.unconsumed_tail:
                yield decoder.decompress(decoder.unconsumed_tail, max_bytes + 1)
        except zlib.error as exc:
            raise _AttemptFailed(f"cannot decode the {encoding} body: {exc}") from exc
    if decoder is not None:
        try:
            yield decoder.flush()
        except zlib.error as exc:
            raise _AttemptFailed(f"cannot decode the {encoding} body: {exc}") from exc
