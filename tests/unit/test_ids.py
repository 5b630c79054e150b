from __future__ import annotations

from datetime import date

import pytest

from newsmon import ids


@pytest.mark.parametrize(("url", "expected"), [
    ("HTTPS://News.Example.org:443/a/b/?utm_source=x&id=7#top", "https://news.example.org/a/b?id=7"),
    ("http://example.org", "http://example.org/"),
    ("http://example.org:8080/x?b=2&a=1&fbclid=zz", "http://example.org:8080/x?a=1&b=2"),
    ("https://www.news.example.org/2025/story/", "https://news.example.org/2025/story"),
    ("https://m.example.com/story?id=3", "https://example.com/story?id=3"),
    ("https://example.com/news/story/amp/", "https://example.com/news/story"),
    ("https://example.com/news/story.amp.html", "https://example.com/news/story.html"),
    ("https://amp.example.com/story?amp=1&outputType=amp", "https://example.com/story"),
    ("https://m.co/x", "https://m.co/x"),
])
def test_canonical_url_drops_tracking_and_normalises(url: str, expected: str) -> None:
    assert ids.canonical_url(url) == expected


def test_article_id_is_stable_across_url_variants() -> None:
    a = ids.article_id("https://example.org/story/?utm_medium=rss")
    assert a == ids.article_id("https://EXAMPLE.org/story")
    assert a != ids.article_id("https://example.org/other-story")
    assert len(a) == 40


def test_figure_id_separates_two_actions_on_one_number() -> None:
    arrest = ids.figure_id("a1", 10, 20, "arrest", "count")
    assert arrest == ids.figure_id("a1", 10, 20, "arrest", "count")
    assert arrest != ids.figure_id("a1", 10, 20, "charge", "count")
    assert arrest != ids.figure_id("a1", 11, 20, "arrest", "count")


def _key(value: float = 67000, start: date | None = date(2024, 1, 1), end: date | None = date(2024, 11, 30),
         published: date | None = date(2025, 1, 16), action: str = "charge", currency: str | None = None) -> str:
    return ids.statistic_key(action, "count", "person", currency, value, None, start, end, published)


def test_statistic_key_is_shared_by_outlets_reporting_the_same_statistic() -> None:
    assert _key() == _key(67000.0, published=date(2025, 1, 17))        # another outlet, a day later
    assert _key() != _key(67001)
    assert _key() != _key(action="arrest")
    assert _key() != _key(end=date(2024, 12, 31))
    assert _key(currency="USD") != _key(currency="HKD")


def test_statistic_key_without_a_period_falls_back_to_the_publication_day() -> None:
    assert _key(start=None, end=None) == _key(start=None, end=None)
    assert _key(start=None, end=None) != _key(start=None, end=None, published=date(2025, 1, 17))
