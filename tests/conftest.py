"""Shared fixtures: the real gazetteer, vocabulary and boundary data (no mocks)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geomap.build import build
from geomap.pipeline import load_resources

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def resources():
    return load_resources()


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory, resources):
    """Build the sample corpus once for every test that inspects the outputs."""
    out = tmp_path_factory.mktemp("seed-build")
    summary = build([SEEDS], out, resources=resources)
    return summary, out


def read_geojson(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))
