from __future__ import annotations

import hashlib
import os
import random
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest

from newsmon import dedup
from newsmon.dedup import Link, Signature
from newsmon.errors import ConfigError

# Invented stories. Each is 110-135 word tokens, well above MIN_TOKENS.
BURGLARY = (
    "Police in Millbrook arrested three men on Tuesday in connection with a string of burglaries that "
    "targeted jewellery shops along the eastern waterfront since early spring. Detectives said the "
    "suspects, aged 24, 31 and 37, were detained at a rented garage on Fenwick Road where officers "
    "recovered watches, rings and two angle grinders. A fourth suspect is still being sought. The "
    "Millbrook Police Department said the group is believed to be responsible for at least eleven "
    "break-ins causing losses of about 480,000 dollars. All three men were charged with conspiracy to "
    "commit burglary and handling stolen goods and are due to appear before Millbrook Magistrates Court "
    "on Thursday. Inspector Carla Voss thanked shop owners for sharing security camera footage and urged "
    "anyone with information about the missing suspect to contact the force."
)
EMBEZZLEMENT = (
    "A former treasurer of the Harlow County rowing club was sentenced on Monday to four years in prison "
    "for embezzling more than 210,000 dollars from the club over six years. Judge Amara Lindqvist told "
    "Harlow Crown Court that the defendant, 58, had abused the trust of volunteers and young athletes by "
    "writing cheques to himself and disguising them as boat repairs. Prosecutors said the money paid for "
    "holidays, a sports car and gambling debts. The defendant pleaded guilty in March to fraud by abuse "
    "of position. The court also ordered him to repay 95,000 dollars within six months or serve an extra "
    "year in custody. The club's chair said members were relieved the case had ended."
)
SEIZURE = (
    "Highway patrol officers seized 40 kilograms of cocaine during a routine traffic stop on the Orrin "
    "Valley motorway late on Saturday, the regional police command said. The drugs were found hidden "
    "behind panels in the rear doors of a delivery van that had been pulled over for a broken tail light. "
    "The driver, a 45-year-old man from Port Deverell, was arrested at the scene and remanded in custody "
    "after a hearing on Sunday. Officials estimated the street value of the haul at 2.6 million dollars. "
    "A spokesperson said the seizure followed a months-long intelligence operation with customs officers, "
    "and that further arrests were likely in the coming weeks."
)
PHARMACY_BURGLARY = (
    "Two teenagers have been arrested after a burglary at a pharmacy in Ashgrove in the early hours of "
    "Sunday, police said. Officers responding to an alarm found a smashed rear window and followed "
    "footprints in fresh snow to a nearby park, where the pair were detained with bags of cosmetics and "
    "cash from the till. The boys, aged 16 and 17, cannot be named for legal reasons. They were charged "
    "with burglary and criminal damage and released on bail to appear before Ashgrove Youth Court next "
    "month. Sergeant Tom Bréhaut said burglaries of shops in the town had risen this winter and asked "
    "owners to check their alarms and lighting. Police are also reviewing footage from a petrol station."
)
# Syndicated copies of BURGLARY as other outlets would print them.
WIRE_COPY = "MILLBROOK (Coastal Wire) - " + BURGLARY                                 # a dateline
LOCAL_COPY = "By Priya Natarajan\n" + BURGLARY.replace("Thursday", "Friday")        # a byline, a changed word
CORRECTED_COPY = BURGLARY.replace("eleven", "twelve")                               # one changed word

D1, D2, D3 = date(2025, 3, 1), date(2025, 3, 2), date(2025, 3, 3)
_INT64 = range(-(2 ** 63), 2 ** 63)


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=UTC)


def _sig(article_id: str, simhash: int | None = 0, *, source: str = "wire", day: date = D1,
         published: datetime | None = None, sha1: str | None = "", tokens: int = 100) -> Signature:
    """A hand-made signature; its text hash defaults to one of its own (no exact copy)."""
    text_sha1 = ("sha1-" + article_id) if sha1 == "" else sha1
    return Signature(article_id, source, day, published, text_sha1, simhash, tokens)


def _by_id(links: Sequence[Link]) -> dict[str, Link]:
    return {lk.article_id: lk for lk in links}


def _ids(signatures: Sequence[Signature]) -> set[tuple[str, str]]:
    """Every member as a target: its (source_id, article_id)."""
    return {(s.source_id, s.article_id) for s in signatures}


def _targets(signatures: Sequence[Signature], *article_ids: str) -> set[tuple[str, str]]:
    """The members with these article ids, as targets."""
    return {(s.source_id, s.article_id) for s in signatures if s.article_id in article_ids}


def _signed(unsigned: int) -> int:
    return unsigned - 2 ** 64 if unsigned >= 2 ** 63 else unsigned


def _feature_hash(feature: str) -> int:
    return int.from_bytes(hashlib.blake2b(feature.encode("utf-8"), digest_size=8).digest(), "big")


# --- simhash and hamming ------------------------------------------------------------------------------

def test_simhash_is_a_signed_int64_and_repeatable() -> None:
    for text in (BURGLARY, EMBEZZLEMENT, SEIZURE, PHARMACY_BURGLARY, "", "Arrest", "Police arrest"):
        value = dedup.simhash(text)
        assert value in _INT64
        assert value == dedup.simhash(text)
    assert any(dedup.simhash(t) < 0 for t in (BURGLARY, EMBEZZLEMENT, SEIZURE, PHARMACY_BURGLARY, "Arrest"))


def test_simhash_follows_the_documented_features() -> None:
    assert dedup.simhash("") == 0
    assert dedup.simhash("... !!") == 0
    # One 3-gram: the hash is the feature's own BLAKE2b digest, read big-endian.
    assert dedup.simhash("Court adjourned today") == _signed(_feature_hash("court adjourned today"))
    # Fewer than three tokens: unigrams; with two features a bit needs both to be set.
    assert dedup.simhash("ARREST") == _signed(_feature_hash("arrest"))
    assert dedup.simhash("Police arrest") == _signed(_feature_hash("police") & _feature_hash("arrest"))
    # Case and punctuation outside word tokens do not count; unicode letters do.
    assert dedup.simhash("Police arrested a man.") == dedup.simhash("POLICE -- arrested, a MAN")
    assert dedup.simhash("Sergeant Bréhaut said") != dedup.simhash("Sergeant Brhaut said")


def test_simhash_pins_a_stored_value() -> None:
    # Stored in Parquet: a change here would split clusters across a deployment.
    assert dedup.simhash("Police arrested a man.") == 207245300541170476


def test_simhash_is_the_same_in_another_process_with_another_hash_seed() -> None:
    include = Path(dedup.__file__).resolve().parents[1]
    code = "import sys; from newsmon import dedup; print(dedup.simhash(sys.stdin.read()))"
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(include)}
        out = subprocess.run([sys.executable, "-c", code], input=BURGLARY, env=env, capture_output=True,
                             text=True, check=True, encoding="utf-8")
        assert int(out.stdout) == dedup.simhash(BURGLARY)


def test_simhash_of_identical_texts_is_equal() -> None:
    assert dedup.simhash(BURGLARY) == dedup.simhash("".join(list(BURGLARY)))
    assert dedup.hamming(dedup.simhash(BURGLARY), dedup.simhash(BURGLARY)) == 0


@pytest.mark.parametrize("copy", [WIRE_COPY, LOCAL_COPY, CORRECTED_COPY], ids=["dateline", "byline", "one_word"])
def test_simhash_of_a_near_copy_is_within_max_distance(copy: str) -> None:
    distance = dedup.hamming(dedup.simhash(BURGLARY), dedup.simhash(copy))
    assert 0 < distance <= dedup.MAX_DISTANCE


def test_simhash_of_unrelated_stories_on_one_topic_is_far_apart() -> None:
    stories = [BURGLARY, EMBEZZLEMENT, SEIZURE, PHARMACY_BURGLARY]
    hashes = [dedup.simhash(s) for s in stories]
    for i in range(len(hashes)):
        for j in range(i + 1, len(hashes)):
            assert dedup.hamming(hashes[i], hashes[j]) > 10, (i, j)


@pytest.mark.parametrize(("a", "b", "expected"), [
    (0, 0, 0),
    (-1, 0, 64),
    (-1, 2 ** 64 - 1, 0),                # the same 64 bits, signed and unsigned
    (-(2 ** 63), 2 ** 63, 0),
    (-(2 ** 63), 0, 1),
    (-2, -1, 1),
    (-1, 2 ** 63 - 1, 1),
    (0b1011, 0b0110, 3),
])
def test_hamming_masks_to_64_bits(a: int, b: int, expected: int) -> None:
    assert dedup.hamming(a, b) == expected
    assert dedup.hamming(b, a) == expected


# --- signatures ---------------------------------------------------------------------------------------

def test_make_signature_hashes_and_counts_the_text() -> None:
    sig = dedup.make_signature("a1", "wire", D1, _at(D1, 9), BURGLARY)
    assert sig.text_sha1 == hashlib.sha1(BURGLARY.encode("utf-8")).hexdigest()
    assert sig.simhash == dedup.simhash(BURGLARY)
    assert sig.tokens == len(dedup.tokenize(BURGLARY)) == 134
    assert dedup.tokenize("Bréhaut's 2.6 m-illion") == ["bréhaut", "s", "2", "6", "m", "illion"]


@pytest.mark.parametrize("text", [None, "", "   \n"])
def test_make_signature_without_text_has_no_hashes(text: str | None) -> None:
    sig = dedup.make_signature("a1", "wire", D1, None, text)
    assert (sig.text_sha1, sig.simhash, sig.tokens) == (None, None, 0)


def test_signature_rejects_a_naive_publication_time() -> None:
    with pytest.raises(ConfigError, match="tz-aware"):
        _sig("a1", published=datetime(2025, 3, 1, 9, 0))


# --- link: exact and near copies ----------------------------------------------------------------------

def test_link_marks_exact_copies_and_their_original() -> None:
    sigs = [
        _sig("c", 5, source="metro", published=_at(D1, 11), sha1="same"),
        _sig("a", 5, source="wire", published=_at(D1, 9), sha1="same"),
        _sig("b", 5, source="daily", published=_at(D1, 10), sha1="same"),
    ]
    links = _by_id(dedup.link(sigs, _ids(sigs)))
    assert links["a"] == Link("a", "wire", D1, "a", "original", 0, 3)
    assert links["b"] == Link("b", "daily", D1, "a", "exact", 0, 3)
    assert links["c"] == Link("c", "metro", D1, "a", "exact", 0, 3)


def test_link_joins_near_copies_across_sources_and_days() -> None:
    sigs = [
        dedup.make_signature("w1", "coastal_wire", D2, _at(D2, 6), WIRE_COPY),
        dedup.make_signature("o1", "millbrook_post", D1, _at(D1, 21, 30), BURGLARY),
        dedup.make_signature("l1", "valley_herald", D2, _at(D2, 8), LOCAL_COPY),
        dedup.make_signature("x1", "valley_herald", D2, _at(D2, 7), EMBEZZLEMENT),
    ]
    links = _by_id(dedup.link(sigs, _ids(sigs)))
    original = dedup.simhash(BURGLARY)
    assert links["o1"].relation == "original"
    for copy_id, text in (("w1", WIRE_COPY), ("l1", LOCAL_COPY)):
        assert links[copy_id].cluster_id == "o1"
        assert links[copy_id].relation == "near"
        assert links[copy_id].cluster_size == 3
        assert 0 < links[copy_id].distance <= dedup.hamming(original, dedup.simhash(text))
    assert links["o1"].distance == min(links["w1"].distance, links["l1"].distance) > 0
    assert links["x1"] == Link("x1", "valley_herald", D2, "x1", "original", 0, 1)


def test_link_orders_a_cluster_by_publication_time_before_day() -> None:
    # Published late on the second day's partition vs. early on a later-dated one: time wins.
    sigs = [_sig("a", 0, day=D1, published=_at(D2, 5)), _sig("b", 1, day=D2, published=_at(D1, 23))]
    assert {lk.cluster_id for lk in dedup.link(sigs, _targets(sigs, "a", "b"))} == {"b"}


def test_link_breaks_publication_ties_by_day_then_article_id() -> None:
    same_instant = _at(D2, 8)
    same_instant_elsewhere = same_instant.astimezone(timezone(timedelta(hours=2)))
    by_day = [_sig("a", 0, day=D2, published=same_instant), _sig("z", 1, day=D1, published=same_instant_elsewhere)]
    assert {lk.cluster_id for lk in dedup.link(by_day, _targets(by_day, "a", "z"))} == {"z"}
    by_id = [_sig("m", 0, day=D2, published=same_instant), _sig("k", 1, day=D2, published=same_instant_elsewhere)]
    assert {lk.cluster_id for lk in dedup.link(by_id, _targets(by_id, "m", "k"))} == {"k"}


def test_link_puts_an_undated_article_at_the_start_of_its_day() -> None:
    sigs = [_sig("dated", 0, day=D2, published=_at(D2, 0, 1)), _sig("undated", 1, day=D2, published=None)]
    links = _by_id(dedup.link(sigs, _targets(sigs, "dated", "undated")))
    assert links["undated"].relation == "original"
    assert links["dated"].cluster_id == "undated"


def test_link_joins_near_hashes_only_within_max_distance() -> None:
    six_bits, seven_bits = 0b111111, 0b1111111
    sigs = [_sig("a", 0), _sig("b", six_bits), _sig("c", seven_bits << 20)]
    links = _by_id(dedup.link(sigs, _targets(sigs, "a", "b", "c")))
    assert links["b"] == Link("b", "wire", D1, "a", "near", 6, 2)
    assert links["a"] == Link("a", "wire", D1, "a", "original", 6, 2)
    assert links["c"] == Link("c", "wire", D1, "c", "original", 0, 1)
    assert {lk.cluster_size for lk in dedup.link(sigs, _targets(sigs, "a", "b", "c"), max_distance=5)} == {1}
    assert {lk.cluster_id for lk in dedup.link(sigs, _targets(sigs, "a", "c"), max_distance=13)} == {"a"}


def test_link_joins_equal_simhashes_of_different_texts_at_distance_zero() -> None:
    sigs = [_sig("a", -7), _sig("b", -7)]
    links = _by_id(dedup.link(sigs, _targets(sigs, "a", "b"), max_distance=0))
    assert links["b"] == Link("b", "wire", D1, "a", "near", 0, 2)


def test_link_is_transitive_through_a_middle_article() -> None:
    a, b, c = 0, 0b111111, 0b111111_111111                      # a~b and b~c by 6 bits, a to c 12 bits
    sigs = [_sig("c", c, published=_at(D3, 9), day=D3), _sig("a", a, published=_at(D1, 9)),
            _sig("b", b, published=_at(D2, 9), day=D2)]
    links = _by_id(dedup.link(sigs, _targets(sigs, "a", "b", "c")))
    assert dedup.hamming(a, c) > dedup.MAX_DISTANCE
    assert {lk.cluster_id for lk in links.values()} == {"a"}
    assert [links[x].relation for x in "abc"] == ["original", "near", "near"]
    assert {lk.cluster_size for lk in links.values()} == {3}


def test_link_calls_a_copy_of_a_near_copy_exact() -> None:
    sigs = [_sig("a", 0, published=_at(D1, 1)), _sig("b", 0b11, published=_at(D1, 2), sha1="s"),
            _sig("c", 0b11, published=_at(D1, 3), sha1="s")]
    links = _by_id(dedup.link(sigs, _targets(sigs, "a", "b", "c")))
    assert [(links[x].relation, links[x].distance) for x in "abc"] == [("original", 2), ("exact", 0), ("exact", 0)]


# --- link: short texts, no text, duplicates -----------------------------------------------------------

def test_link_matches_short_texts_only_exactly() -> None:
    short = dedup.MIN_TOKENS - 1
    sigs = [
        _sig("s1", 42, tokens=short, published=_at(D1, 1)),
        _sig("s2", 42, tokens=short, published=_at(D1, 2)),            # same simhash, other text
        _sig("s3", 42, tokens=dedup.MIN_TOKENS, published=_at(D1, 3)),  # a long text with that simhash
        _sig("s4", 42, tokens=short, published=_at(D1, 4), sha1="sha1-s1"),  # an exact copy of s1
    ]
    links = _by_id(dedup.link(sigs, _ids(sigs)))
    assert links["s1"] == Link("s1", "wire", D1, "s1", "original", 0, 2)
    assert links["s4"] == Link("s4", "wire", D1, "s1", "exact", 0, 2)
    assert links["s2"].cluster_size == links["s3"].cluster_size == 1


def test_link_matches_texts_of_exactly_min_tokens_by_simhash() -> None:
    sigs = [_sig("a", 0, tokens=dedup.MIN_TOKENS), _sig("b", 1, tokens=dedup.MIN_TOKENS)]
    assert {lk.cluster_id for lk in dedup.link(sigs, _targets(sigs, "a", "b"))} == {"a"}


def test_link_makes_each_article_without_text_its_own_cluster() -> None:
    sigs = [_sig("n1", None, sha1=None, tokens=0), _sig("n2", None, sha1=None, tokens=0),
            _sig("n3", 0, sha1=None, tokens=100), _sig("t1", 0)]
    links = dedup.link(sigs, _ids(sigs))
    assert [(lk.article_id, lk.cluster_id, lk.relation, lk.distance, lk.cluster_size) for lk in links] == [
        ("n1", "n1", "original", 0, 1), ("n2", "n2", "original", 0, 1),
        ("n3", "n3", "original", 0, 1), ("t1", "t1", "original", 0, 1),
    ]


def test_link_gives_each_source_carrying_one_article_id_its_own_row() -> None:
    early = _sig("a", 0, source="wire", published=_at(D1, 8))
    late = _sig("a", 0, source="metro", published=_at(D1, 9), sha1="other")
    copy = _sig("b", 0, source="daily", published=_at(D1, 10), sha1="other")
    for rows in ([early, late, copy], [copy, late, early]):
        links = dedup.link(rows, _targets(rows, "a", "b"))
        assert links == [Link("b", "daily", D1, "a", "exact", 0, 3), Link("a", "metro", D1, "a", "exact", 0, 3),
                         Link("a", "wire", D1, "a", "original", 0, 3)]


def test_link_keeps_the_first_row_of_one_sources_article_seen_on_two_days() -> None:
    first = _sig("a", 0, source="wire", day=D1, published=None)
    again = _sig("a", 0, source="wire", day=D2, published=None, sha1="other")
    for rows in ([first, again], [again, first]):
        assert dedup.link(rows, _ids(rows)) == [Link("a", "wire", D1, "a", "original", 0, 1)]


# --- link: contract -----------------------------------------------------------------------------------

def test_link_returns_only_targets_sorted_by_day_source_and_id() -> None:
    sigs = [
        _sig("b", 0, source="wire", day=D2), _sig("a", 1, source="wire", day=D2),
        _sig("z", 2, source="alpha", day=D2), _sig("y", 3, source="zeta", day=D1),
        _sig("q", 4, source="wire", day=D3),
    ]
    links = dedup.link(sigs, _targets(sigs, "a", "b", "z", "y", "missing"))
    assert [(lk.day, lk.source_id, lk.article_id) for lk in links] == [
        (D1, "zeta", "y"), (D2, "alpha", "z"), (D2, "wire", "a"), (D2, "wire", "b"),
    ]
    assert {lk.cluster_size for lk in links} == {5}        # non-targets still count as members
    assert dedup.link(sigs, []) == []
    assert dedup.link([], {"a"}) == []


@pytest.mark.parametrize("max_distance", [-1, 64])
def test_link_rejects_an_impossible_max_distance(max_distance: int) -> None:
    with pytest.raises(ConfigError, match="max_distance"):
        dedup.link([_sig("a")], {"a"}, max_distance=max_distance)


@pytest.mark.parametrize("max_distance", [1, 3, dedup.MAX_DISTANCE, 10])
def test_link_finds_every_pair_at_exactly_max_distance(max_distance: int) -> None:
    # Random bit flips put the differing bits in every arrangement across the bands, including
    # pairs that agree on one band only: the pigeonhole index must find them all.
    rng = random.Random(max_distance)
    sigs = []
    for n in range(400):
        base = rng.getrandbits(64)
        flipped = base
        for bit in rng.sample(range(64), max_distance):
            flipped ^= 1 << bit
        sigs += [_sig(f"p{n:03d}a", _signed(base), published=_at(D1, 1)), _sig(f"p{n:03d}b", _signed(flipped))]
    links = _by_id(dedup.link(sigs, _ids(sigs), max_distance=max_distance))
    for n in range(400):
        assert links[f"p{n:03d}a"].cluster_id == f"p{n:03d}b"
        assert links[f"p{n:03d}a"].distance == max_distance
    apart = _by_id(dedup.link(sigs, _ids(sigs), max_distance=max_distance - 1))
    assert all(lk.cluster_size == 1 for lk in apart.values())


def _generated(seed: int) -> list[Signature]:
    """Families of near copies around random hashes, with exact copies, short and empty texts,
    duplicated ids, undated rows and tied publication times."""
    rng = random.Random(seed)
    sigs: list[Signature] = []
    for family in range(150):
        base = rng.getrandbits(64)
        for member in range(rng.randrange(1, 6)):
            value = base
            for bit in rng.sample(range(64), rng.randrange(0, dedup.MAX_DISTANCE + 4)):
                value ^= 1 << bit
            day = rng.choice((D1, D2, D3))
            hour = rng.choice((None, 0, 6, 6, 12))
            kind = rng.random()
            sha1 = f"t{family}-{rng.randrange(3)}" if kind < 0.3 else f"t{family}-{member}"
            sigs.append(Signature(
                article_id=f"f{family:03d}m{member}", source_id=rng.choice(("wire", "post", "herald")),
                day=day, published_at=None if hour is None else _at(day, hour),
                text_sha1=None if kind > 0.95 else sha1,
                simhash=None if kind > 0.95 else _signed(value),
                tokens=0 if kind > 0.95 else rng.choice((10, 29, 30, 100, 400)),
            ))
    sigs += [replace(s, source_id="mirror") for s in rng.sample(sigs, 20)]     # duplicated ids
    return sigs


def _reference_link(signatures: Sequence[Signature], max_distance: int) -> list[Link]:
    """The spec of link(), written the slow way: every pair compared, components by search."""
    def key(s: Signature) -> tuple[object, ...]:
        moment = s.published_at or datetime.combine(s.day, time.min, tzinfo=UTC)
        return (moment, s.day, s.article_id, s.source_id, s.text_sha1 or "", s.simhash is None,
                (s.simhash or 0) % 2 ** 64, s.tokens)

    first: dict[tuple[str, str], Signature] = {}
    for s in sorted(signatures, key=key):
        first.setdefault((s.source_id, s.article_id), s)
    members = list(first.values())
    edges: dict[int, dict[int, int]] = {i: {} for i in range(len(members))}
    for i, a in enumerate(members):
        for j in range(i + 1, len(members)):
            b = members[j]
            if a.text_sha1 is None or b.text_sha1 is None:
                continue
            if a.text_sha1 == b.text_sha1:
                d = 0
            elif (a.tokens >= dedup.MIN_TOKENS and b.tokens >= dedup.MIN_TOKENS and a.simhash is not None
                  and b.simhash is not None and dedup.hamming(a.simhash, b.simhash) <= max_distance):
                d = dedup.hamming(a.simhash, b.simhash)
            else:
                continue
            edges[i][j] = edges[j][i] = d
    component: dict[int, list[int]] = {}
    for start in range(len(members)):
        if start in component:
            continue
        seen, todo = [start], [start]
        while todo:
            for nxt in edges[todo.pop()]:
                if nxt not in seen:
                    seen.append(nxt)
                    todo.append(nxt)
        for i in seen:
            component[i] = seen
    links = []
    for i, s in enumerate(members):
        group = component[i]
        head = min(group, key=lambda g: key(members[g]))
        exact = any(members[g].text_sha1 == s.text_sha1 for g in group if g != i)
        relation = "original" if head == i else "exact" if exact else "near"
        distance = 0 if exact or len(group) == 1 else min(edges[i].values())
        links.append(Link(s.article_id, s.source_id, s.day, members[head].article_id, relation, distance,
                          len(group)))
    return sorted(links, key=lambda lk: (lk.day, lk.source_id, lk.article_id))


@pytest.mark.parametrize("max_distance", [0, 3, dedup.MAX_DISTANCE, 9])
def test_link_agrees_with_comparing_every_pair(max_distance: int) -> None:
    sigs = _generated(seed=20250301)
    links = dedup.link(sigs, _ids(sigs), max_distance=max_distance)
    assert links == _reference_link(sigs, max_distance)
    assert any(lk.relation == "near" for lk in links) or max_distance == 0
    assert any(lk.relation == "exact" for lk in links)


def test_link_does_not_depend_on_input_order() -> None:
    sigs = _generated(seed=7)
    targets = {(s.source_id, s.article_id) for s in sigs[::3]}
    expected = dedup.link(sigs, targets)
    rng = random.Random(11)
    for _ in range(5):
        shuffled = list(sigs)
        rng.shuffle(shuffled)
        assert dedup.link(shuffled, targets) == expected
