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


def _toponyms(count):
    from geomap.model import Mention, Toponym

    shared = places(3)
    return [
        Toponym(Mention(i, i + 5, f"Name{i}", "toponym", (i % 3,)), shared[i % 3], 0.9, [f"reason {i}"], None, None)
        for i in range(count)
    ]


def test_records_declared_by_fields_and_shared_read_back_equal():
    from geomap.model import Mention, Toponym

    records = _toponyms(40)
    packed = PackedList(records, chunk_items=8, by_fields=(Toponym, Mention), shared=(Place,))
    assert list(packed) == records
    assert packed[17] == records[17]


def test_shared_values_are_stored_once_and_read_back_as_one_object():
    from geomap.model import Mention, Toponym

    records = _toponyms(64)
    declared = PackedList(records, chunk_items=16, by_fields=(Toponym, Mention), shared=(Place,))
    plain = PackedList(records, chunk_items=16)
    assert len(declared._shared.values) == 3  # three distinct places behind 64 toponyms
    first, later = declared[0], declared[48]  # different chunks
    assert first.place is later.place
    assert declared.packed_bytes < plain.packed_bytes


def test_a_declared_list_survives_pickling_with_its_declarations():
    from geomap.model import Mention, Toponym

    records = _toponyms(21)
    packed = PackedList(records, chunk_items=8, by_fields=(Toponym, Mention), shared=(Place,))
    copy = pickle.loads(pickle.dumps(packed))
    assert list(copy) == records
    copy.extend(_toponyms(30))  # appending still uses the declared storage
    assert len(copy) == 51 and copy[50] == _toponyms(30)[29]


def test_a_dataclass_that_cannot_be_rebuilt_from_its_fields_is_refused():
    from dataclasses import dataclass, field

    @dataclass
    class Derived:
        value: int
        double: int = field(init=False)

        def __post_init__(self):
            self.double = 2 * self.value

    with pytest.raises(TypeError, match="cannot be rebuilt"):
        PackedList(by_fields=(Derived,))


def test_reading_leaves_the_garbage_collector_as_it_was():
    import gc

    packed = PackedList(places(40), chunk_items=8)
    assert gc.isenabled()
    list(packed)
    assert gc.isenabled()
    gc.disable()
    try:
        list(packed)
        assert not gc.isenabled()
    finally:
        gc.enable()
