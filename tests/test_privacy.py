"""Data protection: a person downloads what Tandem holds about them; an admin erases a
person, keeping statutory records, which are deleted six years on."""

import json
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.privacy import ERASED_NAME, apply_retention, erase, personal_data
from assessments.models import ProgressReview
from audit.models import AuditEvent
from coaching.models import Meeting, Observation
from frameworks.models import Area
from oversight.models import Notification, PulseCheck
from people.models import Induction, RolePeriod


def _review(cast, due_on=date(2026, 12, 11), number=1):
    return ProgressReview.objects.create(
        induction=cast.induction,
        term_label="Autumn",
        due_on=due_on,
        school=cast.school_a,
        evidence="Planning and pupils' work.",
        written_by=cast.tutor,
        updated_by=cast.tutor,
        number=number,
        on_track="yes",
        targets="Questioning.",
    )


@pytest.fixture
def records(cast):
    observation = Observation.objects.create(
        induction=cast.induction,
        observer=cast.mentor,
        observed_on=date(2026, 11, 10),
        minutes=15,
        class_taught="Year 5",
        area=Area.objects.first(),
        what_seen="Cold calling worked.",
    )
    Meeting.objects.create(
        induction=cast.induction, recorded_by=cast.mentor, held_on=date(2026, 11, 12), minutes=30
    )
    for person, role in ((cast.ect, "ect"), (cast.mentor, "mentor")):
        PulseCheck.objects.create(
            person=person,
            role=role,
            school=cast.school_a,
            week_of=date(2026, 11, 16),
            workload=3,
            confidence=3,
            supported=3,
        )
    Notification.objects.create(person=cast.ect, kind="pulse", key="k", title="Pulse")
    return {"observation": observation, "review": _review(cast)}


def test_a_person_downloads_everything_held_about_them(client, cast, records):
    data = personal_data(cast.ect)
    tables = data["records"]
    assert data["account"]["email"] == cast.ect.email
    for label in (
        "people.induction",
        "people.roleperiod",
        "people.mentorship",
        "coaching.observation",
        "coaching.meeting",
        "oversight.pulsecheck",
        "oversight.notification",
        "assessments.progressreview",
    ):
        assert tables.get(label), label
    assert len(tables["oversight.pulsecheck"]) == 1  # theirs, not the mentor's
    text = json.dumps(data, default=str)
    assert "password" not in text
    assert cast.mentor.full_name not in text and cast.mentor.email not in text
    client.force_login(cast.ect)
    page = client.get(reverse("my_data"))
    assert page.status_code == 200 and b"coaching.observation" in page.content
    download = client.get(reverse("my_data_download"))
    assert download["Content-Type"] == "application/json"
    assert json.loads(download.content)["account"]["full_name"] == cast.ect.full_name
    assert AuditEvent.objects.filter(actor=cast.ect, action="export").exists()


def test_anonymous_people_cannot_download_anything(client):
    assert client.get(reverse("my_data_download")).status_code == 302


def test_erasing_an_ect_keeps_only_statutory_records(cast, records):
    admin = cast.coordinator
    erase(cast.ect, by=admin)
    cast.ect.refresh_from_db()
    assert cast.ect.full_name == ERASED_NAME and not cast.ect.is_active
    assert not cast.ect.has_usable_password() and "erased.invalid" in cast.ect.email
    assert ProgressReview.objects.filter(induction=cast.induction).exists()
    assert Induction.objects.filter(pk=cast.induction.pk).exists()
    assert not Observation.objects.exists() and not Meeting.objects.exists()
    assert not PulseCheck.objects.filter(person=cast.ect).exists()
    assert PulseCheck.objects.filter(person=cast.mentor).exists()
    assert not Notification.objects.filter(person=cast.ect).exists()
    assert not RolePeriod.objects.filter(person=cast.ect).exists()
    assert AuditEvent.objects.filter(actor=admin, what=f"erased person {cast.ect.pk}").exists()


def test_erasing_a_mentor_keeps_what_they_wrote_about_their_ect(cast, records):
    erase(cast.mentor, by=cast.coordinator)
    observation = Observation.objects.get()
    assert observation.observer.full_name == ERASED_NAME
    assert not PulseCheck.objects.filter(person=cast.mentor).exists()
    assert PulseCheck.objects.filter(person=cast.ect).exists()


def test_retention_deletes_statutory_records_six_years_on(cast):
    _review(cast, due_on=date(2019, 12, 11), number=1)
    _review(cast, due_on=date(2020, 3, 11), number=2)
    assert apply_retention(date(2026, 3, 10)) == 0  # the last was due under six years ago
    assert apply_retention(date(2026, 3, 12)) == 2
    assert not ProgressReview.objects.exists()


def test_retention_then_removes_an_erased_person_entirely(cast):
    from accounts.models import User

    _review(cast, due_on=date(2019, 12, 11))
    cast.tutor.is_superuser = True
    erase(cast.ect, by=cast.tutor)
    assert User.objects.filter(pk=cast.ect.pk).exists()
    apply_retention(date(2026, 11, 23))
    assert not User.objects.filter(pk=cast.ect.pk).exists()
    assert not Induction.objects.filter(pk=cast.induction.pk).exists()


def test_the_erase_command_needs_an_admin(cast):
    with pytest.raises(CommandError, match="not an admin"):
        call_command("erase_person", cast.ect.email, by=cast.tutor.email)
    cast.tutor.is_superuser = True
    cast.tutor.save()
    call_command("erase_person", cast.ect.email, by=cast.tutor.email)
    cast.ect.refresh_from_db()
    assert cast.ect.full_name == ERASED_NAME
