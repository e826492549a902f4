"""The pathway in the product: the starting-point review shapes it, pull-forwards move it
with the mentor's agreement and a recorded reason, study progress is the ECT's own; bad
input changes nothing."""

import re
from datetime import date

import pytest
from django.urls import reverse

from pathways.models import PartProgress, PullForward, StartingPointReview
from pathways.plans import pathway_for
from tandem import factories

ALL_DEVELOPING = {f"area_{n}": "developing" for n in range(1, 9)}


def _titles(induction):
    path = pathway_for(induction)
    return [path.session_of(item).title for item in path.plan.items]


def _session(cast, slug):
    return cast.programme.sessions_in_order().get(slug=slug)


def test_the_ect_and_mentor_record_a_starting_point_that_reorders_the_pathway(client, cast):
    assert _titles(cast.induction)[0] == "The first five minutes"
    client.force_login(cast.mentor)
    response = client.post(
        reverse("starting_point", args=[cast.induction.pk]),
        {
            **ALL_DEVELOPING,
            "area_7": "secure",  # managing behaviour: three years as a teaching assistant
            "area_6": "need",
            "prior_experience": "Three years as a teaching assistant in Year 5.",
            "school_priorities": ["2"],
        },
    )
    assert response.status_code == 302
    review = StartingPointReview.objects.get()
    assert review.areas["7"] == "secure" and review.school_priorities == [2]
    assert (review.recorded_by, review.written_as) == (cast.mentor, "mentor")
    path = pathway_for(cast.induction)
    # The three sessions wholly about behaviour become optional refreshers...
    optional = sorted(path.sessions[sid].title for sid, _ in path.plan.optional)
    assert optional == [
        "Teaching a routine as you would teach content",
        "The first five minutes",
        "The least intrusive correction",
    ]
    # ...and the assessment sessions (a need) come first, in the programme's order.
    planned = [path.session_of(item) for item in path.plan.items]
    assert [s.title for s in planned[:3]] == [
        "Checking understanding at the hinge",
        "Feedback that pupils act on",
        "Explain, check, adjust",
    ]
    assert {item.reason for item in path.plan.items[:3]} == {"need"}
    assert path.plan.items[0].detail == (
        "Comes early: the starting-point review found this area a need."
    )


def test_a_review_must_answer_every_area_and_saves_nothing_otherwise(client, cast):
    client.force_login(cast.ect)
    data = dict(ALL_DEVELOPING)
    del data["area_5"]
    response = client.post(reverse("starting_point", args=[cast.induction.pk]), data)
    assert response.status_code == 200
    assert "Choose where the ECT is in adaptive teaching." in response.content.decode()
    assert not StartingPointReview.objects.exists()


def test_each_review_is_kept_and_the_latest_one_counts(client, cast):
    client.force_login(cast.ect)
    url = reverse("starting_point", args=[cast.induction.pk])
    client.post(url, {**ALL_DEVELOPING, "area_1": "need"})
    page = client.get(url).content.decode()
    # The form starts from the last review.
    assert re.search(r'name="area_1" value="need" id="[^"]+" checked', page)
    client.post(url, {**ALL_DEVELOPING, "area_1": "secure"})
    assert StartingPointReview.objects.count() == 2
    assert pathway_for(cast.induction).review.areas["1"] == "secure"


def test_the_mentor_pulls_a_topic_forward_and_the_rest_shifts(client, cast):
    hinge = _session(cast, "hinge-questions")
    client.force_login(cast.mentor)
    response = client.post(
        reverse("pull_forward", args=[cast.induction.pk]),
        {"session": hinge.pk, "reason": "Mock exams next week: checking understanding matters."},
    )
    assert response.status_code == 302
    pull = PullForward.objects.get()
    assert (pull.status, pull.requested_as, pull.decided_by) == ("agreed", "mentor", cast.mentor)
    titles = _titles(cast.induction)
    assert titles[0] == "Checking understanding at the hinge"
    assert titles[1] == "The first five minutes"
    # The induction tutor sees the reason.
    client.force_login(cast.tutor)
    page = client.get(reverse("pathway", args=[cast.induction.pk])).content.decode()
    assert "Mock exams next week" in page


def test_an_ects_request_waits_for_the_mentor(client, cast):
    hinge = _session(cast, "hinge-questions")
    client.force_login(cast.ect)
    client.post(
        reverse("pull_forward", args=[cast.induction.pk]),
        {"session": hinge.pk, "reason": "A tricky Year 6 maths unit."},
    )
    pull = PullForward.objects.get()
    assert pull.status == "requested"
    assert _titles(cast.induction)[0] == "The first five minutes"
    decide = reverse("decide_pull", args=[cast.induction.pk, pull.pk])
    assert client.post(decide, {"decision": "agreed"}).status_code == 403  # not the ECT's call
    client.force_login(cast.mentor)
    client.post(decide, {"decision": "agreed"})
    assert _titles(cast.induction)[0] == "Checking understanding at the hinge"
    assert client.post(decide, {"decision": "agreed"}).status_code == 404  # decided already


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"session": "", "reason": "x"}, "Topic to bring forward"),
        ({"session": "999999", "reason": "x"}, "Select a valid choice"),
        ({"reason": ""}, "Why now?: This field is required."),
    ],
)
def test_bad_pull_forwards_are_explained_and_change_nothing(client, cast, data, message):
    client.force_login(cast.mentor)
    data.setdefault("session", _session(cast, "hinge-questions").pk)
    response = client.post(reverse("pull_forward", args=[cast.induction.pk]), data, follow=True)
    assert message in response.content.decode()
    assert not PullForward.objects.exists()


def test_something_already_done_cannot_be_pulled_forward(client, cast):
    first = cast.programme.sessions_in_order().first()
    for part in first.parts.all():
        PartProgress.objects.create(induction=cast.induction, part=part, done_on=date(2026, 9, 8))
    client.force_login(cast.mentor)
    response = client.post(
        reverse("pull_forward", args=[cast.induction.pk]),
        {"session": first.pk, "reason": "Again"},
        follow=True,
    )
    assert "Select a valid choice" in response.content.decode()
    assert not PullForward.objects.exists()


def test_the_ect_ticks_off_a_part_with_time_and_a_verdict(client, cast):
    part = cast.programme.sessions_in_order().first().parts.first()
    client.force_login(cast.ect)
    url = reverse("part_progress", args=[cast.induction.pk, part.pk])
    response = client.post(
        url,
        {"done": "on", "minutes": "12", "verdict": "not_relevant", "note": "Did this in ITT."},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert 'role="status">Saved' in response.content.decode()
    progress = PartProgress.objects.get()
    assert (progress.done_on, progress.minutes, progress.verdict) == (
        date(2026, 11, 23),
        12,
        "not_relevant",
    )
    # Unticking keeps the verdict and clears the date.
    client.post(url, {"minutes": "12", "verdict": "not_relevant"}, HTTP_HX_REQUEST="true")
    progress.refresh_from_db()
    assert progress.done_on is None and progress.verdict == "not_relevant"


def test_bad_progress_is_explained_and_not_saved(client, cast):
    part = cast.programme.sessions_in_order().first().parts.first()
    client.force_login(cast.ect)
    url = reverse("part_progress", args=[cast.induction.pk, part.pk])
    response = client.post(url, {"done": "on", "minutes": "900"}, HTTP_HX_REQUEST="true")
    assert "Enter the minutes you spent, from 1 to 240." in response.content.decode()
    assert not PartProgress.objects.exists()


def test_only_the_ect_records_their_study_and_only_in_their_programme(client, cast):
    part = cast.programme.sessions_in_order().first().parts.first()
    url = reverse("part_progress", args=[cast.induction.pk, part.pk])
    client.force_login(cast.mentor)
    assert client.post(url, {"done": "on"}).status_code == 403
    other = factories.make_ect(cast.school_a, full_name="No programme")
    client.force_login(other.ect)
    assert client.post(reverse("part_progress", args=[other.pk, part.pk])).status_code == 404
    assert not PartProgress.objects.exists()


def test_the_tutor_sees_the_plan_but_not_the_reviews_details(client, cast):
    client.force_login(cast.ect)
    client.post(
        reverse("starting_point", args=[cast.induction.pk]),
        {**ALL_DEVELOPING, "ite_targets": "Private note about questioning"},
    )
    client.force_login(cast.tutor)
    page = client.get(reverse("pathway", args=[cast.induction.pk])).content.decode()
    assert "The plan, week by week" in page
    assert "Developing" not in page  # the area-by-area standings
    assert "Review the starting point" not in page
    assert client.get(reverse("starting_point", args=[cast.induction.pk])).status_code == 403


def test_a_part_timer_has_a_slower_pace(cast):
    part_timer = factories.make_ect(cast.school_a, fte="0.60", programme=cast.programme)
    path = pathway_for(part_timer)
    assert path.minutes_per_week == 36
    assert all(m <= 36 for m in path.plan.week_minutes().values())
    assert any(len(item.weeks) > 1 for item in path.plan.items)


def test_the_pathway_page_takes_a_fixed_number_of_queries(client, cast, django_assert_num_queries):
    client.force_login(cast.mentor)
    url = reverse("pathway", args=[cast.induction.pk])
    client.get(url)
    with django_assert_num_queries(24):
        client.get(url)
    hinge = _session(cast, "hinge-questions")
    client.post(
        reverse("pull_forward", args=[cast.induction.pk]), {"session": hinge.pk, "reason": "x"}
    )
    for part in cast.programme.sessions_in_order().first().parts.all():
        PartProgress.objects.create(induction=cast.induction, part=part, done_on=date(2026, 9, 8))
    with django_assert_num_queries(24):
        client.get(url)


# What programme authors see


def _cohort(cast, count, phase="primary"):
    inductions = []
    for _ in range(count):
        induction = factories.make_ect(cast.school_a, programme=cast.programme, phase=phase)
        StartingPointReview.objects.create(
            induction=induction,
            areas={**{str(n): "developing" for n in range(1, 9)}, "7": "secure"},
            recorded_by=cast.mentor,
            written_as="mentor",
        )
        inductions.append(induction)
    return inductions


def test_authors_see_which_sessions_are_skipped_pulled_or_not_relevant(client, cast):
    cohort = _cohort(cast, 5)
    hinge = _session(cast, "hinge-questions")
    PullForward.objects.create(
        induction=cohort[0],
        session=hinge,
        reason="x",
        requested_by=cast.mentor,
        requested_as="mentor",
        status="agreed",
    )
    PartProgress.objects.create(
        induction=cohort[1], part=hinge.parts.first(), verdict="not_relevant"
    )
    client.force_login(cast.author)
    response = client.get(reverse("programme_insights", args=[cast.programme.slug]))
    rows = response.context["rows"]
    by_title = {r["session"].title: r["counts"] for r in rows}
    # Five reviews found behaviour secure (cast.ect has none), so its three sessions are
    # skipped five times each and come first.
    assert by_title["The first five minutes"] == (5, 0, 0)
    assert by_title["Checking understanding at the hinge"] == (0, 1, 1)
    assert [r["counts"][0] for r in rows[:3]] == [5, 5, 5]
    assert "Cast" not in response.content.decode()  # no names


def test_small_groups_are_not_shown(client, cast):
    _cohort(cast, 5)
    _cohort(cast, 2, phase="secondary")
    client.force_login(cast.author)
    url = reverse("programme_insights", args=[cast.programme.slug])
    page = client.get(url, {"phase": "secondary"}).content.decode()
    assert "Fewer than 5 ECTs match" in page
    response = client.get(url, {"phase": "primary"})
    assert response.context["group_size"] == 6  # cast.ect is primary too


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"phase": "nursery"}, "There is no such phase; showing every ECT."),
        ({"subject": "Latin"}, "No ECT on this programme teaches that subject"),
    ],
)
def test_a_malformed_filter_is_explained_not_an_error(client, cast, query, message):
    client.force_login(cast.author)
    response = client.get(reverse("programme_insights", args=[cast.programme.slug]), query)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_the_insights_take_a_fixed_number_of_queries(client, cast, django_assert_num_queries):
    _cohort(cast, 5)
    client.force_login(cast.author)
    url = reverse("programme_insights", args=[cast.programme.slug])
    client.get(url)
    with django_assert_num_queries(15):
        client.get(url)
    _cohort(cast, 5)
    with django_assert_num_queries(15):
        client.get(url)
