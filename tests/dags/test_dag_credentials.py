"""The DAG hands newsmon a source's credentials from the Airflow connection the source names."""
from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

DAG_FILE = Path(__file__).resolve().parents[2] / "dags" / "news_monitor_daily.py"


def _dag_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("news_monitor_daily_under_test", DAG_FILE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_credentials_come_from_the_airflow_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AIRFLOW_CONN_PAID_WIRE", '{"conn_type": "http", "login": "desk", "password": "pw-123",'
                                                 ' "extra": {"headers": {"X-Api-Key": "key-456"}}}')
    credential = _dag_module()._connection_credential("paid_wire")
    assert credential.request_headers() == {"X-Api-Key": "key-456", "Authorization": "Basic ZGVzazpwdy0xMjM="}
