"""Numbers, amounts, bounds and units as news text writes them."""

from __future__ import annotations

import pytest

from newsmon.numbers import Quantity, find_quantities, parse_number


def _only(text: str) -> Quantity:
    found = find_quantities(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("67,000", 67000),
        ("1,834.78", 1834.78),
        ("thirty-one", 31),
        ("Twelve", 12),
        ("two hundred and fifty", 250),
        ("a dozen", 12),
        ("1.2 lakh", 120000),
        ("4.5 billion", 4.5e9),
        ("1.55 lakh crore", 1.55e12),
        ("2,85,73,500", 28573500),
        ("1 803", 1803),
    ],
)
def test_parse_number_reads_digits_words_and_scales(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


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


def test_find_quantities_offsets_cover_the_expression() -> None:
    text = "Officers seized more than HK$2.6 million and 12 guns."
    spans = [text[q.start : q.end] for q in find_quantities(text)]
    assert spans == ["more than HK$2.6 million", "12"]


def test_find_quantities_ignores_absurdly_long_digit_runs() -> None:
    assert find_quantities("reference 1" + "0" * 400 + " filed") == []
