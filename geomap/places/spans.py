"""The extent of a place mention: a name with the kind word that follows it.

"Shahrtuz district", "the Amu Darya river", "Bagram base", "Momirak training grounds":
the kind word belongs to the name a reader would mark on a map (as in "Panjshir valley",
"X County" or "Lake Sarez", which the gazetteer knows whole).  When the gazetteer knows
only the bare name, the mention is widened to take the kind word in; the place it was
resolved to stays, so this changes what is quoted, never where.  Settlement words ("city",
"town", "village") stay outside: "Kunduz city" is the city Kunduz.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from geomap.model import Toponym

#: Kinds of area, feature and military site that follow a place's name in news English.
KIND_WORDS_AFTER = (
    "district", "districts", "province", "region", "oblast", "viloyat", "river", "valley", "gorge", "pass", "canal",
    "air base", "airbase", "military base", "base", "airfield", "training grounds", "training ground",
    "training centre", "training center", "practice range", "firing range",
)
_KIND_AFTER = re.compile(r" (?:" + "|".join(re.escape(w) for w in KIND_WORDS_AFTER) + r")\b", re.IGNORECASE)
#: A country, a continent or a people is not named with these ("Afghanistan region" is a
#: description of an area around it, not its name).
_NO_KIND_WORD = frozenset({"country", "continent"})


def with_kind_words(text: str, toponyms: Iterable[Toponym]) -> list[Toponym]:
    """``toponyms`` with each place name widened over the kind word right after it."""
    return [_widened(text, toponym) for toponym in toponyms]


def _widened(text: str, toponym: Toponym) -> Toponym:
    mention = toponym.mention
    settlement, border = _surface_words(mention.text)
    if settlement >= 0:  # "Kunduz city": the gazetteer knows the phrase, the name is "Kunduz"
        end = mention.start + settlement
        return replace(toponym, mention=replace(mention, end=end, text=text[mention.start : end]))
    if toponym.adjectival or toponym.place.feature_type in _NO_KIND_WORD or border:
        return toponym
    kind = _KIND_AFTER.match(text, mention.end)
    if kind is None:
        return toponym
    return replace(toponym, mention=replace(mention, end=kind.end(), text=text[mention.start : kind.end()]))


# lower case only: "Kuwait City" and "Cape Town" are names
_SETTLEMENT_WORD = re.compile(r" (?:city|town|village)$")
# "the Tajik-Afghan border region" is the area around the border, not a longer name
_BORDER_WORD = re.compile(r"(?:border|frontier|boundary)$", re.IGNORECASE)


_SURFACE_WORDS: dict[str, tuple[int, bool]] = {}


def _surface_words(surface: str) -> tuple[int, bool]:
    """Where a settlement word ends the surface (-1: none) and whether a border word does;
    memoised, as the same names recur in every article."""
    found = _SURFACE_WORDS.get(surface)
    if found is None:
        if len(_SURFACE_WORDS) > 100_000:
            _SURFACE_WORDS.clear()
        settlement = _SETTLEMENT_WORD.search(surface)
        found = _SURFACE_WORDS[surface] = (settlement.start() if settlement else -1, bool(_BORDER_WORD.search(surface)))
    return found
