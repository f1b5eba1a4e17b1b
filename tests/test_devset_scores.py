"""Floors on the annotated development split of real regional news (``data/devset/dev.jsonl``).

Each floor sits a little under the score measured when it was set (docs/events.md), so a
change that makes the event layer worse on real news fails here.  The held-out split
(``test.jsonl``) is never scored by the tests: it is looked at once per session.
"""

from __future__ import annotations

import pytest

from geomap.evaluate import evaluate

from conftest import ROOT

# set on the dev split of 317 articles (3,384 records): the batches added last (rf_* to sa_*,
# annotated before any rule saw them) score lower than the older ones, so some floors sit
# under the (README, docs/events.md)
FLOORS = {
    "recall": 0.77,  # the issue asks 0.80
    "precision": 0.91,
    "place_accuracy": 0.78,
    "class_accuracy": 0.78,  # the issue asks 0.85
    "date_accuracy": 0.81,
    "modality_accuracy": 0.89,
    "actor_recall": 0.82,
    "fatalities_accuracy": 0.87,
    "incident_recall": 0.67,  # the issue asks 0.65 on unseen news
}


@pytest.fixture(scope="module")
def dev_scores(resources):
    return evaluate(ROOT / "data" / "devset" / "dev.jsonl", resources)["events"]


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_dev_split_floor(dev_scores, metric):
    assert dev_scores[metric] >= FLOORS[metric], f"{metric} {dev_scores[metric]:.3f} < {FLOORS[metric]}"


def test_dev_split_is_the_annotated_size(dev_scores):
    assert dev_scores["n_gold"] >= 450
