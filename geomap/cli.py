"""Command line: ``geomap build | parse | distance | places``.

A thin shell over :mod:`geomap.build` and :mod:`geomap.pipeline`: parse arguments, call
the pipeline, print results.  Exit codes mean one thing each:

* 0: every input read, every output written;
* 1: some inputs (files, records, gazetteer rows) were skipped, each named; the rest was
  processed and every output written;
* 2: nothing was written: no input could be read, an output failed (named; earlier
  outputs are kept byte-identical), the output folder is not writable (found before
  parsing), or the command line or a data file is unusable.
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import sys
from dataclasses import replace
from importlib import metadata
from pathlib import Path
from typing import TextIO

from geomap.config import ALL_FORMATS, DEFAULT_SETTINGS, Settings, sample_articles


def _formats(value: str) -> list[str]:
    """``--format`` value: one format or several separated by commas (``geojson,kml``)."""
    chosen = [part.strip().lower() for part in value.split(",") if part.strip()]
    unknown = [f for f in chosen if f not in ALL_FORMATS and f != "all"]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(
            f"unknown format {', '.join(unknown) or repr(value)}; choose from {', '.join(ALL_FORMATS)} (or all)"
        )
    return list(ALL_FORMATS) if "all" in chosen else chosen


def _megabytes(value: str) -> float:
    try:
        limit = float(value)
    except ValueError:
        limit = float("nan")
    if not 0 < limit < float("inf"):
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive number of megabytes")
    return limit


def _version() -> str:
    try:
        return metadata.version("geomap")
    except metadata.PackageNotFoundError:  # running from a checkout that was never installed
        return "unknown (not installed)"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="geomap", description="Map places and events from news about a border.")
    parser.add_argument("--version", action="version", version=f"geomap {_version()}")
    # -v works before or after the command; SUPPRESS keeps a subcommand's default from
    # overwriting a -v given before it
    parser.add_argument("-v", "--verbose", action="store_true", help="log details and the seconds of every stage to stderr")
    verbosity = argparse.ArgumentParser(add_help=False)
    verbosity.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", required=True)

    # options shown only on the commands where they act
    gazetteer = argparse.ArgumentParser(add_help=False)
    gazetteer.add_argument("--gazetteer", action="append", default=[], metavar="CSV", help="extra gazetteer CSV (repeatable)")
    border = argparse.ArgumentParser(add_help=False)
    border.add_argument(
        "--border", action="append", default=[], metavar="PAIR",
        help="border pair to draw and measure in every output, e.g. TJK-AFG (repeatable; first is primary); distances always use the nearest border too",
    )
    corpus = argparse.ArgumentParser(add_help=False)
    corpus.add_argument("--online", action="store_true",
                        help="ask OpenStreetMap Nominatim (1 request/s, cached) for names no offline gazetteer knows")
    corpus.add_argument("--max-file-mb", type=_megabytes, metavar="MB",
                        help=f"skip input files larger than this (default {DEFAULT_SETTINGS.max_file_mb:g} MB; also $GEOMAP_MAX_FILE_MB)")

    build = sub.add_parser("build", parents=[verbosity, gazetteer, border, corpus], help="parse a corpus and write the map and data files")
    build.add_argument("paths", nargs="*", help="files or directories (default: seeds/ here, else the sample articles installed with geomap)")
    build.add_argument("-o", "--out", default="output", help="output directory (default: output/)")
    build.add_argument("--format", action="append", default=[], type=_formats, metavar="FMT[,FMT…]",
                       help=f"{', '.join(ALL_FORMATS)}; comma-separated or repeated (default: all)")
    build.add_argument("--no-progress", action="store_true", help="no progress bar (shown only on a terminal)")
    build.add_argument("--dask", metavar="SCHEDULER",
                       help="parse on Dask: processes (all cores), threads, synchronous, or tcp://scheduler:8786")
    build.add_argument("--offline", action="store_true",
                       help="self-contained map.html: Leaflet inlined, no tiles, no network requests")

    parse = sub.add_parser("parse", parents=[verbosity, gazetteer, border, corpus], help="print one JSON line per article")
    parse.add_argument("paths", nargs="+", help="files or directories")
    parse.add_argument("--places-only", action="store_true",
                       help="only toponyms and organisation names: no events, no claim checks (several times faster)")
    parse.add_argument("--no-progress", action="store_true", help="no progress bar (shown only on a terminal)")

    distance = sub.add_parser("distance", parents=[verbosity, border], help="distance and side relative to the border")
    distance.add_argument("lat", nargs="?", type=float, help="latitude (WGS84 degrees)")
    distance.add_argument("lon", nargs="?", type=float, help="longitude (WGS84 degrees)")
    distance.add_argument("--csv", metavar="FILE", help="CSV with latitude and longitude columns; writes the metrics as CSV")
    distance.add_argument("--lat-col", default="lat", metavar="NAME", help="latitude column of --csv (default: lat)")
    distance.add_argument("--lon-col", default="lon", metavar="NAME", help="longitude column of --csv (default: lon)")
    distance.add_argument("-o", "--out", metavar="FILE", help="output CSV (default: stdout)")

    evaluate = sub.add_parser("eval", parents=[verbosity], help="score geomap against annotated gold files (JSON lines)")
    evaluate.add_argument("gold", nargs="+", help="gold JSONL files ({text, date?, toponyms|events})")
    evaluate.add_argument("--errors", action="store_true", help="list every miss, false positive and wrong resolution")
    evaluate.add_argument("--json", action="store_true", help="print the metrics as JSON")

    places = sub.add_parser("places", parents=[verbosity, gazetteer], help="gazetteer candidates for a name")
    places.add_argument("name")
    places.add_argument("--context", default="", help="text around the name, for disambiguation")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``geomap`` console script."""
    args = _parser().parse_args(argv)
    _configure_logging(args.verbose)
    try:
        return COMMANDS[args.command](args)
    except (ValueError, OSError) as exc:
        print(f"geomap: error: {exc}", file=sys.stderr)
        return 2


_CHATTY_LIBRARIES = ("pyogrio", "fiona", "urllib3", "matplotlib")


def _configure_logging(verbose: bool) -> None:
    """Warnings (and with -v details) on stderr; one-line notices ("compiling the
    gazetteer index...") always, so a long first run does not look like a hang."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(message)s")
    for library in _CHATTY_LIBRARIES:  # -v is about geomap's stages, not every chunk a library writes
        logging.getLogger(library).setLevel(logging.WARNING)
    notices = logging.getLogger("geomap.notice")
    notices.setLevel(logging.INFO)
    notices.propagate = False
    if not notices.handlers:
        handler = _StderrHandler()
        handler.setFormatter(logging.Formatter("geomap: %(message)s"))
        notices.addHandler(handler)


class _StderrHandler(logging.StreamHandler):
    """A handler writing to the current ``sys.stderr`` (not the one of its creation, which
    a test harness or a redirect may have replaced since)."""

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value) -> None:
        pass


def _settings(args: argparse.Namespace) -> Settings:
    """The default settings with the command line's overrides."""
    limit = getattr(args, "max_file_mb", None)
    return replace(DEFAULT_SETTINGS, max_file_mb=limit) if limit else DEFAULT_SETTINGS


def _input_paths(paths: list[str]) -> list[str]:
    """The paths given, else ``seeds/`` of the current folder, else the installed samples."""
    if paths:
        return paths
    if Path("seeds").is_dir():
        return ["seeds"]
    samples = sample_articles()
    logging.getLogger("geomap.notice").info("no paths given and no seeds/ here: reading the sample articles in %s", samples)
    return [str(samples)]


def _build(args: argparse.Namespace) -> int:
    from geomap.build import build

    summary = build(
        _input_paths(args.paths),
        args.out,
        _settings(args),
        formats=[f for group in args.format for f in group] or ALL_FORMATS,
        gazetteer_files=args.gazetteer,
        borders=args.border,
        progress=not args.no_progress and sys.stderr.isatty(),
        offline=args.offline,
        online=args.online,
        dask=args.dask,
    )
    for line in summary.lines(verbose=args.verbose):
        print(line)
    for error in summary.errors:
        print(f"geomap: error: {error}", file=sys.stderr)
    return summary.exit_code


def _parse(args: argparse.Namespace) -> int:
    from geomap.corpus import DateProblem
    from geomap.export import article_record, record_json
    from geomap.model import SkippedInput
    from geomap.pipeline import iter_results, load_resources

    resources = load_resources(_settings(args), args.gazetteer, args.border, online=args.online)
    for problem in resources.gazetteer.problems + resources.lexicon.problems:
        print(f"geomap: warning: {problem}", file=sys.stderr)
    status = 1 if resources.gazetteer.problems else 0  # a skipped gazetteer row is a skipped input
    progress = not args.no_progress and sys.stderr.isatty()
    for item in iter_results(args.paths, resources, progress=progress, places_only=args.places_only):
        if isinstance(item, DateProblem):
            print(f"geomap: warning: {item.source}: {item.reason}", file=sys.stderr)
            status = 1
            continue
        if isinstance(item, SkippedInput):
            print(f"geomap: skipped {item.source}: {item.reason}", file=sys.stderr)
            status = 1
            continue
        for error in getattr(item, "stage_errors", ()):
            print(f"geomap: warning: {item.article.source_file}: stage failed, article kept: {error}", file=sys.stderr)
            status = 1
        record = article_record(item, resources.lexicon)
        if args.places_only:
            del record["events"], record["claims"]  # not looked for: absent, not empty
        print(record_json(record))
    return status


def _distance(args: argparse.Namespace) -> int:
    from geomap.border import load_borders

    borders = load_borders(DEFAULT_SETTINGS)
    pair = args.border[0] if args.border else DEFAULT_SETTINGS.default_border
    if args.csv:
        return _distance_csv(borders, pair, Path(args.csv), args.out, (args.lat_col, args.lon_col))
    if args.lat is None or args.lon is None:
        raise ValueError("give LAT LON, or --csv FILE")
    if not (-90 <= args.lat <= 90 and -180 <= args.lon <= 180):
        raise ValueError(f"{args.lat}, {args.lon} is not a valid latitude, longitude")
    print(json.dumps(_distance_record(borders, args.lat, args.lon, pair)))
    return 0


def _distance_record(borders, lat: float, lon: float, pair: str) -> dict:
    """The requested border's metrics, and the nearest border of all lines in the data
    (Termez: 45 km from TJK-AFG, but 4 km from UZB-AFG), each naming its pair."""
    measured = borders.measure_places([lat], [lon], (pair,))[0]  # the one owner of border measurement
    requested, nearest = measured.requested[0], measured.nearest

    def record(metrics) -> dict:
        return {
            "border": metrics.border,
            "distance_km": metrics.distance_km,
            "side": metrics.side,
            "side_uncertain": metrics.side_uncertain,
            "nearest_lat": metrics.nearest_lat,
            "nearest_lon": metrics.nearest_lon,
            "bearing_deg": metrics.bearing_deg,
        }

    nearest_record = record(nearest)
    nearest_record["is_requested"] = nearest.border == requested.border
    return {**record(requested), "nearest_border": nearest_record}


# the columns ``distance --csv`` adds to the input's
_DISTANCE_CSV_FIELDS = ["border", "distance_km", "side", "side_uncertain", "nearest_lat", "nearest_lon", "bearing_deg",
                        "nearest_border", "nearest_border_km", "nearest_border_side"]


def _distance_csv(borders, pair: str, source: Path, out: str | None, columns: tuple[str, str] = ("lat", "lon")) -> int:
    header, rows = _read_point_rows(source, columns)
    good, problems = _valid_points(rows, source, columns)
    records = _distance_rows(borders, pair, good)
    fields = list(header)
    target: TextIO = open(out, "w", newline="", encoding="utf-8") if out else sys.stdout
    try:
        writer = csv.DictWriter(target, fieldnames=fields + [f for f in _DISTANCE_CSV_FIELDS if f not in fields])
        writer.writeheader()
        for record in records:
            writer.writerow(record)
    finally:
        if out:
            target.close()
    for problem in problems:
        print(f"geomap: {problem}", file=sys.stderr)
    return 1 if problems else 0


def _read_point_rows(source: Path, columns: tuple[str, str]) -> tuple[list[str], list[dict[str, str]]]:
    """The header and rows of a ``distance --csv`` file; an error naming the missing columns."""
    with source.open(newline="", encoding="utf-8-sig") as stream:
        reader = csv.DictReader(stream)
        rows = list(reader)
        header = list(reader.fieldnames or [])
    missing = [c for c in columns if c not in header]
    if missing:
        raise ValueError(
            f"{source}: no column {' or '.join(map(repr, missing))} (columns: {', '.join(header) or 'none'}); "
            "name them with --lat-col and --lon-col"
        )
    return header, rows


def _valid_points(
    rows: list[dict[str, str]], source: Path, columns: tuple[str, str]
) -> tuple[list[tuple[dict[str, str], float, float]], list[str]]:
    """The rows with a valid latitude and longitude (with them), and a problem per other row."""
    lat_col, lon_col = columns
    good, problems = [], []
    for number, row in enumerate(rows, start=2):  # line 1 is the header
        try:
            lat, lon = float(row[lat_col]), float(row[lon_col])
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise ValueError
            good.append((row, lat, lon))
        except (TypeError, ValueError):
            problems.append(f"{source}:{number}: {lat_col}/{lon_col} {row.get(lat_col)!r}/{row.get(lon_col)!r} invalid; row skipped")
    return good, problems


def _distance_rows(borders, pair: str, good: list[tuple[dict[str, str], float, float]]) -> list[dict[str, object]]:
    """Each valid row with the requested border's metrics and the nearest border of all lines
    (Termez: 45 km from TJK-AFG, 4 km from UZB-AFG), formatted for the CSV."""
    if not good:
        return []
    import numpy as np

    lats, lons = [g[1] for g in good], [g[2] for g in good]
    values = borders.measure(np.array(lats), np.array(lons), pair)
    nearest = [m.nearest for m in borders.measure_places(lats, lons, (pair,))]
    return [
        {
            **row,
            "border": borders.line(pair).pair,
            "distance_km": f"{values['distance_km'][i]:.3f}",
            "side": values["side"][i],
            "side_uncertain": bool(values["side_uncertain"][i]),
            "nearest_lat": f"{values['nearest_lat'][i]:.5f}",
            "nearest_lon": f"{values['nearest_lon'][i]:.5f}",
            "bearing_deg": f"{values['bearing_deg'][i]:.1f}",
            "nearest_border": nearest[i].border,
            "nearest_border_km": f"{nearest[i].distance_km:.3f}",
            "nearest_border_side": nearest[i].side,
        }
        for i, (row, _, _) in enumerate(good)
    ]


def _places(args: argparse.Namespace) -> int:
    from geomap.pipeline import load_resources
    from geomap.places import recognise, resolve

    resources = load_resources(DEFAULT_SETTINGS, args.gazetteer)
    text = f"{args.context} {args.name}".strip() if args.context else args.name
    start = text.rfind(args.name)
    found = recognise(text, resources.gazetteer)
    mentions = [m for m in found.mentions if m.start <= start < m.end or start <= m.start < start + len(args.name)]
    if not mentions:
        print(json.dumps({"name": args.name, "candidates": [], "reason": "no gazetteer entry matches this name"}))
        return 1
    toponyms = {id(t.mention): t for t in resolve(text, found.mentions, resources.gazetteer, resources.settings)}
    gazetteer = resources.gazetteer
    for mention in mentions:
        chosen = toponyms.get(id(mention))
        candidates = [gazetteer.places.get(i) for i in mention.candidate_ids]
        print(json.dumps({
            "text": mention.text,
            "kind": mention.kind,
            "fuzzy": mention.fuzzy,
            "chosen": chosen.place.id if chosen else None,
            "confidence": chosen.confidence if chosen else None,
            "reasons": chosen.reasons if chosen else ["rejected: score below threshold"],
            "candidates": [
                {"id": p.id, "name": p.name, "lat": p.lat, "lon": p.lon, "country": p.country,
                 "feature_type": p.feature_type, "population": p.population, "source": p.source,
                 "citation": p.citation}
                for p in candidates[:20]
            ],
            "candidate_count": len(candidates),
        }, ensure_ascii=False))
    return 0


def _eval(args: argparse.Namespace) -> int:
    from geomap.evaluate import main as evaluate_main

    return evaluate_main([*args.gold, *(["--errors"] if args.errors else []), *(["--json"] if args.json else [])])


COMMANDS = {"build": _build, "parse": _parse, "distance": _distance, "places": _places, "eval": _eval}

if __name__ == "__main__":
    sys.exit(main())
