"""geomap: places and events from news about a border, on a map an analyst can trust.

Public API::

    import geomap
    result = geomap.parse_text(" date 2024-03-01 Troops held drills near Kulob.")
    summary = geomap.build(["seeds"], "output")
    metrics = geomap.load_borders().metrics(37.5, 68.6)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Gazetteer", "GeomapError", "build", "load_borders", "load_gazetteer", "load_resources", "parse_text"]

if TYPE_CHECKING:  # pragma: no cover
    from geomap.border import load_borders
    from geomap.build import build
    from geomap.errors import GeomapError
    from geomap.gazetteer import Gazetteer, load_gazetteer
    from geomap.pipeline import load_resources, parse_text

_LAZY = {
    "build": ("geomap.build", "build"),
    "GeomapError": ("geomap.errors", "GeomapError"),
    "parse_text": ("geomap.pipeline", "parse_text"),
    "load_resources": ("geomap.pipeline", "load_resources"),
    "load_borders": ("geomap.border", "load_borders"),
    "load_gazetteer": ("geomap.gazetteer", "load_gazetteer"),
    "Gazetteer": ("geomap.gazetteer", "Gazetteer"),
}


def __getattr__(name: str) -> Any:
    """Import the heavy modules (geopandas, folium) only when first used."""
    if name in _LAZY:
        import importlib

        module, attribute = _LAZY[name]
        return getattr(importlib.import_module(module), attribute)
    raise AttributeError(f"module 'geomap' has no attribute {name!r}")
