"""Tokens, name normalisation and sentence splitting.

Two levels of normalisation make spelling variants meet:

* :func:`normalise_token` — transliterate to ASCII (Cyrillic, diacritics), lower-case.
* :func:`fold_token` — collapse transliteration variants common in Central Asian names
  (kh/h, gh/g, q/k, w/v, dzh/j, y/i, oo/u, Tajik ``o`` vs Persian ``a`` as in
  Maidon/Maidan or Kulob/Kulab, e/i as in Mazar-e/-i, doubled letters).

The matcher works on folded keys so that "Kharb-Maidon", "Harb Maydan" and
"Harbmaidon" meet; the resolver still prefers candidates whose *normalised* form is
exact, so folding widens recall without deciding anything on its own.
"""

from __future__ import annotations

import itertools
import operator
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import cast

from anyascii import anyascii

TOKEN_RE = re.compile(r"[^\W_]+", re.UNICODE)

# Whole-token substitutions applied before letter folding.
TOKEN_ALIASES = {
    "st": "saint",
    "ste": "sainte",
    "sankt": "saint",
    "mt": "mount",
    "bunder": "bandar",
    "bender": "bandar",
}

_FOLD_RULES = [
    ("dzh", "j"),
    ("zh", "j"),
    ("kh", "h"),
    ("gh", "g"),
    ("q", "k"),
    ("w", "v"),
    ("ck", "k"),
    ("oo", "u"),
    ("ou", "u"),
    ("ee", "i"),
    ("y", "i"),
    ("e", "i"),
    ("o", "a"),
]
_DOUBLE_RE = re.compile(r"(.)\1+")


@lru_cache(maxsize=200_000)
def normalise_token(token: str) -> str:
    """ASCII-transliterate and lower-case one token (``"Душанбе"`` → ``"dushanbe"``)."""
    if token.isascii():
        return token.lower()
    # anyascii writes Cyrillic "ё" as "e"; Russian and Tajik names write it "yo" ("Поён" → Poyon)
    token = token.replace("ё", "yo").replace("Ё", "Yo")
    return re.sub(r"[^a-z0-9]", "", anyascii(token).lower())


@lru_cache(maxsize=200_000)
def fold_token(token: str) -> str:
    """Fold a normalised token so that common transliteration variants coincide."""
    token = TOKEN_ALIASES.get(token, token)
    for old, new in _FOLD_RULES:
        if old in token:
            token = token.replace(old, new)
    return _DOUBLE_RE.sub(r"\1", token)


def casefold_same_length(text: str) -> str:
    """Case-fold without changing offsets, as ``re.IGNORECASE`` compares characters
    ("ſ" and "s" meet); the few characters that fold to two ("ß") are left as they are."""
    folded = text.casefold()
    if len(folded) == len(text):
        return folded
    return "".join(c.casefold() if len(c.casefold()) == 1 else c for c in text)


def normalise_name(name: str) -> str:
    """Normalised key of a whole name: tokens joined by single spaces."""
    return " ".join(n for n in (normalise_token(t) for t in TOKEN_RE.findall(name)) if n)


def fold_name(name: str) -> str:
    """Folded key of a whole name (see :func:`fold_token`)."""
    return " ".join(fold_token(n) for n in normalise_name(name).split())


@dataclass(slots=True)
class TokenisedText:
    """Word tokens of a text with their offsets and normalised forms."""

    starts: list[int]
    ends: list[int]
    normal: list[str]
    capitalised: list[int] = field(default_factory=list)  # indices of tokens starting with a capital or a digit

    def folded(self, first: int, last: int) -> str:
        """Folded key of tokens ``first`` to ``last - 1`` (see :func:`fold_token`)."""
        return " ".join(map(fold_token, self.normal[first:last]))


# raw token → (normal form, starts with a capital or a digit); a plain dict is the fastest cache
_TOKEN_FORMS: dict[str, tuple[str, bool]] = {}
_TOKEN_FORMS_LIMIT = 500_000


def _token_forms(token: str) -> tuple[str, bool]:
    if len(_TOKEN_FORMS) > _TOKEN_FORMS_LIMIT:
        _TOKEN_FORMS.clear()
    forms = _TOKEN_FORMS[token] = (normalise_token(token), token[0].isupper() or token[0].isdigit())
    return forms


def tokenise(text: str, start: int = 0) -> TokenisedText:
    """Split ``text[start:]`` into word tokens with their offsets (into ``text``) and
    normalised forms.  Tokens whose normal form is empty are dropped.

    Every step is a C-level ``map`` over the whole article (a Python loop per token
    cost as much as the rest of recognition); only tokens never seen before are
    normalised one by one.
    """
    ascii_text = text.isascii()  # then the ASCII pattern splits alike, a third faster
    parts = (_ASCII_TOKEN_SPLIT if ascii_text else _TOKEN_SPLIT).split(text[start:] if start else text)  # separator, token, …
    offsets = list(itertools.accumulate(map(len, parts), initial=start))
    raws, starts, ends = parts[1::2], offsets[1:-1:2], offsets[2::2]
    if ascii_text or "".join(raws).isascii():
        # most articles' words are ASCII (their other characters are quotes and dashes): a
        # token's normal form is then its lower case, never empty, and it starts with a
        # capital or a digit exactly when it sorts before "a"
        return TokenisedText(starts, ends, list(map(str.lower, raws)), list(itertools.compress(itertools.count(), map("a".__gt__, raws))))
    known = list(map(_TOKEN_FORMS.get, raws))
    forms = [f or _token_forms(r) for f, r in zip(known, raws)] if None in known else cast("list[tuple[str, bool]]", known)
    normal = list(map(_FIRST, forms))
    if "" in normal:  # a token with no letters left after transliteration ("ⅷ")
        kept = [i for i, n in enumerate(normal) if n]
        forms, starts, ends = [forms[i] for i in kept], [starts[i] for i in kept], [ends[i] for i in kept]
        normal = list(map(_FIRST, forms))
    return TokenisedText(
        starts=starts,
        ends=ends,
        normal=normal,
        capitalised=list(itertools.compress(itertools.count(), map(_SECOND, forms))),
    )


_TOKEN_SPLIT = re.compile(f"({TOKEN_RE.pattern})")
_ASCII_TOKEN_SPLIT = re.compile("([A-Za-z0-9]+)")  # TOKEN_RE on ASCII text: its letters and digits
_FIRST, _SECOND = operator.itemgetter(0), operator.itemgetter(1)


# "the Tajikistan-Afghanistan border", "Afghanistan's northern border", "the border with Afghanistan"
_BORDER_AFTER = re.compile(
    r"(?:\s*[-–]\s*[\w]+)?(?:['’]s)?\s+(?:[\w-]+\s+)?(?:border|frontier)s?\b"
    # "Tajik border guards", "the Afghan border police": a side's forces and posts, not a border's name
    r"(?!\s+(?:guards?|troops|forces|service|servicem[ae]n|police|units?|detachments?|officers|officials|agency|agencies"
    r"|posts?|outposts?|patrols?|control|crossings?|checkpoints?|points?|authorities|commanders?|regiment|brigade|zone))",
    re.I,
)
_BORDER_BEFORE = re.compile(r"\b(?:border|frontier)s?\s+(?:with|between)\s+(?:the\s+)?(?:[\w-]+\s+(?:and|&)\s+)?$", re.I)


def names_a_border(text: str, start: int, end: int) -> bool:
    """Whether the name at ``text[start:end]`` is part of a border's name ("the Afghan border",
    "the border with Afghanistan"): it says where the border runs, not where things are."""
    around = text[max(0, start - 40) : end + 40].lower()
    if "border" not in around and "frontier" not in around:
        return False
    return border_phrase_around(text, start, end)


def border_phrase_around(text: str, start: int, end: int) -> bool:
    """:func:`names_a_border` without its first test, for a caller that has made it
    ("border" or "frontier" within 40 characters of the name)."""
    return bool(_BORDER_AFTER.match(text, end, end + 40) or _BORDER_BEFORE.search(text, max(0, start - 40), start))


# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "gen", "col", "lt", "maj", "capt", "sgt", "st", "mt", "no", "vs",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "u.s", "u.k", "u.n", "e.g", "i.e", "etc", "approx", "inc", "ltd", "co", "pres", "gov", "sen",
    "a.m", "p.m", "jr", "sr", "rev", "prof", "brig", "cpl", "pvt", "adm", "cmdr", "sgt", "approx",
}
_DATELINE_CITY = re.compile(r"(?:^|\n)[ \t]*[A-Z][A-Z' -]{2,}(?:/[A-Z][A-Z' -]{2,})*$")
_DATE_AFTER = re.compile(
    r"\s*(?:\d{1,2}\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d|\s*\d{1,2}[./]\d{1,2}[./]\d{2,4}"
)
_SENTENCE_END = re.compile(
    # every alternative begins with one of these characters: taken first, it lets the regex
    # engine skip to them (the alternatives then look back at it)
    r"[.!?…\n]"
    r"(?:(?<=[.!?…])[.!?…]*[\"'”’)\]]*(?=\s+|$)|(?<=\n)\s*\n|(?<=\n)(?=\s*[A-Z\"“‘•\-–—(\d])"
    # "… leave for Kabul.Dozens of districts …": copied text that lost the space after a full stop
    r"|(?<=[a-z]{3}\.)(?=(?-i:[A-Z][a-z]{2,})\b))"
)


# the word before a full stop that may end a sentence (an abbreviation, an initial)
_WORD_BEFORE_STOP = re.compile(r"([\w.]+)\.[\"'”’)\]]*$")


@lru_cache(maxsize=4)  # events and claims split the same article one after the other
def split_sentences(text: str, start: int = 0) -> tuple[tuple[int, int], ...]:
    """Return ``(start, end)`` offsets of the sentences of ``text[start:]``.

    Rules: a sentence ends at ``. ! ?`` followed by white space (unless the word before
    is a known abbreviation or a single capital initial), or at a line break before a
    capital/quote/bullet/bracket/digit (a headline above "(Reuters) -"), or at a blank line.  Leading/trailing white space is trimmed.
    """
    spans: list[tuple[int, int]] = []
    cursor = start
    for match in _SENTENCE_END.finditer(text, start):
        end = match.end()
        stop = match.group()
        if "." in stop and "\n" not in stop:
            word = _WORD_BEFORE_STOP.search(text[max(cursor, match.start() - 20) : end])
            if word:
                stem = word.group(1).lower()
                if stem in _ABBREVIATIONS or (len(stem) == 1 and stem.isalpha()):
                    continue
                if _DATE_AFTER.match(text, end) and _DATELINE_CITY.search(text, max(0, match.start() - 60), match.start()):
                    continue  # "BISHKEK. March 13 (Interfax) - …": a dateline, not a sentence
        _append_trimmed(text, cursor, end, spans)
        cursor = end
    _append_trimmed(text, cursor, len(text), spans)
    return tuple(spans)


def _append_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
