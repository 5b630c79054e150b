"""Score predicted figures and entities against gold, by the matching rules of FIGURES.md section 4.

Pure: both sides are documents in the gold format, ``{"id", "figures": [...], "entities": [...]}``.
- A predicted figure matches a gold figure of the same document when action, measure and unit
  (the currency, for amounts) agree and the values are within 0.5 %; each gold figure is matched
  at most once, and exact values are paired before near ones.
- Entities are (type, name) pairs per document; names compare case-insensitively, without a
  leading "the" or a trailing possessive, and places without a generic descriptor ("province").
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

_TOLERANCE = 0.005
_PLACE_WORDS = ("autonomous region", "province", "state", "city", "county", "region", "prefecture",
                "municipality", "district")
ATTRIBUTES = ("bound", "crime_category", "period", "country", "agency", "location")

Record = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


@dataclass(frozen=True, slots=True)
class Report:
    """The scores of a prediction set; ``attributes`` maps a name to (right, scored)."""

    documents: int
    figures: Counts
    entities: Counts
    attributes: dict[str, tuple[int, int]]
    by_action: dict[str, Counts]
    missed: list[tuple[str, Record]] = field(default_factory=list)
    spurious: list[tuple[str, Record]] = field(default_factory=list)

    def accuracy(self, name: str) -> float | None:
        right, scored = self.attributes[name]
        return right / scored if scored else None


def figure_key(figure: Record) -> tuple[str, str, str]:
    """What must agree for two figures to be compared: action, measure, unit (currency for amounts)."""
    measure = str(figure.get("measure") or "").lower()
    if measure == "amount":
        unit = str(figure.get("currency") or figure.get("unit") or "").upper()
    else:
        unit = str(figure.get("unit") or "").lower()
    return str(figure.get("action") or "").lower(), measure, unit


def _number(value: object) -> float | None:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _values_agree(a: object, b: object, *, exact: bool) -> bool:
    x, y = _number(a), _number(b)
    if x is None or y is None:
        return False
    if x == y:
        return True
    return not exact and abs(x - y) <= _TOLERANCE * max(abs(x), abs(y))


def match_figures(gold: Sequence[Record], predicted: Sequence[Record]) -> list[tuple[int, int]]:
    """Pairs (gold index, predicted index), one-to-one; exact values first, then values within 0.5 %."""
    pairs: list[tuple[int, int]] = []
    taken_gold: set[int] = set()
    taken_pred: set[int] = set()
    for exact in (True, False):
        for g, gold_figure in enumerate(gold):
            if g in taken_gold:
                continue
            key = figure_key(gold_figure)
            for p, predicted_figure in enumerate(predicted):
                if p in taken_pred or figure_key(predicted_figure) != key:
                    continue
                if _values_agree(gold_figure.get("value"), predicted_figure.get("value"), exact=exact):
                    pairs.append((g, p))
                    taken_gold.add(g)
                    taken_pred.add(p)
                    break
    return pairs


def entity_key(entity: Record) -> tuple[str, str]:
    kind = str(entity.get("type") or "").upper()
    name = " ".join(str(entity.get("name") or "").split()).lower()
    name = name.removeprefix("the ")
    for possessive in ("'s", "\u2019s"):
        name = name.removesuffix(possessive)
    if kind == "LOC":
        for word in _PLACE_WORDS:
            if name.endswith(" " + word):
                name = name[: -len(word) - 1].strip()
                break
    return kind, name


def _attribute_agrees(name: str, gold: Record, predicted: Record) -> bool | None:
    """None when gold does not state the attribute (it is then not scored), except bound."""
    if name == "bound":
        return str(gold.get("bound") or "exact") == str(predicted.get("bound") or "exact")
    if name == "period":
        if not (gold.get("period_start") or gold.get("period_end")):
            return None
        return (gold.get("period_start"), gold.get("period_end")) == (
            predicted.get("period_start"), predicted.get("period_end"))
    if not gold.get(name):
        return None
    if name in ("location", "agency"):
        return entity_key({"name": gold[name]}) == entity_key({"name": predicted.get(name) or ""})
    return bool(gold.get(name) == predicted.get(name))


def evaluate(gold: Mapping[str, Record], predicted: Mapping[str, Record]) -> Report:
    """Score every gold document; a document missing from ``predicted`` predicts nothing."""
    figures, entities = Counts(), Counts()
    by_action: dict[str, Counts] = {}
    attributes = {name: (0, 0) for name in ATTRIBUTES}
    missed: list[tuple[str, Record]] = []
    spurious: list[tuple[str, Record]] = []
    for doc_id, gold_doc in gold.items():
        gold_figures = list(gold_doc.get("figures") or [])
        pred_figures = list(predicted.get(doc_id, {}).get("figures") or [])
        pairs = match_figures(gold_figures, pred_figures)
        matched_gold, matched_pred = {g for g, _ in pairs}, {p for _, p in pairs}
        figures += Counts(len(pairs), len(pred_figures) - len(pairs), len(gold_figures) - len(pairs))
        for g, figure in enumerate(gold_figures):
            hit = g in matched_gold
            _tally(by_action, figure, Counts(tp=1) if hit else Counts(fn=1))
            if not hit:
                missed.append((doc_id, figure))
        for p, figure in enumerate(pred_figures):
            if p not in matched_pred:
                _tally(by_action, figure, Counts(fp=1))
                spurious.append((doc_id, figure))
        for g, p in pairs:
            for name in ATTRIBUTES:
                agrees = _attribute_agrees(name, gold_figures[g], pred_figures[p])
                if agrees is not None:
                    right, scored = attributes[name]
                    attributes[name] = (right + agrees, scored + 1)
        gold_entities = _entity_set(gold_doc.get("entities") or [])
        pred_entities = _entity_set(predicted.get(doc_id, {}).get("entities") or [])
        entities += Counts(len(gold_entities & pred_entities), len(pred_entities - gold_entities),
                           len(gold_entities - pred_entities))
    return Report(len(gold), figures, entities, attributes, dict(sorted(by_action.items())), missed, spurious)


def _tally(by_action: dict[str, Counts], figure: Record, counts: Counts) -> None:
    action = figure_key(figure)[0]
    by_action[action] = by_action.get(action, Counts()) + counts


def _entity_set(entities: Iterable[Record]) -> set[tuple[str, str]]:
    return {entity_key(e) for e in entities}


def format_report(report: Report, *, docs_per_second: float | None = None) -> str:
    """The report as people read it; the last line is a one-line summary."""
    f, e = report.figures, report.entities
    lines = [
        f"documents: {report.documents}",
        f"figures:  P {f.precision:.3f}  R {f.recall:.3f}  F1 {f.f1:.3f}  (tp {f.tp}, fp {f.fp}, fn {f.fn})",
        f"entities: P {e.precision:.3f}  R {e.recall:.3f}  F1 {e.f1:.3f}  (tp {e.tp}, fp {e.fp}, fn {e.fn})",
        "attribute accuracy on matched figures:",
    ]
    for name in ATTRIBUTES:
        right, scored = report.attributes[name]
        value = "n/a" if not scored else f"{right / scored:.3f}"
        lines.append(f"  {name:15s} {value}  ({right}/{scored})")
    lines.append("by action:")
    for action, counts in report.by_action.items():
        lines.append(f"  {action:12s} tp {counts.tp:4d}  fp {counts.fp:4d}  fn {counts.fn:4d}  F1 {counts.f1:.3f}")
    if docs_per_second is not None:
        lines.append(f"speed: {docs_per_second:.1f} documents/second (extraction only, one core)")
    lines.append(f"summary: figure_f1={f.f1:.3f} entity_f1={e.f1:.3f}")
    return "\n".join(lines)
