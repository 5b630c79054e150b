"""The commit protocol of a (source, day): its ``raw``, ``articles``, ``figures`` and ``entities``
leaves change together or not at all, for readers of the manifest and for the next run.

A build of (source, day) is committed in three steps, and each leaf is written once:

1. **Stage.** Every leaf whose rows changed is written to a hidden staged file,
   ``<table>/dt=D/.part-<source>.parquet.<digest>.staged``. The digest (sha256 of the rows) is in
   its name and in its Parquet footer. Leaves whose rows did not change are not touched.
2. **Commit.** The manifest ``manifests/dt=D/<source>.json``, naming the digest and row count of
   every leaf, replaces the old one in one step. This is the commit point.
3. **Publish.** Each staged file is moved over its leaf.

A build killed before step 2 leaves the old version everywhere; its staged files are leftovers,
which the next run of that (source, day) deletes. A build killed during step 3 leaves the manifest
ahead of some leaves: readers of the manifest (:mod:`newsmon.store.readers`) take those from their
staged files, and the next run of the (source, day) finishes publishing (:func:`settle`) before
it decides anything. Only moves and whole-file writes are used, so this works on object stores
too, where a move is a copy and a delete. Callers of :func:`commit` and :func:`settle` hold the
(source, day) lock (see :meth:`newsmon.store.files.Store.lock`).
"""
from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

import pyarrow as pa
import pyarrow.fs as pafs

from newsmon.store.files import Store, table_digest
from newsmon.store.schemas import TABLES

log = logging.getLogger(__name__)

DATA_TABLES = ("raw", "articles", "figures", "entities")    # the leaves one commit replaces, in this order
MANIFEST_FORMAT = 1

State = Literal["absent", "committed", "publishing", "broken", "unverified"]
"""What is stored for a (source, day):

- ``absent``: nothing;
- ``committed``: a manifest, and every leaf as it names;
- ``publishing``: a manifest ahead of some leaves, whose staged files are there (a build was
  killed while publishing; readers of the manifest see the new version, plain globs a mix);
- ``broken``: a manifest naming a leaf that is neither published nor staged;
- ``unverified``: leaves without a manifest (written by a newsmon older than manifests).
"""


@dataclass(frozen=True, slots=True)
class Manifest:
    """The committed version of one (source, day): each data leaf's digest and row count."""

    source_id: str
    day: date
    digests: Mapping[str, str]
    rows: Mapping[str, int]

    def as_json(self) -> dict[str, Any]:
        return {"format": MANIFEST_FORMAT, "source_id": self.source_id, "day": self.day.isoformat(),
                "leaves": {t: {"digest": self.digests[t], "rows": self.rows[t]} for t in DATA_TABLES}}

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> Manifest:
        leaves = value["leaves"]
        return cls(source_id=value["source_id"], day=date.fromisoformat(value["day"]),
                   digests={t: leaves[t]["digest"] for t in DATA_TABLES},
                   rows={t: int(leaves[t]["rows"]) for t in DATA_TABLES})


@dataclass(frozen=True, slots=True)
class Inspection:
    """What :func:`inspect` found for a (source, day)."""

    state: State
    manifest: Manifest | None
    pending: tuple[str, ...] = ()       # tables whose leaf is behind the manifest, with the staged file there
    lost: tuple[str, ...] = ()          # tables whose committed rows are nowhere

    @property
    def consistent(self) -> bool:
        """Do the published leaves hold one committed version (what plain globs read)?"""
        return self.state == "committed"


def manifest_path(day: date, source_id: str) -> str:
    """The manifest of (source, day), relative to the data root."""
    return f"manifests/dt={day.isoformat()}/{source_id}.json"


def read_manifest(store: Store, day: date, source_id: str) -> Manifest | None:
    value = store.read_json(manifest_path(day, source_id))
    return Manifest.from_json(value) if value else None


def manifests_of_day(store: Store, day: date) -> dict[str, Manifest]:
    """Every source's manifest of ``day``, by source id."""
    folder = f"{store.root}/manifests/dt={day.isoformat()}"
    found: dict[str, Manifest] = {}
    for info in store.fs.get_file_info(pafs.FileSelector(folder, allow_not_found=True)):
        name = info.base_name
        if info.type == pafs.FileType.File and name.endswith(".json") and not name.startswith("."):
            manifest = read_manifest(store, day, name[: -len(".json")])
            if manifest is not None:
                found[manifest.source_id] = manifest
    return found


def inspect(store: Store, day: date, source_id: str) -> Inspection:
    """The state of (source, day), from its manifest and the footers of its leaves. Reads only."""
    manifest = read_manifest(store, day, source_id)
    if manifest is None:
        exists = any(store.fs.get_file_info(store.leaf(t, day, source_id)).type == pafs.FileType.File
                     for t in DATA_TABLES)
        return Inspection("unverified" if exists else "absent", None)
    pending, lost = [], []
    for table in DATA_TABLES:
        digest = manifest.digests[table]
        if store.footer_digest(store.leaf(table, day, source_id)) == digest:
            continue
        if store.footer_digest(store.staged_path(table, day, source_id, digest)) == digest:
            pending.append(table)
        else:
            lost.append(table)
    state: State = "broken" if lost else "publishing" if pending else "committed"
    return Inspection(state, manifest, tuple(pending), tuple(lost))


def settle(store: Store, day: date, source_id: str) -> Inspection:
    """Finish publishing what the manifest of (source, day) committed, then delete the leftovers of
    killed writers (staged and temporary files of its leaves and manifest). Returns the state after."""
    found = inspect(store, day, source_id)
    if found.pending:
        assert found.manifest is not None
        log.warning("source %s day %s: a build was cut off while publishing; publishing %s now",
                    source_id, day, ", ".join(found.pending))
        for table in found.pending:
            store.move(store.staged_path(table, day, source_id, found.manifest.digests[table]),
                       store.leaf(table, day, source_id))
    for table in DATA_TABLES:
        folder, name = store.leaf(table, day, source_id).rsplit("/", 1)
        store.sweep(folder, name)
    store.sweep_json(manifest_path(day, source_id))
    if found.lost:
        log.error("source %s day %s: committed rows of %s are missing; the day must be rebuilt",
                  source_id, day, ", ".join(found.lost))
        return Inspection("broken", found.manifest, (), found.lost)
    return Inspection(found.state if found.state != "publishing" else "committed", found.manifest)


def commit(store: Store, day: date, source_id: str,
           tables: Mapping[str, Sequence[Mapping[str, Any]]]) -> Manifest:
    """Replace the leaves of (source, day) with ``tables`` (rows of each of :data:`DATA_TABLES`)
    as one version: stage, commit the manifest, publish. Writes nothing when nothing changed."""
    data = {t: pa.Table.from_pylist(list(tables[t]), schema=TABLES[t]) for t in DATA_TABLES}
    digests = {t: table_digest(d) for t, d in data.items()}
    manifest = Manifest(source_id, day, digests, {t: d.num_rows for t, d in data.items()})
    changed = [t for t in DATA_TABLES if store.footer_digest(store.leaf(t, day, source_id)) != digests[t]]
    for table in changed:
        store.write_staged(table, day, source_id, data[table], digests[table])
    if read_manifest(store, day, source_id) != manifest:
        store.write_json(manifest_path(day, source_id), manifest.as_json())
    for table in changed:
        store.move(store.staged_path(table, day, source_id, digests[table]), store.leaf(table, day, source_id))
    return manifest
