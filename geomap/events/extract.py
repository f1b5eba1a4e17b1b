"""Event extraction: event sentences, then the incidents they tell.

1. Each sentence is read on its own (:mod:`geomap.events.reading`): a sentence becomes an
   event when a cue of ``data/lexicon/event_triggers.csv`` matches it; its class looks
   through attribution to the event reported, its modality follows the cues of the
   event's own clause and its date, its place is the most specific one the sentence
   introduces as a location (:mod:`geomap.events.place`).
2. Relative dates that count from an earlier event ("four days later", "the next day") are
   resolved against the article's earlier sentences.
3. The sentences about one incident are put together (:mod:`geomap.events.incidents`):
   a headline, a lead or a follow-up that names no finer place takes the incident's site,
   date and parties.  Each event keeps the reasons for its fields.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache, partial

from geomap.config import DEFAULT_SETTINGS, Settings
from geomap.events.actors import (
    SentenceActors,
    Unnamed,
    actor_ids_in,
    article_parties,
    article_sides,
    as_named_group,
    home_force,
    named_insurgents,
    read_as_of,
    territory_holder,
    with_both_sides,
    with_previous_speaker,
    with_references,
)
from geomap.events.dates import dateline_end, shift_days
from geomap.events.incidents import HARMFUL_ACLED_TYPES, ArticleFacts, BorderMeasure, assemble
from geomap.events.lexicon import Lexicon
from geomap.events.place import GEO_LEVEL_BY_FEATURE, SPECIFICITY, BorderZone, article_zone, in_dateline, is_origin, where_said
from geomap.events.reading import ArticleFrame, Reading, dated_modality, in_narrative_window, narrative_day, read_sentence_events
from geomap.model import Article, Event, EventDate, Incident, Mention, Place, Toponym
from geomap.text import split_sentences

__all__ = [
    "GEO_LEVEL_BY_FEATURE", "SPECIFICITY", "BorderZone", "EventExtraction", "actor_ids_in", "extract_events",
]

_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_COUNT = r"\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten"
# "before" that ends its phrase ("the day before, …"): what follows it otherwise names another
# event ("the day before the summit", "a week before Moscow hosts talks"), counted from that one
_NOT_ANOTHER_EVENT = r"(?=\s*[,;:.]|\s*$)"
# days counted from the event told before: "four days later", "the next day", "two days
# earlier", "the previous day", "the day before", "the same day"
_FROM_EARLIER = re.compile(
    rf"\b(?:(?P<n>{_COUNT})\s+(?P<unit>days?|weeks?)\s+(?:later|after(?:wards)?)"
    r"|(?:the\s+)?(?P<next>next|following)\s+(?:day|morning|evening|night)"
    rf"|(?P<back_n>{_COUNT})\s+(?P<back_unit>days?|weeks?)\s+(?:earlier|before{_NOT_ANOTHER_EVENT})"
    rf"|(?:the\s+)?(?P<previous>previous|preceding)\s+(?:day|morning|evening|night)|(?P<before>the\s+(?:day|night)\s+before){_NOT_ANOTHER_EVENT}"
    r"|(?P<same>(?:the|that)\s+(?:very\s+)?same\s+day|that\s+(?:very\s+)?day|(?:later|earlier)\s+that\s+(?:day|morning|evening|night)))\b",
    re.I,
)
_FROM_EARLIER_WORDS = ("later", "after", " day", "morning", "evening", "night", "earlier", "before")


# who bears arms, and the actor of attackers no one names (``actors.csv``)
_ARMED_TYPES = frozenset({"military", "border_guard", "police", "armed_group"})
UNIDENTIFIED_ARMED = "unidentified_armed"


@dataclass
class EventExtraction:
    """The events of one article (one per event sentence) and the incidents they tell."""

    events: list[Event] = field(default_factory=list)
    incidents: list[Incident] = field(default_factory=list)


def extract_events(
    article: Article,
    toponyms: list[Toponym],
    lexicon: Lexicon,
    border_zones: tuple[BorderZone, ...] = (),
    organisations: Sequence[Mention] = (),
    settings: Settings = DEFAULT_SETTINGS,
    measure: BorderMeasure | None = None,
) -> EventExtraction:
    """Events and incidents of one article.

    Parameters
    ----------
    article : Article
        The article (its date anchors relative expressions).
    toponyms : list of Toponym
        Resolved places of the article, offsets into ``article.text``.
    lexicon : Lexicon
        Compiled vocabulary tables.
    border_zones : tuple of BorderZone
        Border areas used for "along the border" when no more specific place is named;
        the one whose countries the sentence names, else the article's, else the first.
    organisations : sequence of Mention
        Organisation and media names found by recognition: an actor name inside a longer
        one ("Pakistan" in "Pakistan Point News") is not an actor.
    settings : Settings
        ``historical_after_days``: how long before the article an event is background.
    measure : callable, optional
        ``(pair, lat, lon) -> (km, lat, lon)``: distance to a border and its nearest point,
        used to tell whether a site lies along the border a sentence names and to place a
        whole-border event on the stretch nearest the article's places.

    Returns
    -------
    EventExtraction
        ``events`` in text order, each with its ``incident_id``; ``incidents`` in order of
        their first sentence.
    """
    ordered = tuple(sorted(toponyms, key=lambda t: t.mention.start))
    spans = split_sentences(article.text, article.body_start)
    frame = ArticleFrame(
        text=article.text,
        published=article.date,
        toponyms=ordered,
        lexicon=lexicon,
        border_zones=border_zones,
        article_zone=article_zone(border_zones, ordered, article.text),
        organisations=tuple(sorted((m.start, m.end) for m in organisations)),
        filed=dateline_end(article.text, article.body_start),
        lead_end=spans[min(1, len(spans) - 1)][1] if spans else article.body_start,
        historical_after_days=settings.historical_after_days,
        toponym_starts=tuple(t.mention.start for t in ordered),
        organisation_starts=tuple(sorted(m.start for m in organisations)),
        harmful_classes=_harmful_classes(lexicon),
    )
    readings, narrative = _read_sentences(frame, spans)
    readings = _dated_from_earlier(readings, article.date)
    readings = _in_narrative_time(readings, narrative, article.date, settings.historical_after_days)
    home = _home_country(ordered)
    readings = _referenced_parties(readings, lexicon, home, article.date, _country_name(ordered, home))
    readings = _generic_as_named(readings, lexicon, article.date)
    sides = article_sides([r.actors for r in readings], lexicon)
    readings = [_with_actors(r, with_both_sides(r.actors, r.sentence, sides, lexicon)) for r in readings] if sides else readings
    readings = [_with_actors(r, with_previous_speaker(r.actors, r.sentence, _told_just_before(readings, i))) for i, r in enumerate(readings)]
    facts = ArticleFacts(
        article_id=article.id,
        source_file=article.source_file,
        published=article.date,
        historical_after_days=settings.historical_after_days,
        class_priority={name: cls.priority for name, cls in lexicon.classes.items()},
        harmful_classes=frame.harmful_classes,
        measure=measure,
        territory_holder=partial(territory_holder, lexicon),
        places_at=_places_at(article.text, ordered),
        provinces=tuple({t.place.id: t.place for t in ordered if not t.adjectival and t.place.feature_type == "admin1"}.values()),
        named_elsewhere=_named_outside_events(article.text, ordered, readings),
        armed=frozenset(a.name for a in lexicon.actors if a.actor_type in _ARMED_TYPES),
        unknown_attackers=getattr(lexicon.actor_by_id(UNIDENTIFIED_ARMED), "name", ""),
        class_family={name: cls.family for name, cls in lexicon.classes.items()},
    )
    events, incidents = assemble(readings, facts)
    return EventExtraction(_dated_against_main(events, readings, article.date, settings.historical_after_days), incidents)


def _dated_against_main(events: list[Event], readings: Sequence[Reading], published: date | None, historical_after_days: int) -> list[Event]:
    """A further event told as "a day after a shooting" or "two days before the talks" took
    place that long before (after) its sentence's main event, whatever date that one got;
    the shifted date may make it background or a plan.  ``events`` and ``readings`` are
    parallel, and a sentence's main reading comes first."""
    out = list(events)
    main = 0
    for index, reading in enumerate(readings):
        if reading.start != readings[main].start:
            main = index
        days, told = reading.days_before_main, events[main].date
        if days is None or main == index or told is None:
            continue
        day = EventDate(shift_days(told.start, -days), shift_days(told.end, -days), told.precision, "earlier event", told.text)
        # the main event's date, shifted, decides between past, present and plan
        told_modality = events[index].modality
        modality, _ = dated_modality("reported" if told_modality in ("planned", "historical") else told_modality, day, published, historical_after_days)
        why = f"{abs(days)} day(s) {'before' if days >= 0 else 'after'} the sentence's main event ({told.start.isoformat()})"
        out[index] = replace(events[index], date=day, modality=modality, reasons={**events[index].reasons, "date": why})  # type: ignore[arg-type]
    return out


def _harmful_classes(lexicon: Lexicon) -> frozenset[str]:
    """The classes whose events kill and wound (ACLED's violent event types)."""
    return frozenset(name for name, cls in lexicon.classes.items() if cls.acled_event_type in HARMFUL_ACLED_TYPES)


def _places_at(text: str, toponyms: Sequence[Toponym]) -> tuple[tuple[int, Place], ...]:
    """The sites, towns and districts the article names as places (not as nationality words,
    nor the dateline's city, where the report was filed), with where it names them."""
    return tuple(
        (t.mention.start, t.place) for t in toponyms
        if not t.adjectival and SPECIFICITY.get(GEO_LEVEL_BY_FEATURE.get(t.place.feature_type, ""), 9) <= 2 and not in_dateline(text, t)
    )


def _named_outside_events(text: str, toponyms: Sequence[Toponym], readings: Sequence[Reading]) -> tuple[Toponym, ...]:
    """The places below country level that sentences telling no event name as places ("the
    outpost where it happened lies in Shamsiddin Shohin district"): not nationality words, the
    dateline's city, where something was said, or where someone came from."""
    spans = [(r.start, r.end) for r in readings]
    # "the country's mission to the UN in New York did not respond": a place in a country none
    # of the article's events is placed in says nothing of where they happened
    countries = _countries_of_events(readings)
    return tuple(
        t for t in toponyms
        if not t.adjectival and SPECIFICITY.get(GEO_LEVEL_BY_FEATURE.get(t.place.feature_type, ""), 9) <= SPECIFICITY["adm2"]
        and t.place.source != "border" and not any(a <= t.mention.start < b for a, b in spans)
        and not in_dateline(text, t) and not where_said(text, t) and not is_origin(text, t.mention.start)
        and (not countries or t.place.country in countries)
    )


def _countries_of_events(readings: Sequence[Reading]) -> frozenset[str]:
    """The countries the event sentences place their events in (a border counts for both of
    its countries)."""
    found: set[str] = set()
    for reading in readings:
        if reading.place.zone is not None:
            found.update(reading.place.zone.countries)
        elif reading.place.toponym is not None and reading.place.toponym.place.country:
            found.add(reading.place.toponym.place.country)
    return frozenset(found)


def _home_country(toponyms: Sequence[Toponym]) -> str:
    """ISO2 of the country where the article's places below country level lie, when at least
    two thirds of them lie in one country."""
    countries = [t.place.country for t in toponyms if t.place.feature_type != "country" and t.place.country and not t.adjectival]
    if not countries:
        return ""
    country, count = Counter(countries).most_common(1)[0]
    return country if count * 3 >= len(countries) * 2 else ""


def _country_name(toponyms: Sequence[Toponym], iso2: str) -> str:
    """The name of the country ``iso2`` as the article's places know it ("Tajikistan"), if it names it."""
    return next((t.place.name for t in toponyms if iso2 and t.place.feature_type == "country" and t.place.country == iso2), "")


def _referenced_parties(
    readings: list[Reading], lexicon: Lexicon, home: str = "", published: date | None = None, home_name: str = ""
) -> list[Reading]:
    """"The border guards", "the authorities": the article's actor of that type, named
    elsewhere with its country; "the authorities", "the border guards", "the police" and "the
    security forces" of an article whose places lie in one country are what the vocabulary
    reads those words as with that country's name ("Tajikistan security forces"), else that
    country's government, border force, police and the forces holding it on the article's day."""
    parties = article_parties([r.actors for r in readings], lexicon)
    named_kinds = frozenset(parties)
    if "government" not in parties and home:
        government = lexicon.government_of().get(home)
        if government is not None:
            parties["government"] = government
    for kind in ("border_guard", "police"):
        own = home_force(lexicon, home, kind) if home and kind not in parties else None
        if own is not None:
            parties[kind] = own
    holder = lexicon.holder_of(home, published) if home else None
    if holder is not None and holder.actor_type == "military":
        named = lexicon.actor_named(parties.get("military", ""))
        # the forces the article names stand for "the troops" unless they are a rival of the
        # same country (the Taliban in 2018 are not Afghanistan's "security forces")
        if named is None or (named.country_iso3 == holder.country_iso3 and holder.id not in (named.id, named.parent)):
            parties["military"] = holder.name
    if not parties:
        return readings
    # one article says "the authorities" many times: each wording is read once
    own_reading = lru_cache(maxsize=None)(partial(read_as_of, country=home_name, lexicon=lexicon, day=published)) if home_name else None
    out = []
    for reading in readings:
        actors, added = with_references(reading.actors, reading.sentence, lexicon, parties, Unnamed(named_kinds, own_reading))
        out.append(replace(reading, actors=actors) if added else reading)
    return out


def _with_actors(reading: Reading, actors: SentenceActors) -> Reading:
    """``reading`` with ``actors``: itself when they are the ones it has (no copy)."""
    return reading if actors is reading.actors else replace(reading, actors=actors)


def _generic_as_named(readings: list[Reading], lexicon: Lexicon, published: date | None) -> list[Reading]:
    """"The militants", "insurgents": the one armed group out of power the article names."""
    unnamed = getattr(lexicon.actor_by_id(UNIDENTIFIED_ARMED), "name", "")
    group = named_insurgents([(r.actors, r.sentence) for r in readings], lexicon, published, unnamed) if unnamed else None
    if group is None:
        return readings
    return [_with_actors(r, as_named_group(r.actors, unnamed, group)) for r in readings]


def _told_just_before(readings: list[Reading], index: int, within: int = 300) -> SentenceActors | None:
    """The actors of the event sentence right before ``readings[index]``, if it ends at most
    ``within`` characters before it (a sentence or two: what a pronoun can point back to)."""
    if index == 0 or readings[index].start - readings[index - 1].end > within:
        return None
    return readings[index - 1].actors


def _read_sentences(frame: ArticleFrame, spans: Sequence[tuple[int, int]]) -> tuple[list[Reading], list[tuple[int, EventDate]]]:
    """The event sentences, and the days the other sentences give the narrative (by offset)."""
    readings: list[Reading] = []
    narrative: list[tuple[int, EventDate]] = []
    for start, end in spans:
        told = read_sentence_events(frame, start, end)
        if told:
            readings.extend(told)
        elif frame.published is not None and not _caption(frame.text, start, end) and (day := narrative_day(frame, start, end)) is not None:
            narrative.append((start, day))
    return readings, narrative


# a photo credit closing a line ("… ply the river in the autumn of 2015. [Jane Doe]", "(file
# photo)"): the sentence before it is a caption, dated when the picture was taken
_PHOTO_CREDIT = re.compile(r"\s*(?:\[[^\]\n]{2,60}\]|\((?:file )?photo\b[^)\n]{0,60}\))[ \t]*(?:\n|\Z)", re.I)


def _caption(text: str, start: int, end: int) -> bool:
    """Whether the sentence at ``start:end`` is a photo caption: its date is not the story's."""
    bracket = text.rfind("(", start, end)  # a credit inside the sentence: "… in January. (file photo)"
    return _PHOTO_CREDIT.match(text, end) is not None or (bracket >= 0 and _PHOTO_CREDIT.match(text, bracket) is not None)


def _in_narrative_time(
    readings: list[Reading], narrative: list[tuple[int, EventDate]], published: date | None, historical_after_days: int = 30
) -> list[Reading]:
    """Each undated sentence gets the last day told before it, when that day is recent, or
    when it is background (over ``historical_after_days`` old) the sentence goes on telling in
    the past tense (its own incident's date, if any, still comes first)."""
    if published is None:
        return readings
    told = sorted([*narrative, *((r.start, r.narrative_day) for r in readings if r.narrative_day is not None)], key=lambda d: d[0])
    out: list[Reading] = []
    index, current, background = 0, None, None
    for reading in readings:
        while index < len(told) and told[index][0] < reading.start:
            current, background = _narrative_after(told[index][1], current, published, historical_after_days)
            index += 1
        if reading.date is None and current is not None and not reading.habitual:
            reading = replace(reading, context_date=current)
        elif reading.date is None and background is not None and _told_in_the_past(reading):
            reading = replace(reading, context_date=background)
        out.append(reading)
        if background is not None and _tells_recent_news(reading, published):
            background = None  # "… an official confirmed on Sunday": the story is back in the news of the week
    return out


def _tells_recent_news(reading: Reading, published: date) -> bool:
    """Whether a sentence is dated, by its own words or by the day it was said, within the days
    news tells (``in_narrative_window``)."""
    return any(day is not None and in_narrative_window(day, published) for day in (reading.date, reading.said_on))


def _narrative_after(
    told: EventDate, current: EventDate | None, published: date, historical_after_days: int
) -> tuple[EventDate | None, EventDate | None]:
    """The narrative's current day and its background after a sentence told ``told``: a
    recent day is the current one; a day or month long past is background (a month long past,
    "six months ago", leaves the current day as it was)."""
    old = told.end < shift_days(published, -historical_after_days)
    if told.precision != "day":
        return current, told if old else None
    return (told if in_narrative_window(told, published) else None), (told if old else None)


# a verb in the present or future: news of now, not the background told before it
_NOW = re.compile(r"\b(?:is|are|am|will|shall|remains?|continues?|says|do|does)\b|\b(?:has|have)\s+(?:not\s+)?(?:yet\s+)?(?!been\b)\w+", re.I)


def _told_in_the_past(reading: Reading) -> bool:
    """Whether an undated sentence after a day told long before the article ("the clashes
    began in Khorog on July 24, 2012 … the authorities blamed Ayombekov") goes on with that
    background: a reported event in the past tense."""
    return reading.modality in ("reported", "historical") and not _NOW.search(reading.sentence)


def _dated_from_earlier(readings: list[Reading], published: date | None = None) -> list[Reading]:
    """"Four days after the first attack", "the next day", "two days earlier", "the same day":
    the latest earlier day-precise date, moved on or back (back from the article's date when
    no earlier sentence gave a day: "the day before" is then the day before the report)."""
    out: list[Reading] = []
    anchor: EventDate | None = None  # the latest day-precise date so far
    for reading in readings:
        if reading.date is None:
            reading = _moved_from(reading, anchor, published)
        if reading.date is not None and reading.date.precision == "day":
            anchor = reading.date
        out.append(reading)
    return out


def _moved_from(reading: Reading, anchor: EventDate | None, published: date | None) -> Reading:
    """The undated ``reading`` dated by the days it counts from ``anchor`` (or, counting
    back, from ``published`` when there is no anchor), if it counts any."""
    lowered = reading.sentence.lower()
    if not any(word in lowered for word in _FROM_EARLIER_WORDS):
        return reading
    offset = _FROM_EARLIER.search(reading.sentence)
    if offset is None:
        return reading
    days = _days(offset)
    said = reading.said_on
    if said is not None and said.precision == "day":
        # "told RFE/RL on October 3 that the attack occurred the previous day": from the saying
        origin, name = (said.end if days > 0 else said.start), said.text or said.start.isoformat()
    elif anchor is not None:
        origin, name = (anchor.end if days > 0 else anchor.start), anchor.text or anchor.start.isoformat()
    elif days < 0 and published is not None:
        origin, name = published, "the article's date"
    else:
        return reading
    day = shift_days(origin, days)
    moved = EventDate(day, day, "day", "earlier event", offset.group(0))
    return replace(reading, date=moved, date_reason=f"{offset.group(0)!r} from {name!r}")


def _days(offset: re.Match[str]) -> int:
    """The days a match of ``_FROM_EARLIER`` counts (negative: back)."""
    if offset.group("next"):
        return 1
    if offset.group("previous") or offset.group("before"):
        return -1
    if offset.group("same"):
        return 0
    forward = offset.group("n") is not None
    count = (offset.group("n") if forward else offset.group("back_n")).lower()
    unit = (offset.group("unit") if forward else offset.group("back_unit")).lower()
    number = int(count) if count.isdigit() else _COUNTS[count]
    return number * (7 if unit.startswith("week") else 1) * (1 if forward else -1)
