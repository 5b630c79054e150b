"""The SSRF guard: non-public addresses are refused where the socket is opened, for the first
URL, for redirect hops and for every DNS answer; real connections against 127.0.0.1."""
from __future__ import annotations

from collections.abc import Iterator

import pytest

from newsmon.collect.http import fetch, make_client
from newsmon.collect.netguard import is_public
from newsmon.config import Settings
from newsmon.errors import FetchError
from tests.faultserver import FaultHandler, FaultServer, fault_server


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with fault_server() as running:
        yield running


@pytest.mark.parametrize(("address", "public"), [
    ("93.184.216.34", True), ("8.8.8.8", True), ("2606:4700:4700::1111", True),
    ("127.0.0.1", False), ("127.8.9.10", False), ("10.1.2.3", False), ("172.16.0.1", False),
    ("192.168.0.10", False), ("169.254.169.254", False), ("100.64.0.1", False), ("0.0.0.0", False),
    ("224.0.0.251", False), ("255.255.255.255", False), ("::1", False), ("::", False), ("fe80::1%eth0", False),
    ("fd00::1", False), ("::ffff:127.0.0.1", False), ("::ffff:10.0.0.1", False), ("::ffff:8.8.8.8", True),
])
def test_is_public(address: str, public: bool) -> None:
    assert is_public(address) is public


def _get(url: str, **client: object) -> None:
    with make_client(Settings(max_attempts=3).fetch_options(), **client) as http:  # type: ignore[arg-type]
        fetch(http, url, max_bytes=1000, max_redirects=3)


def test_loopback_is_refused_before_any_request_reaches_it(server: FaultServer) -> None:
    with pytest.raises(FetchError, match=r"refused: 127\.0\.0\.1 is not a public address") as caught:
        _get(server.url("/ok/guarded"))
    assert server.hits("/ok/guarded") == 0
    assert "after" not in caught.value.reason          # a refusal is never retried


def test_a_name_that_resolves_to_loopback_is_refused(server: FaultServer) -> None:
    url = server.url("/ok/by-name").replace("127.0.0.1", "localhost")
    with pytest.raises(FetchError, match=r"refused: localhost resolves to (127\.0\.0\.1|::1), which is not"):
        _get(url)
    assert server.hits("/ok/by-name") == 0


def test_one_private_answer_among_public_ones_refuses_the_host(server: FaultServer) -> None:
    def resolver(host: str, port: int) -> list[str]:
        return ["93.184.216.34", "10.0.0.7"]

    with pytest.raises(FetchError, match=r"news\.test resolves to 10\.0\.0\.7"):
        _get("http://news.test/story", resolver=resolver)


def test_the_connection_goes_to_the_address_that_was_checked(server: FaultServer) -> None:
    """No second lookup between the check and the connect: a name that only the guard's resolver
    knows still reaches the address it answered (so DNS rebinding cannot swap it)."""
    def resolver(host: str, port: int) -> list[str]:
        assert host == "wire.test"
        return ["127.0.0.1"]

    port = server.url("/").split(":")[2].split("/")[0]
    with make_client(Settings().fetch_options(), resolver=resolver, address_allowed=lambda a: a == "127.0.0.1") as http:
        got = fetch(http, f"http://wire.test:{port}/ok/rebind", max_bytes=1000, max_redirects=1)
    assert got.body == b"ok" and server.hits("/ok/rebind") == 1


def test_a_redirect_to_a_private_address_is_refused(server: FaultServer) -> None:
    def to_metadata(request: FaultHandler, hit: int) -> None:
        request.respond(302, headers={"Location": "http://169.254.169.254/latest/meta-data/"})

    server.add_route("hop", to_metadata)
    with make_client(Settings().fetch_options(), address_allowed=lambda a: a == "127.0.0.1") as http, \
            pytest.raises(FetchError, match=r"refused: 169\.254\.169\.254 is not a public address"):
        fetch(http, server.url("/hop/x"), max_bytes=1000, max_redirects=3)
    assert server.hits("/hop/x") == 1


def test_allow_private_lets_a_source_reach_a_local_server(server: FaultServer) -> None:
    with make_client(Settings().fetch_options(), allow_private=True) as http:
        assert fetch(http, server.url("/ok/allowed"), max_bytes=1000, max_redirects=1).body == b"ok"
