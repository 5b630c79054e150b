"""Decode fetched HTML to text, whatever its declarations say. Pure.

Servers get charsets wrong both ways: a page labelled UTF-8 that is Windows-1252, a page labelled
ISO-8859-1 that is UTF-8, or no label at all. The order, close to the HTML standard's:

1. a byte-order mark;
2. the charset of the Content-Type header, then the page's own ``<meta charset>`` or
   ``http-equiv`` declaration, each used only when the bytes decode under it without error;
   a Latin-1 family label on bytes that are valid UTF-8 with non-ASCII characters is taken as
   the common mislabel it is, and UTF-8 wins;
3. statistical detection (charset-normalizer);
4. UTF-8 with replacement characters, so that decoding never fails.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.IGNORECASE)
_HEADER = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_:.\-]+)""", re.IGNORECASE)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_LATIN = {"iso8859-1", "latin-1", "ascii", "cp1252", "iso8859-15"}
_PREFIX = 4096
# Browsers read these labels as Windows-1252 (its printable 0x80-0x9F); Latin-1 when that fails.
_WEB_NAMES = {"iso8859-1": ("cp1252", "iso8859-1"), "ascii": ("cp1252", "iso8859-1")}


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str          # the codec used, by Python's name
    how: str               # "bom", "header", "meta", "utf-8 over a Latin-1 label", "detected" or "fallback"


def decode_html(body: bytes, content_type: str | None) -> Decoded:
    """The page's text, and which evidence decided its encoding."""
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return Decoded(body[len(bom):].decode(encoding, errors="replace"), encoding, "bom")
    declared = [("header", _codec(_HEADER.search(content_type or ""))),
                ("meta", _codec(_META.search(body[:_PREFIX])))]
    for how, label in declared:
        if label is None:
            continue
        if label in _LATIN and _is_utf8_beyond_ascii(body):
            return Decoded(body.decode("utf-8"), "utf-8", "utf-8 over a Latin-1 label")
        for codec in _WEB_NAMES.get(label, (label,)):
            try:
                return Decoded(body.decode(codec), codec, how)
            except (UnicodeDecodeError, LookupError):
                continue
    best = from_bytes(body[:200_000]).best()
    if best is not None and best.encoding:
        try:
            return Decoded(body.decode(best.encoding), best.encoding, "detected")
        except (UnicodeDecodeError, LookupError):
            pass
    return Decoded(body.decode("utf-8", errors="replace"), "utf-8", "fallback")


def _codec(found: re.Match[bytes] | re.Match[str] | None) -> str | None:
    """Python's codec name for a declared charset; None when absent or unknown."""
    if found is None:
        return None
    label = found.group(1)
    name = label.decode("ascii", "replace") if isinstance(label, bytes) else label
    try:
        return codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None


def _is_utf8_beyond_ascii(body: bytes) -> bool:
    if body.isascii():
        return False
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
