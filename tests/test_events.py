"""Event extraction on constructed sentences: class, modality, dates, quantities, place."""

from datetime import date

import pytest

from geomap.events.dates import extract_date
from geomap.events.quantities import extract_quantities, parse_number
from geomap.pipeline import parse_text


@pytest.mark.parametrize(
    "text,value",
    [("1,344", 1344), ("2,30,000", 230000), ("twelve", 12), ("a dozen", 12), ("1.5 million", 1500000), ("12", 12)],
)
def test_numbers(text, value):
    assert parse_number(text) == value


def test_quantities_with_categories_and_approximation(resources):
    units = resources.lexicon.units
    found = extract_quantities("Some 1,500 troops, 40 tanks and hundreds of armoured vehicles; 3 soldiers were killed.", units)
    got = {(q.category, q.best, q.approximate) for q in found}
    assert ("personnel", 1500, True) in got
    assert ("tanks", 40, False) in got
    assert ("armoured_vehicles", 200, True) in got
    assert ("fatalities", 3, False) in got
    assert extract_quantities("A 12.7 mm machine gun fired 20 km from the border in 2021.", units) == []


def test_relative_dates_against_the_article_date():
    reference = date(2021, 7, 29)  # a Thursday
    assert extract_date("Drills will start next week.", reference, forward=True).start == date(2021, 8, 2)
    last_week = extract_date("Last week troops arrived.", reference)
    assert (last_week.start, last_week.end, last_week.precision) == (date(2021, 7, 19), date(2021, 7, 25), "week")
    assert extract_date("On Monday, he said", reference).start == date(2021, 7, 26)
    september = extract_date("In September the base got guns.", date(2021, 12, 29))
    assert (september.start, september.end, september.precision) == (date(2021, 9, 1), date(2021, 9, 30), "month")
    through = extract_date("The exercises will continue through April 18.", date(2024, 4, 1), forward=True)
    assert (through.start, through.end) == (date(2024, 4, 1), date(2024, 4, 18))
    assert extract_date("The exercises will continue through April 18.", None) is None
    assert extract_date("Talks were held on 3 March 2022.", None).start == date(2022, 3, 3)


def test_an_exercise_with_place_date_actor_and_quantity(resources):
    text = " date 2023-10-12 About 1,000 Russian troops held joint military exercises at the Harb-Maidon training ground on Tuesday."
    result = parse_text(text, date(2023, 10, 12), resources)
    assert len(result.events) == 1
    event = result.events[0]
    assert event.event_class == "military_exercise" and event.modality == "reported"
    assert event.place.place.feature_type == "training_ground" and event.geo_level == "site"
    assert event.date.start == date(2023, 10, 10) and event.date.precision == "day"
    assert any("Russia" in a for a in event.actors)
    assert [(q.category, q.best) for q in event.quantities] == [("personnel", 1000)]
    assert event.border is not None and event.border.side == "TJK" and event.border.distance_km < 100


def test_planned_and_denied_events_are_not_reported_ones(resources):
    planned = parse_text("Tajikistan will hold military drills near Kulob next month.", date(2022, 5, 3), resources).events
    assert planned[0].modality == "planned" and planned[0].date.start == date(2022, 6, 1)
    denied = parse_text("The ministry denied sending troops to the border.", None, resources).events
    assert denied and denied[0].event_class == "deployment" and denied[0].modality == "denied"
    negated = parse_text("No troops will be deployed to the border, the minister said.", None, resources).events
    assert negated and negated[0].modality == "denied"
    # denying that something happened is a statement (the event-annotation conventions' "denial statement")
    said = parse_text("The ministry denied that Taliban fighters had crossed into Tajikistan.", None, resources).events
    assert said and said[0].event_class == "statement" and "denied" in said[0].reasons["class"]


def test_border_area_and_distance_relations(resources):
    along = parse_text("Russian and Tajik forces conducted drills along the Afghan border.", None, resources).events[0]
    assert along.place_relation == "along the border" and along.geo_level == "subnational_region"
    near = parse_text("Units arrived 20 km from Kulob on Friday.", date(2021, 10, 1), resources).events[0]
    assert near.place.place.name.startswith("Kul") and near.place_relation == "20 km from"
    assert near.geo_level == "near_named_place"


def test_an_actor_named_by_its_capital_is_not_the_location(resources):
    events = parse_text("Moscow sent 12 armoured vehicles to Tajikistan.", None, resources).events
    assert events[0].event_class == "arms_transfer"
    assert events[0].place.place.country == "TJ"


def test_the_sentence_names_which_border(resources):
    event = parse_text("Kyrgyz and Tajik troops clashed along the border on Wednesday.", date(2022, 9, 16), resources).events[0]
    assert event.place_relation == "along the border" and event.place.place.id == "border:KGZ-TJK"


def test_a_dateline_is_not_where_it_happened(resources):
    text = "BISHKEK/DUSHANBE, Sept 18 (Reuters) - Troops clashed near Vorukh on Wednesday."
    event = parse_text(text, date(2022, 9, 18), resources).events[0]
    assert event.place.place.name == "Vorukh"


def test_seized_drugs_are_counted(resources):
    quantities = parse_text("Border guards seized 85 kg of hashish near Panj.", None, resources).events[0].quantities
    assert [(q.category, q.best) for q in quantities] == [("drugs_kg", 85)]


def test_a_sentence_referring_back_takes_the_previous_date(resources):
    text = "Last week, Tajik troops held a large exercise near Kulob. About 20,000 soldiers took part in the exercise."
    first, second = parse_text(text, date(2021, 7, 29), resources).events
    assert first.date.start == second.date.start == date(2021, 7, 19)
    assert second.date.basis == "incident" and second.incident_id == first.incident_id
    unrelated = parse_text("Last week, troops held drills near Kulob. Officials said on Monday that talks began.", date(2021, 7, 29), resources).events
    assert unrelated[-1].date.start == date(2021, 7, 26)


def test_a_demonym_of_the_attacker_or_victims_does_not_place_an_attack(resources):
    events = parse_text(" date 2022-09-17 Three Chinese citizens were killed in an attack on Friday.", None, resources).events
    assert events and events[0].event_class == "attack" and events[0].place is None
    events = parse_text(" date 2021-07-22 The Tajik military conducted a large military exercise.", None, resources).events
    assert events[0].place is not None and events[0].place.place.country == "TJ"  # the acting side's own country


def test_a_named_site_beats_the_countries_that_name_a_border(resources):
    text = " date 2021-10-20 Russian servicemen marched to the Harbmaidon range near the Tajikistan-Afghanistan border for drills."
    event = parse_text(text, None, resources).events[0]
    assert event.place is not None and "Harb" in event.place.place.name
    text = " date 2021-10-20 The Moscow-led CSTO held military exercises on Tuesday."
    event = parse_text(text, None, resources).events[0]
    assert event.place is None or event.place.place.name != "Moscow"  # "Moscow-led" says who leads, not where


def test_day_ranges_and_named_months_relative_to_the_article():
    reference = date(2022, 1, 27)
    drills = extract_date("The drills will run October 10-23 at Harb-Maidon.", reference, forward=True)
    assert (drills.start, drills.end, drills.precision) == (date(2022, 10, 10), date(2022, 10, 23), "days")
    assert (extract_date("from 18 to 22 September", reference).start, extract_date("from 18 to 22 September", reference).end) == (date(2021, 9, 18), date(2021, 9, 22))
    last_april = extract_date("Two guards were killed last April.", reference)
    assert (last_april.start, last_april.end, last_april.precision) == (date(2021, 4, 1), date(2021, 4, 30), "month")
    assert extract_date("They will meet next January.", reference).start == date(2023, 1, 1)


def test_an_undated_article_takes_the_date_of_its_dateline(resources):
    result = parse_text("DUSHANBE, July 24, 2013 (news.tj) - Tajik border guards clashed with smugglers on Tuesday.", None, resources)
    assert result.article.date == date(2013, 7, 24) and result.article.date_from == "dateline"
    assert result.events and result.events[0].date.start == date(2013, 7, 23)
    assert parse_text("The talks of July 24, 2013 failed.", None, resources).article.date is None  # not a dateline


def test_a_day_of_the_month_is_not_a_count(resources):
    quantities = extract_quantities("The ministry said early on September 17 that five injured children were taken to hospital.", resources.lexicon.units)
    assert [(q.category, q.best) for q in quantities] == [("injured", 5)]


def test_a_country_inside_a_media_name_is_not_an_actor(resources):
    text = " date 2021-06-22 The Taliban captured the Shir Khan Bandar crossing on Tuesday, Pakistan Point News reported."
    event = parse_text(text, None, resources).events[0]
    assert event.event_class == "territorial_control" and not any("Pakistan" in actor for actor in event.actors)
    assert event.actors[0] == "Taliban" and event.recipients == ["Military Forces of Afghanistan (2014-2021)"]  # who held it
    text = " date 2021-06-22 The Collective Security Treaty Organisation held drills near Kulob on Tuesday."
    assert any("CSTO" in actor for actor in parse_text(text, None, resources).events[0].actors)  # the whole name is one


def test_overlapping_actor_names_keep_the_longest(resources):
    from geomap.events.actors import sentence_actors

    assert sentence_actors("Pakistani Taliban fighters attacked the post.", resources.lexicon).names == ("TTP: Tehreek-i-Taliban Pakistan",)
    assert sentence_actors("Taliban militants attacked the post.", resources.lexicon).names == ("Taliban",)


def test_coordinated_nationalities_share_their_noun(resources):
    from geomap.events.actors import sentence_actors

    names = sentence_actors("Kyrgyz and Tajik border guards exchanged fire near Vorukh.", resources.lexicon).names
    assert "Military Forces of Kyrgyzstan" in names and "Military Forces of Tajikistan (1994-) Border Troops" in names


def test_only_places_introduced_as_locations_count_as_locative(resources):
    text = (" date 2021-10-23 A Russia-led military exercise held near the Tajik-Afghan border, designed to demonstrate"
            " Moscow stands ready to protect Dushanbe, ended on Saturday.")
    event = parse_text(text, None, resources).events[0]
    assert event.place is not None and event.place.place.country != "RU"
    event = parse_text(" date 2021-08-01 Taliban fighters attacked positions in the northern town of Kunduz on Sunday.", None, resources).events[0]
    assert event.place.place.name.startswith("Kunduz")


def test_weekdays_next_to_an_explicit_date_and_on_the_publication_day():
    friday = date(2016, 7, 1)
    assert extract_date("The company announced Friday it will build the dam.", friday, forward=True).start == friday
    assert extract_date("They will meet next Friday.", friday, forward=True).start == date(2016, 7, 8)
    assert extract_date("Clashes broke out on Saturday, October 24, near the post.", date(2020, 10, 26)).start == date(2020, 10, 24)


def test_the_target_of_an_attack_is_a_recipient_not_the_attacker(resources):
    from geomap.events.actors import sentence_actors

    found = sentence_actors("Militants launched an attack on Tajik border guards near Kavo.", resources.lexicon)
    assert found.recipients and found.names[0] not in found.recipients and found.names[-1] in found.recipients


def test_people_counted_after_a_verb_of_killing_are_fatalities(resources):
    units = resources.lexicon.units
    assert [(q.category, q.best) for q in extract_quantities("Militants attacked the post, killing two border guards.", units)] == [("fatalities", 2)]
    assert [(q.category, q.best) for q in extract_quantities("Some 300 border guards took part.", units)] == [("personnel", 300)]


def test_a_cue_can_refine_the_acled_codes_of_its_class(resources):
    from geomap.export import event_record

    def acled(text):
        event = parse_text(" date 2022-09-16 " + text, None, resources).events[0]
        record = event_record(event, resources.lexicon)
        return event.event_class, record["acled_event_type"], record["acled_sub_event_type"]

    assert acled("A roadside bomb exploded near Kunduz on Friday.") == ("attack", "Explosions/Remote violence", "Remote explosive/landmine/IED")
    assert acled("A drone strike hit a mosque near Isfara on Friday.")[2] == "Air/drone strike"
    assert acled("Kyrgyz troops shelled Tajik villages near Vorukh on Friday.")[2] == "Shelling/artillery/missile attack"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("A suicide bomber killed five people including Taliban security forces on Tuesday.", [("fatalities", 5)]),
        ("Seven people were also wounded in the attack.", [("injured", 7)]),
        ("Militants attacked a mosque, killing nearly 50 Shiite Muslim worshipers and wounding dozens more.",
         [("fatalities", 50), ("injured", 12)]),  # casualties by the lowest figure: "dozens" is 12
        ("Officials said the blast had killed 46 worshipers and injured another 143.", [("fatalities", 46), ("injured", 143)]),
        ("Gunmen shot dead three border guards and injured two.", [("fatalities", 3), ("injured", 2)]),
        ("The attack killed 5 and wounded 7.", [("fatalities", 5), ("injured", 7)]),
        ("Three suspects were caught with the drugs.", [("detained", 3)]),
        ("Two trucks caught fire near the post.", [("vehicles", 2)]),  # not detained
        ("Two soldiers were killed 3 km from the border.", [("fatalities", 2)]),
    ],
)
def test_casualty_counts_in_active_and_passive_voice(sentence, expected, resources):
    """Wire leads count the dead after the verb ("killed five people"): the verb says what is counted."""
    found = [(q.category, q.best) for q in extract_quantities(sentence, resources.lexicon.units)]
    assert found == expected


def _only_event(text, resources, day=date(2025, 6, 5)):
    [event] = parse_text(text, day, resources).events
    return event


def test_a_country_named_as_the_location_is_neither_swapped_nor_an_actor(resources):
    drill = _only_event("Military drill for Russian troops kicks off in southern Tajikistan.", resources)
    assert drill.place.place.country == "TJ"
    assert not any("Tajikistan" in actor for actor in drill.actors)
    killing = _only_event("Chinese national killed by armed assailants in northeastern Afghanistan", resources)
    assert killing.place.place.country == "AF" and not any("Afghanistan" in actor for actor in killing.actors)
    # the actor's own country still yields when it is not introduced as the location
    sent = _only_event("Russia sent 20 armoured vehicles to the Tajik army.", resources)
    assert sent.place.place.country == "TJ"


def test_places_of_a_which_borders_clause_are_not_where_it_happened(resources):
    clash = _only_event(
        "The clash took place on August 24 in the Afghan province of Badakhshan, which borders the "
        "Shamsiddin Shokhin district of the Khatlon region of Tajikistan.", resources)
    assert clash.place.place.country == "AF" and clash.place.place.feature_type == "admin1"
    assert clash.actors == []


def test_origin_is_not_the_location(resources):
    attack = _only_event("The attackers entered Tajikistan from a village in Badakhshan Province and attacked a camp.", resources)
    assert attack.place.place.country == "TJ"


def test_a_place_described_as_at_the_border_beats_the_border_zone(resources):
    fall = _only_event("Sher Khan Bandar town at the border between Afghanistan and Tajikistan falls to Taliban", resources)
    assert fall.place.place.name == "Sher Khan Bandar"


@pytest.mark.parametrize(
    ("sentence", "published", "forward", "expected"),
    [
        ("On the morning of January 18, 2026, four members crossed.", date(2026, 1, 19), False, (date(2026, 1, 18), "day")),
        ("A resolution from September 23, 2013, adopted on November 28, 2024.", date(2025, 4, 11), False, (date(2013, 9, 23), "day")),
        ("In November last year, armed groups attacked the sector.", date(2025, 11, 27), False, (date(2024, 11, 1), "month")),
        ("During a visit to Kabul in August of last year, he spoke.", date(2025, 12, 2), False, (date(2024, 8, 1), "month")),
        ("The second phase, slated for 2026-27, will involve deliveries.", date(2025, 4, 11), True, (date(2026, 1, 1), "year")),
        ("Two soldiers were killed two days ago.", date(2026, 1, 19), False, (date(2026, 1, 17), "day")),
        ("Russia will reinforce its base, a spokesman told journalists on Wednesday.", date(2015, 10, 8), True, (date(2015, 10, 7), "day")),
        ("Russia will hold drills near Kulob on Wednesday.", date(2015, 10, 8), True, (date(2015, 10, 14), "day")),
    ],
)
def test_dates_that_real_news_writes(sentence, published, forward, expected):
    from geomap.events.dates import extract_date

    found = extract_date(sentence, published, forward)
    assert (found.start, found.precision) == expected


def test_undated_sentences_take_their_date_from_the_incident_they_continue(resources):
    text = (
        "On November 26, gunmen attacked a camp of Chinese workers in Shamsiddin Shohin district, killing three. "
        "Four days after the first attack, two more workers were killed in Darvoz district. "
        "Officials met in Dushanbe to discuss trade. "
        "Seven people were also wounded in the attack. "
        "The next day, border guards detained three suspects."
    )
    events = parse_text(text, date(2025, 12, 2), resources).events
    dates = [(e.date.start, e.date.basis) for e in events]
    assert dates[0] == (date(2025, 11, 26), "text")
    assert dates[1] == (date(2025, 11, 30), "earlier event")  # four days after
    assert (date(2025, 11, 30), "incident") in dates[2:]  # "the attack" again, two sentences on
    assert dates[-1] == (date(2025, 12, 1), "earlier event")  # the next day


def test_who_reports_violence_did_not_commit_it(resources):
    attack = _only_event("Chinese workers were killed in an attack that Tajik authorities say was carried out from across the border.", resources)
    # the speaker did not commit it; the victims are its recipients; no Tajik-Chinese border from nationality words
    assert "Government of Tajikistan (1994-)" not in attack.actors and attack.recipients == ["Civilians (China)"]
    assert attack.place.place.id == "border:TJK-AFG"
    clash = _only_event("Kyrgyz and Tajik troops clashed along the border on Wednesday.", resources)
    assert clash.place.place.id == "border:KGZ-TJK"


def test_security_forces_killing_armed_men_is_a_clash_not_violence_against_civilians(resources):
    killed = parse_text("Security forces in Tajikistan killed two alleged drug smugglers who crossed the border.", date(2025, 6, 5), resources).events
    assert killed[0].event_class == "armed_clash"  # the crossing the smugglers made before is a second event
    assert _only_event("Two of the smugglers were killed during the combat operation.", resources).event_class == "armed_clash"
    assert _only_event("Gunmen shot dead two civilians in a village near Kunduz.", resources).event_class == "attack"


def test_where_people_fled_to_is_not_where_it_happened(resources):
    clash = _only_event("During the confrontation, three smugglers were killed, while two others fled back toward Afghanistan.", resources)
    assert clash.place is None and clash.actors == ["Smugglers / drug traffickers (unidentified)"]
    assert [(q.category, q.best) for q in clash.quantities] == [("fatalities", 3)]  # fleeing fighters are not displaced people
    near = _only_event("Units arrived 20 km from Kulob on Friday.", resources)
    assert near.place_relation == "20 km from"  # a distance, not an origin


def test_sentences_going_on_about_an_incident_take_its_place_and_date(resources):
    text = (
        " date 2026-01-30 Clash on Tajik-Afghan border leaves 3 dead\n\n"
        "Tajik border guards clashed with armed men in Shamsiddin Shohin district on Thursday. "
        "Three of the men were killed in the clash. "
        "Separately, officials in Dushanbe met a Chinese delegation."
    )
    result = parse_text(text, None, resources)
    clashes = [e for e in result.events if e.event_class == "armed_clash"]
    assert len(clashes) == 3
    assert {e.place.place.name for e in clashes} == {"Shamsiddin Shohin District"}
    assert {e.date.start for e in clashes} == {date(2026, 1, 29)}
    assert [e.place_relation.startswith("same incident") for e in clashes] == [True, False, True]


def test_a_carried_over_place_must_lie_inside_the_vaguer_place_it_replaces(resources):
    text = "Russia announced joint drills with Tajikistan along the Afghan border. The drills were prepared at a meeting in Moscow."
    first = parse_text(text, date(2024, 3, 1), resources).events[0]
    assert first.place.place.id == "border:TJK-AFG"  # Moscow does not refine the border area


def test_a_meeting_with_no_place_of_its_own_is_placed_at_the_dateline_city(resources):
    text = "BISHKEK. March 13 (Interfax) - Kyrgyz President Sadyr Japarov and Tajik President Emomali Rahmon have signed a border treaty."
    signing = _only_event(text, resources, date(2025, 3, 13))
    assert signing.place.place.name == "Bishkek" and signing.place_relation == "in (dateline)"
    attack = _only_event("DUSHANBE, Sept 18 (Reuters) - Militants attacked a border post, the ministry said.", resources, date(2022, 9, 18))
    assert attack.place is None or attack.place.place.name != "Dushanbe"  # violence is not placed where the report was filed


def test_victims_listed_after_a_killing_verb_are_recipients(resources):
    attack = _only_event("A suicide bomber killed five people including Taliban security forces on Tuesday in Kunduz.", resources)
    assert attack.recipients == ["Taliban"]


def test_parse_text_takes_an_iso_date_string(resources):
    assert parse_text("Troops held drills near Kulob on Friday.", "2021-07-30", resources).events[0].date.start == date(2021, 7, 30)
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_text("Troops held drills.", "30 July", resources)


def test_an_article_about_another_border_measures_against_it(resources):
    text = (
        "Kyrgyz forces shelled Tajik villages near Isfara on Friday, Tajikistan said. "
        "Kyrgyzstan denied it. Fighting continued along the border."
    )
    events = parse_text(text, date(2022, 9, 16), resources).events
    fighting = events[-1]
    # the fighting along the article's border (not the primary one) is the shelling near Isfara told on
    assert fighting.incident_id == events[0].incident_id and fighting.border.border == "KGZ-TJK"
    shelled = events[0]
    assert shelled.border.border == "KGZ-TJK" and shelled.border.distance_km < 30  # the nearest border of all


def test_a_time_zone_is_no_place_and_a_post_named_after_a_city_is_not_the_city(resources):
    attack = _only_event("The attack on the Tajik Dushanbe post began at 08:00 Moscow time.", resources)
    assert attack.place is None
    shelled = _only_event("Kyrgyz troops shelled the Dushanbe border post.", resources)
    assert shelled.place is None


def test_negated_and_refused_agreements_are_denied(resources):
    assert _only_event("But the Taliban did not agree to stop fighting Afghan forces.", resources).modality == "denied"
    assert _only_event("The Taliban refused to agree to a ceasefire.", resources).modality == "denied"


def test_the_date_of_a_meeting_mentioned_in_a_planned_sentence_is_past():
    from geomap.events.dates import extract_date

    sentence = "During a meeting with Tajik President Emomali Rahmon in Dushanbe on April 11, he said weapons will be delivered."
    assert extract_date(sentence, date(2025, 5, 21), forward=True).start == date(2025, 4, 11)


def test_a_visit_takes_place_where_the_visitors_went(resources):
    result = parse_text("Senior Taliban officials visited Balkh province on Wednesday to open the first phase of a canal.",
                        date(2023, 10, 12), resources)
    [event] = [e for e in result.events if e.event_class == "agreement_meeting"]
    assert event.place is not None and event.place.place.name.startswith("Balkh"), (event.event_class, event.place)


@pytest.mark.parametrize("text, day, loser", [
    ("Taliban fighters seized the city of Kunduz on Tuesday.", date(2021, 7, 8), "Military Forces of Afghanistan (2014-2021)"),
    ("Afghan government forces recaptured the city of Kunduz on Tuesday.", date(2021, 7, 8), None),
    ("Taliban fighters seized the city of Kunduz on Tuesday.", date(2023, 7, 8), None),  # they hold it themselves
    ("Tajik troops captured the Kyrgyz village of Dostuk on Tuesday.", date(2022, 9, 16), "Military Forces of Kyrgyzstan"),
])
def test_a_place_taken_names_who_held_it(resources, text, day, loser):
    """ACLED codes the side that lost territory as the second actor: the authority holding the
    place's country on the day, unless the takers are that authority."""
    [event] = [e for e in parse_text(text, day, resources).events if e.event_class == "territorial_control"]
    assert event.recipients == ([loser] if loser else []), (event.actors, event.recipients)
    if loser:
        assert loser in event.actors and "held by" in event.reasons["actors"]


def test_an_incident_that_goes_on_dates_its_sentences_by_the_day_last_told(resources):
    text = ("Gunmen from Afghanistan attacked a Tajik border post near Panj on December 23. "
            "On December 24 border guards found the attackers in the hills near Panj. "
            "The attackers opened fire and all three were killed near Panj.")
    events = parse_text(text, date(2025, 12, 25), resources).events
    last = [e for e in events if e.sentence.startswith("The attackers opened fire")]
    assert last and last[0].date is not None and last[0].date.start == date(2025, 12, 24), [(e.sentence[:30], e.date) for e in events]


@pytest.mark.parametrize("sentence, fatalities", [
    ("Tajik border guards killed an armed fighter who had crossed over from Afghanistan and lost an officer during a clash.", 2),
    ("The army lost two soldiers in the clash near the border.", 2),
    ("The army lost two tanks in the clash near the border.", None),
    ("A soldier was killed and a civilian was wounded in the shelling.", 1),
    ("It added that the four men refused an order to surrender and offered armed resistance, and were killed.", 4),
    ("Some 200 troops arrived in Khorog and were deployed along the river.", None),
])
def test_a_side_losing_its_own_counts_as_fatalities(resources, sentence, fatalities):
    quantities = extract_quantities(sentence, resources.lexicon.units)
    killed = [q.best for q in quantities if q.category == "fatalities"]
    assert (sum(killed) if killed else None) == fatalities, quantities


def test_a_speaker_placed_once_keeps_the_venue_for_later_words(resources):
    text = ("Russian Foreign Minister Sergei Lavrov met Tajik officials at a conference in Dushanbe on Monday. "
            "Drug production in Afghanistan has grown, officials in Kabul admitted. "
            "Lavrov warned that terrorist groups remain a threat to Central Asia. "
            "Earlier, Lavrov said that the border needed more guards.")
    events = {e.sentence[:12]: e for e in parse_text(text, date(2024, 5, 21), resources).events}
    warned = events["Lavrov warne"]
    assert warned.event_class == "statement" and warned.place is not None and warned.place.place.name == "Dushanbe"
    assert events["Earlier, Lav"].place is None  # words from another occasion


@pytest.mark.parametrize("sentence", [
    "In response, Taliban authorities fired their guns to disperse villagers protesting the eradication of their fields.",
    "The shooting triggered some of the deadliest clashes between civilians and the group in recent months.",
])
def test_force_against_a_crowd_is_a_violent_demonstration(resources, sentence):
    events = parse_text(sentence, date(2025, 7, 1), resources).events
    assert events and events[0].event_class == "riot", [(e.event_class, e.reasons["class"]) for e in events]


@pytest.mark.parametrize("sentence, expected", [
    ("Hundreds of protesters gathered outside the governor's office in Khorog on Monday.", "protest"),
    ("“We will not allow our fields to be destroyed,” one protester told reporters in Faizabad.", "statement"),
    ("Protesters have so far rejected offers of negotiations, demanding an end to the eradication campaign.", "statement"),
    ("The demonstrators stated that the authorities had broken their promises.", "statement"),
    ("The governor met with the protesters in Khorog on Monday and promised an inquiry.", "agreement_meeting"),
])
def test_protesters_who_speak_make_a_statement_not_a_protest(resources, sentence, expected):
    events = parse_text(sentence, date(2025, 7, 1), resources).events
    assert events and events[0].event_class == expected, [(e.event_class, e.reasons["class"]) for e in events]


@pytest.mark.parametrize("sentence, expected", [
    ("The spokesman said in November that the attack appeared to have been caused by elements trying to create chaos.", "statement"),
    ("Moscow has said it believes Ukrainian special forces were ultimately behind the massacre.", "statement"),
    ("Gunmen attacked a border post near Panj on Monday, the spokesman said.", "attack"),
])
def test_judging_or_blaming_an_event_is_a_statement(resources, sentence, expected):
    events = parse_text(sentence, date(2024, 4, 20), resources).events
    assert events and events[0].event_class == expected, [(e.event_class, e.reasons["class"]) for e in events]


def test_a_headline_with_coordinated_subjects_and_to_is_a_plan(resources):
    events = parse_text("Tajikistan, Uzbekistan to conduct joint exercises near Termez", date(2018, 9, 17), resources).events
    assert events and events[0].modality == "planned", [(e.event_class, e.modality, e.reasons["modality"]) for e in events]


def test_fire_across_a_border_river_is_an_attack(resources):
    events = parse_text("Smugglers fired across the Panj river near Shurobod on Monday, wounding a Tajik border guard.",
                        date(2024, 5, 21), resources).events
    assert events and events[0].event_class == "attack", [(e.event_class, e.reasons["class"]) for e in events]


@pytest.mark.parametrize("sentence, expected", [
    ("Later, thousands of residents gathered near the mayor's office in Khorog.", "protest"),
    ("A police officer reportedly fired a pistol at a group of people in Khorog, wounding three men.", "attack"),
    ("After the attack, unprecedented security measures were taken in Dushanbe and its surroundings.", "alert_raised"),
    ("Officials gathered in Dushanbe for talks on border security.", "agreement_meeting"),
])
def test_gatherings_shots_at_people_and_security_measures(resources, sentence, expected):
    events = parse_text(sentence, date(2018, 11, 7), resources).events
    assert events and events[0].event_class == expected, [(e.event_class, e.reasons["class"]) for e in events]


def test_violence_between_two_neighbours_is_placed_on_their_border(resources):
    events = parse_text("A dispute over irrigation water triggered a clash between Tajikistan and Kyrgyzstan on April 28.",
                        date(2021, 7, 9), resources).events
    assert events and events[0].event_class == "armed_clash"
    place = events[0].place
    assert place is not None and events[0].place_relation == "along the border" and "KGZ" in place.place.name, place
    assert events[0].geo_level != "country"


def test_the_security_forces_are_those_holding_the_country_on_the_day(resources):
    text = (" date 2018-07-17\nIntense clashes are underway between the security forces and Taliban militants "
            "in Imam Sahib district of Kunduz province.")
    [event] = [e for e in parse_text(text, None, resources).events if e.event_class == "armed_clash"]
    assert "Military Forces of Afghanistan (2014-2021)" in event.actors and "Taliban" in event.actors, event.actors


def test_a_crossing_point_operational_again_is_a_crossing_status(resources):
    text = ('"The Termez-Hairatan bridge crossing point, linking Uzbekistan and Afghanistan, is operational again," '
            "the chamber said on Tuesday.")
    events = parse_text(text, date(2025, 12, 3), resources).events
    assert events and events[0].event_class == "border_crossing_status", [(e.event_class, e.reasons["class"]) for e in events]


def test_refugees_returned_across_a_border_are_a_displacement(resources):
    events = parse_text("Uzbekistan said it had returned 150 Afghans at the refugees' own request.", date(2021, 9, 2), resources).events
    assert events and events[0].event_class == "displacement", [(e.event_class, e.reasons["class"]) for e in events]


@pytest.mark.parametrize("sentence, reference, start, end", [
    ("killed during the operation in Khorog last summer", date(2013, 7, 24), date(2012, 6, 1), date(2012, 8, 31)),
    ("clashes erupted last winter", date(2014, 3, 20), date(2013, 12, 1), date(2014, 2, 28)),
    ("in the summer of 2012 fighting broke out", date(2014, 3, 20), date(2012, 6, 1), date(2012, 8, 31)),
    ("they arrived about six months ago", date(2014, 3, 20), date(2013, 9, 1), date(2013, 9, 30)),
    ("two years ago the post was attacked", date(2014, 3, 20), date(2012, 1, 1), date(2012, 12, 31)),
])
def test_seasons_and_months_or_years_ago(sentence, reference, start, end):
    from geomap.events.dates import date_mentions

    [mention] = date_mentions(sentence, reference)
    assert (mention.date.start, mention.date.end) == (start, end)


@pytest.mark.parametrize("sentence, second", [
    ("They also demanded the withdrawal of the troops from Khorog.", None),
    ("The protesters called for the reopening of the border crossing.", None),
    ("Dushanbe accused the Taliban of attacking the post.", "attack"),  # an accusation tells what happened
])
def test_a_demand_tells_no_second_event(resources, sentence, second):
    events = parse_text(sentence, date(2012, 8, 22), resources).events
    assert events[0].event_class == "statement"
    assert [e.event_class for e in events[1:]] == ([second] if second else [])


def test_a_year_from_a_summary_sentence_does_not_date_todays_incident(resources):
    text = (" date 2017-06-24\nBorder guards seized 25 kilograms of drugs from smugglers in Hamadoni district, "
            "the agency told reporters Saturday. The smugglers opened fire and escaped to Afghanistan. "
            "The border has seen 13 armed clashes in Hamadoni district since the beginning of 2017.")
    events = parse_text(text, None, resources).events
    fire = [e for e in events if e.sentence.startswith("The smugglers opened fire")]
    assert fire and fire[0].date is not None and fire[0].date.precision != "year", [(e.sentence[:25], e.date) for e in events]


def test_the_police_of_an_article_set_in_one_country_are_its_police(resources):
    text = (" date 2018-11-07\nA police officer fired a pistol at a group of people in Khorog's Tirshid "
            "neighbourhood, wounding three men, residents of Khorog said.")
    [event] = [e for e in parse_text(text, None, resources).events if e.event_class == "attack"]
    assert any("Tajikistan" in actor and "Police" in actor for actor in event.actors), event.actors


@pytest.mark.parametrize("sentence", [
    "The militia has beaten back several attempts by the Taliban to cross the border.",
    "Local defenders pushed the Taliban back from the village and from the border on Monday.",
])
def test_pushing_attackers_back_is_a_clash(resources, sentence):
    events = parse_text(sentence, date(2014, 3, 20), resources).events
    assert events and events[0].event_class == "armed_clash", [(e.event_class, e.reasons["class"]) for e in events]


def test_a_delegation_that_travelled_for_talks_is_a_meeting(resources):
    text = "The Ministry of Interior has announced that a delegation led by the governor of Badakhshan has traveled to Tajikistan for border talks."
    events = parse_text(text, date(2025, 11, 27), resources).events
    assert events and events[0].event_class == "agreement_meeting", [(e.event_class, e.reasons["class"]) for e in events]


def test_an_attack_responded_to_that_killed_people_is_reported(resources):
    text = ("Tajik border guards have responded to an armed attack from Afghanistan that occurred on December 23, "
            "resulting in the deaths of two officers.")
    events = parse_text(text, date(2025, 12, 25), resources).events
    assert events and events[0].event_class in ("attack", "armed_clash"), [(e.event_class, e.reasons["class"]) for e in events]


@pytest.mark.parametrize("sentence", [
    "The main public places of the capital were taken under increased control of the security forces.",
    "Armed security forces stand along the road and pass vehicles only after a thorough inspection.",
])
def test_places_put_under_increased_control_are_an_alert(resources, sentence):
    events = parse_text(sentence, date(2019, 11, 6), resources).events
    assert events and events[0].event_class == "alert_raised", [(e.event_class, e.reasons["class"]) for e in events]


def test_movement_of_military_vehicles_is_a_deployment(resources):
    events = parse_text("Movement of military vehicles was noticed on the road from Dushanbe to Bokhtar on Wednesday.",
                        date(2019, 11, 6), resources).events
    assert events and events[0].event_class == "deployment", [(e.event_class, e.reasons["class"]) for e in events]


def test_a_headline_takes_its_leads_day_not_the_earliest_background_day(resources):
    text = (" date 2012-07-29\nTajik Rebels Surrender After Assault Threat\n\n"
            "Rebels facing off against government troops in Khorog began laying down their weapons Sunday. "
            "On Saturday, after several days of talks, the rebels in Khorog were told to lay down their weapons.")
    events = parse_text(text, None, resources).events
    headline = [e for e in events if e.sentence.startswith("Tajik Rebels")]
    assert headline and headline[0].date is not None and headline[0].date.start == date(2012, 7, 29), [(e.sentence[:20], e.date) for e in events]


@pytest.mark.parametrize("text", [
    "Fighting broke out between government forces and the Taliban in the village of Kavo on Monday. "
    "Hundreds of residents fled to the district centre. Police said four officers had been wounded.",
    "Clashes erupted between border guards and smugglers near the village of Bogh on Tuesday. "
    "Dozens of families were evacuated from the village. As a result, two guards were injured.",
])
def test_a_casualty_count_reports_the_violence_not_the_flight_told_before_it(resources, text):
    events = parse_text(text, date(2020, 5, 6), resources).events
    assert events[-1].event_class == "armed_clash", [(e.event_class, e.reasons["class"]) for e in events]


def test_the_incident_as_a_whole_is_the_one_told_first(resources):
    text = ("Masked gunmen attacked a border post in the village of Kavo on Sunday. "
            "Security forces later killed eight of the attackers in a shootout. "
            "The incident occurred on a public holiday.")
    events = parse_text(text, date(2020, 5, 6), resources).events
    assert events[-1].event_class == "attack", [(e.event_class, e.reasons["class"]) for e in events]


@pytest.mark.parametrize("text", [
    "Gunmen attacked a border post in the village of Kavo on March 3. The attack in March left two guards wounded.",
    "Smugglers opened fire on border guards near the village of Bogh on March 3. "
    "The exchange of fire earlier this month wounded two guards.",
])
def test_a_month_of_the_incident_takes_the_day_another_sentence_gives(resources, text):
    events = parse_text(text, date(2020, 3, 10), resources).events
    assert events[-1].date is not None and events[-1].date.start == date(2020, 3, 3), [(e.sentence[:25], e.date) for e in events]


def test_the_day_a_threat_was_voiced_does_not_date_what_happened(resources):
    text = (" date 2015-05-10\nGunmen began laying down their weapons in the village of Kavo on Sunday. "
            "On Saturday, officials warned the gunmen that troops would storm the village unless they surrendered. "
            "A police source said the gunmen had started to surrender in the morning.")
    events = parse_text(text, None, resources).events
    last = [e for e in events if e.sentence.startswith("A police source")]
    assert last and last[0].date is not None and last[0].date.start == date(2015, 5, 10), [(e.sentence[:25], e.modality, e.date) for e in events]


@pytest.mark.parametrize("sentence,forward,start,end", [
    ("Rebels captured the district centre several hours ago.", False, date(2021, 9, 16), date(2021, 9, 16)),
    ("The post fell to the militants two hours ago, a resident said.", False, date(2021, 9, 16), date(2021, 9, 16)),
    ("Gunmen stormed the checkpoint minutes ago.", False, date(2021, 9, 16), date(2021, 9, 16)),
])
def test_hours_or_minutes_ago_is_the_day_of_the_report(sentence, forward, start, end):
    found = extract_date(sentence, date(2021, 9, 16), forward=forward)
    assert found is not None and (found.start, found.end) == (start, end)
    few_weeks = extract_date("Smugglers crossed the river a few weeks ago.", date(2021, 9, 16))
    assert few_weeks is not None and (few_weeks.start, few_weeks.end) == (date(2021, 8, 9), date(2021, 9, 5))


@pytest.mark.parametrize("sentence,forward,start,end", [
    ("The alliance will hold drills on the border in a month.", True, date(2021, 10, 1), date(2021, 10, 31)),
    ("Talks on the border will resume in two weeks' time.", True, date(2021, 9, 27), date(2021, 10, 3)),
    ("The delegation will arrive in Khorog in three days.", True, date(2021, 9, 19), date(2021, 9, 19)),
])
def test_a_plan_in_a_month_or_in_two_weeks_is_dated_from_the_article(sentence, forward, start, end):
    found = extract_date(sentence, date(2021, 9, 16), forward=forward)
    assert found is not None and (found.start, found.end) == (start, end)
    # a duration is no date: "in two days of fighting", "prices doubled in a month"
    assert extract_date("Ten fighters were killed in two days of fighting.", date(2021, 9, 16), forward=True) is None
    assert extract_date("Flour prices doubled in a month.", date(2021, 9, 16)) is None


def test_a_later_sentence_of_the_same_class_goes_on_about_it_across_another_event(resources):
    text = (" date 2021-09-16\nSecurity chiefs of the alliance met in Dushanbe on Thursday. "
            "Refugees from Afghanistan crossed into Tajikistan on Wednesday. "
            "The alliance announced that joint military exercises will be held next month on the Tajik-Afghan border. "
            "The minister said the fighting in Afghanistan might spill over. "
            "A series of large-scale exercises of the collective forces will take place.")
    events = parse_text(text, None, resources).events
    [last] = [e for e in events if e.sentence.startswith("A series")]
    assert last.date is not None and last.date.start == date(2021, 10, 1), [(e.sentence[:20], e.event_class, e.date) for e in events]
    assert last.place is not None


def test_a_whole_border_lies_at_the_stretch_nearest_a_town_the_article_names_elsewhere(resources):
    text = (" date 2022-04-06\nTwo men were shot dead in a skirmish along the Uzbek-Kyrgyz border on Tuesday. "
            "Uzbek border guards opened fire on a group of smugglers. "
            "Officials said both men were residents of the town of Kara-Suu in the Osh region.")
    events = parse_text(text, None, resources).events
    [fire] = [e for e in events if e.sentence.startswith("Uzbek border guards")]
    assert fire.place is not None and "Kara Suu" in fire.place.place.name, fire.reasons["place"]


def test_the_sentence_that_names_the_whole_border_takes_its_stretch_too(resources):
    text = (" date 2022-04-06\nGunfire erupted along the Uzbek-Kyrgyz border on Tuesday, local officials said. "
            "On Wednesday officials of both countries held talks in the town of Kara-Suu.")
    events = parse_text(text, None, resources).events
    [fire] = [e for e in events if e.sentence.startswith("Gunfire")]
    assert fire.place is not None and "near Kara Suu" in fire.place.place.name, [(e.event_class, e.incident_id, e.reasons["place"]) for e in events]


def test_refugees_take_their_own_camp_not_the_far_crossing_told_in_their_incident(resources):
    text = (" date 2021-07-15\nBorder guards said on Wednesday that 200 refugees from Afghanistan had crossed into the country, "
            "fleeing gains by Taliban fighters. "
            "The militants have brought large areas under their control, including the Shir Khan Bandar border crossing. "
            "Hundreds of families have fled the fighting in Afghanistan's Badakhshan province. "
            "The refugees were being housed in two camps in the Murghab district. "
            "The refugees had brought their livestock with them, officials said.")
    events = parse_text(text, None, resources).events
    [last] = [e for e in events if e.sentence.startswith("The refugees had")]
    assert last.place is not None and "Murg" in last.place.place.name, [(e.event_class, e.incident_id, e.reasons["place"]) for e in events]


@pytest.mark.parametrize("second", [
    "The smugglers had crossed the river in order to reach the major city of Kulob.",
    "The smugglers were on their way to Kulob with the drugs, officials said.",
    "The smugglers were heading to Kulob with 20 kilograms of heroin.",
])
def test_where_a_journey_was_headed_is_not_where_it_happened(resources, second):
    text = " date 2021-05-04\nTajik border guards detained three Afghan smugglers in Shamsiddin Shohin district on Monday. " + second
    events = parse_text(text, None, resources).events
    last = events[-1]
    assert last.place is None or "Kulob" not in last.place.place.name, [(e.event_class, e.reasons["place"]) for e in events]


@pytest.mark.parametrize("dateline", ["KHUJAND. Sept 17 (Interfax) - ", "BISHKEK, September 17. /TASS/. ", "OSH, 17 September (AKIpress) - "])
def test_a_wire_datelines_day_without_a_year_is_when_it_was_filed(resources, dateline):
    text = " date 2018-09-17\n" + dateline + "Joint military exercises will begin near Kulob on Tuesday, the ministry told reporters."
    events = parse_text(text, None, resources).events
    assert events and events[0].date is not None and events[0].date.start == date(2018, 9, 18), [(e.date, e.reasons["date"]) for e in events]


def test_words_said_after_a_dated_meeting_are_dated_by_the_meeting(resources):
    text = (" date 2021-09-02\nThe agency said Thursday that the interior minister had met the UN refugee envoy. "
            "During the meeting on Wednesday the minister said that 50 Afghan families were seeking to cross into the country. "
            "The minister warned that the country could not receive a large number of refugees.")
    events = parse_text(text, None, resources).events
    [last] = [e for e in events if e.sentence.startswith("The minister warned")]
    assert last.date is not None and last.date.start == date(2021, 9, 1), [(e.sentence[:20], e.date, e.reasons["date"]) for e in events]


@pytest.mark.parametrize("second", [
    "Police are still searching for the gunmen who attacked the post.",
    "More troops are being sent to the district, officials said.",
])
def test_what_is_going_on_now_is_todays_news_not_the_incidents_earlier_day(resources, second):
    text = " date 2016-11-01\nGunmen attacked a border post in Hamadoni district on October 20, killing a guard. " + second
    events = parse_text(text, None, resources).events
    assert events[-1].date is not None and events[-1].date.start == date(2016, 11, 1), [(e.sentence[:20], e.date, e.reasons["date"]) for e in events]


def test_protesters_speak_where_they_protest(resources):
    text = (" date 2012-08-22\nSeveral thousand people gathered near the mayor's office in Khorog on Wednesday. "
            "Officials said the situation remained tense. "
            "The demonstrators accused the authorities of breaking the ceasefire agreement.")
    events = parse_text(text, None, resources).events
    [said] = [e for e in events if e.sentence.startswith("The demonstrators")][:1]
    assert said.place is not None and said.place.place.name.startswith("Khor"), [(e.event_class, e.incident_id, e.reasons["place"]) for e in events]


@pytest.mark.parametrize("sentence", [
    "Border guards clashed with smugglers just days before a meeting of the two presidents in Kulob.",
    "The clash on the border comes a week after the defence ministers held talks in Kulob.",
])
def test_the_place_of_an_event_this_one_is_set_against_is_not_its_place(resources, sentence):
    events = parse_text(sentence, date(2019, 7, 23), resources).events
    assert events and (events[0].place is None or events[0].place.place.feature_type not in ("town", "city")), [e.reasons["place"] for e in events]


@pytest.mark.parametrize("sentence", [
    "The two presidents held talks on the outskirts of Khujand on Monday.",
    "The border commissions met in the territory of Isfara district on Monday.",
])
def test_the_outskirts_or_territory_of_a_place_introduce_it_as_a_location(resources, sentence):
    events = parse_text(sentence, date(2019, 7, 23), resources).events
    assert events and events[0].place is not None and events[0].place.place.feature_type != "country", [e.reasons["place"] for e in events]


def test_where_troops_came_from_is_not_where_they_were_sent(resources):
    text = "More troops from an army garrison near the city of Kulob are being sent to the Afghan border."
    events = parse_text(text, date(2021, 7, 12), resources).events
    assert events and "along the border" in events[0].place_relation, [e.reasons["place"] for e in events]


def test_the_air_base_is_the_base_the_article_names_in_that_country(resources):
    text = (" date 2016-12-09\nRussian ground attack aircraft arrived in Tajikistan for a joint exercise on Friday. "
            "After the exercise the aircraft will return to the air base in Kyrgyzstan. "
            "Kant Air Base hosts Russian air force units.")
    events = parse_text(text, None, resources).events
    [back] = [e for e in events if e.sentence.startswith("After the exercise")]
    assert back.place is not None and back.place.place.name == "Kant Air Base", back.reasons["place"]


def test_undated_past_sentences_after_an_old_day_go_on_with_that_background(resources):
    text = (" date 2013-07-24\nHundreds of people marched in Khorog today to mark the anniversary of last year's events. "
            "We recall that clashes began in Khorog on July 24, 2012 when government forces launched an operation. "
            "The authorities accused a former commander of organising the attack. "
            "Police are now patrolling the streets of Khorog.")
    events = parse_text(text, None, resources).events
    accused = next(e for e in events if e.sentence.startswith("The authorities accused"))
    assert accused.date is not None and accused.date.start.year == 2012, (accused.date, accused.reasons["date"])
    [now] = [e for e in events if e.sentence.startswith("Police are now")] or [None]
    assert now is None or now.date is None or now.date.start.year == 2013


def test_a_country_before_a_phrase_about_the_border_is_no_border_name(resources):
    text = "A delegation led by the governor of Badakhshan has travelled to Tajikistan for border talks."
    events = parse_text(text, date(2025, 11, 27), resources).events
    assert events and events[0].place is not None and events[0].place.place.name == "Tajikistan", [e.reasons["place"] for e in events]
    along = parse_text("Troops were sent to the Tajikistan border on Monday.", date(2025, 11, 27), resources).events
    assert along and along[0].place_relation == "along the border", [e.reasons["place"] for e in along]


def test_a_place_talked_about_is_not_where_the_meeting_was(resources):
    text = "The interior minister met the UN refugee envoy in Dushanbe to discuss the humanitarian crisis in Afghanistan."
    events = parse_text(text, date(2021, 9, 2), resources).events
    assert events and events[0].place is not None and events[0].place.place.name == "Dushanbe", [e.reasons["place"] for e in events]
    unplaced = parse_text("The minister met the UN envoy to discuss the crisis in Afghanistan.", date(2021, 9, 2), resources).events
    assert unplaced and unplaced[0].place is None, [e.reasons["place"] for e in unplaced]


def test_an_incident_is_dated_by_its_exact_day_before_a_span_that_brackets_it(resources):
    text = (" date 2021-06-22\nTaliban militants have seized the border town of Sher Khan Bandar, a reporter said Tuesday. "
            "Taliban militants seized Sher Khan Bandar several hours ago, he said. "
            "But the government is under attack and this past weekend saw some of the largest Taliban gains yet. "
            "According to him, some Afghan officials are among refugees who crossed the Tajik border.")
    events = parse_text(text, None, resources).events
    fell = next(e for e in events if e.sentence.startswith("According to him"))
    assert fell.date is not None and fell.date.start == date(2021, 6, 22), [(e.sentence[:20], e.incident_id, e.date) for e in events]


def test_the_dateline_city_does_not_say_where_along_the_border(resources):
    text = " date 2022-04-06\nDUSHANBE -- Gunfire erupted along the Tajik-Uzbek border on Tuesday, officials said."
    events = parse_text(text, None, resources).events
    assert events and "near" not in (events[0].place.place.name if events[0].place else ""), events[0].reasons["place"]


def test_a_month_long_past_is_background_for_the_past_tense_sentences_after_it(resources):
    text = (" date 2014-03-20\nVillagers in Karkin say the Taliban arrived about six months ago. "
            "The militants kidnapped and killed several villagers in Karkin. "
            "Local officials are now arming the men of the village.")
    events = parse_text(text, None, resources).events
    killed = next(e for e in events if e.sentence.startswith("The militants kidnapped"))
    assert killed.date is not None and killed.date.start == date(2013, 9, 1) and killed.modality == "historical", (killed.date, killed.reasons["date"])


def test_a_dated_recap_of_an_earlier_incident_does_not_date_the_undated_lead(resources):
    text = (" date 2023-06-20\nShooting on the Kyrgyz-Tajik border\n\n"
            "Kyrgyz and Tajik border guards exchanged fire near the village of Kok-Tash in Batken region, the border service said. "
            "The border service said today that nobody was hurt. "
            "It is the second shootout on this stretch of the border in a month. "
            "Tajik border guards fired mortars at Kyrgyz positions near Kok-Tash on May 30.")
    events = parse_text(text, None, resources).events
    lead, recap = events[1], events[-1]
    assert lead.date is not None and lead.date.start > date(2023, 6, 12), [(e.sentence[:20], e.incident_id, e.date) for e in events]
    assert recap.date.start == date(2023, 5, 30) and recap.incident_id != lead.incident_id


def test_a_state_that_began_before_the_week_still_holds_for_the_lead(resources):
    text = (" date 2023-06-20\nTERMEZ, June 20 - Uzbekistan has fully reopened its border crossing with Afghanistan at Termez, officials said.\n\n"
            "\"The Termez bridge crossing is operational again,\" the customs service said on Monday. "
            "The customs service said today that dozens of trucks were waiting. "
            "The customs service told reporters that the border had been reopened since June 8.")
    events = parse_text(text, None, resources).events
    lead, since = events[0], events[-1]
    assert lead.incident_id == since.incident_id and lead.date.start == date(2023, 6, 8), [(e.sentence[:20], e.incident_id, e.date) for e in events]


def test_an_earlier_event_of_the_kind_is_background_but_the_previous_day_is_a_date(resources):
    text = "Russian and Tajik troops began drills near Khorog on Tuesday. Previous exercises were held in Kulob."
    drills, previous = parse_text(text, date(2023, 6, 21), resources).events
    assert previous.modality == "historical" and previous.date is None and previous.incident_id != drills.incident_id
    text = "Troops clashed near Vorukh on Monday. The previous day, guards fired shots near Vorukh."
    day_before = parse_text(text, date(2023, 6, 21), resources).events[-1]
    assert day_before.modality == "reported" and day_before.date.start == date(2023, 6, 18)
    earlier_account = parse_text("Previous reports said 20 soldiers were killed in the clash near Vorukh.", date(2023, 6, 21), resources).events[0]
    assert earlier_account.modality == "reported"


def test_what_an_event_under_way_will_involve_is_reported(resources):
    text = "Russian and Tajik troops began joint drills near Kulob on Wednesday. About 3,000 soldiers will take part in the drills."
    began, details = parse_text(text, date(2023, 6, 21), resources).events
    assert details.incident_id == began.incident_id and details.modality == "reported", details.reasons["modality"]
    text = "Tajik troops held drills near Kulob last month. Russian units will join the next drills."
    assert parse_text(text, date(2023, 6, 21), resources).events[-1].modality == "planned"


def test_a_wish_or_an_unrealised_intention_is_hypothetical_and_undated(resources):
    text = "Clashes broke out near Panj on Monday. The Taliban want to seize the border crossing at Panj."
    wish = parse_text(text, date(2023, 6, 21), resources).events[-1]
    assert wish.modality == "hypothetical" and wish.date is None, (wish.modality, wish.date, wish.reasons)
    intention = parse_text("The gunmen intended to attack a border post near Panj, officials said.", date(2023, 6, 21), resources).events[0]
    assert intention.modality == "hypothetical", intention.reasons["modality"]


def test_the_predicate_after_a_relative_clause_gives_the_modality(resources):
    text = "The exercises, in which 800 Tajik soldiers practise repelling an incursion, will take place at the Lyaur range on June 22-25."
    assert parse_text(text, date(2023, 6, 21), resources).events[0].modality == "planned"
    text = "The exercises, in which 800 Tajik soldiers will practise repelling an incursion, were held at the Lyaur range last week."
    assert parse_text(text, date(2023, 6, 21), resources).events[0].modality == "reported"


def test_a_past_verb_joined_to_an_intention_is_reported(resources):
    text = "The Taliban commander wanted to organise subversive activity against the police and was killed in Dasht-e Archi district on Monday."
    killed = parse_text(text, date(2023, 6, 21), resources).events[0]
    assert killed.event_class == "attack" and killed.modality == "reported", killed.reasons["modality"]


def test_possible_qualifies_the_noun_after_it_not_the_event_before(resources):
    alert = parse_text("Troops were put on alert for a possible deployment to the border near Farkhor.", date(2023, 6, 21), resources).events[0]
    assert alert.event_class == "alert_raised" and alert.modality == "reported", alert.reasons["modality"]
    feared = parse_text("Officials fear a possible incursion of militants near Termez.", date(2023, 6, 21), resources).events[-1]
    assert feared.modality == "hypothetical"


def test_a_late_report_dating_its_incident_first_keeps_the_lead_in_it(resources):
    text = (" date 2023-06-20\nBorder guard killed on the Kyrgyz-Tajik border\n\n"
            "A Kyrgyz border guard was killed in an exchange of fire near the village of Kok-Tash in Batken region, the border service said. "
            "The shootout near Kok-Tash took place on June 5. "
            "The border service said today that an investigation was under way.")
    events = parse_text(text, None, resources).events
    assert events[1].date.start == date(2023, 6, 5) and events[1].incident_id == events[2].incident_id


@pytest.mark.parametrize(
    "sentence",
    [
        "Officials said that the guards, who patrol the river, were attacked as the rebels advanced.",
        "Such as it was, the post (on the ridge) fell; residents said they fled as well as they could.",
        "The army - known as the guard - announced drills, but the ministry claims that none took place.",
        "He hoped talks would go on while troops, described as reserves, moved as officers were told.",
        "",
        "said",
        "The town was described as calm, and that was all they reported.",
    ],
)
def test_clause_breaks_searched_apart_equal_the_one_alternation(sentence: str) -> None:
    from geomap.events.reading import _CLAUSE_BREAK, _clause_break_spans

    assert _clause_break_spans(sentence) == tuple(m.span() for m in _CLAUSE_BREAK.finditer(sentence))


@pytest.mark.parametrize(
    ("sentence", "event_word", "clause_end"),
    [
        # a short aside in brackets is no clause of its own: the clause goes on after it
        ("The exercise dubbed Poisk 2021 (Search 2021) will be conducted near the border.", "exercise", None),
        ("The border detachment of the committee (SCNS) moved north overnight.", "detachment", None),
        # a long parenthesis still ends the clause
        ("The drills (which, officials said, were planned long ago by both ministries) ended.", "drills", "("),
    ],
)
def test_a_short_aside_in_brackets_does_not_end_the_clause(sentence: str, event_word: str, clause_end: str | None) -> None:
    from geomap.events.reading import clause_span

    start, end = clause_span(sentence, sentence.index(event_word))
    assert end == (sentence.index(clause_end) if clause_end else len(sentence))


def test_a_plan_told_of_an_incident_dated_after_the_article_stays_a_plan(resources):
    from dataclasses import replace

    from geomap.events.incidents import _as_under_way
    from geomap.model import EventDate

    text = " date 2021-10-06\nA source says the military exercise will involve more than 4,000 troops."
    (event,) = parse_text(text, None, resources).events
    assert event.modality == "planned"
    from geomap.events.reading import ArticleFrame, read_sentence_events

    frame = ArticleFrame(text=text, published=date(2021, 10, 6), toponyms=(), lexicon=resources.lexicon, border_zones=(),
                         article_zone=None, organisations=(), filed=0, lead_end=len(text), historical_after_days=30,
                         toponym_starts=(), organisation_starts=(), harmful_classes=frozenset())
    (reading,) = read_sentence_events(frame, text.index("A source"), len(text))
    planned = replace(reading, modality="planned", date=None)
    later = EventDate(date(2021, 10, 10), date(2021, 10, 23), "days", "text", "October 10-23")
    # the class is under way (another sentence tells it begun): what it will involve is happening ...
    assert _as_under_way(planned, {"military_exercise"}, date(2021, 10, 6)).modality == "reported"
    # ... unless the incident itself is dated after the article: then it lies ahead with it
    assert _as_under_way(planned, {"military_exercise"}, date(2021, 10, 6), later).modality == "planned"


def test_a_span_may_name_the_month_it_ends_in():
    from geomap.events.dates import date_mentions

    (found,) = date_mentions("the talks were held from August 22 through August 28, 2024", date(2024, 9, 1))
    assert (found.date.start, found.date.end, found.date.precision) == (date(2024, 8, 22), date(2024, 8, 28), "days")
    (crossing,) = date_mentions("drills from December 30 to January 3", date(2024, 1, 10))
    assert (crossing.date.start, crossing.date.end) == (date(2023, 12, 30), date(2024, 1, 3))


def test_a_headline_above_a_bracketed_agency_line_is_a_sentence_of_its_own():
    from geomap.text import split_sentences

    text = "Commission Holds Next Meeting\n(Trend) DUSHANBE, August 28. The meeting was held in Termez."
    spans = split_sentences(text)
    assert text[spans[0][0] : spans[0][1]] == "Commission Holds Next Meeting"


def test_the_ongoing_situation_is_no_cue_that_a_plan_is_under_way(resources):
    text = " date 2021-10-06\nThe CSTO plans to hold three exercises in Tajikistan later this month due to the ongoing situation in Afghanistan."
    (event,) = parse_text(text, None, resources).events
    assert event.event_class == "military_exercise" and event.modality == "planned"


def test_rapid_deployment_forces_are_a_unit_not_a_deployment(resources):
    text = " date 2024-10-17\nThe CSTO has launched the active phase of the Rubezh 2024 exercise of its rapid deployment forces at a range in Tajikistan."
    events = parse_text(text, None, resources).events
    assert events and events[0].event_class == "military_exercise"


def test_how_often_inside_the_event_words_makes_it_habitual(resources):
    text = " date 2019-03-18\nThe Taliban control half the country and launch near-daily attacks on security forces."
    events = parse_text(text, None, resources).events
    attack = next(e for e in events if e.event_class == "attack")
    assert attack.date is None


def test_a_place_a_report_is_according_to_is_its_source_not_its_site(resources):
    text = " date 2022-01-04\nAccording to Tashkent, the soldiers voluntarily left the bridge on Monday."
    (event,) = [e for e in parse_text(text, None, resources).events if e.event_class != "statement"]
    assert event.place is None or event.place.place.name != "Tashkent"


def test_a_town_named_like_a_province_means_the_province_when_the_site_lies_elsewhere_in_it(resources):
    text = (" date 2017-04-19\nTaliban Commander Among 16 Killed in Kunduz\n\nWednesday, April 19, 2017\n"
            "Kabul (BNA) At least sixteen Taliban insurgents including a commander for Takhar province were killed in an operation in Kunduz province.\n"
            "The police said the attack was carried out in the vicinity of Dasht-e-Archi district.")
    events = parse_text(text, None, resources).events
    assert len(events) == 3 and all(e.place is not None and "Archi" in e.place.place.name for e in events)


def test_the_city_of_a_province_name_stays_the_city(resources):
    text = (" date 2022-09-16\nFighting on the border of Batken region went on near the village of Maksat on Friday. "
            "Strikes were also delivered at the regional center of Batken and its airport from rocket launchers.")
    strike = next(e for e in parse_text(text, None, resources).events if e.sentence.startswith("Strikes"))
    assert strike.place is not None and strike.place.place.name == "Batken"


def test_a_crossing_is_where_its_traffic_comes_from(resources):
    text = " date 2023-02-02\nHe added that the suspension of cargo traffic from Hairatan was due to a decision of the railway company."
    (event,) = parse_text(text, None, resources).events
    assert event.event_class == "border_crossing_status" and event.place is not None and event.place.place.name == "Hairatan"


def test_a_conflict_said_to_occur_takes_the_class_its_incident_is_told_with(resources):
    text = (" date 2019-12-18\nResidents of two border villages threw stones at each other near Kok-Tash on Wednesday. "
            "After a short break, the conflict escalated again.")
    events = parse_text(text, None, resources).events
    assert [e.event_class for e in events] == ["riot", "riot"]


def test_a_venue_told_before_the_saying_places_the_statement_and_the_speakers_next_words(resources):
    text = (" date 2015-03-14\nSpeaking at a press conference in the Tajik capital, Dushanbe, late on March 13, the secretary general "
            "said the alliance could repel any threat from Afghanistan. "
            "He added that Russia would never permit the security of a member to be in doubt. "
            "The president has criticized the Taliban.")
    events = parse_text(text, None, resources).events
    places = [e.place.place.name if e.place else None for e in events if e.event_class == "statement"]
    assert places[:2] == ["Dushanbe", "Dushanbe"]
    assert places[2:] == [None]  # another speaker's words were not said there


def test_an_armed_conflict_that_occurred_stays_a_clash(resources):
    text = " date 2021-05-10\nThe decision was made after an armed conflict that occurred on April 28 near the water intake."
    events = parse_text(text, None, resources).events
    assert any(e.event_class == "armed_clash" for e in events)


def test_a_wire_dateline_with_the_agency_after_a_comma_is_no_event_date():
    from geomap.events.dates import dateline_end

    text = " date 2008-09-19\nDUSHANBE, September 19, Asia-Plus — Two Afghan drug traffickers have been detained."
    assert text[17 : dateline_end(text, 17)] == "DUSHANBE, September 19"
    # an opening weekday is no dateline
    text = " date 2008-09-19\nOn Monday, September 15, Border Guards — nothing happened."
    assert dateline_end(text, 17) == 17


@pytest.mark.parametrize(
    "sentence",
    [
        "It is to be noted that many border areas in Central Asia have been disputed for decades, officials said.",
        "The Defence Ministry did not immediately respond to a request for comment.",
        "An earlier version of this article described the border as 500 miles long.",
        "According to the border committee, the Kyrgyz-Tajik border is 1,006.84 kilometers long.",
        ", Comments 0 comments",
    ],
)
def test_reports_that_tell_no_news_are_no_events(resources, sentence: str):
    assert parse_text(" date 2020-01-01\n" + sentence, None, resources).events == []


def test_a_refusal_to_comment_is_still_a_statement(resources):
    (event,) = parse_text(" date 2020-01-01\nThe security officials have refused to comment regarding the issue.", None, resources).events
    assert event.event_class == "statement"


def test_warning_shots_are_no_warning(resources):
    from geomap.events.reading import trigger_hits

    hits = trigger_hits("Uzbek servicemen fired warning shots into the air.", resources.lexicon)
    assert all(h.event_class != "statement" for h in hits)


def test_countries_listed_after_border_with_are_the_far_sides_of_one_countrys_borders(resources):
    text = (" date 2010-08-24\nTajik borders tightened after deadly jailbreak\n\nTwenty-five militants escaped from prison in Tajikistan, officials said. "
            "Border guards were put on high alert on the Afghan border to prevent the escaped militants from leaving the country, a spokesman said. "
            "Posts on the border with Kyrgyzstan, Uzbekistan and China have also been put on high alert, the spokesman said.")
    alert = next(e for e in parse_text(text, None, resources).events if e.sentence.startswith("Posts"))
    # a border of Tajikistan's, not the Kyrgyz-Chinese one between two of the countries listed
    assert alert.place is not None and "TJK" in alert.place.place.name


def test_how_long_something_will_last_is_no_span_before_now():
    from geomap.events.dates import date_mentions

    assert date_mentions("The drills will last three days.", date(2021, 4, 1)) == []
    (span,) = date_mentions("Three clashes took place in the last three days.", date(2021, 4, 1))
    assert span.date.start == date(2021, 3, 29)


def test_an_action_plan_agreed_is_no_plan_of_the_event(resources):
    text = (" date 2023-02-02\nThe company noted that representatives of Uzbekistan and Afghanistan in December "
            "agreed on an action plan for the railway.")
    (event,) = parse_text(text, None, resources).events
    assert event.modality != "planned" and event.date is not None and event.date.start == date(2022, 12, 1)


def test_a_verbless_leading_adjunct_takes_the_main_clauses_modality(resources):
    text = ' date 2021-10-20\nAfter construction, the base will be transferred to the Tajik police," the spokesman said.'
    (event,) = parse_text(text, None, resources).events
    assert event.event_class == "base_reinforcement" and event.modality == "planned"


def test_a_continent_is_never_a_site(resources):
    from geomap.events.place import GEO_LEVEL_BY_FEATURE, SPECIFICITY

    # every coarse feature type of the gazetteers has a level; none of them reads as a town
    for feature in ("continent", "ocean"):
        assert SPECIFICITY[GEO_LEVEL_BY_FEATURE[feature]] >= SPECIFICITY["country"]
    text = (" date 2009-02-17\n6 Afghan drug traffickers killed in border clash\n\n"
            "Tajikistan says six Afghan drug traffickers have been killed in a clash with border troops. "
            "Drugs are smuggled via Tajikistan to Russia and Europe.")
    clash = parse_text(text, None, resources).events[0]
    assert clash.place is None or clash.place.place.feature_type != "continent"


# event words of kinds the lexicon lacked, each a family found on real news: reports looked
# through to the event their words name, incident words, preparations, disarmament, protests
@pytest.mark.parametrize(
    ("sentence", "event_class"),
    [
        # what a report says happened is the event, when its words name one
        ("He added that the suspension of cargo traffic from the crossing was due to a maintenance dispute.", "border_crossing_status"),
        ("Information on the resumption of rail traffic between the countries will follow, the company said.", "border_crossing_status"),
        ("The district is now effectively under Taliban control, according to the group.", "territorial_control"),
        ("An official added that border guards had started killing innocent villagers.", "attack"),
        ("Local residents began to stone each other at about 9.30.", "riot"),
        ("The enemy is currently under siege in the police building.", "armed_clash"),
        ("The fall of Ghormach was confirmed by the provincial police.", "territorial_control"),
        ("Taliban burn governmental facilities in the district.", "attack"),
        ("The governor said the district was fully regained from militants.", "territorial_control"),
        ("Under cover of night, the inmates escaped from a detention centre in the capital.", "other"),
        ("Border guards of Tajikistan fired into the air three times.", "border_incident"),
        ("Uzbek servicemen fired warning shots into the air.", "border_incident"),
        ("Small cattle belonging to the villagers entered the territory of the neighboring country.", "border_incident"),
        ("Thousands of residents attended the reopening ceremony of a major checkpoint on the border.", "border_crossing_status"),
        ("The border between Kyrgyzstan and Tajikistan will be opened on March 13.", "border_crossing_status"),
        ("Tajik borders tightened after deadly jailbreak", "alert_raised"),
        ("Tajikistan Toughens Control at Border Checkpoints with Afghanistan Amid Coronavirus Fears", "alert_raised"),
        ("The helicopters will be stationed at the 201st military base.", "base_reinforcement"),
        ("Tajikistan has begun the construction of a camp for refugees from Afghanistan near the border.", "other"),
        ("The governor said that a temporary camp for refugees will be set up in the district.", "other"),
        ("Thousands of refugees fled to Tajikistan.", "displacement"),
        ("Meanwhile, the process of voluntary surrender of weapons is reportedly going on in the region.", "other"),
        ("The besieged soldiers surrendered to the Taliban.", "withdrawal"),
        ("Afghan traders have blocked trade at the port in protest against visa refusals.", "protest"),
        ("Footage shows them killing men in army uniforms.", "attack"),
        ("The Taliban are building a new observation post directly across the river.", "base_reinforcement"),
        ("Afghan drug smugglers reportedly abduct Tajik villager", "attack"),
        ("Afghan drug dealers are taking them from their villages and holding hostage until their families pay ransom money.", "attack"),
        ("Hostage-taking is a frequent occurrence in border villages.", "attack"),
        # natural disasters by their other names and the words that make them news
        ("A strong quake kills seven in the mountains.", "other"),
        ("The tremors were felt in the capital.", "other"),
        # readiness checks of the forces are exercises
        ("The country tested the combat readiness of its army on Monday.", "military_exercise"),
        ("A snap inspection of the armed forces began at dawn.", "military_exercise"),
        ("The military inspection lasted two days.", "military_exercise"),
        # rounds fired, places falling under control, people made to leave or leaving
        ("Three mortar rounds were fired at the outpost.", "attack"),
        ("The village fell under Taliban control last week.", "territorial_control"),
        ("Police forced the migrants to return to the frontier.", "displacement"),
        ("Dozens of families made their way across the river.", "displacement"),
        ("Thousands of Afghans left Iran last month.", "displacement"),
        # leaders speaking with each other
        ("The president spoke by phone with his Uzbek counterpart.", "agreement_meeting"),
        # goods smuggled, even beside efforts to curb smuggling
        ("Despite efforts to curb trafficking, drugs are still being smuggled across the river.", "border_incident"),
        ("The earthquake occurred at a depth of 200 kilometres.", "other"),
        ("Last year, the authorities closed these markets because of the outbreak.", "border_crossing_status"),
        ("During the signing ceremony, discussions centred on power lines.", "agreement_meeting"),
        # forces killing armed men is a clash, in their own report too
        ("The guards said they killed one smuggler and wounded another.", "armed_clash"),
        ("The security services reported having killed two terrorists near the border.", "armed_clash"),
        # aircraft shot down, shots exchanged, the displaced returning, buildings destroyed, lines launched
        ("Air defences shot the plane down as it crossed the border.", "attack"),
        ("Shots were exchanged near the disputed section on Tuesday.", "armed_clash"),
        ("By mid-May most of the evacuees had returned to their homes.", "displacement"),
        ("Dozens of houses were destroyed.", "attack"),
        ("Dozens of houses were destroyed in the fighting.", "armed_clash"),
        ("The leaders launched a gas pipeline on Friday.", "other"),
        # surveillance and patrols stepped up or flown; reserves mobilised
        ("The guards have increased their surveillance along the river.", "alert_raised"),
        ("Helicopters are now flying regular patrols along the border.", "alert_raised"),
        ("The country is carrying out a mass mobilisation of reserves.", "deployment"),
        ("A series of quakes claimed around 1,000 lives in the west of the country.", "other"),
        ("The smugglers were located and targeted using a domestically produced drone.", "attack"),
        # people who surrender withdraw; a place surrendered changes hands
        ("At least 200 militants have surrendered to government forces in the district.", "withdrawal"),
        ("The district surrendered to the Taliban without a fight.", "territorial_control"),
        ("The president has pardoned 126 Afghan inmates.", "other"),
        # houses and schools built, humanitarian aid sent or arriving, border guards exchanged
        ("A total of 257 houses have been built in the new village.", "other"),
        ("In September alone, the country sent 1,400 tonnes of flour to its neighbour.", "other"),
        ("International aid has begun to arrive via the cargo centre.", "other"),
        ("The authorities released a border guard one day after an exchange of border officials.", "agreement_meeting"),
        ("Scores of Afghans have been deported in recent weeks.", "displacement"),
        ("They were driven to the border and forced back to their homeland.", "displacement"),
        ("Customs officials say the export of coal has resumed through the port.", "border_crossing_status"),
        # soldiers crossing into a neighbour, shots from across the border, districts held, offensives
        ("Seventeen servicemen of the government forces had to cross the border into the neighbouring country.", "withdrawal"),
        ("The border service reports shots from the neighbouring country.", "attack"),
        ("The Taliban have controlled two districts of the province for four years.", "territorial_control"),
        ("The militants have launched major offensives on three districts of the province.", "attack"),
    ],
)
def test_event_words_give_their_class(resources, sentence: str, event_class: str):
    events = parse_text(" date 2020-01-06\n" + sentence, None, resources).events
    assert events and events[0].event_class == event_class


@pytest.mark.parametrize(
    "sentence",
    [
        "The situation came under control by evening.",
        "Prices were shot down by the market.",
        "Locals heard shelling from Taliban-controlled outposts in the area.",
        "\\u201cI spoke to the foreign minister, and we are working together,\\u201d he said.",
    ],
)
def test_words_near_the_new_families_tell_no_such_event(resources, sentence: str):
    events = parse_text(" date 2020-01-06\n" + sentence, None, resources).events
    assert all(e.event_class not in ("territorial_control", "agreement_meeting") for e in events)
