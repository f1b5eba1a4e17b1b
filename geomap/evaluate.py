"""Evaluate geomap against hand-annotated gold data (toponyms and events).

Gold files are JSON Lines, one article per line:

* toponyms (``tests/data/gold_toponyms.jsonl``)::

      {"file": "seeds/x.txt", "text": "...", "date": "2021-07-29" | null,
       "toponyms": [{"start": 17, "end": 23, "lat": 60.0, "lon": 100.0,
                     "adjectival": false, "name": "Russia", "radius_km": 4500}, ...]}

* events (``tests/data/gold_events.jsonl``)::

      {"file": "seeds/x.txt", "text": "...", "date": ...,
       "events": [{"sentence_start": 412, "event_class": "deployment",
                   "date_start": "2021-08-02", "date_end": "2021-08-08",
                   "place_name": "Tajikistan", "lat": 38.86, "lon": 71.28, "radius_km": 350,
                   "quantities": [{"category": "personnel", "best": 1000}]}, ...]}

Only ``text`` and ``toponyms[].start/end`` (resp. ``events[].sentence_start``) are required;
``lat``/``lon`` may be null (an unresolvable place: scored for recognition only),
``adjectival`` defaults to false, extra fields are ignored.  When ``text`` is missing, the
``file`` is read (relative to the working directory, else to the gold file's folders).

Toponyms (``adjectival`` false) and adjectival mentions (demonyms such as "Tajik") are
scored separately; a mention predicted with the wrong kind counts as a miss in one set and a
false positive in the other (``kind_confusions`` counts them).  ``all_mentions`` scores both
kinds together, ignoring the kind.

Run as ``python -m geomap.evaluate GOLD.jsonl [GOLD.jsonl ...] [--errors] [--json]``.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from pyproj import Geod

#: Error threshold of the accuracy@k metric (100 miles), km.
ACCURACY_KM = 161.0
#: Largest possible error on Earth (half the equatorial circumference), km; AUC normaliser.
MAX_ERROR_KM = 20039.0

_GEOD = Geod(ellps="WGS84")

Span = tuple[int, int]


# --------------------------------------------------------------------------- metric functions


def geodesic_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """WGS84 geodesic distance between two points, km."""
    _, _, metres = _GEOD.inv(lon1, lat1, lon2, lat2)
    return float(metres) / 1000.0


def prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> dict[str, float | int]:
    """Precision, recall and F1 from matched and total counts.

    Parameters
    ----------
    tp_pred : int
        Predicted items that were matched.
    n_pred : int
        All predicted items.
    tp_gold : int
        Gold items that were matched.
    n_gold : int
        All gold items.

    Returns
    -------
    dict
        ``precision, recall, f1, tp, n_pred, n_gold``; an empty denominator gives 1.0 when both
        sides are empty and 0.0 otherwise.
    """
    precision = tp_pred / n_pred if n_pred else (1.0 if n_gold == 0 else 0.0)
    recall = tp_gold / n_gold if n_gold else (1.0 if n_pred == 0 else 0.0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp_gold, "n_pred": n_pred, "n_gold": n_gold}


def match_exact(gold: Sequence[Span], pred: Sequence[Span]) -> list[tuple[int, int]]:
    """Pairs ``(gold_index, pred_index)`` of spans with identical start and end."""
    where: dict[Span, list[int]] = {}
    for j, span in enumerate(pred):
        where.setdefault(span, []).append(j)
    pairs = []
    for i, span in enumerate(gold):
        if where.get(span):
            pairs.append((i, where[span].pop(0)))
    return pairs


def match_overlap(gold: Sequence[Span], pred: Sequence[Span]) -> list[tuple[int, int]]:
    """One-to-one pairs ``(gold_index, pred_index)`` of overlapping spans.

    Exact matches are paired first, then the remaining overlapping pairs greedily by the
    number of shared characters (largest first, ties by position), so one long predicted span
    covering two gold spans matches only one of them.
    """
    pairs = match_exact(gold, pred)
    used_g = {i for i, _ in pairs}
    used_p = {j for _, j in pairs}
    candidates = []
    for i, (gs, ge) in enumerate(gold):
        if i in used_g:
            continue
        for j, (ps, pe) in enumerate(pred):
            if j in used_p:
                continue
            shared = min(ge, pe) - max(gs, ps)
            if shared > 0:
                candidates.append((-shared, gs, ps, i, j))
    for _, _, _, i, j in sorted(candidates):
        if i not in used_g and j not in used_p:
            pairs.append((i, j))
            used_g.add(i)
            used_p.add(j)
    return sorted(pairs)


def accuracy_at_k(errors_km: Sequence[float], k_km: float = ACCURACY_KM) -> float | None:
    """Share of errors at most ``k_km`` (an error of exactly 161 km counts as accurate).

    Returns None for an empty input.
    """
    if not errors_km:
        return None
    return sum(1 for e in errors_km if e <= k_km) / len(errors_km)


def auc_error(errors_km: Sequence[float]) -> float | None:
    """Normalised area under the log error curve (Gritta et al. 2018); lower is better.

    The errors are sorted ascending, mapped to ``y_i = ln(1 + e_i)`` and integrated with the
    trapezoidal rule at unit spacing, then divided by the largest possible area::

        AUC = sum_{i=1}^{n-1} (y_{i-1} + y_i) / 2  /  ((n - 1) * ln(1 + 20039))

    20039 km is half the Earth's circumference, the largest possible error, so AUC is in
    [0, 1]: 0 when every error is 0 km, 1 when every error is 20039 km.  For a single error the
    area degenerates and ``y_0 / ln(1 + 20039)`` is returned; None for an empty input.
    (Gritta et al.'s reference code divides by ``ln(20039)``; the difference is 2.5e-6 relative.)

    References
    ----------
    M. Gritta, M. T. Pilehvar, N. Limsopatham, N. Collier (2018). "What's missing in
    geographical parsing?" Language Resources and Evaluation 52, 603-623.
    """
    if not errors_km:
        return None
    ys = sorted(math.log1p(max(0.0, float(e))) for e in errors_km)
    norm = math.log1p(MAX_ERROR_KM)
    if len(ys) == 1:
        return ys[0] / norm
    area = sum((ys[i - 1] + ys[i]) / 2.0 for i in range(1, len(ys)))
    return area / ((len(ys) - 1) * norm)


def resolution_metrics(
    errors_km: Sequence[float],
    gold_radii_km: Sequence[float | None] = (),
    pred_uncertainty_km: Sequence[float | None] = (),
) -> dict[str, Any]:
    """Accuracy@161, mean/median error, AUC and radius coverage of resolved mentions.

    Parameters
    ----------
    errors_km : sequence of float
        Distance between predicted and gold coordinates for each matched mention.
    gold_radii_km : sequence of float or None
        Gold ``radius_km`` per mention (None: not given); ``within_gold_radius`` is the share of
        mentions with a radius whose error is at most that radius.
    pred_uncertainty_km : sequence of float or None
        geomap's own ``uncertainty_km`` per mention; ``within_pred_uncertainty`` says how often
        geomap's circle contains the gold point.
    """
    radii = [(e, r) for e, r in zip(errors_km, gold_radii_km, strict=False) if r is not None]
    unc = [(e, u) for e, u in zip(errors_km, pred_uncertainty_km, strict=False) if u is not None]
    return {
        "n": len(errors_km),
        "accuracy_161": accuracy_at_k(errors_km),
        "mean_error_km": statistics.fmean(errors_km) if errors_km else None,
        "median_error_km": statistics.median(errors_km) if errors_km else None,
        "auc": auc_error(errors_km),
        "within_gold_radius": (sum(1 for e, r in radii if e <= r) / len(radii)) if radii else None,
        "within_pred_uncertainty": (sum(1 for e, u in unc if e <= u) / len(unc)) if unc else None,
    }


# --------------------------------------------------------------------------- gold and predictions


@dataclass(slots=True)
class _Gold:
    start: int
    end: int
    lat: float | None
    lon: float | None
    radius_km: float | None
    name: str


@dataclass(slots=True)
class _Pred:
    start: int
    end: int
    text: str
    lat: float
    lon: float
    uncertainty_km: float
    name: str


def read_gold(gold_path: str | Path) -> list[dict[str, Any]]:
    """Read a gold JSONL file; fill ``text`` from ``file`` when missing.

    Raises
    ------
    ValueError
        On a line that is not a JSON object or has no text.
    """
    gold_path = Path(gold_path)
    records = []
    with gold_path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{gold_path}:{lineno}: invalid JSON ({exc.msg})") from None
            if not isinstance(record, dict):
                raise ValueError(f"{gold_path}:{lineno}: expected a JSON object")
            if "text" not in record:
                record["text"] = _read_source(record.get("file"), gold_path, lineno)
            record.setdefault("file", f"{gold_path.name}:{lineno}")
            records.append(record)
    return records


def _read_source(name: str | None, gold_path: Path, lineno: int) -> str:
    if not name:
        raise ValueError(f"{gold_path}:{lineno}: neither 'text' nor 'file' given")
    for base in [Path.cwd(), *gold_path.resolve().parents]:
        candidate = base / name
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
    raise ValueError(f"{gold_path}:{lineno}: file {name!r} not found")


def _parse(record: dict[str, Any], resources: Any) -> Any:
    from geomap.pipeline import parse_text

    when = date.fromisoformat(record["date"]) if record.get("date") else None
    return parse_text(record["text"], when, resources)


def _split_gold(record: dict[str, Any]) -> tuple[list[_Gold], list[_Gold]]:
    toponyms: list[_Gold] = []
    adjectivals: list[_Gold] = []
    for t in record.get("toponyms", []):
        item = _Gold(
            int(t["start"]),
            int(t["end"]),
            t.get("lat"),
            t.get("lon"),
            t.get("radius_km"),
            t.get("name") or record["text"][int(t["start"]) : int(t["end"])],
        )
        (adjectivals if t.get("adjectival") else toponyms).append(item)
    return toponyms, adjectivals


def _split_pred(result: Any) -> tuple[list[_Pred], list[_Pred]]:
    toponyms: list[_Pred] = []
    adjectivals: list[_Pred] = []
    for t in result.toponyms:
        item = _Pred(
            t.mention.start, t.mention.end, t.mention.text, t.place.lat, t.place.lon, t.place.uncertainty_km, t.place.name
        )
        (adjectivals if t.adjectival else toponyms).append(item)
    return toponyms, adjectivals


class _Tally:
    """Accumulates span and resolution counts for one mention kind over all articles."""

    def __init__(self) -> None:
        self.n_gold = self.n_pred = self.exact = self.overlap = 0
        self.errors: list[float] = []
        self.radii: list[float | None] = []
        self.uncertainty: list[float | None] = []
        self.fine_errors: list[float] = []
        self.fine_gold = self.fine_right = 0  # gold places known to within 161 km; those found and resolved within 161 km
        self.unresolvable = 0
        self.by_place: dict[str, dict[str, Any]] = {}

    def add(
        self, file: str, text: str, gold: list[_Gold], pred: list[_Pred], kind: str, issues: list[dict[str, Any]]
    ) -> None:
        gspans = [(g.start, g.end) for g in gold]
        pspans = [(p.start, p.end) for p in pred]
        self.n_gold += len(gold)
        self.n_pred += len(pred)
        self.fine_gold += sum(1 for g in gold if _fine(g))
        self.exact += len(match_exact(gspans, pspans))
        pairs = match_overlap(gspans, pspans)
        self.overlap += len(pairs)
        exact = set(match_exact(gspans, pspans))
        for i, j in pairs:
            g, p = gold[i], pred[j]
            if (i, j) not in exact:
                issues.append(_issue(file, kind, "span", g.start, g.end, text, pred=p))
            if g.lat is None or g.lon is None:
                self.unresolvable += 1
                continue
            error = geodesic_km(g.lat, g.lon, p.lat, p.lon)
            self.errors.append(error)
            self.radii.append(g.radius_km)
            self.uncertainty.append(p.uncertainty_km)
            if _fine(g):
                self.fine_errors.append(error)
                self.fine_right += error <= ACCURACY_KM
            entry = self.by_place.setdefault(g.name, {"n": 0, "errors_km": [], "predicted": {}})
            entry["n"] += 1
            entry["errors_km"].append(error)
            entry["predicted"][p.name] = entry["predicted"].get(p.name, 0) + 1
            if error > (g.radius_km if g.radius_km is not None else ACCURACY_KM):
                issues.append(_issue(file, kind, "resolution", g.start, g.end, text, pred=p, gold=g, error_km=error))
        matched_g = {i for i, _ in pairs}
        matched_p = {j for _, j in pairs}
        for i, g in enumerate(gold):
            if i not in matched_g:
                issues.append(_issue(file, kind, "missed", g.start, g.end, text, gold=g))
        for j, p in enumerate(pred):
            if j not in matched_p:
                issues.append(_issue(file, kind, "false_positive", p.start, p.end, text, pred=p))

    def metrics(self) -> dict[str, Any]:
        return {
            "exact": prf(self.exact, self.n_pred, self.exact, self.n_gold),
            "overlap": prf(self.overlap, self.n_pred, self.overlap, self.n_gold),
            "resolution": resolution_metrics(self.errors, self.radii, self.uncertainty),
            "resolution_fine": resolution_metrics(self.fine_errors),
            "fine_found_and_right": {"n": self.fine_gold, "share": self.fine_right / self.fine_gold if self.fine_gold else None},
            "unresolvable_gold_matched": self.unresolvable,
            "by_place": {
                name: {
                    "n": entry["n"],
                    "mean_error_km": statistics.fmean(entry["errors_km"]),
                    "accuracy_161": accuracy_at_k(entry["errors_km"]),
                    "predicted": entry["predicted"],
                }
                for name, entry in sorted(self.by_place.items())
            },
        }


def _fine(gold: _Gold) -> bool:
    """A gold place known to within 161 km: a town, district or small region, not a country."""
    return gold.lat is not None and gold.lon is not None and gold.radius_km is not None and gold.radius_km <= ACCURACY_KM


def _issue(  # noqa: PLR0913 (the fields of one reported issue)
    file: str,
    kind: str,
    problem: str,
    start: int,
    end: int,
    text: str,
    pred: _Pred | None = None,
    gold: _Gold | None = None,
    error_km: float | None = None,
) -> dict[str, Any]:
    left = max(0, start - 30)
    issue: dict[str, Any] = {
        "file": file,
        "kind": kind,
        "problem": problem,
        "start": start,
        "end": end,
        "text": text[start:end],
        "context": " ".join(text[left : end + 30].split()),
    }
    if pred is not None:
        issue["predicted"] = {"start": pred.start, "end": pred.end, "text": pred.text, "name": pred.name,
                              "lat": pred.lat, "lon": pred.lon}
    if gold is not None:
        issue["gold"] = {"name": gold.name, "lat": gold.lat, "lon": gold.lon, "radius_km": gold.radius_km}
    if error_km is not None:
        issue["error_km"] = round(error_km, 1)
    return issue


# --------------------------------------------------------------------------- events


def _event_metrics(records: list[tuple[dict[str, Any], Any]], issues: list[dict[str, Any]], lexicon: Any) -> dict[str, Any]:
    """Event scores (see :mod:`geomap.evaluate_events`), plus the share of gold quantities found."""
    from geomap.evaluate_events import ActorMatcher, EventScores, PredictedEvent, match_events, quantity_found, score_article

    scores = EventScores()
    actors = ActorMatcher(lexicon)
    qty_n = qty_ok = spurious_qty = 0
    for record, result in records:
        events = sorted(result.events, key=lambda e: e.sentence_start)
        gold = record.get("events", [])
        predicted = [PredictedEvent.from_event(e) for e in events]
        score_article(scores, record["file"], record["text"], gold, predicted, actors, result.article.date)
        for i, j in match_events(gold, predicted):
            gold_q = [(q["category"], int(q["best"])) for q in gold[i].get("quantities", [])]
            pred_q = [(q.category, int(q.best)) for q in events[j].quantities]
            at = int(gold[i]["sentence_start"])
            base = {"file": record["file"], "kind": "event", "sentence_start": at, "context": " ".join(record["text"][at : at + 90].split())}
            if gold_q:
                remaining = list(pred_q)
                missing = []
                for category, value in gold_q:
                    qty_n += 1
                    found = quantity_found(category, value, remaining)
                    if found is None:
                        missing.append((category, value))
                    else:
                        del remaining[found]
                        qty_ok += 1
                if missing:
                    issues.append({**base, "problem": "quantities", "gold": gold_q, "predicted": pred_q})
            elif pred_q and "quantities" in gold[i]:
                spurious_qty += 1
                issues.append({**base, "problem": "spurious_quantities", "predicted": pred_q})
    issues.extend(scores.issues)
    metrics = scores.metrics()
    metrics.update({
        "quantity_accuracy": qty_ok / qty_n if qty_n else None,
        "quantity_n": qty_n,
        "spurious_quantity_events": spurious_qty,
    })
    return metrics


# --------------------------------------------------------------------------- API


def evaluate(gold_path: str | Path, resources: Any = None) -> dict[str, Any]:
    """Run geomap on every gold article and score it.

    Parameters
    ----------
    gold_path : str or Path
        A gold JSONL file (toponym and/or event annotations, see the module docstring).
    resources : geomap.pipeline.Resources, optional
        Loaded resources to reuse; loaded with defaults when None.

    Returns
    -------
    dict
        ``gold_path``, ``articles``; when toponyms are annotated ``toponyms``,
        ``adjectivals`` and ``all_mentions`` (each with ``exact`` and ``overlap``
        precision/recall/F1 and ``resolution`` metrics on overlap-matched mentions with gold
        coordinates: ``accuracy_161``, ``mean_error_km``, ``median_error_km``, ``auc``,
        ``within_gold_radius``, ``within_pred_uncertainty``; ``resolution_fine`` restricts
        to gold places with ``radius_km`` <= 161) and ``kind_confusions``; when events are
        annotated ``events``; always ``issues``, the list of errors found (missed, false
        positive, span, resolution, event class/date/place/quantity).
    """
    if resources is None:
        from geomap.pipeline import load_resources

        resources = load_resources()
    records = read_gold(gold_path)
    parsed = [(record, _parse(record, resources)) for record in records]
    issues: list[dict[str, Any]] = []
    metrics: dict[str, Any] = {"gold_path": str(gold_path), "articles": len(records)}

    with_toponyms = [(r, res) for r, res in parsed if "toponyms" in r]
    if with_toponyms:
        tallies = {"toponyms": _Tally(), "adjectivals": _Tally(), "all_mentions": _Tally()}
        confusions = 0
        for record, result in with_toponyms:
            gold_t, gold_a = _split_gold(record)
            pred_t, pred_a = _split_pred(result)
            text, file = record["text"], record["file"]
            tallies["toponyms"].add(file, text, gold_t, pred_t, "toponym", issues)
            tallies["adjectivals"].add(file, text, gold_a, pred_a, "adjectival", issues)
            tallies["all_mentions"].add(file, text, gold_t + gold_a, pred_t + pred_a, "any", [])
            confusions += len(match_exact([(g.start, g.end) for g in gold_t], [(p.start, p.end) for p in pred_a]))
            confusions += len(match_exact([(g.start, g.end) for g in gold_a], [(p.start, p.end) for p in pred_t]))
        for name, tally in tallies.items():
            metrics[name] = tally.metrics()
        metrics["kind_confusions"] = confusions

    with_events = [(r, res) for r, res in parsed if "events" in r]
    if with_events:
        metrics["events"] = _event_metrics(with_events, issues, resources.lexicon)
    metrics["issues"] = issues
    return metrics


def agreement(gold_path: str | Path, other_path: str | Path, lexicon: Any = None) -> dict[str, Any]:
    """Score a second annotation of the same articles against the gold, as if it were
    geomap's output: the event metrics of :func:`evaluate`, now measuring how far two
    annotators agree (the ceiling any extractor can be expected to reach on that gold).

    Parameters
    ----------
    gold_path, other_path : str or Path
        Gold JSONL files with sentence offsets (as ``scripts/devset.py build`` writes them);
        articles are paired by ``file``.  Articles of ``other_path`` that the gold lacks are
        an error; gold articles the other file lacks are left out, and counted.
    lexicon : geomap.events.lexicon.Lexicon, optional
        The actor vocabulary for actor matching; the default lexicon when None.

    Returns
    -------
    dict
        ``gold_path``, ``other_path``, ``articles``, ``gold_articles_without_other``, ``events``
        (the metrics of :class:`geomap.evaluate_events.EventScores`) and ``issues``.
    """
    from geomap.evaluate_events import ActorMatcher, EventScores, PredictedEvent, score_article

    if lexicon is None:
        from geomap.events.lexicon import load_lexicon

        lexicon = load_lexicon()
    gold = {record["file"]: record for record in read_gold(gold_path)}
    others = read_gold(other_path)
    unknown = [record["file"] for record in others if record["file"] not in gold]
    if unknown:
        raise ValueError(f"{other_path}: articles not in {gold_path}: {', '.join(unknown[:5])}")
    scores, actors = EventScores(), ActorMatcher(lexicon, read_predicted=True)
    for other in others:
        record = gold[other["file"]]
        first_line = record["text"].split("\n", 1)[0].strip()
        published = date.fromisoformat(first_line[5:]) if first_line.startswith("date ") else None
        events = sorted(other.get("events", []), key=lambda e: int(e["sentence_start"]))
        predicted = [PredictedEvent.from_annotation(e) for e in events]
        score_article(scores, record["file"], record["text"], record.get("events", []), predicted, actors, published)
    return {
        "gold_path": str(gold_path), "other_path": str(other_path), "articles": len(others),
        "gold_articles_without_other": len(gold) - len(others), "events": scores.metrics(), "issues": scores.issues,
    }


def _fmt(value: Any, digits: int = 3) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


_EVENT_ROWS = (
    ("event place right (radius + 25 km, or both none)", "place"),
    ("class right", "class"),
    ("date right (start inside the gold interval)", "date"),
    ("modality right", "modality"),
    ("actor recall", "actors"),
    ("fatalities right, where the gold has them", "fatalities"),
)


def _event_report_lines(e: dict[str, Any]) -> list[str]:
    """The event table: every metric with the number of gold items it is measured on."""
    lines = [
        f"  gold {e['n_gold']}, predicted {e['n_pred']}, matched by sentence {e['matched']}",
        f"  {'event recall / precision':<52} {_fmt(e['recall'])} / {_fmt(e['precision'])}",
    ]
    for label, key in _EVENT_ROWS:
        value = e.get("actor_recall" if key == "actors" else f"{key}_accuracy")
        lenient = e.get(f"{key}_lenient_accuracy")
        extra = f"  (lenient {_fmt(lenient)})" if lenient is not None else ""
        lines.append(f"  {label:<52} {_fmt(value)} (n={e.get(f'{key}_n', 0)}){extra}")
    lines.append(
        f"  {'incidents with the right class at the right place':<52} {_fmt(e['incident_recall'])} (n={e['incidents']})"
    )
    if e.get("quantity_n"):
        lines.append(f"  {'quantities found':<52} {_fmt(e['quantity_accuracy'])} (n={e['quantity_n']});"
                     f" events with spurious quantities {e['spurious_quantity_events']}")
    return lines


_TOPONYM_ROWS: list[tuple[str, Callable[[dict[str, Any]], str]]] = [
    ("gold / predicted", lambda m: f"{m['exact']['n_gold']}/{m['exact']['n_pred']}"),
    ("exact P", lambda m: _fmt(m["exact"]["precision"])),
    ("exact R", lambda m: _fmt(m["exact"]["recall"])),
    ("exact F1", lambda m: _fmt(m["exact"]["f1"])),
    ("overlap P", lambda m: _fmt(m["overlap"]["precision"])),
    ("overlap R", lambda m: _fmt(m["overlap"]["recall"])),
    ("overlap F1", lambda m: _fmt(m["overlap"]["f1"])),
    ("resolved (n)", lambda m: _fmt(m["resolution"]["n"])),
    ("accuracy@161 km", lambda m: _fmt(m["resolution"]["accuracy_161"])),
    ("mean error km", lambda m: _fmt(m["resolution"]["mean_error_km"], 1)),
    ("median error km", lambda m: _fmt(m["resolution"]["median_error_km"], 1)),
    ("AUC (lower=better)", lambda m: _fmt(m["resolution"]["auc"])),
    ("within gold radius", lambda m: _fmt(m["resolution"]["within_gold_radius"])),
    ("within own uncertainty", lambda m: _fmt(m["resolution"]["within_pred_uncertainty"])),
    ("fine (r<=161) n", lambda m: _fmt(m["resolution_fine"]["n"])),
    ("fine accuracy@161", lambda m: _fmt(m["resolution_fine"]["accuracy_161"])),
    ("fine mean error km", lambda m: _fmt(m["resolution_fine"]["mean_error_km"], 1)),
    ("fine found and right", lambda m: _fmt(m["fine_found_and_right"]["share"])),
]  # the toponym table of the report: a label and how to read its cell from one kind's metrics


def format_report(metrics: dict[str, Any], show_issues: bool = False) -> str:
    """A plain-text report of :func:`evaluate`'s metrics (optionally with every issue)."""
    lines = [f"geomap evaluation: {metrics.get('gold_path', '')} ({metrics.get('articles', 0)} articles)"]
    kinds: list[str] = [k for k in ("toponyms", "adjectivals", "all_mentions") if k in metrics]
    if kinds:
        lines += _toponym_report_lines(metrics, kinds)
    if "events" in metrics:
        lines += ["", "events", *_event_report_lines(metrics["events"])]
    lines += _issue_report_lines(metrics.get("issues", []), show_issues)
    return "\n".join(lines)


def _toponym_report_lines(metrics: dict[str, Any], kinds: list[str]) -> list[str]:
    """The toponym table (a column per kind of mention) and the gold places resolved far away."""
    lines = ["", f"{'':24}" + "".join(f"{k:>14}" for k in kinds)]
    for label, get in _TOPONYM_ROWS:
        lines.append(f"{label:24}" + "".join(f"{get(metrics[k]):>14}" for k in kinds))
    lines.append(f"kind confusions (toponym <-> adjectival, same span): {metrics.get('kind_confusions', 0)}")
    far = [
        (kind, name, entry)
        for kind in ("toponyms", "adjectivals")
        if kind in metrics
        for name, entry in metrics[kind]["by_place"].items()
        if entry["accuracy_161"] is not None and entry["accuracy_161"] < 1.0
    ]
    if far:
        lines.append("gold places resolved more than 161 km away (mean error, geomap's choice):")
        for kind, name, entry in far:
            chosen = ", ".join(f"{k} x{v}" for k, v in entry["predicted"].items())
            lines.append(
                f"  {kind[:-1]:10} {name:30} n={entry['n']:<3} acc@161={entry['accuracy_161']:.2f}"
                f" mean {entry['mean_error_km']:.0f} km -> {chosen}"
            )
    return lines


def _issue_report_lines(issues: list[dict[str, Any]], show_issues: bool) -> list[str]:
    """The number of issues, and with ``show_issues`` one line each."""
    lines = ["", f"{len(issues)} issues" + ("" if show_issues else " (--errors to list them)")]
    if show_issues:
        for issue in issues:
            detail = {k: v for k, v in issue.items() if k not in ("file", "kind", "problem", "context")}
            lines.append(
                f"  [{issue['kind']}/{issue['problem']}] {Path(issue['file']).name}: «{issue.get('context', '')}» "
                + json.dumps(detail, ensure_ascii=False)
            )
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point (``geomap eval GOLD.jsonl``); prints the report, returns 0.

    Returns 1 when a gold file cannot be read.
    """
    parser = argparse.ArgumentParser(prog="geomap eval", description="Score geomap against gold annotations.")
    parser.add_argument("gold", nargs="+", help="gold JSONL file(s) (toponyms and/or events)")
    parser.add_argument("--errors", action="store_true", help="list every miss, false positive and wrong resolution")
    parser.add_argument("--json", action="store_true", help="print the metrics as JSON instead of a report")
    parser.add_argument(
        "--against", metavar="OTHER.jsonl",
        help="score this second annotation of the same articles instead of geomap (inter-annotator agreement)",
    )
    args = parser.parse_args(list(argv) if argv is not None else None)
    if args.against:
        return _report_each(args.gold, partial(agreement, other_path=args.against), args.json, args.errors, f"agreement of {args.against} with")
    from geomap.pipeline import load_resources

    return _report_each(args.gold, partial(evaluate, resources=load_resources()), args.json, args.errors)


def _report_each(
    paths: Sequence[str], score: Callable[[str], dict[str, Any]], as_json: bool, show_issues: bool, title: str = ""
) -> int:
    """Score every gold file and print one report each (or all as JSON); 1 when a file could
    not be read, after the others are reported."""
    status = 0
    outputs: list[dict[str, Any]] = []
    for path in paths:
        try:
            metrics = score(path)
        except (OSError, ValueError) as exc:
            print(f"geomap eval: {path}: {exc}", file=sys.stderr)
            status = 1
            continue
        outputs.append(metrics)
        if not as_json:
            report = format_report(metrics, show_issues=show_issues)
            print(report.replace("geomap evaluation:", title, 1) if title else report)
            print()
    if as_json:
        print(json.dumps(outputs if len(outputs) != 1 else outputs[0], ensure_ascii=False, indent=2))
    return status


if __name__ == "__main__":
    sys.exit(main())
