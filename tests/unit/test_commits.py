"""The commit protocol of a (source, day), on a local folder and on an in-memory filesystem that,
like an object store, has no locks and whose moves are not renames of the local kind."""
from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pyarrow.fs as pafs
import pytest

from newsmon.errors import InconsistentDataError
from newsmon.store import commits
from newsmon.store.files import Store, open_store
from newsmon.store.readers import Snapshot, read_day
from newsmon.store.reports import day_status

DAY = date(2025, 1, 16)


@pytest.fixture(params=["local", "memory"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "local":
        yield open_store(str(tmp_path / "data"))
    else:
        yield Store(fs=pafs._MockFileSystem(), root=f"bucket-{uuid.uuid4().hex[:8]}/data", uri="mock://bucket/data")


def _article(entry: str) -> dict[str, Any]:
    return {"article_id": f"id-{entry}", "source_id": "wire", "entry_id": entry, "url": f"https://w.test/{entry}",
            "canonical_url": f"https://w.test/{entry}", "title": entry, "author": None,
            "published_at": datetime(2025, 1, 16, 9, tzinfo=UTC), "language": "en", "text": f"text of {entry}",
            "text_sha1": None, "status": "extracted", "skip_reason": None, "extractor_version": "test",
            "simhash": 0, "word_count": 3}


def _raw(entry: str) -> dict[str, Any]:
    return {"source_id": "wire", "kind": "page", "url": f"https://w.test/{entry}", "final_url": f"https://w.test/{entry}",
            "status": 200, "content_type": "text/html", "etag": None, "last_modified": None,
            "fetched_at": datetime(2025, 1, 16, 10, tzinfo=UTC), "sha256": entry, "body": b"<p>x</p>", "error": None}


def _version(*entries: str) -> dict[str, list[dict[str, Any]]]:
    return {"raw": [_raw(e) for e in entries], "articles": [_article(e) for e in entries], "figures": [],
            "entities": []}


def _entries(store: Store, table: str = "articles") -> list[str]:
    rows = read_day(store, table, DAY).to_pylist()
    return sorted(r["entry_id"] if table == "articles" else r["sha256"] for r in rows)


def _plain_entries(store: Store) -> list[str]:
    """What a plain reader of the published articles leaf sees."""
    rows = store.read_partition("articles", DAY, "wire")
    return sorted(r["entry_id"] for r in rows)


def _hidden(store: Store) -> list[str]:
    found = store.fs.get_file_info(pafs.FileSelector(store.root, recursive=True))
    return sorted(store.relative(i.path) for i in found if i.base_name.startswith("."))


class _CutOff(Exception):
    """Stands for a process that died at this point."""


def _cut_after_moves(monkeypatch: pytest.MonkeyPatch, moves: int) -> None:
    """Make Store.move fail after ``moves`` moves, as a build killed while publishing."""
    done = [0]
    real = Store.move

    def move(self: Store, source: str, target: str) -> None:
        if done[0] == moves:
            raise _CutOff(target)
        done[0] += 1
        real(self, source, target)

    monkeypatch.setattr(Store, "move", move)


def test_commit_writes_every_leaf_with_its_digest_and_the_manifest_names_them(store: Store) -> None:
    manifest = commits.commit(store, DAY, "wire", _version("a", "b"))
    assert commits.read_manifest(store, DAY, "wire") == manifest
    assert manifest.rows == {"raw": 2, "articles": 2, "figures": 0, "entities": 0}
    for table in commits.DATA_TABLES:
        assert store.footer_digest(store.leaf(table, DAY, "wire")) == manifest.digests[table]
    assert commits.inspect(store, DAY, "wire").state == "committed"
    assert _entries(store) == _plain_entries(store) == ["a", "b"]
    assert _hidden(store) == []


def test_committing_the_same_rows_again_writes_nothing(store: Store, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    commits.commit(store, DAY, "wire", _version("a"))
    trace = tmp_path / "trace"
    monkeypatch.setenv("NEWSMON_FAILPOINT_TRACE", str(trace))
    commits.commit(store, DAY, "wire", _version("a"))
    assert not trace.exists()                   # no write, no move reached a failpoint
    commits.commit(store, DAY, "wire", {**_version("a"), "figures": []} | {"raw": [_raw("a"), _raw("z")]})
    assert trace.read_text().splitlines() == ["staged raw/dt=2025-01-16/part-wire.parquet",
                                              "wrote manifests/dt=2025-01-16/wire.json",
                                              "moved raw/dt=2025-01-16/part-wire.parquet"]


@pytest.mark.parametrize("moves", [0, 1])     # of the two leaves that change: raw and articles
def test_a_build_cut_off_while_publishing_is_read_at_its_new_version_and_settled_by_the_next_run(
        store: Store, monkeypatch: pytest.MonkeyPatch, moves: int) -> None:
    commits.commit(store, DAY, "wire", _version("a"))
    with monkeypatch.context() as patch:
        _cut_after_moves(patch, moves)
        with pytest.raises(_CutOff):
            commits.commit(store, DAY, "wire", _version("a", "late"))
    found = commits.inspect(store, DAY, "wire")
    assert found.state == "publishing" and found.pending == ("raw", "articles")[moves:]
    assert _entries(store) == ["a", "late"] and _entries(store, "raw") == ["a", "late"]   # the committed version
    assert day_status(store, DAY, ["wire"]).state == "inconsistent"

    settled = commits.settle(store, DAY, "wire")
    assert settled.state == "committed" and commits.inspect(store, DAY, "wire").state == "committed"
    assert _plain_entries(store) == ["a", "late"] and _hidden(store) == []


def test_a_build_cut_off_before_its_manifest_leaves_the_old_version_and_its_leftovers_are_swept(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    commits.commit(store, DAY, "wire", _version("a"))
    with monkeypatch.context() as patch:
        patch.setattr(Store, "write_json", lambda *args: (_ for _ in ()).throw(_CutOff("manifest")))
        with pytest.raises(_CutOff):
            commits.commit(store, DAY, "wire", _version("a", "late"))
    assert commits.inspect(store, DAY, "wire").state == "committed"
    assert _entries(store) == _plain_entries(store) == ["a"]
    assert len(_hidden(store)) == 2             # the staged raw and articles
    commits.commit(store, DAY, "other", {t: [] for t in commits.DATA_TABLES})
    assert len(_hidden(store)) == 2             # another source's build leaves them alone
    commits.settle(store, DAY, "wire")
    assert _hidden(store) == []


def test_a_committed_leaf_that_is_gone_makes_the_day_broken(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    commits.commit(store, DAY, "wire", _version("a"))
    with monkeypatch.context() as patch:
        _cut_after_moves(patch, 0)
        with pytest.raises(_CutOff):
            commits.commit(store, DAY, "wire", _version("a", "late"))
    manifest = commits.read_manifest(store, DAY, "wire")
    assert manifest is not None
    store.fs.delete_file(store.staged_path("articles", DAY, "wire", manifest.digests["articles"]))
    assert commits.inspect(store, DAY, "wire").lost == ("articles",)
    with pytest.raises(InconsistentDataError, match="committed articles leaf is missing"):
        read_day(store, "articles", DAY)
    assert commits.settle(store, DAY, "wire").state == "broken"
    assert _entries(store, "raw") == ["a", "late"]      # the rest was published


def test_leaves_without_a_manifest_are_unverified_and_read_as_they_are(store: Store) -> None:
    store.write_partition("articles", DAY, "wire", [_article("a")])
    assert commits.inspect(store, DAY, "wire").state == "unverified"
    assert commits.inspect(store, DAY, "nobody").state == "absent"
    assert _entries(store) == ["a"]


def test_a_snapshot_keeps_one_version_or_says_it_cannot(store: Store) -> None:
    commits.commit(store, DAY, "wire", _version("a"))
    snapshot = Snapshot(store)
    assert sorted(snapshot.read_day("articles", DAY).column("entry_id").to_pylist()) == ["a"]
    commits.commit(store, DAY, "wire", _version("a", "late"))
    with pytest.raises(InconsistentDataError, match="newer build was committed"):
        snapshot.read_day("raw", DAY)           # its version of raw is gone: never the new one with the old articles
    assert _entries(store) == ["a", "late"]     # a fresh read sees the new version

