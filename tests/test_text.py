from geomap.text import fold_name, normalise_name, split_sentences


def test_transliteration_variants_fold_together():
    assert fold_name("Harb-Maidon") == fold_name("Kharb Maydan") == fold_name("harb maidon")
    assert fold_name("Shir Khan Bunder") == fold_name("Shir Khan Bandar")
    assert fold_name("Kulob") == fold_name("Kulab")
    assert fold_name("Qurghonteppa") == fold_name("Kurghonteppa")
    assert fold_name("Mazar-e-Sharif") == fold_name("Mazar-i-Sharif")
    assert normalise_name("Душанбе") == "dushanbe"
    assert normalise_name("Khorugh’s") == "khorugh s"


def test_sentence_split_keeps_abbreviations_and_offsets():
    text = "Gen. McKenzie met U.S. officials. Troops arrived in St. Petersburg! Next line\nNew para"
    spans = split_sentences(text)
    sentences = [text[a:b] for a, b in spans]
    assert sentences[0] == "Gen. McKenzie met U.S. officials."
    assert sentences[1] == "Troops arrived in St. Petersburg!"
    assert sentences[-1] == "New para"


def test_times_of_day_do_not_end_sentences():
    text = "The clash began at 11:30 p.m. near the Hamadoni crossing. Two men died."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "The clash began at 11:30 p.m. near the Hamadoni crossing.", "Two men died."]


def _tokenise_one_by_one(text: str, start: int = 0):
    """The plain definition of tokenise: one regex match at a time."""
    from geomap.text import TOKEN_RE, fold_token, normalise_token

    rows = []
    for match in TOKEN_RE.finditer(text, start):
        normal = normalise_token(match.group())
        if normal:
            rows.append((match.start(), match.end(), normal, fold_token(normal), match.group()[0].isupper() or match.group()[0].isdigit()))
    return rows


def test_tokenise_matches_its_plain_definition_at_the_edges():
    from geomap.text import tokenise

    texts = [
        "He toured Tajakistan and flew on to Afghansitan.",  # ends on a full stop
        "ends on a word Kulob",
        "  leading space, Душанбе and 37°N ⅷ ² Ⅻ x",  # Cyrillic, symbols with no letters left
        "",
        "...",
        "Shir Khan Bandar—Panji Poyon; 2021-07-29: 1,344 km",
        # words all ASCII (the quick path): quotes and dashes around them, words starting
        # with "a", "Z", a digit, an underscore between words, capitals inside a word
        "“Aaron’s” abc Zed 9a a9 _x_ iPhone USA—Kulob a",
        "plain ASCII text, at Ayni_airbase 1st",
        "Naïve café in Kulob",  # one word not ASCII: the general path
    ]
    for text in texts:
        for start in (0, 3):
            tok = tokenise(text, start)
            expected = _tokenise_one_by_one(text, start)
            assert len(tok.starts) == len(tok.ends) == len(tok.normal) == len(expected)
            assert list(zip(tok.starts, tok.ends, tok.normal)) == [row[:3] for row in expected], (text, start)
            assert [tok.folded(i, i + 1) for i in range(len(expected))] == [row[3] for row in expected]
            assert tok.capitalised == [i for i, row in enumerate(expected) if row[4]]


def test_a_dateline_with_a_full_stop_does_not_end_a_sentence():
    text = "BISHKEK. March 13 (Interfax) - The presidents signed a treaty. Talks went on."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "BISHKEK. March 13 (Interfax) - The presidents signed a treaty.", "Talks went on."]


def test_a_full_stop_that_lost_its_space_still_ends_a_sentence():
    text = "Residents tried to leave for Kabul.Dozens of districts have fallen. He met U.S. officials at Asia-Plus.tj today."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "Residents tried to leave for Kabul.",
        "Dozens of districts have fallen.",
        "He met U.S. officials at Asia-Plus.tj today.",
    ]


def test_the_ascii_token_pattern_splits_ascii_text_as_the_general_one():
    from geomap.text import _ASCII_TOKEN_SPLIT, _TOKEN_SPLIT

    every_character = "".join(chr(c) + chr(d) for c in range(128) for d in (65, 32, 95, 48))
    assert _ASCII_TOKEN_SPLIT.split(every_character) == _TOKEN_SPLIT.split(every_character)
