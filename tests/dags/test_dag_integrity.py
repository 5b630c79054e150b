"""The DAG folder parses cleanly, without side effects, and the daily DAG keeps its contract."""
from __future__ import annotations

import socket
import sys
from pathlib import Path
from typing import Any

import pytest

DAGS = Path(__file__).resolve().parents[2] / "dags"


@pytest.fixture(scope="module")
def dagbag() -> Any:
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(DAGS))


def test_dag_folder_has_no_import_errors(dagbag: Any) -> None:
    assert dagbag.import_errors == {}
    assert "news_monitor_daily" in dagbag.dags


def test_daily_dag_contract(dagbag: Any) -> None:
    dag = dagbag.dags["news_monitor_daily"]
    assert type(dag.timetable).__name__ == "CronDataIntervalTimetable"
    assert dag.default_args["retries"] >= 2 and dag.default_args["retry_exponential_backoff"]
    assert not dag.catchup and dag.tags and dag.doc_md
    assert dag.start_date is not None and dag.start_date.year == 2024
    assert {t.task_id for t in dag.tasks} == {"list_sources", "collect_source", "link_duplicates", "check_run"}
    assert dag.get_task("link_duplicates").trigger_rule == "all_done"
    assert dag.get_task("link_duplicates").upstream_task_ids == {"collect_source"}
    assert dag.get_task("check_run").upstream_task_ids == {"collect_source", "link_duplicates", "list_sources"}
    assert dag.get_task("check_run").trigger_rule == "all_done"


def test_collect_source_is_mapped_over_the_source_list(dagbag: Any) -> None:
    from airflow.sdk.definitions.mappedoperator import MappedOperator

    collect = dagbag.dags["news_monitor_daily"].get_task("collect_source")
    assert isinstance(collect, MappedOperator)
    assert {t.task_id for t in collect.upstream_list} == {"list_sources"}


def test_parsing_opens_no_connection_and_does_no_work(monkeypatch: pytest.MonkeyPatch) -> None:
    """Parse the folder again with connections and sockets booby-trapped."""
    from airflow.dag_processing.dagbag import DagBag
    from airflow.sdk import BaseHook

    calls: list[str] = []

    def refuse(*args: object, **kwargs: object) -> None:
        calls.append(repr(args))
        raise AssertionError("DAG parsing must not open connections")

    monkeypatch.setattr(BaseHook, "get_connection", classmethod(lambda cls, conn_id: refuse(conn_id)))
    monkeypatch.setattr(socket.socket, "connect", refuse)
    for name in [m for m in sys.modules if m == "newsmon" or m.startswith("newsmon.")]:
        monkeypatch.delitem(sys.modules, name)
    bag = DagBag(dag_folder=str(DAGS))
    assert bag.import_errors == {} and calls == []
    assert not [m for m in sys.modules if m.startswith("newsmon.")], "the DAG file imported newsmon at parse time"
