"""Collect a source's listings (feed snapshots, sitemaps, WARC records) as raw documents (one
``raw`` row each), and read the entries back out of stored listings. Fetching is I/O (through a
Fetcher); :func:`entries_of` is pure."""
from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import BinaryIO

from newsmon.collect.feeds import read_feed
from newsmon.collect.fetcher import Fetcher, sha256
from newsmon.errors import FeedParseError, FetchError
from newsmon.models import FeedEntry, RawDocument, Source

log = logging.getLogger(__name__)

LISTING_KINDS = ("feed", "sitemap", "warc-index")
UNCHANGED = ("not_modified", "same_body")     # FeedAnswer outcomes of a feed that did not change
MAX_SITEMAP_CHILDREN = 50


@dataclass(frozen=True, slots=True)
class FeedAnswer:
    """What a conditional GET of a feed found (see :func:`fetch_feed`)."""

    outcome: str                    # "changed", "not_modified" (304) or "same_body" (200, same sha256)
    document: RawDocument           # the snapshot to store: the new one, or ``previous`` when unchanged,
                                    # carrying the validators of this answer


def fetch_feed(source: Source, fetcher: Fetcher, previous: RawDocument | None) -> FeedAnswer:
    """Fetch the feed with the validators of ``previous`` and tell whether it changed.

    Servers are not trusted on it: a 200 whose body hashes like ``previous`` is unchanged, and a
    304 without a stored snapshot to stand for it is fetched again unconditionally.
    """
    got = fetcher.get(source.url, kind="feed",
                      etag=previous.etag if previous else None,
                      last_modified=previous.last_modified if previous else None)
    if got.status == 304:
        if previous is not None:
            return FeedAnswer("not_modified", replace(previous, etag=got.etag or previous.etag,
                                                      last_modified=got.last_modified or previous.last_modified))
        got = fetcher.get(source.url, kind="feed")
    if previous is not None and got.sha256 == previous.sha256:
        return FeedAnswer("same_body", replace(previous, etag=got.etag, last_modified=got.last_modified))
    return FeedAnswer("changed", got)


def collect_listings(source: Source, days: list[date], windows: Mapping[date, tuple[datetime, datetime]],
                     fetcher: Fetcher, previous_feed: RawDocument | None = None,
                     ) -> tuple[dict[date, list[RawDocument]], str | None]:
    """The listings (and, for WARC, pages) that each of ``days`` should store, and for a
    feed the outcome of its conditional GET (see :func:`fetch_feed`).

    A feed or sitemap snapshot serves every day; WARC records go to the day of their capture.
    Raises FetchError / FeedParseError when the source as a whole cannot be read.
    """
    if source.kind == "feed":
        check = fetch_feed(source, fetcher, previous_feed)
        return {day: [check.document] for day in days}, check.outcome
    if source.kind == "sitemap":
        start = min(windows[d][0] for d in days)
        found = _collect_sitemaps(source, start, fetcher)
        return {day: found for day in days}, None
    return _collect_warc(source, days, windows, fetcher), None


def _collect_sitemaps(source: Source, start: datetime, fetcher: Fetcher) -> list[RawDocument]:
    from newsmon.collect.sitemaps import parse_sitemap, select_children

    root = fetcher.get(source.url, kind="sitemap")
    found = [root]
    listing = parse_sitemap(source, root.body, base_url=root.final_url)
    children = select_children(listing, start, datetime.max.replace(tzinfo=UTC))
    if len(children) > MAX_SITEMAP_CHILDREN:
        log.warning("source %s: %d child sitemaps modified since %s; reading the first %d",
                    source.id, len(children), start, MAX_SITEMAP_CHILDREN)
    for url in children[:MAX_SITEMAP_CHILDREN]:
        try:
            found.append(fetcher.get(url, kind="sitemap"))
        except FetchError as exc:
            log.warning("source %s: child sitemap %s failed: %s", source.id, url, exc.reason)
    return found


def _collect_warc(source: Source, days: list[date], windows: Mapping[date, tuple[datetime, datetime]],
                  fetcher: Fetcher) -> dict[date, list[RawDocument]]:
    from newsmon.collect.warc import read_warc

    if source.url.startswith(("http://", "https://")):
        stream: BinaryIO = io.BytesIO(fetcher.get(source.url, kind="warc").body)
    else:
        try:
            stream = Path(source.url).open("rb")  # noqa: SIM115 -- closed by the `with stream` below
        except OSError as exc:
            raise FetchError(source.url, f"cannot open WARC file ({exc.strerror})") from exc
    start, end = min(windows[d][0] for d in days), max(windows[d][1] for d in days)
    by_day: dict[date, list[RawDocument]] = {day: [] for day in days}
    with stream:
        for page in read_warc(stream, start=start, end=end, hosts=source.hosts, max_body=fetcher.options.max_bytes):
            day = next((d for d in days if windows[d][0] <= page.captured_at < windows[d][1]), None)
            if day is None:
                continue
            by_day[day].append(RawDocument(
                source_id=source.id, kind="page", url=page.url, final_url=page.url, status=page.status,
                content_type=page.content_type, etag=None, last_modified=None, fetched_at=page.captured_at,
                sha256=sha256(page.body), body=page.body, error=None,
            ))
    for day, pages in by_day.items():
        manifest = json.dumps([{"url": p.url, "captured_at": p.fetched_at.isoformat()} for p in pages],
                              sort_keys=True).encode("utf-8")
        pages.insert(0, RawDocument(
            source_id=source.id, kind="warc-index", url=source.url, final_url=source.url, status=200,
            content_type="application/json", etag=None, last_modified=None,
            fetched_at=windows[day][0], sha256=sha256(manifest), body=manifest, error=None,
        ))
    return by_day


def entries_of(source: Source, documents: Iterable[RawDocument],
               skipped: list[str] | None = None) -> list[FeedEntry]:
    """Entries of every stored listing, the earliest listing winning per entry id, sorted by id.

    A listing that no longer parses is skipped when another one does; when none parses, the
    newest error is raised. Reasons for entries a feed's own policy skipped go to ``skipped``
    (each once).
    """
    listings = sorted((d for d in documents if d.kind in LISTING_KINDS and not d.error),
                      key=lambda d: (d.fetched_at, d.sha256))
    entries: dict[str, FeedEntry] = {}
    errors: list[FeedParseError] = []
    for listing in listings:
        try:
            parsed = _parse_listing(source, listing, skipped)
        except FeedParseError as exc:
            errors.append(exc)
            continue
        for entry in parsed:
            entries.setdefault(entry.entry_id, entry)
    if errors and len(errors) == len(listings):
        raise errors[-1]
    return sorted(entries.values(), key=lambda e: e.entry_id)


def _parse_listing(source: Source, listing: RawDocument, skipped: list[str] | None) -> list[FeedEntry]:
    if listing.kind == "feed":
        feed = read_feed(source, listing.body, base_url=listing.final_url)
        if skipped is not None:
            skipped.extend(r for r in feed.skipped if r not in skipped)
        return list(feed.entries)
    if listing.kind == "sitemap":
        from newsmon.collect.sitemaps import parse_sitemap

        return list(parse_sitemap(source, listing.body, base_url=listing.final_url).entries)
    records = json.loads(listing.body.decode("utf-8"))
    return [FeedEntry(source_id=source.id, entry_id=r["url"], url=r["url"], title=None,
                      published_at=datetime.fromisoformat(r["captured_at"]), summary=None) for r in records]
