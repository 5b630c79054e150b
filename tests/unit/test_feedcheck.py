from __future__ import annotations

import os
import random
import time
from pathlib import Path

import pytest

from newsmon.cli import main
from newsmon.collect.feedcheck import MAX_FEED_BYTES, FeedCheck, check_feed

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>t</title><link>https://news.example.org/</link>
<item><guid>a-1</guid><link>https://news.example.org/a-1</link><title>One</title>
<pubDate>Mon, 06 Jan 2025 09:00:00 GMT</pubDate></item>
<item><link>https://news.example.org/a-2</link><title>Two</title></item>
<item><title>no guid, no link: skipped</title></item>
</channel></rss>
"""

LAUGHS = b'<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY lol "lol">\n' + b"".join(
    b'<!ENTITY lol%d "%s">\n' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10)
) + b"]>\n<rss version=\"2.0\"><channel><title>&lol9;</title>" \
    b"<item><title>&lol9;</title><link>https://x.example/1</link></item></channel></rss>"


def _write(tmp_path: Path, name: str, body: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(body)
    return path


def _failed(result: FeedCheck, error_type: str) -> None:
    assert (result.ok, result.entries, result.error_type) == (False, 0, error_type)
    assert result.message and "\n" not in result.line()
    assert result.line().startswith(f"error {error_type}: ")


def test_ok_rss_counts_usable_entries(tmp_path: Path) -> None:
    path = _write(tmp_path, "ok.xml", RSS)
    result = check_feed(path)
    assert result == FeedCheck(path=path, ok=True, entries=2, error_type=None, message=None, skipped=1, recovered=None)
    assert result.line() == "ok 2"


def test_recovered_feed_is_ok_and_the_line_says_only_that(tmp_path: Path) -> None:
    body = b"\n  " + RSS.replace(b"<title>One</title>", b"<title>One&nbsp;&amp; only</title>")
    result = check_feed(_write(tmp_path, "sloppy.xml", body))
    assert (result.ok, result.entries, result.skipped, result.line()) == (True, 2, 1, "ok 2")
    assert result.recovered == ("whitespace before the XML declaration; not well-formed XML, read by "
                                "feedparser's lenient parser (undefined entity)")


def test_relative_links_count_as_entries(tmp_path: Path) -> None:
    body = RSS.replace(b"https://news.example.org/a-2", b"/a-2")   # the collector resolves it against the feed URL
    assert check_feed(_write(tmp_path, "relative.xml", body)).line() == "ok 2"


def test_truncated_and_html_files_are_parse_errors(tmp_path: Path) -> None:
    truncated = check_feed(_write(tmp_path, "cut.xml", RSS[:RSS.index(b"<title>Two")]))
    _failed(truncated, "FeedParseError")
    assert (truncated.message or "").startswith("the document ends inside an entry")
    page = check_feed(_write(tmp_path, "page.html", b"<!DOCTYPE html><html><body><p>Moved<br></body></html>"))
    _failed(page, "FeedParseError")
    assert (page.message or "").startswith("an HTML page")


def test_empty_file_is_a_parse_error(tmp_path: Path) -> None:
    result = check_feed(_write(tmp_path, "empty.xml", b""))
    _failed(result, "FeedParseError")
    assert result.message == "empty body"


def test_directory_missing_path_and_fifo_are_errors(tmp_path: Path) -> None:
    _failed(check_feed(tmp_path), "IsADirectoryError")
    _failed(check_feed(tmp_path / "absent.xml"), "FileNotFoundError")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    _failed(check_feed(fifo), "NotARegularFile")   # and it must not block waiting for a writer


def test_random_binary_bytes_are_a_parse_error(tmp_path: Path) -> None:
    junk = random.Random(7).randbytes(64 * 1024)
    _failed(check_feed(_write(tmp_path, "junk.bin", junk)), "FeedParseError")


def test_billion_laughs_is_refused_quickly(tmp_path: Path) -> None:
    started = time.perf_counter()
    result = check_feed(_write(tmp_path, "laughs.xml", LAUGHS))
    assert time.perf_counter() - started < 2
    _failed(result, "FeedParseError")


def test_entity_tricks_are_refused_without_reading_anything(tmp_path: Path) -> None:
    secret = _write(tmp_path, "secret.txt", b"SECRET-MARKER")
    xxe = RSS.replace(b'<rss version="2.0">', b'<!DOCTYPE rss [\n<!ENTITY x SYSTEM "' + secret.as_uri().encode()
                      + b'">\n]>\n<rss version="2.0">').replace(b"<title>One</title>", b"<title>&x;</title>")
    quadratic = RSS.replace(b'<rss version="2.0">', b'<!DOCTYPE rss [\n<!ENTITY a "' + b"a" * 100_000
                            + b'">\n]>\n<rss version="2.0">').replace(b"<title>One</title>",
                                                                        b"<title>&amp & " + b"&a;" * 10_000 + b"</title>")
    started = time.perf_counter()
    for name, body in (("xxe.xml", xxe), ("quadratic.xml", quadratic)):
        result = check_feed(_write(tmp_path, name, body))
        _failed(result, "FeedParseError")
        assert (result.message or "").startswith("refused: the DTD declares") and "SECRET" not in result.line()
    assert time.perf_counter() - started < 2


def test_too_large_file_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.xml"
    with path.open("wb") as handle:   # sparse: no disk space, no time
        handle.truncate(MAX_FEED_BYTES + 1)
    result = check_feed(path)
    _failed(result, "FeedTooLarge")
    assert f"{MAX_FEED_BYTES:,}" in (result.message or "")
    _failed(check_feed(_write(tmp_path, "small.xml", RSS), max_bytes=100), "FeedTooLarge")


def test_slow_junk_hits_the_deadline(tmp_path: Path) -> None:
    path = _write(tmp_path, "slow.xml", b"<a" * 200_000)   # ~1.6 s in feedparser's loose parser
    started = time.perf_counter()
    result = check_feed(path, timeout=0.1)
    assert time.perf_counter() - started < 1
    _failed(result, "FeedTimeout")
    assert check_feed(_write(tmp_path, "ok.xml", RSS), timeout=0.1).ok   # the timer is disarmed after


def test_cli_prints_one_line_per_file_in_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ok = _write(tmp_path, "ok.xml", RSS)
    empty = _write(tmp_path, "empty.xml", b"")
    junk = _write(tmp_path, "junk.bin", random.Random(1).randbytes(4096))
    assert main(["check-feed", str(ok), str(empty), str(tmp_path), str(tmp_path / "no.xml"), str(junk)]) == 1
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert [line.split("\t")[0] for line in lines] == [str(ok), str(empty), str(tmp_path), str(tmp_path / "no.xml"),
                                                       str(junk)]
    assert [line.split("\t", 1)[1].split(":")[0] for line in lines] == [
        "ok 2", "error FeedParseError", "error IsADirectoryError", "error FileNotFoundError", "error FeedParseError",
    ]
    assert "Traceback" not in out + err


def test_cli_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ok = _write(tmp_path, "ok.xml", RSS)
    assert main(["check-feed", str(ok), str(ok)]) == 0
    assert capsys.readouterr().out == f"{ok}\tok 2\n{ok}\tok 2\n"
    with pytest.raises(SystemExit) as usage:
        main(["check-feed"])
    assert usage.value.code == 2
    out, err = capsys.readouterr()
    assert "usage:" in err and "Traceback" not in out + err


@pytest.mark.shared
def test_the_whole_shared_feed_corpus_is_accounted_for(shared_dir: Path) -> None:
    corpus = shared_dir / "corpora" / "feeds"
    if not corpus.is_dir():
        pytest.skip("no feed corpus under ../shared")
    files = sorted(p for p in corpus.rglob("*") if p.is_file())
    assert len(files) > 2000
    results = [check_feed(path) for path in files]   # must not raise
    assert [r.path for r in results] == files
    assert all(r.ok != bool(r.error_type) for r in results)
    assert sum(r.ok for r in results) > len(files) // 2
    assert not any(r.error_type == "FeedTimeout" for r in results)


@pytest.mark.shared
def test_shared_corpus_real_feeds_with_survivable_problems_are_read(shared_dir: Path) -> None:
    corpus = shared_dir / "corpora" / "feeds"
    if not corpus.is_dir():
        pytest.skip("no feed corpus under ../shared")
    expected = {   # file: (line, what was tolerated)
        "feedjira/spec/sample_feeds/TechCrunch.xml": ("ok 20", "whitespace before the XML declaration"),
        "feedjira/spec/sample_feeds/PaulDixExplainsNothingWFW.xml": ("ok 5", "(unbound prefix)"),
        "feed-rs/feed-rs/fixture/rss2/rss_2.0_dbengines.xml": ("ok 1", "(undefined entity)"),
        "node-feedparser/test/feeds/saxerror.xml": ("ok 3", "(not well-formed (invalid token))"),
        "node-feedparser/test/feeds/tpm.atom": ("ok 20", None),   # root-relative links
    }
    for name, (line, recovered) in expected.items():
        path = corpus / name
        if not path.is_file():
            pytest.skip(f"{name} is not in the corpus")
        result = check_feed(path)
        assert result.line() == line, name
        assert (result.recovered or "").endswith(recovered or "") and bool(result.recovered) == bool(recovered), name
    for name in ("node-feedparser/test/feeds/notafeed.html", "rss-parser/test/input/unrecognized.rss",
                 "feedjira/spec/sample_feeds/TechCrunchFirstEntry.xml", "rss-parser/test/output/guardian.json"):
        if (corpus / name).is_file():
            assert check_feed(corpus / name).error_type == "FeedParseError", name
