"""Day-partitioned Parquet tables under a data root (a local folder or an object-store URI).

Layout: ``<root>/<table>/dt=YYYY-MM-DD/part-<source_id>.parquet``. Each (table, day, source)
leaf is replaced in one step: the rows go to a hidden temporary file that is then renamed over
the leaf, so readers see the old leaf or the new one, never half of one. Readers skip the
temporary files: their names start with a dot and do not end in ``.parquet``.
"""
from __future__ import annotations

import fcntl
import json
import logging
import os
import uuid
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from newsmon import failpoints
from newsmon.schemas import TABLES

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Store:
    """A data root. Build one with :func:`open_store`."""

    fs: pafs.FileSystem
    root: str                       # path inside ``fs``
    uri: str                        # as the user gave it, for messages

    def leaf(self, table: str, day: date, source_id: str) -> str:
        return f"{self.root}/{table}/dt={day.isoformat()}/part-{source_id}.parquet"

    def write_partition(self, table: str, day: date, source_id: str,
                        rows: Iterable[Mapping[str, Any]]) -> str:
        """Replace the leaf of (table, day, source) with ``rows``; an empty list writes an empty leaf."""
        schema = TABLES[table]
        data = pa.Table.from_pylist(list(rows), schema=schema)
        final = self.leaf(table, day, source_id)
        folder, name = final.rsplit("/", 1)
        self.fs.create_dir(folder, recursive=True)
        tmp = f"{folder}/.{name}.{uuid.uuid4().hex}.tmp"
        self._drop_stale_temporaries(folder, name)
        try:
            pq.write_table(data, tmp, filesystem=self.fs, compression="zstd")
            failpoints.reach(f"storage.before-rename:{table}")
            self.fs.move(tmp, final)
        except BaseException:
            _delete_quietly(self.fs, tmp)
            raise
        log.debug("wrote %d rows to %s", data.num_rows, final)
        return final

    def _drop_stale_temporaries(self, folder: str, name: str) -> None:
        """Remove what a killed writer of this leaf left behind. Callers hold the leaf's lock."""
        selector = pafs.FileSelector(folder, allow_not_found=True)
        for info in self.fs.get_file_info(selector):
            if info.base_name.startswith(f".{name}.") and info.base_name.endswith(".tmp"):
                _delete_quietly(self.fs, info.path)

    @contextmanager
    def lock(self, name: str) -> Iterator[None]:
        """Hold an exclusive lock for ``name`` (a leaf or a state file) across processes.

        Local data roots use ``flock`` on ``<root>/state/locks/<name>.lock``, which the kernel
        releases when a process dies, so a killed run never leaves a stale lock. Object stores
        have no such primitive: there, runs that may overlap must be serialised by the scheduler
        (one Airflow pool slot per source), and this lock is a no-op.
        """
        if not isinstance(self.fs, pafs.LocalFileSystem):
            yield
            return
        path = Path(self.root) / "state" / "locks" / f"{name}.lock"
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def read_partition(self, table: str, day: date, source_id: str,
                       columns: list[str] | None = None) -> list[dict[str, Any]]:
        """Rows of one leaf (only ``columns`` when given), or an empty list when it does not exist yet."""
        path = self.leaf(table, day, source_id)
        if self.fs.get_file_info(path).type != pafs.FileType.File:
            return []
        rows: list[dict[str, Any]] = pq.read_table(path, filesystem=self.fs, schema=TABLES[table],
                                                   columns=columns).to_pylist()
        return rows

    def count_rows(self, table: str, day: date, source_id: str) -> int:
        """Rows of one leaf from its Parquet footer; 0 when it does not exist yet."""
        path = self.leaf(table, day, source_id)
        if self.fs.get_file_info(path).type != pafs.FileType.File:
            return 0
        return int(pq.ParquetFile(self.fs.open_input_file(path)).metadata.num_rows)

    def read_json(self, relative: str) -> Any:
        path = f"{self.root}/{relative}"
        if self.fs.get_file_info(path).type != pafs.FileType.File:
            return None
        with self.fs.open_input_stream(path) as stream:
            return json.loads(stream.read().decode("utf-8"))

    def write_json(self, relative: str, value: Any) -> None:
        """Write a small JSON document atomically (same temp-then-rename rule as the tables)."""
        final = f"{self.root}/{relative}"
        folder, name = final.rsplit("/", 1)
        self.fs.create_dir(folder, recursive=True)
        tmp = f"{folder}/.{name}.{uuid.uuid4().hex}.tmp"
        payload = json.dumps(value, sort_keys=True, indent=1).encode("utf-8")
        try:
            with self.fs.open_output_stream(tmp) as stream:
                stream.write(payload)
            self.fs.move(tmp, final)
        except BaseException:
            _delete_quietly(self.fs, tmp)
            raise


def open_store(root: str) -> Store:
    """Open a data root: a local path (relative or absolute) or a URI such as ``s3://bucket/prefix``."""
    if "://" in root:
        fs, path = pafs.FileSystem.from_uri(root)
        return Store(fs=fs, root=path.rstrip("/"), uri=root)
    path = os.path.abspath(root)
    return Store(fs=pafs.LocalFileSystem(), root=path, uri=path)


def _delete_quietly(fs: pafs.FileSystem, path: str) -> None:
    try:
        fs.delete_file(path)
    except (OSError, FileNotFoundError):
        pass


def _day_files(store: Store, table: str, day: date) -> list[str]:
    """The leaf files of (table, day), temporary files left out."""
    folder = f"{store.root}/{table}/dt={day.isoformat()}"
    selector = pafs.FileSelector(folder, allow_not_found=True)
    return sorted(i.path for i in store.fs.get_file_info(selector)
                  if i.type == pafs.FileType.File and i.base_name.endswith(".parquet")
                  and not i.base_name.startswith("."))


def read_day(store: Store, table: str, day: date, columns: list[str] | None = None) -> pa.Table:
    """Every source's rows of (table, day) in one table, with only ``columns`` when given; empty,
    with the table's schema, when there are none."""
    schema = TABLES[table]
    parts = [pq.read_table(f, filesystem=store.fs, schema=schema, columns=columns)
             for f in _day_files(store, table, day)]
    if parts:
        return pa.concat_tables(parts)
    empty = schema.empty_table()
    return empty.select(columns) if columns else empty


def count_day_rows(store: Store, table: str, day: date) -> int:
    """Rows of (table, day), from the Parquet footers alone."""
    return sum(pq.ParquetFile(store.fs.open_input_file(f)).metadata.num_rows for f in _day_files(store, table, day))
