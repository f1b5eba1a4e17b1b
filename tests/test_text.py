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
