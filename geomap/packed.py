"""Compact in-memory storage for the records of a whole corpus.

A build keeps every article's results until its outputs are written: incident linking,
places, claims and every output format read them again.  As Python objects one
real-length article's results take a few hundred kB, so a corpus of tens of thousands
of articles would need many GB.  :class:`PackedList` keeps them pickled and compressed,
in chunks, and unpacks one chunk at a time while they are read: memory grows with the
compressed size, about a tenth of the objects'.
"""

from __future__ import annotations

import pickle
import zlib
from collections.abc import Iterable, Iterator, Sequence
from typing import Generic, TypeVar, overload

T = TypeVar("T")

CHUNK_ITEMS = 16
"""Records compressed together: enough for zlib to find the repeats between articles, few
enough that reading one record unpacks little."""

_LEVEL = 1  # zlib's fastest level: most of the gain at a fraction of the time


class PackedList(Sequence[T], Generic[T]):
    """An append-only list whose items are kept pickled and zlib-compressed.

    Reading returns new copies of the stored records (they are unpickled), so items must
    not be changed in place after they are appended: records of geomap's stages are not.
    The last chunk read stays unpacked, so reading in order costs one unpacking per chunk.

    Parameters
    ----------
    items : iterable, optional
        Records to append.
    chunk_items : int
        Records per compressed chunk.
    """

    def __init__(self, items: Iterable[T] = (), chunk_items: int = CHUNK_ITEMS) -> None:
        if chunk_items < 1:
            raise ValueError(f"chunk_items must be at least 1, not {chunk_items}")
        self._chunk_items = chunk_items
        self._chunks: list[bytes] = []
        self._open: list[T] = []  # the last, not yet full chunk, kept as objects
        self._cached: tuple[int, list[T]] | None = None
        self.extend(items)

    def append(self, item: T) -> None:
        """Add one record at the end."""
        self._open.append(item)
        if len(self._open) == self._chunk_items:
            self._chunks.append(zlib.compress(pickle.dumps(self._open, protocol=pickle.HIGHEST_PROTOCOL), _LEVEL))
            self._open = []

    def extend(self, items: Iterable[T]) -> None:
        """Add records at the end."""
        for item in items:
            self.append(item)

    @property
    def packed_bytes(self) -> int:
        """Compressed size of the full chunks (the open chunk is not counted)."""
        return sum(len(chunk) for chunk in self._chunks)

    def __len__(self) -> int:
        return len(self._chunks) * self._chunk_items + len(self._open)

    def __iter__(self) -> Iterator[T]:
        for index in range(len(self._chunks)):
            yield from self._chunk(index)
        yield from list(self._open)

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> list[T]: ...

    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        size = len(self)
        if index < 0:
            index += size
        if not 0 <= index < size:
            raise IndexError("PackedList index out of range")
        chunk, offset = divmod(index, self._chunk_items)
        if chunk == len(self._chunks):
            return self._open[offset]
        return self._chunk(chunk)[offset]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (PackedList, list)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable, like list

    def __repr__(self) -> str:
        return f"PackedList({len(self)} items, {self.packed_bytes:,} bytes packed)"

    def _chunk(self, index: int) -> list[T]:
        if self._cached is None or self._cached[0] != index:
            self._cached = (index, pickle.loads(zlib.decompress(self._chunks[index])))
        return self._cached[1]
