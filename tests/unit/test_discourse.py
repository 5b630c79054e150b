"""An action stated in one sentence governs the breakdown and list lines after it; a part never
exceeds its total; unrelated lines are not governed."""
from __future__ import annotations

from datetime import date

from newsmon.extract.figures import extract_figures

Row = tuple[str, str, str, float]


def _rows(text: str) -> list[Row]:
    return [(f.action, f.measure, f.currency or f.unit, f.value) for f in extract_figures(text, date(2025, 6, 2))]


def test_result_lines_under_a_lead_in_take_its_action() -> None:
    text = ("Officers made 310 arrests across the province last week.\n"
            "Arrests included:\n- 41 for burglary\n- 12 for carjacking\n"
            "Confiscations included:\n- 65 firearms\n- 2,400 rounds of ammunition\n")
    assert _rows(text) == [("arrest", "count", "person", 310), ("arrest", "count", "person", 41),
                           ("arrest", "count", "person", 12), ("seize", "count", "item", 65),
                           ("seize", "count", "item", 2400)]


def test_the_last_action_before_the_colon_governs_the_list() -> None:
    text = ("Agents seized the drugs in a raid that led to the arrest of the following:\n"
            "- Marta Quill, 41\n- Devon Arkwright, 29\n")
    assert _rows(text) == []        # names and ages are not counts


def test_related_headlines_are_not_governed_by_the_line_before() -> None:
    text = ("The ministry will step up its probe of the smuggling routes.\n"
            "- Heavy rain floods 300 homes in the valley\n- Over 800 runners join the city marathon\n")
    assert _rows(text) == []


def test_a_breakdown_sentence_takes_the_action_of_the_sentence_before() -> None:
    text = ("Customs officers seized goods worth 4 million euros at the port. "
            "These included 120 cartons of cigarettes, 35 kg of tobacco and 900 litres of spirits.")
    assert _rows(text) == [("seize", "amount", "EUR", 4e6), ("seize", "count", "item", 120),
                           ("seize", "weight", "kg", 35), ("seize", "count", "item", 900)]


def test_a_part_never_exceeds_its_total() -> None:
    text = "Police detained 40 people, including 12 women. Among them were 60 who had no papers."
    assert _rows(text) == [("arrest", "count", "person", 40), ("arrest", "count", "person", 12)]


def test_an_aside_does_not_cut_a_number_from_its_verb() -> None:
    text = ("At least three of the accused — including a former mayor, who is said to have run the "
            "scheme for a decade — were arraigned in the district court.")
    assert _rows(text) == [("charge", "count", "person", 3)]
    assert _rows("Twelve people (all from the coast) were detained overnight.") == [
        ("arrest", "count", "person", 12)]


def test_what_a_haul_included_was_seized() -> None:
    text = "Customs called it the haul of the decade. It included 40 kg of heroin and 12 rifles."
    assert _rows(text) == [("seize", "weight", "kg", 40), ("seize", "count", "item", 12)]
