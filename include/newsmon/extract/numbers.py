"""Numbers and amounts as news text writes them, with their bound, currency and unit.

``find_quantities`` scans a text for "67,000", "thirty-one", "a dozen", "1.2 lakh", "EUR 3.8 million",
"more than HK$2.6 million", "58.5 percent", "500kg", "two years and six months", "sevenfold" or
"doubled", and returns one ``Quantity`` per expression with character offsets into the text. Years,
dates, times, ordinals and ages are left out. Pure: no I/O.

Numbers in words ("one hundred and five") are read by text2num; what it does not read is here: "a"
for "one", "dozen", scales after a number ("3.8 million", "1.2 lakh", "a trillion"), separators,
currencies, bounds, units and ranges. ``word_to_int`` reads a number in words on its own.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from text_to_num import text2num

from newsmon.extract import currencies

__all__ = ["Quantity", "find_quantities", "parse_number", "word_to_int"]


@dataclass(frozen=True, slots=True)
class Quantity:
    """One number expression: ``text[start:end]`` is the whole of it, bound words included."""

    start: int
    end: int
    num_start: int  # offsets of the numeric core ("3.8 million")
    num_end: int
    value: float
    value_max: float | None
    bound: str  # exact, more_than, at_least, less_than, at_most, approx
    currency: str | None  # ISO 4217, or "$" when the dollar is not named
    unit: str | None  # percent, change, times, kg, year, month, week, day, or None
    is_word: bool  # written in words ("thirty-one")
    scale: float = 1.0  # the million/billion/lakh factor applied, 1.0 when none

    @property
    def has_scale(self) -> bool:
        """True when a scale word or abbreviation multiplied the number."""
        return self.scale != 1.0


_SCALE_WORDS = {  # scales after a number; text2num knows neither lakh nor crore, nor trillion
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "lakh": 1e5,
    "lakhs": 1e5,
    "crore": 1e7,
    "crores": 1e7,
}
_SCALE_ABBREVIATIONS = {
    "k": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "bln": 1e9,
    "tn": 1e12,
    "cr": 1e7,
}
_LARGEST = 1e15  # no enforcement figure is larger; bigger values are codes or noise
_MULTIPLIER_VERBS = {
    "doubled": 100.0,
    "tripled": 200.0,
    "trebled": 200.0,
    "quadrupled": 300.0,
    "halved": -50.0,
}

# Number words are converted by text2num; these patterns only find where they are.
_UNIT = (
    r"(?:(?:thir|four|fif|six|seven|eigh|nine)teen|eleven|twelve|zero|one|two|three|four|five|six|seven"
    r"|eight|nine|ten)"
)
_TENS = r"(?:twen|thir|for|fif|six|seven|eigh|nine)ty"
_WORD = rf"(?:{_TENS}|{_UNIT}|hundred|thousand|million|billion)\b"  # trillion: text2num does not know it
_AFTER_SCALE = r"(?:(?<=hundred)|(?<=thousand)|(?<=million)|(?<=billion))"
_WORD_NUMBER = re.compile(  # a run of number words; (?=[adefhnostz]) only makes the scan faster
    r"\b(?=[adefhnostz])"
    r"(?:(?:half\s+)?an?\s+(?:dozen\b|(?:hundred|thousand|million|billion)\b|(?=trillion\b))"  # "a hundred"
    rf"|(?:{_TENS}|{_UNIT})\b|dozen\b)"
    rf"(?:(?:-|[^\S\n]+|{_AFTER_SCALE}[^\S\n]+and[^\S\n]+){_WORD})*",  # "thirty-one", "hundred and five"
    re.IGNORECASE,
)
# "around a kilogram of heroin", "half a tonne of cocaine": one weight unit, written with an article
_ARTICLE_WEIGHT = re.compile(
    r"\b(?=[haHA])(half\s+)?an?(?=\s+(?:kilo(?:gram(?:me)?)?|tonne|(?:metric\s+)?ton)\s+of\b)", re.IGNORECASE
)
# "a quarter of a million", "three quarters of a billion", "half of a million"
_FRACTION_OF_SCALE = re.compile(
    r"\b(?=[aotAOT])(?P<n>an?|one|two|three)\s+(?P<f>quarters?|thirds?|halves|half|fifths?|tenths?)\s+of\s+(?:a|an|one)\s+"
    r"(?P<s>thousand|million|billion)\b",
    re.IGNORECASE,
)
_FRACTION_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3}
_FRACTION_PARTS = {"quarter": 0.25, "third": 1 / 3, "half": 0.5, "fifth": 0.2, "tenth": 0.1}
_DIGIT_NUMBER = re.compile(  # (?=\d) first: most positions fail on one character, not on the look-behinds
    r"(?=\d)(?<![\d.,:/\-])(?<!\d[-–] )(?:\d{1,2}(?:,\d{2})+,\d{3}(?![\d,])"
    r"|\d{1,3}(?:, \d{3}){2,}\.\d{1,2}(?!\d)|\d{1,3}(?:, \d{3}){3,}(?![\d,]\d)"  # "N134, 337, 759, 574.25"
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,]\d)"
    r"|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,]\d)"
    r"|\d{1,3}(?:,\d{3})*,\d{4}(?![\d,]\d)"  # a group of four, mistyped ("10,0000"): its digits
    r"|\d+(?:\.\d+)?)(?!\d)(?![\-/]\d)"
)
_WORD_TOKEN = re.compile(r"[a-z]+", re.IGNORECASE)
_NOT_FIRST = frozenset({"and", "hundred", "thousand", "million", "billion"})  # cannot start a number
_WORD_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9}  # "two hundred" has no scale
_FOLD_WORD = re.compile(rf"\b(?=[efnost])((?:{_TENS}-?)?{_UNIT}|{_TENS})fold\b", re.IGNORECASE)
_MULTIPLIER_WORD = re.compile(r"\b(" + "|".join(_MULTIPLIER_VERBS) + r")\b", re.IGNORECASE)

_SCALE_AFTER = re.compile(
    r"\s*(hundred|thousand|million|billion|trillion|lakhs?"
    r"|crores?)\b(?:\s+(lakhs?|crores?|thousand|million|billion)\b)?",
    re.IGNORECASE,
)
_ABBREVIATION_AFTER = re.compile(r"\s?(mn|bn|mln|bln|tn|cr)\b|(k|m|b)\b", re.IGNORECASE)
# "232m meth pills", "3m people": millions of things counted (a length takes one thing: "a 50m tunnel")
_COUNTED_MILLIONS = re.compile(
    r"m\s+(?:(?!(?:in|of|on|at|by|across|along|deep|long|high|tall|wide|away|from|to|into|under|below|above"
    r"|and|or|was|has|is|as|its|this|us)\b)[a-z-]+\s+){0,2}?"
    r"(?:(?!(?:was|has|is|as|its|this|thus|us|yes|across|metres|meters)\b)[a-z]+(?<!ss)s|people)\b")
_ARTICLE_BEFORE = re.compile(r"\b(?:a|an|the|one)\s+$", re.IGNORECASE)
_DOZEN_AFTER = re.compile(r"\s+dozen\b", re.IGNORECASE)
_PERCENT_AFTER = re.compile(r"\s?(?:%|percent\b|per\s?cent\b|pct\b|percentage points?\b)", re.IGNORECASE)
_WEIGHT_AFTER = re.compile(
    r"\s?(kgs?|kilo(?:gram(?:me)?)?s?|g|gms?|grams?|grammes?|(?:metric )?tonnes?|(?:metric )?tons?|lbs?"
    r"|pounds?|ounces?|oz)\b(?!\s*sterling)",
    re.IGNORECASE,
)
_TERM_AFTER = re.compile(r"[- ]?(years?|months?|weeks?|days?)\b", re.IGNORECASE)
_TERM_MONTHS_AFTER = re.compile(r"(?:\s+and|,)\s+(\w+(?:-\w+)?)\s+months?\b", re.IGNORECASE)
_TIMES_AFTER = re.compile(r"\s?(times\b|-?fold\b)", re.IGNORECASE)
_AGE_AFTER = re.compile(r"[- ]years?[- ]old\b|\s*years? of age\b", re.IGNORECASE)
_CURRENCY_AFTER = re.compile(
    r"\s?((?:us |u\.s\. |american |hong kong |hk |singapore |australian |canadian |new zealand |taiwan )?"
    rf"dollars?|{currencies.name_pattern()}|pounds?(?: sterling)?|(?-i:{'|'.join(sorted(currencies.CODES))}))\b",
    re.IGNORECASE,
)
_CURRENCY_BEFORE = re.compile(
    r"(US\$|U\.S\.\s?\$|HK\$|S\$|SG\$|A\$|AU\$|NZ\$|C\$|CA\$|R\$|NT\$|GH₵|GH¢|E£|\$|£|€|¥|₹|₦|₱|฿|₩|₵|₫|₺|₽|₴|₪"
    r"|(?<![A-Za-z])(?:RM|Rs\.?|Php|RMB|K?Shs?|Kshs?|USh|TSh|SR|Tk\.?|Rp|Dhs?|QR|KD|BD|zł"
    rf"|{'|'.join(sorted(currencies.CODES))}))\s?$|(?<![A-Za-z])([NBPR])$"
)
_BOUND_BEFORE = re.compile(
    r"(?<![\w-])(no more than|not more than|no fewer than|no less than|not less than|more than|greater than"
    r"|in excess of|upwards of|just over|well over|over|above|exceeding|exceeded|topping|topped|north of"
    r"|at least|a minimum of|minimum of|fewer than|less than|just under|under|below|up to|a maximum of"
    r"|at most|as many as|as much as|about|around|approximately|approx\.|some|roughly|nearly|almost"
    r"|close to|an estimated|estimated|circa)\s+$",
    re.IGNORECASE,
)
_PARTICLE_VERB = re.compile(
    r"\b(?:hand|hands|handed|handing|turn|turns|turned|turning|took|taken|take|takes"
    r"|taking|won|win|wins|pass|passed|passing|bring|brought|put|placed)\s+$",
    re.IGNORECASE,
)
_SUFFIX_BOUND = re.compile(r"(\s+or more\b|\s+and above\b|\+|-plus\b|\s+plus\b)", re.IGNORECASE)
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_AND_GAP = re.compile(r"\s+and\s+")
_TO_GAP = re.compile(r"\s+to\s+")
_NOT_RANGE_BEFORE = re.compile(  # "from 137 to 130,000", "rose by 12 to 345": a change, then a level
    r"\b(?:from|by|rose|risen|rising|grew|grown|increased|jumped|climbed|surged|fell|fallen|dropped|declined"
    r"|decreased|up|down)\s+$",
    re.IGNORECASE,
)
_RANGING_BEFORE = re.compile(r"\brang(?:e|es|ed|ing)\s+(?:from\s+)?(?:between\s+)?$", re.IGNORECASE)
_BY_BEFORE = re.compile(r"\bby\s+$", re.IGNORECASE)
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
# "October 19", and the end of a day range: "October 13 and 19", "Oct. 13-19"
_MONTH_BEFORE = re.compile(
    rf"\b{_MONTH}\.?\s+(?:\d{{1,2}}(?:st|nd|rd|th)?\s*(?:and|to|until|through|-|–)\s*)?$", re.IGNORECASE)
_MONTH_AFTER = re.compile(rf"\s*(?:and\s+\d{{1,2}}\s+)?(?:-\s*\d{{1,2}}\s+)?{_MONTH}\b", re.IGNORECASE)
_AGE_BEFORE = re.compile(
    r"\b(?:aged|ages?|age of|ages of|aged between|between the ages of"
    r"|aged (?:between )?\d{1,2} (?:and|to))\s+$",
    re.IGNORECASE,
)
_CLOCK_AFTER = re.compile(r"\s?(?:a\.m\.|p\.m\.|am\b|pm\b|hrs\b|GMT\b|UTC\b|:\d)", re.IGNORECASE)

_DOLLAR_QUALIFIERS = {
    "us": "USD",
    "u.s.": "USD",
    "american": "USD",
    "hong kong": "HKD",
    "hk": "HKD",
    "singapore": "SGD",
    "australian": "AUD",
    "canadian": "CAD",
    "new zealand": "NZD",
    "taiwan": "TWD",
}
_BOUND_NAMES = {
    "more than": "more_than",
    "greater than": "more_than",
    "in excess of": "more_than",
    "upwards of": "more_than",
    "just over": "more_than",
    "well over": "more_than",
    "over": "more_than",
    "above": "more_than",
    "exceeding": "more_than",
    "exceeded": "more_than",
    "topping": "more_than",
    "topped": "more_than",
    "north of": "more_than",
    "at least": "at_least",
    "no fewer than": "at_least",
    "no less than": "at_least",
    "not less than": "at_least",
    "a minimum of": "at_least",
    "minimum of": "at_least",
    "fewer than": "less_than",
    "less than": "less_than",
    "just under": "less_than",
    "under": "less_than",
    "below": "less_than",
    "up to": "at_most",
    "no more than": "at_most",
    "not more than": "at_most",
    "a maximum of": "at_most",
    "at most": "at_most",
    "as many as": "exact",
    "as much as": "exact",
}
_WEIGHT_KG = {
    "kg": 1.0,
    "kgs": 1.0,
    "kilo": 1.0,
    "kilos": 1.0,
    "kilogram": 1.0,
    "kilograms": 1.0,
    "kilogramme": 1.0,
    "kilogrammes": 1.0,
    "g": 0.001,
    "gm": 0.001,
    "gms": 0.001,
    "gram": 0.001,
    "grams": 0.001,
    "gramme": 0.001,
    "grammes": 0.001,
    "tonne": 1000.0,
    "tonnes": 1000.0,
    "ton": 1000.0,
    "tons": 1000.0,
    "metric ton": 1000.0,
    "metric tons": 1000.0,
    "metric tonne": 1000.0,
    "metric tonnes": 1000.0,
    "lb": 0.4536,
    "lbs": 0.4536,
    "pound": 0.4536,
    "pounds": 0.4536,
    "ounce": 0.02835,
    "ounces": 0.02835,
    "oz": 0.02835,
}


@dataclass(slots=True)
class _Core:
    start: int
    end: int
    value: float
    is_word: bool
    raw: str
    scale: float = 1.0  # "two million": the scale word inside a number written in words


def parse_number(text: str) -> float | None:
    """Return the value of a number phrase ("67,000", "thirty-one", "a dozen", "1.2 lakh"), or None."""
    found = find_quantities(text)
    return found[0].value if found else None


def word_to_int(word: str) -> int | None:
    """Return the integer a number written in words stands for, or None.

    "twelve" -> 12, "Thirty-one" -> 31, "one hundred and five" -> 105, "a dozen" -> 12, "a thousand" -> 1000;
    "12", "a", "first", "half" and "one two" -> None: digits, articles, ordinals and fractions are not read.
    """
    value = _word_value(word)
    if value is None or value != int(value) or word.strip().lower() in ("a", "an"):
        return None
    return int(value)


def find_quantities(text: str) -> list[Quantity]:
    """Return every number expression in ``text`` that may be a count, amount, weight, term or change."""
    quantities: list[Quantity] = []
    for core in _find_cores(text):
        quantity = _build_quantity(text, core)
        if quantity is not None:
            quantities.append(quantity)
    quantities.extend(_find_multiplier_verbs(text))
    quantities.sort(key=lambda q: q.start)
    return _merge_ranges(text, _drop_overlaps(quantities))


def _find_cores(text: str) -> list[_Core]:
    cores: list[_Core] = []
    for match in _DIGIT_NUMBER.finditer(text):
        raw = match.group(0)
        cleaned = re.sub(r"[,\s\u00a0\u202f]", "", raw)
        cores.append(_Core(match.start(), match.end(), float(cleaned), False, raw))
    for match in _FOLD_WORD.finditer(text):
        value = _word_value(match.group(1))
        if value is not None:
            cores.append(_Core(match.start(), match.end(1), value, True, match.group(1)))
    for match in _ARTICLE_WEIGHT.finditer(text):
        cores.append(_Core(match.start(), match.end(), 0.5 if match.group(1) else 1.0, True, match.group(0)))
    for match in _FRACTION_OF_SCALE.finditer(text):
        count = _FRACTION_COUNTS[match.group("n").lower()]
        part = _FRACTION_PARTS[match.group("f").lower().rstrip("s").replace("halve", "half")]
        scale = _WORD_SCALES[match.group("s").lower()]
        cores.append(_Core(match.start(), match.end(), round(count * part * scale), True, match.group(0), scale))
    taken = [(c.start, c.end) for c in cores]
    for match in _WORD_NUMBER.finditer(text):
        if not any(s < match.end() and match.start() < e for s, e in taken):
            cores.extend(_word_cores(match))
    cores.sort(key=lambda c: c.start)
    return cores


def _word_cores(match: re.Match[str]) -> list[_Core]:
    """Read a run of number words as the longest numbers text2num accepts: "one two" is 1 and 2."""
    run = match.group(0)
    tokens = list(_WORD_TOKEN.finditer(run))
    cores: list[_Core] = []
    first = 0
    while first < len(tokens):
        if tokens[first].group(0).lower() in _NOT_FIRST:
            first += 1
            continue
        for last in range(len(tokens) - 1, first - 1, -1):
            raw = run[tokens[first].start() : tokens[last].end()]
            value = _word_value(raw)
            if value is not None:
                start = match.start() + tokens[first].start()
                scale = _WORD_SCALES.get(tokens[last].group(0).lower(), 1.0)
                cores.append(_Core(start, start + len(raw), value, True, raw, scale))
                first = last + 1
                break
        else:
            first += 1
    return cores


def _word_value(phrase: str) -> float | None:
    return _words_value(" ".join(phrase.lower().split()))


@lru_cache(maxsize=4096)
def _words_value(phrase: str) -> float | None:
    words = phrase.split()  # hyphens stay: text2num reads "thirty-one" and "one-hundred"
    factor = 1.0
    if words[:1] == ["half"]:
        factor, words = 0.5, words[1:]
        if words[:1] not in (["a"], ["an"]):
            return None
    if words[:1] in (["a"], ["an"]):
        words = ["one", *words[1:]]  # text2num reads "one hundred" but not "a hundred"
    if words in (["dozen"], ["one", "dozen"]):
        return factor * 12
    if not words:
        return None
    try:
        value: int = text2num(" ".join(words), "en")
    except ValueError:
        return None
    return factor * value


def _build_quantity(text: str, core: _Core) -> Quantity | None:
    if _is_excluded_core(text, core):
        return None
    value = core.value
    pos = core.end
    scale_factor = core.scale
    unit: str | None = None
    currency: str | None = None

    dozen = _DOZEN_AFTER.match(text, pos)
    if dozen and core.is_word:
        value *= 12
        pos = dozen.end()
    scale = _SCALE_AFTER.match(text, pos)
    if scale:
        factor = _SCALE_WORDS[scale.group(1).lower()]
        if scale.group(2):
            factor *= _SCALE_WORDS[scale.group(2).lower()]
        value *= factor
        scale_factor *= factor
        pos = scale.end()

    before = text[max(0, core.start - 8) : core.start]
    prefix = _CURRENCY_BEFORE.search(before)
    start = core.start
    if prefix:
        symbol = prefix.group(1) or prefix.group(2)
        if (
            len(symbol) == 1
            and symbol in "NBPR"
            and not (scale_factor != 1.0 or _has_attached_scale(text, pos) or value >= 1000)
        ):
            prefix = None
        else:
            currency = _currency_code(symbol)
            start = core.start - (len(before) - prefix.start())

    if scale_factor == 1.0:
        abbreviation = _ABBREVIATION_AFTER.match(text, pos)
        counted = abbreviation is not None and _counts_millions(text, core.start, pos)
        if abbreviation and (currency or abbreviation.group(1) or counted) and not core.is_word:
            word = (abbreviation.group(1) or abbreviation.group(2)).lower()
            scale_factor = _SCALE_ABBREVIATIONS[word]
            value *= scale_factor
            pos = abbreviation.end()
    if (
        not core.is_word
        and pos < len(text)
        and text[pos].isalpha()
        and pos == core.end
        and not _attached_unit_ok(text, pos)
    ):
        return None

    suffix_currency = _CURRENCY_AFTER.match(text, pos)
    if suffix_currency and not _is_weight_pounds(text, suffix_currency, core.start, currency):
        code = _suffix_currency_code(suffix_currency.group(1))
        if currency is None or currency == "$":
            currency = code if code != "$" else (currency or "$")
        pos = suffix_currency.end()
    if currency is None:
        unit, value, pos = _read_unit(text, pos, value, core)

    if unit is None and currency is None and _is_bare_year(core, scale_factor != 1.0):
        return None
    if unit is None and currency is None and _is_date_or_clock(text, core):
        return None

    if not math.isfinite(value) or value > _LARGEST:
        return None
    bound, start = _read_bound(text, start)
    suffix_bound = _SUFFIX_BOUND.match(text, pos)
    if suffix_bound and bound == "exact":
        bound = (
            "at_least" if "more" in suffix_bound.group(1) or "above" in suffix_bound.group(1) else "more_than"
        )
        pos = suffix_bound.end()
    return Quantity(
        start=start,
        end=pos,
        num_start=core.start,
        num_end=core.end,
        value=round(value, 6),
        value_max=None,
        bound=bound,
        currency=currency,
        unit=unit,
        is_word=core.is_word,
        scale=scale_factor,
    )


def _is_excluded_core(text: str, core: _Core) -> bool:
    if core.start > 0 and text[core.start - 1].isalpha():
        preceding = text[max(0, core.start - 4) : core.start]
        prefix = _CURRENCY_BEFORE.search(preceding)
        if prefix is None:
            return True
        if prefix.group(2) and core.value < 1000 and not _SCALE_AFTER.match(text, core.end) \
                and not _has_attached_scale(text, core.end):
            return True         # "R3", "P7": a code, not money written with a one-letter sign
    if _AGE_AFTER.match(text, core.end) or _AGE_BEFORE.search(text[max(0, core.start - 24) : core.start]):
        return True
    if (
        core.is_word
        and core.raw.lower() in ("one",)
        and re.match(r"\s+(?:of|another|day|by)\b", text[core.end :])
    ):
        return True
    return bool(
        re.match(
            r"-(?:thirds?|fourths?|fifths?|quarters?|halves|half|tenths?)\b", text[core.end :], re.IGNORECASE
        )
    )


def _counts_millions(text: str, start: int, pos: int) -> bool:
    """Whether an attached "m" means millions of the plural noun after it, not metres of one thing."""
    return bool(_COUNTED_MILLIONS.match(text, pos)) and not _ARTICLE_BEFORE.search(text[max(0, start - 6) : start])


def _has_attached_scale(text: str, pos: int) -> bool:
    return bool(_ABBREVIATION_AFTER.match(text, pos))


def _attached_unit_ok(text: str, pos: int) -> bool:
    rest = text[pos : pos + 12]
    return bool(
        re.match(
            r"(?:mn|bn|mln|bln|tn|cr|k|m|b|kgs?|kilo\w*|g|gms?|grams?|tonnes?|tons?|lbs?|oz|pc|pct)\b",
            rest,
            re.IGNORECASE,
        )
    ) or bool(re.match(r"fold\b", rest, re.IGNORECASE))


_WEIGHT_BEFORE = re.compile(
    r"\d\s?(?:kgs?|kilo(?:gram(?:me)?)?s?|g|grams?|tonnes?|tons?)\b[\s,(]*(?:or\s+)?(?:about|around|roughly"
    r"|approximately|nearly|some|almost|more than|over)?\s*$",
    re.IGNORECASE,
)
_MONEY_AFTER_OF = re.compile(
    r"\s+of\s+(?:the\s+|public\s+|taxpayers?[’']?\s+)?(?:money|funds|cash|assets|damage|savings|revenue|profits?"
    r"|proceeds|investment|bribes|compensation|debt)\b",
    re.IGNORECASE,
)


def _is_weight_pounds(text: str, match: re.Match[str], start: int, currency: str | None) -> bool:
    """"Pounds of <goods>" weigh, even in millions ("1.2 million pounds of narcotics"), and so do
    pounds right after a weight ("200 kg (about 440 pounds)"); "pounds of public money", pounds
    with a currency sign, or pounds sterling are money."""
    word = match.group(1).lower()
    if not word.startswith("pound") or "sterling" in word or currency:
        return False
    if _WEIGHT_BEFORE.search(text[max(0, start - 30) : start]):
        return True
    rest = text[match.end() :]
    return bool(re.match(r"\s+of\b", rest)) and not _MONEY_AFTER_OF.match(rest)


def _read_unit(text: str, pos: int, value: float, core: _Core) -> tuple[str | None, float, int]:
    percent = _PERCENT_AFTER.match(text, pos)
    if percent:
        return "percent", value, percent.end()
    times = _TIMES_AFTER.match(text, pos)
    if times and (value >= 50 or core.end != pos):
        return "times", value, times.end()
    if times:
        by_times = "times" in times.group(1).lower() and bool(
            _BY_BEFORE.search(text[max(0, core.start - 6) : core.start])
        )
        change = value * 100 if by_times else (value - 1) * 100
        return "change", change, times.end()
    weight = _WEIGHT_AFTER.match(text, pos)
    if weight:
        word = re.sub(r"\s+", " ", weight.group(1).lower())
        return "kg", value * _WEIGHT_KG.get(word, 1.0), weight.end()
    term = _TERM_AFTER.match(text, pos)
    if term:
        word = term.group(1).lower().rstrip("s")
        months = _TERM_MONTHS_AFTER.match(text, term.end())
        if word == "year" and months:
            extra = _word_or_digit_value(months.group(1))
            if extra is not None:
                return "month", value * 12 + extra, months.end()
        return word, value, term.end()
    return None, value, pos


def _word_or_digit_value(token: str) -> float | None:
    if token.replace(".", "", 1).isdigit():
        return float(token)
    return _word_value(token)


def _is_bare_year(core: _Core, has_scale: bool) -> bool:
    return (
        not core.is_word
        and not has_scale
        and "," not in core.raw
        and "." not in core.raw
        and len(core.raw) == 4
        and 1900 <= core.value <= 2100
    )


def _is_date_or_clock(text: str, core: _Core) -> bool:
    if _CLOCK_AFTER.match(text, core.end):
        return True
    if core.is_word or core.value > 31 or "." in core.raw:
        return False
    if _MONTH_BEFORE.search(text[max(0, core.start - 28) : core.start]):
        return True
    return bool(_MONTH_AFTER.match(text, core.end))


def _read_bound(text: str, start: int) -> tuple[str, int]:
    before = text[max(0, start - 24) : start]
    match = _BOUND_BEFORE.search(before)
    if not match:
        return "exact", start
    phrase = re.sub(r"\s+", " ", match.group(1).lower())
    if phrase in ("over", "under") and _PARTICLE_VERB.search(
        text[max(0, start - 40) : start - len(before) + match.start()]
    ):
        return "exact", start
    bound = _BOUND_NAMES.get(phrase, "approx")
    return bound, start - (len(before) - match.start())


def _currency_code(symbol: str) -> str:
    return currencies.code_of_prefix(symbol)


def _suffix_currency_code(phrase: str) -> str:
    words = phrase.lower().split()
    if words[-1].startswith("dollar"):
        qualifier = " ".join(words[:-1])
        return _DOLLAR_QUALIFIERS.get(qualifier, "$")
    if phrase.strip().isupper() and phrase.strip() in currencies.CODES:
        return phrase.strip()
    return currencies.code_of_name(phrase)


def _find_multiplier_verbs(text: str) -> list[Quantity]:
    found: list[Quantity] = []
    for match in _MULTIPLIER_WORD.finditer(text):
        value = _MULTIPLIER_VERBS[match.group(1).lower()]
        bound, start = _read_bound(text, match.start())
        found.append(
            Quantity(
                start=start,
                end=match.end(),
                num_start=match.start(),
                num_end=match.end(),
                value=value,
                value_max=None,
                bound=bound,
                currency=None,
                unit="change",
                is_word=True,
            )
        )
    return found


def _drop_overlaps(quantities: list[Quantity]) -> list[Quantity]:
    kept: list[Quantity] = []
    for quantity in quantities:
        if kept and quantity.num_start < kept[-1].end:
            continue
        kept.append(quantity)
    return kept


def _merge_ranges(text: str, quantities: list[Quantity]) -> list[Quantity]:
    merged: list[Quantity] = []
    index = 0
    while index < len(quantities):
        first = quantities[index]
        both = _as_range(text, first, quantities[index + 1]) if index + 1 < len(quantities) else None
        merged.append(both or first)
        index += 2 if both else 1
    return merged


def _as_range(text: str, first: Quantity, second: Quantity) -> Quantity | None:
    """ "between 10 and 20" or "10 to 20" as one quantity; not "from 10 to 20" nor "rose by 10 to 20"."""
    gap = text[first.end : second.start]
    before = text[max(0, first.start - 24) : first.start]
    ranging = _RANGING_BEFORE.search(before)
    if ranging and first.unit is None and first.currency is None and (_TO_GAP.fullmatch(gap) or _AND_GAP.fullmatch(gap)):
        start = first.start - (len(before) - ranging.start())  # "terms ranging from five to 27 years"
        return replace(second, start=start, num_start=first.num_start, value=first.value, value_max=second.value,
                       bound=first.bound)
    if first.unit != second.unit:
        return None
    low = first.value
    if second.has_scale and not first.has_scale and first.value * second.scale <= second.value:
        low = first.value * second.scale  # "between 2 and 3 million"
    opener = _BETWEEN_BEFORE.search(before)
    if opener and _AND_GAP.fullmatch(gap):
        start = first.start - (len(before) - opener.start())
    elif _TO_GAP.fullmatch(gap) and low < second.value and not _NOT_RANGE_BEFORE.search(before):
        start = first.start
    else:
        return None
    return replace(
        first,
        start=start,
        end=second.end,
        value=low,
        value_max=second.value,
        currency=first.currency or second.currency,
        scale=max(first.scale, second.scale),
    )
