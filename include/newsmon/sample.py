"""Serve the bundled sample site over HTTP on 127.0.0.1, so the demo and tests run offline.

Feed files hold the placeholder ``${NEWSMON_SAMPLE_URL}``; it is replaced with the server's own
base URL as the files are served, so the sample works on whatever port is free.
"""
from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Self

SAMPLE_SITE = Path(__file__).resolve().parents[1] / "sample" / "site"
SAMPLE_SOURCES = Path(__file__).resolve().parents[1] / "config" / "sources.sample.yaml"
PLACEHOLDER = b"${NEWSMON_SAMPLE_URL}"
_FEED_SUFFIXES = (".xml", ".rss", ".atom")
_TYPES = {".rss": "application/rss+xml", ".atom": "application/atom+xml", ".xml": "application/xml"}


class _SiteHandler(SimpleHTTPRequestHandler):
    base_url = ""

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.suffix not in _FEED_SUFFIXES or not path.is_file():
            super().do_GET()
            return
        body = path.read_bytes().replace(PLACEHOLDER, self.base_url.encode("ascii"))
        etag = f'"{hashlib.sha256(body).hexdigest()[:20]}"'
        if self.headers.get("If-None-Match") == etag:   # conditional GET, as real feed servers do
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("ETag", etag)
        self.send_header("Content-Type", _TYPES[path.suffix] + "; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # keep test and demo output quiet
        pass


class SampleSite:
    """A running server for a site folder. ``start`` binds at once, so a busy port fails there."""

    def __init__(self, server: ThreadingHTTPServer, thread: threading.Thread, base_url: str) -> None:
        self._server, self._thread, self.base_url = server, thread, base_url

    @classmethod
    def start(cls, directory: Path = SAMPLE_SITE, host: str = "127.0.0.1", port: int = 0) -> SampleSite:
        class Handler(_SiteHandler):  # a class per server: each knows its own base URL
            base_url = ""

        server = ThreadingHTTPServer((host, port), partial(Handler, directory=str(directory)))
        Handler.base_url = f"http://{host}:{server.server_address[1]}"
        thread = threading.Thread(target=server.serve_forever, name="newsmon-sample-site", daemon=True)
        thread.start()
        return cls(server, thread, Handler.base_url)

    def close(self) -> None:
        """Stop serving; closing twice is harmless."""
        if not self._thread.is_alive():
            return
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@contextmanager
def serve_site(directory: Path = SAMPLE_SITE, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Serve ``directory`` in a background thread; yield the base URL, e.g. ``http://127.0.0.1:41234``."""
    with SampleSite.start(directory, host, port) as site:
        yield site.base_url
