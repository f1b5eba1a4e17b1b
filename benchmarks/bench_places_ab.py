"""Time ``geomap parse --places-only`` of two source trees in one process, article by article.

    git worktree add /tmp/before 3278d7b
    python benchmarks/bench_places_ab.py /tmp/before . --rounds 3

The two cores of the project's machine are shared, and timings of separate runs moved by
±30 % under load.  Here both trees run in the same process, pinned to one core: the
``before`` tree's ``geomap`` package is copied under another name (``geomap_before``, its
imports renamed), each article is parsed by both trees one after the other (the order
alternating), and the process time of each call is added to its tree.  The plain
geotext-style lookup of ``bench_parse.py`` is timed on the same articles in the same loop:
issue 15 asks places-only for at least half its rate.

Corpora: the development-set articles (``data/devset/dev.jsonl`` names them) and the seeds,
and the synthetic corpus of ``corpus.py`` (``--synthetic N`` articles).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
_IMPORTS = re.compile(r"\b(from|import) geomap\b")


def copy_as(tree: Path, name: str, into: Path) -> None:
    """Copy ``tree``'s ``geomap`` package to ``into/name`` with its imports renamed, and its
    data and ``pyproject.toml`` beside it (the package finds its data there)."""
    shutil.copytree(tree / "geomap", into / name, ignore=shutil.ignore_patterns("__pycache__"))
    for path in (into / name).rglob("*.py"):
        path.write_text(_IMPORTS.sub(rf"\1 {name}", path.read_text(encoding="utf-8")), encoding="utf-8")
    (into / "data").symlink_to((tree / "data").resolve())
    shutil.copy(tree / "pyproject.toml", into / "pyproject.toml")


def real_articles(root: Path) -> list:
    from geomap.corpus import read_file
    from geomap.model import SkippedInput

    with (root / "data" / "devset" / "dev.jsonl").open(encoding="utf-8") as stream:
        files = sorted({json.loads(line)["file"] for line in stream if line.strip()})
    paths = [root / f for f in files] + sorted((root / "seeds").glob("*.txt"))
    return [a for p in paths for a in read_file(p) if not isinstance(a, SkippedInput)]


def compare(articles: list, trees: dict, plain, rounds: int) -> dict:
    """Process seconds per tree and for the plain lookup over ``rounds`` passes."""
    names = list(trees)
    totals = dict.fromkeys([*names, "plain"], 0.0)
    clock = time.process_time
    for article in articles:  # warm both trees' memos
        for parse, resources in trees.values():
            parse(article, resources)
    for turn in range(rounds):
        for number, article in enumerate(articles):
            for name in names if (number + turn) % 2 else names[::-1]:
                parse, resources = trees[name]
                started = clock()
                parse(article, resources)
                totals[name] += clock() - started
            started = clock()
            plain.find(article.text)
            totals["plain"] += clock() - started
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before", type=Path, help="source tree before the change")
    parser.add_argument("after", type=Path, help="source tree after the change")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--synthetic", type=int, default=1000, help="synthetic articles (0: none)")
    args = parser.parse_args()
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    work = Path(tempfile.mkdtemp(prefix="bench-places-ab-"))
    copy_as(args.before.resolve(), "geomap_before", work)
    sys.path[:0] = [str(args.after.resolve()), str(HERE), str(work)]

    import geomap_before.pipeline as before
    from bench_parse import PlainMatcher, _article
    from corpus import make_corpus

    import geomap
    from geomap import pipeline as after

    assert Path(geomap.__file__).resolve().is_relative_to(args.after.resolve()), geomap.__file__
    trees = {
        "before": (before.parse_places, before.load_resources()),
        "after": (after.parse_places, after.load_resources()),
    }
    corpora = {"real news (dev set and seeds)": real_articles(args.after.resolve())}
    if args.synthetic:
        corpora[f"synthetic ({args.synthetic})"] = [_article(r) for r in make_corpus(args.synthetic)]
    plain = PlainMatcher()
    print(f"load average {os.getloadavg()[0]:.1f}; {args.rounds} rounds; process time, ms per article")
    print("| corpus | before | after | speed-up | plain lookup | ratio before | ratio after (target ≥ 0.5) |")
    print("|---|---|---|---|---|---|---|")
    for label, articles in corpora.items():
        totals = compare(articles, trees, plain, args.rounds)
        n = len(articles) * args.rounds
        ms = {k: v / n * 1e3 for k, v in totals.items()}
        print(
            f"| {label}, {len(articles)} articles | {ms['before']:.3f} | {ms['after']:.3f} | "
            f"{totals['before'] / totals['after']:.3f}× | {ms['plain']:.3f} | "
            f"{totals['plain'] / totals['before']:.3f} | {totals['plain'] / totals['after']:.3f} |",
            flush=True,
        )
    print(f"load average {os.getloadavg()[0]:.1f}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
