"""Entity mentions: people, organisations and places with canonical names and ids."""

from __future__ import annotations

import pytest

from newsmon.extract import extract
from newsmon.extract.entities import find_mentions, read_entities


def _pairs(text: str) -> set[tuple[str, str]]:
    return {(m.type, m.name) for m in find_mentions(text)}


def test_find_mentions_resolves_short_forms_to_the_full_name() -> None:
    text = (
        "Wang Lifeng, head of the Ministry of Public Security's fraud bureau, spoke on Monday. "
        "Wang said the cases had fallen."
    )
    mentions = [m for m in find_mentions(text) if m.type == "PERSON"]
    assert [(m.text, m.name) for m in mentions] == [("Wang Lifeng", "Wang Lifeng"), ("Wang", "Wang Lifeng")]


def test_find_mentions_gives_ids_to_countries_and_known_agencies() -> None:
    text = "The Supreme People's Procuratorate said China would work with Cambodia."
    ids = {(m.name, m.entity_id) for m in find_mentions(text)}
    assert ids == {("Supreme People's Procuratorate", "cn-spp"), ("China", "CN"), ("Cambodia", "KH")}


def test_find_mentions_merges_an_acronym_with_its_full_name() -> None:
    text = (
        "The National Crime Agency (NCA) led the raids. The NCA said 40 people were held, "
        "a spokesman for the agency said."
    )
    orgs = [(m.text, m.name, m.entity_id) for m in find_mentions(text) if m.type == "ORG"]
    assert orgs == [
        ("National Crime Agency", "National Crime Agency", "gb-nca"),
        ("NCA", "National Crime Agency", "gb-nca"),
        ("NCA", "National Crime Agency", "gb-nca"),
        ("agency", "National Crime Agency", "gb-nca"),
    ]


def test_find_mentions_merges_country_aliases() -> None:
    text = "Officials in the United States said the suspect fled to the U.S. in May."
    assert _pairs(text) == {("LOC", "United States")}


def test_find_mentions_splits_titles_from_names() -> None:
    text = "Police Commissioner Ada Okafor and Deputy Director of Operations Tunde Bello spoke."
    assert _pairs(text) == {("PERSON", "Ada Okafor"), ("PERSON", "Tunde Bello")}


def test_find_mentions_splits_two_names_joined_by_and() -> None:
    text = "Raids took place in Portugal and Slovakia last week."
    assert _pairs(text) == {("LOC", "Portugal"), ("LOC", "Slovakia")}


def test_find_mentions_keeps_and_inside_an_organisation_name() -> None:
    text = "The Securities and Exchange Commission fined the broker."
    assert _pairs(text) == {("ORG", "Securities and Exchange Commission")}


def test_find_mentions_drops_place_descriptors() -> None:
    text = "Police in Zhejiang province and in Cebu City made arrests."
    assert _pairs(text) == {("LOC", "Zhejiang"), ("LOC", "Cebu")}


@pytest.mark.parametrize(
    "text",
    [
        "Nigeria police arrested the men.",
        "A New York man was charged.",
        "The U.S. attorney filed the case.",
        "Chinese police arrested the suspects.",
        "The Kenya-based gang was broken up.",
    ],
)
def test_find_mentions_skips_places_used_as_modifiers(text: str) -> None:
    assert not [m for m in find_mentions(text) if m.type == "LOC"]


def test_find_mentions_skips_datelines_and_credits() -> None:
    text = "LAGOS, March 3 (Reuters) -- Police arrested nine people in Kano on Friday. (Photo/Ade Bello)"
    assert _pairs(text) == {("LOC", "Kano")}


def test_find_mentions_skips_nested_places_in_organisation_names() -> None:
    text = "The Bank of Thailand and the Kenya Revenue Authority shared data."
    assert _pairs(text) == {("ORG", "Bank of Thailand"), ("ORG", "Kenya Revenue Authority")}


def test_find_mentions_finds_lower_case_agency_names() -> None:
    text = "The suspects were handed to the ministry of public security for questioning."
    assert ("ORG", "ministry of public security") in _pairs(text)


def test_find_mentions_ignores_events_and_laws() -> None:
    text = "The Proceeds of Crime Act was cited during National Police Day."
    assert _pairs(text) == set()


def test_find_mentions_offsets_point_into_the_text() -> None:
    text = "Interpol and Europol said Spain's Guardia Civil arrested Maria Lopez in Madrid."
    mentions = find_mentions(text)
    assert mentions
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text


@pytest.mark.parametrize(
    ("text", "name", "entity_id"),
    [
        ("Rescue teams reached Myanmar by road.", "Myanmar", "MM"),
        ("The suspect was flown back to the U.S. on Friday.", "U.S.", "US"),
        ("Prosecutors in the UK opened a case.", "UK", "GB"),
        ("Talks were held in Türkiye last week.", "Türkiye", "TR"),
        ("He fled to Ivory Coast in 2019.", "Ivory Coast", "CI"),
        ("Ships left Viet Nam in the spring.", "Viet Nam", "VN"),
        ("Police in Guangdong province made arrests.", "Guangdong", "CN-GD"),
    ],
)
def test_find_mentions_gives_iso_codes_to_places(text: str, name: str, entity_id: str) -> None:
    places = [(m.name, m.entity_id) for m in find_mentions(text) if m.type == "LOC"]
    assert places == [(name, entity_id)]


def test_find_mentions_keeps_parts_of_a_country_apart_from_it() -> None:
    text = "Officers came from Scotland, Britain and Norway."
    assert _pairs(text) == {("LOC", "Scotland"), ("LOC", "Britain"), ("LOC", "Norway")}


def test_find_mentions_resolves_a_definite_description_to_the_only_organisation_with_that_head() -> None:
    text = (
        "The Supreme People's Procuratorate released the figures on Sunday. "
        "The procuratorate said most suspects had been charged."
    )
    refs = [(m.text, m.name, m.entity_id) for m in find_mentions(text) if m.type == "ORG"]
    assert refs == [
        ("Supreme People's Procuratorate", "Supreme People's Procuratorate", "cn-spp"),
        ("procuratorate", "Supreme People's Procuratorate", "cn-spp"),
    ]


def test_find_mentions_leaves_a_definite_description_alone_when_two_organisations_share_the_head() -> None:
    text = (
        "The Supreme People's Procuratorate and the Haidian District Procuratorate met. "
        "The procuratorate gave no figures."
    )
    assert not [m for m in find_mentions(text) if m.text == "procuratorate"]


def test_find_mentions_writes_an_alias_alone_as_written_with_the_registry_id() -> None:
    text = "Police in China detained 30 people, the MPS said on Monday."
    orgs = [(m.name, m.entity_id) for m in find_mentions(text) if m.type == "ORG"]
    assert orgs == [("MPS", "cn-mps")]


def test_find_mentions_gives_an_alias_the_full_name_found_in_the_same_text() -> None:
    text = (
        "Police in Kuala Lumpur seized the drugs. PDRM officers said the Royal Malaysia Police "
        "would file charges."
    )
    orgs = {(m.text, m.name, m.entity_id) for m in find_mentions(text) if m.type == "ORG"}
    assert orgs == {
        ("PDRM", "Royal Malaysia Police", "my-rmp"),
        ("Royal Malaysia Police", "Royal Malaysia Police", "my-rmp"),
    }


def test_find_mentions_resolves_shared_agency_names_by_the_country_of_the_text() -> None:
    manila = "The Department of Justice in Manila charged eight Filipinos over the Philippines scheme."
    boston = "The Department of Justice charged eight Americans in Boston over the scheme."
    assert [m.entity_id for m in find_mentions(manila) if m.type == "ORG"] == ["ph-doj"]
    assert [m.entity_id for m in find_mentions(boston) if m.type == "ORG"] == ["us-doj"]


def test_find_mentions_resolves_a_surname_to_the_full_name() -> None:
    text = "Chen Wenqing chaired the meeting in Beijing. Chen said the drive would go on."
    people = [(m.text, m.name) for m in find_mentions(text) if m.type == "PERSON"]
    assert people == [("Chen Wenqing", "Chen Wenqing"), ("Chen", "Chen Wenqing")]


def test_find_mentions_keeps_a_known_organisation_before_a_document_name() -> None:
    text = "Three of the men were subject to an Interpol Red Notice."
    assert _pairs(text) == {("ORG", "Interpol")}


def test_find_mentions_drops_a_capitalized_opening_word_before_a_known_place() -> None:
    text = "Busy Bangkok streets were closed for the raid."
    assert _pairs(text) == {("LOC", "Bangkok")}


def test_find_mentions_keeps_a_multi_word_place_before_a_possessive() -> None:
    text = "Residents remember New Jersey's old state song."
    assert _pairs(text) == {("LOC", "New Jersey")}


def test_find_mentions_keeps_and_inside_a_country_name() -> None:
    text = "Police from Bosnia and Herzegovina and Serbia joined the raid."
    assert _pairs(text) == {("LOC", "Bosnia and Herzegovina"), ("LOC", "Serbia")}


def test_find_mentions_skips_country_abbreviations_used_as_modifiers() -> None:
    text = "Jane Roe, the U.S. attorney in the case, spoke. UK officials agreed."
    assert not [m for m in find_mentions(text) if m.type == "LOC"]


def test_the_document_country_is_one_vote_that_places_win_over_nationality_words() -> None:
    text = "Police in Brooklyn arrested five Pakistani nationals on Monday, prosecutors said."
    assert read_entities(text).country == "US"          # a tie: the place beats the nationality word
    (figure,) = extract(text).figures
    assert figure.country == "US"
    assert read_entities("Officers from Accra and Lagos met on Monday.").country == "GH"   # a tie: named first
    assert read_entities("Nigerian and Ghanaian officers met in Lagos and Lagos again.").country == "NG"
    assert read_entities("The weather was fine on Monday.").country is None
