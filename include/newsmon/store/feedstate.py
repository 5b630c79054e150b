"""What newsmon remembers about each feed between runs, for conditional GET.

``<root>/state/feeds/<source>.json`` holds the validators (ETag, Last-Modified) of the feed's last
answer and where its snapshot is stored (the sha256 of its bytes and the day whose ``raw`` leaf
holds them). A ``304 Not Modified`` has no body, so that stored snapshot stands in for it.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date

from newsmon.models import RawDocument, Source
from newsmon.store.files import Store


def _path(source: Source) -> str:
    return f"state/feeds/{source.id}.json"


def previous_snapshot(store: Store, source: Source) -> RawDocument | None:
    """The stored raw document of the feed's last snapshot, carrying the last answer's validators;
    None when there is none (or it is gone), so that the feed is fetched unconditionally."""
    state = store.read_json(_path(source))
    if not state or state.get("url") != source.url:
        return None
    for row in store.read_partition("raw", date.fromisoformat(state["stored_in"]), source.id):
        if row["kind"] == "feed" and row["url"] == source.url and row["sha256"] == state["sha256"]:
            return replace(RawDocument(**row), etag=state["etag"], last_modified=state["last_modified"])
    return None


def remember(store: Store, source: Source, snapshot: RawDocument, day: date) -> None:
    """Keep the validators of ``snapshot`` (the one just stored for ``day``, or the one it repeats)."""
    with store.lock(f"{source.id}/feed-state"):
        store.sweep_json(_path(source))     # what a writer killed here left behind
        known = store.read_json(_path(source))
        same_bytes = bool(known) and known.get("sha256") == snapshot.sha256
        if same_bytes and known.get("etag") == snapshot.etag and known.get("last_modified") == snapshot.last_modified:
            return
        store.write_json(_path(source), {
            "url": source.url, "etag": snapshot.etag, "last_modified": snapshot.last_modified,
            "sha256": snapshot.sha256, "stored_in": known["stored_in"] if same_bytes else day.isoformat(),
        })
