"""Entity rules that carry to unseen news: credit lines, acronyms, titles, surnames and local places."""

from __future__ import annotations

from newsmon.extract.entities import find_mentions


def _pairs(text: str) -> set[tuple[str, str]]:
    return {(m.type, m.name) for m in find_mentions(text)}


def test_a_place_dateline_with_an_agency_is_not_a_mention() -> None:
    text = "DOHA, 3rd May, 2024 (QNA) -- The Harbour Police detained two men."
    assert _pairs(text) == {("ORG", "Harbour Police")}


def test_a_title_case_dateline_with_a_dash_is_not_a_mention() -> None:
    text = "Boston -- Officers of the Transit Police Department arrested a driver."
    assert _pairs(text) == {("ORG", "Transit Police Department")}


def test_a_photograph_credit_inside_a_caption_is_not_a_mention() -> None:
    text = "Officers load the seized boxes onto a truck. Photograph: Lena Markovic\nThe goods came by sea."
    assert ("PERSON", "Lena Markovic") not in _pairs(text)


def test_an_acronym_after_a_platform_is_no_entity_anywhere() -> None:
    text = (
        "Victims filed reports on the Online Harm Reporting Portal (OHRP) last year. "
        "The OHRP received 4,000 complaints, the Cyber Fraud Bureau said."
    )
    assert _pairs(text) == {("ORG", "Cyber Fraud Bureau")}


def test_an_acronym_in_parentheses_joins_the_name_before_it_whatever_its_letters() -> None:
    text = "The Costa Verde Fishing Syndicate (SPCV) was blamed. Police said SPCV members fled."
    assert _pairs(text) == {("ORG", "Costa Verde Fishing Syndicate")}


def test_an_acronym_spelling_the_capitalized_words_before_it_makes_them_an_organisation() -> None:
    text = "Harbour Safety Operations (HSO) inspected 40 vessels. HSO said two were detained."
    assert _pairs(text) == {("ORG", "Harbour Safety Operations")}


def test_a_drug_acronym_explained_in_lower_case_is_no_organisation() -> None:
    text = "Agents seized 12 kg of MDMA (ecstasy) in the raid, the Narcotics Board said."
    assert _pairs(text) == {("ORG", "Narcotics Board")}


def test_a_currency_code_is_no_organisation() -> None:
    text = "Assets worth IDR 40 billion and KES 3 million were frozen."
    assert _pairs(text) == set()


def test_minister_of_a_portfolio_is_a_title_not_a_person() -> None:
    text = "Approval came from the Minister of Fisheries on Monday."
    assert not any(kind == "PERSON" for kind, _ in _pairs(text))


def test_a_hyphenated_rank_is_not_part_of_the_name() -> None:
    text = "According to spokesperson Lt-Col Thandeka Mokoena, nine suspects were held."
    assert ("PERSON", "Thandeka Mokoena") in _pairs(text)


def test_a_title_word_that_ends_a_name_stays_in_it() -> None:
    text = "Judge Paul King said the sentence was fair."
    assert ("PERSON", "Paul King") in _pairs(text)


def test_a_long_name_with_a_particle_is_kept_whole_and_its_short_form_joins_it() -> None:
    text = "Colonel Omar Faisal Al Harbi opened the exhibition. Colonel Al Harbi said the gang was caught."
    people = {name for kind, name in _pairs(text) if kind == "PERSON"}
    assert people == {"Omar Faisal Al Harbi"}


def test_a_unit_between_a_title_and_a_name_is_dropped() -> None:
    text = "Agency Director Nairobi Zone Amina Wanjiru Odhiambo spoke to reporters."
    assert ("PERSON", "Amina Wanjiru Odhiambo") in _pairs(text)


def test_a_name_whose_surname_appears_alone_is_a_person() -> None:
    text = "Reporters spoke to Marta Kowalczyk outside the court. Kowalczyk denied the charges."
    assert _pairs(text) == {("PERSON", "Marta Kowalczyk")}


def test_places_named_by_their_context() -> None:
    text = (
        "The boat landed near the fishing village of Tembakari. Police searched the Marovela area "
        "and later raided a farm in Kalundu, Kenya."
    )
    places = {name for kind, name in _pairs(text) if kind == "LOC"}
    assert places == {"Tembakari", "Marovela", "Kalundu", "Kenya"}


def test_a_name_listed_with_places_is_a_place() -> None:
    text = "Raids took place in Nairobi, Ruiru and Thika on Friday."
    places = {name for kind, name in _pairs(text) if kind == "LOC"}
    assert {"Nairobi", "Ruiru", "Thika"} <= places


def test_a_town_of_the_city_table_after_a_preposition_is_a_place() -> None:
    text = "Customs officers stopped the lorry in Tilburg on Tuesday."
    assert ("LOC", "Tilburg") in _pairs(text)


def test_a_city_name_after_a_determiner_is_not_a_place() -> None:
    text = "He thanked our Tilburg colleagues for the help."
    assert ("LOC", "Tilburg") not in _pairs(text)


def test_a_name_with_a_joined_arabic_article_is_kept_whole() -> None:
    text = "Customs chief Khalid bin Saeed al-Marri praised the inspectors."
    assert _pairs(text) == {("PERSON", "Khalid bin Saeed al-Marri")}


def test_a_rank_word_that_opens_an_organisation_name_stays_in_it() -> None:
    text = "The General Directorate of Border Security reported the seizure on Friday."
    assert _pairs(text) == {("ORG", "General Directorate of Border Security")}


def test_a_quoted_nickname_inside_a_name_is_left_out_of_it() -> None:
    text = "Detectives charged Marco “The Ghost” Valdez Ortega and his cousin Luis Ortega, prosecutors said."
    mentions = [m for m in find_mentions(text) if m.type == "PERSON"]
    assert [m.name for m in mentions] == ["Marco Valdez Ortega", "Luis Ortega"]
    assert text[mentions[0].start : mentions[0].end] == mentions[0].text == "Marco “The Ghost” Valdez Ortega"


def test_a_title_s_portfolio_before_of_the_is_not_part_of_the_organisation() -> None:
    text = "Inspector Mary Otieno, the Director of Public Affairs of the Lakeside Police Service, spoke."
    assert _pairs(text) == {("PERSON", "Mary Otieno"), ("ORG", "Lakeside Police Service")}


def test_an_office_after_a_title_is_not_a_person() -> None:
    assert ("PERSON", "Public Prosecutions") not in _pairs("The Director of Public Prosecutions declined to comment.")


def test_names_enumerated_with_semicolons_are_people() -> None:
    text = "The suspects are: Kwame Asante; Efua Mensah; Yaw Darko."
    assert _pairs(text) == {("PERSON", "Kwame Asante"), ("PERSON", "Efua Mensah"), ("PERSON", "Yaw Darko")}
