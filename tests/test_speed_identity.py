"""The shortcuts of the event stage's speed work find what the plain scans find: each
test compares a shortcut with the plain code it replaces, on the corpus sentences of
``test_lexicon`` (seeds, devset articles, synthetic articles) and on hard cases."""

from datetime import date

from test_lexicon import DEVSET_ARTICLES, _corpus_sentences

from geomap.corpus import read_corpus
from geomap.text import split_sentences

# characters that match a letter under re.IGNORECASE without folding to it ("İ", "ı"),
# upper case, and words glued to others
HARD_SENTENCES = [
    "They met on Frİday.",
    "The talks of 3 Aprİl were held in Dushanbe.",
    "They met on FRIDAY 9 APRIL and again on Frıday.",
    "In Fırst week of May 2020 and ın 2019 the guards left; over the weekend of İndependence Day.",
    "LAST WEEK, YESTERDAY and TWO DAYS AGO; since early 2023, in the 1990s, between 2001 and 2004.",
    "Sundays-2021-07-29, 31.05.2022, 21AUG22, tomorrowmorning, Mayday, lastnight, springs of 2021.",
    "KILLED 12 SOLDIERS; 40 KG OF HEROİN; three border guards were kılled and 5 wounded.",
]


def _sentences() -> list[str]:
    sentences = _corpus_sentences() + HARD_SENTENCES
    for article in read_corpus([DEVSET_ARTICLES]):
        sentences += [article.text[a:b] for a, b in split_sentences(article.text, article.body_start)]
    return sentences + [s.upper() for s in sentences[:300]]


def test_date_patterns_left_out_for_missing_words_cannot_match():
    """A date pattern is not tried on a sentence that lacks a word every match of it
    contains: no pattern left out has a match, and the dates found equal a scan of
    every pattern at every character."""
    from geomap.events import dates

    sentences = _sentences()
    assert len(sentences) > 3000
    reference = date(2021, 7, 29)
    left_out = 0
    for sentence in sentences:
        tried = {kind for kind, _, _ in dates._tried(sentence)}
        for kind, pattern in dates.PATTERNS:
            if kind not in tried:
                left_out += 1
                assert pattern.search(sentence) is None, (kind, sentence)
        assert dates.extract_date(sentence, reference) == _first_date_by_full_scan(sentence, reference), sentence
    assert left_out > len(sentences)  # the shortcut is taken


def _first_date_by_full_scan(sentence, reference):
    from geomap.events import dates

    best = None
    for kind, pattern in dates.PATTERNS:
        for match in pattern.finditer(sentence):
            if best is not None and match.start() >= best[0]:
                break
            ahead = False
            found = dates._normalise(kind, match, reference, ahead)
            if found is not None:
                best = (match.start(), found)
                break
    return best[1] if best else None


def test_units_left_out_for_missing_words_change_no_count(resources):
    """The unit a number counts is the first whose pattern matches after it, whichever
    units the tail's words leave in the alternation."""
    from geomap.events import quantities

    units = resources.lexicon.units
    tails = []
    for sentence in _sentences():
        for match in quantities.QUANTITY_RE.finditer(sentence):
            tails.append(match.group("tail").lstrip())
    tails += [t.upper() for t in tails[:500]] + ["soldİers were killed", "3 kılled", "troops were kİlled", "kg of heroİn"]
    assert len(tails) > 2500
    found = 0
    for tail in tails:
        expected = next((u for u in units if u.pattern.match(tail)), None)
        assert quantities._first_unit(units, tail) is expected, tail
        found += expected is not None
    assert found > 500


def plain_candidates(lexicon, table: str, present) -> list[int]:
    """``Lexicon.candidates`` as a check of every entry, in the order it gives them (the
    reference the speed-ups are compared with, here and in the later identity tests)."""
    from geomap.events.lexicon import some_branch_present

    entries = getattr(lexicon, table)
    order = range(len(entries))
    if table == "modality_cues":
        order = sorted(order, key=lambda i: (-entries[i].weight, i))
    found = []
    for i in order:
        entry = entries[i]
        if getattr(entry, "pattern", None) is None or (entry.literals is not None and entry.literals.isdisjoint(present)):
            continue
        branches = getattr(entry, "branches", ())
        if len(branches) > 1 or any(len(sets) > 1 for sets in branches):
            if not some_branch_present(branches, present):
                continue
        elif getattr(entry, "also_required", ()) and not some_branch_present((entry.also_required,), present):
            continue
        found.append(i)
    return found


def test_candidates_are_the_entries_whose_literals_are_present(resources):
    """``Lexicon.candidates`` (bit sets of the words an entry needs, looked up for the words
    present that some entry of the table needs) equals a check of every entry."""
    lexicon = resources.lexicon

    def plain(table, present):
        return plain_candidates(lexicon, table, present)

    checked = 0
    for sentence in _sentences()[::3]:
        present = lexicon.literals_in(sentence)
        for table in ("triggers", "modality_cues", "actors"):
            assert lexicon.candidates(table, present) == plain(table, present), (table, sentence)
            assert lexicon.candidates(table, list(present)) == plain(table, present)
            checked += bool(present)
    assert checked > 1000


def test_phrase_characters_equal_the_translation():
    import random

    from geomap.events.lexicon import _PHRASE_CHARACTERS, _phrase_characters

    rng = random.Random(7)
    texts = _sentences() + ["".join(rng.choice("ab \t\n\r\f\v\u00a0\u2019'x") for _ in range(rng.randint(0, 30))) for _ in range(5000)]
    for text in texts:
        assert _phrase_characters(text) == text.translate(_PHRASE_CHARACTERS), text
