"""A small curated gazetteer: countries, places, known agencies and the words that mark names.

Pure data plus two lookups. Keys are lower case. Country ids are ISO 3166-1 alpha-2; agency ids
are stable slugs ("cn-spp").
"""

from __future__ import annotations

from newsmon.lexicon import words

COUNTRIES: dict[str, str] = {
    "afghanistan": "AF",
    "albania": "AL",
    "algeria": "DZ",
    "angola": "AO",
    "argentina": "AR",
    "armenia": "AM",
    "australia": "AU",
    "austria": "AT",
    "azerbaijan": "AZ",
    "bahrain": "BH",
    "bangladesh": "BD",
    "belarus": "BY",
    "belgium": "BE",
    "benin": "BJ",
    "bhutan": "BT",
    "bolivia": "BO",
    "bosnia and herzegovina": "BA",
    "botswana": "BW",
    "brazil": "BR",
    "brunei": "BN",
    "bulgaria": "BG",
    "burkina faso": "BF",
    "burundi": "BI",
    "cambodia": "KH",
    "cameroon": "CM",
    "canada": "CA",
    "chad": "TD",
    "chile": "CL",
    "china": "CN",
    "colombia": "CO",
    "congo": "CG",
    "costa rica": "CR",
    "croatia": "HR",
    "cuba": "CU",
    "cyprus": "CY",
    "czech republic": "CZ",
    "czechia": "CZ",
    "denmark": "DK",
    "djibouti": "DJ",
    "dominican republic": "DO",
    "ecuador": "EC",
    "egypt": "EG",
    "el salvador": "SV",
    "estonia": "EE",
    "ethiopia": "ET",
    "fiji": "FJ",
    "finland": "FI",
    "france": "FR",
    "gabon": "GA",
    "gambia": "GM",
    "georgia": "GE",
    "germany": "DE",
    "ghana": "GH",
    "greece": "GR",
    "guatemala": "GT",
    "guinea": "GN",
    "guyana": "GY",
    "haiti": "HT",
    "honduras": "HN",
    "hong kong": "HK",
    "hungary": "HU",
    "iceland": "IS",
    "india": "IN",
    "indonesia": "ID",
    "iran": "IR",
    "iraq": "IQ",
    "ireland": "IE",
    "israel": "IL",
    "italy": "IT",
    "ivory coast": "CI",
    "jamaica": "JM",
    "japan": "JP",
    "jordan": "JO",
    "kazakhstan": "KZ",
    "kenya": "KE",
    "kosovo": "XK",
    "kuwait": "KW",
    "kyrgyzstan": "KG",
    "laos": "LA",
    "latvia": "LV",
    "lebanon": "LB",
    "liberia": "LR",
    "libya": "LY",
    "liechtenstein": "LI",
    "lithuania": "LT",
    "luxembourg": "LU",
    "macau": "MO",
    "macao": "MO",
    "madagascar": "MG",
    "malawi": "MW",
    "malaysia": "MY",
    "maldives": "MV",
    "mali": "ML",
    "malta": "MT",
    "mauritius": "MU",
    "mexico": "MX",
    "moldova": "MD",
    "monaco": "MC",
    "mongolia": "MN",
    "montenegro": "ME",
    "morocco": "MA",
    "mozambique": "MZ",
    "myanmar": "MM",
    "burma": "MM",
    "namibia": "NA",
    "nepal": "NP",
    "netherlands": "NL",
    "new zealand": "NZ",
    "nicaragua": "NI",
    "niger": "NE",
    "nigeria": "NG",
    "north korea": "KP",
    "north macedonia": "MK",
    "norway": "NO",
    "oman": "OM",
    "pakistan": "PK",
    "palestine": "PS",
    "panama": "PA",
    "papua new guinea": "PG",
    "paraguay": "PY",
    "peru": "PE",
    "philippines": "PH",
    "poland": "PL",
    "portugal": "PT",
    "qatar": "QA",
    "romania": "RO",
    "russia": "RU",
    "rwanda": "RW",
    "saudi arabia": "SA",
    "senegal": "SN",
    "serbia": "RS",
    "sierra leone": "SL",
    "singapore": "SG",
    "slovakia": "SK",
    "slovenia": "SI",
    "somalia": "SO",
    "south africa": "ZA",
    "south korea": "KR",
    "s. korea": "KR",
    "korea": "KR",
    "spain": "ES",
    "sri lanka": "LK",
    "sudan": "SD",
    "suriname": "SR",
    "sweden": "SE",
    "switzerland": "CH",
    "syria": "SY",
    "taiwan": "TW",
    "tajikistan": "TJ",
    "tanzania": "TZ",
    "thailand": "TH",
    "timor-leste": "TL",
    "togo": "TG",
    "trinidad and tobago": "TT",
    "tunisia": "TN",
    "turkey": "TR",
    "turkiye": "TR",
    "türkiye": "TR",
    "turkmenistan": "TM",
    "uganda": "UG",
    "ukraine": "UA",
    "united arab emirates": "AE",
    "uae": "AE",
    "united kingdom": "GB",
    "uk": "GB",
    "u.k.": "GB",
    "britain": "GB",
    "great britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "united states": "US",
    "united states of america": "US",
    "us": "US",
    "u.s.": "US",
    "usa": "US",
    "u.s.a.": "US",
    "america": "US",
    "uruguay": "UY",
    "uzbekistan": "UZ",
    "vanuatu": "VU",
    "venezuela": "VE",
    "vietnam": "VN",
    "viet nam": "VN",
    "yemen": "YE",
    "zambia": "ZM",
    "zimbabwe": "ZW",
    "the netherlands": "NL",
    "the philippines": "PH",
}

# Cities, provinces, states and regions, with the country they lie in ("" when several).
PLACES: dict[str, str] = {
    # China
    "beijing": "CN",
    "shanghai": "CN",
    "guangzhou": "CN",
    "shenzhen": "CN",
    "tianjin": "CN",
    "chongqing": "CN",
    "wuhan": "CN",
    "chengdu": "CN",
    "hangzhou": "CN",
    "nanjing": "CN",
    "xiamen": "CN",
    "dongguan": "CN",
    "kunming": "CN",
    "nanning": "CN",
    "xi'an": "CN",
    "guangdong": "CN",
    "guangxi": "CN",
    "yunnan": "CN",
    "fujian": "CN",
    "zhejiang": "CN",
    "jiangsu": "CN",
    "shandong": "CN",
    "henan": "CN",
    "hebei": "CN",
    "hubei": "CN",
    "hunan": "CN",
    "sichuan": "CN",
    "guizhou": "CN",
    "jiangxi": "CN",
    "anhui": "CN",
    "shanxi": "CN",
    "shaanxi": "CN",
    "gansu": "CN",
    "qinghai": "CN",
    "hainan": "CN",
    "jilin": "CN",
    "liaoning": "CN",
    "heilongjiang": "CN",
    "inner mongolia": "CN",
    "xinjiang": "CN",
    "tibet": "CN",
    "ningxia": "CN",
    "south china": "CN",
    "north china": "CN",
    "east china": "CN",
    "central china": "CN",
    "southwest china": "CN",
    "northwest china": "CN",
    "northeast china": "CN",
    "pearl river delta": "CN",
    "naypyidaw": "MM",
    "yangon": "MM",
    "mandalay": "MM",
    "shan": "MM",
    "kokang": "MM",
    "myawaddy": "MM",
    "wa": "MM",
    "laukkaing": "MM",
    # Southeast and East Asia
    "bangkok": "TH",
    "phuket": "TH",
    "chiang mai": "TH",
    "chiang rai": "TH",
    "pattaya": "TH",
    "manila": "PH",
    "metro manila": "PH",
    "pasay": "PH",
    "makati": "PH",
    "quezon": "PH",
    "cebu": "PH",
    "davao": "PH",
    "kuala lumpur": "MY",
    "penang": "MY",
    "sabah": "MY",
    "johor": "MY",
    "jakarta": "ID",
    "bali": "ID",
    "batam": "ID",
    "phnom penh": "KH",
    "sihanoukville": "KH",
    "vientiane": "LA",
    "hanoi": "VN",
    "ho chi minh city": "VN",
    "seoul": "KR",
    "busan": "KR",
    "incheon": "KR",
    "tokyo": "JP",
    "osaka": "JP",
    "taipei": "TW",
    "kowloon": "HK",
    "macau": "MO",
    # South Asia
    "delhi": "IN",
    "new delhi": "IN",
    "mumbai": "IN",
    "kolkata": "IN",
    "chennai": "IN",
    "bengaluru": "IN",
    "bangalore": "IN",
    "hyderabad": "IN",
    "karachi": "PK",
    "lahore": "PK",
    "islamabad": "PK",
    "dhaka": "BD",
    "colombo": "LK",
    "kathmandu": "NP",
    # Africa
    "lagos": "NG",
    "abuja": "NG",
    "kano": "NG",
    "ibadan": "NG",
    "enugu": "NG",
    "port harcourt": "NG",
    "benin city": "NG",
    "kaduna": "NG",
    "nairobi": "KE",
    "accra": "GH",
    "johannesburg": "ZA",
    "cape town": "ZA",
    "cairo": "EG",
    # Europe
    "london": "GB",
    "manchester": "GB",
    "birmingham": "GB",
    "liverpool": "GB",
    "glasgow": "GB",
    "edinburgh": "GB",
    "merseyside": "GB",
    "west midlands": "GB",
    "cornwall": "GB",
    "kent": "GB",
    "paris": "FR",
    "marseille": "FR",
    "lyon": "FR",
    "berlin": "DE",
    "munich": "DE",
    "hamburg": "DE",
    "frankfurt": "DE",
    "cologne": "DE",
    "duisburg": "DE",
    "north rhine westphalia": "DE",
    "north rhine-westphalia": "DE",
    "rhineland-palatinate": "DE",
    "bavaria": "DE",
    "madrid": "ES",
    "barcelona": "ES",
    "rome": "IT",
    "milan": "IT",
    "naples": "IT",
    "calabria": "IT",
    "sicily": "IT",
    "amsterdam": "NL",
    "rotterdam": "NL",
    "the hague": "NL",
    "brussels": "BE",
    "antwerp": "BE",
    "vienna": "AT",
    "athens": "GR",
    "lisbon": "PT",
    "warsaw": "PL",
    "prague": "CZ",
    "budapest": "HU",
    "bucharest": "RO",
    "sofia": "BG",
    "belgrade": "RS",
    "zagreb": "HR",
    "copenhagen": "DK",
    "stockholm": "SE",
    "oslo": "NO",
    "helsinki": "FI",
    "dublin": "IE",
    "zurich": "CH",
    "geneva": "CH",
    "moscow": "RU",
    "kyiv": "UA",
    "istanbul": "TR",
    # Americas and Oceania
    "washington": "US",
    "new york": "US",
    "los angeles": "US",
    "chicago": "US",
    "houston": "US",
    "miami": "US",
    "san francisco": "US",
    "boston": "US",
    "dallas": "US",
    "atlanta": "US",
    "seattle": "US",
    "california": "US",
    "texas": "US",
    "florida": "US",
    "kansas": "US",
    "new jersey": "US",
    "illinois": "US",
    "georgia state": "US",
    "arizona": "US",
    "nevada": "US",
    "ohio": "US",
    "michigan": "US",
    "pennsylvania": "US",
    "virginia": "US",
    "massachusetts": "US",
    "puerto rico": "US",
    "toronto": "CA",
    "vancouver": "CA",
    "ottawa": "CA",
    "montreal": "CA",
    "mexico city": "MX",
    "bogota": "CO",
    "lima": "PE",
    "brasilia": "BR",
    "sao paulo": "BR",
    "rio de janeiro": "BR",
    "la paz": "BO",
    "asuncion": "PY",
    "montevideo": "UY",
    "buenos aires": "AR",
    "sydney": "AU",
    "melbourne": "AU",
    "brisbane": "AU",
    "perth": "AU",
    "adelaide": "AU",
    "canberra": "AU",
    "victoria": "AU",
    "tasmania": "AU",
    "queensland": "AU",
    "new south wales": "AU",
    "auckland": "NZ",
    "wellington": "NZ",
    # regions spanning several countries
    "southeast asia": "",
    "south-east asia": "",
    "asia": "",
    "east asia": "",
    "south asia": "",
    "central asia": "",
    "europe": "",
    "africa": "",
    "west africa": "",
    "east africa": "",
    "middle east": "",
    "latin america": "",
    "south america": "",
    "north america": "",
    "central america": "",
    "americas": "",
    "the americas": "",
    "balkans": "",
    "the balkans": "",
    "mediterranean": "",
    "mediterranean sea": "",
    "atlantic": "",
    "pacific": "",
    "caribbean": "",
    "mekong": "",
    "golden triangle": "",
    "oceania": "",
    "scandinavia": "",
}

# Nationality adjectives and plural nouns, for the document's country and for "19 Chinese".
DEMONYMS: dict[str, str] = {
    "chinese": "CN",
    "american": "US",
    "americans": "US",
    "british": "GB",
    "briton": "GB",
    "britons": "GB",
    "indian": "IN",
    "indians": "IN",
    "nigerian": "NG",
    "nigerians": "NG",
    "singaporean": "SG",
    "singaporeans": "SG",
    "australian": "AU",
    "australians": "AU",
    "thai": "TH",
    "thais": "TH",
    "filipino": "PH",
    "filipinos": "PH",
    "philippine": "PH",
    "korean": "KR",
    "koreans": "KR",
    "japanese": "JP",
    "vietnamese": "VN",
    "cambodian": "KH",
    "cambodians": "KH",
    "malaysian": "MY",
    "malaysians": "MY",
    "indonesian": "ID",
    "indonesians": "ID",
    "burmese": "MM",
    "taiwanese": "TW",
    "hongkongers": "HK",
    "german": "DE",
    "germans": "DE",
    "french": "FR",
    "italian": "IT",
    "italians": "IT",
    "spanish": "ES",
    "dutch": "NL",
    "belgian": "BE",
    "greek": "GR",
    "romanian": "RO",
    "romanians": "RO",
    "russian": "RU",
    "russians": "RU",
    "brazilian": "BR",
    "mexican": "MX",
    "canadian": "CA",
    "pakistani": "PK",
    "bangladeshi": "BD",
    "laotian": "LA",
    "uruguayan": "UY",
    "swedish": "SE",
    "danish": "DK",
    "polish": "PL",
    "austrian": "AT",
    "hellenic": "GR",
    "european": "",
    "asian": "",
    "african": "",
}

# Agencies and courts with a stable id. Keys are the full names and common short forms.
AGENCIES: dict[str, str] = {
    "supreme people's procuratorate": "cn-spp",
    "spp": "cn-spp",
    "supreme people's court": "cn-spc",
    "spc": "cn-spc",
    "ministry of public security": "cn-mps",
    "mps": "cn-mps",
    "central commission for discipline inspection": "cn-ccdi",
    "ccdi": "cn-ccdi",
    "national supervisory commission": "cn-nsc",
    "national narcotics control commission": "cn-nncc",
    "nncc": "cn-nncc",
    "national people's congress": "cn-npc",
    "npc": "cn-npc",
    "people's bank of china": "cn-pboc",
    "ministry of industry and information technology": "cn-miit",
    "cyberspace administration of china": "cn-cac",
    "department of justice": "us-doj",
    "justice department": "us-doj",
    "doj": "us-doj",
    "federal bureau of investigation": "us-fbi",
    "fbi": "us-fbi",
    "securities and exchange commission": "us-sec",
    "u.s. securities and exchange commission": "us-sec",
    "sec": "us-sec",
    "drug enforcement administration": "us-dea",
    "dea": "us-dea",
    "internal revenue service": "us-irs",
    "homeland security investigations": "us-hsi",
    "u.s. immigration and customs enforcement": "us-ice",
    "federal trade commission": "us-ftc",
    "centers for medicare and medicaid services": "us-cms",
    "secret service": "us-usss",
    "national crime agency": "gb-nca",
    "nca": "gb-nca",
    "serious fraud office": "gb-sfo",
    "home office": "gb-home-office",
    "metropolitan police": "gb-met",
    "national police chiefs' council": "gb-npcc",
    "national police chiefs’ council": "gb-npcc",
    "europol": "eu-europol",
    "eurojust": "eu-eurojust",
    "interpol": "int-interpol",
    "international criminal police organization": "int-interpol",
    "european commission": "eu-ec",
    "economic and financial crimes commission": "ng-efcc",
    "efcc": "ng-efcc",
    "nigeria police force": "ng-npf",
    "national drug law enforcement agency": "ng-ndlea",
    "ndlea": "ng-ndlea",
    "singapore police force": "sg-spf",
    "spf": "sg-spf",
    "commercial affairs department": "sg-cad",
    "monetary authority of singapore": "sg-mas",
    "hong kong police force": "hk-hkpf",
    "independent commission against corruption": "hk-icac",
    "icac": "hk-icac",
    "australian federal police": "au-afp",
    "afp": "au-afp",
    "enforcement directorate": "in-ed",
    "central bureau of investigation": "in-cbi",
    "cbi": "in-cbi",
    "national investigation agency": "in-nia",
    "royal thai police": "th-rtp",
    "anti-money laundering office": "th-amlo",
    "royal malaysia police": "my-rmp",
    "national bureau of investigation": "ph-nbi",
    "nbi": "ph-nbi",
    "bureau of immigration": "ph-bi",
    "philippine national police": "ph-pnp",
    "pnp": "ph-pnp",
    "presidential anti-organized crime commission": "ph-paocc",
    "paocc": "ph-paocc",
    "national intelligence service": "kr-nis",
    "financial supervisory service": "kr-fss",
    "korean national police agency": "kr-knpa",
}

# Organisations that are not agencies but are often named bare.
KNOWN_ORGS: frozenset[str] = frozenset(
    {
        "interpol",
        "europol",
        "eurojust",
        "xinhua",
        "reuters",
        "asean",
        "g20",
        "apec",
        "brics",
        "nato",
        "un",
        "eu",
        "european union",
        "united nations",
        "world bank",
        "imf",
        "apple",
        "google",
        "microsoft",
        "amazon",
        "western union",
        "guardia di finanza",
        "landeskriminalamt",
        "bloomberg",
        "fbi",
        "sec",
        "doj",
        "efcc",
        "ndlea",
        "icac",
        "cbi",
        "dea",
        "unodc",
        "who",
        "ccdi",
        "binance",
        "huawei",
        "alibaba",
        "tencent",
        "ant group",
    }
)

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
observatory
""")

# Last words that make a capitalized name an event, a law or a document, not an entity.
NON_ENTITY_SUFFIXES: frozenset[str] = words("""
day week festival awards award fair games cup act law code ordinance bill regulation regulations
convention notice notices list summit forum conference expo campaign operation programme program
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
coach
""")

# Lower-case words before a name that mark it as a person ("businessman Paras Mal Lodha").
PERSON_CUE_WORDS: frozenset[str] = words("""
president minister secretary director chairman chair commissioner spokesperson spokesman spokeswoman
chief judge official officer inspector superintendent commander businessman businesswoman lawyer
attorney expert professor researcher analyst reporter journalist leader kingpin boss founder
councilor councillor governor mayor senator prosecutor procurator-general head deputy undersecretary
economist fugitive suspect singer actor player
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
harbour harbor lake mountains valley peninsula estate
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

# Upper-case words that are not organisations (currencies, units, shouting).
NOT_ACRONYMS: frozenset[str] = words("""
CEO CFO GDP DNA SIM COVID POGO POGOS FIR PMLA ATM ID IT TV AI PDF USB VPN URL SMS MMS OTP GPS HIV
AIDS USD EUR GBP CNY RMB HKD SGD INR NGN PHP THB KRW AUD JPY MYR FY PM AM II III IV VI VII VIII IX
XI NO OK FAQ CSR VIP NGO GMT UTC READ MORE ALSO NEW CASE UPDATE UPDATED BREAKING LIVE WATCH VIDEO
PHOTO NOTE TOP BACK THE AND FOR OF IN ON AT TO BY IS IT AS OR AN A I WE HE SHE CCTV NRM SAR RT ET PT
BST CST EST EDT PDT NB PS RE FW ETA KM KG MG ML SEO API APP APPS OTC IPO ETF ESG HR PR QR HK
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


def country_code(name: str) -> str | None:
    """Return the ISO 3166-1 alpha-2 code of a country or place name, or None when unknown."""
    key = name.strip().lower()
    key = key.removeprefix("the ")
    code = COUNTRIES.get(key)
    if code is None:
        code = PLACES.get(key) or None
    return code


def agency_id(name: str) -> str | None:
    """Return the stable slug of a known agency or court, or None."""
    key = name.strip().lower()
    key = key.removeprefix("the ")
    return AGENCIES.get(key)
