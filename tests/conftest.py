"""Fixtures shared by every test layer. Airflow is configured here, before anything imports it."""
from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
FIXTURES = REPO / "tests" / "fixtures"

# Airflow reads its configuration when first imported: give the test session its own home, with
# the embedded SQLite DB, so that nothing is written to ~/airflow or to the project's .airflow/.
_AIRFLOW_HOME = tempfile.mkdtemp(prefix="newsmon-airflow-")
os.environ["AIRFLOW_HOME"] = _AIRFLOW_HOME
os.environ["AIRFLOW__CORE__DAGS_FOLDER"] = str(REPO / "dags")
os.environ["AIRFLOW__CORE__PLUGINS_FOLDER"] = str(REPO / "plugins")
os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
# Local test servers need no pause between requests (sources may still set their own min_delay).
os.environ.setdefault("NEWSMON_MIN_DELAY", "0")
# dags test runs tasks in this process; newsmon must be importable there as in a deployment.
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "include"), os.environ.get("PYTHONPATH")]))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared, the evaluation data; tests that need it skip cleanly when it is absent."""
    if not (SHARED / "eval" / "FIGURES.md").is_file():
        pytest.skip("../shared is not present next to the repository")
    return SHARED


@pytest.fixture
def sample_site() -> Iterator[str]:
    """The bundled sample site served on 127.0.0.1; yields its base URL and sets NEWSMON_SAMPLE_URL."""
    from newsmon.sample import serve_site

    with serve_site() as base_url:
        old = os.environ.get("NEWSMON_SAMPLE_URL")
        os.environ["NEWSMON_SAMPLE_URL"] = base_url
        try:
            yield base_url
        finally:
            if old is None:
                os.environ.pop("NEWSMON_SAMPLE_URL", None)
            else:
                os.environ["NEWSMON_SAMPLE_URL"] = old
