"""Numeric geographic claims in articles, checked against the border data.

Three kinds are recognised:

* ``border_length`` — "a 1,344 km border", "stretches for 1,344 km", "an 843 miles long
  border", "a long border with Afghanistan (1344 km)": compared with the geodesic length
  of the shipped line for the country pair named in the sentence.
* ``distance_to_border`` — "the Harb-Maidon training ground, just 20 kilometers from the
  Tajik-Afghan border": compared with the geodesic distance from the place named before
  the number to the border line.
* ``distance_between`` — "Kulob, 30 km from Dushanbe": the geodesic distance between two
  resolved places.

Each claim gets a verdict with the tolerance used.  Tolerances combine how round the
stated figure is (news numbers are approximate), the positional error of the border
data, and the uncertainty radius of the places involved; when a place's position is
more uncertain than the claim could test, the verdict is "cannot check".
"""

from __future__ import annotations

import re

import numpy as np
from pyproj import Geod

from geomap.border import BorderIndex
from geomap.model import Article, Claim, Toponym
from geomap.text import split_sentences

GEOD = Geod(ellps="WGS84")
UNIT_KM = {"km": 1.0, "kms": 1.0, "kilometer": 1.0, "kilometers": 1.0, "kilometre": 1.0, "kilometres": 1.0,
           "mile": 1.609344, "miles": 1.609344, "mi": 1.609344, "m": 0.001, "meter": 0.001, "meters": 0.001,
           "metre": 0.001, "metres": 0.001}
LENGTH_RELATIVE_TOLERANCE = 0.05  # border lengths: sources disagree by ~1–2 % on the TJ–AF line
DISTANCE_RELATIVE_TOLERANCE = 0.25  # "20 km from the border" is a round figure
DISTANCE_MIN_TOLERANCE_KM = 2.0

# a number starts where no digit precedes it, and its digits are taken whole: a long run of digits
# is then tried once, not from every digit (quadratic)
_NUMBER = r"(?<![\d.,])(?P<value>\d{1,3}(?:,\d{2})*,\d{3}|\d++(?:\.\d++)?)"
_UNIT = r"(?P<unit>kilomet(?:er|re)s?|kms?|miles?|mi|met(?:er|re)s?|m)\b"
_LENGTH_PATTERNS = [
    # "a 1,344 km border", "the 1,350-kilometre-long border": up to two words between the
    # figure and "border", but not a preposition ("20 km from the border" is a distance)
    re.compile(
        rf"{_NUMBER}[\s-]*{_UNIT}[\s-]*(?:long\s+|-long\s+)?"
        rf"(?:(?!(?:from|of|off|away|to|short|outside|inside|into|within|beyond|across|along|near|behind|toward|towards)\b)[\w'’]+\s+){{0,2}}?"
        r"(?:border|frontier|boundary)",
        re.I,
    ),
    re.compile(
        rf"(?:border|frontier|boundary)\b[^.;()]{{0,80}}?\b(?:stretch\w*|run\w*|extend\w*|span\w*|is|measur\w*)\s+"
        rf"(?:for\s+|over\s+|some\s+|about\s+|around\s+|nearly\s+)?{_NUMBER}\s*{_UNIT}",
        re.I,
    ),
    re.compile(rf"(?:border|frontier|boundary)\b[^.;()]{{0,60}}?\(\s*{_NUMBER}\s*{_UNIT}\s*\)", re.I),
]
_DISTANCE_TO_BORDER = re.compile(
    rf"{_NUMBER}[\s-]*{_UNIT}\s+(?:\w+\s+){{0,2}}?(?:from|of|off|away from|short of|to)\s+(?:the\s+)?(?:[\w-]+\s+){{0,3}}?(?:border|frontier)",
    re.I,
)
# every claim pattern contains a number with a length unit: sentences without one are skipped.
# It is ``{_NUMBER}[\s-]*{_UNIT}`` with the number's first digit taken first (then looked
# back at), so that the regex engine skips to digits instead of trying every character
_NUMBER_WITH_UNIT = re.compile(
    r"\d(?<![\d.,]\d)(?:\d{0,2}(?:,\d{2})*,\d{3}|\d*+(?:\.\d++)?)[\s-]*"
    r"(?:kilomet(?:er|re)s?|kms?|miles?|mi|met(?:er|re)s?|m)\b",
    re.I,
)
_DISTANCE_FROM_PLACE = re.compile(
    rf"{_NUMBER}[\s-]*{_UNIT}\s+(?:(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+)?(?:from|of|away from|outside)\s+",
    re.I,
)


def _value(match: re.Match[str]) -> tuple[float, str, float]:
    value = float(match.group("value").replace(",", ""))
    unit = match.group("unit").lower()
    return value, unit, value * UNIT_KM.get(unit, 1.0)


def extract_claims(article: Article, toponyms: list[Toponym], borders: BorderIndex, pairs: tuple[str, ...]) -> list[Claim]:
    """Find and check the numeric geographic claims of one article.

    Parameters
    ----------
    article : Article
        The article; offsets in the claims refer to its text.
    toponyms : list of Toponym
        Its resolved places (adjectival mentions name countries for border pairs).
    borders : BorderIndex
        Boundary data.
    pairs : tuple of str
        Border pairs of interest; the first is the default when a sentence names none.
    """
    claims: list[Claim] = []
    ordered = sorted(toponyms, key=lambda t: t.mention.start)
    article_countries = _countries_in(ordered, borders)
    if not _NUMBER_WITH_UNIT.search(article.text, article.body_start):
        return claims
    for start, end in split_sentences(article.text, article.body_start):
        if not _NUMBER_WITH_UNIT.search(article.text, start, end):
            continue
        sentence = article.text[start:end]
        in_sentence = [t for t in ordered if start <= t.mention.start < end]
        taken: list[tuple[int, int]] = []
        for pattern in _LENGTH_PATTERNS:
            for match in pattern.finditer(sentence):
                if any(a < match.end() and match.start() < b for a, b in taken):
                    continue
                taken.append(match.span())
                claims.append(_border_length(article, sentence, start, match, in_sentence, borders, pairs, article_countries))
        for match in _DISTANCE_TO_BORDER.finditer(sentence):
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue
            taken.append(match.span())
            claims.append(_distance_to_border(article, sentence, start, match, in_sentence, borders, pairs))
        for match in _DISTANCE_FROM_PLACE.finditer(sentence):
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue
            claim = _distance_between(article, sentence, start, match, in_sentence)
            if claim is not None:
                claims.append(claim)
    return claims


def _base(article: Article, sentence: str, offset: int, match: re.Match[str], kind: str) -> dict:
    value, unit, km = _value(match)
    return {
        "kind": kind, "stated_value": value, "stated_unit": unit, "stated_km": round(km, 3),
        "text": match.group(0), "start": offset + match.start(), "end": offset + match.end(),
        "sentence": sentence, "article_id": article.id, "source_file": article.source_file,
    }


def _countries_in(toponyms: list[Toponym], borders: BorderIndex) -> list[str]:
    """ISO3 codes of countries named (or named adjectivally) in the sentence, in order."""
    iso3_by_iso2 = dict(zip(borders.country_iso2, borders.country_iso3, strict=True))
    found: list[str] = []
    for toponym in toponyms:
        if toponym.place.feature_type != "country" and not toponym.adjectival:
            continue
        iso3 = iso3_by_iso2.get(toponym.place.country)
        if iso3 and iso3 not in found:
            found.append(iso3)
    return found


def _pair_for(countries: list[str], borders: BorderIndex, pairs: tuple[str, ...]) -> str | None:
    """The border pair the sentence talks about: two named countries, else a default pair with one."""
    for i, first in enumerate(countries):
        for second in countries[i + 1 :]:
            for candidate in (f"{first}-{second}", f"{second}-{first}"):
                if candidate in borders.lines:
                    return candidate
    for pair in pairs:
        if any(c in borders.line(pair).countries for c in countries):
            return borders.line(pair).pair
    return None


def _border_length(article, sentence, offset, match, toponyms, borders, pairs, article_countries) -> Claim:
    fields = _base(article, sentence, offset, match, "border_length")
    pair = _pair_for(_countries_in(toponyms, borders), borders, pairs)
    basis = ""
    if pair is None and len(article_countries) >= 2:
        # "the border between the two countries": the pair the article names
        pair = _pair_for(article_countries, borders, ())
        basis = " (countries named elsewhere in the article)"
    if pair is None:
        return Claim(**fields, verdict="cannot check", reason="no border pair in the data is named")
    line = borders.line(pair)
    computed = line.length_km
    tolerance = LENGTH_RELATIVE_TOLERANCE * fields["stated_km"]
    difference = computed - fields["stated_km"]
    middle = line.geometry.interpolate(0.5, normalized=True)
    return Claim(
        **fields,
        verdict="consistent" if abs(difference) <= tolerance else "inconsistent",
        reason=f"geodesic length of the {pair} line ({line.source_name}){basis}; tolerance {LENGTH_RELATIVE_TOLERANCE:.0%}",
        computed_km=round(computed, 1), difference_km=round(difference, 1), tolerance_km=round(tolerance, 1),
        subject=pair, reference=pair, lat=round(middle.y, 5), lon=round(middle.x, 5),
    )


def _distance_tolerance(stated_km: float, *uncertainties: float) -> float:
    return max(DISTANCE_RELATIVE_TOLERANCE * stated_km, DISTANCE_MIN_TOLERANCE_KM) + sum(uncertainties)


def _subject_before(toponyms: list[Toponym], position: int) -> Toponym | None:
    """The nearest specific place named before ``position`` (not a country or adjective)."""
    candidates = [t for t in toponyms if t.mention.end <= position and not t.adjectival and t.place.feature_type != "country"]
    return candidates[-1] if candidates else None


def _named_border(named: list[str], borders: BorderIndex, pairs: tuple[str, ...], lat: float, lon: float) -> tuple[str, str]:
    """The border a distance claim names, and how it was chosen.

    Two countries named ("the Tajik-Afghan border"): their line.  One ("the Chinese
    border", "the Uzbek frontier"): a requested border of that country, else the nearest
    to the place of all lines in the data that have that country on one side.  None ("the
    border"): the primary border.
    """
    both = _pair_for(named, borders, ()) if len(named) >= 2 else None
    if both:
        return both, "the border named"
    if named:
        country = named[0]
        for pair in pairs:
            if country in borders.line(pair).countries:
                return borders.line(pair).pair, "the border named"
        candidates = tuple(line.pair for line in borders.lines.values() if country in line.countries)
        if candidates:
            measured = borders.measure_places([lat], [lon], candidates)[0].requested
            nearest = min(measured, key=lambda m: m.distance_km)
            return nearest.border, f"the nearest {country} border to the place"
    return pairs[0], "no border named: the primary border"


def _distance_to_border(article, sentence, offset, match, toponyms, borders, pairs) -> Claim:
    fields = _base(article, sentence, offset, match, "distance_to_border")
    after = [t for t in toponyms if t.mention.start >= offset + match.start()]
    named = _countries_in([t for t in after if t.mention.start < offset + match.end() + 1], borders)
    subject = _subject_before(toponyms, offset + match.start())
    if subject is None:
        pair = _pair_for(named, borders, pairs) or pairs[0]
        return Claim(**fields, verdict="cannot check", reason="no place named before the distance", reference=pair)
    place = subject.place
    pair, chosen = _named_border(named, borders, pairs, place.lat, place.lon)
    # the one owner of border measurement (geomap.border), against the border the claim names
    metrics = borders.measure_places([place.lat], [place.lon], (pair,))[0].requested[0]
    line = borders.line(pair)
    stated = fields["stated_km"]
    position_error = line.positional_error_km
    tolerance = _distance_tolerance(stated, position_error)
    common = {"subject": place.name, "reference": pair, "lat": place.lat, "lon": place.lon,
              "computed_km": metrics.distance_km, "difference_km": round(metrics.distance_km - stated, 1)}
    off_by = abs(metrics.distance_km - stated)
    if place.uncertainty_km > tolerance and off_by <= tolerance + place.uncertainty_km:
        # the place could be anywhere within its radius: the claim can be neither confirmed nor refuted
        return Claim(**fields, **common, tolerance_km=round(tolerance, 1), verdict="cannot check",
                     reason=f"{place.name}'s position is uncertain by ±{place.uncertainty_km:g} km, more than the "
                            f"±{tolerance:.1f} km the claim allows ({pair} border: {chosen})")
    tolerance += place.uncertainty_km
    verdict = "consistent" if off_by <= tolerance else "inconsistent"
    return Claim(**fields, **common, tolerance_km=round(tolerance, 1), verdict=verdict,
                 reason=f"geodesic distance from {place.name} to the {pair} line ({chosen})")


def _distance_between(article, sentence, offset, match, toponyms) -> Claim | None:
    reference = next((t for t in toponyms if t.mention.start >= offset + match.end() and not t.adjectival), None)
    if reference is None or reference.mention.start - (offset + match.end()) > 12:
        return None
    if reference.place.feature_type == "country":
        return None  # "20 km from Afghanistan" is a border distance in disguise; left to the border rule
    fields = _base(article, sentence, offset, match, "distance_between")
    subject = _subject_before(toponyms, offset + match.start())
    if subject is None or subject.place.id == reference.place.id:
        return Claim(**fields, verdict="cannot check", reason="no second place named before the distance",
                     reference=reference.place.name)
    a, b = subject.place, reference.place
    _, _, metres = GEOD.inv(a.lon, a.lat, b.lon, b.lat)
    computed = float(np.asarray(metres)) / 1000.0
    stated = fields["stated_km"]
    base = _distance_tolerance(stated)
    uncertainty = a.uncertainty_km + b.uncertainty_km
    off_by = abs(computed - stated)
    common = {"computed_km": round(computed, 1), "difference_km": round(computed - stated, 1),
              "subject": a.name, "reference": b.name, "lat": a.lat, "lon": a.lon}
    if uncertainty > base and off_by <= base + uncertainty:
        return Claim(**fields, **common, tolerance_km=round(base, 1), verdict="cannot check",
                     reason=f"the places' positions are uncertain by ±{uncertainty:g} km together, more than the "
                            f"±{base:.1f} km the claim allows")
    return Claim(
        **fields, **common,
        verdict="consistent" if off_by <= base + uncertainty else "inconsistent",
        reason=f"geodesic distance between {a.name} and {b.name}",
        tolerance_km=round(base + uncertainty, 1),
    )
