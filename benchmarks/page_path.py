"""The per-page path against bare trafilatura, on the 181 real pages of ``../shared/corpora/html``.

    PYTHONPATH=include .venv/bin/python benchmarks/page_path.py [--runs 5] [--workers N]   # from the repo root

newsmon's per-page path is ``newsmon.process.process_entry``: decode the bytes, clean them with
trafilatura (main text and metadata), extract figures and mentions, build the rows. Bare
trafilatura is ``trafilatura.extract(html, url=...)``, text only.

- One process: the two run interleaved page by page, so both see the same machine load; each run
  goes over every page once (after one warm-up pass) and gives pages/s for each. Prints the
  median of ``--runs`` runs and the ratio newsmon / bare.
- All cores: ``newsmon.process.process_pages`` over a process pool of ``--workers`` (default: the
  machine's cores), the way the pipeline runs a source's pages, against bare trafilatura in one
  process (its median above).
- Stages: the share of one-process time spent decoding and cleaning, and extracting.
"""
from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime

import trafilatura
from html_pages import Page, load_pages

from newsmon.clean import clean_article, decode_html
from newsmon.extract import extract
from newsmon.models import FeedEntry, RawDocument, Source
from newsmon.process import PagePool, process_entry, process_pages

SOURCE = Source(id="bench", url="https://bench.example.org/feed")


def _inputs(pages: list[Page]) -> list[tuple[FeedEntry, RawDocument]]:
    fetched = datetime(2026, 1, 1, tzinfo=UTC)
    return [(FeedEntry(source_id=SOURCE.id, entry_id=p.key, url=p.url, title=None, published_at=None, summary=None),
             RawDocument(source_id=SOURCE.id, kind="page", url=p.url, final_url=p.url, status=200,
                         content_type="text/html", etag=None, last_modified=None, fetched_at=fetched,
                         sha256="", body=p.html, error=None))
            for p in pages]


def _interleaved(pages: list[Page], inputs: list[tuple[FeedEntry, RawDocument]]) -> tuple[float, float]:
    bare = ours = 0.0
    for page, (entry, raw) in zip(pages, inputs, strict=True):
        started = time.perf_counter()
        trafilatura.extract(page.html, url=page.url)
        middle = time.perf_counter()
        process_entry(SOURCE, entry, raw)
        bare, ours = bare + middle - started, ours + time.perf_counter() - middle
    return len(pages) / bare, len(pages) / ours


def _pooled(inputs: list[tuple[FeedEntry, RawDocument]], pool: PagePool) -> float:
    started = time.perf_counter()
    process_pages(SOURCE, inputs, pool)
    return len(inputs) / (time.perf_counter() - started)


def _stages(pages: list[Page]) -> dict[str, float]:
    spent = {"decode+clean": 0.0, "extract": 0.0}
    for page in pages:
        started = time.perf_counter()
        cleaned = clean_article(decode_html(page.html, "text/html").text, page.url)
        middle = time.perf_counter()
        if cleaned.text:
            extract(cleaned.text, cleaned.published)
        spent["decode+clean"] += middle - started
        spent["extract"] += time.perf_counter() - middle
    return spent


def _median(runs: int, measure: Callable[[], float]) -> tuple[float, list[float]]:
    values = [measure() for _ in range(runs)]
    return statistics.median(values), values


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    pages = load_pages()
    if not pages:
        print("(../shared/corpora/html is absent: nothing to measure)")
        return
    inputs = _inputs(pages)
    _interleaved(pages, inputs)                                   # warm-up: imports, caches, lazy tables
    pairs = [_interleaved(pages, inputs) for _ in range(args.runs)]
    bare = statistics.median(b for b, _ in pairs)
    ours = statistics.median(o for _, o in pairs)
    print(f"{len(pages)} pages, {args.runs} runs (medians), interleaved page by page in one process")
    print(f"  bare trafilatura.extract   {bare:6.1f} pages/s   runs {', '.join(f'{b:.1f}' for b, _ in pairs)}")
    print(f"  newsmon process_entry      {ours:6.1f} pages/s   runs {', '.join(f'{o:.1f}' for _, o in pairs)}")
    print(f"  ratio newsmon / bare       {ours / bare:6.2f}x")
    with PagePool(args.workers) as pool:
        _pooled(inputs, pool)                                     # warm-up: start the workers
        pooled, values = _median(args.runs, lambda: _pooled(inputs, pool))
    print(f"  newsmon, {args.workers} processes       {pooled:6.1f} pages/s   runs {', '.join(f'{v:.1f}' for v in values)}")
    print(f"  ratio vs bare, one process {pooled / bare:6.2f}x")
    spent = _stages(pages)
    total = sum(spent.values())
    print("  one-process stages: " + ", ".join(f"{name} {100 * s / total:.0f}%" for name, s in spent.items()))


if __name__ == "__main__":
    main()
