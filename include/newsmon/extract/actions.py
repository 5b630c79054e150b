"""The figures of one sentence: which action governs each number, and what it measures.

For every number the drafter weighs the action words around it: an active verb on its left
("arrested 42 people"), a passive on its right ("42 people were arrested"), a nominalization ("the
arrest of 42 people"), a counted noun ("42 arrests"), the total it breaks down ("including 12
women"), the value it is compared with ("up from 754") or, for money and victims, the harm a crime
did. Changes ("a 58.5 percent increase") take the action of what changed; prison terms need a
sentence actually imposed. Participants, ages, dates, labels, possible penalties and shares are left
out. Pure: no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from newsmon.extract.heads import (
    HEAD_STOPS,
    TRIGGER_PATTERNS,
    Head,
    Trigger,
    counted_at,
    default_unit,
    find_triggers,
    read_head,
)
from newsmon.extract.lexicon import (
    ACTIVE,
    ADJECTIVE_ED,
    AUXILIARIES,
    BLOCKING_WORDS,
    COUNTED,
    CRIME_TERMS,
    DECREASE_WORDS,
    FINE_NOUNS,
    GAP_FILLERS,
    INCREASE_WORDS,
    LIST_SEPARATORS,
    NOMINAL,
    NOMINAL_LINKS,
    PASSIVE,
    SHARE_CUES,
    STATUTORY_CUES,
    SUBJECT,
)
from newsmon.extract.lists import is_item_gap
from newsmon.extract.numbers import Quantity, find_quantities

__all__ = ["Draft", "draft_sentence"]

_GAP_TOKEN = re.compile(r"[\w'’\-.%$£€₹₦]+|,")
_UNIT_DEFAULTS = {
    "arrest": "person",
    "charge": "person",
    "convict": "person",
    "sentence": "person",
    "transfer": "person",
    "rescue": "person",
    "discipline": "person",
    "investigate": "person",
    "solve": "case",
    "fine": "person",
    "harm": "person",
    "seize": "item",
}
_PERSON_ACTIONS = frozenset({"arrest", "rescue", "discipline", "convict", "sentence"})
_BE_FORMS = frozenset({"were", "was", "are", "is", "been", "being", "be", "got", "get"})
_BOUNDARY = re.compile(
    r"[;:()\[\]?!]|\s[—–-]\s(?!\s*including\b)|[—–](?!\s*including\b)"
    r"|,\s+(?:who|which|while|whereas|but)\b"
)
_IN_CASES_BEFORE = re.compile(
    r"\b(?P<link>involved in|linked to|connected (?:to|with)|in connection with|related to"
    r"|tied to|in)\s+(?:the\s+|a\s+total\s+of\s+)?$",
    re.IGNORECASE,
)
_INCLUDE_BEFORE = re.compile(
    r"\b(?:includ(?:ing|es|ed|e)|compris(?:ed|es|ing|e)|consist(?:ed|s|ing)? of)\s*$", re.IGNORECASE
)
_BREAKDOWN_BEFORE = re.compile(
    r"(?:\bamong (?:them|whom|those)(?: were)?|\bof (?:them|whom|which|those)|\bsuch as"
    r"|:|\bincluding)\s*,?\s*$",
    re.IGNORECASE,
)
_BREAKDOWN_START = re.compile(
    r"^\s*(?:(?:of|among) (?:them|these|those|whom|the\b[^,]{0,60})|in all|in total"
    r"|(?:these|the|this|those) (?:[a-z]+ )?(?:includ\w*|compris\w*|consist\w* of)"
    r"|(?:they|it|this|these) (?:includ\w*|compris\w*|consist\w* of))\b",
    re.IGNORECASE,
)
_COPULA_AFTER = re.compile(r"^\s+(?:of (?:them|whom|those|these)\s+)?(?:were|are|was|is)\b", re.IGNORECASE)
_CONVERSION_BEFORE = re.compile(
    r"\(\s*(?:about|approximately|approx\.|around|some|roughly|nearly|or|equivalent"
    r" to|worth)?\s*$",
    re.IGNORECASE,
)
_CONVERSION_GAP = re.compile(r"\s*(?:,?\s*or|\(|/)\s*", re.IGNORECASE)
_LABEL_BEFORE = re.compile(
    r"\b(?:Terminal|Section|Branch|Article|Act|Chapter|Rule|Room|Flight|Route|Highway"
    r"|Level|Phase|No\.?|Number|Docket|Gate|Building|Block|Unit|Lot|Pier|Zone|Precinct"
    r"|Ward|Batch|Squad|Class|Grade|Part|Annex|Schedule|Title|Platform|Channel|Page"
    r"|Vol\.?|Issue|Episode|Tel|Phone|Fax|License|Licence|Registration|ID|Code|Ref"
    r"|[A-Z]{2,3})\s*[:#]?\s*$"
)
_LIST_BEFORE = re.compile(r"\b(?:list of|top|wanted)\s+$", re.IGNORECASE)
_MOST_WANTED_AFTER = re.compile(r"^\s*(?:most[- ]wanted|top)", re.IGNORECASE)
# "a man identified as Mr Tan, 48," inside the gap between a verb and its number: a name, not a clause
_APPOSITIVE_NAME = re.compile(
    r"\b(?:identified|named|known)\s+as\s+(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}"
    r"(?:,\s*\d{1,2})?(?=,)"
)
_MULTIPLE_OF_AFTER = re.compile(
    r"\s+(?:(?:last|the\s+previous)\s+year'?s|(?:that|those)\s+of\s+(?:last\s+year|the\s+previous\s+year|(?:19|20)\d\d))\b",
    re.IGNORECASE,
)
_DIFFERENCE_AFTER = re.compile(r"\s+(?:fewer|more)\s+(?:[\w-]+\s+){0,4}?(?:than|compared)\b", re.IGNORECASE)
_CONTAINER_BEFORE = re.compile(r"\b(?:from|in|inside|within|into)\s+(?:the\s+)?$", re.IGNORECASE)
_CONTAINER_AFTER = re.compile(
    r"\s+(?:[a-z-]+\s+)?(?:safes?|suitcases?|lockers?|vaults?|bags?|boxes|crates?|containers?|sacks?|trunks?"
    r"|cartons?|drums?|barrels?)\b",
    re.IGNORECASE,
)
# "230 Lott Avenue", "41 North Elm St.": a street number, not a count
_STREET_AFTER = re.compile(
    r"^(?:\s+[A-Z][\w'’.-]*){1,3}\s+(?:Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Boulevard|Blvd|Drive|Dr"
    r"|Way|Place|Pl|Highway|Hwy|Parkway|Pkwy|Terrace|Crescent)\b(?!\s+(?!(?:was|is|has|does)\b)[a-z]+s\b)"
)
_AGE_COMMAS = re.compile(
    r"\b(?:man|woman|men|women|boy|girl|suspect|driver|businessman|businesswoman|national"
    r"|resident|student|mother|father|son|daughter|[A-Z][a-z]+),\s*$"
)
# "two of the defendants — including X, who ... — were arraigned", "12 people (nine of them minors) were held"
_ASIDE = re.compile(r"\s[—–]\s[^—–;]{1,200}?\s[—–]\s|\s?\([^()]{1,120}\)")
_NOT_AN_OUTCOME_BEFORE = re.compile(
    r"\benough\b[^.;]{0,60}?\bto\s+[a-z]+\s+$|\b(?:the\s+)?equivalent(?:\s+weight)?\s+of\s+$"
    r"|\ban\s+average\s+of\s+$|\bon\s+average\s+$",
    re.IGNORECASE,
)
_AGE_IN_BRACKETS = re.compile(
    r"\b(?:man|woman|men|women|boy|girl|suspect|driver|national|resident|student|mother|father|son"
    r"|daughter|teenager|pensioner|victim|defendant)\s*\(\s*$",
    re.IGNORECASE,
)
_EACH_AFTER = re.compile(r"^\s*(?:each|apiece|per (?:person|victim|head|month|year|day))\b", re.IGNORECASE)
_STATUTORY = re.compile(r"\b(?:" + "|".join(STATUTORY_CUES) + r")\b", re.IGNORECASE)
_SHARE_AFTER = re.compile(
    r"^\s*(?:of\b(?!\s+(?:the\s+)?(?:cases|suspects))|are\b|were\b|each\b|is\b)", re.IGNORECASE
)
_LEVEL_BEFORE = re.compile(r"\b(?:from|to|at)\s+$", re.IGNORECASE)
_HARM_MONEY_CUE = re.compile(
    r"\b(?:involv\w+|worth|totall?ing|amount(?:ed|ing)? to|netted|generat\w+|reap\w*"
    r"|lost|losses|loss|losing|cheat\w*|swindl\w+|defraud\w*|scam\w*|fraud\w*|dup\w+|conned"
    r"|stole|stolen|embezzl\w+|launder\w*|illegal gains|proceeds|claims|bribes?|cost)\b",
    re.IGNORECASE,
)
_SEIZED_VALUE_CUE = re.compile(
    r"\b(?:haul|seiz\w+|confiscat\w+|hidden|stash\w*|shipment|consignment|intercept\w*"
    r"|netted|recovered|found)\b",
    re.IGNORECASE,
)
_CRIME_AFTER_MONEY = re.compile(
    r"^\s*(?:in\s+)?(?:[\w-]+\s+){0,3}?(?:fraud|scams?|schemes?|swindles?|ponzi"
    r"|conspiracy|racket|embezzlement|scandal|bribes?|kickbacks?|losses|loss|claims)\b",
    re.IGNORECASE,
)
_DRUG_WORDS = re.compile(
    r"\b(?:drugs?|narcotics?|cocaine|heroin|meth\w*|ketamine|cannabis|marijuana|hashish"
    r"|fentanyl|opium|ecstasy|ice|pills)\b",
    re.IGNORECASE,
)
_VICTIM_HEADS = frozenset({"victims", "victim"})
_VIOLENCE = re.compile(
    r"\b(?:gunm[ae]n|shoot\w*|stabb\w*|attack\w*|bomb\w*|murder\w*|homicide|terror\w*"
    r"|massacre|rampage|spree|assault\w*|violen\w+|killers?|gang)\b",
    re.IGNORECASE,
)
_LIST_GAP = re.compile(r"[\s,]*(?:(?:from|in|of)\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?[\s,]*)?(?:and\s+|or\s+)?")
_VALUE_OF_BEFORE = re.compile(r"\b(?:worth|valued at|value of)\s+$", re.IGNORECASE)
# the value of goods: "valued at R4.2m", "whose value amounted to", "a street value of", "worth of"
_GOODS_VALUE_BEFORE = re.compile(
    r"\b(?:(?:worth|valued|value[sd]?)(?:\s+(?:at|of|amounted to|amounting to|reached|was|is|stood at))?"
    r"(?:\s+(?:an?\s+)?(?:estimated|approximately|about|around|some|nearly|over|more than))?)\s+$",
    re.IGNORECASE,
)
# the crime moving goods in the sentence itself: what they were worth is what the crime moved,
# even in a story that seized other goods
_CRIME_MOVED_BEFORE = re.compile(
    r"\b(?:smuggl(?:e|ed|ing)|to\s+market|market(?:ed|ing)|sold|sell(?:ing)?|traffick(?:ed|ing)"
    r"|distribut(?:e|ed|ing|ion))\b"
    r"[^.;]*\b(?:worth|valued|value)\b",
    re.IGNORECASE,
)
# a crime tried and stopped: what "attempted to smuggle" carried was seized, and a loss averted
# ("averted a potential loss of Sh16.5 billion") was kept from the crime
_FOILED_BEFORE = re.compile(
    r"\b(?:(?:attempt(?:s|ed|ing)?|tr(?:y|ied|ying)|plann?(?:ed|ing))\s+to"
    r"|(?:avert|prevent|avoid|foil|thwart|stopp?)(?:s|ed|ing)?(?:\s+(?:a|an|the))?"
    r"(?:\s+(?:potential|possible|likely|further|huge|massive))?)\s+$",
    re.IGNORECASE,
)
_CHANGE_NOUN_AFTER = re.compile(
    r"^\s+(?:increase|decrease|rise|drop|surge|jump|decline|fall|growth|reduction|spike"
    r"|more|fewer|higher|lower)\b",
    re.IGNORECASE,
)
_CHANGE_VERB_BEFORE = re.compile(
    r"\b(?:increas\w*|decreas\w*|r[io]se|risen|rising|f[ae]ll\w*|drop\w*|declin\w*"
    r"|grew|grown|jump\w*|surg\w*|plummet\w*|plung\w*|soar\w*|climb\w*|up|down"
    r"|(?:an?|the)(?: \w+)? (?:increase|decrease|rise|drop|decline|fall|growth) of)"
    r"(?: by)?\s+$",
    re.IGNORECASE,
)
_PENALTY_BEFORE = re.compile(
    r"\b(?:fine|fined|penalty|penalties|jail|prison|imprisonment|term)\b", re.IGNORECASE
)
_COMPARED_BEFORE = re.compile(
    r"\b(?:up|down|rising|falling|rose|fell|increased|decreased|dropped|climbed"
    r"|compared)\s+(?:from|with|to)\s+$",
    re.IGNORECASE,
)
_NUMBER_OF = re.compile(r"\bnumber of\b", re.IGNORECASE)
_CHANGE_NOUN_FROM = re.compile(
    r"\b(?:a|the)\s+(?:[\w-]+\s+)?(?:rise|fall|drop|increase|decrease|decline|jump|reduction)\s+from\s+$", re.IGNORECASE
)
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:a\s+(?:total|high|low|peak)\s+of\s+)?$", re.IGNORECASE)
_CHANGED_TO = re.compile(
    r"\b(?:r[io]se|risen|rising|climb\w*|increas\w*|jump\w*|grew|grown|surg\w*|soar\w*|f[ae]ll\w*|drop\w*"
    r"|declin\w*|decreas\w*|plung\w*|plummet\w*)\s+(?:by\s+\S+\s+)?to\b",
    re.IGNORECASE,
)
_PURPOSE_BEFORE = re.compile(
    r"\b(?:for|seeking|seek|sought|wanted|warrants?)\s+(?:the|their|his|her)?\s*$", re.IGNORECASE
)
# An action noun as the subject of a verb that states its total: "seizures at the airport alone
# amounted to", "arrests this year stood at", "the confiscations totalled", "arrests fell to".
_TOTAL_GAP = re.compile(
    r"(?:\s+(?:of|at|in|by|from|during|on|across|this|last|so)\b[\w'’.\- ]{0,40}?)?(?:\s+alone)?"
    r"\s+(?:have\s+|has\s+)?(?:amount(?:ed|s)\s+to|total(?:l?ed|s)|c[oa]me\s+to|st(?:oo|an)ds?\s+at|reached"
    r"|numbered|(?:rose|fell|climbed|increased|decreased|dropped|declined|jumped|grew|surged)\s+to)(?:\s+(?:a\s+total\s+of|some|about|around|nearly|almost|over|more\s+than|at\s+least))?\s*",
    re.IGNORECASE,
)
# A term compared with or asked for, not imposed: "lower than the 12-year", "prosecutors sought 9 years"
_NOT_IMPOSED_TERM_BEFORE = re.compile(
    r"(?:\bthan\s+(?:the\s+|a\s+)?|\b(?:sought|demanded|requested|asked\s+for)\s+(?:a\s+|an\s+|the\s+)?)$",
    re.IGNORECASE,
)
_ELIDED_AFTER = re.compile(
    r"\s+(?:in|during|for)\s+(?:(?:19|20)\d{2}|last\s+year|the\s+previous\s+year|the\s+year\s+before)\b",
    re.IGNORECASE,
)
# A crime named right after a number and ending a list item: "371 armed robbery, 242 ..." (suspects)
_CRIME_ITEM = re.compile(
    r"\s+(?:[a-z-]+\s+)?(?:" + "|".join(pattern for pattern, _ in CRIME_TERMS)
    + r")(?![\w-])\s*(?:,|and\b|or\b|as well as\b)",
    re.IGNORECASE,
)
_SCHEME_VALUE_BEFORE = re.compile(
    r"\b(?:schemes?|scams?|frauds?|swindles?|ponzi|embezzlement)\s+(?:totall?ing|worth|valued\s+at|amounting\s+to"
    r"|involving)\s+(?:about\s+|approximately\s+|around\s+|nearly\s+|over\s+|more\s+than\s+|some\s+)?$",
    re.IGNORECASE,
)
_SHARED_TERM_UNIT = re.compile(
    r"\s+(?:and|or)\s+(?:\d{1,2}|[a-z]+(?:-[a-z]+)?)\s+(years?|months?)\b(?!\s+old)", re.IGNORECASE
)
_OWN_VERB_GAP = re.compile(r"\s*(?:(?:had|have|has|were|was|are|is|been|being|later|also|all)\s+)*", re.IGNORECASE)
_INDICTMENTS_AFTER = re.compile(r"\s+(?:separate\s+|sealed\s+)?(?:indictments?|criminal\s+complaints?)\b", re.IGNORECASE)
_NOT_GOODS_WORDS = HEAD_STOPS | BLOCKING_WORDS       # words after a number that name no goods
_CONTRAST_GAP = re.compile(r"\b(?:while|whereas|but|although|though|yet)\b", re.IGNORECASE)
_PARTICIPLE_ENDINGS = ("ed", "en", "wn", "ught", "eld", "ozen", "olen", "ken", "up", "over", "back", "home")


@dataclass(frozen=True, slots=True)
class _Choice:
    action: str
    trigger: Trigger | None
    score: float
    unit: str | None = None  # the unit to use when the number has no head noun
    side: str = ""  # "left" or "right" of the number, for coordinated verbs


@dataclass(frozen=True, slots=True)
class Draft:
    """A figure of one sentence before its attributes, offsets relative to the sentence."""

    action: str
    measure: str
    unit: str
    value: float
    value_max: float | None
    bound: str
    currency: str | None
    quantity: Quantity
    head_end: int
    trigger: Trigger | None
    score: float


@dataclass(frozen=True, slots=True)
class _Scene:
    """One sentence with its numbers and trigger words, and the figures already drafted around it."""

    text: str
    quantities: list[Quantity]
    triggers: list[Trigger]
    previous: list[Draft]
    dollar: str
    heading: str | None = None      # the action a sentence before stated without a number
    list_item: bool = False         # a bullet or result line
    seizing: bool = False           # the story has seized something before or in this sentence


def draft_sentence(sentence: str, dollar: str, previous: list[Draft], *, heading: str | None = None,
                   list_item: bool = False, seizing: bool = False) -> tuple[list[Draft], str | None]:
    """The figures of one sentence, and the action it states when it has no number at all (for the
    lines after it: "Confiscations included:" -> seize).

    ``previous`` are the figures of the sentence before (a breakdown takes their action),
    ``heading`` the action of an earlier line that stated one without a number, and ``list_item``
    says that the sentence is a bullet or result line under it. ``seizing`` says that the story has
    already seized something, so that the value of goods with no verb of their own is a seizure's.
    """
    triggers = find_triggers(sentence)
    seizing = seizing or any(t.word.action == "seize" for t in triggers)
    scene = _Scene(sentence, find_quantities(sentence), triggers, previous, dollar, heading, list_item, seizing)
    drafts: list[Draft] = []
    open_items: list[Quantity] = []
    for index, quantity in enumerate(scene.quantities):
        if _is_excluded_quantity(sentence, quantity, scene.quantities[:index]):
            continue
        made = _draft_quantity(scene, quantity, drafts)
        drafts.extend(made)
        if not made:
            open_items.append(quantity)
    if open_items and drafts:
        drafts = _join_list_items(scene, drafts, open_items)
    return drafts, (None if scene.quantities else _stated_action(scene))


def _stated_action(scene: _Scene) -> str | None:
    """The first action word other than harm, or the last one before the colon of a line that leads
    into a list ("They seized drugs and made the arrest of the following:")."""
    actions = [t.word.action for t in scene.triggers if t.word.action != "harm"]
    if not actions:
        return None
    return actions[-1] if scene.text.rstrip().endswith(":") else actions[0]


def _join_list_items(scene: _Scene, drafts: list[Draft], open_items: list[Quantity]) -> list[Draft]:
    """Numbers no action word reached take the action of a list item next to them ("seized 141 kg
    of ICE (methamphetamine), 23 kg of ketamine, and 128,000 pills"): forwards from an item its
    verb governs, and backwards from an item governed by a verb after it ("210 firearms, 3,172
    rounds and 118 vehicles were recovered")."""
    joined = list(drafts)
    changed = True
    while changed and open_items:
        changed = False
        for quantity in list(open_items):
            draft = _list_neighbour_draft(scene, quantity, joined)
            if draft is not None:
                joined.append(draft)
                open_items.remove(quantity)
                changed = True
    return sorted(joined, key=lambda d: d.quantity.start)


def _list_neighbour_draft(scene: _Scene, quantity: Quantity, drafts: list[Draft]) -> Draft | None:
    head = read_head(scene.text, quantity, scene.triggers)
    if head.excluded or quantity.unit in ("percent", "change", "year", "month", "week", "day"):
        return None
    own_unit = _measure_unit(quantity, head)
    if own_unit is None and _ELIDED_AFTER.match(scene.text, quantity.end):
        own_unit = "elided"     # "900 cases in 2021 and 750 in 2020": the noun of the item before
    elif own_unit is None and _CRIME_ITEM.match(scene.text, quantity.end):
        own_unit = "offenders"  # "371 armed robbery, 242 murder suspects": the suspects of a crime
    elif own_unit is None and _names_goods(scene.text, quantity):
        own_unit = "goods"  # "3,170 marijuana plants": a thing beside seized things, if one is near
    if own_unit is None or _counts_charges(scene.text, quantity, head):
        return None         # an item says what it counts: "23 kg", "50 vehicles", "S$2 million"
    counts = [d for d in drafts if d.measure not in ("change", "term")]
    before = [d for d in counts if d.head_end <= quantity.start]
    after = [d for d in counts if d.quantity.start >= head.end]
    neighbours = []
    if before:
        last = max(before, key=lambda d: d.quantity.start)
        if _nothing_between(scene, last.quantity.end, quantity.start):
            neighbours.append((last, scene.text[last.head_end : quantity.start]))
    if after:
        first = min(after, key=lambda d: d.quantity.start)
        from_right = first.trigger is not None and first.trigger.start > first.quantity.start
        if from_right and _nothing_between(scene, quantity.end, first.quantity.start):
            neighbours.append((first, scene.text[head.end : first.quantity.start]))
    for neighbour, gap in neighbours:
        if own_unit == "goods" and not (neighbour.action == "seize" and neighbour.unit in ("item", "kg")):
            continue
        if own_unit == "offenders" and neighbour.unit != "person":
            continue
        if own_unit == "elided" and not _ELIDED_AFTER.match(scene.text, neighbour.head_end):
            continue        # only a list of counts by time: "900 cases in 2021 and 750 in 2020"
        gap_start = scene.text.find(gap, min(neighbour.head_end, head.end))
        has_trigger = any(gap_start <= t.start < gap_start + len(gap) for t in scene.triggers)
        if not is_item_gap(gap, has_action_word=has_trigger, value=own_unit in ("money", "kg")):
            continue
        if neighbour.action == "seize" and own_unit == "person":
            continue
        item_unit = {"goods": "item", "offenders": "person", "elided": neighbour.unit}.get(own_unit, own_unit)
        made = _make_draft(scene.text, quantity, head, _Choice(neighbour.action, neighbour.trigger, 0.55),
                           item_unit, scene.dollar)
        if made is None or made.action != neighbour.action:
            continue
        if made.action == "harm" and made.unit == "person" and head.noun not in _VICTIM_HEADS:
            continue        # people listed beside what a crime did are not its victims ("and 150 members")
        return made
    return None


def _names_goods(sentence: str, quantity: Quantity) -> bool:
    """A number followed by a noun phrase no lexicon knows ("1,155 ecstasy tablets"), not by a
    preposition, a clause or punctuation."""
    match = re.match(r"\s+([A-Za-z][\w-]*)(?:\s+([A-Za-z][\w-]*))?", sentence[quantity.end :])
    if match is None or match.group(1).lower() in _NOT_GOODS_WORDS:
        return False
    first, second = match.group(1), match.group(2) or ""
    return first.islower() or second.islower()     # not a name: "230 Lott Avenue"


def _nothing_between(scene: _Scene, start: int, end: int) -> bool:
    """No other number stands between two positions of the sentence (but in brackets)."""
    return not any(start <= q.start and q.end <= end and not _in_parentheses(scene.text, q)
                   for q in scene.quantities)


def _is_excluded_quantity(sentence: str, quantity: Quantity, earlier: list[Quantity]) -> bool:
    before = sentence[max(0, quantity.start - 40) : quantity.start]
    after = sentence[quantity.end : quantity.end + 30]
    if quantity.value == 0 or quantity.unit == "times":
        return True
    if earlier and _is_conversion(sentence, earlier[-1], quantity):
        return True
    if _LABEL_BEFORE.search(before) or _LIST_BEFORE.search(before) or _MOST_WANTED_AFTER.match(after):
        return True
    if not quantity.currency and _STREET_AFTER.match(sentence[quantity.end : quantity.end + 50]):
        return True
    if quantity.unit is None and _DIFFERENCE_AFTER.match(sentence, quantity.end):
        return True         # "61 fewer shootings than a year before": a difference, not a count
    if _CONTAINER_BEFORE.search(before) and _CONTAINER_AFTER.match(after):
        return True         # "recovered $40,000 from three safes": where the goods were, not goods
    if (_AGE_COMMAS.search(before) and (after.startswith(",") or not after.strip())
            and quantity.value < 120 and not quantity.is_word):
        return True         # "Ana Ruiz, 34," or a list line "- Ana Ruiz, 34"
    if quantity.currency and _EACH_AFTER.match(after):
        return True
    if _AGE_IN_BRACKETS.search(before) and after.startswith(")") and quantity.value < 120 and not quantity.is_word:
        return True         # "a man (40) was sentenced": an age
    if _NOT_AN_OUTCOME_BEFORE.search(sentence[max(0, quantity.start - 80) : quantity.start]):
        return True         # "enough pills to kill 700,000", "the weight of 24 cars", "an average of 65"
    if quantity.is_word and quantity.value == 1 and re.match(r"\s+(?:was|is|has|had|who|day)\b", after):
        return True
    if re.match(r"-count\b", after, re.IGNORECASE):
        return True         # "a 36-count indictment": counts of charges (FIGURES.md)
    if quantity.is_word and quantity.value == 1 and re.search(r"\bnot\s+$", before, re.IGNORECASE):
        return True         # "is not one": a pronoun
    if _INDICTMENTS_AFTER.match(after) and re.search(r"\b(?:charged|indicted|named)\s+in\s+$", before, re.IGNORECASE):
        return True         # "charged in four indictments": the papers the charges are in, not people
    return quantity.unit == "percent" and bool(_SHARE_AFTER.match(after) or _LEVEL_BEFORE.search(before))


def _is_conversion(sentence: str, first: Quantity, second: Quantity) -> bool:
    """The same amount in another currency or weight unit: "66.6 billion yuan ($9.3 billion)",
    "eight million euros, or almost $12 million", "200 kilograms (about 440 pounds)"."""
    money = bool(first.currency and second.currency and first.currency != second.currency)
    weight = first.unit == second.unit == "kg" and _unit_word(sentence, first) != _unit_word(sentence, second)
    if not (money or weight):
        return False
    if _CONVERSION_BEFORE.search(sentence[max(0, second.start - 40) : second.start]):
        return True
    gap = sentence[first.end : second.start]
    if gap.strip() == ",":       # a list of amounts, unless the second is a rounded "about ..."
        return second.bound == "approx"
    return bool(_CONVERSION_GAP.fullmatch(gap))


def _unit_word(sentence: str, quantity: Quantity) -> str:
    words = re.findall(r"[a-z]+", sentence[quantity.num_end : quantity.end].lower())
    return words[-1][:3] if words else ""


def _draft_quantity(scene: _Scene, quantity: Quantity, drafts: list[Draft]) -> list[Draft]:
    if quantity.unit in ("percent", "change"):
        return _change_drafts(scene, quantity, drafts)
    if quantity.unit is None and not quantity.currency:
        shared = _SHARED_TERM_UNIT.match(scene.text, quantity.end)
        if shared is not None:      # "sentences of 99 and 70 years": the unit is written once
            quantity = replace(quantity, unit=shared.group(1).lower().rstrip("s"))
    if quantity.unit in ("year", "month", "week", "day"):
        return _term_drafts(scene, quantity)
    head = read_head(scene.text, quantity, scene.triggers)
    if head.excluded or _counts_charges(scene.text, quantity, head):
        return []
    unit = _measure_unit(quantity, head)
    results: list[Draft] = []
    for choice in _choose_actions(scene, quantity, head, unit, drafts):
        final_unit = unit or choice.unit or _UNIT_DEFAULTS.get(choice.action, "person")
        made = _make_draft(scene.text, quantity, head, choice, final_unit, scene.dollar)
        if made is not None and made.action == "harm" and made.unit != "person" and _is_foiled(scene.text, choice):
            made = replace(made, action="seize")    # "tried to smuggle 3 kg of heroin": the heroin was seized
        if (
            made is not None
            and made.action == "harm"
            and made.unit == "person"
            and head.noun not in _VICTIM_HEADS
            and not _harms_people(choice)
            and not _violent_context(scene.text)
        ):
            continue
        if made is not None and not _is_statutory(scene.text, quantity, made.action):
            results.append(made)
    return results


def _is_foiled(sentence: str, choice: _Choice) -> bool:
    """The crime was attempted and stopped ("attempting to smuggle cocaine valued at R4.2m")."""
    trigger = choice.trigger
    return trigger is not None and bool(_FOILED_BEFORE.search(sentence[max(0, trigger.start - 25) : trigger.start]))


def _harms_people(choice: _Choice) -> bool:
    """A fraud verb whose object is its victim ("defrauded 300 pensioners"): it takes people and money."""
    trigger = choice.trigger
    units = trigger.word.units or frozenset() if trigger is not None else frozenset()
    return trigger is not None and trigger.word.action == "harm" and {"person", "money"} <= units


def _counts_charges(sentence: str, quantity: Quantity, head: Head) -> bool:
    """Counts of charges or offences in a charge sheet ("charged 133 offenders with 457 offences")."""
    before = sentence[max(0, quantity.start - 12) : quantity.start].lower()
    return head.noun in ("offences", "offenses", "counts", "charges", "crimes") and before.rstrip().endswith(
        "with"
    )


def _measure_unit(quantity: Quantity, head: Head) -> str | None:
    if quantity.currency:
        return "money"
    if quantity.unit == "kg":
        return "kg"
    if head.counted is not None:
        return default_unit(head.counted) or "person"
    return head.unit


def _make_draft(
    sentence: str, quantity: Quantity, head: Head, choice: _Choice, unit: str, dollar: str
) -> Draft | None:
    action = _remapped(choice, unit, head)
    if unit == "money" and action != choice.action and _VALUE_OF_BEFORE.search(sentence[: quantity.start]):
        action = choice.action
    if not _unit_fits(action, unit, choice.trigger if action == choice.action else None):
        return None
    value = quantity.value
    if unit in ("person", "case", "group", "item") and value != int(value):
        decimals = str(quantity.value).split(".")[-1]
        if quantity.has_scale:
            value = round(value)
        elif len(decimals) == 3 and not quantity.is_word:
            value = round(value * 1000)
        if value != int(value):
            return None
    measure = {"money": "amount", "kg": "weight"}.get(unit, "count")
    currency = None
    if unit == "money":
        currency = dollar if quantity.currency == "$" else quantity.currency
    return Draft(
        action=action,
        measure=measure,
        unit=unit,
        value=value,
        value_max=quantity.value_max,
        bound=quantity.bound,
        currency=currency,
        quantity=quantity,
        head_end=head.end,
        trigger=choice.trigger,
        score=choice.score,
    )


def _remapped(choice: _Choice, unit: str | None, head: Head | None = None) -> str:
    """The action of a choice for what the number counts: its head noun first ("expelled" migrants
    are transferred, officials disciplined; "recovered" fugitives brought back), then its unit
    ("netted" money is harm, "recovered" people rescued)."""
    if choice.trigger is not None:
        if head is not None:
            for nouns, object_action in choice.trigger.word.object_actions:
                if head.noun in nouns:
                    return object_action
        for remap_unit, remap_action in choice.trigger.word.remap:
            if remap_unit == unit:
                return remap_action
    return choice.action


def _object_fits(choice: _Choice, head: Head) -> bool:
    """A trigger that acts on one class of things only ("assisted" victims) needs such a head."""
    objects = choice.trigger.word.objects if choice.trigger is not None else None
    return objects is None or head.noun in objects


def _unit_fits(action: str, unit: str, trigger: Trigger | None) -> bool:
    if trigger is not None and trigger.word.units is not None and trigger.word.action == action:
        return unit in trigger.word.units
    if action in _PERSON_ACTIONS:
        return unit == "person"
    if action == "transfer":
        return unit in ("person", "case")
    if action == "investigate":
        return unit in ("person", "case", "item")
    return True


def _choose_actions(
    scene: _Scene, quantity: Quantity, head: Head, unit: str | None, drafts: list[Draft]
) -> list[_Choice]:
    sentence = scene.text
    if head.counted is not None:
        return [_Choice(head.counted.word.action, head.counted, 0.95)]
    in_cases = _in_cases_choice(scene, quantity, unit, drafts)
    if in_cases is not None:
        return [in_cases]
    if unit == "money" and _SCHEME_VALUE_BEFORE.search(sentence[max(0, quantity.start - 50) : quantity.start]):
        return [_Choice("harm", None, 0.9)]    # "a fraud scheme totaling $150 million": what the crime took
    candidates = _left_choices(scene, quantity) + _right_choices(scene, quantity, head)
    money_fine = _money_noun_choice(sentence, quantity)
    if money_fine is not None:
        candidates.append(money_fine)
    candidates = [c for c in candidates if _object_fits(c, head)]
    usable = [c for c in candidates if c.action != "harm" and _fits_choice(c, unit)]
    if not usable:
        usable = [c for c in candidates if _fits_choice(c, unit)]
    if usable:
        best = _own_clause_choice(sentence, quantity, head, usable) or max(usable, key=lambda c: c.score)
        return [best] + _coordinated_choices(sentence, best, unit)
    for fallback in (_comparison_choice, _inherited_choice, _number_of_choice):
        choice = fallback(scene, quantity, head, unit, drafts)
        if choice is not None:
            return [choice]
    harm = _harm_choice(sentence, quantity, head, unit, scene.seizing)
    return [harm] if harm is not None else []


def _own_clause_choice(sentence: str, quantity: Quantity, head: Head, usable: list[_Choice]) -> _Choice | None:
    """A number that opens a clause of its own after a comma takes that clause's verb: in "Of the
    153 cases registered, 13 cases had resulted in convictions" the 13 were not "registered"."""
    right = [c for c in usable if c.side == "right" and c.trigger is not None
             and _OWN_VERB_GAP.fullmatch(sentence[head.end : c.trigger.start])]
    left = [c for c in usable if c.side == "left" and c.trigger is not None]
    if not right or not left:
        return None
    nearest_left = max(left, key=lambda c: c.trigger.end if c.trigger else 0)
    gap = sentence[nearest_left.trigger.end : quantity.start] if nearest_left.trigger else ""
    return right[0] if "," in gap else None


def _in_cases_choice(
    scene: _Scene, quantity: Quantity, unit: str | None, drafts: list[Draft]
) -> _Choice | None:
    """Cases a count is set in ("36,000 suspects in 20,000 cases", "involved in 900 cases"): investigate."""
    if unit != "case":
        return None
    window_start = max(0, quantity.start - 30)
    match = _IN_CASES_BEFORE.search(scene.text[window_start : quantity.start])
    if match is None:
        return None
    if any(window_start + match.start() < t.end <= quantity.start for t in scene.triggers):
        return None     # the "in" belongs to an action word ("challans in 44 cases")
    harm = any(t.word.action == "harm" and t.end <= quantity.start for t in scene.triggers)
    if match.group("link").lower() == "in":
        earlier = [t for t in scene.triggers if t.end <= quantity.start and t.word.action != "harm"]
        if not (drafts or earlier or harm) or quantity.value < 2:
            return None
    return _Choice("harm" if harm else "investigate", None, 0.7)


def _fits_choice(choice: _Choice, unit: str | None) -> bool:
    probe = unit or _UNIT_DEFAULTS.get(choice.action, "person")
    action = _remapped(choice, probe)
    return _unit_fits(action, probe, choice.trigger if action == choice.action else None)


def _left_choices(scene: _Scene, quantity: Quantity) -> list[_Choice]:
    choices: list[_Choice] = []
    for trigger in scene.triggers:
        if trigger.end > quantity.start or not (set(trigger.word.roles) & {ACTIVE, NOMINAL}):
            continue
        score = _left_gap_score(scene, trigger, quantity)
        if score is not None:
            choices.append(_Choice(trigger.word.action, trigger, score, default_unit(trigger), "left"))
    return choices


def _left_gap_score(scene: _Scene, trigger: Trigger, quantity: Quantity) -> float | None:
    sentence = scene.text
    gap = sentence[trigger.end : quantity.start]
    if _BOUNDARY.search(gap):
        return None
    words = [w.lower() for w in _GAP_TOKEN.findall(_APPOSITIVE_NAME.sub(" ", gap))]
    if _is_counted_head(scene, trigger):
        return None
    if _TOTAL_GAP.fullmatch(gap) and (set(trigger.word.roles) & {NOMINAL, COUNTED}) and (
        ACTIVE not in trigger.word.roles or _looks_nominal(sentence, trigger) or trigger.text.endswith("s")
    ):
        return 0.8      # "the seizures at the airport alone amounted to 53kg", "arrests fell to 900"
    if ACTIVE not in trigger.word.roles or _looks_nominal(sentence, trigger):
        linked = trigger.text.split()[-1] in NOMINAL_LINKS | {"in"}   # "challans in 44 cases"
        first = next((w for w in words if w != ","), "")
        if not linked and first not in NOMINAL_LINKS:
            return None
        if _PURPOSE_BEFORE.search(sentence[max(0, trigger.start - 12) : trigger.start]):
            return None
    content = [w for w in words if w != ","]
    if not content:
        return 0.97
    if _is_bare_form(trigger) and len(content) > 3:
        return None
    if content[0] in ("and", "or", "but", "then", "as", "so", "after", "before", "while"):
        return None
    if _has_blocking_word(content):
        return None
    between = [q for q in scene.quantities if trigger.end <= q.start and q.end <= quantity.start]
    nominal = ACTIVE not in trigger.word.roles or _looks_nominal(sentence, trigger)
    if not nominal and words[0] == "," and content[0] in NOMINAL_LINKS:
        return None
    if all(w in GAP_FILLERS or (nominal and w in NOMINAL_LINKS) for w in content):
        return 0.95
    if between:
        money = quantity.currency is not None or quantity.unit == "kg"
        return 0.86 - 0.004 * len(content) if _ends_list_item(words, money) and len(content) <= 30 else None
    if len(content) <= 12:
        return 0.8 - 0.03 * len(content)
    return None


def _is_counted_head(scene: _Scene, trigger: Trigger) -> bool:
    """True when the trigger is the counted noun of an earlier number ("800 arrests, 700 ...")."""
    if COUNTED not in trigger.word.roles:
        return False
    for quantity in scene.quantities:
        if quantity.end <= trigger.start:
            gap = scene.text[quantity.end : trigger.start].split()
            if len(gap) <= 2 and not any(w.lower() in HEAD_STOPS for w in gap):
                return True
    return False


def _is_bare_form(trigger: Trigger) -> bool:
    """An uninflected one-word trigger ("rescue", "arrest") governs only a number right after it."""
    return " " not in trigger.text and not trigger.text.endswith(("ed", "ing", "s", "en", "ze", "zen"))


def _ends_list_item(words: list[str], money: bool) -> bool:
    tail = " ".join(words[-3:])
    linking = ("totaling", "totalling", "worth", "valued", "amounting") + (("with",) if money else ())
    return bool(words) and (
        words[-1] in (",", "and", "or", "including", "plus", "to", "from") + linking
        or any(tail.endswith(s) for s in LIST_SEPARATORS)
    )


def _looks_nominal(sentence: str, trigger: Trigger) -> bool:
    """True when a verb-or-noun trigger is used as a noun ("the arrest of", "arrests of")."""
    before = sentence[max(0, trigger.start - 12) : trigger.start].lower()
    return bool(re.search(r"\b(?:the|a|an|their|its|his|her)\s+$", before)) and NOMINAL in trigger.word.roles


def _has_blocking_word(words: list[str]) -> bool:
    for index, word in enumerate(words):
        if word in BLOCKING_WORDS:
            return True
        if (
            word.endswith("ed")
            and index > 0
            and words[index - 1] in ("and", ",", "then")
            and word not in ADJECTIVE_ED
        ):
            return True
    return False


def _right_choices(scene: _Scene, quantity: Quantity, head: Head) -> list[_Choice]:
    for trigger in scene.triggers:
        if trigger.start < head.end or not (set(trigger.word.roles) & {PASSIVE, SUBJECT}):
            continue
        score = _right_gap_score(scene, head, trigger)
        if score is not None:
            return [_Choice(trigger.word.action, trigger, score, default_unit(trigger), "right")]
    return []


def _right_gap_score(scene: _Scene, head: Head, trigger: Trigger) -> float | None:
    sentence = scene.text
    head_end = head.end
    gap = _ASIDE.sub(" ", sentence[head_end : trigger.start])  # an aside does not cut the number from its verb
    if re.search(r"[;:\[\]?!]|,\s+(?:of|among) (?:whom|which|them)\b", gap):
        return None
    words = [w.lower() for w in _GAP_TOKEN.findall(gap) if w != ","]
    participle = " " in trigger.text or trigger.text.endswith(_PARTICIPLE_ENDINGS)
    subject_verb = SUBJECT in trigger.word.roles
    if not words:
        return 0.9 if participle or subject_verb else None
    if any(
        w in ("said", "says", "according", "but", "while", "whereas", "after", "before", "because")
        for w in words
    ):
        return None
    if any(w in ("they", "he", "she", "we") for w in words) or re.search(
        r"\b(?:in|by|for|under|with)\s+(?:which|whom)\b", gap, re.IGNORECASE
    ):
        return None     # "two indictments in which they are charged": the verb has a subject of its own
    if _own_verb_in_gap(words):
        return None
    if all(w in AUXILIARIES for w in words):
        return 0.92
    between = any(
        head_end <= q.start and q.end <= trigger.start and not _in_parentheses(sentence, q)
        for q in scene.quantities
    )
    if between and head.unit is None and head.counted is None:
        return None
    limit = 30 if between else 18
    if len(words) > limit:
        return None
    if words[-1] in AUXILIARIES and any(w in _BE_FORMS for w in words):
        return 0.75 - 0.005 * len(words)
    if subject_verb and len(words) <= 6:
        return 0.7
    if between and len(words) <= 12 and participle:
        return 0.72
    if len(words) <= 4 and words[0] in ("in", "from", "at", "across", "on", "for", "with") and participle:
        return 0.7
    if participle and len(words) <= 2 and not any(w in HEAD_STOPS for w in words):
        return 0.78
    if participle and not between and len(words) <= 10 and sentence[trigger.end :].strip(" .") == "":
        return 0.65
    return None


def _in_parentheses(sentence: str, quantity: Quantity) -> bool:
    return sentence.rfind("(", 0, quantity.start) > sentence.rfind(")", 0, quantity.start)


def _own_verb_in_gap(words: list[str]) -> bool:
    """True when the number's clause has its own verb before the trigger ("were visited ... safeguarded")."""
    for index in range(1, len(words)):
        word, before = words[index], words[index - 1]
        if before in _BE_FORMS - {"being"} and word.endswith("ed") and word not in ADJECTIVE_ED:
            relative = any(w in ("who", "that", "which") for w in words[max(0, index - 3) : index])
            if not relative:
                return True
    return False


def _money_noun_choice(sentence: str, quantity: Quantity) -> _Choice | None:
    if not quantity.currency:
        return None
    after = sentence[quantity.end : quantity.end + 40]
    match = re.match(r"\s+(?:in\s+)?(?:[\w-]+\s+){0,2}?([\w-]+)", after)
    if match and match.group(1).lower() in FINE_NOUNS:
        return _Choice("fine", None, 0.9)
    return None


def _coordinated_choices(sentence: str, best: _Choice, unit: str | None) -> list[_Choice]:
    """A verb coordinated with the chosen one governs the same number ("arrested and charged 12")."""
    trigger = best.trigger
    if trigger is None or best.score < 0.7:
        return []
    if best.side == "left":
        before = sentence[max(0, trigger.start - 40) : trigger.start]
        match = re.search(r"([A-Za-z]+(?: [a-z]+)?)\s*(?:,|and|or|,\s*and)\s+$", before)
        offset = trigger.start - len(before)
        other = match.group(1).lower() if match else ""
    else:
        after = sentence[trigger.end : trigger.end + 40]
        match = re.match(
            r"(?:\s+[\w-]+){0,8}?\s*(?:,|and|or|,\s*and)\s+(?:were\s+|was\s+|(?:have|has) been\s+)?"
            r"((?:[a-z]+ )?[a-z]+)",
            after,
        )
        offset = trigger.end
        other = match.group(1).lower() if match else ""
    if not match:
        return []
    for pattern, word in TRIGGER_PATTERNS:
        found = pattern.search(other)
        if found and (found.end() == len(other) or found.start() == 0) and word.action != best.action:
            start = offset + match.start(1) + found.start()
            choice = _Choice(
                word.action,
                Trigger(start, start + len(found.group(0)), word, found.group(0)),
                best.score - 0.05,
            )
            return [choice] if _fits_choice(choice, unit) else []
    return []


def _comparison_choice(
    scene: _Scene, quantity: Quantity, head: Head, unit: str | None, drafts: list[Draft]
) -> _Choice | None:
    """The earlier value of a comparison ("up from 754", "compared with 180") counts the same thing."""
    before = scene.text[max(0, quantity.start - 30) : quantity.start]
    source = _source_draft(drafts, unit)
    if source is None:
        return None
    if _COMPARED_BEFORE.search(before) or _CHANGE_NOUN_FROM.search(before):
        return _Choice(source.action, None, 0.6, source.unit)
    if _FROM_BEFORE.search(before) and _CHANGED_TO.search(scene.text, max(0, source.quantity.start - 40), quantity.start):
        return _Choice(source.action, None, 0.6, source.unit)   # "climbed to 3,200 in 2023 from 2,100 in 2022"
    return None


def _inherited_choice(
    scene: _Scene, quantity: Quantity, head: Head, unit: str | None, drafts: list[Draft]
) -> _Choice | None:
    """A breakdown ("including 12 women", "Of them, 63 were ...") takes the action of its total."""
    sentence = scene.text
    before = sentence[max(0, quantity.start - 40) : quantity.start]
    after = sentence[quantity.end : quantity.end + 24]
    include = _INCLUDE_BEFORE.search(before)
    if include:
        subject = [
            t
            for t in scene.triggers
            if quantity.start - 80 < t.end <= quantity.start and t.word.action != "harm"
        ]
        if subject:
            return _Choice(subject[-1].word.action, None, 0.6, default_unit(subject[-1]))
    source = _source_draft(drafts, unit)
    if source is not None:
        gap = sentence[source.head_end : quantity.start]
        if _CONTRAST_GAP.search(gap):
            return None     # "12 people were questioned while another eight were wanted": not a part
        part = include or _BREAKDOWN_BEFORE.search(before)
        if part and not _within_total(_largest(drafts, source.unit), quantity):
            return None
        if part or _COPULA_AFTER.match(after) or _LIST_GAP.fullmatch(gap) or _BREAKDOWN_START.match(sentence):
            return _Choice(source.action, None, 0.6, source.unit)
        return None
    start = _BREAKDOWN_START.match(sentence)
    if start:
        named = [t for t in scene.triggers if t.end <= start.end() + 40 and t.end <= quantity.start]
        if named:
            return _Choice(named[0].word.action, named[0], 0.6, default_unit(named[0]))
    if scene.heading is not None and (start or include or scene.list_item):
        heading = _Choice(scene.heading, None, 0.55)
        if _fits_choice(heading, unit):
            return heading
    if scene.previous and (start or include or scene.list_item):
        source = _source_draft(scene.previous, unit)
        breakdown = bool(start or include)
        if source is not None and (not breakdown or _within_total(_largest(scene.previous, source.unit), quantity)):
            return _Choice(source.action, None, 0.55, source.unit)
        if source is None and breakdown:    # "seized goods worth $4 million. These included 120 cartons"
            other = _Choice(scene.previous[-1].action, None, 0.55)
            return other if _fits_choice(other, unit) else None
    return None


def _within_total(total: Draft | None, part: Quantity) -> bool:
    """A part of a breakdown never exceeds the total it belongs to."""
    return total is not None and part.value <= total.value


def _largest(drafts: list[Draft], unit: str) -> Draft | None:
    """The largest count of ``unit`` among ``drafts``: the total a breakdown can belong to."""
    same = [d for d in drafts if d.unit == unit and d.measure != "change"]
    return max(same, key=lambda d: d.value) if same else None


def _source_draft(drafts: list[Draft], unit: str | None) -> Draft | None:
    if unit is not None:
        same = [d for d in drafts if d.unit == unit and d.measure != "change"]
        return same[-1] if same else None
    counts = [d for d in drafts if d.measure == "count"]
    return counts[-1] if counts else None


def _number_of_choice(
    scene: _Scene, quantity: Quantity, head: Head, unit: str | None, drafts: list[Draft]
) -> _Choice | None:
    """ "The number of people prosecuted rose from 137 to 130,000": the numbers count the subject."""
    sentence = scene.text
    subject = _NUMBER_OF.search(sentence[: quantity.start])
    if subject is None or head.unit not in (None, "person", "case"):
        return None
    between = [
        t for t in scene.triggers if subject.end() <= t.start < quantity.start and t.word.action != "harm"
    ]
    if not between or not _LEVEL_BEFORE.search(sentence[max(0, quantity.start - 8) : quantity.start]):
        return None
    return _Choice(between[0].word.action, between[0], 0.6, default_unit(between[0]) or "person")


def _harm_choice(
    sentence: str, quantity: Quantity, head: Head, unit: str | None, seizing: bool = False
) -> _Choice | None:
    if unit == "money":
        window = sentence[max(0, quantity.start - 60) : quantity.end + 40]
        after = sentence[quantity.end : quantity.end + 60]
        worth = re.match(r"[’']?s?\s*worth\b", after) or re.search(
            r"\bworth\s+(?:of\s+)?$", sentence[: quantity.start]
        )
        if worth and (_SEIZED_VALUE_CUE.search(sentence) or _DRUG_WORDS.search(after)):
            return _Choice("seize", None, 0.5)
        if _CRIME_MOVED_BEFORE.search(sentence[: quantity.start]) and not _SEIZED_VALUE_CUE.search(sentence):
            return _Choice("harm", None, 0.5)       # "able to smuggle 700 kg of drugs with a value of PLN 14 million"
        if seizing and _GOODS_VALUE_BEFORE.search(sentence[max(0, quantity.start - 60) : quantity.start]):
            return _Choice("seize", None, 0.5)      # "The pills, whose value amounted to 1.5 billion pounds"
        if _CRIME_AFTER_MONEY.match(after) or _HARM_MONEY_CUE.search(window):
            return _Choice("harm", None, 0.5)
    if head.noun in _VICTIM_HEADS:
        return _Choice("harm", None, 0.5)
    return None


def _violent_context(sentence: str) -> bool:
    return bool(_VIOLENCE.search(sentence))


def _change_drafts(scene: _Scene, quantity: Quantity, drafts: list[Draft]) -> list[Draft]:
    sentence = scene.text
    sign = _change_sign(sentence, quantity, drafts)
    if sign == 0 or _has_share_cue(sentence, quantity):
        return []
    action = _change_action(scene, quantity, drafts)
    if action is None:
        return []
    value = (
        abs(quantity.value) * sign
        if quantity.unit == "percent"
        else quantity.value * (sign if sign < 0 else 1)
    )
    noun = _CHANGE_NOUN_AFTER.match(sentence[quantity.end :])
    verb = _CHANGE_VERB_BEFORE.search(sentence[max(0, quantity.start - 40) : quantity.start])
    if verb is not None:
        offset = max(0, quantity.start - 40) + verb.start()
        quantity = replace(quantity, start=offset)
    return [
        Draft(
            action=action,
            measure="change",
            unit="percent",
            value=value,
            value_max=None,
            bound=quantity.bound,
            currency=None,
            quantity=quantity,
            head_end=quantity.end + (noun.end() if noun else 0),
            trigger=None,
            score=0.7,
        )
    ]


def _has_share_cue(sentence: str, quantity: Quantity) -> bool:
    clause_start = max(
        sentence.rfind(";", 0, quantity.start), sentence.rfind(",", 0, max(0, quantity.start - 60))
    )
    words = re.findall(r"[a-z]+", sentence[clause_start + 1 : quantity.start].lower())
    return any(w in SHARE_CUES for w in words[-25:])


def _change_sign(sentence: str, quantity: Quantity, drafts: list[Draft]) -> int:
    if quantity.unit == "change":
        if quantity.value < 0:
            return -1
        near = re.findall(r"[a-z]+", sentence[max(0, quantity.start - 40) : quantity.end + 10].lower())
        verb = re.search(
            r"(?:doubled|tripled|trebled|quadrupled|halved)", sentence[quantity.num_start : quantity.num_end]
        )
        if not verb and _MULTIPLE_OF_AFTER.match(sentence, quantity.end):
            return 1        # "3 times last year's": a multiple of an earlier figure
        if not verb and not any(w in INCREASE_WORDS | DECREASE_WORDS for w in near):
            return 0
        return -1 if any(w in DECREASE_WORDS for w in near) and not verb else 1
    before = re.findall(r"[a-z\-]+", sentence[max(0, quantity.start - 40) : quantity.start].lower())[-4:]
    after = re.findall(r"[a-z\-]+", sentence[quantity.end : quantity.end + 40].lower())[:3]
    for word in list(reversed(before)) + after:
        if word in INCREASE_WORDS:
            return 1
        if word in DECREASE_WORDS:
            return -1
    if (
        drafts
        and drafts[-1].measure == "change"
        and re.fullmatch(r"[\s,]*(?:and\s+)?", sentence[drafts[-1].quantity.end : quantity.start])
    ):
        return 1 if drafts[-1].value >= 0 else -1
    return 0


def _change_action(scene: _Scene, quantity: Quantity, drafts: list[Draft]) -> str | None:
    sentence = scene.text
    counted = _counted_after_change(sentence, quantity)
    if counted is not None:
        return counted
    counts = [d for d in drafts if d.measure != "change"]
    if counts:
        return counts[-1].action
    clause_start, clause_end = _clause_around(sentence, quantity.start)
    in_clause = [
        t for t in scene.triggers if clause_start <= t.start < clause_end and t.word.action != "harm"
    ]
    if in_clause:
        return min(in_clause, key=lambda t: abs(t.start - quantity.start)).word.action
    if drafts:
        return drafts[-1].action
    others = [t for t in scene.triggers if t.word.action != "harm"]
    if others:
        return min(others, key=lambda t: abs(t.start - quantity.start)).word.action
    if re.search(r"\b(?:cases|crimes|offen[cs]es|incidents|reported|crime)\b", sentence, re.IGNORECASE):
        return "investigate"
    return None


def _counted_after_change(sentence: str, quantity: Quantity) -> str | None:
    match = re.match(r"\s+(?:more|fewer|less|higher|lower)\s+", sentence[quantity.end :])
    if match is None:
        return None
    counted = counted_at(sentence, quantity.end + match.end())
    return counted.word.action if counted is not None else None


def _clause_around(sentence: str, position: int) -> tuple[int, int]:
    starts = [m.end() for m in re.finditer(r";|,\s+(?:while|whereas|but)\b", sentence) if m.end() <= position]
    ends = [
        m.start() for m in re.finditer(r";|,\s+(?:while|whereas|but)\b", sentence) if m.start() > position
    ]
    return (starts[-1] if starts else 0), (ends[0] if ends else len(sentence))


def _term_drafts(scene: _Scene, quantity: Quantity) -> list[Draft]:
    sentence = scene.text
    sentence_triggers = [t for t in scene.triggers if t.word.action == "sentence"]
    after = sentence[quantity.end : quantity.end + 25].lower()
    counted = re.match(
        r"\s*(?:(?:rigorous|simple|custodial) )?(?:prison |jail )?(?:imprisonment )?(?:sentences?|terms?|imprisonment)\b",
        after,
    )
    near = [
        t for t in sentence_triggers if -60 < quantity.start - t.end <= 40 or 0 <= t.start - quantity.end < 10
    ]
    near = [t for t in near if not t.text.lower().endswith("serve") or 0 <= quantity.start - t.end <= 14]
    if not near and not counted:
        return []
    if _is_statutory(sentence, quantity, "sentence") or _has_share_cue(sentence, quantity):
        return []
    if _NOT_IMPOSED_TERM_BEFORE.search(sentence[max(0, quantity.start - 40) : quantity.start]):
        return []
    if re.match(r"[\s-]*(?:suspended\s+)?reprieve\b", after):
        return []           # "death with a two-year reprieve": a suspension of a death sentence
    trigger = near[0] if near else None
    weeks = quantity.unit == "week"     # FIGURES.md's term units are year, month and day: a week is 7 days
    scale = 7 if weeks else 1
    return [
        Draft(
            action="sentence",
            measure="term",
            unit="day" if weeks else quantity.unit or "year",
            value=quantity.value * scale,
            value_max=None if quantity.value_max is None else quantity.value_max * scale,
            bound=quantity.bound,
            currency=None,
            quantity=quantity,
            head_end=quantity.end,
            trigger=trigger,
            score=0.7,
        )
    ]


def _is_statutory(sentence: str, quantity: Quantity, action: str) -> bool:
    """A possible penalty ("faces up to 20 years", "a fine of up to $500,000"), not one imposed."""
    before = sentence[max(0, quantity.start - 70) : quantity.start]
    if action in ("fine", "sentence"):
        return bool(_STATUTORY.search(before))
    return (
        quantity.bound == "at_most"
        and bool(_STATUTORY.search(before))
        and bool(_PENALTY_BEFORE.search(before))
    )
