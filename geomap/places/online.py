"""Optional online fallback for place names no offline gazetteer knows.

Off unless asked for (``geomap build --online``).  Candidate names are capitalised
words introduced by a locative phrase ("in Khumdon", "near the village of Sari Pul")
that no gazetteer entry, organisation or English word explains.  Each distinct name is
sent once to a geopy geocoder (OpenStreetMap Nominatim by default, at most one request
per second as its usage policy requires), restricted to the focus countries when
given, and the answer — found or not — is cached on disk so it is never asked again.
Places found this way carry ``source="online"`` and say so in their reasons.
"""

from __future__ import annotations

import json
import logging
import math
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from geomap.gazetteer.index import Gazetteer
from geomap.model import Mention, Place, Toponym

log = logging.getLogger(__name__)

_CANDIDATE = re.compile(
    r"\b(?:in|near|at|outside|(?:village|town|city|district|settlement|outpost|area|province|region) of)\s+(?:the\s+)?"
    r"(?:(?:village|town|city|district|settlement|outpost|area|province|region)\s+of\s+)?"
    r"(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})"
)
EARTH_KM_PER_DEGREE = 111.32


class OnlineGeocoder:
    """A rate-limited, disk-cached geopy geocoder.

    Parameters
    ----------
    cache_file : Path
        JSON file mapping query → result (or null when nothing was found).
    geocoder : object, optional
        Anything with geopy's ``geocode(query, **kwargs)``; defaults to
        ``geopy.geocoders.Nominatim`` with a geomap user agent.
    min_delay_seconds : float
        Minimum pause between two requests.
    country_codes : list of str
        ISO alpha-2 codes the search is restricted to (Nominatim ``countrycodes``).
    """

    def __init__(
        self,
        cache_file: Path,
        geocoder: Any | None = None,
        min_delay_seconds: float = 1.0,
        country_codes: tuple[str, ...] = (),
    ) -> None:
        self.cache_file = Path(cache_file)
        self.country_codes = country_codes
        self.requests = 0
        self._cache: dict[str, dict[str, Any] | None] = self._read_cache()
        self._geocoder = geocoder
        self._min_delay = min_delay_seconds
        self._limited: Callable[..., Any] | None = None

    def _read_cache(self) -> dict[str, dict[str, Any] | None]:
        try:
            return json.loads(self.cache_file.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            return {}

    def _write_cache(self) -> None:
        self.cache_file.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.cache_file.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(self._cache, stream, ensure_ascii=False, indent=0)
        os.replace(temporary, self.cache_file)

    def _call(self) -> Callable[..., Any]:
        if self._limited is None:
            from geopy.extra.rate_limiter import RateLimiter

            geocoder = self._geocoder
            if geocoder is None:
                from geopy.geocoders import Nominatim

                geocoder = Nominatim(user_agent="geomap (border news mapping; https://pypi.org/project/geomap)")
            self._limited = RateLimiter(geocoder.geocode, min_delay_seconds=self._min_delay, max_retries=1)
        return self._limited

    def lookup(self, name: str) -> Place | None:
        """The place for ``name``, from the cache or one geocoder request."""
        key = f"{name}|{','.join(self.country_codes)}"
        if key not in self._cache:
            kwargs: dict[str, Any] = {"exactly_one": True}
            if self.country_codes:
                kwargs["country_codes"] = list(self.country_codes)
            try:
                location = self._call()(name, **kwargs)
            except Exception as exc:  # network errors must not stop a build
                log.warning("online geocoder failed for %r: %s", name, exc)
                return None
            self.requests += 1
            self._cache[key] = _location_record(location) if location is not None else None
            self._write_cache()
        record = self._cache[key]
        if record is None:
            return None
        return Place(
            id=f"online:{record.get('osm_type', '')}{record.get('osm_id', '')}" or f"online:{name}",
            name=record["name"] or name,
            lat=record["lat"],
            lon=record["lon"],
            feature_type=record.get("feature_type") or "site",
            country=(record.get("country") or "").upper(),
            uncertainty_km=record["uncertainty_km"],
            source="online",
            citation=f"online geocoder: {record.get('display_name', name)}",
        )


def _location_record(location: Any) -> dict[str, Any]:
    """What geomap keeps of a geopy Location (JSON-serialisable)."""
    raw = getattr(location, "raw", {}) or {}
    uncertainty = 5.0
    box = raw.get("boundingbox")
    if box and len(box) == 4:
        south, north, west, east = (float(v) for v in box)
        height = (north - south) * EARTH_KM_PER_DEGREE
        width = (east - west) * EARTH_KM_PER_DEGREE * math.cos(math.radians((north + south) / 2))
        uncertainty = max(0.5, math.hypot(height, width) / 2)
    address = raw.get("address", {}) if isinstance(raw.get("address"), dict) else {}
    return {
        "name": raw.get("name") or str(getattr(location, "address", "")).split(",")[0],
        "display_name": raw.get("display_name") or getattr(location, "address", ""),
        "lat": float(location.latitude),
        "lon": float(location.longitude),
        "uncertainty_km": round(uncertainty, 2),
        "feature_type": {"city": "city", "town": "town", "village": "village", "hamlet": "village"}.get(raw.get("type", ""), "site"),
        "country": address.get("country_code", ""),
        "osm_type": raw.get("osm_type", ""),
        "osm_id": raw.get("osm_id", ""),
    }


def online_toponyms(text: str, start: int, known: list[Toponym], gazetteer: Gazetteer, geocoder: OnlineGeocoder) -> list[Toponym]:
    """Toponyms for unknown names in locative phrases, resolved by the online geocoder."""
    taken = [(t.mention.start, t.mention.end) for t in known]
    found: list[Toponym] = []
    for match in _CANDIDATE.finditer(text, start):
        name = match.group("name")
        name_start, name_end = match.span("name")
        if any(a < name_end and name_start < b for a, b in taken):
            continue
        words = [w.lower() for w in re.findall(r"[^\W_]+", name)]
        if all(w in gazetteer.known_words for w in words):
            continue  # "in Moscow" is known; "in March", "in Parliament" are words
        place = geocoder.lookup(name)
        if place is None:
            continue
        mention = Mention(start=name_start, end=name_end, text=name, kind="toponym")
        found.append(Toponym(mention=mention, place=place, confidence=0.5, reasons=["not in the offline gazetteers; found by the online geocoder"]))
        taken.append((name_start, name_end))
    return found
