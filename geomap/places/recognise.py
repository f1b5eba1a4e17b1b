"""Find spans of text that name places (toponyms), demonyms and organisation names.

Every token n-gram that starts with a capital letter is looked up in the gazetteer's
folded-name index; organisation names ("US Central Command", "India Narrative") claim
their tokens first so the place words inside them are not reported; the longest
remaining match wins.  Context rules drop likely false positives (common English
words, surnames after first names or titles, acronyms) and a guarded fuzzy pass finds
misspellings of important names ("Tajakistan").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from geomap.config import DEFAULT_SETTINGS
from geomap.gazetteer.extra import GENERIC_SOURCES, MAJOR_AREAS
from geomap.gazetteer.index import KIND_DEMONYM, KIND_ORGANISATION, KIND_PLACE, Gazetteer
from geomap.model import Mention
from geomap.places.compounds import (
    OWN_NAME_WORDS_AFTER,
    OWN_NAME_WORDS_BEFORE,
    PlaceSpan,
    generic_word_fragment,
    hyphen_neighbour_is_a_stop,
    misleading_alternate,
)
from geomap.text import TokenisedText, fold_token, normalise_name, tokenise

LOCATIVE_WORDS = {
    "in", "at", "near", "from", "to", "into", "outside", "around", "towards", "toward", "across",
    "via", "through", "inside", "between", "of",
}
PERSON_TITLES = {
    "president", "minister", "general", "gen", "mr", "mrs", "ms", "dr", "colonel", "col", "major",
    "maj", "captain", "capt", "lieutenant", "commander", "spokesman", "spokesperson", "secretary",
    "ambassador", "envoy", "premier", "chancellor", "king", "prince", "sheikh", "mullah", "emir",
    "governor", "mayor", "senator", "sen", "rep", "deputy", "chief", "director", "officer",
    "sergeant", "admiral", "marshal", "counterpart",
}
PLACE_GENERIC_WORDS = {
    "province", "provinces", "district", "districts", "region", "oblast", "city", "town", "village",
    "river", "valley", "airport", "airbase", "base", "border", "bridge", "port", "pass", "gorge",
    "mountains", "lake", "corridor", "crossing", "checkpoint", "area", "state", "county", "governorate",
}
_BREAK_CHARS = re.compile(r"[.!?:;\n\"“”•|]")
# endings of Russian/Tajik/Uzbek/Caucasian surnames: "Imomnazar Imomnazarov" is a person
_SURNAME_ENDING = re.compile(r"(?:ov|ova|ev|eva|yev|yeva|iev|ieva|in|ina|zoda|zade|zada|enko|ovich|evich|yan|dze|shvili|sky|ski|skiy)$")
_HYPHENS = frozenset({"-", "–", "‑"})
_NAME_CONNECTORS = frozenset({"e", "i", "ye", "yi", "ul", "al", "el", "ol", "o", "u", "a", "da", "de", "di"})  # Mazar-i-, Shahr-e-, Dasht-i-


FREE, COVERED, WEAK = 0, 1, 2  # token states: WEAK = only a minor GeoNames place so far


@dataclass(slots=True)
class Recognised:
    """Mentions found in a text, and the organisation names whose place words were ignored."""

    mentions: list[Mention]
    organisations: list[Mention]


def _is_capitalised(text: str, start: int) -> bool:
    char = text[start]
    return char.isupper() or char.isdigit()


def _sentence_initial(text: str, tok: TokenisedText, index: int) -> bool:
    """Whether token ``index`` starts a sentence, a line or a quotation."""
    if index == 0:
        return True
    return bool(_BREAK_CHARS.search(text, tok.ends[index - 1], tok.starts[index]))


def recognise(
    text: str,
    gazetteer: Gazetteer,
    start: int = 0,
    tokens: TokenisedText | None = None,
    min_length: int = DEFAULT_SETTINGS.fuzzy_min_length,
) -> Recognised:
    """Find place, demonym and organisation mentions in ``text[start:]``.

    Parameters
    ----------
    text : str
        The whole article text; offsets in the returned mentions refer to it.
    gazetteer : Gazetteer
        The compiled gazetteer.
    start : int
        Offset where scanning begins (after a header line).
    tokens : TokenisedText, optional
        Pre-computed ``tokenise(text, start)``.
    min_length : int
        Shortest folded name a fuzzy (misspelling) match may correct.
    """
    tok = tokens or tokenise(text, start)
    matches = _gazetteer_matches(text, tok, gazetteer)
    covered = [FREE] * len(tok.normal)
    organisations = _organisation_mentions(text, tok, matches, covered)
    mentions = _place_mentions(text, tok, matches, gazetteer, covered)

    fuzzy = _fuzzy_mentions(text, tok, gazetteer, covered, min_length)
    if fuzzy:
        mentions = [m for m in mentions if not any(f.start <= m.start < f.end for f in fuzzy)] + fuzzy
    mentions.sort(key=lambda m: m.start)
    organisations.sort(key=lambda m: m.start)
    return Recognised(mentions, organisations)


_Match = tuple[int, int, int, tuple[int, ...], "_Candidates"]  # (first, last+1, kind, ids, what they are)


def _gazetteer_matches(text: str, tok: TokenisedText, gazetteer: Gazetteer) -> list[_Match]:
    """Every token span that is a gazetteer key, from each capitalised token (every token of
    an all-capitals text), extended while a longer key starts so."""
    count = len(tok.normal)
    matches: list[_Match] = []
    max_len = gazetteer.max_key_tokens
    spans = gazetteer.memo("recognise spans")  # normalised span → (lookup answer, a longer key starts so, _Candidates)
    known_span = spans.get
    starts, ends, normal_tokens = tok.starts, tok.ends, tok.normal
    for i in range(count) if text.isupper() else tok.capitalised:
        normal = normal_tokens[i]
        j = i
        while True:
            answer = known_span(normal) or _span_answer(gazetteer, spans, normal)
            found = answer[0]
            if found is not None:
                matches.append((i, j + 1, found[0], found[1], answer[2]))
            j += 1
            # names do not span ", " gaps; extend only while some longer key starts this way
            if not answer[1] or j >= count or j - i >= max_len or starts[j] - ends[j - 1] > 2:
                break
            normal = f"{normal} {normal_tokens[j]}"
    return matches


def _organisation_mentions(text: str, tok: TokenisedText, matches: list[_Match], covered: list[int]) -> list[Mention]:
    """Organisation names, longest first where they overlap; their tokens are ``covered``."""
    organisations: list[Mention] = []
    found = [m for m in matches if m[2] == KIND_ORGANISATION]  # most articles name none
    for first, last, _, _, _ in sorted(found, key=lambda m: (m[0], -(m[1] - m[0]))):
        if not any(covered[first:last]):
            organisations.append(_mention(text, tok, first, last, "toponym", ()))
            for t in range(first, last):
                covered[t] = COVERED
    return organisations


def _place_mentions(text: str, tok: TokenisedText, matches: list[_Match], gazetteer: Gazetteer, covered: list[int]) -> list[Mention]:
    """Place and demonym mentions, longest first, outside organisation names and each other,
    each passing the plausibility rules; their tokens are ``covered`` (weakly for a place
    whose candidates are all weak)."""
    place_starts = {m[0] for m in matches if m[2] != KIND_ORGANISATION}
    in_places = _PlaceSpans(tok, matches)
    mentions: list[Mention] = []
    as_words: list[_Match] = []  # places read as ordinary words for want of a locative
    for match in sorted(matches, key=lambda m: (-(m[1] - m[0]), m[0])):
        first, last, kind, ids, candidates = match
        if kind == KIND_ORGANISATION or any(covered[first:last]):
            continue
        if kind == KIND_PLACE:
            rule = _deciding_rule(_Span(text, tok, first, last, ids, candidates, gazetteer, place_starts, covered, in_places))
            if rule is not None and not rule[1]:
                if rule[0] in _WORD_RULES:
                    as_words.append(match)
                continue
        if kind == KIND_DEMONYM and first > 0 and tok.normal[first - 1] == "ethnic":
            continue  # "ethnic Tajiks" are a people, not the country
        _take(mentions, covered, text, tok, match)
    _take_named_places_again(mentions, covered, text, tok, as_words)
    return mentions


def _take(mentions: list[Mention], covered: list[int], text: str, tok: TokenisedText, match: _Match) -> None:
    first, last, kind, ids, candidates = match
    mentions.append(_mention(text, tok, first, last, "adjectival" if kind == KIND_DEMONYM else "toponym", ids))
    weak = kind == KIND_PLACE and not candidates.strong
    covered[first:last] = [WEAK if weak else COVERED] * (last - first)


def _take_named_places_again(mentions: list[Mention], covered: list[int], text: str, tok: TokenisedText, as_words: list[_Match]) -> None:
    """One sense per article: a name taken for a place where the text said so ("near the city
    of Mary") is that place again where it stands bare ("Mary is about 400 km north of …"),
    if only its being an ordinary word spoke against it."""
    if not as_words:
        return
    places = {(m.text, m.candidate_ids) for m in mentions if m.kind == "toponym"}
    for match in sorted(as_words, key=lambda m: m[0]):
        first, last, _, ids, _ = match
        if not any(covered[first:last]) and (text[tok.starts[first] : tok.ends[last - 1]], ids) in places:
            _take(mentions, covered, text, tok, match)


def _span_answer(gazetteer: Gazetteer, spans: dict, normal: str) -> tuple:
    """Look a normalised span up (its folded form follows from it) and keep the answer."""
    if len(spans) > 500_000:
        spans.clear()
    folded = " ".join(map(fold_token, normal.split(" ")))
    found = gazetteer.lookup(folded, normal)
    candidates = _describe(gazetteer, found[1]) if found is not None else None
    answer = spans[normal] = (found, gazetteer.continues(folded, normal), candidates)
    return answer


@dataclass(frozen=True, slots=True)
class _Candidates:
    """What the context rules ask of a span's candidate set."""

    authoritative: bool  # a curated, user or country entry among them
    strong: bool  # that, or a city of 100,000 or more
    is_country: bool
    names: frozenset[str]  # the candidates' normalised primary names
    million_names: frozenset[str]  # those of cities of a million or more
    rules: tuple[tuple[Callable[[_Span], bool], bool], ...] = ()  # the _PLACE_RULES that can apply to such a set


def _describe(gazetteer: Gazetteer, ids: tuple[int, ...]) -> _Candidates:
    places = gazetteer.places
    authoritative = any(places.source(i) not in GENERIC_SOURCES for i in ids)
    strong = _strong(gazetteer, ids)
    is_country = any(places.feature_type(i) == "country" for i in ids)
    return _Candidates(
        authoritative=authoritative,
        strong=strong,
        is_country=is_country,
        names=frozenset(normalise_name(places.text["name"][i]) for i in ids),
        # a state or a continent ("Texas", "Europe") is as well known as a city of a million
        million_names=frozenset(
            normalise_name(places.text["name"][i]) for i in ids if places.population[i] >= 1_000_000 or _major_area(gazetteer, i)
        ),
        rules=tuple(rule for rule in _PLACE_RULES if _can_apply(rule[0], authoritative, strong, is_country)),
    )


def _major_area(gazetteer: Gazetteer, index: int) -> bool:
    """A state, province or continent, or a region whose name says what it is ("Laurel County")."""
    places = gazetteer.places
    if places.source(index) != "world":
        return False
    return places.feature_type(index) in MAJOR_AREAS or " " in places.text["name"][index]


class _PlaceSpans:
    """Token → place and demonym matches covering it, longest first; found by a scan of the
    matches when asked, since only hyphenated names ask (demonyms count as authoritative:
    "Tajik-Afghan" joins two known names)."""

    def __init__(self, tok: TokenisedText, matches: list) -> None:
        self._tok, self._matches = tok, matches

    def __contains__(self, token: int) -> bool:
        return any(m[0] <= token < m[1] and m[2] != KIND_ORGANISATION for m in self._matches)

    def get(self, token: int, default=()) -> list[PlaceSpan]:
        covering = [m for m in self._matches if m[0] <= token < m[1]]
        found = _place_spans_by_token(self._tok, covering).get(token)
        return found if found is not None else list(default)


def _place_spans_by_token(tok: TokenisedText, matches: list) -> dict[int, list[PlaceSpan]]:
    """Token → the place and demonym matches covering it, longest first (demonyms count
    as authoritative: "Tajik-Afghan" joins two known names)."""
    found: dict[int, list[PlaceSpan]] = {}
    for first, last, kind, ids, candidates in sorted(matches, key=lambda m: (-(m[1] - m[0]), m[0])):
        if kind == KIND_ORGANISATION:
            continue
        place = kind == KIND_PLACE
        span = PlaceSpan(
            first,
            last,
            ids,
            authoritative=not place or candidates.authoritative,
            exact_primary=not place or " ".join(tok.normal[first:last]) in candidates.names,
        )
        for t in range(first, last):
            found.setdefault(t, []).append(span)
    return found


_SPEAKS_AFTER = re.compile(r",?\s+(?:said|says|told|added|noted|explained|stated|wrote|tweeted|insisted|argued)\b")
_DOTTED_ABBREVIATION = re.compile(r"(?:[A-Z]\.)+[A-Z]$")


def _mention(text: str, tok: TokenisedText, first: int, last: int, kind: str, ids: tuple[int, ...], fuzzy: bool = False) -> Mention:
    start, end = tok.starts[first], tok.ends[last - 1]
    if end < len(text) and text[end] == "." and _DOTTED_ABBREVIATION.match(text[start:end]):
        end += 1  # "U.S." keeps its final full stop
    return Mention(start, end, text[start:end], kind, ids, fuzzy)  # type: ignore[arg-type]


def _strong(gazetteer: Gazetteer, ids: tuple[int, ...]) -> bool:
    """A candidate set with a curated/country entry or a large city."""
    places = gazetteer.places
    return any(
        places.source(i) not in GENERIC_SOURCES or places.population[i] >= 100_000 or _major_area(gazetteer, i) for i in ids
    )


class _Span:
    """A capitalised span whose words are a place name in the gazetteer, and what the
    context rules of :func:`_plausible_place` read around it (one ``__init__``, not a
    dataclass's and its ``__post_init__``: one is made for every place match)."""

    __slots__ = (
        "text", "tok", "first", "last", "ids", "candidates", "gazetteer", "place_starts", "covered", "in_places",
        "surface", "normal_tokens", "normal_surface", "single", "previous", "same_clause",
    )

    def __init__(  # noqa: PLR0913 (what the context rules read)
        self,
        text: str,
        tok: TokenisedText,
        first: int,
        last: int,
        ids: tuple[int, ...],
        candidates: _Candidates,
        gazetteer: Gazetteer,
        place_starts: set[int],  # tokens where a place match starts
        covered: list[int],  # token states (FREE, COVERED, WEAK) so far
        in_places: _PlaceSpans,
    ) -> None:
        self.text, self.tok, self.first, self.last, self.ids = text, tok, first, last, ids
        self.candidates, self.gazetteer, self.place_starts, self.covered, self.in_places = candidates, gazetteer, place_starts, covered, in_places
        starts, ends, normal = tok.starts, tok.ends, tok.normal
        self.surface: str = text[starts[first] : ends[last - 1]]
        self.normal_tokens: list[str] = normal[first:last]
        self.normal_surface: str = " ".join(self.normal_tokens)
        self.single: bool = last - first == 1  # one token
        self.previous: str = normal[first - 1] if first > 0 else ""  # the normal form of the token before, "" at the start
        self.same_clause: bool = first > 0 and starts[first] - ends[first - 1] <= 2  # the token before is at most two characters away


def _unknown_acronym(s: _Span) -> bool:
    # acronyms (ISIS, CSTO, AP) are places only as a curated or country name written
    # exactly so ("USA", "UK"): "OMON" merely folds to Oman
    places = s.gazetteer.places
    return (
        s.single
        and s.surface.isupper()
        and len(s.surface) <= 5
        and not any(places.source(i) != "geonames" and s.gazetteer.is_exact(i, s.normal_surface) for i in s.ids)
    )


def _english_word_for_a_former_name(s: _Span) -> bool:
    # "Drug": an English word that is only a former or alternate name (of Durg)
    return not s.candidates.authoritative and s.normal_surface not in s.candidates.names and all(t in s.gazetteer.known_words for t in s.normal_tokens)


def _part_of_a_hyphenated_name(s: _Span) -> bool:
    # "Buzurg" in "Shahr-e-Buzurg", "Kyzyl" in "Kyzyl-Rabot": part of a longer name the gazetteer lacks
    return not s.candidates.authoritative and _hyphen_joined_to_a_non_place(s.text, s.tok, s.first, s.last, s.in_places, s.ids, s.candidates, s.gazetteer)


def _fragment_or_misleading_name(s: _Span) -> bool:
    # "Tahrir" of "Tahrir Square", "China" of "South China Sea"; "Iron" (folds to Iran)
    return _fragment_or_misleading(s.text, s.tok, s.first, s.last, s.ids, s.candidates, s.gazetteer, s.normal_surface)


def _common_english_words(s: _Span) -> bool:
    # "Along", "The", "In an": English words that also name villages
    return not s.candidates.strong and all(t in s.gazetteer.common_words for t in s.normal_tokens)


def _known_word_without_a_locative(s: _Span) -> bool:
    # "the Taliban": a known English word naming a village somewhere; "Man speaking": an
    # everyday word is a GeoNames city (Man, Côte d'Ivoire) only after "in", "to", …
    candidates = s.candidates
    everyday = (
        s.single
        and not candidates.authoritative
        and all(t in s.gazetteer.common_words for t in s.normal_tokens)
        # "Moscow" and "Kabul" are frequent words too: a big place called exactly so stays
        and s.normal_surface not in candidates.million_names
    )
    return (
        (not candidates.strong or everyday)
        and all(t in s.gazetteer.known_words for t in s.normal_tokens)
        and not (s.previous in LOCATIVE_WORDS and s.same_clause)
    )


def _strong_compound_name(s: _Span) -> bool:
    return not s.single and s.candidates.strong


def _operation_name(s: _Span) -> bool:
    # "Operation Jayhun", "Operation Enduring Freedom": the name of a military operation
    return s.first > 0 and s.previous == "operation" and _is_capitalised(s.text, s.tok.starts[s.first - 1])


def _after_a_person_title(s: _Span) -> bool:
    # "General McKenzie", "President Rahmon"
    return s.previous in PERSON_TITLES and s.same_clause and not s.candidates.is_country


def _given_name(s: _Span) -> bool:
    # "Vladimir Putin", "Sherali Mirzo": a given name before a surname; "Imomnazar
    # Imomnazarov": even a curated name is a given name before a surname-like word
    tok, last = s.tok, s.last
    following_capitalised = (
        last < len(tok.normal)
        and tok.starts[last] - tok.ends[last - 1] <= 1
        and _is_capitalised(s.text, tok.starts[last])
        and last not in s.place_starts
        and tok.normal[last] not in PLACE_GENERIC_WORDS
        and tok.normal[last] not in PERSON_TITLES
    )
    return following_capitalised and (not s.candidates.authoritative or (not s.candidates.is_country and _looks_like_a_surname(tok.normal[last])))


_UNIT_WORDS = frozenset({"district", "province", "region", "oblast", "county"})


def _first_part_of_an_unknown_unit(s: _Span) -> bool:
    # "Ali" of "Ali Abad district": a GeoNames name before another capitalised word and a
    # district or province word is the first part of a unit the gazetteer lacks
    tok, last = s.tok, s.last
    return (
        not s.candidates.authoritative
        and last + 1 < len(tok.normal)
        and tok.starts[last] - tok.ends[last - 1] == 1
        and tok.starts[last + 1] - tok.ends[last] == 1
        and _is_capitalised(s.text, tok.starts[last])
        and tok.normal[last] not in PLACE_GENERIC_WORDS
        and tok.normal[last + 1] in _UNIT_WORDS
    )


def _one_space_after_previous(s: _Span) -> bool:
    """One space between the token before and the span: no comma, no hyphen."""
    return s.first > 0 and s.text[s.tok.ends[s.first - 1] : s.tok.starts[s.first]] == " "


def _after_an_unknown_capitalised_word(s: _Span) -> bool:
    # a GeoNames name after an unknown capitalised word is part of a person's name:
    # "Mullah Mohammad Hassan Akhund" (Hassan, India), "Nisar Ahmad Ahmadi" (Al Ahmadi);
    # a capitalised word, not "08:00" nor a capitalised function word ("The Moscow-led bloc")
    first, tok = s.first, s.tok
    previous_upper = first > 0 and s.text[tok.starts[first - 1]].isupper() and tok.normal[first - 1] not in s.gazetteer.common_words
    return (
        not s.candidates.authoritative
        and previous_upper
        and _one_space_after_previous(s)
        and s.covered[first - 1] != COVERED
        and not _sentence_initial(s.text, tok, first)
        and (s.single or s.normal_surface not in s.candidates.names)
    )


def _speaker(s: _Span) -> bool:
    # "Ahmadi said": only an alternate name, and a person speaking
    return not s.candidates.authoritative and s.normal_surface not in s.candidates.names and bool(_SPEAKS_AFTER.match(s.text, s.tok.ends[s.last - 1]))


def _strong_name(s: _Span) -> bool:
    return s.candidates.strong


def _surname(s: _Span) -> bool:
    # "Kenneth McKenzie": a surname after an unknown capitalised word
    first = s.first
    return (
        first > 0
        and _is_capitalised(s.text, s.tok.starts[first - 1])
        and _one_space_after_previous(s)
        and not s.covered[first - 1]
        and not _sentence_initial(s.text, s.tok, first)
    )


# The context rules in the order they are asked: the first that applies decides (False:
# not a place, True: a place); a span no rule decides is a place.
_PLACE_RULES: tuple[tuple[Callable[[_Span], bool], bool], ...] = (
    (_unknown_acronym, False),
    (_english_word_for_a_former_name, False),
    (_part_of_a_hyphenated_name, False),
    (_fragment_or_misleading_name, False),
    (_common_english_words, False),
    (_known_word_without_a_locative, False),
    (_strong_compound_name, True),
    (_after_a_person_title, False),
    (_operation_name, False),
    (_given_name, False),
    (_first_part_of_an_unknown_unit, False),
    (_after_an_unknown_capitalised_word, False),
    (_speaker, False),
    (_strong_name, True),
    (_surname, False),
)


#: The rules that reject a name only for being an everyday word: another mention of the same
#: place in the article outweighs them.
_WORD_RULES = frozenset({_common_english_words, _known_word_without_a_locative})


#: Rules that never apply to a candidate set with an analysts' or country entry, with
#: a strong one, without one, or with a country (each rule's first test).
_NOT_IF_AUTHORITATIVE = frozenset({
    _english_word_for_a_former_name, _part_of_a_hyphenated_name, _known_word_without_a_locative,
    _after_an_unknown_capitalised_word, _speaker,
})
_NOT_IF_STRONG = frozenset({_common_english_words})
_ONLY_IF_STRONG = frozenset({_strong_compound_name, _strong_name})
_NOT_IF_COUNTRY = frozenset({_after_a_person_title})


def _can_apply(rule: Callable[[_Span], bool], authoritative: bool, strong: bool, is_country: bool) -> bool:
    """Whether ``rule`` can apply to some span of a candidate set so described: most spans
    name a country or an analysts' entry, for which half the rules are settled in advance."""
    if authoritative and rule in _NOT_IF_AUTHORITATIVE:
        return False
    if authoritative and is_country and rule is _given_name:
        return False  # a given name before a surname: never a country
    if strong and rule in _NOT_IF_STRONG:
        return False
    if not strong and rule in _ONLY_IF_STRONG:
        return False
    return not (is_country and rule in _NOT_IF_COUNTRY)


def _plausible_place(span: _Span) -> bool:
    """Context rules that reject capitalised words that are probably not place names."""
    rule = _deciding_rule(span)
    return rule is None or rule[1]


def _deciding_rule(span: _Span) -> tuple[Callable[[_Span], bool], bool] | None:
    """The first context rule that applies to ``span`` (with its verdict), or None."""
    for rule in span.candidates.rules:
        if rule[0](span):
            return rule
    return None


def _fragment_or_misleading(
    text: str, tok: TokenisedText, first: int, last: int, ids: tuple[int, ...], candidates: _Candidates, gazetteer: Gazetteer, normal_surface: str
) -> bool:
    """The rules of :mod:`geomap.places.compounds`, each behind a cheap set test: most spans
    have no generic word next to them and are a candidate's own name."""
    normal = tok.normal
    generic_next = (last < len(normal) and normal[last] in OWN_NAME_WORDS_AFTER) or (first > 0 and normal[first - 1] in OWN_NAME_WORDS_BEFORE)
    if generic_next and generic_word_fragment(text, tok, first, last, candidates.authoritative, candidates.is_country):
        return True
    suspect = normal_surface not in candidates.names if last - first == 1 else first > 0 and normal[first - 1] == "the"
    return suspect and misleading_alternate(text, tok, first, last, gazetteer, ids, candidates.names)


def _looks_like_a_surname(normal_token: str) -> bool:
    return len(normal_token) >= 5 and bool(_SURNAME_ENDING.search(normal_token))


def _hyphen_joined_to_a_non_place(
    text: str,
    tok: TokenisedText,
    first: int,
    last: int,
    in_places: _PlaceSpans,
    ids: tuple[int, ...],
    candidates: _Candidates,
    gazetteer: Gazetteer,
) -> bool:
    """Whether the span is hyphen-joined to a name part: a capitalised word or a connector
    that belongs to no known place ("Shahr-e-Buzurg", "Karshi-Khanabad"), or a place that
    cannot be another stop of a route ("Kyzyl-Rabot": Kyzyl in Russia, Rabat by an
    alternate name); not an ordinary word ("Moscow-led")."""
    def hyphen_between(left: int, right: int) -> bool:
        return 0 <= left and right < len(tok.starts) and text[tok.ends[left] : tok.starts[right]] in _HYPHENS

    def name_part(index: int, outward: int) -> bool:
        neighbours = [s for s in in_places.get(index, ()) if s.last <= first or s.first >= last]
        if neighbours:
            own = PlaceSpan(first, last, ids, candidates.authoritative, " ".join(tok.normal[first:last]) in candidates.names)
            return not hyphen_neighbour_is_a_stop(own, neighbours[0], gazetteer)
        if _is_capitalised(text, tok.starts[index]) and index + outward in in_places and hyphen_between(*sorted((index, index + outward))):
            return False  # a stop of a route, "Termez-Naibabad-Maidanshahr": places on both sides of it
        return _is_capitalised(text, tok.starts[index]) or tok.normal[index] in _NAME_CONNECTORS

    if hyphen_between(first - 1, first) and name_part(first - 1, -1):
        return True
    return hyphen_between(last - 1, last) and name_part(last, +1)


def _fuzzy_key(gazetteer: Gazetteer, normal_tokens: list[str]) -> tuple[str, bool]:
    """The folded key of a span's tokens and whether the name index knows the span,
    memoised per span (the GeoNames keys are a table a lookup of which costs microseconds)."""
    memo = gazetteer.memo("recognise: fuzzy keys")
    normal = " ".join(normal_tokens)
    found = memo.get(normal)
    if found is None:
        if len(memo) > 200_000:
            memo.clear()
        key = " ".join(map(fold_token, normal_tokens))
        found = memo[normal] = (key, key in gazetteer.folded_keys or normal in gazetteer.normal_keys)
    return found


def _in_person_name(text: str, tok: TokenisedText, first: int, last: int, covered: list[int]) -> bool:
    """Context that makes a capitalised span part of a person's name: a title before it,
    an unknown capitalised word right before it (a surname), or right after it (a given name)."""
    if first > 0 and tok.starts[first] - tok.ends[first - 1] <= 2:
        if tok.normal[first - 1] in PERSON_TITLES:
            return True  # "Col. Yaroslav …"
        if _is_capitalised(text, tok.starts[first - 1]) and covered[first - 1] != COVERED and not _sentence_initial(text, tok, first):
            return True  # "Fakir Muhammad Jowzjani"
    return (
        last < len(tok.starts)
        and tok.starts[last] - tok.ends[last - 1] <= 1
        and _is_capitalised(text, tok.starts[last])
        and covered[last] != COVERED
        and tok.normal[last] not in PLACE_GENERIC_WORDS
        and tok.normal[last] not in PERSON_TITLES
    )  # "Yaroslav Roschupkin"


def _fuzzy_mentions(
    text: str, tok: TokenisedText, gazetteer: Gazetteer, covered: list[int], min_length: int
) -> list[Mention]:
    """Misspellings of important names: one edit (two for long names), capitalised.

    Tokens held only by a minor GeoNames match may be re-read ("St. Petersberg" is a
    misspelt Saint Petersburg, not the German village Petersberg).

    Only rare words qualify: a word wordfreq knows ("Taliban") is not a misspelling, and
    a word inside a person's name ("Col. Yaroslav Roschupkin") is not corrected.
    """
    found: list[Mention] = []
    count = len(tok.normal)
    known_words = gazetteer.known_words
    skip_to = 0
    normal = tok.normal
    for i in tok.capitalised:
        if i < skip_to or covered[i] == COVERED:
            continue
        if normal[i] in known_words and (i + 1 == count or normal[i + 1] in known_words):
            continue  # neither one- nor two-word span would end on a rare word
        match = None
        for width in (2, 1):
            last = i + width
            if last > count or COVERED in covered[i:last] or tok.starts[last - 1] - tok.ends[i] > 2:
                continue
            if tok.normal[last - 1] in known_words:
                continue  # the word that would be "corrected" is a real English word
            key, known = _fuzzy_key(gazetteer, tok.normal[i:last])
            if len(key) < min_length:
                continue
            if known:
                continue  # a known name: the exact pass has judged it already ("OMON" is not Oman)
            ids = gazetteer.nearest_misspelt(key, 2 if len(key) >= 12 else 1)
            if ids is not None and not _in_person_name(text, tok, i, last, covered):
                match = (last, ids)
                break
        if match:
            last, ids = match
            found.append(_mention(text, tok, i, last, "toponym", ids, fuzzy=True))
            for t in range(i, last):
                covered[t] = COVERED
            skip_to = last
    return found
