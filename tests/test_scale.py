"""A Dask run gives the same results as a local run."""

import json

import pytest

from geomap.build import build
from geomap.scale import run_corpus_dask

from conftest import SEEDS

pytest.importorskip("dask")


def test_dask_processes_match_the_local_build(tmp_path, resources, seed_build):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for seed in sorted(SEEDS.glob("*.txt")):
        (corpus / seed.name).write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    (corpus / "broken.txt").write_bytes(b"\x00\x01")
    run = run_corpus_dask([corpus], resources.settings, scheduler="processes", partitions=3)
    assert len(run.results) == 5 and [s.source.rsplit("/", 1)[-1] for s in run.skipped] == ["broken.txt"]

    local = build([corpus], tmp_path / "local", resources=resources, formats=["geojson", "jsonl"])
    distributed = build([corpus], tmp_path / "dask", resources=resources, formats=["geojson", "jsonl"], dask="processes")
    assert local.events == distributed.events and local.toponyms == distributed.toponyms
    for name in ("events.geojson", "places.geojson", "articles.jsonl"):
        assert (tmp_path / "local" / name).read_text(encoding="utf-8") == (tmp_path / "dask" / name).read_text(encoding="utf-8")
    assert json.loads((tmp_path / "dask" / "events.geojson").read_text(encoding="utf-8"))["features"]


def test_a_dask_distributed_cluster_gives_the_same_outputs(tmp_path, resources):
    """``--dask tcp://…``: the same files as a local run, through a real scheduler and worker process."""
    distributed = pytest.importorskip("distributed")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for seed in sorted(SEEDS.glob("*.txt")):
        (corpus / seed.name).write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    local = build([corpus], tmp_path / "local", resources=resources, formats=["geojson", "jsonl"])
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        assert cluster.scheduler_address.startswith("tcp://")
        remote = build([corpus], tmp_path / "cluster", resources=resources, formats=["geojson", "jsonl"], dask=cluster.scheduler_address)
    assert remote.articles == local.articles == 5 and remote.events == local.events > 0
    for name in ("events.geojson", "places.geojson", "articles.jsonl"):
        assert (tmp_path / "local" / name).read_text(encoding="utf-8") == (tmp_path / "cluster" / name).read_text(encoding="utf-8")
