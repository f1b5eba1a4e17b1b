"""``geomap build``: run the pipeline over a corpus and write every output."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from geomap.config import ALL_FORMATS, DEFAULT_SETTINGS, Settings
from geomap.corpus import iter_files
from geomap.export import (
    acled_rows,
    article_record,
    border_features,
    claim_features,
    event_features,
    place_features,
    summarise_places,
    write_acled_csv,
    write_claims_csv,
    write_geojson,
    write_gpkg,
    write_jsonl,
    write_kml,
)
from geomap.gazetteer.sources import read_country_codes
from geomap.events.merge import link_reports
from geomap.model import SkippedInput
from geomap.pipeline import Resources, load_resources, run_corpus


@dataclass
class BuildSummary:
    """What a build read, found, skipped and wrote."""

    articles: int = 0
    skipped: list[SkippedInput] = field(default_factory=list)
    failed: list[SkippedInput] = field(default_factory=list)
    places: int = 0
    toponyms: int = 0
    events: int = 0
    events_located: int = 0
    event_groups: int = 0
    claims: dict[str, int] = field(default_factory=dict)
    acled_rows: int = 0
    acled_left_out: dict[str, int] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every input was read and parsed."""
        return not self.skipped and not self.failed

    def lines(self) -> list[str]:
        """Human-readable summary lines."""
        out = [
            f"articles read: {self.articles}",
            f"skipped: {len(self.skipped) + len(self.failed)}",
        ]
        out += [f"  {s.source}: {s.reason}" for s in self.skipped + self.failed]
        out += [
            f"toponyms resolved: {self.toponyms} ({self.places} distinct places)",
            f"events: {self.events} ({self.events_located} located; {self.event_groups} distinct after linking reports)",
            f"ACLED-compatible rows: {self.acled_rows}",
            "claims checked: " + (", ".join(f"{n} {verdict}" for verdict, n in sorted(self.claims.items())) or "none"),
        ]
        out += [f"  not in the ACLED file: {n} ({reason})" for reason, n in sorted(self.acled_left_out.items())]
        out += [f"warning: {w}" for w in self.warnings]
        out += [f"wrote {path}" for path in self.files]
        out.append(f"time: {self.seconds:.1f} s")
        return out


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
    """
    started = time.perf_counter()
    paths = list(paths)
    formats = set(formats)
    unknown = formats - set(ALL_FORMATS)
    if unknown:
        raise ValueError(f"unknown output format(s): {', '.join(sorted(unknown))}; choose from {', '.join(ALL_FORMATS)}")
    resources = resources or load_resources(settings, gazetteer_files, borders, online=online)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if dask:
        if online:
            raise ValueError("--online cannot be combined with --dask (the geocoder cache is per machine)")
        from geomap.scale import run_corpus_dask

        address = dask if "://" in dask else None
        run = run_corpus_dask(
            paths, settings, gazetteer_files, resources.border_pairs, scheduler=dask, address=address, exclude=[out]
        )
    else:
        run = run_corpus(paths, resources, progress=progress, exclude=[out])
    lexicon = resources.lexicon

    summary = BuildSummary(articles=len(run.results), skipped=run.skipped, failed=run.failed)
    summary.warnings += resources.gazetteer.problems + lexicon.problems
    own_outputs = len(list(iter_files(paths))) - len(list(iter_files(paths, exclude=[out])))
    if own_outputs:
        summary.warnings.append(f"{own_outputs} file(s) under the output directory {out} were not read as input")
    summary.toponyms = sum(len(r.toponyms) for r in run.results)
    groups = link_reports(run.results)
    summary.event_groups = len(groups)
    events = event_features(run.results, lexicon, groups)
    places = place_features(summarise_places(run.results), resources.borders, resources.border_pairs)
    # the requested borders, and every other border some event was measured against (its nearest)
    measured = sorted({e.border.border for r in run.results for e in r.events if e.border is not None} - set(resources.border_pairs))
    lines = border_features(resources.borders, (*resources.border_pairs, *measured))
    summary.places = len(places)
    summary.events = len(events)
    summary.events_located = sum(1 for f in events if f["geometry"])
    claims = claim_features(run.results)
    for claim in claims:
        verdict = claim["properties"]["verdict"]
        summary.claims[verdict] = summary.claims.get(verdict, 0) + 1

    def written(path: Path) -> None:
        summary.files.append(path)

    if "jsonl" in formats:
        write_jsonl(out / "articles.jsonl", [article_record(r, lexicon) for r in run.results])
        written(out / "articles.jsonl")
    if "geojson" in formats:
        write_geojson(out / "events.geojson", events, "events")
        write_geojson(out / "places.geojson", places, "places")
        write_geojson(out / "border.geojson", lines, "border")
        written(out / "events.geojson")
        written(out / "places.geojson")
        written(out / "border.geojson")
    buffers = [f for p in resources.border_pairs for f in resources.borders.buffer_bands(p)]
    if "gpkg" in formats:
        write_gpkg(out / "geomap.gpkg", {"events": events, "places": places, "border": lines, "buffers": buffers})
        written(out / "geomap.gpkg")
    if "kml" in formats and any(f["geometry"] for f in events):
        write_kml(out / "events.kml", events)
        written(out / "events.kml")
    if "acled" in formats:
        rows, left_out = acled_rows(groups, run.results, lexicon, read_country_codes(settings.path("gazetteer/countries.csv")))
        write_acled_csv(out / "events_acled.csv", rows)
        summary.acled_rows, summary.acled_left_out = len(rows), left_out
        written(out / "events_acled.csv")
    if "claims" in formats:
        write_claims_csv(out / "claims.csv", run.results)
        written(out / "claims.csv")
    if "map" in formats:
        from geomap.render import render_map, save_map

        outlines = resources.borders.outline_features()
        page = render_map(
            events, places, lines, outlines, lexicon, resources.borders.attributions(), claims=claims, buffers=buffers,
            offline=offline,
        )
        save_map(page, out / "map.html")
        written(out / "map.html")
    if resources.online is not None:
        summary.warnings.append(f"online geocoder: {resources.online.requests} request(s), cache {resources.online.cache_file}")
    summary.seconds = time.perf_counter() - started
    return summary
