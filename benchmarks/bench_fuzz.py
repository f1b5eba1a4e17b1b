"""100,000 fuzzed documents through the whole parse, in batches (issue 14, item 8).

The documents are those of ``tests/fuzzdocs.py`` (random Unicode with surrogates, mutated
seed articles, calendar-edge dates, huge figures, long runs); ``tests/test_fuzz.py`` runs
the first few hundred in CI.  Each document goes through ``parse_or_skip`` (what
``geomap build`` runs) and its ``articles.jsonl`` record is encoded.  Reported: crashes
(an article lost, or a record that cannot be written), stage failures (article kept) by
message, documents over the budget of 2 s per 100 kB (a shorter document counts as
100 kB), the slowest documents and the throughput.

Usage::

    python benchmarks/bench_fuzz.py [--documents 100000] [--batch 1000] [--workers 2] [--max-run 1000]
"""

from __future__ import annotations

import argparse
import collections
import multiprocessing
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from fuzzdocs import document, run_document, unexpected  # noqa: E402

BUDGET = 2.0
_RESOURCES = None


def _batch(bounds: tuple[int, int, int]) -> list[tuple]:
    global _RESOURCES
    if _RESOURCES is None:
        from geomap.pipeline import load_resources

        _RESOURCES = load_resources()
        run_document(document(0, 10), _RESOURCES)  # lazy tables built before anything is timed
    start, end, max_run = bounds
    rows = []
    for number in range(start, end):
        outcome = run_document(document(number, max_run), _RESOURCES)
        rows.append((number, outcome.kind, outcome.chars, outcome.seconds, outcome.crash, outcome.stage_errors))
    return rows


def report(stream, started, workers, kinds, chars, crashes, over, errors, slowest) -> None:
    """Print the figures so far (also written after every batch with --report, so a run
    stopped early still says what it found)."""
    wall = time.perf_counter() - started
    total = sum(kinds.values())
    lines = [
        f"documents: {total:,} ({', '.join(f'{k} {n:,}' for k, n in sorted(kinds.items()))}); "
        f"{chars / 1e6:.1f} M characters; {wall:.0f} s on {workers} workers ({total / wall:.1f} documents/s)",
        f"crashes (article lost or record not written): {len(crashes)}",
        *(f"  document {number} ({kind}): {crash}" for number, kind, crash in crashes[:20]),
        f"documents over {BUDGET:g} s per 100 kB: {len(over)}",
        *(f"  document {number} ({kind}, {size:,} characters): {seconds:.2f} s" for number, kind, size, seconds in over[:20]),
        f"stage failures (article kept): {sum(errors.values())}",
        *(f"  {count:>6}  {error}" for error, count in errors.most_common()),
        "slowest documents (seconds; a document under 100 kB counted as 100 kB):",
        *(f"  document {number} ({kind}, {size:,} characters): {seconds:.3f} s" for per, number, kind, size, seconds in slowest),
    ]
    print("\n".join(lines), file=stream, flush=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--max-run", type=int, default=1000, help="longest run inserted (characters)")
    parser.add_argument("--report", help="rewrite the figures so far to this file after every batch")
    parser.add_argument("--start", type=int, default=0, help="first document number")
    args = parser.parse_args(argv)
    batches = [(s, min(s + args.batch, args.documents), args.max_run)
               for s in range(args.start, args.documents, args.batch)]
    started = time.perf_counter()
    crashes, over, slowest = [], [], []
    errors: collections.Counter[str] = collections.Counter()
    kinds: collections.Counter[str] = collections.Counter()
    chars = 0
    with multiprocessing.get_context("spawn").Pool(args.workers) as pool:
        for done, rows in enumerate(pool.imap_unordered(_batch, batches), 1):
            for number, kind, size, seconds, crash, stage_errors in rows:
                kinds[kind] += 1
                chars += size
                per = seconds / max(1.0, size / 100_000)
                slowest.append((per, number, kind, size, seconds))
                if crash:
                    crashes.append((number, kind, crash))
                if per > BUDGET:
                    over.append((number, kind, size, seconds))
                for error in stage_errors:
                    errors[("" if unexpected([error]) else "(known) ") + error[:120]] += 1
            slowest = sorted(slowest, reverse=True)[:10]
            print(f"batch {done}/{len(batches)}: {sum(kinds.values()):,} documents, {len(crashes)} crashes, "
                  f"{len(over)} over budget, {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
            if args.report:
                with open(args.report, "w", encoding="utf-8") as stream:
                    report(stream, started, args.workers, kinds, chars, crashes, over, errors, slowest)
    report(sys.stdout, started, args.workers, kinds, chars, crashes, over, errors, slowest)


if __name__ == "__main__":
    main()
