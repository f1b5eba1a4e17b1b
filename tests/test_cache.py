"""The on-disk cache of compiled resources: reuse, rebuild on change, bounded size."""

import os
import time

from geomap.cache import KEEP_PER_NAME, load_or_build, source_key


def test_cache_reuses_rebuilds_and_prunes(tmp_path):
    source = tmp_path / "table.csv"
    source.write_text("a,b\n")
    calls = []

    def build():
        calls.append(1)
        return {"rows": len(calls)}

    cache = tmp_path / "cache"
    key = source_key("test|1", [source])
    assert load_or_build(cache, "thing", key, build) == {"rows": 1}
    assert load_or_build(cache, "thing", key, build) == {"rows": 1}  # from disk, not rebuilt
    assert len(calls) == 1

    source.write_text("a,b\n1,2\n")  # an edited source gives a new key
    new_key = source_key("test|1", [source])
    assert new_key != key and source_key("test|2", [source]) != new_key
    assert load_or_build(cache, "thing", new_key, build) == {"rows": 2}

    (cache / f"thing-{new_key}.pickle").write_bytes(b"not a pickle")  # unreadable: rebuilt, not fatal
    assert load_or_build(cache, "thing", new_key, build) == {"rows": 3}

    for number in range(KEEP_PER_NAME + 3):
        old = time.time() - 1000 + number
        load_or_build(cache, "thing", f"k{number}", build)
        os.utime(cache / f"thing-k{number}.pickle", (old, old))
    kept = sorted(p.name for p in cache.glob("thing-*.pickle"))
    assert len(kept) == KEEP_PER_NAME
    assert f"thing-{new_key}.pickle" in kept  # the most recently used survives
    assert not list(cache.glob("*.tmp"))


def test_the_border_index_comes_from_the_cache_with_the_callers_settings(tmp_path):
    from dataclasses import replace

    from geomap.border import _load_borders
    from geomap.config import DEFAULT_SETTINGS

    settings = replace(DEFAULT_SETTINGS, cache_dir=tmp_path)
    built = _load_borders(settings, "osm")
    assert list(tmp_path.glob("borders-*.pickle"))
    other = replace(settings, threads=1, measure_chunk=7)
    loaded = _load_borders(other, "osm")
    assert loaded is not built and loaded.settings.threads == 1 and loaded.settings.measure_chunk == 7
    assert sorted(loaded.lines) == sorted(built.lines)
    point = loaded.metrics_many([37.5], [69.3], "TJK-AFG")[0]
    assert point.distance_km == built.metrics_many([37.5], [69.3], "TJK-AFG")[0].distance_km
