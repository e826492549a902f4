"""De-privatised mentoring: colleagues open classrooms, ECTs book places (never more than
there are), ECTs record what they learned (seen by them and their mentor only), and
staff share materials within their school."""

from datetime import date, time

import pytest
from django.urls import reverse

from community.models import Booking, LearningNote, OpenClassroom, SharedMaterial
from frameworks.models import Area
from tandem import factories


@pytest.fixture
def classroom(cast):
    return OpenClassroom.objects.create(
        school=cast.school_a,
        host=cast.other_mentor,
        practice="Cold calling with wait time",
        area=Area.objects.order_by("number").first(),
        class_taught="Year 5",
        held_on=date(2026, 11, 26),
        starts_at=time(10, 30),
        places=1,
    )


def _offer(client, cast, **overrides):
    data = {
        "practice": "Modelling with a visualiser",
        "area": Area.objects.order_by("number").first().pk,
        "class_taught": "Year 4",
        "held_on": "2026-11-27",
        "starts_at": "09:15",
        "minutes": "20",
        "places": "2",
    } | overrides
    return client.post(reverse("open_classrooms", args=[cast.school_a.pk]), data)


def test_a_mentor_opens_their_classroom(client, cast):
    client.force_login(cast.mentor)
    response = _offer(client, cast)
    assert response.status_code == 302
    room = OpenClassroom.objects.get()
    assert (room.host, room.school) == (cast.mentor, cast.school_a)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("held_on", "2026-11-20", "today or later"),
        ("held_on", "2026-11-28", "Monday to Friday"),
        ("places", "9", "less than or equal to 6"),
        ("practice", "", "This field is required"),
    ],
)
def test_a_bad_offer_is_explained_and_nothing_saved(client, cast, field, value, message):
    client.force_login(cast.mentor)
    response = _offer(client, cast, **{field: value})
    assert message in response.content.decode()
    assert not OpenClassroom.objects.exists()


def test_an_ect_cannot_open_a_classroom(client, cast):
    client.force_login(cast.ect)
    assert _offer(client, cast).status_code == 403
    assert not OpenClassroom.objects.exists()


def test_an_ect_books_the_last_place_and_the_next_is_told_it_is_full(client, cast, classroom):
    client.force_login(cast.ect)
    client.post(reverse("book", args=[cast.school_a.pk, classroom.pk]))
    assert Booking.objects.get().induction == cast.induction
    other = factories.make_ect(cast.school_a, email="second@example.test")
    client.force_login(other.ect)
    response = client.post(reverse("book", args=[cast.school_a.pk, classroom.pk]), follow=True)
    assert "is full" in response.content.decode()
    assert Booking.objects.count() == 1


def test_booking_twice_is_refused_and_a_booking_can_be_cancelled(client, cast, classroom):
    classroom.places = 3
    classroom.save()
    client.force_login(cast.ect)
    client.post(reverse("book", args=[cast.school_a.pk, classroom.pk]))
    response = client.post(reverse("book", args=[cast.school_a.pk, classroom.pk]), follow=True)
    assert "already booked" in response.content.decode()
    client.post(reverse("cancel_booking", args=[cast.school_a.pk, classroom.pk]))
    assert not Booking.objects.exists()


def test_only_ects_at_the_school_book(client, cast, classroom):
    client.force_login(cast.mentor)
    assert client.post(reverse("book", args=[cast.school_a.pk, classroom.pk])).status_code == 403
    client.force_login(cast.outsider_ect)
    assert client.post(reverse("book", args=[cast.school_a.pk, classroom.pk])).status_code == 404
    assert not Booking.objects.exists()


def test_a_past_open_classroom_cannot_be_booked(client, cast, classroom):
    classroom.held_on = date(2026, 11, 20)
    classroom.save()
    client.force_login(cast.ect)
    assert client.post(reverse("book", args=[cast.school_a.pk, classroom.pk])).status_code == 404


def test_the_ect_records_learning_that_the_mentor_reads_and_nobody_else(client, cast, classroom):
    client.force_login(cast.ect)
    response = client.post(
        reverse("learning", args=[cast.induction.pk]),
        {
            "kind": "open",
            "seen_on": "2026-11-23",
            "area": classroom.area.pk,
            "what_learned": "Waiting three seconds brought in quieter pupils.",
            "try_next": "Count to three before taking hands.",
        },
    )
    assert response.status_code == 302
    assert LearningNote.objects.get().induction == cast.induction
    client.force_login(cast.mentor)
    page = client.get(reverse("learning", args=[cast.induction.pk])).content.decode()
    assert "Waiting three seconds" in page and "Record what you learned" not in page
    assert client.post(reverse("learning", args=[cast.induction.pk]), {}).status_code == 403
    for member, status in (("tutor", 403), ("head", 403), ("other_mentor", 404)):
        client.force_login(getattr(cast, member))
        response = client.get(reverse("learning", args=[cast.induction.pk]))
        assert response.status_code == status
        assert b"Waiting three seconds" not in response.content


def test_a_learning_note_from_the_future_is_refused(client, cast):
    client.force_login(cast.ect)
    response = client.post(
        reverse("learning", args=[cast.induction.pk]),
        {
            "kind": "peer",
            "seen_on": "2026-12-01",
            "area": Area.objects.first().pk,
            "what_learned": "x",
            "try_next": "y",
        },
    )
    assert "cannot be in the future" in response.content.decode()
    assert not LearningNote.objects.exists()


def test_materials_are_shared_within_the_school(client, cast):
    client.force_login(cast.ect)
    client.post(
        reverse("materials", args=[cast.school_a.pk]),
        {
            "title": "Hinge questions bank",
            "area": Area.objects.first().pk,
            "why_useful": "Quick checks mid-lesson.",
            "link": "example.org/hinge",
        },
    )
    material = SharedMaterial.objects.get()
    assert material.link == "https://example.org/hinge"
    client.force_login(cast.head)
    assert (
        "Hinge questions bank"
        in client.get(reverse("materials", args=[cast.school_a.pk])).content.decode()
    )
    client.force_login(cast.outsider)
    assert client.get(reverse("materials", args=[cast.school_a.pk])).status_code == 404


# --- mentor peer-learning groups -----------------------------------------------------------


def _group(client, cast, by="tutor"):
    from community.models import MentorGroup

    client.force_login(getattr(cast, by))
    kind, place = ("school", cast.school_a) if by == "tutor" else ("trust", cast.trust_a)
    prefix = f"{kind}{place.pk}"
    client.post(
        reverse("groups"),
        {
            "kind": kind,
            "place": place.pk,
            f"{prefix}-name": "Year 1 mentors",
            f"{prefix}-members": [cast.mentor.pk, cast.other_mentor.pk],
        },
    )
    return MentorGroup.objects.get()


def test_a_tutor_sets_up_a_group_and_mentors_share_in_it(client, cast):
    group = _group(client, cast)
    assert (group.facilitator, group.school) == (cast.tutor, cast.school_a)
    assert set(group.members.all()) == {cast.mentor, cast.other_mentor}
    client.force_login(cast.mentor)
    client.post(
        reverse("group", args=[group.pk]),
        {"kind": "question", "text": "How do you give feedback without it feeling like a verdict?"},
    )
    question = group.posts.get()
    client.force_login(cast.other_mentor)
    client.post(
        reverse("group", args=[group.pk]),
        {"kind": "worked", "text": "I start with what the pupils did.", "reply_to": question.pk},
    )
    page = client.get(reverse("group", args=[group.pk])).content.decode()
    assert "feeling like a verdict" in page and "I start with what the pupils did." in page


def test_a_group_needs_a_name_and_a_mentor(client, cast):
    from community.models import MentorGroup

    client.force_login(cast.tutor)
    prefix = f"school{cast.school_a.pk}"
    response = client.post(
        reverse("groups"), {"kind": "school", "place": cast.school_a.pk, f"{prefix}-name": ""}
    )
    page = response.content.decode()
    assert "Choose at least one mentor" in page and "This field is required" in page
    assert not MentorGroup.objects.exists()


def test_outsiders_and_non_members_do_not_see_the_group(client, cast):
    group = _group(client, cast)
    for member, status in (("ect", 404), ("head", 404), ("outsider", 404)):
        client.force_login(getattr(cast, member))
        assert client.get(reverse("group", args=[group.pk])).status_code == status
    client.force_login(cast.mentor)
    assert (
        client.post(reverse("groups"), {"kind": "school", "place": cast.school_a.pk}).status_code
        == 403
    )


def test_the_facilitator_asks_for_meetings_for_members_only(client, cast):
    from scheduling.models import TrustEvent

    group = _group(client, cast)
    response = client.post(
        reverse("group_meetings", args=[group.pk]),
        {"minutes": "45", "weeks_text": "13/01/2027\n10/02/2027"},
    )
    assert response.status_code == 302
    event = TrustEvent.objects.get()
    assert (event.trust, event.weeks) == (cast.trust_a, ["2027-01-11", "2027-02-08"])
    assert set(event.people.all()) == {cast.mentor, cast.other_mentor}
    from scheduling.events import attendees

    assert attendees(event) == sorted([cast.mentor.pk, cast.other_mentor.pk])
    client.force_login(cast.mentor)
    assert client.post(reverse("group_meetings", args=[group.pk]), {}).status_code == 403
