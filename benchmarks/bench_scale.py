"""Corpus-scale acceptance figures of issue 14: copies, one big file, 20,000 articles.

Every figure is a whole ``geomap`` command run in a fresh process under
``/usr/bin/time -v`` (wall time and peak resident memory of the process):

* ``copies``: ``geomap build`` of 1 and 20 copies of ``seeds/`` (each copy under new
  file names): total output size and the ratio (target: 20 copies ≤ 30× one copy,
  peak memory ≤ 1.5 GB);
* ``repeated``: one 1 MB ``.txt`` made of the seed articles' bodies repeated (target:
  ≤ 2 GB, under a minute);
* ``corpus``: 20,000 real-length articles (copies and mutations of the seed articles and
  of the synthetic benchmark corpus, in 40 JSON-lines files): ``geomap parse`` (the parse
  alone), ``geomap build`` and ``geomap build --dask processes`` (target: build < 3× the
  parse, ≤ 4 GB; the Dask build writes the same files).

Usage::

    python benchmarks/bench_scale.py [copies] [repeated] [corpus] [--articles N] [--work DIR]
        [--geomap "COMMAND"]    # e.g. "python -m geomap.cli" with PYTHONPATH at another checkout

Prints one Markdown row per command.  The caches (gazetteer index, vocabulary) are
warmed by a first run that is not counted.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
sys.path.insert(0, str(Path(__file__).resolve().parent))

TIME_WALL = re.compile(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)")
GEOMAP = ["geomap"]  # the command that runs geomap (--geomap)
TIME_CPU = re.compile(r"(User|System) time \(seconds\): ([\d.]+)")
TIME_RSS = re.compile(r"Maximum resident set size \(kbytes\): (\d+)")


def timed(command: list[str], cwd: Path, stdout=subprocess.DEVNULL) -> dict:
    command = [*GEOMAP, *command[1:]] if command[0] == "geomap" else command
    """Run ``command`` under ``/usr/bin/time -v``: wall seconds, peak RSS (MB), exit code."""
    done = subprocess.run(["/usr/bin/time", "-v", *command], cwd=cwd, stdout=stdout, stderr=subprocess.PIPE, text=True)
    wall = TIME_WALL.search(done.stderr)
    rss = TIME_RSS.search(done.stderr)
    seconds = int(wall[1] or 0) * 3600 + int(wall[2]) * 60 + float(wall[3]) if wall else float("nan")
    cpu = sum(float(m[2]) for m in TIME_CPU.finditer(done.stderr))  # less sensitive to other load than wall time
    return {"command": " ".join(command), "seconds": seconds, "cpu": cpu, "rss_mb": int(rss[1]) / 1024 if rss else float("nan"),
            "exit": done.returncode, "stderr_tail": done.stderr.splitlines()[-30:] if done.returncode > 1 else []}


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def seed_copies(folder: Path, copies: int) -> Path:
    """``copies`` copies of the seed articles, each under new file names."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(copies):
        for seed in sorted(SEEDS.glob("*.txt")):
            shutil.copy(seed, folder / f"copy{n:03d}_{seed.name}")
    return folder


def row(label: str, result: dict, extra: str = "") -> str:
    return f"| {label} | {result['seconds']:.1f} s | {result['cpu']:.1f} s | {result['rss_mb']:.0f} MB | exit {result['exit']} | {extra} |"


def bench_copies(work: Path, geomap: str) -> list[str]:
    rows = []
    sizes = {}
    for copies in (1, 20):
        inputs = seed_copies(work / f"copies{copies}", copies)
        out = work / f"copies{copies}-out"
        result = timed([geomap, "build", str(inputs), "-o", str(out)], work)
        sizes[copies] = folder_bytes(out)
        events = (out / "events.geojson").stat().st_size
        rows.append(row(f"`geomap build` {copies} cop{'y' if copies == 1 else 'ies'} of seeds/", result,
                        f"outputs {sizes[copies] / 1e6:.2f} MB, events.geojson {events / 1e6:.2f} MB"))
    rows.append(f"| ratio 20 copies / 1 copy | | | | | {sizes[20] / sizes[1]:.1f}× (target ≤ 30×) |")
    return rows


def bench_repeated(work: Path, geomap: str) -> list[str]:
    bodies = []
    for seed in sorted(SEEDS.glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        bodies.append(text.split("\n", 1)[1] if text.startswith(" date ") else text)
    chunk = "\n\n".join(bodies)
    folder = work / "repeated"
    folder.mkdir(exist_ok=True)
    target = folder / "repeated.txt"
    target.write_text(" date 2022-05-20\n" + chunk * (1_000_000 // len(chunk) + 1), encoding="utf-8")
    out = work / "repeated-out"
    result = timed([geomap, "build", str(target), "-o", str(out)], work)
    return [row(f"`geomap build` one {target.stat().st_size / 1e6:.2f} MB file of repeated reports", result,
                f"outputs {folder_bytes(out) / 1e6:.1f} MB")]


def mutate(text: str, rng: random.Random) -> str:
    """A wire copy edited the way syndication does: sentences dropped or swapped, numbers changed."""
    sentences = re.split(r"(?<=[.!?])\s+", text)
    if len(sentences) > 3 and rng.random() < 0.5:
        del sentences[rng.randrange(1, len(sentences))]
    if len(sentences) > 3 and rng.random() < 0.5:
        i = rng.randrange(1, len(sentences) - 1)
        sentences[i], sentences[i + 1] = sentences[i + 1], sentences[i]
    joined = " ".join(sentences)
    return re.sub(r"\b\d{2,3}\b", lambda m: str(int(m[0]) + rng.randint(-3, 3)) if rng.random() < 0.2 else m[0], joined)


def real_length_corpus(folder: Path, count: int, files: int = 40) -> Path:
    """``count`` articles: a third copies of the seeds and synthetic articles, two thirds mutations."""
    from corpus import make_corpus

    rng = random.Random(14)
    base = [{"id": s.stem, "text": s.read_text(encoding="utf-8")} for s in sorted(SEEDS.glob("*.txt"))]
    base += make_corpus(min(2000, count))
    folder.mkdir(parents=True, exist_ok=True)
    per_file = -(-count // files)
    for number in range(files):
        with (folder / f"part{number:03d}.jsonl").open("w", encoding="utf-8") as stream:
            for k in range(number * per_file, min(count, (number + 1) * per_file)):
                source = base[k % len(base)]
                text = source["text"] if rng.random() < 1 / 3 else mutate(source["text"], rng)
                stream.write(json.dumps({"id": f"a{k:06d}", "text": text}, ensure_ascii=False) + "\n")
    return folder


def bench_corpus(work: Path, geomap: str, count: int) -> list[str]:
    inputs = real_length_corpus(work / "corpus", count)
    size = folder_bytes(inputs)
    parse = timed([geomap, "parse", str(inputs)], work)
    local = timed([geomap, "build", str(inputs), "-o", str(work / "corpus-out")], work)
    dask = timed([geomap, "build", "--dask", "processes", str(inputs), "-o", str(work / "corpus-dask")], work)
    built = work / "corpus-out"
    # a failed build leaves no folder to compare: that is a difference, not a crash of the benchmark
    same = built.is_dir() and (work / "corpus-dask").is_dir() and all(
        filecmp.cmp(p, work / "corpus-dask" / p.name, shallow=False) for p in sorted(built.iterdir())
    )
    label = f"{count:,} articles ({size / 1e6:.0f} MB, 40 files)"
    return [
        row(f"`geomap parse` {label}", parse),
        row(f"`geomap build` {label}", local, f"{local['seconds'] / parse['seconds']:.2f}× the parse's wall time, "
            f"{local['cpu'] / parse['cpu']:.2f}× its CPU time (target < 3×)"),
        row(f"`geomap build --dask processes` {label}", dask, f"same files as the local build: {same}"),
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("which", nargs="*", default=["copies", "repeated", "corpus"])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--work", help="working folder (default: a temporary one, removed)")
    parser.add_argument("--geomap", default="geomap", help="command that runs geomap (default: geomap on PATH)")
    args = parser.parse_args(argv)
    GEOMAP[:] = args.geomap.split()
    geomap = "geomap"
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="geomap-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    timed([geomap, "build", str(SEEDS), "-o", str(work / "warm")], work)  # caches warm, not counted
    print("| command | wall | CPU (user+sys) | peak RSS | exit | notes |\n|---|---|---|---|---|---|")
    for name in args.which:
        for line in {"copies": lambda: bench_copies(work, geomap), "repeated": lambda: bench_repeated(work, geomap),
                     "corpus": lambda: bench_corpus(work, geomap, args.articles)}[name]():
            print(line, flush=True)
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
