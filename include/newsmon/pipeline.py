"""The whole flow for one source and one day, runnable with or without Airflow.

collect (feed, pages) -> clean -> extract -> store. Raw bytes are stored first, so a rerun
reuses them; ``reprocess=True`` rebuilds a day from stored bytes alone, with no HTTP at all.
"""
from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx

from newsmon import ids
from newsmon.clean import clean_article
from newsmon.config import Settings, load_sources
from newsmon.errors import ConfigError, FeedParseError, FetchError, NewsmonError, RunCheckError
from newsmon.extractor import EXTRACTOR_VERSION, extract
from newsmon.feeds import parse_feed
from newsmon.http import Fetched, fetch, make_client
from newsmon.models import Article, FeedEntry, RawDocument, Source
from newsmon.storage import Store, open_store

log = logging.getLogger(__name__)

TABLES_WRITTEN = ("raw", "articles", "figures", "entities")


@dataclass(frozen=True, slots=True)
class SourceReport:
    """What one source did for one day. Travels through XCom as a dict of counts."""

    source_id: str
    day: str
    status: str                         # "ok" or "failed"
    error: str | None = None
    entries_seen: int = 0
    entries_in_day: int = 0
    pages_fetched: int = 0
    pages_reused: int = 0
    articles_extracted: int = 0
    articles_skipped: int = 0
    articles_failed: int = 0
    figures: int = 0
    mentions: int = 0
    skip_reasons: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def day_window(day: date, timezone: str) -> tuple[datetime, datetime]:
    """[start, end) of ``day`` in ``timezone``, as UTC datetimes."""
    zone = ZoneInfo(timezone)
    start = datetime.combine(day, time.min, tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone)
    return start.astimezone(UTC), end.astimezone(UTC)


def day_of(moment: datetime, timezone: str) -> date:
    """The calendar day of an aware datetime in ``timezone`` (the DAG's data_interval_start -> day)."""
    return moment.astimezone(ZoneInfo(timezone)).date()


def select_entries(entries: Iterable[FeedEntry], day: date, timezone: str,
                   first_seen: Mapping[str, str]) -> list[FeedEntry]:
    """Entries that belong to ``day``: published in [day, day+1) in ``timezone``, or undated and first
    seen on ``day`` (``first_seen`` maps undated entry ids to the day they were first seen)."""
    start, end = day_window(day, timezone)
    chosen = []
    for entry in entries:
        if entry.published_at is not None:
            if start <= entry.published_at < end:
                chosen.append(entry)
        elif first_seen.get(entry.entry_id) == day.isoformat():
            chosen.append(entry)
    return chosen


def run_source(source_id: str, day: date, *, settings: Settings | None = None,
               client: httpx.Client | None = None, reprocess: bool = False) -> SourceReport:
    """Collect, clean, extract and store one source's articles of one day.

    Raises a NewsmonError when the source as a whole fails (feed unreachable or unparseable);
    nothing already stored is lost then. Page-level problems are recorded on the article rows.
    """
    settings = settings or Settings.from_env()
    source = _find_source(settings, source_id)
    store = open_store(settings.data_root)
    own_client = client is None and not reprocess
    if own_client:
        client = make_client(settings)
    try:
        return _run(source, day, settings, store, client, reprocess)
    finally:
        if own_client and client is not None:
            client.close()


def _find_source(settings: Settings, source_id: str) -> Source:
    for source in load_sources(settings.sources_path):
        if source.id == source_id:
            return source
    raise ConfigError(f"no source {source_id!r} in {settings.sources_path}")


def _run(source: Source, day: date, settings: Settings, store: Store,
         client: httpx.Client | None, reprocess: bool) -> SourceReport:
    raw_rows = {_raw_order(r): r for r in store.read_partition("raw", day, source.id)}
    if not reprocess:
        assert client is not None
        feed = _fetch(client, source.url, settings, source_id=source.id, kind="feed")
        raw_rows.setdefault(_raw_order(asdict(feed)), asdict(feed))
    feeds = [r for r in raw_rows.values() if r["kind"] == "feed"]
    if not feeds:
        raise FetchError(source.url, "nothing stored to reprocess for this day")
    entries = _parse_snapshots(source, feeds)
    first_seen = _update_first_seen(store, source.id, entries, day)
    chosen = select_entries(entries, day, settings.timezone, first_seen)

    pages = {r["url"]: r for r in raw_rows.values() if r["kind"] == "page"}
    articles, figures, mentions = [], [], []
    fetched = reused = 0
    reasons: dict[str, int] = {}
    for entry in chosen:
        page = pages.get(entry.url)
        if page is not None and page["error"] is None:
            reused += 1                 # stored bytes are never fetched again
        elif not reprocess and client is not None:
            attempt = asdict(_fetch_page(client, entry.url, settings, source.id))
            fetched += 1
            # A retry that fails the same way keeps the first record, so reruns stay identical.
            if page is None or attempt["error"] != page["error"]:
                if page is not None:
                    del raw_rows[_raw_order(page)]
                raw_rows[_raw_order(attempt)] = pages[entry.url] = page = attempt
        article, found_figures, found_mentions = _process_entry(source, entry, page)
        if article.skip_reason:
            reasons[article.skip_reason] = reasons.get(article.skip_reason, 0) + 1
        articles.append(asdict(article))
        figures.extend(found_figures)
        mentions.extend(found_mentions)

    # Raw bytes first: if anything later fails, the rerun reuses them instead of refetching.
    store.write_partition("raw", day, source.id, sorted(raw_rows.values(), key=_raw_order))
    store.write_partition("articles", day, source.id, sorted(articles, key=lambda r: r["article_id"]))
    store.write_partition("figures", day, source.id, figures)
    store.write_partition("entities", day, source.id, mentions)
    report = SourceReport(
        source_id=source.id, day=day.isoformat(), status="ok",
        entries_seen=len(entries), entries_in_day=len(chosen),
        pages_fetched=fetched, pages_reused=reused,
        articles_extracted=sum(a["status"] == "extracted" for a in articles),
        articles_skipped=sum(a["status"] == "skipped" for a in articles),
        articles_failed=sum(a["status"] == "failed" for a in articles),
        figures=len(figures), mentions=len(mentions), skip_reasons=dict(sorted(reasons.items())),
    )
    log.info("source %s day %s: %s", source.id, day, report)
    return report


def _fetch(client: httpx.Client, url: str, settings: Settings, *, source_id: str, kind: str) -> RawDocument:
    got: Fetched = fetch(client, url, max_bytes=settings.max_bytes, max_redirects=settings.max_redirects)
    return RawDocument(
        source_id=source_id, kind=kind, url=url, final_url=got.final_url, status=got.status,
        content_type=got.content_type, etag=got.etag, last_modified=got.last_modified,
        fetched_at=_now(), sha256=hashlib.sha256(got.body).hexdigest(), body=got.body, error=None,
    )


def _fetch_page(client: httpx.Client, url: str, settings: Settings, source_id: str) -> RawDocument:
    """Fetch an article page; a failure is recorded (and stored in ``raw``), not raised."""
    try:
        return _fetch(client, url, settings, source_id=source_id, kind="page")
    except FetchError as exc:
        log.warning("source %s: page %s failed: %s", source_id, url, exc.reason)
        return RawDocument(
            source_id=source_id, kind="page", url=url, final_url=url, status=exc.status or 0,
            content_type=None, etag=None, last_modified=None, fetched_at=_now(),
            sha256=hashlib.sha256(b"").hexdigest(), body=b"", error=exc.reason,
        )


def _now() -> datetime:
    """Wall-clock time of a fetch. Stored in ``raw`` only: no derived row depends on it."""
    return datetime.now(UTC)


def _raw_order(row: Mapping[str, Any]) -> tuple[str, str, str]:
    """Key and sort order of a raw row."""
    return (row["kind"], row["url"], row["sha256"])


def _parse_snapshots(source: Source, feeds: list[dict[str, Any]]) -> list[FeedEntry]:
    """Entries of every stored snapshot of the feed for the day, first snapshot winning per entry id.

    A snapshot that no longer parses is skipped when another one does; when none parses the
    source fails with the newest error.
    """
    entries: dict[str, FeedEntry] = {}
    errors: list[FeedParseError] = []
    for row in sorted(feeds, key=lambda r: (r["fetched_at"], r["sha256"])):
        try:
            parsed = parse_feed(source, row["body"], base_url=row["final_url"])
        except FeedParseError as exc:
            errors.append(exc)
            continue
        for entry in parsed:
            entries.setdefault(entry.entry_id, entry)
    if errors and len(errors) == len(feeds):
        raise errors[-1]
    return sorted(entries.values(), key=lambda e: e.entry_id)


def _update_first_seen(store: Store, source_id: str, entries: list[FeedEntry], day: date) -> dict[str, str]:
    """Give undated entries seen for the first time the day being run; remember it for reruns."""
    relative = f"state/first_seen/{source_id}.json"
    known: dict[str, str] = store.read_json(relative) or {}
    new = {e.entry_id: day.isoformat() for e in entries if e.published_at is None and e.entry_id not in known}
    if new:
        known = {**known, **new}
        store.write_json(relative, known)
    return known


def _process_entry(source: Source, entry: FeedEntry, page: Mapping[str, Any] | None,
                   ) -> tuple[Article, list[dict[str, Any]], list[dict[str, Any]]]:
    """Clean and extract one entry's page. Never raises for a bad page: the reason goes on the row."""
    article_id = ids.article_id(entry.url)
    article = Article(
        article_id=article_id, source_id=source.id, entry_id=entry.entry_id, url=entry.url,
        canonical_url=ids.canonical_url(entry.url), title=entry.title, author=None,
        published_at=entry.published_at, language=source.language, text=None, text_sha1=None,
        status="failed", skip_reason=page["error"] if page else "page not in stored raw data",
        extractor_version=EXTRACTOR_VERSION,
    )
    if page is None or page["error"]:
        return article, [], []
    cleaned = clean_article(page["body"], page["final_url"])
    published_at = entry.published_at
    if published_at is None and cleaned.published is not None:
        published_at = datetime.combine(cleaned.published, time.min, tzinfo=UTC)
    article = replace(
        article, title=entry.title or cleaned.title, author=cleaned.author, published_at=published_at,
        language=cleaned.language or source.language, status="skipped", skip_reason=cleaned.skip_reason,
    )
    if cleaned.text is None:
        return article, [], []
    text = cleaned.text
    article = replace(article, text=text, text_sha1=ids.text_sha1(text), status="extracted", skip_reason=None)
    published = cleaned.published or (published_at.date() if published_at else None)
    found = extract(text, published=published)
    common = {"article_id": article_id, "source_id": source.id, "extractor_version": EXTRACTOR_VERSION}
    figures = [
        {"figure_id": ids.figure_id(article_id, f.start, f.end, f.action, f.measure), **common, **asdict(f),
         "statistic_key": ids.statistic_key(f.action, f.measure, f.unit, f.currency, f.value, f.value_max,
                                            f.period_start, f.period_end, published)}
        for f in found.figures
    ]
    mentions = [
        {"mention_id": ids.mention_id(article_id, m.start, m.end, m.type), **common, **asdict(m)}
        for m in found.mentions
    ]
    return article, figures, mentions


def check_run(reports: Sequence[Mapping[str, Any]], expected: Sequence[str], day: date,
              settings: Settings | None = None) -> dict[str, Any]:
    """Fail the day when too large a share of sources failed, or nothing at all was collected.

    ``expected`` lists every source that should have reported; a missing report (the source's
    task failed) counts as a failure.
    """
    settings = settings or Settings.from_env()
    by_id = {r["source_id"]: r for r in reports}
    failed = sorted(s for s in expected if by_id.get(s, {}).get("status") != "ok")
    articles = sum(int(r.get("articles_extracted", 0)) for r in reports)
    summary = {
        "day": day.isoformat(), "sources": len(expected), "failed_sources": failed,
        "articles": articles, "figures": sum(int(r.get("figures", 0)) for r in reports),
        "mentions": sum(int(r.get("mentions", 0)) for r in reports),
    }
    if expected and len(failed) / len(expected) > settings.max_failed_share:
        raise RunCheckError(f"{day}: {len(failed)} of {len(expected)} sources failed: {', '.join(failed)}")
    if articles == 0:
        raise RunCheckError(f"{day}: no article was collected from {len(expected)} source(s)")
    return summary


def enabled_source_ids(settings: Settings | None = None) -> list[str]:
    settings = settings or Settings.from_env()
    return [s.id for s in load_sources(settings.sources_path) if s.enabled]


def run_day(day: date, *, settings: Settings | None = None, client: httpx.Client | None = None,
            reprocess: bool = False) -> tuple[list[dict[str, Any]], list[str]]:
    """Run every enabled source for one day, as the DAG does; a failing source never stops the others."""
    settings = settings or Settings.from_env()
    expected = enabled_source_ids(settings)
    reports = []
    for source_id in expected:
        try:
            report = run_source(source_id, day, settings=settings, client=client, reprocess=reprocess)
        except NewsmonError as exc:
            log.error("source %s day %s failed: %s", source_id, day, exc)
            report = SourceReport(source_id=source_id, day=day.isoformat(), status="failed",
                                  error=f"{type(exc).__name__}: {exc}")
        reports.append(report.as_dict())
    return reports, expected
