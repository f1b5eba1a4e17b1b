"""``geomap build``: run the pipeline over a corpus and write every output."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from geomap.config import ALL_FORMATS, DEFAULT_SETTINGS, Settings
from geomap.corpus import SUPPORTED_SUFFIXES, iter_files
from geomap.events.merge import IncidentGroup, link_reports
from geomap.export import (
    Checker,
    OutputError,
    OutputStage,
    Writer,
    acled_output,
    acled_rows,
    article_record,
    border_features,
    claim_features,
    claims_output,
    ensure_writable_folder,
    geojson_output,
    gpkg_output,
    incident_features,
    jsonl_output,
    kml_output,
    place_features,
    summarise_places,
    text_output,
)
from geomap.gazetteer.sources import read_country_codes
from geomap.model import SkippedInput
from geomap.pipeline import STAGE_SECONDS, CorpusRun, Resources, load_resources, run_corpus

EXIT_OK = 0
EXIT_INPUTS_SKIPPED = 1  # every output written; some inputs (files, records, gazetteer rows) skipped, each named
EXIT_NOTHING_WRITTEN = 2  # nothing read, or an output failed (named): every earlier output kept as it was


@dataclass
class BuildSummary:
    """What a build read, found, skipped and wrote."""

    articles: int = 0
    skipped: list[SkippedInput] = field(default_factory=list)
    failed: list[SkippedInput] = field(default_factory=list)
    places: int = 0
    toponyms: int = 0
    events: int = 0  # event sentences
    incidents: int = 0  # the incidents they tell (one feature each in the event outputs)
    events_located: int = 0  # incidents with a place
    event_groups: int = 0  # incidents after linking reports of one incident across articles
    claims: dict[str, int] = field(default_factory=dict)
    acled_rows: int = 0
    acled_left_out: dict[str, int] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)
    gazetteer_problems: list[str] = field(default_factory=list)  # skipped gazetteer rows, with file and line
    errors: list[str] = field(default_factory=list)  # why nothing (or not everything) was written, naming files
    date_problems: list[SkippedInput] = field(default_factory=list)  # date fields not read (articles kept)
    stage_errors: list[SkippedInput] = field(default_factory=list)  # parse stages that failed (articles kept)
    formats: tuple[str, ...] = ALL_FORMATS  # what was asked for: the summary speaks of these only
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage, shown by ``geomap -v``

    @property
    def exit_code(self) -> int:
        """0 all read and written; 1 some inputs skipped or partly read (each named); 2 nothing
        written or an output failed."""
        if self.errors:
            return EXIT_NOTHING_WRITTEN
        if self.skipped or self.failed or self.gazetteer_problems or self.date_problems or self.stage_errors:
            return EXIT_INPUTS_SKIPPED
        return EXIT_OK

    @property
    def ok(self) -> bool:
        """True when every input was read and parsed and every output written."""
        return self.exit_code == EXIT_OK

    def lines(self, verbose: bool = False) -> list[str]:
        """Human-readable summary lines (``verbose``: with the seconds of every stage)."""
        out = [f"error: {e}" for e in self.errors]
        out += [f"articles read: {self.articles}", f"skipped: {len(self.skipped) + len(self.failed)}"]
        out += [f"  {s.source}: {s.reason}" for s in self.skipped + self.failed]
        out += _listed("date fields not read (articles kept, undated)", self.date_problems)
        out += _listed("parse stages that failed (articles kept without that stage's results)", self.stage_errors)
        if self.gazetteer_problems:
            out.append(f"gazetteer problems: {len(self.gazetteer_problems)}")
            out += [f"  {problem}" for problem in self.gazetteer_problems]
        out += [
            f"toponyms resolved: {self.toponyms} ({self.places} distinct places)",
            f"events: {self.events} event sentences telling {self.incidents} incidents"
            f" ({self.events_located} located; {self.event_groups} distinct after linking reports across articles)",
        ]
        if "acled" in self.formats:
            out.append(f"ACLED-compatible rows: {self.acled_rows}")
            out += [f"  not in the ACLED file: {n} ({reason})" for reason, n in sorted(self.acled_left_out.items())]
        out.append("claims checked: " + (", ".join(f"{n} {verdict}" for verdict, n in sorted(self.claims.items())) or "none"))
        out += [f"warning: {w}" for w in self.warnings]
        out += [f"wrote {path}" for path in self.files]
        if verbose and self.timings:
            out.append("seconds by stage:")
            out += [f"  {name:<40} {sec:8.2f}" for name, sec in self.timings.items()]
        out.append(f"time: {self.seconds:.1f} s")
        return out


def _listed(title: str, items: list[SkippedInput], shown: int = 50) -> list[str]:
    """A counted heading and its first ``shown`` items (the count says how many more)."""
    if not items:
        return []
    lines = [f"{title}: {len(items)}"] + [f"  {s.source}: {s.reason}" for s in items[:shown]]
    if len(items) > shown:
        lines.append(f"  ... and {len(items) - shown} more")
    return lines


@dataclass
class Products:
    """Everything a build derives from the parsed corpus before writing it."""

    run: CorpusRun
    groups: Sequence[IncidentGroup]
    events: Sequence[dict[str, Any]]
    places: list[dict[str, Any]]
    lines: list[dict[str, Any]]
    claims: list[dict[str, Any]]
    buffers: list[dict[str, Any]]


def build(  # noqa: PLR0913 (every option of `geomap build` is a keyword of this public function)
    paths: Iterable[str | Path],
    out_dir: str | Path = "output",
    settings: Settings = DEFAULT_SETTINGS,
    formats: Iterable[str] = ALL_FORMATS,
    gazetteer_files: Iterable[str | Path] = (),
    borders: Iterable[str] = (),
    progress: bool = False,
    resources: Resources | None = None,
    offline: bool = False,
    online: bool = False,
    dask: str | None = None,
) -> BuildSummary:
    """Parse a corpus and write maps and data files to ``out_dir``.

    The output folder is checked to be writable before anything is read.  All outputs
    are written and checked first and then moved into place together: when one fails
    (a full disk, a write error), none replaces its earlier version and
    ``summary.errors`` names the file.  A corpus of which no article could be read
    writes nothing.  ``summary.exit_code`` is 0, 1 (inputs skipped) or 2 (nothing
    written).

    Parameters
    ----------
    paths : iterable of path
        Files and directories of articles.
    out_dir : path
        Output folder (created if missing).
    settings : Settings
        Configuration.
    formats : iterable of str
        Any of ``map, geojson, jsonl, gpkg, kml, acled, claims``.
    gazetteer_files : iterable of path
        Extra user gazetteer CSVs.
    borders : iterable of str
        Border pairs (first = primary), e.g. ``["TJK-AFG"]``.
    progress : bool
        Show a progress bar.
    resources : Resources, optional
        Already loaded resources (gazetteer, lexicon, borders) to reuse.
    offline : bool
        Write a self-contained ``map.html`` that makes no network request.
    online : bool
        Ask an online geocoder for names no offline gazetteer knows (cached, rate-limited).
    dask : str, optional
        Parse on Dask: ``"processes"`` (all local cores), ``"threads"``, ``"synchronous"``,
        or the address of a running ``dask.distributed`` scheduler (``tcp://…``).  The
        outputs are the same as a local run's.

    Raises
    ------
    OutputError
        When the output folder cannot be written (before any input is read).
    ValueError
        For unknown formats or options that cannot be combined.
    """
    started = time.perf_counter()
    paths, formats = list(paths), _checked_formats(formats)
    if dask and online:
        raise ValueError("--online cannot be combined with --dask (the geocoder cache is per machine)")
    out = Path(out_dir)
    created = _missing_folders(out)
    ensure_writable_folder(out)  # a read-only folder is found now, not after the whole parse
    summary = BuildSummary(formats=tuple(f for f in ALL_FORMATS if f in formats))
    try:
        with _timed(summary, "load resources"):
            resources = resources or load_resources(settings, gazetteer_files, borders, online=online)
        _build_into(summary, paths, out, resources, settings, gazetteer_files, formats, progress, offline, dask)
    finally:
        if not summary.files:
            _remove_empty(created)  # a build that wrote nothing leaves no new folder behind
    summary.seconds = time.perf_counter() - started
    return summary


def _build_into(  # noqa: PLR0913 (the options build() hands on)
    summary: BuildSummary, paths: list, out: Path, resources: Resources, settings: Settings,
    gazetteer_files: Iterable[str | Path], formats: set[str], progress: bool, offline: bool, dask: str | None,
) -> None:
    """Parse, derive and write, filling ``summary``."""
    parse_before = dict(STAGE_SECONDS)
    with _timed(summary, "read and parse"):
        run = _parse(paths, resources, settings, gazetteer_files, out, progress, dask)
    summary.timings.update(
        {f"  {name}": sec - parse_before.get(name, 0.0) for name, sec in STAGE_SECONDS.items() if sec > parse_before.get(name, 0.0)}
    )
    summary.articles, summary.skipped, summary.failed = len(run.results), run.skipped, run.failed
    summary.date_problems, summary.stage_errors = run.date_problems, run.stage_errors
    summary.gazetteer_problems = list(resources.gazetteer.problems)
    summary.warnings += resources.lexicon.problems
    summary.warnings += _input_warnings(paths, out)
    if run.results:
        with _timed(summary, "link and make features"):
            products = derive_products(run, resources)
        _count_products(summary, products)
        _write_outputs(out, _planned_outputs(formats, products, resources, summary, offline, out), summary)
    else:
        summary.errors.append(f"no article could be read: nothing written (earlier outputs in {out} kept)")
    if resources.online is not None:
        summary.warnings.append(f"online geocoder: {resources.online.requests} request(s), cache {resources.online.cache_file}")


def _input_warnings(paths: list, out: Path) -> list[str]:
    """Inputs that hold no file geomap reads, and files skipped because they are outputs."""
    warnings = []
    for path in paths:
        if Path(path).is_dir() and _count_inputs([path]) == 0:
            warnings.append(f"{path}: no file geomap reads in this folder ({', '.join(sorted(s for s in SUPPORTED_SUFFIXES if s))})")
    own_outputs = _count_inputs(paths) - _count_inputs(paths, exclude=[out])
    if own_outputs:
        warnings.append(f"{own_outputs} file(s) under the output directory {out} were not read as input")
    return warnings


@contextmanager
def _timed(summary: BuildSummary, name: str) -> Iterator[None]:
    started = time.perf_counter()
    try:
        yield
    finally:
        summary.timings[name] = summary.timings.get(name, 0.0) + time.perf_counter() - started


def _missing_folders(folder: Path) -> list[Path]:
    """``folder`` and its ancestors that do not exist yet, deepest first."""
    missing = []
    for candidate in (folder.absolute(), *folder.absolute().parents):
        if candidate.exists():
            break
        missing.append(candidate)
    return missing


def _remove_empty(folders: list[Path]) -> None:
    for folder in folders:  # deepest first; one that is not empty (someone else wrote there) stays
        try:
            folder.rmdir()
        except OSError:
            return


def _checked_formats(formats: Iterable[str]) -> set[str]:
    chosen = set(formats)
    unknown = chosen - set(ALL_FORMATS)
    if unknown:
        raise ValueError(f"unknown output format(s): {', '.join(sorted(unknown))}; choose from {', '.join(ALL_FORMATS)}")
    return chosen


def _count_inputs(paths: list, exclude: Iterable[Path] = ()) -> int:
    return sum(1 for _ in iter_files(paths, exclude=exclude))


def _parse(
    paths: list, resources: Resources, settings: Settings, gazetteer_files: Iterable[str | Path], out: Path,
    progress: bool, dask: str | None,
) -> CorpusRun:
    if not dask:
        return run_corpus(paths, resources, progress=progress, exclude=[out])
    from geomap.scale import run_corpus_dask

    address = dask if "://" in dask else None
    return run_corpus_dask(
        paths, settings, gazetteer_files, resources.border_pairs, scheduler=dask, address=address, exclude=[out]
    )


def derive_products(run: CorpusRun, resources: Resources) -> Products:
    """Link reports of one event and make the features of every output."""
    groups = link_reports(run.results)
    events = incident_features(run.results, resources.lexicon, groups)
    places = place_features(summarise_places(run.results), resources.borders, resources.border_pairs)
    # the requested borders, and every other border some event was measured against (its nearest)
    measured = sorted(
        {e.border.border for r in run.results for e in r.events if e.border is not None} - set(resources.border_pairs)
    )
    lines = border_features(resources.borders, (*resources.border_pairs, *measured))
    buffers = [f for pair in resources.border_pairs for f in resources.borders.buffer_bands(pair)]
    return Products(run, groups, events, places, lines, claim_features(run.results), buffers)


def _count_products(summary: BuildSummary, products: Products) -> None:
    summary.toponyms = sum(len(r.toponyms) for r in products.run.results)
    summary.event_groups = len(products.groups)
    summary.places = len(products.places)
    summary.events = sum(len(r.events) for r in products.run.results)
    summary.incidents = len(products.events)
    summary.events_located = sum(1 for f in products.events if f["geometry"])
    for claim in products.claims:
        verdict = claim["properties"]["verdict"]
        summary.claims[verdict] = summary.claims.get(verdict, 0) + 1


Planned = list[tuple[str, Callable[[], tuple[Writer, Checker]]]]


def _planned_outputs(
    formats: set[str], products: Products, resources: Resources, summary: BuildSummary, offline: bool,
    out: Path | None = None,
) -> Planned:
    """File name and writer maker of every requested output, in writing order."""
    results, lexicon = products.run.results, resources.lexicon
    planned: Planned = []
    if "jsonl" in formats:
        planned.append(("articles.jsonl", lambda: jsonl_output(lambda: (article_record(r, lexicon) for r in results))))
    if "geojson" in formats:
        planned.append(("events.geojson", lambda: geojson_output(products.events, "events")))
        planned.append(("places.geojson", lambda: geojson_output(products.places, "places")))
        planned.append(("border.geojson", lambda: geojson_output(products.lines, "border")))
    if "gpkg" in formats:
        layers = {"events": products.events, "places": products.places, "border": products.lines, "buffers": products.buffers}
        planned.append(("geomap.gpkg", lambda: gpkg_output(layers)))
    if "kml" in formats and summary.events_located:
        planned.append(("events.kml", lambda: kml_output(products.events)))
    elif "kml" in formats:
        summary.warnings.append("events.kml not written: no event has a location")
    if "acled" in formats:
        planned.append(("events_acled.csv", lambda: _acled(products, resources, summary)))
    if "claims" in formats:
        planned.append(("claims.csv", lambda: claims_output(results)))
    if "map" in formats:
        notice = map_notice(len(products.events), resources.settings.map_max_events)
        if notice:
            summary.warnings.append(f"map.html {notice} (map_max_events)")
        planned.append(("map.html", lambda: text_output(lambda: _map_html(products, resources, offline, out))))
    return planned


def _acled(products: Products, resources: Resources, summary: BuildSummary) -> tuple[Writer, Checker]:
    codes = read_country_codes(resources.settings.path("gazetteer/countries.csv"))
    rows, left_out = acled_rows(products.groups, products.run.results, resources.lexicon, codes)
    summary.acled_rows, summary.acled_left_out = len(rows), left_out
    return acled_output(rows)


def map_notice(incidents: int, limit: int) -> str:
    """What the map leaves out of ``incidents`` when it shows at most ``limit``, or ""."""
    if incidents <= limit:
        return ""
    return f"shows the {limit:,} most recent of {incidents:,} incidents; the data files hold every one"


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def map_events(events: Sequence[dict[str, Any]], limit: int) -> list[dict[str, Any]]:
    """The incidents a map shows: all of them, or the ``limit`` most recent (by start date,
    undated last; corpus order among equals), kept in corpus order."""
    if len(events) <= limit:
        return list(events)
    newest_first = sorted(range(len(events)), key=lambda i: _newest_first_key(events[i], i))
    chosen = set(newest_first[:limit])
    return [feature for index, feature in enumerate(events) if index in chosen]


def _newest_first_key(feature: dict[str, Any], index: int) -> tuple[int, int]:
    day = feature["properties"].get("date")
    return (-date.fromisoformat(day).toordinal() if day else 1, index)


def _map_html(products: Products, resources: Resources, offline: bool, out: Path | None = None) -> str:
    from geomap.render import render_map
    from geomap.render.map import page_html

    page = render_map(
        map_events(products.events, resources.settings.map_max_events), products.places, products.lines, resources.borders.outline_features(), resources.lexicon,
        resources.borders.attributions(), claims=products.claims, buffers=products.buffers, offline=offline,
        source_root=out,  # each event links to its source file relative to map.html
        events_notice=_sentence(map_notice(len(products.events), resources.settings.map_max_events)),
    )
    return page_html(page)


def _write_outputs(out: Path, planned: Planned, summary: BuildSummary) -> None:
    """Write and check every planned file, then move them into place together."""
    stage = None
    try:
        with OutputStage(out) as stage:
            for name, make in planned:
                with _timed(summary, f"  write and check {name}"):
                    stage.add_made(name, make)
            with _timed(summary, "move outputs into place"):
                summary.files = stage.commit()
    except OutputError as exc:
        replaced = stage.committed if stage is not None else []
        summary.files = replaced
        kept = (
            f"replaced before the failure: {', '.join(p.name for p in replaced)}" if replaced
            else f"nothing written, earlier outputs in {out} kept"
        )
        summary.errors.append(f"could not write {exc.path}: {exc.reason}; {kept}")
