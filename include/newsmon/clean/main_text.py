"""Turn fetched HTML into clean text and metadata with trafilatura. Pure.

**Which extraction.** trafilatura's ``favor_precision`` mode keeps less of what sits around an
article (teasers, reader reactions, embeds) than its default mode, but on a rare page it cuts the
body itself. Its ``fast`` variant skips the cross-check with readability and jusText, which costs
about a third of the extraction and which rescues the body on some pages. So a page is cleaned in
``favor_precision`` mode, fast first. The fast text stands when the page has ``<p>`` elements and
it keeps at least half of their words and a tenth of the body's visible characters; otherwise the
page is cleaned again without ``fast``, and that text is replaced by the default mode's when it is
missing or holds under a fifth of the ``<p>`` words. Measured (macro token F1,
``benchmarks/clean_quality.py``) on the 181 real pages of the shared html corpus: default 0.9587,
favor_precision 0.9651 with one page collapsing (0.85 -> 0.06), fast 0.9614 with another
(0.90 -> 0.13), this rule 0.9695 with none (22 pages redone, 3 of them in the default mode); on
the 34 hand-written pages of ``tests/fixtures/clean_pages``, written for this check: default
0.9467, favor_precision 0.9595, fast 0.9444, this rule 0.9595 (8 redone, among them the three
where fast mode alone goes wrong: a table layout without ``<p>``, a body split around an ad slot,
a page it finds nothing in). On all 215 pages the texts are those of the rule without the fast step.

**Which metadata.** Only what newsmon keeps: the stated date always (the page's date is the
reference for the extractor's periods), the title and the author only when the feed gave none. They
are read by trafilatura's own metadata functions, in the order its ``extract_metadata`` uses; the
byline in the body by :mod:`newsmon.clean.bylines`, which gives ``extract_author``'s answer for less.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

import trafilatura
from htmldate import find_date
from lxml.etree import XPath
from lxml.html import HtmlElement
from trafilatura import metadata as trafilatura_metadata
from trafilatura.utils import load_html

from newsmon.clean.bylines import find_author

log = logging.getLogger(__name__)

_HTML_LANG = re.compile(rb"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})?)", re.IGNORECASE)
_MIN_CHARS = 40
# Only dates the page states (meta tags, time elements, the URL), never a guess from a copyright
# line or a stray number: a wrong publication date would shift every period the extractor resolves.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
# The precise text is replaced by the default one when it holds fewer words than this share of the
# page's <p> words (the 181 real pages score the same from 0.1 to 0.3, the hand-written ones too).
_MIN_SHARE_OF_PARAGRAPHS = 0.2
# The fast precise text stands when it holds at least these shares of the page's <p> words and of
# its body's visible characters (on the 181 real pages a fast text that lost the body kept at most
# 0.17 of the <p> words, or under a tenth of the body; on the hand-written page whose body an ad
# slot splits, 0.42 of the <p> words).
_FAST_SHARE_OF_PARAGRAPHS = 0.5
_FAST_SHARE_OF_BODY = 0.1
_PARAGRAPH_TEXT = XPath("//p//text()")
_SPACES = (" ", "\n", "\t", "\r", "\xa0")


@dataclass(frozen=True, slots=True)
class Cleaned:
    """What the cleaner got out of a page. ``text`` is None when nothing usable was found."""

    text: str | None
    title: str | None
    author: str | None
    published: date | None
    language: str | None
    skip_reason: str | None


@dataclass(frozen=True, slots=True)
class _Metadata:
    title: str | None
    author: str | None
    published: date | None


def clean_article(html: bytes | str, url: str, *, with_title: bool = True, with_author: bool = True) -> Cleaned:
    """Extract the main text and metadata of an article page; record an empty page as a skip reason.

    ``with_title=False`` and ``with_author=False`` skip looking for the page's title or author (the
    caller has them from the feed).
    """
    if not html.strip():
        return Cleaned(None, None, None, None, None, "empty page")
    try:
        tree = load_html(html)
        if tree is None:
            return Cleaned(None, None, None, None, _language(html), "no main text found")
        text = _main_text(tree, url)
        meta = _metadata(tree, url, with_title=with_title, with_author=with_author)
    except Exception as exc:  # noqa: BLE001 -- trafilatura and lxml raise many types on hostile markup
        log.warning("cleaning failed for %s: %s", url, exc)
        return Cleaned(None, None, None, None, None, f"cleaner error: {type(exc).__name__}")
    language = _language(html)
    if text is None:
        return Cleaned(None, None, None, None, language, "no main text found")
    if len(text) < _MIN_CHARS:
        return Cleaned(None, meta.title, meta.author, meta.published, language,
                       f"main text too short ({len(text)} characters)")
    return Cleaned(text, meta.title, meta.author, meta.published, language, None)


def _main_text(tree: HtmlElement, url: str) -> str | None:
    """The page's main text (stripped), by the rule of the module docstring; None when there is none."""
    paragraphs = _paragraph_words(tree)
    text = _extract(tree, url, precise=True, fast=True)
    if (text is not None and paragraphs and len(text.split()) >= _FAST_SHARE_OF_PARAGRAPHS * paragraphs
            and _visible_chars(text) >= _FAST_SHARE_OF_BODY * _body_chars(tree)):
        return text
    text = _extract(tree, url, precise=True, fast=False)
    if text is None or len(text.split()) < _MIN_SHARE_OF_PARAGRAPHS * paragraphs:
        text = _extract(tree, url, precise=False, fast=False)
    return text


def _extract(tree: HtmlElement, url: str, *, precise: bool, fast: bool) -> str | None:
    doc = trafilatura.bare_extraction(tree, url=url, favor_precision=precise, fast=fast,  # on a copy
                                      include_comments=False)
    if doc is None or isinstance(doc, dict):
        return None
    return (doc.text or "").strip() or None


def _paragraph_words(tree: HtmlElement) -> int:
    return sum(len(str(part).split()) for part in _PARAGRAPH_TEXT(tree))


def _body_chars(tree: HtmlElement) -> int:
    """Characters other than spaces in the page's body, its scripts and styles left out."""
    return sum(_visible_chars(body.text_content()) - sum(_visible_chars(code.text_content())
                                                         for code in body.iter("script", "style"))
               for body in tree.iter("body"))


def _visible_chars(text: str) -> int:
    return len(text) - sum(text.count(space) for space in _SPACES)


def _metadata(tree: HtmlElement, url: str, *, with_title: bool, with_author: bool) -> _Metadata:
    """Title, author and stated date, as trafilatura's ``extract_metadata`` finds them (the same steps
    in the same order: meta tags, then JSON-LD, then the page), without the fields newsmon drops."""
    found: Any = trafilatura_metadata.examine_meta(tree)
    if found.author and " " not in found.author:
        found.author = None
    try:
        found = trafilatura_metadata.extract_meta_json(tree, found)
    except Exception as exc:  # noqa: BLE001 -- as extract_metadata does: JSON-LD parsing has its own bugs
        log.debug("JSON-LD metadata of %s not read: %s", url, exc)
    found.title = (found.title or trafilatura_metadata.extract_title(tree)) if with_title else None
    found.author = (found.author or find_author(tree)) if with_author else None
    found.url = found.url or trafilatura_metadata.extract_url(tree, url)
    found.date = find_date(tree, **{**_DATE_PARAMS, "url": found.url})
    found.clean_and_trim()      # entities unescaped, spaces and control characters trimmed, as there
    return _Metadata(title=found.title or None, author=found.author or None, published=_date(found.date))


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
