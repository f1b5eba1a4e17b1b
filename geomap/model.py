"""Typed records handed from one pipeline stage to the next.

read → recognise → resolve → extract events → measure → render/export.  Each stage
consumes the records of the previous ones and adds its own; no stage reaches into
another stage's internals.  All distances are kilometres, all coordinates WGS84
decimal degrees.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any, Literal

MentionKind = Literal["toponym", "adjectival", "coordinates"]
DatePrecision = Literal["day", "days", "week", "month", "year"]
Modality = Literal["reported", "planned", "denied", "hypothetical", "historical"]


@dataclass(slots=True)
class Article:
    """One input document, exactly as read.

    Attributes
    ----------
    id : str
        Stable identifier (file stem, or ``file#record`` for multi-record corpora).
    source_file : str
        Path of the file the article came from.
    text : str
        The full text as read, header line included; every offset refers to it.
    date : datetime.date or None
        Publication date from the header or metadata, else from a dateline at the top
        of the text (then ``date_from`` is ``"dateline"``).
    body_start : int
        Offset where the article body starts (after a ``date`` header line).
    title, url : str or None
        Optional metadata.
    """

    id: str
    source_file: str
    text: str
    date: date | None = None
    body_start: int = 0
    title: str | None = None
    url: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    date_from: str = ""  # "dateline" when the date was read from the article's dateline


@dataclass(slots=True)
class SkippedInput:
    """A file or record that could not be read, with the reason in plain words."""

    source: str
    reason: str


@dataclass(slots=True, frozen=True)
class Place:
    """A gazetteer entry."""

    id: str
    name: str
    lat: float
    lon: float
    feature_type: str
    country: str  # ISO 3166-1 alpha-2, "" when unknown
    uncertainty_km: float
    source: str  # "curated", "geonames", "countries", "user", "coordinates", "online"
    population: int = 0
    admin1: str = ""
    citation: str = ""


@dataclass(slots=True)
class Mention:
    """A span of text that may name a place."""

    start: int
    end: int
    text: str
    kind: MentionKind
    candidate_ids: tuple[int, ...] = ()  # indices into the gazetteer's place table
    fuzzy: bool = False


@dataclass(slots=True)
class Toponym:
    """A mention resolved to a place, with the evidence that decided it."""

    mention: Mention
    place: Place
    confidence: float
    reasons: list[str]
    runner_up: Place | None = None
    runner_up_score: float | None = None

    @property
    def adjectival(self) -> bool:
        return self.mention.kind == "adjectival"


@dataclass(frozen=True, slots=True)
class BorderMetrics:
    """Where a point lies relative to a border line."""

    border: str  # e.g. "TJK-AFG"
    distance_km: float
    side: str  # ISO3 of the country containing the point, "" if outside all
    nearest_lat: float
    nearest_lon: float
    bearing_deg: float  # initial geodesic bearing from the point to the nearest border point
    side_uncertain: bool


@dataclass(slots=True)
class Quantity:
    """A counted thing: "about 1,000 soldiers" → personnel, best=1000, approximate."""

    category: str
    best: int
    raw_text: str
    low: int | None = None
    high: int | None = None
    approximate: bool = False
    item: str | None = None


@dataclass(slots=True)
class EventDate:
    """A normalised date interval with its precision and how it was derived."""

    start: date
    end: date
    precision: DatePrecision
    basis: str  # "text" (in the sentence), "previous sentence" or "earlier event" (referred back to), "incident", "narrative" (the day last told before it), or "article"
    text: str = ""


@dataclass(slots=True)
class Event:
    """Something that happened (or is announced/denied), traced to its sentence."""

    event_class: str
    modality: Modality
    sentence: str
    sentence_start: int
    sentence_end: int
    article_id: str
    source_file: str
    trigger: str
    confidence: float
    actors: list[str] = field(default_factory=list)  # agents first, then recipients/targets
    recipients: list[str] = field(default_factory=list)  # actors named after "to/for/against/with"
    date: EventDate | None = None
    place: Toponym | None = None
    place_relation: str = ""  # "in", "near", "along the border", "20 km from", …
    geo_level: str = ""  # site, settlement, near_named_place, adm1, subnational_region, country
    quantities: list[Quantity] = field(default_factory=list)
    border: BorderMetrics | None = None  # the nearest of the requested borders
    borders: list[BorderMetrics] = field(default_factory=list)  # one per requested border
    # ACLED (disorder type, event type, sub-event type) of the matching cue when it refines the
    # class's own ("shot dead" → Violence against civilians / Attack); empty: the class's
    acled: tuple[str, str, str] | tuple[()] = ()
    incident_id: str = ""  # the sentences of an article about one incident share it
    precision: int = 0  # ACLED geo-precision of the place: 1 site or town, 2 near a town or district, 3 region; 0 none
    # why each field was chosen ("class": …, "modality": …, "place": …, "date": …, "actors": …)
    reasons: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True, frozen=True)
class Incident:
    """One real-world incident of an article, told by one or more event sentences.

    Its fields are the best supported among its sentences; ``reasons`` says, per field,
    which sentence gave it and why.  ``sentences`` are indices into the article's events.
    """

    id: str
    article_id: str
    source_file: str
    event_class: str
    modality: Modality
    sentences: tuple[int, ...]
    date: EventDate | None = None
    place: Toponym | None = None
    place_relation: str = ""
    geo_level: str = ""
    precision: int = 0
    actors: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    fatalities: int | None = None
    injured: int | None = None
    quantities: tuple[Quantity, ...] = ()
    confidence: float = 0.0
    acled: tuple[str, str, str] | tuple[()] = ()
    reasons: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Claim:
    """A numeric geographic statement of an article, checked against the geometry.

    ``kind`` is ``border_length``, ``distance_to_border`` or ``distance_between``.
    ``verdict`` is ``consistent``, ``inconsistent`` or ``cannot check`` (``reason`` says
    why); ``tolerance_km`` is the allowance used for the comparison.
    """

    kind: str
    stated_value: float
    stated_unit: str
    stated_km: float
    text: str
    start: int
    end: int
    sentence: str
    article_id: str
    source_file: str
    verdict: str
    reason: str
    computed_km: float | None = None
    difference_km: float | None = None
    tolerance_km: float | None = None
    subject: str = ""  # the place the claim is about (or the border pair for lengths)
    reference: str = ""  # the border pair or the other place
    lat: float | None = None  # where to show it on a map
    lon: float | None = None


@dataclass(slots=True)
class ArticleResult:
    """Everything geomap learned from one article."""

    article: Article
    toponyms: list[Toponym]
    events: list[Event]
    suppressed: list[Mention] = field(default_factory=list)  # organisation names etc.
    claims: list[Claim] = field(default_factory=list)
    incidents: list[Incident] = field(default_factory=list)


PACKABLE_RECORDS: tuple[type, ...] = (
    ArticleResult, Article, Toponym, Mention, Event, EventDate, Quantity, BorderMetrics, Incident, Claim,
)
"""Records rebuilt by calling their class with their field values (no ``init=False`` field, no
``__post_init__``): a :class:`geomap.packed.PackedList` stores them by fields, and :class:`Place`
values once per list."""


def to_plain(obj: Any) -> Any:
    """Convert records (recursively) to JSON-ready plain Python values."""
    if hasattr(obj, "__dataclass_fields__"):
        # the fields walked directly: dataclasses.asdict deep-copies every value first
        return {f.name: to_plain(getattr(obj, f.name)) for f in fields(obj)}
    if isinstance(obj, dict):
        return {k: to_plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_plain(v) for v in obj]
    if isinstance(obj, date):
        return obj.isoformat()
    return obj
