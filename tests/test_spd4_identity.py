"""Byte-identical speed-ups of the fourth speed session (branch ``spd4``): module-level regexes
rewritten to open with one character class the regex engine can search for (a first letter
matched first, then ``\\b`` as a lookbehind).  Each test keeps the plain regex as it was and
checks the same matches (spans and groups, from random start and end offsets too) on the
corpus sentences of ``test_speed_identity`` and on thousands of random and mutated strings."""

import random
import re

from test_speed_identity import _sentences

_PLAIN = {
    ("reading", "_MARK_BREAK"): (
        r"[;:()\u201c\u201d\"]|\s[-\u2013\u2014]\s"
        r"|,\s*(?=(?:but|while|whereas|although|though|which|who|whom|whose|where|after|before|since|because|as|when|until|amid|saying|adding|according|despite)\b)"
        r"|,\s+and\s+"
        r"|\s(?:(?=(?:after|before|since|because|while|when|until|amid|although|though|whereas|despite)\s)"
        r"|(?=as\s)(?<!\bsuch\s)(?<!\bwell\s)(?<!\bknown\s)(?<!\bsame\s)(?<!\bso\s)(?<!\bjust\s)(?<!\bseen\s)(?<!\bregarded\s)(?<!\bdescribed\s)"
        r"(?=as\s+(?:[\w'’-]+\s+){1,4}?(?:(?:is|are|was|were|has|have|had)\s|(?-i:[a-z]+(?:ed|es)\s)"
        r"|(?:began|fled|fell|took|seized|launched|withdrew|withdraw|swept|rose|left|came|went|grew|saw|extends?)\s))"
        r"|\s*and\s+(?=that\b)|(?=(?:who|whom|whose|which|where)\s))"
    ),
    ("reading", "_SPEECH_BREAK"): (
        r"\b(?:said|says|say|told|tells|announced|stated|reported|reports|warned|claimed|claims|added|noted|confirmed|hopes?|hoped|believes?|believed|fears?|feared)\s+(?:that\s+)?"
        r"|\b(?:promised|pledged|vowed|assured|insisted|stressed|emphasi[sz]ed)\s+(?:\w+\s+)?that\s+"
    ),
    ("reading", "ANAPHOR"): (
        r"\b(?:the|these|this|those|that)\s+(?:[\w-]+\s+){0,2}?(?:drills?|exercises?|manoeuvres?|maneuvers?|war ?games?|"
        r"attacks?|strikes?|clash(?:es)?|fighting|shelling|operation|incident|deployment|delivery|shipment|transfer|talks|meeting|"
        r"attackers?|assailants?|intruders?|gunmen|militants|fighters|terrorists|trespassers|smugglers|raiders|violators|"
        r"skirmish(?:es)?|firefight|gunfight|gun battle|battle|confrontation|conflict|explosion|blast|bombing|raid|assault)\b"
        r"|\bas a result\b|\bduring the\b|\bin the (?:clash|attack|fighting|incident|shootout|exchange)\b"
    ),
    ("reading", "_NO_NEWS"): (
        r"\bit (?:is|should be|must be|is to be|has to be) (?:also )?noted\b"
        r"|\b(?:did not|didn['’]t|has not|have not|had not|could not be reached to) (?:immediately )?(?:respond|reply)\b|\brequests? for comments?\b"
        r"|\b(?:an earlier|a previous) version of this (?:article|story|report)\b"
        r"|\b(?:is|are|was|stretches|runs|extends)\s+(?:about\s+|some\s+|nearly\s+|almost\s+|more than\s+|over\s+)?[\d,.]+\s*(?:km|kilomet(?:er|re)s?|miles)(?:\s+\(\S+\s+\S+\))?\s+long\b"
        r"|^\W*Comments?\s+\d+\b"
    ),
    ("incidents", "_PROGRESSIVE"): (
        r"\b(?:is|are|am)\s+(?:now\s+|still\s+|currently\s+|reportedly\s+|also\s+)?(?:being\s+\w+(?:ed|en)|(?!(?:nothing|something|anything)\b)\w+ing)\b"
        r"|\b(?:has|have)\s+(?:now\s+|still\s+|also\s+)?been\s+(?!(?:nothing|something|anything)\b)\w+ing\b"
        r"|\b(?:is|are|am|remains?)\s+(?:now\s+|still\s+|currently\s+)?(?:under\s?way|ongoing|in\s+progress|on\s+(?:\w+\s+)?alert)\b|\bcurrently\b"
    ),
    # the filler (unchanged) is filled in from ``place.LOCATION_FILLER``
    ("place", "_LOCATIVE"): (
        r"\b(?:in|at|near|to|into|from|inside|outside|across|along|around|on|enter(?:ed|ing|s)?|infiltrat(?:ed|ing|es)?"
        r"|seiz(?:ed|ing)|captur(?:ed|ing)|t(?:ook|aking|aken)|overr(?:an|un|unning)|storm(?:ed|ing)|reach(?:ed|ing)"
        r"|visit(?:ed|ing|s)?|tour(?:ed|ing|s)?|inspect(?:ed|ing|s)?)"
        r"\s+(?:{LOCATION_FILLER}\s+){{0,5}}?$"
    ),
    ("place", "_ORIGIN"): (
        r"\b(?:(?<!km\s)(?<!kilometers\s)(?<!kilometres\s)(?<!miles\s)(?<!metres\s)(?<!meters\s)(?<!far\s)(?<!away\s)(?<!distance\s)from"
        r"|\bfrom\s+(?:an?|the|its|their|his|her)\s+(?:[\w-]+\s+){{0,3}}?(?:near|outside|based\s+in|stationed\s+in|in|at)"
        r"|originat\w*\s+(?:in|from)|(?:fled|flee|fleeing|retreat|retreated|retreating|escape|escaped|withdraw|withdrew|withdrawing)\s+(?:back\s+)?(?:to|toward|towards|into)"
        r"|(?:evacuated|relocated|sent|taken|flown|transferred|brought|transported|airlifted|hospitali[sz]ed|deported)\s+(?:back\s+)?(?:to|into)"
        r"|\bto\s+(?:reach|get\s+to)|(?:on\s+(?:their|his|her|its|the)\s+way|en\s+route)\s+to|bound\s+for|head(?:ed|ing)\s+(?:to|for|towards?)"
        r"|\b(?:leave|leaving|left|depart(?:ed|ing|s)?|set(?:ting)?\s+off|set\s+out)\s+for"
        r"|\b(?:smuggl|traffick)\w*\s+(?:[\w.,-]+\s+){{0,6}}?(?:to|into))"
        r"\s+(?:(?:{LOCATION_FILLER}|in)\s+){{0,6}}?$"
    ),
    ("place", "_OUTLAWED_IN"): r"\b(?:banned|outlawed|prohibited|proscribed)\s+in\s+(?:the\s+)?$",
    ("place", "_SOURCE_BEFORE"): r"\b(?:according\s+to|citing|quoting|quoted\s+by)\s+(?:the\s+)?$",
    ("place", "_FAR_SIDES_BEFORE"): (
        r"\bborders?\s+with\s+(?:(?:the\s+)?(?-i:[A-Z])[\w'’-]+(?:\s+(?-i:[A-Z])[\w'’-]+)?\s*(?:,|and|&)\s*)*(?:the\s+)?$"
    ),
    # ``place._CITY_OF`` (unchanged) is filled in
    ("place", "_INTRODUCED_AT"): r"\b(?:in|at|from)\s+{_CITY_OF}$",
    ("place", "IN_COUNTRY"): (
        r"\b(?:in|into|inside|within|across|throughout|near|around|enter(?:ed|ing|s)?|infiltrat(?:ed|ing|es)?)"
        r"\s+(?:{LOCATION_FILLER}\s+){{0,3}}?$"
    ),
    ("place", "BORDER_PHRASE"): (
        r"\b(?:along|on|near|at|across|to|towards|close to)\s+(?:the\s+)?(?:(?:[\w.()-]|(?<=\d),(?=\d))+\s+){0,5}?borders?\b"
        r"|\b(?-i:[A-Z][a-z]+)\s*[-\u2013\u2014]\s*(?-i:[A-Z][a-z]+)\s+borders?\b"
    ),
    ("place", "_DESCRIPTIVE_CLAUSE"): (
        r"\b(?:(?:which|that)\s+(?:borders?|adjoins?|neighbou?rs?|faces?|lies?\s+(?:opposite|across\s+from)|is\s+(?:adjacent|opposite|close)\s+to)"
        r"|bordering|adjacent\s+to|opposite|whose)\b[^,;:()]*"
    ),
}

# letters that ``re.I`` matches to an ASCII letter other than its two cases
_ODD = "\u0130\u0131\u017f\u212a"
_ODD_SPELLING = (str.maketrans("sik", "\u017f\u0130\u212a"), str.maketrans("siI", "\u017f\u0131\u0131"))
_RANDOM_WORDS = (
    "said says say told tells announced stated reported reports warned claimed claims added noted confirmed hope hopes hoped "
    "believe believes believed fear fears feared promised pledged vowed assured insisted stressed emphasised emphasized "
    "that the these this those as a result during in at near to into from inside outside across along around on enter entered "
    "infiltrated seized capturing took taking taken overran storming reached visited toured inspected is are am has have been "
    "being sent under way ongoing progress alert currently remains now still also nothing something fleeing drills clash attack "
    "fighting incident gunmen and but while which who whom whose where after before since because when until amid saying such "
    "well known so regarded fled launched the town of Khorog Panj district province northern its border Afghanistan's"
).split() + [
    "insisted that", "stressed again that", "said that", "is being sent", "is still fleeing", "has been fighting", "are on alert",
    "remains under way", "in the clash", "as a result", "the two attackers", "in northern Badakhshan", "took the post of",
    "which borders", "that lies opposite", "is adjacent to", "bordering", "whose", "within", "throughout", "entered",
    "along the Tajik-Afghan border", "Kyrgyz - Tajik border", "afghan-Tajik border",
    "20 km from", "not far from", "fled back to", "on their way to", "en route to", "set off for", "smuggle 33 kilograms of heroin into",
    "from an army garrison near", "headed towards", "left for", "originated in", "was hospitalised in", "taken back into", "sent to Khorog", "\u017fent to Khorog",
    "close to the border", "near its 1,300-km (800-mile) border",
    "Comments 12", "\u2014 Comments 3", "comment 1", "it is also noted", "did not immediately respond", "requests for comment",
    "banned in the", "outlawed in", "prohibited in", "according to the", "citing", "quoted by", "borders with the",
    "borders with Uzbekistan, Kyrgyzstan and", "said in the Tajik capital,", "at the city of", "from the town of",
    "could not be reached to reply", "a previous version of this story", "stretches some 1,344 km (835 miles) long", "is 2 km long",
]
_RANDOM_GLUE = [" ", " ", " ", "  ", ", ", "; ", ": ", " - ", " \u2013 ", "\n", "(", ")", "\u201c", "\"", ".", "-", "'", "’"]


def _random_strings(count: int, seed: int) -> list[str]:
    """Random strings of the words the regexes look for, glue between them, odd case folds,
    and corpus sentences mutated a few characters at a time."""
    rng = random.Random(seed)
    sentences = _sentences()
    out = []
    for i in range(count):
        if i % 2:
            words = [rng.choice(_RANDOM_WORDS) for _ in range(rng.randint(1, 14))]
            # some words spelt with the odd folds ("ſaid", "İn")
            words = [w.translate(_ODD_SPELLING[rng.randrange(2)]) if rng.random() < 0.15 else w for w in words]
            text = "".join(w + rng.choice(_RANDOM_GLUE) for w in words)
        else:
            text = rng.choice(sentences)
        chars = list(text)
        for _ in range(rng.randint(0, 4)):
            if not chars:
                break
            at = rng.randrange(len(chars))
            kind = rng.randrange(5)
            if kind == 0:
                chars[at] = chars[at].swapcase()
            elif kind == 1:
                chars[at] = rng.choice(_ODD + "sSiIkK")
            elif kind == 2:
                del chars[at]
            elif kind == 3:
                chars.insert(at, rng.choice(" ,;-\n"))
            else:
                chars[at] = rng.choice("xé_0")
        out.append("".join(chars))
    return out


def _matches(pattern: re.Pattern, text: str, pos: int, endpos: int) -> list:
    found = [(m.span(), m.regs, m.groups()) for m in pattern.finditer(text, pos, endpos)]
    first = pattern.search(text, pos, endpos)
    found.append(first and (first.span(), first.regs))
    return found


def _same_matches(module: str, name: str, texts: list[str], seed: int = 11, windows: bool = False) -> int:
    import importlib

    fast = getattr(importlib.import_module(f"geomap.events.{module}"), name)
    from geomap.events.place import _CITY_OF, LOCATION_FILLER

    source = _PLAIN[module, name]
    if "{LOCATION_FILLER}" in source:
        source = source.format(LOCATION_FILLER=LOCATION_FILLER)
    plain = re.compile(source.replace("{_CITY_OF}", _CITY_OF), fast.flags)
    assert fast.pattern != plain.pattern
    rng = random.Random(seed)
    hits = 0
    for text in texts:
        spans = [(0, len(text))]
        if text:
            a = rng.randrange(len(text) + 1)
            spans.append((a, rng.randint(a, len(text))))
        if windows:
            # as ``place`` calls it: the 40 characters before each capital letter
            spans += [(max(0, m.start() - 40), m.start()) for m in re.finditer(r"\b[A-Z]", text)]
        for pos, endpos in spans:
            expected = _matches(plain, text, pos, endpos)
            assert _matches(fast, text, pos, endpos) == expected, (name, text, pos, endpos)
            hits += len(expected) - 1
    return hits


def _check(module: str, name: str, windows: bool = False) -> None:
    assert _same_matches(module, name, _sentences(), windows=windows) > 3
    assert _same_matches(module, name, _random_strings(6000, sum(map(ord, name))), windows=windows) > 10


def test_mark_break_opening_its_characters_is_the_plain_regex():
    _check("reading", "_MARK_BREAK")


def test_speech_break_opening_its_first_letters_is_the_plain_regex():
    _check("reading", "_SPEECH_BREAK")


def test_anaphor_opening_its_first_letters_is_the_plain_regex():
    _check("reading", "ANAPHOR")


def test_progressive_opening_its_first_letters_is_the_plain_regex():
    _check("incidents", "_PROGRESSIVE")


def test_locative_opening_its_first_letters_is_the_plain_regex():
    _check("place", "_LOCATIVE", windows=True)


def test_in_country_opening_its_first_letters_is_the_plain_regex():
    _check("place", "IN_COUNTRY", windows=True)


def test_border_phrase_opening_its_first_letters_is_the_plain_regex():
    _check("place", "BORDER_PHRASE")


def test_descriptive_clause_opening_its_first_letters_is_the_plain_regex():
    _check("place", "_DESCRIPTIVE_CLAUSE")


def test_origin_opening_its_first_letters_is_the_plain_regex():
    _check("place", "_ORIGIN", windows=True)


def test_no_news_opening_its_first_characters_is_the_plain_regex():
    _check("reading", "_NO_NEWS")


def test_short_windows_before_a_name_opening_their_first_letters_are_the_plain_regexes():
    for name in ("_OUTLAWED_IN", "_SOURCE_BEFORE", "_FAR_SIDES_BEFORE", "_INTRODUCED_AT"):
        _check("place", name, windows=True)
