"""The composition root: one Runtime per entry point, which reads the sources file once."""
from __future__ import annotations

from pathlib import Path

import pytest

from newsmon.config import Settings
from newsmon.errors import ConfigError
from newsmon.runtime import Runtime

SOURCES = """\
- id: wire
  url: https://wire.example.org/rss
- id: quiet
  url: https://quiet.example.org/rss
  enabled: false
"""


def _settings(tmp_path: Path) -> Settings:
    path = tmp_path / "sources.yaml"
    path.write_text(SOURCES, encoding="utf-8")
    return Settings(data_root=str(tmp_path / "data"), sources_path=path)


def test_the_sources_file_is_read_once_per_runtime(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    runtime = Runtime(settings)
    assert runtime.enabled_source_ids() == ["wire"]
    settings.sources_path.write_text("- id: other\n  url: https://other.example.org/rss\n", encoding="utf-8")
    assert runtime.source("quiet").enabled is False        # still the file as it was first read
    assert Runtime(settings).enabled_source_ids() == ["other"]


def test_an_unknown_source_is_a_config_error_naming_the_file(tmp_path: Path) -> None:
    runtime = Runtime(_settings(tmp_path))
    with pytest.raises(ConfigError, match=r"no source 'gone' in .*sources.yaml"):
        runtime.source("gone")


def test_a_bad_sources_file_fails_only_what_needs_the_sources(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    settings.sources_path.write_text("- id: Bad Id\n", encoding="utf-8")
    runtime = Runtime(settings)                   # linking and status need no sources: this still works
    assert runtime.store.uri.endswith("data")
    with pytest.raises(ConfigError):
        runtime.enabled_source_ids()


def test_the_page_workers_setting_sizes_the_pool(tmp_path: Path) -> None:
    assert Runtime(Settings(data_root=str(tmp_path), page_workers=1)).pages.workers == 1
    assert Settings.from_env({"NEWSMON_PAGE_WORKERS": "3"}).page_workers == 3
    assert Settings.from_env({}).page_workers is None
    with pytest.raises(ConfigError, match="NEWSMON_PAGE_WORKERS"):
        Settings.from_env({"NEWSMON_PAGE_WORKERS": "-1"})
