"""Settings from the environment and the validated sources file."""
from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from newsmon.errors import ConfigError
from newsmon.models import SOURCE_KINDS, Source, in_vocabulary

if TYPE_CHECKING:
    from newsmon.collect.options import FetchOptions

DEFAULT_SOURCES = Path(__file__).resolve().parents[1] / "config" / "sources.sample.yaml"
DEFAULT_USER_AGENT = "newsmon/0.1 (+https://github.com/newsmon/newsmon; enforcement-news monitor)"

_SOURCE_ID = re.compile(r"^[a-z0-9][a-z0-9_]{0,63}$")
_PLACEHOLDER = re.compile(r"\$\{([A-Z_][A-Z0-9_]*)\}")
_SOURCE_KEYS = {"id", "url", "language", "enabled", "kind", "hosts", "allow_private", "max_per_host",
                "min_delay", "credentials"}
_CONNECTION_ID = re.compile(r"^[A-Za-z0-9_]{1,64}$")
# Secrets never live in the sources file: refuse URLs that carry them literally.
_USERINFO = re.compile(r"^https?://[^/@]*@", re.IGNORECASE)
_SECRET_PARAM = re.compile(r"[?&](api[_-]?key|apikey|key|token|access[_-]?token|secret|password|passwd|auth)=(?!\$\{)",
                           re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Settings:
    """Values that differ between deployments. Built by :meth:`from_env`; tests pass their own."""

    data_root: str = "data"
    sources_path: Path = DEFAULT_SOURCES
    user_agent: str = DEFAULT_USER_AGENT
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    timezone: str = "UTC"
    max_failed_share: float = 0.5
    lookback_days: int = 2
    max_attempts: int = 4               # attempts per fetch (NEWSMON_MAX_ATTEMPTS)
    fetch_deadline: float = 120.0       # seconds for a whole fetch, retries included (NEWSMON_FETCH_DEADLINE)
    backoff_base: float = 0.5           # seconds; first retry waits up to this (NEWSMON_BACKOFF_BASE)
    backoff_max: float = 30.0           # seconds; longest backoff wait (NEWSMON_BACKOFF_MAX)
    source_deadline: float = 1800.0     # seconds for all of one source's fetches in a run (NEWSMON_SOURCE_DEADLINE)
    fetch_concurrency: int = 16         # pages fetched at once by one source's run (NEWSMON_FETCH_CONCURRENCY)
    max_per_host: int = 2               # requests at once to one host, unless the source says (NEWSMON_MAX_PER_HOST)
    min_delay: float = 0.5              # seconds between request starts to one host, unless the source says
                                        # (NEWSMON_MIN_DELAY); robots.txt's Crawl-delay wins when longer
    duplicate_window_days: int = 7      # days of articles a new article is compared with (NEWSMON_DUPLICATE_WINDOW_DAYS)
    page_workers: int | None = None     # processes that clean and extract a big batch of pages; None: one per
                                        # core, 1: none (NEWSMON_PAGE_WORKERS)
    proxy: str | None = field(default=None, repr=False)  # http(s)://[user:password@]host:port (NEWSMON_PROXY)

    def fetch_options(self) -> FetchOptions:
        """The part of these settings that collection needs (:mod:`newsmon.collect` never sees the rest)."""
        from newsmon.collect.options import FetchOptions, RetryPolicy  # not at import: collect loads httpx

        retry = RetryPolicy(max_attempts=self.max_attempts, deadline=self.fetch_deadline,
                            backoff_base=self.backoff_base, backoff_max=self.backoff_max)
        return FetchOptions(
            user_agent=self.user_agent, connect_timeout=self.connect_timeout, read_timeout=self.read_timeout,
            max_bytes=self.max_bytes, max_redirects=self.max_redirects, concurrency=self.fetch_concurrency,
            max_per_host=self.max_per_host, min_delay=self.min_delay, source_deadline=self.source_deadline,
            retry=retry, proxy=self.proxy)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Read ``NEWSMON_*`` variables; raise one ConfigError naming every bad value."""
        env = os.environ if env is None else env
        problems: list[str] = []

        def number(name: str, default: float, kind: type[float | int], *, zero: bool = False) -> Any:
            raw = env.get(name)
            if raw is None or raw == "":
                return default
            try:
                value = kind(raw)
            except ValueError:
                problems.append(f"{name}={raw!r} is not a {kind.__name__}")
                return default
            if value < 0 or (value == 0 and not zero):
                problems.append(f"{name}={raw!r} must be {'zero or more' if zero else 'positive'}")
            return value

        timezone = env.get("NEWSMON_TIMEZONE") or "UTC"
        try:
            ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            problems.append(f"NEWSMON_TIMEZONE={timezone!r} is not an IANA time zone")
        share = number("NEWSMON_MAX_FAILED_SHARE", 0.5, float)
        if share > 1:
            problems.append(f"NEWSMON_MAX_FAILED_SHARE={share!r} must be at most 1")
        lookback = env.get("NEWSMON_LOOKBACK_DAYS") or "2"
        if not lookback.isdigit() or int(lookback) > 31:
            problems.append(f"NEWSMON_LOOKBACK_DAYS={lookback!r} must be a whole number from 0 to 31")
            lookback = "2"
        backoff_base = number("NEWSMON_BACKOFF_BASE", 0.5, float)
        backoff_max = number("NEWSMON_BACKOFF_MAX", 30.0, float)
        if backoff_max < backoff_base:
            problems.append(f"NEWSMON_BACKOFF_MAX={backoff_max!r} must be at least "
                            f"NEWSMON_BACKOFF_BASE={backoff_base!r}")
        window = number("NEWSMON_DUPLICATE_WINDOW_DAYS", 7, int)
        if window > 60:
            problems.append(f"NEWSMON_DUPLICATE_WINDOW_DAYS={window!r} must be at most 60")
        workers = number("NEWSMON_PAGE_WORKERS", 0, int, zero=True) or None
        proxy = env.get("NEWSMON_PROXY") or None
        if proxy is not None and not re.match(r"^https?://[^/\s]+/?$", proxy):
            problems.append("NEWSMON_PROXY must be an http(s)://[user:password@]host:port URL")
        settings = cls(
            data_root=env.get("NEWSMON_DATA_ROOT") or "data",
            sources_path=Path(env.get("NEWSMON_SOURCES") or DEFAULT_SOURCES),
            user_agent=env.get("NEWSMON_USER_AGENT") or DEFAULT_USER_AGENT,
            connect_timeout=number("NEWSMON_CONNECT_TIMEOUT", 10.0, float),
            read_timeout=number("NEWSMON_READ_TIMEOUT", 30.0, float),
            max_bytes=number("NEWSMON_MAX_BYTES", 10 * 1024 * 1024, int),
            max_redirects=number("NEWSMON_MAX_REDIRECTS", 5, int),
            timezone=timezone,
            max_failed_share=share,
            lookback_days=int(lookback),
            max_attempts=number("NEWSMON_MAX_ATTEMPTS", 4, int),
            fetch_deadline=number("NEWSMON_FETCH_DEADLINE", 120.0, float),
            backoff_base=backoff_base,
            backoff_max=backoff_max,
            source_deadline=number("NEWSMON_SOURCE_DEADLINE", 1800.0, float),
            fetch_concurrency=number("NEWSMON_FETCH_CONCURRENCY", 16, int),
            max_per_host=number("NEWSMON_MAX_PER_HOST", 2, int),
            min_delay=number("NEWSMON_MIN_DELAY", 0.5, float, zero=True),
            duplicate_window_days=window,
            page_workers=workers,
            proxy=proxy,
        )
        if problems:
            raise ConfigError("invalid settings:\n  " + "\n  ".join(problems))
        return settings


def load_sources(path: Path | str, env: Mapping[str, str] | None = None) -> tuple[Source, ...]:
    """Load and validate a sources YAML file.

    ``${VAR}`` in a URL is replaced from the environment. Every bad row is reported in one
    ConfigError, so a reviewer fixes the file in one pass.
    """
    path = Path(path)
    env = os.environ if env is None else env
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read sources file {path}: {exc}") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"sources file {path} is not valid YAML: {exc}") from exc
    if not isinstance(raw, list) or not raw:
        raise ConfigError(f"sources file {path} must be a non-empty YAML list of sources")
    sources: list[Source] = []
    problems: list[str] = []
    seen: set[str] = set()
    for n, row in enumerate(raw, 1):
        source, row_problems = _parse_row(row, env)
        if source is not None and source.id in seen:
            row_problems.append(f"duplicate id {source.id!r}")
        if row_problems:
            label = row.get("id") if isinstance(row, dict) else None
            problems.append(f"row {n}" + (f" ({label})" if label else "") + ": " + "; ".join(row_problems))
        elif source is not None:
            seen.add(source.id)
            sources.append(source)
    if problems:
        raise ConfigError(f"{path}: {len(problems)} bad source row(s):\n  " + "\n  ".join(problems))
    return tuple(sources)


def _parse_row(row: object, env: Mapping[str, str]) -> tuple[Source | None, list[str]]:
    if not isinstance(row, dict):
        return None, ["must be a mapping with id, url, language, enabled"]
    problems = [f"unknown key {key!r}" for key in sorted(set(row) - _SOURCE_KEYS, key=str)]
    source_id, url = row.get("id"), row.get("url")
    language, enabled = row.get("language", "en"), row.get("enabled", True)
    kind, hosts = row.get("kind", "feed"), row.get("hosts", [])
    if not isinstance(source_id, str) or not _SOURCE_ID.match(source_id):
        problems.append("id must be a slug of a-z, 0-9 and _ (at most 64 characters)")
    if kind not in SOURCE_KINDS:
        problems.append(f"kind must be one of {', '.join(SOURCE_KINDS)}, not {kind!r}")
    if not isinstance(url, str) or not url:
        problems.append("url is required")
    else:
        missing = [name for name in _PLACEHOLDER.findall(url) if not env.get(name)]
        if missing:
            problems.append("url uses unset environment variable(s) " + ", ".join(missing))
        if _USERINFO.match(url) or _SECRET_PARAM.search(url):
            problems.append("url carries a secret; put it in the environment (${VAR}) or in an Airflow "
                            "connection named by credentials:, never in the sources file")
        url = _PLACEHOLDER.sub(lambda m: env.get(m.group(1), ""), url)
        if not url.startswith(("http://", "https://")) and not (kind == "warc" and "://" not in url):
            problems.append(f"url must be http(s){' or a local path' if kind == 'warc' else ''}: {url!r}")
    if not isinstance(language, str) or not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z]{2,4})?", language):
        problems.append(f"language must be a code such as 'en' or 'zh-CN', not {language!r}")
    if not isinstance(enabled, bool):
        problems.append(f"enabled must be true or false, not {enabled!r}")
    if not isinstance(hosts, list) or not all(isinstance(h, str) and h for h in hosts):
        problems.append("hosts must be a list of host names")
    elif hosts and kind != "warc":
        problems.append("hosts applies to warc sources only")
    allow_private, credentials = row.get("allow_private", False), row.get("credentials")
    max_per_host, min_delay = row.get("max_per_host"), row.get("min_delay")
    if not isinstance(allow_private, bool):
        problems.append(f"allow_private must be true or false, not {allow_private!r}")
    if max_per_host is not None and (isinstance(max_per_host, bool) or not isinstance(max_per_host, int)
                                     or not 1 <= max_per_host <= 64):
        problems.append(f"max_per_host must be a whole number from 1 to 64, not {max_per_host!r}")
    if min_delay is not None and (isinstance(min_delay, bool) or not isinstance(min_delay, (int, float))
                                  or not 0 <= min_delay <= 600):
        problems.append(f"min_delay must be a number of seconds from 0 to 600, not {min_delay!r}")
    if credentials is not None and (not isinstance(credentials, str) or not _CONNECTION_ID.match(credentials)):
        problems.append(f"credentials must name a connection ([A-Za-z0-9_]), not {credentials!r}")
    if problems:
        return None, problems
    assert isinstance(source_id, str) and isinstance(url, str) and isinstance(language, str)
    return Source(id=source_id, url=url, language=language, enabled=bool(enabled),
                  kind=in_vocabulary(str(kind), SOURCE_KINDS),
                  hosts=tuple(h.lower() for h in hosts), allow_private=bool(allow_private),
                  max_per_host=max_per_host, min_delay=None if min_delay is None else float(min_delay),
                  credentials=credentials), []
