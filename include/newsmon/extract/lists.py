"""Coordinated items: is the text between two numbers of a sentence only the end of one list item
and the start of the next? Pure: no I/O.

In "seized 4 tonnes of cannabis, 900 kg of heroin (mostly in bags), 60 handguns and 7 million
euros in cash", the text after each item's head up to the next number is ``of cannabis, ``,
``of heroin (mostly in bags), `` and `` and``: the rest of an item's noun phrase, a separator, and a
few words that lead into the next item. Such items share the verb that governs any of them.
A value attached to an item ("four bank accounts with S$6.7 million", "pills weighing 4.7 tonnes",
"cocaine worth $2 million") counts the same seizure, so those links join items too.

A gap is refused when it could hold a clause of its own: a finite verb, a clause word, a
reporting verb, or an action word (the caller says whether the gap holds one).
"""

from __future__ import annotations

import re

from newsmon.extract.lexicon import words

__all__ = ["is_item_gap"]

_PARENTHESES = re.compile(r"\([^()]{0,80}\)|\[[^\[\]]{0,80}\]")
_SEPARATOR = re.compile(
    r"(?:,\s*(?:and|or|as well as|plus|along with|together with)?|;|\band\b|\bor\b|\bas well as\b|\bplus\b"
    r"|\balong with\b|\btogether with\b|\bin addition to\b)"
)
_VALUE_LINK = re.compile(
    r"\b(?:with|worth|valued at|weighing|weighed|amounting to|totall?ing|containing|holding"
    r"|with an? (?:(?:total|combined|estimated|street|market|black[- ]market) )*(?:value|weight|worth) of)$"
)
_WORD = re.compile(r"[\w'’.\-/%]+")
_CLAUSE_WORDS = words("""
was were is are be been being has have had will would could should may might must do does did
who whom whose which that while whereas but after before because when where since until unless if
said says say told added according than then also allegedly reportedly
""")
_ADJECTIVES_IN_ED = words("""
alleged suspected armed assorted unlicensed licensed unregistered registered undocumented related
organised organized unidentified estimated combined stolen seized hidden concealed smuggled packed
dried processed refined assorted mixed various counterfeited
""")
# "and the identification of 90 people": a nominalized action of its own, not the next item
_NOMINALIZATION_LEAD = re.compile(
    r"^\s*(?:the|a|an|their|its)\s+[\w-]+(?:tion|sion|ment|ure|al|ing|ance|ence)s?\s+of\s*$")
_PLACE_PREPOSITIONS = words("on at inside near outside from into onto behind under beside")
_MAX_REST = 8          # words of the previous item's noun phrase after its head
_MAX_LEAD = 4          # words leading into the next item ("ownership documents of")


def is_item_gap(gap: str, *, has_action_word: bool, value: bool) -> bool:
    """True when ``gap`` (the text after one item's head up to the next number) joins two items.
    ``value`` says that the next number is money or a weight, which a value link may attach."""
    if has_action_word or "\n" in gap.strip(" "):
        return False
    text = _PARENTHESES.sub(" ", gap).lower()
    if "(" in text or ")" in text or ":" in text:
        return False
    link = _last_link(text, value)
    if link is None:
        return False
    rest, lead = text[: link[0]], text[link[1] :]
    if _NOMINALIZATION_LEAD.match(lead):
        return False
    rest_words, lead_words = _WORD.findall(rest), _WORD.findall(lead)
    if lead_words and lead_words[0] in _PLACE_PREPOSITIONS:
        return False        # "..., on the rooftop of 230": where something was, not the next item
    if len(rest_words) > _MAX_REST or len(lead_words) > _MAX_LEAD:
        return False
    return not _has_clause(rest_words) and not _has_clause(lead_words, leading=True)


def _last_link(text: str, value: bool) -> tuple[int, int] | None:
    """Where the separator or value link that ends the previous item is, or None."""
    separators = list(_SEPARATOR.finditer(text))
    link = _VALUE_LINK.search(text.rstrip()) if value else None
    if link is not None and (not separators or link.start() >= separators[-1].end()):
        return link.start(), link.end()
    if not separators:
        return None
    last = separators[-1]
    return last.start(), last.end()


def _has_clause(words: list[str], *, leading: bool = False) -> bool:
    for index, word in enumerate(words):
        if word in _CLAUSE_WORDS:
            return True
        if word.endswith("ed") and word not in _ADJECTIVES_IN_ED and (leading or index == 0):
            return True          # "and destroyed 12 ...": a verb of its own
    return False
