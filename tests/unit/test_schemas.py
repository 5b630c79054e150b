from __future__ import annotations

from dataclasses import fields
from datetime import date

from newsmon.models import Article, ArticleFigure, ArticleMention, Figure, Mention, RawDocument
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


def test_the_figure_and_mention_rows_have_the_columns_of_their_tables_in_order() -> None:
    figure = Figure(action="arrest", measure="count", unit="person", value=3.0, value_max=None, bound="exact",
                    currency=None, crime=None, crime_category=None, period_start=date(2025, 1, 1),
                    period_end=None, location=None, country=None, agency=None, quote="3 people", start=10,
                    end=18, sentence="Police arrested 3 people.", sentence_start=0, sentence_end=25,
                    confidence=0.9)
    mention = Mention(type="LOC", name="Kelvane", text="Kelvane", start=0, end=7, entity_id=None)
    figure_row = ArticleFigure("f1", "a1", "s1", "0.4.0", "k1", figure).as_row()
    mention_row = ArticleMention("m1", "a1", "s1", "0.4.0", mention).as_row()
    assert list(figure_row) == schemas.FIGURES.names and list(mention_row) == schemas.ENTITIES.names
    assert (figure_row["figure_id"], figure_row["statistic_key"], figure_row["period_start"]) == ("f1", "k1",
                                                                                                   date(2025, 1, 1))
    assert (mention_row["mention_id"], mention_row["name"], mention_row["extractor_version"]) == ("m1", "Kelvane",
                                                                                                  "0.4.0")
