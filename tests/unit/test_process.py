"""One stored page -> its article row: the page's media type and charset are respected."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsmon.models import FeedEntry, RawDocument, Source
from newsmon.process import process_entry

SOURCE = Source(id="wire", url="https://wire.example.org/rss")
ENTRY = FeedEntry(source_id="wire", entry_id="e1", url="https://wire.example.org/a", title=None,
                  published_at=datetime(2025, 6, 2, 9, tzinfo=UTC), summary=None)
PARAGRAPH = ("La police de Montréal a arrêté 14 personnes lors d'une opération contre un réseau de vol "
             "de voitures, a indiqué le service mardi. Les suspects comparaîtront devant le tribunal.")


def _page(body: bytes, content_type: str | None) -> RawDocument:
    return RawDocument(source_id="wire", kind="page", url=ENTRY.url, final_url=ENTRY.url, status=200,
                       content_type=content_type, etag=None, last_modified=None,
                       fetched_at=datetime(2025, 6, 2, 10, tzinfo=UTC), sha256="", body=body, error=None)


@pytest.mark.parametrize("content_type", ["application/pdf", "image/jpeg", "application/octet-stream"])
def test_a_page_that_is_not_a_web_page_is_skipped_with_its_type(content_type: str) -> None:
    article, figures, mentions = process_entry(SOURCE, ENTRY, _page(b"%PDF-1.7 binary", content_type))
    assert (article.status, article.skip_reason) == ("skipped", f"not a web page ({content_type})")
    assert figures == mentions == []


def test_a_mislabelled_page_is_decoded_by_its_meta_charset() -> None:
    html = (f"<html><head><meta charset='windows-1252'><title>Montréal</title></head>"
            f"<body><article><p>{PARAGRAPH}</p></article></body></html>").encode("cp1252")
    article, _, _ = process_entry(SOURCE, ENTRY, _page(html, "text/html; charset=utf-8"))
    assert article.status == "extracted" and article.text is not None
    assert "Montréal a arrêté 14 personnes" in article.text
    assert article.simhash is not None and article.word_count is not None and article.word_count > 20


def test_the_feeds_author_stands_and_the_page_is_not_searched_for_one(monkeypatch: pytest.MonkeyPatch) -> None:
    from dataclasses import replace

    from newsmon.clean import main_text

    html = (f'<html lang="fr"><body><article><span class="author">Marc Vidal</span>'
            f'<p>{PARAGRAPH}</p><p>{PARAGRAPH}</p></article></body></html>').encode()
    found, _, _ = process_entry(SOURCE, ENTRY, _page(html, "text/html"))
    assert found.author == "Marc Vidal"                      # no author in the feed: the page's byline

    def no_search(tree: object) -> str:
        raise AssertionError("the page's byline was searched although the feed named the author")

    monkeypatch.setattr(main_text, "find_author", no_search)
    named, _, _ = process_entry(SOURCE, replace(ENTRY, author="Léa Dumas"), _page(html, "text/html"))
    assert (named.author, named.status) == ("Léa Dumas", "extracted")


def test_an_entry_whose_page_failed_keeps_the_feeds_title_and_author() -> None:
    from dataclasses import replace

    article, _, _ = process_entry(SOURCE, replace(ENTRY, title="Vols de voitures", author="Léa Dumas"), None)
    assert (article.status, article.title, article.author) == ("failed", "Vols de voitures", "Léa Dumas")
