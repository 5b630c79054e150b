"""The tasks of the ``news_monitor_daily`` DAG, one library call each.

Each task is its own composition root: it reads the settings from the environment, builds the
:class:`~newsmon.runtime.Runtime` once, makes its one call, and stops the runtime. The DAG file
only wires these together (and is the only code that imports airflow); what the tasks exchange
through XCom are plain lists and dicts.
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from newsmon import pipeline
from newsmon.collect.secrets import CredentialLookup
from newsmon.config import Settings
from newsmon.errors import RunCheckError
from newsmon.runtime import Runtime


def list_sources() -> list[str]:
    """The ids of the enabled sources: one ``collect_source`` task is mapped over each."""
    with Runtime(Settings.from_env()) as runtime:
        return runtime.enabled_source_ids()


def collect_source(source_id: str, interval_start: datetime, *, reprocess: bool, final_attempt: bool,
                   credentials: CredentialLookup | None = None) -> dict[str, Any]:
    """One source's day (the data interval's start, in ``NEWSMON_TIMEZONE``): its report as a dict."""
    with Runtime(Settings.from_env(), credentials=credentials) as runtime:
        day = pipeline.day_of(interval_start, runtime.settings.timezone)
        return pipeline.collect_source(runtime, source_id, day, final_attempt=final_attempt, reprocess=reprocess)


def link_duplicates(interval_start: datetime, *, reprocess: bool) -> list[dict[str, Any]]:
    """The day's duplicates, once every source has run."""
    with Runtime(Settings.from_env()) as runtime:
        day = pipeline.day_of(interval_start, runtime.settings.timezone)
        return pipeline.link_duplicates(runtime, day, reprocess=reprocess)


def check_run(reports: Sequence[Any], expected: list[str], links: Any, interval_start: datetime) -> dict[str, Any]:
    """Judge the day from the sources' reports (None for a task that failed) and the linking."""
    settings = Settings.from_env()
    day = pipeline.day_of(interval_start, settings.timezone)
    if links is None:           # link_duplicates failed: the day's duplicates leaf is missing or stale
        raise RunCheckError(f"{day}: linking duplicates failed; see the link_duplicates task")
    done = [r for r in reports if isinstance(r, dict)]
    return pipeline.check_run(done, expected, day, settings)
