from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.dataset as ds
import pytest

from newsmon.store.files import open_store
from newsmon.store.readers import count_day_rows, read_day

DAY = date(2025, 1, 16)


def _raw(url: str) -> dict[str, object]:
    return {"source_id": "s1", "kind": "page", "url": url, "final_url": url, "status": 200,
            "content_type": "text/html", "etag": None, "last_modified": None,
            "fetched_at": datetime(2025, 1, 16, 9, tzinfo=UTC), "sha256": "00", "body": b"<p>x</p>",
            "error": None}


def test_write_partition_replaces_the_leaf_and_never_appends(tmp_path: Path) -> None:
    store = open_store(str(tmp_path))
    store.write_partition("raw", DAY, "s1", [_raw("http://a/1"), _raw("http://a/2")])
    first = Path(store.leaf("raw", DAY, "s1")).read_bytes()
    store.write_partition("raw", DAY, "s1", [_raw("http://a/1"), _raw("http://a/2")])
    assert Path(store.leaf("raw", DAY, "s1")).read_bytes() == first
    store.write_partition("raw", DAY, "s1", [_raw("http://a/3")])
    assert [r["url"] for r in store.read_partition("raw", DAY, "s1")] == ["http://a/3"]


def test_write_partition_uses_the_hive_layout_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    store = open_store(str(tmp_path))
    store.write_partition("raw", DAY, "s1", [_raw("http://a/1")])
    store.write_partition("raw", DAY, "s2", [])
    leaf_dir = tmp_path / "raw" / "dt=2025-01-16"
    assert sorted(p.name for p in leaf_dir.iterdir()) == ["part-s1.parquet", "part-s2.parquet"]
    dataset = ds.dataset(tmp_path / "raw", format="parquet", partitioning="hive")
    table = dataset.to_table()
    assert table.num_rows == 1 and str(table.column("dt")[0]) == "2025-01-16"
    assert read_day(store, "raw", DAY).column("url").to_pylist() == ["http://a/1"]
    assert read_day(store, "raw", date(2025, 1, 17)).num_rows == 0


def test_failed_write_keeps_the_previous_leaf(tmp_path: Path) -> None:
    store = open_store(str(tmp_path))
    store.write_partition("raw", DAY, "s1", [_raw("http://a/1")])
    broken = _raw("http://a/2")
    broken["status"] = "not a number"
    with pytest.raises((pa.ArrowInvalid, pa.ArrowTypeError)):
        store.write_partition("raw", DAY, "s1", [broken])
    assert [r["url"] for r in store.read_partition("raw", DAY, "s1")] == ["http://a/1"]
    assert [p.name for p in (tmp_path / "raw" / "dt=2025-01-16").iterdir()] == ["part-s1.parquet"]


def test_temporary_files_are_invisible_to_duckdb_globs(tmp_path: Path) -> None:
    store = open_store(str(tmp_path))
    store.write_partition("raw", DAY, "s1", [_raw("http://a/1")])
    (tmp_path / "raw" / "dt=2025-01-16" / ".part-s1.parquet.abc.tmp").write_bytes(b"half a file")
    rows = duckdb.sql(f"select count(*) from '{tmp_path}/raw/*/*.parquet'").fetchall()
    assert rows == [(1,)]


def test_read_partition_of_a_missing_leaf_is_empty(tmp_path: Path) -> None:
    assert open_store(str(tmp_path)).read_partition("articles", DAY, "nobody") == []


def test_json_state_round_trips(tmp_path: Path) -> None:
    store = open_store(str(tmp_path))
    assert store.read_json("state/x.json") is None
    store.write_json("state/x.json", {"b": 1, "a": [1, 2]})
    assert store.read_json("state/x.json") == {"a": [1, 2], "b": 1}


def test_count_day_rows_reads_the_footers_of_every_leaf(tmp_path: Path) -> None:
    store = open_store(str(tmp_path))
    store.write_partition("raw", DAY, "s1", [_raw("http://a/1"), _raw("http://a/2")])
    store.write_partition("raw", DAY, "s2", [_raw("http://a/3")])
    assert count_day_rows(store, "raw", DAY) == 3
    assert count_day_rows(store, "raw", date(2025, 1, 17)) == 0
