"""The daily DAG, run by Airflow (dag.test) against the sample site served on 127.0.0.1."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pendulum
import polars as pl
import pyarrow.dataset as ds
import pytest

from newsmon.sample import SAMPLE_SOURCES
from tests.e2e.conftest import SAMPLE_DAY, SEED_FIGURES, SEED_PATH

pytestmark = pytest.mark.e2e
DAGS = Path(__file__).resolve().parents[2] / "dags"


def _snapshot(root: Path) -> dict[str, bytes]:
    """Every data file (the reports table records each run, so it is left out)."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.parquet"))
            if p.relative_to(root).parts[0] != "reports"}


def _run_dag() -> object:
    from airflow.dag_processing.dagbag import DagBag

    dag = DagBag(dag_folder=str(DAGS)).dags["news_monitor_daily"]
    # A manual run at logical date D+1 covers the data interval [D, D+1).
    return dag.test(logical_date=pendulum.datetime(2025, 1, 17, tz="UTC"))


def test_daily_dag_writes_the_days_partitions_and_is_idempotent(
        airflow_db: None, sample_site: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from airflow.utils.state import DagRunState

    root = tmp_path / "data"
    monkeypatch.setenv("NEWSMON_SOURCES", str(SAMPLE_SOURCES))
    monkeypatch.setenv("NEWSMON_DATA_ROOT", str(root))

    run = _run_dag()
    assert run.state == DagRunState.SUCCESS
    day = run.data_interval_start.date()
    assert day == SAMPLE_DAY
    dt = f"dt={day.isoformat()}"
    for table in ("raw", "articles", "figures", "entities"):
        assert (root / table / dt).is_dir(), table

    # pyarrow.dataset with hive partitioning
    articles = ds.dataset(root / "articles", format="parquet", partitioning="hive").to_table().to_pylist()
    seed = [a for a in articles if a["url"] == sample_site + SEED_PATH]
    assert len(seed) == 1 and seed[0]["status"] == "extracted"
    assert "67,000 individuals were indicted" in seed[0]["text"]
    # The run for the 16th also looks back: the feed's entries of the 15th land in their own day.
    assert {str(a["dt"]) for a in articles} == {day.isoformat(), "2025-01-15"}
    assert all(a["published_at"] is None or str(a["published_at"].date()) == str(a["dt"]) for a in articles)

    # DuckDB over the documented glob
    figures = duckdb.sql(
        f"select action, measure, unit, value, bound, period_start, period_end, quote, sentence, "
        f"start, \"end\", sentence_start, sentence_end from read_parquet('{root}/figures/*/*.parquet') "
        f"where article_id = '{seed[0]['article_id']}'").fetchall()
    assert {f[:7] for f in figures} == SEED_FIGURES
    text = seed[0]["text"]
    for *_, quote, sentence, start, end, s_start, s_end in figures:
        assert text[start:end] == quote and text[s_start:s_end] == sentence

    # pandas and polars over the same files
    entities = pd.read_parquet(root / "entities")
    seed_entities = set(map(tuple, entities.loc[entities.article_id == seed[0]["article_id"],
                                                ["type", "name"]].drop_duplicates().values))
    assert {("PERSON", "Du Xueyi"), ("ORG", "Supreme People's Procuratorate"), ("LOC", "Myanmar")} <= seed_entities
    assert pl.read_parquet(f"{root}/figures/*/*.parquet").height == len(duckdb.sql(
        f"select * from read_parquet('{root}/figures/*/*.parquet')").fetchall())

    # a second run of the same date gives the same files, byte for byte, and no duplicates
    first = _snapshot(root)
    again = _run_dag()
    assert again.state == DagRunState.SUCCESS
    assert _snapshot(root) == first


def test_a_failing_source_is_retried_alone_and_reported_while_the_others_are_stored(
        airflow_db: None, sample_site: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from airflow.utils.state import DagRunState

    root = tmp_path / "data"
    sources = tmp_path / "sources.yaml"
    sources.write_text(SAMPLE_SOURCES.read_text(encoding="utf-8")
                       + "\n- id: gone\n  url: ${NEWSMON_SAMPLE_URL}/feeds/gone.rss\n  allow_private: true\n",
                       encoding="utf-8")
    monkeypatch.setenv("NEWSMON_SOURCES", str(sources))
    monkeypatch.setenv("NEWSMON_DATA_ROOT", str(root))
    monkeypatch.setenv("NEWSMON_TASK_RETRIES", "1")      # read when the DAG file is parsed
    monkeypatch.setenv("NEWSMON_RETRY_DELAY_S", "0")

    run = _run_dag()
    assert run.state == DagRunState.SUCCESS          # 1 of 4 sources failed: within NEWSMON_MAX_FAILED_SHARE
    tries = {ti.map_index: ti.try_number for ti in run.get_task_instances() if ti.task_id == "collect_source"}
    states = {ti.task_id: ti.state for ti in run.get_task_instances() if ti.task_id != "collect_source"}
    assert states == {"list_sources": "success", "link_duplicates": "success", "check_run": "success"}
    # the failing source (map index 3) raised on its first try, was retried, and reported on its last
    assert tries == {0: 1, 1: 1, 2: 1, 3: 2}
    reports = duckdb.sql(f"select source_id, status, error from read_parquet('{root}/reports/*/*.parquet') "
                         "where source_id = 'gone' order by started_at").fetchall()
    assert [r[1] for r in reports] == ["failed", "failed"] and "HTTP 404" in reports[-1][2]
    stored = {r[0] for r in duckdb.sql(f"select distinct source_id from read_parquet('{root}/articles/*/*.parquet')"
                                       ).fetchall()}
    assert stored == {"justice_wire", "harbour_police", "prosecutors_digest"}

    monkeypatch.setenv("NEWSMON_MAX_FAILED_SHARE", "0.2")
    assert _run_dag().state == DagRunState.FAILED     # now one failed source is too many


def test_a_day_whose_duplicates_cannot_be_linked_fails(
        airflow_db: None, sample_site: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from airflow.utils.state import DagRunState

    root = tmp_path / "data"
    monkeypatch.setenv("NEWSMON_SOURCES", str(SAMPLE_SOURCES))
    monkeypatch.setenv("NEWSMON_DATA_ROOT", str(root))
    monkeypatch.setenv("NEWSMON_TASK_RETRIES", "0")
    # a damaged leaf of an earlier day in the window: no source rebuilds it, the linking reads it
    damaged = root / "articles" / "dt=2025-01-12" / "part-old_source.parquet"
    damaged.parent.mkdir(parents=True)
    damaged.write_bytes(b"PAR1 this is not a parquet file")

    run = _run_dag()
    assert run.state == DagRunState.FAILED
    states = {ti.task_id: ti.state for ti in run.get_task_instances() if ti.task_id != "collect_source"}
    assert states == {"list_sources": "success", "link_duplicates": "failed", "check_run": "failed"}
    assert {ti.state for ti in run.get_task_instances() if ti.task_id == "collect_source"} == {"success"}
