"""Backfill, reprocessing, late articles and overlapping runs, through the CLI, against a local
site whose feed changes between runs (crash safety: test_crash_e2e)."""
from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pyarrow.dataset as ds
import pytest

from newsmon.cli import main
from newsmon.extract.extractor import EXTRACTOR_VERSION
from newsmon.sample import SampleSite
from tests.e2e.sitegen import Story, write_site

pytestmark = pytest.mark.e2e
FIRST = date(2025, 3, 10)
DAYS = [FIRST + timedelta(days=n) for n in range(5)]
TOWNS = ["Accra", "Kumasi", "Tamale", "Lagos", "Kano", "Jos", "Enugu", "Abuja", "Ibadan", "Warri", "Aba"]


@dataclass
class Wire:
    site: Path
    root: Path
    server: SampleSite


@pytest.fixture
def wire(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Wire]:
    site, root = tmp_path / "site", tmp_path / "data"
    site.mkdir()
    sources = tmp_path / "sources.yaml"
    sources.write_text("- id: wire\n  url: ${NEWSMON_SAMPLE_URL}/feeds/feed.rss\n  language: en\n"
                       "  allow_private: true\n", encoding="utf-8")
    with SampleSite.start(directory=site) as server:
        monkeypatch.setenv("NEWSMON_SAMPLE_URL", server.base_url)
        monkeypatch.setenv("NEWSMON_SOURCES", str(sources))
        monkeypatch.setenv("NEWSMON_DATA_ROOT", str(root))
        yield Wire(site, root, server)


def _story(day: date, hour: int, n: int) -> Story:
    return Story(f"{day.isoformat()}-{hour:02d}", datetime(day.year, day.month, day.day, hour, tzinfo=UTC),
                 TOWNS[n % len(TOWNS)], 10 + n)


def _stories(days: list[date]) -> list[Story]:
    return [_story(day, hour, 2 * i + k) for i, day in enumerate(days) for k, hour in enumerate((9, 15))]


def _rows(root: Path, table: str, day: date | None = None) -> list[dict]:
    folder = root / table if day is None else root / table / f"dt={day.isoformat()}"
    if not folder.is_dir():
        return []
    return ds.dataset(folder, format="parquet", partitioning="hive" if day is None else None).to_table().to_pylist()


def _entries(root: Path, day: date) -> set[str]:
    return {a["entry_id"] for a in _rows(root, "articles", day)}


def _data(root: Path, tables: tuple[str, ...] = ("raw", "articles", "figures", "entities")) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.parquet"))
            if p.relative_to(root).parts[0] in tables}


def _cli(*args: str) -> int:
    return main(["--quiet", *args])


def test_backfill_fills_every_day_once_and_status_says_so(wire: Wire, capsys: pytest.CaptureFixture[str]) -> None:
    write_site(wire.site, _stories(DAYS))
    assert _cli("backfill", "--from", str(DAYS[0]), "--to", str(DAYS[-1])) == 0
    out = capsys.readouterr().out
    assert "backfilled 5 of 5 days" in out
    for day in DAYS:
        assert _entries(wire.root, day) == {f"{day}-09", f"{day}-15"}
        assert len(_rows(wire.root, "figures", day)) == 2
    ids = [a["article_id"] for a in _rows(wire.root, "articles")]
    assert len(ids) == len(set(ids)) == 10
    assert _cli("backfill", "--from", "2025-03-08", "--to", "2025-03-08") == 1
    assert "wire reaches back only to 2025-03-10" in capsys.readouterr().out
    assert _cli("status", "--from", str(DAYS[0] - timedelta(days=1)), "--to", str(DAYS[-1])) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("2025-03-09  incomplete")
    assert all(line.split()[1] == "complete" for line in lines[1:]) and len(lines) == 6
    assert "articles 2  figures 2" in lines[1] and f"extractor {EXTRACTOR_VERSION}" in lines[1]


def test_backfill_rejects_a_reversed_range(wire: Wire, capsys: pytest.CaptureFixture[str]) -> None:
    assert _cli("backfill", "--from", "2025-03-14", "--to", "2025-03-10") == 2
    assert "is before --from" in capsys.readouterr().err


def test_reprocess_rebuilds_past_days_without_any_http_request(wire: Wire) -> None:
    write_site(wire.site, _stories(DAYS))
    assert _cli("backfill", "--from", str(DAYS[0]), "--to", str(DAYS[-1])) == 0
    first = _data(wire.root)
    wire.server.close()  # from here on, any HTTP request would fail
    assert _cli("backfill", "--from", str(DAYS[0]), "--to", str(DAYS[-1]), "--reprocess") == 0
    assert _data(wire.root) == first
    kinds = {r["run_kind"] for r in _rows(wire.root, "reports", DAYS[2])}
    assert kinds == {"run", "reprocess"}


def test_a_late_article_lands_in_its_own_day(wire: Wire) -> None:
    early = _story(DAYS[0], 9, 0)
    write_site(wire.site, [early])
    assert _cli("run", "--date", str(DAYS[0])) == 0
    late, next_day = _story(DAYS[0], 20, 1), _story(DAYS[1], 9, 2)
    write_site(wire.site, [early, late, next_day])   # the feed lists the 10th's late story on the 11th
    assert _cli("run", "--date", str(DAYS[1])) == 0
    assert _entries(wire.root, DAYS[0]) == {early.slug, late.slug}
    assert _entries(wire.root, DAYS[1]) == {next_day.slug}
    (report,) = [r for r in _rows(wire.root, "reports", DAYS[0]) if r["run_kind"] == "lookback"]
    assert report["entries_new"] == 1 and str(report["run_day"]) == str(DAYS[1])
    # the 10th rebuilt later from its own raw data keeps the late story
    assert _cli("run", "--date", str(DAYS[0]), "--reprocess") == 0
    assert _entries(wire.root, DAYS[0]) == {early.slug, late.slug}


def test_without_lookback_a_late_article_is_not_picked_up(wire: Wire, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSMON_LOOKBACK_DAYS", "0")
    early = _story(DAYS[0], 9, 0)
    write_site(wire.site, [early])
    assert _cli("run", "--date", str(DAYS[0])) == 0
    write_site(wire.site, [early, _story(DAYS[0], 20, 1), _story(DAYS[1], 9, 2)])
    assert _cli("run", "--date", str(DAYS[1])) == 0
    assert _entries(wire.root, DAYS[0]) == {early.slug}


def _spawn_run(day: date, **env: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "newsmon", "--quiet", "run", "--date", str(day)],
                            env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def test_concurrent_runs_of_one_day_neither_lose_nor_duplicate_rows(wire: Wire, tmp_path: Path) -> None:
    write_site(wire.site, _stories(DAYS[:2]))
    runs = [_spawn_run(DAYS[1]), _spawn_run(DAYS[1]), _spawn_run(DAYS[0])]
    assert [run.wait(timeout=120) for run in runs] == [0, 0, 0], [r.stderr.read() for r in runs if r.stderr]
    reference = tmp_path / "reference"
    assert _cli("run", "--date", str(DAYS[0]), "--data-root", str(reference)) == 0
    assert _cli("run", "--date", str(DAYS[1]), "--data-root", str(reference)) == 0
    tables = ("articles", "figures", "entities")
    assert _data(wire.root, tables) == _data(reference, tables)
    ids = [a["article_id"] for a in _rows(wire.root, "articles")]
    assert len(ids) == len(set(ids)) == 4


def test_a_broken_feed_fails_the_source_keeps_the_day_and_is_reported(wire: Wire) -> None:
    write_site(wire.site, _stories([DAYS[0]]))
    assert _cli("run", "--date", str(DAYS[0])) == 0
    before = _data(wire.root)
    (wire.site / "feeds" / "feed.rss").write_text("<rss><channel><item>cut off", encoding="utf-8")
    assert _cli("run", "--date", str(DAYS[0])) == 1
    assert _data(wire.root) == before
    last = max(_rows(wire.root, "reports", DAYS[0]), key=lambda r: r["started_at"])
    assert last["status"] == "failed" and "FeedParseError" in last["error"]


def test_a_run_whose_only_work_is_a_late_entry_succeeds_and_says_so(
        wire: Wire, capsys: pytest.CaptureFixture[str]) -> None:
    early = _story(DAYS[0], 9, 0)
    write_site(wire.site, [early, _story(DAYS[1], 9, 1)])
    assert _cli("run", "--date", str(DAYS[0])) == 0 and _cli("run", "--date", str(DAYS[1])) == 0
    late = _story(DAYS[0], 20, 2)
    write_site(wire.site, [early, late, _story(DAYS[1], 9, 1)])
    capsys.readouterr()
    assert _cli("run", "--date", str(DAYS[2])) == 0       # nothing of its own: it only adds the 10th's late story
    out = capsys.readouterr().out
    assert "entries   0  articles   0" in out and f"late entries added: {DAYS[0]} +1" in out
    assert f"late entries added to earlier days: 1 (dt={DAYS[0]})" in out
    assert _entries(wire.root, DAYS[0]) == {early.slug, late.slug}


def test_a_run_without_http_logs_shows_no_request_lines(wire: Wire, capsys: pytest.CaptureFixture[str]) -> None:
    write_site(wire.site, _stories([DAYS[0]]))
    assert main(["run", "--date", str(DAYS[0])]) == 0     # not --quiet: INFO is shown
    err = capsys.readouterr().err
    assert "INFO newsmon" in err and "HTTP Request" not in err


@pytest.fixture
def two_wires(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Wire]:
    """Sources ``wire`` (feed.rss) and ``local`` (local.rss) on one site."""
    site, root = tmp_path / "site", tmp_path / "data"
    site.mkdir()
    sources = tmp_path / "sources.yaml"
    sources.write_text("".join(f"- id: {name}\n  url: ${{NEWSMON_SAMPLE_URL}}/feeds/{name}.rss\n  language: en\n"
                               "  allow_private: true\n" for name in ("wire", "local")), encoding="utf-8")
    with SampleSite.start(directory=site) as server:
        monkeypatch.setenv("NEWSMON_SAMPLE_URL", server.base_url)
        monkeypatch.setenv("NEWSMON_SOURCES", str(sources))
        monkeypatch.setenv("NEWSMON_DATA_ROOT", str(root))
        yield Wire(site, root, server)


def test_a_day_filled_only_by_lookback_is_said_so_and_reprocesses_cleanly(
        two_wires: Wire, capsys: pytest.CaptureFixture[str]) -> None:
    write_site(two_wires.site, [_story(DAYS[0], 9, 0), _story(DAYS[1], 9, 1)], feed="wire.rss")
    write_site(two_wires.site, [_story(DAYS[1], 10, 2)], feed="local.rss")
    assert _cli("run", "--date", str(DAYS[1])) == 0       # the 10th is never run itself
    capsys.readouterr()
    assert _cli("status", "--from", str(DAYS[0]), "--to", str(DAYS[1])) == 0
    earlier, day = capsys.readouterr().out.splitlines()
    assert earlier.startswith(f"{DAYS[0]}  lookback      sources 0/2  articles 1")
    assert earlier.endswith("not run itself; late entries from later days' runs: wire")
    assert day.startswith(f"{DAYS[1]}  complete      sources 2/2  articles 2")

    assert _cli("run", "--date", str(DAYS[0]), "--reprocess") == 0
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith("local") and "empty" in line and "(nothing stored for this day)" in line
               for line in lines)
    assert not any("failed" in line for line in lines)
    assert _entries(two_wires.root, DAYS[0]) == {f"{DAYS[0]}-09"}
