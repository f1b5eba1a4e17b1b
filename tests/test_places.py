"""Recognition and resolution on constructed sentences (general rules, not the samples)."""

import math

import pytest

from geomap.gazetteer import load_gazetteer
from geomap.gazetteer.sources import read_place_csv
from geomap.places import recognise, resolve


def parse(text, resources):
    found = recognise(text, resources.gazetteer)
    return found, resolve(text, found.mentions, resources.gazetteer, resources.settings)


def names(toponyms):
    return [(t.mention.text, t.place.name, t.place.country) for t in toponyms]


@pytest.mark.parametrize("variant", ["Harb-Maidon", "Kharb-Maidon", "Harbmaidon", "Kharb Maydon"])
def test_transliterations_of_a_curated_site_resolve_to_it(resources, variant):
    _, toponyms = parse(f"Troops arrived at the {variant} training ground on Monday.", resources)
    assert len(toponyms) == 1
    assert toponyms[0].place.feature_type == "training_ground"
    assert toponyms[0].place.country == "TJ"


def test_organisation_names_are_not_places(resources):
    found, toponyms = parse(
        "The US Central Command and the Collective Security Treaty Organization met, Interfax reported.", resources
    )
    assert "US Central Command" in [o.text for o in found.organisations]
    assert not [t for t in toponyms if t.mention.text in ("US", "Central")]


def test_demonyms_are_adjectival_and_linked_to_their_country(resources):
    _, toponyms = parse("Tajik and Afghan officials met Russian envoys.", resources)
    adjectival = {t.mention.text: t.place.country for t in toponyms if t.adjectival}
    assert adjectival == {"Tajik": "TJ", "Afghan": "AF", "Russian": "RU"}


def test_common_words_and_person_names_are_not_places(resources):
    text = "Along with this, General Kenneth McKenzie and President Vladimir Putin said the Taliban will act."
    _, toponyms = parse(text, resources)
    assert names(toponyms) == []


def test_regional_context_beats_a_bigger_namesake(resources):
    _, toponyms = parse("Clashes were reported in Panj district and Kulob, Tajikistan, near the Afghan border.", resources)
    resolved = {t.mention.text: t.place for t in toponyms}
    assert resolved["Kulob"].country == "TJ"
    assert all(p.country in ("TJ", "AF") for p in resolved.values())


def test_moscow_is_the_russian_capital(resources):
    _, toponyms = parse("Officials in Moscow said troops would stay.", resources)
    assert [(t.place.country, t.place.feature_type) for t in toponyms] == [("RU", "city")]


def test_misspellings_of_important_names_are_fuzzy_matches(resources):
    _, toponyms = parse("He toured Tajakistan and flew on to Afghansitan.", resources)
    assert [(t.place.country, t.mention.fuzzy) for t in toponyms] == [("TJ", True), ("AF", True)]


def test_known_english_words_are_never_fuzzy_corrected(resources):
    _, toponyms = parse("Talibans and Taliban fighters advanced.", resources)
    assert toponyms == []


def test_every_resolution_explains_itself(resources):
    _, toponyms = parse("Units moved from Bokhtar to Kulob.", resources)
    assert len(toponyms) == 2
    for toponym in toponyms:
        assert toponym.reasons and 0 < toponym.confidence <= 1
        assert toponym.place.uncertainty_km > 0 and not math.isnan(toponym.place.lat)


def test_user_gazetteer_rows_are_validated_with_line_numbers(tmp_path):
    csv_file = tmp_path / "mine.csv"
    csv_file.write_text(
        "id,name,aliases,lat,lon,feature_type,country,uncertainty_km\n"
        "me:1,Camp Zarya,Zarya Camp,37.9,69.1,military_base,TJ,3\n"
        "me:2,Broken,,north,69.1,site,TJ,3\n"
        "me:3,Nowhere,,95,69.1,site,TJ,3\n"
        "me:4,Oddity,,37.0,69.0,spaceport,TJ,3\n",
        encoding="utf-8",
    )
    problems = []
    entries = read_place_csv(csv_file, "user", problems)
    assert [e.place.name for e in entries] == ["Camp Zarya"]
    assert [p.split(": ")[0].rsplit(":", 1)[-1] for p in problems] == ["3", "4", "5"]


def test_user_gazetteer_places_are_found(tmp_path, resources):
    csv_file = tmp_path / "mine.csv"
    csv_file.write_text("name,aliases,lat,lon,feature_type,country\nCamp Zarya,Zarya Camp,37.9,69.1,military_base,TJ\n", encoding="utf-8")
    gazetteer = load_gazetteer(resources.settings, (csv_file,))
    text = "A convoy reached Zarya Camp at dawn."
    found = recognise(text, gazetteer)
    toponyms = resolve(text, found.mentions, gazetteer)
    assert [t.place.name for t in toponyms] == ["Camp Zarya"]


def test_prefix_pruning_never_loses_a_name(resources):
    """The matcher stops extending a span once no key starts with it; without the
    prefix sets (every span extended to the longest key length) it finds the same names."""
    import dataclasses

    from geomap.corpus import read_corpus

    from conftest import SEEDS

    gazetteer = resources.gazetteer
    assert "shir han" in gazetteer.folded_prefixes  # "Shir Khan Bandar", folded
    assert "new" in gazetteer.normal_prefixes  # "New York"
    unpruned = dataclasses.replace(gazetteer)
    unpruned.continues = lambda folded, normal: True  # type: ignore[method-assign]
    texts = [a.text for a in read_corpus([SEEDS])]
    texts.append("Trucks left Shir Khan Bandar for Mazar-i-Sharif and New York; Kharb-Maidon, Panji Poyon.")
    for text in texts:
        pruned_found = recognise(text, gazetteer).mentions
        full_found = recognise(text, unpruned).mentions
        assert [(m.start, m.end, m.candidate_ids) for m in pruned_found] == [(m.start, m.end, m.candidate_ids) for m in full_found]
    assert any(m.text == "Shir Khan Bandar" for m in recognise(texts[-1], gazetteer).mentions)


def test_tied_misspelling_candidates_are_all_kept(resources):
    """Two index keys at the same edit distance: the answer is their union, whatever the index order."""
    gazetteer = resources.gazetteer
    ids = gazetteer.nearest_misspelt("tajakistan", 1)
    assert ids is not None and any(gazetteer.places.feature_type(i) == "country" for i in ids)
    assert gazetteer.nearest_misspelt("tajakistan", 1) is ids  # memoised
    assert gazetteer.nearest_misspelt("qqqqqqqq", 1) is None


@pytest.mark.parametrize(
    "text, wrong",
    [
        ("As a result of the skirmish one Drug trafficker was detained.", "Drug"),  # only a former name of Durg, India
        ("A commander of the OMON riot police was shot.", "OMON"),  # folds to Oman, but an acronym is not a transliteration
        ("Fighting reached Dasht-e-Buzurg on Monday.", "Buzurg"),  # part of a longer unknown name
        ("Imomnazar Imomnazarov was killed on Sunday.", "Imomnazar"),  # a given name before a surname
        ("Col. Yaroslav Roschupkin said the drills went well.", "Yaroslav"),  # no fuzzy "correction" inside a name
        ("Commander Fakir Muhammad Jowzjani was detained.", "Jowzjani"),
    ],
)
def test_words_that_only_look_like_places_are_not_places(resources, text, wrong):
    found = [t.mention.text for t in parse(text, resources)[1]]
    assert not any(wrong in surface for surface in found), found


def test_places_next_to_hyphens_and_acronyms_that_are_places(resources):
    def found(text):
        return {t.mention.text: t.place.country for t in parse(text, resources)[1]}

    assert found("The Moscow-led bloc held drills in Tajikistan.").get("Moscow") == "RU"
    assert found("Officials of the USA and the UK met.") == {"USA": "US", "UK": "GB"}
    assert any("Termez" in surface for surface in found("Trucks used the Termez-Hairatan crossing."))
    route = found("The Termez-Naibabad-Maidanshahr railway will link Uzbekistan with Afghanistan.")
    assert route.get("Maidanshahr") == "AF"  # a stop of a route, not the tail of an unknown name


def test_a_region_named_in_the_article_decides_between_namesakes(resources):
    """Shughnan/Ishkashim districts exist on both banks of the Panj: the province named decides."""
    afghan = {t.mention.text: t.place.country for t in parse("Markets in Ishkashim and Shughnan districts in Badakhshan province were closed.", resources)[1]}
    tajik = {t.mention.text: t.place.country for t in parse("Markets in Ishkashim and Shughnan districts of Gorno-Badakhshan were closed.", resources)[1]}
    assert afghan["Shughnan"] == "AF" and afghan["Ishkashim"] == "AF"
    assert tajik["Shughnan"] == "TJ" and tajik["Ishkashim"] == "TJ"


def test_everyday_words_and_region_phrases(resources):
    def found(text):
        return {t.mention.text: t.place.country for t in parse(text, resources)[1]}

    assert "Man" not in found("Man speaking to reporters in Khorog.")  # not Man, Côte d'Ivoire
    assert found("Trucks drove from Abidjan to Man.").get("Man") == "CI"  # after "to" it is the city
    assert found("Moscow said it would send troops.").get("Moscow") == "RU"  # a frequent word, but a capital


def test_alternate_geonames_names_used_as_surnames_are_not_places(resources):
    # "Ahmadi" is only an alternate name of Al Ahmadi (Kuwait): after a given name or before "said", a person
    for text in (
        "The attack killed Nisar Ahmad Ahmadi, the acting governor of Badakhshan.",
        "Moazuddin Ahmadi, the head of information, confirmed it.",
        "Ahmadi said the attack was planned.",
    ):
        _, toponyms = parse(text, resources)
        assert all(t.place.country != "KW" for t in toponyms), text


def test_cyrillic_yo_is_transliterated_yo():
    from geomap.text import normalise_name

    assert normalise_name("Поён") == "poyon" and normalise_name("Саёд") == "sayod"


def test_a_given_name_does_not_match_a_post_through_its_cyrillic_alias(resources):
    _, toponyms = parse("The blast hit the Sayed Abad mosque in Kunduz.", resources)
    assert [t.place.country for t in toponyms] == ["AF"]


def test_a_country_naming_a_border_does_not_pull_places_to_its_side(resources):
    _, toponyms = parse("Troops moved to Farkhor district near the Afghan border.", resources)
    assert toponyms[0].place.country == "TJ"
    _, toponyms = parse("The Taliban took Farkhar district of Takhar province.", resources)
    assert toponyms[0].place.country == "AF"


def test_a_possessive_country_contains_the_place(resources):
    _, toponyms = parse("Residents of Tajikistan's Badakhshan protested.", resources)
    assert names(toponyms)[-1][2] == "TJ"
    _, toponyms = parse("Clashes erupted in Afghanistan's Badakhshan.", resources)
    assert names(toponyms)[-1][2] == "AF"
    _, toponyms = parse("Protesters gathered in Khorog, the capital of Badakhshan.", resources)
    assert names(toponyms)[-1][2] == "TJ"  # Khorog's side decides
    _, toponyms = parse("The Taliban sent fighters to Badakhshan.", resources)
    assert names(toponyms)[-1][2] == "AF"  # without a clue, the Afghan province (the larger population)


def test_the_word_after_a_name_chooses_the_kind_of_place(resources):
    _, toponyms = parse("Chinese miners damaged the Panj riverbed.", resources)
    assert toponyms[-1].place.feature_type == "river"
    _, toponyms = parse("Troops entered Panj on Monday.", resources)
    assert toponyms[-1].place.feature_type == "town"


def test_a_geonames_city_inside_a_person_name_is_not_a_place(resources):
    _, toponyms = parse("The ceremony was attended by Mullah Mohammad Hassan Akhund, the prime minister.", resources)
    assert all(t.place.country != "IN" for t in toponyms)
    _, toponyms = parse("The clash began at 08:00 Moscow time.", resources)
    assert [t.place.country for t in toponyms] == ["RU"]  # a clock time is no given name
    _, toponyms = parse("After Washington opened talks with the Taliban, Moscow has expressed concern.", resources)
    assert "RU" in [t.place.country for t in toponyms]  # a comma ends the would-be name


def test_the_nearer_namesake_wins_and_a_place_is_not_its_own_neighbour(resources):
    """Two Dostuks in Batken region, 80 km apart: the places named around decide."""
    _, toponyms = parse("Residents of Dostuk village in Batken district will get new houses, officials in Batken said.", resources)
    assert [t.place.name for t in toponyms if t.mention.text == "Dostuk"] == ["Dostuk (Batken)"]
    _, toponyms = parse("Clashes broke out near Arka and Dostuk in Leilek district.", resources)
    assert [t.place.name for t in toponyms if t.mention.text == "Dostuk"] == ["Dostuk"]


def test_a_plural_type_word_after_a_list_applies_to_every_name(resources):
    _, toponyms = parse("Markets reopened in Andkhoy, Khancharbag and Gurgan districts.", resources)
    gurgan = next(t for t in toponyms if t.mention.text == "Gurgan")
    assert gurgan.place.country == "AF" and any("'districts'" in reason for reason in gurgan.reasons)
    _, toponyms = parse("The Dushanbe and Kokul posts came under fire.", resources)
    assert [t.mention.text for t in toponyms] == ["Kokul"]  # a post named after the capital is not the capital


def test_the_first_word_of_an_unknown_district_is_no_place(resources):
    # "Hassan Kot district": not Hassan, India; a lone "in Hassan" still is
    assert [t.mention.text for t in parse("Fighting broke out in Hassan Kot district on Monday.", resources)[1]] == []
    assert [t.place.country for t in parse("Fighting broke out in Hassan on Monday.", resources)[1]] == ["IN"]


def test_the_last_post_is_found_as_case_folding_finds_it():
    from geomap.places.resolve import _BorderWords
    from geomap.text import casefold_same_length

    texts = [
        "the Tajikistan POST", "Post at Ishkashim, then a post", "no such word", "the poſt of Khorog",
        "İstanbul post", "Straße post ß", "ΣΑΣ post Σ", "posts and outposts", "",
    ]
    for text in texts:
        assert _BorderWords(text).last_post() == casefold_same_length(text).rfind("post"), text


def test_the_border_check_on_the_lower_cased_copy_agrees_with_names_a_border():
    import re

    from geomap.places.resolve import _BorderWords
    from geomap.text import names_a_border

    texts = [
        "clashes near the Afghan border on Monday", "the border with Afghanistan and Tajikistan", "Tajik border guards",
        "the Tajikistan-Afghanistan FRONTIER", "İstanbul and the Afghan border", "Afghan troops, far from any frontier",
    ]
    for text in texts:
        words = _BorderWords(text)
        for match in re.finditer(r"[A-Zİ]\w+", text):
            assert words.names_a_border(match.start(), match.end()) == names_a_border(text, match.start(), match.end()), (text, match)


@pytest.mark.parametrize(
    "text",
    ["Servicemen of the Panj border unit detained two border violators.", "Officers of the Panj detachment seized the drugs."],
)
def test_a_unit_named_after_a_place_is_the_town_not_the_river(resources, text):
    _, toponyms = parse(text, resources)
    assert [t.place.feature_type for t in toponyms if t.mention.text == "Panj"] == ["town"]
