"""Sentence splitting with character offsets.

Lines are boundaries (news text keeps headlines, captions and list items on their own lines),
except where text was hard-wrapped mid-sentence: a line that does not end a sentence, followed at
once by a line that starts in lower case, goes on into it. Inside a line a sentence ends at ``.``, ``!`` or ``?`` (optionally followed by a closing
quote or bracket) when the next word starts a new sentence and the word before the stop is not a
known abbreviation or an initial. Pure: no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsmon.extract.lexicon import words

__all__ = ["Sentence", "line_of", "split_sentences"]


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: ``text[start:end] == sentence.text`` in the text that was split."""

    start: int
    end: int
    text: str


_ABBREVIATIONS = words("""
mr mrs ms dr st jr sr gen col lt sgt capt maj pol rep sen gov prof no nos vs etc inc ltd co corp jan
feb mar apr jun jul aug sep sept oct nov dec approx usec atty supt insp dept univ fig est mt ft rev
hon esq messrs adm cmdr brig det const ave blvd rd
""")
_STOP = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s)")
_NEXT_START = re.compile(r"\s+(?=[\"'“‘(\[]?[A-Z0-9•\-–—])")
_LINE = re.compile(r"[^\n]+")
_SENTENCE_END = re.compile(r"[.!?:;\"'”’)\]]\s*$")
_WRAPPED = re.compile(r"[ \t]*[a-z]")


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences; each keeps its offsets into ``text``. Blank lines are dropped."""
    sentences: list[Sentence] = []
    for start, end in _logical_lines(text):
        for first, last in _split_line(text, start, end):
            sentences.append(Sentence(first, last, text[first:last]))
    return sentences


def _logical_lines(text: str) -> list[tuple[int, int]]:
    """The lines of ``text``, a hard-wrapped line joined to the line it goes on into."""
    lines: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        start, end = line.span()
        if lines and _goes_on(text, lines[-1], start):
            lines[-1] = (lines[-1][0], end)
        else:
            lines.append((start, end))
    return lines


def _goes_on(text: str, previous: tuple[int, int], start: int) -> bool:
    """Does the line before ``start`` (ending right before it, on the previous line) go on into it?"""
    return (text.count("\n", previous[1], start) == 1 and not _SENTENCE_END.search(text, previous[0], previous[1])
            and bool(_WRAPPED.match(text, start)))


def _split_line(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    cursor = start
    for stop in _STOP.finditer(text, start, end):
        if not _NEXT_START.match(text, stop.end(), end):
            continue
        if _is_abbreviation(text, cursor, stop.start()):
            continue
        spans.append((cursor, stop.end()))
        cursor = stop.end()
    spans.append((cursor, end))
    return [span for span in (_strip(text, s, e) for s, e in spans) if span[0] < span[1]]


def _is_abbreviation(text: str, floor: int, stop: int) -> bool:
    """True when the word ending at ``stop`` is an abbreviation or an initial ("U.S", "B")."""
    if text[stop] != ".":
        return False
    word_start = stop
    while word_start > floor and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start:stop].lstrip("\"'“‘(")
    if not word:
        return False
    if len(word) == 1 and word.isalpha():
        return True
    if "." in word and all(len(part) <= 2 for part in word.split(".")):
        return True
    return word.lower() in _ABBREVIATIONS


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def line_of(text: str, sentence_start: int, sentence_end: int) -> str:
    """The whole line (or lines) a sentence stands on, stripped."""
    line_end = text.find("\n", sentence_end)
    return text[text.rfind("\n", 0, sentence_start) + 1 : line_end if line_end >= 0 else len(text)].strip()
