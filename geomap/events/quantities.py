"""Counted things in a sentence: "about 1,000 soldiers", "12 armoured vehicles", "a dozen tanks".

Numbers: digits with Western (1,344) or South Asian (2,30,000) grouping, decimals with
a scale word ("1.5 million"), number words ("twelve", "a dozen", "hundreds of"), and
ranges ("300 to 400", "300-400").  Approximation words ("about", "some", "over") set
``approximate`` and, for "more than"/"up to", the low or high bound.
"""

from __future__ import annotations

import math
import re
from functools import reduce
from operator import or_

from geomap.events.casualties import PEOPLE, PERSON, TITLED_NAME, WOUNDING_PREFIXES, listed_casualties, running_total
from geomap.events.lexicon import QuantityUnit
from geomap.model import Quantity
from geomap.text import casefold_same_length

_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a hundred": 100, "hundred": 100,
    "a dozen": 12, "dozen": 12, "a thousand": 1000,
}
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
# "twenty-four", "thirty one": a ten and a unit written as words
_COMPOUND_WORDS = rf"(?:{'|'.join(_TENS)})[-\s](?:{'|'.join(_UNITS)})\b"
_VAGUE = {
    "dozens of": (24, 12, 99), "hundreds of": (200, 100, 999), "thousands of": (2000, 1000, 9999), "several": (3, 3, 9),
    "dozens": (24, 12, 99), "hundreds": (200, 100, 999), "thousands": (2000, 1000, 9999),
}
_SCALE = {"thousand": 1_000, "million": 1_000_000, "lakh": 100_000, "lakhs": 100_000, "crore": 10_000_000, "dozen": 12, "hundred": 100}
_APPROX_WORDS = (
    "about", "around", "some", "roughly", "approximately", "nearly", "almost", "an estimated", "estimated",
    "up to", "more than", "over", "at least", "fewer than", "less than", "close to", "as many as",
)
_APPROX = rf"(?P<approx>{'|'.join(_APPROX_WORDS)})"
_DIGITS = r"\d{1,3}(?:,\d{2})+,\d{3}|\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
_WORDS = "|".join(sorted((re.escape(w) for w in _WORD_NUMBERS), key=len, reverse=True))
# "two dozen": a count of dozens ("a dozen" and "dozen" alone are twelve)
_NUMBER = rf"(?:{_DIGITS})(?:\s+(?:thousand|million|lakhs?|crore|dozen))?|(?:{_COMPOUND_WORDS}|{_WORDS})(?:\s+(?:thousand|million|dozen|hundred))?"
QUANTITY_RE = re.compile(
    rf"(?:\b{_APPROX}\s+)?(?P<vague>(?:dozens|hundreds|thousands)(?: of)?|several)?"
    rf"(?(vague)|(?P<num>(?<![\w.,-])(?:{_NUMBER}))(?:\s*(?:-|–|to|or|and)\s*(?P<num2>{_NUMBER}))?)"
    r"(?=(?P<tail>(?:\s+.{0,120}|[.,;:!?)\]\"'”’].{0,119}|$)))",
    re.IGNORECASE,
)


_MONTH_NAMES = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?"
)
# "on September 17 that five…", "17th of March": a day of the month, not a count
_DAY_BEFORE = re.compile(rf"\b{_MONTH_NAMES}\s*$", re.I)
_DAY_AFTER = re.compile(rf"(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_NAMES}\b", re.I)
# a casualty verb right before the number says what was counted, whatever noun follows
# ("killing nearly 50 Shiite worshipers", "injured another 143", "shot dead three guards")
_DEATH_BEFORE = re.compile(
    r"\b(?:killing|killed|kill|kills|shot dead|shooting dead|shot to death|gunned down|claim(?:ed|ing|s)?\s+(?:the\s+)?lives\s+of|deaths? of|bodies of"
    r"|murder(?:ed|ing)|massacr(?:ed|ing)|slew|slaying|assassinat(?:ed|ing)|behead(?:ed|ing)"
    # "lost two soldiers", "losing an officer": a side's own dead
    r"|lost|losing|(?:the\s+)?loss(?:es)?\s+of"
    r"|neutrali[sz](?:ed|ing)|neutrali[sz]ation of|eliminat(?:ed|ing)|liquidat(?:ed|ing)"
    r"|the dead include[sd]?"
    # "was killed along with another 7 militants", "killed along with 9 people under his command"
    r"|(?:killed|died|dead)\s+(?:along|together)\s+with)\s+"
    # "killed Afghanistan's eight smugglers": whose they were may come first
    r"(?:(?:the\s+)?[\w-]+['’]s\s+)?(?:all\s+|another\s+|a further\s+)?$",
    re.I,
)
_INJURY_BEFORE = re.compile(r"\b(?:wound(?:ed|ing|s)?|injur(?:ed|ing|es)|hurt(?:ing)?|maim(?:ed|ing))\s+(?:another\s+|a further\s+)?$", re.I)
_CASUALTY_WORDS = (
    "kill", "dead", "death", "bodies", "gunned", "lives", "wound", "injur", "hurt", "maim", "neutrali", "eliminat", "liquidat", "los",
    "murder", "massacr", "slew", "slay", "assassinat", "behead",
)
# "killed 17 troops, 30 rebels and one civilian": the items after the first are counted alike
_LIST_JOINER = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|,?\s*(?:along with|as well as|together with)\s+)")
# "killing 13 people, nine of them civilians", "killed 41 people, 24 on the Kyrgyz side": a
# part of the count before, not more of them
# "… and dozens more were left injured": a count joined to a casualty count with a verb of its own
_OWN_CASUALTY_VERB = re.compile(
    r"\s*(?:[\w'’-]+\s+){0,3}?(?:were|was|have been|had been|are)\s+(?:\w+ly\s+|left\s+|also\s+)?(?P<how>[\w-]+)\b",
    re.I,
)
_KILLING_WORDS = ("killed", "dead", "slain", "murdered")
_PART_OF_THEM = re.compile(r"(?:of|among)\s+(?:them|whom|those)\b|(?:on|in|at|from|near|inside)\b", re.I)
_KILLED_OR_WOUNDED = r"(?P<how>killed|shot dead|shot and killed|murdered|slain|assassinated|beheaded|wounded|injured)"
# "A Tajik border guard officer has been killed": one person, though no number is written
_ONE_CASUALTY = re.compile(
    # "the Kyrgyz border guard was killed": one person, named by a singular noun
    # (or "one of the guards")
    rf"\b(?<!\bno\s)(?<!\bnot\s)(?:(?:an?|one|the|another)\s+(?:[\w-]+\s+){{0,4}}?{PERSON}"
    rf"|one\s+of\s+(?:(?:the|their|his|her|its|our)\s+)?(?:[\w-]+\s+){{0,3}}?{PEOPLE})\b"
    r"(?:\s+of\s+[^.;,]{1,40}?)?(?:\s*[,–—-]\s*[^.;]{1,40}?[,–—-])?\s+"
    # "was reportedly killed", "was earlier that day killed" (a few words, never a negation)
    rf"(?:(?:was|has been|had been)\s+(?:(?!not\b|never\b|nearly\b|almost\b)[\w-]+\s+){{0,3}}?(?:(?P<fatally>fatally|mortally|lethally)\s+)?{_KILLED_OR_WOUNDED}"
    r"|(?:later\s+|(?:has|had)\s+(?:since\s+|now\s+|also\s+)?)?(?P<died>died|perished|lost (?:his|her) life|succumbed to (?:his|her) (?:wounds|injuries)))\b"
    # "the body of a Tajik shepherd was found", "confirmed the death of its commander": a death
    rf"|\b(?:body|death|killing|murder|assassination)\s+of\s+(?:(?:an?|one|another|the|its|his|her|their)\s+(?:[\w-]+\s+){{0,3}}?{PERSON}\b(?!['’])|{TITLED_NAME})"
    # "the killed officer"
    rf"|\b(?:the|a)\s+killed\s+(?:[\w-]+\s+){{0,2}}?{PERSON}\b"
    # "killed an armed fighter", "shot to death a young officer"
    rf"|\b(?:killed|killing|shot dead|shooting dead|shot to death|gunned down|stabbed to death|murdered|murdering|lost|losing)"
    rf"\s+(?:an?|one|the|(?:the\s+)?[\w-]+['’]s)\s+(?:[\w-]+\s+){{0,3}}?{PERSON}\b(?!['’])"
    # a headline: "Airstrike Kills Taliban District Governor"
    rf"|^[^.;:]*?\bkills\s+(?:[\w-]+\s+){{0,3}}?{PERSON}\b(?!['’])"
    # "Lieutenant Umedjon Hasanov was killed", "…, Imomnazar Imomnazarov, was murdered": one named person
    # (with an aside on who the person was: "Bakhrom Khakimov, a teacher, was killed"), or "was among those killed"
    r"|\b(?-i:[A-Z][\w'’-]+)(?:\s+(?-i:[A-Z][\w'’-]+)){1,3}(?:,\s*[^,.;]{1,60},)?,?\s+"
    r"(?:(?:was|has been|had been)\s+(?:reportedly\s+|allegedly\s+)?(?:killed|shot dead|murdered|assassinated|shot in the \w+ and died)"
    r"|was\s+among\s+(?:those\s+killed|the\s+(?:killed|dead)))\b"
    # "… took a shot and killed him", "he was shot dead"
    r"|\b(?:killed|shot dead|murdered|assassinated)\s+(?:him|her)\b|\b(?:he|she)\s+was\s+(?:(?!not\b|nearly\b)\w+\s+){0,2}?(?:killed|shot dead|murdered)\b"
    # a headline: "Kyrgyz Soldier Killed In Shootout", "Tajik border guard dies in clash"
    rf"|^\s*(?:[\w-]+\s+){{0,3}}?{PERSON}(?:\s+of\s+[\w-]+)?\s+(?:killed|shot dead|murdered|dies|died)\b"
    r"(?!\s+(?:an?|the|his|her|their|its|one|two|three|four|five|six|seven|eight|nine|ten|\d)\b)"
    # a sentence that opens with one person, without an article: "Taliban district chief for Kunduz was killed"
    rf"|^(?![^.;,]*?\b(?:no|not|none|nobody)\b)\s*(?:[\w-]+\s+){{0,3}}?{PERSON}\b[^.;,]{{0,60}}?\s+(?:was|has been|had been)\s+"
    r"(?:(?!nearly\b|almost\b)\w+ly\s+)?(?:killed|shot dead|murdered|assassinated)\b",
    re.I,
)
# every alternative of _ONE_CASUALTY needs one of these
_ONE_CASUALTY_WORDS = (
    "kill", "shot", "shooting", "wounded", "injured", "died", "dies", "lost", "losing", "murder", "slain", "assassinat", "behead", "perished",
    "succumbed", "body", "death", "gunned", "stabbed", "among",
)
_CASUALTY_CATEGORIES = frozenset({"fatalities", "injured"})
_NONE_BEFORE = re.compile(r"\bnot?\s+$", re.I)
_PEOPLE_CATEGORIES = frozenset({"personnel", "fatalities", "injured", "detained", "displaced"})
# what a casualty verb's number is not: "were killed two days ago", "injured 3 km away"
_NOT_PEOPLE_AFTER = re.compile(
    r"(?:years?|months?|weeks?|days?|hours?|minutes?|times|percent|per cent|kilomet\w*|miles?|km)\b", re.I
)
# the noun phrase after a bare casualty number ("50 Shiite Muslim worshipers", not "… and wounding")
_COUNTED_WORDS = re.compile(r"(?:(?!(?:and|or|in|on|at|with|while|after|before|during|near|as|when|including)\b)[^\W\d_][\w'’-]*\s*){0,4}", re.I)
_MEASURE = re.compile(r"(?:mm|cm|m|km|kilomet(?:er|re)s?|met(?:er|re)s?|miles?|%|percent|per cent|calibre|caliber)\b", re.I)


def parse_number(text: str) -> int | None:
    """Integer value of a number written in digits or words ("2,30,000" → 230000)."""
    text = text.strip().lower()
    if text in _WORD_NUMBERS:
        return _WORD_NUMBERS[text]  # "a dozen", "a thousand": a number of their own, not a scale
    scale = 1
    for word, factor in _SCALE.items():
        if text.endswith(" " + word):
            scale, text = factor, text[: -len(word) - 1].strip()
            break
    if text in _WORD_NUMBERS:
        return _WORD_NUMBERS[text] * scale
    ten, _, unit = text.replace("-", " ").partition(" ")
    if ten in _TENS and unit in _UNITS:
        return (_WORD_NUMBERS[ten] + _WORD_NUMBERS[unit]) * scale
    digits = text.replace(",", "")
    try:
        value = float(digits) * scale
    except ValueError:
        return None
    # a figure of 309 digits or more reads as infinity: no count, not a crash (OverflowError)
    return int(round(value)) if math.isfinite(value) else None


_START_WORDS = (*_APPROX_WORDS, *_VAGUE, *_WORD_NUMBERS, *"0123456789")
_start_matcher = None


def _matches(sentence: str) -> list[re.Match[str]]:
    """``QUANTITY_RE.finditer(sentence)``, trying the regex only where a match can start.

    Every match begins with an approximation word, a vague amount or a number (digits
    or a number word): one Aho–Corasick pass finds those places, so the regex is not
    tried at every character.  Inside a word only a vague amount can begin a match (the
    approximation words need a word boundary, a number no ``[\\w.,-]`` before it).
    """
    global _start_matcher
    if _start_matcher is None:
        import ahocorasick

        matcher = ahocorasick.Automaton()
        for word in _START_WORDS:
            kind = "vague" if word in _VAGUE else "approx" if word in _APPROX_WORDS else "number"
            matcher.add_word(word, (len(word), kind))
        matcher.make_automaton()
        _start_matcher = matcher
    lowered = casefold_same_length(sentence)
    starts: dict[int, set[str]] = {}
    for end, (length, kind) in _start_matcher.iter(lowered):
        starts.setdefault(end - length + 1, set()).add(kind)
    found: list[re.Match[str]] = []
    resume = 0
    for start in sorted(starts):
        if start < resume:
            continue
        before = lowered[start - 1] if start else " "
        if before.isalnum() or before == "_":
            if "vague" not in starts[start]:
                continue
        elif before in ".,-" and starts[start] == {"number"}:
            continue  # a number needs no [\w.,-] before it
        match = QUANTITY_RE.match(sentence, start)
        if match is not None:
            found.append(match)
            resume = match.end()
    return found


def extract_quantities(sentence: str, units: list[QuantityUnit]) -> list[Quantity]:
    """Quantities of known categories in one sentence (years and distances excluded); a
    sentence that says no one was killed counts no dead, which is a count of 0."""
    counted = _counted_numbers(sentence, units)
    counted = _without_breakdowns(_with_listed_casualties(sentence, counted))
    found = _without_running_totals(sentence, counted)
    if not any(q.category == "fatalities" for q in found):
        found += [q for q in _single_casualty(sentence) if q.category == "fatalities" or not found]
    if not any(q.category == "fatalities" for q in found):
        found += _no_one_killed(sentence)
    return found


# "there were no casualties", "no one was killed", "no victims among the guards": no dead
_NO_DEAD = re.compile(
    r"\bno\s+(?:(?:reports?|word)\s+of\s+)?(?:(?:immediate|other|reported|human|further)\s+)?(?:casualties|victims|fatalities|deaths|dead|loss of life)\b"
    r"|\b(?:no\s*(?:one|body)|none|not\s+(?:a\s+single|one)(?:\s+[\w-]+)?)\s+(?:(?:was|were|has been|had been|have been|has|had)\s+)?(?:\w+ly\s+)?(?:killed|died|hurt|harmed)\b"
    # "the fighters were not hurt"
    r"|\b(?:was|were)\s+not\s+(?:killed|hurt|harmed)\b",
    re.I,
)


_NO_DEAD_WORDS = ("no ", "no-", "nobody", "none", "not ")


def _no_one_killed(sentence: str) -> list[Quantity]:
    lowered = sentence.lower()
    if not any(word in lowered for word in _NO_DEAD_WORDS):
        return []
    found = _NO_DEAD.search(sentence)
    return [Quantity(category="fatalities", best=0, raw_text=found.group(0))] if found else []


# ", a day after a shooting that left two dead": a clause that sets the event against another one
_ANOTHER_EVENT_CLAUSE = re.compile(
    r",\s*(?:(?:just|only|barely|shortly|some|about|nearly)\s+)?(?:(?:an?|one|two|three|four|five|six|several|a few|\d{1,2})\s+)?"
    r"(?:days?|weeks?|months?|hours?)\s+(?:after|before)\b|,\s*(?:shortly|just|soon|days|weeks|hours)\s+(?:after|before)\b",
    re.I,
)


def counts_of_events(sentence: str, units: list[QuantityUnit], main_at: int, second_at: int | None = None) -> tuple[list[Quantity], list[Quantity]]:
    """The counts of the event whose words are at ``main_at`` and of a second event at
    ``second_at``: a clause after the main event that sets it against another one ("killing
    eight militants, a day after a shooting that left two Tajiks dead") counts that one's
    casualties, not the main event's."""
    found = _ANOTHER_EVENT_CLAUSE.search(sentence, main_at) if "after" in sentence or "before" in sentence else None
    if found is None:
        counts = extract_quantities(sentence, units)
        return counts, counts
    main = extract_quantities(sentence[: found.start()], units)
    if second_at is None or second_at < found.start():
        return main, main
    return main, extract_quantities(sentence[found.start() :], units)


# "with his four men", "along with another 7 militants", "was killed along with 9 people": one
# person and that many more
_ONE_MORE_BEFORE = re.compile(
    r"\b(?:with\s+(?:his|her)|(?:along|together)\s+with\s+another"
    r"|was\s+(?:[\w'’-]+\s+){0,8}?(?:killed|shot dead)\s+(?:along|together)\s+with"
    # "leaving the shadow governor dead along with 15 insurgents"
    r"|(?:leaving|left)\s+(?:[\w'’-]+\s+){1,6}?dead\s+(?:along|together)\s+with)\s+$",
    re.I,
)


def _counted_numbers(sentence: str, units: list[QuantityUnit]) -> list[tuple[int, Quantity]]:
    """Every number of the sentence that counts something, with its offset."""
    found: list[tuple[int, Quantity]] = []
    listed: tuple[int, str] = (-1, "")  # where the last casualty count's noun phrase ended, and its category
    for match in _matches(sentence):
        tail = match.group("tail").lstrip()
        if _MEASURE.match(tail):
            continue  # "12.7 mm machine guns", "20 km", "90 percent": a measure, not a count
        counted = _counted(sentence, match, tail, units, listed)
        if counted is None:
            continue
        category, unit_match = counted
        amount = _amount(sentence, match)
        if amount is None:
            continue
        best, low, high, approximate = amount
        if category in _CASUALTY_CATEGORIES and low is not None:
            best = low  # casualties are counted by the lowest figure reported ("dozens": 12, "10 to 15": 10)
        if category in _CASUALTY_CATEGORIES and _ONE_MORE_BEFORE.search(sentence, max(0, match.start() - 90), match.start()):
            best += 1  # "the commander with his four men were killed": the one they were with too
        raw = (match.group(0) + " " + tail[: unit_match.end()]).strip()  # type: ignore[union-attr]
        if category in ("fatalities", "injured"):
            listed = (match.end() + (len(match.group("tail")) - len(tail)) + unit_match.end(), category)  # type: ignore[union-attr]
        quantity = Quantity(
            category=category,
            best=best,
            raw_text=re.sub(r"\s+", " ", raw),
            low=low,
            high=high,
            approximate=approximate,
            item=_item(tail[: unit_match.end()]),  # type: ignore[union-attr]
        )
        found.append((match.start(), quantity))
    return found


def _with_listed_casualties(sentence: str, counted: list[tuple[int, Quantity]]) -> list[tuple[int, Quantity]]:
    """The counts, with every member of a list of casualties counted as one ("three border
    guards and two attackers were killed": five dead, whatever the first noun alone counts)."""
    listed = listed_casualties(sentence)
    if not listed:
        return counted
    spans = [(c.start, c.end) for c in listed]
    kept = [(at, q) for at, q in counted if not (q.category in _PEOPLE_CATEGORIES and any(a <= at < b for a, b in spans))]
    added = [(c.start, Quantity(category=c.category, best=c.count, raw_text=c.text)) for c in listed]
    return sorted(kept + added, key=lambda found: found[0])


def _without_breakdowns(counted: list[tuple[int, Quantity]]) -> list[tuple[int, Quantity]]:
    """The counts, without those that split a casualty count before them ("41 people were
    killed, 24 Kyrgyz and 17 Tajiks": two or more counts that add up to it are its parts)."""
    dropped: set[int] = set()
    for i, (_, whole) in enumerate(counted):
        if whole.category not in _CASUALTY_CATEGORIES or i in dropped:
            continue
        parts = [j for j in range(i + 1, len(counted)) if counted[j][1].category == whole.category]
        total = 0
        for n, j in enumerate(parts):
            total += counted[j][1].best
            if total == whole.best and n >= 1:
                dropped.update(parts[: n + 1])
                break
            if total > whole.best:
                break
    return [c for k, c in enumerate(counted) if k not in dropped]


def _without_running_totals(sentence: str, counted: list[tuple[int, Quantity]]) -> list[Quantity]:
    """The counts, without a running total of the dead ("bringing the death toll to 24") when
    the sentence counts its own dead: the total is the incident's so far, not this event's."""
    totals = {at for at, q in counted if q.category == "fatalities" and running_total(sentence, at)}
    own = any(q.category == "fatalities" and at not in totals for at, q in counted)
    return [q for at, q in counted if not (own and at in totals)]


def _counted(
    sentence: str, match: re.Match[str], tail: str, units: list[QuantityUnit], listed: tuple[int, str]
) -> tuple[str, re.Match[str] | None] | None:
    """What a number counts: its category and the match of the counted words in ``tail``;
    None when it counts nothing the units or a casualty verb name.  A number after a killing
    or wounding verb counts people ("killed 12"), and so does one listed after such a count
    ("one killed and four wounded")."""
    unit = _first_unit(units, tail)
    verb = _casualty_verb(sentence, match.start())
    if not verb and unit is None and listed[0] >= 0 and _LIST_JOINER.fullmatch(sentence, listed[0], match.start()) and not _PART_OF_THEM.match(tail):
        verb = _joined_count_verb(tail, listed[1])
    if verb and (unit is None or unit.category in _PEOPLE_CATEGORIES) and not _NOT_PEOPLE_AFTER.match(tail):
        return verb, unit.pattern.match(tail) if unit is not None and unit.category == verb else _COUNTED_WORDS.match(tail)
    if unit is None:
        return None
    return unit.category, unit.pattern.match(tail)


def _joined_count_verb(tail: str, listed: str) -> str:
    """What a count joined to a casualty count counts: what its own verb says ("… and dozens more
    were left injured": wounded; "… and thousands of houses were destroyed": no one), else the
    same as the count before it ("one killed and four wounded")."""
    own = _OWN_CASUALTY_VERB.match(tail)
    if own is None:
        return listed
    how = own.group("how").lower()
    if how.startswith(WOUNDING_PREFIXES):
        return "injured"
    return "fatalities" if how.startswith(_KILLING_WORDS) else ""


def _amount(sentence: str, match: re.Match[str]) -> tuple[int, int | None, int | None, bool] | None:
    """The best value, low and high bounds and whether approximate of a quantity match;
    None when its number is a day of the month or a year, not a count."""
    if match.group("vague"):
        best, low, high = _VAGUE[match.group("vague").lower()]
        return best, low, high, True
    start, end = match.span("num")
    if _DAY_BEFORE.search(sentence, max(0, start - 12), start) or _DAY_AFTER.match(sentence, end):
        return None
    if _NONE_BEFORE.search(sentence, max(0, match.start() - 5), match.start()):
        return None  # "no one was killed", "not one soldier": nobody
    number = parse_number(match.group("num"))
    if number is None or (1900 <= number <= 2100 and "," not in match.group("num")):
        return None  # a year, not a count
    return _bounded(number, match)


def _bounded(best: int, match: re.Match[str]) -> tuple[int, int | None, int | None, bool]:
    """A number with its range ("300 to 400": the middle, with both bounds) and approximation
    words ("more than": a low bound, "up to": a high bound)."""
    approx = (match.group("approx") or "").lower()
    second = parse_number(match.group("num2")) if match.group("num2") else None
    low: int | None
    high: int | None
    low, high = (best, second) if second and second > best else (None, None)
    if second and second > best:
        best = (best + second) // 2
    approximate = bool(approx) or second is not None
    if approx in ("more than", "over", "at least"):
        low = best
    elif approx in ("up to", "fewer than", "less than", "as many as"):
        high = best
    return best, low, high, approximate


class _UnitChoice:
    """The first unit whose pattern matches at the start of a tail, by one regex whose
    ordered alternatives are the units' patterns (an alternation takes its first one that
    matches).  A unit whose pattern needs a word the tail lacks (``required_literal_sets``)
    is left out of the alternation: it could not match, so the first that matches is the
    same.  One regex is compiled per set of units left in."""

    # the two characters that match "i" under re.IGNORECASE and do not fold to it
    FOLD_OUTLIERS = ("\u0130", "\u0131")

    def __init__(self, units: list[QuantityUnit]) -> None:
        import ahocorasick

        from geomap.events.regex_literals import UnanalysablePattern, required_literal_sets

        self.units = units
        self.all = (1 << len(units)) - 1
        self.regexes: dict[int, re.Pattern[str]] = {self.all: self._joined(self.all)}  # re.error: the caller's fallback
        self.chosen: dict[int, int] = {}  # the bits of needed words present -> the units left in (remembered)
        set_bit: dict[frozenset[str], int] = {}
        self.needs: list[int] = []
        for unit in units:
            try:
                sets = required_literal_sets(unit.pattern.pattern)
            except UnanalysablePattern:
                sets = ()
            self.needs.append(reduce(or_, (1 << set_bit.setdefault(words, len(set_bit)) for words in sets), 0))
        bits_of: dict[str, int] = {}
        for words, bit in set_bit.items():
            for word in words:
                bits_of[word] = bits_of.get(word, 0) | 1 << bit
        self.matcher = ahocorasick.Automaton()
        for word, bits in bits_of.items():
            self.matcher.add_word(word, bits)
        self.matcher.add_word("\0", 0)  # never empty
        self.matcher.make_automaton()

    def _joined(self, chosen: int) -> re.Pattern[str]:
        joined = "|".join(f"(?P<geomap_unit_{i}>{u.pattern.pattern})" for i, u in enumerate(self.units) if chosen >> i & 1)
        return re.compile(joined or "(?!)", re.IGNORECASE)

    def first(self, tail: str) -> QuantityUnit | None:
        if any(c in tail for c in self.FOLD_OUTLIERS):
            chosen = self.all
        else:
            present = reduce(or_, (bits for _, bits in self.matcher.iter(casefold_same_length(tail))), 0)
            known = self.chosen.get(present)
            if known is None:
                known = 0
                for i, need in enumerate(self.needs):
                    if need & present == need:
                        known |= 1 << i
                if len(self.chosen) >= 10_000:
                    self.chosen.clear()
                self.chosen[present] = known
            chosen = known
        regex = self.regexes.get(chosen)
        if regex is None:
            regex = self.regexes[chosen] = self._joined(chosen)
        match = regex.match(tail)
        return self.units[int(match.lastgroup.rsplit("_", 1)[1])] if match is not None and match.lastgroup else None


_UNIT_CHOICE: dict[int, _UnitChoice] = {}


def _first_unit(units: list[QuantityUnit], tail: str) -> QuantityUnit | None:
    """The first unit whose pattern matches at the start of ``tail`` (see :class:`_UnitChoice`)."""
    cached = _UNIT_CHOICE.get(id(units))
    if cached is None or cached.units is not units:
        try:
            cached = _UNIT_CHOICE[id(units)] = _UnitChoice(units)
        except re.error:  # a unit's own group names or flags: try them one by one
            return next((u for u in units if u.pattern.match(tail)), None)
    return cached.first(tail)


def _single_casualty(sentence: str) -> list[Quantity]:
    """Each killed or wounded person named without a number ("a border guard was killed")."""
    lowered = sentence.lower()
    if not any(word in lowered for word in _ONE_CASUALTY_WORDS):
        return []
    # "killed an armed fighter … and lost an officer": each one counts
    found = []
    for match in _ONE_CASUALTY.finditer(sentence):
        how = (match.group("how") or "killed").lower()
        category = "injured" if how in ("wounded", "injured") and not match.group("fatally") else "fatalities"
        found.append(Quantity(category=category, best=1, raw_text=re.sub(r"\s+", " ", match.group(0))))
    return found


def _casualty_verb(sentence: str, start: int) -> str:
    """``"fatalities"`` or ``"injured"`` when a killing or wounding verb ends right before ``start``."""
    if running_total(sentence, start):
        return "fatalities"
    before = sentence[max(0, start - 40) : start]
    lowered = before.lower()
    if not any(word in lowered for word in _CASUALTY_WORDS):
        return ""
    if _DEATH_BEFORE.search(before):
        return "fatalities"
    if _INJURY_BEFORE.search(before):
        return "injured"
    return ""


def _item(unit_text: str) -> str | None:
    """A model designation in the unit text ("NSV", "BTR-82A", "S-300"), if any."""
    model = re.search(r"\b(?:[A-Z]{1,4}-?\d+\w*|[A-Z]{2,5})\b", unit_text)
    return model.group(0) if model else None
