"""Actors named in ways the development articles rarely use: one gunman or militant, armed
individuals, trespassers, forces named before their countries, coordinated sides, and
unqualified references read as the home country's.  Every sentence is made up."""

import pytest

from geomap.evaluate_events import ActorMatcher
from geomap.events.actors import read_as_of, sentence_actors
from geomap.pipeline import parse_text

H = " date 2024-05-08\n"


def _names(sentence: str, resources) -> tuple[str, ...]:
    return sentence_actors(sentence, resources.lexicon).names


@pytest.mark.parametrize(
    "sentence",
    [
        "A gunman opened fire on the patrol.",
        "A militant was killed near the post.",
        "An assailant stabbed a guard.",
        "A group of armed individuals attacked the post.",
        "Armed persons crossed the river at night.",
        "Masked men set fire to the checkpoint.",
        "An insurgent was captured after the raid.",
    ],
)
def test_one_armed_attacker_or_armed_individuals_are_an_unidentified_armed_group(resources, sentence):
    assert "Unidentified Armed Group" in _names(sentence, resources)


@pytest.mark.parametrize(
    "sentence",
    ["Armed trespassers clashed with the patrol.", "A trespasser was detained at the river.", "A drug trafficker was shot.", "Intruders opened fire on the post."],
)
def test_border_violators_of_any_wording_are_smugglers(resources, sentence):
    assert "Smugglers / drug traffickers (unidentified)" in _names(sentence, resources)


@pytest.mark.parametrize(
    "sentence,expected",
    [
        ("Border guards from Kyrgyzstan and Tajikistan clashed near Vorukh.", {"kgz_mil", "tjk_border"}),
        ("Troops of Kyrgyzstan and Tajikistan exchanged fire.", {"kgz_mil", "tjk_mil"}),
        ("Soldiers from Russia, Kazakhstan and Tajikistan held drills.", {"rus_mil", "kaz_mil", "tjk_mil"}),
        ("Border guards of Tajikistan detained two men.", {"tjk_border"}),
    ],
)
def test_forces_named_before_their_countries_are_each_countrys_forces(resources, sentence, expected):
    ids = {resources.lexicon.actor_named(n).id for n in _names(sentence, resources)}
    assert expected <= ids


@pytest.mark.parametrize(
    "sentence,expected",
    [
        ("The Kyrgyz and Tajik sides exchanged fire.", {"kgz_gov", "tjk_gov"}),
        ("The Uzbek and Tajik delegations met in Termez.", {"uzb_gov", "tjk_gov"}),
        ("Kyrgyz and Tajik border guards exchanged fire.", {"kgz_mil", "tjk_border"}),
    ],
)
def test_coordinated_nationalities_share_their_noun_in_the_plural_too(resources, sentence, expected):
    ids = {resources.lexicon.actor_named(n).id for n in _names(sentence, resources)}
    assert expected <= ids


def test_a_reference_reads_as_the_home_countrys_words(resources):
    lexicon = resources.lexicon
    assert read_as_of("the security forces", "Tajikistan", lexicon, None) == lexicon.actor_by_id("tjk_security").name
    assert read_as_of("the border guards", "Kyrgyzstan", lexicon, None) == lexicon.actor_by_id("kgz_mil").name
    assert read_as_of("the weather", "Tajikistan", lexicon, None) is None


def test_the_security_forces_of_a_story_at_home_are_what_the_countrys_security_forces_are(resources):
    text = H + ("Protesters in Khorog threw stones at the security forces on Monday. "
                "Khorog is the capital of Tajikistan's Gorno-Badakhshan region.")
    event = parse_text(text, resources=resources).events[0]
    matcher = ActorMatcher(resources.lexicon)
    assert matcher.found("Tajik security forces", [*event.actors, *event.recipients])


def test_a_type_the_article_names_keeps_the_named_country(resources):
    text = (H + "Russian border guards clashed with smugglers near Ishkoshim in Tajikistan on Monday. "
            "The border guards said two smugglers were detained near Ishkoshim.")
    events = parse_text(text, resources=resources).events
    follow = next(e for e in events if e.sentence.startswith("The border guards"))
    assert "Military Forces of Russia (2000-) FSB Border Service" in follow.actors
    assert "Military Forces of Tajikistan (1994-) Border Troops" not in follow.actors
