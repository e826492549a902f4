"""The school's schedule: running the scheduler as a background task, what it places, pins
and moves, explanations for what it cannot place, settings, drift, trust events, and who
may do each."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from coaching.models import Meeting
from people.models import Role
from scheduling import loader
from scheduling.drift import match, school_drift
from scheduling.models import ScheduleRun, ScheduleSettings, Slot, TrustEvent
from tandem import factories

# The session, the user, their roles and the navigation, the school, the slots, settings,
# terms, drift's slots and meetings, the latest run, and whether the day exists.
SCHEDULE_QUERIES = 14
# The mentor's home with slots and a trust event: its pathway rows plus the slots, the
# school's settings and terms, the mentor's schools and the events.
MENTOR_HOME_QUERIES = 30
FREE_TOGETHER = {("A", 1, "P2"), ("B", 1, "P2")}


def _timetables(cast, school):
    """The mentor teaches every lesson except Tuesday P2 and Thursday P3; the ECT teaches
    Monday and Thursday, with release time on Tuesday P2; the tutor is free on Wednesdays."""
    mentor, ect, tutor = {}, {}, {}
    for week in "AB":
        for day in range(5):
            for code in ("P1", "P2", "P3", "P4", "P5"):
                if (day, code) not in ((1, "P2"), (3, "P3")):
                    mentor[week, day, code] = "teaching"
                if day in (0, 3):
                    ect[week, day, code] = "teaching"
                if day != 2:
                    tutor[week, day, code] = "teaching"
        ect[week, 1, "P2"] = "release"
    factories.give_timetable(cast.mentor, school, mentor)
    factories.give_timetable(cast.ect, school, ect)
    factories.give_timetable(cast.tutor, school, tutor)


@pytest.fixture
def school(cast):
    factories.make_school_day(cast.school_a, "secondary")
    ScheduleSettings.objects.create(school=cast.school_a, week_a_starts_on=date(2026, 9, 7))
    _timetables(cast, cast.school_a)
    return cast.school_a


def _peer_group(cast) -> TrustEvent:
    """A trust event already placed: Wednesday 2 December at 15:30."""
    return TrustEvent.objects.create(
        trust=cast.trust_a,
        title="Peer group",
        kind="peer-group",
        minutes=60,
        weeks=["2026-11-30"],
        day=2,
        starts_at="15:30",
    )


def run(client, cast, school):
    client.force_login(cast.tutor)
    return client.post(reverse("schedule_run", args=[school.pk]))


def test_the_tutor_runs_the_scheduler_and_each_pair_gets_its_time(client, cast, school):
    response = run(client, cast, school)
    assert response["Location"] == reverse("schedule", args=[school.pk])
    result = ScheduleRun.objects.get()
    assert result.status == ScheduleRun.Status.DONE
    assert result.unplaced == []
    meetings = Slot.objects.filter(kind=Slot.Kind.MEETING).select_related("period")
    assert {(s.week, s.period.day, s.period.code) for s in meetings} == FREE_TOGETHER
    assert all(s.on_release and not s.tired for s in meetings)
    observation = Slot.objects.get(kind=Slot.Kind.OBSERVATION)
    assert (observation.period.day, observation.period.code) == (3, "P3")
    assert not observation.needs_cover
    # The first progress review falls due at the end of this term: the tutor meets the ECT
    # on a Wednesday, the only day both are free.
    review = Slot.objects.get(kind=Slot.Kind.REVIEW)
    assert review.tutor == cast.tutor and review.period.day == 2
    assert review.due_on == date(2026, 12, 18)


def test_the_schedule_page_shows_the_pair_and_the_run(client, cast, school):
    run(client, cast, school)
    page = client.get(reverse("schedule", args=[school.pk])).content.decode()
    assert "Cast ect" in page and "with Cast mentor" in page
    assert "placed <strong>4 of 4</strong>" in page
    assert "ECT release time" in page


def test_a_pin_survives_a_rerun_and_the_rest_may_move(client, cast, school):
    run(client, cast, school)
    pinned = Slot.objects.get(kind=Slot.Kind.OBSERVATION)
    client.post(reverse("slot_pin", args=[school.pk, pinned.pk]))
    pinned.refresh_from_db()
    assert pinned.pinned
    run(client, cast, school)
    assert Slot.objects.get(pk=pinned.pk).pinned
    assert Slot.objects.filter(kind=Slot.Kind.MEETING).count() == 2
    assert ScheduleRun.objects.count() == 2


def test_moving_a_slot_offers_only_free_times_and_pins_it(client, cast, school):
    run(client, cast, school)
    slot = Slot.objects.get(kind=Slot.Kind.MEETING, week="A")
    url = reverse("slot_move", args=[school.pk, slot.pk])
    page = client.get(url).content.decode()
    # Tuesday P2 is this slot's own time; Thursday P3 is free for both but the ECT teaches.
    assert "Week A, Tuesday, P2" in page
    assert "Thursday, P3" not in page
    assert "Week A, Tuesday, Lunch" in page and "a tired time" in page
    lunch = next(p for p in school.day_periods.all() if (p.day, p.code) == (1, "Lunch"))
    response = client.post(url, {"choice": f"A:{lunch.pk}:0"})
    assert response.status_code == 302
    slot.refresh_from_db()
    assert (slot.period, slot.pinned) == (lunch, True)


def test_a_time_that_is_not_offered_is_refused(client, cast, school):
    run(client, cast, school)
    slot = Slot.objects.get(kind=Slot.Kind.MEETING, week="A")
    monday_p1 = next(p for p in school.day_periods.all() if (p.day, p.code) == (0, "P1"))
    response = client.post(
        reverse("slot_move", args=[school.pk, slot.pk]), {"choice": f"A:{monday_p1.pk}:0"}
    )
    assert "Choose one of the times listed" in response.content.decode()
    slot.refresh_from_db()
    assert slot.period.code == "P2" and not slot.pinned


def test_a_pair_with_no_common_time_is_explained_with_a_fix(client, cast, school):
    # The mentor's free Tuesday P2 becomes a duty: no period is free for both any more.
    cast.mentor.lessons.filter(period__day=1, period__code="P2").delete()
    factories.give_timetable(cast.mentor, school, {("A", 1, "P2"): "busy", ("B", 1, "P2"): "busy"})
    settings = ScheduleSettings.objects.get(school=school)
    settings.use_lunch = False
    settings.save()
    run(client, cast, school)
    result = ScheduleRun.objects.get()
    unplaced = {item["what"]: item for item in result.unplaced}
    assert unplaced["Mentor meeting, week A"]["reason"].startswith("They have no period in common")
    fixes = unplaced["Mentor meeting, week A"]["fixes"]
    assert any(fix.startswith("Cover Cast mentor's lesson in week A") for fix in fixes), fixes
    page = client.get(reverse("schedule", args=[school.pk])).content.decode()
    assert "Could not be placed (2)" in page
    assert "What would fix it" in page


def test_a_failed_run_says_so_and_changes_nothing(client, cast, school, monkeypatch):
    run(client, cast, school)
    before = set(Slot.objects.values_list("pk", flat=True))

    def broken(_run, **_kw):
        raise RuntimeError("The solver ran out of memory.")

    monkeypatch.setattr(loader, "run_school", broken)
    run(client, cast, school)
    failed = ScheduleRun.objects.first()
    assert failed.status == ScheduleRun.Status.FAILED
    assert set(Slot.objects.values_list("pk", flat=True)) == before
    page = client.get(reverse("schedule", args=[school.pk])).content.decode()
    assert "The last run failed" in page and "ran out of memory" in page


def test_the_progress_poll_refreshes_the_page_when_the_run_is_done(client, cast, school):
    run(client, cast, school)
    result = ScheduleRun.objects.get()
    url = reverse("run_progress", args=[school.pk, result.pk])
    assert client.get(url, headers={"HX-Request": "true"})["HX-Refresh"] == "true"
    result.status = ScheduleRun.Status.RUNNING
    result.parts_done, result.parts_total = 1, 3
    result.save()
    response = client.get(url, headers={"HX-Request": "true"})
    assert "HX-Refresh" not in response
    assert "1 of 3 groups" in response.content.decode()
    assert 'hx-trigger="every 1s"' in response.content.decode()


def test_a_second_run_is_not_started_while_one_is_waiting(client, cast, school):
    ScheduleRun.objects.create(school=school, requested_by=cast.tutor)
    run(client, cast, school)
    assert ScheduleRun.objects.count() == 1


def test_running_without_a_school_day_is_explained(client, cast):
    client.force_login(cast.tutor)
    response = client.post(reverse("schedule_run", args=[cast.school_a.pk]), follow=True)
    assert "Import the school day before running the scheduler" in response.content.decode()
    assert not ScheduleRun.objects.exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"meeting_minutes": "90"}, "meeting_minutes", "the longest period is 60 minutes"),
        ({"week_a_starts_on": "2026-09-08"}, "week_a_starts_on", "Give a Monday"),
        ({"meeting_minutes": "5"}, "meeting_minutes", "greater than or equal to 15"),
    ],
)
def test_settings_errors_say_what_is_wrong(client, cast, school, data, field, message):
    client.force_login(cast.tutor)
    base = {
        "meeting_minutes": "45",
        "meeting_cadence": "weekly",
        "observation_minutes": "25",
        "review_minutes": "30",
        "mentor_minutes_per_ect": "90",
        "week_a_starts_on": "2026-09-07",
    }
    response = client.post(reverse("schedule_settings", args=[school.pk]), base | data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert ScheduleSettings.objects.get(school=school).meeting_minutes == 45


def test_a_two_week_school_must_say_which_week_is_a(client, cast, school):
    school.timetable_weeks = 2
    school.save()
    client.force_login(cast.tutor)
    response = client.post(
        reverse("schedule_settings", args=[school.pk]),
        {
            "meeting_minutes": "45",
            "meeting_cadence": "fortnightly",
            "observation_minutes": "0",
            "review_minutes": "0",
            "mentor_minutes_per_ect": "90",
        },
    )
    assert "say which Monday starts a week A" in response.content.decode()


def test_fortnightly_meetings_and_no_observations_follow_the_settings(client, cast, school):
    ScheduleSettings.objects.filter(school=school).update(
        meeting_cadence="fortnightly", observation_minutes=0, review_minutes=0
    )
    run(client, cast, school)
    assert list(Slot.objects.values_list("kind", flat=True)) == ["meeting"]


# --- drift -----------------------------------------------------------------------------------


def test_a_meeting_recorded_near_its_planned_day_counts_once():
    planned = [date(2026, 11, 3), date(2026, 11, 10), date(2026, 11, 17)]
    held = [date(2026, 11, 5), date(2026, 11, 5), date(2026, 11, 16)]
    assert match(planned, held) == [date(2026, 11, 10)]
    assert match(planned, []) == planned
    assert match([date(2026, 11, 3)], [date(2026, 11, 7)]) == [date(2026, 11, 3)]


@pytest.mark.parametrize(
    ("held", "status"),
    [
        ([date(2026, 11, 3), date(2026, 11, 10), date(2026, 11, 17)], "on_track"),
        ([date(2026, 11, 10), date(2026, 11, 17)], "slipping"),
        ([date(2026, 11, 17)], "pattern"),
    ],
)
def test_drift_flags_pairs_whose_meetings_slip(client, cast, school, held, status):
    run(client, cast, school)
    Slot.objects.update(since=date(2026, 9, 1))
    for day in held:
        Meeting.objects.create(
            induction=cast.induction, recorded_by=cast.mentor, held_on=day, minutes=45
        )
    # Tuesdays 3, 10 and 17 November are planned in the last four weeks (the grace for 24
    # November has not run out; 27 October is half term).
    drift = school_drift(school, date(2026, 11, 23))
    pair = drift[cast.induction.mentorships.get().pk]
    assert pair.planned == [date(2026, 11, 3), date(2026, 11, 10), date(2026, 11, 17)]
    assert pair.status == status
    page = client.get(reverse("schedule", args=[school.pk])).content.decode()
    assert pair.label in page


def test_check_ins_do_not_count_as_the_protected_meeting(cast, school, client):
    run(client, cast, school)
    Slot.objects.update(since=date(2026, 9, 1))
    for day in (date(2026, 11, 3), date(2026, 11, 10), date(2026, 11, 17)):
        Meeting.objects.create(
            induction=cast.induction,
            recorded_by=cast.mentor,
            held_on=day,
            minutes=5,
            kind=Meeting.Kind.CHECK_IN,
        )
    pair = school_drift(school, date(2026, 11, 23))[cast.induction.mentorships.get().pk]
    assert pair.status == "pattern"


@pytest.mark.parametrize("extra", [0, 4])
def test_the_schedule_page_query_count_does_not_grow_with_pairs(
    client, cast, school, django_assert_num_queries, extra
):
    for _ in range(extra):
        induction = factories.make_ect(school, programme=cast.programme)
        mentor = factories.make_person()
        factories.give_role(mentor, Role.MENTOR, school=school)
        factories.make_mentorship(mentor, induction)
    run(client, cast, school)
    Slot.objects.update(since=date(2026, 9, 1))
    assert Slot.objects.filter(kind=Slot.Kind.MEETING).count() == 2 * (1 + extra)
    with django_assert_num_queries(SCHEDULE_QUERIES):
        client.get(reverse("schedule", args=[school.pk]))


# --- trust events ---------------------------------------------------------------------------


def test_the_coordinator_adds_and_places_an_event(client, cast, school):
    client.force_login(cast.coordinator)
    url = reverse("trust_events", args=[cast.trust_a.pk])
    bad = client.post(
        url,
        {
            "title": "Training",
            "kind": "training",
            "minutes": "60",
            "weeks_text": "14/01/2027\nnext week",
        },
    )
    assert "Line 2: &#x27;next week&#x27; is not a date" in bad.content.decode()
    assert not TrustEvent.objects.exists()
    client.post(
        url,
        {
            "title": "Training",
            "kind": "training",
            "minutes": "60",
            "weeks_text": "14/01/2027\n15/01/2027\n3/2/2027",
        },
    )
    event = TrustEvent.objects.get()
    assert event.weeks == ["2027-01-11", "2027-02-01"]
    client.post(reverse("trust_events_run", args=[cast.trust_a.pk]))
    event.refresh_from_db()
    assert event.day is not None and event.clashes == 0
    # The mentor teaches P1-P4 every day but Tuesday P2 and Thursday P3, so a clash-free
    # hour is outside those lessons.
    page = client.get(url).content.decode()
    assert "Last placed" in page


def test_a_mentor_sees_the_trust_event_in_their_calendar(client, cast, school):
    event = _peer_group(cast)
    client.force_login(cast.mentor)
    page = client.get(reverse("my_calendar")).content.decode()
    assert "Wednesday 2 December, 15:30" in page and event.title in page
    client.force_login(cast.ect)
    assert event.title not in client.get(reverse("my_calendar")).content.decode()
    assert event.dates == [date(2026, 12, 2)]
    assert date(2026, 11, 30) + timedelta(days=2) == event.dates[0]


# --- on the home pages -----------------------------------------------------------------------


@pytest.mark.parametrize("extra", [0, 3])
def test_the_mentors_home_shows_protected_time_in_fixed_queries(
    client, cast, school, django_assert_num_queries, extra
):
    for _ in range(extra):
        induction = factories.make_ect(school, programme=cast.programme)
        factories.make_mentorship(cast.mentor, induction)
    ScheduleSettings.objects.filter(school=school).update(mentor_minutes_per_ect=300)
    run(client, cast, school)
    _peer_group(cast)
    client.force_login(cast.mentor)
    with django_assert_num_queries(MENTOR_HOME_QUERIES):
        page = client.get(reverse("mentor_home")).content.decode()
    assert "My protected time" in page
    assert "Tue 24 Nov, 09:50</strong>: Mentor meeting with Cast ect" in page


def test_the_tutor_sees_slipping_meetings_on_the_school_page(client, cast, school):
    run(client, cast, school)
    Slot.objects.update(since=date(2026, 9, 1))
    Meeting.objects.create(
        induction=cast.induction, recorded_by=cast.mentor, held_on=date(2026, 11, 17), minutes=45
    )
    client.force_login(cast.tutor)
    page = client.get(reverse("school_home", args=[school.pk])).content.decode()
    assert "Meetings slipping: 1 of 3 held in four weeks" in page
