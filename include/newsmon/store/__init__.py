"""Storage: day-partitioned Parquet under a data root (a folder or an object-store URI).

The table schemas (declared once, in :mod:`newsmon.store.schemas`), the leaf files and locks
(:mod:`~newsmon.store.files`), one commit per (source, day) (:mod:`~newsmon.store.commits`),
consistent readers (:mod:`~newsmon.store.readers`), run reports and day status
(:mod:`~newsmon.store.reports`) and per-source feed state (:mod:`~newsmon.store.feedstate`).
It imports neither collection nor the extractor.
"""
from __future__ import annotations

from newsmon.store.commits import Inspection, Manifest, commit, inspect, settle
from newsmon.store.files import Store, open_store
from newsmon.store.readers import Snapshot, count_day_rows, open_snapshot, read_day, read_table
from newsmon.store.reports import DayStatus, RunKind, SourceReport, SourceRun, day_status

__all__ = ["DayStatus", "Inspection", "Manifest", "RunKind", "Snapshot", "SourceReport", "SourceRun", "Store",
           "commit", "count_day_rows", "day_status", "inspect", "open_snapshot", "open_store", "read_day",
           "read_table", "settle"]
