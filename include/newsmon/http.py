"""The only HTTP code: polite GETs with timeouts, capped redirects and a capped body size."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import urljoin

import httpx

from newsmon.config import Settings
from newsmon.errors import FetchError

log = logging.getLogger(__name__)

_REDIRECTS = {301, 302, 303, 307, 308}


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


def make_client(settings: Settings, transport: httpx.BaseTransport | None = None) -> httpx.Client:
    """An httpx client with explicit timeouts and newsmon's User-Agent. Redirects are ours to follow."""
    timeout = httpx.Timeout(settings.read_timeout, connect=settings.connect_timeout)
    return httpx.Client(
        timeout=timeout,
        headers={"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate"},
        follow_redirects=False,
        transport=transport,
    )


def fetch(
    client: httpx.Client,
    url: str,
    *,
    max_bytes: int,
    max_redirects: int,
    etag: str | None = None,
    last_modified: str | None = None,
) -> Fetched:
    """GET ``url``; raise FetchError on a network error, a non-2xx status or a broken limit."""
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    current, seen = url, {url}
    for _ in range(max_redirects + 1):
        try:
            with client.stream("GET", current, headers=headers) as response:
                if response.status_code in _REDIRECTS and "location" in response.headers:
                    current = urljoin(current, response.headers["location"])
                    if current in seen:
                        raise FetchError(url, f"redirect loop at {current}")
                    seen.add(current)
                    continue
                if not 200 <= response.status_code < 300 and response.status_code != 304:
                    raise FetchError(url, f"HTTP {response.status_code}", status=response.status_code)
                body = _read_capped(response, url, max_bytes)
                log.debug("fetched %s -> %s (%d bytes)", url, current, len(body))
                return Fetched(
                    url=url,
                    final_url=str(response.url),
                    status=response.status_code,
                    content_type=response.headers.get("content-type"),
                    etag=response.headers.get("etag"),
                    last_modified=response.headers.get("last-modified"),
                    body=body,
                )
        except httpx.TimeoutException as exc:
            raise FetchError(url, f"timeout ({type(exc).__name__})") from exc
        except httpx.HTTPError as exc:
            raise FetchError(url, f"{type(exc).__name__}: {exc}") from exc
    raise FetchError(url, f"more than {max_redirects} redirects")


def _read_capped(response: httpx.Response, url: str, max_bytes: int) -> bytes:
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(url, f"body of {declared} bytes exceeds the {max_bytes}-byte limit")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():  # decoded bytes: the cap also bounds decompression
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(url, f"body exceeds the {max_bytes}-byte limit")
        chunks.append(chunk)
    return b"".join(chunks)
