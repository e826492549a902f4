"""Demo oversight: eight weeks of pulse checks for the trust's ECTs and mentors (one ECT's
wellbeing falling), a conversation between a tutor and a mentor, and the notifications a
tutor and a mentor would have this morning."""

import random
from datetime import date, timedelta

from oversight.models import Kind, Notification, PairNote, PulseCheck
from oversight.notify import digest_for
from oversight.pulse import monday
from people.models import Mentorship, Role, RolePeriod


def seed_pulses(schools, rng: random.Random, today: date, falling) -> None:
    this_week = monday(today)
    checks = []
    for school in schools:
        people = RolePeriod.objects.current(today).filter(
            school=school, role__in=[Role.ECT, Role.MENTOR]
        )
        for period in people:
            base = rng.choice([3, 4, 4, 5])
            for weeks_ago in range(8, 0, -1):
                if rng.random() < 0.2:
                    continue  # not everyone answers every week
                answer = max(1, min(5, base + rng.choice([-1, 0, 0, 1])))
                if period.person_id == falling.ect_id and period.role == Role.ECT:
                    answer = max(1, 5 - (8 - weeks_ago) // 2)
                checks.append(
                    PulseCheck(
                        person_id=period.person_id,
                        role=period.role,
                        school=school,
                        week_of=this_week - timedelta(weeks=weeks_ago),
                        workload=answer,
                        confidence=max(1, answer - rng.choice([0, 1])),
                        supported=min(5, answer + rng.choice([0, 1])),
                    )
                )
    PulseCheck.objects.bulk_create(checks, ignore_conflicts=True)


def seed_conversation(tutor, mentorship: Mentorship) -> None:
    PairNote.objects.create(
        mentorship=mentorship,
        author=tutor,
        text="Two meetings have not been recorded since half term. Is the Wednesday slot "
        "still working, or shall we find another?",
    )
    PairNote.objects.create(
        mentorship=mentorship,
        author=mentorship.mentor,
        text="Wednesday clashes with a new intervention group. A morning would be better; "
        "I have asked the timetabler.",
    )


def seed_notifications(tutor, school, mentor, today: date) -> None:
    title, body = digest_for(school, today)
    Notification.objects.create(
        person=tutor,
        kind=Kind.DIGEST,
        key=f"demo-digest-{today}",
        title=title,
        body=body,
        url=f"/schools/{school.pk}/",
    )
    Notification.objects.create(
        person=mentor,
        kind=Kind.PULSE,
        key=f"demo-pulse-{today}",
        title="Three quick questions for this week",
        body="How manageable is your workload, how confident do you feel, and how supported?",
        url="/pulse/",
    )


def seed_plan(school, tutor, head, mentor, this_year: int) -> None:
    """Brookside is planning for next September: the team named, most of the spring's items
    done, the tutor-mentor dialogue given to a mentor."""
    from datetime import date

    from planning.checklist import due_date, entries_for
    from planning.models import Item, Plan, Reflection, TeamMember

    year = this_year + 1
    plan = Plan.objects.create(school=school, starts_year=year, created_by=tutor)
    owners = {
        "gatekeeper": head,
        "timetable": head,
        "cover": tutor,
        "pairing": tutor,
        "starting-point": mentor,
        "dialogue": mentor,
    }
    Item.objects.bulk_create(
        Item(
            plan=plan,
            key=key,
            level=level,
            title=title,
            why=why,
            owner=owners.get(key),
            due_on=due_date(year, *when),
            done_on=date(this_year, 11, 2) if key == "gatekeeper" else None,
            done_by=head if key == "gatekeeper" else None,
        )
        for key, level, title, why, when in entries_for("school")
    )
    TeamMember.objects.create(plan=plan, person=head, responsibility="Protecting time; timetabling")
    TeamMember.objects.create(plan=plan, person=tutor, responsibility="Leads the plan")
    Reflection.objects.create(
        plan=plan,
        prompt="time",
        updated_by=tutor,
        text="Mentors' time comes from the mentoring period on the timetable; assemblies "
        "move to the afternoon so Monday mornings are free for meetings.",
    )


def seed_mentor_development(strand, mentor, experienced, today: date) -> None:
    """The demo mentor has done the first unit and reviewed their skills; an experienced
    mentor marked the feedback unit as known."""
    from development.models import PartDone, SkillReview, UnitKnown

    units = list(strand.sessions_in_order())
    for part in units[0].parts.all():
        PartDone.objects.create(
            mentor=mentor,
            part=part,
            done_on=today - timedelta(days=20),
            minutes=part.minutes,
            note="Asking about the hardest lesson first opened things up."
            if part.kind == "try"
            else "",
        )
    SkillReview.objects.create(
        mentor=mentor,
        reviewed_on=today - timedelta(days=60),
        ratings={
            "safety": 3,
            "difficult": 2,
            "goals": 2,
            "modelling": 3,
            "practice": 2,
            "responsive": 2,
            "adults": 3,
        },
        note="Holding difficult conversations without softening the message away.",
    )
    UnitKnown.objects.create(
        mentor=experienced,
        session=units[1],
        marked_on=today - timedelta(days=30),
        answer="I describe what I saw before I interpret it, ask what the ECT noticed, and "
        "narrow it to one step; it kept a hard conversation about a Year 10 class useful.",
    )
