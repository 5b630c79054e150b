"""What the commit protocol costs per (source, day), against writing the four leaves one by one.

    PYTHONPATH=include .venv/bin/python benchmarks/commit_overhead.py [--repeat 5] [--sizes 10,100,500]

Rows are built from the press releases of ``../shared/corpora/prosecutors`` (the page text as the raw
body and as the article text, with 3 figure and 10 entity rows per article), or from a generated text
when the corpus is absent. For each size (articles in one source's day) it prints the median over
``--repeat`` runs, in milliseconds, of:

- ``plain``: the four leaves written with ``Store.write_partition`` (temporary file, then rename), as
  before commits existed;
- ``commit``: :func:`newsmon.store.commits.commit` of new rows (digests, staged files, manifest, moves);
- ``again``: the same rows committed again (digests and footers only; nothing is written);
- ``settle``: :func:`newsmon.store.commits.settle` of a committed day (what every run does first);
- ``read`` / ``read plain``: the four tables of the day through :func:`newsmon.store.readers.read_day`, and
  with ``pyarrow.parquet.read_table`` of each leaf.
"""
from __future__ import annotations

import argparse
import gzip
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from newsmon.store import commits
from newsmon.store.files import open_store
from newsmon.store.readers import read_day
from newsmon.store.schemas import TABLES

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "prosecutors" / "us_county_prosecutors_all.jsonl.gz"
DAY = date(2025, 3, 10)
AT = datetime(2025, 3, 10, 9, tzinfo=UTC)


def _texts(count: int) -> list[str]:
    if not CORPUS.is_file():
        print(f"({CORPUS} is absent: using a generated text)")
        return [f"Police arrested {n} people in a raid. " * 60 for n in range(count)]
    texts = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as lines:
        for line in lines:
            texts.append(json.loads(line)["text"])
            if len(texts) == count:
                break
    return texts


def _tables(texts: list[str], salt: str) -> dict[str, list[dict[str, Any]]]:
    raw, articles, figures, entities = [], [], [], []
    for n, text in enumerate(texts):
        url, aid = f"https://da.example.org/{salt}/{n}", f"{salt}-{n:06d}"
        body = f"<html><body><article><p>{text}</p></article></body></html>".encode()
        raw.append({"source_id": "da", "kind": "page", "url": url, "final_url": url, "status": 200,
                    "content_type": "text/html", "etag": None, "last_modified": None, "fetched_at": AT,
                    "sha256": f"{salt}{n}", "body": body, "error": None})
        articles.append({"article_id": aid, "source_id": "da", "entry_id": url, "url": url, "canonical_url": url,
                         "title": text[:60], "author": None, "published_at": AT, "language": "en", "text": text,
                         "text_sha1": None, "status": "extracted", "skip_reason": None, "extractor_version": "b",
                         "simhash": n, "word_count": len(text.split())})
        for k in range(3):
            figures.append({"figure_id": f"{aid}-f{k}", "article_id": aid, "source_id": "da", "action": "arrest",
                            "measure": "count", "unit": "person", "value": float(k + 1), "value_max": None,
                            "bound": "exact", "currency": None, "crime": "fraud", "crime_category": "fraud",
                            "period_start": None, "period_end": None, "location": "Orange County", "country": "US",
                            "agency": "District Attorney", "quote": text[:10], "start": 0, "end": 10,
                            "sentence": text[:200], "sentence_start": 0, "sentence_end": 200, "confidence": 0.9,
                            "extractor_version": "b", "statistic_key": f"k{k}"})
        for k in range(10):
            entities.append({"mention_id": f"{aid}-m{k}", "article_id": aid, "source_id": "da", "type": "ORG",
                             "name": f"Agency {k}", "text": f"Agency {k}", "start": k, "end": k + 8,
                             "entity_id": None, "extractor_version": "b"})
    return {"raw": raw, "articles": articles, "figures": _fit("figures", figures),
            "entities": _fit("entities", entities)}


def _fit(table: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows with exactly the columns of the table's schema (missing ones null)."""
    names = TABLES[table].names
    return [{name: row.get(name) for name in names} for row in rows]


def _median_ms(action: Callable[[int], None], repeat: int) -> float:
    times = []
    for run in range(repeat):
        started = time.perf_counter()
        action(run)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def _measure(size: int, repeat: int, root: Path) -> dict[str, float]:
    texts = _texts(size)
    versions = [_tables(texts, f"v{run}") for run in range(repeat + 1)]
    plain_store, store = open_store(str(root / f"plain-{size}")), open_store(str(root / f"commit-{size}"))

    def plain(run: int) -> None:
        for table in commits.DATA_TABLES:
            plain_store.write_partition(table, DAY, "da", versions[run][table])

    def commit(run: int) -> None:
        commits.commit(store, DAY, "da", versions[run + 1])

    def read_plain(run: int) -> None:
        for table in commits.DATA_TABLES:
            pq.read_table(store.leaf(table, DAY, "da"))

    commits.commit(store, DAY, "da", versions[0])
    figures = {"plain": _median_ms(plain, repeat), "commit": _median_ms(commit, repeat),
               "again": _median_ms(lambda run: commits.commit(store, DAY, "da", versions[repeat]), repeat),
               "settle": _median_ms(lambda run: commits.settle(store, DAY, "da") and None, repeat),
               "read": _median_ms(lambda run: [read_day(store, t, DAY) for t in commits.DATA_TABLES], repeat),
               "read plain": _median_ms(read_plain, repeat)}
    figures["MiB"] = sum(Path(store.leaf(t, DAY, "da")).stat().st_size for t in commits.DATA_TABLES) / 2 ** 20
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sizes", default="10,100,500")
    args = parser.parse_args()
    columns = ("plain", "commit", "again", "settle", "read", "read plain")
    print(f"medians of {args.repeat} runs, ms; MiB = the four leaves on disk")
    print(f"{'articles':>8}  {'MiB':>6}  " + "  ".join(f"{c:>10}" for c in columns))
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            got = _measure(size, args.repeat, Path(tmp))
            print(f"{size:>8}  {got['MiB']:>6.2f}  " + "  ".join(f"{got[c]:>10.1f}" for c in columns))


if __name__ == "__main__":
    main()
