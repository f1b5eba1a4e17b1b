"""The vocabulary tables compile, and the literal prefilter never changes a result."""

import dataclasses
import re

from geomap.corpus import read_corpus
from geomap.events import actors as actor_reading
from geomap.events import reading
from geomap.events.lexicon import required_literal_sets, required_literals
from geomap.text import split_sentences

from conftest import ROOT, SEEDS

DEVSET_ARTICLES = ROOT / "data" / "devset" / "articles"

EXTRA_SENTENCES = [
    "Tajik border guards detained three smugglers carrying 40 kg of heroin near Ishkashim.",
    "The Taliban seized the district centre after heavy fighting overnight.",
    "Uzbek and Afghan officials signed an agreement on the Termez-Hairatan bridge.",
    "Kyrgyz troops were placed on high alert as the border was closed.",
    "Colour-coded manoeuvres? Servicemen of the 201st base test-fired S-300 systems.",
]


def test_required_literals():
    assert required_literals(r"\b(?:sent|sends)\s+troops?\b") == frozenset({"troop", "troops"})
    assert required_literal_sets(r"\b(?:sent|sends)\s+troops?\b") == (frozenset({"troop", "troops"}), frozenset({"sent", "sends"}))
    assert required_literals(r"\bcolou?r\b") == frozenset({"color", "colour"})
    assert required_literals(r"\d+|\bwar\b") is None  # an alternative without letters: no prefilter
    assert required_literals(r"Defen[cs]e") == frozenset({"defence", "defense"})
    assert required_literals(r"\b(?:sa(?:y|id)|told)\b") == frozenset({"say", "said", "told"})
    assert required_literals(r"\b(?:is|are)\s+to\b") is None  # every word too short to look for
    assert required_literals(r"\b\w+['’]ll\b") == frozenset({"'ll", "’ll"})
    assert required_literals(r"\b(?:said|says|told)\b") == frozenset({"said", "says", "told"})
    # a stretch with too many spellings falls back to its literal runs
    assert required_literals(r"\b(?:a|b|c|d|e|f|g|h)(?:a|b|c|d|e|f|g|h)(?:a|b|c|d|e|f|g|h)xyz") == frozenset({"xyz"})


def test_literal_branches():
    from geomap.events.lexicon import literal_branches

    # each top-level alternative keeps its own conjunction of required sets
    assert literal_branches(r"\b(?:troop|force)\s+movements?\b|\bmassing of troops\b") == (
        (frozenset({"movement", "movements"}), frozenset({"troop", "force"})),
        (frozenset({"massing of troops"}),),
    )
    assert literal_branches(r"\bsent\s+troops\b") == ((frozenset({"troops"}), frozenset({"sent"})),)
    assert literal_branches(r"\bwar\b|\d+") == ()  # an alternative that needs no word: no prefilter


def test_prefilter_gives_the_same_answers(resources):
    lexicon = resources.lexicon
    unfiltered = dataclasses.replace(
        lexicon,
        triggers=[
            dataclasses.replace(t, literals=None, also_required=(), branches=(), requires_literals=(), excludes_literals=())
            for t in lexicon.triggers
        ],
        modality_cues=[dataclasses.replace(c, literals=None, also_required=(), branches=()) for c in lexicon.modality_cues],
        actors=[dataclasses.replace(a, literals=None) for a in lexicon.actors],
    )
    sentences = list(EXTRA_SENTENCES)
    for article in read_corpus([SEEDS, DEVSET_ARTICLES]):
        sentences += [article.text[a:b] for a, b in split_sentences(article.text, article.body_start)]
    assert len(sentences) > 100
    for sentence in sentences:
        assert reading.trigger_hits(sentence, lexicon) == reading.trigger_hits(sentence, unfiltered), sentence
        anywhere = reading.TriggerHit("x", "", 1.0, 0)
        assert reading.cue_modality(sentence, lexicon, anywhere) == reading.cue_modality(sentence, unfiltered, anywhere), sentence
        assert actor_reading.sentence_actors(sentence, lexicon) == actor_reading.sentence_actors(sentence, unfiltered), sentence


def test_every_table_regex_compiles(resources):
    assert resources.lexicon.problems == []
    assert len(resources.lexicon.triggers) > 50 and len(resources.lexicon.actors) > 30
    for trigger in resources.lexicon.triggers:
        assert isinstance(trigger.pattern.compiled(), re.Pattern)  # compiled on first use


def test_phrase_expansions():
    from geomap.events.lexicon import phrase_expansions

    assert phrase_expansions(r"\bU\.?S\.? military\b") == (("u.s military", "u.s. military", "us military", "us. military"), False, False)
    assert phrase_expansions(r"\bmotori[sz]ed rifle\w*\b") == (("motorised rifle", "motorized rifle"), True, False)
    assert phrase_expansions(r"\bRussian?\b(?<!\bin Russia)(?!\s+border)") == (("russia", "russian"), False, True)
    assert phrase_expansions(r"\bborder (?:troops)?\b") is None  # could end in a space: left to the regex
    assert phrase_expansions(r"\b(?:sent|sends)\s+troops\b") is None  # \s+ is unbounded
    assert phrase_expansions(r"Russia(?=n)") is None
    assert phrase_expansions(r"\bRus(?=s)sia\b") is None  # a lookaround inside the phrase
    assert phrase_expansions(r"\b[a-z]{2}\b") is None  # a range is not a small literal set


def test_actor_phrases_find_what_the_regexes_find(resources):
    """Regex aliases turned into phrases: the same actors, spans and recipients as the regexes."""
    lexicon = resources.lexicon
    import csv

    from geomap.events.lexicon import _split_aliases

    rows = {row["id"]: row for row in csv.DictReader(open(lexicon_path(resources), encoding="utf-8"))}
    regex_only = []
    for actor in lexicon.actors:
        aliases = _split_aliases(rows[actor.id]["aliases"])
        parts = [a[3:] for a in aliases if a.startswith("re:")]
        parts += [r"\b" + re.escape(a).replace(r"\ ", r"\s+") + r"\b" for a in aliases if not a.startswith("re:")]
        regex_only.append(dataclasses.replace(
            actor, pattern=re.compile("|".join(f"(?:{p})" for p in parts), re.I), phrases=(), open_phrases=(), guarded_phrases=(), literals=None
        ))
    reference = dataclasses.replace(lexicon, actors=regex_only)
    sentences = list(EXTRA_SENTENCES) + [
        "Russian motorised riflemen and U.S. military advisers met Kyrgyzstan's defence minister.",
        "The Russia's troops and Uzbek border guards patrolled; RUSSIAN FORCES withdrew.",
        "Afghanistan and Tajikistan signed a deal; the situation in Afghanistan and the Tajikistan-Afghanistan border.",
        "Russia sent weapons to Tajikistan, 20 km from the border with Afghanistan, near Afghanistan's border.",
    ]
    for article in read_corpus([SEEDS]):
        sentences += [article.text[a:b] for a, b in split_sentences(article.text, article.body_start)]
    for sentence in sentences:
        found = actor_reading.sentence_actors(sentence, lexicon)
        expected = actor_reading.sentence_actors(sentence, reference)
        assert (found.names, found.countries, found.recipients) == (expected.names, expected.countries, expected.recipients), sentence
        # the regex takes the first alternative that matches, the phrases the longest
        for start, end in expected.spans:
            assert any(a == start and b >= end for a, b in found.spans), (sentence, start, end, found.spans)


def lexicon_path(resources):
    return resources.settings.path(resources.settings.actors)


def _corpus_sentences() -> list[str]:
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from corpus import make_corpus

    sentences = list(EXTRA_SENTENCES) + [
        "About 1,200 troops, some twelve tanks, over 30 to 40 BTRs and hundreds of refugees; 2,30,000 rupees.",
        "Through April 18 and until 18 April, from 2021-07-29 to next week; on Friday, last night, in early May 2021.",
        "Ten  days later, ſome 5 units left; nearly a dozen arrived on 3rd of March.",
    ]
    for article in read_corpus([SEEDS]):
        sentences += [article.text[a:b] for a, b in split_sentences(article.text, article.body_start)]
    for record in make_corpus(40, seed=7):
        sentences += [record["text"][a:b] for a, b in split_sentences(record["text"])]
    return sentences


def test_start_word_scans_equal_the_plain_regex_scans():
    """Quantities and dates try their regexes only where a match can begin: same matches
    as scanning every character."""
    from datetime import date

    from geomap.events import dates, quantities

    sentences = _corpus_sentences()
    assert len(sentences) > 1000
    for sentence in sentences:
        expected = [m.span() for m in quantities.QUANTITY_RE.finditer(sentence)]
        assert [m.span() for m in quantities._matches(sentence)] == expected, sentence
        starts = dates._candidate_starts(sentence)
        for kind, pattern in dates.PATTERNS:
            expected = [m.span() for m in pattern.finditer(sentence)]
            assert [m.span() for m in dates._matches_at(pattern, sentence, starts[kind])] == expected, (kind, sentence)
        assert dates.extract_date(sentence, date(2021, 7, 29)) == _first_date_by_full_scan(sentence, date(2021, 7, 29))


def _first_date_by_full_scan(sentence, reference):
    from geomap.events import dates

    best = None
    for kind, pattern in dates.PATTERNS:
        for match in pattern.finditer(sentence):
            found = dates._normalise(kind, match, reference, False)
            if found is not None and (best is None or match.start() < best[0]):
                best = (match.start(), found)
                break
    return best[1] if best else None


def test_every_class_has_its_own_glyph_and_says_whether_a_demonym_places_it(resources):
    classes = resources.lexicon.classes
    glyphs = [c.glyph for c in classes.values()]
    assert all(len(g) == 1 for g in glyphs) and len(set(glyphs)) == len(glyphs)
    assert not classes["attack"].demonym_locates and classes["military_exercise"].demonym_locates


def test_rare_two_letter_words_and_years_are_looked_for():
    assert required_literals(r"\bif\b|\bunless\b") == frozenset({"if", "unless"})
    assert required_literals(r"\bin\s+1[89]\d\d\b") == frozenset({"18", "19"})
    assert required_literals(r"\bon\s+it\b") is None  # common words tell nothing


def test_date_patterns_begin_at_a_word():
    """Date matches are tried only at word starts: every pattern must begin with \\b and a word."""
    from geomap.events.dates import PATTERNS, date_mentions

    for kind, pattern in PATTERNS:
        assert pattern.pattern.startswith(r"\b"), kind
    assert date_mentions("within training, on 12 March 2021", None)[0].date.start.isoformat() == "2021-03-12"


def test_number_words_inside_words_are_no_counts(resources):
    from geomap.events.quantities import extract_quantities

    units = resources.lexicon.units
    assert extract_quantities("The military denied that anyone was killed.", units) == []
    assert extract_quantities("A drone equipped with grenades struck the post.", units) == []
    assert [q.best for q in extract_quantities("None were hurt, but one soldier was killed.", units)] == [1]
