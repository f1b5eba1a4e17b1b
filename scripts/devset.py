"""Check and assemble the annotated real-news event set in ``data/devset/``.

Annotators write one JSON line per article to ``data/devset/raw/*.jsonl`` with each event's
sentence as an exact substring of the article file; this script finds the offsets, checks
every field against the annotation conventions (``data/devset/README.md``) and writes
``data/devset/events.jsonl``, the gold file ``geomap eval`` reads.

    python scripts/devset.py check data/devset/raw/batch1.jsonl   # report problems only
    python scripts/devset.py build                                # all raw files -> events.jsonl
    python scripts/devset.py second                               # agreement/raw/*.jsonl -> agreement/second.jsonl

A *second* annotation of some articles by another annotator, written blind to the first, lives
in ``data/devset/agreement/raw/`` (never in ``raw/``, which is the gold); ``second`` checks it
and writes it with offsets to ``data/devset/agreement/second.jsonl``, which
``geomap eval data/devset/dev.jsonl --against data/devset/agreement/second.jsonl`` scores.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEVSET = ROOT / "data" / "devset"
MODALITIES = {"reported", "planned", "denied", "hypothetical", "historical"}
PRECISIONS = {"day", "week", "month", "year"}
# share of articles held out (chosen by a hash of the article id, so the split is stable)
HELD_OUT_SHARE = 0.25


def event_classes() -> set[str]:
    with open(ROOT / "data" / "lexicon" / "event_classes.csv", encoding="utf-8") as handle:
        return {row["class"] for row in csv.DictReader(handle)} | {"other"}


def split_of(article_id: str) -> str:
    digest = int(hashlib.sha256(article_id.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
    return "test" if digest < HELD_OUT_SHARE else "dev"


def _iso(value: object) -> date | None:
    return date.fromisoformat(str(value)) if value else None


def _check_event(event: dict, text: str, classes: set[str], where: str, problems: list[str]) -> dict | None:
    sentence = event.get("sentence") or ""
    occurrence = int(event.get("occurrence", 1))
    at = -1
    for _ in range(occurrence):
        at = text.find(sentence, at + 1)
        if at < 0:
            break
    if not sentence or at < 0:
        problems.append(f"{where}: sentence not found verbatim in the article: {sentence[:70]!r}")
        return None
    if event.get("event_class") not in classes:
        problems.append(f"{where}: unknown event_class {event.get('event_class')!r}")
    for alt in event.get("class_alternatives", []):
        if alt not in classes:
            problems.append(f"{where}: unknown class alternative {alt!r}")
    if event.get("modality") not in MODALITIES:
        problems.append(f"{where}: unknown modality {event.get('modality')!r}")
    try:
        start, end = _iso(event.get("date_start")), _iso(event.get("date_end"))
    except ValueError as exc:
        problems.append(f"{where}: bad date: {exc}")
        start = end = None
    if (start is None) != (end is None) or (start and end and end < start):
        problems.append(f"{where}: date_start/date_end must both be set (start <= end) or both null")
    if start and event.get("date_precision") not in PRECISIONS:
        problems.append(f"{where}: date_precision must be one of {sorted(PRECISIONS)}")
    has_point = event.get("lat") is not None and event.get("lon") is not None
    if has_point and not event.get("radius_km"):
        problems.append(f"{where}: a place needs radius_km")
    if event.get("place_name") and not has_point:
        problems.append(f"{where}: place {event.get('place_name')!r} has no coordinates")
    if has_point and not (-90 <= event["lat"] <= 90 and -180 <= event["lon"] <= 180):
        problems.append(f"{where}: coordinates out of range")
    for name in ("fatalities", "injured"):
        if event.get(name) is not None and not isinstance(event[name], int):
            problems.append(f"{where}: {name} must be an integer or null")
    if not event.get("incident"):
        problems.append(f"{where}: incident id missing")
    return {**event, "sentence_start": at, "sentence_end": at + len(sentence)}


def check_file(path: Path, classes: set[str]) -> tuple[list[dict], list[str]]:
    """Records with offsets, and the problems found, of one raw annotation file."""
    records, problems = [], []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        record = json.loads(line)
        article = ROOT / record["file"]
        if not article.exists():
            problems.append(f"{path.name}:{lineno}: no file {record['file']}")
            continue
        text = article.read_text(encoding="utf-8")
        if not text.startswith(" date ") or not record.get("url"):
            problems.append(f"{path.name}:{lineno}: article needs a ' date YYYY-MM-DD' header and a url")
        events = []
        for index, event in enumerate(record.get("events", [])):
            checked = _check_event(event, text, classes, f"{path.name}:{lineno} event {index}", problems)
            if checked is not None:
                events.append(checked)
        article_id = Path(record["file"]).stem
        records.append({**record, "id": article_id, "split": split_of(article_id), "events": events})
    return records, problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["check", "build", "second"])
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args(argv)
    classes = event_classes()
    raw = DEVSET / ("agreement/raw" if args.command == "second" else "raw")
    files = args.files or sorted(raw.glob("*.jsonl"))
    all_records, all_problems = [], []
    for path in files:
        records, problems = check_file(path, classes)
        all_records += records
        all_problems += problems
    for problem in all_problems:
        print(problem, file=sys.stderr)
    n_events = sum(len(r["events"]) for r in all_records)
    print(f"{len(all_records)} articles, {n_events} events, {len(all_problems)} problems")
    if args.command == "build" and not all_problems:
        for split in ("dev", "test"):
            chosen = [r for r in all_records if r["split"] == split]
            out = DEVSET / f"{split}.jsonl"
            out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in chosen), encoding="utf-8")
            print(f"wrote {out.relative_to(ROOT)}: {len(chosen)} articles, {sum(len(r['events']) for r in chosen)} events")
    if args.command == "second" and not all_problems:
        out = DEVSET / "agreement" / "second.jsonl"
        out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in all_records), encoding="utf-8")
        print(f"wrote {out.relative_to(ROOT)}: {len(all_records)} articles, {n_events} events")
    return 1 if all_problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
