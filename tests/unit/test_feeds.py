from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsmon.errors import FeedParseError
from newsmon.feeds import parse_feed
from newsmon.models import Source

FEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "feeds"
SOURCE = Source(id="fixture", url="https://news.example.org/feed.xml")


def _parse(name: str) -> list:
    return parse_feed(SOURCE, (FEEDS / name).read_bytes())


def _utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def test_parse_feed_rss2_gives_ids_links_and_utc_dates() -> None:
    entries = _parse("rss2_basic.xml")
    assert [(e.entry_id, e.published_at) for e in entries] == [
        ("basic-1", _utc(2025, 1, 6, 9)), ("basic-2", _utc(2025, 1, 6, 13)), ("basic-3", _utc(2025, 1, 6, 6, 15)),
    ]
    assert all(e.source_id == "fixture" and e.url.startswith("https://") and e.title for e in entries)
    assert all(e.published_at is not None and e.published_at.tzinfo is not None for e in entries)


def test_parse_feed_atom_prefers_published_and_falls_back_to_updated() -> None:
    entries = _parse("atom_basic.xml")
    assert [(e.entry_id, e.published_at) for e in entries] == [
        ("tag:news.example.org,2025:atom-1", _utc(2025, 1, 7, 7)),
        ("tag:news.example.org,2025:atom-2", _utc(2025, 1, 7, 12)),
    ]


def test_parse_feed_rss1_reads_dc_date() -> None:
    entries = _parse("rss1_rdf.xml")
    assert [e.published_at for e in entries] == [_utc(2025, 1, 8, 5, 45), _utc(2025, 1, 8, 16)]
    assert entries[0].entry_id == "https://news.example.org/2025/01/08/customs-audit.html"


def test_parse_feed_falls_back_to_the_link_without_a_guid() -> None:
    entries = _parse("no_guid.xml")
    assert [e.entry_id for e in entries] == ["https://news.example.org/2025/01/09/traffic-backlog.html", "noguid-2"]


def test_parse_feed_keeps_undated_entries_without_a_date() -> None:
    (entry,) = _parse("undated.xml")
    assert entry.entry_id == "undated-1" and entry.published_at is None


def test_parse_feed_resolves_relative_links() -> None:
    assert {e.entry_id: e.url for e in _parse("relative_links.xml")} == {
        "rel-1": "https://news.example.org/articles/one.html",
        "rel-2": "https://news.example.org/world/two.html",
    }


def test_parse_feed_survives_a_wrong_encoding_declaration() -> None:
    titles = [e.title for e in _parse("latin1_declared_utf8.xml")]
    assert titles == ["Zürich police close café used for illegal betting", "São Paulo court hears Malmö shipping case"]


@pytest.mark.parametrize("name", ["broken.xml", "not_a_feed.html", "empty.xml", "entities_bomb.xml"])
def test_parse_feed_raises_a_typed_error_on_unusable_input(name: str) -> None:
    with pytest.raises(FeedParseError) as caught:
        _parse(name)
    assert caught.value.url == SOURCE.url and caught.value.reason
