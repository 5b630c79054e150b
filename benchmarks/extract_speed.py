"""Extraction speed: documents per second of ``newsmon.extract.extractor.extract``, one core.

    PYTHONPATH=include .venv/bin/python benchmarks/extract_speed.py [--repeat 3]

Corpora, from ``../shared`` (each is skipped with a message when absent):

- ``dev`` and ``dev2``: the evaluation excerpts (nearly every one holds figures);
- ``html``: the 181 main texts of ``corpora/html/ground-truth.json``, ordinary news pages of which
  most hold no enforcement figure at all (what a crawler mostly sees).

Prints, per corpus, documents, the median documents per second over ``--repeat`` runs (each run
extracts every document once, after one warm-up pass), and the share of documents with a figure.
"""
from __future__ import annotations

import argparse
import json
import statistics
import time
from datetime import date
from pathlib import Path

from newsmon.extract.documents import read_documents
from newsmon.extract.extractor import extract

SHARED = Path(__file__).resolve().parents[2] / "shared"


def _corpora() -> dict[str, list[tuple[str, date | None]]]:
    found: dict[str, list[tuple[str, date | None]]] = {}
    for name in ("dev", "dev2"):
        path = SHARED / "eval" / f"{name}.docs.jsonl"
        if path.is_file():
            found[name] = [(doc.text, doc.published) for doc in read_documents(path)]
        else:
            print(f"({path} is absent)")
    truth = SHARED / "corpora" / "html" / "ground-truth.json"
    if truth.is_file():
        pages = json.loads(truth.read_text(encoding="utf-8"))
        found["html"] = [(page["articleBody"], None) for page in pages.values()]
    else:
        print(f"({truth} is absent)")
    return found


def _rate(docs: list[tuple[str, date | None]]) -> float:
    started = time.perf_counter()
    for text, published in docs:
        extract(text, published)
    return len(docs) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"{'corpus':8s} {'docs':>5s} {'docs/s (median)':>16s}  runs  with figures")
    for name, docs in _corpora().items():
        with_figures = sum(bool(extract(text, published).figures) for text, published in docs)  # warm-up
        rates = [_rate(docs) for _ in range(args.repeat)]
        shown = ", ".join(f"{r:.1f}" for r in rates)
        print(f"{name:8s} {len(docs):5d} {statistics.median(rates):16.1f}  {shown}  {with_figures}/{len(docs)}")


if __name__ == "__main__":
    main()
