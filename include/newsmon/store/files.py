"""Day-partitioned Parquet tables under a data root (a local folder or an object-store URI): the
file operations. Which leaves belong together, and in what order they are replaced, is
:mod:`newsmon.store.commits`; consistent reading is :mod:`newsmon.store.readers`.

Layout: ``<root>/<table>/dt=YYYY-MM-DD/part-<source_id>.parquet``. A leaf is never written in
place: its rows go to a hidden file (a name that starts with a dot and does not end in
``.parquet``, so no reader's glob picks it up) that is then moved over the leaf, so a reader of
one file sees the old leaf or the new one, never half of one. Every completed write and move
reaches a failpoint named after it (see :mod:`newsmon.failpoints`).
"""
from __future__ import annotations

import fcntl
import hashlib
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
from newsmon.store.schemas import TABLES

log = logging.getLogger(__name__)

DIGEST_KEY = b"newsmon.digest"      # Parquet key-value metadata: sha256 of the leaf's rows (Arrow IPC)
_LEFTOVER_SUFFIXES = (".tmp", ".staged")


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
        data = pa.Table.from_pylist(list(rows), schema=TABLES[table])
        final = self.leaf(table, day, source_id)
        folder, name = final.rsplit("/", 1)
        self.fs.create_dir(folder, recursive=True)
        self.sweep(folder, name)
        tmp = f"{folder}/.{name}.{uuid.uuid4().hex}.tmp"
        try:
            pq.write_table(data, tmp, filesystem=self.fs, compression="zstd")
            self.fs.move(tmp, final)
        except BaseException:
            _delete_quietly(self.fs, tmp)
            raise
        log.debug("wrote %d rows to %s", data.num_rows, final)
        failpoints.reach(f"wrote {self.relative(final)}")
        return final

    def staged_path(self, table: str, day: date, source_id: str, digest: str) -> str:
        """Where the leaf of (table, day, source) with rows of ``digest`` waits to be published."""
        folder, name = self.leaf(table, day, source_id).rsplit("/", 1)
        return f"{folder}/.{name}.{digest[:16]}.staged"

    def write_staged(self, table: str, day: date, source_id: str, data: pa.Table, digest: str) -> str:
        """Write ``data``, whose rows have ``digest``, to the staged file of (table, day, source)
        with the digest in its footer; returns its path. A writer killed here leaves a file whose
        footer is missing or names no digest, so :meth:`footer_digest` never takes it for a
        finished one."""
        path = self.staged_path(table, day, source_id, digest)
        self.fs.create_dir(path.rsplit("/", 1)[0], recursive=True)
        stamped = data.replace_schema_metadata({DIGEST_KEY: digest.encode("ascii")})
        pq.write_table(stamped, path, filesystem=self.fs, compression="zstd")
        failpoints.reach(f"staged {self.relative(self.leaf(table, day, source_id))}")
        return path

    def move(self, source: str, target: str) -> None:
        """Move a file over another in one step (a rename here, copy-then-delete on object stores)."""
        self.fs.move(source, target)
        failpoints.reach(f"moved {self.relative(target)}")

    def footer_digest(self, path: str) -> str | None:
        """The digest a leaf's footer records; None when the file is missing, unreadable or has none."""
        try:
            meta = pq.read_metadata(path, filesystem=self.fs).metadata or {}
        except (OSError, pa.ArrowInvalid):
            return None
        digest = meta.get(DIGEST_KEY)
        return digest.decode("ascii") if digest else None

    def sweep(self, folder: str, name: str) -> int:
        """Delete what killed writers of ``folder/name`` left behind (``.<name>.*.tmp`` and
        ``.*.staged``); returns how many. Callers hold the lock that writers of ``name`` take."""
        selector = pafs.FileSelector(folder, allow_not_found=True)
        left = [info.path for info in self.fs.get_file_info(selector)
                if info.base_name.startswith(f".{name}.") and info.base_name.endswith(_LEFTOVER_SUFFIXES)]
        for path in left:
            _delete_quietly(self.fs, path)
        if left:
            log.info("removed %d leftover file(s) of %s/%s", len(left), self.relative(folder), name)
        return len(left)

    def relative(self, path: str) -> str:
        """``path`` relative to the data root, for messages and failpoint names."""
        return path[len(self.root) + 1:] if path.startswith(self.root + "/") else path

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

    def sweep_json(self, relative: str) -> int:
        """Delete what killed writers of the JSON document ``relative`` left behind."""
        folder, name = f"{self.root}/{relative}".rsplit("/", 1)
        return self.sweep(folder, name)

    def read_json(self, relative: str) -> Any:
        path = f"{self.root}/{relative}"
        if self.fs.get_file_info(path).type != pafs.FileType.File:
            return None
        with self.fs.open_input_stream(path) as stream:
            return json.loads(stream.read().decode("utf-8"))

    def write_json(self, relative: str, value: Any) -> None:
        """Write a small JSON document atomically (same temp-then-rename rule as the tables).
        Callers hold the document's lock."""
        final = f"{self.root}/{relative}"
        folder, name = final.rsplit("/", 1)
        self.fs.create_dir(folder, recursive=True)
        self.sweep(folder, name)
        tmp = f"{folder}/.{name}.{uuid.uuid4().hex}.tmp"
        payload = json.dumps(value, sort_keys=True, indent=1).encode("utf-8")
        try:
            with self.fs.open_output_stream(tmp) as stream:
                stream.write(payload)
            self.fs.move(tmp, final)
        except BaseException:
            _delete_quietly(self.fs, tmp)
            raise
        failpoints.reach(f"wrote {relative}")


def table_digest(data: pa.Table) -> str:
    """sha256 of a table's rows and schema (its Arrow IPC stream): equal rows, equal digest."""
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, data.schema.remove_metadata()) as writer:
        writer.write_table(data)
    return hashlib.sha256(memoryview(sink.getvalue())).hexdigest()


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
