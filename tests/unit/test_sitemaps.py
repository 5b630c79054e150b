from __future__ import annotations

import gzip
import logging
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from newsmon.collect import sitemaps
from newsmon.collect.sitemaps import SitemapListing, parse_sitemap, parse_w3c_datetime, select_children
from newsmon.errors import FeedParseError
from newsmon.models import FeedEntry, Source

SITEMAPS = Path(__file__).resolve().parents[1] / "fixtures" / "sitemaps"
SOURCE = Source(id="fixture", url="https://news.example.org/sitemap.xml")


def _utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0,
         microsecond: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, microsecond, tzinfo=UTC)


def _parse(name: str, *, base_url: str | None = None) -> SitemapListing:
    return parse_sitemap(SOURCE, (SITEMAPS / name).read_bytes(), base_url=base_url)


def _urlset(*items: str) -> bytes:
    urls = "".join(f"<url>{item}</url>" for item in items)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' + urls + "</urlset>"
    ).encode()


# --- Google News sitemap ---------------------------------------------------------------------------

def test_news_sitemap_gives_locs_titles_and_utc_dates_in_file_order() -> None:
    listing = _parse("news_sitemap.xml")
    assert listing.children == () and listing.child_dates == ()
    assert [(e.url, e.title, e.published_at) for e in listing.entries] == [
        ("https://news.example.org/2025/01/07/harbour-seizure.html",
         "Customs officers seize 40 kg at the harbour", _utc(2025, 1, 6, 23, 30)),
        ("https://news.example.org/2025/01/07/fraud-ring.html",
         "Twelve charged in a & fraud ring", _utc(2025, 1, 7, 14, 5, 30, 250000)),
        ("https://news.example.org/2025/01/08/court-roundup.html", None, _utc(2025, 1, 8)),
        ("https://news.example.org/about/undated-feature.html", None, None),
        ("https://news.example.org/2025/01/08/relative-arrests.html",
         "Police make three arrests", _utc(2025, 1, 8, 14, 15)),
    ]


def test_news_sitemap_entries_are_feed_entries_keyed_by_their_loc() -> None:
    for entry in _parse("news_sitemap.xml").entries:
        assert isinstance(entry, FeedEntry)
        assert entry.source_id == "fixture"
        assert entry.entry_id == entry.url
        assert entry.summary is None
        assert entry.published_at is None or entry.published_at.tzinfo == UTC


def test_news_sitemap_spans_three_utc_days() -> None:
    days = {e.published_at.date() for e in _parse("news_sitemap.xml").entries if e.published_at}
    assert sorted(days) == [datetime(2025, 1, d).date() for d in (6, 7, 8)]


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.fixture
def sitemap_log() -> Iterator[list[str]]:
    """Messages logged by newsmon.collect.sitemaps (caplog is unavailable under -p no:logging)."""
    logger = logging.getLogger("newsmon.collect.sitemaps")
    handler, level = _Records(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def test_bad_items_are_skipped_with_a_log_line(sitemap_log: list[str]) -> None:
    listing = _parse("news_sitemap.xml")
    urls = [e.url for e in listing.entries]
    assert "https://news.example.org/2025/01/08/bad-date.html" not in urls
    assert len(urls) == len(set(urls)) == 5
    messages = sitemap_log
    assert any("unparsable" in m and "bad-date.html" in m and "last Tuesday" in m for m in messages)
    assert any("without a usable <loc>" in m for m in messages)
    assert any("repeated" in m and "harbour-seizure.html" in m for m in messages)


def test_a_repeated_loc_keeps_the_first_item() -> None:
    (entry,) = parse_sitemap(SOURCE, _urlset(
        "<loc>https://a.example/x</loc><lastmod>2025-01-01</lastmod>",
        "<loc>https://a.example/x</loc><lastmod>2025-02-01</lastmod>",
    )).entries
    assert entry.published_at == _utc(2025, 1, 1)


def test_a_bad_publication_date_is_not_replaced_by_lastmod() -> None:
    body = (
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        b' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
        b"<url><loc>https://a.example/1</loc><lastmod>2025-01-01</lastmod>"
        b"<news:news><news:publication_date>2025-02-30</news:publication_date></news:news></url>"
        b"<url><loc>https://a.example/2</loc><lastmod>2025-01-02</lastmod></url>"
        b"</urlset>"
    )
    assert [e.url for e in parse_sitemap(SOURCE, body).entries] == ["https://a.example/2"]


def test_an_unusable_loc_is_skipped() -> None:
    listing = parse_sitemap(SOURCE, _urlset(
        "<loc>   </loc>", "<loc>javascript:alert(1)</loc>", "<loc>mailto:desk@example.org</loc>",
        "<loc>https://a.example/ok</loc>",
    ))
    assert [e.url for e in listing.entries] == ["https://a.example/ok"]


# --- plain sitemap ---------------------------------------------------------------------------------

def test_plain_sitemap_uses_lastmod_and_ignores_image_titles() -> None:
    listing = _parse("plain_sitemap.xml")
    assert [(e.url, e.title, e.published_at) for e in listing.entries] == [
        ("https://www.example.net/press/2025/01/06/operation-nightfall", None, _utc(2025, 1, 6, 18, 45)),
        ("https://www.example.net/press/2025/01", None, _utc(2025, 1, 1)),
        ("https://www.example.net/press/2025/01/07/annual-figures?lang=en&page=2", None, _utc(2025, 1, 7, 6)),
    ]


def test_a_sitemap_without_namespace_is_read() -> None:
    body = b"<urlset><url><loc>https://a.example/1</loc><lastmod>2025-01-06T10:00:00Z</lastmod></url></urlset>"
    (entry,) = parse_sitemap(SOURCE, body).entries
    assert entry.published_at == _utc(2025, 1, 6, 10)


def test_an_empty_urlset_has_no_entries() -> None:
    assert parse_sitemap(SOURCE, _urlset()) == SitemapListing(entries=(), children=(), child_dates=())


def test_leading_whitespace_and_a_utf8_bom_are_tolerated() -> None:
    body = b"\xef\xbb\xbf\n  " + _urlset("<loc>https://a.example/1</loc>")
    assert [e.url for e in parse_sitemap(SOURCE, body).entries] == ["https://a.example/1"]


# --- sitemap index ---------------------------------------------------------------------------------

def test_sitemap_index_gives_absolute_children_and_their_lastmods() -> None:
    listing = _parse("sitemap_index.xml", base_url="https://news.example.org/index/sitemap_index.xml")
    assert listing.entries == ()
    assert listing.children == (
        "https://news.example.org/sitemaps/2025-01-05.xml",
        "https://news.example.org/sitemaps/2025-01-06.xml.gz",
        "https://news.example.org/sitemaps/2025-01-09.xml",
        "https://news.example.org/index/sitemaps/latest.xml",
    )
    assert listing.child_dates == (
        _utc(2025, 1, 5, 23, 59, 59), _utc(2025, 1, 6), _utc(2025, 1, 9, 9), None,
    )


def test_relative_locs_fall_back_to_the_source_url() -> None:
    listing = _parse("sitemap_index.xml")
    assert listing.children[-1] == "https://news.example.org/sitemaps/latest.xml"


def test_index_children_without_loc_or_repeated_are_dropped_and_bad_lastmods_kept_undated() -> None:
    body = (
        b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<sitemap><lastmod>2025-01-06</lastmod></sitemap>"
        b"<sitemap><loc>https://a.example/s1.xml</loc><lastmod>soon</lastmod></sitemap>"
        b"<sitemap><loc>https://a.example/s1.xml</loc><lastmod>2025-01-06</lastmod></sitemap>"
        b"<sitemap><loc>https://a.example/s2.xml</loc><lastmod>2025-01-06</lastmod></sitemap>"
        b"</sitemapindex>"
    )
    listing = parse_sitemap(SOURCE, body)
    assert listing.children == ("https://a.example/s1.xml", "https://a.example/s2.xml")
    assert listing.child_dates == (None, _utc(2025, 1, 6))


def test_select_children_keeps_those_modified_since_the_start_and_undated_ones_in_order() -> None:
    listing = _parse("sitemap_index.xml")
    selected = select_children(listing, _utc(2025, 1, 6), _utc(2025, 1, 7))
    assert selected == [
        "https://news.example.org/sitemaps/2025-01-06.xml.gz",     # lastmod == start
        "https://news.example.org/sitemaps/2025-01-09.xml",        # modified after the day: may list it
        "https://news.example.org/sitemaps/latest.xml",            # no lastmod
    ]


def test_select_children_compares_instants_not_wall_clocks() -> None:
    listing = _parse("sitemap_index.xml")
    paris = timezone(timedelta(hours=1))
    # 2025-01-06T00:59:59+01:00 is 2025-01-05T23:59:59Z: the first child was modified exactly then.
    start = datetime(2025, 1, 6, 0, 59, 59, tzinfo=paris)
    assert select_children(listing, start, start + timedelta(days=1))[0].endswith("2025-01-05.xml")
    assert len(select_children(listing, _utc(2025, 1, 10), _utc(2025, 1, 11))) == 1


def test_select_children_of_a_urlset_is_empty() -> None:
    assert select_children(_parse("plain_sitemap.xml"), _utc(2025, 1, 6), _utc(2025, 1, 7)) == []


def test_select_children_rejects_naive_or_reversed_windows() -> None:
    listing = _parse("sitemap_index.xml")
    with pytest.raises(ValueError):
        select_children(listing, datetime(2025, 1, 6), _utc(2025, 1, 7))
    with pytest.raises(ValueError):
        select_children(listing, _utc(2025, 1, 7), _utc(2025, 1, 6))


# --- gzip ------------------------------------------------------------------------------------------

def test_gzip_sitemap_is_decompressed() -> None:
    plain = (SITEMAPS / "news_sitemap.xml").read_bytes()
    gz = parse_sitemap(SOURCE, gzip.compress(plain), base_url="https://news.example.org/sitemap.xml.gz")
    assert gz == _parse("news_sitemap.xml")


def test_multi_member_gzip_is_read_whole() -> None:
    body = _urlset("<loc>https://a.example/1</loc>", "<loc>https://a.example/2</loc>")
    half = len(body) // 2
    listing = parse_sitemap(SOURCE, gzip.compress(body[:half]) + gzip.compress(body[half:]))
    assert [e.url for e in listing.entries] == ["https://a.example/1", "https://a.example/2"]


def test_gzip_bodies_over_50_mb_decompressed_are_refused() -> None:
    assert sitemaps.MAX_SITEMAP_BYTES == 50 * 1024 * 1024
    bomb = gzip.compress(b" " * (sitemaps.MAX_SITEMAP_BYTES + 1), compresslevel=1)
    assert len(bomb) < 1024 * 1024
    with pytest.raises(FeedParseError, match="exceeds"):
        parse_sitemap(SOURCE, bomb)


def test_the_decompressed_cap_counts_every_gzip_member(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sitemaps, "MAX_SITEMAP_BYTES", 1000)
    member = gzip.compress(b" " * 600)
    parse_sitemap(SOURCE, gzip.compress(_urlset()))             # small enough
    with pytest.raises(FeedParseError, match="exceeds"):
        parse_sitemap(SOURCE, member + member)


def test_uncompressed_bodies_over_the_cap_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sitemaps, "MAX_SITEMAP_BYTES", 100)
    with pytest.raises(FeedParseError, match="exceeds"):
        parse_sitemap(SOURCE, _urlset("<loc>https://a.example/1</loc>" * 10))


@pytest.mark.parametrize("body", [
    gzip.compress(b"<urlset></urlset>")[:-12],                       # cut inside the deflate stream
    gzip.compress(b"<urlset></urlset>")[:12] + b"\x00garbage\xff" * 4,  # corrupt deflate stream
    gzip.compress(b"<urlset></urlset>") + b"not gzip",                 # trailing bytes
    b"\x1f\x8b",
], ids=["truncated", "corrupt", "trailing", "magic-only"])
def test_damaged_gzip_is_a_feed_parse_error(body: bytes) -> None:
    with pytest.raises(FeedParseError) as raised:
        parse_sitemap(SOURCE, body)
    assert raised.value.url == SOURCE.url and "gzip" in raised.value.reason


def test_gzip_zero_padding_is_tolerated() -> None:
    body = gzip.compress(_urlset("<loc>https://a.example/1</loc>")) + b"\x00" * 16
    assert len(parse_sitemap(SOURCE, body).entries) == 1


# --- hardening and errors --------------------------------------------------------------------------

BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE urlset [\n  <!ENTITY lol "lol">\n'
    + "".join(f'  <!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">\n'
              for i in range(1, 10))
    + "]>\n<urlset><url><loc>https://a.example/&lol9;</loc></url></urlset>\n"
)


@pytest.mark.parametrize("body", [
    BILLION_LAUGHS.encode(),
    BILLION_LAUGHS.encode("utf-16"),
    gzip.compress(BILLION_LAUGHS.encode()),
    b'<!DOCTYPE urlset SYSTEM "https://evil.example/dtd"><urlset/>',
    b'<?xml version="1.0"?><!doctype urlset><urlset/>',
    b'<urlset><url><loc>https://a.example/</loc></url><!ENTITY x "y"></urlset>',
], ids=["billion-laughs", "utf16", "gzip", "external-dtd", "lower-case", "bare-entity"])
def test_a_dtd_or_entity_declaration_is_refused(body: bytes) -> None:
    with pytest.raises(FeedParseError) as raised:
        parse_sitemap(SOURCE, body)
    assert raised.value.reason == "sitemap declares a DTD"
    assert raised.value.url == SOURCE.url


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_the_tree_builder_refuses_a_doctype_the_byte_scan_missed(
    monkeypatch: pytest.MonkeyPatch, encoding: str,
) -> None:
    monkeypatch.setattr(sitemaps, "_DTD_MARKERS", ())       # the second line of defence alone
    with pytest.raises(FeedParseError) as raised:
        parse_sitemap(SOURCE, BILLION_LAUGHS.encode(encoding))
    assert raised.value.reason == "sitemap declares a DTD"


@pytest.mark.parametrize("body, reason", [
    (b"", "empty body"),
    (b"  \n\t", "empty body"),
    (b"<urlset><url><loc>https://a.example/</loc></url>", "not well-formed"),
    (b"<html><body>Not found</body></html>", "not a sitemap"),
    (b'<rss version="2.0"><channel><title>x</title></channel></rss>', "not a sitemap"),
    (b"<urlset><url><loc>https://a.example/&nbsp;</loc></url></urlset>", "not well-formed"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "not well-formed"),
    (b"<urlset></urlset><urlset></urlset>", "not well-formed"),
], ids=["empty", "blank", "unclosed", "html", "rss", "undefined-entity", "binary", "two-roots"])
def test_what_is_not_a_sitemap_is_a_feed_parse_error(body: bytes, reason: str) -> None:
    with pytest.raises(FeedParseError) as raised:
        parse_sitemap(SOURCE, body)
    assert raised.value.reason.startswith(reason)
    assert raised.value.url == SOURCE.url


# --- W3C datetimes ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("2025", _utc(2025, 1, 1)),
    ("2025-03", _utc(2025, 3, 1)),
    ("2025-03-09", _utc(2025, 3, 9)),
    ("2025-03-09T10:20Z", _utc(2025, 3, 9, 10, 20)),
    ("2025-03-09T10:20+01:00", _utc(2025, 3, 9, 9, 20)),
    ("2025-03-09T10:20:30Z", _utc(2025, 3, 9, 10, 20, 30)),
    ("2025-03-09T10:20:30.45-02:30", _utc(2025, 3, 9, 12, 50, 30, 450000)),
    ("2025-03-09T10:20:30.123456789+00:00", _utc(2025, 3, 9, 10, 20, 30, 123456)),
    ("2025-03-09T23:30:00-01:00", _utc(2025, 3, 10, 0, 30)),
    ("2025-03-09T10:20:30+0530", _utc(2025, 3, 9, 4, 50, 30)),
    ("2025-03-09T10:20:30", _utc(2025, 3, 9, 10, 20, 30)),           # no offset: read as UTC
    ("  2025-03-09 10:20:30z ", _utc(2025, 3, 9, 10, 20, 30)),
])
def test_w3c_datetimes_become_utc(text: str, expected: datetime) -> None:
    parsed = parse_w3c_datetime(text)
    assert parsed == expected and parsed is not None and parsed.tzinfo == UTC


@pytest.mark.parametrize("text", [
    "", "yesterday", "25-03-09", "2025-13-01", "2025-02-29", "2025-03-09T24:30Z", "2025-03-09T10:61Z",
    "2025-03-09T10:20+25:00", "Sun, 09 Mar 2025 10:20:00 GMT", "2025-03-09T10", "0000-01-01", "20250309",
])
def test_what_is_not_a_w3c_datetime_gives_none(text: str) -> None:
    assert parse_w3c_datetime(text) is None
