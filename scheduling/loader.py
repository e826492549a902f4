"""The thin Django side of the scheduler: load a school's day, timetables and pairs into
the solver's problem, solve, and save the result as slots, keeping the tutor's pins."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from assessments.schedule import calendars_for
from organisations.models import School
from people.models import Induction, Role, RolePeriod
from scheduling.models import DayPeriod, Lesson, ScheduleRun, ScheduleSettings, Slot, settings_for
from scheduling.solver import schema
from scheduling.solver.solve import solve
from scheduling.solver.tasks import pair_tasks, review_task

# Review meetings are planned for statutory points due within this many days.
REVIEW_HORIZON = timedelta(weeks=15)


@dataclass
class Loaded:
    problem: schema.Problem
    settings: ScheduleSettings
    periods: dict[str, DayPeriod]
    # task id -> what the slot is about, for saving and for explanations
    meta: dict[str, dict] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)


def _pid(user_id: int) -> str:
    return f"u{user_id}"


def load_school(school: School, today: date | None = None) -> Loaded:
    today = today or timezone.localdate()
    settings = settings_for(school)
    periods = list(school.day_periods.all())
    last_lesson = {}
    for p in periods:
        if p.kind == DayPeriod.Kind.LESSON:
            last_lesson[p.day] = max(last_lesson.get(p.day, p.starts_at), p.starts_at)
    usable = {str(p.pk): p for p in periods if settings.usable(p)}
    solver_school = schema.School(
        id=str(school.pk),
        periods=[
            schema.Period(
                code=key,
                day=p.day,
                starts=p.starts_at.hour * 60 + p.starts_at.minute,
                ends=p.ends_at.hour * 60 + p.ends_at.minute,
                tired=settings.tired(p, last_lesson.get(p.day) == p.starts_at),
            )
            for key, p in usable.items()
        ],
        allow_cover=settings.allow_cover,
    )
    problem = schema.Problem(schools={solver_school.id: solver_school}, people={}, tasks=[])
    loaded = Loaded(problem=problem, settings=settings, periods=usable)

    inductions = list(
        Induction.objects.placed_at(school, today).with_current_details(today).order_by("pk")
    )
    staff = list(
        RolePeriod.objects.current(today)
        .filter(school=school, role__in=[Role.MENTOR, Role.INDUCTION_TUTOR])
        .select_related("person")
    )
    mentee_counts = Counter(
        i.current_mentorships[0].mentor_id for i in inductions if i.current_mentorships
    )

    def add_person(user, *, mentor: bool = False) -> str:
        pid = _pid(user.pk)
        person = problem.people.get(pid)
        if person is None:
            person = problem.people[pid] = schema.Person(pid, user.full_name, solver_school.id)
            loaded.names[pid] = user.full_name
        if mentor:
            person.mentor = True
            if mentee_counts[user.pk]:
                person.weekly_budget = settings.mentor_minutes_per_ect * mentee_counts[user.pk]
        return pid

    for period in staff:
        add_person(period.person, mentor=period.role == Role.MENTOR)
    tutors = sorted(
        {p.person.pk: p.person for p in staff if p.role == Role.INDUCTION_TUTOR}.values(),
        key=lambda u: u.pk,
    )
    for induction in inductions:
        ect = add_person(induction.ect)
        if not induction.current_mentorships:
            continue
        mentorship = induction.current_mentorships[0]
        mentor = add_person(mentorship.mentor, mentor=True)
        for task in pair_tasks(
            f"m{mentorship.pk}",
            school=solver_school.id,
            ect=ect,
            mentor=mentor,
            meeting_minutes=settings.meeting_minutes,
            cadence=settings.meeting_cadence,
            observation_minutes=settings.observation_minutes or None,
        ):
            problem.tasks.append(task)
            loaded.meta[task.id] = {"induction": induction, "mentorship": mentorship}
    if tutors and settings.review_minutes:
        _add_reviews(loaded, inductions, tutors, today, add_person)
    _add_lessons(loaded, school)
    pins = Slot.objects.filter(school=school, pinned=True)
    for slot in pins:
        if slot.task_key in loaded.meta and str(slot.period_id) in usable:
            problem.pins[slot.task_key] = schema.Slot(
                slot.week, usable[str(slot.period_id)].day, str(slot.period_id)
            )
    return loaded


def _add_reviews(loaded: Loaded, inductions, tutors, today, add_person) -> None:
    calendars = calendars_for(inductions)
    load = Counter()
    for induction in inductions:
        point = calendars[induction.pk].next_point(today)
        if point is None or point.due_on > today + REVIEW_HORIZON:
            continue
        tutor = min(tutors, key=lambda u: (load[u.pk], u.pk))
        load[tutor.pk] += 1
        task = review_task(
            f"r{induction.pk}-{point.kind}{point.number}",
            school=next(iter(loaded.problem.schools)),
            ect=add_person(induction.ect),
            tutor=add_person(tutor),
            minutes=loaded.settings.review_minutes,
        )
        loaded.problem.tasks.append(task)
        loaded.meta[task.id] = {"induction": induction, "tutor": tutor, "due_on": point.due_on}


def _add_lessons(loaded: Loaded, school: School) -> None:
    user_ids = [int(pid[1:]) for pid in loaded.problem.people]
    two_week = school.timetable_weeks == 2
    lessons = Lesson.objects.filter(school=school, person_id__in=user_ids).select_related("period")
    for lesson in lessons:
        person = loaded.problem.people[_pid(lesson.person_id)]
        weeks = (lesson.week,) if two_week else schema.WEEKS
        for week in weeks:
            person.lessons[schema.Slot(week, lesson.period.day, str(lesson.period_id))] = (
                lesson.activity
            )


def staff_for_timetable(school: School, today: date | None = None) -> list[tuple]:
    """(person, role label) for everyone whose timetable the scheduler uses: the school's
    ECTs, mentors and induction tutors today."""
    periods = (
        RolePeriod.objects.current(today)
        .filter(school=school, role__in=[Role.ECT, Role.MENTOR, Role.INDUCTION_TUTOR])
        .select_related("person")
        .order_by("person__full_name", "role")
    )
    seen: dict[int, tuple] = {}
    for period in periods:
        person, label = seen.get(period.person_id, (period.person, []))
        label.append(period.get_role_display())
        seen[period.person_id] = (person, label)
    return [(person, ", ".join(labels)) for person, labels in seen.values()]


def describe(loaded: Loaded, unplaced: schema.Unplaced) -> dict:
    """An unplaced task in words, for the schedule page."""
    task = loaded.problem.task(unplaced.task)
    meta = loaded.meta[task.id]
    what = {
        schema.MEETING: "Mentor meeting"
        + (f", week {task.weeks[0]}" if len(task.weeks) == 1 else ""),
        schema.OBSERVATION: "Observation",
        schema.REVIEW: "Progress review meeting",
    }[task.kind]
    who = " and ".join(loaded.names[p] for p in task.people)
    return {
        "task": task.id,
        "induction": meta["induction"].pk,
        "what": what,
        "who": who,
        "reason": unplaced.reason_text,
        "fixes": list(unplaced.fixes),
    }


@transaction.atomic
def save_solution(run: ScheduleRun, loaded: Loaded, solution: schema.Solution) -> None:
    """Replace the school's unpinned slots with the solution's; pins stay as they are."""
    school = run.school
    Slot.objects.filter(school=school, pinned=False).delete()
    pinned = set(Slot.objects.filter(school=school).values_list("task_key", flat=True))
    stale = pinned - set(loaded.meta)
    Slot.objects.filter(school=school, task_key__in=stale).delete()
    solver_school = loaded.problem.schools[str(school.pk)]
    new = []
    for task_id, a in solution.assignments.items():
        if task_id in pinned:
            continue
        task = loaded.problem.task(task_id)
        meta = loaded.meta[task_id]
        ect = loaded.problem.people[task.ect] if task.ect else None
        new.append(
            Slot(
                school=school,
                run=run,
                task_key=task_id,
                kind=task.kind,
                induction=meta["induction"],
                mentorship=meta.get("mentorship"),
                tutor=meta.get("tutor"),
                week=a.slot.week,
                period=loaded.periods[a.slot.period],
                minutes=task.minutes,
                needs_cover=a.needs_cover,
                # Observations follow the ECT's lessons: tiredness is about meetings.
                tired=task.kind != schema.OBSERVATION and solver_school.period(a.slot).tired,
                on_release=bool(ect and ect.on_release(a.slot)),
                due_on=meta.get("due_on"),
            )
        )
    Slot.objects.bulk_create(new)
    # A pinned slot whose pin could not be kept is reported, and left for the tutor to move.
    run.placed = len(solution.assignments)
    run.tasks = len(loaded.problem.tasks)
    run.objective = solution.objective
    run.bound = solution.bound
    run.seconds = solution.seconds
    run.solver_status = solution.status
    run.unplaced = [describe(loaded, u) for u in solution.unplaced]
    run.status = ScheduleRun.Status.DONE
    run.finished_at = timezone.now()
    run.save()


def run_school(run: ScheduleRun, *, time_limit: float = 10.0) -> None:
    loaded = load_school(run.school)

    def progress(done: int, total: int) -> None:
        ScheduleRun.objects.filter(pk=run.pk).update(parts_done=done, parts_total=total)

    solution = solve(loaded.problem, time_limit=time_limit, on_progress=progress)
    save_solution(run, loaded, solution)
