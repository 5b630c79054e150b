"""docker-compose.yaml and the lock keep the promises the README makes about them."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]


def test_compose_mounts_code_and_data_into_every_airflow_service() -> None:
    compose = yaml.safe_load((REPO / "docker-compose.yaml").read_text(encoding="utf-8"))
    airflow = {name: svc for name, svc in compose["services"].items() if name.startswith("airflow-")}
    assert {"airflow-apiserver", "airflow-scheduler", "airflow-dag-processor", "airflow-init"} <= set(airflow)
    for name, service in airflow.items():
        mounts = {m.split(":")[1] for m in service["volumes"]}
        assert {"/opt/airflow/dags", "/opt/airflow/include", "/opt/airflow/plugins", "/opt/airflow/data"} <= mounts
        env = service["environment"]
        assert env["PYTHONPATH"] == "/opt/airflow/include", name
        assert env["NEWSMON_DATA_ROOT"] == "/opt/airflow/data", name
        assert env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"].startswith("postgresql"), name


def test_requirements_pin_every_package_with_hashes() -> None:
    lines = (REPO / "requirements.txt").read_text(encoding="utf-8").splitlines()
    pins = [line for line in lines if line and not line.startswith((" ", "#"))]
    assert all(re.fullmatch(r"[A-Za-z0-9._-]+(\[[a-z0-9,_-]+\])?==[^\s\\]+ \\", p) for p in pins), pins
    names = {p.split("==")[0].lower() for p in pins}
    assert {"apache-airflow", "feedparser", "trafilatura", "pyarrow", "pytest", "httpx", "duckdb"} <= names
    assert any(p.startswith("apache-airflow==3.3.") for p in pins)
