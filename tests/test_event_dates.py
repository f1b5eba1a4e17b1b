"""Dates told in ways the development articles rarely use: day-month order with a month
that is also a word, numeric dates, weekends, weekdays of a named week, hours ago, and days
counted back from the event told before.  Every sentence is made up."""

from datetime import date

import pytest

from geomap.events.dates import date_mentions, dateline_date, dateline_end, extract_date
from geomap.pipeline import parse_text

WEDNESDAY = date(2024, 5, 8)


def _day(text: str, reference: date = WEDNESDAY, forward: bool = False) -> tuple[date, date] | None:
    found = extract_date(text, reference, forward)
    return (found.start, found.end) if found else None


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Gunmen attacked the post on 6 May.", (date(2024, 5, 6), date(2024, 5, 6))),
        ("On 6 May, gunmen attacked the post.", (date(2024, 5, 6), date(2024, 5, 6))),
        ("On 6 May the Taliban attacked the post.", (date(2024, 5, 6), date(2024, 5, 6))),
        ("Gunmen attacked the post on 6th May.", (date(2024, 5, 6), date(2024, 5, 6))),
        ("It happened on the 6th of May.", (date(2024, 5, 6), date(2024, 5, 6))),
        ("Drills were held on 2-4 May near Kulob.", (date(2024, 5, 2), date(2024, 5, 4))),
        ("On the night of 5 to 6 May, gunmen attacked the post.", (date(2024, 5, 5), date(2024, 5, 6))),
        ("Thousands rallied on 6 March in Khorog.", (date(2024, 3, 6), date(2024, 3, 6))),
    ],
)
def test_a_day_before_a_month_that_is_also_a_word_is_a_date_when_written_as_one(text, expected):
    assert _day(text) == expected


@pytest.mark.parametrize(
    "text", ["Up to 30 may have died in the fighting.", "The 5 may be released soon.", "Some 300 may march to the border."]
)
def test_the_modal_may_after_a_number_is_no_date(text):
    assert _day(text) is None


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The clash occurred on 06.05.2024 near Farkhor.", date(2024, 5, 6)),
        ("On 31.05.2022 militants were detained.", date(2022, 5, 31)),
    ],
)
def test_day_month_year_with_dots_is_a_date(text, expected):
    assert _day(text) == (expected, expected)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Analysts linked the move to the vote set for March 29.", date(2025, 3, 29)),
        ("An envoy said the rebels were planning a large offensive on the valley in April.", date(2025, 4, 1)),
        # a day told without a plan is the last one
        ("The rebels launched a large offensive on the valley in April.", date(2024, 4, 1)),
    ],
)
def test_a_day_something_is_scheduled_or_planned_for_lies_ahead(text, expected):
    assert date_mentions(text, date(2025, 1, 12))[0].date.start == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Clashes on the border flared in early 2021.", (date(2021, 1, 1), date(2021, 4, 30))),
        ("Raids have grown since mid-2022.", (date(2022, 5, 1), date(2022, 8, 31))),
        ("The crossing closed in late 2019.", (date(2019, 9, 1), date(2019, 12, 31))),
        ("The crossing closed at the end of 2019.", (date(2019, 9, 1), date(2019, 12, 31))),
    ],
)
def test_a_part_of_a_year_is_that_third_of_it(text, expected):
    found = date_mentions(text, WEDNESDAY)[0].date
    assert (found.start, found.end) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("In the first half of 2023, guards seized two tonnes of drugs.", (date(2023, 1, 1), date(2023, 6, 30))),
        ("Clashes rose during the second half of 2022.", (date(2022, 7, 1), date(2022, 12, 31))),
        ("Trade fell in the third quarter of 2023.", (date(2023, 7, 1), date(2023, 9, 30))),
        ("Forty clashes were recorded in the first eight months of 2021.", (date(2021, 1, 1), date(2021, 8, 31))),
        ("Seizures doubled in the first 4 months of 2020.", (date(2020, 1, 1), date(2020, 4, 30))),
    ],
)
def test_a_half_a_quarter_or_the_first_months_of_a_year_are_those_months(text, expected):
    found = date_mentions(text, WEDNESDAY)[0].date
    assert (found.start, found.end, found.precision) == (*expected, "month")


@pytest.mark.parametrize(
    "text",
    [
        "The governor, who took office in 2019, met the elders on Monday.",
        "The commander, who has led the unit since 1998, met the village elders on Monday.",
        "The soldiers, who will be rotated next year, clashed with smugglers on Monday.",
    ],
)
def test_a_date_in_a_relative_clause_set_off_by_commas_tells_of_the_party_not_the_event(resources, text):
    event = parse_text(text, WEDNESDAY, resources).events[0]
    assert event.modality == "reported" and event.date is not None and event.date.start == date(2024, 5, 6), event.reasons


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Russian guards patrolled the river in the 1990s.", (date(1990, 1, 1), date(1999, 12, 31))),
        ("Smuggling grew during the early 2000s.", (date(2000, 1, 1), date(2003, 12, 31))),
        ("The post was shelled in the mid-1980s.", (date(1983, 1, 1), date(1986, 12, 31))),
        ("Militants crossed the river in the late 1990's.", (date(1997, 1, 1), date(1999, 12, 31))),
    ],
)
def test_a_decade_or_a_part_of_it_is_those_years(text, expected):
    found = date_mentions(text, WEDNESDAY)[0].date
    assert (found.start, found.end, found.precision) == (*expected, "year")


def test_an_event_of_a_decade_is_background_dated_then(resources):
    event = parse_text("Tajik troops clashed with militants near Panj in the late 1990s.", WEDNESDAY, resources).events[0]
    assert event.modality == "historical" and event.date.start == date(1997, 1, 1), event.reasons


@pytest.mark.parametrize("text", ["Guards clashed with smugglers near Panj this morning.", "This afternoon the crossing was closed again."])
def test_a_part_of_today_is_the_articles_day(text):
    assert _day(text) == (WEDNESDAY, WEDNESDAY)


def test_the_day_before_yesterday_is_two_days_back():
    assert date_mentions("Gunmen fired on the post the day before yesterday.", WEDNESDAY)[0].date.start == date(2024, 5, 6)
    assert date_mentions("Talks open the day after tomorrow.", WEDNESDAY, forward=True)[0].date.start == date(2024, 5, 10)


def test_a_compact_day_month_year_is_a_date():
    assert _day("Troops landed on the island on 6MAY24 and more followed.") == (date(2024, 5, 6), date(2024, 5, 6))
    assert _day("A patrol was ambushed near the river on 30APR2024.") == (date(2024, 4, 30), date(2024, 4, 30))
    # only capitals: a number glued to a word is no date
    assert _day("The convoy carried 12mar24 kits.") is None


def test_a_dotted_number_with_a_one_digit_month_or_inside_a_longer_number_is_no_date():
    assert _day("Version 1.2.2024 of the report was released.") is None
    assert _day("The figure rose to 3.06.2024.5 units.") is None


def test_a_numeric_dateline_dates_an_undated_article_and_no_event():
    text = " date 2022-05-31\nDUSHANBE, 31.05.2022 (Khovar) – Militants were detained in Rushon district."
    assert dateline_date(text, 17) == date(2022, 5, 31)
    assert text[dateline_end(text, 17):].startswith(" (Khovar)")


@pytest.mark.parametrize("phrase", ["over the weekend", "at the weekend", "during the weekend", "on the weekend"])
def test_the_weekend_is_the_latest_saturday_and_sunday(phrase):
    assert _day(f"Gunmen attacked the post {phrase}.") == (date(2024, 5, 4), date(2024, 5, 5))
    sunday = date(2024, 5, 5)
    assert _day(f"Gunmen attacked the post {phrase}.", sunday) == (date(2024, 5, 4), date(2024, 5, 5))


def test_a_planned_weekend_is_the_coming_one():
    assert _day("Talks will be held at the weekend.", forward=True) == (date(2024, 5, 11), date(2024, 5, 12))


def test_last_weekday_in_an_article_of_that_weekday_is_a_week_back():
    # WEDNESDAY's article: "on Wednesday" is its own day, "last Wednesday" the one before
    assert _day("Gunmen attacked the post on Wednesday.") == (WEDNESDAY, WEDNESDAY)
    assert _day("Gunmen attacked the post last Wednesday.") == (date(2024, 5, 1), date(2024, 5, 1))
    assert _day("Gunmen attacked the post last Monday.") == (date(2024, 5, 6), date(2024, 5, 6))


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Gunmen attacked the post on Monday last week.", date(2024, 4, 29)),
        ("Gunmen attacked the post on Friday of last week.", date(2024, 5, 3)),
        ("Talks will open on Tuesday next week.", date(2024, 5, 14)),
        ("Gunmen attacked the post on Monday this week.", date(2024, 5, 6)),
    ],
)
def test_a_weekday_of_a_named_week(text, expected):
    assert _day(text, forward="will" in text) == (expected, expected)


@pytest.mark.parametrize("text,expected", [("48 hours ago", date(2024, 5, 6)), ("72 hours ago", date(2024, 5, 5)), ("several hours ago", WEDNESDAY), ("12 hours ago", WEDNESDAY)])
def test_hours_ago_count_whole_days_back(text, expected):
    assert _day(f"Gunmen attacked the post {text}.") == (expected, expected)


ATTACK = " date 2024-05-08\nGunmen attacked a Tajik border post in Panj district on Monday. "


@pytest.mark.parametrize(
    "follow_up,expected",
    [
        ("The day before, smugglers clashed with border guards near Farkhor.", date(2024, 5, 5)),
        ("A day earlier, smugglers clashed with border guards near Farkhor.", date(2024, 5, 5)),
        ("On the previous day, smugglers clashed with border guards near Farkhor.", date(2024, 5, 5)),
        ("Two days earlier, smugglers clashed with border guards near Farkhor.", date(2024, 5, 4)),
        ("Smugglers had clashed with border guards near Farkhor a week earlier.", date(2024, 4, 29)),
        ("The same day, smugglers clashed with border guards near Farkhor.", date(2024, 5, 6)),
        ("Later that day, smugglers clashed with border guards near Farkhor.", date(2024, 5, 6)),
        ("The next day, smugglers clashed with border guards near Farkhor.", date(2024, 5, 7)),
    ],
)
def test_days_counted_from_the_event_told_before(resources, follow_up, expected):
    events = parse_text(ATTACK + follow_up, resources=resources).events
    counted = next(e for e in events if "smugglers" in e.sentence.lower())
    assert counted.date.start == expected


def test_days_counted_back_with_no_earlier_day_count_from_the_article(resources):
    text = " date 2024-05-08\nThe day before, smugglers clashed with border guards near Farkhor."
    assert parse_text(text, resources=resources).events[0].date.start == date(2024, 5, 7)


def test_days_before_another_event_are_not_counted_from_the_event_told_before(resources):
    text = ATTACK + "The clash came a week before Moscow hosts talks with the Taliban on Afghanistan."
    events = parse_text(text, resources=resources).events
    assert all(e.date is None or e.date.start != date(2024, 4, 29) for e in events)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Uzbekistan said last month that it had returned 150 Afghan refugees.", (date(2024, 4, 1), date(2024, 4, 30))),
        ("The ministry said on Monday that two border guards had been killed near Farkhor.", (date(2024, 5, 6), date(2024, 5, 6))),
    ],
)
def test_an_event_dated_only_by_its_report_happened_by_then(resources, text, expected):
    event = parse_text(" date 2024-05-08\n" + text, resources=resources).events[0]
    assert expected[0] <= event.date.start <= expected[1]


def test_the_events_own_date_beats_the_day_it_was_reported(resources):
    text = " date 2024-05-08\nThe ministry said on Tuesday that two border guards were killed near Farkhor on Sunday."
    assert parse_text(text, resources=resources).events[0].date.start == date(2024, 5, 5)


@pytest.mark.parametrize(
    "text,expected,precision",
    [
        ("Four years after the Taliban seized power, trade across the border is growing.", (date(2020, 1, 1), date(2020, 12, 31)), "year"),
        ("Two months after militants attacked the Ishkoshim post, the road remains closed.", (date(2024, 3, 1), date(2024, 3, 31)), "month"),
        ("The visit comes three days after gunmen attacked a border post near Farkhor.", (date(2024, 5, 5), date(2024, 5, 5)), "day"),
        ("The clash came a week before Moscow hosts talks with the Taliban.", (date(2024, 5, 13), date(2024, 5, 19)), "week"),
    ],
)
def test_an_event_told_so_long_after_or_before_the_news_is_dated_so(text, expected, precision):
    from geomap.events.dates import offset_event_date

    words = ("seized", "attacked", "attacked", "hosts")
    trigger = next(text.index(w) for w in words if w in text)
    found = offset_event_date(text, trigger, WEDNESDAY)
    assert (found.start, found.end, found.precision) == (*expected, precision)


def test_an_event_in_another_clause_is_not_dated_by_the_offset():
    from geomap.events.dates import offset_event_date

    text = "Two years after the takeover, the Taliban opened a new crossing."
    assert offset_event_date(text, text.index("opened"), WEDNESDAY) is None


def test_the_offset_dates_the_event_and_makes_it_background(resources):
    text = " date 2025-12-03\nBut four years after the Taliban seized power, economic cooperation is overriding old fears."
    event = parse_text(text, resources=resources).events[0]
    assert event.date.start.year == 2021 and event.modality == "historical"


def test_a_count_from_an_event_named_as_a_noun_dates_what_follows_not_that_event():
    from geomap.events.dates import offset_event_date

    text = "Four days after the first attack, two more workers were killed."
    assert offset_event_date(text, text.index("attack"), WEDNESDAY) is None
    text = "Two weeks after the attack on the post near Farkhor, the border remains closed."
    assert offset_event_date(text, text.index("attack"), WEDNESDAY) is None


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Guards detained 12 smugglers over the past week.", (date(2024, 5, 1), WEDNESDAY)),
        ("Guards detained 12 smugglers in the past three days.", (date(2024, 5, 5), WEDNESDAY)),
        ("Guards detained 12 smugglers in recent days.", (date(2024, 5, 1), WEDNESDAY)),
        ("Guards detained 12 smugglers over the last two weeks.", (date(2024, 4, 24), WEDNESDAY)),
        ("Guards detained 12 smugglers in the past 24 hours.", (date(2024, 5, 7), WEDNESDAY)),
        ("Guards detained 12 smugglers over the past month.", (date(2024, 4, 8), WEDNESDAY)),
    ],
)
def test_a_recent_span_ends_on_the_articles_date(text, expected):
    assert _day(text) == expected


def test_last_week_stays_the_calendar_week_before():
    assert _day("Guards detained 12 smugglers last week.") == (date(2024, 4, 29), date(2024, 5, 5))


@pytest.mark.parametrize("span", ["in the past week", "in the past three days", "in the past 24 hours"])
def test_a_recent_span_is_no_background(resources, span):
    event = parse_text(f" date 2024-05-08\nBorder guards detained 12 smugglers near Farkhor {span}.", resources=resources).events[0]
    assert event.modality == "reported" and event.date is not None


def test_in_the_past_alone_is_still_background(resources):
    event = parse_text(" date 2024-05-08\nIn the past, smugglers attacked border posts near Farkhor.", resources=resources).events[0]
    assert event.modality == "historical"


@pytest.mark.parametrize(
    "text", ["The border agency said on May 6 that gunmen had attacked the post.", "Gunmen attacked the post, the agency reported on 6 May."]
)
def test_a_full_date_after_a_reporting_verb_dates_the_report(text):
    (mention,) = date_mentions(text, WEDNESDAY)
    assert mention.speech and mention.date.start == date(2024, 5, 6)


def test_a_dateline_with_a_city_and_its_country_is_when_it_was_filed():
    text = " date 2025-12-03\nKHOROG, Tajikistan, Dec 3, 2025 (AFP) - The crossing was reopened on November 23."
    assert dateline_date(text, 17) == date(2025, 12, 3)
    assert text[dateline_end(text, 17):].startswith(" (AFP)")


def test_a_month_of_a_named_year_is_that_years_month():
    assert _day("The militants seized the district in May of 2021.") == (date(2021, 5, 1), date(2021, 5, 31))


@pytest.mark.parametrize(
    "text",
    [
        "The lease on the airbase expires in 2042.",
        "Moscow extended the lease on the airbase until May 2042.",
        "The border treaty, valid until 31 December 2040, covers the crossings.",
    ],
)
def test_the_end_of_a_term_dates_no_event(text):
    assert date_mentions(text, WEDNESDAY) == []


def test_where_a_state_began_dates_no_other_event_told_with_it(resources):
    text = (
        " date 2024-05-08\nRioters attacked the police station in Khorog, killing one officer.\n"
        "Protesters have camped on the central square of Khorog since May 1."
    )
    riot, protest = parse_text(text, resources=resources).events[:2]
    assert protest.date.start == date(2024, 5, 1)
    assert riot.date.start == date(2024, 5, 8)


def test_news_told_before_the_article_names_a_day_happened_on_the_day_it_names_next(resources):
    text = (
        " date 2024-05-08\nMilitants kill two Turkmen border guards\n\n"
        "Two border guards of Turkmenistan were killed by militants, officials in Herat province said.\n\n"
        "The attack took place on Monday night in Kushk district of Herat province."
    )
    events = parse_text(text, resources=resources).events
    assert [e.date.start for e in events[:2]] == [date(2024, 5, 6), date(2024, 5, 6)]


def test_news_told_before_the_article_names_a_day_takes_the_day_an_undated_sentence_after_it_tells(resources):
    # the day is named by a sentence that tells no event; the story's next event is told on it
    text = (
        " date 2024-05-08\nARMED SMUGGLER KILLED ON TAJIK-AFGHAN BORDER\n"
        "An armed smuggler was killed and 40 kilograms of heroin were seized on the Tajik-Afghan border, "
        "the border service reported on Wednesday. Yesterday, border guards and police stopped a group of five men near Panj. "
        "One smuggler was killed in the shootout."
    )
    events = parse_text(text, resources=resources).events
    # the headline, and the lead, which its report's day dates only "by then"
    assert [e.date.start for e in events[:3]] == [date(2024, 5, 7)] * 3, [e.reasons["date"] for e in events]


def test_a_time_named_before_after_is_no_span_between_two_events(resources):
    # "earlier this week after …" dates both events to this week, not one a week before the other
    riot, attack = parse_text("The unrest erupted earlier this week after villagers attacked a police post near Khorog.", WEDNESDAY, resources).events[:2]
    assert riot.date.start == attack.date.start == date(2024, 5, 6), attack.reasons


def test_the_day_an_agreement_was_reported_is_not_the_day_it_was_made(resources):
    text = (
        " date 2024-05-08\nTajik and Afghan border officials held talks in Termez on Monday.\n"
        "The two sides agreed to reopen the crossing, the ministry said on Wednesday."
    )
    talks, agreed = parse_text(text, resources=resources).events[:2]
    assert talks.date.start == agreed.date.start == date(2024, 5, 6)


def test_a_meeting_dated_only_by_its_report_happened_by_then(resources):
    text = " date 2024-05-08\nThe agency said on Tuesday that the two ministers had agreed to reopen the crossing."
    assert parse_text(text, resources=resources).events[0].date.start == date(2024, 5, 7)


@pytest.mark.parametrize(
    "text",
    [
        "Russian and Tajik troops held drills in Gorno-Badakhshan, where rebels fought government forces in 2012.",
        "Protesters demanded the removal of police checkpoints that were set up in the city in March.",
    ],
)
def test_a_date_long_past_in_a_relative_clause_dates_the_background_not_the_event(resources, text):
    event = parse_text(" date 2024-05-08\n" + text, resources=resources).events[0]
    assert event.date is None or event.date.start >= date(2024, 5, 1)


def test_a_recent_date_in_a_relative_clause_still_dates_the_event(resources):
    text = " date 2024-05-08\nMilitants attacked a border post in Ishkoshim district, where two guards were wounded on Monday."
    assert parse_text(text, resources=resources).events[0].date.start == date(2024, 5, 6)


def test_earlier_this_year_ended_before_the_article_and_later_this_month_begins_after_it():
    assert _day("The chief raised the alarm earlier this year.") == (date(2024, 1, 1), date(2024, 5, 7))
    assert _day("The talks will resume later this month.", forward=True) == (date(2024, 5, 9), date(2024, 5, 31))


def test_news_dated_by_a_span_up_to_the_article_happened_within_it_not_at_its_start(resources):
    text = " date 2024-05-08\nA border commander warned that militants had attacked Tajik posts several times this year."
    event = parse_text(text, resources=resources).events[0]
    assert event.event_class == "statement" and event.date.start == date(2024, 5, 8)


def test_the_start_of_a_span_dates_the_event_only_when_nothing_else_does(resources):
    text = " date 2024-07-10\nThe militants, advancing since June 20, seized the town of Ishkoshim on Monday."
    assert parse_text(text, resources=resources).events[0].date.start == date(2024, 7, 8)


def test_what_will_happen_in_an_event_under_way_today_takes_its_day(resources):
    text = (
        " date 2024-05-08\nRussian and Tajik troops began joint exercises near Kulob on Wednesday.\n"
        "More than 5,000 soldiers will take part in the drills."
    )
    began, taking_part = parse_text(text, resources=resources).events[:2]
    assert began.date.start == taking_part.date.start == date(2024, 5, 8)


def test_a_plan_told_after_an_earlier_event_keeps_no_date(resources):
    text = (
        " date 2024-05-08\nRussian and Tajik troops held joint exercises near Kulob on Monday.\n"
        "More than 5,000 soldiers will take part in the drills."
    )
    assert parse_text(text, resources=resources).events[1].date is None


def test_a_few_units_ago_is_some_two_to_five_of_them_back():
    assert _day("Trade across the bridge faltered several months ago.") == (date(2023, 12, 1), date(2024, 3, 31))


def test_between_two_years_is_the_span_of_them():
    assert _day("Between 2005 and 2012 the two governments built six bridges.") == (date(2005, 1, 1), date(2012, 12, 31))


@pytest.mark.parametrize(
    "text",
    [
        # unreported: under a report ("officials said") the denial is a statement, as the gold codes it
        "Kyrgyz border guards did not open fire at the villagers near Vorukh.",
        "Militants possibly crossed the border near Farkhor.",
    ],
)
def test_a_denied_or_hedged_event_that_did_or_did_not_happen_is_dated_as_the_news(resources, text):
    event = parse_text(" date 2024-05-08\n" + text, resources=resources).events[0]
    assert event.modality in ("denied", "hypothetical") and event.date.start == date(2024, 5, 8)


def test_what_would_happen_under_a_condition_has_no_date(resources):
    text = " date 2024-05-08\nIf reinforcements do not arrive, more posts near Farkhor could fall to the militants."
    assert parse_text(text, resources=resources).events[0].date is None


def test_an_incident_is_dated_by_its_finest_date_not_by_a_span_up_to_the_article(resources):
    text = (
        " date 2024-05-11\nMilitants kill two guards near Farkhor\n\n"
        "Militants killed two border guards near Farkhor earlier this week, officials said on Saturday.\n\n"
        "The attack near Farkhor was the latest of several attacks on border posts in recent weeks."
    )
    headline = parse_text(text, resources=resources).events[0]
    assert headline.date.start == date(2024, 5, 6)


@pytest.mark.parametrize(
    "follow_up", ["Border guards in the area are on combat alert.", "The clashes near the village are currently under way."]
)
def test_a_state_of_now_after_last_nights_clash_is_dated_today(resources, follow_up):
    text = " date 2024-05-08\nKyrgyz and Tajik border guards exchanged fire near Vorukh last night.\n" + follow_up
    events = parse_text(text, resources=resources).events
    assert events[0].date.start == date(2024, 5, 7) and events[-1].date.start == date(2024, 5, 8)


def test_a_dateline_that_opens_with_its_weekday_is_when_it_was_filed():
    text = " date 2014-05-31\nGovernor killed\n\nSaturday May 31, 2014\nKUNDUZ (BNA) Security forces killed a militant commander."
    assert dateline_date(text, 17) == date(2014, 5, 31)


def test_may_with_its_capital_is_the_month_and_without_it_the_verb():
    assert _day("Foreign troops began withdrawing in May, as part of the deal.") == (date(2024, 5, 1), date(2024, 5, 31))
    assert _day("The crossing may reopen by may and stay open.") is None


def test_a_dateline_on_a_line_of_its_own_is_not_the_day_the_story_tells(resources):
    text = " date 2014-05-31\nMilitants killed\n\nKUNDUZ, May 31, 2014\nSecurity forces killed four militants near Kunduz."
    event = parse_text(text, resources=resources).events[-1]
    assert event.date.start == date(2014, 5, 31) and event.date.basis == "article"


def test_what_usually_happens_keeps_the_span_it_is_told_for(resources):
    dated = parse_text(" date 2024-05-08\nSo far this year, border guards regularly detain drug smugglers near Panj.", resources=resources)
    undated = parse_text(" date 2024-05-08\nBorder guards regularly detain drug smugglers near Panj.", resources=resources)
    assert dated.events[0].date.start == date(2024, 1, 1) and undated.events[0].date is None


def test_a_wire_dateline_may_name_its_city_in_title_case_but_not_a_day():
    filed = "Kabul, May 8 (EFE).- Taliban fighters captured two border crossings."
    told = "On Monday, May 6 (local time) Taliban fighters captured two border crossings."
    assert filed[: dateline_end(filed, 0)] == "Kabul, May 8" and dateline_end(told, 0) == 0


def test_what_has_been_going_on_is_news_of_now_not_of_the_background_month(resources):
    text = (
        " date 2024-07-30\nThe Taliban took the district of Ishkoshim in May after heavy fighting.\n"
        "Afghan civilians have been fleeing across the border to Tajikistan."
    )
    assert parse_text(text, resources=resources).events[-1].date.start == date(2024, 7, 30)


def test_a_half_of_a_month_is_that_half():
    assert _day("Drills will be held in the second half of May.", forward=True) == (date(2024, 5, 16), date(2024, 5, 31))
    assert _day("Drills were held in the first half of April.") == (date(2024, 4, 1), date(2024, 4, 15))


def test_a_plan_told_by_its_month_takes_the_narrower_span_another_sentence_gives(resources):
    text = (
        " date 2024-05-08\nRussian special forces will hold drills in Tajikistan in June.\n"
        "The drills will take place near the Lyaur training ground in the second half of June."
    )
    first, second = parse_text(text, resources=resources).events[:2]
    assert first.date.start == second.date.start == date(2024, 6, 16)


def test_what_was_done_does_not_take_the_date_of_a_plan_told_with_it(resources):
    text = (
        " date 2024-05-08\nRussian special forces will hold drills near Kulob in the second half of June.\n"
        "Russian troops held over twenty snap drills in Tajikistan."
    )
    held = parse_text(text, resources=resources).events[-1]
    assert held.date is None or held.date.start <= date(2024, 5, 8)


def test_a_follow_up_of_an_incident_known_by_the_week_a_later_sentence_gives_takes_the_recent_day_the_story_tells(resources):
    text = (
        " date 2024-05-08\nOn Tuesday the situation in Farkhor district changed again.\n"
        "Two border guards were wounded in an attack near Farkhor.\n"
        "Militants attacked several border posts near Farkhor last week, officials said."
    )
    wounded, attacked = parse_text(text, resources=resources).events[:2]
    assert wounded.date.start == date(2024, 5, 7) and attacked.date.start == date(2024, 4, 29)


def test_a_follow_up_told_right_after_the_week_of_its_incident_keeps_that_week(resources):
    text = (
        " date 2024-05-08\nOn Tuesday the situation in Farkhor district changed again.\n"
        "Militants attacked several border posts near Farkhor last week.\n"
        "Two border guards were wounded in an attack near Farkhor."
    )
    attacked, wounded = parse_text(text, resources=resources).events[:2]
    assert attacked.date.start == wounded.date.start == date(2024, 4, 29)


@pytest.mark.parametrize(
    "text",
    [
        "A source told reporters on May 7 that the attack occurred the previous day.",
        "A source told reporters on May 7 that gunmen attacked the post a day earlier.",
    ],
)
def test_a_day_counted_back_in_reported_words_counts_from_the_day_they_were_said(resources, text):
    event = parse_text(text, WEDNESDAY, resources).events[0]
    assert event.date is not None and event.date.start == date(2024, 5, 6), event.reasons


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Early this year, mortar rounds were fired at the post.", (date(2024, 1, 1), date(2024, 4, 30))),
        ("The crossing closed at the end of last year.", (date(2023, 9, 1), date(2023, 12, 31))),
        ("Ten clashes were recorded in the first half of this year.", (date(2024, 1, 1), date(2024, 6, 30))),
    ],
)
def test_a_part_of_this_or_last_year_is_that_part_of_the_year(text, expected):
    found = date_mentions(text, WEDNESDAY)[0].date
    assert (found.start, found.end) == expected


def test_a_date_in_a_parenthesis_set_off_by_dashes_tells_of_the_party(resources):
    text = "The group -- blamed for most attacks in the first half of last year -- seized the district on Monday."
    event = parse_text(text, WEDNESDAY, resources).events[0]
    assert event.event_class == "territorial_control" and event.date.start == date(2024, 5, 6), event.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Guards recorded ten armed clashes with traffickers, up from six in the first half of 2022.",
        "Officials said armed clashes with traffickers have risen compared to last year.",
    ],
)
def test_the_date_an_event_is_compared_with_is_not_its_own(resources, text):
    event = parse_text(text, WEDNESDAY, resources).events[0]
    assert event.modality == "reported" and event.date is not None and event.date.start == WEDNESDAY, event.reasons


@pytest.mark.parametrize("text", ["In October of the previous year, guards clashed with smugglers.", "In October of last year, guards clashed with smugglers."])
def test_a_month_of_the_previous_year_is_that_month(resources, text):
    event = parse_text(text, WEDNESDAY, resources).events[0]
    assert event.date is not None and (event.date.start, event.date.end) == (date(2023, 10, 1), date(2023, 10, 31)), event.reasons


def test_a_day_of_the_current_year_is_read_with_its_year(resources):
    text = "Construction of the railway is scheduled to begin on the first of September of the current year."
    event = parse_text(text, WEDNESDAY, resources).events[0]
    assert event.modality == "planned" and event.date is not None and event.date.start == date(2024, 9, 1), event.reasons


def test_a_plan_agreed_in_a_predicate_of_its_own_does_not_make_the_talks_a_plan(resources):
    text = "In April, delegations of the two countries held talks near the border and agreed to return the livestock."
    event = parse_text(text, WEDNESDAY, resources).events[0]
    assert event.modality in ("reported", "historical") and event.date.start == date(2024, 4, 1), event.reasons


def _event_days(text: str) -> list[tuple[str, date | None]]:
    result = parse_text(text, WEDNESDAY)
    return [(e.event_class, e.date.start if e.date else None) for e in result.events]


def test_a_date_before_the_saying_verb_dates_the_saying_when_what_was_said_has_its_own():
    days = _event_days("The ministry on Tuesday confirmed that an Afghan plane had crashed in the south on Sunday.")
    assert days and all(day == date(2024, 5, 5) for _, day in days)


def test_alone_a_date_before_the_saying_verb_still_dates_what_was_said():
    days = _event_days("The ministry on Tuesday said that militants attacked a border post.")
    assert days == [("attack", date(2024, 5, 7))]


def test_news_of_the_week_ends_the_background_a_standfirst_told():
    text = (
        " date 2024-05-08\nGuards killed in ambush\n\n"
        "An earlier report had counted more clashes from January through March compared with last year.\n\n"
        "At least ten guards were killed when militants ambushed a convoy, an official confirmed on Monday.\n\n"
        "The ambush took place in a remote district of the province.\n"
    )
    result = parse_text(text)
    ambush = [e for e in result.events if e.sentence.startswith("The ambush took place")]
    assert ambush and ambush[0].modality == "reported"
    assert ambush[0].date is not None and date(2024, 5, 1) <= ambush[0].date.start <= date(2024, 5, 8)
