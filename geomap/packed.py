"""Compact in-memory storage for the records of a whole corpus.

A build keeps every article's results until its outputs are written: incident linking,
places, claims and every output format read them again.  As Python objects one
real-length article's results take a few hundred kB, so a corpus of tens of thousands
of articles would need many GB.  :class:`PackedList` keeps them pickled and compressed,
in chunks, and unpacks one chunk at a time while they are read: memory grows with the
compressed size, about a tenth of the objects'.

Every pass over a packed corpus unpickles it again, so unpickling speed matters as much
as size.  Two declarations make it several times faster: records stored *by fields*
(dataclasses rebuilt by calling the class with their field values, instead of the
default slotted-dataclass state, which looks its fields up again for every object), and
*shared* records (frozen, hashable values such as gazetteer places, referenced by many
records of many articles) kept once per list and stored as a number in each chunk.
"""

from __future__ import annotations

import dataclasses
import gc
import io
import operator
import pickle
import zlib
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from typing import Any, Generic, TypeVar, overload

T = TypeVar("T")

CHUNK_ITEMS = 16
"""Records compressed together: enough for zlib to find the repeats between articles, few
enough that reading one record unpacks little."""

_LEVEL = 1  # zlib's fastest level: most of the gain at a fraction of the time


class _SharedValues:
    """Values kept once per list: each distinct value gets a number, and chunks store the number."""

    def __init__(self) -> None:
        self.values: list[Hashable] = []
        self._number_of: dict[Hashable, int] = {}

    def reduce(self, value: Hashable) -> tuple[Callable[[int], Any], tuple[int]]:
        number = self._number_of.get(value)
        if number is None:
            number = self._number_of[value] = len(self.values)
            self.values.append(value)
        return _shared_value, (number,)


def _unpacked_list(
    chunk_items: int, by_fields: tuple[type, ...], shared: tuple[type, ...], chunks: list[bytes], values: list, open_items: list,
) -> PackedList:
    packed: PackedList = PackedList(chunk_items=chunk_items, by_fields=by_fields, shared=shared)
    packed._chunks = chunks
    for value in values:
        packed._shared.reduce(value)
    packed.extend(open_items)
    return packed


def _shared_value(number: int) -> Any:
    """Stand-in for a shared value in a pickle; a :class:`_ChunkUnpickler` resolves it."""
    raise pickle.UnpicklingError("a packed chunk was unpickled without its list's shared values")


def _by_fields(cls: type) -> Callable[[Any], tuple[type, tuple]]:
    """Reducer that stores a dataclass as its class and field values (in ``__init__`` order)."""
    names = [f.name for f in dataclasses.fields(cls)]
    if any(not f.init for f in dataclasses.fields(cls)) or hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__} cannot be rebuilt from its fields: it has init=False fields or __post_init__")
    if len(names) == 1:
        name = names[0]
        return lambda record: (cls, (getattr(record, name),))
    values = operator.attrgetter(*names)
    return lambda record: (cls, values(record))


class _ChunkUnpickler(pickle.Unpickler):
    def __init__(self, data: bytes, shared: list[Hashable]) -> None:
        super().__init__(io.BytesIO(data))
        self._shared = shared

    def find_class(self, module: str, name: str) -> Any:
        if module == __name__ and name == "_shared_value":
            return self._shared.__getitem__
        return super().find_class(module, name)


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
    by_fields : tuple of dataclass types
        Dataclasses (without ``init=False`` fields or ``__post_init__``) stored as their
        field values and rebuilt by calling the class: much faster to unpickle.
    shared : tuple of types
        Frozen, hashable types whose equal values are kept once per list and read back as
        one shared object.
    """

    def __init__(
        self, items: Iterable[T] = (), chunk_items: int = CHUNK_ITEMS, by_fields: tuple[type, ...] = (),
        shared: tuple[type, ...] = (),
    ) -> None:
        if chunk_items < 1:
            raise ValueError(f"chunk_items must be at least 1, not {chunk_items}")
        self._chunk_items = chunk_items
        self._chunks: list[bytes] = []
        self._open: list[T] = []  # the last, not yet full chunk, kept as objects
        self._cached: tuple[int, list[T]] | None = None
        self._declared = (by_fields, shared)
        self._shared = _SharedValues()
        self._dispatch: dict[type, Callable] = {cls: _by_fields(cls) for cls in by_fields}
        self._dispatch.update({cls: self._shared.reduce for cls in shared})
        self.extend(items)

    def __reduce__(self) -> tuple:
        # the chunks travel as they are; the reducers (closures) are made anew from the declared types
        by_fields, shared = self._declared
        return _unpacked_list, (self._chunk_items, by_fields, shared, self._chunks, self._shared.values, self._open)

    def append(self, item: T) -> None:
        """Add one record at the end."""
        self._open.append(item)
        if len(self._open) == self._chunk_items:
            self._chunks.append(zlib.compress(self._pickled(self._open), _LEVEL))
            self._open = []

    def _pickled(self, records: list[T]) -> bytes:
        if not self._dispatch:
            return pickle.dumps(records, protocol=pickle.HIGHEST_PROTOCOL)
        buffer = io.BytesIO()
        pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
        pickler.dispatch_table = self._dispatch
        pickler.dump(records)
        return buffer.getvalue()

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
            self._cached = (index, self._unpickled(zlib.decompress(self._chunks[index])))
        return self._cached[1]

    def _unpickled(self, data: bytes) -> list[T]:
        # Unpickling makes thousands of container objects, each of which can start a cyclic
        # garbage collection that walks the whole heap (the gazetteer, the other outputs):
        # that took three quarters of the time.  A chunk holds no garbage cycles, so the
        # collector waits until it is unpacked.
        collecting = gc.isenabled()
        gc.disable()
        try:
            return _ChunkUnpickler(data, self._shared.values).load()
        finally:
            if collecting:
                gc.enable()
