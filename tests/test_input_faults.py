"""Bad inputs are reported one by one and never abort a build (issue 17).

D6: a lone surrogate in JSON text is replaced at read time and the record processed.
D11/D13: gazetteer numbers must be finite and in range; a bad row is reported with file
and line and skipped, and no NaN or Infinity reaches a JSON output.
D12: folders and files that cannot be read are reported, counted, and give exit code 1.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

from geomap.build import EXIT_INPUTS_SKIPPED, EXIT_OK, build
from geomap.corpus import iter_files, read_corpus, read_file
from geomap.gazetteer.sources import GazetteerError, read_place_csv
from geomap.model import Article, SkippedInput
from geomap.pipeline import load_resources

ARTICLE = "Tajik border guards clashed with smugglers near Panj on Tuesday, killing two."


def strict_json(path: Path):
    """Parse like a strict JSON reader: NaN and Infinity are not JSON."""

    def refuse(name):
        raise AssertionError(f"{path.name} holds {name}, which is not JSON")

    text = path.read_text(encoding="utf-8")
    if path.suffix == ".jsonl":
        return [json.loads(line, parse_constant=refuse) for line in text.splitlines()]
    return json.loads(text, parse_constant=refuse)


# ---------------------------------------------------------------- D6 lone surrogates


def test_a_lone_surrogate_is_replaced_and_the_record_kept(tmp_path, caplog):
    source = tmp_path / "feed.json"
    source.write_text('{"title": "half \\udc00", "date": "2024-05-07", "text": "' + ARTICLE + ' \\ud800 and \\ud83d\\ude00"}',
                      encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="geomap.corpus"):
        [article] = list(read_file(source))
    assert isinstance(article, Article)
    assert article.text.endswith("\ufffd and \U0001F600")  # the lone half replaced, the real pair kept
    assert article.title == "half \ufffd"
    assert any(str(source) in record.getMessage() and "U+FFFD" in record.getMessage() for record in caplog.records)
    article.text.encode("utf-8")  # every writer can encode it


def test_a_build_with_lone_surrogates_writes_every_output(tmp_path, resources):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "feed.jsonl").write_text(
        json.dumps({"date": "2024-05-07", "text": ARTICLE[:-1] + " \ud800."}, ensure_ascii=True) + "\n"
        + json.dumps({"date": "2024-05-08", "text": "Russian troops held drills near Kulob \udfff on Monday."}) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    summary = build([corpus], out, resources=resources)
    assert summary.exit_code == EXIT_OK and summary.articles == 2, summary.lines()
    events = strict_json(out / "events.geojson")["features"]
    assert {"Panj", "Kulob"} <= {e["properties"]["place_name"] for e in events}
    assert any("\ufffd" in e["properties"]["sentence"] for e in events)
    assert len(strict_json(out / "articles.jsonl")) == 2


# ---------------------------------------------------------------- D11/D13 gazetteer rows

BAD_ROWS = {
    3: "Pop Overflow,37.5,69.5,5,1e400",
    4: "Nan Radius,37.5,69.5,nan,",
    5: "Inf Radius,37.5,69.5,inf,",
    6: "Negative Radius,37.5,69.5,-5,",
    7: "Far North,91,69.5,5,",
    8: "Nan Lat,nan,69.5,5,",
    9: "Far East,37.5,180.5,5,",
    10: "Huge Radius,37.5,69.5,1e30,",
    11: "Negative Pop,37.5,69.5,5,-1",
}


def write_gazetteer(path: Path) -> Path:
    lines = ["name,lat,lon,uncertainty_km,population", "Camp Zarya,37.9,69.1,3,1200", *BAD_ROWS.values(),
             "Qala Sabz,37.6,69.4,,"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_bad_gazetteer_rows_are_reported_with_file_and_line(tmp_path):
    path = write_gazetteer(tmp_path / "mine.csv")
    problems: list[str] = []
    entries = read_place_csv(path, "user", problems)
    assert [e.place.name for e in entries] == ["Camp Zarya", "Qala Sabz"]
    assert len(problems) == len(BAD_ROWS)
    for line, problem in zip(BAD_ROWS, problems):
        assert problem.startswith(f"{path}:{line}: ") and problem.endswith("row skipped"), problem
    assert "1e400" in problems[0] and "not a finite number" in problems[0]
    assert "-5" in problems[3] and "out of range" in problems[3]


def test_an_unreadable_gazetteer_names_the_file(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes(b"name,lat,lon\nQal\xe9,37,69\n")
    with pytest.raises(GazetteerError, match=r"latin1.csv:2: not valid UTF-8"):
        read_place_csv(path, "user", [])


@pytest.fixture(scope="module")
def gazetteer_build(tmp_path_factory):
    root = tmp_path_factory.mktemp("gazetteer-rows")
    gazetteer = write_gazetteer(root / "mine.csv")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(" date 2024-05-02\nTroops reached Camp Zarya and Qala Sabz on Monday.\n", encoding="utf-8")
    summary = build([corpus], root / "out", resources=load_resources(gazetteer_files=[gazetteer]))
    return summary, root / "out", gazetteer


def test_a_build_with_bad_gazetteer_rows_skips_them_and_exits_1(gazetteer_build):
    summary, out, gazetteer = gazetteer_build
    assert summary.exit_code == EXIT_INPUTS_SKIPPED and not summary.errors
    assert len(summary.gazetteer_problems) == len(BAD_ROWS)
    assert all(f"{gazetteer}:{line}:" in "\n".join(summary.lines()) for line in BAD_ROWS)
    places = strict_json(out / "places.geojson")["features"]
    assert {"Camp Zarya", "Qala Sabz"} <= {p["properties"]["name"] for p in places}


def test_no_nan_or_infinity_in_any_json_output(gazetteer_build):
    _, out, _ = gazetteer_build
    for name in ("events.geojson", "places.geojson", "border.geojson", "articles.jsonl"):
        strict_json(out / name)
    page = (out / "map.html").read_text(encoding="utf-8")
    blocks = [chunk.split(">", 1)[1].split("</script>", 1)[0] for chunk in page.split('<script type="application/json" id=')[1:]]
    assert len(blocks) >= 5

    def refuse(name):
        raise AssertionError(f"map.html data holds {name}, which JSON.parse refuses")

    for block in blocks:
        json.loads(block, parse_constant=refuse)


# ---------------------------------------------------------------- D12 unreadable folders and files


def lock_folder(monkeypatch, locked: Path) -> None:
    """Listing ``locked`` fails as without read permission (root could still read it)."""
    real_scandir = os.scandir

    def scandir(path="."):
        if isinstance(path, (str, os.PathLike)) and Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)


def test_unreadable_folders_broken_links_and_folder_links_are_reported(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    (corpus / "open").mkdir(parents=True)
    (corpus / "locked").mkdir()
    (corpus / "open" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "locked" / "b.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "gone.txt").symlink_to(tmp_path / "missing.txt")
    (corpus / "elsewhere").symlink_to(corpus / "open", target_is_directory=True)
    lock_folder(monkeypatch, corpus / "locked")
    items = list(iter_files([corpus]))
    assert [p for p in items if isinstance(p, Path)] == [corpus / "open" / "a.txt"]
    reasons = {Path(s.source).name: s.reason for s in items if isinstance(s, SkippedInput)}
    assert reasons == {
        "locked": "cannot read folder: Permission denied",
        "gone.txt": "broken link: its target does not exist",
        "elsewhere": "link to a folder, not followed (give its target as an input)",
    }


def test_a_build_counts_unreadable_folders_and_exits_1(tmp_path, resources, monkeypatch):
    corpus = tmp_path / "corpus"
    (corpus / "locked").mkdir(parents=True)
    (corpus / "a.txt").write_text(" date 2024-05-07 " + ARTICLE, encoding="utf-8")
    lock_folder(monkeypatch, corpus / "locked")
    summary = build([corpus], tmp_path / "out", resources=resources, formats=["geojson"])
    assert summary.exit_code == EXIT_INPUTS_SKIPPED and summary.articles == 1
    assert "skipped: 1" in summary.lines() and any("locked: cannot read folder" in line for line in summary.lines())


LIST_CORPUS = """
import json, sys
from geomap.corpus import read_corpus
print(json.dumps([[type(x).__name__, getattr(x, "source", getattr(x, "source_file", "")), getattr(x, "reason", "")]
                  for x in read_corpus([sys.argv[1]])]))
"""


def test_real_permissions_are_reported(tmp_path_factory):
    """Without read permission (as an unprivileged user: directly, or as 'nobody' in a user
    namespace when the tests run as root)."""
    if os.geteuid() == 0 and not (shutil.which("unshare") and subprocess.run(["unshare", "--user", "true"]).returncode == 0):
        pytest.skip("running as root without user namespaces: permissions cannot be taken away")
    import tempfile

    root = Path(tempfile.mkdtemp(prefix="geomap-permissions-"))  # not under pytest's private (0700) folder
    try:
        corpus = root / "corpus"
        (corpus / "locked").mkdir(parents=True)
        (corpus / "a.txt").write_text(ARTICLE, encoding="utf-8")
        (corpus / "locked" / "b.txt").write_text(ARTICLE, encoding="utf-8")
        (corpus / "secret.txt").write_text(ARTICLE, encoding="utf-8")
        for path in (root, corpus):
            path.chmod(0o755)
        (corpus / "locked").chmod(0o000)
        (corpus / "secret.txt").chmod(0o000)
        command = [sys.executable, "-c", LIST_CORPUS, str(corpus)]
        if os.geteuid() == 0:
            command = ["unshare", "--user", *command]  # uid 'nobody' inside: no override of permissions
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        items = json.loads(done.stdout)
        assert ["Article", str(corpus / "a.txt"), ""] in items
        assert ["SkippedInput", str(corpus / "secret.txt"), "cannot read: Permission denied"] in items
        assert ["SkippedInput", str(corpus / "locked"), "cannot read folder: Permission denied"] in items
    finally:
        (corpus / "locked").chmod(0o755)
        shutil.rmtree(root)


def test_a_missing_input_path_is_reported(tmp_path):
    [item] = list(read_corpus([tmp_path / "nowhere"]))
    assert isinstance(item, SkippedInput) and item.reason == "no such file or directory"
