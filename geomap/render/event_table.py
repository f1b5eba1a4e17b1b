"""The map page's events as columns, with repeated values stored once.

A page of 100,000 events as GeoJSON features repeats every property name and every class
label, actor, date and source file 100,000 times; most of its bytes, and most of the
browser's time spent reading and parsing them, go to repetition.  The page therefore
gets one table: the coordinates as two arrays and each property as one column, encoded
by what its values are (``geomap.js`` reads an event's properties only when a filter,
a popup or a list asks for them):

``{"table": [...], "index": INTS}``
    scalars that repeat (class names, dates, places, source files): each distinct value
    once in ``table``, each event its position there;
``{"table": [...], "items": INTS, "sizes": SIZES}``
    lists of scalars (actors, sources): all items of all events as positions in ``table``;
``{"columns": {...}, "sizes": SIZES}``
    lists of records (reports, quantities): all records of all events as columns of their
    own, encoded the same way;
``{"text": "...", "sizes": SIZES}``
    text that rarely repeats (sentences): all of it as one string;
``{"values": [...]}``
    anything else as it is (distances and other numbers).

A column may name another one of the same level in ``table_of`` instead of repeating an
identical ``table`` (the source files of an event and of its incident).

INTS are unsigned integers written as fixed-width base-64 digits, ``{"width": w,
"digits": "..."}``: one JSON string rather than an array of numbers, so fewer bytes and
nothing to build per event while the page parses them.  SIZES are INTS with one entry
per event (per record in a record column): 0 where it has no value (null), n + 1 where
it has n items, records or UTF-16 code units of text (JavaScript's string length).

A null value stands for a property the event does not have.  Every value keeps its JSON
type, so the decoded properties are the ones the features had.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"  # safe in JSON and in a <script>
_SCALARS = (str, int, float, bool, type(None))
# A table pays off once its values repeat: at most one distinct value per this many events.
TABLE_MIN_REPEAT = 2
_CACHED_WIDTH = 3  # digit strings kept for every number below 64 ** 3 (262,144)


def event_table(features: Sequence[dict[str, Any]], properties: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """The columns of ``features`` (GeoJSON), with ``properties`` as their page properties
    (one dict per feature, in the same order)."""
    rows = list(properties)
    names: dict[str, None] = {}
    for row in rows:
        names.update(dict.fromkeys(row))
    lon, lat = zip(*(_point(feature) for feature in features)) if features else ((), ())
    return {
        "count": len(rows),
        "lon": list(lon),
        "lat": list(lat),
        "columns": encode_columns({name: [row.get(name) for row in rows] for name in names}),
    }


def _point(feature: dict[str, Any]) -> tuple[float | None, float | None]:
    """Longitude and latitude of a Point feature; (None, None) for any other (no site)."""
    geometry = feature.get("geometry") or {}
    coordinates = geometry.get("coordinates") if geometry.get("type") == "Point" else None
    if not coordinates or len(coordinates) < 2:
        return None, None
    return coordinates[0], coordinates[1]


def encode_columns(columns: dict[str, list[Any]]) -> dict[str, dict[str, Any]]:
    """Each column encoded (``encode_column``); a table identical to an earlier one is named, not repeated."""
    encoded = {name: encode_column(values) for name, values in columns.items()}
    first_with: dict[tuple[Any, ...], str] = {}
    for name, column in encoded.items():
        if "table" not in column:
            continue
        key = tuple(_key(value) for value in column["table"])
        if key in first_with:
            del column["table"]
            column["table_of"] = first_with[key]
        else:
            first_with[key] = name
    return encoded


def encode_column(values: list[Any]) -> dict[str, Any]:
    """One column in the encoding that suits its values (see the module docstring)."""
    if all(isinstance(value, _SCALARS) for value in values):
        return _scalar_column(values)
    lists = [value for value in values if value is not None]
    if all(isinstance(value, list) for value in lists):
        items = [item for value in lists for item in value]
        if all(isinstance(item, _SCALARS) for item in items):
            return _list_column(values, items)
        if all(isinstance(item, dict) for item in items):
            return _record_column(values, items)
    return {"values": values}


def ints(values: Sequence[int]) -> dict[str, Any]:
    """Unsigned integers as fixed-width base-64 digits."""
    width = 1
    while max(values, default=0) >= 64**width:
        width += 1
    if width <= _CACHED_WIDTH:
        codes = _codes(width)
        return {"width": width, "digits": "".join([codes[value] for value in values])}
    return {"width": width, "digits": "".join(_digits(value, width) for value in values)}


@lru_cache(maxsize=_CACHED_WIDTH)
def _codes(width: int) -> tuple[str, ...]:
    return tuple(_digits(value, width) for value in range(64**width))


def _digits(value: int, width: int) -> str:
    if value < 0:
        raise ValueError(f"not an unsigned integer: {value}")
    out = []
    for _ in range(width):
        value, digit = divmod(value, 64)
        out.append(DIGITS[digit])
    return "".join(reversed(out))


def sizes(values: Sequence[Any], size: Any = len) -> dict[str, Any]:
    """SIZES of ``values``: 0 for None, else ``size(value)`` + 1."""
    return ints([0 if value is None else size(value) + 1 for value in values])


def utf16_length(text: str) -> int:
    """The length of ``text`` in JavaScript (UTF-16 code units)."""
    return len(text) if text.isascii() else len(text.encode("utf-16-le", "surrogatepass")) // 2


def _key(value: Any) -> Any:
    # by type too: True, 1 and 1.0 are equal in Python but not the same JSON (text, the
    # most common, is its own key)
    return value if value.__class__ is str else (value.__class__, value)


def _table(values: Iterable[Any]) -> tuple[list[Any], list[int]]:
    """The distinct values in order of first use, and each value's position there."""
    positions: dict[Any, int] = {}
    table: list[Any] = []
    index = []
    for value in values:
        key = value if value.__class__ is str else (value.__class__, value)  # _key, inlined: 100,000s of calls
        position = positions.get(key)
        if position is None:
            position = positions[key] = len(table)
            table.append(value)
        index.append(position)
    return table, index


def _scalar_column(values: list[Any]) -> dict[str, Any]:
    table, index = _table(values)
    if len(table) * TABLE_MIN_REPEAT <= len(values):
        return {"table": table, "index": ints(index)}
    if all(isinstance(value, str) or value is None for value in values):
        return {"text": "".join(value or "" for value in values), "sizes": sizes(values, utf16_length)}
    return {"values": values}


def _list_column(values: list[Any], items: list[Any]) -> dict[str, Any]:
    table, index = _table(items)
    return {"table": table, "items": ints(index), "sizes": sizes(values)}


def _record_column(values: list[Any], records: list[dict[str, Any]]) -> dict[str, Any]:
    names: dict[str, None] = {}
    for record in records:
        names.update(dict.fromkeys(record))
    return {
        "columns": encode_columns({name: [record.get(name) for record in records] for name in names}),
        "sizes": sizes(values),
    }
