"""The words the vocabulary's prefilter requires are read from each regex by geomap's own
parser (no private module of the standard library), and are the ones it has always used."""

import hashlib
import json
import re

import pytest
from conftest import ROOT

from geomap.config import Settings
from geomap.events.lexicon import compile_lexicon
from geomap.events.regex_literals import (
    Alternation,
    Anchor,
    Char,
    CharSet,
    Repeat,
    UnanalysablePattern,
    literal_branches,
    parse_regex,
    phrase_expansions,
    required_literal_sets,
)

# every regex of the shipped tables (triggers, their requires and excludes, modality cues,
# actors' re: aliases) and the examples of test_lexicon.py → a digest of what the analysis
# gave for it when the prefilters were tuned
FROZEN = ROOT / "tests" / "data" / "lexicon_literals.json"


def _answer(pattern: str) -> dict:
    def sets(found):
        return [sorted(words) for words in found]

    expanded = phrase_expansions(pattern)
    return {
        "literal_branches": [sets(branch) for branch in literal_branches(pattern)],
        "required_literal_sets": sets(required_literal_sets(pattern)),
        "phrase_expansions": None if expanded is None else [list(expanded[0]), expanded[1], expanded[2]],
    }


def _digest(answer: dict) -> str:
    canonical = json.dumps(answer, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def test_the_required_words_of_every_frozen_pattern_are_unchanged():
    frozen = json.loads(FROZEN.read_text(encoding="utf-8"))
    assert len(frozen) > 2000
    changed = {pattern: _answer(pattern) for pattern, digest in frozen.items() if _digest(_answer(pattern)) != digest}
    assert not changed


def test_the_tree_has_the_shape_of_the_standard_parser():
    # a prefix common to every alternative is moved out; single characters become a class
    nodes = parse_regex(r"\bwar|\bwarfare")
    assert nodes[:4] == (Anchor("\\b"), Char("w"), Char("a"), Char("r"))
    assert isinstance(nodes[4], Alternation) and nodes[4].branches == [[], [Char(c) for c in "fare"]]
    assert parse_regex(r"(?:a|b|[cd])") == (CharSet((("char", "a"), ("char", "b"), ("char", "c"), ("char", "d"))),)
    # non-capturing groups are spliced into their sequence; a repeated one is the repeat's body
    assert parse_regex(r"x(?:yz)") == (Char("x"), Char("y"), Char("z"))
    (repeat,) = parse_regex(r"(?:yz)?")
    assert isinstance(repeat, Repeat) and (repeat.low, repeat.high, repeat.body) == (0, 1, [Char("y"), Char("z")])
    assert parse_regex(r"[\s]") == parse_regex(r"\s") == (CharSet((("class", "s"),)),)
    assert parse_regex(r"[a]\x41\u00e9\N{EM DASH}\101\0") == tuple(Char(c) for c in "aAé—A\0")


def test_words_are_read_through_escapes_classes_and_scoped_flags():
    assert required_literal_sets(r"\bU\.S\.\s+troops\b") == (frozenset({"troops"}), frozenset({"u.s."}))
    assert required_literal_sets(r"(?-i:March)\s+\d+") == (frozenset({"march"}),)
    assert literal_branches(r"\bwar\b|\bbattle\b") == ((frozenset({"war"}),), (frozenset({"battle"}),))
    assert required_literal_sets("[unclosed") == ()  # not a regex: no prefilter (the tables report it)


@pytest.mark.parametrize(
    ("pattern", "construct"),
    [(r"(\w+) \1", "a backreference"), (r"(?P<x>a)(?P=x)", "a named backreference"), (r"(a)?(?(1)b|c)", "the group (?("), (r"(?x) a b", "verbose mode")],
)
def test_syntax_outside_the_subset_is_named_with_its_position(pattern, construct):
    with pytest.raises(UnanalysablePattern, match=rf"cannot analyse {re.escape(construct)} at position \d+ of the regular expression"):
        required_literal_sets(pattern)


def test_the_tables_name_the_file_line_and_column_of_a_pattern_they_cannot_analyse(tmp_path):
    triggers = tmp_path / "event_triggers.csv"
    shipped = (ROOT / "data" / "lexicon" / "event_triggers.csv").read_text(encoding="utf-8")
    triggers.write_text(shipped.rstrip("\n") + "\n" + r'armed_clash,"\b(clash)\w* of \1",0.5,,,,,' + "\n", encoding="utf-8")
    lexicon = compile_lexicon(Settings(event_triggers=str(triggers), cache_dir=tmp_path / "cache"))
    line = shipped.rstrip("\n").count("\n") + 2
    assert [p for p in lexicon.problems if "cannot analyse" in p] == [
        f"{triggers}:{line} (pattern): cannot analyse a backreference at position 16 of the regular expression "
        + repr(r"\b(clash)\w* of \1")
        + "; no prefilter, the rule runs on every sentence"
    ]
    added = lexicon.triggers[-1]
    assert added.pattern.pattern == r"\b(clash)\w* of \1" and added.branches == () and added.literals is None  # kept, runs on every sentence
