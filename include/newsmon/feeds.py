"""Parse fetched feed bytes into FeedEntry records. Pure: feedparser never sees a URL to fetch."""
from __future__ import annotations

import calendar
import logging
import time
from datetime import UTC, datetime
from typing import Any

import feedparser

from newsmon.errors import FeedParseError
from newsmon.models import FeedEntry, Source

log = logging.getLogger(__name__)

# Encoding trouble feedparser recovers from by itself; anything else bozo is an error.
_SURVIVABLE = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)


def parse_feed(source: Source, body: bytes, *, base_url: str | None = None) -> list[FeedEntry]:
    """Return the usable entries of a feed, in feed order; raise FeedParseError if it is not a feed.

    An entry with no guid falls back to its link; an entry with neither is skipped with a log line.
    """
    if not body.strip():
        raise FeedParseError(source.url, "empty body")
    parsed = feedparser.parse(
        body,
        response_headers={"content-location": base_url or source.url},
        sanitize_html=True,
        resolve_relative_uris=True,
    )
    problem = parsed.get("bozo_exception")
    if parsed.get("bozo") and not isinstance(problem, _SURVIVABLE):
        raise FeedParseError(source.url, f"not a well-formed feed ({type(problem).__name__}: {problem})")
    if not parsed.get("version") and not parsed.entries:
        raise FeedParseError(source.url, "not an RSS or Atom feed")
    entries: list[FeedEntry] = []
    seen: set[str] = set()
    for raw in parsed.entries:
        entry = _to_entry(source, raw)
        if entry is None:
            log.warning("source %s: skipped an entry with neither guid nor link in %s", source.id, source.url)
        elif entry.entry_id in seen:
            log.info("source %s: skipped a repeated entry %s", source.id, entry.entry_id)
        else:
            seen.add(entry.entry_id)
            entries.append(entry)
    return entries


def _to_entry(source: Source, raw: Any) -> FeedEntry | None:
    link = _text(raw.get("link"))
    entry_id = _text(raw.get("id")) or link
    if not entry_id or not link:
        return None
    return FeedEntry(
        source_id=source.id,
        entry_id=entry_id,
        url=link,
        title=_text(raw.get("title")),
        # dict.get: FeedParserDict.get would map a missing published_parsed to updated_parsed, with a warning
        published_at=_utc(dict.get(raw, "published_parsed") or dict.get(raw, "updated_parsed")),
        summary=_text(raw.get("summary")),
    )


def _text(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value or None


def _utc(parsed: time.struct_time | None) -> datetime | None:
    """feedparser normalises dates to UTC struct_time; make them tz-aware datetimes."""
    if parsed is None:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
    except (OverflowError, ValueError, OSError):
        return None
