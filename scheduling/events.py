"""A trust's central events: load every attendee's busy times from their school's day and
timetable (and their protected slots), place the events, save the times."""

from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from people.models import Role, RolePeriod
from scheduling.models import Lesson, ScheduleRun, Slot, TrustEvent
from scheduling.solver import events as solver


def _minutes(t) -> int:
    return t.hour * 60 + t.minute


def attendees(event: TrustEvent, today=None) -> list[int]:
    """The event's own people (a mentor group's members), or else the mentors at its schools
    (every school of the trust if none are chosen)."""
    people = [p.pk for p in event.people.all()]
    if people:
        return sorted(people)
    schools = [s.pk for s in event.schools.all()] or list(
        event.trust.schools.values_list("pk", flat=True)
    )
    return sorted(
        set(
            RolePeriod.objects.current(today)
            .filter(role=Role.MENTOR, school_id__in=schools)
            .values_list("person_id", flat=True)
        )
    )


def load_events(trust) -> solver.EventsProblem:
    events = list(trust.events.prefetch_related("schools", "people"))
    people = {e.pk: attendees(e) for e in events}
    everyone = {p for ids in people.values() for p in ids}
    busy = defaultdict(lambda: defaultdict(list))
    lessons = Lesson.objects.filter(person_id__in=everyone).exclude(
        activity=Lesson.Activity.RELEASE
    )
    for lesson in lessons.select_related("period"):
        p = lesson.period
        busy[str(lesson.person_id)][p.day].append((_minutes(p.starts_at), _minutes(p.ends_at)))
    slots = Slot.objects.filter(mentorship__mentor_id__in=everyone).select_related(
        "period", "mentorship"
    )
    for slot in slots:
        p = slot.period
        busy[str(slot.mentorship.mentor_id)][p.day].append(
            (_minutes(p.starts_at), _minutes(p.starts_at) + slot.minutes)
        )
    return solver.EventsProblem(
        events=[
            solver.Event(
                id=str(e.pk),
                minutes=e.minutes,
                attendees=tuple(str(p) for p in people[e.pk]),
                weeks=tuple(e.weeks),
                pinned=(e.day, _minutes(e.starts_at)) if e.pinned and e.starts_at else None,
            )
            for e in events
        ],
        busy={person: dict(days) for person, days in busy.items()},
    )


def run_trust(run: ScheduleRun) -> None:
    problem = load_events(run.trust)
    ScheduleRun.objects.filter(pk=run.pk).update(parts_total=1)
    placed, seconds = solver.place_events(problem)
    with transaction.atomic():
        for item in placed:
            start = item.start
            TrustEvent.objects.filter(pk=int(item.event)).update(
                day=item.day,
                starts_at=f"{start // 60:02d}:{start % 60:02d}",
                clashes=len(item.clashes),
                run=run,
            )
        run.parts_done = 1
        run.placed = len(placed)
        run.tasks = len(problem.events)
        run.objective = sum(len(p.clashes) for p in placed)
        run.seconds = seconds
        run.status = ScheduleRun.Status.DONE
        run.finished_at = timezone.now()
        run.save()
