"""The district table (data/gazetteer/districts.csv, scripts/build_district_points.py): every
Afghan and Tajik district that regional.csv lacks, at an interior point of its geoBoundaries
polygon, reached by "<Name> district" and, where no other place has it, by the bare name."""

import csv
import json
import re
from collections import Counter
from pathlib import Path

import pytest
import shapely
from shapely.geometry import shape
from test_gazetteer_additions import km, parse, resolved  # the same resolution helpers

from geomap.text import fold_name

DATA = Path(__file__).resolve().parents[1] / "data"


def _rows(name):
    with (DATA / "gazetteer" / name).open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def test_a_far_off_helmand_district_resolves(resources):
    place = resolved("Taliban fighters attacked a checkpoint in Nad Ali district on Tuesday.", "Nad Ali district", resources)
    assert (place.id, place.country, place.admin1, place.feature_type) == ("geomap:adm2-af-nad-ali", "AF", "Helmand", "admin2")
    assert km(place, 31.63, 63.86) < 5


def test_a_northern_district_missing_from_regional_csv_resolves(resources):
    place = resolved("Clashes were reported in Farang wa Gharu district of Baghlan.", "Farang wa Gharu", resources)
    assert (place.id, place.admin1) == ("geomap:adm2-af-farang-wa-gharu", "Baghlan")
    # a bare name the builder found free (no GeoNames place, row or word of that name)
    assert resolved("Fighting spread to Kahmard on Monday.", "Kahmard", resources).id == "geomap:adm2-af-kahmard"


def test_a_shared_district_name_is_told_apart_by_its_province(resources):
    assert resolved("Troops entered Jaghatu district of Wardak.", "Jaghatu district of Wardak", resources).admin1 == "Wardak"
    assert resolved("Troops entered Jaghatu district of Ghazni.", "Jaghatu district of Ghazni", resources).admin1 == "Ghazni"


def test_a_bare_english_word_is_not_the_district(resources):
    assert resolved("Police said Washer district was calm.", "Washer district", resources).admin1 == "Helmand"
    places = [t.place.id for t in parse("A Washer was delivered to the house on Monday.", resources)]
    assert "geomap:adm2-af-washer" not in places


def test_a_town_keeps_its_bare_name(resources):
    place = resolved("Fighting continued in Sangin on Monday, officials in Helmand said.", "Sangin", resources)
    assert place.feature_type != "admin2" and place.source == "geonames"
    assert resolved("Fighting continued in Sangin district.", "Sangin district", resources).id == "geomap:adm2-af-sangin"


def test_a_district_name_shared_by_two_provinces_gets_province_forms(resources):
    assert resolved("Fighting in Muqur district of Badghis.", "Muqur district of Badghis", resources).admin1 == "Badghis"
    assert resolved("Fighting in Muqur district of Ghazni.", "Muqur district of Ghazni", resources).admin1 == "Ghazni"


def test_curated_rows_win_over_the_district_table():
    from geomap.gazetteer.index import _curated_first
    from geomap.gazetteer.sources import GazetteerEntry
    from geomap.model import Place

    def entry(place_id, *names):
        place = Place(id=place_id, name=names[0], lat=36.0, lon=69.0, feature_type="admin2", country="AF",
                      uncertainty_km=20.0, source="curated")
        return GazetteerEntry(place, list(names))

    curated = [entry("geomap:kohistan-district", "Kohistan District", "Kohistan district")]
    table = [
        entry("geomap:kohistan-district", "Kohistan District (copy)"),  # same id: the curated row wins
        entry("geomap:adm2-af-kohistan-kapisa", "Kohistan District", "Kohistan district of Kapisa"),
        entry("geomap:adm2-af-only", "Kohistan district"),  # nothing of its own left
    ]
    kept = _curated_first(table, curated)
    assert [(e.place.id, e.names, e.district_stem) for e in kept] == [
        ("geomap:adm2-af-kohistan-kapisa", ["Kohistan district of Kapisa"], False)
    ]


ROWS = _rows("districts.csv")


def test_the_table_has_the_columns_of_regional_csv_and_unique_ids():
    with (DATA / "gazetteer" / "districts.csv").open(encoding="utf-8") as stream:
        assert stream.readline().strip() == ",".join(_rows("regional.csv")[0])
    ids = [row["id"] for row in ROWS]
    assert len(ids) == len(set(ids)) and len(ids) > 250
    assert all(re.fullmatch(r"geomap:adm2-(af|tj)-[a-z0-9-]+", i) for i in ids)
    assert not set(ids) & {row["id"] for row in _rows("regional.csv")}
    assert {row["feature_type"] for row in ROWS} == {"admin2"} and {row["country"] for row in ROWS} <= {"AF", "TJ"}
    assert all(row["admin1"] and "geoBoundaries" in row["source"] for row in ROWS)


def test_radii_are_sane():
    radii = [float(row["uncertainty_km"]) for row in ROWS]
    assert all(2 <= r <= 100 for r in radii)
    assert 15 <= sorted(radii)[len(radii) // 2] <= 30  # ~1,600 km² for the mean AIMS district


def test_points_lie_inside_their_country():
    countries = {}
    for feature in json.loads((DATA / "boundaries" / "countries.geojson").read_text(encoding="utf-8"))["features"]:
        if feature["properties"]["iso2"] in ("AF", "TJ"):
            countries[feature["properties"]["iso2"]] = shape(feature["geometry"])
    if not countries:
        pytest.skip("no Afghan or Tajik outline in data/boundaries")
    outside = [
        row["name"] for row in ROWS
        if row["country"] in countries
        and countries[row["country"]].distance(shapely.Point(float(row["lon"]), float(row["lat"]))) > 0.02  # ~2 km
    ]
    assert not outside


def test_no_name_is_taken_from_a_curated_row_and_bare_names_are_shared_by_no_row():
    curated = {fold_name(n) for row in _rows("regional.csv") for n in [row["name"], *row["aliases"].split("|")] if n}
    names = Counter()
    for row in ROWS:
        for name in {fold_name(n) for n in [row["name"], *row["aliases"].split("|")] if n}:
            names[name] += 1
            assert name not in curated, (row["id"], name)
    bare = [a for row in ROWS for a in row["aliases"].split("|") if a and "istrict" not in a and "ولسوالی" not in a]
    assert bare and all(names[fold_name(b)] == 1 for b in bare)


def test_the_gazetteer_cache_is_keyed_on_the_district_table(tmp_path):
    import shutil
    from dataclasses import replace

    from geomap.config import DEFAULT_SETTINGS
    from geomap.gazetteer.index import _cache_key, _source_files

    settings = replace(DEFAULT_SETTINGS, data_dir=tmp_path)
    (tmp_path / "gazetteer").mkdir()
    table = tmp_path / "gazetteer" / "districts.csv"
    shutil.copy(DATA / "gazetteer" / "districts.csv", table)
    assert table in _source_files(settings, ())
    before = _cache_key(settings, ())
    table.write_text(table.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert _cache_key(settings, ()) != before
