from __future__ import annotations

import os
import subprocess
import sys
from datetime import date

import pytest

# The seven figures of the seed article (China Daily, 2025-01-16), as FIGURES.md defines them:
# (action, measure, unit, value, bound, period_start, period_end).
SEED_FIGURES = {
    ("charge", "count", "person", 67000.0, "more_than", date(2024, 1, 1), date(2024, 11, 30)),
    ("charge", "change", "percent", 58.5, "exact", date(2024, 1, 1), date(2024, 11, 30)),
    ("transfer", "count", "person", 40000.0, "more_than", date(2024, 1, 1), date(2024, 12, 31)),
    ("charge", "count", "person", 29000.0, "more_than", None, date(2024, 11, 30)),
    ("solve", "count", "case", 160.0, "more_than", None, None),
    ("arrest", "count", "person", 70000.0, "more_than", None, None),
    ("charge", "change", "percent", 120.0, "exact", date(2024, 1, 1), date(2024, 11, 30)),
}
SEED_PATH = "/articles/prosecutors-telecom-fraud.html"
SAMPLE_DAY = date(2025, 1, 16)


@pytest.fixture(scope="session")
def airflow_db() -> None:
    """Create the session's SQLite metadata DB once (``airflow db migrate``, about 5 s)."""
    done = subprocess.run([sys.executable, "-m", "airflow", "db", "migrate"], env=os.environ.copy(),
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
