"""The composition root: what one entry point (a CLI command, a DAG task) builds once and hands down.

Settings are read from the environment by the entry point alone; below it, nothing reads them
again, opens the store again or parses the sources file again.
"""
from __future__ import annotations

from types import TracebackType
from typing import Self

from newsmon.collect.secrets import CredentialLookup, env_lookup
from newsmon.config import Settings, load_sources
from newsmon.errors import ConfigError
from newsmon.models import Source
from newsmon.process import PagePool
from newsmon.store.files import Store, open_store


class Runtime:
    """The settings, the opened store, the sources (parsed on first use), the page pool and the
    credential lookup of one run. Use as a context manager: leaving it stops the page workers."""

    def __init__(self, settings: Settings, *, store: Store | None = None, pages: PagePool | None = None,
                 credentials: CredentialLookup | None = None) -> None:
        self.settings = settings
        self.store = store if store is not None else open_store(settings.data_root)
        self.pages = pages if pages is not None else PagePool(settings.page_workers)
        self.credentials = credentials if credentials is not None else env_lookup()
        self._sources: tuple[Source, ...] | None = None

    @property
    def sources(self) -> tuple[Source, ...]:
        """Every source of the sources file, read and validated once."""
        if self._sources is None:
            self._sources = load_sources(self.settings.sources_path)
        return self._sources

    def source(self, source_id: str) -> Source:
        for source in self.sources:
            if source.id == source_id:
                return source
        raise ConfigError(f"no source {source_id!r} in {self.settings.sources_path}")

    def enabled_source_ids(self) -> list[str]:
        return [s.id for s in self.sources if s.enabled]

    def close(self) -> None:
        self.pages.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
