"""One entry's page -> its article row, figure rows and mention rows (pure: no I/O), and a pool
of processes that does that for many pages across the machine's cores, in order.
"""
from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime, time
from itertools import repeat
from types import TracebackType
from typing import Self

from newsmon import dedup, ids
from newsmon.clean.charsets import decode_html
from newsmon.clean.main_text import clean_article
from newsmon.extract.extractor import EXTRACTOR_VERSION, extract
from newsmon.models import Article, ArticleFigure, ArticleMention, FeedEntry, RawDocument, Source

Processed = tuple[Article, list[ArticleFigure], list[ArticleMention]]
# A pool pays for itself only over enough pages: starting a worker costs about as much as cleaning
# a few pages, so a small batch (a daily run of one feed) is processed in the calling process.
MIN_PAGES_PER_WORKER = 8


def process_entry(source: Source, entry: FeedEntry, page: RawDocument | None) -> Processed:
    """Clean and extract one entry's page. Never raises for a bad page: the reason goes on the row."""
    article_id = ids.article_id(entry.url)
    article = Article(
        article_id=article_id, source_id=source.id, entry_id=entry.entry_id, url=entry.url,
        canonical_url=ids.canonical_url(entry.url), title=entry.title, author=entry.author,
        published_at=entry.published_at, language=source.language, text=None, text_sha1=None,
        status="failed", skip_reason=page.error if page else "page not in stored raw data",
        extractor_version=EXTRACTOR_VERSION,
    )
    if page is None or page.error:
        return article, [], []
    media_type = (page.content_type or "").split(";", 1)[0].strip().lower()
    if media_type and not media_type.startswith("text/") and "html" not in media_type and "xml" not in media_type:
        return replace(article, status="skipped", skip_reason=f"not a web page ({media_type})"), [], []
    cleaned = clean_article(decode_html(page.body, page.content_type).text, page.final_url,
                            with_title=not entry.title, with_author=not entry.author)
    published_at = entry.published_at
    if published_at is None and cleaned.published is not None:
        published_at = datetime.combine(cleaned.published, time.min, tzinfo=UTC)
    article = replace(
        article, title=entry.title or cleaned.title, author=entry.author or cleaned.author, published_at=published_at,
        language=cleaned.language or source.language, status="skipped", skip_reason=cleaned.skip_reason,
    )
    if cleaned.text is None:
        return article, [], []
    text = cleaned.text
    simhash, word_count = dedup.fingerprint(text)
    article = replace(article, text=text, text_sha1=ids.text_sha1(text), status="extracted", skip_reason=None,
                      simhash=simhash, word_count=word_count)
    published = cleaned.published or (published_at.date() if published_at else None)
    found = extract(text, published=published)
    figures = [
        ArticleFigure(figure_id=ids.figure_id(article_id, f.start, f.end, f.action, f.measure),
                      article_id=article_id, source_id=source.id, extractor_version=EXTRACTOR_VERSION,
                      statistic_key=ids.statistic_key(f.action, f.measure, f.unit, f.currency, f.value,
                                                      f.value_max, f.period_start, f.period_end, published),
                      figure=f)
        for f in found.figures
    ]
    mentions = [
        ArticleMention(mention_id=ids.mention_id(article_id, m.start, m.end, m.type), article_id=article_id,
                       source_id=source.id, extractor_version=EXTRACTOR_VERSION, mention=m)
        for m in found.mentions
    ]
    return article, figures, mentions


def process_pages(source: Source, items: Sequence[tuple[FeedEntry, RawDocument | None]],
                  pool: PagePool | None = None) -> list[Processed]:
    """:func:`process_entry` for every (entry, page) of ``items``, in their order; across ``pool``'s
    processes when the batch is large enough for it, else in this process. The results are the same."""
    if pool is None or (executor := pool.executor_for(len(items))) is None:
        return [process_entry(source, entry, page) for entry, page in items]
    entries, pages = [entry for entry, _ in items], [page for _, page in items]
    chunk = max(1, len(items) // (4 * pool.workers))
    return list(executor.map(process_entry, repeat(source), entries, pages, chunksize=chunk))


class PagePool:
    """Worker processes for :func:`process_pages`, started on the first batch that needs them and
    reused by every later batch until :meth:`close`. Use as a context manager.

    Workers come from a fork server that has already imported the page path, so none of them runs
    the caller's ``__main__`` or inherits its threads (forking a process with threads can copy a
    lock some thread held). ``workers`` <= 1 never starts a process.
    """

    def __init__(self, workers: int | None = None) -> None:
        self.workers = max(1, workers if workers is not None else (os.cpu_count() or 1))
        self._executor: Executor | None = None

    def executor_for(self, pages: int) -> Executor | None:
        """The pool's executor when ``pages`` are worth spreading over it, else None."""
        if self.workers <= 1 or pages < 2 * MIN_PAGES_PER_WORKER:
            return None
        if self._executor is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["newsmon.process"])
            self._executor = ProcessPoolExecutor(self.workers, mp_context=context)
        return self._executor

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown()
            self._executor = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
