"""newsmon: enforcement figures from the news, as day-partitioned Parquet.

The library runs without Airflow. Its layers, each a subpackage with its API in its ``__init__``:

- :mod:`newsmon.collect`: feeds, sitemaps, WARC files and pages, fetched politely (HTTP only);
- :mod:`newsmon.clean`: page bytes -> main text and metadata (trafilatura);
- :mod:`newsmon.extract`: figures and entity mentions of one text, with their evidence (pure);
- :mod:`newsmon.store`: day-partitioned Parquet, commits, readers, reports;
- at the top, the shared records (:mod:`~newsmon.models`, :mod:`~newsmon.errors`, :mod:`~newsmon.ids`),
  the settings (:mod:`~newsmon.config`) and the composition that wires the layers into a run
  (:mod:`~newsmon.pipeline`, :mod:`~newsmon.builds`, :mod:`~newsmon.process`, :mod:`~newsmon.linking`)
  and the command line (``python -m newsmon``).

The names below are the library's API. They load on first use, so ``import newsmon`` stays cheap and
importing one layer does not import the others.
"""
from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "Settings": "newsmon.config", "load_sources": "newsmon.config",
    "run_day": "newsmon.pipeline", "run_source": "newsmon.pipeline", "check_run": "newsmon.pipeline",
    "collect_source": "newsmon.pipeline", "link_duplicates": "newsmon.pipeline",
    "extract": "newsmon.extract", "to_gold": "newsmon.extract", "EXTRACTOR_VERSION": "newsmon.extract",
    "read_table": "newsmon.store", "open_snapshot": "newsmon.store",
    "Source": "newsmon.models", "FeedEntry": "newsmon.models", "Article": "newsmon.models",
    "Figure": "newsmon.models", "Mention": "newsmon.models",
    "NewsmonError": "newsmon.errors", "ConfigError": "newsmon.errors", "FetchError": "newsmon.errors",
    "InconsistentDataError": "newsmon.errors", "RunCheckError": "newsmon.errors",
}
__all__ = [
    "EXTRACTOR_VERSION",
    "Article",
    "ConfigError",
    "FeedEntry",
    "FetchError",
    "Figure",
    "InconsistentDataError",
    "Mention",
    "NewsmonError",
    "RunCheckError",
    "Settings",
    "Source",
    "__version__",
    "check_run",
    "collect_source",
    "extract",
    "link_duplicates",
    "load_sources",
    "open_snapshot",
    "read_table",
    "run_day",
    "run_source",
    "to_gold",
]

if TYPE_CHECKING:
    from newsmon.config import Settings, load_sources
    from newsmon.errors import ConfigError, FetchError, InconsistentDataError, NewsmonError, RunCheckError
    from newsmon.extract import EXTRACTOR_VERSION, extract, to_gold
    from newsmon.models import Article, FeedEntry, Figure, Mention, Source
    from newsmon.pipeline import check_run, collect_source, link_duplicates, run_day, run_source
    from newsmon.store import open_snapshot, read_table


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'newsmon' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})
