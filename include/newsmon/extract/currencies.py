"""Currencies as news text writes them, before or after a number: ISO 4217 codes, symbols,
regional prefixes and names. Pure: no I/O.

The codes come from pycountry's ISO 4217 table; the names are the table's own ("Kenyan
Shilling", "Egyptian Pound") plus the adjective forms papers use ("Pakistani rupees"). A bare
unit word ("rupees", "shillings") names the currency most news about it means.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pycountry

__all__ = ["CODES", "PREFIXES", "SINGLE_LETTER", "code_of_name", "code_of_prefix", "name_pattern",
           "prefix_pattern"]

# ISO codes that are also ordinary capitalised words in headlines ("ALL 12 suspects")
_WORD_LIKE = frozenset({"ALL", "TOP", "CUP", "MOP", "PEN", "TRY", "BOB", "SOS", "BAM", "GEL", "MAD", "LAK",
                        "SUR", "XXX", "XTS", "CHE", "CHW", "COU", "BOV", "CLF", "MXV", "USN", "UYI", "UYW",
                        "XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XDR", "XPD", "XPT", "XSU", "XUA", "XAD"})
CODES: frozenset[str] = frozenset(c.alpha_3 for c in pycountry.currencies) - _WORD_LIKE

# Symbols and regional prefixes, lower-cased, without spaces.
PREFIXES: dict[str, str] = {
    "us$": "USD", "u.s.$": "USD", "hk$": "HKD", "s$": "SGD", "sg$": "SGD", "a$": "AUD", "au$": "AUD",
    "nz$": "NZD", "c$": "CAD", "ca$": "CAD", "r$": "BRL", "nt$": "TWD", "$": "$", "£": "GBP", "€": "EUR",
    "¥": "CNY", "₹": "INR", "₦": "NGN", "₱": "PHP", "฿": "THB", "₩": "KRW", "₵": "GHS", "gh₵": "GHS", "gh¢": "GHS", "ghs": "GHS",
    "₫": "VND", "₺": "TRY", "₽": "RUB", "₴": "UAH", "₪": "ILS", "e£": "EGP", "rm": "MYR", "rs": "INR",
    "rs.": "INR", "inr": "INR", "php": "PHP", "rmb": "CNY", "sh": "KES", "ksh": "KES", "kshs": "KES",
    "ush": "UGX", "tsh": "TZS", "sr": "SAR", "tk": "BDT", "tk.": "BDT", "rp": "IDR", "dh": "AED",
    "dhs": "AED", "qr": "QAR", "kd": "KWD", "bd": "BHD", "zł": "PLN",
}
# One letter before the number, read as money only with a scale or four digits ("N2.5 billion").
SINGLE_LETTER: dict[str, str] = {"n": "NGN", "b": "THB", "p": "PHP", "r": "ZAR"}

_UNIT_DEFAULTS = {
    "yuan": "CNY", "renminbi": "CNY", "euro": "EUR", "pound": "GBP", "sterling": "GBP", "naira": "NGN",
    "peso": "PHP", "baht": "THB", "won": "KRW", "rupee": "INR", "ringgit": "MYR", "yen": "JPY", "dong": "VND",
    "rupiah": "IDR", "riel": "KHR", "kyat": "MMK", "taka": "BDT", "dirham": "AED", "franc": "CHF",
    "rand": "ZAR", "shilling": "KES", "cedi": "GHS", "lira": "TRY", "rouble": "RUB", "ruble": "RUB",
    "zloty": "PLN", "forint": "HUF", "koruna": "CZK", "riyal": "SAR", "rial": "IRR", "dinar": "IQD",
    "hryvnia": "UAH", "tenge": "KZT", "birr": "ETB", "kwacha": "ZMW", "afghani": "AFN", "reais": "BRL", "krone": "NOK", "kroner": "NOK", "krona": "SEK", "kronor": "SEK", "leu": "RON",
    "lei": "RON", "lev": "BGN", "shekel": "ILS", "sheqel": "ILS", "rufiyaa": "MVR", "dollar": "$",
}
# Adjective forms that the ISO names do not spell ("Pakistan Rupee" in ISO, "Pakistani rupees" in text).
_QUALIFIED = {
    "pakistani rupee": "PKR", "sri lankan rupee": "LKR", "nepali rupee": "NPR", "indian rupee": "INR",
    "mauritian rupee": "MUR", "ugandan shilling": "UGX", "somali shilling": "SOS", "kenya shilling": "KES",
    "omani rial": "OMR", "iranian rial": "IRR", "yemeni rial": "YER", "qatari riyal": "QAR",
    "emirati dirham": "AED", "moroccan dirham": "MAD", "polish zloty": "PLN", "hungarian forint": "HUF",
    "thai baht": "THB", "indonesian rupiah": "IDR", "vietnamese dong": "VND", "south african rand": "ZAR",
    "nigerian naira": "NGN", "ghanaian cedi": "GHS", "chinese yuan": "CNY", "japanese yen": "JPY",
    "korean won": "KRW", "south korean won": "KRW", "brazilian reais": "BRL", "russian rouble": "RUB",
    "ukrainian hryvnia": "UAH", "bangladeshi taka": "BDT", "cambodian riel": "KHR", "myanmar kyat": "MMK",
    "israeli shekel": "ILS", "kazakh tenge": "KZT", "ethiopian birr": "ETB", "zambian kwacha": "ZMW",
    "malawian kwacha": "MWK", "romanian lei": "RON", "bulgarian lev": "BGN", "cfa franc": "XOF",
    "rwandan franc": "RWF", "congolese franc": "CDF", "tanzania shilling": "TZS",
}


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Lower-cased singular currency names with their codes, the ISO names first."""
    names: dict[str, str] = {}
    for currency in pycountry.currencies:
        if currency.alpha_3 in _WORD_LIKE - {"TRY", "SOS", "MAD", "BOB"}:
            continue
        name = re.sub(r"\s*\(.*\)$", "", currency.name).lower()
        if " " in name:         # a one-word ISO name ("Taka") is a unit word, below
            names[name] = currency.alpha_3
    names |= _QUALIFIED
    names.pop("pound sterling", None)
    return names


def _plural(word: str) -> str:
    return word if word.endswith("s") else word + "s"


@lru_cache(maxsize=1)
def name_pattern() -> str:
    """A regex alternation of every currency name and unit word, singular and plural, longest first."""
    forms = set()
    for name in [*_names(), *_UNIT_DEFAULTS]:
        head, _, last = name.rpartition(" ")
        forms |= {name, (head + " " if head else "") + _plural(last)}
    return "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in sorted(forms, key=len, reverse=True))


@lru_cache(maxsize=1)
def prefix_pattern() -> str:
    """A regex alternation of the prefixes (symbols, regional prefixes and ISO codes)."""
    symbols = sorted(PREFIXES, key=len, reverse=True)
    return "|".join([re.escape(s) for s in symbols] + sorted(CODES))


def code_of_prefix(prefix: str) -> str:
    """The code of a prefix (``"KSh"``, ``"US$"``, ``"AED"``); ``"$"`` for a bare dollar."""
    key = re.sub(r"\s+", "", prefix).lower()
    if key in PREFIXES:
        return PREFIXES[key]
    if key in SINGLE_LETTER:
        return SINGLE_LETTER[key]
    return prefix.strip().upper().rstrip(".")


def code_of_name(phrase: str) -> str:
    """The code of a currency name after a number ("Kenyan shillings", "euros"); "$" for dollars
    whose country the phrase does not say."""
    words = re.sub(r"\s+", " ", phrase.lower()).split()
    for size in range(len(words), 0, -1):
        name = " ".join(words[-size:])
        singular = " ".join([*words[-size:-1], _singular(words[-1])])
        for candidate in (name, singular):
            if candidate in _names():
                return _names()[candidate]
    return _UNIT_DEFAULTS.get(_singular(words[-1]), "$")


def _singular(word: str) -> str:
    if word in _UNIT_DEFAULTS:
        return word
    return word[:-1] if word.endswith("s") and word[:-1] in _UNIT_DEFAULTS else word
