"""Write results: JSON lines, RFC 7946 GeoJSON, GeoPackage, KML and ACLED-compatible CSV.

Every file goes through an :class:`OutputStage`: it is written under its final name into
a hidden folder next to its destination, flushed to disk and read back by a checker of
its format (bytes, JSON parse and feature count, SQLite check and layer counts, XML parse
and placemark count, CSV header and row count); only then is it moved into place.  A
failed write or check leaves the old file byte-identical and raises :class:`OutputError`
naming the file.  For each format, ``*_output`` gives the writer and checker (a build
stages all of its files together) and ``write_*`` writes one file on its own.
GeoJSON keeps JSON-native properties (lists, objects); GeoPackage and KML get the same
features with lists joined by ``"; "`` and objects as JSON text.
"""

from __future__ import annotations

import csv
import hashlib
import itertools
import json
import math
import os
import re
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from xml.sax.saxutils import escape as xml_escape

from geomap.border import BorderIndex, BorderReading, border_reading, place_area
from geomap.errors import GeomapError
from geomap.events.lexicon import EventClass, Lexicon
from geomap.model import ArticleResult, Event, EventDate, Incident, Place, Toponym, to_plain
from geomap.packed import PackedList

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
]
GEOMAP_COLUMNS = [
    "geomap_date_end", "geomap_date_precision", "geomap_modality", "geomap_event_class", "geomap_geo_level",
    "geomap_place_relation", "geomap_quantities_json", "geomap_plover_event", "geomap_plover_mode",
    "geomap_cameo_code", "geomap_confidence", "geomap_distance_to_border_km", "geomap_border_side",
    "geomap_border", "geomap_border_text", "geomap_sentence", "geomap_source_file", "geomap_group_size",
]
ACLED_TIME_PRECISION = {"day": 1, "days": 2, "week": 2, "month": 3}
ACLED_GEO_PRECISION = {"site": 1, "settlement": 1, "near_named_place": 2, "adm2": 2, "adm1": 3, "subnational_region": 3}
CLAIM_COLUMNS = [
    "article_id", "kind", "text", "stated_value", "stated_unit", "stated_km", "computed_km", "difference_km",
    "tolerance_km", "verdict", "reason", "subject", "reference", "lat", "lon", "start", "end", "source_file", "sentence",
]


class OutputError(GeomapError, OSError):
    """An output file could not be written, or the written file failed its check.

    The message names the file; the file that was there before is left as it was.
    """

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = Path(path)
        self.reason = reason


class CheckFailed(GeomapError, ValueError):
    """A freshly written file does not read back as what was written."""


Writer = Callable[[Path], None]
Checker = Callable[[Path], None]


class OutputStage:
    """Outputs of one build, written and checked before any of them replaces a file.

    Every file is first written under its final name into a hidden folder inside the
    destination folder (same file system, so the final move is an atomic rename, and
    no temporary name can leak into a file: GDAL's KML driver names the document after
    the file).  Each file is flushed to disk and read back by a checker; only when all of
    them passed does :meth:`commit` move them into place.  A full disk, a write error
    GDAL did not report, or any failing check raises :class:`OutputError` naming the file,
    and every earlier output stays byte-identical.

    Parameters
    ----------
    folder : Path
        The destination folder (created if missing).
    """

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self.staging = Path(tempfile.mkdtemp(prefix=".geomap-staging-", dir=self.folder))
        except OSError as exc:
            raise OutputError(self.folder, f"cannot write to the output folder ({_describe(exc)})") from exc
        self.staged: list[str] = []
        self.committed: list[Path] = []  # moved into place so far

    def __enter__(self) -> OutputStage:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.discard()

    def add(self, name: str, write: Writer, check: Checker) -> None:
        """Write ``name`` with ``write(path)``, flush it to disk and run ``check(path)``.

        Raises
        ------
        OutputError
            When writing, flushing or checking fails (the message names the destination).
        """
        temporary = self.staging / name
        try:
            write(temporary)
            _flush_to_disk(temporary)
            check(temporary)
        except Exception as exc:  # any failure of one output is reported as that output's failure
            raise OutputError(self.folder / name, _describe(exc)) from exc
        self.staged.append(name)

    def add_made(self, name: str, make: Callable[[], tuple[Writer, Checker]]) -> None:
        """:meth:`add` with the writer and checker that ``make()`` returns; a failure of
        ``make`` (preparing the rows, serialising) is reported as this file's failure too."""
        try:
            write, check = make()
        except Exception as exc:  # see add
            raise OutputError(self.folder / name, _describe(exc)) from exc
        self.add(name, write, check)

    def commit(self) -> list[Path]:
        """Move every staged file into place; the destination paths, in staging order.

        Each move is an atomic rename within one folder; should one fail all the same,
        :attr:`committed` lists the files already replaced.
        """
        for name in self.staged:
            destination = self.folder / name
            try:
                os.chmod(self.staging / name, 0o644)
                os.replace(self.staging / name, destination)
            except OSError as exc:
                raise OutputError(destination, f"cannot move the checked file into place ({_describe(exc)})") from exc
            self.committed.append(destination)
        self.staged = []
        return list(self.committed)

    def discard(self) -> None:
        """Remove the staging folder and whatever is left in it."""
        shutil.rmtree(self.staging, ignore_errors=True)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror  # "No space left on device", "File too large", "Permission denied"
    return f"{type(exc).__name__}: {exc}" if not isinstance(exc, CheckFailed) else str(exc)


def _flush_to_disk(path: Path) -> None:
    # A file system may report a full disk only when the data is flushed (delayed allocation).
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def ensure_writable_folder(folder: Path) -> None:
    """Fail early, before any parsing, when ``folder`` cannot hold the outputs.

    Creates the folder if needed and writes and removes a probe file in it (permission
    bits alone do not tell: read-only mounts, ACLs, root).

    Raises
    ------
    OutputError
        Naming the folder and the reason.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, probe = tempfile.mkstemp(prefix=".geomap-probe-", dir=folder)
        try:
            os.write(handle, b"geomap")
        finally:
            os.close(handle)
            os.unlink(probe)
    except OSError as exc:
        raise OutputError(folder, f"cannot write to the output folder ({_describe(exc)})") from exc


def write_checked(destination: Path, write: Writer, check: Checker) -> None:
    """Write one file through an :class:`OutputStage`: checked, then moved into place."""
    with OutputStage(destination.parent) as stage:
        stage.add(destination.name, write, check)
        stage.commit()


def text_output(text: str | Callable[[], str], check: Checker | None = None) -> tuple[Writer, Checker]:
    """A writer of ``text`` (UTF-8) and a checker that the file holds exactly those bytes
    (and passes ``check``, a parse of the format).

    ``text`` may be a function that makes the text: it then runs inside the writer, so a
    failure to serialise (NaN in JSON, a lone surrogate) is reported as this file's failure.
    """
    expected: dict[str, Any] = {}

    def write(path: Path) -> None:
        data = (text() if callable(text) else text).encode("utf-8")
        expected["size"], expected["sha256"] = len(data), hashlib.sha256(data).hexdigest()
        with path.open("wb") as stream:
            stream.write(data)

    def verify(path: Path) -> None:
        data = path.read_bytes()
        if len(data) != expected["size"] or hashlib.sha256(data).hexdigest() != expected["sha256"]:
            raise CheckFailed(f"read back {len(data)} bytes that differ from the {expected['size']} written")
        if check is not None:
            check(path)

    return write, verify


def write_text(destination: Path, text: str) -> None:
    """Write a text file (UTF-8), checked and moved into place atomically."""
    write_checked(destination, *text_output(text))


def _reject_constant(name: str) -> None:
    raise CheckFailed(f"{name} is not valid JSON")


def check_geojson(path: Path, count: int) -> None:
    """The file is a JSON FeatureCollection of ``count`` features (no NaN or Infinity)."""
    with path.open(encoding="utf-8") as stream:
        data = json.load(stream, parse_constant=_reject_constant)
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise CheckFailed("not a GeoJSON FeatureCollection")
    if len(data.get("features") or ()) != count:
        raise CheckFailed(f"read back {len(data.get('features') or ())} features, wrote {count}")


def check_jsonl(path: Path, count: int) -> None:
    """The file holds ``count`` lines, each one JSON object (no NaN or Infinity)."""
    lines = 0
    with path.open(encoding="utf-8") as stream:
        for lines, line in enumerate(stream, 1):
            if not isinstance(json.loads(line, parse_constant=_reject_constant), dict):
                raise CheckFailed(f"line {lines} is not a JSON object")
    if lines != count:
        raise CheckFailed(f"read back {lines} lines, wrote {count}")


def check_csv(path: Path, columns: list[str], count: int) -> None:
    """The file has the header ``columns`` and ``count`` complete data rows."""
    with path.open(newline="", encoding="utf-8") as stream:
        reader = csv.reader(stream)
        header = next(reader, None)
        if header != columns:
            raise CheckFailed("the header row is missing or incomplete")
        rows = 0
        for rows, row in enumerate(reader, 1):
            if len(row) != len(columns):
                raise CheckFailed(f"row {rows} has {len(row)} of {len(columns)} columns")
    if rows != count:
        raise CheckFailed(f"read back {rows} rows, wrote {count}")


def check_gpkg(path: Path, layers: dict[str, int]) -> None:
    """The GeoPackage passes SQLite's quick check and holds each layer with its feature count."""
    import sqlite3

    import pyogrio

    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        verdict = connection.execute("PRAGMA quick_check").fetchone()[0]
    finally:
        connection.close()
    if verdict != "ok":
        raise CheckFailed(f"SQLite check failed: {verdict}")
    for layer, count in layers.items():
        found = pyogrio.read_info(path, layer=layer)["features"]
        if found != count:
            raise CheckFailed(f"layer {layer}: read back {found} features, wrote {count}")


def check_kml(path: Path, count: int) -> None:
    """The file is well-formed XML with ``count`` placemarks."""
    from xml.parsers import expat

    placemarks = [0]

    def start(name: str, attributes: dict) -> None:
        if name == "Placemark" or name.endswith(":Placemark"):
            placemarks[0] += 1

    parser = expat.ParserCreate()
    parser.StartElementHandler = start  # expat alone: no element tree is built, the file is only counted
    try:
        with path.open("rb") as stream:
            parser.ParseFile(stream)
    except expat.ExpatError as exc:
        raise CheckFailed(f"not well-formed KML ({expat.errors.messages[exc.code]}: line {exc.lineno}, column {exc.offset})") from None
    if placemarks[0] != count:
        raise CheckFailed(f"read back {placemarks[0]} placemarks, wrote {count}")


def toponym_record(toponym: Toponym) -> dict[str, Any]:
    """The JSON record of one resolved mention (offsets into the article text as read)."""
    place = toponym.place
    record = {
        "start": toponym.mention.start,
        "end": toponym.mention.end,
        "text": toponym.mention.text,
        "name": place.name,
        "lat": place.lat,
        "lon": place.lon,
        "country": place.country,
        "feature_type": place.feature_type,
        "uncertainty_km": place.uncertainty_km,
        "confidence": toponym.confidence,
        "adjectival": toponym.adjectival,
        "place_id": place.id,
        "source": place.source,
        "fuzzy": toponym.mention.fuzzy,
        "reasons": toponym.reasons,
    }
    if toponym.runner_up is not None:
        record["runner_up"] = {"name": toponym.runner_up.name, "place_id": toponym.runner_up.id, "score": toponym.runner_up_score}
    return record


def event_record(event: Event, lexicon: Lexicon) -> dict[str, Any]:
    """Flat, JSON-ready properties of one event (codes from the crosswalk table)."""
    codes = lexicon.classes.get(event.event_class)
    place = event.place.place if event.place else None
    record: dict[str, Any] = {
        "event_id": event_id(event),
        "event_type": event.event_class,
        "event_label": codes.label if codes else event.event_class,
        "modality": event.modality,
        **_date_fields(event.date),
        "actors": event.actors,
        "recipients": event.recipients,
        **_place_point(place),
        "place_relation": event.place_relation,
        "geo_level": event.geo_level,
        "precision": event.precision,
        "uncertainty_km": place.uncertainty_km if place else None,
        **_border_fields(event.border, place, event.geo_level),
        "nearest_border_lat": event.border.nearest_lat if event.border else None,
        "nearest_border_lon": event.border.nearest_lon if event.border else None,
        "borders": [to_plain(b) for b in event.borders] if len(event.borders) > 1 else [],
        "quantities": [to_plain(q) for q in event.quantities],
        "trigger": event.trigger,
        "confidence": event.confidence,
        **_class_codes(codes, event.acled),
        "source_file": event.source_file,
        "article_id": event.article_id,
        "incident_id": event.incident_id,
        "reasons": event.reasons,
        "sentence": event.sentence,
        "sentence_start": event.sentence_start,
        "sentence_end": event.sentence_end,
    }
    return record


def _date_fields(when: EventDate | None) -> dict[str, Any]:
    """The date properties of an event, all None when it has no date."""
    if when is None:
        return {"date": None, "date_end": None, "date_precision": None, "date_basis": None, "date_text": None}
    return {
        "date": when.start.isoformat(),
        "date_end": when.end.isoformat(),
        "date_precision": when.precision,
        "date_basis": when.basis,
        "date_text": when.text,
    }


def _place_point(place: Place | None) -> dict[str, Any]:
    """Name, id and position of an event's place, all None when it has none."""
    if place is None:
        return {"place_name": None, "place_id": None, "lat": None, "lon": None}
    return {"place_name": place.name, "place_id": place.id, "lat": round(place.lat, 6), "lon": round(place.lon, 6)}


def _class_codes(codes: EventClass | None, acled: tuple[str, str, str] | tuple[()]) -> dict[str, Any]:
    """The crosswalk codes and map style of an event's class; a trigger's own ACLED
    refinement overrides the class's ACLED types."""
    fields = {
        "acled_event_type": codes.acled_event_type if codes else "",
        "acled_sub_event_type": codes.acled_sub_event_type if codes else "",
        "cameo_code": codes.cameo_code if codes else "",
        "plover_event": codes.plover_event if codes else "",
        "plover_mode": codes.plover_mode if codes else "",
        "color": codes.color if codes else "#555555",
        "glyph": codes.glyph if codes else "?",
    }
    if acled:
        fields["acled_event_type"], fields["acled_sub_event_type"] = acled[1], acled[2]
    return fields


def _border_fields(metrics, place, geo_level: str) -> dict[str, Any]:
    """The border properties of an event or incident, by the one policy of
    :func:`geomap.border.border_reading`: a distance and a side only where the place's
    uncertainty makes them meaningful; the pair always named."""
    area = place_area(place.feature_type, place.source, geo_level, place.uncertainty_km) if place else ""
    reading: BorderReading = border_reading(metrics, place.uncertainty_km if place else 0.0, area)
    return {
        **_reading_fields(reading),
        "location_area": area,  # "country" / "border" / "region": the point is a stand-in, not a site
        "area_id": _area_id(place, area),
    }


def _reading_fields(reading: BorderReading) -> dict[str, Any]:
    """A border reading as output properties (events, incidents and places alike)."""
    return {
        "distance_to_border_km": reading.distance_km,
        "distance_within_km": reading.within_km,
        "border_side": reading.side,
        "side_uncertain": reading.side_uncertain,
        "border": reading.border,
        "border_text": reading.text,
    }


def _area_id(place, area: str) -> str:
    """The ISO2 code of a country-level place, the pair of a whole-border place, else ""."""
    if area == "border":
        return place.id.split(":", 1)[-1]
    if area == "country":
        return place.country
    return ""


def event_id(event: Event) -> str:
    """Stable identifier: article and sentence offset hashed."""
    digest = hashlib.sha1(f"{event.article_id}|{event.sentence_start}|{event.event_class}".encode()).hexdigest()
    return f"gm-{digest[:12]}"


def article_record(result: ArticleResult, lexicon: Lexicon) -> dict[str, Any]:
    """One line of ``articles.jsonl``."""
    article = result.article
    return {
        "id": article.id,
        "file": article.source_file,
        "date": article.date.isoformat() if article.date else None,
        "date_from": article.date_from or ("header or metadata" if article.date else ""),
        "title": article.title,
        "url": article.url,
        "toponyms": [toponym_record(t) for t in result.toponyms],
        "organisations": [{"start": m.start, "end": m.end, "text": m.text} for m in result.suppressed],
        "events": [event_record(e, lexicon) for e in result.events],
        "incidents": [incident_record(i, result, lexicon) for i in result.incidents],
        "claims": [to_plain(c) for c in result.claims],
    }


def _point(lat: float, lon: float) -> dict[str, Any]:
    return {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]}


def feature_collection(features: list[dict[str, Any]], name: str) -> dict[str, Any]:
    """An RFC 7946 FeatureCollection (no ``crs`` member; WGS84 lon/lat)."""
    return {"type": "FeatureCollection", "name": name, "features": features}


GROUP_SOURCES_LISTED = 20  # sources listed on each report of a group; group_source_count has them all
REPORTS_LISTED = 20  # sentences listed on an incident feature; report_count counts them all


def incident_id(incident: Incident) -> str:
    """Stable identifier of an incident feature: its file and incident id hashed."""
    digest = hashlib.sha1(f"{incident.source_file}|{incident.id}".encode()).hexdigest()
    return f"gi-{digest[:12]}"


def incident_record(incident: Incident, result: ArticleResult, lexicon: Lexicon) -> dict[str, Any]:
    """Flat, JSON-ready properties of one incident: its own fields, those of the sentence that
    gave its place (border metrics, ACLED refinement, sentence) and a list of its reports.

    The keys of :func:`event_record` that an incident has keep their names, so a map or a
    GIS layer reads both alike."""
    events = [result.events[i] for i in incident.sentences]
    shown = _sentence_shown(incident, events)
    record = event_record(shown, lexicon)
    codes = lexicon.classes.get(incident.event_class)
    date_ = incident.date
    record.update({
        "event_id": incident_id(incident),
        "incident_id": incident.id,
        "event_type": incident.event_class,
        "event_label": codes.label if codes else incident.event_class,
        "modality": incident.modality,
        "date": date_.start.isoformat() if date_ else None,
        "date_end": date_.end.isoformat() if date_ else None,
        "date_precision": date_.precision if date_ else None,
        "date_basis": date_.basis if date_ else None,
        "date_text": date_.text if date_ else None,
        "actors": list(incident.actors),
        "recipients": list(incident.recipients),
        "fatalities": incident.fatalities,
        "injured": incident.injured,
        "quantities": [to_plain(q) for q in incident.quantities],
        "confidence": incident.confidence,
        "color": codes.color if codes else "#555555",
        "glyph": codes.glyph if codes else "?",
        "report_count": len(events),
        "reports": [_report(e) for e in events[:REPORTS_LISTED]],
        "geo_level": incident.geo_level,
        "precision": incident.precision,
        "reasons": dict(incident.reasons),
    })
    place = incident.place.place if incident.place else None
    if place is not None:
        same_place = shown.place is not None and shown.place.place.id == place.id
        record.update(_border_fields(shown.border if same_place else None, place, incident.geo_level))
    return record


def _sentence_shown(incident: Incident, events: list[Event]) -> Event:
    """The report that gave the incident its place (else its most severe one, else its first)."""
    if incident.place is not None:
        placed = [e for e in events if e.place is not None and e.place.place.id == incident.place.place.id]
        if placed:
            return placed[0]
    same = [e for e in events if e.event_class == incident.event_class]
    return (same or events)[0]


def _report(event: Event) -> dict[str, Any]:
    return {
        "sentence": event.sentence,
        "sentence_start": event.sentence_start,
        "event_type": event.event_class,
        "modality": event.modality,
        "date": event.date.start.isoformat() if event.date else None,
    }


def incident_features(results: Sequence[ArticleResult], lexicon: Lexicon, groups: Sequence | None = None) -> Sequence[dict[str, Any]]:
    """One GeoJSON feature per incident; incidents without a place get ``geometry: null``.

    With ``groups`` (from :func:`geomap.events.merge.link_reports`) every feature of a
    linked report also says why it was linked (``group_reason``: its own link, one line)
    and lists the sources of its incident (``group_sources``, the first
    :data:`GROUP_SOURCES_LISTED`; ``group_source_count`` counts them all).  A feature never
    carries the reasons of the whole group: with k copies of a story that would be k² lines
    (the ACLED row of the incident lists every source once).  The features are kept packed
    (:class:`geomap.packed.PackedList`).
    """
    from geomap.events.merge import report_key

    group_info = {}
    for group in groups or ():
        sources = group.sources
        for incident, reason in zip(group.incidents, group.link_reasons, strict=True):
            group_info[report_key(incident)] = (group.id, len(group.incidents), sources[:GROUP_SOURCES_LISTED], len(sources), reason)
    features: PackedList[dict[str, Any]] = PackedList()
    for result in results:
        for incident in result.incidents:
            properties = incident_record(incident, result, lexicon)
            group_id, size, sources, count, reason = group_info.get(report_key(incident), ("", 1, [incident.source_file], 1, ""))
            properties.update({
                "group_id": group_id, "group_size": size, "group_sources": sources, "group_source_count": count,
                "group_reason": reason,
            })
            place = incident.place.place if incident.place else None
            # a country or a whole border is no site: no point a GIS could take for one
            located = place is not None and not properties["location_area"]
            features.append({
                "type": "Feature",
                "id": properties["event_id"],
                "geometry": _point(place.lat, place.lon) if located and place is not None else None,
                "properties": properties,
            })
    return features


@dataclass
class PlaceSummary:
    """A place with every article that mentions it."""

    toponym: Toponym
    mention_count: int = 0
    adjectival_count: int = 0
    articles: list[str] = field(default_factory=list)
    surface_forms: list[str] = field(default_factory=list)
    confidence: float = 0.0


def summarise_places(results: Sequence[ArticleResult]) -> list[PlaceSummary]:
    """Group resolved mentions by place; a place only named adjectivally is left out."""
    by_place: dict[str, PlaceSummary] = {}
    for result in results:
        for toponym in result.toponyms:
            summary = by_place.setdefault(toponym.place.id, PlaceSummary(toponym))
            if toponym.adjectival:
                summary.adjectival_count += 1
            else:
                summary.mention_count += 1
                summary.confidence = max(summary.confidence, toponym.confidence)
            if result.article.id not in summary.articles:
                summary.articles.append(result.article.id)
            if toponym.mention.text not in summary.surface_forms:
                summary.surface_forms.append(toponym.mention.text)
    return [s for s in by_place.values() if s.mention_count]


def place_features(summaries: list[PlaceSummary], borders: BorderIndex, pairs: tuple[str, ...]) -> list[dict[str, Any]]:
    """One GeoJSON feature per place, with metrics to the nearest border (of all in the data;
    ``distances_km`` lists the requested ones when there are several)."""
    if not summaries:
        return []
    import numpy as np

    lats = np.array([s.toponym.place.lat for s in summaries])
    lons = np.array([s.toponym.place.lon for s in summaries])
    measured = borders.measure_places(lats, lons, pairs)  # the one owner of border measurement
    features = []
    for i, summary in enumerate(summaries):
        place = summary.toponym.place
        area = place_area(place.feature_type, place.source)
        reading = border_reading(measured[i].best, place.uncertainty_km, area)
        features.append(
            {
                "type": "Feature",
                "id": place.id,
                "geometry": _point(place.lat, place.lon),
                "properties": {
                    "place_id": place.id,
                    "name": place.name,
                    "feature_type": place.feature_type,
                    "country": place.country,
                    "admin1": place.admin1,
                    "uncertainty_km": place.uncertainty_km,
                    "population": place.population,
                    "source": place.source,
                    "citation": place.citation,
                    "mention_count": summary.mention_count,
                    "adjectival_count": summary.adjectival_count,
                    "articles": summary.articles,
                    "surface_forms": summary.surface_forms,
                    "confidence": round(summary.confidence, 3),
                    "reasons": summary.toponym.reasons,
                    **_reading_fields(reading),
                    "location_area": area,
                    "distances_km": {m.border: m.distance_km for m in measured[i].requested} if len(pairs) > 1 else {},
                },
            }
        )
    return features


def border_features(borders: BorderIndex, pairs: tuple[str, ...]) -> list[dict[str, Any]]:
    """The border lines measured against, with provenance."""
    from shapely.geometry import mapping

    features = []
    for pair in pairs:
        line = borders.line(pair)
        features.append(
            {
                "type": "Feature",
                "id": f"border:{line.pair}",
                "geometry": mapping(line.geometry),
                "properties": {
                    "pair": line.pair,
                    "countries": list(line.countries),
                    "length_km": line.length_km,
                    "positional_error_km": line.positional_error_km,
                    "source": line.source_name,
                    "licence": line.licence,
                    "attribution": line.attribution,
                },
            }
        )
    return features


# a file written piece by piece is checked byte for byte against a running SHA-256; below this
# size it is also parsed back (a large file parsed whole would need several times its size)
PARSE_CHECK_MAX_BYTES = 64 * 1024 * 1024


def streamed_output(pieces: Callable[[], Iterable[str]], check: Checker | None = None) -> tuple[Writer, Checker]:
    """Writer and checker of a text made of ``pieces`` (UTF-8), written as they are made, so
    no output of a large corpus is ever held whole in memory."""
    expected: dict[str, Any] = {}

    def write(path: Path) -> None:
        digest, size = hashlib.sha256(), 0
        with path.open("wb") as stream:
            for piece in pieces():
                data = piece.encode("utf-8")
                stream.write(data)
                digest.update(data)
                size += len(data)
        expected["size"], expected["sha256"] = size, digest.hexdigest()

    def verify(path: Path) -> None:
        digest, size = hashlib.sha256(), 0
        with path.open("rb") as stream:
            for chunk in iter(lambda: stream.read(1 << 20), b""):
                digest.update(chunk)
                size += len(chunk)
        if size != expected["size"] or digest.hexdigest() != expected["sha256"]:
            raise CheckFailed(f"read back {size} bytes that differ from the {expected['size']} written")
        if check is not None and size <= PARSE_CHECK_MAX_BYTES:
            check(path)

    return write, verify


# Output records are trees built afresh for each line (no list or dict holds itself), so
# the encoder's cycle check guards nothing while costing about a tenth of the encoding of
# a record; a cycle would still fail (RecursionError).  Same bytes as ``json.dumps`` with
# the same options: one encoder, made once.
_ENCODE = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode
_ENCODE_FINITE = json.JSONEncoder(ensure_ascii=False, allow_nan=False, check_circular=False).encode


def record_json(record: Any, allow_nan: bool = True) -> str:
    """``json.dumps(record, ensure_ascii=False, allow_nan=allow_nan)`` of an output record
    (a tree of dicts, lists and scalars), without the cycle check."""
    return _ENCODE(record) if allow_nan else _ENCODE_FINITE(record)


def geojson_output(features: Sequence[dict[str, Any]], name: str) -> tuple[Writer, Checker]:
    """Writer and checker of a FeatureCollection (NaN or Infinity anywhere is an error, not
    invalid JSON), written feature by feature: the same bytes as one ``json.dumps``."""

    def pieces() -> Iterator[str]:
        shell = json.dumps(feature_collection([], name), ensure_ascii=False)
        cut = shell.index('"features": [') + len('"features": [')
        yield shell[:cut]
        for number, feature in enumerate(features):
            yield (", " if number else "") + record_json(feature, allow_nan=False)
        yield shell[cut:]

    return streamed_output(pieces, lambda path: check_geojson(path, len(features)))


def write_geojson(destination: Path, features: list[dict[str, Any]], name: str) -> None:
    """Write a FeatureCollection, checked and moved into place atomically."""
    write_checked(destination, *geojson_output(features, name))


def jsonl_output(records: list[dict[str, Any]] | Callable[[], Iterable[dict[str, Any]]]) -> tuple[Writer, Checker]:
    """Writer and checker of one JSON object per line, each written as it is made (``records``
    may be a function that yields them: a corpus of 20,000 articles then never holds its
    whole ``articles.jsonl``, nor all its records, in memory)."""
    lines = {"count": 0}

    def pieces() -> Iterator[str]:
        lines["count"] = 0
        for record in records() if callable(records) else records:
            lines["count"] += 1
            yield record_json(record, allow_nan=False) + "\n"

    writer, verify_bytes = streamed_output(pieces)

    def verify(path: Path) -> None:
        verify_bytes(path)
        check_jsonl(path, lines["count"])  # line by line: cheap at any size

    return writer, verify


def write_jsonl(destination: Path, records: list[dict[str, Any]]) -> None:
    """Write one JSON object per line, checked and moved into place atomically."""
    write_checked(destination, *jsonl_output(records))


def _flat(value: Any) -> Any:
    if isinstance(value, list):
        if all(isinstance(v, (str, int, float)) for v in value):
            return "; ".join(str(v) for v in value)
        return json.dumps(value, ensure_ascii=False, allow_nan=False)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, allow_nan=False)
    return value


def _frame(features: Sequence[dict[str, Any]]):
    """A GeoDataFrame of features with flattened properties (rows without geometry kept)."""
    import geopandas as gpd
    from shapely.geometry import shape

    rows = [{k: _flat(v) for k, v in f["properties"].items()} for f in features]
    geometries = [shape(f["geometry"]) if f["geometry"] else None for f in features]
    return gpd.GeoDataFrame(rows, geometry=geometries, crs="EPSG:4326")


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


def gis_typed(frame, kinds: Mapping[str, str] | None = None):
    """``frame`` with real field types for a GeoPackage: columns holding only booleans
    (and nulls) become BOOLEAN, columns holding only ``YYYY-MM-DD`` days become DATETIME
    (midnight; pyogrio writes no DATE type without pyarrow).  Without this both are
    TEXT ("True", "2022-05-20"), which a GIS cannot filter or sort as such.  ``kinds``
    (column -> :func:`column_kind`) types the rows of a layer written in chunks as the
    whole layer's columns, so that every chunk has the same fields."""
    typed = frame.copy()
    for column in frame.columns:
        if column == frame.geometry.name:
            continue
        kind = kinds[column] if kinds is not None else column_kind(frame[column])
        typed[column] = _typed_column(frame[column], kind)
    return typed


def column_kind(values: Iterable[Any]) -> str:
    """What a column holds, nulls aside: ``boolean``, ``day`` (``YYYY-MM-DD`` text),
    ``integer``, ``number``, ``empty`` or ``other``."""
    return _kind_of({_value_kind(v) for v in values})


_KIND_BY_TYPE = {type(None): "null", bool: "boolean", int: "integer", float: "number", str: "text"}
"""Kinds of the plain types nearly every value has, found by one lookup (the rest by isinstance)."""


def _value_kind(value: Any) -> str:
    kind = _KIND_BY_TYPE.get(type(value))
    if kind == "text":
        return "day" if _ISO_DAY.match(value) else "other"
    if kind == "number" and math.isnan(value):
        return "null"
    return kind or _other_value_kind(value)


def _other_value_kind(value: Any) -> str:
    import numpy as np

    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "null"
    if isinstance(value, (bool, np.bool_)):
        return "boolean"
    if isinstance(value, (int, np.integer)):
        return "integer"
    if isinstance(value, (float, np.floating)):
        return "number"
    return "day" if isinstance(value, str) and _ISO_DAY.match(value) else "other"


def _typed_column(column, kind: str):
    import numpy as np
    import pandas as pd

    if kind == "boolean":
        return column.astype("boolean")
    if kind == "day":
        # numpy days reach 0001-01-01 to 9999-12-31 (pandas' default nanoseconds stop at 2262)
        days = np.array([v if isinstance(v, str) else "NaT" for v in column], dtype="datetime64[D]")
        return pd.Series(days.astype("datetime64[s]"), index=column.index)
    if kind == "integer":
        return column.astype("int64")
    if kind == "number":
        return column.astype("float64")
    return column


GPKG_CHUNK_ROWS = 10_000
"""Features of a layer written to a GeoPackage at a time: a layer of a large corpus is never
held as one data frame."""


@dataclass(frozen=True)
class _LayerSchema:
    """The fields and geometry type of a whole layer, read in one pass over its features."""

    columns: dict[str, str]  # name -> column_kind, in first-seen order
    geometry_type: str
    promote_to_multi: bool

    @classmethod
    def of(cls, features: Iterable[dict[str, Any]]) -> _LayerSchema:
        seen: dict[str, set[str]] = {}
        present: dict[str, int] = defaultdict(int)
        geometries: set[str] = set()
        count = 0
        for feature in features:
            count += 1
            for key, value in feature["properties"].items():
                seen.setdefault(key, set()).add(_value_kind(_flat(value)))
                present[key] += 1
            if feature["geometry"]:
                geometries.add(feature["geometry"]["type"])
        # a key some features lack is null there
        columns = {key: _kind_of(kinds | ({"null"} if present[key] < count else set())) for key, kinds in seen.items()}
        singles = {kind.removeprefix("Multi") for kind in geometries}
        if len(singles) == 1 and len(geometries) == 2:
            return cls(columns, f"Multi{singles.pop()}", True)
        return cls(columns, geometries.pop() if len(geometries) == 1 else "Unknown", False)


def _kind_of(kinds: set[str]) -> str:
    if "integer" in kinds and "null" in kinds:
        kinds = kinds | {"number"}  # a null among integers: REAL, as pandas reads the whole column
    kinds = kinds - {"null"}
    if len(kinds) == 1:
        return next(iter(kinds))
    return "number" if kinds == {"integer", "number"} else ("empty" if not kinds else "other")


def _write_gpkg_layer(path: Path, name: str, features: Sequence[dict[str, Any]], chunk_rows: int = GPKG_CHUNK_ROWS) -> None:
    """Write one layer ``chunk_rows`` features at a time, every chunk typed as the whole layer."""
    import pyogrio

    schema = _LayerSchema.of(features)
    rows = iter(features)
    for number in range(0, len(features), chunk_rows):
        chunk = _frame(list(itertools.islice(rows, chunk_rows)))
        chunk = chunk.reindex(columns=[*schema.columns, chunk.geometry.name])
        pyogrio.write_dataframe(
            gis_typed(chunk, schema.columns), path, layer=name, driver="GPKG", append=number > 0,
            geometry_type=schema.geometry_type, promote_to_multi=schema.promote_to_multi,
        )


def gpkg_timestamp() -> str:
    """The ``last_change`` written into a GeoPackage: fixed, so that two builds of one
    corpus write the same bytes (``SOURCE_DATE_EPOCH``, the reproducible-builds
    convention, when set; else the Unix epoch)."""
    from datetime import datetime, timezone

    seconds = int(os.environ.get("SOURCE_DATE_EPOCH", "0") or 0)
    return datetime.fromtimestamp(seconds, timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def gpkg_output(layers: Mapping[str, Sequence[dict[str, Any]]]) -> tuple[Writer, Checker]:
    """Writer and checker of a GeoPackage with one layer per non-empty entry of ``layers``."""
    import pyogrio

    kept = {name: features for name, features in layers.items() if features}

    def write(path: Path) -> None:
        before = pyogrio.get_gdal_config_option("OGR_CURRENT_DATE")
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": gpkg_timestamp()})
        try:
            for name, features in kept.items():
                _write_gpkg_layer(path, name, features)
        finally:
            pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": before})

    return write, lambda path: check_gpkg(path, {name: len(features) for name, features in kept.items()})


def write_gpkg(destination: Path, layers: dict[str, list[dict[str, Any]]]) -> None:
    """Write a GeoPackage with one layer per entry of ``layers`` (empty layers skipped)."""
    write_checked(destination, *gpkg_output(layers))


KML_FIELD_TYPES = {"integer": "int", "number": "float", "boolean": "int"}
"""KML ``SimpleField`` types of :func:`column_kind` kinds; every other kind is a string."""

KML_NAME, KML_DESCRIPTION = "event_label", "sentence"
"""The properties shown as a placemark's name and description (not repeated as data)."""

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_XML_SPECIAL = re.compile('[&<>"\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]')


def kml_output(features: Sequence[dict[str, Any]]) -> tuple[Writer, Checker]:
    """Writer and checker of the located point features as KML 2.2 (document and layer
    "events"), written placemark by placemark: a corpus's KML is never held whole.  Each
    placemark keeps every property as typed ``ExtendedData``; GDAL, QGIS and Google Earth
    read it."""
    located = [index for index, feature in enumerate(features) if feature["geometry"]]

    def pieces() -> Iterator[str]:
        schema = _LayerSchema.of(features[i] for i in located)
        fields = [name for name in schema.columns if name not in (KML_NAME, KML_DESCRIPTION)]
        yield '<?xml version="1.0" encoding="utf-8" ?>\n<kml xmlns="http://www.opengis.net/kml/2.2">\n<Document id="root_doc">\n'
        yield '<Schema name="events" id="events">\n'
        for name in fields:
            yield f'\t<SimpleField name="{_xml(name)}" type="{KML_FIELD_TYPES.get(schema.columns[name], "string")}"></SimpleField>\n'
        yield "</Schema>\n<Folder><name>events</name>\n"
        opening = {name: f'\t\t<SimpleData name="{_xml(name)}">' for name in fields}  # escaped once, not per placemark
        for number, index in enumerate(located, start=1):
            yield _placemark(features[index], number, opening)
        yield "</Folder>\n</Document></kml>\n"

    return streamed_output(pieces, lambda path: check_kml(path, len(located)))


def _placemark(feature: dict[str, Any], number: int, opening: dict[str, str]) -> str:
    """One placemark; ``opening`` maps each data field to its escaped ``<SimpleData>`` tag."""
    properties = feature["properties"]
    if feature["geometry"]["type"] != "Point":
        raise ValueError(f"KML output takes point features, not {feature['geometry']['type']}")
    lon, lat = feature["geometry"]["coordinates"][:2]
    data = "".join(
        f"{tag}{_xml(_kml_value(properties[name]))}</SimpleData>\n"
        for name, tag in opening.items()
        if properties.get(name) is not None
    )
    return (
        f'  <Placemark id="events.{number}">\n'
        f"\t<name>{_xml(_kml_value(properties.get(KML_NAME)))}</name>\n"
        f"\t<description>{_xml(_kml_value(properties.get(KML_DESCRIPTION)))}</description>\n"
        f'\t<ExtendedData><SchemaData schemaUrl="#events">\n{data}\t</SchemaData></ExtendedData>\n'
        f"      <Point><coordinates>{lon!r},{lat!r}</coordinates></Point>\n  </Placemark>\n"
    )


def _kml_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(_flat(value))


def _xml(text: str) -> str:
    """Text as XML character data or attribute value: escaped, and without the characters
    XML 1.0 cannot carry (article text may hold any)."""
    if not _XML_SPECIAL.search(text):
        return text  # most values (numbers, codes, names) need nothing: one scan instead of five
    return xml_escape(_NOT_XML.sub("\ufffd", text), {'"': "&quot;"})


def write_kml(destination: Path, features: list[dict[str, Any]]) -> None:
    """Write located features as KML (GDAL's KML driver; Google Earth reads it); nothing
    when no feature has a location."""
    if any(f["geometry"] for f in features):
        write_checked(destination, *kml_output(features))


def acled_rows(groups: Sequence, results: Sequence[ArticleResult], lexicon: Lexicon, country_codes: dict) -> tuple[Sequence[dict[str, Any]], dict[str, int]]:
    """ACLED-layout rows, one per real incident (linked reports merged); the rest counted by reason.

    ACLED codes no country-level-only incidents and no statements; a year-precision date
    has no ACLED time precision.  Such incidents stay in the GeoJSON and JSONL outputs.
    The ``source`` column lists every report of the incident.
    """
    left_out: dict[str, int] = defaultdict(int)
    # positions and labels, not the results: a packed corpus is unpacked a chunk at a time
    position_of = {r.article.source_file: i for i, r in enumerate(results)}
    label_of = {r.article.source_file: r.article.url or Path(r.article.source_file).name for r in results}
    coded: list[tuple[int, int, Incident, str, int]] = []  # (article position, group number, report, sources, size)
    for number, group in enumerate(groups):
        incident = group.representative
        if len(group.incidents) > 1:
            left_out["merged into another report of the same incident"] += len(group.incidents) - 1
        reason = _acled_left_out(incident, lexicon.classes.get(incident.event_class))
        if reason:
            left_out[reason] += 1
            continue
        sources = "; ".join(dict.fromkeys(label_of[i.source_file] for i in group.incidents))
        coded.append((position_of[incident.source_file], number, incident, sources, len(group.incidents)))
    # the reports' articles are read in corpus order (a group's best report can lie anywhere
    # in a packed corpus), and the rows put back in the order of the groups
    made: dict[int, dict[str, Any]] = {}
    coded.sort(key=lambda item: (item[0], item[1]))
    for position, number, incident, sources, size in coded:
        result = results[position]
        codes = lexicon.classes.get(incident.event_class)
        row = _acled_row(incident, incident_record(incident, result, lexicon), codes, result, country_codes)
        row["source"] = sources
        row["geomap_group_size"] = size
        made[number] = row
    rows: PackedList[dict[str, Any]] = PackedList(made[number] for number in sorted(made))  # one row per real incident
    return rows, dict(left_out)


def acled_time_precision(when: EventDate) -> int:
    """ACLED's time precision of a date: 1 a day, 2 a week, 3 a month.  The article's own day
    standing in for an undated event (basis ``article``: "undated current news") says only
    that it happened by then, within about a week: 2, not the day's 1."""
    code = ACLED_TIME_PRECISION[when.precision]
    return max(code, 2) if when.basis == "article" else code


def _acled_left_out(incident: Incident, codes) -> str | None:
    """Why ACLED would not code this incident, or None."""
    if codes is None or not codes.acled_event_type:
        return "class not coded by ACLED (statements, meetings)"
    if incident.place is None or incident.geo_level == "country":
        return "no sub-national location"
    if incident.date is None or incident.date.precision not in ACLED_TIME_PRECISION:
        return "no date at ACLED precision (day, week or month)"
    return None


def _acled_row(incident: Incident, record: dict[str, Any], codes, result: ArticleResult, country_codes: dict) -> dict[str, Any]:
    place = incident.place.place  # type: ignore[union-attr]
    country = country_codes.get(_acled_country(place, record, country_codes))
    agents = [a for a in incident.actors if a not in incident.recipients]
    actors = (agents or [""]) + [a for a in incident.recipients if a not in agents]
    tags = [f"modality={incident.modality}"] + [f"{q['category']}={q['raw_text']}" for q in record["quantities"]]
    tags += [f"{name}={record[name]}" for name in ("fatalities", "injured") if record[name] is not None]
    acled = incident.acled or (codes.acled_disorder_type, codes.acled_event_type, codes.acled_sub_event_type)
    date_ = incident.date
    assert date_ is not None
    return {
        "event_id_cnty": f"{country.iso3 if country else 'XXX'}{record['event_id'][3:]}",
        "event_date": date_.start.isoformat(),
        "year": date_.start.year,
        "time_precision": acled_time_precision(date_),
        "disorder_type": acled[0],
        "event_type": acled[1],
        "sub_event_type": acled[2],
        "actor1": actors[0],
        "assoc_actor_1": "",
        "inter1": "",
        "actor2": actors[1] if len(actors) > 1 else "",
        "assoc_actor_2": "; ".join(actors[2:]),
        "inter2": "",
        "interaction": "",
        "civilian_targeting": "",
        "iso": country.numeric if country and country.numeric else "",
        "region": "",
        "country": country.name if country else "",
        "admin1": place.admin1 if not place.admin1.isdigit() else "",
        "admin2": "",
        "admin3": "",
        "location": place.name,
        "latitude": f"{place.lat:.4f}",
        "longitude": f"{place.lon:.4f}",
        # ACLED's way for an area: precision 3, the area's representative point
        "geo_precision": 3 if record["location_area"] else ACLED_GEO_PRECISION.get(incident.geo_level, 3),
        "source": result.article.url or Path(result.article.source_file).name,
        "source_scale": "",
        "notes": record["sentence"][:500],
        "fatalities": incident.fatalities or 0,
        "tags": "; ".join(tags),
        "timestamp": "",
        "geomap_date_end": record["date_end"],
        "geomap_date_precision": record["date_precision"],
        "geomap_modality": incident.modality,
        "geomap_event_class": incident.event_class,
        "geomap_geo_level": incident.geo_level,
        "geomap_place_relation": incident.place_relation,
        "geomap_quantities_json": json.dumps(record["quantities"], ensure_ascii=False, allow_nan=False),
        "geomap_plover_event": codes.plover_event,
        "geomap_plover_mode": codes.plover_mode,
        "geomap_cameo_code": codes.cameo_code,
        "geomap_confidence": incident.confidence,
        "geomap_distance_to_border_km": record["distance_to_border_km"],
        "geomap_border_side": record["border_side"],
        "geomap_border": record["border"],
        "geomap_border_text": record["border_text"],
        "geomap_sentence": record["sentence"],
        "geomap_source_file": incident.source_file,
    }


def _acled_country(place, record: dict[str, Any], country_codes: dict) -> str:
    """ISO2 of the incident's country.  A river's point and the whole-border area say nothing
    about the side: their country is left blank unless the border measurement is sure of it."""
    if place.feature_type == "river":
        return ""
    if place.country:
        return place.country
    if record["border_side"] and not record["side_uncertain"]:
        return next((c.iso2 for c in country_codes.values() if c.iso3 == record["border_side"]), "")
    return ""


def claim_features(results: Sequence[ArticleResult]) -> list[dict[str, Any]]:
    """Claims as GeoJSON features, placed on the place (or border midpoint) they are about."""
    features = []
    for result in results:
        for claim in result.claims:
            record = {k: v for k, v in to_plain(claim).items() if k not in ("lat", "lon")}
            geometry = _point(claim.lat, claim.lon) if claim.lat is not None and claim.lon is not None else None
            features.append({"type": "Feature", "geometry": geometry, "properties": record})
    return features


def csv_output(columns: list[str], rows: Sequence[dict[str, Any]], extrasaction: Literal["raise", "ignore"] = "raise") -> tuple[Writer, Checker]:
    """Writer and checker of a CSV with ``columns`` and one line per row."""

    def write(path: Path) -> None:
        with path.open("w", newline="", encoding="utf-8") as stream:
            writer = csv.DictWriter(stream, fieldnames=columns, extrasaction=extrasaction)
            writer.writeheader()
            writer.writerows(rows)

    return write, lambda path: check_csv(path, columns, len(rows))


def claim_rows(results: Sequence[ArticleResult]) -> list[dict[str, Any]]:
    """Every claim of the corpus as a ``claims.csv`` row."""
    return [to_plain(claim) for result in results for claim in result.claims]


def claims_output(results: Sequence[ArticleResult]) -> tuple[Writer, Checker]:
    """Writer and checker of ``claims.csv``."""
    return csv_output(CLAIM_COLUMNS, claim_rows(results), extrasaction="ignore")


def write_claims_csv(destination: Path, results: Sequence[ArticleResult]) -> None:
    """Write every claim with its verdict to a CSV."""
    write_checked(destination, *claims_output(results))


def acled_output(rows: Sequence[dict[str, Any]]) -> tuple[Writer, Checker]:
    """Writer and checker of the ACLED-compatible CSV."""
    return csv_output(ACLED_COLUMNS + GEOMAP_COLUMNS, rows)


def write_acled_csv(destination: Path, rows: Sequence[dict[str, Any]]) -> None:
    """Write the ACLED-compatible CSV (31 ACLED columns, then geomap's own ``geomap_*``).

    The file follows ACLED's layout; it is not ACLED data, and the coding is geomap's.
    """
    write_checked(destination, *acled_output(rows))
