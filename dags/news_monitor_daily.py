"""
### news_monitor_daily

Collects the day's articles from every enabled feed in the sources file, cleans them, extracts
enforcement figures and entity mentions, and replaces that day's Parquet partitions:
`<NEWSMON_DATA_ROOT>/{raw,articles,figures,entities}/dt=YYYY-MM-DD/part-<source>.parquet`.

The day written is the data interval's start (a `CronDataIntervalTimetable`), so the run that
starts just after midnight collects the day that just ended, and a backfill of day D writes D.
One mapped `collect_source` task per source: a failing source retries alone, and on its last try
its failure becomes a report instead of a failed task. `link_duplicates` then gives every article
of the day its cluster of syndicated copies (`duplicates/dt=YYYY-MM-DD/`), across sources and the
last `NEWSMON_DUPLICATE_WINDOW_DAYS` days. `check_run` fails the run when more than
`NEWSMON_MAX_FAILED_SHARE` of the sources failed or nothing was collected. Trigger with
`{"reprocess": true}` to rebuild a day from stored raw bytes without any HTTP request.
A source that names `credentials: <conn_id>` is authenticated with that Airflow connection
(metadata database, secrets backend or `AIRFLOW_CONN_<ID>`), never with the sources file.
"""
from __future__ import annotations

import os
from typing import Any

import pendulum
from airflow.sdk import Asset, CronDataIntervalTimetable, Param, TriggerRule, dag, task

FIGURES = Asset(name="newsmon_figures", uri="file:///opt/airflow/data/figures")
TIMEZONE = os.environ.get("NEWSMON_TIMEZONE", "UTC")
# Retries of a failing task (a source whose feed is down, say), and the first wait between them.
RETRIES = int(os.environ.get("NEWSMON_TASK_RETRIES", "2"))
RETRY_DELAY = pendulum.duration(seconds=float(os.environ.get("NEWSMON_RETRY_DELAY_S", "120")))


@dag(
    dag_id="news_monitor_daily",
    schedule=CronDataIntervalTimetable("0 0 * * *", timezone=TIMEZONE),
    start_date=pendulum.datetime(2024, 1, 1, tz=TIMEZONE),
    catchup=False,
    max_active_runs=3,
    default_args={
        "retries": RETRIES,
        "retry_delay": RETRY_DELAY,
        "retry_exponential_backoff": True,
        "max_retry_delay": pendulum.duration(minutes=30),
    },
    params={"reprocess": Param(False, type="boolean", description="Rebuild from stored raw bytes only")},
    tags=["newsmon", "news"],
    doc_md=__doc__,
)
def news_monitor_daily() -> None:
    @task
    def list_sources() -> list[str]:
        from newsmon import tasks

        return tasks.list_sources()

    @task(map_index_template="{{ task.op_kwargs['source_id'] }}")
    def collect_source(source_id: str, data_interval_start: Any = None, params: Any = None,
                       ti: Any = None) -> dict[str, Any]:
        from newsmon import tasks

        # Raise while retries remain; on the last try report the failure, and let check_run judge the day.
        return tasks.collect_source(source_id, data_interval_start, reprocess=_reprocess(params),
                                    final_attempt=ti is None or ti.try_number > ti.max_tries,
                                    credentials=_connection_credential)

    @task(trigger_rule=TriggerRule.ALL_DONE)
    def link_duplicates(data_interval_start: Any = None, params: Any = None) -> list[dict[str, Any]]:
        from newsmon import tasks

        return tasks.link_duplicates(data_interval_start, reprocess=_reprocess(params))

    @task(trigger_rule=TriggerRule.ALL_DONE, outlets=[FIGURES])
    def check_run(reports: Any, expected: list[str], links: Any, data_interval_start: Any = None) -> dict[str, Any]:
        from newsmon import tasks

        return tasks.check_run(reports, expected, links, data_interval_start)

    sources = list_sources()
    reports = collect_source.expand(source_id=sources)
    links = link_duplicates()
    reports >> links
    check_run(reports, sources, links)


def _reprocess(params: Any) -> bool:
    return bool(params and params.get("reprocess"))


def _connection_credential(conn_id: str) -> Any:
    """A source's credentials from the Airflow connection it names (looked up when a task runs)."""
    from airflow.sdk import Connection

    from newsmon.collect.secrets import from_connection

    conn = Connection.get(conn_id)
    return from_connection(conn_id, conn.login, conn.password, conn.extra_dejson)


news_monitor_daily()
