"""Linking reports scales with the corpus (issue 17, D3): candidates are blocked, copies
are linked to their first copy, and each report carries one reason, not one per pair.
The reports are the incidents of each article.

The groups must be exactly those of comparing every pair, which a reference
implementation here still does.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from geomap.events import merge
from geomap.events.merge import link_reports, report_key
from geomap.model import ArticleResult, Article, EventDate, Incident, Mention, Place, Toponym


def all_pairs_groups(results, max_km=merge.DEFAULT_MAX_KM, slack=merge.DEFAULT_DATE_SLACK_DAYS):
    """The groups of the old algorithm: every pair compared, connected components."""
    events = merge._reports(results)  # what linking reads of each incident record
    parent = list(range(len(events)))

    def root(i):
        while parent[i] != i:
            i = parent[i]
        return i

    for i in range(len(events)):
        for j in range(i + 1, len(events)):
            if merge._link_reason(events[i], events[j], max_km, slack) is not None:
                parent[root(j)] = root(i)
    groups = {}
    for i, event in enumerate(events):
        groups.setdefault(root(i), set()).add((event.source_file, event.id))
    return {frozenset(members) for members in groups.values()}


def new_groups(results):
    return {frozenset(report_key(i) for i in g.incidents) for g in link_reports(results)}


PLACES = [
    Place("p:kulob", "Kulob", 37.91, 69.78, "town", "TJ", 5, "curated"),
    Place("p:kulob-2", "Kulob airfield", 37.99, 69.80, "airfield", "TJ", 2, "curated"),  # 9 km away
    Place("p:panj", "Panj", 37.24, 69.10, "town", "TJ", 5, "curated"),  # ~90 km away
    Place("p:edge", "Edge", 38.36, 69.78, "village", "TJ", 5, "curated"),  # ~50 km north of Kulob
    Place("p:anti-w", "West of 180", 65.0, 179.8, "village", "RU", 5, "geonames"),
    Place("p:anti-e", "East of 180", 65.0, -179.7, "village", "RU", 5, "geonames"),  # ~23 km across the antimeridian
    Place("p:pole", "Near the pole", 89.9, 10.0, "site", "", 5, "curated"),  # no country: never specific
    Place("country:TJK", "Tajikistan", 38.5, 71.0, "country", "TJ", 300, "countries"),
    Place("border:TJK-AFG", "border area", 37.5, 69.5, "region", "", 600, "border"),
]


def random_incident(rng: random.Random, article: int, number: int) -> Incident:
    place = rng.choice(PLACES + [None])
    start = date(2023, 1, 1) + timedelta(days=rng.randrange(0, 150))
    span = rng.choice([0, 0, 0, 2, 6, 30, 45, 364])
    when = None if rng.random() < 0.1 else EventDate(start, start + timedelta(days=span), "day", rng.choice(["text", "article"]))
    toponym = None if place is None else Toponym(Mention(0, 4, place.name, "toponym"), place, 0.9, [])
    return Incident(
        id=f"a{article}#{number}",
        article_id=f"a{article}",
        source_file=f"a{article}.txt",
        event_class=rng.choice(["armed_clash", "military_exercise"]),
        modality=rng.choice(["reported", "reported", "planned"]),
        sentences=(),
        confidence=0.8,
        actors=tuple(rng.choice([[], ["Taliban"], ["Tajik border guards"], ["Taliban", "Tajik border guards"]])),
        date=when,
        place=toponym,
        geo_level="country" if place is not None and place.feature_type == "country" else "settlement",
    )


def random_corpus(seed: int, articles: int = 60, per_article: int = 6) -> list[ArticleResult]:
    rng = random.Random(seed)
    results = []
    for a in range(articles):
        incidents = [random_incident(rng, a, s) for s in range(per_article)]
        results.append(ArticleResult(Article(f"a{a}", f"a{a}.txt", "text"), [], [], incidents=incidents))
    return results


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_blocked_linking_finds_the_same_groups_as_every_pair(seed):
    results = random_corpus(seed)
    expected = all_pairs_groups(results)
    assert any(len(g) > 2 for g in expected), "the sample should contain real groups"
    assert new_groups(results) == expected


def test_copies_of_a_corpus_link_like_every_pair(seed_results):
    copies = copy_corpus(seed_results, 6)
    assert new_groups(copies) == all_pairs_groups(copies)


def copy_corpus(results, copies):
    """``copies`` copies of the parsed seeds, each with its own article ids and files."""
    from dataclasses import replace

    out = []
    for n in range(copies):
        for result in results:
            article_id, source = f"{result.article.id}-copy{n}", f"copy{n}/{result.article.source_file}"
            events = [replace(e, article_id=article_id, source_file=source) for e in result.events]
            incidents = [replace(i, article_id=article_id, source_file=source) for i in result.incidents]
            out.append(ArticleResult(replace(result.article, id=article_id, source_file=source), result.toponyms, events, incidents=incidents))
    return out


@pytest.fixture(scope="module")
def seed_results(resources):
    from conftest import SEEDS

    from geomap.pipeline import run_corpus

    return run_corpus([SEEDS], resources).results


def test_each_report_carries_one_reason(seed_results, resources):
    from geomap.export import GROUP_SOURCES_LISTED, incident_features

    copies = copy_corpus(seed_results, 30)
    groups = link_reports(copies)
    linked = [g for g in groups if len(g.incidents) > 1]
    assert linked and max(len(g.incidents) for g in linked) >= 30
    for group in linked:
        assert len(group.reasons) == len(group.incidents)  # one per report, not one per pair
        assert all(" ~ " in r and "dates overlap" in r for r in group.reasons)
    features = incident_features(copies, resources.lexicon, groups)
    for feature in features:
        properties = feature["properties"]
        assert "group_reasons" not in properties
        assert len(properties["group_sources"]) <= GROUP_SOURCES_LISTED
        if properties["group_size"] > 1:
            assert properties["group_reason"] and properties["group_source_count"] >= 1


def test_comparisons_grow_linearly_with_copies(seed_results, monkeypatch):
    calls = {"n": 0}
    original = merge._link_reason

    def counting(*args):
        calls["n"] += 1
        return original(*args)

    monkeypatch.setattr(merge, "_link_reason", counting)
    counts = {}
    for copies in (10, 40):
        calls["n"] = 0
        link_reports(copy_corpus(seed_results, copies))
        counts[copies] = calls["n"]
    # four times the copies: about four times the comparisons (every pair would be sixteen)
    assert counts[40] <= 4.5 * counts[10], counts
