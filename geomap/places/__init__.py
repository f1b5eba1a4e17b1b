"""Toponym recognition and resolution."""

from geomap.places.recognise import Recognised, recognise
from geomap.places.resolve import resolve

__all__ = ["Recognised", "recognise", "resolve"]
