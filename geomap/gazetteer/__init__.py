"""Gazetteer: curated regional places on top of GeoNames and Natural Earth countries."""

from geomap.gazetteer.index import Gazetteer, compile_gazetteer, load_gazetteer
from geomap.gazetteer.sources import GazetteerEntry, GazetteerError

__all__ = ["Gazetteer", "GazetteerEntry", "GazetteerError", "compile_gazetteer", "load_gazetteer"]
