from __future__ import annotations

import dataclasses
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsmon.collect.feeds import MAX_ENTITY_TEXT, ParsedFeed, parse_feed, read_feed
from newsmon.errors import FeedParseError
from newsmon.models import FeedEntry, Source

FEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "feeds"
SOURCE = Source(id="fixture", url="https://news.example.org/feed.xml")
LENIENT = "not well-formed XML, read by feedparser's lenient parser"


def _parse(name: str) -> list[FeedEntry]:
    return parse_feed(SOURCE, (FEEDS / name).read_bytes())


def _read(name: str, **kwargs: str) -> ParsedFeed:
    return read_feed(SOURCE, (FEEDS / name).read_bytes(), **kwargs)


def _utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def _rss(items: str, *, channel: str = "<title>t</title><link>https://news.example.org/</link>",
         prolog: str = '<?xml version="1.0" encoding="utf-8"?>\n') -> bytes:
    return f'{prolog}<rss version="2.0"><channel>{channel}{items}</channel></rss>\n'.encode()


def _item(guid: str, title: str = "A title") -> str:
    return (f'<item><guid isPermaLink="false">{guid}</guid><title>{title}</title>'
            f"<link>https://news.example.org/{guid}.html</link></item>")


# --- well-formed feeds ------------------------------------------------------------------------------


def test_parse_feed_rss2_gives_ids_links_and_utc_dates() -> None:
    entries = _parse("rss2_basic.xml")
    assert [(e.entry_id, e.published_at) for e in entries] == [
        ("basic-1", _utc(2025, 1, 6, 9)), ("basic-2", _utc(2025, 1, 6, 13)), ("basic-3", _utc(2025, 1, 6, 6, 15)),
    ]
    assert all(e.source_id == "fixture" and e.url.startswith("https://") and e.title for e in entries)
    assert all(e.published_at is not None and e.published_at.tzinfo is not None for e in entries)


def test_parse_feed_atom_prefers_published_and_falls_back_to_updated() -> None:
    entries = _parse("atom_basic.xml")
    assert [(e.entry_id, e.published_at) for e in entries] == [
        ("tag:news.example.org,2025:atom-1", _utc(2025, 1, 7, 7)),
        ("tag:news.example.org,2025:atom-2", _utc(2025, 1, 7, 12)),
    ]


def test_parse_feed_rss1_reads_dc_date() -> None:
    entries = _parse("rss1_rdf.xml")
    assert [e.published_at for e in entries] == [_utc(2025, 1, 8, 5, 45), _utc(2025, 1, 8, 16)]
    assert entries[0].entry_id == "https://news.example.org/2025/01/08/customs-audit.html"


def test_parse_feed_falls_back_to_the_link_without_a_guid() -> None:
    entries = _parse("no_guid.xml")
    assert [e.entry_id for e in entries] == ["https://news.example.org/2025/01/09/traffic-backlog.html", "noguid-2"]


def test_parse_feed_keeps_undated_entries_without_a_date() -> None:
    (entry,) = _parse("undated.xml")
    assert entry.entry_id == "undated-1" and entry.published_at is None


def test_parse_feed_resolves_relative_links() -> None:
    assert {e.entry_id: e.url for e in _parse("relative_links.xml")} == {
        "rel-1": "https://news.example.org/articles/one.html",
        "rel-2": "https://news.example.org/world/two.html",
    }


def test_parse_feed_survives_a_wrong_encoding_declaration() -> None:
    titles = [e.title for e in _parse("latin1_declared_utf8.xml")]
    assert titles == ["Zürich police close café used for illegal betting", "São Paulo court hears Malmö shipping case"]


def test_read_feed_of_a_clean_feed_has_nothing_skipped_or_recovered() -> None:
    parsed = _read("rss2_basic.xml")
    assert (len(parsed.entries), parsed.skipped, parsed.recovered) == (3, (), None)
    assert list(parsed.entries) == _parse("rss2_basic.xml")


def test_read_feed_result_is_frozen() -> None:
    parsed = _read("rss2_basic.xml")
    with pytest.raises(dataclasses.FrozenInstanceError):
        parsed.recovered = "x"  # type: ignore[misc]


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-32"])
def test_read_feed_reads_wide_encodings(codec: str) -> None:
    text = (FEEDS / "rss2_basic.xml").read_text(encoding="utf-8").replace('encoding="utf-8"', 'encoding="utf-16"')
    parsed = read_feed(SOURCE, text.encode(codec))
    assert [e.entry_id for e in parsed.entries] == ["basic-1", "basic-2", "basic-3"]


def test_read_feed_reads_a_feed_without_encoding_declaration_as_utf8() -> None:
    # XML's default; feedparser alone, given no content type, would read ISO-8859-1 ("ZÃ¼rich")
    parsed = read_feed(SOURCE, _rss(_item("utf8-1", "Zürich café"), prolog=""))
    assert [e.title for e in parsed.entries] == ["Zürich café"] and parsed.recovered is None


# --- survivable problems: the entries are read and `recovered` names the problem ----------------------


def test_read_feed_reads_undeclared_latin1_bytes_as_windows_1252() -> None:
    parsed = read_feed(SOURCE, _rss(_item("latin-1", "Zürich café"), prolog="").replace("ü".encode(), b"\xfc")
                       .replace("é".encode(), b"\xe9"))
    assert [e.title for e in parsed.entries] == ["Zürich café"]
    assert parsed.recovered == "encoding: document declared as utf-8, but parsed as windows-1252"


@pytest.mark.parametrize(("name", "ids", "recovered"), [
    ("leading_whitespace.xml", ["ws-1", "ws-2"], "whitespace before the XML declaration"),
    ("undeclared_entities.xml", ["ent-1", "ent-3"], f"{LENIENT} (undefined entity)"),
    ("bare_ampersand.xml", ["amp-1", "amp-2"], f"{LENIENT} (not well-formed (invalid token))"),
    ("undeclared_prefix.xml", ["prefix-1"], f"{LENIENT} (unbound prefix)"),
    ("latin1_declared_utf8.xml", ["latin1-1", "latin1-2"],
     "encoding: document declared as utf-8, but parsed as windows-1252"),
    ("unclosed_root.xml", ["open-1"], f"{LENIENT} (no element found)"),
])
def test_read_feed_survives_and_names_the_problem(name: str, ids: list[str], recovered: str) -> None:
    parsed = _read(name)
    assert [e.entry_id for e in parsed.entries] == ids
    assert parsed.recovered == recovered
    assert all(e.url.startswith("https://news.example.org/") and e.title for e in parsed.entries)


def test_read_feed_whitespace_before_the_declaration_keeps_dates_and_titles() -> None:
    first, second = _read("leading_whitespace.xml").entries
    assert (first.title, first.published_at) == ("Harbour police seize 40 kg of cocaine", _utc(2025, 2, 3, 8, 30))
    assert (second.title, second.published_at) == ("Court hears fraud appeal", _utc(2025, 2, 3, 13))


def test_read_feed_whitespace_after_a_bom_is_stripped_too() -> None:
    body = b"\xef\xbb\xbf\r\n  " + (FEEDS / "rss2_basic.xml").read_bytes()
    parsed = read_feed(SOURCE, body)
    assert len(parsed.entries) == 3 and parsed.recovered == "whitespace before the XML declaration"


def test_read_feed_undeclared_entities_become_characters_and_a_bad_entry_is_only_skipped() -> None:
    parsed = _read("undeclared_entities.xml")
    assert [e.title for e in parsed.entries] == ["Café owner fined — 12,000 euros", "Customs\xa0report published"]
    assert parsed.entries[0].summary == "Police\xa0closed the café in January."
    assert parsed.skipped == ("entry 2: no link or guid",)


def test_read_feed_bare_ampersands_stay_in_titles_and_links() -> None:
    first, second = _read("bare_ampersand.xml").entries
    assert (first.title, first.url) == ("Smith & Jones charged with smuggling",
                                        "https://news.example.org/story?id=7&section=courts")
    assert second.url == "https://news.example.org/story?id=8&section=border"


def test_read_feed_accepts_an_empty_feed_whose_channel_is_ill_formed() -> None:
    body = _rss("", channel="<title>Police&nbsp;news</title><link>https://news.example.org/</link>")
    assert read_feed(SOURCE, body) == ParsedFeed(entries=(), skipped=(), recovered=f"{LENIENT} (undefined entity)")


def test_read_feed_accepts_a_server_warning_before_the_declaration() -> None:
    warning = "<br />\n<b>Warning</b>: Cannot modify header information in <b>/srv/feed.php</b><br />\n"
    parsed = read_feed(SOURCE, _rss(_item("php-1"), prolog=warning + '<?xml version="1.0"?>\n'))
    assert [e.entry_id for e in parsed.entries] == ["php-1"]
    assert parsed.recovered == f"{LENIENT} (junk after document element)"


def test_read_feed_accepts_character_and_short_text_entities() -> None:
    prolog = ('<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY site "News Example">\n'
              '<!ENTITY nbsp "&#160;">\n]>\n')
    parsed = read_feed(SOURCE, _rss(_item("ent-1", "&site;&nbsp;reports"), prolog=prolog))
    assert [e.title for e in parsed.entries] == ["News Example\xa0reports"] and parsed.recovered is None


# --- fatal problems: FeedParseError ---------------------------------------------------------------


@pytest.mark.parametrize(("name", "reason"), [
    ("broken.xml", "the document ends inside an entry: truncated? (no element found)"),
    ("not_a_feed.html", "an HTML page, not an RSS or Atom feed (mismatched tag)"),
    ("empty.xml", "empty body"),
    ("entities_bomb.xml", "refused: the DTD declares entity 'lol1' that refers to other entities"),
    ("external_entity.xml", "refused: the DTD declares external entity 'xxe'"),
    ("header_only_truncated.xml", "not well-formed XML, and no usable entry was recovered (no element found)"),
])
def test_parse_feed_raises_a_typed_error_on_unusable_input(name: str, reason: str) -> None:
    with pytest.raises(FeedParseError) as caught:
        _parse(name)
    assert caught.value.url == SOURCE.url and caught.value.reason.startswith(reason)


@pytest.mark.parametrize(("body", "reason"), [
    (b"  \n\t ", "empty body"),
    (b'{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "1", "url": "https://a.example/1"}]}',
     "JSON, not an RSS or Atom feed"),
    ((b'<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Moved</title></head>'
      b"<body><p>This feed has moved.</p></body></html>"), "an HTML page, not an RSS or Atom feed"),
    (b"Service temporarily unavailable", "not well-formed XML, and not RSS or Atom (syntax error)"),
    (b'<?xml version="1.0"?><catalog><book>Caf&eacute;</book></catalog>', "not well-formed XML, and not RSS or Atom"),
    (b'<?xml version="1.0"?><catalog><book>Cafe</book></catalog>', "not an RSS or Atom feed"),
    # ill-formed, a feed root, but no channel title or link and no usable entry: nothing to trust
    (_rss("<item><title>Caf&eacute;</title></item>", channel=""),
     "not well-formed XML, and no usable entry was recovered (undefined entity)"),
    (_rss(_item("p-1"), prolog='<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY % p SYSTEM "file:///etc/passwd">\n'
                               "%p;\n]>\n"), "refused: the DTD declares parameter entity %p"),
    (_rss(_item("long-1", "&big;"), prolog=f'<!DOCTYPE rss [\n<!ENTITY big "{"x" * (MAX_ENTITY_TEXT + 1)}">\n]>\n'),
     f"refused: the DTD declares entity 'big' of {MAX_ENTITY_TEXT + 1} bytes"),
    ("<!DOCTYPE rss [\n<!ENTITY lol '&#38;lol;'>\n]>\n<rss/>".encode("utf-16"),
     "refused: the DTD declares entity 'lol' that refers to other entities"),
])
def test_read_feed_raises_a_typed_error(body: bytes, reason: str) -> None:
    with pytest.raises(FeedParseError) as caught:
        read_feed(SOURCE, body)
    assert caught.value.url == SOURCE.url and caught.value.reason.startswith(reason)


def _laughs(levels: int) -> bytes:
    entities = '<!ENTITY lol0 "lol">\n' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">\n' for i in range(1, levels + 1))
    return _rss(_item("laugh-1", f"&lol{levels};"), channel=f"<title>&lol{levels};</title>",
                prolog=f'<?xml version="1.0"?>\n<!DOCTYPE rss [\n{entities}]>\n')


def _quadratic() -> bytes:
    """130 kB: one 100 kB text entity referenced 10,000 times, and a bare & so that expat gives up.

    Before entities were checked, feedparser's lenient parser expanded it into a 1 GB title (18 s).
    """
    prolog = f'<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY a "{"a" * 100_000}">\n]>\n'
    return _rss(_item("quad-1", "&a;" * 10_000), channel="<title>Fish & chips</title>", prolog=prolog)


@pytest.mark.parametrize("body", [_laughs(9), _quadratic()], ids=["billion_laughs", "quadratic_blowup"])
def test_read_feed_refuses_entity_expansion_quickly(body: bytes) -> None:
    started = time.perf_counter()
    with pytest.raises(FeedParseError) as caught:
        read_feed(SOURCE, body)
    assert time.perf_counter() - started < 1
    assert caught.value.reason.startswith("refused: the DTD declares entity")


def test_read_feed_never_resolves_external_entities_or_dtds(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-MARKER\n")
    dtd = tmp_path / "entities.dtd"
    dtd.write_text('<!ENTITY secret "SECRET-MARKER">\n')
    # an external entity in the internal subset is refused outright
    xxe = _rss(_item("xxe-1", "&xxe;"), prolog=f'<!DOCTYPE rss [\n<!ENTITY xxe SYSTEM "{secret.as_uri()}">\n]>\n')
    with pytest.raises(FeedParseError) as caught:
        read_feed(SOURCE, xxe)
    assert "SECRET" not in str(caught.value)
    # an external DTD is legitimate (RSS 0.91 has one) but never read: its entities stay unresolved
    for url in (dtd.as_uri(), "file:///etc/passwd"):
        body = _rss(_item("dtd-1", "&secret; news") + "<item><title>&secret;</title><description>&secret;"
                    "</description><link>https://news.example.org/x.html</link></item>",
                    prolog=f'<?xml version="1.0"?>\n<!DOCTYPE rss SYSTEM "{url}">\n')
        parsed = read_feed(SOURCE, body)
        assert [e.entry_id for e in parsed.entries] == ["dtd-1", "https://news.example.org/x.html"]
        assert "SECRET" not in repr(parsed) and "root:" not in repr(parsed)


# --- bad entries: skipped with a reason, the others survive ----------------------------------------


def test_read_feed_skips_bad_entries_with_reasons_and_keeps_feed_order() -> None:
    parsed = _read("bad_entries.xml", base_url="https://news.example.org/feeds/main.xml")
    assert [(e.entry_id, e.url, e.published_at) for e in parsed.entries] == [
        ("bad-1", "https://news.example.org/2025/02/10/good.html", _utc(2025, 2, 10, 8)),
        ("bad-6", "https://news.example.org/2025/02/10/relative.html", _utc(2025, 2, 10, 9)),
        ("bad-7", "https://news.example.org/2025/02/10/undated.html", None),   # an unreadable date is no skip
    ]
    assert parsed.skipped == (
        "entry 2: no link or guid",
        "entry 3: link is not http(s): 'javascript:alert(1)'",
        "entry 4: no link (guid 'bad-4')",
        "entry 5: repeats entry id 'bad-1' of entry 1",
        "entry 8: link is not http(s): 'mailto:desk@news.example.org'",
        "entry 9: link is not http(s): 'ftp://files.example.org/report.pdf'",
    )
    assert parsed.recovered is None
    assert parse_feed(SOURCE, (FEEDS / "bad_entries.xml").read_bytes()) == list(_read("bad_entries.xml").entries)


def test_read_feed_resolves_relative_links_against_base_url_else_the_source_url() -> None:
    mirrored = _read("bad_entries.xml", base_url="https://mirror.example.net/feeds/main.xml")
    assert mirrored.entries[1].url == "https://mirror.example.net/2025/02/10/relative.html"
    assert _read("bad_entries.xml").entries[1].url == "https://news.example.org/2025/02/10/relative.html"


def test_read_feed_skips_relative_links_without_an_http_base() -> None:
    local = Source(id="local", url="file:///srv/feeds/main.xml")
    parsed = read_feed(local, (FEEDS / "bad_entries.xml").read_bytes())
    assert [e.entry_id for e in parsed.entries] == ["bad-1", "bad-7"]
    assert "entry 6: link is not http(s): 'file:" in "\n".join(parsed.skipped)


def test_read_feed_quotes_long_links_briefly() -> None:
    link = "javascript:" + "x" * 500
    parsed = read_feed(SOURCE, _rss(f"<item><guid>long</guid><link>{link}</link></item>"))
    (reason,) = parsed.skipped
    assert reason.startswith("entry 1: link is not http(s): 'javascript:xxx") and len(reason) < 120


def test_read_feed_repeated_ids_keep_the_first_entry() -> None:
    parsed = read_feed(SOURCE, _rss(_item("dup", "first") + _item("other") + _item("dup", "second")))
    assert [(e.entry_id, e.title) for e in parsed.entries] == [("dup", "first"), ("other", "A title")]
    assert parsed.skipped == ("entry 3: repeats entry id 'dup' of entry 1",)


@pytest.mark.parametrize(("author", "expected"), [
    ("<dc:creator>Ana Reyes</dc:creator>", "Ana Reyes"),
    ("<author>desk@news.example.org (Ana Reyes)</author>", "Ana Reyes"),
    ("<author>desk@news.example.org</author>", None),                       # an address is not a name
    ("<dc:creator>  </dc:creator>", None),
    ("", None),
])
def test_an_rss_entry_names_its_author_when_the_feed_does(author: str, expected: str | None) -> None:
    item = (f'<item><guid isPermaLink="false">a1</guid><title>t</title>{author}'
            f"<link>https://news.example.org/a1.html</link></item>")
    rss = _rss(item).replace(b'<rss version="2.0">',
                             b'<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">')
    assert [e.author for e in parse_feed(SOURCE, rss)] == [expected]


def test_an_atom_entry_takes_the_name_of_its_author() -> None:
    atom = (b'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
            b"<id>urn:f</id><updated>2025-01-16T08:00:00Z</updated>"
            b"<entry><id>urn:e1</id><title>a</title><link href='https://news.example.org/e1.html'/>"
            b"<updated>2025-01-16T08:00:00Z</updated><author><name>Jun Okafor</name>"
            b"<email>jun@news.example.org</email></author></entry></feed>")
    assert [e.author for e in parse_feed(SOURCE, atom)] == ["Jun Okafor"]
