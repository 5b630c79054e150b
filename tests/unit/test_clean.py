from __future__ import annotations

from pathlib import Path

from newsmon.clean.main_text import clean_article

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"
URL = "https://news.example.org/2025/01/16/story.html"


def test_clean_article_keeps_the_body_and_drops_boilerplate() -> None:
    cleaned = clean_article((PAGES / "article_boilerplate.html").read_bytes(), URL)
    assert cleaned.skip_reason is None and cleaned.text is not None
    body = [
        "Customs officers in Rotterdam seized 1.2 tonnes of cocaine",
        "The drugs were found in a refrigerated container",
        "Police arrested two port workers, aged 27 and 34",
        "Prosecutors in Rotterdam will decide this week",
    ]
    positions = [cleaned.text.index(snippet) for snippet in body]
    assert positions == sorted(positions)
    for junk in ("cookies", "Skip to content", "Share on", "Advertisement", "Most read", "Newsletter",
                 "All rights reserved", "12 comments", "Comments are closed"):
        assert junk not in cleaned.text


def test_clean_article_reads_metadata() -> None:
    cleaned = clean_article((PAGES / "article_boilerplate.html").read_bytes(), URL)
    assert cleaned.title and cleaned.language == "en"


def test_clean_article_records_an_empty_extraction_as_a_reason() -> None:
    cleaned = clean_article((PAGES / "nav_only.html").read_bytes(), URL)
    assert cleaned.text is None and cleaned.skip_reason


def test_clean_article_never_keeps_script_content() -> None:
    cleaned = clean_article((PAGES / "hostile.html").read_bytes(), URL)
    assert cleaned.text is not None
    assert "upheld a seven-year prison sentence" in cleaned.text
    for junk in ("HOSTILE", "alert(", "innerHTML", "document.", "function", "fetch(", "9999", "4444"):
        assert junk not in cleaned.text


def test_clean_article_handles_empty_and_garbage_input() -> None:
    assert clean_article(b"", URL).skip_reason == "empty page"
    garbage = clean_article(b"\x00\xff\xfe<<<>>>" * 50, URL)
    assert garbage.text is None and garbage.skip_reason


def test_clean_article_reads_a_stated_date_but_never_guesses_one() -> None:
    body = "<p>" + "Police in Accra arrested nine men after a raid on a warehouse, officers said. " * 3 + "</p>"
    dated = clean_article(f'<html><head><meta property="article:published_time" content="2025-03-04T10:00:00Z">'
                          f'</head><body><article>{body}</article></body></html>', "https://news.example.org/accra.html")
    assert str(dated.published) == "2025-03-04"
    guessed = clean_article(f"<html><body><article>{body}</article><footer>&copy; 2024 Example News</footer>"
                            f"</body></html>", "https://news.example.org/story.html")
    assert guessed.text is not None and guessed.published is None
