"""Oversight: each flag's rule on its own, the figures behind the tutor's view, pulse checks
(who sees them, once a week, by email link), the minimum group size, the tutor–mentor
conversation, notifications and the digest, and the trust view's queries and filters."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse

from coaching.models import Meeting, Observation, Target
from frameworks.models import Statement
from oversight import flags, notify, pulse
from oversight.models import Kind, Notification, PairNote, Preference, PulseCheck
from oversight.pairs import pair_rows
from pathways.models import PartProgress
from people.models import Induction, Role
from scheduling.models import ScheduleSettings, Slot
from tandem import factories

TODAY = date(2026, 11, 23)
WEEK = date(2026, 11, 23)


def answer_pulse(person, school, week, answer: int, role: str = "ect") -> PulseCheck:
    """One pulse check with the same answer to all three questions."""
    return PulseCheck.objects.create(
        person=person,
        role=role,
        school=school,
        week_of=week,
        workload=answer,
        confidence=answer,
        supported=answer,
    )


# --- the rules, one at a time --------------------------------------------------------------


def test_meetings_slipping_needs_a_miss():
    assert flags.meetings_slipping(4, 0) is None
    assert flags.meetings_slipping(0, 0) is None
    assert flags.meetings_slipping(4, 1).reason == "Meetings slipping: 3 of 4 held in four weeks"


@pytest.mark.parametrize(
    ("mentees", "minutes", "expected"),
    [
        (1, 120, None),
        (1, 121, "Mentor overloaded: 2.0 hours a week for 1 ECT"),
        (2, 240, None),
        (4, 10, "Mentor overloaded: 4 ECTs"),
        (0, 500, None),
    ],
)
def test_mentor_overloaded(mentees, minutes, expected):
    flag = flags.mentor_overloaded(mentees, minutes)
    assert (flag.reason if flag else None) == expected


def test_ect_over_time_above_an_hour_a_week():
    assert flags.ect_over_time(60) is None
    assert flags.ect_over_time(75).reason == "ECT over time: 75 minutes of study a week"


@pytest.mark.parametrize(
    ("latest", "previous", "expected"),
    [
        (None, 4.0, None),
        (4.0, None, None),
        (2.5, None, "Wellbeing low: 2.5 of 5 in the last pulse check"),
        (3.0, 4.0, "Wellbeing dropping: 4.0 to 3.0 of 5"),
        (3.5, 4.0, None),
    ],
)
def test_wellbeing_low_or_dropping(latest, previous, expected):
    flag = flags.wellbeing_dropping(latest, previous)
    assert (flag.reason if flag else None) == expected


def test_mentor_who_is_tutor_needs_safeguards():
    assert flags.mentor_is_tutor(False, "") is None
    assert flags.mentor_is_tutor(True, "Assessed by the deputy head.") is None
    assert "no safeguards recorded" in flags.mentor_is_tutor(True, "  ").reason


# --- the tutor's view ------------------------------------------------------------------------


def _row(cast):
    induction = Induction.objects.with_current_details().get(pk=cast.induction.pk)
    return pair_rows([induction], [cast.school_a], TODAY)[0]


def test_the_tutors_view_works_out_time_from_the_records(cast):
    statement = Statement.objects.first()
    Observation.objects.create(
        induction=cast.induction,
        observer=cast.mentor,
        observed_on=date(2026, 11, 12),
        minutes=20,
        class_taught="Y4",
        area=statement.area,
        what_seen="-",
    )
    Target.objects.create(
        induction=cast.induction,
        set_by=cast.mentor,
        statement=statement,
        description="-",
        grade="not_yet",
        modelling="-",
        practice="-",
        practise_by=date(2026, 11, 30),
        set_on=date(2026, 11, 12),
    )
    for day in (date(2026, 11, 3), date(2026, 11, 10), date(2026, 11, 17)):
        Meeting.objects.create(
            induction=cast.induction, recorded_by=cast.mentor, held_on=day, minutes=100
        )
    # Older than four weeks: not counted.
    Meeting.objects.create(
        induction=cast.induction, recorded_by=cast.mentor, held_on=date(2026, 10, 1), minutes=500
    )
    session = cast.programme.sessions_in_order().first()
    for part in session.parts.all():
        PartProgress.objects.create(
            induction=cast.induction, part=part, done_on=date(2026, 11, 16), minutes=100
        )
    row = _row(cast)
    assert row.last_observation == date(2026, 11, 12)
    assert row.target_open_days == 11
    assert row.sessions_done == 1
    parts = session.parts.count()
    assert row.ect_minutes_a_week == pytest.approx(parts * 100 / 4)
    assert row.mentor_minutes_a_week == pytest.approx((300 + 20) / 4)
    assert row.mentor_mentees == 1
    assert [f.code for f in row.flags] == (["ect_time"] if parts * 25 > 60 else [])


def test_a_dropping_pulse_is_flagged_to_the_tutor_only(client, cast):
    for week, answers in ((date(2026, 11, 9), 4), (date(2026, 11, 16), 2)):
        PulseCheck.objects.create(
            person=cast.ect,
            role="ect",
            school=cast.school_a,
            week_of=week,
            workload=answers,
            confidence=answers,
            supported=answers,
        )
    row = _row(cast)
    assert [f.reason for f in row.flags] == ["Wellbeing low: 2.0 of 5 in the last pulse check"]
    client.force_login(cast.tutor)
    page = client.get(reverse("school_home", args=[cast.school_a.pk])).content.decode()
    assert "2.0 of 5" in page and "before: 4.0" in page
    # The headteacher and coordinator see the flag's existence in summary, never the answers.
    for member in (cast.head, cast.coordinator):
        client.force_login(member)
        page = client.get(reverse("school_home", args=[cast.school_a.pk])).content.decode()
        assert "before: 4.0" not in page


def test_pairs_needing_attention_come_first(client, cast):
    calm = factories.make_ect(cast.school_a, full_name="Aaron Calm", programme=cast.programme)
    factories.make_mentorship(cast.other_mentor, calm)
    factories.make_ect(cast.school_a, full_name="Zed Unmentored")
    client.force_login(cast.tutor)
    rows = client.get(reverse("school_home", args=[cast.school_a.pk])).context["rows"]
    assert rows[0].induction.ect.full_name == "Zed Unmentored"


# --- pulse checks ----------------------------------------------------------------------------


ANSWERS = {"workload": "4", "confidence": "3", "supported": "5"}


def test_the_ect_answers_from_the_home_page_in_place(client, cast):
    client.force_login(cast.ect)
    home = client.get(reverse("ect_home")).content.decode()
    assert "This week's pulse check" in home and "My workload is manageable" in home
    response = client.post(
        reverse("pulse_check"), ANSWERS | {"role": "ect"}, HTTP_HX_REQUEST="true"
    )
    assert "Thank you" in response.content.decode()
    check = PulseCheck.objects.get()
    assert (check.week_of, check.role, check.school) == (WEEK, "ect", cast.school_a)
    assert "Answered for this week" in client.get(reverse("ect_home")).content.decode()


def test_answering_again_in_the_same_week_replaces_the_answer(client, cast):
    client.force_login(cast.mentor)
    client.post(reverse("pulse_check"), ANSWERS)
    client.post(reverse("pulse_check"), ANSWERS | {"workload": "1"})
    assert list(PulseCheck.objects.values_list("role", "workload")) == [("mentor", 1)]


def test_a_missing_answer_is_explained_and_nothing_saved(client, cast):
    client.force_login(cast.ect)
    response = client.post(reverse("pulse_check"), {"workload": "4", "confidence": "9"})
    page = response.content.decode()
    assert "Choose an answer for &#x27;I feel supported&#x27;" in page
    assert "Select a valid choice" in page
    assert not PulseCheck.objects.exists()


def test_people_who_are_not_ects_or_mentors_have_no_pulse_check(client, cast):
    client.force_login(cast.tutor)
    assert client.get(reverse("pulse_check")).status_code == 403


def test_an_emailed_link_answers_without_signing_in(client, cast):
    token = pulse.make_link_token(cast.ect.pk, "ect", WEEK)
    url = reverse("pulse_link", args=[token])
    assert "My workload is manageable" in client.get(url).content.decode()
    response = client.post(url, ANSWERS)
    assert "Thank you" in response.content.decode()
    assert PulseCheck.objects.get().person == cast.ect


def test_a_tampered_or_stale_link_is_refused(client, cast):
    token = pulse.make_link_token(cast.ect.pk, "ect", WEEK)
    assert client.get(reverse("pulse_link", args=[token[:-2] + "xx"])).status_code == 404
    wrong_role = pulse.make_link_token(cast.ect.pk, "mentor", WEEK)
    assert client.get(reverse("pulse_link", args=[wrong_role])).status_code == 404
    import time_machine

    with time_machine.travel(date(2026, 12, 20)):
        assert client.get(reverse("pulse_link", args=[token])).status_code == 404
    assert not PulseCheck.objects.exists()


def test_my_answers_are_mine_alone(client, cast):
    answer_pulse(cast.ect, cast.school_a, WEEK, 1)
    client.force_login(cast.mentor)
    assert "No answers yet" in client.get(reverse("my_pulse")).content.decode()
    client.force_login(cast.ect)
    assert "Early career teacher" in client.get(reverse("my_pulse")).content.decode()


# --- the minimum group size ------------------------------------------------------------------


def _pulses(school, count, week=WEEK, answer=2):
    for _ in range(count):
        person = factories.make_person()
        PulseCheck.objects.create(
            person=person,
            role="ect",
            school=school,
            week_of=week,
            workload=answer,
            confidence=answer,
            supported=answer,
        )


def test_pulse_results_are_hidden_below_five_people(client, cast):
    _pulses(cast.school_a, 4)
    results = pulse.weekly_results(PulseCheck.objects.all())
    assert (results[0].people, results[0].workload) == (4, None)
    assert pulse.by_school(PulseCheck.objects.all(), WEEK)[cast.school_a.pk]["score"] is None
    client.force_login(cast.coordinator)
    page = client.get(reverse("trust_home", args=[cast.trust_a.pk])).content.decode()
    assert "fewer than 5" in page
    assert "(4 people)" not in page and "pulse 2.0" not in page


def test_pulse_results_show_from_five_people(client, cast):
    _pulses(cast.school_a, 5)
    assert pulse.weekly_results(PulseCheck.objects.all())[0].workload == 2
    client.force_login(cast.coordinator)
    page = client.get(reverse("trust_home", args=[cast.trust_a.pk])).content.decode()
    assert "2.00 (5 people)" in page
    assert "pulse 2.0 of 5" in page  # the school may need support


# --- the trust view --------------------------------------------------------------------------


@pytest.mark.parametrize("weeks", ["abc", "2", "99", "-4"])
def test_a_malformed_trend_length_is_explained_not_an_error(client, cast, weeks):
    client.force_login(cast.coordinator)
    response = client.get(reverse("trust_home", args=[cast.trust_a.pk]), {"weeks": weeks})
    assert response.status_code == 200
    assert "is not a number of weeks from 4 to 26" in response.content.decode()
    assert response.context["weeks"] == 8


@pytest.mark.parametrize("schools", [1, 4])
def test_the_trust_view_does_not_grow_with_schools(
    client, cast, django_assert_num_queries, schools
):
    for _ in range(schools):
        school = factories.make_school(cast.trust_a)
        factories.make_terms(school, 2025)
        mentor = factories.make_person()
        factories.give_role(mentor, Role.MENTOR, school=school)
        for _ in range(2):
            factories.make_mentorship(mentor, factories.make_ect(school))
        _pulses(school, 5)
    client.force_login(cast.coordinator)
    with django_assert_num_queries(20):
        client.get(reverse("trust_home", args=[cast.trust_a.pk]))


def test_a_coordinator_never_sees_another_trust(client, cast):
    client.force_login(cast.coordinator)
    assert client.get(reverse("trust_home", args=[cast.trust_b.pk])).status_code == 404


# --- the conversation ------------------------------------------------------------------------


def _conversation(cast):
    return reverse("pair_conversation", args=[cast.induction.mentorships.get().pk])


def test_the_tutor_and_mentor_talk_about_the_pair(client, cast):
    client.force_login(cast.tutor)
    client.post(_conversation(cast), {"text": "How is the Year 4 class going?"})
    client.force_login(cast.mentor)
    page = client.get(_conversation(cast)).content.decode()
    assert "How is the Year 4 class going?" in page
    assert Notification.objects.get(person=cast.mentor, kind=Kind.NOTE)
    client.post(_conversation(cast), {"text": "Better since the seating plan."})
    assert Notification.objects.filter(person=cast.tutor, kind=Kind.NOTE).exists()
    assert PairNote.objects.count() == 2


def test_an_empty_message_is_refused(client, cast):
    client.force_login(cast.tutor)
    response = client.post(_conversation(cast), {"text": ""})
    assert "This field is required" in response.content.decode()
    assert not PairNote.objects.exists()


@pytest.mark.parametrize(
    ("member", "status"),
    [("ect", 403), ("head", 403), ("coordinator", 403), ("other_mentor", 404), ("outsider", 404)],
)
def test_nobody_else_reads_the_conversation(client, cast, member, status):
    PairNote.objects.create(
        mentorship=cast.induction.mentorships.get(), author=cast.tutor, text="Private"
    )
    client.force_login(getattr(cast, member))
    response = client.get(_conversation(cast))
    assert response.status_code == status
    assert b"Private" not in response.content


# --- notifications ---------------------------------------------------------------------------


def test_the_digest_lists_what_needs_attention_and_what_is_due(cast):
    factories.make_ect(cast.school_a, full_name="Nia Unmentored")
    title, body = notify.digest_for(cast.school_a, TODAY)
    assert title == "School A: 1 of 2 ECTs need attention this week"
    assert "- Nia Unmentored: No mentor" in body
    assert "Statutory records due in the next four weeks:" in body
    assert "- Cast ect: progress review by 18 December" in body


def test_the_weekly_digest_goes_to_tutors_once(cast):
    # The cast's tutor and the outsider, who is a tutor at school B.
    assert notify.daily(TODAY)["digests"] == 2
    assert notify.daily(TODAY)["digests"] == 0
    digest = Notification.objects.get(kind=Kind.DIGEST, person=cast.tutor)
    assert digest.title.startswith("School A:")
    assert any(m.subject == digest.title for m in mail.outbox)


def test_choices_decide_what_is_sent_and_how(client, cast):
    client.force_login(cast.tutor)
    response = client.post(reverse("preferences"), {"digest__in_app": "on"})
    assert response.status_code == 302
    notify.weekly_digests(TODAY)
    assert Notification.objects.get(kind=Kind.DIGEST, person=cast.tutor).read_at is None
    assert cast.tutor.email not in [to for m in mail.outbox for to in m.to]
    Notification.objects.all().delete()
    Preference.objects.update(in_app=False, by_email=False)
    notify.weekly_digests(TODAY)
    assert not Notification.objects.filter(person=cast.tutor).exists()


def test_pulse_invitations_skip_who_answered(cast):
    answer_pulse(cast.ect, cast.school_a, WEEK, 3)
    notify.pulse_invitations(TODAY)
    invited = set(Notification.objects.filter(kind=Kind.PULSE).values_list("person", flat=True))
    assert cast.mentor.pk in invited and cast.ect.pk not in invited
    link = Notification.objects.get(person=cast.mentor, kind=Kind.PULSE).url
    assert link.startswith("/pulse/answer/")


@pytest.fixture
def weekly_slot(cast):
    periods = factories.make_school_day(cast.school_a, "secondary")
    ScheduleSettings.objects.create(school=cast.school_a, week_a_starts_on=date(2026, 9, 7))
    mentorship = cast.induction.mentorships.get()
    for week in "AB":
        Slot.objects.create(
            school=cast.school_a,
            task_key=f"m:meeting:{week}",
            kind="meeting",
            induction=cast.induction,
            mentorship=mentorship,
            week=week,
            period=periods[1, "P2"],
            minutes=45,
            since=date(2026, 9, 1),
        )


def test_a_reminder_goes_the_day_before_to_both(cast, weekly_slot):
    assert notify.meeting_reminders(date(2026, 11, 23)) == 2  # Tuesday 24th
    titles = set(Notification.objects.values_list("title", flat=True))
    assert "Protected time: mentor meeting with Cast ect tomorrow at 09:50 (P2)" in titles
    assert notify.meeting_reminders(date(2026, 11, 23)) == 0
    assert notify.meeting_reminders(date(2026, 11, 25)) == 0  # nothing on Thursday


def test_a_meeting_not_recorded_is_told_once(cast, weekly_slot):
    Meeting.objects.create(
        induction=cast.induction, recorded_by=cast.mentor, held_on=date(2026, 11, 10), minutes=45
    )
    sent = notify.not_recorded(date(2026, 11, 23))
    # 17 November was missed (3 November is too long ago to be told now).
    assert sent == 2
    assert set(Notification.objects.values_list("key", flat=True)) == {
        f"missed-{cast.induction.mentorships.get().pk}-2026-11-17"
    }
    assert notify.not_recorded(date(2026, 11, 23)) == 0


def test_the_notifications_page_lists_and_clears(client, cast):
    notify.notify(cast.mentor, Kind.PULSE, "k", "Three quick questions", "Body", "/pulse/")
    client.force_login(cast.mentor)
    page = client.get(reverse("notifications")).content.decode()
    assert "Three quick questions" in page
    client.post(reverse("notifications_read"))
    assert "Nothing new" in client.get(reverse("notifications")).content.decode()


def test_the_command_runs_for_a_given_day(cast, capsys):
    from django.core.management import call_command

    call_command("send_notifications", "--date", "2026-11-23")
    assert "digests: 2" in capsys.readouterr().out
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("send_notifications", "--date", "soon")


def test_weeks_param_boundaries_are_accepted(client, cast):
    client.force_login(cast.coordinator)
    for weeks in ("4", "26"):
        response = client.get(reverse("trust_home", args=[cast.trust_a.pk]), {"weeks": weeks})
        assert response.context["weeks"] == int(weeks)
    assert TODAY - timedelta(days=1) < TODAY


# --- the oversight cache -------------------------------------------------------------------


def _without_tokens(page: str) -> str:
    import re

    return re.sub(r'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+', r"\1", page)


@pytest.fixture
def cached(settings):
    from django.core.cache import cache

    settings.OVERSIGHT_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize(
    ("member", "name", "target"),
    [
        ("tutor", "school_home", "school_a"),
        ("head", "head_home", "school_a"),
        ("coordinator", "trust_home", "trust_a"),
    ],
)
def test_a_cached_page_skips_the_figures_and_shows_the_same(
    client, cast, cached, django_assert_max_num_queries, member, name, target
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(getattr(cast, member))
    url = reverse(name, args=[getattr(cast, target).pk])
    with CaptureQueriesContext(connection) as first:
        before = client.get(url).content.decode()
    with django_assert_max_num_queries(len(first) - 8):
        after = client.get(url).content.decode()
    # The same page, but for the CSRF token, which is masked afresh on every response.
    assert _without_tokens(after) == _without_tokens(before)
    assert "brought up to date every 60 seconds" in after


def test_the_cache_keeps_pulses_from_people_who_may_not_see_them(client, cast, cached):
    answer_pulse(cast.ect, cast.school_a, date(2026, 11, 16), 2)
    client.force_login(cast.tutor)
    assert (
        "2.0 of 5" in client.get(reverse("school_home", args=[cast.school_a.pk])).content.decode()
    )
    client.force_login(cast.coordinator)
    page = client.get(reverse("school_home", args=[cast.school_a.pk])).content.decode()
    assert "Wellbeing low" in page  # the flag, in summary
    assert "week of 16 Nov" not in page  # not the answers


def test_only_the_tutor_is_offered_the_conversation(client, cast):
    url = reverse("school_home", args=[cast.school_a.pk])
    client.force_login(cast.tutor)
    assert "Talk with the mentor" in client.get(url).content.decode()
    for member in (cast.head, cast.coordinator):
        client.force_login(member)
        assert "Talk with the mentor" not in client.get(url).content.decode()
