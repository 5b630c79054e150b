"""find_author gives trafilatura's extract_author answer without pruning a copy of the whole page."""
from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from lxml.etree import XPath
from trafilatura.metadata import extract_author
from trafilatura.utils import load_html

from newsmon.clean import bylines
from newsmon.clean.bylines import find_author

OWN_PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "clean_pages"
SHARED_HTML = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "html"
STORY = "<p>Customs officers at the northern crossing found 30 kg of cannabis in a lorry's spare tyre.</p>"

PAGES = {
    "a byline": f'<html><body><article><p class="byline">By Ilse Marquand</p>{STORY}</article></body></html>',
    "a byline in a comment section": f'<html><body><article>{STORY}</article><div class="comments">'
                                     f'<span class="author">Reader Forty Two</span></div></body></html>',
    "a byline with a date inside": f'<html><body><article><span class="author">Ilse<time>3 May</time>Marquand'
                                   f'</span>{STORY}</article></body></html>',
    "a photo credit in a figure, then a byline": f'<html><body><figure><span class="author">Photo Desk</span>'
                                                 f'</figure><article><div class="byline">By Tomas Reyl</div>{STORY}'
                                                 f'</article></body></html>',
    "a root that looks like a discarded section": f'<html class="print"><body><a rel="author">Nadia Osei</a>'
                                                  f'{STORY}</body></html>',
    "a name too long for a name": f'<html><body><span class="author">{"Staff " * 30}</span>'
                                  f'<span class="writer">Ruth Aldane</span>{STORY}</body></html>',
    "no byline": f"<html><body><article>{STORY}</article></body></html>",
}


@pytest.mark.parametrize("name", PAGES)
def test_the_author_is_the_one_trafilatura_finds(name: str) -> None:
    html = PAGES[name]
    assert find_author(load_html(html)) == extract_author(load_html(html))


def test_the_cases_above_cover_found_and_missing_authors() -> None:
    found = {name: find_author(load_html(html)) for name, html in PAGES.items()}
    assert found == {
        "a byline": "Ilse Marquand",
        "a byline in a comment section": None,                    # discarded with its section
        "a byline with a date inside": "IlseMarquand",            # the date goes, its neighbours join up
        "a photo credit in a figure, then a byline": "Tomas Reyl",
        "a root that looks like a discarded section": "Nadia Osei",  # the root is never discarded
        "a name too long for a name": "Ruth Aldane",
        "no byline": None,
    }


def test_a_discard_expression_that_cannot_be_turned_hands_the_page_to_trafilatura(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bylines, "_TURNED", None)
    for html in PAGES.values():
        assert find_author(load_html(html)) == extract_author(load_html(html))


def test_the_hand_written_pages_get_trafilaturas_authors() -> None:
    pages = sorted(OWN_PAGES.glob("*.html"))
    assert len(pages) >= 34
    for path in pages:
        assert find_author(load_html(path.read_bytes())) == extract_author(load_html(path.read_bytes())), path.name


def test_the_real_pages_get_trafilaturas_authors() -> None:
    pages = sorted((SHARED_HTML / "html").glob("*.html.gz"))
    if not pages:
        pytest.skip(f"shared html corpus not found: {SHARED_HTML}")
    found = 0
    for path in pages:
        html = gzip.decompress(path.read_bytes())
        author = find_author(load_html(html))
        assert author == extract_author(load_html(html)), path.name
        found += author is not None
    assert len(pages) == 181 and found > 90      # most of these pages name an author in their body


def test_a_discard_expression_of_another_shape_leaves_the_work_to_trafilatura() -> None:
    assert bylines._turn([XPath("//div[@id='comments']//span")]) is None
    assert bylines._turn([XPath(".//*[@class='x']/span")]) is None
    turned = bylines._turn([XPath(".//*[self::div][@class='a]b']"), XPath("//time|//figure")])
    assert turned is not None and [x.path for x in turned[0]] == ["ancestor-or-self::*[self::div][@class='a]b']"]


def test_the_predicate_reader_respects_quotes_and_brackets() -> None:
    assert bylines._only_predicates("[a][b[c]] ['x]y']")
    assert not bylines._only_predicates("[a]/b") and not bylines._only_predicates("]x[") and not bylines._only_predicates("[a")
