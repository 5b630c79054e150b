"""Time expressions in news text, resolved against the publication date.

``find_periods`` returns every expression it can resolve ("From January to November 2024",
"last year", "since July 25", "as of November", "on Monday", "in fiscal 2018", "since the campaign
began" after a launch date) with the dates it covers. Expressions that give the time of the report
("said on Thursday", the date of a dateline "BEIJING, March 3 (Xinhua) --") or of a comparison
("compared with the same period in 2023") are returned with that ``kind`` so callers can skip
them. A day that opens a sentence announcing something ("On 18 November, the ministry announced
that ...") ends the period of what is announced: it is returned as an as-of date. In a text that
counts in fiscal years, a bare year named as a fiscal year ("in 2018" next to "fiscal 2018") is that
fiscal year. "so far" alone is not "so far this year" and is left out. Relative expressions need a
publication date; without one they are left out. Pure: no I/O.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from newsmon.extract.folding import fold, lowered

__all__ = ["PeriodMention", "find_periods", "resolve_period"]


@dataclass(frozen=True, slots=True)
class PeriodMention:
    """A resolved time expression at ``text[start:end]``."""

    start: int
    end: int
    period_start: date | None
    period_end: date | None
    kind: str  # "period", "reporting", "comparison" or "future"
    launch: bool = False  # told as the start of something ("the operation, which began in 2023")


_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
_COUNT_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_DAY = r"(?:[12]?\d|3[01])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
_RELATIVE_YEAR = r"(?:(?:of )?(?:last|this|the previous|the current|the same) year)"
_POINT = (
    rf"(?:(?:{_WEEKDAY},?\s+)?{_MONTH}(?:\s+{_DAY}\b)?(?:,?\s+(?:{_YEAR}|{_RELATIVE_YEAR}))?"
    rf"|{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?|{_YEAR}|last year|this year|the previous year|now|date"
    rf"|today|yesterday|{_WEEKDAY})"
)

_FLAGS = re.IGNORECASE
_RANGE = re.compile(
    rf"\b(?:from|between|(?:beginning|starting)(?:\s+in|\s+on)?)\s+(?P<a>{_POINT}),?\s+"
    rf"(?:(?:and\s+)?(?:continuing|running|lasting)\s+)?(?:to|and|through|until|till|-|–)\s+"
    rf"(?:the\s+end\s+of\s+)?(?P<b>{_POINT})\b"
    rf"|\b(?P<a2>{_MONTH}\s+{_DAY},?\s+{_YEAR}|{_DAY}\s+{_MONTH},?\s+{_YEAR})\s*(?:[-–]|to|until|through)\s*"
    rf"(?P<b2>{_MONTH}\s+{_DAY},?\s+{_YEAR}|{_DAY}\s+{_MONTH},?\s+{_YEAR})\b",
    _FLAGS,
)
_DAY_RANGE = re.compile(
    rf"\b(?:(?:from|between|on)\s+)?(?P<d1>{_DAY})\s+(?:to|and|-|–)\s+(?P<d2>{_DAY})\s+"
    rf"(?P<m>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?\b",
    _FLAGS,
)
_DASH_RANGE = re.compile(rf"\b(?P<a>{_MONTH})\s*[-–]\s*(?P<b>{_MONTH}(?:,?\s+{_YEAR})?)\b", _FLAGS)
_COUNT = rf"\d{{1,2}}|{'|'.join(_COUNT_WORDS)}"          # "7" or "seven" (2 to 12 in words)
_YEAR_REF = rf"(?:the\s+)?(?P<y>{_YEAR}|last year|this year|the year)"
_FIRST_MONTHS = re.compile(rf"\b(?:the\s+)?first\s+(?P<n>{_COUNT})\s+months\s+of\s+{_YEAR_REF}\b", _FLAGS)
_FIRST_PART = re.compile(
    rf"\b(?:the\s+)?(?P<o>first|second|third|fourth)\s+(?P<p>half|quarter)\s+of\s+{_YEAR_REF}\b", _FLAGS)
_FISCAL = re.compile(rf"\b(?:fiscal(?:\s+year)?|fy)\s?(?P<y>{_YEAR})\b", _FLAGS)
# "as of November", "by the end of 2023", "up to the end of February", "through April 2013" (a
# bare "until 2010" tells of a life more often than of a count)
_AS_OF = re.compile(
    rf"\b(?:(?:as\s+of|by)\s+(?:the\s+end\s+of\s+)?(?P<a>{_POINT})"
    rf"|(?:up\s+to|until|till|through)\s+the\s+end\s+of\s+(?P<b>{_MONTH}(?:,?\s+{_YEAR})?|{_YEAR})"
    rf"|through\s+(?P<c>{_MONTH}(?:\s+{_DAY})?(?:,?\s+{_YEAR})?))\b",
    _FLAGS,
)
# "lasted seven days and ended on Sunday", "ran for two weeks, ending on 3 May"
_LASTED_ENDED = re.compile(
    rf"\b(?:last(?:ed|ing)|ran|running|went\s+on)\s+(?:for\s+)?(?P<n>{_COUNT})\s+(?P<u>days?|weeks?)\s*,?\s+"
    rf"(?:and\s+)?(?:ended|ending|concluded|closed|finished)\s+(?:on\s+)?(?P<a>{_POINT})\b",
    _FLAGS,
)
# "on the 5th and 6th of March", "from the 3rd to the 9th of May 2024", "the 5th of March"
_DAY_OF_MONTH = re.compile(
    rf"\b(?:(?:on|from|between)\s+)?the\s+(?P<d1>{_DAY})(?:\s+(?:and|to|-|–)\s+(?:the\s+)?(?P<d2>{_DAY}))?"
    rf"\s+of\s+(?P<m>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?\b",
    _FLAGS,
)
_SINCE_START = re.compile(
    r"\b(?:since\s+the\s+(?:start|beginning)\s+of|so\s+far|to\s+date)\s+"
    r"(?:this|the)\s+(?:calendar\s+)?year\b|\b(?:so\s+far|to\s+date|thus\s+far)"
    r"\s+(?:in|this)\s+(?:the\s+)?(?:calendar\s+)?year\b|\byear\s+to\s+date\b",
    _FLAGS,
)
_SINCE = re.compile(rf"\bsince\s+(?:(?:the\s+)?(?:start|beginning)\s+of\s+)?(?P<a>{_POINT})\b", _FLAGS)
_SINCE_EVENT = re.compile(
    rf"\bsince\s+(?:a|an|the|its|their|they|it|police|authorities)\b[^.;]{{0,120}}?"
    rf"\b(?:on|in)\s+(?P<a>{_POINT})\b",
    _FLAGS,
)
_SINCE_ANAPHOR = re.compile(
    r"\bsince\s+(?:the|its|their|this|that)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:was\s+|were\s+|had\s+been\s+|has\s+been\s+)?"
    r"(?:began|begun|started|launched|kicked\s+off|commenced|got\s+under\s*way)\b",
    _FLAGS,
)
_LAUNCH_WORDS = re.compile(
    r"\b(?:began|begin|begun|beginning|start|started|launch|launched|launching|kicked\s+off|commenced)\b",
    _FLAGS,
)
_FROM_BEFORE = re.compile(r"\bfrom\s+$", _FLAGS)
_LAUNCHED_BEFORE = re.compile(
    r"\b(?:began|begun|started|launched|commenced|kicked\s+off|introduced|established|set\s+up|founded|created)"
    r"\s+(?:back\s+)?(?:(?:in|on)\s+)?$",
    _FLAGS,
)
_YEAR_PAIR = re.compile(rf"\b(?:in|during)\s+(?P<a>{_YEAR})\s+(?:and|to|-|–)\s+(?P<b>{_YEAR})\b", _FLAGS)
_MONTH_DAY_RANGE = re.compile(
    rf"\b(?:(?:from|between)\s+)?(?P<m>{_MONTH})\s+(?P<d1>{_DAY})\s*(?:-|–|to|and|until|through)\s*"
    rf"(?P<d2>{_DAY})\b(?!\s*(?:{_MONTH}|(?:people|suspects|cases|kg|percent|per)\b))"
    rf"(?:,?\s+(?P<y>{_YEAR}))?",
    _FLAGS,
)
_PAST_YEARS = re.compile(
    rf"\b(?:over|in|during|for|within)\s+the\s+(?:past|last|previous)\s+(?P<n>{_COUNT})\s+years\b",
    _FLAGS,
)
_SO_FAR_YEAR = re.compile(rf"\b(?:so\s+far|to\s+date|thus\s+far)\s+(?:in|this)\s+(?P<y>{_YEAR})\b", _FLAGS)
_WEEK = re.compile(r"\b(?P<w>this|last)\s+week\b", _FLAGS)
# "the fiscal year that ended June 30", "the year ending June", "the twelve months to March 2023"
_FISCAL_ENDED = re.compile(
    rf"\b(?:(?:fiscal|financial)\s+year|year|(?:twelve|12)[- ]months?(?:\s+period)?)\s+"
    rf"(?:that\s+|which\s+)?(?:end(?:ed|ing|s)|to)\s+(?:in\s+|on\s+)?(?!date\b|now\b|today\b)(?P<a>{_POINT})\b",
    _FLAGS,
)
_FROM = re.compile(
    rf"\bfrom\s+(?P<a>{_MONTH}(?:\s+{_DAY}\b)?(?:,?\s+{_YEAR})?|{_YEAR})\b"
    rf"(?!\s+(?:to|and|through|until|till|-|–)\s)",
    _FLAGS,
)
_THIS_YEAR = re.compile(r"\b(?:this|the\s+current)\s+(?:calendar\s+)?year\b", _FLAGS)
_LAST_YEAR = re.compile(r"\blast\s+year\b", _FLAGS)
_LAST_MONTH = re.compile(r"\blast\s+month\b", _FLAGS)
_MONTH_YEAR = re.compile(
    rf"\b(?:(?:in|during|for|of)\s+)?(?P<a>{_MONTH},?\s+(?:{_DAY},?\s+)?{_YEAR}"
    rf"|{_DAY}\s+{_MONTH},?\s+{_YEAR}|{_MONTH}\s+{_RELATIVE_YEAR})\b",
    _FLAGS,
)
_IN_YEAR = re.compile(
    rf"\b(?:in|during|for|throughout|of)\s+(?:(?:a|an|its|their)\s+)?(?P<a>{_YEAR})\b(?![-–/]\d)", _FLAGS
)
_ON_DATE = re.compile(
    rf"\b(?:on\s+|last\s+)?(?P<a>(?:{_WEEKDAY},?\s+)?(?:{_MONTH}\s+{_DAY}|{_DAY}\s+{_MONTH}))\b"
    rf"(?!,?\s+{_YEAR})",
    _FLAGS,
)
_IN_MONTH = re.compile(
    rf"\b(?:in|during|this|last|since)\s+(?:the\s+month\s+of\s+)?(?:early\s+|late\s+|mid-)?(?P<a>{_MONTH})\b"
    rf"(?!\s*(?:{_DAY}\b|{_YEAR}))",
    _FLAGS,
)
_WEEKDAY_RE = re.compile(rf"\b(?:(?:on|last|this)\s+)?(?P<a>{_WEEKDAY})\b", _FLAGS)
_DAY_WORD = re.compile(r"\b(?P<a>yesterday|today)\b", _FLAGS)

_REPORTING_BEFORE = re.compile(
    r"\b(?P<word>said|says|say|announced|announces|announce|reported|reports|stated|states|revealed|told|noted|"
    r"added|showed|shows|disclosed|released|published|confirmed|statement|conference|briefing|"
    r"announcement|interview|report|unveiled|issued|updated|posted|(?:news|press|media)\s+release)\b"
    r"(?:\s+\S+){0,10}?\s*$",
    _FLAGS,
)
# "2,300 cases were reported in the first quarter": crimes reported to the police, not a report
_PASSIVE_REPORTED = re.compile(r"(?<!\bit )\b(?:were|was|been|being|are|is)\s+(?:\w+\s+)?(?:reported|recorded|registered)\s$", _FLAGS)
_REPORTING_LOOKBACK = 120  # characters, cut at the start of the sentence
_SENTENCE_STOP = re.compile(r"[.!?][\"'”’)]?\s+(?=[\"'“‘(]?[A-Z])")
_SENTENCE_OPENING = re.compile(r"(?:[.!?][\"'”’)]?\s+|\n\s*)$")
# "On 18 November, the ministry announced that ...": a date opening a sentence whose verb announces.
_ANNOUNCED_AFTER = re.compile(
    r"\A,?\s+(?P<gap>(?:[\w'’.\-]+,?\s+){0,8}?)(?:has\s+|have\s+)?"
    r"(?:said|announced|reported|revealed|disclosed|confirmed|stated|told|unveiled)\b(?!,)",
    _FLAGS,
)
# "Beijing, March 22, 2017 (Xinhua):" or "BRUSSELS, 3 May --": the date line of a wire report.
_DATELINE_BEFORE = re.compile(r"[ \t]*(?:[A-Z][\w.'’\-]*,?\s+){0,5}")
_DAY_NUMBER = re.compile(r"(?<!\d)\d{1,2}(?!\d)")
# "(UrduPoint / Pakistan Point News - " or "(Reuters, ": names only, then a dash or a comma
_CREDIT_OPENING = re.compile(r"\(\s*(?:(?:[A-Z][\w.&'’-]*|/)[ \t]*){1,8}(?:[-–—]|,)\s*$")
_CREDIT_CLOSING = re.compile(r"\s*\)")
_DATELINE_AFTER = re.compile(
    r"\A\s*(?:\([^()\n]{1,40}\)\s*(?=[A-Z])|(?:\([^()\n]{1,40}\)\s*)?(?::|--|—|–|-\s))"
)
_FUTURE_BEFORE = re.compile(
    r"\b(?:will|expected to|due to|scheduled to|set to|plans? to|is to|are to)\b"
    r"(?:\s+[\w'’]+){0,8}?\s*$|\b(?:remanded|adjourned|postponed|held)\s+(?:\w+\s+){0,3}?(?:until|till)\s+$",
    _FLAGS,
)
_EVENT_WORDS = re.compile(
    r"\d|\b(?:fell|rose|r[io]sen?|increased|decreased|dropped|declined|grew|jumped|surged"
    r"|arrested|seized|charged|detained|convicted|sentenced|rescued|deported|solved)\b",
    _FLAGS,
)
_COMPARISON_BEFORE = re.compile(
    r"\b(?:compared\s+(?:with|to)|than|versus|vs\.?)\s+(?:that\s+of\s+)?(?:the\s+)?(?:same\s+period\s+)?"
    r"(?:(?:in|of|during|last)\s+)?(?:the\s+)?$|\bsame\s+period\s+(?:(?:in|of|last)\s+)?$"
    r"|\btimes\s+(?:(?:that|those)\s+|the\s+\w+\s+)?$",     # "3 times last year's", "four times those of 2022"
    _FLAGS,
)
_COMPARISON_WORDS = re.compile(
    r"\b(?:a\s+year\s+(?:earlier|before|ago)|the\s+previous\s+year|year-on-year"
    r"|previous\s+year)\b",
    _FLAGS,
)

_MONTH_FIRST = "adfjmnos"     # the letters a month name starts with
_WEEKDAY_FIRST = "fmstw"


def _gated(first: str, pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` behind a look-ahead for the characters a match can start with. The result is
    the same; the scan is faster, because most positions of a text fail on one character instead
    of on every alternative of the pattern."""
    return re.compile(rf"(?=[{first}])(?:{pattern.pattern})", pattern.flags)


# In the order they claim text. Each with the characters its matches can start with.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, _gated(first, pattern))
    for name, first, pattern in (
        ("fiscal_ended", "fyt1", _FISCAL_ENDED),
        ("so_far_year", "st", _SO_FAR_YEAR),
        ("past_years", "oidfw", _PAST_YEARS),
        ("year_pair", "id", _YEAR_PAIR),
        ("month_day_range", "fb" + _MONTH_FIRST, _MONTH_DAY_RANGE),
        ("week", "tl", _WEEK),
        ("range", "fbs0-9" + _MONTH_FIRST, _RANGE),
        ("day_range", "fbo0-9", _DAY_RANGE),
        ("day_of_month", "ofbt", _DAY_OF_MONTH),
        ("lasted_ended", "lrw", _LASTED_ENDED),
        ("dash_range", _MONTH_FIRST, _DASH_RANGE),
        ("first_months", "tf", _FIRST_MONTHS),
        ("first_part", "tfs", _FIRST_PART),
        ("fiscal", "f", _FISCAL),
        ("since_start", "sty", _SINCE_START),
        ("since_event", "s", _SINCE_EVENT),
        ("as_of", "abut", _AS_OF),
        ("since", "s", _SINCE),
        ("from", "f", _FROM),
        ("month_year", "idfo0-9" + _MONTH_FIRST, _MONTH_YEAR),
        ("this_year", "t", _THIS_YEAR),
        ("last_year", "l", _LAST_YEAR),
        ("last_month", "l", _LAST_MONTH),
        ("in_year", "idfto", _IN_YEAR),
        ("on_date", "ol0-9" + _MONTH_FIRST + _WEEKDAY_FIRST, _ON_DATE),
        ("in_month", "idtls", _IN_MONTH),
        ("weekday", "olt" + _WEEKDAY_FIRST, _WEEKDAY_RE),
        ("day_word", "yt", _DAY_WORD),
        ("comparison", "atyp", _COMPARISON_WORDS),
    )
)
# The same, for a lower-cased copy of the text (newsmon.extract.folding)
_FOLDED_PATTERNS = tuple((name, fold(pattern)) for name, pattern in _PATTERNS)
_FOLDED_FISCAL = fold(_FISCAL)


def find_periods(text: str, published: date | None) -> list[PeriodMention]:
    """Return the resolvable time expressions of ``text``, in order, without overlaps."""
    mentions: list[PeriodMention] = []
    taken: list[tuple[int, int]] = []
    low = lowered(text)
    scanned = text if low is None else low
    fiscal_years = {int(m.group("y")) for m in (_FISCAL if low is None else _FOLDED_FISCAL).finditer(scanned)}
    for name, pattern in _PATTERNS if low is None else _FOLDED_PATTERNS:
        for match in pattern.finditer(scanned):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            if name == "comparison":
                mentions.append(PeriodMention(match.start(), match.end(), None, None, "comparison"))
                taken.append((match.start(), match.end()))
                continue
            resolved = _resolve(name, match, published)
            if name == "in_year" and int(match.group("a")) in fiscal_years:
                resolved = _fiscal_year(int(match.group("a")))  # the text counts in fiscal years
            if resolved is None:
                continue
            kind = _classify(text, match.start(), match.end())
            if kind == "announcement":  # figures announced on a day are known as of that day
                resolved, kind = (None, resolved[1]) if resolved[0] == resolved[1] else resolved, "period"
            launch = bool(_LAUNCHED_BEFORE.search(text, max(0, match.start() - 40), match.start()))
            mentions.append(PeriodMention(match.start(), match.end(), resolved[0], resolved[1], kind, launch))
            taken.append((match.start(), match.end()))
    mentions.extend(_since_anaphors(text, mentions, taken))
    mentions.sort(key=lambda m: m.start)
    return mentions


def _since_anaphors(
    text: str, mentions: list[PeriodMention], taken: list[tuple[int, int]]
) -> list[PeriodMention]:
    """Since-phrases without a date ("since the campaign began"): start only, from the text's launch date."""
    found: list[PeriodMention] = []
    for match in _SINCE_ANAPHOR.finditer(text):
        if any(s < match.end() and match.start() < e for s, e in taken):
            continue
        begin = _launch_date(text, mentions, match.start())
        if begin is not None:
            found.append(PeriodMention(match.start(), match.end(), begin, None, "period"))
    return found


def _launch_date(text: str, mentions: list[PeriodMention], before: int) -> date | None:
    """The start of the latest period before ``before`` that is told with a launch word ("began in March")."""
    launches = [
        m
        for m in mentions
        if m.end <= before
        and m.kind == "period"
        and m.period_start is not None
        and _LAUNCH_WORDS.search(text, max(0, m.start - 80), min(m.end + 40, before))
    ]
    return max(launches, key=lambda m: m.end).period_start if launches else None


def resolve_period(expression: str, published: date | None) -> tuple[date | None, date | None] | None:
    """Resolve one expression ("last year", "From January to November 2024"); None when it cannot."""
    for mention in find_periods(expression, published):
        if mention.kind == "period":
            return mention.period_start, mention.period_end
    return None


def _classify(text: str, start: int, end: int) -> str:
    before = text[max(0, start - 60) : start]
    if _COMPARISON_BEFORE.search(before):
        return "comparison"
    if _FUTURE_BEFORE.search(before):
        return "future"
    if _is_dateline(text, start, end):
        return "reporting"
    if _opens_announcement(text, start, end):
        return "announcement"
    before = _sentence_before(text, start, _REPORTING_LOOKBACK)
    reporting = _REPORTING_BEFORE.search(before)
    said = before[reporting.start() :] if reporting else ""
    # "said on Tuesday" dates the saying; "said that in 2023 ..." dates what was said
    if (
        reporting
        and not _EVENT_WORDS.search(said)
        and not re.search(r"\bthat\b", said, _FLAGS)
        and not _PASSIVE_REPORTED.search(before, 0, reporting.end("word") + 1)
    ):
        return "reporting"
    if _FROM_BEFORE.search(before) and re.match(
        rf"(?:last year|this year|{_YEAR})$", text[start:end], _FLAGS
    ):
        return "comparison"
    return "period"


def _sentence_before(text: str, start: int, size: int) -> str:
    """Up to ``size`` characters before ``start``, cut at the start of the line or sentence."""
    before = text[max(0, start - size) : start]
    before = before[before.rfind("\n") + 1 :]
    stops = list(_SENTENCE_STOP.finditer(before))
    return before[stops[-1].end() :] if stops else before


def _is_dateline(text: str, start: int, end: int) -> bool:
    """A date between a line's place name and its "(Agency):" or "--" is the date of the report,
    and so is a date that closes a credit in brackets ("(Daily News Service - 11th Feb, 2025)")."""
    if _CREDIT_OPENING.search(text[max(0, start - 70) : start]) and _CREDIT_CLOSING.match(text, end):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    if not _DAY_NUMBER.search(text, start, end) or not _DATELINE_BEFORE.fullmatch(text[line_start:start]):
        return False
    return _DATELINE_AFTER.match(text[end : end + 50]) is not None


def _opens_announcement(text: str, start: int, end: int) -> bool:
    """A date opening a sentence whose verb announces ("On Monday, police said ...")."""
    if start > 0 and not _SENTENCE_OPENING.search(text[max(0, start - 4) : start]):
        return False
    after = _ANNOUNCED_AFTER.match(text[end : end + 120])
    return after is not None and not _EVENT_WORDS.search(after.group("gap"))


_Span = tuple[date | None, date | None]


def _resolve(name: str, match: re.Match[str], published: date | None) -> _Span | None:
    try:
        return _RESOLVERS[name](match, published)
    except ValueError:
        return None


def _resolve_range(match: re.Match[str], published: date | None) -> _Span | None:
    first, last = (match.group("a"), match.group("b")) if match.group("a") else (match.group("a2"), match.group("b2"))
    end_point = _parse_point(last, published, None, end=True)
    if end_point is None:
        return None
    start_point = _parse_point(first, published, end_point[1].year, end=False, before=end_point[1])
    if start_point is None:
        return None
    return start_point[0], end_point[1]


def _resolve_day_range(match: re.Match[str], published: date | None) -> _Span | None:
    """Days of one month: groups m, d1, optional d2 and y ("3 to 6 December", "Oct 10-23", "the 5th of March")."""
    month = _month_number(match.group("m"))
    year = int(match.group("y")) if match.group("y") else _latest_year(month, published)
    if year is None:
        return None
    last = match.group("d2") or match.group("d1")
    return date(year, month, _day_number(match.group("d1"))), date(year, month, _day_number(last))


def _resolve_lasted_ended(match: re.Match[str], published: date | None) -> _Span | None:
    point = _parse_point(match.group("a"), published, None, end=True)
    if point is None:
        return None
    days = _count_value(match.group("n")) * (7 if match.group("u").lower().startswith("week") else 1)
    return point[1] - timedelta(days=days - 1), point[1]


def _resolve_dash_range(match: re.Match[str], published: date | None) -> _Span | None:
    end_point = _parse_point(match.group("b"), published, None, end=True)
    if end_point is None:
        return None
    start_point = _parse_point(match.group("a"), published, end_point[1].year, end=False, before=end_point[1])
    return None if start_point is None else (start_point[0], end_point[1])


def _count_value(raw: str) -> int:
    """The value of a _COUNT match: "7" or "seven"."""
    return int(raw) if raw.isdigit() else _COUNT_WORDS[raw.lower()]


def _resolve_first_months(match: re.Match[str], published: date | None) -> _Span | None:
    months = _count_value(match.group("n"))
    year = _year_of(match.group("y"), published)
    if year is None or not 1 <= months <= 12:
        return None
    return date(year, 1, 1), _month_end(year, months)


def _resolve_first_part(match: re.Match[str], published: date | None) -> _Span | None:
    year = _year_of(match.group("y"), published)
    if year is None:
        return None
    size = 6 if match.group("p").lower() == "half" else 3
    index = _ORDINALS[match.group("o").lower()]
    if size == 6 and index > 2:
        return None
    first_month = (index - 1) * size + 1
    return date(year, first_month, 1), _month_end(year, first_month + size - 1)


def _resolve_fiscal(match: re.Match[str], published: date | None) -> _Span | None:
    return _fiscal_year(int(match.group("y")))


def _fiscal_year(year: int) -> _Span:
    """A US federal fiscal year: 1 October of the year before to 30 September."""
    return date(year - 1, 10, 1), date(year, 9, 30)


def _resolve_as_of(match: re.Match[str], published: date | None) -> _Span | None:
    point = _parse_point(match.group("a") or match.group("b") or match.group("c"), published, None, end=True)
    return None if point is None else (None, point[1])


def _resolve_since(match: re.Match[str], published: date | None) -> _Span | None:
    point = _parse_point(match.group("a"), published, None, end=False)
    return None if point is None else (point[0], None)


def _resolve_year_to_date(match: re.Match[str], published: date | None) -> _Span | None:
    """"this year", "since the start of the year": 1 January to publication."""
    if published is None:
        return None
    return date(published.year, 1, 1), published


def _resolve_last_year(match: re.Match[str], published: date | None) -> _Span | None:
    if published is None:
        return None
    return date(published.year - 1, 1, 1), date(published.year - 1, 12, 31)


def _resolve_last_month(match: re.Match[str], published: date | None) -> _Span | None:
    if published is None:
        return None
    last = published.replace(day=1) - timedelta(days=1)
    return last.replace(day=1), last


def _resolve_point(match: re.Match[str], published: date | None) -> _Span | None:
    """A year, month or day; one named without a year is the latest one on or before publication."""
    start = _parse_point(match.group("a"), published, None, end=False)
    end = _parse_point(match.group("a"), published, None, end=True)
    if start is None or end is None:
        return None
    return start[0], end[1]


def _resolve_fiscal_ended(match: re.Match[str], published: date | None) -> _Span | None:
    point = _parse_point(match.group("a"), published, None, end=True)
    if point is None:
        return None
    end = point[1]
    start_year = end.year - 1 if end.month < 12 else end.year
    start_month = end.month % 12 + 1
    return date(start_year, start_month, 1), end


def _resolve_so_far_year(match: re.Match[str], published: date | None) -> _Span | None:
    year = int(match.group("y"))
    end = published if published is not None and published.year == year else None
    return date(year, 1, 1), end


def _resolve_past_years(match: re.Match[str], published: date | None) -> _Span | None:
    if published is None:
        return None
    years = _count_value(match.group("n"))
    return date(published.year - years, 1, 1), date(published.year - 1, 12, 31)


def _resolve_year_pair(match: re.Match[str], published: date | None) -> _Span | None:
    first, last = int(match.group("a")), int(match.group("b"))
    return (date(first, 1, 1), date(last, 12, 31)) if first <= last else None


def _resolve_week(match: re.Match[str], published: date | None) -> _Span | None:
    if published is None:
        return None
    monday = published - timedelta(days=published.weekday())
    if match.group("w").lower() == "this":
        return monday, published
    return monday - timedelta(days=7), monday - timedelta(days=1)


_RESOLVERS = {
    "fiscal_ended": _resolve_fiscal_ended,
    "so_far_year": _resolve_so_far_year,
    "past_years": _resolve_past_years,
    "year_pair": _resolve_year_pair,
    "month_day_range": _resolve_day_range,
    "week": _resolve_week,
    "range": _resolve_range,
    "day_range": _resolve_day_range,
    "day_of_month": _resolve_day_range,
    "lasted_ended": _resolve_lasted_ended,
    "dash_range": _resolve_dash_range,
    "first_months": _resolve_first_months,
    "first_part": _resolve_first_part,
    "fiscal": _resolve_fiscal,
    "since_start": _resolve_year_to_date,
    "since_event": _resolve_since,
    "as_of": _resolve_as_of,
    "since": _resolve_since,
    "from": _resolve_since,
    "month_year": _resolve_point,
    "this_year": _resolve_year_to_date,
    "last_year": _resolve_last_year,
    "last_month": _resolve_last_month,
    "in_year": _resolve_point,
    "on_date": _resolve_point,
    "in_month": _resolve_point,
    "weekday": _resolve_point,
    "day_word": _resolve_point,
}

_POINT_PARTS = re.compile(
    rf"^(?:(?P<wd>{_WEEKDAY})(?:,?\s+|$))?(?:(?P<m>{_MONTH})(?:\s+(?P<d>{_DAY}))?"
    rf"|(?P<d2>{_DAY})\s+(?P<m2>{_MONTH}))?"
    rf"(?:,?\s*(?P<y>{_YEAR})|,?\s*(?P<rel>{_RELATIVE_YEAR}))?$",
    _FLAGS,
)


def _parse_point(
    raw: str, published: date | None, year_hint: int | None, *, end: bool, before: date | None = None
) -> tuple[date, date] | None:
    """Parse a time point into the (first day, last day) it covers."""
    text = " ".join(raw.split()).lower()
    if text in ("now", "date", "today"):
        return (published, published) if published else None
    if text == "yesterday":
        return (published - timedelta(days=1),) * 2 if published else None
    if text in ("last year", "the previous year"):
        return (
            None if published is None else (date(published.year - 1, 1, 1), date(published.year - 1, 12, 31))
        )
    if text == "this year":
        return None if published is None else (date(published.year, 1, 1), published)
    if re.fullmatch(_YEAR, text):
        year = int(text)
        return date(year, 1, 1), date(year, 12, 31)
    parts = _POINT_PARTS.match(text)
    if parts is None:
        return None
    month_text = parts.group("m") or parts.group("m2")
    day_text = parts.group("d") or parts.group("d2")
    if month_text is None:
        weekday = parts.group("wd")
        if weekday is None or published is None:
            return None
        day = _latest_weekday(_WEEKDAYS[weekday.lower()], published)
        return day, day
    month = _month_number(month_text)
    resolved_year = _point_year(parts, month, published, year_hint, before)
    if resolved_year is None:
        return None
    year = resolved_year
    if day_text:   # a day past the month's end ("Sept 31") is its last day
        day = date(year, month, min(_day_number(day_text), calendar.monthrange(year, month)[1]))
        return day, day
    return date(year, month, 1), _month_end(year, month)


def _point_year(
    parts: re.Match[str], month: int, published: date | None, year_hint: int | None, before: date | None
) -> int | None:
    if parts.group("y"):
        return int(parts.group("y"))
    relative = parts.group("rel")
    if relative:
        return _year_of(relative, published)
    if year_hint is not None:
        if before is not None and month > before.month:
            return year_hint - 1
        return year_hint
    return _latest_year(month, published)


def _year_of(raw: str, published: date | None) -> int | None:
    text = raw.lower()
    if re.fullmatch(_YEAR, text):
        return int(text)
    if published is None:
        return None
    if "last" in text or "previous" in text:
        return published.year - 1
    return published.year


def _latest_year(month: int, published: date | None) -> int | None:
    if published is None:
        return None
    return published.year if month <= published.month else published.year - 1


def _latest_weekday(weekday: int, published: date) -> date:
    return published - timedelta(days=(published.weekday() - weekday) % 7)


def _month_number(raw: str) -> int:
    return _MONTHS[raw.strip(". ").lower()[:3]]


def _day_number(raw: str) -> int:
    return int(re.sub(r"\D", "", raw))


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])
