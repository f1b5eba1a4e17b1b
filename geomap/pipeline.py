"""The pipeline: read → recognise → resolve → extract events → measure → render/export.

:func:`parse_article` runs the per-article stages and is a pure function of the article
and the loaded :class:`Resources`, so the same code runs in a loop, a process pool or
Dask.  :func:`build` runs a whole corpus and writes every output.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from datetime import date as _date_type  # parse_text's argument is called date
from pathlib import Path

import numpy as np
import shapely

from geomap.border import BorderIndex, load_borders
from geomap.claims import extract_claims
from geomap.config import DEFAULT_SETTINGS, Settings
from geomap.corpus import parse_header, read_corpus
from geomap.events.dates import dateline_date
from geomap.events.extract import BorderZone, extract_events
from geomap.events.lexicon import Lexicon, load_lexicon
from geomap.gazetteer import Gazetteer, load_gazetteer
from geomap.model import Article, ArticleResult, BorderMetrics, Event, Mention, Place, SkippedInput, Toponym
from geomap.places import recognise, resolve
from geomap.places.coordinates import find_coordinates
from geomap.places.online import OnlineGeocoder, online_toponyms

log = logging.getLogger(__name__)


@dataclass
class Resources:
    """Everything loaded once and shared by all articles."""

    settings: Settings
    gazetteer: Gazetteer
    lexicon: Lexicon
    borders: BorderIndex
    border_pairs: tuple[str, ...]
    border_zones: tuple[BorderZone, ...]  # every border in the data, the primary one first
    online: OnlineGeocoder | None = None


def load_resources(
    settings: Settings = DEFAULT_SETTINGS,
    gazetteer_files: Iterable[str | Path] = (),
    borders: Iterable[str] = (),
    online: bool = False,
) -> Resources:
    """Load the gazetteer, the event vocabulary and the boundary data.

    Parameters
    ----------
    settings : Settings
        Paths and defaults.
    gazetteer_files : iterable of path
        Extra user gazetteer CSVs (same columns as ``data/gazetteer/regional.csv``).
    borders : iterable of str
        Border pairs to measure against, e.g. ``["TJK-AFG", "UZB-AFG"]``; the first is
        the primary one (``settings.default_border`` if empty).
    online : bool
        Ask an online geocoder (Nominatim, rate-limited, cached in ``settings.cache_dir``)
        for names no offline gazetteer knows.  Off by default: nothing leaves the machine.
    """
    border_index = load_borders(settings)
    pairs = tuple(border_index.line(p).pair for p in (list(borders) or [settings.default_border]))
    geocoder = None
    if online:
        iso2 = dict(zip(border_index.country_iso3, border_index.country_iso2, strict=True))
        countries = tuple(sorted({iso2[c].lower() for p in pairs for c in border_index.line(p).countries if iso2.get(c)}))
        geocoder = OnlineGeocoder(settings.cache_dir / "online-geocoder.json", country_codes=countries)
    return Resources(
        settings=settings,
        gazetteer=load_gazetteer(settings, tuple(Path(p) for p in gazetteer_files)),
        lexicon=load_lexicon(settings),
        borders=border_index,
        border_pairs=pairs,
        border_zones=tuple(
            _border_zone(border_index, pair) for pair in (pairs[0], *sorted(set(border_index.lines) - {pairs[0]}))
        ),
        online=geocoder,
    )


def _border_zone(borders: BorderIndex, pair: str) -> BorderZone:
    """A place standing for "the border area": the line's midpoint, radius half its length."""
    line = borders.line(pair)
    middle = shapely.line_interpolate_point(shapely.line_merge(line.geometry), 0.5, normalized=True)
    names = " and ".join(line.countries)
    iso2 = dict(zip(borders.country_iso3, borders.country_iso2, strict=True))
    place = Place(
        id=f"border:{line.pair}",
        name=f"{line.pair} border area",
        lat=round(float(middle.y), 5),
        lon=round(float(middle.x), 5),
        feature_type="region",
        country="",
        uncertainty_km=round(line.length_km / 2, 1),
        source="border",
        citation=f"border between {names} ({line.source_name})",
    )
    return BorderZone(place=place, pair=line.pair, countries=tuple(iso2.get(c, "") for c in line.countries))


def parse_article(article: Article, resources: Resources) -> ArticleResult:
    """Run recognition, resolution, event extraction, border measurement and claim checks."""
    article = with_dateline_date(article)
    places = find_places(article, resources)
    toponyms = places.toponyms
    extraction = extract_events(
        article, toponyms, resources.lexicon, resources.border_zones, places.organisations,
        resources.settings, _border_measure(resources.borders),
    )
    events = measured_events(extraction.events, resources)
    claims = extract_claims(article, toponyms, resources.borders, resources.border_pairs)
    return ArticleResult(
        article=article, toponyms=toponyms, events=events, suppressed=places.organisations, claims=claims,
        incidents=extraction.incidents,
    )


def _border_measure(borders: BorderIndex):
    def measure(pair: str, lat: float, lon: float) -> tuple[float, float, float]:
        metrics = borders.metrics(lat, lon, pair)
        return metrics.distance_km, metrics.nearest_lat, metrics.nearest_lon

    return measure


def measured_events(events: list[Event], resources: Resources) -> list[Event]:
    """The events with their border metrics: against each requested border, and the nearest
    border of all in the data (Termez is 4 km from the Uzbek–Afghan border, not "46 km from
    the border")."""
    located = [i for i, e in enumerate(events) if e.place is not None]
    if not located:
        return events
    lats = np.array([events[i].place.place.lat for i in located])  # type: ignore[union-attr]
    lons = np.array([events[i].place.place.lon for i in located])  # type: ignore[union-attr]
    per_border = [measure_points(resources, lats, lons, pair) for pair in resources.border_pairs]
    nearest = resources.borders.nearest_many(lats, lons)
    out = list(events)
    for row, index in enumerate(located):
        borders = [metrics[row] for metrics in per_border]
        out[index] = replace(events[index], borders=borders, border=min([*borders, nearest[row]], key=lambda m: m.distance_km))
    return out


def parse_places(article: Article, resources: Resources) -> ArticleResult:
    """Only the places of an article (:func:`find_places`): no events, no claim checks."""
    article = with_dateline_date(article)
    places = find_places(article, resources)
    return ArticleResult(article=article, toponyms=places.toponyms, events=[], suppressed=places.organisations, claims=[])


def with_dateline_date(article: Article) -> Article:
    """The article, dated from its dateline ("DUSHANBE, March 3 (Reuters) -") when it has no date."""
    if article.date is None:
        published = dateline_date(article.text, article.body_start)
        if published is not None:
            return replace(article, date=published, date_from="dateline")
    return article


@dataclass
class FoundPlaces:
    """The places of one article: resolved toponyms (coordinates written in the text
    included) and the organisation names whose place words were not read as places."""

    toponyms: list[Toponym]
    organisations: list[Mention]


def find_places(article: Article, resources: Resources) -> FoundPlaces:
    """Geoparse one article: recognise and resolve its place names, read the coordinates
    written in it, and ask the online geocoder (when enabled) for the names left over.

    This is all of :func:`parse_article` that concerns places; ``geomap parse
    --places-only`` runs it alone.
    """
    found = recognise(
        article.text, resources.gazetteer, article.body_start, min_length=resources.settings.fuzzy_min_length
    )
    toponyms = resolve(article.text, found.mentions, resources.gazetteer, resources.settings)
    extra = find_coordinates(article.text, article.body_start)
    if resources.online is not None:
        extra += online_toponyms(article.text, article.body_start, toponyms + extra, resources.gazetteer, resources.online)
    if extra:
        toponyms = sorted(toponyms + extra, key=lambda t: t.mention.start)
    return FoundPlaces(toponyms, found.organisations)


def measure_points(resources: Resources, lats: np.ndarray, lons: np.ndarray, pair: str | None = None) -> list[BorderMetrics]:
    """Border metrics against the primary (or given) border for many points."""
    return resources.borders.metrics_many(lats, lons, pair or resources.border_pairs[0])


def parse_text(text: str, date: date | str | None = None, resources: Resources | None = None) -> ArticleResult:
    """Parse one article given as a string (offsets refer to ``text``).

    A leading `` date YYYY-MM-DD`` header is honoured; ``date`` (a ``datetime.date`` or an
    ISO ``"YYYY-MM-DD"`` string) overrides it.
    """
    if isinstance(date, str):
        try:
            date = _date_type.fromisoformat(date.strip())
        except ValueError:
            raise ValueError(f"parse_text: date must be YYYY-MM-DD, got {date!r}") from None
    resources = resources or load_resources()
    header_date, body_start = parse_header(text)
    article = Article(id="text", source_file="<text>", text=text, date=date or header_date, body_start=body_start)
    return parse_article(article, resources)


@dataclass
class CorpusRun:
    """Results of running the per-article stages over a corpus."""

    results: list[ArticleResult] = field(default_factory=list)
    skipped: list[SkippedInput] = field(default_factory=list)
    failed: list[SkippedInput] = field(default_factory=list)

    def add(self, item: ArticleResult | SkippedInput) -> None:
        """File a parsed article, an unreadable input, or an article that failed to parse."""
        if isinstance(item, ArticleResult):
            self.results.append(item)
        elif item.reason.startswith(INTERNAL_ERROR):
            self.failed.append(item)
        else:
            self.skipped.append(item)


INTERNAL_ERROR = "internal error while parsing"


def parse_or_skip(
    article: Article, resources: Resources, parse: Callable[[Article, Resources], ArticleResult] = parse_article
) -> ArticleResult | SkippedInput:
    """:func:`parse_article` (or another ``parse``), turning an unexpected failure into a reported skip."""
    try:
        return parse(article, resources)
    except Exception as exc:  # one bad article must not stop the corpus
        log.exception("failed to parse %s", article.source_file)
        return SkippedInput(article.source_file, f"{INTERNAL_ERROR}: {type(exc).__name__}: {exc}")


def iter_results(
    paths: Iterable[str | Path],
    resources: Resources,
    progress: bool = False,
    exclude: Iterable[str | Path] = (),
    places_only: bool = False,
) -> Iterator[ArticleResult | SkippedInput]:
    """Parse every article under ``paths`` (but not under ``exclude``); unreadable inputs
    come back as :class:`SkippedInput`.  ``places_only`` runs :func:`parse_places`."""
    parse = parse_places if places_only else parse_article
    items: Iterable[Article | SkippedInput] = read_corpus(paths, exclude)
    if progress:
        from tqdm import tqdm

        items = tqdm(items, unit=" articles", desc="geomap", leave=False)
    for item in items:
        yield item if isinstance(item, SkippedInput) else parse_or_skip(item, resources, parse)


def run_corpus(
    paths: Iterable[str | Path], resources: Resources, progress: bool = False, exclude: Iterable[str | Path] = ()
) -> CorpusRun:
    """Parse a corpus into a :class:`CorpusRun`."""
    run = CorpusRun()
    for item in iter_results(paths, resources, progress, exclude):
        run.add(item)
    return run
