"""Read the tables as committed: every (source, day) at one version of all its leaves.

Plain globs over ``<root>/<table>/dt=*/*.parquet`` read the published leaves, each file whole,
but while a build of a (source, day) publishes, or after one was killed while publishing, its
leaves can be of two versions until the next run of it finishes publishing. The helpers here
read each (source, day) at the version its manifest commits (see :mod:`newsmon.store.commits`), from
the staged file where a leaf is not published yet, so they never see a mix::

    from newsmon.store.readers import open_snapshot, read_table
    figures = read_table("data", "figures")                  # every day, with a ``dt`` column
    snapshot = open_snapshot("data")                         # several tables, one version
    articles, figures = snapshot.read("articles"), snapshot.read("figures")

Leaves without a manifest (written before manifests existed) are read as they are. Tables that
are not part of a commit (``reports``, ``duplicates``) are single-writer leaves, read as they are.
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from newsmon.errors import InconsistentDataError
from newsmon.store.commits import DATA_TABLES, Manifest, manifests_of_day, read_manifest
from newsmon.store.files import DIGEST_KEY, Store, open_store
from newsmon.store.schemas import TABLES

__all__ = ["Snapshot", "count_day_rows", "open_snapshot", "read_day", "read_table"]

_ATTEMPTS = 3       # fresh snapshots tried by read_day when commits land while it reads


class _Superseded(InconsistentDataError):
    """A pinned version was replaced by a newer commit while it was being read."""


class Snapshot:
    """A view of a data root that pins, per day, the manifests it reads first: every table read
    through one Snapshot shows the same version of each (source, day). Raises
    InconsistentDataError when a pinned version is no longer stored (a newer commit replaced it
    while the snapshot was open): open a new snapshot then."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._pinned: dict[date, dict[str, Manifest]] = {}

    def days(self, table: str) -> list[date]:
        """The days that have a folder in ``table``, oldest first."""
        selector = pafs.FileSelector(f"{self.store.root}/{table}", allow_not_found=True)
        days = []
        for info in self.store.fs.get_file_info(selector):
            if info.type == pafs.FileType.Directory and info.base_name.startswith("dt="):
                try:
                    days.append(date.fromisoformat(info.base_name[3:]))
                except ValueError:
                    continue
        return sorted(days)

    def read(self, table: str, *, first: date | None = None, last: date | None = None,
             columns: Sequence[str] | None = None) -> pa.Table:
        """Rows of ``table`` for the days from ``first`` to ``last`` (both included, default all),
        with a ``dt`` column (date32) as hive readers add it."""
        parts = []
        for day in self.days(table):
            if (first and day < first) or (last and day > last):
                continue
            rows = self.read_day(table, day, columns)
            parts.append(rows.append_column("dt", pa.array([day] * rows.num_rows, pa.date32())))
        if parts:
            return pa.concat_tables(parts)
        empty = _empty(table, columns)
        return empty.append_column("dt", pa.array([], pa.date32()))

    def read_day(self, table: str, day: date, columns: Sequence[str] | None = None) -> pa.Table:
        """Every source's rows of (table, day), by source id; empty, with the table's schema, when none."""
        manifests = self._manifests(table, day)
        sources = sorted(set(manifests) | set(_leaf_sources(self.store, table, day)))
        cols = list(columns) if columns is not None else None
        parts = [self._read_committed(table, day, s, manifests[s], cols) if s in manifests
                 else self._read_plain(table, day, s, cols) for s in sources]
        parts = [p for p in parts if p is not None]
        return pa.concat_tables(parts) if parts else _empty(table, columns)

    def count_rows(self, table: str, day: date) -> int:
        """Rows of (table, day): from the manifests, and from the footers of leaves without one."""
        manifests = self._manifests(table, day)
        total = sum(m.rows[table] for m in manifests.values())
        for source in _leaf_sources(self.store, table, day):
            if source not in manifests:
                path = self.store.leaf(table, day, source)
                total += int(pq.read_metadata(path, filesystem=self.store.fs).num_rows)
        return total

    def _manifests(self, table: str, day: date) -> dict[str, Manifest]:
        if table not in DATA_TABLES:
            return {}
        if day not in self._pinned:
            self._pinned[day] = manifests_of_day(self.store, day)
        return self._pinned[day]

    def _read_plain(self, table: str, day: date, source: str, columns: list[str] | None) -> pa.Table | None:
        try:
            return pq.read_table(self.store.leaf(table, day, source), filesystem=self.store.fs,
                                 schema=TABLES[table], columns=columns)
        except FileNotFoundError:
            return None

    def _read_committed(self, table: str, day: date, source: str, manifest: Manifest,
                        columns: list[str] | None) -> pa.Table:
        digest = manifest.digests[table]
        leaf = self.store.leaf(table, day, source)
        # The leaf, else its staged file; the leaf again, as it may have been published meanwhile.
        for path in (leaf, self.store.staged_path(table, day, source, digest), leaf):
            found = _read_if_digest(self.store, path, digest, table, columns)
            if found is not None:
                return found
        if read_manifest(self.store, day, source) != manifest:
            raise _Superseded(f"source {source} day {day}: a newer build was committed while reading {table}; "
                              "open a new snapshot")
        raise InconsistentDataError(f"source {source} day {day}: the committed {table} leaf is missing; "
                                    "the next run of that day rebuilds it")


def _read_if_digest(store: Store, path: str, digest: str, table: str,
                    columns: list[str] | None) -> pa.Table | None:
    """The rows of ``path`` if its footer records ``digest``, else None. The file is read in one
    request, so that it cannot change between its footer and its rows (object stores too)."""
    try:
        with store.fs.open_input_stream(path) as stream:
            buffer = stream.read_buffer()
        meta = pq.ParquetFile(pa.BufferReader(buffer)).metadata.metadata or {}
    except (FileNotFoundError, pa.ArrowInvalid):
        return None
    if meta.get(DIGEST_KEY) != digest.encode("ascii"):
        return None
    return pq.read_table(pa.BufferReader(buffer), schema=TABLES[table], columns=columns)


def _leaf_sources(store: Store, table: str, day: date) -> list[str]:
    """Source ids of the published leaves of (table, day); hidden files left out."""
    folder = f"{store.root}/{table}/dt={day.isoformat()}"
    names = [i.base_name for i in store.fs.get_file_info(pafs.FileSelector(folder, allow_not_found=True))
             if i.type == pafs.FileType.File]
    return sorted(n[len("part-"):-len(".parquet")] for n in names
                  if n.startswith("part-") and n.endswith(".parquet"))


def _empty(table: str, columns: Sequence[str] | None) -> pa.Table:
    empty = TABLES[table].empty_table()
    return empty.select(list(columns)) if columns is not None else empty


def open_snapshot(root: str) -> Snapshot:
    """A snapshot of the data root ``root`` (a local path or a URI such as ``s3://bucket/prefix``)."""
    return Snapshot(open_store(root))


def read_table(root: str, table: str, *, first: date | None = None, last: date | None = None,
               columns: Sequence[str] | None = None) -> pa.Table:
    """Rows of ``table`` under ``root`` as committed, with a ``dt`` column; see :meth:`Snapshot.read`."""
    return open_snapshot(root).read(table, first=first, last=last, columns=columns)


def read_day(store: Store, table: str, day: date, columns: Sequence[str] | None = None) -> pa.Table:
    """Every source's committed rows of (table, day), from a fresh snapshot; retried when a newer
    build is committed while reading."""
    for attempt in range(_ATTEMPTS):
        try:
            return Snapshot(store).read_day(table, day, columns)
        except _Superseded:
            if attempt == _ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def count_day_rows(store: Store, table: str, day: date) -> int:
    """Rows of (table, day) as committed, without reading any rows."""
    return Snapshot(store).count_rows(table, day)
