"""Names with their generic part, and alternate names that mislead.

A capitalised name is often a fragment of a longer one: "Henderson County Jail",
"Tahrir Square", "Lake Sarez", "Kyzyl-Rabot".  When the longer name is in the gazetteer
the longest match wins already; these rules decide what to do with the fragment when it
is not, so that the fragment never resolves to a far-away namesake ("Kyzyl" → Kyzyl,
Russia; "Aral" of "Aral Sea" → Aral town).

They also reject readings that rest only on an alternate name which is an English word
or phrase ("Iron" as a spelling of Iran; "the White House" as a translation of
Casablanca): the name of a real place in running English text is rarely a plain word
known only as someone else's alternate name.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from geomap.gazetteer.extra import GENERIC_SOURCES
from geomap.gazetteer.index import Gazetteer
from geomap.text import TokenisedText

#: Words after a name that make name + word the name of another feature: the first word
#: alone names that feature's namesake, not the feature ("Tahrir Square", "Aral Sea").
OWN_NAME_WORDS_AFTER = frozenset({
    "square", "street", "avenue", "road", "boulevard", "lane", "plaza", "park", "county", "parish",
    "prospect", "prospekt", "mosque", "hotel", "bazaar", "market",
    "sea", "ocean", "gulf", "bay", "strait", "straits", "lake", "river", "valley", "mountains", "mountain",
    "range", "desert", "island", "islands", "peninsula", "canal", "glacier", "pass", "gorge", "hills",
    "plateau", "basin", "delta", "creek", "falls", "canyon", "reservoir", "channel", "heights", "sound",
})
#: Facilities whose name commemorates something rather than locating them: a square, a
#: street or a bazaar is named after a person, an ideal or *another* town as often as after
#: its own ("Vahdat Square" — Unity Square — in Khorog, 250 km from Vahdat town; "Moscow
#: Street" in Khujand; "Osh Bazaar" in Bishkek; "Rudaki Avenue" in Dushanbe). Capitalised
#: after a name, they make the name no town at all, even a curated one. Facilities that a
#: town has of its own and names after itself — airport, station, stadium, hospital,
#: university, school ("Kulob airport", "Dushanbe Stadium", "Khorog hospital") — are left
#: out on purpose: there the name is the town the facility is in, and it keeps resolving
#: to it. Lower-case ("the Osh bazaar", "Vahdat's central square") is the town's own
#: facility too. Conservative by design: a commemorative word drops the town reading, it
#: never places the facility anywhere else.
COMMEMORATIVE_WORDS_AFTER = frozenset({
    "square", "street", "avenue", "boulevard", "lane", "plaza", "park", "prospect", "prospekt",
    "mosque", "hotel", "bazaar", "market",
})
#: Water bodies: named after a country ("South China Sea") they are not the country.
WATER_WORDS = frozenset({"sea", "ocean", "gulf", "bay", "strait", "straits", "lake", "channel", "sound"})
#: Capitalised words before a name that make a longer name ("Lake Sarez", "Mount Lenin").
OWN_NAME_WORDS_BEFORE = frozenset({"lake", "mount", "mt", "cape", "fort", "port", "saint", "st"})
#: Two route stops joined by a hyphen ("Termez-Mazar") lie within this distance.
ROUTE_MAX_KM = 5000.0
_HYPHENS = frozenset({"-", "–", "‑"})


@dataclass(frozen=True, slots=True)
class PlaceSpan:
    """A place match of the recogniser: its tokens and what its candidates are."""

    first: int
    last: int
    ids: tuple[int, ...]
    authoritative: bool
    exact_primary: bool  # the surface is the primary name of one of its candidates


def generic_word_fragment(text: str, tok: TokenisedText, first: int, last: int, authoritative: bool, is_country: bool) -> bool:
    """Whether the span is the first part of "X Square", "X Sea"… (or the last of "Lake X")
    and so must not be read as the place X.

    A regional or country entry stays ("Kunduz River" is at Kunduz), except a country
    before a water word ("South China Sea" is not China) and a regional entry before a
    commemorative facility word ("Vahdat Square" in Khorog is not Vahdat town; see
    :data:`COMMEMORATIVE_WORDS_AFTER`).
    """
    after = tok.normal[last] if last < len(tok.normal) and tok.starts[last] - tok.ends[last - 1] == 1 else ""
    before = tok.normal[first - 1] if first > 0 and tok.starts[first] - tok.ends[first - 1] == 1 else ""
    after_word = after in OWN_NAME_WORDS_AFTER and text[tok.starts[last]].isupper()
    before_word = before in OWN_NAME_WORDS_BEFORE and text[tok.starts[first - 1]].isupper()
    if not (after_word or before_word):
        return False
    if is_country:
        return after in WATER_WORDS or before == "lake"
    if after_word and after in COMMEMORATIVE_WORDS_AFTER:
        return True
    return not authoritative


def misleading_alternate(text: str, tok: TokenisedText, first: int, last: int, gazetteer: Gazetteer, ids: tuple[int, ...], names: frozenset[str]) -> bool:
    """Whether the span is an English word or phrase that reaches its candidates only
    through transliteration folding or someone else's alternate name: "Iron" (folds to
    Iran), "the White House" (a translation of Casablanca, and a village's name)."""
    places = gazetteer.places
    known = gazetteer.known_words
    if last - first == 1:
        surface = tok.normal[first]
        if surface in names or surface not in known:
            return False  # a place called so, or no English word
        # an analyst's or Natural Earth's own spelling ("Britain") stays
        return not any(places.source(i) not in GENERIC_SOURCES and gazetteer.is_exact(i, surface) for i in ids)
    # "the White House", "the Green Zone": a common phrase after "the" names a building or an area
    definite = first > 0 and tok.normal[first - 1] == "the" and not text[tok.starts[first - 1]].isupper()
    if not definite or not all(t in gazetteer.common_words for t in tok.normal[first:last]):
        return False  # "the Henderson County" is no everyday phrase
    return not any(places.source(i) not in GENERIC_SOURCES for i in ids)


def hyphen_neighbour_is_a_stop(span: PlaceSpan, neighbour: PlaceSpan, gazetteer: Gazetteer) -> bool:
    """Whether a place hyphen-joined to the span is another stop of a route
    ("Termez-Naibabad") rather than the other half of one compound name ("Kyzyl-Rabot").

    Stops are named by their own names and lie within :data:`ROUTE_MAX_KM` of each
    other; an analyst's entry on either side makes it a route too.
    """
    if span.authoritative or neighbour.authoritative:
        return True
    if not (span.exact_primary and neighbour.exact_primary):
        return False
    return _nearest_pair_km(gazetteer, span.ids, neighbour.ids) <= ROUTE_MAX_KM


def _nearest_pair_km(gazetteer: Gazetteer, first: tuple[int, ...], second: tuple[int, ...], limit: int = 64) -> float:
    """Smallest great-circle distance between a candidate of each set (first ``limit`` of each)."""
    places = gazetteer.places
    a, b = np.asarray(first[:limit]), np.asarray(second[:limit])
    lat1, lon1 = np.radians(places.lat[a])[:, None], np.radians(places.lon[a])[:, None]
    lat2, lon2 = np.radians(places.lat[b])[None, :], np.radians(places.lon[b])[None, :]
    h = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return float(2 * 6371.0088 * math.asin(math.sqrt(min(1.0, float(h.min())))))
