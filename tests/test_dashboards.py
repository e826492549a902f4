"""Each role's home page shows that role's real data, in a fixed number of queries however
many ECTs there are (no N+1)."""

from datetime import date

import pytest
from django.urls import reverse

from people.models import Role
from tandem import factories

# (member of the cast, url name, argument path on the cast, queries). The count includes
# the session, the user, their roles and the navigation: four queries on every page.
PAGES = [
    ("ect", "ect_home", None, 25),
    ("mentor", "mentor_home", None, 26),
    ("tutor", "school_home", "school_a", 32),
    ("head", "head_home", "school_a", 28),
    ("coordinator", "trust_home", "trust_a", 20),
    ("author", "author_home", None, 7),
    ("evaluator", "evaluator_home", "trust_a", 8),
    ("ect", "induction_detail", "induction", 13),
    ("ect", "programme_detail", "programme", 10),
    ("ect", "framework_list", None, 5),
]


def _url(cast, name, path):
    if path is None:
        return reverse(name)
    target = getattr(cast, path)
    return reverse(name, args=[target.slug if path == "programme" else target.pk])


def _grow(cast, extra: int):
    """More ECTs, mentors and mentorships at school A."""
    for _ in range(extra):
        induction = factories.make_ect(cast.school_a, programme=cast.programme)
        factories.make_mentorship(cast.mentor, induction)
        mentor = factories.make_person()
        factories.give_role(mentor, Role.MENTOR, school=cast.school_a)


@pytest.mark.parametrize(("member", "name", "path", "queries"), PAGES, ids=[p[1] for p in PAGES])
@pytest.mark.parametrize("extra", [0, 5])
def test_query_counts_do_not_grow_with_the_data(
    client, cast, django_assert_num_queries, member, name, path, queries, extra
):
    _grow(cast, extra)
    client.force_login(getattr(cast, member))
    with django_assert_num_queries(queries):
        assert client.get(_url(cast, name, path)).status_code == 200


def test_the_ect_sees_this_weeks_session_and_their_mentor(client, cast):
    client.force_login(cast.ect)
    page = client.get(reverse("ect_home")).content.decode()
    # Nothing is recorded as done yet, so the pathway starts at the programme's beginning.
    assert '<h2 class="govuk-heading-m">This week</h2>' in page
    assert "The first five minutes" in page
    assert "Cast mentor" in page


def test_what_was_done_before_this_week_is_not_planned_again(client, cast):
    from pathways.models import PartProgress

    first = cast.programme.sessions_in_order().first()
    for part in first.parts.all():
        PartProgress.objects.create(induction=cast.induction, part=part, done_on=date(2026, 9, 10))
    client.force_login(cast.ect)
    page = client.get(reverse("ect_home")).content.decode()
    assert "The first five minutes" not in page
    assert "Teaching a routine as you would teach content" in page


def test_in_a_holiday_the_ect_sees_what_comes_next(client, cast):
    import time_machine

    client.force_login(cast.ect)
    with time_machine.travel(date(2026, 10, 28), tick=False):
        page = client.get(reverse("ect_home")).content.decode()
    assert "Next, from 2 November" in page


def test_the_mentor_sees_their_mentees_only(client, cast):
    other = factories.make_ect(cast.school_a, full_name="Not Theirs")
    factories.make_mentorship(cast.other_mentor, other)
    client.force_login(cast.mentor)
    page = client.get(reverse("mentor_home")).content.decode()
    assert "Cast ect" in page
    assert "Not Theirs" not in page


def test_the_tutor_sees_every_ect_with_start_year_and_mentor(client, cast):
    factories.make_ect(cast.school_a, full_name="Second Year", started_on=date(2025, 9, 1))
    client.force_login(cast.tutor)
    page = client.get(reverse("school_home", args=[cast.school_a.pk])).content.decode()
    assert "Cast ect" in page and "1 Sep 2026" in page and "Cast mentor" in page
    assert "Second Year" in page and "No mentor" in page
    assert "Cast outsider_ect" not in page


def test_the_headteacher_sees_what_needs_attention(client, cast):
    factories.make_ect(cast.school_a, full_name="Unmentored Ect")
    client.force_login(cast.head)
    page = client.get(reverse("head_home", args=[cast.school_a.pk])).content.decode()
    assert "Unmentored Ect</a>: No mentor" in page


def test_the_coordinator_sees_their_schools_with_counts(client, cast):
    factories.make_ect(cast.school_a, started_on=date(2025, 9, 1))
    client.force_login(cast.coordinator)
    response = client.get(reverse("trust_home", args=[cast.trust_a.pk]))
    rows = {row.school.name: row for row in response.context["t"]["rows"]}
    assert set(rows) == {"School A"}
    row = rows["School A"]
    assert (row.ects, row.mentors, row.unmentored) == (2, 2, 1)
    assert row.support == ["0% of ECTs studied in four weeks", "1 ECT without a mentor"]
    assert row.load_items == [("1", 1)]


def test_the_author_sees_programmes_and_frameworks(client, cast):
    client.force_login(cast.author)
    page = client.get(reverse("author_home")).content.decode()
    assert "Tandem sample ECT programme" in page
    assert "Tandem sample framework" in page
    assert "44 statements" in page


def test_the_evaluator_sees_counts_with_small_groups_hidden(client, cast):
    for _ in range(5):
        factories.make_ect(cast.school_a)
    client.force_login(cast.evaluator)
    response = client.get(reverse("evaluator_home", args=[cast.trust_a.pk]))
    assert response.context["total"] == "6"
    assert response.context["mentors"] == "fewer than 5"


def test_the_session_page_shows_study_and_mentor_materials(client, cast):
    session = cast.programme.sessions_in_order().first()
    client.force_login(cast.ect)
    page = client.get(
        reverse("session_detail", args=[cast.programme.slug, session.pk])
    ).content.decode()
    assert "Why the start of a lesson matters so much" in page
    assert "Watch the first five minutes only." in page
    assert "<strong>A fixed entry routine.</strong>" in page
