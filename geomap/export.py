"""Write results: JSON lines, RFC 7946 GeoJSON, GeoPackage, KML and ACLED-compatible CSV.

Every writer goes through :func:`atomic_path`: data are written to a temporary file in
the destination folder and moved into place, so a crash never leaves half a file.
GeoJSON keeps JSON-native properties (lists, objects); GeoPackage and KML get the same
features with lists joined by ``"; "`` and objects as JSON text.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import json
import os
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geomap.border import BorderIndex
from geomap.events.lexicon import Lexicon
from geomap.model import ArticleResult, Event, Toponym, to_plain

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
    "geomap_sentence", "geomap_source_file", "geomap_group_size",
]
ACLED_TIME_PRECISION = {"day": 1, "days": 2, "week": 2, "month": 3}
ACLED_GEO_PRECISION = {"site": 1, "settlement": 1, "near_named_place": 2, "adm2": 2, "adm1": 3, "subnational_region": 3}
CLAIM_COLUMNS = [
    "article_id", "kind", "text", "stated_value", "stated_unit", "stated_km", "computed_km", "difference_km",
    "tolerance_km", "verdict", "reason", "subject", "reference", "lat", "lon", "start", "end", "source_file", "sentence",
]


@contextlib.contextmanager
def atomic_path(destination: Path) -> Iterator[Path]:
    """Yield a temporary path next to ``destination``; move it into place on success."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=destination.parent, prefix=f".{destination.name}.", suffix=destination.suffix)
    os.close(handle)
    os.unlink(temporary)  # some writers (GDAL) refuse to overwrite an existing file
    try:
        yield Path(temporary)
        os.chmod(temporary, 0o644)
        os.replace(temporary, destination)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def write_text(destination: Path, text: str) -> None:
    """Write a text file atomically (UTF-8)."""
    with atomic_path(destination) as temporary:
        temporary.write_text(text, encoding="utf-8")


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
        "date": event.date.start.isoformat() if event.date else None,
        "date_end": event.date.end.isoformat() if event.date else None,
        "date_precision": event.date.precision if event.date else None,
        "date_basis": event.date.basis if event.date else None,
        "date_text": event.date.text if event.date else None,
        "actors": event.actors,
        "recipients": event.recipients,
        "place_name": place.name if place else None,
        "place_id": place.id if place else None,
        "place_relation": event.place_relation,
        "geo_level": event.geo_level,
        "uncertainty_km": place.uncertainty_km if place else None,
        "distance_to_border_km": event.border.distance_km if event.border else None,
        "border_side": event.border.side if event.border else None,
        "side_uncertain": event.border.side_uncertain if event.border else None,
        "border": event.border.border if event.border else None,
        "nearest_border_lat": event.border.nearest_lat if event.border else None,
        "nearest_border_lon": event.border.nearest_lon if event.border else None,
        "borders": [to_plain(b) for b in event.borders] if len(event.borders) > 1 else [],
        "quantities": [to_plain(q) for q in event.quantities],
        "trigger": event.trigger,
        "confidence": event.confidence,
        "group_id": event.group_id,
        "group_size": event.group_size,
        "acled_event_type": event.acled[1] if event.acled else codes.acled_event_type if codes else "",
        "acled_sub_event_type": event.acled[2] if event.acled else codes.acled_sub_event_type if codes else "",
        "cameo_code": codes.cameo_code if codes else "",
        "plover_event": codes.plover_event if codes else "",
        "plover_mode": codes.plover_mode if codes else "",
        "color": codes.color if codes else "#555555",
        "glyph": codes.glyph if codes else "?",
        "source_file": event.source_file,
        "article_id": event.article_id,
        "sentence": event.sentence,
        "sentence_start": event.sentence_start,
        "sentence_end": event.sentence_end,
    }
    return record


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
        "claims": [to_plain(c) for c in result.claims],
    }


def _point(lat: float, lon: float) -> dict[str, Any]:
    return {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]}


def feature_collection(features: list[dict[str, Any]], name: str) -> dict[str, Any]:
    """An RFC 7946 FeatureCollection (no ``crs`` member; WGS84 lon/lat)."""
    return {"type": "FeatureCollection", "name": name, "features": features}


def event_features(results: list[ArticleResult], lexicon: Lexicon, groups: list | None = None) -> list[dict[str, Any]]:
    """One GeoJSON feature per event report; events without a place get ``geometry: null``.

    With ``groups`` (from :func:`geomap.events.merge.link_reports`) every feature also
    lists the sources of all reports of its event (``group_sources``) and why they were
    linked (``group_reasons``).
    """
    by_group = {group.id: group for group in groups or ()}
    features = []
    for result in results:
        for event in result.events:
            place = event.place.place if event.place else None
            properties = event_record(event, lexicon)
            group = by_group.get(event.group_id)
            if group is not None:
                properties["group_sources"] = group.sources
                properties["group_reasons"] = group.reasons
            features.append(
                {
                    "type": "Feature",
                    "id": event_id(event),
                    "geometry": _point(place.lat, place.lon) if place else None,
                    "properties": properties,
                }
            )
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


def summarise_places(results: list[ArticleResult]) -> list[PlaceSummary]:
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
    per_pair = {pair: borders.measure(lats, lons, pair) for pair in pairs}
    nearest = borders.nearest_many(lats, lons)  # the nearest border of all, as for events
    features = []
    for i, summary in enumerate(summaries):
        pair = min(pairs, key=lambda p: per_pair[p]["distance_km"][i])
        requested = per_pair[pair]
        if nearest[i].distance_km < float(requested["distance_km"][i]):
            best = nearest[i]
            distance, side, uncertain, pair = best.distance_km, best.side, best.side_uncertain, best.border
        else:
            distance, side, uncertain = float(requested["distance_km"][i]), str(requested["side"][i]), bool(requested["side_uncertain"][i])
        place = summary.toponym.place
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
                    "distance_to_border_km": round(distance, 3),
                    "border_side": side,
                    "side_uncertain": uncertain,
                    "border": pair,
                    "distances_km": {p: round(float(per_pair[p]["distance_km"][i]), 3) for p in pairs} if len(pairs) > 1 else {},
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


def write_geojson(destination: Path, features: list[dict[str, Any]], name: str) -> None:
    """Write a FeatureCollection atomically."""
    write_text(destination, json.dumps(feature_collection(features, name), ensure_ascii=False))


def write_jsonl(destination: Path, records: list[dict[str, Any]]) -> None:
    """Write one JSON object per line atomically."""
    write_text(destination, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))


def _flat(value: Any) -> Any:
    if isinstance(value, list):
        if all(isinstance(v, (str, int, float)) for v in value):
            return "; ".join(str(v) for v in value)
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def _frame(features: list[dict[str, Any]]):
    """A GeoDataFrame of features with flattened properties (rows without geometry kept)."""
    import geopandas as gpd
    from shapely.geometry import shape

    rows = [{k: _flat(v) for k, v in f["properties"].items()} for f in features]
    geometries = [shape(f["geometry"]) if f["geometry"] else None for f in features]
    return gpd.GeoDataFrame(rows, geometry=geometries, crs="EPSG:4326")


def write_gpkg(destination: Path, layers: dict[str, list[dict[str, Any]]]) -> None:
    """Write a GeoPackage with one layer per entry of ``layers`` (empty layers skipped)."""
    with atomic_path(destination) as temporary:
        for name, features in layers.items():
            if features:
                _frame(features).to_file(temporary, layer=name, driver="GPKG", engine="pyogrio")


def write_kml(destination: Path, features: list[dict[str, Any]]) -> None:
    """Write located features as KML (GDAL's KML driver; Google Earth reads it)."""
    located = [f for f in features if f["geometry"]]
    if not located:
        return
    frame = _frame(located)
    frame = frame.rename(columns={"event_label": "Name", "sentence": "Description"}) if "event_label" in frame else frame
    with atomic_path(destination) as temporary:
        frame.to_file(temporary, driver="KML", engine="pyogrio")


def acled_rows(groups: list, results: list[ArticleResult], lexicon: Lexicon, country_codes: dict) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """ACLED-layout rows, one per real event (linked reports merged); the rest counted by reason.

    ACLED codes no country-level-only events and no statements; a year-precision date
    has no ACLED time precision.  Such events stay in the GeoJSON and JSONL outputs.
    The ``source`` column lists every report of the event.
    """
    rows: list[dict[str, Any]] = []
    left_out: dict[str, int] = defaultdict(int)
    article_by_source = {r.article.source_file: r for r in results}
    for group in groups:
        event = group.representative
        result = article_by_source[event.source_file]
        if len(group.events) > 1:
            left_out["merged into another report of the same event"] += len(group.events) - 1
        codes = lexicon.classes.get(event.event_class)
        reason = None
        if codes is None or not codes.acled_event_type:
            reason = "class not coded by ACLED (statements, meetings)"
        elif event.place is None or event.geo_level == "country":
            reason = "no sub-national location"
        elif event.date is None or event.date.precision not in ACLED_TIME_PRECISION:
            reason = "no date at ACLED precision (day, week or month)"
        if reason:
            left_out[reason] += 1
            continue
        row = _acled_row(event, codes, result, lexicon, country_codes)
        sources = [article_by_source[e.source_file].article for e in group.events]
        row["source"] = "; ".join(dict.fromkeys(a.url or Path(a.source_file).name for a in sources))
        row["geomap_group_size"] = len(group.events)
        rows.append(row)
    return rows, dict(left_out)


def _acled_row(event: Event, codes, result: ArticleResult, lexicon: Lexicon, country_codes: dict) -> dict[str, Any]:
    place = event.place.place  # type: ignore[union-attr]
    # A river's point and the whole-border area say nothing about the side: their country
    # is left blank unless the border measurement is sure of the side.
    country_iso2 = "" if place.feature_type == "river" else place.country or ""
    if not country_iso2 and place.feature_type != "river" and event.border and event.border.side and not event.border.side_uncertain:
        country_iso2 = next((c.iso2 for c in country_codes.values() if c.iso3 == event.border.side), "")
    country = country_codes.get(country_iso2)
    agents = [a for a in event.actors if a not in event.recipients]
    actors = (agents or [""]) + [a for a in event.recipients if a not in agents]
    fatalities = [q for q in event.quantities if q.category == "fatalities"]
    record = event_record(event, lexicon)
    tags = [f"modality={event.modality}"] + [f"{q.category}={q.raw_text}" for q in event.quantities]
    row = {
        "event_id_cnty": f"{country.iso3 if country else 'XXX'}{event_id(event)[3:]}",
        "event_date": event.date.start.isoformat(),  # type: ignore[union-attr]
        "year": event.date.start.year,  # type: ignore[union-attr]
        "time_precision": ACLED_TIME_PRECISION[event.date.precision],  # type: ignore[union-attr]
        "disorder_type": event.acled[0] if event.acled else codes.acled_disorder_type,
        "event_type": event.acled[1] if event.acled else codes.acled_event_type,
        "sub_event_type": event.acled[2] if event.acled else codes.acled_sub_event_type,
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
        "geo_precision": ACLED_GEO_PRECISION.get(event.geo_level, 3),
        "source": result.article.url or Path(result.article.source_file).name,
        "source_scale": "",
        "notes": event.sentence[:500],
        "fatalities": min((q.low or q.best) for q in fatalities) if fatalities else 0,
        "tags": "; ".join(tags),
        "timestamp": "",
        "geomap_date_end": record["date_end"],
        "geomap_date_precision": record["date_precision"],
        "geomap_modality": event.modality,
        "geomap_event_class": event.event_class,
        "geomap_geo_level": event.geo_level,
        "geomap_place_relation": event.place_relation,
        "geomap_quantities_json": json.dumps(record["quantities"], ensure_ascii=False),
        "geomap_plover_event": codes.plover_event,
        "geomap_plover_mode": codes.plover_mode,
        "geomap_cameo_code": codes.cameo_code,
        "geomap_confidence": event.confidence,
        "geomap_distance_to_border_km": record["distance_to_border_km"],
        "geomap_border_side": record["border_side"],
        "geomap_sentence": event.sentence,
        "geomap_source_file": event.source_file,
    }
    return row


def claim_features(results: list[ArticleResult]) -> list[dict[str, Any]]:
    """Claims as GeoJSON features, placed on the place (or border midpoint) they are about."""
    features = []
    for result in results:
        for claim in result.claims:
            record = {k: v for k, v in to_plain(claim).items() if k not in ("lat", "lon")}
            geometry = _point(claim.lat, claim.lon) if claim.lat is not None and claim.lon is not None else None
            features.append({"type": "Feature", "geometry": geometry, "properties": record})
    return features


def write_claims_csv(destination: Path, results: list[ArticleResult]) -> None:
    """Write every claim with its verdict to a CSV."""
    with atomic_path(destination) as temporary:
        with temporary.open("w", newline="", encoding="utf-8") as stream:
            writer = csv.DictWriter(stream, fieldnames=CLAIM_COLUMNS, extrasaction="ignore")
            writer.writeheader()
            for result in results:
                for claim in result.claims:
                    writer.writerow(to_plain(claim))


def write_acled_csv(destination: Path, rows: list[dict[str, Any]]) -> None:
    """Write the ACLED-compatible CSV (31 ACLED columns, then geomap's own ``geomap_*``).

    The file follows ACLED's layout; it is not ACLED data, and the coding is geomap's.
    """
    with atomic_path(destination) as temporary:
        with temporary.open("w", newline="", encoding="utf-8") as stream:
            writer = csv.DictWriter(stream, fieldnames=ACLED_COLUMNS + GEOMAP_COLUMNS)
            writer.writeheader()
            writer.writerows(rows)
