"""Score predicted events against hand-annotated gold events.

The conventions are those of ``data/devset/README.md``: one gold record per event sentence
(a second event of the same sentence is a secondary record), each with its class, modality,
date interval, place (point and radius, or none), actors, casualty counts and incident id.

Matching and metrics
--------------------
* A predicted event matches a gold event of the same article whose sentence span overlaps
  its own; matching is one-to-one (main records first, then by shared characters).
* ``recall`` / ``precision``: matched gold records / all gold records, matched predictions
  / all predictions.
* Over matched pairs:

  - ``class``: the predicted class is the gold class (``class_lenient`` also accepts the
    recorded alternatives);
  - ``modality``: likewise with ``modality_alternatives``;
  - ``date``: the predicted start lies inside ``[date_start, date_end]``, or neither side has
    a date;
  - ``place``: the predicted point lies within the gold radius + 25 km of the gold point, or
    neither side has a place (``place_lenient`` also accepts ``place_alternatives``);
  - ``actors``: recall of gold actors among the predicted actors and recipients (a gold
    name is found when the actor vocabulary reads it as the same actor, or as its parent
    or child, or when the two names share their distinctive words);
  - ``fatalities``: where the gold gives a number, the predicted fatality count equals it.
* ``incident_recall``: share of gold incidents with at least one matched prediction of the
  right class at the right place.

Gold files without a field are not scored on it; records without ``modality`` (older
annotations, ``tests/data/gold_events.jsonl``) mark what they did not annotate with null, so
their null dates and places are not scored either.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pyproj import Geod

#: Allowance added to the gold radius when judging a predicted place, km.
PLACE_SLACK_KM = 25.0

# The annotated real-news set names what a number counts with a free noun ("kg", "troops",
# "people"); geomap counts into its own categories (data/lexicon/quantity_units.csv). A gold
# noun here is found by a count of the same number in any of these categories; any other
# noun only by a category of its own name.
_PEOPLE = frozenset({"fatalities", "injured", "detained", "displaced", "personnel"})
_FORCES = frozenset({"personnel", "fatalities", "injured", "detained"})
QUANTITY_NOUN_CATEGORIES: dict[str, frozenset[str]] = {
    "kg": frozenset({"drugs_kg"}),
    "people": _PEOPLE, "civilians": _PEOPLE, "residents": _PEOPLE, "children": _PEOPLE, "families": frozenset({"displaced"}),
    "troops": _FORCES, "soldiers": _FORCES, "militants": _FORCES, "fighters": _FORCES, "armed men": _FORCES,
    "attackers": _FORCES, "smugglers": _FORCES, "hostages": frozenset({"detained"}), "bodies": frozenset({"fatalities"}),
    "weapons": frozenset({"small_arms", "artillery", "ammunition"}), "rifles": frozenset({"small_arms"}),
    "pistols": frozenset({"small_arms"}), "grenades": frozenset({"ammunition", "small_arms"}), "rounds": frozenset({"ammunition"}),
    "military hardware": frozenset({"vehicles", "armoured_vehicles", "tanks", "artillery", "aircraft", "helicopters", "air_defence", "uav"}),
    "equipment": frozenset({"vehicles", "armoured_vehicles", "tanks", "artillery", "aircraft", "helicopters", "air_defence", "uav"}),
    "vehicles": frozenset({"vehicles", "armoured_vehicles", "tanks"}),
    "aircraft": frozenset({"aircraft", "helicopters", "uav"}),
}


def quantity_found(gold_category: str, gold_value: int, predicted: Sequence[tuple[str, int]]) -> int | None:
    """Index of the predicted ``(category, value)`` that counts the gold quantity, or None: the
    same number, in the gold's own category or one its noun stands for
    (``QUANTITY_NOUN_CATEGORIES``)."""
    accepted = QUANTITY_NOUN_CATEGORIES.get(gold_category.lower(), frozenset()) | {gold_category}
    return next((k for k, (category, value) in enumerate(predicted) if value == gold_value and category in accepted), None)

_GEOD = Geod(ellps="WGS84")
_STOP = frozenset(
    "the a an of and for in on at to by with forces force troops military army government group groups "
    "unidentified unknown armed security service services state committee national republic".split()
)


@dataclass(slots=True)
class PredictedEvent:
    """What the scorer reads of a predicted event."""

    start: int
    end: int
    event_class: str
    modality: str
    date_start: date | None
    lat: float | None
    lon: float | None
    actors: tuple[str, ...]
    fatalities: int | None
    incident: str = ""

    @classmethod
    def from_event(cls, event: Any) -> PredictedEvent:
        """Read a :class:`geomap.model.Event`."""
        point = getattr(event, "point", None)
        if point is None and getattr(event, "place", None) is not None:
            point = (event.place.place.lat, event.place.place.lon)
        deaths = [int(q.best) for q in event.quantities if q.category == "fatalities"]
        return cls(
            start=event.sentence_start,
            end=event.sentence_end,
            event_class=event.event_class,
            modality=event.modality,
            date_start=event.date.start if event.date is not None else None,
            lat=point[0] if point else None,
            lon=point[1] if point else None,
            actors=tuple(dict.fromkeys([*event.actors, *event.recipients])),
            fatalities=sum(deaths) if deaths else None,
            incident=getattr(event, "incident_id", ""),
        )

    @classmethod
    def from_annotation(cls, record: dict[str, Any]) -> PredictedEvent:
        """Read one event of a second annotation (the gold format, with sentence offsets), so
        that two annotators' records are scored with the same rules as geomap's."""
        start = record.get("date_start")
        return cls(
            start=int(record["sentence_start"]),
            end=int(record["sentence_end"]),
            event_class=str(record.get("event_class") or ""),
            modality=str(record.get("modality") or ""),
            date_start=date.fromisoformat(start) if start else None,
            lat=record.get("lat"),
            lon=record.get("lon"),
            actors=tuple(dict.fromkeys([*(record.get("actors") or []), *(record.get("recipients") or [])])),
            fatalities=record.get("fatalities"),
            incident=str(record.get("incident") or ""),
        )


@dataclass(slots=True)
class _Count:
    ok: int = 0
    n: int = 0

    def add(self, right: bool) -> None:
        self.n += 1
        self.ok += int(right)

    def share(self) -> float | None:
        return self.ok / self.n if self.n else None


@dataclass
class EventScores:
    """Counts over a whole gold set; :meth:`metrics` turns them into shares."""

    n_gold: int = 0
    n_pred: int = 0
    matched: int = 0
    counts: dict[str, _Count] = field(default_factory=dict)
    incidents: dict[str, bool] = field(default_factory=dict)
    issues: list[dict[str, Any]] = field(default_factory=list)

    def count(self, name: str, right: bool) -> None:
        self.counts.setdefault(name, _Count()).add(right)

    def metrics(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "n_gold": self.n_gold,
            "n_pred": self.n_pred,
            "matched": self.matched,
            "recall": self.matched / self.n_gold if self.n_gold else None,
            "precision": self.matched / self.n_pred if self.n_pred else None,
            "incidents": len(self.incidents),
            "incident_recall": sum(self.incidents.values()) / len(self.incidents) if self.incidents else None,
        }
        for name, count in sorted(self.counts.items()):
            out[f"{name}_accuracy" if name != "actors" else "actor_recall"] = count.share()
            out[f"{name}_n"] = count.n
        return out


def geodesic_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """WGS84 geodesic distance, km."""
    return float(_GEOD.inv(lon1, lat1, lon2, lat2)[2]) / 1000.0


def match_events(gold: Sequence[dict[str, Any]], predicted: Sequence[PredictedEvent]) -> list[tuple[int, int]]:
    """One-to-one ``(gold index, predicted index)`` pairs of overlapping sentence spans.

    A pair of the same class is taken before one of different classes (a sentence may
    report two events; predicting either is right), then main gold records before secondary
    ones, then the pair sharing the most characters.
    """
    candidates = []
    for i, g in enumerate(gold):
        g_start, g_end = _gold_span(g)
        for j, p in enumerate(predicted):
            shared = min(g_end, p.end) - max(g_start, p.start)
            if shared > 0:
                secondary = g.get("main") is False
                candidates.append((p.event_class != g.get("event_class"), secondary, -shared, i, j))
    pairs, used_g, used_p = [], set(), set()
    for *_, i, j in sorted(candidates):
        if i not in used_g and j not in used_p:
            pairs.append((i, j))
            used_g.add(i)
            used_p.add(j)
    return sorted(pairs)


def _gold_span(g: dict[str, Any]) -> tuple[int, int]:
    start = int(g["sentence_start"])
    end = g.get("sentence_end")
    return start, int(end) if end is not None else start + 1


def place_right(g: dict[str, Any], p: PredictedEvent, alternatives: bool = False) -> bool:
    """Within the gold radius + 25 km of the gold point (or an alternative's), or both none."""
    options = [g, *(g.get("place_alternatives") or [])] if alternatives else [g]
    if g.get("lat") is None:
        return p.lat is None
    if p.lat is None or p.lon is None:
        return False
    return any(
        o.get("lat") is not None
        and geodesic_km(o["lat"], o["lon"], p.lat, p.lon) <= float(o.get("radius_km") or 0.0) + PLACE_SLACK_KM
        for o in options
    )


def date_right(g: dict[str, Any], p: PredictedEvent) -> bool:
    """The predicted start inside the gold interval, or neither has a date."""
    if not g.get("date_start"):
        return p.date_start is None
    if p.date_start is None:
        return False
    low = date.fromisoformat(g["date_start"])
    high = date.fromisoformat(g.get("date_end") or g["date_start"])
    return low <= p.date_start <= high


class ActorMatcher:
    """Decides whether a gold actor name is among predicted actor names.

    Both sides are read with the actor vocabulary (``data/lexicon/actors.csv``): the gold
    name "Tajik border troops" and the predicted name of the ``tjk_border`` actor are the
    same actor, and an actor whose identity depends on the date ("Afghan forces",
    ``actor_periods.csv``) is read on the article's date.  A parent or child counts too
    (the 201st base for "Russian military"); a bare country ("Tajikistan", "the Tajik side")
    is any state actor of that country; names the vocabulary does not know fall back to
    their distinctive words.
    """

    _STATE = frozenset({"government", "military", "border_guard", "police", "state"})

    def __init__(self, lexicon: Any, read_predicted: bool = False) -> None:
        """``read_predicted``: read predicted names with the vocabulary too, as gold names are
        (for a second annotation, whose names are free text rather than the lexicon's)."""
        self._lexicon = lexicon
        self._read_predicted = read_predicted
        self._by_name = {actor.name: actor for actor in lexicon.actors}
        self._by_id = {actor.id: actor for actor in lexicon.actors}

    def _ids(self, text: str, day: date | None) -> list[str]:
        from geomap.events.actors import SentenceActors, actor_hits, on_date

        names = tuple(dict.fromkeys(name for _, _, name, _ in actor_hits(text, self._lexicon)))
        resolved = on_date(SentenceActors(names, (), ("",) * len(names), ()), self._lexicon, day)
        return [self._by_name[n].id for n in resolved.names if n in self._by_name]

    def _family(self, actor_id: str) -> set[str]:
        family = {actor_id}
        parent = getattr(self._by_id.get(actor_id), "parent", "")
        if parent:
            family.add(parent)
        family |= {a.id for a in self._lexicon.actors if getattr(a, "parent", "") == actor_id}
        return family

    def found(self, gold_name: str, predicted: Iterable[str], day: date | None = None) -> bool:
        predicted = [name for name in predicted if name]
        gold_ids = self._ids(gold_name, day)
        predicted_ids = {self._by_name[name].id for name in predicted if name in self._by_name}
        if self._read_predicted:
            predicted_ids.update(i for name in predicted if name not in self._by_name for i in self._ids(name, day))
        if gold_ids and any(self._family(g) & predicted_ids for g in gold_ids):
            return True
        if gold_ids and self._bare_country(gold_name, gold_ids):
            country = self._by_id[gold_ids[0]].country_iso3
            if any(self._by_id[p].country_iso3 == country and self._by_id[p].actor_type in self._STATE for p in predicted_ids):
                return True
        words = _distinctive(gold_name)
        return bool(words) and any(words & _distinctive(name) for name in predicted)

    def _bare_country(self, gold_name: str, gold_ids: list[str]) -> bool:
        return (
            len(gold_ids) == 1
            and self._by_id[gold_ids[0]].actor_type in ("government", "state")
            and len(_distinctive(gold_name) - {"side"}) <= 1
        )


def _distinctive(name: str) -> set[str]:
    tokens = re.findall(r"[a-z]+", name.lower())
    return {t.rstrip("s") for t in tokens if t not in _STOP and len(t) > 2}


def score_article(
    scores: EventScores,
    file: str,
    text: str,
    gold: Sequence[dict[str, Any]],
    predicted: Sequence[PredictedEvent],
    actors: ActorMatcher | None = None,
    published: date | None = None,
) -> None:
    """Add one article's matches, field scores and issues to ``scores``."""
    scores.n_gold += len(gold)
    scores.n_pred += len(predicted)
    pairs = dict(match_events(gold, predicted))
    for i, g in enumerate(gold):
        incident = f"{file}#{g['incident']}" if g.get("incident") else ""
        if incident:
            scores.incidents.setdefault(str(g.get("incident")), False)
        base = {"file": file, "kind": "event", "sentence_start": int(g["sentence_start"]),
                "context": " ".join(text[int(g["sentence_start"]) : int(g["sentence_start"]) + 90].split()),
                "gold_class": g.get("event_class")}
        if i not in pairs:
            scores.issues.append({**base, "problem": "missed"})
            continue
        scores.matched += 1
        p = predicted[pairs[i]]
        class_ok = _score_fields(scores, g, p, base, actors, published)
        if incident and class_ok and place_right(g, p):
            scores.incidents[str(g.get("incident"))] = True
    matched = set(pairs.values())
    for j, p in enumerate(predicted):
        if j not in matched:
            scores.issues.append({"file": file, "kind": "event", "problem": "spurious", "sentence_start": p.start,
                                  "predicted": p.event_class, "context": " ".join(text[p.start : p.start + 90].split())})


def _score_fields(
    scores: EventScores,
    g: dict[str, Any],
    p: PredictedEvent,
    base: dict[str, Any],
    actors: ActorMatcher | None,
    published: date | None = None,
) -> bool:
    """Score one matched pair field by field; whether its class is right."""
    class_ok = _score_class(scores, g, p, base)
    conventions = "modality" in g  # older annotations mark what they did not annotate with null
    if conventions:
        _score_modality(scores, g, p, base)
    if "date_start" in g and (conventions or g.get("date_start")):
        _score_date(scores, g, p, base)
    if "lat" in g and (conventions or g.get("lat") is not None):
        _score_place(scores, g, p, base)
    if actors is not None and g.get("actors"):
        _score_actors(scores, g, p, base, actors, published)
    if g.get("fatalities") is not None:
        _score_fatalities(scores, g, p, base)
    return class_ok


def _score_class(scores: EventScores, g: dict[str, Any], p: PredictedEvent, base: dict[str, Any]) -> bool:
    class_ok = p.event_class == g.get("event_class")
    scores.count("class", class_ok)
    scores.count("class_lenient", class_ok or p.event_class in (g.get("class_alternatives") or []))
    if not class_ok:
        scores.issues.append({**base, "problem": "class", "predicted": p.event_class})
    return class_ok


def _score_modality(scores: EventScores, g: dict[str, Any], p: PredictedEvent, base: dict[str, Any]) -> None:
    modality_ok = p.modality == g["modality"]
    scores.count("modality", modality_ok)
    scores.count("modality_lenient", modality_ok or p.modality in (g.get("modality_alternatives") or []))
    if not modality_ok:
        scores.issues.append({**base, "problem": "modality", "gold": g["modality"], "predicted": p.modality})


def _score_date(scores: EventScores, g: dict[str, Any], p: PredictedEvent, base: dict[str, Any]) -> None:
    ok = date_right(g, p)
    scores.count("date", ok)
    if not ok:
        scores.issues.append({**base, "problem": "date", "gold": [g.get("date_start"), g.get("date_end")],
                              "predicted": p.date_start.isoformat() if p.date_start else None})


def _score_place(scores: EventScores, g: dict[str, Any], p: PredictedEvent, base: dict[str, Any]) -> None:
    ok = place_right(g, p)
    scores.count("place", ok)
    scores.count("place_lenient", place_right(g, p, alternatives=True))
    if not ok:
        error = geodesic_km(g["lat"], g["lon"], p.lat, p.lon) if g.get("lat") is not None and p.lat is not None and p.lon is not None else None
        scores.issues.append({**base, "problem": "place", "gold": g.get("place_name"),
                              "predicted": [p.lat, p.lon] if p.lat is not None else None,
                              "error_km": round(error, 1) if error is not None else None})


def _score_actors(
    scores: EventScores, g: dict[str, Any], p: PredictedEvent, base: dict[str, Any], actors: ActorMatcher, published: date | None
) -> None:
    for name in g["actors"]:
        ok = actors.found(name, p.actors, published)
        scores.count("actors", ok)
        if not ok:
            scores.issues.append({**base, "problem": "actor", "gold": name, "predicted": list(p.actors)})


def _score_fatalities(scores: EventScores, g: dict[str, Any], p: PredictedEvent, base: dict[str, Any]) -> None:
    ok = p.fatalities == int(g["fatalities"])
    scores.count("fatalities", ok)
    if not ok:
        scores.issues.append({**base, "problem": "fatalities", "gold": g["fatalities"], "predicted": p.fatalities})
