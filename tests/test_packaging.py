"""A plain install carries its data (issue 14, item 3).

The wheel holds every data file (not the development set) and the sample articles, and
geomap run from the unpacked wheel, in another folder, reads its data there, not from
the repository.  `.ci/run` also installs the wheel with its dependencies in a fresh
virtualenv and builds the samples from another folder.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT


def test_every_subpackage_is_listed_for_the_wheel():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "geomap").rglob("__init__.py")}
    assert found <= listed, f"add {sorted(found - listed)} to [tool.setuptools] packages in pyproject.toml"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)],
        capture_output=True, text=True, timeout=600,
    )
    if done.returncode != 0 and "No module named build" in done.stderr:
        pytest.skip("the 'build' package is not installed (pip install -e '.[test]')")
    assert done.returncode == 0, done.stderr[-3000:]
    [found] = out.glob("geomap-*.whl")
    return found


def test_the_wheel_holds_every_data_file_and_the_samples(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    data = {
        f"geomap/data/{p.relative_to(ROOT / 'data').as_posix()}"
        for p in (ROOT / "data").rglob("*")
        if p.is_file() and "devset" not in p.parts and p.suffix in {".csv", ".geojson", ".json", ".md"}
    }
    assert data and data <= names, sorted(data - names)
    assert not [n for n in names if "devset" in n]
    samples = {f"geomap/samples/{p.name}" for p in (ROOT / "seeds").glob("*.txt")}
    assert samples and samples <= names


def test_geomap_from_the_unpacked_wheel_builds_the_samples_in_another_folder(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    # the unpacked wheel comes first on sys.path, before the editable checkout
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "import geomap.config as c; print('DATA', c.DATA_DIR);"
        "from geomap.cli import main; sys.exit(main(['build', '-o', 'out', '--format', 'geojson,acled']))"
    )
    env = {**os.environ, "GEOMAP_CACHE": str(tmp_path / "cache")}
    env.pop("GEOMAP_DATA", None)
    done = subprocess.run([sys.executable, "-c", script, str(site)], cwd=elsewhere, capture_output=True, text=True,
                          timeout=900, env=env)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    data_dir = Path(done.stdout.split("DATA ", 1)[1].splitlines()[0])
    assert data_dir == site / "geomap" / "data"
    assert "articles read: 5" in done.stdout
    assert "sample articles" in done.stderr  # said where the articles came from
    assert (elsewhere / "out" / "events.geojson").stat().st_size > 1000
    assert (elsewhere / "out" / "events_acled.csv").exists()
    assert "compiling the gazetteer index" in done.stderr  # the first run says what it is doing
