"""Time expressions resolved against the publication date."""

from __future__ import annotations

from datetime import date

import pytest

from newsmon.periods import find_periods, resolve_period

PUBLISHED = date(2025, 1, 16)  # a Thursday


@pytest.mark.parametrize(
    ("expression", "start", "end"),
    [
        ("From January to November 2024", date(2024, 1, 1), date(2024, 11, 30)),
        ("from January to November last year", date(2024, 1, 1), date(2024, 11, 30)),
        ("between March and June", date(2024, 3, 1), date(2024, 6, 30)),
        ("last year", date(2024, 1, 1), date(2024, 12, 31)),
        ("this year", date(2025, 1, 1), PUBLISHED),
        ("so far this year", date(2025, 1, 1), PUBLISHED),
        ("since the beginning of this year", date(2025, 1, 1), PUBLISHED),
        ("in 2016", date(2016, 1, 1), date(2016, 12, 31)),
        ("in 2019 and 2020", date(2019, 1, 1), date(2020, 12, 31)),
        ("between 2018 and last year", date(2018, 1, 1), date(2024, 12, 31)),
        ("as of November", None, date(2024, 11, 30)),
        ("as of the end of September 2023", None, date(2023, 9, 30)),
        ("since July 25", date(2024, 7, 25), None),
        ("since a campaign was launched in March", date(2024, 3, 1), None),
        ("From January 2020", date(2020, 1, 1), None),
        ("on Monday", date(2025, 1, 13), date(2025, 1, 13)),
        ("last Thursday", PUBLISHED, PUBLISHED),
        ("yesterday", date(2025, 1, 15), date(2025, 1, 15)),
        ("on 3 December", date(2024, 12, 3), date(2024, 12, 3)),
        ("in June 2023", date(2023, 6, 1), date(2023, 6, 30)),
        ("last month", date(2024, 12, 1), date(2024, 12, 31)),
        ("this week", date(2025, 1, 13), PUBLISHED),
        ("in fiscal year 2018", date(2017, 10, 1), date(2018, 9, 30)),
        ("in the fiscal year that ended in September", date(2023, 10, 1), date(2024, 9, 30)),
        ("the first 11 months of last year", date(2024, 1, 1), date(2024, 11, 30)),
        ("in the first half of 2024", date(2024, 1, 1), date(2024, 6, 30)),
        ("over the past five years", date(2020, 1, 1), date(2024, 12, 31)),
        ("between Dec 2 and Dec 9", date(2024, 12, 2), date(2024, 12, 9)),
        ("during the Oct 10-23 operation", date(2024, 10, 10), date(2024, 10, 23)),
        ("from 3 to 6 December", date(2024, 12, 3), date(2024, 12, 6)),
    ],
)
def test_resolve_period_resolves_expressions(expression: str, start: date | None, end: date | None) -> None:
    assert resolve_period(expression, PUBLISHED) == (start, end)


@pytest.mark.parametrize("expression", ["last year", "on Monday", "as of November", "this year"])
def test_resolve_period_needs_a_publication_date_for_relative_expressions(expression: str) -> None:
    assert resolve_period(expression, None) is None


def test_resolve_period_resolves_absolute_years_without_a_publication_date() -> None:
    assert resolve_period("in 2016", None) == (date(2016, 1, 1), date(2016, 12, 31))


@pytest.mark.parametrize(
    "text",
    [
        "the ministry said on Thursday",
        "police announced on Monday that",
        "the agency reported in January",
        "the figures were released in a statement on Tuesday",
    ],
)
def test_find_periods_marks_the_time_of_the_report(text: str) -> None:
    kinds = [m.kind for m in find_periods(text, PUBLISHED)]
    assert kinds == ["reporting"]


def test_find_periods_marks_comparisons() -> None:
    text = "prosecutions rose 20 percent from January to May, compared with the same period in 2023"
    kinds = [(text[m.start : m.end], m.kind) for m in find_periods(text, PUBLISHED)]
    assert kinds == [("from January to May", "period"), ("in 2023", "comparison")]


def test_find_periods_offsets_point_into_the_text() -> None:
    text = "Police arrested 42 people in Lagos on Monday, and 12 more since January."
    for mention in find_periods(text, PUBLISHED):
        assert text[mention.start : mention.end] in ("on Monday", "since January")
