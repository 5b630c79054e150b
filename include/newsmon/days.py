"""Which calendar day an entry belongs to. Pure."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from newsmon.models import FeedEntry


def day_window(day: date, timezone: str) -> tuple[datetime, datetime]:
    """[start, end) of ``day`` in ``timezone``, as UTC datetimes."""
    zone = ZoneInfo(timezone)
    start = datetime.combine(day, time.min, tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone)
    return start.astimezone(UTC), end.astimezone(UTC)


def day_of(moment: datetime, timezone: str) -> date:
    """The calendar day of an aware datetime in ``timezone`` (the DAG's data_interval_start -> day)."""
    return moment.astimezone(ZoneInfo(timezone)).date()


def select_entries(entries: Iterable[FeedEntry], day: date, window: tuple[datetime, datetime],
                   first_seen: Mapping[str, date]) -> list[FeedEntry]:
    """Entries that belong to ``day``: published in its ``window`` (:func:`day_window`), or undated and
    first seen on ``day`` (``first_seen`` maps undated entry ids to the day they were first seen)."""
    start, end = window
    chosen = []
    for entry in entries:
        if entry.published_at is not None:
            if start <= entry.published_at < end:
                chosen.append(entry)
        elif first_seen.get(entry.entry_id) == day:
            chosen.append(entry)
    return chosen
