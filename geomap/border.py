"""Distances and sides relative to international border lines.

Method (measured in ``docs/benchmarks.md`` and the border-data notes): the border line is
projected once to a regional Lambert conformal conic (worst scale error ~40 m over the
region) and densified; a k-d tree over its vertices and a vectorised point-to-segment
projection find each point's nearest border point in that plane; the reported distance
and bearing are then the exact WGS84 geodesic between the point and that nearest point
(pyproj ``Geod.inv``).  Degrees × 111 would be off by tens of km and is never used.

The side is the country whose polygon (same source as the line) contains the point; a
point closer to the line than the data's own positional error is flagged
``side_uncertain``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import shapely
from pyproj import Geod, Transformer
from scipy.spatial import cKDTree
from shapely.geometry import mapping, shape

from geomap.config import DEFAULT_SETTINGS, Settings
from geomap.errors import GeomapError
from geomap.model import BorderMetrics

GEOD = Geod(ellps="WGS84")
MEMO_SIZE = 500_000  # measured points kept by BorderIndex.metrics_many
# A place whose position is uncertain by more than this has no meaningful distance to a
# border (a province, "Central Asia"): the outputs say "not meaningful" instead of a number.
NOT_MEANINGFUL_KM = 150.0


class BorderDataError(GeomapError, ValueError):
    """The requested border is not in the boundary data."""


@dataclass(frozen=True)
class BorderLine:
    """One border line with its provenance, in lon/lat and in the projected plane."""

    pair: str
    countries: tuple[str, str]
    geometry: shapely.Geometry  # lon/lat
    projected: shapely.Geometry  # metres, regional LCC
    length_km: float
    positional_error_km: float
    source: str
    source_name: str
    licence: str
    attribution: str
    segment_start: np.ndarray  # (M, 2) projected start of each densified segment, metres
    segment_end: np.ndarray  # (M, 2) projected end; vertex i starts segment i
    vertex_tree: cKDTree  # over segment starts and ends


@dataclass
class BorderIndex:
    """Border lines and country polygons from one boundary source.

    Build it with :func:`load_borders`; it is safe to share (its only mutable state is the
    memo of :meth:`metrics_many`, which never changes an answer).
    """

    lines: dict[str, BorderLine]
    country_iso3: list[str]
    country_iso2: list[str]
    country_names: list[str]
    country_polygons: list[shapely.Geometry]
    country_attribution: str
    settings: Settings
    _to_plane: Transformer = field(repr=False, default=None)  # type: ignore[assignment]
    _from_plane: Transformer = field(repr=False, default=None)  # type: ignore[assignment]
    _memo: dict[tuple[str, float, float], BorderMetrics] = field(repr=False, default_factory=dict)  # see metrics_many
    _all_lines: _AllLines | None = field(repr=False, default=None)  # every line's segments together (nearest_many)

    def __post_init__(self) -> None:
        self._to_plane = Transformer.from_crs("EPSG:4326", self.settings.projection, always_xy=True)
        self._from_plane = Transformer.from_crs(self.settings.projection, "EPSG:4326", always_xy=True)
        for polygon in self.country_polygons:
            shapely.prepare(polygon)

    def line(self, pair: str) -> BorderLine:
        """The border line for ``pair`` (``"TJK-AFG"``; ``"AFG-TJK"`` is accepted too)."""
        key = pair.upper()
        if key not in self.lines:
            swapped = "-".join(reversed(key.split("-")))
            if swapped not in self.lines:
                raise BorderDataError(
                    f"no border {pair!r} in the boundary data; available: {', '.join(sorted(self.lines))}"
                )
            key = swapped
        return self.lines[key]

    def sides(self, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
        """ISO3 of the country containing each point ("" outside every polygon)."""
        lats = np.asarray(lats, dtype=float)
        lons = np.asarray(lons, dtype=float)
        result = np.full(lats.shape, "", dtype=object)
        undecided = np.ones(lats.shape, dtype=bool)
        for iso3, polygon in zip(self.country_iso3, self.country_polygons, strict=True):
            if not undecided.any():
                break
            inside = np.zeros(lats.shape, dtype=bool)
            inside[undecided] = shapely.contains_xy(polygon, lons[undecided], lats[undecided])
            result[inside] = iso3
            undecided &= ~inside
        return result

    def measure(self, lats: np.ndarray, lons: np.ndarray, pair: str | None = None) -> dict[str, np.ndarray]:
        """Vectorised border metrics for many points.

        Parameters
        ----------
        lats, lons : array-like of float
            WGS84 degrees.
        pair : str, optional
            Border pair; ``settings.default_border`` if omitted.

        Returns
        -------
        dict of numpy arrays
            ``distance_km`` (geodesic), ``nearest_lat``, ``nearest_lon``, ``bearing_deg``
            (initial azimuth from the point towards the border, 0–360), ``side`` (ISO3),
            ``side_uncertain`` (bool).
        """
        border = self.line(pair or self.settings.default_border)
        lats = np.atleast_1d(np.asarray(lats, dtype=float))
        lons = np.atleast_1d(np.asarray(lons, dtype=float))
        chunk = self.settings.measure_chunk
        if len(lats) <= chunk:
            parts = [self._measure_chunk(border, lats, lons)]
        else:  # shapely and pyproj release the GIL: threads use every core
            from concurrent.futures import ThreadPoolExecutor

            bounds = range(0, len(lats), chunk)
            with ThreadPoolExecutor(max_workers=self.settings.threads) as pool:
                parts = list(pool.map(lambda i: self._measure_chunk(border, lats[i : i + chunk], lons[i : i + chunk]), bounds))
        return {key: np.concatenate([part[key] for part in parts]) for key in parts[0]}

    def _measure_chunk(self, border: BorderLine, lats: np.ndarray, lons: np.ndarray) -> dict[str, np.ndarray]:
        x, y = self._to_plane.transform(lons, lats)
        near_x, near_y, _ = _nearest_on_segments(border, np.column_stack([x, y]), self.settings.candidate_vertices)
        near_lon, near_lat = self._from_plane.transform(near_x, near_y)
        azimuth, _, metres = GEOD.inv(lons, lats, near_lon, near_lat)
        distance_km = np.asarray(metres) / 1000.0
        return {
            "distance_km": distance_km,
            "nearest_lat": np.asarray(near_lat),
            "nearest_lon": np.asarray(near_lon),
            "bearing_deg": np.mod(np.asarray(azimuth), 360.0),
            "side": self.sides(lats, lons),
            "side_uncertain": distance_km <= border.positional_error_km,
        }

    def metrics(self, lat: float, lon: float, pair: str | None = None) -> BorderMetrics:
        """Border metrics for a single point."""
        return self.metrics_many([lat], [lon], pair)[0]

    def metrics_many(self, lats, lons, pair: str | None = None) -> list[BorderMetrics]:
        """:class:`BorderMetrics` for many points, rounded for output.

        Points measured before come from a memo (event places are mostly gazetteer places
        that recur across articles); the rest are measured in one vectorised call.
        """
        pair = self.line(pair or self.settings.default_border).pair
        memo = self._memo
        if len(memo) > MEMO_SIZE:
            memo.clear()
        keys = [(pair, lat, lon) for lat, lon in zip(np.asarray(lats, dtype=float).tolist(), np.asarray(lons, dtype=float).tolist())]
        missing = list(dict.fromkeys(key for key in keys if key not in memo))
        if missing:
            values = self.measure(np.array([k[1] for k in missing]), np.array([k[2] for k in missing]), pair)
            for i, key in enumerate(missing):
                memo[key] = BorderMetrics(
                    border=pair,
                    distance_km=round(float(values["distance_km"][i]), 3),
                    side=str(values["side"][i]),
                    nearest_lat=round(float(values["nearest_lat"][i]), 5),
                    nearest_lon=round(float(values["nearest_lon"][i]), 5),
                    bearing_deg=round(float(values["bearing_deg"][i]), 1),
                    side_uncertain=bool(values["side_uncertain"][i]),
                )
        return [memo[key] for key in keys]

    def nearest_many(self, lats, lons) -> list[BorderMetrics]:
        """Metrics against the nearest of *all* border lines in the data, per point.

        One nearest-segment search runs over the densified segments of every line together
        (the same k-d tree and exact projection as for one line), then the geodesic to the
        point found is measured, so a point 4 km from the Uzbek–Afghan border is not
        reported 46 km from the Tajik one.  Lines are compared in the projected plane, whose
        scale error is a fraction of a per cent over the region: only a point almost
        equidistant from two lines (at a tripoint) could be given the other one.
        """
        lats = np.atleast_1d(np.asarray(lats, dtype=float))
        lons = np.atleast_1d(np.asarray(lons, dtype=float))
        if len(lats) == 0:
            return []
        memo = self._memo
        keys = [("*", lat, lon) for lat, lon in zip(lats.tolist(), lons.tolist())]
        found = [memo.get(key) for key in keys]
        missing = [i for i, metrics in enumerate(found) if metrics is None]
        if missing:  # (measuring may clear the memo when it is full: keep the answers here)
            for i, metrics in zip(missing, self._nearest_of_all(lats[missing], lons[missing]), strict=True):
                memo[keys[i]] = found[i] = metrics
        return found  # type: ignore[return-value]

    def _nearest_of_all(self, lats: np.ndarray, lons: np.ndarray) -> list[BorderMetrics]:
        if self._all_lines is None:
            self._all_lines = _AllLines.of(self.lines)
        every = self._all_lines
        x, y = self._to_plane.transform(lons, lats)
        # one search over the segments of every line (the same exact projection as for one line)
        near_x, near_y, segment = _nearest_on_segments(every, np.column_stack([x, y]), self.settings.candidate_vertices)
        near_lon, near_lat = self._from_plane.transform(near_x, near_y)
        azimuth, _, metres = GEOD.inv(lons, lats, near_lon, near_lat)
        sides = self.sides(lats, lons)
        found = []
        for i, line_number in enumerate(every.line_of_segment[segment].tolist()):
            line = self.lines[every.pairs[line_number]]
            distance_km = float(metres[i]) / 1000.0
            found.append(
                BorderMetrics(
                    border=line.pair,
                    distance_km=round(distance_km, 3),
                    side=str(sides[i]),
                    nearest_lat=round(float(near_lat[i]), 5),
                    nearest_lon=round(float(near_lon[i]), 5),
                    bearing_deg=round(float(np.mod(azimuth[i], 360.0)), 1),
                    side_uncertain=bool(distance_km <= line.positional_error_km),
                )
            )
        return found

    def measure_places(self, lats, lons, pairs: tuple[str, ...] | list[str] = ()) -> list[PlaceBorders]:
        """Border metrics of many places: against each requested border and the nearest of all.

        The one entry point for measuring places and events against borders (pipeline,
        exports, claims and the command line use it): ``best`` is the nearest of the
        requested borders and the nearest border of all lines in the data, so that Termez
        is 4 km from the Uzbek–Afghan border, not 46 km from the Tajik one.

        Parameters
        ----------
        lats, lons : array-like of float
            WGS84 degrees.
        pairs : sequence of str
            Requested border pairs (``settings.default_border`` if empty).

        Returns
        -------
        list of PlaceBorders
            One per point, in order.
        """
        pairs = tuple(self.line(p).pair for p in (pairs or (self.settings.default_border,)))
        lats = np.atleast_1d(np.asarray(lats, dtype=float))
        lons = np.atleast_1d(np.asarray(lons, dtype=float))
        if len(lats) == 0:
            return []
        per_pair = [self.metrics_many(lats, lons, pair) for pair in pairs]
        nearest = self.nearest_many(lats, lons)
        out = []
        for row in range(len(lats)):
            requested = tuple(metrics[row] for metrics in per_pair)
            best = min([*requested, nearest[row]], key=lambda m: m.distance_km)
            out.append(PlaceBorders(requested=requested, nearest=nearest[row], best=best))
        return out

    def buffer_bands(self, pair: str | None = None, bands_km: tuple[float, ...] | None = None) -> list[dict]:
        """Distance bands around a border as GeoJSON-ready features (rings, not discs).

        Each feature covers the points between the previous band's distance and its own,
        e.g. 0–5 km, 5–10 km, 10–25 km, 25–50 km, buffered in the projected plane.
        """
        border = self.line(pair or self.settings.default_border)
        bands = sorted(bands_km or self.settings.buffer_bands_km)
        features = []
        inner, previous_km = None, 0.0
        for outer_km in bands:
            disc = shapely.buffer(border.projected, outer_km * 1000.0, quad_segs=8)
            ring = disc if inner is None else shapely.difference(disc, inner)
            lonlat = shapely.transform(ring, lambda xy: np.column_stack(self._from_plane.transform(xy[:, 0], xy[:, 1])))
            lonlat = shapely.orient_polygons(shapely.simplify(lonlat, 0.002), exterior_cw=False)
            features.append(
                {
                    "type": "Feature",
                    "geometry": mapping(lonlat),
                    "properties": {
                        "border": border.pair,
                        "from_km": 0.0 if inner is None else previous_km,
                        "to_km": outer_km,
                    },
                }
            )
            inner, previous_km = disc, outer_km
        return features

    def outline_features(self, tolerance_deg: float = 0.01) -> dict:
        """Country polygons simplified for display (~1 km), as a GeoJSON FeatureCollection."""
        features = []
        for iso3, iso2, name, polygon in zip(
            self.country_iso3, self.country_iso2, self.country_names, self.country_polygons, strict=True
        ):
            simple = shapely.orient_polygons(shapely.simplify(polygon, tolerance_deg), exterior_cw=False)
            features.append(
                {
                    "type": "Feature",
                    "geometry": mapping(shapely.set_precision(simple, 1e-4)),
                    "properties": {"iso3": iso3, "iso2": iso2, "name": name},
                }
            )
        return {"type": "FeatureCollection", "features": features}

    def attributions(self) -> list[str]:
        """Attribution lines required by the boundary data's licences."""
        found = {line.attribution for line in self.lines.values()}
        found.add(self.country_attribution)
        return sorted(a for a in found if a)


@dataclass(frozen=True)
class PlaceBorders:
    """A place measured against borders (:meth:`BorderIndex.measure_places`)."""

    requested: tuple[BorderMetrics, ...]  # one per requested border, in order
    nearest: BorderMetrics  # the nearest border of all lines in the data
    best: BorderMetrics  # the nearest of the requested ones and ``nearest``


@dataclass(frozen=True)
class BorderReading:
    """What may honestly be said about a place and a border (:func:`border_reading`).

    ``distance_km`` and ``side`` are None when the place's own uncertainty makes them
    meaningless; ``within_km`` then bounds the distance when a bound still says something.
    ``text`` always names the border pair.
    """

    border: str | None
    distance_km: float | None
    within_km: float | None
    side: str | None
    side_uncertain: bool | None
    meaningful: bool
    text: str


def place_area(feature_type: str, source: str, geo_level: str = "", uncertainty_km: float = 0.0) -> str:
    """"country" or "border" when a place stands for a whole country or a whole border line,
    "region" for any wider place ("Central Asia", a whole border as one gazetteer entry): its
    point is a stand-in, never a site, never a distance.  Else ""."""
    if source == "border":
        return "border"
    if geo_level == "country" or feature_type == "country":
        return "country"
    if uncertainty_km > NOT_MEANINGFUL_KM:
        return "region"
    return ""


def border_reading(metrics: BorderMetrics | None, uncertainty_km: float = 0.0, area: str = "") -> BorderReading:
    """The border measurement policy of every output: a distance and a side only where the
    place's uncertainty allows them.

    * ``area`` ("country" or "border"): the place is a whole country or a whole border
      line: a distance is not meaningful.
    * uncertainty above :data:`NOT_MEANINGFUL_KM` (a province, a region): not meaningful.
    * uncertainty at least the distance: "within D + U km"; no side (the place may lie on
      either).
    * otherwise the distance (± the uncertainty when there is one) and the side.

    Parameters
    ----------
    metrics : BorderMetrics or None
        The measurement of the place's point (None: the place was not measured).
    uncertainty_km : float
        The place's uncertainty radius.
    area : str
        "country" or "border" when the place stands for a whole area, else "".

    Returns
    -------
    BorderReading
    """
    if metrics is None:
        return BorderReading(None, None, None, None, None, False, "")
    pair, distance = metrics.border, metrics.distance_km
    uncertainty = float(uncertainty_km or 0.0)
    if area:
        where = "known only to country level" if area == "country" else f"somewhere along the {pair} border"
        return BorderReading(pair, None, None, None, None, False, f"distance to the {pair} border not meaningful ({where})")
    if uncertainty > NOT_MEANINGFUL_KM:
        return BorderReading(pair, None, None, None, None, False,
                             f"distance to the {pair} border not meaningful (place known only to ±{uncertainty:.0f} km)")
    if uncertainty >= distance:
        bound = round(distance + uncertainty, 1)
        return BorderReading(pair, None, bound, None, True, False,
                             f"within {bound:.0f} km of the {pair} border (place known to ±{uncertainty:.0f} km)")
    side_text = f", {metrics.side} side" if metrics.side else ", outside both countries"
    uncertain = bool(metrics.side_uncertain)
    plus = f" (±{uncertainty:.0f} km)" if uncertainty >= 1 else ""
    return BorderReading(pair, round(distance, 3), None, metrics.side, uncertain, True,
                         f"{distance:.1f} km{plus} from the {pair} border{side_text}{' (side uncertain)' if uncertain else ''}")


def load_borders(settings: Settings = DEFAULT_SETTINGS, source: str | None = None) -> BorderIndex:
    """Load border lines and country polygons of one source (``"osm"`` or ``"naturalearth"``)."""
    return _load_borders(settings, source or settings.border_source)


BORDER_CACHE_FORMAT = 1  # bump when BorderIndex's layout or how it is built changes


@lru_cache(maxsize=4)
def _load_borders(settings: Settings, source: str) -> BorderIndex:
    """From the disk cache beside the gazetteer's (keyed by the boundary files and the
    settings that shape the index), else built: projecting and densifying the lines and
    making the country polygons takes half a second of every cold start."""
    from geomap.cache import load_or_build, source_key

    files = [settings.path(settings.borders_file), settings.path(_countries_file(settings, source))]
    tag = f"borders|{BORDER_CACHE_FORMAT}|{source}|{settings.projection}|{settings.densify_m}"
    index = load_or_build(settings.cache_dir, "borders", source_key(tag, files), lambda: _build_borders(settings, source))
    index.settings = settings  # the caller's thresholds and threads; the key covers what shaped the index
    return index


def _countries_file(settings: Settings, source: str) -> str:
    return settings.countries_file if source == "osm" else "boundaries/countries_ne.geojson"


def _build_borders(settings: Settings, source: str) -> BorderIndex:
    to_plane = Transformer.from_crs("EPSG:4326", settings.projection, always_xy=True)
    lines_file = settings.path(settings.borders_file)
    collection = _read_geojson(lines_file)
    lines: dict[str, BorderLine] = {}
    for feature in collection["features"]:
        props = feature["properties"]
        if props.get("source") != source:
            continue
        geometry = shape(feature["geometry"])
        projected = shapely.transform(geometry, lambda xy: np.column_stack(to_plane.transform(xy[:, 0], xy[:, 1])))
        starts, ends = _densified_segments(projected, settings.densify_m)
        lines[props["pair"]] = BorderLine(
            pair=props["pair"],
            countries=tuple(props["countries"]),
            geometry=geometry,
            projected=projected,
            length_km=float(props["length_km"]),
            positional_error_km=float(props["positional_error_km"]),
            source=source,
            source_name=props.get("source_name", source),
            licence=props.get("licence", ""),
            attribution=props.get("attribution", ""),
            segment_start=starts,
            segment_end=ends,
            # unbalanced, non-compact nodes: 7x faster queries for points far from a line-shaped cloud
            vertex_tree=cKDTree(np.vstack([starts, ends]), balanced_tree=False, compact_nodes=False),
        )
    if not lines:
        raise BorderDataError(f"{lines_file}: no border lines with source {source!r}")
    countries_file = settings.path(_countries_file(settings, source))
    countries = _read_geojson(countries_file)["features"]
    return BorderIndex(
        lines=lines,
        country_iso3=[f["properties"]["iso3"] for f in countries],
        country_iso2=[f["properties"].get("iso2", "") for f in countries],
        country_names=[f["properties"].get("name", "") for f in countries],
        country_polygons=[shape(f["geometry"]) for f in countries],
        country_attribution=countries[0]["properties"].get("attribution", "") if countries else "",
        settings=settings,
    )


@dataclass(frozen=True)
class _AllLines:
    """The densified segments of every border line in one set, for the nearest line of all."""

    pairs: list[str]
    segment_start: np.ndarray
    segment_end: np.ndarray
    line_of_segment: np.ndarray  # index into ``pairs`` per segment
    vertex_tree: cKDTree

    @classmethod
    def of(cls, lines: dict[str, BorderLine]) -> _AllLines:
        pairs = list(lines)
        starts = np.vstack([lines[p].segment_start for p in pairs])
        ends = np.vstack([lines[p].segment_end for p in pairs])
        labels = np.concatenate([np.full(len(lines[p].segment_start), n) for n, p in enumerate(pairs)])
        tree = cKDTree(np.vstack([starts, ends]), balanced_tree=False, compact_nodes=False)
        return cls(pairs, starts, ends, labels, tree)


def _densified_segments(line: shapely.Geometry, spacing_m: float) -> tuple[np.ndarray, np.ndarray]:
    """Segments of the projected line after densifying it to ``spacing_m`` (start, end arrays)."""
    starts, ends = [], []
    for part in shapely.get_parts(shapely.segmentize(line, spacing_m)):
        coords = shapely.get_coordinates(part)
        starts.append(coords[:-1])
        ends.append(coords[1:])
    return np.vstack(starts), np.vstack(ends)


def _nearest_on_segments(border: BorderLine | _AllLines, points: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Nearest point on the border (projected plane) for each point, and its segment.

    A k-d tree over the densified line's vertices proposes, for each point, the
    segments touching its ``k`` nearest vertices; the exact point-to-segment projection
    picks the best.  Any segment holding the true nearest point has a vertex within
    half the densify spacing of it, so a missed segment costs at most that much
    (``settings.densify_m / 2``); in practice the result equals shapely's
    ``shortest_line`` to the metre (tested).
    """
    count = len(border.segment_start)
    _, vertex = border.vertex_tree.query(points, k=k, workers=-1 if len(points) > 10_000 else 1)  # threads cost more than small queries
    vertex = np.atleast_2d(vertex).reshape(len(points), -1)
    segment = np.where(vertex >= count, vertex - count, vertex)  # ends map to their own segment
    neighbour = np.where(vertex >= count, np.minimum(segment + 1, count - 1), np.maximum(segment - 1, 0))
    candidates = np.concatenate([segment, neighbour], axis=1)  # (N, 2k)
    a = border.segment_start[candidates]
    b = border.segment_end[candidates]
    p = points[:, None, :]
    ab = b - a
    length2 = np.einsum("nkj,nkj->nk", ab, ab)
    t = np.clip(np.einsum("nkj,nkj->nk", p - a, ab) / np.where(length2 > 0, length2, 1.0), 0.0, 1.0)
    projection = a + t[..., None] * ab
    squared = np.einsum("nkj,nkj->nk", p - projection, p - projection)
    best = np.argmin(squared, axis=1)
    rows = np.arange(len(points))
    chosen = projection[rows, best]
    return chosen[:, 0], chosen[:, 1], candidates[rows, best]


def _read_geojson(path: Path) -> dict:
    try:
        with path.open(encoding="utf-8") as stream:
            return json.load(stream)
    except OSError as exc:
        raise BorderDataError(f"{path}: cannot read boundary data ({exc.strerror or exc})") from None
    except json.JSONDecodeError as exc:
        raise BorderDataError(f"{path}: invalid GeoJSON ({exc.msg} at line {exc.lineno})") from None
