"""The gazetteer: ISO countries from pycountry, subdivisions, and the versioned agency registry."""

from __future__ import annotations

import json
import re
from importlib import resources

import pycountry
import pytest

from newsmon.extract import gazetteer
from newsmon.extract.gazetteer import (
    AGENCY_KINDS,
    AGENCY_RECORDS,
    AGENCY_REGISTRY_VERSION,
    COUNTRIES,
    agency,
    agency_id,
    country_code,
    country_id,
    is_known_org,
    normalize_name,
    place_id,
)


def _registry_file() -> dict[str, object]:
    data = json.loads(resources.files("newsmon.extract.data").joinpath("agencies.json").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_registry_version_is_exposed_and_matches_the_data_file() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+", AGENCY_REGISTRY_VERSION)
    assert AGENCY_REGISTRY_VERSION == _registry_file()["version"]


def test_every_registry_record_is_complete() -> None:
    iso = {c.alpha_2 for c in pycountry.countries}
    assert len(AGENCY_RECORDS) >= 100
    for record in AGENCY_RECORDS:
        assert record.id and record.name and record.kind
        assert record.kind in AGENCY_KINDS, record
        assert record.country in iso or record.country in ("EU", "INT"), record
        assert record.id.startswith(record.country.lower() + "-"), record
        assert isinstance(record.aliases, tuple) and isinstance(record.local_aliases, tuple)
        assert all(a.strip() == a and a for a in record.aliases + record.local_aliases), record


def test_registry_ids_are_unique() -> None:
    ids = [record.id for record in AGENCY_RECORDS]
    assert len(ids) == len(set(ids))


def _key(form: str) -> str:
    return form.upper() if gazetteer._is_acronym_form(form) else normalize_name(form)


def test_registry_names_and_aliases_do_not_collide_across_records() -> None:
    owners: dict[str, str] = {}
    for record in AGENCY_RECORDS:
        forms = {_key(f) for f in (record.name, *record.aliases)}
        for key in forms:
            assert key not in owners, f"{key!r} is used by {owners[key]} and {record.id}"
            owners[key] = record.id


def test_local_aliases_are_unique_within_their_country() -> None:
    owners: dict[tuple[str, str], str] = {}
    for record in AGENCY_RECORDS:
        own = {_key(f) for f in (record.name, *record.aliases)}
        for form in record.local_aliases:
            key = (record.country, _key(form))
            assert key[1] not in own, f"{form!r} of {record.id} is already a name of it"
            assert key not in owners, f"{form!r} is local to both {owners[key]} and {record.id}"
            owners[key] = record.id


def test_the_registry_covers_the_countries_the_project_follows() -> None:
    countries = {record.country for record in AGENCY_RECORDS}
    assert {
        "CN",
        "US",
        "GB",
        "EU",
        "INT",
        "NG",
        "SG",
        "HK",
        "IN",
        "PH",
        "TH",
        "KR",
        "AU",
        "MY",
        "ID",
        "VN",
        "JP",
    } <= countries


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Myanmar", "MM"),
        ("Burma", "MM"),
        ("the U.S.", "US"),
        ("US", "US"),
        ("United States of America", "US"),
        ("UK", "GB"),
        ("United Kingdom", "GB"),
        ("South Korea", "KR"),
        ("Republic of Korea", "KR"),
        ("North Korea", "KP"),
        ("Russia", "RU"),
        ("Russian Federation", "RU"),
        ("Vietnam", "VN"),
        ("Laos", "LA"),
        ("Iran", "IR"),
        ("Taiwan", "TW"),
        ("Hong Kong", "HK"),
        ("Macau", "MO"),
        ("Macao", "MO"),
        ("Czech Republic", "CZ"),
        ("Ivory Coast", "CI"),
        ("Côte d’Ivoire", "CI"),
        ("Turkey", "TR"),
        ("Türkiye", "TR"),
        ("the Philippines", "PH"),
        ("The Netherlands", "NL"),
        ("People's Republic of China", "CN"),
        ("Plurinational State of Bolivia", "BO"),
    ],
)
def test_country_id_knows_iso_names_and_news_forms(name: str, code: str) -> None:
    assert country_id(name) == code


@pytest.mark.parametrize("name", ["us", "Us", "Scotland", "Guangdong", "Bangkok", "Nowhere"])
def test_country_id_is_none_for_non_countries_and_lower_case_abbreviations(name: str) -> None:
    assert country_id(name) is None


def test_every_iso_country_name_comes_from_pycountry() -> None:
    for country in pycountry.countries:
        if "," not in country.name and "(" not in country.name:
            assert COUNTRIES[normalize_name(country.name)] == country.alpha_2


def test_country_code_also_gives_the_country_of_known_places() -> None:
    assert country_code("Scotland") == "GB"
    assert country_code("Guangdong") == "CN"
    assert country_code("Chon Buri") == "TH"
    assert country_code("Lagos") == "NG"
    assert country_code("Southeast Asia") is None


def test_place_id_gives_iso_3166_2_codes_for_subdivisions() -> None:
    assert place_id("Guangdong") == "CN-GD"
    assert place_id("Scotland") == "GB-SCT"
    assert place_id("California") == "US-CA"
    assert place_id("Myanmar") == "MM"
    assert place_id("Bangkok") is None


def test_agency_id_knows_names_aliases_and_acronyms() -> None:
    assert agency_id("Supreme People's Procuratorate") == "cn-spp"
    assert agency_id("Supreme People’s Procuratorate") == "cn-spp"
    assert agency_id("the SPP") == "cn-spp"
    assert agency_id("Justice Department") == "us-doj"
    assert agency_id("INTERPOL") == "int-interpol"


def test_agency_acronyms_match_only_in_capitals() -> None:
    assert agency_id("FBI") == "us-fbi"
    assert agency_id("Fbi") is None
    assert agency_id("sec") is None
    assert not is_known_org("Nia")


def test_shared_names_resolve_by_country() -> None:
    assert agency_id("Department of Justice") == "us-doj"
    assert agency_id("Department of Justice", "PH") == "ph-doj"
    assert agency_id("Department of Justice", "HK") == "hk-doj"
    assert agency_id("MPS") is None
    assert agency_id("MPS", "CN") == "cn-mps"
    assert agency_id("MPS", "GB") == "gb-met"
    assert agency_id("Ministry of Public Security", "VN") == "vn-mps"
    assert agency_id("Ministry of Public Security") == "cn-mps"


def test_agency_returns_the_record() -> None:
    record = agency("ng-efcc")
    assert record is not None
    assert (record.name, record.country, record.kind) == (
        "Economic and Financial Crimes Commission",
        "NG",
        "anti-corruption",
    )
    assert "EFCC" in record.aliases
    assert agency("xx-none") is None


def test_the_hand_kept_country_aliases_are_only_forms_pycountry_lacks() -> None:
    from_library: set[str] = set()
    for country in pycountry.countries:
        for key in ("name", "official_name", "common_name"):
            value = getattr(country, key, None)
            if isinstance(value, str):
                from_library.add(normalize_name(value))
    duplicated = {a for a in gazetteer._COUNTRY_ALIASES if normalize_name(a) in from_library}
    assert not duplicated
    assert len(gazetteer._COUNTRY_ALIASES) < 40


def test_subdivisions_that_are_common_words_or_names_are_not_places() -> None:
    for word in ("Delta", "Rivers", "Plateau", "Aurora", "Central"):
        assert country_code(word) is None


def test_currency_codes_are_not_acronyms() -> None:
    from newsmon.extract.gazetteer import NOT_ACRONYMS

    assert {"IDR", "AED", "KES", "PLN"} <= NOT_ACRONYMS


def test_a_minor_place_is_a_place_but_may_be_a_persons_name() -> None:
    from newsmon.extract.gazetteer import is_major_place, is_place

    assert is_place("Galway") and not is_major_place("Galway")
    assert is_major_place("Shandong") and is_major_place("Kenya")


def test_the_city_table_knows_towns_with_their_country_and_size() -> None:
    from newsmon.extract.gazetteer import city_population, country_code

    assert city_population("Tilburg") > 100_000
    assert country_code("Tilburg") == "NL"
    assert city_population("Nowhere Town") == 0


def test_city_rows_leave_out_short_common_and_known_names() -> None:
    from newsmon.extract.gazetteer import city_rows

    rows = [("Westbrook Falls", "US", 20000), ("Westbrook Falls", "CA", 30000), ("Police", "PL", 33000)]
    rows += [("Shanghai", "CN", 24000000), ("Ab", "SE", 16000), ("Grünfeld", "DE", 17000)]
    assert city_rows(rows) == {"grunfeld": ("DE", 17000), "westbrook falls": ("", 30000)}
