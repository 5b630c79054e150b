"""Word lists for the figure extractor: action triggers, counted nouns, crimes and small word sets.

Everything here is data. Patterns are regex fragments matched case-insensitively between word
boundaries; the modules that use them compile them once at import time.
"""

from __future__ import annotations

from dataclasses import dataclass


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of a word list written as one block of text."""
    return frozenset(text.split())


# Roles a trigger can play relative to the number it governs:
#   A  active verb left of the number ("arrested 42 people")
#   P  passive or reduced participle right of the counted noun ("42 people were arrested")
#   N  nominalization left of the number, joined by a preposition ("the arrest of 42 people")
#   C  counted noun right after the number ("42 arrests")
#   S  active verb right of its subject, no auxiliary needed ("42 officials received punishments")
ACTIVE, PASSIVE, NOMINAL, COUNTED, SUBJECT = "A", "P", "N", "C", "S"


@dataclass(frozen=True, slots=True)
class TriggerWord:
    """One action word: its pattern, the action it signals, its roles and the units it may count."""

    pattern: str
    action: str
    roles: str
    units: frozenset[str] | None = None  # None: any unit
    remap: tuple[tuple[str, str], ...] = ()  # (unit, action) overrides, e.g. person -> arrest
    objects: frozenset[str] | None = None  # only numbers whose head noun is one of these
    object_actions: tuple[tuple[frozenset[str], str], ...] = ()  # (head nouns, action) overrides


# Noun classes that decide what an action word does to them ("expelled 40 migrants": transfer;
# "expelled 40 officials": discipline; "identified 30 victims": rescue).
VICTIM_NOUNS: frozenset[str] = words("""
victims victim survivors survivor
""")
FOREIGNER_NOUNS: frozenset[str] = words("""
foreigners foreigner nationals national migrants migrant immigrants immigrant aliens alien expatriates
expatriate illegals refugees asylum-seekers overstayers
""")
FUGITIVE_NOUNS: frozenset[str] = words("""
fugitives fugitive escapees escapee absconders absconder
""")
_PERSON = frozenset({"person"})
# catching goods is seizing them ("nabbed 1.4 tonnes of heroin", "captured 20 rifles")
_CAUGHT_GOODS = (("kg", "seize"), ("item", "seize"), ("money", "seize"))
_PEOPLE_OR_CASES = frozenset({"person", "case"})
_GOODS = frozenset({"item", "money", "kg", "group"})
_MONEY = frozenset({"money"})
_CASES = frozenset({"case"})
_GROUPS = frozenset({"group", "item", "case"})

TRIGGERS: tuple[TriggerWord, ...] = (
    # arrest
    TriggerWord(r"arrest(?:s|ed|ing)?", "arrest", "APNC", _PERSON),
    TriggerWord(r"arest(?:s|ed|ing)?|arrestted|arrsted", "arrest", "APNC", _PERSON),   # common misspellings
    TriggerWord(r"detain(?:s|ed|ing)?", "arrest", "AP", _PERSON),
    TriggerWord(r"detentions?", "arrest", "NC", _PERSON),
    TriggerWord(r"apprehend(?:s|ed|ing)?", "arrest", "AP", _PERSON),
    TriggerWord(r"apprehensions?", "arrest", "NC", _PERSON),
    TriggerWord(r"captur(?:e|es|ed|ing)", "arrest", "APN", _PERSON, _CAUGHT_GOODS),
    TriggerWord(r"nab(?:s|bed|bing)?", "arrest", "AP", _PERSON, _CAUGHT_GOODS),
    TriggerWord(r"round(?:s|ed|ing)? up", "arrest", "AP", _PERSON),
    TriggerWord(r"caught", "arrest", "AP", _PERSON, _CAUGHT_GOODS),
    TriggerWord(r"(?:taken|took) into custody", "arrest", "P", _PERSON),
    TriggerWord(r"held", "arrest", "P", _PERSON),
    TriggerWord(r"picked up", "arrest", "P", _PERSON),
    TriggerWord(r"(?:put|placed) under arrest", "arrest", "P", _PERSON),
    TriggerWord(r"(?:are|were|is|was|remain|remained) in (?:criminal |police |pre-trial )?(?:detention|custody)",
                "arrest", "S", _PERSON),
    # "netted" money is what a crime made ("explosions that netted the gang EUR 1.6 million"), unless
    # what was netted is goods ("the raids netted assets totalling S$1 billion")
    TriggerWord(r"net(?:ted|ting)(?=\s+(?:a\s+)?(?:haul|assets|cash|drugs|narcotics|contraband|propert(?:y|ies)|goods"
                r"|items|weapons|firearms|guns|vehicles)\b)", "seize", "A"),
    TriggerWord(r"net(?:ted|ting)", "seize", "A", None, (("person", "arrest"), ("money", "harm"))),
    TriggerWord(r"intercept(?:s|ed|ing)?", "seize", "AP", None, (("person", "arrest"),)),
    # charge
    TriggerWord(r"charg(?:e|es|ed|ing)", "charge", "APN", _PEOPLE_OR_CASES),
    TriggerWord(r"indict(?:s|ed|ing)?", "charge", "AP", _PEOPLE_OR_CASES),
    TriggerWord(r"indictments?", "charge", "N", _PEOPLE_OR_CASES),
    TriggerWord(r"prosecut(?:e|es|ed|ing)", "charge", "AP", _PEOPLE_OR_CASES),
    TriggerWord(r"prosecutions?", "charge", "NC", _PEOPLE_OR_CASES),
    TriggerWord(r"arraign(?:s|ed|ing)?", "charge", "AP", _PERSON),
    TriggerWord(r"brought to (?:court|justice|trial)", "charge", "P", _PERSON),
    TriggerWord(r"(?:filed|pressed|brought) charges against", "charge", "N", _PERSON),
    # "brought cases against 58 people", "legal action against 12 firms"
    TriggerWord(r"(?:brought|filed|instituted|lodged|initiated) (?:criminal |court |legal )?"
                r"(?:cases|proceedings) against|(?:legal|criminal|court) action against", "charge", "N", _PERSON),
    TriggerWord(r"disciplinary (?:action|proceedings|measures) against", "discipline", "N", _PERSON),
    TriggerWord(r"(?:registered|opened) (?:criminal )?cases against", "investigate", "N", _PERSON),
    # recorded crime told without a verb: "there were 4,500 burglary offences in 2023"
    TriggerWord(r"there (?:were|was|have been|had been)(?!\s+[\d,.]+\s+(?:fewer|more|less)\b)", "investigate", "A", _CASES),
    TriggerWord(r"(?:initiated |filed )?lawsuits? against", "charge", "N", _PERSON),
    TriggerWord(r"fac(?:ed|ing) prosecution", "charge", "S", _PERSON),
    TriggerWord(r"(?:are|were|is|was|now) fac(?:e|es|ed|ing) (?:\w+ )?charges", "charge", "S", _PERSON),
    TriggerWord(r"proceedings (?:were |have been |had been )?(?:launched|initiated|instituted|brought) against",
                "charge", "N", _PERSON),
    TriggerWord(r"(?:challans?|charge[- ]?sheets?)(?: (?:in|for))?", "charge", "N", _PEOPLE_OR_CASES),
    TriggerWord(r"charge[- ]?sheeted", "charge", "AP", _PEOPLE_OR_CASES),
    TriggerWord(r"enforcement actions?", "charge", "NC", _CASES),
    TriggerWord(r"sued", "charge", "AP", _PERSON),
    # convict
    TriggerWord(r"convict(?:s|ed|ing)?", "convict", "AP", _PERSON),
    TriggerWord(r"convictions?", "convict", "NC", _PERSON),
    TriggerWord(r"(?:found|pleaded|pled|proven|proved|held) guilty", "convict", "P", _PERSON),
    TriggerWord(r"concluded", "convict", "A", _CASES),
    TriggerWord(r"(?:had |have |has )?(?:resulted|ended) in (?:a )?convictions?", "convict", "S", _CASES),
    # sentence
    TriggerWord(r"sentenc(?:e|es|ed|ing)", "sentence", "APN", frozenset({"person", "year", "month", "day"})),
    TriggerWord(r"jailed|imprisoned", "sentence", "AP", frozenset({"person", "year", "month", "day"})),
    # a term the court imposes: "ordering her to serve six years in prison"
    TriggerWord(r"(?:ordered|ordering|required) (?:her |him |them )?to serve|(?:must|will) serve",
                "sentence", "A", frozenset({"year", "month", "day"})),
    # fine
    TriggerWord(r"fin(?:e|es|ed)", "fine", "APNC", frozenset({"person", "money", "case"})),
    TriggerWord(r"penalt(?:y|ies)", "fine", "NC", _MONEY),
    TriggerWord(r"restitution", "fine", "NC", _MONEY),
    TriggerWord(r"refund(?:s|ed|ing)?", "fine", "APNC", _MONEY),
    # refunds paid out to victims: "mailed refund payments of $4 million", "sent checks totaling $122 million
    # to 2.2 million consumers" (checks a fraudster or a victim writes are not refunds)
    TriggerWord(r"(?:sent|mailed|issued|distributed) (?:out )?refund (?:checks|cheques|payments)"
                r"|(?:sent|mailed|distributed) (?:out )?(?:checks|cheques|payments)"
                r"(?=(?:[^.;]|\.\d){0,60}\bto\b(?:[^.;]|\.\d){0,30}\b(?:consumers|victims|customers|investors|households)\b)",
                "fine", "A", _MONEY),
    TriggerWord(r"forfeit(?:s|ed|ure|ures)?", "fine", "APNC", _MONEY),
    TriggerWord(r"disgorg(?:e|ed|ement)", "fine", "ANC", _MONEY),
    TriggerWord(r"settlements?", "fine", "NC", frozenset({"person", "money"})),
    TriggerWord(r"ordered to pay", "fine", "A", _MONEY),
    # what the crime's own people collected is what it took: "the fraudsters collected $2 million"
    TriggerWord(r"(?:fraudsters|scammers|swindlers|conmen|con artists|syndicates?|gangs?|criminals|suspects)"
                r"(?: had| have| allegedly| reportedly)? collected", "harm", "A", _MONEY),
    TriggerWord(r"collected", "fine", "AP", _MONEY),
    TriggerWord(r"obtained orders", "fine", "N", _MONEY),
    # seize
    TriggerWord(r"seiz(?:e|es|ed|ing)", "seize", "AP", None, (("person", "arrest"),)),
    TriggerWord(r"siez(?:e|es|ed|ing)", "seize", "AP", None, (("person", "arrest"),)),    # a common misspelling
    TriggerWord(r"seizures?", "seize", "NC", _GOODS),
    TriggerWord(r"confiscat(?:e|es|ed|ing)", "seize", "AP", _GOODS),
    TriggerWord(r"confiscations?", "seize", "N", _GOODS),
    TriggerWord(r"froze|frozen|freez(?:e|es|ing)", "seize", "AP", _GOODS),
    # recovered goods are seized, recovered people rescued, recovered fugitives brought back
    TriggerWord(r"recover(?:s|ed|ing)?", "seize", "AP", None, (("person", "rescue"),),
                object_actions=((FUGITIVE_NOUNS, "transfer"),)),
    TriggerWord(r"recovery", "seize", "N", _GOODS),
    TriggerWord(r"impound(?:s|ed|ing)?", "seize", "AP", _GOODS),
    TriggerWord(r"attach(?:es|ed|ing)?", "seize", "AP", _MONEY),
    TriggerWord(r"attachments?", "seize", "N", _MONEY),
    TriggerWord(r"closed", "seize", "A", frozenset({"item"})),
    TriggerWord(r"block(?:s|ed|ing)?", "seize", "AP", frozenset({"item", "money"})),
    # "found" seizes only what it is directly followed by ("found four laptops"), or what someone
    # was found in possession of; "found to involve ..." and "found that ..." are not seizures
    TriggerWord(r"found in (?:their |his |her |its )?possession of|found to be in possession of"
                r"|found(?=\s+(?:(?:more than|over|about|around|nearly|some|at least|almost|an estimated)\s+)?"
                r"(?:\d|one\b|two\b|three\b|four\b|five\b|six\b|seven\b|eight\b|nine\b|ten\b|a dozen\b"
                r"|dozens\b|hundreds\b|thousands\b))|unearthed|dug out|yielded", "seize", "A", _GOODS),
    TriggerWord(r"discover(?:s|ed|ing)?|detect(?:s|ed|ing)?", "seize", "AP",
                frozenset({"item", "money", "kg", "case"}), (("case", "investigate"),)),
    TriggerWord(r"hauls?(?: of)?", "seize", "N", _GOODS),
    TriggerWord(r"stopped", "seize", "P", _MONEY),
    # transfer
    TriggerWord(r"repatriat(?:e|es|ed|ing)", "transfer", "AP", _PERSON),
    TriggerWord(r"repatriations?", "transfer", "NC", _PERSON),
    TriggerWord(r"extradit(?:e|es|ed|ing)", "transfer", "AP", _PERSON),
    TriggerWord(r"extraditions?", "transfer", "NC", _PERSON),
    TriggerWord(r"deport(?:s|ed|ing)?", "transfer", "AP", _PERSON),
    TriggerWord(r"deportations?", "transfer", "NC", _PERSON),
    TriggerWord(r"hand(?:s|ed|ing)? over", "transfer", "AP", _PEOPLE_OR_CASES),
    TriggerWord(r"handover", "transfer", "N", _PERSON),
    TriggerWord(r"turn(?:s|ed|ing)? over", "transfer", "AP", _PERSON),
    # money returned to the people a crime took it from is restitution ("returned $2.3 billion to consumers")
    TriggerWord(r"returned|repaid|paid back", "transfer", "AP", frozenset({"person", "money"}), (("money", "fine"),)),
    TriggerWord(r"return", "transfer", "N", _PERSON),
    TriggerWord(r"(?:sent|escorted|brought|transported|flown) (?:back|home)", "transfer", "P", _PERSON),
    TriggerWord(r"escorted", "transfer", "A", _PERSON),
    TriggerWord(r"removals?|expulsions?", "transfer", "NC", _PERSON),
    TriggerWord(r"forward(?:s|ed|ing)?", "transfer", "AP", _CASES),
    TriggerWord(r"transferred", "transfer", "AP", _PEOPLE_OR_CASES),
    # investigate
    TriggerWord(r"investigat(?:e|es|ed|ing)", "investigate", "AP", _PEOPLE_OR_CASES),
    TriggerWord(r"investigations? into", "investigate", "N", _PEOPLE_OR_CASES),
    TriggerWord(r"under investigation", "investigate", "S", _PERSON),
    TriggerWord(
        r"assisting (?:the )?(?:police )?(?:in|with) (?:their |its |the )?(?:investigations?|inquiries|enquiries)",
        "investigate", "S", _PERSON
    ),
    # "there are 82 suspects in the investigation": the people an investigation names
    TriggerWord(r"(?<=suspects )in (?:the|this) (?:investigation|probe|inquiry|case)(?=\s*[.;]|\s+so far\b)",
                "investigate", "S", _PERSON),
    TriggerWord(r"crackdowns? on", "investigate", "N", _CASES),
    TriggerWord(r"investigations", "investigate", "C", _CASES),
    TriggerWord(r"launch(?:es|ed|ing)?|(?:the )?launch of|(?:were |was )?taken up for investigation",
                "investigate", "APN", _CASES),
    TriggerWord(r"identif(?:y|ies|ied|ying|ication of)", "investigate", "APN", _PEOPLE_OR_CASES,
                object_actions=((VICTIM_NOUNS, "rescue"),)),
    TriggerWord(r"prob(?:e|es|ed|ing)", "investigate", "AP", _PEOPLE_OR_CASES),
    # tracing people or cases is investigating; tracing money finds what the crime took
    TriggerWord(r"trac(?:e|es|ed|ing)|(?:the )?tracing of", "investigate", "APN",
                frozenset({"person", "case", "money"}), (("money", "harm"),)),
    TriggerWord(r"questioned|interrogated|summoned", "investigate", "AP", _PERSON),
    TriggerWord(
        r"filed|opened|registered|recorded|reported|handled|accepted|established|lodged|logged"
        r"|process(?:es|ed|ing)?|initiat(?:e|es|ed|ing)|receiv(?:e|es|ed|ing)",
        "investigate",
        "AP",
        frozenset({"case", "item"}),
    ),
    # solve
    TriggerWord(r"solv(?:e|es|ed|ing)", "solve", "AP", _GROUPS),
    TriggerWord(r"crack(?:s|ed|ing)?(?: down on)?", "solve", "AP", _GROUPS),
    TriggerWord(r"bust(?:s|ed|ing)?", "solve", "AP", _GROUPS, (("person", "arrest"),)),
    TriggerWord(r"dismantl(?:e|es|ed|ing)", "solve", "AP", _GROUPS),
    TriggerWord(r"destroy(?:s|ed|ing)?", "solve", "AP", _GROUPS),
    TriggerWord(
        r"(?:took|taken|broke|broken|shut|took|taken) (?:apart|up|down)|smashed", "solve", "AP", _GROUPS
    ),
    TriggerWord(r"resolv(?:e|es|ed|ing)", "solve", "AP", _GROUPS),
    TriggerWord(r"resolution", "solve", "N", _GROUPS),
    TriggerWord(r"uncover(?:s|ed|ing)?", "solve", "AP", _GROUPS),
    # rescue
    TriggerWord(r"rescu(?:e|es|ed|ing)", "rescue", "APN", _PERSON),
    TriggerWord(r"freed|saved|safeguarded|reunited", "rescue", "AP", _PERSON),
    # money an agency helped save or preserved was kept from the crime, as a seizure is ("has helped
    # save Rs 7,130 crore"); a bare "save $21" is a shop's offer, not a figure
    TriggerWord(r"help(?:s|ed|ing)? (?:to )?sav(?:e|ed|ing)", "seize", "A", _MONEY),
    TriggerWord(r"preserv(?:e|es|ed|ing)", "seize", "AP", _GOODS),
    TriggerWord(r"assist(?:s|ed|ing)?|help(?:s|ed|ing)?|shelter(?:s|ed|ing)?|support(?:s|ed|ing)?|cared for"
                r"|(?:took|taken|take|takes|taking) in",
                "rescue", "AP", _PERSON, objects=VICTIM_NOUNS),
    # discipline
    TriggerWord(r"punish(?:es|ed|ing)?", "discipline", "AP", _PERSON),
    TriggerWord(
        r"received (?:disciplinary |administrative |party )?(?:punishments?|penalties|sanctions)",
        "discipline",
        "S",
        _PERSON,
    ),
    TriggerWord(r"disciplined|dismissed|expelled|demoted", "discipline", "AP", _PERSON,
                object_actions=((FOREIGNER_NOUNS, "transfer"),)),
    TriggerWord(r"removed from (?:office|(?:their )?posts?)", "discipline", "P", _PERSON),
    TriggerWord(r"held accountable", "discipline", "P", _PERSON),
    # harm
    TriggerWord(
        r"swindl(?:e|es|ed|ing)|defraud(?:s|ed|ing)?|cheat(?:s|ed|ing)?|dup(?:e|es|ed|ing)"
        r"|conn(?:ed|ing)|scamm(?:ed|ing)|fleec(?:e|es|ed|ing)|bilk(?:s|ed|ing)?",
        "harm",
        "APN",
        frozenset({"money", "person"}),
    ),
    TriggerWord(
        r"stole|stolen|steal(?:s|ing)?|embezzl(?:e|es|ed|ing|ement)|launder(?:s|ed|ing)?"
        r"|misappropriat(?:e|es|ed|ing)|extort(?:s|ed|ing)?|reaped|lost|losing",
        "harm",
        "AP",
        _MONEY,
    ),
    TriggerWord(r"loss(?:es)?", "harm", "NC", _MONEY),
    TriggerWord(r"hoodwink(?:s|ed|ing)?|trick(?:s|ed|ing)?|lur(?:e|es|ed|ing)|exploit(?:s|ed|ing)?",
                "harm", "A", frozenset({"money", "person"})),
    TriggerWord(r"traffick(?:s|ed)", "harm", "A", frozenset({"money", "kg", "item", "person"})),
    TriggerWord(r"smuggl(?:e|es|ed|ing)|divert(?:s|ed|ing)?|siphon(?:s|ed|ing)?"
                r"|disburs(?:e|es|ed|ing)|earn(?:s|ed|ing)?|pocket(?:s|ed|ing)?|amass(?:es|ed|ing)?",
                "harm", "A", frozenset({"money", "kg", "item"})),
    TriggerWord(r"shootings?|robberies|burglaries|thefts", "harm", "C", _CASES),
    TriggerWord(r"kill(?:s|ed|ing)?|injur(?:es|ed|ing)|murder(?:s|ed|ing)?", "harm", "AP", _PERSON),
    # "shootings that resulted in 14 victims": the victims a crime left
    TriggerWord(r"(?:resulted|resulting|results) in|left", "harm", "A", _PERSON, objects=VICTIM_NOUNS),
)

# Linking prepositions that join a nominal trigger to its number ("arrest of", "charges against").
NOMINAL_LINKS: frozenset[str] = frozenset(
    {
        "of",
        "against",
        "into",
        "with",
        "on",
        "for",
        "totaling",
        "totalling",
        "worth",
        "amounting",
        "to",
        "including",
        "totaled",
        "totalled",
        "reached",
        "numbered",
        "stood",
        "hit",
        "involving",
    }
)

# Words that end a list item, so the next number continues the list ("33 guns and 219 knives").
LIST_SEPARATORS: frozenset[str] = frozenset(
    {"and", "or", "including", "plus", "as well as", "besides", "along with", "together with"}
)

# Head nouns that say what a number counts.
PERSON_NOUNS: frozenset[str] = words("""
people persons person individuals individual suspects suspect men man women woman children child
boys girls minors juveniles defendants defendant offenders offender fugitives fugitive members
member nationals national foreigners foreigner citizens citizen residents migrants migrant workers
worker employees employee officials official officers officer cadres cadre victims victim criminals
managers manager directors director staffers clerks accountants guards drivers driver
fraudsters fraudster scammers scammer gamblers gambler dealers dealer traffickers trafficker
smugglers smuggler mules mule leaders leader ringleaders ringleader kingpins kingpin bosses
operators operator owners owner doctors doctor nurses pharmacists professionals executives executive
students student others users addicts addict deportees deportee arrestees arrestee detainees
detainee inmates prisoners prisoner accomplices accomplice players figures lives heads head
perpetrators perpetrator culprits culprit gangsters gangster agents agent brokers broker staff
personnel inspectors inspector chinese indonesians vietnamese malaysians thais filipinos koreans
japanese taiwanese cambodians americans nigerians indians britons burmese myanmar vanuatu
australians africans europeans individuals' persons' businessmen businessman lawyers lawyer
teenagers adults investors investor
""")

CASE_NOUNS: frozenset[str] = words("""
cases case frauds crimes crime offences offenses offence offense incidents incident reports report
scams scam lawsuits lawsuit actions action complaints complaint probes probe investigations
investigation violations violation matters
""")

GROUP_NOUNS: frozenset[str] = words("""
gangs gang groups group networks network rings ring syndicates syndicate companies company firms
firm platforms platform dens den banks organisations organizations organization organisation teams
cartels cartel hubs hub labs lab laboratories laboratory factories factory workshops workshop centres centers centre center
operations outfits cells cell clans families
""")

ITEM_NOUNS: frozenset[str] = words("""
weapons weapon guns gun firearms firearm knives knife swords sword machetes knuckledusters rifles
pistols ammunition rounds bullets explosives detonators phones phone cellphones devices device
computers computer laptops laptop cards sim accounts account vehicles vehicle cars car motorcycles
boats vessels vessel properties property houses buildings apartments assets items goods products
packages parcels pills tablets doses bottles banknotes notes bills websites website apps domains
servers tons tablets animals specimens tusks shipments containers cigarettes sticks packs cartons
watches handbags passports documents clues cards' lines tickets
""")

# Head nouns that make a number not a figure (participants, means, time, places).
EXCLUDED_NOUNS: frozenset[str] = words("""
countries country nations nation states provinces province regions region cities city districts
counties jurisdictions territories agencies agency ministries departments forces police operations
operation raids raid searches search warrants warrant hits hit crosschecks checks days day weeks
week months month years year hours hour minutes decades times locations location sites premises
addresses homes schools students' treaties treaty counts count categories category languages
officers' participants member-country partners partner patrols checkpoints teams' floors deaths
fatalities accidents fires injuries kilometres kilometers km miles metres meters lectures
""")

# Words allowed between a number and its head noun ("67,000 [suspected telecom] individuals").
HEAD_SKIP_MAX = 7

# Nouns that are a kind of money when they follow an amount ("$2.5 million fine").
FINE_NOUNS: frozenset[str] = frozenset(
    {
        "fine",
        "fines",
        "penalty",
        "penalties",
        "restitution",
        "forfeiture",
        "disgorgement",
        "settlement",
        "settlements",
    }
)

# Verbs that end a left-hand search: a number after them belongs to them, not to an earlier trigger.
BLOCKING_WORDS: frozenset[str] = words("""
said says say told added noted stated announced reported revealed explained urged warned identified
visited searched raided deployed participated launched conducted carried checked made took gave
found involved involving received included includes include became become worked work operated hired
recruited issued set sent met held led leading leads showed shows showing declined rose fell grew
dropped increased decreased which who whom whose while whereas but because although though when
after before since until unless if whether where as according
""")

# -ed words that are adjectives in a noun phrase, not verbs that end a search.
ADJECTIVE_ED: frozenset[str] = words("""
suspected alleged related organised organized wanted armed unlicensed licensed unregistered
registered undocumented accused convicted detained arrested based linked connected involved unnamed
named skilled trained unidentified identified reported estimated combined seized stolen
counterfeited illegal-related drug-related fraud-related gambling-related so-called red-handed
""")

# Auxiliaries and adverbs that may sit between a counted noun and its passive participle.
AUXILIARIES: frozenset[str] = words("""
were was are is be been being have has had got get gets will would could may might also successfully
reportedly allegedly later recently already subsequently eventually all then earlier previously now
since reportedly simultaneously jointly respectively each collectively finally ultimately so far
variously separately formally
""")

# Determiners and fillers allowed between a trigger and its number.
GAP_FILLERS: frozenset[str] = words("""
the a an another other additional further some total totaling totalling of a record nearly over all
at least more than about around approximately roughly almost up to no fewer less in excess estimated
as many much close to just only respectively altogether
""")

# Words saying that a penalty is possible rather than imposed.
STATUTORY_CUES: tuple[str, ...] = (
    r"faces?",
    r"facing",
    r"could",
    r"can",
    r"may",
    r"might",
    r"would",
    r"maximum",
    r"punishable",
    r"carr(?:y|ies)",
    r"liable",
    r"if (?:found guilty|convicted)",
    r"comes? with",
    r"up to a",
    r"potential",
    r"possible",
)

# Change words and their sign.
INCREASE_WORDS: frozenset[str] = words("""
increase increased increases increasing rise rose risen rising up grew grown growth grow growing
jump jumped jumps surge surged surging climb climbed soar soared higher more spike spiked
""")
DECREASE_WORDS: frozenset[str] = words("""
decrease decreased decreases decreasing decline declined declines declining drop dropped drops fell
fall falls fallen falling down lower fewer less plunge plunged plummet plummeted dip dipped slump
slumped shrank shrunk reduction reduced
""")

# Words before a number that make it a share or a rate, not a figure.
SHARE_CUES: frozenset[str] = frozenset({"proportion", "percentage", "share", "rate", "ratio"})

# Weapons named as what was seized: a crime of their own ("illegal firearms"), but too generic to
# name the crime of a figure that has a specific one near.
_WEAPONS = (
    r"(?:(?:illegal|unlicen[sc]ed|illicit|prohibited|unregistered|loaded)\s+)?"
    r"(?:fire ?arms?|(?:hand)?guns?|rifles?|pistols?|revolvers?|ammunition|weapons?)"
)

# Crime vocabulary: (pattern, category). The first term of a coordinated phrase sets the category.
CRIME_TERMS: tuple[tuple[str, str], ...] = (
    (
        (
            r"insider trading|market manipulation|securities(?: fraud| laws?| market)?|stock manipulation"
            r"|(?:non-?|il)?legal disclosure|non-?disclosure|misrepresentation|private equity"
            r"|accounting fraud|listed compan(?:y|ies)|pump[- ]and[- ]dump"
        ),
        "securities",
    ),
    (
        (
            r"smuggl\w+ (?:of )?(?:illegal |dangerous )?(?:drugs"
            r"|narcotics|methamphetamine|cocaine|heroin|cannabis"
            r"|marijuana|meth|ketamine|fentanyl)"
            r"|(?:illicit |illegal |synthetic )?drugs?(?:[- ]related)?(?: crimes?"
            r"| trafficking| traffickers?| dealing| dealers?| smuggling| smugglers?| runners?| mules?"
            r"| production| manufacturing| offen[cs]es)?|narcotics?"
            r"|(?:(?:crack )?cocaine|heroin|(?:crystal |liquid )?meth\w*"
            r"|ketamine|cannabis|marijuana|hashish|fentanyl|opium|ecstasy|tramadol)"
            r"(?: smuggling| trafficking| dealing| smugglers?| traffickers?| dealers?)?|precursors?(?: chemicals)?"
            r"|county lines(?: drug dealing)?|stimulants|anti-drug|narco\w*"
        ),
        "drugs",
    ),
    (r"(?:illegal |online |cross-border |underground )*gambl\w+|casinos?|betting|pogo|lottery", "gambling"),
    (
        (
            r"(?:human|people|child|children|women and child(?:ren)?"
            r"|sex|labou?r) trafficking|trafficking in persons"
            r"|trafficked|abduct\w+|modern slavery|forced labou?r"
            r"|kidnap\w* (?:of )?(?:women|children|girls|boys|babies|infants|minors)(?: and (?:women|children))?"
        ),
        "trafficking",
    ),
    (r"money[- ]laundering|launder\w*|money mules?|underground bank\w*|black money", "money_laundering"),
    (
        (
            r"corrupt\w*|graft|brib\w+|embezzl\w+|misappropriat\w+|kickbacks?|abuse of power"
            r"|dereliction of duty|anti-graft|disciplinary"
        ),
        "corruption",
    ),
    (
        (
            r"(?:migrant |human |cigarette |fuel |gold |wildlife )?smuggl\w+|contraband"
            r"|illicit (?:cigarettes|tobacco|alcohol|fuel)"
        ),
        "smuggling",
    ),
    (
        (
            r"(?:(?:cross-border|transnational|international|online|internet|telecoms?|telecommunications?"
            r"|telecom network|wire|health ?care|investment|romance|phone|voice|financial|bank|insurance"
            r"|securities|tax|loan|job|e-commerce|advance[- ]fee|identity|benefit|welfare|economic|cyber"
            r"|call[- ]cent(?:re|er)|credit card|mortgage|(?:and|or) online|and internet)[- ])*"
            r"(?:fraud\w*|defraud\w*|scam\w*|swindl\w*|phishing"
            r"|deception|cheating|con artists?|ponzi schemes?"
            r"|pyramid schemes?|impersonation|financial crimes?)"
        ),
        "fraud",
    ),
    (
        r"cyber ?crimes?|hacking|ransomware|malware|cyber[- ]attacks?|using the internet to commit \w+",
        "cybercrime",
    ),
    (
        (
            r"rape|sexual (?:assault|abuse|exploitation)|child sex\w*|sex offen[cs]es|obscene|pornograph\w+"
            r"|child[- ](?:abuse|exploitation)(?:[- ]related)?(?: offen[cs]es| material)?"
        ),
        "sexual",
    ),
    (
        (
            r"(?:serious )?violent crimes?|murder\w*|homicides?|assaults?|shootings?|killings?|arson"
            r"|terror\w*|extremis\w+|explosions?|(?:gun|armed) violence|guns or explosions|abuse|kidnap\w*"
            r"|gun (?:murders?|crimes?|killings?)"
        ),
        "violence",
    ),
    (
        (
            r"theft|thefts|steal\w*|stolen|robber\w*|burglar\w*|property crimes?|cashpoint explosions|looting"
            r"|shoplifting"
        ),
        "theft",
    ),
    (
        (
            r"organi[sz]ed crime|mafia|triads?|'ndrangheta|‘ndrangheta|crime famil(?:y|ies)"
            r"|criminal organi[sz]ations?"
        ),
        "organized_crime",
    ),
    (
        (
            r"counterfeit\w*|illegal fishing|intellectual property"
            r"|food(?:-related)? (?:safety|offen[cs]es|crimes?)"
            r"|crimes? related to (?:food|the environment"
            r"|intellectual property)[^.;]{0,60}|extremist propaganda"
            r"|obstruct\w+ (?:arrest|justice)|illegal (?:trade|sale) in \w+(?: \w+)?"
            r"|ivory|wildlife (?:trophies|products|crimes?|trafficking)|rhino horns?|pangolin scales"
            r"|food-related|doping|economic crimes?|illegal border crossing|illegal immigration|undocumented"
            r"|without a visa|tax evasion|poaching|environmental crimes?"
            r"|violat\w+ of (?:the )?(?:residency|residence|labou?r|border security|immigration|visa)\b[\w ]{0,20}"
            r"|(?:residency|immigration|visa|labou?r law) (?:violations|violators|offen[cs]es)|illegal stay"
            r"|immigration enforcement|cult(?:ism|ists?)|gun-?runn\w+|arms (?:trafficking|dealing)"
            rf"|{_WEAPONS}"
        ),
        "other",
    ),
)

# Crime words too generic to name a figure's crime when a specific one is near.
WEAK_CRIME_TERMS: tuple[str, ...] = (
    r"criminal organi[sz]ations?",
    r"crime famil(?:y|ies)",
    r"stolen",
    r"explosions?",
    r"underground bank\w*",
    r"obscene",
    r"abuse",
    r"triads?",
    r"mafia",
    r"contraband",
    r"casinos?",
    r"pogo",
    r"betting",
    r"lottery",
    r"disciplinary",
    r"terror\w*",
    _WEAPONS,
)

# Coordinators that join two crime terms into one phrase.
CRIME_JOINERS: tuple[str, ...] = (" and ", " or ", ", ", ", and ", " as well as ")
