"""Conditional GET of feeds, through the pipeline against local servers: validators are stored
per feed, a 304 or an unchanged body leaves an up-to-date day untouched, and the body hash is
trusted over the server's word."""
from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from newsmon.config import Settings
from newsmon.pipeline import SourceRun, run_source
from newsmon.runtime import Runtime
from newsmon.sample import SampleSite
from tests.e2e.sitegen import Story, write_site
from tests.faultserver import FaultHandler, fault_server

pytestmark = pytest.mark.e2e
DAY = date(2025, 4, 2)
STORIES = [Story(f"s{n}", datetime(2025, 4, 2, 8 + n, tzinfo=UTC), town, 5 + n)
           for n, town in enumerate(("Accra", "Kumasi"))]


def _run(settings: Settings, day: date) -> SourceRun:
    """One run of the source, as its own entry point would make it."""
    with Runtime(settings) as runtime:
        return run_source(runtime, "wire", day)


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Path, Settings]]:
    folder = tmp_path / "site"
    sources = tmp_path / "sources.yaml"
    sources.write_text("- id: wire\n  url: ${NEWSMON_SAMPLE_URL}/feeds/feed.rss\n  allow_private: true\n",
                       encoding="utf-8")
    with SampleSite.start(directory=folder) as server:
        monkeypatch.setenv("NEWSMON_SAMPLE_URL", server.base_url)
        yield folder, Settings(data_root=str(tmp_path / "data"), sources_path=sources, min_delay=0.0,
                               lookback_days=0)


def _leaves(settings: Settings) -> dict[str, tuple[int, bytes]]:
    root = Path(settings.data_root)
    return {str(p.relative_to(root)): (p.stat().st_mtime_ns, p.read_bytes())
            for p in sorted(root.glob("[!r]*/dt=*/*.parquet")) + sorted(root.glob("raw/dt=*/*.parquet"))}


def _reports(settings: Settings) -> list[dict[str, object]]:
    leaf = Path(settings.data_root) / "reports" / f"dt={DAY}" / "part-wire.parquet"
    rows: list[dict[str, object]] = pq.read_table(leaf).to_pylist()
    return rows


def test_an_unchanged_feed_means_no_work_and_a_changed_one_is_read(site: tuple[Path, Settings]) -> None:
    folder, settings = site
    write_site(folder, STORIES)
    first = _run(settings, DAY).report
    assert (first.listing, first.articles_extracted, first.pages_fetched) == ("changed", 2, 2)
    state = json.loads((Path(settings.data_root) / "state" / "feeds" / "wire.json").read_text())
    assert state["etag"] and state["stored_in"] == DAY.isoformat()
    before = _leaves(settings)

    again = _run(settings, DAY).report
    assert (again.status, again.listing, again.pages_fetched) == ("ok", "not_modified", 0)
    assert (again.articles_extracted, again.figures) == (2, first.figures)   # the day's counts, as stored
    assert _leaves(settings) == before          # not one data file rewritten (same bytes, same mtime)

    write_site(folder, [*STORIES, Story("s9", datetime(2025, 4, 2, 20, tzinfo=UTC), "Tamale", 9)])
    changed = _run(settings, DAY).report
    assert (changed.listing, changed.articles_extracted, changed.pages_fetched, changed.pages_reused) == (
        "changed", 3, 1, 2)
    assert [r["listing"] for r in _reports(settings)] == ["changed", "not_modified", "changed"]


def test_an_unchanged_feed_still_retries_the_days_failed_pages(site: tuple[Path, Settings]) -> None:
    folder, settings = site
    write_site(folder, STORIES)
    (folder / "articles" / "s1.html").unlink()
    first = _run(settings, DAY).report
    assert (first.articles_extracted, first.articles_failed) == (1, 1)
    write_site(folder, STORIES)                 # the page is back; the feed bytes are the same
    again = _run(settings, DAY).report
    assert (again.listing, again.pages_fetched, again.articles_extracted) == ("not_modified", 1, 2)


def test_a_new_day_is_built_from_the_stored_snapshot_when_the_feed_answers_304(site: tuple[Path, Settings]) -> None:
    folder, settings = site
    write_site(folder, [*STORIES, Story("next", datetime(2025, 4, 3, 9, tzinfo=UTC), "Tamale", 3)])
    _run(settings, DAY)
    following = _run(settings, date(2025, 4, 3)).report
    assert (following.listing, following.articles_extracted) == ("not_modified", 1)


def test_a_lost_snapshot_means_an_unconditional_fetch(site: tuple[Path, Settings]) -> None:
    folder, settings = site
    write_site(folder, STORIES)
    _run(settings, DAY)
    state_file = Path(settings.data_root) / "state" / "feeds" / "wire.json"
    state = json.loads(state_file.read_text())
    state_file.write_text(json.dumps({**state, "stored_in": "2001-01-01"}))   # points at nothing
    again = _run(settings, DAY).report
    assert again.status == "ok" and again.listing == "changed"    # no validators were sent


def test_a_server_that_says_changed_for_the_same_bytes_is_not_believed(tmp_path: Path) -> None:
    with fault_server() as server:
        feed = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><guid>a</guid>'
                f"<link>{server.url('/ok/story')}</link><pubDate>Wed, 02 Apr 2025 09:00:00 GMT</pubDate>"
                "</item></channel></rss>").encode()

        def fresh_etag_every_time(request: FaultHandler, hit: int) -> None:
            request.respond(200, feed, {"Content-Type": "application/rss+xml", "ETag": f'"{hit}"'})

        server.add_route("feed", fresh_etag_every_time)
        sources = tmp_path / "sources.yaml"
        sources.write_text(f"- id: wire\n  url: {server.url('/feed/x.rss')}\n  allow_private: true\n",
                           encoding="utf-8")
        settings = Settings(data_root=str(tmp_path / "data"), sources_path=sources, min_delay=0.0, lookback_days=0)
        assert _run(settings, DAY).report.listing == "changed"
        again = _run(settings, DAY).report
        assert (again.listing, again.pages_fetched) == ("same_body", 0)
        assert server.hits("/feed/x.rss") == 2 and server.hits("/ok/story") == 1
        state = json.loads((tmp_path / "data" / "state" / "feeds" / "wire.json").read_text())
        assert state["etag"] == '"2"'           # the newest validator is kept for the next request
