"""The demo data: deterministic, and with the cases a real trust has."""

from decimal import Decimal

import pytest
from django.core.management import call_command

from accounts.models import User
from demo.builder import build_demo
from organisations.models import School, Trust
from people.models import Induction, Mentorship, Role, RolePeriod


@pytest.fixture
def logins(db):
    return build_demo(seed=2026)


def test_it_builds_a_trust_of_primary_and_secondary_schools_and_a_second_organisation(logins):
    riverside = Trust.objects.get(name__startswith="Riverside")
    assert riverside.schools.count() >= 5
    assert {s.phase for s in riverside.schools.all()} >= {
        School.Phase.PRIMARY,
        School.Phase.SECONDARY,
    }
    assert Trust.objects.count() == 2
    placed = RolePeriod.objects.current().filter(role=Role.ECT, school__trust=riverside)
    assert 28 <= placed.count() <= 34
    years = {i.year() for i in Induction.objects.filter(ect__in=placed.values("person"))}
    assert years == {1, 2}


def test_it_has_the_special_cases(logins):
    assert RolePeriod.objects.current().filter(role=Role.ECT, fte__lt=Decimal("1")).count() == 1
    movers = [
        i for i in Induction.objects.all() if i.ect.role_periods.filter(role=Role.ECT).count() == 2
    ]
    assert len(movers) == 1
    assert movers[0].mentorships.count() == 2
    changed = [i for i in Induction.objects.all() if i.mentorships.count() == 2]
    assert len(changed) == 2  # the mover and the ECT whose mentor changed
    tutor_mentors = [
        m
        for m in Mentorship.objects.current()
        if RolePeriod.objects.current().filter(person=m.mentor, role=Role.INDUCTION_TUTOR).exists()
    ]
    assert len(tutor_mentors) == 1


def test_every_printed_login_can_sign_in(logins, client):
    for email in logins.values():
        assert client.login(email=email, password="tandem-demo-2026"), email


@pytest.mark.django_db(transaction=True)
def test_the_same_seed_gives_the_same_people():
    first = build_demo(seed=7)
    names = list(User.objects.order_by("email").values_list("email", flat=True))
    call_command("flush", interactive=False, verbosity=0)
    assert build_demo(seed=7) == first
    assert list(User.objects.order_by("email").values_list("email", flat=True)) == names


def test_the_command_refuses_without_debug(db):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="only with DEBUG"):
        call_command("load_demo")


def test_the_demo_is_built_around_the_current_school_year(db):
    import time_machine

    with time_machine.travel("2030-03-10", tick=False):
        build_demo()
        years = {i.year() for i in Induction.objects.all()}
        assert years == {1, 2}
        assert Induction.objects.filter(started_on="2029-09-01").exists()


def test_every_pair_has_a_term_of_coaching(logins):
    from coaching.models import Observation, Target

    riverside = Trust.objects.get(name__startswith="Riverside")
    placed = RolePeriod.objects.current().filter(role=Role.ECT, school__trust=riverside)
    for induction in Induction.objects.filter(ect__in=placed.values("person")):
        observations = Observation.objects.filter(induction=induction)
        assert observations.count() >= 4, induction
        assert Target.objects.filter(induction=induction, status="open").count() == 1
        assert Target.objects.filter(induction=induction, status="secure").exists()
        assert induction.meetings.filter(kind="meeting").count() >= 8
        assert induction.agenda_items.filter(meeting__isnull=True).count() == 1


def test_it_has_statutory_records_up_to_today(logins):
    from assessments.models import FormalAssessment, ProgressReview
    from assessments.schedule import calendar_for

    year2 = [i for i in Induction.objects.all() if i.year() == 2 and i.progress_reviews.exists()]
    assert year2, "year 2 ECTs have their first-year reviews"
    # Every midpoint assessment is confirmed by the tutor and head; one waits for the ECT.
    midpoints = FormalAssessment.objects.filter(point=1)
    assert midpoints.exists()
    assert not midpoints.filter(head_confirmed_at__isnull=True).exists()
    waiting = midpoints.filter(ect_confirmed_at__isnull=True)
    assert [a.induction.ect.email for a in waiting] == [
        logins["ECT in year 2 (midpoint assessment to confirm)"]
    ]
    assert ProgressReview.objects.filter(completed_at__isnull=True).exists()  # drafts
    extended = [i for i in Induction.objects.all() if calendar_for(i).extended]
    assert len(extended) == 1
    assert calendar_for(extended[0]).absence_days == 32


def test_it_has_pathways_with_history(logins):
    from pathways.models import PartProgress, PullForward, StartingPointReview
    from pathways.plans import pathways_for

    assert StartingPointReview.objects.count() >= 28
    assert PartProgress.objects.filter(verdict="not_relevant").exists()
    assert set(PullForward.objects.values_list("status", flat=True)) == {"agreed", "requested"}
    ect = Induction.objects.get(ect__email=logins["ECT"])
    path = pathways_for([Induction.objects.with_current_details().get(pk=ect.pk)])[ect.pk]
    assert path.sessions_done >= 5
    assert path.this_week is not None


def test_it_has_local_provision_with_overlaps_decided_and_a_survey_in_waves(logins, client):
    from provision.models import Decision, ProvisionItem
    from provision.overlaps import overlaps_for
    from surveys.models import Response, Survey
    from surveys.results import results_for

    riverside = Trust.objects.get(name__startswith="Riverside")
    items = ProvisionItem.objects.filter(trust=riverside)
    assert items.count() == 5 and all("(sample)" in i.title for i in items)
    assert Decision.objects.filter(choice="integrate").exists()
    assert len(overlaps_for(riverside)) >= 3
    survey = Survey.objects.get(trust=riverside)
    start, middle = results_for(survey)
    assert start.answered >= 20 and 0 < middle.answered < middle.invited
    assert not start.questions[0].hidden and start.questions[0].mean
    assert Response.objects.count() == start.answered + middle.answered
    client.login(email=logins["Evaluator"], password="tandem-demo-2026")
    page = client.get(f"/surveys/{survey.pk}/results/")
    assert page.status_code == 200
