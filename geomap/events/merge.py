"""Link reports of the same real incident: "the same drill told by three articles".

Each article's incidents (:mod:`geomap.events.incidents`) are its reports; two incident
records of different articles are taken as reports of one real incident when all of these
hold:

* the same event class and a compatible modality (reported with reported, planned with
  planned: an announcement and the drill that followed stay separate events);
* both are dated, at most to the month (``max_date_span_days``: "last year" or an
  undated report says too little to be sure), and the dates overlap (intervals widened
  by ``date_slack_days`` when a date was only inferred from the publication date);
* the same place, or places within ``max_km`` of each other, below country level and
  not the whole-border area (two events "in Kyrgyzstan" are not thereby one event);
* at least one shared actor, or no actors on one side.

Linked records form groups (union–find, so A~B and B~C join A, B, C).  No record is
changed: the group has an id, its reports, its sources and, for each linked report, one
reason: the link that brought it into the group (so a group of k reports carries k
reasons, not one per pair).

Only candidate pairs are compared: reports are blocked by class and modality, by a
window of start dates as wide as the longest date a link accepts, and by a spatial grid
of cells as wide as ``max_km``; copies of one report (same class, modality, dates,
place and actors) are linked to their first copy without comparing them with anything
else.  The groups are the same as comparing every pair (the links are the connected
components either way), at a cost that grows with the corpus, not with its square.
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date

from geomap.events.dates import shift_days
from geomap.model import PACKABLE_RECORDS, ArticleResult, EventDate, Incident, Place
from geomap.packed import PackedList
from geomap.places.resolve import EARTH_RADIUS_KM, haversine_km

DEFAULT_MAX_KM = 50.0
DEFAULT_DATE_SLACK_DAYS = 7
MAX_DATE_SPAN_DAYS = 31


@dataclass
class IncidentGroup:
    """Reports of one real incident (incident records of one or more articles)."""

    id: str
    incidents: list[Incident]
    link_reasons: list[str] = field(default_factory=list)  # per report (as incidents): why it is in the group

    @property
    def reasons(self) -> list[str]:
        """One line per linked report: ``"report ~ other report: why"``."""
        return [reason for reason in self.link_reasons if reason]

    @property
    def sources(self) -> list[str]:
        """Distinct source files, in first-report order."""
        return list(dict.fromkeys(incident.source_file for incident in self.incidents))

    @property
    def representative(self) -> Incident:
        """The report with the most specific place and the highest confidence."""
        from geomap.events.place import SPECIFICITY

        return min(
            self.incidents,
            key=lambda i: (SPECIFICITY.get(i.geo_level, 9) if i.place else 10, -i.confidence, self.incidents.index(i)),
        )


def report_key(incident: Incident) -> tuple[str, str]:
    """What tells one report from every other of a corpus: its file and incident id."""
    return incident.source_file, incident.id


def _interval(event: _Report, slack: int) -> tuple[date, date] | None:
    if event.date is None:
        return None
    start, end = event.date.start, event.date.end
    if event.date.basis == "article":
        start = shift_days(start, -slack)  # "has sent" in an article of the 29th: some day before
    return start, end


def _link_reason(a: _Report, b: _Report, max_km: float, slack: int) -> str | None:
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
    if a.place.id == b.place.id:
        where = f"same place ({a.place.name})"
    else:
        distance = float(haversine_km(a.place.lat, a.place.lon, b.place.lat, b.place.lon))
        if distance > max_km:
            return None
        where = f"places {distance:.0f} km apart"
    shared = set(a.actors) & set(b.actors)
    if a.actors and b.actors and not shared:
        return None
    who = f"shared actor {sorted(shared)[0]}" if shared else "no conflicting actors"
    return f"{a.event_class}; dates overlap; {where}; {who}"


def _specific(event: _Report) -> bool:
    """A place precise enough to tell two events apart: not a country, not the whole border."""
    return (
        event.geo_level != "country"
        and event.place is not None
        and event.place.source != "border"
        and bool(event.place.country)  # a gazetteer row for a whole border or region belongs to no country
    )


def link_reports(
    results: Sequence[ArticleResult], max_km: float = DEFAULT_MAX_KM, date_slack_days: int = DEFAULT_DATE_SLACK_DAYS
) -> Sequence[IncidentGroup]:
    """Group the incidents of a corpus into real incidents.

    Parameters
    ----------
    results : sequence of ArticleResult
        The parsed corpus (read twice, in order).
    max_km : float
        Largest distance between the places of two reports of one incident.
    date_slack_days : int
        Days an inferred date ("has sent", dated by the article) may lie before it.

    Returns
    -------
    sequence of IncidentGroup
        One group per real incident, in the order of their first report; each group's
        ``reasons`` hold one line per linked report.  The groups are kept packed
        (:class:`geomap.packed.PackedList`): a corpus's incident records are held whole only
        while a group is being gathered.
    """
    reports = _reports(results)
    links = _Links(len(reports))
    candidates = _Candidates(max_km, date_slack_days)
    for index, report in enumerate(reports):
        if not _linkable(report, date_slack_days):
            continue  # undated, too coarse a date, or no specific place: linked to nothing
        copy_of = candidates.copy_of(report, index)
        if copy_of is not None:
            links.join(copy_of, index, _link_reason(reports[copy_of], report, max_km, date_slack_days))
            continue
        for other in candidates.near(report):
            if links.root(other) == links.root(index):
                continue  # already in one group: the reason of another link is enough
            reason = _link_reason(reports[other], report, max_km, date_slack_days)
            if reason is not None:
                links.join(other, index, reason)
        candidates.add(report, index)
    return PackedList(_gathered(results, _plans(reports, links)), by_fields=(IncidentGroup, *PACKABLE_RECORDS), shared=(Place,))


@dataclass(frozen=True, slots=True)
class _Report:
    """What linking reads of one incident record (its place shared with every other report
    of the same gazetteer entry)."""

    event_class: str
    modality: str
    date: EventDate | None
    place: Place | None
    geo_level: str
    actors: tuple[str, ...]
    source_file: str
    id: str


def _reports(results: Iterable[ArticleResult]) -> list[_Report]:
    places: dict[str, Place] = {}
    reports = []
    for result in results:
        for incident in result.incidents:
            place = places.setdefault(incident.place.place.id, incident.place.place) if incident.place else None
            reports.append(
                _Report(
                    incident.event_class, incident.modality, incident.date, place, incident.geo_level,
                    tuple(incident.actors), incident.source_file, incident.id,
                )
            )
    return reports


class _Links:
    """Union–find over event indices, keeping the link (with its reason) that joined each pair of groups."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))
        self.edges: list[tuple[int, int, str]] = []

    def root(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(self, i: int, j: int, reason: str | None) -> None:
        if reason is None:
            return
        a, b = self.root(i), self.root(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)
            self.edges.append((i, j, reason))


def _linkable(event: _Report, slack: int) -> bool:
    """Whether ``event`` can be a report of the same event as anything (see :func:`_link_reason`)."""
    interval = _interval(event, slack)
    return (
        interval is not None
        and (interval[1] - interval[0]).days <= MAX_DATE_SPAN_DAYS + slack
        and event.place is not None
        and _specific(event)
    )


class _Candidates:
    """The linkable events seen so far, blocked by class and modality, start-date window
    and a grid over the unit sphere.

    Two linkable reports of one event start at most ``MAX_DATE_SPAN_DAYS + slack`` days
    apart (their intervals overlap and neither is longer), and their places, at most
    ``max_km`` apart, are at most one chord of that length apart in 3-D, so they fall in
    neighbouring cells of both grids.
    """

    def __init__(self, max_km: float, slack: int) -> None:
        self.slack = slack
        self.days = MAX_DATE_SPAN_DAYS + slack + 1
        # the chord of max_km on the sphere haversine_km uses, widened against rounding
        self.cell = 2 * math.sin(max_km / (2 * EARTH_RADIUS_KM)) * 1.001 or 1e-9
        self.cells: dict[tuple, list[int]] = defaultdict(list)
        self.first_copy: dict[tuple, int] = {}

    def _key(self, event: _Report) -> tuple:
        start = _interval(event, self.slack)[0].toordinal()  # type: ignore[index]
        place = event.place
        assert place is not None  # only linkable reports are keyed
        lat, lon = math.radians(place.lat), math.radians(place.lon)
        xyz = (math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat))
        return (event.event_class, event.modality, start // self.days, *(math.floor(c / self.cell) for c in xyz))

    @staticmethod
    def _signature(event: _Report) -> tuple:
        date, place = event.date, event.place
        assert place is not None
        return (
            event.event_class, event.modality, date.start, date.end, date.basis,  # type: ignore[union-attr]
            place.id, place.lat, place.lon, frozenset(event.actors),
        )

    def copy_of(self, event: _Report, index: int) -> int | None:
        """The first event with everything a link looks at equal to ``event``'s, if any."""
        first = self.first_copy.setdefault(self._signature(event), index)
        return None if first == index else first

    def near(self, event: _Report) -> list[int]:
        """Earlier candidates in the neighbouring cells, in corpus order."""
        kind, modality, window, x, y, z = self._key(event)
        found: list[int] = []
        for dw in (-1, 0, 1):
            for dx in (-1, 0, 1):
                for dy in (-1, 0, 1):
                    for dz in (-1, 0, 1):
                        found += self.cells.get((kind, modality, window + dw, x + dx, y + dy, z + dz), ())
        return sorted(found)

    def add(self, event: _Report, index: int) -> None:
        self.cells[self._key(event)].append(index)


@dataclass(frozen=True, slots=True)
class _Plan:
    """A group before its incident records are gathered: positions of its reports in the
    corpus (ascending), their link reasons and the group id."""

    id: str
    members: tuple[int, ...]
    link_reasons: tuple[str, ...]


def _plans(reports: list[_Report], links: _Links) -> list[_Plan]:
    """The groups of ``links`` in the order of their first report, each with one reason per linked report."""
    members_of: dict[int, list[int]] = defaultdict(list)
    for index in range(len(reports)):
        members_of[links.root(index)].append(index)
    reason_of: dict[int, str] = {}
    for i, j, reason in links.edges:
        # each link explains the report it brought in; the first report is explained by its first link
        reason_of.setdefault(j, f"{_label(reports[j])} ~ {_label(reports[i])}: {reason}")
        reason_of.setdefault(i, f"{_label(reports[i])} ~ {_label(reports[j])}: {reason}")
    plans = []
    for members in members_of.values():
        digest = hashlib.sha1("|".join(f"{reports[i].source_file}|{reports[i].id}" for i in members).encode())
        plans.append(_Plan(f"gmg-{digest.hexdigest()[:12]}", tuple(members), tuple(reason_of.get(i, "") for i in members)))
    return plans


def _gathered(results: Iterable[ArticleResult], plans: list[_Plan]) -> Iterator[IncidentGroup]:
    """The groups of ``plans`` with their incident records, in plan order, from one pass over
    the corpus: a group is complete at its last report and waits only for earlier groups."""
    plan_of = [0] * sum(len(plan.members) for plan in plans)
    for number, plan in enumerate(plans):
        for position in plan.members:
            plan_of[position] = number
    gathering: dict[int, list[Incident]] = defaultdict(list)
    complete: dict[int, IncidentGroup] = {}
    next_plan = 0
    incidents = (incident for result in results for incident in result.incidents)
    for position, incident in enumerate(incidents):
        number = plan_of[position]
        gathering[number].append(incident)
        plan = plans[number]
        if position == plan.members[-1]:
            complete[number] = IncidentGroup(plan.id, gathering.pop(number), list(plan.link_reasons))
            while next_plan in complete:
                yield complete.pop(next_plan)
                next_plan += 1


def _label(event: _Report) -> str:
    return event.id
