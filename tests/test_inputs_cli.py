"""Issue 14: HTML pages, date fields, size limit, .md files, progress and command-line habits."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS
from geomap.build import build
from geomap.cli import _parser, main
from geomap.corpus import DateProblem, parse_date_value, read_corpus, read_file, read_date_value
from geomap.pipeline import Progress, iter_results

PAGE = """<!doctype html><html><head><title>Tajik and Russian troops drill near Afghan border | Example News</title>
<meta property="article:published_time" content="2022-05-20T08:00:00Z"></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li>London bureau</li>
<li><a href="/paris">Paris</a></li><li>Berlin office</li><li>Madrid desk</li></ul></nav>
<header><div class="menu">Subscribe | Tokyo | Sydney edition</div></header>
<main><article><h1>Tajik and Russian troops drill near Afghan border</h1>
<p>DUSHANBE, May 20 (Example) - Tajik and Russian troops began joint exercises at the Harb-Maidon training
ground on Friday, about 20 km from the Afghan border, the defence ministry said.</p>
<p>Some 2,500 servicemen and 500 pieces of equipment are taking part in the drills, which will run until
May 25 in Khatlon province.</p>
<p>The exercises follow reports of clashes near Kunduz in northern Afghanistan earlier this month,
officials in Dushanbe said.</p></article></main>
<aside>Most read: Floods in Lisbon; Election in Ottawa</aside>
<footer><p>Example News, 1 Fleet Street, London. Offices in Paris, New York and Hong Kong. © 2022</p></footer>
</body></html>
"""
NAVIGATION_PLACES = {"London", "Paris", "Berlin", "Madrid", "Tokyo", "Sydney", "Lisbon", "Ottawa", "New York", "Hong Kong"}


def test_html_page_keeps_the_article_title_date_and_dateline_and_drops_navigation(tmp_path, resources):
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    [article] = list(read_file(page))
    assert article.title == "Tajik and Russian troops drill near Afghan border"
    assert article.date == date(2022, 5, 20)
    assert "DUSHANBE, May 20 (Example) -" in article.text  # the dateline stays at the top of the body
    assert "bureau" not in article.text and "Fleet Street" not in article.text and "Most read" not in article.text
    [result] = [r for r in iter_results([page], resources)]
    names = {t.place.name for t in result.toponyms}
    assert {"Dushanbe", "Kunduz"} <= names
    assert not names & NAVIGATION_PLACES, names & NAVIGATION_PLACES


def test_html_page_without_an_article_falls_back_to_its_visible_text(tmp_path):
    page = tmp_path / "short.html"
    page.write_text("<html><body><div>Kulob</div></body></html>", encoding="utf-8")
    [article] = list(read_file(page))
    assert "Kulob" in article.text


@pytest.mark.parametrize("value, expected", [
    ("2022-05-20", date(2022, 5, 20)),
    ("2022-05-20T10:00:00Z", date(2022, 5, 20)),
    ("20/05/2022", date(2022, 5, 20)),
    ("05/20/2022", date(2022, 5, 20)),  # the month cannot be 20
    ("03/05/2022", date(2022, 5, 3)),  # ambiguous: day first, as documented
    ("20.05.2022", date(2022, 5, 20)),
    ("May 3 2022", date(2022, 5, 3)),
    ("3 May 2022", date(2022, 5, 3)),
    ("Tue, 03 May 2022 10:00:00 GMT", date(2022, 5, 3)),
    ("May 3, 2022", date(2022, 5, 3)),
    ("", None),
    (None, None),
])
def test_date_fields_in_common_formats(value, expected):
    assert parse_date_value(value) == expected


@pytest.mark.parametrize("value", ["soon", "31/02/2022", "May 2022", "x" * 500, "99/99/9999"])
def test_unreadable_dates_give_a_reason(value):
    found, reason = read_date_value(value)
    assert found is None and reason


def test_csv_dates_are_read_or_reported_by_file_and_row(tmp_path, resources):
    table = tmp_path / "news.csv"
    with table.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["id", "date", "text"])
        writer.writerow(["a", "20/05/2022", "Tajik troops held drills near Kulob on Friday."])
        writer.writerow(["b", "May 3 2022", "Russian troops arrived in Dushanbe yesterday."])
        writer.writerow(["c", "next Tuesday-ish", "Taliban fighters were seen near Kunduz."])
    items = list(read_corpus([table]))
    articles = {a.id.split("#")[-1]: a for a in items if not isinstance(a, DateProblem)}
    assert articles["a"].date == date(2022, 5, 20)
    assert articles["b"].date == date(2022, 5, 3)
    assert articles["c"].date is None  # the article is read, undated
    [problem] = [p for p in items if isinstance(p, DateProblem)]
    assert problem.source == f"{table}:4" and "next Tuesday-ish" in problem.reason
    summary = build([table], tmp_path / "out", resources=resources, formats=["jsonl"])
    assert summary.articles == 3 and summary.exit_code == 1
    assert any("date fields not read (articles kept, undated): 1" in line for line in summary.lines())
    assert any(f"{table}:4" in line for line in summary.lines())


def test_json_date_fields_in_other_formats(tmp_path):
    records = tmp_path / "news.jsonl"
    records.write_text("\n".join(json.dumps(r) for r in [
        {"text": "Troops moved to Kulob.", "published": "20/05/2022"},
        {"text": "Troops moved to Kulob.", "date": "Friday, 20 May 2022"},
    ]), encoding="utf-8")
    assert [a.date for a in read_corpus([records])] == [date(2022, 5, 20), date(2022, 5, 20)]


def test_md_files_in_a_folder_are_not_articles(tmp_path):
    (tmp_path / "README.md").write_text("# Corpus of Kulob and Kunduz news\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Troops moved to Kulob.", encoding="utf-8")
    assert [a.source_file for a in read_corpus([tmp_path])] == [str(tmp_path / "a.txt")]


def test_size_limit_is_configurable_and_its_message_clear(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("Troops moved to Kulob. " * 60_000, encoding="utf-8")  # 1.38 MB
    [skipped] = list(read_file(big, max_file_mb=1))
    assert skipped.reason.startswith("file too large: 1.4 MB, over the 1 MB limit")
    assert "--max-file-mb" in skipped.reason and "GEOMAP_MAX_FILE_MB" in skipped.reason
    [article] = list(read_file(big, max_file_mb=2))
    assert article.text.startswith("Troops")


def test_size_limit_from_the_environment(monkeypatch):
    from geomap import config

    monkeypatch.setenv("GEOMAP_MAX_FILE_MB", "7.5")
    assert config.Settings().max_file_mb == 7.5
    monkeypatch.setenv("GEOMAP_MAX_FILE_MB", "lots")
    assert config.Settings().max_file_mb == config.MAX_FILE_MB


def test_progress_bar_goes_to_stderr_when_enabled_and_is_silent_otherwise(tmp_path, capsys):
    files = sorted(SEEDS.glob("*.txt"))
    with Progress(files, enabled=False) as bar:
        for path in files:
            bar.file(path)
            bar.article()
            bar.done(path)
    assert capsys.readouterr() == ("", "")
    with Progress(files, enabled=True) as bar:
        for path in files:
            bar.file(path)
            bar.article()
            bar.done(path)
        total = bar.bar.total
        assert bar.bar.n == total == sum(p.stat().st_size for p in files)
    assert "geomap" in capsys.readouterr().err


# -- command line ---------------------------------------------------------------------------


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geomap.cli", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=900)


def test_version():
    done = run_cli("--version")
    assert done.returncode == 0 and done.stdout.startswith("geomap ")


def test_format_accepts_commas_and_repeats():
    args = _parser().parse_args(["build", "--format", "geojson,kml", "--format", "acled"])
    assert [f for group in args.format for f in group] == ["geojson", "kml", "acled"]
    with pytest.raises(SystemExit):
        _parser().parse_args(["build", "--format", "geojson,shapefile"])


def test_options_are_offered_only_where_they_act():
    commands = _parser()._subparsers._group_actions[0].choices
    options = {name: {o for a in p._actions for o in a.option_strings} for name, p in commands.items()}
    assert "--gazetteer" not in options["distance"] and "--online" not in options["distance"]
    assert "--online" not in options["places"] and "--border" not in options["places"]
    assert {"--lat-col", "--lon-col"} <= options["distance"]
    assert {"--gazetteer", "--online", "--border", "--max-file-mb"} <= options["build"]


def test_distance_csv_with_named_columns(tmp_path, capsys):
    points = tmp_path / "points.csv"
    points.write_text("name,latitude,longitude\nKulob,37.91,69.78\nbad,x,69\n", encoding="utf-8")
    assert main(["distance", "--csv", str(points), "--lat-col", "latitude", "--lon-col", "longitude"]) == 1
    captured = capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(captured.out)))
    assert [r["name"] for r in rows] == ["Kulob"] and float(rows[0]["distance_km"]) > 0
    assert f"{points}:3" in captured.err
    assert main(["distance", "--csv", str(points)]) == 2  # no lat/lon columns: named in the message
    assert "--lat-col" in capsys.readouterr().err


def test_verbose_build_shows_stage_timings_and_format_only_summary(tmp_path, resources):
    summary = build([SEEDS], tmp_path / "out", resources=resources, formats=["geojson"])
    lines = summary.lines(verbose=True)
    assert not any(line.startswith("ACLED") for line in lines)  # not asked for: not reported
    text = "\n".join(lines)
    assert "seconds by stage:" in text
    for stage in ("read and parse", "places", "events", "link and make features", "write and check events.geojson"):
        assert stage in text
    assert "seconds by stage" not in "\n".join(summary.lines())


def test_empty_folder_warns_and_writes_nothing(tmp_path, resources):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.md").write_text("nothing here", encoding="utf-8")
    summary = build([empty], tmp_path / "out", resources=resources)
    assert summary.exit_code == 2
    assert any("no file geomap reads in this folder" in w for w in summary.warnings)
    assert not (tmp_path / "out").exists()  # no stray output folder


def test_no_stray_output_folder_outside_the_repository(tmp_path):
    done = run_cli("build", "typo", cwd=tmp_path)
    assert done.returncode == 2 and "typo: no such file or directory" in done.stdout
    assert list(tmp_path.iterdir()) == []


def test_existing_output_folder_is_kept_when_nothing_is_read(tmp_path, resources):
    out = tmp_path / "out"
    out.mkdir()
    (out / "events.kml").write_text("earlier", encoding="utf-8")
    summary = build([tmp_path / "typo"], out, resources=resources)
    assert summary.exit_code == 2 and (out / "events.kml").read_text(encoding="utf-8") == "earlier"


def test_build_without_paths_outside_the_repository_reads_the_samples(tmp_path, monkeypatch):
    from geomap import cli

    monkeypatch.chdir(tmp_path)
    assert cli._input_paths([]) == [str(cli.sample_articles())]
    assert (Path(cli._input_paths([])[0]) / "000_fa006a58655b3e69.txt").exists()
    monkeypatch.chdir(ROOT)
    assert cli._input_paths([]) == ["seeds"]


def test_verbose_build_does_not_echo_every_chunk_a_library_writes(tmp_path):
    done = run_cli("-v", "build", str(SEEDS), "-o", str(tmp_path / "out"), "--format", "gpkg")
    assert done.returncode == 0, done.stderr
    assert "Created" not in done.stderr  # pyogrio logs each chunk of features at INFO
    assert "seconds by stage" in done.stdout + done.stderr
