"""``geomap build``: run the pipeline over a corpus and write every output."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geomap.config import ALL_FORMATS, DEFAULT_SETTINGS, Settings
from geomap.corpus import iter_files
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
    incident_features,
    geojson_output,
    gpkg_output,
    jsonl_output,
    kml_output,
    place_features,
    summarise_places,
    text_output,
)
from geomap.gazetteer.sources import read_country_codes
from geomap.model import SkippedInput
from geomap.pipeline import CorpusRun, Resources, load_resources, run_corpus

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

    @property
    def exit_code(self) -> int:
        """0 all read and written; 1 some inputs skipped (each named); 2 nothing written or an output failed."""
        if self.errors:
            return EXIT_NOTHING_WRITTEN
        if self.skipped or self.failed or self.gazetteer_problems:
            return EXIT_INPUTS_SKIPPED
        return EXIT_OK

    @property
    def ok(self) -> bool:
        """True when every input was read and parsed and every output written."""
        return self.exit_code == EXIT_OK

    def lines(self) -> list[str]:
        """Human-readable summary lines."""
        out = [f"error: {e}" for e in self.errors]
        out += [
            f"articles read: {self.articles}",
            f"skipped: {len(self.skipped) + len(self.failed)}",
        ]
        out += [f"  {s.source}: {s.reason}" for s in self.skipped + self.failed]
        if self.gazetteer_problems:
            out.append(f"gazetteer problems: {len(self.gazetteer_problems)}")
            out += [f"  {problem}" for problem in self.gazetteer_problems]
        out += [
            f"toponyms resolved: {self.toponyms} ({self.places} distinct places)",
            f"events: {self.events} event sentences telling {self.incidents} incidents"
            f" ({self.events_located} located; {self.event_groups} distinct after linking reports across articles)",
            f"ACLED-compatible rows: {self.acled_rows}",
            "claims checked: " + (", ".join(f"{n} {verdict}" for verdict, n in sorted(self.claims.items())) or "none"),
        ]
        out += [f"  not in the ACLED file: {n} ({reason})" for reason, n in sorted(self.acled_left_out.items())]
        out += [f"warning: {w}" for w in self.warnings]
        out += [f"wrote {path}" for path in self.files]
        out.append(f"time: {self.seconds:.1f} s")
        return out


@dataclass
class Products:
    """Everything a build derives from the parsed corpus before writing it."""

    run: CorpusRun
    groups: list[IncidentGroup]
    events: list[dict[str, Any]]
    places: list[dict[str, Any]]
    lines: list[dict[str, Any]]
    claims: list[dict[str, Any]]
    buffers: list[dict[str, Any]]


def build(
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
    ensure_writable_folder(out)  # a read-only folder is found now, not after the whole parse
    resources = resources or load_resources(settings, gazetteer_files, borders, online=online)
    run = _parse(paths, resources, settings, gazetteer_files, out, progress, dask)
    summary = BuildSummary(articles=len(run.results), skipped=run.skipped, failed=run.failed)
    summary.gazetteer_problems = list(resources.gazetteer.problems)
    summary.warnings += resources.lexicon.problems
    own_outputs = _count_inputs(paths) - _count_inputs(paths, exclude=[out])
    if own_outputs:
        summary.warnings.append(f"{own_outputs} file(s) under the output directory {out} were not read as input")
    if run.results:
        products = derive_products(run, resources)
        _count_products(summary, products)
        _write_outputs(out, _planned_outputs(formats, products, resources, summary, offline), summary)
    else:
        summary.errors.append(f"no article could be read: nothing written (earlier outputs in {out} kept)")
    if resources.online is not None:
        summary.warnings.append(f"online geocoder: {resources.online.requests} request(s), cache {resources.online.cache_file}")
    summary.seconds = time.perf_counter() - started
    return summary


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
    formats: set[str], products: Products, resources: Resources, summary: BuildSummary, offline: bool
) -> Planned:
    """File name and writer maker of every requested output, in writing order."""
    results, lexicon = products.run.results, resources.lexicon
    planned: Planned = []
    if "jsonl" in formats:
        planned.append(("articles.jsonl", lambda: jsonl_output([article_record(r, lexicon) for r in results])))
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
        planned.append(("map.html", lambda: text_output(lambda: _map_html(products, resources, offline))))
    return planned


def _acled(products: Products, resources: Resources, summary: BuildSummary) -> tuple[Writer, Checker]:
    codes = read_country_codes(resources.settings.path("gazetteer/countries.csv"))
    rows, left_out = acled_rows(products.groups, products.run.results, resources.lexicon, codes)
    summary.acled_rows, summary.acled_left_out = len(rows), left_out
    return acled_output(rows)


def _map_html(products: Products, resources: Resources, offline: bool) -> str:
    from geomap.render import render_map
    from geomap.render.map import page_html

    page = render_map(
        products.events, products.places, products.lines, resources.borders.outline_features(), resources.lexicon,
        resources.borders.attributions(), claims=products.claims, buffers=products.buffers, offline=offline,
    )
    return page_html(page)


def _write_outputs(out: Path, planned: Planned, summary: BuildSummary) -> None:
    """Write and check every planned file, then move them into place together."""
    stage = None
    try:
        with OutputStage(out) as stage:
            for name, make in planned:
                stage.add_made(name, make)
            summary.files = stage.commit()
    except OutputError as exc:
        replaced = stage.committed if stage is not None else []
        summary.files = replaced
        kept = (
            f"replaced before the failure: {', '.join(p.name for p in replaced)}" if replaced
            else f"nothing written, earlier outputs in {out} kept"
        )
        summary.errors.append(f"could not write {exc.path}: {exc.reason}; {kept}")
