"""Rebuild ``data/gazetteer/river_lines.csv``: the courses of the border region's rivers as
lines, so that a river mention can be placed on the stretch an article is about.

Sources:

* The **Panj** and the upper **Amu Darya** *are* the Tajik–Afghan and Uzbek–Afghan
  borders: their course is cut from ``data/boundaries/borders.geojson`` (OpenStreetMap,
  ODbL, built by ``scripts/build_boundaries.py``), between the points named in
  ``CUTS`` (Qala-e Panja, where the Pamir and Wakhan rivers join; the Vakhsh mouth; the
  Uzbek–Afghan–Turkmen tripoint).
* The rest are waypoint lists compiled for geomap from the towns on their banks
  (GeoNames coordinates of those towns, rounded to 0.01°) and Wikipedia's descriptions
  of the courses; they are coarse (a few km to ~20 km off the water) and the resolver's
  uncertainty radius says so.

Every line is simplified to about 500 m.  Run: ``python scripts/build_river_lines.py``.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import shapely
from shapely.geometry import LineString, Point

ROOT = Path(__file__).resolve().parents[1]
BORDERS = ROOT / "data" / "boundaries" / "borders.geojson"
OUTPUT = ROOT / "data" / "gazetteer" / "river_lines.csv"
TOLERANCE_DEG = 0.005
BORDER_SOURCE = "course = OpenStreetMap border line (ODbL, data/boundaries/borders.geojson) between {cuts}"
WAYPOINT_SOURCE = "course = waypoints compiled for geomap from towns on its banks (GeoNames) and Wikipedia; coarse"

# (lat, lon) of the places where a border stops following a river
QALA_E_PANJA = (37.0, 72.6)  # Pamir + Wakhan rivers → Panj
VAKHSH_MOUTH = (37.1, 68.32)  # Panj + Vakhsh → Amu Darya
TRIPOINT_UZ_TM_AF = (37.36, 66.54)

# rivers given by hand: id → (name, [(lat, lon), …] from source to mouth)
WAYPOINTS: dict[str, tuple[str, list[tuple[float, float]]]] = {
    "amu-darya-lower": ("Amu Darya (below Termez)", [
        (37.36, 66.54), (37.83, 65.21), (38.5, 64.6), (39.08, 63.58), (39.75, 62.9), (40.46, 62.28),
        (41.0, 61.5), (41.55, 60.63), (42.0, 60.0), (42.46, 59.61), (43.2, 59.2), (43.77, 59.02),
    ]),
    "vakhsh": ("Vakhsh", [
        (39.3, 71.5), (39.05, 70.85), (38.85, 70.3), (38.55, 69.9), (38.38, 69.33), (38.2, 69.2),
        (37.83, 68.78), (37.55, 68.6), (37.25, 68.45), (37.1, 68.32),
    ]),
    "kofarnihon": ("Kofarnihon", [
        (38.9, 69.2), (38.55, 69.02), (38.45, 68.75), (38.25, 68.65), (37.95, 68.6), (37.6, 68.4),
        (37.3, 68.1), (37.02, 68.02),
    ]),
    "kokcha": ("Kokcha", [
        (36.0, 70.8), (36.45, 70.9), (36.75, 70.75), (37.12, 70.58), (37.35, 69.95), (37.16, 69.4),
    ]),
    "kunduz": ("Kunduz", [
        (34.8, 67.9), (35.3, 68.4), (35.95, 68.7), (36.3, 68.8), (36.73, 68.86), (37.0, 68.75), (37.15, 68.55),
    ]),
    "pamir": ("Pamir River", [(37.43, 73.57), (37.3, 73.3), (37.15, 72.95), (37.0, 72.6)]),
    "gunt": ("Gunt", [(37.75, 73.5), (37.6, 72.9), (37.45, 72.3), (37.49, 71.55)]),
    "bartang": ("Bartang", [(38.25, 72.75), (38.3, 72.3), (38.15, 71.85), (37.95, 71.55)]),
    "syr-darya": ("Syr Darya", [
        (40.9, 71.75), (40.75, 71.0), (40.28, 69.62), (40.48, 68.78), (41.0, 68.5), (42.3, 68.3),
        (43.3, 67.5), (44.85, 65.5), (45.8, 62.1), (46.1, 61.0),
    ]),
    "zeravshan": ("Zeravshan", [
        (39.55, 70.6), (39.4, 69.5), (39.42, 68.55), (39.5, 67.6), (39.65, 66.97), (39.9, 66.0), (39.75, 64.4),
    ]),
    "surkhandarya": ("Surkhandarya", [(38.55, 67.7), (38.27, 67.9), (37.95, 67.57), (37.5, 67.5), (37.24, 67.45)]),
    "kabul": ("Kabul River", [(34.45, 68.4), (34.52, 69.2), (34.55, 69.8), (34.43, 70.45), (34.2, 71.2), (33.92, 72.23)]),
    "harirud": ("Harirud", [(34.5, 65.5), (34.4, 64.0), (34.35, 62.2), (34.8, 61.3), (35.6, 61.2), (36.6, 61.15)]),
    "murghab": ("Murghab", [(35.0, 64.5), (35.6, 63.3), (35.95, 62.95), (36.9, 62.6), (37.6, 61.8)]),
}
# geomap ids (regional.csv / features.csv) → line ids making up that river's course
RIVERS = {
    "geomap:panj-river": ["panj"],
    # the Panj is the Amu Darya's upper course, and news calls it so ("the Amu Darya at Ishkashim")
    "geomap:amu-darya": ["panj", "amu-darya-border", "amu-darya-lower"],
    "geomap:vakhsh-river": ["vakhsh"],
    "features:kofarnihon-river": ["kofarnihon"],
    "geomap:kokcha-river": ["kokcha"],
    "geomap:kunduz-river": ["kunduz"],
    "geomap:pamir-river": ["pamir"],
    "features:gunt-river": ["gunt"],
    "features:bartang-river": ["bartang"],
    "features:syr-darya": ["syr-darya"],
    "features:zeravshan-river": ["zeravshan"],
    "features:surkhandarya-river": ["surkhandarya"],
    "features:kabul-river": ["kabul"],
    "features:harirud": ["harirud"],
    "features:murghab-river": ["murghab"],
}


def border_line(pair: str) -> LineString:
    """The OpenStreetMap line of a border pair, as (lon, lat)."""
    data = json.loads(BORDERS.read_text(encoding="utf-8"))
    for feature in data["features"]:
        props = feature["properties"]
        if props["pair"] == pair and props["source"] == "osm":
            return shapely.geometry.shape(feature["geometry"])
    raise KeyError(pair)


def cut(line: LineString, start: tuple[float, float], end: tuple[float, float]) -> LineString:
    """The part of ``line`` between the points nearest ``start`` and ``end`` (lat, lon), in that order."""
    a = line.project(Point(start[1], start[0]))
    b = line.project(Point(end[1], end[0]))
    part = shapely.ops.substring(line, min(a, b), max(a, b))
    return part if a <= b else LineString(list(part.coords)[::-1])


def border_rivers() -> dict[str, LineString]:
    tj_af = border_line("TJK-AFG")
    uz_af = border_line("UZB-AFG")
    tripoint_tj = (37.18, 67.78)  # where the Tajik–Afghan border meets Uzbekistan, on the river
    upper = cut(tj_af, VAKHSH_MOUTH, tripoint_tj)
    lower = cut(uz_af, tripoint_tj, TRIPOINT_UZ_TM_AF)
    return {
        "panj": cut(tj_af, QALA_E_PANJA, VAKHSH_MOUTH),
        "amu-darya-border": LineString(list(upper.coords) + list(lower.coords)[1:]),
    }


def main() -> int:
    import shapely.ops  # noqa: F401  (substring)

    lines = {key: (line, BORDER_SOURCE.format(cuts="Qala-e Panja, the Vakhsh mouth and the Uzbek tripoint"))
             for key, line in border_rivers().items()}
    for key, (_, points) in WAYPOINTS.items():
        lines[key] = (LineString([(lon, lat) for lat, lon in points]), WAYPOINT_SOURCE)
    with OUTPUT.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(["place_id", "part", "source", "points"])
        for place_id, parts in RIVERS.items():
            for order, key in enumerate(parts):
                line, source = lines[key]
                simple = line.simplify(TOLERANCE_DEG)
                points = ";".join(f"{lat:.4f} {lon:.4f}" for lon, lat in simple.coords)
                writer.writerow([place_id, order, source, points])
    print(f"wrote {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
