"""Coaching: one observation page records what was seen, follows up the open target and sets
the next; bad input changes nothing; the records stay between the ECT and their mentor."""

from datetime import date

import pytest
from django.urls import reverse

from coaching.models import AgendaItem, FollowUp, Meeting, Observation, Reflection, Target
from frameworks.models import Statement
from people.models import Role
from tandem import factories


def _statement(cast, code="7.4"):
    return Statement.objects.get(framework=cast.programme.framework, code=code)


def _form(cast, **overrides):
    statement = _statement(cast)
    data = {
        "observed_on": "2026-11-20",
        "minutes": "15",
        "class_taught": "Year 4",
        "area": statement.area_id,
        "what_seen": "Pupils took four minutes to settle after break.",
        "strengths": "Warm greeting at the door.",
        "statement": statement.pk,
        "description": "Have the first task on the board before pupils arrive.",
        "grade": "not_yet",
        "modelling": "I will show my own entry routine on Tuesday.",
        "practice": "Rehearse the entry routine with Year 4 after lunch.",
        "practise_by": "2026-11-27",
    }
    data.update(overrides)
    return data


def _post(client, cast, **overrides):
    client.force_login(cast.mentor)
    return client.post(
        reverse("new_observation", args=[cast.induction.pk]), _form(cast, **overrides)
    )


def test_a_mentor_records_an_observation_with_one_target(client, cast):
    response = _post(client, cast)
    assert response.status_code == 302
    observation = Observation.objects.get()
    target = Target.objects.get()
    assert (observation.observer, observation.written_as) == (cast.mentor, Role.MENTOR)
    assert (target.observation, target.status, target.set_on) == (
        observation,
        "open",
        date(2026, 11, 20),
    )
    assert list(observation.statements.all()) == [target.statement]


def test_the_next_observation_follows_up_the_open_target_first(client, cast):
    _post(client, cast)
    page = client.get(reverse("new_observation", args=[cast.induction.pk])).content.decode()
    assert page.index("First: the open target") < page.index("What you saw")
    response = _post(
        client,
        cast,
        observed_on="2026-11-23",
        outcome="secure",
        follow_up_note="Settled in one minute.",
        statement=_statement(cast, "2.6").pk,
        description="Start with three recall questions.",
        practise_by="2026-11-30",
    )
    assert response.status_code == 302
    first, second = Target.objects.order_by("pk")
    assert (first.status, first.closed_on) == ("secure", date(2026, 11, 23))
    assert second.status == "open"
    assert FollowUp.objects.get().outcome == "secure"


def test_keep_working_does_not_allow_a_second_open_target(client, cast):
    _post(client, cast)
    response = _post(client, cast, observed_on="2026-11-23", outcome="keep")
    assert b"a second target cannot be set" in response.content
    assert Observation.objects.count() == 1 and Target.objects.count() == 1


def test_keep_working_without_a_new_target_is_recorded(client, cast):
    _post(client, cast)
    empty_target = dict.fromkeys(
        ["statement", "description", "grade", "modelling", "practice", "practise_by"], ""
    )
    response = _post(client, cast, observed_on="2026-11-23", outcome="keep", **empty_target)
    assert response.status_code == 302
    assert Target.objects.get().status == "open"
    assert FollowUp.objects.get().outcome == "keep"


def test_an_open_target_must_be_followed_up(client, cast):
    _post(client, cast)
    response = _post(client, cast, observed_on="2026-11-23")
    assert b"How did the open target go?: This field is required." in response.content
    assert Observation.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"observed_on": "2026-11-24"}, b"cannot be in the future"),
        ({"observed_on": "2026-08-20"}, b"cannot be before the induction started"),
        ({"statement": ""}, b"Choose the statement the target is tied to."),
        ({"practise_by": "2026-11-10"}, b"The practice date cannot be before the observation."),
        ({"what_seen": ""}, b"This field is required."),
    ],
)
def test_bad_input_is_explained_and_nothing_is_saved(client, cast, overrides, message):
    response = _post(client, cast, **overrides)
    assert response.status_code == 200
    assert message in response.content
    assert not Observation.objects.exists() and not Target.objects.exists()


def test_a_statement_from_another_framework_is_refused(client, cast):
    other = factories.load_sample_framework()  # same framework; make a second one
    from frameworks.importer import import_framework

    foreign = import_framework(
        b"area,code,kind,text\n1,X1,learn that,Other.\n", name="Other", version="1"
    )
    response = _post(client, cast, statement=foreign.statements.get().pk)
    assert b"Select a valid choice" in response.content
    assert other and not Observation.objects.exists()


def test_the_tutor_and_head_never_see_coaching_notes(client, cast):
    _post(client, cast)
    for member in ("tutor", "head"):
        client.force_login(getattr(cast, member))
        assert client.get(reverse("coaching_timeline", args=[cast.induction.pk])).status_code == 403
        page = client.get(reverse("induction_detail", args=[cast.induction.pk])).content.decode()
        assert "four minutes to settle" not in page
        assert "Coaching record" not in page


def test_a_tutor_who_mentors_is_told_which_hat_they_wear(client, cast):
    factories.give_role(cast.tutor, Role.MENTOR, school=cast.school_a)
    mentorship = cast.induction.mentorships.get()
    mentorship.ends_on = date(2026, 11, 1)
    mentorship.save(update_fields=["ends_on"])
    factories.make_mentorship(cast.tutor, cast.induction, starts_on=date(2026, 11, 2))
    client.force_login(cast.tutor)
    page = client.get(reverse("new_observation", args=[cast.induction.pk])).content.decode()
    assert "writing as the mentor" in page
    response = client.post(reverse("new_observation", args=[cast.induction.pk]), _form(cast))
    assert response.status_code == 302
    assert Observation.objects.get().written_as == Role.MENTOR


def test_a_former_mentor_loses_access(client, cast):
    _post(client, cast)
    mentorship = cast.induction.mentorships.get()
    mentorship.ends_on = date(2026, 11, 21)
    mentorship.save(update_fields=["ends_on"])
    assert client.get(reverse("coaching_timeline", args=[cast.induction.pk])).status_code == 404


def test_reflections_are_private_until_shared(client, cast):
    client.force_login(cast.ect)
    client.post(reverse("my_reflections"), {"text": "My Year 4 starts are slow after lunch."})
    client.post(reverse("my_reflections"), {"text": "I felt nervous being observed."})
    nervous = Reflection.objects.get(text__startswith="I felt nervous")
    slow = Reflection.objects.get(text__startswith="My Year 4")
    client.force_login(cast.mentor)
    page = client.get(reverse("coaching_timeline", args=[cast.induction.pk])).content.decode()
    assert "nervous" not in page and "starts are slow" not in page
    client.force_login(cast.ect)
    assert client.post(reverse("share_reflection", args=[slow.pk])).status_code == 302
    client.force_login(cast.mentor)
    page = client.get(reverse("coaching_timeline", args=[cast.induction.pk])).content.decode()
    assert "starts are slow" in page and "nervous" not in page
    nervous.refresh_from_db()
    assert nervous.shared_at is None


def test_only_the_ect_can_share_their_reflection(client, cast):
    reflection = Reflection.objects.create(induction=cast.induction, text="Mine")
    url = reverse("share_reflection", args=[reflection.pk])
    for member in ("mentor", "tutor", "outsider_ect"):
        client.force_login(getattr(cast, member))
        assert client.post(url).status_code == 404
    client.force_login(cast.ect)
    assert client.get(url).status_code == 405
    reflection.refresh_from_db()
    assert reflection.shared_at is None


def test_the_timeline_query_count_does_not_grow(client, cast, django_assert_num_queries):
    for day in (16, 17, 18, 19, 20):
        Observation.objects.create(
            induction=cast.induction,
            observer=cast.mentor,
            observed_on=date(2026, 11, day),
            minutes=15,
            class_taught="Y4",
            area=_statement(cast).area,
            what_seen="x",
        )
        Reflection.objects.create(induction=cast.induction, text="r", shared_at="2026-11-20T10:00Z")
        meeting = Meeting.objects.create(
            induction=cast.induction,
            recorded_by=cast.mentor,
            held_on=date(2026, 11, day),
            minutes=30,
            session=cast.programme.sessions_in_order().first(),
        )
        AgendaItem.objects.create(induction=cast.induction, meeting=meeting, text="a")
    client.force_login(cast.mentor)
    with django_assert_num_queries(19):
        assert client.get(reverse("coaching_timeline", args=[cast.induction.pk])).status_code == 200


def _secure_target(cast, code, closed_on):
    Target.objects.create(
        induction=cast.induction,
        set_by=cast.mentor,
        grade="refining",
        set_on=date(2026, 9, 14),
        statement=_statement(cast, code),
        description=f"Target {code}",
        modelling="m",
        practice="p",
        practise_by=date(2026, 9, 21),
        status="secure",
        closed_on=closed_on,
    )


def test_support_fades_by_suggestion_and_the_mentor_decides(client, cast):
    from coaching.models import AreaSupport

    _secure_target(cast, "7.4", date(2026, 10, 5))
    client.force_login(cast.mentor)
    url = reverse("coaching_timeline", args=[cast.induction.pk])
    assert "Suggest:" not in client.get(url).content.decode()
    _secure_target(cast, "7.5", date(2026, 11, 9))
    page = client.get(url).content.decode()
    assert "2 targets in managing behaviour have become secure. Suggest: Guided" in page
    area = _statement(cast, "7.4").area
    response = client.post(
        reverse("set_support_level", args=[cast.induction.pk]), {"area": area.pk, "level": "guided"}
    )
    assert response.status_code == 302
    assert AreaSupport.objects.get().level == "guided"
    # The count starts again from the change: no suggestion until two more are secure.
    assert "Suggest:" not in client.get(url).content.decode()


def test_only_the_mentor_changes_support_and_only_to_real_levels(client, cast):
    from coaching.models import AreaSupport

    area = _statement(cast).area
    url = reverse("set_support_level", args=[cast.induction.pk])
    client.force_login(cast.ect)
    assert client.post(url, {"area": area.pk, "level": "independent"}).status_code == 403
    client.force_login(cast.tutor)
    assert client.post(url, {"area": area.pk, "level": "independent"}).status_code == 403
    client.force_login(cast.mentor)
    response = client.post(url, {"area": area.pk, "level": "expert"}, follow=True)
    assert b"Choose an area of the ECT" in response.content
    assert not AreaSupport.objects.exists()
