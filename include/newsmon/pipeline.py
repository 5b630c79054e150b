"""The whole flow for one source and one day, runnable with or without Airflow.

collect (listings, pages) -> clean -> extract -> store, one (source, day) at a time
(:mod:`newsmon.builds`); each (source, day) is committed as one version (:mod:`newsmon.store.commits`).
``reprocess=True`` rebuilds a day from stored bytes alone, with no HTTP at all.

A run for day D also looks back ``lookback_days``: an entry of an earlier day that the source
lists only now is added to that day's raw listings and the day is rebuilt, so late articles land
in their own day; the run reports those days too. Each (source, day) is rebuilt under a lock,
from everything stored for it, so overlapping runs (daily, backfill, retries) serialise and
converge on the same rows.

A feed is fetched conditionally (see :mod:`newsmon.store.feedstate`); when it has not changed, a day that
already holds its snapshot and has no failed page to retry is left as it is.
"""
from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from newsmon.builds import BuildContext, build_day, now, record
from newsmon.collect.fetcher import Fetcher
from newsmon.collect.listings import UNCHANGED, collect_listings, entries_of
from newsmon.config import Settings
from newsmon.days import day_of, day_window, select_entries
from newsmon.errors import NewsmonError, RunCheckError
from newsmon.models import RawDocument
from newsmon.runtime import Runtime
from newsmon.store import feedstate
from newsmon.store.readers import count_day_rows
from newsmon.store.reports import RunKind, SourceReport, SourceRun

log = logging.getLogger(__name__)

__all__ = ["Runtime", "SourceReport", "SourceRun", "check_run", "collect_source", "day_of", "day_window",
           "link_duplicates", "run_day", "run_source", "select_entries"]


def run_source(runtime: Runtime, source_id: str, day: date, *, reprocess: bool = False,
               lookback: int | None = None) -> SourceRun:
    """Collect, clean, extract and store one source's articles of ``day`` (and late ones of the
    ``lookback`` days before it). Returns the report of ``day`` and of each earlier day rebuilt.

    A source that names ``credentials:`` is authenticated with the connection the runtime's
    credential lookup gives (the DAG's looks in Airflow; the default reads ``AIRFLOW_CONN_<ID>``).
    Raises a NewsmonError when the source as a whole fails (listing unreachable or unparseable);
    nothing already stored is lost then, and the failure is recorded in ``reports``.
    """
    settings, store = runtime.settings, runtime.store
    source = runtime.source(source_id)
    lookback = settings.lookback_days if lookback is None else lookback
    days = [day] if reprocess else [day - timedelta(days=k) for k in range(lookback + 1)]
    started = now()
    windows = {d: day_window(d, settings.timezone) for d in days}
    try:
        if reprocess:
            ctx = BuildContext(source, day, store, settings, None, None, started, windows, runtime.pages)
            return _run_days(ctx, days, None)
        credential = runtime.credentials(source.credentials) if source.credentials else None
        with Fetcher(source, settings.fetch_options(), credential=credential) as fetcher:
            listings, outcome = collect_listings(source, days, windows, fetcher,
                                                 feedstate.previous_snapshot(store, source))
            if outcome not in UNCHANGED:    # a stored snapshot parsed when it was new
                entries_of(source, listings[day])  # a listing that no longer parses fails the source before any write
            ctx = BuildContext(source, day, store, settings, fetcher, outcome, started, windows, runtime.pages)
            run = _run_days(ctx, days, listings)
            if source.kind == "feed":
                feedstate.remember(store, source, listings[day][0], day)
            return run
    except NewsmonError as exc:
        failed = SourceReport(source_id=source.id, day=day, status="failed",
                              error=f"{type(exc).__name__}: {exc}", run_day=day,
                              run_kind="reprocess" if reprocess else "run")
        record(store, failed, started)
        raise


def _run_days(ctx: BuildContext, days: list[date], listings: Mapping[date, list[RawDocument]] | None) -> SourceRun:
    """Build ``days`` (the run's own day first, then the lookback days, newest first)."""
    built = []
    for target in days:
        kind: RunKind = "reprocess" if listings is None else "run" if target == ctx.run_day else "lookback"
        report = build_day(ctx, target, kind, None if listings is None else listings[target])
        if report is not None:
            built.append(report)
    assert built and built[0].day == ctx.run_day, "the run's own day is always reported"
    return SourceRun(built[0], tuple(built[1:]))


def check_run(reports: Sequence[Mapping[str, Any]], expected: Sequence[str], day: date,
              settings: Settings) -> dict[str, Any]:
    """Fail the day when too large a share of sources failed, or when the run stored nothing at all.

    ``reports`` are :func:`collect_source` dicts (each with its ``lookbacks``). ``expected`` lists
    every source that should have reported; a missing report (the source's task failed) counts as
    a failure. A run has stored something when it extracted an article of the day, added a late
    entry to an earlier day, or found a source's day up to date with an unchanged feed.
    """
    by_id = {r["source_id"]: r for r in reports}
    failed = sorted(s for s in expected if by_id.get(s, {}).get("status") not in ("ok", "empty"))
    lookbacks = [lb for r in reports for lb in r.get("lookbacks", [])]
    articles = sum(int(r.get("articles_extracted", 0)) for r in reports)
    late = sum(int(lb.get("entries_new", 0)) for lb in lookbacks)
    summary = {
        "day": day.isoformat(), "sources": len(expected), "failed_sources": failed,
        "articles": articles, "figures": sum(int(r.get("figures", 0)) for r in reports),
        "mentions": sum(int(r.get("mentions", 0)) for r in reports),
        "late_entries": late, "late_days": sorted({str(lb["day"]) for lb in lookbacks}),
    }
    if expected and len(failed) / len(expected) > settings.max_failed_share:
        raise RunCheckError(f"{day}: {len(failed)} of {len(expected)} sources failed: {', '.join(failed)}")
    up_to_date = any(r.get("up_to_date") for r in reports)
    if articles == 0 and late == 0 and not up_to_date:
        if reports and all(r.get("status") == "empty" for r in reports):
            raise RunCheckError(f"{day}: nothing is stored for this day, so there is nothing to reprocess")
        raise RunCheckError(f"{day}: no article was collected from {len(expected)} source(s)")
    return summary


def collect_source(runtime: Runtime, source_id: str, day: date, *, final_attempt: bool = True,
                   reprocess: bool = False) -> dict[str, Any]:
    """One source's report for the day, with its lookback reports, as a dict (see
    :meth:`SourceRun.as_dict`), for the DAG and for :func:`run_day`.

    A source that fails raises while it has attempts left (Airflow then retries that source
    alone); on its final attempt the failure becomes a ``failed`` report, so that the day's
    outcome is decided by :func:`check_run` and one failing source never fails the others.
    """
    try:
        return run_source(runtime, source_id, day, reprocess=reprocess).as_dict()
    except NewsmonError as exc:
        if not final_attempt:
            raise
        log.error("source %s day %s failed: %s", source_id, day, exc)
        return SourceRun(SourceReport(source_id=source_id, day=day, status="failed",
                                      error=f"{type(exc).__name__}: {exc}")).as_dict()


def link_duplicates(runtime: Runtime, day: date, *, reprocess: bool = False) -> list[dict[str, Any]]:
    """Link the copies among the articles of ``day`` and of the lookback days a run may have
    changed (those that hold articles), once every source has run. See :mod:`newsmon.linking`."""
    from newsmon.linking import link_day

    settings, store = runtime.settings, runtime.store
    earlier = [] if reprocess else [day - timedelta(days=k) for k in range(settings.lookback_days, 0, -1)]
    days = [d for d in earlier if count_day_rows(store, "articles", d)] + [day]
    return [link_day(d, store, settings.duplicate_window_days) for d in days]


def run_day(runtime: Runtime, day: date, *, reprocess: bool = False) -> tuple[list[dict[str, Any]], list[str]]:
    """Run every enabled source for one day, then link copies, as the DAG does; a failing source
    never stops the others."""
    expected = runtime.enabled_source_ids()
    reports = [collect_source(runtime, source_id, day, reprocess=reprocess) for source_id in expected]
    link_duplicates(runtime, day, reprocess=reprocess)
    return reports, expected
