"""GIS-clean types (issue 14, item 9): real booleans and dates in the GeoPackage, the KML
document named after its layer, event precision in ``geomap eval``."""

from __future__ import annotations

import re
import sqlite3
from datetime import datetime

import pyogrio

from conftest import ROOT


def columns(path, table: str) -> dict[str, str]:
    with sqlite3.connect(path) as db:
        return {name: kind for _, name, kind, *_ in db.execute(f'PRAGMA table_info("{table}")')}


def test_geopackage_booleans_and_dates_are_typed(seed_build):
    _, out = seed_build
    events = columns(out / "geomap.gpkg", "events")
    places = columns(out / "geomap.gpkg", "places")
    assert events["side_uncertain"] == "BOOLEAN" and places["side_uncertain"] == "BOOLEAN"
    assert events["date"] == "DATETIME" and events["date_end"] == "DATETIME"
    frame = pyogrio.read_dataframe(out / "geomap.gpkg", layer="events")
    assert str(frame["date"].dtype).startswith("datetime64")
    dated = frame["date"].dropna()
    assert len(dated) and all(isinstance(d.to_pydatetime(), datetime) for d in dated)
    assert set(frame["side_uncertain"].dropna().unique()) <= {True, False}


def test_gis_typed_keeps_text_columns_and_reaches_the_calendar_edges():
    import geopandas as gpd
    from shapely.geometry import Point

    from geomap.export import gis_typed

    frame = gpd.GeoDataFrame(
        {"flag": [True, None, False], "day": ["0001-01-01", None, "9999-12-31"], "text": ["2022-05", "x", None],
         "mixed": [True, "yes", None]},
        geometry=[Point(69, 37)] * 3, crs="EPSG:4326",
    )
    typed = gis_typed(frame)
    assert str(typed["flag"].dtype) == "boolean"
    assert str(typed["day"].dtype).startswith("datetime64")
    assert typed["day"].iloc[2].year == 9999 and typed["day"].iloc[0].year == 1
    assert typed["text"].tolist() == frame["text"].tolist()
    assert typed["mixed"].tolist() == frame["mixed"].tolist()


def test_kml_document_is_named_after_its_layer(seed_build):
    _, out = seed_build
    kml = (out / "events.kml").read_text(encoding="utf-8")
    assert re.search(r"<Folder>\s*<name>events</name>", kml)
    assert 'Schema name="events"' in kml and "tmp" not in kml[:2000]


def test_eval_reports_event_precision(capsys):
    from geomap.evaluate import main

    assert main([str(ROOT / "tests" / "data" / "gold_events.jsonl")]) == 0
    assert re.search(r"event recall / precision\s+[\d.]+ / [\d.]+", capsys.readouterr().out)


def test_a_layer_written_in_chunks_has_the_whole_layers_fields(tmp_path):
    """Chunks of a large layer are typed as the whole layer: a column null in the first
    chunk keeps its kind, and the file reads back as one written at once."""
    from geomap.export import _write_gpkg_layer

    def feature(i: int) -> dict:
        point = {"type": "Point", "coordinates": [69.0 + i / 100, 37.0]} if i % 4 else None
        return {"type": "Feature", "geometry": point, "properties": {
            "n": i, "fatalities": i if i > 5 else None, "flag": (i % 2 == 0) if i > 2 else None,
            "day": f"2022-05-{1 + i:02d}" if i != 3 else None, "label": f"<b>{i}</b>", "share": i / 3,
            "late_null": i if i < 8 else None, **({"rare": i} if i == 9 else {}),
        }}

    features = [feature(i) for i in range(11)]
    _write_gpkg_layer(tmp_path / "chunked.gpkg", "events", features, chunk_rows=3)
    _write_gpkg_layer(tmp_path / "whole.gpkg", "events", features)
    assert columns(tmp_path / "chunked.gpkg", "events") == columns(tmp_path / "whole.gpkg", "events")
    kinds = columns(tmp_path / "chunked.gpkg", "events")
    assert kinds["fatalities"] == "REAL" and kinds["flag"] == "BOOLEAN" and kinds["day"] == "DATETIME" and kinds["n"] == "INTEGER"
    assert kinds["late_null"] == "REAL" and kinds["rare"] == "REAL"
    chunked = pyogrio.read_dataframe(tmp_path / "chunked.gpkg", layer="events")
    whole = pyogrio.read_dataframe(tmp_path / "whole.gpkg", layer="events")
    assert len(chunked) == 11 and chunked.equals(whole)
    assert chunked["fatalities"].isna().sum() == 6 and chunked.geometry.isna().sum() == 3


def test_kml_carries_hostile_text_and_typed_fields_that_gdal_reads_back(tmp_path):
    from geomap.export import write_kml

    hostile = 'Shots at <b>"Panj"</b> & ]]> \x01 here'
    features = [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [69.5, 37.25]}, "properties": {
            "event_label": "Attack", "sentence": hostile, "fatalities": 2, "confidence": 0.75, "side_uncertain": True,
            "actors": ["A & B", "C"], "distance_within_km": None}},
        {"type": "Feature", "geometry": None, "properties": {"event_label": "Statement", "sentence": "x"}},
    ]
    write_kml(tmp_path / "events.kml", features)
    frame = pyogrio.read_dataframe(tmp_path / "events.kml")
    assert len(frame) == 1
    row = frame.iloc[0]
    assert row["Name"] == "Attack" and row["description"] == hostile.replace("\x01", "\ufffd")
    assert row["fatalities"] == 2 and row["confidence"] == 0.75 and row["side_uncertain"] == 1
    assert row["actors"] == "A & B; C"
    assert (row.geometry.x, row.geometry.y) == (69.5, 37.25)
    assert str(frame["fatalities"].dtype).startswith("int") and str(frame["confidence"].dtype).startswith("float")
