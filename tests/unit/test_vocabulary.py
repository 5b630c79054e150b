"""Action words by meaning class, and the object that decides the action (sentences invented for the tests)."""
from __future__ import annotations

from datetime import date

import pytest

from newsmon.extract.figures import extract_figures
from newsmon.models import ACTIONS, BOUNDS, MEASURES, UNITS, in_vocabulary

Row = tuple[str, str, str, float]


def _rows(text: str) -> list[Row]:
    return [(f.action, f.measure, f.currency or f.unit, f.value) for f in extract_figures(text, date(2025, 6, 2))]


@pytest.mark.parametrize(("sentence", "expected"), [
    # recorded crime: cases processed, received, initiated, launched, taken up
    ("The bureau processed 1,204 fraud cases in the first quarter.", [("investigate", "count", "case", 1204)]),
    ("Police received 388 complaints of extortion last month.", [("investigate", "count", "case", 388)]),
    ("The commission has initiated 75 criminal cases this year.", [("investigate", "count", "case", 75)]),
    ("Nearly 60 investigations had been launched by the end of May.", [("investigate", "count", "case", 60)]),
    ("The unit had 412 ongoing investigations in June.", [("investigate", "count", "case", 412)]),
    # finding is seizing; blocking accounts or websites too
    ("Inspectors found nine laptops and 40 phones in the flat.",
     [("seize", "count", "item", 9), ("seize", "count", "item", 40)]),
    ("A trader was found in possession of more than €20,000 in cash.", [("seize", "amount", "EUR", 20000)]),
    ("Regulators blocked 3,300 betting websites during the year.", [("seize", "count", "item", 3300)]),
    # regional legal verbs for charges, and facing charges
    ("Challans in 44 cases were submitted to the court.", [("charge", "count", "case", 44)]),
    ("Four men from the coast are facing charges after the raid.", [("charge", "count", "person", 4)]),
    ("Proceedings were launched against 16 customs officers.", [("charge", "count", "person", 16)]),
    ("Prosecutors brought cases against 58 suppliers.", [("charge", "count", "person", 58)]),
    ("The board took disciplinary action against 31 wardens.", [("discipline", "count", "person", 31)]),
    ("Detectives registered cases against 210 hawkers.", [("investigate", "count", "person", 210)]),
    ("The council took action against 400 drivers.", []),        # no enforcement verb of its own
    # common misspellings
    ("Police arested 23 men at the port.", [("arrest", "count", "person", 23)]),
    ("Officers siezed 40 kg of khat.", [("seize", "weight", "kg", 40)]),
    # removals and expulsions are transfers; people in detention are arrested
    ("The agency carried out 9,450 removals in the fiscal year.", [("transfer", "count", "person", 9450)]),
    ("Officers said 31 are in pre-trial detention.", [("arrest", "count", "person", 31)]),
    # the crime's own verbs are harm
    ("The gang smuggled 900 kg of cocaine into the country.", [("harm", "weight", "kg", 900)]),
    ("The ring hoodwinked 270 pensioners with fake investments.", [("harm", "count", "person", 270)]),
    ("Detectives linked the crew to 14 shootings in the district.", [("harm", "count", "case", 14)]),
])
def test_action_words_by_meaning(sentence: str, expected: list[Row]) -> None:
    assert _rows(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The province expelled 120 migrants without papers.", [("transfer", "count", "person", 120)]),
    ("The party expelled 12 officials for graft.", [("discipline", "count", "person", 12)]),
    ("Caseworkers identified 85 victims of forced labour.", [("rescue", "count", "person", 85)]),
    ("Analysts identified 40 suspects linked to the ring.", [("investigate", "count", "person", 40)]),
    ("Shelters assisted 230 victims of trafficking.", [("rescue", "count", "person", 230)]),
    ("Two shelters took in 64 victims of forced labour.", [("rescue", "count", "person", 64)]),
    ("Police recovered 12 fugitives from across the border.", [("transfer", "count", "person", 12)]),
    ("Police recovered 12 children from the traffickers.", [("rescue", "count", "person", 12)]),
    ("Volunteers assisted 30 officers at the checkpoint.", []),
    # catching goods is seizing them; netting goods is too, netting money is what a crime made
    ("Coastguards nabbed 2.5 tonnes of hashish off the cape.", [("seize", "weight", "kg", 2500)]),
    ("Rangers captured 14 rifles near the border.", [("seize", "count", "item", 14)]),
    ("The sweep netted assets totalling $40 million.", [("seize", "amount", "USD", 40000000)]),
    ("The forged cheques netted the pair more than $90,000.", [("harm", "amount", "USD", 90000)]),
    # money collected: by an agency it is a penalty, by the crime's own people what it took
    ("The scammers collected $2.4 million from pensioners.", [("harm", "amount", "USD", 2400000)]),
    ("The agency collected $2.4 million in penalties.", [("fine", "amount", "USD", 2400000)]),
    # laboratories and dens dismantled are groups
    ("Agents dismantled 14 drug laboratories and 6 opium dens.",
     [("solve", "count", "group", 14), ("solve", "count", "group", 6)]),
    # a crime attempted and stopped: what it carried was seized
    ("A courier was stopped at the airport while trying to smuggle 6 kg of heroin.",
     [("seize", "weight", "kg", 6)]),
])
def test_the_object_decides_the_action(sentence: str, expected: list[Row]) -> None:
    assert _rows(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "Auditors found that 30 officials had taken bribes.",
    "The scheme was found to involve 12 companies.",
])
def test_found_governs_only_what_it_finds(sentence: str) -> None:
    assert not any(f.action == "seize" for f in extract_figures(sentence, date(2025, 6, 2)))


@pytest.mark.parametrize(("sentence", "category"), [
    ("Police arrested 15 drug smugglers at the port.", "drugs"),
    ("Ten members of a cocaine smuggling ring were jailed for 80 years in total.", "drugs"),
    ("Officers arrested 640 violators of the residency rules in a week.", "other"),
    ("Border guards detained 95 people for immigration violations.", "other"),
    ("Customs seized 4,000 cartons of illicit cigarettes.", "smuggling"),
])
def test_crime_categories_of_compounds(sentence: str, category: str) -> None:
    (figure, *_) = extract_figures(sentence, date(2025, 6, 2))
    assert figure.crime_category == category


@pytest.mark.parametrize(("sentence", "expected"), [
    # money kept from a crime: saved, preserved, a loss averted
    ("The helpline has helped save more than Rs 7,130 crore of victims' money.",
     [("seize", "amount", "INR", 71300000000)]),
    ("The commission preserved Sh2.7 billion in assets pending suits.", [("seize", "amount", "KES", 2700000000)]),
    ("Its audits averted a potential loss of Sh16.5 billion in public funds.",
     [("seize", "amount", "KES", 16500000000)]),
    ("The scheme caused losses of $3 million.", [("harm", "amount", "USD", 3000000)]),
    ("Shoppers can save $21 on the headphones this week.", []),  # an offer, not money kept from a crime
    ("The club was freed of the £38million debt in May.", []),
    # money given back to those the crime took it from is restitution
    ("The agency returned more than $2.3 billion to consumers last year.", [("fine", "amount", "USD", 2300000000)]),
    ("The carmaker was required to refund $2.2 billion to buyers.", [("fine", "amount", "USD", 2200000000)]),
    ("Thailand returned 40 fugitives to China.", [("transfer", "count", "person", 40)]),
    ("The regulator sent checks totaling $41.5 million to 1.3 million consumers.",
     [("fine", "amount", "USD", 41500000)]),
    ("The bureau mailed refund payments worth $800,000.", [("fine", "amount", "USD", 800000)]),
    ("The broker sent checks totaling $90,000 to a shell company.", [("harm", "amount", "USD", 90000)]),
])
def test_money_kept_from_a_crime_or_given_back(sentence: str, expected: list[Row]) -> None:
    assert _rows(sentence) == expected


@pytest.mark.parametrize(("sentence", "category"), [
    ("Police arrested 12 suspected kidnappers in the north.", "violence"),  # FIGURES.md 5: kidnapping
    ("The gang was charged with kidnapping children to sell them; 9 members were arrested.", "trafficking"),
    ("Prosecutors charged 41 people with child-abuse related offences.", "sexual"),
    ("Agents rescued 30 victims of child exploitation.", "sexual"),
    ("Detectives charged 12 men over gun crimes in the city.", "violence"),  # not the weapon's "other"
    ("Police arrested four suspected gunrunners.", "other"),
    ("Agents made 900 immigration enforcement arrests.", "other"),
])
def test_crime_vocabulary_by_meaning(sentence: str, category: str) -> None:
    (figure, *_) = extract_figures(sentence, date(2025, 6, 2))
    assert figure.crime_category == category


def test_a_figure_s_own_words_name_its_crime_before_its_neighbours() -> None:
    text = ("Police arrested 60 suspects in a drug raid, including 34 suspected kidnappers, 12 suspected cultists "
            "and four suspected fraudsters. Officers also recovered 210 firearms, 900 rounds of ammunition "
            "and 18 stolen vehicles.")
    found = {f.value: f.crime_category for f in extract_figures(text, date(2025, 6, 2))}
    assert found == {60: "drugs", 34: "violence", 12: "other", 4: "fraud",
                     210: "other", 900: "other", 18: "theft"}


def test_an_agency_s_remit_names_the_crime_when_the_text_names_none() -> None:
    text = ("The Economic and Financial Crimes Commission secured 3,615 convictions this year, its chairman said.")
    (figure,) = extract_figures(text, date(2022, 12, 16))
    assert (figure.value, figure.crime_category) == (3615, "fraud")
    told = "The Economic and Financial Crimes Commission secured 40 convictions for bribery this year."
    assert [f.crime_category for f in extract_figures(told, date(2022, 12, 16))] == ["corruption"]


@pytest.mark.parametrize(("text", "expected"), [
    # a weight's material does not cut it from the participle after it
    ("The port saw 3.4 tonnes of coke confiscated in a week.", [("seize", "weight", "kg", 3400)]),
    ("Agents found 80 kg of cannabis resin hidden in a lorry.", [("seize", "weight", "kg", 80)]),
    # the value of goods in a story that seized them is the seizure's value
    ("Customs seized 2 million pills at the docks. The pills, whose value amounted to 90 million rand, came by sea.",
     [("seize", "count", "item", 2000000), ("seize", "amount", "ZAR", 90000000)]),
    ("Officers seized 300 kg of cocaine. The drugs had an estimated street value of 20 million euros.",
     [("seize", "weight", "kg", 300), ("seize", "amount", "EUR", 20000000)]),
    # the crime's own verb in the sentence decides, even in a story that seized other things
    (("Officers seized cash in the raids. Investigators say the gang was able to smuggle at least 700 kg of heroin "
      "with a market value of about 14 million euros."),
     [("harm", "weight", "kg", 700), ("harm", "amount", "EUR", 14000000)]),
    (("Police seized four properties of the suspects. The properties, which included a super market, have a value "
      "of N800 million."), [("seize", "count", "item", 4), ("seize", "amount", "NGN", 800000000)]),
    # without a seizure, the value of smuggled goods is what the crime moved
    ("The ring smuggled 40 kg of heroin with a market value of about 9 million euros.",
     [("harm", "weight", "kg", 40), ("harm", "amount", "EUR", 9000000)]),
])
def test_what_goods_are_worth(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize("text", [
    "Police arrested 12 people for MONEY LAUNDERING in the capital.",
    # "İ" lower-cases to two characters: the scan falls back to the text itself, offsets still hold
    "İstanbul police arrested 12 people for money laundering.",
])
def test_crime_phrases_are_found_whatever_their_case(text: str) -> None:
    (figure,) = extract_figures(text)
    assert figure.crime_category == "money_laundering"
    assert figure.crime is not None and figure.crime.lower() == "money laundering"


def test_a_term_in_weeks_is_given_in_days_the_contracts_unit() -> None:
    assert _rows("He was sentenced to six weeks in prison.") == [("sentence", "term", "day", 42.0)]


def test_every_figure_of_the_extractor_is_in_the_closed_vocabulary() -> None:
    figures = extract_figures("Police arrested 12 people, seized 3.5 kg of heroin and $40,000 in cash; two were "
                              "sentenced to 18 months and arrests rose 20 percent.", date(2025, 6, 2))
    assert {f.action for f in figures} <= set(ACTIONS) and {f.unit for f in figures} <= set(UNITS)
    assert {f.measure for f in figures} <= set(MEASURES) and {f.bound for f in figures} <= set(BOUNDS)
    assert len(figures) >= 4
    with pytest.raises(ValueError, match="'week' is not one of"):
        in_vocabulary("week", UNITS)
