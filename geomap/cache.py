"""On-disk cache of compiled resources (gazetteer index, event vocabulary).

A compiled object is pickled to ``settings.cache_dir`` under a key made of a format
tag and the size and modification time of every source file, so editing a CSV (or a
new release changing the compiled layout) triggers a rebuild.  A missing, stale or
unreadable cache file is never fatal: the object is rebuilt and the cache rewritten
atomically.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import pickle
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

log = logging.getLogger(__name__)
# One-line notices for whoever runs geomap (the command line prints them on stderr; a
# library user sees them only if they configure logging): a first run compiles for
# 20–45 s, which must not look like a hang.
notice = logging.getLogger("geomap.notice")
T = TypeVar("T")

_WHAT = {"gazetteer": "gazetteer index", "lexicon": "event vocabulary", "borders": "border index"}


def source_key(tag: str, files: Iterable[Path]) -> str:
    """A short key for ``tag`` and the current state (size, mtime) of ``files``."""
    digest = hashlib.sha256(tag.encode())
    for path in files:
        try:
            stat = path.stat()
            digest.update(f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}".encode())
        except OSError:
            digest.update(f"{path}|missing".encode())
    return digest.hexdigest()[:20]


KEEP_PER_NAME = 4  # cache files kept per name (other settings, user gazetteers), least recently used go


def load_or_build(cache_dir: Path, name: str, key: str, build: Callable[[], T]) -> T:
    """The object pickled as ``{name}-{key}.pickle`` in ``cache_dir``, else ``build()``
    (whose result is then written there, and the least recently used files of the same
    name beyond :data:`KEEP_PER_NAME` removed)."""
    cache_file = cache_dir / f"{name}-{key}.pickle"
    if cache_file.exists():
        try:
            with cache_file.open("rb") as stream:
                loaded = _unpickled(stream)
            os.utime(cache_file)  # recently used: pruned last
            return loaded
        except Exception as exc:  # a stale or truncated cache is rebuilt, never fatal
            log.warning("ignoring unreadable %s cache %s: %s", name, cache_file, exc)
    what = _WHAT.get(name, name)
    notice.info("compiling the %s (once per install or data change; cached in %s)...", what, cache_dir)
    started = time.perf_counter()
    built = build()
    log.info("compiled the %s in %.1f s", what, time.perf_counter() - started)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=cache_dir, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                pickle.dump(built, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, cache_file)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        _prune(cache_dir, name)
    except (OSError, pickle.PicklingError) as exc:
        log.warning("could not cache the %s in %s: %s", name, cache_dir, exc)
    return built


def _unpickled(stream: BinaryIO) -> Any:
    """``pickle.load`` without garbage collection: the millions of objects it creates
    would set off collections that each walk everything created so far (4× the load time)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return pickle.load(stream)
    finally:
        if collecting:
            gc.enable()


def _prune(cache_dir: Path, name: str) -> None:
    files = []
    for path in cache_dir.glob(f"{name}-*.pickle"):
        try:
            files.append((path.stat().st_mtime, path))
        except OSError:
            continue  # removed meanwhile by another process
    for _, path in sorted(files, reverse=True)[KEEP_PER_NAME:]:
        path.unlink(missing_ok=True)
