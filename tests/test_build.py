"""End to end: `build` on the sample corpus writes valid, GDAL-readable outputs."""

import csv
import json
import math

import geopandas as gpd
import pyogrio
import pytest

from geomap.build import build
from geomap.export import ACLED_COLUMNS

from conftest import ROOT, SEEDS, read_geojson


def haversine_km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def test_build_writes_every_output(seed_build):
    summary, out = seed_build
    assert summary.ok and summary.articles == 5
    for name in ("map.html", "events.geojson", "places.geojson", "articles.jsonl", "border.geojson",
                 "geomap.gpkg", "events.kml", "events_acled.csv"):
        assert (out / name).stat().st_size > 0, name
    assert not list(out.glob(".*"))  # no temporary files left behind


def test_geojson_is_rfc7946(seed_build):
    _, out = seed_build
    for name in ("events.geojson", "places.geojson", "border.geojson"):
        data = read_geojson(out / name)
        assert data["type"] == "FeatureCollection" and "crs" not in data
        for feature in data["features"]:
            geometry = feature["geometry"]
            if geometry and geometry["type"] == "Point":
                lon, lat = geometry["coordinates"]
                assert -180 <= lon <= 180 and -90 <= lat <= 90
    places = read_geojson(out / "places.geojson")["features"]
    dushanbe = next(f for f in places if f["properties"]["name"] == "Dushanbe")
    assert dushanbe["geometry"]["coordinates"][0] > dushanbe["geometry"]["coordinates"][1]  # [lon, lat]


def test_required_properties(seed_build):
    _, out = seed_build
    events = read_geojson(out / "events.geojson")["features"]
    places = read_geojson(out / "places.geojson")["features"]
    assert events and places
    for key in ("event_type", "date", "date_precision", "actors", "place_name", "distance_to_border_km",
                "border_side", "source_file", "sentence"):
        assert key in events[0]["properties"]
    for key in ("name", "feature_type", "country", "uncertainty_km", "mention_count", "distance_to_border_km",
                "border_side"):
        assert key in places[0]["properties"]
    located = [e for e in events if e["geometry"]]
    assert located
    # a place wider than the border policy's limit is a stand-in: listed as an area, never a point
    assert all((e["properties"]["uncertainty_km"] or 0) <= 150 for e in located)
    assert all(e["geometry"] is None for e in events if e["properties"]["location_area"])
    measured = 0
    for event in located:  # a distance, a bound, or why there is none, naming the border
        props = event["properties"]
        assert props["border"] and props["border"] in props["border_text"]
        if props["distance_to_border_km"] is not None or props["distance_within_km"] is not None:
            measured += 1
        else:
            assert "not meaningful" in props["border_text"] and props["uncertainty_km"] > 150
    assert measured >= len(located) / 2


def test_gdal_reads_back_the_same_features(seed_build):
    _, out = seed_build
    for name in ("events.geojson", "places.geojson"):
        written = read_geojson(out / name)["features"]
        frame = gpd.read_file(out / name, engine="pyogrio")
        assert len(frame) == len(written)
        assert set(written[0]["properties"]) <= set(frame.columns)
    layers = dict(pyogrio.list_layers(out / "geomap.gpkg"))
    assert {"events", "places", "border", "buffers"} <= set(layers)
    events = gpd.read_file(out / "geomap.gpkg", layer="events", engine="pyogrio")
    written_events = read_geojson(out / "events.geojson")["features"]
    assert len(events) == len(written_events)
    assert set(written_events[0]["properties"]) <= set(events.columns)
    assert events.crs.to_epsg() == 4326
    kml = gpd.read_file(out / "events.kml", engine="pyogrio")
    assert len(kml) == sum(1 for f in read_geojson(out / "events.geojson")["features"] if f["geometry"])


def test_acled_csv_layout(seed_build):
    _, out = seed_build
    with (out / "events_acled.csv").open(encoding="utf-8") as stream:
        reader = csv.DictReader(stream)
        assert reader.fieldnames[: len(ACLED_COLUMNS)] == ACLED_COLUMNS
        rows = list(reader)
    for row in rows:
        assert row["event_type"] and row["time_precision"] in {"1", "2", "3"}
        assert row["geo_precision"] in {"1", "2", "3"} and float(row["latitude"])


def test_articles_jsonl_offsets_point_at_the_text(seed_build):
    _, out = seed_build
    records = [json.loads(line) for line in (out / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(records) == 5
    for record in records:
        text = (ROOT / record["file"]).read_text(encoding="utf-8") if not record["file"].startswith("/") else open(record["file"], encoding="utf-8").read()
        for toponym in record["toponyms"]:
            assert text[toponym["start"] : toponym["end"]] == toponym["text"]
            for key in ("name", "lat", "lon", "country", "feature_type", "uncertainty_km", "confidence", "adjectival"):
                assert key in toponym


def gold_places():
    with (ROOT / "tests" / "data" / "seed_places.csv").open(encoding="utf-8") as stream:
        return list(csv.DictReader(stream))


@pytest.mark.parametrize("gold", gold_places(), ids=lambda g: g["surface"])
def test_every_place_of_the_samples_is_mapped_where_it_is(seed_build, gold):
    _, out = seed_build
    places = read_geojson(out / "places.geojson")["features"]
    matches = [f for f in places if gold["surface"] in f["properties"]["surface_forms"]]
    assert matches, f"{gold['surface']} missing from places.geojson"
    place = matches[0]
    lon, lat = place["geometry"]["coordinates"]
    error = haversine_km(float(gold["lat"]), float(gold["lon"]), lat, lon)
    assert error <= float(gold["tolerance_km"]), f"{gold['surface']} is {error:.0f} km off"
    if gold["country"]:
        assert place["properties"]["country"] == gold["country"]


def test_training_ground_matches_the_article_claim(seed_build):
    """The articles say Harb-Maidon is ~20 km from the border: the map should agree roughly."""
    _, out = seed_build
    places = read_geojson(out / "places.geojson")["features"]
    ground = next(f for f in places if f["properties"]["feature_type"] == "training_ground")["properties"]
    assert ground["border"] == "TJK-AFG"
    if ground["distance_to_border_km"] is not None:
        assert ground["border_side"] == "TJK"
        assert 5 <= ground["distance_to_border_km"] <= 60
    else:  # known to ±50 km: only a bound is honest, and it must admit the article's ~20 km
        assert ground["side_uncertain"] and 20 <= ground["distance_within_km"] <= 120
        assert "TJK-AFG" in ground["border_text"]


def test_a_bad_file_does_not_stop_the_build(tmp_path, resources):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "ok.txt").write_text(" date 2022-02-02 Tajik border troops held drills near Khorugh.", encoding="utf-8")
    (corpus / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    summary = build([corpus], tmp_path / "out", resources=resources, formats=["geojson", "jsonl"])
    assert summary.articles == 1 and not summary.ok
    assert {s.source.rsplit("/", 1)[-1] for s in summary.skipped} == {"bad.txt", "empty.txt"}
    assert any("empty.txt: empty file" in line for line in summary.lines())
    assert read_geojson(tmp_path / "out" / "events.geojson")["features"]


def test_a_build_does_not_read_its_own_outputs_back(tmp_path, resources):
    from geomap.build import build

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for seed in sorted(SEEDS.glob("*.txt"))[:2]:
        (corpus / seed.name).write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    first = build([corpus], corpus / "out", resources=resources, formats=["jsonl", "claims", "geojson"])
    second = build([corpus], corpus / "out", resources=resources, formats=["jsonl", "claims", "geojson"])
    assert first.articles == second.articles == 2 and second.ok
    assert any("under the output directory" in w for w in second.warnings)


def test_acled_country_is_left_blank_where_the_side_is_unknown(resources):
    from geomap.gazetteer.sources import read_country_codes
    from geomap.events.merge import link_reports
    from geomap.export import acled_rows
    from datetime import date

    from geomap.model import Article
    from geomap.pipeline import parse_article

    texts = [
        "Taliban fighters clashed with Tajik border guards along the border on Tuesday.",
        "Border guards clashed with smugglers near Kulob on Tuesday.",
    ]
    results = [
        parse_article(Article(id=f"a{i}", source_file=f"a{i}.txt", text=text, date=date(2021, 10, 20)), resources)
        for i, text in enumerate(texts)
    ]
    codes = read_country_codes(resources.settings.path("gazetteer/countries.csv"))
    rows, _ = acled_rows(link_reports(results), results, resources.lexicon, codes)
    by_location = {row["location"]: row["country"] for row in rows}
    assert by_location.get("TJK-AFG border area") == ""  # the line's midpoint is on neither side for sure
    assert by_location.get("Kulob") == "Tajikistan"


def test_a_map_over_its_limit_shows_the_most_recent_incidents_in_corpus_order():
    from geomap.build import map_events

    def feature(number, day):
        return {"type": "Feature", "geometry": None, "properties": {"event_id": f"e{number}", "date": day}}

    events = [feature(0, "2021-01-05"), feature(1, None), feature(2, "2023-02-01"), feature(3, "2022-07-09"), feature(4, "2023-02-01")]
    assert [f["properties"]["event_id"] for f in map_events(events, 3)] == ["e2", "e3", "e4"]
    assert [f["properties"]["event_id"] for f in map_events(events, 2)] == ["e2", "e4"]
    assert map_events(events, 10) == events


def test_a_build_over_the_map_limit_says_so_and_keeps_every_incident_in_the_data(tmp_path, resources, monkeypatch):
    from dataclasses import replace

    import geomap.render

    drawn = []
    render_map = geomap.render.render_map
    monkeypatch.setattr(geomap.render, "render_map", lambda events, *a, **k: drawn.append(len(events)) or render_map(events, *a, **k))
    limited = replace(resources, settings=replace(resources.settings, map_max_events=3))
    summary = build([SEEDS], tmp_path, resources=limited, formats=["map", "geojson"])
    assert summary.incidents > 3 and drawn == [3]
    assert any(f"shows the 3 most recent of {summary.incidents} incidents" in w for w in summary.warnings)
    assert len(read_geojson(tmp_path / "events.geojson")["features"]) == summary.incidents
    page = (tmp_path / "map.html").read_text(encoding="utf-8")
    assert f"Shows the 3 most recent of {summary.incidents} incidents" in page


def test_a_build_within_the_map_limit_has_no_notice():
    from geomap.build import map_notice

    assert map_notice(5, 5) == "" and map_notice(0, 100_000) == ""
    assert map_notice(123_456, 100_000) == "shows the 100,000 most recent of 123,456 incidents; the data files hold every one"


def test_acled_time_precision_of_an_undated_event_is_the_week_not_the_article_day():
    from datetime import date

    from geomap.export import acled_time_precision
    from geomap.model import EventDate

    day = date(2024, 5, 8)
    assert acled_time_precision(EventDate(day, day, "day", "text", "on Wednesday")) == 1
    assert acled_time_precision(EventDate(day, day, "day", "article", "")) == 2
    assert acled_time_precision(EventDate(date(2024, 5, 1), date(2024, 5, 31), "month", "text", "in May")) == 3
