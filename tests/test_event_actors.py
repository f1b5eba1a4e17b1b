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
    assert read_as_of("the security forces", "Tajikistan", lexicon, None) == lexicon.actor_by_id("tjk_mil").name
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


@pytest.mark.parametrize(
    "sentence,expected",
    [
        ("Bishkek accused Dushanbe of provoking the clash.", {"kgz_gov", "tjk_gov"}),
        ("Dushanbe blamed Bishkek for the shelling.", {"tjk_gov", "kgz_gov"}),
        ("Tashkent urged Kabul to secure the border.", {"uzb_gov", "afg_unspecified"}),
        ("Moscow called on Dushanbe to show restraint.", {"rus_gov", "tjk_gov"}),
    ],
)
def test_a_capital_that_accuses_or_is_accused_stands_for_its_government(resources, sentence, expected):
    ids = {resources.lexicon.actor_named(n).id for n in _names(sentence, resources)}
    assert expected <= ids


def test_a_capital_accused_is_not_where_it_happened(resources):
    event = parse_text(H + "Bishkek accused Dushanbe of shelling Kyrgyz villages on Monday.", resources=resources).events[0]
    assert event.place is None or event.place.place.name != "Dushanbe"


@pytest.mark.parametrize("trade", ["fishermen", "hunters", "herdsmen", "labourers", "journalists", "passengers", "schoolchildren"])
def test_civilians_of_any_trade_are_civilians_of_their_country(resources, trade):
    assert "Civilians (Tajikistan)" in _names(f"Border guards fired on Tajik {trade} near the river.", resources)


def test_a_resistance_leader_stands_for_his_front(resources):
    assert "NRF: National Resistance Front" in _names("Fighters loyal to Ahmad Massoud attacked Taliban positions.", resources)


@pytest.mark.parametrize(
    "sentence",
    [
        "Tajikistan's State Committee for National Security said its officers had detained three members of an armed group.",
        "The Kyrgyz border service said its servicemen had shot dead two smugglers.",
        "The Taliban said their forces had killed five militants.",
    ],
)
def test_a_speaker_whose_own_forces_acted_is_a_party(resources, sentence):
    event = parse_text(H + sentence, resources=resources).events[0]
    speaker = sentence_actors(sentence, resources.lexicon).names[0]
    assert any(speaker == name or speaker.split(" (")[0] in name for name in event.actors)


def test_a_speaker_who_only_reports_violence_is_no_party(resources):
    event = parse_text(H + "The Tajik foreign ministry said gunmen had killed two border guards.", resources=resources).events[0]
    assert "Government of Tajikistan (1994-)" not in event.actors


@pytest.mark.parametrize(
    "text",
    [
        "Three Chinese workers were killed in an attack near the border on Monday.",
        "A Tajik border post came under attack on Monday; two guards were wounded.",
        "The attack on the border post in Farkhor was carried out from inside Afghanistan, officials said.",
    ],
)
def test_an_attack_with_no_attacker_named_was_by_an_unidentified_armed_group(resources, text):
    events = parse_text(H + text, resources=resources).events
    assert any("Unidentified Armed Group" in e.actors for e in events)


@pytest.mark.parametrize(
    "text",
    [
        "Taliban fighters attacked a Tajik border post on Monday.",
        "Officials denied that the border post had been attacked.",
        "Kyrgyz and Tajik border guards clashed near Vorukh on Monday.",
    ],
)
def test_a_named_attacker_a_denial_or_a_clash_adds_no_unknown_attackers(resources, text):
    events = parse_text(H + text, resources=resources).events
    assert not any("Unidentified Armed Group" in e.actors for e in events)


@pytest.mark.parametrize("sentence", ["A Tajik border post came under attack.", "Tajik border guards came under heavy fire near the river."])
def test_who_came_under_attack_is_its_target(resources, sentence):
    assert "Military Forces of Tajikistan (1994-) Border Troops" in sentence_actors(sentence, resources.lexicon).recipients


@pytest.mark.parametrize("words", ["security personnel", "security force members", "security forces"])
def test_security_personnel_are_the_security_forces(resources, words):
    ids = {resources.lexicon.actor_named(n).id for n in _names(f"More than 1,000 Afghan {words} fled into Tajikistan.", resources)}
    assert "afg_unspecified" in ids


def test_a_statement_told_within_an_incident_has_the_incidents_parties(resources):
    text = H + "Hundreds of residents rallied in Khorog on Monday against the Tajik authorities.\nThe protesters demanded the release of detained activists.\n"
    rally, demand = sorted(parse_text(text, resources=resources).events, key=lambda e: e.sentence_start)
    assert demand.event_class == "statement" and demand.incident_id == rally.incident_id
    assert "Civilians (unspecified)" in demand.actors


@pytest.mark.parametrize(
    "phrase,actor_id",
    [
        ("Uzbek police", "uzb_police"),
        ("Kazakh security services", "kaz_police"),
        ("Turkmen law enforcement agencies", "tkm_police"),
        ("Kyrgyz security forces", "kgz_mil"),
        ("Kyrgyz security services", "kgz_security"),
        ("Chinese border guards", "chn_mil"),
        ("Pakistani border forces", "pak_mil"),
        ("Iranian border troops", "irn_mil"),
        ("Uzbek border posts", "uzb_mil"),
        ("Turkmen reservists", "tkm_mil"),
        ("Tajik local authorities", "tjk_gov"),
        ("Kyrgyz regional officials", "kgz_gov"),
        ("Uzbek emergency situations ministry", "uzb_gov"),
        ("Russian law enforcement agencies", "rus_fsb"),
        ("Tajik border police", "tjk_border"),
        ("Ukrainian special forces", "ukr_mil"),
        ("Soviet troops", "sov_mil"),
    ],
)
def test_each_regional_state_has_its_police_border_and_local_bodies(resources, phrase, actor_id):
    from geomap.events.actors import actor_ids_in

    assert actor_ids_in(f"Yesterday {phrase} said nothing.", resources.lexicon) == [actor_id]


@pytest.mark.parametrize("day,expected", [("2019-03-01", "Military Forces of Afghanistan (2014-2021)"), ("2023-03-01", "Government of Afghanistan (2021-) Taliban")])
def test_afghan_police_are_those_of_who_held_the_country_that_day(resources, day, expected):
    text = f" date {day}\nAfghan police detained four men near the border in Kunduz on Monday.\n"
    event = parse_text(text, resources=resources).events[0]
    assert expected in event.actors


@pytest.mark.parametrize(
    "sentence,actor",
    [
        ("Uzbekistan said on Friday that it had shot down two drones near the border.", "Military Forces of Uzbekistan (2016-)"),
        ("The Tajik security services reported having detained two smugglers near the river.", "Police Forces of Tajikistan (1994-) State Committee for National Security"),
    ],
)
def test_a_speaker_reporting_its_own_deed_is_a_party(resources, sentence, actor):
    event = parse_text(H + sentence + "\n", resources=resources).events[0]
    assert actor in event.actors


def test_a_speaker_reporting_what_others_did_is_no_party(resources):
    event = parse_text(H + "Tajik authorities said two smugglers were killed by unknown gunmen near the border.\n", resources=resources).events[0]
    assert "Government of Tajikistan (1994-)" not in event.actors


@pytest.mark.parametrize(
    "sentence", ["Talks were held in Osh between Uzbek and Kyrgyz border officials on Monday.", "Uzbek and Kyrgyz border representatives met in Osh on Monday."]
)
def test_border_officials_of_coordinated_states_are_their_border_forces(resources, sentence):
    assert {"Military Forces of Uzbekistan (2016-)", "Military Forces of Kyrgyzstan"} <= set(_names(sentence, resources))


@pytest.mark.parametrize(
    "phrase,actor_id",
    [
        ("Batken regional authorities", "kgz_gov"),
        ("Khatlon officials", "tjk_gov"),
        ("the governor of Sughd", "tjk_gov"),
        ("Gorno-Badakhshan authorities", "tjk_gov"),
        ("Takhar provincial police", "afg_unspecified"),
        ("Surkhandarya regional administration", "uzb_gov"),
    ],
)
def test_a_province_s_authorities_are_its_state_s(resources, phrase, actor_id):
    from geomap.events.actors import actor_ids_in

    assert actor_ids_in(f"Yesterday {phrase} said nothing.", resources.lexicon) == [actor_id]


def test_a_provincial_administration_building_is_a_place_not_an_actor(resources):
    from geomap.events.actors import actor_ids_in

    assert actor_ids_in("Trucks were parked outside the Khatlon regional administration building.", resources.lexicon) == []


@pytest.mark.parametrize(
    "phrase,actor_id",
    [
        ("refugees from Afghanistan", "afg_civilians"),
        ("workers from China", "chn_civilians"),
        ("the Jamaat Ansrullah group", "jamaat_ansarullah"),
        ("the State Committee for Border Protection", "uzb_mil"),
    ],
)
def test_people_from_a_country_and_names_spelt_otherwise(resources, phrase, actor_id):
    from geomap.events.actors import actor_ids_in

    assert actor_ids_in(f"Yesterday {phrase} arrived.", resources.lexicon) == [actor_id]


@pytest.mark.parametrize(
    "sentence,actor",
    [
        ("Afghan Kyrgyz herders crossed into Tajikistan.", "Civilians (Afghanistan)"),
        ("Ethnic Uzbek villagers fled the fighting.", "Civilians (unspecified)"),
        ("On Monday Kyrgyz residents left the village.", "Civilians (Kyrgyzstan)"),
    ],
)
def test_people_of_two_demonyms_are_of_the_first_ones_country(resources, sentence, actor):
    assert _names(sentence, resources) == (actor,)


@pytest.mark.parametrize(
    "sentence,actors",
    [
        ("Representatives of Border Services of Kyrgyzstan and Tajikistan met in Isfara.", {"Military Forces of Kyrgyzstan", "Military Forces of Tajikistan (1994-) Border Troops"}),
        ("The Sughd deputy governor visited the post.", {"Government of Tajikistan (1994-)"}),
        ("Uzbek special operations forces held drills.", {"Military Forces of Uzbekistan (2016-)"}),
    ],
)
def test_services_of_states_and_more_titles_of_bodies(resources, sentence, actors):
    assert actors <= set(_names(sentence, resources))


def _all_actors(text: str, resources) -> list[tuple[str, ...]]:
    events = sorted(parse_text(text, resources=resources).events, key=lambda e: e.sentence_start)
    return [(*e.actors, *e.recipients) for e in events]


def test_the_militants_of_an_article_that_names_one_insurgent_group_are_that_group(resources):
    text = (
        " date 2019-06-04\nTaliban fighters stormed a police post in Baghlan province on Sunday.\n\n"
        "In a separate incident, militants ambushed an army convoy on the highway in Samangan province on Monday."
    )
    actors = _all_actors(text, resources)
    assert "Taliban" in actors[-1] and "Unidentified Armed Group" not in actors[-1]


def test_the_militants_stay_unnamed_when_the_article_names_two_groups_or_only_who_holds_the_land(resources):
    two = (
        " date 2019-06-04\nTaliban fighters stormed a police post in Baghlan province on Sunday.\n\n"
        "The Islamic Movement of Uzbekistan claimed an attack on a checkpoint in Faryab province on Saturday.\n\n"
        "In a separate incident, militants ambushed an army convoy on the highway in Samangan province on Monday."
    )
    held = (
        " date 2019-06-04\nMilitants ambushed an army convoy on the highway in Samangan province on Monday.\n\n"
        "The area across the river is under Taliban control."
    )
    assert "Unidentified Armed Group" in _all_actors(two, resources)[-1]
    assert "Unidentified Armed Group" in _all_actors(held, resources)[0]


def test_after_they_took_power_the_taliban_are_not_the_unnamed_militants(resources):
    text = (
        " date 2024-06-04\nTaliban forces stormed a house in Baghlan province on Sunday.\n\n"
        "In a separate incident, militants ambushed a convoy on the highway in Samangan province on Monday."
    )
    assert "Unidentified Armed Group" in _all_actors(text, resources)[-1]


@pytest.mark.parametrize(
    "sentence,forces",
    [
        ("Tajik security forces sealed off the road to the pass.", "Military Forces of Tajikistan (1994-)"),
        ("Kyrgyz security forces returned fire at the checkpoint.", "Military Forces of Kyrgyzstan"),
        ("Uzbek security forces cordoned off the bridge.", "Military Forces of Uzbekistan (2016-)"),
    ],
)
def test_a_country_s_security_forces_are_its_armed_forces_not_its_security_service(resources, sentence, forces):
    assert _names(sentence, resources)[0] == forces


def test_a_country_s_security_service_stays_its_security_service(resources):
    assert _names("The Tajik security service detained two men near the border.", resources)[0] == (
        "Police Forces of Tajikistan (1994-) State Committee for National Security"
    )


def test_law_enforcers_are_the_police_of_their_country_and_share_a_coordinated_noun(resources):
    names = _names("Shots were exchanged between Uzbek and Kyrgyz law enforcers near the canal.", resources)
    assert {"Police Forces of Uzbekistan (2016-)", "Police Forces of Kyrgyzstan"} <= set(names)


def test_forces_named_before_countries_named_as_republics_are_those_countries_forces(resources):
    names = _names("Border delegations of the Uzbek Republic and the Republic of Tajikistan met at the checkpoint on Monday.", resources)
    assert {"Military Forces of Uzbekistan (2016-)", "Military Forces of Tajikistan (1994-) Border Troops"} <= set(names)
    assert "Government of Tajikistan (1994-)" not in names


def test_both_countries_are_the_two_countries_whose_parties_the_article_names(resources):
    text = (
        H + "Kazakh border guards detained two Uzbek herders near the frontier on Monday.\n\n"
        "Uzbek officials protested the detention on Tuesday.\n\n"
        "Officials from both countries agreed to investigate the incident on Wednesday.\n"
    )
    events = sorted(parse_text(text, resources=resources).events, key=lambda e: e.sentence_start)
    agreed = next(e for e in events if e.sentence.startswith("Officials from both"))
    countries = {resources.lexicon.actor_named(n).country_iso3 for n in (*agreed.actors, *agreed.recipients)}
    assert {"KAZ", "UZB"} <= countries


def test_the_taliban_spokesman_named_by_surname_alone_speaks_for_the_taliban(resources):
    assert _names("Mujahid told reporters that the crossing would reopen on Sunday.", resources) == ("Taliban",)
    assert "Taliban" not in _names("He had fought as a mujahid against Soviet troops.", resources)


def test_a_place_that_fell_to_a_group_was_taken_by_it_from_its_holder(resources):
    event = parse_text(" date 2019-06-04\nThe centre of Yamgan district in Badakhshan fell to the Taliban on Monday.\n", resources=resources).events[0]
    assert event.event_class == "territorial_control"
    assert "Taliban" not in event.recipients
    assert "Military Forces of Afghanistan (2014-2021)" in event.actors


def test_aircraft_no_one_names_are_unidentified_military_forces(resources):
    names = _names("Unidentified warplanes bombed militant positions near the river on Friday.", resources)
    assert names[0] == "Unidentified Military Forces"
    assert "Unidentified Military Forces" not in _names("An unidentified drone dropped grenades on the camp.", resources)


def test_afghan_military_aircraft_are_the_former_republic_s_air_force_after_the_fall_of_kabul(resources):
    event = parse_text(" date 2022-03-01\nTwo Afghan military helicopters landed in Termez on Monday.\n", resources=resources).events[0]
    assert "Military Forces of Afghanistan (2014-2021)" in event.actors


@pytest.mark.parametrize(
    "sentence,forces",
    [
        ("A Kazakh drone crashed near the border post on Sunday.", "Military Forces of Kazakhstan (2019-)"),
        ("Uzbek warplanes flew over the valley on Monday.", "Military Forces of Uzbekistan (2016-)"),
        ("Three Russian Su-30s landed at the air base.", "Military Forces of Russia (2000-)"),
    ],
)
def test_a_country_s_military_aircraft_are_its_armed_forces(resources, sentence, forces):
    assert forces in _names(sentence, resources)


def test_a_sentence_that_goes_on_with_he_said_has_the_actors_of_the_sentence_before(resources):
    text = H + "Turkmen officials closed the Serhetabat crossing on Monday.\n\nHe warned that the crossing could stay shut for weeks.\n"
    events = sorted(parse_text(text, resources=resources).events, key=lambda e: e.sentence_start)
    follow = next(e for e in events if e.sentence.startswith("He warned"))
    assert "Government of Turkmenistan" in follow.actors


@pytest.mark.parametrize(
    "sentence,forces",
    [
        ("The Kazakh border-guard service reported no incidents on Sunday.", "Military Forces of Kazakhstan (2019-)"),
        ("A Tajik border-troops patrol found the boat on Sunday.", "Military Forces of Tajikistan (1994-) Border Troops"),
    ],
)
def test_hyphenated_border_forces_are_the_border_forces(resources, sentence, forces):
    assert forces in _names(sentence, resources)


def test_people_who_tried_to_smuggle_are_smugglers(resources):
    names = _names("Kazakh border guards stopped four men who tried to smuggle cigarettes across the river.", resources)
    assert "Smugglers / drug traffickers (unidentified)" in names
