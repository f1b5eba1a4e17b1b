"""Rendering: the interactive Leaflet map."""

from geomap.render.map import render_map, save_map

__all__ = ["render_map", "save_map"]
