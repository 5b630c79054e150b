"""Periods of figures: date ranges, the story's period named again, a period stated after its
figures, and a date that leads into another number (sentences invented for the tests)."""
from __future__ import annotations

from datetime import date

import pytest

from newsmon.extract.figures import extract_figures
from newsmon.extract.periods import find_periods

PUBLISHED = date(2024, 10, 30)


def _periods(text: str) -> list[tuple[float, date | None, date | None]]:
    return [(f.value, f.period_start, f.period_end) for f in extract_figures(text, PUBLISHED)]


@pytest.mark.parametrize(("text", "start", "end"), [
    ("in the month of September", date(2024, 9, 1), date(2024, 9, 30)),
    ("from March 3, 2023, to February 9, 2024", date(2023, 3, 3), date(2024, 2, 9)),
    ("(Oct 1, 2022-Sept 31, 2023)", date(2022, 10, 1), date(2023, 9, 30)),   # a day past the month's end
    ("between May 4 and 10", date(2024, 5, 4), date(2024, 5, 10)),
    ("from Aug. 22 to 29", date(2024, 8, 22), date(2024, 8, 29)),
])
def test_find_periods_reads_ranges(text: str, start: date, end: date) -> None:
    found = [p for p in find_periods(text, PUBLISHED) if p.kind == "period"]
    assert (found[-1].period_start, found[-1].period_end) == (start, end)


def test_the_story_period_named_again_applies() -> None:
    text = ("Police arrested 310 suspects in the month of September.\n"
            "Officers also questioned witnesses across the state.\n"
            "Detectives recovered 45 stolen cars during the period.")
    september = (date(2024, 9, 1), date(2024, 9, 30))
    assert _periods(text) == [(310, *september), (45, *september)]


def test_a_period_stated_after_the_figures_is_theirs() -> None:
    text = "Officers seized 22 kg of cannabis and arrested four men. The raids took place on Saturday."
    saturday = date(2024, 10, 26)
    assert _periods(text) == [(22, saturday, saturday), (4, saturday, saturday)]


def test_a_date_leading_into_another_number_is_that_numbers() -> None:
    text = "In 2021, customs seized 90 kg of heroin, in 2022 about 130 kg and in 2023 about 110 kg."
    assert _periods(text) == [(90, date(2021, 1, 1), date(2021, 12, 31)),
                              (130, date(2022, 1, 1), date(2022, 12, 31)),
                              (110, date(2023, 1, 1), date(2023, 12, 31))]


def test_a_date_in_what_was_said_is_not_the_time_of_saying() -> None:
    said_that = [p.kind for p in find_periods("He said that in 2023, 900 cases were registered.", PUBLISHED)]
    said_on = [p.kind for p in find_periods("The ministry said on Tuesday that 900 cases were registered.",
                                            PUBLISHED)]
    assert said_that == ["period"] and said_on[0] == "reporting"



def test_a_start_told_in_passing_does_not_date_the_story() -> None:
    text = ("Police arrested 520 suspects between October 13 and 19.\n"
            "The crackdown, which began in 2022, relies on roadblocks and patrols.\n"
            "Officers also arrested 61 suspects for burglary.")
    week = (date(2024, 10, 13), date(2024, 10, 19))
    assert _periods(text) == [(520, *week), (61, *week)]
    launch = [p for p in find_periods(text, PUBLISHED) if p.launch]
    assert [(p.period_start, p.period_end) for p in launch] == [(date(2022, 1, 1), date(2022, 12, 31))]


def test_a_line_leading_into_a_list_keeps_the_story_period() -> None:
    text = ("Police arrested 520 suspects between October 13 and 19.\n"
            "Arrests included:\n"
            "- 41 for robbery\n"
            "- 17 for fraud")
    week = (date(2024, 10, 13), date(2024, 10, 19))
    assert _periods(text) == [(520, *week), (41, *week), (17, *week)]


def test_the_event_named_again_takes_its_period_after_sentences_without_one() -> None:
    text = ("Nine countries joined a joint action, which took place between 2 and 8 September, under a plan "
            "for 2024. Inspectors visited farms and building sites. The teams shared intelligence daily. "
            "The action week resulted in the arrest of 38 suspects.")
    assert _periods(text) == [(38, date(2024, 9, 2), date(2024, 9, 8))]


def test_without_the_event_named_again_a_period_does_not_reach_far() -> None:
    text = ("Nine countries joined a joint action between 2 and 8 September. Inspectors visited farms. "
            "The teams shared intelligence daily. Separately, a court convicted 12 people.")
    assert _periods(text) == [(12, None, None)]


def test_the_figure_a_multiple_compares_with_does_not_date_it() -> None:
    (figure,) = extract_figures("Seizures in 2023 were four times those of 2022.", date(2024, 6, 1))
    assert (figure.measure, figure.value) == ("change", 300)
    assert (figure.period_start, figure.period_end) == (date(2023, 1, 1), date(2023, 12, 31))
