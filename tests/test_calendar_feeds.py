"""Calendars: each person's protected time as iCalendar, parsed back with icalendar and
expanded with recurring-ical-events (an independent reading of the recurrence rules):
term time only, holidays skipped, Europe/London across the change of the clocks; and the
private feed address, which stops working once revoked."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
from django.urls import reverse

from scheduling.models import CalendarFeed, ScheduleSettings, Slot
from tandem import factories

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def slots(cast):
    """A weekly meeting on Tuesday P2 (09:50) in both weeks, an observation on Thursday P3
    in week B only, and a review meeting on Wednesday P1 before 18 December."""
    school = cast.school_a
    periods = factories.make_school_day(school, "secondary")
    ScheduleSettings.objects.create(school=school, week_a_starts_on=date(2026, 9, 7))
    mentorship = cast.induction.mentorships.get()
    common = {"school": school, "induction": cast.induction, "since": date(2026, 9, 1)}
    for week in "AB":
        Slot.objects.create(
            task_key=f"m:meeting:{week}",
            kind="meeting",
            mentorship=mentorship,
            week=week,
            period=periods[1, "P2"],
            minutes=45,
            **common,
        )
    Slot.objects.create(
        task_key="m:observation",
        kind="observation",
        mentorship=mentorship,
        week="B",
        period=periods[3, "P3"],
        minutes=25,
        needs_cover=True,
        **common,
    )
    Slot.objects.create(
        task_key="r",
        kind="review",
        tutor=cast.tutor,
        week="A",
        period=periods[2, "P1"],
        minutes=30,
        due_on=date(2026, 12, 18),
        **common,
    )
    return school


def _calendar(client, user) -> icalendar.Calendar:
    client.force_login(user)
    response = client.get(reverse("my_calendar_download"))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def _between(cal, start: date, end: date):
    return recurring_ical_events.of(cal).between(start, end)


def test_the_weekly_meeting_repeats_in_term_time_and_skips_holidays(client, cast, slots):
    cal = _calendar(client, cast.mentor)
    meetings = [
        e
        for e in _between(cal, date(2026, 11, 16), date(2027, 1, 20))
        if str(e["SUMMARY"]).startswith("Mentor meeting")
    ]
    days = [e["DTSTART"].dt.date() for e in meetings]
    # Tuesdays from 17 November to 15 December; none in the Christmas holiday; back on
    # 5 January (spring term starts on Monday 4 January).
    assert days == [
        date(2026, 11, 17),
        date(2026, 11, 24),
        date(2026, 12, 1),
        date(2026, 12, 8),
        date(2026, 12, 15),
        date(2027, 1, 5),
        date(2027, 1, 12),
        date(2027, 1, 19),
    ]
    assert str(meetings[0]["SUMMARY"]) == "Mentor meeting with Cast ect"


def test_half_term_is_skipped(client, cast, slots):
    cal = _calendar(client, cast.ect)
    in_half_term = _between(cal, date(2026, 10, 26), date(2026, 10, 31))
    assert in_half_term == []
    either_side = _between(cal, date(2026, 10, 19), date(2026, 11, 7))
    assert {e["DTSTART"].dt.date() for e in either_side} >= {date(2026, 10, 20), date(2026, 11, 3)}


def test_times_stay_at_0950_london_when_the_clocks_go_back(client, cast, slots):
    cal = _calendar(client, cast.ect)
    before = _between(cal, date(2026, 10, 20), date(2026, 10, 21))
    after = _between(cal, date(2026, 11, 3), date(2026, 11, 4))
    for event in before + after:
        start = event["DTSTART"].dt
        assert start.tzinfo is not None
        assert start.astimezone(LONDON).time() == time(9, 50)
    # British Summer Time before 25 October, Greenwich Mean Time after.
    assert before[0]["DTSTART"].dt.utcoffset().total_seconds() == 3600
    assert after[0]["DTSTART"].dt.utcoffset().total_seconds() == 0
    assert any(c.name == "VTIMEZONE" and str(c["TZID"]) == "Europe/London" for c in cal.walk())


def test_a_fortnightly_observation_follows_week_b(client, cast, slots):
    cal = _calendar(client, cast.mentor)
    observations = [
        e["DTSTART"].dt.date()
        for e in _between(cal, date(2026, 11, 9), date(2026, 12, 18))
        if str(e["SUMMARY"]).startswith("Observation")
    ]
    # Week A began on 7 September, so the weeks of 9 November, 23 November and 7 December
    # (nine, eleven and thirteen weeks on) are week B: the observation is on their Thursdays.
    assert observations == [date(2026, 11, 12), date(2026, 11, 26), date(2026, 12, 10)]
    assert "Cover is needed" in str(
        next(e for e in cal.walk("VEVENT") if str(e["SUMMARY"]).startswith("Obs"))["DESCRIPTION"]
    )


def test_a_review_meeting_happens_once_before_the_deadline(client, cast, slots):
    cal = _calendar(client, cast.tutor)
    reviews = _between(cal, date(2026, 9, 1), date(2027, 8, 31))
    assert [e["DTSTART"].dt.date() for e in reviews] == [date(2026, 12, 16)]
    assert str(reviews[0]["SUMMARY"]) == "Progress review meeting with Cast ect"


def test_someone_without_slots_gets_an_empty_valid_calendar(client, cast, slots):
    cal = _calendar(client, cast.other_mentor)
    assert list(cal.walk("VEVENT")) == []


def test_the_calendar_page_lists_the_next_three_weeks(client, cast, slots):
    client.force_login(cast.ect)
    page = client.get(reverse("my_calendar")).content.decode()
    assert "Tuesday 24 November, 09:50" in page
    assert "Mentor meeting with Cast mentor" in page


# --- the private feed ----------------------------------------------------------------------


def test_a_feed_address_serves_the_calendar_without_signing_in(client, cast, slots):
    client.force_login(cast.ect)
    client.post(reverse("my_calendar_feed"))
    feed = CalendarFeed.objects.get(person=cast.ect)
    assert len(feed.token) >= 40
    client.logout()
    response = client.get(reverse("calendar_feed", args=[feed.token]))
    assert response.status_code == 200
    cal = icalendar.Calendar.from_ical(response.content)
    assert any("Mentor meeting" in str(e["SUMMARY"]) for e in cal.walk("VEVENT"))


def test_a_revoked_address_shows_nothing(client, cast, slots):
    client.force_login(cast.ect)
    client.post(reverse("my_calendar_feed"))
    token = CalendarFeed.objects.get().token
    client.post(reverse("my_calendar_revoke"))
    client.logout()
    response = client.get(reverse("calendar_feed", args=[token]))
    assert response.status_code == 404
    assert b"Mentor meeting" not in response.content


def test_a_new_address_stops_the_old_one(client, cast, slots):
    client.force_login(cast.ect)
    client.post(reverse("my_calendar_feed"))
    old = CalendarFeed.objects.get().token
    client.post(reverse("my_calendar_feed"))
    new = CalendarFeed.objects.get(revoked_at__isnull=True).token
    assert new != old
    assert client.get(reverse("calendar_feed", args=[old])).status_code == 404
    assert client.get(reverse("calendar_feed", args=[new])).status_code == 200


def test_an_unknown_address_is_not_found(client, db):
    assert client.get(reverse("calendar_feed", args=["guess"])).status_code == 404


def test_a_deactivated_persons_feed_stops(client, cast, slots):
    feed = CalendarFeed.objects.create(person=cast.ect)
    cast.ect.is_active = False
    cast.ect.save()
    assert client.get(reverse("calendar_feed", args=[feed.token])).status_code == 404


def test_a_feed_is_generated_for_a_stamp_in_utc(client, cast, slots):
    cal = _calendar(client, cast.ect)
    stamp = next(iter(cal.walk("VEVENT")))["DTSTAMP"].dt
    assert stamp.utcoffset().total_seconds() == 0
    assert stamp <= datetime.now(ZoneInfo("UTC"))
