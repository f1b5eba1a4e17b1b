"""The base class of geomap's own errors.

Each error also derives from the built-in class its callers already catch (``ValueError``
for unusable data and inputs, ``OSError`` for outputs), so ``except GeomapError`` catches
every problem geomap reports itself and nothing else.
"""

from __future__ import annotations


class GeomapError(Exception):
    """A problem geomap reports with a message naming the file, row or value concerned:
    :class:`~geomap.corpus.InputError`, :class:`~geomap.gazetteer.sources.GazetteerError`,
    :class:`~geomap.border.BorderDataError`, :class:`~geomap.export.OutputError`,
    :class:`~geomap.export.CheckFailed`, :class:`~geomap.events.regex_literals.UnanalysablePattern`."""
