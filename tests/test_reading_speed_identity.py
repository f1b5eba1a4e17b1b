"""The shortcuts of the speed work on ``geomap.events.reading`` find what the plain code
finds: each test compares a shortcut with a copy of the code it replaces, on the corpus
sentences of ``test_speed_identity`` and on hard cases (letters that ``re.I`` folds oddly)."""

import re

from test_speed_identity import _sentences

# the clause-break regexes as they were before the speed work
_PLAIN_MARK_BREAK_SOURCE = (
    r"[;:()\u201c\u201d\"]|\s[-\u2013\u2014]\s"
    r"|,\s*(?=(?:but|while|whereas|although|though|which|who|whom|whose|where|after|before|since|because|as|when|until|amid|saying|adding|according|despite)\b)"
    r"|\s(?=(?:after|before|since|because|while|when|until|amid|although|though|whereas|despite)\s)"
    r"|\s(?<!\bsuch\s)(?<!\bwell\s)(?<!\bknown\s)(?<!\bsame\s)(?<!\bso\s)(?<!\bjust\s)(?<!\bseen\s)(?<!\bregarded\s)(?<!\bdescribed\s)"
    r"(?=as\s+(?:[\w'’-]+\s+){1,4}?(?:(?:is|are|was|were|has|have|had)\s|(?-i:[a-z]+(?:ed|es)\s)"
    r"|(?:began|fled|fell|took|seized|launched|withdrew|withdraw|swept|rose|left|came|went|grew|saw|extends?)\s))"
    r"|,\s+and\s+|\s+and\s+(?=that\b)|\s(?=(?:who|whom|whose|which|where)\s)"
)
_PLAIN_SPEECH_BREAK_SOURCE = (
    r"\b(?:said|says|say|told|tells|announced|stated|reported|reports|warned|claimed|claims|added|noted|confirmed|hopes?|hoped|believes?|believed|fears?|feared)\s+(?:that\s+)?"
    r"|\b(?:promised|pledged|vowed|assured|insisted|stressed|emphasi[sz]ed)\s+(?:\w+\s+)?that\s+"
)
_PLAIN_CLAUSE_BREAK = re.compile(f"{_PLAIN_MARK_BREAK_SOURCE}|{_PLAIN_SPEECH_BREAK_SOURCE}", re.I)
_PLAIN_SPEECH_BREAK = re.compile(_PLAIN_SPEECH_BREAK_SOURCE, re.I)

HARD_CLAUSE_SENTENCES = [
    "The minister ſaid that the guards left as the Taliban launched an assault.",
    "He SAİD the troops would leave; officials cLAİMED it, and the army ſtressed that all was calm.",
    "They were ıNSISTED that, as well as known as, such as the area as it is was reported.",
    "He tolḍ reporters: the blast — which killed two — happened as villagers fled, he tells.",
    "Officials \u212along said nothing as of Monday, as well as the guards as fighting raged.",
    "said that", "ſays  that ", "SAYS\tthat\n", "as ", " as it was ", "",
]


def _clause_sentences() -> list[str]:
    sentences = _sentences() + HARD_CLAUSE_SENTENCES
    # every sentence again with its "s" and "i" as the letters re.I folds to them
    folded = [s.replace("s", "\u017f").replace("i", "\u0131") for s in sentences[::7]]
    return sentences + folded + [s.replace("S", "\u017f").replace("I", "\u0130") for s in sentences[::11]]


def test_clause_break_spans_equal_the_plain_alternation():
    from geomap.events.reading import _CLAUSE_BREAK, _clause_break_spans

    sentences = _clause_sentences()
    assert len(sentences) > 3000
    for sentence in sentences:
        plain = tuple(m.span() for m in _PLAIN_CLAUSE_BREAK.finditer(sentence))
        assert _clause_break_spans(sentence) == plain, sentence
        assert tuple(m.span() for m in _CLAUSE_BREAK.finditer(sentence)) == plain, sentence


def test_speech_prefilter_lets_through_every_sentence_with_a_speech_break():
    from geomap.events.reading import _may_have_speech

    for sentence in _clause_sentences():
        if _PLAIN_SPEECH_BREAK.search(sentence) is not None:
            assert _may_have_speech(sentence), sentence


def test_mark_breaks_equal_the_plain_marks():
    from geomap.events.reading import _MARK_BREAK

    plain = re.compile(_PLAIN_MARK_BREAK_SOURCE, re.I)
    for sentence in _clause_sentences():
        assert [m.span() for m in _MARK_BREAK.finditer(sentence)] == [m.span() for m in plain.finditer(sentence)], sentence
