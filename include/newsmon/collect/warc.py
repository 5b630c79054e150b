"""Read captured HTML pages out of WARC files (``.warc`` or ``.warc.gz``, as CC-NEWS publishes them).

An archive source for the days feeds no longer cover. Streaming: records are read one at a time
with warcio and only the payloads of the pages kept are held in memory (each up to ``max_body``).
A damaged file (bad framing, a record cut short) raises WarcError once the intact records before
the damage have been yielded.
"""
from __future__ import annotations

import logging
import zlib
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, BinaryIO
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.limitreader import LimitReader
from warcio.statusandheaders import StatusAndHeadersParser, StatusAndHeadersParserException

from newsmon.errors import NewsmonError

log = logging.getLogger(__name__)

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_HTTP_PARSER = StatusAndHeadersParser(["HTTP/1.0", "HTTP/1.1"], verify=False)
_CHUNK = 64 * 1024
# What warcio (and the zlib/IO layers under it) raise on a file that is not a well-framed WARC.
_DAMAGE = (ArchiveLoadFailed, StatusAndHeadersParserException, EOFError, ValueError, OSError, zlib.error)


class WarcError(NewsmonError):
    """A WARC file is truncated, corrupt, or not a WARC file at all."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{reason}: {path}")
        self.path = path
        self.reason = reason


@dataclass(frozen=True, slots=True)
class WarcPage:
    """One captured HTML page: a WARC response record with HTTP status 200."""

    url: str                    # WARC-Target-URI
    captured_at: datetime       # WARC-Date, tz-aware UTC
    status: int                 # HTTP status of the captured response
    content_type: str | None    # the HTTP Content-Type header as captured (with any charset), else None
    body: bytes                 # the HTTP payload, decoded from chunking and Content-Encoding


def read_warc(
    stream: BinaryIO,
    *,
    start: datetime,
    end: datetime,
    hosts: Collection[str] = (),
    max_body: int = 10 * 1024 * 1024,
) -> Iterator[WarcPage]:
    """Yield the HTML pages captured in [start, end), in file order.

    Kept: ``response`` records of http(s) URIs with HTTP status 200, a text/html or
    application/xhtml+xml Content-Type (or none), a WARC-Date in [start, end) and, when ``hosts``
    is given, a host equal to one of them or a subdomain of one (lower-case, port and a leading
    "www." ignored). Pages whose decoded body exceeds ``max_body`` bytes are skipped with a log line.
    Raises WarcError when the file is damaged, after yielding the pages before the damage.
    """
    if start.tzinfo is None or end.tzinfo is None:
        raise ValueError("read_warc needs tz-aware start and end")
    wanted = tuple(sorted({_norm_host(host) for host in hosts} - {""})) if hosts else None
    path = _path(stream)
    for record in _records(stream, path):
        page = _page(record, path, start, end, wanted, max_body)
        _finish(record, path)
        if page is not None:
            yield page


def summarize_warc(stream: BinaryIO) -> tuple[datetime | None, datetime | None, int]:
    """The earliest and latest WARC-Date of the file's http(s) response records, and how many there are.

    Any status and content type counts (this says how far back the file reaches, not what
    read_warc keeps). Streams through the file; raises WarcError if it is damaged. A response
    with an unparsable WARC-Date is counted but does not move the dates.
    """
    path = _path(stream)
    earliest: datetime | None = None
    latest: datetime | None = None
    count = 0
    for record in _records(stream, path):
        if record.rec_type == "response" and _is_http(record):
            count += 1
            captured = _warc_date(record.rec_headers.get_header("WARC-Date"))
            if captured is not None:
                earliest = captured if earliest is None else min(earliest, captured)
                latest = captured if latest is None else max(latest, captured)
        _finish(record, path)
    return earliest, latest, count


def _records(stream: BinaryIO, path: str) -> Iterator[Any]:
    """The file's records, headers parsed but not their HTTP block; warcio's errors as WarcError."""
    records = ArchiveIterator(stream, no_record_parse=True)
    while True:
        try:
            record = next(records)
        except StopIteration:
            _check_tail(records, path)
            return
        except _DAMAGE as exc:
            raise WarcError(path, f"damaged WARC file ({type(exc).__name__}: {exc})") from exc
        if not isinstance(record.raw_stream, LimitReader) or not _valid_length(record):
            raise WarcError(path, "damaged WARC file (a record has no valid Content-Length)")
        yield record


def _valid_length(record: Any) -> bool:
    """warcio reads a missing or malformed Content-Length as 0 (or as "until EOF"); a WARC must not."""
    value = str(record.rec_headers.get_header("Content-Length") or "").strip()
    return value.isdigit() and value.isascii()


def _check_tail(records: Any, path: str) -> None:
    """Fail if bytes were read past the end of the last complete record.

    warcio ends the iteration quietly when a gzip file stops inside a member's header or early in
    its compressed data (nothing decompresses); the bytes read and the offset of the last record's
    end then disagree. (``fh`` and ``offset`` are warcio 1.8 internals; without them, no check.)
    """
    try:
        consumed, parsed = records.fh.tell(), records.offset
    except (AttributeError, OSError, ValueError):
        return
    if isinstance(consumed, int) and isinstance(parsed, int) and consumed > parsed:
        raise WarcError(path, f"truncated WARC file ({consumed - parsed} bytes after the last complete record)")


def _page(
    record: Any, path: str, start: datetime, end: datetime, hosts: tuple[str, ...] | None, max_body: int,
) -> WarcPage | None:
    """The page a record holds if it is one read_warc keeps, else None. Cheap checks come first.

    ``hosts`` None means any host; an empty tuple (only blank names were given) means none.
    """
    if record.rec_type != "response":
        return None
    if not _is_http(record):
        return None
    url = _target(record)
    captured = _warc_date(record.rec_headers.get_header("WARC-Date"))
    if captured is None:
        log.warning("WARC %s: skipped %s with an unparsable WARC-Date", path, url)
        return None
    if not start <= captured < end or (hosts is not None and not _host_matches(url, hosts)):
        return None
    try:
        http = _HTTP_PARSER.parse(record.raw_stream)
    except (EOFError, StatusAndHeadersParserException):
        return None                     # an empty block; if the file was cut here, _finish says so
    record.http_headers = http          # lets content_stream() undo chunking and Content-Encoding
    status = _status(http.statusline)
    content_type = (http.get_header("Content-Type") or "").strip() or None
    if status != 200 or not _is_html(content_type):
        return None
    try:
        body: bytes = record.content_stream().read(max_body + 1)
    except _DAMAGE as exc:
        raise WarcError(path, f"damaged WARC file ({type(exc).__name__}: {exc})") from exc
    if len(body) > max_body:
        log.warning("WARC %s: skipped %s, its body exceeds %d bytes", path, url, max_body)
        return None
    return WarcPage(url=url, captured_at=captured, status=status, content_type=content_type, body=body)


def _finish(record: Any, path: str) -> None:
    """Read the rest of the record, and fail if the file ends before its Content-Length does."""
    raw: LimitReader = record.raw_stream
    try:
        while raw.read(_CHUNK):
            pass
    except _DAMAGE as exc:
        raise WarcError(path, f"damaged WARC file ({type(exc).__name__}: {exc})") from exc
    if raw.limit > 0:
        uri = record.rec_headers.get_header("WARC-Target-URI") or record.rec_type
        raise WarcError(path, f"truncated WARC file ({uri} is missing {raw.limit} bytes)")


def _target(record: Any) -> str:
    return str(record.rec_headers.get_header("WARC-Target-URI") or "").strip()


def _is_http(record: Any) -> bool:
    """Whether the record captured an http(s) URI (not dns:, whois:, ...)."""
    return _target(record).lower().startswith(("http://", "https://"))


def _warc_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def _status(statusline: str) -> int:
    try:
        return int(statusline.split(None, 1)[0])
    except (IndexError, ValueError):
        return 0


def _is_html(content_type: str | None) -> bool:
    if content_type is None:
        return True
    media_type = content_type.split(";", 1)[0].strip().lower()
    return not media_type or media_type in HTML_TYPES


def _norm_host(host: str) -> str:
    """A host (or a URL) lower-cased, without port, trailing dot or leading "www."."""
    host = host.strip().lower()
    if "://" in host:
        host = urlsplit(host).hostname or ""
    else:
        host = host.split("/", 1)[0].rsplit("@", 1)[-1]
        if not host.startswith("["):
            host = host.split(":", 1)[0]
    host = host.rstrip(".")
    return host.removeprefix("www.")


def _host_matches(url: str, hosts: tuple[str, ...]) -> bool:
    try:
        host = _norm_host(urlsplit(url).hostname or "")
    except ValueError:
        return False
    return bool(host) and any(host == wanted or host.endswith("." + wanted) for wanted in hosts)


def _path(stream: BinaryIO) -> str:
    name = getattr(stream, "name", None)
    return str(name) if name is not None else "<stream>"
