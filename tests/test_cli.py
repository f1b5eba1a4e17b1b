import json
import subprocess
import sys

from conftest import ROOT, SEEDS


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "geomap.cli", *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def test_distance_prints_json():
    result = run("distance", "38.5358", "68.7791")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["side"] == "TJK" and 118 < data["distance_km"] < 130
    assert {"nearest_lat", "nearest_lon"} <= set(data)


def test_distance_rejects_impossible_coordinates():
    result = run("distance", "138", "68")
    assert result.returncode == 2 and "not a valid latitude" in result.stderr


def test_distance_csv_in_csv_out(tmp_path):
    source = tmp_path / "points.csv"
    source.write_text("name,lat,lon\nDushanbe,38.5358,68.7791\nKunduz,36.729,68.857\nbroken,x,1\n", encoding="utf-8")
    result = run("distance", "--csv", str(source), "-o", str(tmp_path / "out.csv"))
    assert result.returncode == 1 and "points.csv:4" in result.stderr
    lines = (tmp_path / "out.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("name,lat,lon,border,distance_km,side")
    assert lines[1].split(",")[5] == "TJK" and lines[2].split(",")[5] == "AFG"


def test_distance_csv_names_the_nearest_border_of_all(tmp_path):
    source = tmp_path / "points.csv"
    source.write_text("name,lat,lon\nTermez,37.22,67.28\n", encoding="utf-8")
    run("distance", "--csv", str(source), "-o", str(tmp_path / "out.csv"))
    import csv as csv_module

    [row] = csv_module.DictReader((tmp_path / "out.csv").open(encoding="utf-8"))
    assert row["border"] == "TJK-AFG" and 40 < float(row["distance_km"]) < 50
    assert row["nearest_border"] == "UZB-AFG" and float(row["nearest_border_km"]) < 10 and row["nearest_border_side"] == "UZB"


def test_parse_prints_one_line_per_article_and_reports_bad_files(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x00")
    result = run("parse", str(SEEDS / "004_2ce42bfb54afeb48.txt"), str(bad))
    assert result.returncode == 1 and "bad.txt" in result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert record["date"] == "2021-12-29" and record["toponyms"] and record["events"]


def test_build_exit_code_and_summary(tmp_path):
    result = run("build", str(SEEDS), "-o", str(tmp_path), "--format", "geojson")
    assert result.returncode == 0, result.stderr
    assert "articles read: 5" in result.stdout and (tmp_path / "events.geojson").exists()
    assert not (tmp_path / "map.html").exists()


def test_places_explains_candidates():
    result = run("places", "Kulob", "--context", "Clashes in Tajikistan near")
    data = json.loads(result.stdout.splitlines()[0])
    assert data["chosen"] and data["reasons"] and data["candidates"][0]["country"]


def test_parse_reports_bad_user_gazetteer_rows(tmp_path):
    gazetteer = tmp_path / "mine.csv"
    gazetteer.write_text("name,lat,lon\nCamp Zarya,37.9,69.1\nBroken,north,69\n", encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("Troops reached Camp Zarya.", encoding="utf-8")
    result = run("parse", "--gazetteer", str(gazetteer), str(article))
    assert result.returncode == 1  # a skipped row is a skipped input
    assert "mine.csv:3" in result.stderr and "row skipped" in result.stderr
    assert json.loads(result.stdout)["toponyms"][0]["name"] == "Camp Zarya"


def test_parse_places_only_gives_the_same_places_and_no_events():
    article = str(SEEDS / "004_2ce42bfb54afeb48.txt")
    full = json.loads(run("parse", article).stdout.splitlines()[0])
    places = json.loads(run("parse", "--places-only", article).stdout.splitlines()[0])
    assert places["toponyms"] == full["toponyms"] and places["organisations"] == full["organisations"]
    assert "events" not in places and "claims" not in places  # not looked for: absent, not empty


def test_record_json_writes_the_bytes_of_json_dumps():
    """Output lines are encoded without the cycle check: the same bytes as ``json.dumps``,
    and a non-finite number is still refused where the writer asks for finite JSON."""
    import math

    import pytest

    from geomap.export import record_json

    shared = ["Пяндж", "rüber"]
    record = {"a": 1.5, "b": None, "c": [True, {"d": "x\"y\n", "e": shared}], "f": shared, "g": -0.0, "h": 10**20}
    assert record_json(record) == json.dumps(record, ensure_ascii=False)
    assert record_json({"x": math.inf}) == json.dumps({"x": math.inf}, ensure_ascii=False)
    with pytest.raises(ValueError):
        record_json({"x": math.nan}, allow_nan=False)
