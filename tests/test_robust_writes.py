"""Faults while writing never corrupt an output and always say which file failed (issue 17).

Covered: every written file is checked before it replaces the old one (D2, D14), on a
real full disk (a small tmpfs in a user namespace, where available) and a real file-size
limit (``RLIMIT_FSIZE``, which GDAL's KML driver does not report); exit codes that mean
one thing each; a read-only output folder found before parsing (D21); a run that reads
nothing writes nothing; two builds byte-identical in every format, also across
processes with different hash seeds.
"""

from __future__ import annotations

import hashlib
import os
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS, read_geojson

from geomap.build import EXIT_INPUTS_SKIPPED, EXIT_NOTHING_WRITTEN, EXIT_OK, build
from geomap.config import ALL_FORMATS
from geomap.export import OutputError, OutputStage, check_kml, kml_output, write_geojson, write_kml

OUTPUTS = ("articles.jsonl", "events.geojson", "places.geojson", "border.geojson", "geomap.gpkg", "events.kml",
           "events_acled.csv", "claims.csv", "map.html")
SEED_FILES = sorted(SEEDS.glob("*.txt"))


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (hidden ones too) with the SHA-256 of its bytes."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*")) if path.is_file()
    }


def corpus_of(folder: Path, seeds: list[Path]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for seed in seeds:
        shutil.copy(seed, folder / seed.name)
    return folder


def cli(*args: str, preexec_fn=None, env=None, timeout=300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "geomap.cli", *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout,
        preexec_fn=preexec_fn, env=env,
    )


@pytest.fixture(scope="module")
def earlier(tmp_path_factory, resources):
    """An output folder written by an earlier build of one seed article (every format)."""
    root = tmp_path_factory.mktemp("earlier")
    corpus = corpus_of(root / "one", SEED_FILES[:1])
    out = root / "out"
    summary = build([corpus], out, resources=resources)
    assert summary.exit_code == EXIT_OK, summary.lines()
    assert set(OUTPUTS) <= set(snapshot(out))
    return out


@pytest.fixture
def outputs(earlier, tmp_path):
    """A fresh copy of the earlier outputs, and their snapshot."""
    out = tmp_path / "out"
    shutil.copytree(earlier, out)
    return out, snapshot(out)


# ---------------------------------------------------------------- the stage itself


def test_a_failed_write_keeps_the_old_file_and_names_the_new_one(tmp_path):
    target = tmp_path / "events.geojson"
    target.write_bytes(b"old contents")

    def full_disk(path: Path) -> None:
        path.write_bytes(b"half a fi")
        raise OSError(28, "No space left on device")

    with pytest.raises(OutputError) as failure:
        with OutputStage(tmp_path) as stage:
            stage.add("events.geojson", full_disk, lambda path: None)
    assert failure.value.path == target and "No space left on device" in str(failure.value)
    assert target.read_bytes() == b"old contents"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.geojson"]  # no staging folder left


def test_a_truncated_kml_is_caught_and_the_old_file_kept(tmp_path, seed_build):
    """A KML cut short on its way to disk (D2) fails its read-back check: the old file stays."""
    from geomap.export import write_checked

    _, seeds_out = seed_build
    features = read_geojson(seeds_out / "events.geojson")["features"]
    target = tmp_path / "events.kml"
    target.write_bytes(b"<kml>the old file</kml>")
    write, check = kml_output(features)

    def truncating(path):
        write(path)
        with open(path, "r+b") as stream:
            stream.truncate(os.path.getsize(path) // 2)

    with pytest.raises(OutputError) as failure:
        write_checked(target, truncating, check)
    assert failure.value.path == target and "differ" in failure.value.reason
    assert target.read_bytes() == b"<kml>the old file</kml>"


def test_nan_never_reaches_a_json_file(tmp_path):
    target = tmp_path / "places.geojson"
    feature = {"type": "Feature", "geometry": None, "properties": {"uncertainty_km": float("nan")}}
    with pytest.raises(OutputError) as failure:
        write_geojson(target, [feature], "places")
    assert "places.geojson" in str(failure.value) and not target.exists()


def test_checkers_refuse_what_was_not_written(tmp_path, seed_build):
    _, seeds_out = seed_build
    features = read_geojson(seeds_out / "events.geojson")["features"]
    write, check = kml_output(features)
    path = tmp_path / "events.kml"
    write(path)
    check(path)
    located = sum(1 for f in features if f["geometry"])
    with pytest.raises(ValueError, match="placemarks"):
        check_kml(path, located + 1)


# ---------------------------------------------------------------- builds with a failing output


def test_a_failing_output_leaves_every_earlier_output_byte_identical(outputs, tmp_path, resources, monkeypatch):
    out, before = outputs
    corpus = corpus_of(tmp_path / "all", SEED_FILES)
    import geomap.export as export

    def broken_gpkg(layers):
        def write(path):
            path.write_bytes(b"SQLite format 3\x00 and then the disk was full")

        return write, lambda path: export.check_gpkg(path, {name: len(f) for name, f in layers.items() if f})

    monkeypatch.setattr("geomap.build.gpkg_output", broken_gpkg)
    summary = build([corpus], out, resources=resources)
    assert summary.exit_code == EXIT_NOTHING_WRITTEN
    assert len(summary.errors) == 1 and "geomap.gpkg" in summary.errors[0], summary.errors
    assert "earlier outputs" in summary.errors[0] and not summary.files
    assert snapshot(out) == before  # nothing replaced, nothing left behind


def _file_size_limit(limit: int):
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


@pytest.mark.parametrize("fmt, name", [("kml", "events.kml"), ("gpkg", "geomap.gpkg")])
def test_a_file_size_limit_fails_the_output_not_the_old_file(outputs, tmp_path, fmt, name):
    """A real write failure under RLIMIT_FSIZE (D2: KML, D14: GeoPackage): exit 2, the
    file named, no traceback, the old file byte-identical."""
    out, before = outputs
    corpus = corpus_of(tmp_path / "all", SEED_FILES)
    limit = os.path.getsize(out / name) + 16 * 1024  # the old file fits, the new one (5 articles) does not
    result = cli("build", str(corpus), "-o", str(out), "--format", fmt, "--no-progress",
                 preexec_fn=_file_size_limit(limit))
    assert result.returncode == EXIT_NOTHING_WRITTEN, result.stdout + result.stderr
    assert f"could not write {out / name}" in result.stderr and "Traceback" not in result.stderr
    assert snapshot(out) == before


def _user_namespaces_work() -> bool:
    if not shutil.which("unshare"):
        return False
    probe = subprocess.run(["unshare", "--user", "--map-root-user", "--mount", "true"], capture_output=True)
    return probe.returncode == 0


needs_namespaces = pytest.mark.skipif(not _user_namespaces_work(), reason="unshare --user --mount not permitted here")

IN_TMPFS = """
set -u
mount -t tmpfs -o "$OPTIONS" tmpfs "$MOUNT"
cp -a "$EARLIER/." "$MOUNT/"
"$PYTHON" -m geomap.cli build "$CORPUS" -o "$MOUNT/$SUBFOLDER" --no-progress
status=$?
cp -a "$MOUNT/." "$RESULT/"
exit $status
"""


def _build_in_tmpfs(tmp_path: Path, options: str, earlier: Path, corpus: Path, subfolder: str = "") -> tuple:
    mount, result = tmp_path / "mount", tmp_path / "result"
    mount.mkdir()
    result.mkdir()
    env = {**os.environ, "OPTIONS": options, "MOUNT": str(mount), "EARLIER": str(earlier), "PYTHON": sys.executable,
           "CORPUS": str(corpus), "RESULT": str(result), "SUBFOLDER": subfolder}
    done = subprocess.run(["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", IN_TMPFS],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    return done, result


@needs_namespaces
def test_a_full_disk_keeps_every_earlier_output_byte_identical(outputs, tmp_path):
    """The acceptance test of issue 17: a small tmpfs that holds the earlier outputs but
    not the new ones; the build exits 2 naming the file, every earlier output unchanged."""
    out, before = outputs
    corpus = corpus_of(tmp_path / "all", SEED_FILES)
    size = sum((out / name).stat().st_size for name in before) + 400 * 1024
    done, result = _build_in_tmpfs(tmp_path, f"size={size}", out, corpus)
    assert done.returncode == EXIT_NOTHING_WRITTEN, done.stdout + done.stderr
    assert "No space left on device" in done.stderr and "Traceback" not in done.stderr
    assert any(f"could not write {tmp_path / 'mount' / name}" in done.stderr for name in OUTPUTS), done.stderr
    assert snapshot(result) == before


@needs_namespaces
def test_a_read_only_output_folder_is_found_before_parsing(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    done, _ = _build_in_tmpfs(tmp_path, "ro,size=1m", empty, SEEDS, subfolder="out")
    assert done.returncode == EXIT_NOTHING_WRITTEN
    assert "cannot write to the output folder" in done.stderr and "Read-only file system" in done.stderr
    assert "articles read" not in done.stdout  # nothing was parsed


def test_an_unusable_output_folder_stops_the_build_before_parsing(tmp_path, resources, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")

    def must_not_parse(*args, **kwargs):
        raise AssertionError("the corpus was parsed before the output folder was checked")

    monkeypatch.setattr("geomap.build.run_corpus", must_not_parse)
    with pytest.raises(OutputError, match="cannot write to the output folder"):
        build([SEEDS], blocker / "out", resources=resources)
    result = cli("build", str(SEEDS), "-o", str(blocker / "out"), "--no-progress")
    assert result.returncode == EXIT_NOTHING_WRITTEN and str(blocker / "out") in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only folders")
def test_a_read_only_folder_by_permissions(tmp_path, resources):
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        with pytest.raises(OutputError, match="Permission denied"):
            build([SEEDS], out, resources=resources)
    finally:
        out.chmod(0o755)


# ---------------------------------------------------------------- exit codes


def test_exit_codes_mean_one_thing_each(outputs, tmp_path):
    out, before = outputs
    good = corpus_of(tmp_path / "good", SEED_FILES[:2])
    assert cli("build", str(good), "-o", str(tmp_path / "ok"), "--format", "geojson").returncode == EXIT_OK

    mixed = corpus_of(tmp_path / "mixed", SEED_FILES[:1])
    (mixed / "broken.json").write_text("{not json", encoding="utf-8")
    result = cli("build", str(mixed), "-o", str(tmp_path / "mixed-out"), "--format", "geojson")
    assert result.returncode == EXIT_INPUTS_SKIPPED and "broken.json" in result.stdout

    unreadable = tmp_path / "unreadable"
    unreadable.mkdir()
    (unreadable / "empty.txt").write_text("", encoding="utf-8")
    result = cli("build", str(unreadable), "-o", str(out))
    assert result.returncode == EXIT_NOTHING_WRITTEN
    assert "empty.txt" in result.stdout and "nothing written" in result.stderr
    assert snapshot(out) == before  # a run that reads nothing writes nothing


# ---------------------------------------------------------------- determinism


def test_two_builds_are_byte_identical_in_every_format(tmp_path, resources):
    first, second = tmp_path / "first", tmp_path / "second"
    build([SEEDS], first, resources=resources)
    build([SEEDS], second, resources=resources)
    assert set(OUTPUTS) <= set(snapshot(first))
    assert snapshot(first) == snapshot(second)


def test_builds_in_two_processes_are_byte_identical(tmp_path):
    """Different hash seeds (set order) and different clock times (GeoPackage stamps)."""
    written = []
    for seed in ("1", "2"):
        out = tmp_path / f"run{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = cli("build", str(SEEDS), "-o", str(out), "--offline", "--no-progress", env=env)
        assert result.returncode == EXIT_OK, result.stderr
        written.append(snapshot(out))
    assert set(written[0]) == set(OUTPUTS) and written[0] == written[1]


def test_every_format_is_requested_somewhere():
    assert set(ALL_FORMATS) == {"map", "geojson", "jsonl", "gpkg", "kml", "acled", "claims"}
