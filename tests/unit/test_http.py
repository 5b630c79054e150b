"""fetch() against the fault-injecting server on 127.0.0.1 (tests/faultserver.py).

No test sleeps: retries use an injected ``sleep`` that records the delays asked for. The only
waits are real timeouts of half a second, to prove that slow or stalled bodies are cut.
"""
from __future__ import annotations

import gzip
import random
import re
import time
import tracemalloc
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from newsmon.collect.http import Fetched, _retry_after, fetch, make_client
from newsmon.collect.options import RetryPolicy
from newsmon.config import Settings
from newsmon.errors import ConfigError, FetchError
from tests.faultserver import (
    BILLION_LAUGHS,
    HTML_PAGE,
    LATIN1_FEED,
    FaultHandler,
    FaultServer,
    fault_server,
    gzip_bomb,
)

UA = "newsmon-test/1 (+https://example.org/contact)"
SEED = 1234


@pytest.fixture(scope="module")
def server() -> Iterator[FaultServer]:
    with fault_server() as running:
        yield running


class Sleeps:
    """An injected ``sleep`` that records each delay and advances a fake clock by it."""

    def __init__(self) -> None:
        self.delays: list[float] = []
        self.now = 1000.0

    def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)
        self.now += seconds

    def clock(self) -> float:
        return self.now


class Ceiling(random.Random):
    """An rng whose jitter always picks the top of the range, so backoff delays are predictable."""

    def uniform(self, a: float, b: float) -> float:
        return b


def _get(server: FaultServer, path: str, *, max_bytes: int = 10_000, max_redirects: int = 3,
         policy: RetryPolicy | None = None, sleeps: Sleeps | None = None, fake_clock: bool = True,
         settings: Settings | None = None, rng: random.Random | None = None) -> Fetched:
    sleeps = Sleeps() if sleeps is None else sleeps
    with make_client((settings or Settings(user_agent=UA)).fetch_options(), allow_private=True) as client:
        return fetch(client, server.url(path), max_bytes=max_bytes, max_redirects=max_redirects,
                     policy=policy, sleep=sleeps, clock=sleeps.clock if fake_clock else time.monotonic,
                     rng=rng or random.Random(SEED))


def _expected_backoff(policy: RetryPolicy, attempts: int) -> list[float]:
    rng = random.Random(SEED)
    return [policy.backoff(n, rng) for n in range(1, attempts)]


# ----------------------------------------------------------------------------------- success

def test_fetch_returns_body_and_validators(server: FaultServer) -> None:
    got = _get(server, "/ok")
    assert got.body == b"ok" and got.status == 200 and got.etag == '"v1"'
    assert got.content_type == "text/plain" and got.final_url == got.url == server.url("/ok")


def test_fetch_sends_validators_and_accepts_304(server: FaultServer) -> None:
    with make_client(Settings().fetch_options(), allow_private=True) as client:
        got = fetch(client, server.url("/ok"), max_bytes=100, max_redirects=0, etag='"v1"')
    assert got.status == 304 and got.body == b""


def test_fetch_sends_the_configured_user_agent(server: FaultServer) -> None:
    assert f'"User-Agent": "{UA}"'.encode() in _get(server, "/headers").body


def test_default_user_agent_has_a_contact_url() -> None:
    assert "+https://" in Settings().user_agent


def test_fetch_follows_redirects_and_reports_the_final_url(server: FaultServer) -> None:
    got = _get(server, "/redirect/1")
    assert got.final_url == server.url("/redirect/0") and got.url == server.url("/redirect/1")


def test_fetch_allows_redirect_chains_within_the_cap(server: FaultServer) -> None:
    assert _get(server, "/redirect/3").body == b"end"


def test_fetch_decodes_gzip_and_both_deflate_flavours(server: FaultServer) -> None:
    text = b"<rss>" + b"news " * 1000 + b"</rss>"
    raw_deflate = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    bodies = {"gzip": gzip.compress(text), "deflate": zlib.compress(text),
              "raw-deflate": raw_deflate.compress(text) + raw_deflate.flush()}

    def encoded(request: FaultHandler, hit: int) -> None:
        flavour = request.param("as", "gzip")
        request.respond(200, bodies[flavour], {"Content-Encoding": flavour.removeprefix("raw-")})

    server.add_route("encoded", encoded)
    for flavour in bodies:
        assert _get(server, f"/encoded?as={flavour}").body == text


@pytest.mark.parametrize(("path", "content_type", "body"), [
    ("/wrong-charset", "application/rss+xml; charset=utf-8", LATIN1_FEED),
    ("/html-feed", "text/html; charset=utf-8", HTML_PAGE),
    ("/empty", "application/rss+xml", b""),
    ("/billion-laughs", "application/xml", BILLION_LAUGHS),
])
def test_fetch_returns_odd_bodies_as_bytes_untouched(server: FaultServer, path: str, content_type: str,
                                                     body: bytes) -> None:
    got = _get(server, path)
    assert got.body == body and got.content_type == content_type and got.status == 200


# ----------------------------------------------------------------------------------- retries

def test_a_500_is_retried_with_jittered_backoff_then_succeeds(server: FaultServer) -> None:
    sleeps, policy = Sleeps(), RetryPolicy()
    got = _get(server, "/flaky/twice?fails=2&status=500", sleeps=sleeps, policy=policy)
    assert got.body == b"ok" and server.hits("/flaky/twice") == 3
    assert sleeps.delays == _expected_backoff(policy, 3)
    assert 0 <= sleeps.delays[0] <= 0.5 and 0 <= sleeps.delays[1] <= 1.0


def test_backoff_grows_exponentially_up_to_the_cap() -> None:
    policy = RetryPolicy(backoff_base=0.5, backoff_max=3.0)
    assert [policy.backoff(n, Ceiling()) for n in range(1, 6)] == [0.5, 1.0, 2.0, 3.0, 3.0]


def test_the_client_carries_the_settings_retry_policy(server: FaultServer) -> None:
    sleeps = Sleeps()
    settings = Settings(max_attempts=2, backoff_base=2.0, backoff_max=2.0)
    with pytest.raises(FetchError) as caught:
        _get(server, "/status/503/settings", settings=settings, sleeps=sleeps, rng=Ceiling())
    assert caught.value.reason == "HTTP 503 after 2 attempts" and sleeps.delays == [2.0]


def test_429_retry_after_seconds_is_the_delay(server: FaultServer) -> None:
    sleeps = Sleeps()
    got = _get(server, "/retry-after/seconds?seconds=7", sleeps=sleeps)
    assert got.status == 200 and sleeps.delays == [7.0] and server.hits("/retry-after/seconds") == 2


def test_503_retry_after_http_date_is_honoured(server: FaultServer) -> None:
    sleeps = Sleeps()
    got = _get(server, "/retry-after/date?seconds=20&date=1&status=503", sleeps=sleeps)
    assert got.status == 200 and len(sleeps.delays) == 1 and 17 <= sleeps.delays[0] <= 20


def test_retry_after_parsing() -> None:
    now = datetime(2015, 10, 21, 7, 27, 0, tzinfo=UTC)
    assert _retry_after("120") == 120.0
    assert _retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=now) == 60.0
    assert _retry_after("Wed, 21 Oct 2015 07:00:00 GMT", now=now) == 0.0
    assert _retry_after("soon") is None and _retry_after(None) is None and _retry_after("-5") is None


def test_a_retry_after_beyond_the_deadline_gives_up_without_waiting(server: FaultServer) -> None:
    sleeps = Sleeps()
    with pytest.raises(FetchError, match=r"HTTP 429 after 1 attempt \(Retry-After 3600 s would pass the "
                                         r"120 s fetch deadline\)") as caught:
        _get(server, "/retry-after/long?seconds=3600", sleeps=sleeps)
    assert caught.value.status == 429 and sleeps.delays == [] and server.hits("/retry-after/long") == 1


def test_attempts_are_capped(server: FaultServer) -> None:
    sleeps, policy = Sleeps(), RetryPolicy(max_attempts=4)
    with pytest.raises(FetchError) as caught:
        _get(server, "/status/503", sleeps=sleeps, policy=policy)
    assert caught.value.reason == "HTTP 503 after 4 attempts" and caught.value.status == 503 and server.hits("/status/503") == 4
    assert sleeps.delays == _expected_backoff(policy, 4)


def test_the_total_deadline_stops_retries(server: FaultServer) -> None:
    sleeps = Sleeps()
    policy = RetryPolicy(max_attempts=10, deadline=10.0, backoff_base=4.0, backoff_max=60.0)
    with pytest.raises(FetchError) as caught:
        _get(server, "/status/503/deadline", sleeps=sleeps, policy=policy, rng=Ceiling())
    assert caught.value.reason == "HTTP 503 after 2 attempts (the next retry would pass the 10 s fetch deadline)"
    # waited 4 s after attempt 1; the 8 s wait after attempt 2 would end past the 10 s deadline
    assert sleeps.delays == [4.0] and server.hits("/status/503/deadline") == 2


def test_a_4xx_is_not_retried(server: FaultServer) -> None:
    sleeps = Sleeps()
    with pytest.raises(FetchError) as caught:
        _get(server, "/status/404", sleeps=sleeps)
    assert caught.value.reason == "HTTP 404" and caught.value.status == 404 and server.hits("/status/404") == 1 and sleeps.delays == []


def test_a_4xx_after_a_retry_says_how_many_attempts(server: FaultServer) -> None:
    with pytest.raises(FetchError) as caught:
        _get(server, "/flaky/then-404?fails=1&status=500&then=404")
    assert caught.value.reason == "HTTP 404 after 2 attempts" and server.hits("/flaky/then-404") == 2


@pytest.mark.parametrize("path", ["/reset", "/close"])
def test_a_dropped_connection_is_retried_then_reported(server: FaultServer, path: str) -> None:
    sleeps = Sleeps()
    with pytest.raises(FetchError) as caught:
        _get(server, path, sleeps=sleeps, policy=RetryPolicy(max_attempts=2))
    assert re.fullmatch(r"(ReadError|RemoteProtocolError): .* after 2 attempts", caught.value.reason)
    assert caught.value.status is None and server.hits(path) == 2 and len(sleeps.delays) == 1


def test_a_refused_connection_is_retried_then_reported() -> None:
    sleeps = Sleeps()
    with make_client(Settings().fetch_options(), allow_private=True) as client, pytest.raises(FetchError, match=r"ConnectError.* after 4 attempts"):
        fetch(client, "http://127.0.0.1:9/nothing-listens-here", max_bytes=100, max_redirects=0,
              sleep=sleeps, clock=sleeps.clock)
    assert len(sleeps.delays) == 3


# ------------------------------------------------------------------------------------ limits

def test_a_slow_drip_body_is_cut_at_the_total_deadline(server: FaultServer) -> None:
    """One byte every 100 ms never trips the 30 s read timeout; the 0.5 s deadline cuts it."""
    start = time.monotonic()
    with pytest.raises(FetchError, match=r"fetch deadline passed while reading the body.* after 1 attempt"):
        _get(server, "/drip?bytes=600&interval=0.1", fake_clock=False, sleeps=Sleeps(),
             policy=RetryPolicy(deadline=0.5))
    assert 0.5 <= time.monotonic() - start < 2.0 and server.hits("/drip") == 1


def test_a_stalled_body_times_out_within_the_deadline(server: FaultServer) -> None:
    """The 30 s read timeout is capped by the 0.5 s left before the deadline."""
    start = time.monotonic()
    with pytest.raises(FetchError, match=r"timeout \(ReadTimeout\) after 1 attempt"):
        _get(server, "/stall?after=10", fake_clock=False, policy=RetryPolicy(deadline=0.5))
    assert time.monotonic() - start < 2.0 and server.hits("/stall") == 1


@pytest.mark.parametrize(("path", "reason"), [
    ("/big?bytes=5000", "body of 5000 bytes exceeds the 1000-byte limit"),
    ("/big/undeclared?bytes=5000&declare=0", "body exceeds the 1000-byte limit"),
])
def test_an_oversized_body_is_cut(server: FaultServer, path: str, reason: str) -> None:
    with pytest.raises(FetchError, match=reason) as caught:
        _get(server, path, max_bytes=1000)
    assert caught.value.url == server.url(path) and server.hits(path) == 1


def test_a_gzip_bomb_is_cut_without_inflating_it(server: FaultServer) -> None:
    """50 MB of zeros in ~50 KB of gzip: decoding stops past 1 MB, and memory stays small."""
    gzip_bomb(50 * 1024 * 1024)  # built (and cached) by the server, outside the measurement
    tracemalloc.start()
    try:
        with pytest.raises(FetchError, match="body exceeds the 1048576-byte limit"):
            _get(server, "/gzip-bomb", max_bytes=1024 * 1024)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 * 1024 * 1024 and server.hits("/gzip-bomb") == 1


@pytest.mark.parametrize(("path", "reason"), [
    ("/loop/a", "redirect loop"),
    ("/redirect/5", "more than 3 redirects"),
])
def test_redirect_limits_are_not_retried(server: FaultServer, path: str, reason: str) -> None:
    sleeps = Sleeps()
    with pytest.raises(FetchError, match=reason) as caught:
        _get(server, path, sleeps=sleeps)
    assert caught.value.url == server.url(path) and sleeps.delays == []


def test_an_unknown_content_encoding_is_refused(server: FaultServer) -> None:
    def brotli(request: FaultHandler, hit: int) -> None:
        request.respond(200, b"\x0b\x02\x80hello\x03", {"Content-Encoding": "br"})

    server.add_route("brotli", brotli)
    with pytest.raises(FetchError, match="unsupported Content-Encoding 'br'"):
        _get(server, "/brotli")


# ---------------------------------------------------------------------------------- settings

def test_retry_settings_are_read_from_the_environment() -> None:
    settings = Settings.from_env({"NEWSMON_MAX_ATTEMPTS": "6", "NEWSMON_FETCH_DEADLINE": "45",
                                  "NEWSMON_BACKOFF_BASE": "1.5", "NEWSMON_BACKOFF_MAX": "10"})
    assert settings.fetch_options().retry == RetryPolicy(max_attempts=6, deadline=45.0,
                                                              backoff_base=1.5, backoff_max=10.0)
    assert Settings.from_env({}).fetch_options().retry == RetryPolicy()


def test_bad_retry_settings_are_all_reported() -> None:
    with pytest.raises(ConfigError) as caught:
        Settings.from_env({"NEWSMON_MAX_ATTEMPTS": "0", "NEWSMON_FETCH_DEADLINE": "never",
                           "NEWSMON_BACKOFF_BASE": "5", "NEWSMON_BACKOFF_MAX": "1"})
    message = str(caught.value)
    assert "NEWSMON_MAX_ATTEMPTS='0' must be positive" in message
    assert "NEWSMON_FETCH_DEADLINE='never' is not a float" in message
    assert "NEWSMON_BACKOFF_MAX=1.0 must be at least NEWSMON_BACKOFF_BASE=5.0" in message
