"""Pathways for the demo: each ECT's starting-point review, done with their mentor in the
first week; the sessions of each past study week done, with time spent and the odd 'not
relevant to me now'; a topic pulled forward, and a request waiting for its mentor."""

import random
from datetime import date, timedelta

from django.utils import timezone

from pathways.models import PartProgress, PullForward, StartingPointReview
from pathways.plans import monday, pathways_for, study_weeks
from people.models import Induction, Role

NOT_RELEVANT_NOTES = [
    "Covered this in depth on my PGCE placement.",
    "My class is Reception: the examples did not fit yet.",
    "",
]


def seed_pathway(
    induction: Induction, mentor, rng: random.Random, today: date, priorities: list[int]
) -> None:
    areas = {
        str(n): rng.choices(["secure", "developing", "need"], [2, 6, 2])[0] for n in range(1, 9)
    }
    StartingPointReview.objects.create(
        induction=induction,
        reviewed_on=induction.started_on + timedelta(days=3),
        areas=areas,
        ite_targets="Questioning that reaches the whole class; pace in the middle of lessons.",
        prior_experience=rng.choice(["", "Two years as a teaching assistant.", ""]),
        school_priorities=priorities,
        recorded_by=mentor,
        written_as=Role.MENTOR,
    )
    detailed = Induction.objects.with_current_details().get(pk=induction.pk)
    path = pathways_for([detailed], today)[induction.pk]
    if path.plan is None:
        return
    # At most one session for each past week of term since the start, about half finished.
    start = max(induction.started_on, monday(today) - timedelta(weeks=52))
    terms = [p.term for p in path.calendar.points]
    weeks = [w for w in study_weeks(terms, start, today) if w < monday(today)]
    for item, week in zip(path.plan.items, weeks, strict=False):
        if rng.random() < 0.5:
            continue  # a week when study slipped: the evaluation found it often did
        for part in path.session_of(item).parts.all():
            not_relevant = rng.random() < 0.12
            PartProgress.objects.create(
                induction=induction,
                part=part,
                done_on=week + timedelta(days=rng.randint(0, 4)),
                minutes=max(3, part.minutes + rng.randint(-4, 6)),
                verdict="not_relevant" if not_relevant else rng.choice(["useful", ""]),
                note=rng.choice(NOT_RELEVANT_NOTES) if not_relevant else "",
            )


def seed_pulls(pulled: Induction, pulled_mentor, asking: Induction) -> None:
    """An agreed pull-forward, and an ECT's request waiting for their mentor."""
    for induction, person, role, reason, status in [
        (
            pulled,
            pulled_mentor,
            Role.MENTOR,
            "A difficult Year 9 group after a behaviour incident on Monday.",
            PullForward.Status.AGREED,
        ),
        (
            asking,
            asking.ect,
            Role.ECT,
            "Book scrutiny next week: I want feedback the class acts on.",
            PullForward.Status.REQUESTED,
        ),
    ]:
        path = pathways_for([Induction.objects.with_current_details().get(pk=induction.pk)])[
            induction.pk
        ]
        if path.plan is None or len(path.plan.items) < 2:
            continue
        session = path.session_of(path.plan.items[-1])
        PullForward.objects.create(
            induction=induction,
            session=session,
            reason=reason,
            requested_by=person,
            requested_as=role,
            status=status,
            decided_by=person if status == PullForward.Status.AGREED else None,
            decided_at=timezone.now() if status == PullForward.Status.AGREED else None,
        )
