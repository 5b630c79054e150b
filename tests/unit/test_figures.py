"""Enforcement figures: sentence -> (action, measure, unit, value, bound), attributes and output format."""

from __future__ import annotations

from datetime import date

import pytest

from newsmon.extract.extractor import EXTRACTOR_VERSION, extract, to_gold
from newsmon.extract.figures import extract_figures

PUBLISHED = date(2025, 1, 16)

Row = tuple[str, str, str, float, str]


def _rows(text: str) -> list[Row]:
    return [
        (f.action, f.measure, f.currency or f.unit, f.value, f.bound)
        for f in extract_figures(text, PUBLISHED)
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # active verbs, with bounds
        ("Police arrested 42 people in Lagos on Monday.", [("arrest", "count", "person", 42, "exact")]),
        (
            "Officers detained more than 300 suspects during the operation.",
            [("arrest", "count", "person", 300, "more_than")],
        ),
        (
            "Investigators solved 1,450 cases and dismantled 38 criminal gangs.",
            [("solve", "count", "case", 1450, "exact"), ("solve", "count", "group", 38, "exact")],
        ),
        (
            "Authorities froze 1,300 bank accounts linked to the scam.",
            [("seize", "count", "item", 1300, "exact")],
        ),
        (
            "Police in Manila nabbed nine suspects and recovered P2.5 million in cash.",
            [("arrest", "count", "person", 9, "exact"), ("seize", "amount", "PHP", 2.5e6, "exact")],
        ),
        # passives and reduced passives
        (
            "More than 300 suspects were detained during the week-long operation.",
            [("arrest", "count", "person", 300, "more_than")],
        ),
        (
            "Thirty-one suspects were extradited to Spain last month.",
            [("transfer", "count", "person", 31, "exact")],
        ),
        (
            "Twelve victims of human trafficking were rescued from a farm.",
            [("rescue", "count", "person", 12, "exact")],
        ),
        (
            "A total of 57 people suspected of running the call centres have been handed over to police.",
            [("transfer", "count", "person", 57, "exact")],
        ),
        (
            "Over 400 websites were shut down and 72 people were questioned.",
            [("solve", "count", "item", 400, "more_than"), ("investigate", "count", "person", 72, "exact")],
        ),
        ("1,100 arrested in nationwide drug sweep", [("arrest", "count", "person", 1100, "exact")]),
        # nominalizations and counted nouns
        (
            "The operation led to the arrest of over 1,200 suspects and the seizure of 35 firearms.",
            [("arrest", "count", "person", 1200, "more_than"), ("seize", "count", "item", 35, "exact")],
        ),
        (
            "The campaign resulted in the repatriation of nearly 900 fugitives.",
            [("transfer", "count", "person", 900, "approx")],
        ),
        ("A dozen arrests were made on the first day.", [("arrest", "count", "person", 12, "exact")]),
        (
            "Seizures at the northern crossings alone amounted to 61kg of heroin.",
            [("seize", "weight", "kg", 61, "exact")],
        ),
        ("Arrests in the county this spring stood at 318.", [("arrest", "count", "person", 318, "exact")]),
        ("The court ordered him to serve nine years in prison.", [("sentence", "term", "year", 9, "exact")]),
        ("Five men are assisting the police with their enquiries.",
         [("investigate", "count", "person", 5, "exact")]),
        ("So far there are 31 suspects in the probe.", [("investigate", "count", "person", 31, "exact")]),
        ("Nine people were questioned while another four were still at large.",
         [("investigate", "count", "person", 9, "exact")]),
        # recorded crime without an enforcement verb, with its earlier value and an elided noun
        ("There were 4,500 burglary offences in the county.", [("investigate", "count", "case", 4500, "exact")]),
        ("There were 61 fewer shootings than a year before.", []),       # a difference, not a count
        ("Recorded thefts climbed to 3,200 cases from 2,100 the year before.",
         [("investigate", "count", "case", 3200, "exact"), ("investigate", "count", "case", 2100, "exact")]),
        ("Arrests fell to 900 last year, a fall from 1,400.",
         [("arrest", "count", "person", 900, "exact"), ("arrest", "count", "person", 1400, "exact")]),
        ("Seizures this year were 3 times last year's.", [("seize", "change", "percent", 200, "exact")]),
        ("Prosecutors said 27 defendants have been variously charged.", [("charge", "count", "person", 27, "exact")]),
        ("The charges relate to 9 shootings that resulted in 6 victims.",
         [("harm", "count", "case", 9, "exact"), ("harm", "count", "person", 6, "exact")]),
        ("The tribunal handed him a six-year rigorous imprisonment term.", [("sentence", "term", "year", 6, "exact")]),
        ("The sentences of 14 and 9 years will run concurrently.",
         [("sentence", "term", "year", 14, "exact"), ("sentence", "term", "year", 9, "exact")]),
        ("Of the 80 cases filed, 11 cases had resulted in convictions.",
         [("investigate", "count", "case", 80, "exact"), ("convict", "count", "case", 11, "exact")]),
        ("Police detained a man identified as Mr Okafor, 51, and 6 others.",
         [("arrest", "count", "person", 6, "exact")]),
        ("The task force completed the tracing of 45 fugitives.", [("investigate", "count", "person", 45, "exact")]),
        ("Auditors traced $3.1 million in stolen funds.", [("harm", "amount", "USD", 3.1e6, "exact")]),
        ("Police recorded 900 cases in 2021 and 750 in 2020.",
         [("investigate", "count", "case", 900, "exact"), ("investigate", "count", "case", 750, "exact")]),
        ("The patrols caught 40 smugglers, netting over 90 kg of heroin.",
         [("arrest", "count", "person", 40, "exact"), ("seize", "weight", "kg", 90, "more_than")]),
        ("He was ordered to pay $3 million in restitution for a bribery scheme worth $40 million.",
         [("fine", "amount", "USD", 3e6, "exact"), ("harm", "amount", "USD", 4e7, "exact")]),
        ("She must serve two years in jail, complete one year of treatment and pay a fine.",
         [("sentence", "term", "year", 2, "exact")]),
        ("The seizures were made by 40 officers.", []),
        ("The regulator filed 640 enforcement actions.", [("charge", "count", "case", 640, "exact")]),
        # relative clauses and breakdowns
        (
            "A total of 87 people were charged with fraud, of whom 40 have been convicted.",
            [("charge", "count", "person", 87, "exact"), ("convict", "count", "person", 40, "exact")],
        ),
        (
            "Prosecutors indicted 19 defendants, including six police officers.",
            [("charge", "count", "person", 19, "exact"), ("charge", "count", "person", 6, "exact")],
        ),
        (
            "Police arrested 126 people, 87 men and 39 women.",
            [
                ("arrest", "count", "person", 126, "exact"),
                ("arrest", "count", "person", 87, "exact"),
                ("arrest", "count", "person", 39, "exact"),
            ],
        ),
        (
            "Police said 67 suspects were caught, 12 of them foreigners.",
            [("arrest", "count", "person", 67, "exact"), ("arrest", "count", "person", 12, "exact")],
        ),
        (
            "Officers seized 33 rifles and 219 knives.",
            [("seize", "count", "item", 33, "exact"), ("seize", "count", "item", 219, "exact")],
        ),
        # coordinated verbs: one figure per verb
        (
            "The two men were arrested and charged with murder.",
            [("arrest", "count", "person", 2, "exact"), ("charge", "count", "person", 2, "exact")],
        ),
        (
            "Customs officers arrested and charged 12 smugglers.",
            [("charge", "count", "person", 12, "exact"), ("arrest", "count", "person", 12, "exact")],
        ),
        # a verb in a relative clause does not count
        (
            "Immigration officers deported 187 nationals who were arrested in the raids.",
            [("transfer", "count", "person", 187, "exact")],
        ),
        # weights, money, terms
        (
            "Officers seized 2.4 tonnes of cocaine and 150 kilograms of heroin.",
            [("seize", "weight", "kg", 2400, "exact"), ("seize", "weight", "kg", 150, "exact")],
        ),
        (
            "Customs officials confiscated cash worth about $3.5 million.",
            [("seize", "amount", "USD", 3.5e6, "approx")],
        ),
        (
            "The court sentenced the former mayor to 12 years in prison.",
            [("sentence", "term", "year", 12, "exact")],
        ),
        (
            "The agency fined the bank 2.5 million pounds for failing to stop money laundering.",
            [("fine", "amount", "GBP", 2.5e6, "exact")],
        ),
        ("The broker agreed to pay a $4 million penalty.", [("fine", "amount", "USD", 4e6, "exact")]),
        (
            "Between 20 and 30 migrants were intercepted at the border.",
            [("arrest", "count", "person", 20, "exact")],
        ),
        # harm
        (
            "The scheme defrauded investors of more than 40 million euros.",
            [("harm", "amount", "EUR", 4e7, "more_than")],
        ),
        ("Victims reported losses of HK$2.3 billion last year.", [("harm", "amount", "HKD", 2.3e9, "exact")]),
        (
            "The gang conned victims out of HK$12 million in 45 cases.",
            [("harm", "amount", "HKD", 1.2e7, "exact"), ("harm", "count", "case", 45, "exact")],
        ),
        # recorded crime statistics
        (
            "Police arrested 3,600 suspects in 2,000 criminal cases.",
            [("arrest", "count", "person", 3600, "exact"), ("investigate", "count", "case", 2000, "exact")],
        ),
        (
            "Police recorded about 91,000 criminal cases in the first quarter.",
            [("investigate", "count", "case", 91000, "approx")],
        ),
        # changes
        (
            "More than 6,700 people were indicted, a 38.5 percent increase year-on-year.",
            [
                ("charge", "count", "person", 6700, "more_than"),
                ("charge", "change", "percent", 38.5, "exact"),
            ],
        ),
        (
            "The number of burglary cases fell by 14.5 percent compared with last year.",
            [("investigate", "change", "percent", -14.5, "exact")],
        ),
        ("Drug seizures rose 23 percent year-on-year.", [("seize", "change", "percent", 23, "exact")]),
        ("Arrests for drunk driving doubled in 2023.", [("arrest", "change", "percent", 100, "exact")]),
        (
            "The number of cases registered has increased more than sevenfold.",
            [("investigate", "change", "percent", 600, "more_than")],
        ),
        # comparisons: the earlier value counts the same thing
        (
            "Around 250 fugitives were repatriated in 2022, up from 180 a year earlier.",
            [("transfer", "count", "person", 250, "approx"), ("transfer", "count", "person", 180, "exact")],
        ),
    ],
)
def test_extract_figures_reads_constructions(sentence: str, expected: list[Row]) -> None:
    assert _rows(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Some 5,000 officers from 13 countries took part in the operation.",
        "The joint operation with five Southeast Asian nations lasted seven days.",
        "A 45-year-old man was arrested in connection with the robbery.",
        "He faces up to 20 years in prison and a maximum fine of $250,000 if convicted.",
        "If found guilty, a scammer could be jailed for up to 10 years.",
        "The 34 felony counts of forgery were read out in court.",
        "Operation Lionfish III ran for seven days in five countries.",
        "Officers carried out 700 searches and generated 187 database hits.",
        "About 80.5 percent of those punished were low-level officials.",
        "The solving rate for homicide reached 99.9 percent.",
        "The 20th National Congress opened on Monday.",
        "The suspect was arrested at Terminal 3 on May 31, 2024.",
        "Call the hotline on 1800-255-0000 to report a scam.",
        "China is ranked among the 10 safest countries in the world.",
        "The former mayor was sentenced to death with a two-year reprieve.",
        "Her lawyers said the term was harsher than the 4-year sentence given to her partner.",
        "Prosecutors had sought 15 years in prison for the banker.",
        "She must complete one year of a treatment programme and serve community service.",
        "Two suspects in the case were later released on bail.",
        "He was arraigned on a 36-count indictment in which he is charged with fraud.",
        "The gang members are charged in four indictments.",
        "The verdict, the minister said, is not one that satisfies the families.",
    ],
)
def test_extract_figures_leaves_out_non_figures(sentence: str) -> None:
    assert _rows(sentence) == []


def test_extract_figures_offsets_delimit_quote_and_sentence() -> None:
    text = (
        "Police Raid Call Centres\n"
        "Police arrested 48 people in Cebu City on Tuesday. Officers also seized 310 phones "
        "and more than P3 million in cash, the regional police said."
    )
    figures = extract_figures(text, PUBLISHED)
    assert len(figures) == 3
    for figure in figures:
        assert text[figure.start : figure.end] == figure.quote
        assert text[figure.sentence_start : figure.sentence_end] == figure.sentence
        assert 0.0 <= figure.confidence <= 1.0


def test_extract_figures_sets_crime_period_and_place() -> None:
    text = "From January to June 2024, police in Yunnan arrested 1,530 suspects for telecom fraud."
    (figure,) = extract_figures(text, PUBLISHED)
    assert (figure.crime, figure.crime_category) == ("telecom fraud", "fraud")
    assert (figure.period_start, figure.period_end) == (date(2024, 1, 1), date(2024, 6, 30))
    assert (figure.location, figure.country) == ("Yunnan", "CN")


def test_extract_figures_uses_the_transfer_origin_as_location() -> None:
    text = "A total of 260 suspects were repatriated from northern Laos to China."
    (figure,) = extract_figures(text, PUBLISHED)
    assert (figure.location, figure.country) == ("northern Laos", "LA")


def test_extract_figures_names_the_acting_agency() -> None:
    text = "The Economic and Financial Crimes Commission arrested 27 suspected internet fraudsters in Abuja."
    (figure,) = extract_figures(text, PUBLISHED)
    assert figure.agency == "Economic and Financial Crimes Commission"
    assert figure.crime_category == "fraud"


def test_extract_figures_carries_a_period_to_the_next_sentence() -> None:
    text = "Police launched the campaign on July 25. They arrested 946 suspects and seized 40 vehicles."
    figures = extract_figures(text, date(2024, 9, 10))
    assert [(f.period_start, f.period_end) for f in figures] == [(date(2024, 7, 25), date(2024, 7, 25))] * 2


def test_extract_figures_skips_the_time_of_the_report() -> None:
    (figure,) = extract_figures("Police arrested 42 people, the ministry said on Thursday.", PUBLISHED)
    assert (figure.period_start, figure.period_end) == (None, None)


def test_extract_figures_uses_the_local_dollar() -> None:
    text = "The Singapore Police Force said victims lost more than $8.1 million to the scams."
    (figure,) = extract_figures(text, PUBLISHED)
    assert figure.currency == "SGD"


def test_extract_figures_keeps_one_figure_per_fact() -> None:
    text = (
        "Police arrest 1,200 in scam crackdown\n"
        "Police arrested 1,200 people in a crackdown on online scams. "
        "The 1,200 suspects face charges of fraud."
    )
    assert _rows(text) == [("arrest", "count", "person", 1200, "exact")]


def test_equal_numbers_of_offenders_of_different_crimes_are_two_facts() -> None:
    text = (
        "In the north, officers arrested four suspected drug dealers near the port. "
        "In the capital, detectives arrested four notorious burglars who had raided shops."
    )
    assert _rows(text) == [("arrest", "count", "person", 4, "exact"), ("arrest", "count", "person", 4, "exact")]


def test_equal_numbers_of_two_kinds_of_things_are_two_facts() -> None:
    text = "Officers recovered 16 rifles at the farm. At the warehouse they recovered 16 pistols."
    assert _rows(text) == [("seize", "count", "item", 16, "exact"), ("seize", "count", "item", 16, "exact")]


def test_equal_numbers_restated_with_another_noun_stay_one_fact() -> None:
    text = (
        "Police arrested three men suspected of robbing a jeweller. "
        "The three robbers were remanded in custody. Officers later arrested three robbery suspects."
    )
    assert _rows(text) == [("arrest", "count", "person", 3, "exact")]


def test_a_page_title_repeated_around_the_site_name_is_a_headline() -> None:
    text = (
        "Port police seize a record 9 tonnes of cannabis this year | Harbour Watch Port police seize "
        "a record 9 tonnes of cannabis this year\n\n"
        "Officers at the container terminal said more than 9 tonnes of cannabis have been seized since January."
    )
    assert _rows(text) == [("seize", "weight", "kg", 9000, "more_than")]


def test_a_rounded_change_restates_the_precise_one_in_the_same_place() -> None:
    assert _rows("Arrests saw a 25 pct drop. Arrests fell 25.2 percent year on year.") == [
        ("arrest", "change", "percent", -25.2, "exact")
    ]
    assert len(_rows("Arrests rose 25 percent in Lagos. In Abuja, arrests rose 25.2 percent.")) == 2


def test_extract_figures_drops_a_rounded_restatement() -> None:
    text = (
        "More than 230 suspected fraudsters were repatriated on Friday. "
        "A total of 233 suspects were returned from Cambodia."
    )
    assert _rows(text) == [("transfer", "count", "person", 233, "exact")]


def test_extract_figures_skips_a_money_conversion() -> None:
    rows = _rows("Police seized more than 20 million yuan (US$2.81 million) in cash.")
    assert rows == [("seize", "amount", "CNY", 2e7, "more_than")]


def test_extract_returns_figures_and_mentions() -> None:
    extraction = extract("Police in Kenya arrested 15 people.", PUBLISHED)
    assert [f.value for f in extraction.figures] == [15]
    assert [(m.type, m.name, m.entity_id) for m in extraction.mentions] == [("LOC", "Kenya", "KE")]
    assert EXTRACTOR_VERSION == "0.4.0"


def test_to_gold_omits_empty_keys_and_writes_iso_dates() -> None:
    text = "Police in Kenya arrested 15 people for fraud last year. Kenya police said the cases were closed."
    gold = to_gold(extract(text, PUBLISHED))
    assert gold["figures"] == [
        {
            "action": "arrest",
            "measure": "count",
            "unit": "person",
            "value": 15,
            "bound": "exact",
            "crime": "fraud",
            "crime_category": "fraud",
            "period_start": "2024-01-01",
            "period_end": "2024-12-31",
            "location": "Kenya",
            "country": "KE",
            "quote": "arrested 15 people",
        }
    ]
    assert gold["entities"] == [{"type": "LOC", "name": "Kenya"}]


def test_to_gold_writes_money_with_its_currency() -> None:
    gold = to_gold(extract("Police seized EUR 3.8 million in cash.", None))
    (figure,) = gold["figures"]
    assert (figure["unit"], figure["currency"], figure["value"]) == ("money", "EUR", 3800000)


@pytest.mark.parametrize(
    ("sentence", "currency", "value"),
    [
        ("Police seized $2 million in cash from the gang.", "USD", 2e6),
        ("Investigators froze US$5.6 million held in the accounts.", "USD", 5.6e6),
        ("Officers seized HK$800,000 in cash.", "HKD", 8e5),
        ("Customs seized €1.5 million in banknotes.", "EUR", 1.5e6),
        ("Officers seized EUR 240,000 in cash.", "EUR", 2.4e5),
        ("Police seized £3 million from the network.", "GBP", 3e6),
        ("Police confiscated ¥90 million in cash.", "CNY", 9e7),
        ("Police seized 4.5 billion yuan in illegal funds.", "CNY", 4.5e9),
        ("Police froze RMB 12 million linked to the scheme.", "CNY", 1.2e7),
        ("The agency seized 2 crore rupees in cash.", "INR", 2e7),
        ("The agency recovered 1.2 lakh rupees from the suspect.", "INR", 1.2e5),
        ("Operatives recovered 45 million naira from the suspects.", "NGN", 4.5e7),
        ("Police seized 3 million pesos in cash.", "PHP", 3e6),
        ("Police seized 12 million baht in cash.", "THB", 1.2e7),
        ("Prosecutors confiscated 30 billion won in criminal proceeds.", "KRW", 3e10),
    ],
)
def test_extract_figures_reads_currencies(sentence: str, currency: str, value: float) -> None:
    assert _rows(sentence) == [("seize", "amount", currency, value, "exact")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Police arrested at least 25 people.", [("arrest", "count", "person", 25, "at_least")]),
        ("Up to 40 people were detained.", [("arrest", "count", "person", 40, "at_most")]),
        ("Some 600 suspects were detained.", [("arrest", "count", "person", 600, "approx")]),
        ("Police arrested nearly 90 suspects.", [("arrest", "count", "person", 90, "approx")]),
        (
            "Police arrested 180 Chinese nationals, 24 Vietnamese and five Malaysians.",
            [
                ("arrest", "count", "person", 180, "exact"),
                ("arrest", "count", "person", 24, "exact"),
                ("arrest", "count", "person", 5, "exact"),
            ],
        ),
        (
            "Police detained 300 people, of whom more than 120 have been charged.",
            [("arrest", "count", "person", 300, "exact"), ("charge", "count", "person", 120, "more_than")],
        ),
        (
            "Fraud cases fell 30.1 percent in the first half of the year.",
            [("investigate", "change", "percent", -30.1, "exact")],
        ),
    ],
)
def test_extract_figures_reads_bounds_lists_and_relative_clauses(sentence: str, expected: list[Row]) -> None:
    assert _rows(sentence) == expected
