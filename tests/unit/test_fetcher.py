"""The Fetcher against a local fault server: robots.txt once per origin, refusals recorded as
reasons, credentials kept to the source's host, the source deadline, per-host concurrency."""
from __future__ import annotations

import json
import threading
from collections.abc import Iterator

import pytest

from newsmon.collect.fetcher import Fetcher
from newsmon.collect.http import make_client
from newsmon.collect.secrets import Credential
from newsmon.config import Settings
from newsmon.errors import FetchError
from newsmon.models import Source
from tests.faultserver import FaultHandler, FaultServer, fault_server

OPTIONS = Settings(min_delay=0.0, max_attempts=2, backoff_base=0.01, backoff_max=0.02,
                   fetch_concurrency=8).fetch_options()


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with fault_server() as running:
        yield running


def _source(server: FaultServer, **fields: object) -> Source:
    return Source(id="wire", url=server.url("/ok/feed"), allow_private=True, **fields)  # type: ignore[arg-type]


def _robots(body: bytes, status: int = 200) -> object:
    def handler(request: FaultHandler, hit: int) -> None:
        request.respond(status, body, {"Content-Type": "text/plain"})
    return handler


def test_robots_is_read_once_per_origin_and_its_rules_apply(server: FaultServer) -> None:
    server.add_route("robots.txt", _robots(b"User-agent: *\nDisallow: /status/\n"))  # type: ignore[arg-type]
    with Fetcher(_source(server), OPTIONS) as fetcher:
        pages = fetcher.pages([server.url(f"/ok/{n}") for n in range(5)] + [server.url("/status/200/hidden")])
    assert [p.error for p in pages] == [None] * 5 + ["disallowed by robots.txt"]
    assert server.hits("/robots.txt") == 1
    assert server.hits("/status/200/hidden") == 0


def test_missing_robots_allows_everything(server: FaultServer) -> None:
    with Fetcher(_source(server), OPTIONS) as fetcher:
        assert fetcher.page(server.url("/ok/free")).error is None
    assert server.hits("/robots.txt") == 1


def test_robots_that_fails_with_5xx_keeps_newsmon_off_the_host(server: FaultServer) -> None:
    server.add_route("robots.txt", _robots(b"busy", status=503))  # type: ignore[arg-type]
    with Fetcher(_source(server), OPTIONS) as fetcher:
        page = fetcher.page(server.url("/ok/a"))
        with pytest.raises(FetchError, match="robots.txt of .* unreachable"):
            fetcher.get(server.url("/ok/feed"), kind="feed")
    assert page.error is not None and "unreachable (HTTP 503 after 2 attempts)" in page.error
    assert server.hits("/ok/a") == 0


def test_a_redirect_into_a_disallowed_path_is_refused(server: FaultServer) -> None:
    server.add_route("robots.txt", _robots(b"User-agent: newsmon\nDisallow: /redirect/0\n"))  # type: ignore[arg-type]
    with Fetcher(_source(server), OPTIONS) as fetcher:
        page = fetcher.page(server.url("/redirect/1"))
    assert page.error is not None and page.error.endswith("refused: disallowed by robots.txt")


def test_a_redirect_to_a_private_address_names_the_guards_reason_once(server: FaultServer) -> None:
    def to_metadata(request: FaultHandler, hit: int) -> None:
        request.respond(302, headers={"Location": "http://169.254.169.254/latest/meta-data/"})

    server.add_route("hop", to_metadata)
    guarded = make_client(OPTIONS, address_allowed=lambda address: address == "127.0.0.1")
    with guarded, Fetcher(Source(id="wire", url=server.url("/ok/feed")), OPTIONS, client=guarded) as fetcher:
        page = fetcher.page(server.url("/hop/x"))
    assert page.error == ("redirect to http://169.254.169.254/latest/meta-data/ refused: 169.254.169.254 is not "
                          "a public address (set allow_private: true on the source to fetch it)")


def test_credentials_go_to_the_source_host_only(server: FaultServer) -> None:
    credential = Credential(conn_id="wire", login="ana", password="s3cret", headers=(("X-Api-Key", "k-1"),))
    other_host = server.url("/headers/elsewhere").replace("127.0.0.1", "localhost")
    with Fetcher(_source(server), OPTIONS, credential=credential) as fetcher:
        own = json.loads(fetcher.get(server.url("/headers/own"), kind="page").body)
        elsewhere = json.loads(fetcher.get(other_host, kind="page").body)
    lowered = {k.lower(): v for k, v in own.items()}
    assert lowered["authorization"] == "Basic YW5hOnMzY3JldA==" and lowered["x-api-key"] == "k-1"
    assert not {"authorization", "x-api-key"} & {k.lower() for k in elsewhere}
    assert "s3cret" not in repr(credential)


def test_the_source_deadline_stops_further_fetches(server: FaultServer) -> None:
    now = [0.0]
    with Fetcher(_source(server), Settings(min_delay=0.0, source_deadline=10.0).fetch_options(), clock=lambda: now[0]) as fetcher:
        assert fetcher.page(server.url("/ok/before")).error is None
        now[0] = 10.5
        late = fetcher.page(server.url("/ok/after"))
    assert late.error == "the 10 s source deadline passed"
    assert server.hits("/ok/after") == 0


def test_non_http_links_are_refused_without_a_request(server: FaultServer) -> None:
    with Fetcher(_source(server), OPTIONS) as fetcher:
        page = fetcher.page("javascript:alert(1)")
    assert page.error == "not an http(s) URL: 'javascript:alert(1)'"


@pytest.mark.parametrize("per_host", [2, 3])
def test_pages_run_concurrently_but_never_above_the_per_host_limit(server: FaultServer, per_host: int) -> None:
    active, peak, lock = 0, 0, threading.Lock()
    full = threading.Event()

    def held(request: FaultHandler, hit: int) -> None:
        nonlocal active, peak
        with lock:
            active += 1
            peak = max(peak, active)
            if active == per_host:
                full.set()
        full.wait(timeout=5)            # the first requests hold until the host's slots are all in use
        with lock:
            active -= 1
        request.respond(200, b"<html><body><p>held</p></body></html>", {"Content-Type": "text/html"})

    server.add_route("held", held)
    with Fetcher(_source(server, max_per_host=per_host), OPTIONS) as fetcher:
        pages = fetcher.pages([server.url(f"/held/{n}") for n in range(10)])
    assert all(p.error is None for p in pages) and [p.url for p in pages] == [server.url(f"/held/{n}")
                                                                                 for n in range(10)]
    assert full.is_set() and peak == per_host


def test_a_private_host_is_refused_with_the_guards_reason(server: FaultServer) -> None:
    with Fetcher(Source(id="wire", url="https://wire.example.org/rss"), OPTIONS) as fetcher:
        page = fetcher.page(server.url("/ok/private"))
    assert page.error is not None and page.error.startswith("refused: 127.0.0.1 is not a public address")
    assert server.hits("/robots.txt") == 0 and server.hits("/ok/private") == 0


def test_requests_go_through_the_proxy_with_its_credentials(server: FaultServer) -> None:
    """The fault server plays the proxy: it answers absolute-form requests by their path."""
    proxy = server.url("/").replace("http://", "http://relay:pw-7@").rstrip("/")
    settings = Settings(min_delay=0.0, proxy=proxy)
    with Fetcher(Source(id="wire", url="http://wire.example.org/rss"), settings.fetch_options()) as fetcher:
        seen = json.loads(fetcher.get("http://wire.example.org/headers/via-proxy", kind="page").body)
        refused = fetcher.page("http://127.0.0.1:9/ok")
    assert {k.lower(): v for k, v in seen.items()}["proxy-authorization"] == "Basic cmVsYXk6cHctNw=="
    assert server.hits("/headers/via-proxy") == 1
    assert refused.error is not None and "127.0.0.1 is not a public address" in refused.error
    assert "pw-7" not in repr(settings)


def test_a_free_worker_takes_another_hosts_page_instead_of_waiting_behind_a_busy_host(server: FaultServer) -> None:
    """One slot per host, two workers, and the busy host's pages first in the list: the second worker
    must fetch the other host's page while the first host's request is still held."""
    other_requested = threading.Event()
    waited: list[bool] = []

    def held(request: FaultHandler, hit: int) -> None:
        if request.route_path.startswith("/held/a"):
            waited.append(other_requested.wait(timeout=5))
        else:
            other_requested.set()
        request.respond(200, b"<html><body><p>page</p></body></html>", {"Content-Type": "text/html"})

    server.add_route("held", held)
    other_host = server.url("/held/b").replace("127.0.0.1", "localhost")
    urls = [server.url("/held/a1"), server.url("/held/a2"), other_host]
    settings = Settings(min_delay=0.0, fetch_concurrency=2)
    with Fetcher(_source(server, max_per_host=1), settings.fetch_options()) as fetcher:
        pages = fetcher.pages(urls)
    assert [p.error for p in pages] == [None, None, None]
    assert waited[0] is True            # a1 was still in flight when the other host's page was asked for
