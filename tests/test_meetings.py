"""Meetings: an agenda built from the session, the open target and the ECT's items; the
mentor records outcomes and time; quick check-ins take seconds."""

from datetime import date

import pytest
from django.urls import reverse

from coaching.models import AgendaItem, Meeting, Target
from frameworks.models import Statement


def test_the_agenda_brings_together_session_target_and_the_ects_items(client, cast):
    Target.objects.create(
        induction=cast.induction,
        set_by=cast.mentor,
        grade="not_yet",
        set_on=date(2026, 11, 16),
        statement=Statement.objects.get(framework=cast.programme.framework, code="6.3"),
        description="Ask one hinge question before independent work.",
        modelling="m",
        practice="p",
        practise_by=date(2026, 11, 20),
    )
    client.force_login(cast.ect)
    client.post(
        reverse("add_agenda_item", args=[cast.induction.pk]), {"text": "My first parents' evening"}
    )
    client.force_login(cast.mentor)
    page = client.get(reverse("next_meeting", args=[cast.induction.pk])).content.decode()
    assert "Ask one hinge question before independent work." in page
    assert "My first parents&#x27; evening" in page
    assert "The first five minutes" in page  # this week on the pathway: nothing done yet


def test_recording_the_meeting_files_the_agenda_items_with_it(client, cast):
    AgendaItem.objects.create(induction=cast.induction, text="Behaviour in Year 4")
    client.force_login(cast.mentor)
    response = client.post(
        reverse("next_meeting", args=[cast.induction.pk]),
        {"held_on": "2026-11-23", "minutes": "40", "outcomes": "Agreed a seating plan."},
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert (meeting.minutes, meeting.kind, meeting.session.title) == (
        40,
        "meeting",
        "The first five minutes",
    )
    assert AgendaItem.objects.get().meeting == meeting
    page = client.get(reverse("next_meeting", args=[cast.induction.pk])).content.decode()
    assert "Behaviour in Year 4" not in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"held_on": "2026-12-01", "minutes": "30", "outcomes": "x"}, b"cannot be in the future"),
        (
            {"held_on": "2026-08-01", "minutes": "30", "outcomes": "x"},
            b"cannot be before the induction started",
        ),
        ({"held_on": "2026-11-23", "minutes": "0", "outcomes": "x"}, b"greater than or equal to 5"),
        ({"held_on": "2026-11-23", "minutes": "30", "outcomes": ""}, b"This field is required"),
    ],
)
def test_bad_meeting_records_are_refused_and_nothing_changes(client, cast, data, message):
    AgendaItem.objects.create(induction=cast.induction, text="Pending")
    client.force_login(cast.mentor)
    response = client.post(reverse("next_meeting", args=[cast.induction.pk]), data)
    assert response.status_code == 200 and message in response.content
    assert not Meeting.objects.exists()
    assert AgendaItem.objects.get().meeting is None


def test_only_the_mentor_records_meetings_and_check_ins(client, cast):
    client.force_login(cast.ect)
    url = reverse("next_meeting", args=[cast.induction.pk])
    assert (
        client.post(url, {"held_on": "2026-11-23", "minutes": "30", "outcomes": "x"}).status_code
        == 403
    )
    assert (
        client.post(reverse("log_check_in", args=[cast.induction.pk]), {"minutes": "5"}).status_code
        == 403
    )
    assert not Meeting.objects.exists()


def test_only_the_ect_adds_agenda_items(client, cast):
    url = reverse("add_agenda_item", args=[cast.induction.pk])
    for member, status in (("mentor", 403), ("tutor", 403), ("outsider_ect", 404)):
        client.force_login(getattr(cast, member))
        assert client.post(url, {"text": "x"}).status_code == status
    assert not AgendaItem.objects.exists()


def test_an_empty_agenda_item_is_refused(client, cast):
    client.force_login(cast.ect)
    response = client.post(
        reverse("add_agenda_item", args=[cast.induction.pk]), {"text": ""}, follow=True
    )
    assert b"Write what you want to talk about" in response.content
    assert not AgendaItem.objects.exists()


def test_a_check_in_is_logged_in_one_step(client, cast):
    client.force_login(cast.mentor)
    response = client.post(
        reverse("log_check_in", args=[cast.induction.pk]),
        {"minutes": "5", "outcomes": "Corridor chat"},
        follow=True,
    )
    assert b"Check-in of 5 minutes logged." in response.content
    check_in = Meeting.objects.get()
    assert (check_in.kind, check_in.held_on, check_in.minutes) == (
        "check_in",
        date(2026, 11, 23),
        5,
    )
    bad = client.post(
        reverse("log_check_in", args=[cast.induction.pk]), {"minutes": "90"}, follow=True
    )
    assert b"Enter the minutes the check-in took" in bad.content
    assert Meeting.objects.count() == 1
