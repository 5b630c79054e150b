"""Numbers, amounts, bounds and units as news text writes them."""

from __future__ import annotations

import pytest

from newsmon.extract.numbers import Quantity, find_quantities, parse_number, word_to_int


def _only(text: str) -> Quantity:
    found = find_quantities(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "value", "bound"),
    [
        # digits and their separators
        ("4,215 suspects", 4215, "exact"),
        ("3,000,000", 3e6, "exact"),
        ("2,907.35", 2907.35, "exact"),
        ("2,85,73,500", 28573500, "exact"),  # Indian grouping
        ("6 418 cases", 6418, "exact"),  # a space between the thousands
        ("N134, 337, 759, 574.25", 134337759574.25, "exact"),  # a space after each thousands comma
        ("Tk 10,0000", 100000, "exact"),  # a group of four, mistyped
        ("232m meth pills", 232e6, "exact"),  # an attached "m" before counted things: millions
        ("3m people", 3e6, "exact"),
        ("a 50m tunnel", 50, "exact"),  # one thing of that length: metres, not a figure's scale
        ("dug 50m deep in tunnels", 50, "exact"),
        ("1.551", 1.551, "exact"),  # may be 1551: the figure builder decides for counts
        # numbers in words (converted by text2num)
        ("thirty-one", 31, "exact"),
        ("Thirty-One", 31, "exact"),
        ("NINETEEN", 19, "exact"),
        ("twenty five", 25, "exact"),
        ("one hundred and five", 105, "exact"),
        ("one hundred five", 105, "exact"),
        ("a hundred", 100, "exact"),
        ("a hundred and fifty", 150, "exact"),
        ("eleven hundred", 1100, "exact"),
        ("two thousand", 2000, "exact"),
        ("twenty-one thousand five hundred", 21500, "exact"),
        ("two million four hundred thousand", 2.4e6, "exact"),
        # what text2num does not read
        ("a dozen", 12, "exact"),
        ("three dozen", 36, "exact"),
        ("half a dozen", 6, "exact"),
        ("sevenfold", 600, "exact"),
        # scale words and abbreviations after a number
        ("3.8 million", 3.8e6, "exact"),
        ("2 billion", 2e9, "exact"),
        ("1.5 trillion", 1.5e12, "exact"),
        ("a trillion", 1e12, "exact"),
        ("half a million", 5e5, "exact"),
        ("1.2 lakh", 1.2e5, "exact"),
        ("4.5 crore", 4.5e7, "exact"),
        ("1.55 lakh crore", 1.55e12, "exact"),
        ("two lakh", 2e5, "exact"),
        ("3 hundred thousand", 3e5, "exact"),
        ("$14.6B", 1.46e10, "exact"),
        ("9.1bn", 9.1e9, "exact"),
        # bounds
        ("more than thirty-one", 31, "more_than"),
        ("at least a dozen", 12, "at_least"),
        ("nearly 2,400", 2400, "approx"),
        ("about a hundred", 100, "approx"),
        ("up to 1.5 million", 1.5e6, "at_most"),
        ("fewer than twenty", 20, "less_than"),
    ],
)
def test_find_quantities_reads_values_and_bounds(text: str, value: float, bound: str) -> None:
    quantity = _only(text)
    assert (quantity.value, quantity.bound) == (pytest.approx(value), bound)
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "value", "value_max", "bound"),
    [
        ("between 10 and 20", 10, 20, "exact"),
        ("10 to 20", 10, 20, "exact"),
        ("about 40 to 50 people", 40, 50, "approx"),
        ("between two and three million", 2e6, 3e6, "exact"),
        ("between 500 and 2 million", 500, 2e6, "exact"),
        ("$2 to $3 million", 2e6, 3e6, "exact"),
        ("between fifty and a hundred", 50, 100, "exact"),
        ("terms ranging from five to 27 years", 5, 27, "exact"),  # the unit written once, at the end
        ("sentences ranging between 3 and 8 years", 3, 8, "exact"),
    ],
)
def test_find_quantities_reads_ranges(text: str, value: float, value_max: float, bound: str) -> None:
    quantity = _only(text)
    assert (quantity.value, quantity.value_max, quantity.bound) == (
        pytest.approx(value),
        pytest.approx(value_max),
        bound,
    )


@pytest.mark.parametrize(
    "text",
    [
        "rose from 137 to 4,100",  # a start and an end, not a range
        "rose by 12 to 345",  # a change, then the new level
        "a 3 to 1 vote",
        "sentenced 4 to 10 years",  # four people, ten years each
    ],
)
def test_find_quantities_keeps_two_numbers_joined_by_to_apart(text: str) -> None:
    found = find_quantities(text)
    assert len(found) == 2
    assert all(quantity.value_max is None for quantity in found)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("one two three", [1, 2, 3]),  # text2num refuses the run; each word is read alone
        ("fifty-fifty", [50, 50]),
        ("five and fifty", [5, 50]),  # "and" joins only after hundred, thousand, million, billion
        ("twelve hundred thousand", [1.2e6]),
    ],
)
def test_find_quantities_splits_runs_of_number_words(text: str, values: list[float]) -> None:
    assert [quantity.value for quantity in find_quantities(text)] == values


def test_find_quantities_marks_a_scale_word_but_not_hundred() -> None:
    assert _only("two million").scale == 1e6
    assert _only("forty thousand").scale == 1e3
    assert not _only("two hundred").has_scale


@pytest.mark.parametrize(
    "text",
    [
        # "dozens", "hundreds of": no number is written, so there is no figure to report
        "dozens of suspects",
        "hundreds of suspects",
        "thousands of victims",
        "tens of thousands of people",
        "millions of dollars",
        "hundred",
        "someone",
        "none of them",
        "often",
        "tone",
    ],
)
def test_find_quantities_reads_no_number_in_words_that_are_not_numbers(text: str) -> None:
    assert find_quantities(text) == []
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("two", 2),
        ("Twelve", 12),
        ("thirty-one", 31),
        ("twenty five", 25),
        ("one hundred and five", 105),
        ("a thousand", 1000),
        ("a dozen", 12),
        ("12", None),
        ("a", None),
        ("first", None),
        ("half", None),
        ("one two", None),
        ("months", None),
        ("", None),
    ],
)
def test_word_to_int_reads_numbers_in_words_only(word: str, value: int | None) -> None:
    assert word_to_int(word) == value


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("fined EUR 3.8 million", 3.8e6, "EUR"),
        ("seized HK$2.6 million", 2.6e6, "HKD"),
        ("lost S$10 million", 1e7, "SGD"),
        ("took US$2.81 million", 2.81e6, "USD"),
        ("a £526,000 haul", 526000, "GBP"),
        ("worth ₹32,500 crore", 3.25e11, "INR"),
        ("a N60 million fraud", 6e7, "NGN"),
        ("B120m in assets", 1.2e8, "THB"),
        ("4.5 billion yuan", 4.5e9, "CNY"),
        ("7 billion won", 7e9, "KRW"),
        ("Rs 2.62 crore", 2.62e7, "INR"),
        ("$14.6B in claims", 1.46e10, "$"),
    ],
)
def test_find_quantities_reads_currencies(text: str, value: float, currency: str) -> None:
    quantity = _only(text)
    assert quantity.value == pytest.approx(value)
    assert quantity.currency == currency


@pytest.mark.parametrize(
    ("text", "bound"),
    [
        ("more than 500 people", "more_than"),
        ("over 70,000 suspects", "more_than"),
        ("in excess of 40 cases", "more_than"),
        ("at least 12 officers", "at_least"),
        ("no fewer than 50 fraudsters", "at_least"),
        ("fewer than 20 victims", "less_than"),
        ("up to four people", "at_most"),
        ("no more than nine suspects", "at_most"),
        ("about 300 websites", "approx"),
        ("nearly 2,700 cards", "approx"),
        ("some 7 billion won", "approx"),
        ("an estimated $180 million", "approx"),
        ("close to 13,000 dealers", "approx"),
        ("as many as 60 people", "exact"),
        ("exactly 41 people", "exact"),
        ("300 or more people", "at_least"),
    ],
)
def test_find_quantities_reads_bounds(text: str, bound: str) -> None:
    assert _only(text).bound == bound


def test_find_quantities_keeps_over_after_a_phrasal_verb_out_of_the_bound() -> None:
    assert _only("police handed over eight suspects").bound == "exact"


def test_find_quantities_merges_a_between_range() -> None:
    quantity = _only("a value of between N800 million and one billion naira")
    assert (quantity.value, quantity.value_max, quantity.currency) == (8e8, 1e9, "NGN")


@pytest.mark.parametrize(
    ("text", "unit", "value"),
    [
        ("a 58.5 percent rise", "percent", 58.5),
        ("9% more cases", "percent", 9),
        ("up 3.2 per cent", "percent", 3.2),
        ("seized 500kg of cocaine", "kg", 500),
        ("7.08 tonnes of heroin", "kg", 7080),
        ("350 grams of gold", "kg", 0.35),
        ("200 pounds of marijuana", "kg", 90.72),
        ("around a kilogram of shabu", "kg", 1),
        ("a quarter of a million pills", None, 250000),
        ("three quarters of a billion", None, 750_000_000),
        ("half a tonne of cocaine", "kg", 500),
        ("102gm of hashish", "kg", 0.102),
        ("jailed for 25 years", "year", 25),
        ("a 5-year sentence", "year", 5),
        ("two years and six months", "month", 30),
        ("had doubled", "change", 100),
        ("more than sevenfold", "change", 600),
        ("increased by 1.2 times", "change", 120),
        ("grew twelve times", "change", 1100),
        ("cases halved", "change", -50),
    ],
)
def test_find_quantities_reads_units(text: str, unit: str, value: float) -> None:
    quantity = _only(text)
    assert quantity.unit == unit
    assert quantity.value == pytest.approx(value)


def test_find_quantities_reads_pounds_as_money_with_a_scale() -> None:
    quantity = _only("fined 2 million pounds")
    assert (quantity.currency, quantity.unit) == ("GBP", None)


@pytest.mark.parametrize(
    "text",
    [
        "in 2016",
        "on 31 May",
        "on May 31",
        "between October 13 and 19",
        "from Oct. 3-9",
        "arrested in 2018- 19",  # a fiscal year split by a space
        "at 11:15 a.m.",
        "the 18th meeting",
        "a 36-year-old man",
        "aged between 16 and 75",
        "in his 30s",
        "call 1800-255-0000",
        "flight PR336",
        "the COVID-19 pandemic",
        "one of the suspects",
        "about two-thirds of them",
    ],
)
def test_find_quantities_leaves_out_years_dates_ages_and_codes(text: str) -> None:
    assert find_quantities(text) == []


def test_a_count_before_a_term_is_not_a_range() -> None:
    found = find_quantities("The court sentenced four to 12 years.")
    assert [(q.value, q.value_max, q.unit) for q in found] == [(4, None, None), (12, None, "year")]


def test_find_quantities_offsets_cover_the_expression() -> None:
    text = "Officers seized more than HK$2.6 million and 12 guns."
    spans = [text[q.start : q.end] for q in find_quantities(text)]
    assert spans == ["more than HK$2.6 million", "12"]


def test_find_quantities_ignores_absurdly_long_digit_runs() -> None:
    assert find_quantities("reference 1" + "0" * 400 + " filed") == []


@pytest.mark.parametrize(("text", "value", "currency"), [
    ("the agency recovered Sh3.4 billion", 3.4e9, "KES"),
    ("cash of GH¢50,000 was found", 50000, "GHS"),
    ("an account holding KShs 2 million", 2e6, "KES"),
    ("an amount of SR38,378,411 was returned", 38378411, "SAR"),
    ("cigarettes valued at R4.2m", 4.2e6, "ZAR"),
    ("fined Tk 15,000 each", 15000, "BDT"),
    ("goods valued at AED 2,448,426", 2448426, "AED"),
    ("PLN 1.2 million in cash", 1.2e6, "PLN"),
    ("worth 1.5 billion Egyptian pounds", 1.5e9, "EGP"),
    ("lost 40,000 Pakistani rupees", 40000, "PKR"),
    ("a bribe of 5,000 Kenyan shillings", 5000, "KES"),
    ("paid 2,000 AED in fines", 2000, "AED"),
    ("seized 300 million rupiah", 3e8, "IDR"),
    ("a haul worth GH₵ 80,000", 80000, "GHS"),
])
def test_find_quantities_reads_regional_currencies(text: str, value: float, currency: str) -> None:
    (quantity,) = find_quantities(text)
    assert (quantity.value, quantity.currency) == (value, currency)


def test_find_quantities_does_not_take_a_capitalised_word_for_a_currency_code() -> None:
    (quantity,) = find_quantities("ALL 12 SUSPECTS HELD")
    assert (quantity.value, quantity.currency) == (12, None)


@pytest.mark.parametrize(("text", "currency", "unit"), [
    ("the seizure of 1.2 million pounds of narcotics", None, "kg"),
    ("seized 300 pounds of cannabis", None, "kg"),
    ("stole 3 million pounds of public money", "GBP", None),
    ("£4 million of cocaine", "GBP", None),
])
def test_find_quantities_tells_pounds_of_goods_from_money(text: str, currency: str | None, unit: str | None) -> None:
    quantity = _only(text)
    assert (quantity.currency, quantity.unit) == (currency, unit)
