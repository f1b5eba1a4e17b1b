"""Coordinates written in the text, as places of their own.

Notations: degrees-minutes-seconds (``37°11′30″N 68°35′E``, ``37 11 30 N, 68 35 E``),
decimal degrees with hemispheres (``37.19N 68.58E``, ``37.19° N, 68.58° E``), signed
decimal pairs introduced by "coordinates"/"lat"/"at" (``coordinates 37.1917, 68.5833``),
and MGRS grid references (``42SVG6272316032``).  The uncertainty radius follows the
precision of the notation: half the size of the last written unit (a whole minute of
latitude is ~1.85 km, so ``37°11′N`` is ±0.9 km; ``37.19`` is ±0.56 km; a 10-digit
MGRS reference is ±1 m).
"""

from __future__ import annotations

import re

from geomap.model import Mention, Place, Toponym

KM_PER_DEGREE = 111.32
_DEG = r"(?:°|º|˚|\s*deg(?:rees)?\.?|\s)"
_MIN = r"(?:′|'|’|\s*min\.?|\s)"
_SEC = r"(?:″|\"|”|''|\s*sec\.?)"
_DMS = (
    rf"(?P<Pd>\d{{1,3}}){_DEG}\s*(?:(?P<Pm>\d{{1,2}}(?:\.\d+)?){_MIN}\s*(?:(?P<Ps>\d{{1,2}}(?:\.\d+)?){_SEC}\s*)?)?"
    r"(?P<Ph>[NSEW])\b"
)
DMS_PAIR = re.compile(_DMS.replace("?P<P", "?P<a") + r"[\s,;/]*" + _DMS.replace("?P<P", "?P<b"))
DECIMAL_HEMISPHERE = re.compile(
    r"(?P<a>\d{1,3}\.\d+)\s*°?\s*(?P<ah>[NSEW])\b[\s,;/]*(?P<b>\d{1,3}\.\d+)\s*°?\s*(?P<bh>[NSEW])\b"
)
DECIMAL_PAIR = re.compile(
    r"\b(?:coordinates?|co-ordinates?|lat(?:itude)?(?:/lon(?:gitude)?)?|located at|GPS)\s*:?\s*\(?"
    r"(?P<a>[-+]?\d{1,2}\.\d{2,})\s*[,;/ ]\s*(?P<b>[-+]?\d{1,3}\.\d{2,})\)?",
    re.IGNORECASE,
)
MGRS_REFERENCE = re.compile(r"\b(?P<ref>\d{1,2}[C-HJ-NP-X]\s?[A-HJ-NP-Z]{2}\s?(?:\d{2}\s?\d{2}|\d{4}\s?\d{4}|\d{6}\s?\d{6}|\d{8}\s?\d{8}|\d{10}|\d{6}|\d{8}|\d{12}|\d{16}))\b")


def _decimal_uncertainty_km(text: str) -> float:
    decimals = len(text.split(".")[1]) if "." in text else 0
    return max(0.001, KM_PER_DEGREE * 10**-decimals / 2)


def _dms_value(match: re.Match[str], prefix: str) -> tuple[float, str, float]:
    degrees = float(match[f"{prefix}d"])
    minutes = float(match[f"{prefix}m"] or 0)
    seconds = float(match[f"{prefix}s"] or 0)
    value = degrees + minutes / 60 + seconds / 3600
    if match[f"{prefix}s"]:
        uncertainty = KM_PER_DEGREE / 3600 / 2
    elif match[f"{prefix}m"]:
        uncertainty = KM_PER_DEGREE / 60 / 2
    else:
        uncertainty = KM_PER_DEGREE / 2
    return value, match[f"{prefix}h"].upper(), uncertainty


def _oriented(first: tuple[float, str], second: tuple[float, str]) -> tuple[float, float] | None:
    """(lat, lon) from two hemisphere-tagged values, in either order; None if inconsistent."""
    (a, ah), (b, bh) = first, second
    if ah in "NS" and bh in "EW":
        lat, lon = (a if ah == "N" else -a), (b if bh == "E" else -b)
    elif ah in "EW" and bh in "NS":
        lat, lon = (b if bh == "N" else -b), (a if ah == "E" else -a)
    else:
        return None
    return (lat, lon) if -90 <= lat <= 90 and -180 <= lon <= 180 else None


# What every notation above must contain somewhere: a decimal with two places, the
# start of an MGRS reference, or a hemisphere letter followed by the second number of
# a pair.  One scan for it spares most articles the four full patterns.
_ANY_NOTATION = re.compile(r"\d(?:\.\d\d|[C-HJ-NP-X]\s?[A-HJ-NP-Z]{2})|[NSEW]\b[\s,;/]*\d")
# _notations asks the same in parts, the decimal in two steps (a pattern that starts with
# a literal "." is scanned for in C at a fraction of the cost of one that starts with a
# digit), and says which part was found: each full pattern contains one of them.
_DECIMAL_PLACES = re.compile(r"\.\d\d")
_DECIMAL = re.compile(r"\d\.\d\d")  # in DECIMAL_PAIR
_GRID = re.compile(r"\d[C-HJ-NP-X]\s?[A-HJ-NP-Z]{2}")  # in MGRS_REFERENCE
_HEMISPHERE_PAIR = re.compile(r"[NSEW]\b[\s,;/]*\d")  # in DMS_PAIR and DECIMAL_HEMISPHERE


def _notations(text: str, start: int) -> tuple[bool, bool, bool]:
    """Which parts of ``_ANY_NOTATION`` ``text[start:]`` holds: (a hemisphere letter before
    a number, a decimal with two places, the start of a grid reference)."""
    decimal = bool(_DECIMAL_PLACES.search(text, start) and _DECIMAL.search(text, start))
    # the two letter notations are scanned for one by one: a pattern that starts with one
    # character class is scanned for faster than an alternation, which tries both at every character
    return bool(_HEMISPHERE_PAIR.search(text, start)), decimal, bool(_GRID.search(text, start))


def _any_notation(text: str, start: int) -> bool:
    """Whether ``text[start:]`` holds what every notation contains: ``_ANY_NOTATION``."""
    return any(_notations(text, start))


def find_coordinates(text: str, start: int = 0) -> list[Toponym]:
    """Every coordinate written in ``text[start:]``, as resolved toponyms."""
    hemisphere, decimal, grid = _notations(text, start)
    if not (hemisphere or decimal or grid):
        return []
    found: list[Toponym] = []
    taken: list[tuple[int, int]] = []

    def add(span: tuple[int, int], lat: float, lon: float, uncertainty: float, notation: str) -> None:
        if any(a < span[1] and span[0] < b for a, b in taken):
            return
        taken.append(span)
        surface = text[span[0] : span[1]]
        place = Place(
            id=f"coordinates:{lat:.5f},{lon:.5f}",
            name=f"{lat:.5f}, {lon:.5f}",
            lat=round(lat, 6),
            lon=round(lon, 6),
            feature_type="site",
            country="",
            uncertainty_km=round(uncertainty, 3),
            source="coordinates",
            citation=f"written in the article ({notation})",
        )
        mention = Mention(start=span[0], end=span[1], text=surface, kind="coordinates")
        found.append(Toponym(mention=mention, place=place, confidence=0.95, reasons=[f"{notation} coordinates in the text"]))

    for match in DMS_PAIR.finditer(text, start) if hemisphere else ():
        a, ah, ua = _dms_value(match, "a")
        b, bh, ub = _dms_value(match, "b")
        position = _oriented((a, ah), (b, bh))
        if position:
            add(match.span(), *position, max(ua, ub), "degrees/minutes/seconds")
    for match in DECIMAL_HEMISPHERE.finditer(text, start) if hemisphere else ():
        position = _oriented((float(match["a"]), match["ah"].upper()), (float(match["b"]), match["bh"].upper()))
        if position:
            uncertainty = max(_decimal_uncertainty_km(match["a"]), _decimal_uncertainty_km(match["b"]))
            add(match.span(), *position, uncertainty, "decimal degrees")
    for match in DECIMAL_PAIR.finditer(text, start) if decimal else ():
        lat, lon = float(match["a"]), float(match["b"])
        if -90 <= lat <= 90 and -180 <= lon <= 180:
            uncertainty = max(_decimal_uncertainty_km(match["a"]), _decimal_uncertainty_km(match["b"]))
            add(match.span("a")[:1] + match.span("b")[1:], lat, lon, uncertainty, "decimal degrees")
    for match in MGRS_REFERENCE.finditer(text, start) if grid else ():
        position = _mgrs(match["ref"])
        if position:
            reference = match["ref"].replace(" ", "")
            digits = len(reference) - len(re.match(r"\d{1,2}[A-Z]{3}", reference)[0])  # type: ignore[index]
            square_m = 10 ** (5 - digits // 2)  # 8 digits: 10 m squares
            add(match.span(), *position, max(0.001, square_m / 1000 / 2), "MGRS")
    return sorted(found, key=lambda t: t.mention.start)


def _mgrs(reference: str) -> tuple[float, float] | None:
    """Centre of an MGRS grid square, or None (invalid reference or ``mgrs`` not installed)."""
    try:
        import mgrs  # optional dependency: pip install "geomap[mgrs]"
    except ImportError:
        return None
    reference = reference.replace(" ", "")
    zone = re.match(r"\d{1,2}[A-Z]{3}", reference)[0]  # type: ignore[index]
    digits = reference[len(zone) :]
    half = len(digits) // 2
    if half < 5:  # the library returns the square's south-west corner: point at its centre
        reference = zone + digits[:half] + "5" + digits[half:] + "5"
    try:
        lat, lon = mgrs.MGRS().toLatLon(reference)
    except Exception:  # the library raises generic errors for malformed references
        return None
    return float(lat), float(lon)
