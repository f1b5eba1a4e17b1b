"""Speed work on geoparsing must not change what it finds: the ``geomap parse --places-only``
record of every article of a fixed corpus (the seeds, the devset articles, a text of edge cases) is pinned by
its SHA-256 digest in ``tests/data/places_only_digests.json``.

A change meant to alter places (a new rule, gazetteer rows) changes digests on purpose:
check the differences, then write the new digests with

    python tests/test_places_speed_identity.py --update
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# the seeds, the devset and a text of cases the shortcuts must get right ("the Tajikistan post")
CORPUS = (ROOT / "seeds", ROOT / "data" / "devset" / "articles", ROOT / "tests" / "data" / "places_identity_edge.txt")
DIGESTS = ROOT / "tests" / "data" / "places_only_digests.json"


def places_only_digests(resources) -> dict[str, str]:
    """Article id → SHA-256 of its places-only record as ``geomap parse --places-only``
    prints it (without the input's path, which depends on the checkout)."""
    from geomap.export import article_record
    from geomap.model import ArticleResult
    from geomap.pipeline import iter_results

    digests: dict[str, str] = {}
    for item in iter_results(CORPUS, resources, places_only=True):
        assert isinstance(item, ArticleResult), item
        record = article_record(item, resources.lexicon)
        del record["events"], record["claims"], record["file"]
        line = json.dumps(record, ensure_ascii=False)
        digests[f"{Path(item.article.source_file).parent.name}/{record['id']}"] = hashlib.sha256(line.encode()).hexdigest()
    return digests


def test_places_only_output_is_unchanged(resources):
    expected = json.loads(DIGESTS.read_text(encoding="utf-8"))
    found = places_only_digests(resources)
    changed = sorted(k for k in expected.keys() | found.keys() if expected.get(k) != found.get(k))
    assert not changed, f"places-only output changed for {len(changed)} article(s): {changed[:10]} (see this file's docstring)"


if __name__ == "__main__" and sys.argv[1:] == ["--update"]:
    from geomap.pipeline import load_resources

    DIGESTS.write_text(json.dumps(places_only_digests(load_resources()), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {DIGESTS}")
