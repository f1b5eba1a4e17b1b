"""Casualty counts told in ways a bare number does not cover: lists of the killed, one
person of any trade, other words for killing, asides on who the dead were, running totals,
and casualties of another event the sentence sets its own against.  Every sentence is made up."""

import pytest

from geomap.events.casualties import listed_casualties, running_total
from geomap.events.quantities import counts_of_events, extract_quantities
from geomap.pipeline import parse_text


def _deaths(sentence: str, units) -> int | None:
    found = [q.best for q in extract_quantities(sentence, units) if q.category == "fatalities"]
    return sum(found) if found else None


def _wounded(sentence: str, units) -> int | None:
    found = [q.best for q in extract_quantities(sentence, units) if q.category == "injured"]
    return sum(found) if found else None


@pytest.mark.parametrize(
    "sentence,dead",
    [
        ("Three border guards and two attackers were killed in a clash near Farkhor.", 5),
        ("Six Taliban fighters and a Tajik border guard were killed in the clash.", 7),
        ("A border guard and a civilian were killed in the shootout.", 2),
        ("A soldier, a policeman and two civilians were killed when the shells hit the village.", 4),
        ("Colonel Rustam Nazarov and three smugglers were killed in the firefight.", 4),
        ("Both attackers were killed in the shootout with border guards.", 2),
        ("Two soldiers and three civilians have been killed since Monday.", 5),
    ],
)
def test_every_member_of_a_list_of_the_killed_counts(resources, sentence, dead):
    assert _deaths(sentence, resources.lexicon.units) == dead


@pytest.mark.parametrize(
    "sentence,dead",
    [
        ("The shootout killed a Tajik border guard and two smugglers.", 3),
        ("Gunmen stormed the post, killing an officer, two soldiers and a cook's assistant.", 3),
        ("The fighting killed 7 soldiers and 3 civilians.", 10),
    ],
)
def test_a_list_after_a_killing_verb_counts_every_member(resources, sentence, dead):
    assert _deaths(sentence, resources.lexicon.units) == dead


def test_a_list_told_wounded_is_wounded(resources):
    units = resources.lexicon.units
    assert _wounded("Two soldiers and three civilians had been wounded.", units) == 5
    assert _deaths("Two soldiers and three civilians had been wounded.", units) is None


def test_the_object_of_a_killing_verb_and_the_subject_of_a_wounding_are_two_lists(resources):
    units = resources.lexicon.units
    sentence = "Gunmen killed three border guards and two civilians were wounded."
    assert (_deaths(sentence, units), _wounded(sentence, units)) == (3, 2)


def test_members_of_a_list_are_found_where_they_stand():
    members = listed_casualties("Commander of the unit, Colonel Rustam Nazarov, and three trespassers were killed.")
    assert [(m.category, m.count, m.text) for m in members] == [("fatalities", 1, "Colonel Rustam Nazarov"), ("fatalities", 3, "three trespassers")]
    assert listed_casualties("Two guards were killed.") == []  # a single count is read by the number rules


@pytest.mark.parametrize(
    "sentence",
    [
        "Taliban fighters shot dead a Tajik hunter near the border.",
        "A shepherd was killed by a landmine near the border.",
        "A Kyrgyz farmer died after he was shot near the border.",
        "A Tajik journalist was murdered in Khorog on Monday.",
        "The commander of the unit, Ali Karimov, was killed in the ambush.",
        "A teenager was shot and killed by border guards.",
    ],
)
def test_one_person_of_any_trade_killed_is_one_death(resources, sentence):
    assert _deaths(sentence, resources.lexicon.units) == 1


@pytest.mark.parametrize(
    "sentence,dead",
    [
        ("Four Tajik soldiers lost their lives in the clash.", 4),
        ("Eleven people perished in the fighting.", 11),
        ("15 members of the armed criminal group were neutralized, 5 were detained.", 15),
        ("Three militants were eliminated during the operation.", 3),
        ("Five people, including two soldiers, were killed in the shelling.", 5),
        ("Twelve people, among them three children, died in the attack.", 12),
    ],
)
def test_other_words_for_killing_and_asides_on_the_dead(resources, sentence, dead):
    assert _deaths(sentence, resources.lexicon.units) == dead


@pytest.mark.parametrize(
    "sentence,dead",
    [
        ("The death toll rose to seven on Tuesday.", 7),
        ("The death toll from the attack has risen to seven.", 7),
        ("The toll now stands at 24.", 24),
        ("The number of people killed in the attack has risen to 41.", 41),
        ("Officials said the casualty toll had reached at least 13.", 13),
    ],
)
def test_a_running_total_alone_is_the_count(resources, sentence, dead):
    assert _deaths(sentence, resources.lexicon.units) == dead


@pytest.mark.parametrize(
    "sentence,dead",
    [
        ("Nine people were killed in the clashes, bringing the death toll to 24.", 9),
        ("Two more soldiers died in hospital, raising the toll to 13.", 2),
    ],
)
def test_a_sentences_own_dead_come_before_the_running_total(resources, sentence, dead):
    assert _deaths(sentence, resources.lexicon.units) == dead


def test_running_total_reads_only_the_total():
    sentence = "Nine people were killed, bringing the death toll to 24."
    assert running_total(sentence, sentence.index("24")) and not running_total(sentence, sentence.index("Nine"))


@pytest.mark.parametrize(
    "connective", ["a day after", "two days after", "hours after", ", shortly after"],
)
def test_casualties_of_another_event_set_against_this_one_are_not_its_own(resources, connective):
    connective = connective.lstrip(", ")
    sentence = f"Aircraft struck Taliban positions near the border, killing eight militants, {connective} a shooting that left two Tajik guards dead."
    units = resources.lexicon.units
    main, second = counts_of_events(sentence, units, sentence.index("struck"), sentence.index("shooting"))
    assert sum(q.best for q in main if q.category == "fatalities") == 8
    assert sum(q.best for q in second if q.category == "fatalities") == 2


def test_without_such_a_clause_both_events_share_the_counts(resources):
    sentence = "Taliban fighters seized the crossing and 130 soldiers fled to Tajikistan."
    main, second = counts_of_events(sentence, resources.lexicon.units, sentence.index("seized"), sentence.index("fled"))
    assert main == second


def test_the_count_reaches_the_event(resources):
    text = " date 2024-05-08\nThree border guards and two attackers were killed in a clash near Farkhor on Monday."
    event = parse_text(text, resources=resources).events[0]
    assert sum(q.best for q in event.quantities if q.category == "fatalities") == 5


@pytest.mark.parametrize(
    "sentence,dead",
    [
        ("The shelling killed dozens of people.", 12),
        ("Hundreds of people were killed in the fighting.", 100),
        ("Gunmen attacked the post, killing 10 to 15 people.", 10),
        ("More than 10 people died in the fighting.", 10),
        ("Several soldiers were killed in the ambush.", 3),
    ],
)
def test_casualties_are_counted_by_the_lowest_figure_reported(resources, sentence, dead):
    assert _deaths(sentence, resources.lexicon.units) == dead


def test_other_counts_keep_their_middle_figure(resources):
    found = extract_quantities("Between 300 and 500 troops arrived at the border.", resources.lexicon.units)
    assert [(q.category, q.best) for q in found] == [("personnel", 400)]


@pytest.mark.parametrize(
    "sentence,dead",
    [
        ("Gunmen fired on the post but no one was killed.", 0),
        ("Not one soldier was killed in the attack.", 0),
        ("There were no casualties among the guards.", 0),
        ("No victims were reported after the shooting.", 0),
        ("Officials said no one was wounded.", None),
    ],
)
def test_no_one_killed_is_a_count_of_no_dead_and_no_wounded(resources, sentence, dead):
    assert _deaths(sentence, resources.lexicon.units) == dead and _wounded(sentence, resources.lexicon.units) is None


def test_no_dead_of_one_kind_leaves_the_dead_of_another(resources):
    assert _deaths("Two soldiers were killed but there were no civilian casualties.", resources.lexicon.units) == 2


@pytest.mark.parametrize(
    "sentence", ["Officials said 41 people, including 10 border guards, had died in the clashes.", "41 people have died in the clashes so far."]
)
def test_a_perfect_tense_death_counts(resources, sentence):
    assert _deaths(sentence, resources.lexicon.units) == 41


@pytest.mark.parametrize(
    "sentence,dead",
    [
        ("Two people, a man and a woman, were killed in the shelling.", 2),
        ("Three civilians, two women and a child, died in the attack.", 3),
    ],
)
def test_a_list_that_says_who_a_count_were_is_not_more_of_them(resources, sentence, dead):
    assert _deaths(sentence, resources.lexicon.units) == dead


@pytest.mark.parametrize(
    "sentence,dead",
    [
        ("Seven soldiers were killed, along with two civilians, in the fighting.", 9),
        ("Three soldiers as well as a civilian were killed in the fighting.", 4),
        ("Two guards together with a driver were killed.", 3),
    ],
)
def test_casualties_added_with_along_with_or_as_well_as_count(resources, sentence, dead):
    assert _deaths(sentence, resources.lexicon.units) == dead


@pytest.mark.parametrize(
    "sentence,dead",
    [
        ("The shelling killed 13 people, nine of them civilians.", 13),
        ("The shelling killed 13 people, among them nine civilians.", 13),
    ],
)
def test_a_part_of_the_dead_is_not_more_dead(resources, sentence, dead):
    assert _deaths(sentence, resources.lexicon.units) == dead


@pytest.mark.parametrize(
    "sentence,dead",
    [
        ("Twenty-three people were killed in the clashes.", 23),
        ("The clashes killed thirty one people.", 31),
        ("Sixty-two soldiers and four civilians were killed.", 66),
    ],
)
def test_number_words_of_a_ten_and_a_unit_count_whole(resources, sentence, dead):
    assert _deaths(sentence, resources.lexicon.units) == dead


def test_number_words_of_a_ten_and_a_unit_are_no_ordinal():
    from geomap.events.quantities import parse_number

    assert parse_number("forty-seven") == 47 and parse_number("twenty-first") is None


@pytest.mark.parametrize(
    "sentence,dead",
    [
        ("Two guards of the neighbouring country were killed in the raid.", 2),
        ("Four servicemen of the Uzbek border troops died in the shelling.", 4),
        ("Three policemen were shot and killed at the checkpoint.", 3),
        ("Two guards were gunned down by smugglers overnight.", 2),
        ("Five soldiers were martyred in the attack.", 5),
    ],
)
def test_whose_the_dead_were_and_other_verbs_of_killing(resources, sentence, dead):
    assert _deaths(sentence, resources.lexicon.units) == dead


def test_a_possessive_may_stand_between_the_verb_and_its_count(resources):
    assert _deaths("Soldiers killed the gang's three leaders in the raid.", resources.lexicon.units) == 3


@pytest.mark.parametrize(
    "sentence",
    [
        "The shelling killed 30 people, 18 on one side and 12 on the other.",
        "The clashes killed 30 people, 18 in the first village and 12 in the second.",
    ],
)
def test_where_the_dead_fell_splits_the_count_without_adding_to_it(resources, sentence):
    assert _deaths(sentence, resources.lexicon.units) == 30


@pytest.mark.parametrize(
    "sentence",
    [
        "The wounded driver died in hospital overnight.",
        "The Uzbek border guard was killed by a sniper.",
        "A wounded soldier later succumbed to his injuries.",
        "Sergeant-Major Ali Rahimov was killed at the post.",
    ],
)
def test_one_person_named_by_the_singular_or_by_rank_is_one_death(resources, sentence):
    assert _deaths(sentence, resources.lexicon.units) == 1


def test_a_list_of_ranks_and_names_counts_every_name(resources):
    sentence = "Lieutenant-Colonel Ali Karimov, private soldier Bek Nazarov and private soldier Umed Saidov were killed."
    assert _deaths(sentence, resources.lexicon.units) == 3


@pytest.mark.parametrize(
    "sentence,dead",
    [
        ("Twelve fighters, most of the raiding party, were killed in the clash.", 12),
        ("Nine attackers, all of them foreigners, died in the shootout.", 9),
        ("One border ensign was also killed in the clash.", 1),
        ("A protester died in hospital on Tuesday.", 1),
    ],
)
def test_asides_on_a_part_and_people_of_other_ranks_and_roles(resources, sentence, dead):
    assert _deaths(sentence, resources.lexicon.units) == dead


@pytest.mark.parametrize("headline", ["Kyrgyz Soldier Killed In Shootout On Tajik Border", "Tajik border guard dies in clash with smugglers"])
def test_a_headline_of_one_person_killed_is_one_death(resources, headline):
    assert _deaths(headline, resources.lexicon.units) == 1


def test_a_headline_of_people_killed_without_a_count_has_none(resources):
    assert _deaths("Tajik Guards Killed In Fight On Afghan Border", resources.lexicon.units) is None


@pytest.mark.parametrize(
    "sentence,dead",
    [
        ("In all, 30 people were killed, 18 villagers and 12 soldiers.", 30),
        ("Twelve people died, seven Uzbeks and five Kyrgyz.", 12),
        ("Three guards were killed and two militants died in the clash.", 5),
    ],
)
def test_counts_that_add_up_to_a_count_before_them_are_its_parts(resources, sentence, dead):
    assert _deaths(sentence, resources.lexicon.units) == dead


@pytest.mark.parametrize(
    "sentence,dead",
    [
        ("A local official said no one has been killed in the attack.", 0),
        ("The guards fired back and were not hurt, the official said.", 0),
        ("Five people were wounded and one of the security forces was killed.", 1),
        ("Airstrike Kills Taliban Shadow Governor In North", 1),
        ("So-Called Commander of Militants Killed", 1),
        ("A district police chief was killed in the ambush.", 1),
        # a hedge between the auxiliary and the verb still tells one death
        ("A shepherd was allegedly killed near the river by the guards.", 1),
    ],
)
def test_more_ways_of_telling_no_dead_or_one(resources, sentence, dead):
    assert _deaths(sentence, resources.lexicon.units) == dead


@pytest.mark.parametrize(
    "sentence,dead",
    [
        ("The militant commander was killed along with another 6 fighters in a raid.", 7),
        ("The gang leader with his three men was killed by police.", 4),
        ("Two soldiers were killed along with three civilians.", 5),
    ],
)
def test_one_person_with_others_counts_them_all(resources, sentence, dead):
    assert _deaths(sentence, resources.lexicon.units) == dead


@pytest.mark.parametrize(
    "sentence,dead",
    [
        # people of any trade, with any manner adverb
        ("Four foreign engineers were tragically killed when the convoy was ambushed.", 4),
        ("Two Kazakh employees were killed at the quarry.", 2),
        # whose they were, at some length
        ("Three workers of the state power utility company were killed by the blast.", 3),
        # what they were doing when it happened
        ("Two local farmers tending their fields near the river were killed by sniper fire.", 2),
        # more words before the noun, but not past a second count
        ("About 40 armed and masked Taliban fighters were killed in the raid.", 40),
        ("Several attackers and three Uzbek soldiers were killed in the firefight.", 3),
        # "claimed (the) lives of", "another"
        ("The shelling claimed lives of five shepherds near the pass.", 5),
        ("Last spring another Kyrgyz soldier was killed at the same post.", 1),
    ],
)
def test_people_of_any_trade_doing_anything_are_counted_dead(resources, sentence, dead):
    assert _deaths(sentence, resources.lexicon.units) == dead


@pytest.mark.parametrize(
    "sentence,dead,wounded",
    [
        ("A Kazakh border guard has died of his injuries in hospital.", 1, None),
        ("A Turkmen soldier was mortally wounded in the exchange of fire.", 1, None),
        ("A Turkmen soldier was wounded in the exchange of fire.", None, 1),
        ("The body of a missing herder was found in the gorge on Friday.", 1, None),
        ("Provincial police chief of Baghlan was reportedly killed by a roadside bomb.", 1, None),
    ],
)
def test_one_death_told_without_a_number(resources, sentence, dead, wounded):
    assert (_deaths(sentence, resources.lexicon.units), _wounded(sentence, resources.lexicon.units)) == (dead, wounded)


@pytest.mark.parametrize(
    "sentence,dead",
    [
        ("Four soldiers from a special-forces unit and a police officer were killed in the fighting.", 5),
        ("Over 30 people in the northern villages and 12 others in the southern district were killed.", 42),
        ("A top commander and nine men under his command were killed in the province.", 10),
        ("Two guards and a driver have been reported killed.", 3),
        ("Three security forces and two local police officers were killed in the attack.", 5),
    ],
)
def test_members_of_a_list_may_say_where_or_whose_they_are(resources, sentence, dead):
    assert _deaths(sentence, resources.lexicon.units) == dead


def test_a_modifier_does_not_swallow_the_next_member_nor_the_verb(resources):
    units = resources.lexicon.units
    assert _wounded("Two soldiers of the 201st base and a civilian were wounded in the blast.", units) == 3
    assert _deaths("The two forces clashed and five soldiers were killed.", units) == 5


@pytest.mark.parametrize(
    "sentence,dead",
    [
        ("A senior commander was surrounded by the Taliban and killed along with 9 people under his command.", 10),
        ("The commander was killed along with 9 of his men.", 10),
        ("Seven soldiers were killed along with two civilians.", 9),
    ],
)
def test_one_killed_along_with_others_is_one_more(resources, sentence, dead):
    assert _deaths(sentence, resources.lexicon.units) == dead


@pytest.mark.parametrize(
    "sentence",
    [
        "The group has confirmed the death of its top commander in the battles.",
        "The killing of a Tajik border guard sparked protests.",
        "A suspected suicide bomber was killed early on Friday near the stadium.",
        "A conscript shot to death a 22-year-old officer with his rifle.",
    ],
)
def test_the_death_of_one_person_and_other_ways_of_telling_it(resources, sentence):
    assert _deaths(sentence, resources.lexicon.units) == 1


def test_bombers_in_the_plural_stay_aircraft(resources):
    found = extract_quantities("Four bombers were deployed to the base.", resources.lexicon.units)
    assert [(q.category, q.best) for q in found] == [("aircraft", 4)]


@pytest.mark.parametrize(
    "sentence,dead",
    [
        ("The operation began after two dozen government soldiers were killed in an ambush.", 24),
        ("A dozen soldiers were killed.", 12),
        ("Thirteen Afghans and two Tajik nationals were killed.", 15),
        ("Two soldiers and a police officer were among those killed.", 3),
        ("Three guards and two civilians were among the dead.", 5),
    ],
)
def test_dozens_nationals_and_those_among_the_dead(resources, sentence, dead):
    assert _deaths(sentence, resources.lexicon.units) == dead


@pytest.mark.parametrize(
    "sentence",
    ["The Tajik military denied that anyone was killed by friendly fire.",
     "Security forces killed a number of Tajik and Pakistani nationals."],
)
def test_a_nationality_adjective_is_no_one_killed(resources, sentence):
    assert _deaths(sentence, resources.lexicon.units) != 1


def test_a_count_of_dozens_of_anything(resources):
    found = extract_quantities("Two dozen trucks crossed the bridge.", resources.lexicon.units)
    assert [(q.category, q.best) for q in found] == [("vehicles", 24)]


def test_a_count_joined_to_the_dead_with_a_wounding_verb_of_its_own_is_wounded(resources):
    units = resources.lexicon.units
    sentence = "At least 13 people were dead and dozens more were left injured after the quake."
    assert (_deaths(sentence, units), _wounded(sentence, units)) == (13, 12)
    assert (_deaths("One was killed and four wounded.", units), _wounded("One was killed and four wounded.", units)) == (1, 4)


@pytest.mark.parametrize(
    "sentence,dead",
    [
        ("The operation was conducted after the murder of General Abdullo Nazarov.", 1),
        ("The government reported the loss of 17 troops.", 17),
        ("The strike left the shadow governor dead along with at least 15 insurgents.", 16),
        ("A security services officer was earlier that day killed during an armed clash.", 1),
        ("Radio Ozodi named the killed officer as Komron Rajabzoda.", 1),
        ("As a result, one of the guards was killed, the committee said.", 1),
    ],
)
def test_more_ways_of_telling_the_dead(resources, sentence, dead):
    assert _deaths(sentence, resources.lexicon.units) == dead


def test_what_was_lost_or_nearly_happened_is_no_death(resources):
    units = resources.lexicon.units
    assert [(q.category, q.best) for q in extract_quantities("The army reported the loss of three helicopters.", units)] == [("helicopters", 3)]
    assert _deaths("The soldier was nearly killed.", units) is None
    assert _deaths("The officer was not killed.", units) == 0
    assert _wounded("One of the soldiers was wounded.", units) == 1


@pytest.mark.parametrize(
    "sentence",
    [
        "Two commanders of the insurgents are also among the individuals killed in the operations.",
        "Guards killed the intruders, but two of their border guards also lost their lives during the clash.",
    ],
)
def test_counted_dead_among_those_killed_or_also_lost(resources, sentence):
    assert _deaths(sentence, resources.lexicon.units) == 2


@pytest.mark.parametrize(
    "sentence,dead",
    [
        ("Her husband, Karim Nazarov, a teacher at a local school, was killed on September 14.", 1),
        ("But someone from there took a shot and killed him, she said.", 1),
        ("He was killed by a car bomb on Tuesday.", 1),
        ("A local commander named Kamal Haidari was among the killed, he said.", 1),
        ("In December, a car bombing killed the province's police chief as he drove to work.", 1),
        ("Two NATO troops and four Afghans killed by suicide bombing in the north", 6),
        ("Over one hundred people were killed in the blast.", 100),
    ],
)
def test_one_named_or_pronoun_victim_a_headline_list_and_hundreds(resources, sentence, dead):
    assert _deaths(sentence, resources.lexicon.units) == dead


def test_a_count_joined_to_the_dead_by_a_verb_of_another_kind_is_no_one(resources):
    units = resources.lexicon.units
    assert _deaths("Over 200 people were killed and thousands of houses were destroyed in the floods.", units) == 200
    assert _deaths("Guards said two smugglers were killed and two were detained.", units) == 2
    assert _deaths("He was not killed.", units) == 0


@pytest.mark.parametrize(
    "sentence,dead",
    [
        ("The car bombing killed the deputy governor and his driver.", 2),
        ("The commander and two guards were killed in the ambush.", 3),
        ("The soldiers killed the smuggler and detained two others.", 1),
    ],
)
def test_victims_named_by_their_office(resources, sentence, dead):
    assert _deaths(sentence, resources.lexicon.units) == dead
