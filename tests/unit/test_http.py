"""fetch() against a real HTTP server on 127.0.0.1."""
from __future__ import annotations

import gzip
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newsmon.config import Settings
from newsmon.errors import FetchError
from newsmon.http import fetch, make_client

BIG = b"x" * 5000
BOMB = gzip.compress(b"\0" * 2_000_000)


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        routes = {
            "/ok": (200, {"Content-Type": "text/html", "ETag": '"v1"'}, b"<p>hello</p>"),
            "/missing": (404, {}, b"nope"),
            "/error": (503, {}, b"down"),
            "/moved": (301, {"Location": "/ok"}, b""),
            "/loop-a": (302, {"Location": "/loop-b"}, b""),
            "/loop-b": (302, {"Location": "/loop-a"}, b""),
            "/big": (200, {}, BIG),
            "/bomb": (200, {"Content-Encoding": "gzip"}, BOMB),
            "/ua": (200, {}, self.headers.get("User-Agent", "").encode()),
        }
        if self.path.startswith("/chain/"):
            n = int(self.path.rsplit("/", 1)[1])
            status, headers, body = (302, {"Location": f"/chain/{n - 1}"}, b"") if n else (200, {}, b"end")
        else:
            status, headers, body = routes[self.path]
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join()


def _get(url: str, max_bytes: int = 10_000, max_redirects: int = 3) -> bytes:
    with make_client(Settings(user_agent="newsmon-test/1 (+https://example.org/contact)")) as client:
        return fetch(client, url, max_bytes=max_bytes, max_redirects=max_redirects).body


def test_fetch_returns_body_and_validators(server: str) -> None:
    with make_client(Settings()) as client:
        got = fetch(client, f"{server}/ok", max_bytes=1000, max_redirects=3)
    assert got.body == b"<p>hello</p>" and got.status == 200 and got.etag == '"v1"'
    assert got.content_type == "text/html"


def test_fetch_sends_the_configured_user_agent(server: str) -> None:
    assert _get(f"{server}/ua") == b"newsmon-test/1 (+https://example.org/contact)"


def test_fetch_follows_redirects_and_reports_the_final_url(server: str) -> None:
    with make_client(Settings()) as client:
        got = fetch(client, f"{server}/moved", max_bytes=1000, max_redirects=3)
    assert got.final_url == f"{server}/ok" and got.url == f"{server}/moved"


@pytest.mark.parametrize(("path", "reason"), [
    ("/missing", "HTTP 404"),
    ("/error", "HTTP 503"),
    ("/loop-a", "redirect loop"),
    ("/chain/5", "more than 3 redirects"),
    ("/big", "exceeds the 1000-byte limit"),
    ("/bomb", "exceeds the 1000-byte limit"),
])
def test_fetch_raises_a_typed_error_with_the_reason(server: str, path: str, reason: str) -> None:
    with pytest.raises(FetchError, match=reason) as caught:
        _get(f"{server}{path}", max_bytes=1000)
    assert caught.value.url == f"{server}{path}"


def test_fetch_allows_redirect_chains_within_the_cap(server: str) -> None:
    assert _get(f"{server}/chain/3") == b"end"


def test_fetch_reports_a_refused_connection(server: str) -> None:
    with pytest.raises(FetchError, match="ConnectError"):
        _get("http://127.0.0.1:9/nothing-listens-here")
