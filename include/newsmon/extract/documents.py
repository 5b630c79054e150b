"""Read evaluation documents (``*.docs.jsonl``): one JSON object per line with id, url, title,
published and text, as ``../shared/eval/FIGURES.md`` defines them."""
from __future__ import annotations

import calendar
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from newsmon.errors import DocumentFormatError

_FULL_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_PARTIAL_DATE = re.compile(r"\d{4}(-\d{2})?")


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    text: str
    published: date | None
    title: str | None = None
    url: str | None = None


def parse_published(raw: object) -> date | None:
    """A publication date from ``YYYY-MM-DD`` (a longer ISO timestamp is cut to its date).

    A year or a month alone (``2017``, ``2018-12``) gives the last day it covers: the article
    appeared no later than that, so "last year" and "on September 14" still resolve, to the
    right year and the latest such day. Anything else is an error.
    """
    if raw is None or raw == "":
        return None
    if not isinstance(raw, str):
        raise TypeError(f"published must be a string or null, not {raw!r}")
    full = _FULL_DATE.match(raw)
    if full:
        return date(int(full[1]), int(full[2]), int(full[3]))
    if _PARTIAL_DATE.fullmatch(raw):
        year, _, month = raw.partition("-")
        if not month:
            return date(int(year), 12, 31)
        last_day = calendar.monthrange(int(year), int(month))[1]  # ValueError for a month of 13
        return date(int(year), int(month), last_day)
    raise ValueError(f"published is not an ISO date: {raw!r}")


def read_documents(path: Path) -> Iterator[Document]:
    """Yield the documents of a ``*.docs.jsonl`` file; raise DocumentFormatError naming the bad line."""
    for n, raw in _json_lines(path, "document"):
        try:
            doc = Document(id=str(raw["id"]), text=_text(raw["text"]), published=parse_published(raw.get("published")),
                           title=raw.get("title"), url=raw.get("url"))
        except (KeyError, TypeError, ValueError) as exc:
            raise DocumentFormatError(f"{path}:{n}: not a document line ({type(exc).__name__}: {exc})") from exc
        yield doc


def read_gold(path: Path) -> dict[str, dict[str, Any]]:
    """A gold or prediction file (one ``{"id", "figures", "entities"}`` per line), by document id."""
    records: dict[str, dict[str, Any]] = {}
    for n, raw in _json_lines(path, "gold"):
        if "id" not in raw:
            raise DocumentFormatError(f"{path}:{n}: not a gold line (no id)")
        records[str(raw["id"])] = raw
    return records


def _json_lines(path: Path, what: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for each JSON object of a JSON-lines file; blank lines are skipped."""
    with path.open(encoding="utf-8") as lines:
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DocumentFormatError(f"{path}:{n}: not a {what} line (JSONDecodeError: {exc})") from exc
            if not isinstance(raw, dict):
                raise DocumentFormatError(f"{path}:{n}: not a {what} line (not a JSON object)")
            yield n, raw


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"text must be a string, not {type(value).__name__}")
    return value
