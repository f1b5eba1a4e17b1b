"""Gazetteer tables beyond the curated regional list: physical features and the world's regions.

Three derived tables in ``data/gazetteer/`` (their sources and licences are in that
folder's README):

* ``features.csv`` — seas, oceans, macro-regions, major rivers, lakes, mountain ranges,
  deserts, and the border region's passes, peaks, glaciers, valleys and villages missing
  from GeoNames cities500; hand-compiled, every row with its source (``source="features"``).
* ``world_admin.csv`` — continents, the first-level regions of every country and US
  counties, derived from GeoNames by ``scripts/build_world_gazetteer.py``
  (``source="world"``).
* ``river_lines.csv`` — the courses of the region's rivers as lines, built by
  ``scripts/build_river_lines.py``; the resolver places a river mention on the stretch
  the article is about.

The reader here accepts more kinds of place than the curated/user CSV reader (sea, ocean,
continent, pass, peak, glacier, desert): these tables are built by geomap, not typed by
users, so their rows are checked for numbers and ranges only.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

from geomap.gazetteer.sources import GazetteerEntry
from geomap.model import Place

FEATURES_FILE = "gazetteer/features.csv"
WORLD_FILE = "gazetteer/world_admin.csv"
RIVER_LINES_FILE = "gazetteer/river_lines.csv"
REGION_DEMONYMS_FILE = "gazetteer/demonyms_regions.csv"  # "European" → Europe (columns of the demonym lexicon)

#: Sources whose names are matched only after normalisation, never transliteration
#: folding (thousands of names worldwide: folding would make false friends), and which
#: are not analysts' choices (context rules treat them like GeoNames places).
GENERIC_SOURCES = frozenset({"geonames", "world"})
#: Kinds of place that are areas or long features, not settlements: "the X" names one.
AREA_FEATURES = frozenset({
    "river", "lake", "sea", "ocean", "valley", "mountain_range", "desert", "region", "glacier", "continent",
})
#: Kinds of world-table place that are as well known as a big city ("Texas", "Europe").
MAJOR_AREAS = frozenset({"admin1", "continent"})


def read_table(path: Path, source: str, problems: list[str]) -> list[GazetteerEntry]:
    """Read a derived gazetteer table (the columns of ``regional.csv``).

    Parameters
    ----------
    path : Path
        The CSV file; an absent file yields nothing and a note in ``problems``.
    source : str
        Label stored on every place (``"features"`` or ``"world"``).
    problems : list of str
        Receives one message per skipped row, naming file and line.

    Returns
    -------
    list of GazetteerEntry
        One entry per valid row, primary name first.
    """
    if not path.exists():
        problems.append(f"{path}: missing; its places are not used")
        return []
    entries = []
    with path.open(newline="", encoding="utf-8") as stream:
        reader = csv.DictReader(stream)
        for row in reader:
            try:
                entries.append(_entry(row, source))
            except (KeyError, ValueError) as exc:
                problems.append(f"{path}:{reader.line_num}: {exc}; row skipped")
    return entries


def _entry(row: dict[str, str], source: str) -> GazetteerEntry:
    lat, lon = float(row["lat"]), float(row["lon"])
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or not row["name"]:
        raise ValueError(f"bad name or position {row['name']!r} {lat}/{lon}")
    place = Place(
        id=row["id"],
        name=row["name"],
        lat=lat,
        lon=lon,
        feature_type=row["feature_type"] or "site",
        country=(row.get("country") or "").upper(),
        uncertainty_km=float(row.get("uncertainty_km") or 5.0),
        source=source,
        population=int(float(row.get("population") or 0)),
        admin1=row.get("admin1") or "",
        citation=row.get("source") or "",
    )
    aliases = [a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()]
    return GazetteerEntry(place, [place.name, *aliases])


def read_river_lines(path: Path, index_by_id: dict[str, int], problems: list[str]) -> dict[int, np.ndarray]:
    """River courses as ``place index → (n, 2) array of (lat, lon)``, parts joined in order.

    Parameters
    ----------
    path : Path
        ``river_lines.csv`` (columns ``place_id, part, source, points``; points are
        ``"lat lon;lat lon;…"`` from source to mouth).
    index_by_id : dict
        Place id → index in the compiled place table.
    problems : list of str
        Receives a message for a line whose place is not in the gazetteer.
    """
    if not path.exists():
        return {}
    parts: dict[int, list[tuple[int, np.ndarray]]] = {}
    with path.open(newline="", encoding="utf-8") as stream:
        for row in csv.DictReader(stream):
            index = index_by_id.get(row["place_id"])
            if index is None:
                problems.append(f"{path}: river line for unknown place {row['place_id']!r}")
                continue
            points = np.array([[float(v) for v in p.split()] for p in row["points"].split(";")], dtype=np.float64)
            parts.setdefault(index, []).append((int(row["part"]), points))
    return {index: np.vstack([p for _, p in sorted(found, key=lambda item: item[0])]) for index, found in parts.items()}
