"""The grammar of a sentence's further events: which event words beside the main event's
tell an event of their own.

A sentence reports one main event (its matrix clause's, or its headline's) and often others
beside it (``../shared/reference/event-annotation.md``: a second distinct event gets a
secondary record).  Each helper here reads the words around one cue and answers one
question; :func:`geomap.events.reading.further_choices` decides with them.

* **A predicate of its own.**  "The Taliban seized the town and some soldiers surrendered",
  "they killed one smuggler and detained four": a coordinator opens a second predicate in
  the same clause.  The cue must be a verb there (a past form or participle, or after an
  auxiliary or a pronoun), not a noun of a list ("terrorist activity and border violations")
  nor an infinitive of purpose ("sent troops to reinforce the border").
* **A party's act.**  "Smugglers who crossed the border overnight were killed": a clause about
  a person tells what that party did before.
* **Another time.**  "A day after a shooting", "days after the delegation held talks": a
  clause that places an event before or after the main one tells a second event, also of the
  main event's class.
* **What was fled.**  "Soldiers fled into Tajikistan to escape clashes with the Taliban": the
  fighting people flee is an event of its own beside their flight.
* **A consequence.**  "Guards clashed with smugglers, killing three": the dead of a violent
  event are that event, not another.
"""

from __future__ import annotations

import re

# a coordinator that opens a predicate, and at most three words of its subject or auxiliary:
# "… and some government forces surrendered", ", five were detained", "and has come under attack"
_CONJUNCT_OPENING = re.compile(
    r"(?:,|\b(?:and|but|then|while)\b)\s+(?:(?:also|later|then|again|subsequently|both)\s+)?(?:[\w'’-]+\s+){0,3}?$", re.I
)
# "sent troops to reinforce", "told to stay on alert", "warning people not to go into the streets"
_INFINITIVE_BEFORE = re.compile(r"\bto\s+(?:\w+ly\s+)?$", re.I)
# an auxiliary or a subject pronoun before a cue makes it a verb ("were detained", "they killed",
# "has come under attack")
_AUXILIARY_BEFORE = re.compile(
    r"\b(?:am|is|are|was|were|be|been|being|has|have|had|will|would|shall|should|can|could|may|might|must|did|does|do"
    r"|they|he|she|we|it|i)\s+(?:[\w'’-]+\s+){0,2}$",
    re.I,
)
# past forms that do not end in -ed (the -ed and -ing forms are recognised by their ending)
_IRREGULAR_PAST = frozenset(
    "arose began bore beat bit blew broke brought built burnt caught came chose clung crept dealt drew drove ate fell fed "
    "felt fought found fled flew forbade forgot froze got gave went ground grew hung had heard hid hit held hurt kept knew "
    "laid led left lent let lay lit lost made meant met overran overtook paid put quit ran rang rose said saw sought sold "
    "sent set shook shot shut sang sank sat slew slid spoke spent split spread sprang stood stole stuck struck swore swept "
    "swam swung took taught tore told thought threw undertook understood upheld upset woke wore won withdrew wrote "
    "begun borne beaten bitten blown broken chosen done drawn driven eaten fallen flown forgotten frozen given gone grown "
    "hidden known lain overrun ridden risen seen shaken shown sworn spoken stolen stricken striven taken thrown torn woken "
    "worn withdrawn written".split()
)
# "a day after", "just two days after", "weeks before": how far the clause's event lies from the main one
_SPAN_BEFORE_CLAUSE = re.compile(
    r"\b(?:(?:just|only|barely|some|about|around|nearly|almost|less than|more than)\s+)?"
    # a unit with no count names a span only after "the" ("the day after"), not as a time of
    # its own ("earlier this week after …", "on Monday night after …")
    r"(?:(?P<count>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
    r"|(?<!\bthis\s)(?<!\blast\s)(?<!\bnext\s)(?<!\bthat\s)(?<!\bsame\s)(?<!day\s))(?P<unit>hours?|days?|nights?|weeks?)\s+$",
    re.I,
)
_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
# "an assault threat", "invasion fears": the event words name what is feared, as a modifier
_THREAT_AFTER = re.compile(r"[\s-]+(?:threats?|fears?|risks?|dangers?|warnings?|alerts?|scares?)\b", re.I)
# "the attack", "this incident", "the recent clashes" (but "the Taliban's offensive", and "the
# militants began attacks" tells the attacks)
_DEFINITE = re.compile(r"(?:the|this|that|these|those)\s+(?:(?![\w-]+(?:['’]s|s['’]))[\w-]+\s+)?", re.I)
# a clause that places its event before or after another: a second event, of any class
_OTHER_TIME_HEADS = frozenset({"after", "before", "since", "following"})
# a clause about a person: what that party did ("smugglers who crossed the border")
_PARTY_HEADS = frozenset({"who", "whom"})
# the dead and wounded a violent event leaves ("…, killing three", "leaving two dead")
_CASUALTIES = re.compile(r"^(?:killing|wounding|injuring|leaving)\b|\b(?:killed|wounded|injured|dead)$", re.I)
# harm someone did ("they killed one", "was shot dead"), not deaths alone ("two babies died")
_INFLICTED = re.compile(r"\b(?:kill(?:ed|ing)|shot|wound(?:ed|ing)|injur(?:ed|ing)|murder(?:ed|ing)|gunned down|beheaded|executed|stabbed)\b", re.I)


# "to escape", "fleeing", "fled from the": the words that name what people flee
_FLED_FROM = re.compile(
    r"\b(?:to\s+)?(?:escap(?:e|es|ed|ing)|flee(?:s|ing)?|fled|avoid(?:s|ed|ing)?)\s+(?:from\s+)?(?:the\s+)?(?:[\w'’-]+\s+){0,2}?$", re.I
)


# what joins the places of a list: "Kunduz and Taloqan", "Kunduz, Sar-e Pul and Taloqan"
_PLACE_JOINER = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or)\s+)(?:the\s+)?", re.I)


def listed_with(sentence: str, spans: list[tuple[int, int]], index: int) -> list[int]:
    """The indices of the place names (``spans``, in sentence order) listed together with the
    one at ``index`` ("Sar-e Pul and Kunduz", "Khorog, Ishkashim and Darvaz")."""
    first = last = index
    while first > 0 and _PLACE_JOINER.fullmatch(sentence, spans[first - 1][1], spans[first][0]):
        first -= 1
    while last + 1 < len(spans) and _PLACE_JOINER.fullmatch(sentence, spans[last][1], spans[last + 1][0]):
        last += 1
    return [i for i in range(first, last + 1) if i != index]


# "overran the city in 2015 and again in 2016", "closed on Monday and once more on Friday"
_AGAIN = re.compile(r"\b(?:and|but)\s+(?:then\s+)?(?:again|once again|once more)\s+(?=(?:in|on|at|during|last|this|early|late|later)\b)", re.I)


def told_again(sentence: str, after: int) -> int | None:
    """Where the words that date a repetition of the event begin ("… in 2015 and again in
    2016"), after offset ``after``; None when the sentence tells no repetition."""
    found = _AGAIN.search(sentence, after)
    return None if found is None else found.end()


def clause_head(sentence: str, clause_start: int) -> str:
    """The first word of the clause that starts at ``clause_start``, in lower case."""
    words = sentence[clause_start : clause_start + 16].lstrip(" ,").split(" ", 1)
    return words[0].lower() if words else ""


def is_predicate(sentence: str, start: int, words: str, nominal: bool) -> bool:
    """Whether the cue ``words`` at ``start`` is a verb of its own: a past form or a
    participle, or a word after an auxiliary or a subject pronoun; never a noun (``nominal``:
    after a determiner or a preposition) nor an infinitive."""
    before = sentence[max(0, start - 40) : start]
    if nominal or _INFINITIVE_BEFORE.search(before):
        return False
    first = words.split(" ", 1)[0].lower()
    return first.endswith(("ed", "ing")) or first in _IRREGULAR_PAST or _AUXILIARY_BEFORE.search(before) is not None


def opens_a_conjunct(sentence: str, clause_start: int, start: int, earlier: list[int]) -> bool:
    """Whether a coordinator opens a new predicate just before the cue at ``start``, after
    one of the ``earlier`` predicates of the same clause (their offsets)."""
    opening = _opening(sentence, clause_start, start)
    return opening is not None and any(clause_start <= at < opening for at in earlier)


def conjunct_start(sentence: str, clause_start: int, start: int) -> int:
    """Where the predicate of the cue at ``start`` begins: at the coordinator before it, if
    one opens it, else at the cue."""
    opening = _opening(sentence, clause_start, start)
    return start if opening is None else opening


def _opening(sentence: str, clause_start: int, start: int) -> int | None:
    found = _CONJUNCT_OPENING.search(sentence, max(clause_start, start - 48), start)
    return None if found is None else found.start()


def tells_a_party_act(sentence: str, clause_start: int) -> bool:
    """Whether the clause is about a person ("who …"): it tells what that party did."""
    return clause_head(sentence, clause_start) in _PARTY_HEADS


def at_another_time(sentence: str, clause_start: int) -> bool:
    """Whether the clause places its event before or after another ("a day after a
    shooting", "since the Taliban took power")."""
    return clause_head(sentence, clause_start) in _OTHER_TIME_HEADS


def is_fled_from(sentence: str, start: int) -> bool:
    """Whether the cue at ``start`` names what people flee ("fled to escape clashes",
    "fleeing the fighting"): an event of its own beside the flight."""
    return _FLED_FROM.search(sentence, max(0, start - 40), start) is not None


def names_a_threat(sentence: str, end: int) -> bool:
    """Whether the cue ending at ``end`` modifies a word for a threat ("assault threat"): what
    is feared, no event."""
    return _THREAT_AFTER.match(sentence, end) is not None


def refers_back(sentence: str, phrase_start: int, start: int) -> bool:
    """Whether the cue at ``start`` heads a definite noun phrase that begins at
    ``phrase_start`` ("after the attack", "after this incident", "after the clashes of
    2021"): an event the reader knows already, told before, no event of the sentence's own.
    "The Taliban's offensive" is the Taliban's, and "the militants began attacks" tells the
    attacks."""
    return _DEFINITE.fullmatch(sentence, phrase_start, start) is not None


def is_inflicted(words: str) -> bool:
    """Whether the casualty cue tells harm someone did, not deaths alone."""
    return _INFLICTED.search(words) is not None


def days_before_main(sentence: str, clause_start: int) -> int | None:
    """How many days before the main event the event of an after-clause happened ("a day
    after a shooting": 1; "hours after": 0); negative for a before-clause ("two days before
    the talks"); None when the sentence gives no span.  A span with no number ("days after")
    counts as two of its unit, the fewest it can mean."""
    head = clause_head(sentence, clause_start)
    if head not in ("after", "before"):
        return None
    span = _SPAN_BEFORE_CLAUSE.search(sentence, max(0, clause_start - 40), clause_start)
    if span is None:
        return None
    unit = span.group("unit").lower()
    count = span.group("count")
    number = (int(count) if count.isdigit() else _COUNTS[count.lower()]) if count else (2 if unit.endswith("s") else 1)
    days = 0 if unit.startswith("hour") else number * (7 if unit.startswith("week") else 1)
    return days if head == "after" else -days


def is_consequence(words: str) -> bool:
    """Whether the cue tells the dead or wounded an event left ("killing three")."""
    return _CASUALTIES.search(words) is not None


# ", who has led the country since 1994,": a relative clause set off by commas
ASIDE_OPENING = re.compile(r",\s*(?:who|whom|whose|which|where)\b", re.I)


def relative_aside(sentence: str, offset: int) -> tuple[int, int] | None:
    """The span of a relative clause set off by commas that holds ``offset`` ("Rahmon, who has
    led the country since 1994, then spoke to Putin"), from its comma to the next one (or the
    sentence's end); None when ``offset`` lies in no such clause."""
    opening = None
    for opening in ASIDE_OPENING.finditer(sentence, max(0, offset - 120), offset):
        pass
    if opening is None:
        return None
    end = aside_end(sentence, opening.end())
    return (opening.start(), end) if offset < end else None


# ", were detained", ", then spoke": the main clause's predicate resumed after an aside
PREDICATE_RESUMED = re.compile(
    r",\s*(?:\w+ly\s+|then\s+|also\s+|later\s+)?(?:was|were|is|are|had|has|have|will|would|could|can|did|does|do|said|says|met|fled|left|took"
    r"|went|came|told|began|held|sent|spoke|fought|led|made|gave|saw|[a-z]+ed)\b",
    re.I,
)


def aside_end(sentence: str, opened_at: int) -> int:
    """Where a relative clause set off by commas ends: at the comma after which the main
    clause's predicate resumes, else at its first comma, else at the sentence's end."""
    resumed = PREDICATE_RESUMED.search(sentence, opened_at)
    if resumed is not None:
        return resumed.start()
    comma = sentence.find(",", opened_at)
    return comma if comma != -1 else len(sentence)


def after_an_aside(sentence: str, offset: int) -> bool:
    """Whether ``offset`` lies in the main clause resumed after a relative clause set off by
    commas ("the men, who had attacked a post, were detained"), not in that clause."""
    opening = None
    for opening in ASIDE_OPENING.finditer(sentence, max(0, offset - 200), offset):
        pass
    if opening is None:
        return False
    resumed = PREDICATE_RESUMED.search(sentence, opening.end())
    return resumed is not None and resumed.start() < offset and ASIDE_OPENING.search(sentence, resumed.end(), offset) is None
