"""Large read-only string tables that load in milliseconds.

The GeoNames name index has ~970,000 keys.  As a pickled ``dict`` every key is a Python
object created one by one when the cache is read (about a second, most of the cold start).
Here the keys are one UTF-8 byte string, sorted by a CRC-32 of each key, with their
offsets and values in NumPy arrays: loading copies five buffers, and a lookup hashes the
key, finds its hash by binary search and compares bytes.  A lookup costs a few
microseconds instead of tens of nanoseconds, which is why only the large tables whose
lookups are memoised by their callers (the span answers of the recogniser) live here.
"""

from __future__ import annotations

import itertools
import zlib
from array import array
from collections.abc import Iterable, Iterator, Mapping

import numpy as np


class KeySet:
    """An immutable set of strings, stored as sorted hashes and one byte string.

    Parameters
    ----------
    keys : iterable of str
        The members (duplicates are dropped).
    """

    def __init__(self, keys: Iterable[str]) -> None:
        self._build(dict.fromkeys(keys, 0))

    def _build(self, items: Mapping[str, int]) -> None:
        encoded = [(zlib.crc32(key.encode()), key.encode(), value) for key, value in items.items()]
        encoded.sort()
        lengths = np.fromiter((len(e[1]) for e in encoded), dtype=np.int64, count=len(encoded))
        self._hashes = np.fromiter((e[0] for e in encoded), dtype=np.uint32, count=len(encoded))
        self._offsets = np.concatenate(([0], np.cumsum(lengths))).astype(np.int64 if lengths.sum() >= 2**31 else np.int32)
        self._blob = b"".join(e[1] for e in encoded)
        self._values = np.fromiter((e[2] for e in encoded), dtype=np.int64, count=len(encoded))
        if len(self._values) and -(2**31) <= self._values.min() and self._values.max() < 2**31:
            self._values = self._values.astype(np.int32)

    def _position(self, key: str) -> int:
        """Index of ``key`` in the sorted layout, or -1."""
        encoded = key.encode()
        wanted = zlib.crc32(encoded)
        hashes = self._hashes
        # a NumPy scalar of the array's type: a Python int would convert the whole array
        position = int(hashes.searchsorted(np.uint32(wanted)))
        # keys that share a hash lie next to each other: compare their bytes
        while position < len(hashes) and hashes[position] == wanted:
            if self._blob[self._offsets[position] : self._offsets[position + 1]] == encoded:
                return position
            position += 1
        return -1

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._position(key) >= 0

    def __len__(self) -> int:
        return len(self._hashes)

    def __iter__(self) -> Iterator[str]:
        offsets, blob = self._offsets.tolist(), self._blob
        return (blob[offsets[i] : offsets[i + 1]].decode() for i in range(len(offsets) - 1))


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
        position = self._position(key)
        return int(self._values[position]) if position >= 0 else default

    def __getitem__(self, key: str) -> int:
        position = self._position(key)
        if position < 0:
            raise KeyError(key)
        return int(self._values[position])

    def items(self) -> Iterator[tuple[str, int]]:
        """Every key with its value (in hash order)."""
        return zip(iter(self), self._values.tolist())


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
