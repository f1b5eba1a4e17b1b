"""Time the event stage and the full parse of two source trees in alternation (same run).

    git worktree add /tmp/before 186e636
    python benchmarks/bench_events_ab.py /tmp/before . --rounds 2

Each tree runs in its own process pinned to one core (``taskset -c 1`` when available) and
reports process time per article, the best of five passes over the development-set
articles and the seeds.  Rounds alternate the trees so that load on the machine falls on
both alike.
"""

from __future__ import annotations

import argparse
import glob
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_CHILD = r"""
import glob, os, sys, time
sys.path.insert(0, os.getcwd())
from geomap.corpus import read_corpus
from geomap.events import extract
from geomap.pipeline import find_places, load_resources, parse_article, with_dateline_date

resources = load_resources()
files = sys.argv[1:]
articles = [with_dateline_date(a) for a in read_corpus(files)]
places = [find_places(a, resources) for a in articles]

def events():
    for article, found in zip(articles, places):
        extract.extract_events(article, found.toponyms, resources.lexicon, resources.border_zones, found.organisations)

def full():
    for article in articles:
        parse_article(article, resources)

events(); full()
best_events = best_full = float("inf")
for _ in range(5):
    start = time.process_time(); events(); best_events = min(best_events, time.process_time() - start)
    start = time.process_time(); full(); best_full = min(best_full, time.process_time() - start)
print(f"{best_events / len(articles) * 1000:.2f} {best_full / len(articles) * 1000:.2f} {len(articles)}")
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trees", nargs="+", type=Path, help="source trees (checkouts) to time")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    files = sorted(glob.glob(str(ROOT / "data/devset/articles/*.txt"))) + sorted(glob.glob(str(ROOT / "seeds/*.txt")))
    pin = ["taskset", "-c", "1"] if shutil.which("taskset") else []
    print("| tree | extract_events ms/article | parse_article ms/article | articles |\n|---|---|---|---|")
    for _ in range(args.rounds):
        for tree in args.trees:
            out = subprocess.run([*pin, sys.executable, "-c", _CHILD, *files], cwd=tree.resolve(), capture_output=True,
                                 text=True, check=True, env={**os.environ, "PYTHONHASHSEED": "0"})
            events_ms, full_ms, count = out.stdout.split()
            print(f"| {tree} | {events_ms} | {full_ms} | {count} |", flush=True)


if __name__ == "__main__":
    main()
