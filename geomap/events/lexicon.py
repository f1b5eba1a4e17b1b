"""Load the analyst-editable event vocabulary from ``data/lexicon/`` (compiled once).

Tables: ``event_classes.csv`` (taxonomy + ACLED/CAMEO/PLOVER crosswalk),
``event_triggers.csv`` (regex cues per class), ``modality_cues.csv``, ``actors.csv``,
``quantity_units.csv``.  A regex that does not compile is reported with file and line
and skipped, so one bad edit does not disable the rest of the table.
"""

from __future__ import annotations

import csv
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import Any, TypeVar, cast

from geomap.config import DEFAULT_SETTINGS, Settings
from geomap.events.lazy_regex import LazyPattern
from geomap.events.regex_literals import UnanalysablePattern, literal_branches, phrase_expansions, required_literals
from geomap.events.regex_literals import required_literal_sets as required_literal_sets  # the prefilter's words, read here by callers
from geomap.text import casefold_same_length

log = logging.getLogger(__name__)
_second = itemgetter(1)
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class EventClass:
    """One class of geomap's taxonomy with its crosswalk codes (strings, as published)."""

    name: str
    label: str
    priority: int
    color: str
    glyph: str  # one character drawn on the map marker
    acled_disorder_type: str
    acled_event_type: str
    acled_sub_event_type: str
    cameo_code: str
    cameo_label: str
    plover_event: str
    plover_mode: str
    plover_context: str
    demonym_locates: bool = True  # "the Tajik military held drills" → Tajikistan; not for violence
    # classes of one family can be sentences about one incident ("violence": a clash, the
    # attackers' weapons seized, the villagers who fled); "speech" never inherits a place
    family: str = ""
    # an event of the class acts on its place (a town taken, a crossing closed): each place of
    # a list ("captured Kunduz and Taloqan") is an event of its own
    per_place: bool = False


@dataclass(frozen=True, slots=True)
class Trigger:
    event_class: str
    pattern: re.Pattern[str]
    weight: float
    requires: re.Pattern[str] | None
    excludes: re.Pattern[str] | None
    literals: frozenset[str] | None = None  # see required_literals
    also_required: tuple[frozenset[str], ...] = ()  # see required_literal_sets
    # see literal_branches: when set, one branch's sets must all be present
    branches: tuple[tuple[frozenset[str], ...], ...] = ()
    acled: tuple[str, str, str] | tuple[()] = ()  # optional refinement of the class's ACLED codes
    # "attribution": a reporting cue ("said", "according to") that the event it reports
    # outranks; "speech": a speech act ("warned", "accused") that makes the sentence a
    # statement when it governs the event words after it; "denial": a denial, which makes
    # the event it governs denied; "": an event cue
    role: str = ""
    # literal branches (see literal_branches) of ``requires`` and ``excludes``: when no branch
    # has all its sets in the sentence that regex cannot match, and is not run
    requires_literals: tuple[tuple[frozenset[str], ...], ...] = ()
    excludes_literals: tuple[tuple[frozenset[str], ...], ...] = ()


@dataclass(frozen=True, slots=True)
class ModalityCue:
    modality: str
    pattern: re.Pattern[str]
    weight: float
    literals: frozenset[str] | None = None
    also_required: tuple[frozenset[str], ...] = ()
    branches: tuple[tuple[frozenset[str], ...], ...] = ()
    # "clause": counts only in the event's clause; "before": there and before the event's words
    # ("in case of" after the verb is the purpose of a real action); "sentence": anywhere ("if …")
    scope: str = "clause"


@dataclass(frozen=True, slots=True)
class Actor:
    """An actor: plain alias phrases (matched by one automaton) and optional regex aliases."""

    id: str
    name: str
    pattern: re.Pattern[str] | None
    country_iso3: str
    actor_type: str
    acled_inter: str
    cameo_code: str
    side: str
    literals: frozenset[str] | None = None
    parent: str = ""  # id of the actor this one is part of (the 201st base of the Russian military)
    phrases: tuple[str, ...] = ()
    # phrases that end in "any word characters" (from a regex alias ending in ``\\w*\\b``)
    open_phrases: tuple[str, ...] = ()
    # (phrase, regex alias) pairs: a phrase found by the automaton counts only where its
    # alias regex, with its lookarounds ("Russia" but not "in Russia"), matches it
    guarded_phrases: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class QuantityUnit:
    category: str
    pattern: re.Pattern[str]


@dataclass
class Lexicon:
    """Every vocabulary table, compiled."""

    classes: dict[str, EventClass]
    triggers: list[Trigger]
    modality_cues: list[ModalityCue]
    actors: list[Actor]
    units: list[QuantityUnit]
    iso2_by_iso3: dict[str, str] = field(default_factory=dict)
    # actor id -> [(from, until, id it stands for then)]: "Afghan forces" before and after August 2021
    periods: dict[str, list[tuple[date | None, date | None, str]]] = field(default_factory=dict)
    # (actor type, pattern): unqualified references to a state body ("the border guards"), read
    # as the actor of that type the article names with its country
    references: list[tuple[str, re.Pattern[str]]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    # caches built on first use; init=False so dataclasses.replace() never shares them
    _literal_matcher: Any = field(default=None, init=False, repr=False, compare=False)

    _phrase_matcher: Any = field(default=None, init=False, repr=False, compare=False)
    _actors_by: Any = field(default=None, init=False, repr=False, compare=False)
    _military: Any = field(default=None, init=False, repr=False, compare=False)
    _governments: Any = field(default=None, init=False, repr=False, compare=False)

    def actor_named(self, name: str) -> Actor | None:
        """The actor of that name (None for an unknown name)."""
        return self._actor_tables()[0].get(name)

    def actor_by_id(self, actor_id: str) -> Actor | None:
        """The actor of that id (None for an unknown id)."""
        return self._actor_tables()[1].get(actor_id)

    def government_of(self) -> dict[str, str]:
        """ISO2 -> the name of the country's government (the government actor with no parent
        and of no single period)."""
        if self._governments is None:
            dated = {target for spans in self.periods.values() for _, _, target in spans}
            self._governments = {
                self.iso2_by_iso3.get(a.country_iso3, ""): a.name
                for a in self.actors
                if a.actor_type == "government" and a.country_iso3 and not a.parent and a.id not in dated
            }
        return self._governments

    def military_of(self) -> dict[str, str]:
        """ISO3 -> the name of the country's armed forces (the military actor with no parent)."""
        if self._military is None:
            # forces of one period only ("of Afghanistan (2014-2021)") stand for no government
            dated = {target for spans in self.periods.values() for _, _, target in spans}
            self._military = {
                a.country_iso3: a.name
                for a in self.actors
                if a.actor_type == "military" and a.country_iso3 and not a.parent and a.id not in dated
            }
        return self._military

    def holder_of(self, iso2: str, day: date | None) -> Actor | None:
        """The state actor that holds a country's territory on ``day``: the authority its
        periods give ("Afghanistan" before and after 15 August 2021), else its armed forces."""
        iso3 = next((i3 for i3, i2 in self.iso2_by_iso3.items() if i2 == iso2), "")
        if not iso3:
            return None
        for actor in self.actors:
            if actor.country_iso3 == iso3 and actor.actor_type == "state" and actor.id in self.periods:
                for start, end, target in self.periods[actor.id]:
                    if day is not None and (start is None or start <= day) and (end is None or day <= end):
                        return self.actor_by_id(target)
        name = self.military_of().get(iso3)
        return self.actor_named(name) if name else None

    def _actor_tables(self) -> tuple[dict[str, Actor], dict[str, Actor]]:
        if self._actors_by is None:
            self._actors_by = ({a.name: a for a in self.actors}, {a.id: a for a in self.actors})
        return self._actors_by

    def actor_phrases_in(self, sentence: str) -> list[tuple[int, int, int]]:
        """``(start, end, actor index)`` of every plain actor alias in ``sentence``, whole words only.

        An open phrase ("motor rifle…") matches at the start of a word and extends to its end.
        """
        if self._phrase_matcher is None:
            self._phrase_matcher = _phrase_automaton(self.actors)
        if len(self._phrase_matcher) == 0:
            return []
        lowered = _phrase_characters(casefold_same_length(sentence))
        size = len(lowered)
        hits = []
        for end, (length, owned) in self._phrase_matcher.iter(lowered):
            start = end - length + 1
            if start > 0 and lowered[start - 1].isalnum():
                continue
            closed = end + 1 >= size or not lowered[end + 1].isalnum()
            for index, open_ended in owned:
                if isinstance(open_ended, str):  # a guarded phrase: its regex decides
                    guard = _guard(open_ended)
                    if closed and (match := guard.match(sentence, start)) is not None and match.end() == end + 1:
                        hits.append((start, end + 1, index))
                    continue
                if not open_ended:
                    if closed:
                        hits.append((start, end + 1, index))
                    continue
                stop = end + 1
                while stop < size and (lowered[stop].isalnum() or lowered[stop] == "_"):
                    stop += 1
                hits.append((start, stop, index))
        return hits

    _inverted: dict[str, tuple[int, dict[str, int], dict[int, tuple[tuple[frozenset[str], ...], ...]], tuple[int, ...], frozenset[str]]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def candidates(self, table: str, present: set[str]) -> list[int]:
        """Indices of the ``triggers``/``modality_cues``/``actors`` entries whose regex can
        match, given the literals present in the sentence: in table order, except modality
        cues, which come strongest first (the order :func:`cue_modality` tries them in).

        Each literal stands for a bit set of the entries that need it, so a sentence costs
        one integer OR per literal present."""
        index = self._inverted.get(table)
        if index is None:
            index = self._inverted[table] = self._candidate_index(table)
        mask, mask_by_word, further, order, needed = index
        # only the words present that an entry of this table needs (a sentence's literals are
        # those of every table): the intersection is taken in C, over the smaller set
        for word in needed.intersection(present):
            mask |= mask_by_word[word]
        found: list[int] = []
        while mask:
            lowest = mask & -mask
            mask ^= lowest
            entry = order[lowest.bit_length() - 1]
            if entry in further and not some_branch_present(further[entry], present):
                continue
            found.append(entry)
        return found

    def _candidate_index(
        self, table: str
    ) -> tuple[int, dict[str, int], dict[int, tuple[tuple[frozenset[str], ...], ...]], tuple[int, ...], frozenset[str]]:
        entries = getattr(self, table)
        order = tuple(range(len(entries)))
        if table == "modality_cues":
            order = tuple(sorted(order, key=lambda i: (-entries[i].weight, i)))
        always = 0
        mask_by_word: dict[str, int] = {}
        further: dict[int, tuple[tuple[frozenset[str], ...], ...]] = {}
        for bit, entry_index in enumerate(order):
            entry = entries[entry_index]
            if getattr(entry, "pattern", None) is None:
                continue
            branches = getattr(entry, "branches", ())
            if len(branches) > 1 or any(len(sets) > 1 for sets in branches):
                further[entry_index] = branches
            elif getattr(entry, "also_required", ()):
                further[entry_index] = (entry.also_required,)
            if entry.literals is None:
                always |= 1 << bit
            else:
                for word in entry.literals:
                    mask_by_word[word] = mask_by_word.get(word, 0) | 1 << bit
        return always, mask_by_word, further, order, frozenset(mask_by_word)

    def literals_in(self, sentence: str) -> set[str]:
        """Which required literals of the tables occur in ``sentence`` (one Aho–Corasick pass)."""
        if self._literal_matcher is None:
            import ahocorasick

            matcher = ahocorasick.Automaton()
            entries: tuple[Trigger | ModalityCue | Actor, ...] = (*self.triggers, *self.modality_cues, *self.actors)
            for entry in entries:
                for word in entry.literals or ():
                    matcher.add_word(word, word)
                for words in getattr(entry, "also_required", ()):
                    for word in words:
                        matcher.add_word(word, word)
                for field_name in ("branches", "requires_literals", "excludes_literals"):
                    for sets in getattr(entry, field_name, ()):
                        for words in sets:
                            for word in words:
                                matcher.add_word(word, word)
            matcher.make_automaton()
            self._literal_matcher = matcher
        if len(self._literal_matcher) == 0:
            return set()
        return set(map(_second, self._literal_matcher.iter(casefold_same_length(sentence))))



def _phrase_automaton(actors: list[Actor]) -> Any:
    """An Aho-Corasick automaton of every plain, open and guarded actor phrase, each word
    holding ``(its length, ((actor index, False | True | guard regex), …))``: False for a
    whole-word phrase, True for an open one, the regex for a guarded one."""
    import ahocorasick

    matcher = ahocorasick.Automaton()
    owners: dict[str, list[tuple[int, bool | str]]] = {}
    for index, actor in enumerate(actors):
        for phrase in actor.phrases:
            owners.setdefault(phrase, []).append((index, False))
        for phrase in actor.open_phrases:
            owners.setdefault(phrase, []).append((index, True))
        for phrase, guard in actor.guarded_phrases:
            owners.setdefault(phrase, []).append((index, guard))
    for phrase, owned in owners.items():
        matcher.add_word(phrase, (len(phrase), tuple(dict.fromkeys(owned))))
    matcher.make_automaton()
    return matcher


def some_branch_present(branches: tuple[tuple[frozenset[str], ...], ...], present: set[str]) -> bool:
    """Whether one of the literal branches has a word of each of its sets in ``present``."""
    for sets in branches:
        for words in sets:
            if words.isdisjoint(present):
                break
        else:
            return True
    return False


def _analysed(analyse: Callable[[str], T], pattern: str, unanalysable: T, where: str = "", problems: list[str] | None = None) -> T:
    """``analyse(pattern)``, or ``unanalysable`` for a pattern whose required words cannot
    be read (the rule then runs on every sentence); the problem, with its file, line and
    column, goes to ``problems`` when given."""
    try:
        return analyse(pattern)
    except UnanalysablePattern as exc:
        if problems is not None:
            problems.append(f"{where}: {exc}; no prefilter, the rule runs on every sentence")
        return unanalysable


_NO_BRANCHES: tuple[tuple[frozenset[str], ...], ...] = ()  # no prefilter: the rule runs on every sentence


def _branch_literals(branches: tuple[tuple[frozenset[str], ...], ...]) -> frozenset[str] | None:
    """Words one of which every match contains: each branch's most selective set, joined."""
    return frozenset().union(*(sets[0] for sets in branches)) if branches else None


def _acled_refinement(text: str, where: str, problems: list[str]) -> tuple[str, str, str] | tuple[()]:
    """``"Political violence / Violence against civilians / Attack"`` → a 3-tuple (or ())."""
    if not text.strip():
        return ()
    parts = tuple(part.strip() for part in text.split(" / "))
    if len(parts) != 3 or not all(parts):
        problems.append(f"{where}: acled {text!r} is not 'disorder type / event type / sub-event type'; ignored")
        return ()
    return parts


TRIGGER_ROLES = frozenset({"", "attribution", "speech", "denial", "incident"})


def _trigger_role(value: str, where: str, problems: list[str]) -> str:
    role = (value or "").strip()
    if role not in TRIGGER_ROLES:
        problems.append(f"{where}: role {role!r} is not one of {sorted(TRIGGER_ROLES)}; read as an event cue")
        return ""
    return role


def _rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    if not path.exists():
        return []
    with path.open(newline="", encoding="utf-8-sig") as stream:
        reader = csv.DictReader(stream)
        return [(reader.line_num, {k: (v or "").strip() for k, v in row.items() if k}) for row in reader]


def _compile(text: str, where: str, problems: list[str]) -> re.Pattern[str] | None:
    if not text:
        return None
    try:
        # checked now, compiled again only when first used after the cache is loaded
        return cast("re.Pattern[str]", LazyPattern(text, re.IGNORECASE, re.compile(text, re.IGNORECASE)))
    except re.error as exc:
        problems.append(f"{where}: invalid regular expression ({exc}); entry skipped")
        return None


@lru_cache(maxsize=None)
def _guard(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _alias_pattern(aliases: str, where: str, problems: list[str]) -> re.Pattern[str] | None:
    """Join the ``re:`` aliases of an actor that are not finite phrase sets into one pattern."""
    parts = [
        f"(?:{alias[3:]})"
        for alias in _split_aliases(aliases)
        if alias.startswith("re:")
        and _analysed(phrase_expansions, alias[3:], None, f"{where} (aliases)", problems) is None
        and _compile(alias[3:], where, problems) is not None
    ]
    return _compile("|".join(parts), where, problems) if parts else None


def _alias_phrases(aliases: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[str, str], ...]]:
    """Lower-cased phrases (single spaces) for the phrase matcher: ``(whole-word, open-ended,
    guarded)``.

    Plain aliases are taken as they are; a ``re:`` alias joins them when its language is a
    small finite set of phrases between word boundaries (see :func:`phrase_expansions`);
    with lookarounds around it, each phrase is paired with the alias to check them.
    """
    closed: list[str] = []
    open_ended: list[str] = []
    guarded: list[tuple[str, str]] = []
    for alias in _split_aliases(aliases):
        if not alias.startswith("re:"):
            closed.append(" ".join(alias.casefold().split()))
            continue
        expanded = _analysed(phrase_expansions, alias[3:], None)
        if expanded is None:
            continue
        phrases, is_open, is_guarded = expanded
        if is_guarded:
            guarded.extend((phrase.translate(_PHRASE_CHARACTERS), alias[3:]) for phrase in phrases)
        else:
            (open_ended if is_open else closed).extend(phrases)
    return (
        tuple(dict.fromkeys(p.translate(_PHRASE_CHARACTERS) for p in closed)),
        tuple(dict.fromkeys(p.translate(_PHRASE_CHARACTERS) for p in open_ended)),
        tuple(dict.fromkeys(guarded)),
    )


def _alias_literals(aliases: str) -> frozenset[str] | None:
    """Prefilter words of an actor's regex-only ``re:`` aliases (see :func:`required_literals`)."""
    words: set[str] = set()
    for alias in _split_aliases(aliases):
        if not alias.startswith("re:") or _analysed(phrase_expansions, alias[3:], None) is not None:
            continue
        found = _analysed(required_literals, alias[3:], None)
        if found is None:
            return None
        words |= found
    return frozenset(words)


# the phrase matcher sees white space as a space and a typographic apostrophe as a plain one
_PHRASE_CHARACTERS = str.maketrans("\t\n\r\f\v\u00a0\u2019", "      '")
_PHRASE_REPLACED = tuple((chr(old), chr(new)) for old, new in _PHRASE_CHARACTERS.items())


def _phrase_characters(text: str) -> str:
    """``text.translate(_PHRASE_CHARACTERS)``: each character replaced where it occurs, which
    costs less than a translation of every character when few or none occur."""
    for old, new in _PHRASE_REPLACED:
        if old in text:
            text = text.replace(old, new)
    return text


def _split_aliases(aliases: str) -> list[str]:
    """Split on ``|`` outside regex groups (``re:`` entries may contain alternations)."""
    items: list[str] = []
    depth = 0
    current = ""
    escaped = False
    for char in aliases:
        if escaped:
            current += char
            escaped = False
            continue
        if char == "\\":
            escaped = True
            current += char
            continue
        if char in "([":
            depth += 1
        elif char in ")]" and depth:
            depth -= 1
        if char == "|" and depth == 0:
            items.append(current.strip())
            current = ""
        else:
            current += char
    items.append(current.strip())
    return [i for i in items if i]


LEXICON_FORMAT = 18  # bump when the pickled layout or the compilation rules change


def load_lexicon(settings: Settings = DEFAULT_SETTINGS) -> Lexicon:
    """Load every vocabulary table, compiled: from memory, the disk cache in
    ``settings.cache_dir`` (keyed by the tables' sizes and mtimes), or by compiling."""
    return _load(settings)


def _lexicon_files(settings: Settings) -> list[Path]:
    return [settings.path(name) for name in (
        settings.event_classes, settings.event_triggers, settings.modality_cues, settings.actors,
        "lexicon/quantity_units.csv", "gazetteer/countries.csv", "lexicon/actor_periods.csv", "lexicon/actor_references.csv",
    )]


@lru_cache(maxsize=4)
def _load(settings: Settings) -> Lexicon:
    from geomap.cache import load_or_build, source_key

    key = source_key(f"lexicon|{LEXICON_FORMAT}", _lexicon_files(settings))
    lexicon = load_or_build(settings.cache_dir, "lexicon", key, lambda: compile_lexicon(settings))
    for problem in lexicon.problems:
        log.warning(problem)
    return lexicon


def compile_lexicon(settings: Settings = DEFAULT_SETTINGS) -> Lexicon:
    """Read and compile every table, with the phrase and literal automatons built."""
    lexicon = _compile_tables(settings)
    lexicon.actor_phrases_in("")
    lexicon.literals_in("")
    return lexicon


def _compile_tables(settings: Settings) -> Lexicon:
    problems: list[str] = []
    classes = _event_classes(settings.path(settings.event_classes), problems)
    triggers = _triggers(settings.path(settings.event_triggers), classes, problems)
    cues = _modality_cues(settings.path(settings.modality_cues), problems)
    actors = _actors(settings.path(settings.actors), problems)
    units = _quantity_units(settings.path("lexicon/quantity_units.csv"), problems)
    codes = {row["iso3"]: row["iso2"] for _, row in _rows(settings.path("gazetteer/countries.csv"))}
    periods = _actor_periods(settings.path("lexicon/actor_periods.csv"), {a.id for a in actors}, problems)
    references = _actor_references(settings.path("lexicon/actor_references.csv"), {a.actor_type for a in actors}, problems)
    return Lexicon(classes, triggers, cues, actors, units, codes, periods=periods, references=references, problems=problems)


def _event_classes(path: Path, problems: list[str]) -> dict[str, EventClass]:
    """The event classes (``event_classes.csv``) by name, with their crosswalk codes and map style."""
    classes: dict[str, EventClass] = {}
    for line, row in _rows(path):
        try:
            priority = int(row.get("priority") or 0)
        except ValueError:
            problems.append(f"{path}:{line}: priority {row.get('priority')!r} is not a whole number; using 0")
            priority = 0
        classes[row["class"]] = EventClass(
            name=row["class"],
            label=row.get("label") or row["class"],
            priority=priority,
            color=row.get("color") or "#555555",
            glyph=(row.get("glyph") or row["class"][:1]).strip()[:1].upper() or "?",
            acled_disorder_type=row.get("acled_disorder_type", ""),
            acled_event_type=row.get("acled_event_type", ""),
            acled_sub_event_type=row.get("acled_sub_event_type", ""),
            cameo_code=row.get("cameo_code", ""),
            cameo_label=row.get("cameo_label", ""),
            plover_event=row.get("plover_event", ""),
            plover_mode=row.get("plover_mode", ""),
            plover_context=row.get("plover_context", ""),
            demonym_locates=_yes(row.get("demonym_locates"), True),
            family=row.get("family") or row["class"],
            per_place=_yes(row.get("per_place"), False),
        )
    return classes


def _yes(cell: str | None, default: bool) -> bool:
    """A yes/no cell (``yes``/``no``, ``true``/``false``, ``1``/``0``); empty gives ``default``."""
    if not cell:
        return default
    return cell.strip().lower() not in ("no", "false", "0")


def _triggers(path: Path, classes: dict[str, EventClass], problems: list[str]) -> list[Trigger]:
    """The trigger patterns (``event_triggers.csv``); a row of an unknown class or with a
    pattern that does not compile is skipped."""
    triggers: list[Trigger] = []
    for line, row in _rows(path):
        where = f"{path}:{line}"
        if row.get("class") not in classes:
            problems.append(f"{where}: unknown class {row.get('class')!r}; trigger skipped")
            continue
        pattern = _compile(row.get("pattern", ""), where, problems)
        if pattern is not None:
            triggers.append(_trigger(row, pattern, where, problems))
    return triggers


def _trigger(row: dict[str, str], pattern: re.Pattern[str], where: str, problems: list[str]) -> Trigger:
    """One trigger row: its patterns, the words its prefilter looks for, its ACLED refinement and role."""
    return Trigger(
        event_class=row["class"],
        pattern=pattern,
        weight=float(row.get("weight") or 0.5),
        requires=_compile(row.get("requires", ""), where, problems),
        excludes=_compile(row.get("excludes", ""), where, problems),
        literals=_branch_literals(branches := _analysed(literal_branches, row.get("pattern", ""), _NO_BRANCHES, f"{where} (pattern)", problems)),
        branches=branches,
        acled=_acled_refinement(row.get("acled", ""), where, problems),
        role=_trigger_role(row.get("role", ""), where, problems),
        requires_literals=_analysed(literal_branches, row["requires"], _NO_BRANCHES, f"{where} (requires)", problems) if row.get("requires") else (),
        excludes_literals=_analysed(literal_branches, row["excludes"], _NO_BRANCHES, f"{where} (excludes)", problems) if row.get("excludes") else (),
    )


def _modality_cues(path: Path, problems: list[str]) -> list[ModalityCue]:
    """The modality cues (``modality_cues.csv``); an unknown scope is read as 'clause'."""
    cues: list[ModalityCue] = []
    for line, row in _rows(path):
        pattern = _compile(row.get("pattern", ""), f"{path}:{line}", problems)
        if pattern is not None:
            branches = _analysed(literal_branches, row["pattern"], _NO_BRANCHES, f"{path}:{line} (pattern)", problems)
            scope = (row.get("scope") or "clause").strip()
            if scope not in ("clause", "before", "sentence"):
                problems.append(f"{path}:{line}: scope {scope!r} is not 'clause', 'before' or 'sentence'; read as 'clause'")
                scope = "clause"
            cues.append(
                ModalityCue(row["modality"], pattern, float(row.get("weight") or 0.5), _branch_literals(branches), (), branches, scope)
            )
    return cues


def _actors(path: Path, problems: list[str]) -> list[Actor]:
    """The actors (``actors.csv``) with their alias patterns and phrases; a row with no
    usable alias is skipped."""
    actors: list[Actor] = []
    for line, row in _rows(path):
        pattern = _alias_pattern(row.get("aliases", ""), f"{path}:{line}", problems)
        phrases, open_phrases, guarded_phrases = _alias_phrases(row.get("aliases", ""))
        if pattern is None and not phrases and not open_phrases and not guarded_phrases:
            continue
        actors.append(
            Actor(
                id=row["id"],
                name=row["name"],
                pattern=pattern,
                phrases=phrases,
                open_phrases=open_phrases,
                guarded_phrases=guarded_phrases,
                country_iso3=row.get("country_iso3", ""),
                actor_type=row.get("actor_type", ""),
                acled_inter=row.get("acled_inter", ""),
                cameo_code=row.get("cameo_code", ""),
                side=row.get("side", "") or "OTHER",
                literals=_alias_literals(row.get("aliases", "")),
                parent=row.get("parent", "") or "",
            )
        )
    return actors


def _quantity_units(path: Path, problems: list[str]) -> list[QuantityUnit]:
    """The counted units (``quantity_units.csv``) in table order: the first that matches wins."""
    units: list[QuantityUnit] = []
    for line, row in _rows(path):
        pattern = _compile(row.get("pattern", ""), f"{path}:{line}", problems)
        if pattern is not None:
            units.append(QuantityUnit(row["category"], pattern))
    return units


def _actor_references(path: Path, types: set[str], problems: list[str]) -> list[tuple[str, re.Pattern[str]]]:
    """Unqualified references to state bodies (``actor_references.csv``), checked row by row."""
    references: list[tuple[str, re.Pattern[str]]] = []
    if not path.exists():
        return references
    for line, row in _rows(path):
        where = f"{path}:{line}"
        if row.get("actor_type") not in types:
            problems.append(f"{where}: actor_type {row.get('actor_type')!r} is no actor type of actors.csv; row skipped")
            continue
        pattern = _compile(row.get("pattern", ""), where, problems)
        if pattern is not None:
            references.append((row["actor_type"], pattern))
    return references


def _actor_periods(path: Path, known: set[str], problems: list[str]) -> dict[str, list[tuple[date | None, date | None, str]]]:
    """Which actor a date-dependent one stands for (``actor_periods.csv``), checked row by row."""
    periods: dict[str, list[tuple[date | None, date | None, str]]] = {}
    if not path.exists():
        return periods
    for line, row in _rows(path):
        where = f"{path}:{line}"
        if row.get("actor") not in known or row.get("resolves_to") not in known:
            problems.append(f"{where}: unknown actor id {row.get('actor')!r} or {row.get('resolves_to')!r}; row skipped")
            continue
        try:
            start = date.fromisoformat(row["from"]) if row.get("from") else None
            end = date.fromisoformat(row["until"]) if row.get("until") else None
        except ValueError as exc:
            problems.append(f"{where}: {exc}; row skipped")
            continue
        periods.setdefault(row["actor"], []).append((start, end, row["resolves_to"]))
    return periods
