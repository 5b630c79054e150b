from __future__ import annotations

import re
import statistics
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import lxml.html
import pytest
import trafilatura

from newsmon.clean import main_text
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


# ------------------------------------------------------------------ which extraction, which metadata

OWN_PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "clean_pages"
_WORD = re.compile(r"\w+")


def _own_pages() -> list[tuple[str, bytes, str]]:
    pages = []
    for path in sorted(OWN_PAGES.glob("*.html")):
        html = path.read_bytes()
        url = re.search(rb'rel="canonical"[^>]+href="([^"]+)"', html)
        pages.append((url.group(1).decode() if url else URL, html, path.with_suffix(".txt").read_text(encoding="utf-8")))
    return pages


def _f1(found: str | None, truth: str) -> float:
    got, want = Counter(_WORD.findall((found or "").lower())), Counter(_WORD.findall(truth.lower()))
    overlap = sum((got & want).values())
    return 0.0 if not overlap else 2 * overlap / (sum(got.values()) + sum(want.values()))


def _bare(html: bytes, url: str, **options: bool) -> str | None:
    doc = trafilatura.bare_extraction(html, url=url, include_comments=False, **options)
    return (doc.text or "").strip() or None if doc is not None and not isinstance(doc, dict) else None


def test_the_hand_written_pages_come_out_close_to_their_true_text() -> None:
    scores = [_f1(clean_article(html, url).text, truth) for url, html, truth in _own_pages()]
    assert len(scores) >= 34
    assert min(scores) > 0.85 and statistics.fmean(scores) > 0.95


def test_a_page_gets_the_precise_text_unless_that_keeps_under_a_fifth_of_its_paragraphs() -> None:
    for url, html, _ in _own_pages():
        precise = _bare(html, url, favor_precision=True)
        assert precise is not None
        paragraphs = sum(len(t.split()) for t in lxml.html.fromstring(html).xpath("//p//text()"))
        assert len(precise.split()) >= 0.2 * paragraphs     # none of these pages makes the precise mode fail
        assert clean_article(html, url).text == precise     # fast or not, the same text on these pages


class _Extractions:
    """Stands in for main_text._extract: canned texts by mode (None: the real extraction), and a log."""

    def __init__(self, *, fast: str | None = None, precise: str | None = None) -> None:
        self.canned = {(True, True): fast, (True, False): precise}
        self.calls: list[tuple[bool, bool]] = []
        self.real = main_text._extract

    def __call__(self, tree: Any, url: str, *, precise: bool, fast: bool) -> str | None:
        self.calls.append((precise, fast))
        canned = self.canned.get((precise, fast))
        return canned if canned is not None else self.real(tree, url, precise=precise, fast=fast)


def _story(paragraphs: int, *, tag: str = "p", aside: str = "") -> str:
    sentence = "Detectives in Marlow charged a courier with handling stolen jewellery worth 40,000 pounds. "
    body = "".join(f"<{tag}>{sentence * 2}</{tag}>" for _ in range(paragraphs))
    return f"<html><body><nav>Home News Sport</nav><article>{body}</article>{aside}</body></html>"


def test_the_fast_precise_text_stands_when_it_keeps_half_the_paragraphs(monkeypatch: pytest.MonkeyPatch) -> None:
    html = _story(4)       # 4 paragraphs of 26 words
    fast = " ".join(["word"] * 60)
    extractions = _Extractions(fast=fast)
    monkeypatch.setattr(main_text, "_extract", extractions)
    assert clean_article(html, URL).text == fast and extractions.calls == [(True, True)]


@pytest.mark.parametrize(("html", "fast"), [
    (_story(4), " ".join(["word"] * 40)),                 # under half of the 104 paragraph words
    (_story(4, tag="div"), " ".join(["word"] * 200)),     # no <p> at all: fast mode has nothing to go by
    (_story(1, aside="<div>" + "listing " * 600 + "</div>"), "a lead of five words " * 4),  # < 1/10 of the body
])
def test_a_doubtful_fast_text_is_redone_with_the_full_precise_mode(monkeypatch: pytest.MonkeyPatch, html: str,
                                                                   fast: str) -> None:
    extractions = _Extractions(fast=fast)
    monkeypatch.setattr(main_text, "_extract", extractions)
    cleaned = clean_article(html, URL)
    assert extractions.calls[:2] == [(True, True), (True, False)]
    assert cleaned.text is not None and cleaned.text != fast and "stolen jewellery" in cleaned.text


def test_a_precise_text_that_lost_the_body_is_replaced_by_the_default_one(monkeypatch: pytest.MonkeyPatch) -> None:
    url, html, _ = _own_pages()[0]
    default = _bare(html, url)
    extractions = _Extractions(fast="Share this article", precise="Share this article")  # as a real page did
    monkeypatch.setattr(main_text, "_extract", extractions)
    assert default is not None and clean_article(html, url).text == default
    assert extractions.calls == [(True, True), (True, False), (False, False)]


def test_the_metadata_is_what_trafilatura_finds_for_the_fields_kept() -> None:
    for url, html, _ in _own_pages():
        cleaned = clean_article(html, url)
        expected = trafilatura.extract_metadata(html, url, {"extensive_search": False, "original_date": True})
        assert (cleaned.title, cleaned.author) == (expected.title or None, expected.author or None), url
        assert cleaned.published == (date.fromisoformat(expected.date[:10]) if expected.date else None), url
        assert clean_article(html, url, with_title=False).title is None


_BYLINE_PAGE = """<html lang="en"><head><title>Harbour patrol finds stolen boats</title></head><body>
<article><h1>Harbour patrol finds stolen boats</h1>{byline}
<p>Marine police in the port of Kelvane recovered four stolen motorboats on Tuesday after a week of
night patrols along the northern quays, officers said in a statement issued the next morning.</p>
<p>Two men were arrested at a boatyard where the hulls were being repainted, and a third is sought.
The owners, who had reported the thefts over the summer, have been asked to identify the boats.</p>
</article></body></html>"""


@pytest.mark.parametrize("byline", ['<p class="byline">By Maren Oduya</p>', '<span>Staff reporter</span>'])
def test_an_author_named_only_in_the_page_body_is_found_as_trafilatura_finds_it(byline: str) -> None:
    html = _BYLINE_PAGE.format(byline=byline)
    expected = trafilatura.extract_metadata(html, URL).author
    assert clean_article(html, URL).author == (expected or None)
    assert (expected is not None) == ("byline" in byline)    # one page with a byline element, one without
