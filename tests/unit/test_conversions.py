"""An amount followed by the same amount in another unit is one figure; a list of amounts is not a conversion."""
from __future__ import annotations

import pytest

from newsmon.extract.figures import extract_figures


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Police seized 200 kilograms, about 440 pounds, of cocaine.", [("kg", None, 200)]),
    ("Officers seized 35 kg (77 pounds) of heroin.", [("kg", None, 35)]),
    ("Customs seized cocaine worth eight million euros, or almost $12 million.", [("money", "EUR", 8e6)]),
    ("The unit seized €5,600 and £3,100 in cash.", [("money", "EUR", 5600), ("money", "GBP", 3100)]),
    ("The unit seized €8,200, £1,400 and $900 in cash.",
     [("money", "EUR", 8200), ("money", "GBP", 1400), ("money", "USD", 900)]),
])
def test_a_conversion_is_not_a_second_figure(sentence: str, expected: list[tuple[str, str | None, float]]) -> None:
    assert [(f.unit, f.currency, f.value) for f in extract_figures(sentence)] == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The court fined them Tk 10,0000 each.", []),                    # per person: each
    ("The court fined the firm Tk 10,0000.", [("fine", "BDT", 100000)]),  # a mistyped group of four digits
    ("He was sentenced to 12 years, six months in prison.", [("sentence", None, 150)]),
    ("A man (40) was sentenced to three years in prison.", [("sentence", None, 3)]),
    ("Judges issued arrest warrants for two men.", []),
    ("A man of 118 Harbour View Road was charged with burglary.", []),    # a street number
    ("Officers recovered $40,000 from three safes.", [("seize", "USD", 40000)]),   # a container
    ("Customs found 9 kg of heroin inside 4 suitcases.", [("seize", None, 9)]),
    ("Officers were arrested outside 4 Mill Lane.", []),
    ("The squad made 72 Supreme Court Place arrests.", [("arrest", None, 72)]),  # a name, then its noun
    ("Agents seized 12 grams of opium and 450gm of hashish.", [("seize", None, 12 / 1000), ("seize", None, 0.45)]),
])
def test_formats_and_exclusions(sentence: str, expected: list[tuple[str, str | None, float]]) -> None:
    assert [(f.action, f.currency, f.value) for f in extract_figures(sentence)] == expected


@pytest.mark.parametrize(("sentence", "number"), [
    ("Agents seized enough powder to poison 40,000 people.", 40000),
    ("The haul weighed as much as the equivalent of 12 trucks.", 12),
    ("The agency extradited an average of 40 fugitives a year.", 40),
])
def test_hypotheticals_comparisons_and_averages_are_not_figures(sentence: str, number: float) -> None:
    assert number not in [f.value for f in extract_figures(sentence)]
