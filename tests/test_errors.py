"""geomap's own errors share one base class and keep the built-in class callers catch."""

import geomap
from geomap.border import BorderDataError
from geomap.corpus import InputError
from geomap.events.regex_literals import UnanalysablePattern
from geomap.export import CheckFailed, OutputError
from geomap.gazetteer.sources import GazetteerError


def test_every_error_geomap_reports_is_a_geomap_error_and_keeps_its_builtin_base():
    for error, builtin in (
        (InputError, ValueError), (GazetteerError, ValueError), (BorderDataError, ValueError),
        (CheckFailed, ValueError), (UnanalysablePattern, ValueError), (OutputError, OSError),
    ):
        assert issubclass(error, geomap.GeomapError) and issubclass(error, builtin)
