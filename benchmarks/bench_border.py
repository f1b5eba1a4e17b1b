"""Border-distance benchmark: ``BorderIndex.measure`` against naive baselines, and its accuracy.

* geomap: ``load_borders().measure(lats, lons, "TJK-AFG")`` on N random points in
  lat 35–40, lon 66–75.5 (fixed seed), best of R, on all cores and pinned to one core.
* naive geopy: per point, ``geopy.distance.geodesic`` to every vertex of the line, minimum;
  timed on a small sample and extrapolated per point.  Vertex-only, so also wrong between
  vertices: its error against geomap on the same points is reported.
* plain shapely 2: project the points, ``shapely.distance(points, projected_line)`` on the
  whole line (vectorised, no spatial index), on a subset, extrapolated.
* accuracy: geomap against a brute-force geodesic reference (``exact_distance_m``).
"""

from __future__ import annotations

import math
import os
import time
from contextlib import contextmanager

import numpy as np
import shapely
from pyproj import Geod, Transformer

GEOD = Geod(ellps="WGS84")
PAIR = "TJK-AFG"
BOX = {"lat": (35.0, 40.0), "lon": (66.0, 75.5)}


def random_points(count: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.uniform(*BOX["lat"], count), rng.uniform(*BOX["lon"], count)


@contextmanager
def one_cpu():
    """Pin this process to a single CPU for the duration of the block."""
    allowed = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(allowed)})
    try:
        yield
    finally:
        os.sched_setaffinity(0, allowed)


def best_of(repeats: int, function, *args) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeats):
        started = time.perf_counter()
        result = function(*args)
        best = min(best, time.perf_counter() - started)
    return best, result


# ---------------------------------------------------------------- exact reference


class ExactReference:
    """Brute-force geodesic distance from a point to the lon/lat polyline.

    Segments are treated as geodesics.  For a segment AB of length L every point X on it
    has d(P, X) ≥ (d(P, A) + d(P, B) − L) / 2 (triangle inequality), so only segments
    whose bound is below the nearest vertex's distance can hold the minimum; those are
    sampled every ``spacing_m`` with ``Geod.npts`` and the best sample is refined at
    ``refine_m`` between its neighbours.  Error: well under a metre.
    """

    def __init__(self, line_lonlat: shapely.Geometry, spacing_m: float = 20.0, refine_m: float = 0.1) -> None:
        parts = [shapely.get_coordinates(p) for p in shapely.get_parts(line_lonlat)]
        self.a = np.vstack([p[:-1] for p in parts])
        self.b = np.vstack([p[1:] for p in parts])
        _, _, self.length = GEOD.inv(self.a[:, 0], self.a[:, 1], self.b[:, 0], self.b[:, 1])
        self.spacing_m = spacing_m
        self.refine_m = refine_m

    def _sample(self, lon1, lat1, lon2, lat2, spacing) -> np.ndarray:
        _, _, length = GEOD.inv(lon1, lat1, lon2, lat2)
        inner = max(0, math.ceil(length / spacing) - 1)
        middle = np.array(GEOD.npts(lon1, lat1, lon2, lat2, inner)) if inner else np.empty((0, 2))
        return np.vstack([[lon1, lat1], middle.reshape(-1, 2), [lon2, lat2]])

    def distance_m(self, lat: float, lon: float) -> float:
        n = len(self.a)
        _, _, d_a = GEOD.inv(np.full(n, lon), np.full(n, lat), self.a[:, 0], self.a[:, 1])
        _, _, d_b = GEOD.inv(np.full(n, lon), np.full(n, lat), self.b[:, 0], self.b[:, 1])
        upper = min(d_a.min(), d_b.min())
        lower = (d_a + d_b - self.length) / 2
        best, best_xy = upper, None
        for i in np.flatnonzero(lower <= upper + 1.0):
            samples = self._sample(*self.a[i], *self.b[i], self.spacing_m)
            _, _, d = GEOD.inv(np.full(len(samples), lon), np.full(len(samples), lat), samples[:, 0], samples[:, 1])
            k = int(np.argmin(d))
            if d[k] <= best:
                best = float(d[k])
                best_xy = (samples[max(k - 1, 0)], samples[min(k + 1, len(samples) - 1)])
        if best_xy is not None:
            (lon1, lat1), (lon2, lat2) = best_xy
            fine = self._sample(lon1, lat1, lon2, lat2, self.refine_m)
            _, _, d = GEOD.inv(np.full(len(fine), lon), np.full(len(fine), lat), fine[:, 0], fine[:, 1])
            best = min(best, float(d.min()))
        return best


def near_line_points(line_lonlat: shapely.Geometry, count: int, seed: int, max_km: float = 5.0):
    """Points within ``max_km`` of random positions along the line (where densify error shows)."""
    rng = np.random.default_rng(seed)
    on_line = shapely.line_interpolate_point(shapely.line_merge(line_lonlat), rng.uniform(0, 1, count), normalized=True)
    lon, lat = shapely.get_x(on_line), shapely.get_y(on_line)
    lon2, lat2, _ = GEOD.fwd(lon, lat, rng.uniform(0, 360, count), rng.uniform(0, max_km * 1000, count))
    return np.asarray(lat2), np.asarray(lon2)


# ---------------------------------------------------------------- baselines


def geopy_vertex_min_km(lat: float, lon: float, vertices_latlon: list[tuple[float, float]]) -> float:
    from geopy.distance import geodesic

    return min(geodesic((lat, lon), vertex).km for vertex in vertices_latlon)


def shapely_plain(lats: np.ndarray, lons: np.ndarray, projected_line, to_plane: Transformer) -> np.ndarray:
    x, y = to_plane.transform(lons, lats)
    return shapely.distance(shapely.points(x, y), projected_line) / 1000.0


# ---------------------------------------------------------------- run


def run(quick: bool = False) -> dict:
    from geomap.border import _load_borders, load_borders

    n_points = 1_000_000
    repeats = 1 if quick else 3
    n_geopy = 5 if quick else 20
    n_shapely = 20_000 if quick else 100_000
    n_accuracy = 20 if quick else 50
    out: dict = {"points": n_points, "repeats": repeats}

    _load_borders.cache_clear()
    started = time.perf_counter()
    index = load_borders()
    out["load_s"] = time.perf_counter() - started
    line = index.line(PAIR)
    out["line_vertices"] = int(shapely.get_num_coordinates(line.geometry))
    out["densified_segments"] = int(len(line.segment_start))
    out["threads_setting"] = index.settings.threads

    lats, lons = random_points(n_points, seed=42)
    index.measure(lats[:1000], lons[:1000], PAIR)  # warm-up
    out["geomap_s"], result = best_of(repeats, index.measure, lats, lons, PAIR)
    ours_km = result["distance_km"]
    out["geomap_pps"] = n_points / out["geomap_s"]
    with one_cpu():
        out["geomap_1cpu_s"], _ = best_of(1, index.measure, lats, lons, PAIR)
    out["geomap_1cpu_pps"] = n_points / out["geomap_1cpu_s"]

    # (a) naive geopy loop over every vertex
    vertices = [(lat, lon) for lon, lat in shapely.get_coordinates(line.geometry)]
    started = time.perf_counter()
    naive = np.array([geopy_vertex_min_km(lats[i], lons[i], vertices) for i in range(n_geopy)])
    geopy_s = time.perf_counter() - started
    out["geopy_points"] = n_geopy
    out["geopy_pps"] = n_geopy / geopy_s
    out["geopy_extrapolated_s"] = n_points / out["geopy_pps"]
    out["geopy_speedup"] = out["geomap_pps"] / out["geopy_pps"]
    gap = naive - ours_km[:n_geopy]
    out["geopy_error_max_km"] = float(np.abs(gap).max())
    out["geopy_error_mean_km"] = float(np.abs(gap).mean())
    # far points are mostly nearest to a vertex; the vertex-only error shows near the line
    near_lat, near_lon = near_line_points(line.geometry, max(3, n_geopy // 2), seed=13, max_km=1.0)
    near_naive = np.array([geopy_vertex_min_km(a, b, vertices) for a, b in zip(near_lat, near_lon, strict=True)])
    near_gap = near_naive - index.measure(near_lat, near_lon, PAIR)["distance_km"]
    out["geopy_near_points"] = len(near_lat)
    out["geopy_near_error_max_km"] = float(np.abs(near_gap).max())
    out["geopy_near_error_mean_km"] = float(np.abs(near_gap).mean())

    # (b) plain shapely 2 on the whole projected line
    to_plane = Transformer.from_crs("EPSG:4326", index.settings.projection, always_xy=True)
    shapely_plain(lats[:100], lons[:100], line.projected, to_plane)  # warm-up
    out["shapely_s"], plain_km = best_of(1, shapely_plain, lats[:n_shapely], lons[:n_shapely], line.projected, to_plane)
    out["shapely_points"] = n_shapely
    out["shapely_pps"] = n_shapely / out["shapely_s"]
    out["shapely_extrapolated_s"] = n_points / out["shapely_pps"]
    out["shapely_speedup"] = out["geomap_pps"] / out["shapely_pps"]
    out["shapely_speedup_1cpu"] = out["geomap_1cpu_pps"] / out["shapely_pps"]
    out["shapely_vs_geomap_max_km"] = float(np.abs(plain_km - ours_km[:n_shapely]).max())

    # accuracy against the brute-force geodesic reference
    reference = ExactReference(line.geometry)
    started = time.perf_counter()
    for label, (alat, alon) in {
        "random": random_points(n_accuracy, seed=7),
        "near_line": near_line_points(line.geometry, n_accuracy, seed=11),
    }.items():
        exact = np.array([reference.distance_m(a, b) for a, b in zip(alat, alon, strict=True)])
        got = index.measure(alat, alon, PAIR)["distance_km"] * 1000.0
        error = got - exact
        out[f"accuracy_{label}_points"] = n_accuracy
        out[f"accuracy_{label}_max_abs_m"] = float(np.abs(error).max())
        out[f"accuracy_{label}_mean_abs_m"] = float(np.abs(error).mean())
        out[f"accuracy_{label}_min_signed_m"] = float(error.min())  # < 0 would mean geomap undercuts the line
    out["accuracy_reference_s"] = time.perf_counter() - started
    return out


if __name__ == "__main__":
    import json
    import sys

    print(json.dumps(run(quick="--quick" in sys.argv), indent=2))
