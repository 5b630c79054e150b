"""Cleaning quality: macro token F1 of main text against the true text of real and hand-written pages.

    PYTHONPATH=include .venv/bin/python benchmarks/clean_quality.py   # from the repository root

Corpora: the 181 real pages of ``../shared/corpora/html`` (skipped when absent) and the hand-written
pages of ``tests/fixtures/clean_pages``, which the cleaning rule was checked on but not chosen by.
Scores newsmon's cleaner (``newsmon.clean``: decode, then ``clean_article``) and bare
``trafilatura.extract`` in its default, ``favor_precision`` and ``fast`` modes. Prints each one's
macro F1, its pages below 0.5, and its collapses: pages below 0.5 that the default mode gets above 0.8.
The scores are deterministic, so one run is enough.
"""
from __future__ import annotations

import statistics
from collections.abc import Callable

import trafilatura
from html_pages import Page, load_own_pages, load_pages, token_f1

from newsmon.clean import clean_article, decode_html

Cleaner = Callable[[Page], str | None]


def _newsmon(page: Page) -> str | None:
    return clean_article(decode_html(page.html, "text/html").text, page.url).text


def _bare(**options: bool) -> Cleaner:
    def clean(page: Page) -> str | None:
        return trafilatura.extract(page.html, url=page.url, include_comments=False, **options)
    return clean


CLEANERS: dict[str, Cleaner] = {
    "newsmon": _newsmon,
    "trafilatura default": _bare(),
    "trafilatura favor_precision": _bare(favor_precision=True),
    "trafilatura fast": _bare(fast=True),
}


def _score(name: str, pages: list[Page]) -> None:
    scores = {cleaner: [token_f1(clean(page), page.truth) for page in pages] for cleaner, clean in CLEANERS.items()}
    default = scores["trafilatura default"]
    print(f"{name}: {len(pages)} pages; macro token F1 (lower-cased word tokens, bag of words)")
    print(f"  {'cleaner':30s} {'macro F1':>8s} {'< 0.5':>6s} {'collapses':>9s}  (collapse: < 0.5 where default > 0.8)")
    for cleaner, values in scores.items():
        collapses = [i for i, v in enumerate(values) if v < 0.5 and default[i] > 0.8]
        low = sum(v < 0.5 for v in values)
        shown = ", ".join(f"{pages[i].key[:8]} {default[i]:.2f}->{values[i]:.2f}" for i in collapses)
        print(f"  {cleaner:30s} {statistics.fmean(values):8.4f} {low:6d} {len(collapses):9d}  {shown}")


def main() -> None:
    pages = load_pages()
    if pages:
        _score("shared/corpora/html", pages)
    else:
        print("(../shared/corpora/html is absent)")
    _score("tests/fixtures/clean_pages", load_own_pages())


if __name__ == "__main__":
    main()
