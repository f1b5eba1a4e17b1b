"""Issue 13: one owner and one policy for border measurement; borders named everywhere."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from geomap.border import NOT_MEANINGFUL_KM, border_reading, load_borders, place_area
from geomap.model import BorderMetrics

ROOT = Path(__file__).resolve().parents[1]


def _metrics(distance: float, side: str = "TJK", uncertain: bool = False) -> BorderMetrics:
    return BorderMetrics(border="TJK-AFG", distance_km=distance, side=side, nearest_lat=37.0, nearest_lon=68.0,
                         bearing_deg=180.0, side_uncertain=uncertain)


def test_reading_gives_a_distance_only_where_meaningful():
    sure = border_reading(_metrics(40.0), uncertainty_km=5.0)
    assert sure.meaningful and sure.distance_km == 40.0 and sure.side == "TJK"
    assert sure.text == "40.0 km (±5 km) from the TJK-AFG border, TJK side"
    within = border_reading(_metrics(15.0), uncertainty_km=50.0)
    assert within.distance_km is None and within.side is None and within.within_km == 65.0
    assert within.text.startswith("within 65 km of the TJK-AFG border")
    vague = border_reading(_metrics(218.8), uncertainty_km=NOT_MEANINGFUL_KM + 1)
    assert vague.distance_km is None and "not meaningful" in vague.text and "TJK-AFG" in vague.text
    country = border_reading(_metrics(48.2), uncertainty_km=0.0, area="country")
    assert country.distance_km is None and "known only to country level" in country.text


def test_place_area():
    assert place_area("country", "naturalearth") == "country"
    assert place_area("town", "geonames", "country") == "country"
    assert place_area("region", "border") == "border"
    assert place_area("town", "geonames", "settlement") == ""


def test_measure_places_names_the_nearest_border_of_all():
    borders = load_borders()
    termez = borders.measure_places([37.22], [67.28], ("TJK-AFG",))[0]
    assert termez.requested[0].border == "TJK-AFG" and termez.requested[0].distance_km > 40
    assert termez.nearest.border == "UZB-AFG" and termez.nearest.distance_km < 6
    assert termez.best == termez.nearest


def test_distance_command_reports_the_nearest_border_of_all():
    code = "import sys; from geomap.cli import main; sys.exit(main(['distance', '37.22', '67.28']))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    record = json.loads(result.stdout)
    assert record["border"] == "TJK-AFG" and record["distance_km"] > 40
    assert record["nearest_border"]["border"] == "UZB-AFG" and record["nearest_border"]["distance_km"] < 6
    assert record["nearest_border"]["is_requested"] is False


@pytest.fixture(scope="module")
def resources():
    from geomap.pipeline import load_resources

    return load_resources()


def test_a_claim_naming_the_chinese_border_is_checked_against_a_chinese_border(resources):
    from geomap.pipeline import parse_text

    result = parse_text(" date 2024-01-01\nMurghab, about 15 km from the Chinese border, was quiet.", resources=resources)
    claim = next(c for c in result.claims if c.kind == "distance_to_border")
    assert "CHN" in claim.reference.split("-"), claim
    assert claim.reference in claim.reason


def test_a_claim_naming_the_uzbek_frontier_is_checked_against_an_uzbek_border(resources):
    from geomap.pipeline import parse_text

    result = parse_text(" date 2024-01-01\nTermez, 5 km from the Uzbek frontier, hosts a base.", resources=resources)
    claim = next(c for c in result.claims if c.kind == "distance_to_border")
    assert claim.reference == "UZB-AFG" and claim.computed_km < 6


def test_outputs_name_the_border_and_keep_country_level_incidents_off_the_map(tmp_path, resources):
    from geomap.build import build

    summary = build([ROOT / "seeds"], tmp_path, resources=resources, formats=("geojson", "acled"))
    assert summary.files
    events = json.loads((tmp_path / "events.geojson").read_text(encoding="utf-8"))["features"]
    areas = [f for f in events if f["properties"]["location_area"]]
    assert areas and all(f["geometry"] is None and f["properties"]["distance_to_border_km"] is None for f in areas)
    assert all(f["properties"]["precision"] for f in areas)
    for f in events:
        p = f["properties"]
        if p["distance_to_border_km"] is not None:
            assert p["border"] and p["border"] in p["border_text"]
    places = json.loads((tmp_path / "places.geojson").read_text(encoding="utf-8"))["features"]
    assert all(p["properties"]["distance_to_border_km"] is None for p in places if p["properties"]["feature_type"] == "country")
    with (tmp_path / "events_acled.csv").open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert all(r["geomap_border"] in r["geomap_border_text"] for r in rows if r["geomap_distance_to_border_km"])


def test_offline_basemap_is_within_budget():
    path = ROOT / "data" / "basemap" / "basemap.json"
    assert path.stat().st_size < 600_000
    layers = json.loads(path.read_text(encoding="utf-8"))["layers"]
    assert {"rivers", "lakes", "admin1", "towns"} <= set(layers)
    assert {f["properties"]["rank"] for f in layers["rivers"]["features"]} == {1, 2, 3}
    assert any(f["properties"].get("name") == "Vakhsh" for f in layers["rivers"]["features"])
    assert all("minzoom" in f["properties"] for f in layers["towns"]["features"])
