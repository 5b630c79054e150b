"""A run killed (SIGKILL, from outside) at every write boundary of a day with a lookback rebuild:
readers of the commits see one version of each (source, day), and one rerun, of the day or of the
lookback day, gives exactly the rows of an uninterrupted run."""
from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pytest

from newsmon.cli import main
from newsmon.sample import SampleSite
from newsmon.store import commits
from newsmon.store.files import open_store
from newsmon.store.readers import read_day
from newsmon.store.reports import day_status
from tests.e2e.crash import kill_when_stopped, start_until, trace
from tests.e2e.sitegen import Story, write_site

pytestmark = pytest.mark.e2e
EARLIER, DAY = date(2025, 5, 6), date(2025, 5, 7)
DATA_TABLES = commits.DATA_TABLES
BATCH = 6               # killed runs alive at once (each waits, stopped, to be killed)


def _story(slug: str, day: date | None, hour: int, town: str, arrested: int) -> Story:
    published = datetime(day.year, day.month, day.day, hour, tzinfo=UTC) if day else None
    return Story(slug, published, town, arrested)


BEFORE = [_story("a", EARLIER, 9, "Accra", 11), _story("b", EARLIER, 15, "Kumasi", 12),
          _story("c", DAY, 9, "Tamale", 13)]
# Listed only after both days ran: a late story of the earlier day, a new one of the day, and an
# undated one (first seen on the day, so the run also writes the first-seen state).
AFTER = [*BEFORE, _story("late", EARLIER, 20, "Lagos", 14), _story("d", DAY, 15, "Kano", 15),
         _story("undated", None, 0, "Jos", 16)]


@dataclass
class Bed:
    site: Path
    start: Path             # the data root after both days ran on BEFORE
    work: Path


@pytest.fixture
def bed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Bed]:
    site, start = tmp_path / "site", tmp_path / "start"
    sources = tmp_path / "sources.yaml"
    sources.write_text("- id: wire\n  url: ${NEWSMON_SAMPLE_URL}/feeds/feed.rss\n  language: en\n"
                       "  allow_private: true\n", encoding="utf-8")
    write_site(site, BEFORE)
    with SampleSite.start(directory=site) as server:
        monkeypatch.setenv("NEWSMON_SAMPLE_URL", server.base_url)
        monkeypatch.setenv("NEWSMON_SOURCES", str(sources))
        monkeypatch.setenv("NEWSMON_DATA_ROOT", str(tmp_path / "unused"))
        assert _run(EARLIER, start) == 0 and _run(DAY, start) == 0
        write_site(site, AFTER)
        yield Bed(site, start, tmp_path)


def _run(day: date, root: Path) -> int:
    return main(["--quiet", "run", "--date", day.isoformat(), "--data-root", str(root)])


def _copy(root: Path, to: Path) -> Path:
    shutil.copytree(root, to)
    return to


def _view(root: Path, day: date) -> dict[str, list[Any]]:
    """The committed rows of the data tables of ``day``, as readers of the commits see them
    (raw without its wall-clock ``fetched_at``)."""
    store = open_store(str(root))
    view: dict[str, list[Any]] = {}
    for table in DATA_TABLES:
        rows = read_day(store, table, day).to_pylist()
        if table == "raw":
            rows = [{k: v for k, v in r.items() if k != "fetched_at"} for r in rows]
        view[table] = sorted(rows, key=repr)
    return view


def _rows(root: Path, day: date) -> dict[str, list[Any]]:
    """Everything a run makes for ``day``: the data tables and the duplicates."""
    dups = read_day(open_store(str(root)), "duplicates", day).to_pylist()
    return {**_view(root, day), "duplicates": sorted(dups, key=repr)}


def _leftovers(root: Path, day: date | None = None) -> list[str]:
    """Hidden files (staged or temporary) under ``root``, or only those of ``day`` and of the state."""
    found = [str(p.relative_to(root)) for p in root.rglob(".*") if p.is_file()]
    if day is not None:
        found = [f for f in found if f"dt={day.isoformat()}" in f or f.startswith("state/")]
    return found


def _publishing(points: list[str], day: date, index: int) -> bool:
    """Was a kill at ``points[index]`` between the commit of (wire, day) and its last publish?"""
    manifest = points.index(f"wrote manifests/dt={day.isoformat()}/wire.json")
    last_move = max(i for i, p in enumerate(points) if p.startswith("moved ") and f"/dt={day.isoformat()}/" in p)
    return manifest <= index < last_move


def test_a_run_killed_at_every_write_boundary_loses_nothing_and_one_rerun_heals(bed: Bed) -> None:
    reference = _copy(bed.start, bed.work / "reference")
    points = trace(["run", "--date", DAY.isoformat(), "--data-root", str(reference)], bed.work / "trace")
    # Every boundary of both days is there: each leaf staged and published, each manifest, the
    # reports, the first-seen and feed state files and the duplicates of both days.
    for day in (EARLIER, DAY):
        for table in DATA_TABLES:
            leaf = f"{table}/dt={day.isoformat()}/part-wire.parquet"
            assert f"staged {leaf}" in points and f"moved {leaf}" in points
        assert f"wrote manifests/dt={day.isoformat()}/wire.json" in points
        assert f"wrote reports/dt={day.isoformat()}/part-wire.parquet" in points
        assert f"wrote duplicates/dt={day.isoformat()}/part-_all.parquet" in points
    assert {"wrote state/first_seen/wire.json", "wrote state/feeds/wire.json"} <= set(points)
    assert len(points) == len(set(points)) == 24

    old = {day: _view(bed.start, day) for day in (EARLIER, DAY)}
    new = {day: _view(reference, day) for day in (EARLIER, DAY)}
    expected = {day: _rows(reference, day) for day in (EARLIER, DAY)}
    assert all(old[day] != new[day] for day in (EARLIER, DAY))
    assert {a["entry_id"] for a in new[EARLIER]["articles"]} == {"a", "b", "late"}

    left_behind = 0
    for first in range(0, len(points), BATCH):
        batch = list(enumerate(points))[first:first + BATCH]
        roots = {i: _copy(bed.start, bed.work / f"kill-{i}") for i, _ in batch}
        children = {i: start_until(["run", "--date", DAY.isoformat(), "--data-root", str(roots[i])], point,
                                   bed.work / f"kill-{i}.log") for i, point in batch}
        for i, point in batch:
            kill_when_stopped(children[i])
            _check_killed_root(roots[i], points, i, old, new)
            left_behind += bool(_leftovers(roots[i]))
            lookback_only = _copy(roots[i], bed.work / f"kill-{i}-earlier")
            assert _run(DAY, roots[i]) == 0, point
            assert {day: _rows(roots[i], day) for day in (EARLIER, DAY)} == expected, point
            assert _leftovers(roots[i]) == [], point
            assert _run(EARLIER, lookback_only) == 0, point
            assert _rows(lookback_only, EARLIER) == expected[EARLIER], point
            assert _leftovers(lookback_only, EARLIER) == [], point
    assert left_behind >= 8     # staged files of cut-off builds: the reruns above cleaned them


def _check_killed_root(root: Path, points: list[str], index: int, old: dict[date, Any], new: dict[date, Any]) -> None:
    point = points[index]
    store = open_store(str(root))
    for day in (EARLIER, DAY):
        view = _view(root, day)
        assert view in (old[day], new[day]), f"{point}: {day} is of neither version"
        publishing = _publishing(points, day, index)
        assert (commits.inspect(store, day, "wire").state == "publishing") == publishing, point
        assert (day_status(store, day, ["wire"]).state == "inconsistent") == publishing, point
    for table in DATA_TABLES:       # plain globs read every published file whole
        duckdb.sql(f"select count(*) from read_parquet('{root}/{table}/*/*.parquet')").fetchall()
