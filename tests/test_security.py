"""Untrusted text never runs as template code while the map is written (server-side
template injection), and the page is the same for the same corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geomap.build import build
from geomap.pipeline import load_resources

SIDE_EFFECT = "geomap-ssti-side-effect"


# Each payload would create a file (or print 49 / abort the render) if it reached Jinja.
def _payloads(marker: Path) -> dict[str, str]:
    run = f"{{{{ lipsum['__globals__']['os']['popen']('touch {marker}')['read']() }}}}"
    return {
        "expression": run,
        "statement": f"{{% set x = cycler.__init__.__globals__.os.popen('touch {marker}').read() %}}",
        "arithmetic": "{{ 7*7 }}",
        "comment": "{# unterminated comment",
        "raw": "{% raw %} unterminated raw",
    }


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    root = tmp_path_factory.mktemp("ssti")
    marker = root / SIDE_EFFECT
    payloads = _payloads(marker)
    corpus = root / "corpus {{ 7*7 }}"
    corpus.mkdir()
    body = " ".join(f"Rockets hit Kulob {p} on Monday, killing two border guards." for p in payloads.values())
    (corpus / "article {{ 7*7 }}.txt").write_text(f" date 2024-05-02\n{body}\n", encoding="utf-8")
    (corpus / "feed.jsonl").write_text(
        json.dumps({"title": payloads["expression"], "date": "2024-05-03",
                    "text": f"Tajik border guards clashed with smugglers near Panj {payloads['statement']} on Tuesday."})
        + "\n",
        encoding="utf-8",
    )
    (corpus / "table.csv").write_text(
        'text,date,title\n"Taliban fighters attacked a post near Ishkashim {{ 7*7 }} on Friday.",2024-05-04,"{% raw %}"\n',
        encoding="utf-8",
    )
    gazetteer = root / "user.csv"
    gazetteer.write_text(
        "id,name,aliases,lat,lon,feature_type,country,admin1,uncertainty_km,population,source\n"
        f"user:x,\"Qala {{{{ 7*7 }}}}\",,37.5,69.5,village,TJ,,5,,\"{payloads['expression']}\"\n",
        encoding="utf-8",
    )
    out = root / "out"
    summary = build([corpus], out, resources=load_resources(gazetteer_files=[gazetteer]))
    return summary, out, marker, payloads


def test_no_payload_runs_and_the_build_completes(hostile_build):
    summary, out, marker, _ = hostile_build
    assert not marker.exists(), "article text was executed as template code"
    assert summary.ok, summary.lines()
    assert (out / "map.html").stat().st_size > 0


def test_payloads_reach_the_page_as_literal_data(hostile_build):
    _, out, _, payloads = hostile_build
    page = (out / "map.html").read_text(encoding="utf-8")
    chunks = [c.split("</script>", 1)[0] for c in page.split('<script type="application/json" id=')[1:]]
    blocks = [json.loads(c.split(">", 1)[1]) for c in chunks]
    text = json.dumps(blocks, ensure_ascii=False)
    for name in ("expression", "arithmetic", "comment"):
        assert payloads[name] in text, f"{name} payload not kept literally in the page data"
    assert "{{ 7*7 }}" in text and "corpus {{ 7*7 }}" in text  # folder and file names too
    # nothing outside the JSON blocks carries article text
    outside = "".join(b.split("</script>", 1)[-1] for b in page.split('<script type="application/json" id='))
    assert "Kulob" not in outside and "7*7" not in outside


def test_two_builds_write_the_same_page(hostile_build, tmp_path):
    summary, out, _, _ = hostile_build
    corpus = next(p for p in out.parent.iterdir() if p.name.startswith("corpus"))
    again = out.parent / "again"  # beside the first: the page links its sources relative to itself
    build([corpus], again, formats=("map", "geojson"), resources=load_resources(gazetteer_files=[out.parent / "user.csv"]))
    assert (again / "map.html").read_bytes() == (out / "map.html").read_bytes()
