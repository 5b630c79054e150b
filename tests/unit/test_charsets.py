"""Pages decode right whether their charset is declared, missing or wrong."""
from __future__ import annotations

import codecs

import pytest

from newsmon.clean.charsets import decode_html

TEXT = "La gendarmerie d’Orléans a interpellé 12 personnes — « une filière » démantelée à Tours."


def _page(meta: str = "") -> str:
    return f"<html><head>{meta}<title>Orléans</title></head><body><p>{TEXT}</p></body></html>"


@pytest.mark.parametrize(("body", "content_type", "how", "encoding"), [
    (_page().encode("utf-8"), "text/html; charset=utf-8", "header", "utf-8"),
    (_page().encode("cp1252"), "text/html; charset=windows-1252", "header", "cp1252"),
    (_page('<meta charset="windows-1252">').encode("cp1252"), "text/html", "meta", "cp1252"),
    (_page('<meta http-equiv="Content-Type" content="text/html; charset=utf-8">').encode(), None, "meta", "utf-8"),
    # wrong label: says UTF-8, bytes are Windows-1252; the page's meta tells the truth
    (_page('<meta charset="windows-1252">').encode("cp1252"), "text/html; charset=UTF-8", "meta", "cp1252"),
    # wrong label: says ISO-8859-1, bytes are UTF-8
    (_page().encode("utf-8"), "text/html; charset=ISO-8859-1", "utf-8 over a Latin-1 label", "utf-8"),
    (codecs.BOM_UTF8 + _page().encode("utf-8"), "text/html; charset=iso-8859-1", "bom", "utf-8"),
    (codecs.BOM_UTF16_LE + _page().encode("utf-16-le"), None, "bom", "utf-16-le"),
])
def test_declared_and_mislabelled_pages(body: bytes, content_type: str | None, how: str, encoding: str) -> None:
    decoded = decode_html(body, content_type)
    assert (decoded.how, decoded.encoding) == (how, encoding)
    assert TEXT in decoded.text


def test_an_undeclared_page_is_detected() -> None:
    long_text = " ".join([TEXT] * 20)
    decoded = decode_html(f"<html><body><p>{long_text}</p></body></html>".encode("cp1252"), "text/html")
    assert decoded.how == "detected" and "Orléans" in decoded.text and "« une filière »" in decoded.text


def test_an_unknown_label_is_ignored_and_undecodable_bytes_never_raise() -> None:
    assert TEXT in decode_html(_page().encode(), "text/html; charset=x-made-up").text
    assert decode_html(b"\xff\xfe\xfd" * 3 + b"<p>x</p>", "text/html; charset=utf-8").text


def test_latin1_label_reads_windows_1252_punctuation() -> None:
    decoded = decode_html("<p>“Quoted” – it’s</p>".encode("cp1252"), "text/html; charset=iso-8859-1")
    assert decoded.text == "<p>“Quoted” – it’s</p>" and decoded.encoding == "cp1252"
