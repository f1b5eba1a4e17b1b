"""Rivers as lines: a river mention is placed on the stretch the article is about.

A river is a line hundreds of kilometres long; one point for it ("the Panj" at one bend)
is wrong by up to half its length.  When the gazetteer has a river's course
(``data/gazetteer/river_lines.csv``), the mention is placed at the point of the course
nearest the article's place that is closest to it in the text among those lying near
the river ("the Panj near Khorog", "crossed the Amu Darya … in Ishkashim district").
The uncertainty radius then covers the distance between that place and the river and
the place's own radius.  With no such place the river keeps its representative point
and a radius that covers its whole course, so the answer stays honest.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np

from geomap.gazetteer.index import Gazetteer
from geomap.model import Place, Toponym

#: A place farther than this from the river's course says nothing about the stretch meant.
CONTEXT_MAX_KM = 100.0
#: The smallest radius of a stretch: a mention of a river near a town still spans a reach.
STRETCH_MIN_KM = 15.0
#: Places broader than this are no anchor for a stretch (a province spans the whole river).
ANCHOR_MAX_RADIUS_KM = 60.0
KM_PER_DEGREE = 111.195
_NOT_ANCHORS = frozenset({"country", "admin1", "continent", "region", "river", "sea", "ocean", "mountain_range", "desert"})


def nearest_on_line(line: np.ndarray, lat: float, lon: float) -> tuple[float, float, float]:
    """The point of a polyline nearest to ``(lat, lon)`` and its distance in km.

    Parameters
    ----------
    line : numpy.ndarray
        ``(n, 2)`` array of ``(lat, lon)`` vertices, ``n >= 2``.
    lat, lon : float
        The point.

    Returns
    -------
    tuple of float
        ``(lat, lon, km)``; planar in a local equirectangular projection around the
        point, which is accurate to well under a kilometre at the 100 km scale used here.
    """
    scale = math.cos(math.radians(lat))
    x = (line[:, 1] - lon) * scale
    y = line[:, 0] - lat
    ax, ay, bx, by = x[:-1], y[:-1], x[1:], y[1:]
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    # where along each segment the point projects (0 = its start, 1 = its end)
    t = np.clip(np.where(length2 > 0, -(ax * dx + ay * dy) / np.where(length2 > 0, length2, 1.0), 0.0), 0.0, 1.0)
    px, py = ax + t * dx, ay + t * dy
    distance2 = px * px + py * py
    best = int(np.argmin(distance2))
    return lat + float(py[best]), lon + float(px[best]) / scale, math.sqrt(float(distance2[best])) * KM_PER_DEGREE


def _near_enough(line: np.ndarray, lat: float, lon: float) -> tuple[float, float, float]:
    """:func:`nearest_on_line`, skipped (infinite distance) for a point outside the line's
    box widened by :data:`CONTEXT_MAX_KM`: most places of an article are far from a river."""
    margin = CONTEXT_MAX_KM / KM_PER_DEGREE
    lat_min, lon_min = line.min(axis=0)
    lat_max, lon_max = line.max(axis=0)
    widen = margin / max(0.2, math.cos(math.radians(lat)))
    if not (lat_min - margin <= lat <= lat_max + margin and lon_min - widen <= lon <= lon_max + widen):
        return lat, lon, math.inf
    return nearest_on_line(line, lat, lon)


def place_on_stretches(toponyms: list[Toponym], rivers: list[tuple[int, int]], gazetteer: Gazetteer) -> list[Toponym]:
    """Replace each river toponym whose course is known by the stretch its context names.

    Parameters
    ----------
    toponyms : list of Toponym
        Resolved toponyms of one article, in text order.
    rivers : list of (int, int)
        Position in ``toponyms`` and gazetteer index of each toponym resolved to a river
        with a course in :attr:`Gazetteer.lines`.
    gazetteer : Gazetteer
        Holds the river courses.

    Returns
    -------
    list of Toponym
        The same toponyms; rivers with an anchor carry a new :class:`Place` (id
        ``"<river id>@<lat>,<lon>"``) at the stretch, with a radius that covers it.
    """
    if not rivers:
        return toponyms
    anchors = [t for t in toponyms if not t.adjectival and t.place.feature_type not in _NOT_ANCHORS and t.place.uncertainty_km <= ANCHOR_MAX_RADIUS_KM]
    if not anchors:
        return toponyms
    # the same river and place recur across articles: project each pair once
    memo = gazetteer.memo("river stretches")
    if len(memo) > 100_000:
        memo.clear()
    out = list(toponyms)
    for position, index in rivers:
        stretch = _stretch(toponyms[position], index, gazetteer.lines[index], anchors, memo)
        if stretch is not None:
            out[position] = stretch
    return out


def _stretch(toponym: Toponym, index: int, line: np.ndarray, anchors: list[Toponym], memo: dict) -> Toponym | None:
    """The river toponym moved to the stretch nearest its closest anchor in the text, or None."""
    best = None
    for anchor in anchors:
        key = (index, anchor.place.lat, anchor.place.lon)
        found = memo.get(key)
        if found is None:
            found = memo[key] = _near_enough(line, anchor.place.lat, anchor.place.lon)
        lat, lon, km = found
        if km > CONTEXT_MAX_KM:
            continue
        gap = abs(anchor.mention.start - toponym.mention.start)
        if best is None or gap < best[0]:
            best = (gap, anchor.place, lat, lon, km)
    if best is None:
        return None
    _, near, lat, lon, km = best
    radius = round(min(toponym.place.uncertainty_km, max(STRETCH_MIN_KM, 10.0 + 1.5 * km + near.uncertainty_km)), 1)
    place: Place = replace(
        toponym.place,
        id=f"{toponym.place.id}@{lat:.2f},{lon:.2f}",
        lat=round(lat, 5),
        lon=round(lon, 5),
        uncertainty_km=radius,
        citation=f"{toponym.place.citation}; stretch nearest {near.name} ({km:.0f} km from the river)",
    )
    reason = f"placed on the stretch of the river nearest {near.name} ({km:.0f} km away), named nearest in the text"
    return replace(toponym, place=place, reasons=[*toponym.reasons, reason])
