from __future__ import annotations

import pytest

from newsmon import ids


@pytest.mark.parametrize(("url", "expected"), [
    ("HTTPS://News.Example.org:443/a/b/?utm_source=x&id=7#top", "https://news.example.org/a/b?id=7"),
    ("http://example.org", "http://example.org/"),
    ("http://example.org:8080/x?b=2&a=1&fbclid=zz", "http://example.org:8080/x?a=1&b=2"),
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
