"""Coordinated list items share the action that governs any of them (newsmon.extract.lists and the drafter)."""
from __future__ import annotations

from datetime import date

import pytest

from newsmon.extract.figures import extract_figures
from newsmon.extract.lists import is_item_gap

Row = tuple[str, str, str, float, str]


def _rows(text: str) -> list[Row]:
    return [(f.action, f.measure, f.currency or f.unit, f.value, f.bound)
            for f in extract_figures(text, date(2025, 6, 2))]


@pytest.mark.parametrize(("gap", "value", "joins"), [
    (" of cocaine, ", False, True),
    (" of cocaine (in twelve bricks), ", False, True),
    (" of dried leaves and stems, and ", False, True),
    (" hidden in the boot and ", False, True),
    (", as well as ", False, True),
    (" and ownership papers of ", False, True),
    (" weighing ", True, True),
    (" with ", True, True),
    (" weighing ", False, False),              # a value link attaches money or a weight only
    (" of cocaine, which ", False, False),
    (" of cocaine and destroyed ", False, False),
    (" of cocaine, police said, and ", False, False),
    (" and the questioning of ", False, False),  # a nominalized action of its own
    (" of cocaine from a warehouse near the old harbour in the east of the city, ", False, False),
    (" of cocaine ", False, False),             # no separator at all
    (" of cocaine: ", False, False),
    (" to the head, on the roof of ", False, False),   # where something was, not the next item
    (" of cocaine, near the station ", False, False),
])
def test_is_item_gap(gap: str, value: bool, joins: bool) -> None:
    assert is_item_gap(gap, has_action_word=False, value=value) is joins


def test_an_action_word_in_the_gap_never_joins() -> None:
    assert not is_item_gap(" of cocaine and ", has_action_word=True, value=False)


@pytest.mark.parametrize(("sentence", "expected"), [
    (
        ("Customs officers confiscated 35 kg of cocaine (in twelve bricks), 8 kg of heroin, "
         "400 rounds of ammunition and 2 million euros in cash."),
        [("seize", "weight", "kg", 35, "exact"), ("seize", "weight", "kg", 8, "exact"),
         ("seize", "count", "item", 400, "exact"), ("seize", "amount", "EUR", 2e6, "exact")],
    ),
    (
        "Investigators said 14 pistols, 230 rounds of ammunition and six stolen cars were recovered at the farm.",
        [("seize", "count", "item", 14, "exact"), ("seize", "count", "item", 230, "exact"),
         ("seize", "count", "item", 6, "exact")],
    ),
    (
        "Police seized 9,000 tablets weighing almost 2.5 kg from the van.",
        [("seize", "count", "item", 9000, "exact"), ("seize", "weight", "kg", 2.5, "approx")],
    ),
    (
        "Agents froze three bank accounts with more than $4 million in them.",
        [("seize", "count", "item", 3, "exact"), ("seize", "amount", "USD", 4e6, "more_than")],
    ),
])
def test_items_of_one_list_share_its_action(sentence: str, expected: list[Row]) -> None:
    assert _rows(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    (
        ("The week of raids ended in the seizure of 3.5 kilograms of hashish, 840 cannabis "
         "saplings, 1,200 sedative capsules and 65 grams of opium."),
        [("seize", "weight", "kg", 3.5, "exact"), ("seize", "count", "item", 840, "exact"),
         ("seize", "count", "item", 1200, "exact"), ("seize", "weight", "kg", 0.065, "exact")],
    ),
    (
        "Customs reported the confiscation of 12 kg of khat, 300 vape cartridges and 9 kg of snuff.",
        [("seize", "weight", "kg", 12, "exact"), ("seize", "count", "item", 300, "exact"),
         ("seize", "weight", "kg", 9, "exact")],
    ),
])
def test_unknown_nouns_after_a_seizure_noun_are_seized_items(sentence: str, expected: list[Row]) -> None:
    """Items whose noun no lexicon knows ("840 cannabis saplings") take the seizure beside them."""
    assert _rows(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    (
        "Detectives said 48 burglary, 19 arson/vandalism suspects and 7 suspected poachers were detained.",
        [("arrest", "count", "person", 48, "exact"), ("arrest", "count", "person", 19, "exact"),
         ("arrest", "count", "person", 7, "exact")],
    ),
    ("Nine Eastside/Riverside gang members were indicted.", [("charge", "count", "person", 9, "exact")]),
    # a crime beside goods is not a person: only people lists take the elliptic "48 burglary"
    ("Officers seized 30 rifles, 48 burglary tools and 9 kg of cannabis.",
     [("seize", "count", "item", 30, "exact"), ("seize", "count", "item", 48, "exact"),
      ("seize", "weight", "kg", 9, "exact")]),
])
def test_people_lists_share_a_noun_and_slashed_words(sentence: str, expected: list[Row]) -> None:
    """"48 burglary, 19 arson suspects": the first item leaves out the noun the next one names."""
    assert _rows(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Officers recovered 14 rifles wrapped in plastic, 230 Dock Road.",
     [("seize", "count", "item", 14, "exact")]),
    ("Officers recovered 14 rifles wrapped in plastic, on the roof of 230 Dock Road.",
     [("seize", "count", "item", 14, "exact")]),
    ("Officers recovered 14 rifles wrapped in plastic and 230 boxes of ammunition at 12 North Mill St.",
     [("seize", "count", "item", 14, "exact"), ("seize", "count", "item", 230, "exact")]),
])
def test_street_numbers_are_not_list_items(sentence: str, expected: list[Row]) -> None:
    assert _rows(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Police seized 40 kg of cannabis and arrested seven people.",
     [("seize", "weight", "kg", 40, "exact"), ("arrest", "count", "person", 7, "exact")]),
    ("The raid led to the seizure of 20 kg of heroin and the questioning of 15 residents.",
     [("seize", "weight", "kg", 20, "exact")]),
    ("Officers seized 3 kg of heroin; 12 people were arrested.",
     [("seize", "weight", "kg", 3, "exact"), ("arrest", "count", "person", 12, "exact")]),
])
def test_a_number_with_its_own_clause_is_not_a_list_item(sentence: str, expected: list[Row]) -> None:
    assert _rows(sentence) == expected

