"""Named-entity mentions (PERSON, ORG, LOC) found with capitalization, a gazetteer and cue words.

``find_mentions`` returns one ``Mention`` per occurrence. Every mention carries the canonical name
of its entity in this text: the fullest form written in it ("Du" -> "Du Xueyi", "NIS" -> "National
Intelligence Service", "U.S." -> "United States" when both appear; an alias written alone stays as
written), and a definite description ("the procuratorate") resolves to the only organisation of the
text with that head noun. Ids: ISO 3166-1 alpha-2 for countries, ISO 3166-2 for known provinces and
states, agency-registry ids for agencies and courts; names several countries' agencies share
("Department of Justice") resolve by the country the text is about. Datelines and credit lines are
skipped, and a place used as a modifier ("Nigeria police", "a New York man", "U.S. attorney") is not
a mention. An acronym in parentheses is the name before it; acronyms of statutes, platforms, drugs and
currencies are no entities. Local places come from the city table and from context ("the town of X",
"the X area", "in X, <province>", a list of places). Pure: no I/O.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from newsmon.extract.gazetteer import (
    AGENCIES,
    COMMON_CAPITALIZED,
    DEMONYMS,
    EAST_ASIAN_SURNAMES,
    FACILITY_WORDS,
    FIRST_NAMES,
    MODIFIER_NOUNS,
    MONTHS_AND_DAYS,
    NON_ENTITY_SUFFIXES,
    NOT_ACRONYMS,
    ORG_KEYWORDS,
    PERSON_CUE_WORDS,
    PLACE_DESCRIPTORS,
    TITLE_WORDS,
    agency,
    agency_id,
    city_population,
    country_code,
    country_id,
    is_known_org,
    is_major_place,
    is_place,
    place_id,
)
from newsmon.extract.sentences import line_of
from newsmon.models import ENTITY_TYPES, Mention, in_vocabulary

__all__ = ["Entities", "find_mentions", "read_entities"]

_CURRENCY_SIGNS = frozenset({"$", "¢", "₵", "£"})
_LETTER_WORD = re.compile(r"[^\W\d_]{2,}")
_TOKEN = re.compile(r"[‘'’]?[^\W\d_](?:[\w'’&\-]|\.(?=[^\W\d_]))*\.?")
_CONNECTORS = frozenset(
    {
        "of",
        "and",
        "for",
        "de",
        "da",
        "di",
        "du",
        "del",
        "la",
        "le",
        "van",
        "von",
        "bin",
        "binti",
        "al",
        "&",
        "y",
        "der",
        "den",
    }
)
_FULL_MONTHS_DAYS = frozenset(w for w in MONTHS_AND_DAYS if len(w) > 4 or w == "may")
_NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
_ABBREVIATION_DOTS = frozenset(
    {
        "jr.",
        "sr.",
        "co.",
        "inc.",
        "ltd.",
        "mr.",
        "mrs.",
        "ms.",
        "dr.",
        "st.",
        "gen.",
        "usec.",
        "sen.",
        "rep.",
        "col.",
        "capt.",
        "lt.",
        "sgt.",
        "maj.",
        "prof.",
        "corp.",
        "bros.",
        "no.",
    }
)
_DATELINE = re.compile(
    r"(?m)^[ \t]*(?:[A-Z][A-Z.\-]+(?: [A-Z][A-Z.\-]+)*(?:,\s*[A-Z][a-z]{2,9}\.?\s+\d{1,2}(?:,\s*\d{4})?\.?)?"
    r"|[A-Z][a-z]+,\s*[A-Z][a-z]{2,9}\.?\s+\d{1,2}(?:,\s*\d{4})?)"
    r"\s*(?:\([^)\n]{1,40}\))?\s*(?:/[A-Z]+/\.?)?\s*(?:--|—|–|-|:)?(?=\s)"
)
_DATE = (
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]{2,9}\.?|[A-Z][a-z]{2,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?)"
    r"(?:,?\s*\d{4})?"
)
# "Boston -- ", "Accra: ", "LIMA, Peru – ", "DOHA, 3rd May, 2024 (QNA) --", "Hanoi, VNA – ",
# "(Tulsa, Oklahoma) – ": a place at the start of a line, then a region, an agency or
# a date, then a dash or colon. The place must be written in capitals or be a known place.
_PLACE_DATELINE = re.compile(
    r"(?m)^[ \t]*\(?(?P<place>[A-Z][^\W\d_]*\.?(?:[ \-][A-Z][^\W\d_]*\.?){0,3})"
    r"(?:,\s*[A-Z][^\W\d_]*\.?(?: [A-Z][^\W\d_]*\.?)?)?(?:,?\s*" + _DATE + r")?\)?"
    r"\s*(?:\([^)\n]{1,80}\))?\s*(?:--|—|–|:)(?=\s)"
)
# "QUETTA, (Example Wire / Region News - 4th Mar, 2024)": a capitalized place, then the agency.
_AGENCY_DATELINE = re.compile(r"(?m)^[ \t]*[A-Z][A-Z.\-]+(?: [A-Z][A-Z.\-]+)*,?\s*\([^)\n]{1,80}\)")
# Navigation trails ("Home / World / Asia").
_BREADCRUMB = re.compile(r"(?m)^[ \t]*[^\W\d][\w ]{0,25}(?: / [^\W\d][\w ]{0,25})+[ \t]*$")
# Every alternative below starts with one of these characters or at a line start; the lookahead
# lets the scan skip other positions at once (the matches are the same, the scan twice as fast).
_CREDIT_SPANS = re.compile(
    r"(?:(?=[(\[/CPI–-])|(?m:^))(?:"
    r"\((?:Xinhua|AP|Reuters|AFP|Yonhap|NAN|TNE|Bernama|PNA|IANS|PTI|UNI|ANI|dpa|Kyodo|CNA|TASS"
    r"|(?:AP )?Photo[^)\n]*|[^)\n]*/[^)\n]*|[A-Z][\w ]+ (?:Jan"
    r"|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\w*"
    r" \d{1,2}, \d{4})\)|(?m:^[^\n(]{0,20}\([A-Z][A-Z .]{2,}\))|\[[^\]\n]*\]|/[A-Z]{2,}/"
    r"|(?m:^[ \t]*(?:(?:Source|Photo|Photograph|Image|Picture|Credit|Contact|Author)s?\b"
    r"|(?:Additional )?(?:[Rr]eporting|Writing|Editing|Written|Edited) by\b"
    r"|By\s+[A-Z][\w.]+\s+[A-Z])[^\n]*)|\bCopyright\b[^\n]*|Picture: [^\n.]*"
    r"|\b(?:Photo|Photograph|Image|Picture)s?(?: credit)?: [^\n]*"
    r"|(?m:^[^\n]*\bUpdated:[^\n]*)|[–-]\s*The [^\n]*news exchange item"
    r"|\((?:Reporter|Correspondent|Editor)[^)\n]*\)"
    r"|(?m:^[ \t]*Disclaimer:[^\n]*))"
)
_PERSON_AFTER = re.compile(
    r"^(?:,\s+(?:a|an|the|who|whose|head|chief|director|deputy|vice|former|associate|assistant|senior|"
    r"spokesperson|spokesman|spokeswoman|president|chairman|secretary|minister|commissioner|official|"
    r"officer|aged|\d{1,2}\b)|\s+\(\d{1,2}\)|\s+(?:said|says|told|added|noted|stated|explained|urged|"
    r"warned|emphasized|emphasised|announced|confirmed|revealed|cited|stressed|highlighted|described|"
    r"argued|insisted|acknowledged|pointed|appeals|appealed"
    r"|was\s+arrested|was\s+sentenced|was\s+charged|spoke|"
    r"pleaded|admitted|denied)\b)",
    re.IGNORECASE,
)
_PERSON_BEFORE = re.compile(
    r"(?:\bsaid|\baccording to|\bby|\bwith|\bMr\.?|\bMs\.?|\bMrs\.?|\bDr\.?"
    r"|\bidentified as|\bnamed as|\bnamed)\s+$"
)
_LOWER_DESCRIPTOR_AFTER = re.compile(
    r"^\s+(?:county|province|city|district|prefecture|port|township|village"
    r"|town|municipality|state|island)\b"
)
# A town of the city table written alone is a place when it is this large or follows a preposition,
# and not after a determiner ("our Federation partners").
_LARGE_CITY = 100_000
_DETERMINER_BEFORE = re.compile(
    r"\b(?:our|their|his|her|its|a|an|this|that|every|each|any|no)\s+$", re.IGNORECASE
)
_PLACE_PREPOSITION = re.compile(r"\b(?:in|at|near|from|outside|to|across)\s+(?:the\s+)?$")
# "the town of X", "the X area", "X, Yunnan", "X in Kano": a place named by its context.
_PLACE_OF = re.compile(
    r"\b(?:town|city|village|island|port|district|province|state|county|region|area|suburb"
    r"|municipality|capital|outskirts)\s+of\s+$"
)
# Words before a place name that are not part of it ("Barangay San Roque", "Sitio Malinao").
_LEADING_PLACE_WORDS = frozenset({"barangay", "brgy", "sitio", "purok"})
_AREA_AFTER = re.compile(r"^\s+(?:area|areas|neighbourhood|neighborhood|suburb|locality)\b")
_OPERATION_BEFORE = re.compile(r"\b[Oo]peration\s+$|\bcode-?named\s+$")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
# a quoted nickname inside a name: Joaquin “El Chapo” Guzman (the nickname is no part of it)
_QUOTED_NAME = r" [“\"][A-Z][^”\"\n]{0,24}[”\"]"
_NICKNAME = re.compile(rf"(?<=[A-Za-z]){_QUOTED_NAME}(?= [A-Z][a-z])")
_NICKNAME_GAP = re.compile(rf"{_QUOTED_NAME} ")
# an Arabic article joined to a name: "al-Jammal", "el-Sisi", "ad-Din"
_ARTICLE_PREFIX_NAME = re.compile(r"(?:al|el|ad|ar|as|ash|at|az|an|ul)-[A-Z]")
# Particles inside Arabic and European names ("Omar Faisal Al Harbi", "Karim bin Salem").
_NAME_PARTICLES = frozenset(
    {"al", "bin", "binti", "ibn", "abu", "el", "van", "von", "de", "da", "dos", "del"}
)
# Parts of hyphenated titles ("Sub-Inspector", "Co-Chair").
_TITLE_PREFIXES = frozenset({"sub", "co", "ex", "vice", "acting"})
# Word endings of common nouns, not of names ("Operations", "Relations", "Settlement").
_COMMON_NOUN_ENDING = re.compile(r"(?:tions|sions|ments?|ness|ities|ances?|ences?|ships?|ics)$")
# Words that name a unit between a title and a name ("Director Nairobi Zone Amina Odhiambo").
_UNIT_WORDS = frozenset({"zone", "region", "division", "sector", "range", "wing", "branch", "unit"})
# Lower-case words that Title Case headlines keep ("Arrests Made in Raids Across Seven States").
_HEADLINE_LOWER_WORDS = frozenset(
    {"from", "with", "into", "over", "after", "amid", "than", "about", "against"}
)
_ETHNIC_QUALIFIERS = frozenset({"zhuang", "hui", "uygur", "uyghur", "tibetan", "korean"})
_TRAILING_FACILITY_PARTS = frozenset({"terminal", "gate", "pier", "hall", "building"})


@dataclass(slots=True)
class _Token:
    start: int
    end: int
    text: str
    lower: str                      # text.lower(), computed once
    capitalized: bool               # see _capitalized


@dataclass(slots=True)
class _Candidate:
    type: str                       # an EntityType, or ACRONYM until resolved
    text: str
    start: int
    end: int
    key: str
    tokens: list[str] = field(default_factory=list)
    link: _Candidate | None = None  # the name an acronym in parentheses stands for


@dataclass(frozen=True, slots=True)
class Entities:
    """The entity mentions of one text, and the country the text is mostly about (see
    :func:`_document_country`: the one vote, used for agency ids here and for figures' countries)."""

    mentions: list[Mention]
    country: str | None


def find_mentions(text: str) -> list[Mention]:
    """Return every PERSON, ORG and LOC mention of ``text`` with its canonical name and id."""
    return read_entities(text).mentions


def read_entities(text: str) -> Entities:
    """The mentions of ``text`` and its country."""
    skipped = _skipped_spans(text)
    tokens = _outside(_tokenize(text), skipped)
    candidates: list[_Candidate] = []
    singles: list[_Token] = []
    unknown: list[list[_Token]] = []
    groups = _group_tokens(text, tokens)
    for group in groups:
        found = _classify_group(text, group)
        candidates.extend(found)
        if not found:
            unknown.append(group)
            if len(group) == 1:
                singles.append(group[0])
    candidates.extend(_reused_surnames(text, unknown, singles))
    candidates.extend(_resolve_singles(text, singles, candidates))
    candidates.extend(_lowercase_agencies(text, candidates))
    candidates.extend(_list_people(text, groups, candidates))
    candidates.extend(_context_places(text, unknown, candidates))
    candidates = _link_parenthetical_acronyms(text, tokens, candidates)
    return _to_mentions(text, candidates, tokens)


def _skipped_spans(text: str) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for m in _DATELINE.finditer(text) if m.end() > m.start()]
    spans.extend((m.start(), m.end()) for m in _PLACE_DATELINE.finditer(text) if _is_dateline_place(m))
    for pattern in (_AGENCY_DATELINE, _BREADCRUMB, _CREDIT_SPANS, _NICKNAME):
        spans.extend((m.start(), m.end()) for m in pattern.finditer(text))
    return spans


def _is_dateline_place(match: re.Match[str]) -> bool:
    place = match.group("place")
    return place.isupper() or is_place(place)


def _outside(tokens: list[_Token], spans: list[tuple[int, int]]) -> list[_Token]:
    """The tokens that start in none of ``spans`` (tokens come in text order)."""
    if not spans:
        return tokens
    ordered = sorted(spans)
    kept: list[_Token] = []
    index, reach = 0, -1
    for token in tokens:
        while index < len(ordered) and ordered[index][0] <= token.start:
            reach = max(reach, ordered[index][1])
            index += 1
        if token.start >= reach:
            kept.append(token)
    return kept


def _tokenize(text: str) -> list[_Token]:
    """The word tokens of ``text``, without noise: currency prefixes ("US$"), words stuck to a digit
    before them, and single words shouting in an all-caps line ("FOLLOW US")."""
    tokens: list[_Token] = []
    append = tokens.append
    for match in _TOKEN.finditer(text):
        word = match.group()
        start, end = match.span()
        if word[-1] == "." and not _keeps_dot(word):
            word = word[:-1]
            end -= 1
        if text[end : end + 1] in _CURRENCY_SIGNS or (start and text[start - 1].isdigit()):
            continue
        if len(word) > 1 and word.isupper() and _is_shouting_line(line_of(text, start, start)):
            continue
        append(_Token(start, end, word, word.lower(), _capitalized(word)))
    return tokens


@lru_cache(maxsize=2048)
def _is_shouting_line(line: str) -> bool:
    words = _LETTER_WORD.findall(line)
    return len(words) > 1 and all(w.isupper() for w in words)


def _keeps_dot(word: str) -> bool:
    core = word[:-1]
    if len(core) == 1 and core.isupper():
        return True
    if "." in core:
        return True
    return word.lower() in _ABBREVIATION_DOTS


def _capitalized(word: str) -> bool:
    """Whether ``word`` starts with a capital (after an opening quote), or is an "al-X" name."""
    if word[0] in "‘'’":
        word = word.lstrip("‘'’")
        if not word:
            return False
    return word[0].isupper() or ("-" in word and bool(_ARTICLE_PREFIX_NAME.match(word)))


def _group_tokens(text: str, tokens: list[_Token]) -> list[list[_Token]]:
    groups: list[list[_Token]] = []
    current: list[_Token] = []
    pending: list[_Token] = []
    for token in tokens:
        joined = bool(current) and _joined(text, (pending or current)[-1], token)
        if token.capitalized:
            if current and joined:
                current.extend(pending)
            elif current:
                groups.append(current)
                current = []
            pending = []
            current.append(token)
        elif (
            current
            and joined
            and token.text in _CONNECTORS
            or (current and pending and joined and token.text == "the" and pending[-1].text in ("of", "for"))
        ):
            pending.append(token)
        else:
            if current:
                groups.append(current)
            current, pending = [], []
    if current:
        groups.append(current)
    split: list[list[_Token]] = []
    for group in groups:
        split.extend(_split_and(_trim_connectors(group)))
    return split


def _split_and(group: list[_Token]) -> list[list[_Token]]:
    """Split "Poland and Slovenia", keep "Securities and Exchange Commission" and "Ministry of X and Y"."""
    if "and" in (t.text for t in group) and _is_known_name(" ".join(t.text for t in group)):
        return [group]
    for index, token in enumerate(group):
        if token.text != "and" or index == 0 or index + 1 >= len(group):
            continue
        if any(
            _is_known_name(" ".join(t.text for t in group[:end])) for end in range(index + 2, len(group) + 1)
        ):
            continue
        left, right = group[:index], group[index + 1 :]
        inner_link = any(t.text in ("of", "for") for t in left)
        starts_org = _base(right[0].lower) in ORG_KEYWORDS
        left_has_keyword = _has_org_keyword(left) or " ".join(t.lower for t in left).endswith(
            tuple(" " + d for d in PLACE_DESCRIPTORS)
        )
        ends_keyword = _base(group[-1].lower) in ORG_KEYWORDS
        if (inner_link and not starts_org) or (ends_keyword and not left_has_keyword):
            continue
        return [left] + _split_and(right)
    return [group]


def _joined(text: str, left: _Token, right: _Token) -> bool:
    gap = text[left.end : right.start]
    return gap in (" ", "-") or (gap == "" and left.text.endswith(".")) or bool(_NICKNAME_GAP.fullmatch(gap))


def _trim_connectors(group: list[_Token]) -> list[_Token]:
    while group and group[-1].text in _CONNECTORS | {"the"}:
        group = group[:-1]
    return group


def _classify_group(text: str, group: list[_Token]) -> list[_Candidate]:
    if not group or _is_shouting(group):
        return []
    if _OPERATION_BEFORE.search(text[max(0, group[0].start - 16) : group[0].start]):
        return []
    group = _strip_leading(text, group)
    if not group:
        return []
    if _is_title_line(text, group[0].start):
        return _classify_headline(text, group)
    results: list[_Candidate] = []
    for segment in _split_possessives(group):
        results.extend(_classify_segment(text, segment))
    return results


def _is_title_line(text: str, position: int) -> bool:
    """A headline in Title Case: only gazetteer names and titled people are trusted there."""
    return _is_title_case(line_of(text, position, position))


@lru_cache(maxsize=2048)
def _is_title_case(line: str) -> bool:
    if line.endswith((".", "!", "?", '"', "”", ":")):
        return False
    words = re.findall(r"\b[A-Za-z][\w'’-]{3,}", line)
    lower = sum(1 for w in words if w[0].islower() and w not in _HEADLINE_LOWER_WORDS)
    if len(line.split()) <= 4:
        return lower == 0
    return len(words) >= 4 and lower <= 2 and sum(1 for w in words if w[0].isupper()) / len(words) >= 0.7


def _classify_headline(text: str, group: list[_Token]) -> list[_Candidate]:
    results: list[_Candidate] = []
    for segment in _split_possessives(group):
        segment = _drop_possessive_tail(segment)
        if not segment:
            continue
        person = _split_title(segment)
        if person is not None:
            results.append(_candidate("PERSON", text, person[1]))
            segment = person[0]
        for start in range(len(segment)):
            for end in range(len(segment), start, -1):
                piece = segment[start:end]
                name = " ".join(_base(t.text) for t in piece)
                if is_place(name) and not _is_modifier(text, piece):
                    results.append(_candidate("LOC", text, piece))
                    break
                if is_known_org(name):
                    results.append(_candidate("ORG", text, piece))
                    break
    return _non_overlapping(results)


def _non_overlapping(candidates: list[_Candidate]) -> list[_Candidate]:
    kept: list[_Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (c.start, -(c.end - c.start))):
        if not any(k.start < candidate.end and candidate.start < k.end for k in kept):
            kept.append(candidate)
    return kept


def _is_shouting(group: list[_Token]) -> bool:
    letters = [t.text for t in group if any(c.isalpha() for c in t.text)]
    return len(letters) > 1 and all(w.upper() == w for w in letters)


def _strip_leading(text: str, group: list[_Token]) -> list[_Token]:
    """Drop sentence-opening words ("The", "According") and leading demonyms that are not part of a name."""
    while group and _is_droppable_lead(group):
        group = group[1:]
    return group


def _is_droppable_lead(group: list[_Token]) -> bool:
    first = group[0]
    lower = first.lower.strip("‘'’")
    rest = group[1:]
    if first.text in _CONNECTORS:
        return True
    if lower in TITLE_WORDS and rest:
        return False
    if lower in DEMONYMS and rest:
        return _drops_demonym(rest)
    return lower in COMMON_CAPITALIZED and not _is_name_start(group)


def _drops_demonym(rest: list[_Token]) -> bool:
    """ "Chinese President Xi", "British Home Office", "German Duisburg Police" lose their demonym."""
    if rest[0].lower in TITLE_WORDS:
        return True
    if is_known_org(" ".join(t.text for t in rest), local=False):
        return True
    if _is_place(rest[0].text) and len(rest) > 1:
        return True
    return not _has_org_keyword(rest)


def _is_name_start(group: list[_Token]) -> bool:
    """True when a common word opens a known name ("National Crime Agency", "Central Commission ...")."""
    if len(group) < 2:
        return False
    name = " ".join(_base(t.text) for t in group)
    openings = [" ".join(_base(t.text) for t in group[:end]) for end in range(len(group), 1, -1)]
    if is_place(name) or (group[0].lower != "the" and any(is_place(n) or is_known_org(n) for n in openings)):
        return True
    first = group[0].lower
    return first in {
        "national",
        "federal",
        "central",
        "state",
        "regional",
        "provincial",
        "international",
        "supreme",
        "chinese",
        "new",
        "south",
        "north",
        "east",
        "west",
        "southeast",
    } and (_has_org_keyword(group[1:]) or is_place(name))


def _is_known_name(name: str) -> bool:
    """ "Bosnia and Herzegovina", "Bureau of Alcohol, Tobacco, Firearms and Explosives": one name."""
    return is_place(name) or is_known_org(name)


def _has_org_keyword(tokens: list[_Token]) -> bool:
    return any(_base(t.lower) in ORG_KEYWORDS for t in tokens)


def _base(word: str) -> str:
    if word[-1:] not in ("s", "'", "’"):    # no possessive ending: most words
        return word
    return _POSSESSIVE.sub("", word)


def _split_possessives(group: list[_Token]) -> list[list[_Token]]:
    """Split at possessives that close a name: "China's Ministry of ..." -> "China", "Ministry of ..."."""
    segments: list[list[_Token]] = []
    current: list[_Token] = []
    for token in group:
        if _POSSESSIVE.search(token.text) and len(token.text) > 2 and not _is_plural_possessive(token.text):
            alone = _base(token.text)
            joined = " ".join([_base(t.text) for t in current] + [alone])
            known = is_place(joined) or is_known_org(joined)
            if current and not known and (is_place(alone) or is_known_org(alone)):
                size = _known_suffix_size(current + [token])
                if size < len(current) + 1:
                    segments.append(current[: len(current) + 1 - size])
                segments.append(current[len(current) + 1 - size :] + [token])
                current = []
                continue
            current.append(token)
            name = " ".join(_base(t.text) for t in current)
            if is_place(name) or _base(token.lower) in ORG_KEYWORDS or is_known_org(name):
                segments.append(current)
                current = []
            continue
        current.append(token)
    if current:
        segments.append(current)
    return segments


def _known_suffix_size(tokens: list[_Token]) -> int:
    """How many last tokens make the longest known name: 2 for "Remember New Jersey's" ("New Jersey")."""
    for size in range(len(tokens), 0, -1):
        if _is_known_name(" ".join(_base(t.text) for t in tokens[-size:])):
            return size
    return 1


def _is_plural_possessive(word: str) -> bool:
    """ "Prosecutors' Office", "Chiefs’ Council": a plural possessive is inside a name, not at its end."""
    return word.endswith(("s'", "s’"))


def _classify_segment(text: str, tokens: list[_Token]) -> list[_Candidate]:
    tokens = _drop_possessive_tail(tokens)
    if not tokens:
        return []
    person_split = _split_title(tokens)
    if person_split is not None:
        before, person = person_split
        found = _classify_segment(text, before) if before else []
        return found + [_candidate("PERSON", text, person)]
    titled = _split_titled_name_of(tokens)
    if titled is not None:
        before, person, after = titled
        found = _classify_segment(text, before) if before else []
        return found + [_candidate("PERSON", text, person)] + _classify_segment(text, after)
    return _classify_plain(text, tokens)


def _split_titled_name_of(tokens: list[_Token]) -> tuple[list[_Token], list[_Token], list[_Token]] | None:
    """ "Deputy Superintendent Marcus Lim of the Commercial Affairs Department": title, name, organisation."""
    titles = [i for i, t in enumerate(tokens) if _is_title(t)]
    if not titles:
        return None
    start = titles[-1] + 1
    links = [i for i in range(start, len(tokens)) if tokens[i].text in ("of", "at")]
    if not links:
        return None
    name = tokens[start : links[0]]
    after = [t for t in tokens[links[0] + 1 :] if t.text != "the" or t is not tokens[links[0] + 1]]
    if not 2 <= len(name) <= 3 or not all(_name_shaped(t.text) for t in name) or not _has_org_keyword(after):
        return None
    if any(_base(t.lower) in ORG_KEYWORDS or t.lower in COMMON_CAPITALIZED for t in name):
        return None
    first_title = titles[-1]
    while first_title > 0 and _is_title(tokens[first_title - 1]):
        first_title -= 1
    return tokens[:first_title], name, after


def _drop_possessive_tail(tokens: list[_Token]) -> list[_Token]:
    while tokens and tokens[-1].text in _CONNECTORS:
        tokens = tokens[:-1]
    return tokens


def _is_title(token: _Token) -> bool:
    """ "Director", "Lt-Col", "Sub-Inspector": a word that introduces or qualifies a person's name."""
    word = _base(token.lower)
    if word in TITLE_WORDS:
        return True
    parts = word.split("-")
    return len(parts) > 1 and all(p in TITLE_WORDS or p in _TITLE_PREFIXES for p in parts)


def _last_title(tokens: list[_Token]) -> int:
    """The index of the last title that a name follows; a title word closing the group ("Paul Judge")
    is part of the name, and one after "of the" inside an organisation ("Office of the Inspector
    of Mines") is no title."""
    last = -1
    for index, token in enumerate(tokens):
        if not _is_title(token):
            continue
        words = " ".join(t.text for t in tokens[last + 1 : index])
        if (
            index == len(tokens) - 1
            and index > 0
            and not _is_title(tokens[index - 1])
            and not is_place(words)
        ):
            continue
        inside_org = index >= 2 and tokens[index - 1].text == "the" and _base(tokens[0].lower) in ORG_KEYWORDS
        if not inside_org:
            last = index
    return last


def _split_title(tokens: list[_Token]) -> tuple[list[_Token], list[_Token]] | None:
    """Split "SEC Chairman Jay Clayton" into (["SEC"], ["Jay", "Clayton"]) when a title precedes a name."""
    last_title = _last_title(tokens)
    if last_title < 0:
        return None
    tail = tokens[last_title + 1 :]
    skipped_department = False
    if tail and tail[0].text in ("of", "for"):
        skipped_department = True
        tail = [t for t in tail if t.text not in _CONNECTORS and t.text != "the"]
    keyword_positions = [i for i, t in enumerate(tail) if _base(t.lower) in ORG_KEYWORDS]
    if keyword_positions:
        tail = tail[keyword_positions[-1] + 1 :]
        skipped_department = True
        if tail and tail[0].text in _CONNECTORS:
            return None
    name = _person_words([t for t in tail if t.text not in _CONNECTORS])
    if not name or (skipped_department and len(name) < 2) or _is_place(name[-1].text):
        return None
    if any(t.lower in MONTHS_AND_DAYS or _base(t.lower) in ORG_KEYWORDS for t in name):
        return None
    if skipped_department and all(_COMMON_NOUN_ENDING.search(t.text) or t.lower in COMMON_CAPITALIZED for t in name[-1:]):
        return None     # "Director of Public Prosecutions": an office, not a name
    person = _person_from_name(name, from_end=skipped_department)
    if len(person) == 1 and (person[0].lower in COMMON_CAPITALIZED or _is_acronym(person[0].text)):
        return None
    first_title = last_title
    while first_title > 0 and (
        _is_title(tokens[first_title - 1]) or tokens[first_title - 1].text in _CONNECTORS
    ):
        first_title -= 1
    return tokens[:first_title], person


def _person_words(name: list[_Token]) -> list[_Token]:
    """The words after a title that can be a name: without a leading unit ("Nairobi Zone", "Operations")
    and without post-nominal letters ("QC")."""
    while len(name) > 1 and name[-1].text.isupper() and 2 <= len(name[-1].text) <= 3:
        name = name[:-1]
    while len(name) > 2 and (
        _is_place(name[0].text) or name[0].lower in _UNIT_WORDS or _COMMON_NOUN_ENDING.search(name[0].text)
    ):
        name = name[1:]
    return name


def _person_from_name(name: list[_Token], *, from_end: bool) -> list[_Token]:
    particle = any(t.lower in _NAME_PARTICLES for t in name[1:-1])
    if 4 <= len(name) <= 5 and particle and all(_is_name_word(t) or t.lower in _NAME_PARTICLES for t in name):
        return name
    if from_end:
        keep = 3 if len(name) >= 3 and len(name[-2].text.rstrip(".")) == 1 else 2
        return name[-keep:]
    keep = (
        3
        if len(name) >= 3 and len(name[1].text.rstrip(".")) == 1
        else min(len(name), 2 if len(name) > 3 else 3)
    )
    return name[:keep]


def _is_name_word(token: _Token) -> bool:
    """A word that can stand in a long personal name ("Omar Faisal Al Harbi")."""
    lower = token.lower
    return (
        _name_shaped(token.text)
        and lower not in COMMON_CAPITALIZED
        and lower not in MONTHS_AND_DAYS
        and not _is_place(token.text)
        and _base(lower) not in ORG_KEYWORDS
        and not _is_title(token)
        and not _COMMON_NOUN_ENDING.search(token.text)
    )


def _classify_plain(text: str, tokens: list[_Token]) -> list[_Candidate]:
    name = " ".join(_base(t.text) for t in tokens)
    lower = name.lower()
    if lower in DEMONYMS or lower in MONTHS_AND_DAYS:
        return []
    if _has_non_entity_suffix(tokens):
        return _known_prefix(text, tokens)
    if len(tokens) == 1 and _is_acronym(tokens[0].text):
        if country_id(tokens[0].text) is not None and _is_modifier(text, tokens):
            return []
        return [_candidate("ACRONYM", text, tokens)]
    if is_place(name):
        return [] if _is_modifier(text, tokens) else [_candidate("LOC", text, tokens)]
    if is_known_org(name):
        return [_candidate("ORG", text, tokens)]
    place = _place_with_descriptor(text, tokens)
    if place is not None:
        return [_candidate("LOC", text, place)]
    if _has_org_keyword(tokens):
        return _org_candidates(text, tokens)
    if _is_city(text, tokens):
        return [] if _is_modifier(text, tokens) else [_candidate("LOC", text, tokens)]
    if len(tokens) > 1 and _looks_like_person(text, tokens):
        return [_candidate("PERSON", text, tokens)]
    return _known_prefix(text, tokens) or _known_after_opening_word(text, tokens)


def _has_non_entity_suffix(tokens: list[_Token]) -> bool:
    return len(tokens) > 1 and _base(tokens[-1].lower) in NON_ENTITY_SUFFIXES


def _is_acronym(word: str) -> bool:
    letters = word.replace(".", "").replace("&", "")
    return word.isupper() and 2 <= len(letters) <= 6 and letters.isalpha() and word not in NOT_ACRONYMS


def _known_prefix(text: str, tokens: list[_Token]) -> list[_Candidate]:
    """A known name opening a longer unknown one ("Interpol Red Notice" -> "Interpol")."""
    for end in range(len(tokens) - 1, 0, -1):
        piece = tokens[:end]
        name = " ".join(_base(t.text) for t in piece)
        if is_known_org(name):
            return [_candidate("ORG", text, piece)]
        if country_id(name) is not None:
            return []
    return []


def _known_after_opening_word(text: str, tokens: list[_Token]) -> list[_Candidate]:
    """A sentence's capitalized first word before a known name ("Dazzling Guangzhou ...") is not part of it."""
    if len(tokens) < 2 or not _sentence_initial(text, tokens[0].start):
        return []
    rest = tokens[1:]
    name = " ".join(_base(t.text) for t in rest)
    if is_place(name):
        return [] if _is_modifier(text, rest) else [_candidate("LOC", text, rest)]
    if is_known_org(name):
        return [_candidate("ORG", text, rest)]
    return []


def _org_candidates(text: str, tokens: list[_Token]) -> list[_Candidate]:
    while (
        tokens
        and _base(tokens[0].lower) in TITLE_WORDS
        and len(tokens) > 2
        and _base(tokens[1].lower) not in ORG_KEYWORDS     # "General Department of ...": part of the name
    ):
        tokens = tokens[1:]
        while tokens and tokens[0].text in _CONNECTORS | {"the"}:
            tokens = tokens[1:]
        tokens = _portfolio_dropped(tokens)
    meaningful = [t for t in tokens if t.text not in _CONNECTORS and _base(t.lower) not in ORG_KEYWORDS]
    if not meaningful:
        return []
    if all(t.lower in DEMONYMS for t in meaningful) and _sentence_initial(text, tokens[0].start):
        return []
    nested = _split_nested_org(tokens)
    if nested is not None:
        return [_candidate("ORG", text, nested[0]), _candidate("ORG", text, nested[1])]
    return [_candidate("ORG", text, tokens)]


def _portfolio_dropped(tokens: list[_Token]) -> list[_Token]:
    """After a title, "Public Affairs of the Ghana Police Service" is the title's portfolio and then
    the organisation: the organisation is what follows "of the"."""
    for index in range(1, len(tokens) - 2):
        if tokens[index].text == "of" and tokens[index + 1].text == "the":
            left, right = tokens[:index], tokens[index + 2 :]
            if not _has_org_keyword(left) and _has_org_keyword(right):
                return right
            break
    return tokens


def _split_nested_org(tokens: list[_Token]) -> tuple[list[_Token], list[_Token]] | None:
    """ "Abuja Zonal Command of the Economic and Financial Crimes Commission" names two organisations."""
    for index, token in enumerate(tokens):
        if token.text == "of" and index + 1 < len(tokens) and tokens[index + 1].text == "the":
            left, right = tokens[:index], tokens[index + 2 :]
            if (
                left
                and right
                and _base(left[-1].lower) in ORG_KEYWORDS
                and _has_org_keyword(right)
                and len(left) > 1
            ):
                return left, right
    return None


def _place_with_descriptor(text: str, tokens: list[_Token]) -> list[_Token] | None:
    while len(tokens) > 1 and tokens[-1].lower in _TRAILING_FACILITY_PARTS:
        tokens = tokens[:-1]
    words = [t.lower for t in tokens]
    joined = " ".join(words)
    for descriptor in PLACE_DESCRIPTORS:
        if joined.endswith(" " + descriptor):
            base = tokens[: -len(descriptor.split())]
            while len(base) > 1 and base[-1].lower in _ETHNIC_QUALIFIERS:
                base = base[:-1]
            if base and base[0].capitalized and not _has_org_keyword(base):
                return base
    if (
        len(tokens) >= 2
        and _base(words[-1]) in FACILITY_WORDS
        and not _has_org_keyword(tokens[:-1])
        and words[-2] != "real"
        and words[0] not in FIRST_NAMES
    ):
        return tokens
    if "district" in words and "of" in words and not _has_org_keyword(tokens):
        return tokens
    if len(tokens) >= 3 and words[0] in ("port", "bay", "gulf", "strait", "isle") and words[1] == "of":
        return tokens
    if (
        len(tokens) == 1
        and _LOWER_DESCRIPTOR_AFTER.match(text[tokens[0].end : tokens[0].end + 16])
        and not _sentence_initial(text, tokens[0].start)
        and tokens[0].lower not in COMMON_CAPITALIZED
    ):
        return tokens
    return None


def _looks_like_person(text: str, tokens: list[_Token]) -> bool:
    if not 2 <= len(tokens) <= 5:
        return False
    words = [t.text for t in tokens if t.text not in _CONNECTORS]
    if any(w.lower() in COMMON_CAPITALIZED or w.lower() in _FULL_MONTHS_DAYS or _is_place(w) for w in words):
        return False
    if any(not _name_shaped(w) for w in words):
        return False
    if words[0].lower() in EAST_ASIAN_SURNAMES and len(words) == 2 and len(words[1]) >= 2:
        return True
    if words[0].lower() in FIRST_NAMES or words[-1].lower() in _NAME_SUFFIXES:
        return True
    after = text[tokens[-1].end : tokens[-1].end + 40]
    before = text[max(0, tokens[0].start - 30) : tokens[0].start]
    if _PERSON_AFTER.match(after) or _PERSON_BEFORE.search(before):
        return True
    previous = before.split()[-1:] if before.split() else []
    return bool(previous) and previous[0].lower().strip(",") in PERSON_CUE_WORDS


def _name_shaped(word: str) -> bool:
    if _ARTICLE_PREFIX_NAME.match(word):
        word = word[word.index("-") + 1 :]      # "al-Jammal" is shaped as "Jammal"
    if not word[:1].isupper():
        return False
    rest = word[1:]
    return (
        rest.islower()
        or word.lower() in _NAME_SUFFIXES
        or len(word.rstrip(".")) == 1
        or "-" in word
        or "'" in word
        or "’" in word
        or (rest[:1].isupper() and rest[1:].islower())
    )


def _is_place(word: str) -> bool:
    """A place that is never a person's name (checks on people's names use this one)."""
    return is_major_place(word)


def _is_city(text: str, tokens: list[_Token]) -> bool:
    """A town or city of the city table, where the words cannot be something else.

    A name of several words counts unless it opens with a given name; one word counts when it is not
    the first of a sentence, is not also written in lower case in the text ("Mobile" / "mobile"), and
    names a large city or follows a preposition of place.
    """
    name = " ".join(_base(t.text) for t in tokens)
    population = city_population(name)
    if not population:
        return False
    if len(tokens) > 1:
        return tokens[0].lower not in FIRST_NAMES
    word = tokens[0]
    if _sentence_initial(text, word.start) or re.search(rf"\b{re.escape(_base(word.lower))}\b", text):
        return False
    before = text[max(0, word.start - 12) : word.start]
    if _DETERMINER_BEFORE.search(before):
        return False
    return population >= _LARGE_CITY or _PLACE_PREPOSITION.search(before) is not None


def _is_modifier(text: str, tokens: list[_Token]) -> bool:
    after = text[tokens[-1].end : tokens[-1].end + 30]
    if _POSSESSIVE.search(tokens[-1].text):
        return False
    match = re.match(r"\s+([a-z][\w\-]*)", after)
    if match and (
        match.group(1) in MODIFIER_NOUNS
        or match.group(1) in ORG_KEYWORDS
        or match.group(1).endswith("-based")
        or match.group(1) == "based"
    ):
        return True
    if after.startswith("-based"):
        return True
    before = text[max(0, tokens[0].start - 12) : tokens[0].start].lower()
    if re.search(r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s$", before):
        return True
    return bool(re.search(r"\ban?\s$", before)) and bool(match)


def _sentence_initial(text: str, position: int) -> bool:
    index = position - 1
    while index >= 0 and text[index] in " \t\"'“‘(":
        index -= 1
    return index < 0 or text[index] in ".!?\n:;|•—–-"


def _candidate(kind: str, text: str, tokens: list[_Token]) -> _Candidate:
    start, end = tokens[0].start, tokens[-1].end
    raw = text[start:end]
    name = _POSSESSIVE.sub("", raw) if kind != "ACRONYM" else raw
    if name != raw:
        end = start + len(name)
    words = [_base(t.text) for t in tokens if t.text not in _CONNECTORS]
    # the key (and so the name) leaves a quoted nickname out; the text is the span as written
    return _Candidate(kind, name, start, end, _NICKNAME_GAP.sub(" ", name).lower(), words)


def _resolve_singles(text: str, singles: list[_Token], candidates: list[_Candidate]) -> list[_Candidate]:
    """Turn lone capitalized words into short forms of people already found ("Du" -> "Du Xueyi")."""
    people = [c for c in candidates if c.type == "PERSON" and len(c.tokens) > 1]
    found: list[_Candidate] = []
    for token in singles:
        word = _base(token.text)
        if word.lower() in COMMON_CAPITALIZED and not any(word in p.tokens for p in people):
            continue
        for person in people:
            if word in (person.tokens[0], person.tokens[-1]):
                found.append(
                    _Candidate("PERSON", word, token.start, token.start + len(word), word.lower(), [word])
                )
                break
    return found


def _reused_surnames(text: str, unknown: list[list[_Token]], singles: list[_Token]) -> list[_Candidate]:
    """A name of two or three name-shaped words whose last word the text also writes alone is a person:
    "Marta Kowalczyk ... Kowalczyk said"."""
    alone = {_base(t.text) for t in singles}
    found: list[_Candidate] = []
    for group in unknown:
        if len(group) < 2 or _base(group[-1].text) not in alone:
            continue
        words = _strip_leading(text, group)
        while words and words[0].text.isupper() and len(words) > 2:
            words = words[1:]
        if not 2 <= len(words) <= 3 or _base(words[-1].text) not in alone:
            continue
        if all(_is_name_word(t) for t in words) and not _has_org_keyword(words):
            found.append(_candidate("PERSON", text, words))
    return found


def _context_places(text: str, unknown: list[list[_Token]], candidates: list[_Candidate]) -> list[_Candidate]:
    """Unknown names that their context makes places: "the town of X", "the X area", "in X, Hebei",
    "in X in Lagos", and names listed next to a place ("Ikeja, X and Lekki")."""
    taken = [(c.start, c.end) for c in candidates]
    places = [c for c in candidates if c.type == "LOC"]
    found: list[_Candidate] = []
    pending: list[list[_Token]] = []
    for group in unknown:
        if len(group) > 4 or group[-1].lower in COMMON_CAPITALIZED or not _name_shaped(group[-1].text):
            continue
        words = _strip_leading(text, group)
        if not words or len(words) > 3 or any(s < words[-1].end and words[0].start < e for s, e in taken):
            continue
        if not all(_name_shaped(t.text) and t.lower not in COMMON_CAPITALIZED for t in words):
            continue
        name = " ".join(_base(t.text) for t in words)
        if (
            words[0].lower in FIRST_NAMES
            or _has_org_keyword(words)
            or is_place(name)
            or city_population(name)
        ):
            continue
        if len(words) == 1 and (len(name) < 3 or _is_descriptor_word(words[0].lower)):
            continue
        if words[0].lower in _LEADING_PLACE_WORDS and len(words) > 1:
            words = words[1:]
        if _placed_by_context(text, words, places):
            found.append(_candidate("LOC", text, words))
        elif not _sentence_initial(text, words[0].start):
            pending.append(words)
    places.extend(found)
    changed = True
    while changed:
        changed = False
        for words in list(pending):
            if any(_listed_with(text, words, place) for place in places):
                found.append(_candidate("LOC", text, words))
                places.append(found[-1])
                pending.remove(words)
                changed = True
    return found


def _is_descriptor_word(word: str) -> bool:
    return word in PLACE_DESCRIPTORS or word in FACILITY_WORDS or word in _LEADING_PLACE_WORDS


def _placed_by_context(text: str, words: list[_Token], places: list[_Candidate]) -> bool:
    before = text[max(0, words[0].start - 40) : words[0].start]
    after = text[words[-1].end : words[-1].end + 40]
    if _PLACE_OF.search(before):
        return True
    if _AREA_AFTER.match(after) and not _sentence_initial(text, words[0].start):
        return True
    if not _PLACE_PREPOSITION.search(before[-12:]):
        return False
    link = re.match(r",\s+|\s+in\s+", after)
    return link is not None and any(p.start == words[-1].end + link.end() for p in places)


def _listed_with(text: str, words: list[_Token], place: _Candidate) -> bool:
    if place.end <= words[0].start:
        gap = text[place.end : words[0].start]
    elif words[-1].end <= place.start:
        gap = text[words[-1].end : place.start]
    else:
        return False
    return re.fullmatch(r",\s*(?:and\s+)?|\s+and\s+", gap) is not None


def _lowercase_index() -> dict[str, tuple[str, ...]]:
    """Registry names of three words or more, by first word, longest first: looked up in lower case."""
    index: dict[str, list[str]] = {}
    for key in AGENCIES:
        if len(key.split()) >= 3 and key.isascii() and re.fullmatch(r"[a-z' .\-]+", key):
            index.setdefault(key.split()[0], []).append(key)
    return {first: tuple(sorted(keys, key=len, reverse=True)) for first, keys in index.items()}


_LOWERCASE_AGENCIES = _lowercase_index()
_LOWERCASE_FIRST = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(_LOWERCASE_AGENCIES))) + r")\b")


def _lowercase_agencies(text: str, candidates: list[_Candidate]) -> list[_Candidate]:
    """Agencies written in lower case ("the ministry of public security said")."""
    found: list[_Candidate] = []
    for match in _LOWERCASE_FIRST.finditer(text):
        start = match.start()
        name = next(
            (
                k
                for k in _LOWERCASE_AGENCIES[match.group(0)]
                if text.startswith(k, start) and not text[start + len(k) : start + len(k) + 1].isalnum()
            ),
            None,
        )
        if name is None:
            continue
        end = start + len(name)
        if any(c.start < end and start < c.end for c in candidates):
            continue
        found.append(_Candidate("ORG", name, start, end, name, name.split()))
    return found


def _list_people(text: str, groups: list[list[_Token]], candidates: list[_Candidate]) -> list[_Candidate]:
    """Names listed next to a person ("Usifo Mophy, Eze Richard and ...", "A; B; C") are people too."""
    people = [c for c in candidates if c.type == "PERSON" and len(c.tokens) > 1]
    taken = [(c.start, c.end) for c in candidates]
    found: list[_Candidate] = []
    for group in groups:
        if (
            len(group) < 2
            or len(group) > 3
            or any(s < group[-1].end and group[0].start < e for s, e in taken)
        ):
            continue
        if not all(
            _name_shaped(t.text) and t.lower not in COMMON_CAPITALIZED and not _is_place(t.text)
            for t in group
        ):
            continue
        if _has_org_keyword(group):
            continue
        if _NAMES_LEAD.search(text, max(0, group[0].start - 60), group[0].start):
            found.append(_candidate("PERSON", text, group))   # "The suspects are: A; B; C"
            people.append(found[-1])
            continue
        for person in people:
            gap = text[min(person.end, group[-1].end) : max(person.start, group[0].start)]
            if re.fullmatch(r"\s*(?:[,;]\s*(?:and\s+)?|and\s+)", gap):
                found.append(_candidate("PERSON", text, group))
                people.append(found[-1])
                break
    return found


_NAMES_LEAD = re.compile(
    r"\b(?:suspects|accused|defendants|detainees|arrestees|fugitives|convicts|victims)\s+(?:\w+\s+){0,3}?"
    r"(?:are|were|include|included|named|identified)(?:\s+as)?\s*:\s*$"
)
_PROGRAMME_OPENINGS = frozenset({"operation", "project", "programme", "program", "campaign", "initiative"})
_AMOUNT_OF = re.compile(r"\d\s*(?:kg|g|kilos?|kilograms?|grams?|tonnes?|tons?|pounds?|lbs?)\s+of\s+$")


def _link_parenthetical_acronyms(
    text: str, tokens: list[_Token], candidates: list[_Candidate]
) -> list[_Candidate]:
    """An acronym in parentheses names what stands just before it: "National Crime Agency (NCA)".

    It joins the organisation or place written there whatever its letters; after capitalized words
    whose initials it spells it makes them an organisation ("Harbour Safety Operations (HSO)");
    after a statute, platform or programme ("Data Protection Act (DPA)"), a lower-case phrase
    ("fake currency notes (FCN)") or inside a longer name it is no entity, here or anywhere in the text.
    An acronym explained by a lower-case word ("MDMA (ecstasy)") or counted by weight ("2 kg of
    ICE") is a substance, not an organisation.
    """
    ends = {c.end: c for c in candidates if c.type in ("ORG", "LOC", "ACRONYM")}
    dropped: set[str] = set()
    added: list[_Candidate] = []
    for candidate in candidates:
        if candidate.type != "ACRONYM":
            continue
        if re.match(r"\s*\([a-z]", text[candidate.end : candidate.end + 4]) or _AMOUNT_OF.search(
            text[max(0, candidate.start - 24) : candidate.start]
        ):
            dropped.add(candidate.text)
            continue
        if (
            text[candidate.start - 1 : candidate.start] != "("
            or text[candidate.end : candidate.end + 1] != ")"
        ):
            continue
        before = text[: candidate.start - 1].rstrip(" ")
        named = ends.get(len(before))
        if named is not None and named.type != "ACRONYM":
            candidate.link = named
            continue
        words = [t for t in tokens if t.end <= len(before) and t.end > len(before) - 120]
        phrase = _phrase_before(text, words, len(before))
        continues = re.match(r"\) [A-Z][a-z]", text[candidate.end : candidate.end + 4]) is not None
        if not phrase or continues or _names_no_entity(phrase):
            dropped.add(candidate.text)
            continue
        size = _initials_size(candidate.text.replace(".", ""), phrase)
        if size:
            org = _candidate("ORG", text, phrase[-size:])
            added.append(org)
            candidate.link = org
    links = {c.text: c.link for c in candidates if c.type == "ACRONYM" and c.link is not None}
    for candidate in candidates:
        if candidate.type == "ACRONYM" and candidate.link is None:
            candidate.link = links.get(candidate.text)
    kept = [c for c in candidates if not (c.type == "ACRONYM" and c.link is None and c.text in dropped)]
    return kept + added


def _phrase_before(text: str, words: list[_Token], end: int) -> list[_Token]:
    """The capitalized words (and connectors) that end at ``end``; empty after a lower-case word."""
    phrase: list[_Token] = []
    position = end
    for token in reversed(words):
        if text[token.end : position].strip(" &-") or token.end > position:
            break
        if not token.capitalized and token.text not in _CONNECTORS:
            break
        phrase.insert(0, token)
        position = token.start
    while phrase and phrase[0].text in _CONNECTORS:
        phrase = phrase[1:]
    return phrase


def _names_no_entity(phrase: list[_Token]) -> bool:
    return _base(phrase[-1].lower) in NON_ENTITY_SUFFIXES or any(
        t.lower in _PROGRAMME_OPENINGS for t in phrase
    )


def _initials_size(acronym: str, phrase: list[_Token]) -> int:
    """How many last words of ``phrase`` the acronym abbreviates (0 when none do)."""
    for size in range(len(phrase), 1, -1):
        piece = phrase[-size:]
        if piece[0].text in _CONNECTORS:
            continue
        if _initials_match(acronym, " ".join(t.text for t in piece)):
            return size
    return 0


def _to_mentions(text: str, candidates: list[_Candidate], tokens: list[_Token]) -> Entities:
    candidates = _resolve_acronyms(candidates)
    country = _document_country(candidates, tokens)
    canonical = _canonical_names(candidates, country)
    mentions: list[Mention] = []
    for candidate in candidates:
        name = _NICKNAME_GAP.sub(" ", canonical.get((candidate.type, candidate.key), candidate.text))
        mentions.append(
            Mention(
                type=in_vocabulary(candidate.type, ENTITY_TYPES),
                name=name,
                text=candidate.text,
                start=candidate.start,
                end=candidate.end,
                entity_id=_entity_id(candidate.type, name, candidate.text, country),
            )
        )
    mentions.extend(_generic_references(text, mentions))
    return Entities(sorted(mentions, key=lambda m: m.start), country)


def _document_country(candidates: list[_Candidate], tokens: list[_Token]) -> str | None:
    """The country the text is mostly about: it decides between agencies that share a name ("DOJ"),
    and it is the country of a figure whose own clause names no place.

    Places vote for their country, known agencies twice for theirs, nationality words once. Of
    countries with as many votes, the one whose place or agency the text names first wins (a
    nationality word names people, not where things happened), then the one named first at all.
    """
    votes: Counter[str] = Counter()
    first_place: dict[str, int] = {}    # where a place or agency of the country is first named
    first_word: dict[str, int] = {}     # where a nationality word of it first stands

    def vote(code: str, weight: int, at: int, seen: dict[str, int]) -> None:
        votes[code] += weight
        seen[code] = min(at, seen.get(code, at))

    for candidate in candidates:
        if candidate.type == "LOC":
            code = country_code(candidate.text)
            if code:
                vote(code, 1, candidate.start, first_place)
        elif candidate.type == "ORG":
            found = agency(agency_id(candidate.text) or "")
            if found is not None and len(found.country) == 2:
                vote(found.country, 2, candidate.start, first_place)
    for token in tokens:
        code = DEMONYMS.get(token.lower) if token.capitalized else None
        if code:
            vote(code, 1, token.start, first_word)
    if not votes:
        return None
    return min(votes, key=lambda code: (-votes[code], code not in first_place, first_place.get(code, 0),
                                        first_word.get(code, 0)))


# Head nouns that a definite description ("the procuratorate") uses for a named organisation.
_GENERIC_HEADS = frozenset(
    {
        "procuratorate",
        "procuracy",
        "ministry",
        "commission",
        "agency",
        "bureau",
        "directorate",
        "department",
        "court",
        "tribunal",
        "council",
        "authority",
        "administration",
        "inspectorate",
    }
)
_DEFINITE_HEAD = re.compile(r"\b[Tt]he (" + "|".join(sorted(_GENERIC_HEADS)) + r")\b(?!['’]s\b| of\b| for\b)")


def _generic_references(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "the procuratorate" is the Supreme People's Procuratorate when that is the only procuratorate named.

    Each head noun resolves only when exactly one organisation of the text has it in its name; the
    mention covers the noun and carries the organisation's name and id.
    """
    owners: dict[str, set[tuple[str, str | None]]] = {}
    for mention in mentions:
        if mention.type != "ORG" or " " not in mention.name:
            continue
        for word in mention.name.lower().split():
            head = _base(word)
            if head in _GENERIC_HEADS:
                owners.setdefault(head, set()).add((mention.name, mention.entity_id))
    if not owners:
        return []
    taken = [(m.start, m.end) for m in mentions]
    found: list[Mention] = []
    for match in _DEFINITE_HEAD.finditer(text):
        entities = owners.get(match.group(1))
        start, end = match.start(1), match.end(1)
        if not entities or len(entities) != 1 or any(s < end and start < e for s, e in taken):
            continue
        name, entity_id = next(iter(entities))
        found.append(Mention("ORG", name, match.group(1), start, end, entity_id))
    return found


def _resolve_acronyms(candidates: list[_Candidate]) -> list[_Candidate]:
    orgs = [c for c in candidates if c.type == "ORG"]
    resolved: list[_Candidate] = []
    for candidate in candidates:
        if candidate.type != "ACRONYM":
            resolved.append(candidate)
            continue
        if candidate.link is not None:
            link = candidate.link
            resolved.append(
                _Candidate(
                    link.type, candidate.text, candidate.start, candidate.end, link.key, [candidate.text]
                )
            )
            continue
        acronym = candidate.text.replace(".", "")
        match = next((o for o in orgs if _initials_match(acronym, o.text)), None)
        if match is None and is_place(candidate.text):
            resolved.append(
                _Candidate(
                    "LOC",
                    candidate.text,
                    candidate.start,
                    candidate.end,
                    candidate.text.lower(),
                    [candidate.text],
                )
            )
            continue
        key = match.key if match is not None else candidate.text.lower()
        resolved.append(
            _Candidate("ORG", candidate.text, candidate.start, candidate.end, key, [candidate.text])
        )
    return resolved


def _initials_match(acronym: str, name: str) -> bool:
    if len(acronym) < 2:
        return False
    parts = [p for p in re.split(r"[-\s]+", _POSSESSIVE.sub("", name)) if p]
    content = [p for p in parts if p.lower() not in ("of", "the", "and", "for", "on", "&")]
    initials = "".join(p[0] for p in content).upper()
    with_links = "".join(p[0] for p in parts if p.lower() not in ("the", "and", "&")).upper()
    return acronym.upper() in (initials, with_links)


def _canonical_names(candidates: list[_Candidate], country: str | None) -> dict[tuple[str, str], str]:
    """Map each (type, key) to the fullest name of its entity, merging short forms and aliases."""
    canonical: dict[tuple[str, str], str] = {}
    people = [c for c in candidates if c.type == "PERSON"]
    for person in people:
        longest = max((p for p in people if set(person.tokens) <= set(p.tokens)), key=lambda p: len(p.text))
        canonical[("PERSON", person.key)] = longest.text
    canonical.update(_canonical_orgs([c for c in candidates if c.type == "ORG"], country))
    places: dict[str, str] = {}
    for candidate in candidates:
        if candidate.type == "LOC":
            group = _place_group(candidate)
            if len(candidate.text) > len(places.get(group, "")):
                places[group] = candidate.text
    for candidate in candidates:
        if candidate.type == "LOC":
            canonical[("LOC", candidate.key)] = places[_place_group(candidate)]
    return canonical


def _canonical_orgs(orgs: list[_Candidate], country: str | None) -> dict[tuple[str, str], str]:
    """Organisations merge by key, by agency id ("Justice Department" = "Department of Justice") and by
    a one-word short form of a longer name ("Xinhua" = "Xinhua News Agency")."""
    groups: dict[str, str] = {}
    for org in orgs:
        groups[org.key] = agency_id(org.text, country) or org.key
    full_names = [o for o in orgs if not o.text.isupper() and len(o.tokens) > 1]
    for org in orgs:
        if len(org.tokens) == 1 and not org.text.isupper():
            longer = next(
                (
                    o
                    for o in full_names
                    if o.tokens[0] == org.tokens[0]
                    and all(_base(w.lower()) in ORG_KEYWORDS for w in o.tokens[1:])
                ),
                None,
            )
            if longer is not None:
                groups[org.key] = groups[longer.key]
    best: dict[str, str] = {}
    for org in orgs:
        group = groups[org.key]
        current = best.get(group)
        if (
            current is None
            or (current.isupper() and not org.text.isupper())
            or (len(org.text) > len(current) and not org.text.isupper())
        ):
            best[group] = org.text
    return {("ORG", org.key): best[groups[org.key]] for org in orgs}


def _place_group(candidate: _Candidate) -> str:
    return country_id(candidate.text) or candidate.key


def _entity_id(kind: str, name: str, written: str, country: str | None) -> str | None:
    """ISO 3166 codes for countries and known provinces, registry ids for agencies, else None."""
    if kind == "LOC":
        return place_id(name) or place_id(written)
    if kind == "ORG":
        return agency_id(name, country) or agency_id(written, country)
    return None
