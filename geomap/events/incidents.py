"""From event sentences to incidents: the sentences of an article about one real incident
are put together, and each gets the place, date and parties the incident is known by.

A sentence that names a place below country level ("in the village of Kavo") is an
*anchor*.  A sentence that names only a country, a whole border or no place at all ("Two
guards were killed", the headline "Deadly clash on Tajik-Afghan border") belongs to the
anchor's incident when

* both are of one class family (``family`` in ``event_classes.csv``: a clash, the
  attackers' weapons seized and the villagers who fled are one "violence" incident), and
  the sentence is not speech (a statement is placed only where it was made);
* their own dates, where both have one, overlap (within ``DATE_SLACK_DAYS``), and neither
  is background the other is not;
* the anchor lies inside what the sentence does say: in its country, or within
  ``BORDER_NEAR_KM`` of the border it names.

Headlines and leads take the first such anchor of the article, other sentences the nearest
one before them (else after).  Anchors within ``SAME_SITE_KM`` of each other, of one family
and date, are one incident.  Each sentence keeps its own place and date where it has them
and takes the incident's otherwise; the relation and reasons say which sentence gave what.
An incident's place left at a whole border is moved to the stretch nearest the article's
other places, when there is one.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from geomap.events.dates import shift_days
from geomap.events.place import ACLED_PRECISION, GEO_LEVEL_BY_FEATURE, NO_PLACE, SPECIFICITY, PlaceChoice
from geomap.events.reading import NARRATIVE_DAYS, Reading, dated_modality, in_narrative_window
from geomap.model import Event, EventDate, Incident, Place, Quantity, Toponym
from geomap.places.resolve import haversine_km

DATE_SLACK_DAYS = 2
NEARBY = 40  # anchors (and earlier sentences) a sentence is compared with, on each side
SAME_SITE_KM = 30.0
BORDER_NEAR_KM = 150.0  # a site this close to the border a sentence names can be where "along the border" happened
STRETCH_NEAR_KM = 150.0  # article places this close to a border locate "along the border" on it
# ACLED's event types whose events kill and wound (political violence and riots)
HARMFUL_ACLED_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"})
MODALITY_FACTOR = {"reported": 1.0, "planned": 0.9, "historical": 0.8, "hypothetical": 0.7, "denied": 0.7}

#: ``(pair, lat, lon) -> (distance km, nearest border lat, nearest border lon)``
BorderMeasure = Callable[[str, float, float], tuple[float, float, float]]


@dataclass(frozen=True, slots=True)
class ArticleFacts:
    """What the assembly needs of the article."""

    article_id: str
    source_file: str
    published: date | None
    historical_after_days: int
    class_priority: dict[str, int]
    # classes whose events kill and wound (ACLED's violent event types): what a bare casualty
    # count reports; a flight, a protest or a detention told nearby is not what hurt people
    harmful_classes: frozenset[str] = frozenset()
    measure: BorderMeasure | None = None
    # who held a country on a day, unless the given takers are that authority (see actors.territory_holder)
    territory_holder: Callable[[str, date | None, Sequence[str]], str | None] | None = None
    # the sites, towns and districts the article names, with where it names them ("the men
    # lived in the village of Deires"): where along the border an event "on the border" is
    places_at: tuple[tuple[int, Place], ...] = ()
    provinces: tuple[Place, ...] = ()  # the provinces the article names
    # the places below country level named by sentences that tell no event ("the outpost where
    # it happened lies in Shamsiddin Shohin district"): an incident's site when its own say none
    named_elsewhere: tuple[Toponym, ...] = ()
    # the actors that bear arms, and the one who attacked when no armed party is named
    # ("Chinese workers were killed in an attack": an unidentified armed group)
    armed: frozenset[str] = frozenset()
    unknown_attackers: str = ""
    # each class's family ("violence", "posture", "speech", …): which events happen somewhere
    class_family: dict[str, str] = field(default_factory=dict)


def assemble(readings: Sequence[Reading], facts: ArticleFacts) -> tuple[list[Event], list[Incident]]:
    """Group the article's event sentences into incidents and give each sentence its final
    place, date, modality and actors (see the module docstring)."""
    readings = _with_named_later(readings, facts.published)
    groups, at_later_venue = _group(readings, facts)
    events: list[Event | None] = [None] * len(readings)
    grouped: list[tuple[str, list[int], _Site | None]] = []
    where: list[tuple[PlaceChoice, str, str]] = [(NO_PLACE, "", "")] * len(readings)
    for number, members in enumerate(groups, 1):
        incident_id = f"{facts.article_id}#{number}"
        site = _incident_place(readings, members, facts)
        if site is None or not site.choice.specific:
            site = _site_named_elsewhere(readings, members, facts) or site
        day = _incident_date(readings, members, site, facts.published)
        other_day = _beside_span(readings, members, site, facts.published)
        agents, recipients = _incident_parties(readings, members)
        if _attackers_unnamed(readings, members, agents, facts):
            agents = [*agents, facts.unknown_attackers]
        told = _told(readings, members, facts.harmful_classes)
        headline_day = _lead_day(readings, members) or day
        class_sites: dict[str, _Site | None] = {}
        under_way = _classes_under_way(readings, members, facts.published)
        for index in members:
            told_as = _told_as(readings, told, index, facts.harmful_classes) if readings[index].choice.hit.role == "incident" else _narrated_in(readings, index)
            own_day = headline_day if readings[index].lead else day
            if own_day is not None and readings[own_day[1]].date_opens_span and readings[index].event_class != readings[own_day[1]].event_class:
                own_day = other_day
            own_class = readings[index].event_class
            if own_class not in class_sites:
                class_sites[own_class] = _class_site(readings, members, own_class, site, facts)
            own_site = class_sites[own_class] or site
            reading = _as_under_way(readings[index], under_way, facts.published, own_day[0] if own_day is not None else None)
            if own_day is not None and readings[own_day[1]].start > reading.start:
                reading = replace(reading, incident_dated_after=True)
            where[index] = _event_place(reading, own_site, facts, index in at_later_venue)
            events[index] = _event(reading, incident_id, where[index], own_day, agents, recipients, facts, told_as)
        grouped.append((incident_id, members, site))
    placed = _with_story_places(_every_event(events), where, facts)
    return placed, [_incident(incident_id, [placed[i] for i in members], members, site, facts) for incident_id, members, site in grouped]


def _every_event(events: list[Event | None]) -> list[Event]:
    """The events of every reading (each reading belongs to one incident)."""
    built = [e for e in events if e is not None]
    assert len(built) == len(events), "a reading belongs to no incident"
    return built


def _classes_under_way(readings: Sequence[Reading], members: list[int], published: date | None) -> set[str]:
    """Classes of the incident's events told as begun in the article's week or as going on now."""
    if published is None:
        return set()
    return {r.event_class for r in (readings[i] for i in members) if _under_way(r, published)}


def _under_way(reading: Reading, published: date) -> bool:
    if reading.modality != "reported" or reading.habitual or reading.family == "speech":
        return False
    if reading.date is None:
        return bool(_PROGRESSIVE.search(reading.sentence))
    return in_narrative_window(reading.date, published)


def _as_under_way(reading: Reading, under_way: set[str], published: date | None, incident_day: EventDate | None = None) -> Reading:
    """"The drills began on Tuesday … 2,000 troops will take part in the drills": in an incident
    under way, what its event will involve is told of the event itself, which is happening.
    Not in an incident dated after the article ("drills will be held from October 10"): what
    it will involve lies ahead with it."""
    if reading.modality != "planned" or reading.event_class not in under_way or published is None:
        return reading
    if any(day is not None and day.start > published for day in (reading.date, incident_day)):
        return reading
    return replace(reading, modality="reported", modality_reason=f"{reading.modality_reason}, of a {reading.event_class} under way")


# --------------------------------------------------------------------------- grouping


class _Incidents:
    """Sentences joined into incidents (union–find), each incident keeping the span its
    sentences' dates allow, so that no sentence joins an incident whose dates it contradicts.

    Every date of an incident agrees with every other (within ``DATE_SLACK_DAYS``) exactly
    when the latest start is at most the slack after the earliest end, so the latest start
    and the earliest end are all an incident needs to keep.
    """

    def __init__(self, readings: Sequence[Reading], published: date | None = None) -> None:
        self.readings = readings
        self.parent = list(range(len(readings)))
        # statements joined to the occasion a later statement by their speaker names the venue of
        self.at_later_venue: set[int] = set()
        self.span: dict[int, tuple[date, date]] = {i: _span(r, published) for i, r in enumerate(readings) if r.date is not None}
        # an undated sentence that names its own site happened on the recent day the story last
        # told ("Recall, the shooting took place on December 21. Police detained a suspect in
        # Roshtqala"): it joins no incident of another day
        seen: set[str] = set()
        for i, r in enumerate(readings):
            # a sentence of a class told before may go on about that event, on its day
            if r.event_class not in seen and (day := _site_told_on(r, published)) is not None:
                self.span[i] = day
            seen.add(r.event_class)
        if published is not None and _tells_its_week_first(readings, self.span, published):
            # an article that dates something in the week it appeared before any earlier day tells
            # that week's news in its undated headline and lead: a sentence dated before the week
            # further on recalls an earlier incident
            current = (shift_days(published, -NARRATIVE_DAYS), published)
            self.span.update((i, current) for i, r in enumerate(readings) if r.date is None and r.lead and _tense(r) == "event")

    def root(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> bool:
        """Put sentence ``i`` into the incident of ``j`` unless their dates disagree."""
        a, b = self.root(i), self.root(j)
        if a == b:
            return True
        first, second = self.span.get(a), self.span.get(b)
        if first and second:
            latest_start, earliest_end = max(first[0], second[0]), min(first[1], second[1])
            if shift_days(latest_start, -DATE_SLACK_DAYS) > earliest_end:
                return False
            self.span[b] = (latest_start, earliest_end)
        elif first:
            self.span[b] = first
        self.span.pop(a, None)
        self.parent[a] = b
        return True

    def members(self) -> list[list[int]]:
        groups: dict[int, list[int]] = {}
        for i in range(len(self.readings)):
            groups.setdefault(self.root(i), []).append(i)
        return sorted(groups.values(), key=lambda members: members[0])


def _site_told_on(reading: Reading, published: date | None) -> tuple[date, date] | None:
    """The recent day the story last told, for an undated sentence (not a headline, lead or
    statement) that names a site of its own; None otherwise."""
    told = reading.context_date
    if reading.date is not None or told is None or told.precision != "day" or published is None or not in_narrative_window(told, published):
        return None
    if not reading.place.specific or reading.lead or reading.family == "speech":
        return None
    return told.start, told.end


def _tells_its_week_first(readings: Sequence[Reading], spans: dict[int, tuple[date, date]], published: date) -> bool:
    """Whether the first dated sentence that is not background falls in the article's week
    (a late report dates its older incident early on, before any news of the week)."""
    week_start = shift_days(published, -NARRATIVE_DAYS)
    for i in sorted(spans):
        if _tense(readings[i]) != "event":
            continue
        if spans[i][1] >= week_start:
            return spans[i][0] <= published
        return False
    return False


def _span(reading: Reading, published: date | None) -> tuple[date, date]:
    """The days a sentence's date allows: a state that began on a day ("closed since May 3")
    holds up to the article's day."""
    day = reading.date
    assert day is not None
    if reading.date_opens_span and published is not None and day.end < published:
        return day.start, published
    return day.start, day.end


def _group(readings: Sequence[Reading], facts: ArticleFacts) -> tuple[list[list[int]], set[int]]:
    """Member indices of each incident, incidents in order of their first sentence, and the
    statements that share the venue a later statement by their speaker names.

    An anchor is compared with the ``NEARBY`` anchors before it and a sentence with the
    ``NEARBY`` nearest anchors, so a very long article costs time in proportion to its length.
    """
    incidents = _Incidents(readings, facts.published)
    anchors = [i for i, r in enumerate(readings) if _is_anchor(r)]
    for position, i in enumerate(anchors):
        for j in reversed(anchors[max(0, position - NEARBY) : position]):
            if _same_site(readings[i], readings[j]) and incidents.join(i, j):
                break
    anchored = set(anchors)
    for i in range(len(readings)):
        if i in anchored:
            continue
        for donor in _donors(i, readings, anchors, facts, incidents):
            if incidents.join(i, donor):
                break
    return incidents.members(), incidents.at_later_venue


def _donors(i: int, readings: Sequence[Reading], anchors: list[int], facts: ArticleFacts, incidents: _Incidents) -> Iterator[int]:
    """The sentences whose incident sentence ``i`` may belong to, the likeliest first."""
    reading = readings[i]
    if reading.family == "speech":
        venue = _speech_venue(i, readings, incidents)
        if venue is None and _said_by_protesters(reading):
            venue = _protest_before(i, readings)
        if venue is not None:
            yield venue
        return
    before = _sentence_before(i, readings)
    published = facts.published
    if before is not None and _goes_on(reading, readings[before], published):
        yield before
    told_before = _same_class_before(i, readings, published)
    if told_before is not None:
        yield told_before
    yield from _anchor_donors(i, readings, anchors, facts)
    if before is not None and _continues(reading, readings[before], published):
        yield before
    if reading.anaphoric or reading.lead:
        yield from _earlier_of_family(i, readings)


def _sentence_before(i: int, readings: Sequence[Reading]) -> int | None:
    """The main event of the event sentence before the one of reading ``i`` (a sentence's
    further events come after its main one): what a next sentence goes on about."""
    before = i - 1
    while before >= 0 and readings[before].start == readings[i].start:
        before -= 1
    if before < 0:
        return None
    while before > 0 and readings[before - 1].start == readings[before].start:
        before -= 1
    return before


_GATHERINGS = frozenset({"diplomacy", "other"})
# a statement that says it was made at the ceremony it follows ("during the inauguration ceremony")
_CEREMONY = re.compile(r"\b(?:ceremony|inauguration|opening|funeral|event|celebration|rally|meeting|summit|talks|visit)\b", re.I)


def _speech_venue(i: int, readings: Sequence[Reading], incidents: _Incidents) -> int | None:
    """What was said right after a meeting at a named place (or at a ceremony, when the statement
    says so) is told was said there: the statement joins the gathering's incident (its place
    and date) unless it has a date of its own."""
    reading = readings[i]
    if i == 0:
        return _said_at_later_venue(i, readings, incidents)
    previous = readings[i - 1]
    # "He added …" right after words said at a named venue: the same speaker, there
    if previous.family == "speech" and previous.place.specific and _SPEAKER_GOES_ON.match(reading.sentence) and _dates_agree(reading.date, previous.date):
        return i - 1
    if _AT_ANOTHER_TIME.match(reading.sentence):
        return None
    if reading.date is not None:
        return _said_at_later_venue(i, readings, incidents)
    gathering = previous.family == "diplomacy" or (previous.family in _GATHERINGS and _CEREMONY.search(reading.sentence))
    # the gathering named its place, or joined an incident that did ("the delegation met …
    # in Kabul … Discussions were held … 'It was stressed that …'")
    if gathering and previous.modality == "reported" and not previous.habitual and (previous.place.specific or incidents.root(i - 1) != i - 1):
        return i - 1
    if previous.family == "speech" and incidents.root(i - 1) != i - 1:
        return i - 1
    found = _same_speaker(i, readings, incidents)
    return found if found is not None else _said_at_later_venue(i, readings, incidents)


PROTESTERS = "Protesters (unspecified)"
_PROTESTS = frozenset({"protest", "riot"})


def _said_by_protesters(reading: Reading) -> bool:
    """"Demonstrators demanded …": protesters speak where they protest."""
    return bool(reading.actors.names) and reading.actors.names[0] == PROTESTERS


def _protest_before(i: int, readings: Sequence[Reading]) -> int | None:
    """The latest protest told before sentence ``i`` (within ``NEARBY`` sentences)."""
    for j in range(i - 1, max(-1, i - 1 - NEARBY), -1):
        if readings[j].event_class in _PROTESTS and readings[j].modality == "reported":
            return j
    return None


# "Earlier, Japarov said …": words from another occasion
_AT_ANOTHER_TIME = re.compile(r"\W*(?:earlier|previously|before that|in the past|at the time|back then)\b", re.I)


def _same_speaker(i: int, readings: Sequence[Reading], incidents: _Incidents) -> int | None:
    """A statement by a speaker whose earlier words the article placed ("said at a meeting in
    Bishkek"): said there too, unless another event came between at a place of its own."""
    speaking = set(readings[i].actors.names)
    if not speaking:
        return None
    for j in range(i - 1, max(-1, i - 1 - NEARBY), -1):
        earlier = readings[j]
        if earlier.family not in ("speech", "diplomacy") or earlier.modality != "reported":
            continue
        if speaking & set(earlier.actors.names) and (earlier.place.specific or incidents.root(j) != j):
            return j
    return None


def _said_at_later_venue(i: int, readings: Sequence[Reading], incidents: _Incidents) -> int | None:
    """The later statement whose venue a statement shares (see :func:`_same_speaker_later`);
    the statement is marked to take that venue as its place."""
    found = _same_speaker_later(i, readings)
    if found is not None:
        incidents.at_later_venue.add(i)
    return found


def _same_speaker_later(i: int, readings: Sequence[Reading]) -> int | None:
    """A statement by a speaker whose later words the article places ("Taliban warn Tajikistan
    … Speaking at an event in Kabul, the Taliban's defence minister demanded …"): the same
    occasion, unless the speaker's words in between are dated otherwise."""
    reading = readings[i]
    if not reading.actors.names or reading.habitual:
        return None
    # the first party a statement names is mostly who speaks; the others are spoken of
    speaker = reading.actors.names[0]
    for j in range(i + 1, min(len(readings), i + 1 + NEARBY)):
        later = readings[j]
        if later.family != "speech" or speaker not in later.actors.names:
            continue
        if not _dates_agree(reading.date, later.date) or later.modality != "reported":
            return None
        if later.place.specific:
            return j
    return None


# families whose sentences can tell one incident: a clash and the manhunt, funeral or
# investigation that follow it ("other" events are mostly about violence)
_KIN = frozenset({("violence", "other"), ("other", "violence")})


def _kin(a: str, b: str) -> bool:
    return a == b or (a, b) in _KIN


def _is_anchor(reading: Reading) -> bool:
    return reading.family != "speech" and reading.place.specific


def _same_site(a: Reading, b: Reading) -> bool:
    if not _kin(a.family, b.family) or not _dates_agree(a.date, b.date) or _tense(a) != _tense(b):
        return False
    first, second = a.place.toponym.place, b.place.toponym.place  # type: ignore[union-attr]
    if first.id == second.id:
        return True
    distance = float(haversine_km(first.lat, first.lon, second.lat, second.lon))
    # a region holds the sites inside it ("Gorno-Badakhshan" and "Khorog"); two sites must be close
    regional = {a.place.geo_level, b.place.geo_level} & _REGION_LEVELS
    reach = max(first.uncertainty_km, second.uncertainty_km) if regional else min(first.uncertainty_km, second.uncertainty_km)
    return distance <= max(SAME_SITE_KM, reach)


_REGION_LEVELS = frozenset({"adm1", "adm2", "subnational_region"})


def _anchor_donors(i: int, readings: Sequence[Reading], anchors: list[int], facts: ArticleFacts) -> list[int]:
    """Anchors whose incident sentence ``i`` may belong to: of its class before its family,
    the nearest before it first (the first of all for a headline or lead)."""
    reading = readings[i]
    if reading.lead:
        nearby = anchors[:NEARBY]
    else:
        at = bisect_left(anchors, i)
        nearby = anchors[max(0, at - NEARBY) : at][::-1] + anchors[at : at + NEARBY]
    compatible = [j for j in nearby if j != i and _may_inherit(reading, readings[j], facts)]
    same_class = [j for j in compatible if readings[j].event_class == reading.event_class]
    # the refugees' camp before the crossing the Taliban seized
    return same_class + [j for j in compatible if j not in same_class]


def _goes_on(reading: Reading, previous: Reading, published: date | None = None) -> bool:
    """A sentence of the same class right after another, one that refers back to it ("the
    drill", "the attackers"), or a bare casualty count after it tells the same incident:
    closer evidence than an anchor further away."""
    # a bare casualty count ("One smuggler was killed") tells the harm of the sentence before it
    counted = reading.choice.hit.role == "incident"
    if not _kin(previous.family, reading.family) or not (previous.event_class == reading.event_class or reading.anaphoric or counted):
        return False
    return _continues(reading, previous, published)


# how many event sentences back a sentence of the same class still goes on about that one
SAME_CLASS_BACK = 3


def _same_class_before(i: int, readings: Sequence[Reading], published: date | None = None) -> int | None:
    """The latest of the few event sentences before ``i`` that tells an event of its class,
    when ``i`` names no place of its own and goes on about it: "the exercises will be held
    in a month on the border … a series of large-scale exercises will take place", with a
    sentence of another kind between them.  Statements do not count: the quotes a story
    goes on with ("the clash lasted a day," he said) do not interrupt it."""
    reading = readings[i]
    if reading.place.toponym is not None:
        return None
    told = 1  # the sentence right before is the one ``_goes_on`` weighs
    for j in range(i - 2, max(-1, i - 2 - NEARBY), -1):
        if readings[j].family == "speech":
            continue
        told += 1
        if told > SAME_CLASS_BACK:
            return None
        if readings[j].event_class == reading.event_class:
            return j if _continues(reading, readings[j], published) else None
    return None


def _continues(reading: Reading, previous: Reading, published: date | None = None) -> bool:
    """The next event sentence of the same family goes on about the same incident unless its
    own place or date says otherwise."""
    if not _kin(previous.family, reading.family) or not _dates_agree(reading.date, previous.date):
        return False
    # "Earlier this month, the president met …": another occasion than the one told before
    if _AT_ANOTHER_TIME.match(reading.sentence):
        return False
    if _tense(previous) != _tense(reading) and not _plan_of_current(reading, previous, published):
        return False
    return not (reading.place.specific and previous.place.specific)


def _plan_of_current(reading: Reading, previous: Reading, published: date | None) -> bool:
    """Whether an undated sentence in the future tense refers back to an event under way or
    set for the article's day ("the exercises began on Tuesday … the drills will take place
    near the border", "officials will meet today … the meeting will be chaired by …")."""
    if published is None or reading.date is not None or not reading.anaphoric or {_tense(reading), _tense(previous)} != {"planned", "event"}:
        return False
    return previous.date is not None and previous.date.precision in ("day", "days") and previous.date.end >= published


def _earlier_of_family(i: int, readings: Sequence[Reading]) -> list[int]:
    """"The attackers were neutralised" with no anchor: earlier sentences of its family, the
    latest first (for a headline or lead, later ones too), at most ``NEARBY`` of each."""
    reading = readings[i]

    def fits(other: Reading) -> bool:
        return _kin(other.family, reading.family) and _dates_agree(reading.date, other.date) and _tense(other) == _tense(reading)

    found = [j for j in range(i - 1, max(-1, i - 1 - NEARBY), -1) if fits(readings[j])]
    if reading.lead:
        found += [j for j in range(i + 1, min(len(readings), i + 1 + NEARBY)) if fits(readings[j])]
    return found


def _may_inherit(reading: Reading, anchor: Reading, facts: ArticleFacts) -> bool:
    if not _kin(reading.family, anchor.family) or reading.family == "speech":
        return False
    if _tense(reading) != _tense(anchor) and (reading.date is not None or reading.modality != "reported") and not _plan_of_current(reading, anchor, facts.published):
        return False
    if not _dates_agree(reading.date, anchor.date):
        return False
    return _inside(reading.place, anchor.place.toponym.place, facts)  # type: ignore[union-attr]


def _tense(reading: Reading) -> str:
    """What must agree between sentences about one incident: background, plan or event."""
    if reading.habitual:
        return "habitual"
    if reading.modality in ("historical", "planned"):
        return reading.modality
    return "event"


def _dates_agree(a: EventDate | None, b: EventDate | None) -> bool:
    if a is None or b is None:
        return True
    return shift_days(a.start, -DATE_SLACK_DAYS) <= b.end and shift_days(b.start, -DATE_SLACK_DAYS) <= a.end


def _inside(coarse: PlaceChoice, site: Place, facts: ArticleFacts) -> bool:
    """Whether ``site`` lies inside what the sentence says: its country, or near its border."""
    if coarse.toponym is None:
        return True
    if coarse.zone is not None:
        if facts.measure is not None:
            return facts.measure(coarse.zone.pair, site.lat, site.lon)[0] <= BORDER_NEAR_KM + site.uncertainty_km
        return site.country in coarse.zone.countries
    place = coarse.toponym.place
    if coarse.geo_level == "country" or not place.country:
        return not place.country or site.country == place.country
    distance = float(haversine_km(place.lat, place.lon, site.lat, site.lon))
    return distance <= place.uncertainty_km + site.uncertainty_km


# --------------------------------------------------------------------------- fields


@dataclass(frozen=True, slots=True)
class _Site:
    """An incident's place and the sentence that gave it."""

    choice: PlaceChoice
    source_start: int  # offset of the sentence whose place it is
    family: str = ""  # the class family of that sentence


# an earthquake happened at its epicentre, wherever else it was felt
_EPICENTRE = re.compile(r"\bepicent(?:er|re)", re.I)


def _incident_place(readings: Sequence[Reading], members: list[int], facts: ArticleFacts) -> _Site | None:
    placed = [i for i in members if readings[i].family != "speech" and readings[i].place.toponym is not None]
    # an incident of statements only: where they were made, if one of them says so
    placed = placed or [i for i in members if readings[i].family == "speech" and readings[i].place.toponym is not None]
    if not placed:
        return None
    # a funeral or a manhunt that belongs to a clash happens elsewhere: it places the clash only
    # when no sentence of the clash itself names a site
    best = min(
        placed,
        key=lambda i: (
            not readings[i].place.specific, readings[i].family == "other", _EPICENTRE.search(readings[i].sentence) is None,
            _site_rank(readings[i], readings, placed, facts), i,
        ),
    )
    site = _Site(readings[best].place, readings[best].start, readings[best].family)
    if site.choice.zone is not None and facts.measure is not None:
        return _border_stretch(site, readings, facts) or site
    return site


_PROVINCE_WORDS = re.compile(r"\s+(?:province|region|oblast|viloyat|velayat|wilayat)$", re.I)


def _province_of_the_name(choice: PlaceChoice, facts: ArticleFacts) -> Place | None:
    """The province the article names that shares its name with the town ``choice`` places an
    event in ("killed in Kunduz" beside "an operation in Kunduz province"): the bare name may
    mean either."""
    toponym = choice.toponym
    if toponym is None or choice.geo_level != "settlement":
        return None
    name = toponym.place.name.casefold()
    return next(
        (place for place in facts.provinces if _PROVINCE_WORDS.sub("", place.name).casefold() == name),
        None,
    )


# "the city of Batken", "Kunduz city", "the regional centre of Batken": the town, said so
_TOWN_BEFORE = re.compile(r"\b(?:city|town|centre|center|capital|village)\s+of\s+$", re.I)
_TOWN_AFTER = re.compile(r"\s+(?:city|town)\b", re.I)


def _province_meant(reading: Reading, site: Place, facts: ArticleFacts) -> bool:
    """Whether the bare name of a town that a province shares means the province, because the
    incident's site (a district or a spot named in another of its sentences) lies in the
    province, not the town."""
    choice = reading.place
    province = _province_of_the_name(choice, facts)
    if province is None or choice.toponym is None:
        return False
    at, end = choice.toponym.mention.start - reading.start, choice.toponym.mention.end - reading.start
    if _TOWN_BEFORE.search(reading.sentence, max(0, at - 30), max(0, at)) or _TOWN_AFTER.match(reading.sentence, end):
        return False
    town = choice.toponym.place
    return _near(site, province) and not _near(site, town)


def _near(inner: Place, outer: Place) -> bool:
    return float(haversine_km(inner.lat, inner.lon, outer.lat, outer.lon)) <= outer.uncertainty_km + inner.uncertainty_km


def _site_rank(reading: Reading, readings: Sequence[Reading], placed: list[int], facts: ArticleFacts) -> int:
    """How specific a member's place is as the incident's site; a town named like a province
    the article names ranks as the province when another member names a district or a spot
    in the province and not in the town."""
    rank = SPECIFICITY.get(reading.place.geo_level, 9)
    if _province_of_the_name(reading.place, facts) is None:
        return rank
    for j in placed:
        other = readings[j].place
        if other.toponym is not None and other.geo_level in ("site", "adm2") and _province_meant(reading, other.toponym.place, facts):
            return SPECIFICITY["adm1"]
    return rank


def _site_named_elsewhere(readings: Sequence[Reading], members: list[int], facts: ArticleFacts) -> _Site | None:
    """For an incident none of whose sentences names a site: the one place (or the finest of
    places nested in each other) that the article's other sentences name, when it lies inside
    what the incident's sentences do say (their country, their border).  Statements and
    meetings take no such place."""
    # a statement or a meeting is placed only where the text says it was held
    told = [i for i in members if readings[i].family not in ("speech", "diplomacy")]
    places = sorted(facts.named_elsewhere, key=lambda t: SPECIFICITY.get(_level(t), 9))
    if not told or not places or not _nested([t.place for t in places]):
        return None
    finest = places[0]
    if not all(_inside(readings[i].place, finest.place, facts) for i in told):
        return None
    level = _level(finest)
    reason = f"the article places it in {finest.mention.text!r}, in a sentence that tells no event of its own"
    return _Site(PlaceChoice(finest, "in", level, reason), finest.mention.start, readings[told[0]].family)


def _level(toponym: Toponym) -> str:
    return _level_of(toponym.place)


def _level_of(place: Place) -> str:
    return GEO_LEVEL_BY_FEATURE.get(place.feature_type, "settlement")


def _nested(places: list[Place]) -> bool:
    """Whether each place lies within every coarser one (``places`` finest first)."""
    return all(
        float(haversine_km(fine.lat, fine.lon, coarse.lat, coarse.lon)) <= coarse.uncertainty_km + fine.uncertainty_km
        for k, fine in enumerate(places) for coarse in places[k + 1 :]
    )


def _class_site(readings: Sequence[Reading], members: list[int], own_class: str, site: _Site | None, facts: ArticleFacts) -> _Site | None:
    """The site the incident's sentences of ``own_class`` give, when the incident mixes
    classes and its site lies outside that one: the refugees' camp in the Pamirs for the
    refugees, not the crossing the Taliban took far away (a town inside the class's province
    still refines it)."""
    same = [i for i in members if readings[i].event_class == own_class]
    if site is None or site.choice.toponym is None or len(same) == len(members):
        return None
    found = _incident_place(readings, same, facts)
    if found is None or not found.choice.specific or _within(site.choice, found.choice):
        return None
    return found


def _border_stretch(site: _Site, readings: Sequence[Reading], facts: ArticleFacts) -> _Site | None:
    """The stretch of the border nearest the article's own places below country level
    (where any lies within ``STRETCH_NEAR_KM`` of it), as a point with a radius that covers
    the distance."""
    zone = site.choice.zone
    assert zone is not None and facts.measure is not None
    # a place the border's own sentence names: "on the border …, between Afghans and residents
    # of Shuroobod district" is that district's stretch, not one a later story names
    end = max((r.end for r in readings if r.start == site.source_start), default=site.source_start)
    told_with = [(at, place) for at, place in facts.places_at if site.source_start <= at < end]
    placed = [(r.start, r.place.toponym.place) for r in readings if r.place.specific]  # type: ignore[union-attr]
    towns = [(at, place) for at, place in facts.places_at if SPECIFICITY.get(_level_of(place), 9) <= 1]
    nearby = (
        _near_border(zone.pair, told_with, facts.measure)
        or _near_border(zone.pair, placed, facts.measure)
        or _near_border(zone.pair, towns, facts.measure)
    )
    if not nearby:
        return None
    _, distance, lat, lon, place = min(nearby, key=lambda n: n[1])
    radius = round(max(25.0, distance + place.uncertainty_km), 1)
    stretch = Place(
        id=f"border:{zone.pair}:near:{place.id}",
        name=f"{zone.pair} border near {place.name}",
        lat=round(lat, 5),
        lon=round(lon, 5),
        feature_type="region",
        country="",
        uncertainty_km=radius,
        source="border",
        citation=f"nearest point of the {zone.pair} border to {place.name}",
    )
    reason = f"along the {zone.pair} border, at the stretch nearest {place.name} ({distance:.0f} km away), the article's place closest to it"
    old = site.choice.toponym
    assert old is not None
    toponym = Toponym(mention=old.mention, place=stretch, confidence=old.confidence, reasons=[reason])
    return _Site(PlaceChoice(toponym, "along the border", "subnational_region", reason, zone), site.source_start, site.family)


def _near_border(pair: str, places: Sequence[tuple[int, Place]], measure: BorderMeasure) -> list[tuple[int, float, float, float, Place]]:
    """The places (with where the text tells them) within ``STRETCH_NEAR_KM`` of the border,
    with their distance and the border's nearest point."""
    nearby = []
    for at, place in places:
        distance, lat, lon = measure(pair, place.lat, place.lon)
        if distance <= STRETCH_NEAR_KM:
            nearby.append((at, distance, lat, lon, place))
    return nearby


def _incident_date(readings: Sequence[Reading], members: list[int], site: _Site | None, published: date | None = None) -> tuple[EventDate, int] | None:
    """The date the incident is told with: its earliest day-precise date (an incident is dated
    by when it began; an exact day before a span of days that only brackets it, "this past
    weekend"), else its finest coarser one ("earlier this week" before "in recent weeks", "the
    second half of November" before "in November"), the earliest among those; among equals
    that of the sentence that gives its site.  A statement's
    own date dates only an incident of statements, and a span that runs up to the article ("in
    recent weeks", "this year") none but a plan: the incident happened somewhere in it."""
    speech_only = all(readings[i].family == "speech" for i in members)
    dated = [
        i for i in members
        if readings[i].date is not None and (speech_only or readings[i].family != "speech")
        and (readings[i].modality == "planned" or not _up_to_now(readings[i].date, published))
    ]
    # the day a threat or a denial was voiced ("on Saturday they warned they would attack
    # unless …") is not the day anything happened, when a sentence dates what did happen
    dated = [i for i in dated if readings[i].modality not in _UNREAL] or dated
    if not dated:
        return None
    site_start = site.source_start if site is not None else -1
    best = min(
        dated,
        key=lambda i: (_coarseness(readings[i].date), readings[i].date.precision != "day", _width(readings[i].date), readings[i].date.start, readings[i].start != site_start, i),  # type: ignore[arg-type, union-attr]
    )
    return readings[best].date, best  # type: ignore[return-value]


_UNREAL = frozenset({"hypothetical", "denied"})


def _up_to_now(day: EventDate | None, published: date | None) -> bool:
    """Whether ``day`` is a span that runs up to the article's date ("in the past two months")."""
    return day is not None and published is not None and day.precision != "day" and day.start < published <= day.end


def _width(day: EventDate) -> int:
    """Days a coarse date spans ("the second half of November" before "in November"); 0 for a
    day or a few days, which are ordered by when they begin."""
    return 0 if _coarseness(day) == 0 else (day.end - day.start).days


def _coarseness(day: EventDate) -> int:
    """0 for a day or a few days, else the rank of the date's precision (week, month, year)."""
    rank = _PRECISE.get(day.precision, 5)
    return 0 if rank <= 1 else rank


def _beside_span(readings: Sequence[Reading], members: list[int], site: _Site | None, published: date | None) -> tuple[EventDate, int] | None:
    """The incident's date for a sentence of another class than the one whose date is where a
    state began ("the protesters have held the square since May 21"): the riot told with it is
    not that state and happened within it, so it takes the incident's other dates, if any."""
    others = [i for i in members if not readings[i].date_opens_span]
    return _incident_date(readings, others, site, published) if others and len(others) < len(members) else None


def _lead_day(readings: Sequence[Reading], members: list[int]) -> tuple[EventDate, int] | None:
    """The day the lead gives the incident ("began laying down their weapons Sunday"): an
    undated headline tells the news of its lead, not the earliest day of the background the
    incident gathered ("on Saturday the authorities issued a final warning")."""
    for i in members:
        day = readings[i].date
        if readings[i].lead and day is not None and day.precision == "day":
            return day, i
    return None


def _incident_parties(readings: Sequence[Reading], members: list[int]) -> tuple[list[str], list[str]]:
    agents: list[str] = []
    recipients: list[str] = []
    for i in members:
        if readings[i].family == "speech":
            continue
        for name in readings[i].actors.names:
            target = recipients if name in readings[i].actors.recipients else agents
            if name not in agents and name not in recipients:
                target.append(name)
    return agents, recipients


_ATTACKS = frozenset({"attack"})
_HAPPENED = frozenset({"reported", "historical"})


def _attackers_unnamed(readings: Sequence[Reading], members: list[int], agents: list[str], facts: ArticleFacts) -> bool:
    """Whether the incident tells an attack that happened and names no armed party among those
    who acted (an armed party that was attacked is no attacker): then an unidentified armed
    group attacked, as ACLED codes unknown perpetrators."""
    if not facts.unknown_attackers or any(name in facts.armed for name in agents):
        return False
    return any(readings[i].event_class in _ATTACKS and readings[i].modality in _HAPPENED for i in members)


def _told(readings: Sequence[Reading], members: list[int], harmful: frozenset[str]) -> list[int]:
    """The incident's sentences that say what happened, in order: those telling harm when
    there are any, else all its violent ones."""
    told = [i for i in members if readings[i].family == "violence" and readings[i].choice.hit.role != "incident"]
    return [i for i in told if readings[i].event_class in harmful] or told


# "the incident took place on …": a definite description of the incident as a whole, the one
# the article introduced first, not of the last thing told
_THE_INCIDENT = re.compile(r"\bthe (?:\w+ )?incident\b", re.I)


def _told_as(readings: Sequence[Reading], told: list[int], index: int, harmful: frozenset[str] = frozenset()) -> tuple[str, str] | None:
    """For a bare casualty count or shooting (sentence ``index``): the class of the incident's
    sentence it follows (else the next one) that says what happened (``told``: those
    sentences, in order), and that sentence's words; for "the incident", its first such
    sentence.  None when the sentence tells harm and the incident tells none: a protest or a
    flight told nearby is not what hurt people, and the harm keeps its own class."""
    if not told:
        return None
    at = bisect_left(told, index)
    first = _THE_INCIDENT.search(readings[index].choice.hit.text) is not None
    source = readings[told[at - 1] if at and not first else told[0]]
    if readings[index].event_class in harmful and source.event_class not in harmful:
        return None
    return source.event_class, source.choice.hit.text


# the families of events that happen at a site; a statement or a meeting is placed only where
# the text says it was made, and "other" events too often lie outside the story
_SITED_FAMILIES = frozenset({"violence", "posture", "crossing"})


def _with_story_places(events: list[Event], where: list[tuple[PlaceChoice, str, str]], facts: ArticleFacts) -> list[Event]:
    """Events with no place, or only a country, a nationality word or a country as a party,
    placed at the story's site.

    The annotation conventions place every sentence of an incident at its site, wherever in
    the article the site is named; a sentence the incidents could not join ("the attackers
    were neutralised", "border units were put on alert") goes on about the site the story
    last told. A sentence that names a country keeps it unless the story's site lies in that
    country. Statements and meetings keep what they have; a background event may take the
    site, but never gives it.
    """
    sited = [
        i for i, e in enumerate(events)
        if e.place is not None and e.geo_level != "country" and facts.class_family.get(e.event_class) in _SITED_FAMILIES
        and e.modality != "historical"
    ]
    if not sited:
        return events
    placed = list(events)
    for i, event in enumerate(events):
        if not _takes_story_place(event, facts):
            continue
        # the site told last before the sentence; for an opening sentence the first one told
        at = bisect_left(sited, i)
        donor = sited[at - 1] if at else sited[0]
        # a nationality word ("Chinese troops") or a country as a party ("Uzbekistan sent
        # troops") says whose, not where: any site of the story is better
        if event.place is not None and not where[i][0].weak and not _lies_in(where[donor][0], event.place.place.country):
            continue
        placed[i] = _at_story_site(event, events[donor])
    return placed


def _lies_in(site: PlaceChoice, country: str) -> bool:
    """Whether a site lies in ``country``: a place of that country, or a border of it."""
    if site.zone is not None:
        return country in site.zone.countries
    return site.toponym is not None and site.toponym.place.country == country


def _takes_story_place(event: Event, facts: ArticleFacts) -> bool:
    if facts.class_family.get(event.event_class) not in _SITED_FAMILIES:
        return False
    return event.place is None or event.geo_level == "country"


def _at_story_site(event: Event, donor: Event) -> Event:
    own = f"; it names only {event.place.mention.text!r}" if event.place is not None else ""
    reasons = {
        **event.reasons,
        "place": f"the story's site, told at character {donor.sentence_start} ({donor.reasons.get('place', '')}){own}",
    }
    return replace(
        event,
        place=donor.place,
        place_relation=f"story site ({donor.place_relation})" if donor.place_relation else "story site",
        geo_level=donor.geo_level,
        # the site is inferred from the story, not named: no finer than "within the area"
        precision=max(donor.precision, 2),
        reasons=reasons,
    )


def _event(
    reading: Reading,
    incident_id: str,
    where: tuple[PlaceChoice, str, str],
    day: tuple[EventDate, int] | None,
    agents: list[str],
    recipients: list[str],
    facts: ArticleFacts,
    told_as: tuple[str, str] | None = None,
) -> Event:
    """The sentence's event record, with what it takes from its incident and why."""
    event_class, class_reason = _event_class(reading, told_as)
    place, relation, place_reason = where
    event_date, date_reason = _event_date(reading, day, facts)
    reasons = {"class": class_reason, "modality": reading.modality_reason, "place": place_reason, "date": date_reason}
    own_date = event_date if event_date and event_date.basis != "article" else None
    modality, why = dated_modality(reading.modality, own_date, facts.published, facts.historical_after_days)
    if why:
        reasons["modality"] = why
    actors, inherited = _with_incident_parties(reading, agents, recipients)
    if inherited:
        reasons["actors"] = "also the parties of the incident's other sentences: " + ", ".join(inherited)
    own_recipients = _recipients(reading, actors, recipients)
    loser = _lost_by(event_class, modality, actors, own_recipients, place, event_date, facts)
    if loser:
        actors, own_recipients = [*actors, loser], [loser]
        reasons["actors"] = (reasons.get("actors", "") + "; " if reasons.get("actors") else "") + f"the place was held by {loser}"
    confidence = reading.choice.hit.weight * MODALITY_FACTOR.get(modality, 0.8) * (1.0 if place.toponym else 0.8)
    return Event(
        event_class=event_class,
        modality=modality,  # type: ignore[arg-type]
        sentence=reading.sentence,
        sentence_start=reading.start,
        sentence_end=reading.end,
        article_id=facts.article_id,
        source_file=facts.source_file,
        trigger=reading.choice.hit.text,
        confidence=round(confidence, 3),
        actors=actors,
        recipients=own_recipients,
        date=event_date,
        place=place.toponym,
        place_relation=relation,
        geo_level=place.geo_level,
        quantities=list(reading.quantities),
        acled=reading.choice.hit.acled,
        incident_id=incident_id,
        precision=ACLED_PRECISION.get(place.geo_level, 0) if place.toponym is not None else 0,
        reasons=reasons,
    )


def _lost_by(
    event_class: str, modality: str, actors: list[str], recipients: list[str], place: PlaceChoice, day: EventDate | None, facts: ArticleFacts
) -> str | None:
    """For a place taken with no loser named: the authority that held it (None when a loser is
    named, the place is unknown or the takers held it themselves)."""
    if event_class != "territorial_control" or recipients or not actors or place.toponym is None or modality == "denied":
        return None
    if facts.territory_holder is None or not place.toponym.place.country:
        return None
    holder = facts.territory_holder(place.toponym.place.country, day.start if day else facts.published, actors)
    return holder if holder and holder not in actors else None


def _narrated_in(readings: Sequence[Reading], index: int) -> tuple[str, str] | None:
    """For a report that tells a happening of no class of its own ("the guards said the
    trucks had been turned back"): the class of the nearest event the article told before
    it, and that event's words; the report goes on about it."""
    if not readings[index].choice.narrated:
        return None
    start = readings[index].start
    for j in range(index - 1, max(-1, index - 1 - NEARBY), -1):
        before = readings[j]
        if before.family != "speech" and before.start < start:
            return before.event_class, before.choice.hit.text
    return None


def _event_class(reading: Reading, told_as: tuple[str, str] | None) -> tuple[str, str]:
    if reading.choice.hit.role == "incident" and told_as is not None:
        return told_as[0], f"a casualty count of the incident told as {told_as[0]} ({told_as[1]!r})"
    if reading.choice.narrated and told_as is not None:
        return told_as[0], f"{reading.choice.reason}: it goes on about the event told before as {told_as[0]} ({told_as[1]!r})"
    return reading.event_class, reading.choice.reason


def _event_place(reading: Reading, site: _Site | None, facts: ArticleFacts, at_later_venue: bool = False) -> tuple[PlaceChoice, str, str]:
    """The sentence's place (its own, or its incident's), the relation and why."""
    if at_later_venue and site is not None and site.family == "speech" and site.choice.toponym is not None and reading.place.toponym is None:
        relation = f"said on the occasion told at character {site.source_start}"
        return site.choice, relation, f"{site.choice.reason}; its speaker's later words there tell where it was said"
    if _takes_incident_place(reading, site, facts):
        assert site is not None
        relation = f"same incident as the sentence at character {site.source_start} ({site.choice.relation})"
        return site.choice, relation, f"{site.choice.reason}; the sentence names no finer place and reports the same incident"
    own = reading.place
    if own.toponym is None:
        return own, "", "no place the text supports"
    return own, own.relation, own.reason


def _recipients(reading: Reading, actors: list[str], incident_recipients: list[str]) -> list[str]:
    if reading.family == "speech":
        return list(reading.actors.recipients)
    return list(dict.fromkeys(r for r in [*reading.actors.recipients, *incident_recipients] if r in actors))


def _takes_incident_place(reading: Reading, site: _Site | None, facts: ArticleFacts) -> bool:
    """A sentence that names no place, or a vaguer one than its incident's, takes the incident's;
    a statement only the place of the meeting or ceremony it was made at."""
    if site is None or site.choice.toponym is None or site.choice is reading.place:
        return False
    if reading.family == "speech" and site.family not in _GATHERINGS and not _said_by_protesters(reading):
        # the venue of the incident's own statements ("speaking at a press conference in
        # Dushanbe, he said … He added …"): where the rest of the speaker's words were said too
        return site.family == "speech" and not reading.habitual and _SPEAKER_GOES_ON.match(reading.sentence) is not None
    if reading.place.toponym is None or reading.place.weak or _stretch_of(site.choice, reading.place):
        return True
    if _province_meant(reading, site.choice.toponym.place, facts):
        return True
    if not _inside(reading.place, site.choice.toponym.place, facts):
        return False  # Moscow does not refine "along the Afghan border"
    finer = SPECIFICITY.get(site.choice.geo_level, 9) < SPECIFICITY.get(reading.place.geo_level, 9)
    if reading.place.specific:
        # "in Gorno-Badakhshan" of an incident sited in Khorog: the finer place inside it
        return finer and reading.place.geo_level in _REGION_LEVELS and _within(site.choice, reading.place)
    return finer or site.choice.specific


# "He added …", "She said …": the speaker of a statement goes on (actors name the parties
# spoken of as well as the speaker, so they do not tell who speaks)
_SPEAKER_GOES_ON = re.compile(r"[\"“]?(?:He|She|They)\s")


def _stretch_of(site: PlaceChoice, own: PlaceChoice) -> bool:
    """Whether the incident's site is a stretch of the whole border the sentence names: the
    part of that border the article's places point to, finer than the border."""
    return own.zone is not None and site.zone is not None and site.zone.pair == own.zone.pair and site.toponym is not own.toponym


def _within(inner: PlaceChoice, outer: PlaceChoice) -> bool:
    return _near(inner.toponym.place, outer.toponym.place)  # type: ignore[union-attr]


def _event_date(reading: Reading, day: tuple[EventDate, int] | None, facts: ArticleFacts) -> tuple[EventDate | None, str]:
    if reading.habitual:
        return (reading.date, reading.date_reason) if reading.date is not None else (None, "no date: what usually happens")
    if reading.date is not None:
        return _finer_day(reading.date, day) or _day_within_span_to_now(reading, facts.published) or (reading.date, reading.date_reason)
    if facts.published is not None and _said_now(reading):
        return EventDate(facts.published, facts.published, "day", "article", ""), "said in the present or present perfect ('has warned', 'says'): news of the article's day"
    as_told = _dated_as(reading)
    if day is None:
        return _undated_fallback(reading, facts)
    published = facts.published
    if as_told == "reported" and published is not None and _ongoing_now(reading, day[0], published):
        return EventDate(published, published, "day", "article", ""), "going on now (present progressive): the article's date, not the incident's earlier one"
    if as_told == "reported" and published is not None and day[0].start > published:
        # what was done, told with a plan: news of the report, not of the plan's later date
        return EventDate(published, published, "day", "article", ""), "done, told with a plan for later: the article's date"
    if as_told in ("reported", "historical", "planned") and day[0].precision != "year":
        # a year ("since the beginning of 2017") says less of an undated sentence's day than
        # the article's own date does
        return _inherited(reading, day[0], as_told, published)
    return _undated_fallback(reading, facts)


# a verb of saying in the present or the present perfect: words that stand as of the report
_SAID_NOW = re.compile(
    r"\b(?:has|have)\s+(?:(?:also|repeatedly|strongly|already|now|publicly|openly|not|yet|so far)\s+)*"
    r"(?:said|warned|denied|rejected|refused|called|urged|demanded|stated|expressed|voiced|accused|blamed|condemned|confirmed"
    r"|announced|claimed|insisted|stressed|critici[sz]ed|welcomed|appealed|asked|declined)\b"
    r"|\b(?:says|warns|insists|claims|argues|believes|denies|rejects|maintains|accuses|blames|urges|calls on)\b",
    re.I,
)


def _said_now(reading: Reading) -> bool:
    """Whether an undated statement is said in the present or present perfect ("the ministry
    has refused to comment", "officials say"): it stands as of the article's day, not the day
    the story last told."""
    if reading.family != "speech":
        return False
    end = reading.choice.hit.start + len(reading.choice.hit.text)
    return _SAID_NOW.search(reading.sentence, 0, end) is not None


def _inherited(reading: Reading, inherited: EventDate, as_told: str, published: date | None) -> tuple[EventDate, str]:
    """The incident's date for an undated sentence of it, or the day the story tells at the
    sentence when that says more of the same incident."""
    told = reading.context_date
    if told is not None and inherited.precision == "day" and inherited.start < told.start <= shift_days(inherited.end, DATE_SLACK_DAYS):
        # the story has moved on to a later day of the same incident ("on December 24 the
        # terrorists were found … they opened fire"): the day the article last told
        return replace(told, basis="narrative"), f"the incident went on: the day the article last told, {told.text or told.start.isoformat()!r}"
    if (
        told is not None and reading.incident_dated_after and _coarseness(inherited) and told.precision == "day" and as_told == "reported"
        and published is not None and in_narrative_window(told, published)
    ):
        # an incident known only by the week or month a later sentence gives: the recent day
        # the story tells here says more
        return replace(told, basis="narrative"), f"the day the article last told, finer than the incident's {inherited.text!r}: {told.text or told.start.isoformat()!r}"
    return replace(inherited, basis="incident"), f"the incident's date, given by another of its sentences: {inherited.text!r}"


# a future or a condition: what would or will (not) happen has no date of its own
# what will, would or was meant to happen: a plan, condition or intention, with no date of its own
_FUTURE_OR_CONDITION = re.compile(
    r"\b(?:will|would|shall|could|might|won['’]t|wouldn['’]t)\b|\w['’]ll\b|\b(?:wants?|wanted|wish(?:es|ed)?|intend(?:s|ed)?|plotted|ready|prepared|willing|readiness|willingness)\s+to\b", re.I
)


def _dated_as(reading: Reading) -> str:
    """The modality the sentence's date is looked for as: a denial or a hedge of what did or
    did not happen is dated as the news it is told in ("border guards did not open fire",
    "troops spotted the columns under the scenario of the drills"); one of what will or would
    happen has no date, as a plan."""
    if reading.modality in ("denied", "hypothetical") and not _FUTURE_OR_CONDITION.search(reading.sentence):
        return "reported"
    return reading.modality


def _undated_fallback(reading: Reading, facts: ArticleFacts) -> tuple[EventDate | None, str]:
    """The date of a sentence neither its words nor its incident date: the day it was reported,
    the day the article last told, the day it names next for news of its kind or (current
    news) the article's own day."""
    as_told = _dated_as(reading)
    if reading.named_later is not None and reading.said_on is not None and as_told == "reported":
        later = reading.named_later
        return replace(later, basis="narrative"), f"undated news reported before the article names its day: the day it names next, {later.text!r}"
    if reading.said_on is not None and as_told in ("reported", "historical"):
        said = reading.said_on
        return replace(said, basis="report"), f"undated: reported {said.text!r}, so it happened by then"
    now = facts.published
    if reading.context_date is not None and as_told == "reported" and not (now is not None and _ongoing_now(reading, reading.context_date, now)):
        told = reading.context_date
        return replace(told, basis="narrative"), f"undated: the day the article last told, {told.text or told.start.isoformat()!r}"
    if reading.named_later is not None and as_told == "reported":
        later = reading.named_later
        return replace(later, basis="narrative"), f"undated news told before the article names its day: the day it names next, {later.text!r}"
    if facts.published is not None and as_told == "reported":
        published = facts.published
        return EventDate(published, published, "day", "article", ""), "undated current news: the article's date"
    return None, "no date: an undated plan, background or hypothesis"


def _day_within_span_to_now(reading: Reading, published: date | None) -> tuple[EventDate, str] | None:
    """For news dated by a span that runs up to the article ("this year", "in the past three
    days"): the day the article tells it happened within it (the day it last told, the day it
    was reported, else the article's own), not the span's start."""
    own = reading.date
    if own is None or published is None or reading.modality != "reported" or not _up_to_now(own, published):
        return None
    for told in (reading.context_date, reading.said_on):
        if told is not None and told.precision == "day" and own.start <= told.start <= published:
            return replace(told, basis="narrative"), f"told within the sentence's {own.text!r} that runs up to the article: {told.text!r}"
    return EventDate(published, published, "day", "article", ""), f"news within the sentence's {own.text!r} that runs up to the article: the article's date"


def _with_named_later(readings: Sequence[Reading], published: date | None) -> Sequence[Reading]:
    """The readings, each undated news sentence told before the article names any day (the
    headline, the lead: "Taliban kill three border guards") given the first recent day a later
    sentence of its family gives what happened ("the attack took place on Wednesday night"):
    the news the article opened with happened then, not on the day it was published."""
    if published is None:
        return readings
    days = _days_told(readings, published)
    out = list(readings)
    for i, reading in enumerate(readings):
        if reading.context_date is not None or reading.date is not None:
            break  # the article has named a day: what follows is told against it
        if reading.modality != "reported" or reading.habitual or reading.family == "speech":
            continue
        later = next((told for r, told in days if r.start > reading.start and _kin(r.family, reading.family)), None)
        # "… was killed, the press service reported on Wednesday. Yesterday, guards …": the day
        # named next says when, the day of the report only that it happened by then
        if later is not None and (reading.said_on is None or later.start < reading.said_on.start):
            out[i] = replace(reading, named_later=later)
    return out


def _days_told(readings: Sequence[Reading], published: date) -> list[tuple[Reading, EventDate]]:
    """The recent day each news sentence of the story is told on: its own, or, undated, the day
    the article told just before it ("Yesterday, guards stopped a group … One smuggler was killed")."""
    days = []
    for r in readings:
        told = r.date if r.date is not None else r.context_date
        if told is None or told.precision != "day" or r.date_opens_span or r.family == "speech" or r.modality != "reported":
            continue
        if in_narrative_window(told, published):
            days.append((r, told))
    return days


# "authorities are taking efforts to identify", "more troops are being sent": going on as told
# (the first letter is matched first, in a class of every letter ``re.I`` matches to it, then
# "\b" as a lookbehind and the rest of each word after a lookbehind of its letter: the regex
# engine searches for those letters)
_PROGRESSIVE = re.compile(
    r"(?-i:[IiİıAaHhRrCc])(?<!\w.)"
    r"(?:(?:(?<=i)s|(?<=a)(?:re|m))\s+(?:now\s+|still\s+|currently\s+|reportedly\s+|also\s+)?(?:being\s+\w+(?:ed|en)|(?!(?:nothing|something|anything)\b)\w+ing)\b"
    # "civilians have been fleeing to Tajikistan": still going on
    r"|(?<=h)(?:as|ave)\s+(?:now\s+|still\s+|also\s+)?been\s+(?!(?:nothing|something|anything)\b)\w+ing\b"
    # "the clashes are currently under way", "guards are on combat alert": a state of now
    r"|(?:(?<=i)s|(?<=a)(?:re|m)|(?<=r)emains?)\s+(?:now\s+|still\s+|currently\s+)?(?:under\s?way|ongoing|in\s+progress|on\s+(?:\w+\s+)?alert)\b|(?<=c)urrently\b)",
    re.I,
)


def _ongoing_now(reading: Reading, inherited: EventDate, published: date) -> bool:
    """Whether an undated sentence in the present progressive (or telling a state of now: "are
    on combat alert", "currently") tells what is going on now, when its incident or the
    narrative stands at a week or month, or at a day before the article: then it is today's
    news, not that earlier time."""
    if reading.family == "speech" or not _PROGRESSIVE.search(reading.sentence):
        return False
    return inherited.precision != "day" or inherited.start < published


def _finer_day(own: EventDate, day: tuple[EventDate, int] | None) -> tuple[EventDate, str] | None:
    """The incident's day, for a sentence that dates it only to a month, week or year the day
    falls in ("the exchange of fire in January" of a clash another sentence dates to January
    11), or its narrower span inside the sentence's ("in November" of drills another sentence
    holds in the second half of November): the same incident, told more precisely elsewhere."""
    if day is None or own.precision == "day":
        return None
    inherited = day[0]
    if not own.start <= inherited.start <= own.end:
        return None
    if inherited.precision != "day" and not (inherited.end <= own.end and (inherited.end - inherited.start) < (own.end - own.start)):
        return None
    return replace(inherited, basis="incident"), f"the incident's date, inside the sentence's {own.text!r}: {inherited.text!r}"


def _with_incident_parties(reading: Reading, agents: list[str], recipients: list[str]) -> tuple[list[str], list[str]]:
    """The sentence's actors and those of its incident's other sentences (a statement told
    within an incident, "the protesters demanded …", is about its parties too), and the added."""
    own = list(reading.actors.names)
    added = [name for name in [*agents, *recipients] if name not in own]
    return own + added, added


def _incident(incident_id: str, events: list[Event], members: list[int], site: _Site | None, facts: ArticleFacts) -> Incident:
    """The incident record: the most severe class among its sentences (speech only when it is
    all speech), the most specific place, the earliest precise date, every party, the largest
    casualty figures any sentence gives."""
    substantive = [e for e in events if e.event_class != "statement"] or events
    main = max(substantive, key=lambda e: (facts.class_priority.get(e.event_class, 0), e.confidence, -e.sentence_start))
    where = _best_placed(events)
    when = _best_dated(substantive)
    return Incident(
        id=incident_id,
        article_id=facts.article_id,
        source_file=facts.source_file,
        event_class=main.event_class,
        modality=main.modality,
        sentences=tuple(members),
        date=when.date if when else None,
        place=where.place if where else None,
        place_relation=where.place_relation if where else "",
        geo_level=where.geo_level if where else "",
        precision=where.precision if where else 0,
        actors=tuple(dict.fromkeys(a for e in substantive for a in e.actors)),
        recipients=tuple(dict.fromkeys(r for e in substantive for r in e.recipients)),
        fatalities=_largest(events, "fatalities"),
        injured=_largest(events, "injured"),
        quantities=tuple(q for e in events for q in e.quantities if q.category not in ("fatalities", "injured")),
        confidence=max(e.confidence for e in events),
        acled=main.acled,
        reasons={
            "class": f"the most severe class of its sentences: {main.event_class} ({main.trigger!r})",
            "place": f"the most specific place of its sentences (character {where.sentence_start})" if where else "no place",
            "date": f"the earliest precise date of its sentences (character {when.sentence_start})" if when else "no date",
        },
    )


_PRECISE = {"day": 0, "days": 1, "week": 2, "month": 3, "year": 4}


def _best_placed(events: list[Event]) -> Event | None:
    """The sentence with the most specific place, statements only when nothing else is placed."""
    placed = [e for e in events if e.place is not None and e.event_class != "statement"] or [e for e in events if e.place is not None]
    return min(placed, key=lambda e: (SPECIFICITY.get(e.geo_level, 9), e.sentence_start)) if placed else None


def _best_dated(events: list[Event]) -> Event | None:
    """The sentence with the earliest precise date (a date from the text before the article's)."""
    dated = [e for e in events if e.date is not None]
    return min(dated, key=lambda e: (e.date.basis == "article", _PRECISE.get(e.date.precision, 5) > 1, e.date.start, e.sentence_start)) if dated else None  # type: ignore[union-attr]


def _largest(events: list[Event], category: str) -> int | None:
    counts = [c for e in events if (c := _count(e.quantities, category)) is not None]
    return max(counts, default=None)


def _count(quantities: Sequence[Quantity], category: str) -> int | None:
    values = [q.best for q in quantities if q.category == category]
    return sum(values) if values else None


