from __future__ import annotations

from dataclasses import fields

from newsmon.models import Article, Figure, Mention, RawDocument
from newsmon.store import schemas


def _names(record: type) -> list[str]:
    return [f.name for f in fields(record)]


def test_articles_schema_matches_the_article_record() -> None:
    assert _names(Article) == schemas.ARTICLES.names


def test_raw_schema_matches_the_raw_record() -> None:
    assert _names(RawDocument) == schemas.RAW.names


def test_figures_schema_is_ids_plus_the_figure_record_plus_version() -> None:
    assert schemas.FIGURES.names == ["figure_id", "article_id", "source_id", *_names(Figure), "statistic_key",
                                     "extractor_version"]


def test_entities_schema_is_ids_plus_the_mention_record_plus_version() -> None:
    assert schemas.ENTITIES.names == ["mention_id", "article_id", "source_id", *_names(Mention), "extractor_version"]


def test_figures_schema_carries_every_gold_field() -> None:
    gold_fields = {"action", "measure", "unit", "value", "value_max", "bound", "currency", "crime",
                   "crime_category", "period_start", "period_end", "location", "country", "agency", "quote"}
    assert gold_fields <= set(schemas.FIGURES.names)


def test_no_table_stores_the_partition_key() -> None:
    assert all("dt" not in schema.names for schema in schemas.TABLES.values())


def test_reports_schema_is_the_source_report_less_its_partition_key() -> None:
    from newsmon.store.reports import SourceReport

    assert [n for n in _names(SourceReport) if n != "day"] == schemas.REPORTS.names
