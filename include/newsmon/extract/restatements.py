"""One fact, one figure: which figures of a text restate another and are dropped.

A headline repeating the body, "the 1,207 suspects" restating an earlier figure, a rounded "more
than 230" next to a precise "233" and "a 25 pct drop" next to "fell 25.2 percent" are one fact each;
equal numbers that count different things ("16 rifles", "16 pistols") or offenders of different
crimes are two. Pure: no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from newsmon.extract.actions import Draft
from newsmon.extract.heads import OWN_WORDS, is_title_case
from newsmon.extract.lexicon import words
from newsmon.extract.sentences import line_of
from newsmon.models import Figure

__all__ = ["Counted", "counted_of", "deduplicate", "is_headline_line"]

_OTHER_NEAR = re.compile(r"\b(?:other|another|additional|more|further|remaining)\b", re.IGNORECASE)
# Words that do not tell one counted thing from another: "45 people" and "45 suspects" may be one fact.
_GENERIC_COUNTED = words("""
people persons person individuals suspects suspect defendants defendant offenders men women others other
more the a an them
""")
_CLAUSE_STARTS = words("""
who which that whom whose were was are is have has had been be of with in on at for to from by
""")


@dataclass(frozen=True, slots=True)
class Counted:
    """What a figure's number counts, to tell two facts with equal numbers apart."""

    words: frozenset[str]       # the specific words of its noun phrase
    item_noun: str | None       # the head noun of counted things ("rifles"), when the lexicon knows it


def counted_of(sentence: str, draft: Draft) -> Counted:
    """What the number of ``draft`` counts, read from its sentence."""
    return Counted(_counted_words(sentence, draft), _item_noun(sentence, draft))


def _item_noun(sentence: str, draft: Draft) -> str | None:
    if draft.unit != "item" or draft.head_end <= draft.quantity.end:
        return None
    head = re.findall(r"[a-z][\w-]*", sentence[draft.quantity.end : draft.head_end].lower())
    return head[-1] if head else None


def _counted_words(sentence: str, draft: Draft) -> frozenset[str]:
    """The words that say what a figure's number counts, up to the first word that starts a clause
    or a description, less names, participles and generic nouns: "four notorious kidnappers who ..."
    -> notorious, kidnappers; "four suspected gunrunners" -> gunrunners; "two Thais accused of ...",
    "12 people aged 30 to 50" and "45 people" -> nothing."""
    own = OWN_WORDS.match(sentence, draft.quantity.end)
    found: set[str] = set()
    for word in re.findall(r"[\w'’-]+", sentence[draft.quantity.end : own.end() if own else draft.quantity.end]):
        if word.lower() in _CLAUSE_STARTS or word.lower().endswith(("ly", "ing")):
            break
        if word.islower() and word not in _GENERIC_COUNTED and not word.endswith("ed"):
            found.add(word)
    return frozenset(found)


def deduplicate(text: str, figures: list[Figure], counted: list[Counted]) -> list[Figure]:
    """Drop headline repeats, anaphoric restatements ("the 1,207 suspects") and rounded restatements.
    Two body figures whose numbers count different things ("16 rifles", "16 pistols") or offenders
    of different crimes ("four gunrunners", "four kidnappers") are two facts."""
    headline = [_is_headline(text, f) for f in figures]
    anaphoric = [
        bool(re.search(r"\b(?:the|these|those)\s+$", text[max(0, f.start - 7) : f.start], re.IGNORECASE))
        or bool(re.match(r"(?:the|these|those)\s", f.quote, re.IGNORECASE))
        for f in figures
    ]
    keep = [True] * len(figures)
    for i, figure in enumerate(figures):
        for j, other in enumerate(figures):
            if i == j or not keep[j] or figure.sentence_start == other.sentence_start:
                continue
            if not (headline[i] or headline[j]) and not _same_fact_frame(figure, other):
                continue
            if headline[i] and not headline[j] and _headline_restates(figure, other):
                keep[i] = False
                break
            if _key(figure) != _key(other):
                continue
            if (
                headline[i] != headline[j]
                and figure.value == other.value
                and figure.value_max == other.value_max
            ):
                keep[i] = not headline[i]
                if not keep[i]:
                    break
                continue
            if figure.value == other.value and figure.value_max == other.value_max:
                if _counts_other_things(figure, other, counted[i], counted[j]) and not (
                    headline[i] or headline[j] or anaphoric[i] or anaphoric[j]
                ):
                    continue
                if _drops_duplicate(i, j, headline, anaphoric, text, figure):
                    keep[i] = False
                    break
            elif _restates(figure, other) and not headline[j]:
                keep[i] = False
                break
    return [f for f, k in zip(figures, keep) if k]


def _counts_other_things(figure: Figure, other: Figure, counted: Counted, other_counted: Counted) -> bool:
    """Equal numbers of two known kinds of things ("16 rifles", "16 pistols"), or of people of
    different crimes ("four kidnappers", "four gunrunners"), count two facts. People named by two
    words for one crime ("three shopkeepers", "three victims") are not told apart."""
    if counted.item_noun and other_counted.item_noun:
        return counted.item_noun != other_counted.item_noun
    words, other_words = counted.words, other_counted.words
    different_words = bool(words and other_words and not words & other_words)
    return different_words and None not in (figure.crime_category, other.crime_category) and (
        figure.crime_category != other.crime_category
    )


def _same_fact_frame(figure: Figure, other: Figure) -> bool:
    """Two body figures can state one fact only if their periods overlap."""
    first = (figure.period_start or date.min, figure.period_end or date.max)
    second = (other.period_start or date.min, other.period_end or date.max)
    return first[0] <= second[1] and second[0] <= first[1]


def _drops_duplicate(
    i: int, j: int, headline: list[bool], anaphoric: list[bool], text: str, figure: Figure
) -> bool:
    weak_i = headline[i] or anaphoric[i]
    weak_j = headline[j] or anaphoric[j]
    if weak_i and not weak_j:
        return True
    if weak_i == weak_j and i > j:
        near = text[max(0, figure.start - 25) : figure.end + 15]
        return weak_i or not _OTHER_NEAR.search(near)
    return False


def _headline_restates(headline_figure: Figure, body: Figure) -> bool:
    if headline_figure.measure != body.measure or (headline_figure.currency or headline_figure.unit) != (
        body.currency or body.unit
    ):
        return False
    if headline_figure.value == body.value:
        return True
    low, high = sorted((headline_figure.value, body.value))
    return high <= low * 1.35 and _roundness(headline_figure.value) > _roundness(body.value)


def _decimals(value: float) -> int:
    text = f"{abs(value):.6f}".rstrip("0")
    return len(text.split(".")[1])


def _roundness(value: float) -> int:
    digits = f"{value:.6f}".rstrip("0").rstrip(".").replace(".", "").lstrip("0")
    return len(digits) - len(digits.rstrip("0"))


def _key(figure: Figure) -> tuple[str, str, str]:
    return figure.action, figure.measure, figure.currency or figure.unit


def _restates(rounded: Figure, precise: Figure) -> bool:
    if rounded.measure == "change":     # "a 25 pct drop" restates "fell 25.2 percent" (in one place)
        places = {rounded.location, precise.location} - {None}
        return (
            (rounded.value < 0) == (precise.value < 0)
            and _decimals(rounded.value) < _decimals(precise.value)
            and abs(rounded.value - precise.value) < 1
            and len(places) <= 1
        )
    if _roundness(rounded.value) <= _roundness(precise.value):
        return False
    low, high = rounded.value, precise.value
    if rounded.bound in ("more_than", "at_least"):
        return low < high <= low * 1.35
    if rounded.bound in ("less_than", "at_most"):
        return low * 0.75 <= high < low
    if rounded.bound == "approx":
        return abs(high - low) <= 0.1 * low
    return abs(high - low) <= 0.02 * low


def _is_headline(text: str, figure: Figure) -> bool:
    return is_headline_line(text, figure.sentence_start, figure.sentence_end)


def is_headline_line(text: str, sentence_start: int, sentence_end: int) -> bool:
    line = line_of(text, sentence_start, sentence_end)
    if is_title_case(line) and len(line.split()) <= 25:
        return True
    if not line.endswith((".", "!", "?", '"', "”", "’", "'", ")")):
        # a page title may repeat itself around the site's name: "Headline | Site Headline"
        longest = max(len(part.split()) for part in line.split(" | "))
        return longest <= 20 and len(line.split()) <= 50
    return False
