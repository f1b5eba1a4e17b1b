"""Score geomap's geoparsing on public benchmark corpora (GeoWebNews, LGL).

    python benchmarks/bench_geoparse.py PATH/TO/GWN.xml [--errors N] [--json out.json]
    GEOMAP_GWN=PATH/TO/GWN.xml python benchmarks/bench_geoparse.py

The corpora are **not** part of geomap (GeoWebNews is GPL; LGL is distributed with the same
repository): bring them with a copy of the public repository
``milangritta/Pragmatic-Guide-to-Geoparsing-Evaluation`` (``data/GWN.xml``,
``data/Corpora/lgl.xml``) and pass the path.  Nothing here downloads anything.

Protocol (written down so that numbers can be compared between runs):

* **Gold toponyms** of GeoWebNews are all annotations except the types
  ``Non_Toponym``, ``Literal_Expression`` and ``Non_Lit_Expression`` (as in the corpus
  authors' ``dataset.py``): literal, metonymic, mixed, coercion, embedded, modifier
  (adjectival and noun), demonym, language and homonym spans.  LGL: every ``toponym``.
* **Predictions** are geomap's toponym and adjectival mentions (``geomap parse
  --places-only``; coordinates written in the text are left out).
* **F1** pairs spans exactly (and, reported beside it, by overlap).
* **Geocoding**: gold spans that carry coordinates and are not a demonym, language or
  homonym, paired with an exactly matching predicted span; error is the WGS84 geodesic
  distance.  acc@161 km, mean and median error and the AUC of the log error curve
  (:func:`geomap.evaluate.auc_error`).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

EXCLUDED_TYPES = frozenset({"Non_Toponym", "Literal_Expression", "Non_Lit_Expression"})
NOT_GEOCODED_TYPES = frozenset({"Demonym", "Language", "Homonym"})
ENV_VARIABLE = "GEOMAP_GWN"


@dataclass(slots=True)
class GoldSpan:
    """One gold toponym: offsets into the article text, its type and coordinates."""

    start: int
    end: int
    text: str
    kind: str
    lat: float | None = None
    lon: float | None = None


@dataclass(slots=True)
class GoldArticle:
    """An article of a benchmark corpus and its gold toponyms."""

    ident: str
    text: str
    spans: list[GoldSpan] = field(default_factory=list)


def _float(node: ET.Element | None, tag: str) -> float | None:
    value = node.findtext(tag) if node is not None else None
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def read_corpus(path: Path) -> list[GoldArticle]:
    """Read GeoWebNews (``GWN.xml``) or LGL (``lgl.xml``) into :class:`GoldArticle` records.

    Parameters
    ----------
    path : Path
        The corpus XML file.

    Returns
    -------
    list of GoldArticle
        Articles in file order, each with its gold spans (excluded types left out).
    """
    root = ET.parse(path).getroot()
    articles = []
    for number, node in enumerate(root.iter("article")):
        text = node.findtext("text") or ""
        article = GoldArticle(node.get("file") or node.get("docid") or str(number), text)
        for toponym in node.iter("toponym"):
            kind = toponym.findtext("type") or "Literal"
            if kind in EXCLUDED_TYPES:
                continue
            start, end = int(toponym.findtext("start")), int(toponym.findtext("end"))
            gaztag = toponym.find("gaztag")
            coordinates = gaztag if gaztag is not None else toponym
            lat = _float(coordinates, "lat" if gaztag is not None else "latitude")
            lon = _float(coordinates, "lon" if gaztag is not None else "longitude")
            article.spans.append(GoldSpan(start, end, text[start:end], kind, lat, lon))
        articles.append(article)
    return articles


def predict(articles: list[GoldArticle]) -> tuple[list[list[tuple[int, int, float, float, str]]], float]:
    """geomap's place mentions for every article, and the seconds the parsing took.

    Each prediction is ``(start, end, lat, lon, place name)``.
    """
    from geomap.config import DEFAULT_SETTINGS
    from geomap.model import Article
    from geomap.pipeline import load_resources, parse_places

    resources = load_resources(DEFAULT_SETTINGS)
    predictions = []
    began = time.perf_counter()
    for article in articles:
        result = parse_places(Article(article.ident, "benchmark", article.text), resources)
        predictions.append([
            (t.mention.start, t.mention.end, t.place.lat, t.place.lon, t.place.name)
            for t in result.toponyms
            if t.mention.kind != "coordinates"
        ])
    return predictions, time.perf_counter() - began


def score(articles: list[GoldArticle], predictions: list[list[tuple]], show_errors: int = 0) -> dict:
    """Span F1 (exact and overlap) and geocoding metrics of ``predictions`` against the gold.

    Parameters
    ----------
    articles : list of GoldArticle
        The gold corpus.
    predictions : list of list of tuple
        Per article, ``(start, end, lat, lon, name)`` of every predicted mention.
    show_errors : int
        How many of the worst geocoding errors, misses and false positives to keep.

    Returns
    -------
    dict
        ``f1, precision, recall, overlap_f1, geocoded, accuracy_161, mean_error_km,
        median_error_km, auc`` and, with ``show_errors``, example lists.
    """
    from geomap.evaluate import accuracy_at_k, auc_error, prf

    tally = _Tally()
    for article, predicted in zip(articles, predictions):
        tally.add(article, predicted)
    tp, n_pred, n_gold, overlap_tp, errors = tally.tp, tally.n_pred, tally.n_gold, tally.overlap_tp, tally.errors
    exact = prf(tp, n_pred, tp, n_gold)
    overlap = prf(overlap_tp, n_pred, overlap_tp, n_gold)
    report = {
        "articles": len(articles),
        "gold": n_gold,
        "predicted": n_pred,
        "precision": exact["precision"],
        "recall": exact["recall"],
        "f1": exact["f1"],
        "overlap_f1": overlap["f1"],
        "geocoded": len(errors),
        "accuracy_161": accuracy_at_k(errors),
        "mean_error_km": statistics.fmean(errors) if errors else None,
        "median_error_km": statistics.median(errors) if errors else None,
        "auc": auc_error(errors),
    }
    if show_errors:
        report["worst_errors"] = [
            {"km": round(e, 1), "text": t, "chosen": n, "article": a} for e, t, n, a in sorted(tally.worst, reverse=True)[:show_errors]
        ]
        report["missed"] = tally.missed.most_common(show_errors)
        report["spurious"] = tally.spurious.most_common(show_errors)
    return report


@dataclass
class _Tally:
    """Counts over the articles of a corpus: span matches, geocoding errors, examples."""

    tp: int = 0
    n_gold: int = 0
    n_pred: int = 0
    overlap_tp: int = 0
    errors: list = field(default_factory=list)
    worst: list = field(default_factory=list)
    missed: Counter = field(default_factory=Counter)
    spurious: Counter = field(default_factory=Counter)

    def add(self, article: GoldArticle, predicted: list[tuple]) -> None:
        """Pair one article's predicted spans with its gold spans and add what they show."""
        from geomap.evaluate import geodesic_km, match_exact, match_overlap

        gold_spans = [(g.start, g.end) for g in article.spans]
        pred_spans = [(p[0], p[1]) for p in predicted]
        pairs = match_exact(gold_spans, pred_spans)
        self.tp += len(pairs)
        self.overlap_tp += len(match_overlap(gold_spans, pred_spans))
        self.n_gold += len(gold_spans)
        self.n_pred += len(pred_spans)
        matched_gold, matched_pred = {i for i, _ in pairs}, {j for _, j in pairs}
        self.missed.update(g.text for i, g in enumerate(article.spans) if i not in matched_gold)
        self.spurious.update(article.text[p[0] : p[1]] for j, p in enumerate(predicted) if j not in matched_pred)
        for i, j in pairs:
            gold = article.spans[i]
            if gold.lat is None or gold.lon is None or gold.kind in NOT_GEOCODED_TYPES:
                continue
            error = geodesic_km(gold.lat, gold.lon, predicted[j][2], predicted[j][3])
            self.errors.append(error)
            self.worst.append((error, gold.text, predicted[j][4], article.ident))


def format_report(name: str, report: dict, seconds: float) -> str:
    """A Markdown table row block for one corpus."""

    def fmt(value, digits=3):
        return "–" if value is None else f"{value:.{digits}f}"

    lines = [
        f"### {name}: {report['articles']} articles, {report['gold']} gold toponyms, {report['predicted']} predicted",
        "",
        "| P | R | F1 (exact) | F1 (overlap) | geocoded | acc@161 | mean error km | median km | AUC | s |",
        "|---|---|---|---|---|---|---|---|---|---|",
        f"| {fmt(report['precision'])} | {fmt(report['recall'])} | {fmt(report['f1'])} | {fmt(report['overlap_f1'])} "
        f"| {report['geocoded']} | {fmt(report['accuracy_161'])} | {fmt(report['mean_error_km'], 1)} "
        f"| {fmt(report['median_error_km'], 1)} | {fmt(report['auc'])} | {seconds:.1f} |",
    ]
    for key in ("worst_errors", "missed", "spurious"):
        if key in report:
            lines += ["", f"{key}:", *(f"  {item}" for item in report[key])]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpora", nargs="*", help=f"GWN.xml / lgl.xml paths (default: ${ENV_VARIABLE})")
    parser.add_argument("--errors", type=int, default=0, help="list this many worst errors, misses, false positives")
    parser.add_argument("--json", help="also write the numbers to this file")
    args = parser.parse_args(argv)
    paths = args.corpora or ([os.environ[ENV_VARIABLE]] if os.environ.get(ENV_VARIABLE) else [])
    if not paths:
        parser.error(f"give the corpus path (GeoWebNews: data/GWN.xml of its public repository) or set ${ENV_VARIABLE}")
    results = {}
    for path in map(Path, paths):
        articles = read_corpus(path)
        predictions, seconds = predict(articles)
        report = score(articles, predictions, args.errors)
        report["seconds"] = seconds
        results[path.name] = report
        print(format_report(path.name, report, seconds))
        print()
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
