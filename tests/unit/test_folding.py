"""Folded scans: lower-case patterns over a lower-cased copy of a text (newsmon.extract.folding)."""
from __future__ import annotations

import re

import pytest

from newsmon.extract.folding import fold, lowered


def test_a_folded_pattern_finds_what_the_ignorecase_pattern_finds_at_the_same_offsets() -> None:
    pattern = re.compile(r"\b(?P<crime>money laundering|fraud)\b", re.IGNORECASE)
    text = "Charges of FRAUD and Money Laundering were filed."
    low = lowered(text)
    assert low is not None
    folded = [(m.start(), m.end()) for m in fold(pattern).finditer(low)]
    assert folded == [(m.start(), m.end()) for m in pattern.finditer(text)] == [(11, 16), (21, 37)]
    assert fold(pattern).flags & re.IGNORECASE == 0


def test_a_pattern_with_a_capital_letter_cannot_be_folded() -> None:
    with pytest.raises(ValueError, match="lower case"):
        fold(re.compile(r"\bFY\d{4}", re.IGNORECASE))


def test_group_names_may_hold_capitals() -> None:
    assert fold(re.compile(r"(?P<Year>\d{4})", re.IGNORECASE)).match("2024") is not None


@pytest.mark.parametrize(("text", "expected"), [
    ("Police in ANKARA", "police in ankara"),
    ("İstanbul", None),     # "İ" lower-cases to two characters: offsets would shift
])
def test_lowered_is_the_copy_only_when_offsets_hold(text: str, expected: str | None) -> None:
    assert lowered(text) == expected
