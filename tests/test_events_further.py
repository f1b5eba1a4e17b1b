"""A sentence's further events (geomap.events.further, reading.further_choices): a second
distinct event told beside the main one gets its own record, with its own class, date and
counts; words that only complete the main event do not."""

from __future__ import annotations

from datetime import date

import pytest

from geomap.pipeline import parse_text

DAY = date(2025, 12, 25)  # a Thursday


def _classes(text: str, resources) -> list[str]:
    return [e.event_class for e in parse_text(text, DAY, resources).events]


# ---------------------------------------------------------------- coordinated predicates


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Insurgents overran the district centre on Monday and some police officers surrendered to them.", ["territorial_control", "withdrawal"]),
        ("Troops exchanged fire with the gang and detained three of its members near the river on Sunday.", ["armed_clash", "arrest"]),
        ("In the operation nine members of the gang were neutralized, four were detained, the agency said.", ["armed_clash", "arrest"]),
        ("The two sides agreed to a truce on Tuesday and would pull back their troops from the line.", ["withdrawal", "agreement_meeting"]),
        ("The town fell to the rebels in 2019 and has come under attack several times since then.", ["territorial_control", "attack"]),
    ],
)
def test_a_coordinated_predicate_tells_a_second_event(sentence, expected, resources):
    assert _classes(sentence, resources) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        # nouns of one list are one event's words, not predicates of their own
        "Officials reported a wave of terrorist activity and border violations along the river this month.",
        # an infinitive says what the event was for, not what else happened
        "More troops from a garrison near Kulob are being sent to reinforce the border units.",
        "Residents were told by the police not to go into the streets in crowds.",
    ],
)
def test_a_noun_of_a_list_or_an_infinitive_tells_no_second_event(sentence, resources):
    assert len(_classes(sentence, resources)) <= 1


@pytest.mark.parametrize(
    "sentence",
    [
        "Border guards fought 20 armed skirmishes with smugglers last year, killing 11 armed men.",
        "Troops clashed with militants near the village on Monday, wounding four of them.",
        "Gunmen ambushed a patrol near the post on Friday, killing two soldiers.",
    ],
)
def test_the_dead_of_a_violent_event_are_that_event(sentence, resources):
    assert len(_classes(sentence, resources)) == 1


# ---------------------------------------------------------------- a party's act


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Police detained five men who crossed the border illegally on Saturday.", ["arrest", "border_incident"]),
        ("Guards are searching for a group of armed men who crossed the river from Afghanistan on Monday.", ["other", "border_incident"]),
        ("The ministry said it had returned 300 soldiers who fled over the frontier when the rebels seized control of the province.", ["withdrawal", "territorial_control"]),
    ],
)
def test_what_a_party_did_in_a_who_clause_is_a_second_event(sentence, expected, resources):
    assert _classes(sentence, resources)[: len(expected)] == expected


# ---------------------------------------------------------------- another event of the class


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Jets struck militant positions near the border on Tuesday, a day after a rocket attack that killed three guards.", ["attack", "attack"]),
        ("The official visit comes two days after a delegation held talks with the governor in Khorog.", ["agreement_meeting", "agreement_meeting"]),
        ("Police said the shooting began after several young men attacked a patrol car.", ["attack", "attack"]),
    ],
)
def test_an_event_before_or_after_the_main_one_is_a_second_event_of_its_class(sentence, expected, resources):
    assert _classes(sentence, resources) == expected


def test_a_restated_event_of_the_same_class_is_one_event(resources):
    assert len(_classes("The district has fallen; the militants have taken all the key buildings in the town.", resources)) == 1
    assert len(_classes("Troops came under fire from smugglers, adding that the soldiers returned fire.", resources)) == 1


# ---------------------------------------------------------------- harm after another event


@pytest.mark.parametrize(
    "sentence",
    [
        "The fighters had crossed into Tajikistan from Kunduz, the guards said, adding that they killed one of them.",
        "The smugglers crossed the river on Monday night, and one of them was killed by a border patrol.",
        "Afghan refugees crossed the border near the town on Sunday, officials said, adding that one of them was shot by unknown men.",
    ],
)
def test_harm_told_after_an_event_that_hurt_nobody_is_a_second_event(sentence, resources):
    classes = _classes(sentence, resources)
    assert len(classes) == 2 and classes[1] == "attack", classes  # the harm, not a count of the crossing


def test_harm_coordinated_with_an_arrest_is_a_second_event(resources):
    # forces killing an armed man is a clash; the arrest coordinated with it is an event of its own
    assert _classes("Border troops killed one gunman and detained three others near the river on Sunday.", resources) == ["armed_clash", "arrest"]
    assert _classes("Border troops killed one villager and detained three others near the river on Sunday.", resources) == ["attack", "arrest"]


def test_deaths_nobody_caused_are_no_second_event(resources):
    assert len(_classes("Refugees crossed the border at night, adding that two children died during the crossing.", resources)) == 1


# ---------------------------------------------------------------- counts


def test_a_further_event_has_the_counts_of_its_own_words(resources):
    events = parse_text(
        "Aircraft hit militant positions in Takhar on Tuesday, killing six fighters, a day after a shooting that left two guards dead.",
        DAY,
        resources,
    ).events
    assert [e.event_class for e in events] == ["attack", "attack"]
    assert [(q.category, q.best) for q in events[1].quantities] == [("fatalities", 2)]
    border = parse_text("Security forces killed two smugglers who had crossed the border overnight.", DAY, resources).events
    assert [e.event_class for e in border] == ["armed_clash", "border_incident"]
    assert not [q for q in border[1].quantities if q.category == "fatalities"]  # the dead belong to the clash


# ---------------------------------------------------------------- cues vetoed only as the main event


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The border crossing remained closed after clashes between border guards of the two countries in March.", ["border_crossing_status", "armed_clash"]),
        ("This was the first exercise held in the valley, where clashes between the army and rebels took place in 2012.", ["military_exercise", "armed_clash"]),
        ("Militants took control of the district headquarters after heavy attacks on the police posts.", ["territorial_control", "attack"]),
    ],
)
def test_background_an_excludes_keeps_from_the_main_event_is_a_further_event(sentence, expected, resources):
    assert _classes(sentence, resources) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        # what is feared in its own clause stays no event
        "The governors met in Isfara on Monday after fears of renewed clashes along the border.",
        "The drills were held near the border amid a rising risk of attacks by militants.",
        # an event word that modifies a threat names what is feared
        "The rebels laid down their arms on Sunday after an assault threat by the army.",
    ],
)
def test_what_is_feared_is_no_further_event(sentence, resources):
    assert len(_classes(sentence, resources)) == 1


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("sentence", "main_day", "further_day"),
    [
        ("Aircraft hit militant positions in Takhar on Tuesday, killing six fighters, a day after a shooting that left two guards dead.", date(2025, 12, 23), date(2025, 12, 22)),
        ("The official visit on Monday comes two days after a delegation held talks with the governor in Khorog.", date(2025, 12, 22), date(2025, 12, 20)),
        ("Both armies held drills on Monday, a week after clashes killed four guards.", date(2025, 12, 22), date(2025, 12, 15)),
        ("Troops were sent to the border on Friday, hours after gunmen attacked a post near Panj.", date(2025, 12, 19), date(2025, 12, 19)),
        ("The ministers met in Dushanbe on Monday, two days before the leaders signed the border treaty.", date(2025, 12, 22), date(2025, 12, 24)),
    ],
)
def test_an_event_told_as_days_before_or_after_the_main_one_is_dated_by_it(sentence, main_day, further_day, resources):
    main, further = parse_text(sentence, DAY, resources).events
    assert main.date.start == main_day and further.date.start == further_day, (main.date, further.date, further.reasons["date"])
    assert further.modality == "reported"


def test_a_further_event_has_the_date_its_own_words_tell(resources):
    main, further = parse_text("The crossing reopened on Monday after it was closed by clashes between guards in March 2024.", DAY, resources).events
    assert (main.event_class, further.event_class) == ("border_crossing_status", "armed_clash")
    assert main.date.start == date(2025, 12, 22) and further.date.start == date(2024, 3, 1) and further.modality == "historical"


# ---------------------------------------------------------------- a background event alone


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Commerce across the river faltered after the militants began attacks on several border districts.", "attack"),
        ("Cooperation between the two armies has grown since foreign forces began withdrawing from the country in 2014.", "withdrawal"),
        ("Trade across the border slowed after clashes between border guards in March.", "armed_clash"),
    ],
)
def test_a_background_event_is_the_event_of_a_sentence_that_tells_no_other(sentence, expected, resources):
    assert _classes(sentence, resources) == [expected]


def test_a_background_clause_that_tells_only_a_risk_is_no_event(resources):
    assert _classes("Trade has recovered since the risk of clashes eased.", resources) == []


# ---------------------------------------------------------------- two further events


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Officials blamed the militants for the violence, saying they had attacked a police post, while heavy fighting was also reported near the border.",
            ["statement", "armed_clash", "attack"],
        ),
        (
            "Hundreds of villagers fled to the mountains on Sunday after militants attacked the district centre, while border guards detained two smugglers nearby.",
            ["displacement", "attack", "arrest"],
        ),
        (
            "Uzbekistan reopened the bridge on Monday, closed since the Taliban seized power in 2021 when the last foreign troops withdrew.",
            ["border_crossing_status", "territorial_control", "withdrawal"],
        ),
    ],
)
def test_a_sentence_may_tell_two_further_events_in_clauses_of_their_own(sentence, expected, resources):
    assert _classes(sentence, resources) == expected


def test_two_further_events_are_not_told_in_one_clause(resources):
    # the seizure goes on with the attack in its after-clause: one further event there
    assert _classes("Troops were deployed to the valley on Friday after gunmen attacked a post and seized weapons.", resources) == ["deployment", "attack"]


# ---------------------------------------------------------------- places taken or closed, one by one


@pytest.mark.parametrize(
    ("sentence", "places"),
    [
        ("The Taliban captured Taloqan and Kunduz on Sunday.", ["Taloqan", "Kunduz"]),
        ("The markets in Khorog and Ishkashim were closed on Monday.", ["Khorugh", "Ishkoshim"]),
        ("Militants seized Kunduz, Taloqan and Sar-e Pul within a week.", ["Kunduz", "Taloqan", "Sar-e Pul"]),
    ],
)
def test_each_place_a_list_names_is_taken_or_closed_in_an_event_of_its_own(sentence, places, resources):
    events = parse_text(sentence, DAY, resources).events
    assert [e.place.place.name for e in events] == places
    assert len({e.event_class for e in events}) == 1 and len({e.date.start for e in events}) == 1


@pytest.mark.parametrize(
    "sentence",
    [
        "The border markets in Badakhshan, Tajikistan, have closed.",  # a place and where it lies
        "Clashes broke out in Vorukh and Kok-Tash on Monday.",  # a clash is not an act on its places
    ],
)
def test_a_place_and_its_region_or_the_places_of_a_clash_are_one_event(sentence, resources):
    assert len(parse_text(sentence, DAY, resources).events) == 1


def test_the_next_sentence_goes_on_about_the_main_event_not_a_further_one(resources):
    text = "The Taliban captured Taloqan and Kunduz on Sunday. The militants have taken control of the governor's office, a resident said."
    *_, follow_up = parse_text(text, DAY, resources).events
    assert follow_up.place.place.name == "Taloqan"


@pytest.mark.parametrize(
    "sentence",
    [
        # a definite noun refers back to an event the article told before
        "More police were deployed in the town after the clashes.",
        "The crossing stayed closed for a week after this incident.",
        "Reinforcements arrived at the post following the recent attack.",
        # an event claimed, in its own clause, is what the claim is about
        "Border guards were put on alert after the bombing was claimed by a militant group.",
    ],
)
def test_a_background_event_referred_back_to_or_claimed_is_no_further_event(sentence, resources):
    assert len(_classes(sentence, resources)) == 1


# ---------------------------------------------------------------- the event told again


@pytest.mark.parametrize(
    ("sentence", "days"),
    [
        ("Rebels seized the district centre in 2018 and again in 2020, officials said.", [date(2018, 1, 1), date(2020, 1, 1)]),
        ("Drones struck the village on Monday and once more on Thursday.", [date(2025, 12, 22), date(2025, 12, 25)]),
        ("The crossing was closed on Monday and again on Wednesday.", [date(2025, 12, 22), date(2025, 12, 24)]),
    ],
)
def test_an_event_told_again_at_another_time_is_a_further_event(sentence, days, resources):
    events = parse_text(sentence, DAY, resources).events
    assert len({e.event_class for e in events}) == 1 and [e.date.start for e in events] == days


def test_again_with_no_other_time_is_no_further_event(resources):
    assert len(parse_text("Talks were held in Khujand in 2019 and again in Isfara.", DAY, resources).events) == 1


def test_what_usually_happens_tells_no_further_event_without_a_date_of_its_own(resources):
    assert len(_classes("Illegal border crossings, shootings and abductions of herders are not unusual in the valley.", resources)) == 1
    assert len(_classes("Smuggling raids, armed robberies and kidnappings of farmers are not uncommon along the river.", resources)) == 1


def test_a_speech_act_coordinated_after_the_main_event_is_a_statement_of_its_own(resources):
    assert _classes("The governor met the village elders and promised that the checkpoints would be removed.", resources) == ["agreement_meeting", "statement"]
    assert _classes("Taliban fighters seized the border post and warned that they would advance further.", resources) == ["territorial_control", "statement"]
    # a participle tells why the actor acted, not a statement of its own
    assert "statement" not in _classes("The president sent troops into the valley, accusing the warlord of murder.", resources)


def test_security_personnel_who_fled_across_the_border_withdrew(resources):
    classes = _classes("The president ordered the mobilisation of reservists after hundreds of Afghan security personnel fled across the frontier.", resources)
    assert "withdrawal" in classes, classes


# ---------------------------------------------------------------- people captured, counted with the dead


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The patrol opened fire, killing two herders, wounding one, and capturing five others.", ["armed_clash", "arrest"]),
        ("Nine insurgents were destroyed, and another 12 were captured, the agency said.", ["armed_clash", "arrest"]),
        ("Security forces fought the group for hours and took six fighters prisoner.", ["armed_clash", "arrest"]),
    ],
)
def test_people_captured_beside_the_dead_are_an_arrest(sentence, expected, resources):
    assert _classes(sentence, resources) == expected


def test_a_place_or_hardware_captured_is_no_arrest(resources):
    assert "arrest" not in _classes("Two border posts were captured by the rebels on Monday.", resources)
    assert "arrest" not in _classes("The fighters seized the bridge and four armoured vehicles were captured.", resources)


# ---------------------------------------------------------------- what people flee


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Some 300 government soldiers crossed into Uzbekistan overnight to escape clashes with the rebels.", ["withdrawal", "armed_clash"]),
        ("Hundreds of families fled their villages to escape the shelling of the valley.", ["displacement", "attack"]),
        ("Fleeing the clashes, dozens of villagers have been crossing into Tajikistan.", ["displacement", "armed_clash"]),
    ],
)
def test_the_fighting_people_flee_is_a_second_event(sentence, expected, resources):
    assert _classes(sentence, resources) == expected


def test_a_flight_with_nothing_fled_named_is_one_event(resources):
    assert _classes("Some 300 government soldiers crossed into Uzbekistan overnight.", resources) == ["withdrawal"]


def test_the_murder_that_set_off_an_operation_is_a_second_event(resources):
    classes = _classes("After the murder of a senior police officer on Monday, a special operation was launched in the town.", resources)
    assert classes == ["armed_clash", "attack"]


def test_a_lone_capture_after_the_dead_does_not_take_the_main_event(resources):
    # only the rest of a counted group ("another 12", "five others") reads as captured fighters
    classes = _classes("Officials said two smugglers were killed, two were wounded, and one was captured on Sunday.", resources)
    assert classes[0] == "attack"
