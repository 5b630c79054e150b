"""Attributes of a figure that come from its surroundings: crime, location, country and agency.

``DocumentContext.build`` reads a text once (crime phrases, entity mentions, what a bare "$" means
in a text about the document's country, which the entity reader votes on); the ``*_for`` functions then pick the attribute nearest to a
figure. Pure: no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsmon.extract.folding import fold, lowered
from newsmon.extract.gazetteer import agency_id, country_code
from newsmon.extract.lexicon import CRIME_JOINERS, CRIME_TERMS, WEAK_CRIME_TERMS
from newsmon.models import Mention

__all__ = ["CrimeMention", "DocumentContext", "agency_for", "crime_for", "location_for"]

_CRIME_PATTERNS = tuple(
    (re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])", re.IGNORECASE), category)
    for pattern, category in CRIME_TERMS
)
# The same, for a lower-cased copy of the text (newsmon.extract.folding): this scan runs over every text
# with a figure.
_FOLDED_CRIME_PATTERNS = tuple((fold(pattern), category) for pattern, category in _CRIME_PATTERNS)
_WEAK_CRIME = re.compile(r"(?:" + "|".join(WEAK_CRIME_TERMS) + r")$", re.IGNORECASE)
_DOLLARS = {"SG": "SGD", "AU": "AUD", "HK": "HKD", "NZ": "NZD", "CA": "CAD", "TW": "TWD"}
_CRIME_TAIL = re.compile(
    r" of (?:the |key |important |illegal )?[a-z]+(?: [a-z]+)?(?= (?:in|to|from|by|with|for|was|were"
    r"|has|have|is|are|increasing|rose|fell)\b|[,.;])"
)
_INTERNATIONAL = re.compile(
    r"\b(?:nations|countries|international|joint operation|worldwide|global"
    r"|multi-country|several states)\b",
    re.IGNORECASE,
)
_DIRECTION = re.compile(
    r"(?:(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)"
    r"(?:ern)?|coastal|central|upper|lower)\s+$",
    re.IGNORECASE,
)
_PLACE_PREPOSITION = re.compile(
    r"\b(?:in|from|at|across|of|inside|within|near)\s+(?:the\s+)?"
    r"(?:(?:north|south|east|west|central)\w*\s+)?$",
    re.IGNORECASE,
)
_AUTHORITY_WORDS = re.compile(
    r"\b(?:police|ministry|procuratorate|court|commission|bureau|agency|department|office|directorate"
    r"|service|force|customs|immigration|authority|interpol|europol|eurojust|command|station|division"
    r"|unit|guard|administration|inspection|centre|center|taskforce|task force|party|government)\b",
    re.IGNORECASE,
)
_MEDIA_WORDS = re.compile(
    r"\b(?:news|media|daily|times|post|press|xinhua|tass|reuters|television|tv|radio"
    r"|group|journal|herald|tribune|gazette)\b",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(
    r";|\s[—–]\s|,\s+(?:of whom|among whom|of which|while|whereas|according to|which|"
    r"and\s+(?=[a-z]+ed\b))|\.\s"
)


@dataclass(frozen=True, slots=True)
class CrimeMention:
    """A crime phrase of the text with its category."""

    start: int
    end: int
    text: str
    category: str
    weak: bool = False


@dataclass(frozen=True, slots=True)
class DocumentContext:
    """What the figure extractor needs to know about the whole text."""

    text: str
    mentions: tuple[Mention, ...]
    crimes: tuple[CrimeMention, ...]
    country: str | None
    dollar: str
    remits: tuple[CrimeMention, ...] = ()  # crimes named in agencies' names ("Financial Crimes Commission")

    @classmethod
    def build(cls, text: str, mentions: list[Mention], country: str | None) -> DocumentContext:
        """Read the text once: crime phrases and the meaning of a bare "$" in a text about ``country``."""
        names = [(m.start, m.end) for m in mentions if m.type == "ORG"]
        crimes: list[CrimeMention] = []
        remits: list[CrimeMention] = []
        for crime in _find_crimes(text):
            (remits if any(s <= crime.start < e for s, e in names) else crimes).append(crime)
        return cls(
            text=text,
            mentions=tuple(mentions),
            crimes=tuple(crimes),
            country=country,
            dollar=dollar_of(country),
            remits=tuple(remits),
        )


def dollar_of(country: str | None) -> str:
    """The currency a bare "$" means in a text about ``country``."""
    return _DOLLARS.get(country or "", "USD")


def crime_for(
    context: DocumentContext, sentence_start: int, sentence_end: int, anchor: int,
    own: tuple[int, int] | None = None,
) -> CrimeMention | None:
    """The crime of a figure at ``anchor``.

    The figure's own words come first: a crime named in ``own``, the span of its number and head
    ("34 suspected kidnappers", "155 illegal firearms"). Then a specific crime is preferred to a
    generic one ("criminal organisation"): first in the figure's sentence (the nearest), then
    elsewhere on its line, then earlier in the text, then later.
    """
    if own is not None:
        named = [c for c in context.crimes if own[0] <= c.start and c.end <= own[1]]
        if named:
            return _coordinated_phrase(context, min(named, key=lambda c: (c.weak, _distance(c.start, c.end, anchor))))
    line_start = context.text.rfind("\n", 0, sentence_start) + 1
    line_end = context.text.find("\n", sentence_end)
    line_end = len(context.text) if line_end < 0 else line_end
    for weak in (False, True):
        crimes = [c for c in context.crimes if c.weak == weak]
        inside = [c for c in crimes if sentence_start <= c.start < sentence_end]
        if inside:
            return _coordinated_phrase(context, min(inside, key=lambda c: _distance(c.start, c.end, anchor)))
        on_line = [c for c in crimes if line_start <= c.start < line_end]
        if on_line:
            return _coordinated_phrase(context, min(on_line, key=lambda c: _distance(c.start, c.end, anchor)))
        before = [c for c in crimes if c.end <= sentence_start]
        if before:
            return _coordinated_phrase(context, before[-1])
        if crimes:
            return _coordinated_phrase(context, crimes[0])
    if context.remits:  # no crime told anywhere: the remit of the agency the text names
        return min(context.remits, key=lambda c: _distance(c.start, c.end, anchor))
    return None


def location_for(
    context: DocumentContext, clause_start: int, clause_end: int, anchor: int
) -> tuple[str | None, str | None]:
    """The place a figure happened (as written) and its country code, from the figure's clause."""
    places = [
        m
        for m in context.mentions
        if m.type == "LOC"
        and clause_start <= m.start < clause_end
        and _PLACE_PREPOSITION.search(context.text[max(0, m.start - 30) : m.start])
    ]
    if not places:
        return None, None
    place = min(places, key=lambda m: _distance(m.start, m.end, anchor))
    direction = _DIRECTION.search(context.text[max(0, place.start - 16) : place.start])
    start = (
        place.start - (len(context.text[max(0, place.start - 16) : place.start]) - direction.start())
        if direction
        else place.start
    )
    return context.text[start : place.end], country_code(place.name)


def country_for(context: DocumentContext, location_country: str | None, sentence: str) -> str | None:
    """The figure's country: its place's, else the document's unless the sentence is international."""
    if location_country:
        return location_country
    if _INTERNATIONAL.search(sentence):
        return None
    return context.country


def agency_for(context: DocumentContext, sentence_start: int, sentence_end: int, anchor: int) -> str | None:
    """The acting or reporting authority named in the figure's sentence, nearest to the figure."""
    orgs = [
        m
        for m in context.mentions
        if m.type == "ORG"
        and sentence_start <= m.start < sentence_end
        and (agency_id(m.name) or _AUTHORITY_WORDS.search(m.name))
        and not _MEDIA_WORDS.search(m.name)
    ]
    if not orgs:
        return None
    return min(orgs, key=lambda m: _distance(m.start, m.end, anchor)).name


def clause_bounds(text: str, sentence_start: int, sentence_end: int, anchor: int) -> tuple[int, int]:
    """The clause of the sentence around ``anchor``: split at semicolons, dashes and ", of whom"."""
    start, end = sentence_start, sentence_end
    for match in _CLAUSE_BREAK.finditer(text, sentence_start, sentence_end):
        if match.end() <= anchor:
            start = match.end()
        elif match.start() >= anchor:
            end = match.start()
            break
    return start, end


def _distance(start: int, end: int, anchor: int) -> int:
    if start <= anchor < end:
        return 0
    return start - anchor if start > anchor else anchor - end + 1


def _find_crimes(text: str) -> list[CrimeMention]:
    """Crime phrases of the text, in order: the longest match wins."""
    candidates: list[CrimeMention] = []
    low = lowered(text)
    for pattern, category in _CRIME_PATTERNS if low is None else _FOLDED_CRIME_PATTERNS:
        for match in pattern.finditer(text if low is None else low):
            phrase = text[match.start() : match.end()]
            candidates.append(
                CrimeMention(match.start(), match.end(), phrase, category, bool(_WEAK_CRIME.match(phrase)))
            )
    candidates.sort(key=lambda c: (-(c.end - c.start), c.start))
    found: list[CrimeMention] = []
    for crime in candidates:
        if not any(c.start < crime.end and crime.start < c.end for c in found):
            found.append(crime)
    found.sort(key=lambda c: c.start)
    return found


def _coordinated_phrase(context: DocumentContext, crime: CrimeMention) -> CrimeMention:
    """Extend a crime to the phrase it is coordinated in ("gambling and fraud"): first term's category."""
    crimes = list(context.crimes)
    index = crimes.index(crime)
    first = index
    while first > 0 and context.text[crimes[first - 1].end : crimes[first].start] in CRIME_JOINERS:
        first -= 1
    last = index
    while last + 1 < len(crimes) and context.text[crimes[last].end : crimes[last + 1].start] in CRIME_JOINERS:
        last += 1
    start, end = crimes[first].start, crimes[last].end
    tail = _CRIME_TAIL.match(context.text, end)
    if tail:
        end = tail.end()
    return CrimeMention(start, end, context.text[start:end], crimes[first].category, crimes[first].weak)
