"""Byte-identical speed-ups of the third speed session (branch ``spd3``): each test runs the
plain code a shortcut replaced against the shortcut, on the corpus sentences of
``test_speed_identity`` (seeds, devset articles, synthetic articles, hard cases)."""

import random

from test_speed_identity import _sentences, plain_candidates

from geomap.events.lexicon import load_lexicon
from geomap.text import casefold_same_length


def _plain_literals(lexicon, sentence: str) -> set[str]:
    return {word for _, word in lexicon._literal_matcher.iter(casefold_same_length(sentence))}


def test_candidates_equal_the_plain_choice_on_corpus_and_random_word_sets():
    """The candidates of a table (bit sets of the words present) equal the plain choice over
    every entry, on the literals of every corpus sentence and on random word sets.  (A memo of
    the answer by the words present was tried and left out: on one pass over new articles it
    cost more than it saved.)"""
    lexicon = load_lexicon()
    sentences = _sentences()
    words = sorted({w for e in (*lexicon.triggers, *lexicon.modality_cues, *lexicon.actors) for w in (e.literals or ())})
    rng = random.Random(7)
    sets = [lexicon.literals_in(s) for s in sentences] + [set(rng.sample(words, rng.randint(0, 12))) for _ in range(2000)]
    assert sum(map(bool, sets)) > 3000
    for table in ("triggers", "modality_cues", "actors"):
        for _ in range(2):
            for present in sets:
                assert lexicon.candidates(table, present) == plain_candidates(lexicon, table, present)


def test_literals_by_one_map_equal_the_set_comprehension():
    lexicon = load_lexicon()
    for sentence in _sentences():
        assert lexicon.literals_in(sentence) == _plain_literals(lexicon, sentence)


def test_date_patterns_remembered_by_the_words_present_equal_the_plain_choice():
    """The date patterns tried on a sentence, remembered by the bits of needed words it
    holds, are those the plain test of every pattern chooses, in ``PATTERNS`` order."""
    from geomap.events import dates

    for sentence in _sentences():
        tried = [(kind, pattern) for kind, pattern, _ in dates._tried(sentence)]
        lowered = casefold_same_length(sentence)
        _, present = dates._scan(lowered)
        if any(c in sentence for c in dates._FOLD_OUTLIERS):
            present = -1
        needs = dates._scanner[1]
        assert tried == [(kind, pattern) for kind, pattern in dates.PATTERNS if needs[kind] & present == needs[kind]], sentence


def test_leftmost_longest_of_one_hit_or_none_is_a_copy():
    from geomap.events.actors import _leftmost_longest

    assert _leftmost_longest([]) == []
    one = [(3, 9, "Taliban", "AFG")]
    assert _leftmost_longest(one) == one and _leftmost_longest(one) is not one


def test_border_metrics_copy_equals_dataclasses_replace(resources):
    """The events with their border metrics, copied field by field, equal ``replace``."""
    from dataclasses import fields, replace

    from test_lexicon import DEVSET_ARTICLES

    from geomap.corpus import read_corpus
    from geomap.events import extract
    from geomap.pipeline import _with_border_metrics, find_places, measured_events

    checked = 0
    for article in list(read_corpus([DEVSET_ARTICLES]))[:40]:
        found = find_places(article, resources)
        events = extract.extract_events(article, found.toponyms, resources.lexicon, resources.border_zones, found.organisations).events
        for old, new in zip(events, measured_events(events, resources), strict=True):
            if new is old:
                continue
            plain = replace(old, borders=new.borders, border=new.border)
            assert type(new) is type(plain) and all(getattr(new, f.name) is getattr(plain, f.name) for f in fields(plain))
            assert _with_border_metrics(old, new.borders, new.border) == plain
            checked += 1
    assert checked > 50


# ``geomap.text._SENTENCE_END`` as first written: one alternative after another
_SENTENCE_END_PLAIN = (
    r"[.!?…]+[\"'”’)\]]*(?=\s+|$)|\n\s*\n|\n(?=\s*[A-Z\"“‘•\-–—(\d])"
    r"|(?<=[a-z]{3})\.(?=(?-i:[A-Z][a-z]{2,})\b)"
)


def test_sentence_ends_with_their_first_character_taken_first_are_the_plain_ones():
    """The sentence-end regex that takes the first character of every alternative first
    (so the regex engine skips to those characters) finds the same spans as the plain one,
    on every corpus article and on texts built to hit each alternative at its edges."""
    import re

    from test_lexicon import DEVSET_ARTICLES

    from geomap.corpus import read_corpus
    from geomap.text import _SENTENCE_END

    plain = re.compile(_SENTENCE_END_PLAIN)
    texts = [a.text for a in read_corpus([DEVSET_ARTICLES])] + _sentences()
    rng = random.Random(11)
    pieces = ["abc", "Abc", "Kabul", ".", "..", "!", "?", "…", "\n", "\n\n", " ", "\t", '"', "”", "’", ")", "]", "(", "•", "–", "7", "U.S", "Dozens", "x"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 30))) for _ in range(20000)]
    for text in texts:
        for start in (0, 1, 5):
            assert [m.span() for m in _SENTENCE_END.finditer(text, start)] == [m.span() for m in plain.finditer(text, start)], text


def test_number_with_unit_prefilter_answers_as_the_plain_regex():
    """The claims' prefilter, with the number's first digit taken first, finds a number with
    a length unit exactly where ``{_NUMBER}[\\s-]*{_UNIT}`` does (whole texts and windows)."""
    import re

    from test_lexicon import DEVSET_ARTICLES

    from geomap import claims
    from geomap.corpus import read_corpus

    plain = re.compile(rf"{claims._NUMBER}[\s-]*{claims._UNIT}", re.I)
    texts = [a.text for a in read_corpus([DEVSET_ARTICLES])] + _sentences()
    rng = random.Random(5)
    pieces = ["1", "12", "345", "1,344", "2,50,000", ".", ",", "-", " ", "  ", "km", "KM", "kms", "Kilometres", "kilometer", "mile", "miles",
              "mi", "m", "meters", "Metre", "x", "a", "border", "\u212a", "\u0661", "0.5", "12.7"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) for _ in range(30000)]
    found = 0
    for text in texts:
        for start, end in ((0, len(text)), (1, len(text)), (0, max(0, len(text) - 1)), (2, max(2, len(text) // 2))):
            expected = plain.search(text, start, end)
            got = claims._NUMBER_WITH_UNIT.search(text, start, end)
            assert (got is None) == (expected is None), (text, start, end)
            assert got is None or got.span() == expected.span(), (text, start, end)
            found += expected is not None
    assert found > 5000
