"""Time expressions resolved against the publication date."""

from __future__ import annotations

from datetime import date

import pytest

from newsmon.extract.figures import extract_figures
from newsmon.extract.periods import find_periods, resolve_period

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
        # twelve months that end on a named month or day
        ("during the year ending June", date(2023, 7, 1), date(2024, 6, 30)),
        ("in the year to March 2023", date(2022, 4, 1), date(2023, 3, 31)),
        ("in the twelve months ending June 30, 2018", date(2017, 7, 1), date(2018, 6, 30)),
        # days named by ordinals, an end given as "up to the end of", a range told with its start
        ("On the 5th and 6th of March", date(2024, 3, 5), date(2024, 3, 6)),
        ("from the 3rd to the 9th of May", date(2024, 5, 3), date(2024, 5, 9)),
        ("up to the end of February", None, date(2024, 2, 29)),
        ("the operation lasted seven days and ended on Sunday", date(2025, 1, 6), date(2025, 1, 12)),
        ("the sweep ran for two weeks, ending on 3 May", date(2024, 4, 20), date(2024, 5, 3)),
        ("through April 2013", None, date(2013, 4, 30)),
        ("beginning in January 2015 and continuing through March 2016", date(2015, 1, 1), date(2016, 3, 31)),
        # crimes reported to the police in a period: no report's date
        ("2,300 cases were reported in the first quarter of 2023", date(2023, 1, 1), date(2023, 3, 31)),
        ("over the 12-month period ended 31 October", date(2023, 11, 1), date(2024, 10, 31)),
        ("the first 11 months of last year", date(2024, 1, 1), date(2024, 11, 30)),
        ("in the first half of 2024", date(2024, 1, 1), date(2024, 6, 30)),
        ("over the past five years", date(2020, 1, 1), date(2024, 12, 31)),
        ("between Dec 2 and Dec 9", date(2024, 12, 2), date(2024, 12, 9)),
        ("during the Oct 10-23 operation", date(2024, 10, 10), date(2024, 10, 23)),
        ("from 3 to 6 December", date(2024, 12, 3), date(2024, 12, 6)),
        ("thus far this year", date(2025, 1, 1), PUBLISHED),
        ("year to date", date(2025, 1, 1), PUBLISHED),
        # a date opening a sentence whose verb announces: the figures are known as of that day
        ("On Monday, the ministry announced that police had arrested 40 people", None, date(2025, 1, 13)),
        ("On 3 December, officials said the task force had seized two tonnes", None, date(2024, 12, 3)),
        # ... a day, not a longer span: "Last year, the ministry reported" keeps the year
        ("Last year, the ministry reported 3,000 cases of fraud", date(2024, 1, 1), date(2024, 12, 31)),
        # a line opening with a month and a dash is no dateline: a dateline names a day
        ("In March 2024 - police arrested 30 people", date(2024, 3, 1), date(2024, 3, 31)),
        # ... but not when the date governs an event before the announcing verb
        (
            "On Monday, police arrested 40 people and said more would follow",
            date(2025, 1, 13),
            date(2025, 1, 13),
        ),
    ],
)
def test_resolve_period_resolves_expressions(expression: str, start: date | None, end: date | None) -> None:
    assert resolve_period(expression, PUBLISHED) == (start, end)


@pytest.mark.parametrize(
    "expression",
    [
        "So far, police have arrested 30 suspects",  # "so far" alone is up to now, not this year
        "Officers have recovered 12 cars to date",
    ],
)
def test_resolve_period_leaves_out_open_ended_expressions(expression: str) -> None:
    assert resolve_period(expression, PUBLISHED) is None


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
        "In a press release Friday, the bureau said",
        "it was reported on Thursday",
        "according to a statement released late in the evening by the provincial public security department on Monday",
        # datelines of wire reports
        "BEIJING, March 3, 2024 (Wire) --",
        "Lagos, 12 June 2023 —",
        "News Agency, Beijing, October 22 (Reporter Li Ming) A reporter learned",
        # a credit in brackets that closes with the date
        "KARACHI, (Harbour Daily / Metro Wire - 11th Feb, 2025) The agency",
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


def test_find_periods_reads_the_report_verb_only_in_the_same_sentence() -> None:
    text = "Published by the news desk\n\nThe agency on Monday arrested nine suspects."
    assert [(m.kind, m.period_start) for m in find_periods(text, PUBLISHED)] == [
        ("period", date(2025, 1, 13))
    ]


def test_find_periods_reads_a_bare_year_as_the_fiscal_year_the_text_counts_in() -> None:
    text = "The agency filed 821 actions in fiscal 2018. Among the actions in 2018, 490 were new."
    spans = [(m.period_start, m.period_end) for m in find_periods(text, date(2018, 11, 5))]
    assert spans == [(date(2017, 10, 1), date(2018, 9, 30))] * 2


def test_find_periods_starts_since_the_campaign_began_at_its_launch() -> None:
    text = "The ministry launched a campaign in March last year. Police recovered 5 million yuan since the campaign began."
    last = find_periods(text, PUBLISHED)[-1]
    assert (text[last.start : last.end], last.period_start, last.period_end) == (
        "since the campaign began",
        date(2024, 3, 1),
        None,
    )


@pytest.mark.parametrize(
    ("text", "published", "value", "start", "end"),
    [
        # a sentence without a date keeps the period of the last sentence that named one
        (
            (
                "Police arrested 900 suspects between January and March 2024. The crackdown targeted fraud rings,"
                " an official said. Officers also seized 45 vehicles."
            ),
            date(2024, 5, 2),
            45,
            date(2024, 1, 1),
            date(2024, 3, 31),
        ),
        # ... across one such sentence, not two
        (
            (
                "Police arrested 900 suspects in 2023. The ministry issued new guidelines. Prosecutors held"
                " training sessions. Officers seized 45 vehicles."
            ),
            date(2024, 5, 2),
            45,
            None,
            None,
        ),
        # ... and a headline line starts a new story: nothing flows into it
        (
            "Officers arrested 20 people in 2023.\nRelated: Customs seize 40 kg of cocaine at port",
            date(2024, 5, 2),
            40,
            None,
            None,
        ),
        # ... while the items of a list a colon introduces continue the sentence before them
        (
            "The operation ran from 3 to 6 December. Results:\n- 1,200 arrests\n- 300 kg of cocaine seized",
            date(2024, 12, 20),
            300,
            date(2024, 12, 3),
            date(2024, 12, 6),
        ),
        # a date in brackets belongs to the phrase before it
        (
            "Police made two arrests in Lyon (3 May 2024) and five arrests in Nice (9 May 2024).",
            date(2024, 6, 1),
            5,
            date(2024, 5, 9),
            date(2024, 5, 9),
        ),
        # a date right after another number ("fell to 6,100 in 2023") belongs to that number
        (
            (
                "Prosecutions fell to 6,100 in 2023 from 16,200 in 2009, and 917 people were charged with gun"
                " offences last year."
            ),
            date(2024, 5, 21),
            917,
            date(2023, 1, 1),
            date(2023, 12, 31),
        ),
        # "up from N in the same period in 2024": the sentence's period, moved to 2024
        (
            (
                "Losses reached $45 million between January and June 2025. About 100 victims lost more than"
                " $10,000 each, up from around 70 victims in the same period in 2024."
            ),
            date(2025, 10, 24),
            70,
            date(2024, 1, 1),
            date(2024, 6, 30),
        ),
        # the date of a dateline is the time of the report
        (
            (
                "BEIJING, March 3, 2024 (Wire) -- Police arrested 168 suspects and solved 140 cases in 2023,"
                " the ministry said on Sunday."
            ),
            date(2024, 3, 3),
            168,
            date(2023, 1, 1),
            date(2023, 12, 31),
        ),
        # an announced total is as of the announcement, and the next sentence continues it
        (
            (
                "On 18 November, the ministry announced that 3,100 suspects had been handed over. Of them,"
                " 63 were gang leaders, police said."
            ),
            date(2023, 12, 6),
            63,
            None,
            date(2023, 11, 18),
        ),
        # "according to a statement released ... on Monday" dates the statement, not the seizure
        (
            (
                "Police detained 48 gamblers in an operation launched on Sunday.\nPolice seized 7 million yuan"
                " in cash, according to a statement released late in the evening by the provincial public"
                " security department on Monday."
            ),
            date(2017, 12, 4),
            7_000_000,
            date(2017, 12, 3),
            date(2017, 12, 3),
        ),
    ],
)
def test_extract_figures_attaches_the_right_period(
    text: str, published: date, value: float, start: date | None, end: date | None
) -> None:
    periods = [(f.period_start, f.period_end) for f in extract_figures(text, published) if f.value == value]
    assert periods == [(start, end)]


@pytest.mark.parametrize(("text", "start", "end"), [
    ("ARRESTS IN FY2018 ROSE", date(2017, 10, 1), date(2018, 9, 30)),
    ("Seizures Between March And June", date(2024, 3, 1), date(2024, 6, 30)),
    # "İ" lower-cases to two characters: the scan falls back to the text itself, offsets still hold
    ("İzmir police, last year", date(2024, 1, 1), date(2024, 12, 31)),
])
def test_periods_are_found_whatever_their_case(text: str, start: date, end: date) -> None:
    (mention,) = find_periods(text, PUBLISHED)
    assert (mention.period_start, mention.period_end) == (start, end)
    assert text[mention.start : mention.end].lower() in ("fy2018", "between march and june", "last year")


@pytest.mark.parametrize("text", [
    "He was remanded in custody until Monday",
    "The hearing was adjourned until Friday",
])
def test_a_day_a_court_sets_ahead_is_the_future(text: str) -> None:
    assert [m.kind for m in find_periods(text, PUBLISHED)] == ["future"]


def test_a_bare_until_a_year_is_no_end_of_a_count() -> None:
    """ "worked for the utility until 2010" tells of a life; only "until the end of" ends a count."""
    assert find_periods("He worked there until 2010", PUBLISHED) == []
