"""Link syndicated copies: after every source of a day has run, give each of the day's articles
the cluster of copies it belongs to, across sources and the days of the window.

Reads a few columns of ``articles`` for the window [D - window + 1, D] and replaces the
``duplicates`` leaf of D (``duplicates/dt=D/part-_all.parquet``). Nothing is dropped: copies stay
in ``articles``, and ``duplicates`` says which cluster each belongs to (``cluster_id`` is the
article id of the cluster's first member). The result depends only on the stored articles, so
relinking a day gives the same bytes.
"""
from __future__ import annotations

import logging
from dataclasses import asdict
from datetime import date, timedelta
from typing import Any

from newsmon.dedup import EXACT, NEAR, Signature, link
from newsmon.store.files import Store
from newsmon.store.readers import read_day

log = logging.getLogger(__name__)

LEAF = "_all"               # the day's one leaf; "_all" can never be a source id (ids start with [a-z0-9])
_COLUMNS = ["article_id", "source_id", "published_at", "text_sha1", "simhash", "word_count"]


def link_day(day: date, store: Store, window_days: int) -> dict[str, Any]:
    """Link the articles of ``day`` against those of the ``window_days`` days that end with it;
    returns counts for logs and XCom."""
    start = day - timedelta(days=window_days - 1)
    # Read and write under one lock: of two overlapping linkings of a day, the one that writes
    # last also read last, so it saw every article the other saw.
    with store.lock(f"duplicates/{day.isoformat()}"):
        signatures, targets = _signatures(store, start, day)
        links = link(signatures, targets)
        rows = [{**{k: v for k, v in asdict(one).items() if k != "day"}, "window_start": start} for one in links]
        store.write_partition("duplicates", day, LEAF, rows)
    summary = {
        "day": day.isoformat(), "articles": len(rows),
        "exact_copies": sum(r["relation"] == EXACT for r in rows),
        "near_copies": sum(r["relation"] == NEAR for r in rows),
        "clusters_with_copies": len({r["cluster_id"] for r in rows if r["cluster_size"] > 1}),
    }
    log.info("duplicates of %s: %s", day, summary)
    return summary


def _signatures(store: Store, start: date, day: date) -> tuple[list[Signature], set[tuple[str, str]]]:
    """Signatures of every article from ``start`` to ``day``, and the (source, article) of ``day``'s own."""
    signatures: list[Signature] = []
    targets: set[tuple[str, str]] = set()
    for offset in range((day - start).days + 1):
        current = start + timedelta(days=offset)
        for row in read_day(store, "articles", current, columns=_COLUMNS).to_pylist():
            signatures.append(Signature(
                article_id=row["article_id"], source_id=row["source_id"], day=current,
                published_at=row["published_at"], text_sha1=row["text_sha1"], simhash=row["simhash"],
                tokens=row["word_count"] or 0,
            ))
            if current == day:
                targets.add((row["source_id"], row["article_id"]))
    return signatures, targets
