"""What the collector needs to know of a deployment: fetch limits, politeness defaults, retries.

Built from :class:`newsmon.config.Settings` by ``Settings.fetch_options()``, where the defaults and
the ``NEWSMON_*`` variables are declared; collection never reads the environment itself.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field, replace


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How hard :func:`~newsmon.collect.http.fetch` tries."""

    max_attempts: int = 4
    deadline: float = 120.0        # seconds for the whole fetch: attempts, bodies and sleeps
    backoff_base: float = 0.5      # seconds; the first retry waits up to this much
    backoff_max: float = 30.0      # seconds; no backoff wait is longer
    deadline_name: str | None = None   # the limit ``deadline`` stands for in reasons, when not the fetch's own

    def within(self, seconds: float, name: str) -> RetryPolicy:
        """This policy with its deadline cut to ``seconds`` if that is sooner, and then named
        ``name`` in reasons (such as "the 15 s source deadline")."""
        return self if seconds >= self.deadline else replace(self, deadline=seconds, deadline_name=name)

    @property
    def deadline_text(self) -> str:
        """The limit in force, as reasons name it."""
        return self.deadline_name or f"the {self.deadline:g} s fetch deadline"

    def backoff(self, attempt: int, rng: random.Random) -> float:
        """The full-jitter wait after failed attempt number ``attempt`` (1-based)."""
        ceiling = min(self.backoff_max, self.backoff_base * 2 ** (attempt - 1))
        return rng.uniform(0.0, ceiling)


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """Limits and defaults of one source's fetches. A source's own ``max_per_host``/``min_delay`` win."""

    user_agent: str
    connect_timeout: float          # seconds
    read_timeout: float             # seconds
    max_bytes: int                  # largest body read
    max_redirects: int
    concurrency: int                # pages fetched at once by one source's run
    max_per_host: int               # requests at once to one host
    min_delay: float                # seconds between request starts to one host
    source_deadline: float          # seconds for all of one source's fetches in a run
    retry: RetryPolicy
    proxy: str | None = field(default=None, repr=False)   # may carry credentials: never in a repr
