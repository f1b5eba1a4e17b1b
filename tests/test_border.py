"""Border metrics against an independent brute-force geodesic computation."""

import numpy as np
import pytest
from pyproj import Geod
from shapely.geometry import LineString

from geomap.border import BorderDataError, load_borders

GEOD = Geod(ellps="WGS84")
OFFICIAL_TJK_AFG_KM = 1344.15  # Tajik Ministry of Foreign Affairs


@pytest.fixture(scope="module")
def borders():
    return load_borders()


def exact_distance_km(line, lat, lon):
    """Minimum geodesic distance from a point to a lon/lat line, by dense geodesic sampling."""
    best = np.inf
    parts = getattr(line, "geoms", [line])
    # coarse pass: every vertex of the line densified along geodesics to ~200 m
    vertices = []
    for part in parts:
        coords = np.asarray(part.coords)
        for (x1, y1), (x2, y2) in zip(coords[:-1], coords[1:]):
            _, _, metres = GEOD.inv(x1, y1, x2, y2)
            steps = max(1, int(metres // 200))
            vertices.append((x1, y1, x2, y2, steps))
    lons = np.concatenate([np.linspace(a, c, s + 1) for a, b, c, d, s in vertices])
    lats = np.concatenate([np.linspace(b, d, s + 1) for a, b, c, d, s in vertices])
    _, _, metres = GEOD.inv(np.full(lons.shape, lon), np.full(lats.shape, lat), lons, lats)
    nearest = int(np.argmin(metres))
    # fine pass: geodesic points every ~1 m around the best coarse vertex
    lo, hi = max(0, nearest - 2), min(len(lons) - 1, nearest + 2)
    for i in range(lo, hi):
        points = GEOD.npts(lons[i], lats[i], lons[i + 1], lats[i + 1], 400)
        pts = np.array([(lons[i], lats[i]), *points, (lons[i + 1], lats[i + 1])])
        _, _, fine = GEOD.inv(np.full(len(pts), lon), np.full(len(pts), lat), pts[:, 0], pts[:, 1])
        best = min(best, float(fine.min()))
    return min(best, float(metres.min())) / 1000.0


def test_distances_match_an_exact_geodesic_within_50_m(borders):
    rng = np.random.default_rng(42)
    lats = rng.uniform(35.5, 40.0, 120)
    lons = rng.uniform(66.0, 75.5, 120)
    line = borders.line("TJK-AFG").geometry
    ours = borders.measure(lats, lons)["distance_km"]
    exact = np.array([exact_distance_km(line, la, lo) for la, lo in zip(lats, lons)])
    assert np.abs(ours - exact).max() < 0.05


def test_near_border_points_are_exact_too(borders):
    line = borders.line("TJK-AFG").geometry
    rng = np.random.default_rng(7)
    coords = np.asarray(line.coords if isinstance(line, LineString) else line.geoms[0].coords)
    picks = coords[rng.choice(len(coords), 30, replace=False)] + rng.normal(0, 0.01, (30, 2))
    ours = borders.measure(picks[:, 1], picks[:, 0])["distance_km"]
    exact = np.array([exact_distance_km(line, la, lo) for lo, la in picks])
    assert np.abs(ours - exact).max() < 0.05


def test_known_places_sides_and_distances(borders, resources):
    gazetteer = resources.gazetteer
    def place(name, feature_type):
        ids = [i for i in gazetteer.place_ids_for(name) if gazetteer.places.feature_type(i) == feature_type]
        assert ids, name
        return gazetteer.places.get(ids[0])

    panji_poyon = place("Panji Poyon", "village")
    shir_khan = place("Shir Khan Bandar", "river_port")
    assert borders.metrics(panji_poyon.lat, panji_poyon.lon).side == "TJK"
    assert borders.metrics(shir_khan.lat, shir_khan.lon).side == "AFG"
    dushanbe = borders.metrics(38.5358, 68.7791)
    assert dushanbe.side == "TJK" and 118 < dushanbe.distance_km < 130
    kunduz = borders.metrics(36.7290, 68.8570)
    assert kunduz.side == "AFG" and 48 < kunduz.distance_km < 58
    assert 90 < dushanbe.bearing_deg < 200  # the border lies to the south-east of Dushanbe


def test_side_uncertain_flag_uses_the_data_error(borders):
    line = borders.line("TJK-AFG")
    lon, lat = line.geometry.interpolate(0.3, normalized=True).coords[0]
    metrics = borders.metrics(lat, lon)
    assert metrics.distance_km < 0.01 and metrics.side_uncertain
    assert not borders.metrics(38.5358, 68.7791).side_uncertain


def test_shipped_line_length_is_close_to_the_official_figure(borders):
    line = borders.line("TJK-AFG")
    measured = GEOD.geometry_length(line.geometry) / 1000
    assert abs(measured - line.length_km) < 1.0
    assert abs(measured - OFFICIAL_TJK_AFG_KM) / OFFICIAL_TJK_AFG_KM < 0.03


def test_other_pairs_and_reversed_names(borders):
    for pair in ("UZB-AFG", "TKM-AFG", "KGZ-TJK", "TJK-UZB"):
        assert borders.line(pair).length_km > 100
    assert borders.line("AFG-TJK").pair == "TJK-AFG"
    with pytest.raises(BorderDataError, match="available"):
        borders.line("FRA-ESP")
    termez = borders.metrics(37.2242, 67.2783, "UZB-AFG")
    assert termez.side == "UZB" and termez.distance_km < 5


def test_buffer_bands_are_nested_rings(borders):
    bands = borders.buffer_bands("TJK-AFG", (5, 10))
    assert [(b["properties"]["from_km"], b["properties"]["to_km"]) for b in bands] == [(0.0, 5), (5, 10)]
    from shapely.geometry import shape

    inner, outer = (shape(b["geometry"]) for b in bands)
    assert inner.is_valid and outer.is_valid
    # rings are simplified (~200 m) after differencing, so they may touch along a sliver
    assert inner.intersection(outer).area < 1e-3 * inner.area
    assert outer.distance(inner) < 1e-6 and not outer.contains(inner.representative_point())


def test_the_nearest_border_of_all_is_found_and_remembered():
    from geomap.border import load_borders

    borders = load_borders()
    points = ([37.2242, 40.1265, 37.24], [67.2783, 70.6251, 68.58])  # Termez, Isfara, Panji Poyon
    first = borders.nearest_many(*points)
    assert [m.border for m in first] == ["UZB-AFG", "KGZ-TJK", "TJK-AFG"]
    assert all(m.distance_km < 10 for m in first)
    for metrics, lat, lon in zip(first, *points):
        assert metrics.distance_km <= min(borders.metrics(lat, lon, pair).distance_km for pair in borders.lines) + 1e-6
    assert borders.nearest_many(*points) == first  # from the memo
    rng = np.random.default_rng(7)  # and anywhere in the region: never farther than the nearest line
    lats, lons = rng.uniform(30, 44, 200), rng.uniform(58, 78, 200)
    per_pair = [borders.metrics_many(lats, lons, pair) for pair in borders.lines]
    for i, metrics in enumerate(borders.nearest_many(lats, lons)):
        assert metrics.distance_km <= min(pair[i].distance_km for pair in per_pair) + 0.001
