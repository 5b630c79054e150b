"""The reader helpers: committed rows of many days, with a dt column, beside leaves without a manifest."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl

from newsmon.store import commits
from newsmon.store.files import open_store
from newsmon.store.readers import count_day_rows, read_table
from tests.unit.test_commits import _article, _raw, _version

DAYS = [date(2025, 1, 15), date(2025, 1, 16), date(2025, 1, 17)]


def test_read_table_reads_the_committed_rows_of_every_day_with_their_dt(tmp_path: Path) -> None:
    store = open_store(str(tmp_path))
    commits.commit(store, DAYS[0], "wire", _version("a"))
    commits.commit(store, DAYS[1], "wire", _version("b", "c"))
    store.write_partition("articles", DAYS[1], "legacy", [{**_article("old"), "source_id": "legacy"}])
    commits.commit(store, DAYS[2], "wire", _version("d"))

    table = read_table(str(tmp_path), "articles", columns=["source_id", "entry_id"])
    assert table.column_names == ["source_id", "entry_id", "dt"]
    assert sorted(zip(table.column("dt").to_pylist(), table.column("entry_id").to_pylist(), strict=True)) == [
        (DAYS[0], "a"), (DAYS[1], "b"), (DAYS[1], "c"), (DAYS[1], "old"), (DAYS[2], "d")]
    middle = read_table(str(tmp_path), "articles", first=DAYS[1], last=DAYS[1])
    assert middle.num_rows == count_day_rows(store, "articles", DAYS[1]) == 3
    assert pl.from_arrow(middle).height == 3       # the table goes on to polars (or DuckDB) as it is


def test_read_table_of_nothing_is_empty_with_the_schema(tmp_path: Path) -> None:
    empty = read_table(str(tmp_path), "figures")
    assert empty.num_rows == 0 and "figure_id" in empty.column_names and "dt" in empty.column_names


def test_raw_read_back_keeps_the_bytes(tmp_path: Path) -> None:
    store = open_store(str(tmp_path))
    commits.commit(store, DAYS[0], "wire", {**_version(), "raw": [_raw("a")]})
    assert read_table(str(tmp_path), "raw").column("body").to_pylist() == [b"<p>x</p>"]
