"""Sentence splitting keeps character offsets into the original text."""

from __future__ import annotations

import pytest

from newsmon.extract.sentences import split_sentences


def _texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_split_sentences_splits_at_full_stops() -> None:
    text = "Police arrested 42 people. Nine were later released! Was anyone charged? Not yet."
    assert _texts(text) == [
        "Police arrested 42 people.",
        "Nine were later released!",
        "Was anyone charged?",
        "Not yet.",
    ]


def test_split_sentences_treats_every_line_as_a_boundary() -> None:
    text = "Headline without a stop\n\nFirst paragraph here.\nSecond paragraph here."
    assert _texts(text) == ["Headline without a stop", "First paragraph here.", "Second paragraph here."]


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Adeyemi said the case was closed.",
        "The suspect fled to the U.S. after the raid in March.",
        "Attorney General John Q. Public spoke on Jan. 5 about it.",
        "The firm, Harbour Holdings Co. Ltd., paid the fine.",
    ],
)
def test_split_sentences_keeps_abbreviations_and_initials_inside(text: str) -> None:
    assert _texts(text) == [text]


def test_split_sentences_splits_after_a_closing_quote() -> None:
    text = 'He said "we will act." The ministry agreed.'
    assert _texts(text) == ['He said "we will act."', "The ministry agreed."]


def test_split_sentences_offsets_point_into_the_text() -> None:
    text = "  First one here.   Second one\nthird line.  "
    for sentence in split_sentences(text):
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()


def test_split_sentences_returns_nothing_for_blank_text() -> None:
    assert split_sentences(" \n\n  ") == []


def test_hard_wrapped_lines_are_rejoined_before_splitting() -> None:
    text = ("Officers said 44 suspects had been detained across the\ncity and 12 of them were charged.\n"
            "Results\n- 9 for burglary")
    assert [s.text for s in split_sentences(text)] == [
        "Officers said 44 suspects had been detained across the\ncity and 12 of them were charged.",
        "Results", "- 9 for burglary"]
