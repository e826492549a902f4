"""Changing who is where: periods keep history, dates are validated, and multi-step changes
happen together or not at all."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from people.models import Induction, Mentorship, Role, RolePeriod
from tandem import factories


def test_a_period_may_not_end_before_it_starts(cast):
    period = RolePeriod(
        person=cast.mentor,
        role=Role.MENTOR,
        school=cast.school_b,
        starts_on=date(2026, 9, 1),
        ends_on=date(2026, 8, 1),
    )
    with pytest.raises(ValidationError, match="end date must be on or after"):
        period.full_clean()


def test_an_ect_may_not_be_placed_at_two_schools_at_once(cast):
    period = RolePeriod(
        person=cast.ect, role=Role.ECT, school=cast.school_b, starts_on=date(2026, 10, 1)
    )
    with pytest.raises(ValidationError, match="overlaps another period"):
        period.full_clean()


def test_a_mentor_may_work_at_two_schools_at_once(cast):
    RolePeriod(
        person=cast.mentor, role=Role.MENTOR, school=cast.school_b, starts_on=date(2026, 10, 1)
    ).full_clean()


def test_current_periods_follow_the_dates(cast):
    factories.give_role(cast.ect, Role.ECT, school=cast.school_b, starts_on=date(2027, 1, 4))
    placements = RolePeriod.objects.filter(person=cast.ect, role=Role.ECT)
    assert [p.school for p in placements.current(date(2026, 11, 23))] == [cast.school_a]
    assert placements.overlapping(date(2027, 1, 1), None).count() == 2


def _add(client, cast, **overrides):
    data = {
        "email": "new.ect@example.test",
        "full_name": "New Ect",
        "role": "ect",
        "starts_on": "2026-11-30",
        "ends_on": "",
        "fte": "0.8",
        "phase": "primary",
        "subjects": "",
        "ite_provider": "A SCITT",
    }
    data.update(overrides)
    client.force_login(cast.tutor)
    return client.post(reverse("add_role", args=[cast.school_a.pk]), data)


def test_adding_a_new_ect_starts_their_induction(client, cast):
    response = _add(client, cast)
    induction = Induction.objects.get(ect__email="new.ect@example.test")
    # Next, the tutor chooses the new ECT's programme.
    assert response["Location"] == reverse("edit_induction", args=[induction.pk])
    assert induction.started_on == date(2026, 11, 30)
    assert induction.ect.role_periods.get().fte == Decimal("0.80")


def test_adding_rejects_an_end_before_the_start_and_saves_nothing(client, cast):
    response = _add(client, cast, ends_on="2026-11-01")
    assert b"The end date must be on or after the start date" in response.content
    assert not Induction.objects.filter(ect__email="new.ect@example.test").exists()


def test_adding_rejects_an_overlapping_period_of_the_same_role(client, cast):
    response = _add(client, cast, email="ect@example.test", full_name="", starts_on="2026-12-01")
    assert b"already has this role at another school" in response.content
    assert cast.ect.role_periods.count() == 1


def test_adding_a_new_ect_needs_a_phase(client, cast):
    response = _add(client, cast, phase="")
    assert b"Choose the ECT&#x27;s phase" in response.content


def test_changing_mentor_ends_the_old_mentorship_the_day_before(client, cast):
    client.force_login(cast.tutor)
    response = client.post(
        reverse("change_mentor", args=[cast.induction.pk]),
        {"mentor": cast.other_mentor.pk, "starts_on": "2026-11-30", "safeguards": ""},
    )
    assert response.status_code == 302
    old, new = cast.induction.mentorships.order_by("starts_on")
    assert (old.mentor, old.ends_on) == (cast.mentor, date(2026, 11, 29))
    assert (new.mentor, new.starts_on, new.ends_on) == (cast.other_mentor, date(2026, 11, 30), None)


def test_changing_mentor_rejects_a_start_before_the_current_one(client, cast):
    client.force_login(cast.tutor)
    response = client.post(
        reverse("change_mentor", args=[cast.induction.pk]),
        {"mentor": cast.other_mentor.pk, "starts_on": "2026-08-01"},
    )
    assert b"must start after the current mentorship began" in response.content
    assert cast.induction.mentorships.get().ends_on is None


def test_changing_mentor_offers_only_this_schools_mentors(client, cast):
    stranger = factories.make_person("Elsewhere")
    factories.give_role(stranger, Role.MENTOR, school=cast.school_b)
    client.force_login(cast.tutor)
    response = client.post(
        reverse("change_mentor", args=[cast.induction.pk]),
        {"mentor": stranger.pk, "starts_on": "2026-11-30"},
    )
    assert b"Select a valid choice" in response.content
    assert Mentorship.objects.filter(mentor=stranger).count() == 0


def test_a_mentor_who_is_also_tutor_is_flagged_until_safeguards_are_recorded(client, cast):
    factories.give_role(cast.tutor, Role.MENTOR, school=cast.school_a)
    client.force_login(cast.tutor)
    client.post(
        reverse("change_mentor", args=[cast.induction.pk]),
        {"mentor": cast.tutor.pk, "starts_on": "2026-11-23"},
    )
    page = client.get(reverse("school_home", args=[cast.school_a.pk])).content.decode()
    assert "Mentor is also induction tutor: no safeguards recorded" in page
    mentorship = cast.induction.mentorships.get(mentor=cast.tutor)
    mentorship.safeguards = "Progress reviews are run by the deputy head."
    mentorship.save(update_fields=["safeguards"])
    page = client.get(reverse("school_home", args=[cast.school_a.pk])).content.decode()
    assert "no safeguards recorded" not in page
    assert "Mentor is also induction tutor" in page


def test_ending_a_mentor_role_ends_their_mentorships_there(client, cast):
    client.force_login(cast.tutor)
    period = cast.mentor.role_periods.get()
    response = client.post(reverse("end_role", args=[period.pk]), {"ends_on": "2026-12-18"})
    assert response.status_code == 302
    period.refresh_from_db()
    assert period.ends_on == date(2026, 12, 18)
    assert cast.induction.mentorships.get().ends_on == date(2026, 12, 18)


def test_ending_a_role_before_it_started_is_refused(client, cast):
    client.force_login(cast.tutor)
    period = cast.mentor.role_periods.get()
    response = client.post(reverse("end_role", args=[period.pk]), {"ends_on": "2019-01-01"})
    assert b"must be on or after the start date" in response.content
    period.refresh_from_db()
    assert period.ends_on is None


def test_a_transfer_keeps_both_schools_in_the_record(client, cast):
    placement = cast.ect.role_periods.get()
    placement.ends_on = date(2026, 10, 23)
    placement.save(update_fields=["ends_on"])
    factories.give_role(cast.ect, Role.ECT, school=cast.school_b, starts_on=date(2026, 11, 2))
    client.force_login(cast.ect)
    page = client.get(reverse("induction_detail", args=[cast.induction.pk])).content.decode()
    assert "School A" in page and "School B" in page
    # The old school's tutor no longer sees the ECT; the new school's does.
    client.force_login(cast.tutor)
    assert client.get(reverse("induction_detail", args=[cast.induction.pk])).status_code == 404
    client.force_login(cast.outsider)
    assert client.get(reverse("induction_detail", args=[cast.induction.pk])).status_code == 200


def test_induction_year_turns_two_after_a_year(cast):
    assert cast.induction.year(date(2027, 8, 31)) == 1
    assert cast.induction.year(date(2027, 9, 1)) == 2


def test_choosing_a_tutor_as_mentor_shows_the_safeguards_warning(client, cast):
    factories.give_role(cast.tutor, Role.MENTOR, school=cast.school_a)
    client.force_login(cast.tutor)
    url = reverse("change_mentor", args=[cast.induction.pk])
    warning = client.get(url, {"mentor": cast.tutor.pk}, HTTP_HX_REQUEST="true")
    assert b"also an induction tutor" in warning.content
    assert b"<html" not in warning.content
    plain = client.get(url, {"mentor": cast.other_mentor.pk}, HTTP_HX_REQUEST="true")
    assert b"also an induction tutor" not in plain.content


def test_adding_a_mentor_returns_to_the_school(client, cast):
    response = _add(
        client, cast, email="new.mentor@example.test", full_name="New Mentor", role="mentor"
    )
    assert response["Location"] == reverse("school_home", args=[cast.school_a.pk])
    assert RolePeriod.objects.get(person__email="new.mentor@example.test").role == Role.MENTOR


def test_the_tutor_sets_phase_subjects_and_programme(client, cast):
    induction = factories.make_ect(cast.school_a, full_name="No Programme")
    client.force_login(cast.tutor)
    response = client.post(
        reverse("edit_induction", args=[induction.pk]),
        {
            "phase": "secondary",
            "ite_provider": "X",
            "programme": cast.programme.pk,
            "subject_list": "Maths, Physics",
        },
    )
    assert response.status_code == 302
    induction.refresh_from_db()
    assert (induction.phase, induction.programme, induction.subjects) == (
        "secondary",
        cast.programme,
        ["Maths", "Physics"],
    )


def test_a_programme_the_tutor_cannot_see_is_refused(client, cast):
    from programmes.models import Programme

    other = Programme.objects.create(
        slug="elsewhere", name="Elsewhere", framework=cast.programme.framework, owner=cast.trust_b
    )
    client.force_login(cast.tutor)
    response = client.post(
        reverse("edit_induction", args=[cast.induction.pk]),
        {"phase": "primary", "programme": other.pk, "subject_list": ""},
    )
    assert b"Select a valid choice" in response.content
    cast.induction.refresh_from_db()
    assert cast.induction.programme_id != other.pk
