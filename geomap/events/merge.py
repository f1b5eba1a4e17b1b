"""Link reports of the same real event: "the same drill told by three articles".

Two event records are taken as reports of one event when all of these hold:

* the same event class and a compatible modality (reported with reported, planned with
  planned: an announcement and the drill that followed stay separate events);
* both are dated, at most to the month (``max_date_span_days``: "last year" or an
  undated report says too little to be sure), and the dates overlap (intervals widened
  by ``date_slack_days`` when a date was only inferred from the publication date);
* the same place, or places within ``max_km`` of each other, below country level and
  not the whole-border area (two events "in Kyrgyzstan" are not thereby one event);
* at least one shared actor, or no actors on one side.

Linked records form groups (union–find, so A~B and B~C join A, B, C).  Every record
keeps its own sentence and source; the group gets an id, its size, its sources and the
reasons each link was made, so an analyst can see why two reports were merged.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from geomap.model import ArticleResult, Event
from geomap.places.resolve import haversine_km

DEFAULT_MAX_KM = 50.0
DEFAULT_DATE_SLACK_DAYS = 7
MAX_DATE_SPAN_DAYS = 31


@dataclass
class EventGroup:
    """Reports of one real event."""

    id: str
    events: list[Event]
    reasons: list[str] = field(default_factory=list)

    @property
    def sources(self) -> list[str]:
        """Distinct source files, in first-report order."""
        seen: list[str] = []
        for event in self.events:
            if event.source_file not in seen:
                seen.append(event.source_file)
        return seen

    @property
    def representative(self) -> Event:
        """The report with the most specific place and the highest confidence."""
        from geomap.events.extract import SPECIFICITY

        return min(
            self.events,
            key=lambda e: (SPECIFICITY.get(e.geo_level, 9) if e.place else 10, -e.confidence, e.sentence_start),
        )


def _interval(event: Event, slack: int):
    if event.date is None:
        return None
    start, end = event.date.start, event.date.end
    if event.date.basis == "article":
        start -= timedelta(days=slack)  # "has sent" in an article of the 29th: some day before
    return start, end


def _link_reason(a: Event, b: Event, max_km: float, slack: int) -> str | None:
    """Why ``a`` and ``b`` are reports of one event, or None when they are not."""
    if a.event_class != b.event_class or a.modality != b.modality:
        return None
    first, second = _interval(a, slack), _interval(b, slack)
    if first is None or second is None:
        return None
    if any((interval[1] - interval[0]).days > MAX_DATE_SPAN_DAYS + slack for interval in (first, second)):
        return None
    if first[1] < second[0] or second[1] < first[0]:
        return None
    if a.place is None or b.place is None or not _specific(a) or not _specific(b):
        return None
    if a.place.place.id == b.place.place.id:
        where = f"same place ({a.place.place.name})"
    else:
        distance = float(haversine_km(a.place.place.lat, a.place.place.lon, b.place.place.lat, b.place.place.lon))
        if distance > max_km:
            return None
        where = f"places {distance:.0f} km apart"
    shared = set(a.actors) & set(b.actors)
    if a.actors and b.actors and not shared:
        return None
    who = f"shared actor {sorted(shared)[0]}" if shared else "no conflicting actors"
    return f"{a.event_class}; dates overlap; {where}; {who}"


def _specific(event: Event) -> bool:
    """A place precise enough to tell two events apart: not a country, not the whole border."""
    return (
        event.geo_level != "country"
        and event.place is not None
        and event.place.place.source != "border"
        and bool(event.place.place.country)  # a gazetteer row for a whole border or region belongs to no country
    )


def link_reports(
    results: list[ArticleResult], max_km: float = DEFAULT_MAX_KM, date_slack_days: int = DEFAULT_DATE_SLACK_DAYS
) -> list[EventGroup]:
    """Group the events of a corpus into real events; sets ``group_id`` on every event."""
    events = [event for result in results for event in result.events]
    parent = list(range(len(events)))
    reasons: dict[int, list[str]] = defaultdict(list)

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_class: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, event in enumerate(events):
        by_class[(event.event_class, event.modality)].append(index)
    for members in by_class.values():
        for position, i in enumerate(members):
            for j in members[position + 1 :]:
                reason = _link_reason(events[i], events[j], max_km, date_slack_days)
                if reason is None:
                    continue
                a, b = root(i), root(j)
                if a != b:
                    parent[b] = a
                reasons[i].append(f"{_label(events[j])}: {reason}")

    grouped: dict[int, list[int]] = defaultdict(list)
    for index in range(len(events)):
        grouped[root(index)].append(index)
    groups = []
    for members in grouped.values():
        digest = hashlib.sha1("|".join(f"{events[i].article_id}:{events[i].sentence_start}" for i in members).encode())
        group = EventGroup(
            id=f"gmg-{digest.hexdigest()[:12]}",
            events=[events[i] for i in members],
            reasons=[r for i in members for r in reasons[i]],
        )
        for event in group.events:
            event.group_id = group.id
            event.group_size = len(group.events)
        groups.append(group)
    return groups


def _label(event: Event) -> str:
    return f"{event.article_id}@{event.sentence_start}"
