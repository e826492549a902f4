"""The implementation planner: a plan starts from the checklist with dates counted back
from September, items get owners who see them on their home page and tick them off, and
only the plan's people may see or change it."""

from datetime import date

import pytest
from django.urls import reverse

from planning.checklist import ENTRIES, PROMPTS
from planning.models import Item, Plan, Reflection, TeamMember


@pytest.fixture
def school_plan(client, cast):
    client.force_login(cast.tutor)
    client.post(reverse("start_plan", args=["school", cast.school_a.pk]), {"starts_year": "2027"})
    return Plan.objects.get(school=cast.school_a)


def test_a_school_plan_starts_from_the_checklist_before_september(school_plan):
    items = list(school_plan.items.all())
    assert {i.level for i in items} == {"school", "pair"}
    assert len(items) == sum(1 for e in ENTRIES if e[1] != "trust")
    timetable = school_plan.items.get(key="timetable")
    assert timetable.due_on == date(2027, 5, 31)
    assert school_plan.items.get(key="dialogue").due_on == date(2027, 9, 30)
    assert all(i.owner is None and i.done_on is None for i in items)


def test_a_trust_plan_covers_all_three_levels(client, cast):
    client.force_login(cast.coordinator)
    client.post(reverse("start_plan", args=["trust", cast.trust_a.pk]), {"starts_year": "2027"})
    plan = Plan.objects.get(trust=cast.trust_a)
    assert {i.level for i in plan.items.all()} == {"trust", "school", "pair"}


def test_a_second_plan_for_the_same_september_is_refused(client, cast, school_plan):
    response = client.post(
        reverse("start_plan", args=["school", cast.school_a.pk]),
        {"starts_year": "2027"},
        follow=True,
    )
    assert "already has a plan for September 2027" in response.content.decode()
    assert Plan.objects.count() == 1


def test_a_bad_year_is_explained_and_nothing_made(client, cast):
    client.force_login(cast.tutor)
    response = client.post(
        reverse("start_plan", args=["school", cast.school_a.pk]), {"starts_year": "next"}
    )
    assert "Enter a whole number" in response.content.decode()
    assert not Plan.objects.exists()


def test_only_leaders_start_plans_for_their_own_organisation(client, cast):
    for member, kind, target in [
        ("mentor", "school", "school_a"),
        ("outsider", "school", "school_a"),
        ("tutor", "trust", "trust_a"),
        ("coordinator", "trust", "trust_b"),
    ]:
        client.force_login(getattr(cast, member))
        url = reverse("start_plan", args=[kind, getattr(cast, target).pk])
        assert client.post(url, {"starts_year": "2027"}).status_code == 404
    assert not Plan.objects.exists()


def test_an_owner_sees_their_item_at_home_and_ticks_it_off(client, cast, school_plan):
    item = school_plan.items.get(key="dialogue")
    client.post(
        reverse("edit_item", args=[school_plan.pk, item.pk]),
        {"owner": cast.mentor.pk, "due_on": "2027-09-30"},
    )
    client.force_login(cast.mentor)
    home = client.get(reverse("mentor_home")).content.decode()
    assert "My implementation actions" in home and item.title in home
    response = client.post(
        reverse("tick_item", args=[school_plan.pk, item.pk]), HTTP_HX_REQUEST="true"
    )
    assert "Done 23 Nov" in response.content.decode()
    item.refresh_from_db()
    assert (item.done_on, item.done_by) == (date(2026, 11, 23), cast.mentor)
    assert item.title not in client.get(reverse("mentor_home")).content.decode()


def test_an_owner_may_not_tick_someone_elses_item(client, cast, school_plan):
    mine, theirs = school_plan.items.all()[:2]
    mine.owner = cast.mentor
    mine.save()
    client.force_login(cast.mentor)
    assert client.get(reverse("plan", args=[school_plan.pk])).status_code == 200
    assert client.post(reverse("tick_item", args=[school_plan.pk, theirs.pk])).status_code == 403
    assert client.get(reverse("edit_item", args=[school_plan.pk, mine.pk])).status_code == 403
    theirs.refresh_from_db()
    assert theirs.done_on is None


def test_an_owner_must_work_in_the_organisation(client, cast, school_plan):
    item = school_plan.items.first()
    response = client.post(
        reverse("edit_item", args=[school_plan.pk, item.pk]),
        {"owner": cast.outsider.pk, "due_on": "2027-05-01"},
    )
    assert "Select a valid choice" in response.content.decode()
    item.refresh_from_db()
    assert item.owner is None


def test_the_team_and_reflections(client, cast, school_plan):
    client.post(
        reverse("add_team_member", args=[school_plan.pk]),
        {"person": cast.head.pk, "responsibility": "Timetabling"},
    )
    response = client.post(
        reverse("add_team_member", args=[school_plan.pk]),
        {"person": cast.head.pk, "responsibility": "Again"},
        follow=True,
    )
    assert "Cast head is already on the team" in response.content.decode()
    assert TeamMember.objects.count() == 1
    key = PROMPTS[2][0]
    client.post(reverse("save_reflections", args=[school_plan.pk]), {key: "PPA stays."})
    assert Reflection.objects.get(prompt=key).text == "PPA stays."
    client.force_login(cast.coordinator)  # reads the school's plan, cannot change it
    page = client.get(reverse("plan", args=[school_plan.pk])).content.decode()
    assert "PPA stays." in page and "Save reflections" not in page
    assert (
        client.post(reverse("save_reflections", args=[school_plan.pk]), {key: "x"}).status_code
        == 403
    )


def test_the_plans_page_lists_only_plans_with_a_part_for_you(client, cast, school_plan):
    client.force_login(cast.outsider)
    page = client.get(reverse("plans")).content.decode()
    assert "School A: September 2027" not in page
    client.force_login(cast.ect)
    assert client.get(reverse("plans")).status_code == 403
    Item.objects.filter(plan=school_plan).update(owner=cast.ect)
    assert "School A: September 2027" in client.get(reverse("plans")).content.decode()
