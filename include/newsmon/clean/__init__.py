"""Fetched page bytes -> main text and metadata: charset decoding and trafilatura. Pure."""
from __future__ import annotations

from newsmon.clean.charsets import Decoded, decode_html
from newsmon.clean.main_text import Cleaned, clean_article

__all__ = ["Cleaned", "Decoded", "clean_article", "decode_html"]
