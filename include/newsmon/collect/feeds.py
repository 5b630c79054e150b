"""Parse fetched feed bytes into FeedEntry records. Pure: feedparser never sees a URL to fetch.

Policy: survivable problems are accepted and named in :attr:`ParsedFeed.recovered`; anything else
raises :class:`FeedParseError` for the whole source (Airflow retries that source); a bad entry is
skipped with a reason in :attr:`ParsedFeed.skipped` and does not spoil the feed.

The bytes are decoded as their XML declaration says, UTF-8 when there is none (XML's default;
feedparser, given no content type, would assume ISO-8859-1 and garble undeclared UTF-8).

Survivable (the feed is read; ``recovered`` says what was tolerated):

- whitespace (after an optional UTF-8 BOM) before ``<?xml``: stripped before feedparser runs;
- a wrong declared encoding (``CharacterEncodingOverride``) or a non-XML content type;
- XML that is not well-formed: expat gave up and feedparser's lenient parser read the document
  (undeclared HTML entities such as ``&nbsp;``, a bare ``&``, an undeclared namespace prefix, closing
  tags missing after the last entry, ...), provided the result is still recognisably a feed:
  feedparser names a version, the root element is not ``<html>``, and either at least one entry is
  usable, or there is none but the root is ``<rss>``, ``<feed>`` or ``<rdf:RDF>`` with a channel
  title or link (an empty feed is still a feed), and expat did not say the input stopped early (a
  download cut off before its first entry would look like an empty feed).

Fatal (FeedParseError):

- an empty body; JSON; XML that is neither RSS/Atom (no version) nor an RSS-like list of items;
- an HTML page: root ``<html>`` and no feed in it (a well-formed XHTML page holding an Atom
  ``<feed>`` is read; ill-formed HTML never is, whatever the lenient parser makes of it);
- an unknown character encoding, or any other bozo exception;
- a DTD entity other than a character reference (``<!ENTITY nbsp "&#160;">``) or a plain text of at
  most 64 bytes: external (``SYSTEM``/``PUBLIC``), parameter, nested (billion laughs) or long
  (quadratic blowup) entities are refused before feedparser runs. feedparser drops the nested and
  external ones, but it keeps plain-text entities, and its lenient parser expands them without
  expat's amplification limit (130 kB became a 1 GB title, 2.9 GB of memory, in 18 s);
- a document that ends inside an entry: a truncated download, raised so that the task retries
  rather than keep a half entry;
- ill-formed XML from which no usable entry or feed was recovered.

Entries, in feed order: one with neither guid nor link, with no link, whose link (after ``xml:base``
and ``base_url`` resolution) is not an absolute http(s) URL, or whose id repeats an earlier entry's,
is skipped with a reason. An absent or unparseable date is not a reason: ``published_at`` is None.
"""
from __future__ import annotations

import calendar
import codecs
import logging
import re
import time
import xml.sax
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import feedparser

from newsmon.errors import FeedParseError
from newsmon.models import FeedEntry, Source

log = logging.getLogger(__name__)

# Encoding trouble feedparser recovers from by itself.
_SURVIVABLE_ENCODING = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
# Well-formedness errors: expat gave up and feedparser's lenient parser read the document instead.
_XML_ERRORS = (xml.sax.SAXException, feedparser.UndeclaredNamespace)
# expat's complaints when the input stops in the middle of the document.
_END_OF_INPUT = frozenset({"no element found", "unclosed token", "unclosed CDATA section", "partial character"})

_FEED_ROOTS = frozenset({"rss", "feed", "rdf"})   # local names, lowercased (rdf:RDF -> rdf)
_WEB_SCHEMES = frozenset({"http", "https"})
MAX_ENTITY_TEXT = 64    # bytes: a longer plain-text DTD entity is refused (quadratic blowup)
_SHOWN = 80             # characters of a link or id quoted in a skip reason

# Markers of documents that are not ASCII-compatible: (leading bytes, codec). UTF-32 before UTF-16,
# whose little-endian BOM is a prefix of UTF-32's.
_WIDE_MARKERS = (
    (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF16_BE, "utf-16"), (codecs.BOM_UTF16_LE, "utf-16"),
    (b"\x00\x00\x00<", "utf-32-be"), (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00<", "utf-16-be"), (b"<\x00", "utf-16-le"),
    (b"\x4c\x6f\xa7\x94", "cp037"),   # "<?xm" in EBCDIC
)
_WHITESPACE_BEFORE_DECLARATION = re.compile(rb"(\xef\xbb\xbf)?[ \t\r\n]+(?=<\?xml[ \t\r\n])")
# What may precede the root element: whitespace, processing instructions, comments, a DOCTYPE with
# an internal subset. Each alternative starts differently and none nests, so matching is linear.
_PROLOG = re.compile(
    rb"""(?:\s|<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>"']|"[^"]*"|'[^']*'|\[(?:"[^"]*"|'[^']*'|[^\]"'])*\])*>)*""",
    re.DOTALL | re.IGNORECASE,
)
_START_TAG = re.compile(rb"<([A-Za-z_][\w.:-]*)")
_FIRST_TAG = re.compile(rb"<\w")   # feedparser's end of the prolog (feedparser.sanitizer.replace_doctype)
_ENTITY_DECLARATION = re.compile(
    rb"""<!ENTITY\s+(%\s+)?([^\s"'>%]+)\s+(?:(SYSTEM|PUBLIC)\b|"([^"]*)"|'([^']*)')""")
_CHARACTER_REFERENCE = re.compile(rb"&#(?:[0-9]+|x[0-9a-fA-F]+);")
_ENTRY_OPEN = re.compile(rb"<(?:[\w.-]+:)?(?:item|entry)(?=[\s/>]|\Z)(?![^<>]*/>)", re.IGNORECASE)
_ENTRY_CLOSE = re.compile(rb"</(?:[\w.-]+:)?(?:item|entry)\s*>", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """The usable entries of one feed, in feed order, and what was skipped or tolerated on the way."""

    entries: tuple[FeedEntry, ...]
    skipped: tuple[str, ...]        # one reason per skipped entry: "entry 3: no link or guid"
    recovered: str | None           # the survivable problems tolerated, "; "-separated; None when clean


def parse_feed(source: Source, body: bytes, *, base_url: str | None = None) -> list[FeedEntry]:
    """Return the usable entries of a feed, in feed order; raise FeedParseError if it is not a feed.

    The same as ``list(read_feed(...).entries)``; see :func:`read_feed`.
    """
    return list(read_feed(source, body, base_url=base_url).entries)


def read_feed(source: Source, body: bytes, *, base_url: str | None = None) -> ParsedFeed:
    """Read a feed's bytes under the policy above; raise FeedParseError if they are not a usable feed.

    ``base_url`` (default ``source.url``) is where the bytes came from: the base of relative links.
    """
    if not body.strip():
        raise FeedParseError(source.url, "empty body")
    recovered: list[str] = []
    leading = _WHITESPACE_BEFORE_DECLARATION.match(body)
    if leading:
        body = (leading.group(1) or b"") + body[leading.end():]
        recovered.append("whitespace before the XML declaration")
    text = _ascii_compatible(body)
    prolog_end, root = _prolog(text)
    _refuse_entity_tricks(source, text[:prolog_end])
    if root is None and text.removeprefix(codecs.BOM_UTF8).lstrip()[:1] in (b"{", b"["):
        raise FeedParseError(source.url, "JSON, not an RSS or Atom feed")

    parsed = feedparser.parse(
        body,
        # application/xml: trust the document's own encoding declaration, and UTF-8 when it has none
        response_headers={"content-location": base_url or source.url, "content-type": "application/xml"},
        sanitize_html=True,
        resolve_relative_uris=True,
    )
    xml_error = _judge_bozo(source, parsed, root, text, recovered)
    if not parsed.get("version"):
        if root == "html":
            raise FeedParseError(source.url, "an HTML page, not an RSS or Atom feed")
        if xml_error is not None:
            raise FeedParseError(source.url, f"not well-formed XML, and not RSS or Atom ({xml_error})")
        if not parsed.entries:
            raise FeedParseError(source.url, "not an RSS or Atom feed")
    entries, skipped = _usable_entries(source, parsed.entries)
    if xml_error is not None and not entries and not _is_empty_feed(root, parsed, xml_error):
        raise FeedParseError(source.url, f"not well-formed XML, and no usable entry was recovered ({xml_error})")
    if skipped:
        log.warning("source %s: skipped %d of %d entries in %s: %s",
                    source.id, len(skipped), len(parsed.entries), source.url, "; ".join(skipped))
    if recovered:
        log.info("source %s: accepted %s despite: %s", source.id, source.url, "; ".join(recovered))
    return ParsedFeed(entries=tuple(entries), skipped=tuple(skipped), recovered="; ".join(recovered) or None)


def _judge_bozo(source: Source, parsed: Any, root: str | None, text: bytes, recovered: list[str]) -> str | None:
    """Raise FeedParseError for a fatal bozo exception; note a survivable one in ``recovered``.

    Returns expat's complaint when the document was not well-formed (and the lenient parser read it).
    """
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if problem is None:
        return None
    if isinstance(problem, _SURVIVABLE_ENCODING):
        recovered.append(f"encoding: {problem}")
        return None
    if not isinstance(problem, _XML_ERRORS):
        raise FeedParseError(source.url, f"not a usable feed ({type(problem).__name__}: {problem})")
    xml_error = _describe(problem)
    if root == "html":
        raise FeedParseError(source.url, f"an HTML page, not an RSS or Atom feed ({xml_error})")
    if _ends_inside_entry(text):
        raise FeedParseError(source.url, f"the document ends inside an entry: truncated? ({xml_error})")
    recovered.append(f"not well-formed XML, read by feedparser's lenient parser ({xml_error})")
    return xml_error


def _usable_entries(source: Source, raws: Iterable[Any]) -> tuple[list[FeedEntry], list[str]]:
    """The entries worth keeping, in feed order, and one reason for each one skipped."""
    entries: list[FeedEntry] = []
    skipped: list[str] = []
    first_seen: dict[str, int] = {}
    for number, raw in enumerate(raws, start=1):
        link, guid = _text(raw.get("link")), _text(raw.get("id"))
        if link is None:
            reason = "no link or guid" if guid is None else f"no link (guid {_quote(guid)})"
        elif not _is_web_url(link):
            reason = f"link is not http(s): {_quote(link)}"
        elif (guid or link) in first_seen:
            reason = f"repeats entry id {_quote(guid or link)} of entry {first_seen[guid or link]}"
        else:
            first_seen[guid or link] = number
            entries.append(_to_entry(source, raw, entry_id=guid or link, url=link))
            continue
        skipped.append(f"entry {number}: {reason}")
    return entries, skipped


def _to_entry(source: Source, raw: Any, *, entry_id: str, url: str) -> FeedEntry:
    return FeedEntry(
        source_id=source.id,
        entry_id=entry_id,
        url=url,
        title=_text(raw.get("title")),
        # dict.get: FeedParserDict.get would map a missing published_parsed to updated_parsed, with a warning
        published_at=_utc(dict.get(raw, "published_parsed") or dict.get(raw, "updated_parsed")),
        summary=_text(raw.get("summary")),
        author=_author(raw),
    )


def _author(raw: Any) -> str | None:
    """The entry's author by name: Atom's <name>, RSS's dc:creator, or the name beside an RSS
    <author> address ("desk@example.org (Ana Reyes)"); an address alone is not a name."""
    detail = dict.get(raw, "author_detail")
    name = _text(detail.get("name")) if isinstance(detail, dict) else None
    name = name or _text(dict.get(raw, "author"))
    return None if name is None or "@" in name else name


def _is_web_url(link: str) -> bool:
    try:
        parts = urlsplit(link)
    except ValueError:   # e.g. an invalid IPv6 host
        return False
    return parts.scheme.lower() in _WEB_SCHEMES and bool(parts.netloc)


def _is_empty_feed(root: str | None, parsed: Any, xml_error: str) -> bool:
    """Is an ill-formed document with no usable entry still a feed: a feed root with a title or link?

    Not when expat says the input stopped early: a download cut off before the first entry
    would otherwise pass for an empty feed.
    """
    if root not in _FEED_ROOTS or xml_error in _END_OF_INPUT:
        return False
    feed = parsed.get("feed") or {}
    return bool(_text(feed.get("title")) or _text(feed.get("link")))


def _ascii_compatible(body: bytes) -> bytes:
    """The body as bytes the regular expressions above can read: UTF-16/32 and EBCDIC re-encoded."""
    for marker, codec in _WIDE_MARKERS:
        if body.startswith(marker):
            return body.decode(codec, "replace").encode("utf-8")
    return body


def _prolog(text: bytes) -> tuple[int, str | None]:
    """Where the prolog ends, and the lowercased local name of the root element (None if not found).

    The end is never before the first ``<`` + letter, where feedparser ends the part in which it
    looks for DOCTYPE entities, so the entity check sees at least what feedparser sees.
    """
    skip = len(codecs.BOM_UTF8) if text.startswith(codecs.BOM_UTF8) else 0
    prolog = _PROLOG.match(text, skip)
    start = _START_TAG.match(text, prolog.end() if prolog else skip)
    first_tag = _FIRST_TAG.search(text)
    end = max(start.start() if start else 0, first_tag.start() if first_tag else len(text))
    if start is None:
        return end, None
    return end, start.group(1).rsplit(b":", 1)[-1].decode("ascii", "replace").lower()


def _refuse_entity_tricks(source: Source, text: bytes) -> None:
    """Raise FeedParseError if the prolog declares an entity other than a character reference or a
    short plain text."""
    at = text.find(b"<!ENTITY")
    while at != -1:
        declaration = _ENTITY_DECLARATION.match(text, at)
        if declaration is None:
            problem = "a malformed entity declaration"
        else:
            name = declaration.group(2).decode("utf-8", "replace")
            value = declaration.group(4) if declaration.group(4) is not None else declaration.group(5)
            if declaration.group(1):
                problem = f"parameter entity %{name}"
            elif value is None:
                problem = f"external entity {name!r}"
            elif _CHARACTER_REFERENCE.fullmatch(value):
                problem = ""
            elif b"&" in value or b"%" in value:
                problem = f"entity {name!r} that refers to other entities"
            elif len(value) > MAX_ENTITY_TEXT:
                problem = f"entity {name!r} of {len(value):,} bytes"
            else:
                problem = ""
        if problem:
            raise FeedParseError(source.url, f"refused: the DTD declares {problem} (entity expansion or "
                                             "external entities are not allowed in a feed)")
        at = text.find(b"<!ENTITY", at + 1)


def _ends_inside_entry(text: bytes) -> bool:
    """Does the last entry start after the last entry end, i.e. was the document cut inside it?"""
    last_open = max((m.start() for m in _ENTRY_OPEN.finditer(text)), default=-1)
    last_close = max((m.start() for m in _ENTRY_CLOSE.finditer(text)), default=-1)
    return last_open > last_close


def _describe(problem: BaseException) -> str:
    """expat's complaint without its position, which refers to feedparser's rewritten document."""
    if isinstance(problem, xml.sax.SAXParseException):
        return str(problem.getMessage())
    return f"{type(problem).__name__}: {problem}"


def _quote(value: str) -> str:
    return repr(value if len(value) <= _SHOWN else value[:_SHOWN] + "...")


def _text(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value or None


def _utc(parsed: time.struct_time | None) -> datetime | None:
    """feedparser normalises dates to UTC struct_time; make them tz-aware datetimes."""
    if parsed is None:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
    except (OverflowError, ValueError, OSError):
        return None
