"""How one event sentence is read and how sentences become incidents (geomap.events.reading,
geomap.events.incidents): class through attribution, modality by clause, dates of the event
rather than of the saying, places carried by the incident."""

from __future__ import annotations

from datetime import date

import pytest

from geomap.events.reading import choose_class, clause_span, trigger_hits
from geomap.pipeline import parse_text

DAY = date(2025, 12, 25)  # a Thursday


def _class(text: str, resources) -> str:
    choice = choose_class(trigger_hits(text, resources.lexicon), resources.lexicon, text)
    assert choice is not None, text
    return choice.event_class


def _events(text: str, resources, day: date = DAY):
    return parse_text(text, day, resources).events


# ---------------------------------------------------------------- class


def test_attribution_is_looked_through(resources):
    assert _class("Officials said gunmen attacked a border post near Kavo on Tuesday.", resources) == "attack"
    assert _class("According to reports, the Taliban seized Sher Khan Bandar.", resources) == "territorial_control"
    assert _class("The ministry said the checkpoint at Kairagach was reopened.", resources) == "border_crossing_status"


def test_speech_is_a_statement_only_when_the_content_is_speech(resources):
    assert _class("Tajikistan accused the Taliban of attacking the post.", resources) == "statement"
    assert _class("The minister warned that militants could cross the border.", resources) == "statement"
    # a speech-act noun governs nothing: "in response to the demand …, guards opened fire"
    assert _class("In response to the demand to leave the area, the border guards opened fire, triggering a shootout.", resources) == "armed_clash"
    # a report whose content names no event of its own is a statement
    assert _class("A spokesman said the gunmen were smugglers.", resources) == "statement"


def test_an_event_judged_is_an_assessment(resources):
    assert _class("He said the signing of the treaty would bolster regional security.", resources) == "statement"
    assert _class("The drills will be held next week near Kulob.", resources) == "military_exercise"


def test_the_main_clause_decides_over_background_clauses(resources):
    assert _class("The border had been closed since an exchange of gunfire in January.", resources) == "border_crossing_status"
    assert _class("At least one person was killed when a crowd attacked the building.", resources) == "riot"


def test_clauses_split_at_reporting_and_subordinating_words():
    sentence = "Officials said that the drills will end, after clashes broke out near Kulob."
    start, end = clause_span(sentence, sentence.index("drills"))
    assert sentence[start:end].startswith("the drills will end") and "clashes" not in sentence[start:end]


# ---------------------------------------------------------------- modality and dates


def test_modality_comes_from_the_event_clause(resources):
    hoped = _events("The authorities hope that the Afghan side will strengthen the border, the statement said.", resources)
    assert hoped[0].event_class == "statement" and hoped[0].modality == "reported"
    evacuated = _events("Officials are evacuating residents from Kok-Tash in case of an escalation.", resources)
    assert evacuated[0].event_class == "displacement" and evacuated[0].modality == "reported"
    denied = _events("Uzbekistan will not accommodate Afghan refugees.", resources)
    assert denied[0].modality == "denied" and denied[0].date is None


def test_the_future_auxiliary_inside_the_event_words_makes_a_plan(resources):
    # the trigger spans "will meet" / "will resume": the auxiliary is tense, not event words
    for text in (
        "Commanders of the two border services will meet near Isfara to discuss the dispute.",
        "\"Flights between the two capitals will resume,\" the minister said.",
    ):
        event = _events(text, resources)[0]
        assert event.modality == "planned" and event.date is None, event.reasons


def test_a_future_in_reported_speech_is_a_plan(resources):
    # "said ... would" reaches from the saying into the clause it introduces
    for text in (
        "Officials said last week that Russia would deliver new helicopters to the Tajik border troops.",
        "The ministry announced that the two armies would hold joint drills near Kulob.",
    ):
        event = _events(text, resources)[0]
        assert event.modality == "planned", (text, event.reasons)
    # a "would" after the event's words belongs to another predicate
    agreed = _events("The ministries announced they had agreed to a ceasefire and would pull back troops.", resources)
    agreement = next(e for e in agreed if e.event_class == "agreement_meeting")
    assert agreement.modality == "reported", agreement.reasons


def test_a_plan_or_possibility_denied_is_no_plan(resources):
    possible = _events("Officials said there was no possibility of airstrikes near the village because of the fog.", resources)[0]
    assert possible.event_class == "attack" and possible.modality == "denied", possible.reasons
    deploy = _events("There are no plans to deploy additional troops to the border, the ministry said.", resources)[0]
    assert deploy.event_class == "deployment" and deploy.modality == "denied", deploy.reasons
    # a plan denied after the event's words says nothing of the event itself
    closed = _events("The crossing at Ayvaj remains closed and there are no plans for reopening it, officials said.", resources)[0]
    assert closed.event_class == "border_crossing_status" and closed.modality == "reported", closed.reasons


def test_what_a_denial_statement_denies_is_denied(resources):
    for text, cls in (
        ("Moscow rejected claims that its jets bombed Afghan territory near Kunduz.", "attack"),
        ("Tajikistan denied reports that Russian troops had been deployed to the border.", "deployment"),
    ):
        events = _events(text, resources)
        assert events[0].event_class == "statement" and events[0].modality == "reported", events[0].reasons
        denied = next(e for e in events if e.event_class == cls)
        assert denied.modality == "denied", (text, denied.reasons)
    # what the speaker goes on to say is no denial
    said = _events("The border service rejected the Kyrgyz account, saying that Kyrgyz troops opened fire first.", resources)
    assert all(e.modality == "reported" for e in said), [e.reasons for e in said]


def test_what_a_promise_introduces_is_a_clause_of_its_own(resources):
    met = _events("The governor met with the protesters in Khorog and promised that a commission would investigate the shooting.", resources)[0]
    assert met.event_class == "agreement_meeting" and met.modality == "reported" and met.date is not None, met.reasons
    # a "would" of the event's own predicate still makes it hypothetical
    fighting = _events("Fighting would likely spread to Tajikistan, analysts said.", resources)[0]
    assert fighting.modality == "hypothetical", fighting.reasons


def test_preparations_for_an_event_make_it_a_plan(resources):
    for text in (
        "Residents of Khorog were making preparations for a working visit of the president.",
        "Border units are preparing for the joint drills near Kulob.",
    ):
        event = _events(text, resources)[0]
        assert event.modality == "planned" and event.date is None, (text, event.reasons)


def test_a_headline_infinitive_is_a_plan(resources):
    for text in (
        "Update: Kazakhstan to build new outpost near Afghan frontier",
        "Kyrgyz, Tajik border services to jointly hold drills near Batken",
    ):
        event = _events(text, resources)[0]
        assert event.modality == "planned" and event.date is None, (text, event.reasons)
    # a finite verb before "to" is no headline infinitive
    agreed = _events("The two governments agreed to resume cargo flights between their capitals.", resources)[0]
    assert agreed.modality == "reported", agreed.reasons


def test_readiness_is_hypothetical_and_undated(resources):
    for text in (
        "Uzbekistan is ready to accept refugees from the northern provinces.",
        "The governor said the region stands ready to shelter displaced families.",
    ):
        event = _events(text, resources)[0]
        assert event.event_class == "displacement" and event.modality == "hypothetical" and event.date is None, event.reasons


def test_a_participle_with_its_agent_is_no_plan(resources):
    signed = _events("The two sides agreed to speed up the border programme proposed by Kyrgyzstan.", resources)
    assert signed[0].modality == "reported", signed[0].reasons["modality"]
    drills = _events("The drills planned by the ministry were held near Kulob.", resources)
    assert drills[0].modality == "reported", drills[0].reasons["modality"]
    upcoming = _events("The proposed talks on the border will take place in Dushanbe.", resources)
    assert upcoming[0].modality == "planned"


def test_old_dated_events_are_historical_and_future_ones_planned(resources):
    old = _events("In 2019, border guards clashed with smugglers near Panj.", resources)[0]
    assert old.modality == "historical" and old.date.start.year == 2019
    ahead = _events("Russian and Tajik troops held drills near Kulob on January 10, 2026.", resources)[0]
    assert ahead.modality == "planned"


def test_a_former_name_does_not_make_the_event_historical(resources):
    for text in (
        "Bokhtar, formerly known as Kurgan-Tyube, was shelled on Monday.",
        "Guards clashed with smugglers near Devashtich (formerly Ghonchi) district on Monday.",
    ):
        event = _events(text, resources)[0]
        assert event.modality == "reported" and event.date.start == date(2025, 12, 22), (text, event.reasons)


def test_earlier_this_year_is_background_late_in_the_year_but_earlier_this_month_is_news(resources):
    year = _events("Earlier this year, Russian and Tajik troops held drills near Kulob.", resources)[0]
    assert year.modality == "historical" and year.date.start == date(2025, 1, 1), year.reasons
    month = _events("Earlier this month, Russian and Tajik troops held drills near Kulob.", resources)[0]
    assert month.modality == "reported", month.reasons
    early = _events("Earlier this year, Russian and Tajik troops held drills near Kulob.", resources, date(2025, 1, 20))[0]
    assert early.modality == "reported", early.reasons


def test_a_background_cue_beside_a_day_of_the_week_leaves_the_event_news(resources):
    events = _events("Russian troops, deployed to Tajikistan in the 1990s, held drills near Kulob on Monday.", resources)
    drills = next(e for e in events if e.event_class == "military_exercise")
    assert drills.modality == "reported" and drills.date.start == date(2025, 12, 22), drills.reasons


def test_habitual_sentences_have_no_date(resources):
    event = _events("Smugglers usually kidnap villagers who owe them money.", resources)[0]
    assert event.date is None and "usually" in event.reasons["date"] + event.reasons["modality"]


def test_a_span_or_frequency_framing_the_sentence_makes_it_habitual(resources):
    for text in (
        "In recent years, armed smugglers have seized dozens of villagers near Panj.",
        "Every two or three months the border commanders hold talks in Khorog.",
    ):
        event = _events(text, resources)[0]
        assert event.date is None and "no date of its own" in event.reasons["modality"], event.reasons


def test_statements_made_over_time_have_no_date(resources):
    text = "Guards clashed with smugglers near Panj on Tuesday. Officials have repeatedly warned that the militants are a threat."
    statement = _events(text, resources)[-1]
    assert statement.event_class == "statement" and statement.date is None and "repeatedly" in statement.reasons["modality"]
    text = "Guards clashed with smugglers near Panj on Tuesday. The governor has long been worried about the smugglers, officials said."
    assert _events(text, resources)[-1].date is None
    # a habitual word inside what is said does not make the saying habitual
    said = _events("Guards clashed with smugglers near Panj on Tuesday. The governor warned that smugglers often cross there.", resources)[-1]
    assert said.event_class == "statement" and said.date is not None


def test_the_saying_dates_only_the_statement(resources):
    event = _events("Security officials told reporters on Wednesday the fighting took place on December 21 in Bogh.", resources)[0]
    assert event.event_class == "armed_clash" and event.date.start == date(2025, 12, 21)


def test_a_date_of_birth_or_a_timestamp_dates_nothing(resources):
    event = _events("One of the leaders, Palaev, born in 1974, was detained during the operation.", resources)[0]
    assert event.date is not None and event.date.start.year == 2025


def test_a_date_of_building_dates_the_building_itself(resources):
    built = _events("The outpost near Ishkashim was built in 2016 with Chinese funds.", resources)[0]
    assert built.event_class == "base_reinforcement" and built.modality == "historical", built.reasons
    assert built.date.start == date(2016, 1, 1), built.reasons
    handed = _events("The outpost, built in 2016, was handed over to Tajik guards on Monday.", resources)
    assert all(e.date.start.year == (2016 if e.trigger == "built" else 2025) for e in handed), [e.reasons for e in handed]


def test_undated_sentences_happen_on_the_day_the_narrative_last_told(resources):
    text = (
        "When officials came to the poppy fields on Tuesday, the farmers resisted. "
        "They threw rocks at the Taliban security units in Argo. "
        "The farmers had sown the poppy on December 1. "
        "Russian troops arrived in Dushanbe."
    )
    riot, arrival = _events(text, resources)
    assert riot.event_class == "riot" and riot.date.start == date(2025, 12, 23) and riot.date.basis == "narrative"
    # a day more than a week back is no narrative time for current news
    assert arrival.date.start == DAY and arrival.date.basis == "article"


# ---------------------------------------------------------------- incidents


ARTICLE = (
    "Two Tajik border guards killed in clash on Afghan border\n\n"
    "DUSHANBE - Tajik border guards clashed with armed men near the village of Kavo in Shamsiddin Shohin district "
    "on December 24, the border service said. "
    "Two officers were killed. "
    "The attackers were found to be carrying three M-16 rifles. "
    "Tajikistan demanded an apology from the Taliban."
)


def test_sentences_of_one_incident_share_its_site_date_and_id(resources):
    events = _events(ARTICLE, resources)
    headline, clash, killed, weapons, statement = events
    assert clash.place.place.name.startswith("Shamsiddin") or "Kavo" in clash.place.mention.text
    assert {e.incident_id for e in (headline, clash, killed, weapons)} == {clash.incident_id}
    for follow_up in (headline, killed, weapons):
        assert follow_up.place.place.id == clash.place.place.id, follow_up.sentence
        assert follow_up.date.start == date(2025, 12, 24) and follow_up.date.basis == "incident"
        assert "same incident" in follow_up.place_relation
    # a bare casualty count takes the class of the incident it belongs to
    assert killed.event_class == "armed_clash" and "casualty count" in killed.reasons["class"]
    assert killed.quantities and killed.quantities[0].best == 2
    # a statement is placed only where it was made: not at the incident's site
    assert statement.event_class == "statement" and statement.place is None
    assert statement.incident_id != clash.incident_id


def test_incident_records_summarise_their_sentences(resources):
    result = parse_text(ARTICLE, DAY, resources)
    clash_incident = next(i for i in result.incidents if i.event_class == "armed_clash")
    assert len(clash_incident.sentences) == 4 and clash_incident.fatalities == 2
    assert clash_incident.date.start == date(2025, 12, 24) and clash_incident.precision in (1, 2)
    assert clash_incident.reasons["class"].startswith("the most severe class")


def test_a_sentence_with_another_date_is_another_incident(resources):
    text = (
        "Border guards clashed with smugglers near Panj on December 23. "
        "In 2019, border guards clashed with smugglers near Ishkashim."
    )
    first, second = _events(text, resources)
    assert first.incident_id != second.incident_id and second.modality == "historical"


def test_incident_parties_count_for_every_sentence(resources):
    text = "Taliban fighters attacked a Tajik border post near Kavo on December 23. Two guards were killed in the attack."
    _, follow_up = _events(text, resources)
    assert "Taliban" in follow_up.actors and "actors" in follow_up.reasons


# ---------------------------------------------------------------- actors


def test_unqualified_bodies_are_the_ones_the_article_names(resources):
    text = "Tajik border guards detained two smugglers near Panj on Monday. The border service said the men were armed."
    events = _events(text, resources)
    assert any("Border Troops" in actor for actor in events[-1].actors)


def test_civilians_and_victims_of_passive_violence_are_recipients(resources):
    event = _events("Chinese workers were killed in an attack near Kavo on Tuesday.", resources)[0]
    assert event.recipients == ["Civilians (China)"]


def test_heads_of_state_stand_for_their_government(resources):
    event = _events("Rakhmon and Japarov signed the border treaty in Bishkek.", resources)[0]
    assert event.event_class == "agreement_meeting"
    assert {"Government of Tajikistan (1994-)", "Government of Kyrgyzstan"} <= set(event.actors)


def test_a_route_named_by_its_ends_is_not_located_at_them(resources):
    event = _events("Villagers blocked traffic on the Isfana — Batken road near Ak-Sai.", resources)[0]
    assert event.place is not None and event.place.place.name == "Ak-Sai"
    event = _events("Protesters blocked the Isfana — Batken road.", resources)[0]
    assert event.place is None or event.place.place.name not in ("Isfana", "Razzakov", "Batken")


def test_a_funeral_does_not_place_the_clash_it_follows(resources):
    text = (
        "A Tajik border guard was killed in a clash with smugglers in Khatlon province. "
        "The clash took place in Shamsiddin Shohin district on December 2. "
        "The guard was buried in Farkhor in Khatlon province on December 3."
    )
    killed, clash, funeral = _events(text, resources)
    assert killed.incident_id == clash.incident_id == funeral.incident_id
    assert killed.place.place.name == clash.place.place.name == "Shamsiddin Shohin District"
    assert funeral.place.place.name == "Farkhor"


def test_a_second_clause_can_tell_a_second_event(resources):
    events = _events("The Kyrgyz-Tajik border had been closed since an exchange of gunfire injured several border guards.", resources)
    assert [e.event_class for e in events] == ["border_crossing_status", "armed_clash"]
    assert events[0].sentence_start == events[1].sentence_start
    # a clause that describes a thing tells no event of its own; a casualty count is the same event
    assert len(_events("Troops seized a truck which had been used in the attack on the post.", resources)) == 1
    assert len(_events("Two guards were killed in a clash with smugglers near Panj.", resources)) == 1


def test_the_authorities_of_an_article_set_in_one_country_are_its_government(resources):
    text = (
        "Government troops clashed with gunmen in Khorog on Tuesday. "
        "Several people were wounded in Rushan and Vanj. "
        "The authorities accused the gunmen of attacking the police in Khorog."
    )
    accused = _events(text, resources)[-1]
    assert "Government of Tajikistan (1994-)" in accused.actors


def test_an_armed_group_seizing_power_is_territorial_control(resources):
    assert _class("The rebels' swift rise to power has alarmed the neighbouring states.", resources) == "territorial_control"
    assert _class("Two years after the Taliban took power, trade across the river is growing again.", resources) == "territorial_control"
    assert _class("Officials feared the militants' takeover would bring refugees.", resources) == "statement"
    # a background seizure of power is a second event of a sentence that tells another
    events = _events("Uzbekistan reopened its border crossing on Monday, closed since the Taliban seized power in 2021.", resources)
    assert [e.event_class for e in events] == ["border_crossing_status", "territorial_control"], [(e.event_class, e.reasons["class"]) for e in events]
    # a president who came to power in an election took no territory
    assert _class("The president, who came to power in 1994, said the border was calm.", resources) == "statement"


def test_words_inside_a_longer_cue_are_read_by_it(resources):
    # the rallies of "banned rallies" are not held: a ban, not a protest
    assert _class("Authorities in Osh have banned rallies outside the mayor's office until June.", resources) == "other"
    assert _class("A judge in Khujand banned demonstrations near the court building.", resources) == "other"
    # "the clash occurred" only wraps the clash: the clash stays the event
    assert _class("The spokesman said the clash had occurred between border guards and smugglers.", resources) == "armed_clash"


def test_an_investigation_under_way_is_another_event(resources):
    assert _class("Prosecutors in Isfara said the investigation is still ongoing.", resources) == "other"
    assert _class("An investigation team has been set up at the site, officials said.", resources) == "other"
    assert _class("Border officials of both countries are continuing the investigation.", resources) == "other"


def test_since_when_a_party_has_been_in_a_state_does_not_date_the_event(resources):
    text = "On December 20, three gunmen, who had been on the wanted list since November 2, were killed in an operation near Kulob."
    [event] = [e for e in _events(text, resources) if e.event_class != "statement"][:1]
    assert event.date is not None and event.date.start == date(2025, 12, 20), event.reasons["date"]
    # the state itself is dated by its start ("the border has been closed since November 2")
    closed = _events("The border crossing near Kulob has been closed since November 2.", resources)[0]
    assert closed.date is not None and closed.date.start == date(2025, 11, 2), closed.reasons["date"]


def test_a_date_in_a_since_phrase_dates_the_event_it_names(resources):
    seized = _events("It was the first time the militants have seized a district centre since the offensive in 2015.", resources)[0]
    assert seized.date is None or seized.date.start.year == 2025, seized.reasons["date"]
    assert seized.modality != "historical"
    # a state dates from the event that began it
    closed = _events("The crossing near Kulob has remained closed since the clashes in January.", resources)[0]
    assert closed.date is not None and closed.date.start == date(2025, 1, 1), closed.reasons["date"]
    trend = _events("The number of bomb attacks has declined since the Taliban seized power in August 2021.", resources)[0]
    assert trend.modality == "historical", trend.reasons["date"]


def test_a_place_in_what_was_said_is_not_where_it_was_said(resources):
    told = _events("The minister told reporters in Khujand that the talks had failed.", resources)[0]
    assert told.event_class == "statement" and told.place is not None and told.place.place.name == "Khujand"
    content = _events("The governor warned that the situation in Khujand was getting worse.", resources)[0]
    assert content.event_class == "statement" and content.place is None, content.reasons["place"]


def test_a_possessive_date_dates_the_event_it_names(resources):
    text = "The drills near Kulob showed close cooperation, even as last month's attack on a concert hall strained relations."
    [event] = [e for e in _events(text, resources) if e.event_class == "military_exercise"] or _events(text, resources)[:1]
    assert event.date is None or event.date.start.month == 12, event.reasons["date"]
    # the possessive of the event's own words dates it
    own = _events("Friday's clash near Kulob killed two guards.", resources)[0]
    assert own.date is not None and own.date.start == date(2025, 12, 19), own.reasons["date"]


def test_the_first_time_since_a_date_is_the_last_time_not_this_one(resources):
    opened = _events("Some crossings on the Kyrgyz-Tajik border have opened for the first time since mid-October.", resources)[0]
    assert opened.modality == "reported" and opened.date is not None and opened.date.start.month == 12, opened.reasons["date"]
    third = _events("It was the third deadly clash since October on the border near Kulob.", resources)[0]
    assert third.modality == "reported" and third.date is not None and third.date.start.month == 12, third.reasons["date"]
    after = _events("It is the first skirmish at the Panji Poyon crossing after the Taliban came to power in August 2021.", resources)
    assert after[0].modality == "reported" and after[0].date is not None and after[0].date.start.year == 2025, after[0].reasons["date"]
    # the event the phrase names keeps its date
    assert any(e.date is not None and e.date.start.year == 2021 for e in after[1:]), [(e.event_class, e.date) for e in after]


def test_a_link_to_another_story_is_no_sentence_of_the_article(resources):
    text = ("Tajik troops were deployed to the border on Monday.\n"
            "Read more: Russian forces leave a base in Kyrgyzstan\n"
            "Related: Border guards clash with smugglers near Panj\n")
    events = parse_text(text, DAY, resources).events
    assert [e.event_class for e in events] == ["deployment"], [(e.sentence, e.event_class) for e in events]


def test_the_end_of_fighting_told_before_is_no_fighting_of_its_own(resources):
    assert choose_class(trigger_hits("The firefights ceased by nightfall.", resources.lexicon), resources.lexicon, "The firefights ceased by nightfall.") is None
    assert _class("The governor said that the shooting had stopped but tension remained high.", resources) == "statement"
    assert _class("Heavy fighting continued near the border post on Sunday.", resources) == "armed_clash"


def test_a_site_told_after_the_story_steps_back_to_an_earlier_day_is_of_that_day(resources):
    text = (
        "Protesters rallied in Khorog yesterday after talks with officials. "
        "The officials promised to open an investigation. "
        "Recall, the shooting took place on the morning of December 21. "
        "Police detained a suspect in Roshtqala district after a gunfight."
    )
    rally, *_, detention = _events(text, resources)
    assert detention.date.start == date(2025, 12, 21) and detention.incident_id != rally.incident_id


def test_a_photo_caption_dates_no_sentence_after_it(resources):
    for credit in ("[Jane Doe]", "(file photo)"):
        text = (
            f"Border guards patrol the river near Termez in the summer of 2019. {credit}\n\n"
            "Uzbek border guards detained two smugglers near Termez, officials said.\n"
            "The men were sentenced to ten years in prison."
        )
        for event in _events(text, resources):
            assert event.modality == "reported" and event.date.start == DAY, (credit, event.reasons)


def test_a_sentence_of_a_class_told_before_goes_on_about_that_event(resources):
    text = (
        "Russian and Tajik troops began joint drills in Kulob on Tuesday. "
        "On Friday, 400 soldiers and 80 vehicles were sent from a base in Russia. "
        "It is the first time the two armies have held exercises in Kulob."
    )
    drills, *_, again = _events(text, resources)
    assert again.event_class == drills.event_class == "military_exercise"
    assert again.incident_id == drills.incident_id and again.date.start == date(2025, 12, 23)


def test_a_statement_in_the_present_perfect_stands_as_of_the_article(resources):
    text = "Guards clashed with smugglers near Panj on Monday. The ministry has warned smugglers against new raids."
    statement = _events(text, resources)[-1]
    assert statement.event_class == "statement" and statement.date.start == DAY, statement.reasons
    said = _events("Guards clashed with smugglers near Panj on Monday. The ministry warned smugglers against new raids.", resources)[-1]
    assert said.event_class == "statement" and said.date.start == date(2025, 12, 22), said.reasons


def test_the_day_a_state_began_is_no_day_the_story_tells(resources):
    text = (
        "Protesters have held the central square of Khorog since December 20. "
        "Witnesses said some protesters threw stones at the police building."
    )
    protest, riot = _events(text, resources)
    assert protest.date.start == date(2025, 12, 20)
    assert riot.event_class == "riot" and riot.date.start == DAY, riot.reasons


@pytest.mark.parametrize(
    "text,event_class",
    [
        # the main clause resumed after an aside tells the sentence's event
        ("The men, who had attacked a post in 2019, were detained on Monday.", "arrest"),
        # a state an aside gives a thing is no event of the sentence's
        ("Speaking to the state broadcaster, which is under Taliban control, the spokesman said the border was calm.", "statement"),
        # a "which" clause that goes on with the story still tells its events
        ("Dozens were injured in the clashes, which started after residents began throwing stones at each other.", "armed_clash"),
    ],
)
def test_a_relative_clause_set_off_by_commas_is_read_apart_from_the_main_clause(resources, text, event_class):
    events = parse_text(" date 2026-02-01\n" + text, None, resources).events
    assert events and events[0].event_class == event_class, [(e.event_class, e.reasons) for e in events]


@pytest.mark.parametrize(
    "text",
    [
        "Discussions were held on strengthening the security of the border.",
        "The ministers held talks on the withdrawal of troops from the frontier.",
        "They discussed the deployment of more troops to the border.",
    ],
)
def test_what_a_meeting_is_about_has_not_happened_the_meeting_is_the_event(resources, text):
    events = parse_text(" date 2026-02-01\n" + text, None, resources).events
    assert events and events[0].event_class == "agreement_meeting", [(e.event_class, e.reasons) for e in events]


def test_words_said_right_after_a_meeting_of_a_placed_incident_were_said_there(resources):
    text = (
        " date 2026-02-01\nA Tajik delegation wrapped up a two-day visit to Kabul on Friday. "
        "The delegation met the foreign minister and the defence minister. "
        "\u201cIt was stressed that the two countries must fight terrorism together,\u201d the statement said."
    )
    events = parse_text(text, None, resources).events
    said = next(e for e in events if e.event_class == "statement")
    assert said.place is not None and said.place.place.name == "Kabul", said.reasons


def test_a_speech_act_in_an_aside_does_not_govern_the_main_clause(resources):
    text = " date 2026-02-01\nThe governor, who accused the Taliban of the attack, visited the village on Monday."
    events = parse_text(text, None, resources).events
    assert events[0].event_class == "agreement_meeting", [(e.event_class, e.reasons) for e in events]


def test_a_sentence_told_as_earlier_is_another_occasion_not_the_leads(resources):
    text = (
        " date 2023-12-27\nThe two governments have extended their electricity supply agreement. "
        "The agreement was signed by the heads of the two power companies. "
        "Earlier this month, the president discussed the power line during a meeting with the head of the World Bank."
    )
    events = parse_text(text, None, resources).events
    lead, earlier = events[0], events[-1]
    assert lead.incident_id != earlier.incident_id
    assert lead.date is not None and lead.date.start == date(2023, 12, 27), lead.reasons


def test_statements_take_the_venue_their_speakers_later_words_name(resources):
    text = (
        " date 2022-01-12\nTaliban warn Tajikistan to return the aircraft\n"
        "The Taliban on Tuesday warned Tajikistan of consequences if it failed to return the aircraft. "
        "Speaking at an event in Kabul, the Taliban defence minister demanded that all warplanes be returned."
    )
    events = parse_text(text, None, resources).events
    warned = next(e for e in events if "on Tuesday warned" in e.sentence)
    assert warned.place is not None and warned.place.place.name == "Kabul", warned.reasons


def test_a_clause_about_a_thing_after_the_event_does_not_make_it_a_plan(resources):
    events = parse_text(" date 2018-02-24\nThe leaders launched a gas pipeline on Friday that will feed gas to Pakistan.", None, resources).events
    assert events[0].modality == "reported" and events[0].date.start == date(2018, 2, 23), events[0].reasons


def test_what_drills_under_way_will_involve_goes_on_about_them(resources):
    text = (
        " date 2021-08-06\nTroops of three countries have kicked off joint military drills at the Kharb-Maidon range that will run "
        "through August 10. Russian forces are opening joint drills with the armed forces of Tajikistan. Military threats are mounting. "
        "Overall, the drills will involve 2,500 troops."
    )
    events = parse_text(text, None, resources).events
    involve = next(e for e in events if "will involve" in e.sentence)
    assert involve.modality == "reported" and involve.incident_id == events[0].incident_id, involve.reasons


def test_a_place_in_a_country_no_event_is_placed_in_does_not_site_the_story(resources):
    text = (
        " date 2021-09-13\nUzbek border guards detained two Afghans near Termez on Sunday. "
        "The Taliban took control of the country in mid-August. "
        "The mission to the United Nations in New York did not immediately respond to a request for comment."
    )
    events = parse_text(text, None, resources).events
    assert all(e.place is None or e.place.place.name != "New York City" for e in events), [(e.event_class, e.reasons) for e in events]


@pytest.mark.parametrize(
    "text,main,further",
    [
        ("The two countries agreed a complete ceasefire after reports of fresh shooting and troop build-ups.", "agreement_meeting", "deployment"),
        ("The drills began after troops were deployed to the border.", "military_exercise", "deployment"),
    ],
)
def test_what_the_main_event_followed_is_a_further_event_not_the_main_one(resources, text, main, further):
    events = parse_text(" date 2021-05-01\n" + text, None, resources).events
    assert [e.event_class for e in events][:2] == [main, further], [(e.event_class, e.reasons) for e in events]


def test_what_a_pages_player_prints_is_no_sentence_of_the_article(resources):
    text = ("Tajik troops were deployed to the border on Monday.\n"
            "Your browser doesn't support HTML5\n"
            "Please enable JavaScript to support our journalism.\n")
    events = parse_text(text, DAY, resources).events
    assert [e.event_class for e in events] == ["deployment"], [(e.sentence, e.event_class) for e in events]


@pytest.mark.parametrize(
    "sentence",
    [
        "Twelve schoolgirls killed in stampede after strong quake",
        "At least 150 people have been killed and 114 others injured as rainstorms and flash floods hit the north.",
    ],
)
def test_the_dead_of_a_disaster_are_no_attack(resources, sentence):
    events = parse_text(sentence + "\n", DAY, resources).events
    assert "attack" not in {e.event_class for e in events}, [(e.event_class, e.trigger) for e in events]


def test_a_landslide_that_buried_a_village_is_an_event(resources):
    events = parse_text("A landslide buried a village in the remote province on Friday.\n", DAY, resources).events
    assert [e.event_class for e in events] == ["other"]
