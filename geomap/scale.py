"""Run the per-article stages on Dask: many cores, or an existing Dask cluster.

The per-article stages are pure functions of the article and the loaded resources, so
scaling out is a map over files.  Each worker process loads the resources once (the
gazetteer index comes from the shared disk cache) and parses its partition of files;
results come back in corpus order, so a Dask build writes the same files as a local
one (tested).  Dask is optional: ``pip install "geomap[dask]"``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from geomap.config import DEFAULT_SETTINGS, Settings
from geomap.corpus import iter_files, read_file
from geomap.model import ArticleResult, SkippedInput
from geomap.pipeline import CorpusRun, Resources, load_resources, parse_or_skip


@dataclass(frozen=True)
class ResourceSpec:
    """What a worker needs to load the same resources as the client (picklable)."""

    settings: Settings
    gazetteer_files: tuple[str, ...]
    borders: tuple[str, ...]


_WORKER_RESOURCES: dict[ResourceSpec, Resources] = {}


def _resources(spec: ResourceSpec) -> Resources:
    if spec not in _WORKER_RESOURCES:
        _WORKER_RESOURCES[spec] = load_resources(spec.settings, spec.gazetteer_files, spec.borders)
    return _WORKER_RESOURCES[spec]


def _parse_partition(files: list[str], spec: ResourceSpec) -> list[ArticleResult | SkippedInput]:
    resources = _resources(spec)
    return [
        item if isinstance(item, SkippedInput) else parse_or_skip(item, resources)
        for name in files
        for item in read_file(name, spec.settings.max_file_mb)
    ]


def run_corpus_dask(
    paths: Iterable[str | Path],
    settings: Settings = DEFAULT_SETTINGS,
    gazetteer_files: Iterable[str | Path] = (),
    borders: Iterable[str] = (),
    partitions: int | None = None,
    scheduler: str = "processes",
    address: str | None = None,
    exclude: Iterable[str | Path] = (),
) -> CorpusRun:
    """Parse a corpus with Dask.

    Parameters
    ----------
    paths : iterable of path
        Files and directories of articles.
    settings, gazetteer_files, borders
        As for :func:`geomap.pipeline.load_resources`; every worker loads the same.
    partitions : int, optional
        Number of file partitions (default: about four per worker).
    scheduler : str
        A local Dask scheduler: ``"processes"`` (all cores), ``"threads"`` or
        ``"synchronous"`` (debugging).  Ignored when ``address`` is given.
    address : str, optional
        Address of an existing ``dask.distributed`` scheduler (``tcp://host:8786``).
    exclude : iterable of path
        Directories whose files are not inputs (the build's output directory).
    """
    import dask.bag as db  # optional dependency, imported only when asked for

    files: list[str] = []
    run = CorpusRun()
    for item in iter_files(paths, exclude):
        if isinstance(item, SkippedInput):
            run.skipped.append(item)
        else:
            files.append(str(item))
    if not files:
        return run
    spec = ResourceSpec(settings, tuple(str(p) for p in gazetteer_files), tuple(borders))
    import os

    partitions = partitions or max(1, min(len(files), 4 * (os.cpu_count() or 1)))
    bag = db.from_sequence(files, npartitions=partitions).map_partitions(_parse_partition, spec)
    if address:
        from dask.distributed import Client  # needs the "distributed" package

        with Client(address) as client:
            items = client.compute(bag).result()
    else:
        items = bag.compute(scheduler=scheduler)
    for item in items:
        run.add(item)
    return run
