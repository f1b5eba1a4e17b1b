"""Coordinates written in articles become places with the precision of their notation."""

import pytest

from geomap.pipeline import parse_text
from geomap.places.coordinates import find_coordinates


def one(text):
    [toponym] = find_coordinates(text)
    return toponym


def test_degrees_minutes_seconds():
    t = one("The post at 37°11′30″N 68°35′E was shelled.")
    assert t.place.lat == pytest.approx(37.191667, abs=1e-5) and t.place.lon == pytest.approx(68.583333, abs=1e-5)
    assert t.mention.text == "37°11′30″N 68°35′E" and 0.8 < t.place.uncertainty_km < 1.0  # minutes → ±0.93 km


def test_decimal_with_hemispheres_and_southern_western():
    t = one("Drone seen at 37.19N 68.58E.")
    assert (t.place.lat, t.place.lon) == (37.19, 68.58) and t.place.uncertainty_km == pytest.approx(0.557, abs=0.01)
    south = one("Ship at 12.5S, 45.25W yesterday.")
    assert (south.place.lat, south.place.lon) == (-12.5, -45.25)


def test_decimal_pairs_need_an_introducing_word():
    assert find_coordinates("Prices rose 37.19, 68.58 percent.") == []
    t = one("GPS: 37.1917, 68.5833 according to the video.")
    assert t.place.lat == pytest.approx(37.1917) and t.place.uncertainty_km < 0.01


def test_mgrs_reference():
    pytest.importorskip("mgrs")
    t = one("Grid 42SVG6272316032 was hit.")
    assert t.place.lat == pytest.approx(37.19, abs=0.001) and t.place.lon == pytest.approx(68.58, abs=0.001)
    assert t.place.uncertainty_km == 0.001  # 1 m squares; geomap never claims better than a metre
    coarse = one("Artillery fired into grid square 42SVG6216.")  # a 1 km square: its centre, ±0.5 km
    assert coarse.place.uncertainty_km == 0.5
    assert abs(coarse.place.lat - t.place.lat) < 0.01 and abs(coarse.place.lon - t.place.lon) < 0.01


def test_coordinates_become_event_places(resources):
    result = parse_text("Border guards clashed with smugglers at 37°12′N 68°36′E on Monday.", None, resources)
    [event] = result.events
    assert event.place.place.source == "coordinates" and event.geo_level == "site"
    assert event.border.distance_km < 5


NOTATIONS = [
    "37°11′30″N 68°35′E", "37 11 30 N, 68 35 E", "37° 11' N / 68° 35' E", "37 degrees N 68 degrees E",
    "37.19N 68.58E", "37.19° N, 68.58° E", "12.5S, 45.25W", "coordinates 37.1917, 68.5833",
    "lat/lon: (37.19, -68.58)", "42SVG6272316032", "42S VG 6272 1603", "42SVG6216",
]


@pytest.mark.parametrize("notation", NOTATIONS)
def test_quick_scan_never_hides_a_notation(notation, monkeypatch):
    """find_coordinates skips articles in which one cheap scan finds nothing that could
    start a notation: each notation must reach the full patterns."""

    import geomap.places.coordinates as coordinates

    text = f"Seen at {notation} on Monday."
    assert coordinates._ANY_NOTATION.search(text), notation
    assert coordinates._any_notation(text, 0)
    with_scan = find_coordinates(text)
    monkeypatch.setattr(coordinates, "_notations", lambda text, start: (True, True, True))  # no skipping
    assert with_scan == find_coordinates(text)
    if not notation.startswith("42S") or _has_mgrs():
        assert with_scan, notation


def _has_mgrs() -> bool:
    try:
        import mgrs  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.mark.parametrize("text", [
    *NOTATIONS, "It cost $1.25 on 3.5.2021", "1.5 km", "the US 5th fleet", "UN, 12 dead", "S/4", "10AM",
    "3PMX", "E", "at 4 a.m.", "Kabul, Aug. 12", "W 3", "W_3", "v1.22", "ΑΣ 1.2", "E 7", "N\n9",
])
def test_the_quick_scan_in_parts_answers_as_the_one_pattern(text):
    import geomap.places.coordinates as coordinates

    for start in (0, 2):
        assert coordinates._any_notation(text, start) == bool(coordinates._ANY_NOTATION.search(text, start)), (text, start)


@pytest.mark.parametrize("text", [*NOTATIONS, "37.19 N, 68.58 E", "GPS 37.19,68.58", "N 37 11 30, E 68 35", "42 SVG 62 16"])
def test_each_full_pattern_runs_where_its_part_of_the_quick_scan_is_found(text):
    import geomap.places.coordinates as coordinates

    hemisphere, decimal, grid = coordinates._notations(f"Seen at {text}.", 0)
    text = f"Seen at {text}."
    assert hemisphere or not (coordinates.DMS_PAIR.search(text) or coordinates.DECIMAL_HEMISPHERE.search(text))
    assert decimal or not coordinates.DECIMAL_PAIR.search(text)
    assert grid or not coordinates.MGRS_REFERENCE.search(text)
