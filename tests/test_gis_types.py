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
