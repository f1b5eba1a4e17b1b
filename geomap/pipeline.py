"""The pipeline: read → recognise → resolve → extract events → measure → render/export.

:func:`parse_article` runs the per-article stages and is a pure function of the article
and the loaded :class:`Resources`, so the same code runs in a loop, a process pool or
Dask.  :func:`build` runs a whole corpus and writes every output.
"""

from __future__ import annotations

import logging
import math
import re
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields, replace
from datetime import date
from datetime import date as _date_type  # parse_text's argument is called date
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import shapely

from geomap.border import BorderIndex, load_borders
from geomap.claims import extract_claims
from geomap.config import DEFAULT_SETTINGS, Settings
from geomap.corpus import DateProblem, iter_files, parse_header, read_file
from geomap.events.dates import dateline_date
from geomap.events.extract import BorderZone, EventExtraction, extract_events
from geomap.events.lexicon import Lexicon, load_lexicon
from geomap.gazetteer import Gazetteer, load_gazetteer
from geomap.model import PACKABLE_RECORDS, Article, ArticleResult, BorderMetrics, Event, Mention, Place, SkippedInput, Toponym
from geomap.packed import PackedList
from geomap.places import recognise, resolve
from geomap.places.coordinates import find_coordinates
from geomap.places.online import OnlineGeocoder, online_toponyms
from geomap.places.spans import with_kind_words

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
    """Run recognition, resolution, event extraction, border measurement and claim checks.

    A stage that fails degrades only its own part of the result, and the article is
    kept: no dateline date, no places (events are still read), events extracted again
    without the article's date (relative dates left unresolved) and else none, events
    without border metrics, or no claims.  Each failure is logged and named in the
    returned :class:`StageErrors` result (``stage_errors``), which the build summary
    lists with the file.
    """
    errors: list[str] = []
    article = _stage("dateline date", errors, lambda: with_dateline_date(article), article)
    places = _stage("places", errors, lambda: find_places(article, resources), FoundPlaces([], []))
    toponyms = places.toponyms
    extraction = _stage(
        "events", errors, lambda: _events(article, toponyms, places.organisations, resources),
        lambda: _undated_events(article, toponyms, places.organisations, resources, errors),
    )
    events = _stage("border metrics", errors, lambda: measured_events(extraction.events, resources), extraction.events)
    claims = _stage(
        "claims", errors, lambda: extract_claims(article, toponyms, resources.borders, resources.border_pairs), []
    )
    claims = _finite_claims(claims, errors)
    kind = StageErrors if errors else ArticleResult
    result = kind(
        article=article, toponyms=toponyms, events=events, suppressed=places.organisations, claims=claims,
        incidents=extraction.incidents,
    )
    if isinstance(result, StageErrors):
        result.stage_errors = errors
    return result


def _events(article: Article, toponyms: list[Toponym], organisations: list[Mention], resources: Resources):
    return extract_events(
        article, toponyms, resources.lexicon, resources.border_zones, organisations,
        resources.settings, _border_measure(resources.borders),
    )


def _undated_events(
    article: Article, toponyms: list[Toponym], organisations: list[Mention], resources: Resources, errors: list[str]
):
    """The events of an article whose extraction failed, extracted again without its date
    (dates at the edge of the calendar are the usual cause), else none."""
    fallback = EventExtraction(events=[], incidents=[])
    if article.date is None:
        return fallback
    undated = replace(article, date=None, date_from="")
    events = _stage("events without the article date", errors, lambda: _events(undated, toponyms, organisations, resources), fallback)
    return events


T = TypeVar("T")
_CLAIM_NUMBERS = ("stated_value", "stated_km", "computed_km", "difference_km", "tolerance_km")


def _finite_claims(claims: list, errors: list[str]) -> list:
    """The claims whose numbers are all finite.  A figure of 309 digits or more reads as
    infinity, which no JSON writer accepts: one such claim would fail the whole build's
    outputs, so it is dropped and reported instead."""
    kept = [c for c in claims if all(math.isfinite(getattr(c, n)) for n in _CLAIM_NUMBERS if getattr(c, n) is not None)]
    if len(kept) < len(claims):
        errors.append(f"claims: {len(claims) - len(kept)} claim(s) with a number too large to be a distance dropped")
    return kept


STAGE_SECONDS: dict[str, float] = defaultdict(float)
"""Seconds spent in each stage of :func:`parse_article` by this process (``geomap -v``)."""


def _stage(name: str, errors: list[str], run: Callable[[], T], fallback: T | Callable[[], T]) -> T:
    """``run()``, or on failure the fallback (called if callable), the failure noted in ``errors``."""
    started = time.perf_counter()
    try:
        return run()
    except Exception as exc:  # one stage of one article must not lose the rest of it
        log.info("%s stage failed: %s: %s", name, type(exc).__name__, exc, exc_info=log.isEnabledFor(logging.DEBUG))
        errors.append(f"{name}: {type(exc).__name__}: {str(exc)[:200]}")
        return fallback() if callable(fallback) else fallback
    finally:
        STAGE_SECONDS[name] += time.perf_counter() - started


@dataclass(slots=True)
class StageErrors(ArticleResult):
    """An :class:`ArticleResult` some stage of which failed: what was found is kept, and
    ``stage_errors`` says which stage failed and why (one line each)."""

    stage_errors: list[str] = field(default_factory=list)


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
    # one owner of border measurement: BorderIndex.measure_places (requested borders and the nearest of all)
    measured = resources.borders.measure_places(lats, lons, resources.border_pairs)
    out = list(events)
    for row, index in enumerate(located):
        out[index] = _with_border_metrics(events[index], list(measured[row].requested), measured[row].best)
    return out


_EVENT_FIELDS = tuple(f.name for f in fields(Event))


def _with_border_metrics(event: Event, borders: list[BorderMetrics], border: BorderMetrics | None) -> Event:
    """``replace(event, borders=borders, border=border)``, copied field by field (an
    :class:`Event` has no ``__post_init__`` nor ``init=False`` field: the same object,
    without building the keyword arguments of ``__init__``)."""
    if type(event) is not Event:
        return replace(event, borders=borders, border=border)
    copy = object.__new__(Event)
    for name in _EVENT_FIELDS:
        setattr(copy, name, getattr(event, name))
    copy.borders = borders
    copy.border = border
    return copy


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
    toponyms = with_kind_words(article.text, resolve(article.text, found.mentions, resources.gazetteer, resources.settings))
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
    return parse_article(without_surrogates(article), resources)


def packed_results() -> PackedList[ArticleResult]:
    """An empty compressed list for a corpus's results: its records are stored by their
    fields, and each gazetteer place once (every pass over the corpus unpickles them)."""
    return PackedList(by_fields=PACKABLE_RECORDS, shared=(Place,))


@dataclass
class CorpusRun:
    """Results of running the per-article stages over a corpus."""

    results: PackedList[ArticleResult] = field(default_factory=packed_results)  # compressed: a corpus can be large
    skipped: list[SkippedInput] = field(default_factory=list)
    failed: list[SkippedInput] = field(default_factory=list)
    date_problems: list[SkippedInput] = field(default_factory=list)  # date fields not read; articles kept
    stage_errors: list[SkippedInput] = field(default_factory=list)  # stages that failed; articles kept

    def add(self, item: ArticleResult | SkippedInput) -> None:
        """File a parsed article, an unreadable input or date, or an article that failed to parse."""
        if isinstance(item, ArticleResult):
            self.results.append(item)
            for error in getattr(item, "stage_errors", ()):
                self.stage_errors.append(SkippedInput(item.article.source_file, error))
        elif isinstance(item, DateProblem):
            self.date_problems.append(item)
        elif item.reason.startswith(INTERNAL_ERROR):
            self.failed.append(item)
        else:
            self.skipped.append(item)


INTERNAL_ERROR = "internal error while parsing"
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(article: Article) -> Article:
    """The article with every lone surrogate (half a UTF-16 pair, which no writer can
    encode) replaced by U+FFFD.  One code point for one: every offset stays valid."""
    if article.text.isascii() or not _LONE_SURROGATE.search(article.text):
        return article
    log.info("%s: lone surrogate character(s) replaced by U+FFFD", article.source_file)
    return replace(article, text=_LONE_SURROGATE.sub("\ufffd", article.text))


def parse_or_skip(
    article: Article, resources: Resources, parse: Callable[[Article, Resources], ArticleResult] = parse_article
) -> ArticleResult | SkippedInput:
    """:func:`parse_article` (or another ``parse``), turning an unexpected failure into a reported skip."""
    try:
        return parse(without_surrogates(article), resources)
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
    come back as :class:`SkippedInput`.  ``places_only`` runs :func:`parse_places`.

    ``progress`` shows a bar on stderr measured in bytes of input (so one big file moves
    it too), with the articles parsed and the file being read; it is refreshed every
    second, so a long article does not look like a hang.
    """
    parse = parse_places if places_only else parse_article
    inputs = list(iter_files(paths, exclude))
    limit = resources.settings.max_file_mb
    with Progress(inputs, enabled=progress) as bar:
        for entry in inputs:
            if isinstance(entry, SkippedInput):
                yield entry
                continue
            bar.file(entry)
            for item in read_file(entry, limit):
                if isinstance(item, SkippedInput):
                    yield item
                    continue
                yield parse_or_skip(item, resources, parse)
                bar.article()
            bar.done(entry)


class Progress:
    """A progress bar over input files, in bytes, on stderr (tqdm), or nothing when disabled."""

    def __init__(self, inputs: list, enabled: bool) -> None:
        self.bar = None
        self.articles = 0
        self._stop = threading.Event()
        if not enabled:
            return
        from tqdm import tqdm

        total = sum(_size(p) for p in inputs if isinstance(p, Path))
        self.bar = tqdm(total=total, unit="B", unit_scale=True, desc="geomap", leave=False, dynamic_ncols=True)
        threading.Thread(target=self._refresh, args=(self.bar,), daemon=True).start()

    def _refresh(self, bar: Any) -> None:
        while not self._stop.wait(1.0):
            bar.refresh()  # elapsed time moves while one long article is parsed

    def file(self, path: Path) -> None:
        """Show the file now read."""
        if self.bar is not None:
            self.bar.set_postfix_str(f"{self.articles} articles, {path.name}", refresh=False)

    def article(self) -> None:
        """Count one parsed article."""
        self.articles += 1
        if self.bar is not None and self.articles % 10 == 0:
            self.bar.set_postfix_str(f"{self.articles} articles", refresh=False)

    def done(self, path: Path) -> None:
        """Count a file as read."""
        if self.bar is not None:
            self.bar.update(_size(path))

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self.bar is not None:
            self.bar.close()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def run_corpus(
    paths: Iterable[str | Path], resources: Resources, progress: bool = False, exclude: Iterable[str | Path] = ()
) -> CorpusRun:
    """Parse a corpus into a :class:`CorpusRun`."""
    run = CorpusRun()
    for item in iter_results(paths, resources, progress, exclude):
        run.add(item)
    return run
