"""Parse fetched sitemap bytes (sitemaps, sitemap indexes, Google News sitemaps) into FeedEntry records.

An archive source for the days feeds no longer cover. Pure: nothing is fetched here; a sitemap index
gives the URLs of its child sitemaps and the caller decides which to fetch (see ``select_children``).

The parser is hardened: sitemaps never need a DTD, so any DOCTYPE or ENTITY declaration is refused
before expat sees the bytes (and again by the tree builder, whatever the encoding), which rules out
entity-expansion bombs; gzip bodies are decompressed with the sitemap protocol's 50 MB cap.
"""
from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as ET
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

from newsmon.errors import FeedParseError
from newsmon.models import FeedEntry, Source

log = logging.getLogger(__name__)

MAX_SITEMAP_BYTES = 50 * 1024 * 1024        # the sitemap protocol's limit, uncompressed

_GZIP_MAGIC = b"\x1f\x8b"
_UTF8_BOM = b"\xef\xbb\xbf"
_DTD_MARKERS = tuple(
    re.compile(re.escape(marker.encode(encoding)), re.IGNORECASE)
    for encoding in ("ascii", "utf-16-le", "utf-16-be")
    for marker in ("<!DOCTYPE", "<!ENTITY")
)
# W3C datetime (https://www.w3.org/TR/NOTE-datetime), a little lenient: 1-2 digit fields, a space
# for the T, a comma for the decimal point, "+hhmm"/"+hh" offsets and a missing offset (read as UTC).
_W3C_DATETIME = re.compile(
    r"""
    (?P<year>\d{4})
    (?:-(?P<month>\d{1,2})
      (?:-(?P<day>\d{1,2})
        (?:[Tt\ ](?P<hour>\d{1,2}):(?P<minute>\d{2})
          (?::(?P<second>\d{2})(?:[.,](?P<fraction>\d+))?)?
          \s*(?P<tz>[Zz]|[+-]\d{2}(?::?\d{2})?)?
        )?
      )?
    )?
    """,
    re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class SitemapListing:
    """What one sitemap file lists: article entries (a ``<urlset>``) or child sitemaps (an index)."""

    entries: tuple[FeedEntry, ...]              # from <urlset>, in file order, first of each <loc>
    children: tuple[str, ...]                   # from <sitemapindex>: absolute child sitemap URLs
    child_dates: tuple[datetime | None, ...]    # <lastmod> of each child (UTC), aligned with children


class _DtdRefused(Exception):
    """Raised from inside the tree builder when the document declares a DTD."""


class _NoDtdTreeBuilder(ET.TreeBuilder):
    """A TreeBuilder that aborts the parse at a DOCTYPE, before any entity declaration is read."""

    def doctype(self, name: str, pubid: str | None, system: str | None) -> None:
        raise _DtdRefused(name)


def parse_sitemap(source: Source, body: bytes, *, base_url: str | None = None) -> SitemapListing:
    """Return what a sitemap or sitemap index lists; raise FeedParseError if the bytes are not one.

    ``body`` may be gzip-compressed. Relative ``<loc>``s are resolved against ``base_url`` (else the
    source's URL). A ``<url>`` without a usable ``<loc>`` or with an unparsable date is skipped with
    a log line; an index child with an unparsable ``<lastmod>`` is kept with no date.
    """
    base = base_url or source.url
    root = _parse_xml(source.url, body)
    kind = _local(root.tag)
    if kind == "urlset":
        return SitemapListing(entries=tuple(_entries(source, root, base)), children=(), child_dates=())
    if kind == "sitemapindex":
        children, dates = _children(source, root, base)
        return SitemapListing(entries=(), children=tuple(children), child_dates=tuple(dates))
    raise FeedParseError(source.url, f"not a sitemap (root element <{kind}>)")


def select_children(listing: SitemapListing, start: datetime, end: datetime) -> list[str]:
    """The child sitemaps that may list articles of [start, end), in index order.

    A child last modified before ``start`` cannot list articles published after it, so it is dropped;
    a child modified at or after ``start`` is kept (even after ``end``: sitemaps grow), and so is a
    child with no ``<lastmod>``. ``start`` and ``end`` must be tz-aware.
    """
    if start.tzinfo is None or end.tzinfo is None:
        raise ValueError("select_children needs tz-aware start and end")
    if end < start:
        raise ValueError(f"select_children window ends before it starts: {start} .. {end}")
    return [
        child for child, modified in zip(listing.children, listing.child_dates, strict=True)
        if modified is None or modified >= start
    ]


def parse_w3c_datetime(value: str) -> datetime | None:
    """A W3C datetime (YYYY, YYYY-MM, YYYY-MM-DD, YYYY-MM-DDThh:mm[:ss[.s]]TZD) as tz-aware UTC.

    Missing parts are the start of the period (a date means 00:00 UTC); a time without an offset is
    read as UTC. Returns None when the value is not such a datetime or is out of range.
    """
    match = _W3C_DATETIME.fullmatch(value.strip())
    if match is None:
        return None
    part = match.groupdict()
    text = f"{part['year']}-{int(part['month'] or 1):02d}-{int(part['day'] or 1):02d}"
    text += f"T{int(part['hour'] or 0):02d}:{part['minute'] or '00'}:{part['second'] or '00'}"
    if part["fraction"]:
        text += "." + part["fraction"][:6].ljust(6, "0")
    tz = part["tz"]
    if tz is None or tz.upper() == "Z":
        offset = "+00:00"
    else:
        digits = tz[1:].replace(":", "")
        offset = f"{tz[0]}{digits[:2]}:{digits[2:] or '00'}"
    try:
        parsed = datetime.fromisoformat(text + offset)
        return parsed.astimezone(UTC)
    except (ValueError, OverflowError):
        return None


def _parse_xml(url: str, body: bytes) -> ET.Element:
    if body.startswith(_GZIP_MAGIC):
        body = _gunzip(url, body)
    elif len(body) > MAX_SITEMAP_BYTES:
        raise FeedParseError(url, f"sitemap exceeds {MAX_SITEMAP_BYTES} bytes")
    body = body.removeprefix(_UTF8_BOM)
    body = body.lstrip(b" \t\r\n")         # expat refuses whitespace before the XML declaration
    if not body:
        raise FeedParseError(url, "empty body")
    if any(marker.search(body) for marker in _DTD_MARKERS):
        raise FeedParseError(url, "sitemap declares a DTD")
    parser = ET.XMLParser(target=_NoDtdTreeBuilder())
    try:
        parser.feed(body)
        root: ET.Element = parser.close()
    except _DtdRefused:
        raise FeedParseError(url, "sitemap declares a DTD") from None
    except ET.ParseError as exc:
        raise FeedParseError(url, f"not well-formed XML ({exc})") from None
    return root


def _gunzip(url: str, body: bytes) -> bytes:
    """Decompress every gzip member of ``body``, refusing more than MAX_SITEMAP_BYTES of output."""
    out = bytearray()
    data = body
    while True:
        decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            out += decompressor.decompress(data, MAX_SITEMAP_BYTES - len(out) + 1)
        except zlib.error as exc:
            raise FeedParseError(url, f"corrupt gzip data ({exc})") from None
        if len(out) > MAX_SITEMAP_BYTES:
            raise FeedParseError(url, f"sitemap exceeds {MAX_SITEMAP_BYTES} bytes decompressed")
        if not decompressor.eof:
            raise FeedParseError(url, "truncated gzip data")
        data = decompressor.unused_data
        if not data.strip(b"\x00"):         # end of input, or the zero padding some writers add
            return bytes(out)
        if not data.startswith(_GZIP_MAGIC):
            raise FeedParseError(url, "trailing bytes after the gzip data")


def _entries(source: Source, root: ET.Element, base: str) -> list[FeedEntry]:
    entries: list[FeedEntry] = []
    seen: set[str] = set()
    for item in root:
        if _local(item.tag) != "url":
            continue
        entry = _to_entry(source, item, base)
        if entry is None:
            continue
        if entry.entry_id in seen:
            log.info("source %s: skipped a repeated sitemap <loc> %s", source.id, entry.entry_id)
            continue
        seen.add(entry.entry_id)
        entries.append(entry)
    return entries


def _to_entry(source: Source, item: ET.Element, base: str) -> FeedEntry | None:
    url = _absolute(_child_text(item, "loc"), base)
    if url is None:
        log.warning("source %s: skipped a sitemap <url> without a usable <loc> in %s", source.id, source.url)
        return None
    news = _child(item, "news")
    title = _child_text(news, "title") if news is not None else None
    published = _child_text(news, "publication_date") if news is not None else None
    field = "news:publication_date" if published else "lastmod"
    raw_date = published or _child_text(item, "lastmod")
    published_at = parse_w3c_datetime(raw_date) if raw_date else None
    if raw_date and published_at is None:
        log.warning("source %s: skipped sitemap <url> %s with an unparsable <%s> %r",
                    source.id, url, field, raw_date)
        return None
    return FeedEntry(
        source_id=source.id, entry_id=url, url=url, title=title, published_at=published_at, summary=None,
    )


def _children(source: Source, root: ET.Element, base: str) -> tuple[list[str], list[datetime | None]]:
    children: list[str] = []
    dates: list[datetime | None] = []
    for item in root:
        if _local(item.tag) != "sitemap":
            continue
        url = _absolute(_child_text(item, "loc"), base)
        if url is None:
            log.warning("source %s: skipped a <sitemap> without a usable <loc> in %s", source.id, source.url)
            continue
        if url in children:
            log.info("source %s: skipped a repeated child sitemap %s", source.id, url)
            continue
        raw_date = _child_text(item, "lastmod")
        modified = parse_w3c_datetime(raw_date) if raw_date else None
        if raw_date and modified is None:
            log.warning("source %s: child sitemap %s has an unparsable <lastmod> %r; kept without a date",
                        source.id, url, raw_date)
        children.append(url)
        dates.append(modified)
    return children, dates


def _local(tag: str) -> str:
    """An element's name without its namespace: sitemaps in the wild use several (or none)."""
    return tag.rsplit("}", 1)[-1]


def _child(parent: ET.Element, name: str) -> ET.Element | None:
    for child in parent:
        if _local(child.tag) == name:
            return child
    return None


def _child_text(parent: ET.Element, name: str) -> str | None:
    child = _child(parent, name)
    if child is None:
        return None
    text = "".join(child.itertext()).strip()
    return text or None


def _absolute(loc: str | None, base: str) -> str | None:
    """``loc`` resolved against ``base``; None unless the result is an absolute http(s) URL."""
    if not loc:
        return None
    url = urljoin(base, loc)
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url
