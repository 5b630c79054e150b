"""A fault-injecting HTTP server on 127.0.0.1 for any test that fetches.

    with fault_server() as server:
        fetch(client, server.url("/flaky/a?fails=2"), ...)
        assert server.hits("/flaky/a") == 3

Routes are chosen by the first path segment; the rest of the path is free, so a test can use a
fresh path (and a fresh hit counter) per case. Counters are per path, query string excluded.
Parameters come from the query string.

=====================================  =========================================================
``/ok``                                200 ``text/plain`` ``ok`` (``ETag: "v1"``; 304 on a match)
``/status/<code>/...``                 always ``<code>`` (``/status/503``, ``/status/404/x``...)
``/flaky/...?fails=1&status=500``      ``status`` for the first ``fails`` hits of the path, then
                                       ``then`` (default 200)
``/retry-after/...?seconds=3&fails=1`` 429 with ``Retry-After: seconds`` for the first ``fails``
                                       hits (``date=1``: as an HTTP date), then 200
``/drip?bytes=600&interval=0.1``       declares ``bytes``, then sends one byte per ``interval``
``/stall?after=0``                     sends ``after`` body bytes of 100, then nothing until shutdown
``/reset``                             reads the request, closes the socket with a TCP RST
``/close``                             reads the request, closes the socket without a response
``/redirect/<n>``                      a chain of ``n`` 302s ending in 200 ``end``
``/loop/a``, ``/loop/b``               302 to each other
``/big?bytes=1048576&declare=1``       an oversized body (``declare=0``: no Content-Length)
``/gzip-bomb?size=52428800``           ``Content-Encoding: gzip``, ~50 KB on the wire, ``size`` zeros
``/wrong-charset``                     RSS declared ``charset=utf-8`` whose bytes are latin-1
``/html-feed``                         an HTML page served as ``text/html`` where a feed is expected
``/empty``                             200 with an empty body
``/billion-laughs``                    ``application/xml`` with nested entity expansion
``/headers``                           the request headers as JSON
=====================================  =========================================================

More routes: ``server.add_route("name", handler)`` where ``handler(request, hit) -> None``
writes the response through the :class:`http.server.BaseHTTPRequestHandler` ``request``.
"""
from __future__ import annotations

import functools
import gzip
import json
import socket
import struct
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

Handler = Callable[["FaultHandler", int], None]

LATIN1_FEED = (
    '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Caf\u00e9</title>'
    "<item><title>Gendarmerie: 12 arrestations \u00e0 Orl\u00e9ans</title><link>http://example.org/a</link>"
    "</item></channel></rss>"
).encode("latin-1")
HTML_PAGE = b"<!doctype html><html><head><title>Not a feed</title></head><body><p>Hello</p></body></html>"
BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n'
    + b"".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'.encode()
        for i in range(1, 10)
    )
    + b']>\n<rss version="2.0"><channel><title>&lol9;</title></channel></rss>\n'
)


@functools.lru_cache(maxsize=8)
def gzip_bomb(size: int) -> bytes:
    """``size`` zero bytes, gzip-compressed (about 1000:1)."""
    return gzip.compress(b"\0" * size, compresslevel=9)


class FaultHandler(BaseHTTPRequestHandler):
    """Dispatches to the server's routes; helpers for the route handlers."""

    server: FaultHTTPServer
    protocol_version = "HTTP/1.0"  # one request per connection: simple and predictable

    @property
    def route_path(self) -> str:
        return urlsplit(self.path).path

    def param(self, name: str, default: str) -> str:
        return parse_qs(urlsplit(self.path).query).get(name, [default])[0]

    def respond(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None,
                declare_length: bool = True) -> None:
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        if declare_length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.route_path
        hit = self.server.count(path)
        name = path.strip("/").split("/", 1)[0]
        handler = self.server.routes.get(name)
        if handler is None:
            self.respond(404, b"no such route")
            return
        try:
            handler(self, hit)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up: that is what many of these routes are for

    def log_message(self, format: str, *args: object) -> None:
        pass


class FaultHTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), FaultHandler)
        self.routes: dict[str, Handler] = dict(_ROUTES)
        self.stopping = threading.Event()
        self._hits: Counter[str] = Counter()
        self._lock = threading.Lock()

    def count(self, path: str) -> int:
        """Record a hit on ``path``; return its number (1 for the first)."""
        with self._lock:
            self._hits[path] += 1
            return self._hits[path]

    def hits(self, path: str) -> int:
        with self._lock:
            return self._hits[path]


class FaultServer:
    """The running server as tests see it."""

    def __init__(self, httpd: FaultHTTPServer) -> None:
        self._httpd = httpd
        self.base_url = f"http://127.0.0.1:{httpd.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base_url + (path if path.startswith("/") else "/" + path)

    def hits(self, path: str) -> int:
        """Requests received for ``path`` (query string excluded)."""
        return self._httpd.hits(urlsplit(path).path)

    def add_route(self, name: str, handler: Handler) -> None:
        """Serve ``/name`` and ``/name/...`` with ``handler(request, hit_number)``."""
        self._httpd.routes[name.strip("/")] = handler


@contextmanager
def fault_server() -> Iterator[FaultServer]:
    """A FaultServer on 127.0.0.1:<free port>, served from a daemon thread; stopped on exit."""
    httpd = FaultHTTPServer()
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), name="faultserver", daemon=True)
    thread.start()
    try:
        yield FaultServer(httpd)
    finally:
        httpd.stopping.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join()


# ---------------------------------------------------------------------------------------- routes

def _ok(request: FaultHandler, hit: int) -> None:
    if request.headers.get("If-None-Match") == '"v1"':
        request.respond(304, headers={"ETag": '"v1"'}, declare_length=False)
        return
    request.respond(200, b"ok", {"Content-Type": "text/plain", "ETag": '"v1"'})


def _status(request: FaultHandler, hit: int) -> None:
    code = int(request.route_path.split("/")[2])
    request.respond(code, f"status {code}".encode())


def _flaky(request: FaultHandler, hit: int) -> None:
    if hit <= int(request.param("fails", "1")):
        request.respond(int(request.param("status", "500")), b"try again")
    else:
        request.respond(int(request.param("then", "200")), b"ok", {"Content-Type": "text/plain"})


def _retry_after(request: FaultHandler, hit: int) -> None:
    if hit > int(request.param("fails", "1")):
        request.respond(200, b"ok", {"Content-Type": "text/plain"})
        return
    seconds = int(request.param("seconds", "3"))
    value = formatdate(time.time() + seconds, usegmt=True) if request.param("date", "0") == "1" else str(seconds)
    request.respond(int(request.param("status", "429")), b"slow down", {"Retry-After": value})


def _drip(request: FaultHandler, hit: int) -> None:
    _drip_bytes(request, int(request.param("bytes", "600")), float(request.param("interval", "0.1")))


def dripping(total: int, interval: float) -> Handler:
    """A route (for :meth:`FaultServer.add_route`) that drips like ``/drip``: ``total`` bytes, one per ``interval``."""
    return lambda request, hit: _drip_bytes(request, total, interval)


def _drip_bytes(request: FaultHandler, total: int, interval: float) -> None:
    request.send_response(200)
    request.send_header("Content-Type", "text/plain")
    request.send_header("Content-Length", str(total))
    request.end_headers()
    for _ in range(total):
        if request.server.stopping.wait(interval):
            return
        request.wfile.write(b"x")
        request.wfile.flush()


def _stall(request: FaultHandler, hit: int) -> None:
    after = int(request.param("after", "0"))
    request.send_response(200)
    request.send_header("Content-Length", "100")
    request.end_headers()
    request.wfile.write(b"x" * after)
    request.wfile.flush()
    request.server.stopping.wait()


def _reset(request: FaultHandler, hit: int) -> None:
    request.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    request.connection.close()
    request.close_connection = True


def _close(request: FaultHandler, hit: int) -> None:
    request.connection.shutdown(socket.SHUT_RDWR)
    request.close_connection = True


def _redirect(request: FaultHandler, hit: int) -> None:
    n = int(request.route_path.rstrip("/").rsplit("/", 1)[1])
    if n:
        request.respond(302, headers={"Location": f"/redirect/{n - 1}"})
    else:
        request.respond(200, b"end")


def _loop(request: FaultHandler, hit: int) -> None:
    other = "/loop/b" if request.route_path.endswith("/a") else "/loop/a"
    request.respond(302, headers={"Location": other})


def _big(request: FaultHandler, hit: int) -> None:
    body = b"x" * int(request.param("bytes", str(1024 * 1024)))
    request.respond(200, body, {"Content-Type": "text/plain"}, declare_length=request.param("declare", "1") == "1")


def _gzip_bomb(request: FaultHandler, hit: int) -> None:
    request.respond(200, gzip_bomb(int(request.param("size", str(50 * 1024 * 1024)))),
                    {"Content-Type": "application/rss+xml", "Content-Encoding": "gzip"})


def _wrong_charset(request: FaultHandler, hit: int) -> None:
    request.respond(200, LATIN1_FEED, {"Content-Type": "application/rss+xml; charset=utf-8"})


def _html_feed(request: FaultHandler, hit: int) -> None:
    request.respond(200, HTML_PAGE, {"Content-Type": "text/html; charset=utf-8"})


def _empty(request: FaultHandler, hit: int) -> None:
    request.respond(200, b"", {"Content-Type": "application/rss+xml"})


def _billion_laughs(request: FaultHandler, hit: int) -> None:
    request.respond(200, BILLION_LAUGHS, {"Content-Type": "application/xml"})


def _headers(request: FaultHandler, hit: int) -> None:
    request.respond(200, json.dumps(dict(request.headers.items())).encode(), {"Content-Type": "application/json"})


_ROUTES: dict[str, Handler] = {
    "ok": _ok, "status": _status, "flaky": _flaky, "retry-after": _retry_after, "drip": _drip,
    "stall": _stall, "reset": _reset, "close": _close, "redirect": _redirect, "loop": _loop, "big": _big,
    "gzip-bomb": _gzip_bomb, "wrong-charset": _wrong_charset, "html-feed": _html_feed, "empty": _empty,
    "billion-laughs": _billion_laughs, "headers": _headers,
}
