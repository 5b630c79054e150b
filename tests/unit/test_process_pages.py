"""Pages across processes: the same results, in the same order, as one process gives."""
from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsmon.models import FeedEntry, RawDocument, Source
from newsmon.process import MIN_PAGES_PER_WORKER, PagePool, Processed, process_pages

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "clean_pages"
SOURCE = Source(id="wire", url="https://wire.example.org/rss")


def _items(count: int) -> list[tuple[FeedEntry, RawDocument | None]]:
    files = sorted(PAGES.glob("*.html"))
    assert files, f"no fixture pages in {PAGES}"
    items: list[tuple[FeedEntry, RawDocument | None]] = []
    for n in range(count):
        url = f"https://wire.example.org/a/{n}"
        entry = FeedEntry(source_id=SOURCE.id, entry_id=f"e{n}", url=url, title=None,
                          published_at=datetime(2026, 3, 1, tzinfo=UTC), summary=None)
        page = None if n % 7 == 3 else RawDocument(
            source_id=SOURCE.id, kind="page", url=url, final_url=url, status=200,
            content_type="text/html; charset=utf-8", etag=None, last_modified=None,
            fetched_at=datetime(2026, 3, 1, tzinfo=UTC), sha256="", body=files[n % len(files)].read_bytes(),
            error=None)
        items.append((entry, page))
    return items


def _plain(results: list[Processed]) -> list[object]:
    return [(asdict(article), [f.as_row() for f in figures], [m.as_row() for m in mentions])
            for article, figures, mentions in results]


def test_a_pool_gives_the_same_rows_in_the_same_order_as_one_process() -> None:
    items = _items(2 * MIN_PAGES_PER_WORKER + 3)
    alone = process_pages(SOURCE, items)
    with PagePool(2) as pool:
        assert pool.executor_for(len(items)) is not None
        spread = process_pages(SOURCE, items, pool)
    assert _plain(spread) == _plain(alone)
    assert [article.entry_id for article, _, _ in spread] == [entry.entry_id for entry, _ in items]
    assert sum(article.status == "extracted" for article, _, _ in spread) >= len(items) - 3
    assert any(figures for _, figures, _ in spread)


@pytest.mark.parametrize(("workers", "pages"), [(1, 1000), (2, 2 * MIN_PAGES_PER_WORKER - 1), (4, 0)])
def test_no_process_starts_for_one_worker_or_a_small_batch(workers: int, pages: int) -> None:
    with PagePool(workers) as pool:
        assert pool.executor_for(pages) is None
