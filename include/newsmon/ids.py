"""Canonical URLs and stable ids. Pure."""
from __future__ import annotations

import hashlib
from datetime import date
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_TRACKING_PREFIXES = ("utm_", "mc_")
_TRACKING_KEYS = {"fbclid", "gclid", "yclid", "igshid", "ref", "cmpid", "ocid", "amp", "outputtype"}
_VARIANT_HOST_PREFIXES = ("www.", "m.", "mobile.", "amp.")


def canonical_url(url: str) -> str:
    """One spelling for the variants of an article's URL.

    Lower-case scheme and host; no default port, fragment, tracking or AMP parameter; a sorted
    query; no trailing slash; the ``www.``, ``m.``, ``mobile.`` and ``amp.`` host variants and the
    ``/amp`` and ``.amp.html`` path variants folded onto the plain page.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    for prefix in _VARIANT_HOST_PREFIXES:
        if host.startswith(prefix) and host.count(".") >= 2:
            host = host[len(prefix):]
            break
    port = parts.port
    netloc = host if port is None or (scheme, port) in {("http", 80), ("https", 443)} else f"{host}:{port}"
    query = sorted(
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith(_TRACKING_PREFIXES) and k.lower() not in _TRACKING_KEYS
    )
    path = (parts.path or "/").rstrip("/") or "/"
    if path.endswith("/amp"):
        path = path[: -len("/amp")] or "/"
    elif path.endswith(".amp.html"):
        path = path[: -len(".amp.html")] + ".html"
    return urlunsplit((scheme, netloc, path, urlencode(query), ""))


def _digest(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()


def article_id(url: str) -> str:
    """Stable id of an article: sha1 of its canonical URL."""
    return _digest(canonical_url(url))


def figure_id(article: str, start: int, end: int, action: str, measure: str) -> str:
    """Stable id of a figure: its article, its offsets, and what it counts (one number can be two figures)."""
    return _digest(article, start, end, action, measure)


def mention_id(article: str, start: int, end: int, entity_type: str) -> str:
    return _digest(article, start, end, entity_type)


def text_sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def statistic_key(action: str, measure: str, unit: str, currency: str | None, value: float,
                  value_max: float | None, period_start: date | None, period_end: date | None,
                  published: date | None) -> str:
    """One key per distinct statistic: outlets that report the same figure share it.

    Same action, measure, unit (and currency), value (to 6 significant digits, so 67000 and
    67000.0 agree) and period. A figure with no period is keyed by its article's publication day
    instead, so that copies of one report agree but unrelated "arrested three men" stories
    published on other days do not.
    """
    def number(x: float | None) -> str:
        return "" if x is None else f"{x:.6g}"

    when = (period_start, period_end) if (period_start or period_end) else ("published", published)
    return _digest(action, measure, unit, currency or "", number(value), number(value_max), *when)[:20]
