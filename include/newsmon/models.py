"""Frozen records that flow through the pipeline. Pure: no I/O, no third-party imports."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any, Literal, TypeVar, get_args

# The closed vocabularies, declared once (FIGURES.md for the figure's).
SourceKind = Literal["feed", "sitemap", "warc"]
RawKind = Literal["feed", "sitemap", "warc-index", "page", "warc"]   # "warc": a WARC file, fetched but not kept
ArticleStatus = Literal["extracted", "skipped", "failed"]
Action = Literal["arrest", "charge", "convict", "sentence", "fine", "seize", "transfer", "investigate", "solve",
                 "rescue", "discipline", "harm"]
Measure = Literal["count", "amount", "weight", "term", "change"]
Unit = Literal["person", "case", "group", "item", "money", "kg", "year", "month", "day", "percent"]
Bound = Literal["exact", "more_than", "at_least", "less_than", "at_most", "approx"]
EntityType = Literal["PERSON", "ORG", "LOC"]

SOURCE_KINDS: tuple[SourceKind, ...] = get_args(SourceKind)
ACTIONS: tuple[Action, ...] = get_args(Action)
MEASURES: tuple[Measure, ...] = get_args(Measure)
UNITS: tuple[Unit, ...] = get_args(Unit)
BOUNDS: tuple[Bound, ...] = get_args(Bound)
ENTITY_TYPES: tuple[EntityType, ...] = get_args(EntityType)
RAW_KINDS: tuple[RawKind, ...] = get_args(RawKind)

Word = TypeVar("Word", bound=str)


def in_vocabulary(word: str, vocabulary: tuple[Word, ...]) -> Word:
    """``word`` as a word of ``vocabulary``; ValueError when it is not one (a bug, not bad input)."""
    for known in vocabulary:
        if word == known:
            return known
    raise ValueError(f"{word!r} is not one of {', '.join(vocabulary)}")


@dataclass(frozen=True, slots=True)
class Source:
    """One source listed in the sources file: an RSS/Atom feed, a sitemap, or WARC files."""

    id: str
    url: str                        # http(s) URL; for "warc" also a local path
    language: str = "en"
    enabled: bool = True
    kind: SourceKind = "feed"
    hosts: tuple[str, ...] = ()     # "warc": keep only records of these hosts (and their subdomains)
    allow_private: bool = False     # may fetch private/loopback/link-local addresses (local test servers)
    max_per_host: int | None = None  # requests at once to one host; None: Settings.max_per_host
    min_delay: float | None = None  # seconds between request starts to one host; None: Settings.min_delay
    credentials: str | None = None  # connection id (Airflow connection or AIRFLOW_CONN_<ID>) for the source's host


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One item of a parsed feed, before its page is fetched."""

    source_id: str
    entry_id: str                   # the feed's guid, or the link when there is none
    url: str
    title: str | None
    published_at: datetime | None   # tz-aware UTC, None when the feed gives no date
    summary: str | None
    author: str | None = None       # the entry's author as the feed names it (a name, never an address)


@dataclass(frozen=True, slots=True)
class Figure:
    """One enforcement figure found in a text, in the vocabulary of FIGURES.md, with its evidence.

    ``start``/``end`` delimit the quote (the shortest span holding the figure) and
    ``sentence_start``/``sentence_end`` the sentence around it, both as character
    offsets into the text the extractor was given.
    """

    action: Action
    measure: Measure
    unit: Unit
    value: float
    value_max: float | None
    bound: Bound
    currency: str | None            # ISO 4217 when measure == "amount"
    crime: str | None
    crime_category: str | None
    period_start: date | None
    period_end: date | None
    location: str | None
    country: str | None             # ISO 3166-1 alpha-2
    agency: str | None
    quote: str
    start: int
    end: int
    sentence: str
    sentence_start: int
    sentence_end: int
    confidence: float


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of a named entity in a text."""

    type: EntityType
    name: str                       # canonical (fullest) name of the entity in this text
    text: str                       # the mention as written
    start: int
    end: int
    entity_id: str | None           # stable id for known entities (ISO code, agency id), else None


@dataclass(frozen=True, slots=True)
class ArticleFigure:
    """One row of the ``figures`` table: a figure of one article, with the ids that place it."""

    figure_id: str
    article_id: str
    source_id: str
    extractor_version: str
    statistic_key: str              # the same statistic reported anywhere gets the same key
    figure: Figure

    def as_row(self) -> dict[str, Any]:
        """The flat row the store writes: the ids, the figure's fields, the key, the version."""
        return {"figure_id": self.figure_id, "article_id": self.article_id, "source_id": self.source_id,
                **asdict(self.figure), "statistic_key": self.statistic_key,
                "extractor_version": self.extractor_version}


@dataclass(frozen=True, slots=True)
class ArticleMention:
    """One row of the ``entities`` table: an entity mention of one article, with the ids that place it."""

    mention_id: str
    article_id: str
    source_id: str
    extractor_version: str
    mention: Mention

    def as_row(self) -> dict[str, Any]:
        """The flat row the store writes: the ids, the mention's fields, the version."""
        return {"mention_id": self.mention_id, "article_id": self.article_id, "source_id": self.source_id,
                **asdict(self.mention), "extractor_version": self.extractor_version}


@dataclass(frozen=True, slots=True)
class Article:
    """One feed entry that belongs to a day, with its cleaned text or the reason there is none.

    One row of the ``articles`` table.
    """

    article_id: str                 # sha1 of the canonical URL
    source_id: str
    entry_id: str
    url: str
    canonical_url: str
    title: str | None
    author: str | None
    published_at: datetime | None   # tz-aware UTC, from the feed, else from the page
    language: str | None
    text: str | None                # the cleaned text that figure offsets point into
    text_sha1: str | None
    status: ArticleStatus           # "skipped": no usable text; "failed": the fetch failed
    skip_reason: str | None
    extractor_version: str
    simhash: int | None = None      # 64-bit SimHash of the text (signed), for near-duplicate links
    word_count: int | None = None   # word tokens in the text


@dataclass(frozen=True, slots=True)
class RawDocument:
    """Bytes fetched from the web, kept so that reprocessing never refetches. One row of ``raw``."""

    source_id: str
    kind: RawKind
    url: str
    final_url: str
    status: int                     # HTTP status; 0 when no response came
    content_type: str | None
    etag: str | None
    last_modified: str | None
    fetched_at: datetime            # tz-aware UTC wall-clock time of the fetch
    sha256: str                     # of the body
    body: bytes                     # empty when the fetch failed
    error: str | None               # why the fetch failed, else None
