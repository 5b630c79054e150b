"""Public entry point of the figure and entity extractor.

``extract(text, published)`` returns the enforcement figures and entity mentions of one article;
``to_gold`` turns the result into the gold format of FIGURES.md so it can be scored. Pure: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from newsmon.extract.entities import read_entities
from newsmon.extract.figures import extract_figures
from newsmon.models import Figure, Mention

__all__ = ["EXTRACTOR_VERSION", "Extraction", "extract", "to_gold"]

EXTRACTOR_VERSION: str = "0.4.0"

_GOLD_KEYS = (
    "action",
    "measure",
    "unit",
    "value",
    "value_max",
    "bound",
    "currency",
    "crime",
    "crime_category",
    "period_start",
    "period_end",
    "location",
    "country",
    "agency",
    "quote",
)
_REQUIRED_KEYS = frozenset({"action", "measure", "unit", "value", "bound", "quote"})


@dataclass(frozen=True, slots=True)
class Extraction:
    """What the extractor found in one text."""

    figures: tuple[Figure, ...]
    mentions: tuple[Mention, ...]


def extract(text: str, published: date | None = None) -> Extraction:
    """Find the enforcement figures and entity mentions of ``text`` (published on ``published``)."""
    entities = read_entities(text)
    figures = extract_figures(text, published, entities=entities)
    return Extraction(figures=tuple(figures), mentions=tuple(entities.mentions))


def to_gold(extraction: Extraction) -> dict[str, list[dict[str, Any]]]:
    """Return ``{"figures": [...], "entities": [...]}`` in the gold format; None-valued keys are omitted."""
    figures = [_figure_to_gold(figure) for figure in extraction.figures]
    entities: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for mention in extraction.mentions:
        key = (mention.type, mention.name)
        if key not in seen:
            seen.add(key)
            entities.append({"type": mention.type, "name": mention.name})
    return {"figures": figures, "entities": entities}


def _figure_to_gold(figure: Figure) -> dict[str, Any]:
    """One figure in the gold format: keys in FIGURES.md order, optional keys only when set."""
    record: dict[str, Any] = {}
    for key in _GOLD_KEYS:
        value = getattr(figure, key)
        if value is None and key not in _REQUIRED_KEYS:
            continue
        if isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, float):
            value = _plain_number(value)
        record[key] = value
    return record


def _plain_number(value: float) -> int | float:
    return int(value) if value == int(value) else value
