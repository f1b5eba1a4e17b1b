"""Sentence-level event extraction: class, modality, actors, date, place, quantities.

A sentence becomes an event when one of the trigger patterns of
``data/lexicon/event_triggers.csv`` matches it (and its ``requires``/``excludes``
conditions hold).  When several classes trigger, the one highest in the taxonomy's
``priority`` wins among confident cues, following ACLED's rule of coding the most
severe tactic.  The event's place is the most specific place named in the sentence,
with the relation the text states ("near", "20 km from", "along the border").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import timedelta

from geomap.events.dates import dateline_end, extract_date
from geomap.events.lexicon import Lexicon
from geomap.events.quantities import extract_quantities
from geomap.model import Article, Event, EventDate, Mention, Place, Toponym
from geomap.places.resolve import haversine_km
from geomap.text import names_a_border, split_sentences

GEO_LEVEL_BY_FEATURE = {
    "military_base": "site", "training_ground": "site", "border_crossing": "site", "bridge": "site",
    "river_port": "site", "airfield": "site", "border_post": "site", "dam": "site", "site": "site",
    "city": "settlement", "town": "settlement", "village": "settlement",
    "admin2": "adm2", "admin1": "adm1",
    "region": "subnational_region", "valley": "subnational_region", "river": "subnational_region",
    "lake": "subnational_region", "mountain_range": "subnational_region",
    "country": "country",
}
SPECIFICITY = {"site": 0, "settlement": 1, "near_named_place": 1, "adm2": 2, "adm1": 3, "subnational_region": 4, "country": 5}
MODALITY_FACTOR = {"reported": 1.0, "planned": 0.9, "historical": 0.8, "hypothetical": 0.7, "denied": 0.7}
CONFIDENT_CUE = 0.6

_NEAR = re.compile(r"\b(?:near|close to|outside|around|next to|not far from|on the outskirts of|in the vicinity of)\s+(?:the\s+)?$", re.I)
_DISTANCE = re.compile(
    r"\b(?P<value>\d+(?:[.,]\d+)?)\s*(?:-\s*)?(?P<unit>km|kilomet(?:er|re)s?|miles?)\s+(?:\w+\s+){0,2}?(?:from|of|off|away from|outside)\s+(?:the\s+)?$",
    re.I,
)
_ANAPHOR = re.compile(
    r"\b(?:the|these|this|those|that)\s+(?:[\w-]+\s+){0,2}?(?:drills?|exercises?|manoeuvres?|maneuvers?|war ?games?|"
    r"attacks?|strikes?|clash(?:es)?|fighting|shelling|operation|incident|deployment|delivery|shipment|transfer|talks|meeting)\b",
    re.I,
)
# recipient or target: "sent vehicles to the Tajik army", "an attack on Border Troops", "killing two guards"
_RECIPIENT = re.compile(
    r"\b(?:to|for|against|with|towards|on|upon|at|targeting|targeted|killing|killed|wounding|wounded|attacking|attacked|shelling|shelled)"
    r"\s+(?:the\s+|its\s+|their\s+|two\s+|three\s+|several\s+|\d+\s+)?$"
    # "killed five people including Taliban security forces": the victims, listed
    r"|\b(?:kill|wound|injur|target)\w*\s+(?:[\w,-]+\s+){0,5}?(?:including|among them|among whom)\s+(?:the\s+|two\s+|three\s+|several\s+|\d+\s+)?$",
    re.I,
)
# a place introduced as a location: a preposition, then at most a few determiners, directions,
# place nouns or names ("in the northern town of Kunduz"), not any words ("to demonstrate Moscow")
_LOCATION_FILLER = (
    r"(?:the|a|an|its|their|his|her|this|that|northern|southern|eastern|western|central|north|south|east|west"
    r"|north-?eastern|north-?western|south-?eastern|south-?western|remote|mountainous|nearby|neighbou?ring|border"
    r"|town|city|village|district|province|region|area|settlement|of|(?-i:[A-Z][\w'’.-]*))"
)
_LOCATIVE = re.compile(
    rf"\b(?:in|at|near|to|into|from|inside|outside|across|along|around|on|enter(?:ed|ing|s)?|infiltrat(?:ed|ing|es)?)"
    rf"\s+(?:{_LOCATION_FILLER}\s+){{0,4}}?$",
    re.I,
)
_BORDER = re.compile(r"\b(?:along|on|near|at|across|to|towards|close to)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?borders?\b", re.I)
# "Sher Khan Bandar town at the border …": the border phrase locates the place right before it
_AT_THE_BORDER_AFTER = re.compile(
    r"\s*,?\s*(?:(?:a|the)\s+)?(?:town|city|village|district|post|outpost|crossing|checkpoint|bridge|port|area|settlement)?"
    r"\s*,?\s*(?:(?:which|that)\s+(?:is|lies)\s+)?(?:on|at|near|along|by|close to)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?borders?\b",
    re.I,
)
# "from Afghanistan", "originated in Badakhshan": where someone came from, not where it happened
_ORIGIN = re.compile(
    # "20 km from", "not far from", "away from": a distance to the place, not an origin
    r"\b(?:(?<!km\s)(?<!kilometers\s)(?<!kilometres\s)(?<!miles\s)(?<!metres\s)(?<!meters\s)(?<!far\s)(?<!away\s)(?<!distance\s)from"
    rf"|originat\w*\s+(?:in|from)|(?:fled|flee|fleeing|retreated|retreating|escaped|withdrew)\s+(?:back\s+)?(?:to|toward|towards|into|across))"
    rf"\s+(?:(?:{_LOCATION_FILLER}|in)\s+){{0,6}}?$",
    re.I,
)
# "… in the Dovang district, which borders the Shamsiddin Shohin district of Tajikistan": the
# places of such a clause describe a neighbour of the place, they are not where it happened
_DESCRIPTIVE_CLAUSE = re.compile(
    r"\b(?:(?:which|that)\s+(?:borders?|adjoins?|neighbou?rs?|faces?|lies?\s+(?:opposite|across\s+from)|is\s+(?:adjacent|opposite|close)\s+to)"
    r"|bordering|adjacent\s+to|opposite)\b[^,;:()]*",
    re.I,
)
_POSSESSIVE_AFTER = re.compile(r"['’]s?\b")  # "China's embassy": whose, not where
# "Kyrgyz and Tajik troops": nationality words of armed forces say whose border it is
_FORCES_AFTER = re.compile(
    r"(?:\s*(?:,|and|&)\s*[A-Z][\w-]+)*\s+(?:border\s+)?(?:troops|forces|soldiers|guards|military|army|armies|servicem[ae]n|units|police|militias?|fighters)\b"
)
# a country introduced as a location ("in southern Tajikistan") is where, not who
_IN_COUNTRY = re.compile(
    rf"\b(?:in|into|inside|within|across|throughout|near|around|enter(?:ed|ing|s)?|infiltrat(?:ed|ing|es)?)"
    rf"\s+(?:{_LOCATION_FILLER}\s+){{0,3}}?$",
    re.I,
)
# "Moscow-led", "Dushanbe-based": the place qualifies someone, it is not where things happen
_MODIFIER_AFTER = re.compile(
    r"[-–](?:led|backed|based|brokered|sponsored|funded|made|built|controlled|allied|aligned|friendly|run|owned|supported|bound)\b"
    r"|\s+time\b",  # "08:00 Moscow time": a time zone
    re.I,
)


@dataclass(frozen=True, slots=True)
class BorderZone:
    """The border area used as the place of "along the border" events."""

    place: Place
    pair: str
    countries: tuple[str, ...] = ()  # ISO alpha-2 of the two countries


def _zone_for(
    zones: tuple[BorderZone, ...], toponyms: list[Toponym], text: str = "", default: BorderZone | None = None
) -> BorderZone | None:
    """The border the sentence talks about: the one its border phrase names ("the
    Afghanistan-Tajikistan border", "the Afghan border"), else the one between countries it
    names or whose forces act ("Kyrgyz and Tajik troops clashed along the border"), else the
    article's border (``default``), else the primary.  Nationality words of others ("Chinese
    workers were killed") choose nothing."""
    if not zones:
        return None
    default = default or zones[0]
    naming = {t.place.country for t in toponyms if t.place.feature_type == "country" and text and _names_a_border(text, t)}
    named = naming | {
        t.place.country
        for t in toponyms
        if t.place.feature_type == "country"
        and (
            (not t.adjectival and not (text and _POSSESSIVE_AFTER.match(text, t.mention.end)))
            or (text and _FORCES_AFTER.match(text, t.mention.end))
        )
    }
    for countries in (naming, named):
        both = [z for z in zones if z.countries and set(z.countries) <= countries]
        if both:
            return both[0]
    if named and not set(default.countries) & named:
        one = [z for z in zones if set(z.countries) & named]
        if one:
            return one[0]
    return default


def _article_zone(zones: tuple[BorderZone, ...], toponyms: list[Toponym]) -> BorderZone | None:
    """The border an article is about: the one whose two countries it names most (the less
    named of the two counts; demonyms do not: "Chinese workers" name no border), the primary
    border on ties or when no border has both its countries named."""
    if not zones:
        return None
    counts = Counter(t.place.country for t in toponyms if not t.adjectival and t.place.country)

    def named(zone: BorderZone) -> int:
        return min((counts[c] for c in zone.countries), default=0)

    best = max(zones, key=named)  # the first of equals: the primary border wins ties
    return best if named(best) > 0 else zones[0]


def extract_events(
    article: Article,
    toponyms: list[Toponym],
    lexicon: Lexicon,
    border_zones: tuple[BorderZone, ...] = (),
    organisations: Sequence[Mention] = (),
) -> list[Event]:
    """Events of one article, one per triggering sentence.

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
        the one whose countries the sentence names, else the first (primary) one.
    organisations : sequence of Mention
        Organisation and media names found by recognition: an actor name inside a longer
        one ("Pakistan" in "Pakistan Point News") is not an actor.
    """
    events: list[Event] = []
    ordered = sorted(toponyms, key=lambda t: t.mention.start)
    article_zone = _article_zone(border_zones, ordered)
    filed = dateline_end(article.text, article.body_start)
    for start, end in split_sentences(article.text, article.body_start):
        sentence = article.text[start:end]
        present = lexicon.literals_in(sentence)
        trigger = _best_trigger(sentence, lexicon, present)
        if trigger is None:
            continue
        event_class, trigger_text, weight, trigger_offset, acled = trigger
        modality = _modality(sentence, lexicon, present)
        in_sentence = [t for t in ordered if start <= t.mention.start and t.mention.end <= end]
        inside = [(m.start - start, m.end - start) for m in organisations if start <= m.start and m.end <= end]
        clauses = _descriptive_clauses(sentence)
        located = [
            (t.mention.start - start, t.mention.end - start)
            for t in in_sentence
            if not t.adjectival
            and t.place.feature_type == "country"
            and (
                _IN_COUNTRY.search(sentence, max(0, t.mention.start - start - 60), t.mention.start - start)
                or _is_origin(sentence, t.mention.start - start)
                or any(a <= t.mention.start - start < b for a, b in clauses)
            )
        ]
        actors, actor_spans, actors_iso3, recipients = _actors(sentence, lexicon, present, inside, located)
        event_type = lexicon.classes[event_class].acled_event_type if event_class in lexicon.classes else ""
        if event_type in _VIOLENT_EVENT_TYPES and actors:
            # "Tajikistan says five workers were killed": who reports violence did not commit it
            speakers = _speakers(sentence, lexicon, present, inside, located)
            if speakers:
                kept = [i for i, name in enumerate(actors) if name not in speakers]
                actors, actors_iso3 = [actors[i] for i in kept], [actors_iso3[i] for i in kept]
                recipients = [r for r in recipients if r not in speakers]
        # "Moscow sent…", "Kabul said…": a place inside a longer actor phrase is the actor
        # (metonymy), not where it happened; a bare country name stays a candidate location.
        actor_spans = [(a + start, b + start) for a, b in actor_spans]
        locations = [
            t for t in in_sentence
            if t.adjectival
            or not any(a <= t.mention.start and t.mention.end <= b and b - a > t.mention.end - t.mention.start for a, b in actor_spans)
        ]
        home = lexicon.iso2_by_iso3.get(actors_iso3[0], "") if actors_iso3 else ""
        place, relation, geo_level = _event_place(
            article.text, locations, sentence, start + trigger_offset,
            _zone_for(border_zones, in_sentence, article.text, article_zone) if _BORDER.search(sentence) else None, home,
            lexicon.classes[event_class].demonym_locates if event_class in lexicon.classes else True,
            start,
            clauses,
        )
        dated_text = article.text[filed:end] if start < filed < end else sentence  # not the dateline's date
        event_date = extract_date(dated_text, article.date, forward=modality == "planned")
        if event_date is None and events:
            event_date = _date_from_earlier_events(sentence, start, event_class, events)
        if event_date is None and article.date is not None:
            event_date = EventDate(article.date, article.date, "day", "article", "")
        confidence = weight * MODALITY_FACTOR.get(modality, 0.8) * (1.0 if place else 0.8)
        events.append(
            Event(
                event_class=event_class,
                modality=modality,  # type: ignore[arg-type]
                sentence=sentence,
                sentence_start=start,
                sentence_end=end,
                article_id=article.id,
                source_file=article.source_file,
                trigger=trigger_text,
                confidence=round(confidence, 3),
                actors=actors,
                recipients=recipients,
                date=event_date,
                place=place,
                place_relation=relation,
                geo_level=geo_level,
                quantities=extract_quantities(sentence, lexicon.units),
                acled=acled,
            )
        )
    spans = split_sentences(article.text, article.body_start)
    _continue_incidents(events, spans[min(1, len(spans) - 1)][1] if spans else article.body_start)  # headline and lead
    return events


_CASUALTY_CATEGORIES = frozenset({"fatalities", "injured"})


def _continue_incidents(events: list[Event], lead_end: int) -> None:
    """Give sentences that go on about an incident told elsewhere in the article its place and date.

    "Seven people were also wounded in the attack", a headline ("Clash on Tajik-Afghan border
    leaves 3 dead") or a casualty count with no place of its own takes the place of the
    nearest report of the same class that names a place below country level and whose date
    agrees, and, when it has only the article's date, the date of the nearest such report
    dated by its text.  The relation and the date basis say so, so the analyst sees what was
    carried over.
    """
    for event in events:
        continues = (
            _ANAPHOR.search(event.sentence) is not None
            or event.sentence_start < lead_end
            or (bool(event.quantities) and all(q.category in _CASUALTY_CATEGORIES for q in event.quantities) and not event.actors)
        )
        if not continues:
            continue
        same = [d for d in events if d is not event and d.event_class == event.event_class and d.modality == event.modality]
        if not _below_country(event):
            placed = [d for d in same if _below_country(d) and _dates_agree(d, event) and _refines(d, event)]
            if placed:
                donor = min(placed, key=lambda d: (abs(d.sentence_start - event.sentence_start), d.sentence_start > event.sentence_start))
                event.place, event.geo_level = donor.place, donor.geo_level
                event.place_relation = f"same incident as the report at character {donor.sentence_start} ({donor.place_relation})"
        if event.date is not None and event.date.basis == "article":
            dated = [d for d in same if d.date is not None and d.date.basis != "article" and _dates_agree(d, event) and _places_agree(d, event)]
            if dated:
                donor = min(dated, key=lambda d: (abs(d.sentence_start - event.sentence_start), d.sentence_start > event.sentence_start))
                event.date = replace(donor.date, basis="earlier event" if donor.sentence_start < event.sentence_start else "later report")  # type: ignore[arg-type]


def _refines(donor: Event, event: Event) -> bool:
    """Whether the donor's place lies inside the event's own vaguer place: its country, or
    the border area (Moscow does not refine "along the Afghan border")."""
    if event.place is None:
        return True
    mine, theirs = event.place.place, donor.place.place  # type: ignore[union-attr]
    if event.geo_level == "country":
        return theirs.country == mine.country
    distance = float(haversine_km(mine.lat, mine.lon, theirs.lat, theirs.lon))
    return distance <= mine.uncertainty_km + theirs.uncertainty_km


def _places_agree(a: Event, b: Event) -> bool:
    """No place, the same place, or one inside the other's country."""
    if a.place is None or b.place is None:
        return True
    first, second = a.place.place, b.place.place
    return first.id == second.id or not first.country or not second.country or first.country == second.country


def _below_country(event: Event) -> bool:
    """A place that tells incidents apart: not a country, not a whole border (the border
    zone, or a gazetteer row for a border, which belongs to no country)."""
    return (
        event.geo_level not in ("country", "")
        and event.place is not None
        and event.place.place.source != "border"
        and bool(event.place.place.country)
    )


def _dates_agree(a: Event, b: Event) -> bool:
    """Overlapping dates; a date known only from the article may be up to a week earlier."""
    if a.date is None or b.date is None:
        return True
    slack = timedelta(days=7)
    a_start = a.date.start - slack if a.date.basis == "article" else a.date.start
    b_start = b.date.start - slack if b.date.basis == "article" else b.date.start
    return a_start <= b.date.end and b_start <= a.date.end


_VIOLENT_EVENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
_SPEECH_AFTER = re.compile(
    r"\s*(?:['’]s\s+\w+\s+)?(?:\w+\s+){0,2}?(?:said|says|say|told|tells|reported|reports|claimed|claims|announced|stated|confirmed|"
    r"condemned|denounced|accused|blamed)\b",
    re.I,
)


def _speakers(
    sentence: str, lexicon: Lexicon, present: set[str], organisations: Sequence[tuple[int, int]], locations: Sequence[tuple[int, int]]
) -> set[str]:
    """Actors named as the source of the report ("Tajik authorities say …", "the ministry said")
    and nowhere else in the sentence."""
    by_name: dict[str, list[bool]] = {}
    for _, end, name, _ in _actor_hits(sentence, lexicon, present, organisations, locations):
        by_name.setdefault(name, []).append(bool(_SPEECH_AFTER.match(sentence, end)))
    return {name for name, speaking in by_name.items() if all(speaking)}


_CLAUSE_WORDS = ("which", "that", "bordering", "adjacent", "opposite")
_ORIGIN_WORDS = ("from", "originat", "fle", "retreat", "escap", "withdr")


def _descriptive_clauses(sentence: str) -> list[tuple[int, int]]:
    """Spans of "which borders …"-style clauses (see ``_DESCRIPTIVE_CLAUSE``)."""
    lowered = sentence.lower()
    if not any(word in lowered for word in _CLAUSE_WORDS):
        return []
    return [m.span() for m in _DESCRIPTIVE_CLAUSE.finditer(sentence)]


def _is_origin(text: str, start: int) -> bool:
    """Whether the place at ``start`` is introduced as an origin or a destination of flight."""
    window = text[max(0, start - 60) : start]
    lowered = window.lower()
    return any(word in lowered for word in _ORIGIN_WORDS) and bool(_ORIGIN.search(window))


def _date_from_earlier_events(sentence: str, start: int, event_class: str, events: list[Event]) -> EventDate | None:
    """A date for an undated sentence from the article's earlier events.

    * "Four days after the first attack", "the next day": the latest day-precise event date, moved on;
    * "the attack", "the drills": the latest dated event of the same class (the same incident
      told again), or the event of the sentence right before ("20,000 troops took part in the drill").
    """
    dated = [e for e in events if e.date is not None and e.date.basis != "article"]
    lowered = sentence.lower()
    offset = _AFTER_EARLIER.search(sentence) if ("later" in lowered or "after" in lowered or " day" in lowered or "morning" in lowered or "evening" in lowered or "night" in lowered) else None
    if offset:
        anchor = next((e for e in reversed(dated) if e.date.precision == "day"), None)  # type: ignore[union-attr]
        if anchor is None:
            return None
        if offset.group("next"):
            days = 1
        else:
            count = offset.group("n").lower()
            days = (int(count) if count.isdigit() else _COUNTS[count]) * (7 if offset.group("unit").lower().startswith("week") else 1)
        day = anchor.date.end + timedelta(days=days)  # type: ignore[union-attr]
        return EventDate(day, day, "day", "earlier event", offset.group(0))
    if not _ANAPHOR.search(sentence):
        return None
    previous = events[-1]
    if previous.date is not None and previous.date.basis == "text" and previous.sentence_end >= start - 3:
        return replace(previous.date, basis="previous sentence")
    same = next((e for e in reversed(dated) if e.event_class == event_class), None)
    if same is not None:
        return replace(same.date, basis="earlier event")  # type: ignore[arg-type]
    return None


_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_AFTER_EARLIER = re.compile(
    r"\b(?:(?P<n>\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?P<unit>days?|weeks?)\s+(?:later|after(?:wards)?)"
    r"|(?:the\s+)?(?P<next>next|following)\s+(?:day|morning|evening|night))\b",
    re.I,
)


def _best_trigger(sentence: str, lexicon: Lexicon, present: set[str] | None = None) -> tuple[str, str, float, int, tuple] | None:
    """``(class, matched text, weight, offset, ACLED refinement)`` of the winning trigger, or None.

    The refinement is the winner's own, else that of another matching cue of the same class
    (the first in table order)."""
    hits: list[tuple[str, str, float, int, tuple]] = []
    present = lexicon.literals_in(sentence) if present is None else present
    for index in lexicon.candidates("triggers", present):
        trigger = lexicon.triggers[index]
        match = trigger.pattern.search(sentence)
        if match is None:
            continue
        if trigger.requires is not None and not (_may_match(trigger.requires_literals, present) and trigger.requires.search(sentence)):
            continue
        if trigger.excludes is not None and _may_match(trigger.excludes_literals, present) and trigger.excludes.search(sentence):
            continue
        hits.append((trigger.event_class, match.group(0), trigger.weight, match.start(), trigger.acled))
    if not hits:
        return None
    confident = [h for h in hits if h[2] >= CONFIDENT_CUE] or hits
    classes = lexicon.classes
    best = max(confident, key=lambda h: (classes[h[0]].priority if h[0] in classes else 0, h[2], -h[3]))
    if not best[4]:
        refined = next((h[4] for h in hits if h[0] == best[0] and h[4]), ())
        best = (*best[:4], refined)
    return best


def _may_match(literal_sets: tuple[frozenset[str], ...], present: set[str]) -> bool:
    """Whether every required literal set of a regex has a word in the sentence."""
    return all(not words.isdisjoint(present) for words in literal_sets)


def _modality(sentence: str, lexicon: Lexicon, present: set[str] | None = None) -> str:
    best, weight = "reported", 0.0
    present = lexicon.literals_in(sentence) if present is None else present
    for index in lexicon.candidates("modality_cues", present):
        cue = lexicon.modality_cues[index]
        if cue.weight > weight and cue.pattern.search(sentence):
            best, weight = cue.modality, cue.weight
    return best


def _actor_hits(
    sentence: str,
    lexicon: Lexicon,
    present: set[str] | None = None,
    organisations: Sequence[tuple[int, int]] = (),
    locations: Sequence[tuple[int, int]] = (),
) -> list[tuple[int, int, str, str]]:
    """``(start, end, actor name, ISO3)`` of every actor mention, leftmost-longest, in order."""
    present = lexicon.literals_in(sentence) if present is None else present
    found: list[tuple[int, int, str, str]] = [
        (start, end, lexicon.actors[index].name, lexicon.actors[index].country_iso3)
        for start, end, index in lexicon.actor_phrases_in(sentence)
    ]
    for index in lexicon.candidates("actors", present):
        actor = lexicon.actors[index]
        for match in actor.pattern.finditer(sentence):  # type: ignore[union-attr]
            found.append((match.start(), match.end(), actor.name, actor.country_iso3))
    if organisations:
        found = [h for h in found if not any(a <= h[0] and h[1] <= b and b - a > h[1] - h[0] for a, b in organisations)]
    if locations:
        found = [h for h in found if (h[0], h[1]) not in locations]
    # per actor, leftmost-longest and non-overlapping, as one regex scan would give
    kept: list[tuple[int, int, str, str]] = []
    last_end: dict[str, int] = {}
    for hit in sorted(found, key=lambda h: (h[2], h[0], h[0] - h[1])):
        if hit[0] >= last_end.get(hit[2], -1):
            kept.append(hit)
            last_end[hit[2]] = hit[1]
    # across actors too, leftmost-longest wins: "Pakistani Taliban fighters" is the TTP, not also the Taliban
    found = []
    for hit in sorted(kept, key=lambda h: (h[0], h[0] - h[1])):
        if not any(hit[0] < other[1] and other[0] < hit[1] for other in found):
            found.append(hit)
    return found


def _actors(
    sentence: str,
    lexicon: Lexicon,
    present: set[str] | None = None,
    organisations: Sequence[tuple[int, int]] = (),
    locations: Sequence[tuple[int, int]] = (),
) -> tuple[list[str], list[tuple[int, int]], list[str], list[str]]:
    """Actors in order of first mention, the spans naming them, their countries, and recipients.

    A recipient or target is an actor introduced by "to", "for", "against" or "with"
    ("sent vehicles to the Tajik army", "an attack against border guards").  A name
    strictly inside an organisation span of the sentence ("Pakistan Point News") is
    no actor, nor is a country named exactly where the sentence says the event was
    (``locations``: "kicks off in southern Tajikistan").
    """
    found = _actor_hits(sentence, lexicon, present, organisations, locations)
    names: list[str] = []
    countries: list[str] = []
    recipients: list[str] = []
    for start, _, name, country in sorted(found):
        if _RECIPIENT.search(sentence, max(0, start - 30), start) and name not in recipients:
            recipients.append(name)
        if name not in names:
            names.append(name)
            countries.append(country)
    agents = [n for n in names if n not in recipients] + [n for n in names if n in recipients]
    agent_countries = [countries[names.index(n)] for n in agents]
    return agents, [(a, b) for a, b, _, _ in found], agent_countries, recipients


_DATELINE_PREFIX = re.compile(r"(?:^|\n)[ \t]*(?:[A-Z][A-Z .'-]*/)*$")


def _in_dateline(text: str, toponym: Toponym) -> bool:
    """An upper-case place at the start of a line ("BISHKEK, Sept 18 (Reuters) -") is where
    the report was filed, not where the event happened."""
    surface = toponym.mention.text
    if not (surface.isupper() and len(surface) > 2):
        return False
    return bool(_DATELINE_PREFIX.search(text, max(0, toponym.mention.start - 80), toponym.mention.start))


def _event_place(
    text: str,
    toponyms: list[Toponym],
    sentence: str,
    trigger_at: int,
    border_zone: BorderZone | None,
    home_country: str = "",
    demonym_locates: bool = True,
    sentence_start: int = 0,
    clauses: list[tuple[int, int]] | None = None,
) -> tuple[Toponym | None, str, str]:
    """The event's place, the relation the text states, and its geo level.

    Among the places of the sentence one introduced by a locative preposition ("in",
    "at", "near", "along") wins, then the most specific, then the nearest to the
    trigger: in "Dushanbe and Tashkent will hold drills in Surkhandarya" the drills are
    in Surkhandarya.  A country that is the acting party's own ("Russia sent vehicles
    to Tajikistan") yields to another country.
    """

    clauses = [(a + sentence_start, b + sentence_start) for a, b in (_descriptive_clauses(sentence) if clauses is None else clauses)]

    def rank(t: Toponym) -> tuple[int, int, int, int, int]:
        level = GEO_LEVEL_BY_FEATURE.get(t.place.feature_type, "settlement")
        locative = bool(_LOCATIVE.search(text, max(0, t.mention.start - 40), t.mention.start))
        own = level == "country" and bool(home_country) and t.place.country == home_country
        aside = (level == "country" and _names_a_border(text, t)) or any(a <= t.mention.start < b for a, b in clauses)
        return int(aside), 0 if locative else 1, int(own), SPECIFICITY[level], abs(t.mention.start - trigger_at)

    toponyms = [
        t for t in toponyms
        if not _MODIFIER_AFTER.match(text, t.mention.end)
        # where someone came from or fled to is not where it happened
        and not (not t.adjectival and _is_origin(text, t.mention.start))
    ]
    named = [t for t in toponyms if not t.adjectival and not _in_dateline(text, t)]
    border_phrase = border_zone is not None and bool(_BORDER.search(sentence))
    if border_phrase:
        # "held near the Tajik-Afghan border, designed to show Moscow stands ready": a place the
        # sentence does not introduce as a location does not beat the border it does, unless the
        # border phrase is about that place ("Sher Khan Bandar town at the border …")
        named = [t for t in named if rank(t)[1] == 0 or _AT_THE_BORDER_AFTER.match(text, t.mention.end)]
    if named:
        chosen = min(named, key=rank)
        level = GEO_LEVEL_BY_FEATURE.get(chosen.place.feature_type, "settlement")
        if level == "country" and home_country and chosen.place.country == home_country and rank(chosen)[1] == 1:
            # "Russia sent vehicles to the Tajik army": the recipient's country, named adjectivally
            others = [
                t for t in toponyms
                if t.place.feature_type == "country" and t.place.country != home_country and (demonym_locates or not t.adjectival)
            ]
            if others:
                chosen = min(others, key=rank)
        if level != "country" or not border_phrase:
            before = text[max(0, chosen.mention.start - 60) : chosen.mention.start]
            distance = _DISTANCE.search(before)
            if distance:
                return chosen, f"{distance.group('value')} {distance.group('unit')} from", "near_named_place"
            if _NEAR.search(before):
                return chosen, "near", "near_named_place" if level in ("site", "settlement") else level
            return chosen, "in", level
    if border_phrase and border_zone is not None:
        mention = Mention(start=trigger_at, end=trigger_at, text="", kind="toponym")
        zone = Toponym(mention=mention, place=border_zone.place, confidence=0.6, reasons=[f"sentence places the event along the {border_zone.pair} border"])
        return zone, "along the border", "subnational_region"
    # A meeting or statement with no place of its own happened where the report was filed
    # ("BISHKEK, March 13 (Interfax) - the presidents signed …"); violence rarely did.
    filed = [t for t in toponyms if not t.adjectival and _in_dateline(text, t) and t.place.feature_type != "country"]
    if filed and demonym_locates:
        return filed[0], "in (dateline)", GEO_LEVEL_BY_FEATURE.get(filed[0].place.feature_type, "settlement")
    # In violence a demonym says who ("a Kyrgyz drone", "Chinese citizens were killed"), not
    # where; elsewhere it usually names the acting side's own country ("the Tajik military held
    # drills"): the class's ``demonym_locates`` column says which.
    countries = [t for t in toponyms if t.place.feature_type == "country" and (demonym_locates or not t.adjectival)]
    if countries:
        return min(countries, key=rank), "in", "country"
    return None, "", ""


def _names_a_border(text: str, toponym: Toponym) -> bool:
    """Whether a country mention is part of a border's name ("the Tajik-Afghan border" style):
    a less specific place than any other place of the sentence."""
    return names_a_border(text, toponym.mention.start, toponym.mention.end)
