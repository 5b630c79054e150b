"""Run reports: what each source did for each day, kept as the ``reports`` table, and the status
of a day read back from it and from the commits. Pure except :func:`day_status`, which reads the store."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from newsmon.store.commits import inspect
from newsmon.store.files import Store
from newsmon.store.readers import count_day_rows, read_day

ReportStatus = Literal["ok", "failed", "empty"]
"""``empty``: a reprocess found nothing stored for the (source, day), so there was nothing to rebuild."""
RunKind = Literal["run", "lookback", "reprocess"]
"""``lookback``: a later day's run added entries it listed late."""


@dataclass(frozen=True, slots=True)
class SourceReport:
    """What one source did for one day. Travels through XCom as a dict (:meth:`as_dict`: dates as
    ISO strings), and is one ``reports`` row (:meth:`as_row`)."""

    source_id: str
    day: date                           # the day written (the partition)
    status: ReportStatus
    error: str | None = None
    run_kind: RunKind = "run"
    run_day: date | None = None         # the day of the run that wrote it
    listing: str | None = None          # feeds: "changed", "not_modified" (304) or "same_body" (200, same bytes)
    up_to_date: bool = False            # the day already held the unchanged listing and was left as it was
    entries_seen: int = 0               # entries in the stored listings (feed snapshots, sitemaps, WARC records)
    entries_in_day: int = 0
    entries_new: int = 0                # entries of the day not in its articles before this run
    entries_skipped: int = 0            # feed entries the feed policy skipped (no usable link, repeated id)
    entry_skip_reasons: tuple[str, ...] = ()   # the first of their reasons
    pages_fetched: int = 0              # page fetches made by this run
    pages_reused: int = 0               # pages taken from raw
    pages_failed: int = 0               # page fetches of this run that failed (articles_failed counts the rows)
    articles_extracted: int = 0
    articles_skipped: int = 0
    articles_failed: int = 0
    figures: int = 0
    mentions: int = 0
    skip_reasons: dict[str, int] = field(default_factory=dict)
    reaches_back_to: date | None = None  # the day of the oldest entry the source listed: what it can still fill
    started_at: datetime | None = None  # UTC
    duration_s: float = 0.0
    extractor_version: str | None = None
    newsmon_version: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-able values, for XCom: dates and times as ISO strings."""
        plain = asdict(self)
        for key in ("day", "run_day", "reaches_back_to", "started_at"):
            plain[key] = None if plain[key] is None else plain[key].isoformat()
        return {**plain, "entry_skip_reasons": list(self.entry_skip_reasons)}

    def as_row(self) -> dict[str, Any]:
        """The ``reports`` row: the partition key left out, nested values flattened."""
        row = asdict(self)
        del row["day"]
        row["skip_reasons"] = json.dumps(self.skip_reasons, sort_keys=True)
        row["entry_skip_reasons"] = json.dumps(list(self.entry_skip_reasons))
        return row


@dataclass(frozen=True, slots=True)
class SourceRun:
    """What one source's run did: the report of its day, and of each earlier day it rebuilt
    because the source listed entries of that day late (newest first)."""

    report: SourceReport
    lookbacks: tuple[SourceReport, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """The day's report as a dict with the lookback reports under ``lookbacks``, for XCom."""
        return {**self.report.as_dict(), "lookbacks": [r.as_dict() for r in self.lookbacks]}


SourceState = Literal["ok", "lookback", "failed", "missing", "inconsistent", "unverified"]
"""Of a (source, day): ``ok``, committed by a run of that day; ``lookback``, committed only by
later days' runs that added late entries; ``failed``, its latest run failed; ``missing``,
nothing stored; ``inconsistent``, its leaves are not all of the committed version (a build was
cut off while publishing, or a leaf is gone), until the next run of it; ``unverified``, leaves
without a manifest, written by an older newsmon, until the next run rebuilds them."""
DayState = Literal["complete", "incomplete", "inconsistent", "unverified", "lookback"]
"""Of a day: ``complete``, every source ok; ``inconsistent``, some source inconsistent;
``unverified``, every source ok or unverified; ``lookback``, not run itself, only late entries
added by later days' runs; ``incomplete``, anything else (a source failed or missing)."""


@dataclass(frozen=True, slots=True)
class DayStatus:
    day: date
    state: DayState
    sources: dict[str, SourceState]
    rows: dict[str, int]
    made_at: datetime | None
    versions: tuple[str, ...]

    def sources_in(self, *states: SourceState) -> tuple[str, ...]:
        return tuple(s for s, state in self.sources.items() if state in states)


def day_status(store: Store, day: date, expected: list[str]) -> DayStatus:
    """The state of ``day`` for the ``expected`` sources, from their commits and their reports."""
    history: dict[str, list[dict[str, Any]]] = {}
    for row in read_day(store, "reports", day).to_pylist():
        if row["started_at"] is not None:
            history.setdefault(row["source_id"], []).append(row)
    for rows in history.values():
        rows.sort(key=lambda r: r["started_at"])
    sources = {s: source_state(inspect(store, day, s).state, history.get(s, [])) for s in expected}
    latest = [rows[-1] for rows in history.values()]
    made = [r["started_at"] for r in latest]
    return DayStatus(
        day=day,
        state=overall_state(list(sources.values())),
        sources=sources,
        rows={t: count_day_rows(store, t, day) for t in ("articles", "figures", "entities")},
        made_at=max(made) if made else None,
        versions=tuple(sorted({str(r["extractor_version"]) for r in latest if r["extractor_version"]})),
    )


def source_state(commit_state: str, history: list[dict[str, Any]]) -> SourceState:
    """The state of a (source, day) from its commit state and its reports, oldest first. Pure."""
    if commit_state in ("publishing", "broken"):
        return "inconsistent"
    runs = [r for r in history if r["status"] != "empty"]
    if runs and runs[-1]["status"] == "failed":
        return "failed"
    if commit_state == "absent":
        return "missing"
    if commit_state == "unverified":
        return "unverified"
    kinds = {r["run_kind"] for r in runs if r["status"] == "ok"}
    return "lookback" if "lookback" in kinds and "run" not in kinds else "ok"


def overall_state(states: list[SourceState]) -> DayState:
    """The state of a day from the states of its expected sources. Pure."""
    if not states:
        return "incomplete"
    if "inconsistent" in states:
        return "inconsistent"
    if all(s == "ok" for s in states):
        return "complete"
    if all(s in ("ok", "unverified") for s in states):
        return "unverified"
    if "lookback" in states and all(s in ("lookback", "missing") for s in states):
        return "lookback"
    return "incomplete"
