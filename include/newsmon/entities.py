"""Named-entity mentions (PERSON, ORG, LOC) found with capitalization, a gazetteer and cue words.

``find_mentions`` returns one ``Mention`` per occurrence. Every mention carries the canonical name
of its entity in this text: the fullest form written in it ("Du" -> "Du Xueyi", "NIS" -> "National
Intelligence Service", "U.S." -> "United States" when both appear; an alias written alone stays as
written), and a definite description ("the procuratorate") resolves to the only organisation of the
text with that head noun. Ids: ISO 3166-1 alpha-2 for countries, ISO 3166-2 for known provinces and
states, agency-registry ids for agencies and courts; names several countries' agencies share
("Department of Justice") resolve by the country the text is about. Datelines and credit lines are
skipped, and a place used as a modifier ("Nigeria police", "a New York man", "U.S. attorney") is not
a mention. Pure: no I/O.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from newsmon.gazetteer import (
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
    country_code,
    country_id,
    is_known_org,
    is_place,
    place_id,
)
from newsmon.models import Mention

__all__ = ["find_mentions"]

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
_CREDIT_SPANS = re.compile(
    r"\((?:Xinhua|AP|Reuters|AFP|Yonhap|NAN|TNE|Bernama|PNA|IANS|PTI|UNI|ANI|dpa|Kyodo|CNA|TASS"
    r"|(?:AP )?Photo[^)\n]*|[^)\n]*/[^)\n]*|[A-Z][\w ]+ (?:Jan"
    r"|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\w*"
    r" \d{1,2}, \d{4})\)|(?m:^[^\n(]{0,20}\([A-Z][A-Z .]{2,}\))|\[[^\]\n]*\]|/[A-Z]{2,}/"
    r"|(?m:^[ \t]*(?:(?:Source|Photo|Image|Picture|Credit)\b"
    r"|By\s+[A-Z][\w.]+\s+[A-Z])[^\n]*)|\bCopyright\b[^\n]*|Picture: [^\n.]*"
    r"|(?m:^[^\n]*\bUpdated:[^\n]*)|[–-]\s*The [^\n]*news exchange item"
    r"|\((?:Reporter|Correspondent|Editor)[^)\n]*\)"
    r"|(?m:^[ \t]*Disclaimer:[^\n]*)"
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
_OPERATION_BEFORE = re.compile(r"\b[Oo]peration\s+$|\bcode-?named\s+$")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_ETHNIC_QUALIFIERS = frozenset({"zhuang", "hui", "uygur", "uyghur", "tibetan", "korean"})
_TRAILING_FACILITY_PARTS = frozenset({"terminal", "gate", "pier", "hall", "building"})


@dataclass(slots=True)
class _Token:
    start: int
    end: int
    text: str

    @property
    def lower(self) -> str:
        return self.text.lower()


@dataclass(slots=True)
class _Candidate:
    type: str
    text: str
    start: int
    end: int
    key: str
    tokens: list[str] = field(default_factory=list)


def find_mentions(text: str) -> list[Mention]:
    """Return every PERSON, ORG and LOC mention of ``text`` with its canonical name and id."""
    skipped = _skipped_spans(text)
    tokens = [t for t in _tokenize(text) if not _inside(t.start, skipped) and not _is_noise_token(text, t)]
    candidates: list[_Candidate] = []
    singles: list[_Token] = []
    for group in _group_tokens(text, tokens):
        found = _classify_group(text, group)
        candidates.extend(found)
        if not found and len(group) == 1:
            singles.append(group[0])
    candidates.extend(_resolve_singles(text, singles, candidates))
    candidates.extend(_lowercase_agencies(text, candidates))
    candidates.extend(_list_people(text, tokens, candidates))
    return _to_mentions(text, candidates, tokens)


def _skipped_spans(text: str) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for m in _DATELINE.finditer(text) if m.end() > m.start()]
    spans.extend((m.start(), m.end()) for m in _CREDIT_SPANS.finditer(text))
    return spans


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    for match in _TOKEN.finditer(text):
        word = match.group(0)
        end = match.end()
        if word.endswith(".") and not _keeps_dot(word):
            word = word[:-1]
            end -= 1
        tokens.append(_Token(match.start(), end, word))
    return tokens


def _is_noise_token(text: str, token: _Token) -> bool:
    """Currency prefixes ("US$") and single words shouting in an all-caps line ("FOLLOW US")."""
    if text[token.end : token.end + 1] == "$":
        return True
    if not token.text.isupper() or len(token.text) < 2:
        return False
    line_start = text.rfind("\n", 0, token.start) + 1
    line_end = text.find("\n", token.end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    words = re.findall(r"[^\W\d_]{2,}", line)
    return len(words) > 1 and all(w.isupper() for w in words)


def _keeps_dot(word: str) -> bool:
    core = word[:-1]
    if len(core) == 1 and core.isupper():
        return True
    if "." in core:
        return True
    return word.lower() in _ABBREVIATION_DOTS


def _is_capitalized(token: _Token) -> bool:
    first = token.text.lstrip("‘'’")[:1]
    return bool(first) and first.isupper()


def _group_tokens(text: str, tokens: list[_Token]) -> list[list[_Token]]:
    groups: list[list[_Token]] = []
    current: list[_Token] = []
    pending: list[_Token] = []
    for token in tokens:
        joined = bool(current) and _joined(text, (pending or current)[-1], token)
        if _is_capitalized(token):
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
    return gap in (" ", "-") or (gap == "" and left.text.endswith("."))


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
    line_start = text.rfind("\n", 0, position) + 1
    line_end = text.find("\n", position)
    line = text[line_start : line_end if line_end >= 0 else len(text)].strip()
    if line.endswith((".", "!", "?", '"', "”", ":")):
        return False
    if len(line.split()) <= 4:
        return True
    words = re.findall(r"\b[A-Za-z][\w'’-]{3,}", line)
    return len(words) >= 4 and sum(1 for w in words if w[0].isupper()) / len(words) >= 0.7


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
    titles = [i for i, t in enumerate(tokens) if _base(t.lower) in TITLE_WORDS]
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
    while first_title > 0 and _base(tokens[first_title - 1].lower) in TITLE_WORDS:
        first_title -= 1
    return tokens[:first_title], name, after


def _drop_possessive_tail(tokens: list[_Token]) -> list[_Token]:
    while tokens and tokens[-1].text in _CONNECTORS:
        tokens = tokens[:-1]
    return tokens


def _split_title(tokens: list[_Token]) -> tuple[list[_Token], list[_Token]] | None:
    """Split "SEC Chairman Jay Clayton" into (["SEC"], ["Jay", "Clayton"]) when a title precedes a name."""
    last_title = -1
    for index, token in enumerate(tokens):
        if _base(token.lower) in TITLE_WORDS:
            last_title = index
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
    name = [t for t in tail if t.text not in _CONNECTORS]
    if not name or (skipped_department and len(name) < 2 and len(tokens) > 3) or _is_place(name[-1].text):
        return None
    if any(t.lower in MONTHS_AND_DAYS or _base(t.lower) in ORG_KEYWORDS for t in name):
        return None
    if skipped_department:
        keep = 3 if len(name) >= 3 and len(name[-2].text.rstrip(".")) == 1 else 2
        person = name[-keep:]
    else:
        keep = (
            3
            if len(name) >= 3 and len(name[1].text.rstrip(".")) == 1
            else min(len(name), 2 if len(name) > 3 else 3)
        )
        person = name[:keep]
    if len(person) == 1 and person[0].lower in COMMON_CAPITALIZED:
        return None
    first_title = last_title
    while first_title > 0 and (
        _base(tokens[first_title - 1].lower) in TITLE_WORDS or tokens[first_title - 1].text in _CONNECTORS
    ):
        first_title -= 1
    return tokens[:first_title], person


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
    while tokens and _base(tokens[0].lower) in TITLE_WORDS and len(tokens) > 2:
        tokens = tokens[1:]
        while tokens and tokens[0].text in _CONNECTORS | {"the"}:
            tokens = tokens[1:]
    meaningful = [t for t in tokens if t.text not in _CONNECTORS and _base(t.lower) not in ORG_KEYWORDS]
    if not meaningful:
        return []
    if all(t.lower in DEMONYMS for t in meaningful) and _sentence_initial(text, tokens[0].start):
        return []
    nested = _split_nested_org(tokens)
    if nested is not None:
        return [_candidate("ORG", text, nested[0]), _candidate("ORG", text, nested[1])]
    return [_candidate("ORG", text, tokens)]


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
            if base and _is_capitalized(base[0]) and not _has_org_keyword(base):
                return base
    if (
        len(tokens) >= 2
        and _base(words[-1]) in FACILITY_WORDS
        and not _has_org_keyword(tokens[:-1])
        and words[-2] != "real"
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
    return is_place(word)


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
    return _Candidate(kind, name, start, end, name.lower(), words)


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


def _list_people(text: str, tokens: list[_Token], candidates: list[_Candidate]) -> list[_Candidate]:
    """Names listed next to a person ("Usifo Mophy, Eze Richard and ...") are people too."""
    people = [c for c in candidates if c.type == "PERSON" and len(c.tokens) > 1]
    taken = [(c.start, c.end) for c in candidates]
    found: list[_Candidate] = []
    for group in _group_tokens(text, tokens):
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
        for person in people:
            gap = text[min(person.end, group[-1].end) : max(person.start, group[0].start)]
            if re.fullmatch(r"\s*(?:,\s*(?:and\s+)?|and\s+)", gap):
                found.append(_candidate("PERSON", text, group))
                people.append(found[-1])
                break
    return found


def _to_mentions(text: str, candidates: list[_Candidate], tokens: list[_Token]) -> list[Mention]:
    candidates = _resolve_acronyms(candidates)
    country = _document_country(candidates, tokens)
    canonical = _canonical_names(candidates, country)
    mentions: list[Mention] = []
    for candidate in candidates:
        name = canonical.get((candidate.type, candidate.key), candidate.text)
        mentions.append(
            Mention(
                type=candidate.type,
                name=name,
                text=candidate.text,
                start=candidate.start,
                end=candidate.end,
                entity_id=_entity_id(candidate.type, name, candidate.text, country),
            )
        )
    mentions.extend(_generic_references(text, mentions))
    return sorted(mentions, key=lambda m: m.start)


def _document_country(candidates: list[_Candidate], tokens: list[_Token]) -> str | None:
    """The country the text is mostly about: it decides between agencies that share a name ("DOJ").

    Places vote for their country, known agencies twice for theirs, nationality words once; a tie
    gives None.
    """
    votes: Counter[str] = Counter()
    for candidate in candidates:
        if candidate.type == "LOC":
            code = country_code(candidate.text)
            if code:
                votes[code] += 1
        elif candidate.type == "ORG":
            found = agency(agency_id(candidate.text) or "")
            if found is not None and len(found.country) == 2:
                votes[found.country] += 2
    for token in tokens:
        code = DEMONYMS.get(token.lower) if _is_capitalized(token) else None
        if code:
            votes[code] += 1
    if not votes:
        return None
    (best, count), *rest = votes.most_common(2)
    return None if rest and rest[0][1] == count else best


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
