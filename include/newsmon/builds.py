"""Build one (source, day): settle what is stored, decide from the committed data whether the day
needs rebuilding, rebuild it from everything stored for it plus what the run collected, commit
it as one version (:mod:`newsmon.store.commits`), and add a row to ``reports``.

The decisions are pure and taken in data before anything is done: :func:`plan_day` takes the
facts and names what to do with the day, :func:`plan_pages` which pages to reuse from ``raw`` and
which to fetch, and :func:`keep_attempts` which record of a retried page to keep. A lookback day
is rebuilt when the source now lists an entry of it that its committed *articles* lack (not its
raw listings: raw and articles are one commit, but data written before commits existed may
disagree). Everything here runs under the (source, day) lock.
"""
from __future__ import annotations

import logging
import time as clock
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, replace
from datetime import UTC, date, datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

from newsmon import __version__
from newsmon.collect.fetcher import Fetcher
from newsmon.collect.listings import LISTING_KINDS, UNCHANGED, entries_of
from newsmon.config import Settings
from newsmon.days import select_entries
from newsmon.errors import NewsmonError
from newsmon.extract.extractor import EXTRACTOR_VERSION
from newsmon.models import Article, FeedEntry, RawDocument, Source
from newsmon.process import PagePool, process_pages
from newsmon.store import commits
from newsmon.store.commits import State
from newsmon.store.files import Store
from newsmon.store.reports import RunKind, SourceReport

log = logging.getLogger(__name__)

MAX_ENTRY_SKIPS_SHOWN = 20      # skipped-entry reasons kept in a report row (all are counted)

Plan = Literal["rebuild", "unchanged", "leave", "empty"]
"""``unchanged``: the run's own day, already holding the unchanged listing: report the stored
counts; ``leave``: a lookback day with nothing to add; ``empty``: a reprocess with nothing stored."""


@dataclass(frozen=True, slots=True)
class DayFacts:
    """What :func:`plan_day` decides from."""

    kind: RunKind
    state: State                # of the (source, day), once settled
    listing_unchanged: bool     # the feed answered 304, or 200 with the stored bytes
    holds_listing: bool         # raw holds every listing row of this run, and no page failed
    late_entries: int           # dated entries of the day in this run's listing that its articles lack


def plan_day(facts: DayFacts) -> Plan:
    """What to do with one (source, day). Pure."""
    if facts.kind == "reprocess":
        return "empty" if facts.state == "absent" else "rebuild"
    if facts.listing_unchanged and facts.state == "committed" and facts.holds_listing:
        return "unchanged" if facts.kind == "run" else "leave"
    if facts.kind == "run" or facts.late_entries or facts.state in ("broken", "unverified"):
        return "rebuild"
    return "leave"


@dataclass(frozen=True, slots=True)
class BuildContext:
    """What every day of one source's run shares."""

    source: Source
    run_day: date
    store: Store
    settings: Settings
    fetcher: Fetcher | None         # None: reprocess from stored bytes, no HTTP
    outcome: str | None             # the feed's conditional-GET outcome (see newsmon.collect.listings.FeedAnswer)
    started: tuple[datetime, float]  # wall clock for the report, monotonic for its duration
    windows: Mapping[date, tuple[datetime, datetime]]   # each day's [start, end), from days.day_window
    pages: PagePool | None = None   # processes for cleaning and extracting many pages; None: this one


def build_day(ctx: BuildContext, target: date, kind: RunKind, new: list[RawDocument] | None) -> SourceReport | None:
    """Bring (source, target) up to date with ``new`` (this run's listings for it; None
    to reprocess); the report of what was done, or None when a lookback day had nothing to add."""
    source, store = ctx.source, ctx.store
    with store.lock(f"{source.id}/{target.isoformat()}"):
        settled = commits.settle(store, target, source.id)
        facts = _facts(ctx, target, kind, settled.state, new)
        plan = plan_day(facts)
        log.debug("source %s day %s: %s -> %s", source.id, target, facts, plan)
        if plan == "leave":
            return None
        if plan == "unchanged":
            return _unchanged(ctx, target, kind)
        if plan == "empty":
            log.info("source %s day %s: nothing stored to reprocess", source.id, target)
            return record(store, SourceReport(source_id=source.id, day=target, status="empty",
                                              run_kind=kind, run_day=ctx.run_day), ctx.started)
        if kind == "lookback":
            log.info("source %s: %d late entries for %s", source.id, facts.late_entries, target)
        return _rebuild(ctx, target, kind, new)


def _facts(ctx: BuildContext, target: date, kind: RunKind, state: State, new: list[RawDocument] | None) -> DayFacts:
    store, source = ctx.store, ctx.source
    unchanged = ctx.outcome in UNCHANGED and new is not None
    holds = False
    if unchanged and state == "committed":
        stored = store.read_partition("raw", target, source.id, columns=["kind", "url", "sha256", "error"])
        keys = {(r["kind"], r["url"], r["sha256"]) for r in stored}
        holds = all(_raw_key(d) in keys for d in new or []) and not any(
            r["kind"] == "page" and r["error"] for r in stored)
    late = 0
    if kind == "lookback" and new is not None and not (unchanged and holds):
        known = {a["entry_id"] for a in store.read_partition("articles", target, source.id, columns=["entry_id"])}
        listed = select_entries(entries_of(source, new), target, ctx.windows[target], {})
        late = sum(e.entry_id not in known for e in listed)
    return DayFacts(kind=kind, state=state, listing_unchanged=unchanged, holds_listing=holds, late_entries=late)


def _unchanged(ctx: BuildContext, target: date, kind: RunKind) -> SourceReport:
    """The report of a day left as it was because its feed did not change: the stored counts."""
    store, source = ctx.store, ctx.source
    articles = store.read_partition("articles", target, source.id, columns=["status"])
    report = SourceReport(
        source_id=source.id, day=target, status="ok", run_kind=kind, run_day=ctx.run_day,
        listing=ctx.outcome, up_to_date=True, entries_in_day=len(articles),
        articles_extracted=sum(a["status"] == "extracted" for a in articles),
        articles_skipped=sum(a["status"] == "skipped" for a in articles),
        articles_failed=sum(a["status"] == "failed" for a in articles),
        figures=store.count_rows("figures", target, source.id),
        mentions=store.count_rows("entities", target, source.id),
    )
    log.info("source %s day %s: feed %s and the day is up to date; nothing to do", source.id, target, ctx.outcome)
    return record(store, report, ctx.started)


RawKey = tuple[str, str, str]


def _raw_key(document: RawDocument) -> RawKey:
    """Identity and sort order of a raw document."""
    return (document.kind, document.url, document.sha256)


@dataclass(frozen=True, slots=True)
class PagePlan:
    """Which pages a rebuild takes from ``raw`` and which it fetches. See :func:`plan_pages`."""

    reuse: tuple[str, ...]          # stored without an error: never fetched again
    fetch: tuple[str, ...]          # not stored, or stored as a failure: fetched (none when reprocessing)


def plan_pages(urls: Iterable[str], stored: Mapping[str, RawDocument], *, fetching: bool) -> PagePlan:
    """The pages of ``urls`` (in order, each once) to reuse from ``stored`` and to fetch. Pure."""
    wanted = list(dict.fromkeys(urls))
    reuse = tuple(url for url in wanted if url in stored and stored[url].error is None)
    fetch = tuple(url for url in wanted if url not in reuse) if fetching else ()
    return PagePlan(reuse, fetch)


def keep_attempts(documents: Mapping[RawKey, RawDocument], attempts: Iterable[RawDocument],
                  ) -> dict[RawKey, RawDocument]:
    """``documents`` with this run's page ``attempts`` in place of the stored pages they retried.
    A retry that fails the same way keeps the first record, so reruns stay identical. Pure."""
    kept = dict(documents)
    pages = {d.url: d for d in kept.values() if d.kind == "page"}
    for attempt in attempts:
        page = pages.get(attempt.url)
        if page is None or attempt.error != page.error:
            if page is not None:
                del kept[_raw_key(page)]
            kept[_raw_key(attempt)] = pages[attempt.url] = attempt
    return kept


def _rebuild(ctx: BuildContext, target: date, kind: RunKind, new: list[RawDocument] | None) -> SourceReport:
    """Rebuild (source, target) from its stored raw documents plus ``new``, fetching the pages it
    lacks (none when reprocessing), and commit every leaf as one version."""
    source, store, fetcher = ctx.source, ctx.store, ctx.fetcher
    documents = {_raw_key(d): d for d in map(_document, store.read_partition("raw", target, source.id))}
    for document in new or []:
        documents.setdefault(_raw_key(document), document)
    if not _has_listing(documents.values()):
        raise NewsmonError(f"source {source.id}: nothing stored to reprocess for {target}")
    entry_skips: list[str] = []
    entries = entries_of(source, documents.values(), entry_skips)
    first_seen = _first_seen(store, source.id, entries, target if kind == "run" else None)
    chosen = select_entries(entries, target, ctx.windows[target], first_seen)
    before = {a["entry_id"] for a in store.read_partition("articles", target, source.id, columns=["entry_id"])}

    stored_pages = {d.url: d for d in documents.values() if d.kind == "page"}
    plan = plan_pages((e.url for e in chosen), stored_pages, fetching=fetcher is not None)
    attempts = fetcher.pages(plan.fetch) if fetcher is not None else []
    documents = keep_attempts(documents, attempts)
    pages = {d.url: d for d in documents.values() if d.kind == "page"}
    processed = process_pages(source, [(entry, pages.get(entry.url)) for entry in chosen], ctx.pages)
    articles = [article for article, _, _ in processed]
    figures = [figure.as_row() for _, found, _ in processed for figure in found]
    mentions = [mention.as_row() for _, _, found in processed for mention in found]
    commits.commit(store, target, source.id, {
        "raw": [asdict(d) for d in sorted(documents.values(), key=_raw_key)],
        "articles": [asdict(a) for a in sorted(articles, key=lambda a: a.article_id)],
        "figures": figures,
        "entities": mentions,
    })
    report = _report(ctx, target, kind, entries, chosen, entry_skips, before, attempts, len(plan.reuse),
                     articles, len(figures), len(mentions))
    report = record(store, report, ctx.started)
    log.info("source %s day %s: %s", source.id, target, report)
    return report


def _document(row: Mapping[str, Any]) -> RawDocument:
    return RawDocument(**row)


def _report(ctx: BuildContext, target: date, kind: RunKind, entries: list[FeedEntry], chosen: list[FeedEntry],
            entry_skips: list[str], before: set[str], attempts: list[RawDocument], reused: int,
            articles: list[Article], figures: int, mentions: int) -> SourceReport:
    reasons: dict[str, int] = {}
    for article in articles:
        if article.skip_reason:
            reasons[article.skip_reason] = reasons.get(article.skip_reason, 0) + 1
    dated = [e.published_at for e in entries if e.published_at is not None]
    zone = ZoneInfo(ctx.settings.timezone)
    return SourceReport(
        source_id=ctx.source.id, day=target, status="ok", run_kind=kind,
        run_day=ctx.run_day, entries_seen=len(entries), entries_in_day=len(chosen),
        entries_skipped=len(entry_skips), entry_skip_reasons=tuple(entry_skips[:MAX_ENTRY_SKIPS_SHOWN]),
        entries_new=sum(e.entry_id not in before for e in chosen),
        listing=ctx.outcome, pages_fetched=len(attempts), pages_reused=reused,
        pages_failed=sum(a.error is not None for a in attempts),
        articles_extracted=sum(a.status == "extracted" for a in articles),
        articles_skipped=sum(a.status == "skipped" for a in articles),
        articles_failed=sum(a.status == "failed" for a in articles),
        figures=figures, mentions=mentions, skip_reasons=dict(sorted(reasons.items())),
        reaches_back_to=min(dated).astimezone(zone).date() if dated else None,
    )


def _has_listing(documents: Iterable[RawDocument]) -> bool:
    return any(d.kind in LISTING_KINDS and not d.error for d in documents)


def record(store: Store, report: SourceReport, started: tuple[datetime, float]) -> SourceReport:
    """Stamp the report with time and versions, and add it to its day's ``reports`` leaf (kept whole)."""
    report = replace(report, started_at=started[0], duration_s=round(clock.monotonic() - started[1], 3),
                     extractor_version=EXTRACTOR_VERSION, newsmon_version=__version__)
    day = report.day
    with store.lock(f"{report.source_id}/{day.isoformat()}/reports"):
        history = store.read_partition("reports", day, report.source_id)
        store.write_partition("reports", day, report.source_id, [*history, report.as_row()])
    return report


def _first_seen(store: Store, source_id: str, entries: list[FeedEntry], day: date | None) -> dict[str, date]:
    """Days on which undated entries were first seen. With ``day``, undated entries seen for the
    first time are given that day, and it is remembered for reruns."""
    relative = f"state/first_seen/{source_id}.json"
    with store.lock(f"{source_id}/first_seen"):
        store.sweep_json(relative)
        known: dict[str, str] = store.read_json(relative) or {}       # JSON: days as ISO strings
        if day is not None:
            new = {e.entry_id: day.isoformat() for e in entries if e.published_at is None and e.entry_id not in known}
            if new:
                known = {**known, **new}
                store.write_json(relative, known)
    return {entry_id: date.fromisoformat(seen) for entry_id, seen in known.items()}


def now() -> tuple[datetime, float]:
    """The start of a run, for its reports: wall clock (shown) and monotonic (for durations)."""
    return datetime.now(UTC), clock.monotonic()
