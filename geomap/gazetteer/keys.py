"""Large read-only string tables that load in milliseconds.

The GeoNames name index has ~970,000 keys.  As a pickled ``dict`` every key is a Python
object created one by one when the cache is read (about a second, most of the cold start).
Here the keys are one UTF-8 byte string with their offsets, and an open-addressing hash
table over them (CRC-32, linear probing, at most half full), all in ``array.array``
buffers: loading copies a few buffers, and a lookup hashes the key, probes one or two
slots and compares bytes — about half a microsecond, against tens of nanoseconds for a
dict, which is why only large tables whose lookups their callers memoise live here.
"""

from __future__ import annotations

import itertools
import zlib
from array import array
from collections.abc import Iterable, Iterator, Mapping

import numpy as np


def _unsigned(limit: int) -> str:
    """The smallest ``array`` type code of unsigned integers that holds ``limit``."""
    return "I" if limit < 2**32 and array("I").itemsize == 4 else "Q"


class KeySet:
    """An immutable set of strings (see the module's description of the layout).

    Parameters
    ----------
    keys : iterable of str
        The members (duplicates are dropped).
    """

    def __init__(self, keys: Iterable[str]) -> None:
        self._build(dict.fromkeys(keys, 0))

    def _build(self, items: Mapping[str, int]) -> None:
        encoded = [key.encode("utf-8", "surrogatepass") for key in items]
        self._blob = b"".join(encoded)
        self._offsets = array(_unsigned(len(self._blob)), itertools.accumulate(map(len, encoded), initial=0))
        self._hashes = array("I", map(zlib.crc32, encoded))  # CRC-32 fits 32 bits
        values = list(items.values())
        small = all(-(2**31) <= v < 2**31 for v in values)
        self._values = array("i" if small and array("i").itemsize == 4 else "q", values)
        size = 2 ** max(1, (2 * len(encoded)).bit_length())  # at most half full: short probe runs
        slots = array(_unsigned(len(encoded) + 1), bytes(array(_unsigned(len(encoded) + 1)).itemsize * size))
        mask = size - 1
        for number, hashed in enumerate(self._hashes):  # (slot = key number + 1; 0 = empty)
            slot = hashed & mask
            while slots[slot]:
                slot = (slot + 1) & mask
            slots[slot] = number + 1
        self._slots, self._mask = slots, mask

    def _position(self, key: str) -> int:
        """Number of ``key`` (its place in the key order), or -1."""
        encoded = key.encode("utf-8", "surrogatepass")
        hashed = zlib.crc32(encoded)
        slots, hashes, offsets, mask = self._slots, self._hashes, self._offsets, self._mask
        slot = hashed & mask
        while True:
            number = slots[slot] - 1
            if number < 0:
                return -1
            if hashes[number] == hashed and self._blob[offsets[number] : offsets[number + 1]] == encoded:
                return number
            slot = (slot + 1) & mask

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._position(key) >= 0

    def __len__(self) -> int:
        return len(self._hashes)

    def __iter__(self) -> Iterator[str]:
        offsets, blob = self._offsets, self._blob
        return (blob[offsets[i] : offsets[i + 1]].decode("utf-8", "surrogatepass") for i in range(len(offsets) - 1))


class KeyTable(KeySet):
    """An immutable map from strings to integers, laid out like :class:`KeySet`.

    Parameters
    ----------
    items : mapping of str to int
        The keys and their values.
    """

    def __init__(self, items: Mapping[str, int]) -> None:
        self._build(items)

    def get(self, key: str, default: int | None = None) -> int | None:
        """The value of ``key``, or ``default``."""
        number = self._position(key)
        return self._values[number] if number >= 0 else default

    def __getitem__(self, key: str) -> int:
        number = self._position(key)
        if number < 0:
            raise KeyError(key)
        return self._values[number]

    def items(self) -> Iterator[tuple[str, int]]:
        """Every key with its value (in the order they were given)."""
        return zip(iter(self), self._values)


class StringColumn:
    """An immutable list of strings kept as one string and the offsets of its items:
    loading it creates two objects, not one per item; an item is sliced out when asked.

    Parameters
    ----------
    values : iterable of str
        The items, in order.
    """

    def __init__(self, values: Iterable[str]) -> None:
        values = list(values)
        self._joined = "".join(values)
        self._offsets = array("q", itertools.accumulate(map(len, values), initial=0))

    def __getitem__(self, index: int) -> str:
        offsets = self._offsets
        return self._joined[offsets[index] : offsets[index + 1]]

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __iter__(self) -> Iterator[str]:
        return map(self.__getitem__, range(len(self)))


class CodedColumn:
    """How a list of strings with few distinct values is pickled: the distinct values and
    one small integer per item (a pickled list looks each repeated string up in the
    unpickler's memo, one by one).  Unpickled, it is the plain list again."""

    def __init__(self, values: Iterable[str]) -> None:
        self.values = list(values)

    def __reduce__(self) -> tuple:
        vocabulary = sorted(set(self.values))
        code = {value: number for number, value in enumerate(vocabulary)}
        return (_decoded, (vocabulary, np.fromiter(map(code.__getitem__, self.values), dtype=np.int32, count=len(self.values))))


def _decoded(vocabulary: list[str], codes: np.ndarray) -> list[str]:
    return list(map(vocabulary.__getitem__, codes.tolist()))


class Buckets:
    """A map from keys to pairs of parallel lists (strings, integers) whose pairs are
    unpacked from one string and one array each the first time they are asked for: a
    process that looks at a few buckets does not pay for loading all of them.

    Parameters
    ----------
    buckets : mapping
        Key → ``(list of str, list of int)``; the strings must not contain NUL.
    """

    def __init__(self, buckets: Mapping[object, tuple[list[str], list[int]]]) -> None:
        if any("\0" in name for names, _ in buckets.values() for name in names):
            raise ValueError("a bucket's strings must not contain NUL")
        self._packed = {key: ("\0".join(names), array("q", numbers)) for key, (names, numbers) in buckets.items()}
        self._unpacked: dict[object, tuple[list[str], list[int]]] = {}

    def __getstate__(self) -> dict:
        return {"_packed": self._packed, "_unpacked": {}}

    def get(self, key: object, default: tuple = ((), ())) -> tuple:
        """The pair of ``key``, or ``default``."""
        found = self._unpacked.get(key)
        if found is None:
            packed = self._packed.get(key)
            if packed is None:
                return default
            names, numbers = packed
            found = self._unpacked[key] = (names.split("\0"), numbers.tolist())
        return found

    def __len__(self) -> int:
        return len(self._packed)
