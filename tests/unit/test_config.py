from __future__ import annotations

from pathlib import Path

import pytest

from newsmon.config import Settings, load_sources
from newsmon.errors import ConfigError


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_load_sources_reads_valid_rows_and_expands_placeholders(tmp_path: Path) -> None:
    path = _write(tmp_path, """
- id: metro_police
  url: ${BASE}/feed.rss
  language: en
- id: court_news
  url: https://courts.example.org/atom
  language: zh-CN
  enabled: false
""")
    sources = load_sources(path, env={"BASE": "http://127.0.0.1:9999"})
    assert [s.id for s in sources] == ["metro_police", "court_news"]
    assert sources[0].url == "http://127.0.0.1:9999/feed.rss"
    assert sources[0].enabled is True and sources[1].enabled is False
    assert sources[1].language == "zh-CN"


def test_load_sources_lists_every_bad_row_in_one_error(tmp_path: Path) -> None:
    path = _write(tmp_path, """
- id: Bad Id
  url: https://ok.example.org/rss
- id: no_url
- id: ftp_feed
  url: ftp://example.org/feed
  enabled: "yes"
- id: good
  url: https://ok.example.org/rss
- id: good
  url: https://ok.example.org/other
- id: unset_var
  url: ${NOT_SET_ANYWHERE}/rss
  colour: blue
""")
    with pytest.raises(ConfigError) as caught:
        load_sources(path, env={})
    message = str(caught.value)
    assert "5 bad source row(s)" in message
    for expected in ("row 1", "id must be a slug", "row 2", "url is required", "row 3", "must be http(s)",
                     "enabled must be true or false", "row 5", "duplicate id 'good'", "row 6",
                     "NOT_SET_ANYWHERE", "unknown key 'colour'"):
        assert expected in message
    assert "row 4" not in message


@pytest.mark.parametrize("text", ["", "just a string", "{id: x}", "- [unclosed"])
def test_load_sources_rejects_files_that_are_not_a_list(tmp_path: Path, text: str) -> None:
    with pytest.raises(ConfigError):
        load_sources(_write(tmp_path, text), env={})


def test_load_sources_reports_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read sources file"):
        load_sources(tmp_path / "absent.yaml", env={})


def test_settings_from_env_reads_overrides() -> None:
    settings = Settings.from_env({
        "NEWSMON_DATA_ROOT": "/srv/newsmon", "NEWSMON_SOURCES": "/etc/sources.yaml",
        "NEWSMON_READ_TIMEOUT": "5", "NEWSMON_TIMEZONE": "Asia/Shanghai", "NEWSMON_MAX_BYTES": "1000",
    })
    assert settings.data_root == "/srv/newsmon"
    assert settings.sources_path == Path("/etc/sources.yaml")
    assert settings.read_timeout == 5.0 and settings.max_bytes == 1000
    assert settings.timezone == "Asia/Shanghai"


def test_settings_from_env_names_every_bad_value() -> None:
    with pytest.raises(ConfigError) as caught:
        Settings.from_env({"NEWSMON_READ_TIMEOUT": "soon", "NEWSMON_TIMEZONE": "Mars/Olympus",
                           "NEWSMON_MAX_BYTES": "-1", "NEWSMON_MAX_FAILED_SHARE": "2"})
    message = str(caught.value)
    for name in ("NEWSMON_READ_TIMEOUT", "NEWSMON_TIMEZONE", "NEWSMON_MAX_BYTES", "NEWSMON_MAX_FAILED_SHARE"):
        assert name in message


def test_bundled_source_files_are_valid() -> None:
    config = Path(__file__).resolve().parents[2] / "include" / "config"
    real = load_sources(config / "sources.real.yaml", env={})
    sample = load_sources(config / "sources.sample.yaml", env={"NEWSMON_SAMPLE_URL": "http://127.0.0.1:1"})
    assert len(real) >= 10 and all(s.url.startswith("https://") for s in real)
    assert any(not s.enabled for s in sample) and sum(s.enabled for s in sample) >= 2


def test_load_sources_reads_archive_kinds_and_checks_them(tmp_path: Path) -> None:
    path = _write(tmp_path, """
- id: news_sitemap
  url: https://example.org/news-sitemap.xml
  kind: sitemap
- id: cc_news
  url: /data/warc/CC-NEWS-20250310.warc.gz
  kind: warc
  hosts: [Example.org]
""")
    sitemap, warc = load_sources(path, env={})
    assert (sitemap.kind, warc.kind, warc.hosts) == ("sitemap", "warc", ("example.org",))
    bad = _write(tmp_path, """
- id: a
  url: /local/path.xml
  kind: sitemap
- id: b
  url: https://example.org/feed
  kind: podcast
- id: c
  url: https://example.org/feed
  hosts: [example.org]
""")
    with pytest.raises(ConfigError) as caught:
        load_sources(bad, env={})
    message = str(caught.value)
    assert "url must be http(s): '/local/path.xml'" in message
    assert "kind must be one of feed, sitemap, warc" in message
    assert "hosts applies to warc sources only" in message


def test_settings_lookback_days() -> None:
    assert Settings.from_env({}).lookback_days == 2
    assert Settings.from_env({"NEWSMON_LOOKBACK_DAYS": "0"}).lookback_days == 0
    with pytest.raises(ConfigError, match="NEWSMON_LOOKBACK_DAYS"):
        Settings.from_env({"NEWSMON_LOOKBACK_DAYS": "-1"})


def test_politeness_security_and_credentials_fields(tmp_path: Path) -> None:
    path = _write(tmp_path, """
- id: paid_wire
  url: https://wire.example.com/rss?key=${WIRE_KEY}
  credentials: paid_wire
  max_per_host: 4
  min_delay: 2
- id: local_test
  url: http://127.0.0.1:8000/feed.rss
  allow_private: true
  min_delay: 0
""")
    paid, local = load_sources(path, env={"WIRE_KEY": "abc"})
    assert paid.url.endswith("?key=abc") and paid.credentials == "paid_wire"
    assert (paid.max_per_host, paid.min_delay, paid.allow_private) == (4, 2.0, False)
    assert (local.allow_private, local.min_delay, local.max_per_host) == (True, 0.0, None)


def test_secrets_written_into_the_sources_file_are_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, """
- id: userinfo
  url: https://ana:hunter2@wire.example.com/rss
- id: api_key
  url: https://wire.example.com/rss?format=rss&api_key=abc123
- id: bad_limits
  url: https://wire.example.com/rss
  allow_private: "yes"
  max_per_host: 0
  min_delay: -1
  credentials: "no spaces allowed"
""")
    with pytest.raises(ConfigError) as caught:
        load_sources(path, env={})
    message = str(caught.value)
    assert message.count("url carries a secret") == 2
    for expected in ("allow_private must be true or false", "max_per_host must be a whole number",
                     "min_delay must be a number of seconds", "credentials must name a connection"):
        assert expected in message


@pytest.mark.parametrize(("name", "value", "problem"), [
    ("NEWSMON_FETCH_CONCURRENCY", "0", "must be positive"),
    ("NEWSMON_MIN_DELAY", "-1", "must be zero or more"),
    ("NEWSMON_SOURCE_DEADLINE", "soon", "is not a float"),
    ("NEWSMON_PROXY", "socks5://relay:1080", "must be an http"),
])
def test_bad_fetch_settings_are_named(name: str, value: str, problem: str) -> None:
    with pytest.raises(ConfigError, match=f"{name}.*{problem}"):
        Settings.from_env({name: value})


def test_fetch_settings_from_env() -> None:
    settings = Settings.from_env({"NEWSMON_FETCH_CONCURRENCY": "32", "NEWSMON_MAX_PER_HOST": "3",
                                  "NEWSMON_MIN_DELAY": "0", "NEWSMON_SOURCE_DEADLINE": "600"})
    assert (settings.fetch_concurrency, settings.max_per_host, settings.min_delay,
            settings.source_deadline) == (32, 3, 0.0, 600.0)
