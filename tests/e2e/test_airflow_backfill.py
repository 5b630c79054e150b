"""news_monitor_daily backfilled by Airflow itself: ``airflow backfill create`` on a real stack.

api-server, scheduler (LocalExecutor) and dag-processor run as subprocesses on a SQLite DB
(tests/e2e/airflow_stack.py); the feeds come from tests/fixtures/backfill_site, served on
127.0.0.1 by this test process. Takes about a minute.
"""
from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from newsmon.sample import serve_site
from tests.e2e.airflow_stack import AirflowStack, airflow_stack, parse_db_time

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]
SITE = REPO / "tests" / "fixtures" / "backfill_site"
DAG_ID = "news_monitor_daily"
SOURCE_ID = "bulletin"
# The data tables, rebuilt whole on every run. (`reports`, beside them, is a run log that gains a row
# per run, so it is neither expected nor compared to stay byte-identical.)
TABLES = ("raw", "articles", "figures", "entities", "duplicates")

# The page behind each feed item, by the day (UTC) it was published: see backfill_site/README.md.
PAGES_BY_DAY = {
    date(2025, 3, 10): {"accra-market-arrests", "entebbe-cannabis-seizure"},
    date(2025, 3, 11): {"lima-pension-fraud", "dakar-port-smuggling"},
    date(2025, 3, 12): {"hanoi-pangolin-scales", "quito-drug-raids"},
    date(2025, 3, 13): {"tbilisi-investment-scam", "harare-gold-smuggling"},
    date(2025, 3, 14): {"dhaka-counterfeit-notes", "sofia-cigarette-seizure"},
}
DAYS = sorted(PAGES_BY_DAY)

# `backfill create --from-date A --to-date B` makes one run per schedule tick with A <= logical_date <= B
# (both ends inclusive, checked with --dry-run in Airflow 3.3.2). With CronDataIntervalTimetable the
# logical date IS data_interval_start, and the DAG writes the day of data_interval_start, so
# 2025-03-10..2025-03-14 writes exactly the days 10..14: no off-by-one shift is needed. The run of
# day D covers [D, D+1) and is *named* after its run_after, the interval's end:
# backfill__2025-03-15T00:00:00+00:00 is the run that writes dt=2025-03-14.
BACKFILL = ("--from-date", DAYS[0].isoformat(), "--to-date", DAYS[-1].isoformat(), "--max-active-runs", "3")
RUN_DEADLINE_S = 150


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes()
            for table in TABLES for p in sorted((root / table).rglob("*.parquet"))}


def _max_parallel_runs(stack: AirflowStack) -> int:
    """Most runs active at one instant, a run being active from its first task's start to its last's end."""
    spans: dict[str, tuple[datetime, datetime]] = {}
    for run_id, _task, _index, _state, start, end in stack.task_instances(DAG_ID):
        first, last = spans.get(run_id, (start, end))
        spans[run_id] = (min(first, start), max(last, end))
    events = sorted([(s, 1) for s, _ in spans.values()] + [(e, -1) for _, e in spans.values()])
    active = most = 0
    for _, step in events:     # an end sorts before a start at the same instant: touching is not overlap
        active += step
        most = max(most, active)
    return most


def _check_dataset(root: Path, base_url: str) -> None:
    for table in TABLES:
        found = sorted(p.name for p in (root / table).iterdir() if p.is_dir())
        assert found == [f"dt={d.isoformat()}" for d in DAYS], table

    all_ids: list[str] = []
    for day, pages in PAGES_BY_DAY.items():
        folder = f"dt={day.isoformat()}"
        leaf = f"part-{SOURCE_ID}.parquet"
        articles = pq.read_table(root / "articles" / folder / leaf).to_pylist()
        assert {a["url"] for a in articles} == {f"{base_url}/articles/{p}.html" for p in pages}, day
        assert len(articles) == 2 and all(a["status"] == "extracted" for a in articles), day
        assert all(a["published_at"].date() == day for a in articles), day
        all_ids += [a["article_id"] for a in articles]

        figures = pq.read_table(root / "figures" / folder / leaf).to_pylist()
        assert figures, f"no figure on {day}"
        assert {f["article_id"] for f in figures} <= {a["article_id"] for a in articles}, day

    # no article twice across the whole dataset, and nothing beyond the ten of the feed
    assert len(all_ids) == len(set(all_ids)) == 10
    figure_ids = [f for p in (root / "figures").glob("dt=*/*.parquet") for f in pq.read_table(p)["figure_id"].to_pylist()]
    assert len(figure_ids) == len(set(figure_ids))


def test_backfill_create_runs_five_days_in_parallel_and_reprocessing_is_byte_identical(tmp_path: Path) -> None:
    root = tmp_path / "data"
    sources = tmp_path / "sources.yaml"
    sources.write_text(f"- id: {SOURCE_ID}\n  url: ${{NEWSMON_SAMPLE_URL}}/feeds/bulletin.rss\n"
                       "  allow_private: true\n"
                       "  language: en\n  enabled: true\n", encoding="utf-8")

    with serve_site(directory=SITE) as base_url:
        # The session's in-process Airflow settings (tests/conftest.py) stay out of the stack.
        env = {k: v for k, v in os.environ.items() if not k.startswith("AIRFLOW")}
        env |= {
            "NEWSMON_SOURCES": str(sources),
            "NEWSMON_DATA_ROOT": str(root),
            "NEWSMON_SAMPLE_URL": base_url,
            "NEWSMON_TIMEZONE": "UTC",
            # No scheduled run: an unpaused DAG would otherwise get one for yesterday's interval,
            # write a dt= partition of its own and compete with the backfill for worker slots.
            "AIRFLOW__SCHEDULER__USE_JOB_SCHEDULE": "False",
        }
        with airflow_stack(env, tmp_path / "airflow") as stack:
            stack.wait_for_dag(DAG_ID, deadline_s=60)

            stack.create_backfill(DAG_ID, *BACKFILL)
            first = stack.latest_backfill_id(DAG_ID)
            runs = stack.wait_for_runs(DAG_ID, 5, RUN_DEADLINE_S, backfill_id=first)
            assert [state for _, state, _ in runs] == ["success"] * 5, runs
            assert [start for _, _, start in runs] == [datetime(d.year, d.month, d.day, tzinfo=UTC) for d in DAYS]
            assert [run_id for run_id, _, _ in runs] == [
                f"backfill__{d + timedelta(days=1)}T00:00:00+00:00" for d in DAYS]
            intervals = stack.query("select data_interval_start, data_interval_end, logical_date from dag_run "
                                    "where backfill_id = ?", (first,))
            for start, end, logical in intervals:
                assert start == logical, "logical_date is data_interval_start for CronDataIntervalTimetable"
                assert datetime.fromisoformat(end) - datetime.fromisoformat(start) == timedelta(days=1)

            # Backfill runs obey the backfill's --max-active-runs (default 10), not the DAG's max_active_runs.
            # With 3 and 4 worker slots, runs overlap, but never more than three at once.
            assert 2 <= _max_parallel_runs(stack) <= 3

            _check_dataset(root, base_url)
            before = _snapshot(root)
            assert len(before) == len(TABLES) * len(DAYS)

            # Only one backfill per DAG may be active. The scheduler marks one complete on a fixed
            # 30 s timer after its last run finished, so the second create must wait for that.
            stack.wait_for_backfill(first, deadline_s=60)
            stack.create_backfill(DAG_ID, *BACKFILL, "--reprocess-behavior", "completed")
            second = stack.latest_backfill_id(DAG_ID)
            assert second != first
            created = parse_db_time(stack.query("select created_at from backfill where id = ?", (second,))[0][0])
            # the completed runs were cleared and re-queued under the new backfill: same run ids
            again = stack.wait_for_runs(DAG_ID, 5, RUN_DEADLINE_S, backfill_id=second)
            assert [state for _, state, _ in again] == ["success"] * 5, again
            assert [r[0] for r in again] == [r[0] for r in runs]
            cleared = stack.query("select min(clear_number) from dag_run where backfill_id = ?", (second,))
            assert cleared[0][0] >= 1
            # ... and every task really ran again:
            # 5 runs x (list_sources, collect_source[0], link_duplicates, check_run)
            rerun = [ti for ti in stack.task_instances(DAG_ID) if ti[4] > created]
            assert len(rerun) == 20 and {ti[3] for ti in rerun} == {"success"}, rerun

            assert _snapshot(root) == before
