"""A whole day (``pipeline.run_day``) against the fault-injecting server of tests/faultserver.py.

One sources file holds a healthy source whose feed also links pages on fault routes, and one
source per feed-level fault. Limits are small (set through ``NEWSMON_*`` variables), so every
fault ends quickly; each case then checks its recorded outcome: the report ``run_day`` returns,
the ``reports`` table read back with duckdb, and the ``articles`` table read with pyarrow.
The SSRF guard and robots.txt refusals get a day of their own each.
"""
from __future__ import annotations

import json
import re
import resource
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.utils import format_datetime
from html import escape
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.dataset as ds
import pytest

from newsmon.config import Settings
from newsmon.errors import RunCheckError
from newsmon.pipeline import check_run, run_day
from newsmon.runtime import Runtime
from tests.e2e.sitegen import BASE, Story, write_site
from tests.faultserver import LATIN1_FEED, FaultHandler, FaultServer, Handler, dripping, fault_server

pytestmark = pytest.mark.e2e

DAY = date(2025, 3, 10)
FETCH_DEADLINE = 5          # seconds, the whole of one fetch: attempts, bodies and waits
MAX_ATTEMPTS = 3
MAX_BYTES = 1024 * 1024
MAX_REDIRECTS = 3           # the redirect cases below spell out hops for this value
LIMITS = {
    "NEWSMON_FETCH_DEADLINE": str(FETCH_DEADLINE),
    "NEWSMON_MAX_ATTEMPTS": str(MAX_ATTEMPTS),
    "NEWSMON_BACKOFF_BASE": "0.05",
    "NEWSMON_BACKOFF_MAX": "0.1",
    "NEWSMON_CONNECT_TIMEOUT": "1",
    "NEWSMON_READ_TIMEOUT": "1",    # a stalled body fails an attempt after 1 s; a drip never does
    "NEWSMON_MAX_BYTES": str(MAX_BYTES),
    "NEWSMON_MAX_REDIRECTS": str(MAX_REDIRECTS),
    "NEWSMON_MIN_DELAY": "0",
    "NEWSMON_LOOKBACK_DAYS": "0",
}
PASS_SHARE, FAIL_SHARE = 0.8, 0.5   # NEWSMON_MAX_FAILED_SHARE values either side of the day's share
# Every fault ends within one fetch deadline; this bound is generous, yet far below what the
# drip (60 s) and the stall (until the server stops) would take if a limit did not cut them off.
ENDS_WITHIN = FETCH_DEADLINE + 5.0
# The whole day's growth of the process's peak memory (imports included). Expanding the billion
# laughs would take gigabytes; the bomb inflates to 50 MB against a 1 MiB limit.
MAX_PEAK_GROWTH = 1024 * 1024 * 1024
RESET = r"(ReadError|RemoteProtocolError): .+"   # a reset or a close may surface as either


def _at(hour: int) -> datetime:
    return datetime(DAY.year, DAY.month, DAY.day, hour, tzinfo=UTC)


# ------------------------------------------------------------------------------------ the cases

@dataclass(frozen=True)
class FeedCase:
    """A source whose feed URL is ``path`` on the fault server."""

    source_id: str
    path: str
    error: str | None               # regex of the recorded error (``{url}`` is the feed URL); None: ok
    hits: dict[str, int]            # requests each server path must have received
    stories: tuple[Story, ...] = ()  # what the (recovered) feed lists, all extracted


@dataclass(frozen=True)
class PageCase:
    """An entry of the healthy source's feed whose link is ``link`` on the fault server."""

    name: str
    link: str
    skip_reason: str | None         # regex of the article's skip_reason; None: extracted
    hits: int                       # requests the link's path must have received
    story: Story | None = None      # the page a recovering link finally serves


def _fetch_error(reason: str) -> str:
    return "FetchError: " + reason + ": {url}"


def _parse_error(reason: str) -> str:
    return "FeedParseError: " + reason + ": {url}"


RECOVERED = Story("recovered-after-500", _at(8), "Kumasi", 14)
PATIENT = Story("served-after-429", _at(9), "Tamale", 15)
LATIN1 = Story("latin1-feed-page", None, "Orleans", 12)    # the latin-1 feed's entry is undated

FEED_CASES = [
    FeedCase("feed_500_then_200", "/feeds/recover.rss?fails=1&status=500", None,
             {"/feeds/recover.rss": 2}, (RECOVERED,)),
    FeedCase("feed_429_retry_after", "/feeds/patient.rss?fails=1&status=429&retry_after=1", None,
             {"/feeds/patient.rss": 2}, (PATIENT,)),
    FeedCase("feed_wrong_charset", "/feeds/latin1.rss", None, {"/feeds/latin1.rss": 1}, (LATIN1,)),
    FeedCase("feed_429_retry_after_too_long", "/retry-after/feed?seconds=30",
             _fetch_error(re.escape(f"HTTP 429 after 1 attempt (Retry-After 30 s would pass the "
                                    f"{FETCH_DEADLINE} s fetch deadline)")),
             {"/retry-after/feed": 1}),
    FeedCase("feed_503_always", "/status/503/feed", _fetch_error(re.escape(f"HTTP 503 after {MAX_ATTEMPTS} attempts")),
             {"/status/503/feed": MAX_ATTEMPTS}),
    FeedCase("feed_404", "/status/404/feed", _fetch_error(re.escape("HTTP 404")), {"/status/404/feed": 1}),
    FeedCase("feed_drip", "/drip/feed?bytes=600&interval=0.1",
             _fetch_error(re.escape(f"timeout (the {FETCH_DEADLINE} s fetch deadline passed while reading the body) "
                                    f"after 1 attempt (the next retry would pass the {FETCH_DEADLINE} s fetch "
                                    "deadline)")),
             {"/drip/feed": 1}),
    FeedCase("feed_reset", "/reset/feed", _fetch_error(f"{RESET} after {MAX_ATTEMPTS} attempts"),
             {"/reset/feed": MAX_ATTEMPTS}),
    FeedCase("feed_closed", "/close/feed", _fetch_error(f"{RESET} after {MAX_ATTEMPTS} attempts"),
             {"/close/feed": MAX_ATTEMPTS}),
    FeedCase("feed_redirect_loop", "/loop/a", _fetch_error(re.escape("redirect loop at ") + "{url}"),
             {"/loop/a": 1, "/loop/b": 1}),
    FeedCase("feed_too_many_redirects", "/redirect/9", _fetch_error(re.escape(f"more than {MAX_REDIRECTS} redirects")),
             {"/redirect/9": 1, "/redirect/8": 1, "/redirect/7": 1, "/redirect/6": 1, "/redirect/5": 0}),
    FeedCase("feed_oversized", f"/big/feed?bytes={2 * MAX_BYTES}",
             _fetch_error(re.escape(f"body of {2 * MAX_BYTES} bytes exceeds the {MAX_BYTES}-byte limit")),
             {"/big/feed": 1}),
    FeedCase("feed_oversized_undeclared", f"/big/undeclared?bytes={2 * MAX_BYTES}&declare=0",
             _fetch_error(re.escape(f"body exceeds the {MAX_BYTES}-byte limit")), {"/big/undeclared": 1}),
    FeedCase("feed_gzip_bomb", "/gzip-bomb/feed", _fetch_error(re.escape(f"body exceeds the {MAX_BYTES}-byte limit")),
             {"/gzip-bomb/feed": 1}),
    FeedCase("feed_html", "/html-feed/feed", _parse_error(re.escape("an HTML page, not an RSS or Atom feed") + r"( \(.+\))?"),
             {"/html-feed/feed": 1}),
    FeedCase("feed_empty", "/empty/feed", _parse_error(re.escape("empty body")), {"/empty/feed": 1}),
    FeedCase("feed_billion_laughs", "/billion-laughs/feed",
             _parse_error(re.escape("refused: the DTD declares entity 'lol1' that refers to other entities") + ".*"),
             {"/billion-laughs/feed": 1}),
]

GOOD = [Story("accra-raid", _at(6), "Accra", 10), Story("lagos-raid", _at(7), "Lagos", 11),
        Story("kano-raid", _at(10), "Kano", 13)]
FLAKY_PAGE = Story("page-after-500", _at(11), "Jos", 16)
PATIENT_PAGE = Story("page-after-429", _at(12), "Enugu", 17)

PAGE_CASES = [
    *[PageCase(f"page_ok_{s.slug}", BASE + s.path, None, 1, s) for s in GOOD],
    PageCase("page_500_then_200", f"{BASE}{FLAKY_PAGE.path}?fails=1&status=500", None, 2, FLAKY_PAGE),
    PageCase("page_429_retry_after", f"{BASE}{PATIENT_PAGE.path}?fails=1&status=429&retry_after=1", None, 2,
             PATIENT_PAGE),
    PageCase("page_reset", f"{BASE}/reset/page", f"{RESET} after {MAX_ATTEMPTS} attempts", MAX_ATTEMPTS),
    PageCase("page_stall", f"{BASE}/stall/page?after=10", re.escape(f"timeout (ReadTimeout) after {MAX_ATTEMPTS} attempts"),
             MAX_ATTEMPTS),
    PageCase("page_oversized", f"{BASE}/big/page?bytes={2 * MAX_BYTES}",
             re.escape(f"body of {2 * MAX_BYTES} bytes exceeds the {MAX_BYTES}-byte limit"), 1),
    PageCase("page_gzip_bomb", f"{BASE}/gzip-bomb/page", re.escape(f"body exceeds the {MAX_BYTES}-byte limit"), 1),
    PageCase("page_404", f"{BASE}/status/404/page", re.escape("HTTP 404"), 1),
]
HEALTHY = "wire"


# ------------------------------------------------------------------------------ the site served

def _item(guid: str, title: str, link: str, published: datetime | None) -> str:
    pub = f"<pubDate>{format_datetime(published)}</pubDate>" if published else ""
    return (f'<item><title>{escape(title)}</title><guid isPermaLink="false">{escape(guid)}</guid>'
            f"<link>{escape(link)}</link>{pub}</item>")


def _rss(items: Iterable[str]) -> str:
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Fault wire</title>'
            f"<link>{BASE}/</link><description>test</description>{''.join(items)}</channel></rss>")


def _site_route(site: Path, base_url: str) -> Handler:
    """Serve ``site``'s feeds and pages with ``${NEWSMON_SAMPLE_URL}`` filled in. ``?fails=N&status=S``
    answers S for the first N hits of a path (``&retry_after=R`` adds a Retry-After header), so a
    real feed or page can be served after a 500 or a 429."""
    def serve(request: FaultHandler, hit: int) -> None:
        if hit <= int(request.param("fails", "0")):
            retry_after = request.param("retry_after", "")
            request.respond(int(request.param("status", "500")), b"not now",
                            {"Retry-After": retry_after} if retry_after else {})
            return
        file = site / request.route_path.lstrip("/")
        if not file.is_file():
            request.respond(404, b"not here")
            return
        body = file.read_bytes().replace(BASE.encode("ascii"), base_url.encode("ascii"))
        kind = "application/rss+xml; charset=utf-8" if file.suffix == ".rss" else "text/html; charset=utf-8"
        request.respond(200, body, {"Content-Type": kind})

    return serve


def _serve_site(server: FaultServer, site: Path) -> None:
    handler = _site_route(site, server.base_url)
    server.add_route("feeds", handler)
    server.add_route("articles", handler)


def _write_sources(path: Path, rows: Iterable[tuple[str, str, bool]]) -> Path:
    """A sources file of (id, url, allow_private) rows, none pausing between requests."""
    lines = []
    for source_id, url, allow_private in rows:
        lines.append(f"- id: {source_id}\n  url: {url}\n  language: en\n  min_delay: 0\n")
        if allow_private:
            lines.append("  allow_private: true\n")
    path.write_text("".join(lines), encoding="utf-8")
    return path


def _set_limits(env: pytest.MonkeyPatch, sources: Path, root: Path) -> None:
    env.setenv("NEWSMON_SOURCES", str(sources))
    env.setenv("NEWSMON_DATA_ROOT", str(root))
    for name, value in LIMITS.items():
        env.setenv(name, value)


def _articles(root: Path) -> dict[tuple[str, str], dict[str, Any]]:
    """The day's ``articles`` rows by (source_id, entry_id)."""
    folder = root / "articles" / f"dt={DAY.isoformat()}"
    rows = ds.dataset(folder, format="parquet").to_table().to_pylist() if folder.is_dir() else []
    return {(r["source_id"], r["entry_id"]): r for r in rows}


def _stored_reports(root: Path) -> dict[str, dict[str, Any]]:
    """The day's ``reports`` rows by source_id, read with duckdb (one row per source: one run)."""
    glob = root / "reports" / f"dt={DAY.isoformat()}" / "*.parquet"
    relation = duckdb.sql(f"select source_id, status, error, duration_s, articles_extracted, articles_failed, "
                          f"pages_failed, skip_reasons, entries_skipped, entry_skip_reasons from read_parquet('{glob}') order by source_id")
    assert relation is not None
    names = relation.columns
    rows = [dict(zip(names, values, strict=True)) for values in relation.fetchall()]
    assert len({r["source_id"] for r in rows}) == len(rows), "one run per source: one report row each"
    return {r["source_id"]: r for r in rows}


def _peak_rss() -> int:
    """The process's peak resident memory so far, in bytes (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


# ------------------------------------------------------------------------------------- the run

@dataclass
class DayRun:
    server: FaultServer
    root: Path
    reports: dict[str, dict[str, Any]]          # returned by run_day, by source id
    expected: list[str]
    stored: dict[str, dict[str, Any]]           # the reports table
    articles: dict[tuple[str, str], dict[str, Any]]
    peak_growth: int
    feed_urls: dict[str, str]                   # by source id


@pytest.fixture(scope="module")
def day_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DayRun]:
    tmp = tmp_path_factory.mktemp("faults")
    site, root = tmp / "site", tmp / "data"
    with fault_server() as server:
        _serve_site(server, site)
        # write_site writes every page; the healthy feed is ours, as its links point at fault routes
        write_site(site, [*GOOD, FLAKY_PAGE, PATIENT_PAGE], feed="unused.rss")
        (site / "feeds" / "wire.rss").write_text(
            _rss([*(_item(case.name, case.name, case.link, case.story.published if case.story else _at(13))
                    for case in PAGE_CASES),
                  _item("bad-link", "A link to nowhere", "javascript:alert(1)", _at(14))]), encoding="utf-8")
        write_site(site, [RECOVERED], feed="recover.rss")
        write_site(site, [PATIENT], feed="patient.rss")
        write_site(site, [LATIN1], feed="unused.rss")
        # the fault server's wrong-charset feed, its link pointed at a local page instead of example.org
        (site / "feeds" / "latin1.rss").write_bytes(
            LATIN1_FEED.replace(b"http://example.org/a", (BASE + LATIN1.path).encode("ascii")))

        feed_urls = {HEALTHY: server.url("/feeds/wire.rss"), **{c.source_id: server.url(c.path) for c in FEED_CASES}}
        sources = _write_sources(tmp / "sources.yaml", [(sid, url, True) for sid, url in feed_urls.items()])
        with pytest.MonkeyPatch.context() as env:
            _set_limits(env, sources, root)
            before = _peak_rss()
            reports, expected = run_day(Runtime(Settings.from_env()), DAY)
            growth = _peak_rss() - before
        yield DayRun(server=server, root=root, reports={r["source_id"]: r for r in reports}, expected=expected,
                     stored=_stored_reports(root), articles=_articles(root), peak_growth=growth,
                     feed_urls=feed_urls)


def test_run_day_reports_every_source_once(day_run: DayRun) -> None:
    assert day_run.expected == [HEALTHY, *(c.source_id for c in FEED_CASES)]
    assert set(day_run.reports) == set(day_run.stored) == set(day_run.expected)


@pytest.mark.parametrize("case", FEED_CASES, ids=lambda c: c.source_id)
def test_feed_fault_is_recorded_with_its_reason(day_run: DayRun, case: FeedCase) -> None:
    returned, stored = day_run.reports[case.source_id], day_run.stored[case.source_id]
    url = day_run.feed_urls[case.source_id]
    if case.error is None:
        assert (returned["status"], returned["error"]) == ("ok", None)
        assert (stored["status"], stored["error"]) == ("ok", None)
        assert returned["articles_extracted"] == stored["articles_extracted"] == len(case.stories)
    else:
        pattern = case.error.replace("{url}", re.escape(url))
        assert returned["status"] == stored["status"] == "failed"
        assert re.fullmatch(pattern, returned["error"]), returned["error"]
        assert stored["error"] == returned["error"]
        assert not [key for key in day_run.articles if key[0] == case.source_id]
    assert stored["duration_s"] < ENDS_WITHIN
    assert {path: day_run.server.hits(path) for path in case.hits} == case.hits


@pytest.mark.parametrize("case", PAGE_CASES, ids=lambda c: c.name)
def test_page_fault_fails_its_article_only(day_run: DayRun, case: PageCase) -> None:
    article = day_run.articles[(HEALTHY, case.name)]
    path = case.link.removeprefix(BASE).split("?", 1)[0]
    assert day_run.server.hits(path) == case.hits
    if case.skip_reason is None:
        assert (article["status"], article["skip_reason"]) == ("extracted", None)
        assert case.story is not None and case.story.sentence in article["text"]
    else:
        assert article["status"] == "failed" and article["text"] is None
        assert re.fullmatch(case.skip_reason, article["skip_reason"]), article["skip_reason"]


def test_healthy_source_stores_every_good_article_and_counts_the_failures(day_run: DayRun) -> None:
    returned, stored = day_run.reports[HEALTHY], day_run.stored[HEALTHY]
    failing = [c for c in PAGE_CASES if c.skip_reason is not None]
    assert (returned["status"], returned["error"]) == ("ok", None)
    assert returned["entries_in_day"] == len(PAGE_CASES)
    # the entry without a usable link is skipped by the feed policy, with its reason, and the rest is read
    assert returned["entries_skipped"] == stored["entries_skipped"] == 1
    assert json.loads(stored["entry_skip_reasons"]) == [
        f"entry {len(PAGE_CASES) + 1}: link is not http(s): 'javascript:alert(1)'"]
    assert returned["articles_extracted"] == stored["articles_extracted"] == len(PAGE_CASES) - len(failing)
    assert returned["articles_failed"] == stored["articles_failed"] == len(failing)
    assert returned["pages_failed"] == stored["pages_failed"] == len(failing)
    reasons = {day_run.articles[(HEALTHY, c.name)]["skip_reason"] for c in failing}
    assert returned["skip_reasons"] == {reason: 1 for reason in reasons}
    # a stalled page would hold the source until the server stops: its limits ended it
    assert stored["duration_s"] < 2 * ENDS_WITHIN


def test_every_other_source_stores_all_its_articles(day_run: DayRun) -> None:
    extracted = {key for key, row in day_run.articles.items() if row["status"] == "extracted"}
    expected = {(HEALTHY, c.name) for c in PAGE_CASES if c.skip_reason is None}
    for case in FEED_CASES:
        for story in case.stories:
            # the latin-1 feed's entry has no guid: its link is its id
            entry = story.slug if story is not LATIN1 else day_run.server.url(LATIN1.path)
            expected.add((case.source_id, entry))
    assert extracted == expected
    assert all(day_run.articles[key]["text"] for key in expected)


def test_wrong_charset_feed_is_read_as_latin1(day_run: DayRun) -> None:
    (article,) = [a for (source, _), a in day_run.articles.items() if source == "feed_wrong_charset"]
    assert article["title"] == "Gendarmerie: 12 arrestations \u00e0 Orl\u00e9ans"


def test_no_fault_blows_up_memory(day_run: DayRun) -> None:
    assert day_run.peak_growth < MAX_PEAK_GROWTH


def test_check_run_passes_within_the_configured_failed_share(day_run: DayRun, monkeypatch: pytest.MonkeyPatch) -> None:
    failed = sorted(s for s, r in day_run.reports.items() if r["status"] != "ok")
    assert FAIL_SHARE < len(failed) / len(day_run.expected) <= PASS_SHARE
    monkeypatch.setenv("NEWSMON_MAX_FAILED_SHARE", str(PASS_SHARE))
    summary = check_run(list(day_run.reports.values()), day_run.expected, DAY, Settings.from_env())
    assert summary["failed_sources"] == failed == sorted(c.source_id for c in FEED_CASES if c.error is not None)
    assert summary["articles"] == sum(r["articles_extracted"] for r in day_run.reports.values())


def test_check_run_fails_above_a_lower_failed_share(day_run: DayRun, monkeypatch: pytest.MonkeyPatch) -> None:
    failed = sorted(s for s, r in day_run.reports.items() if r["status"] != "ok")
    monkeypatch.setenv("NEWSMON_MAX_FAILED_SHARE", str(FAIL_SHARE))
    with pytest.raises(RunCheckError) as caught:
        check_run(list(day_run.reports.values()), day_run.expected, DAY, Settings.from_env())
    assert str(caught.value) == f"{DAY}: {len(failed)} of {len(day_run.expected)} sources failed: {', '.join(failed)}"


# ----------------------------------------------------------------- refusals: SSRF guard, robots

def test_source_without_allow_private_is_refused_by_the_ssrf_guard(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site, root = tmp_path / "site", tmp_path / "data"
    stories = GOOD[:2]
    write_site(site, stories, feed="open.rss")
    write_site(site, stories, feed="guarded.rss")
    with fault_server() as server:
        _serve_site(server, site)
        sources = _write_sources(tmp_path / "sources.yaml", [
            ("open", server.url("/feeds/open.rss"), True), ("guarded", server.url("/feeds/guarded.rss"), False)])
        _set_limits(monkeypatch, sources, root)
        reports, expected = run_day(Runtime(Settings.from_env()), DAY)
        by_id = {r["source_id"]: r for r in reports}
        assert server.hits("/feeds/guarded.rss") == 0     # refused before any connection
        assert server.hits("/robots.txt") == 1            # the open source's only
    assert by_id["guarded"]["status"] == _stored_reports(root)["guarded"]["status"] == "failed"
    assert "not a public address" in by_id["guarded"]["error"], by_id["guarded"]["error"]
    assert by_id["guarded"]["error"] == _stored_reports(root)["guarded"]["error"]
    assert by_id["open"]["status"] == "ok" and by_id["open"]["articles_extracted"] == len(stories)
    assert {e for (s, e), a in _articles(root).items() if a["status"] == "extracted"} == {s.slug for s in stories}
    assert check_run(reports, expected, DAY, Settings.from_env())["failed_sources"] == ["guarded"]


def test_robots_txt_disallow_fails_the_article_and_the_feed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site, root = tmp_path / "site", tmp_path / "data"
    public, private = GOOD[0], Story("private-raid", _at(8), "Abuja", 20)
    write_site(site, [public, private], feed="wire.rss")
    write_site(site, [public], feed="blocked.rss")
    robots = f"User-agent: *\nDisallow: /articles/{private.slug}\nDisallow: /feeds/blocked.rss\n".encode()
    with fault_server() as server:
        _serve_site(server, site)
        server.add_route("robots.txt", lambda request, hit: request.respond(200, robots, {"Content-Type": "text/plain"}))
        blocked_url = server.url("/feeds/blocked.rss")
        sources = _write_sources(tmp_path / "sources.yaml", [
            ("wire", server.url("/feeds/wire.rss"), True), ("blocked", blocked_url, True)])
        _set_limits(monkeypatch, sources, root)
        reports, _ = run_day(Runtime(Settings.from_env()), DAY)
        assert server.hits(private.path) == 0 and server.hits("/feeds/blocked.rss") == 0
        assert server.hits(public.path) == 1
    by_id, stored, articles = {r["source_id"]: r for r in reports}, _stored_reports(root), _articles(root)
    assert by_id["blocked"]["error"] == stored["blocked"]["error"] == f"FetchError: disallowed by robots.txt: {blocked_url}"
    assert by_id["wire"]["status"] == "ok"
    assert articles[("wire", public.slug)]["status"] == "extracted"
    assert (articles[("wire", private.slug)]["status"], articles[("wire", private.slug)]["skip_reason"]) == (
        "failed", "disallowed by robots.txt")
    assert stored["wire"]["skip_reasons"] == '{"disallowed by robots.txt": 1}'


@pytest.mark.parametrize(("fetch_deadline", "source_deadline", "limit"), [
    ("5", "2", "the 2 s source deadline"),      # the source's budget is the nearer limit
    ("1", "30", "the 1 s fetch deadline"),      # the configured fetch deadline is
])
def test_a_dripping_robots_txt_ends_the_source_within_its_limits(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fetch_deadline: str, source_deadline: str, limit: str) -> None:
    site, root = tmp_path / "site", tmp_path / "data"
    write_site(site, GOOD[:1], feed="wire.rss")
    with fault_server() as server:
        _serve_site(server, site)
        server.add_route("robots.txt", dripping(total=600, interval=0.1))   # 60 s if nothing cut it
        feed_url = server.url("/feeds/wire.rss")
        sources = _write_sources(tmp_path / "sources.yaml", [("wire", feed_url, True)])
        _set_limits(monkeypatch, sources, root)
        monkeypatch.setenv("NEWSMON_FETCH_DEADLINE", fetch_deadline)
        monkeypatch.setenv("NEWSMON_SOURCE_DEADLINE", source_deadline)
        (report,), _ = run_day(Runtime(Settings.from_env()), DAY)
        assert server.hits("/feeds/wire.rss") == 0       # robots.txt never answered: the origin is off limits
    assert report["status"] == "failed"
    assert report["error"].startswith(f"FetchError: robots.txt of {server.url('')[:-1]} unreachable (timeout ({limit} "
                                      "passed while reading the body) after 1 attempt"), report["error"]
    assert f"(the next retry would pass {limit})" in report["error"]
    assert _stored_reports(root)["wire"]["duration_s"] < float(min(fetch_deadline, source_deadline, key=float)) + 1.0
