"""Who acts in a sentence and who is acted upon, from ``data/lexicon/actors.csv``.

Actors are matched leftmost-longest (one automaton for plain phrases, regexes where an
alias needs context).  Coordinated nationalities share their noun: in "Kyrgyz and Tajik
border guards exchanged fire" both forces act.  A recipient or target is an actor
introduced by "to", "for", "against", "on" or a killing verb ("sent vehicles to the Tajik
army", "an attack on border guards", "killing two guards"), or the subject of a passive of
violence ("Chinese workers were killed").  Actors who only report
("Tajik authorities say …") are speakers, not parties to violence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from geomap.events.lexicon import Actor, Lexicon
from geomap.events.regex_literals import UnanalysablePattern, required_literal_sets

# recipient or target: "sent vehicles to the Tajik army", "an attack on Border Troops", "killing two guards"
_RECIPIENT = re.compile(
    # "fell to the Taliban": who took the place, not who it was done to
    r"\b(?:(?<!\bfell\s)(?<!\bfall\s)(?<!\bfalls\s)(?<!\bfallen\s)(?<!\bfalling\s)to|for|against|with|towards|on|upon|at|targeting|targeted|killing|killed"
    r"|wounding|wounded|attacking|attacked|shelling|shelled)"
    r"\s+(?:the\s+|its\s+|their\s+|two\s+|three\s+|several\s+|\d+\s+)?$"
    # "killed five people including Taliban security forces": the victims, listed
    r"|\b(?:kill|wound|injur|target)\w*\s+(?:[\w,-]+\s+){0,5}?(?:including|among them|among whom)\s+(?:the\s+|two\s+|three\s+|several\s+|\d+\s+)?$",
    re.I,
)
# the subject of a passive of violence is its target: "Chinese workers were killed", "the post came under fire"
_PASSIVE_TARGET_AFTER = re.compile(
    r"(?:\s+[\w-]+){0,3}?\s+(?:(?:were|was|have been|had been|has been|got)\s+(?:\w+\s+)?"
    r"(?:killed|wounded|injured|attacked|shot|targeted|abducted|kidnapped|detained|arrested|ambushed|captured|taken hostage)"
    # "a border post came under attack", "guards came under fire"
    r"|(?:came|come|comes|coming)\s+under\s+(?:\w+\s+)?(?:attack|fire|shelling|assault|bombardment))\b",
    re.I,
)
_SPEECH_AFTER = re.compile(
    r"\s*(?:['’]s\s+\w+\s+)?(?:\w+\s+){0,2}?(?:said|says|say|told|tells|reported|reports|claimed|claims|announced|stated|confirmed|"
    r"condemned|denounced|accused|blamed)\b",
    re.I,
)
# "Kyrgyz and Tajik border guards", "Russian, Uzbek and Tajik troops": the nationality words
# before the last one share its noun phrase
_FORCE_NOUNS = (
    r"(?:forces|troops|soldiers|guards|military|militaries|armies|army|servicem[ae]n|police|officers|authorities|officials"
    r"|governments?|leaders|presidents|civilians|residents|villagers|citizens|nationals|sides|delegations|units|law enforcers"
    r"|representatives|agencies|departments|services)"
)
_COORDINATED = re.compile(
    r"\b(?P<first>[A-Z][a-z]+)(?P<more>(?:\s*,\s*[A-Z][a-z]+)*)\s*,?\s+(?:and|&)\s+(?P<last>[A-Z][a-z]+)"
    rf"(?P<noun>\s+(?:[a-z-]+\s+){{0,2}}?{_FORCE_NOUNS})\b"
)
# "border guards of Kyrgyzstan and Tajikistan", "troops from Russia": the forces of each country named after them
# a country may be named as a republic: "of the Kyrgyz Republic and the Republic of Tajikistan"
_COUNTRY_NAME = r"(?:Republic\s+of\s+)?[A-Z][a-z]+(?:\s+Republic\b)?"
_OF_COUNTRIES = re.compile(
    rf"\s(?:of|from)\s+(?:the\s+)?(?P<first>{_COUNTRY_NAME})(?P<more>(?:\s*,\s*(?:the\s+)?{_COUNTRY_NAME})*(?:\s*,?\s+(?:and|&)\s+(?:the\s+)?{_COUNTRY_NAME})?)\b"
)
_REPUBLIC = re.compile(r"^Republic\s+of\s+|\s+Republic$")
_FORCE_NOUN_WORDS = frozenset(
    "forces troops soldiers guards military militaries armies army serviceman servicemen police officers authorities officials "
    "government governments leaders presidents civilians residents villagers citizens nationals sides delegations units enforcers "
    "representatives agencies departments services".split()
)
_FORCES_BEFORE = re.compile(rf"\b(?P<noun>(?:(?!(?:of|the|and|from)\b)[a-z-]+\s+){{0,2}}?{_FORCE_NOUNS})$", re.I)

Hit = tuple[int, int, str, str]  # start, end, actor name, ISO3


@dataclass(frozen=True, slots=True)
class SentenceActors:
    """Actors of one sentence: agents first, then recipients; their spans and countries."""

    names: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    countries: tuple[str, ...]  # ISO3 of ``names``, in the same order
    recipients: tuple[str, ...]
    hits: tuple[Hit, ...] = ()  # every actor mention, ``(start, end, name, ISO3)``


def actor_hits(
    sentence: str,
    lexicon: Lexicon,
    present: set[str] | None = None,
    organisations: Sequence[tuple[int, int]] = (),
    locations: Sequence[tuple[int, int]] = (),
) -> list[Hit]:
    """``(start, end, actor name, ISO3)`` of every actor mention, leftmost-longest, in order."""
    spaced = _unhyphenated(sentence)
    if spaced != sentence:
        sentence, present = spaced, None
    present = lexicon.literals_in(sentence) if present is None else present
    found: list[Hit] = [
        (start, end, lexicon.actors[index].name, lexicon.actors[index].country_iso3)
        for start, end, index in lexicon.actor_phrases_in(sentence)
    ]
    for index in lexicon.candidates("actors", present):
        actor = lexicon.actors[index]
        for match in actor.pattern.finditer(sentence):  # type: ignore[union-attr]
            found.append((match.start(), match.end(), actor.name, actor.country_iso3))
    found += _coordinated_hits(sentence, lexicon)
    if organisations:
        found = [h for h in found if not any(a <= h[0] and h[1] <= b and b - a > h[1] - h[0] for a, b in organisations)]
    if locations:
        found = [h for h in found if (h[0], h[1]) not in locations]
    forces_of = _forces_of_hits(sentence, lexicon)
    if forces_of:
        # on the country's own words these stand for the country's government ("forces of Kyrgyzstan")
        spans = {(h[0], h[1]) for h in forces_of}
        found = forces_of + [h for h in found if (h[0], h[1]) not in spans]
    return _with_nationality_before(sentence, _leftmost_longest(found), lexicon)


# "the Tajik border-guard unit" is a "border guard unit": the same words, joined
_BORDER_HYPHEN = re.compile(r"\b(border)-(?=(?:guard|troop|police|force|service|unit|patrol|post|officer)s?\b)", re.I)


def _unhyphenated(sentence: str) -> str:
    """``sentence`` with "border-guard" and the like written apart (offsets unchanged)."""
    if "border-" not in sentence and "Border-" not in sentence:
        return sentence
    return _BORDER_HYPHEN.sub(r"\1 ", sentence)


_PEOPLE_TYPES = frozenset({"civilians", "protesters"})
_WORD_BEFORE = re.compile(r"(?:^|(?<=\s))(?P<word>(?-i:[A-Z][a-z]+)|ethnic)\s+$", re.I)


def _with_nationality_before(sentence: str, hits: list[Hit], lexicon: Lexicon) -> list[Hit]:
    """People named by two demonyms are of the first one's country, the second is their
    ethnicity ("Afghan Kyrgyz refugees" are Afghan civilians); "ethnic Uzbek villagers" are of
    no country the words say."""
    out = []
    for hit in hits:
        actor = lexicon.actor_named(hit[2])
        before = _WORD_BEFORE.search(sentence, max(0, hit[0] - 20), hit[0]) if actor is not None and actor.actor_type in _PEOPLE_TYPES else None
        if before is None or " " not in sentence[hit[0] : hit[1]]:
            out.append(hit)
            continue
        noun = sentence[hit[0] : hit[1]].split(None, 1)[1]
        word = before.group("word")
        read = _read_as(noun if word.lower() == "ethnic" else f"{word} {noun}", lexicon)
        other = [(name, iso3) for name, iso3 in read if iso3 != hit[3] and (iso3 or word.lower() == "ethnic")]
        out.append((before.start("word"), hit[1], *other[0]) if other else hit)
    return out


def _leftmost_longest(found: list[Hit]) -> list[Hit]:
    if len(found) < 2:  # nothing to choose between (most sentences and short phrases)
        return list(found)
    # per actor, leftmost-longest and non-overlapping, as one regex scan would give
    kept: list[Hit] = []
    last_end: dict[str, int] = {}
    for hit in sorted(found, key=lambda h: (h[2], h[0], h[0] - h[1])):
        if hit[0] >= last_end.get(hit[2], -1):
            kept.append(hit)
            last_end[hit[2]] = hit[1]
    # across actors too, leftmost-longest wins: "Pakistani Taliban fighters" is the TTP, not also the Taliban
    chosen: list[Hit] = []
    for hit in sorted(kept, key=lambda h: (h[0], h[0] - h[1])):
        if not any(hit[0] < other[1] and other[0] < hit[1] for other in chosen):
            chosen.append(hit)
    return chosen


def _coordinated_hits(sentence: str, lexicon: Lexicon) -> list[Hit]:
    """Actors of the nationality words that share the noun of the last one ("Kyrgyz and Tajik
    forces" → Kyrgyz forces too).  Each is read as "<nationality> <noun>" and spans just its
    own word (the last one's own longer phrase, where the vocabulary knows it, wins)."""
    if " and " not in sentence and "&" not in sentence:
        return []
    hits: list[Hit] = []
    for match in _COORDINATED.finditer(sentence):
        words = [(match.start("first"), match.group("first"))]
        words += [(match.start("more") + m.start(1), m.group(1)) for m in re.finditer(r"([A-Z][a-z]+)", match.group("more"))]
        # the last one too: its own phrase may name nobody as written ("Tajik sides")
        words.append((match.start("last"), match.group("last")))
        for start, word in words:
            for name, iso3 in _read_as(word + match.group("noun"), lexicon):
                hits.append((start, start + len(word), name, iso3))
    return hits


def _forces_of_hits(sentence: str, lexicon: Lexicon) -> list[Hit]:
    """Actors of forces named before their countries ("border guards of Kyrgyzstan and
    Tajikistan" → Kyrgyz and Tajik border guards), each read as "<country> <noun>" and
    spanning just the country's name."""
    if " of " not in sentence and " from " not in sentence:
        return []
    hits: list[Hit] = []
    for match in _OF_COUNTRIES.finditer(sentence):
        last_word = sentence[max(0, match.start() - 20) : match.start()].rsplit(None, 1)[-1:]
        if not last_word or last_word[0].lower() not in _FORCE_NOUN_WORDS:
            continue  # most "of <Name>" follow no force ("the Ministry of Defence")
        forces = _FORCES_BEFORE.search(sentence, max(0, match.start() - 40), match.start())
        if forces is None:
            continue
        noun = " ".join(forces.group("noun").split())
        countries = [(match.start("first"), match.group("first"))]
        countries += [(match.start("more") + m.start(), m.group(0)) for m in re.finditer(_COUNTRY_NAME, match.group("more")) if m.group(0) != "Republic"]
        for start, country in countries:
            # the hit spans the whole name, so that it stands in for the government the name alone is
            hits += [(start, start + len(country), name, iso3) for name, iso3 in _read_as(f"{_REPUBLIC.sub('', country)} {noun}", lexicon)]
    return hits


def _read_as(phrase: str, lexicon: Lexicon) -> list[tuple[str, str]]:
    """The actors a short phrase names ("Kyrgyz sides" is read as "Kyrgyz side" when the plural names none)."""
    found = actor_hits_plain(phrase, lexicon)
    if not found and phrase.endswith("s"):
        found = actor_hits_plain(phrase[:-1], lexicon)
    return [(name, iso3) for _, _, name, iso3 in found]


def actor_hits_plain(text: str, lexicon: Lexicon) -> list[Hit]:
    """Actor mentions of a short phrase, without coordination (see :func:`actor_hits`)."""
    present = lexicon.literals_in(text)
    found: list[Hit] = [
        (start, end, lexicon.actors[index].name, lexicon.actors[index].country_iso3)
        for start, end, index in lexicon.actor_phrases_in(text)
    ]
    for index in lexicon.candidates("actors", present):
        actor = lexicon.actors[index]
        for match in actor.pattern.finditer(text):  # type: ignore[union-attr]
            found.append((match.start(), match.end(), actor.name, actor.country_iso3))
    return _leftmost_longest(found)


def actor_ids_in(text: str, lexicon: Lexicon) -> list[str]:
    """Ids of the actors named in ``text``, in order (``"Tajik border guards"`` → ``tjk_border``)."""
    by_name = {actor.name: actor.id for actor in lexicon.actors}
    return list(dict.fromkeys(by_name[name] for _, _, name, _ in actor_hits(text, lexicon)))


def sentence_actors(
    sentence: str,
    lexicon: Lexicon,
    present: set[str] | None = None,
    organisations: Sequence[tuple[int, int]] = (),
    locations: Sequence[tuple[int, int]] = (),
) -> SentenceActors:
    """Actors in order of first mention (agents before recipients), with their spans,
    countries and the recipients among them.

    A name strictly inside an organisation span of the sentence ("Pakistan Point News") is
    no actor, nor is a country named exactly where the sentence says the event was
    (``locations``: "kicks off in southern Tajikistan").
    """
    found = actor_hits(sentence, lexicon, present, organisations, locations)
    names: list[str] = []
    countries: dict[str, str] = {}
    recipients: list[str] = []
    for start, end, name, country in sorted(found):
        targeted = _RECIPIENT.search(sentence, max(0, start - 30), start) or _PASSIVE_TARGET_AFTER.match(sentence, end)
        if targeted and name not in recipients:
            recipients.append(name)
        if name not in names:
            names.append(name)
            countries[name] = country
    agents = [n for n in names if n not in recipients] + [n for n in names if n in recipients]
    return SentenceActors(
        names=tuple(agents),
        spans=tuple((a, b) for a, b, _, _ in found),
        countries=tuple(countries[n] for n in agents),
        recipients=tuple(recipients),
        hits=tuple(found),
    )


# "the committee said its officers detained …": the speaker's own forces acted
_OWN_FORCES = re.compile(
    r"\b(?:its|their|our)\s+(?:own\s+)?(?:[\w-]+\s+)?(?:officers|forces|troops|soldiers|servicemen|fighters|units|guards|men|personnel"
    r"|police|policemen|agents|operatives|staff|employees|servicemembers|patrols?)\b",
    re.I,
)


# "Tajikistan said it had killed three militants", "the service reported having detained two
# men": what the speaker reports is its own deed
_OWN_DEED = re.compile(
    r"\b(?:said|says|say|reported|reports|announced|claimed|claims|stated|confirmed)\s+(?:[\w-]+,?\s+){0,4}?(?:that\s+)?"
    r"(?:(?:it|they|we)\s+(?:had\s+|has\s+|have\s+)?(?:also\s+)?|having\s+)"
    r"(?:\w+ed|shot|caught|fought|took|struck|hit|brought|drove|held|sent|seized)\b",
    re.I,
)


def speakers(sentence: str, actors: SentenceActors) -> set[str]:
    """Actors named as the source of the report ("Tajik authorities say …", "the ministry said")
    and nowhere else in the sentence, unless what they report their own forces did ("the
    committee said its officers detained three men") or they did themselves ("Tajikistan said
    it had killed three militants")."""
    by_name: dict[str, list[bool]] = {}
    for _, end, name, _ in actors.hits:
        by_name.setdefault(name, []).append(bool(_SPEECH_AFTER.match(sentence, end)))
    speaking = {name for name, said in by_name.items() if all(said)}
    if speaking and (_OWN_FORCES.search(sentence) or _OWN_DEED.search(sentence)):
        return set()
    return speaking


def on_date(actors: SentenceActors, lexicon: Lexicon, day: date | None) -> SentenceActors:
    """Actors whose identity depends on the date (``actor_periods.csv``) replaced by the one
    they stand for on ``day``: "Afghan forces" in July 2021 are the Republic's, in 2022 the
    Taliban's."""
    if day is None or not lexicon.periods or not actors.names:
        return actors

    def resolved(name: str) -> str:
        actor = lexicon.actor_named(name)
        for start, end, target in lexicon.periods.get(actor.id if actor else "", ()):
            if (start is None or start <= day) and (end is None or day <= end):
                return lexicon.actor_by_id(target).name  # type: ignore[union-attr]
        return name

    names = [resolved(n) for n in actors.names]
    if names == list(actors.names):
        return actors
    countries = [(lexicon.actor_named(n).country_iso3 if lexicon.actor_named(n) else c) for n, c in zip(names, actors.countries, strict=True)]  # type: ignore[union-attr]
    unique = list(dict.fromkeys(names))
    return SentenceActors(
        names=tuple(unique),
        spans=actors.spans,
        countries=tuple(countries[names.index(n)] for n in unique),
        recipients=tuple(dict.fromkeys(resolved(r) for r in actors.recipients)),
        hits=actors.hits,
    )


def as_forces(actors: SentenceActors, lexicon: Lexicon) -> SentenceActors:
    """A country acting in violence or with its military ("Kyrgyzstan shelled Tajik villages",
    "Turkmenistan is moving weaponry to the border") acts through its armed forces: its
    government actor is read as its military one, as ACLED codes state forces."""
    forces = lexicon.military_of()
    renamed = []
    for name in actors.names:
        actor = lexicon.actor_named(name)
        military = forces.get(actor.country_iso3) if actor is not None and actor.actor_type == "government" else None
        renamed.append(military or name)
    if renamed == list(actors.names):
        return actors
    unique = list(dict.fromkeys(renamed))
    return SentenceActors(
        names=tuple(unique),
        spans=actors.spans,
        countries=tuple(actors.countries[renamed.index(n)] for n in unique),
        recipients=tuple(dict.fromkeys(renamed[actors.names.index(r)] if r in actors.names else r for r in actors.recipients)),
        hits=actors.hits,
    )


def article_parties(found: list[SentenceActors], lexicon: Lexicon) -> dict[str, str]:
    """Actor type -> the actor of that type the article names, when all its mentions of that
    type are of one country ("Tajik border guards" makes "the border guards" Tajik)."""
    seen: dict[str, dict[str, str]] = {}
    for actors in found:
        for name in actors.names:
            actor = lexicon.actor_named(name)
            if actor is not None and actor.country_iso3:
                seen.setdefault(actor.actor_type, {}).setdefault(actor.country_iso3, name)
    return {kind: next(iter(names.values())) for kind, names in seen.items() if len(names) == 1}


@dataclass(frozen=True, slots=True)
class Unnamed:
    """How references to an actor type the article never names with its country are read:
    ``named`` are the types it does name; ``own`` reads a reference's words as the home
    country's ("the security forces" → "Tajikistan security forces"), None when it cannot."""

    named: frozenset[str] = frozenset()
    own: Callable[[str], str | None] | None = None


def with_references(
    actors: SentenceActors, sentence: str, lexicon: Lexicon, parties: dict[str, str], unnamed: Unnamed = Unnamed()
) -> tuple[SentenceActors, list[str]]:
    """``actors`` plus the article's actors that unqualified references of the sentence stand
    for ("the Border Guard Service reported …"), and the names added.  A reference to a type
    the article does not name is read as the home country's, where the vocabulary knows those
    words ("the security forces" of a Tajik story are what "Tajikistan security forces" are)."""
    added: list[str] = []
    folded = sentence.casefold()
    for kind, pattern in lexicon.references:
        fallback = parties.get(kind)
        own = unnamed.own is not None and kind not in unnamed.named
        if not own and (fallback is None or fallback in actors.names):
            continue
        # most sentences lack the words a reference needs: skip its scan of the whole sentence
        if not all(any(word in folded for word in words) for words in _words_needed(pattern.pattern)):
            continue
        for match in pattern.finditer(sentence):
            if any(a <= match.start() < b for a, b in actors.spans):
                continue
            name = _reference(kind, match.group(0), parties, unnamed)
            if name is not None and name not in actors.names and name not in added:
                added.append(name)
            break
    if not added:
        return actors, []
    return _with_names(actors, added, lexicon), added


@lru_cache(maxsize=None)
def _words_needed(pattern: str) -> tuple[frozenset[str], ...]:
    """:func:`~geomap.events.regex_literals.required_literal_sets` of a reference pattern
    (none, so that it always runs, when the pattern cannot be read)."""
    try:
        return required_literal_sets(pattern)
    except UnanalysablePattern:
        return ()


def _reference(kind: str, words: str, parties: dict[str, str], unnamed: Unnamed) -> str | None:
    """The actor a reference of ``kind`` ("the security forces") stands for."""
    if kind not in unnamed.named and unnamed.own is not None:
        own = unnamed.own(words)
        if own is not None:
            return own
    return parties.get(kind)


_THE = re.compile(r"^\s*the\s+", re.I)


def read_as_of(words: str, country: str, lexicon: Lexicon, day: date | None) -> str | None:
    """The actor that ``words`` ("the security forces") name as ``country``'s ("Tajikistan
    security forces"), read on ``day``; None when the vocabulary knows no such actor."""
    found = [h for h in actor_hits_plain(f"{country} {_THE.sub('', words)}", lexicon) if h[1] > len(country) + 1]
    if not found:
        return None  # the country's name alone names its government, not what the words say
    _, _, name, iso3 = found[0]
    return on_date(SentenceActors((name,), ((0, 0),), (iso3,), ()), lexicon, day).names[0]


def without_speakers(actors: SentenceActors, speaking: set[str]) -> SentenceActors:
    """``actors`` without those who only report the event."""
    if not speaking:
        return actors
    kept = [i for i, name in enumerate(actors.names) if name not in speaking]
    return SentenceActors(
        names=tuple(actors.names[i] for i in kept),
        spans=actors.spans,
        countries=tuple(actors.countries[i] for i in kept),
        recipients=tuple(r for r in actors.recipients if r not in speaking),
        hits=actors.hits,
    )


_STATE_TYPES = frozenset({"state", "government", "military", "border_guard", "police"})


def territory_holder(lexicon: Lexicon, iso2: str, day: date | None, agents: Sequence[str]) -> str | None:
    """Who lost a place that ``agents`` took (ACLED codes the side that lost territory as the
    second actor): the authority holding the place's country on ``day``, unless the taker is
    that authority itself ("Afghan forces retook the district")."""
    holder = lexicon.holder_of(iso2, day)
    if holder is None:
        return None
    dated = {target for spans in lexicon.periods.values() for _, _, target in spans}
    for name in agents:
        agent = lexicon.actor_named(name)
        if agent is None:
            continue
        if holder.id in (agent.id, agent.parent) or holder.parent == agent.id:
            return None
        # a country with one authority at a time: any of its state actors holds it
        undated = holder.id not in dated and (agent.parent or agent.id) not in dated
        if undated and agent.country_iso3 == holder.country_iso3 and agent.actor_type in _STATE_TYPES:
            return None
    return holder.name


def home_force(lexicon: Lexicon, iso2: str, actor_type: str) -> str | None:
    """The country's own actor of ``actor_type`` ("the border guards" of a Tajik article are
    Tajikistan's border troops): the one with the plainest name, if the vocabulary has one."""
    iso3 = next((i3 for i3, i2 in lexicon.iso2_by_iso3.items() if i2 == iso2), "")
    found = [a for a in lexicon.actors if iso3 and a.country_iso3 == iso3 and a.actor_type == actor_type]
    return min(found, key=lambda a: (len(a.name), a.name)).name if found else None



# "under Taliban control", "Taliban-held territory": who holds the land, not who acted
_HOLDING_AFTER = re.compile(r"[-\s]+(?:controlled|held|control)\b", re.I)


def named_insurgents(found: Sequence[tuple[SentenceActors, str]], lexicon: Lexicon, day: date | None, unnamed: str) -> str | None:
    """The one armed group out of power that the article's sentences (``(actors, sentence)``
    pairs) name as a party (the Taliban in 2019, the IMU), if they name exactly one besides
    ``unnamed`` (the actor of attackers no one names): the group its "militants" and
    "insurgents" are."""
    groups: set[str] = set()
    for actors, sentence in found:
        for _, end, name, _ in actors.hits:
            actor = lexicon.actor_named(name)
            if actor is None or name == unnamed or name in groups or _HOLDING_AFTER.match(sentence, end):
                continue
            if _insurgent(actor, lexicon, day):
                groups.add(name)
    return next(iter(groups)) if len(groups) == 1 else None


def _insurgent(actor: Actor, lexicon: Lexicon, day: date | None) -> bool:
    """A rebel group (not criminals, ``CRM``), or the forces of a government that holds no
    country on ``day`` (the Taliban before August 2021)."""
    if actor.acled_inter == "Rebel group":
        return not actor.cameo_code.startswith("CRM")
    if not actor.parent or day is None:
        return False
    spans = [span for spans in lexicon.periods.values() for span in spans if span[2] == actor.parent]
    return bool(spans) and not any((start is None or start <= day) and (end is None or day <= end) for start, end, _ in spans)


def as_named_group(actors: SentenceActors, unnamed: str, group: str) -> SentenceActors:
    """``actors`` with the unnamed armed group read as ``group``."""
    if unnamed not in actors.names:
        return actors
    names = list(dict.fromkeys(group if n == unnamed else n for n in actors.names))
    countries = dict(zip(actors.names, actors.countries, strict=True))
    return SentenceActors(
        names=tuple(names),
        spans=actors.spans,
        countries=tuple(countries.get(n, countries.get(unnamed, "")) if n != group else countries.get(group, "") for n in names),
        recipients=tuple(dict.fromkeys(group if r == unnamed else r for r in actors.recipients)),
        hits=actors.hits,
    )


# "both countries", "the two sides", "officials of the two states": the article's two parties
_BOTH_SIDES = re.compile(
    r"\b(?:both|the\s+two|two)\s+(?:countries|sides|states|governments|nations|neighbou?rs|republics)\b", re.I
)
_PARTY_TYPES = frozenset({"state", "government", "military", "border_guard", "police", "armed_group"})


def article_sides(found: Sequence[SentenceActors], lexicon: Lexicon) -> tuple[str, ...]:
    """The actor of each of the two countries whose parties the article's sentences name
    most often (the one named most often for each), when there are at least two: who "both
    sides" are.  Ties keep the order of first mention."""
    by_country: dict[str, dict[str, int]] = {}
    for actors in found:
        for name in dict.fromkeys(actors.names):
            actor = lexicon.actor_named(name)
            if actor is not None and actor.country_iso3 and actor.actor_type in _PARTY_TYPES:
                counts = by_country.setdefault(actor.country_iso3, {})
                counts[name] = counts.get(name, 0) + 1
    if len(by_country) < 2:
        return ()
    ranked = sorted(by_country.items(), key=lambda item: -sum(item[1].values()))[:2]
    return tuple(max(counts, key=lambda n: counts[n]) for _, counts in ranked)



def _with_names(actors: SentenceActors, added: list[str], lexicon: Lexicon) -> SentenceActors:
    """``actors`` with the actors ``added`` (and their countries) after its own."""
    return SentenceActors(
        names=actors.names + tuple(added),
        spans=actors.spans,
        countries=actors.countries + tuple(lexicon.actor_named(n).country_iso3 for n in added),  # type: ignore[union-attr]
        recipients=actors.recipients,
        hits=actors.hits,
    )

def with_both_sides(actors: SentenceActors, sentence: str, sides: tuple[str, ...], lexicon: Lexicon) -> SentenceActors:
    """``actors`` plus each side of the article ("both countries", "the two sides") whose
    country the sentence does not already name an actor of."""
    if not sides or ("both" not in sentence and "two" not in sentence.lower()) or not _BOTH_SIDES.search(sentence):
        return actors
    countries = set(actors.countries)
    added = [n for n in sides if n not in actors.names and lexicon.actor_named(n).country_iso3 not in countries]  # type: ignore[union-attr]
    if not added:
        return actors
    return _with_names(actors, added, lexicon)


# "he said", "they claimed", "the official added": the sentence goes on with whoever the one
# before it named
_PRONOUN_SPEAKER = re.compile(
    r"(?:^\W*|[,\"”’]\s*)(?:he|she|they|the\s+(?:official|spokes(?:man|woman|person)|source|statement|minister|commander|governor))\s+"
    r"(?:\w+\s+)?(?:said|says|added|adds|warned|told|noted|stressed|claimed|claims|explained|suggested|reported)\b"
    r"|^\W*(?:He|She|They)\s+(?:\w+\s+)?(?:said|says|added|warned|claimed|told|suggested|were|had|have)\b",
    re.I,
)


def with_previous_speaker(actors: SentenceActors, sentence: str, previous: SentenceActors | None) -> SentenceActors:
    """A sentence that names no one and goes on with a pronoun or "the official" ("We are
    ready," he said) has the actors of the sentence before it."""
    if actors.names or previous is None or not previous.names or not _PRONOUN_SPEAKER.search(sentence):
        return actors
    return SentenceActors(names=previous.names, spans=actors.spans, countries=previous.countries, recipients=(), hits=actors.hits)
