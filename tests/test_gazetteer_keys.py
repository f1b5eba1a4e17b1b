"""The compact tables of the gazetteer: the same answers as the dicts and lists they replace,
before and after pickling, whatever the keys (hash collisions, non-ASCII, empty)."""

import gc
import pickle
import zlib

import pytest

from geomap.gazetteer.keys import Buckets, CodedColumn, KeySet, KeyTable, StringColumn


def _colliding_pair() -> tuple[str, str]:
    """Two keys with the same CRC-32 (the table must compare bytes, not trust the hash)."""
    seen: dict[int, str] = {}
    number = 0
    while True:
        key = f"k{number}"
        found = seen.setdefault(zlib.crc32(key.encode()), key)
        if found != key:
            return found, key
        number += 1


def test_key_table_answers_as_a_dict_does():
    first, second = _colliding_pair()
    items = {first: 7, second: 8, "dushanbe": 0, "кулоб": 3, "a b c": 2**40, "": 5, "half \ud800": 6}
    for table in (KeyTable(items), pickle.loads(pickle.dumps(KeyTable(items)))):
        assert len(table) == len(items)
        for key, value in items.items():
            assert table.get(key) == value and table[key] == value and key in table
        assert table.get("kulob") is None and table.get("kulob", -1) == -1 and "kulob" not in table
        assert 3 not in table  # not a string: never a member
        with pytest.raises(KeyError):
            table["missing"]
        assert dict(table.items()) == items
    assert KeyTable({}).get("x") is None and len(KeyTable({})) == 0


def test_key_set_answers_as_a_frozenset_does():
    keys = ["shir", "shir han", "new", "new", "ñandú"]
    for members in (KeySet(keys), pickle.loads(pickle.dumps(KeySet(keys)))):
        assert len(members) == 4 and set(members) == set(keys)
        assert all(k in members for k in keys) and "york" not in members


def test_columns_and_buckets_keep_their_items():
    values = ["Dushanbe", "", "Кулоб", "Khorog", "Dushanbe"]
    column = StringColumn(values)
    for loaded in (column, pickle.loads(pickle.dumps(column))):
        assert [loaded[i] for i in range(len(values))] == values and list(loaded) == values and len(loaded) == 5
    assert pickle.loads(pickle.dumps(CodedColumn(values))) == values  # a plain list again
    buckets = Buckets({("k", 5): (["kabul", "kunar"], [3, 9]), ("d", 8): (["dushanbe"], [1])})
    loaded = pickle.loads(pickle.dumps(buckets))
    assert loaded.get(("k", 5)) == (["kabul", "kunar"], [3, 9]) and loaded.get(("x", 1)) == ((), ()) and len(loaded) == 2
    with pytest.raises(ValueError):
        Buckets({("a", 1): (["a\0b"], [1])})


def test_the_cache_loads_without_garbage_collection_and_turns_it_back_on(tmp_path):
    from geomap.cache import load_or_build

    load_or_build(tmp_path, "thing", "k", lambda: {"a": [1, 2]})
    assert gc.isenabled()
    assert load_or_build(tmp_path, "thing", "k", lambda: None) == {"a": [1, 2]}
    assert gc.isenabled()
