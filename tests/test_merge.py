"""Reports of one incident in several articles are linked, with reasons; others stay apart."""

from datetime import date

from geomap.events.merge import link_reports
from geomap.pipeline import parse_text


def articles(resources, *texts):
    return [parse_text(text, None, resources) for text in texts]


def test_the_same_drill_in_two_articles_is_one_event(resources):
    results = articles(
        resources,
        " date 2023-10-12 Russian troops held military exercises at the Harb-Maidon training ground on Tuesday.",
        " date 2023-10-13 Russian forces staged drills at the Kharb-Maidon range this week, officials said.",
    )
    exercises = [i for r in results for i in r.incidents if i.event_class == "military_exercise"]
    assert len(exercises) == 2
    groups = link_reports(results)
    linked = [g for g in groups if len(g.incidents) == 2]
    assert len(linked) == 1 and {i.article_id for i in linked[0].incidents} == {r.article.id for r in results}
    assert "same place" in linked[0].reasons[0] and "dates overlap" in linked[0].reasons[0]


def test_different_places_dates_or_modality_stay_apart(resources):
    results = articles(
        resources,
        " date 2023-10-12 Russian troops held military exercises near Kulob on Tuesday.",
        " date 2023-10-12 Russian troops held military exercises near Khorugh on Tuesday.",
        " date 2023-03-01 Russian troops held military exercises near Kulob on Tuesday.",
        " date 2023-10-12 Russian troops will hold military exercises near Kulob next month.",
    )
    groups = link_reports(results)
    exercises = [g for g in groups if g.incidents[0].event_class == "military_exercise"]
    assert len(exercises) == 4 and all(len(g.incidents) == 1 for g in exercises)
    assert exercises[0].incidents[0].date.start == date(2023, 10, 10)


def test_acled_rows_merge_linked_reports(seed_build):
    summary, out = seed_build
    assert 0 < summary.event_groups <= summary.events
    header = (out / "events_acled.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.endswith("geomap_group_size")
    import json

    events = json.loads((out / "events.geojson").read_text(encoding="utf-8"))["features"]
    linked = [e for e in events if e["properties"]["group_size"] > 1]
    for feature in linked:
        assert feature["properties"]["group_reason"] and feature["properties"]["group_sources"]


def test_undated_coarse_or_country_level_reports_are_not_linked(resources):
    """An undated report, a year-wide date or a place as wide as a country is no evidence of sameness."""
    results = articles(
        resources,
        "Kyrgyz troops attacked a border post in Kyrgyzstan, officials said.",  # undated
        "Kyrgyz troops attacked a border post in Kyrgyzstan, the ministry said.",  # undated
        " date 2023-10-12 Russian troops held military exercises near Kulob last year.",
        " date 2023-10-12 Russian troops held military exercises near Kulob on 3 March.",
        " date 2023-10-12 Tajik troops attacked positions in Kyrgyzstan on Tuesday.",
        " date 2023-10-13 Tajik troops attacked positions in Kyrgyzstan on Wednesday.",
    )
    groups = link_reports(results)
    assert sum(len(r.incidents) for r in results) >= 6
    assert all(len(g.incidents) == 1 for g in groups), [g.reasons for g in groups if len(g.incidents) > 1]
