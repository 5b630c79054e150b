"""Turn fetched HTML into clean text and metadata with trafilatura. Pure."""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date

import trafilatura

log = logging.getLogger(__name__)

_HTML_LANG = re.compile(rb"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})?)", re.IGNORECASE)
_MIN_CHARS = 40
# Only dates the page states (meta tags, time elements, the URL), never a guess from a copyright
# line or a stray number: a wrong publication date would shift every period the extractor resolves.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


@dataclass(frozen=True, slots=True)
class Cleaned:
    """What the cleaner got out of a page. ``text`` is None when nothing usable was found."""

    text: str | None
    title: str | None
    author: str | None
    published: date | None
    language: str | None
    skip_reason: str | None


def clean_article(html: bytes | str, url: str) -> Cleaned:
    """Extract the main text and metadata of an article page; record an empty page as a skip reason."""
    if not html.strip():
        return Cleaned(None, None, None, None, None, "empty page")
    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                          date_extraction_params=_DATE_PARAMS)
    except Exception as exc:  # noqa: BLE001 -- trafilatura and lxml raise many types on hostile markup
        log.warning("cleaning failed for %s: %s", url, exc)
        return Cleaned(None, None, None, None, None, f"cleaner error: {type(exc).__name__}")
    if doc is None or isinstance(doc, dict):
        return Cleaned(None, None, None, None, _language(html), "no main text found")
    text = (doc.text or "").strip()
    meta = Cleaned(
        text=text or None,
        title=doc.title or None,
        author=doc.author or None,
        published=_date(doc.date),
        language=doc.language or _language(html),
        skip_reason=None,
    )
    if len(text) < _MIN_CHARS:
        return Cleaned(None, meta.title, meta.author, meta.published, meta.language,
                       f"main text too short ({len(text)} characters)")
    return meta


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _language(html: bytes | str) -> str | None:
    head = html[:4096].encode("utf-8", "replace") if isinstance(html, str) else html[:4096]
    found = _HTML_LANG.search(head)
    return found.group(1).decode("ascii").lower() if found else None
