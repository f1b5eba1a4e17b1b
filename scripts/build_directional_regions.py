"""Rebuild the points and radii of ``data/gazetteer/directional_regions.csv``.

"Northern Afghanistan", "southern Tajikistan": news names a part of a country by its
direction.  Each row of the table lists the first-level units (``regional.csv`` ids) that
the part is usually taken to cover, with the convention behind the choice in ``source``;
this script computes the part's point, the mean of the units' interior points, and a radius
that reaches every unit's point and is no smaller than any unit's own radius::

    python scripts/build_directional_regions.py

Only the ``lat``, ``lon`` and ``radius_km`` columns are rewritten.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "gazetteer"
TABLE = DATA / "directional_regions.csv"
FIELDS = ["country", "direction", "name", "admin1_ids", "lat", "lon", "radius_km", "source"]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def part_of(units: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    """The point (mean of the units' points, 0.01°) and radius (5 km steps) of a part."""
    lat = round(sum(u[0] for u in units) / len(units), 2)
    lon = round(sum(u[1] for u in units) / len(units), 2)
    reach = max(max(haversine_km(lat, lon, u[0], u[1]), u[2]) for u in units)
    return lat, lon, float(math.ceil(reach / 5) * 5)


def main() -> None:
    with (DATA / "regional.csv").open(encoding="utf-8", newline="") as stream:
        admin1 = {
            row["id"]: (float(row["lat"]), float(row["lon"]), float(row["uncertainty_km"]))
            for row in csv.DictReader(stream) if row["feature_type"] == "admin1"
        }
    with TABLE.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    for row in rows:
        lat, lon, radius = part_of([admin1[i] for i in row["admin1_ids"].split("|")])
        row.update(lat=f"{lat:g}", lon=f"{lon:g}", radius_km=f"{radius:g}")
    with TABLE.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


if __name__ == "__main__":
    main()
