"""What a number counts, and the action words around it.

``find_triggers`` finds the action words of a sentence (arrested, the seizure of, were indicted,
N arrests) from the lexicon; ``read_head`` reads the noun phrase after a number to decide whether it
counts people, cases, groups or items, is itself a counted action ("42 arrests"), or counts
something that is never a figure (countries, officers taking part, days). Pure: no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsmon.extract.folding import fold, lowered
from newsmon.extract.gazetteer import DEMONYMS
from newsmon.extract.lexicon import (
    BLOCKING_WORDS,
    CASE_NOUNS,
    COUNTED,
    EXCLUDED_NOUNS,
    GROUP_NOUNS,
    HEAD_SKIP_MAX,
    ITEM_NOUNS,
    PERSON_NOUNS,
    TRIGGERS,
    TriggerWord,
    words,
)
from newsmon.extract.numbers import Quantity

__all__ = [
    "COUNTED_UNITS",
    "HEAD_STOPS",
    "OWN_WORDS",
    "TRIGGER_PATTERNS",
    "Head",
    "Trigger",
    "counted_at",
    "default_unit",
    "find_triggers",
    "is_title_case",
    "noun_ahead",
    "read_head",
]

TRIGGER_PATTERNS = tuple(
    (re.compile(rf"(?<![\w-])(?:{word.pattern})(?![\w-])", re.IGNORECASE), word) for word in TRIGGERS
)
_ORDERED_TRIGGERS = sorted(TRIGGER_PATTERNS, key=lambda pair: " " not in pair[1].pattern)
_ANY_TRIGGER = re.compile(
    r"(?<![\w-])(?:" + "|".join(f"(?:{w.pattern})" for _, w in _ORDERED_TRIGGERS) + r")(?![\w-])",
    re.IGNORECASE,
)
# the same scan over a lower-cased copy of the sentence (newsmon.extract.folding): it runs on every sentence
_FOLDED_ANY_TRIGGER = fold(_ANY_TRIGGER)
# words that depend on what follows them ("found four laptops", "netted assets"); they are tried
# first, and what the others match can then be cached by its text
_CONTEXTUAL_TRIGGERS = tuple(pair for pair in _ORDERED_TRIGGERS if "(?=" in pair[1].pattern or "(?!" in pair[1].pattern)
_WORD_OF: dict[str, TriggerWord] = {}  # matched text -> its word, for words that need no context
_COUNTED_PATTERNS = tuple((pattern, word) for pattern, word in TRIGGER_PATTERNS if COUNTED in word.roles)
# a word, after an optional alternative joined by a slash ("murder/homicide suspects": "homicide")
_WORD = re.compile(r"\s*(?:[A-Za-z][\w'’\-]*/(?=[A-Za-z]))?[“\"‘']?([A-Za-z][\w'’\-]*)[”\"’']?")
# The words that describe what a number counts: "34 suspected kidnappers", "1,805 rounds of
# ammunition" (up to four words, not past a comma, a conjunction or another number).
OWN_WORDS = re.compile(r"(?:[ -](?!(?:and|or|as|were|was|had|have|in|on|at|from|for|to|by)\b)[A-Za-z][\w'’-]*){0,4}")
_TIME_AFTER = re.compile(r"\s+(?:last|this|next)\s+(?:year|month|week)\b", re.IGNORECASE)
_MODIFIES_NOUN = re.compile(
    r"\s+(?:warrants?|orders?|teams?|cent(?:re|er)s?|facilit(?:y|ies)|flights?|requests?|treat(?:y|ies)"
    r"|guidelines|powers|units?|squads?|capacity|quotas?|targets?|rates?|laws?|bills?)\b",
    re.IGNORECASE,
)
_MATERIAL_LINK = re.compile(r"\s+(?:of|in)\s+(?:the\s+)?(?=[a-z])")
HEAD_STOPS = words("""
were was are is have has had in on at for from to with by and or but who which that as each per
while during since after before into over under across whose being been be will would than amid
against within worth valued totaling totalling including such of a an the
""")
COUNTED_UNITS = {
    "enforcement action": "case",
    "enforcement actions": "case",
    "seizure": "item",
    "seizures": "item",
    "lawsuits": "case",
    "lawsuit": "case",
}
_TITLE_CASE_WORD = re.compile(r"\b[A-Za-z][\w'’-]{3,}")


@dataclass(frozen=True, slots=True)
class Trigger:
    start: int
    end: int
    word: TriggerWord
    text: str


@dataclass(frozen=True, slots=True)
class Head:
    unit: str | None
    noun: str | None
    end: int
    excluded: bool
    counted: Trigger | None


def find_triggers(sentence: str) -> list[Trigger]:
    title_case: bool | None = None      # read only when a capitalised word needs it
    found: list[Trigger] = []
    low = lowered(sentence)
    # the scan of the lower-cased copy gives the same spans; the case is read from the sentence
    for match in (_ANY_TRIGGER if low is None else _FOLDED_ANY_TRIGGER).finditer(sentence if low is None else low):
        start, end = match.span()
        if sentence[start].isupper() and start > 0:
            if title_case is None:
                title_case = is_title_case(sentence)
            if not title_case:
                continue
        text = match.group(0).lower()
        if _MODIFIES_NOUN.match(sentence, end) and not text.endswith(("ed", "ing")):
            continue        # "arrest warrants", "rescue teams", "deportation flights": not the action
        found.append(Trigger(start, end, _word_of(sentence, start, end), text))
    return found


def _word_of(sentence: str, start: int, end: int) -> TriggerWord:
    """The lexicon word that matched ``sentence[start:end]``: the first whose pattern matches the
    same text, in context (some patterns look ahead: "found" followed by a number)."""
    for pattern, word in _CONTEXTUAL_TRIGGERS:
        match = pattern.match(sentence, start)
        if match is not None and match.end() == end:
            return word
    written = sentence[start:end]
    key = written.lower()
    known = _WORD_OF.get(key)
    if known is not None:
        return known
    for pattern, word in _ORDERED_TRIGGERS:
        if pattern.fullmatch(written):
            _WORD_OF[key] = word
            return word
        match = pattern.match(sentence, start)
        if match is not None and match.end() == end:
            return word
    raise AssertionError(f"no trigger word matches {key!r}")


def is_title_case(sentence: str) -> bool:
    words = _TITLE_CASE_WORD.findall(sentence)
    if len(words) < 3:
        return False
    ratio = sum(1 for w in words if w[0].isupper()) / len(words)
    return ratio >= 0.85 or (ratio >= 0.6 and not sentence.rstrip().endswith("."))


def read_head(sentence: str, quantity: Quantity, triggers: list[Trigger]) -> Head:
    """Find what a number counts: the last known noun of the phrase after it ("45 drug-making dens")."""
    if quantity.currency or quantity.unit == "kg":
        end = _material_end(sentence, quantity.end, {t.start for t in triggers})
        return Head("money" if quantity.currency else "kg", None, end, False, None)
    position = quantity.end
    if _TIME_AFTER.match(sentence, position):
        return Head(None, None, position, False, None)     # "fell to 900 last year": no noun, a time
    of_match = re.match(r"\s+of\s+(?:the\s+|those\s+|these\s+)?", sentence[position:])
    if of_match:
        position += of_match.end()
    trigger_starts = {t.start: t for t in triggers}
    found: Head | None = None
    for step in range(HEAD_SKIP_MAX):
        match = _WORD.match(sentence, position)
        if match is None:
            break
        word_start = match.start(1)
        counted = counted_at(sentence, word_start)
        if counted is not None and found is None:
            return Head(None, counted.text, counted.end, False, counted)
        written = match.group(1)
        word = re.sub(r"(?:'s|’s|'|’)$", "", written).lower()
        unit = _noun_unit(word, written)
        if word_start in trigger_starts and unit is None and not noun_ahead(sentence, match.end()):
            break
        if unit == "excluded" and not noun_ahead(sentence, match.end(), 1):
            return found or Head(None, word, match.end(), True, None)
        if unit == "excluded":
            unit = None
            position = match.end()
            continue
        if unit is not None:
            found = Head(unit, word, match.end(), False, None)
        elif (
            found is not None
            or (word in HEAD_STOPS or word in BLOCKING_WORDS)
            and not (word in ("and", "or") and step and noun_ahead(sentence, match.end(), 3))
        ):
            break
        position = match.end()
        if found is not None and not noun_ahead(sentence, position):
            break
    return found or Head(None, None, quantity.end, False, None)


def _material_end(sentence: str, position: int, trigger_starts: set[int]) -> int:
    """The end of what a weight or an amount is of ("1.9 tonnes of coke", "$2 million in cash"): up to
    four words after "of" or "in", stopping before an action word, a stop word or a number."""
    link = _MATERIAL_LINK.match(sentence, position)
    if link is None:
        return position
    end, cursor = position, link.end()
    for _ in range(4):
        match = _WORD.match(sentence, cursor)
        if match is None or match.start(1) in trigger_starts:
            break
        word = match.group(1).lower()
        if word in HEAD_STOPS or word in BLOCKING_WORDS:
            break
        end = cursor = match.end()
    return end


def noun_ahead(sentence: str, position: int, reach: int = 2) -> bool:
    """True when one of the next ``reach`` words is a known noun, with no stop word before it."""
    for _ in range(reach):
        match = _WORD.match(sentence, position)
        if match is None:
            return False
        word = re.sub(r"(?:'s|’s|'|’)$", "", match.group(1)).lower()
        if _noun_unit(word, match.group(1)) is not None:
            return True
        if word in HEAD_STOPS:
            return False
        position = match.end()
    return False


def _noun_follows(sentence: str, position: int) -> bool:
    match = _WORD.match(sentence, position)
    if match is None:
        return False
    word = match.group(1).lower()
    return _noun_unit(word, match.group(1)) is not None


def counted_at(sentence: str, start: int) -> Trigger | None:
    for pattern, word in _COUNTED_PATTERNS:
        match = pattern.match(sentence, start)
        if match and not _noun_follows(sentence, match.end()):
            return Trigger(match.start(), match.end(), word, match.group(0).lower())
    return None


def _noun_unit(word: str, written: str) -> str | None:
    if (
        word in PERSON_NOUNS
        or word in ("them", "whom", "those")
        or (written[:1].isupper() and word in DEMONYMS and word.endswith(("s", "ese", "ai", "ish", "ch")))
    ):
        return "person"
    if word in EXCLUDED_NOUNS:
        return "excluded"
    if word in CASE_NOUNS:
        return "case"
    if word in GROUP_NOUNS:
        return "group"
    if word in ITEM_NOUNS:
        return "item"
    return None


def default_unit(trigger: Trigger) -> str | None:
    if trigger.text in COUNTED_UNITS:
        return COUNTED_UNITS[trigger.text]
    units = trigger.word.units
    if units and len(units) == 1:
        return next(iter(units))
    return None
