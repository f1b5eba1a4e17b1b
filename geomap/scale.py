"""Run the per-article stages on Dask: many cores, or an existing Dask cluster.

The per-article stages are pure functions of the article and the loaded resources, so
scaling out is a map over files.  Each worker process loads the resources once (the
gazetteer index comes from the shared disk cache) and parses its partition of files;
results come back in corpus order, so a Dask build writes the same files as a local
one (tested).  Dask is optional: ``pip install "geomap[dask]"``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack
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

    workers = os.cpu_count() or 1
    # a partition per file at most, and many of them: each comes back whole, and a batch of
    # them is all that is ever held unpacked
    partitions = partitions or max(1, min(len(files), max(4 * workers, len(files) // FILES_PER_PARTITION)))
    parts = db.from_sequence(files, npartitions=partitions).map_partitions(_parse_partition, spec).to_delayed()
    for parsed in _computed_in_batches(parts, scheduler, address, workers):
        run.add(parsed)
    return run


FILES_PER_PARTITION = 25


def _computed_in_batches(parts: list, scheduler: str, address: str | None, batch: int) -> Iterator[ArticleResult | SkippedInput]:
    """The partitions' items in corpus order, computed ``batch`` partitions at a time, so that
    the results of a whole corpus are never held unpacked at once."""
    with ExitStack() as stack:
        compute = _batch_computer(stack, scheduler, address)
        for start in range(0, len(parts), batch):
            for items in compute(parts[start : start + batch]):
                yield from items


def _batch_computer(stack: ExitStack, scheduler: str, address: str | None) -> Callable[[list], Sequence]:
    """A function computing a list of delayed partitions on the chosen scheduler; one pool of
    worker processes serves every batch (each loads the resources once)."""
    import dask

    if address:
        from dask.distributed import Client  # needs the "distributed" package

        client = stack.enter_context(Client(address))
        return lambda batch: client.gather(client.compute(batch))
    if scheduler == "processes":
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # spawn, as Dask's own process pool does: the parent may run threads (a progress bar)
        pool = stack.enter_context(ProcessPoolExecutor(mp_context=multiprocessing.get_context("spawn")))
        return lambda batch: dask.compute(*batch, scheduler="processes", pool=pool)
    return lambda batch: dask.compute(*batch, scheduler=scheduler)
