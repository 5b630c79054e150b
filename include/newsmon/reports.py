"""Run reports: what each source did for each day, kept as the ``reports`` table, and the status
of a range of days read back from it. Pure except :func:`day_status`, which reads the store."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

import pyarrow.fs as pafs

from newsmon.storage import Store, count_day_rows, read_day

DATA_TABLES = ("raw", "articles", "figures", "entities")


@dataclass(frozen=True, slots=True)
class SourceReport:
    """What one source did for one day. Travels through XCom as a dict, and is one ``reports`` row."""

    source_id: str
    day: str                            # the day written (the partition), YYYY-MM-DD
    status: str                         # "ok" or "failed"
    error: str | None = None
    run_kind: str = "run"               # "run", "lookback" (a later day's run added late entries) or "reprocess"
    run_day: str | None = None          # the day of the run that wrote it
    listing: str | None = None          # feeds: "changed", "not_modified" (304) or "same_body" (200, same bytes)
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
    reaches_back_to: str | None = None  # the oldest entry the source listed: what it can still fill
    started_at: str | None = None       # ISO timestamp, UTC
    duration_s: float = 0.0
    extractor_version: str | None = None
    newsmon_version: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-able values, for XCom."""
        return {**asdict(self), "entry_skip_reasons": list(self.entry_skip_reasons)}

    def as_row(self) -> dict[str, Any]:
        """The ``reports`` row: the partition key left out, nested values flattened."""
        row = self.as_dict()
        del row["day"]
        row["skip_reasons"] = json.dumps(self.skip_reasons, sort_keys=True)
        row["entry_skip_reasons"] = json.dumps(list(self.entry_skip_reasons))
        row["reaches_back_to"] = date.fromisoformat(self.reaches_back_to) if self.reaches_back_to else None
        row["run_day"] = date.fromisoformat(self.run_day) if self.run_day else None
        row["started_at"] = datetime.fromisoformat(self.started_at) if self.started_at else None
        return row


@dataclass(frozen=True, slots=True)
class DayStatus:
    day: date
    complete: bool
    sources_ok: tuple[str, ...]
    sources_missing: tuple[str, ...]    # no successful report, or a data table leaf missing
    rows: dict[str, int]
    made_at: datetime | None
    versions: tuple[str, ...]


def day_status(store: Store, day: date, expected: list[str]) -> DayStatus:
    """Is ``day`` complete for the ``expected`` sources: a successful latest report and every data leaf?"""
    reports = read_day(store, "reports", day).to_pylist()
    latest: dict[str, dict[str, Any]] = {}
    for row in reports:
        if row["started_at"] is None:
            continue
        if row["source_id"] not in latest or row["started_at"] >= latest[row["source_id"]]["started_at"]:
            latest[row["source_id"]] = row
    ok = []
    for source in expected:
        has_leaves = all(store.fs.get_file_info(store.leaf(t, day, source)).type == pafs.FileType.File
                         for t in DATA_TABLES)
        if latest.get(source, {}).get("status") == "ok" and has_leaves:
            ok.append(source)
    made = [r["started_at"] for r in latest.values()]
    return DayStatus(
        day=day,
        complete=bool(expected) and len(ok) == len(expected),
        sources_ok=tuple(ok),
        sources_missing=tuple(s for s in expected if s not in ok),
        rows={t: count_day_rows(store, t, day) for t in ("articles", "figures", "entities")},
        made_at=max(made) if made else None,
        versions=tuple(sorted({str(r["extractor_version"]) for r in latest.values() if r["extractor_version"]})),
    )
