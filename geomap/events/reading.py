"""One event sentence read on its own: class, modality, actors, counts, place and date.

* **Class by content.**  Every cue of ``event_triggers.csv`` that matches is kept with its
  position.  Reporting cues ("said", "according to", role ``attribution``) are looked
  through: the event they report decides the class.  A speech act ("warned", "accused",
  role ``speech``) makes the sentence a statement only when it governs the event words that
  follow it; a denial (role ``denial``) makes the event it governs ``denied``.  Among event
  cues the class highest in the taxonomy's ``priority`` wins among confident ones
  (ACLED's "most severe tactic" rule).
* **Modality by clause.**  Only cues in the clause of the event's words count (a "will" in
  what a speaker hopes does not make a reported clash planned); conditional cues with
  sentence scope ("if …") apply throughout.  The event's own date then decides: a date
  after the article is ``planned``, one ended more than ``Settings.historical_after_days``
  before it is ``historical``.
* **Date by the event, not the saying.**  Of the sentence's time expressions the one
  nearest the event's words is taken, except those that date a saying ("told RFE/RL
  today"), which date only statements; a meeting is dated by its own day or that of the
  meeting a saying was made at ("during the talks on Monday").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from geomap.events.actors import SentenceActors, as_forces, on_date, sentence_actors, speakers, without_speakers
from geomap.events.dates import DateMention, date_mentions, offset_event_date, shift_days
from geomap.events.further import (
    after_an_aside,
    at_another_time,
    conjunct_start,
    days_before_main,
    is_consequence,
    is_fled_from,
    is_inflicted,
    is_predicate,
    listed_with,
    names_a_threat,
    opens_a_conjunct,
    refers_back,
    relative_aside,
    tells_a_party_act,
    told_again,
)
from geomap.events.lexicon import Lexicon, some_branch_present
from geomap.events.place import (
    GEO_LEVEL_BY_FEATURE,
    IN_COUNTRY,
    BorderZone,
    PlaceChoice,
    SentencePlaces,
    descriptive_clauses,
    geo_level,
    has_border_phrase,
    in_dateline,
    is_origin,
    sentence_place,
    zone_for,
)
from geomap.events.quantities import counts_of_events, extract_quantities
from geomap.model import EventDate, Quantity, Toponym

CONFIDENT_CUE = 0.6
# what is said or met about is placed only where the saying or the meeting was held
_SAID_OR_MET = frozenset({"speech", "diplomacy"})
_VIOLENT_FAMILIES = frozenset({"violence"})
_ARMED_FAMILIES = frozenset({"violence", "posture"})  # a country acts here through its armed forces

# where one clause ends and the next begins: the modality of one is not that of the other.
# Marks: every alternative opens with one of a few characters, matched first and then told
# apart by a lookbehind, so that the regex engine searches for those characters alone (an
# alternation that opens with classes is tried at every character).  The alternatives after
# a \s share it: at one whitespace no two of them can match (each needs other letters after
# it), so their order does not matter; a lookahead of the characters that can follow any of
# them rules out most whitespace at once.
_MARK_BREAK_SOURCE = (
    r"[;:()\u201c\u201d\"\s,]"
    r"(?:(?<=[;:()\u201c\u201d\"])"
    r"|(?<=,)(?:\s*(?=(?:but|while|whereas|although|though|which|who|whom|whose|where|after|before|since|because|as|when|until|amid|saying|adding|according|despite)\b)"
    r"|\s+and\s+)"
    r"|(?<=\s)(?=[-\u2013\u2014\sabdstuw])(?:[-\u2013\u2014]\s|(?=(?:after|before|since|because|while|when|until|amid|although|though|whereas|despite)\s)"
    # "as" opening a clause with a verb of its own ("crossed the border as the Taliban launched an
    # assault"), not "such as", "as well as" or "known as" ("(?=as\s)" first: the lookbehinds
    # are tried only before an "as", which the lookahead after them requires anyway)
    r"|(?=as\s)(?<!\bsuch\s)(?<!\bwell\s)(?<!\bknown\s)(?<!\bsame\s)(?<!\bso\s)(?<!\bjust\s)(?<!\bseen\s)(?<!\bregarded\s)(?<!\bdescribed\s)"
    r"(?=as\s+(?:[\w'’-]+\s+){1,4}?(?:(?:is|are|was|were|has|have|had)\s|(?-i:[a-z]+(?:ed|es)\s)"
    r"|(?:began|fled|fell|took|seized|launched|withdrew|withdraw|swept|rose|left|came|went|grew|saw|extends?)\s))"
    r"|\s*and\s+(?=that\b)|(?=(?:who|whom|whose|which|where)\s)))"
)
# a verb of saying: what it introduces is a clause of its own; a promise or assurance given
# ("pledged that"): what follows "that" is.  The first letter is matched first, in a class
# that holds every letter ``re.I`` matches to it ("ſ" to "s"), then "\b" as a lookbehind and
# the rest of the word after a lookbehind of its letter: the engine searches for the letters.
_SPEECH_BREAK_SOURCE = (
    r"(?-i:[SsſTtAaRrWwCcNnHhBbFfPpVvIiİıEe])(?<!\w.)"
    r"(?:(?<=s)(?:aid|ays|ay|tated)\s+(?:that\s+)?|(?<=t)(?:old|ells)\s+(?:that\s+)?"
    r"|(?<=a)(?:nnounced|dded)\s+(?:that\s+)?|(?<=r)(?:eported|eports)\s+(?:that\s+)?|(?<=w)arned\s+(?:that\s+)?"
    r"|(?<=c)(?:laimed|laims|onfirmed)\s+(?:that\s+)?|(?<=n)oted\s+(?:that\s+)?|(?<=h)(?:opes?|oped)\s+(?:that\s+)?"
    r"|(?<=b)(?:elieves?|elieved)\s+(?:that\s+)?|(?<=f)(?:ears?|eared)\s+(?:that\s+)?"
    r"|(?:(?<=p)(?:romised|ledged)|(?<=v)owed|(?<=a)ssured|(?<=i)nsisted|(?<=s)tressed|(?<=e)mphasi[sz]ed)\s+(?:\w+\s+)?that\s+)"
)
_MARK_BREAK = re.compile(_MARK_BREAK_SOURCE, re.I)
_SPEECH_BREAK = re.compile(_SPEECH_BREAK_SOURCE, re.I)
# a word one of which every ``_SPEECH_BREAK`` match holds (in lower case): most sentences have
# none, and the regex is not run there
_SPEECH_WORDS = (
    "say", "said", "told", "tells", "announced", "stated", "report", "warned", "claim", "added", "noted", "confirmed",
    "hope", "believe", "fear", "promised", "pledged", "vowed", "assured", "insisted", "stressed", "emphasi",
)
# the letters other than ASCII ones that ``re.I`` matches to an ASCII letter ("ı" to "i"), which
# ``str.lower`` does not map to it: where one is, the regex is run
_ODD_FOLDS = ("\u0130", "\u0131", "\u017f", "\u212a")
# both as one alternation: what :func:`_clause_break_spans` finds (twice as fast, apart)
_CLAUSE_BREAK = re.compile(f"{_MARK_BREAK_SOURCE}|{_SPEECH_BREAK_SOURCE}", re.I)
# a sentence that refers back to an incident told before ("the clash", "the attackers"); its
# first letter is matched first (every letter ``re.I`` matches to it), then "\b" as a
# lookbehind: the regex engine searches for those letters
ANAPHOR = re.compile(
    r"(?-i:[TtAaDdIiİı])(?<!\w.)"
    r"(?:(?<=t)(?:he|hese|his|hose|hat)\s+(?:[\w-]+\s+){0,2}?(?:drills?|exercises?|manoeuvres?|maneuvers?|war ?games?|"
    r"attacks?|strikes?|clash(?:es)?|fighting|shelling|operation|incident|deployment|delivery|shipment|transfer|talks|meeting|"
    r"attackers?|assailants?|intruders?|gunmen|militants|fighters|terrorists|trespassers|smugglers|raiders|violators|"
    r"skirmish(?:es)?|firefight|gunfight|gun battle|battle|confrontation|conflict|explosion|blast|bombing|raid|assault)\b"
    r"|(?<=a)s a result\b|(?<=d)uring the\b|(?<=i)n the (?:clash|attack|fighting|incident|shootout|exchange)\b)",
    re.I,
)


@dataclass(frozen=True, slots=True)
class TriggerHit:
    """One matching cue of ``event_triggers.csv``: its class, words, weight, offset in the
    sentence, ACLED refinement and role."""

    event_class: str
    text: str
    weight: float
    start: int
    acled: tuple[str, str, str] | tuple[()] = ()
    role: str = ""


@dataclass(frozen=True, slots=True)
class ClassChoice:
    """The winning cue, the class it gives, why, and whether a denial governs it."""

    hit: TriggerHit
    event_class: str
    reason: str
    denied: bool = False
    # a report that tells a happening its words give no class of its own (see ``_narrates``):
    # it takes the class of the event the article told before it
    narrated: bool = False


@dataclass(frozen=True, slots=True)
class Reading:
    """An event sentence as read on its own (before the incident it belongs to is known)."""

    start: int
    end: int
    sentence: str
    choice: ClassChoice
    family: str
    modality: str
    modality_reason: str
    actors: SentenceActors
    quantities: tuple[Quantity, ...]
    place: PlaceChoice
    date: EventDate | None  # the sentence's own date, from its text
    date_reason: str
    anaphoric: bool  # refers back to an incident ("the attackers", "the clash")
    lead: bool  # headline or lead
    habitual: bool = False  # what usually happens ("smugglers usually kidnap …"): no date
    # the last day the sentence names for something that happened (not for a saying): the
    # narrative's time for the undated sentences after it, if recent
    narrative_day: EventDate | None = None
    # the narrative's time where this sentence stands, when it has no date of its own
    context_date: EventDate | None = None
    # the day the report of the event was made ("the ministry said last month that …"), for an
    # event the sentence dates no other way: it happened by then
    said_on: EventDate | None = None
    # a further event told as "a day after a shooting": how many days before the sentence's
    # main event it happened (negative: after it)
    days_before_main: int | None = None
    # the own date is where a state or span began ("the crossing has been shut since June",
    # "protesters have held the square since May 21"): it dates that state, not every event
    # told with it
    date_opens_span: bool = False
    # for undated news told before the article names any day: the first recent day a later
    # sentence of its family gives what happened (set when the article's incidents are put together)
    named_later: EventDate | None = None
    # the incident's date comes from a sentence told after this one (set when the incident is dated)
    incident_dated_after: bool = False

    @property
    def event_class(self) -> str:
        return self.choice.event_class


def trigger_hits(
    sentence: str, lexicon: Lexicon, present: set[str] | None = None, vetoed: list[tuple[int, TriggerHit]] | None = None
) -> list[TriggerHit]:
    """Every cue of the trigger table that matches ``sentence`` (its ``requires`` holding and
    its ``excludes`` not), in table order; those only ``excludes`` vetoed go to ``vetoed``
    (with their index in the table), when given."""
    present = lexicon.literals_in(sentence) if present is None else present
    hits: list[TriggerHit] = []
    # many cues of a class share one ``excludes`` regex: each is run once per sentence
    verdicts: dict[re.Pattern[str], bool] = {}
    for index in lexicon.candidates("triggers", present):
        trigger = lexicon.triggers[index]
        match = trigger.pattern.search(sentence)
        if match is None:
            continue
        if trigger.requires is not None and not (
            _may_match(trigger.requires_literals, present) and _found(trigger.requires, sentence, verdicts)
        ):
            continue
        hit = TriggerHit(trigger.event_class, match.group(0), trigger.weight, match.start(), trigger.acled, trigger.role)
        if trigger.excludes is not None and _may_match(trigger.excludes_literals, present) and _found(trigger.excludes, sentence, verdicts):
            if vetoed is not None:
                vetoed.append((index, hit))
            continue
        hits.append(hit)
    return hits


def _found(pattern: re.Pattern[str], sentence: str, verdicts: dict[re.Pattern[str], bool]) -> bool:
    verdict = verdicts.get(pattern)
    if verdict is None:
        verdict = verdicts[pattern] = pattern.search(sentence) is not None
    return verdict


def _may_match(branches: tuple[tuple[frozenset[str], ...], ...], present: set[str]) -> bool:
    """Whether some literal branch of a regex has every one of its sets in the sentence."""
    return not branches or some_branch_present(branches, present)


def choose_class(hits: Sequence[TriggerHit], lexicon: Lexicon, sentence: str = "") -> ClassChoice | None:
    """The sentence's class from its cues (see the module docstring), or None."""
    hits = [h for h in hits if not _stopped(sentence, h)]
    if not hits:
        return None
    strong = [h for h in hits if h.role in ("", "incident") and h.weight >= CONFIDENT_CUE]
    strong = [h for h in strong if not _inside_longer_cue(h, strong)] or strong
    strong = _without_dated_nouns(sentence, [h for h in strong if not _named_only(sentence, h)])
    if strong:
        return _beside_a_state_aside(strong, hits, lexicon, sentence) or _with_event_cues(strong, hits, lexicon, sentence)
    if _NO_NEWS.search(sentence):
        return None
    return _without_strong_cues(hits, lexicon, sentence)


# what tells no news of its own with no event cue: a writer's aside ("it is to be noted
# that"), an unanswered request for comment, a correction of the article, a border's length,
# a page's comment counter
_NO_NEWS = re.compile(
    # the first character first: a letter a word opens with (in a class of every letter ``re.I``
    # matches to it; then "\b" as a lookbehind, the rest of the word after a lookbehind of its
    # letter) or, for the counter at the start, a character no word holds
    r"(?-i:[\WIiİıHhDdCcRrAaWwSsſEe])"
    r"(?:(?<!\w.)(?:(?<=i)t (?:is|should be|must be|is to be|has to be) (?:also )?noted\b"
    r"|(?:(?<=d)(?:id not|idn['’]t)|(?<=h)(?:as not|ave not|ad not)|(?<=c)ould not be reached to) (?:immediately )?(?:respond|reply)\b|(?<=r)equests? for comments?\b"
    r"|(?:(?<=a)n earlier|(?<=a) previous) version of this (?:article|story|report)\b"
    r"|(?:(?<=i)s|(?<=a)re|(?<=w)as|(?<=s)tretches|(?<=r)uns|(?<=e)xtends)\s+(?:about\s+|some\s+|nearly\s+|almost\s+|more than\s+|over\s+)?"
    r"[\d,.]+\s*(?:km|kilomet(?:er|re)s?|miles)(?:\s+\(\S+\s+\S+\))?\s+long\b)"
    r"|(?<![\s\S]{2})(?:(?<=\W)\W*c|(?<=c))omments?\s+\d+\b)",
    re.I,
)


# "on alert for possible deployment", "prepared for an attack", "in case of an escalation":
# what forces stand ready for has not happened, it is not the sentence's event
_READY_FOR = re.compile(
    r"\b(?:in (?:the )?case of|in the event of|for (?:a |an |any )?(?:possible|potential|eventual)"
    r"|(?:prepared|preparing|prepare|ready|readiness|get ready|brace[ds]?|bracing) (?:for|to repel|to respond to)"
    r"|against (?:a |an |any )?(?:possible|potential))\s+(?:(?:a|an|the|any|possible|potential)\s+)?(?:[\w-]+\s+){0,2}$",
    re.I,
)
# "asked about the reported airstrike, the spokesman said he could not confirm it": what a
# speaker is asked about is the topic of the answer, not what the sentence reports
_ASKED_ABOUT = re.compile(
    r"\b(?:asked|questioned|quizzed|pressed|a question)\s+(?:\S+\s+){0,6}?(?:about|on|over|regarding|whether|if)\s+"
    r"(?:(?:the|a|an|any|reported|alleged|possible|claimed)\s+){0,2}(?:[\w-]+\s+){0,4}$",
    re.I,
)
# "set up to investigate the clash", "an inquiry into the shooting": what is investigated is
# the topic of the investigation, which is the sentence's event
_INVESTIGATED = re.compile(
    r"\b(?:investigat(?:e|es|ed|ing|ions?)|probe|probing|inquir(?:y|ies|e|ing)|look(?:s|ed|ing)? into)\s+"
    r"(?:(?:into|of)\s+)?(?:the|this|that|these|those|last\s+\w+['’]s|\w+day['’]s)\s+(?:[\w-]+\s+){0,2}$",
    re.I,
)

# "the 2021 Taliban takeover", "last year's clashes": an event named by its date, as a noun,
# is background the sentence refers to
_DATED_NOUN = re.compile(
    r"(?:^|\b(?:the|a|an|its|their|his|her|this|that)\s+|['’]s\s+)(?:[\w-]+\s+)?(?:1[89]\d\d|20\d\d)(?:['’]s)?\s+(?:[\w-]+\s+){0,2}$"
    r"|\b(?:last|previous|past) (?:year|month|week|summer|winter|spring|autumn|fall)['’]s\s+(?:[\w-]+\s+){0,2}$",
    re.I,
)

# "fled into Tajikistan to escape clashes", "fearing attacks, villagers left": what people flee
# (or, fleeing, fear) is the cause of the flight the sentence tells, not its event; "feared the
# takeover would …" is speech, whose content stays an event
_FLED_FROM = re.compile(
    r"\b(?:escap(?:e|es|ed|ing)|fle(?:e|es|eing|d)|fearing|avoid(?:s|ed|ing)?)\s+"
    r"(?:(?:the|a|an|further|renewed|possible|heavy|fierce|ongoing|continued)\s+){0,2}(?:[\w-]+\s+)?$",
    re.I,
)

# words one of which each frame holds: its regex is tried only where one of them is
_READY_WORDS = ("case of", "event of", "possib", "potential", "eventual", "prepar", "ready", "readiness", "brac")
_ASKED_WORDS = ("asked", "question", "quizzed", "pressed")
_INVESTIGATED_WORDS = ("investigat", "probe", "probing", "inquir", "look")
_DATED_WORDS = ("19", "20", "'s", "’s")
_FLED_WORDS = ("escap", "fle", "fear", "avoid")
_END_WORDS = ("completion", "conclusion", "end of", "close of")
_AGREED_WORDS = ("agree", "deal", "accord", "understanding")


def _frame_before(sentence: str, end: int, reach: int, pattern: re.Pattern[str], words: tuple[str, ...]) -> re.Match[str] | None:
    """The frame ``pattern`` ending at ``end`` (within ``reach`` characters before it); the
    regex is tried only when one of the frame's ``words`` is there."""
    start = max(0, end - reach)
    before = sentence[start:end].lower()
    for word in words:
        if word in before:
            return pattern.search(sentence, start, end)
    return None


def _named_only(sentence: str, hit: TriggerHit) -> bool:
    """Whether the cue only names an event the sentence does not tell: what forces stand
    ready for (``_READY_FOR``), what a speaker was asked about (``_ASKED_ABOUT``), what is
    investigated (``_INVESTIGATED``) or what people flee or fear (``_FLED_FROM``)."""
    if not sentence:
        return False
    return (
        _frame_before(sentence, hit.start, 80, _READY_FOR, _READY_WORDS) is not None
        or _frame_before(sentence, hit.start, 80, _ASKED_ABOUT, _ASKED_WORDS) is not None
        or _frame_before(sentence, hit.start, 60, _INVESTIGATED, _INVESTIGATED_WORDS) is not None
        or _frame_before(sentence, hit.start, 40, _FLED_FROM, _FLED_WORDS) is not None
    )


# "the shooting had stopped", "shootouts ceased by the evening": the end of fighting told
# before is no fighting of its own
_STOPPED_AFTER = re.compile(r"\s+(?:had\s+|has\s+|have\s+)?(?:stopped|ceased|subsided|died down|halted|calmed down)\b", re.I)


def _stopped(sentence: str, hit: TriggerHit) -> bool:
    """Whether the cue is the subject of its own end ("the shooting stopped")."""
    return hit.role in ("", "incident") and _STOPPED_AFTER.match(sentence, hit.start + len(hit.text)) is not None


def _dated(sentence: str, hit: TriggerHit, others: Sequence[TriggerHit]) -> bool:
    """Whether the cue is the noun a date or a past possessive modifies (``_DATED_NOUN``): no
    other cue stands between them ("the 2010 fighting forced villagers to flee": the
    flight is not dated)."""
    found = _frame_before(sentence, hit.start, 60, _DATED_NOUN, _DATED_WORDS)
    return found is not None and not any(found.start() <= o.start < hit.start for o in others)


def _without_dated_nouns(sentence: str, strong: list[TriggerHit]) -> list[TriggerHit]:
    """The cues but an earlier event named by its date ("the 2021 takeover prompted Dushanbe
    to send troops"), when another event cue tells what the sentence reports; alone, the
    dated event is what the sentence tells ("last year's clashes killed 100 people")."""
    dated = [h for h in strong if h.role == "" and _dated(sentence, h, strong)]
    if not dated or not any(h.role == "" and h not in dated for h in strong):
        return strong
    return [h for h in strong if h not in dated]


# "upon completion of the drills", "at the end of the exercise": the event named tells when
# the sentence's event happened, it is not a second one
_END_OF = re.compile(r"\b(?:upon|on|at|after)\s+(?:the\s+)?(?:completion|conclusion|end|close)\s+of\s+(?:the\s+|this\s+|these\s+)?(?:[\w-]+\s+){0,2}$", re.I)


def _time_frame(sentence: str, hit: TriggerHit) -> bool:
    """Whether the cue names the event whose end dates another (see ``_END_OF``)."""
    return _frame_before(sentence, hit.start, 50, _END_OF, _END_WORDS) is not None


def _inside_longer_cue(hit: TriggerHit, others: Sequence[TriggerHit]) -> bool:
    """Whether the words of ``hit`` are part of a longer cue of another class: "banned
    rallies" is a ban, not a rally; the longer match says what those words do."""
    end = hit.start + len(hit.text)
    return any(
        o.role == "" and o.event_class != hit.event_class and o.start <= hit.start and end <= o.start + len(o.text) and len(o.text) > len(hit.text)
        for o in others
    )


def _beside_a_state_aside(strong: list[TriggerHit], hits: Sequence[TriggerHit], lexicon: Lexicon, sentence: str) -> ClassChoice | None:
    """"Speaking to the broadcaster, which is under Taliban control, he said …": when every
    confident cue lies in an aside that gives a thing's state, the sentence is what the rest
    of it says (None when the aside is not all, or the rest reports nothing)."""
    if not all(_in_state_aside(sentence, h.start) for h in strong):
        return None
    rest = [h for h in hits if not _in_party_aside(sentence, h.start)]
    if not any(h.role in ("attribution", "speech") for h in rest):
        return None
    return _without_strong_cues(rest, lexicon, sentence)


def _main_clause_cues(told: list[TriggerHit], sentence: str) -> list[TriggerHit]:
    """The cues of the main clause: not subordinate, and not in an aside about a party ("the
    broadcaster, which is under Taliban control, …"), when the main clause has any."""
    main = [h for h in told if not _subordinate(sentence, h.start)]
    if not main:
        return told  # the caller tells "in the main clause" by this being another list
    main = [h for h in main if not _in_party_aside(sentence, h.start)] or main
    # "agreed a ceasefire after reports of fresh shooting": what the event followed is not it
    first = min(h.start for h in main)
    return [h for h in main if h.start == first or not _CAME_BEFORE.search(sentence, max(first, h.start - 60), h.start)]


def _with_event_cues(strong: list[TriggerHit], hits: Sequence[TriggerHit], lexicon: Lexicon, sentence: str) -> ClassChoice:
    """The class when a confident event cue matched: the main clause's event, unless speech
    governs it or the event is only judged."""
    # a bare casualty count says least of what happened: any other event cue goes first
    # ... and so does a cue that describes a party or a place ("in an area where a road is
    # being built"): it tells no event of the sentence's own
    told = [h for h in strong if h.role != "incident" and not _describing(sentence, h.start)] or strong
    main = _main_clause_cues(told, sentence)
    best = _best(main, lexicon, hits)
    acts = [h for h in hits if h.role in ("speech", "denial") and h.weight >= CONFIDENT_CUE and _verbal(sentence, h)]
    governing = [h for h in acts if h.start < best.start and not _in_a_parenthesis_apart(sentence, h.start, best.start)]
    if governing:
        act = governing[0]
        if act.role == "denial" and _denies_the_event(sentence, act, best):
            return ClassChoice(best, best.event_class, f"{_cue_reason(best, False)}, denied by {act.text!r}", denied=True)
        return ClassChoice(act, "statement", f"{act.text!r} governs {best.text!r}: what is reported is speech")
    framed = _framed(sentence, best, hits) or _reported_as_not_done(sentence, best, hits)
    if framed is not None:
        return framed
    return ClassChoice(best, best.event_class, _cue_reason(best, main is not told) + _looked_through(hits))


# "say that the guards did not open fire", "did not use weapons in the clash": the act
# negated right before its words (a state negated, "has not been reopened", still tells one)
_NOT_DONE = re.compile(r"\b(?:did not|didn['’]t|did never|never)\s+(?:[\w-]+\s+){0,4}?$", re.I)


def _reported_as_not_done(sentence: str, best: TriggerHit, hits: Sequence[TriggerHit]) -> ClassChoice | None:
    """A report that the event did not happen is a denial, a statement."""
    said = next((h for h in hits if h.role == "attribution"), None)
    if said is None or not sentence:
        return None
    start, _ = clause_span(sentence, best.start)
    found = _NOT_DONE.search(sentence, max(start, best.start - 50), best.start)
    if found is None:
        return None
    return ClassChoice(best, "statement", f"{said.text!r} reports {best.text!r} as not done ({found.group(0).strip()!r}): a denial")


def _framed(sentence: str, best: TriggerHit, hits: Sequence[TriggerHit]) -> ClassChoice | None:
    """The class of what frames the event's words, if anything does: an assessment of it ("the
    exercise has shown …"), an accusation ("… were behind the attack") or an agreement whose
    content it is ("agreed to withdraw their troops")."""
    judged = _EVALUATED.match(sentence, best.start + len(best.text))
    if judged and _NOMINAL_BEFORE.search(sentence, max(0, best.start - 12), best.start):
        return ClassChoice(best, "statement", f"{best.text!r} is judged ({judged.group(0).strip()!r}): an assessment")
    if _BLAMED_FOR.search(sentence, max(0, best.start - 60), best.start):
        return ClassChoice(best, "statement", f"someone is blamed for {best.text!r}: an accusation")
    agreed = _frame_before(sentence, best.start, 60, _AGREED_TO, _AGREED_WORDS)
    if agreed and best.event_class != "agreement_meeting":
        pact = next((h for h in hits if h.event_class == "agreement_meeting" and agreed.start() <= h.start < best.start), best)
        return ClassChoice(pact, "agreement_meeting", f"{best.text!r} is what was agreed ({agreed.group(0).strip()!r}): an agreement")
    return _discussed(sentence, best, hits)


# "discussions were held on enhancing security", "talks on the withdrawal of troops",
# "discussed the deployment of": what a meeting is about has not happened; the meeting is the event
_DISCUSSED_ON = re.compile(
    r"\b(?:talks|discussions|negotiations|consultations|meetings?|discussed|discussing)\s+(?:(?:were|was|have been|had been)\s+)?"
    r"(?:held\s+)?(?:on|about|regarding|concerning|over)?\s*(?:(?:the|a|an|ways|of|to|issues?|prospects|possible)\s+){0,3}$",
    re.I,
)
_DISCUSSED_WORDS = ("talks", "discussion", "negotiation", "consultation", "meeting", "discuss")


def _discussed(sentence: str, best: TriggerHit, hits: Sequence[TriggerHit]) -> ClassChoice | None:
    """A meeting whose topic the event's words name: the meeting is the sentence's event."""
    if best.event_class == "agreement_meeting":
        return None
    topic = _frame_before(sentence, best.start, 60, _DISCUSSED_ON, _DISCUSSED_WORDS)
    if topic is None:
        return None
    meeting = next((h for h in hits if h.event_class == "agreement_meeting" and topic.start() <= h.start < best.start), None)
    if meeting is None:
        return None
    return ClassChoice(meeting, "agreement_meeting", f"{best.text!r} is what was discussed ({topic.group(0).strip()!r}): a meeting")


# "agreed to withdraw their troops", "an agreement on the reopening of the crossings": what
# the sides agreed on has not happened yet; the agreement is the event
_AGREED_TO = re.compile(
    r"\b(?:agree(?:d|s|ing)?|(?:signed|reached|concluded) (?:an? )?(?:agreement|deal|accord|understanding))\s+(?:to|on|upon)\s+"
    r"(?:(?:the|a|an|their|its|all|mutual|gradual|joint|full)\s+){0,2}(?:[\w-]+\s+){0,1}$",
    re.I,
)


def _without_strong_cues(hits: Sequence[TriggerHit], lexicon: Lexicon, sentence: str = "") -> ClassChoice:
    """The class from speech acts, weak event cues and reports alone: a report is looked
    through to a weak event cue of what it reports, unless that content only tells a state
    ("said the gunmen were smugglers", "there is no room for refugees")."""
    statements = [h for h in hits if h.role in ("speech", "denial")]
    if statements:
        act = max(statements, key=lambda h: (h.weight, -h.start))
        return ClassChoice(act, "statement", f"{act.text!r} is a speech act")
    attributed = any(h.role == "attribution" for h in hits)
    content = [h for h in hits if h.role in ("", "incident") and not (attributed and _background(sentence, h, hits))]
    content = [h for h in content if not _named_only(sentence, h)] or content
    said = max(hits, key=lambda h: (h.role == "attribution", h.weight, -h.start))
    if content:
        best = _best(content, lexicon, hits)
        if not attributed:
            return ClassChoice(best, best.event_class, _cue_reason(best, False))
        state = _told_as_state(sentence, best)
        if state is None:
            return ClassChoice(best, best.event_class, _cue_reason(best, False) + _looked_through(hits))
        return ClassChoice(said, "statement", f"{said.text!r}: what is reported is a state ({state!r}), no event of its own")
    if _narrates(sentence):
        return ClassChoice(said, "statement", f"{said.text!r}: a report that tells a happening of no class of its own", narrated=True)
    return ClassChoice(said, "statement", f"{said.text!r}: a report with no event of its own")


# what a report tells happened: a passive or perfect verb, a negated past act, or a past verb
_HAPPENED = re.compile(
    r"\b(?:was|were|had been|has been|have been)\s+(?:\w+ly\s+)?(?!able\b)\w+(?:ed|en|wn|ught|ung|ept)\b"
    r"|\b(?:had|has|have)\s+(?:\w+ly\s+)?(?!been\b)\w+(?:ed|en|wn|ught|ung|ept|ook)\b"
    r"|\b(?:did not|didn['’]t)\s+\w+"
    r"|\b(?!(?:said|stated|added|noted|told|claimed|reported|confirmed|declared|emphasi[sz]ed|announced|stressed|quoted|cited|described)\b)\w{3,}ed\b"
    r"|\b(?:took|went|came|fled|fought|shot|left|saw|found|caught|brought|sent|ran|hid)\b",
    re.I,
)
# ... by whom or to what: forces, groups, people, vehicles, goods, or a counted body
_HAPPENING_PARTY = re.compile(
    r"\b(?:troops|forces|soldiers|servicem[ae]n|guards|police(?:men)?|militants|fighters|insurgents|Taliban|smugglers|gunmen"
    r"|men|people|residents|citizens|villagers|shepherds|drivers|trucks|lorries|cars|boats|cargo|vehicles|aircraft|helicopters?|planes?|pilots|drones?"
    r"|goods|weapons|horses|cattle|patients|\d+)\b",
    re.I,
)
# ... and not an opinion, a plan, a present state or a judgement: those are what was said
_SAID_NOT_HAPPENED = re.compile(
    r"\b(?:will|would|could|should|may|might|must|can|cannot|need|needs|hope|believe|concern\w*|important|necessary|ready"
    r"|prepared|aware|is|are|am|remains?|situation|threat|risks?|aim\w*|responsib\w+|members? of|normal|quiet|no incidents|to be)\b",
    re.I,
)


def _narrates(sentence: str) -> bool:
    """Whether a report with no event cue tells what forces, people, vehicles or goods did or
    underwent ("the guards had returned through the bridge", "the soldiers did not react"),
    rather than an opinion, plan, state or judgement ("the situation is under control")."""
    return bool(sentence) and _HAPPENING_PARTY.search(sentence) is not None and _HAPPENED.search(sentence) is not None and _SAID_NOT_HAPPENED.search(sentence) is None


def _background(sentence: str, hit: TriggerHit, hits: Sequence[TriggerHit]) -> bool:
    """Whether a weak cue in a report tells no content of it: it only names an event (see
    ``_named_only``), is part of a longer cue or is an event named by its date ("since the
    2022 border war")."""
    return _named_only(sentence, hit) or _inside_any_longer_cue(hit, hits) or _dated(sentence, hit, hits)


def _inside_any_longer_cue(hit: TriggerHit, others: Sequence[TriggerHit]) -> bool:
    """Whether the words of ``hit`` are part of a longer cue of any role ("conference" in "at a
    press conference", where the report was made)."""
    end = hit.start + len(hit.text)
    return any(o is not hit and o.start <= hit.start and end <= o.start + len(o.text) and len(o.text) > len(hit.text) for o in others)


# "there is no opportunity to receive refugees", "the gunmen were smugglers": the clause of a
# weak cue that is existential, or the cue named as what someone is, tells a state
_STATE_BEFORE = re.compile(
    r"\bthere\s+(?:(?:is|are|was|were|will be|would be|has been|have been|had been)\b|(?:has|have|had)\s+\w+\s+been\b)[^,;:.]*$"
    r"|\b(?:is|are|was|were)\s+(?:(?:a|an|the|all|only|mostly|mainly|merely)\s+)?(?:[\w-]+\s+)?$",
    re.I,
)


# "the talks had failed", "the meeting was very useful": the cue's noun judged is an assessment
_JUDGED_AFTER = re.compile(
    r"\s+(?:(?:had|has|have)\s+)?(?:failed|succeeded|(?:been|is|are|was|were)\s+(?:a|an|not|very|still|more|most|[\w-]+(?:ful|ive|ous))\b)",
    re.I,
)


def _told_as_state(sentence: str, hit: TriggerHit) -> str | None:
    """The words that make the weak cue's content a state (``_STATE_BEFORE``) or a judgement
    of it (``_JUDGED_AFTER``), if any."""
    if not sentence:
        return None
    start, _ = clause_span(sentence, hit.start)
    found = _STATE_BEFORE.search(sentence, max(start, hit.start - 80), hit.start) or _JUDGED_AFTER.match(sentence, hit.start + len(hit.text))
    return found.group(0).strip() if found else None


# "denied sending troops", "denied having crossed": the event is denied; "denied that anyone
# was killed", "denied the accusations", "rejected the account, saying …": a statement
_DENIED_CLAUSE = re.compile(
    r"\s+(?:(?:strongly|categorically|flatly|again|also)\s+)?(?:(?:any|all|media|press|the)\s+)?"
    r"(?:having\b|\w+ing\b|any\b)",
    re.I,
)


def _denies_the_event(sentence: str, denial: TriggerHit, event: TriggerHit) -> bool:
    between = sentence[denial.start + len(denial.text) : event.start + len(event.text)]
    return bool(_DENIED_CLAUSE.match(between)) and "saying" not in between.lower()


# "the signing of the treaty would bolster security", "the exercise has shown that …": an
# event named as the subject of a judgement is an assessment, a statement
_NOMINAL_BEFORE = re.compile(r"\b(?:the|this|that|these|those|its|their|such)\s+(?:[\w-]+\s+)?$", re.I)
_EVALUATED = re.compile(
    r"(?:\s+(?:of|in|with|between|on|by|for)\s+(?:[\w'’-]+\s+){1,6}?|\s+)"
    r"(?:(?:would|will|could|should|may|might|must|can)\s+(?:not\s+|also\s+|only\s+|further\s+)?"
    r"(?:be (?:a|an|the|very|more|most|of)\b|become|serve|bolster|strengthen|weaken|help|contribute|improve|ensure|boost"
    r"|promote|undermine|threaten|harm|hurt|damage|allow|enable|make|mark|pave|lead to)"
    r"|(?:has|have) (?:shown|proved|proven|demonstrated|become|changed|transformed|reshaped|altered|affected|complicated|strained|worsened|improved)"
    r"|showed|proved|demonstrated"
    r"|(?:appears?|appeared|seems?|seemed) to (?:have|be)"
    r"|(?:is|was|are|were) (?:a|an|evidence|proof|a testament|important|significant|historic|a sign))\b",
    re.I,
)
# "believes Ukrainian special forces were behind the massacre": who is blamed for an event
# told before is an accusation, a statement
_BLAMED_FOR = re.compile(r"\b(?:is|was|are|were|be|been)\s+(?:\w+\s+)?(?:behind|responsible for|to blame for)\s+(?:the|this|that|these|those)\s+(?:[\w-]+\s+)?$", re.I)


def _cue_reason(hit: TriggerHit, matrix: bool) -> str:
    where = " in the main clause" if matrix else ""
    return f"{hit.text!r} ({hit.event_class} cue{where}, weight {hit.weight:g})"


# a speech-act cue used as a noun ("the demand to leave", "a major concern") governs nothing
_NOUN_BEFORE = re.compile(
    r"\b(?:the|a|an|this|that|these|those|its|their|his|her|our|of|to|in|on|for|with|major|serious|growing|deep|no|any|such)\s+$",
    re.I,
)
# the clause a cue sits in begins with one of these: it is background to the main clause
_SUBORDINATORS = frozenset({
    "after", "since", "following", "amid", "before", "as", "when", "where", "which", "who", "whom", "whose", "because",
    "despite", "while", "until", "whereas", "although", "though", "upon",
})


def _verbal(sentence: str, hit: TriggerHit) -> bool:
    if not sentence:
        return True
    return not _NOUN_BEFORE.search(sentence, max(0, hit.start - 20), hit.start)


def _subordinate(sentence: str, offset: int) -> bool:
    """Whether the cue at ``offset`` sits in a clause that begins with a subordinator
    ("since an exchange of gunfire …", "after heavy fighting")."""
    if not sentence:
        return False
    if offset < _clause_breaks(sentence)[0]:
        return True  # in the leading subordinate clause ("upon completion of the drills, …")
    start, _ = clause_span(sentence, offset)
    head = sentence[start : start + 12].lstrip(" ,").split(" ", 1)[0].lower()
    return head in _SUBORDINATORS


def _best(candidates: Sequence[TriggerHit], lexicon: Lexicon, hits: Sequence[TriggerHit]) -> TriggerHit:
    classes = lexicon.classes
    best = max(candidates, key=lambda h: (classes[h.event_class].priority if h.event_class in classes else 0, h.weight, -h.start))
    if best.acled:
        return best
    refined = next((h.acled for h in hits if h.event_class == best.event_class and h.acled), ())
    return TriggerHit(best.event_class, best.text, best.weight, best.start, refined, best.role) if refined else best


def _looked_through(hits: Sequence[TriggerHit]) -> str:
    said = next((h for h in hits if h.role == "attribution"), None)
    return f"; the report ({said.text!r}) is looked through" if said else ""


_LEADING_SUBORDINATE = re.compile(
    r"^\W*(?:after|since|following|amid|before|as|when|because|despite|while|although|though|upon"
    r"|(?:on|at) the (?:completion|conclusion|end) of|on completion of)\b[^,;]{0,100},",
    re.I,
)


def clause_span(sentence: str, offset: int) -> tuple[int, int]:
    """The clause of ``sentence`` around ``offset`` (see ``_CLAUSE_BREAK``; a leading
    subordinate clause ends at its comma)."""
    leading, breaks = _clause_breaks(sentence)
    start, end = 0, len(sentence)
    if leading:
        if offset >= leading:
            start = leading
        else:
            end = leading
    for break_start, break_end in breaks:
        if break_start < start:
            continue
        if break_start >= end:
            break
        if break_end <= offset:
            start = break_end
        elif break_start > offset:
            end = break_start
            break
    return start, end


@lru_cache(maxsize=64)
def _clause_breaks(sentence: str) -> tuple[int, tuple[tuple[int, int], ...]]:
    """Where a leading subordinate clause ends (0: none) and every clause break of ``sentence``."""
    leading = _LEADING_SUBORDINATE.match(sentence)
    return (leading.end() if leading else 0), _without_asides(sentence, _clause_break_spans(sentence))


def _clause_break_spans(sentence: str) -> tuple[tuple[int, int], ...]:
    """The spans ``_CLAUSE_BREAK.finditer`` finds, from its two parts searched apart: the
    leftmost match of either, a mark where both start at one offset (marks come first in the
    alternation).  No alternative matches the empty string, so each search resumes at the end
    of the last break, as ``finditer`` does."""
    spans: list[tuple[int, int]] = []
    mark = _MARK_BREAK.search(sentence)
    speech = _SPEECH_BREAK.search(sentence) if _may_have_speech(sentence) else None
    while mark is not None or speech is not None:
        found = mark if speech is None or (mark is not None and mark.start() <= speech.start()) else speech
        assert found is not None
        spans.append(found.span())
        end = found.end()
        if mark is not None and mark.start() < end:
            mark = _MARK_BREAK.search(sentence, end)
        if speech is not None and speech.start() < end:
            speech = _SPEECH_BREAK.search(sentence, end)
    return tuple(spans)


def _may_have_speech(sentence: str) -> bool:
    """Whether ``_SPEECH_BREAK`` may match in ``sentence`` (False: it does not)."""
    lowered = sentence.lower()
    return any(word in lowered for word in _SPEECH_WORDS) or (not sentence.isascii() and any(c in sentence for c in _ODD_FOLDS))


# the most characters a parenthesis may hold and still be an aside of its clause
ASIDE_CHARS = 40


def _without_asides(sentence: str, spans: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
    """The breaks without the brackets of a short aside with no break inside it ("the exercise
    dubbed Poisk 2021 (Search 2021) will be held", "the SCNS (GKNB) said"): a gloss or an
    acronym, not a clause of its own, so the clause goes on after it."""
    kept: list[tuple[int, int]] = []
    skip = False
    for k, span in enumerate(spans):
        if skip:
            skip = False
            continue
        closing = spans[k + 1] if k + 1 < len(spans) else None
        if (
            closing is not None and sentence[span[0]] == "(" and sentence[closing[0]] == ")"
            and closing[0] - span[1] <= ASIDE_CHARS
        ):
            skip = True
            continue
        kept.append(span)
    return tuple(kept)


def cue_modality(
    sentence: str, lexicon: Lexicon, trigger: TriggerHit, present: set[str] | None = None
) -> tuple[str, str]:
    """The modality the cues of the event's clause give, and the cue that gave it.

    A cue counts where its ``scope`` allows (``clause``: in the event's clause; ``before``:
    there and before the event's words; ``sentence``: anywhere) and only when it is not part
    of the event's own words ("agreed to" is the agreement, not a plan).  ``habitual`` is
    returned for what usually happens."""
    present = lexicon.literals_in(sentence) if present is None else present
    clause = _with_its_predicate(sentence, clause_span(sentence, trigger.start))
    own = (trigger.start, trigger.start + len(trigger.text))
    resumed = _predicate_after_relative(sentence, own[1])
    last = max(clause[1], resumed[1]) if resumed else clause[1]
    cues = lexicon.modality_cues
    for index in lexicon.candidates("modality_cues", present):  # strongest first
        cue = cues[index]
        for match in cue.pattern.finditer(sentence):
            if cue.scope != "sentence" and match.start() >= last:
                break
            # a cue inside the event's own words is part of the event ("agreed to"), except the
            # future auxiliary and how often it happens ("launch near-daily attacks")
            if own[0] <= match.start() and match.end() <= own[1] and not _FUTURE_AUXILIARY.match(match.group(0)) and cue.modality != "habitual":
                continue
            if _past_verb_beside_infinitive(sentence, match, trigger) or _in_a_parenthesis_apart(sentence, match.start(), trigger.start):
                continue
            # "launched a pipeline on Friday that will feed …": a clause about a thing after the event's
            # words; "held talks and agreed to release …": a predicate of its own after them
            if match.start() > own[1] and _OWN_CLAUSE_BEFORE_CUE.search(sentence, max(own[1], match.start() - 25), match.start()):
                continue
            # a cue reaching into the clause from the saying before it ("said the troops would
            # leave") counts by its last word, when that comes before the event's words
            reaching = match.start() < clause[0] < match.end() <= trigger.start
            at = match.end() - 1 if reaching else match.start()
            if _in_scope(cue.scope, at, clause, trigger.start) or (resumed and _in_scope(cue.scope, match.start(), resumed, trigger.start)):
                return cue.modality, f"{match.group(0)!r} in the event's clause"
    return "reported", "no modality cue: reported"


_OWN_CLAUSE_BEFORE_CUE = re.compile(r"\b(?:that|which|who|and|but)\s+(?:\w+\s+)?$", re.I)


# "After construction, the base will be transferred": a leading adjunct of a few words with no
# verb of its own, whose event the main clause goes on to tell
_VERBLESS_ADJUNCT = re.compile(
    r"\W*(?:after|following|upon|on|with|before|during)\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,2}?[\w-]+(?:ion|ment|ing|ure|al|s)\s*,\s*$", re.I
)


def _with_its_predicate(sentence: str, clause: tuple[int, int]) -> tuple[int, int]:
    """The event's clause, reaching into the main clause when it is a verbless leading adjunct."""
    if clause[0] == 0 and clause[1] < len(sentence) and _VERBLESS_ADJUNCT.fullmatch(sentence, 0, clause[1]):
        return 0, clause_span(sentence, clause[1])[1]
    return clause


# the future auxiliary is tense, not the event's own words, even when a trigger spans it
# ("flights will resume", "the two sides will meet"): its cue still marks the event planned
_FUTURE_AUXILIARY = re.compile(r"(?:will|shall)\s", re.I)
_INFINITIVE_CUE = re.compile(r"\bto\Z", re.I)
_AND_BEFORE = re.compile(r"\band\s+(?:was\s+|were\s+)?\Z", re.I)
_PAST_FORM = re.compile(r"\w+ed\b", re.I)


def _past_verb_beside_infinitive(sentence: str, cue: re.Match[str], trigger: TriggerHit) -> bool:
    """"He wanted to organise an attack and was killed": a past verb joined by "and" to what
    a "wanted to / planned to" cue introduces is a predicate of its own, which the cue does
    not govern (an infinitive would take the bare verb)."""
    if cue.end() > trigger.start or not _INFINITIVE_CUE.search(cue.group(0)):
        return False
    return bool(_AND_BEFORE.search(sentence, cue.end(), trigger.start)) and bool(_PAST_FORM.match(trigger.text))


# a relative clause set off by commas right after the event's noun ("The exercises, in which
# 600 troops will take part, will be held …"): the sentence's predicate follows it
_RELATIVE_AFTER_NOUN = re.compile(r"\s*,\s*(?:(?:in|at|on|of|for|during|under|with|to|from|by)\s+)?(?:which|who|whom|whose|where)\b[^,;:()]*,\s*", re.I)


def _predicate_after_relative(sentence: str, noun_end: int) -> tuple[int, int] | None:
    """The clause that continues the event's noun after a relative clause between commas."""
    relative = _RELATIVE_AFTER_NOUN.match(sentence, noun_end)
    if relative is None:
        return None
    return relative.end(), clause_span(sentence, relative.end())[1]


def _in_scope(scope: str, at: int, clause: tuple[int, int], trigger_at: int) -> bool:
    if scope == "sentence":
        return True
    inside = clause[0] <= at < clause[1]
    return inside and (scope != "before" or at < trigger_at)


# how far back a day stays the narrative's time for undated sentences after it: the week
# that undated current news covers
NARRATIVE_DAYS = 7
# a narrative month this far back is background, never current news
BACKGROUND_DAYS = 60


def dated_modality(modality: str, own: EventDate | None, published: date | None, historical_after_days: int) -> tuple[str, str]:
    """The modality the event's own date implies, if it overrides the cues' one."""
    if own is None or published is None or modality in ("denied", "hypothetical"):
        return modality, ""
    if own.start > shift_days(published, 1) and modality in ("reported", "historical"):
        return "planned", f"dated {own.start.isoformat()}, after the article"
    if own.end < shift_days(published, -historical_after_days) and modality in ("reported", "planned"):
        return "historical", f"dated {own.text or own.start.isoformat()!r}, over {historical_after_days} days before the article"
    if modality == "reported" and _closed_before(own, published) and _middle(own) < shift_days(published, -historical_after_days):
        # "earlier this year" in an autumn story: a span closed before the news, most of it long past
        return "historical", f"dated {own.text!r}, a span ended before the article whose middle is over {historical_after_days} days back"
    return modality, ""


def _recent_day_in_clause(frame: ArticleFrame, sentence: str, choice: ClassChoice, own: EventDate | None, mentions: Sequence[DateMention]) -> bool:
    """Whether the event's own date is a day of the article's week told in the event's clause
    ("troops, deployed there in the 1990s, held drills on Monday"): a background cue beside it
    does not make the event the past."""
    if own is None or frame.published is None or own.precision not in ("day", "days") or not in_narrative_window(own, frame.published):
        return False
    clause = clause_span(sentence, choice.hit.start)
    return any(m.date is own and clause[0] <= m.start < clause[1] for m in mentions)


def _closed_before(own: EventDate, published: date) -> bool:
    """Whether a span of a month or more ends the day before the article ("earlier this year")."""
    return own.precision in ("month", "year") and own.end == shift_days(published, -1)


def _middle(own: EventDate) -> date:
    return shift_days(own.start, (own.end - own.start).days // 2)


def choose_date(mentions: Sequence[DateMention], trigger_at: int, statement: bool) -> DateMention | None:
    """The time expression that dates the event: the nearest to its words among those that
    do not date a saying (for statements, the saying's own date first)."""
    if not mentions:
        return None
    if statement:
        pool = [m for m in mentions if m.speech] or list(mentions)
    else:
        pool = [m for m in mentions if not m.speech]
    if not pool:
        return None
    # "on Monday the Taliban, advancing since June, seized the town": the start of a span
    # dates the event only when nothing else does
    pool = [m for m in pool if not m.since] or pool
    return min(pool, key=lambda m: (min(abs(m.start - trigger_at), abs(m.end - trigger_at)), m.start))


@dataclass(frozen=True, slots=True)
class ArticleFrame:
    """What every sentence reading of one article shares."""

    text: str
    published: date | None
    toponyms: tuple[Toponym, ...]  # sorted by offset
    lexicon: Lexicon
    border_zones: tuple[BorderZone, ...]
    article_zone: BorderZone | None
    organisations: tuple[tuple[int, int], ...]  # organisation-name spans, article offsets
    filed: int  # end of the dateline's date: dates are not read before it
    lead_end: int  # end of the lead paragraph's first sentence
    historical_after_days: int
    toponym_starts: tuple[int, ...] = ()  # mention starts of ``toponyms``, for bisection
    organisation_starts: tuple[int, ...] = ()
    # classes whose events kill and wound: their dead are the event, not a further one
    harmful_classes: frozenset[str] = frozenset()

    def toponyms_within(self, start: int, end: int) -> list[Toponym]:
        """The toponyms inside ``[start, end)``, found by bisection (long articles stay linear)."""
        first = bisect_left(self.toponym_starts, start)
        last = bisect_left(self.toponym_starts, end, first)
        return [t for t in self.toponyms[first:last] if t.mention.end <= end]

    def organisations_within(self, start: int, end: int) -> list[tuple[int, int]]:
        first = bisect_left(self.organisation_starts, start)
        last = bisect_left(self.organisation_starts, end, first)
        return [(a, b) for a, b in self.organisations[first:last] if b <= end]


def read_sentence(frame: ArticleFrame, start: int, end: int) -> Reading | None:
    """Read one sentence's main event; None when no cue makes it an event sentence."""
    readings = read_sentence_events(frame, start, end, second=False)
    return readings[0] if readings else None


# "Read more: US forces leave Bagram base", "Related: …": a link to another story is page
# clutter, not a sentence of the article; so is what a page's player or scripts print ("Your
# browser doesn't support HTML5")
_LINK_LINE = re.compile(
    r"^\W*(?:(?:read (?:more|also|next)|also read|see also|related(?: (?:stories|articles|news))?|more on this)\s*[:|»>]"
    r"|your browser (?:does(?:n['’]t| not)|cannot|can['’]t) (?:support|play)|(?:please )?enable javascript|javascript is (?:disabled|required))",
    re.I,
)


def read_sentence_events(frame: ArticleFrame, start: int, end: int, second: bool = True) -> list[Reading]:
    """The sentence's main event and, where another clause tells another event ("the border
    had been closed since an exchange of gunfire injured two guards"), that one too."""
    lexicon = frame.lexicon
    sentence = frame.text[start:end]
    if _LINK_LINE.match(sentence):
        return []
    present = lexicon.literals_in(sentence)
    vetoed: list[tuple[int, TriggerHit]] = []
    hits = trigger_hits(sentence, lexicon, present, vetoed)
    choice = choose_class(hits, lexicon, sentence) or _background_only(sentence, vetoed, lexicon)
    if choice is None:
        return []
    in_sentence = frame.toponyms_within(start, end)
    others = further_choices([*hits, *_own_clause_cues(sentence, vetoed, choice, lexicon)], choice, lexicon, sentence, frame.harmful_classes) if second else []
    counts, _ = counts_of_events(sentence, lexicon.units, choice.hit.start)
    main = _reading(frame, start, end, present, choice, in_sentence, tuple(counts))
    # what usually happens there ("where there have been many clashes over the years") is
    # background to the sentence, not a further event of its own; so is another kind of what
    # usually happens in a sentence about what usually happens ("crossings, robberies and
    # kidnappings are not unusual"), unless a date of its own tells it happened once
    further = [
        r for r in (_further_reading(frame, start, end, present, other, in_sentence, main) for other in others)
        if not r.habitual and not (main.habitual and r.date is None)
    ]
    told = [main, *further]
    if second:
        told += _at_listed_places(main, in_sentence, lexicon, MAX_FURTHER - len(further))
        told += _repeated(frame, start, end, present, main, in_sentence, MAX_FURTHER + 1 - len(told))
    return told


def _repeated(frame: ArticleFrame, start: int, end: int, present: set[str], main: Reading, in_sentence: list[Toponym], room: int) -> list[Reading]:
    """The main event told again at another time ("overran the city in 2015 and again in
    2016"): a further event dated by the words after "again"."""
    again = told_again(main.sentence, main.choice.hit.start + len(main.choice.hit.text)) if room > 0 and main.date is not None else None
    if again is None:
        return []
    repeated = _reading(frame, start, end, present, main.choice, in_sentence, main.quantities, ((again, clause_span(main.sentence, again)[1]),))
    if repeated.date is None or repeated.date == main.date:
        return []
    why = f"{main.choice.reason}; told again, at another time"
    return [replace(repeated, choice=replace(main.choice, reason=why))]


def _at_listed_places(main: Reading, in_sentence: list[Toponym], lexicon: Lexicon, room: int) -> list[Reading]:
    """For a class that acts on its place (``per_place``: "the Taliban captured Sar-e Pul and
    Kunduz"), the event again at each other place listed with the main event's place."""
    event_class = lexicon.classes.get(main.event_class)
    chosen = main.place.toponym
    if room <= 0 or event_class is None or not event_class.per_place or chosen is None or chosen not in in_sentence:
        return []
    places = _one_mention_per_place(main, [t for t in in_sentence if not t.adjectival])
    at = next((i for i, t in enumerate(places) if t.place.id == chosen.place.id), None)
    if at is None:
        return []
    spans = [(t.mention.start - main.start, t.mention.end - main.start) for t in places]
    # places of one level: "Badakhshan, Tajikistan" or "Khorog, GBAO" name one place and where it lies
    level = geo_level(chosen)
    listed = [places[i] for i in listed_with(main.sentence, spans, at) if places[i].place.id != chosen.place.id and geo_level(places[i]) == level]
    return [
        replace(main, place=PlaceChoice(t, main.place.relation, geo_level(t), f"{t.mention.text!r}: another place the sentence lists, an event of its own"))
        for t in listed[:room]
    ]


# "Khorugh/Khorog", "Sher Khan Bandar (Shir Khan)": two names of one place
_SAME_PLACE_GAP = re.compile(r"\s*[/(]\s*")


def _one_mention_per_place(main: Reading, places: list[Toponym]) -> list[Toponym]:
    """The sentence's places with the second of two names of one place ("Khorugh/Khorog")
    folded into the first: its span reaches over both."""
    out: list[Toponym] = []
    for t in places:
        last = out[-1] if out else None
        if last is not None and last.place.id == t.place.id and _SAME_PLACE_GAP.fullmatch(main.sentence, last.mention.end - main.start, t.mention.start - main.start):
            out[-1] = replace(last, mention=replace(last.mention, end=t.mention.end))
            continue
        out.append(t)
    return out


def _further_reading(
    frame: ArticleFrame, start: int, end: int, present: set[str], further: ClassChoice, in_sentence: list[Toponym], main: Reading
) -> Reading:
    """A further event read like the main one, with the counts of its own words and, when its
    clause says how long before or after the main event it happened, that span."""
    sentence = main.sentence
    own = own_span(sentence, further.hit, main.choice.hit)
    clause = clause_span(sentence, further.hit.start)
    days = None if clause == clause_span(sentence, main.choice.hit.start) else days_before_main(sentence, clause[0])
    # its own words date it; else, unless it is told as "a day after", the sentence's date does
    spans = (own,) if days is not None else (own, (0, len(sentence)))
    reading = _reading(
        frame, start, end, present, further, in_sentence, _own_counts(sentence, own, main, frame.lexicon), spans,
        dated_by_main=days is not None,
    )
    if _denied_by_main(sentence, main.choice, further.hit) and reading.modality in ("reported", "historical"):
        reading = replace(reading, modality="denied", modality_reason=f"what {main.choice.hit.text!r} denies")
    return reading if days is None or reading.date is not None else replace(reading, days_before_main=days)


# "denied reports that its jets bombed …", "rejected claims of an incursion": what follows the
# denial's object is what is denied; not what a speaker goes on to say ("rejected the account, saying …")
_DENIED_CONTENT = re.compile(
    r"\s+(?:(?:strongly|categorically|flatly|again|also|later)\s+)?(?:(?:the|any|all|these|those|such|media|press|earlier|recent)\s+){0,2}"
    r"(?:(?:reports?|claims?|allegations?|accusations?|information|suggestions?|rumou?rs?|assertions?|speculation)\s+)?(?:that|of)\s",
    re.I,
)


def _denied_by_main(sentence: str, main: ClassChoice, hit: TriggerHit) -> bool:
    """Whether a further event is the content of the denial the sentence's main statement makes."""
    denial = main.hit
    if main.event_class != "statement" or denial.role != "denial" or hit.start <= denial.start:
        return False
    return bool(_DENIED_CONTENT.match(sentence, denial.start + len(denial.text))) and "saying" not in sentence[denial.start : hit.start].lower()


# the word that subordinates a clause, which an ``excludes`` may read as background
_SUBORDINATOR = re.compile(r"\W*(?:and\s+)?(?:after|since|following|before|amid|as|when|where|while)\s+", re.I)


def _own_clause_cues(sentence: str, vetoed: Sequence[tuple[int, TriggerHit]], main: ClassChoice, lexicon: Lexicon) -> list[TriggerHit]:
    """Cues an ``excludes`` vetoed for the sentence that stand in their own clause, outside the
    main event's: "closed after clashes between guards" reads the clashes as no main event,
    yet they are a further one.  Read in its clause without its subordinator, the cue must
    pass the veto (the clause's own "the risk of clashes" still vetoes it)."""
    if not vetoed:
        return []
    main_clause = clause_span(sentence, main.hit.start)
    found = []
    for index, hit in vetoed:
        if hit.weight < CONFIDENT_CUE or hit.role not in ("", "incident"):
            continue
        clause = clause_span(sentence, hit.start)
        if clause == main_clause:
            continue
        excludes = lexicon.triggers[index].excludes
        if excludes is not None and excludes.search(_clause_words(sentence, clause)) is None and not _refers_back(sentence, clause, hit):
            found.append(hit)
    return found


def _background_only(sentence: str, vetoed: Sequence[tuple[int, TriggerHit]], lexicon: Lexicon) -> ClassChoice | None:
    """The event of a sentence whose only event words are in a background clause ("commerce
    faltered after the Taliban began attacks in several provinces"): the background event,
    when its own clause passes the veto that kept it from being a main event."""
    own = []
    for index, hit in vetoed:
        clause = clause_span(sentence, hit.start)
        excludes = lexicon.triggers[index].excludes
        if (
            hit.role == "" and _subordinate(sentence, hit.start) and excludes is not None
            and excludes.search(_clause_words(sentence, clause)) is None and not _refers_back(sentence, clause, hit)
        ):
            own.append(hit)
    choice = choose_class(own, lexicon, sentence) if own else None
    return None if choice is None else replace(choice, reason=f"{choice.reason}; the sentence's only event, told as background")


def _refers_back(sentence: str, clause: tuple[int, int], hit: TriggerHit) -> bool:
    """Whether the cue heads a definite noun phrase right after its clause's subordinator
    ("sent to the area after the attack"): a reference to an event told before."""
    words = _SUBORDINATOR.match(sentence, clause[0])
    return refers_back(sentence, words.end() if words else clause[0], hit.start)


def _clause_words(sentence: str, clause: tuple[int, int]) -> str:
    """The words of a clause with those that open and close it ("fears of …", "… was claimed")
    but without a subordinator ("after …", "where …"), which only makes the clause background."""
    breaks = _clause_breaks(sentence)[1]
    opening = next((a for a, b in breaks if b == clause[0]), clause[0])
    closing = next((b for a, b in breaks if a == clause[1]), clause[1])
    words = _SUBORDINATOR.match(sentence, opening)
    return sentence[words.end() if words else opening : closing]


def _own_counts(sentence: str, own: tuple[int, int], main: Reading, lexicon: Lexicon) -> tuple[Quantity, ...]:
    """The counts of a further event: those of its own words (``own``: "a day after a shooting
    that left two killed"), not the main event's (a sentence with no counts has none to share;
    the main event's may be none while a clause set against it counts some)."""
    if not main.quantities and not extract_quantities(main.sentence, lexicon.units):
        return ()
    return tuple(extract_quantities(sentence[own[0] : own[1]], lexicon.units))


def own_span(sentence: str, hit: TriggerHit, main: TriggerHit) -> tuple[int, int]:
    """Where the event of ``hit`` is told, beside the main event of ``main``: its clause, or
    in the main event's clause, its side of the coordinator between them."""
    clause = clause_span(sentence, hit.start)
    if clause != clause_span(sentence, main.start):
        return clause
    if hit.start < main.start:
        return clause[0], conjunct_start(sentence, clause[0], main.start)
    return conjunct_start(sentence, clause[0], hit.start), clause[1]


# how many events a sentence may tell besides its main one, each in a clause of its own
MAX_FURTHER = 2


def further_choices(
    hits: Sequence[TriggerHit], main: ClassChoice, lexicon: Lexicon, sentence: str, harmful: frozenset[str] = frozenset()
) -> list[ClassChoice]:
    """The events the sentence tells besides its main one (at most ``MAX_FURTHER``, of distinct
    classes and clauses), the most severe first: a cue of another class in another clause
    (:func:`secondary_choice`), or one the grammar of further events admits
    (:func:`_further_reason`).

    ``harmful``: the classes whose events kill and wound (their dead are no further event;
    a casualty count after any other event is one)."""
    # a casualty count told as a further event is that event's own cue, not a count of the main one's
    admitted = [
        ClassChoice(replace(h, role=""), h.event_class, why)
        for h in hits
        if h is not main.hit and (why := _further_reason(sentence, h, main, hits, harmful))
    ]
    chosen: list[ClassChoice] = []
    remaining = list(hits)
    while len(chosen) < MAX_FURTHER:
        classic = secondary_choice(remaining, main, lexicon, sentence)
        pool = [c for c in [*admitted, *([classic] if classic else [])] if _apart(sentence, c, chosen)]
        if not pool:
            break
        best = max(pool, key=lambda c: _severity(c, lexicon))
        chosen.append(best)
        told = clause_span(sentence, best.hit.start)
        remaining = [h for h in remaining if clause_span(sentence, h.start) != told]
    return chosen


def _severity(choice: ClassChoice, lexicon: Lexicon) -> tuple[int, float, int]:
    """The order further events are taken in: the class's priority, then the cue's weight,
    then the earlier cue."""
    event_class = lexicon.classes.get(choice.event_class)
    return (event_class.priority if event_class else 0, choice.hit.weight, -choice.hit.start)


def _apart(sentence: str, choice: ClassChoice, chosen: Sequence[ClassChoice]) -> bool:
    """Whether a further event is one of its own beside those ``chosen``: another class told
    in another clause, and no threat named ("an assault threat")."""
    if names_a_threat(sentence, choice.hit.start + len(choice.hit.text)):
        return False
    clause = clause_span(sentence, choice.hit.start)
    return all(c.event_class != choice.event_class and clause_span(sentence, c.hit.start) != clause for c in chosen)


# the classes of people fleeing: what they flee is another event
_FLIGHTS = frozenset({"withdrawal", "displacement"})


def _further_reason(sentence: str, hit: TriggerHit, main: ClassChoice, hits: Sequence[TriggerHit], harmful: frozenset[str]) -> str:
    """Why the cue tells an event besides the main one ("" when it does not; see
    :mod:`geomap.events.further`)."""
    main_end = main.hit.start + len(main.hit.text)
    if hit.weight < CONFIDENT_CUE or main.event_class == "statement" or (hit.start < main_end and main.hit.start < hit.start + len(hit.text)):
        return ""
    if hit.role == "incident":
        return _told_before_main(sentence, hit, main) or _casualties_reason(sentence, hit, main, hits, harmful)
    if hit.role == "speech":
        return _spoken_conjunct_reason(sentence, hit, main)
    if hit.role or hit.event_class == "statement" or (main.event_class in harmful and is_consequence(hit.text)):
        return ""
    return _event_cue_reason(sentence, hit, main, hits, harmful)


def _event_cue_reason(sentence: str, hit: TriggerHit, main: ClassChoice, hits: Sequence[TriggerHit], harmful: frozenset[str]) -> str:
    """Why an event cue (of no role) beside the main event's tells an event of its own ("" when
    it does not)."""
    if main.event_class in _FLIGHTS and hit.event_class in harmful and is_fled_from(sentence, hit.start):
        return f"{hit.text!r}: what was fled, a second event ({hit.event_class} cue, weight {hit.weight:g})"
    clause = clause_span(sentence, hit.start)
    if clause == clause_span(sentence, main.hit.start):
        return _conjunct_reason(sentence, hit, main, hits, clause) or _came_before_reason(sentence, hit, main)
    if hit.event_class == main.event_class:
        # before or after the main event, told in the main clause ("the visit comes days after
        # talks were held"; in "after he visited, where he held talks" the two are one event)
        other_time = at_another_time(sentence, clause[0]) and not _subordinate(sentence, main.hit.start)
        return f"{hit.text!r}: another event of the class, at another time" if other_time else ""
    if _relative(sentence, hit.start) and tells_a_party_act(sentence, clause[0]):
        return f"{hit.text!r}: what a party did, a second event ({hit.event_class} cue, weight {hit.weight:g})"
    return ""


# "agreed a ceasefire after reports of fresh shooting", "drills held amid the Taliban's
# advances", "in response to the attack": what the main event followed or answered
_CAME_BEFORE = re.compile(
    r"\b(?:after|following|amid(?:st)?|in the aftermath of|in response to|prompted by|triggered by|sparked by)\s+"
    r"(?:[\w'’-]+\s+){0,6}$",
    re.I,
)


def _came_before_reason(sentence: str, hit: TriggerHit, main: ClassChoice) -> str:
    """An event of another class named after the main event's words as what it followed or
    answered ("agreed a ceasefire after reports of fresh shooting"): a second event."""
    main_end = main.hit.start + len(main.hit.text)
    if hit.event_class == main.event_class or hit.start < main_end:
        return ""
    if _CAME_BEFORE.search(sentence, max(main_end, hit.start - 60), hit.start) is None:
        return ""
    return f"{hit.text!r}: what the main event followed, a second event ({hit.event_class} cue, weight {hit.weight:g})"


def _spoken_conjunct_reason(sentence: str, hit: TriggerHit, main: ClassChoice) -> str:
    """A speech act that heads a predicate coordinated after the main event's ("the governor
    met the protesters and promised an inquiry", "seized the post and warned that …"): what
    the actor said is a statement of its own beside what it did."""
    clause = clause_span(sentence, hit.start)
    if hit.start < main.hit.start or clause[0] != clause_span(sentence, main.hit.start)[0]:
        return ""
    # a participle ("…, accusing him of killing …") tells why or how the main actor acted
    if hit.text.lower().endswith("ing") or not _verbal(sentence, hit) or not _is_predicate(sentence, hit) or not _is_predicate(sentence, main.hit):
        return ""
    if not opens_a_conjunct(sentence, clause[0], hit.start, [main.hit.start]):
        return ""
    return f"{hit.text!r}: a speech act of its own after {main.hit.text!r}, a second event"


def _told_before_main(sentence: str, hit: TriggerHit, main: ClassChoice) -> str:
    """An incident word of the main event's class ("shooting") in a clause of its own, one of
    the two clauses placing its event before or after the other ("a day after a shooting that
    left two dead"; "the shooting began after young men attacked a patrol car"): an event of
    its own, at another time."""
    clause, main_clause = clause_span(sentence, hit.start), clause_span(sentence, main.hit.start)
    if hit.event_class != main.event_class or clause == main_clause:
        return ""
    main_subordinate = _subordinate(sentence, main.hit.start)
    if at_another_time(sentence, clause[0]) and not main_subordinate:
        return f"{hit.text!r}: another event of the class, at another time"
    if main_subordinate and not _subordinate(sentence, hit.start) and at_another_time(sentence, main_clause[0]):
        return f"{hit.text!r}: the main clause's event, at another time than {main.hit.text!r}"
    return ""


# the dead of a quake, a flood or a stampede are that disaster's, never an attack of their own
_DISASTER = re.compile(
    r"\b(?:(?:earth)?quakes?|tremors?|(?:flash[- ])?floods?|flooding|landslides?|mudslides?|avalanches?|(?:rain|snow)?storms?"
    r"|stampede|(?:plane|helicopter|bus|car|road) (?:crash|accident)|collapsed?)\b",
    re.I,
)


def _casualties_reason(sentence: str, hit: TriggerHit, main: ClassChoice, hits: Sequence[TriggerHit], harmful: frozenset[str]) -> str:
    """A casualty count after an event that hurt nobody ("the fighters had crossed over, …
    adding that they killed one") tells the harm as a second event."""
    if main.event_class in harmful or _relative(sentence, hit.start) or not is_inflicted(hit.text) or _DISASTER.search(sentence):
        return ""
    clause = clause_span(sentence, hit.start)
    if clause == clause_span(sentence, main.hit.start) and not _conjunct_reason(sentence, hit, main, hits, clause):
        return ""
    return f"{hit.text!r}: the harm told after another event, a second event"


def _conjunct_reason(sentence: str, hit: TriggerHit, main: ClassChoice, hits: Sequence[TriggerHit], clause: tuple[int, int]) -> str:
    """A cue of another class that heads a coordinated predicate of the main event's clause
    ("seized the town and some soldiers surrendered")."""
    if hit.event_class == main.event_class or not _is_predicate(sentence, hit):
        return ""
    earlier = [h.start for h in hits if h is not hit and h.role in ("", "incident", "speech") and _is_predicate(sentence, h)]
    own = opens_a_conjunct(sentence, clause[0], hit.start, earlier)
    if own or (_is_predicate(sentence, main.hit) and opens_a_conjunct(sentence, clause[0], main.hit.start, [hit.start])):
        return f"{hit.text!r}: a predicate of its own, a second event ({hit.event_class} cue, weight {hit.weight:g})"
    return ""


def _is_predicate(sentence: str, hit: TriggerHit) -> bool:
    return is_predicate(sentence, hit.start, hit.text, not _verbal(sentence, hit))


def secondary_choice(hits: Sequence[TriggerHit], main: ClassChoice, lexicon: Lexicon, sentence: str) -> ClassChoice | None:
    """A confident event cue of another class outside the main event's clause (inside it, for
    a statement: "accused the Taliban of attacking the post"), the most severe first."""
    main_clause = clause_span(sentence, main.hit.start)
    main_end = main.hit.start + len(main.hit.text)
    speech = main.event_class == "statement"
    if speech and _ASKED_FOR.match(main.hit.text):
        return None  # what is demanded or proposed has not happened
    pool = [
        h for h in hits
        if h.role == "" and h.weight >= CONFIDENT_CUE and h.event_class not in (main.event_class, "statement")
        and not (h.start < main_end and main.hit.start < h.start + len(h.text))
        and (speech or clause_span(sentence, h.start) != main_clause)
        and not _describing(sentence, h.start) and not _named_only(sentence, h) and not _time_frame(sentence, h)
    ]
    if not pool:
        return None
    classes = lexicon.classes
    best = max(pool, key=lambda h: (classes[h.event_class].priority if h.event_class in classes else 0, h.weight, -h.start))
    return ClassChoice(best, best.event_class, f"{best.text!r}: a second event the sentence tells ({best.event_class} cue, weight {best.weight:g})")


# speech acts whose content has not happened: "demanded the withdrawal of the troops", "hopes
# that the crossing will reopen"
_ASKED_FOR = re.compile(r"(?:demand|call|urg|ask|appeal|propos|request|want|insist|push|hop)", re.I)
_RELATIVE_PRONOUNS = frozenset({"who", "whom", "whose", "which", "that"})


def _relative(sentence: str, offset: int) -> bool:
    """Whether the clause around ``offset`` is a relative clause ("smugglers who crossed the
    border"): it describes a party of the event, it tells no event of its own."""
    start, _ = clause_span(sentence, offset)
    words = sentence[start : start + 12].lstrip(" ,").split(" ", 1)
    return bool(words) and words[0].lower() in _RELATIVE_PRONOUNS


def _describing(sentence: str, offset: int) -> bool:
    """Whether the clause around ``offset`` describes a party or a place: a relative clause,
    or a "where" clause with no comma before it ("the area where a highway is being built";
    after a comma, "…, where police fired on them", it may go on with the story)."""
    if "wh" not in sentence and "that" not in sentence:
        return False  # no relative word at all: the common case, decided without the clauses
    if after_an_aside(sentence, offset):
        return False
    if _relative(sentence, offset):
        return True
    start, _ = clause_span(sentence, offset)
    return sentence.startswith("where ", start) and not sentence[:start].rstrip().endswith(",")


_SINCE_BEFORE = re.compile(r"\bsince\s+$", re.I)


def _party_state_since(sentence: str, offset: int, trigger_at: int) -> bool:
    """Whether the date at ``offset`` says since when a party has been in some state, in a
    relative clause about it ("the men, who had been on the wanted list since May 18, were
    killed"): it dates the party's state, not the event."""
    if not _SINCE_BEFORE.search(sentence, max(0, offset - 8), offset):
        return False
    start, _ = clause_span(sentence, offset)
    if _relative(sentence, offset):
        party_start = start  # "who had been held since May 18"
    elif start and _relative(sentence, start - 1):
        party_start = clause_span(sentence, start - 1)[0]  # "who have been wanted | since May 18"
    else:
        return False
    return not party_start <= trigger_at < offset


_SINCE_EVENT = re.compile(r"\W*since\s+(?:the|an?|their|its|his|her)\s+\S", re.I)
# "the first time since mid-January", "the second clash since November", "the first case of
# skirmish … after the Taliban came to power in August last year"
_FIRST_SINCE = re.compile(r"\b(?:first|second|third|fourth|fifth|latest)\b[^.;]{0,100}?\b(?P<since>since|after)\b[^.;]{0,80}$", re.I)
_SINCE_START = re.compile(r"since\s", re.I)
# a state, or a trend over the span since the event ("has declined since the takeover")
_STATE = re.compile(
    r"\b(?:been|remain(?:s|ed)?|stay(?:s|ed)?|kept|closed|shut|declined|increased|risen|rose|fallen|fell|grown|grew|dropped"
    r"|doubled|tripled|improved|worsened|deteriorated|eased|surged|slowed)\b",
    re.I,
)


def _since_another_event(sentence: str, offset: int, trigger_at: int) -> bool:
    """Whether the date at ``offset`` dates the event a "since" phrase names ("the first time
    the insurgents have seized a city since the U.S.-led invasion in 2001"): that event's
    date, not this one's, unless this one is a state or trend that began then ("the border
    has been closed since the clashes in January", "attacks have declined since the takeover
    in August 2021")."""
    # "opened for the first time since mid-January", "the second clash since November": the
    # last time, or the span counted, not this event
    since_at = offset + 6 if _SINCE_START.match(sentence, offset) else offset
    counted = _FIRST_SINCE.search(sentence, max(0, offset - 180), since_at)
    if counted and not counted.start("since") <= trigger_at < offset:
        return True
    start, _ = clause_span(sentence, offset)
    if not _SINCE_EVENT.match(sentence, start) or start <= trigger_at < offset:
        return False
    trigger_start, trigger_end = clause_span(sentence, trigger_at)
    return not _STATE.search(sentence, trigger_start, trigger_end)


_POSSESSIVE = re.compile(r"['’]s?\s")


def _dates_a_named_event(sentence: str, mention: DateMention, hit: TriggerHit) -> bool:
    """Whether a possessive date ("last month's concert attack", "Friday's clashes") dates a
    noun other than the event's words: that event's date, not this one's."""
    if not _POSSESSIVE.match(sentence, mention.end):
        return False
    return not mention.end < hit.start <= mention.end + 30


# a relative clause: "the province, where clashes took place in 2012", "checkpoints that were set up in September"
_RELATIVE_START = re.compile(r"\b(?:who|whom|whose|which|where)\b|\bthat(?=\s+(?:was|were|is|are|had|has|have)\b)", re.I)


def _dates_the_background_of_a_party(frame: ArticleFrame, sentence: str, mention: DateMention, trigger_at: int) -> bool:
    """Whether a date long before the article lies in a relative clause apart from the event's
    words ("held drills in the province, where clashes took place in 2012"), or a date after
    it in a clause set off by commas ("the soldiers, who will be rotated next year, clashed"):
    it dates the background or plans of a party or a place, not the event."""
    if frame.published is None:
        return False
    long_past = mention.date.end < shift_days(frame.published, -frame.historical_after_days)
    if not long_past and mention.date.start <= frame.published:
        return False
    # a date after the article in such a clause is a plan of the party's, not the event's
    aside = relative_aside(sentence, mention.start)
    if aside is not None:
        return not aside[0] <= trigger_at < aside[1]
    if not long_past:
        return False
    dashed = _dash_aside(sentence, mention.start)
    if dashed is not None and not dashed[0] <= trigger_at < dashed[1]:
        return True
    clause_start, clause_end = clause_span(sentence, mention.start)
    relative = None
    for relative in _RELATIVE_START.finditer(sentence, clause_start, mention.start):
        pass
    return relative is not None and not relative.start() <= trigger_at < clause_end


def _in_party_aside(sentence: str, offset: int) -> bool:
    """Whether ``offset`` lies in a "who" clause, or a "which" clause of a state, set off by
    commas ("the broadcaster, which is under Taliban control, …"): it describes a party."""
    aside = relative_aside(sentence, offset)
    return aside is not None and _PARTY_ASIDE.match(sentence, aside[0]) is not None


def _in_state_aside(sentence: str, offset: int) -> bool:
    """Whether ``offset`` lies in a "which is …" clause set off by commas: a state of a thing
    ("the broadcaster, which is under Taliban control"), no event of the sentence's."""
    aside = relative_aside(sentence, offset)
    return aside is not None and _STATE_ASIDE.match(sentence, aside[0]) is not None


# ", which is …": a state of a thing
_WHICH_IS = r"which\s+(?:is|are|was|were|has been|have been|had been)\b(?!\s+\w+ed\b)"
_STATE_ASIDE = re.compile(rf",\s*{_WHICH_IS}", re.I)
# ", who …", ", which is …": a clause about a party or a thing, not one going on with the story
# (", which started on April 28 after …", ", where police fired …")
_PARTY_ASIDE = re.compile(rf",\s*(?:who|whom|whose|{_WHICH_IS})", re.I)


def _in_a_parenthesis_apart(sentence: str, offset: int, trigger_at: int) -> bool:
    """Whether ``offset`` lies in a relative clause set off by commas or a parenthesis set off
    by dashes that does not hold the event's words ("the group -- blamed for most attacks last
    year -- seized the district"): what is said there does not govern the event."""
    for aside in (relative_aside(sentence, offset), _dash_aside(sentence, offset)):
        if aside is not None and not aside[0] <= trigger_at < aside[1]:
            return True
    return False


_DASH = re.compile(r"\s(?:--|\u2014|\u2013)\s")


def _dash_aside(sentence: str, offset: int) -> tuple[int, int] | None:
    """The span of a parenthesis set off by dashes that holds ``offset`` ("the group -- blamed
    for most civilian deaths in the first half of this year -- said …"), or None."""
    opening = None
    for opening in _DASH.finditer(sentence, 0, offset):
        pass
    if opening is None:
        return None
    closing = _DASH.search(sentence, offset)
    return (opening.start(), closing.end()) if closing is not None else None


def _reading(  # noqa: PLR0913 (a further event adds its own counts and date hints)
    frame: ArticleFrame,
    start: int,
    end: int,
    present: set[str],
    choice: ClassChoice,
    in_sentence: list[Toponym],
    quantities: tuple[Quantity, ...] | None = None,
    dated_within: tuple[tuple[int, int], ...] = (),
    dated_by_main: bool = False,
) -> Reading:
    """The reading of one event of a sentence.  For a further event, ``quantities`` are the
    counts of its own words and ``dated_within`` the spans (offsets in the sentence) its date
    is looked for in, the first that tells one; ``dated_by_main``: it is told as "a day
    after" the main event, which dates it, not the article's day."""
    lexicon = frame.lexicon
    sentence = frame.text[start:end]
    event_class = lexicon.classes.get(choice.event_class)
    family = event_class.family if event_class else choice.event_class
    actors = _actors(frame, sentence, start, in_sentence, present, family)
    place = _own_place(frame, start, end, choice, in_sentence, actors, family, event_class)
    modality, modality_reason, habitual = _modality(frame, sentence, choice, present)
    mentions = _event_date_mentions(frame, start, end, choice, planned=modality == "planned")
    # what usually happens has no date, unless the sentence gives the span it happens in ("so far this year")
    own = _own_date(frame, sentence, choice, mentions, family, dated_within, dated_by_main)
    said = choose_date([m for m in mentions if m.speech], choice.hit.start, True) if own is None and not habitual else None
    by_date, why = dated_modality(modality, own, frame.published, frame.historical_after_days)
    if why:
        modality, modality_reason = by_date, why
    elif modality == "historical" and _recent_day_in_clause(frame, sentence, choice, own, mentions):
        modality, modality_reason = "reported", f"{modality_reason}, but dated {own.text!r} in the article's week"  # type: ignore[union-attr]
    return Reading(
        start=start,
        end=end,
        sentence=sentence,
        choice=choice,
        family=family,
        modality=modality,
        modality_reason=modality_reason,
        actors=actors,
        quantities=tuple(extract_quantities(sentence, lexicon.units)) if quantities is None else quantities,
        place=place,
        date=own,
        date_reason=f"the sentence dates it: {own.text!r}" if own else "",
        anaphoric=bool(ANAPHOR.search(sentence)),
        lead=start < frame.lead_end,
        habitual=habitual,
        narrative_day=_narrative_day(mentions, frame.published),
        said_on=said.date if said is not None and family != "speech" else None,
        date_opens_span=own is not None and any(m.since and m.date is own for m in mentions),
    )


def _event_date_mentions(frame: ArticleFrame, start: int, end: int, choice: ClassChoice, planned: bool) -> list[DateMention]:
    """The sentence's date mentions that may date its event: not the dateline's, not the start
    of a party's state ("since 2021"), of another event, or of an event named by its date."""
    sentence = frame.text[start:end]
    dated_from = frame.filed - start if start < frame.filed <= end else 0  # not the dateline's date
    return [
        m for m in date_mentions(sentence, frame.published, forward=planned)
        if m.start >= dated_from and _dates_its_founding_word(m, choice.hit)
        and not _party_state_since(sentence, m.start, choice.hit.start) and not _since_another_event(sentence, m.start, choice.hit.start)
        and not _dates_a_named_event(sentence, m, choice.hit)
        and not _dates_the_background_of_a_party(frame, sentence, m, choice.hit.start)
        and not _COMPARED_WITH.search(sentence, max(0, m.start - 50), m.start)
    ]


# "ten clashes, up from six in the first half of 2024", "has risen compared to last year",
# "more heroin than in 2023": the date of what the event is measured against, not its own
# ("more than two years ago" is a count)
_COMPARED_WITH = re.compile(
    r"\b(?:(?:up|down|rising|falling|rose|fell|increased|decreased|grew|jumped|dropped)\s+from|compared\s+(?:to|with)|as\s+against|versus)"
    r"\s+(?:[\w,.'’-]+\s+){0,4}?$|\bthan\s+(?:in|during|over|at)\s+(?:the\s+)?$",
    re.I,
)


def _dates_its_founding_word(mention: DateMention, hit: TriggerHit) -> bool:
    """Whether a date of a birth, founding or building ("born in 1974", "built in 2004") may
    date the event: only when the event is told by that word ("the outpost was built in 2016");
    every other date may."""
    return mention.founding is None or hit.start <= mention.founding < hit.start + len(hit.text)


def _own_date(  # noqa: PLR0913 (the reading's parts a date depends on)
    frame: ArticleFrame, sentence: str, choice: ClassChoice, mentions: Sequence[DateMention], family: str,
    dated_within: tuple[tuple[int, int], ...], dated_by_main: bool,
) -> EventDate | None:
    """The date the sentence's words give the event: a mention in the first span that tells one,
    else an offset from the article's day ("two days ago"), unless the event is dated from its
    sentence's main event."""
    if family == "diplomacy":
        # a meeting is dated by its own day or the day of the meeting the saying was made at,
        # not by the day it was reported ("the agency said Thursday that the minister had met …")
        mentions = [replace(m, speech=False) if m.gathering else m for m in mentions]
    mention = _first_told(mentions, choice.hit.start, family == "speech", dated_within or ((0, len(sentence)),))
    if mention is not None:
        return mention.date
    return None if dated_by_main else offset_event_date(sentence, choice.hit.start, frame.published)


def _first_told(mentions: Sequence[DateMention], trigger_at: int, statement: bool, spans: tuple[tuple[int, int], ...]) -> DateMention | None:
    """The date of the event (see :func:`choose_date`) in the first of ``spans`` that tells one."""
    for low, high in spans:
        mention = choose_date([m for m in mentions if low <= m.start < high], trigger_at, statement)
        if mention is not None:
            return mention
    return None


def narrative_day(frame: ArticleFrame, start: int, end: int) -> EventDate | None:
    """The day a sentence with no event gives the narrative ("So when authorities started
    clearing the fields on Monday, the farmers resisted"), if any."""
    sentence = frame.text[start:end]
    dated_from = frame.filed - start if start < frame.filed <= end else 0
    return _narrative_day([m for m in date_mentions(sentence, frame.published) if m.start >= dated_from and m.founding is None], frame.published)


def _narrative_day(mentions: Sequence[DateMention], published: date | None) -> EventDate | None:
    """The last day-precise date that does not date a saying: what follows happened then,
    if it is recent (see :func:`in_narrative_window`)."""
    if published is None:
        return None
    # where a state began ("have been on the square since May 21") is no day the story tells
    told = [m for m in mentions if (not m.speech or m.gathering) and not m.since]
    day = next((m.date for m in reversed(told) if m.date.precision == "day"), None)
    # "they arrived about six months ago": a month long past is background the story goes on with
    month = next((m.date for m in reversed(told) if m.date.precision == "month" and m.date.end < shift_days(published, -BACKGROUND_DAYS)), None)
    return day or month


def in_narrative_window(day: EventDate, published: date) -> bool:
    """News tells the week before it appeared: an earlier or a future day is background or
    plan, and undated sentences after it are current news again."""
    return shift_days(published, -NARRATIVE_DAYS) <= day.start <= published


def _modality(frame: ArticleFrame, sentence: str, choice: ClassChoice, present: set[str]) -> tuple[str, str, bool]:
    """Modality, why, and whether the sentence tells what usually happens (then it has no date)."""
    if choice.denied:
        return "denied", choice.reason, False
    if choice.event_class == "statement":
        held = _habitual_before(sentence, frame.lexicon, choice.hit, present)
        if held:
            return "reported", f"{held!r} before the statement's words: a stance held over time, no date of its own", True
        # what a speaker hopes, fears or denies does not change that the statement was made
        return "reported", "a statement made", False
    modality, why = cue_modality(sentence, frame.lexicon, choice.hit, present)
    if modality == "habitual":
        return "reported", f"{why}: what usually happens, no date of its own", True
    return modality, why, False


def _habitual_before(sentence: str, lexicon: Lexicon, trigger: TriggerHit, present: set[str]) -> str | None:
    """A habitual cue in the statement's clause before its words ("have repeatedly said", "has
    long warned"): what the speaker keeps saying, not words of one day.  Cues after the words
    belong to what is said ("said clashes often erupt")."""
    start = clause_span(sentence, trigger.start)[0]
    for index in lexicon.candidates("modality_cues", present):
        cue = lexicon.modality_cues[index]
        if cue.modality == "habitual":
            match = cue.pattern.search(sentence, start, trigger.start)
            if match:
                return match.group(0)
    return None


def _actors(
    frame: ArticleFrame, sentence: str, start: int, in_sentence: list[Toponym], present: set[str], family: str
) -> SentenceActors:
    inside = [(a - start, b - start) for a, b in frame.organisations_within(start, start + len(sentence))]
    clauses = descriptive_clauses(sentence)
    located = [
        (t.mention.start - start, t.mention.end - start)
        for t in in_sentence
        if not t.adjectival
        and t.place.feature_type == "country"
        and (
            IN_COUNTRY.search(sentence, max(0, t.mention.start - start - 60), t.mention.start - start)
            or is_origin(sentence, t.mention.start - start)
            or any(a <= t.mention.start - start < b for a, b in clauses)
        )
    ]
    found = sentence_actors(sentence, frame.lexicon, present, inside, located)
    if family in _VIOLENT_FAMILIES and found.names:
        # "Tajikistan says five workers were killed": who reports violence did not commit it
        found = without_speakers(found, speakers(sentence, found))
    found = on_date(found, frame.lexicon, frame.published)
    return as_forces(found, frame.lexicon) if family in _ARMED_FAMILIES else found


def _forces_border(frame: ArticleFrame, in_sentence: list[Toponym]) -> BorderZone | None:
    """The article's border, for border forces acting with no place named, when the sentence's
    countries (if any) include one of its two."""
    zone = frame.article_zone
    if zone is None:
        return None
    countries = {t.place.country for t in in_sentence if t.place.feature_type == "country"}
    return zone if not countries or countries & set(zone.countries) else None


def _own_place(
    frame: ArticleFrame,
    start: int,
    end: int,
    choice: ClassChoice,
    in_sentence: list[Toponym],
    actors: SentenceActors,
    family: str,
    event_class: object,
) -> PlaceChoice:
    # "Moscow sent…", "Kabul said…": a place inside a longer actor phrase is the actor
    # (metonymy), not where it happened; a bare country name stays a candidate location.
    spans = [(a + start, b + start) for a, b in actors.spans]
    locations = tuple(
        t for t in in_sentence
        if t.adjectival
        or not any(a <= t.mention.start and t.mention.end <= b and b - a > t.mention.end - t.mention.start for a, b in spans)
    )
    sentence = frame.text[start:end]
    zone = zone_for(frame.border_zones, in_sentence, frame.text, frame.article_zone) if has_border_phrase(sentence) else None
    border_zone = _forces_border(frame, in_sentence)
    home = frame.lexicon.iso2_by_iso3.get(actors.countries[0], "") if actors.countries else ""
    chosen = sentence_place(
        SentencePlaces(
            text=frame.text,
            start=start,
            end=end,
            trigger_at=start + choice.hit.start,
            toponyms=locations,
            zone=zone,
            home_country=home,
            family=family,
            demonym_locates=getattr(event_class, "demonym_locates", True),
            border_zone=border_zone,
            zones=frame.border_zones,
        )
    )
    if family in _SAID_OR_MET or chosen.specific:
        return chosen
    return _the_named_base(frame, start, sentence, chosen) or _the_named_unit(frame, start, sentence) or chosen


# "in the city", "the town's main square", "in the province": the city, district or province
# the article is about
_THE_UNIT = re.compile(
    r"\b(?:in|at|near|outside|around|across|into|throughout|within|(?:on\s+)?the\s+(?:outskirts|centre|center|streets)\s+of"
    # "overran the city", "seized the district": the verbs of taking name the place they act on
    r"|seiz(?:ed|ing)|captur(?:ed|ing)|t(?:ook|aking|aken)|overr(?:an|un|unning)|storm(?:ed|ing)|retook|recaptur(?:ed|ing))"
    r"\s+the\s+(?P<unit>city|town|village|district|province|regional\s+capital|provincial\s+capital)\b(?!\s+of\b)"
    r"|\bthe\s+(?P<owner>city|town|village|district|province)['’]s\b",
    re.I,
)
_UNIT_FEATURES = {
    "city": frozenset({"city", "town"}), "town": frozenset({"city", "town"}), "village": frozenset({"village", "town"}),
    "district": frozenset({"admin2"}), "province": frozenset({"admin1"}),
}
_UNIT_WORDS = ("city", "town", "village", "district", "province", "capital")


def _the_named_unit(frame: ArticleFrame, start: int, sentence: str) -> PlaceChoice | None:
    """For "in the city" ("the district", "the province") with no such place named in the
    sentence: the dateline's city ("KHOROG, Tajikistan —"), else the one of that kind the
    article named last before the words."""
    lowered = sentence.lower()
    if not any(word in lowered for word in _UNIT_WORDS):
        return None
    found = _THE_UNIT.search(sentence)
    if found is None:
        return None
    unit = (found.group("unit") or found.group("owner")).split()[-1].lower()
    kinds = _UNIT_FEATURES.get(unit, _UNIT_FEATURES["city"])
    named = [t for t in frame.toponyms if t.place.feature_type in kinds and not t.adjectival and t.mention.start < start + found.start()]
    filed = [t for t in named if in_dateline(frame.text, t)]
    if not named:
        return None
    place = filed[0] if filed else named[-1]
    level = "settlement" if kinds & {"city", "town", "village"} else GEO_LEVEL_BY_FEATURE[place.place.feature_type]
    return PlaceChoice(place, "in", level, f"{found.group(0)!r}: the {unit} the article is about, {place.mention.text!r}")


# "will return to the air base in Kyrgyzstan", "the facility": a base the article names
_THE_BASE = re.compile(r"\bthe\s+(?:(?:military|air|army|russian)\s+)?(?:base|airbase|air base|airfield|facility)\b", re.I)
_BASE_FEATURES = frozenset({"military_base", "airfield"})


def _the_named_base(frame: ArticleFrame, start: int, sentence: str, chosen: PlaceChoice) -> PlaceChoice | None:
    """For "the base" with no finer place: the base or airfield the article names (in the
    country the sentence names as a location, if any), the one named nearest the sentence."""
    found = _THE_BASE.search(sentence)
    if found is None:
        return None
    # a country named as a party ("the first base Russia opened abroad") says whose, not where
    country = chosen.toponym.place.country if chosen.toponym is not None and not chosen.weak else ""
    at = start + found.start()
    bases = [
        t for t in frame.toponyms
        if t.place.feature_type in _BASE_FEATURES and not t.adjectival and (not country or t.place.country == country)
    ]
    if not bases:
        return None
    base = min(bases, key=lambda t: abs(t.mention.start - at))
    return PlaceChoice(base, "in", "site", f"{found.group(0)!r}: the base the article names, {base.mention.text!r}")
