from __future__ import annotations

import gzip
import io
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO, cast

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsmon.collect.warc import WarcError, WarcPage, read_warc, summarize_warc
from newsmon.errors import NewsmonError

DAY = datetime(2025, 1, 6, tzinfo=UTC)
NEXT_DAY = datetime(2025, 1, 7, tzinfo=UTC)
MAX_BODY = 4096
HTML = "text/html; charset=utf-8"


def _html(title: str) -> bytes:
    return f"<!doctype html><html><head><title>{title}</title></head><body><p>{title}</p></body></html>".encode()


@dataclass(frozen=True)
class _Capture:
    """One record to write: a response unless ``kind`` says otherwise."""

    url: str
    date: str
    body: bytes = b""
    status: str = "200 OK"
    content_type: str | None = HTML
    headers: tuple[tuple[str, str], ...] = field(default=())
    kind: str = "response"


def _write(path: Path, captures: list[_Capture], *, compress: bool) -> list[int]:
    """Write the captures as a WARC file; return the file offset at which each record ends."""
    ends: list[int] = []
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=compress)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "newsmon tests"}))
        ends.append(out.tell())
        for capture in captures:
            writer.write_record(_record(writer, capture))
            ends.append(out.tell())
    return ends


def _record(writer: WARCWriter, capture: _Capture) -> object:
    warc_headers = {"WARC-Date": capture.date}
    if capture.kind == "request":
        request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example.org")], is_http_request=True)
        return writer.create_warc_record(capture.url, "request", http_headers=request,
                                         warc_headers_dict=warc_headers)
    if capture.kind != "response" or not capture.url.startswith("http"):
        return writer.create_warc_record(capture.url, capture.kind, payload=io.BytesIO(capture.body),
                                         length=len(capture.body), warc_content_type="text/plain",
                                         warc_headers_dict=warc_headers)
    headers = list(capture.headers)
    if capture.content_type is not None:
        headers.append(("Content-Type", capture.content_type))
    headers.append(("Content-Length", str(len(capture.body))))
    http = StatusAndHeaders(capture.status, headers, protocol="HTTP/1.1")
    return writer.create_warc_record(capture.url, "response", payload=io.BytesIO(capture.body),
                                     length=len(capture.body), http_headers=http,
                                     warc_headers_dict=warc_headers)


def _chunked(body: bytes, size: int = 40) -> bytes:
    parts = [body[i:i + size] for i in range(0, len(body), size)]
    return b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in parts) + b"0\r\n\r\n"


GZIPPED_HTML = _html("Gzipped: border police detain 14")
CAPTURES = [
    _Capture("https://news.example.org/2025/01/06/a.html", "2025-01-06T08:00:00Z", kind="request"),
    _Capture("https://news.example.org/2025/01/06/a.html", "2025-01-06T08:00:00Z", _html("A")),
    _Capture("https://www.example.org:8443/2025/01/06/b.html", "2025-01-06T12:30:15.250Z", _html("B"),
             content_type="application/xhtml+xml"),
    _Capture("https://other.test/2025/01/06/c.html", "2025-01-06T09:00:00Z", _html("C")),
    _Capture("https://notexample.org/2025/01/06/look-alike.html", "2025-01-06T09:30:00Z", _html("L")),
    _Capture("https://news.example.org/2025/01/07/d.html", "2025-01-07T00:00:00Z", _html("D")),
    _Capture("https://news.example.org/2025/01/05/k.html", "2025-01-05T23:59:59Z", _html("K")),
    _Capture("https://news.example.org/missing.html", "2025-01-06T10:00:00Z", _html("Not found"),
             status="404 Not Found"),
    _Capture("https://news.example.org/img/logo.png", "2025-01-06T10:05:00Z", b"\x89PNG\r\n\x1a\n" + b"\0" * 64,
             content_type="image/png"),
    _Capture("https://news.example.org/2025/01/06/huge.html", "2025-01-06T11:00:00Z",
             b"<html><body>" + b"x" * MAX_BODY + b"</body></html>"),
    _Capture("https://news.example.org/2025/01/06/exact.html", "2025-01-06T11:10:00Z", b"y" * MAX_BODY,
             content_type=None),
    _Capture("https://news.example.org/2025/01/06/gzipped.html", "2025-01-06T13:00:00Z",
             gzip.compress(GZIPPED_HTML), headers=(("Content-Encoding", "gzip"),)),
    _Capture("https://news.example.org/2025/01/06/chunked.html", "2025-01-06T14:00:00Z",
             _chunked(_html("Chunked")), headers=(("Transfer-Encoding", "chunked"),)),
    _Capture("dns:news.example.org", "2025-01-06T15:00:00Z", b"news.example.org. 300 IN A 192.0.2.1\n"),
    _Capture("https://news.example.org/2025/01/06/a.html", "2025-01-06T08:00:01Z", b"fetch time 120ms",
             kind="metadata"),
]


@pytest.fixture(params=[True, False], ids=["warc.gz", "warc"])
def warc_file(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    compress: bool = request.param
    path = tmp_path / ("cc-news.warc.gz" if compress else "cc-news.warc")
    _write(path, CAPTURES, compress=compress)
    return path


def _read(path: Path, *, hosts: Collection[str] = ()) -> list[WarcPage]:
    with path.open("rb") as stream:
        return list(read_warc(stream, start=DAY, end=NEXT_DAY, hosts=hosts, max_body=MAX_BODY))


def test_read_warc_yields_the_days_html_200_responses_in_file_order(warc_file: Path) -> None:
    pages = _read(warc_file)
    assert [p.url for p in pages] == [
        "https://news.example.org/2025/01/06/a.html",
        "https://www.example.org:8443/2025/01/06/b.html",
        "https://other.test/2025/01/06/c.html",
        "https://notexample.org/2025/01/06/look-alike.html",
        "https://news.example.org/2025/01/06/exact.html",
        "https://news.example.org/2025/01/06/gzipped.html",
        "https://news.example.org/2025/01/06/chunked.html",
    ]
    first = pages[0]
    assert first == WarcPage(url="https://news.example.org/2025/01/06/a.html",
                             captured_at=datetime(2025, 1, 6, 8, tzinfo=UTC), status=200,
                             content_type=HTML, body=_html("A"))
    assert pages[1].captured_at == datetime(2025, 1, 6, 12, 30, 15, 250000, tzinfo=UTC)
    assert pages[1].content_type == "application/xhtml+xml"
    assert all(p.status == 200 and p.captured_at.tzinfo == UTC for p in pages)


def test_read_warc_decodes_content_encoding_and_chunking(warc_file: Path) -> None:
    pages = {p.url.rsplit("/", 1)[-1]: p for p in _read(warc_file)}
    assert pages["gzipped.html"].body == GZIPPED_HTML
    assert pages["chunked.html"].body == _html("Chunked")


def test_read_warc_skips_bodies_over_max_body_but_keeps_one_of_exactly_max_body(warc_file: Path) -> None:
    pages = {p.url.rsplit("/", 1)[-1]: p for p in _read(warc_file)}
    assert "huge.html" not in pages
    assert pages["exact.html"].body == b"y" * MAX_BODY and pages["exact.html"].content_type is None
    with warc_file.open("rb") as stream:
        roomy = [p.url for p in read_warc(stream, start=DAY, end=NEXT_DAY)]
    assert "https://news.example.org/2025/01/06/huge.html" in roomy


def test_read_warc_window_is_half_open(warc_file: Path) -> None:
    with warc_file.open("rb") as stream:
        pages = list(read_warc(stream, start=datetime(2025, 1, 5, 23, 59, 59, tzinfo=UTC), end=DAY))
    assert [p.url for p in pages] == ["https://news.example.org/2025/01/05/k.html"]
    with warc_file.open("rb") as stream:
        pages = list(read_warc(stream, start=NEXT_DAY, end=datetime(2025, 1, 8, tzinfo=UTC)))
    assert [p.url for p in pages] == ["https://news.example.org/2025/01/07/d.html"]


@pytest.mark.parametrize("hosts, expected", [
    (["example.org"], ["a.html", "b.html", "exact.html", "gzipped.html", "chunked.html"]),
    (["WWW.Example.ORG:443"], ["a.html", "b.html", "exact.html", "gzipped.html", "chunked.html"]),
    (["www.example.org"], ["a.html", "b.html", "exact.html", "gzipped.html", "chunked.html"]),
    (["news.example.org"], ["a.html", "exact.html", "gzipped.html", "chunked.html"]),
    (["https://other.test/"], ["c.html"]),
    (["other.test", "notexample.org"], ["c.html", "look-alike.html"]),
    (["sub.news.example.org"], []),
    (["example"], []),
], ids=["domain", "www-and-port", "leading-www", "subdomain", "url", "two", "deeper", "partial-label"])
def test_read_warc_host_filter(warc_file: Path, hosts: list[str], expected: list[str]) -> None:
    assert [p.url.rsplit("/", 1)[-1] for p in _read(warc_file, hosts=hosts)] == expected


def test_blank_host_names_match_nothing(warc_file: Path) -> None:
    assert _read(warc_file, hosts=["", "  "]) == []


def test_empty_or_undated_responses_are_skipped_not_fatal(tmp_path: Path) -> None:
    path = tmp_path / "odd.warc.gz"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        writer.write_record(writer.create_warc_record(
            "https://news.example.org/empty.html", "response", payload=io.BytesIO(b""), length=0,
            warc_headers_dict={"WARC-Date": "2025-01-06T09:00:00Z"}))
        writer.write_record(_record(writer, _Capture("https://news.example.org/undated.html", "yesterday", _html("U"))))
        writer.write_record(_record(writer, THREE_PAGES[0]))
    with path.open("rb") as stream:
        assert [p.url for p in read_warc(stream, start=DAY, end=NEXT_DAY)] == [THREE_PAGES[0].url]
    with path.open("rb") as stream:
        assert summarize_warc(stream) == (datetime(2025, 1, 6, 1, tzinfo=UTC), datetime(2025, 1, 6, 9, tzinfo=UTC), 3)


def test_read_warc_needs_tz_aware_bounds(warc_file: Path) -> None:
    with warc_file.open("rb") as stream, pytest.raises(ValueError):
        next(read_warc(stream, start=datetime(2025, 1, 6), end=NEXT_DAY))


def test_read_warc_reads_an_unseekable_stream(tmp_path: Path) -> None:
    path = tmp_path / "piped.warc.gz"
    _write(path, CAPTURES, compress=True)

    class Pipe:
        def __init__(self, data: bytes) -> None:
            self._data = io.BytesIO(data)

        def read(self, size: int = -1) -> bytes:
            return self._data.read(size)

        def tell(self) -> int:
            raise io.UnsupportedOperation("pipe")

    pages = list(read_warc(cast(BinaryIO, Pipe(path.read_bytes())), start=DAY, end=NEXT_DAY))
    assert len(pages) == 8          # the seven kept above, and huge.html under the default max_body


def test_an_empty_file_has_no_pages(tmp_path: Path) -> None:
    path = tmp_path / "empty.warc"
    path.write_bytes(b"")
    with path.open("rb") as stream:
        assert list(read_warc(stream, start=DAY, end=NEXT_DAY)) == []
    with path.open("rb") as stream:
        assert summarize_warc(stream) == (None, None, 0)


# --- damage ----------------------------------------------------------------------------------------

THREE_PAGES = [
    _Capture(f"https://news.example.org/2025/01/06/{n}.html", f"2025-01-06T0{n}:00:00Z", _html(f"Page {n} " * 40))
    for n in (1, 2, 3)
]


@pytest.mark.parametrize("compress", [True, False], ids=["warc.gz", "warc"])
@pytest.mark.parametrize("fraction", [0.02, 0.1, 0.3, 0.5, 0.7])
def test_a_truncated_file_yields_the_intact_records_then_raises(
    tmp_path: Path, compress: bool, fraction: float,
) -> None:
    path = tmp_path / ("cut.warc.gz" if compress else "cut.warc")
    ends = _write(path, THREE_PAGES, compress=compress)
    third_start, third_end = ends[2], ends[3]
    data = path.read_bytes()
    path.write_bytes(data[:third_start + int((third_end - third_start) * fraction)])
    got: list[str] = []
    with path.open("rb") as stream, pytest.raises(WarcError) as raised:
        for page in read_warc(stream, start=DAY, end=NEXT_DAY):
            got.append(page.url)
    assert got == [THREE_PAGES[0].url, THREE_PAGES[1].url]
    assert raised.value.path == str(path) and str(path) in str(raised.value)
    assert isinstance(raised.value, NewsmonError)


@pytest.mark.parametrize("compress", [True, False], ids=["warc.gz", "warc"])
def test_every_cut_raises_after_the_intact_pages_and_never_yields_a_partial_one(
    tmp_path: Path, compress: bool,
) -> None:
    path = tmp_path / ("sweep.warc.gz" if compress else "sweep.warc")
    ends = _write(path, THREE_PAGES, compress=compress)
    data = path.read_bytes()
    expected = [capture.body for capture in THREE_PAGES]
    # A record's last bytes are framing (the gzip trailer, the CRLFs after the block): a cut there
    # may leave the payload whole and go unreported. Anywhere else it must raise.
    framing = 24 if compress else 4
    for cut in range(1, len(data)):
        intact = sum(end <= cut for end in ends[1:])
        got: list[bytes] = []
        try:
            for page in read_warc(io.BytesIO(data[:cut]), start=DAY, end=NEXT_DAY):
                got.append(page.body)
        except WarcError:
            raised = True
        else:
            raised = False
        assert got == expected[:len(got)] and len(got) >= intact, f"cut at byte {cut}"
        if not any(end - framing <= cut <= end for end in ends):
            assert raised and len(got) == intact, f"cut at byte {cut}"


@pytest.mark.parametrize("compress", [True, False], ids=["warc.gz", "warc"])
def test_a_truncated_record_outside_the_filters_still_raises(tmp_path: Path, compress: bool) -> None:
    path = tmp_path / ("cut.warc.gz" if compress else "cut.warc")
    ends = _write(path, THREE_PAGES, compress=compress)
    path.write_bytes(path.read_bytes()[:(ends[2] + ends[3]) // 2])
    with path.open("rb") as stream, pytest.raises(WarcError):
        list(read_warc(stream, start=NEXT_DAY, end=datetime(2025, 1, 8, tzinfo=UTC)))
    with path.open("rb") as stream, pytest.raises(WarcError):
        summarize_warc(stream)


def test_corrupt_gzip_data_raises_after_the_intact_records(tmp_path: Path) -> None:
    path = tmp_path / "corrupt.warc.gz"
    ends = _write(path, THREE_PAGES, compress=True)
    data = bytearray(path.read_bytes())
    middle = (ends[2] + ends[3]) // 2
    data[middle:middle + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))
    got: list[str] = []
    with path.open("rb") as stream, pytest.raises(WarcError):
        for page in read_warc(stream, start=DAY, end=NEXT_DAY):
            got.append(page.url)
    assert got == [THREE_PAGES[0].url, THREE_PAGES[1].url]


def test_garbage_between_records_raises(tmp_path: Path) -> None:
    path = tmp_path / "garbage.warc"
    ends = _write(path, THREE_PAGES, compress=False)
    data = path.read_bytes()
    path.write_bytes(data[:ends[2]] + b"this is not a WARC record\r\n\r\n" + data[ends[2]:])
    got: list[str] = []
    with path.open("rb") as stream, pytest.raises(WarcError, match="damaged"):
        for page in read_warc(stream, start=DAY, end=NEXT_DAY):
            got.append(page.url)
    assert got == [THREE_PAGES[0].url, THREE_PAGES[1].url]


@pytest.mark.parametrize("data", [
    b"<html><body>not a warc</body></html>\n",
    gzip.compress(b"<html><body>not a warc either</body></html>\n"),
    b"\x1f\x8b\x08\x00garbage",
], ids=["html", "gzipped-html", "bad-gzip"])
def test_what_is_not_a_warc_raises(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "not.warc.gz"
    path.write_bytes(data)
    with path.open("rb") as stream, pytest.raises(WarcError):
        list(read_warc(stream, start=DAY, end=NEXT_DAY))
    with path.open("rb") as stream, pytest.raises(WarcError):
        summarize_warc(stream)


def test_warc_error_names_a_nameless_stream() -> None:
    with pytest.raises(WarcError) as raised:
        list(read_warc(io.BytesIO(b"junk junk junk\r\n\r\n"), start=DAY, end=NEXT_DAY))
    assert raised.value.path == "<stream>" and raised.value.reason.startswith("damaged")


# --- summarize_warc --------------------------------------------------------------------------------

def test_summarize_warc_gives_the_span_and_count_of_http_responses(warc_file: Path) -> None:
    with warc_file.open("rb") as stream:
        earliest, latest, count = summarize_warc(stream)
    assert earliest == datetime(2025, 1, 5, 23, 59, 59, tzinfo=UTC)
    assert latest == datetime(2025, 1, 7, tzinfo=UTC)
    responses = [c for c in CAPTURES if c.kind == "response" and c.url.startswith("http")]
    assert count == len(responses) == 12


def test_summarize_warc_streams_from_an_iterator_of_pages(tmp_path: Path) -> None:
    path = tmp_path / "many.warc.gz"
    captures = [
        _Capture(f"https://news.example.org/{i}.html", f"2025-01-{1 + i % 28:02d}T12:00:00+00:00", _html(str(i)))
        for i in range(200)
    ]
    _write(path, captures, compress=True)
    with path.open("rb") as stream:
        assert summarize_warc(stream) == (
            datetime(2025, 1, 1, 12, tzinfo=UTC), datetime(2025, 1, 28, 12, tzinfo=UTC), 200,
        )


def _pages(stream: BinaryIO) -> Iterator[WarcPage]:
    return read_warc(stream, start=DAY, end=NEXT_DAY)


def test_read_warc_is_lazy(tmp_path: Path) -> None:
    path = tmp_path / "lazy.warc"
    ends = _write(path, THREE_PAGES, compress=False)
    path.write_bytes(path.read_bytes()[:ends[3] - 100])
    with path.open("rb") as stream:
        pages = _pages(stream)
        assert next(pages).url == THREE_PAGES[0].url        # the damage further on is not yet seen
        assert next(pages).url == THREE_PAGES[1].url
        with pytest.raises(WarcError, match="truncated"):
            next(pages)
