"""One entry's page -> its article row, figure rows and mention rows. Pure: no I/O."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, replace
from datetime import UTC, datetime, time
from typing import Any

from newsmon import dedup, ids
from newsmon.charsets import decode_html
from newsmon.clean import clean_article
from newsmon.extractor import EXTRACTOR_VERSION, extract
from newsmon.models import Article, FeedEntry, Source

Rows = list[dict[str, Any]]


def process_entry(source: Source, entry: FeedEntry, page: Mapping[str, Any] | None,
                   ) -> tuple[Article, list[dict[str, Any]], list[dict[str, Any]]]:
    """Clean and extract one entry's page. Never raises for a bad page: the reason goes on the row."""
    article_id = ids.article_id(entry.url)
    article = Article(
        article_id=article_id, source_id=source.id, entry_id=entry.entry_id, url=entry.url,
        canonical_url=ids.canonical_url(entry.url), title=entry.title, author=None,
        published_at=entry.published_at, language=source.language, text=None, text_sha1=None,
        status="failed", skip_reason=page["error"] if page else "page not in stored raw data",
        extractor_version=EXTRACTOR_VERSION,
    )
    if page is None or page["error"]:
        return article, [], []
    media_type = (page["content_type"] or "").split(";", 1)[0].strip().lower()
    if media_type and not media_type.startswith("text/") and "html" not in media_type and "xml" not in media_type:
        return replace(article, status="skipped", skip_reason=f"not a web page ({media_type})"), [], []
    cleaned = clean_article(decode_html(page["body"], page["content_type"]).text, page["final_url"])
    published_at = entry.published_at
    if published_at is None and cleaned.published is not None:
        published_at = datetime.combine(cleaned.published, time.min, tzinfo=UTC)
    article = replace(
        article, title=entry.title or cleaned.title, author=cleaned.author, published_at=published_at,
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
    common = {"article_id": article_id, "source_id": source.id, "extractor_version": EXTRACTOR_VERSION}
    figures = [
        {"figure_id": ids.figure_id(article_id, f.start, f.end, f.action, f.measure), **common, **asdict(f),
         "statistic_key": ids.statistic_key(f.action, f.measure, f.unit, f.currency, f.value, f.value_max,
                                            f.period_start, f.period_end, published)}
        for f in found.figures
    ]
    mentions = [
        {"mention_id": ids.mention_id(article_id, m.start, m.end, m.type), **common, **asdict(m)}
        for m in found.mentions
    ]
    return article, figures, mentions
