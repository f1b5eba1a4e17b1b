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
from pathlib import Path

from geomap.config import ALL_FORMATS, DEFAULT_SETTINGS


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="geomap", description="Map places and events from news about a border.")
    parser.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")
    sub = parser.add_subparsers(dest="command", required=True)

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--gazetteer", action="append", default=[], metavar="CSV", help="extra gazetteer CSV (repeatable)")
    common.add_argument("--border", action="append", default=[], metavar="PAIR", help="border pair to draw and measure in every output, e.g. TJK-AFG (repeatable; first is primary); distances always use the nearest border too")
    common.add_argument("--online", action="store_true",
                        help="ask OpenStreetMap Nominatim (1 request/s, cached) for names no offline gazetteer knows")

    build = sub.add_parser("build", parents=[common], help="parse a corpus and write the map and data files")
    build.add_argument("paths", nargs="*", default=["seeds"], help="files or directories (default: seeds/)")
    build.add_argument("-o", "--out", default="output", help="output directory (default: output/)")
    build.add_argument("--format", action="append", default=[], metavar="FMT",
                       help=f"{', '.join(ALL_FORMATS)} (repeatable; default: all)")
    build.add_argument("--no-progress", action="store_true", help="no progress bar")
    build.add_argument("--dask", metavar="SCHEDULER",
                       help="parse on Dask: processes (all cores), threads, synchronous, or tcp://scheduler:8786")
    build.add_argument("--offline", action="store_true",
                       help="self-contained map.html: Leaflet inlined, no tiles, no network requests")

    parse = sub.add_parser("parse", parents=[common], help="print one JSON line per article")
    parse.add_argument("paths", nargs="+", help="files or directories")
    parse.add_argument("--places-only", action="store_true",
                       help="only toponyms and organisation names: no events, no claim checks (several times faster)")

    distance = sub.add_parser("distance", parents=[common], help="distance and side relative to the border")
    distance.add_argument("lat", nargs="?", type=float, help="latitude (WGS84 degrees)")
    distance.add_argument("lon", nargs="?", type=float, help="longitude (WGS84 degrees)")
    distance.add_argument("--csv", metavar="FILE", help="CSV with lat and lon columns; writes the metrics as CSV")
    distance.add_argument("-o", "--out", metavar="FILE", help="output CSV (default: stdout)")

    evaluate = sub.add_parser("eval", help="score geomap against annotated gold files (JSON lines)")
    evaluate.add_argument("gold", nargs="+", help="gold JSONL files ({text, date?, toponyms|events})")
    evaluate.add_argument("--errors", action="store_true", help="list every miss, false positive and wrong resolution")
    evaluate.add_argument("--json", action="store_true", help="print the metrics as JSON")

    places = sub.add_parser("places", parents=[common], help="gazetteer candidates for a name")
    places.add_argument("name")
    places.add_argument("--context", default="", help="text around the name, for disambiguation")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``geomap`` console script."""
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(message)s")
    try:
        return COMMANDS[args.command](args)
    except (ValueError, OSError) as exc:
        print(f"geomap: error: {exc}", file=sys.stderr)
        return 2


def _build(args: argparse.Namespace) -> int:
    from geomap.build import build

    summary = build(
        args.paths,
        args.out,
        DEFAULT_SETTINGS,
        formats=args.format or ALL_FORMATS,
        gazetteer_files=args.gazetteer,
        borders=args.border,
        progress=not args.no_progress and sys.stderr.isatty(),
        offline=args.offline,
        online=args.online,
        dask=args.dask,
    )
    for line in summary.lines():
        print(line)
    for error in summary.errors:
        print(f"geomap: error: {error}", file=sys.stderr)
    return summary.exit_code


def _parse(args: argparse.Namespace) -> int:
    from geomap.export import article_record
    from geomap.pipeline import iter_results, load_resources

    resources = load_resources(DEFAULT_SETTINGS, args.gazetteer, args.border, online=args.online)
    for problem in resources.gazetteer.problems + resources.lexicon.problems:
        print(f"geomap: warning: {problem}", file=sys.stderr)
    status = 1 if resources.gazetteer.problems else 0  # a skipped gazetteer row is a skipped input
    for item in iter_results(args.paths, resources, places_only=args.places_only):
        if hasattr(item, "reason"):
            print(f"geomap: skipped {item.source}: {item.reason}", file=sys.stderr)
            status = 1
            continue
        record = article_record(item, resources.lexicon)
        if args.places_only:
            del record["events"], record["claims"]  # not looked for: absent, not empty
        print(json.dumps(record, ensure_ascii=False))
    return status


def _distance(args: argparse.Namespace) -> int:
    from geomap.border import load_borders

    borders = load_borders(DEFAULT_SETTINGS)
    pair = args.border[0] if args.border else DEFAULT_SETTINGS.default_border
    if args.csv:
        return _distance_csv(borders, pair, Path(args.csv), args.out)
    if args.lat is None or args.lon is None:
        raise ValueError("give LAT LON, or --csv FILE")
    if not (-90 <= args.lat <= 90 and -180 <= args.lon <= 180):
        raise ValueError(f"{args.lat}, {args.lon} is not a valid latitude, longitude")
    metrics = borders.metrics(args.lat, args.lon, pair)
    print(json.dumps({
        "border": metrics.border,
        "distance_km": metrics.distance_km,
        "side": metrics.side,
        "side_uncertain": metrics.side_uncertain,
        "nearest_lat": metrics.nearest_lat,
        "nearest_lon": metrics.nearest_lon,
        "bearing_deg": metrics.bearing_deg,
    }))
    return 0


def _distance_csv(borders, pair: str, source: Path, out: str | None) -> int:
    import numpy as np

    with source.open(newline="", encoding="utf-8-sig") as stream:
        rows = list(csv.DictReader(stream))
    if rows and not {"lat", "lon"} <= set(rows[0]):
        raise ValueError(f"{source}: needs 'lat' and 'lon' columns")
    good, problems = [], []
    for number, row in enumerate(rows, start=2):
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise ValueError
            good.append((row, lat, lon))
        except (TypeError, ValueError):
            problems.append(f"{source}:{number}: lat/lon {row.get('lat')!r}/{row.get('lon')!r} invalid; row skipped")
    values = borders.measure(np.array([g[1] for g in good]), np.array([g[2] for g in good]), pair) if good else {}
    fields = list(rows[0]) if rows else ["lat", "lon"]
    extra = ["border", "distance_km", "side", "side_uncertain", "nearest_lat", "nearest_lon", "bearing_deg"]
    stream = open(out, "w", newline="", encoding="utf-8") if out else sys.stdout
    try:
        writer = csv.DictWriter(stream, fieldnames=fields + [f for f in extra if f not in fields])
        writer.writeheader()
        for i, (row, _, _) in enumerate(good):
            writer.writerow({
                **row,
                "border": borders.line(pair).pair,
                "distance_km": f"{values['distance_km'][i]:.3f}",
                "side": values["side"][i],
                "side_uncertain": bool(values["side_uncertain"][i]),
                "nearest_lat": f"{values['nearest_lat'][i]:.5f}",
                "nearest_lon": f"{values['nearest_lon'][i]:.5f}",
                "bearing_deg": f"{values['bearing_deg'][i]:.1f}",
            })
    finally:
        if out:
            stream.close()
    for problem in problems:
        print(f"geomap: {problem}", file=sys.stderr)
    return 1 if problems else 0


def _places(args: argparse.Namespace) -> int:
    from geomap.pipeline import load_resources
    from geomap.places import recognise, resolve

    resources = load_resources(DEFAULT_SETTINGS, args.gazetteer, args.border)
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
                 "feature_type": p.feature_type, "population": p.population, "source": p.source}
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
