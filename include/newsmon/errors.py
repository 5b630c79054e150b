"""The typed errors newsmon raises. Callers catch NewsmonError for anything of ours."""
from __future__ import annotations


class NewsmonError(Exception):
    """Base class of every error newsmon raises on purpose."""


class ConfigError(NewsmonError):
    """A sources file, a setting or an argument is invalid. The message lists every problem."""


class FetchError(NewsmonError):
    """An HTTP fetch failed: connection, timeout, status, size or redirect limits."""

    def __init__(self, url: str, reason: str, status: int | None = None) -> None:
        super().__init__(f"{reason}: {url}")
        self.url = url
        self.reason = reason
        self.status = status            # the HTTP status when the server answered, else None


class FeedParseError(NewsmonError):
    """Fetched bytes are not a usable RSS/Atom feed."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{reason}: {url}")
        self.url = url
        self.reason = reason


class DocumentFormatError(NewsmonError):
    """A line of a documents file (``*.docs.jsonl``) is not a valid document."""


class RunCheckError(NewsmonError):
    """A day's run failed its checks (too many failed sources, or nothing collected)."""


class InconsistentDataError(NewsmonError):
    """The stored leaves of a (source, day) do not match its manifest: one is neither published
    nor staged (deleted from outside), or it changed while it was being read."""
