"""The map page's event columns (geomap.render.event_table): every value survives the
encoding, repeated values are stored once, and a large page is a fraction of its GeoJSON.

``decode`` below reads the columns the way ``geomap.js`` does; the browser tests check
that the page's own reader agrees with the properties (test_browser.py)."""

from __future__ import annotations

import json

import pytest

from geomap.render.event_table import DIGITS, encode_column, event_table, ints, utf16_length
from geomap.render.map import MAP_EVENT_OMIT, page_events


def read_ints(spec: dict) -> list[int]:
    width, digits = spec["width"], spec["digits"]
    out = []
    for start in range(0, len(digits), width):
        value = 0
        for char in digits[start:start + width]:
            value = value * 64 + DIGITS.index(char)
        out.append(value)
    return out


def spans(spec: dict) -> list[tuple[int, int] | None]:
    """(start, size) per row, None for no value: the page's reading of SIZES."""
    out: list[tuple[int, int] | None] = []
    start = 0
    for code in read_ints(spec):
        out.append(None if code == 0 else (start, code - 1))
        start += max(0, code - 1)
    return out


def decode_columns(columns: dict) -> dict[str, list]:
    tables = {name: column["table"] for name, column in columns.items() if "table" in column}
    return {name: decode_column(column, tables) for name, column in columns.items()}


def decode_column(column: dict, tables: dict[str, list]) -> list:
    table = column.get("table", tables.get(column.get("table_of", ""), []))
    if "index" in column:
        return [table[k] for k in read_ints(column["index"])]
    if "items" in column:
        items = [table[k] for k in read_ints(column["items"])]
        return [None if span is None else items[span[0]:span[0] + span[1]] for span in spans(column["sizes"])]
    if "columns" in column:
        records = decode_columns(column["columns"])
        rows = [{name: values[k] for name, values in records.items()} for k in range(_rows(records))]
        return [None if span is None else rows[span[0]:span[0] + span[1]] for span in spans(column["sizes"])]
    if "text" in column:
        units = column["text"].encode("utf-16-le", "surrogatepass")
        return [None if span is None else units[2 * span[0]:2 * (span[0] + span[1])].decode("utf-16-le", "surrogatepass")
                for span in spans(column["sizes"])]
    return column["values"]


def _rows(records: dict[str, list]) -> int:
    return max((len(values) for values in records.values()), default=0)


def decode(table: dict) -> list[dict]:
    columns = decode_columns(table["columns"])
    return [{name: values[i] for name, values in columns.items()} for i in range(table["count"])]


def without_nulls(value):
    if isinstance(value, dict):
        return {k: without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [without_nulls(v) for v in value]
    return value


def feature(i: int, point: tuple[float, float] | None = (69.5, 37.5), **properties) -> dict:
    geometry = None if point is None else {"type": "Point", "coordinates": list(point)}
    return {"type": "Feature", "id": f"e{i}", "geometry": geometry, "properties": properties}


def test_every_value_survives_with_its_type():
    rows = [
        {"event_type": "armed_clash", "date": "2021-05-01", "precision": 1, "confidence": 0.5, "side_uncertain": False,
         "actors": ["Taliban", "Tajik border guards"], "sentence": "<img src=x onerror=alert(1)> naïve 😀 \u2028",
         "quantities": [{"raw_text": "about 20 troops", "best": 20, "low": None}], "reasons": {"class": "x"}},
        {"event_type": "armed_clash", "date": None, "precision": 1.0, "confidence": 1, "side_uncertain": True,
         "actors": [], "sentence": "", "quantities": None, "reasons": None},
        {"event_type": "military_exercise", "date": "2021-05-01", "precision": True, "confidence": None,
         "actors": None, "sentence": None, "quantities": [], "reasons": {}},
        {"event_type": "armed_clash", "precision": 1, "sentence": "𝒳" * 3, "quantities": [{"raw_text": "x"}, {"best": 2}]},
    ]
    table = event_table([feature(i) for i in range(len(rows))], rows)
    decoded = decode(table)
    # null stands for a property an event (or a record) does not have
    assert [without_nulls(r) for r in decoded] == [without_nulls(row) for row in rows]
    # 1, 1.0 and True are one value in Python but three in JSON: none turns into another
    assert [type(r["precision"]) for r in decoded] == [int, float, bool, int]
    assert decoded[1]["actors"] == [] and decoded[2]["actors"] is None
    assert decoded[1]["sentence"] == "" and decoded[2]["sentence"] is None


def test_repeated_values_are_stored_once():
    rows = [{"event_type": ["armed_clash", "attack"][i % 2], "source_file": f"a/{i // 3}.txt",
             "group_sources": [f"a/{i // 3}.txt"], "sentence": f"unique sentence {i}", "distance": i / 7}
            for i in range(300)]
    columns = event_table([feature(i) for i in range(300)], rows)["columns"]
    assert columns["event_type"]["table"] == ["armed_clash", "attack"]
    assert columns["event_type"]["index"]["width"] == 1 and len(columns["event_type"]["index"]["digits"]) == 300
    assert len(columns["source_file"]["table"]) == 100
    # the same table is named, not written twice
    assert columns["group_sources"]["table_of"] == "source_file" and "table" not in columns["group_sources"]
    assert "text" in columns["sentence"] and "values" in columns["distance"]


def test_ints_grow_their_width_and_refuse_negatives():
    assert ints([0, 63]) == {"width": 1, "digits": "0_"}
    assert read_ints(ints([64, 4095, 0])) == [64, 4095, 0] and ints([64])["width"] == 2
    big = [0, 64**3, 64**4 + 5]
    assert read_ints(ints(big)) == big and ints(big)["width"] == 5
    with pytest.raises(ValueError):
        ints([64**3, -1])
    assert set(ints(list(range(4096)))["digits"]) <= set(DIGITS)


def test_utf16_length_counts_what_javascript_counts():
    assert utf16_length("abc") == 3
    assert utf16_length("naïve") == 5
    assert utf16_length("😀") == 2  # one code point outside the BMP: a surrogate pair
    assert utf16_length("\ud800") == 1  # a lone surrogate (from a file that is not UTF-8) is one unit


def test_mixed_columns_fall_back_to_plain_values():
    assert encode_column([1, "a", [1]]) == {"values": [1, "a", [1]]}
    assert encode_column([[1, {"a": 1}]]) == {"values": [[1, {"a": 1}]]}


def test_points_and_unlocated_events():
    features = [feature(0, (69.1, 37.2)), feature(1, None), {"type": "Feature", "geometry": {"type": "LineString",
                "coordinates": [[69, 37], [70, 38]]}, "properties": {}}]
    table = event_table(features, [{} for _ in features])
    assert table["lon"] == [69.1, None, None] and table["lat"] == [37.2, None, None] and table["count"] == 3


def test_page_events_keep_what_the_page_reads_and_shrink_a_large_map(tmp_path):
    sentence = "Tajik border guards clashed with smugglers near the Panj river on Tuesday, officials said."
    events = [
        feature(i, (68 + (i % 97) / 30, 36.5 + (i % 89) / 40), event_id=f"gm-{i:012x}", event_type="armed_clash",
                event_label="Armed clash", modality="reported", date=f"2021-05-{1 + i % 28:02d}", actors=["Taliban"],
                place_name=f"Place {i % 50}", source_file=f"corpus/{i // 4}.txt", sentence=f"{sentence} ({i})",
                lat=37.0, lon=69.0, reasons={"class": "why"})
        for i in range(2000)
    ]
    table = page_events(events, None)
    decoded = decode(table)
    for original, got in zip(events, decoded):
        expected = {k: v for k, v in original["properties"].items() if k not in MAP_EVENT_OMIT}
        assert without_nulls(got) == expected
    assert "event_id" not in table["columns"] and "reasons" not in table["columns"]
    geojson = len(json.dumps({"type": "FeatureCollection", "features": events}, ensure_ascii=False))
    assert len(json.dumps(table, ensure_ascii=False)) < 0.45 * geojson
