"""The pure rules of the pipeline: which day an entry belongs to, and when a run fails."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from newsmon.config import Settings
from newsmon.errors import FetchError, RunCheckError
from newsmon.models import FeedEntry
from newsmon.pipeline import check_run, collect_source, day_of, day_window, select_entries
from newsmon.runtime import Runtime

DAY = date(2025, 1, 16)


def _entry(entry_id: str, published: datetime | None) -> FeedEntry:
    return FeedEntry("s", entry_id, f"https://example.org/{entry_id}", None, published, None)


def test_day_window_is_half_open_midnight_to_midnight_in_the_zone() -> None:
    assert day_window(DAY, "UTC") == (datetime(2025, 1, 16, tzinfo=UTC), datetime(2025, 1, 17, tzinfo=UTC))
    start, end = day_window(DAY, "Asia/Shanghai")
    assert start == datetime(2025, 1, 15, 16, tzinfo=UTC) and end - start == timedelta(days=1)


def test_day_of_reads_the_day_in_the_configured_zone() -> None:
    moment = datetime(2025, 1, 15, 16, tzinfo=UTC)
    assert day_of(moment, "UTC") == date(2025, 1, 15)
    assert day_of(moment, "Asia/Shanghai") == DAY


def test_select_entries_keeps_entries_published_in_the_day() -> None:
    entries = [
        _entry("start", datetime(2025, 1, 16, tzinfo=UTC)),
        _entry("late", datetime(2025, 1, 16, 23, 59, 59, tzinfo=UTC)),
        _entry("next-midnight", datetime(2025, 1, 17, tzinfo=UTC)),
        _entry("new-york-evening", datetime(2025, 1, 16, 23, 30, tzinfo=timezone(timedelta(hours=-5)))),
        _entry("day-before", datetime(2025, 1, 15, 23, 59, tzinfo=UTC)),
    ]
    assert [e.entry_id for e in select_entries(entries, DAY, day_window(DAY, "UTC"), {})] == ["start", "late"]
    # the same entries, with days that start at midnight in New York
    in_new_york = [e.entry_id for e in select_entries(entries, DAY, day_window(DAY, "America/New_York"), {})]
    assert in_new_york == ["late", "next-midnight", "new-york-evening"]


def test_select_entries_places_undated_entries_on_the_day_first_seen() -> None:
    entries = [_entry("seen-today", None), _entry("seen-before", None), _entry("never-recorded", None)]
    first_seen = {"seen-today": date(2025, 1, 16), "seen-before": date(2025, 1, 14)}
    assert [e.entry_id for e in select_entries(entries, DAY, day_window(DAY, "UTC"), first_seen)] == ["seen-today"]


def _report(source_id: str, status: str = "ok", articles: int = 2) -> dict[str, object]:
    return {"source_id": source_id, "status": status, "articles_extracted": articles, "figures": 3, "mentions": 4}


def test_check_run_passes_and_sums_counts() -> None:
    summary = check_run([_report("a"), _report("b", "failed", 0)], ["a", "b"], DAY, Settings())
    assert summary["articles"] == 2 and summary["figures"] == 6 and summary["failed_sources"] == ["b"]


def test_check_run_counts_a_missing_report_as_a_failure() -> None:
    with pytest.raises(RunCheckError, match="2 of 3 sources failed: b, c"):
        check_run([_report("a")], ["a", "b", "c"], DAY, Settings(max_failed_share=0.5))


def test_check_run_fails_when_nothing_was_collected() -> None:
    with pytest.raises(RunCheckError, match="no article was collected"):
        check_run([_report("a", articles=0)], ["a"], DAY, Settings())


def test_check_run_counts_late_entries_added_to_earlier_days() -> None:
    late = {**_report("a", articles=0), "lookbacks": [{"day": "2025-01-15", "entries_new": 1},
                                                       {"day": "2025-01-14", "entries_new": 2}]}
    summary = check_run([late], ["a"], DAY, Settings())
    assert (summary["articles"], summary["late_entries"], summary["late_days"]) == (0, 3, ["2025-01-14", "2025-01-15"])


def test_check_run_passes_a_day_found_up_to_date_even_without_articles() -> None:
    quiet = {**_report("a", articles=0), "listing": "not_modified", "up_to_date": True}
    assert check_run([quiet], ["a"], DAY, Settings())["articles"] == 0
    rebuilt_empty = {**quiet, "up_to_date": False}     # an unchanged feed, but the day had to be built: it is empty
    with pytest.raises(RunCheckError, match="no article was collected"):
        check_run([rebuilt_empty], ["a"], DAY, Settings())


def test_check_run_treats_a_reprocess_with_nothing_stored_as_empty_not_failed() -> None:
    summary = check_run([_report("a"), _report("b", "empty", 0)], ["a", "b"], DAY, Settings(max_failed_share=0.0))
    assert summary["failed_sources"] == []
    with pytest.raises(RunCheckError, match="nothing is stored for this day"):
        check_run([_report("b", "empty", 0)], ["b"], DAY, Settings())


def test_collect_source_raises_while_retries_remain_and_reports_on_the_last_try(tmp_path: Path) -> None:
    sources = tmp_path / "sources.yaml"
    sources.write_text("- id: gone\n  url: http://127.0.0.1:9/feed.rss\n  allow_private: true\n", encoding="utf-8")
    settings = Settings(data_root=str(tmp_path / "data"), sources_path=sources, max_attempts=1)
    with pytest.raises(FetchError):
        collect_source(Runtime(settings), "gone", DAY, final_attempt=False)
    report = collect_source(Runtime(settings), "gone", DAY, final_attempt=True)
    assert report["status"] == "failed" and report["error"].startswith("FetchError: ")
    with pytest.raises(RunCheckError, match="1 of 1 sources failed: gone"):
        check_run([report], ["gone"], DAY, settings)
