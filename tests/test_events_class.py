"""Event classes by kind of phrasing (geomap.events.reading, geomap.events.incidents).

Each test states one rule with made-up sentences worded in several ways: the rule is about
the kind of phrasing, not one sentence of the development set.
"""

from __future__ import annotations

from datetime import date

from geomap.events.reading import choose_class, trigger_hits
from geomap.pipeline import parse_text

DAY = date(2025, 6, 12)  # a Thursday


def _class(text: str, resources) -> str:
    choice = choose_class(trigger_hits(text, resources.lexicon), resources.lexicon, text)
    assert choice is not None, text
    return choice.event_class


def _classes(text: str, resources, day: date = DAY) -> list[str]:
    return [e.event_class for e in parse_text(text, day, resources).events]


# ---------------------------------------------------------------- follow-up sentences


def test_a_shooting_takes_the_class_of_the_incident_it_belongs_to(resources):
    exchanged = "Tajik and Afghan border guards exchanged fire near Panj on Monday. The shooting lasted two hours."
    assert _classes(exchanged, resources) == ["armed_clash", "armed_clash"]
    clashed = "Border guards clashed with a group of smugglers near the village of Kavo on Tuesday. The shooting went on until dawn, officials said."
    assert _classes(clashed, resources) == ["armed_clash", "armed_clash"]
    fought = "Kyrgyz and Tajik troops fought near Vorukh on Friday. Residents said the shooting could be heard for hours."
    assert _classes(fought, resources) == ["armed_clash", "armed_clash"]
    one_sided = "A policeman fired a pistol at a group of villagers in Khorog on Sunday. The shooting happened near the market."
    assert _classes(one_sided, resources) == ["attack", "attack"]


def test_harm_with_no_harm_told_in_its_incident_keeps_its_own_class(resources):
    # a protest or a flight told before did not hurt anyone: the deaths are harm of their own
    after_rally = "Hundreds of residents rallied in Khorog on Sunday. Two people were killed in Khorog that night."
    assert _classes(after_rally, resources)[-1] == "attack"
    after_march = "Farmers marched in protest through Ishkashim on Monday. Later three men were wounded in Ishkashim, police said."
    assert _classes(after_march, resources)[-1] == "attack"
    after_flight = "Dozens of families fled the village of Andarob on Friday. Four of them were killed on the road out of Andarob."
    assert _classes(after_flight, resources)[-1] == "attack"


def test_a_cue_that_describes_a_place_tells_no_event_of_the_sentence(resources):
    assert _classes("Two soldiers were killed in a valley where the government is building a new road.", resources) == ["attack"]
    assert _classes("Three guards were wounded near a village where workers are constructing a canal.", resources) == ["attack"]
    assert _classes("The shootings were in a district where Tajikistan is constructing a new bridge.", resources) == ["attack"]
    # after a comma, a "where" clause may go on with the story: a second event
    assert _classes("Hundreds of farmers rallied in Khorog, where police later detained their leaders.", resources) == ["protest", "arrest"]


def test_what_usually_happens_at_a_place_is_no_second_event(resources):
    assert _classes("Troops were sent to the valley, where smugglers usually cross into Tajikistan.", resources) == ["deployment"]
    assert _classes("Kyrgyzstan closed the Kayragach crossing, where clashes have broken out time and again.", resources) == ["border_crossing_status"]
    over_the_years = "The bodies were handed over at the checkpoint, where there have been many clashes over the years."
    assert _classes(over_the_years, resources) == ["other"]


def test_the_harm_of_an_incident_told_before_takes_its_class(resources):
    resulted = "Tajik and Afghan border guards exchanged fire near Panj on Monday. Officials confirmed the incident left several casualties."
    assert _classes(resulted, resources) == ["armed_clash", "armed_clash"]
    none = "Kyrgyz and Tajik guards clashed near Vorukh on Friday. There were no victims among the Kyrgyz guards, the border service said."
    assert _classes(none, resources) == ["armed_clash", "armed_clash"]


# ---------------------------------------------------------------- one-sided violence


def test_a_killing_of_civilians_in_a_clash_story_is_an_attack(resources):
    clash = "Tajik and Kyrgyz troops clashed at the border on Monday. Kyrgyz troops killed a farmer in Vorukh, the ministry said."
    assert _classes(clash, resources) == ["armed_clash", "attack"]
    fighting = "Fighting broke out near Kok-Tash on Friday. Soldiers gunned down three villagers, residents said."
    assert _classes(fighting, resources) == ["armed_clash", "attack"]
    shootout = "Taliban fighters and Turkmen guards exchanged fire near the border on Sunday. The guards had shot dead two shepherds the day before, Taliban officials said."
    assert _classes(shootout, resources) == ["armed_clash", "attack"]


def test_arson_and_killings_told_in_headline_present_are_attacks(resources):
    assert _class("Gunmen Kill Two Chinese Workers Near Afghan Border", resources) == "attack"
    assert _class("Rebels Kill Five Soldiers Near Border Town", resources) == "attack"
    assert _class("Unknown assailants set fire to a border post.", resources) == "attack"
    assert _class("The attackers set the car ablaze and fled.", resources) == "attack"
    # a crowd doing it is a riot
    assert _class("Protesters set fire to the police station.", resources) == "riot"


def test_shots_fired_at_people_in_the_passive_are_an_attack(resources):
    assert _class("Several shots were fired towards the villagers from the Tajik side.", resources) == "attack"
    came_under_fire = "Police came under fire near Khorog on Sunday. Shots were also fired towards residents of the town."
    assert _classes(came_under_fire, resources) == ["armed_clash", "attack"]
    assert _class("A volley was fired towards the farmers from across the river.", resources) == "attack"


def test_casualties_told_without_a_count_or_with_a_grave_wound_are_harm(resources):
    assert _class("Two of the guards were fatally wounded, officials said.", resources) == "attack"
    assert _class("There are dead and wounded on both sides, the ministry said.", resources) == "attack"
    clash = "Kyrgyz and Tajik guards clashed near Vorukh on Monday. There are dead and wounded on both sides, the ministry said."
    assert _classes(clash, resources) == ["armed_clash", "armed_clash"]


def test_a_kidnapping_told_in_the_present_is_an_attack(resources):
    assert _class("Gangs kidnap shepherds near the border and demand ransom, officials say.", resources) == "attack"
    assert _class("Smugglers often kidnap villagers who owe them money, police say.", resources) == "attack"
    assert _class("The group kidnaps farmers on both sides of the river, residents say.", resources) == "attack"


# ---------------------------------------------------------------- who moves


def test_forces_on_the_move_are_not_displaced_people(resources):
    assert _class("Hundreds of soldiers poured into the border town of Ishkashim on Sunday.", resources) == "deployment"
    assert _class("Thousands of troops poured into the province ahead of the offensive.", resources) == "deployment"
    assert _class("Four Kyrgyz border guards crossed the border illegally near Vorukh.", resources) == "border_incident"
    assert _class("Dozens of Afghan soldiers crossed into Uzbekistan on Sunday.", resources) != "displacement"
    assert _class("Tajik servicemen were evacuated from the outpost after the avalanche.", resources) == "withdrawal"
    # people who are not forces still are
    assert _class("Hundreds of villagers poured into Ishkashim after the fighting.", resources) == "displacement"
    assert _class("Afghan families crossed the border into Tajikistan, fleeing the fighting.", resources) == "displacement"


def test_soldiers_fleeing_across_a_border_are_a_withdrawal(resources):
    assert _class("Afghan troops abandoned their positions and crossed into Tajikistan.", resources) == "withdrawal"
    assert _class("Dozens of government soldiers fled the fighting and crossed the river into Uzbekistan.", resources) == "withdrawal"
    assert _class("Border guards retreated and illegally crossed into Tajik territory, officials said.", resources) == "withdrawal"
    assert _class("Smugglers crossed into Tajikistan near Panj.", resources) == "border_incident"


def test_a_counted_body_of_troops_that_crosses_a_border_withdraws(resources):
    # numbers of soldiers crossing into a neighbour are told of a flight, even with no flight verb
    assert _class("More than 200 government troops have crossed the Uzbek border, its border service said.", resources) == "withdrawal"
    assert _class("Some 450 Afghan servicemen crossed into Turkmen territory overnight.", resources) == "withdrawal"
    assert _class("Hundreds of army soldiers entered Tajikistan after their post was overrun.", resources) == "withdrawal"
    # guards who stray over the line, and armed men who cross, stay border incidents
    assert _class("Three Kyrgyz border guards crossed the border near Isfara.", resources) == "border_incident"
    assert _class("Twelve armed men crossed into Tajik territory from Afghanistan.", resources) == "border_incident"


def test_people_who_cross_illegally_are_a_border_incident_unless_they_flee(resources):
    assert _class("Two Afghan nationals illegally crossed into Tajikistan on Sunday.", resources) == "border_incident"
    assert _class("Seven Afghan citizens illegally crossed the Panj river into Tajikistan.", resources) == "border_incident"
    assert _class("Dozens of people illegally crossed into Kazakhstan last week, police said.", resources) == "border_incident"
    assert _class("Hundreds of Afghan families crossed into Tajikistan fleeing the fighting.", resources) == "displacement"


def test_people_detained_for_crossing_illegally_are_an_arrest(resources):
    assert _class("Border guards detained three Afghans for illegally crossing the border.", resources) == "arrest"
    assert _class("Police arrested two Tajiks who had illegally crossed into Kyrgyzstan.", resources) == "arrest"
    assert _class("Uzbek guards detained five Afghans who were trying to cross the river illegally.", resources) == "arrest"


# ---------------------------------------------------------------- statement or content


def test_a_complaint_is_a_statement_about_what_happened(resources):
    assert _classes("The minister complained that Afghan refugees had been sent back across the border.", resources)[0] == "statement"
    assert _class("Farmers complained that border guards had closed the crossing without warning.", resources) == "statement"
    assert _class("Kyrgyz officials are complaining that Tajik troops moved closer to the disputed road.", resources) == "statement"


def test_an_allegation_is_a_statement_about_what_happened(resources):
    assert _classes("Dushanbe alleged that Kyrgyz troops had opened fire first.", resources) == ["statement", "armed_clash"]
    assert _classes("The Taliban alleged that Tajik guards had shelled their positions.", resources) == ["statement", "attack"]
    assert _class("Kyrgyz media are alleging that Tajik forces seized a border post.", resources) == "statement"
    # an alleged party is no speech act
    assert _class("Alleged smugglers were detained near the river.", resources) == "arrest"


def test_dismissing_reports_is_a_denial_and_standing_ready_to_help_a_pledge(resources):
    assert _class("The Kremlin dismissed reports that Russian troops would be deployed to Afghanistan.", resources) == "statement"
    assert _class("Kabul dismissed as groundless claims that its fighters had crossed the border.", resources) == "statement"
    assert _class("The CSTO is ready to help Tajikistan if the situation deteriorates.", resources) == "statement"
    assert _class("Russia stands ready to provide military assistance to Dushanbe, the minister said.", resources) == "statement"
    assert _class("The soldier dismissed from the army was later arrested.", resources) == "arrest"


def test_what_is_hoped_for_is_a_statement_and_no_event(resources):
    assert _classes("Dushanbe hopes that Moscow will send more troops to the border.", resources) == ["statement"]
    assert _classes('"We hope for an early reopening of the crossing," the governor said.', resources) == ["statement"]
    assert _classes("Officials are hoping that the drills will calm the situation.", resources) == ["statement"]


def test_protesters_who_speak_make_a_statement_whatever_comes_between(resources):
    assert _class("The protesters, in turn, said they would not leave the square.", resources) == "statement"
    assert _class("Demonstrators, however, insisted that the governor resign.", resources) == "statement"
    assert _class("The protestors, for their part, told reporters the police had beaten them.", resources) == "statement"
    assert _class("Protesters blocked the road to the airport on Monday.", resources) == "protest"


def test_protests_told_as_having_happened_are_a_protest(resources):
    assert _class("A statement said there had been protests against the eradication campaign in Argo.", resources) == "protest"
    assert _class("Protests were held in three districts of Badakhshan on Friday.", resources) == "protest"
    assert _class("Farmers staged protests outside the district office, local media said.", resources) == "protest"
    # a diplomatic protest is a statement
    assert _class("Tajikistan protested to Kyrgyzstan over the incident, the foreign ministry said.", resources) == "statement"


def test_protesters_named_through_their_representatives_are_a_party_of_another_event(resources):
    assert _class("The governor was negotiating with some 40 representatives of protesters in his office.", resources) == "agreement_meeting"
    assert _class("Officials negotiated with leaders of the demonstrators late into the night.", resources) == "agreement_meeting"
    assert _class("Police detained two leaders of the protesters on Monday.", resources) == "arrest"
    assert _class("Representatives of the protesters met the deputy prime minister in Khorog.", resources) == "agreement_meeting"
    assert _class("Hundreds of protesters gathered outside the governor's office.", resources) == "protest"


def test_what_the_sides_agreed_to_do_is_the_content_of_an_agreement(resources):
    assert _classes("Kyrgyz and Tajik officials agreed to withdraw troops from the border.", resources) == ["agreement_meeting"]
    assert _classes("The two sides agreed on the reopening of all crossings on the border.", resources) == ["agreement_meeting"]
    assert _classes("The sides signed an agreement on the withdrawal of heavy weapons from the frontier.", resources) == ["agreement_meeting"]
    assert _classes("The leaders reached an agreement to deploy a joint monitoring force.", resources) == ["agreement_meeting"]
    # an event done after an agreement is that event
    assert _class("Tajik troops withdrew from the area after the sides agreed to a ceasefire.", resources) == "withdrawal"


def test_a_meeting_to_come_is_a_meeting_and_meeting_standards_is_not(resources):
    assert _class("The two presidents will meet in Dushanbe next week.", resources) == "agreement_meeting"
    assert _class("Kyrgyz and Tajik foreign ministers are due to meet in Batken on Friday.", resources) == "agreement_meeting"
    assert _class("Border commissions of the two countries would meet again in March, the ministry said.", resources) == "agreement_meeting"
    assert _class("The new checkpoint will meet international standards, officials said.", resources) == "statement"


def test_leaders_of_several_states_who_gather_hold_a_meeting(resources):
    assert _class("Military leaders from the four countries gathered in Urumqi on August 4 to announce the alliance.", resources) == "agreement_meeting"
    assert _class("Security chiefs of the Central Asian states gathered in Bishkek on Tuesday.", resources) == "agreement_meeting"
    assert _class("Presidents of the five republics convened for a summit in Astana, officials said.", resources) == "agreement_meeting"
    assert _classes("Taliban commanders gathered their fighters near the border.", resources) == ["deployment"]


def test_an_earlier_event_named_by_its_date_yields_to_the_event_told(resources):
    assert _class("Last month's clashes prompted Bishkek to seal the border with Tajikistan.", resources) == "border_crossing_status"
    assert _class("The 2021 Taliban takeover prompted Tajikistan to mobilise 20,000 reservists.", resources) == "deployment"
    assert _class("Last year's fighting led Kyrgyzstan to send more troops to Batken.", resources) == "deployment"
    # alone, the dated event is what the sentence tells
    assert _class("Last year's clashes killed more than 100 people, the report said.", resources) == "armed_clash"
    assert _class("The 2010 clashes left 20 dead.", resources) == "armed_clash"


def test_an_event_said_to_have_changed_things_is_an_assessment(resources):
    assert _class("Analysts say the 2021 Taliban takeover has changed the security situation in Central Asia.", resources) == "statement"
    assert _class("The clashes have strained relations between the two countries.", resources) == "statement"
    assert _class("The Taliban takeover of the district has complicated life for residents.", resources) == "statement"
    assert _class("The closure of the crossing has strained trade between the two countries.", resources) == "statement"


def test_a_fall_in_trade_or_numbers_is_no_place_taken(resources):
    assert _class("Trade has fallen since the 2022 border war, traders say.", resources) == "statement"
    assert _class("Exports to Afghanistan have fallen by a third, officials said.", resources) == "statement"
    assert _class("Prices have fallen sharply in the border markets, residents said.", resources) == "statement"
    assert _class("Kunduz has fallen to the Taliban, officials said.", resources) == "territorial_control"


def test_what_forces_stand_ready_for_is_not_the_event(resources):
    assert _classes("Reservists were told to stay on alert for possible deployment to the border.", resources) == ["alert_raised"]
    assert _classes("Extra border guards were deployed to the valley in the event of fighting near the town.", resources) == ["deployment"]
    assert _classes('"Our forces are prepared for an attack on the crossing," the commander said.', resources) == ["statement"]
    assert _classes("Villages near the border are bracing for renewed shelling, residents said.", resources) == ["statement"]


def test_what_a_speaker_is_asked_about_is_not_the_event(resources):
    assert _classes("Asked about the reported airstrike, a border guard spokesman said he could not confirm it.", resources) == ["statement"]
    assert _classes("Questioned about the clashes near Vorukh, the governor said the situation was calm.", resources) == ["statement"]
    assert _classes("Asked whether more troops would be deployed to the border, the minister said no decision had been taken.", resources) == ["statement"]
    # the answer may tell an event of its own
    assert _class("Asked about the talks, he said the shelling of the village had killed two people.", resources) == "attack"


def test_a_report_is_looked_through_to_a_weak_event_cue_of_its_content(resources):
    # what is reported tells an event, even one only a weak cue names
    assert _class("The ministry said that a meeting of the two border commanders took place at the bridge.", resources) == "agreement_meeting"
    assert _class("Officials say the last refugees have left the camp near Kulob.", resources) == "displacement"
    assert _class("According to a local source, the government forces have left the district centre to the rebels.", resources) == "withdrawal"
    assert _class("The two countries signed another agreement on water use, the press service said.", resources) == "agreement_meeting"


def test_what_a_delegation_did_is_a_visit(resources):
    assert _class("A spokesman said the delegation had inspected the consulate in Khorog.", resources) == "agreement_meeting"
    assert _class("The border chief is also part of the delegation, the ministry said.", resources) == "agreement_meeting"
    # who leads a delegation describes it
    assert _classes("The delegation was headed by the deputy minister.", resources) == []


def test_a_report_of_a_state_or_a_judgement_is_a_statement(resources):
    # a state (existential clause, a party named as what it is) is no event of the report
    assert _class("There is no room for more refugees in the district, the governor said.", resources) == "statement"
    assert _class("Local people say there have always been smugglers on this stretch of the river.", resources) == "statement"
    assert _class("The police said the two men were smugglers.", resources) == "statement"
    # nor is a judgement of an event named
    assert _class("The deputy minister said the talks were very useful.", resources) == "statement"
    # nor an event only named: the place of the report, one asked about, one stood ready for
    assert _class("He spoke at a press conference in the capital, the agency said.", resources) == "statement"
    assert _class("Asked about the refugees, the governor said he had nothing to add.", resources) == "statement"
    assert _class("Border posts are prepared for a possible meeting, a source said.", resources) == "statement"


def test_shots_fired_in_a_report_are_the_event_reported(resources):
    # firing back is two-sided; shots fired, told in the passive, are one side's fire
    assert _class('"Our guards fired back at the smugglers," the border service said.', resources) == "armed_clash"
    assert _class("Shots were fired from the Afghan bank at a patrol, the committee said.", resources) == "attack"
    assert _class("A herder was hurt by a shot fired by unknown men near the post, police say.", resources) == "attack"
    # warning shots and shots into the air hit no one: an incident at the border, of the class
    # its incident is told with when the article tells one
    assert _class("Warning shots were fired, the border service said.", resources) == "border_incident"
    assert _class("Shots were fired into the air to disperse the crowd, officials said.", resources) != "attack"


def test_a_report_that_an_act_was_not_done_is_a_denial(resources):
    assert _class("The Uzbek side says its guards did not open fire on the herders.", resources) == "statement"
    assert _class("According to the ministry, the troops did not take part in the fighting near the village.", resources) == "statement"
    assert _class("Officials said the Taliban never attacked the post.", resources) == "statement"
    # the event told, with a negation elsewhere in the sentence, is still the event
    assert _class("Guards opened fire on the smugglers, officials said, adding that no guards were hurt.", resources) == "attack"


# ---------------------------------------------------------------- military moves


def test_an_area_cordoned_off_is_a_security_measure(resources):
    assert _class("Police cordoned off the area around the market.", resources) == "alert_raised"
    assert _class("Troops sealed off the village after the attack.", resources) == "alert_raised"
    assert _class("The area has been cordoned off, officials said.", resources) == "alert_raised"
    assert _class("Security forces set up a cordon around the district centre.", resources) == "alert_raised"
    assert _class("Uzbekistan sealed off its border with Afghanistan.", resources) == "border_crossing_status"


def test_armed_men_gathering_near_a_border_are_a_deployment(resources):
    assert _class("Hundreds of Taliban fighters have gathered near the Tajik border.", resources) == "deployment"
    assert _class("Armed militants gathered at the border in large numbers, local officials said.", resources) == "deployment"
    assert _class("Kyrgyz troops have been concentrated close to the border with Tajikistan.", resources) == "deployment"
    assert _class("Residents gathered near the border crossing to protest its closure.", resources) == "protest"


def test_hardware_sent_to_a_border_is_a_deployment_not_a_transfer(resources):
    assert _class("Uzbekistan is sending tanks and artillery to its border with Afghanistan.", resources) == "deployment"
    assert _class("Attack helicopters were dispatched to the frontier after the incursion.", resources) == "deployment"
    assert _class("Turkmenistan moved air defence systems closer to the Afghan border on Monday.", resources) == "deployment"
    # a delivery to another state's forces stays a transfer, border forces included
    assert _class("Russia delivered 20 armoured vehicles to Tajik border troops.", resources) == "arms_transfer"
    assert _class("China supplied drones and night-vision equipment to Tajikistan's border service.", resources) == "arms_transfer"


def test_a_return_to_base_after_the_end_of_drills_is_a_withdrawal(resources):
    # the drills only say when it happened: no second event either
    assert _classes("Upon completion of the drills, the battalion returned to its permanent base.", resources) == ["withdrawal"]
    assert _classes("At the end of the exercise, the Russian jets will return to the air base in Kant.", resources) == ["withdrawal"]
    assert _classes("On completion of the manoeuvres, the units will return to the garrison in Kulob.", resources) == ["withdrawal"]
    assert _class("Upon arrival at the border, the troops took up positions near Panj.", resources) == "deployment"


def test_military_aircraft_arriving_for_drills_are_a_deployment(resources):
    assert _class("Four military helicopters arrived in Khorog on Tuesday to take part in the exercise.", resources) == "deployment"
    assert _class("Combat aircraft reached the Kant air base ahead of the manoeuvres.", resources) == "deployment"
    assert _class("Six fighter jets landed at the airfield to join the drills.", resources) == "deployment"
    assert _class("The president arrived in Dushanbe on a state visit.", resources) == "agreement_meeting"


def test_an_aircraft_that_lands_is_no_attack_and_a_forced_landing_a_border_incident(resources):
    assert _class("The crew of the damaged helicopter landed safely at Kulob airfield, officials said.", resources) == "statement"
    assert "attack" not in _classes("Two Afghan military jets landed at Termez airport on Sunday.", resources)
    assert _class("Uzbek air defences forced the landing of an Afghan military plane near Termez.", resources) == "border_incident"
    assert _class("An Afghan helicopter was forced to land after it entered Uzbek airspace.", resources) == "border_incident"
    # a drone that lands on a target is its strike
    assert _class("A Kyrgyz drone landed in a schoolyard in Vorukh, killing a child.", resources) == "attack"


# ---------------------------------------------------------------- control of territory


def test_a_place_held_under_the_takers_control_is_territorial_control(resources):
    assert _class("Most of the district is now under Taliban control, a local official said.", resources) == "territorial_control"
    assert _class("The border crossing remained under militants' control on Friday.", resources) == "territorial_control"
    assert _class("By evening the insurgents had the town under their control.", resources) == "territorial_control"
    # a situation under control is calm, nobody took it
    assert _class("The situation on the border is under full control, the ministry said.", resources) == "statement"


def test_a_named_person_captured_is_an_arrest_not_a_place_taken(resources):
    assert _class("An operation was carried out in the village of Tavdem to capture Ali Saidov, who was wanted for murder.", resources) == "arrest"
    assert _class("Police captured Karim Nazarov, who had led the gang, near the district centre.", resources) == "arrest"
    assert _class("Border troops captured Saidali Rahimov, who is accused of smuggling, in the village of Nulvand.", resources) == "arrest"
    assert _class("The Taliban captured Kunduz, which has a population of 300,000.", resources) == "territorial_control"


def test_a_district_or_post_that_collapsed_was_taken(resources):
    assert _class('"The district centre collapsed on Sunday night," a provincial council member told reporters.', resources) == "territorial_control"
    assert _class("Two border posts have collapsed to the insurgents, local officials say.", resources) == "territorial_control"
    # a building that collapsed under snow was not taken
    assert _class("The roof of the border post collapsed under the weight of snow, officials said.", resources) != "territorial_control"


# ---------------------------------------------------------------- other


def test_bodies_repatriated_or_handed_over_are_other(resources):
    assert _class("The bodies of the two men were repatriated to Kyrgyzstan on Wednesday.", resources) == "other"
    assert _class("The body of the border guard has been handed over to the Tajik side.", resources) == "other"
    assert _class("Uzbek officials returned the bodies to Kyrgyz authorities at the Dostuk checkpoint.", resources) == "other"


# ---------------------------------------------------------------- one-sided fire, headline tenses, investigations


def test_fire_opened_on_a_target_is_an_attack_and_fire_without_one_a_clash(resources):
    assert _class("A patrol helicopter opened fire on the trespassers near the river.", resources) == "attack"
    assert _class("Gunmen fired at a border post in the village of Kavo overnight.", resources) == "attack"
    assert _class("Local officials said soldiers started shooting at the outpost from the hill.", resources) == "attack"
    # no target, or fire traded: two sides fight
    assert _class("The smugglers opened fire and escaped into the darkness.", resources) == "armed_clash"
    assert _class("The two patrols opened fire on each other near the canal.", resources) == "armed_clash"
    # fire on a crowd of protesters stays the protest or riot
    assert _class("Police opened fire on demonstrators who had gathered in the square.", resources) != "attack"
    # a dismissal on a day or an order to shoot on sight is no fire at a target
    for phrase in ("The deputy minister was fired on Monday after the scandal.", "Guards were ordered to shoot on sight."):
        assert choose_class(trigger_hits(phrase, resources.lexicon), resources.lexicon, phrase) is None, phrase
    # a shooting named as a noun is no directed fire
    hits = trigger_hits("Three soldiers were killed in the shooting on the border on Monday.", resources.lexicon)
    assert not any(h.text.startswith("shooting on") for h in hits)


def test_headlines_in_the_present_tense_tell_the_event(resources):
    assert _class("Afghan border police kill three armed smugglers", resources) == "armed_clash"
    assert _class("Kyrgyz border guards kills two intruders near Batken", resources) == "armed_clash"
    assert _class("Insurgents take Khanabad district of Kunduz", resources) == "territorial_control"
    # taking part, taking a country to court or into account is no taking
    assert _class("Tajik Troops Take Part In Joint Drills", resources) == "military_exercise"
    for phrase in ("Kyrgyzstan will take Tajikistan to court over the water dispute.", "The ministry will take Uzbekistan's interests into account."):
        assert choose_class(trigger_hits(phrase, resources.lexicon), resources.lexicon, phrase) is None, phrase


def test_an_investigation_opened_or_under_way_is_other(resources):
    assert _class("Prosecutors said criminal cases have been opened.", resources) == "other"
    assert _class("The border service is investigating the shooting near Isfara.", resources) == "other"
    assert _class("A government commission has been set up to investigate the clash.", resources) == "other"
    assert _class("The ministry said it would conduct its own investigation.", resources) == "other"


def test_an_argument_suggestion_or_description_by_a_speaker_is_reported_speech(resources):
    assert _class("Farmers argue that the quotas are applied unfairly.", resources) == "statement"
    assert _class("The analyst suggested that the decision may be linked to the elections.", resources) == "statement"
    assert _class("The ministry described the men as members of a banned group.", resources) == "statement"
    assert _class("The ministry maintains that the exchange went smoothly.", resources) == "statement"
    # keeping a base is a state, not a speaker maintaining a view
    assert choose_class(trigger_hits("Moscow maintains an air base near the capital.", resources.lexicon), resources.lexicon) is None


def test_all_roads_sealed_off_or_crossings_prohibited(resources):
    assert _class("Police sealed off all roads leading to the district centre.", resources) == "alert_raised"
    assert _class("The Taliban sealed off several mountain roads into the valley.", resources) == "alert_raised"
    assert _class("Border crossings were prohibited for residents of both provinces.", resources) == "border_crossing_status"
    assert _class("Passage through the checkpoint has been halted since Monday.", resources) == "border_crossing_status"


def test_the_simulated_enemy_of_a_drill_narrative_tells_the_exercise(resources):
    assert _class("Reconnaissance units were the first to engage the mock enemy near the pass.", resources) == "military_exercise"
    assert _class("The conditional militants were surrounded and destroyed by paratroopers.", resources) == "military_exercise"
    assert _class("Troops will practise 'neutralising insurgents' who crossed in an imagined raid.", resources) == "military_exercise"


def test_unrest_that_erupted_is_a_riot(resources):
    assert _class("Unrest erupted in the district after police detained two elders.", resources) == "riot"
    assert _class("Mass disorders broke out in the town centre on Friday.", resources) == "riot"


def test_drug_crops_destroyed_by_the_authorities_are_an_eradication(resources):
    assert _class("Police began destroying opium poppy fields in the valley on Sunday.", resources) == "other"
    assert _class("Officials said teams have eradicated cannabis plantations in two districts.", resources) == "other"
    assert _class("The poppy eradication campaign started in the province this week.", resources) == "other"


def test_forces_shot_dead_by_militants_are_the_victims_of_an_attack(resources):
    assert _class("Three border guards were shot dead by militants while on patrol.", resources) == "attack"
    assert _class("Afghan soldiers have been killed by gunmen near the crossing.", resources) == "attack"
    # the forces who kill armed men fight them
    assert _class("Uzbek border troops killed two armed smugglers on the river.", resources) == "armed_clash"


def test_a_road_blocked_by_a_side_or_by_residents_is_a_blockade(resources):
    assert _class("The Kyrgyz side blocked the main road to the exclave on Monday.", resources) == "other"
    assert _class("The highway to the exclave was blocked by the other side for several hours.", resources) == "other"


def test_troops_landed_on_an_island_are_a_deployment(resources):
    assert _class("The Taliban responded by landing fighters on the island.", resources) == "deployment"
    assert _class("Helicopters landed troops on the island overnight.", resources) == "deployment"


def test_illegal_crossings_in_the_plural_are_border_incidents(resources):
    assert _class("Officials say 14 illegal border crossings were prevented this month.", resources) == "border_incident"
    assert _class("Unauthorized crossings of the frontier have been recorded near the lake.", resources) == "border_incident"


def test_flights_suspended_or_resumed_are_other(resources):
    assert _class("Flights between the two capitals will resume next week, the airline said.", resources) == "other"
    assert _class("The carrier suspended all flights to Kabul on Sunday.", resources) == "other"


def test_shots_fired_into_a_group_of_local_people_are_an_attack(resources):
    assert _class("A guard fired from the tower into a group of local young men.", resources) == "attack"


def test_infrastructure_reported_completed_is_other(resources):
    assert _class("The second section of the highway has now been completed, officials said.", resources) == "other"
    assert _class("The new bridge over the river was finally commissioned on Friday.", resources) == "other"


def test_criminals_who_escaped_are_an_escape(resources):
    assert _class("Two suspects managed to escape, the police told reporters.", resources) == "other"
    assert _class("Three inmates escaped from custody in Khujand overnight.", resources) == "other"


def test_forces_that_left_their_post_or_building_withdrew(resources):
    assert _class("Government troops have left the district headquarters, a resident said.", resources) == "withdrawal"
    assert _class("The soldiers vacated their base near the river on Sunday.", resources) == "withdrawal"


def test_fire_on_protesters_or_protesters_wounded_make_the_demonstration_a_riot(resources):
    assert _class("Police opened fire on the protesters outside the governor's office.", resources) == "riot"
    assert _class("Three demonstrators were seriously wounded, witnesses said.", resources) == "riot"
    # a crowd dispersed without harm stays a protest
    assert _class("Riot police dispersed the crowd.", resources) == "protest"


def test_a_thwarted_attempt_to_cross_is_a_border_incident_not_a_fight(resources):
    assert _class("Border troops foiled an attempt to cross the river by a group of smugglers.", resources) == "border_incident"
    assert _class("Guards thwarted two attempts to illegally cross the frontier this week.", resources) == "border_incident"
    assert _class("Guards repelled an attack on the outpost.", resources) == "armed_clash"


def test_civilians_crossing_a_border_in_a_headline_are_displaced(resources):
    assert _class("Nearly 200 Afghan Families Cross State Border Into Tajikistan", resources) == "displacement"


def test_drug_smugglers_found_are_people_not_a_seizure(resources):
    assert _class("Two drug traffickers were found hiding in a barn and shot dead by the patrol.", resources) != "drug_seizure"
    assert _class("Fifty kilograms of heroin were found in the truck.", resources) == "drug_seizure"


def test_a_flag_or_sign_put_up_in_a_border_dispute_is_other(resources):
    assert _class("Villagers from the exclave put up a national flag near the disputed spring.", resources) == "other"
    assert _class("The other side erected a road sign with the village's name on the contested road.", resources) == "other"
    assert _class("The helicopter's sudden crash killed both pilots.", resources) == "other"


def test_cleared_of_drug_charges_is_no_eradication(resources):
    hits = trigger_hits("The farmer was cleared of drug charges by the court.", resources.lexicon)
    assert not any(h.event_class == "other" and "drug" in h.text for h in hits)


def test_forces_that_responded_to_an_attack_fought_it(resources):
    assert _class("Uzbek border troops responded to an armed incursion from the island on Friday.", resources) == "armed_clash"
    assert _class("The border guards quickly responded with force to the attack on the post.", resources) == "armed_clash"
    assert _class("The ministry responded to the attack with a statement.", resources) != "armed_clash"


def test_forces_forced_across_a_border_or_seeking_refuge_withdraw(resources):
    # soldiers fleeing across a border are a withdrawal (annotation ranking note), also when
    # the flight is told as being forced across or as seeking refuge
    assert _class("Hundreds of Afghan servicemen were forced to cross the border into Tajikistan.", resources) == "withdrawal"
    assert _class("After heavy fighting, 300 government troops have been forced to cross into Uzbekistan.", resources) == "withdrawal"
    assert _class("Dozens of army soldiers sought refuge in Turkmenistan after the attack on their post.", resources) == "withdrawal"
    # civilians forced to cross are displaced, and armed men who cross are a border incident
    assert _class("Hundreds of civilians were forced to cross into Tajikistan, fleeing the fighting.", resources) == "displacement"
    assert _class("A group of armed men crossed into Tajikistan from Afghanistan.", resources) == "border_incident"


def test_urgent_is_no_appeal_but_a_call_on_someone_governs_what_it_asks_for(resources):
    # "urgent" and "urgently" describe; "urge" and "call on" ask for what has not happened
    assert _class("Troops were urgently deployed to the border after the attack.", resources) == "deployment"
    assert _class("The embassy issued an urgent alert, calling on its companies to withdraw their staff.", resources) == "statement"
    assert _class("The ministry urged residents to evacuate the villages near the border.", resources) == "statement"


# ---------------------------------------------------------------- phrasings the cues lacked


def test_a_defined_person_wounded_or_receiving_wounds_is_harm(resources):
    assert _class("The deputy commander of the outpost was reportedly wounded in the leg.", resources) == "attack"
    assert _class("A shepherd received a deep wound to the arm near the river.", resources) == "attack"
    assert _class("Two guards sustained serious injuries when their patrol came under attack.", resources) == "attack"
    # harm in an accident is no violence
    assert choose_class(trigger_hits("The driver suffered injuries in a road accident near Kulob.", resources.lexicon), resources.lexicon) is None


def test_shooting_at_guards_or_their_posts_is_one_sided_fire(resources):
    assert _class("Unidentified gunmen began to shoot at a Tajik border post overnight.", resources) == "attack"
    assert _class("Shots were reportedly fired from the Afghan bank early on Tuesday.", resources) == "attack"
    assert _class("Men in a boat fired several times towards the border guards.", resources) == "attack"
    # fire that was returned or exchanged is a clash
    assert _class("Gunmen fired at the soldiers and the soldiers returned fire.", resources) == "armed_clash"


def test_stoning_a_car_or_a_house_is_crowd_violence(resources):
    assert _class("Villagers stoned a passing car near the disputed canal.", resources) == "riot"
    assert _class("Several houses were stoned during the night.", resources) == "riot"


def test_places_that_change_hands_in_other_words(resources):
    assert _class("Militants managed to seize the city for a week last autumn.", resources) == "territorial_control"
    assert _class("Another district collapses to the Taliban", resources) == "territorial_control"
    assert _class("Government forces repelled the insurgents from the district centre on Sunday.", resources) == "territorial_control"
    assert _class("Troops drove the rebels out of the town after a week.", resources) == "territorial_control"
    assert _class("Large parts of the province were cleared of Taliban fighters, the ministry said.", resources) == "territorial_control"


def test_what_people_flee_is_the_cause_of_the_flight_not_its_event(resources):
    assert _class("Some 600 government soldiers fled into Uzbekistan on Sunday to escape heavy fighting.", resources) == "withdrawal"
    assert _class("Fearing attacks and fleeing the clashes, villagers have been leaving for the district centre.", resources) == "displacement"
    # fighting that forces people out is told as the fighting
    assert _class("Heavy fighting forced hundreds of villagers to flee their homes.", resources) == "armed_clash"


def test_armed_men_eliminated_or_liquidated_were_fought(resources):
    assert _class("Four members of the armed group were eliminated during the special operation.", resources) == "armed_clash"
    assert _class("Security forces liquidated two militants near the border.", resources) == "armed_clash"
    assert choose_class(trigger_hits("The new law eliminated tariffs for the group's members.", resources.lexicon), resources.lexicon) is None


def test_forces_that_advance_up_to_a_border_or_form_a_line_of_defence_are_deployed(resources):
    assert _class("Militant units have advanced right up to the Turkmen border, a local official said.", resources) == "deployment"
    assert _class("Columns of Taliban fighters approached the frontier overnight.", resources) == "deployment"
    assert _class("The army has established a second line of defence along the river.", resources) == "deployment"
    # talk of an approach to border security moves nobody
    assert _class("The minister outlined a new approach to border security at the meeting.", resources) != "deployment"


def test_armed_men_killed_by_security_forces_were_fought(resources):
    assert _class("Five gunmen were killed by border guards near the river, officials said.", resources) == "armed_clash"
    assert _class("The attackers were all shot dead by special forces.", resources) == "armed_clash"


def test_a_prison_sentence_or_a_conviction_is_a_court_ruling(resources):
    assert _class("A former customs officer drew a 12-year sentence for smuggling heroin.", resources) == "other"
    assert _class("The former commander was convicted of treason last week.", resources) == "other"


def test_a_clause_opened_by_as_with_a_verb_of_its_own_is_background_to_the_main_one(resources):
    # "as the militants launched an offensive" tells when the flight happened: the flight is the
    # main event, the offensive a further one
    fled = "Hundreds of villagers crossed the river into Tajikistan on Monday as the militants launched an offensive on the district."
    assert _classes(fled, resources) == ["displacement", "armed_clash"]


def test_an_alliance_named_for_a_treaty_signs_nothing(resources):
    named = "The airbase serves as a hub for the Collective Security Treaty Organization."
    assert choose_class(trigger_hits(named, resources.lexicon), resources.lexicon, named) is None
    assert _class("The two countries signed a treaty on the border on Friday.", resources) == "agreement_meeting"


def test_hoping_to_get_something_is_a_hope_said(resources):
    assert _class("“We hope to get help from our allies in the alliance.”", resources) == "statement"


def test_posts_checkpoints_and_border_infrastructure_built_reinforce_the_border(resources):
    assert _class("The plan to build the post comes amid growing threats in the region.", resources) == "base_reinforcement"
    assert _class("Officials said the donor would be building infrastructure along the border next year.", resources) == "base_reinforcement"
    assert _class("After construction, the outpost will be handed to the border guards, the embassy said.", resources) == "base_reinforcement"


def test_civilians_fleeing_across_a_border_behind_a_long_subject_are_displaced(resources):
    long_subject = (
        "On Monday, 212 Afghan citizens, including 60 men, 52 women and 100 minors (48 boys and 52 girls) from two mountain "
        "villages of the northern district, fearing persecution by armed groups and hoping to save their lives, crossed the state border."
    )
    assert _class(long_subject, resources) == "displacement"
    # armed men who cross stay a border incident, whoever flees
    assert _class("Afghan smugglers crossed the border at night, the residents said, fearing reprisals.", resources) != "displacement"


def test_forces_that_stepped_back_withdrew(resources):
    assert _class("The pass was held by foreign troops until they stepped back in 2010.", resources) == "withdrawal"


def test_hoping_to_reach_safety_tells_why_people_moved_not_a_hope_said(resources):
    assert _class("Dozens of families, hoping to reach safety, crossed the river into Tajikistan fearing the fighting.", resources) == "displacement"


def test_a_casualty_count_told_later_takes_the_class_of_its_incident(resources):
    clash = "Tajik and Kyrgyz border guards clashed near the village of Kulundu on Monday. "
    for later in (
        "The number of dead has risen to 15, officials said.",
        "The bodies of two guards were recovered from the river.",
        "Rescuers found the body of a third guard.",
        "The toll climbed to 20.",
        "Another border guard later died in hospital.",
    ):
        assert _classes(clash + later, resources) == ["armed_clash", "armed_clash"], later
    # bodies found after an avalanche are no violence
    assert _classes("The bodies of two climbers were found after the avalanche.", resources) == []


def test_an_incident_told_as_occurring_is_an_event_of_its_incident(resources):
    assert _class("Another incident occurs on the Kyrgyz-Tajik border, injured reported", resources) == "border_incident"
    assert _class("One more conflict occurred in the border district on Sunday.", resources) == "border_incident"
    assert _class("There was an incident near the canal, a resident said.", resources) == "border_incident"
    # no incident is none
    assert choose_class(trigger_hits("There has been no incident on the border this year.", resources.lexicon), resources.lexicon) is None


def test_warning_shots_are_no_attack(resources):
    warned = "The smugglers ignored the order to stop, and only when warning shots were fired did they drop the sacks."
    choice = choose_class(trigger_hits(warned, resources.lexicon), resources.lexicon, warned)
    assert choice is None or choice.event_class != "attack"
    assert _class("Shots were fired at the border post from the far bank.", resources) == "attack"


# ---------------------------------------------------------------- reports looked through to what they tell


def test_a_report_of_forces_captured_is_an_arrest(resources):
    assert _class("According to the ministry, 40 more of the soldiers have been captured by the rebels.", resources) == "arrest"
    assert _class("Officials said that twelve border guards were captured near the river overnight.", resources) == "arrest"
    # places taken stay territorial control
    assert _class("Two districts were captured by the Taliban, the official said.", resources) == "territorial_control"


def test_a_report_of_forces_gone_back_across_the_border_is_a_withdrawal(resources):
    assert _class("The ministry said that the troops have returned through the river crossing.", resources) == "withdrawal"
    assert _class("According to officials, the soldiers went back home on Friday.", resources) == "withdrawal"
    assert _class("The spokesman said the guards came back across the bridge.", resources) == "withdrawal"


def test_a_report_of_vehicles_stranded_at_a_crossing_is_its_status(resources):
    assert _class("A driver said that some 200 lorries were stranded at the mountain checkpoint.", resources) == "border_crossing_status"
    assert _class("Hundreds of trucks remain stuck on the bridge, customs officers told reporters.", resources) == "border_crossing_status"
    # stuck anywhere but a crossing is no news of a crossing
    assert _class("Residents said that cars were stuck in the snow for hours.", resources) == "statement"


def test_what_a_haul_contained_is_the_seizure_told_further(resources):
    assert _class("The official said the haul also included 5 kg (11 pounds) of opium.", resources) == "drug_seizure"
    assert _class("According to the agency, the consignment contained hashish and heroin.", resources) == "drug_seizure"


def test_a_report_telling_a_happening_goes_on_about_the_event_told_before(resources):
    clash = "Border guards clashed with a group of smugglers near the river on Monday."
    assert _classes(clash + " The agency said the gunmen had dragged their boats back to the far bank.", resources) == ["armed_clash", "armed_clash"]
    assert _classes(clash + " According to officials, the guards did not pursue them into the reeds.", resources) == ["armed_clash", "armed_clash"]
    closed = "Tajikistan closed the crossing at the bridge on Tuesday."
    assert _classes(closed + " \u201cOur lorries were turned away at the gate,\u201d one driver told reporters.", resources) == ["border_crossing_status", "border_crossing_status"]
    # opinions, plans, present states and judgements stay what was said
    assert _classes(clash + " The agency said the situation is under control.", resources) == ["armed_clash", "statement"]
    assert _classes(clash + " Officials said the guards could have acted sooner.", resources) == ["armed_clash", "statement"]
    assert _classes(clash + " \u201cThese gangs have proven to be a serious problem,\u201d the commander said.", resources) == ["armed_clash", "statement"]


def test_livestock_grazed_on_the_other_side_is_a_border_incident(resources):
    assert _class("According to the service, guards stopped herders who were grazing sheep on the territory of the neighbouring state.", resources) == "border_incident"
    assert _class("Officials said villagers had pastured their cattle in the Uzbek Republic near the post.", resources) == "border_incident"
    # grazing at home is no news of the border
    assert _class("Residents said they had grazed their livestock on these meadows for decades.", resources) != "border_incident"


# ---------------------------------------------------------------- harm and force told by its aftermath


def test_what_harm_left_behind_tells_an_event(resources):
    # losses, the wounded in hospital, or the absence of casualties report the incident itself
    assert _class("Government troops in the eastern valley have suffered heavy losses this month.", resources) == "attack"
    assert _class("The defence ministry confirmed the loss of nine soldiers.", resources) == "attack"
    assert _class("Two of the villagers were brought to a district hospital.", resources) == "attack"
    assert _class("Four villagers are still in hospital with serious injuries.", resources) == "attack"
    assert _class("There were no reports of injuries.", resources) == "attack"
    # losses in trade and illness are no harm done by anyone
    assert choose_class(trigger_hits("Traders suffered heavy losses in the autumn.", resources.lexicon), resources.lexicon) is None
    assert choose_class(trigger_hits("The old man was taken to hospital with a heart attack.", resources.lexicon), resources.lexicon) is None


def test_a_follow_up_about_harm_takes_the_class_of_its_incident(resources):
    clash = "Tajik border guards clashed with a band of smugglers near Panj on Monday. One guard was admitted to hospital."
    assert _classes(clash, resources) == ["armed_clash", "armed_clash"]


def test_armed_men_destroyed_in_combat_is_a_clash(resources):
    assert _class("Fifteen insurgents were destroyed in the gorge.", resources) == "armed_clash"
    assert _class("Several gunmen have been reportedly destroyed near the river.", resources) == "armed_clash"


def test_an_incident_registered_or_recorded_is_an_incident(resources):
    assert _class("An incident involving firearms was recorded on the Uzbek section of the frontier.", resources) == "border_incident"
    assert _class("Two incidents were registered at the crossing overnight.", resources) == "border_incident"


def test_shots_fired_in_the_direction_of_someone_are_an_attack(resources):
    assert _class("A herder opened fire in the direction of the patrol.", resources) == "attack"
    assert _class("Unknown men fired twice in the direction of the post.", resources) == "attack"


def test_forces_stationed_by_someone_are_a_deployment(resources):
    assert _class("The militants have stationed about 2,000 fighters near the river.", resources) == "deployment"
    assert _class("Foreign troops will not be stationed on the island.", resources) == "deployment"
    # a unit that is stationed somewhere describes the place
    assert choose_class(trigger_hits("The brigade is stationed near the town.", resources.lexicon), resources.lexicon) is None


def test_an_advisory_to_citizens_is_a_statement(resources):
    assert _class("Foreign nationals were advised to stay away from the frontier districts.", resources) == "statement"
    assert _class("The consulate issued a travel advisory for the southern provinces.", resources) == "statement"
    assert _class("The embassy posted an alert advising its citizens to leave the valley.", resources) == "statement"


def test_people_taking_up_arms_are_a_deployment(resources):
    assert _class("Villagers in the valley have taken up arms against the insurgents.", resources) == "deployment"
    assert _class("The ministry mobilised hundreds of reservists in the east.", resources) == "deployment"


def test_a_close_watch_on_a_border_is_an_alert(resources):
    assert _class("Kazakhstan keeps a close eye on its southern border", resources) == "alert_raised"
    # a watch on anything else is no alert
    assert choose_class(trigger_hits("Investors keep a close eye on prices.", resources.lexicon), resources.lexicon) is None


def test_a_detainee_handed_over_to_the_authorities_is_an_arrest(resources):
    assert _class("The patrol handed the two men over to the local police.", resources) == "arrest"
    assert _class("Guards handed him over to the national security committee.", resources) == "arrest"
    # hardware or power handed over is no arrest
    assert _class("The troops handed over their weapons to the police.", resources) != "arrest"


def test_authorities_investigating_an_incident_is_an_event(resources):
    assert _class("Two governments to jointly investigate hostage crisis at the frontier", resources) == "other"
    assert _class("Police are investigating the incident at the market.", resources) == "other"
    # a demand for an investigation is a statement
    assert _class("Relatives of the victims demanded an investigation into the shooting.", resources) != "other"


def test_people_who_fled_the_fighting_are_displaced(resources):
    assert _class("Families who fled the fighting are still living in tents.", resources) == "displacement"
    assert _class("No way home yet for those who fled the conflict", resources) == "displacement"


def test_people_stranded_at_a_crossing_tell_its_status(resources):
    assert _class("Hundreds of lorry drivers have been stranded for days at the main border crossing.", resources) == "border_crossing_status"
    assert _class("A trader has been stuck at Dostuk, a small river port, since Monday.", resources) == "border_crossing_status"


def test_the_spelling_maneuvres_is_an_exercise(resources):
    assert _class("The maneuvres take place in the mountains near the river.", resources) == "military_exercise"


def test_armed_men_who_got_away_end_an_incident(resources):
    assert _class("The intruders managed to escape back across the river.", resources) == "border_incident"
    assert _class("Two of the smugglers reportedly got away.", resources) == "border_incident"


def test_a_border_dispute_that_flares_is_an_incident(resources):
    assert _class("A border dispute has flared between the two villages.", resources) == "border_incident"
    assert _class("Border tensions erupted again this week near the villages.", resources) == "border_incident"
    # a political dispute is no incident at the border
    assert _class("A political dispute over the border treaty has flared.", resources) != "border_incident"


def test_damage_from_snow_is_a_natural_disaster(resources):
    assert _class("Several houses in the town were damaged by heavy snowfall.", resources) == "other"


def test_the_murder_of_someone_is_an_attack(resources):
    assert _class("Residents gathered after the murder of a local policeman.", resources) == "attack"
    assert _class("The assassination of the district governor shocked the province.", resources) == "attack"
    # the killing of livestock is no attack
    assert choose_class(trigger_hits("The killing of stray dogs angered residents.", resources.lexicon), resources.lexicon) is None


def test_civilians_removed_from_their_villages_are_displaced(resources):
    assert _class("About 2,000 people have been removed from villages near the frontier.", resources) == "displacement"
    assert _class("Families were quickly taken out of the border villages by bus.", resources) == "displacement"


def test_checkpoints_set_up_in_a_town_are_an_alert(resources):
    assert _class("Police set up several checkpoints around the regional centre.", resources) == "alert_raised"
    assert _class("Roadblocks that were hastily erected on the main road stayed for a week.", resources) == "alert_raised"
    # a crossing point on the border is no security measure
    assert choose_class(trigger_hits("Two new border checkpoints were set up for trade.", resources.lexicon), resources.lexicon) is None


def test_a_threat_to_take_up_arms_is_no_deployment(resources):
    said = "The villagers said that if the road was not reopened they would be forced to take up arms."
    assert _class(said, resources) != "deployment"


def test_forces_surrounded_by_armed_men_are_in_a_clash(resources):
    assert _class("Police surrounded by militants in a remote valley", resources) == "armed_clash"
    assert _class("About forty soldiers have been under siege at the district centre for a week.", resources) == "armed_clash"
