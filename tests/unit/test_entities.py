"""Entity mentions: people, organisations and places with canonical names and ids."""

from __future__ import annotations

import pytest

from newsmon.entities import find_mentions


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
    orgs = [(m.text, m.name) for m in find_mentions(text) if m.type == "ORG"]
    assert orgs == [
        ("National Crime Agency", "National Crime Agency"),
        ("NCA", "National Crime Agency"),
        ("NCA", "National Crime Agency"),
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
