"""One pyarrow schema per table, declared once. Pure.

Every table is hive-partitioned by day: ``<root>/<table>/dt=YYYY-MM-DD/part-<source_id>.parquet``.
``dt`` lives in the path only, so it is not a column here.
"""
from __future__ import annotations

import pyarrow as pa

_TS = pa.timestamp("us", tz="UTC")

ARTICLES = pa.schema([
    pa.field("article_id", pa.string(), nullable=False),
    pa.field("source_id", pa.string(), nullable=False),
    pa.field("entry_id", pa.string(), nullable=False),
    pa.field("url", pa.string(), nullable=False),
    pa.field("canonical_url", pa.string(), nullable=False),
    pa.field("title", pa.string()),
    pa.field("author", pa.string()),
    pa.field("published_at", _TS),
    pa.field("language", pa.string()),
    pa.field("text", pa.string()),
    pa.field("text_sha1", pa.string()),
    pa.field("status", pa.string(), nullable=False),
    pa.field("skip_reason", pa.string()),
    pa.field("extractor_version", pa.string(), nullable=False),
    pa.field("simhash", pa.int64()),
    pa.field("word_count", pa.int32()),
])

FIGURES = pa.schema([
    pa.field("figure_id", pa.string(), nullable=False),
    pa.field("article_id", pa.string(), nullable=False),
    pa.field("source_id", pa.string(), nullable=False),
    pa.field("action", pa.string(), nullable=False),
    pa.field("measure", pa.string(), nullable=False),
    pa.field("unit", pa.string(), nullable=False),
    pa.field("value", pa.float64(), nullable=False),
    pa.field("value_max", pa.float64()),
    pa.field("bound", pa.string(), nullable=False),
    pa.field("currency", pa.string()),
    pa.field("crime", pa.string()),
    pa.field("crime_category", pa.string()),
    pa.field("period_start", pa.date32()),
    pa.field("period_end", pa.date32()),
    pa.field("location", pa.string()),
    pa.field("country", pa.string()),
    pa.field("agency", pa.string()),
    pa.field("quote", pa.string(), nullable=False),
    pa.field("start", pa.int32(), nullable=False),
    pa.field("end", pa.int32(), nullable=False),
    pa.field("sentence", pa.string(), nullable=False),
    pa.field("sentence_start", pa.int32(), nullable=False),
    pa.field("sentence_end", pa.int32(), nullable=False),
    pa.field("confidence", pa.float32(), nullable=False),
    pa.field("statistic_key", pa.string(), nullable=False),
    pa.field("extractor_version", pa.string(), nullable=False),
])

ENTITIES = pa.schema([
    pa.field("mention_id", pa.string(), nullable=False),
    pa.field("article_id", pa.string(), nullable=False),
    pa.field("source_id", pa.string(), nullable=False),
    pa.field("type", pa.string(), nullable=False),
    pa.field("name", pa.string(), nullable=False),
    pa.field("text", pa.string(), nullable=False),
    pa.field("start", pa.int32(), nullable=False),
    pa.field("end", pa.int32(), nullable=False),
    pa.field("entity_id", pa.string()),
    pa.field("extractor_version", pa.string(), nullable=False),
])

RAW = pa.schema([
    pa.field("source_id", pa.string(), nullable=False),
    pa.field("kind", pa.string(), nullable=False),
    pa.field("url", pa.string(), nullable=False),
    pa.field("final_url", pa.string(), nullable=False),
    pa.field("status", pa.int16(), nullable=False),
    pa.field("content_type", pa.string()),
    pa.field("etag", pa.string()),
    pa.field("last_modified", pa.string()),
    pa.field("fetched_at", _TS, nullable=False),
    pa.field("sha256", pa.string(), nullable=False),
    pa.field("body", pa.large_binary(), nullable=False),
    pa.field("error", pa.string()),
])

REPORTS = pa.schema([
    pa.field("source_id", pa.string(), nullable=False),
    pa.field("status", pa.string(), nullable=False),
    pa.field("error", pa.string()),
    pa.field("run_kind", pa.string(), nullable=False),
    pa.field("run_day", pa.date32()),
    pa.field("listing", pa.string()),
    pa.field("up_to_date", pa.bool_()),       # null in rows written before the column existed
    pa.field("entries_seen", pa.int32(), nullable=False),
    pa.field("entries_in_day", pa.int32(), nullable=False),
    pa.field("entries_new", pa.int32(), nullable=False),
    pa.field("entries_skipped", pa.int32()),
    pa.field("entry_skip_reasons", pa.string()),
    pa.field("pages_fetched", pa.int32(), nullable=False),
    pa.field("pages_reused", pa.int32(), nullable=False),
    pa.field("pages_failed", pa.int32(), nullable=False),
    pa.field("articles_extracted", pa.int32(), nullable=False),
    pa.field("articles_skipped", pa.int32(), nullable=False),
    pa.field("articles_failed", pa.int32(), nullable=False),
    pa.field("figures", pa.int32(), nullable=False),
    pa.field("mentions", pa.int32(), nullable=False),
    pa.field("skip_reasons", pa.string(), nullable=False),
    pa.field("reaches_back_to", pa.date32()),
    pa.field("started_at", _TS),
    pa.field("duration_s", pa.float64(), nullable=False),
    pa.field("extractor_version", pa.string()),
    pa.field("newsmon_version", pa.string()),
])

# One row per article of the day: the cluster of copies it belongs to, across sources and the
# days of the window. Written by newsmon.linking after every source of the day has run.
DUPLICATES = pa.schema([
    pa.field("article_id", pa.string(), nullable=False),
    pa.field("source_id", pa.string(), nullable=False),
    pa.field("cluster_id", pa.string(), nullable=False),
    pa.field("relation", pa.string(), nullable=False),
    pa.field("distance", pa.int32(), nullable=False),
    pa.field("cluster_size", pa.int32(), nullable=False),
    pa.field("window_start", pa.date32(), nullable=False),
])

TABLES: dict[str, pa.Schema] = {
    "articles": ARTICLES,
    "figures": FIGURES,
    "entities": ENTITIES,
    "raw": RAW,
    "reports": REPORTS,
    "duplicates": DUPLICATES,
}
