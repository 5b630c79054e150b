"""The whole flow for one source and one day, runnable with or without Airflow.

collect (listings, pages) -> clean -> extract -> store. Raw bytes are stored first, so a rerun
reuses them; ``reprocess=True`` rebuilds a day from stored bytes alone, with no HTTP at all.

A run for day D also looks back ``lookback_days``: an entry of an earlier day that the source
lists only now is added to that day's raw listings and the day is rebuilt, so late articles land
in their own day. Each (source, day) is rebuilt under a lock, from everything stored for it, so
overlapping runs (daily, backfill, retries) serialise and converge on the same rows.

A feed is fetched conditionally (see :mod:`newsmon.feedstate`); when it has not changed, a day that
already holds its snapshot and has no failed page to retry is left as it is.
"""
from __future__ import annotations

import logging
import time as clock
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from newsmon import __version__, feedstate
from newsmon.collect import LISTING_KINDS, UNCHANGED, Row, collect_listings, entries_of
from newsmon.config import Settings, load_sources
from newsmon.errors import ConfigError, NewsmonError, RunCheckError
from newsmon.extractor import EXTRACTOR_VERSION
from newsmon.fetcher import Fetcher
from newsmon.models import FeedEntry, Source
from newsmon.process import process_entry
from newsmon.reports import SourceReport
from newsmon.secrets import CredentialLookup, env_lookup
from newsmon.storage import Store, count_day_rows, open_store

log = logging.getLogger(__name__)

MAX_ENTRY_SKIPS_SHOWN = 20      # skipped-entry reasons kept in a report row (all are counted)

__all__ = ["SourceReport", "check_run", "collect_source", "day_of", "day_window", "enabled_source_ids",
           "link_duplicates", "run_day", "run_source", "select_entries"]


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


def run_source(source_id: str, day: date, *, settings: Settings | None = None, reprocess: bool = False,
               lookback: int | None = None, credentials: CredentialLookup | None = None) -> SourceReport:
    """Collect, clean, extract and store one source's articles of ``day`` (and late ones of the
    ``lookback`` days before it). Returns the report of ``day``.

    ``credentials`` looks up the connection a source names in ``credentials:`` (the DAG passes
    Airflow's; the default reads ``AIRFLOW_CONN_<ID>`` from the environment).
    Raises a NewsmonError when the source as a whole fails (listing unreachable or unparseable);
    nothing already stored is lost then, and the failure is recorded in ``reports``.
    """
    settings = settings or Settings.from_env()
    source = _find_source(settings, source_id)
    store = open_store(settings.data_root)
    lookback = settings.lookback_days if lookback is None else lookback
    days = [day] if reprocess else [day - timedelta(days=k) for k in range(lookback + 1)]
    windows = {d: day_window(d, settings.timezone) for d in days}
    started = (datetime.now(UTC), clock.monotonic())  # wall clock for the report only
    try:
        if reprocess:
            return _run_days(source, day, days, windows, store, settings, None, started)
        credential = (credentials or env_lookup())(source.credentials) if source.credentials else None
        with Fetcher(source, settings, credential=credential) as fetcher:
            return _run_days(source, day, days, windows, store, settings, fetcher, started)
    except NewsmonError as exc:
        failed = SourceReport(source_id=source.id, day=day.isoformat(), status="failed",
                              error=f"{type(exc).__name__}: {exc}", run_day=day.isoformat(),
                              run_kind="reprocess" if reprocess else "run")
        _record(store, source, day, failed, started)
        raise


def _run_days(source: Source, day: date, days: list[date], windows: Mapping[date, tuple[datetime, datetime]],
              store: Store, settings: Settings, fetcher: Fetcher | None,
              started: tuple[datetime, float]) -> SourceReport:
    """Build ``days`` (newest first); ``fetcher`` None reprocesses from stored bytes alone."""
    listings: dict[date, list[Row]] | None = None
    outcome: str | None = None
    if fetcher is not None:
        listings, outcome = collect_listings(source, days, windows, fetcher, feedstate.previous_snapshot(store, source))
        if outcome not in UNCHANGED:    # a stored snapshot parsed when it was new
            entries_of(source, listings[day])  # a listing that no longer parses fails the source before any write
    report: SourceReport | None = None
    for target in days:
        kind = "run" if target == day else "lookback"
        if fetcher is None:
            kind = "reprocess"
        new_rows = None if listings is None else listings[target]
        with store.lock(f"{source.id}/{target.isoformat()}"):
            if outcome in UNCHANGED and new_rows is not None and _up_to_date(store, source, target, new_rows):
                built = _unchanged(store, source, target, day, kind, outcome, started) if target == day else None
            else:
                built = _build_day(source, target, day, kind, store, settings, fetcher, new_rows, outcome, started)
        if target == day:
            report = built
    if source.kind == "feed" and listings is not None:
        feedstate.remember(store, source, listings[day][0], day)
    assert report is not None
    return report


def _up_to_date(store: Store, source: Source, target: date, new_rows: list[Row]) -> bool:
    """Does (source, target) already hold these listing rows, with no page left to retry?"""
    stored = store.read_partition("raw", target, source.id, columns=["kind", "url", "sha256", "error"])
    keys = {_raw_key(r) for r in stored}
    return all(_raw_key(r) in keys for r in new_rows) and not any(
        r["kind"] == "page" and r["error"] for r in stored)


def _unchanged(store: Store, source: Source, target: date, run_day: date, kind: str, outcome: str,
               started: tuple[datetime, float]) -> SourceReport:
    """The report of a day left as it was because its feed did not change: the stored counts."""
    articles = store.read_partition("articles", target, source.id, columns=["status"])
    report = SourceReport(
        source_id=source.id, day=target.isoformat(), status="ok", run_kind=kind, run_day=run_day.isoformat(),
        listing=outcome, entries_in_day=len(articles),
        articles_extracted=sum(a["status"] == "extracted" for a in articles),
        articles_skipped=sum(a["status"] == "skipped" for a in articles),
        articles_failed=sum(a["status"] == "failed" for a in articles),
        figures=store.count_rows("figures", target, source.id),
        mentions=store.count_rows("entities", target, source.id),
    )
    log.info("source %s day %s: feed %s and the day is up to date; nothing to do", source.id, target, outcome)
    return _record(store, source, target, report, started)


def _find_source(settings: Settings, source_id: str) -> Source:
    for source in load_sources(settings.sources_path):
        if source.id == source_id:
            return source
    raise ConfigError(f"no source {source_id!r} in {settings.sources_path}")


def _raw_key(row: Mapping[str, Any]) -> tuple[str, str, str]:
    """Identity and sort order of a raw row."""
    return (row["kind"], row["url"], row["sha256"])


def _build_day(source: Source, target: date, run_day: date, kind: str, store: Store, settings: Settings,
               fetcher: Fetcher | None, new_rows: list[Row] | None, outcome: str | None,
               started: tuple[datetime, float]) -> SourceReport | None:
    """Rebuild (source, target) from its stored raw rows plus ``new_rows``. A lookback day is left
    untouched (None) unless the new rows list an entry of it that it did not have."""
    stored = store.read_partition("raw", target, source.id)
    raw_rows = {_raw_key(r): r for r in stored}
    if kind == "lookback":
        assert new_rows is not None
        known = {e.entry_id for e in entries_of(source, stored)} if _has_listing(stored) else set()
        late = [e for e in select_entries(entries_of(source, new_rows), target, settings.timezone, {})
                if e.entry_id not in known]
        if not late:
            return None
        log.info("source %s: %d late entries for %s", source.id, len(late), target)
    for row in new_rows or []:
        raw_rows.setdefault(_raw_key(row), row)
    if not _has_listing(raw_rows.values()):
        raise NewsmonError(f"source {source.id}: nothing stored to reprocess for {target}")
    entry_skips: list[str] = []
    entries = entries_of(source, raw_rows.values(), entry_skips)
    first_seen = _first_seen(store, source.id, entries, target if kind == "run" else None)
    chosen = select_entries(entries, target, settings.timezone, first_seen)
    before = {a["entry_id"] for a in store.read_partition("articles", target, source.id)}

    pages = {r["url"]: r for r in raw_rows.values() if r["kind"] == "page"}
    wanted = list(dict.fromkeys(e.url for e in chosen))
    usable = {u for u in wanted if u in pages and pages[u]["error"] is None}   # never fetched again
    missing = [u for u in wanted if u not in usable] if fetcher is not None else []
    attempts = [asdict(r) for r in fetcher.pages(missing)] if fetcher is not None else []
    for attempt in attempts:
        page = pages.get(attempt["url"])
        # A retry that fails the same way keeps the first record, so reruns stay identical.
        if page is None or attempt["error"] != page["error"]:
            if page is not None:
                del raw_rows[_raw_key(page)]
            raw_rows[_raw_key(attempt)] = pages[attempt["url"]] = attempt
    articles, figures, mentions = [], [], []
    for entry in chosen:
        article, found_figures, found_mentions = process_entry(source, entry, pages.get(entry.url))
        articles.append(asdict(article))
        figures.extend(found_figures)
        mentions.extend(found_mentions)

    # Raw bytes first: if anything later fails, the rerun reuses them instead of refetching.
    store.write_partition("raw", target, source.id, sorted(raw_rows.values(), key=_raw_key))
    store.write_partition("articles", target, source.id, sorted(articles, key=lambda r: r["article_id"]))
    store.write_partition("figures", target, source.id, figures)
    store.write_partition("entities", target, source.id, mentions)
    reasons: dict[str, int] = {}
    for row in articles:
        if row["skip_reason"]:
            reasons[row["skip_reason"]] = reasons.get(row["skip_reason"], 0) + 1
    dated = [e.published_at for e in entries if e.published_at is not None]
    report = SourceReport(
        source_id=source.id, day=target.isoformat(), status="ok", run_kind=kind, run_day=run_day.isoformat(),
        entries_seen=len(entries), entries_in_day=len(chosen), entries_skipped=len(entry_skips),
        entry_skip_reasons=tuple(entry_skips[:MAX_ENTRY_SKIPS_SHOWN]),
        entries_new=sum(e.entry_id not in before for e in chosen),
        listing=outcome, pages_fetched=len(attempts), pages_reused=len(usable),
        pages_failed=sum(a["error"] is not None for a in attempts),
        articles_extracted=sum(a["status"] == "extracted" for a in articles),
        articles_skipped=sum(a["status"] == "skipped" for a in articles),
        articles_failed=sum(a["status"] == "failed" for a in articles),
        figures=len(figures), mentions=len(mentions), skip_reasons=dict(sorted(reasons.items())),
        reaches_back_to=min(dated).astimezone(ZoneInfo(settings.timezone)).date().isoformat() if dated else None,
    )
    report = _record(store, source, target, report, started)
    log.info("source %s day %s: %s", source.id, target, report)
    return report


def _has_listing(rows: Iterable[Mapping[str, Any]]) -> bool:
    return any(r["kind"] in LISTING_KINDS and not r["error"] for r in rows)


def _record(store: Store, source: Source, day: date, report: SourceReport,
            started: tuple[datetime, float]) -> SourceReport:
    """Stamp the report with time and versions, and add it to the day's ``reports`` leaf (kept whole)."""
    report = replace(report, started_at=started[0].isoformat(), duration_s=round(clock.monotonic() - started[1], 3),
                     extractor_version=EXTRACTOR_VERSION, newsmon_version=__version__)
    with store.lock(f"{source.id}/{day.isoformat()}/reports"):
        history = store.read_partition("reports", day, source.id)
        store.write_partition("reports", day, source.id, [*history, report.as_row()])
    return report


def _first_seen(store: Store, source_id: str, entries: list[FeedEntry], day: date | None) -> dict[str, str]:
    """Days on which undated entries were first seen. With ``day``, undated entries seen for the
    first time are given that day, and it is remembered for reruns."""
    relative = f"state/first_seen/{source_id}.json"
    with store.lock(f"{source_id}/first_seen"):
        known: dict[str, str] = store.read_json(relative) or {}
        if day is not None:
            new = {e.entry_id: day.isoformat() for e in entries if e.published_at is None and e.entry_id not in known}
            if new:
                known = {**known, **new}
                store.write_json(relative, known)
    return known


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


def collect_source(source_id: str, day: date, *, final_attempt: bool = True, settings: Settings | None = None,
                   reprocess: bool = False, credentials: CredentialLookup | None = None) -> dict[str, Any]:
    """One source's report for the day, as a dict, for the DAG and for :func:`run_day`.

    A source that fails raises while it has attempts left (Airflow then retries that source
    alone); on its final attempt the failure becomes a ``failed`` report, so that the day's
    outcome is decided by :func:`check_run` and one failing source never fails the others.
    """
    try:
        return run_source(source_id, day, settings=settings, reprocess=reprocess, credentials=credentials).as_dict()
    except NewsmonError as exc:
        if not final_attempt:
            raise
        log.error("source %s day %s failed: %s", source_id, day, exc)
        return SourceReport(source_id=source_id, day=day.isoformat(), status="failed",
                            error=f"{type(exc).__name__}: {exc}").as_dict()


def link_duplicates(day: date, *, settings: Settings | None = None, reprocess: bool = False) -> list[dict[str, Any]]:
    """Link the copies among the articles of ``day`` and of the lookback days a run may have
    changed (those that hold articles), once every source has run. See :mod:`newsmon.linking`."""
    from newsmon.linking import link_day

    settings = settings or Settings.from_env()
    store = open_store(settings.data_root)
    earlier = [] if reprocess else [day - timedelta(days=k) for k in range(settings.lookback_days, 0, -1)]
    days = [d for d in earlier if count_day_rows(store, "articles", d)] + [day]
    return [link_day(d, settings, store) for d in days]


def run_day(day: date, *, settings: Settings | None = None,
            reprocess: bool = False) -> tuple[list[dict[str, Any]], list[str]]:
    """Run every enabled source for one day, then link copies, as the DAG does; a failing source
    never stops the others."""
    settings = settings or Settings.from_env()
    expected = enabled_source_ids(settings)
    reports = [collect_source(source_id, day, settings=settings, reprocess=reprocess)
               for source_id in expected]
    link_duplicates(day, settings=settings, reprocess=reprocess)
    return reports, expected
