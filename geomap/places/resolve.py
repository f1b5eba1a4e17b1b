"""Choose one place for each mention, with the reasons that decided it.

Scoring is additive over explainable features (weights in :data:`WEIGHTS`):

* the source: curated regional entries and countries over generic GeoNames entries;
* population (log-scaled) and feature type;
* the surface text equals one of the place's names before transliteration folding;
* the place's country is mentioned elsewhere in the document (names or demonyms);
* the place lies in the corpus's focus region (the border area);
* the place is near other places of the document that are unambiguous (the nearer, the more);
* an "X, Y" or "X in Y" pattern where Y is the place's country;
* the place lies in a first-level region the document names unambiguously;
* the match was fuzzy (a penalty).

The winner's confidence combines its absolute score with its margin over the runner-up.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass

import numpy as np

from geomap.config import DEFAULT_SETTINGS, Settings
from geomap.gazetteer.extra import AREA_FEATURES, GENERIC_SOURCES, MAJOR_AREAS
from geomap.gazetteer.index import Gazetteer
from geomap.model import Mention, Toponym
from geomap.places.rivers import place_on_stretches
from geomap.text import border_phrase_around, casefold_same_length, names_a_border, normalise_name

WEIGHTS = {
    "curated": 3.0,
    "country": 2.5,
    "population": 0.45,  # per log10 of population
    "exact": 1.0,
    "document_country": 2.0,
    "focus_region": 1.5,
    "focus_region_wide": 0.5,
    "near_other_places": 1.0,
    "container_pattern": 2.0,
    "region_named": 1.5,
    "feature_word": 2.5,
    "fuzzy": -1.0,
    "definite_article": 2.0,
    "definite_settlement": -2.0,
    "major_feature": 1.5,
    "alternate_of_other": -2.0,
}
#: Seas, rivers, regions at least this large (radius, km) are known by name worldwide.
MAJOR_FEATURE_KM = 300.0
#: Outside articles about the focus region its prior counts this much (a prior, not a filter).
FOCUS_OUTSIDE_FACTOR = 0.25
#: A world region's people are spread over it: it is scored like a settlement of this share
#: of its population ("Virginia" the state over Virginia, South Africa) …
REGION_POPULATION_SHARE = 0.1
#: … and of this share when a city of the same name lies in it ("Moscow" the city, not the oblast).
REGION_WITH_CITY_SHARE = 0.01
_REGIONAL_SOURCES = frozenset({"curated", "user"})


def _definite_area(text: str, mention: Mention, feature_word: str, gazetteer: Gazetteer) -> bool:
    """Whether the word before the mention is a lower-case "the", no kind word follows it,
    and a river, lake, sea or region is among its candidates ("the Panj")."""
    start = mention.start
    if feature_word or not text.endswith("the ", 0, start) or (start >= 5 and text[start - 5].isalnum()):
        return False
    feature = gazetteer.places.feature_type
    return any(feature(i) in AREA_FEATURES for i in mention.candidate_ids)


NEAR_OTHER_PLACES_KM = 250.0
EARTH_RADIUS_KM = 6371.0088
MIN_SCORE = 3.2  # below this a GeoNames-only guess is dropped: small, far away, unsupported
# "X, Y", "X in Y", "X region of southeast Y": Y contains X
_DIRECTION = r"(?:(?:the\s+)?(?:(?:north|south)-?(?:east|west)(?:ern)?|north(?:ern)?|south(?:ern)?|east(?:ern)?|west(?:ern)?|central)\s+)?"
_CONTAINER = re.compile(
    r"^\s*(?:(?:,|in|of|,\s*in)\s*|(?:the\s+)?(?:region|province|district|area|part|valley|oblast)\s+(?:of|in)\s+)"
    + _DIRECTION + "$",
    re.IGNORECASE,
)


def haversine_km(
    lat1: np.ndarray | float, lon1: np.ndarray | float, lat2: np.ndarray | float, lon2: np.ndarray | float
) -> np.ndarray:
    """Great-circle distance (km) on the mean Earth sphere, broadcast; used for ranking only."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(lon2) - np.radians(lon1)
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(a, 1.0)))


def resolve(
    text: str,
    mentions: list[Mention],
    gazetteer: Gazetteer,
    settings: Settings = DEFAULT_SETTINGS,
) -> list[Toponym]:
    """Resolve each mention to its best candidate; unresolvable mentions are dropped.

    Parameters
    ----------
    text : str
        The article text the mentions' offsets refer to.
    mentions : list of Mention
        From :func:`geomap.places.recognise.recognise`.
    gazetteer : Gazetteer
        The compiled gazetteer the candidate ids point into.
    settings : Settings
        Focus region and thresholds.
    """
    places = gazetteer.places
    # Countries named in the document, with the mentions that name them: a mention
    # must not count as its own context.
    border_words = _BorderWords(text)
    country_sources, anchors, regions, region_only_by = _article_evidence(text, mentions, gazetteer, border_words)
    nearest_anchor = _nearest_anchor_km(mentions, list(anchors), gazetteer, _own_candidates(mentions, anchors, gazetteer))
    static = gazetteer.memo(("resolve", settings.focus_lat, settings.focus_lon, settings.focus_radius_km))

    # a mention must not count as its own context: the countries only it names are left out for it
    all_countries = frozenset(country_sources)
    only_named_by: dict[int, set[str]] = {}
    for country, sources in country_sources.items():
        if len(sources) == 1:
            only_named_by.setdefault(next(iter(sources)), set()).add(country)
    # a decision is a function of its evidence, and the same evidence recurs within and
    # across articles ("Tajikistan" named ten times, in most articles): scored once
    decided = gazetteer.memo(("resolve: decisions", settings.focus_lat, settings.focus_lon, settings.focus_radius_km, settings.min_confidence))
    if len(decided) > 50_000:  # each holds its reasons: a bounded few tens of MB
        decided.clear()
    surfaces = gazetteer.memo("resolve: lower-cased words of a surface")
    focus_factor = _focus_factor(mentions, all_countries, list(anchors), gazetteer, settings)
    alternates = gazetteer.memo(("resolve: alternate only", settings.focus_lat, settings.focus_lon, settings.focus_radius_km))

    article = _ArticleContext(
        text, mentions, gazetteer, settings, static, only_named_by, all_countries, regions, region_only_by,
        nearest_anchor, {i: km for i, km in nearest_anchor.items() if km <= NEAR_OTHER_PLACES_KM},
        focus_factor, decided, surfaces, alternates, gazetteer.memo("resolve: what a candidate set's scores read"),
        border_words.last_post(), gazetteer.memo("resolve: facts of a name"),
    )
    resolved: list[Toponym] = []
    rivers: list[tuple[int, int]] = []  # (position in resolved, place index) of rivers with a course
    for index, mention in enumerate(mentions):
        decision = _mention_decision(index, mention, article)
        if decision is None:
            continue
        best_index, confidence, reasons, runner_index, runner_score = decision
        toponym = Toponym(
            mention=mention,
            place=places.get(best_index),
            confidence=confidence,
            reasons=list(reasons),
            runner_up=places.get(runner_index) if runner_index is not None else None,
            runner_up_score=runner_score,
        )
        resolved.append(toponym)
        if best_index in gazetteer.lines:
            rivers.append((len(resolved) - 1, best_index))
    return place_on_stretches(resolved, rivers, gazetteer)


@dataclass(frozen=True, slots=True)
class _ArticleContext:
    """What every mention's decision in one article shares (its memos included)."""

    text: str
    mentions: list[Mention]
    gazetteer: Gazetteer
    settings: Settings
    static: dict
    only_named_by: dict[int, set[str]]
    all_countries: frozenset[str]
    regions: dict
    region_only_by: dict
    nearest_anchor: dict[int, float]
    near_anchor: dict[int, float]  # nearest_anchor within NEAR_OTHER_PLACES_KM: only those score
    focus_factor: float
    decided: dict  # evidence → decision, shared by all articles (see _evidence)
    surfaces: dict
    alternates: dict
    reads: dict  # candidate ids → _Reads
    last_post: int  # where "post" (case-folded) last begins in the text, -1 if nowhere
    facts: dict  # (candidate ids, surface) → (normalised surface, _Reads)


def _mention_decision(index: int, mention: Mention, article: _ArticleContext) -> _Decision | None:
    """The decision for one mention (None: not a place here), made once per kind of evidence."""
    text, gazetteer = article.text, article.gazetteer
    # the lower-cased words of the surface and what its candidates' scores read, kept per name
    facts = article.facts.get((mention.candidate_ids, mention.text)) or _name_facts(mention, article)
    if facts[1].countries_only:
        return _country_decision(mention, facts[0], article)
    container, feature_word = _mention_cues(index, mention, article)
    if feature_word in _NAMED_AFTER_WORDS and all(gazetteer.places.feature_type(i) in _SETTLEMENTS for i in mention.candidate_ids):
        return None  # "the Dushanbe post": a frontier post named after the capital, not the capital
    own = article.only_named_by.get(index)
    document_countries = article.all_countries - own if own else article.all_countries
    normalised = facts[0]
    # "the Panj" with a river among the candidates: the article speaks of the river
    definite = text.endswith("the ", 0, mention.start) and facts[1].areas and _definite_area(text, mention, feature_word, gazetteer)
    own_region = article.region_only_by.get(index)
    mention_regions = {k: v for k, v in article.regions.items() if k != own_region} if own_region else article.regions
    evidence = _evidence(mention, facts, container, feature_word, definite, document_countries, mention_regions, article)
    decision = article.decided.get(evidence, _UNDECIDED)
    if decision is not _UNDECIDED:
        return decision
    decision = article.decided[evidence] = _scored_decision(
        mention, normalised, article, document_countries, container, article.nearest_anchor, mention_regions, feature_word, definite
    )
    return decision


def _scored_decision(  # noqa: PLR0913 (each argument is one kind of evidence the scores weigh)
    mention: Mention,
    normalised: str,
    article: _ArticleContext,
    document_countries: frozenset[str],
    container: str,
    nearest_anchor: dict[int, float],
    regions: dict,
    feature_word: str,
    definite: bool,
) -> _Decision | None:
    """Score every candidate of the mention and decide."""
    gazetteer, settings, static, alternates = article.gazetteer, article.settings, article.static, article.alternates
    alternate_only = alternates.get((mention.candidate_ids, normalised))
    if alternate_only is None:
        alternate_only = _alternate_only(mention.candidate_ids, normalised, gazetteer, settings, static, alternates)
    # most names need none of this evidence: scoring skips it then
    focus_factor = article.focus_factor
    context = _NameContext(focus_factor, definite, alternate_only) if definite or alternate_only or focus_factor != 1.0 else None
    scores = [
        _score(i, mention, normalised, gazetteer, settings, static, document_countries, container, nearest_anchor,
               regions, feature_word, context)
        for i in mention.candidate_ids
    ]
    return _decide(scores, mention, gazetteer, settings)


def _country_decision(mention: Mention, normalised: str, article: _ArticleContext) -> _Decision | None:
    """The decision for a mention whose candidates are all countries (two in five mentions
    of the border news measured).

    Of the article's evidence only the focus factor reaches a country's score: the country
    named after it, the places near it and the regions named weigh only for places inside a
    country, and no kind word but a post's makes a country likelier ("the Tajikistan post"
    is no country); a kind word is looked for only where "post" follows in the text.
    """
    if article.last_post >= mention.end:
        cue = _FEATURE_WORD_AFTER.match(article.text, mention.end) or _LIST_FEATURE_WORD_AFTER.match(article.text, mention.end)
        if cue and cue.group(1).lower() in _NAMED_AFTER_WORDS:
            return None  # "the Tajikistan post": a frontier post named after a country
    evidence = (_COUNTRIES_ONLY, mention.candidate_ids, normalised, mention.kind, mention.fuzzy, article.focus_factor)
    decision = article.decided.get(evidence, _UNDECIDED)
    if decision is _UNDECIDED:
        decision = article.decided[evidence] = _scored_decision(mention, normalised, article, frozenset(), "", {}, {}, "", False)
    return decision


_UNDECIDED = object()
_COUNTRIES_ONLY = object()  # marks the shorter evidence of _country_decision


@dataclass(frozen=True, slots=True)
class _Reads:
    """What the scores of a candidate set read of the article, beyond the mention itself."""

    countries: frozenset[str]  # countries of the candidates that are no country (document_country)
    measured: tuple[int, ...]  # candidates that are no country (near_other_places)
    regional: tuple[tuple[str, str], ...]  # (country, admin1) of those neither country nor admin1 (region_named)
    countries_only: bool  # every candidate a country entry, none generic (see _country_decision)
    areas: bool  # a river, lake, region… among the candidates (see _definite_area)


def _reads(ids: tuple[int, ...], gazetteer: Gazetteer, memo: dict) -> _Reads:
    found = memo.get(ids)
    if found is None:
        places = gazetteer.places
        feature, admin1 = places.feature_type, places.text["admin1"]
        if len(memo) > 200_000:
            memo.clear()
        found = memo[ids] = _Reads(
            countries=frozenset(places.country(i) for i in ids if places.country(i) and feature(i) != "country"),
            measured=tuple(i for i in ids if feature(i) != "country"),
            regional=tuple((places.country(i), admin1[i]) for i in ids if feature(i) not in ("country", "admin1")),
            countries_only=all(feature(i) == "country" and places.source(i) not in GENERIC_SOURCES for i in ids),
            areas=any(feature(i) in AREA_FEATURES for i in ids),
        )
    return found


def _name_facts(mention: Mention, article: _ArticleContext) -> tuple[str, _Reads]:
    """The lower-cased words of a mention's text and what its candidates' scores read, kept
    in ``article.facts`` for the next mention of the name (cleared when it grows large)."""
    facts = article.facts
    if len(facts) > 100_000:
        facts.clear()
    found = facts[(mention.candidate_ids, mention.text)] = (
        _normalised_surface(mention.text, article.surfaces),
        _reads(mention.candidate_ids, article.gazetteer, article.reads),
    )
    return found


def _evidence(  # noqa: PLR0913 (each argument is one kind of evidence the decision weighs)
    mention: Mention,
    facts: tuple[str, _Reads],
    container: str,
    feature_word: str,
    definite: bool,
    document_countries: frozenset[str],
    regions: dict,
    article: _ArticleContext,
) -> tuple:
    """Everything the scores and the decision of a mention depend on, as a key: the
    mention and its cues, and of the article only what its candidates read (their
    countries named, their distances to anchors within reach, the regions they lie in)."""
    normalised, reads = facts
    near = article.near_anchor
    return (
        mention.candidate_ids, normalised, mention.kind, mention.fuzzy, container, feature_word, definite,
        article.focus_factor,
        reads.countries & document_countries if reads.countries else None,
        tuple(map(near.get, reads.measured)) if near else None,
        tuple(map(regions.get, reads.regional)) if regions else None,
    )


def _mention_cues(index: int, mention: Mention, article: _ArticleContext) -> tuple[str, str]:
    """The country the text puts the mention in ("Kulob, Tajikistan", "Tajikistan's Kulob"),
    and the kind word after it ("district", "river"), if any."""
    text, mentions, gazetteer = article.text, article.mentions, article.gazetteer
    following = mentions[index + 1] if index + 1 < len(mentions) else None
    container = _container_country(text, mention, following, gazetteer) or _possessor_country(
        text, mentions[index - 1] if index else None, mention, gazetteer
    )
    # both patterns begin with white space or a comma: a name before a full stop or "'s" needs neither
    after = text[mention.end : mention.end + 1]
    if after != "," and not after.isspace():
        return container, ""
    cue = _FEATURE_WORD_AFTER.match(text, mention.end) or _LIST_FEATURE_WORD_AFTER.match(text, mention.end)
    return container, cue.group(1).lower() if cue else ""


def _normalised_surface(surface: str, surfaces: dict) -> str:
    """The lower-cased words of a mention's text, memoised (cleared when it grows large)."""
    normalised = surfaces.get(surface)
    if normalised is None:
        if len(surfaces) > 200_000:
            surfaces.clear()
        normalised = surfaces[surface] = " ".join(_WORD.findall(surface.lower()))
    return normalised


@dataclass(frozen=True, slots=True)
class _NameContext:
    """Evidence about a mention that is the same for all its candidates."""

    focus_factor: float  # how much the focus-region prior counts in this article
    definite: bool  # "the Panj": "the" before the name, no kind word after it, a river/lake/… among the candidates
    alternate_only: frozenset[int]  # generic candidates known so only by an alternate name, while others are called so


def _focus_factor(
    mentions: list[Mention], countries: frozenset[str], anchors: list[int], gazetteer: Gazetteer, settings: Settings
) -> float:
    """1 for an article about the focus region (it names a country there, a place of the
    analysts' regional gazetteer, or an unambiguous place there), :data:`FOCUS_OUTSIDE_FACTOR`
    otherwise: news about Texas is not about Tajikistan."""
    places = gazetteer.places
    memo = gazetteer.memo(("focus countries", settings.focus_lat, settings.focus_lon, settings.focus_radius_km))
    if not memo:
        inside = set()
        for iso2, index in gazetteer.country_by_iso2.items():
            distance = float(haversine_km(settings.focus_lat, settings.focus_lon, places.lat[index], places.lon[index]))
            if distance <= settings.focus_radius_km:
                inside.add(iso2)
        memo["countries"] = frozenset(inside)
    # cheapest evidence first: most regional articles name a country of the region
    if countries & memo["countries"]:
        return 1.0
    if anchors:
        distances = haversine_km(settings.focus_lat, settings.focus_lon, places.lat[anchors], places.lon[anchors])
        if float(np.min(distances)) <= settings.focus_radius_km:
            return 1.0
    source = places.source
    if any(source(i) in _REGIONAL_SOURCES for m in mentions if m.kind == "toponym" for i in m.candidate_ids):
        return 1.0
    return FOCUS_OUTSIDE_FACTOR


def _alternate_only(
    ids: tuple[int, ...], normalised: str, gazetteer: Gazetteer, settings: Settings, static: dict, memo: dict
) -> frozenset[int]:
    """GeoNames and world candidates that bear the surface text only as an alternate name
    while other candidates are called so ("Alexandria" for Mashhad); kept in ``memo``, names recur."""
    answer = memo.get((ids, normalised))
    if answer is None:
        if len(memo) > 200_000:
            memo.clear()
        answer = memo[(ids, normalised)] = _primary_named(ids, normalised, gazetteer, settings, static)
    return answer


def _primary_named(ids: tuple[int, ...], normalised: str, gazetteer: Gazetteer, settings: Settings, static: dict) -> frozenset[int]:
    called_so, generic = [], []
    for i in ids:
        place = static.get(i)
        if place is None:
            place = static[i] = _place_features(i, gazetteer, settings)
        if place.primary_name == normalised:
            called_so.append(i)
        elif place.source in GENERIC_SOURCES:
            generic.append(i)
    return frozenset(generic) if called_so else frozenset()


def _article_evidence(text: str, mentions: list[Mention], gazetteer: Gazetteer, border_words: _BorderWords) -> tuple:
    """What the whole article says: the countries it names (with the mentions naming each),
    its unambiguous places (anchors), the first-level regions it names ("… districts in
    Badakhshan province", "Paris, Texas") and, for a region named by one mention only, that
    mention (a mention is not its own context: "Florida" does not make a village called
    Florida a place in the Florida it names)."""
    places = gazetteer.places
    country_sources: dict[str, set[int]] = {}
    anchor_positions: dict[int, set[int]] = {}
    names_countries = gazetteer.memo("resolve: countries a mention names")
    for position, mention in enumerate(mentions):
        key = (mention.candidate_ids, mention.kind, mention.fuzzy)
        named = names_countries.get(key)
        if named is None:
            if len(names_countries) > 200_000:
                names_countries.clear()
            named = names_countries[key] = _countries_named(mention, gazetteer)
        countries, anchor = named
        if anchor is not None:
            anchor_positions.setdefault(anchor, set()).add(position)
        if countries and border_words.names_a_border(mention.start, mention.end):
            continue  # "near the Afghan border" says where the border runs, not that the places are Afghan
        for country in countries:
            country_sources.setdefault(country, set()).add(position)
    regions: dict[tuple[str, str], str] = {}
    region_only_by: dict[int, tuple[str, str]] = {}
    for anchor, positions in anchor_positions.items():
        if places.feature_type(anchor) == "admin1" and places.text["admin1"][anchor]:
            region = (places.country(anchor), places.text["admin1"][anchor])
            regions[region] = places.text["name"][anchor]
            if len(positions) == 1:
                region_only_by[next(iter(positions))] = region
    return country_sources, anchor_positions, regions, region_only_by


class _BorderWords:
    """One lower-cased copy of the article, instead of one per mention, for what is looked
    up in it: whether "border" or "frontier" occurs within 40 characters of a span (the
    first test of :func:`geomap.text.names_a_border`), and where "post" last occurs."""

    def __init__(self, text: str) -> None:
        self._text = text
        lowered = text.lower()
        # a character that lower-cases to two would shift the offsets: ask names_a_border then
        self._lowered = lowered if len(lowered) == len(text) else None

    def last_post(self) -> int:
        """Where "post" (case-folded) last begins in the text, -1 if nowhere.  Lower case
        folds the letters of "post" as case-folding does, but for the long s ("poſt")."""
        if self._lowered is None or "ſ" in self._text:
            return casefold_same_length(self._text).rfind("post")
        return self._lowered.rfind("post")

    def names_a_border(self, start: int, end: int) -> bool:
        """:func:`geomap.text.names_a_border` of the span, its first test made in the lower-cased copy."""
        lowered = self._lowered
        if lowered is None:
            return names_a_border(self._text, start, end)
        first, stop = max(0, start - 40), end + 40
        if lowered.find("border", first, stop) < 0 and lowered.find("frontier", first, stop) < 0:
            return False
        return border_phrase_around(self._text, start, end)


def _own_candidates(mentions: list[Mention], anchor_positions: dict[int, set[int]], gazetteer: Gazetteer) -> dict[int, tuple[int, ...]]:
    """World-region anchor → the candidates of the one mention that names it: "Florida"
    does not make a village called Florida near the Florida it names."""
    places = gazetteer.places
    return {
        anchor: mentions[next(iter(positions))].candidate_ids
        for anchor, positions in anchor_positions.items()
        if len(positions) == 1 and places.source(anchor) == "world"
    }


def _possessor_country(text: str, previous: Mention | None, mention: Mention, gazetteer: Gazetteer) -> str:
    """Country ISO2 of a possessive right before the mention ("Tajikistan's Badakhshan region"), else ""."""
    if previous is None or previous.kind == "adjectival" or not text.startswith(_APOSTROPHES, previous.end):
        return ""
    if not _POSSESSIVE.match(text[previous.end : mention.start]):
        return ""
    places = gazetteer.places
    countries = {places.country(i) for i in previous.candidate_ids if places.feature_type(i) == "country"}
    return countries.pop() if len(countries) == 1 else ""


_APOSTROPHES = ("'", "’")
_POSSESSIVE = re.compile(
    r"^['’]s?\s+(?:(?:north|south)-?(?:east|west)(?:ern)?\s+|(?:north|south|east|west)(?:ern)?\s+|central\s+|remote\s+|mountainous\s+)?$",
    re.I,
)
# a word naming the kind of place right after its name: "the Panj riverbed", "Ayni airfield"
_FEATURE_WORDS: dict[str, frozenset[str]] = {
    word: frozenset(types.split())
    for words, types in (
        ("river riverbed riverbank banks canal rivers", "river"),
        ("valley gorge valleys", "valley"),
        ("district districts", "admin2"),
        ("province oblast governorate viloyat welayat provinces", "admin1"),
        ("airport airfield airbase", "airfield"),
        ("bridge", "bridge"),
        ("crossing checkpoint crossings checkpoints", "border_crossing bridge"),
        ("post outpost posts outposts", "border_post"),
        # "the Panj border unit", "the Khorog detachment": a unit named after its town or district
        ("unit units detachment detachments", "town city admin2 village"),
        ("lake", "lake"),
        ("dam reservoir", "dam"),
        ("port", "river_port"),
        ("village villages", "village"),
        ("town city towns cities", "town city"),
    )
    for word in words.split()
}
# "Andkhoy, Khancharbag and Gurgan districts": a plural type word after a list of names
_NAME = r"(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}"
_PLURAL_FEATURE_WORDS = [w for w in _FEATURE_WORDS if w.endswith("s") and w not in ("banks", "pass")]
_LIST_FEATURE_WORD_AFTER = re.compile(
    rf"(?:\s*,\s*(?:and\s+|or\s+)?{_NAME}|\s+(?:and|or)\s+{_NAME}){{1,8}}\s+(?:(?:border|frontier)\s+)?"
    r"(" + "|".join(sorted(_PLURAL_FEATURE_WORDS, key=len, reverse=True)) + r")\b"
)
# sites that are often named after a distant place: the name alone does not locate them
_NAMED_AFTER_WORDS = frozenset({"post", "outpost", "posts", "outposts"})
_SETTLEMENTS = frozenset({"city", "town", "village", "admin1", "admin2", "country", "region"})
_FEATURE_WORD_AFTER = re.compile(
    r"\s+(?:(?:border|frontier)\s+)?(" + "|".join(sorted(_FEATURE_WORDS, key=len, reverse=True)) + r")\b", re.I
)


def _countries_named(mention: Mention, gazetteer: Gazetteer) -> tuple[tuple[str, ...], int | None]:
    """Countries a mention names whatever it resolves to (a country, a demonym, an
    unambiguous regional entry), and that entry as an anchor unless it is a country."""
    places = gazetteer.places
    ids = mention.candidate_ids
    named: set[str] = set()
    anchor = None
    if mention.kind == "adjectival":
        named.update(places.country(i) for i in ids)
    else:
        named.update(places.country(i) for i in ids if places.feature_type(i) == "country")
        curated = _own_entries(ids, gazetteer)
        # a regional entry that is the only one of its name, or whose namesakes all lie in
        # its own country ("Khorog": the curated town and its GeoNames duplicate)
        if len(curated) == 1 and not mention.fuzzy and _unrivalled(curated[0], ids, gazetteer):
            named.add(places.country(curated[0]))
            if places.feature_type(curated[0]) != "country":
                anchor = curated[0]
    return tuple(sorted(named - {""})), anchor


#: Namesakes abroad smaller than this do not make a state or continent ambiguous.
SMALL_NAMESAKE = 50_000


def _unrivalled(entry: int, ids: tuple[int, ...], gazetteer: Gazetteer) -> bool:
    """Whether no candidate abroad rivals the entry: all lie in its country, or the entry is
    a world state or continent and those abroad are small GeoNames places ("Texas", not the
    Mexican villages called Texas)."""
    places = gazetteer.places
    country = places.country(entry)
    abroad = [i for i in ids if places.country(i) != country]
    if not abroad:
        return True
    if places.source(entry) != "world" or places.feature_type(entry) not in MAJOR_AREAS:
        return False
    return all(places.source(i) == "geonames" and places.population[i] < SMALL_NAMESAKE for i in abroad)


def _own_entries(ids: tuple[int, ...], gazetteer: Gazetteer) -> list[int]:
    """The analysts' entries among the candidates, else the world regions (GeoNames never)."""
    source = gazetteer.places.source
    return [i for i in ids if source(i) not in GENERIC_SOURCES] or [i for i in ids if source(i) == "world"]


_Decision = tuple[int, float, list[str], int | None, float | None]  # place index, confidence, reasons, runner-up index and score


def _decide(
    scored: list[tuple[float, int, list[str]]], mention: Mention, gazetteer: Gazetteer, settings: Settings
) -> _Decision | None:
    """The winner of the scored candidates: ``(place index, confidence, reasons, runner-up
    index, runner-up score)``, or None when no candidate is good enough."""
    if not scored:
        return None
    scored.sort(key=lambda item: (-item[0], item[1]))
    best_score, best_index, reasons = scored[0]
    runner = scored[1] if len(scored) > 1 else None
    if mention.kind != "adjectival" and gazetteer.places.source(best_index) == "geonames" and best_score < MIN_SCORE:
        return None
    margin = best_score - runner[0] if runner else 3.0
    confidence = min(1.0, best_score / 6.0) * (1.0 / (1.0 + math.exp(-1.5 * margin)))
    if mention.kind == "adjectival":
        confidence = max(confidence, 0.8)
    if confidence < settings.min_confidence:
        return None
    reasons = reasons + ([f"{len(scored)} candidates; margin {margin:.2f}"] if runner else ["only candidate"])
    if runner is None:
        return best_index, round(confidence, 3), reasons, None, None
    return best_index, round(confidence, 3), reasons, runner[1], round(runner[0], 3)


def _container_country(text: str, mention: Mention, following: Mention | None, gazetteer: Gazetteer) -> str:
    """Country ISO2 named right after the mention in "X, Y" / "X in Y" form, else ""."""
    if following is None or following.kind == "adjectival" or following.start - mention.end > _CONTAINER_MAX_GAP:
        return ""
    gap = text[mention.end : following.start]
    if gap.lstrip()[:1] not in _CONTAINER_FIRST or not _CONTAINER.match(gap):
        return ""  # (the first letter rules out most gaps before the costly pattern)
    countries = {gazetteer.places.country(i) for i in following.candidate_ids if gazetteer.places.feature_type(i) in ("country", "admin1")}
    return countries.pop() if len(countries) == 1 else ""


_WORD = re.compile(r"[^\W_]+")
_CONTAINER_FIRST = frozenset(",iotrpdavIOTRPDAV")  # first letters of what _CONTAINER allows
_CONTAINER_MAX_GAP = 80  # "… region of the north-eastern …" fits; longer gaps (runs of white space included) are no "X, Y"


def _nearest_anchor_km(
    mentions: list[Mention], anchors: list[int], gazetteer: Gazetteer, own: dict[int, tuple[int, ...]] | None = None
) -> dict[int, float]:
    """Candidate index → km to the nearest anchor (unambiguous regional place) of the
    document, for every candidate of every mention; empty without anchors.  ``own`` maps
    an anchor to candidates it must not count for (those of the mention naming it)."""
    if not anchors:
        return {}
    # countries never get the nearby-places bonus: no need to measure them
    reads = gazetteer.memo("resolve: what a candidate set's scores read")
    candidate_sets = dict.fromkeys(m.candidate_ids for m in mentions)  # names recur: each set read once
    candidates = list(dict.fromkeys(itertools.chain.from_iterable(_reads(ids, gazetteer, reads).measured for ids in candidate_sets)))
    if not candidates:
        return {}
    lat, lon, cos_lat = _radians(gazetteer)
    ids, anchor_ids = np.array(candidates), np.array(anchors)  # index arrays made once, not per lookup
    # the haversine formula of haversine_km, reduced to the nearest anchor before the
    # (monotonic) arcsin: the same numbers for a fraction of the work
    half_dlat = (lat[anchor_ids][None, :] - lat[ids][:, None]) / 2
    half_dlon = (lon[anchor_ids][None, :] - lon[ids][:, None]) / 2
    a = np.sin(half_dlat) ** 2 + cos_lat[ids][:, None] * cos_lat[anchor_ids][None, :] * np.sin(half_dlon) ** 2
    a[ids[:, None] == anchor_ids[None, :]] = np.inf  # a place is not its own neighbour
    if own:
        row_of = {c: row for row, c in enumerate(candidates)}
        for column, anchor in enumerate(anchors):
            if anchor in own:
                rows = [row_of[i] for i in own[anchor] if i in row_of]
                a[rows, column] = np.inf
    nearest = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(np.minimum.reduce(a, axis=1), 1.0)))  # the ufunc: no Python wrapper
    return dict(zip(candidates, nearest.tolist()))


def _radians(gazetteer: Gazetteer) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Latitudes and longitudes of every place in radians, and the cosines of the latitudes."""
    memo = gazetteer.memo("resolve: radians")
    if not memo:
        lat = np.radians(gazetteer.places.lat)
        memo["arrays"] = (lat, np.radians(gazetteer.places.lon), np.cos(lat))
    return memo["arrays"]


@dataclass(frozen=True, slots=True)
class _PlaceFeatures:
    """What scoring needs of a place that does not depend on the document."""

    prior: float  # source and population
    prior_reasons: tuple[str, ...]
    focus: float
    focus_reasons: tuple[str, ...]
    source: str
    feature: str
    country: str
    geonames_name: str  # normalised primary name, for GeoNames entries
    primary_name: str  # normalised primary name, for every entry


def _region_share(index: int, gazetteer: Gazetteer) -> float:
    """How much of a world region's population counts for its prior (see the constants)."""
    places = gazetteer.places
    country, radius = places.country(index), float(places.uncertainty_km[index])
    for other in gazetteer.place_ids_for(places.text["name"][index]):
        if places.feature_type(other) in ("city", "town") and places.country(other) == country:
            distance = float(haversine_km(places.lat[index], places.lon[index], places.lat[other], places.lon[other]))
            if distance <= radius:
                return REGION_WITH_CITY_SHARE
    return REGION_POPULATION_SHARE


_CITY_SUFFIX = re.compile(r"^(.+?) (?:city|d c)$")


def _without_city(name: str) -> str:
    """A city's own name without the word that only tells it from its state or country:
    "New York City" and "Washington D C" are called "New York" and "Washington"."""
    found = _CITY_SUFFIX.match(name)
    return found.group(1) if found else name


def _place_features(index: int, gazetteer: Gazetteer, settings: Settings) -> _PlaceFeatures:
    places = gazetteer.places
    score = 0.0
    reasons: list[str] = []
    source = places.source(index)
    if source in ("curated", "user", "features"):
        score += WEIGHTS["curated"]
        reasons.append("geomap feature table entry" if source == "features" else f"{source} regional entry")
    elif source == "countries":
        score += WEIGHTS["country"]
        reasons.append("country")
    if source == "features" and places.feature_type(index) in AREA_FEATURES and places.uncertainty_km[index] >= MAJOR_FEATURE_KM:
        score += WEIGHTS["major_feature"]
        reasons.append("a large feature, known by name far away")
    population = int(places.population[index])
    if source == "world" and places.feature_type(index) != "continent":
        population = int(population * _region_share(index, gazetteer))
    if population > 0:
        score += WEIGHTS["population"] * math.log10(population + 1)
        reasons.append(f"population {population:,}")
    distance = float(haversine_km(settings.focus_lat, settings.focus_lon, places.lat[index], places.lon[index]))
    focus_reasons: tuple[str, ...]
    if distance <= settings.focus_radius_km:
        focus, focus_reasons = WEIGHTS["focus_region"], (f"in the focus region ({distance:.0f} km from its centre)",)
    elif distance <= 2 * settings.focus_radius_km:
        focus, focus_reasons = WEIGHTS["focus_region_wide"], ("near the focus region",)
    else:
        focus, focus_reasons = 0.0, ()
    return _PlaceFeatures(
        prior=score,
        prior_reasons=tuple(reasons),
        focus=focus,
        focus_reasons=focus_reasons,
        source=source,
        feature=places.feature_type(index),
        country=places.country(index),
        geonames_name=normalise_name(places.text["name"][index]) if source == "geonames" else "",
        primary_name=_without_city(" ".join(_WORD.findall(places.text["name"][index].lower()))),
    )


def _score(  # noqa: PLR0913 (each argument is one kind of evidence the score weighs)
    index: int,
    mention: Mention,
    normalised: str,
    gazetteer: Gazetteer,
    settings: Settings,
    static: dict[int, _PlaceFeatures],
    document_countries: frozenset[str],
    container: str,
    nearest_anchor: dict[int, float],
    regions: dict[tuple[str, str], str] | None = None,
    feature_word: str = "",
    context: _NameContext | None = None,
) -> tuple[float, int, list[str]]:
    """Score of candidate ``index`` for ``mention``: the place's document-independent
    prior (kept in ``static``) plus the evidence of this document, with the reasons."""
    place = static.get(index)
    if place is None:
        place = static[index] = _place_features(index, gazetteer, settings)
    reasons = list(place.prior_reasons)
    # each step adds to the running score in this order (the sum is order-sensitive in floats)
    score = _exact_evidence(place.prior, index, place, mention, normalised, gazetteer, reasons)
    if place.country and place.country in document_countries and place.feature != "country":
        score += WEIGHTS["document_country"]
        reasons.append(f"country {place.country} mentioned in the article")
    if place.focus:
        score += _focus_evidence(place, context, reasons)
    score = _neighbourhood_evidence(score, index, place, gazetteer, nearest_anchor, regions, container, reasons)
    score = _wording_evidence(score, place, mention, feature_word, reasons)
    if context is not None:
        score += _name_evidence(index, place, context, reasons)
    return score, index, reasons


def _exact_evidence(
    score: float, index: int, place: _PlaceFeatures, mention: Mention, normalised: str, gazetteer: Gazetteer, reasons: list[str]
) -> float:
    """The score after the name itself: exactly the place's name, or only an alternate one."""
    if mention.kind == "adjectival" or not gazetteer.is_exact(index, normalised):
        return score
    if place.source != "geonames" or place.geonames_name == normalised:
        reasons.append("exact name")
        return score + WEIGHTS["exact"]
    reasons.append("exact alternate name")
    return score + WEIGHTS["exact"] / 2


def _neighbourhood_evidence(  # noqa: PLR0913 (the article's three kinds of neighbourhood evidence)
    score: float,
    index: int,
    place: _PlaceFeatures,
    gazetteer: Gazetteer,
    nearest_anchor: dict[int, float],
    regions: dict[tuple[str, str], str] | None,
    container: str,
    reasons: list[str],
) -> float:
    """The score after the article's other places: near one, inside a region it names, or
    followed by its country ("Kulob, Tajikistan")."""
    feature, country = place.feature, place.country
    if nearest_anchor and feature != "country":
        nearest = nearest_anchor[index]
        if nearest <= NEAR_OTHER_PLACES_KM:
            # nearer is better: full weight next to another place, half at the limit
            score += WEIGHTS["near_other_places"] * (1 - 0.5 * nearest / NEAR_OTHER_PLACES_KM)
            reasons.append(f"{nearest:.0f} km from another place in the article")
    if regions and feature not in ("country", "admin1"):
        region = regions.get((country, gazetteer.places.text["admin1"][index]))
        if region:
            score += WEIGHTS["region_named"]
            reasons.append(f"in {region}, named in the article")
    if container and container == country and feature != "country":
        score += WEIGHTS["container_pattern"]
        reasons.append(f"followed by its country ({container})")
    return score


def _wording_evidence(score: float, place: _PlaceFeatures, mention: Mention, feature_word: str, reasons: list[str]) -> float:
    """The score after the words around the name: a kind word after it, a misspelling."""
    if feature_word and place.feature in _FEATURE_WORDS[feature_word]:
        score += WEIGHTS["feature_word"]
        reasons.append(f"a {place.feature.replace('_', ' ')}, as the word after it says ({feature_word!r})")
    if mention.fuzzy:
        score += WEIGHTS["fuzzy"]
        reasons.append("fuzzy match (misspelling)")
    return score


def _focus_evidence(place: _PlaceFeatures, context: _NameContext | None, reasons: list[str]) -> float:
    """The focus-region prior, weakened in an article that is not about the region."""
    factor = context.focus_factor if context is not None else 1.0
    if factor == 1.0:
        reasons.extend(place.focus_reasons)
        return place.focus
    reasons.append(f"{place.focus_reasons[0]} (weak prior: the article is not about the region)")
    return place.focus * factor


def _name_evidence(index: int, place: _PlaceFeatures, context: _NameContext, reasons: list[str]) -> float:
    """Score from how the name is written: "the Panj" is the river, not the town; a
    generic entry known by this name only as an alternate ("Alexandria" for Mashhad)
    yields to the places that are called so."""
    score = 0.0
    if not (context.definite or index in context.alternate_only):
        return score
    if context.definite and place.feature in AREA_FEATURES:
        score += WEIGHTS["definite_article"]
        reasons.append(f"'the' before the name: a {place.feature.replace('_', ' ')}")
    elif context.definite and place.feature in ("city", "town", "village"):
        score += WEIGHTS["definite_settlement"]
        reasons.append("'the' before the name: rarely a town")
    if index in context.alternate_only:
        score += WEIGHTS["alternate_of_other"]
        reasons.append("only an alternate name here, and other places are called so")
    return score
