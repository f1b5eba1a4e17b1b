"""Where a sentence says its event happened.

Among the places of a sentence, one introduced as a location ("in", "at", "near", "along")
wins, then the most specific, then the nearest to the event's words.  Places that only
qualify someone ("Moscow-led"), say where someone came from or fled to, describe a
neighbour ("which borders …"), name a border, or stand for a government are not where it
happened.  What a class may be placed by differs: a statement only by the venue the text
gives ("said at a press conference in Bishkek"), a meeting only by a place introduced as
its location, violence never by a demonym.

The choice here is the sentence's own; :mod:`geomap.events.incidents` then refines a
country, a whole border or no place with the site of the incident the sentence belongs to.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from geomap.events.further import relative_aside
from geomap.model import Mention, Place, Toponym
from geomap.places.directions import with_direction
from geomap.places.resolve import haversine_km
from geomap.text import names_a_border

GEO_LEVEL_BY_FEATURE = {
    "military_base": "site", "training_ground": "site", "border_crossing": "site", "bridge": "site",
    "river_port": "site", "airfield": "site", "border_post": "site", "dam": "site", "site": "site",
    "city": "settlement", "town": "settlement", "village": "settlement",
    "admin2": "adm2", "admin1": "adm1",
    "region": "subnational_region", "valley": "subnational_region", "river": "subnational_region",
    "lake": "subnational_region", "mountain_range": "subnational_region",
    "sea": "subnational_region", "desert": "subnational_region",
    "pass": "site", "peak": "site", "glacier": "site",
    # a continent or an ocean is never finer than a country: "smuggled to Russia and Europe"
    # must not place a border clash at a continent as if it were a town
    "country": "country", "continent": "country", "ocean": "country",
}
SPECIFICITY = {"site": 0, "settlement": 1, "near_named_place": 1, "adm2": 2, "adm1": 3, "subnational_region": 4, "country": 5}
#: ACLED's geo-precision code by geo level: 1 the site or town, 2 near a town or within a
#: district, 3 a province, region, border or country
ACLED_PRECISION = {
    "site": 1, "settlement": 1, "near_named_place": 2, "adm2": 2, "adm1": 3, "subnational_region": 3, "country": 3,
}

_NEAR = re.compile(r"\b(?:near|close to|outside|around|next to|not far from|on the outskirts of|in the vicinity of)\s+(?:the\s+)?$", re.I)
_DISTANCE = re.compile(
    r"\b(?P<value>\d+(?:[.,]\d+)?)\s*(?:-\s*)?(?P<unit>km|kilomet(?:er|re)s?|miles?)\s+(?:\w+\s+){0,2}?(?:from|of|off|away from|outside)\s+(?:the\s+)?$",
    re.I,
)
# a place introduced as a location: a preposition, then at most a few determiners, directions,
# place nouns or names ("in the northern town of Kunduz"), not any words ("to demonstrate Moscow")
LOCATION_FILLER = (
    r"(?:the|a|an|its|their|his|her|this|that|northern|southern|eastern|western|central|north|south|east|west"
    r"|north-?eastern|north-?western|south-?eastern|south-?western|remote|mountainous|nearby|neighbou?ring|border|major|main|key|strategic"
    r"|town|city|village|district|province|region|area|settlement|territory|outskirts|vicinity|suburbs?"
    # "at the border crossing of Spin Boldak", "the checkpoint of Ishkashim": a site named by its place
    r"|crossing|checkpoint|post|outpost|of"
    # a name, possessive too, whatever the apostrophe ("Afghanistan´s", "governor`s")
    r"|(?-i:[A-Z][\w'’´`.-]*))"
)
# (the first letter is matched first, in a class of every letter ``re.I`` matches to it, then
# "\b" as a lookbehind and the rest of each word after a lookbehind of its letter: the regex
# engine searches for those letters)
_LOCATIVE = re.compile(
    r"(?-i:[IiİıAaNnTtFfOoEeSsſCcRrVv])(?<!\w.)"
    r"(?:(?<=i)(?:n|nto|nside|nfiltrat(?:ed|ing|es)?|nspect(?:ed|ing|s)?)|(?<=a)(?:t|cross|long|round)|(?<=n)ear"
    r"|(?<=t)(?:o|ook|aking|aken|our(?:ed|ing|s)?)|(?<=f)rom|(?<=o)(?:utside|n|verr(?:an|un|unning))"
    r"|(?<=e)nter(?:ed|ing|s)?|(?<=s)(?:eiz(?:ed|ing)|torm(?:ed|ing))|(?<=c)aptur(?:ed|ing)|(?<=r)each(?:ed|ing)"
    # where someone went: "visited Balkh province", "toured the Panj post"
    r"|(?<=v)isit(?:ed|ing|s)?)"
    rf"\s+(?:{LOCATION_FILLER}\s+){{0,5}}?$",
    re.I,
)
# where a statement was made: "at a press conference in Bishkek", "told reporters in Kabul"
_VENUE = re.compile(
    r"\b(?:in|at)\s+(?:the\s+)?(?:(?:city|capital|town|village|northern|southern|eastern|western)\s+(?:of\s+)?"
    # "in the Tajik capital, Dushanbe"
    r"|(?:[\w-]+\s+)?(?:city|capital|town),\s+)?$",
    re.I,
)
# "Speaking at a press conference in Dushanbe, the minister said …": a venue told before the saying
_VENUE_OPENING = re.compile(
    r"\b(?:speaking|addressing|briefing|at\s+an?\s+(?:[\w-]+\s+)?(?:press|news)\s+conference|at\s+an?\s+(?:[\w-]+\s+)?briefing)\b[^.;:\"“”]{0,80}$",
    re.I,
)
# (the first letter is matched first, in a class of every letter ``re.I`` matches to it, then
# "\b" as a lookbehind and the rest of each word after a lookbehind of its letter: the regex
# engine searches for those letters; here with every capital, which the second alternative opens with)
BORDER_PHRASE = re.compile(
    r"(?-i:[A-Zaoctn])(?<!\w.)"
    # "along its 1,300-kilometre (800-mile) border": a length is one of the words
    r"(?:(?:(?<=a)(?:long|t|cross)|(?<=o)n|(?<=n)ear|(?<=t)(?:o|owards)|(?<=c)lose to)\s+(?:the\s+)?(?:(?:[\w.()-]|(?<=\d),(?=\d))+\s+){0,5}?borders?\b"
    # "the Kyrgyz-Tajik border was closed": a border named by its two countries
    r"|(?-i:(?<=[A-Z])[a-z]+)\s*[-\u2013\u2014]\s*(?-i:[A-Z][a-z]+)\s+borders?\b)",
    re.I,
)


def has_border_phrase(sentence: str) -> bool:
    """Whether ``sentence`` has a :data:`BORDER_PHRASE`."""
    # every match spells "border", and no character but those letters matches them ignoring
    # case: the substring test rules out most sentences at a fraction of the regex's cost
    return "border" in sentence.lower() and BORDER_PHRASE.search(sentence) is not None


# border forces act at their border: "Tajik border guards took part in 30 skirmishes"
_BORDER_FORCES = re.compile(
    r"\bborder\s+(?:guards?|troops|forces|service|units?|patrols?|posts?|outposts?|guard(?:\s+\w+)?\s+(?:service|forces|units?|directorate))\b"
    r"|\bfrontier (?:guards|posts?|troops)\b",
    re.I,
)
# "Sher Khan Bandar town at the border …": the border phrase locates the place right before it
_AT_THE_BORDER_AFTER = re.compile(
    # possessive whitespace: the optional words between make plain '\s*' runs backtrack in O(n^4)
    r"\s*+,?\s*+(?:(?:a|the)\s++)?(?:town|city|village|district|post|outpost|crossing|checkpoint|bridge|port|area|settlement)?"
    r"\s*+,?\s*+(?:(?:which|that)\s++(?:is|lies)\s++)?(?:on|at|near|along|by|close to)\s++(?:the\s++)?(?:[\w-]+\s++){0,3}?borders?\b",
    re.I,
)
# "from Afghanistan", "originated in Badakhshan": where someone came from, not where it happened
# (the first letter first, see ``_LOCATIVE``: every match ends at the end, so the order of the
# words, grouped by their first letter, does not change it)
_ORIGIN = re.compile(
    r"(?-i:[FfOoRrEeWwSsſTtBbAaHhDdLl])(?<!\w.)"
    # "20 km from", "not far from", "away from": a distance to the place, not an origin (the
    # lookbehinds look past the "f" matched)
    r"(?:(?<=f)(?:(?<!km\s.)(?<!kilometers\s.)(?<!kilometres\s.)(?<!miles\s.)(?<!metres\s.)(?<!meters\s.)(?<!far\s.)(?<!away\s.)(?<!distance\s.)rom"
    # "troops from an army garrison near the city of Mary": where the troops came from
    r"|rom\s+(?:an?|the|its|their|his|her)\s+(?:[\w-]+\s+){0,3}?(?:near|outside|based\s+in|stationed\s+in|in|at)"
    r"|(?:led|lee|leeing)\s+(?:back\s+)?(?:to|toward|towards|into)|lown\s+(?:back\s+)?(?:to|into))"
    # "evacuated to Batken", "sent to Bishkek for treatment": a destination, not where it happened;
    # "a detour in order to reach Mazar-e-Sharif", "militants on their way to Tajikistan": where
    # a journey was headed; "residents trying to leave for Kabul", "the convoy set off for Khorog";
    # "trying to smuggle 33 kilograms of heroin into Uzbekistan": where the goods were bound
    r"|(?<=o)(?:riginat\w*\s+(?:in|from)|n\s+(?:their|his|her|its|the)\s+way\s+to)"
    r"|(?<=r)(?:etreat|etreated|etreating)\s+(?:back\s+)?(?:to|toward|towards|into)|(?<=r)elocated\s+(?:back\s+)?(?:to|into)"
    r"|(?<=e)(?:scape|scaped)\s+(?:back\s+)?(?:to|toward|towards|into)|(?<=e)vacuated\s+(?:back\s+)?(?:to|into)|(?<=e)n\s+route\s+to"
    r"|(?<=w)(?:ithdraw|ithdrew|ithdrawing)\s+(?:back\s+)?(?:to|toward|towards|into)"
    r"|(?<=s)(?:ent\s+(?:back\s+)?(?:to|into)|et(?:ting)?\s+off\s+for|et\s+out\s+for|muggl\w*\s+(?:[\w.,-]+\s+){0,6}?(?:to|into))"
    r"|(?<=t)(?:(?:aken|ransferred|ransported)\s+(?:back\s+)?(?:to|into)|o\s+(?:reach|get\s+to)|raffick\w*\s+(?:[\w.,-]+\s+){0,6}?(?:to|into))"
    r"|(?<=b)(?:rought\s+(?:back\s+)?(?:to|into)|ound\s+for)|(?<=a)irlifted\s+(?:back\s+)?(?:to|into)"
    r"|(?<=h)(?:ospitali[sz]ed\s+(?:back\s+)?(?:to|into)|ead(?:ed|ing)\s+(?:to|for|towards?))"
    r"|(?<=d)(?:eported\s+(?:back\s+)?(?:to|into)|epart(?:ed|ing|s)?\s+for)|(?<=l)(?:eave|eaving|eft)\s+for)"
    rf"\s+(?:(?:{LOCATION_FILLER}|in)\s+){{0,6}}?$",
    re.I,
)
# "… in the Dovang district, which borders the Shamsiddin Shohin district of Tajikistan": the
# places of such a clause describe a neighbour of the place, they are not where it happened
_DESCRIPTIVE_CLAUSE = re.compile(
    r"(?-i:[WwTtBbAaOo])(?<!\w.)"  # the first letter first (see ``_LOCATIVE``)
    r"(?:(?:(?<=w)hich|(?<=t)hat)\s+(?:borders?|adjoins?|neighbou?rs?|faces?|lies?\s+(?:opposite|across\s+from)|is\s+(?:adjacent|opposite|close)\s+to)"
    # "Putin, whose country has a base in Tajikistan": what describes someone
    r"|(?<=b)ordering|(?<=a)djacent\s+to|(?<=o)pposite|(?<=w)hose)\b[^,;:()]*",
    re.I,
)
POSSESSIVE_AFTER = re.compile(r"['’]s?\b")  # "China's embassy": whose, not where
# "Kyrgyz and Tajik troops": nationality words of armed forces say whose border it is
# ("Turkmenistan's border forces": a country's own forces too)
_FORCES_AFTER = re.compile(
    r"(?:['’]s)?(?:\s*(?:,|and|&)\s*[A-Z][\w-]+)*\s+(?:border\s+)?(?:troops|forces|soldiers|guards|military|army|armies|servicem[ae]n|units|police|militias?|fighters)\b"
)
# a country introduced as a location ("in southern Tajikistan") is where, not who
IN_COUNTRY = re.compile(
    r"(?-i:[IiİıWwAaTtNnEe])(?<!\w.)"  # the first letter first (see ``_LOCATIVE``)
    r"(?:(?<=i)(?:n|nto|nside|nfiltrat(?:ed|ing|es)?)|(?<=w)ithin|(?<=a)(?:cross|round)|(?<=t)hroughout|(?<=n)ear|(?<=e)nter(?:ed|ing|s)?)"
    rf"\s+(?:{LOCATION_FILLER}\s+){{0,3}}?$",
    re.I,
)
# "Moscow-led", "Dushanbe-based": the place qualifies someone, it is not where things happen
_MODIFIER_AFTER = re.compile(
    r"[-–](?:led|backed|based|brokered|sponsored|funded|made|built|controlled|allied|aligned|friendly|run|owned|supported|bound)\b"
    r"|\s+time\b"  # "08:00 Moscow time": a time zone
    # "the 217 Pamir army corps", "the Pamir operation": a unit or an operation named after a place
    r"|\s+(?:army\s+|military\s+)?(?:corps|operation|division|brigade|regiment)\b",
    re.I,
)
# "anti-Kabul radicals", "pro-Moscow parties": a place naming whom someone is for or against
_MODIFIER_BEFORE = re.compile(r"\b(?:anti|pro)[-\u2010\u2011]$", re.I)
# "U.S. Chargé d'Affaires", "Tajikistan Border Guard Forces": a country naming a title or a body
_TITLE_AFTER = re.compile(r"(?:['’]s)?\s+(?-i:[A-Z])[\w'’-]+")
_DATELINE_PREFIX = re.compile(r"(?:^|\n)[ \t]*(?:[A-Z][A-Z .'-]*/)*$")
_CLAUSE_WORDS = ("which", "that", "bordering", "adjacent", "opposite", "whose")
_ORIGIN_WORDS = ("from", "originat", "fle", "retreat", "escap", "withdr", "evacuat", "relocat", "sent", "taken", "flown",
                 "transfer", "brought", "transport", "airlift", "hospital", "deport", "reach", "get to", "way to", "route", "bound",
                 "head", "smuggl", "traffick", "leav", "left", "depart", "set off", "set out")


@dataclass(frozen=True, slots=True)
class BorderZone:
    """The border area used as the place of "along the border" events."""

    place: Place
    pair: str
    countries: tuple[str, ...] = ()  # ISO alpha-2 of the two countries


@dataclass(frozen=True, slots=True)
class PlaceChoice:
    """A place chosen for an event, the relation the text states, its geo level and why."""

    toponym: Toponym | None = None
    relation: str = ""
    geo_level: str = ""
    reason: str = ""
    zone: BorderZone | None = None  # the border, when the place is "along the border"
    weak: bool = False  # only a nationality word says where: any place of the incident is better

    @property
    def specific(self) -> bool:
        """Below country level, not a whole border, not only a qualifier: a place that tells
        incidents apart."""
        if self.toponym is None or self.geo_level in ("", "country") or self.weak:
            return False
        place = self.toponym.place
        return place.source != "border" and bool(place.country)


NO_PLACE = PlaceChoice()


def geo_level(toponym: Toponym) -> str:
    """The geo level of a resolved place (``settlement`` for unknown feature types)."""
    return GEO_LEVEL_BY_FEATURE.get(toponym.place.feature_type, "settlement")


def zone_for(
    zones: tuple[BorderZone, ...], toponyms: Sequence[Toponym], text: str = "", default: BorderZone | None = None
) -> BorderZone | None:
    """The border the sentence talks about: the one its border phrase names ("the
    Afghanistan-Tajikistan border", "the Afghan border"), else the one between countries it
    names or whose forces act ("Kyrgyz and Tajik troops clashed along the border"), else the
    article's border (``default``), else the primary.  Nationality words of others ("Chinese
    workers were killed") choose nothing; countries listed after "the border with" are the far
    sides of one country's borders, never the two sides of one border."""
    if not zones:
        return None
    default = default or zones[0]
    countries = [t for t in toponyms if t.place.feature_type == "country"]
    naming = {t.place.country for t in countries if text and _names_a_border(text, t.mention.start, t.mention.end)}
    named = naming | {t.place.country for t in countries if _names_a_party(text, t)}
    far, _ = _far_and_near(countries, text)
    for chosen in (naming, named):
        both = [z for z in zones if z.countries and set(z.countries) <= chosen and not set(z.countries) <= far]
        if both:
            return both[0]
    if named and not set(default.countries) & named:
        return _border_of_a_named(zones, named, far, default) or default
    return default


def _border_of_a_named(zones: tuple[BorderZone, ...], named: set[str], far: set[str], default: BorderZone) -> BorderZone | None:
    """A border of a country the sentence names; of a country's borders with the far sides, those
    of the article border's country that has the most of them first (whose borders they are)."""
    one = [z for z in zones if set(z.countries) & named and not set(z.countries) <= far]
    home = _home_of(far, zones, default)
    one.sort(key=lambda z: home not in z.countries)
    return one[0] if one else None


_FAR_SIDES_BEFORE = re.compile(  # (the first letter first, see ``_LOCATIVE``)
    r"(?-i:[Bb])(?<!\w.)orders?\s+with\s+(?:(?:the\s+)?(?-i:[A-Z])[\w'’-]+(?:\s+(?-i:[A-Z])[\w'’-]+)?\s*(?:,|and|&)\s*)*(?:the\s+)?$", re.I
)


def _home_of(far: set[str], zones: tuple[BorderZone, ...], default: BorderZone) -> str:
    """Of the article border's two countries, the one that borders most of the far sides."""
    if not far:
        return ""
    return max(default.countries, key=lambda c: sum(1 for z in zones if c in z.countries and set(z.countries) & far), default="")


def _far_and_near(toponyms: Sequence[Toponym], text: str) -> tuple[set[str], set[str]]:
    """The countries a text names as the far sides of a border ("the border with Kyrgyzstan,
    Uzbekistan and China"), and those it names otherwise."""
    far: set[str] = set()
    near: set[str] = set()
    if not text or "with" not in text:
        return far, near
    for t in toponyms:
        if t.place.feature_type != "country":
            continue
        listed = _FAR_SIDES_BEFORE.search(text, max(0, t.mention.start - 60), t.mention.start)
        (far if listed else near).add(t.place.country)
    return far, near


def _names_a_party(text: str, toponym: Toponym) -> bool:
    """A country named as such (not "China's embassy"), or the nationality of armed forces."""
    if not text:
        return not toponym.adjectival
    if not toponym.adjectival and not POSSESSIVE_AFTER.match(text, toponym.mention.end):
        return True
    return bool(_FORCES_AFTER.match(text, toponym.mention.end))


def article_zone(zones: tuple[BorderZone, ...], toponyms: Sequence[Toponym], text: str = "") -> BorderZone | None:
    """The border an article is about: the one whose two countries it names most (the less
    named of the two counts; demonyms do not: "Chinese workers" name no border), else the one
    whose two countries a pair of nationality words names ("a Kyrgyz-Tajik clash", "Kyrgyz
    and Tajik guards"), else, of the borders of a country it names, the one whose two
    countries its names and nationality words together name most ("Uzbek guards killed
    Afghan smugglers … into Uzbekistan"); the primary border on ties or when no border has
    both its countries named."""
    if not zones:
        return None
    named = Counter(t.place.country for t in toponyms if not t.adjectival and t.place.country)
    far, near = _far_and_near(toponyms, text)
    far -= near  # named only as far sides
    for counted, among in _border_counts(zones, toponyms, text, named):
        among = tuple(zone for zone in among if not set(zone.countries) <= far)
        best = max(among, key=lambda zone: min((counted[c] for c in zone.countries), default=0), default=None)  # the first of equals: the primary
        if best is not None and min((counted[c] for c in best.countries), default=0) > 0:
            return best
    return zones[0]


def _border_counts(
    zones: tuple[BorderZone, ...], toponyms: Sequence[Toponym], text: str, named: Counter[str]
) -> Iterator[tuple[Counter[str], tuple[BorderZone, ...]]]:
    """The country counts ``article_zone`` tries in turn, with the borders each may choose
    among (computed only when the ones before choose none)."""
    yield named, zones
    yield _paired_nationalities(text, toponyms), zones
    yield Counter(t.place.country for t in toponyms if t.place.country), tuple(zone for zone in zones if set(zone.countries) & set(named))


_PAIRED = re.compile(r"\s*(?:[-\u2013\u2014/]|and|&)\s*$", re.I)


def _paired_nationalities(text: str, toponyms: Sequence[Toponym]) -> Counter[str]:
    """The countries of nationality words written as a pair ("Kyrgyz-Tajik", "Kyrgyz and Tajik")."""
    counted: Counter[str] = Counter()
    if not text:
        return counted
    for first, second in zip(toponyms, toponyms[1:]):
        if not (first.adjectival and second.adjectival) or first.place.country == second.place.country:
            continue
        if 0 <= second.mention.start - first.mention.end <= 5 and _PAIRED.match(text[first.mention.end : second.mention.start]):
            counted.update((first.place.country, second.place.country))
    return counted


# "the governor of Kunduz province", "China's ambassador to Tajikistan", "a native of Khatlon":
# the place qualifies an office or a person, it is not where the event happened
_OFFICE_BEFORE = re.compile(
    r"\b(?:(?:governors?|mayors?|natives?|heads?|chiefs?|lawmakers?|MPs?|senators?|members?\s+of\s+parliament)"
    # "so-called governor of Taliban for Kunduz province": whose office, then where
    r"(?:\s+of\s+(?:the\s+)?(?-i:[A-Z][\w'’-]*))?\s+(?:of|for)"
    r"|(?:ambassadors?|envoys?|consuls?)\s+(?:of|for|to))"
    r"\s+(?:the\s+)?$",
    re.I,
)
# "Kunduz law enforcement authorities", "Badakhshan governor's spokesman", "Takhar police": the
# place names whose authority speaks or acts
_BODY_AFTER = re.compile(
    r"(?:['’`´]s)?\s+(?:(?:province|provincial|district|city|regional|region)(?:['’`´]s)?\s+)?"
    r"(?:police|governor|authorities|officials?|council|law\s+enforcement|administration|prosecutors?|spokes(?:man|woman|person))\b",
    re.I,
)
_OFFICE_WORDS = ("governor", "mayor", "ambassador", "envoy", "consul", "native", "head", "chief", "lawmaker", "mp", "senator",
                 "member")


# "One of them, Karim Rahimov of Balkh Province, was sentenced": a person's home, set off by commas
_PERSON_OF = re.compile(r"(?-i:[A-Z][\w'’-]+)\s+(?-i:[A-Z][\w'’-]+)\s+of\s+$")


def qualifies_someone(text: str, toponym: Toponym) -> bool:
    """Whether the place only qualifies an office, a person or a body ("the governor of Kunduz
    province", "a native of Khatlon", "Karim Rahimov of Balkh, 30,", "Takhar police"), unless
    introduced as a location."""
    start = toponym.mention.start
    window = text[max(0, start - 50) : start]
    lowered = window.lower()
    if any(word in lowered for word in _OFFICE_WORDS) and _OFFICE_BEFORE.search(window):
        return True
    if window.endswith(" of ") and text.startswith(",", toponym.mention.end) and _PERSON_OF.search(window):
        return True
    return bool(_BODY_AFTER.match(text, toponym.mention.end)) and not _locative(text, toponym)


def descriptive_clauses(sentence: str) -> list[tuple[int, int]]:
    """Spans of "which borders …"-style clauses (see ``_DESCRIPTIVE_CLAUSE``)."""
    lowered = sentence.lower()
    if not any(word in lowered for word in _CLAUSE_WORDS):
        return []
    return [m.span() for m in _DESCRIPTIVE_CLAUSE.finditer(sentence)]


_ROUTE = r"(?:road|highway|motorway|route|railway|railroad|rail line|pipeline|canal|power line|corridor)"
# "on the Isfana — Batken road": a place that names one end of a route is not where on it
_ROUTE_END_AFTER = re.compile(rf"\s*[-\u2013\u2014]\s*(?:[A-Z][\w'\u2019.-]*\s*){{1,3}}{_ROUTE}s?\b")
_ROUTE_END_BEFORE = re.compile(rf"(?:[A-Z][\w'\u2019.-]*\s*[-\u2013\u2014]\s*$)|\b{_ROUTE}s?\s+(?:from|between|linking|connecting)\s+(?:\S+\s+){{0,3}}?(?:(?:to|and)\s+)?$")
_ROUTE_AFTER = re.compile(rf"\s+{_ROUTE}s?\b", re.I)


def is_route_end(text: str, toponym: Toponym) -> bool:
    """Whether the place names an end of a road, railway or pipeline ("the Isfana — Batken
    road", "the highway linking Dushanbe and Khujand"): the route, not the town, is where."""
    start, end = toponym.mention.start, toponym.mention.end
    if _ROUTE_END_AFTER.match(text, end):
        return True
    before = text[max(0, start - 60) : start]
    return bool(_ROUTE_END_BEFORE.search(before)) and (
        not before.rstrip().endswith(("-", "\u2013", "\u2014")) or bool(_ROUTE_AFTER.match(text, end))
    )


# "travelled to Tajikistan for border talks": a preposition after the name starts another
# phrase, the name is no part of a border's name
_PREPOSITION_AFTER = re.compile(r"\s+(?:for|to|and|in|at|on|with|from|by|over|about|amid)\s", re.I)


def _names_a_border(text: str, start: int, end: int) -> bool:
    return names_a_border(text, start, end) and not _PREPOSITION_AFTER.match(text, end)


# "on the frontier with Xinjiang", "a district bordering China's Xinjiang province": the region
# across a border, not where things happen
_ACROSS_THE_BORDER = re.compile(
    r"\b(?:(?:border|frontier)s?\s+(?:with|of)|bordering|borders)\s+(?:the\s+)?(?:(?:[\w-]+['’]s|[\w-]+)\s+){0,2}?$", re.I
)


# "the impoverished province bordering Tajikistan": a country that only says what a place
# lies next to
_BORDERING = re.compile(r"\b(?:bordering|adjoining|adjacent\s+to)\s+(?:the\s+)?(?:[\w-]+['’]s\s+)?$", re.I)


def _across_a_border(text: str, toponym: Toponym) -> bool:
    """Whether a region or province is named only as what lies across a border, or a country
    only as what a place borders."""
    start = toponym.mention.start
    level = geo_level(toponym)
    if level == "country":
        return not toponym.adjectival and _BORDERING.search(text, max(0, start - 40), start) is not None
    if level not in ("adm1", "subnational_region"):
        return False
    return _ACROSS_THE_BORDER.search(text, max(0, start - 50), start) is not None


# "the city of", "the Tajik capital,": the words that may stand between "in" and a venue's name
_CITY_OF = r"(?:the\s+(?:[\w-]+\s+)?(?:city|capital|town)(?:\s+of\s+|,\s+))?"
# "said in Dushanbe", "told reporters in Kabul", "speaking at a news conference in Bishkek":
# where the report was made; the words between the saying and the place are its day or its
# addressee, never what was said ("said militants attacked in Darvoz" is the attack's place)
_SAID_AT = re.compile(
    r"\b(?:(?:said|says|stated|declared|announced|added|noted|reported|wrote|speaking|spoke|commented|briefed)"
    r"(?:\s+(?:on\s+|late\s+|early\s+)?(?:(?-i:[A-Z][a-z]+day)|today|yesterday))?"
    r"|(?:told|telling|tells|briefing|addressed|addressing)\s+(?:(?:a|an|the)\s+)?(?:[\w/.-]+\s+){0,2}?"
    r"(?:reporters|journalists|media|press|conference|briefing|parliament|lawmakers|deputies|(?-i:[A-Z][\w/.-]*)))"
    r"(?:\s+(?:at|during|in)\s+(?:a|an|the|his|her|their)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:news conference|press conference|conference|briefing|meeting|interview|statement|ceremony|session|forum|summit|speech))?"
    rf"\s+(?:in|at|from)\s+{_CITY_OF}$",
    re.I,
)
# "officials in Dushanbe said …": where the speakers are
_SPEAKERS_IN = re.compile(
    r"\b(?:officials?|authorities|spokes(?:man|woman|person)|sources?|ministry|government|diplomats?|representatives?"
    r"|analysts?|experts?|correspondents?|journalists?|reporters?|observers?)\s+(?:based\s+)?in\s+$",
    re.I,
)
_SAYS_AFTER = re.compile(
    r"[\s,]+(?:[\w'’-]+\s+){0,3}?(?:said|say|says|told|tell|tells|reported|report|claimed|claim|confirmed|announced|believe|believed)\b", re.I
)
_SAID_WORDS = ("said", "says", "stated", "declared", "announced", "added", "noted", "reported", "wrote", "speak", "spok", "comment",
               "brief", "told", "tell", "address")
# every venue or speakers' place is introduced by one of these
_INTRODUCED_AT = re.compile(rf"(?-i:[IiİıAaFf])(?<!\w.)(?:(?<=i)n|(?<=a)t|(?<=f)rom)\s+{_CITY_OF}$", re.I)  # the first letter first (see ``_LOCATIVE``)


def where_said(text: str, toponym: Toponym) -> bool:
    """Whether the place is where something was said or where those who said it are ("said
    in Dushanbe", "told reporters in Kabul", "officials in Bishkek said"): the venue of a
    report, not where what it reports happened."""
    start = toponym.mention.start
    before = text[max(0, start - 90) : start]
    if not _INTRODUCED_AT.search(before, max(0, len(before) - 24)):
        return False
    lowered = before.lower()
    if any(word in lowered for word in _SAID_WORDS) and _SAID_AT.search(before):
        return True
    return bool(_SPEAKERS_IN.search(before)) and bool(_SAYS_AFTER.match(text, toponym.mention.end))


def is_origin(text: str, start: int) -> bool:
    """Whether the place at ``start`` is introduced as an origin or a destination of flight."""
    window = text[max(0, start - 60) : start]
    lowered = window.lower()
    return any(word in lowered for word in _ORIGIN_WORDS) and bool(_ORIGIN.search(window))


# "the withdrawal of NATO from Afghanistan", "troops pulled back from Kunduz", "civilians were
# evacuated from the villages": what a withdrawal leaves is where it happens
_LEFT_FROM = re.compile(
    r"\b(?:withdr[ae]w\w*|retreat\w*|pull(?:ed|ing|s)?[\s-]*(?:back|out)|pullouts?|evacuat\w*)"
    r"\s+(?:(?!from\b)[\w.'’-]+\s+){0,3}?from\s+(?:the\s+)?$",
    re.I,
)


# "troops sent to the Jowzjan border area", "weapons transferred to Tajikistan": where forces
# or arms are sent is where a deployment or a transfer takes place
_SENT_TO = re.compile(
    rf"\b(?:sent|dispatched|deployed|redeployed|transferred|moved|brought|transported|airlifted|flown)\s+(?:back\s+)?(?:to|into)"
    rf"\s+(?:{LOCATION_FILLER}\s+){{0,6}}?$",
    re.I,
)


def _sent_to(text: str, start: int) -> bool:
    return bool(_SENT_TO.search(text, max(0, start - 60), start))


def is_left_place(text: str, start: int) -> bool:
    """Whether the place at ``start`` is what a withdrawal or evacuation leaves ("withdrew
    from Afghanistan"): where it happened, though introduced by "from"."""
    window = text[max(0, start - 60) : start]
    return "from" in window.lower() and bool(_LEFT_FROM.search(window))


# "Kunduz (BNA) So-called governor …": a place and its news agency open the line
_AGENCY_AFTER = re.compile(r"[ \t]*\((?-i:[A-Z][A-Za-z.&/ -]{1,30})\)")


def in_dateline(text: str, toponym: Toponym) -> bool:
    """An upper-case place at the start of a line ("BISHKEK, Sept 18 (Reuters) -"), or one
    followed by its news agency ("Kunduz (BNA)"), is where the report was filed, not where
    the event happened."""
    surface = toponym.mention.text
    if not (surface.isupper() and len(surface) > 2) and not _AGENCY_AFTER.match(text, toponym.mention.end):
        return False
    return bool(_DATELINE_PREFIX.search(text, max(0, toponym.mention.start - 80), toponym.mention.start))


@dataclass(frozen=True, slots=True)
class SentencePlaces:
    """What the place choice needs to know about one event sentence."""

    text: str  # the whole article
    start: int  # the sentence's offsets in ``text``
    end: int
    trigger_at: int  # offset of the event's words in ``text``
    toponyms: tuple[Toponym, ...]  # places of the sentence a location may be chosen from
    zone: BorderZone | None  # the border of a border phrase of the sentence, if any
    home_country: str = ""  # ISO2 of the first acting party
    border_zone: BorderZone | None = None  # the border the sentence's countries (else the article) are about
    family: str = ""  # the class family (``event_classes.csv``)
    demonym_locates: bool = True
    zones: tuple[BorderZone, ...] = ()  # every border of the data, for violence between two neighbours

    @property
    def sentence(self) -> str:
        return self.text[self.start : self.end]


def _directed(context: SentencePlaces) -> SentencePlaces:
    """"In southern Tajikistan": the part of the country, not its centroid (the context itself
    when no mention names a part, which spares a copy per event)."""
    directed = tuple(with_direction(context.text, t) for t in context.toponyms)
    if isinstance(context.toponyms, tuple) and all(a is b for a, b in zip(directed, context.toponyms)):
        return context
    return replace(context, toponyms=directed)


def sentence_place(context: SentencePlaces) -> PlaceChoice:
    """The event's place as the sentence itself gives it (see the module docstring)."""
    context = _directed(context)
    if context.family == "speech":
        return _venue(context)
    candidates = _locations(context)
    if context.family == "diplomacy":
        return _introduced_location(context, candidates)
    candidates = [t for t in candidates if not where_said(context.text, t)]
    clauses = [(a + context.start, b + context.start) for a, b in descriptive_clauses(context.sentence)]
    border_phrase = context.zone is not None and has_border_phrase(context.sentence)
    named = _named_locations(context, candidates, border_phrase)
    if named:
        choice = _named_place(context, named, candidates, clauses, border_phrase)
        if choice is not None:
            return choice
    if border_phrase and context.zone is not None:
        return _border_choice(context)
    choice = _named_country(context, candidates, clauses)
    if choice is not None:
        return choice
    return _border_forces_place(context)


def _named_locations(context: SentencePlaces, candidates: list[Toponym], border_phrase: bool) -> list[Toponym]:
    """The places the sentence names (not adjectivally, not in its dateline); with a border
    phrase, only those it introduces as locations or the phrase is about."""
    named = [t for t in candidates if not t.adjectival and not in_dateline(context.text, t)]
    if border_phrase:
        # "held near the Tajik-Afghan border, designed to show Moscow stands ready": a place the
        # sentence does not introduce as a location does not beat the border it does, unless the
        # border phrase is about that place ("Sher Khan Bandar town at the border …")
        named = [t for t in named if _locative(context.text, t) or _AT_THE_BORDER_AFTER.match(context.text, t.mention.end)]
    return named


def _named_place(
    context: SentencePlaces, named: list[Toponym], candidates: list[Toponym], clauses: list[tuple[int, int]], border_phrase: bool
) -> PlaceChoice | None:
    """The best-ranked named place; None when it is a country and the sentence's border
    phrase says more."""
    chosen = min(named, key=lambda t: _rank(context, t, clauses))
    shared = _shared_border(context, named) if geo_level(chosen) == "country" else None
    if shared is not None:
        choice = _border_choice(replace(context, zone=shared))
        return replace(choice, reason=f"violence between the two countries of the {shared.pair} border, no finer place")
    if geo_level(chosen) != "country" or not border_phrase:
        return _with_relation(context.text, _own_country_yields(context, chosen, candidates, clauses))
    return None


def _named_country(context: SentencePlaces, candidates: list[Toponym], clauses: list[tuple[int, int]]) -> PlaceChoice | None:
    """A country the sentence names (adjectivally too, where the class allows it), if any."""
    countries = [
        t for t in candidates if t.place.feature_type == "country" and (context.demonym_locates or not t.adjectival)
    ]
    if not countries:
        return None
    chosen = min(countries, key=lambda t: _rank(context, t, clauses))
    how = "named adjectivally" if chosen.adjectival else "named"
    return PlaceChoice(chosen, "in", "country", f"the country the sentence {how}: {chosen.mention.text!r}", weak=chosen.adjectival)


def _border_forces_place(context: SentencePlaces) -> PlaceChoice:
    """Violence by border forces in a sentence that names no place: along the border of the
    sentence's countries (else the article's); otherwise no place."""
    if context.family == "violence" and context.border_zone is not None and _BORDER_FORCES.search(context.sentence):
        choice = _border_choice(replace(context, zone=context.border_zone))
        return replace(choice, reason=f"border forces act at their border: the {choice.zone.pair} border")  # type: ignore[union-attr]
    return NO_PLACE


def _shared_border(context: SentencePlaces, named: list[Toponym]) -> BorderZone | None:
    """"A clash between Tajikistan and Kyrgyzstan": violence whose sentence names two
    neighbours and no finer place happened on their border (the sentence's own border
    first)."""
    if context.family != "violence":
        return None
    countries = {t.place.country for t in named if t.place.feature_type == "country"}
    if len(countries) < 2:
        return None
    zones = ([context.zone] if context.zone is not None else []) + list(context.zones)
    return next((z for z in zones if len(z.countries) == 2 and set(z.countries) <= countries), None)


# "The visit comes days after a delegation held talks in Kabul", "the incident took place just
# days before a meeting of the presidents in Isfara", "clashes go on despite peace talks in
# Doha", "drills held amid the worsening situation in Afghanistan": what follows tells another
# event or state, the one this one is set against, or one it caused
_SET_AGAINST = re.compile(
    r"\b(?:(?:(?:comes?|came|coming)\s+(?:(?:just|only|barely|shortly|a|an|one|two|three|four|few|several|days?|weeks?|months?|hours?)\s+){0,4}"
    r"|(?:just|only|barely|shortly|days|weeks|months|hours)\s+(?:(?:a|an|one|two|three|four|few|several|days?|weeks?|months?|hours?)\s+){0,3})"
    r"(?:after|before|ahead\s+of)|despite|amid(?:st)?|as\s+part\s+of)\b"
    # "struck the north, causing buildings to shake in the capital": a consequence elsewhere
    r"|,\s*(?:causing|forcing|prompting|triggering|sparking|sending)\b",
    re.I,
)
_SET_AGAINST_WORDS = ("after", "before", "ahead", "despite", "amid", "as part of", "causing", "forcing", "prompting", "triggering", "sparking", "sending")


def _another_events_part(context: SentencePlaces) -> int:
    """Where the part of the sentence about another event begins (``context.end`` if none)."""
    lowered = context.sentence.lower()
    if not any(word in lowered for word in _SET_AGAINST_WORDS):
        return context.end
    found = _SET_AGAINST.search(context.text, context.trigger_at, context.end)
    return found.start() if found else context.end


# "the Taliban (banned in Russia)": where a group is outlawed qualifies the group
# (these two: the first letter first, see ``_LOCATIVE``)
_OUTLAWED_IN = re.compile(r"(?-i:[BbOoPp])(?<!\w.)(?:(?<=b)anned|(?<=o)utlawed|(?<=p)(?:rohibited|roscribed))\s+in\s+(?:the\s+)?$", re.I)
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:the\s+)?$", re.I)
# "according to Tashkent", "citing Kabul", "according to Shcherbakov": who the report is from,
# a source and never where anything happened
_SOURCE_BEFORE = re.compile(r"(?-i:[AaCcQq])(?<!\w.)(?:(?<=a)ccording\s+to|(?<=c)iting|(?<=q)(?:uoting|uoted\s+by))\s+(?:the\s+)?$", re.I)


# "Moqor district of Badghis province", "Kok-Tash, Batken region": the words that say the
# place before lies in the one after
_LIES_IN = re.compile(
    r"\s*(?:district|province|town|city|village|area|region|rural (?:area|district|community|council|municipality)|aiyl aimak|ayil okmotu|jamoat|municipality)?"
    r"\s*(?:,|\bof\b|\bin\b)\s*(?:the\s+)?(?:(?:north|south|east|west)\w*\s+)?$",
    re.I,
)
_CONTAINERS = frozenset({"admin1", "admin2", "country"})


def resolved_outside_its_container(text: str, toponym: Toponym, toponyms: Sequence[Toponym]) -> bool:
    """Whether the text says the place lies in the province, district or country named right
    after it ("Moqor district of Badghis province") but it was resolved outside that one: a
    namesake elsewhere, where the container is the safer place."""
    end = toponym.mention.end
    container = next((t for t in toponyms if end < t.mention.start <= end + 30 and not t.adjectival), None)
    if container is None or container.place.feature_type not in _CONTAINERS or container.place.feature_type == toponym.place.feature_type:
        return False
    if not _LIES_IN.fullmatch(text, end, container.mention.start):
        return False
    inner, outer = toponym.place, container.place
    if outer.feature_type == "country" or not inner.country:
        return bool(inner.country) and inner.country != outer.country
    return float(haversine_km(inner.lat, inner.lon, outer.lat, outer.lon)) > outer.uncertainty_km + inner.uncertainty_km


def _locations(context: SentencePlaces) -> list[Toponym]:
    """The sentence's places that can be where it happened: not modifiers ("Moscow-led", a
    country before a title or body: "U.S. Chargé d'Affaires", "banned in Russia"), origins or
    destinations of flight, ends of a route, places of another event it is set against ("days
    before a meeting in Isfara"), regions named as what lies across a border."""
    other_event = _another_events_part(context)
    return [
        t for t in context.toponyms
        if t.mention.start < other_event
        and not _MODIFIER_AFTER.match(context.text, t.mention.end)
        and not _MODIFIER_BEFORE.search(context.text, max(0, t.mention.start - 5), t.mention.start)
        and not _in_an_aside_apart(context, t)
        and not _OUTLAWED_IN.search(context.text, max(0, t.mention.start - 30), t.mention.start)
        and not _SOURCE_BEFORE.search(context.text, max(0, t.mention.start - 20), t.mention.start)
        and not _only_an_origin(context, t)
        and not (t.place.feature_type != "country" and not t.adjectival and is_route_end(context.text, t))
        and not (t.place.feature_type == "country" and _TITLE_AFTER.match(context.text, t.mention.end) and not _locative(context.text, t))
        and not resolved_outside_its_container(context.text, t, context.toponyms)
        and not _across_a_border(context.text, t)
    ]


def _in_an_aside_apart(context: SentencePlaces, toponym: Toponym) -> bool:
    """Whether the place is named in a "who" or "which" clause set off by commas that does not
    hold the event's words ("Kabul, which is about 300 km from Jurm, felt the tremors"): it
    describes a party or a place, not where the event happened."""
    if "," not in context.sentence:
        return False
    aside = relative_aside(context.sentence, toponym.mention.start - context.start)
    if aside is None or context.sentence.startswith(("where", "Where"), aside[0] + 2):
        return False
    return not aside[0] <= context.trigger_at - context.start < aside[1]


def _only_an_origin(context: SentencePlaces, toponym: Toponym) -> bool:
    """Whether the place is only where the event's people or goods came from or went to, not
    where it happened (a place left by a withdrawal, where troops are sent, and the crossing
    that traffic comes from are where it happened)."""
    at = toponym.mention.start
    if toponym.adjectival or not is_origin(context.text, at) or is_left_place(context.text, at):
        return False
    if context.family == "posture" and _sent_to(context.text, at):
        return False
    # "cargo traffic from Hairatan was suspended": the crossing is where its traffic comes from
    return not (context.family == "crossing" and _FROM_BEFORE.search(context.text, max(0, at - 12), at))


# "Moscow hosts a Taliban delegation", "Tajikistan will host the drills": the host is the venue
_HOSTS_AFTER = re.compile(r"\s+(?:(?:will|is|was|has|had|to|would)\s+)?(?:also\s+)?host(?:s|ed|ing)?\b", re.I)


# the end of the sentence before: "… set up in the city in September. GBAO governor X met …"
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“‘(]*[A-Z])")


def _locative(text: str, toponym: Toponym) -> bool:
    end = toponym.mention.start
    found = _LOCATIVE.search(text, max(0, end - 40), end)
    if found is not None and any(mark in text[found.start() : end] for mark in ".!?"):
        # the place's own first letter may be the capital that opens the sentence
        ends = [m.end() for m in _SENTENCE_END.finditer(text, found.start(), end + 1)]
        if ends:
            found = _LOCATIVE.search(text, ends[-1], end)
    return found is not None or bool(_HOSTS_AFTER.match(text, toponym.mention.end))


def _rank(context: SentencePlaces, t: Toponym, clauses: list[tuple[int, int]]) -> tuple[int, int, int, int, int]:
    level = geo_level(t)
    own = level == "country" and bool(context.home_country) and t.place.country == context.home_country
    aside = (level == "country" and _names_a_border(context.text, t.mention.start, t.mention.end)) or any(
        a <= t.mention.start < b for a, b in clauses
    )
    aside = aside or qualifies_someone(context.text, t)
    locative = _locative(context.text, t)
    return int(aside), 0 if locative else 1, int(own), SPECIFICITY[level], abs(t.mention.start - context.trigger_at)


def _own_country_yields(
    context: SentencePlaces, chosen: Toponym, candidates: list[Toponym], clauses: list[tuple[int, int]]
) -> Toponym:
    """"Russia sent vehicles to the Tajik army": the acting party's own country, not introduced
    as a location, yields to another country, even one named adjectivally."""
    if geo_level(chosen) != "country" or chosen.place.country != context.home_country or _locative(context.text, chosen):
        return chosen
    others = [
        t for t in candidates
        if t.place.feature_type == "country" and t.place.country != context.home_country
        and (context.demonym_locates or not t.adjectival)
    ]
    return min(others, key=lambda t: _rank(context, t, clauses)) if others else chosen


def _with_relation(text: str, chosen: Toponym) -> PlaceChoice:
    level = geo_level(chosen)
    before = text[max(0, chosen.mention.start - 60) : chosen.mention.start]
    distance = _DISTANCE.search(before)
    if distance:
        relation = f"{distance.group('value')} {distance.group('unit')} from"
        return PlaceChoice(chosen, relation, "near_named_place", f"the sentence places it {relation} {chosen.mention.text!r}")
    if _NEAR.search(before):
        near_level = "near_named_place" if level in ("site", "settlement") else level
        return PlaceChoice(chosen, "near", near_level, f"the sentence places it near {chosen.mention.text!r}")
    if qualifies_someone(text, chosen):
        return PlaceChoice(chosen, "in", level, f"the sentence names {chosen.mention.text!r} only to qualify someone", weak=True)
    locative = _locative(text, chosen)
    how = "introduces" if locative else "names"
    # a country named as a party ("Tajikistan, Uzbekistan to conduct drills") says little of where
    weak = level == "country" and not locative
    return PlaceChoice(chosen, "in", level, f"the most specific place the sentence {how} as its location: {chosen.mention.text!r}", weak=weak)


def _border_choice(context: SentencePlaces) -> PlaceChoice:
    zone = context.zone
    assert zone is not None
    mention = Mention(start=context.trigger_at, end=context.trigger_at, text="", kind="toponym")
    reason = f"sentence places the event along the {zone.pair} border"
    toponym = Toponym(mention=mention, place=zone.place, confidence=0.6, reasons=[reason])
    return PlaceChoice(toponym, "along the border", "subnational_region", reason, zone)


# between a speech act and a place, words that open what was said ("said that …", "said 22
# planes were landed at Termez"): the place is in the content, not where it was said
_WHAT_WAS_SAID = re.compile(
    r"\b(?:that|as|while|when|after|because|if|whether|were|was|had|have|has|is|are|will|would|could"
    # "claimed responsibility for the attack in Kunduz", "blamed them, saying they shot at a unit
    # in Kok-Tash": the place of what the statement is about
    r"|for|about|over|against|saying|claiming|accusing|alleging|insisting"
    # "condemned the attack in Shamsiddin Shohin district": where what it condemns happened
    r"|attacks?|assaults?|incidents?|clash(?:es)?|shootings?|killings?|bombings?|fighting|violence)\b|[\"“”]",
    re.I,
)


def _venue(context: SentencePlaces) -> PlaceChoice:
    """Where a statement was made, when the text says so ("told reporters in Kabul", "at a
    press conference in Bishkek"): a town or site introduced by "in" or "at" after the words
    of the statement.  A capital standing for its government ("Dushanbe said") and the
    place of a speaker ("officials in Russia") are no venue."""
    venues = [
        t for t in _locations(context)
        if not t.adjectival
        and (t.mention.start > context.trigger_at or _VENUE_OPENING.search(context.text, context.start, t.mention.start))
        and SPECIFICITY[geo_level(t)] <= SPECIFICITY["adm2"]
        and _VENUE.search(context.text, max(0, t.mention.start - 40), t.mention.start)
        and not in_dateline(context.text, t)
        and not _WHAT_WAS_SAID.search(context.text, context.trigger_at, t.mention.start)
    ]
    if not venues:
        return NO_PLACE
    chosen = min(venues, key=lambda t: (SPECIFICITY[geo_level(t)], abs(t.mention.start - context.trigger_at)))
    return PlaceChoice(chosen, "in", geo_level(chosen), f"the statement was made in {chosen.mention.text!r}")


# "met … to discuss the humanitarian crisis in Afghanistan": what was talked about, not where
_TOPIC_BEFORE = re.compile(
    r"\b(?:discuss(?:ed|es|ing)?|discussions?\s+(?:of|on)|regarding|concerning|on\s+the\s+situation"
    # "held talks on the Qosh Tepa canal", "willing to negotiate on the dam"
    r"|(?:talks|negotiat\w*|consultations)\s+(?:on|over|about)(?!\s+(?:the\s+)?(?:outskirts|sidelines|margins|edge|banks?|side|territory)\b))"
    r"\b[^.;:()]{0,90}$",
    re.I,
)


def _introduced_location(context: SentencePlaces, candidates: list[Toponym]) -> PlaceChoice:
    """A meeting's place: one the sentence introduces as a location ("talks in Termez"), else
    its dateline city; never the countries of the parties."""
    located = [
        t for t in candidates
        if not t.adjectival and _locative(context.text, t) and not in_dateline(context.text, t)
        and not _names_a_border(context.text, t.mention.start, t.mention.end)
        and not _TOPIC_BEFORE.search(context.text, max(context.start, t.mention.start - 90), t.mention.start)
        and not qualifies_someone(context.text, t)
    ]
    if located:
        clauses = [(a + context.start, b + context.start) for a, b in descriptive_clauses(context.sentence)]
        located = [t for t in located if not any(a <= t.mention.start < b for a, b in clauses)]
    if not located:
        filed = [t for t in candidates if not t.adjectival and in_dateline(context.text, t) and geo_level(t) != "country"]
        if filed:
            # "BISHKEK. March 13 (Interfax) - the presidents signed …": filed where it took place
            return PlaceChoice(filed[0], "in (dateline)", geo_level(filed[0]), f"the dateline city {filed[0].mention.text!r}")
        return NO_PLACE
    chosen = min(located, key=lambda t: (SPECIFICITY[geo_level(t)], abs(t.mention.start - context.trigger_at)))
    return _with_relation(context.text, chosen)
