"""Enforcement figures: the numbers of a news text that count or measure what law enforcement did.

``extract_figures`` splits the text into sentences, drafts each sentence's figures (see
``newsmon.extract.actions``), gives them their attributes (crime, period, place, country, agency) and keeps
one figure per fact (``newsmon.extract.restatements``). See FIGURES.md for the contract. Pure: no I/O.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left
from dataclasses import replace
from datetime import date

from newsmon.extract.actions import Draft, draft_sentence
from newsmon.extract.attributes import (
    DocumentContext,
    agency_for,
    clause_bounds,
    country_for,
    crime_for,
    location_for,
)
from newsmon.extract.entities import Entities, read_entities
from newsmon.extract.heads import OWN_WORDS
from newsmon.extract.numbers import Quantity
from newsmon.extract.periods import PeriodMention, find_periods
from newsmon.extract.restatements import Counted, counted_of, deduplicate, is_headline_line
from newsmon.extract.sentences import Sentence, line_of, split_sentences
from newsmon.models import ACTIONS, BOUNDS, MEASURES, UNITS, Figure, in_vocabulary

__all__ = ["extract_figures"]

log = logging.getLogger(__name__)

_EARLIER_AFTER = re.compile(
    r"^\s*(?:a year (?:earlier|ago|before)|in the previous year|the year before"
    r"|(?:in )?the same period (?:of )?last year)\b",
    re.IGNORECASE,
)
_SAME_PERIOD_AFTER = re.compile(
    r"^\s*(?:(?!(?:from|than|over|on|compared|against|increase|rise|drop|fall|decrease)\b)[\w-]+\s+){0,2}?"
    r"(?:in|during)\s+the\s+same\s+period\s+(?:in|of)\s+(?P<y>(?:19|20)\d{2})\b",
    re.IGNORECASE,
)
_NUMBER_BEFORE = re.compile(
    r"(?<![\w.,])\d[\d,.]*(?:\s*(?:%|percent|per\s+cent|million|billion|thousand|lakh|crore))?"
    r"\s+$",
    re.IGNORECASE,
)
_PERIOD_ANAPHOR = re.compile(
    r"\b(?:(?:during|in|over|for|throughout|within)\s+)?(?:the|this|that)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:period|time\s?frame|operation|campaign|exercise|crackdown|drive|action\s+(?:week|days?)"
    r"|reporting\s+period|operational\s+activity)\b(?!\s+(?:of|in|on|against)\b)",
    re.IGNORECASE,
)
_NUMBER_AFTER = re.compile(
    r",?\s+(?:(?:about|around|over|nearly|some|almost|more than|at least)\s+)?[\d$£€]", re.IGNORECASE)
_BULLET = re.compile(r"\s*(?:[-•*–—]|\d{1,2}[.)])\s")
_Period = tuple[date | None, date | None]



def extract_figures(text: str, published: date | None = None, *, entities: Entities | None = None) -> list[Figure]:
    """Return the enforcement figures of ``text``; periods resolve against ``published`` when given.

    ``entities`` are those of ``text`` when the caller has them already.
    """
    entities = entities if entities is not None else read_entities(text)
    sentences = split_sentences(text)
    drafted = _draft_sentences(sentences, "$")  # a bare "$" is read as the country's dollar below
    if not any(drafts for _, drafts in drafted):
        return []  # most pages: no period or document context is needed at all
    context = DocumentContext.build(text, entities.mentions, entities.country)
    all_periods = [p for p in find_periods(text, published) if p.kind == "period"]
    figures: list[Figure] = []
    counted: list[Counted] = []  # per figure, what its number counts
    carried: _Period | None = None
    renewed = False  # whether the last sentence stated or used the carried period
    story: _Period | None = None  # the last period the story stated, for "during the period"
    undated: list[int] = []  # figures of the story's last sentences without a period
    starts = [p.start for p in all_periods]  # in order: each sentence's periods are one slice
    for sentence, drafts in drafted:
        periods = [
            replace(p, start=p.start - sentence.start, end=p.end - sentence.start)
            for p in all_periods[bisect_left(starts, sentence.start) : bisect_left(starts, sentence.end)]
            if p.end <= sentence.end
        ]
        if _starts_story(text, sentence):
            carried = story = None  # a headline starts a new story: no date flows into it
            undated = []
        if not periods and story is not None and _PERIOD_ANAPHOR.search(sentence.text):
            carried = story  # "during the period", "in this period": the story's own period
        made = [_to_figure(context, sentence, draft, periods, carried) for draft in drafts]
        counted.extend(counted_of(sentence.text, draft) for draft in drafts)
        stated = [p for p in periods if not p.launch]  # "which began in 2023" dates a start, not the story
        if stated:
            story = _story_period(stated)
            if not made:  # stated after figures of the same event, it is theirs too
                _date_backwards(figures, undated, story)
        figures.extend(made)
        if made:
            undated = [i for i in range(len(figures) - len(made), len(figures)) if _has_no_period(figures[i])]
        elif stated:
            undated = []
        carried = _carried_period(stated, periods, made, carried if renewed else None)
        renewed = bool(periods or made)
    kept = deduplicate(text, figures, counted)
    log.debug("extracted %d figures (%d before one-fact-one-figure)", len(kept), len(figures))
    return kept


def _draft_sentences(sentences: list[Sentence], dollar: str) -> list[tuple[Sentence, list[Draft]]]:
    """Each sentence with its drafted figures, in order: what a sentence hands on to the next ones
    (its figures, an action it states without a number, a line leading into a list) goes with it."""
    drafted: list[tuple[Sentence, list[Draft]]] = []
    previous: list[Draft] = []
    heading: str | None = None  # an action stated without a number, for the lines after it
    lead_in = False  # whether the last line that was not a list item ended with a colon
    seizing = False  # whether the text has seized something yet
    for sentence in sentences:
        list_item = bool(_BULLET.match(sentence.text))
        governed = list_item and lead_in  # an item of a list that a line ending in a colon leads into
        drafts, stated = draft_sentence(sentence.text, dollar, previous,
                                        heading=heading if governed or not list_item else None, list_item=governed,
                                        seizing=seizing)
        seizing = seizing or stated == "seize" or any(d.action == "seize" for d in drafts)
        if not list_item:  # items never head the items after them; the line that leads into them does
            heading = None if drafts else stated
            lead_in = sentence.text.rstrip().endswith(":")
        if drafts:
            previous = drafts
        drafted.append((sentence, drafts))
    return drafted


def _has_no_period(figure: Figure) -> bool:
    return figure.period_start is None and figure.period_end is None


def _date_backwards(figures: list[Figure], undated: list[int], period: _Period) -> None:
    """Give ``period`` to the figures at ``undated`` (the sentence just before had them, without one)."""
    for index in undated:
        figures[index] = replace(figures[index], period_start=period[0], period_end=period[1])


def _carried_period(
    stated: list[PeriodMention], periods: list[PeriodMention], made: list[Figure], carried: _Period | None
) -> _Period | None:
    """The period a sentence hands on to the next one: its story period (``stated``, its time
    expressions that are not a start told in passing), or its figures' period.

    A sentence with neither passes on the period it was handed (``carried``); the caller hands it
    None after such a sentence, so a period bridges one sentence without a date or figure, no more.
    A start told in passing ("the operation, which began in 2023") is handed on only when nothing was.
    """
    if stated:
        return _story_period(stated)
    if made and (made[-1].period_start or made[-1].period_end):
        return made[-1].period_start, made[-1].period_end
    if carried is None and periods:
        return periods[-1].period_start, periods[-1].period_end
    return carried


def _story_period(stated: list[PeriodMention]) -> _Period:
    """The period a sentence tells its story in: its last, unless that only encloses an earlier one
    ("which took place between 8 and 14 April 2019, part of the plan for 2019": 8 to 14 April)."""
    last = stated[-1]
    inner = [p for p in stated[:-1] if _encloses(last, p)]
    chosen = inner[-1] if inner else last
    return chosen.period_start, chosen.period_end


def _encloses(outer: PeriodMention, inner: PeriodMention) -> bool:
    first, last = outer.period_start, outer.period_end
    begin, end = inner.period_start, inner.period_end
    if first is None or last is None or begin is None or end is None:
        return False
    return first <= begin and end <= last and (first, last) != (begin, end)


def _starts_story(text: str, sentence: Sentence) -> bool:
    """A headline line, unless it is an item of a list that a colon introduced ("Results:\n- 12 arrests")."""
    end = text.rfind("\n", 0, sentence.start)
    if text[end + 1 : sentence.start].strip() or not is_headline_line(text, sentence.start, sentence.end):
        return False
    if line_of(text, sentence.start, sentence.end).endswith(":"):
        return False  # "Arrests included:" leads into a list of the story's figures
    while end > 0:  # back over blank lines and list items to the line that leads into them
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        if line.strip() and not _BULLET.match(line):
            return not line.rstrip().endswith(":")
        end = start - 1
    return True


def _to_figure(
    context: DocumentContext,
    sentence: Sentence,
    draft: Draft,
    periods: list[PeriodMention],
    carried: _Period | None,
) -> Figure:
    offset = sentence.start
    quantity = draft.quantity
    spans = [(quantity.start, max(draft.head_end, quantity.end))]
    if draft.trigger is not None:
        spans.append((draft.trigger.start, draft.trigger.end))
    quote_start = min(s for s, _ in spans) + offset
    quote_end = max(e for _, e in spans) + offset
    anchor = quantity.num_start + offset
    own_end = OWN_WORDS.match(sentence.text, quantity.end)
    own = (quantity.start + offset, max(draft.head_end, own_end.end() if own_end else quantity.end) + offset)
    crime = crime_for(context, sentence.start, sentence.end, anchor, own)
    clause_start, clause_end = clause_bounds(context.text, sentence.start, sentence.end, anchor)
    location, location_country = location_for(context, clause_start, clause_end, anchor)
    period = _period_for(sentence.text, quantity, periods, carried)
    period = _compared_period(sentence.text[quantity.end : quantity.end + 60], period)
    return Figure(
        action=in_vocabulary(draft.action, ACTIONS),
        measure=in_vocabulary(draft.measure, MEASURES),
        unit=in_vocabulary(draft.unit, UNITS),
        value=float(draft.value),
        value_max=None if draft.value_max is None else float(draft.value_max),
        bound=in_vocabulary(draft.bound, BOUNDS),
        currency=context.dollar if draft.currency == "$" else draft.currency,
        crime=crime.text if crime else None,
        crime_category=crime.category if crime else None,
        period_start=period[0],
        period_end=period[1],
        location=location,
        country=country_for(context, location_country, sentence.text),
        agency=agency_for(context, sentence.start, sentence.end, anchor),
        quote=context.text[quote_start:quote_end],
        start=quote_start,
        end=quote_end,
        sentence=sentence.text,
        sentence_start=sentence.start,
        sentence_end=sentence.end,
        confidence=round(min(1.0, max(0.0, draft.score)), 3),
    )


def _period_for(
    text: str, quantity: Quantity, periods: list[PeriodMention], carried: _Period | None
) -> _Period:
    """The nearest time expression of the sentence, else the one the previous sentences carried.

    A date written right after another number ("fell to 61,000 in 2023") or in brackets after an
    earlier phrase ("One arrest in Deurne (28 June 2022) One arrest in ...") belongs to that, so it
    is taken only when the sentence has no other.
    """
    if periods:
        usable = [p for p in periods if not _belongs_elsewhere(text, p, quantity)] or periods
        nearest = min(usable, key=lambda p: _span_distance(p.start, p.end, quantity.start, quantity.end))
        return nearest.period_start, nearest.period_end
    if carried is not None:
        return carried
    return None, None


def _belongs_elsewhere(text: str, period: PeriodMention, quantity: Quantity) -> bool:
    """A date written right after another number, in brackets after an earlier phrase, or leading
    into another number ("in 2008 it seized 100 kg, in 2009 about 120 kg") is that number's."""
    leads = _NUMBER_AFTER.match(text, period.end)
    if leads is not None and not quantity.start <= leads.end() <= quantity.end:
        return True
    before = text[max(0, period.start - 40) : period.start]
    number = _NUMBER_BEFORE.search(before)
    if (
        number is not None
        and not quantity.start <= period.start - len(before) + number.start() < quantity.end
    ):
        return True
    return period.end <= quantity.start and _in_brackets(text, period.start, period.end)


def _in_brackets(text: str, start: int, end: int) -> bool:
    if text.rfind("(", 0, start) <= text.rfind(")", 0, start):
        return False
    closing, opening = text.find(")", end), text.find("(", end)
    return closing >= 0 and (opening < 0 or closing < opening)


def _compared_period(after: str, period: _Period) -> _Period:
    """A figure followed by "a year earlier" or "in the same period of 2023" covers that earlier period."""
    if _EARLIER_AFTER.match(after):
        return _shift_years(period, -1)
    same = _SAME_PERIOD_AFTER.match(after)
    reference = period[1] or period[0]
    if same is not None and reference is not None:
        return _shift_years(period, int(same.group("y")) - reference.year)
    return period


def _shift_years(period: _Period, years: int) -> _Period:
    """The same period ``years`` years later (earlier when negative); 29 February becomes the 28th."""

    def shift(day: date | None) -> date | None:
        if day is None:
            return None
        if (day.month, day.day) == (2, 29):
            day = day.replace(day=28)
        return day.replace(year=day.year + years)

    return shift(period[0]), shift(period[1])


def _span_distance(start: int, end: int, other_start: int, other_end: int) -> int:
    if end <= other_start:
        return other_start - end
    if other_end <= start:
        return start - other_end
    return 0
