"""newsmon: enforcement figures from the news, as day-partitioned Parquet.

The library runs without Airflow. Entry points:
- ``newsmon.pipeline``: ``run_source``, ``run_day``, ``check_run``
- ``newsmon.readers``: ``read_table``, ``open_snapshot`` (the tables as committed)
- ``newsmon.extractor``: ``extract`` (figures and entity mentions of one text)
- ``newsmon.config``: ``Settings.from_env``, ``load_sources``
- ``python -m newsmon``: the command line
"""
from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["__version__"]
