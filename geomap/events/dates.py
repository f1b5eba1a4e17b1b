"""Normalise the time expressions of a sentence against the article date.

Handles explicit dates ("July 29", "29 July 2021", "2021-07-29"), weekdays ("on
Friday", "on Monday"), relative days, weeks and months ("yesterday", "last week",
"next week", "this month"), months with or without a part ("in September", "at the
end of August", "in early May"), bounds ("through April 18", "until 18 April") and
years ("in 2021").  Relative expressions need the article date; without it only
expressions that carry their own year are normalised.  Future-looking sentences
(modality ``planned``) read an ambiguous weekday or month forward, others backward.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import reduce
from operator import or_
from typing import Any

from geomap.model import DatePrecision, EventDate
from geomap.text import casefold_same_length

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?P<weekday>" + "|".join(_WEEKDAYS) + r")"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_COUNT_WORDS = "|".join(sorted(_COUNTS, key=len, reverse=True))
_PART = r"(?:(?P<part>early|mid|late|the (?:start|beginning|middle|end) of|(?:the )?end of|(?:the )?beginning of|(?:the )?(?:first|second) half of)[\s-]+)?"
_BOUND = r"(?P<bound>through|thru|until|till|to|up to)\s+"
_MONTH_SECOND_NAME = "(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + ")"  # a month name, no group
_DAY_TO = r"(?:\s*(?:-|–|to|until|through)\s*(?P<day2>\d{1,2})(?:st|nd|rd|th)?)?"  # "October 10-23", "18 to 22 September"
# "August 22 through August 28", "August 30 to September 2": the end may name its month
_MONTH_DAY_TO = rf"(?:\s*(?:-|–|to|until|till|through)\s*(?:(?P<month2>{_MONTH_SECOND_NAME})\.?\s+)?(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?)?"

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<m>\d{2})-(?P<d>\d{2})\b")),
    # "31.05.2022": day, month and year as the region's outlets write them (never month first)
    ("dotted", re.compile(r"\b(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{2})\.(?P<year>(?:19|20)\d{2})\b(?!\.\d)")),
    # "21AUG22": the compact day-month-year of military and analysts' reports (capitals only,
    # so that no word is read as one)
    ("compact", re.compile(r"\b(?P<d>\d{1,2})(?P<mon>JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)(?P<yy>\d{2}|(?:19|20)\d{2})\b")),
    ("month_day", re.compile(rf"\b(?:{_BOUND})?{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?{_MONTH_DAY_TO}\b(?:,?\s+{_YEAR})?", re.I)),
    ("day_month", re.compile(rf"\b(?:{_BOUND})?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?{_DAY_TO}\s+(?:of\s+)?{_MONTH}\b(?:,?\s+{_YEAR})?", re.I)),
    ("relative_month", re.compile(rf"\b(?P<which>last|this|next|coming|past)\s+{_MONTH}\b", re.I)),
    ("month", re.compile(rf"\b(?:in|during|since|by|from|at|of|until|through)\s+{_PART}{_MONTH}\b(?:,?\s+(?:of\s+)?{_YEAR})?", re.I)),
    # "Saturday, October 24": the explicit date after the weekday decides
    # "Monday last week": the weekday of that week
    ("weekday", re.compile(
        rf"\b(?:on\s+|last\s+|this\s+|next\s+)?{_WEEKDAY}\b(?!,?\s+(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?)?{_MONTH_SECOND_NAME}\b)"
        r"(?:\s+(?:of\s+)?(?P<week>last|this|next|previous|the\s+previous|the\s+following)\s+week\b)?", re.I)),
    ("relative_day", re.compile(r"\b(?:the\s+day\s+(?P<two>before|after)\s+)?(?P<rel>yesterday|today|tonight|tomorrow|last night|this morning|this afternoon|this evening)\b", re.I)),
    # "over the weekend", "at the weekend": the latest weekend (the coming one for a plan)
    ("the_weekend", re.compile(r"\b(?:over|at|during|on|throughout)\s+the\s+weekend\b", re.I)),
    # "in the past three days", "over the last two weeks", "in recent days": the span up to the article
    ("recent_span", re.compile(
        # "the drills will last three days": the verb "last" tells how long, not a span before now
        rf"\b(?:(?<!\bwill\s)(?<!\bwould\s)(?<!\bto\s)(?<!\bcould\s)(?<!\bshould\s)(?<!\bmay\s)(?<!\bmight\s)(?<!\bcan\s)(?<!\bwhich\s)(?<!\bthat\s)(?<!\bdid\s)(?<!\bdoes\s)(?<!\bdo\s)(?:the\s+)?(?:past|last)\s+(?P<n>\d{{1,2}}|{_COUNT_WORDS}|few|several|couple\s+of)\s+(?P<unit>hours|days|weeks|months)"
        r"|recent\s+(?P<recent>days|weeks|months))\b", re.I)),
    # "early this year", "at the end of last year", "in the first half of this year": a part of a year named by its distance
    ("relative_year_part", re.compile(
        r"\b(?:(?:in|during|by|since|until|from|at)\s+)?(?:the\s+)?(?P<ypart>early|mid|late|(?:the )?(?:start|beginning|middle|end) of"
        r"|(?:the )?(?:first|second) half of|(?:the )?(?:first|second|third|fourth|last|final) quarter of)[\s-]+"
        r"(?P<which>this|last|next|the previous|the coming|the current) year\b", re.I)),
    ("relative_span", re.compile(r"\b(?P<which>last|this|next|previous|coming|past|earlier this|later this)\s+(?P<unit>week|month|year|weekend)\b", re.I)),
    ("ago", re.compile(rf"\b(?P<n>\d{{1,2}}|{_COUNT_WORDS}|several|a few|few)?\s*(?P<unit>minutes?|hours?|days?|weeks?|months?|years?)\s+ago\b", re.I)),
    # "will be held in a month", "in two weeks' time": a plan's date counted from the article
    ("ahead", re.compile(rf"\b(?:in|within)\s+(?P<n>\d{{1,2}}|{_COUNT_WORDS})\s+(?P<unit>days?|weeks?|months?|years?)(?:['’]s?\s+time)?\b(?!\s+(?:of|after|before|later|earlier|ago)\b|['’])", re.I)),
    # "last summer", "in the winter of 2012", "spring 2021"
    ("season", re.compile(
        r"\b(?:(?P<which>last|this|next|past|previous|coming)\s+(?P<season>summer|winter|spring|autumn|fall)"
        rf"|(?:in\s+)?(?:the\s+)?(?P<season_of>summer|winter|spring|autumn|fall)\s+(?:of\s+)?{_YEAR})\b", re.I)),
    # "slated for 2026-27", "in 2026–2027"
    ("year_range", re.compile(rf"\b{_YEAR}\s*(?:-|–|to)\s*(?P<year2>(?:19|20)?\d{{2}})\b(?![-–/.]\d)", re.I)),
    ("years_between", re.compile(rf"\bbetween\s+{_YEAR}\s+and\s+(?P<year2>(?:19|20)\d{{2}})\b", re.I)),
    # "in late 2021", "since early 2023", "by mid-2022": a third of the year
    ("year_part", re.compile(
        rf"\b(?:in|during|since|of|by|until|from|at)\s+(?:the\s+)?(?P<ypart>early|mid|late|(?:the )?(?:start|beginning|middle|end) of"
        r"|(?:the )?(?:first|second) half of|(?:the )?(?:first|second|third|fourth|last|final) quarter of"
        rf"|(?:the )?first (?:two|three|four|five|six|seven|eight|nine|ten|eleven|\d{{1,2}}) months of)[\s-]+{_YEAR}\b(?!['\u2019]s\b)", re.I)),
    ("year", re.compile(rf"\b(?:in|during|since|of)\s+{_YEAR}\b", re.I)),
    # "in the 1990s", "since the early 2000s", "during the late 1980s": a decade or a part of it
    ("decade", re.compile(
        r"\b(?:in|during|since|of|by|throughout|through)\s+the\s+(?:(?P<dpart>early|mid|late)[\s-]+)?(?P<decade>(?:19|20)\d0)['\u2019]?s\b", re.I)),
]
# where a match of each pattern can begin (all begin at a word or a digit)
_BOUND_WORDS = ("through", "thru", "until", "till", "to", "up to")
_MONTH_PREPOSITIONS = ("in", "during", "since", "by", "from", "at", "of", "until", "through")
_DIGITS = tuple("0123456789")
_START_WORDS: dict[str, tuple[str, ...]] = {
    "iso": _DIGITS,
    "dotted": _DIGITS,
    "compact": _DIGITS,
    "month_day": (*_BOUND_WORDS, *_MONTHS),
    "day_month": (*_BOUND_WORDS, *_DIGITS),
    "month": _MONTH_PREPOSITIONS,
    "relative_month": ("last", "this", "next", "coming", "past"),
    "weekday": ("on", "last", "this", "next", *_WEEKDAYS),
    "relative_day": ("yesterday", "today", "tonight", "tomorrow", "last night", "this morning", "this afternoon", "this evening", "the day"),
    "the_weekend": ("over", "at", "during", "on", "throughout"),
    "relative_year_part": (
        "in", "during", "by", "since", "until", "from", "at", "the", "early", "mid", "late", "start", "beginning", "middle", "end",
        "first", "second", "third", "fourth", "last", "final",
    ),
    "relative_span": ("last", "this", "next", "previous", "coming", "past", "earlier this", "later this"),
    "recent_span": ("the", "past", "last", "recent"),
    "year": ("in", "during", "since", "of"),
    "year_part": ("in", "during", "since", "of", "by", "until", "from", "at"),
    "decade": ("in", "during", "since", "of", "by", "throughout", "through"),
    "ahead": ("in", "within"),
    "year_range": ("19", "20"),
    "years_between": ("between",),
    "season": ("last", "this", "next", "past", "previous", "coming", "in", "the", "summer", "winter", "spring", "autumn", "fall"),
}
def _candidate_starts(sentence: str) -> dict[str, list[int]]:
    """Per pattern kind, the offsets where one of its start words begins (ascending)."""
    lowered = casefold_same_length(sentence)
    groups = _scan(lowered)[0]
    return {kind: _starts_of(kind, groups, lowered) for kind in (*_START_WORDS, "ago")}


# one Aho–Corasick automaton of the start words and of the words the patterns need, each
# word holding (its length, the kinds it starts, the bits of the sets of needed words that
# hold it); kind -> the bits of its sets of needed words: a match of the kind's pattern
# contains a word of each of its sets (see ``required_literal_sets``)
_scanner: tuple[Any, dict[str, int], dict[str, tuple[tuple[str, ...], ...]]] | None = None
# the two characters that match "i" under re.IGNORECASE and do not fold to it
_FOLD_OUTLIERS = ("\u0130", "\u0131")


def _scan(lowered: str) -> tuple[dict[tuple[str, ...], list[int]], int]:
    """Where start words begin a word, grouped by the kinds they start, and the bits of
    the sets of needed words present in ``lowered`` (a same-length case fold)."""
    global _scanner
    if _scanner is None:
        _scanner = _build_scanner()
    groups: dict[tuple[str, ...], list[int]] = {}
    present = 0
    for end, (length, kinds, bits) in _scanner[0].iter(lowered):
        present |= bits
        start = end - length + 1
        if not kinds or start and (lowered[start - 1].isalnum() or lowered[start - 1] == "_"):
            continue  # inside a word: every pattern begins with \b before a word character
        group = groups.get(kinds)
        if group is None:
            groups[kinds] = [start]
        else:
            group.append(start)
    return groups, present


def _starts_of(kind: str, groups: dict[tuple[str, ...], list[int]], lowered: str) -> list[int]:
    """The offsets where a match of ``kind`` may begin (ascending), from :func:`_scan`."""
    if kind == "ago":  # "two days ago": any word may start it ("a", "an"), so look only where "ago" occurs
        return [m.start() for m in _WORD_START.finditer(lowered)] if " ago" in lowered else []
    found = [start for kinds in _scanner[2][kind] for start in groups.get(kinds, ())]  # type: ignore[index]
    # words of different lengths come out in the order they end, and two may start at one offset
    return sorted(set(found)) if len(found) > 1 else found


def _build_scanner() -> tuple[Any, dict[str, int], dict[str, tuple[tuple[str, ...], ...]]]:
    import ahocorasick

    from geomap.events.regex_literals import UnanalysablePattern, required_literal_sets

    owners: dict[str, list[str]] = {}
    for kind, words in _START_WORDS.items():
        for word in words:
            owners.setdefault(word, []).append(kind)
    set_bit: dict[frozenset[str], int] = {}
    needs: dict[str, int] = {}
    for kind, pattern in PATTERNS:
        try:
            sets = required_literal_sets(pattern.pattern)
        except UnanalysablePattern:
            sets = ()
        needs[kind] = reduce(or_, (1 << set_bit.setdefault(needed, len(set_bit)) for needed in sets), 0)
    bits_of: dict[str, int] = {}
    for needed, bit in set_bit.items():
        for word in needed:
            bits_of[word] = bits_of.get(word, 0) | 1 << bit
    matcher = ahocorasick.Automaton()
    for word in owners.keys() | bits_of.keys():
        matcher.add_word(word, (len(word), tuple(owners.get(word, ())), bits_of.get(word, 0)))
    matcher.make_automaton()
    groups_of = {kind: tuple(dict.fromkeys(tuple(owners[w]) for w in words)) for kind, words in _START_WORDS.items()}
    return matcher, needs, groups_of


_WORD_START = re.compile(r"\b\w")


def _tried(sentence: str) -> Iterator[tuple[str, re.Pattern[str], list[int]]]:
    """``(kind, pattern, offsets where a match may begin)`` of each pattern in ``PATTERNS``
    order, leaving out those whose needed words ``sentence`` lacks: most sentences name
    no month, year or weekday, and those patterns are not tried."""
    lowered = casefold_same_length(sentence)
    groups, present = _scan(lowered)
    if any(c in sentence for c in _FOLD_OUTLIERS):
        present = -1  # they match a letter without folding to it: every pattern may match
    for kind, pattern in _patterns_for(present):
        yield kind, pattern, _starts_of(kind, groups, lowered)


# the bits of needed words present -> the patterns tried (the same for many sentences)
_TRIED_BY_PRESENT: dict[int, tuple[tuple[str, re.Pattern[str]], ...]] = {}


def _patterns_for(present: int) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The ``(kind, pattern)`` of ``PATTERNS`` whose needed words ``present`` holds, in order."""
    tried = _TRIED_BY_PRESENT.get(present)
    if tried is None:
        needs = _scanner[1]  # type: ignore[index]
        tried = tuple((kind, pattern) for kind, pattern in PATTERNS if needs[kind] & present == needs[kind])
        if len(_TRIED_BY_PRESENT) >= 10_000:
            _TRIED_BY_PRESENT.clear()
        _TRIED_BY_PRESENT[present] = tried
    return tried


_MONTH_NAMES_AS_WORDS = {"may", "march", "jan", "mar", "jun", "oct", "dec", "sept", "aug", "apr", "nov", "feb", "jul", "sep"}


def shift_days(day: date, days: int) -> date:
    """``day`` moved by ``days``, held at the ends of the calendar (an article dated 0001-01-03
    has no day a month before it)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.min if days < 0 else date.max


def _month_range(year: int, month: int, part: str | None) -> tuple[date, date]:
    last = calendar.monthrange(year, month)[1]
    part = (part or "").lower()
    if "half" in part:  # "the second half of November"
        return (date(year, month, 1), date(year, month, 15)) if "first" in part else (date(year, month, 16), date(year, month, last))
    if "early" in part or "start" in part or "beginning" in part:
        return date(year, month, 1), date(year, month, 10)
    if "mid" in part or "middle" in part:
        return date(year, month, 11), date(year, month, 20)
    if "late" in part or "end" in part:
        return date(year, month, 21), date(year, month, last)
    return date(year, month, 1), date(year, month, last)


def _infer_year(month: int, day: int, reference: date, forward: bool) -> int:
    """The year that puts month/day nearest the reference date in the given direction."""
    candidate = date(reference.year, month, min(day, calendar.monthrange(reference.year, month)[1]))
    if forward and candidate < reference - timedelta(days=31):
        return reference.year + 1
    if not forward and candidate > reference + timedelta(days=7):
        return reference.year - 1  # "He surrendered on August 12" in a July article: last August
    return reference.year


# "During a meeting with Rahmon in Dushanbe on April 11, the secretary general said … will …"
_DURING_GATHERING = r"\bduring\s+(?:a|an|the|his|her|their|its)\s+(?:[\w-]+\s+){0,2}?(?:meeting|visit|talks|conference|summit|call|session|trip)\b[^.;]{0,80}$"
_SPEECH_BEFORE = re.compile(
    # the saying's own date: "said on Monday", "told RFE/RL today", "said in a statement on Monday"
    r"\b(?:said|says|told|tells|announced|stated|reported|reports|added|noted|confirmed|declared|explained|wrote|tweeted|posted|quoted)"
    r"(?:\s+(?:(?:in|at|to|a|an|the|his|her|their|its)\s+)*(?:statement|briefing|press conference|news conference|interview"
    r"|reporters|journalists|media|(?-i:[A-Z][\w/.-]*)))?\s+(?:later\s+|earlier\s+)?(?:on\s+)?$"
    r"|" + _DURING_GATHERING,
    re.I,
)
# a date between the speaker and the saying verb: "Uzbekistan on Monday confirmed that a plane
# had crashed on Sunday", "the ministry on Tuesday said"
_SPEECH_AFTER = re.compile(
    r"\s*,?\s*(?:(?:also|again|officially|publicly|formally)\s+)?"
    r"(?:said|says|told|confirmed|announced|reported|stated|declared|claimed|noted|added|denied|warned)\b",
    re.I,
)
# what is scheduled or planned for a day or month: "the election set for March 29", "was
# planning an offensive in April": that day lies ahead of the article, whatever the tense
_AHEAD_BEFORE = re.compile(
    r"\b(?:(?:set|scheduled|slated|planned|due|timed|expected)\s+(?:for|on|in)|(?:planning|plans|intends|intending|preparing)\b[^.;:,]{0,80}?)\s+$",
    re.I,
)
# the day of a meeting or visit: what was said there was said that day, and the article's
# story stands at that day
_GATHERING_BEFORE = re.compile(_DURING_GATHERING, re.I)
_MONTH_SECOND = _MONTH.replace("(?P<month>", "(?P<month_second>")
_DAY_NUMBER_AFTER = re.compile(r"\s+\d{1,2}(?:st|nd|rd|th)?\b(?!\s*(?:%|percent|km|kilomet|people|troops|soldiers|killed))", re.I)
_MONTH_OF_BEFORE = re.compile(
    r"\b(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)"
    r"\.?,?\s+(?:of\s+)?(?:the\s+)?$",
    re.I,
)
_RELATIVE_YEAR_AFTER = re.compile(r",?\s+(?:of\s+)?(?:the\s+)?(last|previous|past|this|current|next|coming|following)\s+year\b", re.I)
_DATELINE_DATE = re.compile(
    r"^[ \t]*(?:[A-Z][A-Za-z .'’-]*,[ \t]*){0,3}"  # "TASHKENT, Uzbekistan, Dec 3, 2025": a city and its country
    rf"(?:{_WEEKDAY.replace('(?P<weekday>', '(?:')},?[ \t]+)?"  # "Saturday May 31, 2014"
    rf"(?:{_MONTH}\s+(?P<day>\d{{1,2}}),?\s+{_YEAR}"
    rf"|(?P<day_first>\d{{1,2}})\s+{_MONTH_SECOND},?\s+(?P<year_second>(?:19|20)\d{{2}})"
    r"|(?P<dot_day>\d{1,2})\.(?P<dot_month>\d{2})\.(?P<dot_year>(?:19|20)\d{2}))",
    re.M | re.I,
)


def dateline_date(text: str, start: int = 0, window: int = 400) -> date | None:
    """The date of a dateline near the top of an article ("DUSHANBE, July 24, 2013 (news.tj) -",
    "17 Sep 2018 13:49", "DUSHANBE, 31.05.2022 (Khovar) –"), for articles that come without a date: a full date with its
    year at the start of one of the first lines."""
    found = _dateline(text, start, window)
    return found[0] if found else None


def dateline_end(text: str, start: int = 0, window: int = 400) -> int:
    """Offset where the dateline's date ends (``start`` when there is none): event
    dates are not read from it, it says when the report was filed."""
    found = _dateline(text, start, window)
    if found:
        return found[1]
    # "DUSHANBE. Sept 17 (Interfax) -", "BISHKEK, September 16. /TASS/.", "DUSHANBE, September
    # 19, Asia-Plus —": a wire dateline's day and month, with no year, followed by the agency
    short = _WIRE_DATELINE.search(text, start, min(len(text), start + window))
    return short.end() if short else start


# the city in capitals ("BISHKEK, September 16. /TASS/.") or as a name ("Kabul, July 9 (EFE).-"),
# not a weekday or a preposition that opens a sentence ("On Monday, July 9 (local time) …")
_WIRE_CITY = (
    r"(?:[A-Z][A-Z .'’-]{2,}"
    r"|(?!(?:On|In|At|By|From|Since|Until|Last|This|Next|Early|Late)\b|" + _WEEKDAY.replace("(?P<weekday>", "(?i:") + r")"
    r"[A-Z][a-z'’-]+(?:[ -][A-Z][a-zA-Z'’-]+)?)"
)
_WIRE_DATELINE = re.compile(
    rf"^[ \t]*{_WIRE_CITY}[.,][ \t]*(?i:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH_SECOND})\b(?=\.?\s*(?:[(/\-–—]|,\s*[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){{0,2}}\s*[-–—]))",
    re.M,
)


def _dateline(text: str, start: int, window: int) -> tuple[date, int] | None:
    for match in _DATELINE_DATE.finditer(text, start, min(len(text), start + window)):
        groups = match.groupdict()
        try:
            if groups.get("day"):
                found = date(int(groups["year"]), _MONTHS[groups["month"].lower().rstrip(".")], int(groups["day"]))
            elif groups.get("dot_day"):
                found = date(int(groups["dot_year"]), int(groups["dot_month"]), int(groups["dot_day"]))
            else:
                found = date(int(groups["year_second"]), _MONTHS[groups["month_second"].lower().rstrip(".")], int(groups["day_first"]))
        except (ValueError, KeyError, OverflowError):
            continue
        return found, match.end()
    return None


def extract_date(sentence: str, reference: date | None, forward: bool = False) -> EventDate | None:
    """The first normalisable time expression of ``sentence``, or None.

    Parameters
    ----------
    sentence : str
        One sentence.
    reference : datetime.date or None
        The article's publication date; relative expressions need it.
    forward : bool
        Read ambiguous expressions forward in time (for planned events).
    """
    best: tuple[int, EventDate] | None = None
    for kind, pattern, starts in _tried(sentence):
        for match in _matches_at(pattern, sentence, starts):
            if best is not None and match.start() >= best[0]:
                break  # an earlier expression was found already
            # "…will reinforce its base, a spokesman told journalists on Wednesday": the day of the
            # saying, which is past, whatever the tense of what was said
            ahead = forward and not _SPEECH_BEFORE.search(sentence, max(0, match.start() - 120), match.start())
            found = _normalise(kind, match, reference, ahead)
            if found is not None:
                best = (match.start(), found)
                break
    return best[1] if best else None


@dataclass(frozen=True, slots=True)
class DateMention:
    """A normalised time expression at ``start:end`` of a sentence; ``speech`` when it dates
    a saying ("the ministry said on Monday") rather than what was said."""

    start: int
    end: int
    date: EventDate
    speech: bool
    gathering: bool = False  # the day of a meeting or visit ("during the meeting on Wednesday")
    since: bool = False  # where a state or span began ("closed since June", "assaults since Friday")
    # the date of a birth, founding or building ("born in 1974", "the base, built in 2004"):
    # it dates only an event told by that very word
    founding: int | None = None  # where the word begins


_SINCE = re.compile(r"since\s+(?=\S)|\bsince\s+$", re.I)
_CLOCK_AFTER = re.compile(r"\s*[-–—,|]?\s*\d{1,2}:\d{2}\b")
# the end of a term is no event's date ("the lease expires in 2042", "valid until 2030",
# "extended the deal until May 2042")
_NOT_AN_EVENT_DATE = re.compile(r"\bexpir\w*\s+(?:on\s+|in\s+)?$", re.I)
# a date of birth, founding or building ("Palaev, born in 1974")
_FOUNDING_BEFORE = re.compile(r"\b(?:born|founded|established|elected|appointed|built)\s+(?:on\s+|in\s+)?$", re.I)
_TERM_BEFORE_BOUND = re.compile(r"\b(?:valid|in\s+force|effective|extend\w*|prolong\w*)\s+(?:[\w'’-]+\s+){0,5}?$", re.I)
_BOUND_WORD = re.compile(r"(?:until|till|through|thru|to)\s", re.I)


def _not_an_event_date(sentence: str, start: int) -> bool:
    """Whether the expression at ``start`` dates the end of a term."""
    if _NOT_AN_EVENT_DATE.search(sentence, max(0, start - 24), start):
        return True
    return bool(_BOUND_WORD.match(sentence, start) and _TERM_BEFORE_BOUND.search(sentence, max(0, start - 60), start))


def date_mentions(sentence: str, reference: date | None, forward: bool = False) -> list[DateMention]:
    """Every normalisable time expression of ``sentence``, in order, none overlapping (where
    two overlap, the kind listed first in ``PATTERNS`` wins)."""
    found: list[DateMention] = []
    for kind, pattern, starts in _tried(sentence):
        for match in _matches_at(pattern, sentence, starts):
            if any(match.start() < m.end and m.start < match.end() for m in found):
                continue
            if _not_an_event_date(sentence, match.start()):
                continue
            if kind == "weekday" and any(0 <= match.start() - m.end <= 3 for m in found):
                continue  # "on July 25, Sunday": the date says which Sunday
            if kind == "relative_span" and _MONTH_OF_BEFORE.search(sentence, max(0, match.start() - 24), match.start()):
                continue  # "in October of the previous year": the month's year, read with the month
            if _CLOCK_AFTER.match(sentence, match.end()):
                continue  # "August 27, 2018 - 5:05 am": when the page was published
            speech = bool(_SPEECH_BEFORE.search(sentence, max(0, match.start() - 120), match.start()))
            ahead = (forward or bool(_AHEAD_BEFORE.search(sentence, max(0, match.start() - 100), match.start()))) and not speech
            normalised = _normalise(kind, match, reference, ahead)
            if normalised is not None:
                gathering = speech and bool(_GATHERING_BEFORE.search(sentence, max(0, match.start() - 120), match.start()))
                since = bool(_SINCE.match(sentence, match.start()) or _SINCE.search(sentence, max(0, match.start() - 8), match.start()))
                founding = _FOUNDING_BEFORE.search(sentence, max(0, match.start() - 24), match.start())
                found.append(DateMention(match.start(), match.end(), normalised, speech, gathering, since, founding.start() if founding else None))
    return _saying_days_before_the_verb(sentence, sorted(found, key=lambda m: m.start))


def _saying_days_before_the_verb(sentence: str, found: list[DateMention]) -> list[DateMention]:
    """A date between the speaker and the saying verb dates the saying when what was said
    has a date of its own ("Uzbekistan on Monday confirmed that a plane had crashed on
    Sunday"); alone, it dates what was said too ("the leaders on Friday said they had agreed")."""
    last = len(found) - 1
    return [
        replace(m, speech=True) if i < last and not m.speech and _SPEECH_AFTER.match(sentence, m.end) else m
        for i, m in enumerate(found)
    ]


def _matches_at(pattern: re.Pattern[str], sentence: str, starts: list[int]):
    """``pattern.finditer(sentence)`` when matches can only begin at ``starts``."""
    resume = 0
    for start in starts:
        if start < resume:
            continue
        match = pattern.match(sentence, start)
        if match is not None:
            yield match
            resume = match.end()


def _normalise(kind: str, match: re.Match[str], reference: date | None, forward: bool) -> EventDate | None:
    """The date a matched expression of ``kind`` names, read against the article date
    ``reference`` (``forward``: an unqualified day or month lies ahead of it), or None."""
    text = match.group(0).strip()
    groups = match.groupdict()
    try:
        if kind in _RELATIVE_READERS:
            return _RELATIVE_READERS[kind](match, groups, text, reference, forward) if reference else None
        reader = _READERS.get(kind)
        return reader(match, groups, text, reference, forward) if reader else None
    except (ValueError, KeyError, OverflowError):
        # OverflowError: a reference date at the edge of the calendar (9999-12-31 + "next
        # week"): the expression has no date, the event is kept without one
        return None


# Every reader takes the match, its named groups, its stripped text, the article date and
# whether an unqualified date lies ahead; it returns the date or None, and may raise
# ValueError, KeyError or OverflowError for an expression that names no date.
_Groups = dict[str, Any]


def _iso_date(match: re.Match[str], groups: _Groups, text: str, reference: date | None, forward: bool) -> EventDate | None:
    day = date(int(groups["year"]), int(groups["m"]), int(groups["d"]))
    return EventDate(day, day, "day", "text", text)


def _compact_date(match: re.Match[str], groups: _Groups, text: str, reference: date | None, forward: bool) -> EventDate | None:
    year = int(groups["yy"]) + (2000 if len(groups["yy"]) == 2 else 0)
    day = date(year, _MONTHS[groups["mon"].lower()], int(groups["d"]))
    return EventDate(day, day, "day", "text", text)


def _month_day(match: re.Match[str], groups: _Groups, text: str, reference: date | None, forward: bool) -> EventDate | None:
    month = _MONTHS[groups["month"].lower().rstrip(".")]
    day_number = int(groups["day"])
    if groups.get("year"):
        year = int(groups["year"])
    elif reference:
        year = _infer_year(month, day_number, reference, forward or bool(groups.get("bound")))
    else:
        return None
    day = date(year, month, day_number)
    if groups.get("day2"):
        last = _span_end(day, groups.get("month2"), int(groups["day2"]))
        if last > day:
            return EventDate(day, last, "days", "text", text)
    if groups.get("bound") and reference and day >= reference:
        return EventDate(reference, day, "days", "text", text)
    return EventDate(day, day, "day", "text", text)


def _span_end(first: date, month_name: str | None, day_number: int) -> date:
    """The last day of a span that began on ``first``: in its own month when the text names
    one (the next year's, for a month before the first's), else in the first's."""
    if not month_name:
        return date(first.year, first.month, day_number)
    month = _MONTHS[month_name.lower().rstrip(".")]
    return date(first.year + (month < first.month), month, day_number)


# a month name that is also a word ("5 may be", "thousands march") reads as a month when the
# phrase is written as a date: an ordinal ("6th May", "the 6th of May"), or what follows is
# no verb: a punctuation mark, a year, a name or a function word ("on 6 May the Taliban …")
_DATE_CLOSED_AFTER = re.compile(
    r"\s*(?:[,.;:()!?\"\u201c\u201d\u2013\u2014-]|$)"
    r"|\s+(?:(?-i:[A-Z])|(?:19|20)\d{2}\b|(?:and|at|in|on|when|as|while|after|before|to|from|the|a|an|this|that|last|with|near"
    r"|along|by|amid|during|until|till|through|between|against|across|into|inside|around|or)\b)",
    re.I,
)
_ORDINAL_DAY = re.compile(r"\d{1,2}(?:st|nd|rd|th)\b|\d{1,2}\s+of\s", re.I)


def _day_month(match: re.Match[str], groups: _Groups, text: str, reference: date | None, forward: bool) -> EventDate | None:
    if groups["month"].lower().rstrip(".") in _MONTH_NAMES_AS_WORDS and not groups.get("year") and not _reads_as_date(match):
        return None  # "the 5 may be" style false hits
    return _month_day(match, groups, text, reference, forward)


def _reads_as_date(match: re.Match[str]) -> bool:
    """Whether a day and an ambiguous month word ("6 May") are written as a date."""
    return bool(_ORDINAL_DAY.match(match.group(0)) or _DATE_CLOSED_AFTER.match(match.string, match.end()))


def _month(match: re.Match[str], groups: _Groups, text: str, reference: date | None, forward: bool) -> EventDate | None:
    month_word = groups["month"].lower().rstrip(".")
    if groups["month"] == "may" and not groups.get("year") and not groups.get("part"):
        return None  # "by may" is the verb; "in May" is written with its capital
    after = match.string[match.end() : match.end() + 24]
    if not groups.get("year") and _DAY_NUMBER_AFTER.match(after):
        return None  # "the morning of January 18, 2026": the full date is read on its own
    month = _MONTHS[month_word]
    relative_year = None if groups.get("year") else _RELATIVE_YEAR_AFTER.match(after)
    if groups.get("year"):
        year = int(groups["year"])
    elif relative_year and reference:
        # "in November last year", "August of last year"
        year = reference.year + {"last": -1, "previous": -1, "past": -1, "this": 0, "current": 0, "next": 1, "coming": 1, "following": 1}[relative_year.group(1).lower()]
        text = match.group(0).strip() + relative_year.group(0).rstrip()
    elif reference:
        year = _infer_year(month, 15, reference, forward)
    else:
        return None
    start, end = _month_range(year, month, groups.get("part"))
    return EventDate(start, end, "month" if (end - start).days > 12 else "days", "text", text)


def _year_range(match: re.Match[str], groups: _Groups, text: str, reference: date | None, forward: bool) -> EventDate | None:
    first, second = int(groups["year"]), groups["year2"]
    last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
    if not first < last <= first + 10:
        return None  # "2021-07" is no range of years, "1990-2020" too long to be one event's date
    return EventDate(date(first, 1, 1), date(last, 12, 31), "year", "text", text)


def _year(match: re.Match[str], groups: _Groups, text: str, reference: date | None, forward: bool) -> EventDate | None:
    year = int(groups["year"])
    return EventDate(date(year, 1, 1), date(year, 12, 31), "year", "text", text)


def _year_part(match: re.Match[str], groups: _Groups, text: str, reference: date | None, forward: bool) -> EventDate | None:
    """"Early 2021" is January to April, "mid-2021" May to August, "late 2021" September to
    December, at month precision."""
    year, part = int(groups["year"]), groups["ypart"].lower()
    months = _months_of_year_part(part)
    if months is not None:
        first, last = months
        return EventDate(date(year, first, 1), _month_range(year, last, None)[1], "month", "text", text)
    if "early" in part or "start" in part or "beginning" in part:
        return EventDate(date(year, 1, 1), date(year, 4, 30), "month", "text", text)
    if "mid" in part:
        return EventDate(date(year, 5, 1), date(year, 8, 31), "month", "text", text)
    return EventDate(date(year, 9, 1), date(year, 12, 31), "month", "text", text)


_YEARS_AWAY = {"this": 0, "the current": 0, "last": -1, "the previous": -1, "next": 1, "the coming": 1}


def _relative_year_part(match: re.Match[str], groups: _Groups, text: str, reference: date, forward: bool) -> EventDate | None:
    """"Early this year", "the end of last year": that part of the year so many years from the
    article's (see :func:`_year_part`)."""
    year = reference.year + _YEARS_AWAY[groups["which"].lower()]
    return _year_part(match, {**groups, "year": str(year)}, text, reference, forward)


_QUARTERS = {"first": (1, 3), "second": (4, 6), "third": (7, 9), "fourth": (10, 12), "last": (10, 12), "final": (10, 12)}
_MONTH_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11}


def _months_of_year_part(part: str) -> tuple[int, int] | None:
    """The first and last month of a half ("the first half of"), a quarter ("the third quarter
    of") or the first months ("the first eight months of") of a year; None for other parts."""
    words = part.split()
    if words and words[0] == "the":
        words = words[1:]
    if len(words) < 2:
        return None
    if words[1] == "half":
        return (1, 6) if words[0] == "first" else (7, 12)
    if words[1] == "quarter":
        return _QUARTERS.get(words[0])
    if words[0] == "first" and len(words) > 2 and words[2] == "months":
        count = int(words[1]) if words[1].isdigit() else _MONTH_COUNTS.get(words[1], 0)
        return (1, count) if 1 <= count <= 12 else None
    return None


def _decade(match: re.Match[str], groups: _Groups, text: str, reference: date | None, forward: bool) -> EventDate | None:
    """"The 1990s" is 1990 to 1999; its "early", "mid" and "late" parts are its first four,
    middle three and last three years, at year precision."""
    first, part = int(groups["decade"]), (groups.get("dpart") or "").lower()
    low, high = {"early": (0, 3), "mid": (3, 6), "late": (7, 9)}.get(part, (0, 9))
    return EventDate(date(first + low, 1, 1), date(first + high, 12, 31), "year", "text", text)


def _relative_month(match: re.Match[str], groups: _Groups, text: str, reference: date, forward: bool) -> EventDate | None:
    month = _MONTHS[groups["month"].lower().rstrip(".")]
    which = groups["which"].lower()
    if which in ("last", "past"):  # the latest such month before this one
        year = reference.year if month < reference.month else reference.year - 1
    elif which in ("next", "coming"):
        year = reference.year if month > reference.month else reference.year + 1
    else:
        year = reference.year
    start, end = _month_range(year, month, None)
    return EventDate(start, end, "month", "text", text)


def _weekday(match: re.Match[str], groups: _Groups, text: str, reference: date, forward: bool) -> EventDate | None:
    target = _WEEKDAYS[groups["weekday"].lower()]
    lowered = text.lower()
    if groups.get("week"):
        step = {"last": -1, "previous": -1, "the previous": -1, "this": 0, "next": 1, "the following": 1}[" ".join(groups["week"].lower().split())]
        day = reference - timedelta(days=reference.weekday()) + timedelta(weeks=step, days=target)
        return EventDate(day, day, "day", "text", text)
    if lowered.startswith("next") or (forward and not lowered.startswith("last")):
        # "announced Friday" in a Friday article is that day; "next Friday" is a week on
        delta = (target - reference.weekday()) % 7 or (7 if lowered.startswith("next") else 0)
        day = reference + timedelta(days=delta)
    else:
        # "on Saturday" in a Saturday article is that day; "last Saturday" the one before
        delta = (reference.weekday() - target) % 7 or (7 if lowered.startswith("last") else 0)
        day = reference - timedelta(days=delta)
    return EventDate(day, day, "day", "text", text)


def _relative_day(match: re.Match[str], groups: _Groups, text: str, reference: date, forward: bool) -> EventDate | None:
    # "this morning" and the like: the article's own day
    offset = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(groups["rel"].lower(), 0)
    if groups.get("two"):  # "the day before yesterday", "the day after tomorrow"
        offset += -1 if groups["two"].lower() == "before" else 1
    day = reference + timedelta(days=offset)
    return EventDate(day, day, "day", "text", text)


def _the_weekend(match: re.Match[str], groups: _Groups, text: str, reference: date, forward: bool) -> EventDate | None:
    """"Over the weekend": the latest Saturday and Sunday that had begun by the article (the
    coming ones for a plan)."""
    saturday = reference - timedelta(days=(reference.weekday() - 5) % 7)
    if forward and saturday < reference - timedelta(days=1):
        saturday += timedelta(weeks=1)
    return EventDate(saturday, saturday + timedelta(days=1), "days", "text", text)


def _ago(match: re.Match[str], groups: _Groups, text: str, reference: date, forward: bool) -> EventDate | None:
    unit = groups["unit"].lower()
    if unit.startswith(("minute", "hour")):  # "several hours ago": the day of the report; "48 hours ago": two days back
        hours = int(groups["n"]) if groups["n"] and groups["n"].isdigit() and unit.startswith("hour") else 0
        day = reference - timedelta(days=hours // 24)
        return EventDate(day, day, "day", "text", text)
    if not groups["n"]:
        return None
    if groups["n"].lower() not in _COUNTS and not groups["n"].isdigit():
        # "a few weeks ago", "several months ago": some two to five of them back, no one of them
        earliest, latest = _units_from(reference, -5, unit, text), _units_from(reference, -2, unit, text)
        return EventDate(earliest.start, latest.end, _FEW_UNITS_PRECISION[unit.rstrip("s")], "text", text)
    count = int(groups["n"]) if groups["n"].isdigit() else _COUNTS[groups["n"].lower()]
    return _units_from(reference, -count, unit, text)


_FEW_UNITS_PRECISION: dict[str, DatePrecision] = {"day": "week", "week": "month", "month": "month", "year": "year"}


def _ahead(match: re.Match[str], groups: _Groups, text: str, reference: date, forward: bool) -> EventDate | None:
    """"In a month", "in two weeks": the day, week, month or year that far after the article;
    only a plan is dated so ("doubled in a month" is a duration)."""
    if not forward:
        return None
    count = int(groups["n"]) if groups["n"].isdigit() else _COUNTS[groups["n"].lower()]
    return _units_from(reference, count, groups["unit"].lower(), text)


def _units_from(reference: date, count: int, unit: str, text: str) -> EventDate:
    """The day, week, month or year ``count`` such units after ``reference`` (before it when
    negative), at that unit's precision."""
    if unit.startswith("day"):
        day = shift_days(reference, count)
        return EventDate(day, day, "day", "text", text)
    if unit.startswith("week"):
        monday = reference - timedelta(days=reference.weekday()) + timedelta(weeks=count)
        return EventDate(monday, monday + timedelta(days=6), "week", "text", text)
    if unit.startswith("month"):  # "six months ago": the month that many before the article's
        year, month = divmod(reference.year * 12 + reference.month - 1 + count, 12)
        start, end = _month_range(year, month + 1, None)
        return EventDate(start, end, "month", "text", text)
    year = reference.year + count
    return EventDate(date(year, 1, 1), date(year, 12, 31), "year", "text", text)


# "four years after the Taliban seized power", "a week before Moscow hosts talks": the event
# whose words follow, that long before (after) the news of the article
_OFFSET_EVENT = re.compile(
    rf"\b(?P<n>\d{{1,2}}|{_COUNT_WORDS})\s+(?P<unit>days?|weeks?|months?|years?)\s+(?P<direction>after|before)\s+(?=\S)", re.I
)


# "after the first attack," "after the attack on the post": the event's words head a noun
# phrase that names an event told before, with no clause of its own
_DETERMINED = re.compile(r"(?:the|a|an|its|their|his|her|this|that|these|those)\s+(?:[\w'’-]+\s+){0,3}", re.I)
_NOUN_PHRASE_END = re.compile(r"[\w'’-]+(?=\s*(?:[,;:.]|$)|\s+(?:on|in|at|near|of|against|by)\b)", re.I)


def offset_event_date(sentence: str, trigger_at: int, reference: date | None) -> EventDate | None:
    """The date of an event whose words (at ``trigger_at``) follow "N units after/before" in
    the same clause ("four years after the Taliban seized power"), counted from the article's
    date ``reference``; None when no such phrase leads to the event."""
    if reference is None or ("after" not in sentence and "before" not in sentence):
        return None
    for match in _OFFSET_EVENT.finditer(sentence, 0, trigger_at):
        if any(mark in sentence[match.end() : trigger_at] for mark in ",;:()\"\u201c\u201d"):
            continue  # the event's words are in another clause
        if _DETERMINED.fullmatch(sentence, match.end(), trigger_at) and _NOUN_PHRASE_END.match(sentence, trigger_at):
            continue  # "four days after the first attack, …": an event told before, named; the count dates what follows
        count = int(match.group("n")) if match.group("n").isdigit() else _COUNTS[match.group("n").lower()]
        step = -count if match.group("direction").lower() == "after" else count
        return _units_from(reference, step, match.group("unit").lower(), match.group(0).strip())
    return None


_SEASON_MONTHS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}  # first month (northern hemisphere)


def _season_range(season: str, year: int) -> tuple[date, date]:
    """The three months of ``season`` of ``year`` (a winter runs into the next year)."""
    first = _SEASON_MONTHS[season]
    start = date(year, first, 1)
    last_year, last_month = divmod(year * 12 + first - 1 + 2, 12)
    return start, _month_range(last_year, last_month + 1, None)[1]


def _season(match: re.Match[str], groups: _Groups, text: str, reference: date | None, forward: bool) -> EventDate | None:
    """"In the summer of 2012"; "last summer", "this winter", "next spring" against the article
    date (the last one is the latest that has ended, or begun for "this"). Month precision, as
    every span over twelve days."""
    if groups["season_of"]:
        start, end = _season_range(groups["season_of"].lower(), int(groups["year"]))
        return EventDate(start, end, "month", "text", text)
    if reference is None:
        return None
    season, which = groups["season"].lower(), groups["which"].lower()
    year = reference.year if _SEASON_MONTHS[season] <= reference.month else reference.year - 1  # the latest begun
    if which in ("last", "past", "previous") and _season_range(season, year)[1] >= reference:
        year -= 1  # that one is still running: the one before
    elif which in ("next", "coming"):
        year += 1
    start, end = _season_range(season, year)
    return EventDate(start, end, "month", "text", text)


def _relative_span_reader(match: re.Match[str], groups: _Groups, text: str, reference: date, forward: bool) -> EventDate | None:
    which = " ".join(groups["which"].lower().split())
    found = _relative_span(which, groups["unit"].lower(), reference, text)
    # "earlier this year" ended before the article; "later this month" begins after it
    if which == "earlier this" and found.start < reference:
        return replace(found, end=min(found.end, shift_days(reference, -1)))
    if which == "later this" and found.end > reference:
        return replace(found, start=max(found.start, shift_days(reference, 1)))
    return found


# days each unit of a recent span covers ("the past week": the seven days up to the article)
_SPAN_DAYS = {"hour": 1, "day": 1, "week": 7, "month": 30, "year": 365}
_RECENT_DAYS = {"days": 7, "weeks": 30, "months": 180}  # "in recent days", "in recent weeks"


def _recent_span(match: re.Match[str], groups: _Groups, text: str, reference: date, forward: bool) -> EventDate | None:
    """"In the past three days", "over the last two weeks", "in recent days": the span that ends
    on the article's date."""
    if groups.get("recent"):
        days = _RECENT_DAYS[groups["recent"].lower()]
    else:
        word = " ".join(groups["n"].lower().split())
        count = int(word) if word.isdigit() else _COUNTS.get(word, 2 if word == "couple of" else 3)  # "a few", "several": three
        days = max(1, count * _SPAN_DAYS[groups["unit"].lower().rstrip("s")] // (24 if groups["unit"].lower().startswith("hour") else 1))
    start = shift_days(reference, -days)
    return EventDate(start, reference, "days" if days <= 2 else "week" if days <= 7 else "month", "text", text)


# Kinds of date expression (see PATTERNS) → their reader; a kind in _RELATIVE_READERS has
# no date in an article without one.
_READERS: dict[str, Callable[[re.Match[str], _Groups, str, date | None, bool], EventDate | None]] = {
    "iso": _iso_date,
    "dotted": _iso_date,
    "compact": _compact_date,
    "month_day": _month_day,
    "day_month": _day_month,
    "month": _month,
    "year_range": _year_range,
    "years_between": _year_range,
    "year": _year,
    "year_part": _year_part,
    "decade": _decade,
    "season": _season,
}
_RELATIVE_READERS: dict[str, Callable[[re.Match[str], _Groups, str, date, bool], EventDate | None]] = {
    "relative_month": _relative_month,
    "weekday": _weekday,
    "relative_day": _relative_day,
    "the_weekend": _the_weekend,
    "ago": _ago,
    "ahead": _ahead,
    "relative_span": _relative_span_reader,
    "recent_span": _recent_span,
    "relative_year_part": _relative_year_part,
}


_PAST_SPAN_PRECISION: dict[str, DatePrecision] = {"week": "week", "month": "month", "year": "year"}


def _relative_span(which: str, unit: str, reference: date, text: str) -> EventDate:
    if which == "past" and unit in ("week", "month", "year"):
        # "over the past week": the span up to the article, not the calendar week before it
        return EventDate(shift_days(reference, -_SPAN_DAYS[unit]), reference, _PAST_SPAN_PRECISION[unit], "text", text)
    step = -1 if which in ("last", "previous", "past") else 1 if which in ("next", "coming") else 0
    if unit in ("week", "weekend"):
        monday = reference - timedelta(days=reference.weekday()) + timedelta(weeks=step)
        if unit == "weekend":
            return EventDate(monday + timedelta(days=5), monday + timedelta(days=6), "days", "text", text)
        return EventDate(monday, monday + timedelta(days=6), "week", "text", text)
    if unit == "month":
        month_index = reference.year * 12 + reference.month - 1 + step
        year, month = divmod(month_index, 12)
        start, end = _month_range(year, month + 1, None)
        return EventDate(start, end, "month", "text", text)
    year = reference.year + step
    return EventDate(date(year, 1, 1), date(year, 12, 31), "year", "text", text)
