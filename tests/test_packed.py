"""PackedList: a corpus's records kept compressed, read back whole and in order."""

import pickle

import pytest

from geomap.model import Place
from geomap.packed import PackedList


def places(count):
    return [Place(f"p:{i}", f"Place {i}", 37.0 + i / 1000, 69.0, "village", "TJ", 5.0, "curated") for i in range(count)]


def test_reads_back_every_record_in_order_across_chunks():
    records = places(37)
    packed = PackedList(records, chunk_items=8)
    assert len(packed) == 37
    assert list(packed) == records
    assert packed[0] == records[0] and packed[8] == records[8] and packed[-1] == records[-1] and packed[36] == records[36]
    assert packed[5:20:3] == records[5:20:3]
    with pytest.raises(IndexError):
        packed[37]
    assert packed == records and packed != records[:-1]


def test_full_chunks_are_kept_compressed_not_as_objects():
    records = places(64)
    packed = PackedList(records, chunk_items=16)
    assert packed._open == [] and len(packed._chunks) == 4
    assert packed.packed_bytes < len(pickle.dumps(records)) / 2


def test_appending_continues_after_a_read():
    packed = PackedList(places(20), chunk_items=8)
    assert packed[3].id == "p:3"
    packed.append(places(21)[20])
    assert len(packed) == 21 and packed[20].id == "p:20"
    assert [p.id for p in packed][-2:] == ["p:19", "p:20"]


def test_a_chunk_size_below_one_is_refused():
    with pytest.raises(ValueError, match="chunk_items"):
        PackedList(chunk_items=0)
