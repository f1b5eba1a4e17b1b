"""The words a regular expression of the event vocabulary needs, read from the pattern.

The vocabulary's rules are regular expressions (``data/lexicon/*.csv``), and most sentences
match none of them.  Before a rule's regex runs, the sentence is checked for the words every
match must contain (:func:`literal_branches`, :func:`required_literal_sets`), and actor
aliases whose language is a small set of phrases go to a phrase automaton instead of a regex
(:func:`phrase_expansions`).  Those words are derived here, by a small parser of the syntax
the vocabulary uses:

* literal characters and escapes (``\\.``, ``\\t``, ``\\x41``, ``\\u2019``, ``\\N{EM DASH}``,
  octal ``\\012``);
* character classes with ranges and ``\\d \\s \\w \\D \\S \\W`` (also outside classes), ``.``;
* anchors ``^ $ \\b \\B \\A \\Z``;
* groups: capturing, named ``(?P<name>…)``, non-capturing, with scoped flags ``(?-i:…)``,
  atomic ``(?>…)``; comments ``(?#…)``; global flags at the start (``(?i)``);
* alternation; the quantifiers ``? * + {m} {m,} {,n} {m,n}``, greedy, lazy or possessive;
* lookahead and lookbehind, positive and negative.

Backreferences, conditional groups and verbose mode raise :class:`UnanalysablePattern`.

The tree has the shape that CPython's own regex parser gives a pattern: a non-capturing
group without flags is spliced into the sequence around it, a part that every alternative
starts with is moved before the alternation, and alternatives that are each one character
(or a class) become one character class.  The word sets depend on that shape (``war|warfare``
needs ``war`` once the common prefix is moved out, and nothing finer), and they are the ones
the vocabulary's prefilters were tuned with: ``tests/data/lexicon_literals.json`` holds them
for every rule of the shipped tables.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from geomap.errors import GeomapError


class UnanalysablePattern(GeomapError, ValueError):
    """A valid regular expression that uses syntax :func:`parse_regex` does not read."""


# Leaves: equal when they are the same character, class or anchor (that is what lets a
# prefix common to every alternative be moved out of an alternation).


@dataclass(frozen=True, slots=True)
class Char:
    """One literal character."""

    char: str


@dataclass(frozen=True, slots=True)
class NotChar:
    """Any character but one (``[^x]``)."""

    char: str


# A member of a character class: ("char", c), ("range", first, last) or ("class", letter)
# for \d \s \w \D \S \W.
ClassItem = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CharSet:
    """A character class; ``\\s`` is the class of the one item ``("class", "s")``."""

    items: tuple[ClassItem, ...]
    negated: bool = False


@dataclass(frozen=True, slots=True)
class AnyChar:
    """``.``"""


@dataclass(frozen=True, slots=True)
class Anchor:
    """A zero-width position: ``\\b``, ``\\B``, ``^``, ``$``, ``\\A`` or ``\\Z``."""

    kind: str


# Composites: never equal to another node (two groups are two parts of the pattern, even
# when written alike), as in CPython's parser.


@dataclass(eq=False, slots=True)
class Group:
    """A capturing group, or a non-capturing one with scoped flags (``(?-i:…)``); plain
    non-capturing groups are spliced into their sequence by the parser."""

    body: list[Node]
    capturing: bool
    flags: str = ""


@dataclass(eq=False, slots=True)
class AtomicGroup:
    body: list[Node]


@dataclass(eq=False, slots=True)
class Alternation:
    branches: list[list[Node]]


@dataclass(eq=False, slots=True)
class Repeat:
    """``body`` repeated ``low`` to ``high`` times (None: no upper bound)."""

    low: int
    high: int | None
    body: list[Node]
    mode: str = "greedy"  # or "lazy", "possessive"


@dataclass(eq=False, slots=True)
class Look:
    """A lookahead or lookbehind assertion."""

    body: list[Node]
    behind: bool
    negative: bool


Node = Char | NotChar | CharSet | AnyChar | Anchor | Group | AtomicGroup | Alternation | Repeat | Look

_CLASS_ESCAPES = frozenset("dDsSwW")
_ANCHOR_ESCAPES = frozenset("bBAZ")
_CONTROL_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v", "\\": "\\"}
_FLAG_LETTERS = frozenset("aiLmsux")
_OCTAL = frozenset("01234567")
_HEX = frozenset("0123456789abcdefABCDEF")


@lru_cache(maxsize=4096)
def parse_regex(pattern: str) -> tuple[Node, ...]:
    """The top-level sequence of ``pattern`` (a valid regular expression), as nodes.

    Raises
    ------
    UnanalysablePattern
        For a backreference, a conditional group or verbose mode, naming it and its position.
    """
    reader = _Reader(pattern)
    nodes = _alternation(reader)
    if reader.peek() is not None:
        raise reader.unanalysable("an unbalanced parenthesis")
    return tuple(nodes)


class _Reader:
    """The pattern as tokens: a backslash and the character after it are one token."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self.pos = 0

    def peek(self) -> str | None:
        if self.pos >= len(self.pattern):
            return None
        return self.pattern[self.pos : self.pos + 2] if self.pattern[self.pos] == "\\" else self.pattern[self.pos]

    def next(self) -> str | None:
        token = self.peek()
        if token is not None:
            self.pos += len(token)
        return token

    def match(self, token: str) -> bool:
        if self.peek() == token:
            self.pos += len(token)
            return True
        return False

    def take(self, allowed: frozenset[str], most: int) -> str:
        """Up to ``most`` characters from ``allowed``."""
        start = self.pos
        while self.pos < len(self.pattern) and self.pos - start < most and self.pattern[self.pos] in allowed:
            self.pos += 1
        return self.pattern[start : self.pos]

    def until(self, terminator: str) -> str:
        end = self.pattern.find(terminator, self.pos)
        if end < 0:
            raise self.unanalysable(f"a missing {terminator!r}")
        text, self.pos = self.pattern[self.pos : end], end + 1
        return text

    def unanalysable(self, what: str, at: int | None = None) -> UnanalysablePattern:
        """The error for ``what``, which starts at ``at`` (default: where the reader is)."""
        where = self.pos if at is None else at
        return UnanalysablePattern(f"cannot analyse {what} at position {where} of the regular expression {self.pattern!r}")


def _alternation(reader: _Reader) -> list[Node]:
    alternatives = [_sequence(reader)]
    while reader.match("|"):
        alternatives.append(_sequence(reader))
    if len(alternatives) == 1:
        return alternatives[0]
    nodes: list[Node] = []
    # a part every alternative starts with is matched once, before them
    while all(alternatives) and all(alternative[0] == alternatives[0][0] for alternative in alternatives[1:]):
        nodes.append(alternatives[0][0])
        for alternative in alternatives:
            del alternative[0]
    # alternatives of one character (or a class) each are one class
    members: list[ClassItem] = []
    for alternative in alternatives:
        if len(alternative) != 1:
            break
        node = alternative[0]
        if isinstance(node, Char):
            members.append(("char", node.char))
        elif isinstance(node, CharSet) and not node.negated:
            members.extend(node.items)
        else:
            break
    else:
        nodes.append(CharSet(tuple(dict.fromkeys(members))))
        return nodes
    nodes.append(Alternation(alternatives))
    return nodes


def _sequence(reader: _Reader) -> list[Node]:
    nodes: list[Node] = []
    while (token := reader.peek()) is not None and token not in "|)":
        reader.next()
        if token.startswith("\\"):
            nodes.append(_escape(reader, token))
        elif token == "[":
            nodes.append(_char_class(reader))
        elif token in "?*+{":
            _repeat(reader, token, nodes)
        elif token == ".":
            nodes.append(AnyChar())
        elif token in "^$":
            nodes.append(Anchor(token))
        elif token == "(":
            group = _group(reader)
            if group is not None:
                nodes.append(group)
        else:
            nodes.append(Char(token))
    spliced: list[Node] = []
    for node in nodes:
        if isinstance(node, Group) and not node.capturing and not node.flags:
            spliced.extend(node.body)
        else:
            spliced.append(node)
    return spliced


def _repeat(reader: _Reader, token: str, nodes: list[Node]) -> None:
    """Apply the quantifier ``token`` to the last node (``{`` not starting a valid
    quantifier is a literal brace)."""
    low: int
    high: int | None
    if token == "{":
        start = reader.pos
        lowest = reader.take(frozenset("0123456789"), len(reader.pattern))
        highest = reader.take(frozenset("0123456789"), len(reader.pattern)) if reader.match(",") else lowest
        if reader.pos == start or not reader.match("}"):
            reader.pos = start
            nodes.append(Char("{"))
            return
        low, high = int(lowest or 0), int(highest) if highest else None
    else:
        low, high = {"?": (0, 1), "*": (0, None), "+": (1, None)}[token]
    if not nodes or isinstance(nodes[-1], (Anchor, Repeat)):
        raise reader.unanalysable("a quantifier with nothing to repeat")
    item = nodes[-1]
    body: list[Node] = item.body if isinstance(item, Group) and not item.capturing and not item.flags else [item]
    mode = "lazy" if reader.match("?") else "possessive" if reader.match("+") else "greedy"
    nodes[-1] = Repeat(low, high, body, mode)


def _group(reader: _Reader) -> Node | None:
    """The group after ``(``; None for a comment or global flags."""
    capturing, flags = True, ""
    start = reader.pos - 1
    if reader.match("?"):
        char = reader.next()
        if char == "P" and reader.match("<"):
            reader.until(">")  # a named group captures like any other
        elif char == "P":
            raise reader.unanalysable("a named backreference", start)
        elif char == ":":
            capturing = False
        elif char == "#":
            reader.until(")")
            return None
        elif char in ("=", "!") or (char == "<" and reader.peek() in ("=", "!")):
            negative = (reader.next() if char == "<" else char) == "!"
            return _closed(reader, lambda body: Look(body, behind=char == "<", negative=negative))
        elif char == ">":
            return _closed(reader, AtomicGroup)
        elif char is not None and (char in _FLAG_LETTERS or char == "-"):
            flags = char + reader.take(_FLAG_LETTERS | {"-"}, len(reader.pattern))
            if "x" in flags:
                raise reader.unanalysable("verbose mode", start)
            if reader.match(")"):
                return None  # global flags, at the start of the pattern
            reader.match(":")
            capturing = False
        else:
            raise reader.unanalysable(f"the group (?{char}", start)
    return _closed(reader, lambda body: Group(body, capturing, flags))


def _closed(reader: _Reader, make: Callable[[list[Node]], Node]) -> Node:
    body = _alternation(reader)
    if not reader.match(")"):
        raise reader.unanalysable("an unterminated group")
    return make(body)


def _escape(reader: _Reader, token: str) -> Node:
    letter = token[1:]
    if letter in _ANCHOR_ESCAPES:
        return Anchor(token)
    if letter in _CLASS_ESCAPES:
        return CharSet((("class", letter),))
    if letter[:1].isdigit() and letter != "0":
        if reader.peek() in _OCTAL and letter in _OCTAL and len(octal := letter + reader.pattern[reader.pos : reader.pos + 2]) == 3 and set(octal) <= _OCTAL:
            reader.pos += 2
            return Char(chr(int(octal, 8)))
        raise reader.unanalysable("a backreference", reader.pos - len(token))
    return Char(_escaped_char(reader, letter, in_class=False))


def _escaped_char(reader: _Reader, letter: str, in_class: bool) -> str:
    """The character a backslash escape stands for (``letter``: what follows the backslash)."""
    if letter in _CONTROL_ESCAPES:
        return _CONTROL_ESCAPES[letter]
    if letter in ("x", "u", "U"):
        return chr(int(reader.take(_HEX, {"x": 2, "u": 4, "U": 8}[letter]), 16))
    if letter == "N":
        reader.match("{")
        return unicodedata.lookup(reader.until("}"))
    if letter in _OCTAL:
        # \0 takes two more octal digits outside a class; inside one, any octal digit starts an escape
        return chr(int(letter + reader.take(_OCTAL, 2), 8))
    return letter


def _char_class(reader: _Reader) -> Node:
    negated = reader.match("^")
    items: list[ClassItem] = []
    while True:
        token = reader.next()
        if token is None:
            raise reader.unanalysable("an unterminated character class")
        if token == "]" and items:
            break
        item = _class_item(reader, token)
        if reader.match("-"):
            after = reader.next()
            if after is None:
                raise reader.unanalysable("an unterminated character class")
            if after == "]":
                items += [item, ("char", "-")]
                break
            items.append(("range", item[1], _class_item(reader, after)[1]))
        else:
            items.append(item)
    unique = tuple(dict.fromkeys(items))
    if len(unique) == 1 and unique[0][0] == "char":
        return NotChar(unique[0][1]) if negated else Char(unique[0][1])
    return CharSet(unique, negated)


def _class_item(reader: _Reader, token: str) -> ClassItem:
    if not token.startswith("\\"):
        return ("char", token)
    letter = token[1:]
    if letter in _CLASS_ESCAPES:
        return ("class", letter)
    return ("char", _escaped_char(reader, letter, in_class=True))


# What every match needs.

_REQUIREMENT_LIMIT = 64
# two-letter words too common to tell sentences apart: no prefilter is built on them
_TOO_COMMON = frozenset({"in", "of", "to", "on", "at", "is", "by", "an", "as", "or", "be", "it", "he", "we", "no", "so", "up", "do", "a ", " a"})


def required_literal_sets(pattern: str) -> tuple[frozenset[str], ...]:
    """Sets of lower-case strings such that every match of ``pattern`` contains at least
    one string of *each* set; the most selective set first.

    A stretch of the pattern with a small finite language ("sa(?:y|id)", "colou?r")
    requires one of its strings when all are worth looking for (three or more characters,
    or two that are not a common word: "if", "19"), else its literal runs worth looking for
    are required; an alternation requires one of its branches' sets; a repeat with a
    minimum of one requires its item's.  Empty when nothing is required (the regex then
    always runs), or when ``pattern`` is not a valid regular expression.
    ``all(any(s in sentence.casefold() for s in words) for words in result)`` is thus a
    cheap necessary condition that lets most sentences skip the expensive regex; it never
    changes what matches (tested).

    Raises
    ------
    UnanalysablePattern
        When the pattern uses syntax :func:`parse_regex` does not read.
    """
    nodes = _parsed(pattern)
    if nodes is None:
        return ()
    return _ordered(_requirements(list(nodes)))


def required_literals(pattern: str) -> frozenset[str] | None:
    """The most selective of :func:`required_literal_sets`, or None when there is none."""
    sets = required_literal_sets(pattern)
    return sets[0] if sets else None


def literal_branches(pattern: str) -> tuple[tuple[frozenset[str], ...], ...]:
    """:func:`required_literal_sets` of each top-level alternative of ``pattern``.

    ``"troop movements|massing of troops"`` needs ``{"troop"}`` and ``{"movement"}``, or
    ``{"massing of "}``: a finer necessary condition than one set per pattern.  Empty when
    some alternative requires nothing (the regex then always runs)."""
    parsed = _parsed(pattern)
    if parsed is None:
        return ()
    nodes = [node for node in parsed if not isinstance(node, Anchor)]
    if len(nodes) != 1 or not isinstance(nodes[0], Alternation):
        whole = _ordered(_requirements(list(parsed)))
        return (whole,) if whole else ()
    branches = []
    for branch in nodes[0].branches:
        sets = _ordered(_requirements(branch))
        if not sets:
            return ()
        branches.append(sets)
    return tuple(branches)


@lru_cache(maxsize=None)
def phrase_expansions(pattern: str, limit: int = 1024) -> tuple[tuple[str, ...], bool, bool] | None:
    """Every string a case-insensitive ``\\b…\\b`` regex can match, if that set is small.

    Returns ``(phrases, open_ended, guarded)``: lower-cased phrases that start and end with
    a letter or digit; whether the regex ends in ``\\w*\\b`` (the phrase is then a word
    prefix); whether lookarounds stand before the first or after the last ``\\b`` (then
    each match must still be checked with the regex).  None when the regex is not of
    that form: lookarounds inside, unbounded repeats elsewhere, classes like ``\\s``,
    more than ``limit`` strings, an open end with lookarounds.
    """
    parsed = _parsed(pattern)
    if parsed is None:
        return None
    nodes = list(parsed)
    first, last = 0, len(nodes)
    while first < last and isinstance(nodes[first], Look):
        first += 1
    while last > first and isinstance(nodes[last - 1], Look):
        last -= 1
    guarded = (first, last) != (0, len(nodes))
    nodes = nodes[first:last]
    boundary = Anchor("\\b")
    if len(nodes) < 3 or nodes[0] != boundary or nodes[-1] != boundary:
        return None
    body = nodes[1:-1]
    open_ended = False
    end = body[-1]
    if isinstance(end, Repeat) and end.mode == "greedy" and (end.low, end.high) == (0, None) and end.body == [CharSet((("class", "w"),))]:
        if guarded:
            return None
        open_ended, body = True, body[:-1]
    strings = _expand(body, limit)
    if not strings or any(not (s[:1].isalnum() and s[-1:].isalnum()) for s in strings):
        return None
    return tuple(sorted(strings)), open_ended, guarded


def _parsed(pattern: str) -> tuple[Node, ...] | None:
    """The parsed pattern, or None when it is no valid regular expression (the vocabulary
    reports those itself)."""
    try:
        re.compile(pattern)
    except re.error:
        return None
    return parse_regex(pattern)


def _ordered(sets: list[set[str]]) -> tuple[frozenset[str], ...]:
    unique = dict.fromkeys(frozenset(words) for words in sets)
    return tuple(sorted(unique, key=_selectivity))


def _selectivity(words: frozenset[str] | set[str]) -> tuple[int, int, tuple[str, ...]]:
    return -min(len(w) for w in words), len(words), tuple(sorted(words))


def _worth_looking_for(text: str) -> bool:
    """A string of three characters or more, or a rarer one of two ("if", "19")."""
    return len(text) >= 3 or (len(text) == 2 and text not in _TOO_COMMON and text.strip() == text)


def _requirements(nodes: list[Node]) -> list[set[str]]:
    """Runs of nodes with a small finite language require one of its strings; the other
    nodes, what :func:`_node_requirements` finds in them."""
    found: list[set[str]] = []
    group: list[Node] = []

    def close_group() -> None:
        if not group:
            return
        strings = _expand(group, _REQUIREMENT_LIMIT, skip_assertions=True)
        if strings and all(_worth_looking_for(s) for s in strings):
            found.append(strings)
        else:
            found.extend(_literal_runs(group))
        group.clear()

    for node in nodes:
        if _expand([node], _REQUIREMENT_LIMIT, skip_assertions=True) is not None:
            group.append(node)
            continue
        close_group()
        found.extend(_node_requirements(node))
    close_group()
    return found


def _node_requirements(node: Node) -> list[set[str]]:
    if isinstance(node, Group):
        return _requirements(node.body)
    if isinstance(node, Alternation):
        per_branch = [_most_selective(_requirements(branch)) for branch in node.branches]
        return [set().union(*per_branch)] if all(per_branch) else []  # type: ignore[arg-type]
    if isinstance(node, Repeat) and node.low >= 1:
        return _requirements(node.body)
    return []


def _literal_runs(nodes: list[Node]) -> list[set[str]]:
    """Requirements of a stretch too varied to expand: its literal runs and its parts'."""
    found: list[set[str]] = []
    run = ""
    for node in nodes:
        if isinstance(node, Char):
            run += node.char.casefold()
            continue
        if isinstance(node, Anchor):
            continue  # \b, ^, $ consume nothing
        if _worth_looking_for(run):
            found.append({run})
        run = ""
        found.extend(_node_requirements(node))
    if _worth_looking_for(run):
        found.append({run})
    return found


def _most_selective(sets: list[set[str]]) -> set[str] | None:
    return min(sets, key=_selectivity) if sets else None


def _expand(nodes: list[Node], limit: int, skip_assertions: bool = False) -> set[str] | None:
    """The finite language of a node sequence (lower-cased), or None if it is not small and
    finite.  With ``skip_assertions``, anchors are read as empty (the strings are then
    necessary substrings, not exact matches)."""
    results = {""}
    for node in nodes:
        if isinstance(node, Anchor) and skip_assertions:
            continue
        options = _options(node, limit, skip_assertions)
        if options is None:
            return None
        results = {a + b for a in results for b in options}
        if len(results) > limit:
            return None
    return results


def _options(node: Node, limit: int, skip_assertions: bool) -> set[str] | None:
    """The strings one node matches, if few."""
    if isinstance(node, Char):
        return {node.char.casefold()}
    if isinstance(node, CharSet):
        return _charset_options(node)
    if isinstance(node, Group):
        return None if node.flags else _expand(node.body, limit, skip_assertions)
    if isinstance(node, Alternation):
        return _alternation_options(node, limit, skip_assertions)
    if isinstance(node, Repeat):
        return _repeat_options(node, limit, skip_assertions)
    return None


def _charset_options(node: CharSet) -> set[str] | None:
    """The characters of a set that lists only single characters."""
    if node.negated or any(kind != "char" for kind, *_ in node.items):
        return None
    return {item[1].casefold() for item in node.items}


def _alternation_options(node: Alternation, limit: int, skip_assertions: bool) -> set[str] | None:
    options: set[str] = set()
    for branch in node.branches:
        part = _expand(branch, limit, skip_assertions)
        if part is None:
            return None
        options |= part
    return options


def _repeat_options(node: Repeat, limit: int, skip_assertions: bool) -> set[str] | None:
    """The strings of a greedy repeat of at most two copies (``s?``, ``x{1,2}``); any other
    repeat is not expanded."""
    if node.mode != "greedy" or node.high is None or node.high > 2:
        return None
    item = _expand(node.body, limit, skip_assertions)
    if item is None:
        return None
    options: set[str] = set()
    for count in range(node.low, node.high + 1):
        repeated = {""}
        for _ in range(count):
            repeated = {a + b for a in repeated for b in item}
        options |= repeated
    return options


__all__ = [
    "UnanalysablePattern",
    "literal_branches",
    "parse_regex",
    "phrase_expansions",
    "required_literal_sets",
    "required_literals",
]
