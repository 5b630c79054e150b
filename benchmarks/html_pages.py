"""The 181 real article pages of ``../shared/corpora/html`` with their true main text, for benchmarks."""
from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "html"
OWN_PAGES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "clean_pages"
_TOKEN = re.compile(r"\w+")
_CANONICAL = re.compile(rb'<link[^>]+rel="canonical"[^>]+href="([^"]+)"')


@dataclass(frozen=True)
class Page:
    key: str
    url: str
    html: bytes
    truth: str


def load_pages() -> list[Page]:
    """Every page, decompressed up front so no benchmark times gzip; [] when the corpus is absent."""
    truth_file = CORPUS / "ground-truth.json"
    if not truth_file.is_file():
        return []
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    return [Page(key, item["url"], gzip.decompress((CORPUS / "html" / f"{key}.html.gz").read_bytes()),
                 item["articleBody"])
            for key, item in sorted(truth.items())]


def load_own_pages() -> list[Page]:
    """The hand-written pages of ``tests/fixtures/clean_pages``: not the ones the cleaner is scored on."""
    pages = []
    for path in sorted(OWN_PAGES.glob("*.html")):
        html = path.read_bytes()
        canonical = _CANONICAL.search(html)
        url = canonical.group(1).decode("ascii") if canonical else f"https://example.org/{path.stem}"
        pages.append(Page(path.stem, url, html, path.with_suffix(".txt").read_text(encoding="utf-8")))
    return pages


def token_f1(found: str | None, truth: str) -> float:
    """Bag-of-words F1 of ``found`` against ``truth`` (lower-cased word tokens); 0.0 for nothing found."""
    got, want = Counter(_TOKEN.findall((found or "").lower())), Counter(_TOKEN.findall(truth.lower()))
    overlap = sum((got & want).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(got.values()), overlap / sum(want.values())
    return 2 * precision * recall / (precision + recall)
