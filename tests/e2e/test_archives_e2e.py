"""Archive sources fill days that feeds no longer cover: a news sitemap served on 127.0.0.1, and
WARC files written here with warcio, as CC-NEWS publishes them."""
from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pyarrow.dataset as ds
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsmon.cli import main
from newsmon.sample import SampleSite
from tests.e2e.sitegen import BASE, Story, _page, write_site

pytestmark = pytest.mark.e2e
DAYS = [date(2025, 3, 10) + timedelta(days=n) for n in range(3)]


def _stories() -> list[Story]:
    return [Story(f"archive-{day}-{hour}", datetime(day.year, day.month, day.day, hour, tzinfo=UTC), town, n)
            for n, (day, hour, town) in enumerate([(DAYS[0], 8, "Accra"), (DAYS[1], 11, "Kumasi"),
                                                   (DAYS[1], 16, "Tamale"), (DAYS[2], 7, "Lagos")], start=5)]


def _entries(root: Path, day: date) -> set[str]:
    folder = root / "articles" / f"dt={day}"
    return {a["url"].rsplit("/", 1)[1] for a in ds.dataset(folder).to_table().to_pylist()} if folder.is_dir() else set()


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    root = tmp_path / "data"
    monkeypatch.setenv("NEWSMON_DATA_ROOT", str(root))
    monkeypatch.setenv("NEWSMON_LOOKBACK_DAYS", "0")
    yield root


def test_a_news_sitemap_index_fills_past_days(env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "site"
    stories = _stories()
    write_site(site, stories)  # the pages; the feed is not used by this source
    urls = "".join(
        f"<url><loc>{BASE}{s.path}</loc><news:news><news:publication>"
        f"<news:name>Test wire</news:name><news:language>en</news:language></news:publication>"
        f"<news:publication_date>{s.published.isoformat() if s.published else ''}</news:publication_date>"
        f"<news:title>{s.town} raid</news:title></news:news></url>" for s in stories)
    (site / "news-2025-03.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>', encoding="utf-8")
    (site / "news-2024-12.xml").write_text("this child is older than the days asked for and is never read",
                                           encoding="utf-8")
    (site / "sitemap-index.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{BASE}/news-2025-03.xml</loc><lastmod>2025-03-31</lastmod></sitemap>"
        f"<sitemap><loc>{BASE}/news-2024-12.xml</loc><lastmod>2024-12-31</lastmod></sitemap>"
        "</sitemapindex>", encoding="utf-8")
    sources = tmp_path / "sources.yaml"
    sources.write_text("- id: wire_sitemap\n  kind: sitemap\n  url: ${NEWSMON_SAMPLE_URL}/sitemap-index.xml\n"
                       "  allow_private: true\n",
                       encoding="utf-8")
    monkeypatch.setenv("NEWSMON_SOURCES", str(sources))
    with SampleSite.start(directory=site) as server:
        monkeypatch.setenv("NEWSMON_SAMPLE_URL", server.base_url)
        assert main(["--quiet", "backfill", "--from", str(DAYS[0]), "--to", str(DAYS[-1])]) == 0
    assert "backfilled 3 of 3 days" in capsys.readouterr().out
    assert _entries(env, DAYS[0]) == {"archive-2025-03-10-8.html"}
    assert _entries(env, DAYS[1]) == {"archive-2025-03-11-11.html", "archive-2025-03-11-16.html"}
    assert _entries(env, DAYS[2]) == {"archive-2025-03-12-7.html"}
    reports = ds.dataset(env / "reports", partitioning="hive").to_table().to_pylist()
    assert {str(r["reaches_back_to"]) for r in reports} == {"2025-03-10"}
    raw = ds.dataset(env / "raw" / f"dt={DAYS[0]}").to_table().to_pylist()
    assert sorted(r["url"].rsplit("/", 1)[1] for r in raw if r["kind"] == "sitemap") == [
        "news-2025-03.xml", "sitemap-index.xml"]


def _write_warc(path: Path) -> None:
    captures = [("news.example.org", s) for s in _stories()] + [
        ("other.example.com", Story("elsewhere", datetime(2025, 3, 10, 12, tzinfo=UTC), "Kano", 3))]
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for host, story in captures:
            assert story.published is not None
            body = _page(story).encode("utf-8")
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                f"https://{host}{story.path}", "response", payload=io.BytesIO(body), http_headers=headers,
                warc_headers_dict={"WARC-Date": story.published.strftime("%Y-%m-%dT%H:%M:%SZ")})
            writer.write_record(record)


def test_a_warc_file_fills_past_days_for_the_hosts_asked_for(env: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    warc = tmp_path / "CC-NEWS-20250310.warc.gz"
    _write_warc(warc)
    sources = tmp_path / "sources.yaml"
    sources.write_text(f"- id: cc_news\n  kind: warc\n  url: {warc}\n  hosts: [example.org]\n", encoding="utf-8")
    monkeypatch.setenv("NEWSMON_SOURCES", str(sources))
    assert main(["--quiet", "backfill", "--from", str(DAYS[0]), "--to", str(DAYS[1])]) == 0
    # "example.org" takes its subdomains (news.example.org) but not other.example.com
    assert _entries(env, DAYS[0]) == {"archive-2025-03-10-8.html"}
    assert _entries(env, DAYS[1]) == {"archive-2025-03-11-11.html", "archive-2025-03-11-16.html"}
    figures = ds.dataset(env / "figures", partitioning="hive").to_table().to_pylist()
    assert sorted((str(f["dt"]), f["value"]) for f in figures) == [
        ("2025-03-10", 5.0), ("2025-03-11", 6.0), ("2025-03-11", 7.0)]
    # the WARC's bytes are in raw: reprocessing needs neither the file nor the network
    first = (env / "articles" / f"dt={DAYS[1]}" / "part-cc_news.parquet").read_bytes()
    warc.unlink()
    assert main(["--quiet", "run", "--date", str(DAYS[1]), "--reprocess"]) == 0
    assert (env / "articles" / f"dt={DAYS[1]}" / "part-cc_news.parquet").read_bytes() == first


def test_a_warc_source_is_limited_to_its_hosts(env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    warc = tmp_path / "crawl.warc.gz"
    _write_warc(warc)
    sources = tmp_path / "sources.yaml"
    sources.write_text(f"- id: cc_news\n  kind: warc\n  url: {warc}\n  hosts: [other.example.com]\n",
                       encoding="utf-8")
    monkeypatch.setenv("NEWSMON_SOURCES", str(sources))
    assert main(["--quiet", "run", "--date", str(DAYS[0])]) == 0
    assert _entries(env, DAYS[0]) == {"elsewhere.html"}


def test_a_missing_warc_file_fails_the_source_with_a_reason(env: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    sources = tmp_path / "sources.yaml"
    sources.write_text(f"- id: cc_news\n  kind: warc\n  url: {tmp_path / 'absent.warc.gz'}\n", encoding="utf-8")
    monkeypatch.setenv("NEWSMON_SOURCES", str(sources))
    assert main(["--quiet", "run", "--date", str(DAYS[0])]) == 1
    assert "cannot open WARC file" in capsys.readouterr().out
    (report,) = ds.dataset(env / "reports" / f"dt={DAYS[0]}").to_table().to_pylist()
    assert report["status"] == "failed" and "cannot open WARC file" in report["error"]


def test_a_warc_file_can_come_over_http(env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    served = tmp_path / "served"
    served.mkdir()
    _write_warc(served / "crawl.warc.gz")
    sources = tmp_path / "sources.yaml"
    sources.write_text("- id: cc_news\n  kind: warc\n  url: ${NEWSMON_SAMPLE_URL}/crawl.warc.gz\n"
                       "  allow_private: true\n", encoding="utf-8")
    monkeypatch.setenv("NEWSMON_SOURCES", str(sources))
    with SampleSite.start(directory=served) as server:
        monkeypatch.setenv("NEWSMON_SAMPLE_URL", server.base_url)
        assert main(["--quiet", "run", "--date", str(DAYS[0])]) == 0
    assert _entries(env, DAYS[0]) == {"archive-2025-03-10-8.html", "elsewhere.html"}
