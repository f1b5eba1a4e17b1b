"""Cross-validate a learned second opinion on event classes (training time only).

Runs geomap over the articles of ``data/devset/dev.jsonl`` (never the held-out part), keeps
every predicted event sentence that matches a gold one (as ``geomap.evaluate`` matches them)
and reads it as features (:func:`sentence_features`: the rules' class, the winning cue's
class, trigger words, family and modality, sentence words and bigrams, the words next to the
trigger, cue flags).  Then a grouped 5-fold cross-validation (groups: the article file, so no
article is in both train and test) compares

(a) the rules alone,
(b) the model alone (multinomial logistic regression),
(c) the rules, overruled by the model when its probability is >= tau and the rules' class
    gets < rho; C, tau and rho are chosen by an inner grouped CV of each training fold,
    never on the test fold.

It also prints an optimistic bound for (c) (thresholds picked on the test folds) and the
ROC AUC of a model that only tells whether the rules' class is wrong.  A learned model is
worth adopting only when (c) beats (a) by at least 1.5 points; on dev it does not (see
``docs/events.md``), so geomap has no learned class model.

Needs scikit-learn (the ``train`` extra); geomap never imports it.

    python scripts/train_event_classes.py [--rows /tmp/rows.json] [--variants]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the geomap of this tree, not another checkout's

DEV = "data/devset/dev.jsonl"
# The cue flags the features raise (see geomap.events.class_model.cue_flags): plain words
# match whole words, anything else (quote marks) anywhere in the sentence.
CUES: dict[str, list[str]] = {
    "attribution": ["said", "says", "say", "told", "reported", "reports", "stated", "announced", "claimed", "claims",
                    "added", "noted", "confirmed", "quoted", "cited"],
    "according_to": ["according to"],
    "quote": ['"', "\u201c", "\u201d", "\u00ab", "\u00bb"],
    "negation": ["not", "no", "never", "denied", "denies", "deny", "didn't", "did not", "nor", "without"],
    "future": ["will", "would", "may", "might", "could", "plan", "plans", "planned", "to be held", "intends", "expected to",
               "going to", "should", "shall"],
}
C_GRID = (0.3, 1.0, 3.0, 10.0)
TAU_GRID = (0.5, 0.6, 0.7, 0.8, 0.9)
RHO_GRID = (0.05, 0.1, 0.2, 0.3, 0.5, 1.01)
MIN_ARTICLES = 3  # a feature counts only when it occurs in this many training articles

_WORD = re.compile(r"[a-z0-9]+(?:['\u2019][a-z]+)?")
_DIGIT = re.compile(r"\d")
_PLAIN_PHRASE = re.compile(r"[a-z0-9' ]+")


# ---------------------------------------------------------------------------------- features


def words(text: str) -> list[tuple[str, int, int]]:
    """Lower-cased words of ``text`` with their offsets; digits read as 0."""
    return [(_DIGIT.sub("0", m.group()).replace("\u2019", "'"), m.start(), m.end()) for m in _WORD.finditer(text.lower())]


def cue_flags(sentence: str, tokens: Sequence[str], cues: Mapping[str, Sequence[str]]) -> list[str]:
    """The cue flags a sentence raises: a cue of plain words matches whole words in order,
    any other (a quote mark) anywhere in the text."""
    joined = f" {' '.join(tokens)} "
    raised = []
    for name, items in cues.items():
        for item in items:
            plain = _PLAIN_PHRASE.fullmatch(item) is not None
            if (plain and f" {item} " in joined) or (not plain and item in sentence):
                raised.append(name)
                break
    return raised


def sentence_features(  # noqa: PLR0913 (the rules' decision and the sentence it is about)
    sentence: str,
    trigger_start: int,
    trigger_text: str,
    rules_class: str,
    cue_class: str,
    family: str,
    modality: str,
    cues: Mapping[str, Sequence[str]],
    window: int = 3,
) -> list[str]:
    """The features the model reads (see the module docstring); ``trigger_start`` is an offset
    into ``sentence``."""
    found = words(sentence)
    tokens = [t for t, _, _ in found]
    trigger_end = trigger_start + len(trigger_text)
    features = [f"cls={rules_class}", f"cue={cue_class}", f"fam={family}", f"mod={modality}",
                "trg=" + " ".join(t for t, _, _ in words(trigger_text))]
    features += [f"w={t}" for t in tokens]
    features += [f"b={a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)]
    before = [t for t, _, end in found if end <= trigger_start][-window:] if window else []
    after = [t for t, start, _ in found if start >= trigger_end][:window] if window else []
    features += [f"l={t}" for t in before] + [f"r={t}" for t in after]
    for flag in cue_flags(sentence, tokens, cues):
        features += [f"flag={flag}", f"cls={rules_class}&flag={flag}"]
    return list(dict.fromkeys(features))


# ---------------------------------------------------------------------------------- the rows


def collect_rows(window: int) -> list[dict[str, Any]]:
    """One row per matched predicted event sentence of dev: its features, the rules' final
    class, whether the model may overrule it, the gold class and alternatives, the article."""
    import geomap.events.extract as extract
    from geomap.evaluate import _parse, read_gold
    from geomap.evaluate_events import PredictedEvent, match_events
    from geomap.pipeline import load_resources

    captured: list[Any] = []
    original = extract.assemble

    def capturing(readings: Any, facts: Any) -> Any:
        captured.append(list(readings))
        return original(readings, facts)

    extract.assemble = capturing  # type: ignore[assignment]
    resources = load_resources()
    rows = []
    for record in read_gold(DEV):
        captured.clear()
        result = _parse(record, resources)
        readings = captured[-1] if captured else []
        if len(readings) != len(result.events):
            print(f"skipped {record['file']}: {len(readings)} readings, {len(result.events)} events", file=sys.stderr)
            continue
        order = sorted(range(len(result.events)), key=lambda i: result.events[i].sentence_start)
        events = [result.events[i] for i in order]
        gold = record.get("events", [])
        for i, j in match_events(gold, [PredictedEvent.from_event(e) for e in events]):
            reading = readings[order[j]]
            rows.append({
                "file": record["file"],
                "features": reading_features(reading, resources.lexicon, window),
                "rules": events[j].event_class,
                "overrulable": overrulable(reading),
                "gold": gold[i]["event_class"],
                "alternatives": list(gold[i].get("class_alternatives") or []),
                "sentence": reading.sentence,
            })
    extract.assemble = original  # type: ignore[assignment]
    return rows


def reading_features(reading: Any, lexicon: Any, window: int) -> list[str]:
    hit = reading.choice.hit
    family = lexicon.classes[reading.event_class].family if reading.event_class in lexicon.classes else reading.family
    return sentence_features(reading.sentence, hit.start, hit.text, reading.event_class, hit.event_class, family,
                             reading.modality, CUES, window)


def overrulable(reading: Any) -> bool:
    """Casualty counts and reports that take their class from the incident keep it."""
    return reading.choice.hit.role != "incident" and not reading.choice.narrated


# ---------------------------------------------------------------------------------- modelling


@dataclass(frozen=True)
class Variant:
    """A feature set tried: prefixes left out, the weight of the rules'-class feature, whether
    every feature is also joined with the rules' class, and how many articles a feature needs."""

    name: str
    exclude: tuple[str, ...] = ()
    rules_weight: float = 1.0
    per_rules_class: bool = False
    min_articles: int = MIN_ARTICLES


VARIANTS = (
    Variant("all features"),
    Variant("no bigrams", exclude=("b=",)),
    Variant("rules' decision, trigger, flags, near words (no sentence words)", exclude=("w=", "b=")),
    Variant("all features, rules' class weighted x10", rules_weight=10.0),
    Variant("all features, each also joined with the rules' class", per_rules_class=True),
    Variant("all features, no minimum article count", min_articles=1),
    Variant("no rules' class (cue class, trigger and words only)", exclude=("cls=",)),
    Variant("sentence words only (nothing from the rules)", exclude=("cls=", "cue=", "trg=", "fam=")),
)


def kept_features(rows: list[dict[str, Any]], min_articles: int) -> set[str]:
    """Features that occur in at least ``min_articles`` articles (no one article's names)."""
    seen: dict[str, set[str]] = {}
    for row in rows:
        for f in row["features"]:
            seen.setdefault(f, set()).add(row["file"])
    return {f for f, files in seen.items() if len(files) >= min_articles}


class Fitted:
    """A logistic regression fitted on ``rows`` with the features of ``variant``."""

    def __init__(self, rows: list[dict[str, Any]], c: float, variant: Variant) -> None:
        self.variant = variant
        self.keep = {f for f in kept_features(rows, variant.min_articles) if not f.startswith(variant.exclude or ("\0",))}
        self.vectorizer = DictVectorizer()
        x = self.vectorizer.fit_transform([self._dict(r) for r in rows])
        self.model = LogisticRegression(C=c, max_iter=3000)
        self.model.fit(x, [r["gold"] for r in rows])
        self.classes = [str(c) for c in self.model.classes_]

    def _dict(self, row: dict[str, Any]) -> dict[str, float]:
        v = self.variant
        kept = [f for f in row["features"] if f in self.keep]
        out = {f: (v.rules_weight if f.startswith("cls=") and "&" not in f else 1.0) for f in kept}
        if v.per_rules_class:
            out.update({f"rules={row['features'][0]}&{f}": 1.0 for f in kept})
        return out

    def proba(self, rows: list[dict[str, Any]]) -> np.ndarray:
        return self.model.predict_proba(self.vectorizer.transform([self._dict(r) for r in rows]))


def decide(rows: list[dict[str, Any]], probs: np.ndarray, classes: list[str], tau: float, rho: float) -> list[str]:
    """Method (c): the rules' class unless the model overrules it (best class >= tau, the rules' < rho)."""
    out = []
    for row, p in zip(rows, probs, strict=True):
        best = int(p.argmax())
        own = p[classes.index(row["rules"])] if row["rules"] in classes else 0.0
        if row["overrulable"] and classes[best] != row["rules"] and p[best] >= tau and own < rho:
            out.append(classes[best])
        else:
            out.append(row["rules"])
    return out


def accuracy(rows: list[dict[str, Any]], predicted: list[str]) -> tuple[float, float]:
    """Strict and lenient (gold alternatives count) class accuracy."""
    strict = sum(p == r["gold"] for p, r in zip(predicted, rows, strict=True))
    lenient = sum(p == r["gold"] or p in r["alternatives"] for p, r in zip(predicted, rows, strict=True))
    return strict / len(rows), lenient / len(rows)


def out_of_fold(rows: list[dict[str, Any]], c: float, folds: int, variant: Variant) -> tuple[np.ndarray, list[str]]:
    """Grouped out-of-fold probabilities over a fixed class list."""
    classes = sorted({r["gold"] for r in rows} | {r["rules"] for r in rows})
    probs = np.zeros((len(rows), len(classes)))
    groups = [r["file"] for r in rows]
    for train, test in GroupKFold(n_splits=folds).split(rows, groups=groups):
        fitted = Fitted([rows[i] for i in train], c, variant)
        p = fitted.proba([rows[i] for i in test])
        for k, name in enumerate(fitted.classes):
            probs[test, classes.index(name)] = p[:, k]
    return probs, classes


def best_thresholds(rows: list[dict[str, Any]], probs: np.ndarray, classes: list[str]) -> tuple[float, float, float]:
    """``(accuracy of (c), tau, rho)`` at the best thresholds; ties go to the most cautious."""
    best = max((accuracy(rows, decide(rows, probs, classes, tau, rho))[0], tau, -rho) for tau in TAU_GRID for rho in RHO_GRID)
    return best[0], best[1], -best[2]


def choose(rows: list[dict[str, Any]], folds: int, variant: Variant) -> tuple[float, float, float, float]:
    """``(C, tau, rho, accuracy)`` with the best (c) accuracy in a grouped CV of ``rows``;
    ties go to the smallest C."""
    found = []
    for c in C_GRID:
        acc, tau, rho = best_thresholds(rows, *out_of_fold(rows, c, folds, variant))
        found.append((acc, -c, tau, rho))
    acc, c, tau, rho = max(found)
    return -c, tau, rho, acc


def cross_validate(rows: list[dict[str, Any]], variant: Variant) -> dict[str, Any]:
    """Grouped 5-fold CV of (a), (b), (c); C, tau, rho chosen by an inner grouped 4-fold CV
    of each training fold."""
    groups = [r["file"] for r in rows]
    rules = [r["rules"] for r in rows]
    alone, combined = list(rules), list(rules)
    chosen = []
    for train, test in GroupKFold(n_splits=5).split(rows, groups=groups):
        train_rows, test_rows = [rows[i] for i in train], [rows[i] for i in test]
        c, tau, rho, inner = choose(train_rows, 4, variant)
        chosen.append({"C": c, "tau": tau, "rho": rho, "inner_accuracy": round(inner, 4)})
        fitted = Fitted(train_rows, c, variant)
        probs = fitted.proba(test_rows)
        for k, label in zip(test, decide(test_rows, probs, fitted.classes, tau, rho), strict=True):
            combined[k] = label
        for k, p in zip(test, probs, strict=True):
            alone[k] = fitted.classes[int(p.argmax())]
    changes: Counter[str] = Counter()
    for row, before, after in zip(rows, rules, combined, strict=True):
        if before != after:
            changes[("right" if before == row["gold"] else "wrong") + "->" + ("right" if after == row["gold"] else "wrong")] += 1
    return {"n": len(rows), "rules": accuracy(rows, rules), "model": accuracy(rows, alone), "combined": accuracy(rows, combined),
            "changes": dict(changes), "folds": chosen}


def optimistic_bound(rows: list[dict[str, Any]], variant: Variant) -> dict[str, Any]:
    """An upper bound for (c), not an estimate: C, tau and rho picked on the out-of-fold
    predictions of all of dev (the test folds themselves); and (b) at each C."""
    bound: tuple[float, float, float, float] | None = None
    alone = {}
    for c in C_GRID:
        probs, classes = out_of_fold(rows, c, 5, variant)
        alone[c] = accuracy(rows, [classes[int(p.argmax())] for p in probs])[0]
        acc, tau, rho = best_thresholds(rows, probs, classes)
        if bound is None or acc > bound[0]:
            bound = (acc, c, tau, rho)
    assert bound is not None
    return {"combined": bound[0], "C": bound[1], "tau": bound[2], "rho": bound[3], "model_by_C": alone}


def error_detector_auc(rows: list[dict[str, Any]], variant: Variant, c: float = 0.3) -> float:
    """Grouped-CV ROC AUC of a binary model that only tells whether the rules' class is wrong
    (over the sentences the model may overrule): how much signal there is to act on at all."""
    from sklearn.metrics import roc_auc_score

    rows = [r for r in rows if r["overrulable"]]
    wrong = np.array([r["rules"] != r["gold"] for r in rows])
    scores = np.zeros(len(rows))
    for train, test in GroupKFold(n_splits=5).split(rows, groups=[r["file"] for r in rows]):
        keep = {f for f in kept_features([rows[i] for i in train], variant.min_articles) if not f.startswith(variant.exclude or ("\0",))}
        vectorizer = DictVectorizer()
        x = vectorizer.fit_transform([{f: 1.0 for f in rows[i]["features"] if f in keep} for i in train])
        model = LogisticRegression(C=c, max_iter=3000).fit(x, wrong[train])
        scores[test] = model.predict_proba(vectorizer.transform([{f: 1.0 for f in rows[i]["features"] if f in keep} for i in test]))[:, 1]
    return float(roc_auc_score(wrong, scores))


def print_report(name: str, cv: dict[str, Any]) -> None:
    print(f"\n== {name}  (n={cv['n']} matched event sentences of dev, grouped 5-fold CV by article)")
    print(f"{'method':<44}{'strict':>8}{'lenient':>9}")
    for label, key in (("(a) rules alone", "rules"), ("(b) model alone", "model"), ("(c) rules, overruled when confident", "combined")):
        strict, lenient = cv[key]
        print(f"{label:<44}{strict:>8.3f}{lenient:>9.3f}")
    print("(c) changes:", cv["changes"] or "none")
    print("C, tau, rho chosen per fold:", "; ".join(f"{f['C']}, {f['tau']}, {f['rho']}" for f in cv["folds"]))


def print_bound(name: str, rules: float, bound: dict[str, Any]) -> None:
    alone = ", ".join(f"C={c}: {a:.3f}" for c, a in bound["model_by_C"].items())
    print(f"{name:<66} (a) {rules:.3f}  (b) {alone}  (c) at most {bound['combined']:.3f} "
          f"(C={bound['C']}, tau={bound['tau']}, rho={bound['rho']})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--rows", type=Path, help="cache of the rows (built by running geomap over dev when missing)")
    parser.add_argument("--window", type=int, default=3, help="words each side of the trigger marked as near it")
    parser.add_argument("--variants", action="store_true", help="cross-validate every feature set of VARIANTS, not only the first")
    args = parser.parse_args(argv)
    if args.rows and args.rows.exists():
        rows = json.loads(args.rows.read_text(encoding="utf-8"))
    else:
        rows = collect_rows(args.window)
        if args.rows:
            args.rows.write_text(json.dumps(rows), encoding="utf-8")
    print(f"error detector (is the rules' class wrong?), grouped-CV ROC AUC: {error_detector_auc(rows, VARIANTS[0]):.3f}")
    cv = cross_validate(rows, VARIANTS[0])
    print_report(VARIANTS[0].name, cv)
    sys.stdout.flush()
    best = cv["combined"][0] - cv["rules"][0]
    if args.variants:
        # an upper bound is enough to rule a feature set out: if (c) gains nothing with thresholds
        # picked on the test folds, it gains nothing with thresholds picked honestly
        print("\nfeature sets, grouped 5-fold CV, strict accuracy; (c) with C, tau, rho picked on the test folds (an upper bound):")
        for variant in VARIANTS:
            bound = optimistic_bound(rows, variant)
            print_bound(variant.name, cv["rules"][0], bound)
            sys.stdout.flush()
            best = max(best, bound["combined"] - cv["rules"][0])
    print(f"\nbest gain of (c) over (a): {100 * best:+.1f} points; " + ("worth adopting (>= 1.5)" if best >= 0.015 else "below the 1.5 points needed to adopt"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
