"""Collect a source's listings (feed snapshots, sitemaps, WARC records) and pages as ``raw`` rows,
and read the entries back out of stored listings. Fetching is I/O; :func:`entries_of` is pure."""
from __future__ import annotations

import hashlib
import io
import json
import logging
from collections.abc import Iterable, Mapping
from dataclasses import asdict
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, BinaryIO

import httpx

from newsmon.config import Settings
from newsmon.errors import FeedParseError, FetchError
from newsmon.feeds import parse_feed
from newsmon.http import fetch
from newsmon.models import FeedEntry, RawDocument, Source

log = logging.getLogger(__name__)

Row = dict[str, Any]
LISTING_KINDS = ("feed", "sitemap", "warc-index")
MAX_SITEMAP_CHILDREN = 50


def fetch_raw(client: httpx.Client, url: str, settings: Settings, *, source_id: str, kind: str) -> RawDocument:
    """GET ``url`` as a raw row; raises FetchError."""
    got = fetch(client, url, max_bytes=settings.max_bytes, max_redirects=settings.max_redirects)
    return RawDocument(
        source_id=source_id, kind=kind, url=url, final_url=got.final_url, status=got.status,
        content_type=got.content_type, etag=got.etag, last_modified=got.last_modified,
        fetched_at=_now(), sha256=_sha256(got.body), body=got.body, error=None,
    )


def fetch_page(client: httpx.Client, url: str, settings: Settings, source_id: str) -> RawDocument:
    """Fetch an article page; a failure is recorded as a raw row with its reason, not raised."""
    try:
        return fetch_raw(client, url, settings, source_id=source_id, kind="page")
    except FetchError as exc:
        log.warning("source %s: page %s failed: %s", source_id, url, exc.reason)
        return RawDocument(
            source_id=source_id, kind="page", url=url, final_url=url, status=exc.status or 0,
            content_type=None, etag=None, last_modified=None, fetched_at=_now(),
            sha256=_sha256(b""), body=b"", error=exc.reason,
        )


def collect_listings(source: Source, days: list[date], windows: Mapping[date, tuple[datetime, datetime]],
                     settings: Settings, client: httpx.Client) -> dict[date, list[Row]]:
    """The listing rows (and, for WARC, page rows) that each of ``days`` should store.

    A feed or sitemap snapshot serves every day; WARC records go to the day of their capture.
    Raises FetchError / FeedParseError when the source as a whole cannot be read.
    """
    if source.kind == "feed":
        snapshot = [asdict(fetch_raw(client, source.url, settings, source_id=source.id, kind="feed"))]
        return {day: snapshot for day in days}
    if source.kind == "sitemap":
        start = min(windows[d][0] for d in days)
        rows = _collect_sitemaps(source, start, settings, client)
        return {day: rows for day in days}
    return _collect_warc(source, days, windows, settings, client)


def _collect_sitemaps(source: Source, start: datetime, settings: Settings, client: httpx.Client) -> list[Row]:
    from newsmon.sitemaps import parse_sitemap, select_children

    root = fetch_raw(client, source.url, settings, source_id=source.id, kind="sitemap")
    rows = [asdict(root)]
    listing = parse_sitemap(source, root.body, base_url=root.final_url)
    children = select_children(listing, start, datetime.max.replace(tzinfo=UTC))
    if len(children) > MAX_SITEMAP_CHILDREN:
        log.warning("source %s: %d child sitemaps modified since %s; reading the first %d",
                    source.id, len(children), start, MAX_SITEMAP_CHILDREN)
    for url in children[:MAX_SITEMAP_CHILDREN]:
        try:
            rows.append(asdict(fetch_raw(client, url, settings, source_id=source.id, kind="sitemap")))
        except FetchError as exc:
            log.warning("source %s: child sitemap %s failed: %s", source.id, url, exc.reason)
    return rows


def _collect_warc(source: Source, days: list[date], windows: Mapping[date, tuple[datetime, datetime]],
                  settings: Settings, client: httpx.Client) -> dict[date, list[Row]]:
    from newsmon.warc import read_warc

    if source.url.startswith(("http://", "https://")):
        stream: BinaryIO = io.BytesIO(
            fetch_raw(client, source.url, settings, source_id=source.id, kind="warc").body)
    else:
        try:
            stream = Path(source.url).open("rb")  # noqa: SIM115 -- closed by the `with stream` below
        except OSError as exc:
            raise FetchError(source.url, f"cannot open WARC file ({exc.strerror})") from exc
    start, end = min(windows[d][0] for d in days), max(windows[d][1] for d in days)
    by_day: dict[date, list[Row]] = {day: [] for day in days}
    with stream:
        for page in read_warc(stream, start=start, end=end, hosts=source.hosts, max_body=settings.max_bytes):
            day = next((d for d in days if windows[d][0] <= page.captured_at < windows[d][1]), None)
            if day is None:
                continue
            by_day[day].append(asdict(RawDocument(
                source_id=source.id, kind="page", url=page.url, final_url=page.url, status=page.status,
                content_type=page.content_type, etag=None, last_modified=None, fetched_at=page.captured_at,
                sha256=_sha256(page.body), body=page.body, error=None,
            )))
    for day, pages in by_day.items():
        manifest = json.dumps([{"url": p["url"], "captured_at": p["fetched_at"].isoformat()} for p in pages],
                              sort_keys=True).encode("utf-8")
        pages.insert(0, asdict(RawDocument(
            source_id=source.id, kind="warc-index", url=source.url, final_url=source.url, status=200,
            content_type="application/json", etag=None, last_modified=None,
            fetched_at=windows[day][0], sha256=_sha256(manifest), body=manifest, error=None,
        )))
    return by_day


def entries_of(source: Source, rows: Iterable[Mapping[str, Any]]) -> list[FeedEntry]:
    """Entries of every stored listing, the earliest listing winning per entry id, sorted by id.

    A listing that no longer parses is skipped when another one does; when none parses, the
    newest error is raised.
    """
    listings = sorted((r for r in rows if r["kind"] in LISTING_KINDS and not r["error"]),
                      key=lambda r: (r["fetched_at"], r["sha256"]))
    entries: dict[str, FeedEntry] = {}
    errors: list[FeedParseError] = []
    for row in listings:
        try:
            parsed = _parse_listing(source, row)
        except FeedParseError as exc:
            errors.append(exc)
            continue
        for entry in parsed:
            entries.setdefault(entry.entry_id, entry)
    if errors and len(errors) == len(listings):
        raise errors[-1]
    return sorted(entries.values(), key=lambda e: e.entry_id)


def _parse_listing(source: Source, row: Mapping[str, Any]) -> list[FeedEntry]:
    if row["kind"] == "feed":
        return parse_feed(source, row["body"], base_url=row["final_url"])
    if row["kind"] == "sitemap":
        from newsmon.sitemaps import parse_sitemap

        return list(parse_sitemap(source, row["body"], base_url=row["final_url"]).entries)
    records = json.loads(row["body"].decode("utf-8"))
    return [FeedEntry(source_id=source.id, entry_id=r["url"], url=r["url"], title=None,
                      published_at=datetime.fromisoformat(r["captured_at"]), summary=None) for r in records]


def _sha256(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def _now() -> datetime:
    """Wall-clock time of a fetch. Stored in ``raw`` only: no derived row depends on it."""
    return datetime.now(UTC)
