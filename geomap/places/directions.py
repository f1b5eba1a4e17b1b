"""Parts of a country named by their direction: "northern Afghanistan", "the south of
Tajikistan", "Afghanistan's north-east".

``data/gazetteer/directional_regions.csv`` gives each part the first-level units it is
usually taken to cover and the point and radius ``scripts/build_directional_regions.py``
computes from them.  A country named with a direction is placed at that part: a finer place
of the incident still refines it, and the country's centroid, hundreds of kilometres away,
is not where the event happened.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

from geomap.config import DEFAULT_SETTINGS
from geomap.model import Place, Toponym

DIRECTIONAL_REGIONS_FILE = "gazetteer/directional_regions.csv"
DIRECTIONS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"})

_DIRECTION = r"(?:north|south)(?:[\s-]?(?:east|west))?|east|west"
# "southern Tajikistan", "north-eastern parts of Afghanistan", "in the south of Kyrgyzstan"
_DIRECTION_BEFORE = re.compile(
    rf"\b(?:(?P<adjective>{_DIRECTION})ern\s+(?:parts?\s+of\s+)?|the\s+(?P<noun>{_DIRECTION})\s+of\s+)$", re.I
)
# "Afghanistan's north", "Afghanistan's northern provinces" (not "its northern neighbour")
_DIRECTION_AFTER = re.compile(
    rf"['’]s\s+(?P<after>{_DIRECTION})(?:ern)?\b(?!\s+(?:neighbou?rs?|borders?|frontiers?|border\s+\w+))", re.I
)


@lru_cache(maxsize=4)
def directional_regions(path: Path | None = None) -> dict[tuple[str, str], Place]:
    """The parts of countries by ``(ISO2, direction)``.

    Raises
    ------
    ValueError
        On a row with an unknown direction or a point or radius that is no number.
    """
    path = path or DEFAULT_SETTINGS.path(DIRECTIONAL_REGIONS_FILE)
    parts: dict[tuple[str, str], Place] = {}
    with path.open(encoding="utf-8", newline="") as stream:
        for line, row in enumerate(csv.DictReader(stream), 2):
            direction = row["direction"]
            if direction not in DIRECTIONS or len(row["country"]) != 2:
                raise ValueError(f"{path}:{line}: unknown direction {direction!r} or country {row['country']!r}")
            try:
                lat, lon, radius = float(row["lat"]), float(row["lon"]), float(row["radius_km"])
            except ValueError:
                raise ValueError(f"{path}:{line}: lat, lon and radius_km must be numbers") from None
            parts[(row["country"], direction)] = Place(
                id=f"direction:{row['country'].lower()}:{direction}", name=row["name"], lat=lat, lon=lon,
                feature_type="region", country=row["country"], uncertainty_km=radius, source="curated",
                citation=row["source"],
            )
    return parts


def direction_of(text: str, toponym: Toponym) -> str:
    """The direction the text names a country's part by ("southern Tajikistan" → ``south``), or ""."""
    start, end = toponym.mention.start, toponym.mention.end
    window = text[max(0, start - 30) : start]
    lowered = window.lower()
    found = None
    if any(word in lowered for word in ("north", "south", "east", "west")):
        found = _DIRECTION_BEFORE.search(window)
    if found is None and text.startswith(("'s", "’s"), end):
        found = _DIRECTION_AFTER.match(text, end)
    if found is None:
        return ""
    words = next(group for group in found.groups() if group)
    return re.sub(r"[\s-]", "", words.lower())


def with_direction(text: str, toponym: Toponym) -> Toponym:
    """The country mention placed at the part of the country its direction names, when the
    table has that part; the mention unchanged otherwise."""
    if toponym.place.feature_type != "country" or toponym.adjectival:
        return toponym
    direction = direction_of(text, toponym)
    part = directional_regions().get((toponym.place.country, direction)) if direction else None
    if part is None:
        return toponym
    reason = f"{direction} of {toponym.place.name}: {part.name} ({part.citation})"
    return Toponym(mention=toponym.mention, place=part, confidence=toponym.confidence, reasons=[*toponym.reasons, reason])
