"""Linking syndicated copies across sources and days, through a real store on disk."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pyarrow.parquet as pq

from newsmon import dedup, ids
from newsmon.config import Settings
from newsmon.linking import link_day
from newsmon.store.files import open_store

STORY = (
    "Detectives in the river port of Calder arrested nine people on Tuesday after a six-month inquiry "
    "into a ring that stole catalytic converters from parked vans across three counties. Officers "
    "searched four addresses at dawn and recovered more than two hundred converters, cash and a "
    "cutting tool. The suspects, aged between nineteen and fifty-two, were held for questioning and "
    "are expected to appear before magistrates later this week, a police spokeswoman said."
)
OTHER = (
    "A court in Marlow fined a haulage firm for falsifying the driving records of its lorry drivers over "
    "two years. Inspectors found that drivers had worked far beyond the legal limits on long routes to "
    "the coast. The company admitted the offences and agreed to install new tachograph checks, and the "
    "judge said the safety of other road users had been put at serious risk by the practice."
)
DAY = date(2025, 5, 20)


def _article(source: str, slug: str, text: str, published: datetime) -> dict[str, object]:
    url = f"https://{source}.example.org/{slug}"
    return {
        "article_id": ids.article_id(url), "source_id": source, "entry_id": slug, "url": url,
        "canonical_url": url, "title": slug, "author": None, "published_at": published, "language": "en",
        "text": text, "text_sha1": ids.text_sha1(text), "status": "extracted", "skip_reason": None,
        "extractor_version": "test", "simhash": dedup.simhash(text), "word_count": len(dedup.tokenize(text)),
    }


def test_copies_across_sources_and_days_share_the_first_members_id(tmp_path: Path) -> None:
    settings = Settings(data_root=str(tmp_path / "data"), duplicate_window_days=7)
    store = open_store(settings.data_root)
    first = datetime(2025, 5, 18, 9, tzinfo=UTC)
    original = _article("wire", "calder-raid", STORY, first)
    too_old = _article("archive", "calder-raid-2024", STORY, first - timedelta(days=30))
    store.write_partition("articles", date(2025, 4, 18), "archive", [too_old])
    store.write_partition("articles", date(2025, 5, 18), "wire", [original])
    exact = _article("herald", "ring-held", STORY, first + timedelta(days=2))
    near = _article("gazette", "converters", "CALDER (Gazette) - " + STORY,
                    first + timedelta(days=2, hours=3))
    unrelated = _article("gazette", "haulage-fine", OTHER, first + timedelta(days=2))
    store.write_partition("articles", DAY, "herald", [exact])
    store.write_partition("articles", DAY, "gazette", [near, unrelated])

    summary = link_day(DAY, open_store(settings.data_root), settings.duplicate_window_days)

    leaf = tmp_path / "data" / "duplicates" / f"dt={DAY}" / "part-_all.parquet"
    rows = {r["article_id"]: r for r in pq.read_table(leaf).to_pylist()}
    assert set(rows) == {exact["article_id"], near["article_id"], unrelated["article_id"]}
    assert rows[exact["article_id"]]["cluster_id"] == original["article_id"]
    assert (rows[exact["article_id"]]["relation"], rows[exact["article_id"]]["distance"]) == ("exact", 0)
    assert rows[near["article_id"]]["cluster_id"] == original["article_id"]
    assert rows[near["article_id"]]["relation"] == "near"
    assert 0 < rows[near["article_id"]]["distance"] <= dedup.MAX_DISTANCE
    assert rows[exact["article_id"]]["cluster_size"] == 3         # the 30-day-old copy is outside the window
    assert rows[unrelated["article_id"]]["cluster_id"] == unrelated["article_id"]
    assert rows[unrelated["article_id"]]["relation"] == "original"
    assert all(r["window_start"] == date(2025, 5, 14) for r in rows.values())
    assert summary == {"day": "2025-05-20", "articles": 3, "exact_copies": 1, "near_copies": 1,
                       "clusters_with_copies": 1}

    before = leaf.read_bytes()
    link_day(DAY, open_store(settings.data_root), settings.duplicate_window_days)
    assert leaf.read_bytes() == before                             # relinking gives the same bytes


def test_a_day_without_articles_gets_an_empty_leaf(tmp_path: Path) -> None:
    settings = Settings(data_root=str(tmp_path / "data"))
    assert link_day(DAY, open_store(settings.data_root), settings.duplicate_window_days)["articles"] == 0
    assert pq.read_table(tmp_path / "data" / "duplicates" / f"dt={DAY}" / "part-_all.parquet").num_rows == 0


def test_articles_written_before_simhash_existed_are_matched_exactly(tmp_path: Path) -> None:
    """Leaves from before the simhash column read it as null: such rows still match on text_sha1."""
    settings = Settings(data_root=str(tmp_path / "data"))
    store = open_store(settings.data_root)
    old = {**_article("wire", "a", STORY, datetime(2025, 5, 19, tzinfo=UTC)), "simhash": None, "word_count": None}
    store.write_partition("articles", DAY - timedelta(days=1), "wire", [old])
    copy = _article("herald", "b", STORY, datetime(2025, 5, 20, tzinfo=UTC))
    store.write_partition("articles", DAY, "herald", [copy])
    link_day(DAY, open_store(settings.data_root), settings.duplicate_window_days)
    row = pq.read_table(tmp_path / "data" / "duplicates" / f"dt={DAY}" / "part-_all.parquet").to_pylist()[0]
    assert (row["cluster_id"], row["relation"]) == (old["article_id"], "exact")


def test_two_sources_carrying_one_url_get_a_row_each(tmp_path: Path) -> None:
    settings = Settings(data_root=str(tmp_path / "data"))
    store = open_store(settings.data_root)
    published = datetime(2025, 5, 20, 9, tzinfo=UTC)
    ours = _article("wire", "calder-raid", STORY, published)
    theirs = {**ours, "source_id": "aggregator", "published_at": published + timedelta(hours=1)}   # same URL: same id
    store.write_partition("articles", DAY, "wire", [ours])
    store.write_partition("articles", DAY, "aggregator", [theirs])

    link_day(DAY, open_store(settings.data_root), settings.duplicate_window_days)

    leaf = tmp_path / "data" / "duplicates" / f"dt={DAY}" / "part-_all.parquet"
    rows = sorted((r["source_id"], r["article_id"], r["relation"], r["cluster_size"])
                  for r in pq.read_table(leaf).to_pylist())
    assert rows == [("aggregator", ours["article_id"], "exact", 2), ("wire", ours["article_id"], "original", 2)]
